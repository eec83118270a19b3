//! The figures a guide cannot print, said once each with the page's file and line:
//! the layout leaves a framed placeholder in their place (`layout::figure`), and the
//! writer learns why (a format the PDF cannot carry, or the decoder's reason for a
//! damaged file) and what to do. Also the pictures given inline as `data:` URIs,
//! which the PDF prints like files when they are base64 PNG, JPEG, GIF or WebP.

use std::borrow::Cow;
use std::collections::BTreeSet;

use base64::Engine as _;

use crate::diagnostic::Diagnostic;
use crate::model::{Block, Figure, Href, Page, Site};

use super::layout::figure::{picture_key, print_picture};

/// Calls `f` with every figure of `page`, footnotes included, in reading order.
fn each_figure<'a>(page: &'a Page, f: &mut impl FnMut(&'a Figure)) {
    fn walk<'a>(blocks: &'a [Block], f: &mut impl FnMut(&'a Figure)) {
        for block in blocks {
            match block {
                Block::Image(figure) => f(figure),
                Block::Quote { blocks, .. } => walk(blocks, f),
                Block::List { items, .. } => items.iter().for_each(|i| walk(&i.blocks, f)),
                _ => {}
            }
        }
    }
    walk(&page.blocks, f);
    for note in &page.footnotes {
        walk(&note.blocks, f);
    }
}

/// A warning for each figure of the `locales`' guides that `images` (the printable
/// pictures) lacks; a page shared by several guides (a fallback) is reported once.
/// Dead file references are left to `resolve`, which reports them as errors.
pub fn unprintable<'a>(
    site: &Site,
    locales: impl IntoIterator<Item = &'a str>,
    pictures: &super::Pictures,
) -> Vec<Diagnostic> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for locale in locales {
        for page in site.pages_of(locale) {
            each_figure(page, &mut |figure| {
                if let Some((key, _)) = print_picture(&pictures.sizes, figure) {
                    if let Some(left_out) = pictures.partial.get(key)
                        && seen.insert((page.source.clone(), figure.pos))
                    {
                        let name = key.split_once('/').map_or(key, |(_, p)| p);
                        out.push(
                            Diagnostic::warning(
                                &page.source,
                                figure.pos,
                                format!("the PDF prints the SVG `{name}` without its {left_out}"),
                            )
                            .with_hint("Folio's PDF painter does not draw these yet: simplify the drawing, or give a PNG version for print"),
                        );
                    }
                    return;
                }
                let failed = picture_key(&figure.src).and_then(|k| pictures.failed.get(k));
                let Some((message, hint)) = why(&figure.src, &page.locale, failed) else {
                    return;
                };
                if seen.insert((page.source.clone(), figure.pos)) {
                    out.push(
                        Diagnostic::warning(&page.source, figure.pos, message).with_hint(hint),
                    );
                }
            });
        }
    }
    out
}

const PLACEHOLDER: &str = "the PDF shows a frame with the picture's alt text in its place";

/// Why the PDF cannot print `src`; `failed` is the decoder's reason, when it tried.
fn why(src: &Href, locale: &str, failed: Option<&String>) -> Option<(String, String)> {
    if let Some(reason) = failed {
        let name = match src {
            Href::Asset(path) => path.split_once('/').map_or(path.as_str(), |(_, p)| p),
            _ => "data:",
        };
        return Some((
            format!("the PDF cannot print the picture `{name}`: {reason}"),
            format!(
                "open the file in an image viewer and save it again as PNG, JPEG, GIF or WebP; {PLACEHOLDER}"
            ),
        ));
    }
    Some(match src {
        Href::Unresolved(_) => return None,
        Href::External(url) if url.starts_with("data:") => (
            "the PDF cannot print this `data:` picture".to_string(),
            format!(
                "the PDF prints base64 PNG, JPEG, GIF and WebP data only: save the picture as a file in content/{locale}/ and point to it; {PLACEHOLDER}"
            ),
        ),
        Href::External(url) => (
            format!("the PDF cannot fetch the remote picture `{url}`"),
            format!(
                "save a copy in content/{locale}/ and point to it by its relative path; {PLACEHOLDER}"
            ),
        ),
        Href::Asset(path) => {
            let file = path.split_once('/').map_or(path.as_str(), |(_, p)| p);
            let lower = file.to_ascii_lowercase();
            if lower.ends_with(".svg") || lower.ends_with(".svgz") {
                (
                    format!("the PDF cannot read the SVG picture `{file}`"),
                    format!("add a PNG or JPEG version for print; {PLACEHOLDER}"),
                )
            } else {
                (
                    format!(
                        "the PDF prints PNG, JPEG, GIF and WebP pictures only: `{file}` is none of them"
                    ),
                    format!("add a PNG or JPEG version for print; {PLACEHOLDER}"),
                )
            }
        }
        Href::Page { path, .. } => (
            format!("the figure shows the page `{path}`, not a picture"),
            format!("point the figure to a PNG or JPEG file; {PLACEHOLDER}"),
        ),
        Href::Fragment(id) => (
            format!("the figure shows `#{id}`, not a picture"),
            format!("point the figure to a PNG or JPEG file; {PLACEHOLDER}"),
        ),
    })
}

