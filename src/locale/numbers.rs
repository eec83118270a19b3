//! Numbers in Fluent messages written the locale's way: `{ $count }` and
//! `{ NUMBER($n, minimumFractionDigits: 2) }` give `12 345,50` in French (a narrow
//! no-break space between thousands), `12.345,50` in German, `12,345.50` in English.
//! Fluent's own formatting writes every number the English way without grouping; its
//! bundle lets a formatter take over, and reaches the locale through its memoizer.
//! The separators are CLDR's for the languages listed; other languages keep Fluent's
//! plain digits rather than a guess.

use fluent_bundle::FluentValue;
use fluent_bundle::memoizer::MemoizerKind;
use intl_memoizer::Memoizable;
use unic_langid::LanguageIdentifier;

/// A locale's group and decimal separators.
struct Separators {
    group: &'static str,
    decimal: &'static str,
}

impl Memoizable for Separators {
    type Args = ();
    type Error = ();

    fn construct(lang: LanguageIdentifier, _: ()) -> Result<Self, ()> {
        let (group, decimal) = match lang.language.as_str() {
            "fr" => ("\u{202f}", ","),
            "de" | "es" | "it" | "nl" | "pt" | "id" | "tr" | "da" => (".", ","),
            "pl" | "ru" | "uk" | "cs" | "sk" | "fi" | "sv" | "nb" | "hu" => ("\u{a0}", ","),
            "en" | "ja" | "zh" | "ko" | "he" | "th" => (",", "."),
            _ => return Err(()),
        };
        Ok(Separators { group, decimal })
    }
}

impl Separators {
    /// `digits` as Fluent writes them (`-12345.5`), with the locale's separators.
    fn apply(&self, digits: &str) -> String {
        let (sign, unsigned) = match digits.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", digits),
        };
        let (integer, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        let mut out = String::from(sign);
        // Every thousand is grouped: CLDR's minimum of two grouping digits (Polish,
        // Spanish: 1234 stays whole) is not followed yet.
        for (i, digit) in integer.chars().enumerate() {
            if i > 0 && (integer.len() - i) % 3 == 0 {
                out.push_str(self.group);
            }
            out.push(digit);
        }
        if !fraction.is_empty() {
            out.push_str(self.decimal);
            out.push_str(fraction);
        }
        out
    }
}

/// NUMBER() for a bundle's messages, and its numbers written the locale's way (its
/// plural categories are the locale's already: the bundle is made for it).
pub fn prepare<R>(bundle: &mut fluent_bundle::concurrent::FluentBundle<R>) {
    // The only error is a function defined twice: the bundle is new.
    let _ = bundle.add_builtins();
    bundle.set_formatter(Some(format));
}

/// The bundle's formatter: numbers the locale's way, anything else as Fluent does.
fn format<M: MemoizerKind>(value: &FluentValue, memoizer: &M) -> Option<String> {
    let FluentValue::Number(number) = value else {
        return None;
    };
    let digits = number.as_string();
    if !digits
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
    {
        return None;
    }
    memoizer
        .with_try_get_threadsafe::<Separators, _, _>((), |s| s.apply(&digits))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(lang: &str, digits: &str) -> String {
        Separators::construct(lang.parse().unwrap(), ())
            .map(|s| s.apply(digits))
            .unwrap_or_else(|_| digits.to_string())
    }

    fn bundle(
        lang: &str,
        ftl: &str,
    ) -> fluent_bundle::concurrent::FluentBundle<fluent_bundle::FluentResource> {
        let mut bundle =
            fluent_bundle::concurrent::FluentBundle::new_concurrent(vec![lang.parse().unwrap()]);
        bundle.set_use_isolating(false);
        prepare(&mut bundle);
        bundle
            .add_resource(fluent_bundle::FluentResource::try_new(ftl.to_string()).unwrap())
            .unwrap();
        bundle
    }

    fn say(
        bundle: &fluent_bundle::concurrent::FluentBundle<fluent_bundle::FluentResource>,
        id: &str,
        n: f64,
    ) -> String {
        let mut args = fluent_bundle::FluentArgs::new();
        args.set("n", n);
        let pattern = bundle.get_message(id).unwrap().value().unwrap();
        let mut errors = Vec::new();
        let out = bundle
            .format_pattern(pattern, Some(&args), &mut errors)
            .to_string();
        assert!(errors.is_empty(), "{errors:?}");
        out
    }

    #[test]
    fn plural_variants_follow_the_locale() {
        let polish = bundle(
            "pl",
            "files = { $n ->\n    [one] { $n } plik\n    [few] { $n } pliki\n    [many] { $n } plików\n   *[other] { $n } pliku\n}\n",
        );
        let said: Vec<String> = [1.0, 3.0, 5.0, 22.0, 1.5]
            .iter()
            .map(|n| say(&polish, "files", *n))
            .collect();
        assert_eq!(
            said,
            ["1 plik", "3 pliki", "5 plików", "22 pliki", "1,5 pliku"]
        );
        let russian = bundle(
            "ru",
            "files = { $n ->\n    [one] { $n } файл\n    [few] { $n } файла\n   *[many] { $n } файлов\n}\n",
        );
        assert_eq!(say(&russian, "files", 21.0), "21 файл");
        assert_eq!(say(&russian, "files", 11.0), "11 файлов");
    }

    #[test]
    fn number_writes_the_locale_s_separators() {
        let ftl = "price = { NUMBER($n, minimumFractionDigits: 2) } €\n";
        assert_eq!(
            say(&bundle("fr", ftl), "price", 12345.5),
            "12\u{202f}345,50 €"
        );
        assert_eq!(say(&bundle("de", ftl), "price", 12345.5), "12.345,50 €");
        assert_eq!(say(&bundle("en", ftl), "price", 12345.5), "12,345.50 €");
    }

    #[test]
    fn separators_follow_the_language() {
        assert_eq!(apply("fr", "1234567.5"), "1\u{202f}234\u{202f}567,5");
        assert_eq!(apply("de", "-12345.50"), "-12.345,50");
        assert_eq!(apply("en", "999"), "999");
        assert_eq!(apply("en", "1000"), "1,000");
        assert_eq!(apply("xx", "1000.5"), "1000.5");
    }
}
