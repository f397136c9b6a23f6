//! Backups to a chosen folder (a USB drive) and restore.
//!
//! A backup is two files in the folder: `relance-YYYY-MM-DD-HHMM.sqlite3`, a
//! copy made with SQLite's online backup API (`Store::backup_to`), and its
//! manifest `relance-YYYY-MM-DD-HHMM.manifest.json` (format, SHA-256 and size
//! of the database file, schema version, rows of each table, app version,
//! creation instant). Each is first written to a hidden temporary name in the
//! same folder, fsynced, then renamed: a drive pulled out (or a process
//! killed) at any point leaves either no file under our names, or a database
//! file without its manifest, which `verify` calls damaged. A backup counts as
//! good only when its manifest exists and the checksum matches.
//!
//! The manifest's `encryption` is `"none"`: an encrypted variant (age) will be
//! another value with its own file extension; readers refuse what they do not
//! know.
//!
//! Restore verifies first, migrates a copy of an older backup with the store's
//! normal migrations, keeps a safety copy of the current database in the data
//! folder's `safety/`, then copies the verified copy into the live connection
//! with the backup API: the app keeps running on the restored books.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use relance_domain::backup::{self as rules, BackupSettings, Found};
use relance_store::activity::{self, ActivityKind, Subject};
use relance_store::backup::{self as sqlite, Contents, Progress};
use relance_store::backup_settings::{self, BackupMade};
use relance_store::{Store, StoreError, SCHEMA_VERSION};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::{AppError, Context};

pub use relance_store::backup::Progress as CopyProgress;

/// The manifest's `format` value: files we wrote.
pub const FORMAT: &str = "relance-backup";
/// The manifest layout this build writes and reads.
pub const FORMAT_VERSION: i64 = 1;
/// The app version written in manifests.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
/// Manifests larger than this are not ours.
const MANIFEST_MAX_BYTES: u64 = 1 << 20;

/// Why a backup file cannot be trusted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Damage {
    /// No manifest beside the file (an interrupted backup, or not ours).
    ManifestMissing,
    /// The manifest is not one we can read.
    ManifestInvalid,
    /// The file's SHA-256 or size differs from the manifest's.
    ChecksumMismatch,
    /// Not an SQLite database (or unreadable as one).
    NotSqlite,
    /// `PRAGMA integrity_check` found problems.
    Integrity,
    /// An SQLite file but not Relance's books.
    NotRelance,
}

impl Damage {
    pub fn code(&self) -> &'static str {
        match self {
            Damage::ManifestMissing => "manifest_missing",
            Damage::ManifestInvalid => "manifest_invalid",
            Damage::ChecksumMismatch => "checksum_mismatch",
            Damage::NotSqlite => "not_sqlite",
            Damage::Integrity => "integrity",
            Damage::NotRelance => "not_relance",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error(transparent)]
    App(#[from] AppError),
    /// No folder chosen in the settings (and none given).
    #[error("no backup folder chosen")]
    NoFolder,
    /// The folder does not exist or is not a folder (a drive not plugged in).
    #[error("backup folder not found: {folder}")]
    FolderNotFound { folder: String },
    /// Writing the backup failed (the drive was pulled out, is full or read-only).
    /// The previous backups are untouched and the temporary file removed when possible.
    #[error("the backup could not be written to {folder}: {detail}")]
    WriteFailed { folder: String, detail: String },
    /// The backup file does not exist.
    #[error("backup file not found: {file}")]
    FileNotFound { file: String },
    /// The backup is damaged: nothing was changed.
    #[error("damaged backup {file}: {}", damage.code())]
    Damaged { file: String, damage: Damage },
    /// Made by a newer version of Relance: nothing was changed.
    #[error("backup from a newer version (schema {found}, this version knows {known})")]
    NewerSchema { found: i64, known: i64 },
    /// The restore could not be done; the current books are unchanged.
    #[error("restore failed: {detail}")]
    RestoreFailed { detail: String },
}

impl From<StoreError> for BackupError {
    fn from(e: StoreError) -> Self {
        BackupError::App(AppError::Storage(e))
    }
}

/// What a manifest says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manifest {
    pub file: String,
    pub sha256: String,
    pub size_bytes: u64,
    pub schema_version: i64,
    pub app_version: String,
    pub created_at: DateTime<Utc>,
    pub tables: BTreeMap<String, u64>,
}

