//! Functional tests: the real `relance` binary on temporary data folders,
//! its output checked as a user (or a script) reads it.

use std::path::Path;
use std::process::{Command, Output};

use relance_store::counts::{row_counts, RowCounts};
use relance_store::Store;
use serde_json::Value;

const NBSP: char = '\u{a0}';

/// Runs `relance --data-dir DIR ARGS...` in French, away from the user's data.
fn relance_in(lang: &str, dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_relance"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("LANG", lang)
        .env_remove("RELANCE_DATA_DIR")
        .output()
        .expect("the binary runs")
}

fn relance(dir: &Path, args: &[&str]) -> Output {
    relance_in("fr_FR.UTF-8", dir, args)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs a command that must succeed and returns its standard output.
fn ok(dir: &Path, args: &[&str]) -> String {
    let o = relance(dir, args);
    assert!(o.status.success(), "relance {args:?} failed: {}", stderr(&o));
    stdout(&o)
}

fn json(dir: &Path, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.push("--json");
    let out = ok(dir, &all);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"))
}

/// A command that must fail on bad input: exit code 2 and one line on stderr.
fn refused(dir: &Path, args: &[&str]) -> String {
    let o = relance(dir, args);
    assert_eq!(o.status.code(), Some(2), "relance {args:?}: {}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).is_empty(), "nothing on stdout: {}", stdout(&o));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "one line: {err:?}");
    err.trim_end().to_string()
}

fn counts(dir: &Path) -> RowCounts {
    let store = Store::open(&dir.join("relance.sqlite3")).unwrap();
    row_counts(store.conn()).unwrap()
}

/// A customer (id 1) with invoice FA-2026-001 of 1 234,56 € due 2026-02-09.
fn one_overdue_invoice() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert_eq!(ok(d, &["customer", "add", "--name", "Boulangerie Lefèvre", "--terms", "net:30"]).trim(), "1");
    let id = ok(
        d,
        &[
            "invoice",
            "add",
            "--customer",
            "1",
            "--number",
            "FA-2026-001",
            "--date",
            "2026-01-10",
            "--amount",
            "1 234,56",
        ],
    );
    assert_eq!(id.trim(), "1");
    dir
}

fn overdue_at(d: &Path, as_of: &str) -> Value {
    json(d, &["overdue", "--as-of", as_of])
}

#[test]
fn an_invoice_past_its_due_date_is_listed_with_its_days_late_and_amount() {
    let dir = one_overdue_invoice();
    let d = dir.path();
    // Due 30 days after 10 January: 9 February; on 16 March it is 35 days late.
    let report = overdue_at(d, "2026-03-16");
    assert_eq!(report["count"], 1);
    assert_eq!(report["total_due"], "1234.56");
    let line = &report["invoices"][0];
    assert_eq!(line["customer_name"], "Boulangerie Lefèvre");
    assert_eq!(line["number"], "FA-2026-001");
    assert_eq!(line["due_date"], "2026-02-09");
    assert_eq!(line["days_late"], 35);
    assert_eq!(line["amount_due"], "1234.56");

    let text = ok(d, &["overdue", "--as-of", "2026-03-16"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].starts_with("Client") && lines[0].ends_with("Montant dû"), "{text}");
    let amount = format!("1{NBSP}234,56{NBSP}€");
    assert!(lines[1].starts_with("Boulangerie Lefèvre  FA-2026-001  09/02/2026"), "{text}");
    assert!(lines[1].ends_with(&format!("35  {amount}")), "{text}");
    // Columns line up: the amount ends where its header ends.
    assert_eq!(lines[0].chars().count(), lines[1].chars().count(), "{text}");
    assert_eq!(lines[2], format!("Total : 1 facture en retard au 16/03/2026, {amount} dus."));

    // Not yet due on 9 February: nothing overdue.
    assert_eq!(overdue_at(d, "2026-02-09")["count"], 0);
    assert!(ok(d, &["overdue", "--as-of", "2026-02-09"]).starts_with("Aucune facture en retard au 09/02/2026"));
}

#[test]
fn a_partial_payment_leaves_the_rest_due_and_a_full_one_clears_the_invoice() {
    let dir = one_overdue_invoice();
    let d = dir.path();
    let paid = json(
        d,
        &["payment", "add", "--customer", "1", "--date", "2026-03-01", "--amount", "234,56", "--method", "cheque"],
    );
    assert_eq!(paid["id"], 1);
    assert_eq!(paid["allocation"]["lines"][0]["number"], "FA-2026-001");
    assert_eq!(paid["allocation"]["lines"][0]["amount"], "234.56");
    assert_eq!(paid["allocation"]["unallocated"], "0.00");
    let report = overdue_at(d, "2026-03-16");
    assert_eq!(report["invoices"][0]["amount_due"], "1000.00");
    // Before the payment's date, the whole amount was due.
    assert_eq!(overdue_at(d, "2026-02-20")["invoices"][0]["amount_due"], "1234.56");

    let text = ok(d, &["payment", "add", "--customer", "1", "--date", "2026-03-10", "--amount", "1000"]);
    assert!(text.contains("FA-2026-001"), "{text}");
    assert_eq!(overdue_at(d, "2026-03-16")["count"], 0);
    assert_eq!(ok(d, &["overdue", "--as-of", "2026-03-16"]).trim(), "Aucune facture en retard au 16/03/2026.");
}

#[test]
fn a_payment_named_for_an_invoice_goes_there_and_the_surplus_stays_as_credit() {
    let dir = one_overdue_invoice();
    let d = dir.path();
    ok(d, &["invoice", "add", "--customer", "1", "--number", "FA-2025-900", "--date", "2025-12-01", "--amount", "50"]);
    // Oldest first would pay FA-2025-900; --invoice sends it to FA-2026-001.
    let paid = json(
        d,
        &["payment", "add", "--customer", "1", "--date", "2026-03-01", "--amount", "1300", "--invoice", "FA-2026-001"],
    );
    assert_eq!(paid["allocation"]["lines"].as_array().unwrap().len(), 1);
    assert_eq!(paid["allocation"]["lines"][0]["number"], "FA-2026-001");
    assert_eq!(paid["allocation"]["lines"][0]["amount"], "1234.56");
    assert_eq!(paid["allocation"]["unallocated"], "65.44");
    let report = overdue_at(d, "2026-03-16");
    assert_eq!(report["count"], 1);
    assert_eq!(report["invoices"][0]["number"], "FA-2025-900");

    let err = refused(
        d,
        &["payment", "add", "--customer", "1", "--date", "2026-03-02", "--amount", "5", "--invoice", "FA-2026-001"],
    );
    assert_eq!(err, "Facture : cette facture n’a plus rien à payer.");
    let err = refused(
        d,
        &["payment", "add", "--customer", "1", "--date", "2026-03-02", "--amount", "5", "--invoice", "FA-404"],
    );
    assert_eq!(err, "Facture : introuvable.");
    let err = refused(
        d,
        &["payment", "add", "--customer", "7", "--date", "2026-03-02", "--amount", "5", "--invoice", "FA-2025-900"],
    );
    assert_eq!(err, "Client : introuvable.");
}

#[test]
fn a_bad_amount_is_refused_in_one_line_naming_the_field_and_nothing_is_written() {
    let dir = one_overdue_invoice();
    let d = dir.path();
    let before = counts(d);
    let err = refused(
        d,
        &["invoice", "add", "--customer", "1", "--number", "FA-2", "--date", "2026-01-10", "--amount", "12,3,4"],
    );
    assert!(err.starts_with("Montant TTC : "), "{err}");
    let err = refused(d, &["payment", "add", "--customer", "1", "--date", "2026-03-01", "--amount", "12,3,4"]);
    assert!(err.starts_with("Montant : "), "{err}");
    let err = refused(
        d,
        &[
            "payment",
            "add",
            "--customer",
            "1",
            "--date",
            "2026-03-01",
            "--amount",
            "12,3,4",
            "--invoice",
            "FA-2026-001",
        ],
    );
    assert!(err.starts_with("Montant : "), "{err}");
    let err = refused(d, &["customer", "add", "--name", "X", "--credit-limit", "12,3,4"]);
    assert!(err.starts_with("Plafond de crédit : "), "{err}");
    assert_eq!(counts(d), before);

    // In English when LANG says so.
    let o = relance_in(
        "en_GB.UTF-8",
        d,
        &["invoice", "add", "--customer", "1", "--number", "FA-2", "--date", "2026-01-10", "--amount", "12,3,4"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o).trim_end(), "Total incl. tax: not a valid amount (example: 1,234.56).");
    // With --json the error is one line of JSON naming the field.
    let o = relance(
        d,
        &["invoice", "add", "--customer", "1", "--number", "FA-2", "--date", "2026-01-10", "--amount", "abc", "--json"],
    );
    assert_eq!(o.status.code(), Some(2));
    let e: Value = serde_json::from_str(stderr(&o).trim_end()).unwrap();
    assert_eq!((e["code"].as_str(), e["field"].as_str()), (Some("invalid"), Some("total")));
    assert_eq!(counts(d), before);
}

#[test]
fn a_bad_date_or_argument_writes_nothing_not_even_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("data");
    let err = refused(&d, &["overdue", "--as-of", "31/02/2026"]);
    assert_eq!(err, "Date : ce n’est pas une date valide (exemple : 31/03/2026).");
    let err =
        refused(&d, &["invoice", "add", "--customer", "un", "--number", "F", "--date", "2026-01-01", "--amount", "1"]);
    assert_eq!(err, "--customer <ID> : valeur non valable « un ».");
    let err = refused(&d, &["invoice", "add", "--number", "F", "--date", "2026-01-01", "--amount", "1"]);
    assert_eq!(err, "Argument obligatoire manquant : --customer <ID>.");
    let err = refused(&d, &["demo", "--customers", "0"]);
    assert!(err.starts_with("--customers <N> : "), "{err}");
    let err = refused(&d, &["ajoute"]);
    assert_eq!(err, "Commande inconnue : ajoute.");
    let err = refused(&d, &["escalate", "--invoice", "F-1", "--to", "tribunal"]);
    assert!(err.starts_with("Étape de recouvrement : format non reconnu"), "{err}");
    let err = refused(&d, &["escalate", "--invoice", "F-1", "--to", "write-off", "--amount", "beaucoup"]);
    assert!(err.starts_with("Montant : "), "{err}");
    assert!(!d.exists(), "no folder was created");
}

