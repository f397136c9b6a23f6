//! Installment plans (échéanciers): the schedule, French public holidays,
//! and the follow-up of payments, installment actions and default.

pub mod follow;
pub mod holidays;
pub mod schedule;

pub use follow::{follow, Follow, InstallmentState, InstallmentStatus, PlanSettings, PlanStatus};
pub use schedule::{schedule, Frequency, Installment, Remainder, Split, Terms};

/// A plan's row identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PlanId(pub i64);

impl std::fmt::Display for PlanId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}
