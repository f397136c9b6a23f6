//! The aged balance and the customers with the most overdue.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::{days_before, percent, Book, Drill};
use crate::ids::CustomerId;
use crate::money::Money;

/// The five columns of the aged balance (PRODUCT.md: "open amounts by days
/// past due at a date: not yet due, 1-30, 31-60, 61-90, over 90").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bucket {
    NotDue,
    Days1To30,
    Days31To60,
    Days61To90,
    Over90,
}

impl Bucket {
    pub const ALL: [Bucket; 5] =
        [Bucket::NotDue, Bucket::Days1To30, Bucket::Days31To60, Bucket::Days61To90, Bucket::Over90];

    /// The bucket of an invoice `days_late` days past due (0 or less: not due).
    pub fn of(days_late: i64) -> Bucket {
        match days_late {
            ..=0 => Bucket::NotDue,
            1..=30 => Bucket::Days1To30,
            31..=60 => Bucket::Days31To60,
            61..=90 => Bucket::Days61To90,
            _ => Bucket::Over90,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Bucket::NotDue => "not_due",
            Bucket::Days1To30 => "1_30",
            Bucket::Days31To60 => "31_60",
            Bucket::Days61To90 => "61_90",
            Bucket::Over90 => "over_90",
        }
    }

    fn index(self) -> usize {
        match self {
            Bucket::NotDue => 0,
            Bucket::Days1To30 => 1,
            Bucket::Days31To60 => 2,
            Bucket::Days61To90 => 3,
            Bucket::Over90 => 4,
        }
    }

    /// The invoices of this bucket at `as_of`: open, with their due date in
    /// the bucket's range (a bucket of days late is a range of due dates).
    pub fn drill(self, as_of: NaiveDate) -> Drill {
        let (from, to) = match self {
            Bucket::NotDue => (Some(as_of), None),
            Bucket::Days1To30 => (Some(days_before(as_of, 30)), Some(days_before(as_of, 1))),
            Bucket::Days31To60 => (Some(days_before(as_of, 60)), Some(days_before(as_of, 31))),
            Bucket::Days61To90 => (Some(days_before(as_of, 90)), Some(days_before(as_of, 61))),
            Bucket::Over90 => (None, Some(days_before(as_of, 91))),
        };
        Drill { open: true, due_from: from, due_to: to, ..Drill::default() }
    }
}

/// The aged balance at a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgedBalance {
    pub as_of: NaiveDate,
    /// Amount and number of open invoices per bucket, in [`Bucket::ALL`] order.
    pub buckets: [(Money, u32); 5],
    /// Total receivables: the sum of the buckets.
    pub total: Money,
    /// Past due: the four last buckets.
    pub overdue: Money,
    /// `overdue / total × 100`, one decimal; `None` without receivables.
    pub overdue_share: Option<Decimal>,
    /// Amount-weighted mean days past due of the overdue invoices:
    /// `Σ open × days late / Σ open` over them, one decimal (PRODUCT.md's
    /// "average days late of open ones at a date").
    pub overdue_weighted_days_late: Option<Decimal>,
}

impl AgedBalance {
    pub fn bucket(&self, b: Bucket) -> (Money, u32) {
        self.buckets[b.index()]
    }
}

/// Every invoice open at the end of `as_of` (issued by then, not settled nor
/// written off by then), its open amount put in the bucket of its days past
/// due at `as_of`.
pub fn aged_balance(book: &Book, as_of: NaiveDate) -> AgedBalance {
    let mut cents = [0i64; 5];
    let mut counts = [0u32; 5];
    let mut weighted: i128 = 0;
    for i in &book.rows {
        let open = book.open_at(i, as_of);
        if open <= 0 {
            continue;
        }
        let days = (as_of - i.due).num_days();
        let b = Bucket::of(days).index();
        cents[b] += open;
        counts[b] += 1;
        if days > 0 {
            weighted += i128::from(open) * i128::from(days);
        }
    }
    let total: i64 = cents.iter().sum();
    let overdue: i64 = cents[1..].iter().sum();
    let mut buckets = [(Money::ZERO, 0u32); 5];
    for (k, b) in buckets.iter_mut().enumerate() {
        *b = (Money::from_cents(cents[k]), counts[k]);
    }
    AgedBalance {
        as_of,
        buckets,
        total: Money::from_cents(total),
        overdue: Money::from_cents(overdue),
        overdue_share: percent(i128::from(overdue), i128::from(total)),
        overdue_weighted_days_late: super::round_ratio(weighted, i128::from(overdue)),
    }
}

/// A customer's overdue at a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerOverdue {
    pub customer: CustomerId,
    pub overdue: Money,
    pub invoices: u32,
    /// Days past due of its oldest overdue invoice.
    pub max_days_late: i64,
}

impl CustomerOverdue {
    pub fn drill(&self) -> Drill {
        Drill { overdue: true, customer: Some(self.customer), ..Drill::default() }
    }
}

/// The `n` customers with the largest overdue amount at `as_of`, largest
/// first (ties: the customer created first).
pub fn top_overdue_customers(book: &Book, as_of: NaiveDate, n: usize) -> Vec<CustomerOverdue> {
    // By customer slot (see `Row::slot`), not in a hash map.
    let mut by: Vec<Option<CustomerOverdue>> = vec![None; book.customers.len()];
    for i in &book.rows {
        if i.due >= as_of {
            continue;
        }
        let open = book.open_at(i, as_of);
        if open <= 0 {
            continue;
        }
        let e = by[i.slot as usize].get_or_insert(CustomerOverdue {
            customer: i.customer,
            overdue: Money::ZERO,
            invoices: 0,
            max_days_late: 0,
        });
        e.overdue += Money::from_cents(open);
        e.invoices += 1;
        e.max_days_late = e.max_days_late.max(i.days_late_at(as_of));
    }
    let mut list: Vec<CustomerOverdue> = by.into_iter().flatten().collect();
    list.sort_by(|a, b| b.overdue.cmp(&a.overdue).then(a.customer.cmp(&b.customer)));
    list.truncate(n);
    list
}
