//! The invoices behind a figure: what the dashboard lists when a figure is
//! clicked. The same [`Drill`] the figure was computed with selects them,
//! at the same as-of date, so the list always adds up to the figure.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::{Book, DisputeSpan, Drill, Row};
use crate::ids::{CustomerId, InvoiceId};
use crate::money::Money;

/// One invoice behind a figure, as it stood at the as-of date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BehindLine {
    pub id: InvoiceId,
    pub customer: CustomerId,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub total: Money,
    /// Still expected at the as-of date (0 once paid, credited or written off).
    pub open: Money,
    /// The day the settlements reached the total, if that day is on or
    /// before the as-of date.
    pub paid_on: Option<NaiveDate>,
    /// Days past due: at the as-of date while open, else on the day it was
    /// paid (0 when paid on time).
    pub days_late: i64,
}

/// Every invoice behind `drill` at `as_of`, in the book's order; `disputes`
/// for the drills on disputed invoices.
pub fn behind(book: &Book, drill: &Drill, as_of: NaiveDate, disputes: &[DisputeSpan]) -> Vec<BehindLine> {
    let disputed: HashSet<InvoiceId> = disputes.iter().filter(|d| d.opened <= as_of).map(|d| d.invoice).collect();
    book.rows
        .iter()
        .filter(|r| drill.matches_row(book, r, as_of, disputed.contains(&r.id)))
        .map(|r| line(book, r, as_of))
        .collect()
}

fn line(book: &Book, i: &Row, as_of: NaiveDate) -> BehindLine {
    let open = book.open_at(i, as_of);
    let paid_on = i.paid_on.filter(|p| *p <= as_of);
    let days_late = match paid_on {
        Some(p) => (p - i.due).num_days().max(0),
        None if open > 0 => i.days_late_at(as_of),
        None => 0,
    };
    BehindLine {
        id: i.id,
        customer: i.customer,
        issue_date: i.issue,
        due_date: i.due,
        total: Money::from_cents(i.total),
        open: Money::from_cents(open),
        paid_on,
        days_late,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kpis::{overdue_drill, KpiInvoice};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn invoice(id: i64, issue: &str, due: &str, cents: i64, paid: &[(&str, i64)]) -> KpiInvoice {
        KpiInvoice {
            id: InvoiceId(id),
            customer: CustomerId(1),
            issue_date: d(issue),
            due_date: d(due),
            total: Money::from_cents(cents),
            settlements: paid.iter().map(|(on, c)| (d(on), Money::from_cents(*c))).collect(),
            write_offs: Vec::new(),
        }
    }

    #[test]
    fn lists_the_overdue_invoices_as_they_stood_at_the_date() {
        let book = Book::new(&[
            // Overdue at 30/06, paid on 10/07: open then, paid later.
            invoice(1, "2026-05-01", "2026-05-31", 10_000, &[("2026-07-10", 10_000)]),
            // Half paid on 15/06, the rest open: 40 € behind the figure.
            invoice(2, "2026-05-10", "2026-06-09", 8_000, &[("2026-06-15", 4_000)]),
            // Paid before the date: not behind.
            invoice(3, "2026-04-01", "2026-05-01", 5_000, &[("2026-05-20", 5_000)]),
            // Not due yet.
            invoice(4, "2026-06-20", "2026-07-20", 3_000, &[]),
        ]);
        let lines = behind(&book, &overdue_drill(), d("2026-06-30"), &[]);
        let got: Vec<(i64, i64, i64, Option<NaiveDate>)> =
            lines.iter().map(|l| (l.id.0, l.open.cents(), l.days_late, l.paid_on)).collect();
        assert_eq!(got, vec![(1, 10_000, 30, None), (2, 4_000, 21, None)]);
    }

    #[test]
    fn a_paid_invoice_tells_how_late_it_was_paid() {
        let book = Book::new(&[invoice(3, "2026-04-01", "2026-05-01", 5_000, &[("2026-05-20", 5_000)])]);
        let drill = Drill { paid_from: Some(d("2026-05-01")), paid_to: Some(d("2026-05-31")), ..Drill::default() };
        let lines = behind(&book, &drill, d("2026-06-30"), &[]);
        assert_eq!(lines.len(), 1);
        assert_eq!((lines[0].open, lines[0].paid_on, lines[0].days_late), (Money::ZERO, Some(d("2026-05-20")), 19));
    }
}
