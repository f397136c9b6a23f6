//! A small, pure layout model: A4 pages of positioned text runs and rules, in milli-points from the
//! top-left corner. [`Flow`] fills pages from top to bottom (paragraphs broken into lines by measuring
//! glyph advances, tables with right-aligned amount columns and their header repeated after a page
//! break), then [`Flow::finish`] draws the letterhead, the footer and "Page n / N" on every page.
//! [`Document::snapshot`] prints the result as text for review and tests.

use std::fmt::Write as _;
use std::sync::Arc;

use crate::font::{Fonts, Size, Weight};
use crate::logo::Logo;

/// A4 in milli-points (210 x 297 mm).
pub const PAGE_WIDTH: i32 = 595_276;
pub const PAGE_HEIGHT: i32 = 841_890;
/// 20 mm.
pub const MARGIN: i32 = 56_693;
/// Where the body starts, below the letterhead.
pub const BODY_TOP: i32 = 150_000;
/// Where the body must end, above the footer.
pub const BODY_BOTTOM: i32 = PAGE_HEIGHT - 80_000;
pub const CONTENT_WIDTH: i32 = PAGE_WIDTH - 2 * MARGIN;

pub const BODY: Size = Size(100);
pub const SMALL: Size = Size(80);
pub const TITLE: Size = Size(130);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemKind {
    Text {
        text: String,
        size: Size,
        weight: Weight,
    },
    /// A horizontal rule `width` long.
    Rule {
        width: i32,
        thickness: i32,
    },
    /// The document's logo drawn `width` x `height`; `y` is its bottom edge.
    Logo {
        width: i32,
        height: i32,
    },
}

/// One thing drawn: `x` from the left edge, `y` its baseline from the top edge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub x: i32,
    pub y: i32,
    pub kind: ItemKind,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub title: String,
    /// The sender, written in the file's properties.
    pub author: String,
    /// The letter's date, written as the file's creation date (the layout reads no clock).
    pub date: Option<chrono::NaiveDate>,
    pub pages: Vec<Page>,
    /// The company's logo, drawn where a page has an `ItemKind::Logo`: embedded once in the file.
    pub logo: Option<Arc<Logo>>,
}

fn pt(mpt: i32) -> String {
    let sign = if mpt < 0 { "-" } else { "" };
    let a = mpt.unsigned_abs();
    format!("{sign}{}.{:02}", a / 1000, (a % 1000) / 10)
}

impl Document {
    /// Every item of every page, one a line: `p1 56.69,70.00 10.0pt B "text"` (positions in points).
    pub fn snapshot(&self) -> String {
        let mut out = String::new();
        for (n, page) in self.pages.iter().enumerate() {
            for item in &page.items {
                let _ = match &item.kind {
                    ItemKind::Text { text, size, weight } => writeln!(
                        out,
                        "p{} {},{} {}.{}pt {} {:?}",
                        n + 1,
                        pt(item.x),
                        pt(item.y),
                        size.0 / 10,
                        size.0 % 10,
                        if *weight == Weight::Bold { "B" } else { "R" },
                        text
                    ),
                    ItemKind::Rule { width, thickness } => {
                        writeln!(
                            out,
                            "p{} {},{} rule {} x {}",
                            n + 1,
                            pt(item.x),
                            pt(item.y),
                            pt(*width),
                            pt(*thickness)
                        )
                    }
                    ItemKind::Logo { width, height } => {
                        writeln!(out, "p{} {},{} logo {} x {}", n + 1, pt(item.x), pt(item.y), pt(*width), pt(*height))
                    }
                };
            }
        }
        out
    }

    /// Several letters in one file, each starting on a new page with its own page numbers.
    pub fn batch(title: &str, letters: Vec<Document>) -> Document {
        let author = letters.first().map(|d| d.author.clone()).unwrap_or_default();
        let date = letters.first().and_then(|d| d.date);
        // One sender, one logo: every letter's letterhead refers to the same image.
        let logo = letters.iter().find_map(|d| d.logo.clone());
        Document {
            title: title.to_string(),
            author,
            date,
            logo,
            pages: letters.into_iter().flat_map(|d| d.pages).collect(),
        }
    }

