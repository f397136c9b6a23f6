//! The texts of the letters on the wire: the Settings section « Textes des lettres » (each letter in
//! each language, its parts, the placeholders each part may use) and the form that saves one.

use relance_app::letter_templates::LetterTemplate;
use relance_app::AppError;
use relance_domain::company::Language;
use relance_domain::letter_templates::{TemplateKind, TemplatePart};
use relance_domain::validation::{Field, Problem};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One editable part of a letter.
#[derive(Debug, Clone, Serialize, TS)]
pub struct LetterTemplatePartView {
    /// `title`, `before`, `before_one`, `after` or `closing`; errors come on `template_<part>`.
    pub part: String,
    /// What is printed now.
    pub text: String,
    pub default_text: String,
    pub is_default: bool,
    /// Must not be left empty.
    pub required: bool,
    pub max_chars: u32,
    /// The placeholder names (without braces) this part may use, in the order to show them.
    pub placeholders: Vec<String>,
}

/// One letter in one language.
#[derive(Debug, Clone, Serialize, TS)]
pub struct LetterTemplateView {
    /// `pre_due`, `friendly`, `firm` or `notice`.
    pub kind: String,
    /// `fr` or `en`.
    pub lang: String,
    pub is_default: bool,
    pub parts: Vec<LetterTemplatePartView>,
}

impl From<&LetterTemplate> for LetterTemplateView {
    fn from(t: &LetterTemplate) -> Self {
        LetterTemplateView {
            kind: t.kind.code().to_string(),
            lang: t.lang.code().to_string(),
            is_default: t.is_default(),
            parts: t
                .parts
                .iter()
                .map(|p| LetterTemplatePartView {
                    part: p.part.code().to_string(),
                    text: p.text.clone(),
                    default_text: p.default_text.to_string(),
                    is_default: p.is_default,
                    required: p.part.required(),
                    max_chars: u32::try_from(p.part.max_chars()).unwrap_or(u32::MAX),
                    placeholders: t.kind.placeholders(p.part).iter().map(|ph| ph.name().to_string()).collect(),
                })
                .collect(),
        }
    }
}

/// One part as typed.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct LetterTemplatePartForm {
    pub part: String,
    pub text: String,
}

/// The texts of one letter in one language, as typed.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct LetterTemplateForm {
    pub kind: String,
    pub lang: String,
    pub parts: Vec<LetterTemplatePartForm>,
}

/// The letter kind and language named by their codes.
pub fn key(kind: &str, lang: &str) -> Result<(TemplateKind, Language), AppError> {
    let k = TemplateKind::from_code(kind).ok_or_else(|| {
        AppError::invalid(
            Field::TemplateLetter,
            Problem::InvalidFormat { expected: "pre_due | friendly | firm | notice" },
        )
    })?;
    let l = Language::from_code(lang)
        .filter(|l| l.code() == lang)
        .ok_or_else(|| AppError::invalid(Field::Language, Problem::InvalidFormat { expected: "fr | en" }))?;
    Ok((k, l))
}

impl LetterTemplateForm {
    /// The letter, its language and its parts; an unknown code is refused.
    #[allow(clippy::type_complexity)]
    pub fn parse(&self) -> Result<(TemplateKind, Language, Vec<(TemplatePart, String)>), AppError> {
        let (kind, lang) = key(&self.kind, &self.lang)?;
        let parts = self
            .parts
            .iter()
            .map(|p| {
                TemplatePart::from_code(&p.part).map(|part| (part, p.text.clone())).ok_or_else(|| {
                    AppError::invalid(
                        Field::TemplateLetter,
                        Problem::InvalidFormat { expected: "title | before | before_one | after | closing" },
                    )
                })
            })
            .collect::<Result<_, _>>()?;
        Ok((kind, lang, parts))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use relance_app::letter_templates::PartText;

    #[test]
    fn a_view_says_each_part_its_default_and_its_placeholders() {
        let t = LetterTemplate {
            kind: TemplateKind::Notice,
            lang: Language::Fr,
            parts: vec![PartText {
                part: TemplatePart::BeforeOne,
                text: "{customer_name}, payez.".into(),
                default_text: "Défaut",
                is_default: false,
            }],
        };
        let json = serde_json::to_string(&LetterTemplateView::from(&t)).unwrap();
        assert_eq!(
            json,
            r#"{"kind":"notice","lang":"fr","is_default":false,"parts":[{"part":"before_one","text":"{customer_name}, payez.","default_text":"Défaut","is_default":false,"required":true,"max_chars":1500,"placeholders":["customer_name","company_name","total_due","invoice_count","invoice_number","date","oldest_due_date","deadline"]}]}"#
        );
    }

    #[test]
    fn a_form_parses_and_unknown_codes_are_refused() {
        let form = LetterTemplateForm {
            kind: "friendly".into(),
            lang: "fr".into(),
            parts: vec![LetterTemplatePartForm { part: "before_one".into(), text: "x".into() }],
        };
        let (k, l, parts) = form.parse().unwrap();
        assert_eq!((k, l), (TemplateKind::Friendly, Language::Fr));
        assert_eq!(parts, vec![(TemplatePart::BeforeOne, "x".to_string())]);
        assert!(key("reminder", "fr").is_err());
        assert!(key("firm", "french").is_err());
        let bad = LetterTemplateForm {
            parts: vec![LetterTemplatePartForm { part: "legal".into(), text: String::new() }],
            ..form
        };
        assert!(bad.parse().is_err());
    }
}
