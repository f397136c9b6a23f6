//! The Today screen: what is overdue, what falls due within a week.

use chrono::{Days, NaiveDate};
use relance_domain::Money;
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
    /// Written off and still unpaid: left out of the totals and the
    /// customers' overdue and due-soon amounts above.
    pub written_off: Money,
}

/// Today's figures are what is still to collect, like the overdue report:
/// a written-off amount is not expected any more, so it is taken out of the
/// totals (and said apart in `written_off`). The invoices themselves stay
/// listed with what they owe: a write-off is not a payment, and the
/// customer's page shows its "reste dû" with the written-off part.
pub fn view(ctx: &impl Context, page: Page) -> AppResult<TodayReport> {
    let as_of = ctx.clock().today();
    let due_soon_until = as_of.checked_add_days(Days::new(DUE_SOON_DAYS)).unwrap_or(as_of);
    let conn = ctx.store().conn();
    let mut today = relance_store::today::today(conn, as_of, due_soon_until, page)?;
    let mut written_off = Money::ZERO;
    for (customer, due_date, amount) in relance_store::dunning::written_off_unpaid(conn, None)? {
        written_off += amount;
        today.total_outstanding -= amount;
        let group = today.groups.iter_mut().find(|g| g.customer_id == customer);
        if due_date < as_of {
            today.total_overdue -= amount;
            if let Some(g) = group {
                g.overdue -= amount;
            }
        } else if due_date <= due_soon_until {
            today.total_due_soon -= amount;
            if let Some(g) = group {
                g.due_soon -= amount;
            }
        }
    }
    Ok(TodayReport { as_of, due_soon_until, today, written_off })
}
