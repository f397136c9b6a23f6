//! Export to CSV on a real SQLite file holding the example business.

use chrono::NaiveDate;
use relance_app::demo::{self, DemoOptions};
use relance_app::export::{self, Format, Kind};
use relance_app::{customers, invoices, FixedClock, LocalContext};
use relance_domain::customer::CustomerInput;
use relance_domain::invoice::InvoiceInput;
use relance_domain::validation::Field;
use relance_domain::Money;
use relance_store::counts::row_counts;
use relance_store::Store;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 16).unwrap()
}

fn demo_books(dir: &tempfile::TempDir) -> LocalContext {
    let store = Store::open(&dir.path().join("relance.sqlite3")).unwrap();
    let mut ctx = LocalContext::new(store, Box::new(FixedClock(today())));
    demo::load(&mut ctx, &DemoOptions::default()).unwrap();
    ctx
}

/// The header and the rows, read back with the csv crate.
fn read(bytes: &[u8], format: Format) -> (Vec<String>, Vec<Vec<String>>) {
    let (delimiter, body) = match format {
        Format::Fr => {
            assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "the French file starts with a BOM");
            (b';', &bytes[3..])
        }
        Format::En => {
            assert!(!bytes.starts_with(b"\xEF\xBB\xBF"), "the English file has no BOM");
            (b',', bytes)
        }
    };
    let mut r = csv::ReaderBuilder::new().delimiter(delimiter).from_reader(body);
    let header = r.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = r.records().map(|rec| rec.unwrap().iter().map(str::to_owned).collect()).collect();
    (header, rows)
}

fn money(cell: &str, format: Format) -> Money {
    let text = if format == Format::Fr { cell.replace(',', ".") } else { cell.to_owned() };
    assert!(!text.contains(',') && !text.contains(' '), "{cell}");
    Money::parse(Field::Amount, &text).unwrap()
}

#[test]
fn each_kind_reads_back_with_as_many_rows_as_the_books() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = demo_books(&dir);
    let counts = row_counts(ctx.store.conn()).unwrap();
    for format in [Format::Fr, Format::En] {
        for (kind, expected) in
            [(Kind::Customers, counts.customers), (Kind::Invoices, counts.invoices), (Kind::Payments, counts.payments)]
        {
            let out = export::export(&ctx, kind, today(), format).unwrap();
            let (header, rows) = read(&out.bytes, format);
            assert_eq!(rows.len() as u64, expected, "{kind:?} {format:?}");
            assert_eq!(out.rows as u64, expected);
            assert!(rows.iter().all(|r| r.len() == header.len()));
        }
        for kind in [Kind::Aging, Kind::Agenda] {
            let out = export::export(&ctx, kind, today(), format).unwrap();
            let (_, rows) = read(&out.bytes, format);
            assert!(!rows.is_empty(), "{kind:?} {format:?}");
            assert_eq!(out.rows, rows.len());
        }
        let agenda = relance_app::collections::agenda(&ctx, today()).unwrap().agenda;
        let actions: usize = agenda.customers.iter().map(|c| c.actions.len()).sum();
        let out = export::export(&ctx, Kind::Agenda, today(), format).unwrap();
        assert_eq!(read(&out.bytes, format).1.len(), actions, "one row per action of the agenda");
    }
}

#[test]
fn the_invoice_totals_add_up_to_the_books_in_both_formats() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = demo_books(&dir);
    let books: i64 = ctx.store.conn().query_row("SELECT SUM(total_cents) FROM invoices", [], |r| r.get(0)).unwrap();
    for (format, total_col) in [(Format::Fr, "Montant TTC"), (Format::En, "Total")] {
        let out = export::export(&ctx, Kind::Invoices, today(), format).unwrap();
        let (header, rows) = read(&out.bytes, format);
        let col = header.iter().position(|h| h == total_col).unwrap();
        let sum: Money = rows.iter().map(|r| money(&r[col], format)).sum();
        assert_eq!(sum.cents(), books, "{format:?}");
    }
}

