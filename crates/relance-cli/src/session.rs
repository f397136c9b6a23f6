//! Where the data lives and which day it is: the context every command runs in.

use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context as _};
use chrono::NaiveDate;
use relance_app::{AppError, Clock, FixedClock, LocalContext, SystemClock};
use relance_domain::company::Language;
use relance_domain::dates::parse_date;
use relance_domain::validation::{Field, Validation};
use relance_store::Store;

use crate::args::Cli;
use crate::human::tr;

pub use relance_app::data_dir::DATABASE_FILE;

/// `--data-dir`, else `$RELANCE_DATA_DIR`, else the platform's data folder
/// (see `relance_app::data_dir::resolve`).
pub fn data_dir(flag: Option<&Path>, lang: Language) -> anyhow::Result<PathBuf> {
    relance_app::data_dir::resolve(flag).ok_or_else(|| {
        anyhow!(tr(
            lang,
            "aucun dossier personnel trouvé : indiquez --data-dir",
            "no home folder found: give --data-dir"
        ))
    })
}

/// `--as-of` read as a date, or `None` when not given.
pub fn as_of(cli: &Cli) -> Result<Option<NaiveDate>, AppError> {
    cli.as_of
        .as_deref()
        .map(|raw| parse_date(Field::AsOf, raw).map_err(|i| AppError::Invalid(Validation { issues: vec![i] })))
        .transpose()
}

/// A clock stopped at `--as-of`, or the computer's.
pub fn clock(as_of: Option<NaiveDate>) -> Box<dyn Clock> {
    match as_of {
        Some(d) => Box::new(FixedClock(d)),
        None => Box::new(SystemClock),
    }
}

/// Opens (creating it if needed) the database in `dir`.
pub fn open_store(dir: &Path, lang: Language) -> anyhow::Result<Store> {
    std::fs::create_dir_all(dir).with_context(|| {
        format!("{} {}", tr(lang, "impossible de créer le dossier", "cannot create the folder"), dir.display())
    })?;
    Store::open(&dir.join(DATABASE_FILE)).map_err(|e| AppError::Storage(e).into())
}

/// The context of a command: the data folder's database and the clock.
pub fn open(cli: &Cli, lang: Language) -> anyhow::Result<LocalContext> {
    // The date is checked before anything is opened, so a bad one writes nothing.
    let as_of = as_of(cli)?;
    let dir = data_dir(cli.data_dir.as_deref(), lang)?;
    let store = open_store(&dir, lang)?;
    Ok(LocalContext::new(store, clock(as_of)))
}
