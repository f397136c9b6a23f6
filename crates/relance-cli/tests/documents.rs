//! `relance letter --kind statement|agreement`: the real binary writes the PDF, poppler reads it back.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn relance(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_relance"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("LANG", "fr_FR.UTF-8")
        .env_remove("RELANCE_DATA_DIR")
        .output()
        .unwrap_or_else(|e| panic!("the binary runs: {e}"))
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let o = relance(dir, args);
    assert!(o.status.success(), "relance {args:?} failed: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn refused(dir: &Path, args: &[&str]) -> String {
    let o = relance(dir, args);
    assert!(!o.status.success(), "relance {args:?} should fail");
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext (poppler-utils) is needed: {e}"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).replace('\u{a0}', " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

fn books() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let d = dir.path();
    ok(d, &["customer", "add", "--name", "Garage Martin", "--terms", "net:30"]);
    ok(d, &["invoice", "add", "--customer", "1", "--number", "F-1", "--date", "2025-01-01", "--amount", "1000"]);
    ok(d, &["invoice", "add", "--customer", "1", "--number", "F-2", "--date", "2025-02-01", "--amount", "200,01"]);
    ok(d, &["payment", "add", "--customer", "1", "--date", "2025-03-10", "--amount", "100", "--method", "cheque"]);
    dir
}

#[test]
fn a_statement_at_a_date_is_written_with_the_books_figures() {
    let dir = books();
    let d = dir.path();
    let out = d.join("releve.pdf");
    let path = out.to_str().unwrap_or_default();
    let said = ok(d, &["letter", "--customer", "1", "--kind", "statement", "--as-of", "2025-04-01", "--out", path]);
    assert_eq!(said.trim(), format!("Relevé de compte écrit : {path} (1 page, solde à régler 1\u{a0}100,01\u{a0}€)."));
    let t = pdf_text(&out);
    for wanted in [
        "Relevé de compte au 01/04/2025",
        "Garage Martin",
        "F-1 01/01/2025 31/01/2025 1 000,00 € 100,00 € 900,00 € 60 j",
        "F-2 01/02/2025 03/03/2025 200,01 € 0,00 € 200,01 € 29 j",
        "Total restant dû 1 100,01 €",
        "dont échu 1 100,01 €",
        "Règlements reçus du 01/01/2025 au 01/04/2025",
        "10/03/2025 Chèque 100,00 €",
    ] {
        assert!(t.contains(wanted), "{wanted:?} missing from:\n{t}");
    }
    let json: Value = serde_json::from_str(&ok(
        d,
        &["letter", "--customer", "1", "--kind", "statement", "--as-of", "2025-02-15", "--out", path, "--json"],
    ))
    .unwrap_or(Value::Null);
    // The amounts are the books' (like the customer page); the date decides what was issued, how late
    // it is and which payments are listed.
    assert_eq!(json["total_due"], "1100.01");
    assert_eq!(json["as_of"], "2025-02-15");
    let early = pdf_text(&out);
    assert!(!early.contains("Chèque") && early.contains("dont échu 900,00 €"), "{early}");
    // Unknown customer, or no customer: refused, nothing written.
    let missing = d.join("missing.pdf");
    let m = missing.to_str().unwrap_or_default();
    refused(d, &["letter", "--customer", "9", "--kind", "statement", "--out", m]);
    refused(d, &["letter", "--plan", "1", "--kind", "statement", "--out", m]);
    assert!(!missing.exists());
}

#[test]
fn a_plan_agreement_is_written_with_its_schedule() {
    let dir = books();
    let d = dir.path();
    ok(
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
    let out = d.join("accord.pdf");
    let path = out.to_str().unwrap_or_default();
    let said = ok(d, &["letter", "--plan", "1", "--kind", "agreement", "--as-of", "2025-04-01", "--out", path]);
    assert!(said.starts_with(&format!("Accord d'échéancier écrit : {path} (")), "{said}");
    assert!(said.contains("total 1\u{a0}100,01\u{a0}€"), "{said}");
    let t = pdf_text(&out);
    for wanted in [
        "Accord d’échéancier de paiement",
        "Et Garage Martin",
        "F-1 01/01/2025 31/01/2025 900,00 €",
        "F-2 01/02/2025 03/03/2025 200,01 €",
        "(3 échéances)",
        "30/04/2025",
        "Cumul",
        "1 100,01 €",
        "Fait le 01/04/2025, en deux exemplaires.",
        "Le créancier Le débiteur",
    ] {
        assert!(t.contains(wanted), "{wanted:?} missing from:\n{t}");
    }
    let m = d.join("none.pdf");
    let m = m.to_str().unwrap_or_default();
    refused(d, &["letter", "--plan", "7", "--kind", "agreement", "--out", m]);
    refused(d, &["letter", "--customer", "1", "--kind", "agreement", "--out", m]);
    refused(d, &["letter", "--customer", "1", "--plan", "1", "--kind", "agreement", "--out", m]);
}

#[test]
fn the_dossier_is_refused_before_the_mise_en_demeure_then_written_with_the_penalties() {
    let dir = books();
    let d = dir.path();
    let out = d.join("dossier.pdf");
    let path = out.to_str().unwrap_or_default();
    let why = refused(d, &["letter", "--customer", "1", "--kind", "dossier", "--as-of", "2025-04-01", "--out", path]);
    assert!(why.contains("aucune mise en demeure n'a été envoyée à ce client"), "{why}");
    assert!(!out.exists(), "nothing written");
    let notice = ok(d, &["--as-of", "2025-04-01", "action", "done", "--customer", "1", "--channel", "letter"]);
    assert!(notice.contains("mise en demeure"), "{notice}");
    let said = ok(d, &["letter", "--customer", "1", "--kind", "dossier", "--as-of", "2025-04-15", "--out", path]);
    assert!(said.starts_with(&format!("Dossier d'injonction de payer écrit : {path} (")), "{said}");
    let penalties = ok(d, &["--as-of", "2025-04-15", "penalties", "--invoice", "F-1"]);
    let interest = penalties
        .lines()
        .find_map(|l| l.strip_prefix("Intérêts de retard : "))
        .map(|a| a.replace(['\u{a0}', '\u{202f}'], " "))
        .unwrap_or_default();
    let t = pdf_text(&out);
    for wanted in [
        "Dossier de demande en injonction de payer",
        "Garage Martin",
        "F-1 01/01/2025 31/01/2025 1 000,00 € 100,00 € 900,00 € 74 j",
        "Mise en demeure envoyée le 01/04/2025 (courrier)",
        "Mise en demeure du 01/04/2025",
        interest.trim(),
    ] {
        assert!(!wanted.is_empty() && t.contains(wanted), "{wanted:?} missing from {t}");
    }
    // F-2 was 29 days late on 1 April: its level then was not the formal notice, so it is not claimed.
    assert!(!t.contains("F-2"), "{t}");
}