    /// Every text run of the document in reading order, joined by spaces (for tests).
    pub fn text(&self) -> String {
        let mut parts = Vec::new();
        for page in &self.pages {
            for item in &page.items {
                if let ItemKind::Text { text, .. } = &item.kind {
                    parts.push(text.as_str());
                }
            }
        }
        parts.join(" ")
    }
}

/// Breaks `text` (cleaned) into lines no wider than `width`: greedy on spaces, and a word wider than
/// the line is cut between characters.
pub fn wrap(fonts: &Fonts, weight: Weight, size: Size, text: &str, width: i32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
        if fonts.width(weight, size, &candidate) <= width {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if fonts.width(weight, size, word) <= width {
            line = word.to_string();
            continue;
        }
        for c in word.chars() {
            let mut next = line.clone();
            next.push(c);
            if fonts.width(weight, size, &next) > width && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                line.push(c);
            } else {
                line = next;
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// `text` (cleaned) cut with an ellipsis so that it fits in `width`.
pub fn ellipsize(fonts: &Fonts, weight: Weight, size: Size, text: &str, width: i32) -> String {
    if fonts.width(weight, size, text) <= width {
        return text.to_string();
    }
    let mut kept: Vec<char> = text.chars().collect();
    while !kept.is_empty() {
        kept.pop();
        let candidate = format!("{}…", kept.iter().collect::<String>().trim_end());
        if fonts.width(weight, size, &candidate) <= width {
            return candidate;
        }
    }
    String::new()
}

/// A table column: its title, width and alignment (amounts right-aligned).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub title: String,
    pub width: i32,
    pub align: Align,
}

impl Column {
    pub fn left(title: &str, width: i32) -> Column {
        Column { title: title.to_string(), width, align: Align::Left }
    }
    pub fn right(title: &str, width: i32) -> Column {
        Column { title: title.to_string(), width, align: Align::Right }
    }
}

/// Rows of single-line cells, each cut with an ellipsis to its column; `total` is drawn bold under a rule.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
    pub total: Option<Vec<String>>,
}

/// The identity printed on every page: the letterhead and the footer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Frame {
    /// The company's name, drawn bold.
    pub name: String,
    /// Smaller lines under it: legal ids, address, contact.
    pub lines: Vec<String>,
    /// The footer line (bank details).
    pub footer: String,
    /// "Page {n} / {total}" in the letter's language; `{n}` and `{total}` are replaced.
    pub page_label: String,
    /// The company's logo, top right of the letterhead, fitted in [`LOGO_BOX_WIDTH`] x [`LOGO_BOX_HEIGHT`].
    pub logo: Option<Arc<Logo>>,
}

/// The logo's box in the letterhead: 45 x 20 mm, right-aligned on the margin.
pub const LOGO_BOX_WIDTH: i32 = 127_559;
pub const LOGO_BOX_HEIGHT: i32 = 56_693;
/// Between the letterhead's text and the logo.
const LOGO_GAP: i32 = 12_000;

/// Fills pages from top to bottom.
pub struct Flow<'f> {
    fonts: &'f Fonts,
    pages: Vec<Page>,
    y: i32,
}

const CELL_GAP: i32 = 6_000;

fn line_height(size: Size) -> i32 {
    size.mpt() * 3 / 2
}

