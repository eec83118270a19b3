//! `folio serve`: build in memory, serve on 127.0.0.1, rebuild when the sources
//! change, and reload open pages. A build that fails keeps the last good site served,
//! with the diagnostics shown in the terminal and over the page, beside a drawing of
//! each broken decision tree with its faults in red.

use std::collections::BTreeSet;
use std::io::Write;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};
use pulldown_cmark_escape::escape_html;

use crate::diagnostic::{self, Diagnostic, Diagnostics, Severity};
use crate::output::{Collect, Output};

use super::build::{self, Compiled, PdfStep, Timings, compile};
use super::site::Select;
use super::update::{self, Update};

mod http;

use http::{Request, Response};

pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    /// Show the pages marked `draft` (a preview is where drafts are read).
    pub drafts: bool,
    /// Translators' preview: a changed section's heading shows its source's changed
    /// text on hover.
    pub translator: bool,
    /// Serve the pseudo-locale too (`--pseudo`).
    pub pseudo: bool,
}

/// The site being served and what the last build said.
#[derive(Default)]
struct Served {
    output: Output,
    /// Bumped at every build; pages reload when it changes.
    version: u64,
    /// The diagnostics of the last build, when it had errors.
    errors: Option<String>,
    /// With them, the flowcharts of the broken decision trees: (rules file, SVG).
    error_diagrams: Vec<(String, String)>,
    /// The last version whose background pass (search index, PDFs) is over, done or
    /// given up: until it reaches `version`, a later file may still come.
    later: u64,
}

#[derive(Default)]
struct Shared {
    served: Mutex<Served>,
    changed: Condvar,
    /// The model of the last good full build, updated by page edits. Read by the first
    /// requests while the first build renders the site from it.
    model: RwLock<Option<Compiled>>,
    /// Whether `model` holds the first build's model, before its pages are published.
    model_ready: AtomicBool,
    /// The pages served: every locale, drafts unless `--no-drafts`.
    select: Select,
    /// The file watcher, once started, and the folders outside the site's sources it
    /// watches because pages include files there (a book's `listings/`).
    watching: Mutex<Option<(notify::RecommendedWatcher, BTreeSet<PathBuf>)>>,
}

/// How long the sources must stay still before a rebuild: editors save in several
/// writes.
const SETTLE: Duration = Duration::from_millis(30);

/// What is watched from the start, below the site's root.
const WATCHED: [&str; 4] = ["content", "locales", "themes", "folio.toml"];

/// Where the reload stream and the injected script live.
const EVENTS: &str = "/__folio/events";

