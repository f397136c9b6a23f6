//! The rate tables and the questions the law asks of them.

use std::fmt;

use chrono::NaiveDate;

use super::csv::{parse_ecb_rate_changes, parse_legal_rates, parse_yearly_legal_rates, LineError};
use super::half_year::HalfYear;
use super::percent::Percent;

/// The first year of half-yearly legal rates with two columns (ordonnance n° 2014-947; CMF L313-2 as
/// amended, from 1 January 2015). Before it, one yearly rate applied to every creditor.
pub const SEMESTER_RATES_SINCE: i32 = 2015;

/// The last day on which the shipped ECB table is known to be complete: the ECB held its rates at its
/// decision of 5 February 2026, the latest one `assets/rates/SOURCES.md` could confirm. A later date
/// asks the user for the rate. Move it forward only with a source, together with the CSV.
pub const SHIPPED_ECB_CONFIRMED_THROUGH: NaiveDate = match NaiveDate::from_ymd_opt(2026, 2, 5) {
    Some(d) => d,
    None => panic!("invalid date"),
};

/// Whose claim the legal rate is for: the two columns of the arrêté (CMF L313-2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CreditorKind {
    /// « créances des personnes physiques n'agissant pas pour des besoins professionnels ».
    PrivatePerson,
    /// « tous les autres cas »: every business creditor, so every Relance user.
    OtherCases,
}

impl fmt::Display for CreditorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CreditorKind::PrivatePerson => "creditor who is a private person",
            CreditorKind::OtherCases => "all other cases",
        })
    }
}

/// A rate the tables do not hold. The user must enter it from the official text named in the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum UnknownRate {
    #[error(
        "unknown rate: the ECB main refinancing operations rate in force on {on} is not in the rate tables; \
         the user must enter it (official text: the ECB Governing Council's decision on the key ECB interest rates)"
    )]
    Ecb { on: NaiveDate },
    #[error(
        "unknown rate: the taux de l'intérêt légal for {half_year} ({creditor}) is not in the rate tables; \
         the user must enter it (official text: the arrêté fixing the taux de l'intérêt légal for that half-year, \
         Journal officiel)"
    )]
    Legal { half_year: HalfYear, creditor: CreditorKind },
}

/// A change of the ECB MRO rate, effective from `effective` (the "with effect from" date).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EcbRateChange {
    pub effective: NaiveDate,
    pub rate: Percent,
}

/// The ECB MRO rate over time: its changes, and the last day on which the list is known complete.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EcbRates {
    changes: Vec<EcbRateChange>,
    confirmed_through: NaiveDate,
}

impl EcbRates {
    /// `changes` in any order, one per date. `confirmed_through`: no change took effect after the last
    /// row up to this day; a row is itself a confirmation, so a date before the last row moves up to it.
    pub fn new(mut changes: Vec<EcbRateChange>, confirmed_through: NaiveDate) -> Result<EcbRates, TableError> {
        changes.sort_by_key(|c| c.effective);
        if let Some(w) = changes.windows(2).find(|w| w[0].effective == w[1].effective) {
            return Err(TableError::DuplicateDate(w[0].effective));
        }
        let last = changes.last().map(|c| c.effective).unwrap_or(confirmed_through);
        Ok(EcbRates { changes, confirmed_through: confirmed_through.max(last) })
    }

    pub fn changes(&self) -> &[EcbRateChange] {
        &self.changes
    }

    pub fn confirmed_through(&self) -> NaiveDate {
        self.confirmed_through
    }

    /// The rate in force on `on`: the last change effective on or before it. Unknown before the first
    /// row and after `confirmed_through`, where a decision the table lacks may have changed it.
    pub fn rate_in_force(&self, on: NaiveDate) -> Result<Percent, UnknownRate> {
        if on > self.confirmed_through {
            return Err(UnknownRate::Ecb { on });
        }
        let after = self.changes.partition_point(|c| c.effective <= on);
        after.checked_sub(1).map(|i| self.changes[i].rate).ok_or(UnknownRate::Ecb { on })
    }

    /// The reference rate of a half-year (L441-10 II): the one in force on 1 January for the first,
    /// on 1 July for the second, whatever happens during the half-year.
    pub fn reference_rate(&self, half_year: HalfYear) -> Result<Percent, UnknownRate> {
        self.rate_in_force(half_year.start())
    }
}

/// One half-year of the legal rate; either column may be unknown (empty in the CSV).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LegalRate {
    pub half_year: HalfYear,
    pub other_cases: Option<Percent>,
    pub private_person: Option<Percent>,
}

/// The single legal rate of a year before 2015, for every creditor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearlyLegalRate {
    pub year: i32,
    pub rate: Percent,
}

/// The taux de l'intérêt légal: half-yearly since 2015, yearly before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegalRates {
    half_years: Vec<LegalRate>,
    yearly: Vec<YearlyLegalRate>,
}

