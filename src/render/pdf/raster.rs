//! Pixels for the PDF: each PNG, JPEG, GIF and WebP picture of the site decoded once
//! per build into what an image XObject holds (deflated 8-bit samples and a soft mask
//! for transparency; JPEG passes through, as PDF readers decode it themselves). A
//! picture that cannot be decoded yields the reason, which the build reports at the
//! figure while the layout frames a placeholder: a picture never vanishes silently.
//! Animated GIF and WebP print their first frame.

use std::io::Cursor;

/// A decoded picture, ready to be written as an image XObject.
pub struct Raster {
    pub width: u32,
    pub height: u32,
    /// Samples, deflated, or the JPEG file itself.
    pub samples: Vec<u8>,
    pub encoding: Encoding,
    pub colors: Colors,
    /// Deflated 8-bit alpha, when the picture has transparency.
    pub alpha: Option<Vec<u8>>,
}

pub enum Encoding {
    Flate,
    Jpeg,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Colors {
    Gray,
    Rgb,
    Cmyk,
}

/// The formats decoded here, by file extension (lower case).
pub const EXTENSIONS: [&str; 5] = ["png", "jpg", "jpeg", "gif", "webp"];

/// Decodes a picture by its signature (not its name, which may lie), or says why not.
pub fn decode(bytes: &[u8]) -> Result<Raster, String> {
    if bytes.starts_with(&[0xFF, 0xD8]) {
        decode_jpeg(bytes).map_err(|e| format!("the JPEG data is damaged ({e})"))
    } else if bytes.starts_with(b"\x89PNG") {
        decode_png(bytes).map_err(|e| format!("the PNG data is damaged ({e})"))
    } else if bytes.starts_with(b"GIF8") {
        decode_gif(bytes).map_err(|e| format!("the GIF data is damaged ({e})"))
    } else if bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        decode_webp(bytes).map_err(|e| format!("the WebP data is damaged ({e})"))
    } else if bytes.is_empty() {
        Err("the file is empty".to_string())
    } else {
        Err("the file is not a PNG, JPEG, GIF or WebP picture".to_string())
    }
}

fn decode_jpeg(bytes: &[u8]) -> Result<Raster, String> {
    let mut decoder =
        zune_jpeg::JpegDecoder::new(zune_jpeg::zune_core::bytestream::ZCursor::new(bytes));
    decoder.decode_headers().map_err(|e| e.to_string())?;
    let info = decoder.info().ok_or("no image header")?;
    let colors = match info.components {
        1 => Colors::Gray,
        3 => Colors::Rgb,
        4 => Colors::Cmyk,
        n => return Err(format!("{n} colour components")),
    };
    Ok(Raster {
        width: u32::from(info.width),
        height: u32::from(info.height),
        samples: bytes.to_vec(),
        encoding: Encoding::Jpeg,
        colors,
        alpha: None,
    })
}

fn decode_png(bytes: &[u8]) -> Result<Raster, String> {
    let mut decoder = png::Decoder::new(Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(|e| e.to_string())?;
    let mut buffer = vec![0; reader.output_buffer_size().ok_or("too large")?];
    let frame = reader.next_frame(&mut buffer).map_err(|e| e.to_string())?;
    let pixels = &buffer[..frame.buffer_size()];
    let (colors, channels) = match frame.color_type {
        png::ColorType::Grayscale => (Colors::Gray, 1),
        png::ColorType::GrayscaleAlpha => (Colors::Gray, 2),
        png::ColorType::Rgb => (Colors::Rgb, 3),
        png::ColorType::Rgba => (Colors::Rgb, 4),
        png::ColorType::Indexed => return Err("a palette left unexpanded".to_string()),
    };
    let alpha = matches!(channels, 2 | 4);
    Ok(from_pixels(
        frame.width,
        frame.height,
        pixels,
        colors,
        channels,
        alpha,
    ))
}

/// The first frame, drawn at its place on the GIF's logical screen.
fn decode_gif(bytes: &[u8]) -> Result<Raster, String> {
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::RGBA);
    let mut decoder = options
        .read_info(Cursor::new(bytes))
        .map_err(|e| e.to_string())?;
    let (width, height) = (u32::from(decoder.width()), u32::from(decoder.height()));
    let frame = decoder
        .read_next_frame()
        .map_err(|e| e.to_string())?
        .ok_or("no frame")?;
    let mut canvas = vec![0u8; width as usize * height as usize * 4];
    let (left, top) = (usize::from(frame.left), usize::from(frame.top));
    let frame_w = usize::from(frame.width);
    for (row, line) in frame.buffer.chunks_exact(frame_w * 4).enumerate() {
        let y = top + row;
        if y >= height as usize || left >= width as usize {
            continue;
        }
        let start = (y * width as usize + left) * 4;
        let len = line.len().min((width as usize - left) * 4);
        canvas[start..start + len].copy_from_slice(&line[..len]);
    }
    Ok(from_pixels(width, height, &canvas, Colors::Rgb, 4, true))
}

