//! Installment plans in the file: a plan and its schedule read back as
//! stored, the CHECKs refuse what must never be stored, and replacing or
//! defaulting touches only a plan in the right state.

use chrono::{DateTime, NaiveDate, Utc};
use relance_domain::customer::{CustomerData, CustomerKind};
use relance_domain::invoice::InvoiceData;
use relance_domain::plan::{
    schedule, Frequency, PenaltiesPart, PlanData, PlanRecord, PlanSettings, Remainder, Split, Terms,
};
use relance_domain::{Currency, Money};
use relance_store::{Store, StoreError};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn now() -> DateTime<Utc> {
    d("2026-03-01").and_hms_opt(9, 0, 0).unwrap().and_utc()
}

fn book(store: &mut Store) -> PlanData {
    let (c, i) = store
        .write(|tx| {
            let data = CustomerData {
                kind: CustomerKind::Business,
                name: "Garage Martin".into(),
                siren: None,
                siret: None,
                vat_number: None,
                contact_name: None,
                email: None,
                phone: None,
                address: Default::default(),
                terms: None,
                credit_limit: None,
                notes: None,
            };
            let c = relance_store::customers::insert(tx, &data, now())?;
            let inv = InvoiceData {
                number: "F-1".into(),
                issue_date: d("2026-01-01"),
                due_date: d("2026-01-31"),
                due_date_set_by_hand: false,
                amount_excl_tax: Money::from_cents(100_000),
                tax_amount: Money::ZERO,
                total: Money::from_cents(100_000),
            };
            let i = relance_store::invoices::insert(tx, c, &inv, Currency::EUR, now())?;
            Ok::<_, StoreError>((c, i))
        })
        .unwrap();
    let terms = Terms {
        total: Money::from_cents(104_000),
        split: Split::Count(4),
        first: d("2026-03-31"),
        frequency: Frequency::DayOfMonth(31),
        down_payment: Some(Money::from_cents(20_000)),
        remainder: Remainder::Last,
        business_days: true,
    };
    let installments = schedule(&terms, d("2026-03-01")).unwrap();
    PlanData {
        customer: c,
        agreed_on: d("2026-03-01"),
        invoices: vec![(i, Money::from_cents(100_000))],
        penalties: PenaltiesPart::Included(Money::from_cents(4_000)),
        terms,
        installments,
    }
}

#[test]
fn a_plan_reads_back_as_agreed_and_moves_only_from_running() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("db.sqlite3")).unwrap();
    let data = book(&mut store);
    let id = store.write(|tx| relance_store::plans::insert(tx, &data, now())).unwrap();
    let back = relance_store::plans::get(store.conn(), id).unwrap().unwrap();
    assert_eq!(back.data, data);
    assert_eq!(back.record, PlanRecord::Running);
    assert_eq!(relance_store::plans::running(store.conn(), None).unwrap().len(), 1);

    let other = store.write(|tx| relance_store::plans::insert(tx, &data, now())).unwrap();
    store.write(|tx| relance_store::plans::record_default(tx, id, d("2026-04-16"), Some("formal_notice"))).unwrap();
    // Recorded once only.
    assert!(store.write(|tx| relance_store::plans::record_default(tx, id, d("2026-04-17"), None)).is_err());
    store.write(|tx| relance_store::plans::replace(tx, id, other, d("2026-04-20"))).unwrap();
    let back = relance_store::plans::get(store.conn(), id).unwrap().unwrap();
    assert_eq!(
        back.record,
        PlanRecord::Replaced { on: d("2026-04-20"), by: other, defaulted_on: Some(d("2026-04-16")) }
    );
    assert!(store.write(|tx| relance_store::plans::replace(tx, id, other, d("2026-04-21"))).is_err());

    let s = PlanSettings { grace_days: 10, notice_days: 5, reminder_days: 2 };
    store.write(|tx| relance_store::plans::save_settings(tx, &s)).unwrap();
    assert_eq!(relance_store::plans::settings(store.conn()).unwrap(), s);
}

