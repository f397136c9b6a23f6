//! Amounts, dates and rates as printed in a letter, per language.

use chrono::NaiveDate;
use relance_domain::money::Money;
use rust_decimal::Decimal;

use crate::letters::Lang;

const NBSP: char = '\u{00A0}';

fn group(digits: &str, sep: char) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// `1 234,50 €` in French (no-break spaces), `€1,234.50` in English.
pub fn money(m: Money, lang: Lang) -> String {
    let cents = m.cents();
    let sign = if cents < 0 { "-" } else { "" };
    let a = cents.unsigned_abs();
    let (units, frac) = (a / 100, a % 100);
    match lang {
        Lang::Fr => format!("{sign}{},{frac:02}{NBSP}€", group(&units.to_string(), NBSP)),
        Lang::En => format!("{sign}€{}.{frac:02}", group(&units.to_string(), ',')),
    }
}

/// `05/03/2026` in French, `5 March 2026` in English.
pub fn date(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Fr => d.format("%d/%m/%Y").to_string(),
        Lang::En => d.format("%-d %B %Y").to_string(),
    }
}

/// `31/01/2026` in both languages: the short form for tables.
pub fn short_date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// `12,15 %` in French, `12.15%` in English: a rate in percent, trailing zeros dropped.
pub fn rate(r: Decimal, lang: Lang) -> String {
    let text = r.normalize().to_string();
    match lang {
        Lang::Fr => format!("{}{NBSP}%", text.replace('.', ",")),
        Lang::En => format!("{text}%"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_dates_and_rates() {
        assert_eq!(money(Money::from_cents(123_450), Lang::Fr), "1\u{a0}234,50\u{a0}€");
        assert_eq!(money(Money::from_cents(4000), Lang::Fr), "40,00\u{a0}€");
        assert_eq!(money(Money::from_cents(-100_000_005), Lang::En), "-€1,000,000.05");
        let d = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap_or_default();
        assert_eq!(date(d, Lang::Fr), "05/03/2026");
        assert_eq!(date(d, Lang::En), "5 March 2026");
        assert_eq!(rate(Decimal::new(1215, 2), Lang::Fr), "12,15\u{a0}%");
        assert_eq!(rate(Decimal::new(1200, 2), Lang::En), "12%");
    }
}
