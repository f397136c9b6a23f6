//! Rates the user added after the shipped tables end (one per half-year
//! and kind). The domain parses the rate text and merges them.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;

use crate::{date_text, get_date, timestamp, Conn, Result};

/// Which table a user rate extends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateKind {
    /// The ECB MRO rate in force on the half-year's first day.
    Ecb,
    /// The legal interest rate, "all other cases" column.
    LegalOther,
    /// The legal interest rate, private-person creditor column.
    LegalPrivate,
}

impl RateKind {
    pub fn code(self) -> &'static str {
        match self {
            RateKind::Ecb => "ecb",
            RateKind::LegalOther => "legal_other",
            RateKind::LegalPrivate => "legal_private",
        }
    }

    pub fn from_code(code: &str) -> Option<RateKind> {
        [RateKind::Ecb, RateKind::LegalOther, RateKind::LegalPrivate].into_iter().find(|k| k.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateEntry {
    pub kind: RateKind,
    pub half_year_start: NaiveDate,
    /// The decimal percent as entered ("2.15").
    pub rate: String,
    pub source: String,
}

/// Adds a rate; the schema refuses a second one for the same half-year and kind.
pub fn insert(conn: &Conn, e: &RateEntry, now: DateTime<Utc>) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO rate_entries (kind, half_year_start, rate, source, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![e.kind.code(), date_text(e.half_year_start), e.rate, e.source, timestamp(now)])?;
    Ok(())
}

/// Every user rate, oldest half-year first.
pub fn all(conn: &Conn) -> Result<Vec<RateEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT kind, half_year_start, rate, source FROM rate_entries ORDER BY half_year_start, kind",
    )?;
    let rows = stmt.query_map([], |r| {
        let kind: String = r.get(0)?;
        let kind = RateKind::from_code(&kind).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::from("rate kind"))
        })?;
        Ok(RateEntry { kind, half_year_start: get_date(r, 1)?, rate: r.get(2)?, source: r.get(3)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
