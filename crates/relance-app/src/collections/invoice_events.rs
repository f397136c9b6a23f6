//! Events about one invoice, outside the schedule: disputes and escalation,
//! and the invoice's collection state as its page shows it.

use chrono::{DateTime, NaiveDate, Utc};
use relance_domain::company::Language;
use relance_domain::dunning::dispute::{self, DisputeRecord};
use relance_domain::dunning::{DunningEvent, EscalationStage, InvoiceDunning};
use relance_domain::ids::{InvoiceId, PaymentId};
use relance_domain::money::Currency;
use relance_domain::validation::{Field, Problem, Validation};
use relance_domain::Money;
use relance_store::activity::{self, ActivityKind, Subject};
use relance_store::Conn;

use crate::policies::Resolver;
use crate::{AppError, AppResult, Context};

/// Marks the invoice disputed: its reminders pause, not the customer's others.
pub fn dispute_open(ctx: &mut impl Context, invoice: InvoiceId, reason: &str, on: NaiveDate) -> AppResult<()> {
    record(ctx, invoice, DunningEvent::DisputeOpened { on, reason: reason.to_string() }, ActivityKind::DisputeOpened)
}

/// Ends the invoice's dispute; its reminders resume where they were.
pub fn dispute_resolve(ctx: &mut impl Context, invoice: InvoiceId, note: Option<&str>, on: NaiveDate) -> AppResult<()> {
    let event = DunningEvent::DisputeResolved { on, note: note.map(str::to_string) };
    record(ctx, invoice, event, ActivityKind::DisputeResolved)
}

/// Moves the invoice to a stage after the formal notice (court, agency,
/// write-off); the domain checks the move is allowed.
pub fn escalate(ctx: &mut impl Context, invoice: InvoiceId, to: EscalationStage) -> AppResult<()> {
    record(ctx, invoice, DunningEvent::Escalated { to }, ActivityKind::Escalated)
}

/// The stage codes a front end may name.
const STAGES: &str = "injunction_prepared | handed_to_agency | written_off";

/// A stage as a front end names it, with a write-off's amount as typed
/// (`None`: all that remains). A pure check, so that a front end refuses a
/// bad argument before it opens anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StageAsked {
    Injunction,
    Agency,
    WriteOff { amount: Option<Money> },
}

impl StageAsked {
    /// `to` is a stage code (`injunction_prepared`, `handed_to_agency`,
    /// `written_off`, or their short forms, hyphens allowed); `amount` is
    /// read only for a write-off.
    pub fn parse(to: &str, amount: &str) -> AppResult<StageAsked> {
        match to.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "injunction_prepared" | "injunction" => Ok(StageAsked::Injunction),
            "handed_to_agency" | "agency" => Ok(StageAsked::Agency),
            "written_off" | "write_off" => {
                let amount = if amount.trim().is_empty() {
                    None
                } else {
                    Some(
                        Money::parse(Field::Amount, amount)
                            .map_err(|i| AppError::Invalid(Validation { issues: vec![i] }))?,
                    )
                };
                Ok(StageAsked::WriteOff { amount })
            }
            _ => Err(AppError::invalid(Field::EscalationStage, Problem::InvalidFormat { expected: STAGES })),
        }
    }

    fn stage(&self, on: NaiveDate, remaining: Money, reason: &str) -> EscalationStage {
        match self {
            StageAsked::Injunction => EscalationStage::InjunctionPrepared { on },
            StageAsked::Agency => EscalationStage::HandedToAgency { on },
            StageAsked::WriteOff { amount } => {
                EscalationStage::WrittenOff { on, amount: amount.unwrap_or(remaining), reason: reason.to_string() }
            }
        }
    }
}

/// `escalate` from what a front end sends: a stage code, and for a
/// write-off the amount as typed (empty: all that remains) and the reason.
pub fn escalate_to(
    ctx: &mut impl Context,
    invoice: InvoiceId,
    to: &str,
    amount: &str,
    reason: &str,
    on: NaiveDate,
) -> AppResult<()> {
    let asked = StageAsked::parse(to, amount)?;
    record_with(ctx, invoice, ActivityKind::Escalated, |remaining| {
        Ok(DunningEvent::Escalated { to: asked.stage(on, remaining, reason) })
    })
}

fn record(ctx: &mut impl Context, invoice: InvoiceId, event: DunningEvent, kind: ActivityKind) -> AppResult<()> {
    record_with(ctx, invoice, kind, |_| Ok(event))
}

/// Checks and stores the event `make` builds from what the invoice still owes.
fn record_with(
    ctx: &mut impl Context,
    invoice: InvoiceId,
    kind: ActivityKind,
    make: impl FnOnce(Money) -> AppResult<DunningEvent>,
) -> AppResult<()> {
    let now = ctx.clock().now();
    let today = ctx.clock().today();
    ctx.store_mut().write(|tx| {
        let inv = relance_store::invoices::get(tx, invoice)?.ok_or(AppError::NotFound("invoice"))?;
        // A cancelled invoice owes nothing: the domain refuses what needs an open one.
        let remaining = if inv.cancelled { Money::ZERO } else { inv.data.total - inv.settled };
        let event = make(remaining)?;
        let state = InvoiceDunning::replay(&relance_store::dunning::for_invoice(tx, invoice)?);
        let policy = Resolver::load(tx, Some(inv.customer_id), today)?.policy_for(inv.customer_id);
        let checked = state.check(&event, &policy, remaining)?;
        relance_store::dunning::append(tx, invoice, &checked, today, now)?;
        let mut details = vec![("number", inv.data.number.clone())];
        match &checked {
            DunningEvent::DisputeOpened { reason, .. } => details.push(("reason", reason.clone())),
            DunningEvent::DisputeResolved { note: Some(note), .. } => details.push(("note", note.clone())),
            DunningEvent::Escalated { to } => {
                details.push(("stage", to.code().to_string()));
                if let EscalationStage::WrittenOff { amount, reason, .. } = to {
                    details.push(("amount", amount.to_string()));
                    details.push(("reason", reason.clone()));
                }
            }
            _ => {}
        }
        let subject = Subject { customer: Some(inv.customer_id), invoice: Some(invoice), payment: None };
        activity::record(tx, now, kind, subject, &details)?;
        Ok(())
    })
}

