//! The day's agenda in the real app: a customer with two late invoices at two
//! levels gets ONE card (one call led by the furthest level, each invoice at
//! its own level); "Reporter…" and "Passer…" take a card off the agenda and
//! write it into the customer's timeline (a skip needs a reason); a promise
//! whose date has passed unpaid shows as broken, first, on its customer's
//! card; a decision due (court or agency) shows apart on its customer's card,
//! its invoice opening the invoice page. The promise and the formal notice are
//! backdated through the CLI on the app's data folder, then the app restarts.
//! A second scenario looks at Today with the example business.
//!
//! `RELANCE_E2E=1 cargo test -p relance-e2e --test agenda_actions -- --nocapture`

use std::process::Command;
use std::time::Duration;

use relance_e2e::steps::{cli_binary, click_css, count, days_before, value_of, wait_css, wait_text};
use relance_e2e::App;

const SHORT: Duration = Duration::from_secs(10);

/// WebKit's snapshot can trail the last DOM change by a frame: let it settle.
fn shot(app: &App, name: &str) {
    std::thread::sleep(Duration::from_millis(400));
    app.screenshot(name);
}

/// Creates a customer through the form and returns its id.
fn new_customer(app: &App, name: &str) -> String {
    app.click("nav-clients");
    app.click("customer-new");
    app.type_into("customer-name", name);
    app.click("customer-save");
    app.find("customer-detail");
    app.wait_for_text("screen-title", |t| t == name, SHORT);
    app.block_on(app.find("customer-detail").attr("data-id")).ok().flatten().expect("the customer page carries its id")
}

