//! Documents on the wire: a PDF the app wrote for the user (statement, agreement, the day's
//! letters, a sent letter's copy...) and the errors of making one.

use relance_app::day_letters::{DayBatch, DayLettersError, Unprintable};
use relance_app::letters::{LetterKind, LettersError};
use relance_domain::company::Language;
use relance_domain::penalties::PenaltyError;
use relance_letters::ReminderLevel;
use relance_store::letters_sent::SentLetter;
use serde::Serialize;
use ts_rs::TS;

use crate::error::{error_message, ErrorCode, ErrorView};
use crate::messages;
use crate::views::money;

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

/// A letter of today's agenda, before printing (« Imprimer les lettres du jour (N) »).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LetterDueView {
    pub customer_id: i64,
    pub customer_name: String,
    /// `reminder` | `notice` (the mise en demeure).
    pub kind: String,
}

/// The day's letters once printed: what was printed, what could not be, and the batch's file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DayLettersView {
    pub as_of: String,
    /// The batch's pages (0 when nothing was printed).
    pub pages: u32,
    pub printed: Vec<PrintedLetterView>,
    pub not_printed: Vec<NotPrintedView>,
    /// The batch PDF; none when no letter could be printed (nothing was written).
    pub document: Option<DocumentView>,
}

/// One printed letter: its action is done and its copy kept with the customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PrintedLetterView {
    pub customer_id: i64,
    pub customer_name: String,
    /// `reminder` | `notice`.
    pub kind: String,
    /// The reminder's level (`pre_due` | `friendly` | `firm`); none for a mise en demeure.
    pub level: Option<String>,
    pub invoice_numbers: Vec<String>,
    pub total: String,
    /// Its first page in the batch (from 1) and its number of pages.
    pub first_page: u32,
    pub pages: u32,
    /// The kept copy, for « Voir la lettre ».
    pub copy_id: i64,
}

/// A letter of the day that could not be made: its action stays in the agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NotPrintedView {
    pub customer_id: i64,
    pub customer_name: String,
    pub kind: String,
    /// Why, and what to do, in the user's language.
    pub reason: String,
    /// The place where the user can fix it: `rates` (the penalty rates in Settings), or none.
    pub fix: Option<String>,
}

/// A kept copy of a letter sent to a customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SentLetterView {
    pub id: i64,
    /// The day it was printed.
    pub on: String,
    pub kind: String,
    pub level: Option<String>,
    pub invoice_numbers: Vec<String>,
    pub total: String,
    pub pages: u32,
}

impl From<&SentLetter> for SentLetterView {
    fn from(l: &SentLetter) -> Self {
        SentLetterView {
            id: l.id,
            on: l.on.to_string(),
            kind: l.kind.clone(),
            level: l.level.clone(),
            invoice_numbers: l.invoice_numbers.clone(),
            total: money(l.total),
            pages: u32::try_from(l.pages).unwrap_or(0),
        }
    }
}

/// `reminder` | `notice`.
pub fn letter_kind_code(kind: LetterKind) -> &'static str {
    match kind {
        LetterKind::Reminder => "reminder",
        LetterKind::Notice => "notice",
    }
}