/// The reload script and the failed-build banner's style, as files of the server: the
/// theme's Content Security Policy refuses inline scripts and styles.
const RELOAD_JS: (&str, &str) = (
    "/__folio/reload.js",
    "new EventSource(\"/__folio/events\").onmessage = () => location.reload();\n",
);
const ERRORS_CSS: (&str, &str) = (
    "/__folio/errors.css",
    concat!(
        "#folio-errors{position:fixed;inset:auto 1rem 1rem 1rem;z-index:99;max-height:60vh;overflow:auto;background:#1c1f26;color:#ffd7d5;border:2px solid #e5534b;border-radius:8px;padding:1rem 1.2rem;font:13px/1.5 ui-monospace,monospace;white-space:pre-wrap;box-shadow:0 8px 30px rgb(0 0 0/.35)}\n#folio-errors strong{color:#fff}\n",
        // A broken tree's flowchart, on a panel of the page's scheme: the SVG's own
        // light colours, or dark ones set here whatever the theme styles (ids win).
        "#folio-errors .folio-errors-diagram{white-space:normal;margin:.8rem 0 0;padding:.6rem;border-radius:6px;overflow-x:auto;background:#fff;color:#1c2330;font:13px/1.4 system-ui,sans-serif}\n",
        "#folio-errors .folio-errors-diagram figcaption{margin:0 0 .4rem;font-weight:700}\n",
        "#folio-errors .tree-diagram{display:block;max-inline-size:none;margin:0;font-family:system-ui,sans-serif}\n",
        "#folio-errors .tree-diagram-fault .tree-diagram-line{stroke:#b42318}\n",
        "#folio-errors .tree-diagram-fault .tree-diagram-head,#folio-errors .tree-diagram-fault .tree-diagram-answer,#folio-errors .tree-diagram-question.tree-diagram-fault text{fill:#b42318}\n",
        "#folio-errors .tree-diagram-node.tree-diagram-fault .tree-diagram-box{stroke:#b42318;stroke-width:3;stroke-dasharray:6 3}\n",
        "#folio-errors [data-fault=missing] .tree-diagram-box{fill:#fdf0ef}\n",
        "@media (prefers-color-scheme:dark){",
        "#folio-errors .folio-errors-diagram{background:#12161d;color:#e4e8ef}\n",
        "#folio-errors .tree-diagram-line{stroke:#8d97a6}#folio-errors .tree-diagram-head{fill:#8d97a6}\n",
        "#folio-errors .tree-diagram-label{fill:#181d26}#folio-errors .tree-diagram-answer{fill:#b7c0cd}\n",
        "#folio-errors .tree-diagram-question .tree-diagram-box{fill:#12161d;stroke:#8d97a6}#folio-errors .tree-diagram-question text{fill:#e4e8ef}\n",
        "#folio-errors .tree-diagram-outcome .tree-diagram-box{fill:#7eb0ff;stroke:#7eb0ff}#folio-errors .tree-diagram-outcome text{fill:#12161d}\n",
        "#folio-errors .tree-diagram-critical .tree-diagram-box{fill:#ff8a80;stroke:#ff8a80}#folio-errors .tree-diagram-high .tree-diagram-box{fill:#f0b45a;stroke:#f0b45a}\n",
        "#folio-errors .tree-diagram-low .tree-diagram-box{fill:#5cc790;stroke:#5cc790}#folio-errors .tree-diagram-info .tree-diagram-box{fill:#8d97a6;stroke:#8d97a6}\n",
        "#folio-errors .tree-diagram-fault .tree-diagram-line{stroke:#ff8a80}\n",
        "#folio-errors .tree-diagram-fault .tree-diagram-head,#folio-errors .tree-diagram-fault .tree-diagram-answer,#folio-errors .tree-diagram-question.tree-diagram-fault text{fill:#ff8a80}\n",
        "#folio-errors .tree-diagram-node.tree-diagram-fault .tree-diagram-box{stroke:#ff8a80}\n",
        "#folio-errors [data-fault=missing] .tree-diagram-box{fill:#2a1517}\n",
        "}\n",
    ),
);

/// Runs until the process is stopped; returns only on a startup error.
pub fn run(options: &ServeOptions) -> Result<(), String> {
    let shared = Arc::new(Shared {
        select: Select {
            locales: Vec::new(),
            drafts: options.drafts,
            for_edits: true,
            translator: options.translator,
            pseudo: options.pseudo,
        },
        ..Shared::default()
    });
    // Watch events name absolute paths: the root must be one too.
    let root = std::fs::canonicalize(&options.root).unwrap_or_else(|_| options.root.clone());
    let listener = std::net::TcpListener::bind((options.bind, options.port))
        .map_err(|e| format!("cannot listen on {}:{}: {e}", options.bind, options.port))?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    if !options.bind.is_loopback() {
        eprintln!(
            "warning: serving on {} makes the site reachable from other machines",
            options.bind
        );
    }
    // Watching starts before the address is announced: an edit made as soon as the
    // server says it is up is never missed. The first build runs on the watcher's
    // thread, before the edits: requests meanwhile wait for its model, and a page is
    // rendered alone from it while the rest of the site renders.
    let (watcher, changes) = watch(&root)?;
    *shared.watching.lock().expect("watcher") = Some((watcher, BTreeSet::new()));
    let builder = (root.clone(), shared.clone());
    std::thread::spawn(move || build_and_follow(&builder.0, &builder.1, changes));
    println!(
        "serving {} at http://{address}/ (Ctrl-C to stop)",
        options.root.display()
    );
    http::serve(listener, http::Limits::default(), move |request| {
        answer(request, &shared)
    });
    Ok(())
}