fn decode_webp(bytes: &[u8]) -> Result<Raster, String> {
    let mut decoder =
        image_webp::WebPDecoder::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let (width, height) = decoder.dimensions();
    let alpha = decoder.has_alpha();
    let size = decoder.output_buffer_size().ok_or("too large")?;
    let mut buffer = vec![0; size];
    decoder.read_image(&mut buffer).map_err(|e| e.to_string())?;
    let channels = if alpha { 4 } else { 3 };
    Ok(from_pixels(
        width,
        height,
        &buffer,
        Colors::Rgb,
        channels,
        alpha,
    ))
}

/// 8-bit pixels, interleaved, to deflated samples and (when some pixel is not
/// opaque) a deflated soft mask.
fn from_pixels(
    width: u32,
    height: u32,
    pixels: &[u8],
    colors: Colors,
    channels: usize,
    has_alpha: bool,
) -> Raster {
    let (samples, alpha) = if has_alpha {
        let color = channels - 1;
        let mut samples = Vec::with_capacity(pixels.len() / channels * color);
        let mut alpha = Vec::with_capacity(pixels.len() / channels);
        for pixel in pixels.chunks_exact(channels) {
            samples.extend_from_slice(&pixel[..color]);
            alpha.push(pixel[color]);
        }
        let opaque = alpha.iter().all(|&a| a == 255);
        (samples, (!opaque).then(|| super::deflate(&alpha)))
    } else {
        (pixels.to_vec(), None)
    };
    Raster {
        width,
        height,
        samples: super::deflate(&samples),
        encoding: Encoding::Flate,
        colors,
        alpha,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_png_with_transparency_gets_a_soft_mask() {
        let mut bytes = Vec::new();
        {
            let mut encoder = png::Encoder::new(&mut bytes, 2, 1);
            encoder.set_color(png::ColorType::Rgba);
            encoder.set_depth(png::BitDepth::Eight);
            let mut writer = encoder.write_header().expect("header");
            writer
                .write_image_data(&[255, 0, 0, 255, 0, 0, 255, 0])
                .expect("pixels");
        }
        let picture = decode(&bytes).expect("a PNG");
        assert_eq!((picture.width, picture.height), (2, 1));
        assert_eq!(picture.colors, Colors::Rgb);
        assert!(picture.alpha.is_some());
    }

    #[test]
    fn a_damaged_picture_says_why() {
        let reason = decode(b"not a picture").err().unwrap();
        assert!(reason.contains("not a PNG, JPEG, GIF or WebP"), "{reason}");
        let mut truncated = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x02\0\0\0\x01\x08\x06".to_vec();
        truncated.extend_from_slice(&[0; 7]);
        let reason = decode(&truncated).err().unwrap();
        assert!(reason.starts_with("the PNG data is damaged"), "{reason}");
    }

    #[test]
    fn a_gif_prints_its_first_frame_with_transparency() {
        let mut bytes = Vec::new();
        {
            let palette = [255, 0, 0, 0, 0, 255];
            let mut encoder = gif::Encoder::new(&mut bytes, 2, 1, &palette).expect("encoder");
            let mut frame = gif::Frame {
                width: 2,
                height: 1,
                buffer: std::borrow::Cow::Borrowed(&[0, 1]),
                transparent: Some(1),
                ..gif::Frame::default()
            };
            encoder.write_frame(&frame).expect("frame");
            frame.buffer = std::borrow::Cow::Borrowed(&[1, 1]);
            encoder.write_frame(&frame).expect("frame");
        }
        let picture = decode(&bytes).expect("a GIF");
        assert_eq!((picture.width, picture.height), (2, 1));
        assert!(picture.alpha.is_some());
    }

    #[test]
    fn a_webp_is_decoded() {
        let mut bytes = Vec::new();
        image_webp::WebPEncoder::new(&mut bytes)
            .encode(
                &[0, 128, 255, 10, 20, 30],
                2,
                1,
                image_webp::ColorType::Rgb8,
            )
            .expect("encodes");
        let picture = decode(&bytes).expect("a WebP");
        assert_eq!((picture.width, picture.height), (2, 1));
        assert!(picture.alpha.is_none());
    }
}
