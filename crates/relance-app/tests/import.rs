//! CSV import on real SQLite files: the IBM accounts-receivable sample
//! (2,466 invoices, each settled), a second import that changes nothing,
//! and a corpus of broken files, each refused with row-precise errors and
//! nothing written.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use relance_app::import::{self, DateOrder, Encoding, ImportProblem, ImportReport, InvoiceMapping, RowError};
use relance_app::{FixedClock, LocalContext};
use relance_domain::validation::Problem;
use relance_store::backup::dump;
use relance_store::Store;
use sha2::{Digest, Sha256};

fn fixture(name: &str) -> Vec<u8> {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "fixtures", "import", name].iter().collect();
    std::fs::read(path).unwrap()
}

fn context(dir: &Path) -> LocalContext {
    let store = Store::open(&dir.join("relance.sqlite3")).unwrap();
    LocalContext::new(store, Box::new(FixedClock(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap())))
}

fn books(ctx: &LocalContext) -> Vec<(String, Vec<String>)> {
    dump(&ctx.store).unwrap()
}

fn rows(ctx: &LocalContext, table: &str) -> usize {
    books(ctx).into_iter().find(|(t, _)| t == table).map_or(0, |(_, r)| r.len())
}

fn run(ctx: &mut LocalContext, bytes: &[u8], mapping: &InvoiceMapping, dry_run: bool) -> ImportReport {
    import::invoices(ctx, bytes, mapping, None, dry_run).unwrap()
}

/// The sum of a column of `12.34` amounts in cents, by string arithmetic.
fn cents_of_column(csv: &str, col: usize) -> i64 {
    csv.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v = l.split(',').nth(col).unwrap().trim();
            let (units, frac) = v.split_once('.').unwrap_or((v, ""));
            let frac = format!("{frac:0<2}");
            assert_eq!(frac.len(), 2, "{v}");
            units.parse::<i64>().unwrap() * 100 + frac.parse::<i64>().unwrap()
        })
        .sum()
}

#[test]
fn the_ibm_sample_is_imported_whole_then_again_without_change() {
    let bytes = fixture("ibm_ar.csv");
    assert_eq!(
        format!("{:x}", Sha256::digest(&bytes)),
        "f5d488eaa4c1cc843b478b6f1068c553c5394aab4b64d587e4b9ad811d845c19"
    );
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = context(dir.path());

    let dry = run(&mut ctx, &bytes, &InvoiceMapping::ibm(), true);
    assert!(dry.errors.is_empty(), "{:?}", &dry.errors[..dry.errors.len().min(5)]);
    assert_eq!((dry.customers_created, dry.invoices_created, dry.payments_created), (100, 2466, 2466));
    assert!(!dry.written);
    assert_eq!(rows(&ctx, "invoices"), 0, "a dry run writes nothing");

    let report = run(&mut ctx, &bytes, &InvoiceMapping::ibm(), false);
    assert!(report.errors.is_empty());
    assert!(report.written);
    assert_eq!(report.rows, 2466);
    assert_eq!((report.customers_created, report.invoices_created, report.payments_created), (100, 2466, 2466));
    assert_eq!(report.unchanged, 0);
    assert_eq!((report.encoding, report.delimiter), (Some(Encoding::Utf8), Some(',')));
    assert!(report.disputed_seen > 0);
    assert_eq!(rows(&ctx, "customers"), 100);
    assert_eq!(rows(&ctx, "invoices"), 2466);
    assert_eq!(rows(&ctx, "payments"), 2466);
    assert_eq!(rows(&ctx, "allocations"), 2466);
    assert!(ctx.store.check_invariants().unwrap().is_empty());

    // Totals: the app's stored cents against string arithmetic on the file.
    let text = String::from_utf8(bytes.clone()).unwrap();
    let expected = cents_of_column(&text, 6);
    let (mut stored, mut settled) = (0i64, 0i64);
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let number = line.split(',').nth(3).unwrap();
        let inv = relance_store::invoices::find_by_number(ctx.store.conn(), number).unwrap().unwrap();
        stored += inv.data.total.cents();
        settled += inv.settled.cents();
    }
    assert_eq!(stored, expected);
    assert_eq!(settled, expected, "every invoice is paid in full");
    // Leading zeros of the numbers are kept, dates read month first.
    let first = relance_store::invoices::find_by_number(ctx.store.conn(), "0000611365").unwrap().unwrap();
    assert_eq!(first.customer_name, "0379-NEVHP");
    assert_eq!(first.data.issue_date, NaiveDate::from_ymd_opt(2013, 1, 2).unwrap());
    assert_eq!(first.data.due_date, NaiveDate::from_ymd_opt(2013, 2, 1).unwrap());
    assert_eq!(first.data.total.cents(), 5594);
    let paid = relance_store::payments::applied_to_invoice(ctx.store.conn(), first.id).unwrap();
    assert_eq!(paid.len(), 1);
    assert_eq!((paid[0].0, paid[0].1.cents()), (NaiveDate::from_ymd_opt(2013, 1, 15).unwrap(), 5594));

    let before = books(&ctx);
    let again = run(&mut ctx, &bytes, &InvoiceMapping::ibm(), false);
    assert!(again.errors.is_empty());
    assert_eq!((again.customers_created, again.invoices_created, again.payments_created), (0, 0, 0));
    assert_eq!(again.unchanged, 2466);
    assert_eq!(books(&ctx), before, "a second import changes nothing");
}