impl LegalRates {
    pub fn new(mut half_years: Vec<LegalRate>, mut yearly: Vec<YearlyLegalRate>) -> Result<LegalRates, TableError> {
        half_years.sort_by_key(|r| r.half_year);
        if let Some(w) = half_years.windows(2).find(|w| w[0].half_year == w[1].half_year) {
            return Err(TableError::DuplicateHalfYear(w[0].half_year));
        }
        yearly.sort_by_key(|r| r.year);
        if let Some(w) = yearly.windows(2).find(|w| w[0].year == w[1].year) {
            return Err(TableError::DuplicateYear(w[0].year));
        }
        if let Some(r) = yearly.iter().find(|r| r.year >= SEMESTER_RATES_SINCE) {
            return Err(TableError::YearlyRateAfter2014(r.year));
        }
        Ok(LegalRates { half_years, yearly })
    }

    pub fn half_years(&self) -> &[LegalRate] {
        &self.half_years
    }

    pub fn yearly(&self) -> &[YearlyLegalRate] {
        &self.yearly
    }

    /// The rate for `creditor` in `half_year`: the half-year's row in its column; before 2015, the
    /// year's single rate whatever the creditor. Unknown when the table lacks it.
    pub fn rate(&self, half_year: HalfYear, creditor: CreditorKind) -> Result<Percent, UnknownRate> {
        let unknown = UnknownRate::Legal { half_year, creditor };
        if let Ok(i) = self.half_years.binary_search_by_key(&half_year, |r| r.half_year) {
            let row = self.half_years[i];
            let cell = match creditor {
                CreditorKind::PrivatePerson => row.private_person,
                CreditorKind::OtherCases => row.other_cases,
            };
            return cell.ok_or(unknown);
        }
        if half_year.year() < SEMESTER_RATES_SINCE {
            if let Ok(i) = self.yearly.binary_search_by_key(&half_year.year(), |r| r.year) {
                return Ok(self.yearly[i].rate);
            }
        }
        Err(unknown)
    }
}

/// A table that cannot be built as given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TableError {
    #[error("two ECB rate changes on {0}")]
    DuplicateDate(NaiveDate),
    #[error("two legal rate rows for {0}")]
    DuplicateHalfYear(HalfYear),
    #[error("two yearly legal rates for {0}")]
    DuplicateYear(i32),
    #[error("a yearly legal rate for {0}: since 2015 the legal rate is fixed per half-year")]
    YearlyRateAfter2014(i32),
}

/// The shipped rate files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RateFile {
    /// `ecb_mro_rate_changes.csv`
    EcbChanges,
    /// `fr_taux_interet_legal.csv`
    LegalRates,
    /// `fr_taux_interet_legal_before_2015.csv`
    YearlyLegalRates,
}

impl RateFile {
    pub fn file_name(self) -> &'static str {
        match self {
            RateFile::EcbChanges => "ecb_mro_rate_changes.csv",
            RateFile::LegalRates => "fr_taux_interet_legal.csv",
            RateFile::YearlyLegalRates => "fr_taux_interet_legal_before_2015.csv",
        }
    }
}

/// A problem on one line of one rate file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {error}", file.file_name())]
pub struct RateFileError {
    pub file: RateFile,
    pub error: LineError,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RateTablesError {
    /// Every line problem of the three files.
    #[error("{} problem(s) in the rate files", .0.len())]
    Lines(Vec<RateFileError>),
    #[error(transparent)]
    Table(#[from] TableError),
}

/// Everything the penalty rules read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateTables {
    pub ecb: EcbRates,
    pub legal: LegalRates,
}

impl RateTables {
    /// Builds the tables from the text of the three CSV files (see `assets/rates/`), reporting the
    /// problems of every line of every file at once.
    pub fn from_csv(
        ecb_text: &str,
        legal_text: &str,
        yearly_text: &str,
        ecb_confirmed_through: NaiveDate,
    ) -> Result<RateTables, RateTablesError> {
        let mut problems = Vec::new();
        let mut keep = |file: RateFile, errors: Vec<LineError>| {
            problems.extend(errors.into_iter().map(|error| RateFileError { file, error }));
        };
        let ecb = parse_ecb_rate_changes(ecb_text).map_err(|e| keep(RateFile::EcbChanges, e)).ok();
        let legal = parse_legal_rates(legal_text).map_err(|e| keep(RateFile::LegalRates, e)).ok();
        let yearly = parse_yearly_legal_rates(yearly_text).map_err(|e| keep(RateFile::YearlyLegalRates, e)).ok();
        match (ecb, legal, yearly) {
            (Some(ecb), Some(legal), Some(yearly)) => Ok(RateTables {
                ecb: EcbRates::new(ecb, ecb_confirmed_through)?,
                legal: LegalRates::new(legal, yearly)?,
            }),
            _ => Err(RateTablesError::Lines(problems)),
        }
    }

    /// See [`EcbRates::rate_in_force`].
    pub fn ecb_rate_in_force(&self, on: NaiveDate) -> Result<Percent, UnknownRate> {
        self.ecb.rate_in_force(on)
    }

    /// See [`EcbRates::reference_rate`].
    pub fn reference_ecb_rate(&self, half_year: HalfYear) -> Result<Percent, UnknownRate> {
        self.ecb.reference_rate(half_year)
    }

    /// See [`LegalRates::rate`].
    pub fn legal_rate(&self, half_year: HalfYear, creditor: CreditorKind) -> Result<Percent, UnknownRate> {
        self.legal.rate(half_year, creditor)
    }
}
