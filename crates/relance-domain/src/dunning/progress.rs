//! Where one invoice stands in its reminders, as a fold of recorded events.
//!
//! Two steps, so that the store can replay history without a policy: `check`
//! turns what the user asks into the event to store (or says why not), and
//! `apply` folds a stored event into the state and never fails.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::dispute::{self, OpenDispute};
use super::escalation::{EscalationStage, MAX_REASON_CHARS};
use super::policy::{Channel, LevelMark, Policy};
use crate::money::Money;
use crate::validation::{required_text, Field, Problem, Validation};

/// How a level was handled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Handling {
    /// Sent or made, through the channel actually used.
    Done { channel: Channel },
    /// Deliberately not done; the schedule moves past it all the same.
    Skipped { reason: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandledLevel {
    pub level: LevelMark,
    pub on: NaiveDate,
    pub handling: Handling,
}

/// The reminder state of one invoice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceDunning {
    /// The furthest level done or skipped. Levels at or before its offset
    /// are never proposed again.
    pub last_handled: Option<HandledLevel>,
    /// The key of every level ever done or skipped, not only the furthest:
    /// an edit of the policy may move a handled level past another one, and
    /// a handled level is never proposed again, wherever it now stands.
    pub handled_keys: BTreeSet<String>,
    /// When the mise en demeure was sent: the levels after it count their
    /// delay from this day (see `schedule`).
    pub formal_notice_sent_on: Option<NaiveDate>,
    /// Nothing is proposed before this day.
    pub postponed_until: Option<NaiveDate>,
    pub dispute: Option<OpenDispute>,
    pub stage: EscalationStage,
}

impl Default for InvoiceDunning {
    fn default() -> Self {
        InvoiceDunning {
            last_handled: None,
            handled_keys: BTreeSet::new(),
            formal_notice_sent_on: None,
            postponed_until: None,
            dispute: None,
            stage: EscalationStage::Reminders,
        }
    }
}

/// What the store records about an invoice's reminders. Its list is the
/// invoice's reminder history, shown in the customer's timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DunningEvent {
    LevelDone { level: LevelMark, on: NaiveDate, channel: Channel },
    LevelSkipped { level: LevelMark, on: NaiveDate, reason: String },
    Postponed { on: NaiveDate, until: NaiveDate },
    DisputeOpened { on: NaiveDate, reason: String },
    DisputeResolved { on: NaiveDate, note: Option<String> },
    Escalated { to: EscalationStage },
}