impl Manifest {
    fn to_json(&self) -> String {
        let v = json!({
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "encryption": "none",
            "file": self.file,
            "sha256": self.sha256,
            "size_bytes": self.size_bytes,
            "schema_version": self.schema_version,
            "app_version": self.app_version,
            "created_at": self.created_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            "tables": self.tables,
        });
        serde_json::to_string_pretty(&v).unwrap_or_default()
    }

    fn parse(text: &str) -> Option<Manifest> {
        let v: Value = serde_json::from_str(text).ok()?;
        if v.get("format")?.as_str()? != FORMAT
            || v.get("format_version")?.as_i64()? != FORMAT_VERSION
            || v.get("encryption")?.as_str()? != "none"
        {
            return None;
        }
        let sha256 = v.get("sha256")?.as_str()?.to_string();
        if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let tables = v
            .get("tables")?
            .as_object()?
            .iter()
            .map(|(k, n)| n.as_u64().map(|n| (k.clone(), n)))
            .collect::<Option<BTreeMap<_, _>>>()?;
        Some(Manifest {
            file: v.get("file")?.as_str()?.to_string(),
            sha256,
            size_bytes: v.get("size_bytes")?.as_u64()?,
            schema_version: v.get("schema_version")?.as_i64()?,
            app_version: v.get("app_version")?.as_str()?.chars().take(40).collect(),
            created_at: DateTime::parse_from_rfc3339(v.get("created_at")?.as_str()?).ok()?.with_timezone(&Utc),
            tables,
        })
    }
}

/// The few counts a person checks before restoring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub customers: u64,
    pub invoices: u64,
    pub payments: u64,
}

impl Summary {
    fn of(tables: &BTreeMap<String, u64>) -> Summary {
        let n = |t: &str| tables.get(t).copied().unwrap_or(0);
        Summary { customers: n("customers"), invoices: n("invoices"), payments: n("payments") }
    }
}

/// A backup checked end to end: manifest, checksum, integrity.
#[derive(Debug, Clone)]
pub struct Verified {
    pub path: PathBuf,
    pub manifest: Manifest,
    pub contents: Contents,
    pub summary: Summary,
}

/// A backup just made.
#[derive(Debug, Clone)]
pub struct Made {
    pub path: PathBuf,
    pub manifest: Manifest,
    pub summary: Summary,
    /// Older backups deleted to keep the chosen number.
    pub pruned: Vec<String>,
}

/// One of our backups found in a folder.
#[derive(Debug, Clone)]
pub struct Listed {
    pub file_name: String,
    pub path: PathBuf,
    pub size_bytes: u64,
    /// From the manifest when good, else from the file name.
    pub made_at: Option<DateTime<Utc>>,
    pub made_label: String,
    /// `None` when good.
    pub damage: Option<Damage>,
    pub summary: Option<Summary>,
    pub app_version: Option<String>,
}

impl Listed {
    pub fn good(&self) -> bool {
        self.damage.is_none()
    }
}

/// The backup settings and what Today and Settings say about the last one.
#[derive(Debug, Clone)]
pub struct Status {
    pub settings: BackupSettings,
    pub last_good: Option<BackupMade>,
    /// `Some(days since the last good backup, None if never)` when Today should remind.
    pub reminder: Option<Option<i64>>,
}

// ---- names -------------------------------------------------------------

