//! Invoices: create, edit, cancel, list with their status.

use relance_domain::company::Language;
use relance_domain::ids::{CustomerId, InvoiceId};
use relance_domain::invoice::InvoiceInput;
use relance_domain::risk::CreditDecision;
use relance_domain::status::InvoiceStatus;
use relance_domain::validation::{Field, Problem, Validation};
use relance_domain::Money;
use relance_store::activity::{self, ActivityKind, Subject};
use relance_store::invoices::{Invoice, InvoiceQuery, InvoiceSort, StatusFilter};
use relance_store::{Page, Paged};

use crate::customers::{require_active, terms_for};
use crate::{AppError, AppResult, Context};

/// An invoice with its status and what is left to pay, at today's date.
#[derive(Debug, Clone)]
pub struct InvoiceLine {
    pub invoice: Invoice,
    pub status: InvoiceStatus,
    pub remaining: Money,
}

impl InvoiceLine {
    fn at(invoice: Invoice, today: chrono::NaiveDate) -> InvoiceLine {
        let facts = invoice.facts();
        InvoiceLine { status: facts.status(today), remaining: facts.remaining(), invoice }
    }
}

pub fn create(ctx: &mut impl Context, customer: CustomerId, input: &InvoiceInput) -> AppResult<InvoiceId> {
    create_deciding(ctx, customer, input, None)
}

/// Credit control for the invoice about to be created: the check when it
/// warns, `None` when there is nothing to warn about or the form is not valid
/// yet (saving will say why).
pub fn credit_warning(
    ctx: &impl Context,
    customer: CustomerId,
    input: &InvoiceInput,
) -> AppResult<Option<relance_domain::risk::CreditCheck>> {
    let Ok(cust) = require_active(ctx.store().conn(), customer) else { return Ok(None) };
    let terms = terms_for(ctx, &cust.data)?;
    let Ok(data) = input.validate(terms) else { return Ok(None) };
    Ok(Some(crate::risk::credit(ctx, customer, data.total)?).filter(|c| c.warns()))
}

/// [`create`], with what the user decided when credit control warned (the
/// invoice takes the customer above its limit, or the customer is at risk):
/// the decision goes into the customer's history in the same transaction,
/// with the figures the user saw.
pub fn create_deciding(
    ctx: &mut impl Context,
    customer: CustomerId,
    input: &InvoiceInput,
    decision: Option<CreditDecision>,
) -> AppResult<InvoiceId> {
    let now = ctx.clock().now();
    let currency = crate::company::get(ctx, Language::Fr)?.currency;
    // The due date follows the customer's terms, so the customer is read first.
    let cust = require_active(ctx.store().conn(), customer);
    let terms = match &cust {
        Ok(c) => terms_for(ctx, &c.data)?,
        Err(_) => relance_domain::terms::PaymentTerms::OnReceipt,
    };
    let data = collect(cust.map(|_| ()), input.validate(terms))?;
    // The check is made again here, on the books as they are when saving: the
    // decision is kept only when there was something to decide.
    let check = match decision {
        Some(_) => Some(crate::risk::credit(ctx, customer, data.total)?).filter(|c| c.warns()),
        None => None,
    };
    ctx.store_mut().write(|tx| {
        if relance_store::invoices::number_taken(tx, &data.number, None)? {
            return Err(AppError::invalid(Field::InvoiceNumber, Problem::Duplicate));
        }
        let id = relance_store::invoices::insert(tx, customer, &data, currency, now)?;
        activity::record(
            tx,
            now,
            ActivityKind::InvoiceCreated,
            Subject { customer: Some(customer), invoice: Some(id), payment: None },
            &[
                ("number", data.number.clone()),
                ("total", data.total.to_string()),
                ("due_date", data.due_date.to_string()),
            ],
        )?;
        if let Some(check) = &check {
            let mut details = vec![
                ("number", data.number.clone()),
                ("decision", decision.map_or("accepted", |d| d.code()).to_string()),
                ("after", check.after.to_string()),
                ("score", check.score.to_string()),
                ("at_risk", check.at_risk.to_string()),
            ];
            if let (true, Some(limit)) = (check.over_limit, check.limit) {
                details.push(("limit", limit.to_string()));
            }
            activity::record(
                tx,
                now,
                ActivityKind::CreditDecision,
                Subject { customer: Some(customer), invoice: Some(id), payment: None },
                &details,
            )?;
        }
        Ok(id)
    })
}

/// Merges a problem with the customer into the form's own problems, so the
/// user sees every problem at once.
fn collect<T>(customer: AppResult<()>, form: Result<T, Validation>) -> AppResult<T> {
    match (customer, form) {
        (Ok(()), Ok(v)) => Ok(v),
        (Ok(()), Err(v)) => Err(AppError::Invalid(v)),
        (Err(AppError::Invalid(mut c)), Err(v)) => {
            c.issues.extend(v.issues);
            Err(AppError::Invalid(c))
        }
        (Err(e), _) => Err(e),
    }
}

