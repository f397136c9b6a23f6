//! French public holidays of metropolitan France, computed per year, and the
//! next business day. Alsace-Moselle's two extra days (Good Friday, 26 December)
//! are not included: the business is assumed to be in metropolitan France outside them.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// Easter Sunday of a Gregorian year (the anonymous Gregorian computus,
/// "Meeus/Jones/Butcher"). `None` outside the range chrono can represent.
pub fn easter(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// The eleven public holidays of `year`, in date order.
pub fn public_holidays(year: i32) -> Vec<NaiveDate> {
    let fixed = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)];
    let mut days: Vec<NaiveDate> = fixed.iter().filter_map(|(m, d)| NaiveDate::from_ymd_opt(year, *m, *d)).collect();
    if let Some(e) = easter(year) {
        // Easter Monday, Ascension Thursday (39 days after Easter), Whit Monday (50 days).
        days.extend([1, 39, 50].iter().map(|n| e + Duration::days(*n)));
    }
    days.sort();
    days
}

pub fn is_public_holiday(day: NaiveDate) -> bool {
    public_holidays(day.year()).contains(&day)
}

pub fn is_business_day(day: NaiveDate) -> bool {
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !is_public_holiday(day)
}

/// `day` itself when it is a business day, else the next one. Bounded: there
/// are never more than four days off in a row.
pub fn next_business_day(day: NaiveDate) -> NaiveDate {
    let mut d = day;
    for _ in 0..10 {
        if is_business_day(d) {
            return d;
        }
        match d.succ_opt() {
            Some(n) => d = n,
            None => return d,
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn easter_matches_the_published_dates() {
        for (year, day) in [
            (2000, "2000-04-23"),
            (2008, "2008-03-23"),
            (2011, "2011-04-24"),
            (2019, "2019-04-21"),
            (2024, "2024-03-31"),
            (2025, "2025-04-20"),
            (2026, "2026-04-05"),
            (2027, "2027-03-28"),
            (2028, "2028-04-16"),
            (2038, "2038-04-25"),
        ] {
            assert_eq!(easter(year), Some(d(day)), "{year}");
        }
    }

    #[test]
    fn holidays_of_2026() {
        let got: Vec<String> = public_holidays(2026).iter().map(|d| d.to_string()).collect();
        assert_eq!(
            got,
            [
                "2026-01-01",
                "2026-04-06",
                "2026-05-01",
                "2026-05-08",
                "2026-05-14",
                "2026-05-25",
                "2026-07-14",
                "2026-08-15",
                "2026-11-01",
                "2026-11-11",
                "2026-12-25"
            ]
        );
    }

    #[test]
    fn ascension_and_whit_monday_follow_easter() {
        // 2024: Easter 31 March, Ascension 9 May, Whit Monday 20 May.
        assert!(is_public_holiday(d("2024-04-01")));
        assert!(is_public_holiday(d("2024-05-09")));
        assert!(is_public_holiday(d("2024-05-20")));
        // 2025: Easter 20 April, Ascension 29 May, Whit Monday 9 June.
        assert!(is_public_holiday(d("2025-04-21")));
        assert!(is_public_holiday(d("2025-05-29")));
        assert!(is_public_holiday(d("2025-06-09")));
        assert!(!is_public_holiday(d("2025-04-18")), "Good Friday is not a holiday outside Alsace-Moselle");
    }

    #[test]
    fn next_business_day_skips_weekends_and_holidays() {
        for (from, to) in [
            ("2026-03-02", "2026-03-02"), // a Monday
            ("2026-03-07", "2026-03-09"), // Saturday -> Monday
            ("2026-03-08", "2026-03-09"), // Sunday -> Monday
            ("2026-04-04", "2026-04-07"), // Saturday, Easter Sunday, Easter Monday -> Tuesday
            ("2026-05-01", "2026-05-04"), // Friday 1 May -> Monday
            ("2026-12-25", "2026-12-28"), // Friday Christmas -> Monday
            ("2027-01-01", "2027-01-04"), // Friday New Year -> Monday
            ("2026-05-14", "2026-05-15"), // Ascension Thursday -> Friday
        ] {
            assert_eq!(next_business_day(d(from)), d(to), "{from}");
        }
    }
}
