//! Reminder policies (barèmes): named policies with their ordered levels,
//! the policy of each segment and the default. The domain validates levels
//! (`Policy::new`) before they are written here, and again when read back.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use relance_domain::dunning::{Channel, Level, Segment};
use relance_domain::ids::{CustomerId, PolicyId};
use relance_domain::Money;
use rusqlite::{params, OptionalExtension};

use crate::{timestamp, Conn, Result, StoreError};

/// A stored policy, its levels as stored (in schedule order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPolicy {
    pub id: PolicyId,
    pub name: String,
    /// The policy "restore the standard policy" resets.
    pub standard: bool,
    pub levels: Vec<Level>,
}

/// Who chose a policy: customers, segments, the default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Usage {
    pub customers: u32,
    pub segments: Vec<Segment>,
    pub default: bool,
}

impl Usage {
    pub fn is_unused(&self) -> bool {
        self.customers == 0 && self.segments.is_empty() && !self.default
    }
}

/// Where a policy is chosen: the company's default or a segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    Default,
    Segment(Segment),
}

impl Scope {
    pub fn code(self) -> &'static str {
        match self {
            Scope::Default => "default",
            Scope::Segment(s) => s.code(),
        }
    }

    pub fn from_code(code: &str) -> Option<Scope> {
        if code == "default" {
            Some(Scope::Default)
        } else {
            Segment::from_code(code).map(Scope::Segment)
        }
    }
}

fn corrupt(what: String) -> StoreError {
    StoreError::Corrupt(what)
}

/// Every policy, by name, with its levels.
pub fn all(conn: &Conn) -> Result<Vec<StoredPolicy>> {
    let mut policies: Vec<StoredPolicy> = {
        let mut stmt =
            conn.prepare_cached("SELECT id, name, standard FROM policies ORDER BY name COLLATE NOCASE, id")?;
        let rows = stmt.query_map([], |r| {
            Ok(StoredPolicy {
                id: PolicyId(r.get(0)?),
                name: r.get(1)?,
                standard: r.get::<_, i64>(2)? != 0,
                levels: Vec::new(),
            })
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let index: HashMap<PolicyId, usize> = policies.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
    let mut stmt = conn.prepare_cached(
        "SELECT policy_id, key, offset_days, channel, template, fee_cents, is_formal_notice
         FROM policy_levels ORDER BY policy_id, position",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let policy = PolicyId(r.get(0)?);
        let channel: String = r.get(3)?;
        let level = Level {
            key: r.get(1)?,
            offset_days: r.get(2)?,
            channel: Channel::from_code(&channel).ok_or_else(|| corrupt(format!("level channel {channel:?}")))?,
            template: r.get(4)?,
            fee: r.get::<_, Option<i64>>(5)?.map(Money::from_cents),
            is_formal_notice: r.get::<_, i64>(6)? != 0,
        };
        let i = index.get(&policy).ok_or_else(|| corrupt(format!("level of policy {policy}")))?;
        policies[*i].levels.push(level);
    }
    Ok(policies)
}

pub fn get(conn: &Conn, id: PolicyId) -> Result<Option<StoredPolicy>> {
    Ok(all(conn)?.into_iter().find(|p| p.id == id))
}

/// The id of the policy with this name (names are unique), if any.
pub fn id_by_name(conn: &Conn, name: &str) -> Result<Option<PolicyId>> {
    Ok(conn
        .prepare_cached("SELECT id FROM policies WHERE name = ?1")?
        .query_row([name], |r| r.get(0))
        .optional()?
        .map(PolicyId))
}

/// The policy flagged standard, if it was not deleted.
pub fn standard_id(conn: &Conn) -> Result<Option<PolicyId>> {
    Ok(conn
        .prepare_cached("SELECT id FROM policies WHERE standard = 1")?
        .query_row([], |r| r.get(0))
        .optional()?
        .map(PolicyId))
}

pub fn insert(conn: &Conn, name: &str, standard: bool, levels: &[Level], now: DateTime<Utc>) -> Result<PolicyId> {
    conn.prepare_cached("INSERT INTO policies (name, standard, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)")?
        .execute(params![name, i64::from(standard), timestamp(now)])?;
    let id = PolicyId(conn.last_insert_rowid());
    write_levels(conn, id, levels)?;
    Ok(id)
}

/// Renames the policy and replaces its levels.
pub fn update(conn: &Conn, id: PolicyId, name: &str, levels: &[Level], now: DateTime<Utc>) -> Result<()> {
    let n = conn
        .execute("UPDATE policies SET name = ?2, updated_at = ?3 WHERE id = ?1", params![id.0, name, timestamp(now)])?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    conn.execute("DELETE FROM policy_levels WHERE policy_id = ?1", [id.0])?;
    write_levels(conn, id, levels)
}

fn write_levels(conn: &Conn, id: PolicyId, levels: &[Level]) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO policy_levels (policy_id, position, key, offset_days, channel, template, fee_cents,
             is_formal_notice)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (position, l) in levels.iter().enumerate() {
        stmt.execute(params![
            id.0,
            i64::try_from(position).unwrap_or(i64::MAX),
            l.key,
            l.offset_days,
            l.channel.code(),
            l.template,
            l.fee.map(|f| f.cents()),
            i64::from(l.is_formal_notice),
        ])?;
    }
    Ok(())
}

/// Deletes an unused policy; the foreign keys refuse a used one.
pub fn delete(conn: &Conn, id: PolicyId) -> Result<()> {
    let n = conn.execute("DELETE FROM policies WHERE id = ?1", [id.0])?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Who chose the policy.
pub fn usage(conn: &Conn, id: PolicyId) -> Result<Usage> {
    Ok(usages(conn)?.remove(&id).unwrap_or_default())
}

/// Who chose each policy (policies nobody chose are absent).
pub fn usages(conn: &Conn) -> Result<HashMap<PolicyId, Usage>> {
    let mut out: HashMap<PolicyId, Usage> = HashMap::new();
    let mut stmt = conn
        .prepare_cached("SELECT policy_id, COUNT(*) FROM customers WHERE policy_id IS NOT NULL GROUP BY policy_id")?;
    let rows = stmt.query_map([], |r| Ok((PolicyId(r.get(0)?), r.get::<_, i64>(1)?)))?;
    for row in rows {
        let (id, n) = row?;
        out.entry(id).or_default().customers = u32::try_from(n).unwrap_or(u32::MAX);
    }
    for (scope, id) in assignments(conn)? {
        let usage = out.entry(id).or_default();
        match scope {
            Scope::Default => usage.default = true,
            Scope::Segment(s) => usage.segments.push(s),
        }
    }
    Ok(out)
}

/// The default's policy and each assigned segment's.
pub fn assignments(conn: &Conn) -> Result<Vec<(Scope, PolicyId)>> {
    let mut stmt = conn.prepare_cached("SELECT scope, policy_id FROM policy_assignments ORDER BY scope")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, PolicyId(r.get(1)?))))?;
    let mut out = Vec::new();
    for row in rows {
        let (code, id) = row?;
        let scope = Scope::from_code(&code).ok_or_else(|| corrupt(format!("policy scope {code:?}")))?;
        out.push((scope, id));
    }
    Ok(out)
}

