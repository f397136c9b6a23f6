//! Where the app keeps its files. Resolved once at start-up, then held in
//! Tauri's managed state as [`AppPaths`].

use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};

/// Overrides the data folder (tests, e2e, a user who wants it elsewhere).
pub const DATA_DIR_ENV: &str = "RELANCE_DATA_DIR";

/// Folders the app owns, shared with commands through `tauri::State<AppPaths>`.
#[derive(Debug, Clone)]
pub struct AppPaths {
    pub data_dir: PathBuf,
}

#[derive(Debug)]
pub enum PathsError {
    /// The OS gave no home folder to derive the data folder from.
    NoHome,
    Create {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl fmt::Display for PathsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoHome => write!(f, "cannot find a home folder for the data folder; set {DATA_DIR_ENV}"),
            Self::Create { path, source } => {
                write!(f, "cannot create the data folder {}: {source}", path.display())
            }
        }
    }
}

impl std::error::Error for PathsError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::NoHome => None,
            Self::Create { source, .. } => Some(source),
        }
    }
}

impl AppPaths {
    /// Resolves the data folder from the environment and the OS, and creates it.
    pub fn from_environment() -> Result<Self, PathsError> {
        let project = directories::ProjectDirs::from("fr", "Relance", "Relance");
        let data_dir = choose_data_dir(
            std::env::var_os(DATA_DIR_ENV),
            project.as_ref().map(|p| p.data_dir()),
            cfg!(debug_assertions),
        )?;
        std::fs::create_dir_all(&data_dir).map_err(|source| PathsError::Create { path: data_dir.clone(), source })?;
        Ok(Self { data_dir })
    }
}

/// The override wins when set and non-empty. Otherwise the OS data folder,
/// suffixed `-dev` in debug builds so that development never touches a user's
/// real data (e.g. `~/.local/share/relance-dev` next to `~/.local/share/relance`).
pub fn choose_data_dir(
    env_override: Option<OsString>,
    os_data_dir: Option<&Path>,
    debug_build: bool,
) -> Result<PathBuf, PathsError> {
    if let Some(dir) = env_override.filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    let base = os_data_dir.ok_or(PathsError::NoHome)?;
    if !debug_build {
        return Ok(base.to_path_buf());
    }
    let mut name = base.file_name().map(OsString::from).unwrap_or_default();
    name.push("-dev");
    Ok(base.with_file_name(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    const OS_DIR: &str = "/home/ana/.local/share/relance";

    #[test]
    fn override_wins_in_every_build() {
        for debug in [false, true] {
            let dir = choose_data_dir(Some("/tmp/x".into()), Some(Path::new(OS_DIR)), debug);
            assert_eq!(dir.ok(), Some(PathBuf::from("/tmp/x")));
        }
    }

    #[test]
    fn empty_override_is_ignored() {
        let dir = choose_data_dir(Some("".into()), Some(Path::new(OS_DIR)), false);
        assert_eq!(dir.ok(), Some(PathBuf::from(OS_DIR)));
    }

    #[test]
    fn release_uses_the_os_folder_and_debug_a_sibling() {
        let release = choose_data_dir(None, Some(Path::new(OS_DIR)), false);
        let debug = choose_data_dir(None, Some(Path::new(OS_DIR)), true);
        assert_eq!(release.ok(), Some(PathBuf::from(OS_DIR)));
        assert_eq!(debug.ok(), Some(PathBuf::from("/home/ana/.local/share/relance-dev")));
    }

    #[test]
    fn no_home_and_no_override_is_an_error() {
        assert!(matches!(choose_data_dir(None, None, false), Err(PathsError::NoHome)));
    }

    #[test]
    fn from_environment_creates_the_folder() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let wanted = tmp.path().join("nested").join("data");
        // Only this test touches the variable in this process's test binary.
        std::env::set_var(DATA_DIR_ENV, &wanted);
        let paths = AppPaths::from_environment();
        std::env::remove_var(DATA_DIR_ENV);
        let paths = paths.expect("resolved");
        assert_eq!(paths.data_dir, wanted);
        assert!(wanted.is_dir());
    }
}
