//! Settings: the user adds the ECB rate of a half-year the shipped tables do
//! not know, sees it listed, and is told when the official source is missing.
//!
//! `RELANCE_E2E=1 cargo test -p relance-e2e --test rates -- --nocapture`

use std::time::Duration;

use relance_e2e::steps::{click_css, count, value_of, wait_css, wait_text};
use relance_e2e::App;

const SHORT: Duration = Duration::from_secs(10);

#[test]
fn add_a_half_year_rate_in_settings() {
    let Some(app) = App::launch("rates") else { return };

    app.find("welcome");
    app.click("welcome-empty");
    app.wait_for_text("screen-title", |t| t == "Réglages", SHORT);
    app.type_into("company-name", "Atelier Dupont");
    app.click("company-save");
    app.wait_for_text("screen-title", |t| t == "Clients", SHORT);

    app.press_alt('5');
    app.find("settings-screen");
    app.find("rates-section");
    wait_text(&app, "rates-empty", |t| t == "Aucun taux ajouté");

    // The ECB rate for the second half of 2026.
    click_css(&app, r#"[data-testid="rate-kind"] option[value="ecb"]"#);
    click_css(&app, r#"[data-testid="rate-half-year"] option[value="2026-07-01"]"#);
    app.type_into("rate-value", "2,40");
    app.type_into("rate-source", "Décision de politique monétaire de la BCE du 11 juin 2026");
    app.click("rate-save");
    wait_text(&app, "toast", |t| t == "Taux ajouté.");
    wait_css(&app, r#"[data-testid="rate-row"]"#, |t| {
        t.contains("2e semestre 2026")
            && t.contains("Taux de refinancement de la BCE")
            && t.contains("2,40 %")
            && t.contains("Décision de politique monétaire de la BCE du 11 juin 2026")
    });
    assert_eq!(count(&app, r#"[data-testid="rate-row"]"#), 1);
    assert!(!app.exists("rates-empty"));
    click_css(&app, r#"[data-testid="rates-section"]"#);
    std::thread::sleep(Duration::from_millis(500));
    app.screenshot("rates-01-added");

    // Without its source, the rate is refused and the field says why.
    click_css(&app, r#"[data-testid="rate-kind"] option[value="legal_other"]"#);
    app.type_into("rate-value", "3,10");
    // The source was emptied after the first rate was added.
    assert_eq!(value_of(&app, "rate-source"), "");
    app.click("rate-save");
    let message = wait_text(&app, "error-rate_source", |t| !t.is_empty());
    eprintln!("error-rate_source: {message}");
    assert_eq!(count(&app, r#"[data-testid="rate-row"]"#), 1, "nothing was added");
    std::thread::sleep(Duration::from_millis(500));
    app.screenshot("rates-02-missing-source");
}
