//! Collections on a real SQLite file: an invoice climbs its reminder levels
//! as actions are done, a dispute pauses only its invoice, a promise pauses
//! then breaks, and penalties come from the shipped rates.

use chrono::NaiveDate;
use relance_app::collections::{self, AgendaView};
use relance_app::{customers, invoices, AppError, FixedClock, LocalContext};
use relance_domain::customer::CustomerInput;
use relance_domain::dunning::Channel;
use relance_domain::ids::{CustomerId, InvoiceId};
use relance_domain::invoice::InvoiceInput;
use relance_domain::penalties::PenaltyError;
use relance_domain::rates::UnknownRate;
use relance_domain::validation::{Field, Problem};
use relance_domain::Money;
use relance_store::counts::row_counts;
use relance_store::rates::RateKind;
use relance_store::Store;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn open(dir: &tempfile::TempDir, today: &str) -> LocalContext {
    LocalContext::new(Store::open(&dir.path().join("relance.sqlite3")).unwrap(), Box::new(FixedClock(d(today))))
}

fn customer(ctx: &mut LocalContext, name: &str, kind: &str) -> CustomerId {
    let input = CustomerInput { kind: kind.into(), name: name.into(), terms: "net:30".into(), ..Default::default() };
    customers::create(ctx, &input).unwrap().id
}

/// Issued `date`, due 30 days later.
fn invoice(ctx: &mut LocalContext, c: CustomerId, number: &str, date: &str, total: &str) -> InvoiceId {
    let input = InvoiceInput {
        number: number.into(),
        issue_date: date.into(),
        total: Some(total.into()),
        ..Default::default()
    };
    invoices::create(ctx, c, &input).unwrap()
}

/// (customer name, channel, lead level, invoice numbers) of every action.
fn actions(view: &AgendaView) -> Vec<(String, Channel, String, Vec<String>)> {
    let mut out = Vec::new();
    for c in &view.agenda.customers {
        for a in &c.actions {
            let numbers = a.lines.iter().map(|l| view.invoice_numbers[&l.invoice].clone()).collect();
            out.push((view.customer_names[&c.customer].clone(), a.channel, a.lead.key.clone(), numbers));
        }
    }
    out
}

fn on(ctx: &LocalContext, date: &str) -> Vec<(Channel, String)> {
    actions(&collections::agenda(ctx, d(date)).unwrap()).into_iter().map(|(_, ch, level, _)| (ch, level)).collect()
}

fn problems(e: AppError) -> Vec<(Field, Problem)> {
    match e {
        AppError::Invalid(v) => v.issues.into_iter().map(|i| (i.field, i.problem)).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[test]
fn an_invoice_climbs_its_levels_once_each_even_when_days_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = open(&dir, "2025-01-01");
    let c = customer(&mut ctx, "Garage Martin", "business");
    invoice(&mut ctx, c, "F-1", "2025-01-01", "1 000,00"); // due 2025-01-31

    assert!(on(&ctx, "2025-01-25").is_empty());
    let steps = [
        ("2025-01-26", Channel::Email, "pre_due"),
        ("2025-02-07", Channel::Email, "reminder_1"),
        ("2025-02-15", Channel::Letter, "reminder_2"),
        // The call was missed (the app was closed from 02-16 to 03-05): the
        // formal notice is proposed once, the call is not proposed after it.
        ("2025-03-05", Channel::Letter, "formal_notice"),
    ];
    for (date, channel, level) in steps {
        assert_eq!(on(&ctx, date), vec![(channel, level.to_string())], "on {date}");
        let done = collections::action_done(&mut ctx, c, channel, d(date)).unwrap();
        assert_eq!(done.lead.key, level);
        assert!(on(&ctx, date).is_empty(), "{level} proposed twice on {date}");
    }
    // The decision to escalate counts its delay from the formal notice.
    assert!(on(&ctx, "2025-03-19").is_empty());
    assert_eq!(on(&ctx, "2025-03-20"), vec![(Channel::Escalation, "escalation".to_string())]);

    // Done twice is refused and writes nothing.
    let before = row_counts(ctx.store.conn()).unwrap();
    let again = collections::action_done(&mut ctx, c, Channel::Letter, d("2025-03-05")).unwrap_err();
    assert_eq!(problems(again), vec![(Field::LevelChannel, Problem::StepNotAllowed)]);
    assert_eq!(row_counts(ctx.store.conn()).unwrap(), before);
    assert_eq!(before.dunning_events, 4);
    let timeline = relance_store::activity::for_customer(ctx.store.conn(), c, 50).unwrap();
    assert_eq!(timeline.iter().filter(|a| a.kind == "reminder_done").count(), 4);
}

#[test]
fn one_letter_covers_the_customers_late_invoices_and_a_dispute_pauses_only_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = open(&dir, "2025-03-01");
    let c = customer(&mut ctx, "Garage Martin", "business");
    let f1 = invoice(&mut ctx, c, "F-1", "2025-01-01", "1 000,00"); // due 01-31
    invoice(&mut ctx, c, "F-2", "2025-01-10", "200,00"); // due 02-09

    let view = collections::agenda(&ctx, d("2025-02-24")).unwrap();
    let call = actions(&view).into_iter().find(|a| a.1 == Channel::PhoneCall).unwrap();
    assert_eq!((call.0.as_str(), call.3.clone()), ("Garage Martin", vec!["F-1".to_string(), "F-2".to_string()]));
    // F-1 is 24 days late (call), F-2 15 days (firm letter): one call, led
    // by the furthest level, covers both, each at its own level.
    assert_eq!(on(&ctx, "2025-02-24"), vec![(Channel::PhoneCall, "phone_call".to_string())]);
    let call = &view.agenda.customers[0].actions[0];
    let levels: Vec<&str> = call.lines.iter().map(|l| l.level.key.as_str()).collect();
    assert_eq!(levels, ["phone_call", "reminder_2"]);

    collections::dispute_open(&mut ctx, f1, "Pièce défectueuse", d("2025-02-24")).unwrap();
    assert_eq!(on(&ctx, "2025-02-24"), vec![(Channel::Letter, "reminder_2".to_string())]);
    let paused = collections::agenda(&ctx, d("2025-02-24")).unwrap();
    assert!(paused.agenda.customers.iter().all(|c| c.actions.iter().all(|a| a.lines.iter().all(|l| l.invoice != f1))));

    // A second dispute on the same invoice is refused; resolving resumes it.
    let twice = collections::dispute_open(&mut ctx, f1, "encore", d("2025-02-25")).unwrap_err();
    assert!(matches!(twice, AppError::Invalid(_)));
    collections::dispute_resolve(&mut ctx, f1, Some("avoir promis"), d("2025-02-26")).unwrap();
    assert_eq!(on(&ctx, "2025-02-26")[0], (Channel::PhoneCall, "phone_call".to_string()));
}

