//! Real-browser tests: headless Chromium driven over the DevTools protocol,
//! and a static file server that gzips like a host and counts the bytes.
//!
//! Self-contained (nothing from the rest of `support`): `benches/search_bytes.rs`
//! uses it too, through `tests/cdp/mod.rs`.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

/// The Chromium binary, or `None` (with a note) when the tests may skip.
pub fn chromium() -> Option<PathBuf> {
    for c in ["chromium", "chromium-browser", "google-chrome"] {
        for dir in std::env::var("PATH").unwrap_or_default().split(':') {
            let p = Path::new(dir).join(c);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    if std::env::var_os("CERITA_SKIP_BROWSER").is_some() {
        eprintln!("skipping: no chromium on PATH");
        return None;
    }
    panic!(
        "browser tests need Chromium (apt-get install chromium); set CERITA_SKIP_BROWSER=1 to skip"
    );
}

/// One request the server answered: path and bytes sent (body, after gzip).
#[derive(Debug, Clone)]
pub struct Hit {
    pub path: String,
    pub bytes: usize,
}

/// Serves `root` under `prefix` (e.g. `/cerita/`) on 127.0.0.1 as static
/// hosts such as Netlify do: text gzipped when asked, every response to be
/// revalidated (`max-age=0, must-revalidate`) with an `ETag`, a matching
/// `If-None-Match` answered `304` with no body. `down` makes it drop every
/// connection unanswered, as when a phone loses its signal.
pub struct StaticServer {
    pub port: u16,
    pub hits: Arc<Mutex<Vec<Hit>>>,
    pub down: Arc<std::sync::atomic::AtomicBool>,
}

impl StaticServer {
    pub fn start(root: &Path, prefix: &str) -> StaticServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let hits: Arc<Mutex<Vec<Hit>>> = Arc::default();
        let down: Arc<std::sync::atomic::AtomicBool> = Arc::default();
        let (root, prefix, h, off) = (
            root.to_path_buf(),
            prefix.to_string(),
            hits.clone(),
            down.clone(),
        );
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                if off.load(std::sync::atomic::Ordering::SeqCst) {
                    drop(stream);
                    continue;
                }
                let (root, prefix, h, off) = (root.clone(), prefix.clone(), h.clone(), off.clone());
                std::thread::spawn(move || {
                    let _ = handle(stream, &root, &prefix, &h, &off);
                });
            }
        });
        StaticServer { port, hits, down }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    pub fn take_hits(&self) -> Vec<Hit> {
        std::mem::take(&mut *self.hits.lock().unwrap())
    }
}

fn handle(
    stream: TcpStream,
    root: &Path,
    prefix: &str,
    hits: &Mutex<Vec<Hit>>,
    down: &std::sync::atomic::AtomicBool,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut stream = stream;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        if down.load(std::sync::atomic::Ordering::SeqCst) {
            return Ok(());
        }
        let target = line.split_whitespace().nth(1).unwrap_or("/").to_string();
        let mut gzip = false;
        let mut if_none_match = None;
        loop {
            let mut h = String::new();
            reader.read_line(&mut h)?;
            if h.trim().is_empty() {
                break;
            }
            let lower = h.to_ascii_lowercase();
            if lower.starts_with("accept-encoding:") && lower.contains("gzip") {
                gzip = true;
            }
            if let Some(v) = lower.strip_prefix("if-none-match:") {
                if_none_match = Some(v.trim().to_string());
            }
        }
        let path = target.split('?').next().unwrap_or("/").to_string();
        let file = path
            .strip_prefix(prefix)
            .filter(|p| !p.contains(".."))
            .map(|p| {
                let f = root.join(p);
                if f.is_dir() || p.is_empty() {
                    f.join("index.html")
                } else {
                    f
                }
            });
        let (status, body, ctype) = match file.and_then(|f| std::fs::read(&f).ok().map(|b| (f, b)))
        {
            Some((f, b)) => (200, b, content_type(&f)),
            None => (
                404,
                std::fs::read(root.join("404.html")).unwrap_or_default(),
                "text/html; charset=utf-8",
            ),
        };
        let etag = format!("\"{:016x}\"", xxhash_rust::xxh3::xxh3_64(&body));
        if status == 200 && if_none_match.as_deref() == Some(etag.as_str()) {
            hits.lock().unwrap().push(Hit {
                path: path.clone(),
                bytes: 0,
            });
            let head = format!(
                "HTTP/1.1 304 X\r\nETag: {etag}\r\nCache-Control: max-age=0, must-revalidate\r\nContent-Length: 0\r\n\r\n"
            );
            stream.write_all(head.as_bytes())?;
            continue;
        }
        let compress = gzip
            && (ctype.starts_with("text/")
                || ctype.contains("javascript")
                || ctype.contains("json")
                || ctype.contains("xml")
                || ctype.contains("svg"));
        let body = if compress {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            e.write_all(&body)?;
            e.finish()?
        } else {
            body
        };
        hits.lock().unwrap().push(Hit {
            path: path.clone(),
            bytes: body.len(),
        });
        let head = format!(
            "HTTP/1.1 {status} X\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n{}Cache-Control: max-age=0, must-revalidate\r\nETag: {etag}\r\n\r\n",
            body.len(),
            if compress {
                "Content-Encoding: gzip\r\n"
            } else {
                ""
            }
        );
        stream.write_all(head.as_bytes())?;
        stream.write_all(&body)?;
    }
}

