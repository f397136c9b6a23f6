//! Collections (relances): the day's agenda, what the user does about it,
//! promises to pay, disputes, escalation and late-payment penalties.
//!
//! Each customer's policy is resolved once per agenda from the stored
//! choices (`crate::policies::Resolver`): its own, its segment's, the default.
//!
//! The agenda counts what is owed now (the current settled amounts), not
//! what was owed at `as_of`: it is a to-do list for today, and a payment
//! recorded since must stop the reminders at once.

mod actions;
mod agenda;
mod invoice_events;
mod penalties;
mod promises;
mod rates;

pub(crate) use actions::action_done_in;
pub use actions::{action_done, channels_due, postpone, promises_acknowledge, skip};
pub use agenda::{agenda, AgendaView};
pub(crate) use invoice_events::{close_dispute_if_settled, SettledBy};
pub use invoice_events::{
    dispute_open, dispute_resolve, escalate, escalate_to, invoice_collection, InvoiceCollection, StageAsked,
};
pub use penalties::{penalties, rate_tables, PenaltiesView};
pub use promises::{customer_promises, promise_add, promise_cancel, CustomerPromises, PromiseLine, PromiseOutcome};
pub use rates::{rate_add, user_rates};
