//! The collections tables: reminder history round trips through the file,
//! promises open and close once, user rates are unique per half-year.

use chrono::{DateTime, NaiveDate, Utc};
use relance_domain::customer::{CustomerData, CustomerKind};
use relance_domain::dunning::promise::PromiseData;
use relance_domain::dunning::{Channel, DunningEvent, EscalationStage, Policy, PromiseEvent};
use relance_domain::ids::{CustomerId, InvoiceId};
use relance_domain::invoice::InvoiceData;
use relance_domain::{Currency, Money};
use relance_store::rates::{RateEntry, RateKind};
use relance_store::{dunning, promises, rates, Store};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn now() -> DateTime<Utc> {
    d("2026-03-01").and_hms_opt(9, 0, 0).unwrap().and_utc()
}

fn setup() -> (Store, CustomerId, InvoiceId) {
    let mut store = Store::open_in_memory().unwrap();
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
            Ok::<_, relance_store::StoreError>((c, i))
        })
        .unwrap();
    (store, c, i)
}

#[test]
fn every_kind_of_dunning_event_reads_back_as_written() {
    let (mut store, _, inv) = setup();
    let mark = |k: &str| Policy::standard().level(k).unwrap().mark();
    let events = vec![
        DunningEvent::LevelDone { level: mark("reminder_1"), on: d("2026-02-07"), channel: Channel::Email },
        DunningEvent::LevelSkipped { level: mark("reminder_2"), on: d("2026-02-15"), reason: "holiday".into() },
        DunningEvent::Postponed { on: d("2026-02-20"), until: d("2026-02-25") },
        DunningEvent::DisputeOpened { on: d("2026-02-21"), reason: "broken part".into() },
        DunningEvent::DisputeResolved { on: d("2026-02-22"), note: None },
        DunningEvent::Escalated { to: EscalationStage::HandedToAgency { on: d("2026-03-20") } },
        DunningEvent::Escalated {
            to: EscalationStage::WrittenOff {
                on: d("2026-06-01"),
                amount: Money::from_cents(100_000),
                reason: "gone".into(),
            },
        },
    ];
    store.write(|tx| events.iter().try_for_each(|e| dunning::append(tx, inv, e, d("2026-03-01"), now()))).unwrap();
    assert_eq!(dunning::for_invoice(store.conn(), inv).unwrap(), events);
    let unpaid = dunning::unpaid_with_history(store.conn()).unwrap();
    assert_eq!(unpaid.len(), 1);
    assert_eq!(unpaid[0].1, events);
}

#[test]
fn the_file_refuses_an_incoherent_event() {
    let (store, _, inv) = setup();
    let bad = store.conn().execute(
        "INSERT INTO dunning_events (invoice_id, kind, date, created_at) VALUES (?1, 'done', '2026-02-01', 'x')",
        [inv.0],
    );
    assert!(bad.is_err(), "a done event needs its level and channel");
}

#[test]
fn a_promise_is_stored_with_its_invoices_and_closes_once() {
    let (mut store, c, inv) = setup();
    let data = PromiseData {
        customer: c,
        amount: Money::from_cents(50_000),
        by: d("2026-03-10"),
        made_on: d("2026-03-01"),
        invoices: vec![inv],
        owed_when_made: Money::from_cents(100_000),
    };
    let id = store.write(|tx| promises::insert(tx, &data, now())).unwrap();
    let open = promises::open(store.conn(), Some(c)).unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].data, data);
    let broken = PromiseEvent::Broken { on: d("2026-03-11") };
    store.write(|tx| promises::close(tx, id, &broken)).unwrap();
    assert!(store.write(|tx| promises::close(tx, id, &broken)).is_err());
    assert!(promises::open(store.conn(), None).unwrap().is_empty());
    assert_eq!(promises::broken_count(store.conn(), c).unwrap(), 1);
}

#[test]
fn user_rates_are_one_per_half_year_and_kind() {
    let (mut store, _, _) = setup();
    let entry = RateEntry {
        kind: RateKind::Ecb,
        half_year_start: d("2026-07-01"),
        rate: "2.15".into(),
        source: "ECB decision".into(),
    };
    store.write(|tx| rates::insert(tx, &entry, now())).unwrap();
    assert!(store.write(|tx| rates::insert(tx, &entry, now())).is_err());
    let mid_year = RateEntry { half_year_start: d("2026-08-01"), ..entry.clone() };
    assert!(store.write(|tx| rates::insert(tx, &mid_year, now())).is_err());
    assert_eq!(rates::all(store.conn()).unwrap(), vec![entry]);
}
