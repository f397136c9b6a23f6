//! The words of an e-mail that carries a letter: its subject, in the letter's language. The body is
//! the letter itself ([`crate::plain_text`]); the subject names what is claimed, so the customer
//! sees it in the list of their messages.

use relance_domain::Money;

use crate::format;
use crate::Lang;

/// Which letter the e-mail carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailKind {
    Reminder,
    Notice,
}

/// At most this many invoice numbers in a subject; more are counted.
const NUMBERS_SHOWN: usize = 3;

/// « Relance : facture FA-12 – 1 234,56 € », « Mise en demeure : factures FA-12, FA-13 – … »;
/// beyond three invoices « FA-1, FA-2, FA-3 et 2 autres ». Users' text (the numbers) is cleaned of
/// line breaks and control characters: a subject is one line.
pub fn subject(kind: MailKind, lang: Lang, numbers: &[String], total: Money) -> String {
    let clean: Vec<String> = numbers
        .iter()
        .map(|n| n.chars().filter(|c| !c.is_control()).collect::<String>().trim().to_string())
        .filter(|n| !n.is_empty())
        .collect();
    let shown = clean.iter().take(NUMBERS_SHOWN).cloned().collect::<Vec<_>>().join(", ");
    let more = clean.len().saturating_sub(NUMBERS_SHOWN);
    let amount = format::money(total, lang);
    match lang {
        Lang::Fr => {
            let head = match kind {
                MailKind::Reminder => "Relance",
                MailKind::Notice => "Mise en demeure",
            };
            let invoices = match (clean.len(), more) {
                (0, _) => String::new(),
                (1, _) => format!("facture {shown} – "),
                (_, 0) => format!("factures {shown} – "),
                (_, 1) => format!("factures {shown} et 1 autre – "),
                (_, n) => format!("factures {shown} et {n} autres – "),
            };
            format!("{head} : {invoices}{amount}")
        }
        Lang::En => {
            let head = match kind {
                MailKind::Reminder => "Reminder",
                MailKind::Notice => "Formal notice",
            };
            let invoices = match (clean.len(), more) {
                (0, _) => String::new(),
                (1, _) => format!("invoice {shown} – "),
                (_, 0) => format!("invoices {shown} – "),
                (_, 1) => format!("invoices {shown} and 1 other – "),
                (_, n) => format!("invoices {shown} and {n} others – "),
            };
            format!("{head}: {invoices}{amount}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nums(n: &[&str]) -> Vec<String> {
        n.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn subjects_name_the_invoices_and_the_amount_in_words() {
        let total = Money::from_cents(123_456);
        let cases: &[(MailKind, Lang, &[&str], &str)] = &[
            (MailKind::Reminder, Lang::Fr, &["FA-12"], "Relance : facture FA-12 – 1\u{a0}234,56\u{a0}€"),
            (
                MailKind::Notice,
                Lang::Fr,
                &["FA-12", "FA-13"],
                "Mise en demeure : factures FA-12, FA-13 – 1\u{a0}234,56\u{a0}€",
            ),
            (
                MailKind::Reminder,
                Lang::Fr,
                &["1", "2", "3", "4"],
                "Relance : factures 1, 2, 3 et 1 autre – 1\u{a0}234,56\u{a0}€",
            ),
            (
                MailKind::Reminder,
                Lang::Fr,
                &["1", "2", "3", "4", "5"],
                "Relance : factures 1, 2, 3 et 2 autres – 1\u{a0}234,56\u{a0}€",
            ),
            (
                MailKind::Reminder,
                Lang::Fr,
                &["F-1\r\nBcc: x@y"],
                "Relance : facture F-1Bcc: x@y – 1\u{a0}234,56\u{a0}€",
            ),
            (MailKind::Notice, Lang::En, &["FA-12"], "Formal notice: invoice FA-12 – €1,234.56"),
            (
                MailKind::Reminder,
                Lang::En,
                &["1", "2", "3", "4", "5"],
                "Reminder: invoices 1, 2, 3 and 2 others – €1,234.56",
            ),
        ];
        for (kind, lang, numbers, want) in cases {
            assert_eq!(subject(*kind, *lang, &nums(numbers), total), *want);
        }
    }
}
