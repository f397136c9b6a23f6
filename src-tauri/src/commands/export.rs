//! Export to CSV (« Exporter » on Clients, Factures, Today and in Settings). The file is chosen
//! with the system's save dialog, called from here through the dialog plugin's Rust API: the web
//! view is granted no dialog or file permission, so it never names a path itself.

use std::path::PathBuf;
use std::sync::Mutex;

use relance_app::export;
use relance_app::Context;
use relance_wire::export::{export_error, export_not_saved, ExportForm, ExportedView};
use relance_wire::ErrorView;
use tauri::State;

use crate::core::Core;

/// Set by the e2e harness only (like `RELANCE_NO_OPEN`): exports are saved in this folder under
/// their default name, without the dialog.
pub const SAVE_DIR_ENV: &str = "RELANCE_E2E_SAVE_DIR";

/// The last file exported, for « Ouvrir le dossier »: the UI asks to show it, never a path.
#[derive(Default)]
pub struct LastExport(Mutex<Option<PathBuf>>);

/// Asks where to save (offering `relance-factures-2026-11-24.csv`), makes the export and writes it
/// whole (a temporary file renamed). `None` when the user cancelled the dialog: nothing written.
#[tauri::command]
pub async fn export_csv<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    core: State<'_, Core>,
    last: State<'_, LastExport>,
    form: ExportForm,
) -> Result<Option<ExportedView>, ErrorView> {
    let (asked, today) = core.with(|ctx| {
        let today = ctx.clock().today();
        form.parse(today).map(|a| (a, today))
    })?;
    let name = asked.file_name(today);
    let dest = match std::env::var_os(SAVE_DIR_ENV) {
        Some(dir) => PathBuf::from(dir).join(&name),
        None => {
            use tauri_plugin_dialog::DialogExt;
            let picked = app.dialog().file().set_file_name(&name).add_filter("CSV", &["csv"]).blocking_save_file();
            match picked.and_then(|p| p.into_path().ok()) {
                Some(p) => p,
                None => return Ok(None),
            }
        }
    };
    let exported = core.with_errors(|ctx| export::export(ctx, asked.kind, asked.as_of, asked.format), export_error)?;
    let file_name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or(name);
    export::write_file(&dest, &exported).map_err(|e| export_not_saved(&file_name, &e.to_string(), core.language()))?;
    if let Ok(mut l) = last.0.lock() {
        *l = Some(dest.clone());
    }
    Ok(Some(ExportedView {
        rows: u32::try_from(exported.rows).unwrap_or(u32::MAX),
        file_name,
        path: dest.display().to_string(),
    }))
}

/// « Ouvrir le dossier »: shows the last exported file in the system's file manager. False when
/// there is none, or when it was not asked to (tests set `RELANCE_NO_OPEN`) or could not.
#[tauri::command]
pub fn export_show_folder(last: State<'_, LastExport>) -> bool {
    let Some(path) = last.0.lock().ok().and_then(|l| l.clone()) else { return false };
    if std::env::var_os(crate::documents::NO_OPEN_ENV).is_some() || !path.exists() {
        return false;
    }
    tauri_plugin_opener::reveal_item_in_dir(&path).is_ok()
}
