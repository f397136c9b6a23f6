//! The dashboard (issue 7): with the example business its receivables and
//! overdue figures are Today's, the aged balance adds up to the receivables,
//! the overdue figure lists exactly the overdue invoices (as many, the same
//! sum), and « Exporter ces chiffres » writes the same figures to CSV; with
//! the IBM sample imported through the CLI, at « Au 30/06/2013 » it shows the
//! figures checked in crates/relance-app/tests/dashboard.rs, a column of the
//! aged balance lists its invoices at that date, and coming back keeps the
//! date. Chart.js draws under our CSP (no style attribute, no inline code).
//!
//! `RELANCE_E2E=1 cargo test -p relance-e2e --test dashboard -- --nocapture`

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use relance_e2e::steps::{cli_binary, click_css, plain, read_fr_csv, wait_css, wait_text};
use relance_e2e::{workspace_root, App};

fn relance(data: &Path, args: &[&str]) {
    let out = Command::new(cli_binary())
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env("LANG", "fr_FR.UTF-8")
        .output()
        .unwrap_or_else(|e| panic!("relance {args:?}: {e}"));
    assert!(out.status.success(), "relance {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// WebKit's snapshot can trail the last DOM change by a frame: let it settle.
fn shot(app: &App, name: &str) {
    std::thread::sleep(Duration::from_millis(400));
    app.screenshot(name);
}

fn script(app: &App, js: &str) -> serde_json::Value {
    app.block_on(app.client().execute(js, vec![])).unwrap_or_else(|e| panic!("{js}: {e}"))
}

/// A decimal string in cents, exactly.
fn cents(decimal: &str) -> i64 {
    let (int, frac) = decimal.split_once('.').unwrap_or((decimal, ""));
    let frac = format!("{frac:0<2}");
    let sign = if int.starts_with('-') { -1 } else { 1 };
    sign * (int.trim_start_matches('-').parse::<i64>().unwrap() * 100 + frac[..2].parse::<i64>().unwrap())
}

/// The list behind a figure: (invoices counted, sum still open in cents,
/// rows shown, sum of the rows' open amounts in cents).
fn behind(app: &App) -> (u32, i64, usize, i64) {
    app.find("behind-screen");
    wait_css(app, "[data-testid=\"behind-summary\"]", |t| !t.is_empty());
    let got = script(
        app,
        r#"const s = document.querySelector('[data-testid="behind-summary"]').dataset;
           const rows = Array.from(document.querySelectorAll('[data-testid="behind-row"]')).map((r) => r.dataset.open);
           return [Number(s.count), s.open, rows];"#,
    );
    let (count, open, rows): (u32, String, Vec<String>) =
        serde_json::from_value(got).expect("the list behind a figure");
    (count, cents(&open), rows.len(), rows.iter().map(|r| cents(r)).sum())
}

/// (amount, invoices) of each aged-balance column, from the chart's text alternative.
fn aging(app: &App) -> Vec<(String, String, u32)> {
    let rows = script(
        app,
        r#"return Array.from(document.querySelectorAll('[data-testid^="dashboard-aging-"]'))
            .map((row) => [row.dataset.testid, row.dataset.amount, Number(row.dataset.invoices)]);"#,
    );
    serde_json::from_value(rows).expect("the aged balance rows")
}

/// The charts are drawn: each canvas has a size and some non-blank pixels.
fn assert_charts_drawn(app: &App) {
    let drawn = script(
        app,
        r#"return Array.from(document.querySelectorAll('.chart canvas')).map((c) => {
            if (c.width === 0 || c.height === 0) return false;
            const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            for (let i = 3; i < px.length; i += 4) if (px[i] !== 0) return true;
            return false;
        });"#,
    );
    assert_eq!(drawn, serde_json::json!([true, true, true]), "every chart draws on its canvas");
    // Chart.js sized the canvases through the CSSOM, not with style attributes.
    let attributes = script(
        app,
        "return document.querySelectorAll('[style]').length - document.querySelectorAll('canvas[style]').length;",
    );
    assert_eq!(attributes, serde_json::json!(0), "no element but the canvases carries a style");
}

