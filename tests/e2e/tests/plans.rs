//! Installment plans in the real app: from the customer's page the wizard
//! shows the schedule computed live, the plan is saved, its first
//! installment shows on Today among the week's installments while the
//! invoice's reminders pause, its notice is on the customer's agenda card and
//! « Marquer comme fait » records it (by letter) in the customer's timeline,
//! cancelling the plan's invoice is refused naming the plan,
//! and a payment recorded on the plan's page pays the first installment.
//!
//! `RELANCE_E2E=1 cargo test -p relance-e2e --test plans -- --nocapture`

use std::time::Duration;

use relance_e2e::steps::{click_css, count, days_before, value_of, wait_css, wait_text, wait_value};
use relance_e2e::App;

const SHORT: Duration = Duration::from_secs(10);

#[test]
fn a_plan_is_agreed_in_the_wizard_and_its_first_installment_paid() {
    let Some(app) = App::launch("plans") else { return };

    app.find("welcome");
    app.click("welcome-empty");
    app.wait_for_text("screen-title", |t| t == "Réglages", SHORT);
    app.type_into("company-name", "Atelier Dupont");
    app.click("company-save");
    app.wait_for_text("screen-title", |t| t == "Clients", SHORT);

    app.click("customer-new");
    app.type_into("customer-name", "Garage Leroy");
    app.click("customer-save");
    app.find("customer-detail");
    app.wait_for_text("screen-title", |t| t == "Garage Leroy", SHORT);

    // An invoice 40 days late.
    app.click("customer-new-invoice");
    app.find("invoice-customer-picked");
    let today = value_of(&app, "invoice-issue-date");
    app.type_into("invoice-number", "FA-2026-201");
    app.type_into("invoice-issue-date", &days_before(&today, 70));
    app.type_into("invoice-due-date", &days_before(&today, 40));
    app.type_into("invoice-total", "1000,00");
    app.click("invoice-save");
    app.find("customer-detail");
    wait_text(&app, "customer-overdue", |t| t == "1 000,00 €");
    wait_text(&app, "customer-no-plans", |t| t.starts_with("Aucun échéancier"));

    // The wizard: the invoice is ticked, 3 monthly installments from today.
    app.click("customer-new-plan");
    app.find("plan-wizard");
    wait_value(&app, "plan-first", &today); // the first date starts as today
    app.click("plan-business-days"); // exact dates for the test, whatever the weekday
    wait_text(&app, "plan-preview-total", |t| t == "1 000,00 €");
    wait_css(&app, r#"[data-testid="plan-preview-row"]:nth-child(1)"#, |t| {
        t.contains(&today) && t.contains("333,34 €")
    });
    wait_css(&app, r#"[data-testid="plan-preview-row"]:nth-child(3)"#, |t| t.contains("1 000,00 €"));
    assert_eq!(count(&app, r#"[data-testid="plan-preview-row"]"#), 3);
    // A bad count is named under its field and the preview says what to do.
    app.type_into("plan-count", "61");
    wait_text(&app, "error-plan_installments", |t| t.contains("60 échéances au plus"));
    app.find("plan-preview-empty");
    app.type_into("plan-count", "3");
    wait_text(&app, "plan-preview-total", |t| t == "1 000,00 €");
    std::thread::sleep(Duration::from_millis(300));
    app.screenshot("plans-01-wizard");

    app.click("plan-save");
    app.find("plan-screen");
    wait_text(&app, "toast", |t| t.starts_with("Échéancier enregistré"));
    wait_text(&app, "plan-status", |t| t == "En cours");
    wait_text(&app, "plan-total", |t| t == "1 000,00 €");
    assert_eq!(count(&app, r#"[data-testid="plan-installment"][data-status="upcoming"]"#), 3);
    std::thread::sleep(Duration::from_millis(300));
    app.screenshot("plans-02-plan-page");

    // Cancelling the plan's invoice is refused, naming the plan; the invoice stays as it was.
    app.click("nav-invoices");
    wait_css(&app, r#"[data-testid="invoice-row"]"#, |t| t.contains("FA-2026-201"));
    click_css(&app, r#"[data-testid="invoice-row"] button"#);
    app.find("invoice-detail");
    app.click("invoice-cancel");
    app.find("confirm-dialog");
    app.click("confirm-ok");
    wait_text(&app, "confirm-error", |t| {
        t == "Facture : cette facture fait partie de l’échéancier n° 1 : renégociez-le d’abord."
    });
    app.screenshot("plans-02b-cancel-refused");
    app.click("confirm-cancel");
    assert!(!app.exists("invoice-cancel-reason"), "not cancelled");
    // The invoice is followed by its plan: no second plan offered, a link to this one instead.
    wait_text(&app, "invoice-plan", |t| t == "Voir l’échéancier n° 1");
    assert!(!app.exists("invoice-new-plan"), "no second plan for an invoice in a running plan");

    // Today: the installment is among the week's; the invoice's reminders pause.
    app.click("nav-today");
    app.find("today-screen");
    wait_css(&app, r#"[data-testid="week-installment"]"#, |t| {
        t.contains("Garage Leroy") && t.contains("N° 1") && t.contains("333,34 €")
    });
    assert_eq!(count(&app, r#"[data-testid="agenda-action"]"#), 0, "the plan replaces the reminders");
    // The first installment is due today: its notice is on the customer's card.
    wait_css(&app, r#"[data-testid="agenda-card"]"#, |t| t.contains("Garage Leroy"));
    wait_css(&app, r#"[data-testid="agenda-card"] [data-testid="agenda-installment-do"]"#, |t| {
        t == format!("Prévenir de l’échéance n° 1 du {today} (333,34 €)")
    });
    assert_eq!(count(&app, r#"[data-testid="agenda-installment"][data-kind="notice"][data-number="1"]"#), 1);
    std::thread::sleep(Duration::from_millis(300));
    app.screenshot("plans-03-today");
    // Done by letter: recorded, and never proposed again for that installment.
    click_css(&app, r#"[data-testid="agenda-installment-channel"] option[value="letter"]"#);
    app.click("agenda-installment-done");
    wait_text(&app, "toast", |t| t == "Action enregistrée pour Garage Leroy : échéance n° 1");
    wait_text(&app, "agenda-empty", |t| t.starts_with("Aucune relance"));
    assert_eq!(count(&app, r#"[data-testid="agenda-installment"]"#), 0);
    app.screenshot("plans-03b-today-notice-done");

    // A payment on the plan's page pays the first installment.
    click_css(&app, r#"[data-testid="week-installment"] button"#);
    app.find("plan-screen");
    wait_css(&app, r#"[data-testid="plan-installment"]:nth-child(1) [data-testid="installment-follow-up"]"#, |t| {
        t == format!("Avis envoyé le {today} (courrier)")
    });
    app.click("plan-record-payment");
    app.find("confirm-dialog");
    wait_value(&app, "plan-payment-amount", "333,34"); // prefilled with the installment due
    app.type_into("plan-payment-date", &today);
    app.click("confirm-ok");
    wait_text(&app, "toast", |t| t == "Paiement enregistré sur l’échéancier.");
    wait_css(&app, r#"[data-testid="plan-installment"]:nth-child(1) [data-testid="installment-status"]"#, |t| {
        t == "Payée"
    });
    wait_text(&app, "plan-paid", |t| t == "333,34 €");
    wait_text(&app, "plan-left", |t| t == "666,66 €");
    assert_eq!(count(&app, r#"[data-testid="plan-installment"][data-status="upcoming"]"#), 2);
    std::thread::sleep(Duration::from_millis(300));
    app.screenshot("plans-04-first-installment-paid");

    // The customer's page lists the plan and the timeline tells the story.
    app.click("nav-clients");
    wait_css(&app, r#"[data-testid="customer-row"]"#, |t| t.contains("Garage Leroy"));
    click_css(&app, r#"[data-testid="customer-row"] button"#);
    app.find("customer-detail");
    wait_css(&app, r#"[data-testid="customer-plan"]"#, |t| t.contains("En cours") && t.contains("666,66 €"));
    wait_css(&app, r#"[data-testid="timeline-entry"][data-kind="plan_created"]"#, |t| {
        t.contains("Échéancier accordé") && t.contains("3 échéances")
    });
    wait_css(&app, r#"[data-testid="timeline-entry"][data-kind="installment_action_done"]"#, |t| {
        t.contains(&format!("Avis d’échéance envoyé (courrier) le {today} : échéance n° 1 du {today}, 333,34 €"))
    });
    let script = r#"document.querySelector('[data-kind="installment_action_done"]').scrollIntoView({block: "center"})"#;
    app.block_on(app.client().execute(script, Vec::new())).expect("scrolls");
    std::thread::sleep(Duration::from_millis(300));
    app.screenshot("plans-05a-timeline");
    scroll_to(&app, "customer-plans");
    app.screenshot("plans-05-customer-plans");

    // Settings: the grace days; a bad value is named under its field, a good one changes the plan's deadline.
    app.click("nav-settings");
    app.find("plan-settings");
    wait_value(&app, "plan-settings-grace", "15");
    app.type_into("plan-settings-grace", "quinze");
    app.click("plan-settings-save");
    wait_text(&app, "error-plan_grace_days", |t| t.contains("entre 0 et 90"));
    app.type_into("plan-settings-grace", "20");
    app.click("plan-settings-save");
    wait_text(&app, "toast", |t| t == "Réglages des échéanciers enregistrés.");
    scroll_to(&app, "plan-settings");
    app.screenshot("plans-06-settings");
    app.click("nav-clients");
    wait_css(&app, r#"[data-testid="customer-row"]"#, |t| t.contains("Garage Leroy"));
    click_css(&app, r#"[data-testid="customer-row"] button"#);
    app.find("customer-detail");
    click_css(&app, r#"[data-testid="customer-plan"] button"#);
    wait_text(&app, "plan-breaks-on", |t| t.contains("délai de grâce de 20 jours"));
}

/// Brings a section into the window before a screenshot.
fn scroll_to(app: &App, testid: &str) {
    let script = format!(r#"document.querySelector('[data-testid="{testid}"]').scrollIntoView({{block: "center"}})"#);
    app.block_on(app.client().execute(&script, Vec::new())).expect("scrolls");
    std::thread::sleep(Duration::from_millis(300));
}
