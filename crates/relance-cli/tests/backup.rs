//! `relance backup`, `verify` and `restore` on real folders, and a backup
//! killed (SIGKILL) at random points: the previous backups stay intact and no
//! file that `verify` calls good is ever incomplete.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use relance_store::counts::row_counts;
use relance_store::Store;

fn relance(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_relance"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("LANG", "fr_FR.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("RELANCE_LANG")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn ours(usb: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(usb)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_str().unwrap();
            n.starts_with("relance-") && n.ends_with(".sqlite3")
        })
        .collect();
    v.sort();
    v
}

#[test]
fn backup_verify_and_restore_from_the_command_line() {
    let t = tempfile::tempdir().unwrap();
    let data = t.path().join("data");
    let usb = t.path().join("usb");
    fs::create_dir_all(&usb).unwrap();
    assert!(relance(&data, &["demo"]).status.success());

    let o = relance(&data, &["backup", "--to", usb.to_str().unwrap()]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).starts_with("Sauvegarde faite et vérifiée :"), "{}", out(&o));
    let files = ours(&usb);
    assert_eq!(files.len(), 1);
    let file = files[0].to_str().unwrap();

    let o = relance(&data, &["verify", file]);
    assert!(o.status.success());
    assert!(out(&o).contains("Contenu : 40 clients, 400 factures"), "{}", out(&o));
    let o = relance(&data, &["--json", "verify", file]);
    let json: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    assert_eq!(json["invoices"], 400);

    // Add a customer, then restore without --yes and no answer: nothing changes.
    let o = relance(&data, &["customer", "add", "--name", "Ajouté après"]);
    assert!(o.status.success(), "{}", err(&o));
    let o = relance(&data, &["restore", "--from", file]);
    assert!(o.status.success());
    assert!(out(&o).contains("Contenu : 40 clients"), "the contents are shown before anything: {}", out(&o));
    assert!(out(&o).contains("Restauration annulée : rien n’a été modifié."));
    let count = |d: &Path| row_counts(Store::open(&d.join("relance.sqlite3")).unwrap().conn()).unwrap().customers;
    assert_eq!(count(&data), 41);
    let o = relance(&data, &["restore", "--from", file, "--yes"]);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(count(&data), 40, "the customer added after the backup is gone");
    assert_eq!(fs::read_dir(data.join("safety")).unwrap().count(), 1);

    // A flipped byte: verify says so in words, with exit code 1, and restore refuses.
    let mut bytes = fs::read(file).unwrap();
    bytes[5000] ^= 1;
    fs::write(file, &bytes).unwrap();
    let o = relance(&data, &["verify", file]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        err(&o).trim(),
        "Cette sauvegarde est endommagée : son contenu ne correspond plus à sa somme de contrôle. Rien n’a été modifié."
    );
    let o = relance(&data, &["restore", "--from", file, "--yes"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(fs::read_dir(data.join("safety")).unwrap().count(), 1, "no new safety copy: nothing was done");

    // No folder: the user is told what to do.
    let o = relance(&data, &["backup"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("Choisissez d’abord le dossier des sauvegardes"), "{}", err(&o));
    let o = relance(&data, &["backup", "--to", t.path().join("absent").to_str().unwrap()]);
    assert!(err(&o).contains("la clé USB est-elle branchée ?"), "{}", err(&o));
}

/// A tiny deterministic generator (no dependency): the kill points per seed.
fn next(state: &mut u64) -> u64 {
    *state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    *state >> 33
}

#[test]
fn a_backup_killed_at_random_points_never_damages_the_previous_ones() {
    let t = tempfile::tempdir().unwrap();
    let data = t.path().join("data");
    let usb = t.path().join("usb");
    fs::create_dir_all(&usb).unwrap();
    let o = relance(&data, &["demo", "--customers", "2000", "--invoices", "20000"]);
    assert!(o.status.success(), "{}", err(&o));
    let live = row_counts(Store::open(&data.join("relance.sqlite3")).unwrap().conn()).unwrap();

    // One good backup first, timed.
    let started = Instant::now();
    let o = relance(&data, &["--as-of", "2026-11-01", "backup", "--to", usb.to_str().unwrap()]);
    let full = started.elapsed();
    assert!(o.status.success(), "{}", err(&o));
    let first = ours(&usb);
    assert_eq!(first.len(), 1);
    let first_bytes = fs::read(&first[0]).unwrap();

    let mut kills_before_done = 0;
    for seed in [1u64, 2, 3, 4, 5, 6, 7, 8] {
        let mut state = seed;
        let budget = u64::try_from(full.as_micros()).unwrap_or(1_000_000).max(1000);
        let wait = Duration::from_micros(next(&mut state) % (budget + budget / 5));
        let mut child = Command::new(env!("CARGO_BIN_EXE_relance"))
            .arg("--data-dir")
            .arg(&data)
            .args(["--as-of", &format!("2026-11-{:02}", 2 + seed), "backup", "--to", usb.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(wait);
        let finished = child.try_wait().unwrap().is_some();
        child.kill().ok(); // SIGKILL on Unix
        child.wait().unwrap();
        if !finished {
            kills_before_done += 1;
        }

        // The first backup is byte for byte what it was, and still good.
        assert_eq!(fs::read(&first[0]).unwrap(), first_bytes, "seed {seed}");
        assert!(relance(&data, &["verify", first[0].to_str().unwrap()]).status.success(), "seed {seed}");
        // Whatever verify calls good is a whole copy of the books.
        for f in ours(&usb) {
            let o = relance(&data, &["--json", "verify", f.to_str().unwrap()]);
            if o.status.success() {
                let json: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
                assert_eq!(json["invoices"], live.invoices, "seed {seed}: {}", f.display());
                assert_eq!(json["customers"], live.customers, "seed {seed}");
            } else {
                assert_eq!(o.status.code(), Some(1), "seed {seed}: {}", err(&o));
            }
        }
        // The live database is untouched by a killed backup.
        let now = row_counts(Store::open(&data.join("relance.sqlite3")).unwrap().conn()).unwrap();
        assert_eq!(now, live, "seed {seed}");
    }
    assert!(kills_before_done >= 3, "most kills must land during the backup ({kills_before_done} of 8)");

    // The next backup works and cleans the temporary files left by the killed ones.
    let o = relance(&data, &["--as-of", "2026-11-20", "backup", "--to", usb.to_str().unwrap()]);
    assert!(o.status.success(), "{}", err(&o));
    let leftovers: Vec<String> = fs::read_dir(&usb)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

fn relance_with_passphrase(dir: &Path, passphrase: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_relance"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("LANG", "fr_FR.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("RELANCE_LANG")
        // No keyring service for the tests: the passphrase comes from the environment.
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .env("RELANCE_BACKUP_PASSPHRASE", passphrase)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

#[test]
fn an_encrypted_backup_with_the_passphrase_from_the_environment() {
    let t = tempfile::tempdir().unwrap();
    let data = t.path().join("data");
    let usb = t.path().join("usb");
    fs::create_dir_all(&usb).unwrap();
    assert!(relance(&data, &["demo"]).status.success());
    // « Chiffrer les sauvegardes » switched on (as Settings does).
    {
        let mut store = Store::open(&data.join("relance.sqlite3")).unwrap();
        let mut s = relance_store::backup_settings::get(store.conn()).unwrap();
        s.encrypt = true;
        store.write(|tx| relance_store::backup_settings::save(tx, &s)).unwrap();
    }
    let passphrase = "Douze caractères au moins";

    // Too short from the environment: refused before anything is written.
    let o = relance_with_passphrase(&data, "court", &["backup", "--to", usb.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(err(&o).contains("12 caractères au moins"), "{}", err(&o));
    assert_eq!(fs::read_dir(&usb).unwrap().count(), 0);

    let o = relance_with_passphrase(&data, passphrase, &["backup", "--to", usb.to_str().unwrap()]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).starts_with("Sauvegarde chiffrée faite et vérifiée :"), "{}", out(&o));
    let file: PathBuf = fs::read_dir(&usb)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_str().unwrap().ends_with(".sqlite3.age"))
        .expect("an encrypted file");
    let bytes = fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1"));
    assert!(!bytes.windows(passphrase.len()).any(|w| w == passphrase.as_bytes()));

    let o = relance_with_passphrase(&data, passphrase, &["verify", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains("déchiffrement et intégrité vérifiés"), "{}", out(&o));

    let o = relance_with_passphrase(&data, "Pas la bonne phrase du tout", &["verify", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).starts_with("Phrase de passe incorrecte"), "{}", err(&o));

    // A new, empty data folder: the wrong passphrase changes nothing, the right one restores.
    let fresh = t.path().join("fresh");
    let o = relance_with_passphrase(
        &fresh,
        "Pas la bonne phrase du tout",
        &["restore", "--from", file.to_str().unwrap(), "--yes"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    let o = relance_with_passphrase(&fresh, passphrase, &["restore", "--from", file.to_str().unwrap(), "--yes"]);
    assert!(o.status.success(), "{}", err(&o));
    let original = row_counts(Store::open(&data.join("relance.sqlite3")).unwrap().conn()).unwrap();
    let restored = row_counts(Store::open(&fresh.join("relance.sqlite3")).unwrap().conn()).unwrap();
    assert_eq!(
        (restored.customers, restored.invoices, restored.payments, restored.allocations),
        (original.customers, original.invoices, original.payments, original.allocations)
    );
    assert!(original.invoices > 0);
}
