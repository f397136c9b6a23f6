//! The dashboard on real SQLite files: the IBM accounts-receivable sample
//! imported with the app's import, its figures compared with a second,
//! naive implementation written here over the CSV rows (its own date
//! parsing, its own integer arithmetic); and the example business checked
//! against the app's other reports.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use relance_app::dashboard::{self, Dashboard};
use relance_app::demo::{self, DemoOptions};
use relance_app::import::{self, InvoiceMapping};
use relance_app::plans::{self, PlanRequest, SplitRequest};
use relance_app::{FixedClock, LocalContext};
use relance_domain::ids::InvoiceId;
use relance_domain::kpis::{Bucket, KpiInvoice};
use relance_domain::plan::{Frequency, Remainder};
use relance_domain::Money;
use relance_store::Store;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn context(dir: &Path, today: NaiveDate) -> LocalContext {
    let store = Store::open(&dir.join("relance.sqlite3")).unwrap();
    LocalContext::new(store, Box::new(FixedClock(today)))
}

fn ibm_path() -> PathBuf {
    [env!("CARGO_MANIFEST_DIR"), "tests", "fixtures", "import", "ibm_ar.csv"].iter().collect()
}

// ---------------------------------------------------------------------------
// The naive implementation: nothing from the app, the domain or chrono.

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn day_number(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// "4/6/2013" (month/day/year) as a day number.
fn us_date(s: &str) -> i64 {
    let parts: Vec<i64> = s.split('/').map(|p| p.parse().unwrap()).collect();
    assert_eq!(parts.len(), 3, "{s}");
    day_number(parts[2], parts[0], parts[1])
}

/// "2013-06-30" as a day number.
fn iso_day(s: &str) -> i64 {
    let parts: Vec<i64> = s.split('-').map(|p| p.parse().unwrap()).collect();
    day_number(parts[0], parts[1], parts[2])
}

/// "55.94" or "1234.5" or "60" in cents.
fn cents(s: &str) -> i64 {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let frac = format!("{frac:0<2}");
    assert_eq!(frac.len(), 2, "{s}");
    int.parse::<i64>().unwrap() * 100 + frac.parse::<i64>().unwrap()
}

struct Row {
    issue: i64,
    due: i64,
    settled: i64,
    amount: i64,
}

fn naive_rows() -> Vec<Row> {
    let mut r = csv::Reader::from_path(ibm_path()).unwrap();
    let h = r.headers().unwrap().clone();
    let col = |name: &str| h.iter().position(|c| c == name).unwrap();
    let (issue, due, settled, amount) = (col("InvoiceDate"), col("DueDate"), col("SettledDate"), col("InvoiceAmount"));
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            Row {
                issue: us_date(&rec[issue]),
                due: us_date(&rec[due]),
                settled: us_date(&rec[settled]),
                amount: cents(&rec[amount]),
            }
        })
        .collect()
}

/// `num / den` in tenths, half up (both positive), as "12.3".
fn tenths(num: i64, den: i64) -> String {
    let t = (20 * num + den) / (2 * den);
    format!("{}.{}", t / 10, t % 10)
}

#[derive(Debug, PartialEq, Eq)]
struct Figures {
    buckets: [(i64, u32); 5],
    receivables: i64,
    paid: u32,
    paid_late: u32,
    share_late: String,
    average_days_late: String,
    dso_simple: String,
}

/// The figures at day `at` over the 90 days before it, straight from the rows.
fn naive(rows: &[Row], at: i64) -> Figures {
    let mut buckets = [(0i64, 0u32); 5];
    let (mut paid, mut late, mut days, mut sales) = (0u32, 0u32, 0i64, 0i64);
    for r in rows {
        // Open at the end of day `at`: issued by then, not yet settled.
        if r.issue <= at && r.settled > at {
            let past = at - r.due;
            let k = if past <= 0 {
                0
            } else if past <= 30 {
                1
            } else if past <= 60 {
                2
            } else if past <= 90 {
                3
            } else {
                4
            };
            buckets[k].0 += r.amount;
            buckets[k].1 += 1;
        }
        if r.settled > at - 90 && r.settled <= at {
            paid += 1;
            if r.settled > r.due {
                late += 1;
                days += r.settled - r.due;
            }
        }
        if r.issue > at - 90 && r.issue <= at {
            sales += r.amount;
        }
    }
    let receivables: i64 = buckets.iter().map(|b| b.0).sum();
    Figures {
        buckets,
        receivables,
        paid,
        paid_late: late,
        share_late: tenths(100 * i64::from(late), i64::from(paid)),
        average_days_late: tenths(days, i64::from(paid)),
        dso_simple: tenths(receivables * 90, sales),
    }
}

