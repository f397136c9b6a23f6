//! Credit insurance (migration 0014): each customer's cover
//! (`customer_insurance`) and the invoices declared to the insurer
//! (`insurance_declarations`).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use relance_domain::ids::{CustomerId, InvoiceId};
use relance_domain::insurance::Insurance;
use relance_domain::Money;
use rusqlite::{named_params, params, OptionalExtension};

use crate::{date_text, get_date, timestamp, Conn, Result};

fn insurance(r: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<Insurance> {
    let days: i64 = r.get(first + 2)?;
    Ok(Insurance {
        insurer: r.get(first)?,
        covered: r.get::<_, Option<i64>>(first + 1)?.map(Money::from_cents),
        deadline_days: u32::try_from(days).map_err(|_| {
            rusqlite::Error::FromSqlConversionFailure(first + 2, rusqlite::types::Type::Integer, "deadline_days".into())
        })?,
    })
}

/// The customer's cover; `None`: not insured.
pub fn get(conn: &Conn, customer: CustomerId) -> Result<Option<Insurance>> {
    Ok(conn
        .prepare_cached("SELECT insurer, covered_cents, deadline_days FROM customer_insurance WHERE customer_id = ?1")?
        .query_row([customer.0], |r| insurance(r, 0))
        .optional()?)
}

/// Every insured customer's cover.
pub fn all(conn: &Conn) -> Result<HashMap<CustomerId, Insurance>> {
    let mut stmt =
        conn.prepare_cached("SELECT customer_id, insurer, covered_cents, deadline_days FROM customer_insurance")?;
    let rows = stmt.query_map([], |r| Ok((CustomerId(r.get(0)?), insurance(r, 1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Replaces the customer's cover; `None` removes it (not insured any more).
/// The declarations already made are kept.
pub fn set(conn: &Conn, customer: CustomerId, cover: Option<&Insurance>, now: DateTime<Utc>) -> Result<()> {
    match cover {
        None => {
            conn.execute("DELETE FROM customer_insurance WHERE customer_id = ?1", [customer.0])?;
        }
        Some(c) => {
            let days = i64::from(c.deadline_days);
            conn.execute(
                "INSERT INTO customer_insurance (customer_id, insurer, covered_cents, deadline_days, updated_at)
                 VALUES (:customer, :insurer, :covered, :days, :now)
                 ON CONFLICT (customer_id) DO UPDATE SET insurer = excluded.insurer,
                     covered_cents = excluded.covered_cents, deadline_days = excluded.deadline_days,
                     updated_at = excluded.updated_at",
                named_params! {
                    ":customer": customer.0, ":insurer": c.insurer, ":covered": c.covered.map(|m| m.cents()),
                    ":days": days, ":now": timestamp(now),
                },
            )?;
        }
    }
    Ok(())
}

/// An unpaid invoice of an insured customer, not declared yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToDeclare {
    pub customer: CustomerId,
    pub invoice: InvoiceId,
    pub number: String,
    pub due_date: NaiveDate,
    /// Total less payments and credit notes (a write-off does not lower it).
    pub remaining: Money,
}

/// The unpaid, not cancelled, not declared invoices of insured customers
/// (archived ones included: an archived customer may still owe), oldest due first.
pub fn to_declare(conn: &Conn, only: Option<CustomerId>) -> Result<Vec<ToDeclare>> {
    let mut stmt = conn.prepare_cached(
        "SELECT i.customer_id, i.id, i.number, i.due_date, i.total_cents - i.settled_cents
         FROM invoices i
         JOIN customer_insurance c ON c.customer_id = i.customer_id
         WHERE i.cancelled_at IS NULL AND i.settled_cents < i.total_cents
           AND (?1 IS NULL OR i.customer_id = ?1)
           AND NOT EXISTS (SELECT 1 FROM insurance_declarations d WHERE d.invoice_id = i.id)
         ORDER BY i.due_date, i.id",
    )?;
    let rows = stmt.query_map([only.map(|c| c.0)], |r| {
        Ok(ToDeclare {
            customer: CustomerId(r.get(0)?),
            invoice: InvoiceId(r.get(1)?),
            number: r.get(2)?,
            due_date: get_date(r, 3)?,
            remaining: Money::from_cents(r.get(4)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// An invoice declared to the insurer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declared {
    pub invoice: InvoiceId,
    pub number: String,
    pub due_date: NaiveDate,
    pub total: Money,
    /// Still owed (total less payments and credit notes).
    pub remaining: Money,
    pub insurer: String,
    pub declared_on: NaiveDate,
}

fn declared_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Declared> {
    Ok(Declared {
        invoice: InvoiceId(r.get(0)?),
        number: r.get(1)?,
        due_date: get_date(r, 2)?,
        total: Money::from_cents(r.get(3)?),
        remaining: Money::from_cents(r.get(4)?),
        insurer: r.get(5)?,
        declared_on: get_date(r, 6)?,
    })
}

const DECLARED: &str = "SELECT i.id, i.number, i.due_date, i.total_cents, i.total_cents - i.settled_cents,
        d.insurer, d.declared_on
    FROM insurance_declarations d JOIN invoices i ON i.id = d.invoice_id";

/// The invoice's declaration, if made.
pub fn declared(conn: &Conn, invoice: InvoiceId) -> Result<Option<Declared>> {
    Ok(conn
        .prepare_cached(&format!("{DECLARED} WHERE d.invoice_id = ?1"))?
        .query_row([invoice.0], declared_row)
        .optional()?)
}

/// The customer's declared invoices, the latest declaration first.
pub fn declared_for_customer(conn: &Conn, customer: CustomerId) -> Result<Vec<Declared>> {
    let mut stmt =
        conn.prepare_cached(&format!("{DECLARED} WHERE i.customer_id = ?1 ORDER BY d.declared_on DESC, i.id DESC"))?;
    let rows = stmt.query_map([customer.0], declared_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Records the invoice declared to `insurer` on `on`. An invoice is declared
/// once: a second time is refused by the primary key (the app checks first).
pub fn declare(conn: &Conn, invoice: InvoiceId, insurer: &str, on: NaiveDate, now: DateTime<Utc>) -> Result<()> {
    conn.execute(
        "INSERT INTO insurance_declarations (invoice_id, insurer, declared_on, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![invoice.0, insurer, date_text(on), timestamp(now)],
    )?;
    Ok(())
}
