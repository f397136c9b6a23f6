//! Each formula on a small book computed by hand (the arithmetic is in the
//! comments).

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;

use super::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn eur(cents: i64) -> Money {
    Money::from_cents(cents)
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// An invoice: id, customer, issue, due, total in euros, settlements and
/// write-offs as (date, euros).
fn inv(
    id: i64,
    customer: i64,
    issue: &str,
    due: &str,
    total: i64,
    paid: &[(&str, i64)],
    off: &[(&str, i64)],
) -> KpiInvoice {
    KpiInvoice {
        id: InvoiceId(id),
        customer: CustomerId(customer),
        issue_date: d(issue),
        due_date: d(due),
        total: eur(total * 100),
        settlements: paid.iter().map(|(on, e)| (d(on), eur(e * 100))).collect(),
        write_offs: off.iter().map(|(on, e)| (d(on), eur(e * 100))).collect(),
    }
}

/// At 2026-06-30.
fn aging_book() -> Vec<KpiInvoice> {
    vec![
        // due tomorrow: not due
        inv(1, 1, "2026-06-01", "2026-07-01", 100, &[], &[]),
        // due today: 0 days late, not due
        inv(2, 1, "2026-05-01", "2026-06-30", 50, &[], &[]),
        // 1 day late, 200 - 50 = 150 open
        inv(3, 1, "2026-05-30", "2026-06-29", 200, &[("2026-06-15", 50)], &[]),
        // 30 days late (05-31 -> 06-30)
        inv(4, 1, "2026-05-01", "2026-05-31", 80, &[], &[]),
        // 31 days late, paid after the date: still open at the date
        inv(5, 2, "2026-04-30", "2026-05-30", 70, &[("2026-07-05", 70)], &[]),
        // 90 days late (04-01 -> 05-01 30, -> 06-01 31, -> 06-30 29)
        inv(6, 2, "2026-03-02", "2026-04-01", 40, &[], &[]),
        // 91 days late, 100 written off: 200 open
        inv(7, 3, "2026-03-01", "2026-03-31", 300, &[], &[("2026-06-01", 100)]),
        // paid before the date: not open
        inv(8, 3, "2026-02-01", "2026-03-01", 500, &[("2026-06-10", 500)], &[]),
        // issued after the date: does not exist yet
        inv(9, 3, "2026-07-02", "2026-08-01", 900, &[], &[]),
    ]
}

#[test]
fn rounding_is_exact_and_half_away_from_zero() {
    assert_eq!(round_ratio(1, 20), Some(dec("0.1"))); // 0.05
    assert_eq!(round_ratio(-1, 20), Some(dec("-0.1"))); // -0.05
    assert_eq!(round_ratio(1, 3), Some(dec("0.3")));
    assert_eq!(round_ratio(2, 3), Some(dec("0.7")));
    assert_eq!(round_ratio(7, 0), None);
    assert_eq!(percent(1, 8), Some(dec("12.5")));
    assert_eq!(percent(2, 3), Some(dec("66.7")));
}

#[test]
fn aged_balance_by_remaining_amount_as_of_the_date() {
    let book = Book::new(&aging_book());
    let a = aged_balance(&book, d("2026-06-30"));
    // not due: 100 + 50; 1-30: 150 + 80; 31-60: 70; 61-90: 40; over 90: 200
    assert_eq!(a.bucket(Bucket::NotDue), (eur(15000), 2));
    assert_eq!(a.bucket(Bucket::Days1To30), (eur(23000), 2));
    assert_eq!(a.bucket(Bucket::Days31To60), (eur(7000), 1));
    assert_eq!(a.bucket(Bucket::Days61To90), (eur(4000), 1));
    assert_eq!(a.bucket(Bucket::Over90), (eur(20000), 1));
    // 150 + 230 + 70 + 40 + 200 = 690; overdue 540; 540 / 690 = 78.26 %
    assert_eq!(a.total, eur(69000));
    assert_eq!(a.overdue, eur(54000));
    assert_eq!(a.overdue_share, Some(dec("78.3")));
    // (150×1 + 80×30 + 70×31 + 40×90 + 200×91) / 540 = 26520 / 540 = 49.11
    assert_eq!(a.overdue_weighted_days_late, Some(dec("49.1")));
    assert_eq!(book.receivables(d("2026-06-30")), eur(69000));
    // The day after the write-off's day minus one: 05-31, the 100 is still owed,
    // invoice 3 not paid at all yet and invoice 8 still open.
    let before = aged_balance(&book, d("2026-05-31"));
    // open: 2 (50), 3 (200), 4 (80), 5 (70), 6 (40), 7 (300), 8 (500); 1 not issued
    assert_eq!(before.total, eur(124000));
}

#[test]
fn each_bucket_drills_down_to_its_invoices() {
    let invoices = aging_book();
    let book = Book::new(&invoices);
    let as_of = d("2026-06-30");
    let a = aged_balance(&book, as_of);
    for b in Bucket::ALL {
        let drill = b.drill(as_of);
        let listed: Vec<&KpiInvoice> = invoices.iter().filter(|i| drill.matches(i, as_of)).collect();
        let sum: i64 = listed.iter().map(|i| Item::new(i).open_at(as_of)).sum();
        assert_eq!((eur(sum), listed.len() as u32), a.bucket(b), "{b:?}");
    }
    let overdue: Vec<i64> = invoices.iter().filter(|i| overdue_drill().matches(i, as_of)).map(|i| i.id.0).collect();
    assert_eq!(overdue, vec![3, 4, 5, 6, 7]);
    let open: Vec<i64> = invoices.iter().filter(|i| open_drill().matches(i, as_of)).map(|i| i.id.0).collect();
    assert_eq!(open, vec![1, 2, 3, 4, 5, 6, 7]);
}

#[test]
fn top_overdue_customers_largest_first() {
    let invoices = aging_book();
    let book = Book::new(&invoices);
    let as_of = d("2026-06-30");
    let top = top_overdue_customers(&book, as_of, 10);
    // customer 1: 150 + 80 (max 30 days); 3: 200 (91); 2: 70 + 40 (90)
    let got: Vec<(i64, Money, u32, i64)> =
        top.iter().map(|c| (c.customer.0, c.overdue, c.invoices, c.max_days_late)).collect();
    assert_eq!(got, vec![(1, eur(23000), 2, 30), (3, eur(20000), 1, 91), (2, eur(11000), 2, 90)]);
    assert_eq!(top_overdue_customers(&book, as_of, 2).len(), 2);
    let drill = top[1].drill();
    let ids: Vec<i64> = invoices.iter().filter(|i| drill.matches(i, as_of)).map(|i| i.id.0).collect();
    assert_eq!(ids, vec![7]);
}

/// At 2026-03-31: A 300 unpaid issued 01-15, B 600 issued 03-01 with 200
/// paid, C 1000 unpaid issued 2025-12-31.
fn dso_book() -> Vec<KpiInvoice> {
    vec![
        inv(1, 1, "2026-01-15", "2026-02-14", 300, &[], &[]),
        inv(2, 1, "2026-03-01", "2026-03-31", 600, &[("2026-03-20", 200)], &[]),
        inv(3, 2, "2025-12-31", "2026-01-30", 1000, &[], &[]),
    ]
}

#[test]
fn dso_simple_receivables_over_sales_times_days() {
    let book = Book::new(&dso_book());
    // receivables 300 + 400 + 1000 = 1700; sales in (2025-12-31, 2026-03-31]:
    // 300 + 600 = 900 (C is on the period's excluded first bound); 1700 / 900 × 90 = 170
    assert_eq!(dso_simple(&book, d("2026-03-31"), 90), Some(dec("170.0")));
    // over 30 days: sales (03-01, 03-31]: none (B is issued on 03-01, excluded) -> None
    assert_eq!(dso_simple(&book, d("2026-03-31"), 30), None);
    // over 31 days: sales (02-28, 03-31] = 600; 1700 × 31 / 600 = 87.83
    assert_eq!(dso_simple(&book, d("2026-03-31"), 31), Some(dec("87.8")));
}

#[test]
fn dso_countback_walks_back_month_by_month() {
    let book = Book::new(&dso_book());
    // R = 1700. (02-28, 03-31] 31 days, sales 600: 1100 left, 31 days.
    // (01-31, 02-28] 28 days, no sales: 59 days. (12-31, 01-31] 31 days, 300:
    // 800 left, 90 days. (11-30, 12-31] 31 days, 1000 >= 800: 90 + 800/1000 × 31 = 114.8
    assert_eq!(dso_countback(&book, d("2026-03-31")), Countback { days: dec("114.8"), capped: false });
    // One month is enough: R 100 of sales 300 in a 31-day month: 10.33
    let small = Book::new(&[inv(1, 1, "2026-03-10", "2026-04-09", 300, &[("2026-03-20", 200)], &[])]);
    assert_eq!(dso_countback(&small, d("2026-03-31")).days, dec("10.3"));
    // No receivables: 0 days.
    let none = Book::new(&[inv(1, 1, "2026-03-10", "2026-04-09", 300, &[("2026-03-20", 300)], &[])]);
    let zero = dso_countback(&none, d("2026-03-31"));
    assert_eq!((zero.days.to_string().as_str(), zero.capped), ("0.0", false));
    // Receivables older than 36 months of sales: capped at the months walked.
    let old = Book::new(&[inv(1, 1, "2020-01-10", "2020-02-09", 300, &[], &[])]);
    let c = dso_countback(&old, d("2026-03-31"));
    assert!(c.capped);
    // 2023-03-31 -> 2026-03-31: 365 + 366 + 365 = 1096 days
    assert_eq!(c.days.to_string(), "1096.0");
}

#[test]
fn dso_trend_at_each_month_end() {
    assert_eq!(month_ends(d("2026-03-31"), 3), vec![d("2026-01-31"), d("2026-02-28"), d("2026-03-31")]);
    assert_eq!(month_ends(d("2026-03-15"), 2), vec![d("2026-01-31"), d("2026-02-28")]);
    let book = Book::new(&dso_book());
    let t = dso_trend(&book, d("2026-03-31"), 90, 3);
    assert_eq!(t.len(), 3);
    // 01-31: receivables A 300 + C 1000 = 1300; sales (2025-11-02, 01-31] = 1300 -> 90.0
    assert_eq!(t[0].receivables, eur(130000));
    assert_eq!(t[0].simple, Some(dec("90.0")));
    // countback at 01-31: (12-31, 01-31] 31 days, sales 300 < 1300: 1000 left;
    // (11-30, 12-31] 31 days, 1000 <= 1000: 31 + 31 = 62
    assert_eq!(t[0].countback.days, dec("62.0"));
    assert_eq!(t[2].simple, Some(dec("170.0")));
    assert_eq!(t.len(), TREND_MONTHS.min(3));
}

/// Paid in (2026-03-31, 2026-06-30].
fn paid_book() -> Vec<KpiInvoice> {
    vec![
        // on time: 0 days
        inv(1, 1, "2026-03-11", "2026-04-10", 100, &[("2026-04-10", 100)], &[]),
        // paid in two parts, the last 10 days late
        inv(2, 1, "2026-03-11", "2026-04-10", 300, &[("2026-04-01", 100), ("2026-04-20", 200)], &[]),
        // 30 days late
        inv(3, 2, "2026-04-01", "2026-05-01", 600, &[("2026-05-31", 600)], &[]),
        // paid on the period's excluded first day
        inv(4, 2, "2026-03-01", "2026-03-31", 1000, &[("2026-03-31", 1000)], &[]),
        // not fully paid
        inv(5, 3, "2026-05-02", "2026-06-01", 50, &[("2026-06-05", 40)], &[]),
    ]
}

#[test]
fn days_late_of_the_invoices_paid_in_the_period() {
    let invoices = paid_book();
    let book = Book::new(&invoices);
    let p = paid_lateness(&book, d("2026-03-31"), d("2026-06-30"));
    // invoices 1, 2, 3; 2 and 3 late: 2/3 = 66.67 %
    assert_eq!((p.paid, p.paid_late), (3, 2));
    assert_eq!(p.share_late, Some(dec("66.7")));
    assert_eq!(p.amount, eur(100000));
    // (0 + 10 + 30) / 3 = 13.33
    assert_eq!(p.average_days_late, Some(dec("13.3")));
    // (100×0 + 300×10 + 600×30) / 1000 = 21
    assert_eq!(p.weighted_days_late, Some(dec("21.0")));
    let ids: Vec<i64> = invoices.iter().filter(|i| p.drill().matches(i, d("2026-06-30"))).map(|i| i.id.0).collect();
    assert_eq!(ids, vec![1, 2, 3]);
    // An empty period has no ratio.
    let none = paid_lateness(&book, d("2026-07-01"), d("2026-07-31"));
    assert_eq!((none.paid, none.share_late, none.average_days_late), (0, None, None));
}

#[test]
fn customer_delay_is_the_amount_weighted_days_late_in_whole_days() {
    let book = Book::new(&paid_book());
    let delays = customer_delays(&book, d("2026-06-30"));
    // customer 1: (100×0 + 300×10) / 400 = 7.5 -> 8; customer 2: 4 (0 days) and
    // 3 (30): (1000×0 + 600×30) / 1600 = 11.25 -> 11; customer 3: nothing paid
    assert_eq!(delays.get(&CustomerId(1)), Some(&8));
    assert_eq!(delays.get(&CustomerId(2)), Some(&11));
    assert_eq!(delays.get(&CustomerId(3)), None);
    // Before invoice 3 was paid: customer 2 only has invoice 4, 0 days.
    assert_eq!(customer_delays(&book, d("2026-05-30")).get(&CustomerId(2)), Some(&0));
}

#[test]
fn cei_over_a_period() {
    let book = Book::new(&[
        // open 1000 at 03-31, 400 at 06-30 (overdue)
        inv(1, 1, "2026-03-01", "2026-03-31", 1000, &[("2026-04-15", 600)], &[]),
        // sold in the period, not due at 06-30
        inv(2, 1, "2026-05-01", "2026-07-15", 500, &[], &[]),
        // sold and paid in the period
        inv(3, 2, "2026-06-01", "2026-06-15", 200, &[("2026-06-15", 200)], &[]),
    ]);
    let c = cei(&book, d("2026-03-31"), d("2026-06-30"));
    assert_eq!((c.opening, c.sales, c.closing, c.closing_current), (eur(100000), eur(70000), eur(90000), eur(50000)));
    // (1000 + 700 - 900) / (1000 + 700 - 500) = 800 / 1200 = 66.67 %
    assert_eq!(c.index, Some(dec("66.7")));
    // Nothing at all: no index.
    assert_eq!(cei(&Book::new(&[]), d("2026-03-31"), d("2026-06-30")).index, None);
}

#[test]
fn recovery_rate_of_what_went_overdue_in_the_period() {
    let invoices = vec![
        // due 03-31 (late from 04-01): owed 1000, 600 collected
        inv(1, 1, "2026-03-01", "2026-03-31", 1000, &[("2026-04-15", 600)], &[]),
        // not due in the period
        inv(2, 1, "2026-05-01", "2026-07-15", 500, &[], &[]),
        // paid on its due date: never overdue
        inv(3, 2, "2026-06-01", "2026-06-15", 200, &[("2026-06-15", 200)], &[]),
        // 100 paid before due: owed 300; 150 collected in the period, 100 after it
        inv(
            4,
            2,
            "2026-04-10",
            "2026-05-10",
            400,
            &[("2026-05-05", 100), ("2026-06-01", 150), ("2026-07-10", 100)],
            &[],
        ),
        // due 06-30: late from 07-01, outside the period
        inv(5, 3, "2026-06-01", "2026-06-30", 70, &[], &[]),
    ];
    let book = Book::new(&invoices);
    let r = recovery(&book, d("2026-03-31"), d("2026-06-30"));
    // went overdue 1000 + 300 = 1300; collected 600 + 150 = 750; 57.69 %
    assert_eq!((r.invoices, r.went_overdue, r.collected), (2, eur(130000), eur(75000)));
    assert_eq!(r.rate, Some(dec("57.7")));
    let ids: Vec<i64> = invoices.iter().filter(|i| r.drill().matches(i, d("2026-06-30"))).map(|i| i.id.0).collect();
    // The drill lists the invoices due in [03-31, 06-29]; 3 is among them, paid on time.
    assert_eq!(ids, vec![1, 3, 4]);
}

#[test]
fn written_off_by_the_date_and_in_the_period() {
    let book = Book::new(&[
        inv(1, 1, "2026-01-01", "2026-01-31", 500, &[], &[("2026-02-15", 200), ("2026-04-10", 100)]),
        inv(2, 2, "2026-04-01", "2026-04-30", 300, &[], &[("2026-05-01", 300)]),
        inv(3, 2, "2026-04-01", "2026-04-30", 80, &[], &[("2026-07-01", 80)]),
    ]);
    let w = written_off(&book, d("2026-03-31"), d("2026-06-30"));
    // by 06-30: 200 + 100 + 300 = 600 on 2 invoices; in the period 100 + 300
    assert_eq!((w.total, w.invoices, w.in_period), (eur(60000), 2, eur(40000)));
    // sales in the period: 300 + 80 = 380; 400 / 380 = 105.26 %
    assert_eq!(w.ratio_of_sales, Some(dec("105.3")));
    // A write-off leaves the receivables: 500 - 300 = 200, 0, 80.
    assert_eq!(book.receivables(d("2026-06-30")), eur(28000));
}

#[test]
fn forecast_by_week_with_the_customers_delays_and_the_plans() {
    let as_of = d("2026-06-01");
    let book = Book::new(&[
        // overdue: week 1
        inv(1, 1, "2026-04-20", "2026-05-20", 100, &[], &[]),
        // due 06-10 + 5 days = 06-15, day 14: week 3
        inv(2, 1, "2026-05-11", "2026-06-10", 200, &[], &[]),
        // customer 2 has no delay: 06-07, day 6: week 1
        inv(3, 2, "2026-05-08", "2026-06-07", 300, &[], &[]),
        // 06-08, day 7: week 2
        inv(4, 2, "2026-05-09", "2026-06-08", 50, &[], &[]),
        // in a running plan: expected through its installments
        inv(5, 2, "2026-01-09", "2026-02-08", 999, &[], &[]),
        // 08-20 + 5 = 08-25, day 85: after week 12
        inv(6, 1, "2026-05-21", "2026-08-20", 80, &[], &[]),
        // paid: nothing expected
        inv(7, 1, "2026-05-11", "2026-06-10", 60, &[("2026-05-30", 60)], &[]),
    ]);
    let delays = HashMap::from([(CustomerId(1), 5)]);
    let in_plans = HashSet::from([InvoiceId(5)]);
    let installments = vec![
        // late installment: week 1
        PlanInstallmentLeft { customer: CustomerId(2), due: d("2026-05-25"), left: eur(4000) },
        // 06-22, day 21: week 4, no delay
        PlanInstallmentLeft { customer: CustomerId(2), due: d("2026-06-22"), left: eur(6000) },
        // day 121: later
        PlanInstallmentLeft { customer: CustomerId(2), due: d("2026-09-30"), left: eur(7000) },
    ];
    let f = forecast(&book, as_of, 12, &delays, &in_plans, &installments);
    assert_eq!(f.weeks.len(), 12);
    assert_eq!((f.weeks[0].start, f.weeks[0].end), (d("2026-06-01"), d("2026-06-07")));
    // week 1: 100 + 300 from invoices, 40 from the plan, 3 items
    assert_eq!((f.weeks[0].invoices, f.weeks[0].installments, f.weeks[0].total), (eur(40000), eur(4000), eur(44000)));
    assert_eq!(f.weeks[0].items, 3);
    assert_eq!(f.weeks[1].total, eur(5000));
    assert_eq!(f.weeks[2].total, eur(20000));
    assert_eq!(f.weeks[3].installments, eur(6000));
    // later: 70 + 80
    assert_eq!(f.later, eur(15000));
    // Everything open is somewhere: 100+200+300+50+80 invoices, 40+60+70 installments.
    let all: Money = f.weeks.iter().map(|w| w.total).sum::<Money>() + f.later;
    assert_eq!(all, eur(90000));
}

#[test]
fn compute_gathers_every_figure() {
    let invoices = aging_book();
    let book = Book::new(&invoices);
    let k = compute(&book, d("2026-06-30"), 90, &HashSet::new(), &[]);
    assert_eq!(k.from, d("2026-04-01"));
    assert_eq!(k.aged.total, eur(69000));
    assert_eq!(k.dso_trend.len(), TREND_MONTHS);
    assert_eq!(k.forecast.weeks.len(), FORECAST_WEEKS);
    assert_eq!(k.top_overdue.len(), 3);
    // sales in (04-01, 06-30]: invoices 3 (200), 4 (80), 5 (70), 2 (50), 1 (100) = 500
    assert_eq!(k.sales, eur(50000));
    // DSO 690 / 500 × 90 = 124.2
    assert_eq!(k.dso_simple, Some(dec("124.2")));
    // The one-pass receivables give what each formula gives alone.
    assert_eq!(k.dso_trend, dso_trend(&book, k.as_of, 90, TREND_MONTHS));
    assert_eq!(k.dso_countback, dso_countback(&book, k.as_of));
    assert_eq!(k.cei, cei(&book, k.from, k.as_of));
    assert_eq!(k.dso_simple, dso_simple(&book, k.as_of, 90));
    let drill = sales_drill(k.from, k.as_of);
    let sold: Money = invoices.iter().filter(|i| drill.matches(i, k.as_of)).map(|i| i.total).sum();
    assert_eq!(sold, k.sales);
}

#[test]
fn settlements_in_any_order_are_applied_by_date() {
    // 100 on 05-20, 50 on 04-10, 150 on 06-05 (given out of order) on 300:
    // open 250 after 04-10, 150 after 05-20, paid on 06-05.
    let i = inv(
        1,
        1,
        "2026-04-01",
        "2026-05-01",
        300,
        &[("2026-05-20", 100), ("2026-04-10", 50), ("2026-06-05", 150)],
        &[],
    );
    let item = Item::new(&i);
    assert_eq!(item.paid_on, Some(d("2026-06-05")));
    let open: Vec<i64> = ["2026-04-09", "2026-04-10", "2026-05-20", "2026-06-04", "2026-06-05"]
        .iter()
        .map(|on| item.open_at(d(on)))
        .collect();
    assert_eq!(open, vec![30000, 25000, 15000, 15000, 0]);
    // One settlement short of the total: never paid.
    let short = Item::new(&inv(2, 1, "2026-04-01", "2026-05-01", 300, &[("2026-05-20", 299)], &[]));
    assert_eq!((short.paid_on, short.open_at(d("2026-06-30"))), (None, 100));
}

/// A book of `n` invoices drawn from `seed` (xorshift): 0 to 3 settlements
/// each, in any order, a third reaching the total; some write-offs.
fn drawn_book(n: i64, seed: u64) -> Vec<KpiInvoice> {
    let mut x = seed;
    let mut next = move |m: i64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % m as u64) as i64
    };
    let start = d("2025-01-01");
    (1..=n)
        .map(|id| {
            let issue = start + chrono::Days::new(next(500) as u64);
            let due = issue + chrono::Days::new(next(61) as u64);
            let total = 1 + next(100_000);
            // Never more than the total, as the store guarantees; a third
            // of the settlements pay the rest.
            let mut left = total;
            let mut settlements = Vec::new();
            for _ in 0..next(4) {
                let c = if next(3) == 0 { left } else { (1 + next(left / 2 + 1)).min(left) };
                if c > 0 {
                    settlements.push((issue + chrono::Days::new(next(120) as u64), eur(c)));
                    left -= c;
                }
            }
            let write_offs =
                (0..next(5) / 3).map(|_| (due + chrono::Days::new(next(90) as u64), eur(next(total)))).collect();
            KpiInvoice {
                id: InvoiceId(id),
                customer: CustomerId(1 + next(20)),
                issue_date: issue,
                due_date: due,
                total: eur(total),
                settlements,
                write_offs,
            }
        })
        .collect()
}