impl InvoiceDunning {
    /// The state after a stored history, oldest event first.
    pub fn replay<'e>(events: impl IntoIterator<Item = &'e DunningEvent>) -> InvoiceDunning {
        events.into_iter().fold(InvoiceDunning::default(), InvoiceDunning::apply)
    }

    fn handled_offset(&self) -> Option<i32> {
        self.last_handled.as_ref().map(|h| h.level.offset_days)
    }

    /// Whether the level with this key was done or skipped, whatever its
    /// place in the policy now.
    pub fn was_handled(&self, key: &str) -> bool {
        self.handled_keys.contains(key)
    }

    /// Whether `level` of the current policy is still to come: never handled,
    /// and beyond the furthest level handled (its offset when it was handled).
    pub fn is_ahead(&self, level: &super::policy::Level) -> bool {
        !self.was_handled(&level.key) && self.handled_offset().is_none_or(|h| level.offset_days > h)
    }

    /// Checks what the user asks against this state, the customer's policy
    /// and what the invoice still owes; returns the event to store, with
    /// its level taken from the policy and its texts trimmed.
    pub fn check(&self, event: &DunningEvent, policy: &Policy, remaining: Money) -> Result<DunningEvent, Validation> {
        match event {
            DunningEvent::LevelDone { level, on, channel } => {
                let level = self.check_level(level, policy, remaining, Validation::new())?;
                Ok(DunningEvent::LevelDone { level, on: *on, channel: *channel })
            }
            DunningEvent::LevelSkipped { level, on, reason } => {
                let mut v = Validation::new();
                let reason = v.check(required_text(Field::Reason, reason, MAX_REASON_CHARS));
                let level = self.check_level(level, policy, remaining, v)?;
                Ok(DunningEvent::LevelSkipped { level, on: *on, reason: reason.unwrap_or_default() })
            }
            DunningEvent::Postponed { on, until } => {
                let mut v = Validation::new();
                if self.stage.stops_reminders() {
                    v.push(Field::EscalationStage, Problem::StepNotAllowed);
                }
                if until <= on {
                    v.push(Field::PostponedUntil, Problem::TooEarly);
                }
                v.finish(|| event.clone())
            }
            DunningEvent::DisputeOpened { on, reason } => {
                let d = dispute::check_open(self.dispute.as_ref(), *on, reason)?;
                Ok(DunningEvent::DisputeOpened { on: d.since, reason: d.reason })
            }
            DunningEvent::DisputeResolved { on, note } => {
                let note = dispute::check_resolve(self.dispute.as_ref(), *on, note.as_deref())?;
                Ok(DunningEvent::DisputeResolved { on: *on, note })
            }
            DunningEvent::Escalated { to } => {
                let to = self.stage.check_move(to, self.formal_notice_sent_on.is_some(), remaining)?;
                Ok(DunningEvent::Escalated { to })
            }
        }
    }

    /// A level can be done or skipped if it is in the policy, never handled,
    /// beyond the furthest one handled, and not beyond a formal notice still
    /// to send.
    fn check_level(
        &self,
        asked: &LevelMark,
        policy: &Policy,
        remaining: Money,
        mut v: Validation,
    ) -> Result<LevelMark, Validation> {
        if !remaining.is_positive() {
            v.push(Field::Invoice, Problem::NotOpen);
        }
        if self.stage.stops_reminders() {
            v.push(Field::EscalationStage, Problem::StepNotAllowed);
        }
        let Some(level) = policy.level(&asked.key) else {
            v.push(Field::DunningLevel, Problem::Unknown);
            return Err(v);
        };
        if !self.is_ahead(level) {
            v.push(Field::DunningLevel, Problem::StepNotAllowed);
        }
        let notice_pending = policy.formal_notice().filter(|n| n.offset_days < level.offset_days && self.is_ahead(n));
        if notice_pending.is_some() {
            v.push(Field::DunningLevel, Problem::NeedsFormalNotice);
        }
        v.finish(|| level.mark())
    }

    /// Folds one stored event into the state. Never moves an invoice back
    /// to an earlier level, even if events arrive out of order.
    pub fn apply(mut self, event: &DunningEvent) -> InvoiceDunning {
        match event {
            DunningEvent::LevelDone { level, on, channel } => {
                if level.is_formal_notice {
                    self.formal_notice_sent_on = Some(*on);
                }
                self.handle(level, *on, Handling::Done { channel: *channel });
            }
            DunningEvent::LevelSkipped { level, on, reason } => {
                self.handle(level, *on, Handling::Skipped { reason: reason.clone() });
            }
            DunningEvent::Postponed { until, .. } => self.postponed_until = Some(*until),
            DunningEvent::DisputeOpened { on, reason } => {
                self.dispute = Some(OpenDispute { since: *on, reason: reason.clone() });
            }
            DunningEvent::DisputeResolved { .. } => self.dispute = None,
            DunningEvent::Escalated { to } => self.stage = to.clone(),
        }
        self
    }

    fn handle(&mut self, level: &LevelMark, on: NaiveDate, handling: Handling) {
        self.handled_keys.insert(level.key.clone());
        if self.handled_offset().is_none_or(|h| level.offset_days > h) {
            self.last_handled = Some(HandledLevel { level: level.clone(), on, handling });
        }
        // The postponed action was handled: the postponement is spent.
        self.postponed_until = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn mark(key: &str) -> LevelMark {
        Policy::standard().level(key).unwrap().mark()
    }

    fn done(key: &str, on: &str) -> DunningEvent {
        DunningEvent::LevelDone { level: mark(key), on: d(on), channel: Channel::Letter }
    }

    fn after(events: &[DunningEvent]) -> InvoiceDunning {
        InvoiceDunning::replay(events)
    }

    type Problems = Vec<(Field, Problem)>;

    fn refusal(state: &InvoiceDunning, event: DunningEvent, remaining: i64) -> Vec<(Field, Problem)> {
        match state.check(&event, &Policy::standard(), Money::from_cents(remaining)) {
            Ok(_) => vec![],
            Err(v) => v.issues.into_iter().map(|i| (i.field, i.problem)).collect(),
        }
    }

    #[test]
    fn checks_of_recorded_actions() {
        let fresh = InvoiceDunning::default();
        let at_reminder_2 = after(&[done("reminder_2", "2026-04-15")]);
        let skip = |key: &str, reason: &str| DunningEvent::LevelSkipped {
            level: mark(key),
            on: d("2026-04-20"),
            reason: reason.into(),
        };
        let unknown = DunningEvent::LevelDone {
            level: LevelMark { key: "fax".into(), offset_days: 3, is_formal_notice: false },
            on: d("2026-04-20"),
            channel: Channel::Letter,
        };
        let cases: Vec<(InvoiceDunning, DunningEvent, i64, Problems)> = vec![
            (fresh.clone(), done("reminder_1", "2026-04-08"), 100, vec![]),
            (fresh.clone(), done("reminder_1", "2026-04-08"), 0, vec![(Field::Invoice, Problem::NotOpen)]),
            (
                at_reminder_2.clone(),
                done("reminder_1", "2026-04-20"),
                100,
                vec![(Field::DunningLevel, Problem::StepNotAllowed)],
            ),
            (
                at_reminder_2.clone(),
                done("reminder_2", "2026-04-20"),
                100,
                vec![(Field::DunningLevel, Problem::StepNotAllowed)],
            ),
            (at_reminder_2.clone(), done("formal_notice", "2026-04-30"), 100, vec![]),
            (
                at_reminder_2.clone(),
                done("escalation", "2026-05-20"),
                100,
                vec![(Field::DunningLevel, Problem::NeedsFormalNotice)],
            ),
            (after(&[skip("formal_notice", "client en redressement")]), done("escalation", "2026-05-20"), 100, vec![]),
            (fresh.clone(), unknown, 100, vec![(Field::DunningLevel, Problem::Unknown)]),
            (fresh.clone(), skip("pre_due", " "), 100, vec![(Field::Reason, Problem::Required)]),
            (
                fresh.clone(),
                DunningEvent::Postponed { on: d("2026-04-20"), until: d("2026-04-20") },
                100,
                vec![(Field::PostponedUntil, Problem::TooEarly)],
            ),
            (
                after(&[DunningEvent::Escalated { to: EscalationStage::HandedToAgency { on: d("2026-05-20") } }]),
                done("escalation", "2026-05-21"),
                100,
                vec![
                    (Field::EscalationStage, Problem::StepNotAllowed),
                    (Field::DunningLevel, Problem::NeedsFormalNotice),
                ],
            ),
            (
                fresh.clone(),
                DunningEvent::Escalated { to: EscalationStage::InjunctionPrepared { on: d("2026-05-20") } },
                100,
                vec![(Field::EscalationStage, Problem::NeedsFormalNotice)],
            ),
            (
                after(&[done("formal_notice", "2026-04-30")]),
                DunningEvent::Escalated { to: EscalationStage::InjunctionPrepared { on: d("2026-05-20") } },
                100,
                vec![],
            ),
        ];
        for (i, (state, event, remaining, want)) in cases.into_iter().enumerate() {
            assert_eq!(refusal(&state, event, remaining), want, "case {i}");
        }
    }

    #[test]
    fn the_checked_event_takes_its_level_from_the_policy() {
        let stale = DunningEvent::LevelDone {
            level: LevelMark { key: "reminder_1".into(), offset_days: 99, is_formal_notice: true },
            on: d("2026-04-08"),
            channel: Channel::Email,
        };
        let stored = InvoiceDunning::default().check(&stale, &Policy::standard(), Money::from_cents(100)).unwrap();
        assert_eq!(
            stored,
            DunningEvent::LevelDone { level: mark("reminder_1"), on: d("2026-04-08"), channel: Channel::Email }
        );
    }

    #[test]
    fn replay_folds_the_history() {
        let state = after(&[
            done("pre_due", "2026-03-26"),
            DunningEvent::Postponed { on: d("2026-04-07"), until: d("2026-04-10") },
            DunningEvent::DisputeOpened { on: d("2026-04-08"), reason: "prix".into() },
            DunningEvent::DisputeResolved { on: d("2026-04-12"), note: None },
            done("formal_notice", "2026-05-02"),
            // Out of order: must not move the invoice back.
            done("reminder_1", "2026-05-03"),
        ]);
        assert_eq!(state.last_handled.as_ref().map(|h| h.level.key.as_str()), Some("formal_notice"));
        assert_eq!(state.formal_notice_sent_on, Some(d("2026-05-02")));
        assert_eq!(state.postponed_until, None, "handling a level spends the postponement");
        assert_eq!(state.dispute, None);
        assert_eq!(state.stage, EscalationStage::Reminders);
    }
}
