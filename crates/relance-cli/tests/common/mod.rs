//! What the CLI tests share: the real `relance` binary run on a data folder
//! in a given language, its output as text, the fixtures.

#![allow(dead_code)] // Each test file uses its own part of it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `relance --data-dir DIR ARGS` with `LANG=lang` and no `RELANCE_DATA_DIR` from the caller.
pub fn relance(lang: &str, dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_relance"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("LANG", lang)
        .env_remove("RELANCE_DATA_DIR")
        .output()
        .expect("the binary runs")
}

/// Bytes the binary printed, as text.
pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// An import fixture of the app's tests (`ibm_ar.csv`, broken files...).
pub fn fixture(name: &str) -> String {
    let p: PathBuf =
        [env!("CARGO_MANIFEST_DIR"), "..", "relance-app", "tests", "fixtures", "import", name].iter().collect();
    p.display().to_string()
}
