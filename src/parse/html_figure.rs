//! Raw HTML pictures to figures of the model.
//!
//! Books and READMEs show pictures in raw HTML: `<img src="x.svg" width="50%">`,
//! `<figure>` with a `<figcaption>`, a centring `<p align="center">` or
//! `<div align="center">`, a `<picture>` with dark-mode `<source>`s. Such a block
//! becomes `Block::Image` (and a lone `<img>` among a paragraph's inlines an
//! `Inline::Image`), so its file is checked, published and printed like a Markdown
//! image. Recognition is all or nothing: a block holding anything Folio's figure
//! cannot carry (other text, a link around the picture, a `class`, a `style` other
//! than a width or height) stays raw HTML, passed through as written. html5gum
//! tokenizes (entities, quoting, case); this module only reads its tokens.

use compact_str::CompactString;
use html5gum::{DefaultEmitter, Token, Tokenizer};

use crate::model::{
    Align, Figure, Href, Inline, InlineImage, InlineLink, Length, PictureSource, Pos,
};

use super::markdown::classify;

/// The figures an HTML block holds, or `None` when it is not made of pictures only.
/// `pos_of` maps a byte offset of `html` to its place in the source file.
pub(super) fn figures(html: &str, pos_of: &dyn Fn(usize) -> Pos) -> Option<Vec<Figure>> {
    if !mentions_img(html) {
        return None;
    }
    let mut reader = Reader {
        html,
        pieces: pieces(html)?,
        next: 0,
        pos_of,
    };
    let mut figures = Vec::new();
    reader.content(None, Align::None, &mut figures)?;
    (!figures.is_empty()).then_some(figures)
}

/// The image an inline HTML tag is, when it is a plain `<img>`.
pub(super) fn inline_image(html: &str, pos: Pos) -> Option<InlineImage> {
    if !mentions_img(html) {
        return None;
    }
    let pieces = pieces(html)?;
    let [Piece::Open { name, attrs, .. }] = pieces.as_slice() else {
        return None;
    };
    let img = (name == "img").then(|| Img::new(attrs))??;
    if img.align.is_some() {
        // An inline picture floated by `align` cannot be carried: it stays as written.
        return None;
    }
    Some(InlineImage {
        src: img.src,
        alt: img.alt,
        title: img.title,
        pos,
        width: img.width,
        height: img.height,
    })
}

/// A cheap look before tokenizing: most raw HTML holds no picture at all.
fn mentions_img(html: &str) -> bool {
    html.as_bytes()
        .windows(4)
        .any(|w| w[0] == b'<' && w[1..].eq_ignore_ascii_case(b"img"))
}

/// A token, with names lowercased (html5gum does) and offsets into the HTML.
#[derive(Debug)]
enum Piece {
    Open {
        name: String,
        attrs: Vec<(String, String)>,
        start: usize,
        end: usize,
    },
    Close {
        name: String,
        start: usize,
        end: usize,
    },
    Text(String),
}

/// The tokens of `html`; `None` when it ends inside a tag or a comment (what follows
/// would belong to it in a browser) or holds a doctype. Other parse errors are
/// recovered from as a browser does: html5gum follows the WHATWG rules. Comments are
/// left out.
fn pieces(html: &str) -> Option<Vec<Piece>> {
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    let mut out = Vec::new();
    let tokens = Tokenizer::new_with_emitter(html, DefaultEmitter::<usize>::new_with_span());
    for token in tokens {
        let Ok(token) = token;
        match token {
            Token::StartTag(tag) => out.push(Piece::Open {
                name: text(&tag.name),
                // html5gum keeps attributes sorted by name: the output does not
                // depend on the order they were written in.
                attrs: (tag.attributes.iter())
                    .map(|(k, v)| (text(k), text(&v.value)))
                    .collect(),
                start: tag.span.start,
                end: tag.span.end,
            }),
            Token::EndTag(tag) => out.push(Piece::Close {
                name: text(&tag.name),
                start: tag.span.start,
                end: tag.span.end,
            }),
            Token::String(s) => match out.last_mut() {
                Some(Piece::Text(last)) => last.push_str(&text(&s.value)),
                _ => out.push(Piece::Text(text(&s.value))),
            },
            Token::Comment(_) => {}
            Token::Error(error) if error.as_str().starts_with("eof-") => return None,
            Token::Error(_) => {}
            Token::Doctype(_) => return None,
        }
    }
    Some(out)
}