/// After an edit: the pages it changed, re-rendered on the kept model when nothing
/// else can see the edit; otherwise the whole site. Pages come first (the reader waits
/// for them); the search index and the PDFs follow in the background, where a newer
/// rebuild makes a late pass moot.
fn rebuild(root: &Path, shared: &Arc<Shared>, changed: &[PathBuf]) {
    let started = Instant::now();
    if !changed.is_empty() && update_pages(root, shared, changed, started) {
        watch_included(root, shared);
        return;
    }
    let diagnostics = Diagnostics::new();
    let files = Collect::default();
    let mut stages = Timings::new();
    let mut compiled = build::prepare(
        root,
        &shared.select,
        &diagnostics,
        &mut stages,
        PdfStep::Later,
    );
    let first = shared.served.lock().expect("served site").version == 0;
    let render = |compiled: &Compiled, stages: &mut Timings| {
        build::render(
            compiled,
            &diagnostics,
            stages,
            PdfStep::Later,
            &|_| {},
            &files,
        )
    };
    // Before anything is served, the first requests need not wait for every page.
    let early = first && compiled.is_some() && !diagnostics.has_errors();
    if early {
        *shared.model.write().expect("model") = compiled.take();
        shared.model_ready.store(true, Ordering::SeqCst);
        drop(shared.served.lock().expect("served site"));
        shared.changed.notify_all();
        let model = shared.model.read().expect("model");
        if let Some(compiled) = model.as_ref() {
            render(compiled, &mut stages);
        }
    } else if let Some(compiled) = &compiled {
        render(compiled, &mut stages);
    }
    let failed = (!early && compiled.is_none()) || diagnostics.has_errors();
    let mut model = shared.model.write().expect("model");
    if early {
        compiled = model.take();
    }
    let pages = compiled.as_ref().map_or(0, |c| c.loaded.site.pages.len());
    let diagrams = match &compiled {
        Some(compiled) if failed => super::trees::fault_diagrams(&compiled.loaded),
        _ => Vec::new(),
    };
    *model = compiled.filter(|_| !failed);
    drop(model);
    publish(
        root,
        shared,
        diagnostics,
        diagrams,
        |served| {
            // The last search index and PDFs stay served until the background pass
            // replaces them: a file one edit old beats a 404 while the pass runs.
            let mut output = files.into_output();
            let mut previous = std::mem::take(&mut served.output);
            previous.retain(|path| later_file(path) && !output.contains(path));
            output.extend(previous);
            served.output = output;
        },
        &format!("rebuilt {pages} pages in {}", since(started)),
    );
    watch_included(root, shared);
}

/// Watches the folders of included files that lie outside the watched sources, so that
/// editing a listing renders the pages that include it again. Folders are watched
/// rather than files: editors often save by replacing the file.
fn watch_included(root: &Path, shared: &Shared) {
    let folders: BTreeSet<PathBuf> = {
        let model = shared.model.read().expect("model");
        let Some(compiled) = model.as_ref() else {
            return;
        };
        (compiled.loaded.includes.files().into_iter())
            .filter(|file| {
                !WATCHED
                    .iter()
                    .any(|top| file.starts_with(&format!("{top}/")))
            })
            .filter_map(|file| root.join(file).parent().map(Path::to_path_buf))
            .filter(|folder| folder.is_dir())
            .collect()
    };
    let mut watching = shared.watching.lock().expect("watcher");
    let Some((watcher, watched)) = watching.as_mut() else {
        return;
    };
    for folder in folders {
        if !watched.contains(&folder) {
            match watcher.watch(&folder, RecursiveMode::NonRecursive) {
                Ok(()) => {
                    watched.insert(folder);
                }
                Err(err) => eprintln!("warning: cannot watch {}: {err}", folder.display()),
            }
        }
    }
}

/// Re-renders the edited pages alone; false when the edit needs a full rebuild.
fn update_pages(root: &Path, shared: &Arc<Shared>, changed: &[PathBuf], started: Instant) -> bool {
    let mut model = shared.model.write().expect("model");
    let Some(compiled) = model.as_mut() else {
        return false;
    };
    let diagnostics = Diagnostics::new();
    let files = Collect::default();
    let Update::Pages(pages) = update::pages(root, compiled, changed, &diagnostics, &files) else {
        return false;
    };
    drop(model);
    // Another file in a folder watched for its listings: nothing to show.
    if pages.is_empty() && diagnostics.is_empty() {
        return true;
    }
    publish(
        root,
        shared,
        diagnostics,
        Vec::new(),
        |served| {
            for (path, bytes) in files.into_output().iter() {
                served.output.insert(path, bytes);
            }
        },
        &format!("updated {} page(s) in {}", pages.len(), since(started)),
    );
    true
}

fn since(started: Instant) -> String {
    format!("{:.0} ms", started.elapsed().as_secs_f64() * 1000.0)
}