/// The base64 `data:` pictures of the site's figures in a format the PDF prints: key
/// (the URI itself) and bytes.
pub fn data_pictures(site: &Site) -> Vec<(String, Vec<u8>)> {
    let mut keys = BTreeSet::new();
    for page in &site.pages {
        each_figure(page, &mut |figure| {
            if let Href::External(url) = &figure.src
                && url.starts_with("data:")
            {
                keys.insert(url.as_str());
            }
        });
    }
    keys.into_iter()
        .filter_map(|url| Some((url.to_string(), decode_data_uri(url)?)))
        .collect()
}

/// `data:image/png;base64,...` (or JPEG, GIF, WebP) to its bytes; other data is not
/// printed.
fn decode_data_uri(url: &str) -> Option<Vec<u8>> {
    let (head, data) = url.strip_prefix("data:")?.split_once(',')?;
    let mut params = head.split(';').map(|p| p.trim().to_ascii_lowercase());
    let mime = params.next()?;
    if !matches!(
        mime.as_str(),
        "image/png" | "image/jpeg" | "image/jpg" | "image/gif" | "image/webp" | "image/svg+xml"
    ) {
        return None;
    }
    if !params.any(|p| p == "base64") {
        return None;
    }
    let data: Cow<str> = if data.bytes().any(|b| b.is_ascii_whitespace() || b == b'%') {
        let decoded = percent_encoding::percent_decode_str(data)
            .decode_utf8()
            .ok()?;
        Cow::Owned(
            decoded
                .chars()
                .filter(|c| !c.is_ascii_whitespace())
                .collect(),
        )
    } else {
        Cow::Borrowed(data)
    };
    base64::engine::general_purpose::STANDARD
        .decode(data.as_bytes())
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_uris_of_png_and_jpeg_only() {
        assert_eq!(
            decode_data_uri("data:image/png;base64,iVBORw0KGgo="),
            Some(b"\x89PNG\r\n\x1a\n".to_vec())
        );
        assert_eq!(
            decode_data_uri("data:image/PNG;charset=x;base64,iVBO Rw0K%0AGgo="),
            Some(b"\x89PNG\r\n\x1a\n".to_vec())
        );
        assert_eq!(
            decode_data_uri("data:image/svg+xml;base64,PHN2Zz4="),
            Some(b"<svg>".to_vec())
        );
        assert_eq!(decode_data_uri("data:text/plain;base64,PHN2Zz4="), None);
        assert_eq!(decode_data_uri("data:image/png,rawbytes"), None);
        assert_eq!(decode_data_uri("data:image/png;base64,@@@"), None);
    }

    #[test]
    fn each_reason_has_its_message() {
        let svg = why(&Href::Asset("en/img/a.svg".into()), "en", None).unwrap();
        assert_eq!(svg.0, "the PDF cannot read the SVG picture `img/a.svg`");
        let remote = why(&Href::External("https://x.test/a.png".into()), "en", None).unwrap();
        assert!(remote.0.contains("cannot fetch"), "{remote:?}");
        assert!(remote.1.contains("content/en/"), "{remote:?}");
        let bmp = why(&Href::Asset("en/a.bmp".into()), "en", None).unwrap();
        assert!(bmp.0.contains("GIF and WebP pictures only"), "{bmp:?}");
        let reason = "the PNG data is damaged (x)".to_string();
        let broken = why(&Href::Asset("en/img/b.png".into()), "en", Some(&reason)).unwrap();
        assert_eq!(
            broken.0,
            "the PDF cannot print the picture `img/b.png`: the PNG data is damaged (x)"
        );
        assert_eq!(why(&Href::Unresolved("a.png".into()), "en", None), None);
    }
}
