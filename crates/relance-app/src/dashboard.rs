//! The receivables dashboard (issue 7): every KPI at a date, read in a few
//! full scans (`relance_store::kpis`) and computed by the pure formulas of
//! `relance_domain::kpis`. Read-only.

use std::collections::HashMap;

use chrono::NaiveDate;
use relance_domain::ids::CustomerId;
use relance_domain::kpis::{self, Book, Kpis};

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
    Ok(Dashboard { kpis, invoices: rows.invoices.len(), customer_names })
}
