//! The embedded font (DejaVu Sans and DejaVu Sans Bold, `assets/fonts/`, free licence) and the measure of
//! text in it: glyph advances read from the font's `hmtx`, in milli-points.

use std::sync::OnceLock;

use printpdf::ParsedFont;

use crate::LetterError;

pub(crate) const REGULAR_TTF: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
pub(crate) const BOLD_TTF: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

/// The replacement drawn for a character the font does not have (emoji, rare scripts).
pub const REPLACEMENT: char = '\u{FFFD}';

/// The two faces a letter uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Weight {
    Regular,
    Bold,
}

/// A font size in tenths of a point (`100` = 10 pt).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Size(pub u16);

impl Size {
    /// The size in milli-points.
    pub fn mpt(self) -> i32 {
        i32::from(self.0) * 100
    }
}

/// Both faces, parsed once.
#[derive(Debug)]
pub struct Fonts {
    pub(crate) regular: ParsedFont,
    pub(crate) bold: ParsedFont,
}

static FONTS: OnceLock<Option<Fonts>> = OnceLock::new();

impl Fonts {
    /// The embedded faces, parsed on first use.
    pub fn get() -> Result<&'static Fonts, LetterError> {
        FONTS
            .get_or_init(|| {
                let regular = ParsedFont::from_bytes(REGULAR_TTF, 0, &mut Vec::new())?;
                let bold = ParsedFont::from_bytes(BOLD_TTF, 0, &mut Vec::new())?;
                Some(Fonts { regular, bold })
            })
            .as_ref()
            .ok_or(LetterError::Font("the embedded DejaVu Sans could not be read".into()))
    }

    pub(crate) fn face(&self, weight: Weight) -> &ParsedFont {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    /// Whether both faces draw `c`.
    pub fn has(&self, c: char) -> bool {
        let cp = u32::from(c);
        self.regular.lookup_glyph_index(cp).is_some_and(|g| g != 0)
            && self.bold.lookup_glyph_index(cp).is_some_and(|g| g != 0)
    }

    /// Text from users made safe to lay out: line breaks, tabs and other spaces become plain spaces (no-break
    /// spaces are kept: they hold an amount and its currency together), control and
    /// bidirectional formatting characters are dropped (they could reorder or hide what follows),
    /// and a character the font lacks becomes the replacement character.
    pub fn clean(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            if c.is_whitespace() && c != '\u{00A0}' && c != '\u{202F}' {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
                continue;
            }
            if c.is_control() || is_format(c) {
                continue;
            }
            if self.has(c) {
                out.push(c);
            } else if !out.ends_with(REPLACEMENT) {
                out.push(REPLACEMENT);
            }
        }
        out.trim().to_string()
    }

    /// The advance of `text` at `size`, in milli-points. Characters are expected cleaned;
    /// one the face lacks counts as its `.notdef`.
    pub fn width(&self, weight: Weight, size: Size, text: &str) -> i32 {
        let face = self.face(weight);
        let units: i64 = text
            .chars()
            .map(|c| {
                let gid = face.lookup_glyph_index(u32::from(c)).unwrap_or(0);
                i64::from(face.get_glyph_width(gid).unwrap_or(0))
            })
            .sum();
        let upem = i64::from(face.units_per_em.max(1));
        let mpt = units * i64::from(size.0) * 100 / upem;
        i32::try_from(mpt).unwrap_or(i32::MAX)
    }
}

/// Invisible formatting characters: bidi embeddings, overrides and isolates, marks, zero-width
/// characters and the byte-order mark.
fn is_format(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{061C}')
}
