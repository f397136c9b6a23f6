//! Relance's storage: one SQLite file, opened here and nowhere else.
//!
//! Architecture invariant: this is the only crate that contains SQL. Money
//! is stored as integer cents and becomes `Money` only here.

pub mod activity;
pub mod backup;
pub mod backup_settings;
pub mod bulk;
pub mod company;
pub mod company_logo;
pub mod counts;
pub mod customers;
pub mod dunning;
pub mod imports;
pub mod insurance;
pub mod invoices;
pub mod kpis;
pub mod letter_templates;
pub mod letters_sent;
pub mod mail_settings;
mod migrations;
pub mod payments;
pub mod plans;
pub mod policies;
pub mod promises;
pub mod rates;
pub mod risk;
pub mod search_key;
pub mod today;

use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::Connection;

pub use migrations::{known_versions, SCHEMA_VERSION};

/// A read or write handle given to the table modules. A `Transaction`
/// dereferences to it, so the same functions serve both.
pub type Conn = Connection;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the database was made by a newer version of Relance (schema {found}, this version knows {known})")]
    NewerSchema { found: i64, known: i64 },
    #[error("the database's migrations do not match this version of Relance (at version {version})")]
    OutOfSync { version: i64 },
    #[error("a stored value is invalid: {0}")]
    Corrupt(String),
    #[error("not found")]
    NotFound,
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The open database.
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (creating if needed) the database file and brings its schema
    /// up to date. Refuses a file from a newer version or with a foreign
    /// migration history.
    pub fn open(path: &Path) -> Result<Store> {
        let conn = Connection::open(path)?;
        Self::init(conn)
    }

    /// A private database in memory, for tests and dry runs.
    pub fn open_in_memory() -> Result<Store> {
        Self::init(Connection::open_in_memory()?)
    }

    fn init(mut conn: Connection) -> Result<Store> {
        conn.busy_timeout(Duration::from_secs(5))?;
        // WAL survives a crash mid-write and lets readers go on during a write.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // Up to 64 MiB of page cache (default 2 MiB): a 100,000-invoice file
        // stays in memory, and a large write does not spill pages mid-transaction.
        conn.pragma_update(None, "cache_size", -65536)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        migrations::migrate(&mut conn)?;
        Ok(Store { conn })
    }

    /// Read access.
    pub fn conn(&self) -> &Conn {
        &self.conn
    }

    /// Runs `f` in one transaction: everything it wrote is kept if it
    /// returns `Ok`, nothing if it returns `Err` (or panics).
    pub fn write<T, E>(&mut self, f: impl FnOnce(&Conn) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        let tx =
            self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(StoreError::from)?;
        let value = f(&tx)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(value)
    }

    /// Checks the stored invariants (each invoice's settled amount equals
    /// its allocations; no invoice is over-settled; no payment is
    /// over-allocated). Returns the descriptions of what is broken.
    pub fn check_invariants(&self) -> Result<Vec<String>> {
        let mut broken = Vec::new();
        let mut stmt = self.conn.prepare(
            "SELECT i.number FROM invoices i
             LEFT JOIN (SELECT invoice_id, SUM(amount_cents) AS s FROM allocations GROUP BY invoice_id) a
               ON a.invoice_id = i.id
             WHERE i.settled_cents != COALESCE(a.s, 0) OR i.settled_cents > i.total_cents",
        )?;
        for n in stmt.query_map([], |r| r.get::<_, String>(0))? {
            broken.push(format!("invoice {} settled amount differs from its allocations", n?));
        }
        let mut stmt = self.conn.prepare(
            "SELECT p.id FROM payments p
             JOIN (SELECT payment_id, SUM(amount_cents) AS s FROM allocations GROUP BY payment_id) a
               ON a.payment_id = p.id
             WHERE a.s > p.amount_cents",
        )?;
        for id in stmt.query_map([], |r| r.get::<_, i64>(0))? {
            broken.push(format!("payment {} is allocated beyond its amount", id?));
        }
        let fk: i64 = self.conn.query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
        if fk > 0 {
            broken.push(format!("{fk} broken references"));
        }
        Ok(broken)
    }

    /// True when the database holds no customer yet (first start).
    pub fn is_empty(&self) -> Result<bool> {
        let n: i64 = self.conn.query_row("SELECT COUNT(*) FROM customers", [], |r| r.get(0))?;
        Ok(n == 0)
    }
}

pub(crate) fn timestamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub(crate) fn date_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Reads a column holding a `YYYY-MM-DD` date.
pub(crate) fn get_date(row: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<NaiveDate> {
    let s: String = row.get(idx)?;
    NaiveDate::parse_from_str(&s, "%Y-%m-%d")
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e)))
}

/// Reads a column holding a UTC timestamp.
pub(crate) fn get_timestamp(row: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<DateTime<Utc>> {
    let s: String = row.get(idx)?;
    DateTime::parse_from_rfc3339(&s)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e)))
}

/// Rows per page of every list, bounded so no request can ask for all rows.
pub const MAX_PAGE_SIZE: u32 = 200;

/// A page request: which slice of a sorted list.
#[derive(Debug, Clone, Copy)]
pub struct Page {
    pub size: u32,
    pub index: u32,
}

impl Page {
    pub fn limit(&self) -> i64 {
        i64::from(self.size.clamp(1, MAX_PAGE_SIZE))
    }
    pub fn offset(&self) -> i64 {
        i64::from(self.index) * self.limit()
    }
}

/// One page of rows and the number of rows in the whole list.
#[derive(Debug, Clone)]
pub struct Paged<T> {
    pub rows: Vec<T>,
    pub total_rows: u64,
}
