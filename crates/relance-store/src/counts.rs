//! How many rows each table holds: for summaries, tests and the benchmark.

use crate::{Conn, Result};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RowCounts {
    pub customers: u64,
    pub invoices: u64,
    /// Payments and credit notes.
    pub payments: u64,
    pub allocations: u64,
    pub activity: u64,
    pub dunning_events: u64,
    pub promises: u64,
    pub plans: u64,
}

pub fn row_counts(conn: &Conn) -> Result<RowCounts> {
    let n = |r: &rusqlite::Row<'_>, i: usize| r.get::<_, i64>(i).map(|v| u64::try_from(v).unwrap_or(0));
    Ok(conn
        .prepare_cached(
            "SELECT (SELECT COUNT(*) FROM customers), (SELECT COUNT(*) FROM invoices), (SELECT COUNT(*) FROM payments),
                (SELECT COUNT(*) FROM allocations), (SELECT COUNT(*) FROM activity),
                (SELECT COUNT(*) FROM dunning_events), (SELECT COUNT(*) FROM promises),
                (SELECT COUNT(*) FROM plans)",
        )?
        .query_row([], |r| {
            Ok(RowCounts {
                customers: n(r, 0)?,
                invoices: n(r, 1)?,
                payments: n(r, 2)?,
                allocations: n(r, 3)?,
                activity: n(r, 4)?,
                dunning_events: n(r, 5)?,
                promises: n(r, 6)?,
                plans: n(r, 7)?,
            })
        })?)
}

/// True when at least one customer exists (archived ones count).
pub fn has_customers(conn: &Conn) -> Result<bool> {
    Ok(conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM customers)")?.query_row([], |r| r.get(0))?)
}
