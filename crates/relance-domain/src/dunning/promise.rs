//! Promises to pay: "will pay AMOUNT by DATE" for some of a customer's
//! invoices. Reminders on those invoices pause until the date; after it the
//! promise is kept or broken, and a broken one is flagged in the agenda.

use chrono::NaiveDate;

use crate::ids::{CustomerId, InvoiceId};
use crate::money::Money;
use crate::validation::{Field, Problem, Validation};

/// A stored promise's row id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PromiseId(pub i64);

/// A promise as the user records it, with each covered invoice's remaining
/// amount at that moment.
#[derive(Debug, Clone)]
pub struct PromiseInput {
    pub customer: CustomerId,
    pub amount: Money,
    pub by: NaiveDate,
    pub made_on: NaiveDate,
    pub covered: Vec<(InvoiceId, Money)>,
}

/// A validated promise, ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromiseData {
    pub customer: CustomerId,
    pub amount: Money,
    /// The customer pays on this day at the latest; broken from the next.
    pub by: NaiveDate,
    pub made_on: NaiveDate,
    pub invoices: Vec<InvoiceId>,
    /// What the covered invoices still owed when the promise was made. What
    /// has been paid since is this minus what they owe now, so a promise of
    /// part of the debt is kept by paying that part.
    pub owed_when_made: Money,
}

impl PromiseInput {
    pub fn validate(&self) -> Result<PromiseData, Validation> {
        let mut v = Validation::new();
        if self.covered.is_empty() {
            v.push(Field::Invoice, Problem::Required);
        }
        if self.covered.iter().any(|(_, remaining)| !remaining.is_positive()) {
            v.push(Field::Invoice, Problem::NotOpen);
        }
        let mut invoices: Vec<InvoiceId> = self.covered.iter().map(|(id, _)| *id).collect();
        invoices.sort();
        let count = invoices.len();
        invoices.dedup();
        if invoices.len() != count {
            v.push(Field::Invoice, Problem::AlreadyUsed);
        }
        let owed: Money = self.covered.iter().map(|(_, r)| *r).sum();
        if self.amount.is_negative() {
            v.push(Field::Amount, Problem::NegativeAmount);
        } else if self.amount.is_zero() {
            v.push(Field::Amount, Problem::ZeroAmount);
        } else if self.amount > owed && owed.is_positive() {
            v.push(Field::Amount, Problem::ExceedsDue { remaining: owed.to_string() });
        }
        if self.by < self.made_on {
            v.push(Field::PromiseDate, Problem::TooEarly);
        }
        v.finish(|| PromiseData {
            customer: self.customer,
            amount: self.amount,
            by: self.by,
            made_on: self.made_on,
            invoices,
            owed_when_made: owed,
        })
    }
}

/// What became of a promise, as recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromiseState {
    Open,
    Kept {
        on: NaiveDate,
    },
    Broken {
        on: NaiveDate,
    },
    /// Withdrawn by the user (replaced by an installment plan, entered by mistake).
    Cancelled {
        on: NaiveDate,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Promise {
    pub id: PromiseId,
    pub data: PromiseData,
    pub state: PromiseState,
}

/// What a promise amounts to on a date, derived from what is still owed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromiseStatus {
    /// Open and its date not passed: the covered invoices pause.
    Running,
    /// Its date passed and the promised amount was paid.
    Kept,
    /// Its date passed and the promised amount was not paid.
    Broken,
    /// Already recorded as kept, broken or cancelled.
    Closed,
}

/// Recorded outcomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromiseEvent {
    Kept { on: NaiveDate },
    Broken { on: NaiveDate },
    Cancelled { on: NaiveDate },
}

impl Promise {
    /// Paid on the covered invoices since the promise, given what they owe
    /// now (an invoice settled since then owes zero).
    pub fn paid_since_made(&self, owed_now: Money) -> Money {
        (self.data.owed_when_made - owed_now).max(Money::ZERO)
    }

    /// The promise pauses reminders on `invoice` up to and including its date.
    pub fn pauses(&self, invoice: InvoiceId, today: NaiveDate) -> bool {
        self.state == PromiseState::Open && today <= self.data.by && self.data.invoices.contains(&invoice)
    }

    /// Kept or broken is only decided once the date has passed: a customer
    /// who pays early still had until then, and a partial promise says
    /// nothing about the rest before its date.
    pub fn status(&self, owed_now: Money, today: NaiveDate) -> PromiseStatus {
        if self.state != PromiseState::Open {
            PromiseStatus::Closed
        } else if today <= self.data.by {
            PromiseStatus::Running
        } else if self.paid_since_made(owed_now) >= self.data.amount {
            PromiseStatus::Kept
        } else {
            PromiseStatus::Broken
        }
    }

    /// Checks recording an outcome: only an open promise closes, and kept or
    /// broken must agree with the amounts at that date.
    pub fn check(&self, event: &PromiseEvent, owed_now: Money) -> Result<(), Validation> {
        let agrees = self.state == PromiseState::Open
            && match *event {
                PromiseEvent::Kept { .. } => self.paid_since_made(owed_now) >= self.data.amount,
                PromiseEvent::Broken { on } => self.status(owed_now, on) == PromiseStatus::Broken,
                PromiseEvent::Cancelled { .. } => true,
            };
        if agrees {
            Ok(())
        } else {
            Err(Validation::single(Field::Promise, Problem::StepNotAllowed))
        }
    }

