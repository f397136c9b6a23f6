//! The saved wording of the letters on a real SQLite file.

use chrono::{TimeZone, Utc};
use relance_domain::company::Language;
use relance_domain::letter_templates::{TemplateKind, TemplatePart};
use relance_store::letter_templates::{self, SavedText};
use relance_store::{Store, StoreError};

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 5, 15, 9, 0, 0).unwrap()
}

#[test]
fn saved_parts_read_back_replace_and_reset() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("relance.sqlite")).unwrap();
    assert!(letter_templates::all(store.conn()).unwrap().is_empty());
    let hostile = "'); DROP TABLE letter_templates; -- {customer_name}";
    store
        .write(|tx| {
            letter_templates::replace(
                tx,
                TemplateKind::Friendly,
                Language::Fr,
                &[(TemplatePart::Title, Some("Petit rappel")), (TemplatePart::Before, Some(hostile))],
                now(),
            )?;
            letter_templates::replace(
                tx,
                TemplateKind::Notice,
                Language::En,
                &[(TemplatePart::Title, Some("Notice"))],
                now(),
            )
        })
        .unwrap();
    let all = letter_templates::all(store.conn()).unwrap();
    assert_eq!(all.len(), 3);
    assert!(all.contains(&SavedText {
        kind: TemplateKind::Friendly,
        lang: Language::Fr,
        part: TemplatePart::Before,
        text: hostile.into()
    }));
    // `None` puts one part back to its default; the others stay.
    store
        .write(|tx| {
            letter_templates::replace(tx, TemplateKind::Friendly, Language::Fr, &[(TemplatePart::Title, None)], now())
        })
        .unwrap();
    assert_eq!(letter_templates::all(store.conn()).unwrap().len(), 2);
    // Reset removes one kind × language only.
    assert_eq!(store.write(|tx| letter_templates::reset(tx, TemplateKind::Friendly, Language::Fr)).unwrap(), 1);
    let left = letter_templates::all(store.conn()).unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].kind, TemplateKind::Notice);
}

#[test]
fn the_table_refuses_what_must_never_be_stored() {
    let mut store = Store::open_in_memory().unwrap();
    let bad = [
        "INSERT INTO letter_templates VALUES ('reminder', 'fr', 'title', 'x', '2026-05-15T09:00:00Z')",
        "INSERT INTO letter_templates VALUES ('friendly', 'de', 'title', 'x', '2026-05-15T09:00:00Z')",
        "INSERT INTO letter_templates VALUES ('friendly', 'fr', 'legal', 'x', '2026-05-15T09:00:00Z')",
        "INSERT INTO letter_templates VALUES ('notice', 'fr', 'after', 'x', '2026-05-15T09:00:00Z')",
        "INSERT INTO letter_templates VALUES ('friendly', 'fr', 'title', '  ', '2026-05-15T09:00:00Z')",
        "INSERT INTO letter_templates VALUES ('friendly', 'fr', 'before', X'00', '2026-05-15T09:00:00Z')",
    ];
    for sql in bad {
        let r: Result<usize, StoreError> = store.write(|tx| Ok(tx.execute(sql, [])?));
        assert!(r.is_err(), "{sql}");
    }
    let too_long = format!(
        "INSERT INTO letter_templates VALUES ('friendly', 'fr', 'before', '{}', '2026-05-15T09:00:00Z')",
        "é".repeat(1501)
    );
    assert!(store.write(|tx| -> Result<usize, StoreError> { Ok(tx.execute(&too_long, [])?) }).is_err());
    assert!(letter_templates::all(store.conn()).unwrap().is_empty());
}
