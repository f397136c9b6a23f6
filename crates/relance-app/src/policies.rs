//! Reminder policies (barèmes de relance): the named policies the user edits,
//! the policy of each payment profile (segment) and the default, and the
//! resolution customer > segment > default used by the agenda.

use std::collections::HashMap;
use std::rc::Rc;

use chrono::NaiveDate;
use relance_domain::dunning::{Channel, Level, Policy, PolicyAssignments, PolicySource, Segment};
use relance_domain::ids::{CustomerId, PolicyId};
use relance_domain::validation::{required_text, Field, Problem, Validation};
use relance_domain::Money;
use relance_store::activity::{self, ActivityKind, Subject};
use relance_store::policies::{CustomerProfile, Scope, StoredPolicy, Usage};
use relance_store::{Conn, StoreError};

use crate::{AppError, AppResult, Context};

const MAX_NAME_CHARS: usize = 80;
/// The name the standard policy gets back when it is restored after a delete.
pub const STANDARD_NAME: &str = "Standard";

/// One level of the policy editor, as typed. An empty key is a new level:
/// the app gives it a stable key, so the user never types one.
#[derive(Debug, Clone, Default)]
pub struct LevelInput {
    pub key: String,
    pub offset_days: String,
    pub channel: String,
    pub template: String,
    pub fee: String,
    pub formal_notice: bool,
}

/// The policy editor as typed.
#[derive(Debug, Clone, Default)]
pub struct PolicyInput {
    pub name: String,
    pub levels: Vec<LevelInput>,
}

/// A policy with who chose it.
#[derive(Debug, Clone)]
pub struct PolicySummary {
    pub policy: StoredPolicy,
    pub usage: Usage,
}

/// Every policy and the choices of the company.
#[derive(Debug, Clone)]
pub struct PolicyBook {
    pub policies: Vec<PolicySummary>,
    pub default: PolicyId,
    /// Each segment in `Segment::ALL` order; `None`: follows the default.
    pub by_segment: Vec<(Segment, Option<PolicyId>)>,
}

/// The policies, the default and the policy of each segment.
pub fn list(ctx: &impl Context) -> AppResult<PolicyBook> {
    let conn = ctx.store().conn();
    let mut usages = relance_store::policies::usages(conn)?;
    let policies = relance_store::policies::all(conn)?
        .into_iter()
        .map(|policy| PolicySummary { usage: usages.remove(&policy.id).unwrap_or_default(), policy })
        .collect();
    let assignments = relance_store::policies::assignments(conn)?;
    let default = assignments
        .iter()
        .find(|(s, _)| *s == Scope::Default)
        .map(|(_, id)| *id)
        .ok_or_else(|| corrupt("no default reminder policy".into()))?;
    let by_segment = Segment::ALL
        .into_iter()
        .map(|seg| (seg, assignments.iter().find(|(s, _)| *s == Scope::Segment(seg)).map(|(_, id)| *id)))
        .collect();
    Ok(PolicyBook { policies, default, by_segment })
}

/// Creates a policy from the editor.
pub fn create(ctx: &mut impl Context, input: &PolicyInput) -> AppResult<PolicyId> {
    let now = ctx.clock().now();
    ctx.store_mut().write(|tx| {
        let (name, policy) = validate(tx, None, input)?;
        let id = relance_store::policies::insert(tx, &name, false, policy.levels(), now)?;
        activity::record(tx, now, ActivityKind::PolicySaved, Subject::default(), &details(id, &name, &policy))?;
        Ok(id)
    })
}

/// Renames a policy and replaces its levels. Reminders already done keep
/// the level they were done at (the history holds its own copy), so an edit
/// never proposes again what was handled.
pub fn update(ctx: &mut impl Context, id: PolicyId, input: &PolicyInput) -> AppResult<()> {
    let now = ctx.clock().now();
    ctx.store_mut().write(|tx| {
        if relance_store::policies::get(tx, id)?.is_none() {
            return Err(AppError::NotFound("policy"));
        }
        let (name, policy) = validate(tx, Some(id), input)?;
        relance_store::policies::update(tx, id, &name, policy.levels(), now)?;
        activity::record(tx, now, ActivityKind::PolicySaved, Subject::default(), &details(id, &name, &policy))?;
        Ok(())
    })
}

/// Deletes a policy nobody follows. A policy still chosen as the default, by
/// a payment profile or by a customer is refused: the user chooses another
/// one for them first, so no reference is ever left dangling.
pub fn delete(ctx: &mut impl Context, id: PolicyId) -> AppResult<()> {
    let now = ctx.clock().now();
    ctx.store_mut().write(|tx| {
        let policy = relance_store::policies::get(tx, id)?.ok_or(AppError::NotFound("policy"))?;
        let usage = relance_store::policies::usage(tx, id)?;
        if !usage.is_unused() {
            let segments = u32::try_from(usage.segments.len()).unwrap_or(u32::MAX);
            let problem = Problem::InUse { customers: usage.customers, segments, default: usage.default };
            return Err(AppError::invalid(Field::Policy, problem));
        }
        relance_store::policies::delete(tx, id)?;
        let details = [("policy", id.0.to_string()), ("name", policy.name)];
        activity::record(tx, now, ActivityKind::PolicyDeleted, Subject::default(), &details)?;
        Ok(())
    })
}