#[test]
fn a_duplicate_invoice_number_and_an_unknown_customer_are_refused() {
    let dir = one_overdue_invoice();
    let d = dir.path();
    let before = counts(d);
    let err = refused(
        d,
        &["invoice", "add", "--customer", "1", "--number", "FA-2026-001", "--date", "2026-02-01", "--amount", "10"],
    );
    assert_eq!(err, "Numéro de facture : ce numéro existe déjà.");
    let err = refused(
        d,
        &["invoice", "add", "--customer", "42", "--number", "FA-2026-002", "--date", "2026-02-01", "--amount", "10"],
    );
    assert_eq!(err, "Client : introuvable.");
    let err = refused(d, &["payment", "add", "--customer", "42", "--date", "2026-02-01", "--amount", "10"]);
    assert_eq!(err, "Client : introuvable.");
    assert_eq!(counts(d), before);
}

#[test]
fn json_output_has_the_expected_fields() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let c =
        json(d, &["customer", "add", "--name", "Café des Halles", "--terms", "net_eom:45", "--credit-limit", "5 000"]);
    assert_eq!(c["id"], 1);
    let c = json(d, &["customer", "add", "--name", "Mme Claire Dubois", "--consumer", "--terms", "receipt"]);
    assert_eq!(c["id"], 2);
    let inv = json(
        d,
        &["invoice", "add", "--customer", "1", "--number", "FA-7", "--date", "2026-01-20", "--amount", "120,00"],
    );
    assert_eq!(inv["number"], "FA-7");
    assert_eq!(inv["customer_name"], "Café des Halles");
    assert_eq!(inv["due_date"], "2026-03-31", "45 days end of month");
    assert_eq!(inv["total"], "120.00");
    assert_eq!(inv["remaining"], "120.00");
    let inv = json(
        d,
        &[
            "invoice",
            "add",
            "--customer",
            "2",
            "--number",
            "FA-8",
            "--date",
            "2026-01-20",
            "--amount",
            "80",
            "--due",
            "2026-01-25",
        ],
    );
    assert_eq!(inv["due_date"], "2026-01-25");
    assert_eq!(inv["due_date_set_by_hand"], true);
    let report = json(d, &["overdue", "--as-of", "2026-02-01"]);
    for key in ["as_of", "invoices", "count", "total_due"] {
        assert!(report.get(key).is_some(), "{key} in {report}");
    }
    assert_eq!(report["as_of"], "2026-02-01");
    assert_eq!(report["invoices"][0]["customer_name"], "Mme Claire Dubois");
    assert_eq!(report["invoices"][0]["days_late"], 7);
}

