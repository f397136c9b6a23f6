//! Backups (Settings, « Sauvegarde », and Today's reminder). The copy reports
//! its progress on a `Channel` the UI passes (no capability needed); the
//! restore runs in the core's lock, so every other command waits and then
//! sees the restored books.

use relance_app::backup;
use relance_wire::backup::{
    backup_error, BackupContentsView, BackupDoneView, BackupListedView, BackupProgressView, BackupSettingsForm,
    BackupStatusView, RestoredView,
};
use relance_wire::ErrorView;
use tauri::ipc::Channel;
use tauri::State;

use crate::core::Core;
use crate::paths::AppPaths;

/// The settings, the last good backup and whether Today reminds.
#[tauri::command]
pub fn backup_status(core: State<'_, Core>) -> Result<BackupStatusView, ErrorView> {
    core.with(|ctx| backup::status(ctx).map(|s| BackupStatusView::from(&s)))
}

/// Saves the folder, the number kept and the reminder delay (errors on `backup_*`).
#[tauri::command]
pub fn backup_settings_save(core: State<'_, Core>, form: BackupSettingsForm) -> Result<BackupStatusView, ErrorView> {
    core.with(|ctx| {
        let (keep, remind) = form.numbers()?;
        backup::save_settings(ctx, &form.folder, keep, remind)?;
        backup::status(ctx).map(|s| BackupStatusView::from(&s))
    })
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

/// Backs up now into the chosen folder; `progress` gets the pages copied.
#[tauri::command]
pub async fn backup_now(
    core: State<'_, Core>,
    progress: Channel<BackupProgressView>,
) -> Result<BackupDoneView, ErrorView> {
    core.with_errors(
        |ctx| {
            backup::backup_now(ctx, None, &mut |p| {
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

/// Replaces the books with a checked backup, keeping a safety copy in the data folder.
#[tauri::command]
pub async fn backup_restore(
    core: State<'_, Core>,
    paths: State<'_, AppPaths>,
    path: String,
    progress: Channel<BackupProgressView>,
) -> Result<RestoredView, ErrorView> {
    let restored = core.with_errors(
        |ctx| {
            backup::restore(ctx, std::path::Path::new(&path), &paths.data_dir, &mut |p| {
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