/// Puts the standard policy's levels back (the one shipped, `Policy::standard`),
/// creating it again if it was deleted. Who follows which policy is unchanged.
pub fn restore_standard(ctx: &mut impl Context) -> AppResult<PolicyId> {
    let now = ctx.clock().now();
    ctx.store_mut().write(|tx| {
        let standard = Policy::standard();
        let id = match relance_store::policies::standard_id(tx)? {
            Some(id) => {
                let name = relance_store::policies::get(tx, id)?.map(|p| p.name).unwrap_or_default();
                relance_store::policies::update(tx, id, &name, standard.levels(), now)?;
                id
            }
            None => {
                if relance_store::policies::id_by_name(tx, STANDARD_NAME)?.is_some() {
                    return Err(AppError::invalid(Field::PolicyName, Problem::AlreadyUsed));
                }
                relance_store::policies::insert(tx, STANDARD_NAME, true, standard.levels(), now)?
            }
        };
        activity::record(tx, now, ActivityKind::PolicyRestored, Subject::default(), &[("policy", id.0.to_string())])?;
        Ok(id)
    })
}

/// Chooses the default policy (`segment` = `None`) or the policy of a
/// payment profile; `policy` = `None` makes the profile follow the default.
pub fn assign(ctx: &mut impl Context, segment: Option<Segment>, policy: Option<PolicyId>) -> AppResult<()> {
    let now = ctx.clock().now();
    ctx.store_mut().write(|tx| {
        let scope = segment.map_or(Scope::Default, Scope::Segment);
        if scope == Scope::Default && policy.is_none() {
            return Err(AppError::invalid(Field::Policy, Problem::Required));
        }
        if let Some(id) = policy {
            if relance_store::policies::get(tx, id)?.is_none() {
                return Err(AppError::invalid(Field::Policy, Problem::Unknown));
            }
        }
        relance_store::policies::assign(tx, scope, policy)?;
        let details =
            [("scope", scope.code().to_string()), ("policy", policy.map(|p| p.0.to_string()).unwrap_or_default())];
        activity::record(tx, now, ActivityKind::PolicyAssigned, Subject::default(), &details)?;
        Ok(())
    })
}

fn details(id: PolicyId, name: &str, policy: &Policy) -> Vec<(&'static str, String)> {
    let offsets: Vec<String> = policy.levels().iter().map(|l| l.offset_days.to_string()).collect();
    vec![("policy", id.0.to_string()), ("name", name.to_string()), ("offsets", offsets.join(","))]
}

/// The editor's input checked: the name (unique), then each level as typed,
/// then the policy as a whole (`Policy::new`). Every problem names its
/// field and, for a level, its row.
fn validate(conn: &Conn, id: Option<PolicyId>, input: &PolicyInput) -> AppResult<(String, Policy)> {
    let mut v = Validation::new();
    let name = v.check(required_text(Field::PolicyName, &input.name, MAX_NAME_CHARS));
    if let Some(name) = &name {
        if relance_store::policies::id_by_name(conn, name)?.is_some_and(|other| Some(other) != id) {
            v.push(Field::PolicyName, Problem::AlreadyUsed);
        }
    }
    let mut taken: Vec<String> = input.levels.iter().map(|l| l.key.trim().to_string()).collect();
    let mut levels = Vec::with_capacity(input.levels.len());
    for (row, l) in input.levels.iter().enumerate() {
        let offset_days = match l.offset_days.trim().trim_start_matches('+').parse::<i32>() {
            Ok(d) => Some(d),
            Err(_) if l.offset_days.trim().is_empty() => {
                v.push_at(row, Field::LevelOffset, Problem::Required);
                None
            }
            Err(_) => {
                v.push_at(row, Field::LevelOffset, Problem::InvalidFormat { expected: "-5, 7, 30" });
                None
            }
        };
        let channel = Channel::from_code(l.channel.trim());
        if channel.is_none() {
            v.push_at(row, Field::LevelChannel, Problem::InvalidFormat { expected: "letter | email | phone_call" });
        }
        let fee = if l.fee.trim().is_empty() {
            Some(None)
        } else {
            match Money::parse_non_negative(Field::LevelFee, &l.fee) {
                Ok(m) => Some(Some(m)),
                Err(issue) => {
                    v.issues.push(issue.at_row(row));
                    None
                }
            }
        };
        let key = if l.key.trim().is_empty() {
            let key = fresh_key(l.template.trim(), l.formal_notice, &taken);
            taken.push(key.clone());
            key
        } else {
            l.key.trim().to_string()
        };
        if let (Some(offset_days), Some(channel), Some(fee)) = (offset_days, channel, fee) {
            let template = l.template.clone();
            levels.push(Level { key, offset_days, channel, template, fee, is_formal_notice: l.formal_notice });
        }
    }
    if !v.is_empty() {
        return Err(v.into());
    }
    let policy = Policy::new(levels)?;
    Ok((name.unwrap_or_default(), policy))
}

