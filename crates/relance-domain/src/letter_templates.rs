//! The user's wording of the letters: which parts of which letter may be edited, the placeholders
//! (`{customer_name}`…) each part may use, and the one check a text passes before it is saved.
//!
//! Only the courteous text is editable: the title, the paragraphs around the invoice table and the
//! closing. The legal mentions of the mise en demeure (penalties, the 40 EUR indemnity, the deadline,
//! the injonction de payer, the registered letter) are not templates: the letters crate always prints
//! them, so no edit can leave them out. The default wording lives in `relance-letters` (`text.rs`).

use crate::validation::{Field, Issue, Problem, Validation};

/// Which letter a text belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TemplateKind {
    /// The courteous notice before the due date.
    PreDue,
    /// The first reminder after the due date.
    Friendly,
    /// The second, firmer reminder.
    Firm,
    /// The mise en demeure (its legal mentions stay fixed).
    Notice,
}

impl TemplateKind {
    pub const ALL: [TemplateKind; 4] =
        [TemplateKind::PreDue, TemplateKind::Friendly, TemplateKind::Firm, TemplateKind::Notice];

    pub fn code(self) -> &'static str {
        match self {
            TemplateKind::PreDue => "pre_due",
            TemplateKind::Friendly => "friendly",
            TemplateKind::Firm => "firm",
            TemplateKind::Notice => "notice",
        }
    }

    pub fn from_code(code: &str) -> Option<TemplateKind> {
        TemplateKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The parts of this letter the user may edit, in the order they are printed.
    pub fn parts(self) -> &'static [TemplatePart] {
        use TemplatePart::*;
        match self {
            TemplateKind::Notice => &[Title, Before, BeforeOne, Closing],
            _ => &[Title, Before, BeforeOne, After, Closing],
        }
    }

    /// The placeholders `part` of this letter may use.
    pub fn placeholders(self, part: TemplatePart) -> Vec<Placeholder> {
        Placeholder::ALL
            .into_iter()
            .filter(|p| match p {
                // The pay-by date only exists in the mise en demeure.
                Placeholder::Deadline => self == TemplateKind::Notice,
                // One number only makes sense in the text for a single invoice.
                Placeholder::InvoiceNumber => part == TemplatePart::BeforeOne,
                _ => true,
            })
            .collect()
    }
}

/// An editable part of a letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TemplatePart {
    /// The subject line (« Objet : … ») and the PDF's title.
    Title,
    /// The paragraph before the invoice table, when several invoices are claimed.
    Before,
    /// The same paragraph when one invoice is claimed.
    BeforeOne,
    /// The paragraph after the table (reminders only).
    After,
    /// The closing formula before the signature.
    Closing,
}

/// The longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 150;
/// The longest paragraph, in characters.
pub const MAX_PARAGRAPH_CHARS: usize = 1500;

impl TemplatePart {
    pub const ALL: [TemplatePart; 5] = [
        TemplatePart::Title,
        TemplatePart::Before,
        TemplatePart::BeforeOne,
        TemplatePart::After,
        TemplatePart::Closing,
    ];

    pub fn code(self) -> &'static str {
        match self {
            TemplatePart::Title => "title",
            TemplatePart::Before => "before",
            TemplatePart::BeforeOne => "before_one",
            TemplatePart::After => "after",
            TemplatePart::Closing => "closing",
        }
    }

    pub fn from_code(code: &str) -> Option<TemplatePart> {
        TemplatePart::ALL.into_iter().find(|p| p.code() == code)
    }

    /// The field a problem of this part is reported on.
    pub fn field(self) -> Field {
        match self {
            TemplatePart::Title => Field::TemplateTitle,
            TemplatePart::Before => Field::TemplateBefore,
            TemplatePart::BeforeOne => Field::TemplateBeforeOne,
            TemplatePart::After => Field::TemplateAfter,
            TemplatePart::Closing => Field::TemplateClosing,
        }
    }

    /// Whether the part may be left empty (then nothing is printed in its place).
    pub fn required(self) -> bool {
        matches!(self, TemplatePart::Title | TemplatePart::Before | TemplatePart::BeforeOne)
    }

    pub fn max_chars(self) -> usize {
        match self {
            TemplatePart::Title => MAX_TITLE_CHARS,
            _ => MAX_PARAGRAPH_CHARS,
        }
    }
}

