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
//! The manifest's `encryption` is `"none"` for a plain copy, or `"age-scrypt"`
//! when the setting « Chiffrer les sauvegardes » is on: the file is then
//! `relance-YYYY-MM-DD-HHMM.sqlite3.age`, the verified SQLite copy encrypted
//! with age to a passphrase (age's scrypt recipient). The plain copy is made in
//! the data folder (never on the drive), checked, encrypted into the hidden
//! temporary file on the drive, then removed. The manifest's SHA-256 and size
//! are those of the encrypted file, so `verify` and `list` check a backup on the
//! drive without the passphrase; what is inside (integrity, rows) is checked
//! once decrypted (`verify_with`, `restore`), and age authenticates every chunk,
//! so a changed byte cannot decrypt silently. The manifest itself stays plain:
//! date, size, schema version and row counts (what the welcome screen shows
//! before asking the passphrase), never a name or an amount. The passphrase is
//! never written anywhere by this module: the user types it, or the system
//! keyring keeps it ([`PASSPHRASE_ACCOUNT`]). Readers refuse an `encryption`
//! they do not know.
//!
//! Restore verifies first, migrates a copy of an older backup with the store's
//! normal migrations, keeps a safety copy of the current database in the data
//! folder's `safety/`, then copies the verified copy into the live connection
//! with the backup API: the app keeps running on the restored books. An
//! encrypted backup is decrypted into that private copy in the data folder
//! (a wrong passphrase stops there, nothing changed), and the copy is removed
//! whatever happens.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, NaiveDate, Utc};
use relance_domain::backup::{self as rules, BackupSettings, Found};
use relance_store::activity::{self, ActivityKind, Subject};
use relance_store::backup::{self as sqlite, Contents, Progress};
use relance_store::backup_settings::{self, BackupMade};
use relance_store::{Store, StoreError, SCHEMA_VERSION};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::secrets::{Secret, SecretError, SecretStore};
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
/// The keyring account of the backup passphrase (when the user asks to remember it).
pub const PASSPHRASE_ACCOUNT: &str = "backup-passphrase";

/// How a backup file is kept: the manifest's `encryption` and the file's ending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encryption {
    /// The SQLite copy as is (`.sqlite3`).
    None,
    /// The SQLite copy encrypted with age to a passphrase (scrypt recipient), `.sqlite3.age`.
    AgeScrypt,
}

impl Encryption {
    pub fn code(self) -> &'static str {
        match self {
            Encryption::None => "none",
            Encryption::AgeScrypt => "age-scrypt",
        }
    }

    fn parse(code: &str) -> Option<Encryption> {
        match code {
            "none" => Some(Encryption::None),
            "age-scrypt" => Some(Encryption::AgeScrypt),
            _ => None,
        }
    }

    /// The file name's ending.
    pub fn extension(self) -> &'static str {
        match self {
            Encryption::None => ".sqlite3",
            Encryption::AgeScrypt => ".sqlite3.age",
        }
    }

    /// What a file of ours is, from its name.
    pub fn of_name(name: &str) -> Encryption {
        if name.ends_with(".sqlite3.age") {
            Encryption::AgeScrypt
        } else {
            Encryption::None
        }
    }
}

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
    /// Backups are encrypted (or this backup is) and no passphrase was typed or remembered.
    #[error("the passphrase of encrypted backups is needed")]
    PassphraseNeeded,
    /// The passphrase does not open this backup: nothing was changed.
    #[error("wrong passphrase")]
    WrongPassphrase,
    /// The system keyring could not keep (or give) the passphrase.
    #[error("keyring: {0}")]
    Keyring(SecretError),
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
    pub encryption: Encryption,
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
            "encryption": self.encryption.code(),
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
        if v.get("format")?.as_str()? != FORMAT || v.get("format_version")?.as_i64()? != FORMAT_VERSION {
            return None;
        }
        let encryption = Encryption::parse(v.get("encryption")?.as_str()?)?;
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
            encryption,
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

