//! The wording of the letters, per letter kind and language: what each part says now and whether
//! it is the default (`list`, `get`), the user's own text checked and saved (`save`), the default
//! put back (`reset`), and the texts every printed letter uses, read once per batch (`texts`).
//!
//! The check is the domain's (`relance_domain::letter_templates::check_all`); the default wording is
//! the letters crate's (`relance_letters::text::default_template`). Only the parts that differ from
//! the default are stored.

use relance_domain::company::Language;
use relance_domain::letter_templates::{check_all, TemplateKind, TemplatePart};
use relance_letters::text::default_template;
use relance_letters::{Lang, LetterTexts};
use relance_store::activity::{self, ActivityKind, Subject};

use crate::{AppResult, Context};

/// One editable part of a letter as it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartText {
    pub part: TemplatePart,
    /// What is printed: the user's text, or the default.
    pub text: String,
    pub default_text: &'static str,
    pub is_default: bool,
}

/// The editable parts of one letter in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterTemplate {
    pub kind: TemplateKind,
    pub lang: Language,
    pub parts: Vec<PartText>,
}

impl LetterTemplate {
    /// Every part is the default wording.
    pub fn is_default(&self) -> bool {
        self.parts.iter().all(|p| p.is_default)
    }
}

/// The letters crate's language for `lang`.
pub fn letter_lang(lang: Language) -> Lang {
    match lang {
        Language::Fr => Lang::Fr,
        Language::En => Lang::En,
    }
}

/// The texts every letter is printed with: the user's saved parts over the defaults. Read it once
/// for a batch of letters.
pub fn texts(ctx: &impl Context) -> AppResult<LetterTexts> {
    let mut texts = LetterTexts::defaults();
    for saved in relance_store::letter_templates::all(ctx.store().conn())? {
        texts.set(saved.kind, letter_lang(saved.lang), saved.part, saved.text);
    }
    Ok(texts)
}

fn template(texts: &LetterTexts, kind: TemplateKind, lang: Language) -> LetterTemplate {
    let l = letter_lang(lang);
    let parts = kind
        .parts()
        .iter()
        .map(|&part| PartText {
            part,
            text: texts.get(kind, l, part).to_string(),
            default_text: default_template(kind, l, part),
            is_default: texts.is_default(kind, l, part),
        })
        .collect();
    LetterTemplate { kind, lang, parts }
}

/// Every letter (pre-due notice, friendly, firm, mise en demeure) in French then English.
pub fn list(ctx: &impl Context) -> AppResult<Vec<LetterTemplate>> {
    let texts = texts(ctx)?;
    Ok(TemplateKind::ALL
        .into_iter()
        .flat_map(|kind| [Language::Fr, Language::En].map(|lang| (kind, lang)))
        .map(|(kind, lang)| template(&texts, kind, lang))
        .collect())
}

/// One letter in one language.
pub fn get(ctx: &impl Context, kind: TemplateKind, lang: Language) -> AppResult<LetterTemplate> {
    Ok(template(&texts(ctx)?, kind, lang))
}

/// Saves the texts of the letter `kind` in `lang`: every part of the letter, as typed. Checked first
/// (every problem on its part's field; nothing written if any); each part is trimmed, and a part equal
/// to the default is not stored. One transaction, one activity entry.
pub fn save(
    ctx: &mut impl Context,
    kind: TemplateKind,
    lang: Language,
    parts: &[(TemplatePart, String)],
) -> AppResult<LetterTemplate> {
    let borrowed: Vec<(TemplatePart, &str)> = parts.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let v = check_all(kind, &borrowed);
    if !v.is_empty() {
        return Err(v.into());
    }
    let l = letter_lang(lang);
    let rows: Vec<(TemplatePart, Option<&str>)> = borrowed
        .iter()
        .map(|&(part, text)| {
            let text = text.trim();
            (part, (text != default_template(kind, l, part).trim()).then_some(text))
        })
        .collect();
    let edited: Vec<&str> = rows.iter().filter(|(_, t)| t.is_some()).map(|(p, _)| p.code()).collect();
    let now = ctx.clock().now();
    ctx.store_mut().write(|tx| -> AppResult<()> {
        relance_store::letter_templates::replace(tx, kind, lang, &rows, now)?;
        let details =
            [("kind", kind.code().to_string()), ("lang", lang.code().to_string()), ("edited", edited.join(","))];
        activity::record(tx, now, ActivityKind::LetterTemplateSaved, Subject::default(), &details)?;
        Ok(())
    })?;
    get(ctx, kind, lang)
}

/// Puts the default wording back for the letter `kind` in `lang` (every part). One transaction, one
/// activity entry.
pub fn reset(ctx: &mut impl Context, kind: TemplateKind, lang: Language) -> AppResult<LetterTemplate> {
    let now = ctx.clock().now();
    ctx.store_mut().write(|tx| -> AppResult<()> {
        let removed = relance_store::letter_templates::reset(tx, kind, lang)?;
        let details =
            [("kind", kind.code().to_string()), ("lang", lang.code().to_string()), ("parts", removed.to_string())];
        activity::record(tx, now, ActivityKind::LetterTemplateReset, Subject::default(), &details)?;
        Ok(())
    })?;
    get(ctx, kind, lang)
}