/// A value the letter puts in the text in place of `{name}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Placeholder {
    /// The customer's name.
    CustomerName,
    /// The company's name, as in the letterhead.
    CompanyName,
    /// What remains due on the invoices the letter claims.
    TotalDue,
    /// How many invoices the letter claims.
    InvoiceCount,
    /// The number of the one invoice claimed.
    InvoiceNumber,
    /// The letter's date.
    Date,
    /// The earliest due date of the invoices claimed.
    OldestDueDate,
    /// The date by which the mise en demeure asks to be paid.
    Deadline,
}

impl Placeholder {
    pub const ALL: [Placeholder; 8] = [
        Placeholder::CustomerName,
        Placeholder::CompanyName,
        Placeholder::TotalDue,
        Placeholder::InvoiceCount,
        Placeholder::InvoiceNumber,
        Placeholder::Date,
        Placeholder::OldestDueDate,
        Placeholder::Deadline,
    ];

    /// The name written between braces.
    pub fn name(self) -> &'static str {
        match self {
            Placeholder::CustomerName => "customer_name",
            Placeholder::CompanyName => "company_name",
            Placeholder::TotalDue => "total_due",
            Placeholder::InvoiceCount => "invoice_count",
            Placeholder::InvoiceNumber => "invoice_number",
            Placeholder::Date => "date",
            Placeholder::OldestDueDate => "oldest_due_date",
            Placeholder::Deadline => "deadline",
        }
    }
}

/// The longest unknown placeholder name quoted back in an error.
const MAX_QUOTED_CHARS: usize = 40;

/// Checks the text of `part` of the letter `kind`: required parts not empty, not too long, every
/// `{` closed by a `}` with no brace in between, every placeholder one this part may use.
/// The text is checked as typed, after trimming.
pub fn check(kind: TemplateKind, part: TemplatePart, text: &str) -> Result<(), Issue> {
    let field = part.field();
    let text = text.trim();
    if text.is_empty() {
        return if part.required() { Err(Issue::new(field, Problem::Required)) } else { Ok(()) };
    }
    let max = part.max_chars();
    if text.chars().count() > max {
        return Err(Issue::new(field, Problem::TooLong { max }));
    }
    let allowed = kind.placeholders(part);
    let mut rest = text;
    loop {
        let open = rest.find('{');
        let close = rest.find('}');
        match (open, close) {
            (None, None) => return Ok(()),
            // A `}` with no `{` before it.
            (None, Some(_)) => return Err(Issue::new(field, Problem::UnbalancedBraces)),
            (Some(o), Some(c)) if c < o => return Err(Issue::new(field, Problem::UnbalancedBraces)),
            (Some(_), None) => return Err(Issue::new(field, Problem::UnbalancedBraces)),
            (Some(o), Some(c)) => {
                let name = &rest[o + 1..c];
                // `{{x}}` or `{a{b}`: a brace inside a placeholder.
                if name.contains('{') {
                    return Err(Issue::new(field, Problem::UnbalancedBraces));
                }
                if !allowed.iter().any(|p| p.name() == name) {
                    let quoted: String = name.chars().take(MAX_QUOTED_CHARS).collect();
                    let quoted = if name.chars().count() > MAX_QUOTED_CHARS { format!("{quoted}…") } else { quoted };
                    return Err(Issue::new(
                        field,
                        Problem::UnknownPlaceholder {
                            name: quoted,
                            allowed: allowed.iter().map(|p| p.name()).collect(),
                        },
                    ));
                }
                rest = &rest[c + 1..];
            }
        }
    }
}

