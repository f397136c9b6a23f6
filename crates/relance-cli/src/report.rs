//! `relance report aging|dso|kpis|customers [--days N]` at --as-of: the receivables
//! KPIs and each customer's payment score for people (aligned tables,
//! « 1 234,56 € ») or as JSON; and
//! `bench-dashboard`, the dashboard timed on a generated book.

use std::time::{Duration, Instant};

use clap::{Args, ValueEnum};
use relance_app::dashboard::{self, Dashboard, DEFAULT_PERIOD_DAYS, MAX_PERIOD_DAYS};
use relance_app::Context;
use relance_domain::company::Language;
use relance_domain::kpis::Bucket;
use relance_wire::dashboard::{AgingReportView, DashboardView, DsoReportView};
use relance_wire::risk::RiskView;

use crate::commands::print_json;
use crate::human::{amount, date, print, tr, Table};
use crate::session;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportKind {
    /// The aged balance: not due, 1-30, 31-60, 61-90, over 90 days.
    Aging,
    /// Days sales outstanding, simple and countback, and the last 12 month ends.
    Dso,
    /// Every figure of the dashboard.
    Kpis,
    /// Each customer's payment score, profile and reasons, the riskiest first.
    Customers,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    pub kind: ReportKind,
    /// Length in days of the DSO's sales and of the period figures (ending at --as-of).
    #[arg(long, default_value_t = DEFAULT_PERIOD_DAYS, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_PERIOD_DAYS)))]
    pub days: u32,
}

#[derive(Debug, Args)]
pub struct BenchDashboardArgs {
    /// Invoices in the generated book (one customer for ten invoices).
    #[arg(long, default_value_t = 100_000, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub invoices: u32,
    /// Timed runs (the median is shown).
    #[arg(long, default_value_t = 10, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub runs: u32,
}

/// A ratio "12.5" as "12,5" in French.
fn number(raw: &str, lang: Language) -> String {
    match lang {
        Language::Fr => raw.replace('.', ","),
        Language::En => raw.to_string(),
    }
}

fn pct(raw: &Option<String>, lang: Language) -> String {
    match raw {
        Some(r) => format!("{}\u{a0}%", number(r, lang)),
        None => "—".into(),
    }
}

fn days(raw: &Option<String>, lang: Language) -> String {
    match raw {
        Some(r) => format!("{} {}", number(r, lang), tr(lang, "jours", "days")),
        None => "—".into(),
    }
}

fn bucket_label(code: &str, lang: Language) -> &'static str {
    match code {
        c if c == Bucket::NotDue.code() => tr(lang, "Non échu", "Not due"),
        c if c == Bucket::Days1To30.code() => tr(lang, "1 à 30 jours", "1-30 days"),
        c if c == Bucket::Days31To60.code() => tr(lang, "31 à 60 jours", "31-60 days"),
        c if c == Bucket::Days61To90.code() => tr(lang, "61 à 90 jours", "61-90 days"),
        _ => tr(lang, "Plus de 90 jours", "Over 90 days"),
    }
}

pub fn run(cli: &crate::args::Cli, a: &ReportArgs, lang: Language) -> anyhow::Result<()> {
    let ctx = session::open(cli, lang)?;
    if a.kind == ReportKind::Customers {
        return customers(&ctx, cli.json, lang);
    }
    let as_of = ctx.clock().today();
    let d = dashboard::dashboard(&ctx, as_of, a.days)?;
    let view = DashboardView::from(&d);
    if cli.json {
        return match a.kind {
            ReportKind::Aging => print_json(&AgingReportView::from(&view)),
            ReportKind::Dso => print_json(&DsoReportView::from(&view)),
            ReportKind::Kpis => print_json(&view),
            ReportKind::Customers => unreachable!("answered above"),
        };
    }
    match a.kind {
        ReportKind::Aging => aging(&d, lang),
        ReportKind::Dso => dso(&d, lang),
        ReportKind::Kpis => kpis(&d, lang),
        ReportKind::Customers => unreachable!("answered above"),
    }
    Ok(())
}

/// One customer's line of `report customers --json`.
#[derive(serde::Serialize)]
struct CustomerRiskJson {
    id: i64,
    name: String,
    #[serde(flatten)]
    risk: RiskView,
}

