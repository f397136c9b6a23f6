//! Credit insurance on a real SQLite file: the cover saved with the customer
//! form (bad input names its field and writes nothing), the declaration asked
//! 15 days before the insurer's deadline and not before, still asked for a
//! disputed invoice, said passed after the deadline, never for a paid one,
//! and gone once marked declared, with its line on the customer's timeline.

use chrono::NaiveDate;
use relance_app::customers::{self, ProfileInput};
use relance_app::payments::{self, Allocation};
use relance_app::{collections, insurance, invoices, AppError, FixedClock, LocalContext};
use relance_domain::customer::CustomerInput;
use relance_domain::ids::{CustomerId, InvoiceId};
use relance_domain::insurance::{DeclarationState, InsuranceInput};
use relance_domain::invoice::InvoiceInput;
use relance_domain::payment::PaymentInput;
use relance_domain::validation::{Field, Problem};
use relance_domain::Money;
use relance_store::activity::for_customer;
use relance_store::counts::row_counts;
use relance_store::Store;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn open(dir: &tempfile::TempDir, today: &str) -> LocalContext {
    LocalContext::new(Store::open(&dir.path().join("relance.sqlite3")).unwrap(), Box::new(FixedClock(d(today))))
}

fn details(name: &str) -> CustomerInput {
    CustomerInput { kind: "business".into(), name: name.into(), terms: "net:30".into(), ..Default::default() }
}