/// A small valid book first, so that "nothing written" means unchanged.
fn seeded() -> (tempfile::TempDir, LocalContext) {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = context(dir.path());
    let seed = "Client;N° facture;Date;Échéance;Montant TTC\nSeed;S-1;15/01/2026;14/02/2026;10,00\n";
    let r = run(&mut ctx, seed.as_bytes(), &InvoiceMapping::generic(), false);
    assert!(r.written && r.errors.is_empty(), "{:?}", r.errors);
    (dir, ctx)
}

/// Imports a broken file: nothing is written, and the errors are returned.
fn refused(bytes: &[u8]) -> Vec<RowError> {
    let (_dir, mut ctx) = seeded();
    let before = books(&ctx);
    let report = run(&mut ctx, bytes, &InvoiceMapping::generic(), false);
    assert!(!report.written);
    assert!(!report.errors.is_empty());
    assert_eq!(books(&ctx), before, "nothing written");
    report.errors
}

fn value(problem: Problem, value: &str) -> ImportProblem {
    ImportProblem::Value { problem, value: value.to_string() }
}

#[test]
fn a_file_with_another_delimiter_names_the_missing_columns() {
    let errors = refused(&fixture("wrong_delimiter.csv"));
    assert_eq!(errors.len(), 5, "{errors:?}");
    // `120,00` splits the only data line in two with the `,` read instead.
    assert_eq!(errors[0], RowError::file(Some(2), ImportProblem::CellCount { expected: 1, found: 2 }));
    let missing: Vec<_> = errors[1..].iter().map(|e| (e.line, e.column.as_deref().unwrap_or(""))).collect();
    assert_eq!(missing, [(Some(1), "Client"), (Some(1), "N° facture"), (Some(1), "Date"), (Some(1), "Montant TTC")]);
    assert!(matches!(&errors[1].problem, ImportProblem::MissingColumn { found } if found.len() == 1));
}

#[test]
fn a_truncated_line_is_named() {
    let errors = refused(&fixture("truncated_line.csv"));
    assert_eq!(errors, vec![RowError::file(Some(4), ImportProblem::CellCount { expected: 5, found: 3 })]);
}

#[test]
fn a_bad_date_is_named_with_its_line_and_column() {
    let errors = refused(&fixture("bad_date.csv"));
    assert_eq!(errors, vec![RowError::at(3, "Date", value(Problem::InvalidDate, "32/01/2026"))]);
}

#[test]
fn a_negative_amount_is_refused() {
    let errors = refused(&fixture("negative_amount.csv"));
    assert_eq!(errors, vec![RowError::at(3, "Montant TTC", value(Problem::NegativeAmount, "-80,50"))]);
}

#[test]
fn binary_junk_is_not_text() {
    let errors = refused(&fixture("binary_junk.bin"));
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].problem, ImportProblem::NotText);
    assert!(errors[0].line.is_some());
}

