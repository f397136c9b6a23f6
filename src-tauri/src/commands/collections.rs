use relance_app::{AppError, Context};
use relance_domain::dates::parse_date;
use relance_domain::dunning::Channel;
use relance_domain::dunning::PromiseId;
use relance_domain::ids::{CustomerId, InvoiceId};
use relance_domain::validation::{Field, Problem, Validation};
use relance_wire::collections::{
    AgendaJson, CustomerCollectionsView, InvoiceCollectionView, PenaltiesJson, RateEntryView,
};
use relance_wire::forms::{EscalateForm, PromiseForm, RateForm};
use relance_wire::ErrorView;
use tauri::State;

use crate::core::Core;

fn channel(code: &str) -> Result<Channel, AppError> {
    Channel::from_code(code)
        .ok_or_else(|| AppError::invalid(Field::LevelChannel, Problem::InvalidFormat { expected: "letter | email" }))
}

fn date(field: Field, raw: &str) -> Result<chrono::NaiveDate, AppError> {
    parse_date(field, raw).map_err(|i| AppError::Invalid(Validation { issues: vec![i] }))
}

/// Today's reminders: per customer one message (led by its furthest level) and the decision apart,
/// with the notices and reminders of its running installment plans and the declarations to its
/// credit insurer.
#[tauri::command]
pub fn agenda(core: State<'_, Core>) -> Result<AgendaJson, ErrorView> {
    core.with(|ctx| {
        let today = ctx.clock().today();
        let view = relance_app::collections::agenda(ctx, today)?;
        let plans = relance_app::plans::agenda(ctx, today)?;
        let declarations = relance_app::insurance::due(ctx, today)?;
        Ok(AgendaJson::from(&view).with_plans(&plans).with_declarations(&declarations))
    })
}

/// « Marquer comme déclaré »: the invoice declared to the customer's credit insurer today.
#[tauri::command]
pub fn insurance_declare(core: State<'_, Core>, invoice: i64) -> Result<(), ErrorView> {
    core.with(|ctx| {
        let today = ctx.clock().today();
        relance_app::insurance::declare(ctx, InvoiceId(invoice), today).map(|_| ())
    })
}

#[tauri::command]
pub fn action_done(core: State<'_, Core>, customer: i64, channel: String) -> Result<(), ErrorView> {
    core.with(|ctx| {
        let today = ctx.clock().today();
        relance_app::collections::action_done(ctx, CustomerId(customer), self::channel(&channel)?, today).map(|_| ())
    })
}

/// Records the customer's past-due promises as seen (kept or broken).
#[tauri::command]
pub fn promises_acknowledge(core: State<'_, Core>, customer: i64) -> Result<(), ErrorView> {
    core.with(|ctx| {
        let today = ctx.clock().today();
        relance_app::collections::promises_acknowledge(ctx, CustomerId(customer), today).map(|_| ())
    })
}

#[tauri::command]
pub fn action_skip(core: State<'_, Core>, customer: i64, channel: String, reason: String) -> Result<(), ErrorView> {
    core.with(|ctx| {
        let today = ctx.clock().today();
        relance_app::collections::skip(ctx, CustomerId(customer), self::channel(&channel)?, today, &reason).map(|_| ())
    })
}

#[tauri::command]
pub fn action_postpone(core: State<'_, Core>, customer: i64, channel: String, until: String) -> Result<(), ErrorView> {
    core.with(|ctx| {
        let today = ctx.clock().today();
        let until = date(Field::PostponedUntil, &until)?;
        relance_app::collections::postpone(ctx, CustomerId(customer), self::channel(&channel)?, today, until)
            .map(|_| ())
    })
}

#[tauri::command]
pub fn promise_add(core: State<'_, Core>, form: PromiseForm) -> Result<(), ErrorView> {
    core.with(|ctx| {
        let by = date(Field::PromiseDate, &form.by)?;
        let invoices: Vec<InvoiceId> = form.invoice_ids.iter().copied().map(InvoiceId).collect();
        relance_app::collections::promise_add(
            ctx,
            CustomerId(form.customer_id.unwrap_or(0)),
            &form.amount,
            by,
            &invoices,
        )
        .map(|_| ())
    })
}

