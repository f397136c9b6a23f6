//! The official rate tables behind the late-payment law, as plain data.
//!
//! - The ECB main refinancing operations (MRO) rate, one row per change: Code de commerce L441-10 II
//!   sets the default penalty rate between professionals at this rate + 10 points, taking the rate in
//!   force on 1 January for the first half-year and on 1 July for the second.
//! - The French taux de l'intérêt légal, fixed each half-year by arrêté since 2015 (Code monétaire et
//!   financier L313-2, D313-1-A) with two columns: creditors who are private persons not acting for
//!   professional needs, and all other cases. Three times the "all other cases" rate is the floor of a
//!   contractual penalty rate (L441-10 II).
//! - The single yearly legal rate before 2015.
//!
//! The tables ship as CSV files in `assets/rates/` (sources in `assets/rates/SOURCES.md`); `csv`
//! parses their text, this crate never reads a file. A rate the tables do not hold is an
//! [`UnknownRate`] naming the official text the user must read: never a guess.

mod csv;
mod half_year;
mod percent;
mod tables;

pub use csv::{
    parse_ecb_rate_changes, parse_legal_rates, parse_yearly_legal_rates, LineError, LineProblem, ECB_HEADER,
    LEGAL_HEADER, YEARLY_LEGAL_HEADER,
};
pub use half_year::HalfYear;
pub use percent::{Percent, PercentProblem};
pub use tables::{
    CreditorKind, EcbRateChange, EcbRates, LegalRate, LegalRates, RateFile, RateFileError, RateTables, RateTablesError,
    TableError, UnknownRate, YearlyLegalRate, SEMESTER_RATES_SINCE, SHIPPED_ECB_CONFIRMED_THROUGH,
};

/// The shipped tables, read at compile time, for the tests of this crate.
#[cfg(test)]
pub(crate) mod shipped {
    use super::{RateTables, SHIPPED_ECB_CONFIRMED_THROUGH};

    pub const ECB: &str =
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/rates/ecb_mro_rate_changes.csv"));
    pub const LEGAL: &str =
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/rates/fr_taux_interet_legal.csv"));
    pub const YEARLY: &str =
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/rates/fr_taux_interet_legal_before_2015.csv"));

    pub fn tables() -> RateTables {
        match RateTables::from_csv(ECB, LEGAL, YEARLY, SHIPPED_ECB_CONFIRMED_THROUGH) {
            Ok(t) => t,
            Err(e) => panic!("the shipped rate files do not parse: {e:?}"),
        }
    }
}

#[cfg(test)]
mod tests;
