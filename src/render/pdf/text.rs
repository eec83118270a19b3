//! Text: shaping with rustybuzz (kerning, ligatures), font fallback, and hyphenation
//! per language. Each distinct word is shaped once per font and cached: a guide
//! repeats its vocabulary, so the cache turns shaping into lookups. A word's pieces
//! between its break points are cached too, which spares hyphenating it again and
//! looking each piece up apart.

use compact_str::CompactString;
use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;

use super::fonts::{FontId, Fonts};

/// One glyph, its advance and offsets in ems, and the text it stands for (empty for
/// the second and later glyphs of a cluster), so text extraction gives the source back.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub id: u16,
    pub advance: f32,
    pub x_offset: f32,
    pub y_offset: f32,
    /// Kept inline (a glyph's text is a few bytes): a long guide's layout holds
    /// millions of glyphs, and a heap string each doubled its memory.
    pub text: CompactString,
    /// Painted invisibly, for its text alone: a letter of a right-to-left ligature
    /// other than the last (see `Shaper::split_ligatures`). It takes no room.
    pub hidden: bool,
}

/// A run of glyphs in one font.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub font: FontId,
    /// Shared: a word shaped once is placed many times, and a long guide's layout
    /// held a copy of its glyphs per occurrence.
    pub glyphs: Arc<[Glyph]>,
    /// Sum of advances, in ems.
    pub width: f32,
    /// Its bidi embedding level: odd when shaped right to left. Its glyphs are in
    /// visual order, left to right, as a text's segments are; paint shows them in
    /// reading order (a right-to-left segment from the right, a line's segments by
    /// their levels), so that the content stream, which the structure tree points
    /// into, holds the text in logical order.
    pub level: u8,
    /// What the room layout left before it stands for, where layout knows better
    /// than the room's width.
    pub gap: Gap,
}

impl Segment {
    pub fn rtl(&self) -> bool {
        self.level % 2 == 1
    }
}

/// The room before a segment. Paint writes a word space as the font's space glyph
/// (extraction and the structure tree then separate the words) and anything else as
/// a move of the pen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Gap {
    /// Judged by its width: a word space when wider than a tenth of an em.
    #[default]
    Measured,
    /// Spacing, never a word space: the quarter em between Japanese and Latin, the
    /// justification between CJK characters, two directions meeting inside a word.
    Spacing,
    /// A word space in reading order, wherever the segment stands: a reordered
    /// line's words are painted in reading order, not side by side.
    Word,
}

/// A shaped piece of text, possibly in several fonts when one lacks a character.
pub type Shaped = Arc<Vec<Segment>>;

/// The segments a placed text owns: almost always one (a word in one font), kept
/// inline, as a long guide places millions of words.
pub type Segments = smallvec::SmallVec<[Segment; 1]>;

pub fn width_em(shaped: &[Segment]) -> f32 {
    shaped.iter().map(|s| s.width).sum()
}

/// Shapes text with a cache; records characters no font covers.
pub struct Shaper {
    fonts: Fonts,
    /// By font and whether the text is set right to left, then text: a lookup needs
    /// no key of its own.
    /// Texts are kept inline (a word is shorter than 24 bytes), so a probe of the
    /// table compares the text in place instead of following a pointer to it.
    cache: Mutex<FxHashMap<(FontId, bool), FxHashMap<CompactString, Shaped>>>,
    missing: Mutex<BTreeSet<char>>,
    /// Shape plans by font, direction and script: building a plan costs more than
    /// shaping a word with it.
    plans: Mutex<FxHashMap<PlanKey, Arc<rustybuzz::ShapePlan>>>,
    /// Words split where they may break, by font and language, then word; in shards
    /// by the word's hash, as every thread asks for a word at every turn and one lock
    /// had them wait on each other.
    words: [Mutex<WordTable>; WORD_SHARDS],
}

/// A word cut where it may break (hyphenation points, after explicit hyphens and
/// slashes, between CJK characters), each piece shaped.
#[derive(Clone)]
pub struct Word {
    /// Whether the word is CJK text (breaks cost nothing and print no hyphen).
    pub cjk: bool,
    /// Each piece: where it ends in the word, whether a break after it prints a
    /// hyphen, and its shape.
    pub pieces: smallvec::SmallVec<[(usize, bool, Segments); 2]>,
    /// The hyphen printed at a break, when the word has a hyphenation point.
    pub hyphen: Option<Segments>,
}

