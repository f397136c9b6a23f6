//! The receivables dashboard (issue 7): every KPI at a date, read in a few
//! full scans (`relance_store::kpis`) and computed by the pure formulas of
//! `relance_domain::kpis`. Read-only.

use std::collections::HashMap;

use chrono::NaiveDate;
use relance_domain::ids::CustomerId;
use relance_domain::kpis::{self, BehindLine, Book, Disputed, Drill, Kpis};
use relance_domain::Money;
use relance_store::kpis::InvoiceLabel;

use crate::{AppResult, Context};

/// The DSO's and the period figures' default length in days.
pub const DEFAULT_PERIOD_DAYS: u32 = kpis::DEFAULT_PERIOD_DAYS;
/// The longest period accepted (10 years).
pub const MAX_PERIOD_DAYS: u32 = 3650;

#[derive(Debug, Clone)]
pub struct Dashboard {
    pub kpis: Kpis,
    /// Invoices read (cancelled ones left out).
    pub invoices: usize,
    /// The names of the customers the figures name (the top overdue).
    pub customer_names: HashMap<CustomerId, String>,
    /// The last day something happened in the books (an invoice issued or
    /// settled): when it is long before `as_of`, the screen offers it.
    pub last_activity: Option<NaiveDate>,
    /// The share disputed over the period and the amount in dispute at `as_of`.
    pub disputed: Disputed,
}

impl Dashboard {
    pub fn name(&self, c: CustomerId) -> &str {
        self.customer_names.get(&c).map_or("", String::as_str)
    }
}

/// Every figure at `as_of` (payments after that day not counted, invoices
/// issued after it absent) over periods of `period_days` days ending on
/// `as_of` (clamped to 1..=`MAX_PERIOD_DAYS`). The forecast takes the
/// running plans as they stand now.
pub fn dashboard(ctx: &impl Context, as_of: NaiveDate, period_days: u32) -> AppResult<Dashboard> {
    let conn = ctx.store().conn();
    let period_days = period_days.clamp(1, MAX_PERIOD_DAYS);
    let rows = relance_store::kpis::rows(conn)?;
    let (in_plans, installments) = crate::plans::running_left(conn, as_of)?;
    let book = Book::from_rows(&rows);
    let kpis = kpis::compute(&book, as_of, period_days, &in_plans, &installments);
    let named: Vec<CustomerId> = kpis.top_overdue.iter().map(|c| c.customer).collect();
    let customer_names = relance_store::kpis::customer_names(conn, &named)?;
    let last_activity = rows.invoices.iter().map(|i| i.issue_date).chain(rows.settlements.iter().map(|e| e.date)).max();
    let disputed = kpis::disputed(&book, &relance_store::kpis::disputes(conn)?, kpis.from, as_of);
    Ok(Dashboard { kpis, invoices: rows.invoices.len(), customer_names, last_activity, disputed })
}

/// The invoices behind a figure at `as_of`: all of them counted and summed,
/// the first `limit` listed (oldest due date first) with their number and
/// customer.
#[derive(Debug, Clone)]
pub struct Behind {
    pub as_of: NaiveDate,
    pub count: usize,
    pub total: Money,
    /// What is still expected of them at `as_of`.
    pub open: Money,
    pub lines: Vec<(BehindLine, InvoiceLabel)>,
}

/// The most invoices a list behind a figure shows (the count and sums cover all).
pub const BEHIND_LIMIT: usize = 500;

pub fn behind(ctx: &impl Context, as_of: NaiveDate, drill: &Drill, limit: usize) -> AppResult<Behind> {
    let conn = ctx.store().conn();
    let rows = relance_store::kpis::rows(conn)?;
    let disputes = if drill.disputed { relance_store::kpis::disputes(conn)? } else { Vec::new() };
    let mut lines = kpis::behind(&Book::from_rows(&rows), drill, as_of, &disputes);
    let count = lines.len();
    let total = lines.iter().map(|l| l.total).sum();
    let open = lines.iter().map(|l| l.open).sum();
    lines.sort_by_key(|l| (l.due_date, l.id));
    lines.truncate(limit);
    let ids: Vec<_> = lines.iter().map(|l| l.id).collect();
    let mut labels = relance_store::kpis::invoice_labels(conn, &ids)?;
    let lines = lines
        .into_iter()
        .map(|l| {
            let label =
                labels.remove(&l.id).unwrap_or(InvoiceLabel { number: String::new(), customer_name: String::new() });
            (l, label)
        })
        .collect();
    Ok(Behind { as_of, count, total, open, lines })
}
