//! The account statement and the installment plan agreement: their tables, their PDF read back with
//! `pdftotext`, hostile names, and the reviewed layout snapshot.

use std::{path::Path, process::Command};

use relance_domain::money::Money;
use relance_letters::{
    agreement,
    layout::{ItemKind, MARGIN, PAGE_HEIGHT, PAGE_WIDTH},
    sample, statement, to_pdf, Document, Fonts, Lang,
};

fn run(tool: &str, args: &[&str]) -> String {
    let out = match Command::new(tool).args(args).output() {
        Ok(out) => out,
        Err(e) => panic!("{tool} (poppler-utils) is needed: {e}"),
    };
    assert!(out.status.success(), "{tool} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The text of the PDF of `doc`, words joined by single spaces (no-break spaces made plain).
fn read_back(doc: &Document) -> String {
    let bytes = to_pdf(doc).unwrap_or_else(|e| panic!("{e}"));
    assert!(bytes.starts_with(b"%PDF-"));
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, &bytes).unwrap_or_else(|e| panic!("{e}"));
    let text = run("pdftotext", &["-layout", path.to_str().unwrap_or_default(), "-"]).replace('\u{a0}', " ");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn assert_all(text: &str, wanted: &[&str]) {
    for w in wanted {
        assert!(text.contains(w), "{w:?} missing from:\n{text}");
    }
}

fn assert_inside(doc: &Document) {
    let fonts = Fonts::get().unwrap_or_else(|e| panic!("{e}"));
    for (n, page) in doc.pages.iter().enumerate() {
        for item in &page.items {
            if let ItemKind::Text { text, size, weight } = &item.kind {
                let right = item.x + fonts.width(*weight, *size, text);
                assert!(item.x >= MARGIN && right <= PAGE_WIDTH - MARGIN, "page {}: {text:?} runs off", n + 1);
                assert!(item.y > 0 && item.y < PAGE_HEIGHT, "page {}: {text:?} at {}", n + 1, item.y);
            }
        }
    }
}

#[test]
fn the_statement_totals_split_overdue_and_use_the_credit() {
    let s = sample::statement("Client");
    assert_eq!(s.total_due(), Money::from_cents(123_450 + 200_000 + 98_000));
    assert_eq!(s.overdue(), Money::from_cents(123_450 + 200_000));
    assert_eq!(s.balance(), Money::from_cents(123_450 + 200_000 + 98_000 - 15_000));
    let mut more_credit = s.clone();
    more_credit.unallocated_credit = Money::from_cents(1_000_000);
    assert_eq!(more_credit.balance(), Money::from_cents(0));
    assert_eq!(s.payments_since, chrono::NaiveDate::from_ymd_opt(2025, 12, 16).unwrap_or_default());
}

#[test]
fn a_statement_reads_back_with_its_invoices_credit_totals_and_payments() {
    let doc = statement(&sample::statement("Boulangerie Ménard & Fils")).unwrap_or_else(|e| panic!("{e}"));
    assert_inside(&doc);
    let text = read_back(&doc);
    assert_all(
        &text,
        &[
            "Atelier Lumière SARL",
            "Boulangerie Ménard & Fils",
            "Lyon, le 16/03/2026",
            "Relevé de compte au 16/03/2026",
            "F-2026-0012 01/01/2026 31/01/2026 1 234,50 € 0,00 € 1 234,50 € 44 j",
            "F-2026-0019 15/01/2026 14/02/2026 2 400,00 € 400,00 € 2 000,00 € 30 j",
            "F-2026-0031 01/03/2026 31/03/2026 980,00 € 0,00 € 980,00 € —",
            "Total 4 614,50 € 400,00 € 4 214,50 €",
            "AV-2026-0002 20/02/2026 150,00 € 150,00 €",
            "Total restant dû 4 214,50 €",
            "dont échu 3 234,50 €",
            "Crédit disponible (non affecté) 150,00 €",
            "Solde à régler 4 064,50 €",
            "Règlements reçus du 16/12/2025 au 16/03/2026",
            "28/02/2026 Virement VIR-8812 400,00 €",
            "IBAN FR76 3000 6000 0112 3456 7890 189",
            "Page 1 / 1",
        ],
    );
}

#[test]
fn an_empty_statement_says_there_is_nothing_to_pay_in_both_languages() {
    let mut s = sample::statement("Client");
    s.invoices.clear();
    s.credit_notes.clear();
    s.payments.clear();
    s.unallocated_credit = Money::from_cents(0);
    let text = read_back(&statement(&s).unwrap_or_else(|e| panic!("{e}")));
    assert_all(
        &text,
        &["Aucune facture ne reste à régler", "Aucun règlement reçu sur cette période", "aucun solde à régler"],
    );
    assert!(!text.contains("Règlement par virement"), "no payment request when nothing is due:\n{text}");
    s.lang = Lang::En;
    let text = read_back(&statement(&s).unwrap_or_else(|e| panic!("{e}")));
    assert_all(&text, &["Account statement as of 16 March 2026", "No invoice is left to pay", "Balance to pay €0.00"]);
}

#[test]
fn an_agreement_reads_back_with_parties_invoices_penalties_schedule_default_and_signatures() {
    let doc = agreement(&sample::agreement("Boulangerie Ménard & Fils")).unwrap_or_else(|e| panic!("{e}"));
    assert_inside(&doc);
    let text = read_back(&doc);
    assert_all(
        &text,
        &[
            "Accord d’échéancier de paiement",
            "Entre Atelier Lumière SARL SIRET 732 829 320 00074",
            "ci-après « le créancier »",
            "Et Boulangerie Ménard & Fils SIREN 552 100 554",
            "ci-après « le débiteur »",
            "F-2026-0012 01/01/2026 31/01/2026 1 234,50 €",
            "F-2026-0019 15/01/2026 14/02/2026 2 000,00 €",
            "Total 3 234,50 €",
            "incluses dans l’échéancier pour un montant de 60,00 €",
            "la somme totale de 3 294,50 € selon l’échéancier suivant (3 échéances)",
            "Acompte 16/03/2026 500,00 € 500,00 €",
            "1 16/04/2026 931,50 € 1 431,50 €",
            "3 16/06/2026 931,50 € 3 294,50 €",
            "Un acompte de 500,00 € est versé le 16/03/2026",
            "dans les 8 jours suivant sa date",
            "la totalité du solde restant dû deviendra immédiatement exigible",
            "mise en demeure",
            "Fait à Lyon, le 16/03/2026, en deux exemplaires.",
            "Le créancier Le débiteur",
            "« Bon pour accord », date et signature « Bon pour accord », date et signature",
        ],
    );
}

#[test]
fn waived_penalties_and_no_down_payment_are_said_plainly() {
    let mut a = sample::agreement("Client");
    a.penalties = Money::from_cents(0);
    a.schedule.remove(0);
    let text = read_back(&agreement(&a).unwrap_or_else(|e| panic!("{e}")));
    assert_all(&text, &["Le créancier renonce aux pénalités de retard", "Aucun acompte n’est demandé."]);
    assert!(!text.contains("Acompte"), "{text}");
    a.lang = Lang::En;
    let text = read_back(&agreement(&a).unwrap_or_else(|e| panic!("{e}")));
    assert_all(&text, &["Installment plan agreement", "waives the late payment penalties", "whole remaining balance"]);
    a.invoices.clear();
    assert!(agreement(&a).is_err(), "an agreement without invoices is refused");
}

#[test]
fn hostile_names_stay_text_inside_the_page() {
    let hostile = "\u{202E}<script>alert(1)</script> %PDF-1.7 ) Tj ( \u{0007}' OR 1=1; -- Société Très Très Très Longue Dénomination Commerciale Internationale de Boulangerie Pâtisserie";
    let mut s = sample::statement(hostile);
    s.invoices[0].number = "F-\u{2028}<b>0012</b>-AVEC-UN-NUMÉRO-BEAUCOUP-TROP-LONG".into();
    s.payments[0].reference = hostile.into();
    let doc = statement(&s).unwrap_or_else(|e| panic!("{e}"));
    assert_inside(&doc);
    let snap = doc.snapshot();
    assert!(!snap.contains('\u{202E}') && !snap.contains('\u{0007}') && !snap.contains('\u{2028}'));
    assert!(read_back(&doc).contains("<script>alert(1)</script>"));
    let mut a = sample::agreement(hostile);
    a.invoices[0].number = hostile.into();
    let doc = agreement(&a).unwrap_or_else(|e| panic!("{e}"));
    assert_inside(&doc);
    assert!(!doc.snapshot().contains('\u{202E}'));
    assert!(read_back(&doc).contains("<script>alert(1)</script>"));
}

#[test]
fn a_long_schedule_repeats_its_header_and_keeps_signatures_together() {
    let mut a = sample::agreement("Client");
    let last = a.schedule[3].clone();
    for n in 4..=60u32 {
        a.schedule.push(relance_letters::ScheduleLine { number: n, ..last.clone() });
    }
    let doc = agreement(&a).unwrap_or_else(|e| panic!("{e}"));
    assert!(doc.pages.len() >= 2);
    assert_inside(&doc);
    let has = |p: &relance_letters::layout::Page, t: &str| {
        p.items.iter().any(|i| matches!(&i.kind, ItemKind::Text { text, .. } if text == t))
    };
    assert!(doc.pages.iter().filter(|p| has(p, "Échéance")).count() >= 2, "header repeated");
    let with_creditor = doc.pages.iter().position(|p| has(p, "Le créancier"));
    let with_debtor = doc.pages.iter().position(|p| has(p, "Le débiteur"));
    assert!(with_creditor.is_some() && with_creditor == with_debtor);
}

fn check_snapshot(name: &str, doc: &Document) {
    let snapshot = doc.snapshot();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots").join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &snapshot).unwrap_or_else(|e| panic!("{e}"));
    }
    let kept = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(snapshot, kept, "layout changed: review, then UPDATE_SNAPSHOTS=1 cargo test -p relance-letters");
}

#[test]
fn the_layout_snapshots_are_reviewed() {
    check_snapshot(
        "statement.txt",
        &statement(&sample::statement("Boulangerie Ménard & Fils")).unwrap_or_else(|e| panic!("{e}")),
    );
    check_snapshot(
        "agreement.txt",
        &agreement(&sample::agreement("Boulangerie Ménard & Fils")).unwrap_or_else(|e| panic!("{e}")),
    );
}
