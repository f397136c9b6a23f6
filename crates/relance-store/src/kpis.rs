//! What the receivables KPIs read: every invoice that is not cancelled, with
//! its dated settlements (allocations of payments and credit notes) and its
//! dated write-offs. A few full scans, no per-invoice query: the dashboard
//! reads 100,000 invoices in one go.

use std::collections::HashMap;

use chrono::NaiveDate;
use relance_domain::ids::{CustomerId, InvoiceId};
use relance_domain::kpis::{KpiEntry, KpiHead, KpiInvoice, KpiRows};
use relance_domain::Money;

use crate::{Conn, Result};

fn not_a_date(idx: usize) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::from("not a YYYY-MM-DD date"))
}

/// The year, month and day of a `YYYY-MM-DD` column, read without
/// allocating (the schema's CHECKs keep the format); anything else is a
/// conversion error.
fn ymd(r: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<(u32, u32, u32)> {
    // The bytes, not `as_str`: the digits are checked below, so a UTF-8
    // check of every date would be wasted.
    let s = r.get_ref(idx)?.as_bytes()?;
    if s.len() != 10 || s[4] != b'-' || s[7] != b'-' {
        return Err(not_a_date(idx));
    }
    let num = |b: &[u8]| -> Option<u32> {
        b.iter().try_fold(0u32, |acc, c| c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0')))
    };
    match (num(&s[0..4]), num(&s[5..7]), num(&s[8..10])) {
        (Some(y), Some(m), Some(d)) => Ok((y, m, d)),
        _ => Err(not_a_date(idx)),
    }
}

/// A `YYYY-MM-DD` column as a date; anything else is a conversion error.
fn date(r: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<NaiveDate> {
    let (y, m, d) = ymd(r, idx)?;
    NaiveDate::from_ymd_opt(y as i32, m, d).ok_or_else(|| not_a_date(idx))
}

/// [`date`] remembering the dates already made: 100,000 invoices and
/// payments span a few hundred days, and chrono's `from_ymd_opt` costs more
/// than reading the digits. A direct-mapped cache of 1024 dates, keyed by
/// the packed year, month and day: consecutive days take consecutive slots
/// (2 years and a half before one comes back); a collision only misses.
struct Dates {
    seen: Vec<(u32, NaiveDate)>,
}

impl Dates {
    fn new() -> Dates {
        Dates { seen: vec![(u32::MAX, NaiveDate::MIN); 1024] }
    }

    fn read(&mut self, r: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<NaiveDate> {
        let (y, m, d) = ymd(r, idx)?;
        // y <= 9999, m and d <= 99: no overflow, and never u32::MAX.
        let key = (y * 100 + m) * 100 + d;
        let slot = &mut self.seen[((y * 13 + m) * 32 + d) as usize % 1024];
        if slot.0 == key {
            return Ok(slot.1);
        }
        let date = NaiveDate::from_ymd_opt(y as i32, m, d).ok_or_else(|| not_a_date(idx))?;
        *slot = (key, date);
        Ok(date)
    }
}

/// Row id -> value, a vector when the ids are dense (rowids usually are),
/// a map otherwise.
enum ById<T> {
    Dense(Vec<Option<T>>),
    Sparse(HashMap<i64, T>),
}

impl<T: Copy> ById<T> {
    fn new(pairs: Vec<(i64, T)>) -> ById<T> {
        let max = pairs.iter().map(|(id, _)| *id).max().unwrap_or(0);
        match usize::try_from(max) {
            Ok(max) if pairs.iter().all(|(id, _)| *id >= 0) && max <= 2 * pairs.len() + 1024 => {
                let mut v = vec![None; max + 1];
                for (id, t) in pairs {
                    v[id as usize] = Some(t);
                }
                ById::Dense(v)
            }
            _ => ById::Sparse(pairs.into_iter().collect()),
        }
    }

    fn get(&self, id: i64) -> Option<T> {
        match self {
            ById::Dense(v) => usize::try_from(id).ok().and_then(|i| v.get(i).copied().flatten()),
            ById::Sparse(m) => m.get(&id).copied(),
        }
    }
}

/// Every invoice not cancelled (by issue date), with its settlements and
/// write-offs (the tests and the drills; the dashboard reads [`rows`]).
pub fn invoices(conn: &Conn) -> Result<Vec<KpiInvoice>> {
    Ok(rows(conn)?.to_invoices())
}

/// Every invoice not cancelled: read through the covering index of
/// migration 0015 (a third of the table's bytes), in its order (by issue
/// date; no `ORDER BY id`, which would sort).
const INVOICES: &str = "SELECT id, customer_id, issue_date, due_date, total_cents FROM invoices
     WHERE cancelled_at IS NULL";

/// Every write-off: read through the partial index of migration 0015, not
/// a scan of every dunning event.
const WRITE_OFFS: &str = "SELECT invoice_id, date, amount_cents FROM dunning_events
     WHERE kind = 'escalated' AND stage = 'written_off' AND amount_cents > 0";

/// Every invoice not cancelled (by issue date), then its settlements and
/// write-offs in two flat lists (no `Vec` per invoice: 100,000 allocations cost more
/// than the figures). Four sequential scans (invoices, payments' dates,
/// allocations, write-offs) joined in memory by row id: no per-row index
/// lookup.
pub fn rows(conn: &Conn) -> Result<KpiRows> {
    let count = |sql: &str| -> Result<usize> {
        let n: i64 = conn.prepare_cached(sql)?.query_row([], |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    };
    let mut dates = Dates::new();
    let mut out =
        KpiRows { invoices: Vec::with_capacity(count("SELECT count(*) FROM invoices")?), ..KpiRows::default() };
    let mut stmt = conn.prepare_cached(INVOICES)?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        out.invoices.push(KpiHead {
            id: InvoiceId(r.get(0)?),
            customer: CustomerId(r.get(1)?),
            issue_date: dates.read(r, 2)?,
            due_date: dates.read(r, 3)?,
            total: Money::from_cents(r.get(4)?),
        });
    }
    // An entry names its invoice by a u32 position (4 bytes, not 8).
    let n = i64::try_from(out.invoices.len()).unwrap_or(i64::MAX);
    if n > i64::from(u32::MAX) {
        return Err(rusqlite::Error::IntegralValueOutOfRange(0, n).into());
    }
    let at = ById::new(out.invoices.iter().zip(0u32..).map(|(i, k)| (i.id.0, k)).collect());
    let mut stmt = conn.prepare_cached("SELECT id, date FROM payments")?;
    let mut pairs = Vec::with_capacity(count("SELECT count(*) FROM payments")?);
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        pairs.push((r.get::<_, i64>(0)?, dates.read(r, 1)?));
    }
    let paid_on = ById::new(pairs);
    out.settlements.reserve(count("SELECT count(*) FROM allocations")?);
    let mut stmt = conn.prepare_cached("SELECT invoice_id, payment_id, amount_cents FROM allocations")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if let (Some(invoice), Some(date)) = (at.get(r.get(0)?), paid_on.get(r.get(1)?)) {
            out.settlements.push(KpiEntry { invoice, date, amount: Money::from_cents(r.get(2)?) });
        }
    }
    let mut stmt = conn.prepare_cached(WRITE_OFFS)?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if let Some(invoice) = at.get(r.get(0)?) {
            out.write_offs.push(KpiEntry { invoice, date: dates.read(r, 1)?, amount: Money::from_cents(r.get(2)?) });
        }
    }
    Ok(out)
}

/// Customers' names by id, for the figures that name customers.
pub fn customer_names(conn: &Conn, ids: &[CustomerId]) -> Result<HashMap<CustomerId, String>> {
    let mut stmt = conn.prepare_cached("SELECT name FROM customers WHERE id = ?1")?;
    let mut out = HashMap::with_capacity(ids.len());
    for id in ids {
        let mut rows = stmt.query([id.0])?;
        if let Some(r) = rows.next()? {
            out.insert(*id, r.get(0)?);
        }
    }
    Ok(out)
}

/// Every dispute event, by invoice then in order, from its own partial index
/// (migration 0015): the dashboard reads it on every load, and the other
/// events (four reminders an invoice) must not cost it a scan.
const DISPUTES: &str = "SELECT invoice_id, kind, date, reason FROM dunning_events
     WHERE kind IN ('dispute_opened', 'dispute_resolved') ORDER BY invoice_id, id";

/// Every dispute of every invoice, paired open/close by the domain's own
/// replay (`dispute::history`).
pub fn disputes(conn: &Conn) -> Result<Vec<relance_domain::kpis::DisputeSpan>> {
    use relance_domain::dunning::{dispute, DunningEvent};
    let mut stmt = conn.prepare_cached(DISPUTES)?;
    let mut rows = stmt.query([])?;
    let mut by_invoice: Vec<(InvoiceId, Vec<DunningEvent>)> = Vec::new();
    while let Some(r) = rows.next()? {
        let invoice = InvoiceId(r.get(0)?);
        let on = date(r, 2)?;
        let reason: Option<String> = r.get(3)?;
        let kind: String = r.get(1)?;
        let event = if kind == "dispute_opened" {
            DunningEvent::DisputeOpened { on, reason: reason.unwrap_or_default() }
        } else {
            DunningEvent::DisputeResolved { on, note: reason }
        };
        match by_invoice.last_mut() {
            Some((id, events)) if *id == invoice => events.push(event),
            _ => by_invoice.push((invoice, vec![event])),
        }
    }
    Ok(by_invoice
        .iter()
        .flat_map(|(invoice, events)| {
            dispute::history(events).into_iter().map(|d| relance_domain::kpis::DisputeSpan {
                invoice: *invoice,
                opened: d.opened_on,
                closed: d.closed_on,
            })
        })
        .collect())
}

/// An invoice's number and its customer's name, for the lists behind a figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceLabel {
    pub number: String,
    pub customer_name: String,
}

