//! Installment plans, the invoices each covers, their installments, and the
//! follow-up settings.

use chrono::{DateTime, NaiveDate, Utc};
use relance_domain::dunning::Channel;
use relance_domain::ids::{CustomerId, InvoiceId};
use relance_domain::plan::follow::{Handled, HandledOutcome, InstallmentActionKind};
use relance_domain::plan::{
    Frequency, Installment, PenaltiesPart, Plan, PlanData, PlanId, PlanRecord, PlanSettings, Remainder, Split, Terms,
};
use relance_domain::Money;
use rusqlite::{named_params, params, OptionalExtension};

use crate::{date_text, get_date, timestamp, Conn, Result, StoreError};

pub fn settings(conn: &Conn) -> Result<PlanSettings> {
    let row = conn
        .prepare_cached("SELECT grace_days, notice_days, reminder_days FROM plan_settings WHERE id = 1")?
        .query_row([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?)))
        .optional()?;
    let Some((g, n, r)) = row else { return Ok(PlanSettings::default()) };
    let days = |v: i64| u32::try_from(v).map_err(|_| StoreError::Corrupt(format!("plan setting {v}")));
    Ok(PlanSettings { grace_days: days(g)?, notice_days: days(n)?, reminder_days: days(r)? })
}

pub fn save_settings(conn: &Conn, s: &PlanSettings) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO plan_settings (id, grace_days, notice_days, reminder_days) VALUES (1, ?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET grace_days = ?1, notice_days = ?2, reminder_days = ?3",
    )?
    .execute(params![s.grace_days, s.notice_days, s.reminder_days])?;
    Ok(())
}

/// Stores a validated plan, running.
pub fn insert(conn: &Conn, p: &PlanData, now: DateTime<Utc>) -> Result<PlanId> {
    let t = &p.terms;
    let (split, split_value) = match t.split {
        Split::Count(n) => ("count", i64::from(n)),
        Split::Amount(m) => ("amount", m.cents()),
    };
    let (penalties, penalties_cents) = match p.penalties {
        PenaltiesPart::Included(m) => ("included", m.cents()),
        PenaltiesPart::Waived => ("waived", 0),
    };
    conn.prepare_cached(
        "INSERT INTO plans (customer_id, status, agreed_on, invoices_owed_cents, penalties, penalties_cents,
            total_cents, split, split_value, first_date, frequency, day_of_month, down_payment_cents, remainder,
            business_days, created_at)
         VALUES (:customer, 'running', :agreed, :owed, :penalties, :pen_cents, :total, :split, :split_value,
            :first, :frequency, :day, :down, :remainder, :business, :now)",
    )?
    .execute(named_params! {
        ":customer": p.customer.0, ":agreed": date_text(p.agreed_on), ":owed": p.invoices_owed().cents(),
        ":penalties": penalties, ":pen_cents": penalties_cents, ":total": t.total.cents(), ":split": split,
        ":split_value": split_value, ":first": date_text(t.first), ":frequency": t.frequency.code(),
        ":day": t.frequency.day(), ":down": t.down_payment.unwrap_or(Money::ZERO).cents(),
        ":remainder": t.remainder.code(), ":business": i64::from(t.business_days), ":now": timestamp(now),
    })?;
    let id = PlanId(conn.last_insert_rowid());
    let mut stmt =
        conn.prepare_cached("INSERT INTO plan_invoices (plan_id, invoice_id, owed_cents) VALUES (?1, ?2, ?3)")?;
    for (invoice, owed) in &p.invoices {
        stmt.execute(params![id.0, invoice.0, owed.cents()])?;
    }
    let mut stmt = conn.prepare_cached(
        "INSERT INTO plan_installments (plan_id, number, due_date, amount_cents) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for i in &p.installments {
        stmt.execute(params![id.0, i.number, date_text(i.due), i.amount.cents()])?;
    }
    Ok(id)
}

/// Records the default of a running plan and the level the reminders resume at.
pub fn record_default(conn: &Conn, id: PlanId, on: NaiveDate, level: Option<&str>) -> Result<()> {
    let n = conn
        .prepare_cached(
            "UPDATE plans SET status = 'defaulted', defaulted_on = ?2, resumed_level = ?3
             WHERE id = ?1 AND status = 'running'",
        )?
        .execute(params![id.0, date_text(on), level])?;
    if n == 1 {
        Ok(())
    } else {
        Err(StoreError::NotFound)
    }
}

/// Marks a running or defaulted plan as replaced by `by`.
pub fn replace(conn: &Conn, id: PlanId, by: PlanId, on: NaiveDate) -> Result<()> {
    let n = conn
        .prepare_cached(
            "UPDATE plans SET status = 'replaced', replaced_by = ?2, replaced_on = ?3
             WHERE id = ?1 AND status IN ('running', 'defaulted')",
        )?
        .execute(params![id.0, by.0, date_text(on)])?;
    if n == 1 {
        Ok(())
    } else {
        Err(StoreError::NotFound)
    }
}

