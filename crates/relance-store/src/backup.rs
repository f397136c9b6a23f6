//! The SQLite mechanics of backups: SQLite's online backup API from the live
//! connection to a new file and back, `PRAGMA integrity_check`, and what a
//! file contains (schema version, rows per table). Files, checksums and
//! manifests are the app's (`relance_app::backup`); here only SQLite.
//!
//! Never a raw file copy: under WAL a copy would miss the `-wal` file.

use std::collections::BTreeMap;
use std::path::Path;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use crate::{Result, Store, StoreError};

/// Pages copied per step (4 MiB with 4 KiB pages): the progress bar moves,
/// and a step is short enough to keep the app responsive.
const PAGES_PER_STEP: i32 = 1024;

/// How far a copy went, in pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub done: u64,
    pub total: u64,
}

/// What a database file holds, read without changing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contents {
    /// The last migration applied (0: not a Relance database).
    pub schema_version: i64,
    /// Rows of every table, by name.
    pub tables: BTreeMap<String, u64>,
}

impl Contents {
    pub fn count(&self, table: &str) -> u64 {
        self.tables.get(table).copied().unwrap_or(0)
    }
}

fn run(backup: &Backup<'_, '_>, progress: &mut dyn FnMut(Progress)) -> Result<()> {
    let mut busy = 0;
    loop {
        let r = backup.step(PAGES_PER_STEP)?;
        let p = backup.progress();
        let total = u64::try_from(p.pagecount).unwrap_or(0);
        let remaining = u64::try_from(p.remaining).unwrap_or(0);
        progress(Progress { done: total.saturating_sub(remaining), total });
        match r {
            StepResult::Done => return Ok(()),
            StepResult::More => busy = 0,
            _ => {
                busy += 1;
                if busy > 50 {
                    return Err(StoreError::Sqlite(rusqlite::Error::SqliteFailure(
                        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                        Some("the database stayed busy during the copy".into()),
                    )));
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
        }
    }
}

impl Store {
    /// Copies the open database into `dest` (a new file) with the online
    /// backup API, step by step, then makes the copy a self-contained
    /// rollback-journal file (no `-wal` beside it) and checks its integrity.
    /// The copy is closed when this returns. The caller renames it into place.
    pub fn backup_to(&self, dest: &Path, progress: &mut dyn FnMut(Progress)) -> Result<()> {
        let mut out = Connection::open_with_flags(
            dest,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        {
            let backup = Backup::new(&self.conn, &mut out)?;
            run(&backup, progress)?;
        }
        // The copy carries the live file's WAL flag: make it a plain file.
        let _: String = out.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
        let problems = integrity(&out)?;
        out.close().map_err(|(_, e)| StoreError::Sqlite(e))?;
        if problems.is_empty() {
            Ok(())
        } else {
            Err(StoreError::Corrupt(problems.join("; ")))
        }
    }

    /// Replaces the whole content of the open database with the file at
    /// `src` (already verified and migrated by the caller), with the online
    /// backup API, in one go for other readers: the app keeps running on the
    /// restored books without closing its connection.
    pub fn restore_from(&mut self, src: &Path, progress: &mut dyn FnMut(Progress)) -> Result<()> {
        let from =
            Connection::open_with_flags(src, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        {
            let backup = Backup::new(&from, &mut self.conn)?;
            run(&backup, progress)?;
        }
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        let problems = integrity(&self.conn)?;
        if problems.is_empty() {
            Ok(())
        } else {
            Err(StoreError::Corrupt(problems.join("; ")))
        }
    }

    /// What the open database holds (for the manifest of a backup).
    pub fn contents(&self) -> Result<Contents> {
        contents_of(&self.conn)
    }
}

/// `PRAGMA integrity_check`: empty when the file is sound.
fn integrity(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let rows: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(rows.into_iter().filter(|r| r != "ok").collect())
}

fn contents_of(conn: &Connection) -> Result<Contents> {
    let has_migrations: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations')",
        [],
        |r| r.get(0),
    )?;
    let schema_version = if has_migrations {
        conn.query_row("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", [], |r| r.get(0))?
    } else {
        0
    };
    let names: Vec<String> = {
        let mut stmt = conn.prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut tables = BTreeMap::new();
    for name in names {
        // A table name from sqlite_master, quoted as an identifier.
        let sql = format!("SELECT COUNT(*) FROM \"{}\"", name.replace('"', "\"\""));
        let n: i64 = conn.query_row(&sql, [], |r| r.get(0))?;
        tables.insert(name, u64::try_from(n).unwrap_or(0));
    }
    Ok(Contents { schema_version, tables })
}

/// A backup file opened read-only, never written (not even a `-wal`).
fn open_read_only(path: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    Ok(conn)
}

/// Checks a database file without changing it: its integrity (the problems
/// found, empty when sound) and what it holds. `Err` when it is not an SQLite
/// database at all (or cannot be read).
pub fn inspect(path: &Path) -> Result<(Vec<String>, Contents)> {
    let conn = open_read_only(path)?;
    let problems = integrity(&conn)?;
    let contents = contents_of(&conn)?;
    Ok((problems, contents))
}

/// Every row of every table as text, table by table, sorted: for
/// tests that compare two databases row for row.
pub fn dump(store: &Store) -> Result<Vec<(String, Vec<String>)>> {
    let conn = &store.conn;
    let names: Vec<String> = {
        let mut stmt = conn.prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut out = Vec::new();
    for name in names {
        // Some tables are WITHOUT ROWID: the rows are sorted as text instead.
        let sql = format!("SELECT * FROM \"{}\"", name.replace('"', "\"\""));
        let mut stmt = conn.prepare(&sql)?;
        let n = stmt.column_count();
        let rows = stmt.query_map([], |r| {
            let mut cells = Vec::with_capacity(n);
            for i in 0..n {
                let v: rusqlite::types::Value = r.get(i)?;
                cells.push(format!("{v:?}"));
            }
            Ok(cells.join("|"))
        })?;
        let mut rows: Vec<String> = rows.collect::<rusqlite::Result<_>>()?;
        rows.sort();
        out.push((name, rows));
    }
    Ok(out)
}
