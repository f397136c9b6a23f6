//! What the user does about an agenda action: done, skipped or postponed.
//! An action is the customer's message (found by its lead's channel) or its
//! decision (channel `Escalation`); each of its lines becomes one event on
//! its invoice at that invoice's own level, all in one transaction.

use chrono::NaiveDate;
use relance_domain::dunning::{Action, Channel, CustomerAgenda, DunningEvent, PromiseEvent};
use relance_domain::ids::CustomerId;
use relance_domain::validation::{Field, Problem};
use relance_store::activity::{self, ActivityKind, Subject};
use relance_store::Conn;

use super::agenda::Book;
use crate::{AppError, AppResult, Context};

/// Records the customer's `channel` action of `as_of` as done: each invoice
/// moves past its level. The customer's promises whose date has passed are
/// recorded kept or broken at the same time: the user has now seen them.
pub fn action_done(
    ctx: &mut impl Context,
    customer: CustomerId,
    channel: Channel,
    as_of: NaiveDate,
) -> AppResult<Action> {
    handle(ctx, customer, channel, as_of, ActivityKind::ReminderDone, &[], |line| DunningEvent::LevelDone {
        level: line.level.clone(),
        on: as_of,
        channel,
    })
}

/// Records the action as deliberately not done: the schedule moves on.
pub fn skip(
    ctx: &mut impl Context,
    customer: CustomerId,
    channel: Channel,
    as_of: NaiveDate,
    reason: &str,
) -> AppResult<Action> {
    let why = [("reason", reason.trim().to_string())];
    handle(ctx, customer, channel, as_of, ActivityKind::ReminderSkipped, &why, |line| DunningEvent::LevelSkipped {
        level: line.level.clone(),
        on: as_of,
        reason: reason.to_string(),
    })
}

/// Proposes the action again on `until`, not before.
pub fn postpone(
    ctx: &mut impl Context,
    customer: CustomerId,
    channel: Channel,
    as_of: NaiveDate,
    until: NaiveDate,
) -> AppResult<Action> {
    let to = [("until", until.to_string())];
    handle(ctx, customer, channel, as_of, ActivityKind::ReminderPostponed, &to, |_| DunningEvent::Postponed {
        on: as_of,
        until,
    })
}

fn handle(
    ctx: &mut impl Context,
    customer: CustomerId,
    channel: Channel,
    as_of: NaiveDate,
    kind: ActivityKind,
    extra: &[(&str, String)],
    event: impl Fn(&relance_domain::dunning::ActionLine) -> DunningEvent,
) -> AppResult<Action> {
    let now = ctx.clock().now();
    ctx.store_mut().write(|tx| handle_in(tx, now, customer, channel, as_of, kind, extra, &event))
}

/// `action_done` inside a transaction the caller holds (the day's letters record every printed
/// letter's action in their own single transaction).
pub(crate) fn action_done_in(
    tx: &Conn,
    now: chrono::DateTime<chrono::Utc>,
    customer: CustomerId,
    channel: Channel,
    as_of: NaiveDate,
) -> AppResult<Action> {
    handle_in(tx, now, customer, channel, as_of, ActivityKind::ReminderDone, &[], &|line| DunningEvent::LevelDone {
        level: line.level.clone(),
        on: as_of,
        channel,
    })
}