#[test]
fn a_promise_pauses_the_reminders_then_breaks_and_is_recorded_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = open(&dir, "2025-02-08");
    let c = customer(&mut ctx, "Garage Martin", "business");
    let f1 = invoice(&mut ctx, c, "F-1", "2025-01-01", "1 000,00"); // due 01-31

    // Nothing is written when the promise is invalid.
    let before = row_counts(ctx.store.conn()).unwrap();
    let bad = collections::promise_add(&mut ctx, c, "abc", d("2025-02-20"), &[f1]).unwrap_err();
    assert_eq!(problems(bad), vec![(Field::Amount, Problem::InvalidAmount)]);
    let too_much = collections::promise_add(&mut ctx, c, "2 000,00", d("2025-02-20"), &[]).unwrap_err();
    assert!(matches!(too_much, AppError::Invalid(_)));
    assert_eq!(row_counts(ctx.store.conn()).unwrap(), before);

    collections::promise_add(&mut ctx, c, "1 000,00", d("2025-02-20"), &[f1]).unwrap();
    assert!(on(&ctx, "2025-02-15").is_empty(), "the firm reminder waits for the promised date");
    assert!(on(&ctx, "2025-02-20").is_empty());

    let view = collections::agenda(&ctx, d("2025-02-21")).unwrap();
    let mine = &view.agenda.customers[0];
    assert_eq!(mine.broken_promises.len(), 1);
    assert_eq!(mine.broken_promises[0].paid, Money::ZERO);
    // 21 days late: the firm letter was held by the promise, the call is due now.
    assert_eq!(on(&ctx, "2025-02-21"), vec![(Channel::PhoneCall, "phone_call".to_string())]);

    collections::action_done(&mut ctx, c, Channel::PhoneCall, d("2025-02-21")).unwrap();
    let after = collections::agenda(&ctx, d("2025-02-21")).unwrap();
    assert!(after.agenda.customers.is_empty(), "the broken promise is shown until the user acts");
    assert_eq!(relance_store::promises::broken_count(ctx.store.conn(), c).unwrap(), 1);
    let timeline = relance_store::activity::for_customer(ctx.store.conn(), c, 50).unwrap();
    let kinds: Vec<&str> = timeline.iter().map(|a| a.kind.as_str()).collect();
    assert!(kinds.contains(&"promise_added") && kinds.contains(&"promise_broken"), "{kinds:?}");
}