/// Chooses the policy of a scope; `None` makes a segment follow the default
/// (the default itself always has one: the caller refuses `None` for it).
pub fn assign(conn: &Conn, scope: Scope, policy: Option<PolicyId>) -> Result<()> {
    match policy {
        Some(id) => conn
            .prepare_cached(
                "INSERT INTO policy_assignments (scope, policy_id) VALUES (?1, ?2)
                 ON CONFLICT (scope) DO UPDATE SET policy_id = excluded.policy_id",
            )?
            .execute(params![scope.code(), id.0])?,
        None => conn.prepare_cached("DELETE FROM policy_assignments WHERE scope = ?1")?.execute([scope.code()])?,
    };
    Ok(())
}

/// A customer's choices about reminders and penalties.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomerProfile {
    /// `None`: not classified.
    pub segment: Option<Segment>,
    /// `None`: follow the segment's policy, else the default.
    pub policy: Option<PolicyId>,
    /// The contractual late-payment rate as a canonical decimal percent
    /// ("12.5"); `None`: the legal default (ECB + 10 points).
    pub contractual_rate: Option<String>,
}

pub fn set_customer_profile(conn: &Conn, id: CustomerId, p: &CustomerProfile, now: DateTime<Utc>) -> Result<()> {
    let n = conn.execute(
        "UPDATE customers SET segment = ?2, policy_id = ?3, contractual_rate = ?4, updated_at = ?5 WHERE id = ?1",
        params![id.0, p.segment.map(Segment::code), p.policy.map(|p| p.0), p.contractual_rate, timestamp(now)],
    )?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

pub fn customer_profile(conn: &Conn, id: CustomerId) -> Result<Option<CustomerProfile>> {
    let row = conn
        .prepare_cached("SELECT segment, policy_id, contractual_rate FROM customers WHERE id = ?1")?
        .query_row([id.0], |r| {
            Ok((r.get::<_, Option<String>>(0)?, r.get::<_, Option<i64>>(1)?, r.get::<_, Option<String>>(2)?))
        })
        .optional()?;
    row.map(|(segment, policy, rate)| profile(segment, policy, rate)).transpose()
}

/// The segment and own policy of every customer that has one or the other
/// (or of `only`), in one query: customers absent from the map follow the default.
pub fn customer_choices(conn: &Conn, only: Option<CustomerId>) -> Result<HashMap<CustomerId, CustomerProfile>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, segment, policy_id FROM customers
         WHERE (segment IS NOT NULL OR policy_id IS NOT NULL) AND (?1 IS NULL OR id = ?1)",
    )?;
    let rows = stmt.query_map([only.map(|c| c.0)], |r| {
        Ok((CustomerId(r.get(0)?), r.get::<_, Option<String>>(1)?, r.get::<_, Option<i64>>(2)?))
    })?;
    let mut out = HashMap::new();
    for row in rows {
        let (id, segment, policy) = row?;
        out.insert(id, profile(segment, policy, None)?);
    }
    Ok(out)
}

fn profile(segment: Option<String>, policy: Option<i64>, rate: Option<String>) -> Result<CustomerProfile> {
    let segment = match segment {
        None => None,
        Some(code) => Some(Segment::from_code(&code).ok_or_else(|| corrupt(format!("segment {code:?}")))?),
    };
    Ok(CustomerProfile { segment, policy: policy.map(PolicyId), contractual_rate: rate })
}
