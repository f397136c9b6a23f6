//! Databases written by every released schema version open in this build
//! with their content intact. Each fixture is a real file made by the
//! version it is named after (`relance demo --customers 5 --invoices 30
//! --seed 1 --as-of 2026-11-23`, then `VACUUM INTO`). Add one per release.

use std::path::PathBuf;

use relance_store::Store;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn count(store: &Store, table: &str) -> i64 {
    store.conn().query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

#[test]
fn a_schema_v1_file_opens_migrates_and_keeps_its_books() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("relance.sqlite3");
    std::fs::copy(fixture("schema-v1.sqlite3"), &copy).unwrap();

    let store = Store::open(&copy).unwrap();
    let version: i64 = store.conn().query_row("SELECT MAX(version) FROM schema_migrations", [], |r| r.get(0)).unwrap();
    assert_eq!(version, relance_store::SCHEMA_VERSION);
    assert_eq!(version, 2, "the v1 file reaches 0002_collections");
    let counts: Vec<i64> =
        ["customers", "invoices", "payments", "allocations", "activity"].iter().map(|t| count(&store, t)).collect();
    assert_eq!(counts, [5, 30, 22, 22, 59]);
    assert!(store.check_invariants().unwrap().is_empty());
    // The collections tables exist and start empty: no reminder history is invented.
    let collections: Vec<i64> =
        ["dunning_events", "promises", "promise_invoices", "rate_entries"].iter().map(|t| count(&store, t)).collect();
    assert_eq!(collections, [0, 0, 0, 0]);
}
