//! Arbitrary bytes as an import file: `read_table`, then every column of
//! the table through the number and date deciders and parsers, as the import
//! does. Nothing may panic, and what the reader says must hold together.

#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use relance_app::import::read::{
    decide_date_order, decide_decimal_sep, decode, detect_delimiter, parse_amount, parse_date, read_table, DateOrder,
    DecimalSep, MAX_CELL_CHARS,
};
use relance_app::import::ImportProblem;

fuzz_target!(|data: &[u8]| {
    let decoded = decode(data);
    let (table, errors) = read_table(data);

    // The last line a line number may name: the lines of the decoded text; a file
    // without data rows is reported on the line after its header.
    // Lines end with `\n`, `\r\n` or a lone `\r`.
    let lines = match &decoded {
        Ok((text, _)) => 1 + text.matches('\n').count() as u64 + text.replace("\r\n", "").matches('\r').count() as u64,
        Err(_) => 1 + data.iter().filter(|b| **b == b'\n').count() as u64,
    };
    for e in &errors {
        if let Some(line) = e.line {
            let last = if e.problem == ImportProblem::NoRows { lines + 1 } else { lines };
            assert!((1..=last).contains(&line), "{e:?} names line {line} of a file of {lines} lines");
        }
    }
    if table.is_none() {
        assert!(!errors.is_empty(), "no table and no reason");
    }
    if let Err(e) = &decoded {
        assert!(table.is_none(), "undecodable bytes gave a table");
        assert_eq!(errors.first(), Some(e));
    }

    let Some(table) = table else { return };
    let (text, encoding) = decoded.expect("a table was read, so the bytes decoded");
    assert_eq!(table.encoding, encoding);
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    assert_eq!(table.delimiter, detect_delimiter(&text));
    assert!([b';', b'\t', b','].contains(&table.delimiter));
    assert!(!table.headers.is_empty());
    assert!(table.headers.iter().all(|h| !h.chars().any(char::is_control)));
    let mut previous = 0;
    for (line, cells) in &table.rows {
        assert!(*line > previous && *line <= lines, "row line {line} after {previous}, file of {lines} lines");
        previous = *line;
        assert_eq!(cells.len(), table.headers.len(), "line {line}: not the header's cell count");
        assert!(cells.iter().any(|c| !c.is_empty()), "line {line}: an empty line kept");
        for c in cells {
            assert_eq!(c.trim(), c, "line {line}: cell not trimmed");
            assert!(c.chars().count() <= MAX_CELL_CHARS);
            assert!(!c.chars().any(|ch| ch.is_control() && ch != '\t'), "line {line}: control character kept");
        }
    }

    for col in 0..table.headers.len() {
        let values = || table.rows.iter().map(move |(_, cells)| cells[col].as_str());
        columns(values);
    }
    // The raw lines too, as one column each way.
    let raw: Vec<&str> = text.lines().collect();
    columns(|| raw.iter().copied());
});

/// A column through the deciders and the parsers: each value read back the
/// way it is written again.
fn columns<'a, I: Iterator<Item = &'a str>>(values: impl Fn() -> I) {
    if let Ok(sep) = decide_decimal_sep(values()) {
        for v in values() {
            if let Ok(m) = parse_amount(v, sep) {
                assert!(!m.is_negative(), "{v:?} read as {m}");
                let canonical = m.to_string();
                let written = if sep == DecimalSep::Comma { canonical.replace('.', ",") } else { canonical.clone() };
                assert_eq!(parse_amount(&written, sep), Ok(m), "{v:?} read as {m}, written {written:?}");
            }
        }
    }
    for sep in [DecimalSep::Comma, DecimalSep::Dot] {
        for v in values() {
            let _ = parse_amount(v, sep);
        }
    }
    let order = decide_date_order(values()).ok().flatten();
    for v in values() {
        for o in [order, Some(DateOrder::DayFirst), Some(DateOrder::MonthFirst), None] {
            if let Ok(d) = parse_date(v, o) {
                again(d, o);
            }
        }
    }
}

fn again(d: NaiveDate, order: Option<DateOrder>) {
    let iso = d.format("%Y-%m-%d").to_string();
    assert_eq!(parse_date(&iso, order), Ok(d), "{iso}");
    let written = match order {
        Some(DateOrder::MonthFirst) => d.format("%m/%d/%Y").to_string(),
        _ => d.format("%d/%m/%Y").to_string(),
    };
    assert_eq!(parse_date(&written, order.or(Some(DateOrder::DayFirst))), Ok(d), "{written}");
}
