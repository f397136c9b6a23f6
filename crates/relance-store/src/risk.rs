//! The payment history each customer is judged on (relance_domain::risk):
//! settled invoices with the date they were settled, what is still owed, and
//! the dated events (broken promises, defaulted plans, formal notices,
//! disputes). One query per kind of fact for one customer or for all of them,
//! so the whole customer list is judged in a handful of scans.

use std::collections::HashMap;

use relance_domain::ids::CustomerId;
use relance_domain::risk::{History, OpenInvoice, PaidInvoice, Thresholds};
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

/// The thresholds the profiles are decided with (migration 0013, one row).
pub fn thresholds(conn: &Conn) -> Result<Thresholds> {
    conn.prepare_cached(
        "SELECT grace_days, min_history, punctual_max_days, late_min_share_late, regular_spread_days,
                at_risk_broken_promises, at_risk_overdue_days, at_risk_score
         FROM risk_settings WHERE id = 1",
    )?
    .query_row([], |r| {
        let n = |i: usize| -> rusqlite::Result<i64> { r.get(i) };
        Ok([n(0)?, n(1)?, n(2)?, n(3)?, n(4)?, n(5)?, n(6)?, n(7)?])
    })
    .map_err(crate::StoreError::from)
    .and_then(|n| {
        let bad = |what: &str| crate::StoreError::Corrupt(format!("risk_settings.{what}"));
        let u = |x: i64, what: &str| u32::try_from(x).map_err(|_| bad(what));
        Ok(Thresholds {
            grace_days: u(n[0], "grace_days")?,
            min_history: usize::try_from(n[1]).map_err(|_| bad("min_history"))?,
            punctual_max_days: u(n[2], "punctual_max_days")?,
            late_min_share_late: u(n[3], "late_min_share_late")?,
            regular_spread_days: u(n[4], "regular_spread_days")?,
            at_risk_broken_promises: usize::try_from(n[5]).map_err(|_| bad("at_risk_broken_promises"))?,
            at_risk_overdue_days: u(n[6], "at_risk_overdue_days")?,
            at_risk_score: u8::try_from(n[7]).map_err(|_| bad("at_risk_score"))?,
        })
    })
}

pub fn save_thresholds(conn: &Conn, t: &Thresholds) -> Result<()> {
    let wide = |x: usize| i64::try_from(x).unwrap_or(i64::MAX);
    conn.prepare_cached(
        "UPDATE risk_settings SET grace_days = ?1, min_history = ?2, punctual_max_days = ?3,
             late_min_share_late = ?4, regular_spread_days = ?5, at_risk_broken_promises = ?6,
             at_risk_overdue_days = ?7, at_risk_score = ?8
         WHERE id = 1",
    )?
    .execute(rusqlite::params![
        i64::from(t.grace_days),
        wide(t.min_history),
        i64::from(t.punctual_max_days),
        i64::from(t.late_min_share_late),
        i64::from(t.regular_spread_days),
        wide(t.at_risk_broken_promises),
        i64::from(t.at_risk_overdue_days),
        i64::from(t.at_risk_score),
    ])?;
    Ok(())
}