/// The stem `relance-YYYY-MM-DD-HHMM[-N]` of one of our file names, or `None`.
fn our_stem(name: &str) -> Option<&str> {
    let stem = name.strip_suffix(".sqlite3")?;
    let rest = stem.strip_prefix("relance-")?;
    let b = rest.as_bytes();
    if b.len() < 15 {
        return None;
    }
    let shape = b[..15].iter().enumerate().all(|(i, c)| match i {
        4 | 7 | 10 => *c == b'-',
        _ => c.is_ascii_digit(),
    });
    let tail = &rest[15..];
    let tail_ok = tail.is_empty()
        || (tail.len() <= 4
            && tail.starts_with('-')
            && tail[1..].bytes().all(|c| c.is_ascii_digit())
            && tail.len() > 1);
    (shape && tail_ok).then_some(stem)
}

/// Sorts our file names in time: the minute, then the number added when
/// several backups were made in the same minute (`-2` after none, `-10` after `-9`).
fn order_key(name: &str) -> (String, u32) {
    let stem = our_stem(name).unwrap_or(name);
    let minute: String = stem.chars().take(23).collect();
    let n = stem.get(24..).and_then(|t| t.parse().ok()).unwrap_or(1);
    (minute, n)
}

fn manifest_path(db: &Path) -> Option<PathBuf> {
    let name = db.file_name()?.to_str()?;
    let stem = name.strip_suffix(".sqlite3")?;
    Some(db.with_file_name(format!("{stem}.manifest.json")))
}

fn is_our_temp(name: &str) -> bool {
    name.starts_with(".relance-") && name.ends_with(".tmp")
}

// ---- files ------------------------------------------------------------

fn sha256_of(path: &Path) -> io::Result<(String, u64)> {
    let mut f = File::open(path)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut size = 0u64;
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        size += n as u64;
        h.update(&buf[..n]);
    }
    Ok((format!("{:x}", h.finalize()), size))
}

/// Makes a rename or a new file durable in its folder where the OS allows
/// (opening a folder to sync it works on Unix; elsewhere it is skipped).
pub(crate) fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

fn remove_quietly(path: &Path) {
    let _ = fs::remove_file(path);
}

