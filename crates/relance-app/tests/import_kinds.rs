//! Customers-only and payments-only CSV imports, the choices remembered per
//! header, and the progress of a written import: on real SQLite files, the
//! counts and totals against the file, a second import identical by `dump`,
//! and broken files refused with their lines and nothing written.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use relance_app::import::{self, DateOrder, ImportKind, ImportProblem, ImportReport, Preset};
use relance_app::{FixedClock, LocalContext};
use relance_domain::validation::Problem;
use relance_store::backup::dump;
use relance_store::Store;

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

fn run(ctx: &mut LocalContext, kind: ImportKind, csv: &str, dry_run: bool) -> ImportReport {
    import::run(ctx, kind, csv.as_bytes(), Preset::Generic, None, dry_run, &mut |_, _| {}).unwrap()
}

/// Imports a broken file into `ctx`: nothing is written; the (line, column, problem) of each error.
fn refused(ctx: &mut LocalContext, kind: ImportKind, csv: &str) -> Vec<(Option<u64>, Option<String>, ImportProblem)> {
    let before = books(ctx);
    let r = run(ctx, kind, csv, false);
    assert!(!r.written);
    assert_eq!(books(ctx), before, "nothing written");
    r.errors.into_iter().map(|e| (e.line, e.column, e.problem)).collect()
}

/// Cents of a French amount (`1 234,56`) by string arithmetic.
fn cents(v: &str) -> i64 {
    let v: String = v.chars().filter(|c| c.is_ascii_digit() || *c == ',').collect();
    let (units, frac) = v.split_once(',').unwrap_or((&v, "00"));
    units.parse::<i64>().unwrap() * 100 + format!("{frac:0<2}").parse::<i64>().unwrap()
}

const CUSTOMERS: &str = "Code;Nom;E-mail;Téléphone\n\
    C-001;Boulangerie Martin;compta@martin.fr;01 23 45 67 89\n\
    C-002;Garage Dupré;;\n\
    C-003;Éditions Lefèvre;factures@lefevre.fr;\n";

#[test]
fn customers_are_imported_by_their_code_then_again_without_change() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = context(dir.path());
    let dry = run(&mut ctx, ImportKind::Customers, CUSTOMERS, true);
    assert!(dry.errors.is_empty(), "{:?}", dry.errors);
    assert_eq!((dry.rows, dry.customers_created, dry.written), (3, 3, false));
    assert_eq!(dry.preview.len(), 3);
    assert_eq!(dry.preview[0].customer, "Boulangerie Martin");
    assert_eq!(dry.preview[0].number.as_deref(), Some("C-001"));
    assert_eq!(dry.preview[0].detail.as_deref(), Some("compta@martin.fr"));
    assert_eq!(rows(&ctx, "customers"), 0, "a dry run writes nothing");

    let r = run(&mut ctx, ImportKind::Customers, CUSTOMERS, false);
    assert!(r.written && r.errors.is_empty());
    assert_eq!((r.customers_created, r.unchanged), (3, 0));
    assert_eq!(rows(&ctx, "customers"), 3);
    assert_eq!(rows(&ctx, "customer_codes"), 3);
    let all = relance_store::customers::all(ctx.store.conn()).unwrap();
    let martin = all.iter().find(|c| c.data.name == "Boulangerie Martin").unwrap();
    assert_eq!(martin.data.email.as_deref(), Some("compta@martin.fr"));
    assert_eq!(martin.data.phone.as_deref(), Some("01 23 45 67 89"));

    let before = books(&ctx);
    let again = run(&mut ctx, ImportKind::Customers, CUSTOMERS, false);
    assert!(again.errors.is_empty());
    assert_eq!((again.customers_created, again.unchanged), (0, 3));
    // Only the remembered choice's timestamp may move: the books are the same.
    let strip =
        |b: Vec<(String, Vec<String>)>| b.into_iter().filter(|(t, _)| t != "import_choices").collect::<Vec<_>>();
    assert_eq!(strip(books(&ctx)), strip(before), "a second import changes nothing");
}

#[test]
fn customers_without_a_code_are_matched_by_name_without_case_or_accents() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = context(dir.path());
    let first = "Name,Email\nÉditions Lefèvre,a@lefevre.fr\nGarage Dupré,\n";
    assert_eq!(run(&mut ctx, ImportKind::Customers, first, false).customers_created, 2);
    // Another spelling of the same names, and one new customer; the same line twice is one customer.
    let second = "Nom;Courriel\nEDITIONS LEFEVRE;a@lefevre.fr\ngarage dupre;\nNouveau client;\nNouveau client;\n";
    let r = run(&mut ctx, ImportKind::Customers, second, false);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!((r.customers_created, r.unchanged), (1, 2));
    assert_eq!(rows(&ctx, "customers"), 3);
}