/// Every customer judged at --as-of, the lowest score first (then by name).
fn customers(ctx: &impl Context, json: bool, lang: Language) -> anyhow::Result<()> {
    let all = relance_app::risk::all(ctx)?;
    let mut rows: Vec<CustomerRiskJson> = relance_store::customers::all(ctx.store().conn())?
        .into_iter()
        .filter_map(|c| {
            let a = all.get(&c.id)?;
            Some(CustomerRiskJson { id: c.id.0, name: c.data.name, risk: RiskView::new(a, lang) })
        })
        .collect();
    rows.sort_by(|a, b| a.risk.score.cmp(&b.risk.score).then_with(|| a.name.cmp(&b.name)));
    if json {
        return print_json(&rows);
    }
    let as_of = ctx.clock().today();
    title(&format!("{} {}", tr(lang, "Comportement de paiement au", "Payment behaviour at"), date(as_of, lang)));
    if rows.is_empty() {
        print(tr(lang, "Aucun client.", "No customer."));
        return Ok(());
    }
    let mut t = Table::new(&[
        (tr(lang, "Client", "Customer"), false),
        (tr(lang, "Note", "Score"), true),
        (tr(lang, "Profil", "Profile"), false),
        (tr(lang, "Raison principale", "Main reason"), false),
    ]);
    for r in &rows {
        let profile = match r.risk.segment.as_deref() {
            Some("punctual") => tr(lang, "Ponctuel", "Punctual"),
            Some("late") => tr(lang, "Tardif", "Late payer"),
            Some("variable") => tr(lang, "Variable", "Variable"),
            Some("at_risk") => tr(lang, "À risque", "At risk"),
            _ => tr(lang, "—", "—"),
        };
        let reason = r.risk.reasons.first().cloned().unwrap_or_default();
        t.push(vec![r.name.clone(), r.risk.score.to_string(), profile.into(), reason]);
    }
    print(&t.render());
    Ok(())
}

fn title(text: &str) {
    print(text);
    print(&"=".repeat(text.chars().count()));
}

fn aging(d: &Dashboard, lang: Language) {
    let k = &d.kpis;
    title(&format!("{} {}", tr(lang, "Balance âgée au", "Aged balance at"), date(k.as_of, lang)));
    let mut t = Table::new(&[
        (tr(lang, "Tranche", "Bucket"), false),
        (tr(lang, "Factures", "Invoices"), true),
        (tr(lang, "Montant", "Amount"), true),
    ]);
    let mut n = 0;
    for b in Bucket::ALL {
        let (m, count) = k.aged.bucket(b);
        n += count;
        t.push(vec![bucket_label(b.code(), lang).into(), count.to_string(), amount(m, lang)]);
    }
    t.push(vec![tr(lang, "Total", "Total").into(), n.to_string(), amount(k.aged.total, lang)]);
    print(&t.render());
    print(&format!(
        "{} {} ({} {})",
        tr(lang, "En retard :", "Overdue:"),
        amount(k.aged.overdue, lang),
        pct(&k.aged.overdue_share.map(|r| r.to_string()), lang),
        tr(lang, "de l’encours", "of receivables"),
    ));
}

fn dso(d: &Dashboard, lang: Language) {
    let k = &d.kpis;
    title(&format!(
        "{} {}",
        tr(lang, "Délai moyen de paiement (DSO) au", "Days sales outstanding at"),
        date(k.as_of, lang)
    ));
    let simple = days(&k.dso_simple.map(|r| r.to_string()), lang);
    print(&format!(
        "{} {simple} ({} {}, {} {} {} {})",
        tr(lang, "DSO simple :", "Simple DSO:"),
        tr(lang, "encours", "receivables"),
        amount(k.aged.total, lang),
        tr(lang, "ventes à crédit des", "credit sales of the last"),
        k.period_days,
        tr(lang, "derniers jours :", "days:"),
        amount(k.sales, lang),
    ));
    let countback = days(&Some(k.dso_countback.days.to_string()), lang);
    let capped = if k.dso_countback.capped {
        tr(lang, " (au moins : 36 mois de ventes épuisés)", " (at least: 36 months of sales used up)")
    } else {
        ""
    };
    print(&format!("{} {countback}{capped}", tr(lang, "DSO par épuisement (countback) :", "Countback DSO:")));
    print("");
    let mut t = Table::new(&[
        (tr(lang, "Fin de mois", "Month end"), false),
        (tr(lang, "Encours", "Receivables"), true),
        (tr(lang, "DSO simple", "Simple DSO"), true),
        (tr(lang, "DSO countback", "Countback DSO"), true),
    ]);
    for p in &k.dso_trend {
        t.push(vec![
            date(p.month_end, lang),
            amount(p.receivables, lang),
            days(&p.simple.map(|r| r.to_string()), lang),
            days(&Some(p.countback.days.to_string()), lang),
        ]);
    }
    print(&t.render());
}

/// A ratio as its decimal string.
fn r<D: ToString>(x: Option<D>) -> Option<String> {
    x.map(|v| v.to_string())
}

