//! Worked examples of the agenda, each a small business day written out.
//! All use the standard policy: pre_due -5 (email), reminder_1 +7 (email),
//! reminder_2 +15 (letter), phone_call +21, formal_notice +30 (letter),
//! escalation +45.

use chrono::NaiveDate;

use super::agenda::{agenda, invoice_step, Agenda, AgendaCustomer, AgendaInvoice, InvoiceStep, Pause};
use super::escalation::EscalationStage;
use super::policy::{Channel, Policy};
use super::progress::{DunningEvent, InvoiceDunning};
use super::promise::{Promise, PromiseId, PromiseInput, PromiseState};
use crate::ids::{CustomerId, InvoiceId};
use crate::money::Money;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

struct Inv {
    id: i64,
    due: NaiveDate,
    remaining: Money,
    state: InvoiceDunning,
}

/// Invoice `id` due on `due` owing `euros`, with the standard levels in
/// `done` already done (each on its own date) and `more` events after them.
fn inv(id: i64, due: &str, euros: i64, done: &[&str], more: &[DunningEvent]) -> Inv {
    let policy = Policy::standard();
    let due = d(due);
    let mut events: Vec<DunningEvent> = done
        .iter()
        .map(|key| {
            let level = policy.level(key).unwrap();
            let on = due + chrono::TimeDelta::days(i64::from(level.offset_days));
            DunningEvent::LevelDone { level: level.mark(), on, channel: level.channel }
        })
        .collect();
    events.extend_from_slice(more);
    Inv { id, due, remaining: Money::from_cents(euros * 100), state: InvoiceDunning::replay(&events) }
}

struct Cust {
    id: i64,
    invoices: Vec<Inv>,
    promises: Vec<Promise>,
}

fn cust(id: i64, invoices: Vec<Inv>) -> Cust {
    Cust { id, invoices, promises: Vec::new() }
}

/// A promise made on `made_on` to pay all that `invoices` owed then, by `by`.
fn promise(id: i64, customer: &Cust, invoice_ids: &[i64], made_on: &str, by: &str) -> Promise {
    let covered = customer
        .invoices
        .iter()
        .filter(|i| invoice_ids.contains(&i.id))
        .map(|i| (InvoiceId(i.id), i.remaining))
        .collect::<Vec<_>>();
    let amount = covered.iter().map(|(_, r)| *r).sum();
    let input = PromiseInput { customer: CustomerId(customer.id), amount, by: d(by), made_on: d(made_on), covered };
    Promise { id: PromiseId(id), data: input.validate().unwrap(), state: PromiseState::Open }
}

fn day(customers: &[Cust], today: &str) -> Agenda {
    day_under(&Policy::standard(), customers, today)
}

/// The agenda of `today` for customers who all follow `policy`.
fn day_under(policy: &Policy, customers: &[Cust], today: &str) -> Agenda {
    let invoices: Vec<Vec<AgendaInvoice>> = customers
        .iter()
        .map(|c| {
            c.invoices
                .iter()
                .map(|i| AgendaInvoice {
                    id: InvoiceId(i.id),
                    due_date: i.due,
                    remaining: i.remaining,
                    state: &i.state,
                })
                .collect()
        })
        .collect();
    let input: Vec<AgendaCustomer> = customers
        .iter()
        .zip(&invoices)
        .map(|(c, inv)| AgendaCustomer { id: CustomerId(c.id), policy, invoices: inv, promises: &c.promises })
        .collect();
    agenda(&input, d(today))
}

/// One line per action: "C1 letter formal_notice 1500.00: #1 formal_notice, #2 reminder_2",
/// then one per promise outcome.
fn summary(a: &Agenda) -> Vec<String> {
    let mut out = Vec::new();
    for c in &a.customers {
        for p in &c.broken_promises {
            out.push(format!("C{} broken promise {} of {} by {}", c.customer, p.promise.0, p.amount, p.by));
        }
        for p in &c.kept_promises {
            out.push(format!("C{} kept promise {}", c.customer, p.0));
        }
        for act in &c.actions {
            let lines: Vec<String> = act.lines.iter().map(|l| format!("#{} {}", l.invoice, l.level.key)).collect();
            out.push(format!(
                "C{} {} {} {}: {}",
                c.customer,
                act.channel.code(),
                act.template,
                act.total,
                lines.join(", ")
            ));
        }
    }
    out
}

/// (what the book holds, the day the app is opened, the agenda expected).
fn check(cases: Vec<(&str, Vec<Cust>, &str, Vec<&str>)>) {
    for (why, customers, today, want) in cases {
        assert_eq!(summary(&day(&customers, today)), want, "{why} (on {today})");
    }
}

