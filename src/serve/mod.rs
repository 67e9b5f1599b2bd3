//! `cerita serve`: build into memory, serve over HTTP, watch the site and
//! rebuild incrementally, and tell open tabs to reload (or show the error)
//! over Server-Sent Events. It never writes to the site folder or `public/`.
//!
//! The same pipeline as `build` runs here ([`session`]); [`classify`] turns
//! file events into a rebuild plan; [`http`] serves the last good output.

pub mod classify;
pub mod http;
pub mod session;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};
use serde_json::json;

use crate::error::{Error, Result};
use classify::{Plan, classify};
use http::Shared;
use session::{Outcome, Session};
use session::{SearchFiles, search_files, with_search};

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    pub drafts: bool,
}

/// Something for the terminal: the binary decides how to print it.
#[derive(Debug)]
pub enum Report {
    Listening(SocketAddr, String),
    Built(Outcome),
    Failed(Error),
}

/// How long the watcher waits for an editor's burst of events to settle.
const SETTLE: Duration = Duration::from_millis(25);
const MAX_WAIT: Duration = Duration::from_millis(250);
/// The search index is rebuilt once changes have paused this long.
const SEARCH_QUIET: Duration = Duration::from_millis(1000);

fn errors_payload(e: &Error) -> serde_json::Value {
    let list: Vec<serde_json::Value> = match e {
        Error::Content(d) => d
            .iter()
            .filter(|d| d.is_error())
            .map(|d| json!({"text": d.render(false), "path": d.path, "line": d.line, "col": d.col, "message": d.message}))
            .collect(),
        other => vec![json!({"text": other.to_string(), "message": other.to_string()})],
    };
    json!(list)
}

