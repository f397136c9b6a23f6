//! Payments received from a customer, as typed and validated.

use chrono::NaiveDate;

use crate::dates::parse_date;
use crate::money::Money;
use crate::validation::{optional_text, Field, Problem, Validation};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PaymentMethod {
    Cash,
    Cheque,
    Card,
    Transfer,
    DirectDebit,
    Other,
}

impl PaymentMethod {
    pub const ALL: [PaymentMethod; 6] = [
        PaymentMethod::Transfer,
        PaymentMethod::Cheque,
        PaymentMethod::Card,
        PaymentMethod::Cash,
        PaymentMethod::DirectDebit,
        PaymentMethod::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PaymentMethod::Cash => "cash",
            PaymentMethod::Cheque => "cheque",
            PaymentMethod::Card => "card",
            PaymentMethod::Transfer => "transfer",
            PaymentMethod::DirectDebit => "direct_debit",
            PaymentMethod::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<PaymentMethod> {
        PaymentMethod::ALL.into_iter().find(|m| m.code() == code.trim())
    }
}

/// A validated payment, before allocation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentData {
    pub date: NaiveDate,
    pub amount: Money,
    pub method: PaymentMethod,
    pub reference: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct PaymentInput {
    pub date: String,
    pub amount: String,
    pub method: String,
    pub reference: String,
}

impl PaymentInput {
    pub fn validate(&self) -> Result<PaymentData, Validation> {
        let mut v = Validation::new();
        let date = v.check(parse_date(Field::PaymentDate, &self.date));
        let amount = v.check(Money::parse_positive(Field::Amount, &self.amount));
        let method = if self.method.trim().is_empty() {
            Some(PaymentMethod::Transfer)
        } else {
            PaymentMethod::from_code(&self.method)
        };
        if method.is_none() {
            v.push(
                Field::Method,
                Problem::InvalidFormat { expected: "cash | cheque | card | transfer | direct_debit | other" },
            );
        }
        let reference = v.check(optional_text(Field::Reference, &self.reference, 100)).flatten();
        v.finish(|| PaymentData {
            date: date.unwrap_or_default(),
            amount: amount.unwrap_or_default(),
            method: method.unwrap_or(PaymentMethod::Other),
            reference,
        })
    }
}
