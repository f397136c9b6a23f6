//! Relance's business rules as pure functions of plain values.
//!
//! Architecture invariant: this crate performs no I/O and never reads the
//! clock. Anything that depends on "today" takes `today: NaiveDate`.

pub mod allocation;
pub mod backup;
pub mod company;
pub mod customer;
pub mod dates;
pub mod demo;
pub mod dunning;
pub mod ids;
pub mod insurance;
pub mod invoice;
pub mod kpis;
pub mod legal_ids;
pub mod letter_templates;
pub mod money;
pub mod payment;
pub mod penalties;
pub mod plan;
pub mod rates;
pub mod risk;
pub mod status;
pub mod terms;
pub mod validation;

pub use money::{Currency, Money};
pub use validation::{Field, Issue, Problem, Validation};
