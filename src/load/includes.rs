//! Includes: mdBook's `{{#include path}}` and `{{#rustdoc_include path}}` directives,
//! replaced by the lines of the files they name as a page is read. Technical books keep
//! their examples in real, tested source files; with this, such books come in unchanged.
//!
//! It is part of `load` because it reads files: parse only ever sees the expanded text.
//! Beside that text come a `LineMap` (so that a problem found in the expanded text is
//! reported at the file and line it came from) and the files read (so that `serve`
//! renders a page again when one of them changes).
//!
//! The forms, after mdBook: `path` (the whole file), `path:name` (the lines between
//! `ANCHOR: name` and `ANCHOR_END: name`, in any comment syntax, without the anchor lines
//! inside), `path:10:20`, `path:10:`, `path::20` and `path:10` (lines count from 1, both
//! ends included). `rustdoc_include` takes the same forms and leaves out rustdoc's hidden
//! lines (`# ...` or a lone `#`), which neither the website nor the PDF shows. Paths are
//! relative to the including file and stay inside the site; included files may include
//! in turn, and a file that includes itself, directly or not, is an error.
//! `\{{#include ...}}` stays as written, without its backslash.

mod directive;
mod lines;

use std::cell::OnceCell;
use std::collections::BTreeSet;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics, suggest};
use crate::model::{LineMap, Pos, SourceFile};

use directive::{Directive, Selection, What, find};
use lines::{Unselected, select};

/// A page as parse sees it.
#[derive(Debug)]
pub struct Expanded {
    /// The page's path, and its text with the directives replaced.
    pub file: SourceFile,
    /// Where the expanded text came from; `None` when the text is the file's own.
    pub lines: Option<LineMap>,
    /// Every file the page tried to include, found or not, relative to the site root
    /// and sorted: when one of them appears or changes, the page changes.
    pub read: Vec<String>,
}

/// What expansion needs of the disk, by paths relative to the site root with `/`
/// separators (a trait, so that the expansion is tested without one).
pub trait Files {
    fn read(&self, path: &str) -> Read;
    /// The names of the files in `folder` (`""`: the site root); empty when it does
    /// not exist.
    fn names(&self, folder: &str) -> Vec<String>;
}

/// A file asked for by an include.
pub enum Read {
    Text(String),
    Missing,
    Folder,
    /// A link that leads out of the site.
    Outside,
    /// Unreadable, and already reported (invalid UTF-8).
    Reported,
    Failed(String),
}

/// Replaces the include directives of `file`, reporting each one that cannot be
/// followed at its own place; such a directive stays in the text as written.
pub fn expand(file: SourceFile, files: &dyn Files, diagnostics: &Diagnostics) -> Expanded {
    // Most pages have no directive: one scan for `{{` and they are left alone.
    if !file.text.contains("{{") {
        return unchanged(file);
    }
    let mut expander = Expander {
        files,
        diagnostics,
        out: String::with_capacity(file.text.len()),
        at: Pos { line: 1, column: 1 },
        map: LineMap::default(),
        read: BTreeSet::new(),
        stack: vec![file.path.clone()],
        changed: false,
    };
    let index = expander.map.file(&file.path);
    expander.expand(&Piece::new(&file.path, index, &file.text, None));
    if !expander.changed {
        return unchanged(file);
    }
    Expanded {
        file: SourceFile {
            path: file.path,
            text: expander.out,
        },
        lines: Some(expander.map),
        read: expander.read.into_iter().collect(),
    }
}

fn unchanged(file: SourceFile) -> Expanded {
    Expanded {
        file,
        lines: None,
        read: Vec::new(),
    }
}

struct Expander<'a> {
    files: &'a dyn Files,
    diagnostics: &'a Diagnostics,
    out: String,
    /// Where the next character of `out` goes.
    at: Pos,
    map: LineMap,
    read: BTreeSet<String>,
    /// The files being expanded, the page first: meeting one of them again is a cycle.
    stack: Vec<String>,
    /// Whether any directive or escape was replaced.
    changed: bool,
}

