//! Printing from the window: today's letters, a sent letter's copy, a letter's preview and a
//! plan's agreement.
//!
//! The book is prepared with the `relance` CLI on the app's data folder (the UI cannot backdate
//! invoices in bulk), with the standard policy (J+7 e-mail, J+15 letter, J+21 call, J+30 mise en
//! demeure by letter):
//! - Boulangerie Lefèvre, F-201 17 days late: the firm reminder by letter;
//! - Dupuis Jeanne, a private person, F-401 54 days late: the mise en demeure (legal interest runs
//!   from the notice, so its penalties need no rate and are computed);
//! - Garage Martin, a business, F-101 85 days late: the mise en demeure, whose L441-10 penalties
//!   need the ECB rate in force on 1 July 2026, which the shipped tables lack: it cannot be made
//!   at first (the reason, the link to Settings), then, once the rate is added in Settings, a
//!   second batch the same day (started with the L key) prints it with its 40 EUR indemnity, in
//!   its own file;
//! - Café du Port, 10 days late (e-mail), and Menuiserie Roy, 24 days late (call): no letter;
//!   their actions stay in the agenda;
//! - Traiteur Bernard: an installment plan, whose agreement is printed from its page.
//!
//! The e2e harness sets RELANCE_NO_OPEN: documents are written in `<data dir>/documents/` and
//! read back with `pdftotext`; nothing is opened.
//!
//! `RELANCE_E2E=1 cargo test -p relance-e2e --test letters -- --nocapture`

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use chrono::{Datelike, Days, Local, NaiveDate};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use relance_e2e::steps::{cli_binary, click_css, count, wait_css, wait_text};
use relance_e2e::App;

const SHORT: Duration = Duration::from_secs(10);

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