const COLUMNS: &str = "id, customer_id, status, agreed_on, penalties, penalties_cents, total_cents, split, split_value,
    first_date, frequency, day_of_month, down_payment_cents, remainder, business_days, defaulted_on, resumed_level,
    replaced_on, replaced_by";

fn corrupt(what: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::from(format!("plan {what}")))
}

fn head(r: &rusqlite::Row<'_>) -> rusqlite::Result<Plan> {
    let opt_date = |idx: usize| -> rusqlite::Result<Option<NaiveDate>> {
        match r.get::<_, Option<String>>(idx)? {
            None => Ok(None),
            Some(_) => get_date(r, idx).map(Some),
        }
    };
    let penalties = match r.get::<_, String>(4)?.as_str() {
        "included" => PenaltiesPart::Included(Money::from_cents(r.get(5)?)),
        "waived" => PenaltiesPart::Waived,
        other => return Err(corrupt(format!("penalties {other}"))),
    };
    let split_value: i64 = r.get(8)?;
    let split = match r.get::<_, String>(7)?.as_str() {
        "count" => Split::Count(u32::try_from(split_value).map_err(|_| corrupt("count".into()))?),
        "amount" => Split::Amount(Money::from_cents(split_value)),
        other => return Err(corrupt(format!("split {other}"))),
    };
    let frequency_code: String = r.get(10)?;
    let day: Option<u32> = r.get(11)?;
    let frequency =
        Frequency::from_code(&frequency_code, day).ok_or_else(|| corrupt(format!("frequency {frequency_code}")))?;
    let remainder_code: String = r.get(13)?;
    let remainder =
        Remainder::from_code(&remainder_code).ok_or_else(|| corrupt(format!("remainder {remainder_code}")))?;
    let down: i64 = r.get(12)?;
    let status: String = r.get(2)?;
    let defaulted_on = opt_date(15)?;
    let record = match status.as_str() {
        "running" => PlanRecord::Running,
        "defaulted" => PlanRecord::Defaulted {
            on: defaulted_on.ok_or_else(|| corrupt("default date".into()))?,
            resumed_level: r.get(16)?,
        },
        "replaced" => PlanRecord::Replaced {
            on: opt_date(17)?.ok_or_else(|| corrupt("replacement date".into()))?,
            by: PlanId(r.get(18)?),
            defaulted_on,
        },
        other => return Err(corrupt(format!("status {other}"))),
    };
    Ok(Plan {
        id: PlanId(r.get(0)?),
        data: PlanData {
            customer: CustomerId(r.get(1)?),
            agreed_on: get_date(r, 3)?,
            invoices: Vec::new(),
            penalties,
            terms: Terms {
                total: Money::from_cents(r.get(6)?),
                split,
                first: get_date(r, 9)?,
                frequency,
                down_payment: (down > 0).then(|| Money::from_cents(down)),
                remainder,
                business_days: r.get::<_, i64>(14)? == 1,
            },
            installments: Vec::new(),
        },
        record,
    })
}

fn complete(conn: &Conn, heads: Vec<Plan>) -> Result<Vec<Plan>> {
    let mut inv = conn.prepare_cached(
        "SELECT pi.invoice_id, pi.owed_cents FROM plan_invoices pi JOIN invoices i ON i.id = pi.invoice_id
         WHERE pi.plan_id = ?1 ORDER BY i.due_date, i.issue_date, i.number",
    )?;
    let mut inst = conn.prepare_cached(
        "SELECT number, due_date, amount_cents FROM plan_installments WHERE plan_id = ?1 ORDER BY number",
    )?;
    let mut out = Vec::with_capacity(heads.len());
    for mut p in heads {
        p.data.invoices = inv
            .query_map([p.id.0], |r| Ok((InvoiceId(r.get(0)?), Money::from_cents(r.get(1)?))))?
            .collect::<rusqlite::Result<_>>()?;
        p.data.installments = inst
            .query_map([p.id.0], |r| {
                Ok(Installment { number: r.get(0)?, due: get_date(r, 1)?, amount: Money::from_cents(r.get(2)?) })
            })?
            .collect::<rusqlite::Result<_>>()?;
        out.push(p);
    }
    Ok(out)
}

fn query(conn: &Conn, sql_where: &str, param: Option<i64>) -> Result<Vec<Plan>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM plans WHERE {sql_where}"))?;
    let heads: Vec<Plan> = stmt.query_map([param], head)?.collect::<rusqlite::Result<_>>()?;
    complete(conn, heads)
}

pub fn get(conn: &Conn, id: PlanId) -> Result<Option<Plan>> {
    Ok(query(conn, "id = ?1", Some(id.0))?.into_iter().next())
}

/// Every plan of a customer, the most recent first.
pub fn for_customer(conn: &Conn, customer: CustomerId) -> Result<Vec<Plan>> {
    query(conn, "customer_id = ?1 ORDER BY agreed_on DESC, id DESC", Some(customer.0))
}

