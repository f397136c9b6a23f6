//! How a customer pays, on its page in the real app: the example business's
//! regularly late customer shows its score as a gauge, the profile its history
//! points to and the reasons in words, and they are the ones the use case
//! computes from the app's own database file. Then credit control: with a
//! credit limit below what it owes, a new invoice asks what is decided, and
//! the decision is in the customer's history.

use relance_app::{risk, LocalContext, SystemClock};
use relance_domain::Money;
use relance_e2e::steps::{click_css, french_decimal, plain, wait_text, wait_value};
use relance_e2e::App;
use relance_store::Store;

#[test]
fn a_late_payer_shows_its_score_profile_and_reasons() {
    let Some(app) = App::launch("risk") else { return };
    app.click("welcome-demo");
    app.find("today-group");
    click_css(&app, ".toast-close");

    app.click("nav-clients");
    app.type_into("customer-search", "Aubry");
    wait_text(&app, "customer-row", |t| t.contains("SAS Aubry & Fils"));
    click_css(&app, r#"[data-testid="customer-row"] button"#);
    app.find("customer-detail");
    let score: u8 = wait_text(&app, "risk-score", |t| !t.is_empty()).parse().unwrap();
    let segment = wait_text(&app, "risk-segment", |t| !t.is_empty());
    let reasons = plain(&app.text_of("risk-reasons"));
    std::thread::sleep(std::time::Duration::from_millis(400));
    app.screenshot("risk-01-customer");

    // The same judgement from the database file the window is using, today.
    let store = Store::open(&app.data_dir().join(relance_app::data_dir::DATABASE_FILE)).unwrap();
    let ctx = LocalContext::new(store, Box::new(SystemClock));
    let id = relance_store::customers::ids_by_name(ctx.store.conn()).unwrap()["SAS Aubry & Fils"];
    let expected = risk::customer(&ctx, id).unwrap();
    assert_eq!(score, expected.score);
    assert_eq!(segment, "Profil d’après l’historique : Tardif", "{reasons}");
    // The generator makes this customer pay 10 to 45 days late: every recent invoice late.
    let b = &expected.behaviour;
    assert_eq!(b.recent_late, b.recent_paid, "{b:?}");
    assert!(
        reasons.contains(&format!(
            "A réglé ses {} dernières factures en retard, {} jours en moyenne.",
            b.recent_paid, b.average_days_late
        )),
        "{reasons}"
    );

    // Credit control: a limit of 100 € for a customer who owes more.
    app.click("customer-edit");
    app.find("customer-form");
    app.type_into("customer-credit-limit", "100");
    app.click("customer-save");
    app.find("customer-detail");
    app.click("customer-new-invoice");
    app.find("invoice-form");
    app.type_into("invoice-number", "E2E-CREDIT-1");
    app.type_into("invoice-total", "250,00");
    app.click("invoice-save");
    let body = wait_text(&app, "confirm-dialog", |t| t.contains("Plafond de crédit dépassé"));
    let after = expected.behaviour.exposure + Money::from_cents(25_000);
    assert!(
        // Owing more than its limit also puts the customer at risk: the dialog says both.
        body.contains("Ce client est à risque")
            && body.contains(&format!(
                "devrait {} € pour un plafond de crédit de 100,00 €",
                french_decimal(&after.to_string())
            )),
        "{body}"
    );
    app.click("credit-decision-cash_payment");
    std::thread::sleep(std::time::Duration::from_millis(300));
    app.screenshot("risk-02-credit-control");
    app.click("confirm-ok");
    // Created from the customer's page: saved, back on that page.
    wait_text(&app, "customer-outstanding", |t| t.contains(&french_decimal(&after.to_string())));
    wait_text(&app, "risk-segment", |t| t == "Profil d’après l’historique : À risque");
    wait_text(&app, "customer-timeline", |t| {
        t.contains("Facture E2E-CREDIT-1 enregistrée au-delà du plafond de crédit")
            && t.contains("paiement comptant exigé")
    });

    // The thresholds are settings: a wrong value is refused on its field, the recommended ones saved.
    app.press_alt('5');
    app.find("risk-settings");
    wait_value(&app, "risk-settings-at_risk_score", "40");
    app.type_into("risk-settings-at_risk_score", "cent");
    app.click("risk-settings-save");
    let refused = wait_text(&app, "error-risk_score", |t| !t.is_empty());
    assert!(refused.contains("0") && refused.contains("100"), "{refused}");
    app.click("risk-settings-recommended");
    wait_value(&app, "risk-settings-at_risk_score", "40");
    app.click("risk-settings-save");
    wait_text(&app, "toast", |t| t == "Seuils des profils de paiement enregistrés.");
}
