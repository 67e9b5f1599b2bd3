//! `cerita serve` started the way a writer starts it: the real binary on a
//! free port, reached over raw HTTP, killed when dropped.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::CERITA;
use super::site::{TestSite, files_under, stderr};

/// A running `cerita serve`, stopped (killed) on drop.
pub struct Serve {
    pub child: Child,
    /// Where it serves the site, as it printed it (`http://127.0.0.1:PORT/`).
    pub url: String,
    /// `127.0.0.1:PORT`.
    pub addr: String,
    /// The server's stdout lines after the "serving" line.
    pub log: mpsc::Receiver<String>,
    /// Its stderr lines (diagnostics).
    pub err: mpsc::Receiver<String>,
}

impl Serve {
    /// `cerita serve --port 0 --root ROOT`, once it says where it serves.
    // The child is reaped by `Drop`; a panic before that ends the test process anyway.
    #[allow(clippy::zombie_processes)]
    pub fn start(root: &Path) -> Serve {
        Serve::start_with(root, &[])
    }

    /// [`Serve::start`] with more arguments (`--cms`).
    #[allow(clippy::zombie_processes)]
    pub fn start_with(root: &Path, extra: &[&str]) -> Serve {
        let mut child = Command::new(CERITA)
            // `--timings`: each rebuild's phases, after its report line
            // (the serve tests read them from `log`).
            .args(["serve", "--port", "0", "--timings", "--root"])
            .arg(root)
            .args(extra)
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Read to the end even when nobody listens, so the server never
        // blocks on a full pipe.
        fn lines(from: impl std::io::Read + Send + 'static) -> mpsc::Receiver<String> {
            let (tx, rx) = mpsc::channel();
            std::thread::spawn(move || {
                for line in BufReader::new(from).lines().map_while(Result::ok) {
                    let _ = tx.send(line);
                }
            });
            rx
        }
        let rx = lines(child.stdout.take().unwrap());
        let err = lines(child.stderr.take().unwrap());
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let line = rx
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                .expect("serve did not start");
            if let Some(i) = line.find("http://") {
                let url = line[i..].split_whitespace().next().unwrap().to_string();
                let addr = url["http://".len()..]
                    .split('/')
                    .next()
                    .unwrap()
                    .to_string();
                return Serve {
                    child,
                    url,
                    addr,
                    log: rx,
                    err,
                };
            }
        }
    }

    /// A raw HTTP/1.1 GET: the path is sent exactly as given.
    pub fn get(&self, path: &str) -> (u16, String, Vec<u8>) {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        )
        .unwrap();
        let mut buf = Vec::new();
        s.read_to_end(&mut buf).unwrap();
        let split = buf.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        let head = String::from_utf8_lossy(&buf[..split]).to_string();
        let status: u16 = head.split_whitespace().nth(1).unwrap().parse().unwrap();
        (status, head, buf[split + 4..].to_vec())
    }

    /// A GET's status and body as text.
    pub fn text(&self, path: &str) -> (u16, String) {
        let (status, _, body) = self.get(path);
        (status, String::from_utf8_lossy(&body).to_string())
    }

    /// Subscribes to the event stream; events arrive on the returned channel as (name, data).
    pub fn events(&self) -> mpsc::Receiver<(String, String)> {
        self.events_of("/__cerita/events")
    }

    /// [`Serve::events`] as a tab showing `page` (a URL path) subscribes,
    /// naming its page the way the live-reload script does.
    pub fn events_on(&self, page: &str) -> mpsc::Receiver<(String, String)> {
        let page: String = page
            .bytes()
            .map(|b| match b {
                b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect();
        self.events_of(&format!("/__cerita/events?page={page}"))
    }

    fn events_of(&self, target: &str) -> mpsc::Receiver<(String, String)> {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        // HTTP/1.0: the stream comes unchunked, one line per line.
        write!(
            s,
            "GET {target} HTTP/1.0\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
            self.addr
        )
        .unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut name = String::new();
            for line in BufReader::new(s).lines().map_while(Result::ok) {
                if let Some(n) = line.strip_prefix("event: ") {
                    name = n.to_string();
                } else if let Some(d) = line.strip_prefix("data: ") {
                    if tx.send((name.clone(), d.to_string())).is_err() {
                        return;
                    }
                }
            }
        });
        rx
    }
}

impl Serve {
    /// Every file `cerita build` writes for `site` is served, byte for byte
    /// (but for the live-reload script the server adds to pages, and the
    /// offline reading worker, which the preview replaces with one that
    /// removes itself).
    #[track_caller]
    pub fn assert_same_as_build(&self, site: &TestSite) {
        self.assert_same_as_build_with(site, &[]);
    }

    /// [`Serve::assert_same_as_build`] against `cerita build` with more
    /// arguments (those the server was started with: `--drafts`).
    #[track_caller]
    pub fn assert_same_as_build_with(&self, site: &TestSite, extra: &[&str]) {
        let out = tempfile::tempdir().unwrap();
        let built = out.path().join("public");
        let mut args = vec!["build", "--output", built.to_str().unwrap()];
        args.extend(extra);
        let o = site.cerita(&args);
        assert!(o.status.success(), "{}", stderr(&o));
        let files = files_under(&built);
        assert!(files.len() > 20);
        for f in files.iter().filter(|f| *f != ".cerita" && *f != "sw.js") {
            let (status, _, body) = self.get(&format!("/{f}"));
            assert_eq!(status, 200, "{f}");
            let got = if f.ends_with(".html") {
                String::from_utf8_lossy(&body)
                    .replace("<script src=\"/__cerita/live.js\"></script>", "")
                    .into_bytes()
            } else {
                body
            };
            assert!(
                got == std::fs::read(built.join(f)).unwrap(),
                "{f} differs from `cerita build`"
            );
        }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Serve {
    /// The diagnostics printed since the last call, once a rebuild has
    /// reported (they are printed before its report line).
    pub fn diagnostics(&self) -> String {
        let mut out = String::new();
        while let Ok(line) = self.err.recv_timeout(Duration::from_millis(200)) {
            out.push_str(&line);
            out.push('\n');
        }
        out
    }
}

/// Waits for the next event named `want`, skipping others.
#[track_caller]
pub fn next_event(rx: &mpsc::Receiver<(String, String)>, want: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let Ok((name, data)) = rx.recv_timeout(deadline.saturating_duration_since(Instant::now()))
        else {
            panic!("no `{want}` event");
        };
        if name == want {
            return data;
        }
    }
}

/// Editors and file systems need a moment; the watcher settles bursts.
pub fn settle() {
    std::thread::sleep(Duration::from_millis(150));
}
