//! The Content Security Policy the default theme puts in every page's `<meta
//! http-equiv>`: scripts, styles, fonts, images and fetched files (search index,
//! shared navigation) from the site itself, nothing else. The theme has no inline
//! script or style, so no hash or nonce is needed; `data:` images are allowed for the
//! stylesheet's own icons. `[html] csp = false` leaves it out, `csp_extra` extends it.

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{Block, Href, HtmlConfig, Inline, Page, Pos, Site, Table};

/// The directives, in order; each has its sources.
const BASE: &[(&str, &str)] = &[
    ("default-src", "'self'"),
    ("img-src", "'self' data:"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
];

/// The policy for `config`; `None` when it is turned off.
pub fn policy(config: &HtmlConfig) -> Option<String> {
    if !config.csp {
        return None;
    }
    let mut directives: Vec<(String, String)> = BASE
        .iter()
        .map(|(name, sources)| (name.to_string(), sources.to_string()))
        .collect();
    for extra in config.csp_extra.split(';') {
        let mut words = extra.split_whitespace();
        let Some(name) = words.next() else { continue };
        let name = name.to_ascii_lowercase();
        let sources: Vec<&str> = words.collect();
        match directives.iter_mut().find(|(n, _)| *n == name) {
            Some((_, existing)) => {
                for source in sources {
                    existing.push(' ');
                    existing.push_str(source);
                }
            }
            // A directive of its own (e.g. `script-src`) would stop falling back to
            // `default-src`: it starts from the site's own files.
            None => {
                let mut own = String::from("'self'");
                for source in sources {
                    own.push(' ');
                    own.push_str(source);
                }
                directives.push((name, own));
            }
        }
    }
    Some(
        directives
            .iter()
            .map(|(name, sources)| format!("{name} {sources}"))
            .collect::<Vec<_>>()
            .join("; "),
    )
}

/// Warns once per host about the pages' images from other hosts that the policy
/// does not allow: the browser would leave them out without a word.
pub fn check_images<'a>(
    site: &Site,
    pages: impl Iterator<Item = &'a Page>,
    diagnostics: &Diagnostics,
) {
    let Some(policy) = policy(&site.config.html) else {
        return;
    };
    let allowed: Vec<&str> = policy
        .split(';')
        .map(str::trim)
        .find_map(|d| d.strip_prefix("img-src "))
        .map(|s| s.split_whitespace().collect())
        .unwrap_or_default();
    if allowed
        .iter()
        .any(|s| matches!(*s, "*" | "https:" | "http:"))
    {
        return;
    }
    // Per origin: where it is first used, and how many uses in all.
    let mut blocked: BTreeMap<String, (String, Pos, usize)> = BTreeMap::new();
    for page in pages.filter(|p| p.fallback.is_none()) {
        let mut found = Vec::new();
        images_in(&page.blocks, &mut found);
        for footnote in &page.footnotes {
            images_in(&footnote.blocks, &mut found);
        }
        for (url, pos) in found {
            let Some(origin) = origin(url) else { continue };
            if allowed.iter().any(|source| allows(source, &origin)) {
                continue;
            }
            blocked
                .entry(origin)
                .or_insert_with(|| (page.source.clone(), pos, 0))
                .2 += 1;
        }
    }
    for (origin, (file, pos, uses)) in blocked {
        let more = match uses {
            1 => String::new(),
            n => format!(" ({n} images in all)"),
        };
        diagnostics.push(
            Diagnostic::warning(
                file,
                pos,
                format!(
                    "images from {origin} are blocked by the pages' Content Security Policy{more}"
                ),
            )
            .with_hint(format!(
                "allow them in folio.toml: [html] csp_extra = \"img-src {origin}\" (or csp = false)"
            )),
        );
    }
}

/// `https://host[:port]` of an absolute http(s) URL (protocol-relative ones as https).
fn origin(url: &str) -> Option<String> {
    let (scheme, rest) = match url.split_once("://") {
        Some((scheme, rest)) if matches!(scheme, "http" | "https") => (scheme, rest),
        _ => ("https", url.strip_prefix("//")?),
    };
    let host = rest
        .split(['/', '?', '#'])
        .next()
        .filter(|h| !h.is_empty())?;
    Some(format!("{scheme}://{}", host.to_ascii_lowercase()))
}

