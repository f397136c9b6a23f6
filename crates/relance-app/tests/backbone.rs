//! The backbone's use cases on a real SQLite file: a customer, an invoice
//! that turns overdue, a partial then a full payment, and a reopened file.

use chrono::NaiveDate;
use relance_app::payments::Allocation;
use relance_app::{customers, invoices, payments, reports, today, AppError, FixedClock, LocalContext};
use relance_domain::customer::CustomerInput;
use relance_domain::ids::InvoiceId;
use relance_domain::invoice::{CreditNoteInput, InvoiceInput};
use relance_domain::payment::PaymentInput;
use relance_domain::status::InvoiceStatus;
use relance_domain::validation::{Field, Problem};
use relance_domain::Money;
use relance_store::{Page, Store};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn open(path: &std::path::Path, today: &str) -> LocalContext {
    LocalContext::new(Store::open(path).unwrap(), Box::new(FixedClock(d(today))))
}

fn customer(name: &str) -> CustomerInput {
    CustomerInput { kind: "business".into(), name: name.into(), terms: "net:30".into(), ..Default::default() }
}

fn invoice(number: &str, date: &str, total: &str) -> InvoiceInput {
    InvoiceInput { number: number.into(), issue_date: date.into(), total: Some(total.into()), ..Default::default() }
}

fn pay(date: &str, amount: &str) -> PaymentInput {
    PaymentInput { date: date.into(), amount: amount.into(), method: "transfer".into(), reference: String::new() }
}

fn count(ctx: &LocalContext, table: &str) -> i64 {
    ctx.store.conn().query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

fn invalid_fields(e: AppError) -> Vec<(Field, Problem)> {
    match e {
        AppError::Invalid(v) => v.issues.into_iter().map(|i| (i.field, i.problem)).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[test]
fn an_invoice_turns_overdue_is_paid_in_two_steps_and_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("relance.sqlite3");
    let mut ctx = open(&path, "2026-03-15");

    let c = customers::create(&mut ctx, &customer("Boulangerie Lefèvre")).unwrap().id;
    let inv = invoices::create(&mut ctx, c, &invoice("FA-2026-001", "2026-01-10", "1 200,00")).unwrap();
    assert_eq!(invoices::get(&ctx, inv).unwrap().invoice.data.due_date, d("2026-02-09"));

    let t = today::view(&ctx, Page { size: 50, index: 0 }).unwrap().today;
    assert_eq!(t.groups.len(), 1);
    assert_eq!(t.groups[0].customer_name, "Boulangerie Lefèvre");
    assert_eq!(t.total_overdue, Money::from_cents(120_000));
    assert_eq!(invoices::get(&ctx, inv).unwrap().status, InvoiceStatus::Overdue { days_late: 34 });

    payments::record(&mut ctx, c, &pay("2026-03-15", "500"), &Allocation::OldestFirst).unwrap();
    let line = invoices::get(&ctx, inv).unwrap();
    assert_eq!(line.remaining, Money::from_cents(70_000));
    assert_eq!(today::view(&ctx, Page { size: 50, index: 0 }).unwrap().today.total_overdue, Money::from_cents(70_000));
    drop(ctx);

    let mut ctx = open(&path, "2026-03-20");
    payments::record(&mut ctx, c, &pay("2026-03-20", "700,00"), &Allocation::OldestFirst).unwrap();
    assert_eq!(invoices::get(&ctx, inv).unwrap().status, InvoiceStatus::Paid);
    assert!(today::view(&ctx, Page { size: 50, index: 0 }).unwrap().today.groups.is_empty());
    drop(ctx);

    let ctx = open(&path, "2026-03-21");
    let detail = customers::detail(&ctx, c).unwrap();
    assert_eq!(detail.balance.outstanding, Money::ZERO);
    assert_eq!(detail.payments.len(), 2);
    let kinds: Vec<&str> = detail.timeline.iter().map(|a| a.kind.as_str()).collect();
    assert_eq!(kinds, ["payment_recorded", "payment_recorded", "invoice_created", "customer_created"]);
    // The historical report still sees the invoice as overdue on 2026-03-16.
    let r = reports::overdue(&ctx, d("2026-03-16")).unwrap();
    assert_eq!(r.lines.len(), 1);
    assert_eq!(r.lines[0].remaining, Money::from_cents(70_000));
    assert_eq!(r.lines[0].days_late, 35);
    assert!(ctx.store.check_invariants().unwrap().is_empty());
}

#[test]
fn bad_input_names_every_field_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = open(&dir.path().join("db.sqlite3"), "2026-03-15");
    let c = customers::create(&mut ctx, &customer("Café des Halles")).unwrap().id;
    invoices::create(&mut ctx, c, &invoice("FA-1", "2026-01-10", "100")).unwrap();
    let before = (count(&ctx, "invoices"), count(&ctx, "payments"), count(&ctx, "activity"));

    let e = invoices::create(&mut ctx, c, &invoice("FA-1", "2026-01-10", "100")).unwrap_err();
    assert_eq!(invalid_fields(e), vec![(Field::InvoiceNumber, Problem::Duplicate)]);

    let e = invoices::create(&mut ctx, relance_domain::ids::CustomerId(999), &invoice("FA-2", "2026-13-01", "abc"))
        .unwrap_err();
    assert_eq!(
        invalid_fields(e),
        vec![
            (Field::Customer, Problem::Unknown),
            (Field::IssueDate, Problem::InvalidDate),
            (Field::Total, Problem::InvalidAmount)
        ]
    );

    let e = payments::record(&mut ctx, c, &pay("2026-03-01", "-5"), &Allocation::OldestFirst).unwrap_err();
    assert_eq!(invalid_fields(e), vec![(Field::Amount, Problem::NegativeAmount)]);

    let too_much = Allocation::Chosen(vec![(InvoiceId(1), "150".into())]);
    let e = payments::record(&mut ctx, c, &pay("2026-03-01", "200"), &too_much).unwrap_err();
    assert_eq!(invalid_fields(e), vec![(Field::Allocation, Problem::ExceedsDue { remaining: "100.00".into() })]);

    assert_eq!(before, (count(&ctx, "invoices"), count(&ctx, "payments"), count(&ctx, "activity")));
}

#[test]
fn overpayment_stays_as_credit_and_credit_notes_settle_invoices() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = open(&dir.path().join("db.sqlite3"), "2026-03-15");
    let c = customers::create(&mut ctx, &customer("SARL Martin & Fils")).unwrap().id;
    let a = invoices::create(&mut ctx, c, &invoice("FA-1", "2026-01-10", "100")).unwrap();
    let b = invoices::create(&mut ctx, c, &invoice("FA-2", "2026-02-10", "50")).unwrap();

    let (_, plan) = payments::record(&mut ctx, c, &pay("2026-03-01", "120"), &Allocation::OldestFirst).unwrap();
    assert_eq!(plan.unallocated, Money::ZERO);
    assert_eq!(invoices::get(&ctx, a).unwrap().status, InvoiceStatus::Paid);
    assert_eq!(invoices::get(&ctx, b).unwrap().remaining, Money::from_cents(3000));

    let note = CreditNoteInput {
        number: "AV-1".into(),
        date: "2026-03-02".into(),
        amount: "40".into(),
        reason: "Remise".into(),
    };
    let (_, plan) = payments::record_credit_note(&mut ctx, c, &note, Some(b)).unwrap();
    assert_eq!(plan.lines.len(), 1);
    assert_eq!(plan.unallocated, Money::from_cents(1000));
    assert_eq!(invoices::get(&ctx, b).unwrap().status, InvoiceStatus::Paid);
    let detail = customers::detail(&ctx, c).unwrap();
    assert_eq!(detail.balance.credit, Money::from_cents(1000));
    assert!(ctx.store.check_invariants().unwrap().is_empty());

    // A paid invoice cannot be cancelled: a credit note does that.
    let e = invoices::cancel(&mut ctx, a, "erreur").unwrap_err();
    assert_eq!(invalid_fields(e), vec![(Field::Invoice, Problem::AlreadySettled)]);
}

