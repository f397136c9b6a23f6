//! Loading the example business (see `relance_domain::demo`) into an empty
//! database, to try Relance or to measure it.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use relance_domain::demo::{self, DemoBook};
use relance_domain::ids::{CustomerId, InvoiceId, PaymentId};
use relance_domain::validation::{Field, Problem};
use relance_domain::{Currency, Money};
use relance_store::activity::{self, ActivityKind, Subject};
use relance_store::payments::Receipt;
use relance_store::Conn;

use crate::{AppError, AppResult, Context};

pub use relance_domain::demo::DemoOptions;

/// What was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoSummary {
    pub customers: u32,
    pub invoices: u32,
    pub payments: u32,
    pub allocations: u32,
    /// False when a company profile was already saved and was kept.
    pub company_set: bool,
}

/// Writes the example book dated at the clock's today, in one transaction.
/// Refused when the database already has customers: the demo never mixes
/// with real data.
pub fn load(ctx: &mut impl Context, opts: &DemoOptions) -> AppResult<DemoSummary> {
    if relance_store::counts::has_customers(ctx.store().conn())? {
        return Err(not_empty());
    }
    let today = ctx.clock().today();
    let now = ctx.clock().now();
    let demo_company = demo::company().validate()?;
    let saved_company = relance_store::company::get(ctx.store().conn())?;
    let mut book = demo::generate(opts, today);
    // Due dates were computed with the demo's default terms; when the user's
    // own default differs, customers without terms get the demo's explicitly
    // so that their terms and due dates keep agreeing.
    if saved_company.as_ref().is_some_and(|c| c.default_terms != demo::DEFAULT_TERMS) {
        for c in book.customers.iter_mut().filter(|c| c.terms.is_none()) {
            c.terms = Some(demo::DEFAULT_TERMS);
        }
    }
    let currency = saved_company.as_ref().map_or(demo_company.currency, |c| c.currency);
    let company_set = saved_company.is_none();
    ctx.store_mut().write(|tx| {
        // Checked again inside the transaction: another window may have written since.
        if relance_store::counts::has_customers(tx)? {
            return Err(not_empty());
        }
        if company_set {
            relance_store::company::save(tx, &demo_company, now)?;
        }
        let company_name = company_set.then_some(demo_company.name.as_str());
        // Rebuilding the indexes once at the end is several times faster than
        // growing them with 500,000 rows in random order (10,000 customers).
        let dropped = relance_store::bulk::drop_indexes(tx)?;
        let summary = write_book(tx, &book, currency, now, company_name)?;
        relance_store::bulk::rebuild_indexes(tx, dropped)?;
        activity::record(
            tx,
            now,
            ActivityKind::DemoLoaded,
            Subject::default(),
            &[
                ("customers", summary.customers.to_string()),
                ("invoices", summary.invoices.to_string()),
                ("payments", summary.payments.to_string()),
                ("seed", opts.seed.to_string()),
            ],
        )?;
        Ok(summary)
    })
}

fn not_empty() -> AppError {
    AppError::invalid(Field::Customer, Problem::NotEmpty)
}

/// One line of the activity log, to be written in date order.
struct Event {
    at: DateTime<Utc>,
    kind: ActivityKind,
    subject: Subject,
    details: Vec<(&'static str, String)>,
}

/// An instant on a business date; the hour only orders a day's events.
fn at(date: NaiveDate, hour: u32) -> DateTime<Utc> {
    date.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or(NaiveTime::MIN)).and_utc()
}

fn write_book(
    tx: &Conn,
    book: &DemoBook,
    currency: Currency,
    now: DateTime<Utc>,
    company_name: Option<&str>,
) -> AppResult<DemoSummary> {
    let mut events: Vec<Event> = Vec::with_capacity(book.customers.len() + book.invoices.len() * 2 + 1);
    if let Some(name) = company_name {
        events.push(Event {
            at: now,
            kind: ActivityKind::CompanySaved,
            subject: Subject::default(),
            details: vec![("name", name.to_string())],
        });
    }
    // A customer is "created" on the morning of its first invoice (the book
    // lists invoices in issue order), or today when it has none.
    let mut first_invoice: Vec<Option<NaiveDate>> = vec![None; book.customers.len()];
    for (c, inv) in &book.invoices {
        first_invoice[*c].get_or_insert(inv.issue_date);
    }
    let mut customer_ids: Vec<CustomerId> = Vec::with_capacity(book.customers.len());
    for (c, data) in book.customers.iter().enumerate() {
        let created = first_invoice[c].map_or(now, |d| at(d, 8));
        let id = relance_store::customers::insert(tx, data, created)?;
        customer_ids.push(id);
        events.push(Event {
            at: created,
            kind: ActivityKind::CustomerCreated,
            subject: Subject { customer: Some(id), ..Default::default() },
            details: vec![("name", data.name.clone())],
        });
    }
    let mut invoice_ids: Vec<InvoiceId> = Vec::with_capacity(book.invoices.len());
    for (c, data) in &book.invoices {
        let customer = customer_ids[*c];
        let created = at(data.issue_date, 9);
        let id = relance_store::invoices::insert(tx, customer, data, currency, created)?;
        invoice_ids.push(id);
        events.push(Event {
            at: created,
            kind: ActivityKind::InvoiceCreated,
            subject: Subject { customer: Some(customer), invoice: Some(id), payment: None },
            details: vec![
                ("number", data.number.clone()),
                ("total", data.total.to_string()),
                ("due_date", data.due_date.to_string()),
            ],
        });
    }
    let mut allocations = 0u32;
    for p in &book.payments {
        let customer = customer_ids[p.customer_index];
        let created = at(p.date, 10);
        let receipt = Receipt::Payment { method: p.method, reference: p.reference.clone() };
        let id: PaymentId =
            relance_store::payments::insert(tx, customer, p.date, p.amount, currency, &receipt, created)?;
        let mut applied = Money::ZERO;
        let mut numbers = Vec::with_capacity(p.allocations.len());
        for (i, amount) in &p.allocations {
            let line = relance_domain::allocation::AllocationLine { invoice: invoice_ids[*i], amount: *amount };
            relance_store::payments::allocate(tx, id, &line)?;
            applied += *amount;
            numbers.push(book.invoices[*i].1.number.as_str());
            allocations += 1;
        }
        events.push(Event {
            at: created,
            kind: ActivityKind::PaymentRecorded,
            subject: Subject { customer: Some(customer), invoice: None, payment: Some(id) },
            details: vec![
                ("amount", p.amount.to_string()),
                ("date", p.date.to_string()),
                ("method", p.method.code().to_string()),
                ("invoices", numbers.join(", ")),
                ("credit", (p.amount - applied).to_string()),
            ],
        });
    }
    // Timelines read the log in insertion order: write it in date order.
    events.sort_by_key(|e| e.at);
    for e in events {
        activity::record(tx, e.at, e.kind, e.subject, &e.details)?;
    }
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    Ok(DemoSummary {
        customers: count(book.customers.len()),
        invoices: count(book.invoices.len()),
        payments: count(book.payments.len()),
        allocations,
        company_set: company_name.is_some(),
    })
}
