//! How invoices get paid over a period: days late, CEI, recovery rate,
//! write-offs, and each customer's usual delay.
//!
//! A period is `(from, to]`: it starts the day after `from` (a period of
//! 90 days ending on `to` has `from = to - 90`).

use std::collections::HashMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::{percent, round_ratio, Book, Drill};
use crate::ids::CustomerId;
use crate::money::Money;

fn next_day(d: NaiveDate) -> NaiveDate {
    d.succ_opt().unwrap_or(d)
}

/// The invoices fully paid in a period and how late they were paid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaidLateness {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Invoices whose payments reached their total in the period.
    pub paid: u32,
    /// Those paid after their due date.
    pub paid_late: u32,
    /// `paid_late / paid × 100`, one decimal.
    pub share_late: Option<Decimal>,
    /// Their totals.
    pub amount: Money,
    /// Mean days late (`Σ days late / paid`; on time counts 0), one decimal.
    pub average_days_late: Option<Decimal>,
    /// Amount-weighted days late (PRODUCT.md "ADD": `Σ total × days late /
    /// Σ total`), one decimal.
    pub weighted_days_late: Option<Decimal>,
}

impl PaidLateness {
    pub fn drill(&self) -> Drill {
        Drill { paid_from: Some(next_day(self.from)), paid_to: Some(self.to), ..Drill::default() }
    }
}

/// Days late of an invoice paid on `paid_on`: `paid_on - due`, 0 if not late.
pub fn paid_lateness(book: &Book, from: NaiveDate, to: NaiveDate) -> PaidLateness {
    let (mut paid, mut late, mut amount, mut days, mut weighted) = (0u32, 0u32, 0i64, 0i128, 0i128);
    for i in &book.rows {
        let Some(p) = i.paid_on else { continue };
        if p <= from || p > to {
            continue;
        }
        let d = (p - i.due).num_days().max(0);
        paid += 1;
        amount += i.total;
        if d > 0 {
            late += 1;
            days += i128::from(d);
            weighted += i128::from(i.total) * i128::from(d);
        }
    }
    PaidLateness {
        from,
        to,
        paid,
        paid_late: late,
        share_late: percent(i128::from(late), i128::from(paid)),
        amount: Money::from_cents(amount),
        average_days_late: round_ratio(days, i128::from(paid)),
        weighted_days_late: round_ratio(weighted, i128::from(amount)),
    }
}

/// The collection effectiveness index over a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cei {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Receivables at the end of `from`.
    pub opening: Money,
    /// Credit sales in `(from, to]`.
    pub sales: Money,
    /// Receivables at the end of `to`.
    pub closing: Money,
    /// The part of `closing` not yet due at `to`.
    pub closing_current: Money,
    /// PRODUCT.md: `(opening + sales - closing) / (opening + sales -
    /// closing current) × 100`, one decimal; `None` when the denominator is
    /// not positive. A write-off leaves the receivables, so it counts as
    /// collected here, as in the usual formula; it is shown apart.
    pub index: Option<Decimal>,
}

pub fn cei(book: &Book, from: NaiveDate, to: NaiveDate) -> Cei {
    cei_of(book, from, to, book.receivables_cents(from))
}

/// [`cei`] with the opening receivables already summed (cents).
pub(crate) fn cei_of(book: &Book, from: NaiveDate, to: NaiveDate, opening: i64) -> Cei {
    let sales = book.sales_cents(from, to);
    let (mut closing, mut current) = (0i64, 0i64);
    for i in &book.rows {
        let open = book.open_at(i, to);
        closing += open;
        if i.due >= to {
            current += open;
        }
    }
    let num = i128::from(opening) + i128::from(sales) - i128::from(closing);
    let den = i128::from(opening) + i128::from(sales) - i128::from(current);
    Cei {
        from,
        to,
        opening: Money::from_cents(opening),
        sales: Money::from_cents(sales),
        closing: Money::from_cents(closing),
        closing_current: Money::from_cents(current),
        index: percent(num, den),
    }
}

