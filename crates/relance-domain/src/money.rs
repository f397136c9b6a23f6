//! Money: a `Decimal` amount in a currency's minor units. Never `f64`.
//!
//! Amounts are stored as integer minor units (cents) and carried as
//! `Decimal` in between. User text is parsed here, in one place, accepting
//! both French (`1 234,56`) and English (`1,234.56`) writing.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};

use rust_decimal::Decimal;

use crate::validation::{Field, Issue, Problem};

/// The largest amount Relance accepts on one document: 10 billion.
/// Keeps every sum of cents far inside `i64`.
const MAX_UNITS: i64 = 10_000_000_000;

/// An ISO 4217 currency code. Relance keeps books in one currency (EUR by
/// default); every currency it accepts has two decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency([u8; 3]);

impl Currency {
    pub const EUR: Currency = Currency(*b"EUR");

    pub fn parse(field: Field, raw: &str) -> Result<Currency, Issue> {
        let t = raw.trim().to_ascii_uppercase();
        let b = t.as_bytes();
        if b.len() == 3 && b.iter().all(|c| c.is_ascii_uppercase()) {
            Ok(Currency([b[0], b[1], b[2]]))
        } else {
            Err(Issue::new(field, Problem::InvalidFormat { expected: "EUR" }))
        }
    }

    pub fn code(&self) -> &str {
        // Only ASCII uppercase letters are ever stored (see `parse`).
        std::str::from_utf8(&self.0).unwrap_or("EUR")
    }

    /// Number of decimals of the minor unit.
    pub fn minor_digits(&self) -> u32 {
        2
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// An amount of money with exactly two decimals (cents).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(Decimal);

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// From integer minor units (cents), as stored in SQLite.
    pub fn from_cents(cents: i64) -> Money {
        Money(Decimal::new(cents, 2))
    }

    /// To integer minor units. Amounts only ever hold two decimals (every
    /// constructor guarantees it), so this is exact.
    pub fn cents(&self) -> i64 {
        let scaled = self.0 * Decimal::ONE_HUNDRED;
        i64::try_from(scaled.trunc()).unwrap_or(i64::MAX)
    }

    /// From a decimal that must already have at most two decimals.
    pub fn from_decimal(d: Decimal) -> Option<Money> {
        let n = d.normalize();
        if n.scale() > 2 || n.abs() > Decimal::from(MAX_UNITS) {
            return None;
        }
        let mut v = n;
        v.rescale(2);
        Some(Money(v))
    }

    /// Rounds a computed decimal to the cent. Policy: half away from zero
    /// ("arrondi commercial"), the usual rule on French invoices.
    pub fn round_half_away(d: Decimal) -> Money {
        let mut v = d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        v.rescale(2);
        Money(v)
    }

    pub fn amount(&self) -> Decimal {
        self.0
    }

    pub fn is_zero(&self) -> bool {
        self.0.is_zero()
    }

    pub fn is_positive(&self) -> bool {
        self.0 > Decimal::ZERO
    }

    pub fn is_negative(&self) -> bool {
        self.0 < Decimal::ZERO
    }

    pub fn min(self, other: Money) -> Money {
        if self <= other {
            self
        } else {
            other
        }
    }

    /// Parses an amount typed by a person or read from a file.
    ///
    /// Accepts `1234.56`, `1234,56`, `1 234,56` (spaces, no-break spaces),
    /// `1,234.56`, `1.234,56`, an optional leading `-` or `+`, and an
    /// optional `€`/`EUR` mark. A lone separator is the decimal separator
    /// (French reading: `1,234` is one euro and 234 thousandths, refused as
    /// too precise rather than silently read as 1 234).
    pub fn parse(field: Field, raw: &str) -> Result<Money, Issue> {
        let bad = || Issue::new(field, Problem::InvalidAmount);
        let mut s: String =
            raw.trim().chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\'' | '€')).collect();
        if let Some(stripped) = s.strip_suffix("EUR").or_else(|| s.strip_suffix("eur")) {
            s = stripped.to_string();
        }
        if s.is_empty() {
            return Err(Issue::new(field, Problem::Required));
        }
        let (negative, body) = match s.as_bytes()[0] {
            b'-' => (true, &s[1..]),
            b'+' => (false, &s[1..]),
            _ => (false, s.as_str()),
        };
        if body.is_empty() || !body.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.') {
            return Err(bad());
        }
        let last_comma = body.rfind(',');
        let last_dot = body.rfind('.');
        let decimal_sep = match (last_comma, last_dot) {
            (Some(c), Some(d)) => Some(if c > d { ',' } else { '.' }),
            (Some(_), None) => {
                if body.matches(',').count() == 1 {
                    Some(',')
                } else {
                    None
                }
            }
            (None, Some(_)) => {
                if body.matches('.').count() == 1 {
                    Some('.')
                } else {
                    None
                }
            }
            (None, None) => None,
        };
        let (int_part, frac_part) = match decimal_sep {
            Some(sep) => {
                let idx = body.rfind(sep).ok_or_else(bad)?;
                (&body[..idx], &body[idx + 1..])
            }
            None => (body, ""),
        };
        // Whatever separators remain in the integer part are thousands
        // separators: they must group digits by three.
        let digits = if int_part.contains([',', '.']) {
            let groups: Vec<&str> = int_part.split([',', '.']).collect();
            let well_grouped =
                !groups[0].is_empty() && groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3);
            if !well_grouped {
                return Err(bad());
            }
            groups.concat()
        } else {
            int_part.to_string()
        };
        if frac_part.contains([',', '.']) || (digits.is_empty() && frac_part.is_empty()) {
            return Err(bad());
        }
        if decimal_sep.is_some() && frac_part.is_empty() {
            return Err(bad());
        }
        if frac_part.len() > 2 {
            return Err(Issue::new(field, Problem::TooManyDecimals));
        }
        let int_digits = digits.trim_start_matches('0');
        if int_digits.len() > 11 {
            return Err(Issue::new(field, Problem::AmountTooLarge));
        }
        let text = format!(
            "{}{}.{:0<2}",
            if negative { "-" } else { "" },
            if int_digits.is_empty() { "0" } else { int_digits },
            frac_part
        );
        let d: Decimal = text.parse().map_err(|_| bad())?;
        Money::from_decimal(d).ok_or_else(|| Issue::new(field, Problem::AmountTooLarge))
    }

    /// Parses an amount that must be strictly positive.
    pub fn parse_positive(field: Field, raw: &str) -> Result<Money, Issue> {
        let m = Money::parse(field, raw)?;
        if m.is_negative() {
            Err(Issue::new(field, Problem::NegativeAmount))
        } else if m.is_zero() {
            Err(Issue::new(field, Problem::ZeroAmount))
        } else {
            Ok(m)
        }
    }

    /// Parses an amount that may be zero but not negative.
    pub fn parse_non_negative(field: Field, raw: &str) -> Result<Money, Issue> {
        let m = Money::parse(field, raw)?;
        if m.is_negative() {
            Err(Issue::new(field, Problem::NegativeAmount))
        } else {
            Ok(m)
        }
    }
}

