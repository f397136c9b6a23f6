//! Documents on the wire: a PDF the app wrote for the user (statement, agreement, the day's
//! letters, a sent letter's copy...) and the errors of making one.

use relance_app::letters::LettersError;
use relance_domain::company::Language;
use serde::Serialize;
use ts_rs::TS;

use crate::error::{error_message, ErrorCode, ErrorView};
use crate::messages;

/// A document written in the app's documents folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DocumentView {
    /// The file's name, to show (`releve-de-compte-dupont-2026-11-24.pdf`).
    pub file_name: String,
    /// The full path, to show when the viewer could not be opened.
    pub path: String,
    pub pages: u32,
    /// The system viewer was asked to show it (false in tests, or without a PDF viewer).
    pub opened: bool,
}

/// The company's logo as kept, for the settings' preview (`data:` URL built by the UI from the bytes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LogoView {
    /// `image/png` or `image/jpeg`.
    pub media_type: String,
    pub width: u32,
    pub height: u32,
    /// The file as chosen.
    pub bytes: Vec<u8>,
}

impl From<relance_store::company_logo::StoredLogo> for LogoView {
    fn from(l: relance_store::company_logo::StoredLogo) -> Self {
        LogoView { media_type: l.media_type, width: l.width, height: l.height, bytes: l.bytes }
    }
}

/// Why a letter or document could not be made, in the user's language.
pub fn letters_error(err: &LettersError, lang: Language) -> ErrorView {
    match err {
        LettersError::App(e) => error_message(e, lang),
        LettersError::NothingDue => internal(messages::nothing_to_claim(lang)),
        LettersError::NoNotice => internal(messages::dossier_needs_notice(lang)),
        LettersError::Render(e) => internal(messages::document_not_made(&e.to_string(), lang)),
    }
}

/// The document could not be saved in the documents folder.
pub fn save_error(detail: &str, lang: Language) -> ErrorView {
    internal(messages::document_not_saved(detail, lang))
}

fn internal(message: String) -> ErrorView {
    ErrorView { code: ErrorCode::Internal, message, field: None, fields: Vec::new() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_to_claim_is_said_in_words() {
        let view = letters_error(&LettersError::NothingDue, Language::Fr);
        assert_eq!(view.message, "Ce client ne doit rien à cette date : il n’y a pas de lettre à faire.");
        let view = letters_error(&LettersError::NothingDue, Language::En);
        assert_eq!(view.message, "This customer owes nothing at that date: there is no letter to make.");
    }
}
