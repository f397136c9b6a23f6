//! The invoice list filtered on one customer, with the example business:
//! opened from the customer's page ("Toutes ses factures"), cleared, chosen
//! again in the toolbar (back to the first page), and Alt+3 still opens the
//! whole list.
//!
//! `RELANCE_E2E=1 cargo test -p relance-e2e --test invoice_filters -- --nocapture`

use std::time::{Duration, Instant};

use fantoccini::Locator;
use relance_e2e::{App, DEFAULT_TIMEOUT};

const SHORT: Duration = Duration::from_secs(10);

#[track_caller]
fn click_css(app: &App, css: &str) {
    let element = app.block_on(app.client().wait().at_most(SHORT).for_element(Locator::Css(css)));
    let element = element.unwrap_or_else(|e| panic!("no {css:?}: {e}"));
    app.block_on(element.click()).unwrap_or_else(|e| panic!("clicking {css:?}: {e}"));
}

/// The customer column of the invoice rows shown, in order.
#[track_caller]
fn row_customers(app: &App) -> Vec<String> {
    let script = r#"
        return Array.from(document.querySelectorAll('[data-testid="invoice-row"]'))
            .map((row) => row.children[1].textContent.trim());
    "#;
    let value = app.block_on(app.client().execute(script, vec![])).expect("reading the invoice rows");
    serde_json::from_value(value).expect("a list of names")
}

