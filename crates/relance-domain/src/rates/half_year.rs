//! Half-years (semestres): the periods for which the late-payment reference rates are fixed
//! (L441-10 II for the ECB reference, L313-2 CMF for the legal rate).

use std::fmt;

use chrono::{Datelike, NaiveDate};

/// A calendar half-year: S1 = 1 January to 30 June, S2 = 1 July to 31 December.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HalfYear {
    // Field order gives the chronological order to the derived `Ord`.
    year: i32,
    half: u8,
}

impl HalfYear {
    /// `half` is 1 or 2; the year must be one chrono can represent.
    pub fn new(year: i32, half: u8) -> Option<HalfYear> {
        if !matches!(half, 1 | 2) {
            return None;
        }
        // chrono's range holds whole years, so both ends then exist.
        NaiveDate::from_ymd_opt(year, 1, 1)?;
        NaiveDate::from_ymd_opt(year, 12, 31)?;
        Some(HalfYear { year, half })
    }

    /// The half-year a day belongs to.
    pub fn containing(date: NaiveDate) -> HalfYear {
        HalfYear { year: date.year(), half: if date.month() <= 6 { 1 } else { 2 } }
    }

    /// The half-year starting on `date`, which must be a 1 January or a 1 July.
    pub fn starting_on(date: NaiveDate) -> Option<HalfYear> {
        let h = HalfYear::containing(date);
        (h.start() == date).then_some(h)
    }

    pub fn year(self) -> i32 {
        self.year
    }

    /// 1 or 2.
    pub fn half(self) -> u8 {
        self.half
    }

    /// 1 January or 1 July: the day whose ECB rate is the reference of the half-year (L441-10 II).
    pub fn start(self) -> NaiveDate {
        let month = if self.half == 1 { 1 } else { 7 };
        // Unreachable fallback: every constructor checked that the year exists.
        NaiveDate::from_ymd_opt(self.year, month, 1).unwrap_or(NaiveDate::MIN)
    }

    /// 30 June or 31 December, inclusive.
    pub fn end(self) -> NaiveDate {
        let (month, day) = if self.half == 1 { (6, 30) } else { (12, 31) };
        NaiveDate::from_ymd_opt(self.year, month, day).unwrap_or(NaiveDate::MAX)
    }

    pub fn next(self) -> Option<HalfYear> {
        if self.half == 1 {
            Some(HalfYear { year: self.year, half: 2 })
        } else {
            HalfYear::new(self.year.checked_add(1)?, 1)
        }
    }
}

/// `2026-S2`.
impl fmt::Display for HalfYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-S{}", self.year, self.half)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn bounds_of_a_half_year() {
        let s1 = HalfYear::new(2024, 1).unwrap();
        assert_eq!((s1.start(), s1.end()), (d("2024-01-01"), d("2024-06-30")));
        let s2 = HalfYear::new(2024, 2).unwrap();
        assert_eq!((s2.start(), s2.end()), (d("2024-07-01"), d("2024-12-31")));
        assert_eq!(s1.next(), Some(s2));
        assert_eq!(s2.next(), HalfYear::new(2025, 1));
        assert_eq!(s2.to_string(), "2024-S2");
        assert!(s1 < s2 && s2 < HalfYear::new(2025, 1).unwrap());
        assert_eq!(HalfYear::new(2024, 3), None);
    }

    #[test]
    fn which_half_a_day_is_in() {
        assert_eq!(HalfYear::containing(d("2026-06-30")), HalfYear::new(2026, 1).unwrap());
        assert_eq!(HalfYear::containing(d("2026-07-01")), HalfYear::new(2026, 2).unwrap());
        assert_eq!(HalfYear::starting_on(d("2026-07-01")), HalfYear::new(2026, 2));
        assert_eq!(HalfYear::starting_on(d("2026-07-02")), None);
    }
}