fn app_figures(dash: &Dashboard) -> Figures {
    let k = &dash.kpis;
    let mut buckets = [(0i64, 0u32); 5];
    for (i, b) in Bucket::ALL.iter().enumerate() {
        let (m, n) = k.aged.bucket(*b);
        buckets[i] = (m.cents(), n);
    }
    Figures {
        buckets,
        receivables: k.aged.total.cents(),
        paid: k.paid.paid,
        paid_late: k.paid.paid_late,
        share_late: k.paid.share_late.unwrap().to_string(),
        average_days_late: k.paid.average_days_late.unwrap().to_string(),
        dso_simple: k.dso_simple.unwrap().to_string(),
    }
}

#[test]
fn ibm_sample_figures_agree_with_a_naive_computation_over_the_csv() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = context(dir.path(), d("2026-11-24"));
    let bytes = std::fs::read(ibm_path()).unwrap();
    let report = import::invoices(&mut ctx, &bytes, &InvoiceMapping::ibm(), None, false).unwrap();
    assert!(report.written && report.errors.is_empty(), "{:?}", report.errors.first());
    assert_eq!(report.invoices_created, 2466);

    let rows = naive_rows();
    assert_eq!(rows.len(), 2466);
    // Inside the sample's range (invoices from 2012-01-03 to 2013-12-02):
    // the 1st, the 15th and the last day of every month from April 2012 to
    // December 2013, 63 dates, so that the edge between the first two
    // buckets (an invoice exactly 30, then 31 days late) is met. The sample's
    // invoices are paid within about 50 days: the later edges are the unit
    // tests' (relance-domain kpis::tests).
    let mut dates = Vec::new();
    for (y, m) in (2012..=2013).flat_map(|y| (1..=12).map(move |m| (y, m))).filter(|(y, m)| (*y, *m) >= (2012, 4)) {
        let first = NaiveDate::from_ymd_opt(y, m, 1).unwrap();
        let last = first.checked_add_months(chrono::Months::new(1)).unwrap().pred_opt().unwrap();
        dates.extend([first, first.with_day(15).unwrap(), last]);
    }
    assert_eq!(dates.len(), 63);
    let mut edges = [0u32; 2];
    for at in dates {
        let dash = dashboard::dashboard(&ctx, at, 90).unwrap();
        assert_eq!(dash.invoices, 2466);
        let day = iso_day(&at.to_string());
        let want = naive(&rows, day);
        assert_eq!(app_figures(&dash), want, "at {at}");
        // Something to compare: open invoices and late payments.
        assert!(want.receivables > 0 && want.paid_late > 0, "at {at}: {want:?}");
        for r in rows.iter().filter(|r| r.issue <= day && r.settled > day) {
            for (k, edge) in [30, 31].iter().enumerate() {
                edges[k] += u32::from(day - r.due == *edge);
            }
        }
    }
    // Open invoices sat on both sides of the edge at some of these dates.
    assert!(edges.iter().all(|n| *n > 0), "{edges:?}");
    // The figures printed in the report to the lead, pinned.
    let at = naive(&rows, iso_day("2013-06-30"));
    assert_eq!(at.receivables, 511_985);
    assert_eq!((at.buckets[0], at.buckets[1]), ((428_429, 72), (83_556, 12)));
    assert_eq!((at.paid, at.paid_late, at.share_late.as_str()), (341, 116, "34.0"));
    assert_eq!((at.average_days_late.as_str(), at.dso_simple.as_str()), ("3.5", "23.2"));
}

