//! The wording of the letters on a real SQLite file: saved texts checked first, printed in the
//! letters (read back with `pdftotext`), the legal mentions of the notice always there, the default
//! put back by a reset, nothing written by a refused save.

use std::process::Command;

use chrono::NaiveDate;
use relance_app::demo::{self, DemoOptions};
use relance_app::letter_templates;
use relance_app::letters::{self, LetterKind};
use relance_app::{customers, day_letters, invoices, AppError, FixedClock, LocalContext};
use relance_domain::company::Language;
use relance_domain::customer::CustomerInput;
use relance_domain::ids::CustomerId;
use relance_domain::invoice::InvoiceInput;
use relance_domain::letter_templates::{TemplateKind, TemplatePart};
use relance_domain::{Field, Problem};
use relance_store::counts::row_counts;
use relance_store::Store;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap_or_default()
}

fn open(dir: &tempfile::TempDir, day: &str) -> LocalContext {
    let store = Store::open(&dir.path().join("relance.sqlite3")).unwrap_or_else(|e| panic!("{e}"));
    LocalContext::new(store, Box::new(FixedClock(d(day))))
}

/// A business customer with one invoice issued 2026-01-01, due 30 days later (48 days late on 2026-03-20).
fn customer_with_invoice(ctx: &mut LocalContext, name: &str) -> CustomerId {
    let input =
        CustomerInput { kind: "business".into(), name: name.into(), terms: "net:30".into(), ..Default::default() };
    let c = customers::create(ctx, &input).unwrap_or_else(|e| panic!("{e}")).id;
    let inv = InvoiceInput {
        number: "FA-001".into(),
        issue_date: "2026-01-01".into(),
        total: Some("1234.56".into()),
        ..Default::default()
    };
    invoices::create(ctx, c, &inv).unwrap_or_else(|e| panic!("{e}"));
    c
}

fn text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("l.pdf");
    std::fs::write(&path, pdf).unwrap_or_else(|e| panic!("{e}"));
    let out = Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext (poppler-utils) is needed: {e}"));
    String::from_utf8_lossy(&out.stdout).replace('\u{a0}', " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

fn letter(ctx: &LocalContext, c: CustomerId, kind: LetterKind) -> String {
    text(&letters::for_customer(ctx, c, kind, d("2026-03-20")).unwrap_or_else(|e| panic!("{e}")).pdf)
}

/// The parts of `kind` as they stand, with `part` replaced by `new`.
fn edited(ctx: &LocalContext, kind: TemplateKind, edits: &[(TemplatePart, &str)]) -> Vec<(TemplatePart, String)> {
    let t = letter_templates::get(ctx, kind, Language::Fr).unwrap_or_else(|e| panic!("{e}"));
    t.parts
        .iter()
        .map(|p| {
            let new = edits.iter().find(|(part, _)| *part == p.part).map(|(_, s)| s.to_string());
            (p.part, new.unwrap_or_else(|| p.text.clone()))
        })
        .collect()
}

#[test]
fn every_letter_starts_with_its_default_wording() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let ctx = open(&dir, "2026-03-20");
    let all = letter_templates::list(&ctx).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(all.len(), 8, "4 letters × 2 languages");
    assert!(all.iter().all(|t| t.is_default()));
    let notice = all.iter().find(|t| t.kind == TemplateKind::Notice && t.lang == Language::En).unwrap();
    assert_eq!(notice.parts.len(), 4, "no paragraph after the table in a notice");
    assert_eq!(notice.parts[0].text, "Formal notice to pay");
}

#[test]
fn a_saved_text_is_printed_filled_and_a_reset_brings_the_default_back() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut ctx = open(&dir, "2026-03-20");
    let c = customer_with_invoice(&mut ctx, "Boulangerie Ménard");
    // 48 days late: a firm reminder, about one invoice.
    let before = letter(&ctx, c, LetterKind::Reminder);
    assert!(before.contains("Malgré notre précédent rappel, la facture ci-dessous reste impayée"), "{before}");

    let activity_before = row_counts(ctx.store.conn()).unwrap_or_else(|e| panic!("{e}")).activity;
    let parts = edited(
        &ctx,
        TemplateKind::Firm,
        &[
            (TemplatePart::Title, "Votre facture {invoice_count} fois oubliée"),
            (
                TemplatePart::BeforeOne,
                "  {customer_name}, la facture {invoice_number} échue le {oldest_due_date} reste due : {total_due}.  ",
            ),
        ],
    );
    let saved =
        letter_templates::save(&mut ctx, TemplateKind::Firm, Language::Fr, &parts).unwrap_or_else(|e| panic!("{e}"));
    assert!(!saved.is_default());
    let one = saved.parts.iter().find(|p| p.part == TemplatePart::BeforeOne).unwrap();
    assert!(!one.is_default && one.text.starts_with("{customer_name}"), "trimmed: {one:?}");
    assert!(
        saved.parts.iter().find(|p| p.part == TemplatePart::After).unwrap().is_default,
        "unchanged parts are not stored"
    );
    assert_eq!(relance_store::letter_templates::all(ctx.store.conn()).unwrap_or_default().len(), 2);
    assert_eq!(row_counts(ctx.store.conn()).unwrap_or_else(|e| panic!("{e}")).activity, activity_before + 1);

    let after = letter(&ctx, c, LetterKind::Reminder);
    assert!(after.contains("Objet : Votre facture 1 fois oubliée"), "{after}");
    assert!(
        after.contains("Boulangerie Ménard, la facture FA-001 échue le 31/01/2026 reste due : 1 234,56 €."),
        "{after}"
    );
    assert!(!after.contains("Malgré notre précédent rappel"), "{after}");
    // The English texts and the other letters are untouched.
    assert!(letter_templates::get(&ctx, TemplateKind::Firm, Language::En).unwrap().is_default());

    let reset = letter_templates::reset(&mut ctx, TemplateKind::Firm, Language::Fr).unwrap_or_else(|e| panic!("{e}"));
    assert!(reset.is_default());
    assert!(relance_store::letter_templates::all(ctx.store.conn()).unwrap_or_default().is_empty());
    assert_eq!(letter(&ctx, c, LetterKind::Reminder), before, "the default wording is back");
}