/// Canonical form: `-1234.50`. This is what crosses the IPC boundary.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.2}", self.0)
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0 + rhs.0)
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        self.0 += rhs.0;
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0 - rhs.0)
    }
}

impl SubAssign for Money {
    fn sub_assign(&mut self, rhs: Money) {
        self.0 -= rhs.0;
    }
}

impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money(-self.0)
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<String, Problem> {
        Money::parse(Field::Amount, s).map(|m| m.to_string()).map_err(|i| i.problem)
    }

    #[test]
    fn parses_french_and_english_writing() {
        let cases = [
            ("1234.56", "1234.56"),
            ("1234,56", "1234.56"),
            ("1 234,56", "1234.56"),
            ("1\u{a0}234,56", "1234.56"),
            ("1\u{202f}234,5", "1234.50"),
            ("1,234.56", "1234.56"),
            ("1.234,56", "1234.56"),
            ("1.234.567", "1234567.00"),
            ("1,234,567.8", "1234567.80"),
            ("12 €", "12.00"),
            ("12,00 EUR", "12.00"),
            ("-45,10", "-45.10"),
            ("+7", "7.00"),
            ("0,05", "0.05"),
            (".5", "0.50"),
            ("007", "7.00"),
        ];
        for (input, want) in cases {
            assert_eq!(parse(input), Ok(want.to_string()), "input {input:?}");
        }
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        let cases = [
            ("", Problem::Required),
            ("   ", Problem::Required),
            ("abc", Problem::InvalidAmount),
            ("12a", Problem::InvalidAmount),
            ("1,2,3.4", Problem::InvalidAmount),
            ("12,34,56", Problem::InvalidAmount),
            ("1.23.4", Problem::InvalidAmount),
            ("5.", Problem::InvalidAmount),
            ("--5", Problem::InvalidAmount),
            ("-", Problem::InvalidAmount),
            ("1,234", Problem::TooManyDecimals),
            ("0.001", Problem::TooManyDecimals),
            ("123456789012", Problem::AmountTooLarge),
            ("1e5", Problem::InvalidAmount),
            ("NaN", Problem::InvalidAmount),
        ];
        for (input, want) in cases {
            assert_eq!(parse(input), Err(want), "input {input:?}");
        }
    }

    #[test]
    fn cents_round_trip() {
        for c in [0, 1, -1, 99, 100, 123_456, -987_654_321, 999_999_999_999] {
            assert_eq!(Money::from_cents(c).cents(), c);
        }
    }

    #[test]
    fn rounds_half_away_from_zero() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(Money::round_half_away(d("1.005")).to_string(), "1.01");
        assert_eq!(Money::round_half_away(d("-1.005")).to_string(), "-1.01");
        assert_eq!(Money::round_half_away(d("1.0049")).to_string(), "1.00");
    }

    #[test]
    fn signs() {
        assert_eq!(Money::parse_positive(Field::Amount, "0").unwrap_err().problem, Problem::ZeroAmount);
        assert_eq!(Money::parse_positive(Field::Amount, "-3").unwrap_err().problem, Problem::NegativeAmount);
        assert!(Money::parse_non_negative(Field::Amount, "0").is_ok());
    }

    proptest::proptest! {
        #[test]
        fn any_cents_survive_display_and_parse(c in -99_999_999_999i64..99_999_999_999i64) {
            let m = Money::from_cents(c);
            proptest::prop_assert_eq!(Money::parse(Field::Amount, &m.to_string()).unwrap(), m);
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,30}") {
            let _ = Money::parse(Field::Amount, &s);
        }
    }
}
