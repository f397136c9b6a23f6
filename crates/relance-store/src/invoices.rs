//! Invoices: writes, lists with their derived status, and the open items
//! a payment can be allocated to.

use chrono::{DateTime, NaiveDate, Utc};
use relance_domain::allocation::OpenInvoice;
use relance_domain::ids::{CustomerId, InvoiceId};
use relance_domain::invoice::InvoiceData;
use relance_domain::status::InvoiceFacts;
use relance_domain::{Currency, Money};
use rusqlite::{named_params, params, OptionalExtension, Row};

use crate::{date_text, get_date, search_key, timestamp, Conn, Page, Paged, Result, StoreError};

/// A stored invoice with what has been settled on it.
#[derive(Debug, Clone)]
pub struct Invoice {
    pub id: InvoiceId,
    pub customer_id: CustomerId,
    pub customer_name: String,
    pub data: InvoiceData,
    pub settled: Money,
    pub cancelled: bool,
    pub cancel_reason: Option<String>,
}

impl Invoice {
    pub fn facts(&self) -> InvoiceFacts {
        InvoiceFacts {
            total: self.data.total,
            settled: self.settled,
            due_date: self.data.due_date,
            cancelled: self.cancelled,
        }
    }
}

const COLUMNS: &str = "i.id, i.customer_id, c.name, i.number, i.issue_date, i.due_date, i.due_date_set_by_hand,
    i.amount_excl_tax_cents, i.tax_cents, i.total_cents, i.settled_cents, i.cancelled_at, i.cancel_reason";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Invoice> {
    Ok(Invoice {
        id: InvoiceId(r.get(0)?),
        customer_id: CustomerId(r.get(1)?),
        customer_name: r.get(2)?,
        data: InvoiceData {
            number: r.get(3)?,
            issue_date: get_date(r, 4)?,
            due_date: get_date(r, 5)?,
            due_date_set_by_hand: r.get::<_, i64>(6)? != 0,
            amount_excl_tax: Money::from_cents(r.get(7)?),
            tax_amount: Money::from_cents(r.get(8)?),
            total: Money::from_cents(r.get(9)?),
        },
        settled: Money::from_cents(r.get(10)?),
        cancelled: r.get::<_, Option<String>>(11)?.is_some(),
        cancel_reason: r.get(12)?,
    })
}

pub fn get(conn: &Conn, id: InvoiceId) -> Result<Option<Invoice>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM invoices i JOIN customers c ON c.id = i.customer_id WHERE i.id = ?1"
        ))?
        .query_row([id.0], from_row)
        .optional()?)
}

pub fn find_by_number(conn: &Conn, number: &str) -> Result<Option<Invoice>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM invoices i JOIN customers c ON c.id = i.customer_id WHERE i.number = ?1"
        ))?
        .query_row([number], from_row)
        .optional()?)
}

/// True when another document (invoice or credit note) already has this number.
pub fn number_taken(conn: &Conn, number: &str, except: Option<InvoiceId>) -> Result<bool> {
    let n: i64 = conn
        .prepare_cached(
            "SELECT (SELECT COUNT(*) FROM invoices WHERE number = ?1 AND id IS NOT ?2)
              + (SELECT COUNT(*) FROM payments WHERE kind = 'credit_note' AND reference = ?1)",
        )?
        .query_row(params![number, except.map(|i| i.0)], |r| r.get(0))?;
    Ok(n > 0)
}

pub fn insert(
    conn: &Conn,
    customer: CustomerId,
    d: &InvoiceData,
    currency: Currency,
    now: DateTime<Utc>,
) -> Result<InvoiceId> {
    conn.prepare_cached(
        "INSERT INTO invoices (customer_id, number, issue_date, due_date, due_date_set_by_hand, currency,
            amount_excl_tax_cents, tax_cents, total_cents, created_at, updated_at)
         VALUES (:customer, :number, :issue, :due, :by_hand, :currency, :excl, :tax, :total, :now, :now)",
    )?
    .execute(named_params! {
        ":customer": customer.0, ":number": d.number, ":issue": date_text(d.issue_date),
        ":due": date_text(d.due_date), ":by_hand": d.due_date_set_by_hand, ":currency": currency.code(),
        ":excl": d.amount_excl_tax.cents(), ":tax": d.tax_amount.cents(), ":total": d.total.cents(),
        ":now": timestamp(now),
    })?;
    Ok(InvoiceId(conn.last_insert_rowid()))
}

