//! A small Chrome DevTools Protocol client for the browser tests, in place of the
//! headless_chrome crate, whose WebSocket reader held the connection's lock while a read
//! waited for up to 100 ms, so that every command waited about that long
//! (rust-headless-chrome issue #446). Chromium runs headless with
//! `--remote-debugging-pipe`: commands go out as NUL-terminated JSON on its fd 3 and
//! replies and events come back on its fd 4, so no WebSocket is needed at all. One
//! thread owns the read side and hands each reply to the caller waiting on that
//! command's id, and each event to the listeners of its tab's session (flattened
//! sessions: `Target.attachToTarget` with `flatten`); writers share only the write
//! side's mutex. A call then costs what Chromium takes to answer, about a millisecond.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, PipeWriter, Write};
use std::os::fd::AsRawFd;
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{Value, json};

/// How long a command may take: axe on a long page and printing run for seconds.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(60);

/// How long a load or an awaited element may take.
const WAIT_TIMEOUT: Duration = Duration::from_secs(10);

/// How often an awaited element is looked for: a look is a millisecond's work.
const POLL: Duration = Duration::from_millis(10);

/// Chromium's error for a command, a script's uncaught exception, or a timeout.
pub struct Error(String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

// `unwrap` shows the message as it is, not escaped inside a struct.
impl std::fmt::Debug for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

type Reply = Result<Value, Error>;
type Listener = Box<dyn FnMut(&str, &Value) + Send>;

/// The pipe to one Chromium, shared by the browser, its tabs and the reader thread.
struct Connection {
    writer: Mutex<PipeWriter>,
    next_id: AtomicU64,
    /// Callers waiting for a reply, by command id; `None` once Chromium is gone, so
    /// that a later call fails at once instead of waiting out its timeout.
    waiting: Mutex<Option<HashMap<u64, Sender<Reply>>>>,
    /// Event listeners by session id ("" for the browser's own events), with an id each
    /// so that a subscription can leave.
    listeners: Mutex<HashMap<String, Vec<(u64, Listener)>>>,
}

impl Connection {
    fn call(&self, session: Option<&str>, method: &str, params: Value) -> Reply {
        let (id, reply) = self.send(session, method, params)?;
        match reply.recv_timeout(COMMAND_TIMEOUT) {
            Ok(reply) => reply.map_err(|Error(e)| Error(format!("{method}: {e}"))),
            Err(RecvTimeoutError::Timeout) => {
                self.forget(id);
                Err(Error(format!("{method}: no reply in {COMMAND_TIMEOUT:?}")))
            }
            Err(RecvTimeoutError::Disconnected) => {
                Err(Error(format!("{method}: Chromium exited before replying")))
            }
        }
    }

    /// Writes the command; its reply will come on the receiver.
    fn send(
        &self,
        session: Option<&str>,
        method: &str,
        params: Value,
    ) -> Result<(u64, Receiver<Reply>), Error> {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let (sender, reply) = mpsc::channel();
        match self.waiting.lock().unwrap().as_mut() {
            Some(waiting) => waiting.insert(id, sender),
            None => return Err(Error(format!("{method}: Chromium has exited"))),
        };
        let mut message = json!({ "id": id, "method": method, "params": params });
        if let Some(session) = session {
            message["sessionId"] = session.into();
        }
        let mut bytes = serde_json::to_vec(&message).expect("a command serialises");
        bytes.push(0);
        let written = self.writer.lock().unwrap().write_all(&bytes);
        if let Err(e) = written {
            self.forget(id);
            return Err(Error(format!("{method}: writing to Chromium: {e}")));
        }
        Ok((id, reply))
    }

    fn forget(&self, id: u64) {
        if let Some(waiting) = self.waiting.lock().unwrap().as_mut() {
            waiting.remove(&id);
        }
    }

    fn listen(&self, session: &str, listener: Listener) -> u64 {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let mut listeners = self.listeners.lock().unwrap();
        listeners
            .entry(session.to_string())
            .or_default()
            .push((id, listener));
        id
    }

    fn unlisten(&self, session: &str, id: u64) {
        if let Some(list) = self.listeners.lock().unwrap().get_mut(session) {
            list.retain(|(each, _)| *each != id);
        }
    }

    /// The reader thread's loop, until Chromium closes its end.
    fn read(&self, from: impl std::io::Read) {
        let mut from = BufReader::new(from);
        let mut buffer = Vec::new();
        loop {
            buffer.clear();
            match from.read_until(0, &mut buffer) {
                Ok(0) | Err(_) => break,
                Ok(_) => {}
            }
            if buffer.last() == Some(&0) {
                buffer.pop();
            }
            let Ok(mut message) = serde_json::from_slice::<Value>(&buffer) else {
                continue;
            };
            if let Some(id) = message["id"].as_u64() {
                let sender = (self.waiting.lock().unwrap().as_mut()).and_then(|w| w.remove(&id));
                if let Some(sender) = sender {
                    let reply = match message.get("error") {
                        Some(error) => Err(Error(match error["data"].as_str() {
                            Some(data) => format!("{} ({data})", error["message"]),
                            None => error["message"].to_string(),
                        })),
                        None => Ok(message["result"].take()),
                    };
                    let _ = sender.send(reply);
                }
            } else if let Some(method) = message["method"].as_str() {
                let session = message["sessionId"].as_str().unwrap_or_default();
                if let Some(list) = self.listeners.lock().unwrap().get_mut(session) {
                    for (_, listener) in list.iter_mut() {
                        listener(method, &message["params"]);
                    }
                }
            }
        }
        // Every waiting caller's sender goes with the map: they learn at once.
        *self.waiting.lock().unwrap() = None;
    }
}

/// A headless Chromium with its own temporary profile, killed when dropped.
pub struct Browser {
    child: Child,
    connection: Arc<Connection>,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Starts `program` headless with `args` besides the ones this client needs.
    pub fn launch(program: &str, args: &[&str]) -> Result<Browser, Error> {
        let io = |e: std::io::Error| Error(format!("starting {program}: {e}"));
        let profile = tempfile::Builder::new()
            .prefix("folio-chromium")
            .tempdir()
            .map_err(io)?;
        // Both pipes are close-on-exec; only the copies made at fds 3 and 4 in the child
        // reach Chromium.
        let (from_chromium, chromium_writes) = std::io::pipe().map_err(io)?;
        let (chromium_reads, to_chromium) = std::io::pipe().map_err(io)?;
        let (reads, writes) = (chromium_reads.as_raw_fd(), chromium_writes.as_raw_fd());
        let mut command = Command::new(program);
        command
            .arg("--headless")
            .arg("--remote-debugging-pipe")
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .args(args)
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        // SAFETY: between fork and exec only async-signal-safe calls (fcntl, dup2). The
        // pipe ends are first copied above fd 9, so that putting one at 3 cannot close
        // the other if it happened to be there.
        unsafe {
            command.pre_exec(move || {
                let high_reads = libc::fcntl(reads, libc::F_DUPFD_CLOEXEC, 10);
                let high_writes = libc::fcntl(writes, libc::F_DUPFD_CLOEXEC, 10);
                if high_reads < 0
                    || high_writes < 0
                    || libc::dup2(high_reads, 3) < 0
                    || libc::dup2(high_writes, 4) < 0
                {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = command.spawn().map_err(io)?;
        // Chromium's ends now live in Chromium alone: its exit closes the pipe.
        drop((chromium_reads, chromium_writes));
        let connection = Arc::new(Connection {
            writer: Mutex::new(to_chromium),
            next_id: AtomicU64::new(1),
            waiting: Mutex::new(Some(HashMap::new())),
            listeners: Mutex::new(HashMap::new()),
        });
        let reader = connection.clone();
        std::thread::spawn(move || reader.read(from_chromium));
        let browser = Browser {
            child,
            connection,
            _profile: profile,
        };
        // The first reply says Chromium is up (and that it speaks on the pipe).
        browser
            .connection
            .call(None, "Browser.getVersion", json!({}))?;
        Ok(browser)
    }

    /// A new tab on `about:blank`, attached as a flattened session.
    pub fn new_tab(&self) -> Result<Tab, Error> {
        let target =
            (self.connection).call(None, "Target.createTarget", json!({ "url": "about:blank" }))?;
        let attached = self.connection.call(
            None,
            "Target.attachToTarget",
            json!({ "targetId": target["targetId"], "flatten": true }),
        )?;
        let session = (attached["sessionId"].as_str())
            .ok_or_else(|| Error(format!("no session in {attached}")))?
            .to_string();
        let tab = Tab {
            connection: self.connection.clone(),
            target: target["targetId"].clone(),
            session,
        };
        tab.call("Page.enable", json!({}))?;
        tab.call("Page.setLifecycleEventsEnabled", json!({ "enabled": true }))?;
        Ok(tab)
    }
}

impl Drop for Browser {
    /// Asks Chromium to close, so that its helper processes are gone and the profile
    /// can be removed (a kill alone left it in the temporary folder), and kills it if
    /// it has not exited within 5 s.
    fn drop(&mut self) {
        if self
            .connection
            .send(None, "Browser.close", json!({}))
            .is_ok()
        {
            let deadline = Instant::now() + Duration::from_secs(5);
            while Instant::now() < deadline && matches!(self.child.try_wait(), Ok(None)) {
                std::thread::sleep(POLL);
            }
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One tab: a flattened session on the browser's pipe.
pub struct Tab {
    connection: Arc<Connection>,
    target: Value,
    session: String,
}

/// A tab's events, from the moment of subscribing until dropped.
struct Events<'a> {
    tab: &'a Tab,
    id: u64,
    events: Receiver<(String, Value)>,
}

impl Drop for Events<'_> {
    fn drop(&mut self) {
        self.tab.connection.unlisten(&self.tab.session, self.id);
    }
}

/// An element found by a selector, by its backend node id (valid while it lives).
pub struct Element<'a> {
    tab: &'a Tab,
    pub backend_node_id: i64,
}

impl Tab {
    /// Any DevTools command on this tab; its result.
    pub fn call(&self, method: &str, params: Value) -> Result<Value, Error> {
        self.connection.call(Some(&self.session), method, params)
    }

    /// Calls `listener` with each event's method and parameters, on the reader thread
    /// (it must not call into the tab).
    pub fn listen(&self, listener: impl FnMut(&str, &Value) + Send + 'static) {
        self.connection.listen(&self.session, Box::new(listener));
    }

    fn subscribe(&self) -> Events<'_> {
        let (sender, events) = mpsc::channel();
        let id = self.connection.listen(
            &self.session,
            Box::new(move |method, params| {
                let _ = sender.send((method.to_string(), params.clone()));
            }),
        );
        Events {
            tab: self,
            id,
            events,
        }
    }

    /// The value of `js` (JSON, `Null` for undefined); an uncaught exception is an
    /// error. With `await_promise`, a promise's result.
    pub fn evaluate(&self, js: &str, await_promise: bool) -> Result<Value, Error> {
        let reply = self.call(
            "Runtime.evaluate",
            json!({ "expression": js, "returnByValue": true, "awaitPromise": await_promise }),
        )?;
        if let Some(details) = reply.get("exceptionDetails") {
            let thrown = &details["exception"]["description"];
            return Err(Error(format!(
                "{}{}",
                details["text"].as_str().unwrap_or("exception"),
                thrown
                    .as_str()
                    .map(|d| format!(": {d}"))
                    .unwrap_or_default()
            )));
        }
        Ok(reply["result"].get("value").cloned().unwrap_or(Value::Null))
    }

    /// Opens `url` and waits for its load event; a change of fragment alone loads
    /// nothing and returns at once. Not for network quiet (headless_chrome's
    /// `networkAlmostIdle`), which Chromium only calls after 500 ms without requests:
    /// what a page fetches later, the tests wait for by what it shows.
    pub fn navigate_to(&self, url: &str) -> Result<(), Error> {
        let events = self.subscribe();
        let sent = self.call("Page.navigate", json!({ "url": url }))?;
        if let Some(failure) = sent["errorText"].as_str().filter(|t| !t.is_empty()) {
            return Err(Error(format!("{url}: {failure}")));
        }
        match sent["loaderId"].as_str() {
            Some(loader) => self.wait_for_load(&events, &sent["frameId"], |l| l == loader),
            None => Ok(()),
        }
    }

    /// Reloads the page and waits for the new document's load event.
    pub fn reload(&self) -> Result<(), Error> {
        let events = self.subscribe();
        let tree = self.call("Page.getFrameTree", json!({}))?;
        let frame = &tree["frameTree"]["frame"];
        let before = frame["loaderId"].as_str().unwrap_or_default().to_string();
        self.call("Page.reload", json!({ "ignoreCache": false }))?;
        self.wait_for_load(&events, &frame["id"], |l| l != before)
    }

    fn wait_for_load(
        &self,
        events: &Events,
        frame: &Value,
        loader: impl Fn(&str) -> bool,
    ) -> Result<(), Error> {
        let deadline = Instant::now() + WAIT_TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let (method, params) = events
                .events
                .recv_timeout(left)
                .map_err(|_| Error(format!("no load event within {WAIT_TIMEOUT:?}")))?;
            if method == "Page.lifecycleEvent"
                && params["name"] == "load"
                && &params["frameId"] == frame
                && params["loaderId"].as_str().is_some_and(&loader)
            {
                return Ok(());
            }
        }
    }

    /// The tab's address (kept up by `pushState` too). Asked of the browser, not the
    /// page, which cannot answer while a navigation replaces its document.
    pub fn get_url(&self) -> Result<String, Error> {
        let info = self.connection.call(
            None,
            "Target.getTargetInfo",
            json!({ "targetId": self.target }),
        )?;
        Ok(info["targetInfo"]["url"]
            .as_str()
            .unwrap_or_default()
            .to_string())
    }

    /// The first element matching `selector`, or an error if there is none.
    pub fn find_element(&self, selector: &str) -> Result<Element<'_>, Error> {
        let mut found = self.find_elements(selector)?;
        match found.is_empty() {
            true => Err(Error(format!("no element matches {selector}"))),
            false => Ok(found.swap_remove(0)),
        }
    }

    /// Every element matching `selector`, in document order (DOM domain: works with
    /// scripts disabled).
    pub fn find_elements(&self, selector: &str) -> Result<Vec<Element<'_>>, Error> {
        let document = self.call("DOM.getDocument", json!({ "depth": 0 }))?;
        let matched = self.call(
            "DOM.querySelectorAll",
            json!({ "nodeId": document["root"]["nodeId"], "selector": selector }),
        )?;
        let mut elements = Vec::new();
        for node in matched["nodeIds"].as_array().into_iter().flatten() {
            let described = self.call("DOM.describeNode", json!({ "nodeId": node }))?;
            elements.push(Element {
                tab: self,
                backend_node_id: described["node"]["backendNodeId"].as_i64().unwrap_or(0),
            });
        }
        Ok(elements)
    }

    /// Waits for an element to match `selector`, looking every 10 ms for 10 s.
    pub fn wait_for_element(&self, selector: &str) -> Result<Element<'_>, Error> {
        let deadline = Instant::now() + WAIT_TIMEOUT;
        loop {
            // A look may fail while a document is replaced: only the deadline ends it.
            let error = match self.find_element(selector) {
                Ok(element) => return Ok(element),
                Err(error) => error,
            };
            if Instant::now() >= deadline {
                return Err(Error(format!(
                    "waited {WAIT_TIMEOUT:?} for {selector} ({error})"
                )));
            }
            std::thread::sleep(POLL);
        }
    }

    /// A key pressed and released, as US keyboards send it: "Enter", "Tab", " ",
    /// "Escape", "Backspace", arrows, Home, End, a letter or a digit.
    pub fn press_key(&self, name: &str) -> Result<(), Error> {
        let key = Key::named(name).ok_or_else(|| Error(format!("no key named {name:?}")))?;
        // A key that types text sends `keyDown`, one that does not `rawKeyDown`
        // (as Chromium's own input does, and puppeteer).
        let down = if key.text.is_some() {
            "keyDown"
        } else {
            "rawKeyDown"
        };
        for kind in [down, "keyUp"] {
            let mut event = json!({
                "type": kind, "key": key.key, "code": key.code,
                "windowsVirtualKeyCode": key.key_code, "nativeVirtualKeyCode": key.key_code,
            });
            if let Some(text) = &key.text {
                event["text"] = text.as_str().into();
            }
            self.call("Input.dispatchKeyEvent", event)?;
        }
        Ok(())
    }

    /// Types `text` key by key; a character no US key types is inserted as text.
    pub fn type_str(&self, text: &str) -> Result<(), Error> {
        let mut buffer = [0; 4];
        for c in text.chars() {
            let c = c.encode_utf8(&mut buffer);
            match Key::named(c) {
                Some(_) => self.press_key(c)?,
                None => {
                    self.call("Input.insertText", json!({ "text": c }))?;
                }
            }
        }
        Ok(())
    }

    pub fn move_mouse_to(&self, x: f64, y: f64) -> Result<(), Error> {
        self.call(
            "Input.dispatchMouseEvent",
            json!({ "type": "mouseMoved", "x": x, "y": y }),
        )?;
        Ok(())
    }

    /// The mouse moved to the point, then its left button pressed and released there.
    pub fn click_point(&self, x: f64, y: f64) -> Result<(), Error> {
        self.move_mouse_to(x, y)?;
        for kind in ["mousePressed", "mouseReleased"] {
            self.call(
                "Input.dispatchMouseEvent",
                json!({ "type": kind, "x": x, "y": y, "button": "left", "clickCount": 1 }),
            )?;
        }
        Ok(())
    }

    /// The page printed to PDF (`Page.printToPDF` with `options`): the file's bytes.
    pub fn print_to_pdf(&self, options: Value) -> Result<Vec<u8>, Error> {
        let printed = self.call("Page.printToPDF", options)?;
        let data = printed["data"].as_str().unwrap_or_default();
        (base64::engine::general_purpose::STANDARD.decode(data))
            .map_err(|e| Error(format!("Page.printToPDF: {e}")))
    }
}

