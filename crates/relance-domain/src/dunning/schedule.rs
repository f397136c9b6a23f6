//! Which level of its policy an invoice has reached on a date.
//!
//! The rules, in the order they apply:
//! - a level's date is the due date plus its offset;
//! - levels at or before the furthest one handled (done or skipped) are never
//!   proposed again, nor any level ever handled, wherever an edit of the
//!   policy moved it (later, even past another handled level);
//! - of the levels whose date has come, only the furthest is proposed: when
//!   the app was not opened for days, the customer gets one letter at the
//!   right level, not a pile of every reminder missed;
//! - except that the formal notice is never jumped over: a court or an
//!   agency asks for it, so catching up stops at it until it is sent;
//! - the levels after the formal notice count their delay from the day it
//!   was sent, so the deadline it gives the debtor runs out before them;
//! - a level before the due date (the courteous notice) is dropped once the
//!   due date has passed: "your invoice falls due on..." would be wrong.

use chrono::{Days, NaiveDate};

use super::policy::{Level, Policy};
use super::progress::InvoiceDunning;

/// The date on which `level` comes for an invoice due on `due`.
pub fn level_date(policy: &Policy, level: &Level, due: NaiveDate, state: &InvoiceDunning) -> NaiveDate {
    let scheduled = shift(due, level.offset_days);
    let after_sent_notice =
        policy.formal_notice().filter(|notice| notice.offset_days < level.offset_days).zip(state.formal_notice_sent_on);
    match after_sent_notice {
        Some((notice, sent)) => scheduled.max(shift(sent, level.offset_days - notice.offset_days)),
        None => scheduled,
    }
}

/// The levels still to come on `today`, in schedule order: not handled yet,
/// and not a pre-due notice once the due date has passed.
fn pending<'s, 'p: 's>(
    policy: &'p Policy,
    due: NaiveDate,
    state: &'s InvoiceDunning,
    today: NaiveDate,
) -> impl Iterator<Item = &'p Level> + 's {
    let overdue = today > due;
    // Every handled key, not only the furthest: a level handled then moved
    // by an edit of the policy, even past another handled level, is the same
    // level, not a new one to send again.
    policy.levels().iter().filter(move |l| state.is_ahead(l) && !(overdue && l.offset_days < 0))
}

/// The level to propose on `today`, ignoring pauses (see `agenda`).
pub fn due_level<'p>(
    policy: &'p Policy,
    due: NaiveDate,
    state: &InvoiceDunning,
    today: NaiveDate,
) -> Option<&'p Level> {
    let mut reached = None;
    for level in pending(policy, due, state, today) {
        // Offsets increase, so dates do too: the first future one ends the search.
        if level_date(policy, level, due, state) > today {
            break;
        }
        reached = Some(level);
        if level.is_formal_notice {
            break;
        }
    }
    reached
}

/// When the next level comes, seen from `today`, for "next reminder on ..."
/// (None when every level is handled; a past date when one is due now).
pub fn next_level_date(policy: &Policy, due: NaiveDate, state: &InvoiceDunning, today: NaiveDate) -> Option<NaiveDate> {
    pending(policy, due, state, today).next().map(|l| level_date(policy, l, due, state))
}

fn shift(date: NaiveDate, days: i32) -> NaiveDate {
    let n = Days::new(u64::from(days.unsigned_abs()));
    let shifted = if days >= 0 { date.checked_add_days(n) } else { date.checked_sub_days(n) };
    // Offsets are bounded by `Policy::new`; only dates near the end of
    // chrono's range could overflow, and those stay where they are.
    shifted.unwrap_or(date)
}

#[cfg(test)]
mod tests {
    use super::super::policy::Channel;
    use super::super::progress::DunningEvent;
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// The state after `done` levels of the standard policy, each done on its date.
    fn handled(done: &[(&str, &str)]) -> InvoiceDunning {
        let policy = Policy::standard();
        let events: Vec<DunningEvent> = done
            .iter()
            .map(|(key, on)| DunningEvent::LevelDone {
                level: policy.level(key).unwrap().mark(),
                on: d(on),
                channel: Channel::Letter,
            })
            .collect();
        InvoiceDunning::replay(&events)
    }

    /// Levels done with their dates, today, the level expected, why.
    type Case<'a> = (&'a [(&'a str, &'a str)], &'a str, Option<&'a str>, &'a str);

