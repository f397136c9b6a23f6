//! Reports at a date.

use chrono::NaiveDate;
use relance_domain::ids::CustomerId;
use relance_domain::status::days_late;
use relance_domain::Money;
pub use relance_store::dunning::WriteOff;

use crate::{AppResult, Context};

#[derive(Debug, Clone)]
pub struct OverdueLine {
    pub customer_name: String,
    pub number: String,
    pub due_date: NaiveDate,
    pub days_late: i64,
    pub remaining: Money,
}

#[derive(Debug, Clone)]
pub struct OverdueReport {
    pub as_of: NaiveDate,
    pub lines: Vec<OverdueLine>,
    /// What is still to collect: the lines' sum, write-offs left out.
    pub total: Money,
    /// The write-offs recorded by `as_of`, kept in the report as losses.
    pub write_offs: Vec<WriteOff>,
    pub written_off_total: Money,
}

/// Every invoice overdue at `as_of`, counting only the payments made by then.
///
/// A write-off is a stage of the dunning history, not a payment: it never
/// touches `settled_cents`, which only payments and credit notes change, and
/// the invoice stays unpaid in the books. The report therefore takes the
/// written-off amount out of what is still to collect (an invoice written
/// off whole leaves the list) and lists the write-offs apart, with their
/// total, so that nothing disappears from the figures.
pub fn overdue(ctx: &impl Context, as_of: NaiveDate) -> AppResult<OverdueReport> {
    let conn = ctx.store().conn();
    let rows = relance_store::invoices::overdue_at(conn, as_of)?;
    let write_offs = relance_store::dunning::write_offs(conn, Some(as_of))?;
    let written_off = |id| write_offs.iter().filter(|w| w.invoice == id).map(|w| w.amount).sum::<Money>();
    let lines: Vec<OverdueLine> = rows
        .into_iter()
        .map(|r| OverdueLine {
            remaining: (r.invoice.data.total - r.settled_at_date - written_off(r.invoice.id)).max(Money::ZERO),
            customer_name: r.invoice.customer_name,
            number: r.invoice.data.number,
            due_date: r.invoice.data.due_date,
            days_late: days_late(r.invoice.data.due_date, as_of),
        })
        .filter(|l| l.remaining.is_positive())
        .collect();
    let total = lines.iter().map(|l| l.remaining).sum();
    let written_off_total = write_offs.iter().map(|w| w.amount).sum();
    Ok(OverdueReport { as_of, lines, total, write_offs, written_off_total })
}

/// What a customer's unpaid invoices hold of written-off amounts now: the
/// part of its "reste dû" that is not expected any more.
pub fn written_off_owed(ctx: &impl Context, customer: CustomerId) -> AppResult<Money> {
    let unpaid = relance_store::dunning::written_off_unpaid(ctx.store().conn(), Some(customer))?;
    Ok(unpaid.iter().map(|(_, _, amount)| *amount).sum())
}