#[test]
fn ibm_sample_over_the_whole_history_agrees_too() {
    // Share late and average days late of every invoice paid, over a
    // period covering the whole sample (2012-01-01 to 2014-01-31).
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = context(dir.path(), d("2026-11-24"));
    let bytes = std::fs::read(ibm_path()).unwrap();
    import::invoices(&mut ctx, &bytes, &InvoiceMapping::ibm(), None, false).unwrap();
    let days = u32::try_from((d("2014-01-31") - d("2011-12-31")).num_days()).unwrap();
    let dash = dashboard::dashboard(&ctx, d("2014-01-31"), days).unwrap();
    let rows = naive_rows();
    let late: Vec<&Row> = rows.iter().filter(|r| r.settled > r.due).collect();
    let sum_days: i64 = late.iter().map(|r| r.settled - r.due).sum();
    assert_eq!(dash.kpis.paid.paid, 2466);
    assert_eq!(dash.kpis.paid.paid_late as usize, late.len());
    assert_eq!(dash.kpis.paid.share_late.unwrap().to_string(), tenths(100 * late.len() as i64, 2466));
    assert_eq!(dash.kpis.paid.average_days_late.unwrap().to_string(), tenths(sum_days, 2466));
    let weighted: i64 = late.iter().map(|r| r.amount * (r.settled - r.due)).sum();
    let amount: i64 = rows.iter().map(|r| r.amount).sum();
    assert_eq!(dash.kpis.paid.weighted_days_late.unwrap().to_string(), tenths(weighted, amount));
    // Everything is paid by then: nothing open.
    assert_eq!(dash.kpis.aged.total, Money::ZERO);
}

// ---------------------------------------------------------------------------
// The example business.

fn demo_books(dir: &Path, today: NaiveDate) -> LocalContext {
    let mut ctx = context(dir, today);
    demo::load(&mut ctx, &DemoOptions::default()).unwrap();
    ctx
}

#[test]
fn demo_dashboard_agrees_with_the_overdue_report_and_the_aged_balance_export() {
    let today = d("2026-03-16");
    let dir = tempfile::tempdir().unwrap();
    let ctx = demo_books(dir.path(), today);
    for at in [today, d("2026-01-31"), d("2025-12-31")] {
        let dash = dashboard::dashboard(&ctx, at, 90).unwrap();
        let k = &dash.kpis;
        // The overdue report at the same date (as-of semantics too) gives the same overdue.
        let overdue = relance_app::reports::overdue(&ctx, at).unwrap();
        assert_eq!(k.aged.overdue, overdue.total, "at {at}");
        let late_count: u32 = Bucket::ALL[1..].iter().map(|b| k.aged.bucket(*b).1).sum();
        assert_eq!(late_count as usize, overdue.lines.len(), "at {at}");
        // Buckets add up.
        let sum: Money = Bucket::ALL.iter().map(|b| k.aged.bucket(*b).0).sum();
        assert_eq!(sum, k.aged.total);
        assert!(k.aged.overdue.is_positive() && k.aged.total > k.aged.overdue, "at {at}");
        // Each bucket's drill lists invoices that add up to the bucket.
        let invoices: Vec<KpiInvoice> = relance_store::kpis::invoices(ctx.store.conn()).unwrap();
        for b in Bucket::ALL {
            let drill = b.drill(at);
            let n = invoices.iter().filter(|i| drill.matches(i, at)).count();
            assert_eq!(n as u32, k.aged.bucket(b).1, "{b:?} at {at}");
        }
        // The top overdue customers are sorted and named.
        assert!(!k.top_overdue.is_empty() && k.top_overdue.len() <= 10);
        assert!(k.top_overdue.windows(2).all(|w| w[0].overdue >= w[1].overdue));
        assert!(k.top_overdue.iter().all(|c| !dash.name(c.customer).is_empty()));
        // The forecast holds every open amount: the weeks plus later.
        let forecast: Money = k.forecast.weeks.iter().map(|w| w.total).sum::<Money>() + k.forecast.later;
        assert_eq!(forecast, k.aged.total, "at {at}");
        assert_eq!(k.dso_trend.len(), 12);
        assert!(k.dso_simple.is_some() && k.cei.index.is_some());
    }
    // The export's aged balance per customer adds up to the same buckets,
    // at past dates too (invoices paid since still count as open then).
    for at in [today, d("2026-01-31"), d("2025-12-31")] {
        let dash = dashboard::dashboard(&ctx, at, 90).unwrap();
        let lines = relance_app::export::aging_lines(&ctx, at).unwrap();
        for (i, b) in Bucket::ALL.iter().enumerate() {
            let sum: Money = lines.iter().map(|(_, l)| l.buckets[i]).sum();
            assert_eq!(sum, dash.kpis.aged.bucket(*b).0, "{b:?} at {at}");
        }
    }
}