/// Text to expand: a whole file, or the lines selected from one.
struct Piece<'t> {
    path: &'t str,
    /// `path`'s index in the line map.
    file: u32,
    text: &'t str,
    /// The line number in the file of each line of `text`; `None` for a whole file.
    lines: Option<&'t [u32]>,
    starts: Vec<usize>,
}

impl<'t> Piece<'t> {
    fn new(path: &'t str, file: u32, text: &'t str, lines: Option<&'t [u32]>) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Piece {
            path,
            file,
            text,
            lines,
            starts,
        }
    }

    fn line_number(&self, index: usize) -> u32 {
        self.lines
            .and_then(|lines| lines.get(index).copied())
            .unwrap_or(index as u32 + 1)
    }

    /// The line of `text` holding `byte`, and the place of `byte` in the file. Selected
    /// lines are whole lines of their file, so columns are the file's.
    fn origin(&self, byte: usize) -> (usize, Pos) {
        let index = self.starts.partition_point(|&s| s <= byte) - 1;
        let column = self.text[self.starts[index]..byte].chars().count() as u32 + 1;
        (
            index,
            Pos {
                line: self.line_number(index),
                column,
            },
        )
    }

    /// The folder of the file, relative to the site root (`""`: the root).
    fn folder(&self) -> &'t str {
        self.path.rsplit_once('/').map_or("", |(dir, _)| dir)
    }
}