type PlanKey = (FontId, rustybuzz::Direction, Option<rustybuzz::Script>);

type WordTable = FxHashMap<(FontId, CompactString), FxHashMap<CompactString, Word>>;

/// The word cache's shards, by the top bits of the word's hash (Fx's best mixed).
const WORD_SHARD_BITS: u32 = 4;
const WORD_SHARDS: usize = 1 << WORD_SHARD_BITS;

/// The shard of the word cache that holds `word`.
fn word_shard(word: &str) -> usize {
    use std::hash::BuildHasher;
    (rustc_hash::FxBuildHasher.hash_one(word) >> (u64::BITS - WORD_SHARD_BITS)) as usize
}

impl Default for Shaper {
    fn default() -> Self {
        Shaper::new(Fonts::embedded().clone())
    }
}

impl Shaper {
    pub fn new(fonts: Fonts) -> Self {
        Shaper {
            fonts,
            cache: Mutex::default(),
            missing: Mutex::default(),
            plans: Mutex::default(),
            words: Default::default(),
        }
    }

    pub fn fonts(&self) -> &Fonts {
        &self.fonts
    }

    /// `text` shaped in `font`, its direction guessed from its first letters, computed
    /// (outside the lock) the first time; the text is copied only then.
    pub fn shape(&self, font: FontId, text: &str) -> Shaped {
        self.shape_directed(font, text, false)
    }

    /// `text` shaped right to left whatever its letters (a run at an odd bidi level:
    /// Arabic and Hebrew, and the punctuation between them, whose brackets mirror),
    /// its segments in visual order, right-most first.
    pub fn shape_rtl(&self, font: FontId, text: &str) -> Shaped {
        self.shape_directed(font, text, true)
    }

    fn shape_directed(&self, font: FontId, text: &str, rtl: bool) -> Shaped {
        let key = (font, rtl);
        let hit = (self.cache.lock().expect("shape cache"))
            .get(&key)
            .and_then(|texts| texts.get(text).cloned());
        if let Some(hit) = hit {
            return hit;
        }
        let mut segments = self.shape_with_fallback(font, text, rtl);
        if rtl {
            segments.reverse();
        }
        let shaped = Arc::new(segments);
        (self.cache.lock().expect("shape cache"))
            .entry(key)
            .or_default()
            .insert(CompactString::from(text), shaped.clone());
        shaped
    }

    /// `word` in `font` cut by `cuts` (break offsets, whether each prints a hyphen, and
    /// whether the word is CJK), for `lang`, as `read` takes it; computed the first time.
    pub fn word<R>(
        &self,
        font: FontId,
        lang: &str,
        word: &str,
        cuts: impl FnOnce(&str) -> (Vec<(usize, bool)>, bool),
        read: impl FnOnce(&Word) -> R,
    ) -> R {
        let key = (font, CompactString::from(lang));
        // Read under the lock rather than copied out: the copy (its pieces, and a count
        // on each piece's glyphs) was a tenth of a paragraph's setting. Sharing the
        // entry instead (an `Arc`) had both threads count references on the same few
        // words.
        let shard = &self.words[word_shard(word)];
        {
            let words = shard.lock().expect("word cache");
            if let Some(hit) = words.get(&key).and_then(|words| words.get(word)) {
                return read(hit);
            }
        }
        let (cuts, cjk) = cuts(word);
        let mut start = 0;
        let mut pieces: smallvec::SmallVec<[(usize, bool, Segments); 2]> =
            smallvec::SmallVec::new();
        for (cut, with_hyphen) in cuts.into_iter().chain([(word.len(), false)]) {
            if cut <= start {
                continue;
            }
            let shaped = self.shape(font, &word[start..cut]);
            pieces.push((cut, with_hyphen, Segments::from(&shaped[..])));
            start = cut;
        }
        let hyphen = (pieces.iter())
            .any(|p| p.1)
            .then(|| Segments::from(&self.shape(font, "-")[..]));
        let cut = Word {
            cjk,
            pieces,
            hyphen,
        };
        let read = read(&cut);
        (shard.lock().expect("word cache"))
            .entry(key)
            .or_default()
            .insert(CompactString::from(word), cut);
        read
    }

    /// Characters that no embedded font has, to report once per document.
    pub fn take_missing(&self) -> BTreeSet<char> {
        std::mem::take(&mut self.missing.lock().expect("missing set"))
    }

