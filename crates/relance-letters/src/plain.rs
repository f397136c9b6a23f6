//! The plain text of a laid-out [`Document`], for the body of an e-mail that carries the same letter
//! as its PDF: one source for both, the sentences are never written twice.
//!
//! Text runs are regrouped into lines by their baseline and read left to right. A line of one run
//! (a paragraph's line, an address line) starts at the left edge; a line of several runs (a table's
//! row) keeps its columns: each run is placed at its column in characters, right-aligned runs (the
//! amounts, whose right edges line up on the page) by their right edge. A vertical gap wider than a
//! line makes a blank line. What every page repeats is left out: the letterhead, the footer (bank
//! details) and the page numbers, outside the body's band; a table header repeated at the top of a
//! following page is not written again.

use std::collections::BTreeMap;

use crate::font::{Fonts, Size};
use crate::layout::{Document, ItemKind, BODY_BOTTOM, BODY_TOP, MARGIN};

/// A run placed on a line: its left and right edges in milli-points, its size and text.
struct Run {
    x: i32,
    right: i32,
    size: Size,
    text: String,
}

/// The width of one character of text in the plain rendering, for `size`: the average advance of
/// DejaVu Sans (a little over half the size).
fn char_width(size: Size) -> i32 {
    (size.mpt() * 11 / 20).max(1)
}

