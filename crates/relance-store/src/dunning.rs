//! Each invoice's reminder history: append-only `dunning_events`, replayed
//! by the domain into the invoice's reminder state.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use relance_domain::dunning::{Channel, DunningEvent, EscalationStage, LevelMark};
use relance_domain::ids::{CustomerId, InvoiceId};
use relance_domain::Money;
use rusqlite::{named_params, Row};

use crate::{date_text, get_date, timestamp, Conn, Result, StoreError};

/// The columns an event fills; the others stay NULL (the schema checks which).
#[derive(Default)]
struct Columns<'a> {
    kind: &'a str,
    date: Option<NaiveDate>,
    level: Option<&'a LevelMark>,
    channel: Option<&'static str>,
    until: Option<NaiveDate>,
    reason: Option<&'a str>,
    stage: Option<&'static str>,
    amount: Option<i64>,
}

fn columns(event: &DunningEvent) -> Columns<'_> {
    match event {
        DunningEvent::LevelDone { level, on, channel } => Columns {
            kind: "done",
            date: Some(*on),
            level: Some(level),
            channel: Some(channel.code()),
            ..Default::default()
        },
        DunningEvent::LevelSkipped { level, on, reason } => {
            Columns { kind: "skipped", date: Some(*on), level: Some(level), reason: Some(reason), ..Default::default() }
        }
        DunningEvent::Postponed { on, until } => {
            Columns { kind: "postponed", date: Some(*on), until: Some(*until), ..Default::default() }
        }
        DunningEvent::DisputeOpened { on, reason } => {
            Columns { kind: "dispute_opened", date: Some(*on), reason: Some(reason), ..Default::default() }
        }
        DunningEvent::DisputeResolved { on, note } => {
            Columns { kind: "dispute_resolved", date: Some(*on), reason: note.as_deref(), ..Default::default() }
        }
        DunningEvent::Escalated { to } => {
            let mut c = Columns { kind: "escalated", stage: Some(to.code()), ..Default::default() };
            match to {
                EscalationStage::Reminders => {}
                EscalationStage::InjunctionPrepared { on } | EscalationStage::HandedToAgency { on } => {
                    c.date = Some(*on)
                }
                EscalationStage::WrittenOff { on, amount, reason } => {
                    c.date = Some(*on);
                    c.amount = Some(amount.cents());
                    c.reason = Some(reason);
                }
            }
            c
        }
    }
}

/// Appends one event to the invoice's history. `today` dates the events
/// that carry no date of their own (a move back to reminders).
pub fn append(
    conn: &Conn,
    invoice: InvoiceId,
    event: &DunningEvent,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<()> {
    let c = columns(event);
    conn.prepare_cached(
        "INSERT INTO dunning_events (invoice_id, kind, date, level_key, level_offset, level_notice, channel,
            until_date, reason, stage, amount_cents, created_at)
         VALUES (:invoice, :kind, :date, :key, :offset, :notice, :channel, :until, :reason, :stage, :amount, :now)",
    )?
    .execute(named_params! {
        ":invoice": invoice.0, ":kind": c.kind, ":date": date_text(c.date.unwrap_or(today)),
        ":key": c.level.map(|l| l.key.as_str()), ":offset": c.level.map(|l| l.offset_days),
        ":notice": c.level.map(|l| i64::from(l.is_formal_notice)), ":channel": c.channel,
        ":until": c.until.map(date_text), ":reason": c.reason, ":stage": c.stage, ":amount": c.amount,
        ":now": timestamp(now),
    })?;
    Ok(())
}

const COLUMNS: &str = "invoice_id, kind, date, level_key, level_offset, level_notice, channel, until_date, reason,
    stage, amount_cents";