#[allow(clippy::too_many_arguments)]
fn handle_in(
    tx: &Conn,
    now: chrono::DateTime<chrono::Utc>,
    customer: CustomerId,
    channel: Channel,
    as_of: NaiveDate,
    kind: ActivityKind,
    extra: &[(&str, String)],
    event: &dyn Fn(&relance_domain::dunning::ActionLine) -> DunningEvent,
) -> AppResult<Action> {
    {
        let book = Book::load(tx, Some(customer), as_of)?;
        let agenda = book.agenda(as_of);
        let Some(mine) = agenda.customers.into_iter().find(|c| c.customer == customer) else {
            return Err(nothing_to_do());
        };
        let Some(action) = mine.actions.iter().find(|a| a.channel == channel).cloned() else {
            return Err(nothing_to_do());
        };
        let policy = &book.policies[&customer];
        // Check every line before writing any: one refused line refuses all.
        let mut checked = Vec::with_capacity(action.lines.len());
        for line in &action.lines {
            let state = book.invoices.iter().find(|(i, _)| i.id == line.invoice).map(|(_, s)| s);
            let state = state.ok_or(AppError::NotFound("invoice"))?;
            checked.push((line, state.check(&event(line), policy, line.remaining)?));
        }
        for (line, e) in checked {
            relance_store::dunning::append(tx, line.invoice, &e, as_of, now)?;
            let subject = Subject { customer: Some(customer), invoice: Some(line.invoice), payment: None };
            let number = relance_store::invoices::get(tx, line.invoice)?.map(|i| i.data.number).unwrap_or_default();
            let mut details = vec![
                ("number", number),
                ("level", line.level.key.clone()),
                ("channel", channel.code().to_string()),
                ("date", as_of.to_string()),
            ];
            details.extend(extra.iter().cloned());
            activity::record(tx, now, kind, subject, &details)?;
        }
        if kind == ActivityKind::ReminderDone {
            record_promise_outcomes(tx, &mine, as_of, now)?;
        }
        Ok(action)
    }
}

/// Records the customer's promises whose date has passed (kept or broken)
/// without chasing it: the agenda shows a broken promise until the user has
/// seen it, and a customer may have nothing else due (every invoice paused,
/// escalated or at its last level). Returns how many were recorded.
pub fn promises_acknowledge(ctx: &mut impl Context, customer: CustomerId, as_of: NaiveDate) -> AppResult<usize> {
    let now = ctx.clock().now();
    ctx.store_mut().write(|tx| {
        let book = Book::load(tx, Some(customer), as_of)?;
        let agenda = book.agenda(as_of);
        let mine = agenda.customers.into_iter().find(|c| c.customer == customer);
        let Some(mine) = mine.filter(|c| !c.broken_promises.is_empty() || !c.kept_promises.is_empty()) else {
            return Err(AppError::invalid(Field::Promise, Problem::StepNotAllowed));
        };
        record_promise_outcomes(tx, &mine, as_of, now)?;
        Ok(mine.broken_promises.len() + mine.kept_promises.len())
    })
}

/// The channels of the customer's actions on `as_of`, for a front end that
/// lets the user leave the channel out when there is only one.
pub fn channels_due(ctx: &impl Context, customer: CustomerId, as_of: NaiveDate) -> AppResult<Vec<Channel>> {
    let book = Book::load(ctx.store().conn(), Some(customer), as_of)?;
    let agenda = book.agenda(as_of);
    Ok(agenda
        .customers
        .into_iter()
        .filter(|c| c.customer == customer)
        .flat_map(|c| c.actions.into_iter().map(|a| a.channel))
        .collect())
}

fn nothing_to_do() -> AppError {
    AppError::invalid(Field::LevelChannel, Problem::StepNotAllowed)
}

/// Kept promises need nothing from the user; broken ones were shown in the
/// agenda and the user has just chased the customer: both are closed now, so
/// a broken promise is shown once and counted in the customer's history.
fn record_promise_outcomes(
    tx: &Conn,
    c: &CustomerAgenda,
    as_of: NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<()> {
    let subject = || Subject { customer: Some(c.customer), invoice: None, payment: None };
    for b in &c.broken_promises {
        relance_store::promises::close(tx, b.promise, &PromiseEvent::Broken { on: as_of })?;
        let details = [("amount", b.amount.to_string()), ("by", b.by.to_string()), ("paid", b.paid.to_string())];
        activity::record(tx, now, ActivityKind::PromiseBroken, subject(), &details)?;
    }
    for k in &c.kept_promises {
        relance_store::promises::close(tx, *k, &PromiseEvent::Kept { on: as_of })?;
        activity::record(tx, now, ActivityKind::PromiseKept, subject(), &[("promise", k.0.to_string())])?;
    }
    Ok(())
}
