//! CSV import in the real app, from an empty start: Today's welcome leads to
//! Settings, « Importer des données »; the path of IBM's sample typed, its
//! preset chosen, the preview shows the counts and the first row as the
//! test reads them from the CSV itself; « Importer 2 466 factures » asks
//! confirmation, shows its progress and ends with what was added; the
//! Factures and Clients lists show the imported books (counts and one
//! customer's total computed from the file); the same file again: the
//! preset is remembered and nothing is new. A broken file (a bad date on
//! line 3, a negative amount on line 5) lists both errors by line and
//! cannot be imported.
//!
//! `RELANCE_E2E=1 cargo test -p relance-e2e --test import -- --nocapture`

use std::time::Duration;

use relance_e2e::steps::{choose, count, plain, value_of, wait_text};
use relance_e2e::{workspace_root, App};

const SHORT: Duration = Duration::from_secs(10);
const LONG: Duration = Duration::from_secs(120);

fn settle() {
    std::thread::sleep(Duration::from_millis(500));
}

/// Brings an element to the middle of the window.
fn scroll(app: &App, testid: &str) {
    scroll_block(app, testid, "center");
}

/// Brings an element to the top of the window.
fn scroll_top(app: &App, testid: &str) {
    scroll_block(app, testid, "start");
}

