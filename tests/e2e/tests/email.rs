//! E-mail drafts from the window. A customer without an address: « Préparer l’e-mail » on its page
//! says in words to add it, nothing is written. With its address, Today's card (an e-mail reminder:
//! the invoice is 10 days late, the standard policy's first reminder goes by e-mail) offers
//! « Préparer l’e-mail »: the draft (.eml) lands in the data folder's `documents/` (RELANCE_NO_OPEN:
//! no mail program pops up; the toast gives the path), addressed to the customer, marked as a draft,
//! with the letter as its text and its PDF attached (read back with `pdftotext`); the action stays
//! in the agenda until the user marks it done.
//!
//! `RELANCE_E2E=1 cargo test -p relance-e2e --test email -- --nocapture`

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use mailparse::MailHeaderMap;
use relance_e2e::steps::{count, days_before, value_of, wait_css, wait_value};
use relance_e2e::App;

const SHORT: Duration = Duration::from_secs(10);

fn pdftotext(path: &Path) -> String {
    let out = Command::new("pdftotext").arg(path).arg("-").output().expect("pdftotext (poppler-utils)");
    assert!(out.status.success(), "pdftotext {}", path.display());
    String::from_utf8_lossy(&out.stdout).replace('\u{a0}', " ")
}

fn shot(app: &App, name: &str) {
    std::thread::sleep(Duration::from_millis(400));
    app.screenshot(name);
}

fn documents(app: &App) -> Vec<String> {
    match std::fs::read_dir(app.data_dir().join("documents")) {
        Ok(dir) => dir.map(|e| e.expect("an entry").file_name().to_string_lossy().into_owned()).collect(),
        Err(_) => Vec::new(),
    }
}

