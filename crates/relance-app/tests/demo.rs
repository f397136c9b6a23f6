//! The demo loader on a real SQLite file.

use chrono::NaiveDate;
use relance_app::demo::{self, DemoOptions};
use relance_app::{AppError, FixedClock, LocalContext, Page};
use relance_domain::company::{CompanyInput, Language};
use relance_domain::demo::generate;
use relance_store::counts::row_counts;
use relance_store::Store;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 16).unwrap()
}

fn context(dir: &tempfile::TempDir) -> LocalContext {
    let store = Store::open(&dir.path().join("relance.sqlite3")).unwrap();
    LocalContext::new(store, Box::new(FixedClock(today())))
}

#[test]
fn the_default_demo_loads_whole_and_consistent() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = context(&dir);
    let opts = DemoOptions::default();
    let summary = demo::load(&mut ctx, &opts).unwrap();

    let book = generate(&opts, today());
    assert_eq!(summary.customers as usize, book.customers.len());
    assert_eq!(summary.invoices as usize, book.invoices.len());
    assert_eq!(summary.payments as usize, book.payments.len());
    assert!(summary.company_set);
    let counts = row_counts(ctx.store.conn()).unwrap();
    assert_eq!(counts.customers, 40);
    assert_eq!(counts.invoices, 400);
    assert_eq!(counts.payments as usize, book.payments.len());
    assert_eq!(counts.allocations, u64::from(summary.allocations));
    // One entry per customer, invoice and payment, the company and the load itself.
    assert_eq!(counts.activity, 40 + 400 + counts.payments + 2);

    assert_eq!(ctx.store.check_invariants().unwrap(), Vec::<String>::new());

    let today_view = relance_app::today::view(&ctx, Page { size: 50, index: 0 }).unwrap();
    assert!(!today_view.today.groups.is_empty());
    assert!(today_view.today.groups.iter().any(|g| g.overdue.is_positive()));
    assert!(today_view.today.total_due_soon.is_positive());

    let company = relance_app::company::get(&ctx, Language::En).unwrap();
    assert_eq!(company.name, "Fournil Distribution");

    let report = relance_app::reports::overdue(&ctx, today()).unwrap();
    assert!(!report.lines.is_empty());
    assert_eq!(report.total, today_view.today.total_overdue, "the report and Today agree on what is overdue");

    // The file reopens (migrations check) and still holds everything.
    drop(ctx);
    let ctx = context(&dir);
    assert_eq!(row_counts(ctx.store.conn()).unwrap(), counts);
}

#[test]
fn a_database_with_customers_is_refused_and_left_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = context(&dir);
    demo::load(&mut ctx, &DemoOptions { customers: 5, invoices: 30, ..Default::default() }).unwrap();
    let before = row_counts(ctx.store.conn()).unwrap();
    let err = demo::load(&mut ctx, &DemoOptions::default()).unwrap_err();
    assert!(matches!(err, AppError::Invalid(_)), "{err:?}");
    assert_eq!(row_counts(ctx.store.conn()).unwrap(), before);
}

#[test]
fn a_saved_company_profile_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = context(&dir);
    let input = CompanyInput {
        name: "Ma Boîte".into(),
        default_terms: "net:45".into(),
        language: "fr".into(),
        ..Default::default()
    };
    relance_app::company::save(&mut ctx, &input).unwrap();
    let summary = demo::load(&mut ctx, &DemoOptions::default()).unwrap();
    assert!(!summary.company_set);
    assert_eq!(relance_app::company::get(&ctx, Language::Fr).unwrap().name, "Ma Boîte");
    // Customers that had no terms of their own keep the due dates they were given.
    let page = relance_app::customers::list(
        &ctx,
        &relance_store::customers::CustomerQuery {
            search: String::new(),
            include_archived: true,
            sort: relance_store::customers::CustomerSort::Name,
            descending: false,
            page: Page { size: 200, index: 0 },
        },
    )
    .unwrap();
    for row in page.rows {
        let c = relance_store::customers::get(ctx.store.conn(), row.id).unwrap().unwrap();
        assert!(c.data.terms.is_some(), "{} has explicit terms", c.data.name);
    }
}

#[test]
fn the_overdue_report_at_past_dates_matches_the_book() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = context(&dir);
    let opts = DemoOptions { customers: 30, invoices: 600, ..Default::default() };
    demo::load(&mut ctx, &opts).unwrap();
    let book = generate(&opts, today());
    for days_back in [0u64, 7, 30, 90, 200, 400] {
        let as_of = today().checked_sub_days(chrono::Days::new(days_back)).unwrap();
        // Derived from the book alone: settled by the payments dated by then.
        let mut settled = vec![0i64; book.invoices.len()];
        for p in book.payments.iter().filter(|p| p.date <= as_of) {
            for (i, m) in &p.allocations {
                settled[*i] += m.cents();
            }
        }
        let mut expected: Vec<(String, i64)> = book
            .invoices
            .iter()
            .enumerate()
            .filter(|(i, (_, inv))| inv.issue_date <= as_of && inv.due_date < as_of && settled[*i] < inv.total.cents())
            .map(|(i, (_, inv))| (inv.number.clone(), inv.total.cents() - settled[i]))
            .collect();
        expected.sort();
        let report = relance_app::reports::overdue(&ctx, as_of).unwrap();
        let mut got: Vec<(String, i64)> =
            report.lines.iter().map(|l| (l.number.clone(), l.remaining.cents())).collect();
        got.sort();
        assert_eq!(got, expected, "overdue at {as_of}");
        assert!(!got.is_empty() || days_back == 400, "something is overdue at {as_of}");
    }
}
