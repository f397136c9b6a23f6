//! Errors as the UI and the CLI see them: `{code, message, field, fields}`.

use relance_app::AppError;
use relance_domain::company::Language;
use relance_store::StoreError;
use serde::Serialize;
use ts_rs::TS;

use crate::messages;

/// The closed list of error codes. A code is added only when the UI acts on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Bad input: show `fields` next to their inputs.
    Invalid,
    /// The record is gone: go back to the list.
    NotFound,
    /// The database file is from a newer Relance: tell the user to update.
    NewerDatabase,
    /// Anything else: show the message, nothing was written.
    Internal,
}

/// One problem about one field, worded for the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FieldErrorView {
    pub field: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ErrorView {
    pub code: ErrorCode,
    /// One sentence for the whole error (the first problem when there are several).
    pub message: String,
    /// The first field in error, if any.
    pub field: Option<String>,
    pub fields: Vec<FieldErrorView>,
}

/// Turns a use case's error into what the user reads, in their language.
pub fn error_message(err: &AppError, lang: Language) -> ErrorView {
    match err {
        AppError::Invalid(v) => {
            let fields: Vec<FieldErrorView> = v
                .issues
                .iter()
                .map(|i| FieldErrorView { field: messages::field_name(i), message: messages::issue(i, lang) })
                .collect();
            ErrorView {
                code: ErrorCode::Invalid,
                message: fields.first().map(|f| f.message.clone()).unwrap_or_default(),
                field: fields.first().map(|f| f.field.clone()),
                fields,
            }
        }
        AppError::NotFound(what) => ErrorView {
            code: ErrorCode::NotFound,
            message: messages::not_found(what, lang),
            field: None,
            fields: Vec::new(),
        },
        AppError::Storage(StoreError::NewerSchema { .. }) => ErrorView {
            code: ErrorCode::NewerDatabase,
            message: messages::newer_database(lang),
            field: None,
            fields: Vec::new(),
        },
        AppError::Storage(e) => ErrorView {
            code: ErrorCode::Internal,
            message: messages::storage(&e.to_string(), lang),
            field: None,
            fields: Vec::new(),
        },
        // No code of its own until the UI acts on it (a link to the rates
        // settings would be the reason to add `unknown_rate`).
        AppError::Penalty(e) => ErrorView {
            code: ErrorCode::Internal,
            message: messages::penalty(e, lang),
            field: None,
            fields: Vec::new(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use relance_domain::validation::{Field, Problem, Validation};

    #[test]
    fn json_shape_is_pinned() {
        let mut v = Validation::new();
        v.push(Field::Amount, Problem::InvalidAmount);
        v.push(Field::InvoiceNumber, Problem::Duplicate);
        let json = serde_json::to_string(&error_message(&AppError::Invalid(v), Language::Fr)).unwrap();
        assert_eq!(
            json,
            r#"{"code":"invalid","message":"Montant : ce n’est pas un montant valide (exemple : 1 234,56).","field":"amount","fields":[{"field":"amount","message":"Montant : ce n’est pas un montant valide (exemple : 1 234,56)."},{"field":"invoice_number","message":"Numéro de facture : ce numéro existe déjà."}]}"#
        );
        let json = serde_json::to_string(&error_message(&AppError::NotFound("invoice"), Language::En)).unwrap();
        assert_eq!(json, r#"{"code":"not_found","message":"This invoice no longer exists.","field":null,"fields":[]}"#);
    }

    #[test]
    fn cancelling_an_invoice_of_a_plan_names_the_plan() {
        let err = AppError::invalid(Field::Invoice, Problem::InPlan { plan: 3 });
        assert_eq!(
            error_message(&err, Language::Fr).message,
            "Facture : cette facture fait partie de l’échéancier n° 3 : renégociez-le d’abord."
        );
        assert_eq!(
            error_message(&err, Language::En).message,
            "Invoice: this invoice is part of installment plan no. 3: renegotiate it first."
        );
    }

    #[test]
    fn a_level_problem_names_its_row() {
        let err = relance_domain::dunning::Policy::new(vec![]).map(|_| ()).unwrap_err();
        assert_eq!(error_message(&AppError::Invalid(err), Language::Fr).field.as_deref(), Some("dunning_levels"));
        let mut v = Validation::new();
        v.push_at(2, Field::LevelOffset, Problem::NotAfterPrevious);
        let view = error_message(&AppError::Invalid(v), Language::Fr);
        assert_eq!(view.field.as_deref(), Some("levels.2.level_offset"));
        assert_eq!(view.message, "Niveau 3 – Délai en jours : doit être plus grand que celui du niveau précédent.");
    }

    #[test]
    fn an_unknown_rate_names_the_half_year_to_enter() {
        use relance_domain::penalties::PenaltyError;
        use relance_domain::rates::{CreditorKind, HalfYear, UnknownRate};
        let half_year = HalfYear::new(2026, 2).unwrap();
        let err = AppError::Penalty(PenaltyError::UnknownRate(UnknownRate::Legal {
            half_year,
            creditor: CreditorKind::OtherCases,
        }));
        let json = serde_json::to_string(&error_message(&err, Language::Fr)).unwrap();
        assert_eq!(
            json,
            r#"{"code":"internal","message":"Le taux de l’intérêt légal du second semestre 2026 n’est pas connu. Ajoutez-le dans Réglages, « Taux de pénalités de retard », d’après l’arrêté publié au Journal officiel ; aucune pénalité n’a été calculée.","field":null,"fields":[]}"#
        );
        let en = error_message(&err, Language::En).message;
        assert!(en.contains("second half of 2026"), "{en}");
    }
}
