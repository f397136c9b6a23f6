//! The company's logo: a PNG or a JPEG, checked before it is kept, drawn in the letterhead of every page.
//!
//! A PNG is decoded here (the `png` crate) to 8-bit pixels, which the renderer embeds compressed; a JPEG is
//! embedded as it is (PDF reads JPEG: `DCTDecode`), after its header is read for its size and colours
//! (baseline or progressive, 8 bits, grey or RGB: a CMYK JPEG is refused). In a batch the image is
//! embedded once and every page refers to it.

use std::io::Cursor;

/// At most 1 MB of file.
pub const MAX_BYTES: usize = 1024 * 1024;
/// Each side between 16 and 4000 pixels.
pub const MIN_SIDE: u32 = 16;
pub const MAX_SIDE: u32 = 4000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogoFormat {
    Png,
    Jpeg,
}

impl LogoFormat {
    pub fn media_type(self) -> &'static str {
        match self {
            LogoFormat::Png => "image/png",
            LogoFormat::Jpeg => "image/jpeg",
        }
    }
}

/// A checked logo: the file as chosen, its format and its size in pixels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    pub format: LogoFormat,
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// Why a file is not a logo we can print.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LogoProblem {
    #[error("empty file")]
    Empty,
    #[error("larger than {MAX_BYTES} bytes")]
    TooLarge,
    #[error("not a PNG or JPEG image that can be read")]
    NotAnImage,
    #[error("each side must be between {MIN_SIDE} and {MAX_SIDE} pixels")]
    Dimensions,
}

/// 8-bit pixels of a decoded PNG: 1 (grey), 2 (grey + alpha), 3 (RGB) or 4 (RGBA) channels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pixels {
    pub channels: u8,
    pub data: Vec<u8>,
}

impl Logo {
    /// Checks `bytes` (see the module).
    pub fn check(bytes: &[u8]) -> Result<Logo, LogoProblem> {
        if bytes.is_empty() {
            return Err(LogoProblem::Empty);
        }
        if bytes.len() > MAX_BYTES {
            return Err(LogoProblem::TooLarge);
        }
        let (format, width, height) = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            let (w, h, _) = decode_png(bytes)?;
            (LogoFormat::Png, w, h)
        } else if bytes.starts_with(&[0xFF, 0xD8]) {
            let (w, h, _) = jpeg_header(bytes)?;
            (LogoFormat::Jpeg, w, h)
        } else {
            return Err(LogoProblem::NotAnImage);
        };
        if !(MIN_SIDE..=MAX_SIDE).contains(&width) || !(MIN_SIDE..=MAX_SIDE).contains(&height) {
            return Err(LogoProblem::Dimensions);
        }
        Ok(Logo { format, bytes: bytes.to_vec(), width, height })
    }

    /// A PNG's compressed image data as it is in the file, when PDF can read it without decoding
    /// (8-bit grey or RGB, no alpha, not interlaced): the `IDAT` chunks joined, with its colour channels.
    /// PDF's `FlateDecode` with the PNG predictors reads them (ISO 32000-1, 7.4.4.4).
    pub fn png_stream(&self) -> Option<(Vec<u8>, u8)> {
        if self.format != LogoFormat::Png {
            return None;
        }
        let b = &self.bytes;
        // IHDR: width, height, bit depth, colour type, compression, filter, interlace.
        let ihdr = b.get(16..29)?;
        let (depth, colour, interlace) = (ihdr[8], ihdr[9], ihdr[12]);
        let channels = match colour {
            0 => 1,
            2 => 3,
            _ => return None,
        };
        if depth != 8 || interlace != 0 {
            return None;
        }
        let mut data = Vec::new();
        let mut i = 8;
        while i + 8 <= b.len() {
            let len = usize::try_from(u32::from_be_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]])).ok()?;
            let kind = &b[i + 4..i + 8];
            let body = b.get(i + 8..i + 8 + len)?;
            match kind {
                b"IDAT" => data.extend_from_slice(body),
                // A transparency chunk makes it an image with alpha: decoded instead.
                b"tRNS" => return None,
                b"IEND" => break,
                _ => {}
            }
            i += 12 + len;
        }
        (!data.is_empty()).then_some((data, channels))
    }

    /// The PNG's pixels (none for a JPEG).
    pub fn pixels(&self) -> Result<Option<Pixels>, LogoProblem> {
        match self.format {
            LogoFormat::Png => decode_png(&self.bytes).map(|(_, _, p)| Some(p)),
            LogoFormat::Jpeg => Ok(None),
        }
    }

    /// The JPEG's colour components (1 grey, 3 RGB).
    pub fn jpeg_components(&self) -> Result<u8, LogoProblem> {
        jpeg_header(&self.bytes).map(|(_, _, c)| c)
    }

    /// The largest size with the logo's proportions that fits in `max_w` x `max_h` (milli-points).
    pub fn fit(&self, max_w: i32, max_h: i32) -> (i32, i32) {
        let (w, h) = (i64::from(self.width.max(1)), i64::from(self.height.max(1)));
        let (mw, mh) = (i64::from(max_w), i64::from(max_h));
        // Width-bound when w/h >= mw/mh.
        let (fw, fh) = if w * mh >= h * mw { (mw, mw * h / w) } else { (mh * w / h, mh) };
        (i32::try_from(fw).unwrap_or(max_w).max(1), i32::try_from(fh).unwrap_or(max_h).max(1))
    }
}

