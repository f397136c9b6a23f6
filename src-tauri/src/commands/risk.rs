//! How a customer pays: its score, segment and reasons today.

use relance_domain::ids::CustomerId;
use relance_wire::risk::RiskView;
use relance_wire::ErrorView;
use tauri::State;

use crate::core::Core;

#[tauri::command]
pub fn customer_risk(core: State<'_, Core>, id: i64) -> Result<RiskView, ErrorView> {
    let lang = core.language();
    core.with(|ctx| relance_app::risk::customer(ctx, CustomerId(id)).map(|a| RiskView::new(&a, lang)))
}
