use relance_app::{AppError, Context};
use relance_domain::demo::DemoOptions;
use relance_wire::views::{AppInfoView, DemoSummaryView};
use relance_wire::ErrorView;
use tauri::State;

use crate::core::Core;
use crate::paths::AppPaths;

/// What the UI needs to start: version, language, and whether to offer the example business.
#[tauri::command]
pub fn app_info(core: State<'_, Core>, paths: State<'_, AppPaths>) -> Result<AppInfoView, ErrorView> {
    let language = core.language();
    core.with(|ctx| {
        let store = ctx.store();
        Ok(AppInfoView {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            language: language.code().to_owned(),
            data_dir: paths.data_dir.display().to_string(),
            database_is_empty: store.is_empty().map_err(AppError::from)?,
            company_named: relance_store::company::get(store.conn()).map_err(AppError::from)?.is_some(),
            today: ctx.clock().today().to_string(),
        })
    })
}

/// Fills an empty database with the example business.
#[tauri::command]
pub fn load_demo(core: State<'_, Core>) -> Result<DemoSummaryView, ErrorView> {
    let summary = core.with(|ctx| relance_app::demo::load(ctx, &DemoOptions::default()))?;
    if let Ok(company) = core.with(|ctx| relance_app::company::get(ctx, core.language())) {
        core.set_language(company.language);
    }
    Ok(DemoSummaryView { customers: summary.customers, invoices: summary.invoices, payments: summary.payments })
}