    /// Records an outcome (already checked, or replayed from the store).
    pub fn apply(mut self, event: &PromiseEvent) -> Promise {
        self.state = match *event {
            PromiseEvent::Kept { on } => PromiseState::Kept { on },
            PromiseEvent::Broken { on } => PromiseState::Broken { on },
            PromiseEvent::Cancelled { on } => PromiseState::Cancelled { on },
        };
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn eur(cents: i64) -> Money {
        Money::from_cents(cents)
    }

    fn promise(amount: i64, owed: &[(i64, i64)]) -> Promise {
        let input = PromiseInput {
            customer: CustomerId(1),
            amount: eur(amount),
            by: d("2026-04-25"),
            made_on: d("2026-04-10"),
            covered: owed.iter().map(|&(id, c)| (InvoiceId(id), eur(c))).collect(),
        };
        Promise { id: PromiseId(1), data: input.validate().unwrap(), state: PromiseState::Open }
    }

    #[test]
    fn validation() {
        let base = PromiseInput {
            customer: CustomerId(1),
            amount: eur(50000),
            by: d("2026-04-25"),
            made_on: d("2026-04-10"),
            covered: vec![(InvoiceId(1), eur(30000)), (InvoiceId(2), eur(20000))],
        };
        assert_eq!(base.validate().map(|p| p.owed_when_made), Ok(eur(50000)));
        let cases: Vec<(PromiseInput, Vec<(Field, Problem)>)> = vec![
            (
                PromiseInput { amount: eur(50001), ..base.clone() },
                vec![(Field::Amount, Problem::ExceedsDue { remaining: "500.00".into() })],
            ),
            (PromiseInput { amount: eur(0), ..base.clone() }, vec![(Field::Amount, Problem::ZeroAmount)]),
            (PromiseInput { by: d("2026-04-09"), ..base.clone() }, vec![(Field::PromiseDate, Problem::TooEarly)]),
            (PromiseInput { by: d("2026-04-10"), ..base.clone() }, vec![]),
            (PromiseInput { covered: vec![], ..base.clone() }, vec![(Field::Invoice, Problem::Required)]),
            (
                PromiseInput { covered: vec![(InvoiceId(1), eur(30000)), (InvoiceId(1), eur(30000))], ..base.clone() },
                vec![(Field::Invoice, Problem::AlreadyUsed)],
            ),
            (
                PromiseInput { amount: eur(100), covered: vec![(InvoiceId(1), eur(0))], ..base.clone() },
                vec![(Field::Invoice, Problem::NotOpen)],
            ),
        ];
        for (input, want) in cases {
            let got: Vec<(Field, Problem)> = match input.validate() {
                Ok(_) => vec![],
                Err(v) => v.issues.into_iter().map(|i| (i.field, i.problem)).collect(),
            };
            assert_eq!(got, want, "{input:?}");
        }
    }

    #[test]
    fn status_by_date_and_amount() {
        let full = promise(50000, &[(1, 30000), (2, 20000)]);
        let part = promise(20000, &[(1, 30000), (2, 20000)]);
        let cases = [
            (&full, 50000, "2026-04-25", PromiseStatus::Running),
            (&full, 0, "2026-04-20", PromiseStatus::Running),
            (&full, 0, "2026-04-26", PromiseStatus::Kept),
            (&full, 1, "2026-04-26", PromiseStatus::Broken),
            (&full, 50000, "2026-04-26", PromiseStatus::Broken),
            (&part, 30000, "2026-04-26", PromiseStatus::Kept),
            (&part, 30001, "2026-04-26", PromiseStatus::Broken),
        ];
        for (p, owed_now, on, want) in cases {
            assert_eq!(p.status(eur(owed_now), d(on)), want, "promise of {} owed {owed_now} on {on}", p.data.amount);
        }
        let cancelled = full.clone().apply(&PromiseEvent::Cancelled { on: d("2026-04-12") });
        assert_eq!(cancelled.status(eur(50000), d("2026-04-26")), PromiseStatus::Closed);
        assert!(!cancelled.pauses(InvoiceId(1), d("2026-04-20")));
    }

    #[test]
    fn pauses_only_its_invoices_up_to_its_date() {
        let p = promise(30000, &[(1, 30000)]);
        assert!(p.pauses(InvoiceId(1), d("2026-04-25")));
        assert!(!p.pauses(InvoiceId(1), d("2026-04-26")));
        assert!(!p.pauses(InvoiceId(2), d("2026-04-20")));
    }

    #[test]
    fn outcomes_must_agree_with_the_amounts() {
        let p = promise(50000, &[(1, 50000)]);
        let refused = Err(Validation::single(Field::Promise, Problem::StepNotAllowed));
        assert_eq!(p.check(&PromiseEvent::Broken { on: d("2026-04-26") }, eur(100)), Ok(()));
        assert_eq!(p.check(&PromiseEvent::Broken { on: d("2026-04-25") }, eur(100)), refused);
        assert_eq!(p.check(&PromiseEvent::Broken { on: d("2026-04-26") }, eur(0)), refused);
        assert_eq!(p.check(&PromiseEvent::Kept { on: d("2026-04-20") }, eur(0)), Ok(()));
        assert_eq!(p.check(&PromiseEvent::Kept { on: d("2026-04-26") }, eur(100)), refused);
        assert_eq!(p.check(&PromiseEvent::Cancelled { on: d("2026-04-12") }, eur(100)), Ok(()));
        let broken = p.apply(&PromiseEvent::Broken { on: d("2026-04-26") });
        assert_eq!(broken.check(&PromiseEvent::Cancelled { on: d("2026-04-27") }, eur(100)), refused);
    }
}