#[test]
fn a_running_plan_is_forecast_by_its_installments() {
    let today = d("2026-03-16");
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = demo_books(dir.path(), today);
    let before = dashboard::dashboard(&ctx, today, 90).unwrap();
    // The customer with the most overdue agrees a plan over its overdue invoices.
    let top = before.kpis.top_overdue[0].clone();
    let invoices: Vec<KpiInvoice> = relance_store::kpis::invoices(ctx.store.conn()).unwrap();
    let chosen: Vec<InvoiceId> =
        invoices.iter().filter(|i| top.drill().matches(i, today)).map(|i| i.id).collect::<Vec<_>>();
    assert_eq!(chosen.len() as u32, top.invoices);
    let req = PlanRequest {
        customer: top.customer,
        invoices: chosen.clone(),
        include_penalties: false,
        split: SplitRequest::Count(3),
        first: d("2026-04-01"),
        frequency: Frequency::Monthly,
        down_payment: String::new(),
        remainder: Remainder::First,
        business_days: false,
    };
    plans::create(&mut ctx, &req).unwrap();
    let after = dashboard::dashboard(&ctx, today, 90).unwrap();
    let k = &after.kpis;
    // Installments on 04-01 (day 16: week 3), 05-01 (day 46: week 7), 06-01 (day 77: week 12).
    let with_installments: Vec<usize> =
        k.forecast.weeks.iter().enumerate().filter(|(_, w)| w.installments.is_positive()).map(|(i, _)| i).collect();
    assert_eq!(with_installments, vec![2, 6, 11]);
    let installments: Money = k.forecast.weeks.iter().map(|w| w.installments).sum();
    assert_eq!(installments, top.overdue);
    // The plan's invoices are no longer expected in week 1 as overdue ones.
    assert_eq!(k.forecast.weeks[0].invoices, before.kpis.forecast.weeks[0].invoices - top.overdue);
    // The other figures do not move: a plan is not a payment.
    assert_eq!(k.aged, before.kpis.aged);
}

#[test]
fn the_invoices_behind_each_figure_add_up_to_it_and_the_export_says_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = context(dir.path(), d("2026-11-24"));
    let bytes = std::fs::read(ibm_path()).unwrap();
    import::invoices(&mut ctx, &bytes, &InvoiceMapping::ibm(), None, false).unwrap();
    let at = d("2013-06-30");
    let dash = dashboard::dashboard(&ctx, at, 90).unwrap();
    let k = &dash.kpis;
    let rows = naive_rows();
    let day = iso_day("2013-06-30");

    // Each aged-balance column: its invoices, their open amounts at the date.
    for b in Bucket::ALL {
        let listed = dashboard::behind(&ctx, at, &b.drill(at), dashboard::BEHIND_LIMIT).unwrap();
        let (amount, n) = k.aged.bucket(b);
        assert_eq!((listed.count as u32, listed.open), (n, amount), "{b:?}");
        assert!(listed.lines.windows(2).all(|w| w[0].0.due_date <= w[1].0.due_date), "oldest due first");
        assert!(listed.lines.iter().all(|(_, label)| !label.number.is_empty() && !label.customer_name.is_empty()));
    }
    // The 1-30 column, against the CSV: open on 30/06/2013, 1 to 30 days past due.
    let listed = dashboard::behind(&ctx, at, &Bucket::Days1To30.drill(at), dashboard::BEHIND_LIMIT).unwrap();
    let mut want: Vec<(i64, i64)> = rows
        .iter()
        .filter(|r| r.issue <= day && r.settled > day && (1..=30).contains(&(day - r.due)))
        .map(|r| (r.due, day - r.due))
        .collect();
    want.sort_unstable();
    let got: Vec<(i64, i64)> =
        listed.lines.iter().map(|(l, _)| (iso_day(&l.due_date.to_string()), l.days_late)).collect();
    assert_eq!(got, want);

    // Days late: the invoices paid in the period, as many as counted, the late ones as many.
    let paid = dashboard::behind(&ctx, at, &k.paid.drill(), dashboard::BEHIND_LIMIT).unwrap();
    assert_eq!(paid.count as u32, k.paid.paid);
    assert_eq!(paid.lines.iter().filter(|(l, _)| l.days_late > 0).count() as u32, k.paid.paid_late);
    assert!(paid.lines.iter().all(|(l, _)| l.open == Money::ZERO && l.paid_on.is_some()));
    // A short limit lists fewer but counts all.
    let short = dashboard::behind(&ctx, at, &k.paid.drill(), 5).unwrap();
    assert_eq!((short.count, short.lines.len(), short.total), (paid.count, 5, paid.total));

    // « Exporter ces chiffres »: the same figures, French format.
    let out = relance_app::export::export(&ctx, relance_app::export::Kind::Kpis, at, relance_app::export::Format::Fr)
        .unwrap();
    let mut r = csv::ReaderBuilder::new().delimiter(b';').from_reader(&out.bytes[3..]);
    let lines: Vec<Vec<String>> = r.records().map(|rec| rec.unwrap().iter().map(str::to_owned).collect()).collect();
    assert_eq!(lines.len(), out.rows);
    let value = |name: &str| -> (String, String) {
        let row = lines.iter().find(|l| l[0] == name).unwrap_or_else(|| panic!("{name}: {lines:?}"));
        (row[1].clone(), row[3].clone())
    };
    assert_eq!(value("Date des chiffres").0, "30/06/2013");
    assert_eq!(value("Encours clients").0, "5119,85");
    assert_eq!(value("Balance âgée : 1 à 30 jours"), ("835,56".to_owned(), "12".to_owned()));
    assert_eq!(value("Part échue de l'encours").0, "16,3");
    assert_eq!(value("DSO (méthode simple)").0, "23,2");
    assert_eq!(value("Factures payées sur la période").1, "341");
    assert_eq!(value("dont payées en retard").1, "116");
    assert_eq!(value("Efficacité du recouvrement (CEI)").0, "96,1");
    assert_eq!(value("Taux de récupération").0, "89,0");
    assert_eq!(lines.iter().filter(|l| l[0].starts_with("DSO fin ")).count(), 12);
    let (share, n) = value("Factures de la période en litige");
    assert_eq!(n, dash.disputed.disputed.to_string());
    assert_eq!(share, dash.disputed.share.map(|s| s.to_string().replace('.', ",")).unwrap_or_default());
    assert_eq!(lines.iter().filter(|l| l[0].starts_with("Encaissements attendus du ")).count(), 12);
}