fn kpis(d: &Dashboard, lang: Language) {
    let k = &d.kpis;
    aging(d, lang);
    print("");
    dso(d, lang);
    print("");
    title(&format!(
        "{} {} {} {}",
        tr(lang, "Encaissements du", "Collections from"),
        date(k.from.succ_opt().unwrap_or(k.from), lang),
        tr(lang, "au", "to"),
        date(k.as_of, lang)
    ));
    let mut t = Table::new(&[(tr(lang, "Indicateur", "Figure"), false), (tr(lang, "Valeur", "Value"), true)]);
    let p = &k.paid;
    t.push(vec![
        tr(lang, "Factures soldées", "Invoices paid").into(),
        format!("{} ({})", p.paid, amount(p.amount, lang)),
    ]);
    t.push(vec![
        tr(lang, "Dont payées en retard", "Of which paid late").into(),
        format!("{} ({})", p.paid_late, pct(&r(p.share_late), lang)),
    ]);
    t.push(vec![tr(lang, "Retard moyen", "Average days late").into(), days(&r(p.average_days_late), lang)]);
    t.push(vec![
        tr(lang, "Retard moyen pondéré par le montant", "Amount-weighted days late").into(),
        days(&r(p.weighted_days_late), lang),
    ]);
    t.push(vec![
        tr(lang, "Retard moyen pondéré des factures en retard", "Weighted days late of overdue invoices").into(),
        days(&r(k.aged.overdue_weighted_days_late), lang),
    ]);
    t.push(vec![
        tr(lang, "Efficacité de recouvrement (CEI)", "Collection effectiveness (CEI)").into(),
        pct(&r(k.cei.index), lang),
    ]);
    t.push(vec![
        tr(lang, "Taux de recouvrement", "Recovery rate").into(),
        format!(
            "{} ({} / {})",
            pct(&r(k.recovery.rate), lang),
            amount(k.recovery.collected, lang),
            amount(k.recovery.went_overdue, lang)
        ),
    ]);
    t.push(vec![
        tr(lang, "Passé en perte (période)", "Written off (period)").into(),
        format!(
            "{} ({} {})",
            amount(k.written_off.in_period, lang),
            pct(&r(k.written_off.ratio_of_sales), lang),
            tr(lang, "des ventes", "of sales")
        ),
    ]);
    t.push(vec![tr(lang, "Passé en perte (total)", "Written off (total)").into(), amount(k.written_off.total, lang)]);
    t.push(vec![
        tr(lang, "Factures en litige (période)", "Invoices disputed (period)").into(),
        format!("{} / {} ({})", d.disputed.disputed, d.disputed.issued, pct(&r(d.disputed.share), lang)),
    ]);
    t.push(vec![
        tr(lang, "En litige ouvert à la date", "Under an open dispute at the date").into(),
        amount(d.disputed.open_amount, lang),
    ]);
    print(&t.render());
    print("");
    title(tr(lang, "Clients les plus en retard", "Customers with the most overdue"));
    if k.top_overdue.is_empty() {
        print(tr(lang, "Aucune facture en retard.", "No overdue invoice."));
    } else {
        let mut t = Table::new(&[
            (tr(lang, "Client", "Customer"), false),
            (tr(lang, "Factures", "Invoices"), true),
            (tr(lang, "Plus ancien retard", "Oldest"), true),
            (tr(lang, "En retard", "Overdue"), true),
        ]);
        for c in &k.top_overdue {
            t.push(vec![
                d.name(c.customer).to_string(),
                c.invoices.to_string(),
                format!("{} {}", c.max_days_late, tr(lang, "j", "d")),
                amount(c.overdue, lang),
            ]);
        }
        print(&t.render());
    }
    print("");
    title(tr(lang, "Encaissements attendus par semaine", "Expected cash-in by week"));
    let mut t = Table::new(&[
        (tr(lang, "Semaine", "Week"), false),
        (tr(lang, "Factures", "Invoices"), true),
        (tr(lang, "Échéanciers", "Plans"), true),
        (tr(lang, "Total", "Total"), true),
    ]);
    for w in &k.forecast.weeks {
        t.push(vec![
            format!("{} – {}", date(w.start, lang), date(w.end, lang)),
            amount(w.invoices, lang),
            amount(w.installments, lang),
            amount(w.total, lang),
        ]);
    }
    t.push(vec![tr(lang, "Au-delà", "Later").into(), String::new(), String::new(), amount(k.forecast.later, lang)]);
    print(&t.render());
}

/// The CPU time this thread has used (Linux's `/proc/thread-self/schedstat`,
/// nanoseconds), so that a figure measured on a busy machine can be read
/// apart from the time spent waiting for a core; `None` elsewhere.
fn cpu_time() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok().map(Duration::from_nanos)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Milliseconds with one decimal, from the integer microseconds.
fn ms(d: Duration) -> String {
    let us = d.as_micros();
    format!("{}.{} ms", us / 1000, us % 1000 / 100)
}