/// Shows a build's outcome: its pages when it succeeded (`apply`), its errors (and
/// the `diagrams` of its broken trees) over the last good pages when it failed; then
/// reloads open pages and starts the background pass.
fn publish(
    root: &Path,
    shared: &Arc<Shared>,
    diagnostics: Diagnostics,
    diagrams: Vec<(String, String)>,
    apply: impl FnOnce(&mut Served),
    done: &str,
) {
    let failed = diagnostics.has_errors();
    let report: Vec<Diagnostic> =
        crate::diagnostic::settle_notes(diagnostics.into_sorted(), false, false);
    eprint!(
        "{}",
        diagnostic::render(&report, diagnostic::stderr_wants_color())
    );
    let version = {
        let mut served = shared.served.lock().expect("served site");
        if failed {
            let errors: Vec<Diagnostic> = report
                .into_iter()
                .filter(|d| d.severity == Severity::Error)
                .collect();
            served.errors = Some(diagnostic::render(&errors, false));
            served.error_diagrams = diagrams;
            eprintln!("build failed: still serving the last good site");
        } else {
            apply(&mut served);
            served.errors = None;
            served.error_diagrams.clear();
            eprintln!("{done}");
        }
        served.version += 1;
        if failed {
            // No background pass follows a failed build: the last one's files stay.
            served.later = served.version;
        }
        shared.changed.notify_all();
        served.version
    };
    if !failed {
        let root = root.to_path_buf();
        let shared = shared.clone();
        std::thread::spawn(move || {
            add_later_files(&root, &shared, version);
            super::allocator::release_freed_memory();
        });
    }
}

/// The search index and the PDFs, added when ready unless a newer rebuild came first.
/// They are built on threads of their own at the lowest priority, so an edit made
/// meanwhile is rendered at once.
fn add_later_files(root: &Path, shared: &Shared, version: u64) {
    // Only one of these runs at a time, and only for the newest version.
    static RUNNING: Mutex<()> = Mutex::new(());
    static BACKGROUND: std::sync::OnceLock<Option<rayon::ThreadPool>> = std::sync::OnceLock::new();
    let Ok(_running) = RUNNING.lock() else { return };
    let is_current = || {
        shared
            .served
            .lock()
            .map(|s| s.version == version)
            .unwrap_or(false)
    };
    if !is_current() {
        return;
    }
    let pool = BACKGROUND.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .start_handler(|_| lower_priority())
            .build()
            .ok()
    });
    let diagnostics = Diagnostics::new();
    // The pages were served already: only what this pass adds is kept.
    let files = Collect::only(later_file);
    let build = || {
        compile(
            root,
            &shared.select,
            &diagnostics,
            &mut Timings::new(),
            PdfStep::Render,
            &|_| {},
            &files,
        )
    };
    let compiled = match pool {
        Some(pool) => pool.install(build),
        None => build(),
    };
    let mut served = shared.served.lock().expect("served site");
    if served.version != version {
        return;
    }
    if compiled.is_some() {
        let fresh = files.into_output();
        // What the site no longer makes (a removed guide's PDF) goes.
        served
            .output
            .retain(|path| !later_file(path) || fresh.contains(path));
        served.output.extend(fresh);
    }
    served.later = version;
    shared.changed.notify_all();
}

/// How long a request for a file of the background pass waits for it: a large site's
/// PDFs take a minute.
const LATER_WAIT: Duration = Duration::from_secs(120);

/// The files the background pass makes, after the pages.
fn later_file(path: &str) -> bool {
    path.ends_with(".pdf") || path.starts_with("search/")
}

/// The calling thread yields to every other (Linux applies `nice` per thread).
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority only reads its arguments; 0 names the calling thread.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 19);
    }
}

/// Watches the site's sources; their changes come through the receiver.
fn watch(
    root: &Path,
) -> Result<
    (
        notify::RecommendedWatcher,
        std::sync::mpsc::Receiver<Vec<PathBuf>>,
    ),
    String,
> {
    let (sender, receiver) = std::sync::mpsc::channel::<Vec<PathBuf>>();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && !event.kind.is_access()
        {
            let _ = sender.send(event.paths);
        }
    })
    .map_err(|e| format!("cannot watch the site: {e}"))?;
    for entry in WATCHED {
        let path = root.join(entry);
        if path.exists() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| format!("cannot watch {}: {e}", path.display()))?;
        }
    }
    Ok((watcher, receiver))
}

