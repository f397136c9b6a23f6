//! `relance email` on the example business: the real binary writes a draft (.eml) with the letter
//! attached; a customer without an address is refused in one sentence and no file is written.

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

#[test]
fn a_customer_s_e_mail_reminder_is_written_as_a_draft_with_the_letter_attached() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    ok(dir.path(), &["demo"]);
    let agenda: Value = serde_json::from_str(&ok(dir.path(), &["agenda", "--json"])).unwrap_or(Value::Null);
    let customer = agenda["customers"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|c| c["actions"][0]["channel"] == "email")
        .cloned()
        .unwrap_or_else(|| panic!("an e-mail action in {agenda}"));
    let id = customer["customer_id"].to_string();
    let out = dir.path().join("draft.eml");
    let path = out.to_str().unwrap_or_default();
    let said = ok(dir.path(), &["email", "--customer", &id, "--out", path]);
    assert!(said.starts_with("Brouillon écrit dans ") && said.contains("« Relance : facture"), "{said}");
    let eml = String::from_utf8_lossy(&std::fs::read(&out).unwrap_or_default()).into_owned();
    assert!(eml.contains("\r\nX-Unsent: 1\r\n"), "{eml}");
    assert!(eml.contains("From: \"Fournil Distribution"), "{eml}");
    assert!(eml.contains("Content-Type: application/pdf"), "{eml}");
    assert!(eml.contains("Content-Disposition: attachment;") && eml.contains("=\"relance-"), "{eml}");

    let json: Value = serde_json::from_str(&ok(dir.path(), &["email", "--customer", &id, "--out", path, "--json"]))
        .unwrap_or(Value::Null);
    assert_eq!(json["kind"], "reminder");
    assert!(json["to"].as_str().is_some_and(|t| t.contains('@')), "{json}");
    for inv in customer["actions"][0]["invoices"].as_array().into_iter().flatten().take(3) {
        let number = inv["number"].as_str().unwrap_or_default();
        assert!(json["subject"].as_str().unwrap_or_default().contains(number), "{number} in {json}");
    }
    assert_eq!(json["bytes"].as_u64(), std::fs::metadata(&out).ok().map(|m| m.len()));
}

#[test]
fn a_customer_without_an_address_is_refused_in_words_and_no_file_is_written() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    ok(dir.path(), &["demo"]);
    let id = ok(dir.path(), &["customer", "add", "--name", "Sans Adresse SARL"]).trim().to_string();
    let out = dir.path().join("refused.eml");
    let o = relance(dir.path(), &["email", "--customer", &id, "--out", out.to_str().unwrap_or_default()]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr).trim(),
        "Erreur : Ajoutez l’adresse e-mail du client sur sa fiche pour lui écrire par e-mail."
    );
    assert!(!out.exists());
}
