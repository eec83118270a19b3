//! Packing: the finished file rewritten with its small objects (structure elements,
//! link annotations, outline entries, fonts' dictionaries) gathered into compressed
//! object streams, and its cross-reference table as a compressed stream (PDF 1.5).
//! Tagging writes about a thousand small dictionaries for a guide, each uncompressed
//! with its line in the table, and had doubled the file. pdf-writer writes neither
//! object streams nor the type-2 entries that lead into them; what it writes is
//! regular enough to be split back into its objects here. Streams (pages' contents,
//! fonts, pictures, the metadata) stay as they are, in the same order.

use std::fmt::Write as _;
use std::io::Write as _;

use rayon::prelude::*;

/// Objects per object stream: a reader inflates a whole stream for one object.
const PER_STREAM: usize = 200;

/// `pdf` (a file as pdf-writer finishes it: one cross-reference table, objects
/// numbered from 1, generation 0) packed; `None` when it is not such a file, which is
/// then good as it is.
pub fn pack(pdf: &[u8]) -> Option<Vec<u8>> {
    let table = read_table(pdf)?;
    let mut starts: Vec<usize> = table.offsets.iter().flatten().copied().collect();
    starts.sort_unstable();
    // Each object runs to the next one, the last to the table.
    let end_of = |offset: usize| {
        let k = starts.partition_point(|s| *s <= offset);
        starts.get(k).copied().unwrap_or(table.start)
    };
    let mut out = Vec::with_capacity(pdf.len());
    out.extend_from_slice(&pdf[..*starts.first()?]);
    let size = table.offsets.len();
    // Where each object is: in the file at an offset, or in an object stream.
    let mut entries: Vec<Entry> = vec![Entry::Free; size];
    let mut small: Vec<(usize, &[u8])> = Vec::new();
    for (number, offset) in table.offsets.iter().enumerate() {
        let Some(offset) = *offset else { continue };
        let object = &pdf[offset..end_of(offset)];
        let header = format!("{number} 0 obj\n");
        let body = object.strip_prefix(header.as_bytes())?;
        let body = trim_end(body).strip_suffix(b"endobj")?;
        let body = trim_end(body);
        if body.ends_with(b"endstream") {
            entries[number] = Entry::At(out.len());
            out.extend_from_slice(object);
        } else {
            small.push((number, body));
        }
    }
    // Compressed side by side: a long guide has tens of thousands of them.
    let packed: Vec<(usize, Vec<u8>)> = small
        .par_chunks(PER_STREAM)
        .map(|group| {
            let mut index = String::new();
            let mut bodies: Vec<u8> = Vec::new();
            for (object, body) in group {
                let _ = write!(index, "{object} {} ", bodies.len());
                bodies.extend_from_slice(body);
                bodies.push(b'\n');
            }
            let mut data = index.into_bytes();
            let first = data.len();
            data.extend_from_slice(&bodies);
            (first, super::deflate(&data))
        })
        .collect();
    let mut number = size;
    for (group, (first, data)) in small.chunks(PER_STREAM).zip(packed) {
        for (k, (object, _)) in group.iter().enumerate() {
            entries[*object] = Entry::In(number, k);
        }
        entries.push(Entry::At(out.len()));
        let _ = write!(
            out,
            "{number} 0 obj\n<</Type/ObjStm/N {}/First {first}/Filter/FlateDecode/Length {}>>\nstream\n",
            group.len(),
            data.len()
        );
        out.extend_from_slice(&data);
        out.extend_from_slice(b"\nendstream\nendobj\n\n");
        number += 1;
    }
    // The cross-reference stream, itself in it.
    let xref = out.len();
    entries.push(Entry::At(xref));
    let width = bytes_for(xref.max(number)) as usize;
    let mut rows = Vec::with_capacity(entries.len() * (width + 3));
    for entry in &entries {
        let (kind, field, index) = match *entry {
            Entry::Free => (0u8, 0usize, 0xFFFFusize),
            Entry::At(offset) => (1, offset, 0),
            Entry::In(stream, k) => (2, stream, k),
        };
        rows.push(kind);
        rows.extend_from_slice(&field.to_be_bytes()[8 - width..]);
        rows.extend_from_slice(&(index as u16).to_be_bytes());
    }
    let rows = super::deflate(&rows);
    let _ = write!(
        out,
        "{number} 0 obj\n<</Type/XRef/Size {}/W[1 {width} 2]/Filter/FlateDecode/Length {}",
        number + 1,
        rows.len()
    );
    out.extend_from_slice(table.trailer);
    out.extend_from_slice(b">>\nstream\n");
    out.extend_from_slice(&rows);
    let _ = write!(out, "\nendstream\nendobj\n\nstartxref\n{xref}\n%%EOF");
    Some(out)
}

