//! Backups on the wire: the Settings section « Sauvegarde » (settings, the
//! last backup, the backups found in the folder), a backup's contents shown
//! before a restore, the progress of a copy, and the errors in words.

use relance_app::backup::{BackupError, Listed, Made, Restored, Status, Verified};
use relance_app::secrets::SecretError;
use relance_app::AppError;
use relance_domain::company::Language;
use relance_domain::validation::{Field, Problem, Validation};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{error_message, ErrorCode, ErrorView, FieldErrorView};
use crate::messages;

/// The settings form as typed.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct BackupSettingsForm {
    pub folder: String,
    pub keep: String,
    pub remind_after_days: String,
    /// « Chiffrer les sauvegardes ».
    pub encrypt: bool,
    /// « Mémoriser dans le trousseau du système ».
    pub remember: bool,
    /// The passphrase to remember (typed twice; empty keeps the one remembered). Never stored in the
    /// database.
    pub passphrase: String,
    pub passphrase_confirm: String,
}

impl BackupSettingsForm {
    /// The numbers as typed; a non-number is out of range on its own field.
    pub fn numbers(&self) -> Result<(i64, i64), AppError> {
        let mut v = Validation::new();
        let mut read = |raw: &str, field: Field, min: i64, max: i64| match raw.trim().parse::<i64>() {
            Ok(n) => n,
            Err(_) => {
                v.push(field, Problem::OutOfRange { min, max });
                0
            }
        };
        use relance_domain::backup::{KEEP_MAX, KEEP_MIN, REMIND_MAX, REMIND_MIN};
        let keep = read(&self.keep, Field::BackupKeep, KEEP_MIN, KEEP_MAX);
        let remind = read(&self.remind_after_days, Field::BackupRemindDays, REMIND_MIN, REMIND_MAX);
        if v.is_empty() {
            Ok((keep, remind))
        } else {
            Err(AppError::Invalid(v))
        }
    }
}

/// The last good backup made from this computer.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupMadeView {
    /// UTC instant (RFC 3339).
    pub made_at: String,
    /// The day it was made (YYYY-MM-DD, UTC).
    pub made_on: String,
    pub folder: String,
    /// The folder's last name (« Relance » for /media/usb/Relance), for the sentence on Today.
    pub folder_name: String,
    pub file_name: String,
    pub size_bytes: u64,
}

/// The settings, the last backup and whether Today reminds.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupStatusView {
    pub folder: Option<String>,
    pub keep: u32,
    pub remind_after_days: u32,
    /// « Chiffrer les sauvegardes » is on.
    pub encrypt: bool,
    pub last_good: Option<BackupMadeView>,
    /// Today shows the reminder banner.
    pub remind: bool,
    /// Days since the last good backup (`null` when there was never one).
    pub days_since: Option<i64>,
}

impl From<&Status> for BackupStatusView {
    fn from(s: &Status) -> Self {
        let last_good = s.last_good.as_ref().map(|b| {
            let folder_name = std::path::Path::new(&b.folder)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| b.folder.clone());
            BackupMadeView {
                made_at: b.made_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                made_on: b.made_at.date_naive().format("%Y-%m-%d").to_string(),
                folder: b.folder.clone(),
                folder_name,
                file_name: b.file_name.clone(),
                size_bytes: b.size_bytes,
            }
        });
        BackupStatusView {
            folder: s.settings.folder.clone(),
            keep: s.settings.keep,
            remind_after_days: s.settings.remind_after_days,
            encrypt: s.settings.encrypt,
            last_good,
            remind: s.reminder.is_some(),
            days_since: s.reminder.flatten(),
        }
    }
}

/// One backup found in the folder.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupListedView {
    pub file_name: String,
    pub path: String,
    pub size_bytes: u64,
    /// UTC instant from the manifest, `null` for a damaged backup.
    pub made_at: Option<String>,
    pub good: bool,
    /// Why it cannot be trusted, in words (`null` when good).
    pub damage: Option<String>,
    pub customers: Option<u64>,
    pub invoices: Option<u64>,
    pub payments: Option<u64>,
    /// Encrypted with a passphrase (« chiffrée »).
    pub encrypted: bool,
}

impl BackupListedView {
    pub fn new(l: &Listed, lang: Language) -> Self {
        BackupListedView {
            file_name: l.file_name.clone(),
            path: l.path.display().to_string(),
            size_bytes: l.size_bytes,
            made_at: l.made_at.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
            good: l.good(),
            damage: l.damage.as_ref().map(|d| messages::backup_damage_short(d, lang).to_string()),
            customers: l.summary.map(|s| s.customers),
            invoices: l.summary.map(|s| s.invoices),
            payments: l.summary.map(|s| s.payments),
            encrypted: l.encrypted,
        }
    }
}

