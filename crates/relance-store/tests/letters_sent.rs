//! The kept copies of sent letters: read back whole, refused when malformed, never changed nor removed.

use chrono::{DateTime, NaiveDate, Utc};
use relance_domain::customer::{CustomerData, CustomerKind};
use relance_domain::Money;
use relance_store::letters_sent::{self, NewLetter};
use relance_store::{Store, StoreError};

fn now() -> DateTime<Utc> {
    "2026-05-15".parse::<NaiveDate>().unwrap().and_hms_opt(9, 0, 0).unwrap().and_utc()
}

#[test]
fn a_kept_letter_reads_back_and_can_be_neither_changed_nor_removed() {
    let mut store = Store::open_in_memory().unwrap();
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
    let c = store.write(|tx| relance_store::customers::insert(tx, &data, now())).unwrap();
    let numbers = vec!["FA-1".to_string(), "FA-2".to_string()];
    let hash = "a".repeat(64);
    let letter = NewLetter {
        customer: c,
        on: "2026-05-15".parse().unwrap(),
        kind: "reminder",
        level: Some("firm"),
        invoice_numbers: &numbers,
        total: Money::from_cents(123_456),
        pages: 2,
        pdf: b"%PDF-1.7 test",
        sha256: &hash,
    };
    let id = store.write(|tx| letters_sent::insert(tx, &letter, now())).unwrap();
    let (kept, pdf) = letters_sent::get(store.conn(), id).unwrap().unwrap();
    assert_eq!(pdf, b"%PDF-1.7 test");
    assert_eq!(kept.invoice_numbers, numbers);
    assert_eq!(kept.total, Money::from_cents(123_456));
    assert_eq!(kept.level.as_deref(), Some("firm"));
    assert_eq!(letters_sent::for_customer(store.conn(), c).unwrap().len(), 1);

    // Malformed rows are refused by the file itself.
    let bad_hash = NewLetter { sha256: "not-a-hash", ..letter.clone() };
    assert!(store.write(|tx| letters_sent::insert(tx, &bad_hash, now())).is_err());
    let notice_with_level = NewLetter { kind: "notice", ..letter.clone() };
    assert!(store.write(|tx| letters_sent::insert(tx, &notice_with_level, now())).is_err());

    // Append-only.
    let update: Result<usize, StoreError> =
        store.write(|tx| Ok(tx.execute("UPDATE letters_sent SET total_cents = 0", [])?));
    assert!(update.is_err());
    let delete: Result<usize, StoreError> = store.write(|tx| Ok(tx.execute("DELETE FROM letters_sent", [])?));
    assert!(delete.is_err());
    assert_eq!(letters_sent::for_customer(store.conn(), c).unwrap().len(), 1);
}
