//! Export to CSV from the UI: what the user asks for (which list, at which
//! date, in which format) and what was written.

use chrono::NaiveDate;
use relance_app::export::{ExportError, Format, Kind};
use relance_app::AppError;
use relance_domain::company::Language;
use relance_domain::dates::parse_date;
use relance_domain::validation::{Field, Validation};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{error_message, ErrorCode, ErrorView};
use crate::messages;

/// The list to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportKindForm {
    Customers,
    Invoices,
    Payments,
    Aging,
    Agenda,
    /// The dashboard's figures at `as_of`.
    Kpis,
}

/// `fr`: `;`, 1234,56, dd/mm/yyyy, for Excel in French; `en`: `,`, 1234.56, yyyy-mm-dd.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormatForm {
    Fr,
    En,
}

/// « Exporter »: one list of the books as a CSV file.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ExportForm {
    pub kind: ExportKindForm,
    pub format: ExportFormatForm,
    /// The date of the aged balance and the agenda; today when empty. Errors on `as_of`.
    pub as_of: Option<String>,
}

/// What the form asks for, checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportAsked {
    pub kind: Kind,
    pub format: Format,
    pub as_of: NaiveDate,
}

impl ExportForm {
    /// The export asked for; a bad date is `Invalid` on `as_of`.
    pub fn parse(&self, today: NaiveDate) -> Result<ExportAsked, AppError> {
        let kind = match self.kind {
            ExportKindForm::Customers => Kind::Customers,
            ExportKindForm::Invoices => Kind::Invoices,
            ExportKindForm::Payments => Kind::Payments,
            ExportKindForm::Aging => Kind::Aging,
            ExportKindForm::Agenda => Kind::Agenda,
            ExportKindForm::Kpis => Kind::Kpis,
        };
        let format = match self.format {
            ExportFormatForm::Fr => Format::Fr,
            ExportFormatForm::En => Format::En,
        };
        let as_of = match self.as_of.as_deref().map(str::trim) {
            None | Some("") => today,
            Some(raw) => parse_date(Field::AsOf, raw).map_err(|i| AppError::Invalid(Validation { issues: vec![i] }))?,
        };
        Ok(ExportAsked { kind, format, as_of })
    }
}

impl ExportAsked {
    /// The name the save dialog offers: dated by the aged balance's or the agenda's date, by
    /// today for the lists (`relance-factures-2026-11-24.csv`).
    pub fn file_name(&self, today: NaiveDate) -> String {
        let date = match self.kind {
            Kind::Aging | Kind::Agenda | Kind::Kpis => self.as_of,
            Kind::Customers | Kind::Invoices | Kind::Payments => today,
        };
        relance_app::export::file_name(self.kind, self.format, date)
    }
}

/// An export written where the user chose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExportedView {
    /// Data rows written (the header not counted).
    pub rows: u32,
    /// `relance-factures-2026-11-24.csv`.
    pub file_name: String,
    /// The full path, to show.
    pub path: String,
}

/// The words of an export that could not be made.
pub fn export_error(e: &ExportError, lang: Language) -> ErrorView {
    match e {
        ExportError::App(e) => error_message(e, lang),
        ExportError::Csv(e) => internal(messages::export_not_made(&e.to_string(), lang)),
    }
}

/// The file could not be written where the user chose: nothing was left there.
pub fn export_not_saved(file: &str, detail: &str, lang: Language) -> ErrorView {
    internal(messages::export_not_saved(file, detail, lang))
}

fn internal(message: String) -> ErrorView {
    ErrorView { code: ErrorCode::Internal, message, field: None, fields: Vec::new() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(kind: &str, format: &str, as_of: Option<&str>) -> ExportForm {
        let json = serde_json::json!({ "kind": kind, "format": format, "as_of": as_of });
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn the_form_reads_the_list_the_format_and_the_date_today_by_default() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let asked = form("aging", "fr", Some("31/10/2026")).parse(today).unwrap();
        assert_eq!(
            asked,
            ExportAsked {
                kind: Kind::Aging,
                format: Format::Fr,
                as_of: NaiveDate::from_ymd_opt(2026, 10, 31).unwrap()
            }
        );
        assert_eq!(asked.file_name(today), "relance-balance-agee-2026-10-31.csv");
        let invoices = form("invoices", "en", None).parse(today).unwrap();
        assert_eq!(invoices.as_of, today);
        assert_eq!(invoices.file_name(today), "relance-invoices-2026-11-24.csv");
        assert_eq!(form("customers", "en", Some(" ")).parse(today).unwrap().as_of, today);
    }

    #[test]
    fn a_bad_date_is_refused_on_its_field_in_the_users_language() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let err = form("agenda", "fr", Some("32/13/2026")).parse(today).unwrap_err();
        let view = error_message(&err, Language::Fr);
        assert_eq!(view.code, ErrorCode::Invalid);
        assert_eq!(view.field.as_deref(), Some("as_of"));
        assert!(!view.message.is_empty());
        let unknown = serde_json::json!({ "kind": "everything", "format": "fr", "as_of": null });
        assert!(serde_json::from_value::<ExportForm>(unknown).is_err());
        let unknown = serde_json::json!({ "kind": "customers", "format": "de", "as_of": null });
        assert!(serde_json::from_value::<ExportForm>(unknown).is_err());
    }

    #[test]
    fn a_file_not_written_says_nothing_was_left_and_names_the_file() {
        let view = export_not_saved("relance-clients-2026-11-24.csv", "disque plein", Language::Fr);
        assert_eq!(view.code, ErrorCode::Internal);
        assert!(view.message.contains("relance-clients-2026-11-24.csv"), "{}", view.message);
        assert!(view.message.contains("disque plein"));
        let en = export_not_saved("relance-customers-2026-11-24.csv", "disk full", Language::En);
        assert!(en.message.starts_with("The file"), "{}", en.message);
    }
}
