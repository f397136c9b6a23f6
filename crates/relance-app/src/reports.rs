//! Reports at a date.

use chrono::NaiveDate;
use relance_domain::status::days_late;
use relance_domain::Money;

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
    pub total: Money,
}

/// Every invoice overdue at `as_of`, counting only the payments made by then.
pub fn overdue(ctx: &impl Context, as_of: NaiveDate) -> AppResult<OverdueReport> {
    let rows = relance_store::invoices::overdue_at(ctx.store().conn(), as_of)?;
    let lines: Vec<OverdueLine> = rows
        .into_iter()
        .map(|r| OverdueLine {
            customer_name: r.invoice.customer_name,
            number: r.invoice.data.number,
            due_date: r.invoice.data.due_date,
            days_late: days_late(r.invoice.data.due_date, as_of),
            remaining: r.invoice.data.total - r.settled_at_date,
        })
        .collect();
    let total = lines.iter().map(|l| l.remaining).sum();
    Ok(OverdueReport { as_of, lines, total })
}