#[test]
fn dashboard_of_the_example_business_matches_today_and_drills_to_the_overdue_invoices() {
    let Some(app) = App::launch("dashboard") else { return };

    app.click("welcome-demo");
    app.find("today-group");
    let outstanding = wait_text(&app, "today-total-outstanding", |t| !t.is_empty());
    let overdue = wait_text(&app, "today-total-overdue", |t| !t.is_empty());

    app.press_alt('6');
    app.find("dashboard-screen");
    assert_eq!(plain(&wait_text(&app, "dashboard-receivables", |t| !t.is_empty())), plain(&outstanding));
    assert_eq!(plain(&app.text_of("dashboard-overdue")), plain(&overdue));

    let receivables =
        script(&app, r#"return document.querySelector('[data-testid="dashboard-receivables"]').dataset.amount;"#);
    let receivables = receivables.as_str().expect("the exact receivables").to_string();
    let buckets = aging(&app);
    assert_eq!(buckets.len(), 5, "{buckets:?}");
    let sum: i64 = buckets.iter().map(|(_, a, _)| cents(a)).sum();
    assert_eq!(sum, cents(&receivables), "the aged balance adds up to the receivables: {buckets:?}");
    let overdue_invoices: u32 =
        buckets.iter().filter(|(code, _, _)| code != "dashboard-aging-not_due").map(|(_, _, n)| n).sum();
    assert!(overdue_invoices > 0, "the example business has overdue invoices");
    assert_charts_drawn(&app);
    shot(&app, "dashboard-00-example");

    // « Exporter ces chiffres »: the same figures in the file.
    app.click("dashboard-export");
    let toast = wait_text(&app, "toast-message", |t| t.contains("relance-indicateurs-"));
    let file = toast.split(" dans ").nth(1).expect("« dans <file> »").trim().to_owned();
    let (header, rows) = read_fr_csv(&app.save_dir().join(&file));
    assert_eq!(header, ["Indicateur", "Valeur", "Unité", "Factures"]);
    let value = |name: &str| -> String {
        rows.iter().find(|r| r[0] == name).unwrap_or_else(|| panic!("a row « {name} »: {rows:?}"))[1].clone()
    };
    assert_eq!(cents(&value("Encours clients").replace(',', ".")), cents(&receivables));
    assert_eq!(plain(&value("Échu non payé")), plain(&overdue.replace(['€', ' ', '\u{a0}', '\u{202f}'], "")));
    click_css(&app, ".toast-close");

    // The overdue figure lists the overdue invoices: as many, the same sum.
    let overdue_cents = cents(
        script(&app, r#"return document.querySelector('[data-testid="dashboard-overdue"]').dataset.amount;"#)
            .as_str()
            .expect("the exact overdue amount"),
    );
    app.click("dashboard-overdue-link");
    let (count, open, shown, shown_open) = behind(&app);
    assert_eq!(count, overdue_invoices);
    assert_eq!((open, shown as u32, shown_open), (overdue_cents, count, overdue_cents));
    shot(&app, "dashboard-01-overdue-invoices");

    // Days late: the invoices paid in the period, each with its delay.
    app.click("back");
    app.click("dashboard-days-late-link");
    let (paid, _, shown, _) = behind(&app);
    assert!(paid > 0 && shown as u32 == paid, "{paid} paid, {shown} shown");
    wait_css(&app, "h1", |t| t.contains("Factures payées sur la période"));
}

#[test]
fn dashboard_of_the_ibm_sample_at_the_end_of_june_2013() {
    let Some(mut app) = App::launch("dashboard-ibm") else { return };
    app.find("welcome-demo");
    let fixture = workspace_root().join("crates/relance-app/tests/fixtures/import/ibm_ar.csv");
    app.restart_with(|dir| {
        relance(dir, &["import", "--kind", "invoices", "--file", fixture.to_str().unwrap(), "--mapping", "ibm"]);
    });
    app.find("nav");
    app.press_alt('6');
    app.find("dashboard-screen");
    wait_text(&app, "dashboard-receivables", |t| !t.is_empty());

    app.type_into("dashboard-as-of", "30/06/2013");
    app.click("dashboard-apply");
    wait_css(&app, ".screen-subtitle", |t| t.contains("30 juin 2013"));
    assert_eq!(plain(&wait_text(&app, "dashboard-receivables", |t| t.contains("5 119,85"))), plain("5 119,85 €"));
    assert_eq!(plain(&app.text_of("dashboard-overdue")), plain("835,56 €"));
    assert_eq!(plain(&app.text_of("dashboard-overdue-share")), plain("16,3 % de l’encours, 6,2 jours de retard moyen"));
    assert_eq!(plain(&app.text_of("dashboard-dso")), plain("23,2 jours"));
    // The average days late is amount-weighted (PRODUCT.md's ADD): 3,7, where the plain mean is 3,5.
    assert_eq!(plain(&app.text_of("dashboard-days-late")), plain("3,7 jours"));
    // 77 of the 333 invoices issued from 02/04 to 30/06/2013 are marked disputed in the file.
    assert_eq!(plain(&app.text_of("dashboard-disputed")), plain("23,1 %"));
    assert_charts_drawn(&app);
    script(&app, "document.querySelector('.dashboard-charts').scrollIntoView();");
    shot(&app, "dashboard-02-ibm-charts");

    // The 1-30 days column lists its 12 invoices as they stood on 30/06/2013
    // (all paid since): 835,56 € then open.
    app.click("dashboard-legend-1_30");
    let (count, open, shown, shown_open) = behind(&app);
    assert_eq!((count, open, shown, shown_open), (12, 83_556, 12, 83_556));
    wait_css(&app, "h1", |t| t.contains("Balance âgée : 1 à 30 jours"));
    shot(&app, "dashboard-03-ibm-column");
    // Back: the dashboard is still at 30/06/2013.
    app.click("back");
    wait_css(&app, ".screen-subtitle", |t| t.contains("30 juin 2013"));
    assert_eq!(plain(&wait_text(&app, "dashboard-receivables", |t| t.contains("5 119,85"))), plain("5 119,85 €"));

    click_css(&app, "[data-testid=\"dashboard-top\"] tbody tr .link");
    app.find("customer-detail");

    // Today the sample is long paid: the screen says so and offers its last day.
    app.press_alt('6');
    wait_css(&app, ".screen-subtitle", |t| !t.contains("2013"));
    let quiet = wait_text(&app, "dashboard-quiet", |t| !t.is_empty());
    assert!(quiet.contains("2013") || quiet.contains("2014"), "{quiet}");
    shot(&app, "dashboard-04-ibm-today");
    app.click("dashboard-quiet-go");
    wait_css(&app, ".screen-subtitle", |t| t.contains("2013") || t.contains("2014"));
    assert!(!app.exists("dashboard-quiet"), "at its last day the sample has figures");
}
