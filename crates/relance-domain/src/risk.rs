//! How a customer pays, as a 0-100 score with its reasons in plain words and a
//! segment (issue 7). Everything here is a pure function of the customer's
//! history at a date: the app reads the history, this module judges it.
//!
//! The score is a transparent sum of penalties, never a black box:
//!
//! ```text
//! score = 100
//!       - 40 x share of the last 10 paid invoices paid late        (0 to 40)
//!       - 30 x min(amount-weighted days late of those, 60) / 60    (0 to 30)
//!       - 10 per promise to pay broken in the last 12 months       (at most 20)
//!       - 15 per installment plan defaulted in the last 12 months  (at most 30)
//!       - 10 per formal notice sent in the last 12 months          (at most 20)
//!       -  5 per dispute opened in the last 12 months              (at most 10)
//!       - 15 when what the customer owes is above its credit limit
//!       - 10 when an invoice is unpaid more than 60 days after its due date
//!       -  5 when the delays grow (last 6 months against the 6 before), + 5 when they shrink
//! ```
//!
//! clamped to 0..=100 and rounded to the unit (half away from zero).
//! "Late" means paid more than `grace_days` after the due date (a bank transfer
//! takes a couple of days; default 2). Each term is a [`Reason`] the customer
//! page can show, so the user sees why, in the same words as the formula.
//!
//! The segment follows from the same facts ([`Thresholds`] are settings):
//! - **à risque**: a plan defaulted, `at_risk_broken_promises` broken promises,
//!   a formal notice, more owed than the credit limit, an invoice unpaid
//!   `at_risk_overdue_days` after its due date (events over the last 12
//!   months), or a score under `at_risk_score`;
//! - otherwise, with fewer than `min_history` paid invoices, no segment: the
//!   history says nothing yet, and the segment chosen by hand (or the default
//!   policy) stays;
//! - **ponctuel**: the last invoices paid on average (amount-weighted, on-time
//!   ones counting 0) at most `punctual_max_days` after their due date: a
//!   customer who is often a few days late is still punctual in practice;
//! - **tardif**: at least `late_min_share_late` late, and regularly so: the
//!   delays of the late invoices stray on average at most `regular_spread_days`
//!   from their mean;
//! - **variable**: everything else (sometimes on time, sometimes very late).

use chrono::{Months, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};

use crate::dunning::Segment;
use crate::validation::{Field, Problem, Validation};
use crate::Money;

/// How many of the last paid invoices the share late and the days late look at.
pub const RECENT_INVOICES: usize = 10;

/// An invoice of the customer settled in full on `settled_on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaidInvoice {
    pub due: NaiveDate,
    pub settled_on: NaiveDate,
    pub amount: Money,
}

impl PaidInvoice {
    /// Days between the due date and the settlement, 0 when paid in time.
    pub fn days_late(&self) -> u32 {
        u32::try_from((self.settled_on - self.due).num_days()).unwrap_or(0)
    }
}

/// What the customer still owes on an invoice at the date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenInvoice {
    pub due: NaiveDate,
    pub remaining: Money,
}

/// The customer's history as of a date. Event dates after `as_of` are ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    pub paid: Vec<PaidInvoice>,
    pub open: Vec<OpenInvoice>,
    pub broken_promises: Vec<NaiveDate>,
    pub defaulted_plans: Vec<NaiveDate>,
    pub formal_notices: Vec<NaiveDate>,
    pub disputes: Vec<NaiveDate>,
    pub credit_limit: Option<Money>,
}

/// The settings the segment and the word "late" depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Thresholds {
    pub grace_days: u32,
    pub min_history: usize,
    pub punctual_max_days: u32,
    /// Percent (0-100) of late invoices from which a customer is "tardif".
    pub late_min_share_late: u32,
    pub regular_spread_days: u32,
    pub at_risk_broken_promises: usize,
    pub at_risk_overdue_days: u32,
    pub at_risk_score: u8,
}

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds {
            grace_days: 2,
            min_history: 3,
            punctual_max_days: 5,
            late_min_share_late: 50,
            regular_spread_days: 15,
            at_risk_broken_promises: 2,
            at_risk_overdue_days: 90,
            at_risk_score: 40,
        }
    }
}

/// The settings form as typed, one text per threshold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ThresholdsInput {
    pub grace_days: String,
    pub min_history: String,
    pub punctual_max_days: String,
    pub late_min_share_late: String,
    pub regular_spread_days: String,
    pub at_risk_broken_promises: String,
    pub at_risk_overdue_days: String,
    pub at_risk_score: String,
}

