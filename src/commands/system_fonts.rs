//! The machine's fonts, the last link of the PDF's fallback chain: a character that
//! neither the embedded nor the configured fonts have is looked up here. Nothing is
//! listed until the first such character (a guide that needs nothing more pays
//! nothing); then fontdb lists the installed faces once per process, and each face's
//! character coverage is read once. Faces are sorted by family and file, so the same
//! machine always gives the same choice and the same bytes. Colour-only emoji fonts
//! (bitmaps, COLR, SVG) and variable fonts are left out: the PDF embeds outlines of
//! static faces.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use rustybuzz::ttf_parser;

use crate::render::pdf::fonts::{Font, FontSource, Style};

/// Set to `1` to leave the machine's fonts out of the PDF (output independent of
/// what is installed; tests use it).
pub const DISABLE_ENV: &str = "FOLIO_NO_SYSTEM_FONTS";

/// The machine's fonts, unless `FOLIO_NO_SYSTEM_FONTS=1`.
pub fn source() -> Option<Arc<dyn FontSource>> {
    if std::env::var(DISABLE_ENV).is_ok_and(|v| v == "1") {
        return None;
    }
    static SYSTEM: OnceLock<Arc<SystemFonts>> = OnceLock::new();
    let fonts = SYSTEM.get_or_init(|| Arc::new(SystemFonts::default()));
    Some(fonts.clone() as Arc<dyn FontSource>)
}

/// One installed face and what it covers.
struct Candidate {
    path: PathBuf,
    index: u32,
    family: String,
    weight: u16,
    italic: bool,
    normal_width: bool,
    mono: bool,
    /// Sorted, inclusive ranges of the code points its cmap maps.
    coverage: Vec<(u32, u32)>,
}

impl Candidate {
    fn covers(&self, c: char) -> bool {
        let c = c as u32;
        let i = self.coverage.partition_point(|(_, end)| *end < c);
        self.coverage.get(i).is_some_and(|(start, _)| *start <= c)
    }
}

#[derive(Default)]
pub struct SystemFonts {
    candidates: OnceLock<Vec<Candidate>>,
    choices: Mutex<HashMap<(char, Style), Option<u16>>>,
    /// Faces read so far; `None` for one that turned out unreadable.
    loaded: Mutex<HashMap<u16, Option<&'static Font>>>,
}

impl SystemFonts {
    fn candidates(&self) -> &[Candidate] {
        self.candidates.get_or_init(scan)
    }

    /// The best face for `c`: a family whose spacing suits the text (monospaced for
    /// code), the first by name; then its face nearest in weight, slant and width.
    fn choose(&self, c: char, style: Style) -> Option<u16> {
        let candidates = self.candidates();
        let mut covering: Vec<usize> = (0..candidates.len())
            .filter(|&i| candidates[i].covers(c))
            .collect();
        let target = if style.bold { 700 } else { 400 };
        covering.sort_by_key(|&i| {
            let f = &candidates[i];
            (
                f.mono != style.mono,
                cjk_rank(&f.family),
                f.family.to_lowercase(),
                f.weight.abs_diff(target),
                f.italic != style.italic,
                !f.normal_width,
                i,
            )
        });
        covering
            .into_iter()
            .filter_map(|i| u16::try_from(i).ok())
            .find(|&n| self.face(n).is_some_and(|f| f.has_glyph(c)))
    }
}

impl FontSource for SystemFonts {
    fn covering(&self, c: char, style: Style) -> Option<u16> {
        if let Some(choice) = self.choices.lock().ok()?.get(&(c, style)) {
            return *choice;
        }
        let choice = self.choose(c, style);
        self.choices.lock().ok()?.insert((c, style), choice);
        choice
    }

    fn face(&self, number: u16) -> Option<&'static Font> {
        if let Some(face) = self.loaded.lock().ok()?.get(&number) {
            return *face;
        }
        let candidate = self.candidates().get(usize::from(number))?;
        // Read once and kept for the process: the faces borrow the bytes.
        let face = std::fs::read(&candidate.path)
            .ok()
            .and_then(|bytes| Font::parse(bytes.leak(), candidate.index))
            .map(|font| &*Box::leak(Box::new(font)));
        self.loaded.lock().ok()?.insert(number, face);
        face
    }
}

