//! The day's agenda: who to chase, how, and for how much.
//!
//! Each invoice gets its own level (see `schedule`); the agenda then groups a
//! customer's invoices by channel, so one letter lists all its late invoices,
//! and the furthest level in the group sets the letter's tone.

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

/// One letter, email, call or decision for one customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    pub channel: Channel,
    /// The furthest level among the lines: it sets the tone.
    pub lead: LevelMark,
    /// The template of the lead level.
    pub template: String,
    /// The lead level's fee, once per action: one letter, one fee.
    pub fee: Option<Money>,
    /// Oldest due date first.
    pub lines: Vec<ActionLine>,
    pub total: Money,
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
    /// Furthest lead level first.
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
    let lead = |c: &CustomerAgenda| c.actions.first().map(|a| a.lead.offset_days);
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
    let mut actions: Vec<Action> = Channel::ALL.iter().filter_map(|ch| action(*ch, &lines)).collect();
    actions.sort_by_key(|a| std::cmp::Reverse(a.lead.offset_days));
    Some(CustomerAgenda { customer: c.id, actions, broken_promises, kept_promises })
}

/// The customer's lines on one channel, as one action.
fn action(channel: Channel, lines: &[(&Level, ActionLine)]) -> Option<Action> {
    let mine: Vec<&(&Level, ActionLine)> = lines.iter().filter(|(l, _)| l.channel == channel).collect();
    let lead = mine.iter().map(|(l, _)| *l).max_by_key(|l| l.offset_days)?;
    let mut lines: Vec<ActionLine> = mine.iter().map(|(_, line)| line.clone()).collect();
    lines.sort_by_key(|l| (l.due_date, l.invoice));
    Some(Action {
        channel,
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
