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
