//! Customers and their balances.

use chrono::{DateTime, NaiveDate, Utc};
use relance_domain::company::Address;
use relance_domain::customer::{CustomerData, CustomerKind};
use relance_domain::ids::CustomerId;
use relance_domain::terms::PaymentTerms;
use relance_domain::validation::Field;
use relance_domain::Money;
use rusqlite::{named_params, params, OptionalExtension, Row};

use crate::{date_text, search_key, timestamp, Conn, Page, Paged, Result, StoreError};

/// A stored customer.
#[derive(Debug, Clone)]
pub struct Customer {
    pub id: CustomerId,
    pub data: CustomerData,
    pub archived: bool,
}

const COLUMNS: &str = "id, kind, name, siren, siret, vat_number, contact_name, email, phone, address_line1,
    address_line2, postal_code, city, country, terms, credit_limit_cents, notes, archived";

fn from_row(r: &Row<'_>) -> rusqlite::Result<(Customer, String, Option<String>)> {
    let kind: String = r.get(1)?;
    let terms: Option<String> = r.get(14)?;
    let c = Customer {
        id: CustomerId(r.get(0)?),
        archived: r.get::<_, i64>(17)? != 0,
        data: CustomerData {
            kind: CustomerKind::from_code(&kind).unwrap_or(CustomerKind::Business),
            name: r.get(2)?,
            siren: r.get(3)?,
            siret: r.get(4)?,
            vat_number: r.get(5)?,
            contact_name: r.get(6)?,
            email: r.get(7)?,
            phone: r.get(8)?,
            address: Address {
                line1: r.get(9)?,
                line2: r.get(10)?,
                postal_code: r.get(11)?,
                city: r.get(12)?,
                country: r.get(13)?,
            },
            terms: None,
            credit_limit: r.get::<_, Option<i64>>(15)?.map(Money::from_cents),
            notes: r.get(16)?,
        },
    };
    Ok((c, kind, terms))
}

fn finish((mut c, kind, terms): (Customer, String, Option<String>)) -> Result<Customer> {
    if CustomerKind::from_code(&kind).is_none() {
        return Err(StoreError::Corrupt(format!("customer kind {kind:?}")));
    }
    c.data.terms = match terms {
        None => None,
        Some(t) => {
            Some(PaymentTerms::parse(Field::Terms, &t).map_err(|_| StoreError::Corrupt(format!("terms {t:?}")))?)
        }
    };
    Ok(c)
}

pub fn get(conn: &Conn, id: CustomerId) -> Result<Option<Customer>> {
    let row = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM customers WHERE id = ?1"))?
        .query_row([id.0], from_row)
        .optional()?;
    row.map(finish).transpose()
}

pub fn insert(conn: &Conn, c: &CustomerData, now: DateTime<Utc>) -> Result<CustomerId> {
    conn.prepare_cached(
        "INSERT INTO customers (kind, name, search_key, siren, siret, vat_number, contact_name, email, phone,
            address_line1, address_line2, postal_code, city, country, terms, credit_limit_cents, notes,
            archived, created_at, updated_at)
         VALUES (:kind, :name, :key, :siren, :siret, :vat, :contact, :email, :phone, :l1, :l2, :pc, :city,
            :country, :terms, :limit, :notes, 0, :now, :now)",
    )?
    .execute(named_params! {
        ":kind": c.kind.code(), ":name": c.name, ":key": search_key::fold(&c.name), ":siren": c.siren,
        ":siret": c.siret, ":vat": c.vat_number, ":contact": c.contact_name, ":email": c.email,
        ":phone": c.phone, ":l1": c.address.line1, ":l2": c.address.line2, ":pc": c.address.postal_code,
        ":city": c.address.city, ":country": c.address.country, ":terms": c.terms.map(|t| t.code()),
        ":limit": c.credit_limit.map(|m| m.cents()), ":notes": c.notes, ":now": timestamp(now),
    })?;
    Ok(CustomerId(conn.last_insert_rowid()))
}

