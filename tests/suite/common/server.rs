//! A static file server on 127.0.0.1 for browser tests: pages need a real origin for
//! `history.pushState` and query strings. It answers GET only, never outside its root.
//! A missing page gets the site's 404 page of its locale, as a static host would serve it.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};

/// Serves `root` on a free port until the test process ends; returns the port.
pub fn serve(root: PathBuf) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            std::thread::spawn(move || answer(stream, &root));
        }
    });
    port
}

fn answer(mut stream: TcpStream, root: &Path) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone stream"));
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) | Err(_) => break,
            Ok(_) if header == "\r\n" || header == "\n" => break,
            Ok(_) => {}
        }
    }
    let target = request_line.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let response = match file_for(root, path) {
        Some(file) => {
            let body = std::fs::read(&file).unwrap_or_default();
            (200, content_type(&file), body)
        }
        None => match not_found_page(root, path) {
            Some(body) => (404, "text/html; charset=utf-8", body),
            None => (404, "text/plain", b"not found".to_vec()),
        },
    };
    let head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        response.0,
        if response.0 == 200 { "OK" } else { "Not Found" },
        response.1,
        response.2.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&response.2);
}

fn file_for(root: &Path, path: &str) -> Option<PathBuf> {
    if path.split('/').any(|part| part == "..") {
        return None;
    }
    let mut file = root.join(path.trim_start_matches('/'));
    if file.is_dir() {
        file = file.join("index.html");
    }
    file.is_file().then_some(file)
}

/// `<locale>/404.html` for a path below a locale's folder, else the root `404.html`.
fn not_found_page(root: &Path, path: &str) -> Option<Vec<u8>> {
    let locale = path.trim_start_matches('/').split('/').next().unwrap_or("");
    [format!("{locale}/404.html"), "404.html".to_string()]
        .iter()
        .filter(|page| !page.starts_with('/') && !page.contains(".."))
        .find_map(|page| std::fs::read(root.join(page)).ok())
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("xml") => "application/xml",
        Some("png") => "image/png",
        Some("svg") => "image/svg+xml",
        Some("pdf") => "application/pdf",
        _ => "application/octet-stream",
    }
}
