//! Bulk loading drops and rebuilds the secondary indexes: the schema after a
//! load must be exactly the schema before it, and a failed load must leave
//! the indexes in place.

use relance_store::bulk::{drop_indexes, rebuild_indexes};
use relance_store::{Store, StoreError};

fn indexes(store: &Store) -> Vec<(String, Option<String>)> {
    let mut stmt =
        store.conn().prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name").unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<Result<_, _>>().unwrap()
}

#[test]
fn indexes_come_back_exactly_as_they_were() {
    let mut store = Store::open_in_memory().unwrap();
    let before = indexes(&store);
    assert!(before.iter().any(|(n, _)| n == "invoices_unpaid_by_customer"));
    store
        .write(|tx| {
            let dropped = drop_indexes(tx)?;
            // Only the constraint indexes (no SQL of their own) of the ledger remain during the load;
            // the small settings tables (reminder policies) keep theirs, and so does `plan_reminders`
            // (small, and its partial unique index is a rule: done or skipped once), and `letters_sent`
            // (the copies of the printed letters, never bulk-loaded).
            let during: i64 = tx.query_row(
                "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL
                   AND tbl_name NOT IN ('policies', 'policy_levels', 'policy_assignments', 'plan_reminders', 'letters_sent')",
                [],
                |r| r.get(0),
            )?;
            assert_eq!(during, 0);
            rebuild_indexes(tx, dropped)
        })
        .unwrap();
    assert_eq!(indexes(&store), before);
    assert!(store.check_invariants().unwrap().is_empty());
}

#[test]
fn a_failed_load_rolls_the_indexes_back() {
    let mut store = Store::open_in_memory().unwrap();
    let before = indexes(&store);
    let result: Result<(), StoreError> = store.write(|tx| {
        let _dropped = drop_indexes(tx)?;
        Err(StoreError::NotFound)
    });
    assert!(result.is_err());
    assert_eq!(indexes(&store), before);
}