fn corrupt(what: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        Box::from(format!("dunning event {what}")),
    )
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<(InvoiceId, DunningEvent)> {
    let kind: String = r.get(1)?;
    let on = get_date(r, 2)?;
    let level = || -> rusqlite::Result<LevelMark> {
        Ok(LevelMark {
            key: r.get::<_, Option<String>>(3)?.ok_or_else(|| corrupt("level"))?,
            offset_days: r.get::<_, Option<i32>>(4)?.ok_or_else(|| corrupt("offset"))?,
            is_formal_notice: r.get::<_, Option<i64>>(5)? == Some(1),
        })
    };
    let reason = || -> rusqlite::Result<String> { r.get::<_, Option<String>>(8)?.ok_or_else(|| corrupt("reason")) };
    let event = match kind.as_str() {
        "done" => {
            let code: Option<String> = r.get(6)?;
            let channel = code.as_deref().and_then(Channel::from_code).ok_or_else(|| corrupt("channel"))?;
            DunningEvent::LevelDone { level: level()?, on, channel }
        }
        "skipped" => DunningEvent::LevelSkipped { level: level()?, on, reason: reason()? },
        "postponed" => {
            let until: Option<String> = r.get(7)?;
            let until = until.and_then(|u| u.parse().ok()).ok_or_else(|| corrupt("until"))?;
            DunningEvent::Postponed { on, until }
        }
        "dispute_opened" => DunningEvent::DisputeOpened { on, reason: reason()? },
        "dispute_resolved" => DunningEvent::DisputeResolved { on, note: r.get(8)? },
        "escalated" => {
            let stage: Option<String> = r.get(9)?;
            let to = match stage.as_deref() {
                Some("reminders") => EscalationStage::Reminders,
                Some("injunction_prepared") => EscalationStage::InjunctionPrepared { on },
                Some("handed_to_agency") => EscalationStage::HandedToAgency { on },
                Some("written_off") => EscalationStage::WrittenOff {
                    on,
                    amount: Money::from_cents(r.get::<_, Option<i64>>(10)?.ok_or_else(|| corrupt("amount"))?),
                    reason: reason()?,
                },
                _ => return Err(corrupt("stage")),
            };
            DunningEvent::Escalated { to }
        }
        _ => return Err(corrupt("kind")),
    };
    Ok((InvoiceId(r.get(0)?), event))
}

/// One invoice's history, oldest first.
pub fn for_invoice(conn: &Conn, invoice: InvoiceId) -> Result<Vec<DunningEvent>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM dunning_events WHERE invoice_id = ?1 ORDER BY id"))?;
    let rows = stmt.query_map([invoice.0], from_row)?;
    rows.map(|r| r.map(|(_, e)| e).map_err(StoreError::from)).collect()
}

/// An invoice the agenda looks at: not cancelled, something still to pay.
#[derive(Debug, Clone)]
pub struct UnpaidInvoice {
    pub id: InvoiceId,
    pub customer: CustomerId,
    pub number: String,
    pub due_date: NaiveDate,
    pub remaining: Money,
}

