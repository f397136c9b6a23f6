//! Annual interest rates in percent, held as whole ten-thousandths of a point so that interest can be
//! computed in exact integers.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

/// Ten-thousandths of a percentage point in one point: the finest rate step accepted. Official rates
/// have two decimals; four leave room for a contractual rate such as 12.125 %.
const UNITS_PER_POINT: i64 = 10_000;
const MAX_DECIMALS: u32 = 4;

/// Largest rate accepted either way, in points. A sanity bound against typing mistakes, far above any
/// real rate and far below what the exact arithmetic can hold.
const MAX_POINTS: i64 = 1_000;

/// An annual rate in percent: `12.15` is 12.15 % a year. At most four decimals, at most 1 000 % either
/// way (the ECB rate may in principle be negative).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Percent(i64);

/// Why a text or decimal is not a [`Percent`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PercentProblem {
    #[error("not a number")]
    NotANumber,
    #[error("more than {MAX_DECIMALS} decimals")]
    TooManyDecimals,
    #[error("outside -{MAX_POINTS} .. {MAX_POINTS} %")]
    OutOfRange,
}

impl Percent {
    pub const ZERO: Percent = Percent(0);

    pub fn new(d: Decimal) -> Result<Percent, PercentProblem> {
        let d = d.normalize();
        if d.scale() > MAX_DECIMALS {
            return Err(PercentProblem::TooManyDecimals);
        }
        if d.abs() > Decimal::from(MAX_POINTS) {
            return Err(PercentProblem::OutOfRange);
        }
        // Exact: at most four decimals, so this is a whole number of units well inside i64.
        let units =
            i64::try_from((d * Decimal::from(UNITS_PER_POINT)).trunc()).map_err(|_| PercentProblem::OutOfRange)?;
        Ok(Percent(units))
    }

    /// Reads `12.15`, `12,15`, `-0.5`, `4`: a plain decimal, with a dot or a single comma as the
    /// decimal separator; no `%` sign, no exponent.
    pub fn parse(text: &str) -> Result<Percent, PercentProblem> {
        let t = text.trim();
        let t = if !t.contains('.') && t.matches(',').count() == 1 { t.replace(',', ".") } else { t.to_string() };
        let ok_chars = !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+'));
        if !ok_chars {
            return Err(PercentProblem::NotANumber);
        }
        let d = Decimal::from_str(&t).map_err(|_| PercentProblem::NotANumber)?;
        Percent::new(d)
    }

    /// The rate as a decimal number of points (`12.15`).
    pub fn decimal(self) -> Decimal {
        Decimal::new(self.0, MAX_DECIMALS).normalize()
    }

    /// Whole ten-thousandths of a point: the integer the exact interest arithmetic multiplies.
    pub(crate) fn units(self) -> i64 {
        self.0
    }

    /// This rate plus whole points (the ECB reference rate + 10 points of L441-10).
    pub fn plus_points(self, points: i64) -> Option<Percent> {
        points.checked_mul(UNITS_PER_POINT).and_then(|u| self.0.checked_add(u)).map(Percent)
    }

    /// This rate times a whole number (3 x the legal rate of L441-10).
    pub fn times(self, factor: i64) -> Option<Percent> {
        self.0.checked_mul(factor).map(Percent)
    }
}

/// `12.15`, `4.00`, `0.00`, `12.125`: at least two decimals, as official texts write rates.
impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = self.decimal();
        if d.scale() < 2 {
            d.rescale(2);
        }
        write!(f, "{d}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_rates() {
        let cases = [
            ("12.15", "12.15"),
            ("4", "4.00"),
            ("0.00", "0.00"),
            ("12,125", "12.125"),
            ("-0.5", "-0.50"),
            (" 2.1234 ", "2.1234"),
        ];
        for (input, want) in cases {
            assert_eq!(Percent::parse(input).map(|p| p.to_string()), Ok(want.to_string()), "{input:?}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_rate() {
        let cases = [
            ("", PercentProblem::NotANumber),
            ("abc", PercentProblem::NotANumber),
            ("12 %", PercentProblem::NotANumber),
            ("1e3", PercentProblem::NotANumber),
            ("1,2,3", PercentProblem::NotANumber),
            ("2.12345", PercentProblem::TooManyDecimals),
            ("1000.01", PercentProblem::OutOfRange),
            ("-1001", PercentProblem::OutOfRange),
        ];
        for (input, want) in cases {
            assert_eq!(Percent::parse(input), Err(want), "{input:?}");
        }
    }

    #[test]
    fn arithmetic_of_the_law() {
        let p = |s: &str| Percent::parse(s).unwrap();
        assert_eq!(p("4.50").plus_points(10), Some(p("14.50")));
        assert_eq!(p("5.07").times(3), Some(p("15.21")));
        assert_eq!(p("0.04").times(3), Some(p("0.12")));
        assert!(p("15.00") < p("15.21"));
    }
}
