//! Relance's desktop shell: opens the window, serves the embedded UI
//! (../ui/dist, see tauri.conf.json) and routes IPC calls to `commands`.

mod commands;
mod core;
mod documents;
mod paths;

pub use paths::{AppPaths, PathsError, DATA_DIR_ENV};

/// Why the app could not start.
#[derive(Debug)]
pub enum StartError {
    Paths(PathsError),
    Database(relance_store::StoreError),
    Tauri(tauri::Error),
}

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Paths(e) => e.fmt(f),
            Self::Database(e) => write!(f, "the database could not be opened: {e}"),
            Self::Tauri(e) => write!(f, "the window could not run: {e}"),
        }
    }
}

impl std::error::Error for StartError {}

/// Builds and runs the app until its last window closes.
pub fn run() -> Result<(), StartError> {
    // Resolved before the window opens so a bad data folder fails fast with a
    // clear message instead of a half-started UI.
    let paths = AppPaths::from_environment().map_err(StartError::Paths)?;
    let core = core::Core::open(&paths.data_dir).map_err(StartError::Database)?;

    tauri::Builder::default()
        .manage(paths)
        .manage(core)
        .manage(commands::LastExport::default())
        // Registered for its Rust API only (`backup_choose_folder`, `export_csv`); capabilities/main.json grants
        // the web view no dialog permission, so the UI cannot open dialogs by itself.
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!())
        .map_err(StartError::Tauri)
}
