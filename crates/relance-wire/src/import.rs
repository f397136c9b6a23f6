//! A CSV import's report on the wire: the counts and every row in error
//! with its line, its column and the reason in words.

use relance_app::import::{
    DateOrder, Encoding, ImportKind, ImportProblem, ImportReport, Preset, PreviewRow, Remembered, RowError,
};
use relance_domain::company::Language;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{ErrorCode, ErrorView, FieldErrorView};
use crate::messages;
use crate::views::{date, money};

/// What the import screen sends: the file's path and the user's choices.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ImportForm {
    pub path: String,
    /// `invoices`, `customers` or `payments`.
    pub kind: String,
    /// `ibm` or `generic`.
    pub preset: String,
    /// `day_first`, `month_first`, or none to let the file decide.
    pub dates: Option<String>,
}

/// The form's choices, typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportChoices {
    pub kind: ImportKind,
    pub preset: Preset,
    pub dates: Option<DateOrder>,
}

fn form_error(field: &str, message: String) -> ErrorView {
    ErrorView {
        code: ErrorCode::Invalid,
        message: message.clone(),
        field: Some(field.to_string()),
        fields: vec![FieldErrorView { field: field.to_string(), message }],
    }
}

impl ImportForm {
    /// The choices, or an error on `import_kind`, `import_preset` or `import_dates`.
    pub fn choices(&self, lang: Language) -> Result<ImportChoices, ErrorView> {
        let kind = ImportKind::from_code(&self.kind).ok_or_else(|| {
            form_error("import_kind", messages::import_choice(lang, "le contenu du fichier", "the file’s contents"))
        })?;
        let preset = Preset::from_code(&self.preset).ok_or_else(|| {
            form_error("import_preset", messages::import_choice(lang, "le modèle de colonnes", "the column preset"))
        })?;
        let dates = match self.dates.as_deref() {
            None | Some("") => None,
            Some(code) => Some(DateOrder::from_code(code).ok_or_else(|| {
                form_error("import_dates", messages::import_choice(lang, "l’ordre des dates", "the order of the dates"))
            })?),
        };
        Ok(ImportChoices { kind, preset, dates })
    }

    /// Reads the file; a path that cannot be read is an error on `import_path`.
    pub fn read(&self, lang: Language) -> Result<Vec<u8>, ErrorView> {
        let path = self.path.trim();
        if path.is_empty() {
            return Err(form_error("import_path", messages::import_no_file(lang)));
        }
        std::fs::read(path).map_err(|e| form_error("import_path", messages::import_unreadable(path, &e, lang)))
    }
}

/// One row of the preview as it will be read: dates `YYYY-MM-DD`, amounts as decimal strings.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportPreviewRowView {
    pub line: u32,
    pub customer: String,
    /// The invoice number, or a customer's code.
    pub number: Option<String>,
    pub date: Option<String>,
    pub due: Option<String>,
    pub amount: Option<String>,
    /// The settled date of an invoice (`YYYY-MM-DD`), the reference of a payment, the e-mail of a customer.
    pub detail: Option<String>,
}

impl From<&PreviewRow> for ImportPreviewRowView {
    fn from(r: &PreviewRow) -> Self {
        ImportPreviewRowView {
            line: u32::try_from(r.line).unwrap_or(u32::MAX),
            customer: r.customer.clone(),
            number: r.number.clone(),
            date: r.date.map(date),
            due: r.due.map(date),
            amount: r.amount.map(money),
            detail: r.detail.clone(),
        }
    }
}

/// The rows written so far during an import.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportProgressView {
    pub done: u32,
    pub total: u32,
}

/// The choices made last time for a file with the same header line.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportRememberedView {
    pub kind: String,
    pub preset: String,
    pub dates: Option<String>,
}

impl From<&Remembered> for ImportRememberedView {
    fn from(r: &Remembered) -> Self {
        ImportRememberedView {
            kind: r.kind.code().to_string(),
            preset: r.preset.code().to_string(),
            dates: r.date_order.map(|o| o.code().to_string()),
        }
    }
}

/// One problem of the file: line 1 is the header; no line for a whole column.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportRowErrorView {
    pub line: Option<u32>,
    pub column: Option<String>,
    /// A stable code: `not_text`, `cell_count`, `bad_value`, `ambiguous_dates`…
    pub code: String,
    /// The whole sentence, line and column included.
    pub message: String,
}

/// What an import did, or would do (a dry run, or a file with errors:
/// then `written` is false and nothing changed).
#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportReportView {
    pub rows: u32,
    pub customers_created: u32,
    pub invoices_created: u32,
    pub payments_created: u32,
    pub unchanged: u32,
    pub disputed_seen: u32,
    pub written: bool,
    /// `utf-8`, `utf-8-bom` or `windows-1252`; none when the file could not be read.
    pub encoding: Option<String>,
    pub delimiter: Option<String>,
    pub errors: Vec<ImportRowErrorView>,
    /// The first rows as they will be read (at most 20).
    pub preview: Vec<ImportPreviewRowView>,
}

