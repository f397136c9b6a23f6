//! What the UI sends: forms as typed (all text, validated by the domain)
//! and list queries.

use relance_app::customers::ProfileInput;
use relance_domain::company::{AddressInput, CompanyInput};
use relance_domain::customer::CustomerInput;
use relance_domain::ids::{CustomerId, InvoiceId};
use relance_domain::insurance::InsuranceInput;
use relance_domain::invoice::{CreditNoteInput, InvoiceInput};
use relance_domain::payment::PaymentInput;
use relance_store::customers::{CustomerQuery, CustomerSort};
use relance_store::invoices::{InvoiceQuery, InvoiceSort, StatusFilter};
use relance_store::Page;
use serde::Deserialize;
use ts_rs::TS;

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct AddressForm {
    pub line1: String,
    pub line2: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
}

impl From<&AddressForm> for AddressInput {
    fn from(a: &AddressForm) -> Self {
        AddressInput {
            line1: a.line1.clone(),
            line2: a.line2.clone(),
            postal_code: a.postal_code.clone(),
            city: a.city.clone(),
            country: a.country.clone(),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct CompanyForm {
    pub name: String,
    pub legal_form: String,
    pub siren: String,
    pub siret: String,
    pub vat_number: String,
    pub address: AddressForm,
    pub email: String,
    pub phone: String,
    pub iban: String,
    pub bic: String,
    pub currency: String,
    /// `receipt`, `net:30`, `net_eom:45` or `eom_plus:10`.
    pub default_terms: String,
    /// `fr` or `en`.
    pub language: String,
}

impl From<&CompanyForm> for CompanyInput {
    fn from(f: &CompanyForm) -> Self {
        CompanyInput {
            name: f.name.clone(),
            legal_form: f.legal_form.clone(),
            siren: f.siren.clone(),
            siret: f.siret.clone(),
            vat_number: f.vat_number.clone(),
            address: (&f.address).into(),
            email: f.email.clone(),
            phone: f.phone.clone(),
            iban: f.iban.clone(),
            bic: f.bic.clone(),
            currency: f.currency.clone(),
            default_terms: f.default_terms.clone(),
            language: f.language.clone(),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct CustomerForm {
    /// `business` or `consumer`.
    pub kind: String,
    pub name: String,
    pub siren: String,
    pub siret: String,
    pub vat_number: String,
    pub contact_name: String,
    pub email: String,
    pub phone: String,
    pub address: AddressForm,
    /// Empty: the company's default terms.
    pub terms: String,
    pub credit_limit: String,
    pub notes: String,
    /// Payment profile: `punctual`, `late`, `variable`, `at_risk`; empty: not classified.
    pub segment: String,
    /// The customer's own reminder policy; null: follow the profile, then the default.
    pub policy_id: Option<i64>,
    /// Contractual late-payment rate in percent as typed; empty: the legal rate.
    pub contractual_rate: String,
    /// Credit insurer (« Assurance-crédit »); the three fields empty: not insured.
    pub insurer: String,
    /// The covered amount as typed; empty: not known.
    pub covered_amount: String,
    /// Days after the due date to declare an unpaid invoice, as typed.
    pub declaration_days: String,
}

impl CustomerForm {
    /// The form's payment profile, policy and contractual rate.
    pub fn profile(&self) -> ProfileInput {
        ProfileInput {
            segment: self.segment.clone(),
            policy: self.policy_id,
            contractual_rate: self.contractual_rate.clone(),
            insurance: InsuranceInput {
                insurer: self.insurer.clone(),
                covered_amount: self.covered_amount.clone(),
                deadline_days: self.declaration_days.clone(),
            },
        }
    }
}

impl From<&CustomerForm> for CustomerInput {
    fn from(f: &CustomerForm) -> Self {
        CustomerInput {
            kind: f.kind.clone(),
            name: f.name.clone(),
            siren: f.siren.clone(),
            siret: f.siret.clone(),
            vat_number: f.vat_number.clone(),
            contact_name: f.contact_name.clone(),
            email: f.email.clone(),
            phone: f.phone.clone(),
            address: (&f.address).into(),
            terms: f.terms.clone(),
            credit_limit: f.credit_limit.clone(),
            notes: f.notes.clone(),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct InvoiceForm {
    pub customer_id: Option<i64>,
    pub number: String,
    pub issue_date: String,
    /// Empty: from the customer's payment terms.
    pub due_date: String,
    pub amount_excl_tax: String,
    pub tax_amount: String,
    pub total: String,
    /// What the user decided when credit control warned (`deposit_requested`,
    /// `cash_payment`, `accepted`); absent when it did not warn.
    #[ts(optional)]
    pub credit_decision: Option<String>,
}

impl InvoiceForm {
    pub fn customer(&self) -> CustomerId {
        CustomerId(self.customer_id.unwrap_or(0))
    }

    pub fn input(&self) -> InvoiceInput {
        let opt = |s: &String| Some(s.clone()).filter(|s| !s.trim().is_empty());
        InvoiceInput {
            number: self.number.clone(),
            issue_date: self.issue_date.clone(),
            due_date: opt(&self.due_date),
            amount_excl_tax: opt(&self.amount_excl_tax),
            tax_amount: opt(&self.tax_amount),
            total: opt(&self.total),
        }
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct AllocationForm {
    pub invoice_id: i64,
    pub amount: String,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct PaymentForm {
    pub customer_id: Option<i64>,
    pub date: String,
    pub amount: String,
    /// `cash`, `cheque`, `card`, `transfer`, `direct_debit` or `other`.
    pub method: String,
    pub reference: String,
    /// `null`: oldest invoices first. Otherwise the amounts chosen per invoice.
    pub allocation: Option<Vec<AllocationForm>>,
}

impl PaymentForm {
    pub fn customer(&self) -> CustomerId {
        CustomerId(self.customer_id.unwrap_or(0))
    }

    pub fn input(&self) -> PaymentInput {
        PaymentInput {
            date: self.date.clone(),
            amount: self.amount.clone(),
            method: self.method.clone(),
            reference: self.reference.clone(),
        }
    }

    pub fn allocation(&self) -> relance_app::payments::Allocation {
        match &self.allocation {
            None => relance_app::payments::Allocation::OldestFirst,
            Some(lines) => relance_app::payments::Allocation::Chosen(
                lines.iter().map(|l| (InvoiceId(l.invoice_id), l.amount.clone())).collect(),
            ),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct CreditNoteForm {
    pub customer_id: Option<i64>,
    /// The invoice it settles; `null`: the oldest invoices.
    pub invoice_id: Option<i64>,
    pub number: String,
    pub date: String,
    pub amount: String,
    pub reason: String,
}

impl CreditNoteForm {
    pub fn input(&self) -> CreditNoteInput {
        CreditNoteInput {
            number: self.number.clone(),
            date: self.date.clone(),
            amount: self.amount.clone(),
            reason: self.reason.clone(),
        }
    }
}

fn page(index: u32, size: u32) -> Page {
    Page { index, size: if size == 0 { 50 } else { size } }
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct CustomerListQuery {
    pub search: String,
    pub include_archived: bool,
    /// `name`, `outstanding` or `overdue`.
    pub sort: String,
    pub descending: bool,
    pub page: u32,
    pub page_size: u32,
}

impl CustomerListQuery {
    pub fn query(&self) -> CustomerQuery {
        CustomerQuery {
            search: self.search.clone(),
            include_archived: self.include_archived,
            sort: match self.sort.as_str() {
                "outstanding" => CustomerSort::Outstanding,
                "overdue" => CustomerSort::Overdue,
                _ => CustomerSort::Name,
            },
            descending: self.descending,
            page: page(self.page, self.page_size),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct InvoiceListQuery {
    /// `all`, `unpaid`, `open`, `partially_paid`, `overdue`, `paid`, `cancelled`.
    pub status: String,
    pub customer_id: Option<i64>,
    pub due_from: String,
    pub due_to: String,
    pub search: String,
    /// `number`, `issue_date`, `due_date`, `customer`, `total`, `remaining`.
    pub sort: String,
    pub descending: bool,
    pub page: u32,
    pub page_size: u32,
}

impl InvoiceListQuery {
    /// The store query; bad dates are reported on their fields.
    pub fn query(&self) -> Result<InvoiceQuery, relance_domain::Validation> {
        use relance_domain::dates::parse_optional_date;
        use relance_domain::validation::{Field, Validation};
        let mut v = Validation::new();
        let due_from = v.check(parse_optional_date(Field::DueDate, Some(&self.due_from))).flatten();
        let due_to = v.check(parse_optional_date(Field::DueDate, Some(&self.due_to))).flatten();
        let status = match self.status.as_str() {
            "all" => StatusFilter::All,
            "open" => StatusFilter::Open,
            "partially_paid" => StatusFilter::PartiallyPaid,
            "overdue" => StatusFilter::Overdue,
            "paid" => StatusFilter::Paid,
            "cancelled" => StatusFilter::Cancelled,
            _ => StatusFilter::Unpaid,
        };
        let sort = match self.sort.as_str() {
            "number" => InvoiceSort::Number,
            "issue_date" => InvoiceSort::IssueDate,
            "customer" => InvoiceSort::Customer,
            "total" => InvoiceSort::Total,
            "remaining" => InvoiceSort::Remaining,
            _ => InvoiceSort::DueDate,
        };
        v.finish(|| InvoiceQuery {
            status,
            customer: self.customer_id.map(CustomerId),
            due_from,
            due_to,
            search: self.search.clone(),
            sort,
            descending: self.descending,
            page: page(self.page, self.page_size),
        })
    }
}

/// A promise to pay as typed on the customer's page.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct PromiseForm {
    pub customer_id: Option<i64>,
    pub amount: String,
    /// The promised date, as typed.
    pub by: String,
    /// The invoices it covers; empty: all the customer's unpaid invoices.
    pub invoice_ids: Vec<i64>,
}

/// A half-year's official rate added by the user.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct RateForm {
    /// `ecb` (ECB main refinancing rate), `legal_other` or `legal_private` (taux de l'intérêt légal).
    pub kind: String,
    /// The first day of the half-year: `YYYY-01-01` or `YYYY-07-01` (or dd/mm/yyyy).
    pub half_year_start: String,
    /// Percent per year, e.g. "2,40".
    pub rate: String,
    /// The official text it comes from (decision of the ECB, arrêté at the Journal officiel).
    pub source: String,
}

/// A move after the formal notice, as chosen on the invoice's page.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct EscalateForm {
    pub invoice_id: i64,
    /// injunction_prepared | handed_to_agency | written_off
    pub to: String,
    /// Written off only: the amount given up, as typed (default: what remains).
    pub amount: String,
    /// Written off only: why.
    pub reason: String,
}
