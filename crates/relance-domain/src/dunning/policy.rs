//! Reminder policies (barèmes de relance): an ordered list of levels, each at
//! an offset in days from the due date. A policy can only be built validated,
//! so the schedule never has to cope with levels out of order.

use crate::money::Money;
use crate::validation::{required_text, Field, Issue, Problem, Validation};

/// Earliest and latest offsets accepted: three months before the due date,
/// two years after. Beyond that a level is a typing mistake, not a schedule.
const MIN_OFFSET: i32 = -90;
const MAX_OFFSET: i32 = 730;
const MAX_KEY_CHARS: usize = 40;
const MAX_TEMPLATE_CHARS: usize = 60;

/// How a level reaches the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Channel {
    Letter,
    Email,
    /// A task for the user: call the customer.
    PhoneCall,
    /// Not a message: a decision for the user (prepare an injonction de
    /// payer or hand the debt to an agency), recorded as an escalation stage.
    Escalation,
}

impl Channel {
    pub const ALL: [Channel; 4] = [Channel::Letter, Channel::Email, Channel::PhoneCall, Channel::Escalation];

    /// Stable code for storage and the wire.
    pub fn code(self) -> &'static str {
        match self {
            Channel::Letter => "letter",
            Channel::Email => "email",
            Channel::PhoneCall => "phone_call",
            Channel::Escalation => "escalation",
        }
    }

    pub fn from_code(code: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// One step of a policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Level {
    /// Stable code ("reminder_1"): what the action history refers to.
    pub key: String,
    /// Days from the due date; negative is before it (a courteous notice).
    pub offset_days: i32,
    pub channel: Channel,
    /// The tone: which letter, email or call script to use.
    pub template: String,
    /// Charged once per action at this level (see `agenda`). Between
    /// professionals the 40 EUR indemnity already covers recovery costs;
    /// a fee beyond it must be justified, so none is set by default.
    pub fee: Option<Money>,
    /// The mise en demeure. Later levels wait for it (see `schedule`).
    pub is_formal_notice: bool,
}

impl Level {
    /// What an action records about its level, so that the history keeps its
    /// meaning after the policy is edited.
    pub fn mark(&self) -> LevelMark {
        LevelMark { key: self.key.clone(), offset_days: self.offset_days, is_formal_notice: self.is_formal_notice }
    }
}

/// The part of a level that the history keeps.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LevelMark {
    pub key: String,
    pub offset_days: i32,
    pub is_formal_notice: bool,
}

/// A validated policy: at least one level, offsets strictly increasing,
/// distinct keys, at most one formal notice, escalation only after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    levels: Vec<Level>,
}

impl Policy {
    /// Validates levels as edited; every problem found is reported.
    pub fn new(levels: Vec<Level>) -> Result<Policy, Validation> {
        let mut v = Validation::new();
        if levels.is_empty() {
            v.push(Field::DunningLevels, Problem::Required);
        }
        let mut clean = Vec::with_capacity(levels.len());
        for (i, level) in levels.iter().enumerate() {
            let earlier = &levels[..i];
            // Every problem of a level names its row, so the editor shows it there.
            let mut row = Validation::new();
            check_level(&mut row, level, earlier);
            let key = row.check(level_key(&level.key)).unwrap_or_default();
            let template = row.check(required_text(Field::LevelTemplate, &level.template, MAX_TEMPLATE_CHARS));
            v.issues.extend(row.issues.into_iter().map(|issue| issue.at_row(i)));
            clean.push(Level { key, template: template.unwrap_or_default(), ..level.clone() });
        }
        v.finish(|| Policy { levels: clean })
    }

    /// The schedule the app ships with (issue 3): a courteous notice five days
    /// before the due date, two reminders, a call, the mise en demeure at 30
    /// days, and at 45 days the decision to go to court or to an agency.
    pub fn standard() -> Policy {
        let level = |key: &str, offset_days, channel, template: &str, is_formal_notice| Level {
            key: key.to_string(),
            offset_days,
            channel,
            template: template.to_string(),
            fee: None,
            is_formal_notice,
        };
        Policy {
            levels: vec![
                level("pre_due", -5, Channel::Email, "courteous_notice", false),
                level("reminder_1", 7, Channel::Email, "friendly_reminder", false),
                level("reminder_2", 15, Channel::Letter, "firm_reminder", false),
                level("phone_call", 21, Channel::PhoneCall, "phone_call", false),
                level("formal_notice", 30, Channel::Letter, "formal_notice", true),
                level("escalation", 45, Channel::Escalation, "ready_for_court_or_agency", false),
            ],
        }
    }

    /// Levels in schedule order.
    pub fn levels(&self) -> &[Level] {
        &self.levels
    }

    pub fn level(&self, key: &str) -> Option<&Level> {
        self.levels.iter().find(|l| l.key == key)
    }

    pub fn formal_notice(&self) -> Option<&Level> {
        self.levels.iter().find(|l| l.is_formal_notice)
    }

    pub fn last(&self) -> &Level {
        // `new` refuses an empty policy and `standard` has six levels.
        &self.levels[self.levels.len() - 1]
    }
}