#[test]
fn a_broken_customers_file_names_its_lines_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = context(dir.path());
    run(&mut ctx, ImportKind::Customers, CUSTOMERS, false);
    let bad = "Code;Nom;E-mail\nC-010;Client A;a@a.fr\nC-011;Client B;pas-un-email\nC-012;;\nC-010;Client A bis;\n";
    let errors = refused(&mut ctx, ImportKind::Customers, bad);
    let lines: Vec<_> = errors.iter().map(|(l, c, _)| (l.unwrap(), c.clone().unwrap())).collect();
    assert_eq!(lines, vec![(3, "E-mail".to_string()), (4, "Nom".to_string()), (5, "Code".to_string())], "{errors:?}");
    assert!(matches!(errors[1].2, ImportProblem::Value { problem: Problem::Required, .. }));
    assert_eq!(errors[2].2, ImportProblem::DuplicateRow { first_line: 2 });
    let missing = refused(&mut ctx, ImportKind::Customers, "Ville;Pays\nParis;France\n");
    assert!(matches!(missing[0].2, ImportProblem::MissingColumn { .. }));
}

const INVOICES: &str = "Client;N° facture;Date;Échéance;Montant TTC\n\
    Boulangerie Martin;F-1;15/01/2026;14/02/2026;1 200,00\n\
    Boulangerie Martin;F-2;20/01/2026;19/02/2026;350,50\n\
    Garage Dupré;F-3;01/02/2026;03/03/2026;99,99\n";

const PAYMENTS: &str = "N° facture;Date;Montant;Référence;Client\n\
    F-1;20/02/2026;1 200,00;VIR-881;Boulangerie Martin\n\
    F-2;25/02/2026;100,50;;BOULANGERIE MARTIN\n\
    F-2;28/02/2026;150,00;;\n\
    F-3;13/03/2026;99,99;CHQ 1234;Garage Dupré\n";

fn with_invoices() -> (tempfile::TempDir, LocalContext) {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = context(dir.path());
    let r = run(&mut ctx, ImportKind::Invoices, INVOICES, false);
    assert!(r.written && r.errors.is_empty(), "{:?}", r.errors);
    (dir, ctx)
}

fn settled_cents(ctx: &LocalContext, number: &str) -> i64 {
    relance_store::invoices::find_by_number(ctx.store.conn(), number).unwrap().unwrap().settled.cents()
}

