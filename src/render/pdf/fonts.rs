//! The PDF's fonts, embedded in the binary from a registry crate (typst-assets): output
//! never depends on what the machine has installed. Libertinus Serif for text and
//! headings, DejaVu Sans Mono for code.

use std::sync::LazyLock;

use rustybuzz::ttf_parser::GlyphId;

/// The faces a layout can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FontId {
    Serif,
    SerifItalic,
    SerifBold,
    SerifBoldItalic,
    Mono,
    MonoBold,
    /// A font configured for scripts the embedded ones lack (CJK), when there is one.
    Extra,
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

    /// Short name for layout dumps.
    pub fn short(self) -> &'static str {
        match self {
            FontId::Serif => "serif",
            FontId::SerifItalic => "serif-i",
            FontId::SerifBold => "serif-b",
            FontId::SerifBoldItalic => "serif-bi",
            FontId::Mono => "mono",
            FontId::MonoBold => "mono-b",
            FontId::Extra => "extra",
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
            FontId::Extra => "",
        }
    }

    pub fn is_serif(self) -> bool {
        matches!(
            self,
            FontId::Serif | FontId::SerifItalic | FontId::SerifBold | FontId::SerifBoldItalic
        )
    }

    pub fn bold(self) -> FontId {
        match self {
            FontId::Serif | FontId::SerifBold => FontId::SerifBold,
            FontId::SerifItalic | FontId::SerifBoldItalic => FontId::SerifBoldItalic,
            FontId::Mono | FontId::MonoBold => FontId::MonoBold,
            FontId::Extra => FontId::Extra,
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

#[derive(Clone)]
pub struct Font {
    pub id: FontId,
    pub bytes: &'static [u8],
    pub face: rustybuzz::Face<'static>,
    pub units_per_em: f32,
}

impl Font {
    pub fn has_glyph(&self, c: char) -> bool {
        self.face.glyph_index(c).is_some_and(|g| g != GlyphId(0))
    }

    /// Ascender as a fraction of the em.
    pub fn ascender(&self) -> f32 {
        self.face.ascender() as f32 / self.units_per_em
    }
}

/// The faces of one document: the embedded ones, and maybe an extra one.
#[derive(Clone)]
pub struct Fonts {
    fonts: Vec<Font>,
    extra: Option<Font>,
    extra_index: u32,
}

static FONTS: LazyLock<Fonts> = LazyLock::new(Fonts::load_embedded);

impl Fonts {
    /// The embedded fonts, parsed once per process.
    pub fn embedded() -> &'static Fonts {
        &FONTS
    }

    fn load_embedded() -> Fonts {
        let faces: Vec<(&'static [u8], rustybuzz::Face<'static>)> = typst_assets::fonts()
            .filter_map(|bytes| Some((bytes, rustybuzz::Face::from_slice(bytes, 0)?)))
            .collect();
        let fonts = FontId::ALL
            .iter()
            .map(|id| {
                let (bytes, face) = faces
                    .iter()
                    .find(|(_, face)| {
                        postscript_name(face).as_deref() == Some(id.postscript_name())
                    })
                    .unwrap_or_else(|| panic!("font {} is embedded", id.postscript_name()));
                Font {
                    id: *id,
                    bytes,
                    face: face.clone(),
                    units_per_em: face.units_per_em() as f32,
                }
            })
            .collect();
        Fonts {
            fonts,
            extra: None,
            extra_index: 0,
        }
    }

    /// The embedded faces plus a configured font (`index` in a collection); `None`
    /// when the bytes are not a font.
    pub fn with_extra(bytes: &'static [u8], index: u32) -> Option<Fonts> {
        let face = rustybuzz::Face::from_slice(bytes, index)?;
        let mut fonts = Fonts::embedded().clone();
        let units_per_em = face.units_per_em() as f32;
        fonts.extra = Some(Font {
            id: FontId::Extra,
            bytes,
            face,
            units_per_em,
        });
        fonts.extra_index = index;
        Some(fonts)
    }

    pub fn get(&self, id: FontId) -> &Font {
        match (id, &self.extra) {
            (FontId::Extra, Some(extra)) => extra,
            (FontId::Extra, None) => &self.fonts[FontId::Serif as usize],
            _ => &self.fonts[id as usize],
        }
    }

    pub fn has_extra(&self) -> bool {
        self.extra.is_some()
    }

    /// The face index inside the font file (collections hold several).
    pub fn index(&self, id: FontId) -> u32 {
        match (id, &self.extra) {
            (FontId::Extra, Some(_)) => self.extra_index,
            _ => 0,
        }
    }
}

/// The PostScript name, from whichever platform's record is readable (Unicode, or the
/// Mac Roman record, which is ASCII for these fonts).
pub(super) fn postscript_name(face: &rustybuzz::Face) -> Option<String> {
    face.names()
        .into_iter()
        .filter(|n| n.name_id == rustybuzz::ttf_parser::name_id::POST_SCRIPT_NAME)
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
}
