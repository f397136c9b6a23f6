//! Credit insurance (assurance-crédit): a customer covered by an insurer
//! (Allianz Trade, Coface, Atradius…) up to a covered amount (« montant
//! garanti », « agrément »), on condition that each unpaid invoice is declared
//! to the insurer (« déclaration de menace de sinistre ») within a number of
//! days after its due date. A missed deadline can lose the cover, so the
//! agenda asks for the declaration ahead of it.
//!
//! The rule ([`declaration`]), for an unpaid invoice of an insured customer:
//! - the deadline is the due date + the contract's days: the last day the
//!   declaration is on time;
//! - the action shows from [`LEAD_DAYS`] days before the deadline (from the
//!   day after the due date when the contract's delay is shorter than that:
//!   an invoice is only declared once it is late);
//! - after the deadline it still shows, said as passed: the cover is probably
//!   lost, but the insurer may still accept a late declaration;
//! - a declared invoice, a paid or fully credited one (nothing left owed) or
//!   one of a customer with no insurance asks nothing. A disputed invoice, an
//!   invoice in an installment plan or written off still needs declaring:
//!   the insurer's deadline does not wait for them.

use chrono::{Days, NaiveDate};

use crate::validation::{optional_text, Field, Problem, Validation};
use crate::Money;

/// How long the insurer's name may be.
pub const INSURER_MAX: usize = 100;
/// The contract's declaration delay, in whole days after the due date.
pub const DEADLINE_DAYS: (i64, i64) = (1, 365);
/// How many days before the deadline the agenda starts asking.
pub const LEAD_DAYS: u64 = 15;

/// The three fields of the customer form's « Assurance-crédit » group, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InsuranceInput {
    pub insurer: String,
    /// The covered amount (« montant garanti »); empty when not known.
    pub covered_amount: String,
    /// Days after the due date to declare an unpaid invoice.
    pub deadline_days: String,
}

/// A customer's credit insurance, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Insurance {
    pub insurer: String,
    /// `None`: the covered amount is not known.
    pub covered: Option<Money>,
    pub deadline_days: u32,
}

impl InsuranceInput {
    /// `Ok(None)` when the three fields are empty (not insured). Once anything
    /// is typed, the insurer and the delay are required (without the delay
    /// nothing can be said about the deadline); the covered amount is
    /// optional and never negative. Every problem names its field.
    pub fn check(&self) -> Result<Option<Insurance>, Validation> {
        let mut v = Validation::new();
        let insurer = v.check(optional_text(Field::Insurer, &self.insurer, INSURER_MAX)).flatten();
        let covered = match self.covered_amount.trim() {
            "" => None,
            raw => v.check(Money::parse_non_negative(Field::CoveredAmount, raw)),
        };
        let days = match self.deadline_days.trim() {
            "" => None,
            raw => {
                let (min, max) = DEADLINE_DAYS;
                match raw.parse::<i64>() {
                    Ok(n) if (min..=max).contains(&n) => u32::try_from(n).ok(),
                    _ => {
                        v.push(Field::DeclarationDays, Problem::OutOfRange { min, max });
                        None
                    }
                }
            }
        };
        let anything = [&self.insurer, &self.covered_amount, &self.deadline_days].iter().any(|s| !s.trim().is_empty());
        if !anything {
            return Ok(None);
        }
        if self.insurer.trim().is_empty() {
            v.push(Field::Insurer, Problem::Required);
        }
        if self.deadline_days.trim().is_empty() {
            v.push(Field::DeclarationDays, Problem::Required);
        }
        let (Some(insurer), Some(deadline_days)) = (insurer, days) else {
            return Err(v);
        };
        v.finish(|| Some(Insurance { insurer, covered, deadline_days }))
    }
}

impl Insurance {
    /// What of `exposure` is above the covered amount (not insured); zero
    /// when covered, `None` when the covered amount is not known.
    pub fn uncovered(&self, exposure: Money) -> Option<Money> {
        self.covered.map(|c| (exposure - c).max(Money::ZERO))
    }

