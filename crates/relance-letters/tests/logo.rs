//! The company logo on every page: embedded once in a batch (`pdfimages -list`), drawn in the
//! letterhead's box without distortion, the letterhead's text kept clear of it.

use std::{process::Command, sync::Arc};

use relance_letters::{
    layout::{ItemKind, CONTENT_WIDTH, LOGO_BOX_HEIGHT, LOGO_BOX_WIDTH, MARGIN, PAGE_WIDTH},
    logo::sample_png,
    sample, to_pdf, Document, Fonts, Logo, ReminderLevel,
};

fn run(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| panic!("{tool} (poppler-utils): {e}"));
    assert!(out.status.success(), "{tool}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn with_logo(level: ReminderLevel, logo: &Arc<Logo>) -> Document {
    let mut r = sample::reminder("Menuiserie Durand SARL", level);
    r.creditor.logo = Some(logo.clone());
    relance_letters::reminder(&r).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_batch_embeds_the_logo_once_and_every_page_draws_it_in_its_box() {
    let logo = Arc::new(Logo::check(&sample_png(240, 80)).unwrap_or_else(|e| panic!("{e}")));
    let mut letters: Vec<Document> = Vec::new();
    for _ in 0..4 {
        letters.push(with_logo(ReminderLevel::Friendly, &logo));
        let mut d = sample::dossier("Client");
        d.creditor.logo = Some(logo.clone());
        letters.push(relance_letters::dossier(&d).unwrap_or_else(|e| panic!("{e}")));
    }
    let batch = Document::batch("Lettres", letters);
    assert!(batch.pages.len() >= 8);
    let fonts = Fonts::get().unwrap_or_else(|e| panic!("{e}"));
    for (n, page) in batch.pages.iter().enumerate() {
        let logos: Vec<_> = page
            .items
            .iter()
            .filter_map(|i| match i.kind {
                ItemKind::Logo { width, height } => Some((i.x, i.y, width, height)),
                _ => None,
            })
            .collect();
        // 240 x 80 in a 127.56 x 56.69 pt box: width-bound, 3:1 kept, right-aligned on the margin.
        assert_eq!(logos, vec![(MARGIN + CONTENT_WIDTH - LOGO_BOX_WIDTH, MARGIN + 42_519, LOGO_BOX_WIDTH, 42_519)]);
        // The letterhead's text stays left of the logo.
        for item in &page.items {
            if let ItemKind::Text { text, size, weight } = &item.kind {
                if item.y < MARGIN + LOGO_BOX_HEIGHT {
                    let right = item.x + fonts.width(*weight, *size, text);
                    assert!(right < PAGE_WIDTH - MARGIN - LOGO_BOX_WIDTH, "page {}: {text:?} under the logo", n + 1);
                }
            }
        }
    }
    let pdf = to_pdf(&batch).unwrap_or_else(|e| panic!("{e}"));
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("batch.pdf");
    std::fs::write(&path, &pdf).unwrap_or_else(|e| panic!("{e}"));
    let list = run("pdfimages", &["-list", path.to_str().unwrap_or_default()]);
    let images: Vec<&str> = list.lines().skip(2).collect();
    // pdfimages lists each use of an image per page, with the object number of the image: one object.
    assert_eq!(images.len(), batch.pages.len(), "{list}");
    let objects: std::collections::BTreeSet<&str> =
        images.iter().filter_map(|l| l.split_whitespace().nth(10)).collect();
    assert_eq!(objects.len(), 1, "one image object for the whole batch:\n{list}");
    assert!(images.iter().all(|l| l.contains(" 240 ") && l.contains("  80 ")), "{list}");
    let text = run("pdftotext", &[path.to_str().unwrap_or_default(), "-"]);
    assert!(text.contains("Atelier Lumière SARL") && text.contains("Menuiserie Durand SARL"));
}

#[test]
fn a_document_without_logo_has_no_image() {
    let doc =
        relance_letters::reminder(&sample::reminder("Client", ReminderLevel::Firm)).unwrap_or_else(|e| panic!("{e}"));
    let pdf = to_pdf(&doc).unwrap_or_else(|e| panic!("{e}"));
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, &pdf).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(run("pdfimages", &["-list", path.to_str().unwrap_or_default()]).lines().count(), 2);
}
