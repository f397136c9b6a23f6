//! Credit insurance in the real app: on a customer of the example business,
//! the « Assurance-crédit » group of the form refuses a cover without its
//! insurer and a delay out of range (each error on its field, nothing saved),
//! then keeps Allianz Trade with a covered amount and a delay that puts the
//! oldest late invoice's deadline 5 days ahead; the customer page shows the
//! cover and the part of the debt above it; Today asks to declare that invoice
//! by its deadline on the customer's card; « Marquer comme déclaré », confirmed,
//! takes it off the card and puts it on the customer's timeline and page;
//! credit control says what a new invoice would leave above the cover; a
//! second customer past a 1-day delay sees its declaration said expired.

use chrono::{Days, Local};
use relance_app::{insurance, invoices, LocalContext, SystemClock};
use relance_domain::Money;
use relance_e2e::steps::{click_css, french_decimal, plain, wait_css, wait_text};
use relance_e2e::App;
use relance_store::Store;

const CUSTOMER: &str = "SAS Aubry & Fils";

#[test]
fn an_insured_customers_late_invoice_is_declared_from_today() {
    let Some(app) = App::launch("credit_insurance") else { return };
    app.click("welcome-demo");
    app.find("today-group");
    click_css(&app, ".toast-close");

    // The oldest late invoice of the customer, from the file the window uses.
    let today = Local::now().date_naive();
    let store = Store::open(&app.data_dir().join(relance_app::data_dir::DATABASE_FILE)).unwrap();
    let ctx = LocalContext::new(store, Box::new(SystemClock));
    let id = relance_store::customers::ids_by_name(ctx.store.conn()).unwrap()[CUSTOMER];
    let late: Vec<_> = invoices::unpaid_for_customer(&ctx, id)
        .unwrap()
        .into_iter()
        .filter(|l| l.invoice.data.due_date < today)
        .collect();
    let oldest = late.iter().min_by_key(|l| (l.invoice.data.due_date, l.invoice.id.0)).expect("a late invoice");
    let (number, remaining) = (oldest.invoice.data.number.clone(), oldest.remaining);
    let days_late = (today - oldest.invoice.data.due_date).num_days();
    let days = days_late + 5;
    assert!((1..=365).contains(&days), "{number} is {days_late} days late");
    let deadline = today.checked_add_days(Days::new(5)).unwrap().format("%d/%m/%Y").to_string();

    app.click("nav-clients");
    app.type_into("customer-search", "Aubry");
    wait_text(&app, "customer-row", |t| t.contains(CUSTOMER));
    click_css(&app, r#"[data-testid="customer-row"] button"#);
    app.find("customer-detail");
    assert!(!app.exists("customer-insurance-card"), "not insured yet: no card");

    // Bad input: the insurer missing, a delay out of range; each said on its field, nothing saved.
    app.click("customer-edit");
    app.find("customer-insurance");
    app.type_into("customer-covered-amount", "1 000,00");
    app.type_into("customer-declaration-days", "400");
    app.click("customer-save");
    wait_text(&app, "error-insurer", |t| t.contains("à remplir"));
    wait_text(&app, "error-declaration_days", |t| t.contains("entre 1 et 365"));
    scroll_to(&app, r#"[data-testid="customer-insurance"]"#);
    app.screenshot("credit-insurance-01-form-errors");
    assert_eq!(relance_store::insurance::get(ctx.store.conn(), id).unwrap(), None);

    app.type_into("customer-insurer", "Allianz Trade");
    app.type_into("customer-declaration-days", &days.to_string());
    // A credit limit below the debt, so that credit control speaks at the next invoice.
    app.type_into("customer-credit-limit", "100");
    app.click("customer-save");
    app.find("customer-detail");
    wait_text(&app, "insurance-insurer", |t| t == "Allianz Trade");
    wait_text(&app, "insurance-covered", |t| t == "1 000,00 €");
    wait_text(&app, "insurance-days", |t| t == format!("{days} jours après l’échéance"));
    let page = relance_app::customers::detail(&ctx, id).unwrap();
    let above = page.balance.outstanding - Money::from_cents(100_000);
    assert!(above.is_positive(), "{:?}", page.balance);
    wait_text(&app, "insurance-uncovered", |t| t == format!("{} €", french_decimal(&above.to_string())));
    wait_text(&app, "insurance-declared-none", |t| t.contains("Aucune facture déclarée"));
    scroll_to(&app, r#"[data-testid="customer-insurance-card"]"#);
    app.screenshot("credit-insurance-03-customer");

    // Today: the declaration on the customer's card, by the deadline.
    app.click("nav-today");
    let card = format!(r#"[data-testid="agenda-declaration"][data-number="{number}"]"#);
    let sentence = wait_css(&app, &format!("{card} [data-testid=\"agenda-declaration-do\"]"), |t| !t.is_empty());
    assert_eq!(
        sentence,
        format!(
            "Déclarer l’impayé à Allianz Trade au plus tard le {deadline} (facture {number}, {} €)",
            french_decimal(&remaining.to_string())
        )
    );
    wait_css(&app, &format!("{card} [data-testid=\"agenda-declaration-note\"]"), |t| {
        t.starts_with("Il reste 5 jours.")
    });
    // The same list as the use case's on the app's file.
    let due = insurance::due(&ctx, today).unwrap();
    assert!(due.iter().any(|d| d.number == number && d.customer == id), "{due:?}");
    scroll_to(&app, &card);
    app.screenshot("credit-insurance-04-today");

    click_css(&app, &format!("{card} [data-testid=\"agenda-declare\"]"));
    let body =
        wait_text(&app, "confirm-dialog", |t| t.contains(&format!("Marquer la facture {number} comme déclarée")));
    assert!(body.contains("Allianz Trade") && body.contains(CUSTOMER), "{body}");
    std::thread::sleep(std::time::Duration::from_millis(300));
    app.screenshot("credit-insurance-05-confirm");
    app.click("confirm-ok");
    wait_text(&app, "toast-message", |t| t == format!("Facture {number} notée comme déclarée à Allianz Trade"));
    let deadline_passed = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while relance_e2e::steps::count(&app, &card) > 0 {
        assert!(std::time::Instant::now() < deadline_passed, "{number} still asked after being declared");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let declared = relance_store::insurance::declared(ctx.store.conn(), oldest.invoice.id).unwrap().unwrap();
    assert_eq!((declared.insurer.as_str(), declared.declared_on), ("Allianz Trade", today));

    // On the customer's page: the timeline's sentence and the declared invoice.
    app.click("nav-clients");
    app.type_into("customer-search", "Aubry");
    wait_text(&app, "customer-row", |t| t.contains(CUSTOMER));
    click_css(&app, r#"[data-testid="customer-row"] button"#);
    app.find("customer-detail");
    let on = today.format("%d/%m/%Y").to_string();
    wait_text(&app, "customer-timeline", |t| {
        t.contains(&format!(
            "Facture {number} déclarée à Allianz Trade le {on} ({} € impayés)",
            french_decimal(&remaining.to_string())
        ))
    });
    let row = wait_css(&app, &format!(r#"[data-testid="insurance-declared-row"][data-number="{number}"]"#), |t| {
        !t.is_empty()
    });
    assert!(plain(&row).contains(&on), "{row}");
    scroll_to(&app, r#"[data-testid="customer-insurance-card"]"#);
    app.screenshot("credit-insurance-06-customer-declared");

    // Credit control: a new invoice of 250,00 € says what would be above the cover, not insured.
    app.click("customer-new-invoice");
    app.find("invoice-form");
    app.type_into("invoice-number", "E2E-INSURED-1");
    app.type_into("invoice-total", "250,00");
    app.click("invoice-save");
    app.find("confirm-dialog");
    let above_after = page.balance.outstanding + Money::from_cents(25_000) - Money::from_cents(100_000);
    wait_text(&app, "credit-uninsured", |t| {
        t == format!(
            "La part au-delà du montant garanti par Allianz Trade, soit {} €, ne serait pas couverte par l’assurance-crédit.",
            french_decimal(&above_after.to_string())
        )
    });
    std::thread::sleep(std::time::Duration::from_millis(300));
    app.screenshot("credit-insurance-07-credit-control");
    app.click("confirm-cancel");

    // Another customer whose late invoice is past a 1-day delay: still asked, said passed.
    let (other, other_number) = oldest_late_elsewhere(&ctx, id, today);
    app.click("nav-clients");
    app.type_into("customer-search", &other);
    wait_text(&app, "customer-row", |t| t.contains(&other));
    click_css(&app, r#"[data-testid="customer-row"] button"#);
    app.find("customer-detail");
    app.click("customer-edit");
    app.find("customer-insurance");
    app.type_into("customer-insurer", "Coface");
    app.type_into("customer-declaration-days", "1");
    app.click("customer-save");
    wait_text(&app, "insurance-insurer", |t| t == "Coface");
    app.click("nav-today");
    let passed = format!(r#"[data-testid="agenda-declaration"][data-number="{other_number}"][data-passed="true"]"#);
    let said = wait_css(&app, &format!("{passed} [data-testid=\"agenda-declaration-do\"]"), |t| !t.is_empty());
    assert!(
        said.starts_with("Délai de déclaration à Coface expiré le ")
            && said.ends_with(": la garantie risque d’être perdue"),
        "{said}"
    );
    scroll_to(&app, &passed);
    app.screenshot("credit-insurance-08-today-passed");
}

/// Scrolls the element into the middle of the window and lets it settle.
fn scroll_to(app: &App, css: &str) {
    let scroll = "document.querySelector(arguments[0]).scrollIntoView({block: 'center'});";
    app.block_on(app.client().execute(scroll, vec![serde_json::Value::String(css.to_owned())])).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(400));
}

/// A business customer other than `not` with a late invoice, and its oldest late invoice's number.
fn oldest_late_elsewhere(
    ctx: &LocalContext,
    not: relance_domain::ids::CustomerId,
    today: chrono::NaiveDate,
) -> (String, String) {
    let names = relance_store::customers::ids_by_name(ctx.store.conn()).unwrap();
    let mut found: Vec<(chrono::NaiveDate, String, String)> = Vec::new();
    for (name, id) in names {
        if id == not {
            continue;
        }
        let c = relance_store::customers::get(ctx.store.conn(), id).unwrap().unwrap();
        if c.data.kind != relance_domain::customer::CustomerKind::Business {
            continue;
        }
        for l in invoices::unpaid_for_customer(ctx, id).unwrap() {
            if l.invoice.data.due_date < today.checked_sub_days(Days::new(2)).unwrap() {
                found.push((l.invoice.data.due_date, name.clone(), l.invoice.data.number.clone()));
            }
        }
    }
    let (_, name, number) = found.into_iter().min().expect("a late invoice of another business customer");
    (name, number)
}
