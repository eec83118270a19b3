//! The preview server's HTTP/1.1 layer: a thread per connection, so that no client can
//! hold up another. A client that sends its request byte by byte, or never finishes
//! it, holds only its own thread until its time runs out; a pool of workers shared by
//! all connections (tiny_http's, before) let such clients queue page requests behind
//! them. Requests are parsed by `httparse`; the layer keeps connections alive, caps
//! a request's head at 64 KB (431), answers GET and HEAD only, and writes each
//! response in one write with Nagle's algorithm off, so kept-alive responses leave at
//! once. What to answer is the caller's: a function from a request to a response.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// What one client may take of the server.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Connections open at once (each a thread); past it, new ones get 503.
    pub connections: usize,
    /// The request line and headers, in bytes; past it, 431.
    pub head_bytes: usize,
    /// Time to send a request's head, counted from its first byte: a slow client's
    /// thread is freed after it, however it trickles.
    pub head_time: Duration,
    /// A kept-alive connection closes after this long without a new request.
    pub idle_time: Duration,
    /// A client that stops reading its response is dropped after this long.
    pub write_time: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            connections: 1024,
            head_bytes: 64 * 1024,
            head_time: Duration::from_secs(10),
            idle_time: Duration::from_secs(30),
            write_time: Duration::from_secs(10),
        }
    }
}

/// A request's head, the only part the preview server reads.
#[derive(Debug)]
pub struct Request {
    pub method: String,
    /// As sent: path and query.
    pub target: String,
    pub headers: Vec<(String, String)>,
}