/// What a backup holds, shown before a restore.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupContentsView {
    pub path: String,
    pub file_name: String,
    pub made_at: String,
    pub app_version: String,
    pub schema_version: i64,
    /// It comes from an older version and will be brought up to date.
    pub migrate: bool,
    pub customers: u64,
    pub invoices: u64,
    pub payments: u64,
    pub size_bytes: u64,
    /// Encrypted: the restore asks the passphrase. The counts are then the manifest's until the
    /// backup is decrypted.
    pub encrypted: bool,
}

impl From<&Verified> for BackupContentsView {
    fn from(v: &Verified) -> Self {
        BackupContentsView {
            path: v.path.display().to_string(),
            file_name: v.manifest.file.clone(),
            made_at: v.manifest.created_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            app_version: v.manifest.app_version.clone(),
            schema_version: v.contents.schema_version,
            migrate: v.contents.schema_version < relance_store::SCHEMA_VERSION,
            customers: v.summary.customers,
            invoices: v.summary.invoices,
            payments: v.summary.payments,
            size_bytes: v.manifest.size_bytes,
            encrypted: v.encrypted(),
        }
    }
}

/// A backup just made.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupDoneView {
    pub file_name: String,
    pub path: String,
    pub size_bytes: u64,
    pub customers: u64,
    pub invoices: u64,
    pub payments: u64,
    /// Older backups deleted to keep the chosen number.
    pub pruned: Vec<String>,
}

impl From<&Made> for BackupDoneView {
    fn from(m: &Made) -> Self {
        BackupDoneView {
            file_name: m.manifest.file.clone(),
            path: m.path.display().to_string(),
            size_bytes: m.manifest.size_bytes,
            customers: m.summary.customers,
            invoices: m.summary.invoices,
            payments: m.summary.payments,
            pruned: m.pruned.clone(),
        }
    }
}

/// A restore done.
#[derive(Debug, Clone, Serialize, TS)]
pub struct RestoredView {
    pub contents: BackupContentsView,
    /// Where the books as they were just before are kept.
    pub safety_copy: String,
    pub migrated_from: Option<i64>,
}

impl From<&Restored> for RestoredView {
    fn from(r: &Restored) -> Self {
        RestoredView {
            contents: BackupContentsView::from(&r.verified),
            safety_copy: r.safety_copy.display().to_string(),
            migrated_from: r.migrated_from,
        }
    }
}

/// Whether the system keyring keeps the backup passphrase, and why it cannot when it cannot.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupKeyringView {
    pub remembered: bool,
    /// One sentence when there is no keyring service (`null` when it answers).
    pub unavailable: Option<String>,
}

impl BackupKeyringView {
    pub fn new(answer: Result<bool, &SecretError>, lang: Language) -> Self {
        match answer {
            Ok(remembered) => BackupKeyringView { remembered, unavailable: None },
            Err(SecretError::Unavailable(_)) => {
                BackupKeyringView { remembered: false, unavailable: Some(messages::backup_keyring_unavailable(lang)) }
            }
            Err(SecretError::Failed(detail)) => {
                BackupKeyringView { remembered: false, unavailable: Some(messages::keyring_failed(detail, lang)) }
            }
        }
    }
}

/// How far a copy went (pages), sent on the command's channel.
#[derive(Debug, Clone, Copy, Serialize, TS)]
pub struct BackupProgressView {
    pub done: u64,
    pub total: u64,
}

fn plain(code: ErrorCode, message: String, field: Option<Field>) -> ErrorView {
    let fields = field
        .map(|f| vec![FieldErrorView { field: f.key().to_string(), message: message.clone() }])
        .unwrap_or_default();
    ErrorView { code, message, field: field.map(|f| f.key().to_string()), fields }
}

