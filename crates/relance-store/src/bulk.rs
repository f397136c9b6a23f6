//! Writing many rows at once (the demo book; later, imports). Growing six
//! indexes row by row in random order costs more than writing the rows; so
//! the secondary indexes of the ledger's tables are dropped for the load and
//! rebuilt at its end, one sort each. Call both inside `Store::write`: if
//! anything fails the transaction rolls back and the indexes come back with it.
//!
//! Uniqueness stays enforced during the load: indexes that come from a
//! UNIQUE or PRIMARY KEY constraint have no SQL of their own and are kept.

use crate::{Conn, Result};

/// The indexes taken away, with the SQL that creates each.
#[must_use = "rebuild the indexes before the transaction commits"]
pub struct DroppedIndexes(Vec<(String, String)>);

/// Drops the secondary indexes of the ledger's tables.
pub fn drop_indexes(conn: &Conn) -> Result<DroppedIndexes> {
    let indexes: Vec<(String, String)> = conn
        .prepare(
            "SELECT name, sql FROM sqlite_schema
             WHERE type = 'index' AND sql IS NOT NULL
               AND tbl_name IN ('customers', 'invoices', 'payments', 'allocations', 'activity',
                                'dunning_events', 'promises', 'promise_invoices', 'plans', 'plan_invoices')
             ORDER BY name",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for (name, _) in &indexes {
        conn.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
    }
    Ok(DroppedIndexes(indexes))
}

/// Creates the dropped indexes again, exactly as they were defined.
pub fn rebuild_indexes(conn: &Conn, dropped: DroppedIndexes) -> Result<()> {
    for (_, sql) in dropped.0 {
        conn.execute_batch(&sql)?;
    }
    Ok(())
}
