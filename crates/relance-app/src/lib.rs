//! Relance's use cases ("record a payment", "what is overdue today").
//!
//! Each use case is a function over a [`Context`] that gives the database
//! and the clock. The desktop shell and the CLI are thin adapters over
//! these functions; tests run them on a temporary database.

pub mod backup;
pub mod collections;
pub mod company;
pub mod context;
pub mod customers;
pub mod dashboard;
pub mod data_dir;
pub mod day_letters;
pub mod demo;
mod documents;
mod dossier;
pub mod error;
pub mod export;
pub mod import;
pub mod insurance;
pub mod invoices;
pub mod letter_templates;
pub mod letters;
pub mod mail;
pub mod payments;
pub mod plans;
pub mod policies;
pub mod reports;
pub mod risk;
pub mod secrets;
pub mod today;

pub use context::{Clock, Context, FixedClock, LocalContext, SystemClock};
pub use error::{AppError, AppResult};
pub use relance_store::{Page, Paged};
