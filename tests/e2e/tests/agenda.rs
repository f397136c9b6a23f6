//! The day's agenda on Today: an invoice 8 days late asks for its first
//! reminder (an e-mail); marking it done takes it off the agenda and writes
//! the reminder into the customer's timeline.
//!
//! `RELANCE_E2E=1 cargo test -p relance-e2e --test agenda -- --nocapture`

use std::time::{Duration, Instant};

use relance_e2e::steps::{click_css, count, days_before, value_of, wait_css, wait_text};
use relance_e2e::{App, DEFAULT_TIMEOUT};

const SHORT: Duration = Duration::from_secs(10);

#[test]
fn first_reminder_from_the_agenda() {
    let Some(app) = App::launch("agenda") else { return };

    app.find("welcome");
    app.click("welcome-empty");
    app.wait_for_text("screen-title", |t| t == "Réglages", SHORT);
    app.type_into("company-name", "Atelier Dupont");
    app.click("company-save");
    app.wait_for_text("screen-title", |t| t == "Clients", SHORT);

    app.click("customer-new");
    app.type_into("customer-name", "Garage Leroy");
    app.type_into("customer-email", "compta@garage-leroy.fr");
    app.click("customer-save");
    app.find("customer-detail");
    app.wait_for_text("screen-title", |t| t == "Garage Leroy", SHORT);
    let customer_id = app
        .block_on(app.find("customer-detail").attr("data-id"))
        .ok()
        .flatten()
        .expect("the customer page carries its id");

    // Issued 38 days ago on net 30 terms: due 8 days ago.
    app.click("customer-new-invoice");
    app.find("invoice-customer-picked");
    let today = value_of(&app, "invoice-issue-date");
    app.type_into("invoice-number", "FA-2026-101");
    app.type_into("invoice-issue-date", &days_before(&today, 38));
    app.type_into("invoice-due-date", &days_before(&today, 8));
    app.type_into("invoice-total", "840,00");
    app.click("invoice-save");
    app.find("customer-detail");
    wait_text(&app, "customer-overdue", |t| t == "840,00 €");

    // Today: the agenda asks for the first reminder, by e-mail.
    app.click("nav-today");
    app.find("today-screen");
    let action = format!(r#"[data-testid="agenda-action"][data-customer-id="{customer_id}"][data-channel="email"]"#);
    let card = format!(r#"[data-testid="agenda-card"][data-customer-id="{customer_id}"]"#);
    wait_css(&app, &format!(r#"{card} [data-testid="agenda-customer"]"#), |t| t == "Garage Leroy");
    wait_css(&app, &action, |t| {
        t.contains("Envoyer un e-mail de première relance")
            && t.contains("Première relance")
            && t.contains("FA-2026-101")
    });
    wait_css(&app, &format!(r#"{action} [data-testid="agenda-line"][data-number="FA-2026-101"]"#), |t| {
        t.contains("en retard de 8 j") && t.contains("840,00 €")
    });
    wait_css(&app, &format!(r#"{card} [data-testid="agenda-customer-total"]"#), |t| t == "840,00 €");
    // The overdue cards stay below.
    wait_css(&app, r#"[data-testid="today-invoice"][data-number="FA-2026-101"]"#, |t| t.contains("840,00 €"));
    app.screenshot("agenda-01-today-with-action");

    click_css(&app, &format!(r#"{action} [data-testid="agenda-done"]"#));
    wait_text(&app, "toast", |t| t.contains("première relance") && t.contains("Garage Leroy"));
    app.find("agenda-empty");
    wait_text(&app, "agenda-empty", |t| t == "Aucune relance à faire aujourd’hui");
    assert_eq!(count(&app, r#"[data-testid="agenda-action"]"#), 0, "the action left the agenda");
    // Let WebKit paint the new state before the screenshot.
    std::thread::sleep(Duration::from_millis(500));
    app.screenshot("agenda-02-after-done");

    // The customer's timeline says so.
    click_css(&app, r#"[data-testid="today-customer"]"#);
    app.find("customer-detail");
    wait_css(&app, r#"[data-testid="timeline-entry"][data-kind="reminder_done"]"#, |t| {
        t.contains("Relance faite : première relance (e-mail) pour la facture FA-2026-101")
    });
    app.screenshot("agenda-03-customer-timeline");

    // A payment promise from the customer's page: 400 within a week, no invoice ticked (all).
    app.click("customer-promise");
    app.type_into("promise-amount", "400");
    app.type_into("promise-by", &days_before(&today, -7));
    app.screenshot("agenda-03b-promise-form");
    app.click("confirm-ok");
    wait_text(&app, "toast", |t| t.contains("Promesse enregistrée pour Garage Leroy"));
    wait_css(&app, r#"[data-testid="timeline-entry"][data-kind="promise_added"]"#, |t| {
        t.contains("Promesse de payer 400,00 €")
    });

    // The invoice page: its penalties (or, for an unknown rate, why not).
    click_css(&app, r#"[data-testid="customer-invoice"][data-number="FA-2026-101"] button"#);
    app.find("invoice-detail");
    app.find("invoice-penalties");
    let deadline = Instant::now() + DEFAULT_TIMEOUT;
    while !app.exists("penalties-total") && !app.exists("penalties-unavailable") {
        assert!(Instant::now() < deadline, "the penalties card never showed figures or a message");
        std::thread::sleep(Duration::from_millis(100));
    }
    app.screenshot("agenda-04-invoice-penalties");

    // A dispute: the reason is required, then it is recorded.
    app.click("invoice-dispute-open");
    app.click("confirm-ok");
    wait_text(&app, "confirm-error", |t| t == "Indiquez un motif.");
    app.type_into("dispute-text", "Travaux contestés");
    app.click("confirm-ok");
    wait_text(&app, "toast", |t| t.contains("Litige ouvert sur la facture FA-2026-101"));
    assert!(!app.exists("confirm-dialog"), "the dialog closed");
}
