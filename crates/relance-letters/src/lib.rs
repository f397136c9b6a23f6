//! Relance's letters: reminder letters and the mise en demeure, laid out on A4 pages by a pure
//! layout model ([`layout`]) and rendered to PDF ([`pdf`]) with DejaVu Sans embedded as a subset.
//!
//! Documents are built from plain data structs ([`letters`]): no SQL, no clock, no files. All the
//! sentences of a letter, in French and English, live in [`text`]. Text from users (names, addresses,
//! invoice numbers) is data: cleaned of control and bidi characters, drawn as plain runs, wrapped or cut
//! with an ellipsis within its box.

pub mod agreement;
pub mod dossier;
pub mod font;
pub mod format;
pub mod layout;
pub mod letters;
pub mod logo;
pub mod mail;
pub mod pdf;
pub mod plain;
pub mod sample;
pub mod statement;
pub mod templates;
pub mod text;

pub use agreement::{agreement, Agreement, CoveredInvoice, ScheduleLine};
pub use dossier::{dossier, Broken, Dossier, Step};
pub use font::Fonts;
pub use layout::Document;
pub use letters::{
    notice, notice_with, reminder, reminder_with, Creditor, InvoiceLine, Lang, Notice, NoticeInvoice, Party,
    PenaltyPeriod, Reminder, ReminderLevel,
};
pub use logo::{Logo, LogoFormat, LogoProblem};
pub use statement::{statement, CreditLine, PaymentLine, Statement};
pub use templates::LetterTexts;

/// Why a letter could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LetterError {
    #[error("font: {0}")]
    Font(String),
    #[error("nothing to put in the letter: no invoice")]
    NoInvoice,
    #[error("logo: {0}")]
    Logo(String),
}

/// The PDF of `doc`.
pub fn to_pdf(doc: &Document) -> Result<Vec<u8>, LetterError> {
    pdf::render(doc, Fonts::get()?)
}

/// The plain text of `doc`, for an e-mail's body: the same letter as its PDF (see [`plain`]).
pub fn plain_text(doc: &Document) -> Result<String, LetterError> {
    Ok(plain::render(doc, Fonts::get()?))
}
