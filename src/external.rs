//! External links, checked over HTTP for `folio check --external`: hosts in parallel,
//! each host's links one after the other with a pause (no hammering), a timeout on
//! every request, HEAD first and GET when a server refuses HEAD.

use std::collections::BTreeMap;
use std::time::Duration;

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::model::{Block, Href, Inline, Page, Pos};

/// A link to check and where it is written.
#[derive(Debug, Clone)]
pub struct Link {
    pub url: String,
    pub file: String,
    pub pos: Pos,
}

/// Every http(s) link of the pages, in page order.
pub fn links(pages: &[Page]) -> Vec<Link> {
    let mut out = Vec::new();
    for page in pages.iter().filter(|p| p.fallback.is_none()) {
        collect(&page.blocks, &page.source, &mut out);
        for note in &page.footnotes {
            collect(&note.blocks, &page.source, &mut out);
        }
    }
    out
}

fn collect(blocks: &[Block], file: &str, out: &mut Vec<Link>) {
    fn inlines(list: &[Inline], file: &str, out: &mut Vec<Link>) {
        for inline in list {
            match inline {
                Inline::Link(link) => {
                    if let Href::External(url) = &link.href
                        && (url.starts_with("http://") || url.starts_with("https://"))
                    {
                        out.push(Link {
                            url: url.clone(),
                            file: file.to_string(),
                            pos: link.pos,
                        });
                    }
                    inlines(&link.content, file, out);
                }
                Inline::Emphasis(content)
                | Inline::Strong(content)
                | Inline::Strikethrough(content) => inlines(content, file, out),
                Inline::Indexed(mark) => inlines(&mark.content, file, out),
                _ => {}
            }
        }
    }
    for block in blocks {
        match block {
            Block::Heading { content, .. } | Block::Paragraph(content) => {
                inlines(content, file, out)
            }
            Block::List { items, .. } => items.iter().for_each(|i| collect(&i.blocks, file, out)),
            Block::Quote { blocks, .. } => collect(blocks, file, out),
            Block::Table(table) => {
                for cell in table.head.iter().chain(table.rows.iter().flatten()) {
                    inlines(cell, file, out);
                }
            }
            _ => {}
        }
    }
}

/// How requests are made.
#[derive(Debug, Clone, Copy)]
pub struct Policy {
    pub timeout: Duration,
    /// Pause between two requests to the same host.
    pub pause: Duration,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            timeout: Duration::from_secs(10),
            pause: Duration::from_millis(250),
        }
    }
}

/// Diagnostics for the links that do not answer with success. Each distinct URL is
/// requested once; every place it is written gets the diagnostic.
pub fn check(links: &[Link], policy: Policy) -> Vec<Diagnostic> {
    let mut by_host: BTreeMap<String, BTreeMap<&str, Vec<&Link>>> = BTreeMap::new();
    for link in links {
        let host = link
            .url
            .split("://")
            .nth(1)
            .and_then(|r| r.split(['/', '?', '#']).next())
            .unwrap_or("")
            .to_string();
        by_host
            .entry(host)
            .or_default()
            .entry(link.url.as_str())
            .or_default()
            .push(link);
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(policy.timeout))
        .http_status_as_error(false)
        .max_redirects(5)
        .build()
        .into();
    by_host
        .into_par_iter()
        .flat_map_iter(|(_, urls)| {
            let mut problems = Vec::new();
            for (i, (url, places)) in urls.into_iter().enumerate() {
                if i > 0 {
                    std::thread::sleep(policy.pause);
                }
                if let Some(problem) = probe(&agent, url) {
                    for place in places {
                        problems.push(
                            Diagnostic::error(&place.file, place.pos, format!("link to {url}: {problem}"))
                                .with_hint("fix or remove the link; a page that moved usually has a new address"),
                        );
                    }
                }
            }
            problems
        })
        .collect()
}

/// `None` when the URL answers with success.
fn probe(agent: &ureq::Agent, url: &str) -> Option<String> {
    let status = |response: Result<ureq::http::Response<ureq::Body>, ureq::Error>| {
        response
            .map(|r| r.status().as_u16())
            .map_err(|e| e.to_string())
    };
    let answer = match status(agent.head(url).call()) {
        // Some servers refuse HEAD: ask again with GET.
        Ok(405) | Ok(501) => status(agent.get(url).call()),
        other => other,
    };
    match answer {
        Ok(code) if (200..400).contains(&code) => None,
        Ok(code) => Some(format!("the server answers {code}")),
        Err(error) => Some(format!("no answer ({error})")),
    }
}
