//! Following a plan: what has been paid is applied to the installments in
//! order, each installment is paid, partly paid, to come or late at a date,
//! and an installment unpaid after the grace days breaks the plan.
//!
//! The default rule: an installment due on D with G grace days is still fine
//! on D+G; if it is not fully paid it defaults the plan on D+G+1.

use chrono::{Duration, NaiveDate};

use super::schedule::Installment;
use crate::money::Money;

/// The settings of installment follow-up, in days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanSettings {
    /// After this many days late an installment breaks the plan (the next day).
    pub grace_days: u32,
    /// A notice is proposed this many days before each installment.
    pub notice_days: u32,
    /// A reminder is proposed once an installment is this many days late.
    pub reminder_days: u32,
}

impl Default for PlanSettings {
    fn default() -> Self {
        PlanSettings { grace_days: 15, notice_days: 3, reminder_days: 3 }
    }
}

/// The most days any of the settings may hold.
pub const MAX_SETTING_DAYS: u32 = 90;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InstallmentStatus {
    Paid,
    PartlyPaid,
    /// Not yet due (« à venir »), nothing paid on it.
    Upcoming,
    /// Past its date and not fully paid.
    Late,
}

impl InstallmentStatus {
    pub fn code(self) -> &'static str {
        match self {
            InstallmentStatus::Paid => "paid",
            InstallmentStatus::PartlyPaid => "partly_paid",
            InstallmentStatus::Upcoming => "upcoming",
            InstallmentStatus::Late => "late",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InstallmentState {
    pub installment: Installment,
    pub paid: Money,
    pub status: InstallmentStatus,
}

impl InstallmentState {
    pub fn left(&self) -> Money {
        self.installment.amount - self.paid
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanStatus {
    Running,
    Completed,
    Defaulted { on: NaiveDate },
    Replaced { on: NaiveDate },
}

impl PlanStatus {
    pub fn code(self) -> &'static str {
        match self {
            PlanStatus::Running => "running",
            PlanStatus::Completed => "completed",
            PlanStatus::Defaulted { .. } => "defaulted",
            PlanStatus::Replaced { .. } => "replaced",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Follow {
    pub installments: Vec<InstallmentState>,
    pub paid: Money,
    pub left: Money,
    /// Paid beyond the plan's total (stays as the customer's credit).
    pub overpaid: Money,
    /// Running, completed, or defaulted as derived from the amounts.
    pub status: PlanStatus,
}

/// Applies `paid` (everything received for the plan) to the installments in
/// order and derives each one's status and the plan's on `as_of`.
pub fn follow(installments: &[Installment], paid: Money, as_of: NaiveDate, grace_days: u32) -> Follow {
    let paid = paid.max(Money::ZERO);
    let total: Money = installments.iter().map(|i| i.amount).sum();
    let mut left_to_apply = paid;
    let mut states = Vec::with_capacity(installments.len());
    for inst in installments {
        let part = left_to_apply.min(inst.amount);
        left_to_apply -= part;
        let status = if part == inst.amount {
            InstallmentStatus::Paid
        } else if as_of > inst.due {
            InstallmentStatus::Late
        } else if part.is_positive() {
            InstallmentStatus::PartlyPaid
        } else {
            InstallmentStatus::Upcoming
        };
        states.push(InstallmentState { installment: *inst, paid: part, status });
    }
    let status = if paid >= total {
        PlanStatus::Completed
    } else {
        match first_unpaid(&states).map(|s| default_day(s.installment.due, grace_days)) {
            Some(on) if as_of >= on => PlanStatus::Defaulted { on },
            _ => PlanStatus::Running,
        }
    };
    Follow {
        installments: states,
        paid: paid.min(total),
        left: (total - paid).max(Money::ZERO),
        overpaid: (paid - total).max(Money::ZERO),
        status,
    }
}

fn first_unpaid(states: &[InstallmentState]) -> Option<&InstallmentState> {
    states.iter().find(|s| s.status != InstallmentStatus::Paid)
}

/// The day an installment due on `due` breaks the plan if still unpaid.
pub fn default_day(due: NaiveDate, grace_days: u32) -> NaiveDate {
    due + Duration::days(i64::from(grace_days) + 1)
}

/// The day the plan will break if nothing more is paid (None when completed).
pub fn breaks_on(f: &Follow, grace_days: u32) -> Option<NaiveDate> {
    first_unpaid(&f.installments).map(|s| default_day(s.installment.due, grace_days))
}

/// What the agenda proposes about an installment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InstallmentActionKind {
    /// A courteous notice before the date.
    Notice,
    /// A reminder once it is late.
    Reminder,
}

impl InstallmentActionKind {
    pub fn code(self) -> &'static str {
        match self {
            InstallmentActionKind::Notice => "notice",
            InstallmentActionKind::Reminder => "reminder",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InstallmentAction {
    pub kind: InstallmentActionKind,
    pub number: u32,
    pub due: NaiveDate,
    pub left: Money,
}

impl InstallmentActionKind {
    pub fn from_code(code: &str) -> Option<InstallmentActionKind> {
        [InstallmentActionKind::Notice, InstallmentActionKind::Reminder].into_iter().find(|k| k.code() == code)
    }
}

/// What the user did about an installment's notice or reminder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HandledOutcome {
    /// Sent (or called) on that day: never proposed again.
    Done { on: NaiveDate },
    /// Deliberately not sent: never proposed again.
    Skipped { on: NaiveDate },
    /// Proposed again on `until`, not before.
    Postponed { until: NaiveDate },
}

/// One record of what was done about an installment's notice or reminder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Handled {
    pub number: u32,
    pub kind: InstallmentActionKind,
    pub outcome: HandledOutcome,
}

/// Whether `kind` of installment `number` is out of the agenda on `as_of`:
/// done or skipped once, or postponed (by its latest postponement) past `as_of`.
fn handled_on(handled: &[Handled], number: u32, kind: InstallmentActionKind, as_of: NaiveDate) -> bool {
    let mine = || handled.iter().filter(|h| h.number == number && h.kind == kind);
    if mine().any(|h| matches!(h.outcome, HandledOutcome::Done { .. } | HandledOutcome::Skipped { .. })) {
        return true;
    }
    let until = mine()
        .filter_map(|h| match h.outcome {
            HandledOutcome::Postponed { until } => Some(until),
            _ => None,
        })
        .max();
    until.is_some_and(|u| as_of < u)
}

/// The installment actions of a running plan on `as_of`: a notice from
/// `notice_days` before the date until the date, a reminder from
/// `reminder_days` after it until the plan breaks. A paid installment has
/// none; a defaulted or completed plan has none (the collections engine
/// takes over after a default). What `handled` says was done or skipped is
/// never proposed again, what it postponed waits for its day. A notice whose
/// days have passed is not carried on: at most one action per installment,
/// the one whose window `as_of` is in, so a missed notice is proposed once
/// (its own days), never next to or after its reminder.
pub fn actions(f: &Follow, as_of: NaiveDate, settings: PlanSettings, handled: &[Handled]) -> Vec<InstallmentAction> {
    if f.status != PlanStatus::Running {
        return Vec::new();
    }
    let mut out = Vec::new();
    for s in &f.installments {
        if s.status == InstallmentStatus::Paid {
            continue;
        }
        let due = s.installment.due;
        let notice_from = due - Duration::days(i64::from(settings.notice_days));
        let reminder_from = due + Duration::days(i64::from(settings.reminder_days));
        let kind = if as_of >= notice_from && as_of <= due && s.installment.number > 0 {
            Some(InstallmentActionKind::Notice)
        } else if as_of >= reminder_from && as_of < default_day(due, settings.grace_days) {
            Some(InstallmentActionKind::Reminder)
        } else {
            None
        };
        if let Some(kind) = kind.filter(|k| !handled_on(handled, s.installment.number, *k, as_of)) {
            out.push(InstallmentAction { kind, number: s.installment.number, due, left: s.left() });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn three() -> Vec<Installment> {
        vec![
            Installment { number: 1, due: d("2026-03-10"), amount: Money::from_cents(10000) },
            Installment { number: 2, due: d("2026-04-10"), amount: Money::from_cents(10000) },
            Installment { number: 3, due: d("2026-05-11"), amount: Money::from_cents(10001) },
        ]
    }

    fn statuses(f: &Follow) -> Vec<&'static str> {
        f.installments.iter().map(|s| s.status.code()).collect()
    }

    #[test]
    fn payments_fill_installments_in_order() {
        let f = follow(&three(), Money::from_cents(15000), d("2026-03-20"), 15);
        assert_eq!(statuses(&f), ["paid", "partly_paid", "upcoming"]);
        assert_eq!(f.installments[1].paid, Money::from_cents(5000));
        assert_eq!(f.left, Money::from_cents(15001));
        assert_eq!(f.status, PlanStatus::Running);
        // Early: everything paid before the first date.
        let f = follow(&three(), Money::from_cents(30001), d("2026-03-01"), 15);
        assert_eq!(statuses(&f), ["paid", "paid", "paid"]);
        assert_eq!(f.status, PlanStatus::Completed);
        // Overpaid: the excess is reported, never applied.
        let f = follow(&three(), Money::from_cents(40000), d("2026-03-01"), 15);
        assert_eq!((f.paid, f.left, f.overpaid), (Money::from_cents(30001), Money::ZERO, Money::from_cents(9999)));
        // Partial and late.
        let f = follow(&three(), Money::from_cents(5000), d("2026-03-11"), 15);
        assert_eq!(statuses(&f), ["late", "upcoming", "upcoming"]);
    }

    #[test]
    fn default_exactly_the_day_after_the_grace_days() {
        // Due 10 March, 15 grace days: fine on 25 March, defaulted on 26 March.
        let f = follow(&three(), Money::from_cents(9999), d("2026-03-25"), 15);
        assert_eq!(f.status, PlanStatus::Running);
        let f = follow(&three(), Money::from_cents(9999), d("2026-03-26"), 15);
        assert_eq!(f.status, PlanStatus::Defaulted { on: d("2026-03-26") });
        // The second installment counts from its own date.
        let f = follow(&three(), Money::from_cents(10000), d("2026-04-25"), 15);
        assert_eq!(f.status, PlanStatus::Running);
        let f = follow(&three(), Money::from_cents(10000), d("2026-04-26"), 15);
        assert_eq!(f.status, PlanStatus::Defaulted { on: d("2026-04-26") });
        // No grace at all: defaulted the day after the date.
        let f = follow(&three(), Money::ZERO, d("2026-03-11"), 0);
        assert_eq!(f.status, PlanStatus::Defaulted { on: d("2026-03-11") });
    }

    #[test]
    fn agenda_actions_notice_before_reminder_after() {
        let s = PlanSettings::default();
        let at = |day: &str, paid: i64| -> Vec<(&'static str, u32)> {
            let f = follow(&three(), Money::from_cents(paid), d(day), s.grace_days);
            actions(&f, d(day), s, &[]).iter().map(|a| (a.kind.code(), a.number)).collect()
        };
        assert_eq!(at("2026-03-06", 0), []);
        assert_eq!(at("2026-03-07", 0), [("notice", 1)]);
        assert_eq!(at("2026-03-10", 0), [("notice", 1)]);
        assert_eq!(at("2026-03-12", 0), []);
        assert_eq!(at("2026-03-13", 0), [("reminder", 1)]);
        assert_eq!(at("2026-03-25", 0), [("reminder", 1)]);
        assert_eq!(at("2026-03-26", 0), [], "defaulted: the collections engine takes over");
        assert_eq!(at("2026-03-13", 10000), []);
        assert_eq!(at("2026-04-08", 10000), [("notice", 2)]);
    }

    #[test]
    fn handled_actions_are_not_proposed_again_and_postponed_ones_wait() {
        let s = PlanSettings::default();
        let at = |day: &str, handled: &[Handled]| -> Vec<(&'static str, u32)> {
            let f = follow(&three(), Money::ZERO, d(day), s.grace_days);
            actions(&f, d(day), s, handled).iter().map(|a| (a.kind.code(), a.number)).collect()
        };
        let notice = |outcome| Handled { number: 1, kind: InstallmentActionKind::Notice, outcome };
        let done = [notice(HandledOutcome::Done { on: d("2026-03-07") })];
        assert_eq!(at("2026-03-08", &done), []);
        assert_eq!(at("2026-03-10", &done), []);
        // Done for the notice only: the reminder still comes.
        assert_eq!(at("2026-03-13", &done), [("reminder", 1)]);
        let skipped = [notice(HandledOutcome::Skipped { on: d("2026-03-07") })];
        assert_eq!(at("2026-03-09", &skipped), []);
        // Postponed to the 9th, then again to the 10th: the latest counts.
        let mut later = vec![notice(HandledOutcome::Postponed { until: d("2026-03-09") })];
        assert_eq!(at("2026-03-08", &later), []);
        assert_eq!(at("2026-03-09", &later), [("notice", 1)]);
        later.push(notice(HandledOutcome::Postponed { until: d("2026-03-10") }));
        assert_eq!(at("2026-03-09", &later), []);
        assert_eq!(at("2026-03-10", &later), [("notice", 1)]);
        // Another installment's record changes nothing here.
        let other = [Handled { number: 2, ..done[0] }];
        assert_eq!(at("2026-03-08", &other), [("notice", 1)]);
        // A missed notice is not carried after its date, next to the reminder.
        assert_eq!(at("2026-03-11", &[]), []);
        let reminded = [Handled {
            number: 1,
            kind: InstallmentActionKind::Reminder,
            outcome: HandledOutcome::Done { on: d("2026-03-13") },
        }];
        assert_eq!(at("2026-03-20", &reminded), []);
        assert_eq!(at("2026-03-26", &[]), [], "defaulted: nothing from the plan");
    }

    proptest! {
        #[test]
        fn applied_amounts_never_exceed_and_always_add_up(
            amounts in proptest::collection::vec(1i64..1_000_000, 1..30),
            paid in 0i64..40_000_000,
            as_of_offset in 0i64..1500,
            grace in 0u32..60,
        ) {
            let start = d("2026-01-05");
            let inst: Vec<Installment> = amounts.iter().enumerate().map(|(i, a)| Installment {
                number: i as u32 + 1,
                due: start + Duration::days(30 * i as i64),
                amount: Money::from_cents(*a),
            }).collect();
            let total: i64 = amounts.iter().sum();
            let f = follow(&inst, Money::from_cents(paid), start + Duration::days(as_of_offset), grace);
            let applied: Money = f.installments.iter().map(|s| s.paid).sum();
            prop_assert_eq!(applied, Money::from_cents(paid.min(total)));
            prop_assert_eq!(f.paid + f.left, Money::from_cents(total));
            prop_assert!(f.installments.iter().all(|s| !s.paid.is_negative() && s.paid <= s.installment.amount));
            // Installments are paid in order: no paid one after an unpaid one.
            let first_open = f.installments.iter().position(|s| s.status != InstallmentStatus::Paid);
            if let Some(k) = first_open {
                prop_assert!(f.installments[k + 1..].iter().all(|s| s.paid.is_zero()));
            }
            prop_assert_eq!(f.status == PlanStatus::Completed, paid >= total);
        }
    }
}