    /// Splits `text` into runs by the font that covers each cluster (a mark or a
    /// joiner stays with its base when that font has it), then shapes each run, so
    /// kerning and ligatures hold inside a run.
    fn shape_with_fallback(&self, font: FontId, text: &str, rtl: bool) -> Vec<Segment> {
        let fonts = &self.fonts;
        let mut segments = Vec::new();
        let mut run = String::new();
        let mut run_font: Option<FontId> = None;
        for c in text.chars() {
            let f = match run_font {
                Some(r) if c.is_whitespace() || (clings(c) && fonts.get(r).has_glyph(c)) => r,
                _ => fonts.covering(font, c).unwrap_or_else(|| {
                    if !c.is_whitespace() {
                        self.missing.lock().expect("missing set").insert(c);
                    }
                    font
                }),
            };
            if let Some(r) = run_font.filter(|r| *r != f) {
                segments.push(self.shape_run(r, &run, rtl));
                run.clear();
            }
            run_font = Some(f);
            run.push(c);
        }
        if let Some(r) = run_font {
            segments.push(self.shape_run(r, &run, rtl));
        }
        segments
    }

    fn shape_run(&self, font: FontId, text: &str, rtl: bool) -> Segment {
        let face = &self.fonts.get(font).face;
        let upem = face.units_per_em() as f32;
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        if rtl {
            buffer.set_direction(rustybuzz::Direction::RightToLeft);
        }
        // As `rustybuzz::shape` does: a run with no script of its own plans with none.
        let script = Some(buffer.script()).filter(|s| *s != rustybuzz::script::UNKNOWN);
        let plan = self.plan(font, buffer.direction(), script);
        let output = rustybuzz::shape_with_plan(face, &plan, buffer);
        let infos = output.glyph_infos();
        let positions = output.glyph_positions();
        // A cluster's text ends where the next cluster in logical order starts: right to
        // left, glyphs come in visual order, their clusters decreasing.
        let mut starts: Vec<usize> = infos.iter().map(|g| g.cluster as usize).collect();
        starts.sort_unstable();
        starts.dedup();
        let mut glyphs: Vec<Glyph> = (infos.iter().zip(positions))
            .map(|(info, pos)| Glyph {
                id: info.glyph_id as u16,
                advance: pos.x_advance as f32 / upem,
                x_offset: pos.x_offset as f32 / upem,
                y_offset: pos.y_offset as f32 / upem,
                text: CompactString::default(),
                hidden: false,
            })
            .collect();
        // A cluster's text goes to its first glyph that advances (its base: right to
        // left, a mark comes before it), so extraction finds it on the line.
        let mut first = 0;
        while first < infos.len() {
            let cluster = infos[first].cluster;
            let last = (first..infos.len())
                .take_while(|&i| infos[i].cluster == cluster)
                .last()
                .unwrap_or(first);
            let start = cluster as usize;
            let end = starts
                .get(starts.partition_point(|c| *c <= start))
                .copied()
                .unwrap_or(text.len());
            let carrier = (first..=last)
                .find(|&i| glyphs[i].advance > 0.0)
                .unwrap_or(first);
            let source = text.get(start..end.max(start)).unwrap_or("");
            let marks: Vec<usize> = (first..=last)
                .filter(|&i| i != carrier && glyphs[i].advance == 0.0)
                .collect();
            let mut letters = source.chars();
            let base = letters.next();
            if rtl
                && base.is_some_and(|c| !clings(c))
                && letters.clone().count() == marks.len()
                && letters.clone().all(clings)
            {
                // A letter and its marks (shadda, vowels), a glyph each: pdftotext
                // drops a mark that rides on its letter's glyph.
                glyphs[carrier].text = base.map(|c| c.to_string().into()).unwrap_or_default();
                for (glyph, mark) in marks.into_iter().zip(letters) {
                    glyphs[glyph].text = mark.to_string().into();
                }
            } else {
                glyphs[carrier].text = if rtl {
                    painted_order(source)
                } else {
                    CompactString::from(source)
                };
            }
            first = last + 1;
        }
        if rtl {
            glyphs = split_ligatures(face, glyphs);
        }
        let width = glyphs.iter().map(|g| g.advance).sum();
        Segment {
            font,
            glyphs: glyphs.into(),
            width,
            level: u8::from(rtl),
            gap: Gap::Measured,
        }
    }