/// The first build, then a rebuild after each set of `changes` settles (`SETTLE`
/// without a new one). Changes made during a build wait for it.
fn build_and_follow(
    root: &Path,
    shared: &Arc<Shared>,
    changes: std::sync::mpsc::Receiver<Vec<PathBuf>>,
) {
    rebuild(root, shared, &[]);
    super::allocator::release_freed_memory();
    while let Ok(first) = changes.recv() {
        let mut changed = first;
        while let Ok(more) = changes.recv_timeout(SETTLE) {
            changed.extend(more);
        }
        changed.sort();
        changed.dedup();
        rebuild(root, shared, &changed);
        super::allocator::release_freed_memory();
    }
}

fn answer(request: &Request, shared: &Arc<Shared>) -> Response {
    let path = request.path();
    if path == EVENTS {
        let shared = shared.clone();
        return Response::stream(200, Box::new(move |out| stream_events(out, &shared)))
            .with_header("Content-Type", "text/event-stream")
            .with_header("Cache-Control", "no-cache");
    }
    for (file, text, kind) in [
        (RELOAD_JS.0, RELOAD_JS.1, "text/javascript; charset=utf-8"),
        (ERRORS_CSS.0, ERRORS_CSS.1, "text/css; charset=utf-8"),
    ] {
        if path == file {
            return Response::new(200, text.as_bytes().to_vec())
                .with_header("Content-Type", kind)
                .with_header("Cache-Control", "no-store");
        }
    }
    let response = match output_path(path) {
        None => Response::new(400, b"bad request".to_vec()),
        Some(file) => {
            let mut served = shared.served.lock().expect("served site");
            if served.version == 0 {
                drop(served);
                if let Some(response) = early_answer(&file, shared) {
                    return response.with_header("Cache-Control", "no-store");
                }
                served = (shared.changed)
                    .wait_while(shared.served.lock().expect("served site"), |s| {
                        s.version == 0
                    })
                    .expect("served site");
            }
            if later_file(&file) && find(&served.output, &file).is_none() {
                // The search index and the PDFs come after the pages: asked for before
                // they are made (the first seconds of a preview), they are waited for
                // rather than missing.
                served = (shared.changed)
                    .wait_timeout_while(served, LATER_WAIT, |s| {
                        s.later < s.version && find(&s.output, &file).is_none()
                    })
                    .expect("served site")
                    .0;
            }
            match find(&served.output, &file) {
                Some((found, bytes)) => {
                    let body = if found.ends_with(".html") {
                        inject(bytes, &served)
                    } else {
                        bytes.to_vec()
                    };
                    Response::new(200, body).with_header("Content-Type", content_type(&found))
                }
                None => {
                    let not_found = not_found_page(&served.output, &file);
                    let body = not_found
                        .map(|b| inject(b, &served))
                        .unwrap_or_else(|| b"not found".to_vec());
                    Response::new(404, body).with_header("Content-Type", "text/html; charset=utf-8")
                }
            }
        }
    };
    response.with_header("Cache-Control", "no-store")
}

/// Before the first build's pages are published: the page (or theme file) at `file`,
/// rendered alone from the model once it is loaded. `None` for what is not a page nor
/// a theme file, or when the first build published (or failed) first.
fn early_answer(file: &str, shared: &Shared) -> Option<Response> {
    let served = shared.served.lock().expect("served site");
    let served = (shared.changed)
        .wait_while(served, |s| {
            s.version == 0 && !shared.model_ready.load(Ordering::SeqCst)
        })
        .expect("served site");
    if served.version != 0 {
        return None;
    }
    drop(served);
    let model = shared.model.read().expect("model");
    let loaded = &model.as_ref()?.loaded;
    if let Some(name) = file.strip_prefix("static/") {
        let theme_file = (loaded.theme.static_files.iter()).find(|f| f.path == name);
        let bytes = match theme_file {
            Some(theme_file) => theme_file.bytes.clone(),
            None if name == "highlight.css" => crate::highlight::stylesheet().into(),
            None => return None,
        };
        return Some(Response::new(200, bytes).with_header("Content-Type", content_type(file)));
    }
    let url = file.strip_suffix("index.html")?;
    let index = loaded.site.pages.iter().position(|p| p.url == url)?;
    let files = Collect::default();
    let diagnostics = Diagnostics::new();
    crate::render::html::render(
        &loaded.site,
        &loaded.messages,
        &loaded.theme,
        &loaded.assets,
        &model.as_ref()?.pdf_files,
        &diagnostics,
        &files,
        crate::render::html::Scope::Pages(&[index]),
    );
    let output = files.into_output();
    let html = output.get(file)?;
    Some(
        Response::new(200, inject(html, &Served::default()))
            .with_header("Content-Type", content_type(file)),
    )
}

