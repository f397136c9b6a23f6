//! The errors of the use cases. The shells turn them into the wire's
//! `{code, message, field}` in the user's language.

use relance_domain::penalties::PenaltyError;
use relance_domain::validation::{Field, Problem, Validation};
use relance_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The input has problems; each names its field. Nothing was written.
    #[error(transparent)]
    Invalid(#[from] Validation),
    /// The thing asked for does not exist (a stale link, a deleted row).
    #[error("{0} not found")]
    NotFound(&'static str),
    /// The database could not be read or written.
    #[error(transparent)]
    Storage(#[from] StoreError),
    /// The penalties cannot be computed: a rate the tables lack (the user
    /// must enter it), or a contractual rate below the legal floor.
    #[error(transparent)]
    Penalty(#[from] PenaltyError),
}

impl AppError {
    pub fn invalid(field: Field, problem: Problem) -> AppError {
        AppError::Invalid(Validation::single(field, problem))
    }
}

pub type AppResult<T> = Result<T, AppError>;