#[test]
fn an_e_mail_reminder_is_prepared_as_a_draft_with_the_letter_attached() {
    let Some(app) = App::launch("email") else { return };

    app.find("welcome");
    app.click("welcome-empty");
    app.wait_for_text("screen-title", |t| t == "Réglages", SHORT);
    app.type_into("company-name", "Atelier Dupont");
    app.type_into("company-email", "compta@atelier-dupont.fr");
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
    app.type_into("invoice-issue-date", &days_before(&today, 40));
    app.type_into("invoice-due-date", &days_before(&today, 10));
    app.type_into("invoice-total", "1 234,56");
    app.click("invoice-save");
    wait_css(&app, r#"[data-testid="customer-invoice"][data-number="FA-2026-041"]"#, |_| true);

    // No address yet: said in words, nothing written.
    app.click("customer-email-draft");
    let said = app.wait_for_text("customer-email-error", |t| !t.is_empty(), SHORT);
    assert_eq!(said, "Ajoutez l’adresse e-mail du client sur sa fiche pour lui écrire par e-mail.");
    assert!(documents(&app).is_empty(), "no draft written: {:?}", documents(&app));
    shot(&app, "email-01-no-address");

    app.click("customer-edit");
    app.type_into("customer-email", "compta@boulangerie-lefevre.fr");
    app.click("customer-save");
    app.find("customer-detail");

    app.click("nav-today");
    let card = r#"[data-testid="agenda-action"][data-channel="email"]"#;
    wait_css(&app, card, |_| true);
    shot(&app, "email-02-agenda-card");
    app.click("agenda-email-draft");
    let toast = app.wait_for_text("toast", |t| t.starts_with("Brouillon enregistré"), SHORT);
    let files = documents(&app);
    assert_eq!(files.len(), 1, "one draft, no temporary file left: {files:?}");
    let name = &files[0];
    assert_eq!(name.as_str(), format!("relance-boulangerie-lefevre-fils-{}.eml", iso(&today)));
    assert!(toast.contains(name.as_str()), "the toast gives the path: {toast}");
    shot(&app, "email-03-draft-saved");

    let eml = std::fs::read(app.data_dir().join("documents").join(name)).expect("the draft");
    let mail = mailparse::parse_mail(&eml).expect("the draft parses");
    assert_eq!(mail.headers.get_first_value("X-Unsent").as_deref(), Some("1"));
    let to = mail.headers.get_first_value("To").unwrap_or_default();
    assert!(to.contains("compta@boulangerie-lefevre.fr"), "{to}");
    assert!(mail.headers.get_first_value("From").unwrap_or_default().contains("compta@atelier-dupont.fr"));
    let subject = mail.headers.get_first_value("Subject").unwrap_or_default();
    assert_eq!(subject, "Relance : facture FA-2026-041 – 1\u{a0}234,56\u{a0}€");
    let body = mail.subparts[0].get_body().expect("the text").replace('\u{a0}', " ");
    for expected in ["Boulangerie Lefèvre & Fils", "FA-2026-041", "1 234,56 €"] {
        assert!(body.contains(expected), "the body says {expected:?}:\n{body}");
    }
    let pdf = mail.subparts[1].get_body_raw().expect("the attachment");
    assert!(pdf.starts_with(b"%PDF-"));
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("letter.pdf");
    std::fs::write(&path, &pdf).expect("written");
    let text = pdftotext(&path);
    for expected in ["Boulangerie Lefèvre & Fils", "Atelier Dupont", "FA-2026-041", "1 234,56 €"] {
        assert!(text.contains(expected), "the attached letter says {expected:?}:\n{text}");
    }

    // A draft is not proof of sending: the action is still to do.
    assert_eq!(count(&app, card), 1);
}

#[test]
fn the_sending_settings_save_and_without_a_keyring_saving_the_password_says_so() {
    let Some(app) = App::launch("email-settings") else { return };

    app.find("welcome");
    app.click("welcome-empty");
    app.wait_for_text("screen-title", |t| t == "Réglages", SHORT);
    app.find("mail-settings");
    assert!(!app.exists("mail-password-form"), "no password before the server is set");

    // A bad port and sender are named, nothing saved.
    app.type_into("mail-server", "smtp.atelier-dupont.fr");
    app.type_into("mail-port", "99999");
    app.type_into("mail-username", "compta@atelier-dupont.fr");
    app.type_into("mail-sender", "pas une adresse");
    app.click("mail-save");
    app.wait_for_text("error-smtp_port", |t| t.starts_with("Port"), SHORT);
    app.find("error-smtp_sender");
    assert!(!app.exists("mail-password-form"));

    app.type_into("mail-port", "587");
    app.type_into("mail-sender", "compta@atelier-dupont.fr");
    app.click("mail-save");
    app.wait_for_text("toast", |t| t == "Réglages d’envoi enregistrés.", SHORT);
    app.find("mail-password-form");
    // Without a keyring the section says so before any password is typed.
    wait_css(&app, r#"[data-testid="mail-keyring-problem"]"#, |t| t.starts_with("Le trousseau de mots de passe"));
    assert!(!app.exists("mail-password-state"));

    // Under the e2e session there is no Secret Service: the password cannot be kept, said plainly.
    app.type_into("mail-password", "mot de passe");
    app.click("mail-password-save");
    let said = app.wait_for_text("error-smtp_password", |t| !t.is_empty(), SHORT);
    assert_eq!(
        said,
        "Le trousseau de mots de passe du système n’est pas disponible : Relance ne peut pas garder le mot de passe, l’envoi direct est désactivé. Préparez les e-mails en brouillon."
    );
    for file in ["relance.sqlite3", "relance.sqlite3-wal"] {
        let bytes = std::fs::read(app.data_dir().join(file)).unwrap_or_default();
        assert!(!bytes.windows(b"mot de passe".len()).any(|w| w == b"mot de passe"), "never in {file}");
    }
    assert!(!app.exists("mail-keyring-problem"), "said once, next to the password");
    shot(&app, "email-04-settings-no-keyring");

    // The settings come back after a restart of the screen.
    app.click("nav-today");
    app.click("nav-settings");
    app.find("mail-settings");
    // The section fills its fields once its settings are read back: wait for them.
    wait_value(&app, "mail-server", "smtp.atelier-dupont.fr");
    wait_value(&app, "mail-port", "587");
    // The section says the keyring is missing (once its check has answered).
    wait_css(&app, r#"[data-testid="mail-keyring-problem"]"#, |t| t.starts_with("Le trousseau"));

    // Sending is set up: Today offers « Envoyer l’e-mail », asks first, and without the keyring
    // refuses in words, recording nothing; the draft is still there.
    app.click("nav-clients");
    app.click("customer-new");
    app.type_into("customer-name", "Garage Martin");
    app.type_into("customer-email", "compta@garage-martin.fr");
    app.click("customer-save");
    app.find("customer-detail");
    app.click("customer-new-invoice");
    app.find("invoice-customer-picked");
    let today = value_of(&app, "invoice-issue-date");
    app.type_into("invoice-number", "FA-2026-050");
    app.type_into("invoice-issue-date", &days_before(&today, 40));
    app.type_into("invoice-due-date", &days_before(&today, 10));
    app.type_into("invoice-total", "480");
    app.click("invoice-save");
    wait_css(&app, r#"[data-testid="customer-invoice"][data-number="FA-2026-050"]"#, |_| true);
    app.click("nav-today");
    let card = r#"[data-testid="agenda-action"][data-channel="email"]"#;
    wait_css(&app, card, |_| true);
    app.find("agenda-email-draft");
    app.click("agenda-email-send");
    app.find("confirm-dialog");
    shot(&app, "email-05-send-confirm");
    app.click("confirm-ok");
    let said = app.wait_for_text("confirm-error", |t| !t.is_empty(), SHORT);
    assert!(said.starts_with("Le trousseau de mots de passe du système n’est pas disponible"), "{said}");
    assert!(!app.exists("agenda-error"), "said once, in the dialog");
    shot(&app, "email-06-send-refused");
    app.click("confirm-cancel");
    assert_eq!(count(&app, card), 1, "nothing recorded: the action is still to do");
}

/// dd/mm/yyyy -> yyyy-mm-dd.
fn iso(ddmmyyyy: &str) -> String {
    let parts: Vec<&str> = ddmmyyyy.split('/').collect();
    format!("{}-{}-{}", parts[2], parts[1], parts[0])
}