/// What an `<img>` states, once every attribute is known to be one Folio carries.
struct Img {
    src: Href,
    alt: String,
    title: String,
    width: Option<Length>,
    height: Option<Length>,
    align: Option<Align>,
}

impl Img {
    fn new(attrs: &[(String, String)]) -> Option<Img> {
        let mut src = None;
        let mut img = Img {
            src: Href::Unresolved(String::new()),
            alt: String::new(),
            title: String::new(),
            width: None,
            height: None,
            align: None,
        };
        for (name, value) in attrs {
            match name.as_str() {
                "src" => src = Some(href(value)?),
                "alt" => img.alt = value.clone(),
                "title" => img.title = value.clone(),
                "width" => img.width = Some(length(value)?),
                "height" => img.height = Some(length(value)?),
                "align" => img.align = Some(align(value)?),
                "style" => img.style(value)?,
                // Hints to the browser that the published page sets itself.
                "loading" | "decoding" => {}
                _ => return None,
            }
        }
        img.src = src?;
        Some(img)
    }

    /// `style="width: 50%"`: a width or height is carried like the attributes;
    /// any other declaration is not.
    fn style(&mut self, style: &str) -> Option<()> {
        for declaration in style.split(';').filter(|d| !d.trim().is_empty()) {
            let (property, value) = declaration.split_once(':')?;
            match property.trim().to_ascii_lowercase().as_str() {
                "width" => self.width = Some(length(value)?),
                "height" => self.height = Some(length(value)?),
                _ => return None,
            }
        }
        Some(())
    }

    fn figure(self, pos: Pos, align: Align) -> Figure {
        Figure {
            src: self.src,
            alt: self.alt,
            title: self.title,
            pos,
            caption: Some(Vec::new()),
            width: self.width,
            height: self.height,
            align: self.align.unwrap_or(align),
            sources: Vec::new(),
        }
    }
}

/// A picture's address: external as written; a relative path percent-decoded, as
/// the file it names is spelled on disk.
fn href(value: &str) -> Option<Href> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    Some(match classify(value) {
        Href::Unresolved(raw) => {
            let decoded = percent_encoding::percent_decode_str(&raw).decode_utf8();
            Href::Unresolved(decoded.map_or(raw.clone(), |d| d.into_owned()))
        }
        other => other,
    })
}

/// `300`, `300px` or `50%`; anything else (`auto`, `10em`) is not carried.
fn length(value: &str) -> Option<Length> {
    let value = value.trim();
    let (number, make): (&str, fn(f32) -> Length) = match value.strip_suffix('%') {
        Some(n) => (n, Length::Percent),
        None => (value.strip_suffix("px").unwrap_or(value), Length::Pixels),
    };
    if !number.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    let n: f32 = number.parse().ok()?;
    (n > 0.0 && n.is_finite()).then(|| make(n))
}

fn align(value: &str) -> Option<Align> {
    match value.trim().to_ascii_lowercase().as_str() {
        "left" => Some(Align::Left),
        "center" => Some(Align::Center),
        "right" => Some(Align::Right),
        _ => None,
    }
}

fn is_blank(text: &str) -> bool {
    text.chars().all(|c| c.is_ascii_whitespace())
}

struct Reader<'h, 'p> {
    html: &'h str,
    pieces: Vec<Piece>,
    next: usize,
    pos_of: &'p dyn Fn(usize) -> Pos,
}

impl Reader<'_, '_> {
    fn take(&mut self) -> Option<Piece> {
        let piece = self.pieces.get_mut(self.next)?;
        self.next += 1;
        Some(std::mem::replace(piece, Piece::Text(String::new())))
    }

    /// Pictures, possibly in centring wrappers, up to `</close>` (`None`: the end).
    fn content(&mut self, close: Option<&str>, align: Align, out: &mut Vec<Figure>) -> Option<()> {
        loop {
            let Some(piece) = self.take() else {
                return close.is_none().then_some(());
            };
            match piece {
                Piece::Text(text) if is_blank(&text) => {}
                Piece::Close { name, .. } if Some(name.as_str()) == close => return Some(()),
                // Pictures side by side become figures one under the other.
                Piece::Open { name, .. } if name == "br" => {}
                Piece::Open {
                    name, attrs, start, ..
                } => match name.as_str() {
                    "p" | "div" | "center" => {
                        let own = match attrs.as_slice() {
                            [] if name == "center" => Align::Center,
                            [] => align,
                            [(key, value)] if key == "align" => self::align(value)?,
                            _ => return None,
                        };
                        self.content(Some(&name), own, out)?;
                    }
                    "img" => out.push(Img::new(&attrs)?.figure((self.pos_of)(start), align)),
                    "picture" if attrs.is_empty() => out.push(self.picture(align)?),
                    "figure" if attrs.is_empty() => out.push(self.figure(align)?),
                    _ => return None,
                },
                _ => return None,
            }
        }
    }

