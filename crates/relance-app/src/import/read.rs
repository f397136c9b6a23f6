//! Reading a CSV file as a person's spreadsheet wrote it: the encoding, the
//! delimiter, then each column's number and date formats decided from all
//! its values. Pure: bytes in, cells or row errors out, no store.

use chrono::NaiveDate;
use relance_domain::validation::{Field, Problem};
use relance_domain::Money;

use super::{ImportProblem, RowError};

/// A record longer than this is not a line of a spreadsheet.
pub const MAX_LINE_BYTES: usize = 100_000;
/// No cell we read is longer (a customer's name is at most 200).
pub const MAX_CELL_CHARS: usize = 1_000;

/// How the bytes were decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Windows1252,
}

/// The file as cells: its header and each non-empty line with its number
/// (1-based, the header is line 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub encoding: Encoding,
    pub delimiter: u8,
    pub headers: Vec<String>,
    pub rows: Vec<(u64, Vec<String>)>,
}

impl Table {
    /// The index of a column by its header, ignoring case, accents and
    /// surrounding spaces.
    pub fn column(&self, name: &str) -> Option<usize> {
        let wanted = fold(name);
        self.headers.iter().position(|h| fold(h) == wanted)
    }
}

/// Lower case without accents nor spaces, to compare headers.
pub fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            '°' | 'º' => 'o',
            other => other,
        })
        .collect()
}

/// UTF-8 with or without its BOM, else Windows-1252 (what Excel writes in
/// France). A file with NUL bytes is not text.
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), RowError> {
    if let Some(at) = bytes.iter().position(|b| *b == 0) {
        let line = 1 + bytes[..at].iter().filter(|b| **b == b'\n').count() as u64;
        return Err(RowError::file(Some(line), ImportProblem::NotText));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(s) => Ok((s.to_string(), Encoding::Utf8Bom)),
            Err(e) => {
                let line = 1 + rest[..e.valid_up_to()].iter().filter(|b| **b == b'\n').count() as u64;
                Err(RowError::file(Some(line), ImportProblem::NotText))
            }
        };
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_string(), Encoding::Utf8));
    }
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
    Ok((text.into_owned(), Encoding::Windows1252))
}

/// The delimiter is the one the header line uses most (`;` `\t` `,`);
/// a header without any is one column, read with `,`.
pub fn detect_delimiter(text: &str) -> u8 {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let count = |d: char| {
        let mut quoted = false;
        header
            .chars()
            .filter(|c| {
                if *c == '"' {
                    quoted = !quoted;
                }
                !quoted && *c == d
            })
            .count()
    };
    let mut best = (0, b',');
    for d in [';', '\t', ','] {
        let n = count(d);
        if n > best.0 {
            best = (n, d as u8);
        }
    }
    best.1
}

