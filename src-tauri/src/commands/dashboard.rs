use relance_app::dashboard::DEFAULT_PERIOD_DAYS;
use relance_app::{AppError, Context};
use relance_domain::dates::parse_date;
use relance_domain::validation::{Field, Validation};
use relance_wire::dashboard::DashboardView;
use relance_wire::ErrorView;
use tauri::State;

use crate::core::Core;

/// Every receivables figure at `as_of` (today when absent or blank; a date
/// the user typed, `JJ/MM/AAAA` or ISO, else an error on `as_of`).
#[tauri::command]
pub fn dashboard(core: State<'_, Core>, as_of: Option<String>) -> Result<DashboardView, ErrorView> {
    core.with(|ctx| {
        let as_of = match as_of.as_deref().map(str::trim) {
            None | Some("") => ctx.clock().today(),
            Some(raw) => parse_date(Field::AsOf, raw).map_err(|i| AppError::Invalid(Validation { issues: vec![i] }))?,
        };
        let d = relance_app::dashboard::dashboard(ctx, as_of, DEFAULT_PERIOD_DAYS)?;
        Ok(DashboardView::from(&d))
    })
}