/// Writes `bytes` to `dest` through a temporary file in the same folder,
/// fsynced, then renamed.
pub(crate) fn write_atomic(dest: &Path, tmp: &Path, bytes: &[u8]) -> io::Result<()> {
    let result = (|| {
        let mut f = File::create(tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        fs::rename(tmp, dest)
    })();
    if result.is_err() {
        remove_quietly(tmp);
    }
    result
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

// ---- verify -----------------------------------------------------------

/// Checks one backup file: its manifest, its SHA-256 and size, then SQLite's
/// integrity check, and reads what it holds. Reads only; writes nothing.
pub fn verify(path: &Path) -> Result<Verified, BackupError> {
    let file = display(path);
    let meta = match fs::metadata(path) {
        Ok(m) if m.is_file() => m,
        _ => return Err(BackupError::FileNotFound { file }),
    };
    let damaged = |damage| BackupError::Damaged { file: file.clone(), damage };
    let manifest_file = manifest_path(path).ok_or_else(|| damaged(Damage::ManifestMissing))?;
    let text = match fs::metadata(&manifest_file) {
        Ok(m) if m.is_file() && m.len() <= MANIFEST_MAX_BYTES => {
            fs::read_to_string(&manifest_file).map_err(|_| damaged(Damage::ManifestInvalid))?
        }
        Ok(_) => return Err(damaged(Damage::ManifestInvalid)),
        Err(_) => return Err(damaged(Damage::ManifestMissing)),
    };
    let manifest = Manifest::parse(&text).ok_or_else(|| damaged(Damage::ManifestInvalid))?;
    if manifest.size_bytes != meta.len() {
        return Err(damaged(Damage::ChecksumMismatch));
    }
    let (sha, _) = sha256_of(path).map_err(|_| damaged(Damage::ChecksumMismatch))?;
    if sha != manifest.sha256 {
        return Err(damaged(Damage::ChecksumMismatch));
    }
    let (problems, contents) = sqlite::inspect(path).map_err(|_| damaged(Damage::NotSqlite))?;
    if !problems.is_empty() {
        return Err(damaged(Damage::Integrity));
    }
    if contents.schema_version == 0 || contents.schema_version != manifest.schema_version {
        return Err(damaged(Damage::NotRelance));
    }
    let summary = Summary::of(&contents.tables);
    Ok(Verified { path: path.to_path_buf(), manifest, contents, summary })
}

/// Our backups in a folder (files named `relance-YYYY-MM-DD-HHMM.sqlite3`),
/// newest first, each verified. Other files are ignored.
pub fn list(folder: &Path) -> Result<Vec<Listed>, BackupError> {
    let entries = fs::read_dir(folder).map_err(|_| BackupError::FolderNotFound { folder: display(folder) })?;
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some(stem) = our_stem(name) else { continue };
        let path = entry.path();
        let size_bytes = entry.metadata().map(|m| m.len()).unwrap_or(0);
        let made_label = stem.trim_start_matches("relance-").to_string();
        match verify(&path) {
            Ok(v) => out.push(Listed {
                file_name: name.to_string(),
                path,
                size_bytes,
                made_at: Some(v.manifest.created_at),
                made_label,
                damage: None,
                summary: Some(v.summary),
                app_version: Some(v.manifest.app_version),
            }),
            Err(BackupError::Damaged { damage, .. }) => out.push(Listed {
                file_name: name.to_string(),
                path,
                size_bytes,
                made_at: None,
                made_label,
                damage: Some(damage),
                summary: None,
                app_version: None,
            }),
            Err(_) => {}
        }
    }
    out.sort_by_key(|l| std::cmp::Reverse(order_key(&l.file_name)));
    Ok(out)
}

// ---- backup -----------------------------------------------------------

/// The folder to back up to: the one given, else the settings'.
fn folder_or_setting(ctx: &dyn Context, folder: Option<&Path>) -> Result<PathBuf, BackupError> {
    if let Some(f) = folder {
        return Ok(f.to_path_buf());
    }
    let settings = backup_settings::get(ctx.store().conn())?;
    settings.folder.map(PathBuf::from).ok_or(BackupError::NoFolder)
}

/// Backs the open database up into `folder` (or the settings' folder), checks
/// the copy, writes its manifest, records it, then deletes the oldest good
/// backups beyond the chosen number. `progress` gets the pages copied.
pub fn backup_now(
    ctx: &mut dyn Context,
    folder: Option<&Path>,
    progress: &mut dyn FnMut(Progress),
) -> Result<Made, BackupError> {
    let folder = folder_or_setting(ctx, folder)?;
    let settings = backup_settings::get(ctx.store().conn())?;
    if !folder.is_dir() {
        return Err(BackupError::FolderNotFound { folder: display(&folder) });
    }
    let now = ctx.clock().now();
    let result = write_backup(ctx.store(), &folder, now, progress);
    let record = |made: &BackupMade, ctx: &mut dyn Context| -> Result<(), BackupError> {
        ctx.store_mut().write(|tx| backup_settings::record(tx, made))?;
        Ok(())
    };
    match result {
        Ok((path, manifest)) => {
            let made = BackupMade {
                made_at: now,
                folder: display(&folder),
                file_name: manifest.file.clone(),
                size_bytes: manifest.size_bytes,
                sha256: Some(manifest.sha256.clone()),
                ok: true,
            };
            record(&made, ctx)?;
            let pruned = prune(&folder, settings.keep, &manifest.file);
            let summary = Summary::of(&manifest.tables);
            Ok(Made { path, manifest, summary, pruned })
        }
        Err(e) => {
            let failed = BackupMade {
                made_at: now,
                folder: display(&folder),
                file_name: "-".into(),
                size_bytes: 0,
                sha256: None,
                ok: false,
            };
            // The failure is noted; the error the user sees is the backup's.
            let _ = record(&failed, ctx);
            Err(e)
        }
    }
}

fn write_backup(
    store: &Store,
    folder: &Path,
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(Progress),
) -> Result<(PathBuf, Manifest), BackupError> {
    let failed =
        |e: &dyn std::fmt::Display| BackupError::WriteFailed { folder: display(folder), detail: e.to_string() };
    // Leftovers of an interrupted backup of ours: only our hidden temporary names.
    if let Ok(entries) = fs::read_dir(folder) {
        for entry in entries.flatten() {
            if entry.file_name().to_str().is_some_and(is_our_temp) {
                remove_quietly(&entry.path());
            }
        }
    }
    let base = format!("relance-{}", now.format("%Y-%m-%d-%H%M"));
    let mut stem = base.clone();
    let mut n = 2;
    while folder.join(format!("{stem}.sqlite3")).exists() || folder.join(format!("{stem}.manifest.json")).exists() {
        stem = format!("{base}-{n}");
        n += 1;
        if n > 999 {
            return Err(failed(&"too many backups in the same minute"));
        }
    }
    let file = format!("{stem}.sqlite3");
    let dest = folder.join(&file);
    let tmp = folder.join(format!(".{stem}.sqlite3.tmp"));
    let contents = match store.backup_to(&tmp, progress) {
        Ok(()) => store.contents(),
        Err(e) => Err(e),
    };
    let contents = match contents {
        Ok(c) => c,
        Err(e) => {
            remove_quietly(&tmp);
            remove_quietly(&folder.join(format!(".{stem}.sqlite3.tmp-journal")));
            return Err(failed(&e));
        }
    };
    let finish = || -> io::Result<(String, u64)> {
        let (sha, size) = sha256_of(&tmp)?;
        File::open(&tmp)?.sync_all()?;
        fs::rename(&tmp, &dest)?;
        sync_dir(folder);
        Ok((sha, size))
    };
    let (sha256, size_bytes) = match finish() {
        Ok(v) => v,
        Err(e) => {
            remove_quietly(&tmp);
            return Err(failed(&e));
        }
    };
    let manifest = Manifest {
        file: file.clone(),
        sha256,
        size_bytes,
        schema_version: contents.schema_version,
        app_version: APP_VERSION.to_string(),
        created_at: now,
        tables: contents.tables,
    };
    let manifest_file = folder.join(format!("{stem}.manifest.json"));
    let manifest_tmp = folder.join(format!(".{stem}.manifest.json.tmp"));
    if let Err(e) = write_atomic(&manifest_file, &manifest_tmp, manifest.to_json().as_bytes()) {
        // Without its manifest the copy is not a backup: take it away.
        remove_quietly(&dest);
        return Err(failed(&e));
    }
    sync_dir(folder);
    // Read back from the drive: the backup counts only once verified.
    match verify(&dest) {
        Ok(_) => Ok((dest, manifest)),
        Err(e) => {
            remove_quietly(&manifest_file);
            remove_quietly(&dest);
            Err(failed(&e))
        }
    }
}

/// Deletes the good backups beyond the `keep` newest good ones (never the
/// one just made, never a damaged one, never a file not ours). Returns the
/// names deleted. A failure to delete is not an error: the new backup is made.
fn prune(folder: &Path, keep: u32, just_made: &str) -> Vec<String> {
    let Ok(listed) = list(folder) else { return Vec::new() };
    let found: Vec<Found<usize>> = listed
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let (minute, n) = order_key(&l.file_name);
            Found { key: i, made: format!("{minute}-{n:04}"), good: l.good() }
        })
        .collect();
    let mut deleted = Vec::new();
    for i in rules::to_prune(&found, keep) {
        let l = &listed[i];
        if l.file_name == just_made {
            continue;
        }
        if fs::remove_file(&l.path).is_ok() {
            if let Some(m) = manifest_path(&l.path) {
                remove_quietly(&m);
            }
            deleted.push(l.file_name.clone());
        }
    }
    if !deleted.is_empty() {
        sync_dir(folder);
    }
    deleted
}

