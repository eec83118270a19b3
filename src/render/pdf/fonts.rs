//! The PDF's fonts. Libertinus Serif for text and headings and DejaVu Sans Mono for
//! code are embedded in the binary (typst-assets), so Latin, Greek and Cyrillic never
//! depend on the machine. Behind them, per character, a fallback chain: the fonts
//! `[pdf.fonts]` names (read by `commands`, handed over as bytes), then the machine's
//! fonts through a [`FontSource`] that `load` implements (the renderer reads no disk).
//! A CJK locale leads with its configured fonts, so Latin inside Japanese prose takes
//! the Japanese font's own Latin glyphs and matches it.

use std::sync::{Arc, LazyLock};

use rustybuzz::ttf_parser::GlyphId;

/// The faces a layout can ask for, and those fallback adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FontId {
    Serif,
    SerifItalic,
    SerifBold,
    SerifBoldItalic,
    Mono,
    MonoBold,
    /// A fallback face: the n-th configured one, or past those, the machine's face
    /// of that number in the [`FontSource`]'s stable order (so ids, and the bytes of
    /// the PDF, do not depend on which chapter met a character first).
    Extra(u16),
}

/// What a text asks of a face, so a fallback family gives its matching face.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Style {
    pub bold: bool,
    pub italic: bool,
    pub mono: bool,
}

impl FontId {
    /// The embedded faces.
    pub const ALL: [FontId; 6] = [
        FontId::Serif,
        FontId::SerifItalic,
        FontId::SerifBold,
        FontId::SerifBoldItalic,
        FontId::Mono,
        FontId::MonoBold,
    ];

    /// Short name for layout dumps (every fallback face is `extra`).
    pub fn short(self) -> &'static str {
        match self {
            FontId::Serif => "serif",
            FontId::SerifItalic => "serif-i",
            FontId::SerifBold => "serif-b",
            FontId::SerifBoldItalic => "serif-bi",
            FontId::Mono => "mono",
            FontId::MonoBold => "mono-b",
            FontId::Extra(_) => "extra",
        }
    }

    fn postscript_name(self) -> &'static str {
        match self {
            FontId::Serif => "LibertinusSerif-Regular",
            FontId::SerifItalic => "LibertinusSerif-Italic",
            FontId::SerifBold => "LibertinusSerif-Bold",
            FontId::SerifBoldItalic => "LibertinusSerif-BoldItalic",
            FontId::Mono => "DejaVuSansMono",
            FontId::MonoBold => "DejaVuSansMono-Bold",
            FontId::Extra(_) => "",
        }
    }

    fn embedded_index(self) -> Option<usize> {
        FontId::ALL.iter().position(|f| *f == self)
    }

    pub fn is_serif(self) -> bool {
        matches!(
            self,
            FontId::Serif | FontId::SerifItalic | FontId::SerifBold | FontId::SerifBoldItalic
        )
    }

    pub fn is_mono(self) -> bool {
        matches!(self, FontId::Mono | FontId::MonoBold)
    }

    /// The style this face stands for when another font has to stand in for it.
    pub fn style(self) -> Style {
        Style {
            bold: matches!(
                self,
                FontId::SerifBold | FontId::SerifBoldItalic | FontId::MonoBold
            ),
            italic: matches!(self, FontId::SerifItalic | FontId::SerifBoldItalic),
            mono: self.is_mono(),
        }
    }

    pub fn bold(self) -> FontId {
        match self {
            FontId::Serif | FontId::SerifBold => FontId::SerifBold,
            FontId::SerifItalic | FontId::SerifBoldItalic => FontId::SerifBoldItalic,
            FontId::Mono | FontId::MonoBold => FontId::MonoBold,
            other => other,
        }
    }

    pub fn italic(self) -> FontId {
        match self {
            FontId::Serif | FontId::SerifItalic => FontId::SerifItalic,
            FontId::SerifBold | FontId::SerifBoldItalic => FontId::SerifBoldItalic,
            other => other,
        }
    }
}

pub struct Font {
    pub bytes: &'static [u8],
    /// The face's index inside its file (collections hold several).
    pub index: u32,
    pub face: rustybuzz::Face<'static>,
    pub units_per_em: f32,
    /// The typographic family, which groups a configured family's faces.
    pub family: String,
    pub style: Style,
}

impl Font {
    /// The face `index` of `bytes`; `None` when they are not a font.
    pub fn parse(bytes: &'static [u8], index: u32) -> Option<Font> {
        let face = rustybuzz::Face::from_slice(bytes, index)?;
        let style = Style {
            bold: face.is_bold() || face.weight().to_number() >= 600,
            italic: face.is_italic() || face.is_oblique(),
            mono: face.is_monospaced(),
        };
        Some(Font {
            bytes,
            index,
            units_per_em: face.units_per_em() as f32,
            family: family_name(&face).unwrap_or_default(),
            face,
            style,
        })
    }

