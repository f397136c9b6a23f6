//! An invoice's status is derived, never stored: from its total, what has
//! been settled on it, its due date and whether it was cancelled, at a date.

use chrono::NaiveDate;

use crate::money::Money;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvoiceStatus {
    /// Nothing paid yet, not yet due.
    Open,
    /// Something paid, the rest not yet due.
    PartiallyPaid,
    /// Nothing left to pay.
    Paid,
    /// Past its due date with something left to pay.
    Overdue {
        days_late: i64,
    },
    Cancelled,
}

impl InvoiceStatus {
    /// Stable code for storage filters and the wire.
    pub fn code(self) -> &'static str {
        match self {
            InvoiceStatus::Open => "open",
            InvoiceStatus::PartiallyPaid => "partially_paid",
            InvoiceStatus::Paid => "paid",
            InvoiceStatus::Overdue { .. } => "overdue",
            InvoiceStatus::Cancelled => "cancelled",
        }
    }
}

/// The few facts the status depends on.
#[derive(Debug, Clone, Copy)]
pub struct InvoiceFacts {
    pub total: Money,
    /// Payments and credit notes allocated to the invoice up to the date.
    pub settled: Money,
    pub due_date: NaiveDate,
    pub cancelled: bool,
}

impl InvoiceFacts {
    pub fn remaining(&self) -> Money {
        if self.cancelled {
            Money::ZERO
        } else {
            self.total - self.settled
        }
    }

    /// Status at `as_of`. An invoice is late from the day after its due
    /// date (L441-10: penalties run from the day following the due date).
    pub fn status(&self, as_of: NaiveDate) -> InvoiceStatus {
        if self.cancelled {
            return InvoiceStatus::Cancelled;
        }
        if !self.remaining().is_positive() {
            return InvoiceStatus::Paid;
        }
        let days_late = days_late(self.due_date, as_of);
        if days_late > 0 {
            InvoiceStatus::Overdue { days_late }
        } else if self.settled.is_positive() {
            InvoiceStatus::PartiallyPaid
        } else {
            InvoiceStatus::Open
        }
    }
}

/// Days past the due date at `as_of` (0 on the due date and before it).
pub fn days_late(due: NaiveDate, as_of: NaiveDate) -> i64 {
    (as_of - due).num_days().max(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn status_table() {
        let due = d("2026-03-31");
        let f = |total: i64, settled: i64, cancelled: bool| InvoiceFacts {
            total: Money::from_cents(total),
            settled: Money::from_cents(settled),
            due_date: due,
            cancelled,
        };
        let cases = [
            (f(10000, 0, false), "2026-03-31", InvoiceStatus::Open),
            (f(10000, 0, false), "2026-04-01", InvoiceStatus::Overdue { days_late: 1 }),
            (f(10000, 4000, false), "2026-03-01", InvoiceStatus::PartiallyPaid),
            (f(10000, 4000, false), "2026-05-01", InvoiceStatus::Overdue { days_late: 31 }),
            (f(10000, 10000, false), "2026-05-01", InvoiceStatus::Paid),
            (f(10000, 12000, false), "2026-05-01", InvoiceStatus::Paid),
            (f(10000, 0, true), "2026-05-01", InvoiceStatus::Cancelled),
        ];
        for (facts, as_of, want) in cases {
            assert_eq!(facts.status(d(as_of)), want, "{facts:?} at {as_of}");
        }
    }
}