    /// After `<picture>`: `<source>`s, then the `<img>` every browser falls back to.
    fn picture(&mut self, align: Align) -> Option<Figure> {
        let mut sources = Vec::new();
        let mut figure = None;
        loop {
            match self.take()? {
                Piece::Text(text) if is_blank(&text) => {}
                Piece::Open {
                    name, attrs, start, ..
                } if name == "source" && figure.is_none() => {
                    sources.push(self.source(&attrs, start)?);
                }
                Piece::Open {
                    name, attrs, start, ..
                } if name == "img" && figure.is_none() => {
                    figure = Some(Img::new(&attrs)?.figure((self.pos_of)(start), align));
                }
                Piece::Close { name, .. } if name == "picture" => break,
                _ => return None,
            }
        }
        let mut figure = figure?;
        figure.sources = sources;
        Some(figure)
    }

    /// One candidate per `srcset` (the common dark-mode case); a list of candidates
    /// with densities or widths is not carried.
    fn source(&self, attrs: &[(String, String)], start: usize) -> Option<PictureSource> {
        let mut source = PictureSource {
            srcset: Href::Unresolved(String::new()),
            media: String::new(),
            mime: String::new(),
            pos: (self.pos_of)(start),
        };
        let mut srcset = None;
        for (name, value) in attrs {
            match name.as_str() {
                "srcset" if !value.contains(',') && value.split_whitespace().count() == 1 => {
                    srcset = Some(href(value)?);
                }
                "media" => source.media = value.clone(),
                "type" => source.mime = value.clone(),
                _ => return None,
            }
        }
        source.srcset = srcset?;
        Some(source)
    }

    /// After `<figure>`: one picture and at most one `<figcaption>`, in either order.
    fn figure(&mut self, align: Align) -> Option<Figure> {
        let mut figure = None;
        let mut caption = None;
        loop {
            match self.take()? {
                Piece::Text(text) if is_blank(&text) => {}
                Piece::Open {
                    name, attrs, start, ..
                } if figure.is_none() => match name.as_str() {
                    "img" => figure = Some(Img::new(&attrs)?.figure((self.pos_of)(start), align)),
                    "picture" if attrs.is_empty() => figure = Some(self.picture(align)?),
                    "figcaption" if attrs.is_empty() && caption.is_none() => {
                        caption = Some(self.inlines("figcaption")?);
                    }
                    _ => return None,
                },
                Piece::Open { name, attrs, .. }
                    if name == "figcaption" && attrs.is_empty() && caption.is_none() =>
                {
                    caption = Some(self.inlines("figcaption")?);
                }
                Piece::Close { name, .. } if name == "figure" => break,
                _ => return None,
            }
        }
        let mut figure = figure?;
        figure.caption = Some(tidy(caption.unwrap_or_default()));
        Some(figure)
    }

    /// A caption's content up to `</close>`: the usual inline tags become the model's
    /// inlines (so links are checked and the PDF prints emphasis); other tags pass
    /// through as raw HTML.
    fn inlines(&mut self, close: &str) -> Option<Vec<Inline>> {
        let mut out: Vec<Inline> = Vec::new();
        loop {
            let inline = match self.take()? {
                Piece::Text(text) => match out.last_mut() {
                    Some(Inline::Text(last)) => {
                        last.push_str(&text);
                        continue;
                    }
                    _ => Inline::Text(text.into()),
                },
                Piece::Close { name, .. } if name == close => return Some(out),
                Piece::Open {
                    name,
                    attrs,
                    start,
                    end,
                } => match name.as_str() {
                    "a" => self.link(&attrs, start)?,
                    _ if !attrs.is_empty() => self.raw(start, end),
                    "em" | "i" => Inline::Emphasis(self.inlines(&name)?),
                    "strong" | "b" => Inline::Strong(self.inlines(&name)?),
                    "del" | "s" => Inline::Strikethrough(self.inlines(&name)?),
                    "br" => Inline::LineBreak,
                    "code" => match self.inlines("code")?.as_slice() {
                        [] => Inline::Code(CompactString::default()),
                        [Inline::Text(code)] => Inline::Code(code.clone()),
                        _ => return None,
                    },
                    _ => self.raw(start, end),
                },
                Piece::Close { start, end, .. } => self.raw(start, end),
            };
            out.push(inline);
        }
    }

