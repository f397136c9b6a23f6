//! Stored reminder policies on a real SQLite file: the agenda follows each
//! customer's policy (its own, its payment profile's, the default), an edit
//! never proposes again what was done, a used policy cannot be deleted, and
//! a contractual penalty rate is checked against the legal floor.

use chrono::NaiveDate;
use relance_app::collections;
use relance_app::customers::{self, ProfileInput};
use relance_app::policies::{self, LevelInput, PolicyInput};
use relance_app::{invoices, AppError, FixedClock, LocalContext};
use relance_domain::customer::CustomerInput;
use relance_domain::dunning::{Channel, PolicySource, Segment};
use relance_domain::ids::{CustomerId, InvoiceId, PolicyId};
use relance_domain::invoice::InvoiceInput;
use relance_domain::penalties::PenaltyError;
use relance_domain::validation::{Field, Problem};
use relance_domain::Money;
use relance_store::counts::row_counts;
use relance_store::Store;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn open(dir: &tempfile::TempDir, today: &str) -> LocalContext {
    LocalContext::new(Store::open(&dir.path().join("relance.sqlite3")).unwrap(), Box::new(FixedClock(d(today))))
}

fn reopen(dir: &tempfile::TempDir, ctx: LocalContext, today: &str) -> LocalContext {
    drop(ctx);
    open(dir, today)
}

fn customer(ctx: &mut LocalContext, name: &str, profile: ProfileInput) -> CustomerId {
    let input =
        CustomerInput { kind: "business".into(), name: name.into(), terms: "net:30".into(), ..Default::default() };
    customers::create_with_profile(ctx, &input, &profile).unwrap().id
}

/// Issued `date`, due 30 days later.
fn invoice(ctx: &mut LocalContext, c: CustomerId, number: &str, date: &str) -> InvoiceId {
    let input = InvoiceInput {
        number: number.into(),
        issue_date: date.into(),
        total: Some("1 000,00".into()),
        ..Default::default()
    };
    invoices::create(ctx, c, &input).unwrap()
}

fn level(offset: &str, channel: &str, template: &str) -> LevelInput {
    LevelInput { offset_days: offset.into(), channel: channel.into(), template: template.into(), ..Default::default() }
}

/// First reminder by e-mail at J+3, a letter at J+10.
fn quick() -> PolicyInput {
    PolicyInput {
        name: "Rapide".into(),
        levels: vec![level("3", "email", "friendly_reminder"), level("10", "letter", "firm_reminder")],
    }
}

/// (customer, channel, level key) of every action of the agenda on `date`.
fn agenda(ctx: &LocalContext, date: &str) -> Vec<(String, Channel, String)> {
    let view = collections::agenda(ctx, d(date)).unwrap();
    let mut out = Vec::new();
    for c in &view.agenda.customers {
        for a in &c.actions {
            out.push((view.customer_names[&c.customer].clone(), a.channel, a.lead.key.clone()));
        }
    }
    out.sort();
    out
}