fn pdftotext(path: &Path) -> String {
    let out = Command::new("pdftotext").arg("-layout").arg(path).arg("-").output().expect("pdftotext (poppler-utils)");
    assert!(out.status.success(), "pdftotext {}", path.display());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn documents(app: &App) -> Vec<String> {
    let folder = app.data_dir().join("documents");
    let mut names: Vec<String> = match std::fs::read_dir(&folder) {
        Ok(entries) => entries.map(|e| e.expect("an entry").file_name().to_string_lossy().into_owned()).collect(),
        Err(_) => Vec::new(),
    };
    names.sort();
    names
}

fn document(app: &App, name: &str) -> PathBuf {
    let path = app.data_dir().join("documents").join(name);
    assert!(path.is_file(), "{name} is written; the folder holds {:?}", documents(app));
    path
}

/// Presses a single key on the page, as the user would on Today.
fn press(app: &App, key: char) {
    let keys =
        KeyActions::new("keyboard".into()).then(KeyAction::Down { value: key }).then(KeyAction::Up { value: key });
    app.block_on(app.client().perform_actions(keys)).unwrap_or_else(|e| panic!("pressing {key} failed: {e}"));
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

fn card(customer: u32) -> String {
    format!(r#"[data-testid="agenda-card"][data-customer-id="{customer}"]"#)
}

#[test]
fn todays_letters_are_printed_recorded_and_kept_with_the_customer() {
    let Some(mut app) = App::launch("letters") else { return };
    let today = Local::now().date_naive();
    let dir = app.data_dir().to_path_buf();

    app.find("welcome");
    app.click("welcome-empty");
    app.wait_for_text("screen-title", |t| t == "Réglages", SHORT);
    app.type_into("company-name", "Atelier Dupont");
    app.click("company-save");
    app.wait_for_text("screen-title", |t| t == "Clients", SHORT);

    let book: [(&str, &[&str], &str, u64, &str); 6] = [
        ("Garage Martin", &[], "F-101", 85, "1000"),
        ("Boulangerie Lefèvre", &[], "F-201", 17, "840"),
        ("Café du Port", &[], "F-301", 10, "350"),
        ("Dupuis Jeanne", &["--consumer"], "F-401", 54, "600"),
        ("Menuiserie Roy", &[], "F-501", 24, "200"),
        ("Traiteur Bernard", &[], "F-601", 40, "1200"),
    ];
    for (i, (name, extra, number, late, amount)) in book.iter().enumerate() {
        let mut args = vec!["customer", "add", "--name", name, "--terms", "net:30"];
        args.extend_from_slice(extra);
        assert_eq!(relance(&dir, &args).trim(), (i + 1).to_string());
        let (issued, due) = (ago(today, late + 30), ago(today, *late));
        let id = (i + 1).to_string();
        relance(
            &dir,
            &[
                "invoice",
                "add",
                "--customer",
                &id,
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
    relance(
        &dir,
        &[
            "plan",
            "create",
            "--customer",
            "6",
            "--invoices",
            "F-601",
            "--first",
            &ahead(today, 7),
            "--installments",
            "3",
        ],
    );
    app.restart();

    // Today: three letters (Boulangerie's firm reminder, the two mises en demeure).
    app.find("today-screen");
    let button = wait_text(&app, "letters-print", |t| t == "Imprimer les lettres du jour (3)");
    assert_eq!(button, "Imprimer les lettres du jour (3)");
    app.find("shortcuts-help");
    wait_text(&app, "shortcuts-help", |t| t.contains("L : imprimer les lettres du jour"));
    for customer in [2, 4, 1] {
        wait_css(&app, &format!(r#"{} [data-testid="agenda-action"][data-channel="letter"]"#, card(customer)), |_| {
            true
        });
    }
    settle();
    app.screenshot("letters-01-today-button");

    // A preview writes Boulangerie's letter and records nothing.
    click_css(&app, &format!(r#"{} [data-testid="agenda-letter-preview"]"#, card(2)));
    wait_text(&app, "toast", |t| t.starts_with("Document enregistré"));
    let preview = format!("apercu-lettre-boulangerie-lefevre-{today}.pdf");
    let text = pdftotext(&document(&app, &preview));
    for expected in ["Boulangerie Lefèvre", "F-201", "840,00 €", "Atelier Dupont"] {
        assert!(text.contains(expected), "the preview says {expected:?}:\n{text}");
    }
    wait_text(&app, "letters-print", |t| t.ends_with("(3)"));
    // Garage Martin's notice cannot be made yet: the preview says why, where the button is.
    click_css(&app, &format!(r#"{} [data-testid="agenda-letter-preview"]"#, card(1)));
    let error =
        wait_css(&app, &format!(r#"{} [data-testid="agenda-letter-preview-error"]"#, card(1)), |t| !t.is_empty());
    assert!(error.contains("taux de refinancement de la BCE") && error.contains("Réglages"), "{error}");

    // The confirmation says what will happen, and to whom.
    app.click("letters-print");
    app.find("confirm-dialog");
    let body = app.text_of("confirm-dialog");
    assert!(
        body.contains("3 lettres seront réunies dans un seul PDF, chacune sur ses propres pages")
            && body.contains("notée comme faite")
            && body.contains("Boulangerie Lefèvre, Dupuis Jeanne, Garage Martin"),
        "{body}"
    );
    settle();
    app.screenshot("letters-02-confirm");
    app.click("confirm-ok");

    // The result: two printed (names linked), the batch's file, Garage Martin not printed and why.
    let title = wait_text(&app, "letters-result-title", |t| t.contains("imprimées"));
    assert!(title.starts_with("2 lettres imprimées"), "{title}");
    let rows: Vec<String> = (0..count(&app, r#"[data-testid="letters-printed"]"#))
        .map(|i| wait_css(&app, &format!(r#"[data-testid="letters-printed"]:nth-child({})"#, i + 1), |_| true))
        .collect();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(
        rows[0].contains("Boulangerie Lefèvre") && rows[0].contains("Relance ferme") && rows[0].contains("840,00 €"),
        "{rows:?}"
    );
    assert!(
        rows[1].contains("Dupuis Jeanne") && rows[1].contains("Mise en demeure") && rows[1].contains("600,00 €"),
        "{rows:?}"
    );
    let batch = format!("lettres-du-jour-{today}.pdf");
    let file = app.text_of("letters-result-file");
    assert!(file.starts_with("Le PDF est enregistré ici") && file.contains(&batch), "{file}");
    let missing = app.text_of("letters-not-printed");
    assert!(
        missing.contains("Garage Martin")
            && missing.contains("Mise en demeure")
            && missing.contains("taux de refinancement de la BCE")
            && missing.contains("reste dans l’agenda"),
        "{missing}"
    );
    app.find("letters-open-rates");
    settle();
    app.screenshot("letters-03-result");

    let batch_text = pdftotext(&document(&app, &batch));
    for expected in ["Boulangerie Lefèvre", "840,00 €", "Dupuis Jeanne", "600,00 €", "Mise en demeure"] {
        assert!(batch_text.contains(expected), "the batch says {expected:?}:\n{batch_text}");
    }
    assert!(!batch_text.contains("Garage Martin"), "Garage Martin's notice was not printed:\n{batch_text}");

    // Those letters left the agenda; Garage Martin's notice, the e-mail and the call stayed.
    wait_text(&app, "letters-print", |t| t == "Imprimer la lettre du jour (1)");
    assert_eq!(count(&app, &card(2)), 0, "Boulangerie's letter is done");
    assert_eq!(count(&app, &card(4)), 0, "Dupuis's notice is done");
    wait_css(&app, &format!(r#"{} [data-testid="agenda-action"][data-channel="letter"]"#, card(1)), |_| true);
    wait_css(&app, &format!(r#"{} [data-testid="agenda-action"][data-channel="email"]"#, card(3)), |_| true);
    wait_css(&app, &format!(r#"{} [data-testid="agenda-action"][data-channel="phone_call"]"#, card(5)), |_| true);

    // « Ouvrir les réglages des taux »: the ECB rate of the half-year Garage Martin's invoice went
    // late in is added there; back on Today, L prints the notice in a second file.
    app.click("letters-open-rates");
    app.find("settings-screen");
    app.find("rates-section");
    // The link opens Settings at the rates, not at the top of the long screen.
    let in_view = "const r = document.getElementById('rates-title').getBoundingClientRect(); \
                   return r.top >= 0 && r.bottom <= window.innerHeight;";
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while app.block_on(app.client().execute(in_view, vec![])).ok().and_then(|v| v.as_bool()) != Some(true) {
        assert!(std::time::Instant::now() < deadline, "the rates section is shown");
        std::thread::sleep(Duration::from_millis(100));
    }
    settle();
    app.screenshot("letters-03b-settings-at-rates");
    let late_since = today.checked_sub_days(Days::new(85)).expect("a date");
    let half_year = format!("{}-{:02}-01", late_since.year(), if late_since.month() < 7 { 1 } else { 7 });
    click_css(&app, r#"[data-testid="rate-kind"] option[value="ecb"]"#);
    click_css(&app, &format!(r#"[data-testid="rate-half-year"] option[value="{half_year}"]"#));
    app.type_into("rate-value", "2,15");
    app.type_into("rate-source", "Décision de politique monétaire de la BCE");
    app.click("rate-save");
    wait_text(&app, "toast", |t| t == "Taux ajouté.");
    app.click("nav-today");
    wait_text(&app, "letters-print", |t| t == "Imprimer la lettre du jour (1)");
    press(&app, 'l');
    app.find("confirm-dialog");
    assert!(app.text_of("confirm-dialog").contains("1 lettre sera mise dans un PDF"));
    app.click("confirm-ok");
    let title = wait_text(&app, "letters-result-title", |t| t.starts_with("1 lettre imprimée"));
    assert!(!app.exists("letters-not-printed"), "{title}");
    let second = format!("lettres-du-jour-{today}-2.pdf");
    let notice = pdftotext(&document(&app, &second));
    for expected in ["Garage Martin", "Mise en demeure", "F-101", "1 000,00 €", "40,00 €", "accusé de réception"]
    {
        assert!(notice.contains(expected), "the notice says {expected:?}:\n{notice}");
    }
    assert_eq!(pdftotext(&document(&app, &batch)), batch_text, "the first batch was not replaced");
    wait_css(&app, r#"[data-testid="agenda-empty"], [data-testid="agenda-card"]"#, |_| true);
    assert!(!app.exists("letters-print"), "no letter left today");
    assert_eq!(count(&app, &card(1)), 0, "Garage Martin's notice is done");

    // The result's names lead to the customer page, whose timeline shows the notice sent.
    click_css(&app, r#"[data-testid="letters-printed-customer"]"#);
    wait_css(&app, r#"[data-testid="customer-detail"][data-id="1"]"#, |_| true);
    wait_css(&app, r#"[data-testid="timeline-entry"][data-kind="letter_sent"]"#, |t| {
        t.contains("Mise en demeure envoyée")
    });

    // Boulangerie's page: the timeline's sent letter opens its kept copy, the letter of the batch.
    app.click("nav-clients");
    click_css(&app, r#"[data-testid="customer-row"][data-id="2"] button"#);
    wait_css(&app, r#"[data-testid="customer-detail"][data-id="2"]"#, |_| true);
    wait_css(&app, r#"[data-testid="timeline-entry"][data-kind="letter_sent"]"#, |t| {
        t.contains("Lettre de relance ferme envoyée (courrier)") && t.contains("F-201")
    });
    let sent = wait_css(&app, r#"[data-testid="customer-letter"]"#, |t| t.contains("840,00 €"));
    assert!(
        sent.contains("Relance ferme")
            && sent.contains("F-201")
            && sent.contains(&today.format("%d/%m/%Y").to_string()),
        "{sent}"
    );
    click_css(&app, r#"[data-testid="timeline-entry"][data-kind="letter_sent"] [data-testid="timeline-letter-open"]"#);
    wait_text(&app, "toast", |t| t.starts_with("Document enregistré"));
    let copy = pdftotext(&document(&app, &format!("lettre-boulangerie-lefevre-{today}.pdf")));
    assert!(copy.contains("Boulangerie Lefèvre") && copy.contains("F-201"), "{copy}");
    assert!(batch_text.contains(copy.trim_end_matches('\u{c}')), "the copy is the letter of the batch:\n{copy}");
    settle();
    app.screenshot("letters-04-customer-sent-letter");
    show(&app, "customer-letters");
    app.screenshot("letters-05-customer-letters");

    // The plan's page prints its agreement.
    app.click("nav-clients");
    click_css(&app, r#"[data-testid="customer-row"][data-id="6"] button"#);
    wait_css(&app, r#"[data-testid="customer-detail"][data-id="6"]"#, |_| true);
    click_css(&app, r#"[data-testid="customer-plan"] button"#);
    app.find("plan-screen");
    app.click("plan-agreement-print");
    wait_text(&app, "toast", |t| t.starts_with("Document enregistré"));
    let agreement = pdftotext(&document(&app, &format!("accord-echeancier-traiteur-bernard-{today}.pdf")));
    for expected in ["Traiteur Bernard", "Atelier Dupont", "F-601", "Bon pour accord"] {
        assert!(agreement.contains(expected), "the agreement says {expected:?}:\n{agreement}");
    }
    settle();
    app.screenshot("letters-06-plan-agreement");
}
