//! The wording a letter is printed with: the user's saved texts over the defaults of [`crate::text`].
//! Resolved once (per batch) into a [`LetterTexts`], then read by [`crate::reminder_with`] and
//! [`crate::notice_with`]. Placeholders are filled by [`crate::text::fill`]: values go in as they are
//! and are never read again as templates (a customer named `{total_due}` is printed literally).

use std::collections::HashMap;

use chrono::NaiveDate;
use relance_domain::letter_templates::{Placeholder, TemplateKind, TemplatePart};
use relance_domain::Money;

use crate::format;
use crate::letters::{Creditor, InvoiceLine, Lang, Party, ReminderLevel};
use crate::text::{default_template, fill};

/// The texts of every letter: the user's own where saved, else the default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LetterTexts {
    overrides: HashMap<(TemplateKind, Lang, TemplatePart), String>,
}

impl LetterTexts {
    /// Every letter with its default wording.
    pub fn defaults() -> Self {
        Self::default()
    }

    /// Uses `text` for `part` of `kind` in `lang` (the caller checked it with
    /// `relance_domain::letter_templates::check`).
    pub fn set(&mut self, kind: TemplateKind, lang: Lang, part: TemplatePart, text: impl Into<String>) {
        self.overrides.insert((kind, lang, part), text.into());
    }

    /// The text of `part` of `kind` in `lang`.
    pub fn get(&self, kind: TemplateKind, lang: Lang, part: TemplatePart) -> &str {
        self.overrides.get(&(kind, lang, part)).map_or_else(|| default_template(kind, lang, part), String::as_str)
    }

    /// Whether `part` of `kind` in `lang` is the default wording.
    pub fn is_default(&self, kind: TemplateKind, lang: Lang, part: TemplatePart) -> bool {
        !self.overrides.contains_key(&(kind, lang, part))
    }
}

/// The template kind of a reminder level.
pub fn kind_of(level: ReminderLevel) -> TemplateKind {
    match level {
        ReminderLevel::PreDue => TemplateKind::PreDue,
        ReminderLevel::Friendly => TemplateKind::Friendly,
        ReminderLevel::Firm => TemplateKind::Firm,
    }
}

/// The editable parts of one letter, filled.
pub(crate) struct Filled {
    pub title: String,
    /// The paragraph before the table (the one-invoice variant when one invoice is claimed).
    pub before: String,
    pub after: String,
    pub closing: String,
}

/// What a letter knows to fill its placeholders.
pub(crate) struct Facts<'a> {
    pub lang: Lang,
    pub date: NaiveDate,
    pub creditor: &'a Creditor,
    pub debtor: &'a Party,
    pub invoices: &'a [InvoiceLine],
    pub deadline: Option<NaiveDate>,
}

pub(crate) fn fill_parts(texts: &LetterTexts, kind: TemplateKind, f: &Facts<'_>) -> Filled {
    let total = f.invoices.iter().map(|l| l.remaining).fold(Money::from_cents(0), |a, b| a + b);
    let oldest = f.invoices.iter().map(|l| l.due_date).min().unwrap_or(f.date);
    let one = f.invoices.len() == 1;
    let value = |p: Placeholder| -> String {
        match p {
            Placeholder::CustomerName => f.debtor.name.clone(),
            Placeholder::CompanyName => f.creditor.party.name.clone(),
            Placeholder::TotalDue => format::money(total, f.lang),
            Placeholder::InvoiceCount => f.invoices.len().to_string(),
            Placeholder::InvoiceNumber => f.invoices.first().map(|l| l.number.clone()).unwrap_or_default(),
            Placeholder::Date => format::date(f.date, f.lang),
            Placeholder::OldestDueDate => format::date(oldest, f.lang),
            Placeholder::Deadline => f.deadline.map(|d| format::date(d, f.lang)).unwrap_or_default(),
        }
    };
    let part = |part: TemplatePart| -> String {
        // Only the placeholders this part may use are filled: anything else stays as typed (a
        // checked text has none; a default never does).
        let values: Vec<(&str, String)> = kind.placeholders(part).into_iter().map(|p| (p.name(), value(p))).collect();
        let pairs: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        fill(texts.get(kind, f.lang, part).trim(), &pairs)
    };
    Filled {
        title: part(TemplatePart::Title),
        before: part(if one { TemplatePart::BeforeOne } else { TemplatePart::Before }),
        after: if kind.parts().contains(&TemplatePart::After) { part(TemplatePart::After) } else { String::new() },
        closing: part(TemplatePart::Closing),
    }
}
