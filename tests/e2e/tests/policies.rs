//! Settings, "Barèmes de relance": the user makes a quick policy (first
//! reminder at J+3), is shown a level error on its row, edits the policy,
//! gives it to a customer in the customer form, and Today's agenda asks for
//! that customer's first reminder on an invoice 3 days late (the standard
//! policy would wait until J+7). Its contractual penalty rate is refused below
//! three times the legal interest rate the user entered for the half-year.
//!
//! `RELANCE_E2E=1 cargo test -p relance-e2e --test policies -- --nocapture`

use std::time::Duration;

use chrono::Datelike;

use relance_e2e::steps::{click_css, count, days_before, value_of, wait_css, wait_text};
use relance_e2e::App;

const SHORT: Duration = Duration::from_secs(10);

/// Lets WebKit paint before a screenshot.
fn settle() {
    std::thread::sleep(Duration::from_millis(500));
}

/// Scrolls the element into view (its top at the top of the window).
fn scroll_to(app: &App, testid: &str) {
    let script = format!(r#"document.querySelector('[data-testid="{testid}"]').scrollIntoView({{block: 'center'}})"#);
    app.block_on(app.client().execute(&script, Vec::new())).unwrap_or_else(|e| panic!("scrolling to {testid}: {e}"));
    settle();
}

#[test]
fn a_quick_policy_for_one_customer_reaches_the_agenda() {
    let Some(app) = App::launch("policies") else { return };

    app.find("welcome");
    app.click("welcome-empty");
    app.wait_for_text("screen-title", |t| t == "Réglages", SHORT);
    app.type_into("company-name", "Atelier Dupont");
    app.click("company-save");
    app.wait_for_text("screen-title", |t| t == "Clients", SHORT);

    // Settings: the standard policy is there and is the default.
    app.press_alt('5');
    app.find("policies-section");
    wait_css(&app, r#"[data-testid="policy-row"]"#, |t| {
        t.contains("Standard") && t.contains("J+7 e-mail") && t.contains("par défaut")
    });
    scroll_to(&app, "policies-section");
    app.screenshot("policies-01-settings");

    // A new policy: two levels on the same day are refused on the second row.
    app.click("policy-new");
    app.find("policy-editor");
    app.type_into("policy-name", "Rapide");
    app.type_into("level-offset-0", "5");
    app.click("policy-add-level");
    app.type_into("level-offset-1", "5");
    click_css(&app, r#"[data-testid="level-channel-1"] option[value="letter"]"#);
    click_css(&app, r#"[data-testid="level-tone-1"] option[value="firm_reminder"]"#);
    app.click("policy-save");
    let message = wait_text(&app, "error-levels.1.level_offset", |t| !t.is_empty());
    assert_eq!(message, "Niveau 2 – Délai en jours : doit être plus grand que celui du niveau précédent.");
    assert!(!app.exists("error-levels.0.level_offset"), "the first row is fine");
    scroll_to(&app, "policy-editor");
    app.screenshot("policies-02-level-error");

    app.type_into("level-offset-1", "12");
    app.click("policy-save");
    wait_text(&app, "toast", |t| t == "Barème « Rapide » enregistré.");
    wait_css(&app, r#"[data-testid="policy-row"]"#, |t| t.contains("Rapide") && t.contains("J+5 e-mail · J+12 lettre"));

    // Edited: the first reminder comes at J+3.
    click_css(&app, r#"[data-testid="policy-row"]:first-child [data-testid^="policy-edit-"]"#);
    app.find("policy-editor");
    assert_eq!(value_of(&app, "policy-name"), "Rapide");
    app.type_into("level-offset-0", "3");
    app.click("policy-save");
    wait_css(&app, r#"[data-testid="policy-row"]"#, |t| t.contains("Rapide") && t.contains("J+3 e-mail · J+12 lettre"));
    assert_eq!(count(&app, r#"[data-testid="policy-row"]"#), 2);
    scroll_to(&app, "policies-section");
    app.screenshot("policies-03-saved");

    // The legal interest rate of this half-year, as the user reads it in the
    // arrêté: 4,50 %, so a contractual rate must be at least 13,50 %.
    let today = chrono::Local::now().date_naive();
    let (start, half) = if today.month() <= 6 {
        (format!("{}-01-01", today.year()), format!("premier semestre {}", today.year()))
    } else {
        (format!("{}-07-01", today.year()), format!("second semestre {}", today.year()))
    };
    scroll_to(&app, "rate-form");
    click_css(&app, r#"[data-testid="rate-kind"] option[value="legal_other"]"#);
    click_css(&app, &format!(r#"[data-testid="rate-half-year"] option[value="{start}"]"#));
    app.type_into("rate-value", "4,50");
    app.type_into("rate-source", "Arrêté fixant le taux de l’intérêt légal");
    app.click("rate-save");
    wait_text(&app, "toast", |t| t == "Taux ajouté.");

    // The customer form: this customer follows "Rapide" (id 2; the standard policy is 1).
    app.press_alt('2');
    app.click("customer-new");
    app.type_into("customer-name", "Garage Leroy");
    app.type_into("customer-email", "compta@garage-leroy.fr");
    click_css(&app, r#"[data-testid="customer-segment"] option[value="late"]"#);
    click_css(&app, r#"[data-testid="customer-policy"] option[value="2"]"#);
    app.type_into("customer-contractual-rate", "12,5");
    app.click("customer-save");
    let refused = wait_text(&app, "error-contractual_rate", |t| !t.is_empty());
    assert!(
        refused.starts_with("Taux de pénalités contractuel : inférieur au minimum légal de 13,50 % du ")
            && refused.contains(&half),
        "{refused}"
    );
    scroll_to(&app, "customer-segment");
    app.screenshot("policies-04-customer-form");
    app.type_into("customer-contractual-rate", "14");
    app.click("customer-save");
    app.find("customer-detail");
    app.wait_for_text("screen-title", |t| t == "Garage Leroy", SHORT);
    wait_text(&app, "customer-policy", |t| t == "Barème Rapide (choisi pour ce client)");
    wait_text(&app, "customer-contractual-rate", |t| t == "Taux de pénalités contractuel : 14,00 %");
    let customer_id = app
        .block_on(app.find("customer-detail").attr("data-id"))
        .ok()
        .flatten()
        .expect("the customer page carries its id");

    // An invoice due 3 days ago.
    app.click("customer-new-invoice");
    app.find("invoice-customer-picked");
    let today = value_of(&app, "invoice-issue-date");
    app.type_into("invoice-number", "FA-2026-201");
    app.type_into("invoice-issue-date", &days_before(&today, 33));
    app.type_into("invoice-due-date", &days_before(&today, 3));
    app.type_into("invoice-total", "480,00");
    app.click("invoice-save");
    app.find("customer-detail");
    wait_text(&app, "customer-overdue", |t| t == "480,00 €");
    settle();
    app.screenshot("policies-05-customer-page");

    // Today: the first reminder is asked for now, by e-mail.
    app.click("nav-today");
    app.find("today-screen");
    let action = format!(r#"[data-testid="agenda-action"][data-customer-id="{customer_id}"][data-channel="email"]"#);
    let card = format!(r#"[data-testid="agenda-card"][data-customer-id="{customer_id}"]"#);
    wait_css(&app, &card, |t| t.contains("Garage Leroy"));
    wait_css(&app, &action, |t| t.contains("Première relance") && t.contains("FA-2026-201"));
    wait_css(&app, &format!(r#"{action} [data-testid="agenda-line"][data-number="FA-2026-201"]"#), |t| {
        t.contains("en retard de 3 j") && t.contains("480,00 €")
    });
    settle();
    app.screenshot("policies-06-today");

    // Back in Settings, "Rapide" cannot be deleted while the customer follows it.
    app.press_alt('5');
    wait_css(&app, r#"[data-testid="policy-row"]"#, |t| t.contains("Rapide") && t.contains("1 client"));
    click_css(&app, r#"[data-testid="policy-row"]:first-child [data-testid^="policy-delete-"]"#);
    app.click("confirm-ok");
    let refused = wait_text(&app, "confirm-error", |t| !t.is_empty());
    assert!(refused.contains("1 client le suit"), "{refused}");
    settle();
    app.screenshot("policies-07-delete-refused");
    app.click("confirm-cancel");
    assert_eq!(count(&app, r#"[data-testid="policy-row"]"#), 2, "nothing was deleted");
}
