//! Reminder policies (barèmes) on the wire: the Settings section, the
//! policy editor, and the customer's payment profile.

use relance_app::customers::CustomerDetail;
use relance_app::policies::{LevelInput, PolicyBook, PolicyInput};
use relance_domain::dunning::{PolicySource, Segment};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::views::money;

#[derive(Debug, Clone, Serialize, TS)]
pub struct PolicyLevelView {
    /// Stable code kept by the history; the editor sends it back unchanged.
    pub key: String,
    /// Days from the due date; negative is before it.
    pub offset_days: i32,
    /// `letter`, `email`, `phone_call` or `escalation`.
    pub channel: String,
    /// The tone: `courteous_notice`, `friendly_reminder`, `firm_reminder`, ...
    pub template: String,
    /// Decimal string, or null for no fee.
    pub fee: Option<String>,
    pub formal_notice: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct PolicyView {
    pub id: i64,
    pub name: String,
    /// The policy "Rétablir le barème standard" resets.
    pub standard: bool,
    pub levels: Vec<PolicyLevelView>,
    /// How many customers chose it as their own.
    pub customers: u32,
    /// The payment profiles (segment codes) that follow it.
    pub segments: Vec<String>,
    pub is_default: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct SegmentPolicyView {
    /// `punctual`, `late`, `variable` or `at_risk`.
    pub segment: String,
    /// Null: the profile follows the default policy.
    pub policy_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct PoliciesView {
    pub policies: Vec<PolicyView>,
    pub default_id: i64,
    /// The four profiles, in order.
    pub segments: Vec<SegmentPolicyView>,
}

impl From<&PolicyBook> for PoliciesView {
    fn from(b: &PolicyBook) -> Self {
        PoliciesView {
            policies: b
                .policies
                .iter()
                .map(|s| PolicyView {
                    id: s.policy.id.0,
                    name: s.policy.name.clone(),
                    standard: s.policy.standard,
                    levels: s
                        .policy
                        .levels
                        .iter()
                        .map(|l| PolicyLevelView {
                            key: l.key.clone(),
                            offset_days: l.offset_days,
                            channel: l.channel.code().to_string(),
                            template: l.template.clone(),
                            fee: l.fee.map(money),
                            formal_notice: l.is_formal_notice,
                        })
                        .collect(),
                    customers: s.usage.customers,
                    segments: s.usage.segments.iter().map(|g| g.code().to_string()).collect(),
                    is_default: s.usage.default,
                })
                .collect(),
            default_id: b.default.0,
            segments: b
                .by_segment
                .iter()
                .map(|(s, p)| SegmentPolicyView { segment: s.code().to_string(), policy_id: p.map(|p| p.0) })
                .collect(),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct PolicyLevelForm {
    /// Empty for a new level: the core gives it a key.
    pub key: String,
    /// Whole days as typed ("-5", "7").
    pub offset_days: String,
    pub channel: String,
    pub template: String,
    /// Empty: no fee.
    pub fee: String,
    pub formal_notice: bool,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct PolicyForm {
    pub name: String,
    /// In schedule order; a problem of row N is reported on `levels.N.<field>`.
    pub levels: Vec<PolicyLevelForm>,
}

impl From<&PolicyForm> for PolicyInput {
    fn from(f: &PolicyForm) -> Self {
        PolicyInput {
            name: f.name.clone(),
            levels: f
                .levels
                .iter()
                .map(|l| LevelInput {
                    key: l.key.clone(),
                    offset_days: l.offset_days.clone(),
                    channel: l.channel.clone(),
                    template: l.template.clone(),
                    fee: l.fee.clone(),
                    formal_notice: l.formal_notice,
                })
                .collect(),
        }
    }
}

/// A customer's reminder and penalty choices, and the policy that applies.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CustomerPolicyView {
    /// Segment code, or null when not classified.
    pub segment: Option<String>,
    /// The customer's own policy, or null to follow the profile / default.
    pub policy_id: Option<i64>,
    /// Decimal percent ("12.50"), or null for the legal rate (ECB + 10 points).
    pub contractual_rate: Option<String>,
    pub applied_policy_id: i64,
    pub applied_policy_name: String,
    /// Why it applies: `customer`, `segment` or `default`.
    pub applied_because: String,
}

impl From<&CustomerDetail> for CustomerPolicyView {
    fn from(d: &CustomerDetail) -> Self {
        CustomerPolicyView {
            segment: d.profile.segment.map(|s| s.code().to_string()),
            policy_id: d.profile.policy.map(|p| p.0),
            contractual_rate: d.profile.contractual_rate.clone(),
            applied_policy_id: d.policy.id.0,
            applied_policy_name: d.policy.name.clone(),
            applied_because: match d.policy.source {
                PolicySource::Customer => "customer",
                PolicySource::Segment(_) => "segment",
                PolicySource::Default => "default",
            }
            .to_string(),
        }
    }
}

/// The segment code of a scope sent by the UI: `default` or a segment.
pub fn scope(code: &str) -> Option<Option<Segment>> {
    match code.trim() {
        "default" => Some(None),
        other => Segment::from_code(other).map(Some),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_read_as_the_default_or_a_segment() {
        assert_eq!(scope("default"), Some(None));
        assert_eq!(scope("at_risk"), Some(Some(Segment::AtRisk)));
        assert_eq!(scope("tardif"), None);
    }

    #[test]
    fn a_policy_form_reads_with_missing_fields() {
        let f: PolicyForm = serde_json::from_str(r#"{"name":"Rapide","levels":[{"offset_days":"3"}]}"#).unwrap();
        let input = PolicyInput::from(&f);
        assert_eq!((input.name.as_str(), input.levels[0].offset_days.as_str()), ("Rapide", "3"));
        assert!(input.levels[0].key.is_empty() && !input.levels[0].formal_notice);
    }
}