#[test]
fn payments_go_to_their_invoices_then_again_without_change() {
    let (_dir, mut ctx) = with_invoices();
    let r = run(&mut ctx, ImportKind::Payments, PAYMENTS, false);
    assert!(r.written && r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!((r.rows, r.payments_created, r.unchanged, r.invoices_created), (4, 4, 0, 0));
    assert_eq!(rows(&ctx, "payments"), 4);
    assert_eq!(rows(&ctx, "allocations"), 4);
    assert!(ctx.store.check_invariants().unwrap().is_empty());
    // What each invoice received, against the file's amounts.
    let file_total: i64 = PAYMENTS.lines().skip(1).map(|l| cents(l.split(';').nth(2).unwrap())).sum();
    let settled: i64 = ["F-1", "F-2", "F-3"].iter().map(|n| settled_cents(&ctx, n)).sum();
    assert_eq!(settled, file_total);
    assert_eq!(settled_cents(&ctx, "F-2"), cents("100,50") + cents("150,00"));
    let f1 = relance_store::invoices::find_by_number(ctx.store.conn(), "F-1").unwrap().unwrap();
    let paid = relance_store::payments::applied_to_invoice(ctx.store.conn(), f1.id).unwrap();
    assert_eq!(paid[0].0, NaiveDate::from_ymd_opt(2026, 2, 20).unwrap());
    let references: Vec<_> = relance_store::payments::all(ctx.store.conn())
        .unwrap()
        .into_iter()
        .filter_map(|p| match p.receipt {
            relance_store::payments::Receipt::Payment { reference, .. } => reference,
            _ => None,
        })
        .collect();
    assert_eq!(references.len(), 2);

    let before = books(&ctx);
    let again = run(&mut ctx, ImportKind::Payments, PAYMENTS, false);
    assert!(again.errors.is_empty(), "{:?}", again.errors);
    assert_eq!((again.payments_created, again.unchanged), (0, 4));
    let strip =
        |b: Vec<(String, Vec<String>)>| b.into_iter().filter(|(t, _)| t != "import_choices").collect::<Vec<_>>();
    assert_eq!(strip(books(&ctx)), strip(before), "a second import changes nothing");
}

#[test]
fn a_broken_payments_file_names_its_lines_and_writes_nothing() {
    let (_dir, mut ctx) = with_invoices();
    let bad = "N° facture;Date;Montant;Client\n\
        F-1;20/02/2026;100,00;Boulangerie Martin\n\
        F-404;20/02/2026;10,00;\n\
        F-3;20/02/2026;100,00;\n\
        F-2;20/02/2026;10,00;Inconnu SA\n\
        F-3;20/02/2026;10,00;Boulangerie Martin\n\
        F-2;32/02/2026;-5,00;\n";
    let errors = refused(&mut ctx, ImportKind::Payments, bad);
    let mut found: Vec<_> = errors.iter().map(|(l, c, p)| (l.unwrap(), c.clone().unwrap(), p.clone())).collect();
    found.sort_by_key(|(l, c, _)| (*l, c.clone()));
    assert_eq!(found.len(), 6, "{found:?}");
    assert_eq!(found[0], (3, "N° facture".to_string(), ImportProblem::UnknownInvoice));
    assert_eq!(
        found[1],
        (4, "Montant".to_string(), ImportProblem::Overpays { remaining: relance_domain::Money::from_cents(9999) })
    );
    assert_eq!(found[2], (5, "Client".to_string(), ImportProblem::UnknownCustomer));
    assert_eq!(found[3], (6, "Client".to_string(), ImportProblem::OtherCustomer));
    assert_eq!((found[4].0, found[4].1.as_str()), (7, "Date"));
    assert_eq!((found[5].0, found[5].1.as_str()), (7, "Montant"));
    assert_eq!(rows(&ctx, "payments"), 0);
}

#[test]
fn the_ibm_payments_are_those_the_invoices_import_already_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = context(dir.path());
    let bytes = fixture("ibm_ar.csv");
    let mut calls = Vec::new();
    let r =
        import::run(&mut ctx, ImportKind::Invoices, &bytes, Preset::Ibm, None, false, &mut |d, t| calls.push((d, t)))
            .unwrap();
    assert!(r.written);
    // The progress: from 0 to every row written (100 customers, 2,466 invoices and payments), never backwards.
    assert_eq!(calls.first(), Some(&(0, 100 + 2466 + 2466)));
    assert_eq!(calls.last(), Some(&(5032, 5032)));
    assert!(calls.windows(2).all(|w| w[0].0 <= w[1].0));
    assert!(calls.len() <= 110, "about a hundred steps, not one per row: {}", calls.len());
    assert_eq!(r.preview.len(), import::PREVIEW_ROWS);
    assert_eq!(r.preview[0].number.as_deref(), Some("0000611365"));
    assert_eq!((r.preview[0].line, r.preview[19].line), (2, 21), "the header is line 1");
    assert_eq!(r.preview[0].date, NaiveDate::from_ymd_opt(2013, 1, 2));

    let before = books(&ctx);
    let pay = import::run(&mut ctx, ImportKind::Payments, &bytes, Preset::Ibm, None, false, &mut |_, _| {}).unwrap();
    assert!(pay.errors.is_empty(), "{:?}", &pay.errors[..pay.errors.len().min(3)]);
    assert_eq!((pay.payments_created, pay.unchanged), (0, 2466));
    let cust = import::run(&mut ctx, ImportKind::Customers, &bytes, Preset::Ibm, None, false, &mut |_, _| {}).unwrap();
    assert!(cust.errors.is_empty(), "{:?}", &cust.errors[..cust.errors.len().min(3)]);
    assert_eq!((cust.customers_created, cust.unchanged), (0, 100));
    for table in ["customers", "invoices", "payments", "allocations"] {
        assert_eq!(rows(&ctx, table), before.iter().find(|(t, _)| t == table).unwrap().1.len(), "{table}");
    }
}