/// Edits an invoice that is not cancelled. Its total may not go below what
/// has already been paid on it.
pub fn update(ctx: &mut impl Context, id: InvoiceId, customer: CustomerId, input: &InvoiceInput) -> AppResult<()> {
    let now = ctx.clock().now();
    let existing = relance_store::invoices::get(ctx.store().conn(), id)?.ok_or(AppError::NotFound("invoice"))?;
    if existing.cancelled {
        return Err(AppError::invalid(Field::Invoice, Problem::Cancelled));
    }
    if existing.settled.is_positive() && customer != existing.customer_id {
        return Err(AppError::invalid(Field::Customer, Problem::AlreadySettled));
    }
    let cust = require_active(ctx.store().conn(), customer);
    let terms = match &cust {
        Ok(c) => terms_for(ctx, &c.data)?,
        Err(_) => relance_domain::terms::PaymentTerms::OnReceipt,
    };
    let data = collect(cust.map(|_| ()), input.validate(terms))?;
    if data.total < existing.settled {
        return Err(AppError::invalid(Field::Total, Problem::ExceedsDue { remaining: existing.settled.to_string() }));
    }
    ctx.store_mut().write(|tx| {
        if relance_store::invoices::number_taken(tx, &data.number, Some(id))? {
            return Err(AppError::invalid(Field::InvoiceNumber, Problem::Duplicate));
        }
        relance_store::invoices::update(tx, id, customer, &data, now)?;
        activity::record(
            tx,
            now,
            ActivityKind::InvoiceUpdated,
            Subject { customer: Some(customer), invoice: Some(id), payment: None },
            &[
                ("number", data.number.clone()),
                ("total", data.total.to_string()),
                ("due_date", data.due_date.to_string()),
            ],
        )?;
        Ok(())
    })
}

/// Cancels an issued invoice (it is kept, never deleted). An invoice with
/// payments on it is not cancelled: a credit note settles it instead.
pub fn cancel(ctx: &mut impl Context, id: InvoiceId, reason: &str) -> AppResult<()> {
    let now = ctx.clock().now();
    let reason = relance_domain::validation::optional_text(Field::Notes, reason, 500)
        .map_err(|i| AppError::Invalid(Validation { issues: vec![i] }))?;
    ctx.store_mut().write(|tx| {
        let inv = relance_store::invoices::get(tx, id)?.ok_or(AppError::NotFound("invoice"))?;
        if inv.cancelled {
            return Err(AppError::invalid(Field::Invoice, Problem::Cancelled));
        }
        if inv.settled.is_positive() {
            return Err(AppError::invalid(Field::Invoice, Problem::AlreadySettled));
        }
        // A running plan counts on what its invoices owed: cancelling one
        // would leave the plan unable to complete. The user renegotiates the
        // plan without it first (a defaulted or replaced plan no longer counts).
        if let Some(plan) = relance_store::plans::running_for_invoice(tx, id)? {
            return Err(AppError::invalid(Field::Invoice, Problem::InPlan { plan: plan.0 }));
        }
        relance_store::invoices::cancel(tx, id, reason.as_deref(), now)?;
        activity::record(
            tx,
            now,
            ActivityKind::InvoiceCancelled,
            Subject { customer: Some(inv.customer_id), invoice: Some(id), payment: None },
            &[("number", inv.data.number.clone()), ("reason", reason.clone().unwrap_or_default())],
        )?;
        Ok(())
    })
}

pub fn get(ctx: &impl Context, id: InvoiceId) -> AppResult<InvoiceLine> {
    let inv = relance_store::invoices::get(ctx.store().conn(), id)?.ok_or(AppError::NotFound("invoice"))?;
    Ok(InvoiceLine::at(inv, ctx.clock().today()))
}

/// The invoice with this number, if any.
pub fn find_by_number(ctx: &impl Context, number: &str) -> AppResult<Option<InvoiceId>> {
    Ok(relance_store::invoices::find_by_number(ctx.store().conn(), number.trim())?.map(|i| i.id))
}

pub fn list(ctx: &impl Context, query: &InvoiceQuery) -> AppResult<Paged<InvoiceLine>> {
    let today = ctx.clock().today();
    let page = relance_store::invoices::list(ctx.store().conn(), query, today)?;
    Ok(Paged { total_rows: page.total_rows, rows: page.rows.into_iter().map(|i| InvoiceLine::at(i, today)).collect() })
}

/// The customer's invoices with something left to pay, oldest due first.
pub fn unpaid_for_customer(ctx: &impl Context, customer: CustomerId) -> AppResult<Vec<InvoiceLine>> {
    let q = InvoiceQuery {
        status: StatusFilter::Unpaid,
        customer: Some(customer),
        due_from: None,
        due_to: None,
        search: String::new(),
        sort: InvoiceSort::DueDate,
        descending: false,
        page: Page { size: relance_store::MAX_PAGE_SIZE, index: 0 },
    };
    Ok(list(ctx, &q)?.rows)
}