// ---- restore ----------------------------------------------------------

/// What a restore did.
#[derive(Debug, Clone)]
pub struct Restored {
    pub verified: Verified,
    /// The copy of the books as they were just before.
    pub safety_copy: PathBuf,
    /// The backup's schema before it was brought up to date.
    pub migrated_from: Option<i64>,
}

/// Checks a backup for a restore (manifest, checksum, integrity, schema not
/// newer than this version): what the confirmation shows. Writes nothing.
pub fn inspect(path: &Path) -> Result<Verified, BackupError> {
    let v = verify(path)?;
    if v.contents.schema_version > SCHEMA_VERSION {
        return Err(BackupError::NewerSchema { found: v.contents.schema_version, known: SCHEMA_VERSION });
    }
    Ok(v)
}

/// Replaces the open books with a backup, after checking it. `data_dir` is the
/// folder of the live database (`safety/` is made there). Nothing is changed
/// when the backup is damaged or newer, or when any step before the final copy
/// fails; the final copy is one SQLite transaction.
pub fn restore(
    ctx: &mut dyn Context,
    path: &Path,
    data_dir: &Path,
    progress: &mut dyn FnMut(Progress),
) -> Result<Restored, BackupError> {
    let verified = inspect(path)?;
    let failed = |e: &dyn std::fmt::Display| BackupError::RestoreFailed { detail: e.to_string() };
    let now = ctx.clock().now();
    let instant = now.format("%Y-%m-%d-%H%M%S").to_string();
    let safety_dir = data_dir.join("safety");
    fs::create_dir_all(&safety_dir).map_err(|e| failed(&e))?;
    // A private copy, checked again (the drive may have changed since), then
    // brought up to date by the store's normal migrations.
    let work = safety_dir.join(format!(".restore-{instant}.sqlite3.tmp"));
    let cleanup = |p: &Path| {
        remove_quietly(p);
        for ext in ["-wal", "-shm", "-journal"] {
            remove_quietly(&PathBuf::from(format!("{}{ext}", p.display())));
        }
    };
    let prepared = (|| -> Result<Option<i64>, BackupError> {
        fs::copy(path, &work).map_err(|e| failed(&e))?;
        let (sha, _) = sha256_of(&work).map_err(|e| failed(&e))?;
        if sha != verified.manifest.sha256 {
            return Err(BackupError::Damaged { file: display(path), damage: Damage::ChecksumMismatch });
        }
        let from = verified.contents.schema_version;
        let migrated = Store::open(&work).map_err(|e| failed(&e))?;
        let broken = migrated.check_invariants().map_err(|e| failed(&e))?;
        if !broken.is_empty() {
            return Err(BackupError::Damaged { file: display(path), damage: Damage::Integrity });
        }
        drop(migrated);
        Ok((from < SCHEMA_VERSION).then_some(from))
    })();
    let migrated_from = match prepared {
        Ok(m) => m,
        Err(e) => {
            cleanup(&work);
            return Err(e);
        }
    };
    // The books as they are now, kept before anything is replaced.
    let safety_copy = safety_dir.join(format!("relance-before-restore-{instant}.sqlite3"));
    if let Err(e) = ctx.store().backup_to(&safety_copy, &mut |_| {}) {
        cleanup(&work);
        remove_quietly(&safety_copy);
        return Err(failed(&e));
    }
    // This computer's backup settings and history stay those of this computer.
    let settings = backup_settings::get(ctx.store().conn())?;
    let history = backup_settings::all(ctx.store().conn())?;
    let copied = ctx.store_mut().restore_from(&work, progress);
    cleanup(&work);
    copied.map_err(|e| failed(&e))?;
    let details = [
        ("file", verified.manifest.file.clone()),
        ("made_at", verified.manifest.created_at.to_rfc3339()),
        ("safety_copy", display(&safety_copy)),
    ];
    ctx.store_mut().write(|tx| -> Result<(), StoreError> {
        backup_settings::replace_all(tx, &settings, &history)?;
        activity::record(tx, now, ActivityKind::BackupRestored, Subject::default(), &details)?;
        Ok(())
    })?;
    Ok(Restored { verified, safety_copy, migrated_from })
}

