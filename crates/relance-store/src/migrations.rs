//! Numbered, append-only migrations embedded in the binary.
//!
//! A database whose applied migrations are not a prefix of the known ones
//! is refused (it was written by a diverging build), and so is one from a
//! newer version. Never edit a released migration: add the next one.

use chrono::Utc;
use rusqlite::{params, Connection};

use crate::{timestamp, StoreError};

const MIGRATIONS: &[(i64, &str, &str)] = &[
    (1, "initial", include_str!("migrations/0001_initial.sql")),
    (2, "collections", include_str!("migrations/0002_collections.sql")),
    (3, "policies", include_str!("migrations/0003_policies.sql")),
    (4, "plans", include_str!("migrations/0004_plans.sql")),
    (5, "plan_reminders", include_str!("migrations/0005_plan_reminders.sql")),
    (6, "letters_sent", include_str!("migrations/0006_letters_sent.sql")),
    (7, "letter_templates", include_str!("migrations/0007_letter_templates.sql")),
    (8, "mail_settings", include_str!("migrations/0008_mail_settings.sql")),
    (9, "company_logo", include_str!("migrations/0009_company_logo.sql")),
    (10, "backup_settings", include_str!("migrations/0010_backup_settings.sql")),
    (11, "imports", include_str!("migrations/0011_imports.sql")),
    (12, "backup_encryption", include_str!("migrations/0012_backup_encryption.sql")),
    (13, "risk_settings", include_str!("migrations/0013_risk_settings.sql")),
    (14, "credit_insurance", include_str!("migrations/0014_credit_insurance.sql")),
    (15, "kpis_indexes", include_str!("migrations/0015_kpis_indexes.sql")),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS[MIGRATIONS.len() - 1].0;

/// (version, name, SQL) of every known migration, for the tidy test that
/// pins released migrations.
pub fn known_versions() -> Vec<(i64, &'static str, &'static str)> {
    MIGRATIONS.to_vec()
}

pub(crate) fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
            version    INTEGER PRIMARY KEY,
            name       TEXT NOT NULL,
            applied_at TEXT NOT NULL
        ) STRICT;",
    )?;
    let applied: Vec<(i64, String)> = {
        let mut stmt = conn.prepare("SELECT version, name FROM schema_migrations ORDER BY version")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    if let Some((found, _)) = applied.last() {
        if *found > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema { found: *found, known: SCHEMA_VERSION });
        }
    }
    for (i, (version, name)) in applied.iter().enumerate() {
        match MIGRATIONS.get(i) {
            Some((v, n, _)) if v == version && n == name => {}
            _ => return Err(StoreError::OutOfSync { version: *version }),
        }
    }
    for (version, name, sql) in &MIGRATIONS[applied.len()..] {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)",
            params![version, name, timestamp(Utc::now())],
        )?;
        tx.commit()?;
    }
    Ok(())
}
