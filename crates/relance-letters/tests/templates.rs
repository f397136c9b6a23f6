//! Letters printed with the user's own wording, read back with poppler's `pdftotext`.

use std::process::Command;

use relance_domain::letter_templates::{TemplateKind, TemplatePart};
use relance_letters::{notice_with, reminder_with, sample, to_pdf, Document, Lang, LetterTexts, ReminderLevel};

/// The text of the PDF of `doc`, words joined by single spaces (no-break spaces made plain).
fn read_back(doc: &Document) -> String {
    let bytes = to_pdf(doc).unwrap_or_else(|e| panic!("{e}"));
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("letter.pdf");
    std::fs::write(&path, &bytes).unwrap_or_else(|e| panic!("{e}"));
    let out = Command::new("pdftotext")
        .args([path.to_str().unwrap_or_default(), "-"])
        .output()
        .unwrap_or_else(|e| panic!("pdftotext (poppler-utils) is needed: {e}"));
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).replace('\u{a0}', " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

fn assert_all(text: &str, wanted: &[&str]) {
    for w in wanted {
        assert!(text.contains(w), "{w:?} missing from:\n{text}");
    }
}

#[test]
fn a_reminder_prints_the_users_wording_with_its_placeholders_filled() {
    let mut texts = LetterTexts::defaults();
    let k = TemplateKind::Friendly;
    texts.set(k, Lang::Fr, TemplatePart::Title, "Petit rappel pour {customer_name}");
    texts.set(
        k,
        Lang::Fr,
        TemplatePart::Before,
        "Bonjour {customer_name}, {invoice_count} factures attendent, la plus ancienne échue le {oldest_due_date} : {total_due} au {date}.",
    );
    texts.set(k, Lang::Fr, TemplatePart::After, "");
    texts.set(k, Lang::Fr, TemplatePart::Closing, "Bien cordialement, {company_name}.");
    let r = sample::reminder("Boulangerie Ménard", ReminderLevel::Friendly);
    let text = read_back(&reminder_with(&r, &texts).unwrap_or_else(|e| panic!("{e}")));
    assert_all(
        &text,
        &[
            "Objet : Petit rappel pour Boulangerie Ménard",
            "Bonjour Boulangerie Ménard, 2 factures attendent, la plus ancienne échue le 31/01/2026 : 3 234,50 € au 16/03/2026.",
            "Bien cordialement, Atelier Lumière SARL.",
        ],
    );
    // The emptied paragraph after the table is left out; the default one is gone.
    assert!(!text.contains("simple oubli"), "{text}");
    assert!(!text.contains("salutations distinguées"), "{text}");
    // Another level and the English letter keep their defaults.
    let firm = read_back(
        &reminder_with(&sample::reminder("X", ReminderLevel::Firm), &texts).unwrap_or_else(|e| panic!("{e}")),
    );
    assert!(firm.contains("Malgré notre précédent rappel"), "{firm}");
}

#[test]
fn one_invoice_uses_its_own_paragraph_with_its_number() {
    let mut texts = LetterTexts::defaults();
    texts.set(
        TemplateKind::Firm,
        Lang::Fr,
        TemplatePart::BeforeOne,
        "La facture {invoice_number} reste due : {total_due}.",
    );
    let mut r = sample::reminder("Client", ReminderLevel::Firm);
    r.invoices.truncate(1);
    let text = read_back(&reminder_with(&r, &texts).unwrap_or_else(|e| panic!("{e}")));
    assert_all(&text, &["La facture F-2026-0012 reste due : 1 234,50 €."]);
}

#[test]
fn a_customer_named_like_a_placeholder_is_printed_literally() {
    let mut texts = LetterTexts::defaults();
    texts.set(
        TemplateKind::Friendly,
        Lang::Fr,
        TemplatePart::Before,
        "Cher client {customer_name}, il reste {total_due}.",
    );
    let r = sample::reminder("{total_due} {deadline} SARL", ReminderLevel::Friendly);
    let text = read_back(&reminder_with(&r, &texts).unwrap_or_else(|e| panic!("{e}")));
    assert_all(&text, &["Cher client {total_due} {deadline} SARL, il reste 3 234,50 €."]);
}

#[test]
fn an_edited_notice_keeps_every_legal_mention() {
    let mut texts = LetterTexts::defaults();
    let k = TemplateKind::Notice;
    texts.set(k, Lang::Fr, TemplatePart::Title, "Dernier avis avant procédure");
    texts.set(k, Lang::Fr, TemplatePart::Before, "{customer_name}, payez avant le {deadline} s’il vous plaît.");
    texts.set(k, Lang::Fr, TemplatePart::Closing, "");
    let n = sample::notice("Client Pro");
    let text = read_back(&notice_with(&n, &texts).unwrap_or_else(|e| panic!("{e}")));
    assert_all(
        &text,
        &[
            "Objet : Dernier avis avant procédure",
            "Client Pro, payez avant le 24/03/2026 s’il vous plaît.",
            // The legal mentions, always printed.
            "Lettre recommandée avec accusé de réception",
            "article L441-10 du Code de commerce",
            "indemnité forfaitaire pour frais de recouvrement de 40 € par facture",
            "nous vous mettons en demeure de nous régler la somme de",
            "soit au plus tard le 24/03/2026",
            "requête en injonction de payer",
            "vaut mise en demeure au sens de l’article 1344 du Code civil",
        ],
    );
    assert!(!text.contains("salutations distinguées"), "{text}");
}
