//! `relance backup --to DIR`, `relance restore --from FILE [--yes]`, `relance verify FILE` and
//! `relance bench-backup`: the same use cases as Settings, « Sauvegarde » (`relance_app::backup`).
//!
//! Encrypted backups: the passphrase comes from the system keyring (when the app remembered it),
//! else from the environment variable `RELANCE_BACKUP_PASSPHRASE`, else it is asked on the terminal
//! without echo (twice for a backup). Never from an argument: arguments show in `ps` and in the
//! shell's history.

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context as _;
use clap::Args;
use relance_app::backup::{self, BackupError, Verified};
use relance_app::demo::DemoOptions;
use relance_app::secrets::{Secret, SystemKeyring};
use relance_app::{Clock, FixedClock, LocalContext, SystemClock};
use relance_domain::company::Language;
use relance_wire::backup::{BackupContentsView, BackupDoneView, RestoredView};

use crate::args::{Cli, MAX_DEMO_CUSTOMERS, MAX_DEMO_INVOICES};
use crate::human::{eprint, print, tr};
use crate::session;

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The folder to back up to (a USB drive); default: the folder chosen in the settings.
    #[arg(long, value_name = "DIR")]
    pub to: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup file (relance-YYYY-MM-DD-HHMM.sqlite3, its .manifest.json beside it).
    #[arg(long, value_name = "FILE")]
    pub from: PathBuf,
    /// Do not ask for confirmation.
    #[arg(long)]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The backup file to check (checksum, integrity, contents). Exit code 1 when damaged.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct BenchBackupArgs {
    #[arg(long, default_value_t = 10_000, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=MAX_DEMO_CUSTOMERS))]
    pub customers: u32,
    #[arg(long, default_value_t = 100_000, value_name = "N",
          value_parser = clap::value_parser!(u32).range(0..=MAX_DEMO_INVOICES))]
    pub invoices: u32,
    #[arg(long, default_value_t = 2026, value_name = "S")]
    pub seed: u64,
    /// Time an encrypted backup (age, passphrase) and its restore.
    #[arg(long)]
    pub encrypt: bool,
}

/// The environment variable a script gives the backup passphrase in.
pub const PASSPHRASE_ENV: &str = "RELANCE_BACKUP_PASSPHRASE";

/// The passphrase: the keyring's, else the environment's, else typed on the terminal without echo
/// (`twice` for a backup: the two must match). `PassphraseNeeded` when there is no terminal to ask.
fn passphrase(lang: Language, twice: bool) -> Result<Secret, BackupError> {
    if let Ok(Some(p)) = backup::remembered_passphrase(&SystemKeyring) {
        return Ok(p);
    }
    if let Ok(p) = std::env::var(PASSPHRASE_ENV) {
        if !p.is_empty() {
            if twice {
                relance_domain::backup::check_passphrase(&p, &p)
                    .map_err(|v| BackupError::App(relance_app::AppError::Invalid(v)))?;
            }
            return Ok(Secret::new(p));
        }
    }
    let first = rpassword::prompt_password(tr(lang, "Phrase de passe des sauvegardes : ", "Backup passphrase: "))
        .map_err(|_| BackupError::PassphraseNeeded)?;
    if twice {
        let again = rpassword::prompt_password(tr(lang, "La même, une seconde fois : ", "The same, once more: "))
            .map_err(|_| BackupError::PassphraseNeeded)?;
        relance_domain::backup::check_passphrase(&first, &again)
            .map_err(|v| BackupError::App(relance_app::AppError::Invalid(v)))?;
    }
    if first.is_empty() {
        return Err(BackupError::PassphraseNeeded);
    }
    Ok(Secret::new(first))
}

fn human_size(bytes: u64, lang: Language) -> String {
    let kb = bytes.div_ceil(1024);
    if kb < 1024 {
        format!("{kb} {}", tr(lang, "Ko", "KB"))
    } else {
        let tenths = kb * 10 / 1024;
        let s = format!("{}.{}", tenths / 10, tenths % 10);
        let s = if lang == Language::Fr { s.replace('.', ",") } else { s };
        format!("{s} {}", tr(lang, "Mo", "MB"))
    }
}

fn contents_lines(v: &BackupContentsView, lang: Language) -> Vec<String> {
    let made = v.made_at.replace('T', " ").replace('Z', " UTC");
    let mut lines = vec![
        format!("{} {}", tr(lang, "Sauvegarde :", "Backup:"), v.path),
        format!("{} {made}", tr(lang, "Faite le :", "Made on:")),
        format!("{} {}", tr(lang, "Version de Relance :", "Relance version:"), v.app_version),
        format!(
            "{} {} {}, {} {}, {} {}",
            tr(lang, "Contenu :", "Contents:"),
            v.customers,
            tr(lang, "clients", "customers"),
            v.invoices,
            tr(lang, "factures", "invoices"),
            v.payments,
            tr(lang, "paiements", "payments")
        ),
        format!("{} {}", tr(lang, "Taille :", "Size:"), human_size(v.size_bytes, lang)),
    ];
    if v.migrate {
        lines.push(
            tr(
                lang,
                "Faite par une version plus ancienne : elle sera mise à jour en la restaurant.",
                "Made by an older version: it will be brought up to date when restored.",
            )
            .to_string(),
        );
    }
    lines
}