#[test]
fn the_file_refuses_what_must_never_be_stored() {
    let mut store = Store::open_in_memory().unwrap();
    let data = book(&mut store);
    let id = store.write(|tx| relance_store::plans::insert(tx, &data, now())).unwrap();
    let conn = store.conn();
    let refused = |sql: &str| assert!(conn.execute(sql, []).is_err(), "accepted: {sql}");
    let n = id.0;
    // A total that is not the invoices plus the penalties.
    refused(&format!("UPDATE plans SET total_cents = total_cents + 1 WHERE id = {n}"));
    // Waived penalties with an amount.
    refused(&format!("UPDATE plans SET penalties = 'waived' WHERE id = {n}"));
    // A down payment of the whole total.
    refused(&format!("UPDATE plans SET down_payment_cents = total_cents WHERE id = {n}"));
    // Defaulted without a date; replaced without its successor; a day of the month without the frequency.
    refused(&format!("UPDATE plans SET status = 'defaulted' WHERE id = {n}"));
    refused(&format!("UPDATE plans SET status = 'replaced' WHERE id = {n}"));
    refused(&format!("UPDATE plans SET frequency = 'month' WHERE id = {n}"));
    // Installments of no amount, or on an impossible date.
    refused(&format!("INSERT INTO plan_installments VALUES ({n}, 9, '2026-09-30', 0)"));
    refused(&format!("INSERT INTO plan_installments VALUES ({n}, 9, '2026-02-30', 100)"));
    refused("UPDATE plan_settings SET grace_days = 91");
    assert!(store.check_invariants().unwrap().is_empty());
}

#[test]
fn installment_reminders_read_back_and_are_done_or_skipped_once() {
    use relance_domain::dunning::Channel;
    use relance_domain::plan::follow::{Handled, HandledOutcome, InstallmentActionKind};
    use relance_store::plans::{record_reminder, reminders, ReminderRecord};

    let mut store = Store::open_in_memory().unwrap();
    let data = book(&mut store);
    let id = store.write(|tx| relance_store::plans::insert(tx, &data, now())).unwrap();
    let record = |number, kind, outcome, channel: Option<Channel>, reason: Option<&str>| ReminderRecord {
        handled: Handled { number, kind, outcome },
        channel,
        reason: reason.map(String::from),
    };
    let postponed =
        record(1, InstallmentActionKind::Notice, HandledOutcome::Postponed { until: d("2026-03-30") }, None, None);
    let done = record(
        1,
        InstallmentActionKind::Notice,
        HandledOutcome::Done { on: d("2026-03-29") },
        Some(Channel::Email),
        None,
    );
    let skipped = record(
        1,
        InstallmentActionKind::Reminder,
        HandledOutcome::Skipped { on: d("2026-04-05") },
        None,
        Some("Appel reçu"),
    );
    for r in [&postponed, &done, &skipped] {
        store.write(|tx| record_reminder(tx, id, r, d("2026-03-28"), now())).unwrap();
    }
    assert_eq!(reminders(store.conn(), id).unwrap(), [postponed.clone(), done.clone(), skipped.clone()]);
    // Done (or skipped) once per installment and kind; an installment the plan does not have is refused.
    assert!(store.write(|tx| record_reminder(tx, id, &done, d("2026-03-29"), now())).is_err());
    let mut unknown = done.clone();
    unknown.handled.number = 42;
    assert!(store.write(|tx| record_reminder(tx, id, &unknown, d("2026-03-29"), now())).is_err());
    let conn = store.conn();
    let n = id.0;
    let refused = |sql: &str| assert!(conn.execute(sql, []).is_err(), "accepted: {sql}");
    let cols = "plan_id, number, kind, outcome, on_date, channel, until, reason, created_at";
    // Done without its channel; postponed without its day or to a day not after it; an unknown kind.
    refused(&format!(
        "INSERT INTO plan_reminders ({cols}) VALUES ({n}, 2, 'notice', 'done', '2026-04-01', NULL, NULL, NULL, 'x')"
    ));
    refused(&format!("INSERT INTO plan_reminders ({cols}) VALUES ({n}, 2, 'notice', 'postponed', '2026-04-01', NULL, NULL, NULL, 'x')"));
    refused(&format!("INSERT INTO plan_reminders ({cols}) VALUES ({n}, 2, 'notice', 'postponed', '2026-04-01', NULL, '2026-04-01', NULL, 'x')"));
    refused(&format!(
        "INSERT INTO plan_reminders ({cols}) VALUES ({n}, 2, 'call', 'skipped', '2026-04-01', NULL, NULL, NULL, 'x')"
    ));
    refused(&format!(
        "INSERT INTO plan_reminders ({cols}) VALUES ({n}, 2, 'notice', 'done', '2026-04-31', 'email', NULL, NULL, 'x')"
    ));
}
