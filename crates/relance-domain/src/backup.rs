//! Backups as pure rules: which backups to keep, when to remind the user, and
//! the checks of the backup settings. No files here: the app lists the folder
//! and hands over plain values.

use chrono::NaiveDate;

use crate::validation::{Field, Problem, Validation};

/// Bounds of the settings (also CHECKs of migration 0010).
pub const KEEP_MIN: i64 = 1;
pub const KEEP_MAX: i64 = 100;
pub const REMIND_MIN: i64 = 1;
pub const REMIND_MAX: i64 = 365;
pub const FOLDER_MAX_CHARS: usize = 1024;
/// The shortest passphrase accepted for encrypted backups (characters).
pub const PASSPHRASE_MIN_CHARS: usize = 12;
/// The longest one (characters): a sentence, not a file.
pub const PASSPHRASE_MAX_CHARS: usize = 1024;

/// The backup settings as checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupSettings {
    /// Where backups go (a USB drive's folder); `None` until chosen.
    pub folder: Option<String>,
    /// How many good backups to keep in the folder.
    pub keep: u32,
    /// Remind the user when the last good backup is older than this many days.
    pub remind_after_days: u32,
    /// Backups are encrypted with a passphrase (age); the passphrase itself is never stored here.
    pub encrypt: bool,
}

impl Default for BackupSettings {
    fn default() -> Self {
        Self { folder: None, keep: 10, remind_after_days: 7, encrypt: false }
    }
}

/// Checks a passphrase as typed twice: at least [`PASSPHRASE_MIN_CHARS`] characters (spaces count:
/// a sentence is a good passphrase), at most [`PASSPHRASE_MAX_CHARS`], no control character, and
/// the confirmation identical. Nothing is trimmed: the passphrase is used exactly as typed.
pub fn check_passphrase(passphrase: &str, confirm: &str) -> Result<(), Validation> {
    let mut v = Validation::new();
    let chars = passphrase.chars().count();
    if passphrase.is_empty() {
        v.push(Field::BackupPassphrase, Problem::Required);
    } else if chars < PASSPHRASE_MIN_CHARS {
        v.push(Field::BackupPassphrase, Problem::TooShort { min: PASSPHRASE_MIN_CHARS });
    } else if chars > PASSPHRASE_MAX_CHARS {
        v.push(Field::BackupPassphrase, Problem::TooLong { max: PASSPHRASE_MAX_CHARS });
    } else if passphrase.chars().any(char::is_control) {
        v.push(Field::BackupPassphrase, Problem::InvalidFormat { expected: "passphrase" });
    } else if passphrase != confirm {
        v.push(Field::BackupPassphraseConfirm, Problem::NotSame);
    }
    v.finish(|| ())
}

/// Checks the settings as typed: the folder may be empty (not chosen yet) but
/// not too long and on one line; keep and remind within their bounds.
pub fn check_settings(folder: &str, keep: i64, remind_after_days: i64) -> Result<BackupSettings, Validation> {
    let mut v = Validation::new();
    let folder = folder.trim();
    if folder.chars().count() > FOLDER_MAX_CHARS {
        v.push(Field::BackupFolder, Problem::TooLong { max: FOLDER_MAX_CHARS });
    } else if folder.chars().any(char::is_control) {
        v.push(Field::BackupFolder, Problem::InvalidFormat { expected: "folder" });
    }
    if !(KEEP_MIN..=KEEP_MAX).contains(&keep) {
        v.push(Field::BackupKeep, Problem::OutOfRange { min: KEEP_MIN, max: KEEP_MAX });
    }
    if !(REMIND_MIN..=REMIND_MAX).contains(&remind_after_days) {
        v.push(Field::BackupRemindDays, Problem::OutOfRange { min: REMIND_MIN, max: REMIND_MAX });
    }
    let folder = (!folder.is_empty()).then(|| folder.to_string());
    v.finish(|| BackupSettings {
        folder,
        keep: u32::try_from(keep).unwrap_or(10),
        remind_after_days: u32::try_from(remind_after_days).unwrap_or(7),
        encrypt: false,
    })
}

/// One backup found in the folder, as far as retention cares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found<K> {
    pub key: K,
    /// Sorts backups in time (the instant in the file name).
    pub made: String,
    /// Its manifest exists and its checksum matches.
    pub good: bool,
}

