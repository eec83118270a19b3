//! How a written index term reads: `優先度|ゆうせんど` is the term and the kana
//! reading it sorts by (never shown); shared by the parser that checks it and the
//! index that sorts by it.

/// `漢字|かな` into the term and its reading; a term without `|` has none. `Err` for a
/// malformed one: more than one `|`, an empty side, a reading not in kana.
pub fn split_reading(written: &str) -> Result<(String, Option<String>), MalformedReading> {
    let Some((term, reading)) = written.split_once('|') else {
        return Ok((written.trim().to_string(), None));
    };
    let (term, reading) = (term.trim(), reading.trim());
    let kana = |c: char| {
        matches!(c, '\u{3041}'..='\u{309F}' | '\u{30A0}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}')
            || c == ' '
            || c == '\u{3000}'
    };
    if term.is_empty() || reading.is_empty() || reading.contains('|') || !reading.chars().all(kana)
    {
        return Err(MalformedReading);
    }
    Ok((term.to_string(), Some(reading.to_string())))
}

/// A term whose reading cannot be read: two `|`, an empty side, a reading not in kana.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MalformedReading;
