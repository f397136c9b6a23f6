//! Text for people: the language, amounts and dates as they write them,
//! and aligned tables. The `--json` output never goes through here.

use chrono::NaiveDate;
use relance_domain::company::Language;
use relance_domain::Money;

/// French unless the environment's `LANG` asks for English.
pub fn language_from_env() -> Language {
    match std::env::var("LANG") {
        Ok(v) if v.to_ascii_lowercase().starts_with("en") => Language::En,
        _ => Language::Fr,
    }
}

/// Picks the sentence in the user's language.
pub fn tr<'a>(lang: Language, fr: &'a str, en: &'a str) -> &'a str {
    match lang {
        Language::Fr => fr,
        Language::En => en,
    }
}

/// "1 234,56 €" in French (no-break spaces), "€1,234.56" in English.
pub fn amount(m: Money, lang: Language) -> String {
    // The wire crate's French writing has one comma (the decimals) and
    // no-break spaces between thousands: English swaps the two marks.
    let french = relance_wire::messages::french_amount(&m.to_string());
    match lang {
        Language::Fr => format!("{french}\u{a0}€"),
        Language::En => {
            let english = french.replace(',', ".").replace('\u{a0}', ",");
            match english.strip_prefix('-') {
                Some(positive) => format!("-€{positive}"),
                None => format!("€{english}"),
            }
        }
    }
}

/// 31/03/2026 in French, 2026-03-31 in English.
pub fn date(d: NaiveDate, lang: Language) -> String {
    match lang {
        Language::Fr => d.format("%d/%m/%Y").to_string(),
        Language::En => d.format("%Y-%m-%d").to_string(),
    }
}

/// A table whose columns are padded to their widest cell.
pub struct Table {
    headers: Vec<String>,
    /// Right-aligned columns (numbers, amounts).
    right: Vec<bool>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(columns: &[(&str, bool)]) -> Table {
        Table {
            headers: columns.iter().map(|(h, _)| h.to_string()).collect(),
            right: columns.iter().map(|(_, r)| *r).collect(),
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }

    pub fn render(&self) -> String {
        let width = |s: &str| s.chars().count();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| width(h)).collect();
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate() {
                if let Some(w) = widths.get_mut(i) {
                    *w = (*w).max(width(cell));
                }
            }
        }
        let line = |cells: &[String]| {
            let parts: Vec<String> = cells
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let pad = " ".repeat(widths.get(i).copied().unwrap_or(0).saturating_sub(width(c)));
                    if self.right.get(i).copied().unwrap_or(false) {
                        format!("{pad}{c}")
                    } else {
                        format!("{c}{pad}")
                    }
                })
                .collect();
            parts.join("  ").trim_end().to_string()
        };
        let mut out = line(&self.headers);
        for row in &self.rows {
            out.push('\n');
            out.push_str(&line(row));
        }
        out
    }
}

/// Writes to standard output. A closed pipe (`relance overdue | head`) is not an error worth a panic.
pub fn print(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{text}");
}

/// Writes one line to standard error.
pub fn eprint(text: &str) {
    use std::io::Write;
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{text}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_in_both_languages() {
        let m = |c| Money::from_cents(c);
        assert_eq!(amount(m(123_456), Language::Fr), "1\u{a0}234,56\u{a0}€");
        assert_eq!(amount(m(5), Language::Fr), "0,05\u{a0}€");
        assert_eq!(amount(m(123_456_789), Language::En), "€1,234,567.89");
        assert_eq!(amount(m(-99_900), Language::En), "-€999.00");
        assert_eq!(amount(m(12), Language::En), "€0.12");
    }

    #[test]
    fn tables_align_accented_text_and_right_align_numbers() {
        let mut t = Table::new(&[("Client", false), ("Dû", true)]);
        t.push(vec!["Café Émile".into(), "1,00".into()]);
        t.push(vec!["X".into(), "1 000,00".into()]);
        assert_eq!(t.render(), "Client            Dû\nCafé Émile      1,00\nX           1 000,00");
    }
}