/// Each threshold's field and allowed range, in the form's order.
pub const THRESHOLD_LIMITS: [(Field, i64, i64); 8] = [
    (Field::RiskGraceDays, 0, 15),
    (Field::RiskMinHistory, 1, 10),
    (Field::RiskPunctualDays, 0, 30),
    (Field::RiskLateShare, 10, 100),
    (Field::RiskSpreadDays, 1, 60),
    (Field::RiskBrokenPromises, 1, 10),
    (Field::RiskOverdueDays, 30, 365),
    (Field::RiskScore, 0, 100),
];

impl ThresholdsInput {
    /// Every value a whole number in its range; each problem on its own field.
    pub fn check(&self) -> Result<Thresholds, Validation> {
        let raw = [
            &self.grace_days,
            &self.min_history,
            &self.punctual_max_days,
            &self.late_min_share_late,
            &self.regular_spread_days,
            &self.at_risk_broken_promises,
            &self.at_risk_overdue_days,
            &self.at_risk_score,
        ];
        let mut v = Validation::new();
        let mut n = [0i64; 8];
        for (i, ((field, min, max), text)) in THRESHOLD_LIMITS.iter().zip(raw).enumerate() {
            match text.trim().parse::<i64>() {
                Ok(x) if (*min..=*max).contains(&x) => n[i] = x,
                _ => v.push(*field, Problem::OutOfRange { min: *min, max: *max }),
            }
        }
        let u = |x: i64| u32::try_from(x).unwrap_or(0);
        v.finish(|| Thresholds {
            grace_days: u(n[0]),
            min_history: usize::try_from(n[1]).unwrap_or(3),
            punctual_max_days: u(n[2]),
            late_min_share_late: u(n[3]),
            regular_spread_days: u(n[4]),
            at_risk_broken_promises: usize::try_from(n[5]).unwrap_or(2),
            at_risk_overdue_days: u(n[6]),
            at_risk_score: u8::try_from(n[7]).unwrap_or(40),
        })
    }
}

/// Whether the delays grow or shrink: amount-weighted days late of the
/// invoices settled in the last 6 months against the 6 months before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trend {
    /// Fewer than two settled invoices in one of the two halves.
    Unknown,
    Stable,
    Worsening {
        recent_days: u32,
        previous_days: u32,
    },
    Improving {
        recent_days: u32,
        previous_days: u32,
    },
}

/// A difference in weighted days late under this is noise, not a trend.
const TREND_MIN_DAYS: Decimal = Decimal::from_parts(5, 0, 0, false, 0);

/// The facts the score and the segment are made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Behaviour {
    /// How many paid invoices the share looks at (the last ten at most).
    pub recent_paid: usize,
    pub recent_late: usize,
    /// Mean days late of the recent invoices paid late (0 when none), rounded.
    pub average_days_late: u32,
    /// Amount-weighted days late of the recent paid invoices, on-time ones
    /// counting 0, to one decimal.
    pub weighted_days_late: Decimal,
    /// Least and most days late among the recent paid invoices.
    pub days_late_range: (u32, u32),
    /// Mean absolute deviation of the late invoices' delays, to one decimal.
    pub spread_days: Decimal,
    pub trend: Trend,
    /// Everything still owed at the date, due or not.
    pub exposure: Money,
    pub overdue: Money,
    /// Days since the due date of the oldest invoice still unpaid (0 when none is overdue).
    pub oldest_overdue_days: u32,
    pub broken_promises: usize,
    pub defaulted_plans: usize,
    pub formal_notices: usize,
    pub disputes: usize,
    pub credit_limit: Option<Money>,
}

impl Behaviour {
    pub fn over_limit(&self) -> bool {
        self.credit_limit.is_some_and(|limit| self.exposure > limit)
    }

    /// Percent of the recent paid invoices paid late (0 with no history).
    fn share_late(&self) -> Decimal {
        if self.recent_paid == 0 {
            return Decimal::ZERO;
        }
        Decimal::from(self.recent_late as u64) / Decimal::from(self.recent_paid as u64)
    }
}

/// One term of the score, in the order the customer page shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// Fewer paid invoices than `min_history`: the score says little yet.
    LittleHistory {
        paid: usize,
    },
    PaidOnTime {
        of: usize,
    },
    PaidLate {
        late: usize,
        of: usize,
        average_days: u32,
    },
    Irregular {
        min_days: u32,
        max_days: u32,
    },
    Worsening {
        recent_days: u32,
        previous_days: u32,
    },
    Improving {
        recent_days: u32,
        previous_days: u32,
    },
    BrokenPromises {
        count: usize,
    },
    DefaultedPlans {
        count: usize,
    },
    FormalNotices {
        count: usize,
    },
    Disputes {
        count: usize,
    },
    OverLimit {
        exposure: Money,
        limit: Money,
    },
    LongOverdue {
        days: u32,
        amount: Money,
    },
}

