//! The Today screen: what is overdue, what falls due within a week.

use chrono::{Days, NaiveDate};
use relance_store::today::Today;
use relance_store::Page;

use crate::{AppResult, Context};

/// How far ahead Today looks for invoices falling due.
pub const DUE_SOON_DAYS: u64 = 7;

/// Today's list and the dates it was computed for.
#[derive(Debug, Clone)]
pub struct TodayReport {
    pub as_of: NaiveDate,
    pub due_soon_until: NaiveDate,
    pub today: Today,
}

pub fn view(ctx: &impl Context, page: Page) -> AppResult<TodayReport> {
    let as_of = ctx.clock().today();
    let due_soon_until = as_of.checked_add_days(Days::new(DUE_SOON_DAYS)).unwrap_or(as_of);
    let today = relance_store::today::today(ctx.store().conn(), as_of, due_soon_until, page)?;
    Ok(TodayReport { as_of, due_soon_until, today })
}