#[test]
fn a_database_from_a_newer_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    drop(Store::open(&path).unwrap());
    {
        let raw = rusqlite_free_write(&path);
        raw.execute("INSERT INTO schema_migrations VALUES (99, 'future', '2030-01-01T00:00:00Z')", []).unwrap();
    }
    match Store::open(&path) {
        Err(relance_store::StoreError::NewerSchema { found: 99, .. }) => {}
        Err(other) => panic!("wrong error: {other}"),
        Ok(_) => panic!("a newer database was opened"),
    }
}

/// Opens the file with the store's own connection type to simulate a newer writer.
fn rusqlite_free_write(path: &std::path::Path) -> relance_store::Conn {
    relance_store::Conn::open(path).unwrap()
}

#[test]
fn a_payment_for_one_invoice_goes_there_and_the_rest_stays_as_credit() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = open(&dir.path().join("db.sqlite3"), "2026-03-15");
    let c = customers::create(&mut ctx, &customer("Pâtisserie Émile")).unwrap().id;
    let old = invoices::create(&mut ctx, c, &invoice("FA-1", "2026-01-10", "100")).unwrap();
    let new = invoices::create(&mut ctx, c, &invoice("FA-2", "2026-02-10", "80")).unwrap();
    let cancelled = invoices::create(&mut ctx, c, &invoice("FA-3", "2026-02-11", "10")).unwrap();
    invoices::cancel(&mut ctx, cancelled, "doublon").unwrap();

    let (_, plan) = payments::record(&mut ctx, c, &pay("2026-03-01", "90"), &Allocation::ToInvoice(new)).unwrap();
    assert_eq!(plan.unallocated, Money::from_cents(1000));
    assert_eq!(invoices::get(&ctx, new).unwrap().status, InvoiceStatus::Paid);
    assert_eq!(
        invoices::get(&ctx, old).unwrap().remaining,
        Money::from_cents(10_000),
        "the older invoice is untouched"
    );

    let e = payments::record(&mut ctx, c, &pay("2026-03-01", "5"), &Allocation::ToInvoice(cancelled)).unwrap_err();
    assert_eq!(invalid_fields(e), vec![(Field::Invoice, Problem::Cancelled)]);
    let e = payments::record(&mut ctx, c, &pay("2026-03-01", "5"), &Allocation::ToInvoice(new)).unwrap_err();
    assert_eq!(invalid_fields(e), vec![(Field::Invoice, Problem::NotOpen)]);
    let e =
        payments::record(&mut ctx, c, &pay("2026-03-01", "5"), &Allocation::ToInvoice(InvoiceId(9999))).unwrap_err();
    assert_eq!(invalid_fields(e), vec![(Field::Invoice, Problem::Unknown)]);
}
