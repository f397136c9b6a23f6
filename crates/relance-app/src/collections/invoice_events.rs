//! Events about one invoice, outside the schedule: disputes and escalation.

use chrono::NaiveDate;
use relance_domain::dunning::{DunningEvent, EscalationStage, InvoiceDunning};
use relance_domain::ids::InvoiceId;
use relance_domain::Money;
use relance_store::activity::{self, ActivityKind, Subject};

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

fn record(ctx: &mut impl Context, invoice: InvoiceId, event: DunningEvent, kind: ActivityKind) -> AppResult<()> {
    let now = ctx.clock().now();
    let today = ctx.clock().today();
    ctx.store_mut().write(|tx| {
        let inv = relance_store::invoices::get(tx, invoice)?.ok_or(AppError::NotFound("invoice"))?;
        // A cancelled invoice owes nothing: the domain refuses what needs an open one.
        let remaining = if inv.cancelled { Money::ZERO } else { inv.data.total - inv.settled };
        let state = InvoiceDunning::replay(&relance_store::dunning::for_invoice(tx, invoice)?);
        let policy = Resolver::load(tx, Some(inv.customer_id))?.policy_for(inv.customer_id);
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
