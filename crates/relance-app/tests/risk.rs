//! Customer risk on real SQLite files: the example business's customers are
//! sorted into the segments their generated payment habits imply, and the IBM
//! sample's per-customer figures equal a second, naive computation made here
//! from the CSV itself.

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use relance_app::demo::{self, DemoOptions};
use relance_app::{import, risk, FixedClock, LocalContext};
use relance_domain::demo::{generate, PayerProfile};
use relance_domain::dunning::Segment;
use relance_domain::ids::CustomerId;
use relance_domain::risk::Reason;
use relance_store::Store;

fn context(dir: &tempfile::TempDir, today: NaiveDate) -> LocalContext {
    let store = Store::open(&dir.path().join("relance.sqlite3")).unwrap();
    LocalContext::new(store, Box::new(FixedClock(today)))
}

fn names(ctx: &LocalContext) -> HashMap<CustomerId, String> {
    let mut stmt = ctx.store.conn().prepare("SELECT id, name FROM customers").unwrap();
    stmt.query_map([], |r| Ok((CustomerId(r.get(0)?), r.get(1)?))).unwrap().map(Result::unwrap).collect()
}

#[test]
fn the_example_business_customers_fall_in_the_segments_of_their_habits() {
    let today = NaiveDate::from_ymd_opt(2026, 3, 16).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = context(&dir, today);
    let opts = DemoOptions::default();
    demo::load(&mut ctx, &opts).unwrap();
    let book = generate(&opts, today);
    let profile_of: HashMap<String, PayerProfile> =
        book.customers.iter().zip(&book.profiles).map(|(c, p)| (c.name.clone(), *p)).collect();

    let names = names(&ctx);
    let all = risk::all(&ctx).unwrap();
    assert_eq!(all.len(), 40, "every customer is judged, even without invoices");
    let mut seen: HashMap<(PayerProfile, Option<Segment>), usize> = HashMap::new();
    for (id, a) in &all {
        let profile = profile_of[&names[id]];
        *seen.entry((profile, a.segment)).or_default() += 1;
        let why = format!("{} ({profile:?}): {:?} {} {:?}", names[id], a.segment, a.score, a.reasons);
        match (profile, a.segment) {
            // Too little paid history to say, and nothing alarming: no segment, and the reasons say so.
            (_, None) => assert!(matches!(a.reasons[0], Reason::LittleHistory { .. }), "{why}"),
            (PayerProfile::Punctual, Some(Segment::Punctual)) | (PayerProfile::Late, Some(Segment::Late)) => {}
            // The example book leaves some invoices of good payers stuck for months (a dispute,
            // a forgotten one): at risk then, with that reason given.
            (PayerProfile::Punctual | PayerProfile::Late, Some(Segment::AtRisk)) => assert!(
                a.reasons.iter().any(|r| matches!(r, Reason::LongOverdue { .. } | Reason::OverLimit { .. })),
                "{why}"
            ),
            (PayerProfile::VeryLate, Some(Segment::AtRisk)) => {}
            (PayerProfile::Erratic, Some(Segment::Variable | Segment::AtRisk)) => {}
            _ => panic!("unexpected segment: {why}"),
        }
    }
    // Each habit of the generator is recognised somewhere in the book.
    for (profile, segment) in [
        (PayerProfile::Punctual, Segment::Punctual),
        (PayerProfile::Late, Segment::Late),
        (PayerProfile::VeryLate, Segment::AtRisk),
    ] {
        assert!(seen.get(&(profile, Some(segment))).copied().unwrap_or(0) >= 3, "{profile:?}: {seen:?}");
    }
}

/// m/d/yyyy, as the IBM file writes dates.
fn us_date(s: &str) -> NaiveDate {
    let mut parts = s.split('/').map(|p| p.parse::<u32>().unwrap());
    let (m, d, y) = (parts.next().unwrap(), parts.next().unwrap(), parts.next().unwrap());
    NaiveDate::from_ymd_opt(y as i32, m, d).unwrap()
}

