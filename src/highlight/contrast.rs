//! Legible highlighting: syntect's themes were drawn for their own backgrounds, and some
//! of their colours fall below WCAG's 4.5:1 on the theme's code blocks (InspiredGitHub's
//! teal and green, base16-ocean's red and purple on an emphasised line). Each such colour
//! is moved towards black (light scheme) or white (dark scheme), in small steps, just
//! until it reads on every background a code block has; its hue stays, so the themes
//! keep their look.

use syntect::highlighting::{Color, Theme};

pub type Rgb = (u8, u8, u8);

/// WCAG 2's AA minimum for body text, with a little room for the browser's blending of
/// the dark scheme's translucent line mark.
pub const MINIMUM: f64 = 4.55;

/// The backgrounds of a code block in one scheme (`--code-bg`, and `--code-mark` over
/// it for emphasised lines, in the theme's folio.css), and the colour text moves
/// towards when it lacks contrast on them.
pub struct Backgrounds {
    pub colours: &'static [Rgb],
    toward: Rgb,
}

pub const LIGHT: Backgrounds = Backgrounds {
    colours: &[(0xf4, 0xf6, 0xf9), (0xfc, 0xf0, 0xc8)],
    toward: (0, 0, 0),
};

/// `rgba(240, 180, 41, 0.14)` over `#1a2029` is `#383529`.
pub const DARK: Backgrounds = Backgrounds {
    colours: &[(0x1a, 0x20, 0x29), (0x38, 0x35, 0x29)],
    toward: (0xff, 0xff, 0xff),
};

/// WCAG 2's relative luminance of an sRGB colour.
fn luminance((r, g, b): Rgb) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// WCAG 2's contrast ratio, from 1 (same luminance) to 21 (black on white).
pub fn ratio(a: Rgb, b: Rgb) -> f64 {
    let (a, b) = (luminance(a), luminance(b));
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

/// `colour` itself when it reads on every background, else the nearest mix of it with
/// the backgrounds' opposite that does.
pub fn legible(colour: Rgb, backgrounds: &Backgrounds) -> Rgb {
    let reads = |c: Rgb| backgrounds.colours.iter().all(|&b| ratio(c, b) >= MINIMUM);
    let mix = |share: f64| {
        let channel = |from: u8, to: u8| {
            (f64::from(from) + (f64::from(to) - f64::from(from)) * share).round() as u8
        };
        let (to_r, to_g, to_b) = backgrounds.toward;
        (
            channel(colour.0, to_r),
            channel(colour.1, to_g),
            channel(colour.2, to_b),
        )
    };
    (0..=100)
        .map(|step| mix(f64::from(step) / 100.0))
        .find(|&c| reads(c))
        .unwrap_or(backgrounds.toward)
}

/// `theme` with every foreground colour legible on `backgrounds`.
pub fn legible_theme(mut theme: Theme, backgrounds: &Backgrounds) -> Theme {
    let fix = |colour: &mut Color| {
        let (r, g, b) = legible((colour.r, colour.g, colour.b), backgrounds);
        *colour = Color {
            r,
            g,
            b,
            a: colour.a,
        };
    };
    if let Some(colour) = theme.settings.foreground.as_mut() {
        fix(colour);
    }
    for item in &mut theme.scopes {
        if let Some(colour) = item.style.foreground.as_mut() {
            fix(colour);
        }
    }
    theme
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `color: #rrggbb` of a block of the stylesheet.
    fn colours(css: &str) -> Vec<Rgb> {
        css.split("color:")
            .skip(1)
            .map(|rest| {
                let hex = rest.trim_start().trim_start_matches('#');
                let channel = |at: usize| {
                    u8::from_str_radix(&hex[at..at + 2], 16)
                        .unwrap_or_else(|_| panic!("a #rrggbb colour: {rest:.20}"))
                };
                (channel(0), channel(2), channel(4))
            })
            .collect()
    }

    #[test]
    fn ratios_match_wcag() {
        assert!((ratio((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 1e-9);
        assert_eq!(ratio((0x12, 0x34, 0x56), (0x12, 0x34, 0x56)), 1.0);
        // The figures axe-core reported before this module: 4.0 and 3.83.
        assert!((ratio((0xbf, 0x61, 0x6a), (0x1a, 0x20, 0x29)) - 4.0).abs() < 0.01);
        assert!((ratio((0x00, 0x86, 0xb3), (0xf4, 0xf6, 0xf9)) - 3.83).abs() < 0.01);
    }

    #[test]
    fn a_legible_colour_stays_and_a_faint_one_moves_as_little_as_needed() {
        assert_eq!(legible((0x1c, 0x23, 0x30), &LIGHT), (0x1c, 0x23, 0x30));
        let teal = legible((0x00, 0x86, 0xb3), &LIGHT);
        assert!(LIGHT.colours.iter().all(|&b| ratio(teal, b) >= MINIMUM));
        assert!(teal.2 > teal.0 && teal.2 > 0x80, "still blue: {teal:?}");
        let red = legible((0xbf, 0x61, 0x6a), &DARK);
        assert!(DARK.colours.iter().all(|&b| ratio(red, b) >= MINIMUM));
        assert!(red.0 > red.1 + 0x30, "still red: {red:?}");
    }

    /// Every colour of the generated stylesheet, in each scheme, against each background
    /// of a code block in that scheme: 4.5:1 at least (WCAG AA).
    #[test]
    fn every_colour_of_both_stylesheets_reads_on_its_code_background() {
        let css = super::super::stylesheet();
        let (light, dark) = css
            .split_once("@media screen and (prefers-color-scheme: dark)")
            .expect("a dark block");
        for (scheme, block, backgrounds) in [("light", light, &LIGHT), ("dark", dark, &DARK)] {
            let found = colours(block);
            assert!(found.len() > 20, "{scheme}: {} colours", found.len());
            for colour in found {
                for &background in backgrounds.colours {
                    let contrast = ratio(colour, background);
                    assert!(
                        contrast >= 4.5,
                        "{scheme}: {colour:02x?} on {background:02x?} is {contrast:.2}:1"
                    );
                }
            }
        }
    }
}
