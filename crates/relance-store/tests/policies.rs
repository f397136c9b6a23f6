//! Stored reminder policies: levels read back in order, the file refuses
//! what must never be stored, and a used policy cannot be deleted.

use chrono::{DateTime, NaiveDate, Utc};
use relance_domain::customer::{CustomerData, CustomerKind};
use relance_domain::dunning::{Channel, Level, Policy, Segment};
use relance_domain::ids::CustomerId;
use relance_domain::Money;
use relance_store::policies::{self, CustomerProfile, Scope};
use relance_store::Store;

fn now() -> DateTime<Utc> {
    "2026-03-01".parse::<NaiveDate>().unwrap().and_hms_opt(9, 0, 0).unwrap().and_utc()
}

fn customer(store: &mut Store) -> CustomerId {
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
    store.write(|tx| relance_store::customers::insert(tx, &data, now())).unwrap()
}

fn level(key: &str, offset_days: i32, fee: Option<i64>) -> Level {
    Level {
        key: key.into(),
        offset_days,
        channel: Channel::Email,
        template: "friendly_reminder".into(),
        fee: fee.map(Money::from_cents),
        is_formal_notice: false,
    }
}

#[test]
fn a_policy_reads_back_as_written_and_its_levels_are_replaced_on_update() {
    let mut store = Store::open_in_memory().unwrap();
    let levels = vec![level("reminder_1", 3, None), level("reminder_2", 10, Some(1500))];
    let id = store.write(|tx| policies::insert(tx, "Rapide", false, &levels, now())).unwrap();
    let got = policies::get(store.conn(), id).unwrap().unwrap();
    assert_eq!((got.name.as_str(), got.standard, &got.levels), ("Rapide", false, &levels));
    assert!(Policy::new(got.levels).is_ok());

    let edited = vec![level("reminder_1", 5, None)];
    store.write(|tx| policies::update(tx, id, "Rapide bis", &edited, now())).unwrap();
    let got = policies::get(store.conn(), id).unwrap().unwrap();
    assert_eq!((got.name.as_str(), got.levels), ("Rapide bis", edited));
    // Sorted by name: "Rapide bis" before "Standard".
    let names: Vec<String> = policies::all(store.conn()).unwrap().into_iter().map(|p| p.name).collect();
    assert_eq!(names, ["Rapide bis", "Standard"]);
}

#[test]
fn the_file_refuses_levels_that_must_never_be_stored() {
    let mut store = Store::open_in_memory().unwrap();
    let bad = [
        level("Rappel 1", 3, None),
        level("reminder_1", -91, None),
        level("reminder_1", 731, None),
        level("reminder_1", 3, Some(-1)),
        level("", 3, None),
    ];
    for l in bad {
        let r = store.write(|tx| policies::insert(tx, "Mauvais", false, std::slice::from_ref(&l), now()));
        assert!(r.is_err(), "{l:?} was stored");
    }
    let twice = [level("a", 3, None), level("a", 5, None)];
    assert!(store.write(|tx| policies::insert(tx, "Deux fois", false, &twice, now())).is_err());
    let notice = |key: &str, offset| Level { is_formal_notice: true, ..level(key, offset, None) };
    let two_notices = [notice("a", 3), notice("b", 5)];
    assert!(store.write(|tx| policies::insert(tx, "Deux mises en demeure", false, &two_notices, now())).is_err());
    assert!(store.write(|tx| policies::insert(tx, "Standard", false, &[level("a", 3, None)], now())).is_err());
    assert!(store.write(|tx| policies::insert(tx, "Autre", true, &[level("a", 3, None)], now())).is_err());
    assert_eq!(policies::all(store.conn()).unwrap().len(), 1, "only the standard policy is left");
}

#[test]
fn a_policy_chosen_by_a_customer_or_a_segment_cannot_be_deleted() {
    let mut store = Store::open_in_memory().unwrap();
    let c = customer(&mut store);
    let id = store.write(|tx| policies::insert(tx, "Rapide", false, &[level("a", 3, None)], now())).unwrap();
    let profile =
        CustomerProfile { segment: Some(Segment::Late), policy: Some(id), contractual_rate: Some("12.5".into()) };
    store.write(|tx| policies::set_customer_profile(tx, c, &profile, now())).unwrap();
    assert_eq!(policies::customer_profile(store.conn(), c).unwrap(), Some(profile));
    store.write(|tx| policies::assign(tx, Scope::Segment(Segment::AtRisk), Some(id))).unwrap();

    let usage = policies::usage(store.conn(), id).unwrap();
    assert_eq!((usage.customers, usage.segments.as_slice(), usage.default), (1, &[Segment::AtRisk][..], false));
    assert!(store.write(|tx| policies::delete(tx, id)).is_err(), "the foreign keys refuse a dangling reference");

    let choices = policies::customer_choices(store.conn(), None).unwrap();
    assert_eq!(policies::customer_choices(store.conn(), Some(c)).unwrap(), choices);
    assert!(policies::customer_choices(store.conn(), Some(CustomerId(c.0 + 1))).unwrap().is_empty());
    assert_eq!(choices[&c].policy, Some(id));
    assert_eq!(choices[&c].segment, Some(Segment::Late));

    store.write(|tx| policies::set_customer_profile(tx, c, &CustomerProfile::default(), now())).unwrap();
    store.write(|tx| policies::assign(tx, Scope::Segment(Segment::AtRisk), None)).unwrap();
    assert!(policies::usage(store.conn(), id).unwrap().is_unused());
    store.write(|tx| policies::delete(tx, id)).unwrap();
    assert!(policies::customer_choices(store.conn(), None).unwrap().is_empty());
}