#[test]
fn the_demo_then_overdue_lists_late_invoices() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let summary = json(d, &["demo", "--as-of", "2026-03-16"]);
    assert_eq!(summary["customers"], 40);
    assert_eq!(summary["invoices"], 400);
    assert!(summary["payments"].as_u64().unwrap() > 100);
    let report = overdue_at(d, "2026-03-16");
    assert!(report["count"].as_u64().unwrap() > 0);
    assert_ne!(report["total_due"], "0.00");
    let text = ok(d, &["overdue", "--as-of", "2026-03-16"]);
    assert!(text.lines().count() > 2);
    assert!(text.lines().last().unwrap().starts_with("Total : "));
    // A second demo would mix with what is there: refused.
    refused(d, &["demo"]);
    let store = Store::open(&d.join("relance.sqlite3")).unwrap();
    assert!(store.check_invariants().unwrap().is_empty());
}

#[test]
fn the_data_folder_comes_from_the_environment_when_not_given() {
    let dir = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_relance"))
        .args(["customer", "add", "--name", "Traiteur Morel"])
        .env("RELANCE_DATA_DIR", dir.path())
        .env("LANG", "fr_FR.UTF-8")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(counts(dir.path()).customers, 1);
}

#[test]
fn help_is_printed_and_exits_zero() {
    let dir = tempfile::tempdir().unwrap();
    let o = relance(dir.path(), &["--help"]);
    assert!(o.status.success());
    let text = stdout(&o);
    for cmd in ["demo", "customer", "invoice", "payment", "overdue", "bench"] {
        assert!(text.contains(cmd), "{cmd} in help");
    }
}

#[test]
fn the_benchmark_prints_every_figure_and_its_target() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("bench");
    let report = json(&d, &["bench", "--customers", "30", "--invoices", "300", "--runs", "2", "--as-of", "2026-03-16"]);
    assert_eq!(report["invoices"], 300);
    let names: Vec<&str> = report["results"].as_array().unwrap().iter().filter_map(|r| r["name"].as_str()).collect();
    for name in [
        "fill",
        "today",
        "customers_by_name",
        "customers_by_outstanding",
        "customer_detail",
        "invoice_search",
        "startup",
    ] {
        assert!(names.contains(&name), "{name} in {names:?}");
    }
    for r in report["results"].as_array().unwrap() {
        let ms = r["ms"].as_str().unwrap();
        let (whole, decimals) = ms.split_once('.').unwrap();
        assert!(whole.parse::<u64>().is_ok() && decimals.len() == 2, "{ms}");
    }
    // With --data-dir the filled database is kept.
    assert_eq!(counts(&d).invoices, 300);
    // Without it, a temporary one is used (never the user's data folder)
    // and the human table names the targets.
    let o = Command::new(env!("CARGO_BIN_EXE_relance"))
        .args(["bench", "--customers", "10", "--invoices", "50", "--runs", "1"])
        .env("RELANCE_DATA_DIR", dir.path().join("not-this-one"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("Today") && text.contains("< 50 ms") && text.contains("< 1500 ms"), "{text}");
    assert!(!dir.path().join("not-this-one").exists());
}