fn cover(insurer: &str, covered: &str, days: &str) -> ProfileInput {
    ProfileInput {
        insurance: InsuranceInput {
            insurer: insurer.into(),
            covered_amount: covered.into(),
            deadline_days: days.into(),
        },
        ..Default::default()
    }
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

fn problems(e: AppError) -> Vec<(Field, Problem)> {
    match e {
        AppError::Invalid(v) => v.issues.into_iter().map(|i| (i.field, i.problem)).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

/// (number, deadline, state) of each declaration asked on `date`.
fn asked(ctx: &LocalContext, date: &str) -> Vec<(String, NaiveDate, DeclarationState)> {
    insurance::due(ctx, d(date))
        .unwrap()
        .into_iter()
        .map(|x| (x.number, x.declaration.deadline, x.declaration.state))
        .collect()
}

#[test]
fn the_declaration_is_asked_before_the_deadline_and_gone_once_declared() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = open(&dir, "2025-12-16");
    let c = customers::create(&mut ctx, &details("Garage Martin")).unwrap().id;
    let other = customers::create(&mut ctx, &details("Boulangerie Durand")).unwrap().id;
    let f12 = invoice(&mut ctx, c, "F-2025-012", "2025-12-16", "1 250,00"); // due 2026-01-15
    let f13 = invoice(&mut ctx, c, "F-2025-013", "2025-12-17", "400,00"); // due 2026-01-16
    let f14 = invoice(&mut ctx, c, "F-2025-014", "2025-12-17", "300,00"); // due 2026-01-16, paid
    let uninsured = invoice(&mut ctx, other, "F-2025-015", "2025-12-16", "900,00");

    // Bad input: each problem on its field, nothing written (not even the name).
    let before = row_counts(ctx.store.conn()).unwrap();
    let e = customers::update_with_profile(&mut ctx, c, &details("Garage Martin SARL"), &cover("", "5 000", "60"))
        .unwrap_err();
    assert_eq!(problems(e), vec![(Field::Insurer, Problem::Required)]);
    let e = customers::update_with_profile(&mut ctx, c, &details("Garage Martin SARL"), &cover("Coface", "-1", "400"))
        .unwrap_err();
    assert_eq!(
        problems(e),
        vec![
            (Field::CoveredAmount, Problem::NegativeAmount),
            (Field::DeclarationDays, Problem::OutOfRange { min: 1, max: 365 }),
        ]
    );
    assert_eq!(row_counts(ctx.store.conn()).unwrap(), before);
    assert_eq!(relance_store::insurance::get(ctx.store.conn(), c).unwrap(), None);
    assert_eq!(customers::detail(&ctx, c).unwrap().customer.data.name, "Garage Martin");

    customers::update_with_profile(&mut ctx, c, &details("Garage Martin"), &cover("Allianz Trade", "1 000,00", "60"))
        .unwrap();
    let page = customers::detail(&ctx, c).unwrap();
    let insured = page.cover.insurance.clone().unwrap();
    assert_eq!(
        (insured.insurer.as_str(), insured.covered, insured.deadline_days),
        ("Allianz Trade", Some(Money::from_cents(100_000)), 60)
    );
    // Owes 1 250 + 400 + 300 = 1 950,00, of which 950,00 above the cover.
    assert_eq!(page.balance.outstanding, Money::from_cents(195_000));
    assert_eq!(page.cover.uncovered, Some(Money::from_cents(95_000)));
    // Credit control: a new invoice taking the debt to 2 000,00 leaves 1 000,00 above the cover.
    let above = insurance::above_cover(&ctx, c, Money::from_cents(200_000)).unwrap().unwrap();
    assert_eq!((above.0.insurer.as_str(), above.1), ("Allianz Trade", Money::from_cents(100_000)));
    assert_eq!(insurance::above_cover(&ctx, c, Money::from_cents(100_000)).unwrap(), None, "at the cover: nothing");
    assert_eq!(insurance::above_cover(&ctx, other, Money::from_cents(900_000)).unwrap(), None, "not insured");

    // F-2025-014 paid in full; F-2025-013 disputed: still to declare.
    let pay = PaymentInput {
        date: "2026-01-20".into(),
        amount: "300,00".into(),
        method: "transfer".into(),
        reference: String::new(),
    };
    payments::record(&mut ctx, c, &pay, &Allocation::ToInvoice(f14)).unwrap();
    collections::dispute_open(&mut ctx, f13, "Livraison incomplète", d("2026-01-25")).unwrap();

    // Deadline of F-2025-012: 2026-01-15 + 60 days = 2026-03-16; asked from 2026-03-01.
    assert!(asked(&ctx, "2026-01-16").is_empty(), "just late: far from the deadline");
    assert!(asked(&ctx, "2026-02-28").is_empty(), "16 days before: not yet");
    assert_eq!(
        asked(&ctx, "2026-03-01"),
        vec![("F-2025-012".to_string(), d("2026-03-16"), DeclarationState::Due { days_left: 15 })]
    );
    assert_eq!(
        asked(&ctx, "2026-03-02"),
        vec![
            ("F-2025-012".to_string(), d("2026-03-16"), DeclarationState::Due { days_left: 14 }),
            ("F-2025-013".to_string(), d("2026-03-17"), DeclarationState::Due { days_left: 15 }),
        ]
    );
    let due = insurance::due(&ctx, d("2026-03-02")).unwrap();
    assert_eq!(
        (due[0].insurer.as_str(), due[0].remaining, due[0].customer_name.as_str()),
        ("Allianz Trade", Money::from_cents(125_000), "Garage Martin")
    );

    // The reminders are not changed by the declarations.
    let agenda = collections::agenda(&ctx, d("2026-03-02")).unwrap();
    assert!(agenda.agenda.customers.iter().any(|x| x.customer == other));

    // An uninsured customer's invoice cannot be declared; nothing written.
    let before = row_counts(ctx.store.conn()).unwrap();
    let e = insurance::declare(&mut ctx, uninsured, d("2026-03-02")).unwrap_err();
    assert_eq!(problems(e), vec![(Field::Insurer, Problem::Required)]);
    let e = insurance::declare(&mut ctx, f14, d("2026-03-02")).unwrap_err();
    assert_eq!(problems(e), vec![(Field::Invoice, Problem::AlreadySettled)]);
    assert_eq!(row_counts(ctx.store.conn()).unwrap(), before);

    // Marked declared: gone from the agenda, on the page and the timeline.
    let declared = insurance::declare(&mut ctx, f12, d("2026-03-10")).unwrap();
    assert_eq!((declared.number.as_str(), declared.declared_on), ("F-2025-012", d("2026-03-10")));
    assert_eq!(
        asked(&ctx, "2026-03-10"),
        vec![("F-2025-013".to_string(), d("2026-03-17"), DeclarationState::Due { days_left: 7 })]
    );
    let e = insurance::declare(&mut ctx, f12, d("2026-03-11")).unwrap_err();
    assert_eq!(problems(e), vec![(Field::Invoice, Problem::AlreadyUsed)]);
    let timeline = for_customer(ctx.store.conn(), c, 50).unwrap();
    let entry = timeline.iter().find(|e| e.kind == "insurance_declared").expect("a timeline entry");
    let detail = |k: &str| entry.details.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone()).unwrap_or_default();
    assert_eq!(
        (
            detail("number"),
            detail("insurer"),
            detail("amount"),
            detail("declared_on"),
            detail("deadline"),
            detail("late")
        ),
        (
            "F-2025-012".into(),
            "Allianz Trade".into(),
            "1250.00".into(),
            "2026-03-10".into(),
            "2026-03-16".into(),
            "0".into()
        )
    );
    let page = customers::detail(&ctx, c).unwrap();
    assert_eq!(page.cover.declared.iter().map(|x| x.number.as_str()).collect::<Vec<_>>(), vec!["F-2025-012"]);

    // After its deadline the disputed invoice is still asked, said passed.
    assert_eq!(
        asked(&ctx, "2026-03-18"),
        vec![("F-2025-013".to_string(), d("2026-03-17"), DeclarationState::Passed { days_late: 1 })]
    );

    // Cover removed (three empty fields): nothing asked, the declaration kept.
    customers::update_with_profile(&mut ctx, c, &details("Garage Martin"), &cover("", "", "")).unwrap();
    assert!(asked(&ctx, "2026-03-18").is_empty());
    let page = customers::detail(&ctx, c).unwrap();
    assert_eq!((page.cover.insurance.is_none(), page.cover.declared.len()), (true, 1));
}