/// A request path as an output file: `/fr/escalade/` is `fr/escalade/index.html`.
/// `None` for paths that try to leave the output (`..`, backslashes, NUL).
pub fn output_path(path: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    if decoded.contains('\\') || decoded.contains('\0') {
        return None;
    }
    let parts: Vec<&str> = decoded
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    if parts.contains(&"..") {
        return None;
    }
    let joined = parts.join("/");
    Some(if decoded.ends_with('/') || joined.is_empty() {
        format!(
            "{joined}{}index.html",
            if joined.is_empty() { "" } else { "/" }
        )
    } else {
        joined
    })
}

/// The file, or the folder's index when the path names a folder without its slash.
fn find<'a>(output: &'a Output, file: &str) -> Option<(String, &'a [u8])> {
    if let Some(bytes) = output.get(file) {
        return Some((file.to_string(), bytes));
    }
    let index = format!("{file}/index.html");
    output.get(&index).map(|bytes| (index, bytes))
}

/// The localized 404 page of the path's locale, or the root one.
fn not_found_page<'a>(output: &'a Output, file: &str) -> Option<&'a [u8]> {
    let locale = file.split('/').next().unwrap_or("");
    output
        .get(&format!("{locale}/404.html"))
        .or_else(|| output.get("404.html"))
}

/// HTML pages get the reload script, and the errors of a failed build on top.
fn inject(html: &[u8], served: &Served) -> Vec<u8> {
    let mut extra = format!("<script src=\"{}\"></script>", RELOAD_JS.0);
    if let Some(errors) = &served.errors {
        let mut escaped = String::new();
        let _ = escape_html(&mut escaped, errors);
        extra.push_str(&format!(
            "<link rel=\"stylesheet\" href=\"{}\"><div id=\"folio-errors\" role=\"alert\"><strong>The last build failed; this is the last good version.</strong>\n",
            ERRORS_CSS.0
        ));
        extra.push_str(&escaped);
        for (source, svg) in &served.error_diagrams {
            let mut caption = String::new();
            let _ = escape_html(&mut caption, source);
            extra.push_str(&format!(
                "<figure class=\"folio-errors-diagram\"><figcaption>{caption}: what parsed, the faults in red</figcaption>{svg}</figure>"
            ));
        }
        extra.push_str("</div>");
    }
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(at) => format!("{}{extra}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{extra}").into_bytes(),
    }
}

fn content_type(file: &str) -> &'static str {
    match file.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "pdf" => "application/pdf",
        "json" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// A server-sent event stream: one `reload` event per rebuild, a comment every 15 s
/// so that closed tabs are noticed. Written straight to the connection, unbuffered.
fn stream_events(out: &mut dyn Write, shared: &Shared) {
    let mut seen = shared.served.lock().map(|s| s.version).unwrap_or(0);
    // The head is out: a comment tells the browser the stream is open.
    if out
        .write_all(b": open\n\n")
        .and_then(|()| out.flush())
        .is_err()
    {
        return;
    }
    loop {
        let event = {
            let served = shared.served.lock().expect("served site");
            let (served, _) = shared
                .changed
                .wait_timeout_while(served, Duration::from_secs(15), |s| s.version == seen)
                .expect("served site");
            if served.version != seen {
                seen = served.version;
                "data: reload\n\n"
            } else {
                ": keep-alive\n\n"
            }
        };
        if out
            .write_all(event.as_bytes())
            .and_then(|()| out.flush())
            .is_err()
        {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_never_leave_the_output() {
        assert_eq!(output_path("/").as_deref(), Some("index.html"));
        assert_eq!(
            output_path("/fr/escalade/").as_deref(),
            Some("fr/escalade/index.html")
        );
        assert_eq!(
            output_path("/static/folio.css").as_deref(),
            Some("static/folio.css")
        );
        assert_eq!(output_path("/fr/../../etc/passwd"), None);
        assert_eq!(output_path("/%2e%2e/%2e%2e/etc/passwd"), None);
        assert_eq!(output_path("/..%5c..%5cwindows"), None);
        assert_eq!(output_path("/a%00b"), None);
    }
}
