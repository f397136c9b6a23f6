//! Business dates typed by people: ISO `2026-03-31` or French `31/03/2026`.

use chrono::{Datelike, NaiveDate};

use crate::validation::{Field, Issue, Problem};

/// Dates outside this range are typing mistakes, not business dates.
const FIRST_YEAR: i32 = 1990;
const LAST_YEAR: i32 = 2100;

pub fn parse_date(field: Field, raw: &str) -> Result<NaiveDate, Issue> {
    let t = raw.trim();
    if t.is_empty() {
        return Err(Issue::new(field, Problem::Required));
    }
    let parsed = NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%d/%m/%Y"))
        .map_err(|_| Issue::new(field, Problem::InvalidDate))?;
    if !(FIRST_YEAR..=LAST_YEAR).contains(&parsed.year()) {
        return Err(Issue::new(field, Problem::InvalidDate));
    }
    Ok(parsed)
}

pub fn parse_optional_date(field: Field, raw: Option<&str>) -> Result<Option<NaiveDate>, Issue> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => parse_date(field, t).map(Some),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_iso_and_french_dates() {
        assert_eq!(parse_date(Field::IssueDate, "2026-03-31").unwrap().to_string(), "2026-03-31");
        assert_eq!(parse_date(Field::IssueDate, " 31/03/2026 ").unwrap().to_string(), "2026-03-31");
        assert_eq!(parse_date(Field::IssueDate, "29/02/2024").unwrap().to_string(), "2024-02-29");
    }

    #[test]
    fn refuses_impossible_dates() {
        for bad in ["2026-02-30", "29/02/2025", "31/13/2026", "tomorrow", "0001-01-01", "2026-1-1x"] {
            assert_eq!(parse_date(Field::IssueDate, bad).unwrap_err().problem, Problem::InvalidDate, "{bad}");
        }
        assert_eq!(parse_date(Field::IssueDate, "").unwrap_err().problem, Problem::Required);
    }
}