    /// The plan for shaping `font` in this direction and script, built once.
    fn plan(
        &self,
        font: FontId,
        direction: rustybuzz::Direction,
        script: Option<rustybuzz::Script>,
    ) -> Arc<rustybuzz::ShapePlan> {
        let key = (font, direction, script);
        if let Some(plan) = self.plans.lock().expect("plan lock").get(&key) {
            return plan.clone();
        }
        let face = &self.fonts.get(font).face;
        let plan = Arc::new(rustybuzz::ShapePlan::new(
            face,
            direction,
            script,
            None,
            &[],
        ));
        self.plans
            .lock()
            .expect("plan lock")
            .entry(key)
            .or_insert(plan)
            .clone()
    }
}

/// Each right-to-left ligature of plain letters (lam-alef) keeps its last letter,
/// and its earlier letters follow it as hidden glyphs (each letter's own glyph, shown
/// invisibly over the ligature's right part), one letter per glyph: the content
/// stream, read in order, gives the letters in logical order (the structure tree),
/// and their places give it to extraction that reads the line from the right
/// (`pdftotext`). A ligature's text as one glyph's cannot do both: a reader takes a
/// glyph's letters in the order given, and poppler's text extraction spreads them
/// left to right before it reverses the line. A cluster with marks, or a letter the
/// font has no glyph of its own for, keeps its letters on the ligature in painted
/// order.
fn split_ligatures(face: &rustybuzz::Face, glyphs: Vec<Glyph>) -> Vec<Glyph> {
    if glyphs.iter().all(|g| g.text.chars().nth(1).is_none()) {
        return glyphs;
    }
    let mut out = Vec::with_capacity(glyphs.len() + 2);
    for mut glyph in glyphs {
        // Its text is in painted order: the last letter read comes first.
        let letters: smallvec::SmallVec<[(char, u16); 4]> = glyph
            .text
            .chars()
            .map(|c| (c, face.glyph_index(c).map_or(0, |g| g.0)))
            .collect();
        let plain = letters.len() > 1
            && letters
                .iter()
                .all(|&(c, id)| id != 0 && !clings(c) && direction_rtl(c));
        if !plain {
            out.push(glyph);
            continue;
        }
        glyph.text = CompactString::from(&*letters[0].0.encode_utf8(&mut [0; 4]));
        out.push(glyph);
        // After it in visual order: shown before it, right to left.
        out.extend(letters[1..].iter().map(|&(c, id)| Glyph {
            id,
            advance: 0.0,
            x_offset: 0.0,
            y_offset: 0.0,
            text: CompactString::from(&*c.encode_utf8(&mut [0; 4])),
            hidden: true,
        }));
    }
    out
}

/// A letter written right to left (Arabic, Hebrew and the like).
fn direction_rtl(c: char) -> bool {
    matches!(
        unicode_bidi::bidi_class(c),
        unicode_bidi::BidiClass::R | unicode_bidi::BidiClass::AL
    )
}

/// A right-to-left ligature's letters in the order they are painted, left to right
/// (lam-alef's alef first), each with its marks: text extraction reads a glyph's
/// letters along the line and reverses right-to-left lines whole.
fn painted_order(text: &str) -> CompactString {
    let mut letters: Vec<String> = Vec::new();
    for c in text.chars() {
        match letters.last_mut() {
            Some(letter) if clings(c) => letter.push(c),
            _ => letters.push(c.to_string()),
        }
    }
    letters.iter().rev().map(String::as_str).collect()
}

/// Characters that belong to the cluster before them: combining marks, joiners and
/// variation selectors.
fn clings(c: char) -> bool {
    use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};
    matches!(c, '\u{200C}' | '\u{200D}') || c.general_category_group() == GeneralCategoryGroup::Mark
}

/// The hyphenation patterns of `lang` (TeX's, compiled into hypher) and how many
/// letters must stay before and after a break.
fn patterns(lang: &str) -> Option<(hypher::Lang, usize, usize)> {
    match lang.split(['-', '_']).next().unwrap_or(lang) {
        "fr" => Some((hypher::Lang::French, 2, 3)),
        "en" => Some((hypher::Lang::English, 2, 3)),
        "de" => Some((hypher::Lang::German, 2, 2)),
        _ => None,
    }
}

/// Letters a word needs before it may be hyphenated (two before the break, three after).
const MIN_HYPHENATED: usize = 5;

