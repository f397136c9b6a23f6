//! Reads the text of the shipped rate files: tiny comma-separated files with a fixed header, ISO
//! dates and dot decimals. Hand-written on purpose: three columns at most, no quoting, and every
//! problem reported with its line number.

use chrono::NaiveDate;

use super::half_year::HalfYear;
use super::percent::{Percent, PercentProblem};
use super::tables::{EcbRateChange, LegalRate, YearlyLegalRate, SEMESTER_RATES_SINCE};

pub const ECB_HEADER: &str = "effective_date,mro_rate_percent";
pub const LEGAL_HEADER: &str = "half_year_start,rate_other_cases_percent,rate_creditor_private_person_percent";
pub const YEARLY_LEGAL_HEADER: &str = "year,rate_percent";

/// A problem on one line (numbered from 1, the header being line 1).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {problem}")]
pub struct LineError {
    pub line: usize,
    pub problem: LineProblem,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LineProblem {
    /// The columns are read by position, so the header must be exactly the expected one.
    #[error("the header must be `{expected}`")]
    WrongHeader { expected: &'static str },
    #[error("{found} column(s), expected {expected}")]
    ColumnCount { expected: usize, found: usize },
    #[error("`{0}` is not a date (YYYY-MM-DD)")]
    InvalidDate(String),
    #[error("{0} is not the first day of a half-year (1 January or 1 July)")]
    NotHalfYearStart(NaiveDate),
    #[error("`{0}` is not a year")]
    InvalidYear(String),
    #[error("a yearly legal rate for {0}: since {SEMESTER_RATES_SINCE} the legal rate is fixed per half-year")]
    YearTooLate(i32),
    #[error("`{text}` is not a rate: {problem}")]
    InvalidRate { text: String, problem: PercentProblem },
    #[error("a legal interest rate cannot be negative")]
    NegativeRate,
    #[error("the rate is missing")]
    MissingRate,
    /// Rows must be in strictly increasing order, so each date or year appears once.
    #[error("not after the previous line")]
    NotAfterPrevious,
}

/// `effective_date,mro_rate_percent`: one row per change, oldest first.
pub fn parse_ecb_rate_changes(text: &str) -> Result<Vec<EcbRateChange>, Vec<LineError>> {
    let mut previous = None;
    parse_rows(text, ECB_HEADER, |cells| {
        let effective = date(cells[0])?;
        if previous.is_some_and(|p| effective <= p) {
            return Err(LineProblem::NotAfterPrevious);
        }
        previous = Some(effective);
        let rate = rate(cells[1])?.ok_or(LineProblem::MissingRate)?;
        Ok(EcbRateChange { effective, rate })
    })
}

/// `half_year_start,rate_other_cases_percent,rate_creditor_private_person_percent`: one row per
/// half-year, oldest first; an empty cell is a rate not known yet.
pub fn parse_legal_rates(text: &str) -> Result<Vec<LegalRate>, Vec<LineError>> {
    let mut previous = None;
    parse_rows(text, LEGAL_HEADER, |cells| {
        let start = date(cells[0])?;
        let half_year = HalfYear::starting_on(start).ok_or(LineProblem::NotHalfYearStart(start))?;
        if previous.is_some_and(|p| half_year <= p) {
            return Err(LineProblem::NotAfterPrevious);
        }
        previous = Some(half_year);
        Ok(LegalRate { half_year, other_cases: legal_rate(cells[1])?, private_person: legal_rate(cells[2])? })
    })
}

/// `year,rate_percent`: the yearly legal rate before 2015, oldest first.
pub fn parse_yearly_legal_rates(text: &str) -> Result<Vec<YearlyLegalRate>, Vec<LineError>> {
    let mut previous = None;
    parse_rows(text, YEARLY_LEGAL_HEADER, |cells| {
        let year: i32 = cells[0].parse().map_err(|_| LineProblem::InvalidYear(cells[0].to_string()))?;
        if HalfYear::new(year, 1).is_none() {
            return Err(LineProblem::InvalidYear(cells[0].to_string()));
        }
        if year >= SEMESTER_RATES_SINCE {
            return Err(LineProblem::YearTooLate(year));
        }
        if previous.is_some_and(|p| year <= p) {
            return Err(LineProblem::NotAfterPrevious);
        }
        previous = Some(year);
        let rate = legal_rate(cells[1])?.ok_or(LineProblem::MissingRate)?;
        Ok(YearlyLegalRate { year, rate })
    })
}

/// Checks the header, then reads every non-blank line with `row`, which receives exactly as many
/// trimmed cells as the header has columns. Returns every row, or every problem.
fn parse_rows<T>(
    text: &str,
    header: &'static str,
    mut row: impl FnMut(&[&str]) -> Result<T, LineProblem>,
) -> Result<Vec<T>, Vec<LineError>> {
    let columns = header.split(',').count();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l.trim()));
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    match lines.next() {
        Some((_, first)) if first == header => {}
        _ => errors.push(LineError { line: 1, problem: LineProblem::WrongHeader { expected: header } }),
    }
    for (line, content) in lines.filter(|(_, l)| !l.is_empty()) {
        let cells: Vec<&str> = content.split(',').map(str::trim).collect();
        let result = if cells.len() == columns {
            row(&cells)
        } else {
            Err(LineProblem::ColumnCount { expected: columns, found: cells.len() })
        };
        match result {
            Ok(r) => rows.push(r),
            Err(problem) => errors.push(LineError { line, problem }),
        }
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

fn date(cell: &str) -> Result<NaiveDate, LineProblem> {
    NaiveDate::parse_from_str(cell, "%Y-%m-%d").map_err(|_| LineProblem::InvalidDate(cell.to_string()))
}

/// A rate cell: empty means unknown.
fn rate(cell: &str) -> Result<Option<Percent>, LineProblem> {
    if cell.is_empty() {
        return Ok(None);
    }
    // The files use dot decimals only; a comma would be a column separator.
    Percent::parse(cell).map(Some).map_err(|problem| LineProblem::InvalidRate { text: cell.to_string(), problem })
}

fn legal_rate(cell: &str) -> Result<Option<Percent>, LineProblem> {
    match rate(cell)? {
        Some(r) if r < Percent::ZERO => Err(LineProblem::NegativeRate),
        r => Ok(r),
    }
}