#[test]
fn pre_due_notice_and_first_reminder_on_the_exact_day() {
    check(vec![
        (
            "six days before the due date",
            vec![cust(1, vec![inv(1, "2026-03-31", 100, &[], &[])])],
            "2026-03-25",
            vec![],
        ),
        (
            "five days before: courteous notice",
            vec![cust(1, vec![inv(1, "2026-03-31", 100, &[], &[])])],
            "2026-03-26",
            vec!["C1 email courteous_notice 100.00: #1 pre_due"],
        ),
        (
            "notice done, due date reached",
            vec![cust(1, vec![inv(1, "2026-03-31", 100, &["pre_due"], &[])])],
            "2026-03-31",
            vec![],
        ),
        ("six days late", vec![cust(1, vec![inv(1, "2026-03-31", 100, &["pre_due"], &[])])], "2026-04-06", vec![]),
        (
            "seven days late: first reminder",
            vec![cust(1, vec![inv(1, "2026-03-31", 100, &["pre_due"], &[])])],
            "2026-04-07",
            vec!["C1 email friendly_reminder 100.00: #1 reminder_1"],
        ),
        ("paid: nothing", vec![cust(1, vec![inv(1, "2026-03-31", 0, &["pre_due"], &[])])], "2026-04-07", vec![]),
    ]);
}

#[test]
fn missed_levels_are_proposed_once_at_the_furthest() {
    let on = |key: &str, date: &str| {
        let level = Policy::standard().level(key).unwrap().mark();
        DunningEvent::LevelDone { level, on: d(date), channel: Channel::Letter }
    };
    check(vec![
        (
            "not opened from the 6th to the 20th: firm reminder only",
            vec![cust(1, vec![inv(1, "2026-03-31", 100, &["pre_due"], &[])])],
            "2026-04-20",
            vec!["C1 letter firm_reminder 100.00: #1 reminder_2"],
        ),
        (
            "firm reminder done on the 20th: not again the same day",
            vec![cust(1, vec![inv(1, "2026-03-31", 100, &["pre_due"], &[on("reminder_2", "2026-04-20")])])],
            "2026-04-20",
            vec![],
        ),
        (
            "the next level on its own date",
            vec![cust(1, vec![inv(1, "2026-03-31", 100, &["pre_due"], &[on("reminder_2", "2026-04-20")])])],
            "2026-04-21",
            vec!["C1 phone_call phone_call 100.00: #1 phone_call"],
        ),
        (
            "two months away: the formal notice, not the escalation past it",
            vec![cust(1, vec![inv(1, "2026-03-31", 100, &["pre_due", "reminder_1"], &[])])],
            "2026-06-01",
            vec!["C1 letter formal_notice 100.00: #1 formal_notice"],
        ),
        (
            "notice sent on 1 June: escalation 15 days later, not at once",
            vec![cust(1, vec![inv(1, "2026-03-31", 100, &["reminder_1"], &[on("formal_notice", "2026-06-01")])])],
            "2026-06-15",
            vec![],
        ),
        (
            "notice sent on 1 June: escalation on the 16th",
            vec![cust(1, vec![inv(1, "2026-03-31", 100, &["reminder_1"], &[on("formal_notice", "2026-06-01")])])],
            "2026-06-16",
            vec!["C1 escalation ready_for_court_or_agency 100.00: #1 escalation"],
        ),
    ]);
}

#[test]
fn a_dispute_pauses_only_its_invoice() {
    let disputed = DunningEvent::DisputeOpened { on: d("2026-04-02"), reason: "marchandise abîmée".into() };
    let resolved = DunningEvent::DisputeResolved { on: d("2026-04-10"), note: None };
    check(vec![
        (
            "invoice 1 disputed, invoice 2 chased",
            vec![cust(
                1,
                vec![
                    inv(1, "2026-03-31", 100, &["pre_due"], std::slice::from_ref(&disputed)),
                    inv(2, "2026-03-31", 250, &["pre_due"], &[]),
                ],
            )],
            "2026-04-07",
            vec!["C1 email friendly_reminder 250.00: #2 reminder_1"],
        ),
        (
            "dispute resolved: reminders resume at the level reached",
            vec![cust(1, vec![inv(1, "2026-03-31", 100, &["pre_due"], &[disputed.clone(), resolved])])],
            "2026-04-16",
            vec!["C1 letter firm_reminder 100.00: #1 reminder_2"],
        ),
    ]);
    let state = InvoiceDunning::replay(&[disputed]);
    let invoice =
        AgendaInvoice { id: InvoiceId(1), due_date: d("2026-03-31"), remaining: Money::from_cents(100), state: &state };
    assert_eq!(
        invoice_step(&Policy::standard(), &invoice, &[], d("2026-04-07")),
        InvoiceStep::Paused(Pause::Disputed { since: d("2026-04-02") })
    );
}

