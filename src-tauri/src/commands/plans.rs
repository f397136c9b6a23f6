//! Installment plans: the wizard's preview, agreement, the plan's page, the
//! week's installments, default and resumed reminders, plan payments, settings.

use relance_app::plans::{InstallmentActionRef, InstallmentHandling, PlanRequest};
use relance_app::{AppError, Context};
use relance_domain::dates::parse_date;
use relance_domain::dunning::Channel;
use relance_domain::ids::CustomerId;
use relance_domain::plan::follow::InstallmentActionKind;
use relance_domain::plan::PlanId;
use relance_domain::validation::{Field, Problem, Validation};
use relance_wire::forms::PaymentForm;
use relance_wire::plans::{DueInstallmentView, PlanForm, PlanPreviewView, PlanSettingsView, PlanView};
use relance_wire::ErrorView;
use tauri::State;

use crate::core::Core;

fn request(form: &PlanForm) -> Result<PlanRequest, AppError> {
    form.request().map_err(AppError::Invalid)
}

#[tauri::command]
pub fn plan_preview(core: State<'_, Core>, form: PlanForm) -> Result<PlanPreviewView, ErrorView> {
    core.with(|ctx| relance_app::plans::preview(ctx, &request(&form)?).map(|p| PlanPreviewView::from(&p)))
}

#[tauri::command]
pub fn plan_create(core: State<'_, Core>, form: PlanForm) -> Result<i64, ErrorView> {
    core.with(|ctx| relance_app::plans::create(ctx, &request(&form)?).map(|id| id.0))
}

/// A new plan replaces plan `id`; both stay in the history.
#[tauri::command]
pub fn plan_renegotiate(core: State<'_, Core>, id: i64, form: PlanForm) -> Result<i64, ErrorView> {
    core.with(|ctx| relance_app::plans::renegotiate(ctx, PlanId(id), &request(&form)?).map(|id| id.0))
}

#[tauri::command]
pub fn plan_get(core: State<'_, Core>, id: i64) -> Result<PlanView, ErrorView> {
    core.with(|ctx| {
        let today = ctx.clock().today();
        relance_app::plans::show(ctx, PlanId(id), today).map(|v| PlanView::from(&v))
    })
}

#[tauri::command]
pub fn customer_plans(core: State<'_, Core>, id: i64) -> Result<Vec<PlanView>, ErrorView> {
    core.with(|ctx| {
        let today = ctx.clock().today();
        let plans = relance_app::plans::for_customer(ctx, CustomerId(id), today)?;
        Ok(plans.iter().map(PlanView::from).collect())
    })
}

/// Installments of running plans due this week, or late.
#[tauri::command]
pub fn plans_due(core: State<'_, Core>) -> Result<Vec<DueInstallmentView>, ErrorView> {
    core.with(|ctx| {
        let today = ctx.clock().today();
        Ok(relance_app::plans::due_this_week(ctx, today)?.iter().map(DueInstallmentView::from).collect())
    })
}

/// Records the default; reminders resume at `level` (default: the formal notice).
#[tauri::command]
pub fn plan_default(core: State<'_, Core>, id: i64, level: Option<String>) -> Result<(), ErrorView> {
    core.with(|ctx| relance_app::plans::record_default(ctx, PlanId(id), level.as_deref().filter(|l| !l.is_empty())))
}

/// A payment for the plan: to its invoices, oldest first.
#[tauri::command]
pub fn plan_payment_record(core: State<'_, Core>, id: i64, form: PaymentForm) -> Result<i64, ErrorView> {
    core.with(|ctx| relance_app::plans::record_payment(ctx, PlanId(id), &form.input()).map(|p| p.0))
}

#[tauri::command]
pub fn plan_settings_get(core: State<'_, Core>) -> Result<PlanSettingsView, ErrorView> {
    core.with(|ctx| relance_app::plans::settings(ctx).map(PlanSettingsView::from))
}

#[tauri::command]
pub fn plan_settings_save(core: State<'_, Core>, form: PlanSettingsView) -> Result<PlanSettingsView, ErrorView> {
    core.with(|ctx| {
        relance_app::plans::save_settings(ctx, form.grace_days, form.notice_days, form.reminder_days)
            .map(PlanSettingsView::from)
    })
}

fn installment(plan: i64, number: u32, kind: &str) -> Result<InstallmentActionRef, AppError> {
    let kind = InstallmentActionKind::from_code(kind)
        .ok_or_else(|| AppError::invalid(Field::Plan, Problem::InvalidFormat { expected: "notice | reminder" }))?;
    Ok(InstallmentActionRef { plan: PlanId(plan), number, kind })
}

/// Today's notice (`kind` notice) or reminder of installment `number`, done by `channel`.
#[tauri::command]
pub fn installment_done(
    core: State<'_, Core>,
    plan: i64,
    number: u32,
    kind: String,
    channel: String,
) -> Result<(), ErrorView> {
    core.with(|ctx| {
        let today = ctx.clock().today();
        let channel = Channel::from_code(&channel).ok_or_else(|| {
            AppError::invalid(Field::LevelChannel, Problem::InvalidFormat { expected: "letter | email | phone_call" })
        })?;
        let r = installment(plan, number, &kind)?;
        relance_app::plans::handle_installment_action(ctx, r, &InstallmentHandling::Done(channel), today).map(|_| ())
    })
}

#[tauri::command]
pub fn installment_skip(
    core: State<'_, Core>,
    plan: i64,
    number: u32,
    kind: String,
    reason: String,
) -> Result<(), ErrorView> {
    core.with(|ctx| {
        let today = ctx.clock().today();
        let r = installment(plan, number, &kind)?;
        relance_app::plans::handle_installment_action(ctx, r, &InstallmentHandling::Skipped(reason), today).map(|_| ())
    })
}

/// `until` as typed: dd/mm/yyyy or yyyy-mm-dd.
#[tauri::command]
pub fn installment_postpone(
    core: State<'_, Core>,
    plan: i64,
    number: u32,
    kind: String,
    until: String,
) -> Result<(), ErrorView> {
    core.with(|ctx| {
        let today = ctx.clock().today();
        let until =
            parse_date(Field::PostponedUntil, &until).map_err(|i| AppError::Invalid(Validation { issues: vec![i] }))?;
        let r = installment(plan, number, &kind)?;
        relance_app::plans::handle_installment_action(ctx, r, &InstallmentHandling::Postponed(until), today).map(|_| ())
    })
}
