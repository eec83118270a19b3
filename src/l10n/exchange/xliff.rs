//! XLIFF 2.0 (core), as Trados, memoQ and OmegaT read it: a `<file>` per source
//! file, a `<unit>` per unit whose id is the unit's key (id and source fingerprint),
//! its location, heading path and notes as `<note>`s, and inline Markdown as codes:
//! `<pc>` around prose (links, emphasis, index marks), `<ph>` standing alone (code
//! spans, images, raw HTML, URLs, Fluent placeables), the Markdown they stand for in
//! `<originalData>`. A translation made from an older source is written with
//! `state="initial"`, one the locale has as current with `state="translated"`.
//!
//! quick-xml reads it (every error at its line and column); it is written by hand,
//! element by element, so the output stays byte-stable.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use quick_xml::XmlVersion;
use quick_xml::escape::{escape, partial_escape, resolve_predefined_entity};
use quick_xml::events::{BytesStart, Event};

use super::inline::{self, Piece};
use super::{Exchange, ImportFile, Imported, Unit, UnitKind, split_key, unit_key};
use crate::diagnostic::{Diagnostic, pos_at};

pub const NAMESPACE: &str = "urn:oasis:names:tc:xliff:document:2.0";

/// The exchange as an XLIFF 2.0 document.
pub fn write(exchange: &Exchange) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<xliff xmlns=\"{NAMESPACE}\" version=\"2.0\" srcLang=\"{}\" trgLang=\"{}\">",
        escape(&exchange.source_locale),
        escape(&exchange.target_locale)
    );
    for (n, file) in exchange.files.iter().enumerate() {
        let _ = writeln!(
            out,
            "  <file id=\"f{}\" original=\"{}\" xml:space=\"preserve\">",
            n + 1,
            escape(&file.original)
        );
        for unit in &file.units {
            write_unit(&mut out, &file.original, unit);
        }
        out.push_str("  </file>\n");
    }
    out.push_str("</xliff>\n");
    out
}

fn write_unit(out: &mut String, original: &str, unit: &Unit) {
    let _ = writeln!(
        out,
        "    <unit id=\"{}\" name=\"{}\">",
        escape(unit_key(unit)),
        escape(&unit.id)
    );
    out.push_str("      <notes>\n");
    let _ = writeln!(
        out,
        "        <note category=\"location\">{}:{}</note>",
        escape(original),
        unit.line
    );
    if !unit.context.is_empty() {
        let _ = writeln!(
            out,
            "        <note category=\"context\">{}</note>",
            text(&unit.context)
        );
    }
    for note in &unit.notes {
        let _ = writeln!(
            out,
            "        <note category=\"translator\">{}</note>",
            text(note)
        );
    }
    out.push_str("      </notes>\n");
    let split = |s: &str| match unit.kind {
        UnitKind::Markdown => inline::markdown(s),
        UnitKind::Fluent => inline::fluent(s),
    };
    let mut codes = Codes::default();
    let source = codes.content(&split(&unit.source), true);
    let target = unit
        .target
        .as_ref()
        .map(|t| codes.content(&split(t), false));
    if !codes.data.is_empty() {
        out.push_str("      <originalData>\n");
        for (n, data) in codes.data.iter().enumerate() {
            let _ = writeln!(out, "        <data id=\"d{}\">{}</data>", n + 1, text(data));
        }
        out.push_str("      </originalData>\n");
    }
    let state = match (&target, unit.outdated) {
        (None, _) | (Some(_), true) => "initial",
        (Some(_), false) => "translated",
    };
    let _ = writeln!(out, "      <segment state=\"{state}\">");
    let _ = writeln!(out, "        <source>{source}</source>");
    if let Some(target) = target {
        let _ = writeln!(out, "        <target>{target}</target>");
    }
    out.push_str("      </segment>\n    </unit>\n");
}

/// Text for XML: escaped, with the characters XML 1.0 forbids as `<cp>`.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let allowed = matches!(c, '\t' | '\n' | '\r')
            || ('\u{20}'..='\u{D7FF}').contains(&c)
            || ('\u{E000}'..='\u{FFFD}').contains(&c)
            || c >= '\u{10000}';
        if allowed {
            let mut buf = [0; 4];
            out.push_str(&partial_escape(&*c.encode_utf8(&mut buf)));
        } else {
            let _ = write!(out, "<cp hex=\"{:04X}\"/>", c as u32);
        }
    }
    out
}

/// The inline codes of a unit: the source's numbered in order, the target's given
/// the source's number when they hold the same Markdown.
#[derive(Default)]
struct Codes {
    data: Vec<String>,
    /// `(id, data refs)` of the source's codes not yet matched by the target's.
    unmatched: Vec<(usize, Vec<usize>)>,
    next_id: usize,
}