fn code(p: &ImportProblem) -> &'static str {
    use ImportProblem::*;
    match p {
        NotText => "not_text",
        Unreadable => "unreadable",
        NoRows => "no_rows",
        LineTooLong { .. } => "line_too_long",
        CellCount { .. } => "cell_count",
        TooLong { .. } => "too_long",
        MissingColumn { .. } => "missing_column",
        AmbiguousDates => "ambiguous_dates",
        AmbiguousAmounts => "ambiguous_amounts",
        Value { .. } => "bad_value",
        DuplicateInFile { .. } => "duplicate_in_file",
        ConflictsWithBooks => "conflicts_with_books",
        OtherPayments => "other_payments",
        DuplicateRow { .. } => "duplicate_row",
        UnknownInvoice => "unknown_invoice",
        UnknownCustomer => "unknown_customer",
        OtherCustomer => "other_customer",
        Overpays { .. } => "overpays",
    }
}

impl ImportRowErrorView {
    pub fn new(e: &RowError, lang: Language) -> Self {
        ImportRowErrorView {
            line: e.line.map(|l| u32::try_from(l).unwrap_or(u32::MAX)),
            column: e.column.clone(),
            code: code(&e.problem).to_string(),
            message: messages::import_row_error(e, lang),
        }
    }
}

impl ImportReportView {
    pub fn new(r: &ImportReport, lang: Language) -> Self {
        ImportReportView {
            rows: r.rows,
            customers_created: r.customers_created,
            invoices_created: r.invoices_created,
            payments_created: r.payments_created,
            unchanged: r.unchanged,
            disputed_seen: r.disputed_seen,
            written: r.written,
            encoding: r.encoding.map(|e| {
                match e {
                    Encoding::Utf8 => "utf-8",
                    Encoding::Utf8Bom => "utf-8-bom",
                    Encoding::Windows1252 => "windows-1252",
                }
                .to_string()
            }),
            delimiter: r.delimiter.map(|d| d.to_string()),
            errors: r.errors.iter().map(|e| ImportRowErrorView::new(e, lang)).collect(),
            preview: r.preview.iter().map(ImportPreviewRowView::from).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use relance_domain::validation::Problem;

    use super::*;

    #[test]
    fn row_errors_name_their_line_and_column_in_both_languages() {
        let e =
            RowError::at(3, "Date", ImportProblem::Value { problem: Problem::InvalidDate, value: "32/01/2026".into() });
        assert_eq!(
            messages::import_row_error(&e, Language::Fr),
            "Ligne 3, colonne « Date » : ce n’est pas une date valide (exemple : 31/03/2026) (« 32/01/2026 »)."
        );
        assert_eq!(
            messages::import_row_error(&e, Language::En),
            "Line 3, column « Date »: not a valid date (example: 2026-03-31) (« 32/01/2026 »)."
        );
        let e = RowError { line: None, column: Some("InvoiceDate".into()), problem: ImportProblem::AmbiguousDates };
        assert_eq!(
            messages::import_row_error(&e, Language::Fr),
            "Les dates de la colonne « InvoiceDate » sont ambiguës (jour/mois ou mois/jour ?) : choisissez le format."
        );
        let e = RowError::file(Some(4), ImportProblem::CellCount { expected: 5, found: 3 });
        assert!(messages::import_row_error(&e, Language::Fr).starts_with("Ligne 4 : 3 colonne(s) au lieu de 5"));
        let e = RowError::file(None, ImportProblem::NoRows);
        assert!(messages::import_row_error(&e, Language::En).starts_with("Nothing to import"));
    }

    #[test]
    fn every_problem_has_a_code_and_words() {
        let all = [
            ImportProblem::NotText,
            ImportProblem::Unreadable,
            ImportProblem::NoRows,
            ImportProblem::LineTooLong { max: 1 },
            ImportProblem::CellCount { expected: 2, found: 1 },
            ImportProblem::TooLong { max: 1 },
            ImportProblem::MissingColumn { found: vec!["a".into()] },
            ImportProblem::AmbiguousDates,
            ImportProblem::AmbiguousAmounts,
            ImportProblem::Value { problem: Problem::Required, value: String::new() },
            ImportProblem::DuplicateInFile { first_line: 2 },
            ImportProblem::ConflictsWithBooks,
            ImportProblem::OtherPayments,
            ImportProblem::DuplicateRow { first_line: 2 },
            ImportProblem::UnknownInvoice,
            ImportProblem::UnknownCustomer,
            ImportProblem::OtherCustomer,
            ImportProblem::Overpays { remaining: relance_domain::Money::from_cents(1234) },
        ];
        for p in all {
            let fr = messages::import_problem(&p, Language::Fr);
            let en = messages::import_problem(&p, Language::En);
            assert!(!fr.is_empty() && !en.is_empty() && fr != en, "{p:?}");
            assert!(!code(&p).is_empty());
        }
    }
}
