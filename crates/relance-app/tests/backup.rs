//! Backups and restores on real SQLite files in real folders: the round trip
//! of the example business, damaged backups refused with nothing changed,
//! newer and older schemas, retention, a write that fails mid-way.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use relance_app::backup::{self, BackupError, Damage};
use relance_app::demo::{self, DemoOptions};
use relance_app::{customers, FixedClock, LocalContext};
use relance_domain::customer::CustomerInput;
use relance_store::backup::dump;
use relance_store::{Store, SCHEMA_VERSION};
use sha2::{Digest, Sha256};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

fn context(dir: &Path, d: u32) -> LocalContext {
    let store = Store::open(&dir.join("relance.sqlite3")).unwrap();
    LocalContext::new(store, Box::new(FixedClock(day(d))))
}

fn demo_context(dir: &Path) -> LocalContext {
    let mut ctx = context(dir, 24);
    demo::load(&mut ctx, &DemoOptions::default()).unwrap();
    ctx
}

/// Every table but the activity log, which a restore appends to.
fn books(ctx: &LocalContext) -> Vec<(String, Vec<String>)> {
    dump(&ctx.store).unwrap().into_iter().filter(|(t, _)| t != "activity").collect()
}

fn activity(ctx: &LocalContext) -> Vec<String> {
    dump(&ctx.store).unwrap().into_iter().find(|(t, _)| t == "activity").unwrap().1
}

