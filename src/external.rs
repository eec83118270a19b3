//! External links, checked over HTTP for `folio check --external`, as a good citizen of
//! the web: at most 8 requests at once, each host's links one after the other with a
//! pause, timeouts on connecting and on every answer, redirects followed by hand up to
//! 5 (so that a permanent move can be told from a temporary one), HEAD first and GET
//! only when a server refuses HEAD, whose body is never read. A request carries its
//! request line, Host, Accept and a User-Agent naming Folio: nothing of the site.
//! Each distinct URL is requested once and its outcome reported at every link to it.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Duration;

use crate::diagnostic::{Diagnostic, Severity};
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
    /// Requests in flight at once, over all hosts.
    pub concurrency: usize,
    /// Pause between two requests to the same host.
    pub pause: Duration,
    pub connect_timeout: Duration,
    /// For one request, from connecting to the end of the answer's head.
    pub timeout: Duration,
    /// Redirects followed; one more is reported as a loop or a chain too long.
    pub max_redirects: u32,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            concurrency: 8,
            pause: Duration::from_millis(250),
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(10),
            max_redirects: 5,
        }
    }
}

/// What a URL gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    /// Answered with success at the end of redirects; `permanent` when every hop was
    /// a permanent move (301, 308): the link should name the new address.
    Redirected {
        to: String,
        permanent: bool,
    },
    /// An error status, at the end of redirects if any.
    Status(u16),
    TooManyRedirects {
        limit: u32,
        last: String,
    },
    /// A redirect without a usable Location.
    BadRedirect(u16),
    Timeout,
    HostNotFound,
    Refused,
    Tls(String),
    /// Any other failure, as the HTTP client words it.
    Failed(String),
}

/// Diagnostics for the links that do not answer with success. Each distinct URL is
/// requested once; every place it is written gets the diagnostic.
pub fn check(links: &[Link], policy: Policy) -> Vec<Diagnostic> {
    let outcomes = outcomes(links, policy);
    links
        .iter()
        .filter_map(|link| {
            let outcome = outcomes.get(link.url.as_str())?;
            diagnostic(link, outcome)
        })
        .collect()
}

