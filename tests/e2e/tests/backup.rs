//! Backup and restore in the real app: Today reminds that no backup exists;
//! Settings, « Sauvegarde »: a folder typed, « Sauvegarder maintenant », the
//! backup listed as verified; a customer added; the backup restored after a
//! dialog that says what it holds; the added customer is gone and the example
//! business is back, without restarting the app.
//!
//! `RELANCE_E2E=1 cargo test -p relance-e2e --test backup -- --nocapture`

use std::time::Duration;

use relance_e2e::steps::{click_css, count, wait_text};
use relance_e2e::App;

const SHORT: Duration = Duration::from_secs(10);

fn settle() {
    std::thread::sleep(Duration::from_millis(500));
}

fn scroll_to(app: &App, testid: &str) {
    scroll(app, testid, "start");
}

/// Clicks a button after bringing it to the middle of the window.
fn press(app: &App, testid: &str) {
    scroll(app, testid, "center");
    app.click(testid);
}

fn scroll(app: &App, testid: &str, block: &str) {
    let script = format!(r#"document.querySelector('[data-testid="{testid}"]').scrollIntoView({{block: '{block}'}})"#);
    app.block_on(app.client().execute(&script, Vec::new())).unwrap_or_else(|e| panic!("scrolling to {testid}: {e}"));
    settle();
}

fn close_toast(app: &App) {
    if app.exists("toast") {
        click_css(app, ".toast-close");
    }
}

fn wait_count(app: &App, css: &str, want: usize) {
    let deadline = std::time::Instant::now() + SHORT;
    loop {
        let n = count(app, css);
        if n == want {
            return;
        }
        assert!(std::time::Instant::now() < deadline, "{css}: {n} found, {want} expected");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn back_up_to_a_folder_then_restore_without_restarting() {
    let Some(app) = App::launch("backup") else { return };
    let usb = tempfile::Builder::new().prefix("relance-e2e-usb").tempdir().unwrap();
    let usb_path = usb.path().display().to_string();

    // The example business; Today reminds that no backup was ever made.
    app.click("welcome-demo");
    app.find("today-group");
    close_toast(&app);
    let reminder = wait_text(&app, "backup-reminder", |t| !t.is_empty());
    assert!(reminder.starts_with("Aucune sauvegarde n’a encore été faite."), "{reminder}");
    assert!(reminder.contains("Choisir le dossier des sauvegardes"), "{reminder}");
    app.screenshot("backup-01-today-reminder");

    // Its button leads to Settings, « Sauvegarde ».
    app.click("backup-reminder-now");
    app.wait_for_text("screen-title", |t| t == "Réglages", SHORT);
    scroll_to(&app, "backup-settings");
    wait_text(&app, "backup-last", |t| t == "Aucune sauvegarde n’a encore été faite depuis cet ordinateur.");
    wait_text(&app, "backup-list-empty", |t| t.starts_with("Indiquez un dossier"));

    // « Choisir… » opens the system's picker from Rust; the web view itself may not open dialogs.
    app.find("backup-choose");
    let script = r#"const done = arguments[arguments.length - 1];
        window.__TAURI_INTERNALS__.invoke('plugin:dialog|open', { options: { directory: true } })
          .then(() => done('opened'), (e) => done('refused: ' + e));"#;
    let answer = app.block_on(app.client().execute_async(script, Vec::new())).unwrap();
    let answer = answer.as_str().unwrap_or_default().to_string();
    assert!(answer.starts_with("refused"), "the web view has no dialog permission: {answer}");

    // A folder that does not exist: said under the field, nothing made.
    app.type_into("backup-folder", &format!("{usb_path}/absent"));
    press(&app, "backup-now");
    let refused = wait_text(&app, "error-backup_folder", |t| !t.is_empty());
    assert!(refused.ends_with("est introuvable : la clé USB est-elle branchée ?"), "{refused}");
    app.screenshot("backup-02-folder-not-found");

    // The right folder: backed up, verified, listed.
    app.type_into("backup-folder", &usb_path);
    press(&app, "backup-now");
    wait_text(&app, "toast", |t| t.starts_with("Sauvegarde faite et vérifiée : relance-"));
    wait_count(&app, r#"[data-testid="backup-row"]"#, 1);
    let row = wait_text(&app, "backup-row", |t| t.contains("Vérifiée"));
    assert!(row.contains("40 clients, 400 factures"), "{row}");
    let last = wait_text(&app, "backup-last", |t| t.starts_with("Dernière sauvegarde :"));
    assert!(last.contains(&usb_path), "{last}");
    let files: Vec<String> =
        std::fs::read_dir(usb.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(files.len(), 2, "the database and its manifest: {files:?}");
    close_toast(&app);
    scroll_to(&app, "backup-settings");
    app.screenshot("backup-03-made-and-listed");

    // The books change after the backup.
    app.click("nav-clients");
    app.click("customer-new");
    app.type_into("customer-name", "Ajouté après la sauvegarde");
    app.click("customer-save");
    app.find("customer-detail");
    app.wait_for_text("screen-title", |t| t == "Ajouté après la sauvegarde", SHORT);

    // Restore: the dialog says what the backup holds and what happens.
    app.click("nav-settings");
    scroll_to(&app, "backup-settings");
    wait_count(&app, r#"[data-testid="backup-row"]"#, 1);
    press(&app, "backup-restore");
    let dialog = wait_text(&app, "confirm-dialog", |t| t.contains("Restaurer cette sauvegarde ?"));
    assert!(dialog.contains("40 clients, 400 factures"), "{dialog}");
    assert!(dialog.contains("copie de sécurité"), "{dialog}");
    app.screenshot("backup-04-restore-dialog");
    app.click("confirm-ok");
    wait_text(&app, "toast", |t| t == "Sauvegarde restaurée : 40 clients, 400 factures.");
    app.find("today-group");
    assert!(!app.exists("backup-reminder"), "a backup was just made: no reminder");
    close_toast(&app);
    app.screenshot("backup-05-restored-today");

    // The customer added after the backup is gone; the example business is back.
    app.click("nav-clients");
    app.find("customer-row");
    app.type_into("customer-search", "Ajouté après");
    app.find("customers-empty");
    app.type_into("customer-search", "Maison Pons");
    wait_text(&app, "customer-row", |t| t.contains("Maison Pons"));
    let safety = app.data_dir().join("safety");
    assert_eq!(std::fs::read_dir(&safety).unwrap().count(), 1, "a safety copy of the books before");
}