/// The recovery rate over a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovery {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Invoices that went overdue in the period (their first day late in
    /// `(from, to]`, i.e. due from `from` to `to - 1`) with something unpaid.
    pub invoices: u32,
    /// What they still owed the day they went overdue.
    pub went_overdue: Money,
    /// What was paid on them after their due date, up to `to`.
    pub collected: Money,
    /// PRODUCT.md: `collected / went overdue × 100`, one decimal.
    pub rate: Option<Decimal>,
}

impl Recovery {
    pub fn drill(&self) -> Drill {
        Drill { due_from: Some(self.from), due_to: self.to.pred_opt(), ..Drill::default() }
    }
}

pub fn recovery(book: &Book, from: NaiveDate, to: NaiveDate) -> Recovery {
    let (mut n, mut overdue, mut collected) = (0u32, 0i64, 0i64);
    for i in &book.rows {
        if i.due < from || i.due >= to {
            continue;
        }
        let settled_at_due = book.settled_by(i, i.due);
        let owed = i.total - settled_at_due;
        if owed <= 0 {
            continue;
        }
        n += 1;
        overdue += owed;
        collected += (book.settled_by(i, to) - settled_at_due).min(owed);
    }
    Recovery {
        from,
        to,
        invoices: n,
        went_overdue: Money::from_cents(overdue),
        collected: Money::from_cents(collected),
        rate: percent(i128::from(collected), i128::from(overdue)),
    }
}

/// Write-offs: everything written off by the date, and in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenOff {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Written off on or before `to`.
    pub total: Money,
    /// Invoices with a write-off on or before `to`.
    pub invoices: u32,
    /// Written off in `(from, to]`.
    pub in_period: Money,
    /// `in_period / credit sales of the period × 100` (PRODUCT.md's
    /// written-off ratio), one decimal.
    pub ratio_of_sales: Option<Decimal>,
}

impl WrittenOff {
    pub fn drill(&self) -> Drill {
        Drill { written_off_to: Some(self.to), ..Drill::default() }
    }
}

pub fn written_off(book: &Book, from: NaiveDate, to: NaiveDate) -> WrittenOff {
    let (mut total, mut n, mut period) = (0i64, 0u32, 0i64);
    for i in &book.rows {
        let mut any = false;
        for (d, c) in book.write_offs(i) {
            if *d <= to {
                total += c;
                any = true;
                if *d > from {
                    period += c;
                }
            }
        }
        n += u32::from(any);
    }
    WrittenOff {
        from,
        to,
        total: Money::from_cents(total),
        invoices: n,
        in_period: Money::from_cents(period),
        ratio_of_sales: percent(i128::from(period), i128::from(book.sales_cents(from, to))),
    }
}

/// Each customer's usual delay at `as_of`: the amount-weighted mean days
/// late (`Σ total × days late / Σ total`) of its invoices fully paid on or
/// before `as_of`, rounded to whole days half away from zero. Customers
/// without a paid invoice are absent (their delay is 0).
pub fn customer_delays(book: &Book, as_of: NaiveDate) -> HashMap<CustomerId, i64> {
    delays_by_slot(book, as_of)
        .into_iter()
        .zip(&book.customers)
        .filter_map(|(delay, c)| delay.map(|d| (*c, d)))
        .collect()
}

/// [`customer_delays`] by customer slot (see `Row::slot`): a vector, not a
/// hash map, for the forecast to look up 100,000 times.
pub(crate) fn delays_by_slot(book: &Book, as_of: NaiveDate) -> Vec<Option<i64>> {
    let mut sums: Vec<(i128, i128)> = vec![(0, 0); book.customers.len()];
    for i in &book.rows {
        let Some(p) = i.paid_on else { continue };
        if p > as_of {
            continue;
        }
        let d = (p - i.due).num_days().max(0);
        let e = &mut sums[i.slot as usize];
        e.0 += i128::from(i.total) * i128::from(d);
        e.1 += i128::from(i.total);
    }
    // Whole days: (2w + t) / 2t rounds half up (w >= 0, t > 0).
    sums.into_iter().map(|(w, t)| (t > 0).then(|| i64::try_from((2 * w + t) / (2 * t)).unwrap_or(i64::MAX))).collect()
}
