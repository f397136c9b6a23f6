//! How each customer pays (issue 7): its history read from the books, judged
//! by `relance_domain::risk` at today's date. Nothing is stored: the score
//! follows the books as they change.

use std::collections::HashMap;

use relance_domain::ids::CustomerId;
use relance_domain::risk::{assess, credit_check, Assessment, CreditCheck, Thresholds};
use relance_domain::Money;

use crate::{AppError, AppResult, Context};

/// One customer's score, segment and reasons today.
pub fn customer(ctx: &impl Context, id: CustomerId) -> AppResult<Assessment> {
    let today = ctx.clock().today();
    let histories = relance_store::risk::histories(ctx.store().conn(), Some(id))?;
    let history = histories.get(&id).ok_or(AppError::NotFound("customer"))?;
    Ok(assess(history, today, &Thresholds::default()))
}

/// Every customer's assessment today, in a handful of queries.
pub fn all(ctx: &impl Context) -> AppResult<HashMap<CustomerId, Assessment>> {
    let today = ctx.clock().today();
    let histories = relance_store::risk::histories(ctx.store().conn(), None)?;
    Ok(histories.into_iter().map(|(id, h)| (id, assess(&h, today, &Thresholds::default()))).collect())
}

/// Credit control before a new invoice of `amount`: what the customer would
/// owe against its limit, and whether it is at risk.
pub fn credit(ctx: &impl Context, id: CustomerId, amount: Money) -> AppResult<CreditCheck> {
    Ok(credit_check(&customer(ctx, id)?, amount))
}