/// Runs the server until Ctrl-C. `report` receives everything worth printing.
pub fn serve(opts: ServeOptions, report: impl Fn(Report) + Send + Sync + 'static) -> Result<()> {
    let report = Arc::new(report);
    let root = opts
        .root
        .canonicalize()
        .map_err(|e| Error::io(&opts.root, "open the site folder", e))?;
    let mut session = Session::new(&root, opts.drafts);
    let nonce = time::OffsetDateTime::now_utc().unix_timestamp_nanos();
    let mut build_no: u64 = 0;
    let build_id = move |n: u64| format!("{nonce:x}-{n}");
    let first = session.rebuild_all();
    let (tx, _) = tokio::sync::broadcast::channel(64);
    let status = match &first {
        Ok(_) => json!({"build": build_id(0), "errors": []}).to_string(),
        Err(e) => json!({"build": build_id(0), "errors": errors_payload(e)}).to_string(),
    };
    let shared = Arc::new(Shared {
        output: std::sync::RwLock::new(session.output.clone()),
        status: std::sync::RwLock::new(status),
        events: tx,
    });
    match first {
        Ok(o) => report(Report::Built(o)),
        Err(e) => report(Report::Failed(e)),
    }

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::Other(format!("cannot start the server runtime: {e}")))?;
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind((opts.bind, opts.port)))
        .map_err(|e| Error::Other(format!("cannot listen on {}:{}: {e}", opts.bind, opts.port)))?;
    let addr = listener
        .local_addr()
        .map_err(|e| Error::Other(e.to_string()))?;
    // Ctrl-C is caught from before the address is announced: a signal that
    // arrives once a client can connect always stops the server cleanly.
    let stop = runtime.block_on(async { stop_signal() })?;
    let base = session
        .config()
        .map_or_else(|| "/".to_string(), |c| c.base_path.clone());
    report(Report::Listening(addr, format!("http://{addr}{base}")));

    // Watcher thread: events → settle → plan → rebuild → publish.
    let (ev_tx, ev_rx) = mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(ev_tx)
        .map_err(|e| Error::Other(format!("cannot watch files: {e}")))?;
    watcher
        .watch(&root, RecursiveMode::Recursive)
        .map_err(|e| Error::Other(format!("cannot watch {}: {e}", root.display())))?;
    // Search worker: builds the index of the newest model, after
    // SEARCH_QUIET without changes, off the watcher
    // thread, so a save is never queued behind it; publishes it into the
    // served output if no newer model wants a different index, and leaves
    // it for the session to adopt.
    // The model to index waits in `pending`, not in the channel (which only
    // says "a new one is there"): while the worker waits for quiet it holds
    // no model, so the next edit can patch the current one in place.
    let (search_tx, search_rx) = mpsc::channel::<()>();
    type Pending = Option<(u64, Arc<crate::model::Site>, String)>;
    let pending: Arc<std::sync::Mutex<Pending>> = Arc::default();
    let wanted: Arc<std::sync::Mutex<Option<u64>>> = Arc::default();
    let ready: Arc<std::sync::Mutex<Option<(u64, SearchFiles)>>> = Arc::default();
    {
        let (shared, wanted, ready, pending) = (
            shared.clone(),
            wanted.clone(),
            ready.clone(),
            pending.clone(),
        );
        std::thread::spawn(move || {
            while search_rx.recv().is_ok() {
                // Wait for a quiet moment: while a writer saves again and
                // again, rebuilds get the CPU and the index follows once.
                while search_rx.recv_timeout(SEARCH_QUIET).is_ok() {}
                let Some((key, site, id)) = pending.lock().ok().and_then(|mut p| p.take()) else {
                    continue;
                };
                let files = search_files(&site);
                drop(site);
                let current = wanted.lock().ok().and_then(|w| *w) == Some(key);
                if !current {
                    continue;
                }
                // Ready first: a rebuild publishing meanwhile then adopts it.
                if let Ok(mut r) = ready.lock() {
                    *r = Some((key, files.clone()));
                }
                if let Ok(mut o) = shared.output.write() {
                    *o = Arc::new(with_search(&o, &files));
                }
                let _ = shared
                    .events
                    .send(("search".into(), json!({"build": id}).to_string()));
            }
        });
    }

    let shared_w = shared.clone();
    let report_w = report.clone();
    let ready_w = ready.clone();
    let pending_w = pending.clone();
    std::thread::spawn(move || {
        let _keep = watcher;
        while let Ok(first) = ev_rx.recv() {
            if !first.as_ref().is_ok_and(is_change) {
                continue;
            }
            let mut events = vec![first];
            let started = Instant::now();
            while let Ok(ev) = ev_rx.recv_timeout(SETTLE) {
                events.push(ev);
                if started.elapsed() > MAX_WAIT {
                    break;
                }
            }
            let theme = session
                .config()
                .map_or_else(|| "default".to_string(), |c| c.theme.clone());
            let changes = events
                .into_iter()
                .filter_map(Result::ok)
                .filter(is_change)
                .flat_map(|e| e.paths)
                .filter_map(|p| p.strip_prefix(&root).ok().map(Path::to_path_buf))
                .map(|p| classify(&p, &theme));
            let plan = Plan::from_changes(changes);
            if plan.is_empty() {
                continue;
            }
            if let Some((key, files)) = ready_w.lock().ok().and_then(|mut r| r.take()) {
                session.adopt_search(key, files);
            }
            // A model still waiting to be indexed is about to be replaced.
            if let Ok(mut p) = pending_w.lock() {
                *p = None;
            }
            match session.apply(&plan) {
                Ok(outcome) => {
                    build_no += 1;
                    if let Ok(mut o) = shared_w.output.write() {
                        *o = session.output.clone();
                    }
                    let id = build_id(build_no);
                    if let Ok(mut s) = shared_w.status.write() {
                        *s = json!({"build": id, "errors": []}).to_string();
                    }
                    let _ = shared_w.events.send((
                        "reload".into(),
                        json!({"build": id, "css": outcome.css_only}).to_string(),
                    ));
                    report_w(Report::Built(outcome));
                    // An index the worker finished meanwhile, then the next job.
                    if let Some((key, files)) = ready_w.lock().ok().and_then(|mut r| r.take()) {
                        if session.adopt_search(key, files) {
                            if let Ok(mut o) = shared_w.output.write() {
                                *o = session.output.clone();
                            }
                        }
                    }
                    if let Some((key, site)) = session.take_pending_search() {
                        if let Ok(mut w) = wanted.lock() {
                            *w = Some(key);
                        }
                        if let Ok(mut p) = pending_w.lock() {
                            *p = Some((key, site, id.clone()));
                        }
                        let _ = search_tx.send(());
                    }
                }
                Err(e) => {
                    let payload = errors_payload(&e);
                    if let Ok(mut s) = shared_w.status.write() {
                        *s = json!({"build": build_id(build_no), "errors": payload}).to_string();
                    }
                    let _ = shared_w
                        .events
                        .send(("build-error".into(), json!({"errors": payload}).to_string()));
                    report_w(Report::Failed(e));
                }
            }
        }
    });

    let app = http::router(shared);
    runtime
        .block_on(async move {
            axum::serve(listener, app)
                .with_graceful_shutdown(stop)
                .await
        })
        .map_err(|e| Error::Other(format!("server error: {e}")))?;
    Ok(())
}

/// A future that completes on Ctrl-C (SIGINT), its handler installed now.
#[cfg(unix)]
fn stop_signal() -> Result<impl std::future::Future<Output = ()>> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut sigint = signal(SignalKind::interrupt())
        .map_err(|e| Error::Other(format!("cannot catch Ctrl-C: {e}")))?;
    Ok(async move {
        sigint.recv().await;
    })
}

#[cfg(not(unix))]
fn stop_signal() -> Result<impl std::future::Future<Output = ()>> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
    })
}

/// Content changes only: reading files (which every rebuild does) must not
/// trigger another rebuild.
fn is_change(e: &notify::Event) -> bool {
    use notify::EventKind;
    use notify::event::ModifyKind;
    match e.kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    }
}
