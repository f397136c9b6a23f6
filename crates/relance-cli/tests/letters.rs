//! `relance letter` on the example business: the real binary writes the PDF, poppler reads it back.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

const AS_OF: &str = "2026-06-20";

fn relance(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_relance"))
        .arg("--data-dir")
        .arg(dir)
        .arg("--as-of")
        .arg(AS_OF)
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

/// The text of a PDF, words joined by single spaces (no-break spaces made plain).
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

/// "1 234,56 €" from "1234.56".
fn euros(decimal: &str) -> String {
    let (units, cents) = decimal.split_once('.').unwrap_or((decimal, "00"));
    let mut grouped = String::new();
    for (i, c) in units.chars().enumerate() {
        if i > 0 && (units.len() - i).is_multiple_of(3) {
            grouped.push(' ');
        }
        grouped.push(c);
    }
    format!("{grouped},{cents} €")
}

fn demo() -> (tempfile::TempDir, Value) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    ok(dir.path(), &["demo"]);
    let agenda: Value = serde_json::from_str(&ok(dir.path(), &["agenda", "--json"])).unwrap_or(Value::Null);
    (dir, agenda)
}

fn customer_at(agenda: &Value, level: &str) -> Value {
    agenda["customers"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|c| {
            c["actions"][0]["level"] == level && c["actions"][0]["invoices"].as_array().is_some_and(|i| i.len() > 1)
        })
        .or_else(|| agenda["customers"].as_array().into_iter().flatten().find(|c| c["actions"][0]["level"] == level))
        .cloned()
        .unwrap_or_else(|| panic!("no customer at {level} in {agenda}"))
}

#[test]
fn the_example_business_gets_its_formal_notice_with_the_penalties_of_each_invoice() {
    let (dir, agenda) = demo();
    let customer = customer_at(&agenda, "formal_notice");
    let id = customer["customer_id"].to_string();
    let out = dir.path().join("notice.pdf");
    let said =
        ok(dir.path(), &["letter", "--customer", &id, "--kind", "notice", "--out", out.to_str().unwrap_or_default()]);
    assert!(said.starts_with("Lettre écrite : ") && said.contains("mise en demeure"), "{said}");
    let text = pdf_text(&out);
    let name = customer["customer_name"].as_str().unwrap_or_default();
    for wanted in [
        "Fournil Distribution",
        name,
        "Lettre recommandée avec accusé de réception",
        "Objet : Mise en demeure de payer",
        "Lyon, le 20/06/2026",
        "article L441-10 du Code de commerce",
        "dans un délai de 8 jours",
        "au plus tard le 28/06/2026",
        "injonction de payer",
    ] {
        assert!(text.contains(wanted), "{wanted:?} missing from:\n{text}");
    }
    // Each late invoice with its remaining amount, and the penalties the collections engine computes.
    let invoices = customer["actions"][0]["invoices"].as_array().cloned().unwrap_or_default();
    let mut indemnities = 0;
    for inv in invoices.iter().filter(|i| i["days_late"].as_i64().unwrap_or(0) > 0) {
        let number = inv["number"].as_str().unwrap_or_default();
        assert!(text.contains(number), "{number} in the letter");
        let p: Value =
            serde_json::from_str(&ok(dir.path(), &["penalties", "--invoice", number, "--json"])).unwrap_or(Value::Null);
        let interest = euros(p["interest"].as_str().unwrap_or_default());
        let outstanding = euros(p["outstanding"].as_str().unwrap_or_default());
        assert!(
            text.contains(&format!("{number} {outstanding} {} j {interest} 40,00 €", p["days_late"])),
            "{number}: {outstanding}, {interest} in:\n{text}"
        );
        indemnities += 1;
    }
    assert!(indemnities > 0);
    assert!(
        text.contains(&format!("{indemnities} × 40,00 € = {}", euros(&format!("{}.00", indemnities * 40)))),
        "{text}"
    );
}

#[test]
fn a_pre_due_customer_gets_a_courteous_notice_and_a_customer_with_nothing_late_no_formal_notice() {
    let (dir, agenda) = demo();
    let customer = customer_at(&agenda, "pre_due");
    let id = customer["customer_id"].to_string();
    let out = dir.path().join("reminder.pdf");
    let path = out.to_str().unwrap_or_default();
    let said = ok(dir.path(), &["letter", "--customer", &id, "--kind", "reminder", "--out", path]);
    assert!(said.contains("rappel d'échéance, 1 page, montant dû "), "{said}");
    let text = pdf_text(&out);
    assert!(text.contains("Objet : Rappel d’échéance"), "{text}");
    let again = dir.path().join("again.pdf");
    let said: Value = serde_json::from_str(&ok(
        dir.path(),
        &["letter", "--customer", &id, "--kind", "reminder", "--out", again.to_str().unwrap_or_default(), "--json"],
    ))
    .unwrap_or(Value::Null);
    assert_eq!(said["level"], "pre_due");
    assert_eq!(said["pages"], 1);
    assert_eq!(said["total_due"], customer["total"]);
    assert_eq!(said["bytes"].as_u64(), std::fs::metadata(&again).ok().map(|m| m.len()));
    for inv in customer["actions"][0]["invoices"].as_array().into_iter().flatten() {
        let number = inv["number"].as_str().unwrap_or_default();
        assert!(text.contains(&format!("{number} ")), "{number} in:\n{text}");
        assert!(text.contains(&euros(inv["amount_due"].as_str().unwrap_or_default())));
    }
    // Nothing late: no formal notice, said in one line, no file written.
    let refused = dir.path().join("refused.pdf");
    let o = relance(
        dir.path(),
        &["letter", "--customer", &id, "--kind", "notice", "--out", refused.to_str().unwrap_or_default()],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr).trim(),
        "Erreur : ce client n'a aucune facture en retard : pas de mise en demeure"
    );
    assert!(!refused.exists());
    // An unknown customer is named as such.
    let o = relance(
        dir.path(),
        &["letter", "--customer", "99999", "--kind", "reminder", "--out", refused.to_str().unwrap_or_default()],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&o.stderr).trim(), "Ce client n’existe plus.");
    assert!(!refused.exists());
}
