//! The cash-in forecast by week.

use std::collections::{HashMap, HashSet};

use chrono::{Days, NaiveDate};

use super::{Book, Drill};
use crate::ids::{CustomerId, InvoiceId};
use crate::money::Money;

/// What is left to pay of an installment of a running plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanInstallmentLeft {
    pub customer: CustomerId,
    pub due: NaiveDate,
    pub left: Money,
}

/// One week of the forecast: `[start, end]`, seven days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForecastWeek {
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// Expected from invoices.
    pub invoices: Money,
    /// Expected from plan installments.
    pub installments: Money,
    pub total: Money,
    /// Invoices and installments counted in the week.
    pub items: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forecast {
    pub weeks: Vec<ForecastWeek>,
    /// Expected after the last week.
    pub later: Money,
}

impl ForecastWeek {
    /// The invoices behind the week: open, with a due date that the
    /// customer's delay may bring into the week. A list that shows the
    /// expected date is needed for the exact set; this one lists the open
    /// invoices due up to the week's end (week 1: every overdue one too).
    pub fn drill(&self) -> Drill {
        Drill { open: true, due_to: Some(self.end), ..Drill::default() }
    }
}

/// The cash expected in each of the `weeks` weeks starting on `as_of`
/// (week `k` is `[as_of + 7k, as_of + 7k + 6]`).
///
/// Each invoice open at `as_of` and not in a running plan is expected for
/// what is open: on its due date shifted by its customer's usual delay
/// (`delays`, from [`super::customer_delays`]; 0 when absent), and in the
/// first week when it is already past due. Invoices in a running plan
/// (`in_plans`) are expected through the plan: each installment's unpaid
/// part on its date, in the first week when that date has passed.
/// Amounts expected after the last week are summed in `later`.
pub fn forecast(
    book: &Book,
    as_of: NaiveDate,
    weeks: usize,
    delays: &HashMap<CustomerId, i64>,
    in_plans: &HashSet<InvoiceId>,
    installments: &[PlanInstallmentLeft],
) -> Forecast {
    let by_slot: Vec<Option<i64>> = book.customers.iter().map(|c| delays.get(c).copied()).collect();
    forecast_by_slot(book, as_of, weeks, &by_slot, in_plans, installments)
}

/// [`forecast`] with the delays by customer slot (see `Row::slot`): one
/// vector read per invoice instead of a hash.
pub(crate) fn forecast_by_slot(
    book: &Book,
    as_of: NaiveDate,
    weeks: usize,
    delays: &[Option<i64>],
    in_plans: &HashSet<InvoiceId>,
    installments: &[PlanInstallmentLeft],
) -> Forecast {
    // The few invoices in plans sorted, searched by halves: cheaper than
    // hashing every invoice's id.
    let mut planned: Vec<InvoiceId> = in_plans.iter().copied().collect();
    planned.sort_unstable();
    let n = weeks;
    let mut inv = vec![0i64; n];
    let mut inst = vec![0i64; n];
    let mut items = vec![0u32; n];
    let mut later = 0i64;
    let week_of = |expected: NaiveDate| -> Option<usize> {
        let days = (expected - as_of).num_days().max(0);
        usize::try_from(days / 7).ok().filter(|w| *w < n)
    };
    for i in &book.rows {
        if !planned.is_empty() && planned.binary_search(&i.id).is_ok() {
            continue;
        }
        let open = book.open_at(i, as_of);
        if open <= 0 {
            continue;
        }
        let expected = if i.due < as_of {
            as_of
        } else {
            let delay = delays.get(i.slot as usize).copied().flatten().unwrap_or(0).max(0);
            i.due.checked_add_days(Days::new(delay.unsigned_abs())).unwrap_or(NaiveDate::MAX)
        };
        match week_of(expected) {
            Some(w) => {
                inv[w] += open;
                items[w] += 1;
            }
            None => later += open,
        }
    }
    for p in installments {
        let left = super::cents(p.left);
        if left <= 0 {
            continue;
        }
        match week_of(p.due.max(as_of)) {
            Some(w) => {
                inst[w] += left;
                items[w] += 1;
            }
            None => later += left,
        }
    }
    let weeks = (0..n)
        .map(|w| {
            let start = as_of.checked_add_days(Days::new(7 * w as u64)).unwrap_or(NaiveDate::MAX);
            ForecastWeek {
                start,
                end: start.checked_add_days(Days::new(6)).unwrap_or(NaiveDate::MAX),
                invoices: Money::from_cents(inv[w]),
                installments: Money::from_cents(inst[w]),
                total: Money::from_cents(inv[w] + inst[w]),
                items: items[w],
            }
        })
        .collect();
    Forecast { weeks, later: Money::from_cents(later) }
}
