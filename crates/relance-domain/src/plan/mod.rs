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

use chrono::NaiveDate;

use crate::ids::{CustomerId, InvoiceId};
use crate::money::Money;

/// The late-payment penalties and indemnity owed so far: part of the plan,
/// or given up by the creditor to reach the agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PenaltiesPart {
    /// Added to the plan's total; paid last, after the invoices (they are
    /// not an invoice, so what pays them is the customer's credit).
    Included(Money),
    Waived,
}

impl PenaltiesPart {
    pub fn amount(self) -> Money {
        match self {
            PenaltiesPart::Included(m) => m,
            PenaltiesPart::Waived => Money::ZERO,
        }
    }
}

/// A plan as agreed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanData {
    pub customer: CustomerId,
    pub agreed_on: NaiveDate,
    /// Each invoice and what it still owed the day of the agreement.
    pub invoices: Vec<(InvoiceId, Money)>,
    pub penalties: PenaltiesPart,
    pub terms: Terms,
    pub installments: Vec<Installment>,
}

impl PlanData {
    /// What the invoices owed at the agreement.
    pub fn invoices_owed(&self) -> Money {
        self.invoices.iter().map(|(_, m)| *m).sum()
    }
}

/// What was recorded about a plan after its agreement. `Running` may in
/// fact be completed or defaulted: that is derived by [`follow`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanRecord {
    Running,
    /// The default was recorded and the collections resumed at this level.
    Defaulted {
        on: NaiveDate,
        resumed_level: Option<String>,
    },
    /// Renegotiated: `by` replaces it.
    Replaced {
        on: NaiveDate,
        by: PlanId,
        defaulted_on: Option<NaiveDate>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub id: PlanId,
    pub data: PlanData,
    pub record: PlanRecord,
}

/// What has been paid towards a plan: the invoices first (what they owed at
/// the agreement minus what they owe now), then the penalties part out of
/// the credit the customer has given since the agreement.
pub fn paid_towards(data: &PlanData, invoices_owed_now: Money, credit_since: Money) -> Money {
    let on_invoices = (data.invoices_owed() - invoices_owed_now).max(Money::ZERO);
    let on_penalties = credit_since.max(Money::ZERO).min(data.penalties.amount());
    on_invoices + on_penalties
}

impl Plan {
    /// The plan's status on `as_of` given what was paid towards it.
    pub fn follow(&self, paid: Money, as_of: NaiveDate, grace_days: u32) -> Follow {
        let mut f = follow(&self.data.installments, paid, as_of, grace_days);
        match self.record {
            PlanRecord::Running => {}
            PlanRecord::Defaulted { on, .. } => {
                if f.status != PlanStatus::Completed {
                    f.status = PlanStatus::Defaulted { on };
                }
            }
            PlanRecord::Replaced { on, .. } => f.status = PlanStatus::Replaced { on },
        }
        f
    }
}