/// The judgement: a score, its reasons, and the segment when the facts say one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    pub score: u8,
    pub segment: Option<Segment>,
    pub reasons: Vec<Reason>,
    pub behaviour: Behaviour,
}

/// What the history says at `as_of`.
pub fn assess(history: &History, as_of: NaiveDate, thresholds: &Thresholds) -> Assessment {
    let behaviour = behaviour(history, as_of, thresholds);
    let score = score(&behaviour);
    let segment = segment(&behaviour, score, thresholds);
    let reasons = reasons(&behaviour, thresholds);
    Assessment { score, segment, reasons, behaviour }
}

/// The facts, each over its window.
pub fn behaviour(history: &History, as_of: NaiveDate, thresholds: &Thresholds) -> Behaviour {
    let year_ago = as_of.checked_sub_months(Months::new(12)).unwrap_or(NaiveDate::MIN);
    let half_year_ago = as_of.checked_sub_months(Months::new(6)).unwrap_or(NaiveDate::MIN);
    let in_last_year = |dates: &[NaiveDate]| dates.iter().filter(|d| **d > year_ago && **d <= as_of).count();

    let mut paid: Vec<&PaidInvoice> = history.paid.iter().filter(|p| p.settled_on <= as_of).collect();
    // The most recent first; the same day by due date, so the order never depends on the input's.
    paid.sort_by(|a, b| b.settled_on.cmp(&a.settled_on).then(b.due.cmp(&a.due)));
    let recent: Vec<&PaidInvoice> = paid.iter().take(RECENT_INVOICES).copied().collect();
    let late_days: Vec<u32> = recent.iter().map(|p| p.days_late()).filter(|d| *d > thresholds.grace_days).collect();
    let average_days_late = mean(&late_days).map(round_unit).unwrap_or(0);
    let spread_days = mean(&late_days)
        .map(|m| {
            let deviations: Vec<Decimal> = late_days.iter().map(|d| (Decimal::from(*d) - m).abs()).collect();
            round_tenth(deviations.iter().sum::<Decimal>() / Decimal::from(deviations.len() as u64))
        })
        .unwrap_or(Decimal::ZERO);
    let days: Vec<u32> = recent.iter().map(|p| p.days_late()).collect();
    let days_late_range = (days.iter().copied().min().unwrap_or(0), days.iter().copied().max().unwrap_or(0));

    let previous: Vec<&PaidInvoice> =
        paid.iter().filter(|p| p.settled_on > year_ago && p.settled_on <= half_year_ago).copied().collect();
    let last_half: Vec<&PaidInvoice> = paid.iter().filter(|p| p.settled_on > half_year_ago).copied().collect();
    let trend = trend(&last_half, &previous);

    let open: Vec<&OpenInvoice> = history.open.iter().filter(|o| o.remaining.is_positive()).collect();
    let exposure: Money = open.iter().map(|o| o.remaining).sum();
    let overdue: Money = open.iter().filter(|o| o.due < as_of).map(|o| o.remaining).sum();
    let oldest_overdue_days = open
        .iter()
        .filter(|o| o.due < as_of)
        .map(|o| u32::try_from((as_of - o.due).num_days()).unwrap_or(0))
        .max()
        .unwrap_or(0);

    Behaviour {
        recent_paid: recent.len(),
        recent_late: late_days.len(),
        average_days_late,
        weighted_days_late: round_tenth(weighted_days(&recent).unwrap_or(Decimal::ZERO)),
        days_late_range,
        spread_days,
        trend,
        exposure,
        overdue,
        oldest_overdue_days,
        broken_promises: in_last_year(&history.broken_promises),
        defaulted_plans: in_last_year(&history.defaulted_plans),
        formal_notices: in_last_year(&history.formal_notices),
        disputes: in_last_year(&history.disputes),
        credit_limit: history.credit_limit,
    }
}

