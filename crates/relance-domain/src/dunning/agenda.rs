//! The day's agenda: who to chase, how, and for how much.
//!
//! Each invoice gets its own level (see `schedule`); the agenda then gives
//! each customer at most two actions:
//! - one message (letter, email or call) covering every invoice with a
//!   message level due, whatever each one's level: the customer gets one
//!   letter listing all its late invoices, not one per level or channel. The
//!   furthest level among them (the lead) sets the channel, the template (the
//!   tone) and the fee; each line keeps its own level, so handling the action
//!   records one event per invoice at that invoice's level and each invoice
//!   moves on to its own next level;
//! - one decision (channel `Escalation`: go to court or hand the debt to an
//!   agency) for the invoices that reached it. A decision is not a message,
//!   so it is never folded into the letter (see `customer_agenda`).

use chrono::NaiveDate;

use super::policy::{Channel, Level, LevelMark, Policy};
use super::progress::InvoiceDunning;
use super::promise::{Promise, PromiseId, PromiseStatus};
use super::schedule::due_level;
use crate::ids::{CustomerId, InvoiceId};
use crate::money::Money;
use crate::status::days_late;

/// An unpaid invoice as the agenda needs it.
#[derive(Debug, Clone, Copy)]
pub struct AgendaInvoice<'a> {
    pub id: InvoiceId,
    pub due_date: NaiveDate,
    /// What is still owed today; zero or less means nothing to chase.
    pub remaining: Money,
    pub state: &'a InvoiceDunning,
}

/// One customer with its policy, its unpaid invoices and its promises.
/// Invoices settled since a promise may be left out: they owe nothing.
#[derive(Debug, Clone, Copy)]
pub struct AgendaCustomer<'a> {
    pub id: CustomerId,
    pub policy: &'a Policy,
    pub invoices: &'a [AgendaInvoice<'a>],
    pub promises: &'a [Promise],
}

/// Why an invoice with a level due is not chased today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pause {
    /// A court, an agency or a write-off has taken over.
    Escalated,
    Disputed {
        since: NaiveDate,
    },
    Promised {
        promise: PromiseId,
        until: NaiveDate,
    },
    Postponed {
        until: NaiveDate,
    },
}

/// What an invoice asks for today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvoiceStep<'p> {
    /// Settled, or no level has come yet, or every level is handled.
    Nothing,
    Paused(Pause),
    Due(&'p Level),
}

/// The step of one invoice on `today`. Pauses are checked before the
/// schedule so a paused invoice never shows, whatever level it reached.
pub fn invoice_step<'p>(
    policy: &'p Policy,
    invoice: &AgendaInvoice<'_>,
    promises: &[Promise],
    today: NaiveDate,
) -> InvoiceStep<'p> {
    let state = invoice.state;
    if !invoice.remaining.is_positive() {
        return InvoiceStep::Nothing;
    }
    if state.stage.stops_reminders() {
        return InvoiceStep::Paused(Pause::Escalated);
    }
    if let Some(d) = &state.dispute {
        return InvoiceStep::Paused(Pause::Disputed { since: d.since });
    }
    // With several promises on one invoice, the latest date holds.
    let promised = promises.iter().filter(|p| p.pauses(invoice.id, today)).max_by_key(|p| p.data.by);
    if let Some(p) = promised {
        return InvoiceStep::Paused(Pause::Promised { promise: p.id, until: p.data.by });
    }
    if let Some(until) = state.postponed_until.filter(|u| *u > today) {
        return InvoiceStep::Paused(Pause::Postponed { until });
    }
    match due_level(policy, invoice.due_date, state, today) {
        Some(level) => InvoiceStep::Due(level),
        None => InvoiceStep::Nothing,
    }
}

/// One invoice in an action, at its own level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionLine {
    pub invoice: InvoiceId,
    pub level: LevelMark,
    pub due_date: NaiveDate,
    pub days_late: i64,
    pub remaining: Money,
}

/// One message (letter, email or call) or one decision for one customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    /// The lead level's channel: `Escalation` for the decision only.
    pub channel: Channel,
    /// The furthest level among the lines: it sets the channel and the tone.
    pub lead: LevelMark,
    /// The template of the lead level.
    pub template: String,
    /// The lead level's fee, once per action: one letter, one fee.
    pub fee: Option<Money>,
    /// Oldest due date first.
    pub lines: Vec<ActionLine>,
    pub total: Money,
}