#[test]
fn penalties_of_the_worked_example_and_an_unknown_half_year() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = open(&dir, "2025-03-02");
    let c = customer(&mut ctx, "Garage Martin", "business");
    let f1 = invoice(&mut ctx, c, "F-1", "2025-01-01", "1 000,00"); // due 2025-01-31

    let p = collections::penalties(&ctx, f1, d("2025-03-02")).unwrap().penalties;
    assert_eq!(p.days_late, 30);
    assert_eq!(p.interest, Money::from_cents(1_081));
    assert_eq!(p.indemnity, Money::from_cents(4_000));
    assert_eq!(p.total_claimed, Money::from_cents(5_081));

    // The shipped ECB table stops in February 2026: the rate of 1 July 2026
    // is unknown, and the error says which one the user must enter.
    let late = invoice(&mut ctx, c, "F-2", "2026-06-01", "1 000,00"); // due 2026-07-01
    let err = collections::penalties(&ctx, late, d("2026-08-15")).unwrap_err();
    assert!(
        matches!(err, AppError::Penalty(PenaltyError::UnknownRate(UnknownRate::Ecb { on })) if on == d("2026-07-01")),
        "{err:?}"
    );

    // Once the user enters it, the half-year is computed.
    // Nothing is written when the rate is refused.
    let before = row_counts(ctx.store.conn()).unwrap();
    let bad = collections::rate_add(&mut ctx, RateKind::Ecb, d("2026-08-01"), "deux", " ").unwrap_err();
    assert_eq!(
        problems(bad),
        vec![
            (Field::Rate, Problem::InvalidFormat { expected: "2.15" }),
            (Field::RateHalfYear, Problem::InvalidFormat { expected: "YYYY-01-01 | YYYY-07-01" }),
            (Field::RateSource, Problem::Required),
        ]
    );
    assert_eq!(row_counts(ctx.store.conn()).unwrap(), before);
    let source = "BCE, décision de politique monétaire";
    collections::rate_add(&mut ctx, RateKind::Ecb, d("2026-07-01"), "2,15", source).unwrap();
    let twice = collections::rate_add(&mut ctx, RateKind::Ecb, d("2026-07-01"), "2.15", source).unwrap_err();
    assert_eq!(problems(twice), vec![(Field::RateHalfYear, Problem::Duplicate)]);
    let p = collections::penalties(&ctx, late, d("2026-08-15")).unwrap().penalties;
    assert_eq!(p.days_late, 45);
    // 1 000 x 12.15 % x 45 / 365 = 14.979... -> 14.98
    assert_eq!(p.interest, Money::from_cents(1_498));
}

#[test]
fn skip_needs_a_reason_postpone_waits_and_escalation_needs_the_formal_notice() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = open(&dir, "2025-02-07");
    let c = customer(&mut ctx, "Garage Martin", "business");
    let f1 = invoice(&mut ctx, c, "F-1", "2025-01-01", "1 000,00"); // due 01-31

    let no_reason = collections::skip(&mut ctx, c, Channel::Email, d("2025-02-07"), "  ").unwrap_err();
    assert_eq!(problems(no_reason), vec![(Field::Reason, Problem::Required)]);
    collections::skip(&mut ctx, c, Channel::Email, d("2025-02-07"), "Le client a appelé").unwrap();
    assert!(on(&ctx, "2025-02-07").is_empty());

    collections::postpone(&mut ctx, c, Channel::Letter, d("2025-02-15"), d("2025-02-18")).unwrap();
    assert!(on(&ctx, "2025-02-17").is_empty());
    assert_eq!(on(&ctx, "2025-02-18"), vec![(Channel::Letter, "reminder_2".to_string())]);

    let agency = |on: &str| relance_domain::dunning::EscalationStage::HandedToAgency { on: d(on) };
    let early = collections::escalate(&mut ctx, f1, agency("2025-02-18")).unwrap_err();
    assert!(matches!(early, AppError::Invalid(_)), "{early:?}");
    // Skipping to 03-05: the formal notice is the one proposed; once sent, the agency may take over.
    collections::action_done(&mut ctx, c, Channel::Letter, d("2025-03-05")).unwrap();
    collections::escalate(&mut ctx, f1, agency("2025-03-25")).unwrap();
    assert!(on(&ctx, "2025-04-30").is_empty(), "the agency chases now, not us");
    let kinds: Vec<String> =
        relance_store::activity::for_customer(ctx.store.conn(), c, 50).unwrap().into_iter().map(|a| a.kind).collect();
    for k in ["reminder_skipped", "reminder_postponed", "reminder_done", "escalated"] {
        assert!(kinds.iter().any(|x| x == k), "{k} missing from {kinds:?}");
    }
}

#[test]
fn a_consumer_owes_legal_interest_only_from_the_formal_notice_and_no_indemnity() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = open(&dir, "2025-01-01");
    let c = customer(&mut ctx, "M. Durand", "consumer");
    let f1 = invoice(&mut ctx, c, "F-1", "2025-01-01", "1 000,00"); // due 01-31

    let before_notice = collections::penalties(&ctx, f1, d("2025-03-04")).unwrap();
    assert!(before_notice.consumer);
    assert_eq!(before_notice.penalties.total_claimed, Money::ZERO);

    collections::action_done(&mut ctx, c, Channel::Letter, d("2025-03-04")).unwrap(); // the formal notice
    let p = collections::penalties(&ctx, f1, d("2025-04-03")).unwrap().penalties;
    assert_eq!(p.indemnity, Money::ZERO);
    assert_eq!(p.periods.first().map(|r| r.from), Some(d("2025-03-05")));
    assert!(p.interest.is_positive());
}