/// Among the regional cuts of one CJK family (Noto's, Source Han's), which to take
/// for a character they all have: Japanese first, then Simplified and Traditional
/// Chinese, Hong Kong, Korean. A locale that needs one cut configures it.
fn cjk_rank(family: &str) -> u8 {
    let words: Vec<&str> = family.split_whitespace().collect();
    ["JP", "SC", "TC", "HK", "KR"]
        .iter()
        .position(|region| words.contains(region))
        .map_or(0, |i| i as u8)
}

/// Every usable installed face, sorted by family, then file and index.
fn scan() -> Vec<Candidate> {
    let mut db = fontdb::Database::new();
    db.load_system_fonts();
    let mut candidates: Vec<Candidate> = db
        .faces()
        .filter_map(|info| {
            let path = match &info.source {
                fontdb::Source::File(path) | fontdb::Source::SharedFile(path, _) => path.clone(),
                fontdb::Source::Binary(_) => return None,
            };
            let coverage = db.with_face_data(info.id, coverage).flatten()?;
            Some(Candidate {
                path,
                index: info.index,
                family: info
                    .families
                    .first()
                    .map(|f| f.0.clone())
                    .unwrap_or_default(),
                weight: info.weight.0,
                italic: info.style != fontdb::Style::Normal,
                normal_width: info.stretch == fontdb::Stretch::Normal,
                mono: info.monospaced,
                coverage,
            })
        })
        .collect();
    candidates.sort_by(|a, b| {
        (a.family.to_lowercase(), &a.path, a.index).cmp(&(
            b.family.to_lowercase(),
            &b.path,
            b.index,
        ))
    });
    candidates
}

/// The code points a face maps, as ranges; `None` for a face the PDF cannot use.
fn coverage(data: &[u8], index: u32) -> Option<Vec<(u32, u32)>> {
    let face = ttf_parser::Face::parse(data, index).ok()?;
    let tables = face.tables();
    let colour = tables.cbdt.is_some()
        || tables.sbix.is_some()
        || tables.colr.is_some()
        || tables.svg.is_some();
    let outlines = tables.glyf.is_some() || tables.cff.is_some();
    if colour || !outlines || face.is_variable() {
        return None;
    }
    // Runs of consecutive code points, as the subtables give them (in order, for
    // the usual formats), then merged: a CJK face maps some 65,000.
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for subtable in tables.cmap?.subtables {
        if subtable.is_unicode() {
            subtable.codepoints(|c| match runs.last_mut() {
                Some((_, end)) if *end + 1 == c => *end = c,
                _ => runs.push((c, c)),
            });
        }
    }
    runs.sort_unstable();
    let mut ranges: Vec<(u32, u32)> = Vec::with_capacity(runs.len());
    for (start, end) in runs {
        match ranges.last_mut() {
            Some((_, last)) if start <= last.saturating_add(1) => *last = (*last).max(end),
            _ => ranges.push((start, end)),
        }
    }
    Some(ranges)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coverage_ranges_answer_membership() {
        let candidate = Candidate {
            path: PathBuf::new(),
            index: 0,
            family: String::new(),
            weight: 400,
            italic: false,
            normal_width: true,
            mono: false,
            coverage: vec![(0x20, 0x7E), (0x900, 0x97F)],
        };
        assert!(candidate.covers('a') && candidate.covers('क'));
        assert!(!candidate.covers('é') && !candidate.covers('\u{1F680}'));
    }

    #[test]
    fn an_embedded_font_is_usable_and_its_coverage_is_read() {
        let font = crate::render::pdf::fonts::Fonts::embedded()
            .get(crate::render::pdf::fonts::FontId::Mono);
        let ranges = coverage(font.bytes, 0).expect("DejaVu Sans Mono is usable");
        assert!(
            ranges.iter().any(|(s, e)| (*s..=*e).contains(&0x2500)),
            "box drawing"
        );
    }
}
