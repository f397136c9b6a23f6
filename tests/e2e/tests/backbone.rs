//! The ledger backbone as a user lives it: an empty file, a company, a
//! customer, an invoice that is 30 days late, two payments that settle it,
//! and a restart that proves it was all saved. Plus bad input on a form.
//!
//! `RELANCE_E2E=1 cargo test -p relance-e2e --test backbone -- --nocapture`

use std::time::{Duration, Instant};

use fantoccini::Locator;
use relance_e2e::{App, DEFAULT_TIMEOUT};

const SHORT: Duration = Duration::from_secs(10);

/// Amounts are grouped with narrow no-break spaces and the euro sign follows
/// a no-break space: compare them with plain spaces.
fn plain(text: &str) -> String {
    text.replace(['\u{202f}', '\u{a0}'], " ")
}

/// Waits until the CSS selector matches an element whose text satisfies `accept`.
#[track_caller]
fn wait_css(app: &App, css: &str, accept: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + DEFAULT_TIMEOUT;
    let mut last = None;
    loop {
        let seen = app.block_on(async {
            let element = app.client().find(Locator::Css(css)).await.ok()?;
            element.text().await.ok()
        });
        if let Some(text) = seen.as_deref().map(plain) {
            if accept(&text) {
                return text;
            }
            last = Some(text);
        }
        assert!(Instant::now() < deadline, "{css:?} never showed the expected text; last seen: {last:?}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Waits until the test id shows text satisfying `accept`, compared with plain spaces.
#[track_caller]
fn wait_text(app: &App, testid: &str, accept: impl Fn(&str) -> bool) -> String {
    plain(&app.wait_for_text(testid, |t| accept(&plain(t)), DEFAULT_TIMEOUT))
}

#[track_caller]
fn click_css(app: &App, css: &str) {
    let element = app.block_on(app.client().wait().at_most(DEFAULT_TIMEOUT).for_element(Locator::Css(css)));
    let element = element.unwrap_or_else(|e| panic!("no {css:?}: {e}"));
    app.block_on(element.click()).unwrap_or_else(|e| panic!("clicking {css:?} failed: {e}"));
}

#[track_caller]
fn count(app: &App, css: &str) -> usize {
    app.block_on(app.client().find_all(Locator::Css(css))).map(|v| v.len()).unwrap_or(0)
}

#[track_caller]
fn value_of(app: &App, testid: &str) -> String {
    let element = app.find(testid);
    app.block_on(element.prop("value")).ok().flatten().unwrap_or_default()
}

/// Days since 1970-01-01 for a civil date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { yoe + era * 400 + 1 } else { yoe + era * 400 }, m, d)
}

/// "23/11/2026" minus `days` -> "24/09/2026".
fn days_before(ddmmyyyy: &str, days: i64) -> String {
    let parts: Vec<i64> = ddmmyyyy.split('/').map(|p| p.parse().expect("a dd/mm/yyyy date")).collect();
    let [d, m, y] = parts[..] else { panic!("not dd/mm/yyyy: {ddmmyyyy}") };
    let (y, m, d) = civil_from_days(days_from_civil(y, m, d) - days);
    format!("{d:02}/{m:02}/{y:04}")
}

#[test]
fn date_arithmetic_of_the_scenario() {
    assert_eq!(days_before("23/11/2026", 60), "24/09/2026");
    assert_eq!(days_before("01/03/2024", 1), "29/02/2024");
    assert_eq!(days_before("15/01/2026", 30), "16/12/2025");
}

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