pub fn bench(a: &BenchDashboardArgs, lang: Language) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let store = session::open_store(dir.path(), lang)?;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 16).unwrap_or_default();
    let mut ctx = relance_app::LocalContext::new(store, Box::new(relance_app::FixedClock(today)));
    let t = Instant::now();
    let opts = relance_app::demo::DemoOptions {
        customers: (a.invoices / 10).max(1),
        invoices: a.invoices,
        months: 18,
        seed: 2026,
    };
    let s = relance_app::demo::load(&mut ctx, &opts)?;
    print(&format!(
        "{} : {} {}, {} {}, {} {} {} {} ms",
        tr(lang, "livre généré", "book generated"),
        s.customers,
        tr(lang, "clients", "customers"),
        s.invoices,
        tr(lang, "factures", "invoices"),
        s.payments,
        tr(lang, "paiements", "payments"),
        tr(lang, "en", "in"),
        t.elapsed().as_millis()
    ));
    let (mut read, mut compute, mut whole) = (Vec::new(), Vec::new(), Vec::new());
    // The same three in CPU time (empty where the OS does not tell).
    let (mut read_cpu, mut compute_cpu, mut cpu) = (Vec::new(), Vec::new(), Vec::new());
    let cpu_since = |into: &mut Vec<Duration>, before: Option<Duration>| {
        if let (Some(before), Some(after)) = (before, cpu_time()) {
            into.push(after.saturating_sub(before));
        }
    };
    let mut last = None;
    for _ in 0..a.runs {
        let (t, c) = (Instant::now(), cpu_time());
        let rows = relance_store::kpis::rows(ctx.store().conn())?;
        read.push(t.elapsed());
        cpu_since(&mut read_cpu, c);
        let (t, c) = (Instant::now(), cpu_time());
        let book = relance_domain::kpis::Book::from_rows(&rows);
        let k = relance_domain::kpis::compute(&book, today, DEFAULT_PERIOD_DAYS, &Default::default(), &[]);
        compute.push(t.elapsed());
        cpu_since(&mut compute_cpu, c);
        std::hint::black_box(k);
        let (t, c) = (Instant::now(), cpu_time());
        last = Some(dashboard::dashboard(&ctx, today, DEFAULT_PERIOD_DAYS)?);
        whole.push(t.elapsed());
        cpu_since(&mut cpu, c);
    }
    // Median and minimum of each part: the median is the figure, the
    // minimum what the code costs when no other process takes the core.
    let both = |v: &[Duration]| {
        let min = v.iter().min().copied().unwrap_or_default();
        format!("{} ({} {})", ms(median(v.to_vec())), tr(lang, "min.", "min"), ms(min))
    };
    let target_missed = median(whole.clone()) > Duration::from_millis(100);
    print(&format!(
        "{} {} ({} {}) : {} ; {} {} ; {} {} ; {} 100 ms{}",
        tr(lang, "tableau de bord au", "dashboard at"),
        date(today, lang),
        tr(lang, "médiane de", "median of"),
        a.runs,
        both(&whole),
        tr(lang, "lecture", "reading"),
        both(&read),
        tr(lang, "calcul", "computing"),
        both(&compute),
        tr(lang, "cible", "target"),
        if target_missed { tr(lang, ", dépassée", ", missed") } else { "" },
    ));
    // The kernel updates a thread's CPU time at its ticks and switches (a
    // few ms apart): one short part can read 0, so the mean over the runs
    // is shown, where those steps even out.
    let mean = |v: &[Duration]| -> Option<String> {
        let n = u32::try_from(v.len()).ok().filter(|n| *n > 0)?;
        Some(ms(v.iter().sum::<Duration>() / n))
    };
    if let (Some(all), Some(reading), Some(computing)) = (mean(&cpu), mean(&read_cpu), mean(&compute_cpu)) {
        print(&format!(
            "{} {all} ; {} {reading} ; {} {computing} ({})",
            tr(lang, "temps processeur moyen du tableau de bord :", "dashboard mean CPU time:"),
            tr(lang, "lecture", "reading"),
            tr(lang, "calcul", "computing"),
            tr(lang, "hors attente d’un cœur libre", "not counting waits for a free core"),
        ));
    }
    if let Some(d) = last {
        print(&format!(
            "{} {} ; {} {} ; DSO {}",
            tr(lang, "encours", "receivables"),
            amount(d.kpis.aged.total, lang),
            tr(lang, "en retard", "overdue"),
            amount(d.kpis.aged.overdue, lang),
            days(&d.kpis.dso_simple.map(|r| r.to_string()), lang),
        ));
    }
    Ok(())
}