#[test]
fn the_flat_rows_in_any_order_give_the_same_book() {
    let invoices = drawn_book(400, 2026);
    assert!(invoices.iter().any(|i| i.settlements.len() == 3) && invoices.iter().any(|i| !i.write_offs.is_empty()));
    let rows = KpiRows::from_invoices(&invoices);
    assert_eq!(rows.to_invoices(), invoices);
    // The lists reversed, and an entry naming no invoice (ignored).
    let mut shuffled = rows.clone();
    shuffled.settlements.reverse();
    shuffled.write_offs.reverse();
    let stray = KpiEntry { invoice: 400, date: d("2025-06-01"), amount: eur(1_000_000) };
    shuffled.settlements.push(stray);
    shuffled.write_offs.push(KpiEntry { invoice: u32::MAX, ..stray });
    let (book, flat) = (Book::new(&invoices), Book::from_rows(&shuffled));
    // Receivables every day, against the rule written out per invoice:
    // issued by then, less what was settled and written off by then.
    let mut day = d("2024-12-31");
    while day <= d("2026-09-30") {
        let want: i64 = invoices
            .iter()
            .filter(|i| i.issue_date <= day)
            .map(|i| {
                let by = |l: &[(NaiveDate, Money)]| -> i64 {
                    l.iter().filter(|(on, _)| *on <= day).map(|(_, m)| m.cents()).sum()
                };
                (i.total.cents() - by(&i.settlements) - by(&i.write_offs)).max(0)
            })
            .sum();
        assert_eq!((book.receivables(day), flat.receivables(day)), (eur(want), eur(want)), "{day}");
        day = day + chrono::Days::new(1);
    }
    // Many dates in one pass (in any order) give what each gives alone.
    let dates: Vec<NaiveDate> =
        ["2026-01-31", "2025-02-28", "2025-09-30", "2024-12-31", "2026-09-30", "2025-05-01"].map(d).to_vec();
    let each: Vec<i64> = dates.iter().map(|on| flat.receivables_cents(*on)).collect();
    assert!(each[3] == 0 && each.iter().filter(|c| **c > 0).count() == 5, "{each:?}");
    assert_eq!(flat.receivables_many(&dates), each);
    for at in ["2025-03-31", "2025-08-15", "2026-01-31", "2026-05-20"] {
        let k = compute(&book, d(at), 90, &HashSet::new(), &[]);
        assert_eq!(k, compute(&flat, d(at), 90, &HashSet::new(), &[]), "{at}");
        assert!(k.paid.paid > 0 && k.aged.overdue.is_positive(), "{at}: {k:?}");
    }
}

