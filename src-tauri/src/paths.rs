//! Where the app keeps its files. Resolved once at start-up, then held in
//! Tauri's managed state as [`AppPaths`].

use std::fmt;
use std::path::PathBuf;

pub use relance_app::data_dir::DATA_DIR_ENV;

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
        let data_dir = relance_app::data_dir::resolve(None).ok_or(PathsError::NoHome)?;
        std::fs::create_dir_all(&data_dir).map_err(|source| PathsError::Create { path: data_dir.clone(), source })?;
        Ok(Self { data_dir })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