impl Codes {
    fn data_ref(&mut self, markup: &str) -> usize {
        match self.data.iter().position(|d| d == markup) {
            Some(i) => i + 1,
            None => {
                self.data.push(markup.to_string());
                self.data.len()
            }
        }
    }

    /// The id of a code holding these data refs.
    fn id(&mut self, refs: Vec<usize>, source: bool) -> usize {
        if !source && let Some(i) = self.unmatched.iter().position(|(_, r)| *r == refs) {
            return self.unmatched.remove(i).0;
        }
        self.next_id += 1;
        if source {
            self.unmatched.push((self.next_id, refs));
        }
        self.next_id
    }

    fn content(&mut self, pieces: &[Piece], source: bool) -> String {
        if !source {
            // Unmatched target codes number on from the source's.
            self.next_id = self
                .next_id
                .max(self.unmatched.iter().map(|(id, _)| *id).max().unwrap_or(0));
        }
        let mut out = String::new();
        for piece in pieces {
            match piece {
                Piece::Text(t) => out.push_str(&text(t)),
                Piece::Ph(markup) => {
                    let d = self.data_ref(markup);
                    let id = self.id(vec![d], source);
                    let _ = write!(out, "<ph id=\"{id}\" dataRef=\"d{d}\"/>");
                }
                Piece::Pc { open, close, inner } => {
                    let (start, end) = (self.data_ref(open), self.data_ref(close));
                    let id = self.id(vec![start, end], source);
                    let inner = self.content(inner, source);
                    let _ = write!(
                        out,
                        "<pc id=\"{id}\" dataRefStart=\"d{start}\" dataRefEnd=\"d{end}\">{inner}</pc>"
                    );
                }
            }
        }
        out
    }
}

/// What is being read inside a unit.
#[derive(Default)]
struct UnitState {
    original: String,
    key: String,
    line: u32,
    column: u32,
    data: BTreeMap<String, String>,
    /// The data element being read.
    data_id: Option<String>,
    /// Targets of the segments read so far, and whether each segment had one.
    target: String,
    missing_target: bool,
    confirmed: bool,
    /// Inside `<target>`: the closing markup of each open `<pc>`.
    in_target: bool,
    closers: Vec<String>,
    /// Inside `<source>` (skipped) or `<notes>`.
    skipping: usize,
    /// A segment without a target so far.
    segment_has_target: bool,
}

