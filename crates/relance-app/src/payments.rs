//! Payments and credit notes, allocated to invoices in the same transaction.

use relance_domain::allocation::{allocate_as_chosen, allocate_oldest_first, AllocationLine, AllocationPlan};
use relance_domain::company::Language;
use relance_domain::ids::{CustomerId, InvoiceId, PaymentId};
use relance_domain::invoice::CreditNoteInput;
use relance_domain::payment::PaymentInput;
use relance_domain::validation::{Field, Problem, Validation};
use relance_domain::Money;
use relance_store::activity::{self, ActivityKind, Subject};
use relance_store::payments::Receipt;
use relance_store::Conn;

use crate::customers::require_active;
use crate::{AppError, AppResult, Context};

/// How a payment is to be spread over invoices.
#[derive(Debug, Clone, Default)]
pub enum Allocation {
    /// Oldest due date first; what is left stays as the customer's credit.
    #[default]
    OldestFirst,
    /// As the user typed: (invoice, amount as typed).
    Chosen(Vec<(InvoiceId, String)>),
    /// All to one invoice, up to what it still owes; the rest stays as credit.
    ToInvoice(InvoiceId),
}

fn plan(conn: &Conn, customer: CustomerId, amount: Money, allocation: &Allocation) -> AppResult<AllocationPlan> {
    let open = relance_store::invoices::open_for_customer(conn, customer)?;
    match allocation {
        Allocation::OldestFirst => Ok(allocate_oldest_first(amount, &open)),
        Allocation::Chosen(lines) => {
            let mut v = Validation::new();
            let parsed: Vec<AllocationLine> = lines
                .iter()
                .filter_map(|(invoice, raw)| {
                    if raw.trim().is_empty() {
                        return None;
                    }
                    v.check(Money::parse_non_negative(Field::Allocation, raw))
                        .map(|amount| AllocationLine { invoice: *invoice, amount })
                })
                .collect();
            if !v.is_empty() {
                return Err(v.into());
            }
            Ok(allocate_as_chosen(amount, &open, &parsed)?)
        }
        Allocation::ToInvoice(id) => {
            let Some(inv) = open.iter().find(|o| o.id == *id) else {
                return Err(not_payable(conn, customer, *id)?);
            };
            let line = AllocationLine { invoice: *id, amount: amount.min(inv.remaining) };
            Ok(AllocationPlan { lines: vec![line], unallocated: amount - line.amount })
        }
    }
}

/// Why an invoice cannot receive this customer's money.
fn not_payable(conn: &Conn, customer: CustomerId, id: InvoiceId) -> AppResult<AppError> {
    let problem = match relance_store::invoices::get(conn, id)? {
        Some(inv) if inv.customer_id == customer && inv.cancelled => Problem::Cancelled,
        Some(inv) if inv.customer_id == customer => Problem::NotOpen,
        _ => Problem::Unknown,
    };
    Ok(AppError::invalid(Field::Invoice, problem))
}

/// What a payment would do, shown live while the user types it.
pub fn preview(
    ctx: &impl Context,
    customer: CustomerId,
    amount: &str,
    allocation: &Allocation,
) -> AppResult<AllocationPlan> {
    let amount = Money::parse_positive(Field::Amount, amount).map_err(|i| Validation { issues: vec![i] })?;
    plan(ctx.store().conn(), customer, amount, allocation)
}

/// Records a payment and its allocation. Everything is written in one
/// transaction or nothing is.
pub fn record(
    ctx: &mut impl Context,
    customer: CustomerId,
    input: &PaymentInput,
    allocation: &Allocation,
) -> AppResult<(PaymentId, AllocationPlan)> {
    let form = input.validate();
    let cust = require_active(ctx.store().conn(), customer);
    let data = match (cust, form) {
        (Ok(_), Ok(d)) => d,
        (Ok(_), Err(v)) => return Err(v.into()),
        (Err(AppError::Invalid(mut c)), Err(v)) => {
            c.issues.extend(v.issues);
            return Err(c.into());
        }
        (Err(e), _) => return Err(e),
    };
    let company = crate::company::get(ctx, Language::Fr)?;
    let (currency, lang) = (company.currency, company.language);
    let now = ctx.clock().now();
    ctx.store_mut().write(|tx| {
        let plan = plan(tx, customer, data.amount, allocation)?;
        let receipt = Receipt::Payment { method: data.method, reference: data.reference.clone() };
        let id = relance_store::payments::insert(tx, customer, data.date, data.amount, currency, &receipt, now)?;
        for line in &plan.lines {
            relance_store::payments::allocate(tx, id, line)?;
        }
        activity::record(
            tx,
            now,
            ActivityKind::PaymentRecorded,
            Subject { customer: Some(customer), invoice: None, payment: Some(id) },
            &[
                ("amount", data.amount.to_string()),
                ("date", data.date.to_string()),
                ("method", data.method.code().to_string()),
                ("invoices", numbers(tx, &plan)?),
                ("credit", plan.unallocated.to_string()),
            ],
        )?;
        // A disputed invoice this payment settles completely: its dispute ends here.
        let by =
            crate::collections::SettledBy::Payment { id, date: data.date, amount: data.amount, currency: &currency };
        for line in &plan.lines {
            crate::collections::close_dispute_if_settled(tx, line.invoice, &by, data.date, now, lang)?;
        }
        Ok((id, plan))
    })
}

/// Records a credit note (avoir) and applies it to `invoice`, or to the
/// oldest invoices when none is named.
pub fn record_credit_note(
    ctx: &mut impl Context,
    customer: CustomerId,
    input: &CreditNoteInput,
    invoice: Option<InvoiceId>,
) -> AppResult<(PaymentId, AllocationPlan)> {
    let data = input.validate()?;
    require_active(ctx.store().conn(), customer)?;
    let company = crate::company::get(ctx, Language::Fr)?;
    let (currency, lang) = (company.currency, company.language);
    let now = ctx.clock().now();
    ctx.store_mut().write(|tx| {
        if relance_store::invoices::number_taken(tx, &data.number, None)? {
            return Err(AppError::invalid(Field::CreditNoteNumber, Problem::Duplicate));
        }
        let allocation = invoice.map_or(Allocation::OldestFirst, Allocation::ToInvoice);
        let plan = plan(tx, customer, data.amount, &allocation)?;
        let receipt = Receipt::CreditNote { number: data.number.clone(), reason: data.reason.clone() };
        let id = relance_store::payments::insert(tx, customer, data.date, data.amount, currency, &receipt, now)?;
        for line in &plan.lines {
            relance_store::payments::allocate(tx, id, line)?;
        }
        activity::record(
            tx,
            now,
            ActivityKind::CreditNoteRecorded,
            Subject { customer: Some(customer), invoice, payment: Some(id) },
            &[("number", data.number.clone()), ("amount", data.amount.to_string()), ("invoices", numbers(tx, &plan)?)],
        )?;
        for line in &plan.lines {
            let by = crate::collections::SettledBy::CreditNote(&data.number);
            crate::collections::close_dispute_if_settled(tx, line.invoice, &by, data.date, now, lang)?;
        }
        Ok((id, plan))
    })
}

/// The invoice numbers of a plan, for the activity log: "FA-1, FA-2".
fn numbers(conn: &Conn, plan: &AllocationPlan) -> AppResult<String> {
    let mut out = Vec::new();
    for line in &plan.lines {
        if let Some(inv) = relance_store::invoices::get(conn, line.invoice)? {
            out.push(inv.data.number);
        }
    }
    Ok(out.join(", "))
}
