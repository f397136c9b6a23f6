//! Migration 0011: what a CSV import remembers. `import_choices`: the kind,
//! preset and date order last used for a file with a given header
//! signature; `customer_codes`: a customer's code in the user's other
//! software, the key of a customers file.

use chrono::{DateTime, Utc};
use relance_domain::ids::{CustomerId, PaymentId};
use rusqlite::{params, OptionalExtension};

use crate::{timestamp, Conn, Result};

/// The choices remembered for a header: codes as stored (`invoices`, `ibm`, `day_first`…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub kind: String,
    pub preset: String,
    pub date_order: Option<String>,
}

pub fn choice(conn: &Conn, signature: &str) -> Result<Option<Choice>> {
    Ok(conn
        .prepare_cached("SELECT kind, preset, date_order FROM import_choices WHERE signature = ?1")?
        .query_row([signature], |r| Ok(Choice { kind: r.get(0)?, preset: r.get(1)?, date_order: r.get(2)? }))
        .optional()?)
}

pub fn remember(conn: &Conn, signature: &str, c: &Choice, now: DateTime<Utc>) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO import_choices (signature, kind, preset, date_order, saved_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (signature) DO UPDATE SET kind = excluded.kind, preset = excluded.preset,
             date_order = excluded.date_order, saved_at = excluded.saved_at",
    )?
    .execute(params![signature, c.kind, c.preset, c.date_order, timestamp(now)])?;
    Ok(())
}

/// Every customer code with its customer.
pub fn customer_codes(conn: &Conn) -> Result<std::collections::HashMap<String, CustomerId>> {
    let mut stmt = conn.prepare_cached("SELECT code, customer_id FROM customer_codes")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, CustomerId(r.get(1)?))))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The code of each customer that has one.
pub fn code_of(conn: &Conn, customer: CustomerId) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT code FROM customer_codes WHERE customer_id = ?1")?
        .query_row([customer.0], |r| r.get(0))
        .optional()?)
}

pub fn set_customer_code(conn: &Conn, code: &str, customer: CustomerId) -> Result<()> {
    conn.prepare_cached("INSERT INTO customer_codes (code, customer_id) VALUES (?1, ?2)")?
        .execute(params![code, customer.0])?;
    Ok(())
}

/// The payments (not credit notes) of a customer with this bank reference.
pub fn payment_by_reference(conn: &Conn, customer: CustomerId, reference: &str) -> Result<Option<PaymentId>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM payments WHERE customer_id = ?1 AND kind = 'payment' AND reference = ?2 ORDER BY id LIMIT 1",
        )?
        .query_row(params![customer.0, reference], |r| Ok(PaymentId(r.get(0)?)))
        .optional()?)
}
