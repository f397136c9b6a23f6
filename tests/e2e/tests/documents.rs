//! Documents made from the window: the customer's account statement is written in the data
//! folder's `documents/` (the e2e harness sets RELANCE_NO_OPEN, so no viewer pops up: the toast
//! gives the path) and read back with `pdftotext`.
//!
//! `RELANCE_E2E=1 cargo test -p relance-e2e --test documents -- --nocapture`

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use relance_e2e::steps::{days_before, value_of, wait_css};
use relance_e2e::App;

const SHORT: Duration = Duration::from_secs(10);

fn pdftotext(path: &Path) -> String {
    let out = Command::new("pdftotext").arg("-layout").arg(path).arg("-").output().expect("pdftotext (poppler-utils)");
    assert!(out.status.success(), "pdftotext {}", path.display());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_account_statement_is_written_and_says_what_is_owed() {
    let Some(app) = App::launch("documents") else { return };

    app.find("welcome");
    app.click("welcome-empty");
    app.wait_for_text("screen-title", |t| t == "Réglages", SHORT);
    app.type_into("company-name", "Atelier Dupont");
    app.click("company-save");
    app.wait_for_text("screen-title", |t| t == "Clients", SHORT);

    app.click("customer-new");
    app.type_into("customer-name", "Boulangerie Lefèvre & Fils");
    app.click("customer-save");
    app.find("customer-detail");
    app.click("customer-new-invoice");
    app.find("invoice-customer-picked");
    let today = value_of(&app, "invoice-issue-date");
    app.type_into("invoice-number", "FA-2026-041");
    app.type_into("invoice-issue-date", &days_before(&today, 50));
    app.type_into("invoice-due-date", &days_before(&today, 20));
    app.type_into("invoice-total", "1 234,56");
    app.click("invoice-save");
    wait_css(&app, r#"[data-testid="customer-invoice"][data-number="FA-2026-041"]"#, |_| true);

    app.click("customer-statement");
    let toast = app.wait_for_text("toast", |t| t.starts_with("Document enregistré"), SHORT);
    let folder = app.data_dir().join("documents");
    let files: Vec<_> = std::fs::read_dir(&folder)
        .expect("the documents folder exists")
        .map(|e| e.expect("an entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files.len(), 1, "one document, no temporary file left: {files:?}");
    let name = &files[0];
    assert!(name.starts_with("releve-de-compte-boulangerie-lefevre-fils-") && name.ends_with(".pdf"), "{name}");
    assert!(toast.contains(name.as_str()), "the toast gives the path: {toast}");

    let text = pdftotext(&folder.join(name));
    for expected in ["Relevé de compte", "Boulangerie Lefèvre & Fils", "Atelier Dupont", "FA-2026-041", "1 234,56 €"]
    {
        assert!(text.contains(expected), "the statement says {expected:?}:\n{text}");
    }
    std::thread::sleep(Duration::from_millis(400));
    app.screenshot("documents-statement");
}
