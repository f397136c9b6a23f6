//! The user's own business: what goes on letterheads and sets the defaults.

use crate::legal_ids;
use crate::money::Currency;
use crate::terms::PaymentTerms;
use crate::validation::{optional_text, required_text, Field, Validation};

/// The language of the interface and of the letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    Fr,
    En,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::Fr => "fr",
            Language::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Language> {
        match code.trim().to_ascii_lowercase().get(..2) {
            Some("fr") => Some(Language::Fr),
            Some("en") => Some(Language::En),
            _ => None,
        }
    }
}

/// A postal address. Every line is optional: a shop may only know a city.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Address {
    pub line1: Option<String>,
    pub line2: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub country: Option<String>,
}

/// Raw address fields as typed.
#[derive(Debug, Clone, Default)]
pub struct AddressInput {
    pub line1: String,
    pub line2: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
}

impl AddressInput {
    pub fn validate(&self, v: &mut Validation) -> Address {
        let f = Field::Address;
        Address {
            line1: v.check(optional_text(f, &self.line1, 200)).flatten(),
            line2: v.check(optional_text(f, &self.line2, 200)).flatten(),
            postal_code: v.check(optional_text(f, &self.postal_code, 20)).flatten(),
            city: v.check(optional_text(f, &self.city, 100)).flatten(),
            country: v.check(optional_text(f, &self.country, 100)).flatten(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompanyProfile {
    pub name: String,
    pub legal_form: Option<String>,
    pub siren: Option<String>,
    pub siret: Option<String>,
    pub vat_number: Option<String>,
    pub address: Address,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub iban: Option<String>,
    pub bic: Option<String>,
    pub currency: Currency,
    pub default_terms: PaymentTerms,
    pub language: Language,
}

impl CompanyProfile {
    /// The profile of a database that has never been set up.
    pub fn unnamed(language: Language) -> CompanyProfile {
        CompanyProfile {
            name: String::new(),
            legal_form: None,
            siren: None,
            siret: None,
            vat_number: None,
            address: Address::default(),
            email: None,
            phone: None,
            iban: None,
            bic: None,
            currency: Currency::EUR,
            default_terms: PaymentTerms::Net(30),
            language,
        }
    }
}

/// The company form as typed.
#[derive(Debug, Clone, Default)]
pub struct CompanyInput {
    pub name: String,
    pub legal_form: String,
    pub siren: String,
    pub siret: String,
    pub vat_number: String,
    pub address: AddressInput,
    pub email: String,
    pub phone: String,
    pub iban: String,
    pub bic: String,
    pub currency: String,
    pub default_terms: String,
    pub language: String,
}

impl CompanyInput {
    pub fn validate(&self) -> Result<CompanyProfile, Validation> {
        let mut v = Validation::new();
        let name = v.check(required_text(Field::CompanyName, &self.name, 200));
        let legal_form = v.check(optional_text(Field::LegalForm, &self.legal_form, 50)).flatten();
        let siren = v.check(legal_ids::siren(Field::Siren, &self.siren)).flatten();
        let siret = v.check(legal_ids::siret(Field::Siret, &self.siret)).flatten();
        if let (Some(sn), Some(st)) = (&siren, &siret) {
            if !st.starts_with(sn.as_str()) {
                v.push(Field::Siret, crate::validation::Problem::InvalidFormat { expected: "SIREN + 5 chiffres" });
            }
        }
        let vat_number = v.check(legal_ids::vat_number(Field::VatNumber, &self.vat_number)).flatten();
        let address = self.address.validate(&mut v);
        let email = v.check(legal_ids::email(Field::Email, &self.email)).flatten();
        let phone = v.check(optional_text(Field::Phone, &self.phone, 40)).flatten();
        let iban = v.check(legal_ids::iban(Field::Iban, &self.iban)).flatten();
        let bic = v.check(legal_ids::bic(Field::Bic, &self.bic)).flatten();
        let currency = if self.currency.trim().is_empty() {
            Some(Currency::EUR)
        } else {
            v.check(Currency::parse(Field::Currency, &self.currency))
        };
        let default_terms = v.check(PaymentTerms::parse(Field::DefaultTerms, &self.default_terms));
        let language = Language::from_code(&self.language);
        if language.is_none() {
            v.push(Field::Language, crate::validation::Problem::InvalidFormat { expected: "fr | en" });
        }
        v.finish(|| CompanyProfile {
            name: name.unwrap_or_default(),
            legal_form,
            siren,
            siret,
            vat_number,
            address,
            email,
            phone,
            iban,
            bic,
            currency: currency.unwrap_or(Currency::EUR),
            default_terms: default_terms.unwrap_or(PaymentTerms::Net(30)),
            language: language.unwrap_or(Language::Fr),
        })
    }
}