fn problems(e: AppError) -> Vec<(Option<usize>, Field, Problem)> {
    match e {
        AppError::Invalid(v) => v.issues.into_iter().map(|i| (i.row, i.field, i.problem)).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn own(policy: PolicyId) -> ProfileInput {
    ProfileInput { policy: Some(policy.0), ..Default::default() }
}

#[test]
fn each_customer_gets_its_own_policy_else_its_profiles_else_the_default() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = open(&dir, "2026-01-01");
    let rapide = policies::create(&mut ctx, &quick()).unwrap();
    let keys: Vec<String> = policies::list(&ctx)
        .unwrap()
        .policies
        .iter()
        .find(|p| p.policy.id == rapide)
        .unwrap()
        .policy
        .levels
        .iter()
        .map(|l| l.key.clone())
        .collect();
    assert_eq!(keys, ["reminder_1", "reminder_2"], "new levels get stable keys the user never types");

    let mine = customer(&mut ctx, "A Client à lui", own(rapide));
    let tardy = customer(&mut ctx, "B Tardif", ProfileInput { segment: "late".into(), ..Default::default() });
    let plain = customer(&mut ctx, "C Non classé", ProfileInput::default());
    // The own policy wins over the profile's.
    let both = customer(
        &mut ctx,
        "D Les deux",
        ProfileInput { segment: "at_risk".into(), policy: Some(rapide.0), ..Default::default() },
    );
    for (c, n) in [(mine, "F-1"), (tardy, "F-2"), (plain, "F-3"), (both, "F-4")] {
        invoice(&mut ctx, c, n, "2026-01-02"); // due 2026-02-01
    }
    // Payment profile "tardif" follows "Rapide" too, once chosen.
    assert_eq!(
        agenda(&ctx, "2026-02-04"),
        [
            ("A Client à lui".into(), Channel::Email, "reminder_1".into()),
            ("D Les deux".into(), Channel::Email, "reminder_1".into()),
        ]
    );
    policies::assign(&mut ctx, Some(Segment::Late), Some(rapide)).unwrap();
    let ctx = reopen(&dir, ctx, "2026-02-04");
    assert_eq!(
        agenda(&ctx, "2026-02-04"),
        [
            ("A Client à lui".into(), Channel::Email, "reminder_1".into()),
            ("B Tardif".into(), Channel::Email, "reminder_1".into()),
            ("D Les deux".into(), Channel::Email, "reminder_1".into()),
        ]
    );
    // The standard policy's first reminder is at J+7: only then for C.
    assert_eq!(agenda(&ctx, "2026-02-08").iter().filter(|(n, _, _)| n == "C Non classé").count(), 1);

    let why = |ctx: &LocalContext, c| {
        let p = customers::detail(ctx, c).unwrap().policy;
        (p.name, p.source)
    };
    assert_eq!(why(&ctx, mine), ("Rapide".into(), PolicySource::Customer));
    assert_eq!(why(&ctx, tardy), ("Rapide".into(), PolicySource::Segment(Segment::Late)));
    assert_eq!(why(&ctx, plain), ("Standard".into(), PolicySource::Default));
    assert_eq!(why(&ctx, both), ("Rapide".into(), PolicySource::Customer));

    // The default itself can change.
    let mut ctx = ctx;
    policies::assign(&mut ctx, None, Some(rapide)).unwrap();
    assert_eq!(why(&ctx, plain), ("Rapide".into(), PolicySource::Default));
}

#[test]
fn editing_a_policy_after_an_action_never_proposes_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = open(&dir, "2026-01-01");
    let rapide = policies::create(&mut ctx, &quick()).unwrap();
    let c = customer(&mut ctx, "Garage Martin", own(rapide));
    invoice(&mut ctx, c, "F-1", "2026-01-02"); // due 2026-02-01
    assert_eq!(agenda(&ctx, "2026-02-04"), [("Garage Martin".into(), Channel::Email, "reminder_1".into())]);
    collections::action_done(&mut ctx, c, Channel::Email, d("2026-02-04")).unwrap();
    assert!(agenda(&ctx, "2026-02-05").is_empty());

    // The first reminder moves to J+4 and a call is added at J+5: the reminder
    // done at J+3 is not proposed again, the call is.
    let list = policies::list(&ctx).unwrap();
    let stored = &list.policies.iter().find(|p| p.policy.id == rapide).unwrap().policy;
    let mut edited = PolicyInput { name: "Rapide".into(), levels: Vec::new() };
    for (l, offset) in stored.levels.iter().zip(["4", "10"]) {
        edited.levels.push(LevelInput {
            key: l.key.clone(),
            offset_days: offset.into(),
            channel: l.channel.code().into(),
            template: l.template.clone(),
            ..Default::default()
        });
    }
    edited.levels.insert(1, level("5", "phone_call", "phone_call"));
    policies::update(&mut ctx, rapide, &edited).unwrap();
    assert_eq!(agenda(&ctx, "2026-02-05"), []);
    assert_eq!(agenda(&ctx, "2026-02-06"), [("Garage Martin".into(), Channel::PhoneCall, "phone_call".into())]);
}