/// A backup checked: manifest, checksum, and integrity when its inside was read.
#[derive(Debug, Clone)]
pub struct Verified {
    pub path: PathBuf,
    pub manifest: Manifest,
    /// What SQLite found inside; for an encrypted backup not decrypted, what the manifest says.
    pub contents: Contents,
    pub summary: Summary,
    /// The inside was read (plain backups always; encrypted ones once decrypted with the
    /// passphrase): integrity checked, rows counted by SQLite.
    pub inside_checked: bool,
}

impl Verified {
    pub fn encrypted(&self) -> bool {
        self.manifest.encryption == Encryption::AgeScrypt
    }
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
    /// Encrypted with a passphrase (from its name).
    pub encrypted: bool,
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

/// The stem `relance-YYYY-MM-DD-HHMM[-N]` of one of our file names (`.sqlite3`, or
/// `.sqlite3.age` when encrypted), or `None`.
fn our_stem(name: &str) -> Option<&str> {
    let stem = name.strip_suffix(".sqlite3.age").or_else(|| name.strip_suffix(".sqlite3"))?;
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
    let stem = name.strip_suffix(".sqlite3.age").or_else(|| name.strip_suffix(".sqlite3"))?;
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

/// Removes an SQLite file and what SQLite may have left beside it.
fn remove_db_quietly(p: &Path) {
    remove_quietly(p);
    for ext in ["-wal", "-shm", "-journal"] {
        remove_quietly(&PathBuf::from(format!("{}{ext}", p.display())));
    }
}

/// A temporary plain copy of the books (in the data folder), removed when dropped: on success,
/// on error and on panic alike.
struct Scratch(PathBuf);

impl Scratch {
    fn new(dir: &Path, what: &str) -> Scratch {
        static N: AtomicU64 = AtomicU64::new(0);
        let n = N.fetch_add(1, Ordering::Relaxed);
        Scratch(dir.join(format!(".relance-{what}-{}-{n}.sqlite3.tmp", std::process::id())))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        remove_db_quietly(&self.0);
    }
}

/// The folder of the live database, where plain temporary copies go (the system's temporary
/// folder for a database in memory).
fn scratch_dir(store: &Store) -> PathBuf {
    store
        .conn()
        .path()
        .filter(|p| !p.is_empty())
        .and_then(|p| Path::new(p).parent().map(Path::to_path_buf))
        .unwrap_or_else(std::env::temp_dir)
}

fn age_passphrase(p: &Secret) -> age::secrecy::SecretString {
    age::secrecy::SecretString::from(p.expose().to_owned())
}

/// Encrypts `plain` into `dest` (created, fsynced) with age to the passphrase.
fn encrypt_file(plain: &Path, dest: &Path, passphrase: &Secret) -> io::Result<()> {
    let mut input = BufReader::new(File::open(plain)?);
    let out = File::create(dest)?;
    let encryptor = age::Encryptor::with_user_passphrase(age_passphrase(passphrase));
    let mut writer = encryptor.wrap_output(BufWriter::new(out))?;
    io::copy(&mut input, &mut writer)?;
    let out = writer.finish()?.into_inner().map_err(|e| e.into_error())?;
    out.sync_all()
}

/// Decrypts the backup `src` into `dest` (created, fsynced). A passphrase that does not open it is
/// `WrongPassphrase`; a file age cannot read or whose chunks fail authentication is damaged.
fn decrypt_file(src: &Path, dest: &Path, passphrase: &Secret) -> Result<(), BackupError> {
    let file = display(src);
    let damaged = || BackupError::Damaged { file: file.clone(), damage: Damage::Integrity };
    let input = File::open(src).map_err(|_| BackupError::FileNotFound { file: file.clone() })?;
    let decryptor = age::Decryptor::new_buffered(BufReader::new(input)).map_err(|_| damaged())?;
    if !decryptor.is_scrypt() {
        return Err(damaged());
    }
    let identity = age::scrypt::Identity::new(age_passphrase(passphrase));
    let mut reader = match decryptor.decrypt(std::iter::once(&identity as &dyn age::Identity)) {
        Ok(r) => r,
        Err(age::DecryptError::DecryptionFailed | age::DecryptError::NoMatchingKeys) => {
            return Err(BackupError::WrongPassphrase)
        }
        Err(age::DecryptError::ExcessiveWork { required, target }) => {
            return Err(BackupError::RestoreFailed {
                detail: format!("the passphrase's work factor {required} is far above this computer's {target}"),
            })
        }
        Err(_) => return Err(damaged()),
    };
    let failed = |e: io::Error| BackupError::RestoreFailed { detail: e.to_string() };
    let mut out = BufWriter::new(File::create(dest).map_err(failed)?);
    let mut buf = vec![0u8; 1 << 16];
    loop {
        // A read error here is age refusing a chunk: the file was changed.
        let n = reader.read(&mut buf).map_err(|_| damaged())?;
        if n == 0 {
            break;
        }
        out.write_all(&buf[..n]).map_err(failed)?;
    }
    let out = out.into_inner().map_err(|e| failed(e.into_error()))?;
    out.sync_all().map_err(failed)
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
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    if manifest.encryption != Encryption::of_name(name) {
        return Err(damaged(Damage::ManifestInvalid));
    }
    if manifest.size_bytes != meta.len() {
        return Err(damaged(Damage::ChecksumMismatch));
    }
    let (sha, _) = sha256_of(path).map_err(|_| damaged(Damage::ChecksumMismatch))?;
    if sha != manifest.sha256 {
        return Err(damaged(Damage::ChecksumMismatch));
    }
    if manifest.encryption == Encryption::AgeScrypt {
        // The checksum is of the encrypted file: what is inside waits for the passphrase.
        if manifest.schema_version <= 0 {
            return Err(damaged(Damage::NotRelance));
        }
        let contents = Contents { schema_version: manifest.schema_version, tables: manifest.tables.clone() };
        let summary = Summary::of(&contents.tables);
        return Ok(Verified { path: path.to_path_buf(), manifest, contents, summary, inside_checked: false });
    }
    let (contents, summary) = check_inside(path, path, &manifest)?;
    Ok(Verified { path: path.to_path_buf(), manifest, contents, summary, inside_checked: true })
}

/// SQLite's integrity check of `db` (the backup itself, or its decrypted copy) and its rows,
/// which must be Relance's books at the manifest's schema. Damage is reported on `file`.
fn check_inside(file: &Path, db: &Path, manifest: &Manifest) -> Result<(Contents, Summary), BackupError> {
    let damaged = |damage| BackupError::Damaged { file: display(file), damage };
    let (problems, contents) = sqlite::inspect(db).map_err(|_| damaged(Damage::NotSqlite))?;
    if !problems.is_empty() {
        return Err(damaged(Damage::Integrity));
    }
    if contents.schema_version == 0 || contents.schema_version != manifest.schema_version {
        return Err(damaged(Damage::NotRelance));
    }
    let summary = Summary::of(&contents.tables);
    Ok((contents, summary))
}

/// [`verify`], and for an encrypted backup its inside too: decrypted with the passphrase into a
/// temporary file of `scratch` (the data folder), integrity-checked and counted, then removed.
/// A plain backup needs no passphrase. Changes nothing.
pub fn verify_with(path: &Path, passphrase: Option<&Secret>, scratch: &Path) -> Result<Verified, BackupError> {
    let mut v = verify(path)?;
    if v.inside_checked {
        return Ok(v);
    }
    let passphrase = passphrase.ok_or(BackupError::PassphraseNeeded)?;
    let plain = Scratch::new(scratch, "verify");
    decrypt_file(path, &plain.0, passphrase)?;
    let (contents, summary) = check_inside(path, &plain.0, &v.manifest)?;
    v.contents = contents;
    v.summary = summary;
    v.inside_checked = true;
    Ok(v)
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
                encrypted: v.manifest.encryption == Encryption::AgeScrypt,
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
                encrypted: Encryption::of_name(name) == Encryption::AgeScrypt,
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
/// backups beyond the chosen number. `progress` gets the pages copied. When the
/// settings say « Chiffrer les sauvegardes », the file is encrypted with
/// `passphrase` (see [`passphrase_for_backup`]); without one nothing is written
/// (`PassphraseNeeded`). A passphrase is ignored when backups are not encrypted.
pub fn backup_now(
    ctx: &mut dyn Context,
    folder: Option<&Path>,
    passphrase: Option<&Secret>,
    progress: &mut dyn FnMut(Progress),
) -> Result<Made, BackupError> {
    let folder = folder_or_setting(ctx, folder)?;
    let settings = backup_settings::get(ctx.store().conn())?;
    if !folder.is_dir() {
        return Err(BackupError::FolderNotFound { folder: display(&folder) });
    }
    let key = match (settings.encrypt, passphrase) {
        (false, _) => None,
        (true, Some(p)) => Some(p),
        (true, None) => return Err(BackupError::PassphraseNeeded),
    };
    let now = ctx.clock().now();
    let result = write_backup(ctx.store(), &folder, now, key, progress);
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
    key: Option<&Secret>,
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
    let taken = |stem: &str| {
        [".sqlite3", ".sqlite3.age", ".manifest.json"].iter().any(|ext| folder.join(format!("{stem}{ext}")).exists())
    };
    while taken(&stem) {
        stem = format!("{base}-{n}");
        n += 1;
        if n > 999 {
            return Err(failed(&"too many backups in the same minute"));
        }
    }
    let encryption = if key.is_some() { Encryption::AgeScrypt } else { Encryption::None };
    let file = format!("{stem}{}", encryption.extension());
    let dest = folder.join(&file);
    let tmp = folder.join(format!(".{file}.tmp"));
    // Encrypted: the plain copy is made and checked in the data folder, never on the drive.
    let plain = key.map(|_| Scratch::new(&scratch_dir(store), "backup"));
    let copy_to = plain.as_ref().map_or(tmp.as_path(), |p| p.0.as_path());
    let contents = match store.backup_to(copy_to, progress) {
        Ok(()) => store.contents(),
        Err(e) => Err(e),
    };
    let contents = match contents {
        Ok(c) => c,
        Err(e) => {
            remove_db_quietly(&tmp);
            return Err(failed(&e));
        }
    };
    if let (Some(plain), Some(key)) = (&plain, key) {
        if let Err(e) = encrypt_file(&plain.0, &tmp, key) {
            remove_quietly(&tmp);
            return Err(failed(&e));
        }
    }
    drop(plain);
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
        encryption,
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
/// when the backup is damaged or newer, when the passphrase of an encrypted
/// backup is missing or wrong, or when any step before the final copy fails;
/// the final copy is one SQLite transaction. `passphrase` is ignored for a
/// plain backup.
pub fn restore(
    ctx: &mut dyn Context,
    path: &Path,
    passphrase: Option<&Secret>,
    data_dir: &Path,
    progress: &mut dyn FnMut(Progress),
) -> Result<Restored, BackupError> {
    let mut verified = inspect(path)?;
    let key = match (verified.encrypted(), passphrase) {
        (false, _) => None,
        (true, Some(p)) => Some(p),
        (true, None) => return Err(BackupError::PassphraseNeeded),
    };
    let failed = |e: &dyn std::fmt::Display| BackupError::RestoreFailed { detail: e.to_string() };
    let now = ctx.clock().now();
    let instant = now.format("%Y-%m-%d-%H%M%S").to_string();
    let safety_dir = data_dir.join("safety");
    fs::create_dir_all(&safety_dir).map_err(|e| failed(&e))?;
    // A private copy, checked again (the drive may have changed since), then
    // brought up to date by the store's normal migrations.
    let work = safety_dir.join(format!(".restore-{instant}.sqlite3.tmp"));
    let cleanup = remove_db_quietly;
    let prepared = (|| -> Result<Option<i64>, BackupError> {
        if let Some(key) = key {
            // age authenticates what it decrypts: a changed byte fails here.
            decrypt_file(path, &work, key)?;
            let (contents, summary) = check_inside(path, &work, &verified.manifest)?;
            verified.contents = contents;
            verified.summary = summary;
            verified.inside_checked = true;
        } else {
            fs::copy(path, &work).map_err(|e| failed(&e))?;
            let (sha, _) = sha256_of(&work).map_err(|e| failed(&e))?;
            if sha != verified.manifest.sha256 {
                return Err(BackupError::Damaged { file: display(path), damage: Damage::ChecksumMismatch });
            }
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
/// The passphrase of encrypted backups is not a setting: see [`remember_passphrase`].
pub fn save_settings(
    ctx: &mut dyn Context,
    folder: &str,
    keep: i64,
    remind_after_days: i64,
    encrypt: bool,
) -> Result<BackupSettings, AppError> {
    let mut s = rules::check_settings(folder, keep, remind_after_days)?;
    s.encrypt = encrypt;
    let now = ctx.clock().now();
    ctx.store_mut().write(|tx| {
        backup_settings::save(tx, &s)?;
        let details = [
            ("folder", s.folder.clone().unwrap_or_default()),
            ("keep", s.keep.to_string()),
            ("remind_after_days", s.remind_after_days.to_string()),
            ("encrypt", s.encrypt.to_string()),
        ];
        activity::record(tx, now, ActivityKind::BackupSettingsSaved, Subject::default(), &details)?;
        Ok::<_, AppError>(s)
    })
}

// ---- the passphrase --------------------------------------------------------

/// The passphrase the system keyring keeps for backups, if any.
pub fn remembered_passphrase(secrets: &dyn SecretStore) -> Result<Option<Secret>, SecretError> {
    secrets.get(PASSPHRASE_ACCOUNT)
}

/// Checks the passphrase typed twice (12 characters at least, the same twice; errors name the
/// field) and keeps it in the system keyring. Nothing is kept when the check fails.
pub fn remember_passphrase(secrets: &dyn SecretStore, passphrase: &str, confirm: &str) -> Result<(), BackupError> {
    rules::check_passphrase(passphrase, confirm).map_err(|v| BackupError::App(AppError::Invalid(v)))?;
    secrets.set(PASSPHRASE_ACCOUNT, &Secret::new(passphrase)).map_err(BackupError::Keyring)
}

/// What the settings form says about the passphrase of encrypted backups.
#[derive(Debug, Clone, Copy)]
pub struct PassphraseChoice<'a> {
    /// « Mémoriser dans le trousseau du système ».
    pub remember: bool,
    /// Typed twice to be remembered; empty keeps the one already remembered.
    pub passphrase: &'a str,
    pub confirm: &'a str,
}

/// Saves the settings of Settings, « Sauvegarde », with the choice about the passphrase: when
/// encrypted and remembered, the passphrase typed twice is checked and kept in the keyring (or the
/// one already kept stays; none kept and none typed is `Required`); when encrypted and not
/// remembered, the keyring forgets it and the user types it at each backup. Everything is checked
/// before anything is kept: bad input changes neither the keyring nor the database.
pub fn save_settings_with_passphrase(
    ctx: &mut dyn Context,
    secrets: &dyn SecretStore,
    folder: &str,
    keep: i64,
    remind_after_days: i64,
    encrypt: bool,
    choice: PassphraseChoice<'_>,
) -> Result<BackupSettings, BackupError> {
    rules::check_settings(folder, keep, remind_after_days).map_err(|v| BackupError::App(AppError::Invalid(v)))?;
    if encrypt && choice.remember {
        if choice.passphrase.is_empty() {
            match remembered_passphrase(secrets) {
                Ok(Some(_)) => {}
                Ok(None) => {
                    let mut v = relance_domain::validation::Validation::new();
                    v.push(
                        relance_domain::validation::Field::BackupPassphrase,
                        relance_domain::validation::Problem::Required,
                    );
                    return Err(BackupError::App(AppError::Invalid(v)));
                }
                Err(e) => return Err(BackupError::Keyring(e)),
            }
        } else {
            remember_passphrase(secrets, choice.passphrase, choice.confirm)?;
        }
    } else if encrypt {
        // Not remembered: typed at each backup. A keyring that cannot answer has nothing to forget.
        let _ = forget_passphrase(secrets);
    }
    Ok(save_settings(ctx, folder, keep, remind_after_days, encrypt)?)
}

/// Forgets the remembered passphrase (nothing kept is fine).
pub fn forget_passphrase(secrets: &dyn SecretStore) -> Result<(), SecretError> {
    secrets.delete(PASSPHRASE_ACCOUNT)
}

/// The passphrase a backup is made with: `None` when backups are not encrypted; else the one
/// typed twice for this backup (checked), else the one the keyring remembers; else
/// `PassphraseNeeded` (also when the keyring cannot answer: the user types it).
pub fn passphrase_for_backup(
    ctx: &dyn Context,
    secrets: &dyn SecretStore,
    typed: Option<(&str, &str)>,
) -> Result<Option<Secret>, BackupError> {
    if !backup_settings::get(ctx.store().conn())?.encrypt {
        return Ok(None);
    }
    if let Some((passphrase, confirm)) = typed.filter(|(p, _)| !p.is_empty()) {
        rules::check_passphrase(passphrase, confirm).map_err(|v| BackupError::App(AppError::Invalid(v)))?;
        return Ok(Some(Secret::new(passphrase)));
    }
    match remembered_passphrase(secrets) {
        Ok(Some(p)) => Ok(Some(p)),
        Ok(None) | Err(_) => Err(BackupError::PassphraseNeeded),
    }
}

/// The passphrase a restore of an encrypted backup is tried with: the one typed, else the one
/// the keyring remembers (on the computer that made it). `None` when neither.
pub fn passphrase_for_restore(secrets: &dyn SecretStore, typed: Option<&str>) -> Option<Secret> {
    match typed.filter(|p| !p.is_empty()) {
        Some(p) => Some(Secret::new(p)),
        None => remembered_passphrase(secrets).ok().flatten(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_names_are_ours() {
        assert_eq!(our_stem("relance-2026-11-24-0930.sqlite3"), Some("relance-2026-11-24-0930"));
        assert_eq!(our_stem("relance-2026-11-24-0930-2.sqlite3"), Some("relance-2026-11-24-0930-2"));
        assert_eq!(our_stem("relance-2026-11-24-0930.sqlite3.age"), Some("relance-2026-11-24-0930"));
        assert_eq!(Encryption::of_name("relance-2026-11-24-0930.sqlite3.age"), Encryption::AgeScrypt);
        assert_eq!(
            manifest_path(Path::new("/u/relance-2026-11-24-0930.sqlite3.age")),
            Some(PathBuf::from("/u/relance-2026-11-24-0930.manifest.json"))
        );
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
            encryption: Encryption::None,
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
        let encrypted = Manifest { encryption: Encryption::AgeScrypt, ..m.clone() };
        assert!(encrypted.to_json().contains("\"encryption\": \"age-scrypt\""));
        assert_eq!(Manifest::parse(&encrypted.to_json()), Some(encrypted));
        assert_eq!(Manifest::parse("{}"), None);
        assert_eq!(Manifest::parse("not json"), None);
    }
}