/// Byte offsets inside `word` where it may be hyphenated. Punctuation around the word
/// is stripped first, elisions (l’, d’) are left whole, and short words, words with
/// digits and all-capital words (acronyms) are never split.
pub fn hyphenation_points(word: &str, lang: &str) -> Vec<usize> {
    // Fewer bytes than that means fewer letters: most words stop here.
    if word.len() < MIN_HYPHENATED {
        return Vec::new();
    }
    let Some((patterns, left, right)) = patterns(lang) else {
        return Vec::new();
    };
    let start = word.find(|c: char| c.is_alphabetic()).unwrap_or(word.len());
    let end = word.rfind(|c: char| c.is_alphabetic()).map_or(start, |i| {
        i + word[i..].chars().next().map_or(1, char::len_utf8)
    });
    if start >= end {
        return Vec::new();
    }
    let mut core_start = start;
    // After an elision, only the word itself is hyphenated.
    if let Some(i) = word[start..end].rfind(['’', '\'']) {
        core_start = start + i + word[start + i..].chars().next().map_or(1, char::len_utf8);
    }
    let core = &word[core_start..end];
    let letters = core.chars().count();
    if letters < MIN_HYPHENATED
        || !core.chars().all(char::is_alphabetic)
        || core.chars().all(char::is_uppercase)
    {
        return Vec::new();
    }
    let mut at = core_start;
    let mut points = Vec::new();
    for syllable in hypher::hyphenate_bounded(core, patterns, left, right) {
        if at > core_start {
            points.push(at);
        }
        at += syllable.len();
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shaping_makes_ligatures_and_keeps_the_text() {
        let shaper = Shaper::default();
        let shaped = shaper.shape(FontId::Serif, "efficace");
        let glyphs = &shaped[0].glyphs;
        let text: String = glyphs.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(text, "efficace");
        assert!(glyphs.len() < "efficace".len(), "ffi is one ligature glyph");
    }

    #[test]
    fn french_hyphenation_strips_punctuation_and_elisions() {
        let points = hyphenation_points("«\u{202F}l’organisation,", "fr");
        let word = "«\u{202F}l’organisation,";
        let parts: Vec<&str> = points.iter().map(|&p| &word[..p]).collect();
        assert!(!parts.is_empty());
        assert!(parts.iter().all(|p| p.contains("l’")), "{parts:?}");
        assert!(hyphenation_points("HTTP", "fr").is_empty());
        assert!(hyphenation_points("P1", "fr").is_empty());
        assert!(hyphenation_points("word", "ja").is_empty());
    }

    #[test]
    fn german_compounds_are_hyphenated() {
        let word = "Produktionsumgebung";
        let parts: Vec<&str> = hyphenation_points(word, "de")
            .iter()
            .map(|&p| &word[p..])
            .collect();
        assert!(parts.contains(&"umgebung"), "{parts:?}");
        assert!(
            hyphenation_points("Supportfall,", "de")
                .iter()
                .all(|&p| p < "Supportfall".len())
        );
    }

    #[test]
    fn right_to_left_runs_come_in_visual_order_with_their_clusters_text() {
        let shaper = Shaper::default();
        // Lam and alef join into one glyph that carries the alef; the lam follows
        // it as a hidden glyph that takes no room, so that, shown from the right,
        // the glyphs read the word in logical order.
        let shaped = shaper.shape_rtl(FontId::Serif, "سلام");
        let glyphs: Vec<(&str, bool)> = shaped
            .iter()
            .flat_map(|s| s.glyphs.iter().map(|g| (g.text.as_str(), g.hidden)))
            .collect();
        assert_eq!(
            glyphs,
            [("م", false), ("ا", false), ("ل", true), ("س", false)]
        );
        let read: String = (shaped.iter().rev())
            .flat_map(|s| s.glyphs.iter().rev().map(|g| g.text.as_str()))
            .collect();
        assert_eq!(read, "سلام");
        let hidden = shaped
            .iter()
            .flat_map(|s| s.glyphs.iter())
            .find(|g| g.hidden);
        assert_eq!(hidden.map(|g| g.advance), Some(0.0));
        // A bracket in a right-to-left run is mirrored: a different glyph.
        let open = &shaper.shape_rtl(FontId::Serif, "(")[0].glyphs[0];
        let close = &shaper.shape(FontId::Serif, ")")[0].glyphs[0];
        assert_eq!((open.id, open.text.as_str()), (close.id, "("));
    }

    #[test]
    fn fallback_covers_characters_the_serif_lacks() {
        let shaper = Shaper::default();
        let shaped = shaper.shape(FontId::Serif, "a ↪ b");
        assert!(shaped.iter().all(|s| s.glyphs.iter().all(|g| g.id != 0)));
        assert!(shaper.take_missing().is_empty());
    }
}