/// A business customer (id 1) with F-1 of 1 000,00 € due 2025-01-31.
fn one_late_invoice_of_2025() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["customer", "add", "--name", "Garage Martin", "--terms", "net:30"]);
    ok(d, &["invoice", "add", "--customer", "1", "--number", "F-1", "--date", "2025-01-01", "--amount", "1000"]);
    dir
}

#[test]
fn the_agenda_proposes_each_level_once_and_action_done_moves_it_on() {
    let dir = one_late_invoice_of_2025();
    let d = dir.path();
    let agenda = json(d, &["agenda", "--as-of", "2025-02-24"]);
    let action = &agenda["customers"][0]["actions"][0];
    assert_eq!(agenda["customers"][0]["customer_name"], "Garage Martin");
    assert_eq!(action["channel"], "phone_call");
    assert_eq!(action["level"], "phone_call");
    assert_eq!(action["total"], "1000.00");
    assert_eq!(action["invoices"][0]["number"], "F-1");
    assert_eq!(action["invoices"][0]["days_late"], 24);

    let text = ok(d, &["agenda", "--as-of", "2025-02-24"]);
    assert!(text.lines().nth(1).unwrap().starts_with("Garage Martin  appel   appel de relance  F-1"), "{text}");
    assert!(text.ends_with(&format!("1{NBSP}000,00{NBSP}€\n")), "{text}");

    let done = ok(d, &["action", "done", "--customer", "1", "--channel", "phone", "--as-of", "2025-02-24"]);
    assert_eq!(done.trim(), "Action « appel de relance » enregistrée le 24/02/2025 pour 1 facture.");
    assert_eq!(ok(d, &["agenda", "--as-of", "2025-02-24"]).trim(), "Rien à faire le 24/02/2025.");
    assert_eq!(counts(d).dunning_events, 1);

    // Done again, or through an unknown channel: refused, nothing written.
    refused(d, &["action", "done", "--customer", "1", "--channel", "phone", "--as-of", "2025-02-24"]);
    assert_eq!(refused(d, &["action", "done", "--customer", "1", "--channel", "fax"]), "Canal : introuvable.");
    assert_eq!(counts(d).dunning_events, 1);
}

