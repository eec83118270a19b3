use super::*;
use std::io::{BufRead, BufReader};

/// A server on a free port that answers every path with its own name, `/big` with
/// 20 KB, and `/panic` by panicking.
fn start(limits: Limits) -> std::net::SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        serve(listener, limits, |request| match request.path() {
            "/big" => Response::new(200, vec![b'x'; 20_000]),
            "/panic" => panic!("a bug in a handler"),
            path => Response::new(200, path.as_bytes().to_vec()).with_header("X-Path", path),
        })
    });
    address
}

fn connect(address: std::net::SocketAddr) -> TcpStream {
    let stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    stream
}

/// Sends `request` on a new connection and reads the response.
fn ask(address: std::net::SocketAddr, request: &[u8]) -> (u16, Vec<String>, Vec<u8>) {
    let mut stream = connect(address);
    stream.write_all(request).unwrap();
    response(&mut BufReader::new(stream))
}

/// A connection's two ends: one to write requests to, one to read responses from.
fn open(address: std::net::SocketAddr) -> (TcpStream, BufReader<TcpStream>) {
    let stream = connect(address);
    (stream.try_clone().unwrap(), BufReader::new(stream))
}

/// Reads one response with a Content-Length: status and body.
fn response(reader: &mut BufReader<TcpStream>) -> (u16, Vec<String>, Vec<u8>) {
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    let status = line.split(' ').nth(1).unwrap().parse().unwrap();
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).unwrap();
        if header == "\r\n" {
            break;
        }
        headers.push(header.trim_end().to_lowercase());
    }
    let length: usize = (headers.iter())
        .find_map(|h| h.strip_prefix("content-length: "))
        .map_or(0, |n| n.parse().unwrap());
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    (status, headers, body)
}

fn closed(stream: &mut TcpStream) -> bool {
    let mut byte = [0u8; 1];
    matches!(stream.read(&mut byte), Ok(0) | Err(_))
}

#[test]
fn kept_alive_requests_and_pipelined_ones_are_all_answered() {
    let address = start(Limits::default());
    let (mut writer, mut reader) = open(address);
    for _ in 0..20 {
        writer
            .write_all(b"GET /big HTTP/1.1\r\nHost: x\r\n\r\n")
            .unwrap();
        let (status, headers, body) = response(&mut reader);
        assert_eq!(status, 200);
        assert_eq!(body.len(), 20_000);
        assert!(!headers.iter().any(|h| h.starts_with("connection")));
    }
    // Three requests in one write, the second with blank lines before it.
    writer
        .write_all(
            b"GET /a HTTP/1.1\r\n\r\n\r\nGET /b?q=1 HTTP/1.1\r\n\r\nHEAD /c HTTP/1.1\r\n\r\n",
        )
        .unwrap();
    assert_eq!(response(&mut reader).2, b"/a");
    assert_eq!(response(&mut reader).2, b"/b");
    let (status, headers, _) = {
        // HEAD: the length of the body it would have, and no body.
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        let mut headers = Vec::new();
        loop {
            let mut header = String::new();
            reader.read_line(&mut header).unwrap();
            if header == "\r\n" {
                break;
            }
            headers.push(header.trim_end().to_lowercase());
        }
        (line, headers, ())
    };
    assert!(status.starts_with("HTTP/1.1 200"));
    assert!(headers.contains(&"content-length: 2".to_string()));
    writer
        .write_all(b"GET /last HTTP/1.1\r\nConnection: close\r\n\r\n")
        .unwrap();
    let (_, headers, body) = response(&mut reader);
    assert_eq!(body, b"/last", "nothing of HEAD's body was sent");
    assert!(headers.contains(&"connection: close".to_string()));
    assert!(closed(reader.get_mut()));
}

#[test]
fn http_1_0_is_kept_alive_only_when_asked() {
    let address = start(Limits::default());
    let (mut writer, mut reader) = open(address);
    writer
        .write_all(b"GET /a HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n")
        .unwrap();
    let (_, headers, _) = response(&mut reader);
    assert!(headers.contains(&"connection: keep-alive".to_string()));
    writer.write_all(b"GET /b HTTP/1.0\r\n\r\n").unwrap();
    let (_, headers, body) = response(&mut reader);
    assert_eq!(body, b"/b");
    assert!(headers.contains(&"connection: close".to_string()));
    assert!(closed(reader.get_mut()));
}

