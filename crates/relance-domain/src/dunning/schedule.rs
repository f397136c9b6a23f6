//! Which level of its policy an invoice has reached on a date.
//!
//! The rules, in the order they apply:
//! - a level's date is the due date plus its offset;
//! - levels at or before the last one handled (done or skipped) are never
//!   proposed again, nor that level itself if an edit of the policy moved it later;
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
fn pending<'p>(
    policy: &'p Policy,
    due: NaiveDate,
    state: &InvoiceDunning,
    today: NaiveDate,
) -> impl Iterator<Item = &'p Level> {
    let handled = state.last_handled.as_ref().map(|h| (h.level.offset_days, h.level.key.clone()));
    let overdue = today > due;
    // The key too: a level handled then moved later by an edit of the policy
    // is the same level, not a new one to send again.
    policy.levels().iter().filter(move |l| {
        handled.as_ref().is_none_or(|(offset, key)| l.offset_days > *offset && l.key != *key)
            && !(overdue && l.offset_days < 0)
    })
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
