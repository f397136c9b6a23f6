//! Days sales outstanding, simple and countback, and their monthly trend.

use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;

use super::{days_before, month_end, round_ratio, Book, COUNTBACK_MAX_MONTHS};
use crate::money::Money;

/// DSO, simple method (PRODUCT.md: "receivables at the end of the period /
/// credit sales in the period × days in the period"):
///
/// `receivables(as_of) / sales((as_of - days, as_of]) × days`, one decimal.
/// `None` when nothing was sold in the period.
pub fn dso_simple(book: &Book, as_of: NaiveDate, days: u32) -> Option<Decimal> {
    simple_of(book, book.receivables_cents(as_of), as_of, days)
}

/// [`dso_simple`] with the receivables already summed (cents).
pub(crate) fn simple_of(book: &Book, receivables: i64, as_of: NaiveDate, days: u32) -> Option<Decimal> {
    let sales = book.sales_cents(days_before(as_of, days), as_of);
    round_ratio(i128::from(receivables) * i128::from(days), i128::from(sales))
}

/// DSO by the countback method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Countback {
    /// Days, one decimal.
    pub days: Decimal,
    /// True when [`COUNTBACK_MAX_MONTHS`] months of sales did not use up the
    /// receivables: the walk stopped there and `days` is a lower bound.
    pub capped: bool,
}

/// DSO, countback method (PRODUCT.md: "walk back month by month through
/// sales until the receivables are used up").
///
/// Start with `R = receivables(as_of)`. Month `k` (k = 0, 1, ...) is the
/// period `(as_of - (k+1) months, as_of - k months]` with its `D_k` days and
/// its credit sales `S_k`. While `R > S_k`, count the whole month (`D_k`
/// days) and take `S_k` from `R`; at the first month with `R <= S_k`, count
/// `R / S_k × D_k` days and stop. The fraction of that last month is the
/// only division, rounded once to one decimal together with the whole days:
/// `days = (Σ D × S_last + R × D_last) / S_last`.
/// No receivables: 0 days.
pub fn dso_countback(book: &Book, as_of: NaiveDate) -> Countback {
    countback_of(book, book.receivables_cents(as_of), as_of)
}

/// [`dso_countback`] with the receivables already summed (cents).
pub(crate) fn countback_of(book: &Book, receivables: i64, as_of: NaiveDate) -> Countback {
    let mut left = i128::from(receivables);
    if left <= 0 {
        return Countback { days: Decimal::new(0, 1), capped: false };
    }
    let mut whole_days: i128 = 0;
    let mut end = as_of;
    for k in 1..=COUNTBACK_MAX_MONTHS {
        let start = as_of.checked_sub_months(Months::new(k)).unwrap_or(NaiveDate::MIN);
        let days = i128::from((end - start).num_days());
        let sales = i128::from(book.sales_cents(start, end));
        if left <= sales {
            let days = round_ratio(whole_days * sales + left * days, sales).unwrap_or_default();
            return Countback { days, capped: false };
        }
        left -= sales;
        whole_days += days;
        end = start;
    }
    Countback { days: round_ratio(whole_days, 1).unwrap_or_default(), capped: true }
}

/// The DSO at one month end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DsoPoint {
    pub month_end: NaiveDate,
    pub receivables: Money,
    pub simple: Option<Decimal>,
    pub countback: Countback,
}

/// The last `n` month ends on or before `as_of`, oldest first (`as_of`
/// itself when it is a month end).
pub fn month_ends(as_of: NaiveDate, n: usize) -> Vec<NaiveDate> {
    let mut out = Vec::with_capacity(n);
    let mut d = month_end(as_of);
    if d > as_of {
        d = month_end(as_of.checked_sub_months(Months::new(1)).unwrap_or(NaiveDate::MIN));
    }
    for _ in 0..n {
        out.push(d);
        match d.checked_sub_months(Months::new(1)) {
            Some(prev) => d = month_end(prev),
            None => break,
        }
    }
    out.reverse();
    out
}

/// The monthly trend: the simple (over `days`) and countback DSO at each of
/// the last `n` month ends on or before `as_of`, oldest first.
pub fn dso_trend(book: &Book, as_of: NaiveDate, days: u32, n: usize) -> Vec<DsoPoint> {
    let ends = month_ends(as_of, n);
    let receivables = book.receivables_many(&ends);
    trend_of(book, &ends, &receivables, days)
}

/// [`dso_trend`] with the receivables at each month end already summed.
pub(crate) fn trend_of(book: &Book, ends: &[NaiveDate], receivables: &[i64], days: u32) -> Vec<DsoPoint> {
    ends.iter()
        .zip(receivables)
        .map(|(m, r)| DsoPoint {
            month_end: *m,
            receivables: Money::from_cents(*r),
            simple: simple_of(book, *r, *m, days),
            countback: countback_of(book, *r, *m),
        })
        .collect()
}
