//! The ledger backbone as a user lives it: an empty file, a company, a
//! customer, an invoice that is 30 days late, two payments that settle it,
//! and a restart that proves it was all saved. Plus bad input on a form.
//!
//! `RELANCE_E2E=1 cargo test -p relance-e2e --test backbone -- --nocapture`

use std::time::Duration;

use fantoccini::Locator;
use relance_e2e::steps::{click_css, count, days_before, plain, value_of, wait_css, wait_text};
use relance_e2e::App;

const SHORT: Duration = Duration::from_secs(10);

#[test]
fn empty_file_customer_invoice_two_payments_and_a_restart() {
    let Some(mut app) = App::launch("backbone") else { return };

    // First start: the welcome panel; choose the empty file.
    app.find("welcome");
    app.screenshot("backbone-01-welcome");
    app.click("welcome-empty");

    // The company first (only its name is required), then the customer list.
    app.wait_for_text("screen-title", |t| t == "Réglages", SHORT);
    app.type_into("company-name", "Atelier Dupont");
    app.click("company-save");
    app.wait_for_text("screen-title", |t| t == "Clients", SHORT);
    app.find("customers-empty");

    // A customer.
    app.click("customer-new");
    app.type_into("customer-name", "Boulangerie Martin");
    app.type_into("customer-phone", "01 23 45 67 89");
    app.click("customer-save");
    app.find("customer-detail");
    app.wait_for_text("screen-title", |t| t == "Boulangerie Martin", SHORT);

    // From its page, an invoice issued 60 days ago, due 30 days ago, 1 200,00 TTC.
    app.click("customer-new-invoice");
    app.find("invoice-customer-picked");
    let today = value_of(&app, "invoice-issue-date");
    assert!(today.len() == 10 && today.as_bytes()[2] == b'/', "issue date prefilled with today: {today:?}");
    app.type_into("invoice-number", "FA-2026-001");
    app.type_into("invoice-issue-date", &days_before(&today, 60));
    app.type_into("invoice-due-date", &days_before(&today, 30));
    app.type_into("invoice-total", "1200,00");
    app.screenshot("backbone-02-invoice-form");
    app.click("invoice-save");

    // Back on the customer's page.
    app.find("customer-detail");
    wait_text(&app, "customer-outstanding", |t| t == "1 200,00 €");
    wait_text(&app, "customer-overdue", |t| t == "1 200,00 €");
    wait_css(&app, r#"[data-testid="timeline-entry"][data-kind="invoice_created"]"#, |t| {
        t.contains("Facture FA-2026-001 créée : 1 200,00 €")
    });

    // Today: the invoice is overdue by 30 days, 1 200,00 left.
    app.click("nav-today");
    app.find("today-screen");
    wait_text(&app, "today-total-overdue", |t| t == "1 200,00 €");
    let invoice = r#"[data-testid="today-invoice"][data-number="FA-2026-001"]"#;
    wait_css(&app, &format!(r#"{invoice} [data-testid="today-invoice-remaining"]"#), |t| t == "1 200,00 €");
    wait_css(&app, &format!(r#"{invoice} [data-testid="today-invoice-late"]"#), |t| t == "en retard de 30 j");
    app.screenshot("backbone-03-today-overdue");

    // A partial payment of 500 from Today's card, with its allocation preview.
    app.click("today-record-payment");
    app.find("payment-customer-picked");
    app.type_into("payment-amount", "500");
    wait_css(&app, r#"[data-testid="payment-preview-line"][data-number="FA-2026-001"]"#, |t| t.contains("500,00 €"));
    app.screenshot("backbone-04-payment-preview");
    app.click("payment-save");
    wait_text(&app, "toast", |t| t.contains("500,00 €") && t.contains("FA-2026-001"));
    app.find("today-screen");
    wait_css(&app, &format!(r#"{invoice} [data-testid="today-invoice-remaining"]"#), |t| t == "700,00 €");
    wait_text(&app, "today-total-overdue", |t| t == "700,00 €");
    app.screenshot("backbone-05-today-after-500");

    // The remaining 700: the invoice leaves Today.
    app.click("today-record-payment");
    app.find("payment-customer-picked");
    app.type_into("payment-amount", "700");
    wait_css(&app, r#"[data-testid="payment-preview-line"][data-number="FA-2026-001"]"#, |t| t.contains("700,00 €"));
    app.click("payment-save");
    app.find("today-empty");
    assert_eq!(count(&app, r#"[data-testid="today-group"]"#), 0);
    wait_text(&app, "today-total-overdue", |t| t == "0,00 €");
    app.screenshot("backbone-06-today-empty");

    // Everything survives a restart.
    app.restart();
    app.find("today-empty");
    assert!(!app.exists("welcome"), "a file with a customer does not show the welcome panel");
    app.click("nav-clients");
    wait_css(&app, r#"[data-testid="customer-row"]"#, |t| t.contains("Boulangerie Martin"));
    click_css(&app, r#"[data-testid="customer-row"] button"#);
    app.find("customer-detail");
    wait_text(&app, "customer-outstanding", |t| t == "0,00 €");
    wait_text(&app, "customer-overdue", |t| t == "0,00 €");
    let payments: Vec<String> = app
        .block_on(app.client().find_all(Locator::Css(r#"[data-testid="customer-payment-amount"]"#)))
        .expect("payments table")
        .into_iter()
        .map(|e| plain(&app.block_on(e.text()).unwrap_or_default()))
        .collect();
    let mut sorted = payments.clone();
    sorted.sort();
    assert_eq!(sorted, ["500,00 €", "700,00 €"], "both payments listed: {payments:?}");
    wait_css(&app, r#"[data-testid="customer-timeline"]"#, |t| {
        t.contains("Paiement de 500,00 € reçu (virement), imputé sur FA-2026-001")
            && t.contains("Paiement de 700,00 € reçu (virement), imputé sur FA-2026-001")
    });
    assert!(app.exists("customer-no-open"), "no open invoice left");
    app.screenshot("backbone-07-customer-after-restart");
}

#[test]
fn an_invoice_with_a_bad_amount_shows_the_error_under_the_field_and_creates_nothing() {
    let Some(app) = App::launch("bad-input") else { return };

    app.click("welcome-empty");
    app.type_into("company-name", "Atelier Dupont");
    app.click("company-save");
    app.wait_for_text("screen-title", |t| t == "Clients", SHORT);
    app.click("customer-new");
    app.type_into("customer-name", "Boulangerie Martin");
    app.click("customer-save");
    app.find("customer-detail");

    // From the invoices list this time, choosing the customer with the picker.
    app.click("nav-invoices");
    app.find("invoices-empty");
    app.click("invoice-new");
    app.type_into("invoice-customer", "boul");
    wait_css(&app, r#"[data-testid="invoice-customer-option"]"#, |t| t.contains("Boulangerie Martin"));
    app.click("invoice-customer-option");
    app.find("invoice-customer-picked");
    app.type_into("invoice-number", "FA-2026-009");
    app.type_into("invoice-total", "abc");
    app.click("invoice-save");

    let error = wait_text(&app, "error-total", |t| !t.is_empty());
    assert!(error.starts_with("Montant TTC : "), "the message names the field: {error:?}");
    assert!(error.contains("montant valide"), "{error:?}");
    // The form keeps what was typed.
    assert_eq!(value_of(&app, "invoice-total"), "abc");
    assert_eq!(value_of(&app, "invoice-number"), "FA-2026-009");
    app.screenshot("bad-input-invoice-error");

    // Nothing was created.
    app.click("nav-invoices");
    app.find("invoice-status-filter");
    app.find("invoices-empty");
    assert_eq!(count(&app, r#"[data-testid="invoice-row"]"#), 0);
}
