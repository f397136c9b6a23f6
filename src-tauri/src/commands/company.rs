use relance_domain::company::CompanyInput;
use relance_wire::documents::LogoView;
use relance_wire::forms::CompanyForm;
use relance_wire::views::CompanyView;
use relance_wire::ErrorView;
use tauri::State;

use crate::core::Core;

#[tauri::command]
pub fn company_get(core: State<'_, Core>) -> Result<CompanyView, ErrorView> {
    let lang = core.language();
    core.with(|ctx| relance_app::company::get(ctx, lang)).map(|c| CompanyView::from(&c))
}

#[tauri::command]
pub fn company_save(core: State<'_, Core>, form: CompanyForm) -> Result<CompanyView, ErrorView> {
    let saved = core.with(|ctx| relance_app::company::save(ctx, &CompanyInput::from(&form)))?;
    core.set_language(saved.language);
    Ok(CompanyView::from(&saved))
}

/// The company's logo, if one is kept (Settings' preview).
#[tauri::command]
pub fn company_logo_get(core: State<'_, Core>) -> Result<Option<LogoView>, ErrorView> {
    core.with(|ctx| relance_app::company::logo(ctx)).map(|l| l.map(LogoView::from))
}

/// Keeps `bytes` (read in the web view from the file the user chose) as the logo, once checked.
#[tauri::command]
pub fn company_logo_set(core: State<'_, Core>, bytes: Vec<u8>) -> Result<LogoView, ErrorView> {
    core.with(|ctx| relance_app::company::set_logo(ctx, &bytes)).map(LogoView::from)
}

/// Removes the logo (asked for confirmation by the UI).
#[tauri::command]
pub fn company_logo_remove(core: State<'_, Core>) -> Result<bool, ErrorView> {
    core.with(relance_app::company::remove_logo)
}
