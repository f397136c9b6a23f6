//! The injonction de payer dossier and the company logo, from the window.
//!
//! The book is prepared with the `relance` CLI on the app's data folder (the UI cannot backdate a formal
//! notice): Garage Martin's F-1 and F-2, four months late, had their mise en demeure today. Then, in the
//! window: the invoice's « Suite du recouvrement » card makes the dossier (written in `documents/`, read
//! back with `pdftotext`); Settings refuses a file that is not an image on the field « Logo », takes a
//! real PNG (preview, size), and the next dossier carries it (`pdfimages`); « Retirer le logo » asks first.
//!
//! `RELANCE_E2E=1 cargo test -p relance-e2e --test dossier_logo -- --nocapture`

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use chrono::{Datelike, Days, Local, NaiveDate};
use relance_e2e::steps::{click_css, wait_css, wait_text};
use relance_e2e::{workspace_root, App};

fn relance(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(workspace_root().join("target").join("debug").join("relance"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("LANG", "fr_FR.UTF-8")
        .output()
        .expect("the relance CLI runs (cargo build --workspace --all-targets)");
    assert!(out.status.success(), "relance {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name).args(args).output().expect("poppler-utils");
    assert!(out.status.success(), "{name} {args:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn ago(today: NaiveDate, days: u64) -> String {
    today.checked_sub_days(Days::new(days)).expect("a date").format("%Y-%m-%d").to_string()
}

fn settle() {
    std::thread::sleep(Duration::from_millis(500));
}

fn show(app: &App, testid: &str) {
    let script = "document.querySelector(`[data-testid=\"${arguments[0]}\"]`).scrollIntoView({block: 'center'})";
    app.block_on(app.client().execute(script, vec![serde_json::json!(testid)]))
        .unwrap_or_else(|e| panic!("scrolling to {testid} failed: {e}"));
    settle();
}

/// The one dossier in the documents folder (the same name is rewritten the same day).
fn dossier_file(app: &App) -> PathBuf {
    let folder = app.data_dir().join("documents");
    let files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .expect("the documents folder exists")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("dossier-injonction-")))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files[0].clone()
}

fn make_dossier(app: &App) -> PathBuf {
    click_css(app, r#"[data-testid="invoice-row"][data-number="F-1"] button"#);
    wait_css(app, r#"[data-testid="invoice-detail"][data-number="F-1"]"#, |_| true);
    app.click("followup-dossier");
    let toast = wait_text(app, "toast", |t| t.starts_with("Document enregistré"));
    let file = dossier_file(app);
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    assert!(name.starts_with("dossier-injonction-garage-martin-") && name.ends_with(".pdf"), "{name}");
    assert!(toast.contains(&name), "{toast}");
    file
}

#[test]
fn the_dossier_is_made_from_the_follow_up_card_and_the_logo_goes_on_it() {
    let Some(mut app) = App::launch("dossier_logo") else { return };
    app.find("welcome");
    let today = Local::now().date_naive();
    let dir = app.data_dir().to_path_buf();
    relance(&dir, &["customer", "add", "--name", "Garage Martin", "--terms", "net:30"]);
    for (number, amount) in [("F-1", "1000"), ("F-2", "450")] {
        let (issued, due) = (ago(today, 150), ago(today, 120));
        relance(
            &dir,
            &[
                "invoice",
                "add",
                "--customer",
                "1",
                "--number",
                number,
                "--date",
                &issued,
                "--due",
                &due,
                "--amount",
                amount,
            ],
        );
    }
    // The ECB rate of the half-years of the delay, in case the shipped tables stop before them (the
    // user adds it in Settings; 2.15 % is the rate in force since June 2025). A known one may be refused.
    let mut half = NaiveDate::from_ymd_opt(today.year() - 1, 1, 1).expect("a date");
    while half <= today {
        let _ = Command::new(workspace_root().join("target").join("debug").join("relance"))
            .arg("--data-dir")
            .arg(&dir)
            .args(["rate", "add", "--kind", "ecb", "--half-year", &half.format("%Y-%m-%d").to_string()])
            .args(["--rate", "2.15", "--source", "BCE, taux des opérations principales de refinancement"])
            .output();
        half = half.checked_add_months(chrono::Months::new(6)).expect("a date");
    }
    let notice = relance(&dir, &["action", "done", "--customer", "1", "--channel", "letter"]);
    assert!(notice.contains("mise en demeure"), "{notice}");
    app.restart();
    app.find("today-screen");

    // The dossier from the invoice's follow-up card.
    app.click("nav-invoices");
    app.find("invoices-screen");
    let file = make_dossier(&app);
    let text = tool("pdftotext", &["-layout", file.to_str().unwrap_or_default(), "-"]);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let penalties = relance(&dir, &["penalties", "--invoice", "F-1"]);
    for expected in [
        "Dossier de demande en injonction de payer".to_string(),
        "Garage Martin".into(),
        "F-1".into(),
        "F-2".into(),
        "1 000,00 €".into(),
        format!("Mise en demeure envoyée le {}", today.format("%d/%m/%Y")),
        "Pièces à joindre".into(),
        "Cerfa n° 12946".into(),
    ] {
        assert!(text.contains(&expected), "the dossier says {expected:?}:\n{text}");
    }
    // The penalty of F-1 is the one `relance penalties` gives.
    let interest = penalties
        .lines()
        .find_map(|l| l.strip_prefix("Intérêts de retard : "))
        .map(|a| a.replace(['\u{a0}', '\u{202f}'], " "))
        .unwrap_or_default();
    assert!(!interest.is_empty() && text.contains(&interest), "penalty {interest:?} of\n{penalties}\nin\n{text}");
    assert_eq!(tool("pdfimages", &["-list", file.to_str().unwrap_or_default()]).lines().count(), 2, "no logo yet");
    show(&app, "invoice-followup");
    app.screenshot("dossier-01-followup-card");

    // Settings: a file that is not an image is refused on its field, nothing kept.
    app.click("nav-settings");
    app.find("logo-section");
    app.find("logo-none");
    let bad = dir.join("logo.png");
    std::fs::write(&bad, b"<svg xmlns='http://www.w3.org/2000/svg'/>").expect("a file");
    app.block_on(app.find("logo-file").send_keys(bad.to_str().unwrap_or_default())).expect("a file chosen");
    wait_text(&app, "error-logo", |t| t.contains("n’est pas une image PNG ou JPEG"));
    app.find("logo-none");
    show(&app, "logo-section");
    app.screenshot("dossier-02-logo-refused");

    // A real PNG: kept, previewed with its size.
    let good = dir.join("atelier.png");
    std::fs::write(&good, relance_letters::logo::sample_png(300, 100)).expect("a png");
    app.block_on(app.find("logo-file").send_keys(good.to_str().unwrap_or_default())).expect("a file chosen");
    wait_text(&app, "toast", |t| t.starts_with("Logo enregistré"));
    app.find("logo-preview");
    wait_text(&app, "logo-size", |t| t == "300 × 100 pixels");
    assert!(!app.exists("error-logo"));
    show(&app, "logo-section");
    app.screenshot("dossier-03-logo-preview");

    // The next dossier carries it, once a page.
    app.click("nav-invoices");
    app.find("invoices-screen");
    let file = make_dossier(&app);
    let list = tool("pdfimages", &["-list", file.to_str().unwrap_or_default()]);
    let pages = tool("pdfinfo", &[file.to_str().unwrap_or_default()])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:").map(|n| n.trim().parse::<usize>().unwrap_or(0)))
        .unwrap_or(0);
    assert!(pages >= 1 && list.lines().count() == 2 + pages, "one logo a page:\n{list}");

    // « Retirer le logo » asks first.
    app.click("nav-settings");
    app.find("logo-preview");
    app.click("logo-remove");
    app.find("confirm-ok");
    settle();
    app.screenshot("dossier-04-logo-remove-confirm");
    app.click("confirm-ok");
    wait_text(&app, "toast", |t| t == "Logo retiré.");
    app.find("logo-none");
}
