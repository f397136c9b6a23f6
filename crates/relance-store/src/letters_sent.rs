//! Copies of the letters printed from the day's agenda (append-only, see migration 0006).

use chrono::{DateTime, NaiveDate, Utc};
use relance_domain::ids::CustomerId;
use relance_domain::Money;
use rusqlite::{params, OptionalExtension};

use crate::{date_text, get_date, get_timestamp, timestamp, Conn, Result, StoreError};

/// A letter to keep: what it is, what it claimed, the PDF and its SHA-256 (lowercase hex).
#[derive(Debug, Clone)]
pub struct NewLetter<'a> {
    pub customer: CustomerId,
    pub on: NaiveDate,
    /// `reminder` or `notice`.
    pub kind: &'a str,
    /// `pre_due`, `friendly` or `firm` for a reminder, none for a notice.
    pub level: Option<&'a str>,
    pub invoice_numbers: &'a [String],
    pub total: Money,
    pub pages: usize,
    pub pdf: &'a [u8],
    pub sha256: &'a str,
}

/// A kept letter, without its PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentLetter {
    pub id: i64,
    pub customer: CustomerId,
    pub on: NaiveDate,
    pub kind: String,
    pub level: Option<String>,
    pub invoice_numbers: Vec<String>,
    pub total: Money,
    pub pages: i64,
    pub sha256: String,
    pub created_at: DateTime<Utc>,
}

/// Keeps a copy; returns its id.
pub fn insert(conn: &Conn, l: &NewLetter<'_>, now: DateTime<Utc>) -> Result<i64> {
    let numbers = serde_json::to_string(l.invoice_numbers).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let pages = i64::try_from(l.pages).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    conn.prepare_cached(
        "INSERT INTO letters_sent (customer_id, on_date, kind, level, invoice_numbers, total_cents, pages, pdf, sha256, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        l.customer.0,
        date_text(l.on),
        l.kind,
        l.level,
        numbers,
        l.total.cents(),
        pages,
        l.pdf,
        l.sha256,
        timestamp(now)
    ])?;
    Ok(conn.last_insert_rowid())
}

const COLUMNS: &str = "id, customer_id, on_date, kind, level, invoice_numbers, total_cents, pages, sha256, created_at";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SentLetter> {
    let numbers: String = r.get(5)?;
    let invoice_numbers = serde_json::from_str(&numbers)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(5, rusqlite::types::Type::Text, Box::new(e)))?;
    Ok(SentLetter {
        id: r.get(0)?,
        customer: CustomerId(r.get(1)?),
        on: get_date(r, 2)?,
        kind: r.get(3)?,
        level: r.get(4)?,
        invoice_numbers,
        total: Money::from_cents(r.get(6)?),
        pages: r.get(7)?,
        sha256: r.get(8)?,
        created_at: get_timestamp(r, 9)?,
    })
}

/// The customer's kept letters, most recent first.
pub fn for_customer(conn: &Conn, customer: CustomerId) -> Result<Vec<SentLetter>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM letters_sent WHERE customer_id = ?1 ORDER BY id DESC"))?;
    let rows = stmt.query_map(params![customer.0], row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One kept letter and its PDF.
pub fn get(conn: &Conn, id: i64) -> Result<Option<(SentLetter, Vec<u8>)>> {
    let found = conn
        .prepare_cached(&format!("SELECT {COLUMNS}, pdf FROM letters_sent WHERE id = ?1"))?
        .query_row(params![id], |r| Ok((row(r)?, r.get::<_, Vec<u8>>(10)?)))
        .optional()?;
    Ok(found)
}
