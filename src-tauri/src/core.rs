//! The core held in Tauri's managed state: the open database, the clock
//! and the interface language. Every command borrows it for one call.

use std::path::Path;
use std::sync::Mutex;

use relance_app::{AppError, LocalContext, SystemClock};
use relance_domain::company::Language;
use relance_store::Store;
use relance_wire::{error_message, ErrorCode, ErrorView};

pub struct Core {
    ctx: Mutex<LocalContext>,
    language: Mutex<Language>,
}

impl Core {
    /// Opens (or creates) the database in `data_dir`.
    pub fn open(data_dir: &Path) -> Result<Core, relance_store::StoreError> {
        let store = Store::open(&data_dir.join(relance_app::data_dir::DATABASE_FILE))?;
        let ctx = LocalContext::new(store, Box::new(SystemClock));
        let language =
            relance_store::company::get(ctx.store.conn())?.map(|c| c.language).unwrap_or_else(system_language);
        Ok(Core { ctx: Mutex::new(ctx), language: Mutex::new(language) })
    }

    pub fn language(&self) -> Language {
        self.language.lock().map(|l| *l).unwrap_or(Language::Fr)
    }

    /// After a restore: the interface speaks the restored company's language.
    pub fn reload_language(&self) {
        let saved = self
            .ctx
            .lock()
            .ok()
            .and_then(|ctx| relance_store::company::get(ctx.store.conn()).ok().flatten().map(|c| c.language));
        if let Some(lang) = saved {
            self.set_language(lang);
        }
    }

    pub fn set_language(&self, lang: Language) {
        if let Ok(mut l) = self.language.lock() {
            *l = lang;
        }
    }

    /// Runs one use case with the context; its error becomes the wire's
    /// error in the interface language.
    pub fn with<T>(&self, f: impl FnOnce(&mut LocalContext) -> Result<T, AppError>) -> Result<T, ErrorView> {
        self.with_errors(f, error_message)
    }

    /// [`Core::with`] for a use case with its own error type, worded by `words`.
    pub fn with_errors<T, E>(
        &self,
        f: impl FnOnce(&mut LocalContext) -> Result<T, E>,
        words: impl FnOnce(&E, Language) -> ErrorView,
    ) -> Result<T, ErrorView> {
        let lang = self.language();
        let mut ctx = self.ctx.lock().map_err(|_| busy(lang))?;
        f(&mut ctx).map_err(|e| words(&e, lang))
    }
}

/// French unless the system asks for English: Relance is French first.
pub fn system_language() -> Language {
    sys_locale::get_locale().and_then(|l| Language::from_code(&l)).unwrap_or(Language::Fr)
}

/// A previous command panicked while holding the database: refuse politely
/// rather than touch a state that may be half-changed (nothing was committed).
fn busy(lang: Language) -> ErrorView {
    let message = match lang {
        Language::Fr => {
            "Une erreur interne est survenue ; redémarrez Relance. Aucune donnée enregistrée n’a été perdue."
        }
        Language::En => "An internal error occurred; please restart Relance. No saved data was lost.",
    };
    ErrorView { code: ErrorCode::Internal, message: message.to_string(), field: None, fields: Vec::new() }
}