impl Element<'_> {
    /// The centre of the element's first content quad, in the window's pixels.
    pub fn midpoint(&self) -> Result<(f64, f64), Error> {
        let quads = self.tab.call(
            "DOM.getContentQuads",
            json!({ "backendNodeId": self.backend_node_id }),
        )?;
        let quad = &quads["quads"][0];
        let at = |i: usize| quad[i].as_f64();
        match (at(0), at(1), at(4), at(5)) {
            (Some(left), Some(top), Some(right), Some(bottom)) => {
                Ok(((left + right) / 2.0, (top + bottom) / 2.0))
            }
            _ => Err(Error(format!("the element is not rendered: {quads}"))),
        }
    }

    pub fn scroll_into_view(&self) -> Result<(), Error> {
        self.tab.call(
            "DOM.scrollIntoViewIfNeeded",
            json!({ "backendNodeId": self.backend_node_id }),
        )?;
        Ok(())
    }

    /// The element's attributes as name, value pairs.
    pub fn attributes(&self) -> Result<Vec<(String, String)>, Error> {
        let described = self.tab.call(
            "DOM.describeNode",
            json!({ "backendNodeId": self.backend_node_id }),
        )?;
        let flat: Vec<String> = (described["node"]["attributes"].as_array())
            .into_iter()
            .flatten()
            .map(|a| a.as_str().unwrap_or_default().to_string())
            .collect();
        Ok(flat
            .chunks(2)
            .map(|pair| (pair[0].clone(), pair.get(1).cloned().unwrap_or_default()))
            .collect())
    }
}