/// Reads an XLIFF 2.0 document; every problem is a diagnostic at its line and
/// column. A document that is not well-formed is read up to the error.
pub fn read(xml: &str, file: &str) -> (ImportFile, Vec<Diagnostic>) {
    let mut out = ImportFile::default();
    let mut diagnostics = Vec::new();
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    let mut original: Option<String> = None;
    let mut unit: Option<UnitState> = None;
    let mut saw_root = false;
    loop {
        let at = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(e) => {
                let pos = pos_at(xml, (reader.error_position() as usize).min(xml.len()));
                diagnostics.push(
                    Diagnostic::error(file, pos, format!("malformed XML: {e}")).with_hint(
                        "the file must be well-formed XML, as `folio l10n export` wrote it",
                    ),
                );
                break;
            }
        };
        let here = |offset: usize| pos_at(xml, offset.min(xml.len()));
        let mut problem = |message: String, hint: &str| {
            diagnostics
                .push(Diagnostic::error(file, here(at), message).with_hint(hint.to_string()));
        };
        match event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) if !saw_root => {
                saw_root = true;
                let version = attribute(&e, "version");
                if e.local_name().as_ref() != "xliff" || version.as_deref() != Some("2.0") {
                    problem(
                        "not an XLIFF 2.0 document".into(),
                        "export with `folio l10n export LOCALE --format xliff`",
                    );
                    break;
                }
                out.source_locale = attribute(&e, "srcLang");
                out.target_locale = attribute(&e, "trgLang");
            }
            Event::Start(e) => {
                let name = e.local_name().as_ref().to_string();
                match (name.as_str(), unit.as_mut()) {
                    ("file", None) => original = attribute(&e, "original"),
                    ("unit", None) => {
                        let pos = here(at);
                        unit = Some(UnitState {
                            original: original.clone().unwrap_or_default(),
                            key: attribute(&e, "id").unwrap_or_default(),
                            line: pos.line,
                            column: pos.column,
                            confirmed: true,
                            ..UnitState::default()
                        });
                    }
                    (_, Some(state)) if state.skipping > 0 => state.skipping += 1,
                    ("notes" | "source", Some(state)) => state.skipping = 1,
                    ("data", Some(state)) => {
                        let id = attribute(&e, "id").unwrap_or_default();
                        state.data.insert(id.clone(), String::new());
                        state.data_id = Some(id);
                    }
                    ("segment" | "ignorable", Some(state)) => {
                        let segment_state =
                            attribute(&e, "state").unwrap_or_else(|| "initial".into());
                        if name == "segment" && segment_state == "initial" {
                            state.confirmed = false;
                        }
                        state.segment_has_target = false;
                    }
                    ("target", Some(state)) => {
                        state.in_target = true;
                        state.segment_has_target = true;
                    }
                    ("pc", Some(state)) if state.in_target => {
                        let start = code_data(&e, "dataRefStart", state);
                        let end = code_data(&e, "dataRefEnd", state);
                        match (start, end) {
                            (Ok(start), Ok(end)) => {
                                state.target.push_str(&start);
                                state.closers.push(end);
                            }
                            (Err(message), _) | (_, Err(message)) => {
                                state.closers.push(String::new());
                                problem(message, "keep the codes of the source in the target");
                            }
                        }
                    }
                    ("mrk", Some(state)) if state.in_target => state.closers.push(String::new()),
                    (_, Some(state)) if state.in_target => {
                        state.closers.push(String::new());
                        problem(
                            format!("unexpected <{}> in a target", name),
                            "a target holds text and the codes <ph>, <pc>, <sc>, <ec>, <mrk>, <cp>",
                        );
                    }
                    _ => {}
                }
            }
            Event::Empty(e) => {
                let Some(state) = unit.as_mut() else {
                    continue;
                };
                if state.skipping > 0 || !state.in_target {
                    if e.local_name().as_ref() == "target" {
                        state.segment_has_target = true;
                    }
                    continue;
                }
                match e.local_name().as_ref() {
                    "ph" | "sc" | "ec" => match code_data(&e, "dataRef", state) {
                        Ok(markup) => state.target.push_str(&markup),
                        Err(message) => {
                            problem(message, "keep the codes of the source in the target")
                        }
                    },
                    "cp" => match attribute(&e, "hex")
                        .and_then(|h| u32::from_str_radix(&h, 16).ok())
                        .and_then(char::from_u32)
                    {
                        Some(c) => state.target.push(c),
                        None => problem(
                            "a <cp> without a valid hex".into(),
                            "write <cp hex=\"0007\"/>",
                        ),
                    },
                    "sm" | "em" => {}
                    other => problem(
                        format!("unexpected <{}/> in a target", other),
                        "a target holds text and the codes <ph>, <pc>, <sc>, <ec>, <mrk>, <cp>",
                    ),
                }
            }
            Event::End(e) => {
                let name = e.local_name().as_ref().to_string();
                let Some(state) = unit.as_mut() else {
                    if name == "file" {
                        original = None;
                    }
                    continue;
                };
                if state.skipping > 0 {
                    state.skipping -= 1;
                    continue;
                }
                match name.as_str() {
                    "data" => state.data_id = None,
                    "target" => state.in_target = false,
                    "pc" | "mrk" if state.in_target => {
                        let closer = state.closers.pop().unwrap_or_default();
                        state.target.push_str(&closer);
                    }
                    _ if state.in_target => {
                        state.closers.pop();
                    }
                    "segment" if !state.segment_has_target => state.missing_target = true,
                    "unit" => {
                        let done = unit.take().expect("inside a unit");
                        finish(done, file, &mut out, &mut diagnostics);
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                if let Some(state) = unit.as_mut() {
                    push_text(state, &t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some(state) = unit.as_mut() {
                    push_text(state, &t.into_inner());
                }
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    Ok(None) => resolve_predefined_entity(&r.xml10_content()).map(str::to_string),
                    Err(_) => None,
                };
                match resolved {
                    Some(s) => {
                        if let Some(state) = unit.as_mut() {
                            push_text(state, &s);
                        }
                    }
                    None => problem(
                        format!("unknown entity `&{};`", r.xml10_content()),
                        "XLIFF knows &amp; &lt; &gt; &quot; &apos; and character references",
                    ),
                }
            }
            _ => {}
        }
    }
    if !saw_root && diagnostics.is_empty() {
        diagnostics.push(
            Diagnostic::error(file, pos_at(xml, 0), "an empty document")
                .with_hint("export with `folio l10n export LOCALE --format xliff`"),
        );
    }
    (out, diagnostics)
}

fn push_text(state: &mut UnitState, text: &str) {
    if state.skipping > 0 {
        return;
    }
    if let Some(id) = &state.data_id {
        if let Some(data) = state.data.get_mut(id) {
            data.push_str(text);
        }
    } else if state.in_target {
        state.target.push_str(text);
    }
}

fn finish(done: UnitState, file: &str, out: &mut ImportFile, diagnostics: &mut Vec<Diagnostic>) {
    let pos = crate::model::Pos {
        line: done.line,
        column: done.column,
    };
    let Some((id, fingerprint)) = split_key(&done.key) else {
        diagnostics.push(
            Diagnostic::warning(file, pos, format!("unit `{}` is no Folio unit", done.key))
                .with_hint("a unit's id reads ID-FINGERPRINT, as `folio l10n export` wrote it"),
        );
        return;
    };
    out.units.push(Imported {
        original: done.original,
        id: id.to_string(),
        fingerprint: fingerprint.to_string(),
        target: if done.missing_target {
            String::new()
        } else {
            done.target
        },
        confirmed: done.confirmed,
        line: done.line,
        column: done.column,
    });
}

