//! A customer's payment behaviour on the wire: its score, its segment and the
//! reasons in the user's language (the sentences live in `messages`).

use relance_domain::company::Language;
use relance_domain::insurance::Insurance;
use relance_domain::risk::{Assessment, CreditCheck, Thresholds, ThresholdsInput, Trend};
use relance_domain::Money;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::messages;

#[derive(Debug, Clone, Serialize, TS)]
pub struct RiskView {
    /// 0 (pays very badly) to 100 (pays perfectly).
    pub score: u8,
    /// Segment code (`punctual`, `late`, `variable`, `at_risk`), or null with too little history.
    pub segment: Option<String>,
    /// Why, in the user's language, the most telling first.
    pub reasons: Vec<String>,
    /// Everything still owed, due or not (decimal string).
    pub exposure: String,
    pub credit_limit: Option<String>,
    pub over_limit: bool,
    /// How many of the last paid invoices were looked at, and how many were late.
    pub recent_paid: u32,
    pub recent_late: u32,
    pub average_days_late: u32,
    /// `unknown`, `stable`, `worsening` or `improving`.
    pub trend: String,
}

impl RiskView {
    pub fn new(a: &Assessment, lang: Language) -> RiskView {
        let b = &a.behaviour;
        RiskView {
            score: a.score,
            segment: a.segment.map(|s| s.code().to_string()),
            reasons: a.reasons.iter().map(|r| messages::risk_reason(r, lang)).collect(),
            exposure: b.exposure.to_string(),
            credit_limit: b.credit_limit.map(|l| l.to_string()),
            over_limit: b.over_limit(),
            recent_paid: u32::try_from(b.recent_paid).unwrap_or(u32::MAX),
            recent_late: u32::try_from(b.recent_late).unwrap_or(u32::MAX),
            average_days_late: b.average_days_late,
            trend: match b.trend {
                Trend::Unknown => "unknown",
                Trend::Stable => "stable",
                Trend::Worsening { .. } => "worsening",
                Trend::Improving { .. } => "improving",
            }
            .to_string(),
        }
    }
}

/// Credit control's warning before a new invoice is saved, in words.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CreditWarningView {
    pub over_limit: bool,
    pub at_risk: bool,
    /// What the customer owes now and would owe with the invoice (decimal strings).
    pub exposure: String,
    pub after: String,
    pub limit: Option<String>,
    pub score: u8,
    /// The warning as the dialog says it.
    pub message: String,
    /// For a customer with credit insurance taken above its covered amount:
    /// the sentence saying the part above the cover is not insured.
    pub uninsured: Option<String>,
}

impl CreditWarningView {
    pub fn new(c: &CreditCheck, lang: Language) -> CreditWarningView {
        CreditWarningView {
            over_limit: c.over_limit,
            at_risk: c.at_risk,
            exposure: c.exposure.to_string(),
            after: c.after.to_string(),
            limit: c.limit.map(|l| l.to_string()),
            score: c.score,
            message: messages::credit_warning(c, lang),
            uninsured: None,
        }
    }

    /// The same warning, saying what of `after` is above the customer's credit insurance.
    pub fn with_cover(mut self, above: Option<&(Insurance, Money)>, lang: Language) -> CreditWarningView {
        self.uninsured = above.map(|(cover, part)| messages::above_cover(&cover.insurer, *part, lang));
        self
    }
}

/// Settings « Profils de paiement » as typed.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct RiskSettingsForm {
    pub grace_days: String,
    pub min_history: String,
    pub punctual_max_days: String,
    pub late_min_share_late: String,
    pub regular_spread_days: String,
    pub at_risk_broken_promises: String,
    pub at_risk_overdue_days: String,
    pub at_risk_score: String,
}

impl RiskSettingsForm {
    pub fn input(&self) -> ThresholdsInput {
        ThresholdsInput {
            grace_days: self.grace_days.clone(),
            min_history: self.min_history.clone(),
            punctual_max_days: self.punctual_max_days.clone(),
            late_min_share_late: self.late_min_share_late.clone(),
            regular_spread_days: self.regular_spread_days.clone(),
            at_risk_broken_promises: self.at_risk_broken_promises.clone(),
            at_risk_overdue_days: self.at_risk_overdue_days.clone(),
            at_risk_score: self.at_risk_score.clone(),
        }
    }
}

/// The thresholds as saved, and the recommended ones for « Valeurs conseillées ».
#[derive(Debug, Clone, Serialize, TS)]
pub struct RiskSettingsView {
    pub saved: RiskThresholdsView,
    pub recommended: RiskThresholdsView,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct RiskThresholdsView {
    pub grace_days: u32,
    pub min_history: u32,
    pub punctual_max_days: u32,
    pub late_min_share_late: u32,
    pub regular_spread_days: u32,
    pub at_risk_broken_promises: u32,
    pub at_risk_overdue_days: u32,
    pub at_risk_score: u32,
}

impl From<&Thresholds> for RiskThresholdsView {
    fn from(t: &Thresholds) -> RiskThresholdsView {
        let n = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
        RiskThresholdsView {
            grace_days: t.grace_days,
            min_history: n(t.min_history),
            punctual_max_days: t.punctual_max_days,
            late_min_share_late: t.late_min_share_late,
            regular_spread_days: t.regular_spread_days,
            at_risk_broken_promises: n(t.at_risk_broken_promises),
            at_risk_overdue_days: t.at_risk_overdue_days,
            at_risk_score: u32::from(t.at_risk_score),
        }
    }
}

impl RiskSettingsView {
    pub fn new(saved: &Thresholds) -> RiskSettingsView {
        RiskSettingsView { saved: saved.into(), recommended: (&Thresholds::default()).into() }
    }
}
