use relance_app::AppError;
use relance_domain::ids::InvoiceId;
use relance_domain::risk::CreditDecision;
use relance_wire::forms::{InvoiceForm, InvoiceListQuery};
use relance_wire::risk::CreditWarningView;
use relance_wire::views::{InvoicePageView, InvoiceView};
use relance_wire::ErrorView;
use tauri::State;

use crate::core::Core;

#[tauri::command]
pub fn invoices_list(core: State<'_, Core>, query: InvoiceListQuery) -> Result<InvoicePageView, ErrorView> {
    core.with(|ctx| {
        let q = query.query().map_err(AppError::Invalid)?;
        relance_app::invoices::list(ctx, &q)
    })
    .map(|p| InvoicePageView::from(&p))
}

#[tauri::command]
pub fn invoice_get(core: State<'_, Core>, id: i64) -> Result<InvoiceView, ErrorView> {
    core.with(|ctx| relance_app::invoices::get(ctx, InvoiceId(id))).map(|l| InvoiceView::from(&l))
}

#[tauri::command]
pub fn invoice_create(core: State<'_, Core>, form: InvoiceForm) -> Result<InvoiceView, ErrorView> {
    // An unknown decision code is a bug of the UI, not the user's: kept as "accepted".
    let decision =
        form.credit_decision.as_deref().map(|code| CreditDecision::from_code(code).unwrap_or(CreditDecision::Accepted));
    core.with(|ctx| {
        let id = relance_app::invoices::create_deciding(ctx, form.customer(), &form.input(), decision)?;
        relance_app::invoices::get(ctx, id)
    })
    .map(|l| InvoiceView::from(&l))
}

/// Credit control before saving a new invoice: the warning to show, if any.
#[tauri::command]
pub fn invoice_credit_check(core: State<'_, Core>, form: InvoiceForm) -> Result<Option<CreditWarningView>, ErrorView> {
    let lang = core.language();
    core.with(|ctx| {
        let Some(check) = relance_app::invoices::credit_warning(ctx, form.customer(), &form.input())? else {
            return Ok(None);
        };
        let above = relance_app::insurance::above_cover(ctx, form.customer(), check.after)?;
        Ok(Some(CreditWarningView::new(&check, lang).with_cover(above.as_ref(), lang)))
    })
}

#[tauri::command]
pub fn invoice_update(core: State<'_, Core>, id: i64, form: InvoiceForm) -> Result<InvoiceView, ErrorView> {
    core.with(|ctx| {
        relance_app::invoices::update(ctx, InvoiceId(id), form.customer(), &form.input())?;
        relance_app::invoices::get(ctx, InvoiceId(id))
    })
    .map(|l| InvoiceView::from(&l))
}

#[tauri::command]
pub fn invoice_cancel(core: State<'_, Core>, id: i64, reason: String) -> Result<InvoiceView, ErrorView> {
    core.with(|ctx| {
        relance_app::invoices::cancel(ctx, InvoiceId(id), &reason)?;
        relance_app::invoices::get(ctx, InvoiceId(id))
    })
    .map(|l| InvoiceView::from(&l))
}
