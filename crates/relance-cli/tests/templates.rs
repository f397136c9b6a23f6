//! `relance template show|set|reset` on the example business: the real binary checks and saves a
//! letter's text, `relance letter` prints it (read back with poppler), `reset` brings the original back.

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

fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext (poppler-utils) is needed: {e}"));
    String::from_utf8_lossy(&out.stdout).replace('\u{a0}', " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_notice_text_is_refused_when_wrong_saved_printed_and_reset() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let d = dir.path();
    ok(d, &["demo"]);
    let agenda: Value = serde_json::from_str(&ok(d, &["agenda", "--json"])).unwrap_or(Value::Null);
    let customer = agenda["customers"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|c| c["actions"][0]["level"] == "formal_notice")
        .cloned()
        .unwrap_or_else(|| panic!("a customer at the formal notice in {agenda}"));
    let id = customer["customer_id"].to_string();
    let name = customer["customer_name"].as_str().unwrap_or_default().to_string();

    let shown = ok(d, &["template", "show", "--kind", "notice"]);
    assert!(shown.starts_with("Titre (texte d’origine) :\n  Mise en demeure de payer"), "{shown}");

    // An unknown placeholder: refused (exit 2), naming the text and what is possible; nothing saved.
    let refused =
        relance(d, &["template", "set", "--kind", "notice", "--part", "before", "--text", "Payez {montant}."]);
    assert_eq!(refused.status.code(), Some(2));
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        said.starts_with("Le texte « Paragraphe avant le tableau » contient {montant} : ce repère n’existe pas.")
            && said.contains("{deadline}"),
        "{said}"
    );
    let again: Value =
        serde_json::from_str(&ok(d, &["template", "show", "--kind", "notice", "--json"])).unwrap_or(Value::Null);
    assert_eq!(again["is_default"], true, "{again}");
    // The notice has no paragraph after the table.
    assert_eq!(
        relance(d, &["template", "set", "--kind", "notice", "--part", "after", "--text", "x"]).status.code(),
        Some(2)
    );

    for (part, text) in [
        ("before", "{customer_name} : malgré nos relances, ces factures restent impayées."),
        ("before_one", "{customer_name} : malgré nos relances, la facture {invoice_number} reste impayée."),
        ("title", "Mise en demeure avant procédure"),
    ] {
        ok(d, &["template", "set", "--kind", "notice", "--part", part, "--text", text]);
    }
    let out = d.join("notice.pdf");
    ok(d, &["letter", "--customer", &id, "--kind", "notice", "--out", out.to_str().unwrap_or_default()]);
    let t = pdf_text(&out);
    assert!(t.contains("Objet : Mise en demeure avant procédure"), "{t}");
    assert!(t.contains(&format!("{name} : malgré nos relances, ")), "{t}");
    for legal in [
        "Lettre recommandée avec accusé de réception",
        "article L441-10 du Code de commerce",
        "dans un délai de 8 jours",
        "au plus tard le 28/06/2026",
        "injonction de payer",
    ] {
        assert!(t.contains(legal), "{legal:?} missing from {t}");
    }

    let reset = ok(d, &["template", "reset", "--kind", "notice"]);
    assert!(reset.starts_with("Titre (texte d’origine) :\n  Mise en demeure de payer"), "{reset}");
    ok(d, &["letter", "--customer", &id, "--kind", "notice", "--out", out.to_str().unwrap_or_default()]);
    assert!(pdf_text(&out).contains("Objet : Mise en demeure de payer"));
}