/// A backup or restore error as the user reads it; folder problems are on the folder field.
pub fn backup_error(err: &BackupError, lang: Language) -> ErrorView {
    match err {
        BackupError::App(e) => error_message(e, lang),
        BackupError::NoFolder => plain(ErrorCode::Invalid, messages::backup_no_folder(lang), Some(Field::BackupFolder)),
        BackupError::FolderNotFound { folder } => {
            plain(ErrorCode::Invalid, messages::backup_folder_not_found(folder, lang), Some(Field::BackupFolder))
        }
        BackupError::WriteFailed { folder, .. } => {
            plain(ErrorCode::Internal, messages::backup_write_failed(folder, lang), None)
        }
        BackupError::FileNotFound { file } => {
            plain(ErrorCode::Invalid, messages::backup_file_not_found(file, lang), Some(Field::BackupFile))
        }
        BackupError::Damaged { damage, .. } => {
            plain(ErrorCode::Invalid, messages::backup_damaged(damage, lang), Some(Field::BackupFile))
        }
        BackupError::NewerSchema { found, known } => {
            plain(ErrorCode::Invalid, messages::backup_newer(*found, *known, lang), Some(Field::BackupFile))
        }
        BackupError::RestoreFailed { detail } => {
            plain(ErrorCode::Internal, messages::backup_restore_failed(detail, lang), None)
        }
        BackupError::PassphraseNeeded => {
            plain(ErrorCode::Invalid, messages::backup_passphrase_needed(lang), Some(Field::BackupPassphrase))
        }
        BackupError::WrongPassphrase => {
            plain(ErrorCode::Invalid, messages::backup_wrong_passphrase(lang), Some(Field::BackupPassphrase))
        }
        BackupError::Keyring(SecretError::Unavailable(_)) => {
            plain(ErrorCode::Invalid, messages::backup_keyring_unavailable(lang), Some(Field::BackupRemember))
        }
        BackupError::Keyring(SecretError::Failed(detail)) => {
            plain(ErrorCode::Internal, messages::keyring_failed(detail, lang), Some(Field::BackupRemember))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use relance_app::backup::Damage;

    #[test]
    fn a_pulled_drive_reads_as_a_sentence() {
        let e = BackupError::WriteFailed { folder: "/media/usb/Relance".into(), detail: "Input/output error".into() };
        let fr = backup_error(&e, Language::Fr);
        assert_eq!(
            fr.message,
            "La sauvegarde n’a pas pu être écrite sur « /media/usb/Relance » (le support a-t-il été retiré ?). Vos sauvegardes précédentes sont intactes."
        );
        let en = backup_error(&e, Language::En);
        assert!(en.message.starts_with("The backup could not be written to « /media/usb/Relance »"), "{}", en.message);
        let json = serde_json::to_string(&backup_error(&BackupError::NoFolder, Language::En)).unwrap();
        assert_eq!(
            json,
            r#"{"code":"invalid","message":"Choose the backup folder first (a USB drive, for example).","field":"backup_folder","fields":[{"field":"backup_folder","message":"Choose the backup folder first (a USB drive, for example)."}]}"#
        );
    }

    #[test]
    fn every_damage_has_words_in_both_languages() {
        for d in [
            Damage::ManifestMissing,
            Damage::ManifestInvalid,
            Damage::ChecksumMismatch,
            Damage::NotSqlite,
            Damage::Integrity,
            Damage::NotRelance,
        ] {
            for lang in [Language::Fr, Language::En] {
                let e = backup_error(&BackupError::Damaged { file: "f".into(), damage: d.clone() }, lang);
                assert_eq!(e.field.as_deref(), Some("backup_file"));
                assert!(!e.message.contains('_'), "{}", e.message);
                assert!(!messages::backup_damage_short(&d, lang).is_empty());
            }
        }
        let newer = backup_error(&BackupError::NewerSchema { found: 14, known: 10 }, Language::Fr);
        assert!(newer.message.contains("version plus récente"), "{}", newer.message);
    }

    #[test]
    fn passphrase_errors_name_their_field() {
        let wrong = backup_error(&BackupError::WrongPassphrase, Language::Fr);
        assert!(wrong.message.starts_with("Phrase de passe incorrecte"), "{}", wrong.message);
        assert_eq!(wrong.field.as_deref(), Some("backup_passphrase"));
        let needed = backup_error(&BackupError::PassphraseNeeded, Language::En);
        assert_eq!(needed.field.as_deref(), Some("backup_passphrase"));
        let no_keyring = backup_error(&BackupError::Keyring(SecretError::Unavailable("x".into())), Language::Fr);
        assert_eq!(no_keyring.field.as_deref(), Some("backup_remember"));
        assert_eq!(no_keyring.message.matches(". ").count(), 0, "one sentence: {}", no_keyring.message);
        let short = error_message(
            &AppError::Invalid(relance_domain::backup::check_passphrase("court", "court").unwrap_err()),
            Language::Fr,
        );
        assert_eq!(short.field.as_deref(), Some("backup_passphrase"));
        assert!(short.message.contains("12 caractères au moins"), "{}", short.message);
    }

    #[test]
    fn settings_numbers_name_their_field() {
        let f = BackupSettingsForm {
            folder: String::new(),
            keep: "dix".into(),
            remind_after_days: "7".into(),
            encrypt: false,
            remember: false,
            passphrase: String::new(),
            passphrase_confirm: String::new(),
        };
        let Err(AppError::Invalid(v)) = f.numbers() else { panic!() };
        assert_eq!(v.issues[0].field, Field::BackupKeep);
    }
}