fn attribute(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == name)
            .then(|| {
                a.normalized_value(XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.into_owned())
            })
            .flatten()
    })
}

/// The Markdown a code's data reference stands for.
fn code_data(e: &BytesStart, name: &str, state: &UnitState) -> Result<String, String> {
    let element = e.local_name().as_ref().to_string();
    let reference = attribute(e, name).ok_or_else(|| format!("<{element}> without {name}"))?;
    state
        .data
        .get(&reference)
        .cloned()
        .ok_or_else(|| format!("<{element}> refers to data `{reference}` that the unit lacks"))
}

#[cfg(test)]
mod tests {
    use super::super::FileUnits;
    use super::*;

    fn exchange() -> Exchange {
        Exchange {
            source_locale: "fr".into(),
            target_locale: "en".into(),
            files: vec![FileUnits {
                original: "content/fr/p.md".into(),
                units: vec![
                    Unit {
                        id: "3".into(),
                        fingerprint: "0a1b2c3d".into(),
                        source: "Voir **la [page](a.md)** & `ls`".into(),
                        target: Some("See `ls` & **the [page](a.md)**".into()),
                        outdated: false,
                        line: 7,
                        context: "Titre › Section".into(),
                        notes: vec!["<garder>".into()],
                        kind: UnitKind::Markdown,
                    },
                    Unit {
                        id: "nav".into(),
                        fingerprint: "00000000".into(),
                        source: "Page { $n }\u{7}".into(),
                        target: None,
                        outdated: false,
                        line: 2,
                        context: String::new(),
                        notes: Vec::new(),
                        kind: UnitKind::Fluent,
                    },
                ],
            }],
        }
    }

    #[test]
    fn codes_keep_their_ids_from_source_to_target() {
        let xml = write(&exchange());
        assert!(xml.contains("<source>Voir <pc id=\"1\" dataRefStart=\"d1\" dataRefEnd=\"d1\">la <pc id=\"2\" dataRefStart=\"d2\" dataRefEnd=\"d3\">page</pc></pc> &amp; <ph id=\"3\" dataRef=\"d4\"/></source>"), "{xml}");
        assert!(xml.contains("<target>See <ph id=\"3\" dataRef=\"d4\"/> &amp; <pc id=\"1\" dataRefStart=\"d1\" dataRefEnd=\"d1\">the <pc id=\"2\" dataRefStart=\"d2\" dataRefEnd=\"d3\">page</pc></pc></target>"), "{xml}");
        assert!(
            xml.contains("<source>Page <ph id=\"1\" dataRef=\"d1\"/><cp hex=\"0007\"/></source>")
        );
        assert!(xml.contains("<note category=\"translator\">&lt;garder&gt;</note>"));
    }

    #[test]
    fn written_targets_read_back_as_markdown() {
        let xml = write(&exchange());
        let (read, diagnostics) = read(&xml, "x.xlf");
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(read.target_locale.as_deref(), Some("en"));
        assert_eq!(read.units.len(), 2);
        assert_eq!(read.units[0].original, "content/fr/p.md");
        assert_eq!(read.units[0].target, "See `ls` & **the [page](a.md)**");
        assert!(read.units[0].confirmed);
        assert_eq!(
            (read.units[1].id.as_str(), read.units[1].target.as_str()),
            ("nav", "")
        );
        assert_eq!(
            read.units[1].line,
            xml[..xml.find("<unit id=\"nav").unwrap()].lines().count() as u32
        );
    }

    #[test]
    fn malformed_documents_give_positions() {
        let (_, diagnostics) = read("<xliff version=\"2.0\">\n  <file>\n  </fil>\n", "x.xlf");
        assert_eq!(
            (diagnostics[0].pos.line, diagnostics[0].pos.column),
            (3, 3),
            "{diagnostics:?}"
        );
        let (_, diagnostics) = read("<xliff version=\"1.2\"/>", "x.xlf");
        assert!(diagnostics[0].message.contains("XLIFF 2.0"));
        let (read, diagnostics) = read(
            "<xliff version=\"2.0\"><file original=\"a\"><unit id=\"1-0a1b2c3d\"><segment><source>x</source><target><ph id=\"1\" dataRef=\"d9\"/></target></segment></unit></file></xliff>",
            "x.xlf",
        );
        assert!(diagnostics[0].message.contains("`d9`"), "{diagnostics:?}");
        assert_eq!(read.units.len(), 1);
    }
}
