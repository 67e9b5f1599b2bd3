//! `cerita serve`: build into memory, serve over HTTP, watch the site and
//! rebuild incrementally, and tell open tabs to reload (or show the error)
//! over Server-Sent Events. It never writes to the site folder or `public/`.
//!
//! The same pipeline as `build` runs here ([`session`], over
//! [`crate::pipeline::Pipeline::run`]); [`classify`] turns file events into
//! a rebuild plan, [`watch`] runs the loop from events to a served output,
//! [`search`] builds the search index on its own thread, [`http`] serves
//! the last good output.

pub mod classify;
pub mod cms;
pub mod http;
pub mod search;
pub mod session;
pub mod watch;

use std::net::SocketAddr;
use std::sync::atomic::AtomicBool;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use notify::{RecursiveMode, Watcher};

use crate::error::{Error, Result};
use crate::options::Options;
use http::Shared;
use session::Session;
pub use watch::Report;
use watch::{BuildIds, Watch};

/// Runs the server on `addr` until Ctrl-C. `report` receives everything
/// worth printing.
pub fn serve(
    opts: &Options,
    addr: SocketAddr,
    report: impl Fn(Report) + Send + Sync + 'static,
) -> Result<()> {
    if opts.cms && !addr.ip().is_loopback() {
        return Err(Error::Other(format!(
            "`serve --cms` writes files and listens on this computer only; drop --bind {}",
            addr.ip()
        )));
    }
    let report: Arc<dyn Fn(Report) + Send + Sync> = Arc::new(report);
    let root = opts
        .root
        .canonicalize()
        .map_err(|e| Error::io(&opts.root, "open the site folder", e))?;
    let opts = Options {
        root: root.clone(),
        ..opts.clone()
    };
    let mut session = Session::new(&opts);
    let ids = BuildIds::new();
    let first = session.rebuild_all();
    let mut shared = Shared::new(
        session.output.clone(),
        watch::status(&ids.current(), first.as_ref().err()),
    );
    report(match first {
        Ok(o) => Report::Built(o),
        Err(e) => Report::Failed(e),
    });

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::Other(format!("cannot start the server runtime: {e}")))?;
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(addr))
        .map_err(|e| Error::Other(format!("cannot listen on {addr}: {e}")))?;
    let local = listener
        .local_addr()
        .map_err(|e| Error::Other(e.to_string()))?;
    if opts.cms {
        shared.cms = Some(Arc::new(cms::Cms::new(&root, local.port())));
    }
    let shared = Arc::new(shared);
    // Ctrl-C is caught from before the address is announced: a signal that
    // arrives once a client can connect always stops the server cleanly.
    let stop = runtime.block_on(async { stop_signal() })?;
    let base = session.base_path().unwrap_or("/").to_string();
    report(Report::Listening(local, format!("http://{local}{base}")));
    if opts.cms {
        report(Report::Editor(format!("http://{local}{base}admin/")));
    }

    let (events, received) = mpsc::channel::<notify::Result<notify::Event>>();
    let newer = Arc::new(AtomicBool::new(false));
    let theme = Arc::new(Mutex::new(session.theme().to_string()));
    let heard = watch::Heard {
        to: events,
        newer: newer.clone(),
        root: root.clone(),
        theme: theme.clone(),
    };
    let mut watcher = notify::recommended_watcher(heard)
        .map_err(|e| Error::Other(format!("cannot watch files: {e}")))?;
    watcher
        .watch(&root, RecursiveMode::Recursive)
        .map_err(|e| Error::Other(format!("cannot watch {}: {e}", root.display())))?;
    let watch = Watch {
        root,
        session,
        ids,
        search: search::Worker::start(shared.clone()),
        shared: shared.clone(),
        report,
        newer,
        owed: false,
        theme,
    };
    std::thread::spawn(move || {
        let _keep = watcher;
        watch.run(received);
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
