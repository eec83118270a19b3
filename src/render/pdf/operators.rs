//! A page's content stream as it is written: PDF drawing operators, with numbers to
//! the thousandth and glyph strings as raw bytes. Written by hand rather than through
//! pdf-writer's `Content`, which writes two-byte glyph numbers as hex or octal escapes
//! and every number in shortest form: a long guide's streams were a third larger, and
//! compressing them took longer. The fill colour and the font are written only when
//! they change (every line of a page used to repeat them).

#[derive(Default)]
pub struct Operators {
    bytes: Vec<u8>,
    state: State,
    /// States saved by `q`, restored by `Q`.
    saved: Vec<State>,
}

/// What the reader's graphics state holds, as far as this stream has set it.
#[derive(Clone, Default, PartialEq)]
struct State {
    fill: Option<[f32; 3]>,
    font: Option<(String, f32)>,
}

impl Operators {
    pub fn with_capacity(bytes: usize) -> Self {
        Operators {
            bytes: Vec::with_capacity(bytes),
            ..Operators::default()
        }
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    pub fn begin_text(&mut self) {
        self.op("BT");
    }

    pub fn end_text(&mut self) {
        self.op("ET");
    }

    pub fn save_state(&mut self) {
        self.saved.push(self.state.clone());
        self.op("q");
    }

    pub fn restore_state(&mut self) {
        self.state = self.saved.pop().unwrap_or_default();
        self.op("Q");
    }

    pub fn set_fill_rgb(&mut self, rgb: [f32; 3]) {
        if self.state.fill == Some(rgb) {
            return;
        }
        self.state.fill = Some(rgb);
        self.numbers(&rgb);
        self.op("rg");
    }

    pub fn set_stroke_rgb(&mut self, [r, g, b]: [f32; 3]) {
        self.numbers(&[r, g, b]);
        self.op("RG");
    }

    pub fn set_line_width(&mut self, width: f32) {
        self.numbers(&[width]);
        self.op("w");
    }

    pub fn move_to(&mut self, x: f32, y: f32) {
        self.numbers(&[x, y]);
        self.op("m");
    }

    pub fn line_to(&mut self, x: f32, y: f32) {
        self.numbers(&[x, y]);
        self.op("l");
    }

    pub fn stroke(&mut self) {
        self.op("S");
    }

    pub fn rect(&mut self, x: f32, y: f32, width: f32, height: f32) {
        self.numbers(&[x, y, width, height]);
        self.op("re");
    }

    pub fn fill_nonzero(&mut self) {
        self.op("f");
    }

    pub fn transform(&mut self, matrix: [f32; 6]) {
        self.numbers(&matrix);
        self.op("cm");
    }

    pub fn x_object(&mut self, name: &str) {
        self.name(name);
        self.op("Do");
    }

    pub fn set_font(&mut self, name: &str, size: f32) {
        if self
            .state
            .font
            .as_ref()
            .is_some_and(|(n, s)| n == name && *s == size)
        {
            return;
        }
        self.state.font = Some((name.to_string(), size));
        self.name(name);
        self.numbers(&[size]);
        self.op("Tf");
    }

    /// Moves the text position to (x, y), unscaled and unrotated.
    pub fn set_text_position(&mut self, x: f32, y: f32) {
        self.numbers(&[1.0, 0.0, 0.0, 1.0, x, y]);
        self.op("Tm");
    }

    /// Moves the text position to (x, y), glyphs narrowed to `scale` of their width.
    pub fn set_text_matrix_scaled(&mut self, scale: f32, x: f32, y: f32) {
        self.numbers(&[scale, 0.0, 0.0, 1.0, x, y]);
        self.op("Tm");
    }

    /// `Tr`: 0 fills glyphs, 3 paints nothing (the glyphs are there for their text).
    pub fn set_rendering_mode(&mut self, mode: u8) {
        self.numbers(&[f32::from(mode)]);
        self.op("Tr");
    }

    /// `Tj`: one string of glyph codes.
    pub fn show(&mut self, codes: &[u8]) {
        self.string(codes);
        self.op("Tj");
    }

    /// `TJ`: strings of glyph codes, each followed by an adjustment of the pen in
    /// thousandths of the font size (none when zero).
    pub fn show_adjusted<'a>(&mut self, runs: impl IntoIterator<Item = (&'a [u8], f32)>) {
        self.bytes.push(b'[');
        for (codes, adjustment) in runs {
            self.string(codes);
            if adjustment != 0.0 {
                self.number(adjustment);
            }
        }
        self.bytes.extend_from_slice(b"] TJ\n");
    }

    /// `BMC`, or `BDC` with a marked-content identifier: the start of a sequence the
    /// structure tree points at (`/P <</MCID 3>> BDC`) or of an artifact.
    pub fn begin_marked(&mut self, tag: &str, mcid: Option<u32>) {
        self.name(tag);
        match mcid {
            Some(id) => {
                self.bytes.extend_from_slice(b"<</MCID ");
                self.bytes
                    .extend_from_slice(itoa::Buffer::new().format(id).as_bytes());
                self.bytes.extend_from_slice(b">> BDC\n");
            }
            None => self.op("BMC"),
        }
    }

    pub fn end_marked(&mut self) {
        self.op("EMC");
    }

    fn op(&mut self, operator: &str) {
        self.bytes.extend_from_slice(operator.as_bytes());
        self.bytes.push(b'\n');
    }

    fn name(&mut self, name: &str) {
        self.bytes.push(b'/');
        self.bytes.extend_from_slice(name.as_bytes());
        self.bytes.push(b' ');
    }

    fn numbers(&mut self, values: &[f32]) {
        for &value in values {
            self.number(value);
            self.bytes.push(b' ');
        }
    }

    /// A number to the thousandth, without trailing zeros: `12`, `-0.5`, `0.137`.
    fn number(&mut self, value: f32) {
        let thousandths = (f64::from(value) * 1000.0).round() as i64;
        if thousandths < 0 {
            self.bytes.push(b'-');
        }
        let magnitude = thousandths.unsigned_abs();
        let mut digits = itoa::Buffer::new();
        self.bytes
            .extend_from_slice(digits.format(magnitude / 1000).as_bytes());
        let mut fraction = magnitude % 1000;
        if fraction == 0 {
            return;
        }
        self.bytes.push(b'.');
        let mut places = 3;
        while fraction.is_multiple_of(10) {
            fraction /= 10;
            places -= 1;
        }
        let text = digits.format(fraction);
        self.bytes
            .extend(std::iter::repeat_n(b'0', places - text.len()));
        self.bytes.extend_from_slice(text.as_bytes());
    }

    /// A literal string of raw bytes: only the delimiters, the escape character and
    /// carriage return (which a reader would turn into a line feed) are escaped.
    fn string(&mut self, bytes: &[u8]) {
        self.bytes.push(b'(');
        for &byte in bytes {
            match byte {
                b'(' | b')' | b'\\' => self.bytes.extend_from_slice(&[b'\\', byte]),
                b'\r' => self.bytes.extend_from_slice(b"\\r"),
                _ => self.bytes.push(byte),
            }
        }
        self.bytes.push(b')');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(write: impl FnOnce(&mut Operators)) -> Vec<u8> {
        let mut ops = Operators::default();
        write(&mut ops);
        ops.into_bytes()
    }

    #[test]
    fn numbers_are_short_and_exact_to_the_thousandth() {
        let text = written(|o| o.numbers(&[12.0, -0.5, 0.137, 100.36, -252.52, 0.05, -0.0]));
        assert_eq!(text, b"12 -0.5 0.137 100.36 -252.52 0.05 0 ");
    }

    #[test]
    fn glyph_strings_escape_only_what_a_reader_would_misread() {
        let text = written(|o| {
            o.show_adjusted([(&[0, 40, 0, 41][..], -250.0), (&[0, 13, 0, 92][..], 0.0)])
        });
        assert_eq!(text, b"[(\0\\(\0\\))-250(\0\\r\0\\\\)] TJ\n");
    }

    #[test]
    fn colour_and_font_are_written_when_they_change_and_restored_with_the_state() {
        let text = written(|o| {
            o.set_fill_rgb([0.1, 0.2, 0.3]);
            o.set_font("F0", 10.0);
            o.save_state();
            o.set_fill_rgb([1.0, 1.0, 1.0]);
            o.restore_state();
            o.set_fill_rgb([0.1, 0.2, 0.3]);
            o.set_font("F0", 10.0);
            o.set_font("F0", 12.0);
        });
        assert_eq!(
            String::from_utf8(text).unwrap(),
            "0.1 0.2 0.3 rg\n/F0 10 Tf\nq\n1 1 1 rg\nQ\n/F0 12 Tf\n"
        );
    }

    #[test]
    fn marked_content_carries_its_identifier() {
        let text = written(|o| {
            o.begin_marked("P", Some(12));
            o.end_marked();
            o.begin_marked("Artifact", None);
            o.end_marked();
        });
        assert_eq!(
            String::from_utf8(text).unwrap(),
            "/P <</MCID 12>> BDC\nEMC\n/Artifact BMC\nEMC\n"
        );
    }

    #[test]
    fn hidden_glyphs_are_shown_in_rendering_mode_three() {
        let text = written(|o| {
            o.set_rendering_mode(3);
            o.show(&[0, 7]);
            o.set_rendering_mode(0);
        });
        assert_eq!(text, b"3 Tr\n(\0\x07)Tj\n0 Tr\n");
    }

    #[test]
    fn operators_take_their_operands_first() {
        let text = written(|o| {
            o.set_font("F0", 10.8);
            o.set_text_position(72.0, 700.25);
            o.set_fill_rgb([0.11, 0.137, 0.188]);
        });
        assert_eq!(
            String::from_utf8(text).unwrap(),
            "/F0 10.8 Tf\n1 0 0 1 72 700.25 Tm\n0.11 0.137 0.188 rg\n"
        );
    }
}