/// Every unpaid invoice with its reminder history (oldest event first),
/// by customer then due date.
pub fn unpaid_with_history(conn: &Conn) -> Result<Vec<(UnpaidInvoice, Vec<DunningEvent>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, customer_id, number, due_date, total_cents - settled_cents FROM invoices
         WHERE cancelled_at IS NULL AND settled_cents < total_cents ORDER BY customer_id, due_date, number",
    )?;
    let invoices: Vec<UnpaidInvoice> = stmt
        .query_map([], |r| {
            Ok(UnpaidInvoice {
                id: InvoiceId(r.get(0)?),
                customer: CustomerId(r.get(1)?),
                number: r.get(2)?,
                due_date: get_date(r, 3)?,
                remaining: Money::from_cents(r.get(4)?),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM dunning_events WHERE invoice_id IN
            (SELECT id FROM invoices WHERE cancelled_at IS NULL AND settled_cents < total_cents)
         ORDER BY id"
    ))?;
    let mut history: HashMap<InvoiceId, Vec<DunningEvent>> = HashMap::new();
    for row in stmt.query_map([], from_row)? {
        let (id, event) = row?;
        history.entry(id).or_default().push(event);
    }
    Ok(invoices.into_iter().map(|i| (history.remove(&i.id).unwrap_or_default(), i)).map(|(h, i)| (i, h)).collect())
}

/// A write-off as the reports list it.
#[derive(Debug, Clone)]
pub struct WriteOff {
    pub invoice: InvoiceId,
    pub customer: CustomerId,
    pub customer_name: String,
    pub number: String,
    pub on: NaiveDate,
    pub amount: Money,
    pub reason: String,
    /// What the invoice still owes now (payments and credits only).
    pub remaining: Money,
}

/// The write-offs recorded on or before `as_of` (all when `None`), oldest
/// first. Cancelled invoices are left out: they owe nothing, so nothing of
/// them is lost.
pub fn write_offs(conn: &Conn, as_of: Option<NaiveDate>) -> Result<Vec<WriteOff>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.invoice_id, i.customer_id, c.name, i.number, e.date, e.amount_cents, e.reason,
                i.total_cents - i.settled_cents
         FROM dunning_events e
         JOIN invoices i ON i.id = e.invoice_id
         JOIN customers c ON c.id = i.customer_id
         WHERE e.kind = 'escalated' AND e.stage = 'written_off' AND i.cancelled_at IS NULL
           AND (?1 IS NULL OR e.date <= ?1)
         ORDER BY e.date, i.number, e.id",
    )?;
    let rows = stmt.query_map([as_of.map(date_text)], |r| {
        Ok(WriteOff {
            invoice: InvoiceId(r.get(0)?),
            customer: CustomerId(r.get(1)?),
            customer_name: r.get(2)?,
            number: r.get(3)?,
            on: get_date(r, 4)?,
            amount: Money::from_cents(r.get::<_, Option<i64>>(5)?.unwrap_or(0)),
            reason: r.get::<_, Option<String>>(6)?.unwrap_or_default(),
            remaining: Money::from_cents(r.get(7)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One customer's unpaid invoices that hold a written-off amount: per
/// invoice, its due date, the written-off amount capped at what it still
/// owes, and what it still owes (payments and credits only).
pub fn written_off_of_customer(conn: &Conn, customer: CustomerId) -> Result<Vec<(NaiveDate, Money, Money)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT i.due_date, MIN(e.amount_cents, i.total_cents - i.settled_cents), i.total_cents - i.settled_cents
         FROM invoices i INDEXED BY invoices_unpaid_by_customer
         JOIN dunning_events e ON e.invoice_id = i.id
         WHERE i.customer_id = ?1 AND i.cancelled_at IS NULL AND i.settled_cents < i.total_cents
           AND e.kind = 'escalated' AND e.stage = 'written_off'",
    )?;
    let rows = stmt.query_map([customer.0], |r| {
        Ok((get_date(r, 0)?, Money::from_cents(r.get::<_, Option<i64>>(1)?.unwrap_or(0)), Money::from_cents(r.get(2)?)))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// What the unpaid invoices hold of written-off amounts: per invoice, its
/// customer, due date and the written-off amount capped at what it still
/// owes (a payment after the write-off reduces what is lost). Reads the
/// partial index of unpaid invoices, then each one's events by index.
/// `only` restricts it to one customer (its unpaid invoices only are read).
pub fn written_off_unpaid(conn: &Conn, only: Option<CustomerId>) -> Result<Vec<(CustomerId, NaiveDate, Money)>> {
    let all = "SELECT i.customer_id, i.due_date, MIN(e.amount_cents, i.total_cents - i.settled_cents)
         FROM invoices i INDEXED BY invoices_unpaid_by_customer
         JOIN dunning_events e ON e.invoice_id = i.id
         WHERE i.cancelled_at IS NULL AND i.settled_cents < i.total_cents
           AND e.kind = 'escalated' AND e.stage = 'written_off'";
    let mut stmt = match only {
        None => conn.prepare_cached(all)?,
        Some(_) => conn.prepare_cached(&format!("{all} AND i.customer_id = ?1"))?,
    };
    let params: Vec<i64> = only.map(|c| c.0).into_iter().collect();
    let rows = stmt.query_map(rusqlite::params_from_iter(params), |r| {
        Ok((CustomerId(r.get(0)?), get_date(r, 1)?, Money::from_cents(r.get::<_, Option<i64>>(2)?.unwrap_or(0))))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
