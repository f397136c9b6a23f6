//! Customers: create, edit, archive, list, and the customer's page.

use relance_domain::company::Language;
use relance_domain::customer::{CustomerData, CustomerInput};
use relance_domain::ids::CustomerId;
use relance_domain::terms::{PaymentTerms, TermsWarning};
use relance_domain::validation::{Field, Problem};
use relance_store::activity::{self, ActivityKind, ActivityRow, Subject};
use relance_store::customers::{Balance, Customer, CustomerQuery, CustomerRow};
use relance_store::payments::PaymentRow;
use relance_store::Paged;

use crate::invoices::InvoiceLine;
use crate::{AppError, AppResult, Context};

/// How many payments and timeline entries the customer's page shows.
const DETAIL_HISTORY: u32 = 100;

/// A saved customer and the warning its terms deserve, if any.
#[derive(Debug, Clone)]
pub struct Saved {
    pub id: CustomerId,
    pub terms_warning: Option<TermsWarning>,
}

fn default_terms(ctx: &impl Context) -> AppResult<PaymentTerms> {
    Ok(crate::company::get(ctx, Language::Fr)?.default_terms)
}

pub fn create(ctx: &mut impl Context, input: &CustomerInput) -> AppResult<Saved> {
    let data = input.validate()?;
    let warning = data.terms_warning(default_terms(ctx)?);
    let now = ctx.clock().now();
    let id = ctx.store_mut().write(|tx| {
        let id = relance_store::customers::insert(tx, &data, now)?;
        activity::record(
            tx,
            now,
            ActivityKind::CustomerCreated,
            Subject { customer: Some(id), ..Default::default() },
            &[("name", data.name.clone())],
        )?;
        AppResult::Ok(id)
    })?;
    Ok(Saved { id, terms_warning: warning })
}

pub fn update(ctx: &mut impl Context, id: CustomerId, input: &CustomerInput) -> AppResult<Saved> {
    let data = input.validate()?;
    let warning = data.terms_warning(default_terms(ctx)?);
    let now = ctx.clock().now();
    ctx.store_mut().write(|tx| {
        if relance_store::customers::get(tx, id)?.is_none() {
            return Err(AppError::NotFound("customer"));
        }
        relance_store::customers::update(tx, id, &data, now)?;
        activity::record(
            tx,
            now,
            ActivityKind::CustomerUpdated,
            Subject { customer: Some(id), ..Default::default() },
            &[("name", data.name.clone())],
        )?;
        Ok(())
    })?;
    Ok(Saved { id, terms_warning: warning })
}

/// Archiving hides a customer from lists; nothing is deleted.
pub fn set_archived(ctx: &mut impl Context, id: CustomerId, archived: bool) -> AppResult<()> {
    let now = ctx.clock().now();
    ctx.store_mut().write(|tx| {
        let Some(c) = relance_store::customers::get(tx, id)? else {
            return Err(AppError::NotFound("customer"));
        };
        relance_store::customers::set_archived(tx, id, archived, now)?;
        let kind = if archived { ActivityKind::CustomerArchived } else { ActivityKind::CustomerRestored };
        activity::record(
            tx,
            now,
            kind,
            Subject { customer: Some(id), ..Default::default() },
            &[("name", c.data.name)],
        )?;
        Ok(())
    })
}

pub fn list(ctx: &impl Context, query: &CustomerQuery) -> AppResult<Paged<CustomerRow>> {
    Ok(relance_store::customers::list(ctx.store().conn(), query, ctx.clock().today())?)
}

/// Everything the customer's page shows.
#[derive(Debug, Clone)]
pub struct CustomerDetail {
    pub customer: Customer,
    /// The terms that apply (the customer's own or the company's default).
    pub effective_terms: PaymentTerms,
    pub terms_warning: Option<TermsWarning>,
    pub balance: Balance,
    pub open_invoices: Vec<InvoiceLine>,
    pub payments: Vec<PaymentRow>,
    pub timeline: Vec<ActivityRow>,
}

pub fn detail(ctx: &impl Context, id: CustomerId) -> AppResult<CustomerDetail> {
    let conn = ctx.store().conn();
    let today = ctx.clock().today();
    let customer = relance_store::customers::get(conn, id)?.ok_or(AppError::NotFound("customer"))?;
    let company_terms = default_terms(ctx)?;
    let open_invoices = crate::invoices::unpaid_for_customer(ctx, id)?;
    Ok(CustomerDetail {
        effective_terms: customer.data.terms.unwrap_or(company_terms),
        terms_warning: customer.data.terms_warning(company_terms),
        balance: relance_store::customers::balance(conn, id, today)?,
        open_invoices,
        payments: relance_store::payments::for_customer(conn, id, DETAIL_HISTORY)?,
        timeline: activity::for_customer(conn, id, DETAIL_HISTORY)?,
        customer,
    })
}

/// The customer an invoice or payment is for: it must exist and not be archived.
pub(crate) fn require_active(conn: &relance_store::Conn, id: CustomerId) -> AppResult<Customer> {
    match relance_store::customers::get(conn, id)? {
        None => Err(AppError::invalid(Field::Customer, Problem::Unknown)),
        Some(c) if c.archived => Err(AppError::invalid(Field::Customer, Problem::Archived)),
        Some(c) => Ok(c),
    }
}

/// The terms an invoice of this customer gets by default.
pub(crate) fn terms_for(ctx: &impl Context, data: &CustomerData) -> AppResult<PaymentTerms> {
    Ok(data.terms.unwrap_or(default_terms(ctx)?))
}
