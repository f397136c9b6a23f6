//! The Today screen's question: who owes what is overdue or due soon?

use chrono::NaiveDate;
use relance_domain::ids::{CustomerId, InvoiceId};
use relance_domain::Money;
use rusqlite::named_params;

use crate::{date_text, get_date, Conn, Page, Result};

#[derive(Debug, Clone)]
pub struct TodayInvoice {
    pub id: InvoiceId,
    pub number: String,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub total: Money,
    pub remaining: Money,
}

/// One customer's overdue and soon-due invoices.
#[derive(Debug, Clone)]
pub struct TodayGroup {
    pub customer_id: CustomerId,
    pub customer_name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub overdue: Money,
    pub due_soon: Money,
    pub oldest_due_date: NaiveDate,
    /// All the customer's invoices overdue or due soon.
    pub invoice_count: u32,
    /// The oldest of them, at most `INVOICES_PER_GROUP`.
    pub invoices: Vec<TodayInvoice>,
}

/// How many invoices a customer's card lists on Today; the customer's page
/// has the rest. Keeps the screen scannable and quick to draw.
pub const INVOICES_PER_GROUP: u32 = 5;

#[derive(Debug, Clone)]
pub struct Today {
    pub groups: Vec<TodayGroup>,
    /// Customers with something overdue or due soon (all pages).
    pub customers: u64,
    /// All that is left to pay on every invoice.
    pub total_outstanding: Money,
    pub total_overdue: Money,
    pub total_due_soon: Money,
}

/// Customers with invoices overdue at `as_of` or due up to `horizon`,
/// the largest overdue amount first, one page of customers at a time.
pub fn today(conn: &Conn, as_of: NaiveDate, horizon: NaiveDate, page: Page) -> Result<Today> {
    let p = named_params! {":as_of": date_text(as_of), ":horizon": date_text(horizon)};
    // Both queries read only the covering partial index of unpaid invoices,
    // grouped by customer as it is ordered (no table access, no temporary tree).
    let (total_outstanding, total_overdue, total_due_soon, customers): (i64, i64, i64, i64) = conn
        .prepare_cached(
            "SELECT COALESCE(SUM(outstanding), 0), COALESCE(SUM(overdue), 0), COALESCE(SUM(due_soon), 0),
                    COUNT(oldest_to_watch)
             FROM (SELECT SUM(total_cents - settled_cents) AS outstanding,
                          SUM(CASE WHEN due_date < :as_of THEN total_cents - settled_cents ELSE 0 END) AS overdue,
                          SUM(CASE WHEN due_date >= :as_of AND due_date <= :horizon
                                   THEN total_cents - settled_cents ELSE 0 END) AS due_soon,
                          MIN(CASE WHEN due_date <= :horizon THEN due_date END) AS oldest_to_watch
                   FROM invoices INDEXED BY invoices_unpaid_by_customer
                   WHERE cancelled_at IS NULL AND settled_cents < total_cents
                   GROUP BY customer_id)",
        )?
        .query_row(p, |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    // Customers are joined after grouping: one lookup per customer, not per invoice.
    let mut stmt = conn.prepare_cached(
        "WITH g AS (
            SELECT customer_id,
                   SUM(CASE WHEN due_date < :as_of THEN total_cents - settled_cents ELSE 0 END) AS overdue,
                   SUM(CASE WHEN due_date >= :as_of THEN total_cents - settled_cents ELSE 0 END) AS due_soon,
                   MIN(due_date) AS oldest,
                   COUNT(*) AS n
            FROM invoices INDEXED BY invoices_unpaid_by_customer
            WHERE cancelled_at IS NULL AND settled_cents < total_cents AND due_date <= :horizon
            GROUP BY customer_id)
         SELECT g.customer_id, c.name, c.phone, c.email, g.overdue, g.due_soon, g.oldest, g.n
         FROM g JOIN customers c ON c.id = g.customer_id
         ORDER BY g.overdue DESC, g.oldest, c.search_key, g.customer_id
         LIMIT :limit OFFSET :offset",
    )?;
    let heads = stmt.query_map(
        named_params! {":as_of": date_text(as_of), ":horizon": date_text(horizon),
        ":limit": page.limit(), ":offset": page.offset()},
        |r| {
            Ok(TodayGroup {
                customer_id: CustomerId(r.get(0)?),
                customer_name: r.get(1)?,
                phone: r.get(2)?,
                email: r.get(3)?,
                overdue: Money::from_cents(r.get(4)?),
                due_soon: Money::from_cents(r.get(5)?),
                oldest_due_date: get_date(r, 6)?,
                invoice_count: u32::try_from(r.get::<_, i64>(7)?).unwrap_or(u32::MAX),
                invoices: Vec::new(),
            })
        },
    )?;
    let mut groups: Vec<TodayGroup> = heads.collect::<Result<_, _>>()?;
    let mut inv_stmt = conn.prepare_cached(
        "SELECT id, number, issue_date, due_date, total_cents, total_cents - settled_cents
         FROM invoices INDEXED BY invoices_unpaid_by_customer
         WHERE customer_id = :customer AND cancelled_at IS NULL AND settled_cents < total_cents
           AND due_date <= :horizon
         ORDER BY due_date, number
         LIMIT :per_group",
    )?;
    for g in &mut groups {
        let args = named_params! {":customer": g.customer_id.0, ":horizon": date_text(horizon),
        ":per_group": INVOICES_PER_GROUP};
        let rows = inv_stmt.query_map(args, |r| {
            Ok(TodayInvoice {
                id: InvoiceId(r.get(0)?),
                number: r.get(1)?,
                issue_date: get_date(r, 2)?,
                due_date: get_date(r, 3)?,
                total: Money::from_cents(r.get(4)?),
                remaining: Money::from_cents(r.get(5)?),
            })
        })?;
        g.invoices = rows.collect::<Result<_, _>>()?;
    }
    Ok(Today {
        groups,
        customers: u64::try_from(customers).unwrap_or(0),
        total_outstanding: Money::from_cents(total_outstanding),
        total_overdue: Money::from_cents(total_overdue),
        total_due_soon: Money::from_cents(total_due_soon),
    })
}
