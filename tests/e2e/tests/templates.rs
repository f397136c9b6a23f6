//! Settings, « Textes des lettres »: the user edits the friendly reminder in
//! French with a placeholder that does not exist and is told so under the
//! text, fixes it (a placeholder inserted at the cursor), saves, finds the text
//! again after a restart, then goes back to the original wording after a
//! confirmation.
//!
//! `RELANCE_E2E=1 cargo test -p relance-e2e --test templates -- --nocapture`

use std::time::Duration;

use relance_e2e::steps::{choose, click_css, wait_focused, wait_text, wait_value};
use relance_e2e::App;

const SHORT: Duration = Duration::from_secs(10);

const DEFAULT_BEFORE: &str = "Sauf erreur ou omission de notre part, nous n’avons pas encore reçu le règlement des \
                              factures ci-dessous, arrivées à échéance, pour un montant total de {total_due}.";

fn settle() {
    std::thread::sleep(Duration::from_millis(500));
}

/// Scrolls the element to the middle of the window.
fn scroll_to(app: &App, testid: &str) {
    scroll(app, testid, "center");
}

fn scroll(app: &App, testid: &str, block: &str) {
    let script = format!(r#"document.querySelector('[data-testid="{testid}"]').scrollIntoView({{block: '{block}'}})"#);
    app.block_on(app.client().execute(&script, Vec::new())).unwrap_or_else(|e| panic!("scrolling to {testid}: {e}"));
    settle();
}

fn open_templates(app: &App) {
    app.press_alt('5');
    app.find("letter-templates");
    wait_value(app, "letter-templates-kind", "friendly");
    wait_value(app, "letter-templates-lang", "fr");
}

#[test]
fn a_letter_text_is_checked_saved_kept_and_reset() {
    let Some(mut app) = App::launch("templates") else { return };

    app.find("welcome");
    app.click("welcome-empty");
    app.wait_for_text("screen-title", |t| t == "Réglages", SHORT);
    app.type_into("company-name", "Atelier Dupont");
    app.click("company-save");
    app.wait_for_text("screen-title", |t| t == "Clients", SHORT);

    open_templates(&app);
    let legal = app.text_of("letter-templates-legal");
    assert!(legal.contains("toujours imprimées") && legal.contains("injonction de payer"), "{legal}");
    wait_value(&app, "letter-template-before", DEFAULT_BEFORE);
    wait_text(&app, "letter-templates-status", |t| t == "Texte d’origine");
    assert!(!app.exists("insert-before-deadline"), "no pay-by date in a friendly reminder");
    scroll(&app, "letter-templates", "start");
    app.screenshot("templates-01-section");

    // A placeholder that does not exist: refused on its text, nothing saved.
    app.type_into("letter-template-before", "Il reste {montant} à régler.");
    app.click("letter-templates-save");
    let refused = wait_text(&app, "error-template_before", |t| !t.is_empty());
    assert_eq!(
        refused,
        "Le texte « Paragraphe avant le tableau » contient {montant} : ce repère n’existe pas. Repères possibles : \
         {customer_name}, {company_name}, {total_due}, {invoice_count}, {date}, {oldest_due_date}."
    );
    assert!(!app.exists("error-template_title"), "the title is fine");
    scroll_to(&app, "letter-template-before");
    app.screenshot("templates-02-unknown-placeholder");

    // Fixed: the amount inserted at the cursor (the end of the text) by its button.
    app.type_into("letter-template-before", "Bonjour {customer_name}, il reste ");
    app.click("insert-before-total_due");
    wait_value(&app, "letter-template-before", "Bonjour {customer_name}, il reste {total_due}");
    // The cursor goes back to the text on the next frame: wait for it, as a click on « Enregistrer »
    // in the meantime would land where the button was before the focus moved.
    wait_focused(&app, "letter-template-before");
    app.click("letter-templates-save");
    wait_text(&app, "toast", |t| t == "Textes de « Relance amiable » enregistrés.");
    wait_text(&app, "letter-templates-status", |t| t == "Texte modifié");
    assert!(!app.exists("error-template_before"));
    scroll_to(&app, "letter-templates");
    app.screenshot("templates-03-saved");

    // Kept: the app started again shows the saved text.
    app.restart();
    app.find("today-screen");
    open_templates(&app);
    wait_value(&app, "letter-template-before", "Bonjour {customer_name}, il reste {total_due}");
    wait_text(&app, "letter-templates-status", |t| t == "Texte modifié");
    // The English letter was not touched.
    click_css(&app, r#"[data-testid="letter-templates-lang"] option[value="en"]"#);
    wait_text(&app, "letter-templates-status", |t| t == "Texte d’origine");
    click_css(&app, r#"[data-testid="letter-templates-lang"] option[value="fr"]"#);
    wait_text(&app, "letter-templates-status", |t| t == "Texte modifié");

    // A text typed and not saved is not dropped silently when switching letter: asked first;
    // « Annuler » keeps it, confirming switches.
    // (The choice is made by setting the select and sending its `change`, as a pick in the list
    // does: a WebDriver click on an <option> was seen to close the question at once, most likely
    // through the native list's own closing, so it cannot stand for the user here.)
    app.type_into("letter-template-closing", "Bien à vous.");
    choose(&app, "letter-templates-kind", "firm");
    wait_text(&app, "confirm-dialog", |t| t.contains("Abandonner les modifications ?"));
    app.click("confirm-cancel");
    wait_value(&app, "letter-template-closing", "Bien à vous.");
    wait_value(&app, "letter-templates-kind", "friendly");
    choose(&app, "letter-templates-kind", "firm");
    wait_text(&app, "confirm-dialog", |t| t.contains("Abandonner les modifications ?"));
    app.click("confirm-ok");
    wait_value(&app, "letter-templates-kind", "firm");
    wait_text(&app, "letter-templates-status", |t| t == "Texte d’origine");
    choose(&app, "letter-templates-kind", "friendly");
    wait_value(&app, "letter-template-before", "Bonjour {customer_name}, il reste {total_due}");
    assert!(!app.exists("confirm-dialog"), "nothing typed: no question");

    // Back to the original text, after a confirmation.
    app.click("letter-templates-reset");
    let body = app.text_of("confirm-dialog");
    assert!(
        body.contains("Revenir au texte d’origine ?") && body.contains("« Relance amiable » en français"),
        "{body}"
    );
    scroll_to(&app, "confirm-dialog");
    app.screenshot("templates-04-reset-confirm");
    app.click("confirm-ok");
    wait_text(&app, "toast", |t| t == "Texte d’origine rétabli pour « Relance amiable ».");
    wait_value(&app, "letter-template-before", DEFAULT_BEFORE);
    wait_text(&app, "letter-templates-status", |t| t == "Texte d’origine");
}
