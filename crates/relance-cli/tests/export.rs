//! `relance export`: the real binary on a temporary data folder holding the
//! example business; the file it writes read back with the csv crate.

mod common;

use common::{relance, text};

use relance_store::counts::row_counts;
use relance_store::Store;

#[test]
fn export_writes_the_books_in_french_and_english() {
    let dir = tempfile::tempdir().unwrap();
    let demo = relance("fr_FR.UTF-8", dir.path(), &["--as-of", "2026-03-16", "demo"]);
    assert!(demo.status.success(), "{}", text(&demo.stderr));
    let invoices = {
        let store = Store::open(&dir.path().join("relance.sqlite3")).unwrap();
        row_counts(store.conn()).unwrap().invoices
    };

    let fr = dir.path().join("factures.csv");
    let fr_arg = fr.display().to_string();
    let out = relance("fr_FR.UTF-8", dir.path(), &["export", "--kind", "invoices", "--out", &fr_arg]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).trim(), format!("{invoices} lignes écrites dans {fr_arg}"));
    let bytes = std::fs::read(&fr).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let mut r = csv::ReaderBuilder::new().delimiter(b';').from_reader(&bytes[3..]);
    assert_eq!(&r.headers().unwrap()[1], "N° facture");
    assert_eq!(r.records().count() as u64, invoices);

    let en = dir.path().join("aging.csv");
    let en_arg = en.display().to_string();
    let out = relance(
        "fr_FR.UTF-8",
        dir.path(),
        &["export", "--kind", "aging", "--as-of", "2026-03-16", "--format", "en", "--out", &en_arg],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let bytes = std::fs::read(&en).unwrap();
    let mut r = csv::Reader::from_reader(bytes.as_slice());
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        ["Customer", "Not due", "1-30 days", "31-60 days", "61-90 days", "Over 90 days", "Total"]
    );
    let rows = r.records().count();
    assert!(rows > 0);
    assert!(text(&out.stdout).starts_with(&format!("{rows} lignes écrites dans")));

    // The dashboard's figures at the same date, in English: receivables equal the aged balance's total.
    let total: rust_decimal::Decimal = {
        let mut r = csv::Reader::from_reader(bytes.as_slice());
        r.records().map(|rec| rec.unwrap()[6].parse::<rust_decimal::Decimal>().unwrap()).sum()
    };
    let kpis = dir.path().join("kpis.csv");
    let kpis_arg = kpis.display().to_string();
    let out =
        relance("en_GB.UTF-8", dir.path(), &["export", "--kind", "kpis", "--as-of", "2026-03-16", "--out", &kpis_arg]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let bytes = std::fs::read(&kpis).unwrap();
    let mut r = csv::Reader::from_reader(bytes.as_slice());
    assert_eq!(r.headers().unwrap().iter().collect::<Vec<_>>(), ["Figure", "Value", "Unit", "Invoices"]);
    let receivables =
        r.records().map(|rec| rec.unwrap()).find(|rec| &rec[0] == "Receivables").expect("a receivables row");
    assert_eq!(receivables[1].parse::<rust_decimal::Decimal>().unwrap(), total);

    // A bad date is refused, naming the field, and no file is written.
    let bad = dir.path().join("bad.csv");
    let out = relance(
        "fr_FR.UTF-8",
        dir.path(),
        &["export", "--kind", "agenda", "--as-of", "32/13/2026", "--out", &bad.display().to_string()],
    );
    assert!(!out.status.success());
    assert!(!bad.exists());
    assert!(!text(&out.stderr).is_empty());
}

#[test]
fn export_replaces_a_file_whole_and_refuses_a_missing_folder_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let demo = relance("fr_FR.UTF-8", dir.path(), &["--as-of", "2026-03-16", "demo"]);
    assert!(demo.status.success(), "{}", text(&demo.stderr));
    let out_dir = dir.path().join("exports");
    std::fs::create_dir(&out_dir).unwrap();
    let file = out_dir.join("clients.csv");
    std::fs::write(&file, "x".repeat(1_000_000)).unwrap();
    let arg = file.display().to_string();
    let out = relance("fr_FR.UTF-8", dir.path(), &["export", "--kind", "customers", "--out", &arg]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBFNom;"), "the new file from its first byte");
    assert!(bytes.len() < 100_000 && !bytes.ends_with(b"xxx"), "nothing of the old file");
    let names: Vec<_> = std::fs::read_dir(&out_dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, [std::ffi::OsString::from("clients.csv")], "no temporary file left");

    let missing = dir.path().join("absent").join("clients.csv");
    let out =
        relance("fr_FR.UTF-8", dir.path(), &["export", "--kind", "customers", "--out", &missing.display().to_string()]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("impossible d’écrire le fichier"), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("clients.csv"), "{}", text(&out.stderr));
    assert!(!dir.path().join("absent").exists());
}
