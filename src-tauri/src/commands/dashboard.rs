use chrono::NaiveDate;
use relance_app::dashboard::{BEHIND_LIMIT, DEFAULT_PERIOD_DAYS};
use relance_app::{AppError, Context};
use relance_domain::dates::parse_date;
use relance_domain::validation::{Field, Validation};
use relance_wire::dashboard::{BehindView, DashboardView, DrillView};
use relance_wire::ErrorView;
use tauri::State;

use crate::core::Core;

/// Today when absent or blank; else a date the user typed (`JJ/MM/AAAA` or
/// ISO), an error on `as_of` otherwise.
fn as_of_or_today(ctx: &impl Context, as_of: Option<&str>) -> Result<NaiveDate, AppError> {
    match as_of.map(str::trim) {
        None | Some("") => Ok(ctx.clock().today()),
        Some(raw) => parse_date(Field::AsOf, raw).map_err(|i| AppError::Invalid(Validation { issues: vec![i] })),
    }
}

/// Every receivables figure at `as_of`.
#[tauri::command]
pub fn dashboard(core: State<'_, Core>, as_of: Option<String>) -> Result<DashboardView, ErrorView> {
    core.with(|ctx| {
        let as_of = as_of_or_today(ctx, as_of.as_deref())?;
        let d = relance_app::dashboard::dashboard(ctx, as_of, DEFAULT_PERIOD_DAYS)?;
        Ok(DashboardView::from(&d))
    })
}

/// The invoices behind a figure: the figure's own filter, at its date.
#[tauri::command]
pub fn dashboard_behind(
    core: State<'_, Core>,
    as_of: Option<String>,
    drill: DrillView,
) -> Result<BehindView, ErrorView> {
    core.with(|ctx| {
        let as_of = as_of_or_today(ctx, as_of.as_deref())?;
        let drill = drill.to_drill().map_err(AppError::Invalid)?;
        let b = relance_app::dashboard::behind(ctx, as_of, &drill, BEHIND_LIMIT)?;
        Ok(BehindView::from(&b))
    })
}