#[test]
fn the_ibm_customers_figures_equal_a_naive_count_over_the_csv() {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "fixtures", "import", "ibm_ar.csv"].iter().collect();
    let bytes = std::fs::read(&path).unwrap();
    let dir = tempfile::tempdir().unwrap();
    // After the last settlement of the sample (January 2014).
    let mut ctx = context(&dir, NaiveDate::from_ymd_opt(2014, 3, 1).unwrap());
    import::invoices(&mut ctx, &bytes, &import::InvoiceMapping::ibm(), None, false).unwrap();

    // The naive side: per customer code, (settled, due) of each invoice, straight from the text.
    let text = String::from_utf8(bytes).unwrap();
    let mut by_customer: HashMap<String, Vec<(NaiveDate, NaiveDate)>> = HashMap::new();
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let cells: Vec<&str> = line.split(',').collect();
        by_customer.entry(cells[1].to_string()).or_default().push((us_date(cells[8]), us_date(cells[5])));
    }

    let names = names(&ctx);
    let all = risk::all(&ctx).unwrap();
    assert_eq!(all.len(), by_customer.len());
    let mut segments: HashMap<Option<Segment>, usize> = HashMap::new();
    for (id, a) in &all {
        let mut invoices = by_customer[&names[id]].clone();
        // The most recent settlements first, then the latest due date; the last ten.
        invoices.sort_by(|x, y| y.cmp(x));
        invoices.truncate(10);
        let days: Vec<i64> = invoices.iter().map(|(settled, due)| (*settled - *due).num_days().max(0)).collect();
        let late: Vec<i64> = days.iter().copied().filter(|d| *d > 2).collect();
        // Mean of the late ones rounded half up, in integers: (2 * sum + n) / (2 * n).
        let average = if late.is_empty() {
            0
        } else {
            (2 * late.iter().sum::<i64>() + late.len() as i64) / (2 * late.len() as i64)
        };
        let b = &a.behaviour;
        assert_eq!(
            (b.recent_paid, b.recent_late, i64::from(b.average_days_late)),
            (invoices.len(), late.len(), average),
            "{}",
            names[id]
        );
        assert_eq!(
            (i64::from(b.days_late_range.0), i64::from(b.days_late_range.1)),
            (*days.iter().min().unwrap(), *days.iter().max().unwrap()),
            "{}",
            names[id]
        );
        assert_eq!(b.exposure, relance_domain::Money::ZERO, "the sample's invoices are all settled");
        *segments.entry(a.segment).or_default() += 1;
    }
    println!("IBM segments at 2014-03-01: {segments:?}");
    // The sample has mostly punctual payers and some regular late ones.
    assert!(
        segments.get(&Some(Segment::Punctual)).copied().unwrap_or(0)
            > segments.get(&Some(Segment::AtRisk)).copied().unwrap_or(0)
    );
}

