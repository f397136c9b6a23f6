//! Documents the app makes for the user: written in the documents folder of the data folder,
//! then shown with the system's PDF viewer.
//!
//! Opening goes through `tauri_plugin_opener::open_path`, called from our own commands on a file
//! we just wrote: the plugin is not registered and the web view is granted no opener permission,
//! so the UI cannot open anything by itself.

use std::io::Write;
use std::path::{Path, PathBuf};

use relance_wire::documents::DocumentView;

/// Set (to anything) to write documents without opening them: the e2e harness sets it so tests
/// never pop up a viewer.
pub const NO_OPEN_ENV: &str = "RELANCE_NO_OPEN";

/// Writes `bytes` as `file_name` in the documents folder (replacing an older file of that name,
/// whole or not at all), then asks the system viewer to show it.
pub fn save_and_open(data_dir: &Path, file_name: &str, bytes: &[u8], pages: usize) -> std::io::Result<DocumentView> {
    let path = save(data_dir, file_name, bytes)?;
    Ok(show(&path, pages))
}

/// Asks the system viewer to show a document already written by [`save`], and says where it is.
pub fn show(path: &Path, pages: usize) -> DocumentView {
    let opened = open(path);
    DocumentView {
        file_name: path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        path: path.display().to_string(),
        pages: u32::try_from(pages).unwrap_or(u32::MAX),
        opened,
    }
}

/// `file_name`, or `name-2.pdf`, `name-3.pdf`... when the documents folder already holds it: a
/// second batch of letters the same day must not replace the first one, maybe not printed yet.
pub fn unused_name(data_dir: &Path, file_name: &str) -> String {
    let dir = relance_app::data_dir::documents_dir(data_dir);
    if !dir.join(file_name).exists() {
        return file_name.to_string();
    }
    let stem = file_name.strip_suffix(".pdf").unwrap_or(file_name);
    (2..1000)
        .map(|n| format!("{stem}-{n}.pdf"))
        .find(|candidate| !dir.join(candidate).exists())
        .unwrap_or_else(|| file_name.to_string())
}

/// Writes through a temporary file renamed into place, so a full disk never leaves half a PDF.
pub fn save(data_dir: &Path, file_name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let dir = relance_app::data_dir::documents_dir(data_dir);
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(file_name);
    let tmp = dir.join(format!(".{file_name}.tmp"));
    let mut f = std::fs::File::create(&tmp)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    std::fs::rename(&tmp, &path)?;
    Ok(path)
}

/// Asks the system to show `path`; false when it was not asked to (tests) or could not.
fn open(path: &Path) -> bool {
    if std::env::var_os(NO_OPEN_ENV).is_some() {
        return false;
    }
    tauri_plugin_opener::open_path(path, None::<&str>).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_document_replaces_the_old_one_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        save(dir.path(), "a.pdf", b"first").unwrap();
        let path = save(dir.path(), "a.pdf", b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        let names: Vec<_> =
            std::fs::read_dir(path.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("a.pdf")]);
    }

    #[test]
    fn a_second_batch_the_same_day_gets_its_own_name() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(unused_name(dir.path(), "lettres-du-jour-2026-11-24.pdf"), "lettres-du-jour-2026-11-24.pdf");
        save(dir.path(), "lettres-du-jour-2026-11-24.pdf", b"1").unwrap();
        assert_eq!(unused_name(dir.path(), "lettres-du-jour-2026-11-24.pdf"), "lettres-du-jour-2026-11-24-2.pdf");
        save(dir.path(), "lettres-du-jour-2026-11-24-2.pdf", b"2").unwrap();
        assert_eq!(unused_name(dir.path(), "lettres-du-jour-2026-11-24.pdf"), "lettres-du-jour-2026-11-24-3.pdf");
    }
}
