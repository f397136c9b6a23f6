//! Credit insurance across IPC: a customer's cover on its page, and the
//! declarations the agenda asks for on the customers' cards.

use relance_app::insurance::{Cover, DeclarationDue};
use relance_domain::insurance::DeclarationState;
use relance_store::insurance::Declared;
use serde::Serialize;
use ts_rs::TS;

use crate::views::{date, money};

/// A declaration to make on a customer's card in Today.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DeclarationDueJson {
    pub invoice_id: i64,
    pub number: String,
    pub insurer: String,
    pub due_date: String,
    /// What the invoice still owes.
    pub amount_due: String,
    /// The last day the declaration is on time (due date + the contract's days).
    pub deadline: String,
    /// True once the deadline passed: the cover is probably lost.
    pub passed: bool,
    /// Days left until the deadline (0: today is the last day), or days since it passed.
    pub days: i64,
}

impl From<&DeclarationDue> for DeclarationDueJson {
    fn from(d: &DeclarationDue) -> Self {
        let (passed, days) = match d.declaration.state {
            DeclarationState::Due { days_left } => (false, days_left),
            DeclarationState::Passed { days_late } => (true, days_late),
        };
        DeclarationDueJson {
            invoice_id: d.invoice.0,
            number: d.number.clone(),
            insurer: d.insurer.clone(),
            due_date: date(d.due_date),
            amount_due: money(d.remaining),
            deadline: date(d.declaration.deadline),
            passed,
            days,
        }
    }
}

/// A customer's credit insurance on its page; `insurer` null: not insured.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CoverView {
    pub insurer: Option<String>,
    /// Null when not insured or not known.
    pub covered: Option<String>,
    pub deadline_days: Option<u32>,
    /// What the customer owes above the covered amount (not insured); null when not known.
    pub uncovered: Option<String>,
    pub declared: Vec<DeclaredView>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct DeclaredView {
    pub invoice_id: i64,
    pub number: String,
    pub due_date: String,
    pub total: String,
    /// Still owed today.
    pub amount_due: String,
    pub insurer: String,
    pub declared_on: String,
}

impl From<&Declared> for DeclaredView {
    fn from(d: &Declared) -> Self {
        DeclaredView {
            invoice_id: d.invoice.0,
            number: d.number.clone(),
            due_date: date(d.due_date),
            total: money(d.total),
            amount_due: money(d.remaining),
            insurer: d.insurer.clone(),
            declared_on: date(d.declared_on),
        }
    }
}

impl From<&Cover> for CoverView {
    fn from(c: &Cover) -> Self {
        CoverView {
            insurer: c.insurance.as_ref().map(|i| i.insurer.clone()),
            covered: c.insurance.as_ref().and_then(|i| i.covered).map(money),
            deadline_days: c.insurance.as_ref().map(|i| i.deadline_days),
            uncovered: c.uncovered.map(money),
            declared: c.declared.iter().map(DeclaredView::from).collect(),
        }
    }
}
