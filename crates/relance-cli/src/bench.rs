//! `relance bench`: fills a fresh database with the example business and
//! times what a user waits for: the Today screen, a page of customers, a
//! customer's page, an invoice search, and the start-up. Prints figures
//! against their targets and never fails on time (CONVENTIONS: benchmarks
//! print, they do not gate). Run it in release mode.

use std::time::{Duration, Instant};

use anyhow::Context as _;
use relance_app::demo::DemoOptions;
use relance_app::{Clock, FixedClock, LocalContext, Page, SystemClock};
use relance_domain::company::Language;
use relance_store::customers::{CustomerQuery, CustomerSort};
use relance_store::invoices::{InvoiceQuery, InvoiceSort, StatusFilter};
use relance_store::Store;

use crate::args::{BenchArgs, Cli};
use crate::human::print;
use crate::session;

/// What the product promises on a laptop (PRODUCT.md sizes).
const QUERY_TARGET: Duration = Duration::from_millis(50);
const STARTUP_TARGET: Duration = Duration::from_millis(1500);
const FILL_TARGET: Duration = Duration::from_secs(5);

/// The search typed in the invoice list: part of many customers' names.
const SEARCH: &str = "boul";

struct Measure {
    name: String,
    key: &'static str,
    time: Duration,
    target: Option<Duration>,
}

