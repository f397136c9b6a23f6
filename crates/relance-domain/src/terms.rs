//! Payment terms and the due date they give; the legal caps of
//! Code de commerce art. L441-10 for business customers.

use std::fmt;

use chrono::{Datelike, Days, NaiveDate};

use crate::validation::{Field, Issue, Problem};

/// Longest delay the terms accept, in days (a sanity bound, not the law).
const MAX_DAYS: u16 = 365;

/// How an invoice's due date follows from its issue date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PaymentTerms {
    /// Payable on receipt: due on the issue date.
    OnReceipt,
    /// N days from the issue date ("30 jours date de facture").
    Net(u16),
    /// N days, then the end of that month ("45 jours fin de mois").
    NetEndOfMonth(u16),
    /// End of the issue month, then N days ("fin de mois le 10", "fin de mois + 30 jours").
    EndOfMonthPlus(u16),
}

/// Why terms deserve a warning before they are used with a business.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermsWarning {
    /// More than 60 days from the invoice date (L441-10 I).
    Over60Days,
    /// More than 45 days end of month (L441-10 I).
    Over45DaysEndOfMonth,
}

impl PaymentTerms {
    /// The due date for an invoice issued on `issue`.
    pub fn due_date(self, issue: NaiveDate) -> NaiveDate {
        match self {
            PaymentTerms::OnReceipt => issue,
            PaymentTerms::Net(n) => add_days(issue, n),
            PaymentTerms::NetEndOfMonth(n) => end_of_month(add_days(issue, n)),
            PaymentTerms::EndOfMonthPlus(n) => add_days(end_of_month(issue), n),
        }
    }

    /// The legal cap between professionals: 60 days from the invoice date,
    /// or 45 days end of month. `None` when the terms are within it.
    pub fn legal_warning(self) -> Option<TermsWarning> {
        match self {
            PaymentTerms::OnReceipt => None,
            PaymentTerms::Net(n) if n > 60 => Some(TermsWarning::Over60Days),
            PaymentTerms::NetEndOfMonth(n) | PaymentTerms::EndOfMonthPlus(n) if n > 45 => {
                Some(TermsWarning::Over45DaysEndOfMonth)
            }
            _ => None,
        }
    }

    /// Stable code stored in the database and sent to the UI:
    /// `receipt`, `net:30`, `net_eom:45`, `eom_plus:10`.
    pub fn code(self) -> String {
        match self {
            PaymentTerms::OnReceipt => "receipt".into(),
            PaymentTerms::Net(n) => format!("net:{n}"),
            PaymentTerms::NetEndOfMonth(n) => format!("net_eom:{n}"),
            PaymentTerms::EndOfMonthPlus(n) => format!("eom_plus:{n}"),
        }
    }

    /// Parses a code (see [`PaymentTerms::code`]). Also accepts a bare number
    /// of days (`30`), the form people type on the command line.
    pub fn parse(field: Field, raw: &str) -> Result<PaymentTerms, Issue> {
        let bad =
            || Issue::new(field, Problem::InvalidFormat { expected: "receipt | net:30 | net_eom:45 | eom_plus:10" });
        let t = raw.trim().to_ascii_lowercase();
        if t.is_empty() {
            return Err(Issue::new(field, Problem::Required));
        }
        if t == "receipt" {
            return Ok(PaymentTerms::OnReceipt);
        }
        let (kind, days) = match t.split_once(':') {
            Some((k, d)) => (k, d),
            None => ("net", t.as_str()),
        };
        let n: u16 = days.trim().parse().map_err(|_| bad())?;
        if n > MAX_DAYS {
            return Err(bad());
        }
        match kind {
            "net" if n == 0 => Ok(PaymentTerms::OnReceipt),
            "net" => Ok(PaymentTerms::Net(n)),
            "net_eom" => Ok(PaymentTerms::NetEndOfMonth(n)),
            "eom_plus" => Ok(PaymentTerms::EndOfMonthPlus(n)),
            _ => Err(bad()),
        }
    }
}

impl fmt::Display for PaymentTerms {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code())
    }
}

fn add_days(d: NaiveDate, n: u16) -> NaiveDate {
    d.checked_add_days(Days::new(u64::from(n))).unwrap_or(NaiveDate::MAX)
}

/// Last day of `d`'s month.
pub fn end_of_month(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 { (d.year() + 1, 1) } else { (d.year(), d.month() + 1) };
    NaiveDate::from_ymd_opt(y, m, 1).and_then(|first| first.pred_opt()).unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn due_dates() {
        // (terms, issue, due)
        let cases = [
            (PaymentTerms::OnReceipt, "2026-03-15", "2026-03-15"),
            (PaymentTerms::Net(30), "2026-01-31", "2026-03-02"),
            (PaymentTerms::Net(60), "2024-01-01", "2024-03-01"), // leap year
            (PaymentTerms::Net(60), "2025-01-01", "2025-03-02"),
            (PaymentTerms::NetEndOfMonth(45), "2026-01-20", "2026-03-31"),
            (PaymentTerms::NetEndOfMonth(30), "2026-01-31", "2026-03-31"),
            (PaymentTerms::EndOfMonthPlus(10), "2026-01-20", "2026-02-10"),
            (PaymentTerms::EndOfMonthPlus(45), "2026-12-05", "2027-02-14"),
            (PaymentTerms::EndOfMonthPlus(0), "2024-02-03", "2024-02-29"),
        ];
        for (terms, issue, due) in cases {
            assert_eq!(terms.due_date(d(issue)), d(due), "{terms} from {issue}");
        }
    }

    #[test]
    fn legal_caps_between_professionals() {
        assert_eq!(PaymentTerms::Net(60).legal_warning(), None);
        assert_eq!(PaymentTerms::Net(61).legal_warning(), Some(TermsWarning::Over60Days));
        assert_eq!(PaymentTerms::NetEndOfMonth(45).legal_warning(), None);
        assert_eq!(PaymentTerms::NetEndOfMonth(46).legal_warning(), Some(TermsWarning::Over45DaysEndOfMonth));
        assert_eq!(PaymentTerms::EndOfMonthPlus(50).legal_warning(), Some(TermsWarning::Over45DaysEndOfMonth));
        assert_eq!(PaymentTerms::OnReceipt.legal_warning(), None);
    }

    #[test]
    fn codes_round_trip_and_bad_codes_are_refused() {
        for t in [
            PaymentTerms::OnReceipt,
            PaymentTerms::Net(30),
            PaymentTerms::NetEndOfMonth(45),
            PaymentTerms::EndOfMonthPlus(10),
        ] {
            assert_eq!(PaymentTerms::parse(Field::Terms, &t.code()), Ok(t));
        }
        assert_eq!(PaymentTerms::parse(Field::Terms, "30"), Ok(PaymentTerms::Net(30)));
        for bad in ["net:", "net:-3", "weekly:3", "net:400", "x"] {
            assert!(PaymentTerms::parse(Field::Terms, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn end_of_month_handles_december_and_leap_february() {
        assert_eq!(end_of_month(d("2026-12-10")), d("2026-12-31"));
        assert_eq!(end_of_month(d("2028-02-01")), d("2028-02-29"));
    }
}