/// The labels of `ids`. One query per id for a short list; one joined scan
/// beyond (a figure can stand on tens of thousands of invoices).
pub fn invoice_labels(conn: &Conn, ids: &[InvoiceId]) -> Result<HashMap<InvoiceId, InvoiceLabel>> {
    const ONE_BY_ONE: usize = 200;
    let sql = "SELECT i.id, i.number, c.name FROM invoices i JOIN customers c ON c.id = i.customer_id";
    let mut out = HashMap::with_capacity(ids.len());
    let row = |r: &rusqlite::Row<'_>| -> rusqlite::Result<(InvoiceId, InvoiceLabel)> {
        Ok((InvoiceId(r.get(0)?), InvoiceLabel { number: r.get(1)?, customer_name: r.get(2)? }))
    };
    if ids.len() <= ONE_BY_ONE {
        let mut stmt = conn.prepare_cached(&format!("{sql} WHERE i.id = ?1"))?;
        for id in ids {
            if let Some(found) = stmt.query_map([id.0], row)?.next() {
                let (id, label) = found?;
                out.insert(id, label);
            }
        }
    } else {
        let wanted: std::collections::HashSet<InvoiceId> = ids.iter().copied().collect();
        let mut stmt = conn.prepare_cached(sql)?;
        for found in stmt.query_map([], row)? {
            let (id, label) = found?;
            if wanted.contains(&id) {
                out.insert(id, label);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_dense_or_sparse_find_the_same() {
        let dense = ById::new(vec![(1, 'a'), (3, 'b')]);
        let sparse = ById::new(vec![(1, 'a'), (3_000_000, 'b')]);
        assert!(matches!(dense, ById::Dense(_)) && matches!(sparse, ById::Sparse(_)));
        assert_eq!(
            (dense.get(1), dense.get(3), dense.get(2), dense.get(-1), dense.get(99)),
            (Some('a'), Some('b'), None, None, None)
        );
        assert_eq!((sparse.get(1), sparse.get(3_000_000), sparse.get(2)), (Some('a'), Some('b'), None));
    }

    #[test]
    fn dates_are_read_strictly() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        for (text, ok) in [("2026-02-28", true), ("2026-02-30", false), ("2026-2-28", false), ("abcd-ef-gh", false)] {
            let got = conn.query_row("SELECT ?1", [text], |r| date(r, 0));
            assert_eq!(got.is_ok(), ok, "{text}");
        }
    }

    #[test]
    fn invoices_and_write_offs_are_read_from_their_indexes_alone() {
        let store = crate::Store::open_in_memory().unwrap();
        let plan = |sql: &str| -> Vec<String> {
            let mut stmt = store.conn().prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
            stmt.query_map([], |r| r.get(3)).unwrap().collect::<rusqlite::Result<_>>().unwrap()
        };
        assert_eq!(plan(INVOICES), vec!["SCAN invoices USING COVERING INDEX invoices_for_kpis".to_string()]);
        assert_eq!(
            plan(WRITE_OFFS),
            vec!["SCAN dunning_events USING COVERING INDEX dunning_events_write_offs".to_string()]
        );
        assert_eq!(
            plan(DISPUTES),
            vec!["SCAN dunning_events USING COVERING INDEX dunning_events_disputes".to_string()]
        );
    }

    #[test]
    fn remembered_dates_are_the_dates_read() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let mut dates = Dates::new();
        // Twice each, with dates 1024 slots apart (the same slot), dates
        // 1, 2 and 3 years apart, and bad ones after a good one.
        let days = ["2026-02-28", "2028-08-28", "2026-03-01", "2025-02-28", "2027-02-28", "2029-02-28", "2024-02-29"];
        for text in days.iter().chain(&days).chain(&["2026-02-30", "2025-02-29", "0000-00-00", "2026-02-2x"]) {
            let cached = conn.query_row("SELECT ?1", [text], |r| dates.read(r, 0)).ok();
            let plain = conn.query_row("SELECT ?1", [text], |r| date(r, 0)).ok();
            assert_eq!(cached, plain, "{text}");
            assert_eq!(cached, text.parse().ok(), "{text}");
        }
    }
}
