//! The day's agenda on Today: an invoice 8 days late asks for its first
//! reminder (an e-mail); marking it done takes it off the agenda and writes
//! the reminder into the customer's timeline.
//!
//! `RELANCE_E2E=1 cargo test -p relance-e2e --test agenda -- --nocapture`
#![allow(dead_code)]

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
    wait_css(&app, &action, |t| {
        t.contains("Garage Leroy")
            && t.contains("Première relance")
            && t.contains("E-mail")
            && t.contains("FA-2026-101")
    });
    wait_css(&app, &format!(r#"{action} [data-testid="agenda-line"][data-number="FA-2026-101"]"#), |t| {
        t.contains("en retard de 8 j") && t.contains("840,00 €")
    });
    wait_css(&app, &format!(r#"{action} [data-testid="agenda-total"]"#), |t| t == "840,00 €");
    // The overdue cards stay below.
    wait_css(&app, r#"[data-testid="today-invoice"][data-number="FA-2026-101"]"#, |t| t.contains("840,00 €"));
    app.screenshot("agenda-01-today-with-action");

    click_css(&app, &format!(r#"{action} [data-testid="agenda-done"]"#));
    wait_text(&app, "toast", |t| t.contains("Première relance") && t.contains("Garage Leroy"));
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
        t.contains("Première relance faite (e-mail) pour la facture FA-2026-101")
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