impl Request {
    /// The path, without query or fragment.
    pub fn path(&self) -> &str {
        self.target.split(['?', '#']).next().unwrap_or("/")
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        (self.headers.iter())
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Writes a streamed body straight to the connection; the connection closes after it.
pub type Stream = Box<dyn FnOnce(&mut dyn Write) + Send>;

pub enum Body {
    Bytes(Vec<u8>),
    /// Sent as it comes (server-sent events), ended by closing the connection.
    Stream(Stream),
}

pub struct Response {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Body,
}

impl Response {
    pub fn new(status: u16, body: Vec<u8>) -> Self {
        Response {
            status,
            headers: Vec::new(),
            body: Body::Bytes(body),
        }
    }

    pub fn stream(status: u16, stream: Stream) -> Self {
        Response {
            status,
            headers: Vec::new(),
            body: Body::Stream(stream),
        }
    }

    pub fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }
}

/// Accepts connections until the listener fails, each on a thread of its own.
pub fn serve<H>(listener: TcpListener, limits: Limits, handler: H)
where
    H: Fn(&Request) -> Response + Send + Sync + 'static,
{
    let handler = Arc::new(handler);
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let Ok(mut stream) = stream else {
            // Out of descriptors, or a connection reset before it was accepted: the
            // next one may do; a pause keeps a persistent error from spinning.
            std::thread::sleep(Duration::from_millis(10));
            continue;
        };
        if open.fetch_add(1, Ordering::SeqCst) >= limits.connections {
            open.fetch_sub(1, Ordering::SeqCst);
            // A fresh socket's send buffer is empty: this write does not block.
            let _ = stream.set_nodelay(true);
            let _ = stream.write_all(&head(503, &[], Some(20), false));
            let _ = stream.write_all(b"too many connections");
            continue;
        }
        let handler = handler.clone();
        let guard = Open(open.clone());
        let spawned = std::thread::Builder::new()
            .name("folio-http".into())
            .stack_size(256 * 1024)
            .spawn(move || {
                let _guard = guard;
                connection(stream, &limits, &*handler);
            });
        if spawned.is_err() {
            // Out of threads: the connection was dropped with its closure.
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

/// Counts a connection as open while it lives.
struct Open(Arc<AtomicUsize>);

impl Drop for Open {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The options every accepted connection gets: responses leave at once, and a client
/// that stops reading does not hold its thread for ever.
pub fn prepare(stream: &TcpStream, limits: &Limits) -> std::io::Result<()> {
    stream.set_nodelay(true)?;
    stream.set_write_timeout(Some(limits.write_time))
}

/// The most headers a request may have; more is a 431 like a head too long.
const MAX_HEADERS: usize = 128;

/// Serves one connection's requests, one after the other, until it closes.
fn connection(mut stream: TcpStream, limits: &Limits, handler: &dyn Fn(&Request) -> Response) {
    if prepare(&stream, limits).is_err() {
        return;
    }
    let mut buffer: Vec<u8> = Vec::with_capacity(4096);
    loop {
        let end = match read_head(&mut stream, &mut buffer, limits) {
            Head::Complete(end) => end,
            Head::Closed => return,
            Head::TooSlow => return refuse(stream, 408, "request head too slow"),
            Head::TooLarge => return refuse(stream, 431, "request header fields too large"),
        };
        let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
        let mut parsed = httparse::Request::new(&mut headers);
        let request = match parsed.parse(&buffer[..end]) {
            Ok(httparse::Status::Complete(_)) => Request {
                method: parsed.method.unwrap_or("").to_string(),
                target: parsed.path.unwrap_or("/").to_string(),
                headers: (parsed.headers.iter())
                    .map(|h| {
                        let value = String::from_utf8_lossy(h.value).into_owned();
                        (h.name.to_string(), value)
                    })
                    .collect(),
            },
            Err(httparse::Error::TooManyHeaders) => {
                return refuse(stream, 431, "too many header fields");
            }
            Err(httparse::Error::Version) => return refuse(stream, 505, "HTTP/1.x only"),
            _ => return refuse(stream, 400, "bad request"),
        };
        let version = parsed.version.unwrap_or(1);
        let connection = request.header("connection").unwrap_or("");
        let asked_alive = if version == 0 {
            has_token(connection, "keep-alive")
        } else {
            !has_token(connection, "close")
        };
        // A body is never needed: the connection closes after the answer rather than
        // reading it to find where the next request starts.
        let has_body = request.header("transfer-encoding").is_some()
            || request
                .header("content-length")
                .is_some_and(|n| n.trim() != "0");
        let keep_alive = asked_alive && !has_body;
        buffer.drain(..end);
        let response = if request.method == "GET" || request.method == "HEAD" {
            catch_unwind(AssertUnwindSafe(|| handler(&request))).unwrap_or_else(|_| {
                Response::new(500, b"internal error: see the terminal".to_vec())
            })
        } else {
            Response::new(405, b"only GET and HEAD".to_vec()).with_header("Allow", "GET, HEAD")
        };
        let head_only = request.method == "HEAD";
        let written = match response.body {
            Body::Bytes(body) => {
                let mut bytes = head(
                    response.status,
                    &response.headers,
                    Some(body.len()),
                    keep_alive && version == 0,
                );
                if !keep_alive {
                    bytes.splice(bytes.len() - 2..bytes.len() - 2, *b"Connection: close\r\n");
                }
                if !head_only {
                    bytes.extend_from_slice(&body);
                }
                stream.write_all(&bytes)
            }
            Body::Stream(body) => {
                let mut bytes = head(response.status, &response.headers, None, false);
                bytes.splice(bytes.len() - 2..bytes.len() - 2, *b"Connection: close\r\n");
                if stream.write_all(&bytes).is_ok() && !head_only {
                    body(&mut stream);
                }
                return;
            }
        };
        if written.is_err() {
            return;
        }
        if !keep_alive {
            return linger(stream);
        }
    }
}

enum Head {
    /// The head ends at this offset of the buffer.
    Complete(usize),
    /// The client closed the connection, or left it idle, between requests.
    Closed,
    TooSlow,
    TooLarge,
}

/// Reads until the buffer holds a whole request head (pipelined requests may already
/// be there). Idle time is allowed before the first byte; from there the whole head
/// must arrive within `head_time`, however it trickles.
fn read_head(stream: &mut TcpStream, buffer: &mut Vec<u8>, limits: &Limits) -> Head {
    let mut started = (!buffer.is_empty()).then(Instant::now);
    let mut searched = 0;
    let mut chunk = [0u8; 8192];
    loop {
        // Blank lines before a request are allowed (RFC 9112, 2.2).
        let blank = buffer.iter().take_while(|b| **b == b'\r' || **b == b'\n');
        let blank = blank.count();
        if blank > 0 {
            buffer.drain(..blank);
            searched = 0;
        }
        if let Some(at) = find_end(&buffer[searched.min(buffer.len())..]) {
            return match searched + at {
                end if end > limits.head_bytes => Head::TooLarge,
                end => Head::Complete(end),
            };
        }
        searched = buffer.len().saturating_sub(3);
        if buffer.len() > limits.head_bytes {
            return Head::TooLarge;
        }
        let wait = match started {
            None => limits.idle_time,
            Some(at) => match limits.head_time.checked_sub(at.elapsed()) {
                Some(left) if !left.is_zero() => left,
                _ => return Head::TooSlow,
            },
        };
        if stream.set_read_timeout(Some(wait)).is_err() {
            return Head::Closed;
        }
        match stream.read(&mut chunk) {
            Ok(0) => return Head::Closed,
            Ok(n) => {
                buffer.extend_from_slice(&chunk[..n]);
                started.get_or_insert_with(Instant::now);
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e)
                if started.is_some()
                    && matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) =>
            {
                return Head::TooSlow;
            }
            Err(_) => return Head::Closed,
        }
    }
}

/// Where the blank line that ends a head ends.
fn find_end(bytes: &[u8]) -> Option<usize> {
    bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|at| at + 4)
}

fn has_token(value: &str, token: &str) -> bool {
    value
        .split(',')
        .any(|t| t.trim().eq_ignore_ascii_case(token))
}

/// A status line and headers; `alive` says so to an HTTP/1.0 client.
fn head(
    status: u16,
    headers: &[(&'static str, String)],
    length: Option<usize>,
    alive: bool,
) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    if let Some(length) = length {
        out.push_str(&format!("Content-Length: {length}\r\n"));
    }
    if alive {
        out.push_str("Connection: keep-alive\r\n");
    }
    out.push_str("\r\n");
    out.into_bytes()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}

/// Answers a request the server will not read, then closes.
fn refuse(mut stream: TcpStream, status: u16, why: &str) {
    let mut bytes = head(status, &[], Some(why.len()), false);
    bytes.splice(bytes.len() - 2..bytes.len() - 2, *b"Connection: close\r\n");
    bytes.extend_from_slice(why.as_bytes());
    if stream.write_all(&bytes).is_ok() {
        linger(stream);
    }
}

/// Closes after reading what the client still sends, for a while: closing a socket
/// with unread bytes resets the connection, and the reset can destroy the response
/// before the client reads it (a 431 sent while the long head still arrives).
fn linger(mut stream: TcpStream) {
    let _ = stream.shutdown(Shutdown::Write);
    let until = Instant::now() + Duration::from_secs(2);
    let mut sink = [0u8; 8192];
    let mut drained = 0usize;
    while drained < 1 << 20 {
        let Some(left) = until.checked_duration_since(Instant::now()) else {
            break;
        };
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            break;
        }
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(n) => drained += n,
        }
    }
}

#[cfg(test)]
mod tests;