#[test]
fn a_ten_megabyte_line_is_refused_by_its_number() {
    let mut file =
        b"Client;N\xc2\xb0 facture;Date;\xc3\x89ch\xc3\xa9ance;Montant TTC\nDupont;F-1;15/01/2026;14/02/2026;1,00\n"
            .to_vec();
    file.extend(std::iter::repeat_n(b'x', 10 * 1024 * 1024));
    file.extend(b";F-2;16/01/2026;15/02/2026;2,00\nMartin;F-3;17/01/2026;16/02/2026;3,00\n");
    let errors = refused(&file);
    assert_eq!(errors, vec![RowError::file(Some(3), ImportProblem::LineTooLong { max: 100_000 })]);
    // A 10 MB header line: no other line is taken for the header.
    let mut file = vec![b'h'; 10 * 1024 * 1024];
    file.extend(b"\nDupont;F-1;15/01/2026;14/02/2026;1,00\n");
    let errors = refused(&file);
    assert_eq!(errors, vec![RowError::file(Some(1), ImportProblem::LineTooLong { max: 100_000 })]);
    // And a file of one 10 MB line without any newline.
    let errors = refused(&vec![b'a'; 10 * 1024 * 1024]);
    assert_eq!(errors, vec![RowError::file(Some(1), ImportProblem::LineTooLong { max: 100_000 })]);
}

#[test]
fn ambiguous_dates_ask_for_the_order_and_the_answer_imports() {
    let bytes = fixture("ambiguous_dates.csv");
    let errors = refused(&bytes);
    assert!(errors.contains(&RowError {
        line: None,
        column: Some("Date".into()),
        problem: ImportProblem::AmbiguousDates
    }));
    assert!(errors.contains(&RowError {
        line: None,
        column: Some("Échéance".into()),
        problem: ImportProblem::AmbiguousDates
    }));
    let (_dir, mut ctx) = seeded();
    let r = import::invoices(&mut ctx, &bytes, &InvoiceMapping::generic(), Some(DateOrder::DayFirst), false).unwrap();
    assert!(r.written && r.errors.is_empty());
    let inv = relance_store::invoices::find_by_number(ctx.store.conn(), "F-1").unwrap().unwrap();
    assert_eq!(inv.data.issue_date, NaiveDate::from_ymd_opt(2026, 2, 1).unwrap());
}

#[test]
fn ambiguous_amounts_name_their_column() {
    let file = "Client;N° facture;Date;Montant TTC\nDupont;F-1;15/01/2026;1,234\nMartin;F-2;16/01/2026;2,000\n";
    let errors = refused(file.as_bytes());
    assert_eq!(
        errors,
        vec![RowError { line: None, column: Some("Montant TTC".into()), problem: ImportProblem::AmbiguousAmounts }]
    );
}

#[test]
fn every_bad_row_is_listed_not_only_the_first() {
    let file = "Client;N° facture;Date;Montant TTC\n;F-1;15/01/2026;1,50\nMartin;F-2;16/01/2026;abc\nMartin;F-2;17/01/2026;2,00\nDurand;F-4;14/01/2026;0,00\n";
    let errors = refused(file.as_bytes());
    assert_eq!(
        errors,
        vec![
            RowError::at(2, "Client", value(Problem::Required, "")),
            RowError::at(3, "Montant TTC", value(Problem::InvalidAmount, "abc")),
            RowError::at(5, "Montant TTC", value(Problem::ZeroAmount, "0,00")),
        ]
    );
}

#[test]
fn a_number_twice_in_the_file_or_changed_in_the_books_is_refused() {
    let file = "Client;N° facture;Date;Montant TTC\nDupont;F-1;15/01/2026;1,50\nMartin;F-1;16/01/2026;2,50\n";
    let errors = refused(file.as_bytes());
    assert_eq!(errors, vec![RowError::at(3, "N° facture", ImportProblem::DuplicateInFile { first_line: 2 })]);
    // The seeded S-1 is 10,00 for « Seed »: another amount is a conflict.
    let file = "Client;N° facture;Date;Échéance;Montant TTC\nSeed;S-1;15/01/2026;14/02/2026;11,00\nNew;N-1;15/01/2026;14/02/2026;5,00\n";
    let errors = refused(file.as_bytes());
    assert_eq!(errors, vec![RowError::at(2, "N° facture", ImportProblem::ConflictsWithBooks)]);
}