/// The formula of the module's documentation.
pub fn score(b: &Behaviour) -> u8 {
    let capped = |count: usize, each: i64, cap: i64| Decimal::from((count as i64).saturating_mul(each).min(cap));
    let mut s = Decimal::ONE_HUNDRED;
    s -= Decimal::from(40) * b.share_late();
    s -= Decimal::from(30) * b.weighted_days_late.min(Decimal::from(60)) / Decimal::from(60);
    s -= capped(b.broken_promises, 10, 20);
    s -= capped(b.defaulted_plans, 15, 30);
    s -= capped(b.formal_notices, 10, 20);
    s -= capped(b.disputes, 5, 10);
    if b.over_limit() {
        s -= Decimal::from(15);
    }
    if b.oldest_overdue_days > 60 {
        s -= Decimal::from(10);
    }
    match b.trend {
        Trend::Worsening { .. } => s -= Decimal::from(5),
        Trend::Improving { .. } => s += Decimal::from(5),
        Trend::Stable | Trend::Unknown => {}
    }
    let s = s.clamp(Decimal::ZERO, Decimal::ONE_HUNDRED);
    u8::try_from(round_unit(s)).unwrap_or(0)
}

/// The segment the facts say, or none when there is too little history and nothing alarming.
pub fn segment(b: &Behaviour, score: u8, t: &Thresholds) -> Option<Segment> {
    let at_risk = b.defaulted_plans > 0
        || b.broken_promises >= t.at_risk_broken_promises
        || b.formal_notices > 0
        || b.over_limit()
        || b.oldest_overdue_days >= t.at_risk_overdue_days
        || score < t.at_risk_score;
    if at_risk {
        return Some(Segment::AtRisk);
    }
    if b.recent_paid < t.min_history {
        return None;
    }
    let share = b.share_late() * Decimal::ONE_HUNDRED;
    if b.weighted_days_late <= Decimal::from(t.punctual_max_days) {
        return Some(Segment::Punctual);
    }
    if share >= Decimal::from(t.late_min_share_late) && b.spread_days <= Decimal::from(t.regular_spread_days) {
        return Some(Segment::Late);
    }
    Some(Segment::Variable)
}

/// The terms that count, in plain facts the UI words.
pub fn reasons(b: &Behaviour, t: &Thresholds) -> Vec<Reason> {
    let mut out = Vec::new();
    if b.recent_paid < t.min_history {
        out.push(Reason::LittleHistory { paid: b.recent_paid });
    } else if b.recent_late == 0 {
        out.push(Reason::PaidOnTime { of: b.recent_paid });
    } else {
        out.push(Reason::PaidLate { late: b.recent_late, of: b.recent_paid, average_days: b.average_days_late });
        if b.recent_late >= 2 && b.spread_days > Decimal::from(t.regular_spread_days) {
            out.push(Reason::Irregular { min_days: b.days_late_range.0, max_days: b.days_late_range.1 });
        }
    }
    match b.trend {
        Trend::Worsening { recent_days, previous_days } => out.push(Reason::Worsening { recent_days, previous_days }),
        Trend::Improving { recent_days, previous_days } => out.push(Reason::Improving { recent_days, previous_days }),
        Trend::Stable | Trend::Unknown => {}
    }
    if b.oldest_overdue_days > 60 {
        out.push(Reason::LongOverdue { days: b.oldest_overdue_days, amount: b.overdue });
    }
    if let (true, Some(limit)) = (b.over_limit(), b.credit_limit) {
        out.push(Reason::OverLimit { exposure: b.exposure, limit });
    }
    if b.defaulted_plans > 0 {
        out.push(Reason::DefaultedPlans { count: b.defaulted_plans });
    }
    if b.broken_promises > 0 {
        out.push(Reason::BrokenPromises { count: b.broken_promises });
    }
    if b.formal_notices > 0 {
        out.push(Reason::FormalNotices { count: b.formal_notices });
    }
    if b.disputes > 0 {
        out.push(Reason::Disputes { count: b.disputes });
    }
    out
}

/// What a new invoice would do to the customer's credit (credit control):
/// what it owes now and after, against its limit, and whether it is at risk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CreditCheck {
    pub exposure: Money,
    pub after: Money,
    pub limit: Option<Money>,
    /// The new invoice takes what is owed above the credit limit.
    pub over_limit: bool,
    pub at_risk: bool,
    pub score: u8,
}

impl CreditCheck {
    /// The user is warned before saving, and asked what was decided.
    pub fn warns(&self) -> bool {
        self.over_limit || self.at_risk
    }
}

