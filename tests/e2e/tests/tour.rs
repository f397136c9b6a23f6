//! A walk through every screen with the example business, saving a
//! screenshot of each for review (tests/e2e/artifacts/tour-*.png).
//!
//! `RELANCE_E2E=1 cargo test -p relance-e2e --test tour -- --nocapture`

use std::time::Duration;

use fantoccini::Locator;
use relance_e2e::App;

const SHORT: Duration = Duration::from_secs(10);

#[track_caller]
fn click_css(app: &App, css: &str) {
    let element = app.block_on(app.client().wait().at_most(SHORT).for_element(Locator::Css(css)));
    let element = element.unwrap_or_else(|e| panic!("no {css:?}: {e}"));
    app.block_on(element.click()).unwrap_or_else(|e| panic!("clicking {css:?}: {e}"));
}

/// WebKit's snapshot can trail the last DOM change by a frame: let it settle.
fn shot(app: &App, name: &str) {
    std::thread::sleep(Duration::from_millis(400));
    app.screenshot(name);
}

#[test]
fn every_screen_with_the_example_business() {
    let Some(app) = App::launch("tour") else { return };

    app.click("welcome-demo");
    app.find("today-group");
    // The README's picture: Today without the "example loaded" toast over it.
    click_css(&app, ".toast-close");
    shot(&app, "tour-01-today");

    app.click("nav-clients");
    app.find("customer-row");
    shot(&app, "tour-02-clients");
    app.click("sort-overdue");
    shot(&app, "tour-03-clients-by-overdue");

    click_css(&app, r#"[data-testid="customer-row"] button"#);
    app.find("customer-detail");
    shot(&app, "tour-04-customer");

    app.click("customer-edit");
    app.find("customer-form");
    shot(&app, "tour-05-customer-form");
    // Terms beyond the legal cap are saved, with a warning on the customer's page.
    click_css(&app, r#"[data-testid="customer-terms-kind"] option[value="net"]"#);
    app.type_into("customer-terms-days", "90");
    app.click("customer-save");
    app.find("terms-warning");
    shot(&app, "tour-05b-terms-warning");
    app.click("customer-credit-note");
    app.find("credit-note-form");
    app.type_into("credit-number", "AV-2026-001");
    app.type_into("credit-amount", "-5");
    app.click("credit-save");
    app.find("error-amount");
    shot(&app, "tour-05c-credit-note-error");

    app.click("nav-invoices");
    app.find("invoice-row");
    shot(&app, "tour-06-invoices");
    click_css(&app, r#"[data-testid="invoice-row"] button"#);
    app.find("invoice-detail");
    shot(&app, "tour-06b-invoice");
    app.click("invoice-cancel");
    app.find("confirm-dialog");
    shot(&app, "tour-06c-cancel-dialog");
    app.click("confirm-cancel");
    assert!(!app.exists("confirm-dialog"));
    app.click("nav-invoices");

    app.click("invoice-new");
    app.find("invoice-form");
    app.type_into("invoice-issue-date", "31/02/2026");
    app.type_into("invoice-excl", "100");
    app.type_into("invoice-tax", "20");
    app.type_into("invoice-total", "130");
    app.click("invoice-save");
    app.find("error-total");
    shot(&app, "tour-07-invoice-errors");

    app.click("nav-payment");
    app.find("payment-customer");
    app.type_into("payment-customer", "a");
    app.find("payment-customer-option");
    shot(&app, "tour-08-payment-picker");
    app.click("payment-customer-option");
    app.type_into("payment-amount", "100000");
    app.find("payment-preview-line");
    shot(&app, "tour-09-payment-preview");
    app.click("payment-manual");
    app.find("payment-allocation");
    shot(&app, "tour-10-payment-manual");

    app.click("nav-settings");
    app.find("company-form");
    shot(&app, "tour-11-settings");

    // English, once the company says so.
    click_css(&app, r#"[data-testid="company-language"] option[value="en"]"#);
    app.click("company-save");
    app.wait_for_text("toast", |t| t == "Settings saved.", SHORT);
    app.click("nav-today");
    app.wait_for_text("screen-title", |t| t == "Today", SHORT);
    app.find("today-group");
    shot(&app, "tour-12-today-en");
    click_css(&app, r#"[data-testid="today-group"] [data-testid="today-customer"]"#);
    app.find("customer-detail");
    shot(&app, "tour-13-customer-en");
}
