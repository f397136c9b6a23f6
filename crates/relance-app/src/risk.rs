//! How each customer pays (issue 7): its history read from the books, judged
//! by `relance_domain::risk` at today's date. Nothing is stored: the score
//! follows the books as they change.

use std::collections::HashMap;

use relance_domain::ids::CustomerId;
use relance_domain::risk::{assess, credit_check, Assessment, CreditCheck, Thresholds, ThresholdsInput};
use relance_domain::Money;

use relance_store::activity::{self, ActivityKind, Subject};

use crate::{AppError, AppResult, Context};

/// One customer's score, segment and reasons today.
pub fn customer(ctx: &impl Context, id: CustomerId) -> AppResult<Assessment> {
    let today = ctx.clock().today();
    let conn = ctx.store().conn();
    let thresholds = relance_store::risk::thresholds(conn)?;
    let histories = relance_store::risk::histories(conn, Some(id))?;
    let history = histories.get(&id).ok_or(AppError::NotFound("customer"))?;
    Ok(assess(history, today, &thresholds))
}

/// Every customer's assessment today, in a handful of queries.
pub fn all(ctx: &impl Context) -> AppResult<HashMap<CustomerId, Assessment>> {
    let today = ctx.clock().today();
    let conn = ctx.store().conn();
    let thresholds = relance_store::risk::thresholds(conn)?;
    let histories = relance_store::risk::histories(conn, None)?;
    Ok(histories.into_iter().map(|(id, h)| (id, assess(&h, today, &thresholds))).collect())
}

/// Credit control before a new invoice of `amount`: what the customer would
/// owe against its limit, and whether it is at risk.
pub fn credit(ctx: &impl Context, id: CustomerId, amount: Money) -> AppResult<CreditCheck> {
    Ok(credit_check(&customer(ctx, id)?, amount))
}

/// The thresholds the profiles are decided with (Settings « Profils de paiement »).
pub fn thresholds(ctx: &impl Context) -> AppResult<Thresholds> {
    Ok(relance_store::risk::thresholds(ctx.store().conn())?)
}

/// Saves the thresholds as typed: every value checked on its own field, or nothing written.
pub fn save_thresholds(ctx: &mut impl Context, input: &ThresholdsInput) -> AppResult<Thresholds> {
    let checked = input.check()?;
    let now = ctx.clock().now();
    ctx.store_mut().write(|tx| {
        relance_store::risk::save_thresholds(tx, &checked)?;
        activity::record(tx, now, ActivityKind::RiskSettingsSaved, Subject::default(), &[])?;
        Ok(checked)
    })
}
