//! The wire format between Relance's core and its front ends.
//!
//! Architecture invariant: only this crate derives `Serialize`/`Deserialize`
//! for what crosses IPC; the domain and the store never do. Money crosses
//! as a decimal string ("1234.50"), dates as "YYYY-MM-DD". The TypeScript
//! types in `ui/src/platform/bindings.ts` are generated from here and a
//! test fails when they are stale.

pub mod backup;
pub mod bindings;
pub mod collections;
pub mod dashboard;
pub mod documents;
pub mod error;
pub mod export;
pub mod forms;
pub mod import;
pub mod insurance;
pub mod letter_templates;
pub mod mail;
pub mod messages;
pub mod plans;
pub mod policies;
pub mod risk;
pub mod views;

pub use error::{error_message, ErrorCode, ErrorView, FieldErrorView};
