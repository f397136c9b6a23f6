//! Recording a promise to pay, cancelling it, and a customer's promises.

use chrono::NaiveDate;
use relance_domain::dunning::promise::PromiseState;
use relance_domain::dunning::{Promise, PromiseEvent, PromiseId, PromiseInput, PromiseStatus};
use relance_domain::ids::{CustomerId, InvoiceId};
use relance_domain::validation::{Field, Problem, Validation};
use relance_domain::Money;
use relance_store::activity::{self, ActivityKind, Subject};

use relance_store::Conn;

use crate::customers::require_active;
use crate::{AppError, AppResult, Context};

/// "Will pay `amount` by `by`" for the chosen invoices, or for all the
/// customer's unpaid invoices when `invoices` is empty. Reminders on them
/// pause until `by`.
pub fn promise_add(
    ctx: &mut impl Context,
    customer: CustomerId,
    amount: &str,
    by: NaiveDate,
    invoices: &[InvoiceId],
) -> AppResult<PromiseId> {
    let now = ctx.clock().now();
    let made_on = ctx.clock().today();
    ctx.store_mut().write(|tx| {
        require_active(tx, customer)?;
        let mut v = Validation::new();
        let amount = v.check(Money::parse_positive(Field::Amount, amount));
        let open = relance_store::invoices::open_for_customer(tx, customer)?;
        let covered: Vec<(InvoiceId, Money)> = if invoices.is_empty() {
            open.iter().map(|o| (o.id, o.remaining)).collect()
        } else {
            let mut chosen = Vec::new();
            for id in invoices {
                match open.iter().find(|o| o.id == *id) {
                    Some(o) => chosen.push((o.id, o.remaining)),
                    None => v.push(Field::Invoice, Problem::NotOpen),
                }
            }
            chosen
        };
        let Some(amount) = amount.filter(|_| v.is_empty()) else {
            return Err(v.into());
        };
        let data = PromiseInput { customer, amount, by, made_on, covered }.validate()?;
        let id = relance_store::promises::insert(tx, &data, now)?;
        let subject = Subject { customer: Some(customer), invoice: None, payment: None };
        let details = [("amount", data.amount.to_string()), ("by", by.to_string())];
        activity::record(tx, now, ActivityKind::PromiseAdded, subject, &details)?;
        Ok(id)
    })
}

/// Withdraws an open promise (entered by mistake, replaced by another
/// arrangement): its invoices' reminders resume at once.
pub fn promise_cancel(ctx: &mut impl Context, promise: PromiseId) -> AppResult<()> {
    let now = ctx.clock().now();
    let on = ctx.clock().today();
    ctx.store_mut().write(|tx| {
        let p = relance_store::promises::get(tx, promise)?.ok_or(AppError::NotFound("promise"))?;
        let event = PromiseEvent::Cancelled { on };
        p.check(&event, owed_now(tx, &p)?)?;
        relance_store::promises::close(tx, promise, &event)?;
        let subject = Subject { customer: Some(p.data.customer), invoice: None, payment: None };
        let details = [("amount", p.data.amount.to_string()), ("by", p.data.by.to_string())];
        activity::record(tx, now, ActivityKind::PromiseCancelled, subject, &details)?;
        Ok(())
    })
}

/// What the covered invoices owe now (a cancelled or settled one owes nothing).
fn owed_now(conn: &Conn, p: &Promise) -> AppResult<Money> {
    let mut owed = Money::ZERO;
    for id in &p.data.invoices {
        if let Some(inv) = relance_store::invoices::get(conn, *id)? {
            if !inv.cancelled {
                owed += (inv.data.total - inv.settled).max(Money::ZERO);
            }
        }
    }
    Ok(owed)
}

/// What a promise amounts to on the customer's page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromiseOutcome {
    /// Its date has not passed: the covered invoices pause.
    Running,
    Kept,
    Broken,
    Cancelled,
}

impl PromiseOutcome {
    pub fn code(self) -> &'static str {
        match self {
            PromiseOutcome::Running => "running",
            PromiseOutcome::Kept => "kept",
            PromiseOutcome::Broken => "broken",
            PromiseOutcome::Cancelled => "cancelled",
        }
    }
}

#[derive(Debug, Clone)]
pub struct PromiseLine {
    pub promise: Promise,
    /// Recorded, or derived from the amounts when the date passed and the
    /// user has not acted on the customer yet.
    pub outcome: PromiseOutcome,
    pub paid_since: Money,
    pub invoice_numbers: Vec<String>,
}

/// A customer's promises, most recent first, and how many were broken:
/// the customer's history as a payer.
#[derive(Debug, Clone)]
pub struct CustomerPromises {
    pub lines: Vec<PromiseLine>,
    pub broken: u32,
}

pub fn customer_promises(ctx: &impl Context, customer: CustomerId, as_of: NaiveDate) -> AppResult<CustomerPromises> {
    let conn = ctx.store().conn();
    relance_store::customers::get(conn, customer)?.ok_or(AppError::NotFound("customer"))?;
    let mut lines = Vec::new();
    for p in relance_store::promises::for_customer(conn, customer)? {
        let owed = owed_now(conn, &p)?;
        let outcome = match p.state {
            PromiseState::Kept { .. } => PromiseOutcome::Kept,
            PromiseState::Broken { .. } => PromiseOutcome::Broken,
            PromiseState::Cancelled { .. } => PromiseOutcome::Cancelled,
            PromiseState::Open => match p.status(owed, as_of) {
                PromiseStatus::Kept => PromiseOutcome::Kept,
                PromiseStatus::Broken => PromiseOutcome::Broken,
                PromiseStatus::Running | PromiseStatus::Closed => PromiseOutcome::Running,
            },
        };
        let mut invoice_numbers = Vec::with_capacity(p.data.invoices.len());
        for id in &p.data.invoices {
            if let Some(inv) = relance_store::invoices::get(conn, *id)? {
                invoice_numbers.push(inv.data.number);
            }
        }
        lines.push(PromiseLine { paid_since: p.paid_since_made(owed), promise: p, outcome, invoice_numbers });
    }
    let broken = lines.iter().filter(|l| l.outcome == PromiseOutcome::Broken).count();
    Ok(CustomerPromises { lines, broken: u32::try_from(broken).unwrap_or(u32::MAX) })
}
