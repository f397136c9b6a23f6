//! Interest kept exact until its one rounding.

use rust_decimal::Decimal;

use crate::money::Money;
use crate::rates::Percent;

/// principal in cents x rate in ten-thousandths of a point x days is the interest in euros times
/// 100 (cents) x 10 000 (ten-thousandths) x 100 (percent) x 365 (days a year).
const SCALE: i128 = 100 * 10_000 * 100 * 365;

/// `Decimal`'s largest mantissa (2^96 - 1): keeping every value below it makes `amount` exact
/// wherever the quotient terminates.
const MAX_NUMERATOR: i128 = (1 << 96) - 1;

/// An amount of simple interest, exact: the integer principal (cents) x rate (ten-thousandths of a
/// point) x days, whose value in euros is that integer / 36 500 000 000. Sums of these are exact, so
/// splitting a delay into periods never changes the total, and rounding happens once, at the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ExactInterest(i128);

impl ExactInterest {
    pub const ZERO: ExactInterest = ExactInterest(0);

    /// principal x annual rate x days / 365. `None` beyond what the arithmetic holds (amounts far
    /// above any invoice).
    pub fn of(principal: Money, annual_rate: Percent, days: i64) -> Option<ExactInterest> {
        let n = i128::from(principal.cents())
            .checked_mul(i128::from(annual_rate.units()))?
            .checked_mul(i128::from(days))?;
        ExactInterest::checked(n)
    }

    pub fn checked_add(self, other: ExactInterest) -> Option<ExactInterest> {
        ExactInterest::checked(self.0.checked_add(other.0)?)
    }

    pub fn checked_sum(items: impl IntoIterator<Item = ExactInterest>) -> Option<ExactInterest> {
        items.into_iter().try_fold(ExactInterest::ZERO, ExactInterest::checked_add)
    }

    fn checked(n: i128) -> Option<ExactInterest> {
        (n.abs() <= MAX_NUMERATOR).then_some(ExactInterest(n))
    }

    /// The value in euros, unrounded: exact when the division terminates, otherwise to `Decimal`'s
    /// 28 significant digits, far too fine to move the cent rounding (a quotient that does not
    /// terminate is at least 1 / (200 x 36 500 000 000) away from a half cent).
    pub fn amount(self) -> Decimal {
        // Cannot fail: `checked` keeps the numerator within Decimal's mantissa.
        let n = Decimal::try_from_i128_with_scale(self.0, 0).unwrap_or(Decimal::MAX);
        n / Decimal::from_i128_with_scale(SCALE, 0)
    }

    /// Rounded to the cent, half away from zero: the rounding policy of penalties.
    pub fn rounded(self) -> Money {
        Money::round_half_away(self.amount())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn interest(cents: i64, rate: &str, days: i64) -> ExactInterest {
        ExactInterest::of(Money::from_cents(cents), Percent::parse(rate).unwrap(), days).unwrap()
    }

    #[test]
    fn value_and_rounding() {
        // 1 000.00 x 13.15 % x 30 / 365 = 3 945 / 365 = 10.80821917...
        let i = interest(100_000, "13.15", 30);
        assert_eq!(i.amount().round_dp(8).to_string(), "10.80821918");
        assert_eq!(i.rounded().to_string(), "10.81");
        // An exact half cent rounds away from zero: 0.73 x 10 % x 1 / 365 = 0.0002 (exact).
        assert_eq!(interest(73, "10", 1).amount().to_string(), "0.0002");
        // 365.00 x 1 % x 1 / 365 = 0.01; 182.50 x 1 % x 1 / 365 = 0.005 -> 0.01.
        assert_eq!(interest(36_500, "1", 1).rounded().to_string(), "0.01");
        assert_eq!(interest(18_250, "1", 1).amount().to_string(), "0.005");
        assert_eq!(interest(18_250, "1", 1).rounded().to_string(), "0.01");
    }

    #[test]
    fn sums_are_exact() {
        // 1/365 of a euro three ways: each part repeats forever, the sum is exact.
        let a = interest(100, "100", 1);
        let parts = [a, a, a];
        assert_eq!(ExactInterest::checked_sum(parts), Some(interest(100, "100", 3)));
        assert_eq!(ExactInterest::of(Money::from_cents(i64::MAX), Percent::parse("1000").unwrap(), i64::MAX), None);
    }
}