impl Action {
    /// The decision to go to court or to an agency, not a message.
    pub fn is_decision(&self) -> bool {
        self.channel == Channel::Escalation
    }
}

/// A promise whose date passed without the promised amount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenPromise {
    pub promise: PromiseId,
    pub amount: Money,
    pub by: NaiveDate,
    pub paid: Money,
    pub invoices: Vec<InvoiceId>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerAgenda {
    pub customer: CustomerId,
    /// At most two: the message first, then the decision.
    pub actions: Vec<Action>,
    /// Shown until the app records them broken (`PromiseEvent::Broken`).
    pub broken_promises: Vec<BrokenPromise>,
    /// Nothing for the user to do: the app records them kept.
    pub kept_promises: Vec<PromiseId>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agenda {
    pub date: NaiveDate,
    /// Customers with something to do, the most advanced first.
    pub customers: Vec<CustomerAgenda>,
}

/// The agenda for `today`.
pub fn agenda(customers: &[AgendaCustomer<'_>], today: NaiveDate) -> Agenda {
    let mut out: Vec<CustomerAgenda> = customers.iter().filter_map(|c| customer_agenda(c, today)).collect();
    let lead = |c: &CustomerAgenda| c.actions.iter().map(|a| a.lead.offset_days).max();
    // Broken promises first (the relationship needs a call), then the most
    // advanced level; ties by customer for a stable order.
    out.sort_by_key(|c| (c.broken_promises.is_empty(), std::cmp::Reverse(lead(c)), c.customer));
    Agenda { date: today, customers: out }
}

fn customer_agenda(c: &AgendaCustomer<'_>, today: NaiveDate) -> Option<CustomerAgenda> {
    let mut lines: Vec<(&Level, ActionLine)> = Vec::new();
    for invoice in c.invoices {
        if let InvoiceStep::Due(level) = invoice_step(c.policy, invoice, c.promises, today) {
            lines.push((
                level,
                ActionLine {
                    invoice: invoice.id,
                    level: level.mark(),
                    due_date: invoice.due_date,
                    days_late: days_late(invoice.due_date, today),
                    remaining: invoice.remaining,
                },
            ));
        }
    }
    let (broken_promises, kept_promises) = promise_outcomes(c, today);
    if lines.is_empty() && broken_promises.is_empty() && kept_promises.is_empty() {
        return None;
    }
    // Invoices at the decision level stay out of the message: every message
    // of their schedule, the formal notice included, has been sent, and what
    // they wait for is the user's decision, not another letter. Folding them
    // in would record their decision level as done when the letter goes out,
    // closing their schedule with no decision taken, and would give the
    // letter the decision's template, which is no letter at all.
    let (decision, message): (Vec<_>, Vec<_>) = lines.into_iter().partition(|(l, _)| l.channel == Channel::Escalation);
    let actions: Vec<Action> = [message, decision].into_iter().filter_map(action).collect();
    Some(CustomerAgenda { customer: c.id, actions, broken_promises, kept_promises })
}

/// Lines as one action: the furthest level leads.
fn action(mine: Vec<(&Level, ActionLine)>) -> Option<Action> {
    let lead = mine.iter().map(|(l, _)| *l).max_by_key(|l| l.offset_days)?;
    let mut lines: Vec<ActionLine> = mine.iter().map(|(_, line)| line.clone()).collect();
    lines.sort_by_key(|l| (l.due_date, l.invoice));
    Some(Action {
        channel: lead.channel,
        lead: lead.mark(),
        template: lead.template.clone(),
        fee: lead.fee,
        total: lines.iter().map(|l| l.remaining).sum(),
        lines,
    })
}

fn promise_outcomes(c: &AgendaCustomer<'_>, today: NaiveDate) -> (Vec<BrokenPromise>, Vec<PromiseId>) {
    let mut broken = Vec::new();
    let mut kept = Vec::new();
    for p in c.promises {
        let owed_now: Money =
            c.invoices.iter().filter(|i| p.data.invoices.contains(&i.id)).map(|i| i.remaining.max(Money::ZERO)).sum();
        match p.status(owed_now, today) {
            PromiseStatus::Broken => broken.push(BrokenPromise {
                promise: p.id,
                amount: p.data.amount,
                by: p.data.by,
                paid: p.paid_since_made(owed_now),
                invoices: p.data.invoices.clone(),
            }),
            PromiseStatus::Kept => kept.push(p.id),
            PromiseStatus::Running | PromiseStatus::Closed => {}
        }
    }
    (broken, kept)
}