/// Decodes and splits the file. Lines with a number of cells other than
/// the header's are errors, as are control characters, overlong lines
/// and cells; the other lines are kept so that the caller can report on
/// them too. Entirely empty lines are skipped. No table without a header.
pub fn read_table(bytes: &[u8]) -> (Option<Table>, Vec<RowError>) {
    let (text, encoding) = match decode(bytes) {
        Ok(t) => t,
        Err(e) => return (None, vec![e]),
    };
    let text = one_line_break(text);
    let delimiter = detect_delimiter(&text);
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut errors = Vec::new();
    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    let (mut counted_to, mut newlines) = (0usize, 0u64);
    loop {
        let line = reader.position().line();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(_) => {
                errors.push(RowError::file(Some(line), ImportProblem::Unreadable));
                break;
            }
        }
        // The line where the record's text starts. The csv crate's own line number lags by one after a
        // CRLF line (it starts the next record on the `\n` it left), so count the newlines here.
        let line = match record.position().and_then(|p| usize::try_from(p.byte()).ok()) {
            Some(start) => {
                let raw = text.as_bytes();
                let mut at = start.min(raw.len());
                while at < raw.len() && (raw[at] == b'\n' || raw[at] == b'\r') {
                    at += 1;
                }
                if at >= counted_to {
                    newlines += raw[counted_to..at].iter().filter(|b| **b == b'\n').count() as u64;
                    counted_to = at;
                }
                newlines + 1
            }
            None => line,
        };
        if record.as_slice().len() > MAX_LINE_BYTES {
            errors.push(RowError::file(Some(line), ImportProblem::LineTooLong { max: MAX_LINE_BYTES }));
            if headers.is_none() {
                // Without its header no other line can be read.
                return (None, errors);
            }
            continue;
        }
        let cells: Vec<String> = record.iter().map(|c| c.trim().to_string()).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        match &headers {
            None => {
                if cells.iter().any(|h| h.chars().any(char::is_control)) {
                    errors.push(RowError::file(Some(line), ImportProblem::NotText));
                    return (None, errors);
                }
                if cells.iter().any(|h| h.chars().count() > MAX_CELL_CHARS) {
                    errors.push(RowError::file(Some(line), ImportProblem::TooLong { max: MAX_CELL_CHARS }));
                    return (None, errors);
                }
                headers = Some(cells);
            }
            Some(h) => {
                if cells.len() != h.len() {
                    errors.push(RowError::file(
                        Some(line),
                        ImportProblem::CellCount { expected: h.len(), found: cells.len() },
                    ));
                    continue;
                }
                let mut ok = true;
                for (i, c) in cells.iter().enumerate() {
                    if c.chars().count() > MAX_CELL_CHARS {
                        errors.push(RowError::at(line, &h[i], ImportProblem::TooLong { max: MAX_CELL_CHARS }));
                        ok = false;
                    } else if c.chars().any(|ch| ch.is_control() && ch != '\t') {
                        errors.push(RowError::at(line, &h[i], ImportProblem::NotText));
                        ok = false;
                    }
                }
                if ok {
                    rows.push((line, cells));
                }
            }
        }
    }
    let Some(headers) = headers else {
        if errors.is_empty() {
            errors.push(RowError::file(None, ImportProblem::NoRows));
        }
        return (None, errors);
    };
    if rows.is_empty() && errors.is_empty() {
        errors.push(RowError::file(Some(2), ImportProblem::NoRows));
    }
    (Some(Table { encoding, delimiter, headers, rows }), errors)
}

/// Every line break as `\n`: the csv crate ends a record at a lone `\r` too
/// (Excel for Mac's « CSV (Macintosh) ») but counts lines at `\n` only, so
/// without this every row of such a file was reported on line 1, and two
/// records of one `\n`-line on the same line (found by the fuzz target).
fn one_line_break(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Nothing in a column decides its format: the user must choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ambiguous;

/// Which separator marks the decimals in a column of amounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecimalSep {
    /// `1 234,56`, `1.234,56`, `1234,56`.
    Comma,
    /// `1,234.56`, `1234.56`.
    Dot,
}

/// What one value says about its column's decimal separator.
fn number_hint(raw: &str) -> Option<Result<DecimalSep, ()>> {
    let s: String = raw.chars().filter(|c| c.is_ascii_digit() || *c == ',' || *c == '.').collect();
    let (c, d) = (s.rfind(','), s.rfind('.'));
    match (c, d) {
        (Some(c), Some(d)) => Some(Ok(if c > d { DecimalSep::Comma } else { DecimalSep::Dot })),
        (Some(c), None) => {
            if s.matches(',').count() > 1 {
                Some(Ok(DecimalSep::Dot))
            } else if s.len() - c - 1 == 3 {
                Some(Err(()))
            } else {
                Some(Ok(DecimalSep::Comma))
            }
        }
        (None, Some(d)) => {
            if s.matches('.').count() > 1 {
                Some(Ok(DecimalSep::Comma))
            } else if s.len() - d - 1 == 3 {
                Some(Err(()))
            } else {
                Some(Ok(DecimalSep::Dot))
            }
        }
        (None, None) => None,
    }
}

/// Decides a column's decimal separator from all its values: the one most
/// values show; `1,234` alone (thousands or decimals?) leaves the column
/// ambiguous, and the file must say.
pub fn decide_decimal_sep<'a>(values: impl Iterator<Item = &'a str>) -> Result<DecimalSep, Ambiguous> {
    let (mut comma, mut dot, mut ambiguous) = (0usize, 0usize, false);
    for v in values {
        match number_hint(v) {
            Some(Ok(DecimalSep::Comma)) => comma += 1,
            Some(Ok(DecimalSep::Dot)) => dot += 1,
            Some(Err(())) => ambiguous = true,
            None => {}
        }
    }
    if comma == 0 && dot == 0 {
        if ambiguous {
            Err(Ambiguous)
        } else {
            Ok(DecimalSep::Dot)
        }
    } else if comma > dot {
        Ok(DecimalSep::Comma)
    } else {
        Ok(DecimalSep::Dot)
    }
}