/// The sample's « Disputed » column, naively: (issue day, disputed).
fn naive_disputed() -> Vec<(i64, bool)> {
    let mut r = csv::Reader::from_path(ibm_path()).unwrap();
    let h = r.headers().unwrap().clone();
    let col = |name: &str| h.iter().position(|c| c == name).unwrap();
    let (issue, disputed) = (col("InvoiceDate"), col("Disputed"));
    r.records().map(|rec| rec.unwrap()).map(|rec| (us_date(&rec[issue]), &rec[disputed] == "Yes")).collect()
}

#[test]
fn ibm_sample_share_disputed_agrees_with_the_csv() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = context(dir.path(), d("2026-11-24"));
    let bytes = std::fs::read(ibm_path()).unwrap();
    let report = import::invoices(&mut ctx, &bytes, &InvoiceMapping::ibm(), None, false).unwrap();
    let rows = naive_disputed();
    let flagged = rows.iter().filter(|(_, x)| *x).count();
    assert_eq!(report.disputed_seen as usize, flagged);
    // Each flagged invoice has one dispute, closed on its settled date (all are settled).
    let spans = relance_store::kpis::disputes(ctx.store.conn()).unwrap();
    assert_eq!(spans.len(), flagged);
    assert!(spans.iter().all(|s| s.closed.is_some_and(|c| c >= s.opened)));
    for at in ["2012-06-30", "2012-12-31", "2013-06-30", "2013-12-31"] {
        let dash = dashboard::dashboard(&ctx, d(at), 90).unwrap();
        let (to, from) = (iso_day(at), iso_day(&dash.kpis.from.to_string()));
        let issued: Vec<&(i64, bool)> = rows.iter().filter(|(i, _)| *i > from && *i <= to).collect();
        let disputed = issued.iter().filter(|(_, x)| *x).count();
        assert_eq!((dash.disputed.issued as usize, dash.disputed.disputed as usize), (issued.len(), disputed), "{at}");
        assert_eq!(
            dash.disputed.share.map(|s| s.to_string()),
            Some(tenths(disputed as i64 * 100, issued.len() as i64)),
            "{at}"
        );
        // Its list: the disputed invoices of the period, as many.
        let listed = dashboard::behind(&ctx, d(at), &dash.disputed.drill(), dashboard::BEHIND_LIMIT).unwrap();
        assert_eq!(listed.count, disputed, "{at}");
    }
    // A re-import adds no dispute.
    import::invoices(&mut ctx, &bytes, &InvoiceMapping::ibm(), None, false).unwrap();
    assert_eq!(relance_store::kpis::disputes(ctx.store.conn()).unwrap().len(), flagged);
}
