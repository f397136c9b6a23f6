use relance_domain::company::CompanyInput;
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