fn level_code(level: ReminderLevel) -> &'static str {
    match level {
        ReminderLevel::PreDue => "pre_due",
        ReminderLevel::Friendly => "friendly",
        ReminderLevel::Firm => "firm",
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The printed batch for the UI; `document` is where it was written (none when nothing was printed).
pub fn day_letters_view(batch: &DayBatch, document: Option<DocumentView>, lang: Language) -> DayLettersView {
    DayLettersView {
        as_of: batch.as_of.to_string(),
        pages: count(batch.pages),
        printed: batch
            .printed
            .iter()
            .map(|p| PrintedLetterView {
                customer_id: p.customer.0,
                customer_name: p.customer_name.clone(),
                kind: letter_kind_code(p.kind).to_string(),
                level: p.level.map(|l| level_code(l).to_string()),
                invoice_numbers: p.invoice_numbers.clone(),
                total: money(p.total_due),
                first_page: count(p.first_page),
                pages: count(p.pages),
                copy_id: p.copy_id,
            })
            .collect(),
        not_printed: batch
            .not_printed
            .iter()
            .map(|n| NotPrintedView {
                customer_id: n.customer.0,
                customer_name: n.customer_name.clone(),
                kind: letter_kind_code(n.kind).to_string(),
                reason: unprintable_reason(&n.reason, lang),
                fix: match &n.reason {
                    Unprintable::Penalty(PenaltyError::UnknownRate(_)) => Some("rates".to_string()),
                    _ => None,
                },
            })
            .collect(),
        document,
    }
}

/// Why a letter of the day was not made, and what to do, as a sentence.
pub fn unprintable_reason(reason: &Unprintable, lang: Language) -> String {
    match reason {
        Unprintable::Penalty(p) => messages::penalty(p, lang),
        Unprintable::NothingDue => messages::nothing_to_claim(lang),
        Unprintable::Render(detail) => messages::document_not_made(detail, lang),
    }
}

/// Why the day's letters could not be printed (nothing was recorded), in the user's language.
pub fn day_letters_error(err: &DayLettersError, lang: Language) -> ErrorView {
    match err {
        DayLettersError::App(e) => error_message(e, lang),
        DayLettersError::Render(detail) => internal(messages::document_not_made(detail, lang)),
        DayLettersError::Save(e) => internal(messages::day_letters_not_saved(&e.to_string(), lang)),
    }
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
    fn a_batch_that_could_not_be_saved_says_nothing_was_recorded() {
        let err = DayLettersError::Save(std::io::Error::other("disque plein"));
        let view = day_letters_error(&err, Language::Fr);
        assert_eq!(view.code, ErrorCode::Internal);
        assert!(view.message.contains("aucune lettre n’a été notée comme envoyée"), "{}", view.message);
        assert!(view.message.ends_with("Détail : disque plein"), "{}", view.message);
        let view = day_letters_error(&err, Language::En);
        assert!(view.message.contains("no letter was recorded as sent"), "{}", view.message);
    }

    #[test]
    fn an_unknown_ecb_rate_names_the_rate_and_points_to_the_settings() {
        use relance_app::day_letters::NotPrinted;
        use relance_domain::ids::CustomerId;
        use relance_domain::rates::UnknownRate;
        let on = chrono::NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
        let batch = DayBatch {
            as_of: chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
            printed: Vec::new(),
            not_printed: vec![NotPrinted {
                customer: CustomerId(7),
                customer_name: "Garage <b>Martin</b>".into(),
                kind: LetterKind::Notice,
                reason: Unprintable::Penalty(PenaltyError::UnknownRate(UnknownRate::Ecb { on })),
            }],
            pages: 0,
            pdf: Vec::new(),
        };
        let view = day_letters_view(&batch, None, Language::Fr);
        let n = &view.not_printed[0];
        assert_eq!((n.customer_id, n.kind.as_str(), n.fix.as_deref()), (7, "notice", Some("rates")));
        assert_eq!(n.customer_name, "Garage <b>Martin</b>");
        assert!(n.reason.starts_with("Le taux de refinancement de la BCE en vigueur le 01/07/2026"), "{}", n.reason);
        assert!(n.reason.contains("Réglages"), "{}", n.reason);
        assert_eq!(view.document, None);
        assert_eq!(view.pages, 0);
    }

    #[test]
    fn nothing_to_claim_is_said_in_words() {
        let view = letters_error(&LettersError::NothingDue, Language::Fr);
        assert_eq!(view.message, "Ce client ne doit rien à cette date : il n’y a pas de lettre à faire.");
        let view = letters_error(&LettersError::NothingDue, Language::En);
        assert_eq!(view.message, "This customer owes nothing at that date: there is no letter to make.");
    }
}