/// What `Input.dispatchKeyEvent` needs of a key.
struct Key {
    key: String,
    code: String,
    key_code: u32,
    text: Option<String>,
}

impl Key {
    fn named(name: &str) -> Option<Key> {
        let (key, code, key_code, text) = match name {
            "Enter" => ("Enter", "Enter", 13, Some("\r")),
            "Tab" => ("Tab", "Tab", 9, None),
            " " => (" ", "Space", 32, Some(" ")),
            "Escape" => ("Escape", "Escape", 27, None),
            "Backspace" => ("Backspace", "Backspace", 8, None),
            "Home" => ("Home", "Home", 36, None),
            "End" => ("End", "End", 35, None),
            "ArrowLeft" => ("ArrowLeft", "ArrowLeft", 37, None),
            "ArrowUp" => ("ArrowUp", "ArrowUp", 38, None),
            "ArrowRight" => ("ArrowRight", "ArrowRight", 39, None),
            "ArrowDown" => ("ArrowDown", "ArrowDown", 40, None),
            _ => {
                let mut chars = name.chars();
                let (Some(c), None) = (chars.next(), chars.next()) else {
                    return None;
                };
                let code = match c {
                    'a'..='z' | 'A'..='Z' => format!("Key{}", c.to_ascii_uppercase()),
                    '0'..='9' => format!("Digit{c}"),
                    _ => return None,
                };
                return Some(Key {
                    key: name.to_string(),
                    code,
                    key_code: c.to_ascii_uppercase() as u32,
                    text: Some(name.to_string()),
                });
            }
        };
        Some(Key {
            key: key.to_string(),
            code: code.to_string(),
            key_code,
            text: text.map(str::to_string),
        })
    }
}
