//! Encrypted backups (age, passphrase) on real SQLite files in real folders: the round trip
//! gives back every row, a wrong or missing passphrase and a changed byte are refused with nothing
//! changed, the passphrase is written nowhere, and the keyring (keyring-core's mock store) keeps it
//! only when asked.

use std::fs;
use std::path::Path;
use std::sync::{Mutex, MutexGuard, Once};

use chrono::NaiveDate;
use relance_app::backup::{self, BackupError, Damage, Encryption};
use relance_app::demo::{self, DemoOptions};
use relance_app::secrets::{Keyring, Secret, SecretError, SecretStore};
use relance_app::{customers, AppError, FixedClock, LocalContext};
use relance_domain::customer::CustomerInput;
use relance_domain::validation::{Field, Problem};
use relance_store::backup::dump;
use relance_store::Store;
use sha2::{Digest, Sha256};

const PASSPHRASE: &str = "Le vélo bleu de Mathilde 42";

fn context(dir: &Path) -> LocalContext {
    let store = Store::open(&dir.join("relance.sqlite3")).unwrap();
    LocalContext::new(store, Box::new(FixedClock(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap())))
}

/// The example business, with encryption switched on.
fn encrypted_books(dir: &Path, usb: &Path) -> LocalContext {
    let mut ctx = context(dir);
    demo::load(&mut ctx, &DemoOptions::default()).unwrap();
    backup::save_settings(&mut ctx, &usb.display().to_string(), 10, 7, true).unwrap();
    ctx
}

