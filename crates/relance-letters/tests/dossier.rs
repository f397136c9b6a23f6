//! The injonction de payer dossier: read back with `pdftotext`, its totals, a consumer's variant, a
//! long claim over several pages, and the reviewed layout snapshot.

use std::{path::Path, process::Command};

use relance_domain::money::Money;
use relance_letters::{
    dossier,
    layout::{ItemKind, MARGIN, PAGE_WIDTH},
    sample, to_pdf, Document, Fonts,
};

fn read_back(doc: &Document) -> String {
    let bytes = to_pdf(doc).unwrap_or_else(|e| panic!("{e}"));
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("dossier.pdf");
    std::fs::write(&path, &bytes).unwrap_or_else(|e| panic!("{e}"));
    let out = Command::new("pdftotext")
        .args(["-layout", path.to_str().unwrap_or_default(), "-"])
        .output()
        .unwrap_or_else(|e| panic!("pdftotext (poppler-utils) is needed: {e}"));
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout).replace('\u{a0}', " ");
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
            }
        }
    }
}

#[test]
fn the_dossier_states_the_claim_the_notice_and_the_pieces() {
    let d = sample::dossier("Menuiserie Durand SARL");
    // 1 234,50 + 2 000,00 principal; 18,08 + 19,97 penalties; 2 x 40 indemnity.
    assert_eq!(d.principal(), Money::from_cents(323_450));
    assert_eq!(d.accessories(), Money::from_cents(1808 + 1997 + 8000));
    assert_eq!(d.claimed(), Money::from_cents(323_450 + 1808 + 1997 + 8000));
    let doc = dossier(&d).unwrap_or_else(|e| panic!("{e}"));
    assert_inside(&doc);
    let text = read_back(&doc);
    assert_all(
        &text,
        &[
            "Dossier de demande en injonction de payer",
            "tribunal de commerce",
            "tribunal des activités économiques",
            "Cerfa n° 12946",
            "Créancier",
            "Débiteur",
            "Menuiserie Durand SARL",
            "Professionnel",
            "F-2026-0012",
            "F-2026-0019",
            "1 234,50 €",
            "2 000,00 €",
            "18,08 €",
            "19,97 €",
            "12,15 %",
            "Principal (restant dû) 3 234,50 €",
            "Total des accessoires 118,05 €",
            "Total réclamé 3 352,55 €",
            "Mise en demeure envoyée le 05/03/2026 (courrier)",
            "Relance du 07/02/2026 (courriel)",
            "Promesse de paiement du 24/02/2026 non tenue (factures F-2026-0012), défaillance constatée le 02/03/2026",
            "Pièces à joindre",
            "1. Facture n° F-2026-0012 du",
            "2. Facture n° F-2026-0019 du",
            "3. Conditions générales de vente",
            "Mise en demeure du 05/03/2026",
            "Avis de réception de la mise en demeure",
        ],
    );
    // Invoices not yet due are not part of a claim before the court.
    assert!(!text.contains("F-2026-0031"), "{text}");
    check_snapshot("dossier.txt", &doc);
}

#[test]
fn a_consumer_dossier_goes_to_the_tribunal_judiciaire_without_indemnity() {
    let mut d = sample::dossier("Jean Martin");
    d.business_debtor = false;
    for i in &mut d.invoices {
        i.indemnity = Money::from_cents(0);
    }
    let text = read_back(&dossier(&d).unwrap_or_else(|e| panic!("{e}")));
    assert_all(&text, &["tribunal judiciaire", "Cerfa n° 12948", "Particulier (consommateur)", "Intérêts de retard"]);
    assert!(!text.contains("12946") && !text.contains("Indemnités forfaitaires"), "{text}");
}

#[test]
fn a_long_claim_runs_over_pages_with_the_letterhead_on_each() {
    let mut d = sample::dossier("Client");
    let first = d.invoices[0].clone();
    d.invoices = (0..60)
        .map(|n| {
            let mut i = first.clone();
            i.line.number = format!("F-2026-{n:04}");
            i
        })
        .collect();
    let doc = dossier(&d).unwrap_or_else(|e| panic!("{e}"));
    assert!(doc.pages.len() >= 3, "{} pages", doc.pages.len());
    let total = doc.pages.len();
    for (n, page) in doc.pages.iter().enumerate() {
        let texts: Vec<&str> = page
            .items
            .iter()
            .filter_map(|i| match &i.kind {
                ItemKind::Text { text, .. } => Some(text.as_str()),
                ItemKind::Rule { .. } | ItemKind::Logo { .. } => None,
            })
            .collect();
        assert!(texts.contains(&d.creditor.party.name.as_str()), "letterhead on page {}", n + 1);
        assert!(texts.contains(&format!("Page {} / {total}", n + 1).as_str()));
    }
    let text = read_back(&doc);
    assert_all(&text, &["F-2026-0000", "F-2026-0059", "61. Conditions générales de vente"]);
}

#[test]
fn no_invoice_no_dossier() {
    let mut d = sample::dossier("Client");
    d.invoices.clear();
    assert!(dossier(&d).is_err());
}

fn check_snapshot(name: &str, doc: &Document) {
    let snapshot = doc.snapshot();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots").join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &snapshot).unwrap_or_else(|e| panic!("{e}"));
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_SNAPSHOTS=1 and review)", path.display()));
    assert_eq!(snapshot, expected, "{name} changed: run with UPDATE_SNAPSHOTS=1 and review the diff");
}

#[test]
fn a_level_fee_is_its_own_line_and_part_of_the_total_asked() {
    let mut r = sample::reminder("Client", relance_letters::ReminderLevel::Firm);
    let without = read_back(&relance_letters::reminder(&r).unwrap_or_else(|e| panic!("{e}")));
    assert!(!without.contains("Frais de relance"), "{without}");
    assert_eq!(r.total_asked(), Money::from_cents(323_450));
    r.fee = Some(Money::from_cents(1500));
    assert_eq!(r.total_asked(), Money::from_cents(324_950));
    let with = read_back(&relance_letters::reminder(&r).unwrap_or_else(|e| panic!("{e}")));
    assert_all(
        &with,
        &["Total 3 634,50 € 400,00 € 3 234,50 €", "Frais de relance 15,00 €", "Total à régler 3 249,50 €"],
    );
}