    /// (levels done with their dates, today) -> level proposed, for an
    /// invoice due on Tuesday 31 March 2026 under the standard policy.
    #[test]
    fn the_level_proposed_on_a_date() {
        let cases: &[Case] = &[
            (&[], "2026-03-25", None, "six days before: nothing yet"),
            (&[], "2026-03-26", Some("pre_due"), "courteous notice five days before"),
            (&[("pre_due", "2026-03-26")], "2026-03-31", None, "due today: nothing"),
            (&[("pre_due", "2026-03-26")], "2026-04-06", None, "six days late: nothing"),
            (&[("pre_due", "2026-03-26")], "2026-04-07", Some("reminder_1"), "first reminder on the exact day"),
            (&[("pre_due", "2026-03-26")], "2026-04-20", Some("reminder_2"), "missed levels: only the furthest"),
            (&[("reminder_2", "2026-04-20")], "2026-04-20", None, "done today: not again"),
            (&[("reminder_2", "2026-04-20")], "2026-04-21", Some("phone_call"), "the next one on its own date"),
            (&[], "2026-03-31", Some("pre_due"), "notice missed: still proposed on the due date"),
            (&[], "2026-04-01", None, "notice missed: dropped once the due date has passed"),
            (&[("reminder_1", "2026-04-07")], "2026-06-30", Some("formal_notice"), "never jumps the formal notice"),
            (&[("formal_notice", "2026-04-30")], "2026-05-15", Some("escalation"), "45 days after the due date"),
            (&[("formal_notice", "2026-05-10")], "2026-05-15", None, "notice sent late: its delay runs"),
            (&[("formal_notice", "2026-05-10")], "2026-05-25", Some("escalation"), "15 days after the notice"),
            (&[("escalation", "2026-05-15")], "2026-12-31", None, "every level handled"),
        ];
        let policy = Policy::standard();
        for (done, today, want, why) in cases {
            let got = due_level(&policy, d("2026-03-31"), &handled(done), d(today)).map(|l| l.key.as_str());
            assert_eq!(got, *want, "{why} (today {today}, done {done:?})");
        }
    }

    #[test]
    fn a_level_done_then_moved_later_by_an_edit_is_not_proposed_again() {
        // The first reminder was done at J+7; the policy now sends it at J+10.
        let state = handled(&[("reminder_1", "2026-04-07")]);
        let mut levels = Policy::standard().levels().to_vec();
        levels[1].offset_days = 10;
        let edited = Policy::new(levels).unwrap();
        let on = |today: &str| due_level(&edited, d("2026-03-31"), &state, d(today)).map(|l| l.key.as_str());
        assert_eq!(on("2026-04-10"), None);
        assert_eq!(on("2026-04-15"), Some("reminder_2"));
    }

    /// The standard policy after an edit: `edit` changes the levels, which
    /// are then put back in offset order.
    fn edited(edit: impl Fn(&mut Vec<Level>)) -> Policy {
        let mut levels = Policy::standard().levels().to_vec();
        edit(&mut levels);
        levels.sort_by_key(|l| l.offset_days);
        Policy::new(levels).unwrap()
    }

    fn set_offset(levels: &mut [Level], key: &str, offset_days: i32) {
        levels.iter_mut().find(|l| l.key == key).unwrap().offset_days = offset_days;
    }

    fn rename(levels: &mut [Level], key: &str, new_key: &str) {
        levels.iter_mut().find(|l| l.key == key).unwrap().key = new_key.to_string();
    }