fn decode_png(bytes: &[u8]) -> Result<(u32, u32, Pixels), LogoProblem> {
    let mut decoder = png::Decoder::new(Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().map_err(|_| LogoProblem::NotAnImage)?;
    let (width, height) = reader.info().size();
    if !(MIN_SIDE..=MAX_SIDE).contains(&width) || !(MIN_SIDE..=MAX_SIDE).contains(&height) {
        return Err(LogoProblem::Dimensions);
    }
    let size = reader.output_buffer_size().ok_or(LogoProblem::NotAnImage)?;
    let mut data = vec![0; size];
    let info = reader.next_frame(&mut data).map_err(|_| LogoProblem::NotAnImage)?;
    data.truncate(info.buffer_size());
    let channels = match info.color_type {
        png::ColorType::Grayscale => 1,
        png::ColorType::GrayscaleAlpha => 2,
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
        png::ColorType::Indexed => return Err(LogoProblem::NotAnImage),
    };
    if info.bit_depth != png::BitDepth::Eight {
        return Err(LogoProblem::NotAnImage);
    }
    Ok((width, height, Pixels { channels, data }))
}

/// Width, height and components from a JPEG's start-of-frame segment.
fn jpeg_header(bytes: &[u8]) -> Result<(u32, u32, u8), LogoProblem> {
    let mut i = 2;
    while i + 4 <= bytes.len() {
        if bytes[i] != 0xFF {
            return Err(LogoProblem::NotAnImage);
        }
        let marker = bytes[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        if len < 2 || i + 2 + len > bytes.len() {
            return Err(LogoProblem::NotAnImage);
        }
        // SOF0 (baseline), SOF1 (extended), SOF2 (progressive).
        if matches!(marker, 0xC0..=0xC2) {
            let s = &bytes[i + 4..i + 2 + len];
            if s.len() < 6 || s[0] != 8 {
                return Err(LogoProblem::NotAnImage);
            }
            let height = u32::from(u16::from_be_bytes([s[1], s[2]]));
            let width = u32::from(u16::from_be_bytes([s[3], s[4]]));
            let components = s[5];
            if !matches!(components, 1 | 3) {
                return Err(LogoProblem::NotAnImage);
            }
            if !(MIN_SIDE..=MAX_SIDE).contains(&width) || !(MIN_SIDE..=MAX_SIDE).contains(&height) {
                return Err(LogoProblem::Dimensions);
            }
            return Ok((width, height, components));
        }
        // Other frame types (lossless, arithmetic) are not for a letterhead; start of scan before a frame.
        if matches!(marker, 0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF | 0xDA | 0xD9) {
            return Err(LogoProblem::NotAnImage);
        }
        i += 2 + len;
    }
    Err(LogoProblem::NotAnImage)
}

/// A small PNG made in memory (tests, the example, the benchmark): a `width` x `height` RGB gradient.
pub fn sample_png(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, width, height);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        let Ok(mut writer) = enc.write_header() else { return out };
        let mut data = Vec::with_capacity((width * height * 3) as usize);
        for y in 0..height {
            for x in 0..width {
                let r = u8::try_from(x * 255 / width.max(1)).unwrap_or(255);
                let g = u8::try_from(y * 255 / height.max(1)).unwrap_or(255);
                data.extend_from_slice(&[r, g, 160]);
            }
        }
        let _ = writer.write_image_data(&data);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_png_is_decoded_and_fitted_without_distortion() {
        let logo = Logo::check(&sample_png(300, 100)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((logo.format, logo.width, logo.height), (LogoFormat::Png, 300, 100));
        let px = logo.pixels().unwrap_or_else(|e| panic!("{e}")).unwrap_or_else(|| panic!("pixels"));
        assert_eq!((px.channels, px.data.len()), (3, 300 * 100 * 3));
        // Wide: bound by the width, 3:1 kept.
        assert_eq!(logo.fit(120_000, 50_000), (120_000, 40_000));
        let tall = Logo::check(&sample_png(50, 200)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(tall.fit(120_000, 50_000), (12_500, 50_000));
    }

    #[test]
    fn an_rgb_png_is_passed_through_and_one_with_alpha_is_not() {
        let logo = Logo::check(&sample_png(30, 20)).unwrap_or_else(|e| panic!("{e}"));
        let (data, channels) = logo.png_stream().unwrap_or_else(|| panic!("an RGB PNG passes through"));
        assert_eq!(channels, 3);
        assert!(!data.is_empty() && data.len() < logo.bytes.len());
        let mut rgba = Vec::new();
        {
            let mut enc = png::Encoder::new(&mut rgba, 20, 20);
            enc.set_color(png::ColorType::Rgba);
            enc.set_depth(png::BitDepth::Eight);
            let mut w = enc.write_header().unwrap_or_else(|e| panic!("{e}"));
            w.write_image_data(&[200; 20 * 20 * 4]).unwrap_or_else(|e| panic!("{e}"));
        }
        let logo = Logo::check(&rgba).unwrap_or_else(|e| panic!("{e}"));
        assert!(logo.png_stream().is_none());
        assert_eq!(logo.pixels().ok().flatten().map(|p| p.channels), Some(4));
    }

    #[test]
    fn bad_files_are_refused_with_their_reason() {
        assert_eq!(Logo::check(b""), Err(LogoProblem::Empty));
        assert_eq!(Logo::check(b"<svg></svg>"), Err(LogoProblem::NotAnImage));
        assert_eq!(Logo::check(&vec![0x89; MAX_BYTES + 1]), Err(LogoProblem::TooLarge));
        let mut cut = sample_png(40, 40);
        cut.truncate(cut.len() / 2);
        assert_eq!(Logo::check(&cut), Err(LogoProblem::NotAnImage));
        assert_eq!(Logo::check(&sample_png(8, 40)), Err(LogoProblem::Dimensions));
        assert_eq!(Logo::check(&[0xFF, 0xD8, 0xFF, 0xD9]), Err(LogoProblem::NotAnImage));
    }

    #[test]
    fn a_jpeg_header_gives_its_size_and_colours() {
        // SOI, APP0 (JFIF, 16 bytes), SOF0 64 x 32, 3 components, then EOI.
        let mut j = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
        j.extend_from_slice(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
        j.extend_from_slice(&[0xFF, 0xC0, 0x00, 0x11, 8, 0x00, 32, 0x00, 64, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
        j.extend_from_slice(&[0xFF, 0xD9]);
        let logo = Logo::check(&j).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((logo.format, logo.width, logo.height), (LogoFormat::Jpeg, 64, 32));
        assert_eq!(logo.jpeg_components(), Ok(3));
    }
}