/// The plans recorded as running (of one customer, or of all), oldest first.
pub fn running(conn: &Conn, customer: Option<CustomerId>) -> Result<Vec<Plan>> {
    query(conn, "status = 'running' AND (?1 IS NULL OR customer_id = ?1) ORDER BY id", customer.map(|c| c.0))
}

/// What the plan's invoices owe now (a cancelled one counts as still owing
/// what it owed at the agreement: cancelling is not paying).
pub fn invoices_owed_now(conn: &Conn, plan: PlanId) -> Result<Money> {
    let cents: i64 = conn
        .prepare_cached(
            "SELECT COALESCE(SUM(CASE WHEN i.cancelled_at IS NULL THEN MAX(i.total_cents - i.settled_cents, 0)
                                      ELSE pi.owed_cents END), 0)
             FROM plan_invoices pi JOIN invoices i ON i.id = pi.invoice_id WHERE pi.plan_id = ?1",
        )?
        .query_row([plan.0], |r| r.get(0))?;
    Ok(Money::from_cents(cents))
}

/// The unallocated part of the customer's payments dated on or after `since`:
/// the money that pays a plan's penalties part.
pub fn credit_since(conn: &Conn, customer: CustomerId, since: NaiveDate) -> Result<Money> {
    let cents: i64 = conn
        .prepare_cached(
            "SELECT COALESCE(SUM(p.amount_cents
                 - COALESCE((SELECT SUM(a.amount_cents) FROM allocations a WHERE a.payment_id = p.id), 0)), 0)
             FROM payments p WHERE p.customer_id = ?1 AND p.date >= ?2",
        )?
        .query_row(params![customer.0, date_text(since)], |r| r.get(0))?;
    Ok(Money::from_cents(cents))
}

/// The running plan an invoice is in, if any.
pub fn running_for_invoice(conn: &Conn, invoice: InvoiceId) -> Result<Option<PlanId>> {
    Ok(conn
        .prepare_cached(
            "SELECT p.id FROM plans p JOIN plan_invoices pi ON pi.plan_id = p.id
             WHERE pi.invoice_id = ?1 AND p.status = 'running' LIMIT 1",
        )?
        .query_row([invoice.0], |r| r.get(0))
        .optional()?
        .map(PlanId))
}

/// A record of what the user did about an installment's notice or reminder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderRecord {
    pub handled: Handled,
    /// The channel of a done one.
    pub channel: Option<Channel>,
    /// The reason of a skipped one.
    pub reason: Option<String>,
}

/// Appends what was done about installment `number`'s `kind` (migration
/// 0005). A second done or skipped record for the same installment and kind
/// is refused by the unique index. `as_of`: the day a postponement was decided.
pub fn record_reminder(
    conn: &Conn,
    plan: PlanId,
    r: &ReminderRecord,
    as_of: NaiveDate,
    now: DateTime<Utc>,
) -> Result<()> {
    let (outcome, on, until) = match r.handled.outcome {
        HandledOutcome::Done { on } => ("done", on, None),
        HandledOutcome::Skipped { on } => ("skipped", on, None),
        HandledOutcome::Postponed { until } => ("postponed", as_of, Some(until)),
    };
    conn.prepare_cached(
        "INSERT INTO plan_reminders (plan_id, number, kind, outcome, on_date, channel, until, reason, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        plan.0,
        r.handled.number,
        r.handled.kind.code(),
        outcome,
        date_text(on),
        r.channel.map(|c| c.code()),
        until.map(date_text),
        r.reason,
        timestamp(now),
    ])?;
    Ok(())
}

/// What was recorded about a plan's installment notices and reminders, in order.
pub fn reminders(conn: &Conn, plan: PlanId) -> Result<Vec<ReminderRecord>> {
    let mut stmt = conn.prepare_cached(
        "SELECT number, kind, outcome, on_date, channel, until, reason FROM plan_reminders
         WHERE plan_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([plan.0], |r| {
        Ok((
            r.get::<_, u32>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            get_date(r, 3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, Option<String>>(5)?,
            r.get::<_, Option<String>>(6)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (number, kind, outcome, on, channel, until, reason) = row?;
        let corrupt = |what: &str| StoreError::Corrupt(format!("plan reminder {what}"));
        let kind = InstallmentActionKind::from_code(&kind).ok_or_else(|| corrupt(&kind))?;
        let outcome = match (outcome.as_str(), until) {
            ("done", _) => HandledOutcome::Done { on },
            ("skipped", _) => HandledOutcome::Skipped { on },
            ("postponed", Some(u)) => {
                HandledOutcome::Postponed { until: NaiveDate::parse_from_str(&u, "%Y-%m-%d").map_err(|_| corrupt(&u))? }
            }
            (other, _) => return Err(corrupt(other)),
        };
        let channel = match channel {
            Some(c) => Some(Channel::from_code(&c).ok_or_else(|| corrupt(&c))?),
            None => None,
        };
        out.push(ReminderRecord { handled: Handled { number, kind, outcome }, channel, reason });
    }
    Ok(out)
}
