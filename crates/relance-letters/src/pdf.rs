//! The PDF renderer: a [`Document`] drawn with printpdf 0.12.8 (no default features), DejaVu Sans
//! embedded as a subset.
//!
//! printpdf subsets only with its `text_layout` feature (the azul layout engine); without it the
//! whole font is embedded (388 KB for a one-page letter). So the renderer subsets the faces itself
//! with allsorts (printpdf's own dependency): it keeps `.notdef` and the glyphs of the characters the
//! document uses, renumbers them in that order, and hands printpdf the subset with its own
//! character-to-glyph map and advances. The face is named `XXXXXX+DejaVuSans` as ISO 32000 asks of a
//! subset.
//!
//! This file is the one place in Rust allowed to name `f32` (the tidy test lists it): printpdf's
//! coordinates are `f32` points; ours are integer milli-points, converted here and nowhere else.
//! No money goes through it: amounts are already text.

use std::collections::{BTreeMap, BTreeSet};

use allsorts::{
    binary::read::ReadScope,
    font_data::FontData,
    subset::{subset, CmapTarget, SubsetProfile},
    tag,
};
use printpdf::{
    DictItem, ExternalStream, ExternalXObject, Line, LinePoint, Mm, OffsetDateTime, Op, ParsedFont, PdfDocument,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Px, RawImage, RawImageData, RawImageFormat, TextItem, XObjectId,
    XObjectTransform,
};

use crate::{
    font::{Fonts, Weight, BOLD_TTF, REGULAR_TTF},
    layout::{Document, ItemKind, PAGE_HEIGHT},
    logo::{Logo, LogoFormat},
    LetterError,
};

/// Milli-points to printpdf's points.
#[allow(clippy::float_arithmetic, clippy::cast_precision_loss)]
fn pt(mpt: i32) -> Pt {
    Pt(mpt as f32 / 1000.0)
}

