//! Locales: Fluent bundles with their fallback chains, and per-language typography.
//!
//! Every UI string comes from here. A message missing in a locale is taken from the
//! next locale of its chain (e.g. `fr-CA` -> `fr` -> the source locale) with a warning;
//! the chain always ends at the source locale, which must define everything.

mod line_breaks;
mod numbers;
pub mod pseudo;
mod typography;

pub use typography::{apply as apply_typography, apply_text as apply_typography_text};

use std::collections::{BTreeMap, BTreeSet};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use fluent_langneg::{NegotiationStrategy, negotiate_languages};
use unic_langid::{CharacterDirection, LanguageIdentifier};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{Pos, SiteConfig};
use crate::parse::messages::MessageFile;

/// Messages of one locale, with its typography applied: what renderers print.
pub struct Texts<'a> {
    messages: &'a Messages,
    lang: &'a str,
}

impl<'a> Texts<'a> {
    pub fn new(messages: &'a Messages, lang: &'a str) -> Self {
        Texts { messages, lang }
    }

    pub fn lang(&self) -> &str {
        self.lang
    }

    /// The message, or its id when no locale has it (already reported).
    pub fn get(&self, id: &str) -> String {
        let raw = self
            .messages
            .get(self.lang, id)
            .unwrap_or_else(|| id.to_string());
        apply_typography_text(&raw, self.lang)
    }

    /// The message, when some locale of the chain has it.
    pub fn find(&self, id: &str) -> Option<String> {
        let raw = self.messages.get(self.lang, id)?;
        Some(apply_typography_text(&raw, self.lang))
    }

    /// The message with a number that selects its plural form, when some locale of
    /// the chain has it.
    pub fn find_with_number(&self, id: &str, name: &'static str, number: u32) -> Option<String> {
        let mut args = FluentArgs::new();
        args.set(name, number);
        let raw = self.messages.format(self.lang, id, Some(&args))?;
        Some(apply_typography_text(&raw, self.lang))
    }

    /// The message with one variable set.
    pub fn with_arg(&self, id: &str, name: &'static str, value: &str) -> String {
        let mut args = FluentArgs::new();
        args.set(name, value.to_string());
        let raw = self
            .messages
            .format(self.lang, id, Some(&args))
            .unwrap_or_else(|| id.to_string());
        apply_typography_text(&raw, self.lang)
    }

