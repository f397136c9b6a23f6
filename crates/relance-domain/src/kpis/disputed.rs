//! The share disputed (PRODUCT.md's KPIs): of the invoices issued in the
//! period, how many were disputed by the as-of date; and at that date, how
//! much of the receivables sits on invoices under an open dispute (reminders
//! pause on those: money that waits on a settlement, not on a reminder).

use std::collections::HashMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::{percent, Book, Drill};
use crate::ids::InvoiceId;
use crate::money::Money;

/// One dispute of an invoice: opened on, closed on (open when `None`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DisputeSpan {
    pub invoice: InvoiceId,
    pub opened: NaiveDate,
    pub closed: Option<NaiveDate>,
}

impl DisputeSpan {
    fn open_at(&self, d: NaiveDate) -> bool {
        self.opened <= d && self.closed.is_none_or(|c| c > d)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disputed {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Invoices issued in `(from, to]`.
    pub issued: u32,
    /// Those with a dispute opened on or before `to`.
    pub disputed: u32,
    /// `disputed / issued`, percent, one decimal.
    pub share: Option<Decimal>,
    /// Still expected at `to` on invoices under a dispute open at `to`.
    pub open_amount: Money,
    pub open_invoices: u32,
    /// `open_amount` over the receivables at `to`, percent.
    pub open_share: Option<Decimal>,
}

impl Disputed {
    /// The invoices of the period that were disputed.
    pub fn drill(&self) -> Drill {
        Drill { issued_from: self.from.succ_opt(), issued_to: Some(self.to), disputed: true, ..Drill::default() }
    }
}

/// The share disputed over `(from, to]` and the amount in dispute at `to`.
pub fn disputed(book: &Book, disputes: &[DisputeSpan], from: NaiveDate, to: NaiveDate) -> Disputed {
    let mut by_invoice: HashMap<InvoiceId, Vec<&DisputeSpan>> = HashMap::new();
    for d in disputes {
        by_invoice.entry(d.invoice).or_default().push(d);
    }
    let (mut issued, mut disputed, mut open_invoices, mut open_amount, mut receivables) =
        (0u32, 0u32, 0u32, 0i64, 0i64);
    for i in &book.rows {
        let open = book.open_at(i, to);
        receivables += open;
        let spans = by_invoice.get(&i.id);
        if i.issue > from && i.issue <= to {
            issued += 1;
            if spans.is_some_and(|s| s.iter().any(|d| d.opened <= to)) {
                disputed += 1;
            }
        }
        if open > 0 && spans.is_some_and(|s| s.iter().any(|d| d.open_at(to))) {
            open_invoices += 1;
            open_amount += open;
        }
    }
    Disputed {
        from,
        to,
        issued,
        disputed,
        share: percent(i128::from(disputed), i128::from(issued)),
        open_amount: Money::from_cents(open_amount),
        open_invoices,
        open_share: percent(i128::from(open_amount), i128::from(receivables)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::CustomerId;
    use crate::kpis::KpiInvoice;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn invoice(id: i64, issue: &str, cents: i64, paid: Option<&str>) -> KpiInvoice {
        KpiInvoice {
            id: InvoiceId(id),
            customer: CustomerId(1),
            issue_date: d(issue),
            due_date: d(issue) + chrono::Days::new(30),
            total: Money::from_cents(cents),
            settlements: paid.map(|p| vec![(d(p), Money::from_cents(cents))]).unwrap_or_default(),
            write_offs: Vec::new(),
        }
    }

    fn span(id: i64, opened: &str, closed: Option<&str>) -> DisputeSpan {
        DisputeSpan { invoice: InvoiceId(id), opened: d(opened), closed: closed.map(d) }
    }

    #[test]
    fn counts_the_period_s_invoices_disputed_and_the_amount_in_dispute_at_the_date() {
        let book = Book::new(&[
            invoice(1, "2026-04-10", 10_000, None), // in period, open dispute: 100 € in dispute
            invoice(2, "2026-05-10", 5_000, Some("2026-06-20")), // in period, dispute closed, paid
            invoice(3, "2026-05-20", 2_000, None),  // in period, no dispute
            invoice(4, "2026-06-25", 3_000, None),  // in period, disputed after the date
            invoice(5, "2026-01-10", 8_000, None),  // before the period, open dispute
        ]);
        let spans = [
            span(1, "2026-05-15", None),
            span(2, "2026-05-20", Some("2026-06-01")),
            span(4, "2026-07-05", None),
            span(5, "2026-02-01", None),
        ];
        let got = disputed(&book, &spans, d("2026-03-31"), d("2026-06-30"));
        assert_eq!((got.issued, got.disputed), (4, 2));
        assert_eq!(got.share, Some(Decimal::new(500, 1)));
        // Open at 30/06 under an open dispute: invoices 1 and 5 (4's opens later).
        assert_eq!((got.open_invoices, got.open_amount), (2, Money::from_cents(18_000)));
        // Receivables at 30/06: 100 + 20 + 30 + 80 = 230 €; 180 / 230 = 78,3 %.
        assert_eq!(got.open_share, Some(Decimal::new(783, 1)));
    }

    #[test]
    fn nothing_issued_gives_no_share() {
        let got = disputed(&Book::new(&[]), &[], d("2026-03-31"), d("2026-06-30"));
        assert_eq!((got.share, got.open_share, got.open_amount), (None, None, Money::ZERO));
    }
}
