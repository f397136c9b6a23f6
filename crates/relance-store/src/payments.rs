//! Payments and credit notes, and their allocations to invoices.

use chrono::{DateTime, NaiveDate, Utc};
use relance_domain::allocation::AllocationLine;
use relance_domain::ids::{CustomerId, InvoiceId, PaymentId};
use relance_domain::payment::PaymentMethod;
use relance_domain::{Currency, Money};
use rusqlite::{named_params, params};

use crate::{date_text, get_date, timestamp, Conn, Result};

/// Money received, or a credit note: both credit the customer's account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Receipt {
    Payment { method: PaymentMethod, reference: Option<String> },
    CreditNote { number: String, reason: Option<String> },
}

pub fn insert(
    conn: &Conn,
    customer: CustomerId,
    date: NaiveDate,
    amount: Money,
    currency: Currency,
    receipt: &Receipt,
    now: DateTime<Utc>,
) -> Result<PaymentId> {
    let (kind, method, reference, note) = match receipt {
        Receipt::Payment { method, reference } => ("payment", Some(method.code()), reference.as_deref(), None),
        Receipt::CreditNote { number, reason } => ("credit_note", None, Some(number.as_str()), reason.as_deref()),
    };
    conn.prepare_cached(
        "INSERT INTO payments (customer_id, kind, date, amount_cents, currency, method, reference, note, created_at)
         VALUES (:customer, :kind, :date, :amount, :currency, :method, :reference, :note, :now)",
    )?
    .execute(named_params! {
        ":customer": customer.0, ":kind": kind, ":date": date_text(date), ":amount": amount.cents(),
        ":currency": currency.code(), ":method": method, ":reference": reference, ":note": note,
        ":now": timestamp(now),
    })?;
    Ok(PaymentId(conn.last_insert_rowid()))
}

/// Applies part of a payment to an invoice. The schema refuses an
/// allocation that would settle more than the invoice's total.
pub fn allocate(conn: &Conn, payment: PaymentId, line: &AllocationLine) -> Result<()> {
    conn.prepare_cached("INSERT INTO allocations (payment_id, invoice_id, amount_cents) VALUES (?1, ?2, ?3)")?
        .execute(params![payment.0, line.invoice.0, line.amount.cents()])?;
    Ok(())
}

/// Payments of the customer that still have an unallocated part, oldest first.
pub fn with_unallocated(conn: &Conn, customer: CustomerId) -> Result<Vec<(PaymentId, Money)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.amount_cents - COALESCE((SELECT SUM(amount_cents) FROM allocations WHERE payment_id = p.id), 0)
         FROM payments p WHERE p.customer_id = ?1
         AND p.amount_cents > COALESCE((SELECT SUM(amount_cents) FROM allocations WHERE payment_id = p.id), 0)
         ORDER BY p.date, p.id",
    )?;
    let rows = stmt.query_map([customer.0], |r| Ok((PaymentId(r.get(0)?), Money::from_cents(r.get(1)?))))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A payment or credit note as listed on the customer's page.
#[derive(Debug, Clone)]
pub struct PaymentRow {
    pub id: PaymentId,
    pub date: NaiveDate,
    pub amount: Money,
    pub receipt: Receipt,
    /// (invoice number, amount applied to it)
    pub allocations: Vec<(InvoiceId, String, Money)>,
    pub unallocated: Money,
}

/// The customer's payments and credit notes, most recent first.
pub fn for_customer(conn: &Conn, customer: CustomerId, limit: u32) -> Result<Vec<PaymentRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, date, amount_cents, kind, method, reference, note FROM payments
         WHERE customer_id = ?1 ORDER BY date DESC, id DESC LIMIT ?2",
    )?;
    let heads = stmt.query_map(params![customer.0, limit], |r| {
        let kind: String = r.get(3)?;
        let method: Option<String> = r.get(4)?;
        let reference: Option<String> = r.get(5)?;
        let receipt = if kind == "credit_note" {
            Receipt::CreditNote { number: reference.unwrap_or_default(), reason: r.get(6)? }
        } else {
            Receipt::Payment {
                method: method.as_deref().and_then(PaymentMethod::from_code).unwrap_or(PaymentMethod::Other),
                reference,
            }
        };
        Ok((PaymentId(r.get(0)?), get_date(r, 1)?, Money::from_cents(r.get(2)?), receipt))
    })?;
    let heads: Vec<_> = heads.collect::<Result<_, _>>()?;
    let mut alloc_stmt = conn.prepare_cached(
        "SELECT i.id, i.number, a.amount_cents FROM allocations a JOIN invoices i ON i.id = a.invoice_id
         WHERE a.payment_id = ?1 ORDER BY a.id",
    )?;
    let mut out = Vec::with_capacity(heads.len());
    for (id, date, amount, receipt) in heads {
        let allocations: Vec<(InvoiceId, String, Money)> = alloc_stmt
            .query_map([id.0], |r| Ok((InvoiceId(r.get(0)?), r.get(1)?, Money::from_cents(r.get(2)?))))?
            .collect::<Result<_, _>>()?;
        let applied: Money = allocations.iter().map(|a| a.2).sum();
        out.push(PaymentRow { id, date, amount, receipt, unallocated: amount - applied, allocations });
    }
    Ok(out)
}

/// Payments (not credit notes) applied to one invoice: (date, amount).
pub fn applied_to_invoice(conn: &Conn, invoice: InvoiceId) -> Result<Vec<(NaiveDate, Money, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.date, a.amount_cents, p.kind FROM allocations a JOIN payments p ON p.id = a.payment_id
         WHERE a.invoice_id = ?1 ORDER BY p.date, a.id",
    )?;
    let rows = stmt.query_map([invoice.0], |r| Ok((get_date(r, 0)?, Money::from_cents(r.get(1)?), r.get(2)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A payment or credit note with its customer's name and what is allocated of it, for the export.
#[derive(Debug, Clone)]
pub struct PaymentExportRow {
    pub customer_name: String,
    pub date: NaiveDate,
    pub amount: Money,
    pub receipt: Receipt,
    pub allocated: Money,
}

/// Every payment and credit note, by date then id.
pub fn all(conn: &Conn) -> Result<Vec<PaymentExportRow>> {
    let mut stmt = conn.prepare(
        "SELECT c.name, p.date, p.amount_cents, p.kind, p.method, p.reference, p.note,
                COALESCE((SELECT SUM(amount_cents) FROM allocations WHERE payment_id = p.id), 0)
         FROM payments p JOIN customers c ON c.id = p.customer_id ORDER BY p.date, p.id",
    )?;
    let rows = stmt.query_map([], |r| {
        let kind: String = r.get(3)?;
        let method: Option<String> = r.get(4)?;
        let reference: Option<String> = r.get(5)?;
        let receipt = if kind == "credit_note" {
            Receipt::CreditNote { number: reference.unwrap_or_default(), reason: r.get(6)? }
        } else {
            Receipt::Payment {
                method: method.as_deref().and_then(PaymentMethod::from_code).unwrap_or(PaymentMethod::Other),
                reference,
            }
        };
        Ok(PaymentExportRow {
            customer_name: r.get(0)?,
            date: get_date(r, 1)?,
            amount: Money::from_cents(r.get(2)?),
            receipt,
            allocated: Money::from_cents(r.get(7)?),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