#[test]
fn a_promise_pauses_until_its_date_then_breaks() {
    let book = |paid_first: bool| {
        let mut c =
            cust(1, vec![inv(1, "2026-03-31", 300, &["pre_due"], &[]), inv(2, "2026-03-31", 200, &["pre_due"], &[])]);
        c.promises = vec![promise(7, &c, &[1], "2026-04-05", "2026-04-25")];
        if paid_first {
            c.invoices[0].remaining = Money::ZERO;
        }
        vec![c]
    };
    check(vec![
        (
            "promised invoice paused, the other chased",
            book(false),
            "2026-04-07",
            vec!["C1 email friendly_reminder 200.00: #2 reminder_1"],
        ),
        (
            "still paused on the promised date",
            book(false),
            "2026-04-25",
            vec!["C1 phone_call phone_call 200.00: #2 phone_call"],
        ),
        (
            "the day after, unpaid: broken, and reminders resume at the level reached",
            book(false),
            "2026-04-26",
            vec![
                "C1 broken promise 7 of 300.00 by 2026-04-25",
                "C1 phone_call phone_call 500.00: #1 phone_call, #2 phone_call",
            ],
        ),
        (
            "paid by the date: kept",
            book(true),
            "2026-04-26",
            vec!["C1 kept promise 7", "C1 phone_call phone_call 200.00: #2 phone_call"],
        ),
    ]);
    // Once the app records the promise broken, it is reported no more.
    let mut customers = book(false);
    customers[0].promises[0].state = PromiseState::Broken { on: d("2026-04-26") };
    assert_eq!(
        summary(&day(&customers, "2026-04-27")),
        vec!["C1 phone_call phone_call 500.00: #1 phone_call, #2 phone_call"]
    );
}

#[test]
fn one_message_per_customer_the_furthest_level_sets_channel_and_tone() {
    check(vec![
        (
            "reminder_2 (letter) and reminder_1 (email): one letter at the firm tone",
            vec![cust(
                1,
                vec![inv(1, "2026-03-31", 100, &["reminder_1"], &[]), inv(2, "2026-04-08", 50, &["pre_due"], &[])],
            )],
            "2026-04-15",
            vec!["C1 letter firm_reminder 150.00: #1 reminder_2, #2 reminder_1"],
        ),
        (
            "a call is due on one invoice, a reminder on another: one call covers both",
            vec![cust(
                1,
                vec![inv(1, "2026-03-25", 100, &["reminder_2"], &[]), inv(2, "2026-04-08", 50, &["pre_due"], &[])],
            )],
            "2026-04-15",
            vec!["C1 phone_call phone_call 150.00: #1 phone_call, #2 reminder_1"],
        ),
        (
            "the lead is an email: the pre-due notice rides along",
            vec![cust(1, vec![inv(1, "2026-04-08", 100, &["pre_due"], &[]), inv(2, "2026-04-20", 30, &[], &[])])],
            "2026-04-15",
            vec!["C1 email friendly_reminder 130.00: #1 reminder_1, #2 pre_due"],
        ),
        (
            "a decision is due on one invoice: it stays apart from the letter",
            vec![cust(
                1,
                vec![
                    inv(1, "2026-03-01", 400, &["formal_notice"], &[]),
                    inv(2, "2026-03-31", 100, &["reminder_1"], &[]),
                ],
            )],
            "2026-04-15",
            vec![
                "C1 letter firm_reminder 100.00: #2 reminder_2",
                "C1 escalation ready_for_court_or_agency 400.00: #1 escalation",
            ],
        ),
        (
            "only decisions due: no message",
            vec![cust(
                1,
                vec![
                    inv(1, "2026-03-01", 400, &["formal_notice"], &[]),
                    inv(2, "2026-02-25", 60, &["formal_notice"], &[]),
                ],
            )],
            "2026-04-15",
            vec!["C1 escalation ready_for_court_or_agency 460.00: #2 escalation, #1 escalation"],
        ),
    ]);
}

