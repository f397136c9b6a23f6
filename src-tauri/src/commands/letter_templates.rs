//! The texts of the letters (Settings, « Textes des lettres »).

use relance_wire::letter_templates::{key, LetterTemplateForm, LetterTemplateView};
use relance_wire::ErrorView;
use tauri::State;

use crate::core::Core;

/// Every letter (pre-due notice, friendly, firm, mise en demeure) in French and English.
#[tauri::command]
pub fn letter_templates_list(core: State<'_, Core>) -> Result<Vec<LetterTemplateView>, ErrorView> {
    core.with(|ctx| {
        relance_app::letter_templates::list(ctx).map(|all| all.iter().map(LetterTemplateView::from).collect())
    })
}

/// Saves one letter's texts in one language, checked first (errors on `template_<part>`).
#[tauri::command]
pub fn letter_template_save(core: State<'_, Core>, form: LetterTemplateForm) -> Result<LetterTemplateView, ErrorView> {
    core.with(|ctx| {
        let (kind, lang, parts) = form.parse()?;
        relance_app::letter_templates::save(ctx, kind, lang, &parts).map(|t| LetterTemplateView::from(&t))
    })
}

/// Puts the default wording back for one letter in one language.
#[tauri::command]
pub fn letter_template_reset(
    core: State<'_, Core>,
    kind: String,
    lang: String,
) -> Result<LetterTemplateView, ErrorView> {
    core.with(|ctx| {
        let (kind, lang) = key(&kind, &lang)?;
        relance_app::letter_templates::reset(ctx, kind, lang).map(|t| LetterTemplateView::from(&t))
    })
}