/// From the customer's page: an invoice due `late` days ago, issued 30 days
/// before. Returns today as the form shows it (dd/mm/yyyy).
fn late_invoice(app: &App, number: &str, late: i64, total: &str) -> String {
    app.click("customer-new-invoice");
    app.find("invoice-customer-picked");
    let today = value_of(app, "invoice-issue-date");
    app.type_into("invoice-number", number);
    app.type_into("invoice-issue-date", &days_before(&today, late + 30));
    app.type_into("invoice-due-date", &days_before(&today, late));
    app.type_into("invoice-total", total);
    app.click("invoice-save");
    app.find("customer-detail");
    wait_css(app, &format!(r#"[data-testid="customer-invoice"][data-number="{number}"]"#), |_| true);
    today
}

fn card(id: &str) -> String {
    format!(r#"[data-testid="agenda-card"][data-customer-id="{id}"]"#)
}

fn open_today(app: &App) {
    app.click("nav-today");
    app.find("today-screen");
    app.find("agenda");
}

#[test]
fn one_card_per_customer_postpone_skip_and_a_broken_promise() {
    let Some(mut app) = App::launch("agenda-actions") else { return };

    app.find("welcome");
    app.click("welcome-empty");
    app.wait_for_text("screen-title", |t| t == "Réglages", SHORT);
    app.type_into("company-name", "Atelier Dupont");
    app.click("company-save");
    app.wait_for_text("screen-title", |t| t == "Clients", SHORT);

    // Garage Leroy: FA-1 24 days late (the call), FA-2 15 days late (the firm letter).
    let leroy = new_customer(&app, "Garage Leroy");
    late_invoice(&app, "FA-1", 24, "1 000,00");
    late_invoice(&app, "FA-2", 15, "200,00");
    // Boulangerie Martin: 10 days late, first reminder.
    let martin = new_customer(&app, "Boulangerie Martin");
    late_invoice(&app, "FA-3", 10, "90,00");
    // Transports Blanc: FA-5 60 days late (the formal notice), FA-6 16 days late.
    let blanc = new_customer(&app, "Transports Blanc");
    late_invoice(&app, "FA-5", 60, "320,00");
    late_invoice(&app, "FA-6", 16, "75,00");
    // Menuiserie Roux: 40 days late, with a promise of 20 days ago to pay by 5 days ago.
    let roux = new_customer(&app, "Menuiserie Roux");
    let today = late_invoice(&app, "FA-4", 40, "640,00");

    open_today(&app);
    let leroy_card = card(&leroy);
    wait_css(&app, &leroy_card, |t| t.contains("Garage Leroy") && t.contains("FA-1") && t.contains("FA-2"));
    assert_eq!(count(&app, &leroy_card), 1, "one card for the customer");
    assert_eq!(count(&app, &format!(r#"{leroy_card} [data-testid="agenda-action"]"#)), 1, "one action on it");
    let call =
        format!(r#"{leroy_card} [data-testid="agenda-action"][data-channel="phone_call"][data-level="phone_call"]"#);
    wait_css(&app, &format!(r#"{call} [data-testid="agenda-do"]"#), |t| t == "Appeler le client");
    wait_css(&app, &format!(r#"{call} [data-testid="agenda-line"][data-number="FA-1"]"#), |t| {
        t.contains("Appel de relance") && t.contains("en retard de 24 j") && t.contains("1 000,00 €")
    });
    wait_css(&app, &format!(r#"{call} [data-testid="agenda-line"][data-number="FA-2"]"#), |t| {
        t.contains("Relance ferme") && t.contains("en retard de 15 j") && t.contains("200,00 €")
    });
    wait_css(&app, &format!(r#"{leroy_card} [data-testid="agenda-customer-total"]"#), |t| t == "1 200,00 €");
    assert_eq!(count(&app, r#"[data-testid="agenda-card"]"#), 4, "four customers to chase");
    shot(&app, "agenda-actions-01-four-cards");

    // Reporter… to a date in three days: the card leaves the agenda.
    press(&app, &format!(r#"{call} [data-testid="agenda-postpone"]"#));
    app.find("confirm-dialog");
    let until = days_before(&today, -3);
    app.type_into("agenda-postpone-until", &until);
    shot(&app, "agenda-actions-02-postpone-dialog");
    app.click("confirm-ok");
    wait_text(&app, "toast", |t| t.contains("Relance reportée pour Garage Leroy"));
    wait_until_gone(&app, &leroy_card);

    // Passer… without a reason is refused, with one it goes through.
    let martin_card = card(&martin);
    press(&app, &format!(r#"{martin_card} [data-testid="agenda-skip"]"#));
    app.find("confirm-dialog");
    app.click("confirm-ok");
    wait_text(&app, "confirm-error", |t| t == "Indiquez une raison.");
    shot(&app, "agenda-actions-03-skip-needs-a-reason");
    assert_eq!(count(&app, &martin_card), 1, "nothing recorded without a reason");
    app.type_into("agenda-skip-reason", "Client passé régler au comptoir");
    app.click("confirm-ok");
    wait_text(&app, "toast", |t| t.contains("Relance passée pour Boulangerie Martin"));
    wait_until_gone(&app, &martin_card);

    // The timelines say so, each invoice at its own level.
    press(&app, &format!(r#"{} [data-testid="agenda-customer"]"#, card(&roux)));
    app.wait_for_text("screen-title", |t| t == "Menuiserie Roux", SHORT);
    go_to_customer(&app, &leroy, "Garage Leroy");
    wait_css(&app, r#"[data-testid="timeline-entry"][data-kind="reminder_postponed"]"#, |t| {
        t.contains(&format!("Relance reportée au {until} : ")) && (t.contains("FA-1") || t.contains("FA-2"))
    });
    assert_eq!(count(&app, r#"[data-testid="timeline-entry"][data-kind="reminder_postponed"]"#), 2, "one per invoice");
    shot(&app, "agenda-actions-04-timeline-postponed");
    go_to_customer(&app, &martin, "Boulangerie Martin");
    wait_css(&app, r#"[data-testid="timeline-entry"][data-kind="reminder_skipped"]"#, |t| {
        t.contains("Relance passée : première relance (e-mail) pour la facture FA-3")
            && t.contains("Raison : Client passé régler au comptoir")
    });

    // A promise made 20 days ago to pay by 5 days ago, unpaid: the UI only
    // takes promises from today on, so it is recorded with the CLI.
    let status = Command::new(cli_binary())
        .arg("--data-dir")
        .arg(app.data_dir())
        .args(["promise", "add", "--customer", &roux, "--amount", "640", "--date", &days_before(&today, 5)])
        .args(["--invoices", "FA-4", "--as-of", &days_before(&today, 20)])
        .status()
        .expect("the relance CLI runs");
    assert!(status.success(), "the CLI refused the promise");
    // Transports Blanc was sent its formal notice 20 days ago (FA-6 its
    // pre-due notice in the same letter): today the decision is due on FA-5.
    let status = Command::new(cli_binary())
        .arg("--data-dir")
        .arg(app.data_dir())
        .args(["action", "done", "--customer", &blanc, "--channel", "letter", "--as-of", &days_before(&today, 20)])
        .status()
        .expect("the relance CLI runs");
    assert!(status.success(), "the CLI refused the formal notice");
    app.restart();
    app.find("today-screen");
    let roux_card = card(&roux);
    wait_css(&app, &format!(r#"{roux_card} [data-testid="agenda-broken-promise"]"#), |t| {
        t.contains("Promesse non tenue : 640,00 € promis pour le") && t.contains("FA-4")
    });
    // Broken promises come first (the relationship needs a call), even
    // before a customer further down its schedule.
    let first = app.block_on(app.find("agenda-card").attr("data-customer-id")).ok().flatten();
    assert_eq!(first.as_deref(), Some(roux.as_str()), "the broken promise's card comes first");
    // Transports Blanc: its firm letter for FA-6, and apart the decision on FA-5.
    let blanc_card = card(&blanc);
    assert_eq!(count(&app, &format!(r#"{blanc_card} [data-testid="agenda-action"]"#)), 2);
    let letter = format!(r#"{blanc_card} [data-testid="agenda-action"][data-channel="letter"]"#);
    wait_css(&app, &letter, |t| {
        t.contains("Envoyer une lettre de relance ferme") && t.contains("FA-6") && !t.contains("FA-5")
    });
    let decision = format!(r#"{blanc_card} [data-testid="agenda-action"][data-channel="escalation"]"#);
    wait_css(&app, &decision, |t| {
        t.contains("Décision à prendre")
            && t.contains("injonction de payer ou agence de recouvrement")
            && t.contains("FA-5")
    });
    wait_css(&app, &format!(r#"{blanc_card} [data-testid="agenda-customer-total"]"#), |t| t == "395,00 €");
    wait_css(&app, &format!(r#"{roux_card} [data-testid="agenda-do"]"#), |t| {
        t.starts_with("Envoyer la mise en demeure")
    });
    shot(&app, "agenda-actions-05-broken-promise");
    press(&app, &decision);
    shot(&app, "agenda-actions-05b-decision");
    // The decision's invoice opens its page, where the next stage is chosen.
    press(&app, &format!(r#"{decision} [data-testid="agenda-invoice"]"#));
    app.find("invoice-detail");
    app.wait_for_text("screen-title", |t| t.contains("FA-5"), SHORT);
    app.click("nav-today");
    app.find("agenda");

    // Marking the letter done records the promise broken, once.
    press(&app, &format!(r#"{roux_card} [data-testid="agenda-done"]"#));
    wait_text(&app, "toast", |t| t.contains("Menuiserie Roux") && t.contains("mise en demeure"));
    wait_until_gone(&app, &roux_card);
    press(&app, &format!(r#"{letter} [data-testid="agenda-done"]"#));
    wait_text(&app, "toast", |t| t.contains("Transports Blanc") && t.contains("relance ferme"));
    press(&app, &format!(r#"{decision} [data-testid="agenda-done"]"#));
    wait_text(&app, "toast", |t| t == "Décision enregistrée pour Transports Blanc");
    wait_until_gone(&app, &blanc_card);
    app.find("agenda-empty");
    wait_text(&app, "agenda-empty-next", |t| t.starts_with("Les prochaines relances apparaîtront ici"));
    shot(&app, "agenda-actions-06-empty");
    go_to_customer(&app, &roux, "Menuiserie Roux");
    wait_css(&app, r#"[data-testid="timeline-entry"][data-kind="promise_broken"]"#, |_| true);
    wait_css(&app, r#"[data-testid="timeline-entry"][data-kind="reminder_done"]"#, |t| {
        t.contains("Relance faite : mise en demeure (courrier) pour la facture FA-4")
    });
}

/// Runs the CLI on the app's data folder; panics if it refuses.
fn cli(app: &App, args: &[&str]) {
    let out =
        Command::new(cli_binary()).arg("--data-dir").arg(app.data_dir()).args(args).output().expect("the CLI runs");
    assert!(out.status.success(), "relance {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// A broken promise on an invoice that is also disputed: nothing else is due,
/// so the card offers « C'est noté »; clicking it removes the card and the
/// customer's page counts the promise as not kept.
#[test]
fn a_broken_promise_on_a_disputed_invoice_is_noted() {
    let Some(mut app) = App::launch("agenda-promise-noted") else { return };
    app.find("welcome");
    app.click("welcome-empty");
    app.wait_for_text("screen-title", |t| t == "Réglages", SHORT);
    app.type_into("company-name", "Atelier Dupont");
    app.click("company-save");
    app.wait_for_text("screen-title", |t| t == "Clients", SHORT);
    let roux = new_customer(&app, "Menuiserie Roux");
    let today = late_invoice(&app, "FA-1", 40, "640,00");

    // Promised 20 days ago for 5 days ago, unpaid; disputed 3 days ago.
    let (by, made, disputed) = (days_before(&today, 5), days_before(&today, 20), days_before(&today, 3));
    cli(
        &app,
        &[
            "promise",
            "add",
            "--customer",
            &roux,
            "--amount",
            "640",
            "--date",
            &by,
            "--invoices",
            "FA-1",
            "--as-of",
            &made,
        ],
    );
    cli(&app, &["dispute", "add", "--invoice", "FA-1", "--reason", "Livraison incomplète", "--as-of", &disputed]);
    app.restart();
    app.find("today-screen");
    let roux_card = card(&roux);
    wait_css(&app, &format!(r#"{roux_card} [data-testid="agenda-broken-promise"]"#), |t| {
        t.contains("Promesse non tenue : 640,00 € promis pour le") && t.contains("FA-1")
    });
    assert_eq!(count(&app, &format!(r#"{roux_card} [data-testid="agenda-action"]"#)), 0, "nothing else is due");
    assert_eq!(
        count(&app, &format!(r#"{roux_card} [data-testid="agenda-customer-total"]"#)),
        0,
        "no 0,00 € to recover"
    );
    wait_css(&app, &format!(r#"{roux_card} [data-testid="agenda-promise-noted"]"#), |t| t == "C’est noté");
    shot(&app, "agenda-promise-noted-01-card");

    press(&app, &format!(r#"{roux_card} [data-testid="agenda-promise-noted"]"#));
    wait_text(&app, "toast", |t| t == "Promesse non tenue notée pour Menuiserie Roux.");
    wait_until_gone(&app, &roux_card);
    app.find("agenda-empty");
    shot(&app, "agenda-promise-noted-02-agenda-empty");

    go_to_customer(&app, &roux, "Menuiserie Roux");
    wait_text(&app, "customer-broken-promises", |t| t == "1 promesse non tenue");
    wait_css(&app, r#"[data-testid="customer-promise-entry"][data-status="broken"]"#, |t| {
        t.contains("640,00 €") && t.contains("Non tenue") && t.contains("FA-1")
    });
    let script = "document.querySelector('[data-testid=\"customer-promises\"]')?.scrollIntoView({ block: 'center' })";
    let _ = app.block_on(app.client().execute(script, vec![]));
    shot(&app, "agenda-promise-noted-03-customer");
}

#[test]
fn today_with_the_example_business() {
    let Some(app) = App::launch("agenda-demo") else { return };
    app.click("welcome-demo");
    app.find("today-group");
    app.find("agenda-card");
    let cards = count(&app, r#"[data-testid="agenda-card"]"#);
    let actions = count(&app, r#"[data-testid="agenda-action"]"#);
    eprintln!("example business: {cards} customers to chase, {actions} actions");
    assert!(cards >= 2, "several customers to chase");
    // At most one message and one decision per customer.
    assert!(actions <= 2 * cards, "{actions} actions on {cards} cards");
    shot(&app, "agenda-demo-01-today");
    // Scroll down the list for a second look.
    let _ = app.block_on(
        app.client().execute("document.querySelector('.agenda-list').lastElementChild.scrollIntoView()", vec![]),
    );
    shot(&app, "agenda-demo-02-today-end-of-agenda");
}

fn go_to_customer(app: &App, id: &str, name: &str) {
    app.click("nav-clients");
    click_css(app, &format!(r#"[data-testid="customer-row"][data-id="{id}"] button"#));
    app.wait_for_text("screen-title", |t| t == name, SHORT);
    app.find("customer-detail");
}

/// Clicks after scrolling the element to the middle of the window, clear of
/// the toast in the bottom corner.
#[track_caller]
fn press(app: &App, css: &str) {
    app.find("agenda");
    let script = "document.querySelector(arguments[0])?.scrollIntoView({ block: 'center' })";
    let _ = app.block_on(app.client().execute(script, vec![serde_json::Value::String(css.to_owned())]));
    click_css(app, css);
}

#[track_caller]
fn wait_until_gone(app: &App, css: &str) {
    let deadline = std::time::Instant::now() + SHORT;
    while count(app, css) > 0 {
        assert!(std::time::Instant::now() < deadline, "{css} is still shown");
        std::thread::sleep(Duration::from_millis(100));
    }
}