/// A subset tag: six capital letters derived from the glyphs kept.
fn tag(gids: &[u16]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for g in gids {
        h = (h ^ u64::from(*g)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    (0..6)
        .map(|i| {
            let letter = u8::try_from((h >> (i * 8)) % 26).unwrap_or(0);
            char::from(b'A' + letter)
        })
        .collect()
}

/// `face` reduced to `.notdef` and the glyphs of `chars`.
fn subset_face(face: &ParsedFont, bytes: &[u8], name: &str, chars: &BTreeSet<char>) -> Result<ParsedFont, LetterError> {
    let mut by_gid: BTreeMap<u16, Vec<char>> = BTreeMap::new();
    for c in chars {
        if let Some(gid) = face.lookup_glyph_index(u32::from(*c)).filter(|g| *g != 0) {
            by_gid.entry(gid).or_default().push(*c);
        }
    }
    let ids: Vec<u16> = std::iter::once(0).chain(by_gid.keys().copied()).collect();
    let font_file = ReadScope::new(bytes).read::<FontData<'_>>().map_err(|e| LetterError::Font(e.to_string()))?;
    let provider = font_file.table_provider(0).map_err(|e| LetterError::Font(e.to_string()))?;
    // The outlines and metrics only: DejaVu's hinting programs (`fpgm`, `prep`, `cvt `) weigh more than
    // a letter's glyphs, and PDF viewers draw without them.
    let profile = SubsetProfile::Custom(vec![tag::CMAP, tag::HEAD, tag::HHEA, tag::HMTX, tag::MAXP]);
    let program =
        subset(&provider, &ids, &profile, CmapTarget::Unicode).map_err(|e| LetterError::Font(e.to_string()))?;
    let mut reduced = face.clone();
    reduced.original_bytes = program;
    reduced.font_name = Some(format!("{}+{name}", tag(&ids)));
    reduced.codepoint_to_glyph.clear();
    reduced.glyph_widths.clear();
    for (new, old) in ids.iter().enumerate() {
        let new = u16::try_from(new).map_err(|_| LetterError::Font("too many glyphs".into()))?;
        reduced.glyph_widths.insert(new, face.get_glyph_width(*old).unwrap_or(0));
        for c in by_gid.get(old).into_iter().flatten() {
            reduced.codepoint_to_glyph.insert(u32::from(*c), new);
        }
    }
    Ok(reduced)
}

/// Adds the logo to the file's resources, once: a grey or RGB PNG as its own compressed data (`FlateDecode`
/// with the PNG predictors), a PNG with alpha as its decoded pixels (printpdf compresses them, the alpha
/// channel as a soft mask), a JPEG as it is with `DCTDecode`.
fn add_logo(pdf: &mut PdfDocument, logo: &Logo) -> Result<XObjectId, LetterError> {
    let bad = |e: crate::logo::LogoProblem| LetterError::Logo(e.to_string());
    let width = usize::try_from(logo.width).map_err(|e| LetterError::Logo(e.to_string()))?;
    let height = usize::try_from(logo.height).map_err(|e| LetterError::Logo(e.to_string()))?;
    match logo.format {
        LogoFormat::Png if logo.png_stream().is_some() => {
            // Grey or RGB without alpha: the file's own compressed data, read with the PNG predictors.
            let (data, channels) = logo.png_stream().ok_or_else(|| LetterError::Logo("no data".into()))?;
            let colour: &[u8] = if channels == 1 { b"DeviceGray" } else { b"DeviceRGB" };
            let parms = [
                ("Predictor", DictItem::Int(15)),
                ("Colors", DictItem::Int(i64::from(channels))),
                ("BitsPerComponent", DictItem::Int(8)),
                ("Columns", DictItem::Int(i64::from(logo.width))),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
            let dict = [
                ("Type", DictItem::Name(b"XObject".to_vec())),
                ("Subtype", DictItem::Name(b"Image".to_vec())),
                ("Width", DictItem::Int(i64::from(logo.width))),
                ("Height", DictItem::Int(i64::from(logo.height))),
                ("ColorSpace", DictItem::Name(colour.to_vec())),
                ("BitsPerComponent", DictItem::Int(8)),
                ("Filter", DictItem::Name(b"FlateDecode".to_vec())),
                ("DecodeParms", DictItem::Dict { map: parms }),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
            let stream = ExternalStream { dict, content: data, compress: false };
            Ok(pdf.add_xobject(&ExternalXObject {
                stream,
                width: Some(Px(width)),
                height: Some(Px(height)),
                dpi: None,
            }))
        }
        LogoFormat::Png => {
            let px = logo.pixels().map_err(bad)?.ok_or_else(|| LetterError::Logo("no pixels".into()))?;
            let data_format = match px.channels {
                1 => RawImageFormat::R8,
                2 => RawImageFormat::RG8,
                3 => RawImageFormat::RGB8,
                _ => RawImageFormat::RGBA8,
            };
            let image = RawImage { pixels: RawImageData::U8(px.data), width, height, data_format, tag: Vec::new() };
            Ok(pdf.add_image(&image))
        }
        LogoFormat::Jpeg => {
            let colour: &[u8] = if logo.jpeg_components().map_err(bad)? == 1 { b"DeviceGray" } else { b"DeviceRGB" };
            let dict = [
                ("Type", DictItem::Name(b"XObject".to_vec())),
                ("Subtype", DictItem::Name(b"Image".to_vec())),
                ("Width", DictItem::Int(i64::from(logo.width))),
                ("Height", DictItem::Int(i64::from(logo.height))),
                ("ColorSpace", DictItem::Name(colour.to_vec())),
                ("BitsPerComponent", DictItem::Int(8)),
                ("Filter", DictItem::Name(b"DCTDecode".to_vec())),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
            let stream = ExternalStream { dict, content: logo.bytes.clone(), compress: false };
            Ok(pdf.add_xobject(&ExternalXObject {
                stream,
                width: Some(Px(width)),
                height: Some(Px(height)),
                dpi: None,
            }))
        }
    }
}

/// The PDF file of `doc`.
pub fn render(doc: &Document, fonts: &Fonts) -> Result<Vec<u8>, LetterError> {
    let mut used: BTreeMap<Weight, BTreeSet<char>> = BTreeMap::new();
    for page in &doc.pages {
        for item in &page.items {
            if let ItemKind::Text { text, weight, .. } = &item.kind {
                used.entry(*weight).or_default().extend(text.chars());
            }
        }
    }
    let mut pdf = PdfDocument::new(&doc.title);
    pdf.metadata.info.author = doc.author.clone();
    pdf.metadata.info.creator = "Relance".into();
    pdf.metadata.info.producer = "Relance (printpdf)".into();
    if let Some(date) = doc.date {
        let midnight = date.and_hms_opt(0, 0, 0).map(|t| t.and_utc().timestamp()).unwrap_or(0);
        if let Ok(when) = OffsetDateTime::from_unix_timestamp(midnight) {
            pdf.metadata.info.creation_date = when;
            pdf.metadata.info.modification_date = when;
            pdf.metadata.info.metadata_date = when;
        }
    }
    let mut handles = BTreeMap::new();
    for (weight, chars) in &used {
        let (bytes, name) = match weight {
            Weight::Regular => (REGULAR_TTF, "DejaVuSans"),
            Weight::Bold => (BOLD_TTF, "DejaVuSans-Bold"),
        };
        let reduced = subset_face(fonts.face(*weight), bytes, name, chars)?;
        handles.insert(*weight, pdf.add_font(&reduced));
    }
    let uses_logo = doc.pages.iter().flat_map(|p| &p.items).any(|i| matches!(i.kind, ItemKind::Logo { .. }));
    let logo = match (&doc.logo, uses_logo) {
        (Some(logo), true) => Some(add_logo(&mut pdf, logo)?),
        _ => None,
    };
    let mut pages = Vec::with_capacity(doc.pages.len());
    for page in &doc.pages {
        let mut ops = Vec::new();
        for item in &page.items {
            let y = pt(PAGE_HEIGHT - item.y);
            match &item.kind {
                ItemKind::Text { text, size, weight } => {
                    let Some(font) = handles.get(weight) else { continue };
                    ops.push(Op::StartTextSection);
                    ops.push(Op::SetFont { font: PdfFontHandle::External(font.clone()), size: pt(size.mpt()) });
                    ops.push(Op::SetTextCursor { pos: Point { x: pt(item.x), y } });
                    ops.push(Op::ShowText { items: vec![TextItem::Text(text.clone())] });
                    ops.push(Op::EndTextSection);
                }
                ItemKind::Logo { width, height } => {
                    let Some(id) = &logo else { continue };
                    // The image's unit square scaled to its box, its bottom-left corner at (x, y).
                    ops.push(Op::UseXobject {
                        id: id.clone(),
                        transform: XObjectTransform {
                            translate_x: Some(pt(item.x)),
                            translate_y: Some(y),
                            scale_x: Some(pt(*width).0),
                            scale_y: Some(pt(*height).0),
                            no_auto_scale: true,
                            ..XObjectTransform::default()
                        },
                    });
                }
                ItemKind::Rule { width, thickness } => {
                    ops.push(Op::SetOutlineThickness { pt: pt(*thickness) });
                    ops.push(Op::DrawLine {
                        line: Line {
                            points: vec![
                                LinePoint { p: Point { x: pt(item.x), y }, bezier: false },
                                LinePoint { p: Point { x: pt(item.x + width), y }, bezier: false },
                            ],
                            is_closed: false,
                        },
                    });
                }
            }
        }
        pages.push(PdfPage::new(Mm(210.0), Mm(297.0), ops));
    }
    let opts = PdfSaveOptions { subset_fonts: false, ..PdfSaveOptions::default() };
    let mut warnings = Vec::new();
    Ok(pdf.with_pages(pages).save(&opts, &mut warnings))
}