/// Every table but the activity log (a restore appends to it) and this computer's backup settings
/// and history (a restore keeps them).
fn books(ctx: &LocalContext) -> Vec<(String, Vec<String>)> {
    dump(&ctx.store)
        .unwrap()
        .into_iter()
        .filter(|(t, _)| !["activity", "backups_made", "backup_settings"].contains(&t.as_str()))
        .collect()
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> =
        fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

fn secret(p: &str) -> Secret {
    Secret::new(p)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn an_encrypted_backup_restores_every_row_into_an_empty_data_folder() {
    let data = tempfile::tempdir().unwrap();
    let usb = tempfile::tempdir().unwrap();
    let mut ctx = encrypted_books(data.path(), usb.path());
    let before = books(&ctx);

    let made = backup::backup_now(&mut ctx, None, Some(&secret(PASSPHRASE)), &mut |_| {}).unwrap();
    assert_eq!(made.manifest.encryption, Encryption::AgeScrypt);
    assert_eq!(
        files_in(usb.path()),
        vec!["relance-2026-11-24-0900.manifest.json".to_string(), "relance-2026-11-24-0900.sqlite3.age".to_string()],
        "the encrypted file and its manifest, nothing else (no plain copy on the drive)"
    );
    let bytes = fs::read(&made.path).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1\n-> scrypt "), "an age file to a passphrase");
    assert!(!contains(&bytes, b"SQLite format 3"), "no plain SQLite inside");
    assert!(!contains(&bytes, "Fournil".as_bytes()), "no customer name in clear");
    let manifest = fs::read_to_string(usb.path().join("relance-2026-11-24-0900.manifest.json")).unwrap();
    assert!(manifest.contains("\"encryption\": \"age-scrypt\""), "{manifest}");
    assert!(manifest.contains(&format!("{:x}", Sha256::digest(&bytes))), "the checksum is of the encrypted file");
    // No plain temporary copy left in the data folder.
    assert!(files_in(data.path()).iter().all(|f| !f.starts_with(".relance-")), "{:?}", files_in(data.path()));

    // Without the passphrase: the checksum only, the counts from the manifest.
    let v = backup::verify(&made.path).unwrap();
    assert!(v.encrypted() && !v.inside_checked);
    assert_eq!(v.summary, made.summary);
    let listed = backup::list(usb.path()).unwrap();
    assert!(listed[0].good() && listed[0].encrypted);
    // With it: decrypted, integrity-checked, counted by SQLite.
    let deep = backup::verify_with(&made.path, Some(&secret(PASSPHRASE)), data.path()).unwrap();
    assert!(deep.inside_checked);
    assert_eq!(deep.summary, made.summary);
    assert!(deep.summary.invoices > 0);

    // The laptop died: a new empty data folder.
    let fresh = tempfile::tempdir().unwrap();
    let mut new_ctx = context(fresh.path());
    let restored =
        backup::restore(&mut new_ctx, &made.path, Some(&secret(PASSPHRASE)), fresh.path(), &mut |_| {}).unwrap();
    assert!(restored.verified.inside_checked);
    let after = books(&new_ctx);
    assert_eq!(after.len(), before.len());
    for ((t, rows), (_, expected)) in after.iter().zip(&before) {
        assert!(rows == expected, "table {t}: {} rows restored, {} expected, or different", rows.len(), expected.len());
    }
    assert!(new_ctx.store.check_invariants().unwrap().is_empty());
    let safety = fresh.path().join("safety");
    assert!(
        files_in(&safety).iter().all(|f| f.starts_with("relance-before-restore-")),
        "the decrypted copy is removed: {:?}",
        files_in(&safety)
    );
    assert!(files_in(fresh.path()).iter().all(|f| !f.starts_with(".relance-")));
}

#[test]
fn a_wrong_or_missing_passphrase_is_refused_and_nothing_changes() {
    let data = tempfile::tempdir().unwrap();
    let usb = tempfile::tempdir().unwrap();
    let mut ctx = encrypted_books(data.path(), usb.path());
    let made = backup::backup_now(&mut ctx, None, Some(&secret(PASSPHRASE)), &mut |_| {}).unwrap();
    customers::create(
        &mut ctx,
        &CustomerInput { kind: "business".into(), name: "Témoin".into(), ..CustomerInput::default() },
    )
    .unwrap();
    let live = dump(&ctx.store).unwrap();

    match backup::restore(&mut ctx, &made.path, Some(&secret("Le vélo rouge de Mathilde 42")), data.path(), &mut |_| {})
    {
        Err(BackupError::WrongPassphrase) => {}
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        backup::restore(&mut ctx, &made.path, None, data.path(), &mut |_| {}),
        Err(BackupError::PassphraseNeeded)
    ));
    assert!(matches!(
        backup::verify_with(&made.path, Some(&secret("pas la bonne phrase")), data.path()),
        Err(BackupError::WrongPassphrase)
    ));
    assert_eq!(dump(&ctx.store).unwrap(), live, "nothing changed");
    let safety = data.path().join("safety");
    assert!(!safety.exists() || files_in(&safety).is_empty(), "no safety copy, no decrypted leftover");
    assert!(files_in(data.path()).iter().all(|f| !f.starts_with(".relance-")));

    // A backup with encryption on but no passphrase writes nothing and records nothing.
    let before_files = files_in(usb.path());
    assert!(matches!(backup::backup_now(&mut ctx, None, None, &mut |_| {}), Err(BackupError::PassphraseNeeded)));
    assert_eq!(files_in(usb.path()), before_files);
    assert_eq!(dump(&ctx.store).unwrap(), live);
}

#[test]
fn a_changed_byte_in_an_encrypted_backup_is_refused() {
    let data = tempfile::tempdir().unwrap();
    let usb = tempfile::tempdir().unwrap();
    let mut ctx = encrypted_books(data.path(), usb.path());
    let made = backup::backup_now(&mut ctx, None, Some(&secret(PASSPHRASE)), &mut |_| {}).unwrap();
    let live = dump(&ctx.store).unwrap();
    let good = fs::read(&made.path).unwrap();
    let manifest_file = usb.path().join("relance-2026-11-24-0900.manifest.json");
    let manifest = fs::read_to_string(&manifest_file).unwrap();
    let key = secret(PASSPHRASE);

    let mut flipped = good.clone();
    let at = flipped.len() / 2;
    flipped[at] ^= 0x01;
    fs::write(&made.path, &flipped).unwrap();
    // The checksum sees it without the passphrase.
    match backup::verify(&made.path) {
        Err(BackupError::Damaged { damage: Damage::ChecksumMismatch, .. }) => {}
        other => panic!("{other:?}"),
    }
    // Someone also fixed the manifest's checksum: age's authentication refuses the chunk.
    let forged = manifest.replace(&made.manifest.sha256, &format!("{:x}", Sha256::digest(&flipped)));
    fs::write(&manifest_file, forged).unwrap();
    assert!(backup::verify(&made.path).is_ok(), "the checksum now matches");
    match backup::restore(&mut ctx, &made.path, Some(&key), data.path(), &mut |_| {}) {
        Err(BackupError::Damaged { damage: Damage::Integrity, .. }) => {}
        other => panic!("{other:?}"),
    }
    assert_eq!(dump(&ctx.store).unwrap(), live, "nothing changed");
    assert!(files_in(data.path()).iter().all(|f| !f.starts_with(".relance-")));
    assert!(!data.path().join("safety").exists() || files_in(&data.path().join("safety")).is_empty());

    // The same file renamed as a plain backup is not taken for one.
    fs::write(&made.path, &good).unwrap();
    fs::write(&manifest_file, &manifest).unwrap();
    let plain_name = usb.path().join("relance-2026-11-24-0900.sqlite3");
    fs::rename(&made.path, &plain_name).unwrap();
    match backup::verify(&plain_name) {
        Err(BackupError::Damaged { damage: Damage::ManifestInvalid, .. }) => {}
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_passphrase_is_written_nowhere() {
    let data = tempfile::tempdir().unwrap();
    let usb = tempfile::tempdir().unwrap();
    let mut ctx = encrypted_books(data.path(), usb.path());
    let made = backup::backup_now(&mut ctx, None, Some(&secret(PASSPHRASE)), &mut |_| {}).unwrap();
    backup::restore(&mut ctx, &made.path, Some(&secret(PASSPHRASE)), data.path(), &mut |_| {}).unwrap();
    // Everything under both folders, the database, its WAL, the safety copy, the backup and its manifest.
    ctx.store.conn().execute_batch("PRAGMA wal_checkpoint(FULL);").unwrap();
    let mut seen = 0;
    for dir in [data.path().to_path_buf(), data.path().join("safety"), usb.path().to_path_buf()] {
        for f in files_in(&dir) {
            let path = dir.join(&f);
            if path.is_file() {
                let bytes = fs::read(&path).unwrap();
                assert!(!contains(&bytes, PASSPHRASE.as_bytes()), "the passphrase is in {f}");
                assert!(!contains(&bytes, "vélo bleu".as_bytes()), "part of the passphrase is in {f}");
                seen += 1;
            }
        }
    }
    assert!(seen >= 4, "database, safety copy, backup, manifest: {seen} files read");
}

/// keyring-core's mock store as the default store, once per test process; the guard keeps the tests
/// that use the one passphrase account from running at the same time.
fn mock_keyring() -> MutexGuard<'static, ()> {
    static ONCE: Once = Once::new();
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
    ONCE.call_once(|| {
        keyring_core::set_default_store(keyring_core::mock::Store::new().unwrap_or_else(|e| panic!("{e}")))
    });
    ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner())
}

/// A keyring with no service behind it (as under Xvfb: no Secret Service).
struct NoKeyring;

impl SecretStore for NoKeyring {
    fn set(&self, _: &str, _: &Secret) -> Result<(), SecretError> {
        Err(SecretError::Unavailable("no service".into()))
    }
    fn get(&self, _: &str) -> Result<Option<Secret>, SecretError> {
        Err(SecretError::Unavailable("no service".into()))
    }
    fn delete(&self, _: &str) -> Result<(), SecretError> {
        Err(SecretError::Unavailable("no service".into()))
    }
}

fn invalid_field(e: BackupError) -> (Field, Problem) {
    match e {
        BackupError::App(AppError::Invalid(v)) => (v.issues[0].field, v.issues[0].problem.clone()),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_keyring_remembers_the_passphrase_only_when_asked_and_checked() {
    let _keyring = mock_keyring();
    let data = tempfile::tempdir().unwrap();
    let usb = tempfile::tempdir().unwrap();
    let mut ctx = encrypted_books(data.path(), usb.path());
    let keyring = Keyring;
    backup::forget_passphrase(&keyring).unwrap();

    // Nothing typed, nothing remembered: asked for.
    assert!(matches!(backup::passphrase_for_backup(&ctx, &keyring, None), Err(BackupError::PassphraseNeeded)));
    // Typed for this backup: checked like any passphrase.
    assert_eq!(
        invalid_field(backup::passphrase_for_backup(&ctx, &keyring, Some(("court", "court"))).unwrap_err()),
        (Field::BackupPassphrase, Problem::TooShort { min: 12 })
    );
    assert_eq!(
        invalid_field(backup::passphrase_for_backup(&ctx, &keyring, Some((PASSPHRASE, "autre chose 42"))).unwrap_err()),
        (Field::BackupPassphraseConfirm, Problem::NotSame)
    );

    // Remember: refused when short or not the same twice, and then nothing is kept.
    assert_eq!(
        invalid_field(backup::remember_passphrase(&keyring, "trop court", "trop court").unwrap_err()),
        (Field::BackupPassphrase, Problem::TooShort { min: 12 })
    );
    assert_eq!(backup::remembered_passphrase(&keyring).unwrap(), None);
    backup::remember_passphrase(&keyring, PASSPHRASE, PASSPHRASE).unwrap();
    assert_eq!(backup::remembered_passphrase(&keyring).unwrap(), Some(secret(PASSPHRASE)));

    // A backup with nothing typed uses the remembered one, and the restore finds it too.
    let key = backup::passphrase_for_backup(&ctx, &keyring, None).unwrap();
    let made = backup::backup_now(&mut ctx, None, key.as_ref(), &mut |_| {}).unwrap();
    let found = backup::passphrase_for_restore(&keyring, None);
    assert!(backup::verify_with(&made.path, found.as_ref(), data.path()).unwrap().inside_checked);
    // What is typed wins over what is remembered.
    let typed = backup::passphrase_for_restore(&keyring, Some("une autre phrase"));
    assert!(matches!(backup::verify_with(&made.path, typed.as_ref(), data.path()), Err(BackupError::WrongPassphrase)));

    backup::forget_passphrase(&keyring).unwrap();
    assert!(matches!(backup::passphrase_for_backup(&ctx, &keyring, None), Err(BackupError::PassphraseNeeded)));

    // Without a keyring service: remembering is refused in words, a typed passphrase still works.
    assert!(matches!(
        backup::remember_passphrase(&NoKeyring, PASSPHRASE, PASSPHRASE),
        Err(BackupError::Keyring(SecretError::Unavailable(_)))
    ));
    assert!(matches!(backup::passphrase_for_backup(&ctx, &NoKeyring, None), Err(BackupError::PassphraseNeeded)));
    let typed = backup::passphrase_for_backup(&ctx, &NoKeyring, Some((PASSPHRASE, PASSPHRASE))).unwrap();
    assert_eq!(typed, Some(secret(PASSPHRASE)));

    // Encryption off: no passphrase at all, a plain backup.
    backup::save_settings(&mut ctx, &usb.path().display().to_string(), 10, 7, false).unwrap();
    assert_eq!(backup::passphrase_for_backup(&ctx, &NoKeyring, None).unwrap(), None);
}

#[test]
fn the_settings_keep_the_passphrase_in_the_keyring_only_when_checked() {
    let _keyring = mock_keyring();
    let data = tempfile::tempdir().unwrap();
    let usb = tempfile::tempdir().unwrap();
    let mut ctx = context(data.path());
    let folder = usb.path().display().to_string();
    let keyring = Keyring;
    let choice = |remember, passphrase, confirm| backup::PassphraseChoice { remember, passphrase, confirm };
    let before = dump(&ctx.store).unwrap();
    // Bad folder settings: the keyring is not touched.
    assert!(backup::save_settings_with_passphrase(
        &mut ctx,
        &keyring,
        &folder,
        0,
        7,
        true,
        choice(true, PASSPHRASE, PASSPHRASE)
    )
    .is_err());
    // Remember with no passphrase typed and none kept: required, nothing saved.
    backup::forget_passphrase(&keyring).unwrap();
    assert_eq!(
        invalid_field(
            backup::save_settings_with_passphrase(&mut ctx, &keyring, &folder, 10, 7, true, choice(true, "", ""))
                .unwrap_err()
        ),
        (Field::BackupPassphrase, Problem::Required)
    );
    assert_eq!(
        invalid_field(
            backup::save_settings_with_passphrase(
                &mut ctx,
                &keyring,
                &folder,
                10,
                7,
                true,
                choice(true, PASSPHRASE, "x")
            )
            .unwrap_err()
        ),
        (Field::BackupPassphraseConfirm, Problem::NotSame)
    );
    assert_eq!(dump(&ctx.store).unwrap(), before, "nothing written");
    assert_eq!(backup::remembered_passphrase(&keyring).unwrap(), None);
    // Good: kept, and the switch saved.
    let s = backup::save_settings_with_passphrase(
        &mut ctx,
        &keyring,
        &folder,
        10,
        7,
        true,
        choice(true, PASSPHRASE, PASSPHRASE),
    )
    .unwrap();
    assert!(s.encrypt);
    assert!(backup::status(&ctx).unwrap().settings.encrypt);
    assert_eq!(backup::remembered_passphrase(&keyring).unwrap(), Some(secret(PASSPHRASE)));
    // Saved again with nothing typed: the remembered one stays.
    backup::save_settings_with_passphrase(&mut ctx, &keyring, &folder, 10, 7, true, choice(true, "", "")).unwrap();
    assert_eq!(backup::remembered_passphrase(&keyring).unwrap(), Some(secret(PASSPHRASE)));
    // Not remembered any more: forgotten.
    backup::save_settings_with_passphrase(&mut ctx, &keyring, &folder, 10, 7, true, choice(false, "", "")).unwrap();
    assert_eq!(backup::remembered_passphrase(&keyring).unwrap(), None);
    // No keyring service: remembering is refused in one sentence, the settings are not saved.
    assert!(matches!(
        backup::save_settings_with_passphrase(
            &mut ctx,
            &NoKeyring,
            &folder,
            5,
            7,
            true,
            choice(true, PASSPHRASE, PASSPHRASE)
        ),
        Err(BackupError::Keyring(SecretError::Unavailable(_)))
    ));
    assert_eq!(backup::status(&ctx).unwrap().settings.keep, 10);
    // And encryption without remembering works without it.
    backup::save_settings_with_passphrase(&mut ctx, &NoKeyring, &folder, 5, 7, true, choice(false, "", "")).unwrap();
    assert_eq!(backup::status(&ctx).unwrap().settings.keep, 5);
}