pub fn backup_to(cli: &Cli, a: &BackupArgs, lang: Language) -> anyhow::Result<()> {
    let mut ctx = session::open(cli, lang)?;
    let encrypted = backup::status(&ctx)?.settings.encrypt;
    let key = if encrypted { Some(passphrase(lang, true)?) } else { None };
    let made = backup::backup_now(&mut ctx, a.to.as_deref(), key.as_ref(), &mut |_| {})?;
    let view = BackupDoneView::from(&made);
    if cli.json {
        print(&serde_json::to_string_pretty(&view)?);
        return Ok(());
    }
    let made_words = if encrypted {
        tr(lang, "Sauvegarde chiffrée faite et vérifiée :", "Encrypted backup made and verified:")
    } else {
        tr(lang, "Sauvegarde faite et vérifiée :", "Backup made and verified:")
    };
    print(&format!(
        "{} {} ({}; {} {}, {} {}, {} {})",
        made_words,
        view.path,
        human_size(view.size_bytes, lang),
        view.customers,
        tr(lang, "clients", "customers"),
        view.invoices,
        tr(lang, "factures", "invoices"),
        view.payments,
        tr(lang, "paiements", "payments"),
    ));
    for p in &view.pruned {
        print(&format!("{} {p}", tr(lang, "Ancienne sauvegarde supprimée :", "Old backup deleted:")));
    }
    Ok(())
}

pub fn verify(cli: &Cli, a: &VerifyArgs, lang: Language) -> anyhow::Result<()> {
    let mut v: Verified = backup::verify(&a.file)?;
    if v.encrypted() {
        let key = passphrase(lang, false)?;
        let dir = session::data_dir(cli.data_dir.as_deref(), lang)?;
        std::fs::create_dir_all(&dir).with_context(|| dir.display().to_string())?;
        v = backup::verify_with(&a.file, Some(&key), &dir)?;
    }
    let view = BackupContentsView::from(&v);
    if cli.json {
        print(&serde_json::to_string_pretty(&view)?);
        return Ok(());
    }
    print(if v.encrypted() {
        tr(
            lang,
            "Sauvegarde chiffrée intacte : somme de contrôle, déchiffrement et intégrité vérifiés.",
            "Encrypted backup intact: checksum, decryption and integrity verified.",
        )
    } else {
        tr(
            lang,
            "Sauvegarde intacte : somme de contrôle et intégrité vérifiées.",
            "Backup intact: checksum and integrity verified.",
        )
    });
    for l in contents_lines(&view, lang) {
        print(&l);
    }
    Ok(())
}

fn confirmed(lang: Language) -> bool {
    let mut err = std::io::stderr();
    let _ = write!(
        err,
        "{}",
        tr(
            lang,
            "Remplacer les données actuelles par cette sauvegarde ? [o/N] ",
            "Replace the current books with this backup? [y/N] "
        )
    );
    let _ = err.flush();
    let mut answer = String::new();
    if std::io::stdin().lock().read_line(&mut answer).is_err() {
        return false;
    }
    matches!(answer.trim().to_lowercase().as_str(), "o" | "oui" | "y" | "yes")
}

pub fn restore(cli: &Cli, a: &RestoreArgs, lang: Language) -> anyhow::Result<()> {
    // Checked before anything is opened or asked.
    let verified = backup::inspect(&a.from)?;
    let view = BackupContentsView::from(&verified);
    if !a.yes {
        for l in contents_lines(&view, lang) {
            print(&l);
        }
        print(tr(
            lang,
            "Une copie de sécurité des données actuelles sera gardée dans le dossier safety/ du dossier des données.",
            "A safety copy of the current books will be kept in the data folder's safety/ folder.",
        ));
        if !confirmed(lang) {
            print(tr(lang, "Restauration annulée : rien n’a été modifié.", "Restore cancelled: nothing was changed."));
            return Ok(());
        }
    }
    let key = if verified.encrypted() { Some(passphrase(lang, false)?) } else { None };
    let dir = session::data_dir(cli.data_dir.as_deref(), lang)?;
    let mut ctx = session::open(cli, lang)?;
    let restored = backup::restore(&mut ctx, &a.from, key.as_ref(), &dir, &mut |_| {})?;
    let view = RestoredView::from(&restored);
    if cli.json {
        print(&serde_json::to_string_pretty(&view)?);
        return Ok(());
    }
    print(&format!(
        "{} {} {}, {} {}, {} {}.",
        tr(lang, "Sauvegarde restaurée :", "Backup restored:"),
        view.contents.customers,
        tr(lang, "clients", "customers"),
        view.contents.invoices,
        tr(lang, "factures", "invoices"),
        view.contents.payments,
        tr(lang, "paiements", "payments"),
    ));
    print(&format!(
        "{} {}",
        tr(lang, "Copie de sécurité des données d’avant :", "Safety copy of the books before:"),
        view.safety_copy
    ));
    Ok(())
}