#[test]
fn sparse_customer_ids_give_the_same_figures() {
    // The same book with customer ids far apart and negative (a map finds
    // their slots, not a vector): the same figures for the same customers.
    let dense = drawn_book(300, 7);
    let far = |c: CustomerId| CustomerId(if c.0 % 2 == 0 { c.0 * 1_000_003 } else { -c.0 });
    let sparse: Vec<KpiInvoice> = dense.iter().map(|i| KpiInvoice { customer: far(i.customer), ..i.clone() }).collect();
    let (a, b) = (Book::new(&dense), Book::new(&sparse));
    for at in ["2025-04-30", "2025-11-15", "2026-02-28"] {
        let (ka, kb) = (compute(&a, d(at), 90, &HashSet::new(), &[]), compute(&b, d(at), 90, &HashSet::new(), &[]));
        let mut moved: Vec<CustomerOverdue> =
            ka.top_overdue.iter().map(|c| CustomerOverdue { customer: far(c.customer), ..c.clone() }).collect();
        moved.sort_by(|x, y| y.overdue.cmp(&x.overdue).then(x.customer.cmp(&y.customer)));
        assert_eq!((kb.top_overdue.len(), &kb.top_overdue), (10, &moved), "{at}");
        assert_eq!((&kb.forecast, &kb.aged, &kb.paid), (&ka.forecast, &ka.aged, &ka.paid), "{at}");
        let delays: HashMap<CustomerId, i64> =
            customer_delays(&a, d(at)).into_iter().map(|(c, v)| (far(c), v)).collect();
        assert!(!delays.is_empty());
        assert_eq!(customer_delays(&b, d(at)), delays, "{at}");
        // The public forecast (delays in a map) agrees with compute's.
        assert_eq!(forecast(&b, d(at), FORECAST_WEEKS, &delays, &HashSet::new(), &[]), kb.forecast, "{at}");
    }
}
