//! The real PDF files read back with poppler's `pdftotext` and `pdffonts`.

use std::{path::Path, process::Command};

use relance_letters::{
    layout::{ItemKind, MARGIN, PAGE_HEIGHT, PAGE_WIDTH},
    sample, to_pdf, Document, Fonts, Lang, ReminderLevel,
};

fn run(tool: &str, args: &[&str]) -> String {
    let out = match Command::new(tool).args(args).output() {
        Ok(out) => out,
        Err(e) => panic!("{tool} (poppler-utils) is needed: {e}"),
    };
    assert!(out.status.success(), "{tool} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The PDF of `doc` written to a temporary file, and its text (no-break spaces made plain).
fn read_back(doc: &Document) -> (tempfile::TempDir, std::path::PathBuf, Vec<u8>, String) {
    let bytes = match to_pdf(doc) {
        Ok(b) => b,
        Err(e) => panic!("{e}"),
    };
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("letter.pdf");
    std::fs::write(&path, &bytes).unwrap_or_else(|e| panic!("{e}"));
    // Words joined by single spaces: a sentence reads the same wherever its lines break.
    let text = run("pdftotext", &["-layout", path_str(&path), "-"]).replace('\u{a0}', " ");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (dir, path, bytes, text)
}

fn path_str(p: &Path) -> &str {
    p.to_str().unwrap_or_default()
}

fn assert_all(text: &str, wanted: &[&str]) {
    for w in wanted {
        assert!(text.contains(w), "{w:?} missing from:\n{text}");
    }
}

/// Every text run stays inside the page's margins.
fn assert_inside(doc: &Document) {
    let fonts = Fonts::get().unwrap_or_else(|e| panic!("{e}"));
    for (n, page) in doc.pages.iter().enumerate() {
        for item in &page.items {
            if let ItemKind::Text { text, size, weight } = &item.kind {
                let right = item.x + fonts.width(*weight, *size, text);
                assert!(
                    item.x >= MARGIN && right <= PAGE_WIDTH - MARGIN,
                    "page {}: {text:?} runs off ({right})",
                    n + 1
                );
                assert!(item.y > 0 && item.y < PAGE_HEIGHT, "page {}: {text:?} at {}", n + 1, item.y);
            }
        }
    }
}

fn reminder(level: ReminderLevel) -> Document {
    relance_letters::reminder(&sample::reminder("Boulangerie Ménard & Fils", level)).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_friendly_reminder_reads_back_with_its_invoices_amounts_and_accents() {
    let doc = reminder(ReminderLevel::Friendly);
    assert_inside(&doc);
    let (_dir, path, bytes, text) = read_back(&doc);
    assert_all(
        &text,
        &[
            "Atelier Lumière SARL",
            "SIRET 732 829 320 00074",
            "12 rue des Écoles, 69003 Lyon",
            "Boulangerie Ménard & Fils",
            "Lyon, le 16/03/2026",
            "Objet : Relance de factures échues",
            "pour un montant total de 3 234,50 €.",
            "F-2026-0012",
            "01/01/2026",
            "31/01/2026",
            "1 234,50 €",
            "400,00 €",
            "2 000,00 €",
            "44 j",
            "30 j",
            "Factures à échoir, pour information",
            "F-2026-0031",
            "IBAN FR76 3000 6000 0112 3456 7890 189",
            "BIC AGRIFRPP",
            "Page 1 / 1",
        ],
    );
    // The invoice not yet due is never part of what is asked.
    assert!(!text.contains("4 214,50"), "{text}");
    // Embedded, subset, with a ToUnicode map.
    let fonts = run("pdffonts", &[path_str(&path)]);
    let lines: Vec<&str> = fonts.lines().filter(|l| l.contains("DejaVuSans")).collect();
    assert_eq!(lines.len(), 2, "{fonts}");
    for l in lines {
        let name = l.split_whitespace().next().unwrap_or_default();
        assert!(name.len() > 7 && name.as_bytes()[6] == b'+', "subset tag on {name}");
        assert!(l.contains("Identity-H") && l.contains("yes yes yes"), "{l}");
    }
    assert!(bytes.len() < 30_000, "a one-page letter weighs {} bytes", bytes.len());
    // The file's properties: the letter's date (the layout reads no clock) and its sender.
    let info = run("pdfinfo", &["-isodates", path_str(&path)]);
    assert!(info.contains("Author:          Atelier Lumière SARL"), "{info}");
    assert!(info.contains("CreationDate:    2026-03-16T00:00:00Z"), "{info}");
    assert!(
        info.contains("Page size:       595.276 x 841.89 pts (A4)") && info.contains("Pages:           1"),
        "{info}"
    );
}

#[test]
fn each_level_has_its_own_courteous_wording() {
    let (_d, _p, _b, pre) = read_back(&reminder(ReminderLevel::PreDue));
    assert_all(&pre, &["Objet : Rappel d’échéance", "arrivent prochainement à échéance"]);
    let (_d, _p, _b, firm) = read_back(&reminder(ReminderLevel::Firm));
    assert_all(&firm, &["Deuxième relance", "sous huit jours", "échéancier"]);
    assert!(!firm.contains("Rappel d’échéance"));
    // One invoice: the sentence says so.
    let mut one = sample::reminder("Boulangerie Ménard & Fils", ReminderLevel::Friendly);
    one.invoices.truncate(1);
    let (_d, _p, _b, text) = read_back(&relance_letters::reminder(&one).unwrap_or_else(|e| panic!("{e}")));
    assert!(
        text.contains("le règlement de la facture ci-dessous, arrivée à échéance, d’un montant de 1 234,50 €."),
        "{text}"
    );
    let mut one = sample::notice("Boulangerie Ménard & Fils");
    one.invoices.truncate(1);
    let (_d, _p, _b, text) = read_back(&relance_letters::notice(&one).unwrap_or_else(|e| panic!("{e}")));
    assert!(text.contains("la facture suivante demeure impayée"), "{text}");
}

#[test]
fn an_english_reminder_formats_amounts_and_dates_in_english() {
    let mut data = sample::reminder("Acme Ltd", ReminderLevel::Friendly);
    data.lang = Lang::En;
    let (_d, _p, _b, text) = read_back(&relance_letters::reminder(&data).unwrap_or_else(|e| panic!("{e}")));
    assert_all(&text, &["Subject: Overdue invoices", "€1,234.50", "€3,234.50", "31/01/2026", "Lyon, 16 March 2026"]);
}

#[test]
fn the_formal_notice_carries_the_penalties_the_indemnity_the_deadline_and_the_legal_mentions() {
    let doc = relance_letters::notice(&sample::notice("Boulangerie Ménard & Fils")).unwrap_or_else(|e| panic!("{e}"));
    assert_inside(&doc);
    let (_dir, _path, bytes, text) = read_back(&doc);
    assert_all(
        &text,
        &[
            "Lettre recommandée avec accusé de réception",
            "Objet : Mise en demeure de payer",
            "SIREN 552 100 554",
            "8 avenue Jean Jaurès",
            "article L441-10 du Code de commerce",
            "article D441-5",
            "18,08 €",
            "19,97 €",
            "38,05 €",
            "12,15 %",
            "01/02/2026",
            "2 × 40,00 € = 80,00 €",
            "1 292,58 €",
            "Total réclamé",
            "3 352,55 €",
            "dans un délai de 8 jours",
            "au plus tard le 24/03/2026",
            "injonction de payer",
            "article 1344 du Code civil",
            "Factures à échoir, pour information",
        ],
    );
    let pages = doc.pages.len();
    for n in 1..=pages {
        assert!(text.contains(&format!("Page {n} / {pages}")), "page {n}");
    }
    assert!(bytes.len() < 40_000 * pages, "{} bytes for {pages} pages", bytes.len());
}

#[test]
fn a_consumer_gets_legal_interest_and_no_indemnity() {
    let mut data = sample::notice("Jean Dupont");
    data.business_debtor = false;
    for i in &mut data.invoices {
        i.indemnity = relance_domain::money::Money::from_cents(0);
    }
    let (_d, _p, _b, text) = read_back(&relance_letters::notice(&data).unwrap_or_else(|e| panic!("{e}")));
    assert_all(&text, &["article 1231-6 du Code civil", "Intérêts de retard", "3 272,55 €"]);
    assert!(!text.contains("Indemnité") && !text.contains("40,00 €") && !text.contains("L441-10"), "{text}");
}

#[test]
fn a_hostile_name_stays_text_inside_its_box() {
    let name = format!(
        "<b>Société Ωmega</b> {} שלום עולם 😀🦀 \u{202E}evil\u{0007}",
        "Très-Longue-Raison-Sociale-Sans-Espace-".repeat(20)
    );
    let mut data = sample::notice(&name);
    data.invoices[0].line.number = format!("<script>{}</script>", "9".repeat(200));
    data.debtor.address.push("ligne\nsur\tplusieurs\u{2028}lignes".into());
    let doc = relance_letters::notice(&data).unwrap_or_else(|e| panic!("{e}"));
    assert_inside(&doc);
    let snapshot = doc.snapshot();
    assert!(!snapshot.contains('\u{202E}') && !snapshot.contains('\u{0007}') && !snapshot.contains('\u{2028}'));
    let (_dir, _path, _bytes, text) = read_back(&doc);
    assert_all(
        &text,
        &["<b>Société Ωmega</b>", "Très-Longue-Raison", "…", "<script>999", "ligne sur plusieurs lignes"],
    );
    assert!(!text.contains("evil") || !text.contains('\u{202E}'));
    // The name is cut to three lines: the letter stays on its pages.
    assert_eq!(doc.pages.len(), 2);
}

#[test]
fn a_long_list_of_invoices_runs_onto_numbered_pages_with_the_header_repeated() {
    let mut data = sample::reminder("Grossiste du Marché", ReminderLevel::Firm);
    let first = data.invoices[0].clone();
    data.invoices =
        (1..=90).map(|n| relance_letters::InvoiceLine { number: format!("F-2025-{n:04}"), ..first.clone() }).collect();
    let doc = relance_letters::reminder(&data).unwrap_or_else(|e| panic!("{e}"));
    assert_inside(&doc);
    let (_dir, _path, bytes, text) = read_back(&doc);
    let pages = doc.pages.len();
    assert!(pages >= 3, "{pages} pages");
    assert!(text.matches("Atelier Lumière SARL").count() > pages, "the letterhead on every page");
    for (n, page) in doc.pages.iter().enumerate() {
        let has = |f: &dyn Fn(&str) -> bool| {
            page.items.iter().any(|i| matches!(&i.kind, ItemKind::Text { text, .. } if f(text)))
        };
        if has(&|t| t.starts_with("F-2025-")) {
            assert!(has(&|t| t == "Déjà réglé"), "page {} lists invoices under the header", n + 1);
        }
    }
    assert_all(&text, &["F-2025-0001", "F-2025-0090", "111 105,00 €", &format!("Page {pages} / {pages}")]);
    assert!(bytes.len() / pages < 40_000);
}

#[test]
fn the_layout_snapshot_is_reviewed() {
    let snapshot = reminder(ReminderLevel::Friendly).snapshot();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/reminder-friendly.txt");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &snapshot).unwrap_or_else(|e| panic!("{e}"));
    }
    let kept = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(snapshot, kept, "layout changed: review, then UPDATE_SNAPSHOTS=1 cargo test -p relance-letters");
}

#[test]
fn any_text_in_any_field_gives_a_readable_pdf_within_the_margins() {
    // A fixed pseudo-random walk over awkward characters: markup, quotes, RTL, combining marks, emoji,
    // CJK, controls, bidi overrides, no-break and zero-width spaces, very long words.
    let pool: Vec<char> =
        "aé€<>&\"'{}\\/%()ßœ«»—…שׁمرحبا😀🦀漢字\u{0301}\u{202E}\u{200B}\u{00A0}\u{0000}\u{FEFF}\n\t ".chars().collect();
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |len: usize| -> String {
        (0..len)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                pool[(state % pool.len() as u64) as usize]
            })
            .collect()
    };
    for round in 0..12 {
        let mut data = sample::notice(&next(5 + round * 40));
        data.debtor.address = vec![next(300), next(3)];
        data.debtor.legal_ids = vec![next(80)];
        data.creditor.party.name = next(120);
        data.creditor.city = Some(next(60));
        data.creditor.iban = Some(next(200));
        data.invoices[0].line.number = next(90);
        let doc = relance_letters::notice(&data).unwrap_or_else(|e| panic!("{e}"));
        assert_inside(&doc);
        let (_dir, _path, _bytes, text) = read_back(&doc);
        assert!(text.contains("Objet : Mise en demeure de payer"), "round {round}:\n{text}");
        assert!(text.contains("3 352,55 €"), "round {round}");
    }
}