/// The check before saving a new invoice of `amount` for an assessed customer.
pub fn credit_check(a: &Assessment, amount: Money) -> CreditCheck {
    let exposure = a.behaviour.exposure;
    let after = exposure + amount;
    let limit = a.behaviour.credit_limit;
    CreditCheck {
        exposure,
        after,
        limit,
        over_limit: limit.is_some_and(|l| after > l),
        at_risk: a.segment == Some(Segment::AtRisk),
        score: a.score,
    }
}

/// What the user decided when warned, kept in the customer's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CreditDecision {
    /// Invoice saved; a deposit is asked before delivering.
    DepositRequested,
    /// Invoice saved; payment in cash (on delivery) is required.
    CashPayment,
    /// Invoice saved as usual, knowingly.
    Accepted,
}

impl CreditDecision {
    pub const ALL: [CreditDecision; 3] =
        [CreditDecision::DepositRequested, CreditDecision::CashPayment, CreditDecision::Accepted];

    pub fn code(self) -> &'static str {
        match self {
            CreditDecision::DepositRequested => "deposit_requested",
            CreditDecision::CashPayment => "cash_payment",
            CreditDecision::Accepted => "accepted",
        }
    }

    pub fn from_code(code: &str) -> Option<CreditDecision> {
        CreditDecision::ALL.into_iter().find(|d| d.code() == code)
    }
}

fn trend(last_half: &[&PaidInvoice], previous: &[&PaidInvoice]) -> Trend {
    if last_half.len() < 2 || previous.len() < 2 {
        return Trend::Unknown;
    }
    let (Some(recent), Some(before)) = (weighted_days(last_half), weighted_days(previous)) else {
        return Trend::Unknown;
    };
    let (recent_days, previous_days) = (round_unit(recent), round_unit(before));
    if recent - before >= TREND_MIN_DAYS {
        Trend::Worsening { recent_days, previous_days }
    } else if before - recent >= TREND_MIN_DAYS {
        Trend::Improving { recent_days, previous_days }
    } else {
        Trend::Stable
    }
}

/// Amount-weighted mean of days late; none without a positive amount.
fn weighted_days(invoices: &[&PaidInvoice]) -> Option<Decimal> {
    let total: Decimal = invoices.iter().map(|p| p.amount.amount()).sum();
    if total <= Decimal::ZERO {
        return None;
    }
    let weighted: Decimal = invoices.iter().map(|p| p.amount.amount() * Decimal::from(p.days_late())).sum();
    Some(weighted / total)
}

fn mean(values: &[u32]) -> Option<Decimal> {
    if values.is_empty() {
        return None;
    }
    Some(values.iter().map(|v| Decimal::from(*v)).sum::<Decimal>() / Decimal::from(values.len() as u64))
}

fn round_unit(d: Decimal) -> u32 {
    u32::try_from(d.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero).mantissa()).unwrap_or(0)
}

