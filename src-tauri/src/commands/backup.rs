//! Backups (Settings, « Sauvegarde », and Today's reminder). The copy reports
//! its progress on a `Channel` the UI passes (no capability needed); the
//! restore runs in the core's lock, so every other command waits and then
//! sees the restored books. The passphrase of encrypted backups is typed (or
//! kept by the system keyring) and handed to the use case; it is never logged
//! or stored by these commands.

use relance_app::backup;
use relance_app::backup::PassphraseChoice;
use relance_wire::backup::{
    backup_error, BackupContentsView, BackupDoneView, BackupKeyringView, BackupListedView, BackupProgressView,
    BackupSettingsForm, BackupStatusView, RestoredView,
};
use relance_wire::ErrorView;
use tauri::ipc::Channel;
use tauri::State;

use crate::core::Core;
use crate::paths::AppPaths;
use relance_app::secrets::SystemKeyring;

/// The settings, the last good backup and whether Today reminds.
#[tauri::command]
pub fn backup_status(core: State<'_, Core>) -> Result<BackupStatusView, ErrorView> {
    core.with(|ctx| backup::status(ctx).map(|s| BackupStatusView::from(&s)))
}

/// Saves the folder, the number kept, the reminder delay, « Chiffrer les sauvegardes » and, when
/// asked, the passphrase in the system keyring (errors on `backup_*`).
#[tauri::command]
pub fn backup_settings_save(core: State<'_, Core>, form: BackupSettingsForm) -> Result<BackupStatusView, ErrorView> {
    core.with_errors(
        |ctx| {
            let (keep, remind) = form.numbers()?;
            let choice = PassphraseChoice {
                remember: form.remember,
                passphrase: &form.passphrase,
                confirm: &form.passphrase_confirm,
            };
            backup::save_settings_with_passphrase(
                ctx,
                &SystemKeyring,
                &form.folder,
                keep,
                remind,
                form.encrypt,
                choice,
            )?;
            Ok(backup::status(ctx).map(|s| BackupStatusView::from(&s))?)
        },
        backup_error,
    )
}

/// Whether the system keyring keeps the backup passphrase (asked only by Settings, « Sauvegarde »:
/// never on Today, so a locked keyring does not prompt at start-up).
#[tauri::command]
pub async fn backup_keyring(core: State<'_, Core>) -> Result<BackupKeyringView, ErrorView> {
    let lang = core.language();
    let answer = backup::remembered_passphrase(&SystemKeyring).map(|p| p.is_some());
    Ok(BackupKeyringView::new(answer.as_ref().map(|b| *b), lang))
}

/// The backups found in the chosen folder, newest first, each verified.
#[tauri::command]
pub async fn backup_list(core: State<'_, Core>) -> Result<Vec<BackupListedView>, ErrorView> {
    let lang = core.language();
    let folder = core.with(|ctx| backup::status(ctx).map(|s| s.settings.folder))?;
    let Some(folder) = folder else { return Ok(Vec::new()) };
    backup::list(std::path::Path::new(&folder))
        .map(|all| all.iter().map(|l| BackupListedView::new(l, lang)).collect())
        .map_err(|e| backup_error(&e, lang))
}

/// Backs up now into the chosen folder; `progress` gets the pages copied. When backups are
/// encrypted, the passphrase typed twice for this backup, else the one the keyring keeps.
#[tauri::command]
pub async fn backup_now(
    core: State<'_, Core>,
    passphrase: String,
    passphrase_confirm: String,
    progress: Channel<BackupProgressView>,
) -> Result<BackupDoneView, ErrorView> {
    core.with_errors(
        |ctx| {
            let key = backup::passphrase_for_backup(ctx, &SystemKeyring, Some((&passphrase, &passphrase_confirm)))?;
            backup::backup_now(ctx, None, key.as_ref(), &mut |p| {
                let _ = progress.send(BackupProgressView { done: p.done, total: p.total });
            })
            .map(|m| BackupDoneView::from(&m))
        },
        backup_error,
    )
}

/// Checks a backup and says what it holds, before a restore. Changes nothing.
#[tauri::command]
pub async fn backup_inspect(core: State<'_, Core>, path: String) -> Result<BackupContentsView, ErrorView> {
    let lang = core.language();
    backup::inspect(std::path::Path::new(&path))
        .map(|v| BackupContentsView::from(&v))
        .map_err(|e| backup_error(&e, lang))
}

/// Replaces the books with a checked backup, keeping a safety copy in the data folder. An
/// encrypted backup is opened with the passphrase typed (else the one the keyring keeps).
#[tauri::command]
pub async fn backup_restore(
    core: State<'_, Core>,
    paths: State<'_, AppPaths>,
    path: String,
    passphrase: String,
    progress: Channel<BackupProgressView>,
) -> Result<RestoredView, ErrorView> {
    let restored = core.with_errors(
        |ctx| {
            let key = backup::passphrase_for_restore(&SystemKeyring, Some(&passphrase));
            backup::restore(ctx, std::path::Path::new(&path), key.as_ref(), &paths.data_dir, &mut |p| {
                let _ = progress.send(BackupProgressView { done: p.done, total: p.total });
            })
            .map(|r| RestoredView::from(&r))
        },
        backup_error,
    )?;
    core.reload_language();
    Ok(restored)
}

/// Opens the system's folder picker (« Choisir… ») and returns the folder chosen, or `None` when cancelled. The
/// dialog plugin is called from here: the web view is granted no dialog permission.
#[tauri::command]
pub async fn backup_choose_folder<R: tauri::Runtime>(app: tauri::AppHandle<R>) -> Result<Option<String>, ErrorView> {
    use tauri_plugin_dialog::DialogExt;
    let picked = app.dialog().file().blocking_pick_folder();
    Ok(picked.and_then(|p| p.into_path().ok()).map(|p| p.display().to_string()))
}

/// Opens the system's file picker for a backup file (« Choisir… » of the restore on the welcome
/// screen) and returns the file chosen, or `None` when cancelled. Called from here: the web view is
/// granted no dialog permission.
#[tauri::command]
pub async fn backup_choose_file<R: tauri::Runtime>(app: tauri::AppHandle<R>) -> Result<Option<String>, ErrorView> {
    use tauri_plugin_dialog::DialogExt;
    let picked = app.dialog().file().add_filter("Relance", &["sqlite3", "age"]).blocking_pick_file();
    Ok(picked.and_then(|p| p.into_path().ok()).map(|p| p.display().to_string()))
}
