//! Where Relance keeps its database: one rule for the desktop app and the CLI.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// Overrides the data folder (tests, e2e, a user who wants it elsewhere).
pub const DATA_DIR_ENV: &str = "RELANCE_DATA_DIR";

/// The database's file name inside the data folder.
pub const DATABASE_FILE: &str = "relance.sqlite3";

/// The data folder: an explicit folder (the CLI's `--data-dir`) first, then
/// `$RELANCE_DATA_DIR`, then the platform's data folder (`~/.local/share/relance`
/// on Linux), suffixed `-dev` in debug builds so development never touches a
/// user's real books. `None` when there is no home folder to derive it from.
pub fn resolve(explicit: Option<&Path>) -> Option<PathBuf> {
    if let Some(dir) = explicit {
        return Some(dir.to_path_buf());
    }
    let project = directories::ProjectDirs::from("fr", "Relance", "Relance");
    choose(std::env::var_os(DATA_DIR_ENV), project.as_ref().map(|p| p.data_dir()), cfg!(debug_assertions))
}

/// The rule of [`resolve`] on plain values.
pub fn choose(env_override: Option<OsString>, os_data_dir: Option<&Path>, debug_build: bool) -> Option<PathBuf> {
    if let Some(dir) = env_override.filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    let base = os_data_dir?;
    if !debug_build {
        return Some(base.to_path_buf());
    }
    let mut name = base.file_name().map(OsString::from).unwrap_or_default();
    name.push("-dev");
    Some(base.with_file_name(name))
}

/// The folder, inside the data folder, where the app writes the documents it makes for the user
/// (statements, agreements, the day's letters, copies of sent letters).
pub const DOCUMENTS_FOLDER: &str = "documents";

/// The documents folder of `data_dir`.
pub fn documents_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(DOCUMENTS_FOLDER)
}

/// A file name that is safe on every system and says what the file is: `kind`, then `subject`
/// (a customer's name: untrusted text, folded to ASCII letters, digits and dashes, at most 40
/// characters), then the date: `releve-de-compte-dupont-sarl-2026-11-24.pdf`.
pub fn document_file_name(kind: &str, subject: &str, date: chrono::NaiveDate) -> String {
    let folded = relance_store::search_key::fold(subject);
    let mut slug = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= 40 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        format!("{kind}-{date}.pdf")
    } else {
        format!("{kind}-{slug}-{date}.pdf")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OS_DIR: &str = "/home/ana/.local/share/relance";

    #[test]
    fn document_names_are_safe_whatever_the_customer_is_called() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        assert_eq!(
            document_file_name("releve-de-compte", "Boulangerie Lefèvre & Fils", day),
            "releve-de-compte-boulangerie-lefevre-fils-2026-11-24.pdf"
        );
        assert_eq!(
            document_file_name("releve-de-compte", "../../etc/passwd", day),
            "releve-de-compte-etc-passwd-2026-11-24.pdf"
        );
        assert_eq!(document_file_name("lettres-du-jour", "", day), "lettres-du-jour-2026-11-24.pdf");
        assert_eq!(document_file_name("releve-de-compte", "🦀 <b>", day), "releve-de-compte-crab-b-2026-11-24.pdf");
        let long = document_file_name("x", &"a".repeat(500), day);
        assert_eq!(long, format!("x-{}-2026-11-24.pdf", "a".repeat(40)));
    }

    #[test]
    fn override_wins_in_every_build() {
        for debug in [false, true] {
            assert_eq!(choose(Some("/tmp/x".into()), Some(Path::new(OS_DIR)), debug), Some(PathBuf::from("/tmp/x")));
        }
    }

    #[test]
    fn empty_override_is_ignored() {
        assert_eq!(choose(Some("".into()), Some(Path::new(OS_DIR)), false), Some(PathBuf::from(OS_DIR)));
    }

    #[test]
    fn release_uses_the_os_folder_and_debug_a_sibling() {
        assert_eq!(choose(None, Some(Path::new(OS_DIR)), false), Some(PathBuf::from(OS_DIR)));
        assert_eq!(
            choose(None, Some(Path::new(OS_DIR)), true),
            Some(PathBuf::from("/home/ana/.local/share/relance-dev"))
        );
    }

    #[test]
    fn no_home_and_no_override_gives_nothing() {
        assert_eq!(choose(None, None, false), None);
    }

    #[test]
    fn an_explicit_folder_wins() {
        assert_eq!(resolve(Some(Path::new("/srv/books"))), Some(PathBuf::from("/srv/books")));
    }
}
