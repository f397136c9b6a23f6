//! Allocation of a payment (or a credit note) to a customer's open invoices:
//! oldest first by default, or as the user chose. What is left over stays
//! on the customer's account as a credit.

use chrono::NaiveDate;

use crate::ids::InvoiceId;
use crate::money::Money;
use crate::validation::{Field, Problem, Validation};

/// An invoice that can receive money.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenInvoice {
    pub id: InvoiceId,
    pub number: String,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub remaining: Money,
}

/// One part of a payment applied to one invoice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AllocationLine {
    pub invoice: InvoiceId,
    pub amount: Money,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllocationPlan {
    pub lines: Vec<AllocationLine>,
    /// Left on the customer's account as a credit.
    pub unallocated: Money,
}

/// Spreads `amount` over `open` invoices, oldest due date first (then issue
/// date, then number), each receiving at most what it still owes.
pub fn allocate_oldest_first(amount: Money, open: &[OpenInvoice]) -> AllocationPlan {
    let mut order: Vec<&OpenInvoice> = open.iter().filter(|i| i.remaining.is_positive()).collect();
    order.sort_by(|a, b| (a.due_date, a.issue_date, &a.number, a.id).cmp(&(b.due_date, b.issue_date, &b.number, b.id)));
    let mut left = amount;
    let mut lines = Vec::new();
    for inv in order {
        if !left.is_positive() {
            break;
        }
        let part = left.min(inv.remaining);
        lines.push(AllocationLine { invoice: inv.id, amount: part });
        left -= part;
    }
    AllocationPlan { lines, unallocated: left }
}

/// Checks an allocation chosen by the user: every invoice must be open for
/// this customer, no invoice may receive more than it owes, and the parts
/// may not add up to more than the payment.
pub fn allocate_as_chosen(
    amount: Money,
    open: &[OpenInvoice],
    chosen: &[AllocationLine],
) -> Result<AllocationPlan, Validation> {
    let mut v = Validation::new();
    let mut lines: Vec<AllocationLine> = Vec::new();
    for line in chosen {
        if line.amount.is_zero() {
            continue;
        }
        if line.amount.is_negative() {
            v.push(Field::Allocation, Problem::NegativeAmount);
            continue;
        }
        let Some(inv) = open.iter().find(|i| i.id == line.invoice) else {
            v.push(Field::Allocation, Problem::NotOpen);
            continue;
        };
        let already: Money = lines.iter().filter(|l| l.invoice == line.invoice).map(|l| l.amount).sum();
        if already + line.amount > inv.remaining {
            v.push(Field::Allocation, Problem::ExceedsDue { remaining: inv.remaining.to_string() });
            continue;
        }
        lines.push(*line);
    }
    let total: Money = lines.iter().map(|l| l.amount).sum();
    if total > amount {
        v.push(Field::Allocation, Problem::ExceedsPayment);
    }
    v.finish(|| AllocationPlan { lines, unallocated: amount - total })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn inv(id: i64, due: &str, remaining: i64) -> OpenInvoice {
        OpenInvoice {
            id: InvoiceId(id),
            number: format!("F{id}"),
            issue_date: "2026-01-01".parse().unwrap(),
            due_date: due.parse().unwrap(),
            remaining: Money::from_cents(remaining),
        }
    }

    #[test]
    fn oldest_first_with_overpayment_kept_as_credit() {
        let open = [inv(1, "2026-03-01", 10000), inv(2, "2026-02-01", 5000), inv(3, "2026-04-01", 2000)];
        let plan = allocate_oldest_first(Money::from_cents(18000), &open);
        assert_eq!(
            plan.lines,
            vec![
                AllocationLine { invoice: InvoiceId(2), amount: Money::from_cents(5000) },
                AllocationLine { invoice: InvoiceId(1), amount: Money::from_cents(10000) },
                AllocationLine { invoice: InvoiceId(3), amount: Money::from_cents(2000) },
            ]
        );
        assert_eq!(plan.unallocated, Money::from_cents(1000));
    }

    #[test]
    fn partial_payment_stops_inside_an_invoice() {
        let open = [inv(1, "2026-03-01", 10000), inv(2, "2026-04-01", 5000)];
        let plan = allocate_oldest_first(Money::from_cents(4000), &open);
        assert_eq!(plan.lines, vec![AllocationLine { invoice: InvoiceId(1), amount: Money::from_cents(4000) }]);
        assert_eq!(plan.unallocated, Money::ZERO);
    }

    #[test]
    fn chosen_allocation_is_checked() {
        let open = [inv(1, "2026-03-01", 10000), inv(2, "2026-04-01", 5000)];
        let line = |id, c| AllocationLine { invoice: InvoiceId(id), amount: Money::from_cents(c) };
        let ok = allocate_as_chosen(Money::from_cents(6000), &open, &[line(2, 5000), line(1, 500)]).unwrap();
        assert_eq!(ok.unallocated, Money::from_cents(500));

        let err = allocate_as_chosen(Money::from_cents(6000), &open, &[line(2, 5001)]).unwrap_err();
        assert_eq!(err.issues[0].problem, Problem::ExceedsDue { remaining: "50.00".into() });
        let err = allocate_as_chosen(Money::from_cents(100), &open, &[line(1, 200)]).unwrap_err();
        assert_eq!(err.issues[0].problem, Problem::ExceedsPayment);
        let err = allocate_as_chosen(Money::from_cents(100), &open, &[line(9, 50)]).unwrap_err();
        assert_eq!(err.issues[0].problem, Problem::NotOpen);
        let err = allocate_as_chosen(Money::from_cents(9000), &open, &[line(2, 3000), line(2, 3000)]).unwrap_err();
        assert!(matches!(err.issues[0].problem, Problem::ExceedsDue { .. }));
    }

    proptest! {
        #[test]
        fn oldest_first_is_exact_and_never_exceeds_what_is_due(
            amount in 1i64..5_000_000,
            remainings in proptest::collection::vec(1i64..1_000_000, 0..20),
        ) {
            let open: Vec<OpenInvoice> = remainings.iter().enumerate()
                .map(|(i, r)| inv(i as i64, "2026-01-01", *r)).collect();
            let plan = allocate_oldest_first(Money::from_cents(amount), &open);
            let applied: Money = plan.lines.iter().map(|l| l.amount).sum();
            prop_assert_eq!(applied + plan.unallocated, Money::from_cents(amount));
            prop_assert!(!plan.unallocated.is_negative());
            for l in &plan.lines {
                let inv = open.iter().find(|i| i.id == l.invoice).unwrap();
                prop_assert!(l.amount.is_positive() && l.amount <= inv.remaining);
            }
            let total_due: Money = open.iter().map(|i| i.remaining).sum();
            prop_assert_eq!(applied, Money::from_cents(amount).min(total_due));
        }
    }
}