    pub fn has_glyph(&self, c: char) -> bool {
        self.face.glyph_index(c).is_some_and(|g| g != GlyphId(0))
    }

    /// Ascender as a fraction of the em.
    pub fn ascender(&self) -> f32 {
        self.face.ascender() as f32 / self.units_per_em
    }

    /// How well this face stands in for `style`: higher is better.
    fn fit(&self, style: Style) -> u8 {
        u8::from(self.style.bold == style.bold) * 4
            + u8::from(self.style.mono == style.mono) * 2
            + u8::from(self.style.italic == style.italic)
    }
}

/// Where the fonts nobody configured come from: the machine's, discovered by `load`
/// only when a character is missing, in an order that is stable on one machine.
pub trait FontSource: Send + Sync {
    /// The number of the face that best shows `c` in `style`, if any face has it.
    fn covering(&self, c: char, style: Style) -> Option<u16>;
    /// The face of that number, read once per process.
    fn face(&self, number: u16) -> Option<&'static Font>;
}

/// The faces of one document: the embedded ones, the configured ones, and maybe the
/// machine's.
#[derive(Clone)]
pub struct Fonts {
    embedded: Vec<&'static Font>,
    /// Configured faces, in the order `[pdf.fonts]` names them.
    configured: Vec<&'static Font>,
    /// The configured fonts go first for text (a CJK locale's body font).
    lead: bool,
    system: Option<Arc<dyn FontSource>>,
}

static FONTS: LazyLock<Fonts> = LazyLock::new(Fonts::load_embedded);

impl Fonts {
    /// The embedded fonts, parsed once per process.
    pub fn embedded() -> &'static Fonts {
        &FONTS
    }

    fn load_embedded() -> Fonts {
        let faces: Vec<Font> = typst_assets::fonts()
            .filter_map(|bytes| Font::parse(bytes, 0))
            .collect();
        let faces: &'static [Font] = faces.leak();
        let embedded = FontId::ALL
            .iter()
            .map(|id| {
                faces
                    .iter()
                    .find(|font| {
                        postscript_name(&font.face).as_deref() == Some(id.postscript_name())
                    })
                    .unwrap_or_else(|| panic!("font {} is embedded", id.postscript_name()))
            })
            .collect();
        Fonts {
            embedded,
            configured: Vec::new(),
            lead: false,
            system: None,
        }
    }

    /// The embedded faces plus a configured font (`index` in a collection); `None`
    /// when the bytes are not a font.
    pub fn with_extra(bytes: &'static [u8], index: u32) -> Option<Fonts> {
        let font: &'static Font = Box::leak(Box::new(Font::parse(bytes, index)?));
        Some(Fonts::embedded().clone().with_configured(vec![font], false))
    }

    /// These fonts with `configured` faces behind (or, `lead`, before) the embedded
    /// ones for text.
    pub fn with_configured(mut self, configured: Vec<&'static Font>, lead: bool) -> Fonts {
        self.configured = configured;
        self.lead = lead && !self.configured.is_empty();
        self
    }

    /// These fonts with the machine's behind them.
    pub fn with_system(mut self, source: Arc<dyn FontSource>) -> Fonts {
        self.system = Some(source);
        self
    }

    pub fn get(&self, id: FontId) -> &'static Font {
        match id {
            FontId::Extra(n) => {
                let n = usize::from(n);
                self.configured.get(n).copied().unwrap_or_else(|| {
                    let number = u16::try_from(n - self.configured.len()).unwrap_or(u16::MAX);
                    (self.system.as_ref())
                        .and_then(|s| s.face(number))
                        // Never met: ids past the configured ones come from `system`.
                        .unwrap_or(self.embedded[0])
                })
            }
            _ => self.embedded[id.embedded_index().unwrap_or(0)],
        }
    }

    /// Whether the machine's fonts are searched too.
    pub fn has_system(&self) -> bool {
        self.system.is_some()
    }

    pub fn has_extra(&self) -> bool {
        !self.configured.is_empty()
    }

    /// The face index inside the font file (collections hold several).
    pub fn index(&self, id: FontId) -> u32 {
        self.get(id).index
    }

    /// Whether `id` is one of the faces Folio embeds, not a configured or found one.
    pub fn is_embedded(id: FontId) -> bool {
        id.embedded_index().is_some()
    }

    /// The face that shows `c` for text asked in `font`: the asked face, the embedded
    /// ones, the configured families (their best face for the style), then the
    /// machine's; `None` when no font has it.
    pub fn covering(&self, font: FontId, c: char) -> Option<FontId> {
        let style = font.style();
        if self.lead
            && !font.is_mono()
            && let Some(found) = self.configured_covering(c, style)
        {
            return Some(found);
        }
        let home = if font.is_mono() {
            FontId::Mono
        } else {
            FontId::Serif
        };
        let other = if font.is_mono() {
            FontId::Serif
        } else {
            FontId::Mono
        };
        // Arabic and Hebrew prose from the embedded monospaced face would read spaced
        // out: a proportional face, configured or the machine's, comes before it.
        let rtl_prose = !font.is_mono() && right_to_left_script(c);
        if let Some(found) = [font, home, other]
            .into_iter()
            .take(if rtl_prose { 2 } else { 3 })
            .find(|f| self.get(*f).has_glyph(c))
        {
            return Some(found);
        }
        if (!self.lead || font.is_mono())
            && let Some(found) = self.configured_covering(c, style)
        {
            return Some(found);
        }
        let from_system = self.system.as_ref().and_then(|system| {
            let number = system.covering(c, style)?;
            let id = usize::from(number) + self.configured.len();
            u16::try_from(id).ok().map(FontId::Extra)
        });
        from_system.or_else(|| (rtl_prose && self.get(other).has_glyph(c)).then_some(other))
    }

    /// The first configured family with `c`, and its face closest to `style`.
    fn configured_covering(&self, c: char, style: Style) -> Option<FontId> {
        let first = self.configured.iter().position(|f| f.has_glyph(c))?;
        let family = &self.configured[first].family;
        let best = (self.configured.iter().enumerate())
            .filter(|(_, f)| &f.family == family && f.has_glyph(c))
            // The first of the best: `max_by_key` keeps the last of equals.
            .min_by_key(|(i, f)| (std::cmp::Reverse(f.fit(style)), *i))
            .map_or(first, |(i, _)| i);
        u16::try_from(best).ok().map(FontId::Extra)
    }
}