#[tauri::command]
pub fn dispute_open(core: State<'_, Core>, invoice: i64, reason: String) -> Result<(), ErrorView> {
    core.with(|ctx| {
        let today = ctx.clock().today();
        relance_app::collections::dispute_open(ctx, InvoiceId(invoice), &reason, today)
    })
}

#[tauri::command]
pub fn dispute_resolve(core: State<'_, Core>, invoice: i64, note: String) -> Result<(), ErrorView> {
    core.with(|ctx| {
        let today = ctx.clock().today();
        let note = Some(note.trim()).filter(|n| !n.is_empty());
        relance_app::collections::dispute_resolve(ctx, InvoiceId(invoice), note, today)
    })
}

/// Withdraws an open promise to pay: its invoices' reminders resume.
#[tauri::command]
pub fn promise_cancel(core: State<'_, Core>, id: i64) -> Result<(), ErrorView> {
    core.with(|ctx| relance_app::collections::promise_cancel(ctx, PromiseId(id)))
}

/// A customer's promises with what became of them, and its written-off amount.
#[tauri::command]
pub fn customer_collections(core: State<'_, Core>, id: i64) -> Result<CustomerCollectionsView, ErrorView> {
    core.with(|ctx| {
        let today = ctx.clock().today();
        let promises = relance_app::collections::customer_promises(ctx, CustomerId(id), today)?;
        let written_off = relance_app::reports::written_off_owed(ctx, CustomerId(id))?;
        Ok(CustomerCollectionsView::new(&promises, written_off))
    })
}

/// An invoice's disputes, its stage after the reminders and the next steps allowed.
#[tauri::command]
pub fn invoice_collection(core: State<'_, Core>, id: i64) -> Result<InvoiceCollectionView, ErrorView> {
    core.with(|ctx| relance_app::collections::invoice_collection(ctx, InvoiceId(id)).map(|c| (&c).into()))
}

/// Moves an invoice to a stage after the formal notice, dated today.
#[tauri::command]
pub fn escalate(core: State<'_, Core>, form: EscalateForm) -> Result<(), ErrorView> {
    core.with(|ctx| {
        let today = ctx.clock().today();
        relance_app::collections::escalate_to(
            ctx,
            InvoiceId(form.invoice_id),
            &form.to,
            &form.amount,
            &form.reason,
            today,
        )
    })
}

/// The late-payment penalties claimable today on an invoice.
#[tauri::command]
pub fn invoice_penalties(core: State<'_, Core>, id: i64) -> Result<PenaltiesJson, ErrorView> {
    core.with(|ctx| {
        let today = ctx.clock().today();
        relance_app::collections::penalties(ctx, InvoiceId(id), today).map(|v| PenaltiesJson::new(&v, today))
    })
}

/// The half-year rates the user added.
#[tauri::command]
pub fn rates_list(core: State<'_, Core>) -> Result<Vec<RateEntryView>, ErrorView> {
    core.with(|ctx| relance_app::collections::user_rates(ctx).map(|v| v.iter().map(RateEntryView::from).collect()))
}

/// Adds the official rate of a half-year the shipped tables do not know.
#[tauri::command]
pub fn rate_add(core: State<'_, Core>, form: RateForm) -> Result<(), ErrorView> {
    core.with(|ctx| {
        let kind = relance_store::rates::RateKind::from_code(form.kind.trim()).ok_or_else(|| {
            AppError::invalid(
                Field::RateHalfYear,
                Problem::InvalidFormat { expected: "ecb | legal_other | legal_private" },
            )
        })?;
        let start = date(Field::RateHalfYear, &form.half_year_start)?;
        relance_app::collections::rate_add(ctx, kind, start, &form.rate, &form.source)
    })
}
