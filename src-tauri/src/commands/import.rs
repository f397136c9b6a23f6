//! CSV import (Settings, « Importer des données »). The file is read here
//! from the path the user typed or picked (the web view has no file-system
//! permission); the preview is a dry run, the import reports its progress
//! on a `Channel`. Both are async: the window never waits on a large file.

use relance_app::import;
use relance_wire::import::{ImportForm, ImportProgressView, ImportRememberedView, ImportReportView};
use relance_wire::ErrorView;
use tauri::ipc::Channel;
use tauri::State;

use crate::core::Core;

/// Reads the whole file, then checks every row without writing anything.
#[tauri::command]
pub async fn import_preview(core: State<'_, Core>, form: ImportForm) -> Result<ImportReportView, ErrorView> {
    let lang = core.language();
    let choices = form.choices(lang)?;
    let bytes = form.read(lang)?;
    core.with(|ctx| import::run(ctx, choices.kind, &bytes, choices.preset, choices.dates, true, &mut |_, _| {}))
        .map(|r| ImportReportView::new(&r, lang))
}

/// Imports the file, all or nothing; `progress` gets the rows written.
#[tauri::command]
pub async fn import_run(
    core: State<'_, Core>,
    form: ImportForm,
    progress: Channel<ImportProgressView>,
) -> Result<ImportReportView, ErrorView> {
    let lang = core.language();
    let choices = form.choices(lang)?;
    let bytes = form.read(lang)?;
    let mut report = |done: u64, total: u64| {
        let _ = progress.send(ImportProgressView {
            done: u32::try_from(done).unwrap_or(u32::MAX),
            total: u32::try_from(total).unwrap_or(u32::MAX),
        });
    };
    core.with(|ctx| import::run(ctx, choices.kind, &bytes, choices.preset, choices.dates, false, &mut report))
        .map(|r| ImportReportView::new(&r, lang))
}

/// The choices made last time for a file with the same header line, if any (none for an unreadable file).
#[tauri::command]
pub async fn import_remembered(core: State<'_, Core>, path: String) -> Result<Option<ImportRememberedView>, ErrorView> {
    let Ok(bytes) = std::fs::read(path.trim()) else { return Ok(None) };
    core.with(|ctx| import::remembered(ctx, &bytes)).map(|r| r.as_ref().map(ImportRememberedView::from))
}

/// Opens the system's file picker (« Choisir… ») on CSV files; `None` when cancelled. The dialog plugin is called
/// from here: the web view is granted no dialog permission.
#[tauri::command]
pub async fn import_choose_file<R: tauri::Runtime>(app: tauri::AppHandle<R>) -> Result<Option<String>, ErrorView> {
    use tauri_plugin_dialog::DialogExt;
    let picked = app.dialog().file().add_filter("CSV", &["csv", "txt", "CSV"]).blocking_pick_file();
    Ok(picked.and_then(|p| p.into_path().ok()).map(|p| p.display().to_string()))
}
