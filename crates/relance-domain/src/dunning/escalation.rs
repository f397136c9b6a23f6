//! What happens to an invoice after the reminders: a court (injonction de
//! payer), a collection agency, or a write-off. A closed set of stages with
//! the moves allowed between them.

use chrono::NaiveDate;

use crate::money::Money;
use crate::validation::{required_text, Field, Problem, Validation};

/// Reasons are sentences for the file, not essays.
pub(crate) const MAX_REASON_CHARS: usize = 500;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EscalationStage {
    /// Still in the reminder schedule.
    Reminders,
    /// The request for an injonction de payer is prepared.
    InjunctionPrepared { on: NaiveDate },
    /// The debt is in a collection agency's hands.
    HandedToAgency { on: NaiveDate },
    /// Given up. The amount stays in the books and the reports as a loss.
    WrittenOff { on: NaiveDate, amount: Money, reason: String },
}

impl EscalationStage {
    /// Stable code for storage and the wire.
    pub fn code(&self) -> &'static str {
        match self {
            EscalationStage::Reminders => "reminders",
            EscalationStage::InjunctionPrepared { .. } => "injunction_prepared",
            EscalationStage::HandedToAgency { .. } => "handed_to_agency",
            EscalationStage::WrittenOff { .. } => "written_off",
        }
    }

    /// Once a court, an agency or a write-off has taken over, the reminder
    /// schedule stops: a letter from us would contradict theirs.
    pub fn stops_reminders(&self) -> bool {
        !matches!(self, EscalationStage::Reminders)
    }

    fn since(&self) -> Option<NaiveDate> {
        match self {
            EscalationStage::Reminders => None,
            EscalationStage::InjunctionPrepared { on }
            | EscalationStage::HandedToAgency { on }
            | EscalationStage::WrittenOff { on, .. } => Some(*on),
        }
    }

    /// Checks a move from this stage to `to`, returning the stage to store
    /// (its reason trimmed).
    ///
    /// Allowed: reminders -> court, agency or write-off, once the formal
    /// notice was sent (these are the stages after it: a court and an agency
    /// ask for it, and a debt is not given up before the customer was
    /// formally asked to pay); court <-> agency (an agency may give a file
    /// back, a court route may be abandoned); court or agency -> written off.
    /// Written off is final, and nothing goes back to reminders: that would
    /// be a new decision, recorded as such by the user.
    pub fn check_move(
        &self,
        to: &EscalationStage,
        formal_notice_sent: bool,
        remaining: Money,
    ) -> Result<EscalationStage, Validation> {
        use EscalationStage::*;
        let mut v = Validation::new();
        if !remaining.is_positive() {
            v.push(Field::Invoice, Problem::NotOpen);
        }
        let allowed = matches!(
            (self, to),
            (Reminders | HandedToAgency { .. }, InjunctionPrepared { .. })
                | (Reminders | InjunctionPrepared { .. }, HandedToAgency { .. })
                | (Reminders | InjunctionPrepared { .. } | HandedToAgency { .. }, WrittenOff { .. })
        );
        if !allowed {
            v.push(Field::EscalationStage, Problem::StepNotAllowed);
        } else if !formal_notice_sent {
            v.push(Field::EscalationStage, Problem::NeedsFormalNotice);
        } else if self.since().zip(to.since()).is_some_and(|(from, on)| on < from) {
            v.push(Field::ActionDate, Problem::TooEarly);
        }
        let mut clean = to.clone();
        if let WrittenOff { amount, reason, .. } = &mut clean {
            if amount.is_negative() {
                v.push(Field::Amount, Problem::NegativeAmount);
            } else if amount.is_zero() {
                v.push(Field::Amount, Problem::ZeroAmount);
            } else if *amount > remaining && remaining.is_positive() {
                v.push(Field::Amount, Problem::ExceedsDue { remaining: remaining.to_string() });
            }
            if let Some(r) = v.check(required_text(Field::Reason, reason, MAX_REASON_CHARS)) {
                *reason = r;
            }
        }
        v.finish(|| clean)
    }

    /// The stage codes reachable from this one, in the order they are offered:
    /// what `check_move` would accept, amounts and reasons aside.
    pub fn next_steps(&self, formal_notice_sent: bool, remaining: Money) -> Vec<&'static str> {
        if !formal_notice_sent || !remaining.is_positive() {
            return Vec::new();
        }
        match self {
            EscalationStage::Reminders => vec!["injunction_prepared", "handed_to_agency", "written_off"],
            EscalationStage::InjunctionPrepared { .. } => vec!["handed_to_agency", "written_off"],
            EscalationStage::HandedToAgency { .. } => vec!["injunction_prepared", "written_off"],
            EscalationStage::WrittenOff { .. } => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    type Problems = Vec<(Field, Problem)>;

    fn problems(from: &EscalationStage, to: &EscalationStage, notice: bool, remaining: i64) -> Vec<(Field, Problem)> {
        match from.check_move(to, notice, Money::from_cents(remaining)) {
            Ok(_) => Vec::new(),
            Err(v) => v.issues.into_iter().map(|i| (i.field, i.problem)).collect(),
        }
    }

    #[test]
    fn allowed_moves() {
        use EscalationStage::*;
        let court = InjunctionPrepared { on: d("2026-05-20") };
        let agency = HandedToAgency { on: d("2026-05-20") };
        let off = |cents, reason: &str| WrittenOff {
            on: d("2026-06-01"),
            amount: Money::from_cents(cents),
            reason: reason.into(),
        };
        let not_allowed = vec![(Field::EscalationStage, Problem::StepNotAllowed)];
        let cases: Vec<(EscalationStage, EscalationStage, bool, Problems)> = vec![
            (Reminders, court.clone(), true, vec![]),
            (Reminders, agency.clone(), true, vec![]),
            (Reminders, court.clone(), false, vec![(Field::EscalationStage, Problem::NeedsFormalNotice)]),
            (Reminders, agency.clone(), false, vec![(Field::EscalationStage, Problem::NeedsFormalNotice)]),
            (Reminders, off(10000, "liquidation"), false, vec![(Field::EscalationStage, Problem::NeedsFormalNotice)]),
            (Reminders, off(10000, "liquidation"), true, vec![]),
            (court.clone(), agency.clone(), true, vec![]),
            (agency.clone(), court.clone(), true, vec![]),
            (court.clone(), off(10000, "liquidation"), true, vec![]),
            (court.clone(), court.clone(), true, not_allowed.clone()),
            (court.clone(), Reminders, true, not_allowed.clone()),
            (off(10000, "x"), court.clone(), true, not_allowed.clone()),
            (off(10000, "x"), off(10000, "y"), true, not_allowed.clone()),
            (Reminders, Reminders, true, not_allowed.clone()),
            (
                Reminders,
                off(10001, "x"),
                true,
                vec![(Field::Amount, Problem::ExceedsDue { remaining: "100.00".into() })],
            ),
            (Reminders, off(0, "x"), true, vec![(Field::Amount, Problem::ZeroAmount)]),
            (Reminders, off(5000, "  "), true, vec![(Field::Reason, Problem::Required)]),
            (off(10000, "x"), InjunctionPrepared { on: d("2026-01-01") }, true, not_allowed.clone()),
            (
                agency.clone(),
                InjunctionPrepared { on: d("2026-05-19") },
                true,
                vec![(Field::ActionDate, Problem::TooEarly)],
            ),
        ];
        for (from, to, notice, want) in cases {
            assert_eq!(problems(&from, &to, notice, 10000), want, "{} -> {}", from.code(), to.code());
        }
    }

    #[test]
    fn the_next_steps_are_the_moves_check_move_accepts() {
        use EscalationStage::*;
        let stages = [
            Reminders,
            InjunctionPrepared { on: d("2026-05-20") },
            HandedToAgency { on: d("2026-05-20") },
            WrittenOff { on: d("2026-05-20"), amount: Money::from_cents(100), reason: "x".into() },
        ];
        let on = d("2026-06-01");
        let candidates = [
            InjunctionPrepared { on },
            HandedToAgency { on },
            WrittenOff { on, amount: Money::from_cents(100), reason: "x".into() },
        ];
        for from in &stages {
            for notice in [false, true] {
                for remaining in [0, 100] {
                    let accepted: Vec<&str> = candidates
                        .iter()
                        .filter(|to| from.check_move(to, notice, Money::from_cents(remaining)).is_ok())
                        .map(|to| to.code())
                        .collect();
                    assert_eq!(from.next_steps(notice, Money::from_cents(remaining)), accepted, "{}", from.code());
                }
            }
        }
    }

    #[test]
    fn nothing_to_escalate_on_a_paid_invoice() {
        let to = EscalationStage::InjunctionPrepared { on: d("2026-05-20") };
        assert_eq!(problems(&EscalationStage::Reminders, &to, true, 0), vec![(Field::Invoice, Problem::NotOpen)]);
    }

    #[test]
    fn the_stored_reason_is_trimmed() {
        let to = EscalationStage::WrittenOff {
            on: d("2026-06-01"),
            amount: Money::from_cents(500),
            reason: "  frais de recouvrement disproportionnés ".into(),
        };
        let stored = EscalationStage::Reminders.check_move(&to, true, Money::from_cents(500)).unwrap();
        assert!(
            matches!(stored, EscalationStage::WrittenOff { reason, .. } if reason == "frais de recouvrement disproportionnés")
        );
    }
}