#[test]
fn a_head_past_64_kb_gets_431_and_the_server_goes_on() {
    let address = start(Limits::default());
    let stream = connect(address);
    let mut writer = stream.try_clone().unwrap();
    let mut request = b"GET / HTTP/1.1\r\nX-Big: ".to_vec();
    request.extend(std::iter::repeat_n(b'a', 70 * 1024));
    request.extend_from_slice(b"\r\n\r\n");
    writer.write_all(&request).unwrap();
    let mut reader = BufReader::new(stream);
    let (status, headers, _) = response(&mut reader);
    assert_eq!(status, 431);
    assert!(headers.contains(&"connection: close".to_string()));
    assert!(closed(reader.get_mut()));
    let mut many = b"GET / HTTP/1.1\r\n".to_vec();
    for i in 0..200 {
        many.extend_from_slice(format!("X-{i}: y\r\n").as_bytes());
    }
    many.extend_from_slice(b"\r\n");
    assert_eq!(ask(address, &many).0, 431);
    assert_eq!(ask(address, b"GET /after HTTP/1.1\r\n\r\n").2, b"/after");
}

#[test]
fn bad_requests_methods_and_panics_get_their_status() {
    let address = start(Limits::default());
    for (request, status) in [
        (&b"NONSENSE\r\n\r\n"[..], 400),
        (b"GET / HTTP/2.0\r\n\r\n", 505),
        (b"POST /form HTTP/1.1\r\nContent-Length: 3\r\n\r\na=b", 405),
        (b"GET /panic HTTP/1.1\r\n\r\n", 500),
    ] {
        let (got, _, _) = ask(address, request);
        assert_eq!(got, status, "{}", String::from_utf8_lossy(request));
    }
}

#[test]
fn a_half_sent_request_holds_up_no_one_and_is_dropped_after_its_time() {
    let limits = Limits {
        head_time: Duration::from_millis(600),
        ..Limits::default()
    };
    let address = start(limits);
    let mut slow: Vec<TcpStream> = (0..50)
        .map(|_| {
            let mut stream = connect(address);
            stream.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
            stream
        })
        .collect();
    assert_eq!(ask(address, b"GET /page HTTP/1.1\r\n\r\n").2, b"/page");
    // Still waiting for the rest of its head, then answered 408 and closed.
    let mut reader = BufReader::new(slow.pop().unwrap());
    assert_eq!(response(&mut reader).0, 408);
}

#[test]
fn an_idle_kept_alive_connection_is_closed() {
    let limits = Limits {
        idle_time: Duration::from_millis(200),
        ..Limits::default()
    };
    let address = start(limits);
    let mut stream = connect(address);
    stream.write_all(b"GET / HTTP/1.1\r\n\r\n").unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    response(&mut reader);
    let started = Instant::now();
    assert!(closed(&mut stream));
    assert!(started.elapsed() < Duration::from_secs(4));
}

#[test]
fn past_the_connection_cap_new_clients_get_503() {
    let limits = Limits {
        connections: 2,
        ..Limits::default()
    };
    let address = start(limits);
    let held: Vec<TcpStream> = (0..2)
        .map(|_| {
            let mut stream = connect(address);
            stream.write_all(b"GET / HTTP/1.1\r\n").unwrap();
            stream
        })
        .collect();
    // The server counts a connection once its thread is started.
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(ask(address, b"GET / HTTP/1.1\r\n\r\n").0, 503);
    drop(held);
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(ask(address, b"GET /again HTTP/1.1\r\n\r\n").2, b"/again");
}

#[test]
fn a_streamed_body_is_written_as_it_comes_and_ends_the_connection() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        serve(listener, Limits::default(), |_| {
            Response::stream(
                200,
                Box::new(|out| {
                    for event in ["data: one\n\n", "data: two\n\n"] {
                        out.write_all(event.as_bytes()).unwrap();
                        std::thread::sleep(Duration::from_millis(20));
                    }
                }),
            )
            .with_header("Content-Type", "text/event-stream")
        })
    });
    let mut stream = connect(address);
    stream.write_all(b"GET /events HTTP/1.1\r\n\r\n").unwrap();
    let mut text = String::new();
    stream.read_to_string(&mut text).unwrap();
    assert!(text.starts_with("HTTP/1.1 200 OK\r\n"), "{text}");
    assert!(text.contains("Content-Type: text/event-stream\r\n"));
    assert!(!text.contains("Content-Length"));
    assert!(
        text.ends_with("\r\n\r\ndata: one\n\ndata: two\n\n"),
        "{text}"
    );
}

#[test]
fn accepted_connections_have_nagle_off() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let _client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
    let (accepted, _) = listener.accept().unwrap();
    prepare(&accepted, &Limits::default()).unwrap();
    assert!(accepted.nodelay().unwrap());
}