/// Waits until the rows shown (at least one) satisfy `accept`; returns them.
#[track_caller]
fn wait_rows(app: &App, what: &str, accept: impl Fn(&[String]) -> bool) -> Vec<String> {
    let deadline = Instant::now() + DEFAULT_TIMEOUT;
    loop {
        let rows = row_customers(app);
        if !rows.is_empty() && accept(&rows) {
            return rows;
        }
        assert!(Instant::now() < deadline, "the invoice rows never showed {what}; last seen: {rows:?}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[track_caller]
fn value_of(app: &App, testid: &str) -> String {
    let element = app.find(testid);
    app.block_on(element.prop("value")).ok().flatten().unwrap_or_default()
}

/// Nothing sticks out of the window sideways (the toolbar wraps instead).
#[track_caller]
fn assert_no_horizontal_overflow(app: &App) {
    let script = r#"
        const toolbar = document.querySelector('.toolbar');
        const main = document.querySelector('[data-testid="main"]');
        return {
            page: document.documentElement.scrollWidth <= document.documentElement.clientWidth,
            main: main.scrollWidth <= main.clientWidth,
            toolbar: toolbar.scrollWidth <= toolbar.clientWidth
                && toolbar.getBoundingClientRect().right <= main.getBoundingClientRect().right,
        };
    "#;
    let fits = app.block_on(app.client().execute(script, vec![])).expect("measuring the layout");
    assert_eq!(fits, serde_json::json!({ "page": true, "main": true, "toolbar": true }), "something overflows");
}

/// The chosen customer's box lines up with the status select beside it.
#[track_caller]
fn assert_filters_line_up(app: &App) {
    let script = r#"
        const box = (testid) => document.querySelector(`[data-testid="${testid}"]`).getBoundingClientRect();
        const picked = box("invoice-customer-filter-picked");
        const select = box("invoice-status-filter");
        return [picked.top - select.top, picked.height - select.height];
    "#;
    let value = app.block_on(app.client().execute(script, vec![])).expect("measuring the filters");
    let [top, height]: [f64; 2] = serde_json::from_value(value).expect("two numbers");
    assert!(
        top.abs() < 1.0 && height.abs() < 1.0,
        "the customer filter is off by {top} px (top), {height} px (height)"
    );
}

/// WebKit's snapshot can trail the last DOM change by a frame: let it settle.
fn shot(app: &App, name: &str) {
    std::thread::sleep(Duration::from_millis(400));
    app.screenshot(name);
}

#[test]
fn invoices_of_one_customer_from_their_page_and_from_the_toolbar() {
    let Some(app) = App::launch("invoice-filters") else { return };

    app.click("welcome-demo");
    app.find("today-group");

    // A customer with overdue invoices, from Today.
    click_css(&app, r#"[data-testid="today-group"] [data-testid="today-customer"]"#);
    app.find("customer-detail");
    let name = app.wait_for_text("screen-title", |t| !t.is_empty() && t != "Aujourd’hui", SHORT);

    let link = app.find("customer-all-invoices");
    app.block_on(app.client().execute(
        "arguments[0].scrollIntoView({ block: 'center' });",
        vec![serde_json::to_value(&link).expect("an element reference")],
    ))
    .expect("scrolling to the link");
    shot(&app, "invoice-filters-00-customer-page");

    // "Toutes ses factures": the list filtered on them, every status.
    app.click("customer-all-invoices");
    app.find("invoices-screen");
    let picked = app.block_on(async {
        let css = r#"[data-testid="invoice-customer-filter-picked"] .picked-name"#;
        app.client().find(Locator::Css(css)).await?.text().await
    });
    assert_eq!(picked.expect("the customer shown in the filter"), name);
    assert_eq!(value_of(&app, "invoice-status-filter"), "all");
    let rows = wait_rows(&app, &format!("only {name:?}"), |rows| rows.iter().all(|r| *r == name));
    eprintln!("{name}: {} invoices", rows.len());
    assert_eq!(
        app.block_on(app.find("nav-invoices").attr("aria-current")).ok().flatten().as_deref(),
        Some("page"),
        "the Invoices entry is highlighted"
    );
    assert_no_horizontal_overflow(&app);
    assert_filters_line_up(&app);
    shot(&app, "invoice-filters-01-customer");

    // "Tous les clients": everybody again, still every status.
    assert_eq!(app.text_of("invoice-customer-filter-clear"), "Tous les clients");
    app.click("invoice-customer-filter-clear");
    app.find("invoice-customer-filter");
    assert!(!app.exists("invoice-customer-filter-picked"));
    let all = wait_rows(&app, "other customers", |rows| rows.iter().any(|r| *r != name));
    assert_eq!(value_of(&app, "invoice-status-filter"), "all");
    assert_no_horizontal_overflow(&app);
    shot(&app, "invoice-filters-02-all-customers");

    // Another customer, chosen in the toolbar from the second page: back to the first.
    let other = all.iter().find(|r| **r != name).expect("another customer").clone();
    app.click("pager-next");
    app.wait_for_text("pager-range", |t| t.starts_with("51"), SHORT);
    app.type_into("invoice-customer-filter", &other);
    let deadline = Instant::now() + SHORT;
    loop {
        let options = app
            .block_on(app.client().find_all(Locator::Css(r#"[data-testid="invoice-customer-filter-option"]"#)))
            .unwrap_or_default();
        let mut picked = false;
        for option in options {
            let Ok(label) = app.block_on(option.find(Locator::Css(".picker-name"))) else { continue };
            if app.block_on(label.text()).is_ok_and(|t| t == other) && app.block_on(option.click()).is_ok() {
                picked = true;
                break;
            }
        }
        if picked {
            break;
        }
        assert!(Instant::now() < deadline, "no suggestion {other:?} in the customer filter");
        std::thread::sleep(Duration::from_millis(100));
    }
    app.find("invoice-customer-filter-picked");
    shot(&app, "invoice-filters-03-picked-in-toolbar");
    wait_rows(&app, &format!("only {other:?}"), |rows| rows.iter().all(|r| *r == other));
    app.wait_for_text("pager-range", |t| t.starts_with("1–"), SHORT);
    assert_no_horizontal_overflow(&app);

    // Alt+3 opens the whole list again: to be paid, every customer.
    app.press_alt('3');
    app.find("invoice-customer-filter");
    assert!(!app.exists("invoice-customer-filter-picked"));
    assert_eq!(value_of(&app, "invoice-status-filter"), "unpaid");
    wait_rows(&app, "other customers than the filtered one", |rows| rows.iter().any(|r| *r != other));
}
