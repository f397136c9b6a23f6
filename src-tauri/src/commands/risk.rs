//! How a customer pays: its score, segment and reasons today; the thresholds
//! the profiles are decided with.

use relance_domain::ids::CustomerId;
use relance_wire::risk::{RiskSettingsForm, RiskSettingsView, RiskView};
use relance_wire::ErrorView;
use tauri::State;

use crate::core::Core;

#[tauri::command]
pub fn customer_risk(core: State<'_, Core>, id: i64) -> Result<RiskView, ErrorView> {
    let lang = core.language();
    core.with(|ctx| relance_app::risk::customer(ctx, CustomerId(id)).map(|a| RiskView::new(&a, lang)))
}

#[tauri::command]
pub fn risk_settings_get(core: State<'_, Core>) -> Result<RiskSettingsView, ErrorView> {
    core.with(|ctx| relance_app::risk::thresholds(ctx).map(|t| RiskSettingsView::new(&t)))
}

#[tauri::command]
pub fn risk_settings_save(core: State<'_, Core>, form: RiskSettingsForm) -> Result<RiskSettingsView, ErrorView> {
    core.with(|ctx| relance_app::risk::save_thresholds(ctx, &form.input()).map(|t| RiskSettingsView::new(&t)))
}