#[test]
fn windows_1252_and_bom_files_keep_their_accents() {
    let (_dir, mut ctx) = seeded();
    let r = run(&mut ctx, &fixture("windows1252.csv"), &InvoiceMapping::generic(), false);
    assert!(r.written && r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!((r.encoding, r.delimiter), (Some(Encoding::Windows1252), Some(';')));
    let inv = relance_store::invoices::find_by_number(ctx.store.conn(), "F-10").unwrap().unwrap();
    assert_eq!(inv.customer_name, "Société Générale");
    assert_eq!(inv.data.total.cents(), 123_456);
    let inv = relance_store::invoices::find_by_number(ctx.store.conn(), "F-11").unwrap().unwrap();
    assert_eq!((inv.customer_name.as_str(), inv.data.total.cents()), ("Café de la Gare", 9_990));

    let r = run(&mut ctx, &fixture("utf8_bom.csv"), &InvoiceMapping::generic(), false);
    assert!(r.written && r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!((r.encoding, r.delimiter), (Some(Encoding::Utf8Bom), Some(',')));
    let inv = relance_store::invoices::find_by_number(ctx.store.conn(), "0007").unwrap().unwrap();
    assert_eq!((inv.customer_name.as_str(), inv.data.total.cents()), ("Étienne Noël", 123_456));
    assert_eq!(inv.data.issue_date, NaiveDate::from_ymd_opt(2026, 1, 15).unwrap());
}

#[test]
fn a_settled_date_added_later_records_the_payment_once() {
    let (_dir, mut ctx) = seeded();
    let file = "Client;N° facture;Date;Échéance;Montant TTC;Date de paiement\nSeed;S-1;15/01/2026;14/02/2026;10,00;20/02/2026\n";
    let r = run(&mut ctx, file.as_bytes(), &InvoiceMapping::generic(), false);
    assert!(r.written && r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!((r.invoices_created, r.payments_created, r.unchanged), (0, 1, 0));
    let inv = relance_store::invoices::find_by_number(ctx.store.conn(), "S-1").unwrap().unwrap();
    assert_eq!(inv.settled.cents(), 1_000);
    let before = books(&ctx);
    let r = run(&mut ctx, file.as_bytes(), &InvoiceMapping::generic(), false);
    assert_eq!((r.payments_created, r.unchanged), (0, 1));
    assert_eq!(books(&ctx), before);
    // Another payment date for an invoice already paid is refused.
    let other = file.replace("20/02/2026", "21/02/2026");
    let before = books(&ctx);
    let r = run(&mut ctx, other.as_bytes(), &InvoiceMapping::generic(), false);
    assert_eq!(r.errors, vec![RowError::at(2, "N° facture", ImportProblem::OtherPayments)]);
    assert_eq!(books(&ctx), before);
    assert!(ctx.store.check_invariants().unwrap().is_empty());
}

#[test]
fn no_input_makes_the_import_panic() {
    use rand::{Rng, SeedableRng};
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(6);
    let (_dir, mut ctx) = seeded();
    let alphabet: &[u8] =
        b"Client;N\xc2\xb0 facture,Date\t\xc3\x89ch\xc3\xa9ance Montant TTC\n\r\"/-.,;0123456789 \xe9\x00\xff";
    let base = "Client;N° facture;Date;Échéance;Montant TTC;Date de paiement\nA;F-1;15/01/2026;14/02/2026;1 234,56;20/02/2026\n";
    for _ in 0..400 {
        let mut bytes = base.as_bytes().to_vec();
        // Mutate a valid file a little, or write noise from CSV-ish characters.
        if rng.random_bool(0.5) {
            for _ in 0..rng.random_range(1..6) {
                let at = rng.random_range(0..bytes.len());
                bytes[at] = alphabet[rng.random_range(0..alphabet.len())];
            }
        } else {
            bytes = (0..rng.random_range(0..300)).map(|_| alphabet[rng.random_range(0..alphabet.len())]).collect();
        }
        let r = run(&mut ctx, &bytes, &InvoiceMapping::generic(), rng.random_bool(0.3));
        assert!(!r.written || r.errors.is_empty(), "written with errors");
    }
    assert!(ctx.store.check_invariants().unwrap().is_empty());
}