pub fn update(conn: &Conn, id: CustomerId, c: &CustomerData, now: DateTime<Utc>) -> Result<()> {
    let n = conn.execute(
        "UPDATE customers SET kind = :kind, name = :name, search_key = :key, siren = :siren, siret = :siret,
            vat_number = :vat, contact_name = :contact, email = :email, phone = :phone, address_line1 = :l1,
            address_line2 = :l2, postal_code = :pc, city = :city, country = :country, terms = :terms,
            credit_limit_cents = :limit, notes = :notes, updated_at = :now
         WHERE id = :id",
        named_params! {
            ":id": id.0, ":kind": c.kind.code(), ":name": c.name, ":key": search_key::fold(&c.name),
            ":siren": c.siren, ":siret": c.siret, ":vat": c.vat_number, ":contact": c.contact_name,
            ":email": c.email, ":phone": c.phone, ":l1": c.address.line1, ":l2": c.address.line2,
            ":pc": c.address.postal_code, ":city": c.address.city, ":country": c.address.country,
            ":terms": c.terms.map(|t| t.code()), ":limit": c.credit_limit.map(|m| m.cents()),
            ":notes": c.notes, ":now": timestamp(now),
        },
    )?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

pub fn set_archived(conn: &Conn, id: CustomerId, archived: bool, now: DateTime<Utc>) -> Result<()> {
    let n = conn.execute(
        "UPDATE customers SET archived = ?2, updated_at = ?3 WHERE id = ?1",
        params![id.0, i64::from(archived), timestamp(now)],
    )?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// What a customer owes at a date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Balance {
    /// Left to pay on invoices (not cancelled).
    pub outstanding: Money,
    /// The part of `outstanding` past its due date.
    pub overdue: Money,
    /// Money received and not yet allocated (overpayments, credit notes).
    pub credit: Money,
    pub open_invoices: u32,
    pub overdue_invoices: u32,
}

pub fn balance(conn: &Conn, id: CustomerId, as_of: NaiveDate) -> Result<Balance> {
    let (outstanding, overdue, open, late): (i64, i64, i64, i64) = conn
        .prepare_cached(
            "SELECT COALESCE(SUM(total_cents - settled_cents), 0),
                    COALESCE(SUM(CASE WHEN due_date < ?2 THEN total_cents - settled_cents ELSE 0 END), 0),
                    COUNT(*),
                    COALESCE(SUM(due_date < ?2), 0)
             FROM invoices
             WHERE customer_id = ?1 AND cancelled_at IS NULL AND settled_cents < total_cents",
        )?
        .query_row(params![id.0, date_text(as_of)], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    let credit = credit(conn, id)?;
    Ok(Balance {
        outstanding: Money::from_cents(outstanding),
        overdue: Money::from_cents(overdue),
        credit,
        open_invoices: u32::try_from(open).unwrap_or(u32::MAX),
        overdue_invoices: u32::try_from(late).unwrap_or(u32::MAX),
    })
}

/// Money received from the customer that is not allocated to any invoice.
pub fn credit(conn: &Conn, id: CustomerId) -> Result<Money> {
    let cents: i64 = conn
        .prepare_cached(
            "SELECT COALESCE((SELECT SUM(amount_cents) FROM payments WHERE customer_id = ?1), 0)
                  - COALESCE((SELECT SUM(a.amount_cents) FROM allocations a JOIN payments p ON p.id = a.payment_id
                              WHERE p.customer_id = ?1), 0)",
        )?
        .query_row([id.0], |r| r.get(0))?;
    Ok(Money::from_cents(cents))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CustomerSort {
    Name,
    Outstanding,
    Overdue,
}

#[derive(Debug, Clone)]
pub struct CustomerQuery {
    pub search: String,
    pub include_archived: bool,
    pub sort: CustomerSort,
    pub descending: bool,
    pub page: Page,
}

/// A line of the customer list.
#[derive(Debug, Clone)]
pub struct CustomerRow {
    pub id: CustomerId,
    pub name: String,
    pub kind: CustomerKind,
    pub city: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub archived: bool,
    pub outstanding: Money,
    pub overdue: Money,
    pub open_invoices: u32,
}

/// One page of customers, searched, sorted and paged in SQL.
pub fn list(conn: &Conn, q: &CustomerQuery, as_of: NaiveDate) -> Result<Paged<CustomerRow>> {
    let pattern = search_key::contains_pattern(&q.search);
    let filter = "(:archived = 1 OR c.archived = 0) AND c.search_key LIKE :pattern ESCAPE '\\'";
    let total_rows: i64 = conn
        .prepare_cached(&format!("SELECT COUNT(*) FROM customers c WHERE {filter}"))?
        .query_row(named_params! { ":archived": q.include_archived, ":pattern": pattern }, |r| r.get(0))?;
    let dir = if q.descending { "DESC" } else { "ASC" };
    // Sorting by name needs balances for the page only; sorting by amount
    // aggregates the unpaid invoices once (the partial index keeps it small).
    let order = match q.sort {
        CustomerSort::Name => format!("c.search_key {dir}, c.id"),
        CustomerSort::Outstanding => format!("outstanding {dir}, c.search_key, c.id"),
        CustomerSort::Overdue => format!("overdue {dir}, c.search_key, c.id"),
    };
    let sql = format!(
        "WITH unpaid AS (
            SELECT customer_id,
                   SUM(total_cents - settled_cents) AS outstanding,
                   SUM(CASE WHEN due_date < :as_of THEN total_cents - settled_cents ELSE 0 END) AS overdue,
                   COUNT(*) AS n
            FROM invoices INDEXED BY invoices_unpaid_by_customer
            WHERE cancelled_at IS NULL AND settled_cents < total_cents
            GROUP BY customer_id)
         SELECT c.id, c.name, c.kind, c.city, c.email, c.phone, c.archived,
                COALESCE(u.outstanding, 0) AS outstanding, COALESCE(u.overdue, 0) AS overdue, COALESCE(u.n, 0)
         FROM customers c LEFT JOIN unpaid u ON u.customer_id = c.id
         WHERE {filter}
         ORDER BY {order}
         LIMIT :limit OFFSET :offset"
    );
    let sql = if q.sort == CustomerSort::Name { name_sorted_sql(filter, &order) } else { sql };
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(
        named_params! {
            ":as_of": date_text(as_of), ":archived": q.include_archived, ":pattern": pattern,
            ":limit": q.page.limit(), ":offset": q.page.offset(),
        },
        |r| {
            let kind: String = r.get(2)?;
            Ok(CustomerRow {
                id: CustomerId(r.get(0)?),
                name: r.get(1)?,
                kind: CustomerKind::from_code(&kind).unwrap_or(CustomerKind::Business),
                city: r.get(3)?,
                email: r.get(4)?,
                phone: r.get(5)?,
                archived: r.get::<_, i64>(6)? != 0,
                outstanding: Money::from_cents(r.get(7)?),
                overdue: Money::from_cents(r.get(8)?),
                open_invoices: u32::try_from(r.get::<_, i64>(9)?).unwrap_or(u32::MAX),
            })
        },
    )?;
    Ok(Paged { rows: rows.collect::<Result<_, _>>()?, total_rows: u64::try_from(total_rows).unwrap_or(0) })
}

/// Name order: page the customers first, then sum only their invoices.
fn name_sorted_sql(filter: &str, order: &str) -> String {
    format!(
        "WITH page AS (
            SELECT c.* FROM customers c WHERE {filter} ORDER BY {order} LIMIT :limit OFFSET :offset)
         SELECT c.id, c.name, c.kind, c.city, c.email, c.phone, c.archived,
                COALESCE(SUM(i.total_cents - i.settled_cents), 0),
                COALESCE(SUM(CASE WHEN i.due_date < :as_of THEN i.total_cents - i.settled_cents ELSE 0 END), 0),
                COUNT(i.id)
         FROM page c
         LEFT JOIN invoices i ON i.customer_id = c.id AND i.cancelled_at IS NULL AND i.settled_cents < i.total_cents
         GROUP BY c.id
         ORDER BY {order}"
    )
}

/// Every customer's id by its exact name (the first one when two share a
/// name), for an import that matches customers by name.
pub fn ids_by_name(conn: &Conn) -> Result<std::collections::HashMap<String, CustomerId>> {
    let mut stmt = conn.prepare("SELECT name, id FROM customers ORDER BY id DESC")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, CustomerId(r.get(1)?))))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// Every customer, archived ones too, by name then id: the export's rows.
pub fn all(conn: &Conn) -> Result<Vec<Customer>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM customers ORDER BY search_key, id"))?;
    let rows: Vec<_> = stmt.query_map([], from_row)?.collect::<std::result::Result<_, _>>()?;
    rows.into_iter().map(finish).collect()
}
