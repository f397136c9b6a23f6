//! Which column holds which field. Presets: the IBM accounts-receivable
//! sample and a generic French or English invoices export.

/// The columns of an invoices file, by their header (compared without
/// case, accents or spaces). Each field lists the headers accepted for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceMapping {
    pub name: &'static str,
    /// The customer's name (or its code, kept as its name).
    pub customer: Vec<String>,
    /// The invoice number, kept as text (leading zeros stay).
    pub number: Vec<String>,
    pub issue_date: Vec<String>,
    /// Optional: without it the company's default terms give the due date.
    pub due_date: Vec<String>,
    pub total: Vec<String>,
    /// Optional: a date there is a payment of the full amount on that day.
    pub settled_date: Vec<String>,
    /// Optional and not imported yet: a disputed invoice is only counted.
    pub disputed: Vec<String>,
}

fn list(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

impl InvoiceMapping {
    /// IBM Watson Analytics' "Finance Factoring: Late Payment Histories".
    pub fn ibm() -> InvoiceMapping {
        InvoiceMapping {
            name: "ibm",
            customer: list(&["customerID"]),
            number: list(&["invoiceNumber"]),
            issue_date: list(&["InvoiceDate"]),
            due_date: list(&["DueDate"]),
            total: list(&["InvoiceAmount"]),
            settled_date: list(&["SettledDate"]),
            disputed: list(&["Disputed"]),
        }
    }

    /// A spreadsheet of invoices with French or English headers.
    pub fn generic() -> InvoiceMapping {
        InvoiceMapping {
            name: "generic",
            customer: list(&["Client", "Nom du client", "Customer", "Customer name"]),
            number: list(&["N° facture", "Numéro de facture", "Numéro", "Facture", "Invoice number", "Invoice"]),
            issue_date: list(&["Date", "Date de facture", "Date facture", "Invoice date", "Issue date"]),
            due_date: list(&["Échéance", "Date d'échéance", "Due date"]),
            total: list(&["Montant TTC", "Total TTC", "Montant", "Amount", "Total"]),
            settled_date: list(&["Date de paiement", "Réglée le", "Payée le", "Paid on", "Settled date"]),
            disputed: list(&["Litige", "Disputed"]),
        }
    }

    /// A preset by its name.
    pub fn preset(name: &str) -> Option<InvoiceMapping> {
        match name {
            "ibm" => Some(InvoiceMapping::ibm()),
            "generic" => Some(InvoiceMapping::generic()),
            _ => None,
        }
    }
}

/// The presets the user chooses from; their columns live in code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    /// IBM's accounts-receivable sample.
    Ibm,
    /// A spreadsheet with French or English headers.
    Generic,
}

impl Preset {
    pub fn code(self) -> &'static str {
        match self {
            Preset::Ibm => "ibm",
            Preset::Generic => "generic",
        }
    }

    pub fn from_code(code: &str) -> Option<Preset> {
        match code {
            "ibm" => Some(Preset::Ibm),
            "generic" => Some(Preset::Generic),
            _ => None,
        }
    }
}

impl InvoiceMapping {
    pub fn of(preset: Preset) -> InvoiceMapping {
        match preset {
            Preset::Ibm => InvoiceMapping::ibm(),
            Preset::Generic => InvoiceMapping::generic(),
        }
    }
}

/// The columns of a customers file. A customer is found by its code when
/// the file has one, else by its name (without case, accents nor spaces).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerMapping {
    pub name: Vec<String>,
    /// Optional: the customer's code in the user's other software.
    pub code: Vec<String>,
    pub email: Vec<String>,
    pub phone: Vec<String>,
    pub siren: Vec<String>,
    pub contact: Vec<String>,
}

impl CustomerMapping {
    /// IBM's sample has only the customer's code, kept as its name.
    pub fn ibm() -> CustomerMapping {
        CustomerMapping {
            name: list(&["customerID"]),
            code: list(&["customerID"]),
            email: Vec::new(),
            phone: Vec::new(),
            siren: Vec::new(),
            contact: Vec::new(),
        }
    }

    pub fn generic() -> CustomerMapping {
        CustomerMapping {
            name: list(&["Nom", "Client", "Nom du client", "Raison sociale", "Name", "Customer", "Customer name"]),
            code: list(&["Code", "Code client", "Customer code", "Customer ID", "ID"]),
            email: list(&["E-mail", "Email", "Courriel", "Mail"]),
            phone: list(&["Téléphone", "Tél", "Tel", "Phone"]),
            siren: list(&["SIREN"]),
            contact: list(&["Contact", "Interlocuteur", "Contact name"]),
        }
    }

    pub fn of(preset: Preset) -> CustomerMapping {
        match preset {
            Preset::Ibm => CustomerMapping::ibm(),
            Preset::Generic => CustomerMapping::generic(),
        }
    }
}

/// The columns of a payments file. A payment is matched to its invoice by
/// the invoice's number; it is the same payment again when its reference
/// is (or, without one, its invoice, date and amount are).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentMapping {
    pub number: Vec<String>,
    pub date: Vec<String>,
    pub amount: Vec<String>,
    /// Optional: the bank's reference of the payment.
    pub reference: Vec<String>,
    /// Optional: checked against the invoice's customer.
    pub customer: Vec<String>,
    /// A row without a date is skipped (IBM: an invoice not settled yet);
    /// otherwise it is an error.
    pub skip_undated: bool,
}

impl PaymentMapping {
    /// IBM's sample: a settled invoice is one payment of its full amount.
    pub fn ibm() -> PaymentMapping {
        PaymentMapping {
            number: list(&["invoiceNumber"]),
            date: list(&["SettledDate"]),
            amount: list(&["InvoiceAmount"]),
            reference: Vec::new(),
            customer: list(&["customerID"]),
            skip_undated: true,
        }
    }

    pub fn generic() -> PaymentMapping {
        PaymentMapping {
            number: list(&["N° facture", "Numéro de facture", "Facture", "Invoice number", "Invoice"]),
            date: list(&["Date", "Date de paiement", "Date du règlement", "Payment date", "Paid on"]),
            amount: list(&["Montant", "Montant réglé", "Montant payé", "Amount", "Amount paid"]),
            reference: list(&["Référence", "Réf", "Reference", "Ref"]),
            customer: list(&["Client", "Nom du client", "Customer", "Customer name"]),
            skip_undated: false,
        }
    }

    pub fn of(preset: Preset) -> PaymentMapping {
        match preset {
            Preset::Ibm => PaymentMapping::ibm(),
            Preset::Generic => PaymentMapping::generic(),
        }
    }
}
