//! Small steps the scenarios share: waiting on CSS selectors, reading
//! amounts with plain spaces, and date arithmetic on what the UI shows.

use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use fantoccini::Locator;

use crate::{App, DEFAULT_TIMEOUT};

/// Amounts are grouped with narrow no-break spaces and the euro sign follows
/// a no-break space: compare them with plain spaces.
pub fn plain(text: &str) -> String {
    text.replace(['\u{202f}', '\u{a0}'], " ")
}

/// Waits until the CSS selector matches an element whose text satisfies `accept`.
#[track_caller]
pub fn wait_css(app: &App, css: &str, accept: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + DEFAULT_TIMEOUT;
    let mut last = None;
    loop {
        let seen = app.block_on(async {
            let element = app.client().find(Locator::Css(css)).await.ok()?;
            element.text().await.ok()
        });
        if let Some(text) = seen.as_deref().map(plain) {
            if accept(&text) {
                return text;
            }
            last = Some(text);
        }
        assert!(Instant::now() < deadline, "{css:?} never showed the expected text; last seen: {last:?}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Waits until the test id shows text satisfying `accept`, compared with plain spaces.
#[track_caller]
pub fn wait_text(app: &App, testid: &str, accept: impl Fn(&str) -> bool) -> String {
    plain(&app.wait_for_text(testid, |t| accept(&plain(t)), DEFAULT_TIMEOUT))
}

/// Waits until the element with this test id has the keyboard focus.
#[track_caller]
pub fn wait_focused(app: &App, testid: &str) {
    let deadline = Instant::now() + DEFAULT_TIMEOUT;
    let script = format!(
        "return document.activeElement !== null && document.activeElement.getAttribute('data-testid') === {};",
        serde_json::to_string(testid).expect("a test id is a string")
    );
    loop {
        let focused = app.block_on(app.client().execute(&script, Vec::new()));
        if matches!(focused, Ok(serde_json::Value::Bool(true))) {
            return;
        }
        assert!(Instant::now() < deadline, "{testid} never got the focus");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Picks `value` in a select as the user's choice does: sets it and sends `change`. (A WebDriver
/// click on an <option> was seen to close a question the change opens, through the native list's
/// own closing, so it cannot stand for the user.)
#[track_caller]
pub fn choose(app: &App, testid: &str, value: &str) {
    let script = "const s = document.querySelector(`[data-testid=\"${arguments[0]}\"]`); \
                  Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set.call(s, arguments[1]); \
                  s.dispatchEvent(new Event('change', { bubbles: true }));";
    let args = vec![serde_json::Value::String(testid.to_owned()), serde_json::Value::String(value.to_owned())];
    app.block_on(app.client().execute(script, args)).unwrap_or_else(|e| panic!("choosing {value} in {testid}: {e}"));
}

#[track_caller]
pub fn click_css(app: &App, css: &str) {
    let element = app.block_on(app.client().wait().at_most(DEFAULT_TIMEOUT).for_element(Locator::Css(css)));
    let element = element.unwrap_or_else(|e| panic!("no {css:?}: {e}"));
    app.block_on(element.click()).unwrap_or_else(|e| panic!("clicking {css:?} failed: {e}"));
}

/// How many elements match the CSS selector now.
pub fn count(app: &App, css: &str) -> usize {
    app.block_on(app.client().find_all(Locator::Css(css))).map(|v| v.len()).unwrap_or(0)
}

/// The current value of an input.
#[track_caller]
pub fn value_of(app: &App, testid: &str) -> String {
    let element = app.find(testid);
    app.block_on(element.prop("value")).ok().flatten().unwrap_or_default()
}

/// Waits until the input with this test id holds `want`: forms fill their
/// fields after their data arrives, a frame or more after they show.
#[track_caller]
pub fn wait_value(app: &App, testid: &str, want: &str) {
    let deadline = Instant::now() + DEFAULT_TIMEOUT;
    loop {
        let value = value_of(app, testid);
        if value == want {
            return;
        }
        assert!(Instant::now() < deadline, "{testid:?} never held {want:?}; last seen: {value:?}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// "23/11/2026" minus `days` (negative: plus) -> "24/09/2026", as the UI types dates.
#[track_caller]
pub fn days_before(ddmmyyyy: &str, days: i64) -> String {
    let date = NaiveDate::parse_from_str(ddmmyyyy, "%d/%m/%Y").unwrap_or_else(|e| panic!("not dd/mm/yyyy: {e}"));
    let moved = if days >= 0 {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    } else {
        date.checked_add_days(Days::new(days.unsigned_abs()))
    };
    moved.expect("a date in range").format("%d/%m/%Y").to_string()
}

/// The `relance` command line built beside the app under test
/// (`RELANCE_E2E_APP`'s folder, else `target/debug`).
pub fn cli_binary() -> std::path::PathBuf {
    let app = std::env::var_os("RELANCE_E2E_APP").map(std::path::PathBuf::from);
    let dir = app
        .and_then(|a| a.parent().map(std::path::PathBuf::from))
        .unwrap_or_else(|| crate::workspace_root().join("target").join("debug"));
    dir.join("relance")
}

/// A decimal amount ("2559.61") as the page shows it once no-break spaces are plain ("2 559,61").
pub fn french_decimal(canonical: &str) -> String {
    let (int, frac) = canonical.split_once('.').unwrap_or((canonical, "00"));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    format!("{out},{frac}")
}

/// The header and rows of a French export (BOM, `;`), read with the csv crate.
pub fn read_fr_csv(path: &std::path::Path) -> (Vec<String>, Vec<Vec<String>>) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a French export starts with a BOM");
    let mut r = csv::ReaderBuilder::new().delimiter(b';').from_reader(&bytes[3..]);
    let header = r.headers().expect("a header").iter().map(str::to_owned).collect();
    let rows = r.records().map(|rec| rec.expect("a row").iter().map(str::to_owned).collect()).collect();
    (header, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_arithmetic_of_the_scenarios() {
        assert_eq!(days_before("23/11/2026", 60), "24/09/2026");
        assert_eq!(days_before("01/03/2024", 1), "29/02/2024");
        assert_eq!(days_before("15/01/2026", 30), "16/12/2025");
        assert_eq!(days_before("24/11/2026", -7), "01/12/2026");
    }

    #[test]
    fn plain_spaces() {
        assert_eq!(plain("1\u{202f}200,00\u{a0}€"), "1 200,00 €");
    }
}
