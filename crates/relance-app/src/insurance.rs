//! Credit insurance (issue 7): the declarations the agenda asks for before
//! the insurer's deadline passes, recording one, and a customer's cover.
//! The cover itself is saved with the customer form
//! (`customers::update_with_profile`, `ProfileInput::insurance`).

use chrono::NaiveDate;
use relance_domain::ids::{CustomerId, InvoiceId};
use relance_domain::insurance::{declaration, Declaration, Insurance, InsuredInvoice};
use relance_domain::validation::{Field, Problem};
use relance_domain::Money;
use relance_store::activity::{self, ActivityKind, Subject};
use relance_store::insurance::Declared;

use crate::{AppError, AppResult, Context};

/// A declaration the agenda asks for on a customer's card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclarationDue {
    pub customer: CustomerId,
    pub customer_name: String,
    pub invoice: InvoiceId,
    pub number: String,
    pub insurer: String,
    pub due_date: NaiveDate,
    /// What the invoice still owes.
    pub remaining: Money,
    pub declaration: Declaration,
}

/// The declarations to make at `as_of` (`relance_domain::insurance::declaration`),
/// the nearest deadline first (those passed first of all). A disputed, written-off
/// or planned invoice is asked like the others: the insurer's deadline runs.
pub fn due(ctx: &impl Context, as_of: NaiveDate) -> AppResult<Vec<DeclarationDue>> {
    let conn = ctx.store().conn();
    let covers = relance_store::insurance::all(conn)?;
    if covers.is_empty() {
        return Ok(Vec::new());
    }
    let mut names = std::collections::HashMap::new();
    let mut out = Vec::new();
    for i in relance_store::insurance::to_declare(conn, None)? {
        let Some(cover) = covers.get(&i.customer) else { continue };
        let facts = InsuredInvoice { due_date: i.due_date, remaining: i.remaining, declared: false };
        let Some(declaration) = declaration(cover, &facts, as_of) else { continue };
        let customer_name = match names.get(&i.customer) {
            Some(n) => String::clone(n),
            None => {
                let n = relance_store::customers::get(conn, i.customer)?.map(|c| c.data.name).unwrap_or_default();
                names.insert(i.customer, n.clone());
                n
            }
        };
        out.push(DeclarationDue {
            customer: i.customer,
            customer_name,
            invoice: i.invoice,
            number: i.number,
            insurer: cover.insurer.clone(),
            due_date: i.due_date,
            remaining: i.remaining,
            declaration,
        });
    }
    out.sort_by_key(|d| (d.declaration.deadline, d.invoice));
    Ok(out)
}

/// Records the invoice declared to its customer's insurer on `on`, in one
/// transaction with an `insurance_declared` entry on the customer's timeline.
/// Refused, nothing written: an unknown invoice; a cancelled or paid one; a
/// customer with no insurance; an invoice already declared; a date before the
/// invoice's due date (an invoice is declared once it is unpaid at its date).
pub fn declare(ctx: &mut impl Context, invoice: InvoiceId, on: NaiveDate) -> AppResult<Declared> {
    let now = ctx.clock().now();
    ctx.store_mut().write(|tx| {
        let inv = relance_store::invoices::get(tx, invoice)?.ok_or(AppError::NotFound("invoice"))?;
        if inv.cancelled {
            return Err(AppError::invalid(Field::Invoice, Problem::Cancelled));
        }
        let remaining = inv.data.total - inv.settled;
        if !remaining.is_positive() {
            return Err(AppError::invalid(Field::Invoice, Problem::AlreadySettled));
        }
        let cover: Insurance = relance_store::insurance::get(tx, inv.customer_id)?
            .ok_or_else(|| AppError::invalid(Field::Insurer, Problem::Required))?;
        if relance_store::insurance::declared(tx, invoice)?.is_some() {
            return Err(AppError::invalid(Field::Invoice, Problem::AlreadyUsed));
        }
        if on <= inv.data.due_date {
            return Err(AppError::invalid(Field::ActionDate, Problem::TooEarly));
        }
        relance_store::insurance::declare(tx, invoice, &cover.insurer, on, now)?;
        let deadline = cover.deadline(inv.data.due_date);
        activity::record(
            tx,
            now,
            ActivityKind::InsuranceDeclared,
            Subject { customer: Some(inv.customer_id), invoice: Some(invoice), ..Default::default() },
            &[
                ("number", inv.data.number.clone()),
                ("insurer", cover.insurer.clone()),
                ("amount", remaining.to_string()),
                ("declared_on", on.to_string()),
                ("deadline", deadline.to_string()),
                ("late", if on > deadline { "1" } else { "0" }.to_string()),
            ],
        )?;
        relance_store::insurance::declared(tx, invoice)?.ok_or(AppError::NotFound("declaration"))
    })
}

/// A customer's credit insurance as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cover {
    /// `None`: not insured.
    pub insurance: Option<Insurance>,
    /// What of the customer's debt (« reste dû ») is above the covered amount;
    /// `None` when not insured or the covered amount is not known.
    pub uncovered: Option<Money>,
    /// Declared invoices, the latest first (kept after the cover is removed).
    pub declared: Vec<Declared>,
}

/// The customer's cover against `exposure`, what it owes.
pub fn cover(ctx: &impl Context, customer: CustomerId, exposure: Money) -> AppResult<Cover> {
    let conn = ctx.store().conn();
    let insurance = relance_store::insurance::get(conn, customer)?;
    Ok(Cover {
        uncovered: insurance.as_ref().and_then(|i| i.uncovered(exposure)),
        insurance,
        declared: relance_store::insurance::declared_for_customer(conn, customer)?,
    })
}

/// The part of `after` (what the customer would owe with a new invoice) above
/// its covered amount, with the insurer: `None` when not insured, the covered
/// amount is not known, or `after` stays within it. Credit control says it.
pub fn above_cover(ctx: &impl Context, customer: CustomerId, after: Money) -> AppResult<Option<(Insurance, Money)>> {
    let Some(cover) = relance_store::insurance::get(ctx.store().conn(), customer)? else { return Ok(None) };
    Ok(cover.uncovered(after).filter(|m| m.is_positive()).map(|above| (cover, above)))
}