#[test]
fn a_refused_text_names_its_field_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut ctx = open(&dir, "2026-03-20");
    let before = row_counts(ctx.store.conn()).unwrap_or_else(|e| panic!("{e}"));
    let parts = edited(
        &ctx,
        TemplateKind::Friendly,
        &[(TemplatePart::Title, ""), (TemplatePart::Before, "Il reste {montant}."), (TemplatePart::After, "Merci }")],
    );
    let err = letter_templates::save(&mut ctx, TemplateKind::Friendly, Language::Fr, &parts).unwrap_err();
    let AppError::Invalid(v) = err else { panic!("a validation error: {err:?}") };
    let got: Vec<(Field, &Problem)> = v.issues.iter().map(|i| (i.field, &i.problem)).collect();
    assert_eq!(got.len(), 3, "{got:?}");
    assert_eq!(got[0], (Field::TemplateTitle, &Problem::Required));
    assert!(matches!(got[1], (Field::TemplateBefore, Problem::UnknownPlaceholder { name, .. }) if name == "montant"));
    assert_eq!(got[2], (Field::TemplateAfter, &Problem::UnbalancedBraces));
    assert_eq!(row_counts(ctx.store.conn()).unwrap_or_else(|e| panic!("{e}")), before);
    assert!(relance_store::letter_templates::all(ctx.store.conn()).unwrap_or_default().is_empty());
}

#[test]
fn a_hostile_name_is_printed_literally_and_an_edited_notice_keeps_its_legal_mentions() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut ctx = open(&dir, "2026-03-20");
    let c = customer_with_invoice(&mut ctx, "{total_due} {deadline} SARL");
    let parts = edited(
        &ctx,
        TemplateKind::Notice,
        &[
            (TemplatePart::Title, "Dernier avis"),
            (TemplatePart::BeforeOne, "{customer_name} : réglez {total_due} avant le {deadline}."),
            (TemplatePart::Closing, ""),
        ],
    );
    letter_templates::save(&mut ctx, TemplateKind::Notice, Language::Fr, &parts).unwrap_or_else(|e| panic!("{e}"));
    let t = letter(&ctx, c, LetterKind::Notice);
    for wanted in [
        "Objet : Dernier avis",
        "{total_due} {deadline} SARL : réglez 1 234,56 € avant le 28/03/2026.",
        "Lettre recommandée avec accusé de réception",
        "article L441-10 du Code de commerce",
        "indemnité forfaitaire pour frais de recouvrement de 40 € par facture",
        "nous vous mettons en demeure de nous régler la somme de",
        "soit au plus tard le 28/03/2026",
        "requête en injonction de payer",
        "vaut mise en demeure au sens de l’article 1344 du Code civil",
    ] {
        assert!(t.contains(wanted), "{wanted:?} missing from {t}");
    }
    assert!(!t.contains("salutations distinguées"), "the emptied closing is left out: {t}");
}

#[test]
fn the_day_batch_prints_the_saved_wording() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let day = d("2026-05-15");
    let mut ctx = open(&dir, "2026-05-15");
    demo::load(&mut ctx, &DemoOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    for kind in TemplateKind::ALL {
        let parts =
            edited(&ctx, kind, &[(TemplatePart::Closing, "Avec nos salutations, {company_name} ({invoice_count}).")]);
        letter_templates::save(&mut ctx, kind, Language::Fr, &parts).unwrap_or_else(|e| panic!("{e}"));
    }
    let batch = day_letters::print_day(&mut ctx, day, |_| Ok(())).unwrap_or_else(|e| panic!("{e}"));
    assert!(batch.printed.len() >= 3);
    let t = text(&batch.pdf);
    assert_eq!(t.matches("Avec nos salutations, ").count(), batch.printed.len(), "{t}");
    assert!(!t.contains("salutations distinguées"));
}
