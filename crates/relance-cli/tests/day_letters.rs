//! `relance letters` on the example business: the real binary prints the day's letters in one PDF,
//! records them, and never records a batch it could not write.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn relance(dir: &Path, as_of: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_relance"))
        .arg("--data-dir")
        .arg(dir)
        .arg("--as-of")
        .arg(as_of)
        .args(args)
        .env("LANG", "fr_FR.UTF-8")
        .env_remove("RELANCE_DATA_DIR")
        .output()
        .unwrap_or_else(|e| panic!("the binary runs: {e}"))
}

fn ok(dir: &Path, as_of: &str, args: &[&str]) -> String {
    let o = relance(dir, as_of, args);
    assert!(o.status.success(), "relance {args:?} failed: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The pages of a PDF, each as words joined by single spaces.
fn pdf_pages(path: &Path) -> Vec<String> {
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext (poppler-utils) is needed: {e}"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout).replace('\u{a0}', " ");
    let mut pages: Vec<String> =
        text.split('\u{c}').map(|p| p.split_whitespace().collect::<Vec<_>>().join(" ")).collect();
    if pages.last().is_some_and(|p| p.is_empty()) {
        pages.pop();
    }
    pages
}

/// Whether the agenda has a letter for the customer.
fn has_letter(agenda: &Value, id: i64) -> bool {
    agenda["customers"].as_array().is_some_and(|cs| {
        cs.iter().any(|c| {
            c["customer_id"].as_i64() == Some(id)
                && c["actions"].as_array().is_some_and(|a| a.iter().any(|a| a["channel"] == "letter"))
        })
    })
}

/// A fresh example business at `day`, nothing printed.
fn dir2_free_agenda(day: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    ok(dir.path(), day, &["demo"]);
    dir
}

fn json(s: &str) -> Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("{e}: {s}"))
}

#[test]
fn letters_prints_the_day_s_batch_once_and_records_it() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let day = "2026-06-20";
    ok(dir.path(), day, &["demo"]);
    let out = dir.path().join("lettres.pdf");
    let out_arg = out.to_string_lossy().into_owned();
    let batch = json(&ok(dir.path(), day, &["--json", "letters", "--out", &out_arg]));
    let printed = batch["printed"].as_array().cloned().unwrap_or_default();
    assert!(printed.len() >= 3, "{batch}");
    assert_eq!(batch["not_printed"].as_array().map(Vec::len), Some(0), "{batch}");
    assert_eq!(batch["file"].as_str(), Some(out_arg.as_str()));

    let pages = pdf_pages(&out);
    assert_eq!(Some(pages.len() as u64), batch["pages"].as_u64());
    for p in &printed {
        let first = p["first_page"].as_u64().unwrap_or(0) as usize;
        let name = p["name"].as_str().unwrap_or("?");
        assert!(first >= 1 && pages[first - 1].contains(name), "{name} starts page {first}");
        assert!(pages[first - 1].contains("Page 1 /"), "each letter numbers its own pages");
        assert_eq!(p["sha256"].as_str().map(str::len), Some(64));
        for n in p["invoices"].as_array().cloned().unwrap_or_default() {
            let n = n.as_str().unwrap_or("?");
            let count = p["pages"].as_u64().unwrap_or(1) as usize;
            assert!(pages[first - 1..first - 1 + count].join(" ").contains(n), "{n} in {name}'s letter");
        }
    }

    // Recorded: the agenda no longer has these letters, and a second run prints nothing.
    let before = json(&ok(dir2_free_agenda(day).path(), day, &["--json", "agenda"]));
    assert!(has_letter(&before, printed[0]["customer"].as_i64().unwrap_or(0)), "the check can see a letter");
    let agenda = ok(dir.path(), day, &["--json", "agenda"]);
    let again = json(&ok(dir.path(), day, &["--json", "letters", "--out", &out_arg]));
    assert_eq!(again["printed"].as_array().map(Vec::len), Some(0), "{again}");
    assert!(again["file"].is_null());
    for p in &printed {
        let id = p["customer"].as_i64().unwrap_or(0);
        assert!(!has_letter(&json(&agenda), id), "customer {id}'s letter left the agenda");
    }

    // In French for a person.
    let dir2 = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    ok(dir2.path(), day, &["demo"]);
    let out2 = dir2.path().join("l.pdf");
    let human = ok(dir2.path(), day, &["letters", "--out", &out2.to_string_lossy()]);
    assert!(human.starts_with(&format!("{} lettres imprimées dans", printed.len())), "{human}");
    assert!(human.contains("mise en demeure"), "{human}");
}

#[test]
fn a_batch_that_cannot_be_written_records_nothing() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let day = "2026-06-20";
    ok(dir.path(), day, &["demo"]);
    let bad = dir.path().join("no-such-folder").join("lettres.pdf");
    let o = relance(dir.path(), day, &["letters", "--out", &bad.to_string_lossy()]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("rien n'a été enregistré"), "{err}");
    assert!(!bad.exists());
    let out = dir.path().join("lettres.pdf");
    let batch = json(&ok(dir.path(), day, &["--json", "letters", "--out", &out.to_string_lossy()]));
    assert!(batch["printed"].as_array().is_some_and(|p| !p.is_empty()), "the letters are still to print: {batch}");
}