#[test]
fn a_decision_taken_when_credit_control_warns_is_kept_with_the_invoice() {
    use relance_app::{customers, invoices};
    use relance_domain::customer::CustomerInput;
    use relance_domain::invoice::InvoiceInput;
    use relance_domain::risk::CreditDecision;

    let dir = tempfile::tempdir().unwrap();
    let mut ctx = context(&dir, NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
    let input = CustomerInput {
        kind: "business".into(),
        name: "Garage Martin".into(),
        terms: "net:30".into(),
        credit_limit: "1 000,00".into(),
        ..Default::default()
    };
    let c = customers::create(&mut ctx, &input).unwrap().id;
    let invoice = |number: &str, total: &str| InvoiceInput {
        number: number.into(),
        issue_date: "2026-11-20".into(),
        total: Some(total.into()),
        ..Default::default()
    };
    invoices::create(&mut ctx, c, &invoice("F-1", "800,00")).unwrap();

    // 800 + 200 = 1,000: at the limit, nothing to decide, and a decision sent anyway is not kept.
    assert_eq!(invoices::credit_warning(&ctx, c, &invoice("F-2", "200,00")).unwrap(), None);
    invoices::create_deciding(&mut ctx, c, &invoice("F-2", "200,00"), Some(CreditDecision::Accepted)).unwrap();
    let decisions = |ctx: &LocalContext| -> Vec<String> {
        let mut stmt = ctx.store.conn().prepare("SELECT details FROM activity WHERE kind = 'credit_decision'").unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    assert!(decisions(&ctx).is_empty());

    // 1,000 + 0.01 crosses it: the warning gives both amounts, the decision is kept with them.
    let warning = invoices::credit_warning(&ctx, c, &invoice("F-3", "0,01")).unwrap().unwrap();
    assert!(warning.over_limit && !warning.at_risk);
    assert_eq!(warning.after, relance_domain::Money::from_cents(100_001));
    invoices::create_deciding(&mut ctx, c, &invoice("F-3", "0,01"), Some(CreditDecision::DepositRequested)).unwrap();
    let kept = decisions(&ctx);
    assert_eq!(kept.len(), 1);
    let details: serde_json::Value = serde_json::from_str(&kept[0]).unwrap();
    assert_eq!(details["number"], "F-3");
    assert_eq!(details["decision"], "deposit_requested");
    assert_eq!(details["after"], "1000.01");
    assert_eq!(details["limit"], "1000.00");

    // A bad form is not judged: saving it will say what is wrong.
    assert_eq!(invoices::credit_warning(&ctx, c, &invoice("", "abc")).unwrap(), None);
}

#[test]
fn a_customer_without_a_chosen_profile_follows_the_policy_of_the_profile_its_history_shows() {
    use relance_app::{customers, policies};
    use relance_domain::dunning::PolicySource;
    use relance_store::policies::CustomerProfile;

    let today = NaiveDate::from_ymd_opt(2026, 3, 16).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = context(&dir, today);
    demo::load(&mut ctx, &DemoOptions::default()).unwrap();
    let aubry = relance_store::customers::ids_by_name(ctx.store.conn()).unwrap()["SAS Aubry & Fils"];
    assert_eq!(risk::customer(&ctx, aubry).unwrap().segment, Some(Segment::Late));
    // No policy per profile: the default, whatever the history says.
    assert_eq!(customers::detail(&ctx, aubry).unwrap().policy.source, PolicySource::Default);

    let standard = relance_store::policies::all(ctx.store.conn()).unwrap()[0].id;
    policies::assign(&mut ctx, Some(Segment::Late), Some(standard)).unwrap();
    assert_eq!(customers::detail(&ctx, aubry).unwrap().policy.source, PolicySource::Segment(Segment::Late));

    // A profile chosen by hand wins over the history's.
    let chosen = CustomerProfile { segment: Some(Segment::Punctual), ..CustomerProfile::default() };
    relance_store::policies::set_customer_profile(ctx.store.conn(), aubry, &chosen, chrono::Utc::now()).unwrap();
    assert_eq!(customers::detail(&ctx, aubry).unwrap().policy.source, PolicySource::Default);
}

#[test]
fn the_thresholds_are_settings_checked_field_by_field_and_used_at_once() {
    use relance_domain::risk::{Thresholds, ThresholdsInput};
    use relance_domain::validation::Field;

    let today = NaiveDate::from_ymd_opt(2026, 3, 16).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = context(&dir, today);
    demo::load(&mut ctx, &DemoOptions::default()).unwrap();
    let aubry = relance_store::customers::ids_by_name(ctx.store.conn()).unwrap()["SAS Aubry & Fils"];
    assert_eq!(risk::thresholds(&ctx).unwrap(), Thresholds::default());
    assert_eq!(risk::customer(&ctx, aubry).unwrap().segment, Some(Segment::Late));

    let typed = |t: &Thresholds| ThresholdsInput {
        grace_days: t.grace_days.to_string(),
        min_history: t.min_history.to_string(),
        punctual_max_days: t.punctual_max_days.to_string(),
        late_min_share_late: t.late_min_share_late.to_string(),
        regular_spread_days: t.regular_spread_days.to_string(),
        at_risk_broken_promises: t.at_risk_broken_promises.to_string(),
        at_risk_overdue_days: t.at_risk_overdue_days.to_string(),
        at_risk_score: t.at_risk_score.to_string(),
    };
    // Out of range: refused on its field, nothing written.
    let bad = ThresholdsInput { at_risk_overdue_days: "10".into(), ..typed(&Thresholds::default()) };
    match risk::save_thresholds(&mut ctx, &bad) {
        Err(relance_app::AppError::Invalid(v)) => assert_eq!(v.issues[0].field, Field::RiskOverdueDays),
        other => panic!("{other:?}"),
    }
    assert_eq!(risk::thresholds(&ctx).unwrap(), Thresholds::default());

    // A shop that calls 30 days late "punctual": the regular late payer becomes punctual.
    let lenient = Thresholds { punctual_max_days: 30, ..Thresholds::default() };
    assert_eq!(risk::save_thresholds(&mut ctx, &typed(&lenient)).unwrap(), lenient);
    assert_eq!(risk::thresholds(&ctx).unwrap(), lenient);
    assert_eq!(risk::customer(&ctx, aubry).unwrap().segment, Some(Segment::Punctual));
}