fn scroll_block(app: &App, testid: &str, block: &str) {
    let script = format!(r#"document.querySelector('[data-testid="{testid}"]').scrollIntoView({{block: '{block}'}})"#);
    app.block_on(app.client().execute(&script, Vec::new())).unwrap_or_else(|e| panic!("scrolling to {testid}: {e}"));
    settle();
}

fn press(app: &App, testid: &str) {
    scroll(app, testid);
    app.click(testid);
}

fn js(app: &App, script: &str) -> serde_json::Value {
    app.block_on(app.client().execute(script, Vec::new())).unwrap_or_else(|e| panic!("{script}: {e}"))
}

fn disabled(app: &App, testid: &str) -> bool {
    js(app, &format!(r#"return document.querySelector('[data-testid="{testid}"]').disabled"#))
        == serde_json::json!(true)
}

fn wait_until(what: &str, timeout: Duration, mut ok: impl FnMut() -> bool) {
    let deadline = std::time::Instant::now() + timeout;
    while !ok() {
        assert!(std::time::Instant::now() < deadline, "{what}: not after {timeout:?}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn close_toast(app: &App) {
    if app.exists("toast") {
        relance_e2e::steps::click_css(app, ".toast-close");
    }
}

/// `1/2/2013` (month first) -> `02/01/2013`.
fn french_date(us: &str) -> String {
    let p: Vec<&str> = us.split('/').collect();
    format!("{:0>2}/{:0>2}/{}", p[1], p[0], p[2])
}

/// `55.94` -> cents, by string arithmetic.
fn cents(v: &str) -> i64 {
    let (units, frac) = v.split_once('.').unwrap_or((v, ""));
    units.parse::<i64>().unwrap() * 100 + format!("{frac:0<2}").parse::<i64>().unwrap()
}

/// `1 234,56 €` as the UI shows it -> cents.
fn shown_cents(text: &str) -> i64 {
    let digits: String = plain(text).chars().filter(|c| c.is_ascii_digit() || *c == ',').collect();
    let (units, frac) = digits.split_once(',').unwrap();
    units.parse::<i64>().unwrap() * 100 + frac.parse::<i64>().unwrap()
}

/// Thousands grouped the French way, with plain spaces: 2466 -> "2 466".
fn grouped(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

fn count_text(app: &App, testid: &str) -> String {
    plain(&app.text_of(testid))
}

#[test]
fn import_the_ibm_sample_then_again_then_a_broken_file() {
    let Some(app) = App::launch("import") else { return };
    let ibm = workspace_root().join("crates/relance-app/tests/fixtures/import/ibm_ar.csv");
    let csv = std::fs::read_to_string(&ibm).unwrap();
    // What the file holds, read here independently of the app.
    let lines: Vec<Vec<&str>> =
        csv.lines().skip(1).filter(|l| !l.trim().is_empty()).map(|l| l.split(',').collect()).collect();
    let invoices = lines.len();
    let customers: std::collections::BTreeSet<&str> = lines.iter().map(|l| l[1]).collect();
    let first = &lines[0];
    assert_eq!(invoices, 2466);

    // From the welcome panel of an empty start to the import section.
    app.find("welcome-import");
    app.screenshot("import-00-welcome");
    app.click("welcome-import");
    app.wait_for_text("screen-title", |t| t == "Réglages", SHORT);
    app.find("import-section");
    scroll(&app, "import-section");
    app.screenshot("import-01-section");

    app.type_into("import-path", &ibm.display().to_string());
    choose(&app, "import-preset", "ibm");
    assert_eq!(value_of(&app, "import-kind"), "invoices");
    press(&app, "import-preview");
    wait_text(&app, "import-counts-invoices", |t| plain(t) == grouped(invoices));
    assert_eq!(count_text(&app, "import-counts-rows"), grouped(invoices));
    assert_eq!(count_text(&app, "import-counts-customers"), grouped(customers.len()));
    assert_eq!(count_text(&app, "import-counts-payments"), grouped(invoices), "every invoice of the sample is settled");
    assert_eq!(count_text(&app, "import-counts-unchanged"), "0");
    assert!(!app.exists("import-errors"));
    // The first row as it will be read: the customer, the number with its zeros, French dates, the amount.
    let row = plain(&app.text_of("import-row"));
    for part in [
        "2".to_string(),
        first[1].to_string(),
        first[3].to_string(),
        french_date(first[4]),
        french_date(first[5]),
        format!("{},{:02} €", cents(first[6]) / 100, cents(first[6]) % 100),
        french_date(first[8]),
    ] {
        assert!(row.contains(&part), "{part:?} in the first row: {row}");
    }
    assert_eq!(count(&app, r#"[data-testid="import-row"]"#), 20);
    let run = wait_text(&app, "import-run", |t| !t.is_empty());
    assert_eq!(plain(&run), format!("Importer {} factures", grouped(invoices)));
    assert!(!disabled(&app, "import-run"));
    scroll_top(&app, "import-preview-panel");
    app.screenshot("import-02-preview");

    // Confirmation, then the progress bar (watched from the page: the import is quick), then the result.
    press(&app, "import-run");
    let dialog = wait_text(&app, "confirm-dialog", |t| t.contains("Importer ce fichier ?"));
    assert!(
        plain(&dialog).contains(&format!("{} clients, {} factures", customers.len(), grouped(invoices))),
        "{dialog}"
    );
    app.screenshot("import-03-confirm");
    js(
        &app,
        r#"window.__importProgressSeen = false;
           new MutationObserver(() => {
             if (document.querySelector('[data-testid="import-progress"] progress')) window.__importProgressSeen = true;
           }).observe(document.body, { childList: true, subtree: true });"#,
    );
    app.click("confirm-ok");
    app.wait_for_text("import-result", |t| t.contains("Import terminé"), LONG);
    assert_eq!(js(&app, "return window.__importProgressSeen"), serde_json::json!(true), "the progress bar was shown");
    assert_eq!(count_text(&app, "import-result-counts-invoices"), grouped(invoices));
    assert_eq!(count_text(&app, "import-result-counts-customers"), grouped(customers.len()));
    close_toast(&app);
    scroll(&app, "import-result");
    app.screenshot("import-04-result");

    // The Factures list: every invoice (all paid), and one customer's invoices and total as in the file.
    press(&app, "import-see-invoices");
    app.find("invoices-screen");
    choose(&app, "invoice-status-filter", "all");
    wait_text(&app, "pager-range", |t| plain(t).ends_with(&format!("sur {}", grouped(invoices))));
    let who = first[1];
    let theirs: Vec<&Vec<&str>> = lines.iter().filter(|l| l[1] == who).collect();
    assert!(theirs.len() <= 50, "one page");
    let expected: i64 = theirs.iter().map(|l| cents(l[6])).sum();
    app.type_into("invoice-search", who);
    wait_until("the customer's invoices", SHORT, || count(&app, r#"[data-testid="invoice-row"]"#) == theirs.len());
    let totals = js(
        &app,
        r#"return [...document.querySelectorAll('[data-testid="invoice-row"] td:nth-child(5)')].map(td => td.textContent)"#,
    );
    let shown: i64 = totals.as_array().unwrap().iter().map(|v| shown_cents(v.as_str().unwrap())).sum();
    assert_eq!(shown, expected, "{who}'s total");
    app.screenshot("import-05-invoices");

    // The Clients list: every customer of the file.
    app.click("nav-clients");
    app.find("clients-screen");
    wait_text(&app, "pager-range", |t| plain(t).ends_with(&format!("sur {}", customers.len())));
    app.screenshot("import-06-clients");

    // The same file again: its preset is remembered, nothing is new, nothing to import.
    app.click("nav-settings");
    app.find("settings-index-import-title");
    app.click("settings-index-import-title");
    settle();
    app.type_into("import-path", &ibm.display().to_string());
    press(&app, "import-preview");
    wait_text(&app, "import-counts-unchanged", |t| plain(t) == grouped(invoices));
    assert_eq!(value_of(&app, "import-preset"), "ibm", "the preset of the last import of this header");
    app.find("import-remembered");
    assert_eq!(count_text(&app, "import-counts-invoices"), "0");
    assert_eq!(count_text(&app, "import-counts-customers"), "0");
    assert_eq!(count_text(&app, "import-counts-payments"), "0");
    assert!(disabled(&app, "import-run"));
    wait_text(&app, "import-run-reason", |t| {
        t == "Rien de nouveau : tout ce que contient ce fichier est déjà dans Relance."
    });
    scroll_top(&app, "import-preview-panel");
    app.screenshot("import-07-nothing-new");

    // A broken file: both errors with their lines, and no import.
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("factures-cassees.csv");
    std::fs::write(
        &broken,
        "Client;N° facture;Date;Échéance;Montant TTC\n\
         Atelier Roux;R-1;15/01/2026;14/02/2026;120,00\n\
         Atelier Roux;R-2;31/02/2026;31/03/2026;80,00\n\
         Garage Vidal;R-3;20/01/2026;19/02/2026;45,50\n\
         Garage Vidal;R-4;22/01/2026;21/02/2026;-30,00\n",
    )
    .unwrap();
    app.type_into("import-path", &broken.display().to_string());
    choose(&app, "import-preset", "generic");
    press(&app, "import-preview");
    wait_until("two errors", SHORT, || count(&app, r#"[data-testid="import-error"]"#) == 2);
    let errors = js(
        &app,
        r#"return [...document.querySelectorAll('[data-testid="import-error"]')].map(li => [li.dataset.line, li.textContent])"#,
    );
    let errors: Vec<(String, String)> = serde_json::from_value(errors).unwrap();
    assert_eq!(errors[0].0, "3");
    assert!(errors[0].1.starts_with("Ligne 3, colonne « Date » : "), "{}", errors[0].1);
    assert!(errors[0].1.contains("31/02/2026"), "{}", errors[0].1);
    assert_eq!(errors[1].0, "5");
    assert!(errors[1].1.starts_with("Ligne 5, colonne « Montant TTC » : "), "{}", errors[1].1);
    assert!(errors[1].1.contains("-30,00"), "{}", errors[1].1);
    assert!(disabled(&app, "import-run"));
    wait_text(&app, "import-run-reason", |t| t.starts_with("Import impossible tant que le fichier a des erreurs"));
    assert_eq!(count_text(&app, "import-counts-rows"), "4");
    assert!(!app.exists("import-counts-invoices"), "a file with errors adds nothing: no counts of new rows");
    scroll_top(&app, "import-preview-panel");
    app.screenshot("import-08-broken-file");
    assert!(!plain(&app.text_of("import-section")).contains("bad_value"), "no raw codes");
}