/// The backups to delete so that `keep` good ones remain: only good ones older
/// than the `keep` newest good ones. Damaged ones are never deleted here (the
/// user may want to look at them), and with `keep` at least 1 the newest good
/// backup is always kept.
pub fn to_prune<K: Clone>(found: &[Found<K>], keep: u32) -> Vec<K> {
    let keep = usize::try_from(keep.max(1)).unwrap_or(1);
    let mut good: Vec<&Found<K>> = found.iter().filter(|f| f.good).collect();
    good.sort_by(|a, b| b.made.cmp(&a.made));
    good.into_iter().skip(keep).map(|f| f.key.clone()).collect()
}

/// Whether Today should remind the user to back up: `Some(days)` since the last
/// good backup (`None` inside when there was never one) when it is older than
/// the setting, `None` when all is well.
pub fn reminder(last_good: Option<NaiveDate>, today: NaiveDate, remind_after_days: u32) -> Option<Option<i64>> {
    match last_good {
        None => Some(None),
        Some(d) => {
            let days = (today - d).num_days();
            (days > i64::from(remind_after_days)).then_some(Some(days))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(key: u32, made: &str, good: bool) -> Found<u32> {
        Found { key, made: made.to_string(), good }
    }

    #[test]
    fn prune_keeps_the_newest_good_ones_and_never_damaged_ones() {
        let found = vec![
            f(1, "2026-11-01-0900", true),
            f(2, "2026-11-02-0900", false),
            f(3, "2026-11-03-0900", true),
            f(4, "2026-11-04-0900", true),
        ];
        assert_eq!(to_prune(&found, 2), vec![1]);
        assert_eq!(to_prune(&found, 1), vec![3, 1]);
        assert!(to_prune(&found, 3).is_empty());
        // keep 0 is treated as 1: the last good one is never deleted.
        assert_eq!(to_prune(&found, 0), vec![3, 1]);
        // Only damaged backups: nothing to delete.
        assert!(to_prune(&[f(9, "x", false)], 1).is_empty());
    }

    #[test]
    fn reminder_after_the_chosen_days_or_when_never_backed_up() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(reminder(None, d("2026-11-24"), 7), Some(None));
        assert_eq!(reminder(Some(d("2026-11-17")), d("2026-11-24"), 7), None);
        assert_eq!(reminder(Some(d("2026-11-12")), d("2026-11-24"), 7), Some(Some(12)));
    }

    #[test]
    fn settings_are_checked_field_by_field() {
        let s = check_settings("  /media/usb/Relance ", 10, 7).unwrap();
        assert_eq!(s.folder.as_deref(), Some("/media/usb/Relance"));
        assert_eq!(check_settings("", 10, 7).unwrap().folder, None);
        let v = check_settings("a\nb", 0, 400).unwrap_err();
        let fields: Vec<Field> = v.issues.iter().map(|i| i.field).collect();
        assert_eq!(fields, vec![Field::BackupFolder, Field::BackupKeep, Field::BackupRemindDays]);
    }

    #[test]
    fn a_passphrase_has_twelve_characters_and_is_typed_twice_the_same() {
        let problem =
            |p: &str, c: &str| check_passphrase(p, c).err().map(|v| (v.issues[0].field, v.issues[0].problem.clone()));
        assert_eq!(problem("", ""), Some((Field::BackupPassphrase, Problem::Required)));
        assert_eq!(
            problem("onze caract", "onze caract"),
            Some((Field::BackupPassphrase, Problem::TooShort { min: 12 }))
        );
        // Twelve characters, accents counted as one each.
        assert_eq!(problem("éléphant bleu", "éléphant bleu"), None);
        assert_eq!(problem("douze carac.", "douze carac."), None);
        assert_eq!(problem("douze carac.", "douze carac!"), Some((Field::BackupPassphraseConfirm, Problem::NotSame)));
        assert_eq!(
            problem("avec\nun retour", "avec\nun retour"),
            Some((Field::BackupPassphrase, Problem::InvalidFormat { expected: "passphrase" }))
        );
        let long = "x".repeat(PASSPHRASE_MAX_CHARS + 1);
        assert_eq!(
            problem(&long, &long),
            Some((Field::BackupPassphrase, Problem::TooLong { max: PASSPHRASE_MAX_CHARS }))
        );
    }
}