/// The outcome of every distinct URL of `links`.
pub fn outcomes(links: &[Link], policy: Policy) -> BTreeMap<String, Outcome> {
    let mut by_host: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for link in links {
        let urls = by_host.entry(host(&link.url)).or_default();
        if !urls.contains(&link.url.as_str()) {
            urls.push(&link.url);
        }
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_connect(Some(policy.connect_timeout))
        .timeout_global(Some(policy.timeout))
        .http_status_as_error(false)
        .max_redirects(0)
        .user_agent(concat!(
            "folio/",
            env!("CARGO_PKG_VERSION"),
            " (link check; +https://github.com/folio-docs/folio)"
        ))
        .build()
        .into();
    // Workers take whole hosts: a host is never asked twice at once, and no more
    // than `concurrency` requests are in flight.
    let queue = Mutex::new(by_host.into_values());
    let found = Mutex::new(BTreeMap::new());
    std::thread::scope(|scope| {
        for _ in 0..policy.concurrency.max(1) {
            scope.spawn(|| {
                loop {
                    let Some(urls) = queue.lock().expect("queue").next() else {
                        return;
                    };
                    for (i, url) in urls.into_iter().enumerate() {
                        if i > 0 {
                            std::thread::sleep(policy.pause);
                        }
                        let outcome = probe(&agent, url, &policy);
                        found
                            .lock()
                            .expect("outcomes")
                            .insert(url.to_string(), outcome);
                    }
                }
            });
        }
    });
    found.into_inner().expect("outcomes")
}

/// The host and port of a URL: what the pause and the one-at-a-time rule apply to.
fn host(url: &str) -> &str {
    url.split("://")
        .nth(1)
        .and_then(|r| r.split(['/', '?', '#']).next())
        .unwrap_or("")
}

/// Follows the URL's redirects by hand, up to the limit.
fn probe(agent: &ureq::Agent, url: &str, policy: &Policy) -> Outcome {
    let mut current = url.to_string();
    let mut permanent = true;
    for _ in 0..=policy.max_redirects {
        let status = match status(agent, &current) {
            Ok(status) => status,
            Err(outcome) => return outcome,
        };
        if !(300..400).contains(&status.0) || status.0 == 304 {
            return match status.0 {
                200..400 if current == url => Outcome::Ok,
                200..400 => Outcome::Redirected {
                    to: current,
                    permanent,
                },
                code => Outcome::Status(code),
            };
        }
        let next = status.1.and_then(|location| {
            url::Url::parse(&current)
                .and_then(|base| base.join(&location))
                .ok()
        });
        let Some(next) = next.filter(|n| matches!(n.scheme(), "http" | "https")) else {
            return Outcome::BadRedirect(status.0);
        };
        permanent &= matches!(status.0, 301 | 308);
        current = next.to_string();
    }
    Outcome::TooManyRedirects {
        limit: policy.max_redirects,
        last: current,
    }
}

/// One request: the status and the Location header. HEAD first; GET when the server
/// refuses HEAD, its body left unread (dropping the answer closes the connection).
fn status(agent: &ureq::Agent, url: &str) -> Result<(u16, Option<String>), Outcome> {
    if url.starts_with("https://") && !TLS {
        return Err(Outcome::Tls(
            "this build of Folio has no TLS support to check https links".into(),
        ));
    }
    let answer = |response: Result<ureq::http::Response<ureq::Body>, ureq::Error>| {
        let response = response.map_err(failure)?;
        let location = (response.headers().get("location"))
            .and_then(|l| l.to_str().ok())
            .map(str::to_string);
        Ok((response.status().as_u16(), location))
    };
    match answer(agent.head(url).call())? {
        (405 | 501, _) => answer(agent.get(url).call()),
        other => Ok(other),
    }
}

/// Whether the HTTP client was built with TLS; without it, every https request fails.
const TLS: bool = cfg!(feature = "external-tls");

fn failure(error: ureq::Error) -> Outcome {
    match error {
        ureq::Error::Timeout(_) => Outcome::Timeout,
        ureq::Error::HostNotFound => Outcome::HostNotFound,
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => Outcome::Refused,
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::TimedOut => Outcome::Timeout,
        // rustls reports a failed handshake as invalid data read from the socket.
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::InvalidData => Outcome::Tls(
            e.get_ref()
                .map_or_else(|| e.to_string(), |inner| inner.to_string()),
        ),
        ureq::Error::Tls(why) => Outcome::Tls(why.to_string()),
        other => {
            let text = other.to_string();
            if text.to_lowercase().contains("tls") || text.contains("certificate") {
                Outcome::Tls(text)
            } else {
                Outcome::Failed(text)
            }
        }
    }
}

/// What a writer reads at a link, `None` when it answers.
fn diagnostic(link: &Link, outcome: &Outcome) -> Option<Diagnostic> {
    let url = &link.url;
    let fix = "fix or remove the link; a page that moved usually has a new address";
    let (severity, message, hint) = match outcome {
        Outcome::Ok => return None,
        Outcome::Redirected {
            to,
            permanent: true,
        } => (
            Severity::Warning,
            format!("link to {url} moved permanently to {to}"),
            "link to the new address",
        ),
        Outcome::Redirected { to, .. } => (
            Severity::Note,
            format!("link to {url} redirects to {to}"),
            "a temporary redirect: the link may stay as it is",
        ),
        // Rate limits and maintenance say nothing about the link.
        Outcome::Status(code @ (429 | 503)) => (
            Severity::Note,
            format!("link to {url}: the server answers {code}, busy; not verified"),
            "check it again later",
        ),
        Outcome::Status(code) => (
            Severity::Error,
            format!("link to {url}: the server answers {code}"),
            fix,
        ),
        Outcome::TooManyRedirects { limit, last } => (
            Severity::Error,
            format!("link to {url}: more than {limit} redirects (a loop?), the last to {last}"),
            fix,
        ),
        Outcome::BadRedirect(code) => (
            Severity::Error,
            format!("link to {url}: the server redirects ({code}) without a valid address"),
            fix,
        ),
        Outcome::Timeout => (
            Severity::Error,
            format!("link to {url}: no answer in time (timeout)"),
            "the site may be down or slow; check it again later",
        ),
        Outcome::HostNotFound => (
            Severity::Error,
            format!("link to {url}: host not found"),
            fix,
        ),
        Outcome::Refused => (
            Severity::Error,
            format!("link to {url}: connection refused"),
            "the site may be down; check it again later",
        ),
        Outcome::Tls(why) if !TLS => (
            Severity::Note,
            format!("link to {url}: not verified: {why}"),
            "build Folio with the `external-tls` feature",
        ),
        Outcome::Tls(why) => (
            Severity::Error,
            format!("link to {url}: TLS error ({why})"),
            "the site's certificate or TLS setup is broken, or the address is wrong",
        ),
        Outcome::Failed(why) => (
            Severity::Error,
            format!("link to {url}: no answer ({why})"),
            fix,
        ),
    };
    let mut diagnostic = Diagnostic::error(&link.file, link.pos, message).with_hint(hint);
    diagnostic.severity = severity;
    Some(diagnostic)
}

#[cfg(test)]
mod tests;