#[derive(Clone, Copy)]
enum Entry {
    Free,
    At(usize),
    /// In object stream `.0`, at index `.1`.
    In(usize, usize),
}

/// The cross-reference table of a classic file.
struct Table<'a> {
    /// Where the table starts (the objects end there).
    start: usize,
    /// By object number: where it is, if in use.
    offsets: Vec<Option<usize>>,
    /// The trailer's entries but `/Size`, as written.
    trailer: &'a [u8],
}

fn read_table(pdf: &[u8]) -> Option<Table<'_>> {
    let tail = &pdf[pdf.len().saturating_sub(64)..];
    let at = find(tail, b"startxref\n")? + b"startxref\n".len();
    let start: usize = std::str::from_utf8(&tail[at..])
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    let rest = pdf.get(start..)?.strip_prefix(b"xref\n0 ")?;
    let line = find(rest, b"\n")?;
    let count: usize = std::str::from_utf8(&rest[..line]).ok()?.parse().ok()?;
    let rows = &rest[line + 1..];
    let mut offsets = Vec::with_capacity(count);
    for k in 0..count {
        let row = rows.get(k * 20..k * 20 + 20)?;
        let offset: usize = std::str::from_utf8(&row[..10]).ok()?.parse().ok()?;
        match (&row[11..16], row[17]) {
            (b"00000", b'n') => offsets.push(Some(offset)),
            (_, b'f') => offsets.push(None),
            _ => return None,
        }
    }
    let trailer = rows.get(count * 20..)?.strip_prefix(b"trailer\n<<")?;
    let trailer = &trailer[..find(trailer, b">>\nstartxref")?];
    // `/Size n` comes first; the rest is kept.
    let trailer = trailer.strip_prefix(b"/Size ")?;
    let digits = trailer.iter().take_while(|b| b.is_ascii_digit()).count();
    Some(Table {
        start,
        offsets,
        trailer: &trailer[digits..],
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn trim_end(bytes: &[u8]) -> &[u8] {
    let end = bytes
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(0, |i| i + 1);
    &bytes[..end]
}

/// How many bytes `value` needs.
fn bytes_for(value: usize) -> u32 {
    (usize::BITS - value.leading_zeros()).div_ceil(8).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use pdf_writer::{Finish, Pdf, Ref, Settings};

    #[test]
    fn small_objects_go_into_an_object_stream_and_streams_stay() {
        let mut pdf = Pdf::with_settings(Settings { pretty: false });
        pdf.catalog(Ref::new(1)).pages(Ref::new(2));
        pdf.pages(Ref::new(2)).kids([Ref::new(3)]).count(1);
        pdf.page(Ref::new(3))
            .parent(Ref::new(2))
            .contents(Ref::new(4));
        pdf.stream(Ref::new(4), b"endobj\nBT ET").finish();
        pdf.set_file_id((b"a".to_vec(), b"a".to_vec()));
        let classic = pdf.finish();
        let packed = pack(&classic).expect("a pdf-writer file");
        let text = String::from_utf8_lossy(&packed);
        assert!(text.contains("/Type/ObjStm/N 3/"), "{text}");
        assert!(text.contains("/Type/XRef/Size 7/W[1 "), "{text}");
        assert!(text.contains("/Root 1 0 R"), "{text}");
        assert!(text.contains("4 0 obj\n") && text.contains("endobj\nBT ET"));
        assert!(!text.contains("/Type/Catalog"), "the catalog is compressed");
        assert!(text.ends_with("%%EOF"));
        assert!(pack(b"%PDF-1.7\nnot a pdf-writer file").is_none());
    }

    #[test]
    fn widths_fit_the_numbers() {
        assert_eq!(bytes_for(0), 1);
        assert_eq!(bytes_for(255), 1);
        assert_eq!(bytes_for(256), 2);
        assert_eq!(bytes_for(70_000), 3);
    }
}
