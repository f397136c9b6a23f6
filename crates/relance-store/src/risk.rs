//! The payment history each customer is judged on (relance_domain::risk):
//! settled invoices with the date they were settled, what is still owed, and
//! the dated events (broken promises, defaulted plans, formal notices,
//! disputes). One query per kind of fact for one customer or for all of them,
//! so the whole customer list is judged in a handful of scans.

use std::collections::HashMap;

use relance_domain::ids::CustomerId;
use relance_domain::risk::{History, OpenInvoice, PaidInvoice};
use relance_domain::Money;

use crate::{get_date, Conn, Result};

/// Each customer's history, for one customer (`Some`) or every customer.
/// Customers with nothing at all are in the map too (an empty history).
pub fn histories(conn: &Conn, only: Option<CustomerId>) -> Result<HashMap<CustomerId, History>> {
    // Two forms of each query rather than `?1 IS NULL OR ...`, which would keep
    // SQLite from using the per-customer indexes for one customer's page.
    let filter = |column: &str| if only.is_some() { format!("AND {column} = ?1") } else { String::new() };
    let bound: Vec<i64> = only.map(|c| c.0).into_iter().collect();
    let args = || rusqlite::params_from_iter(bound.iter());
    let mut out: HashMap<CustomerId, History> = HashMap::new();

    let mut stmt =
        conn.prepare_cached(&format!("SELECT id, credit_limit_cents FROM customers WHERE 1 = 1 {}", filter("id")))?;
    let rows = stmt.query_map(args(), |r| Ok((CustomerId(r.get(0)?), r.get::<_, Option<i64>>(1)?)))?;
    for row in rows {
        let (id, limit) = row?;
        out.insert(id, History { credit_limit: limit.map(Money::from_cents), ..History::default() });
    }

    // Settled in full: the day of the last payment or credit note that settled it.
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT i.customer_id, i.due_date, i.total_cents, MAX(p.date)
         FROM invoices i
         JOIN allocations a ON a.invoice_id = i.id
         JOIN payments p ON p.id = a.payment_id
         WHERE i.cancelled_at IS NULL AND i.settled_cents = i.total_cents {}
         GROUP BY i.id",
        filter("i.customer_id")
    ))?;
    let rows = stmt.query_map(args(), |r| {
        Ok((
            CustomerId(r.get(0)?),
            PaidInvoice { due: get_date(r, 1)?, amount: Money::from_cents(r.get(2)?), settled_on: get_date(r, 3)? },
        ))
    })?;
    for row in rows {
        let (id, paid) = row?;
        out.entry(id).or_default().paid.push(paid);
    }

    // Still owed (a written-off invoice stays owed: a write-off is a dunning stage, not a payment).
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT customer_id, due_date, total_cents - settled_cents
         FROM invoices
         WHERE cancelled_at IS NULL AND settled_cents < total_cents {}",
        filter("customer_id")
    ))?;
    let rows = stmt.query_map(args(), |r| {
        Ok((CustomerId(r.get(0)?), OpenInvoice { due: get_date(r, 1)?, remaining: Money::from_cents(r.get(2)?) }))
    })?;
    for row in rows {
        let (id, open) = row?;
        out.entry(id).or_default().open.push(open);
    }

    let dated =
        |sql: String, put: fn(&mut History, chrono::NaiveDate), out: &mut HashMap<CustomerId, History>| -> Result<()> {
            let mut stmt = conn.prepare_cached(&sql)?;
            let rows = stmt.query_map(args(), |r| Ok((CustomerId(r.get(0)?), get_date(r, 1)?)))?;
            for row in rows {
                let (id, date) = row?;
                put(out.entry(id).or_default(), date);
            }
            Ok(())
        };
    dated(
        format!("SELECT customer_id, closed_on FROM promises WHERE status = 'broken' {}", filter("customer_id")),
        |h, d| h.broken_promises.push(d),
        &mut out,
    )?;
    dated(
        format!("SELECT customer_id, defaulted_on FROM plans WHERE status = 'defaulted' {}", filter("customer_id")),
        |h, d| h.defaulted_plans.push(d),
        &mut out,
    )?;
    // One notice letter covers all the customer's invoices at that level: one per day.
    dated(
        format!(
            "SELECT DISTINCT i.customer_id, e.date FROM dunning_events e JOIN invoices i ON i.id = e.invoice_id
             WHERE e.kind = 'done' AND e.level_notice = 1 {}",
            filter("i.customer_id")
        ),
        |h, d| h.formal_notices.push(d),
        &mut out,
    )?;
    dated(
        format!(
            "SELECT i.customer_id, e.date FROM dunning_events e JOIN invoices i ON i.id = e.invoice_id
             WHERE e.kind = 'dispute_opened' {}",
            filter("i.customer_id")
        ),
        |h, d| h.disputes.push(d),
        &mut out,
    )?;
    Ok(out)
}