#[test]
fn bad_policies_are_refused_naming_the_row_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = open(&dir, "2026-01-01");
    let before = row_counts(ctx.store.conn()).unwrap();
    let before_list = policies::list(&ctx).unwrap().policies.len();

    let mut bad = quick();
    bad.name = "  ".into();
    bad.levels.push(level("10", "letter", "formal_notice"));
    bad.levels.push(level("dix", "fax", "phone_call"));
    bad.levels.push(LevelInput { fee: "-5".into(), ..level("40", "email", "friendly_reminder") });
    assert_eq!(
        problems(policies::create(&mut ctx, &bad).unwrap_err()),
        [
            (None, Field::PolicyName, Problem::Required),
            (Some(3), Field::LevelOffset, Problem::InvalidFormat { expected: "-5, 7, 30" }),
            (Some(3), Field::LevelChannel, Problem::InvalidFormat { expected: "letter | email | phone_call" }),
            (Some(4), Field::LevelFee, Problem::NegativeAmount),
        ]
    );
    // Once each level reads, the policy's rules name the row too.
    let mut bad = quick();
    bad.levels.push(level("10", "letter", "formal_notice"));
    bad.levels.push(level("60", "escalation", "ready_for_court_or_agency"));
    bad.levels.swap(0, 1);
    assert_eq!(
        problems(policies::create(&mut ctx, &bad).unwrap_err()),
        [
            (Some(1), Field::LevelOffset, Problem::NotAfterPrevious),
            (Some(3), Field::LevelChannel, Problem::NeedsFormalNotice),
        ]
    );
    let empty = PolicyInput { name: "Vide".into(), levels: Vec::new() };
    assert_eq!(
        problems(policies::create(&mut ctx, &empty).unwrap_err()),
        [(None, Field::DunningLevels, Problem::Required)]
    );
    let same_name = PolicyInput { name: "Standard".into(), ..quick() };
    assert_eq!(
        problems(policies::create(&mut ctx, &same_name).unwrap_err()),
        [(None, Field::PolicyName, Problem::AlreadyUsed)]
    );

    assert_eq!(row_counts(ctx.store.conn()).unwrap(), before);
    assert_eq!(policies::list(&ctx).unwrap().policies.len(), before_list);

    // A good one is written with one entry in the activity log.
    policies::create(&mut ctx, &quick()).unwrap();
    assert_eq!(row_counts(ctx.store.conn()).unwrap().activity, before.activity + 1);
    assert_eq!(policies::list(&ctx).unwrap().policies.len(), before_list + 1);
}

#[test]
fn a_used_policy_cannot_be_deleted_and_the_standard_one_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = open(&dir, "2026-01-01");
    let rapide = policies::create(&mut ctx, &quick()).unwrap();
    let c = customer(&mut ctx, "Garage Martin", own(rapide));
    policies::assign(&mut ctx, Some(Segment::AtRisk), Some(rapide)).unwrap();

    let err = policies::delete(&mut ctx, rapide).unwrap_err();
    assert_eq!(problems(err), [(None, Field::Policy, Problem::InUse { customers: 1, segments: 1, default: false })]);
    let listed = policies::list(&ctx).unwrap();
    let usage = &listed.policies.iter().find(|p| p.policy.id == rapide).unwrap().usage;
    assert_eq!((usage.customers, usage.segments.as_slice()), (1, &[Segment::AtRisk][..]));
    assert_eq!(listed.by_segment[3], (Segment::AtRisk, Some(rapide)));

    // Once nobody follows it, it goes.
    let input = CustomerInput { kind: "business".into(), name: "Garage Martin".into(), ..Default::default() };
    customers::update_with_profile(&mut ctx, c, &input, &ProfileInput::default()).unwrap();
    policies::assign(&mut ctx, Some(Segment::AtRisk), None).unwrap();
    policies::delete(&mut ctx, rapide).unwrap();
    assert_eq!(policies::list(&ctx).unwrap().policies.len(), 1);

    // The default cannot go, nor be unset.
    let standard = policies::list(&ctx).unwrap().default;
    assert_eq!(
        problems(policies::delete(&mut ctx, standard).unwrap_err()),
        [(None, Field::Policy, Problem::InUse { customers: 0, segments: 0, default: true })]
    );
    assert_eq!(
        problems(policies::assign(&mut ctx, None, None).unwrap_err()),
        [(None, Field::Policy, Problem::Required)]
    );

    // Edited, then restored to the shipped levels.
    let mut edited = quick();
    edited.name = "Standard".into();
    policies::update(&mut ctx, standard, &edited).unwrap();
    assert_eq!(policies::restore_standard(&mut ctx).unwrap(), standard);
    let list = policies::list(&ctx).unwrap();
    assert_eq!(list.policies[0].policy.levels, relance_domain::dunning::Policy::standard().levels());
}