impl Expander<'_> {
    fn expand(&mut self, piece: &Piece) {
        let mut copied = 0;
        for found in find(piece.text) {
            self.copy(piece, copied..found.range.start);
            copied = found.range.end;
            match &found.what {
                What::Escaped => {
                    self.changed = true;
                    self.copy(piece, found.range.start + 1..found.range.end);
                }
                What::Include(directive) => {
                    if !self.include(piece, directive, found.range.start) {
                        self.copy(piece, found.range.clone());
                    }
                }
                What::Unsupported(name) => {
                    self.unsupported(piece, name, found.range.start);
                    // mdBook's `{{#title}}` names only the browser tab, which Folio
                    // names after the page: shown as text it would only be noise.
                    if *name == "title" {
                        self.changed = true;
                    } else {
                        self.copy(piece, found.range.clone());
                    }
                }
            }
        }
        self.copy(piece, copied..piece.text.len());
    }

    /// Copies `range` of the piece to the output, noting where it came from.
    fn copy(&mut self, piece: &Piece, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        let (mut index, origin) = piece.origin(range.start);
        self.map.push(self.at, piece.file, origin);
        for (i, part) in piece.text[range].split_inclusive('\n').enumerate() {
            if i > 0 {
                // Selected lines need not follow each other in their file.
                index += 1;
                let line = piece.line_number(index);
                self.map.push(self.at, piece.file, Pos { line, column: 1 });
            }
            self.out.push_str(part);
            if part.ends_with('\n') {
                self.at = Pos {
                    line: self.at.line + 1,
                    column: 1,
                };
            } else {
                self.at.column += part.chars().count() as u32;
            }
        }
    }

    /// Writes the lines a directive names; false (reported) when it cannot.
    fn include(&mut self, piece: &Piece, directive: &Directive, start: usize) -> bool {
        let (_, at) = piece.origin(start);
        let name = directive.name();
        let error = |message: String, hint: String| {
            Diagnostic::error(piece.path, at, message).with_hint(hint)
        };
        let selection = match &directive.selection {
            Ok(selection) => selection,
            Err(problem) => {
                self.diagnostics.push(error(
                    format!("`{{{{#{name} {}}}}}`: {problem}", directive.spec),
                    RANGE_FORMS.to_string(),
                ));
                return false;
            }
        };
        for word in &directive.extra {
            self.diagnostics.push(
                Diagnostic::warning(
                    piece.path,
                    at,
                    format!("`{{{{#{name}}}}}` takes one path: `{word}` is ignored"),
                )
                .with_hint("remove it; a path with spaces cannot be included"),
            );
        }
        let folder = piece.folder();
        let Some(target) = join_relative(folder, directive.path) else {
            self.diagnostics
                .push(error(outside(directive.path), outside_hint(folder)));
            return false;
        };
        if let Some(first) = self.stack.iter().position(|f| *f == target) {
            let mut chain: Vec<&str> = self.stack[first..].iter().map(String::as_str).collect();
            chain.push(&target);
            self.diagnostics.push(error(
                format!("include cycle: {}", chain.join(" → ")),
                "a file cannot include itself, directly or through others: remove one of these includes".to_string(),
            ));
            return false;
        }
        self.read.insert(target.clone());
        let text = match self.files.read(&target) {
            Read::Text(text) => text,
            Read::Missing => {
                self.diagnostics.push(error(
                    format!(
                        "cannot include `{}`: {target} does not exist",
                        directive.path
                    ),
                    self.missing_hint(folder, directive.path, &target),
                ));
                return false;
            }
            Read::Folder => {
                self.diagnostics.push(error(
                    format!("cannot include `{}`: {target} is a folder", directive.path),
                    "name a file in it".to_string(),
                ));
                return false;
            }
            Read::Outside => {
                self.diagnostics
                    .push(error(outside(directive.path), outside_hint(folder)));
                return false;
            }
            Read::Reported => return false,
            Read::Failed(problem) => {
                self.diagnostics.push(error(
                    format!("cannot include `{}`: {problem}", directive.path),
                    "check the file's permissions".to_string(),
                ));
                return false;
            }
        };
        let selected = match select(&text, selection, directive.rustdoc) {
            Ok(selected) => selected,
            Err(Unselected::NoAnchor { anchors }) => {
                let Selection::Anchor(anchor) = selection else {
                    return false;
                };
                self.diagnostics.push(error(
                    format!("no anchor `{anchor}` in {target}"),
                    anchor_hint(anchor, &target, &anchors),
                ));
                return false;
            }
        };
        if let Some(lines) = selected.past_end {
            self.diagnostics.push(
                Diagnostic::warning(
                    piece.path,
                    at,
                    format!(
                        "`{}` selects no line: {target} has {lines} line{}",
                        directive.spec,
                        if lines == 1 { "" } else { "s" }
                    ),
                )
                .with_hint("check the line numbers, or mark the lines with ANCHOR comments so that they follow edits"),
            );
        }
        self.changed = true;
        let file = self.map.file(&target);
        self.stack.push(target.clone());
        self.expand(&Piece::new(
            &target,
            file,
            &selected.text,
            Some(&selected.lines),
        ));
        self.stack.pop();
        true
    }

    fn unsupported(&self, piece: &Piece, name: &str, start: usize) {
        let (_, at) = piece.origin(start);
        let (message, hint) = match name {
            "title" => (
                "`{{#title}}` names only mdBook's browser tab: left out, the tab shows the page's title".to_string(),
                "give the page its title in its front matter or first heading",
            ),
            "playground" | "playpen" => (
                format!("`{{{{#{name}}}}}` is not supported: the text is kept as written"),
                "write a ```rust fence holding {{#include path}}: the code is shown, not run",
            ),
            _ => (
                format!("`{{{{#{name}}}}}` is not supported: the text is kept as written"),
                "use {{#include path}}",
            ),
        };
        self.diagnostics
            .push(Diagnostic::warning(piece.path, at, message).with_hint(hint));
    }

    /// The same path from a folder above (a `../` too few), or a close name in the
    /// folder it points to.
    fn missing_hint(&self, folder: &str, written: &str, target: &str) -> String {
        let relative = format!(
            "paths are relative to the including file's folder, {}",
            if folder.is_empty() {
                "the site root".to_string()
            } else {
                format!("{folder}/")
            }
        );
        let mut up = String::new();
        let mut above = folder;
        while !above.is_empty() {
            above = above.rsplit_once('/').map_or("", |(dir, _)| dir);
            up.push_str("../");
            if let Some(candidate) = join_relative(above, written)
                && self.exists(&candidate)
            {
                return format!("did you mean `{up}{written}`? ({relative})");
            }
        }
        let (target_folder, name) = target.rsplit_once('/').unwrap_or(("", target));
        let names = self.files.names(target_folder);
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        if let Some(close) = suggest(name, &names) {
            let written_folder = written.rsplit_once('/').map(|(dir, _)| dir);
            let fixed = match written_folder {
                Some(dir) => format!("{dir}/{close}"),
                None => close.to_string(),
            };
            return format!("did you mean `{fixed}`? ({relative})");
        }
        relative
    }

    fn exists(&self, path: &str) -> bool {
        let (folder, name) = path.rsplit_once('/').unwrap_or(("", path));
        self.files.names(folder).iter().any(|n| n == name)
    }
}