pub fn run(cli: &Cli, a: &BenchArgs, lang: Language) -> anyhow::Result<()> {
    let today = match session::as_of(cli)? {
        Some(d) => d,
        None => SystemClock.today(),
    };
    // A temporary folder unless one is named; it is removed when `_temp` drops.
    let (_temp, dir) = match &cli.data_dir {
        Some(d) => (None, d.clone()),
        None => {
            let t = tempfile::Builder::new().prefix("relance-bench").tempdir().context("temporary folder")?;
            let p = t.path().to_path_buf();
            (Some(t), p)
        }
    };
    let path = dir.join(session::DATABASE_FILE);
    let opts = DemoOptions { customers: a.customers, invoices: a.invoices, seed: a.seed, ..DemoOptions::default() };
    let runs = a.runs as usize;
    let mut results: Vec<Measure> = Vec::new();

    let started = Instant::now();
    let _ = relance_domain::demo::generate(&opts, today);
    let generation = started.elapsed();

    let started = Instant::now();
    let store = session::open_store(&dir, lang)?;
    let mut ctx = LocalContext::new(store, Box::new(FixedClock(today)));
    let summary = relance_app::demo::load(&mut ctx, &opts)?;
    let fill = started.elapsed();
    results.push(Measure {
        name: "fill: generate + write in one transaction".into(),
        key: "fill",
        time: fill,
        target: Some(FILL_TARGET),
    });
    results.push(Measure {
        name: "  of which generation in memory".into(),
        key: "generate",
        time: generation,
        target: None,
    });

    let first_page = Page { size: 50, index: 0 };
    results.push(measure("Today (first page, 50 customers)", "today", runs, Some(QUERY_TARGET), || {
        relance_app::today::view(&ctx, first_page).map(|_| ())
    })?);
    let customers = |sort, descending| CustomerQuery {
        search: String::new(),
        include_archived: false,
        sort,
        descending,
        page: first_page,
    };
    results.push(measure("customer list by name (page of 50)", "customers_by_name", runs, Some(QUERY_TARGET), || {
        relance_app::customers::list(&ctx, &customers(CustomerSort::Name, false)).map(|_| ())
    })?);
    results.push(measure(
        "customer list by outstanding (page of 50)",
        "customers_by_outstanding",
        runs,
        Some(QUERY_TARGET),
        || relance_app::customers::list(&ctx, &customers(CustomerSort::Outstanding, true)).map(|_| ()),
    )?);
    // The customer owing the most is one of the big accounts, with many invoices.
    let top = relance_app::customers::list(&ctx, &customers(CustomerSort::Outstanding, true))?.rows.into_iter().next();
    if let Some(top) = &top {
        let name = format!("customer page ({} open invoices)", top.open_invoices);
        results.push(measure(&name, "customer_detail", runs, Some(QUERY_TARGET), || {
            relance_app::customers::detail(&ctx, top.id).map(|_| ())
        })?);
    }
    let search = InvoiceQuery {
        status: StatusFilter::Overdue,
        customer: None,
        due_from: None,
        due_to: None,
        search: SEARCH.into(),
        sort: InvoiceSort::DueDate,
        descending: false,
        page: first_page,
    };
    results.push(measure(
        &format!("invoice search \"{SEARCH}\", overdue (page of 50)"),
        "invoice_search",
        runs,
        Some(QUERY_TARGET),
        || relance_app::invoices::list(&ctx, &search).map(|_| ()),
    )?);
    results.push(measure("overdue report (every line)", "overdue_report", runs, None, || {
        relance_app::reports::overdue(&ctx, today).map(|_| ())
    })?);
    // The Today screen opens on the agenda: every unpaid invoice's history
    // replayed, every customer's policy resolved, then grouped.
    results.push(measure("agenda of the day (every customer)", "agenda", runs, None, || {
        relance_app::collections::agenda(&ctx, today).map(|_| ())
    })?);
    let file_bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    drop(ctx);

    results.push(measure(
        "start-up: open + migrations check + first Today",
        "startup",
        runs,
        Some(STARTUP_TARGET),
        || {
            let store = Store::open(&path)?;
            let ctx = LocalContext::new(store, Box::new(FixedClock(today)));
            relance_app::today::view(&ctx, first_page).map(|_| ())
        },
    )?);

    if cli.json {
        let rows: Vec<serde_json::Value> = results
            .iter()
            .map(|m| {
                serde_json::json!({
                    "name": m.key,
                    "ms": ms(m.time),
                    "target_ms": m.target.map(|t| t.as_millis().to_string()),
                    "ok": m.target.map(|t| m.time <= t),
                })
            })
            .collect();
        let out = serde_json::json!({
            "customers": summary.customers,
            "invoices": summary.invoices,
            "payments": summary.payments,
            "seed": a.seed,
            "as_of": today.format("%Y-%m-%d").to_string(),
            "database_bytes": file_bytes,
            "runs": a.runs,
            "results": rows,
        });
        print(&out.to_string());
        return Ok(());
    }
    print(&format!(
        "Relance benchmark: {} customers, {} invoices, {} payments (seed {}, as of {}); database {} ({})",
        summary.customers,
        summary.invoices,
        summary.payments,
        a.seed,
        today.format("%Y-%m-%d"),
        path.display(),
        mebibytes(file_bytes),
    ));
    let width = results.iter().map(|m| m.name.chars().count()).max().unwrap_or(0);
    print(&format!("{:width$}  {:>10}  {:>11}", "step", "median ms", "target"));
    for m in &results {
        let (target, verdict) = match m.target {
            Some(t) => (format!("< {} ms", t.as_millis()), if m.time <= t { "OK" } else { "SLOW" }),
            None => (String::new(), ""),
        };
        print(format!("{:width$}  {:>10}  {:>11}  {verdict}", m.name, ms(m.time), target).trim_end());
    }
    print(&format!("(queries and start-up: median of {runs} runs; fill: one run)"));
    Ok(())
}

/// Runs `f` once to warm up, then `runs` times; keeps the median.
fn measure<E>(
    name: &str,
    key: &'static str,
    runs: usize,
    target: Option<Duration>,
    mut f: impl FnMut() -> Result<(), E>,
) -> anyhow::Result<Measure>
where
    anyhow::Error: From<E>,
{
    f()?;
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs.max(1) {
        let started = Instant::now();
        f()?;
        times.push(started.elapsed());
    }
    times.sort();
    Ok(Measure { name: name.to_string(), key, time: times[times.len() / 2], target })
}

/// Milliseconds with two decimals, in integer arithmetic.
fn ms(d: Duration) -> String {
    let micros = d.as_micros();
    format!("{}.{:02}", micros / 1000, (micros % 1000) / 10)
}

fn mebibytes(bytes: u64) -> String {
    let tenths = bytes * 10 / (1024 * 1024);
    format!("{}.{} MiB", tenths / 10, tenths % 10)
}