#[test]
fn the_choices_are_remembered_by_the_header_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = context(dir.path());
    let ambiguous = "Client;N° facture;Date;Montant TTC\nA;1;01/02/2026;10,00\n";
    assert_eq!(import::remembered(&ctx, ambiguous.as_bytes()).unwrap(), None);
    // A dry run remembers nothing.
    import::run(
        &mut ctx,
        ImportKind::Invoices,
        ambiguous.as_bytes(),
        Preset::Generic,
        Some(DateOrder::DayFirst),
        true,
        &mut |_, _| {},
    )
    .unwrap();
    assert_eq!(import::remembered(&ctx, ambiguous.as_bytes()).unwrap(), None);
    let r = import::run(
        &mut ctx,
        ImportKind::Invoices,
        ambiguous.as_bytes(),
        Preset::Generic,
        Some(DateOrder::DayFirst),
        false,
        &mut |_, _| {},
    )
    .unwrap();
    assert!(r.written);
    // Another file with the same header, written differently (case, accents, spaces, delimiter).
    let next = "CLIENT , N° Facture , date , Montant TTC\nB,2,03/04/2026,20.00\n";
    let remembered = import::remembered(&ctx, next.as_bytes()).unwrap().unwrap();
    assert_eq!(
        remembered,
        import::Remembered {
            kind: ImportKind::Invoices,
            preset: Preset::Generic,
            date_order: Some(DateOrder::DayFirst)
        }
    );
    assert_eq!(import::remembered(&ctx, b"Nom;Code\nA;1\n").unwrap(), None);
    assert_eq!(import::signature(b"\0\0binary"), None);
    assert_eq!(import::signature(b""), None);
}

#[test]
fn lines_are_numbered_as_the_file_shows_them_with_crlf_or_lf() {
    for eol in ["\n", "\r\n"] {
        let dir = tempfile::tempdir().unwrap();
        let mut ctx = context(dir.path());
        let csv =
            ["Client;N° facture;Date;Montant TTC", "", "A;1;15/01/2026;10,00", "B;2;32/01/2026;10,00", ""].join(eol);
        let r = run(&mut ctx, ImportKind::Invoices, &csv, true);
        assert_eq!(r.errors.len(), 1, "{eol:?}: {:?}", r.errors);
        assert_eq!(r.errors[0].line, Some(4), "{eol:?}");
        assert_eq!(r.preview[0].line, 3, "{eol:?}");
    }
}

#[test]
fn a_disputed_invoice_keeps_its_dispute_until_a_payments_import_settles_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = context(dir.path());
    let invoices = "Client;N° facture;Date;Échéance;Montant TTC;Litige\n\
        Boulangerie Martin;F-1;15/01/2026;14/02/2026;1 200,00;oui\n\
        Boulangerie Martin;F-2;20/01/2026;19/02/2026;350,50;non\n";
    let r = run(&mut ctx, ImportKind::Invoices, invoices, false);
    assert!(r.written && r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(r.disputed_seen, 1);
    let f1 = relance_store::invoices::find_by_number(ctx.store.conn(), "F-1").unwrap().unwrap();
    let spans = relance_store::kpis::disputes(ctx.store.conn()).unwrap();
    assert_eq!(spans.len(), 1);
    assert_eq!((spans[0].invoice, spans[0].opened, spans[0].closed), (f1.id, f1.data.issue_date, None));

    // A part payment leaves it open; the rest closes it, on that payment's date.
    let part = "N° facture;Date;Montant\nF-1;20/02/2026;200,00\n";
    assert!(run(&mut ctx, ImportKind::Payments, part, false).written);
    assert_eq!(relance_store::kpis::disputes(ctx.store.conn()).unwrap()[0].closed, None);
    let rest = "N° facture;Date;Montant\nF-1;25/03/2026;1 000,00\n";
    let r = run(&mut ctx, ImportKind::Payments, rest, false);
    assert!(r.written, "{:?}", r.errors);
    let spans = relance_store::kpis::disputes(ctx.store.conn()).unwrap();
    assert_eq!(spans[0].closed, NaiveDate::from_ymd_opt(2026, 3, 25));
    // The timeline says both, as for a dispute opened and settled by hand.
    let kinds: Vec<String> = books(&ctx)
        .into_iter()
        .find(|(t, _)| t == "activity")
        .map(|(_, rows)| rows)
        .unwrap_or_default()
        .into_iter()
        .filter(|r| r.contains("dispute"))
        .collect();
    assert_eq!(kinds.len(), 2, "{kinds:?}");
    assert!(ctx.store.check_invariants().unwrap().is_empty());
}