fn content_type(p: &Path) -> &'static str {
    match p.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css",
        "js" => "text/javascript",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// How a test answers a request the browser paused (`Fetch.enable`): a
/// URL's status, content type and body, or `None` to fail it.
pub type Answerer = dyn Fn(&str) -> Option<(u16, &'static str, Vec<u8>)>;

/// Headless Chromium with one page, driven over the DevTools protocol.
pub struct Browser {
    child: Child,
    ws: WebSocket<MaybeTlsStream<TcpStream>>,
    session: String,
    next: u64,
    pub events: VecDeque<Value>,
    _profile: tempfile::TempDir,
}

impl Browser {
    pub fn launch(binary: &Path) -> Browser {
        Browser::launch_with(binary, &[])
    }

    /// [`Browser::launch`] with extra command-line switches.
    pub fn launch_with(binary: &Path, extra: &[String]) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let child = Command::new(binary)
            .args([
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--remote-debugging-port=0",
                "--hide-scrollbars",
                "--font-render-hinting=none",
            ])
            .args(extra)
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromium");
        let port_file = profile.path().join("DevToolsActivePort");
        let deadline = Instant::now() + Duration::from_secs(30);
        let text = loop {
            if let Ok(t) = std::fs::read_to_string(&port_file) {
                if t.lines().count() >= 2 {
                    break t;
                }
            }
            assert!(Instant::now() < deadline, "chromium did not start");
            std::thread::sleep(Duration::from_millis(50));
        };
        let mut lines = text.lines();
        let url = format!(
            "ws://127.0.0.1:{}{}",
            lines.next().unwrap(),
            lines.next().unwrap()
        );
        let (ws, _) = tungstenite::connect(url).expect("connect to chromium");
        if let MaybeTlsStream::Plain(s) = ws.get_ref() {
            s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        }
        let mut b = Browser {
            child,
            ws,
            session: String::new(),
            next: 0,
            events: VecDeque::new(),
            _profile: profile,
        };
        let target = b.call("Target.createTarget", json!({"url": "about:blank"}));
        let id = target["targetId"].as_str().unwrap().to_string();
        let attached = b.call(
            "Target.attachToTarget",
            json!({"targetId": id, "flatten": true}),
        );
        b.session = attached["sessionId"].as_str().unwrap().to_string();
        b.page("Page.enable", json!({}));
        b.page("Runtime.enable", json!({}));
        b
    }

    fn send(&mut self, method: &str, params: Value, session: bool) -> Value {
        match self.try_send(method, params, session) {
            Ok(v) => v,
            Err(e) => panic!("{method}: {e}"),
        }
    }

    fn try_send(&mut self, method: &str, params: Value, session: bool) -> Result<Value, Value> {
        self.next += 1;
        let id = self.next;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if session {
            msg["sessionId"] = json!(self.session);
        }
        self.ws.send(Message::Text(msg.to_string().into())).unwrap();
        loop {
            let m = self.ws.read().expect("read from chromium");
            let Message::Text(t) = m else { continue };
            let v: Value = serde_json::from_str(t.as_str()).unwrap();
            if v["id"].as_u64() == Some(id) {
                if let Some(e) = v.get("error") {
                    return Err(e.clone());
                }
                return Ok(v["result"].clone());
            }
            if v.get("method").is_some() {
                self.events.push_back(v);
            }
        }
    }

    /// A browser-level command.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        self.send(method, params, false)
    }

    /// A command to the page.
    pub fn page(&mut self, method: &str, params: Value) -> Value {
        self.send(method, params, true)
    }

    /// Evaluates JavaScript in the page (promises awaited) and returns its value.
    pub fn eval(&mut self, js: &str) -> Value {
        let r = self.page(
            "Runtime.evaluate",
            json!({"expression": js, "awaitPromise": true, "returnByValue": true}),
        );
        assert!(
            r.get("exceptionDetails").is_none(),
            "{js}: {}",
            r["exceptionDetails"]
        );
        r["result"]["value"].clone()
    }

    /// Answers the requests paused by `Fetch.enable` so far: `answer` gives
    /// a URL's status, content type and body, or `None` to fail it (as a
    /// host this machine cannot reach).
    pub fn answer_paused(&mut self, answer: &Answerer) {
        let paused: Vec<Value> = {
            let (p, rest): (Vec<Value>, Vec<Value>) = self
                .events
                .drain(..)
                .partition(|e| e["method"] == "Fetch.requestPaused");
            self.events = rest.into();
            p
        };
        use base64::Engine;
        for e in paused {
            let id = e["params"]["requestId"].clone();
            let url = e["params"]["request"]["url"].as_str().unwrap_or_default();
            match answer(url) {
                Some((status, mime, body)) => {
                    let body = base64::engine::general_purpose::STANDARD.encode(body);
                    self.page(
                        "Fetch.fulfillRequest",
                        json!({"requestId": id, "responseCode": status, "body": body,
                               "responseHeaders": [{"name": "Content-Type", "value": mime},
                                                   {"name": "Access-Control-Allow-Origin", "value": "*"}]}),
                    );
                }
                None => {
                    self.page(
                        "Fetch.failRequest",
                        json!({"requestId": id, "errorReason": "NameNotResolved"}),
                    );
                }
            }
        }
    }

    /// Waits until `js` evaluates to a truthy value; returns it.
    pub fn wait_for(&mut self, js: &str) -> Value {
        self.poll(js, None, Duration::from_secs(15))
    }

    /// [`Browser::wait_for`], answering paused requests meanwhile.
    pub fn wait_answering(&mut self, js: &str, answer: &Answerer) -> Value {
        self.poll(js, Some(answer), Duration::from_secs(30))
    }

    fn poll(&mut self, js: &str, answer: Option<&Answerer>, patience: Duration) -> Value {
        let deadline = Instant::now() + patience;
        loop {
            if let Some(answer) = answer {
                self.answer_paused(answer);
            }
            // Evaluation fails while a page is navigating: try again.
            let v = self
                .try_send(
                    "Runtime.evaluate",
                    json!({"expression": js, "awaitPromise": true, "returnByValue": true}),
                    true,
                )
                .map(|r| r["result"]["value"].clone())
                .unwrap_or(Value::Null);
            if !(v.is_null() || v == json!(false) || v == json!(0) || v == json!("")) {
                return v;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {js}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Navigates and waits for the load event.
    pub fn goto(&mut self, url: &str) {
        self.page("Page.navigate", json!({"url": url}));
        self.wait_for(&format!(
            "document.readyState === 'complete' && location.href.startsWith({})",
            json!(url.split('?').next().unwrap_or(url))
        ));
    }

    pub fn viewport(&mut self, width: u32, height: u32, mobile: bool) {
        self.screen(width, height, 1.0, mobile);
    }

    /// A screen `width`×`height` CSS pixels of `scale` device pixels each
    /// (a phone's device pixel ratio).
    pub fn screen(&mut self, width: u32, height: u32, scale: f64, mobile: bool) {
        self.page(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": scale, "mobile": mobile}),
        );
    }

    /// Types text into the focused element, as a keyboard would.
    pub fn type_text(&mut self, text: &str) {
        self.page("Input.insertText", json!({"text": text}));
    }

    /// Presses a key (e.g. "Enter", "Tab") on the focused element.
    pub fn press(&mut self, key: &str, code: &str, key_code: u32) {
        for t in ["keyDown", "keyUp"] {
            let mut p =
                json!({"type": t, "key": key, "code": code, "windowsVirtualKeyCode": key_code});
            if t == "keyDown" && key == "Enter" {
                p["text"] = json!("\r");
            }
            self.page("Input.dispatchKeyEvent", p);
        }
    }

    /// Clicks the centre of the first element matching `css`.
    pub fn click(&mut self, css: &str) {
        let r = self.eval(&format!(
            "(() => {{ const e = document.querySelector({}); e.scrollIntoView({{block: 'center'}}); const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }})()",
            json!(css)
        ));
        let (x, y) = (r[0].as_f64().unwrap(), r[1].as_f64().unwrap());
        for t in ["mousePressed", "mouseReleased"] {
            self.page(
                "Input.dispatchMouseEvent",
                json!({"type": t, "x": x, "y": y, "button": "left", "clickCount": 1}),
            );
        }
    }

    pub fn screenshot(&mut self, path: &Path) {
        let r = self.page(
            "Page.captureScreenshot",
            json!({"format": "png", "captureBeyondViewport": false}),
        );
        let data = r["data"].as_str().unwrap();
        use base64::Engine;
        let png = base64::engine::general_purpose::STANDARD
            .decode(data)
            .unwrap();
        std::fs::write(path, png).unwrap();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