    /// Events, the edit of the policy, today, the level expected, why.
    type EditCase = (Vec<DunningEvent>, fn(&mut Vec<Level>), &'static str, Option<&'static str>, &'static str);

    /// Levels handled under the standard policy, then the policy edited:
    /// a handled level is never proposed again, and a level behind the
    /// invoice's progress (even a new one) is not proposed either.
    #[test]
    fn the_level_proposed_after_an_edit_of_the_policy() {
        let skipped = |key: &str, on: &str| DunningEvent::LevelSkipped {
            level: Policy::standard().level(key).unwrap().mark(),
            on: d(on),
            reason: "déjà appelé".into(),
        };
        let done = |key: &str, on: &str| DunningEvent::LevelDone {
            level: Policy::standard().level(key).unwrap().mark(),
            on: d(on),
            channel: Channel::Letter,
        };
        let both_reminders = vec![done("reminder_1", "2026-04-07"), done("reminder_2", "2026-04-15")];
        let cases: Vec<EditCase> = vec![
            (
                both_reminders.clone(),
                |l| set_offset(l, "reminder_1", 18),
                "2026-04-18",
                None,
                "a done level moved past another done level: not again",
            ),
            (
                both_reminders.clone(),
                |l| set_offset(l, "reminder_1", 18),
                "2026-04-21",
                Some("phone_call"),
                "the moved level does not hide the next one",
            ),
            (
                vec![skipped("reminder_1", "2026-04-07"), done("reminder_2", "2026-04-15")],
                |l| set_offset(l, "reminder_1", 18),
                "2026-04-19",
                None,
                "a skipped level moved past a done one: not again",
            ),
            (
                both_reminders.clone(),
                |l| {
                    set_offset(l, "reminder_1", 25);
                    set_offset(l, "reminder_2", 22);
                },
                "2026-04-29",
                Some("phone_call"),
                "two done levels moved past an undone one: only that one",
            ),
            (
                both_reminders.clone(),
                |l| rename(l, "reminder_1", "first_email"),
                "2026-04-20",
                None,
                "renamed level behind the progress: not proposed",
            ),
            (
                vec![done("phone_call", "2026-04-21")],
                |l| rename(l, "reminder_2", "second_letter"),
                "2026-04-29",
                None,
                "renamed level before the furthest handled one: not proposed",
            ),
            (
                vec![done("phone_call", "2026-04-21")],
                |l| rename(l, "reminder_2", "second_letter"),
                "2026-04-30",
                Some("formal_notice"),
                "the schedule goes on after the renamed level",
            ),
            (
                vec![done("formal_notice", "2026-04-30")],
                |l| {
                    set_offset(l, "formal_notice", 40);
                    set_offset(l, "escalation", 55);
                },
                "2026-05-24",
                None,
                "a sent notice moved later is not sent again",
            ),
            (
                vec![done("formal_notice", "2026-04-30")],
                |l| {
                    set_offset(l, "formal_notice", 40);
                    set_offset(l, "escalation", 55);
                },
                "2026-05-25",
                Some("escalation"),
                "escalation on the later of J+55 and 15 days after the notice was sent",
            ),
            (
                vec![done("reminder_1", "2026-04-07")],
                |l| set_offset(l, "reminder_2", 5),
                "2026-06-30",
                Some("formal_notice"),
                "an undone level moved behind the progress is dropped; the notice is never jumped",
            ),
        ];
        for (i, (events, edit, today, want, why)) in cases.into_iter().enumerate() {
            let state = InvoiceDunning::replay(&events);
            let policy = edited(edit);
            let got = due_level(&policy, d("2026-03-31"), &state, d(today)).map(|l| l.key.as_str());
            assert_eq!(got, want, "case {i}: {why} (today {today})");
        }
    }

    #[test]
    fn a_handled_level_moved_later_cannot_be_recorded_again() {
        let state = handled(&[("reminder_1", "2026-04-07"), ("reminder_2", "2026-04-15")]);
        let policy = edited(|l| set_offset(l, "reminder_1", 18));
        let again = DunningEvent::LevelDone {
            level: policy.level("reminder_1").unwrap().mark(),
            on: d("2026-04-18"),
            channel: Channel::Email,
        };
        let refused = state.check(&again, &policy, crate::money::Money::from_cents(100)).unwrap_err();
        assert_eq!(refused.issues[0].field, crate::validation::Field::DunningLevel);
        let next = DunningEvent::LevelDone {
            level: policy.level("phone_call").unwrap().mark(),
            on: d("2026-04-21"),
            channel: Channel::PhoneCall,
        };
        assert!(state.check(&next, &policy, crate::money::Money::from_cents(100)).is_ok());
    }

    #[test]
    fn next_level_dates() {
        let policy = Policy::standard();
        let due = d("2026-03-31");
        let next = |done: &[(&str, &str)], today: &str| next_level_date(&policy, due, &handled(done), d(today));
        assert_eq!(next(&[], "2026-03-01"), Some(d("2026-03-26")));
        assert_eq!(next(&[], "2026-04-02"), Some(d("2026-04-07")), "the pre-due notice has lapsed");
        assert_eq!(next(&[("phone_call", "2026-04-21")], "2026-04-22"), Some(d("2026-04-30")));
        assert_eq!(next(&[("formal_notice", "2026-05-10")], "2026-05-11"), Some(d("2026-05-25")));
        assert_eq!(next(&[("escalation", "2026-05-25")], "2026-05-26"), None);
    }
}