impl<'f> Flow<'f> {
    pub fn new(fonts: &'f Fonts) -> Flow<'f> {
        Flow { fonts, pages: vec![Page::default()], y: BODY_TOP }
    }

    pub fn fonts(&self) -> &'f Fonts {
        self.fonts
    }

    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Starts a new page.
    pub fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = BODY_TOP;
    }

    /// Makes room for `height`, on a new page if this one is too full.
    pub fn ensure(&mut self, height: i32) {
        if self.y + height > BODY_BOTTOM && self.y > BODY_TOP {
            self.new_page();
        }
    }

    /// Vertical space (dropped at the top of a page).
    pub fn space(&mut self, height: i32) {
        if self.y > BODY_TOP {
            self.y = (self.y + height).min(BODY_BOTTOM);
        }
    }

    fn put(&mut self, x: i32, text: String, size: Size, weight: Weight) {
        let y = self.y + size.mpt();
        self.page().items.push(Item { x, y, kind: ItemKind::Text { text, size, weight } });
    }

    /// A paragraph in the body's full width, broken into lines (cleaned first: it may hold users' text).
    pub fn paragraph(&mut self, text: &str, size: Size, weight: Weight) {
        self.paragraph_in(MARGIN, CONTENT_WIDTH, text, size, weight);
    }

    /// A paragraph in a box `width` wide starting at `x`.
    pub fn paragraph_in(&mut self, x: i32, width: i32, text: &str, size: Size, weight: Weight) {
        let clean = self.fonts.clean(text);
        let lines = wrap(self.fonts, weight, size, &clean, width);
        // A short paragraph is kept whole on one page (no line left alone at a page's top or foot).
        if lines.len() <= 4 {
            self.ensure(line_height(size) * i32::try_from(lines.len()).unwrap_or(4));
        }
        for line in lines {
            self.ensure(line_height(size));
            self.put(x, line, size, weight);
            self.y += line_height(size);
        }
    }

    /// A paragraph of at most `max_lines` lines in its box, the last one cut with an ellipsis when the
    /// text is longer (a name, an address line from users).
    pub fn lines_in(&mut self, x: i32, width: i32, text: &str, size: Size, weight: Weight, max_lines: usize) {
        let clean = self.fonts.clean(text);
        let lines = wrap(self.fonts, weight, size, &clean, width);
        let cut = lines.len() > max_lines;
        for (i, line) in lines.iter().take(max_lines).enumerate() {
            let shown = if cut && i + 1 == max_lines {
                ellipsize(self.fonts, weight, size, &format!("{line} …"), width)
            } else {
                line.clone()
            };
            self.ensure(line_height(size));
            self.put(x, shown, size, weight);
            self.y += line_height(size);
        }
    }

    /// One line cut with an ellipsis to `width`, aligned in its box.
    pub fn line_in(&mut self, x: i32, width: i32, text: &str, size: Size, weight: Weight, align: Align) {
        self.ensure(line_height(size));
        self.cell(x, width, text, size, weight, align);
        self.y += line_height(size);
    }

    fn cell(&mut self, x: i32, width: i32, text: &str, size: Size, weight: Weight, align: Align) {
        let clean = self.fonts.clean(text);
        let shown = ellipsize(self.fonts, weight, size, &clean, width);
        if shown.is_empty() {
            return;
        }
        let x = match align {
            Align::Left => x,
            Align::Right => x + width - self.fonts.width(weight, size, &shown),
        };
        self.put(x, shown, size, weight);
    }

    fn rule(&mut self, x: i32, width: i32, thickness: i32) {
        let y = self.y;
        self.page().items.push(Item { x, y, kind: ItemKind::Rule { width, thickness } });
    }

    fn row(&mut self, columns: &[Column], cells: &[String], size: Size, weight: Weight) {
        let mut x = MARGIN;
        for (col, text) in columns.iter().zip(cells) {
            self.cell(x, col.width - CELL_GAP, text, size, weight, col.align);
            x += col.width;
        }
        self.y += line_height(size);
    }

    fn table_header(&mut self, table: &Table, size: Size) {
        if table.columns.iter().all(|c| c.title.is_empty()) {
            return;
        }
        let titles: Vec<String> = table.columns.iter().map(|c| c.title.clone()).collect();
        self.row(&table.columns, &titles, size, Weight::Bold);
        let width = table.columns.iter().map(|c| c.width).sum::<i32>() - CELL_GAP;
        self.y -= size.mpt() / 3;
        self.rule(MARGIN, width, 500);
        self.y += size.mpt() / 3;
    }

    /// A table; its header is drawn again at the top of each page it runs onto.
    pub fn table(&mut self, table: &Table, size: Size) {
        let row_height = line_height(size);
        self.ensure(row_height * 3);
        self.table_header(table, size);
        for cells in &table.rows {
            if self.y + row_height > BODY_BOTTOM {
                self.new_page();
                self.table_header(table, size);
            }
            self.row(&table.columns, cells, size, Weight::Regular);
        }
        if let Some(total) = &table.total {
            self.ensure(row_height * 2);
            let width = table.columns.iter().map(|c| c.width).sum::<i32>() - CELL_GAP;
            self.y -= size.mpt() / 3;
            self.rule(MARGIN, width, 500);
            self.y += size.mpt() / 3;
            self.row(&table.columns, total, size, Weight::Bold);
        }
    }

    /// Draws the letterhead, the footer and the page numbers on every page.
    pub fn finish(mut self, title: &str, frame: &Frame) -> Document {
        let total = self.pages.len();
        let fonts = self.fonts;
        // With a logo, the name and lines keep to the left of its box (fitted without distortion).
        let logo = frame.logo.as_ref().map(|l| l.fit(LOGO_BOX_WIDTH, LOGO_BOX_HEIGHT));
        let text_width = if logo.is_some() { CONTENT_WIDTH - LOGO_BOX_WIDTH - LOGO_GAP } else { CONTENT_WIDTH };
        for (n, page) in self.pages.iter_mut().enumerate() {
            let mut head = Vec::new();
            if let Some((width, height)) = logo {
                head.push(Item {
                    x: MARGIN + CONTENT_WIDTH - width,
                    y: MARGIN + height,
                    kind: ItemKind::Logo { width, height },
                });
            }
            let name = ellipsize(fonts, Weight::Bold, TITLE, &fonts.clean(&frame.name), text_width);
            let mut y = MARGIN + TITLE.mpt();
            head.push(Item { x: MARGIN, y, kind: ItemKind::Text { text: name, size: TITLE, weight: Weight::Bold } });
            y += 4_000;
            for line in frame.lines.iter().take(4) {
                y += line_height(SMALL);
                let text = ellipsize(fonts, Weight::Regular, SMALL, &fonts.clean(line), text_width);
                head.push(Item { x: MARGIN, y, kind: ItemKind::Text { text, size: SMALL, weight: Weight::Regular } });
            }
            y += 6_000;
            // The rule stays under the logo when the logo is taller than the text.
            let y = logo.map_or(y, |(_, h)| y.max(MARGIN + h + 6_000));
            head.push(Item { x: MARGIN, y, kind: ItemKind::Rule { width: CONTENT_WIDTH, thickness: 700 } });
            let foot_rule = PAGE_HEIGHT - MARGIN - 2 * line_height(SMALL);
            head.push(Item { x: MARGIN, y: foot_rule, kind: ItemKind::Rule { width: CONTENT_WIDTH, thickness: 400 } });
            let label = frame.page_label.replace("{n}", &(n + 1).to_string()).replace("{total}", &total.to_string());
            let label_width = fonts.width(Weight::Regular, SMALL, &label);
            let foot_y = PAGE_HEIGHT - MARGIN - line_height(SMALL) / 2;
            let footer = ellipsize(
                fonts,
                Weight::Regular,
                SMALL,
                &fonts.clean(&frame.footer),
                CONTENT_WIDTH - label_width - 12_000,
            );
            head.push(Item {
                x: MARGIN,
                y: foot_y,
                kind: ItemKind::Text { text: footer, size: SMALL, weight: Weight::Regular },
            });
            head.push(Item {
                x: MARGIN + CONTENT_WIDTH - label_width,
                y: foot_y,
                kind: ItemKind::Text { text: label, size: SMALL, weight: Weight::Regular },
            });
            head.append(&mut page.items);
            page.items = head;
        }
        Document {
            title: title.to_string(),
            author: frame.name.clone(),
            date: None,
            pages: self.pages,
            logo: frame.logo.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> &'static Fonts {
        match Fonts::get() {
            Ok(f) => f,
            Err(e) => panic!("{e}"),
        }
    }

    fn texts(doc: &Document, page: usize) -> Vec<(i32, i32, String)> {
        doc.pages[page]
            .items
            .iter()
            .filter_map(|i| match &i.kind {
                ItemKind::Text { text, .. } => Some((i.x, i.y, text.clone())),
                ItemKind::Rule { .. } | ItemKind::Logo { .. } => None,
            })
            .collect()
    }

    #[test]
    fn lines_are_broken_on_spaces_within_the_width() {
        let f = fonts();
        let text = "Sauf erreur ou omission de notre part, nous n'avons pas encore reçu le règlement des factures.";
        let width = 150_000;
        let lines = wrap(f, Weight::Regular, BODY, text, width);
        assert!(lines.len() >= 3, "{lines:?}");
        assert!(lines.iter().all(|l| f.width(Weight::Regular, BODY, l) <= width), "{lines:?}");
        assert_eq!(lines.join(" "), text);
        // Each line takes as many words as fit: the next word would not have.
        for pair in lines.windows(2) {
            let first_next = pair[1].split(' ').next().unwrap_or("");
            assert!(f.width(Weight::Regular, BODY, &format!("{} {first_next}", pair[0])) > width);
        }
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut_between_characters() {
        let f = fonts();
        let word = "Anticonstitutionnellement".repeat(8);
        let lines = wrap(f, Weight::Bold, BODY, &word, 100_000);
        assert!(lines.len() > 4);
        assert!(lines.iter().all(|l| f.width(Weight::Bold, BODY, l) <= 100_000));
        assert_eq!(lines.concat(), word);
    }

    #[test]
    fn ellipsis_keeps_a_cell_in_its_column() {
        let f = fonts();
        let cut = ellipsize(f, Weight::Regular, SMALL, "F-2026-000000000000000000000000012", 60_000);
        assert!(cut.ends_with('…'), "{cut}");
        assert!(f.width(Weight::Regular, SMALL, &cut) <= 60_000);
        assert_eq!(ellipsize(f, Weight::Regular, SMALL, "F-12", 60_000), "F-12");
    }

    #[test]
    fn measured_advances_come_from_the_font() {
        let f = fonts();
        // DejaVu Sans: 2048 units per em, 'i' advances 569 units: 5.56 pt at 20 pt.
        assert_eq!(f.width(Weight::Regular, Size(200), "i"), 569 * 20_000 / 2048);
        assert!(f.width(Weight::Regular, BODY, "WWW") > f.width(Weight::Regular, BODY, "iii") * 3);
        assert!(f.width(Weight::Bold, BODY, "Relance") > f.width(Weight::Regular, BODY, "Relance"));
    }

    #[test]
    fn amounts_are_right_aligned_and_headers_repeat_after_a_page_break() {
        let f = fonts();
        let mut flow = Flow::new(f);
        let table = Table {
            columns: vec![Column::left("Facture", 100_000), Column::right("Montant", 90_000)],
            rows: (1..=120).map(|n| vec![format!("F-{n}"), format!("{n},00 €")]).collect(),
            total: Some(vec!["Total".into(), "7 260,00 €".into()]),
        };
        flow.table(&table, SMALL);
        let frame = Frame { name: "Atelier".into(), page_label: "Page {n} / {total}".into(), ..Frame::default() };
        let doc = flow.finish("t", &frame);
        assert!(doc.pages.len() >= 2, "{} pages", doc.pages.len());
        let right_edge = MARGIN + 100_000 + 90_000 - CELL_GAP;
        let mut amounts = 0;
        for (p, page) in doc.pages.iter().enumerate() {
            let items = texts(&doc, p);
            assert_eq!(items.iter().filter(|(_, _, t)| t == "Facture").count(), 1, "page {} has the header", p + 1);
            assert!(items.iter().any(|(_, _, t)| *t == format!("Page {} / {}", p + 1, doc.pages.len())));
            for item in &page.items {
                let ItemKind::Text { text, size, weight } = &item.kind else { continue };
                if text.ends_with('€') {
                    amounts += 1;
                    assert_eq!(item.x + f.width(*weight, *size, text), right_edge, "{text} ends on the column's edge");
                }
                if text.starts_with("F-") {
                    assert!(item.y <= BODY_BOTTOM && item.y > BODY_TOP, "{text} at {} stays in the body", item.y);
                }
            }
        }
        assert_eq!(amounts, 121);
        let all = doc.text();
        assert!(all.contains("F-1 ") && all.contains("F-120 ") && all.contains("Total"));
    }

    #[test]
    fn hostile_text_is_cleaned() {
        let f = fonts();
        // Bidi overrides and control characters dropped, line breaks become spaces, characters the
        // font lacks (a crab, CJK) one replacement character; markup is plain text.
        let clean = f.clean("A\u{202E}B\u{0007}\nC\tD 🦀漢 <b>x</b>\u{00A0}€");
        assert_eq!(clean, "AB C D \u{FFFD} <b>x</b>\u{00A0}€");
        assert!(f.has('é') && f.has('€') && f.has('œ') && f.has('«') && f.has('ש') && f.has('😀'));
        assert!(!f.has('🦀') && !f.has('漢'));
    }
}