    /// The last day an invoice due on `due_date` may be declared.
    pub fn deadline(&self, due_date: NaiveDate) -> NaiveDate {
        due_date.checked_add_days(Days::new(u64::from(self.deadline_days))).unwrap_or(NaiveDate::MAX)
    }
}

/// An invoice as the rule needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InsuredInvoice {
    pub due_date: NaiveDate,
    /// What is still owed (total less payments and credit notes).
    pub remaining: Money,
    /// Already declared to the insurer.
    pub declared: bool,
}

/// Where a declaration stands at a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeclarationState {
    /// To declare by `deadline`, `days_left` days from today (0: today is the last day).
    Due { days_left: i64 },
    /// The deadline passed `days_late` days ago: the cover is probably lost.
    Passed { days_late: i64 },
}

/// A declaration the agenda asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Declaration {
    pub deadline: NaiveDate,
    pub state: DeclarationState,
}

/// The declaration an invoice needs at `today`, if any (see the module's rule).
pub fn declaration(insurance: &Insurance, invoice: &InsuredInvoice, today: NaiveDate) -> Option<Declaration> {
    if invoice.declared || !invoice.remaining.is_positive() || today <= invoice.due_date {
        return None;
    }
    let deadline = insurance.deadline(invoice.due_date);
    let from = deadline.checked_sub_days(Days::new(LEAD_DAYS)).unwrap_or(NaiveDate::MIN);
    if today < from {
        return None;
    }
    let days_left = (deadline - today).num_days();
    let state = if days_left >= 0 {
        DeclarationState::Due { days_left }
    } else {
        DeclarationState::Passed { days_late: -days_left }
    };
    Some(Declaration { deadline, state })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn input(insurer: &str, covered: &str, days: &str) -> InsuranceInput {
        InsuranceInput { insurer: insurer.into(), covered_amount: covered.into(), deadline_days: days.into() }
    }

    fn fields(v: Validation) -> Vec<(Field, Problem)> {
        v.issues.into_iter().map(|i| (i.field, i.problem)).collect()
    }

    fn allianz(days: u32) -> Insurance {
        Insurance { insurer: "Allianz Trade".into(), covered: Some(Money::from_cents(1_000_000)), deadline_days: days }
    }

    /// One unpaid invoice due 2026-01-15 for 1 250,00 €, not declared.
    fn unpaid() -> InsuredInvoice {
        InsuredInvoice { due_date: day("2026-01-15"), remaining: Money::from_cents(125_000), declared: false }
    }

    #[test]
    fn three_empty_fields_mean_not_insured() {
        assert_eq!(input("", "", "").check(), Ok(None));
        assert_eq!(input("  ", " ", "").check(), Ok(None));
    }

    #[test]
    fn a_full_cover_is_read_with_french_amounts() {
        let got = input(" Allianz Trade ", "10 000,00", " 60 ").check().unwrap().unwrap();
        assert_eq!(got, allianz(60));
        let no_amount = input("Coface", "", "90").check().unwrap().unwrap();
        assert_eq!(no_amount.covered, None);
        assert_eq!(no_amount.uncovered(Money::from_cents(5)), None);
    }

    #[test]
    fn the_insurer_is_required_once_anything_else_is_typed() {
        assert_eq!(fields(input("", "5 000", "60").check().unwrap_err()), vec![(Field::Insurer, Problem::Required)]);
        assert_eq!(fields(input("", "", "60").check().unwrap_err()), vec![(Field::Insurer, Problem::Required)]);
        assert_eq!(
            fields(input("Atradius", "", "").check().unwrap_err()),
            vec![(Field::DeclarationDays, Problem::Required)]
        );
    }

    #[test]
    fn bad_amounts_and_days_name_their_field() {
        assert_eq!(
            fields(input("Coface", "-1", "60").check().unwrap_err()),
            vec![(Field::CoveredAmount, Problem::NegativeAmount)]
        );
        assert_eq!(
            fields(input("Coface", "beaucoup", "60").check().unwrap_err()),
            vec![(Field::CoveredAmount, Problem::InvalidAmount)]
        );
        let range = Problem::OutOfRange { min: 1, max: 365 };
        for days in ["0", "366", "60,5", "-3", "soixante"] {
            assert_eq!(
                fields(input("Coface", "0", days).check().unwrap_err()),
                vec![(Field::DeclarationDays, range.clone())],
                "{days}"
            );
        }
        assert_eq!(input("Coface", "0", "1").check().unwrap().unwrap().deadline_days, 1);
        assert_eq!(input("Coface", "0", "365").check().unwrap().unwrap().deadline_days, 365);
        let long = "x".repeat(INSURER_MAX + 1);
        assert_eq!(
            fields(input(&long, "", "60").check().unwrap_err()),
            vec![(Field::Insurer, Problem::TooLong { max: INSURER_MAX })]
        );
    }

    #[test]
    fn the_part_above_the_cover_is_not_insured() {
        let a = allianz(60);
        assert_eq!(a.uncovered(Money::from_cents(1_250_000)), Some(Money::from_cents(250_000)));
        assert_eq!(a.uncovered(Money::from_cents(1_000_000)), Some(Money::ZERO));
        assert_eq!(a.uncovered(Money::from_cents(10)), Some(Money::ZERO));
    }

    #[test]
    fn the_action_shows_fifteen_days_before_the_deadline_and_after_it() {
        // Due 15/01/2026 + 60 days = 16/03/2026 (31 + 28 + 1 days after 15/01).
        let a = allianz(60);
        assert_eq!(a.deadline(day("2026-01-15")), day("2026-03-16"));
        let at = |d: &str| declaration(&a, &unpaid(), day(d));
        assert_eq!(at("2026-02-28"), None, "16 days before: not yet");
        let due =
            |days_left| Some(Declaration { deadline: day("2026-03-16"), state: DeclarationState::Due { days_left } });
        assert_eq!(at("2026-03-01"), due(15), "15 days before: asked");
        assert_eq!(at("2026-03-16"), due(0), "the last day");
        let passed = |days_late| {
            Some(Declaration { deadline: day("2026-03-16"), state: DeclarationState::Passed { days_late } })
        };
        assert_eq!(at("2026-03-17"), passed(1));
        assert_eq!(at("2026-12-31"), passed(290), "still said long after");
    }

    #[test]
    fn a_short_delay_asks_from_the_day_after_the_due_date() {
        let a = allianz(10);
        let at = |d: &str| declaration(&a, &unpaid(), day(d));
        assert_eq!(at("2026-01-15"), None, "due today: not late yet");
        assert_eq!(
            at("2026-01-16"),
            Some(Declaration { deadline: day("2026-01-25"), state: DeclarationState::Due { days_left: 9 } })
        );
    }

    #[test]
    fn paid_credited_or_declared_invoices_ask_nothing() {
        let a = allianz(60);
        let on = day("2026-03-10");
        assert!(declaration(&a, &unpaid(), on).is_some());
        let paid = InsuredInvoice { remaining: Money::ZERO, ..unpaid() };
        assert_eq!(declaration(&a, &paid, on), None);
        let over_credited = InsuredInvoice { remaining: Money::from_cents(-500), ..unpaid() };
        assert_eq!(declaration(&a, &over_credited, on), None);
        let declared = InsuredInvoice { declared: true, ..unpaid() };
        assert_eq!(declaration(&a, &declared, on), None);
        assert_eq!(declaration(&a, &declared, day("2026-06-01")), None, "declared: not even after the deadline");
    }

    #[test]
    fn a_partly_paid_invoice_still_needs_declaring() {
        let part = InsuredInvoice { remaining: Money::from_cents(1), ..unpaid() };
        assert!(declaration(&allianz(60), &part, day("2026-03-16")).is_some());
    }
}
