//! Which policy applies to a customer: the customer's own policy if one was
//! chosen for it, else the policy of its segment, else the default.

use super::policy::Policy;

/// Payment-behaviour segments (see PRODUCT.md, "Risk and KPIs"). The risk
/// score decides a customer's segment; here it only selects a policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Segment {
    /// Ponctuel: pays on time.
    Punctual,
    /// Tardif: pays, but late.
    Late,
    /// Variable: sometimes on time, sometimes very late.
    Variable,
    /// À risque: may not pay at all.
    AtRisk,
}

impl Segment {
    pub const ALL: [Segment; 4] = [Segment::Punctual, Segment::Late, Segment::Variable, Segment::AtRisk];

    /// Stable code for storage and the wire.
    pub fn code(self) -> &'static str {
        match self {
            Segment::Punctual => "punctual",
            Segment::Late => "late",
            Segment::Variable => "variable",
            Segment::AtRisk => "at_risk",
        }
    }

    pub fn from_code(code: &str) -> Option<Segment> {
        Segment::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// Why a policy applies, so the UI can say "policy of the segment tardif".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolicySource {
    Customer,
    Segment(Segment),
    Default,
}

/// The company's policy choices: a default and, optionally, one per segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyAssignments {
    pub default: Policy,
    pub by_segment: Vec<(Segment, Policy)>,
}

impl PolicyAssignments {
    /// Every customer on the standard policy.
    pub fn standard() -> PolicyAssignments {
        PolicyAssignments { default: Policy::standard(), by_segment: Vec::new() }
    }

    /// The policy for a customer. The customer's own choice wins because it
    /// was made for that customer; a segment is a guess from its history.
    pub fn resolve<'a>(
        &'a self,
        customer_policy: Option<&'a Policy>,
        segment: Option<Segment>,
    ) -> (&'a Policy, PolicySource) {
        if let Some(p) = customer_policy {
            return (p, PolicySource::Customer);
        }
        let by_segment = segment.and_then(|s| self.by_segment.iter().find(|(seg, _)| *seg == s));
        match by_segment {
            Some((s, p)) => (p, PolicySource::Segment(*s)),
            None => (&self.default, PolicySource::Default),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::policy::{Channel, Level};
    use super::*;

    fn one_level(offset_days: i32) -> Policy {
        Policy::new(vec![Level {
            key: format!("at_{}", offset_days.unsigned_abs()),
            offset_days,
            channel: Channel::Email,
            template: "t".into(),
            fee: None,
            is_formal_notice: false,
        }])
        .unwrap()
    }

    #[test]
    fn the_customer_choice_wins_then_the_segment_then_the_default() {
        let risky = one_level(3);
        let own = one_level(1);
        let book =
            PolicyAssignments { default: Policy::standard(), by_segment: vec![(Segment::AtRisk, risky.clone())] };
        let cases = [
            (Some(&own), Some(Segment::AtRisk), &own, PolicySource::Customer),
            (Some(&own), None, &own, PolicySource::Customer),
            (None, Some(Segment::AtRisk), &risky, PolicySource::Segment(Segment::AtRisk)),
            (None, Some(Segment::Late), &book.default, PolicySource::Default),
            (None, None, &book.default, PolicySource::Default),
        ];
        for (customer, segment, want, source) in cases {
            assert_eq!(book.resolve(customer, segment), (want, source), "{customer:?} {segment:?}");
        }
    }

    #[test]
    fn segments_round_trip_their_codes() {
        for s in Segment::ALL {
            assert_eq!(Segment::from_code(s.code()), Some(s));
        }
    }
}