fn round_tenth(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn euros(n: i64) -> Money {
        Money::from_cents(n * 100)
    }

    /// An invoice due on `due` paid `late` days after, for `amount` euros.
    fn paid(due: &str, late: i64, amount: i64) -> PaidInvoice {
        let due = day(due);
        PaidInvoice { due, settled_on: due + chrono::Days::new(late as u64), amount: euros(amount) }
    }

    const AS_OF: &str = "2026-11-24";

    fn assess_default(history: &History) -> Assessment {
        assess(history, day(AS_OF), &Thresholds::default())
    }

    #[test]
    fn a_customer_who_always_pays_in_time_scores_100_and_is_punctual() {
        // 10 invoices of 1,000 EUR, each paid on its due date or within the 2-day grace:
        // share late 0, weighted days late (0*5 + 2*5) / 10 = 1.0; trend: both halves ~1 day, stable.
        let mut h = History::default();
        for m in 1..=10 {
            h.paid.push(paid(&format!("2026-{m:02}-10"), if m % 2 == 0 { 2 } else { 0 }, 1000));
        }
        let a = assess_default(&h);
        assert_eq!(a.behaviour.recent_paid, 10);
        assert_eq!(a.behaviour.recent_late, 0);
        assert_eq!(a.behaviour.weighted_days_late, dec!(1.0));
        // 100 - 0 - 30 * 1/60 = 99.5, rounded half away: 100.
        assert_eq!(a.score, 100);
        assert_eq!(a.segment, Some(Segment::Punctual));
        assert_eq!(a.reasons, vec![Reason::PaidOnTime { of: 10 }]);
    }

    #[test]
    fn the_brief_example_eight_of_ten_late_23_days_on_average() {
        // 10 invoices of 500 EUR: 8 paid 23 days late, 2 on time. All in the last 6 months
        // would leave no "before" half: spread them from 2026-01 to 2026-10 with the same delays.
        let mut h = History::default();
        for m in 1..=10 {
            h.paid.push(paid(&format!("2026-{m:02}-05"), if m <= 8 { 23 } else { 0 }, 500));
        }
        let a = assess_default(&h);
        let b = &a.behaviour;
        assert_eq!((b.recent_paid, b.recent_late, b.average_days_late), (10, 8, 23));
        // weighted: 8 * 23 / 10 = 18.4 days; spread of the late ones: all 23, so 0.
        assert_eq!(b.weighted_days_late, dec!(18.4));
        assert_eq!(b.spread_days, dec!(0.0));
        // Halves: settled after 2026-05-24 are the May invoice (settled 05-28) to October:
        // 23, 23, 23, 23, 0, 0 -> 92 / 6 = 15.3; 2025-11-24 < settled <= 2026-05-24: January to April,
        // all 23 -> 23. 15.3 - 23 = -7.7, more than 5 days: improving.
        assert_eq!(b.trend, Trend::Improving { recent_days: 15, previous_days: 23 });
        // 100 - 40 * 0.8 - 30 * 18.4 / 60 + 5 = 100 - 32 - 9.2 + 5 = 63.8 -> 64.
        assert_eq!(a.score, 64);
        assert_eq!(a.segment, Some(Segment::Late));
        assert_eq!(
            a.reasons,
            vec![
                Reason::PaidLate { late: 8, of: 10, average_days: 23 },
                Reason::Improving { recent_days: 15, previous_days: 23 }
            ]
        );
    }

    #[test]
    fn irregular_delays_make_a_variable_customer() {
        // 6 invoices of 100 EUR, all within the last 6 months (trend unknown): delays 0, 0, 0, 5, 40, 75.
        // Late (> 2 days): 5, 40, 75 -> 3 of 6, mean 40, deviations 35, 0, 35 -> spread 23.3 > 10.
        let mut h = History::default();
        for (i, late) in [0, 0, 0, 5, 40, 75].iter().enumerate() {
            h.paid.push(paid(&format!("2026-06-{:02}", i + 1), *late, 100));
        }
        let a = assess_default(&h);
        assert_eq!(a.behaviour.spread_days, dec!(23.3));
        assert_eq!(a.behaviour.trend, Trend::Unknown);
        // weighted: (5 + 40 + 75) / 6 = 20; 100 - 40 * 0.5 - 30 * 20 / 60 = 100 - 20 - 10 = 70.
        assert_eq!(a.score, 70);
        assert_eq!(a.segment, Some(Segment::Variable));
        assert!(a.reasons.contains(&Reason::Irregular { min_days: 0, max_days: 75 }), "{:?}", a.reasons);
    }

    #[test]
    fn a_defaulted_plan_or_two_broken_promises_or_a_notice_put_a_customer_at_risk() {
        let mut good = History::default();
        for m in 1..=5 {
            good.paid.push(paid(&format!("2026-{m:02}-10"), 0, 100));
        }
        assert_eq!(assess_default(&good).segment, Some(Segment::Punctual));

        let mut plan = good.clone();
        plan.defaulted_plans.push(day("2026-09-01"));
        let a = assess_default(&plan);
        assert_eq!(a.segment, Some(Segment::AtRisk));
        assert!(a.reasons.contains(&Reason::DefaultedPlans { count: 1 }));
        assert_eq!(a.score, 85);

        let mut promises = good.clone();
        promises.broken_promises.push(day("2026-08-01"));
        assert_eq!(assess_default(&promises).segment, Some(Segment::Punctual), "one broken promise is not enough");
        promises.broken_promises.push(day("2026-10-01"));
        assert_eq!(assess_default(&promises).segment, Some(Segment::AtRisk));

        let mut old = good.clone();
        old.formal_notices.push(day("2025-10-01"));
        assert_eq!(assess_default(&old).segment, Some(Segment::Punctual), "a notice more than a year ago is forgotten");
        old.formal_notices.push(day("2026-11-24"));
        assert_eq!(assess_default(&old).segment, Some(Segment::AtRisk));
    }

    #[test]
    fn owing_more_than_the_credit_limit_is_at_risk_and_said_with_both_amounts() {
        let mut h = History { credit_limit: Some(euros(10_000)), ..History::default() };
        h.open.push(OpenInvoice { due: day("2026-12-15"), remaining: euros(7_000) });
        h.open.push(OpenInvoice { due: day("2026-11-20"), remaining: euros(5_300) });
        let a = assess_default(&h);
        assert_eq!(a.behaviour.exposure, euros(12_300));
        assert_eq!(a.behaviour.overdue, euros(5_300));
        assert_eq!(a.behaviour.oldest_overdue_days, 4);
        assert_eq!(a.segment, Some(Segment::AtRisk));
        // No paid history: 100 - 15 = 85; the little history is said first.
        assert_eq!(a.score, 85);
        assert_eq!(
            a.reasons,
            vec![
                Reason::LittleHistory { paid: 0 },
                Reason::OverLimit { exposure: euros(12_300), limit: euros(10_000) }
            ]
        );
    }

    #[test]
    fn with_little_history_and_nothing_alarming_there_is_no_segment() {
        let mut h = History::default();
        h.paid.push(paid("2026-10-01", 30, 100));
        h.paid.push(paid("2026-10-15", 30, 100));
        let a = assess_default(&h);
        assert_eq!(a.segment, None);
        assert_eq!(a.reasons[0], Reason::LittleHistory { paid: 2 });
    }

    #[test]
    fn an_invoice_long_overdue_costs_ten_points_and_at_90_days_puts_at_risk() {
        let mut h = History::default();
        for m in 1..=5 {
            h.paid.push(paid(&format!("2026-{m:02}-10"), 0, 100));
        }
        h.open.push(OpenInvoice { due: day("2026-09-20"), remaining: euros(4_200) });
        let a = assess_default(&h);
        assert_eq!(a.behaviour.oldest_overdue_days, 65);
        assert_eq!(a.score, 90);
        assert_eq!(a.segment, Some(Segment::Punctual));
        assert!(a.reasons.contains(&Reason::LongOverdue { days: 65, amount: euros(4_200) }));
        h.open[0].due = day("2026-08-26");
        let a = assess_default(&h);
        assert_eq!(a.behaviour.oldest_overdue_days, 90);
        assert_eq!(a.segment, Some(Segment::AtRisk));
    }

    #[test]
    fn only_the_last_ten_paid_invoices_and_nothing_after_the_date_count() {
        let mut h = History::default();
        // 5 old invoices paid very late, then 10 paid in time: the old ones fall out of the window.
        for m in 1..=5 {
            h.paid.push(paid(&format!("2024-{m:02}-10"), 90, 100));
        }
        for m in 1..=10 {
            h.paid.push(paid(&format!("2025-{m:02}-10"), 0, 100));
        }
        // Settled after the date: ignored.
        h.paid.push(PaidInvoice { due: day("2026-11-01"), settled_on: day("2026-12-01"), amount: euros(100) });
        let a = assess_default(&h);
        assert_eq!((a.behaviour.recent_paid, a.behaviour.recent_late), (10, 0));
        assert_eq!(a.segment, Some(Segment::Punctual));
    }

    #[test]
    fn the_score_never_leaves_0_to_100_and_penalties_are_capped() {
        let mut h = History { credit_limit: Some(euros(1)), ..History::default() };
        for m in 1..=10 {
            h.paid.push(paid(&format!("2026-{m:02}-01"), 200, 100));
        }
        h.open.push(OpenInvoice { due: day("2025-01-01"), remaining: euros(10) });
        for _ in 0..9 {
            h.broken_promises.push(day("2026-10-01"));
            h.defaulted_plans.push(day("2026-10-01"));
            h.formal_notices.push(day("2026-10-01"));
            h.disputes.push(day("2026-10-01"));
        }
        let a = assess_default(&h);
        assert_eq!(a.score, 0);
        assert_eq!(a.segment, Some(Segment::AtRisk));
    }

    #[test]
    fn a_new_invoice_that_crosses_the_limit_warns_and_one_under_it_does_not() {
        let mut h = History { credit_limit: Some(euros(10_000)), ..History::default() };
        for m in 1..=5 {
            h.paid.push(paid(&format!("2026-{m:02}-10"), 0, 100));
        }
        h.open.push(OpenInvoice { due: day("2026-12-15"), remaining: euros(8_000) });
        let a = assess_default(&h);
        // 8,000 + 2,000 = 10,000: at the limit, not above it.
        let at = credit_check(&a, euros(2_000));
        assert_eq!((at.exposure, at.after, at.over_limit, at.warns()), (euros(8_000), euros(10_000), false, false));
        let above = credit_check(&a, Money::from_cents(200_001));
        assert!(above.over_limit && above.warns() && !above.at_risk);
        // No limit: only the risk warns.
        h.credit_limit = None;
        h.defaulted_plans.push(day("2026-10-01"));
        let risky = credit_check(&assess_default(&h), euros(1));
        assert!(!risky.over_limit && risky.at_risk && risky.warns());
        assert_eq!(CreditDecision::from_code("cash_payment"), Some(CreditDecision::CashPayment));
        assert_eq!(CreditDecision::from_code("yes"), None);
    }

    #[test]
    fn thresholds_are_checked_each_on_its_field() {
        let good = ThresholdsInput {
            grace_days: "2".into(),
            min_history: "3".into(),
            punctual_max_days: "5".into(),
            late_min_share_late: "50".into(),
            regular_spread_days: "15".into(),
            at_risk_broken_promises: "2".into(),
            at_risk_overdue_days: "90".into(),
            at_risk_score: " 40 ".into(),
        };
        assert_eq!(good.check(), Ok(Thresholds::default()));
        let bad = ThresholdsInput { grace_days: "-1".into(), at_risk_score: "quarante".into(), ..good };
        let issues = bad.check().unwrap_err().issues;
        let fields: Vec<Field> = issues.iter().map(|i| i.field).collect();
        assert_eq!(fields, vec![Field::RiskGraceDays, Field::RiskScore]);
        assert_eq!(issues[1].problem, Problem::OutOfRange { min: 0, max: 100 });
    }

    #[test]
    fn the_trend_needs_two_invoices_in_each_half_and_five_days_of_difference() {
        let mut h = History::default();
        // Before: 2026-01 and 2026-02 paid 10 days late; recent: 2026-09 and 2026-10 paid 14 days late.
        for (due, late) in [("2026-01-10", 10), ("2026-02-10", 10), ("2026-09-10", 14), ("2026-10-10", 14)] {
            h.paid.push(paid(due, late, 100));
        }
        assert_eq!(assess_default(&h).behaviour.trend, Trend::Stable);
        h.paid[2].settled_on = h.paid[2].due + chrono::Days::new(16);
        // Recent: (16 + 14) / 2 = 15, before 10: + 5 days -> worsening.
        assert_eq!(assess_default(&h).behaviour.trend, Trend::Worsening { recent_days: 15, previous_days: 10 });
        h.paid.truncate(3);
        assert_eq!(assess_default(&h).behaviour.trend, Trend::Unknown);
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn history() -> impl Strategy<Value = History> {
        let date =
            (0i64..2000).prop_map(|d| NaiveDate::from_ymd_opt(2021, 1, 1).unwrap() + chrono::Days::new(d as u64));
        let paid = (date.clone(), 0u64..400, 0i64..100_000_000).prop_map(|(due, late, cents)| PaidInvoice {
            due,
            settled_on: due + chrono::Days::new(late),
            amount: Money::from_cents(cents),
        });
        let open = (date.clone(), 0i64..100_000_000)
            .prop_map(|(due, cents)| OpenInvoice { due, remaining: Money::from_cents(cents) });
        let dates = proptest::collection::vec(date, 0..5);
        (
            proptest::collection::vec(paid, 0..30),
            proptest::collection::vec(open, 0..10),
            dates.clone(),
            dates.clone(),
            dates.clone(),
            dates,
            proptest::option::of(0i64..100_000_000),
        )
            .prop_map(|(paid, open, broken_promises, defaulted_plans, formal_notices, disputes, limit)| {
                History {
                    paid,
                    open,
                    broken_promises,
                    defaulted_plans,
                    formal_notices,
                    disputes,
                    credit_limit: limit.map(Money::from_cents),
                }
            })
    }

    proptest! {
        #[test]
        fn any_history_gets_a_score_within_bounds_and_coherent_counts(h in history(), offset in 0u64..2500) {
            let as_of = NaiveDate::from_ymd_opt(2021, 1, 1).unwrap() + chrono::Days::new(offset);
            let a = assess(&h, as_of, &Thresholds::default());
            prop_assert!(a.score <= 100);
            prop_assert!(a.behaviour.recent_late <= a.behaviour.recent_paid);
            prop_assert!(a.behaviour.recent_paid <= RECENT_INVOICES);
            prop_assert!(a.behaviour.overdue <= a.behaviour.exposure);
            prop_assert!(!a.reasons.is_empty(), "the first reason always says how the customer pays");
            // "Ponctuel" is a promise about the days late, and never given without history.
            if a.segment == Some(Segment::Punctual) {
                prop_assert!(a.behaviour.weighted_days_late <= Decimal::from(5));
                prop_assert!(a.behaviour.recent_paid >= 3);
            }
        }
    }
}