#[test]
fn the_aged_balance_late_part_equals_the_overdue_report_and_the_buckets_add_up() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = demo_books(&dir);
    let report = relance_app::reports::overdue(&ctx, today()).unwrap();
    for format in [Format::Fr, Format::En] {
        let out = export::export(&ctx, Kind::Aging, today(), format).unwrap();
        let (header, rows) = read(&out.bytes, format);
        assert_eq!(header.len(), 7);
        let mut late = Money::ZERO;
        let not_due: Money = rows.iter().map(|r| money(&r[1], format)).sum();
        let books: i64 = ctx
            .store
            .conn()
            .query_row(
                "SELECT SUM(total_cents - settled_cents) FROM invoices
                 WHERE cancelled_at IS NULL AND issue_date <= ?1 AND due_date >= ?1",
                ["2026-03-16"],
                |r| r.get(0),
            )
            .unwrap();
        assert!(books > 0);
        assert_eq!(not_due.cents(), books, "not due: what remains on the invoices not yet due");
        for r in &rows {
            let buckets: Vec<Money> = r[1..6].iter().map(|c| money(c, format)).collect();
            assert_eq!(buckets.iter().copied().sum::<Money>(), money(&r[6], format), "row {r:?}");
            late += buckets[1..].iter().copied().sum::<Money>();
        }
        assert!(late.is_positive());
        let names: Vec<String> = rows.iter().map(|r| relance_store::search_key::fold(&r[0])).collect();
        assert!(names.windows(2).all(|w| w[0] <= w[1]), "by name");
        assert_eq!(late, report.total, "{format:?}");
    }
    // Today's "overdue" figure agrees too.
    let today_view = relance_app::today::view(&ctx, relance_app::Page { size: 50, index: 0 }).unwrap();
    assert_eq!(report.total, today_view.today.total_overdue);
}

#[test]
fn french_and_english_formats_differ_in_delimiter_decimal_and_dates() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = demo_books(&dir);
    let fr = export::export(&ctx, Kind::Invoices, today(), Format::Fr).unwrap();
    let en = export::export(&ctx, Kind::Invoices, today(), Format::En).unwrap();
    let (fr_header, fr_rows) = read(&fr.bytes, Format::Fr);
    let (en_header, en_rows) = read(&en.bytes, Format::En);
    assert_eq!(fr_header[1], "N° facture");
    assert_eq!(en_header[1], "Invoice number");
    assert_eq!(fr_rows.len(), en_rows.len());
    let (f, e) = (&fr_rows[0], &en_rows[0]);
    let issue = NaiveDate::parse_from_str(&e[2], "%Y-%m-%d").unwrap();
    assert_eq!(NaiveDate::parse_from_str(&f[2], "%d/%m/%Y").unwrap(), issue);
    assert!(f[6].contains(',') && !f[6].contains('.'), "{}", f[6]);
    assert!(e[6].contains('.') && !e[6].contains(','), "{}", e[6]);
    assert_eq!(f[6].replace(',', "."), e[6]);
    let text = String::from_utf8(fr.bytes[3..].to_vec()).unwrap();
    assert!(text.lines().next().unwrap().contains(';'));
}

#[test]
fn a_hostile_customer_name_stays_text_in_a_spreadsheet() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("relance.sqlite3")).unwrap();
    let mut ctx = LocalContext::new(store, Box::new(FixedClock(today())));
    let names = ["=HYPERLINK(\"http://x\";\"y\")", "+33 Café; \"le\" bon\nchoix", "-1+2", "@SUM(A1)", "Paul; Fils"];
    for (n, name) in names.iter().enumerate() {
        let input = CustomerInput {
            kind: "business".into(),
            name: (*name).into(),
            terms: "net:30".into(),
            ..Default::default()
        };
        let c = customers::create(&mut ctx, &input).unwrap().id;
        let inv = InvoiceInput {
            number: format!("FA-{n}"),
            issue_date: "2026-01-02".into(),
            total: Some("100,50".into()),
            ..Default::default()
        };
        invoices::create(&mut ctx, c, &inv).unwrap();
    }
    for format in [Format::Fr, Format::En] {
        for kind in [Kind::Customers, Kind::Invoices, Kind::Aging] {
            let out = export::export(&ctx, kind, today(), format).unwrap();
            let (_, rows) = read(&out.bytes, format);
            assert_eq!(rows.len(), names.len(), "{kind:?}");
            let mut got: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
            got.sort_unstable();
            let mut want: Vec<String> = names
                .iter()
                .map(|n| if n.starts_with(['=', '+', '-', '@']) { format!("'{n}") } else { (*n).to_owned() })
                .collect();
            want.sort_unstable();
            assert_eq!(got, want, "{kind:?} {format:?}");
            assert!(rows.iter().all(|r| !r[0].starts_with(['=', '+', '-', '@'])));
        }
    }
}