#[test]
fn a_contractual_rate_is_checked_against_the_floor_and_used_for_the_penalties() {
    let dir = tempfile::tempdir().unwrap();
    // 2025-S1: legal rate 3.71 %, floor 3 x 3.71 = 11.13 %.
    let mut ctx = open(&dir, "2025-03-02");
    let rate = |r: &str| ProfileInput { contractual_rate: r.into(), ..Default::default() };
    let before = row_counts(ctx.store.conn()).unwrap();
    let input = CustomerInput {
        kind: "business".into(),
        name: "Garage Martin".into(),
        terms: "net:30".into(),
        ..Default::default()
    };
    let err = customers::create_with_profile(&mut ctx, &input, &rate("10")).unwrap_err();
    assert_eq!(
        problems(err),
        [(None, Field::ContractualRate, Problem::BelowLegalFloor { floor: "11.13".into(), year: 2025, half: 1 })]
    );
    let err = customers::create_with_profile(&mut ctx, &input, &rate("douze")).unwrap_err();
    assert_eq!(problems(err), [(None, Field::ContractualRate, Problem::InvalidFormat { expected: "12,5" })]);
    // Every problem of the form at once: the name and the profile.
    let unnamed = CustomerInput { name: " ".into(), ..input.clone() };
    let both = ProfileInput {
        segment: "sometimes".into(),
        policy: Some(999),
        contractual_rate: "10".into(),
        ..Default::default()
    };
    let fields: Vec<Field> = problems(customers::create_with_profile(&mut ctx, &unnamed, &both).unwrap_err())
        .into_iter()
        .map(|p| p.1)
        .collect();
    assert_eq!(fields, [Field::CustomerName, Field::Segment, Field::Policy, Field::ContractualRate]);
    assert_eq!(row_counts(ctx.store.conn()).unwrap(), before, "nothing is written");

    let c = customers::create_with_profile(&mut ctx, &input, &rate("12,5")).unwrap().id;
    assert_eq!(customers::detail(&ctx, c).unwrap().profile.contractual_rate.as_deref(), Some("12.50"));
    let f1 = invoice(&mut ctx, c, "F-1", "2025-01-01"); // due 2025-01-31
    let p = collections::penalties(&ctx, f1, d("2025-03-02")).unwrap().penalties;
    // 1 000 x 12.5 % x 30 / 365 = 10.27 (the legal default, ECB + 10, would give 10.81).
    assert_eq!(p.interest, Money::from_cents(1_027));
    assert_eq!(p.indemnity, Money::from_cents(4_000));

    // 9 % passes in 2025-S2 (floor 8.28 %) but the invoice's delay runs
    // through 2025-S1, where it is below the floor: the computation refuses.
    let mut ctx = reopen(&dir, ctx, "2025-09-01");
    customers::update_with_profile(&mut ctx, c, &input, &rate("9")).unwrap();
    let err = collections::penalties(&ctx, f1, d("2025-09-01")).unwrap_err();
    assert!(matches!(err, AppError::Penalty(PenaltyError::ContractualRateBelowFloor { .. })), "{err:?}");

    // Empty: back to the legal rate. The plain update keeps the profile.
    customers::update(&mut ctx, c, &input).unwrap();
    assert_eq!(customers::detail(&ctx, c).unwrap().profile.contractual_rate.as_deref(), Some("9.00"));
    customers::update_with_profile(&mut ctx, c, &input, &rate("")).unwrap();
    let p = collections::penalties(&ctx, f1, d("2025-03-02")).unwrap().penalties;
    assert_eq!(p.interest, Money::from_cents(1_081));
}