pub fn update(conn: &Conn, id: InvoiceId, customer: CustomerId, d: &InvoiceData, now: DateTime<Utc>) -> Result<()> {
    let n = conn.execute(
        "UPDATE invoices SET customer_id = :customer, number = :number, issue_date = :issue, due_date = :due,
            due_date_set_by_hand = :by_hand, amount_excl_tax_cents = :excl, tax_cents = :tax,
            total_cents = :total, updated_at = :now
         WHERE id = :id AND cancelled_at IS NULL",
        named_params! {
            ":id": id.0, ":customer": customer.0, ":number": d.number, ":issue": date_text(d.issue_date),
            ":due": date_text(d.due_date), ":by_hand": d.due_date_set_by_hand,
            ":excl": d.amount_excl_tax.cents(), ":tax": d.tax_amount.cents(), ":total": d.total.cents(),
            ":now": timestamp(now),
        },
    )?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

pub fn cancel(conn: &Conn, id: InvoiceId, reason: Option<&str>, now: DateTime<Utc>) -> Result<()> {
    let n = conn.execute(
        "UPDATE invoices SET cancelled_at = ?2, cancel_reason = ?3, updated_at = ?2
         WHERE id = ?1 AND cancelled_at IS NULL",
        params![id.0, timestamp(now), reason],
    )?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// The customer's invoices that still have something to pay.
pub fn open_for_customer(conn: &Conn, customer: CustomerId) -> Result<Vec<OpenInvoice>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, number, issue_date, due_date, total_cents - settled_cents FROM invoices
         WHERE customer_id = ?1 AND cancelled_at IS NULL AND settled_cents < total_cents
         ORDER BY due_date, issue_date, number",
    )?;
    let rows = stmt.query_map([customer.0], |r| {
        Ok(OpenInvoice {
            id: InvoiceId(r.get(0)?),
            number: r.get(1)?,
            issue_date: get_date(r, 2)?,
            due_date: get_date(r, 3)?,
            remaining: Money::from_cents(r.get(4)?),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Which invoices a list shows, by their status at the list's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFilter {
    All,
    /// Everything with something left to pay (open, partially paid, overdue).
    Unpaid,
    Open,
    PartiallyPaid,
    Overdue,
    Paid,
    Cancelled,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvoiceSort {
    Number,
    IssueDate,
    DueDate,
    Customer,
    Total,
    Remaining,
}

#[derive(Debug, Clone)]
pub struct InvoiceQuery {
    pub status: StatusFilter,
    pub customer: Option<CustomerId>,
    pub due_from: Option<NaiveDate>,
    pub due_to: Option<NaiveDate>,
    /// Part of the invoice number or of the customer's name.
    pub search: String,
    pub sort: InvoiceSort,
    pub descending: bool,
    pub page: Page,
}

/// One page of invoices, filtered, sorted and paged in SQL. The status is
/// the one at `as_of` (by the same rule as `InvoiceFacts::status`).
pub fn list(conn: &Conn, q: &InvoiceQuery, as_of: NaiveDate) -> Result<Paged<Invoice>> {
    let status = match q.status {
        StatusFilter::All => "1",
        StatusFilter::Unpaid => "i.cancelled_at IS NULL AND i.settled_cents < i.total_cents",
        StatusFilter::Open => {
            "i.cancelled_at IS NULL AND i.settled_cents = 0 AND i.due_date >= :as_of"
        }
        StatusFilter::PartiallyPaid => {
            "i.cancelled_at IS NULL AND i.settled_cents > 0 AND i.settled_cents < i.total_cents AND i.due_date >= :as_of"
        }
        StatusFilter::Overdue => "i.cancelled_at IS NULL AND i.settled_cents < i.total_cents AND i.due_date < :as_of",
        StatusFilter::Paid => "i.cancelled_at IS NULL AND i.settled_cents >= i.total_cents",
        StatusFilter::Cancelled => "i.cancelled_at IS NOT NULL",
    };
    let filter = format!(
        "{status}
         AND (:customer IS NULL OR i.customer_id = :customer)
         AND (:due_from IS NULL OR i.due_date >= :due_from)
         AND (:due_to IS NULL OR i.due_date <= :due_to)
         AND (:search = '%%' OR i.number LIKE :search ESCAPE '\\' OR c.search_key LIKE :search ESCAPE '\\')"
    );
    let dir = if q.descending { "DESC" } else { "ASC" };
    let order = match q.sort {
        InvoiceSort::Number => format!("i.number {dir}"),
        InvoiceSort::IssueDate => format!("i.issue_date {dir}, i.number {dir}"),
        InvoiceSort::DueDate => format!("i.due_date {dir}, i.number {dir}"),
        InvoiceSort::Customer => format!("c.search_key {dir}, i.due_date, i.number"),
        InvoiceSort::Total => format!("i.total_cents {dir}, i.number"),
        InvoiceSort::Remaining => format!("(i.total_cents - i.settled_cents) {dir}, i.number"),
    };
    let search = search_key::contains_pattern(&q.search);
    // `:as_of` is bound even when the status filter does not use it.
    let with_as_of = |sql: String| if sql.contains(":as_of") { sql } else { format!("{sql} AND :as_of IS NOT NULL") };
    let count_sql =
        with_as_of(format!("SELECT COUNT(*) FROM invoices i JOIN customers c ON c.id = i.customer_id WHERE {filter}"));
    let params = named_params! {
        ":as_of": date_text(as_of), ":customer": q.customer.map(|c| c.0),
        ":due_from": q.due_from.map(date_text), ":due_to": q.due_to.map(date_text), ":search": search,
    };
    let total_rows: i64 = conn.prepare_cached(&count_sql)?.query_row(params, |r| r.get(0))?;
    let sql =
        with_as_of(format!("SELECT {COLUMNS} FROM invoices i JOIN customers c ON c.id = i.customer_id WHERE {filter}"))
            + &format!(" ORDER BY {order} LIMIT {} OFFSET {}", q.page.limit(), q.page.offset());
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params, from_row)?;
    Ok(Paged { rows: rows.collect::<Result<_, _>>()?, total_rows: u64::try_from(total_rows).unwrap_or(0) })
}

/// An invoice with something left to pay at a past or present date.
#[derive(Debug, Clone)]
pub struct UnpaidAt {
    pub invoice: Invoice,
    /// Settled by payments and credit notes dated on or before the date.
    pub settled_at_date: Money,
}

/// Invoices issued on or before `as_of`, due before it, with something left
/// to pay counting only the payments dated on or before `as_of`. This is
/// the historical view (the lists use the current settled amount).
pub fn overdue_at(conn: &Conn, as_of: NaiveDate) -> Result<Vec<UnpaidAt>> {
    // What was settled at `as_of` is what is settled now less what was paid
    // after it. So only two kinds of invoice can be overdue then: those unpaid
    // now (a small partial index) and those touched by later payments (few,
    // found by date); the whole history of allocations is never summed.
    let mut stmt = conn.prepare_cached(&format!(
        "WITH later AS (
            SELECT a.invoice_id, SUM(a.amount_cents) AS amount
            FROM payments p INDEXED BY payments_by_date JOIN allocations a ON a.payment_id = p.id
            WHERE p.date > ?1
            GROUP BY a.invoice_id),
         candidates AS (
            SELECT id FROM invoices INDEXED BY invoices_unpaid_by_due_date
            WHERE cancelled_at IS NULL AND settled_cents < total_cents AND due_date < ?1
            UNION
            SELECT invoice_id FROM later)
         SELECT {COLUMNS}, i.settled_cents - COALESCE(l.amount, 0) AS settled_then
         FROM candidates k
         JOIN invoices i ON i.id = k.id
         JOIN customers c ON c.id = i.customer_id
         LEFT JOIN later l ON l.invoice_id = i.id
         WHERE i.cancelled_at IS NULL AND i.issue_date <= ?1 AND i.due_date < ?1
           AND i.settled_cents - COALESCE(l.amount, 0) < i.total_cents
         ORDER BY c.search_key, i.due_date, i.number"
    ))?;
    let rows = stmt.query_map([date_text(as_of)], |r| {
        Ok(UnpaidAt { invoice: from_row(r)?, settled_at_date: Money::from_cents(r.get(13)?) })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every invoice, cancelled ones too, by customer, issue date and number: the export's rows.
pub fn all(conn: &Conn) -> Result<Vec<Invoice>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM invoices i JOIN customers c ON c.id = i.customer_id
         ORDER BY c.search_key, i.issue_date, i.number"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}