    fn link(&mut self, attrs: &[(String, String)], start: usize) -> Option<Inline> {
        let mut link = InlineLink {
            href: Href::Unresolved(String::new()),
            title: String::new(),
            content: Vec::new(),
            pos: (self.pos_of)(start),
        };
        let mut href = None;
        for (name, value) in attrs {
            match name.as_str() {
                "href" => href = Some(classify(value.trim())),
                "title" => link.title = value.clone(),
                _ => return None,
            }
        }
        link.href = href?;
        link.content = self.inlines("a")?;
        Some(Inline::Link(Box::new(link)))
    }

    /// A tag as written.
    fn raw(&self, start: usize, end: usize) -> Inline {
        Inline::Html(
            self.html.get(start..end).unwrap_or_default().into(),
            (self.pos_of)(start),
        )
    }
}

/// A caption's white space as a browser shows it: runs collapsed, ends trimmed.
fn tidy(mut inlines: Vec<Inline>) -> Vec<Inline> {
    fn collapse(inlines: &mut [Inline]) {
        for inline in inlines {
            match inline {
                Inline::Text(text) => {
                    let mut out = String::with_capacity(text.len());
                    let mut space = false;
                    for c in text.chars() {
                        if c.is_ascii_whitespace() {
                            space = true;
                        } else {
                            if space {
                                out.push(' ');
                            }
                            space = false;
                            out.push(c);
                        }
                    }
                    if space {
                        out.push(' ');
                    }
                    *text = out.into();
                }
                Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => collapse(c),
                Inline::Link(link) => collapse(&mut link.content),
                Inline::Indexed(mark) => collapse(&mut mark.content),
                _ => {}
            }
        }
    }
    collapse(&mut inlines);
    if let Some(Inline::Text(first)) = inlines.first_mut() {
        *first = first.trim_start().into();
    }
    if let Some(Inline::Text(last)) = inlines.last_mut() {
        *last = last.trim_end().into();
    }
    inlines.retain(|i| !matches!(i, Inline::Text(t) if t.is_empty()));
    inlines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostics;
    use crate::model::Block;

    fn blocks(markdown: &str) -> Vec<Block> {
        super::super::markdown::parse("content/en/a.md", markdown, 0, &Diagnostics::new()).blocks
    }

    fn figure(markdown: &str) -> Figure {
        match blocks(markdown).as_slice() {
            [Block::Image(figure)] => (**figure).clone(),
            other => panic!("not one figure: {other:?}"),
        }
    }

    fn stays_raw(markdown: &str) {
        let parsed = blocks(markdown);
        assert!(
            matches!(parsed.as_slice(), [Block::Html(html, _)] if html == markdown),
            "{markdown:?} became {parsed:?}"
        );
    }

    fn at(line: u32, column: u32) -> Pos {
        Pos { line, column }
    }

    #[test]
    fn attributes_in_any_order_with_any_quoting() {
        let f = figure("<img width=50% alt='A diagram' src=\"img/x.svg\">\n");
        assert_eq!(f.src, Href::Unresolved("img/x.svg".into()));
        assert_eq!(f.alt, "A diagram");
        assert_eq!(f.width, Some(Length::Percent(50.0)));
        assert_eq!(f.height, None);
        assert_eq!(f.caption, Some(Vec::new()));
        assert_eq!(f.pos, at(1, 1));
        let g = figure("<img src=img/x.svg alt=\"A diagram\" width='50%'>\n");
        assert_eq!((g.src, g.alt, g.width), (f.src, f.alt, f.width));
    }

    #[test]
    fn uppercase_and_self_closing_tags() {
        let f = figure("<IMG SRC=\"a.png\" Alt=\"Logo\" HEIGHT=\"40px\" />\n");
        assert_eq!(f.src, Href::Unresolved("a.png".into()));
        assert_eq!(f.alt, "Logo");
        assert_eq!(f.height, Some(Length::Pixels(40.0)));
        let f = figure("<P ALIGN=\"CENTER\"><IMG SRC=\"a.png\"/></P>\n");
        assert_eq!(f.align, Align::Center);
    }

    #[test]
    fn a_size_may_be_given_as_style() {
        let f = figure("<img src=\"a.png\" style=\"width: 50%;\">\n");
        assert_eq!(f.width, Some(Length::Percent(50.0)));
        let f = figure("<img src=\"a.png\" style=\"HEIGHT:120px\">\n");
        assert_eq!(f.height, Some(Length::Pixels(120.0)));
    }

    #[test]
    fn centring_wrappers_over_several_lines() {
        let f = figure("<p align=\"center\">\n  <img src=\"a.png\"\n       width=\"300\">\n</p>\n");
        assert_eq!(f.align, Align::Center);
        assert_eq!(f.width, Some(Length::Pixels(300.0)));
        assert_eq!(f.pos, at(2, 3));
        let f = figure("<div align=\"right\">\n<img src=\"a.png\">\n</div>\n");
        assert_eq!(f.align, Align::Right);
        let f = figure("<center><img src=\"a.png\" align=\"left\"></center>\n");
        assert_eq!(f.align, Align::Left, "the picture's own align wins");
    }

    #[test]
    fn figures_with_captions_in_inline_markup() {
        let f = figure(
            "<figure>\n  <img src=\"img/flow.png\" alt=\"Flow\">\n  <figcaption>The <em>flow</em> of\n    <a href=\"data.md\">data</a> &amp; <code>x</code> <sup>1</sup></figcaption>\n</figure>\n",
        );
        assert_eq!(f.pos, at(2, 3));
        let caption = f.caption.expect("a caption");
        assert_eq!(caption[0], Inline::Text("The ".into()));
        assert_eq!(
            caption[1],
            Inline::Emphasis(vec![Inline::Text("flow".into())])
        );
        assert_eq!(caption[2], Inline::Text(" of ".into()));
        let Inline::Link(link) = &caption[3] else {
            panic!("{caption:?}")
        };
        assert_eq!(link.href, Href::Unresolved("data.md".into()));
        assert_eq!(link.pos, at(4, 5));
        assert_eq!(caption[4], Inline::Text(" & ".into()));
        assert_eq!(caption[5], Inline::Code("x".into()));
        // Tags the model has no inline for pass through as written.
        assert_eq!(
            caption[6..],
            [
                Inline::Text(" ".into()),
                Inline::Html("<sup>".into(), at(4, 53)),
                Inline::Text("1".into()),
                Inline::Html("</sup>".into(), at(4, 59))
            ]
        );
    }

    #[test]
    fn caption_may_come_first_and_figures_may_be_empty_of_it() {
        let f =
            figure("<figure><figcaption><b>Fig. 1</b></figcaption><img src=\"a.png\"></figure>\n");
        assert_eq!(
            f.caption,
            Some(vec![Inline::Strong(vec![Inline::Text("Fig. 1".into())])])
        );
        let f = figure("<figure><img src=\"a.png\"></figure>\n");
        assert_eq!(f.caption, Some(Vec::new()));
    }

    #[test]
    fn pictures_keep_their_sources() {
        let f = figure(
            "<div align=\"center\">\n<picture>\n  <source media=\"(prefers-color-scheme: dark)\" srcset=\"img/dark.png\">\n  <img src=\"img/light.png\" alt=\"Logo\">\n</picture>\n</div>\n",
        );
        assert_eq!(f.src, Href::Unresolved("img/light.png".into()));
        assert_eq!(f.align, Align::Center);
        assert_eq!(f.sources.len(), 1);
        assert_eq!(f.sources[0].srcset, Href::Unresolved("img/dark.png".into()));
        assert_eq!(f.sources[0].media, "(prefers-color-scheme: dark)");
        assert_eq!(f.sources[0].pos, at(3, 3));
    }

    #[test]
    fn sources_are_decoded_and_classified() {
        let f = figure("<img src=\"./img/my%20diagram.png\">\n");
        assert_eq!(f.src, Href::Unresolved("./img/my diagram.png".into()));
        let f = figure("<img src=\"https://example.com/a.png\">\n");
        assert_eq!(f.src, Href::External("https://example.com/a.png".into()));
        let f = figure("<img src=\"data:image/png;base64,iVBORw0KGgo=\">\n");
        assert_eq!(
            f.src,
            Href::External("data:image/png;base64,iVBORw0KGgo=".into())
        );
        let f = figure("<img src=\"a&amp;b.png\">\n");
        assert_eq!(f.src, Href::Unresolved("a&b.png".into()));
    }

    #[test]
    fn parse_errors_are_recovered_from_as_browsers_do() {
        // The first of two attributes wins; a lone `<` is text.
        let f = figure(
            "<figure><img src=\"a.png\" alt=\"a\" alt=\"b\"><figcaption>x < y</figcaption></figure>\n",
        );
        assert_eq!(f.alt, "a");
        assert_eq!(f.caption, Some(vec![Inline::Text("x < y".into())]));
    }

    #[test]
    fn several_pictures_become_several_figures() {
        let parsed =
            blocks("<p align=\"center\">\n<img src=\"a.png\">\n<br>\n<img src=\"b.png\">\n</p>\n");
        assert_eq!(parsed.len(), 2);
        assert!(
            parsed
                .iter()
                .all(|b| matches!(b, Block::Image(f) if f.align == Align::Center))
        );
    }

    #[test]
    fn anything_a_figure_cannot_carry_stays_raw() {
        stays_raw("<p align=\"center\"><img src=\"a.png\"> Some text</p>\n");
        stays_raw("<a href=\"https://x.test\">\n<img src=\"a.png\">\n</a>\n");
        stays_raw("<img src=\"a.png\" class=\"logo\">\n");
        stays_raw("<img src=\"a.png\" style=\"width: 50%; border: 1px\">\n");
        stays_raw("<img src=\"a.png\" width=\"auto\">\n");
        stays_raw("<img src=\"a.png\" align=\"middle\">\n");
        stays_raw("<img alt=\"no source\">\n");
        stays_raw("<p><img src=\"a.png\">\n");
        stays_raw("<div class=\"hero\"><img src=\"a.png\"></div>\n");
        stays_raw("<figure><img src=\"a.png\"><img src=\"b.png\"></figure>\n");
        stays_raw(
            "<picture>\n<source srcset=\"a.png 1x, b.png 2x\">\n<img src=\"a.png\">\n</picture>\n",
        );
        stays_raw("<div align=\"center\">\n  <h1>Title</h1>\n</div>\n");
        stays_raw("<img src=\"a.png\">\n<img src=\"b.png\" alt=\"cut\n");
        stays_raw("<img src=\"a.png\">\n<!-- open\n");
    }

    #[test]
    fn inline_images_in_paragraphs() {
        let parsed =
            blocks("See <img src=\"icon.png\" alt=\"icon\" width=\"16\"> and <span>x</span>.\n");
        let [Block::Paragraph(inlines)] = parsed.as_slice() else {
            panic!("{parsed:?}")
        };
        let Inline::Image(image) = &inlines[1] else {
            panic!("{inlines:?}")
        };
        assert_eq!(image.src, Href::Unresolved("icon.png".into()));
        assert_eq!(image.width, Some(Length::Pixels(16.0)));
        assert_eq!(image.pos, at(1, 5));
        assert!(matches!(&inlines[3], Inline::Html(h, _) if &**h == "<span>"));
        let parsed = blocks("A <img src=\"icon.png\" class=\"x\"> b\n");
        let [Block::Paragraph(inlines)] = parsed.as_slice() else {
            panic!("{parsed:?}")
        };
        assert!(matches!(&inlines[1], Inline::Html(..)));
        // A linked picture within a line: the link stays raw, the picture is checked.
        let parsed = blocks("<a href=\"https://x.test\"><img src=\"a.png\"></a>\n");
        let [Block::Paragraph(inlines)] = parsed.as_slice() else {
            panic!("{parsed:?}")
        };
        assert!(matches!(
            inlines.as_slice(),
            [Inline::Html(..), Inline::Image(_), Inline::Html(..)]
        ));
    }

    #[test]
    fn every_cut_of_a_block_parses_without_panic() {
        let text = "> <figure>\n>   <IMG src='é/x%ZZ.png' width=50%>\n>   <figcaption>Été <sup>1</sup> <a href=\"#a\">l<i>ien</i></a> &eacute;</figcaption>\n> </figure>\n\nTexte <img src=\"a.png\" alt=\"à\"> fin.\n";
        for (cut, _) in text.char_indices() {
            blocks(&text[..cut]);
        }
    }

    #[test]
    fn places_inside_quotes_and_lists() {
        let parsed = blocks("> <p align=\"center\">\n>   <img src=\"a.png\">\n> </p>\n");
        let [Block::Quote { blocks, .. }] = parsed.as_slice() else {
            panic!("{parsed:?}")
        };
        let [Block::Image(f)] = blocks.as_slice() else {
            panic!("{blocks:?}")
        };
        assert_eq!(f.pos, at(2, 5));
    }
}
