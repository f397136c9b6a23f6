//! How a customer pays, on its page in the real app: the example business's
//! regularly late customer shows its score as a gauge, the profile its history
//! points to and the reasons in words, and they are the ones the use case
//! computes from the app's own database file.

use relance_app::{risk, LocalContext, SystemClock};
use relance_e2e::steps::{click_css, plain, wait_text};
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
}