/// Reads an amount with the column's separator: the other one may only
/// group thousands.
pub fn parse_amount(raw: &str, sep: DecimalSep) -> Result<Money, Problem> {
    let text: String = match sep {
        DecimalSep::Comma => {
            if raw.contains('.') && !raw.contains(',') && raw.matches('.').count() == 1 {
                // `12.50` in a column of `12,50`: a value of the other kind.
                let after = raw.len() - raw.rfind('.').unwrap_or(0) - 1;
                if after != 3 {
                    return Err(Problem::InvalidAmount);
                }
            }
            raw.replace('.', "")
        }
        DecimalSep::Dot => {
            if raw.contains(',') && !raw.contains('.') && raw.matches(',').count() == 1 {
                let after = raw.len() - raw.rfind(',').unwrap_or(0) - 1;
                if after != 3 {
                    return Err(Problem::InvalidAmount);
                }
            }
            raw.replace(',', "")
        }
    };
    // With one kind of separator left, Money reads it as the decimals.
    let text = if sep == DecimalSep::Dot { text } else { text.replace(',', ".") };
    Money::parse_positive(Field::Total, &text).map_err(|i| i.problem)
}

/// The order of a date's parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    /// dd/mm/yyyy (and yyyy-mm-dd).
    DayFirst,
    /// m/d/yyyy (and yyyy-mm-dd).
    MonthFirst,
}

/// `(a, b, year)` of `a/b/yyyy` (also with `-` or `.`), or None.
fn slashed(raw: &str) -> Option<(u32, u32, i32)> {
    let parts: Vec<&str> = raw.split(['/', '-', '.']).collect();
    if parts.len() != 3 || parts[2].len() != 4 || parts[0].len() > 2 || parts[1].len() > 2 {
        return None;
    }
    Some((parts[0].parse().ok()?, parts[1].parse().ok()?, parts[2].parse().ok()?))
}

/// Decides a column's date order from all its values: a first part above
/// 12 means day first, a second part above 12 month first. Err when
/// nothing decides (or the values disagree).
pub fn decide_date_order<'a>(values: impl Iterator<Item = &'a str>) -> Result<Option<DateOrder>, Ambiguous> {
    let (mut day_first, mut month_first, mut undecided) = (false, false, false);
    for v in values {
        if let Some((a, b, _)) = slashed(v) {
            if a > 12 && b <= 12 {
                day_first = true;
            } else if b > 12 && a <= 12 {
                month_first = true;
            } else if a != b {
                undecided = true;
            }
        }
    }
    match (day_first, month_first) {
        (true, false) => Ok(Some(DateOrder::DayFirst)),
        (false, true) => Ok(Some(DateOrder::MonthFirst)),
        (true, true) => Err(Ambiguous),
        (false, false) => {
            if undecided {
                Err(Ambiguous)
            } else {
                Ok(None)
            }
        }
    }
}

