use super::*;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// What a test server saw.
#[derive(Default)]
struct Seen {
    open: AtomicUsize,
    most_open: AtomicUsize,
    requests: Mutex<Vec<String>>,
}

/// A server on a free port; `answer` gets each request's head and writes the response.
/// `seen` counts connections open at once (shared between servers to count across).
fn server(seen: Arc<Seen>, answer: impl Fn(&str, &mut TcpStream) + Send + Sync + 'static) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let answer = Arc::new(answer);
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let (seen, answer) = (seen.clone(), answer.clone());
            std::thread::spawn(move || {
                let now = seen.open.fetch_add(1, Ordering::SeqCst) + 1;
                seen.most_open.fetch_max(now, Ordering::SeqCst);
                let mut head = String::new();
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                        break;
                    }
                    head.push_str(&line);
                }
                seen.requests.lock().unwrap().push(head.clone());
                answer(&head, &mut stream);
                seen.open.fetch_sub(1, Ordering::SeqCst);
            });
        }
    });
    port
}

fn reply(stream: &mut TcpStream, status: &str, headers: &str) {
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\n{headers}Content-Length: 0\r\nConnection: close\r\n\r\n"
    );
}

fn path(head: &str) -> &str {
    head.split_whitespace().nth(1).unwrap_or("/")
}

fn link(url: String, line: u32) -> Link {
    Link {
        url,
        file: "content/en/page.md".into(),
        pos: Pos { line, column: 3 },
    }
}

fn quick() -> Policy {
    Policy {
        pause: Duration::from_millis(10),
        timeout: Duration::from_millis(500),
        ..Policy::default()
    }
}

/// Answers `/ok` 200, `/gone` 404, `/moved` 301 to `/ok`, `/busy` 429, and `/loop/N`
/// with 302 to `/loop/N+1`, relative.
fn site(seen: Arc<Seen>) -> u16 {
    server(seen, |head, stream| match path(head) {
        "/ok" => reply(stream, "200 OK", ""),
        "/moved" => reply(stream, "301 Moved Permanently", "Location: /ok\r\n"),
        "/busy" => reply(stream, "429 Too Many Requests", ""),
        p if p.starts_with("/loop/") => {
            let n: u32 = p[6..].parse().unwrap();
            let location = format!("Location: {}\r\n", n + 1);
            reply(stream, "302 Found", &location);
        }
        _ => reply(stream, "404 Not Found", ""),
    })
}

#[test]
fn each_outcome_is_reported_at_every_link_to_it() {
    let seen = Arc::new(Seen::default());
    let port = site(seen.clone());
    let at = |p: &str| format!("http://127.0.0.1:{port}{p}");
    let links = vec![
        link(at("/ok"), 1),
        link(at("/gone"), 2),
        link(at("/gone"), 7),
        link(at("/moved"), 3),
        link(at("/loop/1"), 4),
        link(at("/busy"), 5),
    ];
    let found = outcomes(&links, quick());
    assert_eq!(found[&at("/ok")], Outcome::Ok);
    assert_eq!(found[&at("/gone")], Outcome::Status(404));
    assert_eq!(
        found[&at("/moved")],
        Outcome::Redirected {
            to: at("/ok"),
            permanent: true
        }
    );
    assert_eq!(
        found[&at("/loop/1")],
        Outcome::TooManyRedirects {
            limit: 5,
            last: at("/loop/7")
        },
        "five redirects followed, the sixth refused"
    );
    let diagnostics = check(&links, quick());
    let lines: Vec<String> = diagnostics
        .iter()
        .map(|d| format!("{:?} {}: {}", d.severity, d.pos.line, d.message))
        .collect();
    let at_port = |line: String| line.replace(&port.to_string(), "PORT");
    assert_eq!(
        lines.into_iter().map(at_port).collect::<Vec<_>>(),
        [
            "Error 2: link to http://127.0.0.1:PORT/gone: the server answers 404",
            "Error 7: link to http://127.0.0.1:PORT/gone: the server answers 404",
            "Warning 3: link to http://127.0.0.1:PORT/moved moved permanently to http://127.0.0.1:PORT/ok",
            "Error 4: link to http://127.0.0.1:PORT/loop/1: more than 5 redirects (a loop?), the last to http://127.0.0.1:PORT/loop/7",
            "Note 5: link to http://127.0.0.1:PORT/busy: the server answers 429, busy; not verified",
        ]
    );
    let gone = (seen.requests.lock().unwrap().iter())
        .filter(|h| path(h) == "/gone")
        .count();
    assert_eq!(gone, 2, "one URL asked once per check, for two links");
}

#[test]
fn a_request_carries_nothing_of_the_site() {
    let seen = Arc::new(Seen::default());
    let port = site(seen.clone());
    outcomes(&[link(format!("http://127.0.0.1:{port}/ok"), 1)], quick());
    let requests = seen.requests.lock().unwrap();
    let head = &requests[0];
    let mut lines = head.lines();
    assert_eq!(lines.next(), Some("HEAD /ok HTTP/1.1"));
    for line in lines {
        let (name, value) = line.split_once(": ").unwrap();
        let name = name.to_lowercase();
        assert!(
            ["host", "user-agent", "accept"].contains(&name.as_str()),
            "only minimal headers: {head}"
        );
        if name == "user-agent" {
            assert!(value.starts_with("folio/"), "{value}");
        }
    }
}

