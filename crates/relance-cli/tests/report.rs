//! `relance report aging|dso|kpis`: the real binary on the IBM sample
//! imported into a temporary data folder; French tables, JSON, errors.

mod common;

use common::{fixture, relance, text};

use serde_json::Value;

fn ibm_books() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = relance(
        "fr_FR.UTF-8",
        dir.path(),
        &["import", "--kind", "invoices", "--file", &fixture("ibm_ar.csv"), "--mapping", "ibm"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    dir
}

#[test]
fn aging_prints_an_aligned_french_table() {
    let dir = ibm_books();
    let out = relance("fr_FR.UTF-8", dir.path(), &["--as-of", "2013-06-30", "report", "aging"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    let lines: Vec<&str> = s.lines().collect();
    assert_eq!(lines[0], "Balance âgée au 30/06/2013");
    // The amounts column ends at the same place on every row (aligned right).
    let rows: Vec<&&str> = lines.iter().filter(|l| l.ends_with('€')).collect();
    assert_eq!(rows.len(), 6, "{s}");
    let width = rows[0].chars().count();
    assert!(rows.iter().all(|r| r.chars().count() == width), "{s}");
    assert!(s.contains("Non échu                72  4\u{a0}284,29\u{a0}€"), "{s}");
    assert!(s.contains("1 à 30 jours            12    835,56\u{a0}€"), "{s}");
    assert!(s.contains("Total                   84  5\u{a0}119,85\u{a0}€"), "{s}");
    assert!(s.contains("En retard : 835,56\u{a0}€ (16,3\u{a0}% de l’encours)"), "{s}");
}

#[test]
fn json_gives_amounts_and_ratios_as_strings() {
    let dir = ibm_books();
    let out = relance("fr_FR.UTF-8", dir.path(), &["--as-of", "2013-06-30", "--json", "report", "dso"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["as_of"], "2013-06-30");
    assert_eq!(v["receivables"], "5119.85");
    assert_eq!(v["sales"], "19903.70");
    assert_eq!(v["dso_simple"], "23.2");
    assert_eq!(v["dso_trend"].as_array().unwrap().len(), 12);
    assert_eq!(v["dso_trend"][11]["month_end"], "2013-06-30");

    let out = relance("fr_FR.UTF-8", dir.path(), &["--as-of", "2013-06-30", "--json", "report", "kpis"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["invoices_read"], 2466);
    assert_eq!(v["aging"][1]["code"], "1_30");
    assert_eq!(v["aging"][1]["amount"], "835.56");
    assert_eq!(v["aging"][1]["drill"]["due_from"], "2013-05-31");
    assert_eq!(v["aging"][1]["drill"]["due_to"], "2013-06-29");
    assert_eq!(v["paid"]["share_late"], "34.0");
    assert_eq!(v["paid"]["average_days_late"], "3.5");
    assert_eq!(v["top_overdue"].as_array().unwrap().len(), 10);
    assert_eq!(v["forecast"].as_array().unwrap().len(), 12);
}

#[test]
fn kpis_in_french_and_english_and_an_empty_book() {
    let dir = ibm_books();
    let out = relance("fr_FR.UTF-8", dir.path(), &["--as-of", "2013-06-30", "report", "kpis"]);
    let s = text(&out.stdout);
    for part in [
        "DSO simple : 23,2 jours",
        "Dont payées en retard",
        "116 (34,0\u{a0}%)",
        "Clients les plus en retard",
        "Au-delà",
    ] {
        assert!(s.contains(part), "{part} in {s}");
    }
    let out = relance("en_GB.UTF-8", dir.path(), &["--as-of", "2013-06-30", "report", "kpis"]);
    let s = text(&out.stdout);
    assert!(s.contains("Simple DSO: 23.2 days") && s.contains("€5,119.85"), "{s}");

    let empty = tempfile::tempdir().unwrap();
    let out = relance("fr_FR.UTF-8", empty.path(), &["--as-of", "2026-03-31", "report", "kpis"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    assert!(s.contains("DSO simple : —") && s.contains("Aucune facture en retard."), "{s}");
}

#[test]
fn bad_arguments_are_refused_in_french() {
    let dir = tempfile::tempdir().unwrap();
    let out = relance("fr_FR.UTF-8", dir.path(), &["report", "dso", "--days", "0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--days"), "{}", text(&out.stderr));
    let out = relance("fr_FR.UTF-8", dir.path(), &["--as-of", "31/02/2026", "report", "aging"]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).to_lowercase().contains("date"), "{}", text(&out.stderr));
    let out = relance("fr_FR.UTF-8", dir.path(), &["report", "clients"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn customers_are_listed_riskiest_first_with_their_reasons() {
    let dir = ibm_books();
    let out = relance("fr_FR.UTF-8", dir.path(), &["--as-of", "2014-03-01", "report", "customers"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    assert!(s.starts_with("Comportement de paiement au 01/03/2014"), "{s}");
    assert!(s.contains("Raison principale") && s.contains("dernières factures"), "{s}");
    let out = relance("fr_FR.UTF-8", dir.path(), &["--json", "--as-of", "2014-03-01", "report", "customers"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows.len(), 100, "every customer of the sample");
    let scores: Vec<u64> = rows.iter().map(|r| r["score"].as_u64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] <= w[1]), "riskiest first: {scores:?}");
    // Every reason is a sentence, never a code.
    for r in &rows {
        let first = r["reasons"][0].as_str().unwrap();
        assert!(first.ends_with('.') && first.chars().next().unwrap().is_uppercase(), "{first}");
    }
}