fn names_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort_unstable();
    names
}

#[test]
fn the_file_is_replaced_whole_through_a_temporary_file_and_nothing_else_stays() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = demo_books(&dir);
    let folder = dir.path().join("exports");
    std::fs::create_dir(&folder).unwrap();
    let dest = folder.join("relance-factures-2026-03-16.csv");
    std::fs::write(&dest, "an older, longer file that must not leave a tail behind ".repeat(1000)).unwrap();
    // A reader that had the old file open keeps reading the old file: the new one was written
    // beside it and renamed over it, never written into it.
    let mut before = std::fs::File::open(&dest).unwrap();
    let out = export::export(&ctx, Kind::Invoices, today(), Format::Fr).unwrap();
    export::write_file(&dest, &out).unwrap();
    let mut old = String::new();
    std::io::Read::read_to_string(&mut before, &mut old).unwrap();
    assert!(old.starts_with("an older, longer file"), "the old file was not written into");
    assert_eq!(std::fs::read(&dest).unwrap(), out.bytes, "the new export, whole, nothing of the old one");
    assert_eq!(names_in(&folder), ["relance-factures-2026-03-16.csv"], "no temporary file left");
}

#[test]
fn a_failed_write_leaves_the_users_file_untouched_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = demo_books(&dir);
    let out = export::export(&ctx, Kind::Customers, today(), Format::En).unwrap();
    let folder = dir.path().join("exports");
    std::fs::create_dir(&folder).unwrap();
    // The rename cannot replace a non-empty folder of that name: the write fails at its last step.
    let dest = folder.join("clients.csv");
    std::fs::create_dir(&dest).unwrap();
    std::fs::write(dest.join("keep.txt"), "mine").unwrap();
    assert!(export::write_file(&dest, &out).is_err());
    assert_eq!(std::fs::read_to_string(dest.join("keep.txt")).unwrap(), "mine");
    assert_eq!(names_in(&folder), ["clients.csv"], "the temporary file is removed");
    // A folder that does not exist: an error, nothing created.
    let missing = dir.path().join("nowhere").join("clients.csv");
    assert!(export::write_file(&missing, &out).is_err());
    assert!(!dir.path().join("nowhere").exists());
}

#[test]
fn a_phone_number_is_written_as_typed_and_a_formula_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("relance.sqlite3")).unwrap();
    let mut ctx = LocalContext::new(store, Box::new(FixedClock(today())));
    let people =
        [("Dupont", "+33 6 12 34 56 78"), ("Martin", "+33 (0)1 23 45 67 89"), ("Piège", "+1+cmd|' /C calc'!A0")];
    for (name, phone) in people {
        let input = CustomerInput {
            kind: "business".into(),
            name: name.into(),
            phone: phone.into(),
            terms: "net:30".into(),
            ..Default::default()
        };
        customers::create(&mut ctx, &input).unwrap();
    }
    for format in [Format::Fr, Format::En] {
        let out = export::export(&ctx, Kind::Customers, today(), format).unwrap();
        let (header, rows) = read(&out.bytes, format);
        let phone = header.iter().position(|h| h == "Téléphone" || h == "Phone").unwrap();
        let got: Vec<(&str, &str)> = rows.iter().map(|r| (r[0].as_str(), r[phone].as_str())).collect();
        assert!(got.contains(&("Dupont", "+33 6 12 34 56 78")), "{got:?}");
        assert!(got.contains(&("Martin", "+33 (0)1 23 45 67 89")), "{got:?}");
        assert!(got.contains(&("Piège", "'+1+cmd|' /C calc'!A0")), "{got:?}");
    }
}