/// Letters and marks of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana,
/// N'Ko and their presentation forms, and the historic ones of the SMP).
pub fn right_to_left_script(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
}

/// The PostScript name, from whichever platform's record is readable (Unicode, or the
/// Mac Roman record, which is ASCII for these fonts).
pub(super) fn postscript_name(face: &rustybuzz::Face) -> Option<String> {
    name(face, rustybuzz::ttf_parser::name_id::POST_SCRIPT_NAME)
}

/// The typographic family (name 16), else the family (name 1).
pub fn family_name(face: &rustybuzz::ttf_parser::Face) -> Option<String> {
    use rustybuzz::ttf_parser::name_id;
    name(face, name_id::TYPOGRAPHIC_FAMILY).or_else(|| name(face, name_id::FAMILY))
}

fn name(face: &rustybuzz::ttf_parser::Face, id: u16) -> Option<String> {
    face.names()
        .into_iter()
        .filter(|n| n.name_id == id)
        .find_map(|n| {
            n.to_string().or_else(|| {
                n.name
                    .is_ascii()
                    .then(|| String::from_utf8_lossy(n.name).into_owned())
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_face_is_found_and_covers_french() {
        let fonts = Fonts::embedded();
        for id in FontId::ALL {
            let font = fonts.get(id);
            for c in "àéèêëîïôûùçœ«»’".chars() {
                assert!(font.has_glyph(c), "{id:?} lacks {c}");
            }
        }
    }

    /// A source of one face, as `load`'s would be with one font installed.
    struct One(&'static Font);

    impl FontSource for One {
        fn covering(&self, c: char, _: Style) -> Option<u16> {
            self.0.has_glyph(c).then_some(0)
        }
        fn face(&self, number: u16) -> Option<&'static Font> {
            (number == 0).then_some(self.0)
        }
    }

    #[test]
    fn the_chain_goes_embedded_configured_then_system() {
        let mono = Fonts::embedded().get(FontId::Mono);
        let serif = Fonts::embedded().get(FontId::SerifBold);
        let fonts = Fonts::embedded()
            .clone()
            .with_configured(vec![serif], false)
            .with_system(Arc::new(One(mono)));
        assert_eq!(fonts.covering(FontId::Serif, 'a'), Some(FontId::Serif));
        // Box drawing: the serif lacks it, the embedded mono has it.
        assert_eq!(fonts.covering(FontId::Serif, '─'), Some(FontId::Mono));
        assert_eq!(fonts.covering(FontId::Serif, '\u{E000}'), None);
        let led = Fonts::embedded().clone().with_configured(vec![serif], true);
        assert_eq!(led.covering(FontId::Serif, 'a'), Some(FontId::Extra(0)));
        assert_eq!(led.covering(FontId::Mono, 'a'), Some(FontId::Mono));
        assert!(std::ptr::eq(led.get(FontId::Extra(0)), serif));
        assert!(std::ptr::eq(fonts.get(FontId::Extra(1)), mono));
    }
}
