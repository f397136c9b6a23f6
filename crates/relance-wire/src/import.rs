//! A CSV import's report on the wire: the counts and every row in error
//! with its line, its column and the reason in words.

use relance_app::import::{Encoding, ImportProblem, ImportReport, RowError};
use relance_domain::company::Language;
use serde::Serialize;
use ts_rs::TS;

use crate::messages;

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
        ];
        for p in all {
            let fr = messages::import_problem(&p, Language::Fr);
            let en = messages::import_problem(&p, Language::En);
            assert!(!fr.is_empty() && !en.is_empty() && fr != en, "{p:?}");
            assert!(!code(&p).is_empty());
        }
    }
}