/// Where an invoice stands outside the schedule: its disputes, its stage
/// after the formal notice, and the stages it may move to now.
#[derive(Debug, Clone)]
pub struct InvoiceCollection {
    pub state: InvoiceDunning,
    /// Every dispute, oldest first; the last one is open when `state.dispute` is set.
    pub disputes: Vec<DisputeRecord>,
    /// Stage codes the user may choose now (see `EscalationStage::next_steps`).
    pub next_steps: Vec<&'static str>,
    /// What the invoice still owes (payments and credit notes only).
    pub remaining: Money,
    /// The running installment plan the invoice is part of: it is followed by the plan, not
    /// offered a new one.
    pub running_plan: Option<relance_domain::plan::PlanId>,
}

/// The invoice's disputes and escalation, read-only.
pub fn invoice_collection(ctx: &impl Context, invoice: InvoiceId) -> AppResult<InvoiceCollection> {
    let conn = ctx.store().conn();
    let inv = relance_store::invoices::get(conn, invoice)?.ok_or(AppError::NotFound("invoice"))?;
    let remaining = if inv.cancelled { Money::ZERO } else { inv.data.total - inv.settled };
    let events = relance_store::dunning::for_invoice(conn, invoice)?;
    let state = InvoiceDunning::replay(&events);
    let next_steps = state.stage.next_steps(state.formal_notice_sent_on.is_some(), remaining);
    let running_plan = relance_store::plans::running_for_invoice(conn, invoice)?;
    Ok(InvoiceCollection { disputes: dispute::history(&events), state, next_steps, remaining, running_plan })
}

/// What settled an invoice completely, named in the note that closes its dispute.
pub(crate) enum SettledBy<'a> {
    /// A credit note, by its number.
    CreditNote(&'a str),
    /// An ordinary payment: its id, date and amount (all of it, not only
    /// the part allocated to this invoice), in the company's currency.
    Payment { id: PaymentId, date: NaiveDate, amount: Money, currency: &'a Currency },
}

/// Closes the open dispute of `invoice` when what was just allocated to it
/// (a credit note or a payment, in the caller's transaction) settled it
/// completely; does nothing for a partial settlement or an undisputed invoice.
pub(crate) fn close_dispute_if_settled(
    tx: &Conn,
    invoice: InvoiceId,
    by: &SettledBy<'_>,
    on: NaiveDate,
    now: DateTime<Utc>,
    lang: Language,
) -> AppResult<()> {
    let Some(inv) = relance_store::invoices::get(tx, invoice)? else {
        return Ok(());
    };
    if inv.settled < inv.data.total {
        return Ok(());
    }
    let state = InvoiceDunning::replay(&relance_store::dunning::for_invoice(tx, invoice)?);
    let Some(open) = state.dispute else {
        return Ok(());
    };
    // The note is kept in the file like a note the user types: in the
    // company's language at the time.
    let (note, detail) = match (by, lang) {
        (SettledBy::CreditNote(number), Language::Fr) => {
            (format!("Réglé par l’avoir {number}"), ("credit_note", number.to_string()))
        }
        (SettledBy::CreditNote(number), Language::En) => {
            (format!("Settled by credit note {number}"), ("credit_note", number.to_string()))
        }
        (SettledBy::Payment { id, date, amount, currency }, Language::Fr) => (
            format!("Réglé par le paiement du {} de {}", date.format("%d/%m/%Y"), french_amount(*amount, currency)),
            ("payment", id.0.to_string()),
        ),
        (SettledBy::Payment { id, date, amount, currency }, Language::En) => (
            format!("Settled by the payment of {} {currency} on {}", amount, date.format("%d/%m/%Y")),
            ("payment", id.0.to_string()),
        ),
    };
    // Settled on a date before the dispute: it closes the day it opened.
    let event = DunningEvent::DisputeResolved { on: on.max(open.since), note: Some(note.clone()) };
    relance_store::dunning::append(tx, invoice, &event, on, now)?;
    let payment = match by {
        SettledBy::Payment { id, .. } => Some(*id),
        SettledBy::CreditNote(_) => None,
    };
    let subject = Subject { customer: Some(inv.customer_id), invoice: Some(invoice), payment };
    let details = [("number", inv.data.number), ("note", note), (detail.0, detail.1)];
    activity::record(tx, now, ActivityKind::DisputeResolved, subject, &details)?;
    Ok(())
}

/// "1234.50" in euros -> "1 234,50 €" (no-break spaces), as a French note
/// writes it; another currency keeps its code.
fn french_amount(amount: Money, currency: &Currency) -> String {
    let canonical = amount.to_string();
    let (sign, body) = canonical.strip_prefix('-').map_or(("", canonical.as_str()), |b| ("-", b));
    let (int, frac) = body.split_once('.').unwrap_or((body, "00"));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('\u{a0}');
        }
        grouped.push(c);
    }
    let unit = if currency.code() == "EUR" { "€" } else { currency.code() };
    format!("{sign}{grouped},{frac}\u{a0}{unit}")
}
