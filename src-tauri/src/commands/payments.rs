use relance_app::{AppResult, Context};
use relance_domain::allocation::AllocationPlan;
use relance_domain::ids::{CustomerId, InvoiceId};
use relance_wire::forms::{CreditNoteForm, PaymentForm};
use relance_wire::views::{AllocationPreviewView, PaymentRecordedView};
use relance_wire::ErrorView;
use tauri::State;

use crate::core::Core;

/// The plan as the UI shows it, with invoice numbers.
fn view(ctx: &impl Context, plan: &AllocationPlan) -> AppResult<AllocationPreviewView> {
    let mut numbers = Vec::new();
    for l in &plan.lines {
        numbers.push((l.invoice.0, relance_app::invoices::get(ctx, l.invoice)?.invoice.data.number));
    }
    Ok(AllocationPreviewView::new(plan, |id| {
        numbers.iter().find(|(i, _)| *i == id).map(|(_, n)| n.clone()).unwrap_or_default()
    }))
}

#[tauri::command]
pub fn payment_preview(core: State<'_, Core>, form: PaymentForm) -> Result<AllocationPreviewView, ErrorView> {
    core.with(|ctx| {
        let plan = relance_app::payments::preview(ctx, form.customer(), &form.amount, &form.allocation())?;
        view(ctx, &plan)
    })
}

#[tauri::command]
pub fn payment_record(core: State<'_, Core>, form: PaymentForm) -> Result<PaymentRecordedView, ErrorView> {
    core.with(|ctx| {
        let (id, plan) = relance_app::payments::record(ctx, form.customer(), &form.input(), &form.allocation())?;
        Ok(PaymentRecordedView { id: id.0, allocation: view(ctx, &plan)? })
    })
}

#[tauri::command]
pub fn credit_note_record(core: State<'_, Core>, form: CreditNoteForm) -> Result<PaymentRecordedView, ErrorView> {
    core.with(|ctx| {
        let customer = CustomerId(form.customer_id.unwrap_or(0));
        let (id, plan) =
            relance_app::payments::record_credit_note(ctx, customer, &form.input(), form.invoice_id.map(InvoiceId))?;
        Ok(PaymentRecordedView { id: id.0, allocation: view(ctx, &plan)? })
    })
}