#[test]
fn mixed_levels_make_one_letter_per_customer() {
    let customers = || {
        vec![
            cust(
                1,
                vec![
                    inv(1, "2026-03-31", 1000, &["reminder_2"], &[]),
                    inv(2, "2026-04-15", 500, &["reminder_1"], &[]),
                    inv(3, "2026-04-23", 200, &["pre_due"], &[]),
                    inv(4, "2026-05-05", 50, &[], &[]),
                    inv(5, "2026-06-30", 75, &[], &[]),
                ],
            ),
            cust(2, vec![inv(6, "2026-04-09", 80, &["reminder_2"], &[])]),
            // Its pre-due notice was missed and the due date has passed: dropped.
            cust(3, vec![inv(7, "2026-04-29", 10, &[], &[])]),
        ]
    };
    check(vec![(
        "mixed levels on 30 April",
        customers(),
        "2026-04-30",
        vec![
            "C1 letter formal_notice 1750.00: #1 formal_notice, #2 reminder_2, #3 reminder_1, #4 pre_due",
            "C2 phone_call phone_call 80.00: #6 phone_call",
        ],
    )]);
    let a = day(&customers(), "2026-04-30");
    assert_eq!(a.customers[0].actions.len(), 1, "one letter, whatever the levels");
    let letter = &a.customers[0].actions[0];
    assert!(letter.lead.is_formal_notice);
    assert_eq!(letter.channel, Channel::Letter);
    assert_eq!(letter.lines[0].days_late, 30);
    assert_eq!(letter.lines[1].days_late, 15);
    assert!(!letter.lines[1].level.is_formal_notice, "each line keeps its own level");
}

#[test]
fn postponed_and_escalated_invoices_wait() {
    let postponed = DunningEvent::Postponed { on: d("2026-04-07"), until: d("2026-04-10") };
    let agency = DunningEvent::Escalated { to: EscalationStage::HandedToAgency { on: d("2026-05-20") } };
    check(vec![
        (
            "postponed to the 10th",
            vec![cust(1, vec![inv(1, "2026-03-31", 100, &["pre_due"], std::slice::from_ref(&postponed))])],
            "2026-04-09",
            vec![],
        ),
        (
            "on the 10th it comes back",
            vec![cust(1, vec![inv(1, "2026-03-31", 100, &["pre_due"], std::slice::from_ref(&postponed))])],
            "2026-04-10",
            vec!["C1 email friendly_reminder 100.00: #1 reminder_1"],
        ),
        (
            "with an agency: no more reminders",
            vec![cust(1, vec![inv(1, "2026-03-31", 100, &["formal_notice"], &[agency])])],
            "2026-06-30",
            vec![],
        ),
    ]);
}

/// Why, the policy as edited, the book, the day, the agenda expected.
type EditedDay<'a> = (&'a str, &'a Policy, Vec<Cust>, &'a str, Vec<&'a str>);

/// The policy edited after levels were handled under the standard one: a
/// handled level is never proposed again, wherever it moved, and a new level
/// behind the invoice's progress is not proposed either.
#[test]
fn levels_moved_or_renamed_by_an_edit_of_the_policy() {
    let edited = |edit: &dyn Fn(&mut Vec<super::policy::Level>)| {
        let mut levels = Policy::standard().levels().to_vec();
        edit(&mut levels);
        levels.sort_by_key(|l| l.offset_days);
        Policy::new(levels).unwrap()
    };
    // reminder_1 (done at J+7) now comes at J+18, after reminder_2 (done at J+15).
    let moved = edited(&|l| l.iter_mut().find(|l| l.key == "reminder_1").unwrap().offset_days = 18);
    // reminder_2 renamed: a new key at J+15, behind the phone call done at J+21.
    let renamed = edited(&|l| l.iter_mut().find(|l| l.key == "reminder_2").unwrap().key = "second_letter".into());
    let both_reminders = || vec![cust(1, vec![inv(1, "2026-03-31", 100, &["reminder_1", "reminder_2"], &[])])];
    let called = || vec![cust(1, vec![inv(1, "2026-03-31", 100, &["phone_call"], &[])])];
    let cases: Vec<EditedDay> = vec![
        ("a done level moved past another done one: not again", &moved, both_reminders(), "2026-04-18", vec![]),
        (
            "the schedule goes on at the next level",
            &moved,
            both_reminders(),
            "2026-04-21",
            vec!["C1 phone_call phone_call 100.00: #1 phone_call"],
        ),
        ("a renamed level behind the progress: not proposed", &renamed, called(), "2026-04-29", vec![]),
        (
            "then the formal notice on its date",
            &renamed,
            called(),
            "2026-04-30",
            vec!["C1 letter formal_notice 100.00: #1 formal_notice"],
        ),
    ];
    for (why, policy, customers, today, want) in cases {
        assert_eq!(summary(&day_under(policy, &customers, today)), want, "{why} (on {today})");
    }
}