/// Checks every part of a letter's texts; the problems of all of them, each on its field. A part of
/// another letter kind (the notice has no paragraph after the table) is refused on its field.
pub fn check_all(kind: TemplateKind, parts: &[(TemplatePart, &str)]) -> Validation {
    let mut v = Validation::new();
    for (part, text) in parts {
        if !kind.parts().contains(part) {
            v.push(part.field(), Problem::StepNotAllowed);
            continue;
        }
        v.check(check(kind, *part, text));
    }
    for part in kind.parts() {
        if part.required() && !parts.iter().any(|(p, _)| p == part) {
            v.push(part.field(), Problem::Required);
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use TemplateKind::*;
    use TemplatePart::*;

    fn problem(kind: TemplateKind, part: TemplatePart, text: &str) -> Option<Problem> {
        check(kind, part, text).err().map(|i| {
            assert_eq!(i.field, part.field());
            i.problem
        })
    }

    #[test]
    fn good_templates_pass() {
        let good = [
            (Friendly, Before, "Bonjour {customer_name}, il reste {total_due} à régler."),
            (Friendly, Title, "Relance"),
            (Friendly, Title, "Relance – {company_name}"),
            (Friendly, BeforeOne, "La facture {invoice_number} du {oldest_due_date} reste due."),
            (Firm, After, "{invoice_count} factures, au {date}."),
            (Notice, Before, "À payer avant le {deadline}."),
            (Friendly, After, ""),
            (Friendly, Closing, "   "),
            (PreDue, Before, "Pas de repère du tout, et des accents : « é », 40 €."),
        ];
        for (kind, part, text) in good {
            assert_eq!(problem(kind, part, text), None, "{kind:?} {part:?} {text:?}");
        }
    }

    #[test]
    fn bad_templates_are_refused_on_their_field() {
        let unknown = |name: &str| Some(Problem::UnknownPlaceholder { name: name.to_string(), allowed: Vec::new() });
        let cases: Vec<(TemplateKind, TemplatePart, String, Option<Problem>)> = vec![
            (Friendly, Before, "Il reste {montant}.".into(), unknown("montant")),
            (Friendly, Before, "Il reste {Total_Due}.".into(), unknown("Total_Due")),
            (Friendly, Before, "Il reste { total_due }.".into(), unknown(" total_due ")),
            (Friendly, Before, "Vide {}.".into(), unknown("")),
            // The pay-by date only in the notice; one number only for one invoice.
            (Friendly, Before, "Avant le {deadline}.".into(), unknown("deadline")),
            (Friendly, Before, "Facture {invoice_number}.".into(), unknown("invoice_number")),
            (Friendly, Before, "Ouvert { sans fin".into(), Some(Problem::UnbalancedBraces)),
            (Friendly, Before, "Fermé } sans début".into(), Some(Problem::UnbalancedBraces)),
            (Friendly, Before, "Double {{customer_name}}".into(), Some(Problem::UnbalancedBraces)),
            (Friendly, Before, "{customer_name}}".into(), Some(Problem::UnbalancedBraces)),
            (Friendly, Before, "Imbriqué {a{customer_name}}".into(), Some(Problem::UnbalancedBraces)),
            (Friendly, Title, "".into(), Some(Problem::Required)),
            (Notice, Title, "  \n ".into(), Some(Problem::Required)),
            (Friendly, BeforeOne, "".into(), Some(Problem::Required)),
            (Friendly, Title, "x".repeat(MAX_TITLE_CHARS + 1), Some(Problem::TooLong { max: MAX_TITLE_CHARS })),
            (Firm, After, "é".repeat(MAX_PARAGRAPH_CHARS + 1), Some(Problem::TooLong { max: MAX_PARAGRAPH_CHARS })),
        ];
        for (kind, part, text, expected) in cases {
            let got = problem(kind, part, &text);
            match (&got, &expected) {
                (
                    Some(Problem::UnknownPlaceholder { name, allowed }),
                    Some(Problem::UnknownPlaceholder { name: want, .. }),
                ) => {
                    assert_eq!(name, want, "{text:?}");
                    assert!(allowed.contains(&"customer_name"), "{allowed:?}");
                    assert!(!allowed.contains(&name.as_str()));
                }
                _ => assert_eq!(got, expected, "{kind:?} {part:?} {text:?}"),
            }
        }
        assert_eq!(problem(Firm, After, &"é".repeat(MAX_PARAGRAPH_CHARS)), None);
    }

    #[test]
    fn an_unknown_placeholder_names_what_is_allowed_and_is_cut_when_long() {
        let long = format!("{{{}}}", "a".repeat(200));
        let Some(Problem::UnknownPlaceholder { name, allowed }) = problem(Notice, Before, &long) else {
            panic!("refused as unknown");
        };
        assert_eq!(name.chars().count(), MAX_QUOTED_CHARS + 1);
        assert!(allowed.contains(&"deadline") && !allowed.contains(&"invoice_number"));
    }

    #[test]
    fn check_all_reports_every_part_and_missing_or_foreign_ones() {
        let v = check_all(Notice, &[(Title, ""), (Before, "{x}"), (After, "Merci.")]);
        let fields: Vec<Field> = v.issues.iter().map(|i| i.field).collect();
        assert_eq!(
            fields,
            vec![Field::TemplateTitle, Field::TemplateBefore, Field::TemplateAfter, Field::TemplateBeforeOne]
        );
        assert!(check_all(Friendly, &[(Title, "T"), (Before, "B"), (BeforeOne, "B1")]).is_empty());
    }

    #[test]
    fn codes_round_trip() {
        for k in TemplateKind::ALL {
            assert_eq!(TemplateKind::from_code(k.code()), Some(k));
        }
        for p in TemplatePart::ALL {
            assert_eq!(TemplatePart::from_code(p.code()), Some(p));
        }
        assert_eq!(TemplateKind::from_code("reminder"), None);
    }
}