/// A key for a new level: the standard policy's key for its tone when it is
/// free (so the history reads "first reminder"), else that key numbered.
fn fresh_key(template: &str, formal_notice: bool, taken: &[String]) -> String {
    let base = if formal_notice {
        "formal_notice"
    } else {
        match template {
            "courteous_notice" => "pre_due",
            "friendly_reminder" => "reminder_1",
            "firm_reminder" => "reminder_2",
            "phone_call" => "phone_call",
            "formal_notice" => "formal_notice",
            "ready_for_court_or_agency" => "escalation",
            _ => "level",
        }
    };
    let free = |k: &str| !taken.iter().any(|t| t == k);
    if free(base) {
        return base.to_string();
    }
    (2..).map(|n| format!("{base}_{n}")).find(|k| free(k)).unwrap_or_else(|| base.to_string())
}

/// The company's policy choices and the customers' own, read once, so that
/// an agenda over ten thousand customers resolves each one in memory.
pub(crate) struct Resolver {
    policies: HashMap<PolicyId, (String, Rc<Policy>)>,
    assignments: PolicyAssignments,
    default: PolicyId,
    by_segment: Vec<(Segment, PolicyId)>,
    customers: HashMap<CustomerId, CustomerProfile>,
}

/// The policy that applies to a customer, and why.
#[derive(Debug, Clone)]
pub struct AppliedPolicy {
    pub id: PolicyId,
    pub name: String,
    pub source: PolicySource,
}

impl Resolver {
    /// Every policy and choice; the customers' own choices of all customers,
    /// or of `only`. A customer without a profile chosen by hand follows the
    /// one its payment history points to on `today` (relance_domain::risk),
    /// worked out only when some profile has a policy of its own.
    pub fn load(conn: &Conn, only: Option<CustomerId>, today: NaiveDate) -> AppResult<Resolver> {
        let mut policies = HashMap::new();
        for p in relance_store::policies::all(conn)? {
            let checked = Policy::new(p.levels).map_err(|_| corrupt(format!("reminder policy {}", p.id)))?;
            policies.insert(p.id, (p.name, Rc::new(checked)));
        }
        let mut default = None;
        let mut by_segment = Vec::new();
        for (scope, id) in relance_store::policies::assignments(conn)? {
            match scope {
                Scope::Default => default = Some(id),
                Scope::Segment(s) => by_segment.push((s, id)),
            }
        }
        let default = default.ok_or_else(|| corrupt("no default reminder policy".into()))?;
        let get = |id: PolicyId| {
            policies.get(&id).map(|(_, p)| Policy::clone(p)).ok_or_else(|| corrupt(format!("reminder policy {id}")))
        };
        let assignments = PolicyAssignments {
            default: get(default)?,
            by_segment: by_segment.iter().map(|(s, id)| Ok((*s, get(*id)?))).collect::<AppResult<_>>()?,
        };
        let mut customers = relance_store::policies::customer_choices(conn, only)?;
        if !by_segment.is_empty() {
            let thresholds = relance_store::risk::thresholds(conn)?;
            for (id, history) in relance_store::risk::histories(conn, only)? {
                let profile = customers.entry(id).or_default();
                if profile.segment.is_none() {
                    profile.segment = relance_domain::risk::assess(&history, today, &thresholds).segment;
                }
            }
        }
        Ok(Resolver { policies, assignments, default, by_segment, customers })
    }

    /// The policy of a customer: its own, else its segment's, else the default.
    pub fn policy_for(&self, customer: CustomerId) -> Rc<Policy> {
        let profile = self.customers.get(&customer);
        let own = profile.and_then(|p| p.policy).and_then(|id| self.policies.get(&id));
        let (_, source) = self.assignments.resolve(own.map(|(_, p)| p.as_ref()), profile.and_then(|p| p.segment));
        let id = self.id_of(profile, source);
        match self.policies.get(&id) {
            Some((_, p)) => Rc::clone(p),
            None => Rc::new(self.assignments.default.clone()),
        }
    }

    /// The policy of a customer with its name and why it applies.
    pub fn applied(&self, customer: CustomerId) -> AppliedPolicy {
        let profile = self.customers.get(&customer);
        let own = profile.and_then(|p| p.policy).and_then(|id| self.policies.get(&id));
        let (_, source) = self.assignments.resolve(own.map(|(_, p)| p.as_ref()), profile.and_then(|p| p.segment));
        let id = self.id_of(profile, source);
        let name = self.policies.get(&id).map(|(n, _)| n.clone()).unwrap_or_default();
        AppliedPolicy { id, name, source }
    }

    fn id_of(&self, profile: Option<&CustomerProfile>, source: PolicySource) -> PolicyId {
        match source {
            PolicySource::Customer => profile.and_then(|p| p.policy).unwrap_or(self.default),
            PolicySource::Segment(s) => {
                self.by_segment.iter().find(|(seg, _)| *seg == s).map(|(_, id)| *id).unwrap_or(self.default)
            }
            PolicySource::Default => self.default,
        }
    }
}

fn corrupt(what: String) -> AppError {
    AppError::Storage(StoreError::Corrupt(what))
}
