//! The laptop died: restore an encrypted backup from the welcome screen.
//!
//! Issue 6's acceptance in one go: the IBM file imported through the import screen (two unpaid
//! invoices added with the command line, the sample being all paid); Settings, « Sauvegarde »:
//! « Chiffrer les sauvegardes » with a passphrase typed twice (not remembered: no keyring service
//! under Xvfb), « Sauvegarder maintenant », the backup listed as
//! « Chiffrée ». The app stopped, the data folder deleted entirely, the app started on nothing:
//! the welcome screen's « Restaurer une sauvegarde », the file, what it holds, a wrong passphrase
//! refused in words, the right one restores, Today shows the same books (counts and totals equal
//! to those read from the original database file).
//!
//! `RELANCE_E2E=1 cargo test -p relance-e2e --test restore_welcome -- --nocapture`

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use relance_e2e::steps::{choose, click_css, wait_text};
use relance_e2e::{workspace_root, App};

const PASSPHRASE: &str = "Le vieux portable est mort 2026";
const SHORT: Duration = Duration::from_secs(10);
const LONG: Duration = Duration::from_secs(120);

fn settle() {
    std::thread::sleep(Duration::from_millis(500));
}

fn scroll_to(app: &App, testid: &str) {
    let script = format!(r#"document.querySelector('[data-testid="{testid}"]').scrollIntoView({{block: 'center'}})"#);
    app.block_on(app.client().execute(&script, Vec::new())).unwrap_or_else(|e| panic!("scrolling to {testid}: {e}"));
    settle();
}

/// Clicks a button after bringing it to the middle of the window.
fn press(app: &App, testid: &str) {
    scroll_to(app, testid);
    app.click(testid);
}

fn close_toast(app: &App) {
    if app.exists("toast") {
        click_css(app, ".toast-close");
    }
}

/// The `relance` command line built next to the app.
fn relance(data: &Path, args: &[&str]) {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .map(|t| if t.is_relative() { workspace_root().join(t) } else { t })
        .unwrap_or_else(|| workspace_root().join("target"));
    let out = Command::new(target.join("debug").join("relance"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env("LANG", "fr_FR.UTF-8")
        .output()
        .unwrap_or_else(|e| panic!("relance {args:?}: {e}"));
    assert!(out.status.success(), "relance {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// The figures a person checks, read from the database file itself: customers, invoices, payments,
/// and what is still owed (unpaid part of the invoices not cancelled), in cents.
fn figures(db: &Path) -> (i64, i64, i64, i64) {
    let store = relance_store::Store::open(db).unwrap();
    store
        .conn()
        .query_row(
            "SELECT (SELECT COUNT(*) FROM customers), (SELECT COUNT(*) FROM invoices), (SELECT COUNT(*) FROM payments),
                    (SELECT COALESCE(SUM(total_cents - settled_cents), 0) FROM invoices WHERE cancelled_at IS NULL)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap()
}

/// An amount as shown (« 1 234 567,89 € ») in cents.
fn cents(shown: &str) -> i64 {
    let digits: String = shown.chars().filter(char::is_ascii_digit).collect();
    digits.parse().unwrap_or_else(|_| panic!("not an amount: {shown}"))
}

#[test]
fn restore_an_encrypted_backup_from_the_welcome_screen() {
    let Some(mut app) = App::launch("restore_welcome") else { return };
    let usb = tempfile::Builder::new().prefix("relance-e2e-usb").tempdir().unwrap();
    let usb_path = usb.path().display().to_string();
    let data = app.data_dir().to_path_buf();
    app.find("welcome");

    // The books: the IBM file imported through the import screen, from the welcome panel.
    let fixture = workspace_root().join("crates/relance-app/tests/fixtures/import/ibm_ar.csv");
    app.click("welcome-import");
    app.wait_for_text("screen-title", |t| t == "Réglages", SHORT);
    app.find("import-section");
    app.type_into("import-path", &fixture.display().to_string());
    choose(&app, "import-preset", "ibm");
    press(&app, "import-preview");
    wait_text(&app, "import-run", |t| t == "Importer 2 466 factures");
    press(&app, "import-run");
    wait_text(&app, "confirm-dialog", |t| t.contains("Importer ce fichier ?"));
    app.click("confirm-ok");
    app.wait_for_text("import-result", |t| t.contains("Import terminé"), LONG);
    // The IBM invoices are all settled: two unpaid ones, added with the command line while the app
    // is closed, so that Today has amounts to show.
    app.restart_with(|dir| {
        let add = |customer: &str, number: &str, date: &str, amount: &str| {
            relance(
                dir,
                &["invoice", "add", "--customer", customer, "--number", number, "--date", date, "--amount", amount],
            )
        };
        add("1", "E2E-1", "2026-09-01", "1 234,56");
        add("2", "E2E-2", "2026-10-15", "789.10");
    });
    let (customers, invoices, payments, owed) = figures(&data.join("relance.sqlite3"));
    assert!(customers > 0 && invoices > 1000, "{customers} {invoices}");
    assert_eq!((customers, invoices), (100, 2_468), "the sample and the two invoices");
    assert_eq!(owed, 202_366, "the two unpaid invoices");
    let before = wait_text(&app, "today-total-outstanding", |t| t.contains('€'));
    assert_eq!(cents(&before), owed, "Today shows what the file holds: {before}");

    // Settings, « Sauvegarde »: encrypted, the passphrase typed twice, not remembered.
    app.click("nav-settings");
    app.wait_for_text("screen-title", |t| t == "Réglages", SHORT);
    app.type_into("backup-folder", &usb_path);
    press(&app, "backup-encrypt");
    app.find("backup-passphrase-box");
    let remember = app.find("backup-remember");
    let ticked = app.block_on(remember.prop("checked")).unwrap().unwrap_or_default();
    assert_eq!(ticked, "false", "nothing is remembered unless asked");
    if app.exists("backup-keyring-unavailable") {
        let note = app.text_of("backup-keyring-unavailable");
        assert!(note.starts_with("Le trousseau du système n’est pas disponible"), "{note}");
    }
    // Too short: said under the field, nothing written.
    app.type_into("backup-passphrase", "court");
    app.type_into("backup-passphrase-confirm", "court");
    press(&app, "backup-now");
    let short = wait_text(&app, "error-backup_passphrase", |t| !t.is_empty());
    assert!(short.contains("12 caractères au moins"), "{short}");
    assert_eq!(std::fs::read_dir(usb.path()).unwrap().count(), 0);
    app.type_into("backup-passphrase", PASSPHRASE);
    app.type_into("backup-passphrase-confirm", PASSPHRASE);
    app.screenshot("restore-welcome-01-encrypt-settings");
    press(&app, "backup-now");
    wait_text(&app, "toast", |t| t.starts_with("Sauvegarde faite et vérifiée : relance-"));
    let row = wait_text(&app, "backup-row", |t| t.contains("Chiffrée"));
    assert!(row.contains(&format!("{customers} clients, {invoices} factures")), "{row}");
    close_toast(&app);
    scroll_to(&app, "backup-row");
    app.screenshot("restore-welcome-02-encrypted-listed");
    let backup = std::fs::read_dir(usb.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with(".sqlite3.age"))
        .expect("an encrypted backup on the drive");
    let bytes = std::fs::read(&backup).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1"));
    assert!(!bytes.windows(PASSPHRASE.len()).any(|w| w == PASSPHRASE.as_bytes()));

    // The laptop died: the app stopped, its data folder gone, started again on nothing.
    app.restart_with(|dir| std::fs::remove_dir_all(dir).unwrap());
    app.find("welcome");
    assert!(!data.join("relance.sqlite3").exists() || figures(&data.join("relance.sqlite3")).1 == 0);
    app.screenshot("restore-welcome-03-welcome");

    // « Restaurer une sauvegarde »: the file, what it holds.
    app.click("welcome-restore");
    app.type_into("welcome-restore-path", &backup.display().to_string());
    app.click("welcome-restore-inspect");
    let dialog = wait_text(&app, "confirm-dialog", |t| t.contains("Restaurer cette sauvegarde ?"));
    assert!(dialog.contains(&format!("{customers} clients, {invoices} factures, {payments} paiements")), "{dialog}");
    app.find("restore-passphrase");

    // A wrong passphrase: said under the field, nothing restored.
    app.type_into("restore-passphrase", "Le nouveau portable marche 2026");
    app.click("confirm-ok");
    let wrong = wait_text(&app, "error-backup_passphrase", |t| !t.is_empty());
    assert!(wrong.starts_with("Phrase de passe incorrecte"), "{wrong}");
    app.screenshot("restore-welcome-04-wrong-passphrase");
    assert_eq!(figures(&data.join("relance.sqlite3")).1, 0, "nothing restored");

    // The right one: Today shows the same books.
    app.type_into("restore-passphrase", PASSPHRASE);
    app.click("confirm-ok");
    wait_text(&app, "toast", |t| t == format!("Sauvegarde restaurée : {customers} clients, {invoices} factures."));
    let after = wait_text(&app, "today-total-outstanding", |t| t.contains('€'));
    assert_eq!(cents(&after), owed, "the same amount owed: {after}");
    assert_eq!(after, before);
    app.find("today-group");
    let overdue = app.text_of("today-total-overdue");
    assert!(cents(&overdue) > 0, "{overdue}");
    assert!(!app.exists("welcome"));
    close_toast(&app);
    app.screenshot("restore-welcome-05-today-restored");
    assert_eq!(figures(&data.join("relance.sqlite3")), (customers, invoices, payments, owed));
    // Every customer and every invoice is back: the lists count them.
    let counted = |range: &str| -> String {
        range.rsplit("sur").next().unwrap_or_default().chars().filter(char::is_ascii_digit).collect()
    };
    app.click("nav-clients");
    let range = wait_text(&app, "pager-range", |t| t.contains("sur"));
    assert_eq!(counted(&range), customers.to_string(), "{range}");
    app.click("nav-invoices");
    app.find("invoice-status-filter");
    app.block_on(app.find("invoice-status-filter").select_by_value("all")).unwrap();
    let range = wait_text(&app, "pager-range", |t| counted(t) != "2");
    assert_eq!(counted(&range), invoices.to_string(), "{range}");
    app.screenshot("restore-welcome-06-all-invoices");
    let safety = data.join("safety");
    assert!(
        std::fs::read_dir(&safety).unwrap().all(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            name.starts_with("relance-before-restore-")
        }),
        "no decrypted copy left behind"
    );
    let settle_dir: Vec<String> =
        std::fs::read_dir(&data).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(settle_dir.iter().all(|n| !n.starts_with(".relance-")), "{settle_dir:?}");
}