/// The document as plain text (see the module). `fonts` measures runs to find their right edges.
pub fn render(doc: &Document, fonts: &Fonts) -> String {
    let mut out: Vec<String> = Vec::new();
    for (n, page) in doc.pages.iter().enumerate() {
        let mut lines: BTreeMap<i32, Vec<Run>> = BTreeMap::new();
        for item in &page.items {
            if let ItemKind::Text { text, size, weight } = &item.kind {
                if item.y <= BODY_TOP || item.y > BODY_BOTTOM || text.trim().is_empty() {
                    continue;
                }
                let right = item.x + fonts.width(*weight, *size, text);
                lines.entry(item.y).or_default().push(Run { x: item.x, right, size: *size, text: text.clone() });
            }
        }
        // Right edges shared by runs of different lines, not at the same left edge: right-aligned columns.
        let mut rights: BTreeMap<i32, Vec<i32>> = BTreeMap::new();
        for runs in lines.values() {
            if runs.len() > 1 {
                for r in runs {
                    rights.entry(r.right).or_default().push(r.x);
                }
            }
        }
        let right_aligned =
            |r: &Run| rights.get(&r.right).is_some_and(|xs| xs.len() > 1 && xs.iter().any(|x| *x != r.x));
        let mut page_lines: Vec<String> = Vec::new();
        let mut last: Option<(i32, Size)> = None;
        for (y, mut runs) in lines {
            runs.sort_by_key(|r| r.x);
            if let Some((prev_y, prev_size)) = last {
                if y - prev_y > prev_size.mpt() * 3 / 2 + 2_000 {
                    page_lines.push(String::new());
                }
            }
            last = Some((y, runs.iter().map(|r| r.size).max().unwrap_or(Size(100))));
            let line = if runs.len() == 1 {
                runs[0].text.clone()
            } else {
                let mut line = String::new();
                for r in &runs {
                    let unit = char_width(r.size);
                    let len = i32::try_from(r.text.chars().count()).unwrap_or(i32::MAX);
                    let column = if right_aligned(r) {
                        (r.right - MARGIN) / unit - len
                    } else {
                        (r.x - MARGIN + unit / 2) / unit
                    };
                    let have = i32::try_from(line.chars().count()).unwrap_or(i32::MAX);
                    let pad = if have == 0 { column.max(0) } else { (column - have).max(1) };
                    line.extend(std::iter::repeat_n(' ', usize::try_from(pad).unwrap_or(1)));
                    line.push_str(&r.text);
                }
                line.trim_end().to_string()
            };
            page_lines.push(line);
        }
        // A table header repeated at the top of a following page.
        if n > 0 {
            if let Some(first) = page_lines.first() {
                if out.contains(first) {
                    page_lines.remove(0);
                }
            }
            if !page_lines.is_empty() && out.last().is_some_and(|l| !l.is_empty()) {
                out.push(String::new());
            }
        }
        out.extend(page_lines);
    }
    let mut text = out.join("\n");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    fn fonts() -> &'static Fonts {
        match Fonts::get() {
            Ok(f) => f,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn a_reminder_reads_as_lines_with_its_table_in_columns_and_without_letterhead_or_page_numbers() {
        let doc = match crate::reminder(&sample::reminder("Boulangerie Ménard & Fils", crate::ReminderLevel::Friendly))
        {
            Ok(d) => d,
            Err(e) => panic!("{e}"),
        };
        let text = render(&doc, fonts());
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines.contains(&"Boulangerie Ménard & Fils"), "{text}");
        assert!(lines.contains(&"Madame, Monsieur,"), "{text}");
        assert!(text.contains("Objet : Relance de factures échues"), "{text}");
        // Paragraph lines are kept as laid out, one paragraph after a blank line.
        let para = lines.iter().position(|l| l.starts_with("Sauf erreur")).unwrap_or(usize::MAX);
        assert!(para < lines.len() && lines[para - 1].is_empty(), "{text}");
        // The table's rows: every cell, in order, the amounts' right edges aligned.
        let row = lines.iter().find(|l| l.starts_with("F-2026-0012")).copied().unwrap_or_default();
        let cells: Vec<&str> = row.split("  ").map(str::trim).filter(|c| !c.is_empty()).collect();
        assert_eq!(
            cells,
            [
                "F-2026-0012",
                "01/01/2026",
                "31/01/2026",
                "1\u{a0}234,50\u{a0}€",
                "0,00\u{a0}€",
                "1\u{a0}234,50\u{a0}€",
                "44 j"
            ],
            "{text}"
        );
        let other = lines.iter().find(|l| l.starts_with("F-2026-0019")).copied().unwrap_or_default();
        // The last amount of each row (what remains due) ends in the same column.
        let last_amount_end = |line: &str| line.rfind('€').map(|i| line[..i].chars().count());
        assert!(last_amount_end(row).is_some());
        assert_eq!(last_amount_end(row), last_amount_end(other), "{text}");
        // Not the letterhead, the footer nor the page number.
        assert!(!text.contains("Page 1"), "{text}");
        assert!(!text.contains("compta@atelier-lumiere.fr"), "{text}");
        assert!(!text.contains("SIRET 732"), "{text}");
        assert!(text.contains("salutations distinguées"), "{text}");
    }

    #[test]
    fn a_long_notice_keeps_every_sentence_once_and_its_legal_mentions() {
        let mut notice = sample::notice("SARL Dupont");
        let first = notice.invoices[0].clone();
        for i in 0..60 {
            let mut more = first.clone();
            more.line.number = format!("F-2025-{i:04}");
            notice.invoices.push(more);
        }
        let doc = match crate::notice(&notice) {
            Ok(d) => d,
            Err(e) => panic!("{e}"),
        };
        assert!(doc.pages.len() > 1);
        let text = render(&doc, fonts());
        // Each invoice as often as in the letter (its row, its penalty lines), not more: the table
        // header repeated on the next page is written once.
        let all = doc.text();
        for i in 0..60 {
            let number = format!("F-2025-{i:04}");
            assert_eq!(text.matches(&number).count(), all.matches(&number).count(), "{text}");
        }
        assert!(text.matches("Déjà réglé").count() < all.matches("Déjà réglé").count(), "{text}");
        assert!(text.contains("Mise en demeure de payer"), "{text}");
        assert!(text.contains("40"), "{text}");
        assert!(text.contains("L441-10") && text.contains("D441-5"), "{text}");
        assert!(!text.contains("Page 2"), "{text}");
        // Only what the letter draws: every line is a line of the PDF's text.
        for line in text.lines().filter(|l| !l.is_empty() && !l.contains("  ")) {
            assert!(all.contains(line), "{line:?} is not in the letter");
        }
    }
}
