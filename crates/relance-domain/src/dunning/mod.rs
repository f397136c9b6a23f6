//! The collections engine (relances): reminder policies, the day's agenda,
//! promises to pay, disputes and escalation, as pure functions of values.
//!
//! - `policy`: levels at offsets from the due date, validated; the standard policy.
//! - `assignment`: which policy a customer gets (its own, its segment's, the default).
//! - `schedule`: the level an invoice has reached on a date.
//! - `progress`: an invoice's reminder state as a fold of recorded events.
//! - `dispute`, `promise`, `escalation`: what pauses or ends the reminders.
//! - `agenda`: the day's actions, per customer: one message and at most one decision.
//!
//! Nothing here reads the clock or stores anything: the store persists the
//! events, the app passes `today`.

pub mod agenda;
pub mod assignment;
pub mod dispute;
pub mod escalation;
pub mod policy;
pub mod progress;
pub mod promise;
pub mod schedule;

#[cfg(test)]
mod examples;
#[cfg(test)]
mod simulation;

pub use agenda::{
    agenda, invoice_step, Action, ActionLine, Agenda, AgendaCustomer, AgendaInvoice, BrokenPromise, CustomerAgenda,
    InvoiceStep, Pause,
};
pub use assignment::{PolicyAssignments, PolicySource, Segment};
pub use escalation::EscalationStage;
pub use policy::{Channel, Level, LevelMark, Policy};
pub use progress::{DunningEvent, InvoiceDunning};
pub use promise::{Promise, PromiseEvent, PromiseId, PromiseInput, PromiseStatus};