/// Time a backup and a restore of a generated book (a temporary folder unless --data-dir is given).
/// Prints figures; never fails on time.
pub fn bench(cli: &Cli, a: &BenchBackupArgs, lang: Language) -> anyhow::Result<()> {
    let today = match session::as_of(cli)? {
        Some(d) => d,
        None => SystemClock.today(),
    };
    let temp = tempfile::Builder::new().prefix("relance-bench-backup").tempdir().context("temporary folder")?;
    let dir = cli.data_dir.clone().unwrap_or_else(|| temp.path().join("data"));
    let usb = temp.path().join("usb");
    std::fs::create_dir_all(&usb)?;
    let store = session::open_store(&dir, lang)?;
    let mut ctx = LocalContext::new(store, Box::new(FixedClock(today)));
    let opts = DemoOptions { customers: a.customers, invoices: a.invoices, seed: a.seed, ..DemoOptions::default() };
    let started = Instant::now();
    let summary = relance_app::demo::load(&mut ctx, &opts)?;
    let fill = started.elapsed();

    // A fixed passphrase: the figures are the work of age (scrypt, ChaCha20-Poly1305), not typing.
    let key = a.encrypt.then(|| Secret::new("bench passphrase, not a secret"));
    if a.encrypt {
        backup::save_settings(&mut ctx, "", 10, 7, true)?;
    }
    let started = Instant::now();
    let mut steps = 0u32;
    let made = backup::backup_now(&mut ctx, Some(&usb), key.as_ref(), &mut |_| steps += 1)?;
    let backup_time = started.elapsed();

    let started = Instant::now();
    let verified = backup::verify_with(&made.path, key.as_ref(), &dir)?;
    let verify_time = started.elapsed();

    let started = Instant::now();
    backup::restore(&mut ctx, &made.path, key.as_ref(), &dir, &mut |_| {})?;
    let restore_time = started.elapsed();

    let ms = |d: std::time::Duration| format!("{:>8} ms", d.as_millis());
    print(&format!(
        "Relance backup benchmark{}: {} customers, {} invoices, {} payments (seed {}); backup file {} ({} copy steps of 1024 pages)",
        if a.encrypt { " (encrypted: age, passphrase)" } else { "" },
        summary.customers,
        summary.invoices,
        summary.payments,
        a.seed,
        human_size(verified.manifest.size_bytes, Language::En),
        steps
    ));
    print(&format!("  {:<56}{}", "fill (example business, one transaction)", ms(fill)));
    if a.encrypt {
        print(&format!("  {:<56}{}", "backup (copy, integrity, encrypt, SHA-256, fsync, verify)", ms(backup_time)));
        print(&format!("  {:<56}{}", "verify (SHA-256, decrypt, integrity_check, counts)", ms(verify_time)));
        print(&format!("  {:<56}{}", "restore (verify, decrypt, safety copy, copy in)", ms(restore_time)));
    } else {
        print(&format!("  {:<56}{}", "backup (copy, integrity, SHA-256, fsync, manifest, verify)", ms(backup_time)));
        print(&format!("  {:<56}{}", "verify (SHA-256, integrity_check, counts)", ms(verify_time)));
        print(&format!("  {:<56}{}", "restore (verify, migrated copy, safety copy, copy in)", ms(restore_time)));
    }
    Ok(())
}

/// Backup errors in words, with the exit code: 2 for what the user typed, 1 for a damaged backup or
/// a failed write.
pub fn report(err: &BackupError, lang: Language, json: bool) -> std::process::ExitCode {
    let view = relance_wire::backup::backup_error(err, lang);
    if json {
        eprint(&serde_json::to_string(&view).unwrap_or_else(|_| view.message.clone()));
    } else {
        eprint(&view.message);
    }
    let bad_input = matches!(
        err,
        BackupError::App(relance_app::AppError::Invalid(_))
            | BackupError::NoFolder
            | BackupError::PassphraseNeeded
            | BackupError::WrongPassphrase
    );
    std::process::ExitCode::from(if bad_input { 2 } else { 1 })
}
