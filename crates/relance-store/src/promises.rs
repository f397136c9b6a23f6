//! Promises to pay and the invoices each covers.

use chrono::{DateTime, Utc};
use relance_domain::dunning::promise::{PromiseData, PromiseState};
use relance_domain::dunning::{Promise, PromiseEvent, PromiseId};
use relance_domain::ids::{CustomerId, InvoiceId};
use relance_domain::Money;
use rusqlite::{named_params, params};

use crate::{date_text, get_date, timestamp, Conn, Result, StoreError};

/// Stores a validated promise, open.
pub fn insert(conn: &Conn, p: &PromiseData, now: DateTime<Utc>) -> Result<PromiseId> {
    conn.prepare_cached(
        "INSERT INTO promises (customer_id, amount_cents, owed_when_made_cents, made_on, promised_by, created_at)
         VALUES (:customer, :amount, :owed, :made_on, :by, :now)",
    )?
    .execute(named_params! {
        ":customer": p.customer.0, ":amount": p.amount.cents(), ":owed": p.owed_when_made.cents(),
        ":made_on": date_text(p.made_on), ":by": date_text(p.by), ":now": timestamp(now),
    })?;
    let id = PromiseId(conn.last_insert_rowid());
    let mut stmt = conn.prepare_cached("INSERT INTO promise_invoices (promise_id, invoice_id) VALUES (?1, ?2)")?;
    for invoice in &p.invoices {
        stmt.execute(params![id.0, invoice.0])?;
    }
    Ok(id)
}

/// Records a kept, broken or cancelled promise. Only an open one changes.
pub fn close(conn: &Conn, id: PromiseId, event: &PromiseEvent) -> Result<()> {
    let (status, on) = match *event {
        PromiseEvent::Kept { on } => ("kept", on),
        PromiseEvent::Broken { on } => ("broken", on),
        PromiseEvent::Cancelled { on } => ("cancelled", on),
    };
    let n = conn
        .prepare_cached("UPDATE promises SET status = ?2, closed_on = ?3 WHERE id = ?1 AND status = 'open'")?
        .execute(params![id.0, status, date_text(on)])?;
    if n == 1 {
        Ok(())
    } else {
        Err(StoreError::NotFound)
    }
}

const PROMISE_COLUMNS: &str =
    "id, customer_id, amount_cents, owed_when_made_cents, made_on, promised_by, status, closed_on";

fn promise_head(r: &rusqlite::Row<'_>) -> rusqlite::Result<Promise> {
    let status: String = r.get(6)?;
    let closed_on = |r: &rusqlite::Row<'_>| get_date(r, 7);
    let state = match status.as_str() {
        "open" => PromiseState::Open,
        "kept" => PromiseState::Kept { on: closed_on(r)? },
        "broken" => PromiseState::Broken { on: closed_on(r)? },
        "cancelled" => PromiseState::Cancelled { on: closed_on(r)? },
        _ => {
            return Err(rusqlite::Error::FromSqlConversionFailure(
                6,
                rusqlite::types::Type::Text,
                Box::from(format!("promise status {status}")),
            ))
        }
    };
    Ok(Promise {
        id: PromiseId(r.get(0)?),
        data: PromiseData {
            customer: CustomerId(r.get(1)?),
            amount: Money::from_cents(r.get(2)?),
            owed_when_made: Money::from_cents(r.get(3)?),
            made_on: get_date(r, 4)?,
            by: get_date(r, 5)?,
            invoices: Vec::new(),
        },
        state,
    })
}

fn with_invoices(conn: &Conn, heads: Vec<Promise>) -> Result<Vec<Promise>> {
    let mut stmt =
        conn.prepare_cached("SELECT invoice_id FROM promise_invoices WHERE promise_id = ?1 ORDER BY invoice_id")?;
    let mut out = Vec::with_capacity(heads.len());
    for mut p in heads {
        p.data.invoices = stmt.query_map([p.id.0], |r| Ok(InvoiceId(r.get(0)?)))?.collect::<rusqlite::Result<_>>()?;
        out.push(p);
    }
    Ok(out)
}

/// The open promises (of one customer, or of all), oldest first.
pub fn open(conn: &Conn, customer: Option<CustomerId>) -> Result<Vec<Promise>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {PROMISE_COLUMNS} FROM promises
         WHERE status = 'open' AND (?1 IS NULL OR customer_id = ?1) ORDER BY id"
    ))?;
    let heads: Vec<Promise> =
        stmt.query_map([customer.map(|c| c.0)], promise_head)?.collect::<rusqlite::Result<_>>()?;
    with_invoices(conn, heads)
}

/// Every promise of a customer, whatever became of it, most recent first.
pub fn for_customer(conn: &Conn, customer: CustomerId) -> Result<Vec<Promise>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {PROMISE_COLUMNS} FROM promises WHERE customer_id = ?1 ORDER BY promised_by DESC, id DESC"
    ))?;
    let heads: Vec<Promise> = stmt.query_map([customer.0], promise_head)?.collect::<rusqlite::Result<_>>()?;
    with_invoices(conn, heads)
}

/// One promise, whatever its status.
pub fn get(conn: &Conn, id: PromiseId) -> Result<Option<Promise>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {PROMISE_COLUMNS} FROM promises WHERE id = ?1"))?;
    let heads: Vec<Promise> = stmt.query_map([id.0], promise_head)?.collect::<rusqlite::Result<_>>()?;
    Ok(with_invoices(conn, heads)?.into_iter().next())
}

/// How many of the customer's promises were broken: its history.
pub fn broken_count(conn: &Conn, customer: CustomerId) -> Result<u64> {
    let n: i64 = conn
        .prepare_cached("SELECT COUNT(*) FROM promises WHERE customer_id = ?1 AND status = 'broken'")?
        .query_row([customer.0], |r| r.get(0))?;
    Ok(u64::try_from(n).unwrap_or(0))
}
