//! `folio serve` as a writer uses it: pages served from memory, a one-page edit seen
//! within 2 s with a reload event, a broken file leaving the last good page served with
//! the error over it, localized 404s, content types, and no path leaving the output.
//! Pages follow the files they include, outside `content/` too. Awkward clients (slow,
//! half-sent, oversized, kept alive, live-reload streams) hold up no one else.

use crate::common;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub(crate) struct Server {
    child: Child,
    pub(crate) address: String,
    /// What the server printed on stderr so far, line by line.
    log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn logged(&self, text: &str) -> bool {
        self.log.lock().unwrap().iter().any(|l| l.contains(text))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("server log:\n{}", self.log.lock().unwrap().join("\n"));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `folio serve` on `root`, once its first build is published: the address is
/// announced before, and an edit made meanwhile could be read by that build.
pub(crate) fn serve(root: &Path) -> Server {
    serve_with(root, &[])
}

/// `folio serve` on the site at `root`, with `extra` flags, once its first build is
/// published.
pub(crate) fn serve_with(root: &Path, extra: &[&str]) -> Server {
    let server = start(root, extra);
    wait_for("the first build", Duration::from_secs(10), || {
        server.logged("rebuilt") || server.logged("build failed")
    });
    server
}

/// `folio serve` on `root`, as soon as it announces its address.
fn start(root: &Path, extra: &[&str]) -> Server {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin!("folio"))
        .args(["serve", "--port", "0"])
        .args(extra)
        .arg("--root")
        .arg(root)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start folio serve");
    let log = Arc::new(Mutex::new(Vec::new()));
    let lines = BufReader::new(child.stderr.take().unwrap());
    let sink = log.clone();
    std::thread::spawn(move || {
        for line in lines.lines().map_while(Result::ok) {
            sink.lock().unwrap().push(line);
        }
    });
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let address = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .expect("serving line")
        .to_string();
    Server {
        child,
        address,
        log,
    }
}

/// A raw GET: the request line is sent as written, so traversal attempts reach the server.
pub(crate) fn get(server: &Server, path: &str) -> (u16, String, String) {
    get_within(server, path, Duration::from_secs(5))
}

/// `get`, the answer awaited for up to `limit`.
fn get_within(server: &Server, path: &str, limit: Duration) -> (u16, String, String) {
    let mut stream = TcpStream::connect(&server.address).unwrap();
    stream.set_read_timeout(Some(limit)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let text = String::from_utf8_lossy(&response).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, head.to_lowercase(), body.to_string())
}

pub(crate) fn wait_for(what: &str, limit: Duration, mut probe: impl FnMut() -> bool) -> Duration {
    let started = Instant::now();
    while started.elapsed() < limit {
        if probe() {
            return started.elapsed();
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("{what} did not happen within {limit:?}");
}

#[test]
fn pages_assets_and_not_found() {
    let site = common::site("base");
    let server = serve(site.path());
    let (status, head, body) = get(&server, "/fr/guide/");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/html; charset=utf-8"));
    assert!(
        body.contains("<script src=\"/__folio/reload.js\"></script>"),
        "the reload script is injected, as a file the CSP allows"
    );
    let (status, head, script) = get(&server, "/__folio/reload.js");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/javascript"));
    assert!(script.contains("/__folio/events"), "{script}");
    let (status, head, _) = get(&server, "/static/folio.css");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/css"));
    let (status, _, body) = get(&server, "/en/nowhere/");
    assert_eq!(status, 404);
    assert!(body.contains("Not found en"), "the English 404 page");
    // The PDFs follow the pages, typeset in the background.
    wait_for("the PDF", Duration::from_secs(5), || {
        get(&server, "/fr/guide-fr.pdf").0 == 200
    });
    assert!(
        get(&server, "/fr/guide-fr.pdf")
            .1
            .contains("content-type: application/pdf")
    );
}

#[test]
fn no_path_leaves_the_output() {
    let site = common::site("base");
    std::fs::write(site.path().join("secret.txt"), "secret").unwrap();
    let server = serve(site.path());
    for attempt in [
        "/../secret.txt",
        "/fr/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        "/folio.toml",
    ] {
        let (status, _, body) = get(&server, attempt);
        assert!(status == 400 || status == 404, "{attempt}: {status}");
        assert!(
            !body.contains("secret") && !body.contains("base_url"),
            "{attempt} leaked a file"
        );
    }
}

#[test]
fn an_edit_is_served_within_two_seconds_with_a_reload_event() {
    let site = common::site("base");
    let server = serve(site.path());
    let mut events = TcpStream::connect(&server.address).unwrap();
    write!(
        events,
        "GET /__folio/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(3)))
        .unwrap();
    std::thread::sleep(Duration::from_millis(200));
    let page = site.path().join("content/en/guide.md");
    let text = std::fs::read_to_string(&page)
        .unwrap()
        .replace("Text:", "Edited text:");
    std::fs::write(&page, text).unwrap();
    let took = wait_for("the edit", Duration::from_secs(2), || {
        get(&server, "/en/guide-en/").2.contains("Edited text:")
    });
    eprintln!("edit served after {took:?}");
    let mut received = String::new();
    let mut buffer = [0u8; 256];
    wait_for("the reload event", Duration::from_secs(2), || {
        if let Ok(n) = events.read(&mut buffer) {
            received.push_str(&String::from_utf8_lossy(&buffer[..n]));
        }
        received.contains("data: reload")
    });
}

#[test]
fn a_broken_file_keeps_the_last_good_page_and_shows_the_error() {
    let site = common::site("base");
    let server = serve(site.path());
    assert!(get(&server, "/fr/guide/").2.contains("Étapes"));
    std::fs::write(
        site.path().join("content/fr/guide.md"),
        "+++\ntitle = \"Guide\ntittle\n+++\n",
    )
    .unwrap();
    wait_for("the error overlay", Duration::from_secs(2), || {
        get(&server, "/fr/guide/").2.contains("folio-errors")
    });
    let (status, _, body) = get(&server, "/fr/guide/");
    assert_eq!(status, 200);
    assert!(
        body.contains("Étapes"),
        "the last good page is still served"
    );
    // Styled from a file: the CSP refuses inline styles.
    assert!(body.contains("<link rel=\"stylesheet\" href=\"/__folio/errors.css\">"));
    assert!(
        get(&server, "/__folio/errors.css")
            .2
            .contains("#folio-errors{")
    );
    assert!(
        body.contains("content/fr/guide.md:3:7: error:"),
        "the error names the file, line and column"
    );
}

#[test]
fn a_body_edit_re_renders_that_page_alone() {
    let site = common::site("base");
    let server = serve(site.path());
    let page = site.path().join("content/en/guide.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, text.replace("Text:", "Changed text:")).unwrap();
    wait_for("the edit", Duration::from_secs(2), || {
        get(&server, "/en/guide-en/").2.contains("Changed text:")
    });
    wait_for("the log line", Duration::from_secs(2), || {
        server.logged("updated 1 page(s)")
    });
}

#[test]
fn an_edit_links_to_a_heading_it_adds_and_the_next_edit_forgets_it() {
    let site = common::site("base");
    let server = serve(site.path());
    let page = site.path().join("content/en/guide.md");
    let text = std::fs::read_to_string(&page).unwrap();
    // A heading in a quote is an anchor without being in the page's contents: the
    // edit stays a one-page update, resolved against the page as edited.
    let added = format!("{text}\n> #### Deep note {{#deep}}\n\nSee [the note](#deep).\n");
    std::fs::write(&page, &added).unwrap();
    wait_for("the edit", Duration::from_secs(2), || {
        get(&server, "/en/guide-en/").2.contains("Deep note")
    });
    wait_for("the log line", Duration::from_secs(2), || {
        server.logged("updated 1 page(s)")
    });
    assert!(!server.logged("#deep"), "the new anchor is known");
    // The heading goes, the link stays: now the link is broken.
    std::fs::write(&page, added.replace("> #### Deep note {#deep}\n", "")).unwrap();
    wait_for("the broken anchor", Duration::from_secs(2), || {
        server.logged("#deep")
    });
}

#[test]
fn a_body_edit_keeps_the_source_ids_of_a_translation() {
    let site = common::site("base");
    let page = site.path().join("content/en/guide.md");
    let text = std::fs::read_to_string(&page)
        .unwrap()
        .replace("## Steps {#etapes}", "## Steps");
    std::fs::write(&page, &text).unwrap();
    let server = serve(site.path());
    let alias = "<span class=\"anchor-alias\" id=\"etapes\"></span>";
    assert!(get(&server, "/en/guide-en/").2.contains(alias));
    std::fs::write(&page, text.replace("Text:", "Changed text:")).unwrap();
    wait_for("the edit", Duration::from_secs(2), || {
        get(&server, "/en/guide-en/").2.contains("Changed text:")
    });
    assert!(get(&server, "/en/guide-en/").2.contains(alias));
}

/// Marks follow edits: of the source (a block that changes is marked) and of the
/// translation (its blocks are numbered again).
#[test]
fn for_translators_changed_blocks_follow_edits() {
    let site = crate::l10n_changed_blocks::outdated_site(false);
    let root = site.path();
    let server = serve_with(root, &["--translator"]);
    let marked = |html: &str, text: &str| {
        html.contains(&format!(
            "class=\"l10n-changed\" tabindex=\"0\" aria-describedby=\"l10n-source-5\">{text}"
        ))
    };
    assert!(!marked(&get(&server, "/en/astreinte/").2, "Note the time."));
    let source = root.join("content/fr/astreinte.md");
    let text = std::fs::read_to_string(&source).unwrap();
    std::fs::write(
        &source,
        text.replace("Noter l'heure.", "Noter l'heure exacte."),
    )
    .unwrap();
    wait_for("the source edit", Duration::from_secs(3), || {
        let html = get(&server, "/en/astreinte/").2;
        marked(&html, "Note the time.") && html.contains("Noter l&#39;heure exacte.")
    });
    // A paragraph added at the top of the translation: every number moves by one.
    let page = root.join("content/en/astreinte.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(
        &page,
        text.replace("Introduction.", "Hello.\n\nIntroduction."),
    )
    .unwrap();
    wait_for("the translation edit", Duration::from_secs(3), || {
        let html = get(&server, "/en/astreinte/").2;
        html.contains("aria-describedby=\"l10n-source-6\">Note the time.")
    });
    drop(server);
    // Without the flag, the markers alone.
    let server = serve(root);
    let html = get(&server, "/en/astreinte/").2;
    assert!(
        html.contains("<p class=\"l10n-changed\">Note the time."),
        "{html}"
    );
    assert!(!html.contains("l10n-source"), "{html}");
}

#[test]
fn a_title_edit_rebuilds_every_page_that_shows_it() {
    let site = common::site("base");
    let server = serve(site.path());
    let page = site.path().join("content/fr/guide.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(
        &page,
        text.replace("title = \"Guide\"", "title = \"Mode d'emploi\""),
    )
    .unwrap();
    // The home page's sidebar names the edited page: both are rendered again on the
    // kept model, without a full rebuild.
    wait_for("the new title elsewhere", Duration::from_secs(3), || {
        get(&server, "/fr/").2.contains("Mode d’emploi")
    });
    assert!(
        get(&server, "/fr/guide/")
            .2
            .contains("<title>Mode d’emploi")
    );
    wait_for("the log line", Duration::from_secs(2), || {
        server.logged("updated 2 page(s)")
    });
    assert_eq!(rebuilds(&server), 1, "only the first build");
}

/// After a title edit, every page served is the page a full build of the edited site
/// makes (the PDFs are off: serve links to guides a plain build would typeset).
#[test]
fn a_title_edit_serves_what_a_full_build_makes() {
    let site = common::site("base");
    let config = site.path().join("folio.toml");
    let settings = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{settings}\n[pdf]\nenabled = false\n")).unwrap();
    let server = serve(site.path());
    let page = site.path().join("content/en/guide.md");
    let text = std::fs::read_to_string(&page).unwrap();
    let retitled = retitle(&text, "Handbook");
    std::fs::write(&page, retitled).unwrap();
    wait_for("the update", Duration::from_secs(3), || {
        server.logged("updated")
    });
    let out = common::build(site.path(), &[]);
    let mut compared = 0;
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let relative = path
            .strip_prefix(&out)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let served = get(&server, &format!("/{relative}")).2;
        let served = served.replace("<script src=\"/__folio/reload.js\"></script>", "");
        assert_eq!(served, std::fs::read_to_string(path).unwrap(), "{relative}");
        compared += 1;
    }
    assert!(compared > 4, "{compared} pages");
    assert_eq!(rebuilds(&server), 1, "only the first build");
}

/// `text` with its front matter's title replaced by `title`.
fn retitle(text: &str, title: &str) -> String {
    (text.lines())
        .map(|line| {
            if line.starts_with("title = ") {
                format!("title = \"{title}\"")
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

fn rebuilds(server: &Server) -> usize {
    (server.log.lock().unwrap().iter())
        .filter(|l| l.starts_with("rebuilt"))
        .count()
}

/// The first page asked for is answered before the whole site is rendered, the same
/// as once it is.
#[test]
fn the_first_request_gets_its_page_as_the_site_renders() {
    let site = common::site("base");
    let server = start(site.path(), &[]);
    let (status, _, early) = get(&server, "/fr/guide/");
    assert_eq!(status, 200);
    assert!(early.contains("<h1"), "{early}");
    let (status, _, css) = get(&server, "/static/folio.css");
    assert_eq!(status, 200);
    assert!(!css.is_empty());
    wait_for("the first build", Duration::from_secs(5), || {
        rebuilds(&server) == 1
    });
    assert_eq!(get(&server, "/fr/guide/").2, early);
}

#[test]
fn a_source_edit_reaches_its_fallback_copies() {
    let site = common::site("base");
    std::fs::remove_file(site.path().join("content/en/guide.md")).unwrap();
    let server = serve(site.path());
    assert!(get(&server, "/en/guide/").2.contains("citation"));
    let page = site.path().join("content/fr/guide.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, text.replace("citation", "nouvelle citation")).unwrap();
    wait_for("the fallback copy", Duration::from_secs(2), || {
        get(&server, "/en/guide/").2.contains("nouvelle citation")
    });
    wait_for("the log line", Duration::from_secs(2), || {
        server.logged("updated 2 page(s)")
    });
}

#[test]
fn serve_pseudo_serves_the_pseudo_locale_and_follows_source_edits() {
    let site = common::site("base");
    let server = start(site.path(), &["--pseudo"]);
    assert!(get(&server, "/qps-ploc/guide/").2.contains("çîţáţîöñ"));
    let page = site.path().join("content/fr/guide.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, text.replace("citation", "nouvelle citation")).unwrap();
    wait_for("the pseudo-locale's copy", Duration::from_secs(2), || {
        get(&server, "/qps-ploc/guide/")
            .2
            .contains("ñöûṽéļļé çîţáţîöñ")
    });
}

#[test]
fn drafts_are_served_for_their_writers() {
    let site = common::site("hugo-site");
    let server = serve(site.path());
    let (status, _, body) = get(&server, "/fr/docs/brouillon/");
    assert_eq!(status, 200, "serve shows drafts, unlike build");
    assert!(body.contains("Pas encore prêt."));
}

#[test]
fn editing_an_included_listing_renders_the_pages_that_include_it() {
    let site = tempfile::tempdir().unwrap();
    common::copy_tree(&common::fixtures().join("includes"), site.path());
    let server = serve(site.path());
    assert!(get(&server, "/en/").2.contains("Install the tool"));
    // Included by a Markdown fragment that the first page includes, and by the second.
    let listing = site.path().join("listings/setup.sh");
    let text = std::fs::read_to_string(&listing).unwrap();
    std::fs::write(
        &listing,
        text.replace("folio init book", "folio init handbook"),
    )
    .unwrap();
    wait_for("the edited listing", Duration::from_secs(2), || {
        get(&server, "/en/").2.contains("handbook")
            && get(&server, "/en/chapter/ranges/").2.contains("handbook")
    });
    wait_for("the log line", Duration::from_secs(2), || {
        server.logged("updated 2 page(s)")
    });
}

#[test]
fn an_outline_edit_rebuilds_every_sidebar() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_tree(&common::fixtures().join("outline"), dir.path());
    let server = serve(dir.path());
    let summary = dir.path().join("content/en/SUMMARY.md");
    let text = std::fs::read_to_string(&summary).unwrap();
    std::fs::write(&summary, text.replace("# Reference", "# Looking things up")).unwrap();
    // A page the edit did not touch shows the new part title.
    wait_for("the new part title", Duration::from_secs(3), || {
        get(&server, "/en/credits/").2.contains("Looking things up")
    });
    assert!(server.logged("rebuilt"));
}

/// What the server did with a connection so far, seen without waiting.
fn peek(stream: &TcpStream) -> std::io::Result<usize> {
    stream.set_nonblocking(true).unwrap();
    let mut byte = [0u8; 1];
    let seen = stream.peek(&mut byte);
    stream.set_nonblocking(false).unwrap();
    seen
}

/// Connected, with nothing answered yet.
fn unanswered(stream: &TcpStream) -> bool {
    matches!(peek(stream), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock)
}

/// Neither closed nor reset by the server.
fn still_open(stream: &TcpStream) -> bool {
    match peek(stream) {
        Ok(n) => n > 0,
        Err(e) => e.kind() == std::io::ErrorKind::WouldBlock,
    }
}

/// A slowloris client trickling its head a byte at a time, and 50 clients that sent
/// half a request and stopped, all still connected while a page is asked for: the page
/// is answered at once (it waits behind none of them), and they stay connected until
/// their own time runs out.
#[test]
fn slow_and_half_sent_requests_hold_up_no_page() {
    let site = common::site("base");
    let server = serve(site.path());
    let address = server.address.clone();
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let trickling = stop.clone();
    let slowloris = std::thread::spawn(move || {
        let mut stream = TcpStream::connect(&address).unwrap();
        let head = b"GET /fr/guide/ HTTP/1.1\r\nHost: localhost\r\nX-Slow: ";
        let mut sent = 0;
        while !trickling.load(std::sync::atomic::Ordering::SeqCst) {
            let byte = head.get(sent).copied().unwrap_or(b'a');
            stream.write_all(&[byte]).unwrap();
            sent += 1;
            std::thread::sleep(Duration::from_millis(20));
        }
        (stream, sent)
    });
    let half_sent: Vec<TcpStream> = (0..50)
        .map(|_| {
            let mut stream = TcpStream::connect(&server.address).unwrap();
            stream
                .write_all(b"GET /fr/guide/ HTTP/1.1\r\nHost: localhost\r\n")
                .unwrap();
            stream
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let (status, _, body) = get(&server, "/fr/guide/");
    assert_eq!(status, 200);
    assert!(body.contains("</html>"));
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    let (slow, sent) = slowloris.join().unwrap();
    assert!(sent > 10, "the slow client was still sending");
    assert!(
        unanswered(&slow),
        "the page was answered while the slow client was connected"
    );
    assert!(
        half_sent.iter().all(unanswered),
        "the page was answered while the half-sent requests were connected"
    );
}

/// A request whose headers pass 64 KB is refused with 431, and the server goes on.
#[test]
fn a_head_past_64_kb_is_refused_and_the_server_goes_on() {
    let site = common::site("base");
    let server = serve(site.path());
    let mut stream = TcpStream::connect(&server.address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut request = b"GET /fr/guide/ HTTP/1.1\r\nHost: localhost\r\nX-Big: ".to_vec();
    request.extend(std::iter::repeat_n(b'a', 70 * 1024));
    request.extend_from_slice(b"\r\n\r\n");
    stream.write_all(&request).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 431 "), "{response}");
    assert_eq!(get(&server, "/fr/guide/").0, 200);
}

/// Twenty requests for a 20 KB page over one kept-alive connection, as a browser
/// makes them, and 100 open live-reload streams beside them: every one is answered.
#[test]
fn kept_alive_requests_beside_live_reload_streams_are_all_answered() {
    let site = common::site("base");
    let page = site.path().join("content/en/guide.md");
    let mut text = std::fs::read_to_string(&page).unwrap();
    for i in 0..300 {
        text.push_str(&format!(
            "\nParagraph {i} of a long page, to make it weigh.\n"
        ));
    }
    std::fs::write(&page, text).unwrap();
    let server = serve(site.path());
    let streams: Vec<TcpStream> = (0..100)
        .map(|_| {
            let mut stream = TcpStream::connect(&server.address).unwrap();
            stream
                .write_all(b"GET /__folio/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
                .unwrap();
            stream
        })
        .collect();
    let stream = TcpStream::connect(&server.address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut writer = stream.try_clone().unwrap();
    let mut reader = BufReader::new(stream);
    for _ in 0..20 {
        writer
            .write_all(b"GET /en/guide-en/ HTTP/1.1\r\nHost: localhost\r\n\r\n")
            .unwrap();
        let mut status = String::new();
        reader.read_line(&mut status).unwrap();
        assert!(status.starts_with("HTTP/1.1 200"), "{status}");
        let mut length = 0;
        loop {
            let mut header = String::new();
            reader.read_line(&mut header).unwrap();
            if header == "\r\n" {
                break;
            }
            if let Some(n) = header.to_lowercase().strip_prefix("content-length: ") {
                length = n.trim().parse().unwrap();
            }
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body).unwrap();
        assert!(length > 20_000, "a 20 KB page: {length} bytes");
        assert!(String::from_utf8_lossy(&body).contains("Paragraph 299"));
    }
    assert!(streams.iter().all(still_open), "the streams stay open");
}

/// A full rebuild serves the new pages at once and makes the search index again in the
/// background: meanwhile the last index stays served, never a 404.
#[test]
fn the_search_index_stays_served_through_a_full_rebuild() {
    let site = common::site("base");
    let server = serve(site.path());
    let index = "/search/fr/meta.json";
    wait_for("the search index", Duration::from_secs(5), || {
        get(&server, index).0 == 200
    });
    let rebuilds = || rebuilds(&server);
    let before = rebuilds();
    // A new weight moves the page in every sidebar: the site is built again.
    let page = site.path().join("content/fr/guide.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, text.replace("weight = 2", "weight = 5")).unwrap();
    let started = Instant::now();
    let mut rebuilt = None;
    while rebuilt.is_none_or(|at: Instant| at.elapsed() < Duration::from_millis(500)) {
        assert!(started.elapsed() < Duration::from_secs(5), "no rebuild");
        assert_eq!(get(&server, index).0, 200, "the index was missing");
        if rebuilt.is_none() && rebuilds() > before {
            rebuilt = Some(Instant::now());
        }
    }
}

/// The search index is made after the pages, with the PDFs: asked for in the first
/// moments of a preview, it is answered once ready, never with a 404.
#[test]
fn the_search_index_asked_for_at_once_is_waited_for() {
    let site = common::site("base");
    let server = start(site.path(), &[]);
    let (status, head, meta) = get_within(&server, "/search/fr/meta.json", Duration::from_secs(60));
    assert_eq!(status, 200, "{head}");
    assert!(meta.starts_with('{'), "{meta}");
    // What the background pass does not make is still missing once it is over.
    let (status, head, _) = get(&server, "/search/fr/none.json");
    assert_eq!(status, 404, "{head}");
}