/// The checks of one level against itself and the levels before it.
fn check_level(v: &mut Validation, level: &Level, earlier: &[Level]) {
    if !(MIN_OFFSET..=MAX_OFFSET).contains(&level.offset_days) {
        v.push(Field::LevelOffset, Problem::InvalidFormat { expected: "-90..730" });
    }
    if earlier.last().is_some_and(|prev| level.offset_days <= prev.offset_days) {
        v.push(Field::LevelOffset, Problem::NotAfterPrevious);
    }
    if earlier.iter().any(|e| e.key.trim() == level.key.trim()) {
        v.push(Field::LevelKey, Problem::AlreadyUsed);
    }
    if level.is_formal_notice && earlier.iter().any(|e| e.is_formal_notice) {
        v.push(Field::FormalNotice, Problem::OnlyOneAllowed);
    }
    // A court or an agency asks for the mise en demeure: deciding to go
    // there only makes sense once it has been sent.
    if level.channel == Channel::Escalation && !earlier.iter().any(|e| e.is_formal_notice) {
        v.push(Field::LevelChannel, Problem::NeedsFormalNotice);
    }
    if let Some(fee) = level.fee {
        if fee.is_negative() {
            v.push(Field::LevelFee, Problem::NegativeAmount);
        }
    }
}

/// Keys are codes kept in the history: lowercase letters, digits, `_`.
fn level_key(raw: &str) -> Result<String, Issue> {
    let key = required_text(Field::LevelKey, raw, MAX_KEY_CHARS)?;
    if key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
        Ok(key)
    } else {
        Err(Issue::new(Field::LevelKey, Problem::InvalidFormat { expected: "a-z 0-9 _" }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level(key: &str, offset_days: i32, channel: Channel, is_formal_notice: bool) -> Level {
        Level { key: key.into(), offset_days, channel, template: "t".into(), fee: None, is_formal_notice }
    }

    type Problems = Vec<(Field, Problem)>;

    fn problems(levels: Vec<Level>) -> Vec<(Field, Problem)> {
        match Policy::new(levels) {
            Ok(_) => Vec::new(),
            Err(v) => v.issues.into_iter().map(|i| (i.field, i.problem)).collect(),
        }
    }

    #[test]
    fn each_problem_names_the_row_of_its_level() {
        let levels = vec![
            level("a", 7, Channel::Email, false),
            level("b", 15, Channel::Letter, false),
            level("c", 15, Channel::Letter, false),
        ];
        let rows: Vec<(Option<usize>, Field)> = match Policy::new(levels) {
            Ok(_) => Vec::new(),
            Err(v) => v.issues.into_iter().map(|i| (i.row, i.field)).collect(),
        };
        assert_eq!(rows, [(Some(2), Field::LevelOffset)]);
        let empty = Policy::new(Vec::new()).unwrap_err();
        assert_eq!(empty.issues[0].row, None, "an empty policy is a problem of the whole table");
    }

    #[test]
    fn the_standard_policy_passes_its_own_validation() {
        let standard = Policy::standard();
        assert_eq!(Policy::new(standard.levels().to_vec()), Ok(standard.clone()));
        let offsets: Vec<i32> = standard.levels().iter().map(|l| l.offset_days).collect();
        assert_eq!(offsets, [-5, 7, 15, 21, 30, 45]);
        assert_eq!(standard.formal_notice().map(|l| l.offset_days), Some(30));
        assert_eq!(standard.last().channel, Channel::Escalation);
    }

    #[test]
    fn validation_names_the_field() {
        use Channel::*;
        let fee = |mut l: Level, cents| {
            l.fee = Some(Money::from_cents(cents));
            l
        };
        let cases: Vec<(Vec<Level>, Problems)> = vec![
            (vec![], vec![(Field::DunningLevels, Problem::Required)]),
            (vec![level("a", 7, Email, false), level("b", 15, Letter, false)], vec![]),
            (
                vec![level("a", 7, Email, false), level("b", 7, Letter, false)],
                vec![(Field::LevelOffset, Problem::NotAfterPrevious)],
            ),
            (
                vec![level("a", 15, Email, false), level("b", 7, Letter, false)],
                vec![(Field::LevelOffset, Problem::NotAfterPrevious)],
            ),
            (
                vec![level("a", 7, Email, false), level("a", 15, Letter, false)],
                vec![(Field::LevelKey, Problem::AlreadyUsed)],
            ),
            (
                vec![level("a", 30, Letter, true), level("b", 40, Letter, true)],
                vec![(Field::FormalNotice, Problem::OnlyOneAllowed)],
            ),
            (vec![level("a", 45, Escalation, false)], vec![(Field::LevelChannel, Problem::NeedsFormalNotice)]),
            (vec![level("a", 30, Letter, true), level("b", 45, Escalation, false)], vec![]),
            (vec![level("", 7, Email, false)], vec![(Field::LevelKey, Problem::Required)]),
            (
                vec![level("Rappel 1", 7, Email, false)],
                vec![(Field::LevelKey, Problem::InvalidFormat { expected: "a-z 0-9 _" })],
            ),
            (
                vec![level("a", -91, Email, false)],
                vec![(Field::LevelOffset, Problem::InvalidFormat { expected: "-90..730" })],
            ),
            (vec![fee(level("a", 7, Email, false), -100)], vec![(Field::LevelFee, Problem::NegativeAmount)]),
            (vec![fee(level("a", 7, Email, false), 1500)], vec![]),
            (
                vec![Level { template: " ".into(), ..level("a", 7, Email, false) }],
                vec![(Field::LevelTemplate, Problem::Required)],
            ),
        ];
        for (levels, want) in cases {
            let keys: Vec<String> = levels.iter().map(|l| format!("{}@{}", l.key, l.offset_days)).collect();
            assert_eq!(problems(levels), want, "levels {keys:?}");
        }
    }

    #[test]
    fn channels_round_trip_their_codes() {
        for c in Channel::ALL {
            assert_eq!(Channel::from_code(c.code()), Some(c));
        }
        assert_eq!(Channel::from_code("fax"), None);
    }
}
