//! Migration 0010: the backup settings (one row) and the backups made from
//! this computer (`backups_made`), good or failed; migration 0012: the switch
//! « Chiffrer les sauvegardes » (never the passphrase).

use chrono::{DateTime, Utc};
use relance_domain::backup::BackupSettings;
use rusqlite::params;

use crate::{get_timestamp, timestamp, Conn, Result, StoreError};

pub fn get(conn: &Conn) -> Result<BackupSettings> {
    conn.prepare_cached("SELECT folder, keep, remind_after_days, encrypt FROM backup_settings WHERE id = 1")?
        .query_row([], |r| {
            let keep: i64 = r.get(1)?;
            let remind: i64 = r.get(2)?;
            Ok((r.get::<_, Option<String>>(0)?, keep, remind, r.get::<_, bool>(3)?))
        })
        .map_err(StoreError::from)
        .and_then(|(folder, keep, remind, encrypt)| {
            Ok(BackupSettings {
                folder,
                keep: u32::try_from(keep).map_err(|_| StoreError::Corrupt("backup_settings.keep".into()))?,
                remind_after_days: u32::try_from(remind)
                    .map_err(|_| StoreError::Corrupt("backup_settings.remind_after_days".into()))?,
                encrypt,
            })
        })
}

pub fn save(conn: &Conn, s: &BackupSettings) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO backup_settings (id, folder, keep, remind_after_days, encrypt) VALUES (1, ?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET folder = excluded.folder, keep = excluded.keep,
             remind_after_days = excluded.remind_after_days, encrypt = excluded.encrypt",
    )?
    .execute(params![s.folder, i64::from(s.keep), i64::from(s.remind_after_days), s.encrypt])?;
    Ok(())
}

/// One backup made (or attempted) from this computer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupMade {
    pub made_at: DateTime<Utc>,
    pub folder: String,
    pub file_name: String,
    pub size_bytes: u64,
    pub sha256: Option<String>,
    pub ok: bool,
}

pub fn record(conn: &Conn, b: &BackupMade) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO backups_made (made_at, folder, file_name, size_bytes, sha256, ok) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        timestamp(b.made_at),
        b.folder,
        b.file_name,
        i64::try_from(b.size_bytes).unwrap_or(i64::MAX),
        b.sha256,
        b.ok
    ])?;
    Ok(())
}

fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<BackupMade> {
    let size: i64 = r.get(3)?;
    Ok(BackupMade {
        made_at: get_timestamp(r, 0)?,
        folder: r.get(1)?,
        file_name: r.get(2)?,
        size_bytes: u64::try_from(size).unwrap_or(0),
        sha256: r.get(4)?,
        ok: r.get(5)?,
    })
}

const COLUMNS: &str = "made_at, folder, file_name, size_bytes, sha256, ok";

/// The last good backup made from this computer.
pub fn last_good(conn: &Conn) -> Result<Option<BackupMade>> {
    let sql = format!("SELECT {COLUMNS} FROM backups_made WHERE ok = 1 ORDER BY made_at DESC, id DESC LIMIT 1");
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query_map([], read)?;
    Ok(rows.next().transpose()?)
}

/// Every backup made or attempted, oldest first.
pub fn all(conn: &Conn) -> Result<Vec<BackupMade>> {
    let sql = format!("SELECT {COLUMNS} FROM backups_made ORDER BY made_at, id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], read)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Puts back this computer's backup settings and history (after a restore,
/// which brings the books of the backup, not the machine's backup record).
pub fn replace_all(conn: &Conn, settings: &BackupSettings, made: &[BackupMade]) -> Result<()> {
    save(conn, settings)?;
    conn.execute("DELETE FROM backups_made", [])?;
    for b in made {
        record(conn, b)?;
    }
    Ok(())
}