#[test]
fn two_invoices_at_two_levels_make_one_action_led_by_the_furthest() {
    let dir = one_late_invoice_of_2025();
    let d = dir.path();
    // F-2 is due 2025-02-09: 15 days late on the 24th (firm letter) while
    // F-1 is 24 days late (call). One call covers both.
    ok(d, &["invoice", "add", "--customer", "1", "--number", "F-2", "--date", "2025-01-10", "--amount", "200"]);
    let agenda = json(d, &["agenda", "--as-of", "2025-02-24"]);
    let customer = &agenda["customers"][0];
    assert_eq!(customer["actions"].as_array().unwrap().len(), 1, "{agenda}");
    assert_eq!(customer["total"], "1200.00");
    let action = &customer["actions"][0];
    assert_eq!(
        (&action["channel"], &action["level"], &action["decision"]),
        (&"phone_call".into(), &"phone_call".into(), &false.into())
    );
    let lines: Vec<(&str, &str)> = action["invoices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["number"].as_str().unwrap(), l["level"].as_str().unwrap()))
        .collect();
    assert_eq!(lines, [("F-1", "phone_call"), ("F-2", "reminder_2")]);

    let text = ok(d, &["agenda", "--as-of", "2025-02-24"]);
    assert_eq!(text.lines().count(), 2, "one header, one action: {text}");
    assert!(text.contains("F-1, F-2 (relance ferme)"), "{text}");

    // Done once: each invoice moves past its own level.
    let done = ok(d, &["action", "done", "--customer", "1", "--channel", "phone", "--as-of", "2025-02-24"]);
    assert!(done.contains("2 factures"), "{done}");
    assert_eq!(counts(d).dunning_events, 2);
    assert_eq!(ok(d, &["agenda", "--as-of", "2025-02-24"]).trim(), "Rien à faire le 24/02/2025.");
    // On 2 March F-1 reaches the formal notice and F-2 the call: one letter.
    let later = json(d, &["agenda", "--as-of", "2025-03-02"]);
    let action = &later["customers"][0]["actions"][0];
    assert_eq!((&action["channel"], &action["level"]), (&"letter".into(), &"formal_notice".into()), "{later}");
    assert_eq!(action["invoices"][1]["level"], "phone_call");
}

#[test]
fn penalties_of_the_worked_example_in_french_and_json() {
    let dir = one_late_invoice_of_2025();
    let d = dir.path();
    let p = json(d, &["penalties", "--invoice", "F-1", "--as-of", "2025-03-02"]);
    assert_eq!(p["days_late"], 30);
    assert_eq!(p["periods"][0]["annual_rate"], "13.15");
    assert_eq!(p["periods"][0]["basis"], "ecb_plus_10");
    assert_eq!(
        (p["interest"].as_str(), p["indemnity"].as_str(), p["total"].as_str()),
        (Some("10.81"), Some("40.00"), Some("50.81"))
    );

    let text = ok(d, &["penalties", "--invoice", "F-1", "--as-of", "2025-03-02"]);
    assert!(text.starts_with("Facture F-1 échue le 31/01/2025 : 30 jours de retard au 02/03/2025."), "{text}");
    assert!(text.contains("13,15 %"), "{text}");
    assert!(text.ends_with(&format!("Total réclamable : 50,81{NBSP}€\n")), "{text}");

    // A half-year whose ECB rate is not shipped: an error naming it, exit 1.
    let o = relance(d, &["penalties", "--invoice", "F-1", "--as-of", "2026-08-01"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("en vigueur le 01/07/2026 n’est pas connu"), "{}", stderr(&o));
}

#[test]
fn a_promise_pauses_the_agenda_and_a_dispute_pauses_its_invoice() {
    let dir = one_late_invoice_of_2025();
    let d = dir.path();
    assert_eq!(
        ok(
            d,
            &[
                "promise",
                "add",
                "--customer",
                "1",
                "--amount",
                "500",
                "--date",
                "2025-03-10",
                "--invoices",
                "F-1",
                "--as-of",
                "2025-02-25"
            ]
        )
        .trim(),
        "Promesse n° 1 enregistrée pour le 10/03/2025 ; les relances des factures concernées attendent cette date."
    );
    assert_eq!(json(d, &["agenda", "--as-of", "2025-03-05"])["customers"], serde_json::json!([]));
    let after = json(d, &["agenda", "--as-of", "2025-03-11"]);
    assert_eq!(after["customers"][0]["broken_promises"][0]["amount"], "500.00");
    assert_eq!(after["customers"][0]["actions"][0]["level"], "formal_notice");

    ok(d, &["dispute", "add", "--invoice", "F-1", "--reason", "pièce défectueuse", "--as-of", "2025-03-11"]);
    let disputed = json(d, &["agenda", "--as-of", "2025-03-11"]);
    assert_eq!(disputed["customers"][0]["actions"], serde_json::json!([]));
    refused(d, &["promise", "add", "--customer", "1", "--amount", "abc", "--date", "2025-03-20"]);
    assert_eq!(counts(d).promises, 1);
}

#[test]
fn a_dispute_is_resolved_with_a_note_and_a_cancelled_promise_resumes_the_reminders() {
    let dir = one_late_invoice_of_2025();
    let d = dir.path();
    ok(d, &["dispute", "add", "--invoice", "F-1", "--reason", "pièce défectueuse", "--as-of", "2025-02-20"]);
    assert_eq!(json(d, &["agenda", "--as-of", "2025-02-24"])["customers"], serde_json::json!([]));
    // A closing dated before the dispute opened is refused and writes nothing.
    let early = refused(d, &["dispute", "resolve", "--invoice", "F-1", "--on", "2025-02-19", "--as-of", "2025-02-24"]);
    assert_eq!(early, "Date : trop tôt : choisissez une date plus tardive.");
    assert_eq!(counts(d).dunning_events, 1);
    let closed = ok(
        d,
        &[
            "dispute",
            "resolve",
            "--invoice",
            "F-1",
            "--note",
            "avoir promis",
            "--on",
            "2025-02-22",
            "--as-of",
            "2025-02-24",
        ],
    );
    assert_eq!(closed.trim(), "Litige clos le 22/02/2025 sur la facture F-1 ; ses relances reprennent.");
    assert_eq!(json(d, &["agenda", "--as-of", "2025-02-24"])["customers"][0]["actions"][0]["level"], "phone_call");
    assert_eq!(
        refused(d, &["dispute", "resolve", "--invoice", "F-1", "--as-of", "2025-02-24"]),
        "Litige : impossible à ce stade."
    );
    assert_eq!(refused(d, &["dispute", "resolve", "--invoice", "F-9"]), "Facture : introuvable.");

    let added = ok(
        d,
        &["promise", "add", "--customer", "1", "--amount", "500", "--date", "2025-03-10", "--as-of", "2025-02-24"],
    );
    assert_eq!(
        added.trim(),
        "Promesse n° 1 enregistrée pour le 10/03/2025 ; les relances des factures concernées attendent cette date."
    );
    let id = "1";
    assert_eq!(json(d, &["agenda", "--as-of", "2025-02-25"])["customers"], serde_json::json!([]));
    let cancelled = ok(d, &["promise", "cancel", "--promise", id.trim(), "--as-of", "2025-02-25"]);
    assert_eq!(cancelled.trim(), "Promesse n° 1 annulée ; les relances de ses factures reprennent.");
    assert_eq!(json(d, &["agenda", "--as-of", "2025-02-25"])["customers"][0]["actions"][0]["level"], "phone_call");
    assert_eq!(
        refused(d, &["promise", "cancel", "--promise", "1", "--as-of", "2025-02-25"]),
        "Promesse de paiement : impossible à ce stade."
    );
    let missing = relance(d, &["promise", "cancel", "--promise", "7"]);
    assert_eq!(missing.status.code(), Some(1));
    assert_eq!(stderr(&missing).trim(), "Cette promesse de paiement n’existe plus.");
}

#[test]
fn skip_and_postpone_take_the_customers_only_action_or_the_channel_named() {
    let dir = one_late_invoice_of_2025();
    let d = dir.path();
    assert_eq!(
        refused(d, &["action", "skip", "--customer", "1", "--reason", " ", "--as-of", "2025-02-07"]),
        "Motif : à remplir."
    );
    let skipped = ok(d, &["action", "skip", "--customer", "1", "--reason", "client appelé", "--as-of", "2025-02-07"]);
    assert_eq!(
        skipped.trim(),
        "Action « première relance » passée le 07/02/2025 pour 1 facture ; le calendrier continue."
    );
    assert_eq!(ok(d, &["agenda", "--as-of", "2025-02-07"]).trim(), "Rien à faire le 07/02/2025.");

    assert_eq!(
        refused(d, &["action", "postpone", "--customer", "1", "--until", "15/02/2025", "--as-of", "2025-02-15"]),
        "Reporter au : trop tôt : choisissez une date plus tardive."
    );
    assert_eq!(
        refused(d, &["action", "postpone", "--customer", "1", "--until", "demain", "--as-of", "2025-02-15"]),
        "Reporter au : ce n’est pas une date valide (exemple : 31/03/2026)."
    );
    let postponed = ok(
        d,
        &[
            "action",
            "postpone",
            "--customer",
            "1",
            "--until",
            "2025-02-18",
            "--channel",
            "letter",
            "--as-of",
            "2025-02-15",
        ],
    );
    assert_eq!(postponed.trim(), "Action « relance ferme » reportée au 18/02/2025.");
    assert_eq!(json(d, &["agenda", "--as-of", "2025-02-17"])["customers"], serde_json::json!([]));
    assert_eq!(json(d, &["agenda", "--as-of", "2025-02-18"])["customers"][0]["actions"][0]["level"], "reminder_2");
    // Nothing to do that day: refused like `action done`.
    refused(d, &["action", "skip", "--customer", "1", "--reason", "x", "--as-of", "2025-01-02"]);
    assert_eq!(counts(d).dunning_events, 2);
}

#[test]
fn escalation_needs_the_formal_notice_and_a_write_off_leaves_the_overdue_total_but_stays_in_the_report() {
    let dir = one_late_invoice_of_2025();
    let d = dir.path();
    ok(d, &["invoice", "add", "--customer", "1", "--number", "F-2", "--date", "2025-01-01", "--amount", "200"]);
    assert_eq!(
        refused(d, &["escalate", "--invoice", "F-1", "--to", "agency", "--as-of", "2025-03-01"]),
        "Étape de recouvrement : il faut d’abord envoyer la mise en demeure."
    );
    ok(d, &["action", "done", "--customer", "1", "--channel", "letter", "--as-of", "2025-03-05"]);
    assert_eq!(
        refused(d, &["escalate", "--invoice", "F-1", "--to", "tribunal", "--as-of", "2025-03-20"]),
        "Étape de recouvrement : format non reconnu (attendu : injunction_prepared | handed_to_agency | written_off)."
    );
    assert_eq!(
        refused(d, &["escalate", "--invoice", "F-1", "--to", "write-off", "--amount", "300", "--as-of", "2025-03-20"]),
        "Motif : à remplir."
    );
    assert_eq!(
        refused(
            d,
            &[
                "escalate",
                "--invoice",
                "F-1",
                "--to",
                "write-off",
                "--amount",
                "1 000,01",
                "--reason",
                "x",
                "--as-of",
                "2025-03-20"
            ]
        ),
        // One line: the error printer folds every space, the no-break ones too.
        "Montant : dépasse ce qui reste dû (1 000,00 €)."
    );
    let events = counts(d).dunning_events;

    let court = ok(d, &["escalate", "--invoice", "F-1", "--to", "injunction", "--as-of", "2025-03-20"]);
    assert_eq!(court.trim(), "Facture F-1 : injonction de payer préparée le 20/03/2025.");
    let off = json(
        d,
        &[
            "escalate",
            "--invoice",
            "F-1",
            "--to",
            "write-off",
            "--amount",
            "300",
            "--reason",
            "liquidation",
            "--as-of",
            "2025-04-01",
        ],
    );
    assert_eq!((off["stage"].as_str(), off["written_off_amount"].as_str()), (Some("written_off"), Some("300.00")));
    let whole = ok(
        d,
        &["escalate", "--invoice", "F-2", "--to", "write-off", "--reason", "montant faible", "--as-of", "2025-04-01"],
    );
    assert!(whole.starts_with(&format!("Facture F-2 passée en perte le 01/04/2025 : 200,00{NBSP}€.")), "{whole}");
    assert_eq!(counts(d).dunning_events, events + 3);

    let report = overdue_at(d, "2025-04-10");
    assert_eq!(report["count"], 1);
    assert_eq!(report["invoices"][0]["amount_due"], "700.00");
    assert_eq!(report["total_due"], "700.00");
    assert_eq!(report["written_off_total"], "500.00");
    assert_eq!(report["write_offs"][0]["number"], "F-1");
    assert_eq!(report["write_offs"][0]["reason"], "liquidation");
    assert_eq!(report["write_offs"][1]["amount"], "200.00");
    let text = ok(d, &["overdue", "--as-of", "2025-04-10"]);
    assert!(text.contains(&format!("Total : 1 facture en retard au 10/04/2025, 700,00{NBSP}€ dus.")), "{text}");
    assert!(text.contains("liquidation"), "{text}");
    assert!(
        text.trim_end().ends_with(&format!(
            "Passé en perte : 2 factures, 500,00{NBSP}€ (hors du total dû ci-dessus, conservé dans les comptes)."
        )),
        "{text}"
    );
}

#[test]
fn a_half_year_rate_is_added_once_with_its_source() {
    let dir = one_late_invoice_of_2025();
    let d = dir.path();
    assert_eq!(
        refused(d, &["rate", "add", "--kind", "bce", "--half-year", "2026-07-01", "--rate", "2.15", "--source", "x"]),
        "Taux : format non reconnu (attendu : ecb | legal-other | legal-private)."
    );
    assert_eq!(
        refused(d, &["rate", "add", "--kind", "ecb", "--half-year", "2026-08-01", "--rate", "2.15", "--source", "x"]),
        "Semestre : format non reconnu (attendu : YYYY-01-01 | YYYY-07-01)."
    );
    let added = ok(
        d,
        &[
            "rate",
            "add",
            "--kind",
            "ecb",
            "--half-year",
            "2026-07-01",
            "--rate",
            "2,15",
            "--source",
            "BCE, décision du 5 juin 2026",
        ],
    );
    assert_eq!(added.trim(), "Taux du semestre commençant le 01/07/2026 enregistré.");
    refused(d, &["rate", "add", "--kind", "ecb", "--half-year", "2026-07-01", "--rate", "2.15", "--source", "x"]);
    ok(d, &["rate", "add", "--kind", "legal-private", "--half-year", "2026-07-01", "--rate", "6.5", "--source", "JO"]);
    // The penalties of the half-year are computed now (they were refused before).
    ok(d, &["invoice", "add", "--customer", "1", "--number", "F-3", "--date", "2026-06-01", "--amount", "1000"]);
    let p = json(d, &["penalties", "--invoice", "F-3", "--as-of", "2026-08-15"]);
    assert_eq!(p["periods"][0]["annual_rate"], "12.15");
}

#[test]
fn a_plan_is_created_shown_and_its_installments_replace_the_reminders_in_the_agenda() {
    let dir = one_late_invoice_of_2025();
    let d = dir.path();
    ok(d, &["invoice", "add", "--customer", "1", "--number", "F-2", "--date", "2025-02-01", "--amount", "200,01"]);
    assert!(!json(d, &["agenda", "--as-of", "2025-04-01"])["customers"].as_array().unwrap().is_empty());
    let id = ok(
        d,
        &[
            "plan",
            "create",
            "--customer",
            "1",
            "--invoices",
            "F-1,F-2",
            "--installments",
            "3",
            "--first",
            "2025-04-30",
            "--every",
            "month",
            "--as-of",
            "2025-04-01",
        ],
    );
    let mut lines = id.lines();
    assert_eq!(
        lines.next(),
        Some("Échéancier enregistré ; les relances de ses factures sont suspendues tant qu’il est respecté.")
    );
    assert!(lines
        .next()
        .unwrap_or_default()
        .starts_with("Échéancier 1 — Garage Martin — factures F-1, F-2 — en cours"));
    let plan = json(d, &["plan", "show", "1", "--as-of", "2025-04-01"]);
    assert_eq!(plan["status"], "running");
    assert_eq!(plan["total"], "1200.01");
    let dates: Vec<&str> =
        plan["installments"].as_array().unwrap().iter().map(|i| i["due_date"].as_str().unwrap()).collect();
    assert_eq!(dates, ["2025-04-30", "2025-05-30", "2025-06-30"]);
    let amounts: Vec<&str> =
        plan["installments"].as_array().unwrap().iter().map(|i| i["amount"].as_str().unwrap()).collect();
    assert_eq!(amounts, ["400.01", "400.00", "400.00"]);

    // The plan's invoices are paused; its notice shows in the agenda instead.
    let agenda = json(d, &["agenda", "--as-of", "2025-04-28"]);
    assert!(agenda["customers"][0]["actions"].as_array().unwrap().is_empty(), "{agenda}");
    assert_eq!(agenda["customers"][0]["installments"][0]["kind"], "notice", "on the customer's card");
    assert_eq!(agenda["plans"][0]["kind"], "notice");
    assert_eq!(agenda["plans"][0]["left"], "400.01");
    let text = ok(d, &["agenda", "--as-of", "2025-04-28"]);
    assert!(text.contains("avis d’échéance"), "{text}");
    // Done by e-mail: recorded once, never proposed again; an installment with nothing due is refused.
    refused(d, &["plan", "done", "1", "--installment", "2", "--channel", "email", "--as-of", "2025-04-28"]);
    let text = ok(d, &["plan", "done", "1", "--installment", "1", "--channel", "email", "--as-of", "2025-04-28"]);
    assert_eq!(text.trim(), "Avis d’échéance fait le 28/04/2025 : échéancier 1, échéance n° 1 du 30/04/2025.");
    assert!(json(d, &["agenda", "--as-of", "2025-04-29"])["plans"].as_array().unwrap().is_empty());
    let err = refused(d, &["plan", "done", "1", "--installment", "1", "--channel", "letter", "--as-of", "2025-04-29"]);
    assert_eq!(err, "Échéancier : impossible à ce stade.");

    // A payment pays the first installment; the human output says so.
    ok(d, &["payment", "add", "--customer", "1", "--date", "2025-04-29", "--amount", "400,01"]);
    let text = ok(d, &["plan", "show", "1", "--as-of", "2025-04-30"]);
    assert!(text.starts_with("Échéancier 1 — Garage Martin — factures F-1, F-2 — en cours"), "{text}");
    assert!(text.lines().nth(2).unwrap().contains("payée"), "{text}");
    assert!(text.lines().nth(3).unwrap().contains("à venir"), "{text}");

    // Unpaid second installment (30 May): its reminder from 2 June, postponed then skipped.
    assert_eq!(json(d, &["agenda", "--as-of", "2025-06-02"])["plans"][0]["kind"], "reminder");
    ok(d, &["plan", "postpone", "1", "--installment", "2", "--until", "2025-06-05", "--as-of", "2025-06-02"]);
    assert!(json(d, &["agenda", "--as-of", "2025-06-04"])["plans"].as_array().unwrap().is_empty());
    ok(d, &["plan", "skip", "1", "--installment", "2", "--reason", "Client au téléphone", "--as-of", "2025-06-05"]);
    assert!(json(d, &["agenda", "--as-of", "2025-06-06"])["plans"].as_array().unwrap().is_empty());
    // The plan shows what was done about each installment.
    let text = ok(d, &["plan", "show", "1", "--as-of", "2025-06-06"]);
    assert!(text.lines().nth(2).unwrap().ends_with("avis fait le 28/04/2025 (e-mail)"), "{text}");
    assert!(
        text.lines().nth(3).unwrap().ends_with("relance reportée au 05/06/2025, relance passée le 05/06/2025"),
        "{text}"
    );

    // Unpaid second installment: broken the day after the 15 grace days.
    assert_eq!(json(d, &["plan", "show", "1", "--as-of", "2025-06-14"])["status"], "running");
    let broken = json(d, &["plan", "show", "1", "--as-of", "2025-06-15"]);
    assert_eq!((broken["status"].as_str(), broken["status_on"].as_str()), (Some("defaulted"), Some("2025-06-15")));

    // Too early the day before; on the day, the reminders resume at the formal notice.
    refused(d, &["plan", "default", "1", "--as-of", "2025-06-14"]);
    let text = ok(d, &["plan", "default", "1", "--as-of", "2025-06-15"]);
    assert_eq!(
        text.trim(),
        format!("Échéancier 1 non respecté le 15/06/2025{NBSP}; les relances de ses factures reprennent au niveau «{NBSP}mise en demeure{NBSP}».")
    );
    let agenda = json(d, &["agenda", "--as-of", "2025-06-15"]);
    assert_eq!(agenda["customers"][0]["actions"][0]["level"], "formal_notice", "{agenda}");
    assert!(agenda["plans"].as_array().unwrap().is_empty());
    assert_eq!(counts(d).dunning_events, 2, "the level before the notice skipped on each unpaid invoice");
}

#[test]
fn a_bad_plan_is_refused_naming_the_field_and_nothing_is_written() {
    let dir = one_late_invoice_of_2025();
    let d = dir.path();
    let before = counts(d);
    let err = refused(
        d,
        &[
            "plan",
            "create",
            "--customer",
            "1",
            "--invoices",
            "F-1",
            "--installments",
            "61",
            "--first",
            "2025-04-30",
            "--as-of",
            "2025-04-01",
        ],
    );
    assert_eq!(err, "Nombre d’échéances : 60 échéances au plus.");
    let err = refused(
        d,
        &["plan", "create", "--customer", "1", "--invoices", "F-9", "--installments", "3", "--first", "2025-04-30"],
    );
    assert_eq!(err, "Factures de l’échéancier : introuvable.");
    let err = refused(
        d,
        &[
            "plan",
            "create",
            "--customer",
            "1",
            "--invoices",
            "F-1",
            "--installments",
            "3",
            "--first",
            "2025-03-30",
            "--as-of",
            "2025-04-01",
        ],
    );
    assert_eq!(err, "Première échéance : trop tôt : choisissez une date plus tardive.");
    assert_eq!(counts(d), before);
}

#[test]
fn an_installment_action_of_an_unknown_plan_or_with_a_bad_channel_is_refused_and_nothing_is_written() {
    let dir = one_late_invoice_of_2025();
    let d = dir.path();
    let before = counts(d);
    let o = relance(d, &["plan", "done", "9", "--installment", "1", "--channel", "email", "--as-of", "2025-04-28"]);
    assert_eq!(o.status.code(), Some(1), "not found, not bad input");
    assert_eq!(stderr(&o).trim(), "Cet échéancier n’existe pas.");
    let err = refused(d, &["plan", "done", "9", "--installment", "1", "--channel", "pigeon"]);
    assert!(err.starts_with("Canal"), "{err}");
    let err = refused(d, &["plan", "postpone", "9", "--installment", "1", "--until", "31/02/2025"]);
    assert!(err.contains("date valide"), "{err}");
    assert_eq!(counts(d), before);
}