/// Reads a date: `yyyy-mm-dd`, or `a/b/yyyy` in the column's order.
pub fn parse_date(raw: &str, order: Option<DateOrder>) -> Result<NaiveDate, Problem> {
    let date = if let Ok(d) = NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
        Some(d)
    } else if let Some((a, b, y)) = slashed(raw) {
        let (d, m) = match order {
            Some(DateOrder::MonthFirst) => (b, a),
            Some(DateOrder::DayFirst) => (a, b),
            // Only reached when the parts are equal.
            None => (a, b),
        };
        NaiveDate::from_ymd_opt(y, m, d)
    } else {
        None
    };
    // The domain's own bounds on years.
    match date {
        Some(d) => relance_domain::dates::parse_date(Field::IssueDate, &d.to_string()).map_err(|i| i.problem),
        None => Err(Problem::InvalidDate),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters_come_from_the_header() {
        assert_eq!(detect_delimiter("Client;Montant TTC\nA;1,50\n"), b';');
        assert_eq!(detect_delimiter("a\tb\tc\n1,2\t3\t4\n"), b'\t');
        assert_eq!(detect_delimiter("a,b\n1;2,3\n"), b',');
        assert_eq!(detect_delimiter("a|b\n"), b',');
    }

    #[test]
    fn every_kind_of_line_break_numbers_the_lines() {
        for file in ["a;b\r1;2\r3;4\r", "a;b\r\n1;2\r\n3;4\r\n", "a;b\n1;2\n3;4\n", "a;b\r\n1;2\r3;4\n"] {
            let (table, errors) = read_table(file.as_bytes());
            assert!(errors.is_empty(), "{file:?}: {errors:?}");
            let table = table.unwrap();
            assert_eq!(table.delimiter, b';');
            let lines: Vec<u64> = table.rows.iter().map(|(l, _)| *l).collect();
            assert_eq!(lines, [2, 3], "{file:?}");
        }
        let (_, errors) = read_table(b"a;b\r1;2\r3\r");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, Some(3), "the short line of a CR-only file is named");
    }

    #[test]
    fn encodings() {
        let (t, e) = decode("\u{feff}Société".as_bytes()).unwrap();
        assert_eq!((t.as_str(), e), ("Société", Encoding::Utf8Bom));
        let (t, e) = decode(b"Soci\xe9t\xe9").unwrap();
        assert_eq!((t.as_str(), e), ("Société", Encoding::Windows1252));
        let err = decode(b"a,b\nc\x00d").unwrap_err();
        assert_eq!((err.line, err.problem), (Some(2), ImportProblem::NotText));
    }

    #[test]
    fn number_columns_are_decided_by_all_their_values() {
        assert_eq!(decide_decimal_sep(["1,234", "12,50"].into_iter()), Ok(DecimalSep::Comma));
        assert_eq!(decide_decimal_sep(["1,234", "1,234.56"].into_iter()), Ok(DecimalSep::Dot));
        assert_eq!(decide_decimal_sep(["1,234", "2,000"].into_iter()), Err(Ambiguous));
        assert_eq!(decide_decimal_sep(["1234", "12"].into_iter()), Ok(DecimalSep::Dot));
        let cents = |s, sep| parse_amount(s, sep).map(|m| m.cents());
        assert_eq!(cents("1 234,56", DecimalSep::Comma), Ok(123_456));
        assert_eq!(cents("1.234,56", DecimalSep::Comma), Ok(123_456));
        assert_eq!(cents("1,234", DecimalSep::Comma), Err(Problem::TooManyDecimals));
        assert_eq!(cents("1,234", DecimalSep::Dot), Ok(123_400));
        assert_eq!(cents("1,234.56", DecimalSep::Dot), Ok(123_456));
        assert_eq!(cents("12,50", DecimalSep::Dot), Err(Problem::InvalidAmount));
        assert_eq!(cents("-3.00", DecimalSep::Dot), Err(Problem::NegativeAmount));
        assert_eq!(cents("abc", DecimalSep::Dot), Err(Problem::InvalidAmount));
    }

    #[test]
    fn date_columns_are_decided_by_all_their_values() {
        assert_eq!(decide_date_order(["1/2/2013", "1/15/2013"].into_iter()), Ok(Some(DateOrder::MonthFirst)));
        assert_eq!(decide_date_order(["01/02/2013", "15/01/2013"].into_iter()), Ok(Some(DateOrder::DayFirst)));
        assert_eq!(decide_date_order(["01/02/2013", "03/04/2013"].into_iter()), Err(Ambiguous));
        assert_eq!(decide_date_order(["2013-01-02", "05/05/2013"].into_iter()), Ok(None));
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(parse_date("1/15/2013", Some(DateOrder::MonthFirst)), Ok(d(2013, 1, 15)));
        assert_eq!(parse_date("15/01/2013", Some(DateOrder::DayFirst)), Ok(d(2013, 1, 15)));
        assert_eq!(parse_date("2013-01-15", None), Ok(d(2013, 1, 15)));
        assert_eq!(parse_date("31/02/2013", Some(DateOrder::DayFirst)), Err(Problem::InvalidDate));
        assert_eq!(parse_date("hier", None), Err(Problem::InvalidDate));
    }
}