// ---- settings and reminder --------------------------------------------

/// The settings, the last good backup and whether Today should remind.
pub fn status(ctx: &dyn Context) -> Result<Status, AppError> {
    let conn = ctx.store().conn();
    let settings = backup_settings::get(conn)?;
    let last_good = backup_settings::last_good(conn)?;
    let today = ctx.clock().today();
    let last_day: Option<NaiveDate> = last_good.as_ref().map(|b| b.made_at.date_naive());
    let reminder = rules::reminder(last_day, today, settings.remind_after_days);
    Ok(Status { settings, last_good, reminder })
}

/// Saves the settings as typed (checked by the domain; errors name the field).
pub fn save_settings(
    ctx: &mut dyn Context,
    folder: &str,
    keep: i64,
    remind_after_days: i64,
) -> Result<BackupSettings, AppError> {
    let s = rules::check_settings(folder, keep, remind_after_days)?;
    let now = ctx.clock().now();
    ctx.store_mut().write(|tx| {
        backup_settings::save(tx, &s)?;
        let details = [
            ("folder", s.folder.clone().unwrap_or_default()),
            ("keep", s.keep.to_string()),
            ("remind_after_days", s.remind_after_days.to_string()),
        ];
        activity::record(tx, now, ActivityKind::BackupSettingsSaved, Subject::default(), &details)?;
        Ok::<_, AppError>(s)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_names_are_ours() {
        assert_eq!(our_stem("relance-2026-11-24-0930.sqlite3"), Some("relance-2026-11-24-0930"));
        assert_eq!(our_stem("relance-2026-11-24-0930-2.sqlite3"), Some("relance-2026-11-24-0930-2"));
        for other in [
            "relance.sqlite3",
            "relance-2026-11-24.sqlite3",
            "relance-2026-11-24-0930.sqlite3.tmp",
            ".relance-2026-11-24-0930.sqlite3.tmp",
            "photo.jpg",
            "relance-2026-11-24-0930-x.sqlite3",
            "relance-2026-11-24-0930-.sqlite3",
        ] {
            assert_eq!(our_stem(other), None, "{other}");
        }
        assert!(is_our_temp(".relance-2026-11-24-0930.sqlite3.tmp"));
        assert!(order_key("relance-2026-11-24-0930-10.sqlite3") > order_key("relance-2026-11-24-0930-9.sqlite3"));
        assert!(order_key("relance-2026-11-24-0930-2.sqlite3") > order_key("relance-2026-11-24-0930.sqlite3"));
        assert!(order_key("relance-2026-11-24-0931.sqlite3") > order_key("relance-2026-11-24-0930-5.sqlite3"));
        assert!(!is_our_temp("notes.tmp"));
    }

    #[test]
    fn a_manifest_reads_back_and_unknown_ones_are_refused() {
        let m = Manifest {
            file: "relance-2026-11-24-0930.sqlite3".into(),
            sha256: "a".repeat(64),
            size_bytes: 4096,
            schema_version: 10,
            app_version: "0.1.0".into(),
            created_at: DateTime::parse_from_rfc3339("2026-11-24T09:30:00Z").unwrap().with_timezone(&Utc),
            tables: BTreeMap::from([("customers".to_string(), 12)]),
        };
        assert_eq!(Manifest::parse(&m.to_json()), Some(m.clone()));
        let age = m.to_json().replace("\"encryption\": \"none\"", "\"encryption\": \"age\"");
        assert_eq!(Manifest::parse(&age), None);
        assert_eq!(Manifest::parse("{}"), None);
        assert_eq!(Manifest::parse("not json"), None);
    }
}