fn no_progress() -> impl FnMut(backup::CopyProgress) {
    |_| {}
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> =
        fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

/// A manifest written by hand for a file made elsewhere (an older version's
/// file, a forged one), with its real checksum.
fn write_manifest(db: &Path, schema_version: i64) {
    let bytes = fs::read(db).unwrap();
    let sha = format!("{:x}", Sha256::digest(&bytes));
    let name = db.file_name().unwrap().to_str().unwrap();
    let manifest = serde_json::json!({
        "format": "relance-backup", "format_version": 1, "encryption": "none",
        "file": name, "sha256": sha, "size_bytes": bytes.len(), "schema_version": schema_version,
        "app_version": "0.0.9", "created_at": "2025-06-01T08:00:00Z", "tables": {"customers": 1},
    });
    let stem = name.strip_suffix(".sqlite3").unwrap();
    fs::write(db.with_file_name(format!("{stem}.manifest.json")), manifest.to_string()).unwrap();
}

#[test]
fn round_trip_to_an_empty_data_folder_gives_back_every_row() {
    let data = tempfile::tempdir().unwrap();
    let usb = tempfile::tempdir().unwrap();
    let mut ctx = demo_context(data.path());
    let before_books = books(&ctx);
    let before_activity = activity(&ctx);

    let mut steps = Vec::new();
    let made = backup::backup_now(&mut ctx, Some(usb.path()), None, &mut |p| steps.push(p)).unwrap();
    assert_eq!(made.path.file_name().unwrap(), "relance-2026-11-24-0900.sqlite3");
    assert_eq!(files_in(usb.path()), vec!["relance-2026-11-24-0900.manifest.json", "relance-2026-11-24-0900.sqlite3"]);
    assert_eq!(made.summary.customers, 40);
    assert_eq!(made.summary.invoices, 400);
    assert!(made.summary.payments > 0);
    assert_eq!(made.manifest.schema_version, SCHEMA_VERSION);
    let last = steps.last().unwrap();
    assert_eq!(last.done, last.total, "the progress reaches the end");
    assert!(last.total > 0);

    // The manifest on the drive says what the file is.
    let text = fs::read_to_string(usb.path().join("relance-2026-11-24-0900.manifest.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let sha = format!("{:x}", Sha256::digest(fs::read(&made.path).unwrap()));
    assert_eq!(json["sha256"], sha.as_str());
    assert_eq!(json["tables"]["invoices"], 400);
    assert_eq!(json["app_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(json["created_at"], "2026-11-24T09:00:00Z");

    // The data folder is wiped: a new, empty database.
    drop(ctx);
    let fresh = tempfile::tempdir().unwrap();
    let mut ctx = context(fresh.path(), 25);
    assert!(ctx.store.is_empty().unwrap());
    let restored = backup::restore(&mut ctx, &made.path, None, fresh.path(), &mut no_progress()).unwrap();
    assert_eq!(restored.migrated_from, None);
    assert!(restored.safety_copy.starts_with(fresh.path().join("safety")));
    assert!(restored.safety_copy.is_file(), "the books as they were are kept");

    let mut after_books = books(&ctx);
    let mut expected = before_books.clone();
    // This computer's backup record stays this computer's: the fresh one had none.
    for b in [&mut after_books, &mut expected] {
        b.retain(|(t, _)| t != "backups_made");
    }
    assert_eq!(after_books, expected, "every table's rows come back identical");
    let after_activity = activity(&ctx);
    let added: Vec<&String> = after_activity.iter().filter(|r| !before_activity.contains(r)).collect();
    assert_eq!(after_activity.len(), before_activity.len() + 1, "the log comes back, plus the restore");
    assert_eq!(added.len(), 1);
    assert!(added[0].contains("backup_restored"), "{}", added[0]);
    assert_eq!(ctx.store.check_invariants().unwrap(), Vec::<String>::new());
    // No temporary file left in the data folder.
    let safety = files_in(&fresh.path().join("safety"));
    assert_eq!(safety.len(), 1, "{safety:?}");
    assert!(safety[0].starts_with("relance-before-restore-2026-11-25-"));
}

#[test]
fn a_restore_replaces_changes_made_since_the_backup_and_keeps_them_in_the_safety_copy() {
    let data = tempfile::tempdir().unwrap();
    let usb = tempfile::tempdir().unwrap();
    let mut ctx = demo_context(data.path());
    let before = books(&ctx);
    let made = backup::backup_now(&mut ctx, Some(usb.path()), None, &mut no_progress()).unwrap();
    customers::create(
        &mut ctx,
        &CustomerInput { kind: "business".into(), name: "Ajouté après".into(), ..CustomerInput::default() },
    )
    .unwrap();
    assert_ne!(books(&ctx), before);

    let restored = backup::restore(&mut ctx, &made.path, None, data.path(), &mut no_progress()).unwrap();
    let mut after = books(&ctx);
    let mut expected = before;
    for b in [&mut after, &mut expected] {
        b.retain(|(t, _)| t != "backups_made");
    }
    assert_eq!(after, expected, "the customer added after the backup is gone");
    // The backup made before the restore is still known to this computer.
    let status = backup::status(&ctx).unwrap();
    assert_eq!(status.last_good.unwrap().file_name, "relance-2026-11-24-0900.sqlite3");

    let safety = Store::open(&restored.safety_copy).unwrap();
    let names: Vec<String> = dump(&safety).unwrap().into_iter().find(|(t, _)| t == "customers").unwrap().1;
    assert!(names.iter().any(|r| r.contains("Ajouté après")), "the safety copy holds the books as they were");
}

#[test]
fn damaged_backups_are_refused_and_nothing_changes() {
    let data = tempfile::tempdir().unwrap();
    let usb = tempfile::tempdir().unwrap();
    let mut ctx = demo_context(data.path());
    let made = backup::backup_now(&mut ctx, Some(usb.path()), None, &mut no_progress()).unwrap();
    let good = fs::read(&made.path).unwrap();
    let manifest = usb.path().join("relance-2026-11-24-0900.manifest.json");
    let good_manifest = fs::read_to_string(&manifest).unwrap();
    // The live books are changed after the backup, so a wrong restore would show.
    customers::create(
        &mut ctx,
        &CustomerInput { kind: "business".into(), name: "Témoin".into(), ..CustomerInput::default() },
    )
    .unwrap();
    let live = dump(&ctx.store).unwrap();

    let mut flipped = good.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x40;
    let cases: Vec<(&str, Vec<u8>, String, Damage)> = vec![
        ("a flipped byte", flipped, good_manifest.clone(), Damage::ChecksumMismatch),
        ("truncated", good[..good.len() / 3].to_vec(), good_manifest.clone(), Damage::ChecksumMismatch),
        (
            "manifest of another file",
            good.clone(),
            good_manifest.replace(&made.manifest.sha256, &"0".repeat(64)),
            Damage::ChecksumMismatch,
        ),
        ("manifest not ours", good.clone(), "{\"hello\": 1}".into(), Damage::ManifestInvalid),
        (
            "manifest of an encrypted backup",
            good.clone(),
            good_manifest.replace("\"none\"", "\"age\""),
            Damage::ManifestInvalid,
        ),
    ];
    for (what, bytes, manifest_text, damage) in cases {
        fs::write(&made.path, &bytes).unwrap();
        fs::write(&manifest, &manifest_text).unwrap();
        match backup::restore(&mut ctx, &made.path, None, data.path(), &mut no_progress()) {
            Err(BackupError::Damaged { damage: d, .. }) => assert_eq!(d, damage, "{what}"),
            other => panic!("{what}: {other:?}"),
        }
        assert!(matches!(backup::verify(&made.path), Err(BackupError::Damaged { .. })), "{what}");
        assert_eq!(dump(&ctx.store).unwrap(), live, "{what}: nothing changed");
        assert!(!data.path().join("safety").exists(), "{what}: no safety copy before a verified backup");
    }

    // The manifest missing.
    fs::write(&made.path, &good).unwrap();
    fs::remove_file(&manifest).unwrap();
    assert!(matches!(
        backup::restore(&mut ctx, &made.path, None, data.path(), &mut no_progress()),
        Err(BackupError::Damaged { damage: Damage::ManifestMissing, .. })
    ));

    // Not SQLite at all, with a manifest that matches its bytes.
    let junk = usb.path().join("relance-2026-11-20-1000.sqlite3");
    fs::write(&junk, b"PK\x03\x04 this is a zip file, not a database".repeat(200)).unwrap();
    write_manifest(&junk, SCHEMA_VERSION);
    assert!(matches!(
        backup::restore(&mut ctx, &junk, None, data.path(), &mut no_progress()),
        Err(BackupError::Damaged { damage: Damage::NotSqlite, .. })
    ));
    // A file that does not exist.
    assert!(matches!(
        backup::restore(&mut ctx, &usb.path().join("nope.sqlite3"), None, data.path(), &mut no_progress()),
        Err(BackupError::FileNotFound { .. })
    ));
    assert_eq!(dump(&ctx.store).unwrap(), live, "nothing changed");
    assert!(!data.path().join("safety").exists());

    // Listed as damaged, never as good.
    let listed = backup::list(usb.path()).unwrap();
    assert_eq!(listed.len(), 2);
    assert!(listed.iter().all(|l| !l.good()));
}

#[test]
fn a_backup_from_a_newer_version_is_refused() {
    let data = tempfile::tempdir().unwrap();
    let usb = tempfile::tempdir().unwrap();
    let newer = usb.path().join("relance-2027-01-01-0800.sqlite3");
    {
        let store = Store::open(&newer).unwrap();
        drop(store);
        let conn = rusqlite::Connection::open(&newer).unwrap();
        conn.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, 'future', '2027-01-01T08:00:00Z')",
            [SCHEMA_VERSION + 5],
        )
        .unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    write_manifest(&newer, SCHEMA_VERSION + 5);
    let mut ctx = demo_context(data.path());
    let live = dump(&ctx.store).unwrap();
    match backup::restore(&mut ctx, &newer, None, data.path(), &mut no_progress()) {
        Err(BackupError::NewerSchema { found, known }) => {
            assert_eq!(found, SCHEMA_VERSION + 5);
            assert_eq!(known, SCHEMA_VERSION);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(dump(&ctx.store).unwrap(), live);
    assert!(!data.path().join("safety").exists());
}

#[test]
fn a_backup_from_an_older_version_is_migrated_on_restore() {
    let data = tempfile::tempdir().unwrap();
    let usb = tempfile::tempdir().unwrap();
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../relance-store/tests/fixtures/schema-v4.sqlite3");
    let old = usb.path().join("relance-2026-01-10-1200.sqlite3");
    fs::copy(&fixture, &old).unwrap();
    write_manifest(&old, 4);
    let expected = relance_store::backup::inspect(&old).unwrap().1;
    assert_eq!(expected.schema_version, 4);

    let mut ctx = demo_context(data.path());
    let restored = backup::restore(&mut ctx, &old, None, data.path(), &mut no_progress()).unwrap();
    assert_eq!(restored.migrated_from, Some(4));
    let now = ctx.store.contents().unwrap();
    assert_eq!(now.schema_version, SCHEMA_VERSION);
    for t in ["customers", "invoices", "payments", "allocations", "plans", "plan_installments"] {
        assert_eq!(now.count(t), expected.count(t), "{t}");
    }
    assert!(expected.count("invoices") > 0);
    assert_eq!(ctx.store.check_invariants().unwrap(), Vec::<String>::new());
    // The backup file itself is untouched (still verifies as schema 4).
    assert_eq!(backup::verify(&old).unwrap().contents.schema_version, 4);
}

#[test]
fn retention_keeps_the_newest_good_backups_and_never_touches_other_files() {
    let data = tempfile::tempdir().unwrap();
    let usb = tempfile::tempdir().unwrap();
    let mut ctx = demo_context(data.path());
    backup::save_settings(&mut ctx, &usb.path().display().to_string(), 3, 7, false).unwrap();
    // Not ours, or damaged: never deleted.
    fs::write(usb.path().join("notes.txt"), "mes notes").unwrap();
    fs::write(usb.path().join("relance.sqlite3"), "pas une sauvegarde").unwrap();
    fs::write(usb.path().join("relance-2026-10-01-0900.sqlite3"), "interrompue").unwrap();

    let mut names = Vec::new();
    for d in 1..=5 {
        ctx.clock = Box::new(FixedClock(day(d)));
        let made = backup::backup_now(&mut ctx, None, None, &mut no_progress()).unwrap();
        names.push(made.manifest.file.clone());
        if d == 4 {
            assert_eq!(made.pruned, vec!["relance-2026-11-01-0900.sqlite3"]);
        }
    }
    let listed = backup::list(usb.path()).unwrap();
    let good: Vec<&str> = listed.iter().filter(|l| l.good()).map(|l| l.file_name.as_str()).collect();
    assert_eq!(good, vec![names[4].as_str(), names[3].as_str(), names[2].as_str()]);
    assert!(usb.path().join("notes.txt").is_file());
    assert!(usb.path().join("relance.sqlite3").is_file());
    assert!(usb.path().join("relance-2026-10-01-0900.sqlite3").is_file());
    assert!(
        !usb.path().join("relance-2026-11-01-0900.manifest.json").exists(),
        "a pruned backup's manifest goes with it"
    );

    // Keep 1: only the newest good one; the same minute twice gets its own name.
    backup::save_settings(&mut ctx, &usb.path().display().to_string(), 1, 7, false).unwrap();
    let a = backup::backup_now(&mut ctx, None, None, &mut no_progress()).unwrap();
    assert_eq!(a.manifest.file, "relance-2026-11-05-0900-2.sqlite3");
    let listed = backup::list(usb.path()).unwrap();
    let good: Vec<&str> = listed.iter().filter(|l| l.good()).map(|l| l.file_name.as_str()).collect();
    assert_eq!(good, vec!["relance-2026-11-05-0900-2.sqlite3"]);
    assert_eq!(listed.iter().filter(|l| !l.good()).count(), 1, "the damaged one stays");
}

#[test]
fn a_write_that_fails_leaves_the_previous_backups_intact_and_no_temporary_file() {
    let data = tempfile::tempdir().unwrap();
    let usb = tempfile::tempdir().unwrap();
    let mut ctx = demo_context(data.path());
    ctx.clock = Box::new(FixedClock(day(20)));
    let first = backup::backup_now(&mut ctx, Some(usb.path()), None, &mut no_progress()).unwrap();
    let before = files_in(usb.path());
    ctx.clock = Box::new(FixedClock(day(21)));
    // The final name is taken by a folder half-way through the copy: the rename fails like a pulled drive.
    let blocker = usb.path().join("relance-2026-11-21-0900.sqlite3");
    let mut once = Some(blocker.clone());
    let result = backup::backup_now(&mut ctx, Some(usb.path()), None, &mut |_| {
        if let Some(b) = once.take() {
            fs::create_dir(&b).unwrap();
        }
    });
    // The name was free when chosen, so the backup went on to rename onto the folder.
    match result {
        Err(BackupError::WriteFailed { folder, .. }) => assert_eq!(folder, usb.path().display().to_string()),
        other => panic!("{other:?}"),
    }
    fs::remove_dir(&blocker).unwrap();
    assert_eq!(files_in(usb.path()), before, "no temporary file left, the previous backup untouched");
    assert!(backup::verify(&first.path).is_ok());
    let status = backup::status(&ctx).unwrap();
    assert_eq!(status.last_good.unwrap().file_name, first.manifest.file, "the failure is not a good backup");

    // A folder that is not there (the drive is not plugged in).
    assert!(matches!(
        backup::backup_now(&mut ctx, Some(&usb.path().join("absent")), None, &mut no_progress()),
        Err(BackupError::FolderNotFound { .. })
    ));
    // No folder chosen.
    assert!(matches!(backup::backup_now(&mut ctx, None, None, &mut no_progress()), Err(BackupError::NoFolder)));
}

#[test]
fn reminder_and_settings() {
    let data = tempfile::tempdir().unwrap();
    let usb = tempfile::tempdir().unwrap();
    let mut ctx = demo_context(data.path());
    let s = backup::status(&ctx).unwrap();
    assert_eq!((s.settings.keep, s.settings.remind_after_days, s.settings.folder), (10, 7, None));
    assert_eq!(s.reminder, Some(None), "never backed up: remind");

    let err = backup::save_settings(&mut ctx, "x", 0, 1000, false).unwrap_err();
    let relance_app::AppError::Invalid(v) = err else { panic!() };
    let fields: Vec<&str> = v.issues.iter().map(|i| i.field.key()).collect();
    assert_eq!(fields, vec!["backup_keep", "backup_remind_days"]);
    assert_eq!(backup::status(&ctx).unwrap().settings.folder, None, "nothing written");

    backup::save_settings(&mut ctx, &usb.path().display().to_string(), 5, 7, false).unwrap();
    ctx.clock = Box::new(FixedClock(day(1)));
    backup::backup_now(&mut ctx, None, None, &mut no_progress()).unwrap();
    assert_eq!(backup::status(&ctx).unwrap().reminder, None);
    ctx.clock = Box::new(FixedClock(day(8)));
    assert_eq!(backup::status(&ctx).unwrap().reminder, None, "7 days: not yet");
    ctx.clock = Box::new(FixedClock(day(13)));
    assert_eq!(backup::status(&ctx).unwrap().reminder, Some(Some(12)));
}

#[test]
fn no_secret_is_ever_in_a_backup() {
    let data = tempfile::tempdir().unwrap();
    let ctx = demo_context(data.path());
    drop(ctx);
    let conn = rusqlite::Connection::open(data.path().join("relance.sqlite3")).unwrap();
    let mut stmt = conn
        .prepare("SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table'")
        .unwrap();
    let columns: Vec<(String, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
    assert!(columns.iter().any(|(t, c)| t == "backup_settings" && c == "folder"));
    for (t, c) in &columns {
        let c = c.to_lowercase();
        for secret in ["password", "passphrase", "secret", "token", "keyring"] {
            assert!(!c.contains(secret), "{t}.{c} looks like a secret: secrets live in the OS keyring only");
        }
    }
}
