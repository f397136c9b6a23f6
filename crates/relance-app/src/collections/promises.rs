//! Recording a promise to pay.

use chrono::NaiveDate;
use relance_domain::dunning::{PromiseId, PromiseInput};
use relance_domain::ids::{CustomerId, InvoiceId};
use relance_domain::validation::{Field, Problem, Validation};
use relance_domain::Money;
use relance_store::activity::{self, ActivityKind, Subject};

use crate::customers::require_active;
use crate::{AppResult, Context};

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
