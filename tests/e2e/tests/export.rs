//! Export to CSV from the window: the example business's customers from Clients, the agenda from
//! Today, the payments from Factures' menu, the aged balance from Settings « Exporter les données ».
//! The harness sets RELANCE_E2E_SAVE_DIR: each export lands in that folder under the name the save
//! dialog would offer, and is read back here with the csv crate and checked against the screens.
//!
//! `RELANCE_E2E=1 cargo test -p relance-e2e --test export -- --nocapture`

use std::time::Duration;

use relance_e2e::steps::{click_css, read_fr_csv, wait_text};
use relance_e2e::App;

fn settle() {
    std::thread::sleep(Duration::from_millis(500));
}

/// "12 345,67 €" (the screen) or "12345,67" (the French CSV) -> cents.
fn cents(text: &str) -> i64 {
    let kept: String = text.chars().filter(|c| c.is_ascii_digit() || *c == '-').collect();
    assert!(text.contains(','), "an amount with its cents: {text:?}");
    kept.parse().unwrap_or_else(|_| panic!("an amount: {text:?}"))
}

/// The files in the export folder, sorted.
fn saved(app: &App) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(app.save_dir())
        .expect("the export folder")
        .map(|e| e.expect("an entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort_unstable();
    names
}

/// Waits for « N lignes exportées dans F » and returns (N, F).
fn exported(app: &App, prefix: &str) -> (usize, String) {
    let toast = wait_text(app, "toast-message", |t| t.contains(" exportée") && t.contains(prefix));
    let (count, rest) = toast.split_once(' ').expect("a count first");
    let file = rest.split(" dans ").nth(1).expect("« dans <file> »").trim().to_owned();
    let action = app.text_of("toast-action");
    assert_eq!(action, "Ouvrir le dossier");
    (count.parse().unwrap_or_else(|_| panic!("a number of lines: {toast}")), file)
}

fn close_toast(app: &App) {
    if app.exists("toast") {
        click_css(app, ".toast-close");
    }
}

/// Clicks a button of Settings after bringing it to the middle of the window.
fn press(app: &App, testid: &str) {
    let script = format!(r#"document.querySelector('[data-testid="{testid}"]').scrollIntoView({{block: 'center'}})"#);
    app.block_on(app.client().execute(&script, Vec::new())).unwrap_or_else(|e| panic!("scrolling to {testid}: {e}"));
    settle();
    app.click(testid);
}

#[test]
fn export_the_customers_and_the_aged_balance_and_read_them_back() {
    let Some(app) = App::launch("export") else { return };

    app.click("welcome-demo");
    app.find("today-group");
    close_toast(&app);
    let outstanding = cents(&wait_text(&app, "today-total-outstanding", |t| t.contains(',')));
    let overdue = cents(&app.text_of("today-total-overdue"));
    assert!(outstanding > 0 && overdue > 0);

    // Today: « Exporter l'agenda ».
    app.click("agenda-export");
    let (rows, file) = exported(&app, "relance-agenda-");
    assert!(file.starts_with("relance-agenda-") && file.ends_with(".csv"), "{file}");
    let (header, agenda) = read_fr_csv(&app.save_dir().join(&file));
    assert_eq!(header, ["Client", "Action", "Niveau", "Factures", "Montant"]);
    assert_eq!(agenda.len(), rows, "the toast counts the rows of the file");
    assert!(rows > 0, "the example business has reminders today");
    settle();
    app.screenshot("export-01-today-agenda");
    // « Ouvrir le dossier » asks Rust to show the file (not in tests: RELANCE_NO_OPEN); no error.
    app.click("toast-action");
    close_toast(&app);

    // Clients: every customer, archived ones too, as many as the list says.
    app.click("nav-clients");
    app.find("customer-row");
    app.click("customer-archived-toggle");
    let range = wait_text(&app, "pager-range", |t| !t.is_empty());
    let listed: usize = range
        .rsplit(|c: char| !c.is_ascii_digit() && c != '\u{202f}' && c != '\u{a0}' && c != ' ')
        .next()
        .map(|n| n.chars().filter(char::is_ascii_digit).collect::<String>())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a total in {range:?}"));
    app.click("customers-export");
    let (rows, file) = exported(&app, "relance-clients-");
    let (header, customers) = read_fr_csv(&app.save_dir().join(&file));
    assert_eq!(header[0], "Nom");
    assert_eq!(header[7], "Téléphone");
    assert_eq!(customers.len(), rows);
    assert_eq!(rows, listed, "as many customers as the Clients list ({range})");
    let first_row = app.text_of("customer-row");
    assert!(customers.iter().any(|c| first_row.contains(c[0].as_str())), "{first_row}");
    // Phone numbers are written as typed: no ' before a +33.
    assert!(
        customers.iter().all(|c| !c[7].starts_with('\'')),
        "{:?}",
        customers.iter().map(|c| &c[7]).collect::<Vec<_>>()
    );
    settle();
    app.screenshot("export-02-clients");
    close_toast(&app);

    // Factures: « Exporter » opens a menu: the invoices or the payments.
    app.click("nav-invoices");
    app.click("invoices-export");
    app.find("invoices-export-menu");
    settle();
    app.screenshot("export-03-invoices-menu");
    app.click("invoices-export-payments");
    let (rows, file) = exported(&app, "relance-paiements-");
    let (header, payments) = read_fr_csv(&app.save_dir().join(&file));
    assert_eq!(header[0], "Client");
    assert_eq!(payments.len(), rows);
    close_toast(&app);

    // Settings « Exporter les données »: the aged balance today, in French.
    app.click("nav-settings");
    app.find("export-section");
    press(&app, "export-aging");
    let (rows, file) = exported(&app, "relance-balance-agee-");
    let (header, aging) = read_fr_csv(&app.save_dir().join(&file));
    assert_eq!(
        header,
        ["Client", "Non échu", "1 à 30 jours", "31 à 60 jours", "61 à 90 jours", "Plus de 90 jours", "Total"]
    );
    assert_eq!(aging.len(), rows);
    let total: i64 = aging.iter().map(|r| cents(&r[6])).sum();
    let late: i64 = aging.iter().map(|r| r[2..6].iter().map(|c| cents(c)).sum::<i64>()).sum();
    assert_eq!(total, outstanding, "the aged balance adds up to Today's « reste à encaisser »");
    assert_eq!(late, overdue, "its late columns add up to Today's « en retard »");
    for r in &aging {
        assert_eq!(r[1..6].iter().map(|c| cents(c)).sum::<i64>(), cents(&r[6]), "{r:?}");
    }
    settle();
    app.screenshot("export-04-settings-aging");
    close_toast(&app);

    // A date that does not exist: said under the field, nothing written.
    let before = saved(&app);
    app.type_into("export-as-of", "31/02/2026");
    press(&app, "export-aging");
    let refused = wait_text(&app, "error-as_of", |t| !t.is_empty());
    assert!(!refused.is_empty());
    settle();
    app.screenshot("export-05-bad-date");
    assert_eq!(saved(&app), before, "nothing written");

    // The English format at a chosen date: `,`, no BOM, named by that date.
    app.type_into("export-as-of", "15/01/2026");
    click_css(&app, r#"[data-testid="export-format"] option[value="en"]"#);
    press(&app, "export-aging");
    let (rows, file) = exported(&app, "relance-aged-balance-2026-01-15.csv");
    let bytes = std::fs::read(app.save_dir().join(&file)).unwrap();
    assert!(!bytes.starts_with(b"\xEF\xBB\xBF"));
    let mut r = csv::Reader::from_reader(bytes.as_slice());
    assert_eq!(&r.headers().unwrap()[1], "Not due");
    assert_eq!(r.records().count(), rows);

    let names = saved(&app);
    assert_eq!(names.len(), 5, "one file per export, no temporary file left: {names:?}");
    assert!(names.iter().all(|n| n.starts_with("relance-") && n.ends_with(".csv")), "{names:?}");
}
