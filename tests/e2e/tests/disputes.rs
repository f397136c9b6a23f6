//! Disputes and the steps after the formal notice, on the invoice page.
//!
//! The book is prepared with the `relance` CLI on the app's data folder (the
//! UI cannot backdate a formal notice): Garage Martin's F-1 and F-2, four
//! months late, had their formal notice today; Boulangerie Lefèvre's F-3, 8
//! days late, is on today's agenda. Then, in the window: a dispute on F-3
//! (flag shown, F-3 leaves the agenda), closed, reopened with its reason; F-1
//! handed to an agency, then partly written off, and the customer page says
//! how much of what is owed was written off and leaves it out of what is late.
//!
//! `RELANCE_E2E=1 cargo test -p relance-e2e --test disputes -- --nocapture`

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use chrono::{Days, Local, NaiveDate};
use relance_e2e::steps::{cli_binary, click_css, count, value_of, wait_css, wait_text};
use relance_e2e::App;

/// Runs the CLI on the app's data folder; it must succeed.
fn relance(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(cli_binary())
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("LANG", "fr_FR.UTF-8")
        .output()
        .expect("the relance CLI runs (cargo build --workspace --all-targets)");
    assert!(out.status.success(), "relance {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn ago(today: NaiveDate, days: u64) -> String {
    today.checked_sub_days(Days::new(days)).expect("a date").format("%Y-%m-%d").to_string()
}

fn ahead(today: NaiveDate, days: u64) -> String {
    today.checked_add_days(Days::new(days)).expect("a date").format("%Y-%m-%d").to_string()
}

fn open_invoice(app: &App, number: &str) {
    app.click("nav-invoices");
    app.find("invoices-screen");
    click_css(app, &format!(r#"[data-testid="invoice-row"][data-number="{number}"] button"#));
    wait_css(app, &format!(r#"[data-testid="invoice-detail"][data-number="{number}"]"#), |_| true);
}

/// Lets WebKit paint the new state before a screenshot.
fn settle() {
    std::thread::sleep(Duration::from_millis(500));
}

/// Brings the element into view, for a screenshot of a card below the fold.
fn show(app: &App, testid: &str) {
    let script = "document.querySelector(`[data-testid=\"${arguments[0]}\"]`).scrollIntoView({block: 'center'})";
    app.block_on(app.client().execute(script, vec![serde_json::json!(testid)]))
        .unwrap_or_else(|e| panic!("scrolling to {testid} failed: {e}"));
    settle();
}

#[test]
fn dispute_closed_reopened_and_a_write_off_after_the_formal_notice() {
    let Some(mut app) = App::launch("disputes") else { return };
    app.find("welcome");
    let today = Local::now().date_naive();
    let dir = app.data_dir().to_path_buf();
    relance(&dir, &["customer", "add", "--name", "Garage Martin", "--terms", "net:30"]);
    for (number, amount) in [("F-1", "1000"), ("F-2", "450")] {
        let (issued, due) = (ago(today, 150), ago(today, 120));
        relance(
            &dir,
            &[
                "invoice",
                "add",
                "--customer",
                "1",
                "--number",
                number,
                "--date",
                &issued,
                "--due",
                &due,
                "--amount",
                amount,
            ],
        );
    }
    let notice = relance(&dir, &["action", "done", "--customer", "1", "--channel", "letter"]);
    assert!(notice.contains("mise en demeure"), "{notice}");
    relance(&dir, &["customer", "add", "--name", "Boulangerie Lefèvre", "--terms", "net:30"]);
    let (issued, due) = (ago(today, 38), ago(today, 8));
    relance(
        &dir,
        &["invoice", "add", "--customer", "2", "--number", "F-3", "--date", &issued, "--due", &due, "--amount", "840"],
    );
    app.restart();

    // F-3 is on today's agenda.
    app.find("today-screen");
    wait_css(&app, r#"[data-testid="agenda-line"][data-number="F-3"]"#, |t| t.contains("840,00 €"));

    // No dispute yet: only "Signaler un litige".
    open_invoice(&app, "F-3");
    app.find("invoice-dispute-open");
    assert!(!app.exists("dispute-flag"));
    assert!(!app.exists("invoice-dispute-resolve") && !app.exists("invoice-dispute-credit"));
    assert!(!app.exists("invoice-followup"), "no follow-up before the formal notice");
    settle();
    app.screenshot("disputes-01-invoice-no-dispute");

    // Open one: the flag says since when and why; the buttons change.
    app.click("invoice-dispute-open");
    app.type_into("dispute-text", "Livraison incomplète");
    app.click("confirm-ok");
    wait_text(&app, "toast", |t| t.contains("Litige ouvert sur la facture F-3"));
    wait_text(&app, "dispute-flag", |t| {
        t.contains(&format!("Facture en litige depuis le {}", today.format("%d/%m/%Y")))
            && t.contains("Livraison incomplète")
            && t.contains("suspendues")
    });
    app.find("invoice-dispute-resolve");
    app.find("invoice-dispute-credit");
    wait_text(&app, "invoice-badge-disputed", |t| t == "En litige");
    assert!(!app.exists("invoice-dispute-open"), "no second dispute while one is open");
    settle();
    app.screenshot("disputes-02-invoice-disputed");

    // Today's agenda no longer lists F-3.
    app.click("nav-today");
    app.find("today-screen");
    wait_text(&app, "agenda-empty", |t| !t.is_empty());
    assert_eq!(count(&app, r#"[data-testid="agenda-line"][data-number="F-3"]"#), 0);
    settle();
    app.screenshot("disputes-03-today-without-f3");

    // Close it with a note: the history keeps it, "Rouvrir le litige" appears.
    open_invoice(&app, "F-3");
    app.click("invoice-dispute-resolve");
    app.type_into("dispute-text", "Pièces livrées le lendemain");
    app.click("confirm-ok");
    wait_text(&app, "toast", |t| t.contains("Litige clos sur la facture F-3"));
    wait_css(&app, r#"[data-testid="dispute-history-entry"]"#, |t| {
        t.contains("Livraison incomplète")
            && t.contains("Pièces livrées le lendemain")
            && t.starts_with(&format!("Ouvert et clos le {}", today.format("%d/%m/%Y")))
    });
    assert!(!app.exists("dispute-flag"));
    app.find("invoice-dispute-reopen");
    show(&app, "dispute-history");
    app.screenshot("disputes-04-invoice-dispute-closed");

    // Reopen: prefilled with the previous reason; the flag is back.
    app.click("invoice-dispute-reopen");
    assert_eq!(value_of(&app, "dispute-text"), "Livraison incomplète");
    app.click("confirm-ok");
    wait_text(&app, "toast", |t| t.contains("Litige rouvert sur la facture F-3"));
    wait_text(&app, "dispute-flag", |t| t.contains("Livraison incomplète"));
    wait_css(&app, r#"[data-testid="dispute-history-entry"][data-open="true"]"#, |t| t.starts_with("Ouvert le"));
    assert_eq!(count(&app, r#"[data-testid="dispute-history-entry"]"#), 2);
    show(&app, "dispute-history");
    app.screenshot("disputes-05-invoice-dispute-reopened");

    // Settle it with a credit note: the form is prefilled for F-3 and what it owes;
    // the credit note that settles it closes the dispute, naming itself.
    app.click("invoice-dispute-credit");
    app.find("credit-note-form");
    assert_eq!(value_of(&app, "credit-amount"), "840,00");
    let chosen = app.block_on(app.find("credit-invoice").prop("value")).ok().flatten().unwrap_or_default();
    assert!(!chosen.is_empty(), "the disputed invoice is chosen");
    app.type_into("credit-number", "AV-2026-001");
    app.type_into("credit-reason", "Pièces manquantes non facturées");
    settle();
    app.screenshot("disputes-05b-credit-note-for-dispute");
    app.click("credit-save");
    wait_text(&app, "toast", |t| t.contains("Avoir AV-2026-001 enregistré"));
    // Back where the user came from: the invoice.
    wait_css(&app, r#"[data-testid="invoice-detail"][data-number="F-3"]"#, |_| true);
    wait_text(&app, "invoice-detail-remaining", |t| t == "0,00 €");
    wait_css(&app, r#"[data-testid="dispute-history-entry"]:last-child"#, |t| {
        t.contains("Réglé par l’avoir AV-2026-001")
    });
    assert!(!app.exists("dispute-flag"), "the credit note closed the dispute");
    assert_eq!(count(&app, r#"[data-testid^="invoice-dispute-"]"#), 0, "nothing to dispute on a settled invoice");
    show(&app, "dispute-history");
    app.screenshot("disputes-05c-invoice-credited");

    // F-1: the formal notice was sent, the next steps are offered.
    open_invoice(&app, "F-1");
    wait_text(&app, "followup-stage", |t| {
        t == format!("Mise en demeure envoyée le {} ; aucune suite décidée pour l’instant.", today.format("%d/%m/%Y"))
    });
    app.find("followup-injunction_prepared");
    app.find("followup-handed_to_agency");
    app.find("followup-written_off");
    show(&app, "invoice-followup");
    app.screenshot("disputes-06-invoice-followup");

    app.click("followup-handed_to_agency");
    wait_text(&app, "confirm-dialog", |t| t.contains("Confiée à une agence de recouvrement : facture F-1"));
    app.click("confirm-ok");
    wait_text(&app, "toast", |t| t.contains("confiée à une agence de recouvrement"));
    wait_text(&app, "followup-stage", |t| t.starts_with("Confiée à une agence de recouvrement depuis le"));
    assert!(!app.exists("followup-handed_to_agency"));

    // Write off 300 of the 1 000: amount prefilled, reason required, irreversible said.
    app.click("followup-written_off");
    wait_text(&app, "confirm-dialog", |t| t.contains("irréversible"));
    assert_eq!(value_of(&app, "writeoff-amount"), "1000,00");
    app.type_into("writeoff-amount", "300");
    settle();
    app.screenshot("disputes-07-writeoff-dialog");
    app.click("confirm-ok");
    wait_text(&app, "confirm-error", |t| t == "Indiquez un motif.");
    app.type_into("writeoff-reason", "Client en liquidation judiciaire");
    app.click("confirm-ok");
    wait_text(&app, "toast", |t| t.contains("Facture F-1 passée en perte"));
    wait_text(&app, "followup-stage", |t| {
        t.starts_with("Passée en perte le") && t.contains("300,00 €") && t.contains("Client en liquidation judiciaire")
    });
    app.find("writeoff-kept");
    wait_text(&app, "invoice-badge-written-off", |t| t == "Passée en perte");
    assert!(!app.exists("followup-written_off") && !app.exists("followup-injunction_prepared"), "final");
    // Still in the books: the invoice owes what it owed.
    wait_text(&app, "invoice-detail-remaining", |t| t == "1 000,00 €");
    show(&app, "invoice-followup");
    app.screenshot("disputes-08-invoice-written-off");

    // Two promises on F-2: one broken last month, one running.
    let (made, by, soon) = (ago(today, 30), ago(today, 20), ahead(today, 10));
    relance(
        &dir,
        &["promise", "add", "--customer", "1", "--amount", "100", "--date", &by, "--invoices", "F-2", "--as-of", &made],
    );
    relance(&dir, &["promise", "add", "--customer", "1", "--amount", "200", "--date", &soon, "--invoices", "F-2"]);

    // The customer page: what is owed, of which written off.
    click_css(&app, r#"[data-testid="invoice-detail"] .meta-line button.link"#);
    app.find("customer-detail");
    wait_css(&app, ".stats .stat:first-child .stat-note", |t| t.contains("dont 300,00 € passés en perte"));
    // "Reste dû" is the books' debt; "En retard" what is still to collect, like Today.
    wait_text(&app, "customer-outstanding", |t| t == "1 450,00 €");
    wait_text(&app, "customer-overdue", |t| t == "1 150,00 €");
    settle();
    app.screenshot("disputes-09-customer-written-off");

    // Its promises: the broken one counts in its history; the running one is cancelled.
    wait_text(&app, "customer-broken-promises", |t| t == "1 promesse non tenue");
    let running = r#"[data-testid="customer-promise-entry"][data-status="running"]"#;
    wait_css(&app, running, |t| {
        t.contains("200,00 € au plus tard le") && t.contains("En cours jusqu’au") && t.contains("F-2")
    });
    wait_css(&app, r#"[data-testid="customer-promise-entry"][data-status="broken"]"#, |t| t.contains("Non tenue"));
    show(&app, "customer-promises");
    app.screenshot("disputes-10-customer-promises");
    click_css(&app, &format!(r#"{running} [data-testid="promise-cancel"]"#));
    wait_text(&app, "confirm-dialog", |t| t.contains("Annuler la promesse de 200,00 €") && t.contains("reprennent"));
    app.click("confirm-ok");
    wait_text(&app, "toast", |t| t == "Promesse annulée");
    wait_css(&app, r#"[data-testid="customer-promise-entry"][data-status="cancelled"]"#, |t| t.contains("Annulée"));
    assert_eq!(count(&app, r#"[data-testid="promise-cancel"]"#), 0, "nothing left to cancel");
    wait_css(&app, r#"[data-testid="timeline-entry"][data-kind="promise_cancelled"]"#, |t| {
        t.contains("Promesse de payer 200,00 €") && t.contains("annulée")
    });
    show(&app, "customer-promises");
    app.screenshot("disputes-11-customer-promise-cancelled");
}