const RANGE_FORMS: &str = "write path, path:anchor, path:FIRST:LAST, path:FIRST:, path::LAST or path:LINE (lines count from 1)";

fn outside(written: &str) -> String {
    format!("cannot include `{written}`: it leads outside the site")
}

fn outside_hint(folder: &str) -> String {
    format!(
        "included files must be inside the site's folder (listings/ beside content/, for instance); this path is relative to {}",
        if folder.is_empty() {
            "the site root".to_string()
        } else {
            format!("{folder}/")
        }
    )
}

fn anchor_hint(anchor: &str, target: &str, anchors: &[String]) -> String {
    if anchors.is_empty() {
        return format!(
            "{target} has no anchors: mark the lines with `ANCHOR: {anchor}` and `ANCHOR_END: {anchor}` comments"
        );
    }
    let names: Vec<&str> = anchors.iter().map(String::as_str).collect();
    let list = names.join(", ");
    match suggest(anchor, &names) {
        Some(close) => format!("did you mean `{close}`? Anchors in {target}: {list}"),
        None => format!("anchors in {target}: {list}"),
    }
}

/// `written` relative to `folder`, as a path from the site root; `None` when it is
/// absolute or climbs above the root. A book written on Windows may separate with `\`.
pub fn join_relative(folder: &str, written: &str) -> Option<String> {
    if written.starts_with('/') || written.starts_with('\\') {
        return None;
    }
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for part in written.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

/// The site's files on disk.
pub struct Disk<'a> {
    root: &'a Path,
    canonical_root: OnceCell<PathBuf>,
    diagnostics: &'a Diagnostics,
}

impl<'a> Disk<'a> {
    pub fn new(root: &'a Path, diagnostics: &'a Diagnostics) -> Self {
        Disk {
            root,
            canonical_root: OnceCell::new(),
            diagnostics,
        }
    }
}

impl Files for Disk<'_> {
    fn read(&self, path: &str) -> Read {
        let full = self.root.join(path);
        let canonical = match std::fs::canonicalize(&full) {
            Ok(canonical) => canonical,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Read::Missing,
            Err(err) => return Read::Failed(err.to_string()),
        };
        let root = self.canonical_root.get_or_init(|| {
            std::fs::canonicalize(self.root).unwrap_or_else(|_| self.root.to_path_buf())
        });
        if !canonical.starts_with(root) {
            return Read::Outside;
        }
        if canonical.is_dir() {
            return Read::Folder;
        }
        match std::fs::read(&canonical) {
            Ok(bytes) => match super::decode(path, bytes, self.diagnostics) {
                Some(text) => Read::Text(text),
                None => Read::Reported,
            },
            Err(err) => Read::Failed(err.to_string()),
        }
    }

    fn names(&self, folder: &str) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(self.root.join(folder)) else {
            return Vec::new();
        };
        let mut names: Vec<String> = entries
            .filter_map(Result::ok)
            .filter(|e| !e.path().is_dir())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

#[cfg(test)]
mod tests;
