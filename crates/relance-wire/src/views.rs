//! What the UI receives. Built from the use cases' results; amounts are
//! decimal strings, dates ISO strings, codes snake_case.

use chrono::NaiveDate;
use relance_app::customers::{CustomerDetail, Saved};
use relance_app::invoices::InvoiceLine;
use relance_app::reports::OverdueReport;
use relance_app::today::TodayReport;
use relance_domain::allocation::AllocationPlan;
use relance_domain::company::{Address, CompanyProfile};
use relance_domain::status::InvoiceStatus;
use relance_domain::terms::TermsWarning;
use relance_domain::Money;

use crate::policies::CustomerPolicyView;
use relance_store::activity::ActivityRow;
use relance_store::customers::{Customer, CustomerRow};
use relance_store::payments::{PaymentRow, Receipt};
use relance_store::Paged;
use serde::Serialize;
use ts_rs::TS;

pub fn money(m: Money) -> String {
    m.to_string()
}

pub(crate) fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn text(o: &Option<String>) -> String {
    o.clone().unwrap_or_default()
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct AppInfoView {
    pub version: String,
    /// `fr` or `en`: the interface language.
    pub language: String,
    pub data_dir: String,
    /// True on first start: offer the example business.
    pub database_is_empty: bool,
    /// False until the company profile has been saved once.
    pub company_named: bool,
    pub today: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct AddressView {
    pub line1: String,
    pub line2: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
}

impl From<&Address> for AddressView {
    fn from(a: &Address) -> Self {
        AddressView {
            line1: text(&a.line1),
            line2: text(&a.line2),
            postal_code: text(&a.postal_code),
            city: text(&a.city),
            country: text(&a.country),
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct CompanyView {
    pub name: String,
    pub legal_form: String,
    pub siren: String,
    pub siret: String,
    pub vat_number: String,
    pub address: AddressView,
    pub email: String,
    pub phone: String,
    pub iban: String,
    pub bic: String,
    pub currency: String,
    pub default_terms: String,
    pub language: String,
}

impl From<&CompanyProfile> for CompanyView {
    fn from(c: &CompanyProfile) -> Self {
        CompanyView {
            name: c.name.clone(),
            legal_form: text(&c.legal_form),
            siren: text(&c.siren),
            siret: text(&c.siret),
            vat_number: text(&c.vat_number),
            address: (&c.address).into(),
            email: text(&c.email),
            phone: text(&c.phone),
            iban: text(&c.iban),
            bic: text(&c.bic),
            currency: c.currency.code().to_string(),
            default_terms: c.default_terms.code(),
            language: c.language.code().to_string(),
        }
    }
}

/// `over_60_days` or `over_45_days_end_of_month`.
fn warning(w: Option<TermsWarning>) -> Option<String> {
    w.map(|w| {
        match w {
            TermsWarning::Over60Days => "over_60_days",
            TermsWarning::Over45DaysEndOfMonth => "over_45_days_end_of_month",
        }
        .to_string()
    })
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct CustomerSavedView {
    pub id: i64,
    /// Set when business terms exceed the legal cap (L441-10).
    pub terms_warning: Option<String>,
}

impl From<&Saved> for CustomerSavedView {
    fn from(s: &Saved) -> Self {
        CustomerSavedView { id: s.id.0, terms_warning: warning(s.terms_warning) }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct CustomerView {
    pub id: i64,
    pub kind: String,
    pub name: String,
    pub siren: String,
    pub siret: String,
    pub vat_number: String,
    pub contact_name: String,
    pub email: String,
    pub phone: String,
    pub address: AddressView,
    /// Empty: the company's default terms.
    pub terms: String,
    pub credit_limit: String,
    pub notes: String,
    pub archived: bool,
}

impl From<&Customer> for CustomerView {
    fn from(c: &Customer) -> Self {
        let d = &c.data;
        CustomerView {
            id: c.id.0,
            kind: d.kind.code().to_string(),
            name: d.name.clone(),
            siren: text(&d.siren),
            siret: text(&d.siret),
            vat_number: text(&d.vat_number),
            contact_name: text(&d.contact_name),
            email: text(&d.email),
            phone: text(&d.phone),
            address: (&d.address).into(),
            terms: d.terms.map(|t| t.code()).unwrap_or_default(),
            credit_limit: d.credit_limit.map(money).unwrap_or_default(),
            notes: text(&d.notes),
            archived: c.archived,
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct CustomerRowView {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub city: String,
    pub email: String,
    pub phone: String,
    pub archived: bool,
    pub outstanding: String,
    pub overdue: String,
    pub open_invoices: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct CustomerPageView {
    pub rows: Vec<CustomerRowView>,
    pub total_rows: u32,
}

impl From<&Paged<CustomerRow>> for CustomerPageView {
    fn from(p: &Paged<CustomerRow>) -> Self {
        CustomerPageView {
            total_rows: u32::try_from(p.total_rows).unwrap_or(u32::MAX),
            rows: p
                .rows
                .iter()
                .map(|r| CustomerRowView {
                    id: r.id.0,
                    name: r.name.clone(),
                    kind: r.kind.code().to_string(),
                    city: text(&r.city),
                    email: text(&r.email),
                    phone: text(&r.phone),
                    archived: r.archived,
                    outstanding: money(r.outstanding),
                    overdue: money(r.overdue),
                    open_invoices: r.open_invoices,
                })
                .collect(),
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct InvoiceView {
    pub id: i64,
    pub customer_id: i64,
    pub customer_name: String,
    pub number: String,
    pub issue_date: String,
    pub due_date: String,
    pub due_date_set_by_hand: bool,
    pub amount_excl_tax: String,
    pub tax_amount: String,
    pub total: String,
    pub settled: String,
    pub remaining: String,
    /// `open`, `partially_paid`, `paid`, `overdue` or `cancelled`.
    pub status: String,
    /// Days past the due date (0 unless overdue).
    pub days_late: u32,
    pub cancel_reason: String,
}

impl From<&InvoiceLine> for InvoiceView {
    fn from(l: &InvoiceLine) -> Self {
        let i = &l.invoice;
        let days_late = match l.status {
            InvoiceStatus::Overdue { days_late } => u32::try_from(days_late).unwrap_or(u32::MAX),
            _ => 0,
        };
        InvoiceView {
            id: i.id.0,
            customer_id: i.customer_id.0,
            customer_name: i.customer_name.clone(),
            number: i.data.number.clone(),
            issue_date: date(i.data.issue_date),
            due_date: date(i.data.due_date),
            due_date_set_by_hand: i.data.due_date_set_by_hand,
            amount_excl_tax: money(i.data.amount_excl_tax),
            tax_amount: money(i.data.tax_amount),
            total: money(i.data.total),
            settled: money(i.settled),
            remaining: money(l.remaining),
            status: l.status.code().to_string(),
            days_late,
            cancel_reason: text(&i.cancel_reason),
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct InvoicePageView {
    pub rows: Vec<InvoiceView>,
    pub total_rows: u32,
}

impl From<&Paged<InvoiceLine>> for InvoicePageView {
    fn from(p: &Paged<InvoiceLine>) -> Self {
        InvoicePageView {
            total_rows: u32::try_from(p.total_rows).unwrap_or(u32::MAX),
            rows: p.rows.iter().map(InvoiceView::from).collect(),
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct AllocationLineView {
    pub invoice_id: i64,
    pub number: String,
    pub amount: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct PaymentView {
    pub id: i64,
    /// `payment` or `credit_note`.
    pub kind: String,
    pub date: String,
    pub amount: String,
    /// Payment method code; empty for a credit note.
    pub method: String,
    /// Bank reference, or the credit note's number.
    pub reference: String,
    pub note: String,
    pub allocations: Vec<AllocationLineView>,
    pub unallocated: String,
}

impl From<&PaymentRow> for PaymentView {
    fn from(p: &PaymentRow) -> Self {
        let (kind, method, reference, note) = match &p.receipt {
            Receipt::Payment { method, reference } => {
                ("payment", method.code().to_string(), text(reference), String::new())
            }
            Receipt::CreditNote { number, reason } => ("credit_note", String::new(), number.clone(), text(reason)),
        };
        PaymentView {
            id: p.id.0,
            kind: kind.to_string(),
            date: date(p.date),
            amount: money(p.amount),
            method,
            reference,
            note,
            allocations: p
                .allocations
                .iter()
                .map(|(id, number, amount)| AllocationLineView {
                    invoice_id: id.0,
                    number: number.clone(),
                    amount: money(*amount),
                })
                .collect(),
            unallocated: money(p.unallocated),
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct TimelineEntryView {
    /// UTC timestamp, RFC 3339.
    pub at: String,
    /// What happened: `customer_created`, `invoice_created`, `payment_recorded`...
    pub kind: String,
    /// The sentence's parameters, as (name, value) pairs.
    pub details: Vec<(String, String)>,
    /// For a `letter_sent` entry, the kept copy of the letter (« Voir la lettre »).
    pub letter_id: Option<i64>,
}

impl From<&ActivityRow> for TimelineEntryView {
    fn from(a: &ActivityRow) -> Self {
        let letter_id = (a.kind == "letter_sent")
            .then(|| a.details.iter().find(|(k, _)| k == "letter").and_then(|(_, v)| v.parse().ok()))
            .flatten();
        TimelineEntryView { at: a.at.to_rfc3339(), kind: a.kind.clone(), details: a.details.clone(), letter_id }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct BalanceView {
    pub outstanding: String,
    pub overdue: String,
    pub credit: String,
    pub open_invoices: u32,
    pub overdue_invoices: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct CustomerDetailView {
    pub customer: CustomerView,
    pub effective_terms: String,
    pub terms_warning: Option<String>,
    pub balance: BalanceView,
    pub open_invoices: Vec<InvoiceView>,
    pub payments: Vec<PaymentView>,
    pub timeline: Vec<TimelineEntryView>,
    /// Payment profile, reminder policy and contractual rate.
    pub collections: CustomerPolicyView,
    /// Credit insurance: the cover, what is above it, the declared invoices.
    pub cover: crate::insurance::CoverView,
}

impl From<&CustomerDetail> for CustomerDetailView {
    fn from(d: &CustomerDetail) -> Self {
        let b = &d.balance;
        CustomerDetailView {
            customer: (&d.customer).into(),
            effective_terms: d.effective_terms.code(),
            terms_warning: warning(d.terms_warning),
            balance: BalanceView {
                outstanding: money(b.outstanding),
                overdue: money(b.overdue),
                credit: money(b.credit),
                open_invoices: b.open_invoices,
                overdue_invoices: b.overdue_invoices,
            },
            open_invoices: d.open_invoices.iter().map(InvoiceView::from).collect(),
            payments: d.payments.iter().map(PaymentView::from).collect(),
            timeline: d.timeline.iter().map(TimelineEntryView::from).collect(),
            collections: CustomerPolicyView::from(d),
            cover: (&d.cover).into(),
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct AllocationPreviewView {
    pub lines: Vec<AllocationLineView>,
    /// Left on the customer's account as a credit.
    pub unallocated: String,
}

impl AllocationPreviewView {
    /// `number_of` gives an invoice's number from its id.
    pub fn new(plan: &AllocationPlan, number_of: impl Fn(i64) -> String) -> Self {
        AllocationPreviewView {
            lines: plan
                .lines
                .iter()
                .map(|l| AllocationLineView {
                    invoice_id: l.invoice.0,
                    number: number_of(l.invoice.0),
                    amount: money(l.amount),
                })
                .collect(),
            unallocated: money(plan.unallocated),
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct TodayInvoiceView {
    pub id: i64,
    pub number: String,
    pub issue_date: String,
    pub due_date: String,
    pub total: String,
    pub remaining: String,
    /// Days past due (0 when not yet due).
    pub days_late: u32,
    pub overdue: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct TodayGroupView {
    pub customer_id: i64,
    pub customer_name: String,
    pub phone: String,
    pub email: String,
    pub overdue: String,
    pub due_soon: String,
    /// Every invoice of the customer overdue or due soon; `invoices` lists the oldest few.
    pub invoice_count: u32,
    pub invoices: Vec<TodayInvoiceView>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct TodayView {
    pub as_of: String,
    pub due_soon_until: String,
    pub total_outstanding: String,
    pub total_overdue: String,
    pub total_due_soon: String,
    /// Written off and still unpaid: not in the totals above (no longer to collect).
    pub total_written_off: String,
    /// Customers to look at, on all pages.
    pub customers: u32,
    pub groups: Vec<TodayGroupView>,
}

impl TodayView {
    pub fn new(report: &TodayReport) -> Self {
        let (t, as_of, due_soon_until) = (&report.today, report.as_of, report.due_soon_until);
        TodayView {
            as_of: date(as_of),
            due_soon_until: date(due_soon_until),
            total_outstanding: money(t.total_outstanding),
            total_overdue: money(t.total_overdue),
            total_due_soon: money(t.total_due_soon),
            total_written_off: money(report.written_off),
            customers: u32::try_from(t.customers).unwrap_or(u32::MAX),
            groups: t
                .groups
                .iter()
                .map(|g| TodayGroupView {
                    customer_id: g.customer_id.0,
                    customer_name: g.customer_name.clone(),
                    phone: text(&g.phone),
                    email: text(&g.email),
                    overdue: money(g.overdue),
                    due_soon: money(g.due_soon),
                    invoice_count: g.invoice_count,
                    invoices: g
                        .invoices
                        .iter()
                        .map(|i| {
                            let late = relance_domain::status::days_late(i.due_date, as_of);
                            TodayInvoiceView {
                                id: i.id.0,
                                number: i.number.clone(),
                                issue_date: date(i.issue_date),
                                due_date: date(i.due_date),
                                total: money(i.total),
                                remaining: money(i.remaining),
                                days_late: u32::try_from(late).unwrap_or(u32::MAX),
                                overdue: late > 0,
                            }
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct OverdueLineView {
    pub customer_name: String,
    pub number: String,
    pub due_date: String,
    pub days_late: i64,
    pub amount_due: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct WriteOffLineView {
    pub customer_name: String,
    pub number: String,
    pub date: String,
    pub amount: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct OverdueReportView {
    pub as_of: String,
    pub invoices: Vec<OverdueLineView>,
    pub count: u32,
    /// Still to collect: written-off amounts are left out (see `write_offs`).
    pub total_due: String,
    /// Losses recorded by `as_of`: kept in the books, no longer chased.
    pub write_offs: Vec<WriteOffLineView>,
    pub written_off_total: String,
}

impl From<&OverdueReport> for OverdueReportView {
    fn from(r: &OverdueReport) -> Self {
        OverdueReportView {
            as_of: date(r.as_of),
            count: u32::try_from(r.lines.len()).unwrap_or(u32::MAX),
            total_due: money(r.total),
            write_offs: r
                .write_offs
                .iter()
                .map(|w| WriteOffLineView {
                    customer_name: w.customer_name.clone(),
                    number: w.number.clone(),
                    date: date(w.on),
                    amount: money(w.amount),
                    reason: w.reason.clone(),
                })
                .collect(),
            written_off_total: money(r.written_off_total),
            invoices: r
                .lines
                .iter()
                .map(|l| OverdueLineView {
                    customer_name: l.customer_name.clone(),
                    number: l.number.clone(),
                    due_date: date(l.due_date),
                    days_late: l.days_late,
                    amount_due: money(l.remaining),
                })
                .collect(),
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct PaymentRecordedView {
    pub id: i64,
    pub allocation: AllocationPreviewView,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct DemoSummaryView {
    pub customers: u32,
    pub invoices: u32,
    pub payments: u32,
}

#[cfg(test)]
mod timeline_tests {
    use super::*;

    fn row(kind: &str, details: &[(&str, &str)]) -> ActivityRow {
        ActivityRow {
            at: chrono::DateTime::UNIX_EPOCH,
            kind: kind.to_string(),
            details: details.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        }
    }

    #[test]
    fn only_a_sent_letter_carries_its_kept_copy() {
        let sent = row("letter_sent", &[("letter", "12"), ("kind", "notice")]);
        assert_eq!(TimelineEntryView::from(&sent).letter_id, Some(12));
        let other = row("reminder_done", &[("letter", "12")]);
        assert_eq!(TimelineEntryView::from(&other).letter_id, None);
        let broken = row("letter_sent", &[("letter", "douze")]);
        assert_eq!(TimelineEntryView::from(&broken).letter_id, None);
    }
}
