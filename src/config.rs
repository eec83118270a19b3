//! `folio.toml`: read into `SiteConfig` and checked before anything else runs.

use unic_langid::LanguageIdentifier;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::CONFIG_FILE;
use crate::model::{Pos, SiteConfig, SourceFile};
use crate::parse::toml_diagnostic;

pub fn parse(file: &SourceFile, diagnostics: &Diagnostics) -> Option<SiteConfig> {
    let config: SiteConfig = match toml::from_str(&file.text) {
        Ok(config) => config,
        Err(err) => {
            diagnostics.push(toml_diagnostic(
                CONFIG_FILE,
                &file.text,
                Pos { line: 1, column: 1 },
                &err,
                SiteConfig::KEYS,
            ));
            return None;
        }
    };
    check(&config, &file.text, diagnostics);
    Some(config)
}

/// The place of `key = ...` in the config, for diagnostics about its value.
pub fn key_pos(text: &str, key: &str) -> Pos {
    text.lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map_or(Pos { line: 1, column: 1 }, |i| Pos {
            line: i as u32 + 1,
            column: 1,
        })
}

/// The line that names a table (`[pdf.locales.de]`) or a dotted key in it.
fn table_pos(text: &str, key: &str) -> Pos {
    text.lines()
        .position(|l| l.contains(key))
        .map_or(Pos { line: 1, column: 1 }, |i| Pos {
            line: i as u32 + 1,
            column: 1,
        })
}

fn check(config: &SiteConfig, text: &str, diagnostics: &Diagnostics) {
    for locale in &config.locales {
        if locale.parse::<LanguageIdentifier>().is_err() {
            diagnostics.push(
                Diagnostic::error(
                    CONFIG_FILE,
                    key_pos(text, "locales"),
                    format!("`{locale}` is not a BCP 47 language tag"),
                )
                .with_hint("use tags such as \"fr\", \"en\", \"pt-BR\", \"zh-Hant\""),
            );
        }
    }
    if !config.locales.contains(&config.source_locale) {
        diagnostics.push(
            Diagnostic::error(
                CONFIG_FILE,
                key_pos(text, "source_locale"),
                format!(
                    "source_locale `{}` is not in `locales`",
                    config.source_locale
                ),
            )
            .with_hint(format!("add \"{}\" to locales", config.source_locale)),
        );
    }
    let mut seen = std::collections::BTreeSet::new();
    for locale in &config.locales {
        if !seen.insert(locale) {
            diagnostics.push(
                Diagnostic::error(
                    CONFIG_FILE,
                    key_pos(text, "locales"),
                    format!("locale `{locale}` is listed twice"),
                )
                .with_hint("list each locale once"),
            );
        }
    }
    for locale in config.pdf.locales.keys() {
        if !config.locales.contains(locale) {
            diagnostics.push(
                Diagnostic::warning(
                    CONFIG_FILE,
                    table_pos(text, &format!("locales.{locale}")),
                    format!("[pdf.locales.{locale}] is for a locale that is not in `locales`"),
                )
                .with_hint(format!(
                    "use one of {}; a locale's settings are keyed by its tag as listed",
                    config.locales.join(", ")
                )),
            );
        }
    }
    for locale in config.markdown.raw_html_locales.keys() {
        if !config.locales.contains(locale) {
            diagnostics.push(
                Diagnostic::warning(
                    CONFIG_FILE,
                    key_pos(text, "raw_html_locales"),
                    format!("raw_html_locales names `{locale}`, which is not in `locales`"),
                )
                .with_hint(format!("configured locales: {}", config.locales.join(", "))),
            );
        }
    }
    if !(config.base_url.starts_with("https://") || config.base_url.starts_with("http://")) {
        diagnostics.push(
            Diagnostic::error(CONFIG_FILE, key_pos(text, "base_url"), "base_url must be an absolute http(s) URL")
                .with_hint("e.g. base_url = \"https://docs.example.com/guide/\"; it makes canonical links and the sitemap"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> (Option<SiteConfig>, Vec<Diagnostic>) {
        let diagnostics = Diagnostics::new();
        let file = SourceFile {
            path: CONFIG_FILE.into(),
            text: text.into(),
        };
        let config = parse(&file, &diagnostics);
        (config, diagnostics.into_sorted())
    }

    #[test]
    fn unknown_key_is_located_and_suggested() {
        let (config, diags) = parse_text(
            "title = \"T\"\nbase_url = \"https://x.test/\"\nsource_locale = \"fr\"\nlocales = [\"fr\"]\nlocale = \"en\"\n",
        );
        assert!(config.is_none());
        assert_eq!(diags[0].pos, Pos { line: 5, column: 1 });
        assert!(
            diags[0].message.contains("unknown field `locale`"),
            "{}",
            diags[0].message
        );
        assert!(
            diags[0]
                .hint
                .as_deref()
                .unwrap()
                .contains("did you mean `locales`")
        );
    }

    #[test]
    fn paper_per_locale_with_letter_for_north_america() {
        use crate::model::Paper;
        let head = "title = \"T\"\nbase_url = \"https://x.test/\"\nsource_locale = \"fr\"\nlocales = [\"fr\", \"en-US\", \"fr-CA\", \"de\"]\n";
        let (config, diags) = parse_text(head);
        let pdf = config.unwrap().pdf;
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(pdf.paper_for("fr"), Paper::A4);
        assert_eq!(pdf.paper_for("en-US"), Paper::Letter);
        assert_eq!(pdf.paper_for("fr-CA"), Paper::Letter);
        let (config, diags) = parse_text(&format!(
            "{head}[pdf]\npaper = \"a5\"\n[pdf.locales.de]\npaper = \"letter\"\n[pdf.locales.it]\npaper = \"a4\"\n"
        ));
        let pdf = config.unwrap().pdf;
        assert_eq!(pdf.paper_for("fr"), Paper::A5);
        assert_eq!(
            pdf.paper_for("en-US"),
            Paper::A5,
            "the site's setting wins over the region"
        );
        assert_eq!(pdf.paper_for("de"), Paper::Letter);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(diags[0].message.contains("[pdf.locales.it]"));
        assert_eq!(diags[0].pos.line, 9);
    }

    #[test]
    fn raw_html_has_a_policy_per_locale() {
        use crate::model::RawHtml;
        let head = "title = \"T\"\nbase_url = \"https://x.test/\"\nsource_locale = \"fr\"\nlocales = [\"fr\", \"en\"]\n";
        let (config, diags) = parse_text(head);
        assert!(diags.is_empty());
        assert_eq!(config.unwrap().markdown.raw_html_for("en"), RawHtml::Allow);
        let (config, diags) = parse_text(&format!(
            "{head}[markdown]\nraw_html = \"escape\"\nraw_html_locales = {{ en = \"sanitize\" }}\n"
        ));
        assert!(diags.is_empty(), "{diags:?}");
        let markdown = config.unwrap().markdown;
        assert_eq!(markdown.raw_html_for("en"), RawHtml::Sanitize);
        assert_eq!(markdown.raw_html_for("fr"), RawHtml::Escape);
        let (config, diags) = parse_text(&format!("{head}[markdown]\nraw_html = \"strip\"\n"));
        assert!(config.is_none());
        assert_eq!(diags[0].pos.line, 6);
        assert!(diags[0].message.contains("allow"), "{}", diags[0].message);
    }

    #[test]
    fn source_locale_must_be_published() {
        let (_, diags) = parse_text(
            "title = \"T\"\nbase_url = \"https://x.test/\"\nsource_locale = \"de\"\nlocales = [\"fr\"]\n",
        );
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].pos.line, 3);
    }
}