#[test]
fn a_slow_server_is_a_timeout() {
    let seen = Arc::new(Seen::default());
    let port = server(seen, |_, stream| {
        std::thread::sleep(Duration::from_secs(3));
        reply(stream, "200 OK", "");
    });
    let url = format!("http://127.0.0.1:{port}/slow");
    let started = Instant::now();
    let found = outcomes(&[link(url.clone(), 1)], quick());
    assert_eq!(found[&url], Outcome::Timeout);
    assert!(started.elapsed() < Duration::from_secs(3), "did not wait");
    let diagnostics = check(&[link(url, 1)], quick());
    assert!(
        diagnostics[0]
            .message
            .ends_with("no answer in time (timeout)")
    );
}

/// A server that refuses HEAD and answers GET with an endless body: the status is
/// read, the body is not.
#[test]
fn an_oversized_body_is_never_downloaded() {
    let sent = Arc::new(AtomicUsize::new(0));
    let counted = sent.clone();
    let port = server(Arc::new(Seen::default()), move |head, stream| {
        if head.starts_with("HEAD") {
            return reply(stream, "405 Method Not Allowed", "");
        }
        let _ = write!(
            stream,
            "HTTP/1.1 200 OK\r\nContent-Length: 1000000000\r\n\r\n"
        );
        let chunk = vec![b'x'; 64 * 1024];
        while stream.write_all(&chunk).is_ok() {
            if counted.fetch_add(chunk.len(), Ordering::SeqCst) > 1_000_000_000 {
                break;
            }
        }
    });
    let url = format!("http://127.0.0.1:{port}/huge");
    let found = outcomes(&[link(url.clone(), 1)], quick());
    assert_eq!(found[&url], Outcome::Ok);
    std::thread::sleep(Duration::from_millis(100));
    let sent = sent.load(Ordering::SeqCst);
    assert!(
        sent < 32 << 20,
        "the connection closed after the head: {sent} bytes sent of 1 GB"
    );
}

/// Twelve hosts of three links each, every answer slow: at most 8 requests at once,
/// and never two at once to one host.
#[test]
fn requests_in_flight_are_capped_and_hosts_asked_one_at_a_time() {
    let all = Arc::new(Seen::default());
    let mut hosts = Vec::new();
    let mut links = Vec::new();
    for _ in 0..12 {
        let own = Arc::new(Seen::default());
        let all = all.clone();
        let port = server(own.clone(), move |_, stream| {
            let now = all.open.fetch_add(1, Ordering::SeqCst) + 1;
            all.most_open.fetch_max(now, Ordering::SeqCst);
            std::thread::sleep(Duration::from_millis(60));
            all.open.fetch_sub(1, Ordering::SeqCst);
            reply(stream, "200 OK", "");
        });
        for n in 0..3 {
            links.push(link(format!("http://127.0.0.1:{port}/{n}"), n));
        }
        hosts.push(own);
    }
    let found = outcomes(&links, quick());
    assert!(found.values().all(|o| *o == Outcome::Ok), "{found:?}");
    let most = all.most_open.load(Ordering::SeqCst);
    assert!((2..=8).contains(&most), "{most} requests at once");
    for host in hosts {
        assert_eq!(host.most_open.load(Ordering::SeqCst), 1);
        assert_eq!(host.requests.lock().unwrap().len(), 3);
    }
}

#[test]
fn refused_connections_and_bad_redirects_say_so() {
    let port = server(Arc::new(Seen::default()), |_, stream| {
        reply(stream, "302 Found", "Location: ftp://elsewhere/\r\n");
    });
    // A port just freed, taken after the server's: the kernel gave a port freed before
    // the server bound back to the server, and the refused address then redirected.
    let free = TcpListener::bind("127.0.0.1:0").unwrap();
    let closed_port = free.local_addr().unwrap().port();
    drop(free);
    let refused = format!("http://127.0.0.1:{closed_port}/");
    let bad = format!("http://127.0.0.1:{port}/");
    let found = outcomes(&[link(refused.clone(), 1), link(bad.clone(), 2)], quick());
    assert_eq!(found[&refused], Outcome::Refused);
    assert_eq!(found[&bad], Outcome::BadRedirect(302));
}

#[cfg(not(feature = "external-tls"))]
#[test]
fn without_tls_https_links_are_noted_not_verified() {
    let links = [link("https://127.0.0.1:9/".into(), 1)];
    let diagnostics = check(&links, quick());
    assert_eq!(diagnostics[0].severity, Severity::Note);
    assert!(diagnostics[0].message.contains("no TLS support"));
}

/// A server that speaks plain HTTP where TLS is expected: a TLS error, said as such.
#[cfg(feature = "external-tls")]
#[test]
fn a_tls_failure_is_named() {
    let port = server(Arc::new(Seen::default()), |_, stream| {
        reply(stream, "200 OK", "");
    });
    let url = format!("https://127.0.0.1:{port}/");
    let found = outcomes(&[link(url.clone(), 1)], quick());
    assert!(matches!(found[&url], Outcome::Tls(_)), "{found:?}");
    let diagnostics = check(&[link(url, 1)], quick());
    assert!(
        diagnostics[0].message.contains("TLS error"),
        "{diagnostics:?}"
    );
}