    /// The message with a number (which selects plural forms) and a text variable.
    pub fn with_number(
        &self,
        id: &str,
        number: (&'static str, u32),
        text: (&'static str, &str),
    ) -> String {
        let mut args = FluentArgs::new();
        args.set(number.0, number.1);
        args.set(text.0, text.1.to_string());
        let raw = self
            .messages
            .format(self.lang, id, Some(&args))
            .unwrap_or_else(|| id.to_string());
        apply_typography_text(&raw, self.lang)
    }

    /// The message with two variables set.
    pub fn with_args(
        &self,
        id: &str,
        first: (&'static str, &str),
        second: (&'static str, &str),
    ) -> String {
        let mut args = FluentArgs::new();
        args.set(first.0, first.1.to_string());
        args.set(second.0, second.1.to_string());
        let raw = self
            .messages
            .format(self.lang, id, Some(&args))
            .unwrap_or_else(|| id.to_string());
        apply_typography_text(&raw, self.lang)
    }
}

pub struct Messages {
    source: String,
    /// Every message and term id defined in any locale.
    ids: BTreeSet<String>,
    locales: BTreeMap<String, LocaleMessages>,
}

struct LocaleMessages {
    bundle: FluentBundle<FluentResource>,
    /// Configured locales, this one first, the source locale last.
    chain: Vec<String>,
    direction: CharacterDirection,
}

impl Messages {
    /// Builds one bundle per configured locale and reports messages that fall back.
    /// `theme` holds the theme's own strings: a site's files override them message by
    /// message, and a locale the theme has strings for needs none of its own.
    pub fn build(
        config: &SiteConfig,
        files: Vec<MessageFile>,
        theme: Vec<MessageFile>,
        diagnostics: &Diagnostics,
    ) -> Messages {
        let mut defined: BTreeMap<String, Vec<(String, String, Pos)>> = BTreeMap::new();
        let mut bundles: BTreeMap<String, FluentBundle<FluentResource>> = BTreeMap::new();
        let mut with_files = BTreeSet::new();
        for locale in &config.locales {
            let langid: LanguageIdentifier = locale.parse().unwrap_or_default();
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            // Isolation marks would leak into HTML attributes and PDF text.
            bundle.set_use_isolating(false);
            numbers::prepare(&mut bundle);
            if pseudo::is_pseudo(locale) {
                bundle.set_transform(Some(pseudo::transform));
            }
            bundles.insert(locale.clone(), bundle);
        }
        let mut theme_defined: BTreeMap<String, Vec<(String, String, Pos)>> = BTreeMap::new();
        let (theme, files) = with_pseudo(config, theme, files);
        for file in theme {
            let Some(bundle) = bundles.get_mut(&file.locale) else {
                continue;
            };
            with_files.insert(file.locale.clone());
            for (id, pos) in &file.ids {
                theme_defined.entry(id.clone()).or_default().push((
                    file.locale.clone(),
                    file.path.clone(),
                    *pos,
                ));
            }
            let _ = bundle.add_resource(file.resource);
        }
        for file in files {
            let Some(bundle) = bundles.get_mut(&file.locale) else {
                diagnostics.push(
                    Diagnostic::warning(
                        &file.path,
                        Pos { line: 1, column: 1 },
                        format!("locale `{}` is not in folio.toml", file.locale),
                    )
                    .with_hint("add it to `locales` in folio.toml, or remove this folder"),
                );
                continue;
            };
            with_files.insert(file.locale.clone());
            for (id, pos) in &file.ids {
                let entry = defined.entry(id.clone()).or_default();
                if let Some((_, first, _)) = entry.iter().find(|(l, _, _)| l == &file.locale) {
                    diagnostics.push(
                        Diagnostic::error(
                            &file.path,
                            *pos,
                            format!("message `{id}` is already defined in {first}"),
                        )
                        .with_hint("keep one definition per locale"),
                    );
                }
                entry.push((file.locale.clone(), file.path.clone(), *pos));
            }
            // The site's wording wins over the theme's (duplicates within the site were
            // reported above).
            bundle.add_resource_overriding(file.resource);
        }
        let locales = bundles
            .into_iter()
            .map(|(locale, bundle)| {
                let chain = chain(&locale, config);
                let direction = locale
                    .parse::<LanguageIdentifier>()
                    .map_or(CharacterDirection::LTR, |l| l.character_direction());
                (
                    locale,
                    LocaleMessages {
                        bundle,
                        chain,
                        direction,
                    },
                )
            })
            .collect();
        for (id, places) in theme_defined {
            defined.entry(id).or_default().extend(places);
        }
        let ids = defined.keys().cloned().collect();
        let messages = Messages {
            source: config.source_locale.clone(),
            ids,
            locales,
        };
        messages.report_fallbacks(&defined, &with_files, diagnostics);
        messages
    }

    /// One warning per message a locale lacks; a locale with no files at all was
    /// reported once already and is skipped here.
    fn report_fallbacks(
        &self,
        defined: &BTreeMap<String, Vec<(String, String, Pos)>>,
        with_files: &BTreeSet<String>,
        diagnostics: &Diagnostics,
    ) {
        for (id, places) in defined.iter().filter(|(id, _)| !id.starts_with('-')) {
            for (locale, messages) in &self.locales {
                if messages.bundle.has_message(id) || !with_files.contains(locale) {
                    continue;
                }
                let Some(from) = messages
                    .chain
                    .iter()
                    .find(|l| self.locales[*l].bundle.has_message(id))
                else {
                    continue;
                };
                let (_, file, pos) = places
                    .iter()
                    .find(|(l, _, _)| l == from)
                    .expect("defined where found");
                diagnostics.push(
                    Diagnostic::warning(
                        file,
                        *pos,
                        format!("message `{id}` is missing in locale `{locale}`; using `{from}`"),
                    )
                    .with_hint(format!("translate it in locales/{locale}/")),
                );
            }
        }
    }

    /// Checks messages that content needs (e.g. decision-tree texts): missing in the
    /// source locale is an error at the place that uses it. A message missing only in
    /// other locales was already reported as a fallback where it is defined.
    pub fn check_required(&self, uses: &[(String, String, Pos)], diagnostics: &Diagnostics) {
        for (id, file, pos) in uses {
            if self
                .locales
                .get(&self.source)
                .is_some_and(|m| m.bundle.has_message(id))
            {
                continue;
            }
            diagnostics.push(
                Diagnostic::error(
                    file,
                    *pos,
                    format!(
                        "Fluent message `{id}` is missing in the source locale `{}`",
                        self.source
                    ),
                )
                .with_hint(format!(
                    "add `{id} = ...` to locales/{}/decision-trees.ftl",
                    self.source
                )),
            );
            for locale in self.locales.keys().filter(|l| **l != self.source) {
                if !self.locales[locale].bundle.has_message(id) {
                    diagnostics.push(
                        Diagnostic::warning(
                            file,
                            *pos,
                            format!("Fluent message `{id}` is missing in locale `{locale}`"),
                        )
                        .with_hint(format!(
                            "add `{id} = ...` to locales/{locale}/decision-trees.ftl"
                        )),
                    );
                }
            }
        }
    }

    /// The message `id` in `locale`, or along its fallback chain.
    pub fn get(&self, locale: &str, id: &str) -> Option<String> {
        self.format(locale, id, None)
    }

    pub fn format(&self, locale: &str, id: &str, args: Option<&FluentArgs>) -> Option<String> {
        if pseudo::is_pseudo(locale) && pseudo::NAMES.contains(&id) {
            return self.format(&self.source, id, args);
        }
        let chain = &self.locales.get(locale)?.chain;
        chain.iter().find_map(|l| {
            let bundle = &self.locales[l].bundle;
            let pattern = bundle.get_message(id)?.value()?;
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, args, &mut errors);
            Some(if pseudo::is_pseudo(l) {
                pseudo::bracket(&text)
            } else {
                text.into_owned()
            })
        })
    }

    /// Every message id known in any locale, resolved for `locale` (with fallback):
    /// the `t` table that templates read.
    pub fn table(&self, locale: &str) -> BTreeMap<String, String> {
        let ids: BTreeSet<&str> = self.ids().collect();
        ids.into_iter()
            .filter_map(|id| Some((id.to_string(), self.get(locale, id)?)))
            .collect()
    }

    fn ids(&self) -> impl Iterator<Item = &str> {
        self.ids
            .iter()
            .filter(|id| !id.starts_with('-'))
            .map(String::as_str)
    }

    pub fn is_rtl(&self, locale: &str) -> bool {
        self.locales
            .get(locale)
            .is_some_and(|m| m.direction == CharacterDirection::RTL)
    }

    pub fn source_locale(&self) -> &str {
        &self.source
    }
}

/// `locale`, then the configured locales it can fall back to, ending at the source.
/// With the pseudo-locale configured, the source locale's files again as its own (the
/// bundle accents their text as it formats): theme files and site files.
fn with_pseudo(
    config: &SiteConfig,
    theme: Vec<MessageFile>,
    files: Vec<MessageFile>,
) -> (Vec<MessageFile>, Vec<MessageFile>) {
    if !config.locales.iter().any(|l| pseudo::is_pseudo(l)) {
        return (theme, files);
    }
    let copy = |files: Vec<MessageFile>| {
        let copies: Vec<MessageFile> = (files.iter())
            .filter(|f| f.locale == config.source_locale)
            .map(|f| MessageFile {
                locale: pseudo::LOCALE.to_string(),
                path: f.path.clone(),
                // The source parsed once already (its errors were reported): the
                // copy's are the same and not reported twice.
                resource: FluentResource::try_new(f.resource.source().to_string())
                    .unwrap_or_else(|(resource, _)| resource),
                ids: f.ids.clone(),
            })
            .collect();
        files.into_iter().chain(copies).collect()
    };
    (copy(theme), copy(files))
}

fn chain(locale: &str, config: &SiteConfig) -> Vec<String> {
    let requested: Vec<LanguageIdentifier> = locale.parse().into_iter().collect();
    let available: Vec<LanguageIdentifier> = config
        .locales
        .iter()
        .filter_map(|l| l.parse().ok())
        .collect();
    let mut chain: Vec<String> =
        negotiate_languages(&requested, &available, None, NegotiationStrategy::Filtering)
            .into_iter()
            .map(|l| l.to_string())
            .filter(|l| config.locales.contains(l))
            .collect();
    if !chain.iter().any(|l| l == locale) {
        chain.insert(0, locale.to_string());
    }
    if !chain.contains(&config.source_locale) {
        chain.push(config.source_locale.clone());
    }
    chain
}