/// Whether a CSP source expression lets `origin` in (hosts, `*.` wildcards, schemes).
fn allows(source: &str, origin: &str) -> bool {
    let source = source.trim_end_matches('/').to_ascii_lowercase();
    if source == origin
        || source
            .strip_suffix(':')
            .is_some_and(|s| origin.starts_with(&format!("{s}://")))
    {
        return true;
    }
    let (scheme, host) = origin.split_once("://").unwrap_or(("https", origin));
    let (source_scheme, source_host) = match source.split_once("://") {
        Some((s, h)) => (Some(s), h),
        None => (None, source.as_str()),
    };
    if source_scheme.is_some_and(|s| s != scheme) {
        return false;
    }
    match source_host.strip_prefix("*.") {
        Some(domain) => host.ends_with(&format!(".{domain}")),
        None => source_host == host,
    }
}

fn images_in<'a>(blocks: &'a [Block], out: &mut Vec<(&'a str, Pos)>) {
    for block in blocks {
        match block {
            Block::Heading { content, .. } | Block::Paragraph(content) => {
                inline_images(content, out)
            }
            Block::List { items, .. } => {
                for item in items {
                    images_in(&item.blocks, out);
                }
            }
            Block::Quote { blocks, .. } => images_in(blocks, out),
            Block::Table(table) => {
                let Table { head, rows, .. } = &**table;
                for cell in head.iter().chain(rows.iter().flatten()) {
                    inline_images(cell, out);
                }
            }
            Block::Image(figure) => {
                if let Href::External(url) = &figure.src {
                    out.push((url, figure.pos));
                }
                for source in &figure.sources {
                    if let Href::External(url) = &source.srcset {
                        out.push((url, source.pos));
                    }
                }
                if let Some(caption) = &figure.caption {
                    inline_images(caption, out);
                }
            }
            Block::Code { .. } | Block::Rule | Block::Html(..) | Block::DecisionTree { .. } => {}
        }
    }
}

fn inline_images<'a>(inlines: &'a [Inline], out: &mut Vec<(&'a str, Pos)>) {
    for inline in inlines {
        match inline {
            Inline::Image(image) => {
                if let Href::External(url) = &image.src {
                    out.push((url, image.pos));
                }
            }
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => {
                inline_images(c, out)
            }
            Inline::Link(link) => inline_images(&link.content, out),
            Inline::Indexed(mark) => inline_images(&mark.content, out),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_allows_the_site_only() {
        assert_eq!(
            policy(&HtmlConfig::default()).unwrap(),
            "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'"
        );
    }

    #[test]
    fn it_can_be_turned_off() {
        let config = HtmlConfig {
            csp: false,
            ..Default::default()
        };
        assert_eq!(policy(&config), None);
    }

    #[test]
    fn extra_sources_extend_their_directive() {
        let config = HtmlConfig {
            csp: true,
            csp_extra: "img-src https://cdn.example.com; script-src https://stats.example.com;"
                .into(),
        };
        assert_eq!(
            policy(&config).unwrap(),
            "default-src 'self'; img-src 'self' data: https://cdn.example.com; object-src 'none'; base-uri 'self'; form-action 'self'; script-src 'self' https://stats.example.com"
        );
    }

    #[test]
    fn image_hosts_are_matched_as_browsers_do() {
        let origin = |u| super::origin(u).unwrap();
        assert_eq!(
            origin("https://CDN.example.com/a.png"),
            "https://cdn.example.com"
        );
        assert_eq!(origin("//img.example.com/a.png"), "https://img.example.com");
        assert!(allows(
            "https://cdn.example.com",
            &origin("https://cdn.example.com/x")
        ));
        assert!(allows(
            "cdn.example.com",
            &origin("https://cdn.example.com/x")
        ));
        assert!(allows(
            "*.example.com",
            &origin("https://img.example.com/x")
        ));
        assert!(allows("https:", &origin("https://any.test/x")));
        assert!(!allows(
            "https://cdn.example.com",
            &origin("http://cdn.example.com/x")
        ));
        assert!(!allows("*.example.com", &origin("https://example.org/x")));
        assert!(!allows("'self'", &origin("https://example.org/x")));
    }
}
