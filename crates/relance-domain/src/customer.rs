//! Customers: businesses (B2B, where the late-payment law's penalties and
//! 40 EUR indemnity apply) and consumers (B2C).

use crate::company::{Address, AddressInput};
use crate::legal_ids;
use crate::money::Money;
use crate::terms::{PaymentTerms, TermsWarning};
use crate::validation::{optional_text, required_text, Field, Problem, Validation};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CustomerKind {
    Business,
    Consumer,
}

impl CustomerKind {
    pub fn code(self) -> &'static str {
        match self {
            CustomerKind::Business => "business",
            CustomerKind::Consumer => "consumer",
        }
    }

    pub fn from_code(code: &str) -> Option<CustomerKind> {
        match code {
            "business" => Some(CustomerKind::Business),
            "consumer" => Some(CustomerKind::Consumer),
            _ => None,
        }
    }
}

/// A validated customer, ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerData {
    pub kind: CustomerKind,
    pub name: String,
    pub siren: Option<String>,
    pub siret: Option<String>,
    pub vat_number: Option<String>,
    pub contact_name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Address,
    /// `None`: the company's default terms apply.
    pub terms: Option<PaymentTerms>,
    pub credit_limit: Option<Money>,
    pub notes: Option<String>,
}

impl CustomerData {
    /// The warning to show when these terms break the legal cap between
    /// professionals. Consumers are not concerned.
    pub fn terms_warning(&self, company_default: PaymentTerms) -> Option<TermsWarning> {
        match self.kind {
            CustomerKind::Business => self.terms.unwrap_or(company_default).legal_warning(),
            CustomerKind::Consumer => None,
        }
    }
}

/// The customer form as typed.
#[derive(Debug, Clone, Default)]
pub struct CustomerInput {
    pub kind: String,
    pub name: String,
    pub siren: String,
    pub siret: String,
    pub vat_number: String,
    pub contact_name: String,
    pub email: String,
    pub phone: String,
    pub address: AddressInput,
    pub terms: String,
    pub credit_limit: String,
    pub notes: String,
}

impl CustomerInput {
    pub fn validate(&self) -> Result<CustomerData, Validation> {
        let mut v = Validation::new();
        let kind = CustomerKind::from_code(self.kind.trim());
        if kind.is_none() {
            v.push(Field::CustomerKind, Problem::InvalidFormat { expected: "business | consumer" });
        }
        let name = v.check(required_text(Field::CustomerName, &self.name, 200));
        let siren = v.check(legal_ids::siren(Field::Siren, &self.siren)).flatten();
        let siret = v.check(legal_ids::siret(Field::Siret, &self.siret)).flatten();
        let vat_number = v.check(legal_ids::vat_number(Field::VatNumber, &self.vat_number)).flatten();
        let contact_name = v.check(optional_text(Field::CustomerName, &self.contact_name, 200)).flatten();
        let email = v.check(legal_ids::email(Field::Email, &self.email)).flatten();
        let phone = v.check(optional_text(Field::Phone, &self.phone, 40)).flatten();
        let address = self.address.validate(&mut v);
        let terms = if self.terms.trim().is_empty() {
            Some(None)
        } else {
            v.check(PaymentTerms::parse(Field::Terms, &self.terms)).map(Some)
        };
        let credit_limit = if self.credit_limit.trim().is_empty() {
            Some(None)
        } else {
            v.check(Money::parse_non_negative(Field::CreditLimit, &self.credit_limit)).map(Some)
        };
        let notes = v.check(optional_text(Field::Notes, &self.notes, 5000)).flatten();
        v.finish(|| CustomerData {
            kind: kind.unwrap_or(CustomerKind::Business),
            name: name.unwrap_or_default(),
            siren,
            siret,
            vat_number,
            contact_name,
            email,
            phone,
            address,
            terms: terms.flatten(),
            credit_limit: credit_limit.flatten(),
            notes,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> CustomerInput {
        CustomerInput {
            kind: "business".into(),
            name: "  Boulangerie Martin ".into(),
            terms: "net:30".into(),
            credit_limit: "5 000,00".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_valid_customer_is_trimmed_and_parsed() {
        let c = input().validate().unwrap();
        assert_eq!(c.name, "Boulangerie Martin");
        assert_eq!(c.terms, Some(PaymentTerms::Net(30)));
        assert_eq!(c.credit_limit, Some(Money::from_cents(500_000)));
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let bad = CustomerInput {
            kind: "alien".into(),
            name: " ".into(),
            email: "x".into(),
            credit_limit: "-5".into(),
            terms: "net:abc".into(),
            ..Default::default()
        };
        let fields: Vec<Field> = bad.validate().unwrap_err().issues.iter().map(|i| i.field).collect();
        assert_eq!(
            fields,
            vec![Field::CustomerKind, Field::CustomerName, Field::Email, Field::Terms, Field::CreditLimit]
        );
    }

    #[test]
    fn terms_warning_only_for_businesses() {
        let mut c = input().validate().unwrap();
        c.terms = Some(PaymentTerms::Net(90));
        assert_eq!(c.terms_warning(PaymentTerms::Net(30)), Some(TermsWarning::Over60Days));
        c.kind = CustomerKind::Consumer;
        assert_eq!(c.terms_warning(PaymentTerms::Net(30)), None);
    }
}
