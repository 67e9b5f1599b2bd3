//! The watcher loop: file events → a settled batch → a rebuild plan
//! ([`super::classify`]) → the session's rebuild → the new output served and
//! open tabs told (`reload`, or `build-error` with every error while the
//! last good output stays served).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::json;

use super::classify::{Plan, classify};
use super::http::Shared;
use super::search::Worker;
use super::session::{Outcome, Session};
use crate::error::Error;

/// Something for the terminal: the binary decides how to print it.
#[derive(Debug)]
pub enum Report {
    Listening(SocketAddr, String),
    /// `serve --cms`: where the web editor opens.
    Editor(String),
    Built(Outcome),
    Failed(Error),
}

/// How long the watcher waits for an editor's burst of events to settle.
const SETTLE: Duration = Duration::from_millis(25);
const MAX_WAIT: Duration = Duration::from_millis(250);

/// Names builds for the tabs: a server's builds never share an id with
/// another server's, so a tab reconnecting to a restarted server reloads.
pub struct BuildIds {
    nonce: i128,
    pub last: u64,
}

impl Default for BuildIds {
    fn default() -> Self {
        Self::new()
    }
}

impl BuildIds {
    pub fn new() -> BuildIds {
        BuildIds {
            nonce: time::OffsetDateTime::now_utc().unix_timestamp_nanos(),
            last: 0,
        }
    }

    pub fn current(&self) -> String {
        format!("{:x}-{}", self.nonce, self.last)
    }

    /// A new build's id.
    pub fn advance(&mut self) -> String {
        self.last += 1;
        self.current()
    }
}

/// What a tab hears first: the current build and its errors (none after a
/// good build).
pub fn status(build: &str, error: Option<&Error>) -> String {
    json!({ "build": build, "errors": error.map_or_else(|| json!([]), errors_payload) }).to_string()
}

/// Every error of a failed build, as the overlay in open tabs shows them.
pub fn errors_payload(e: &Error) -> serde_json::Value {
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

/// Everything the watcher thread owns.
pub struct Watch {
    pub root: PathBuf,
    pub session: Session,
    pub ids: BuildIds,
    pub shared: Arc<Shared>,
    pub search: Worker,
    pub report: Arc<dyn Fn(Report) + Send + Sync>,
}

impl Watch {
    /// Runs until the event channel closes.
    pub fn run(mut self, events: mpsc::Receiver<notify::Result<notify::Event>>) {
        while let Ok(first) = events.recv() {
            if !first.as_ref().is_ok_and(is_change) {
                continue;
            }
            let mut batch = vec![first];
            let started = Instant::now();
            while let Ok(ev) = events.recv_timeout(SETTLE) {
                batch.push(ev);
                if started.elapsed() > MAX_WAIT {
                    break;
                }
            }
            let theme = self.session.theme().to_string();
            let changes = batch
                .into_iter()
                .filter_map(Result::ok)
                .filter(is_change)
                .flat_map(|e| e.paths)
                .filter_map(|p| p.strip_prefix(&self.root).ok().map(Path::to_path_buf))
                .map(|p| classify(&p, &theme));
            let plan = Plan::from_changes(changes);
            if !plan.is_empty() {
                self.rebuild(&plan);
            }
        }
    }

    fn rebuild(&mut self, plan: &Plan) {
        if let Some((key, files)) = self.search.take_ready() {
            self.session.adopt_search(key, files);
        }
        // A model still waiting to be indexed is about to be replaced.
        self.search.cancel();
        match self.session.apply(plan) {
            Ok(outcome) => {
                let id = self.ids.advance();
                self.shared.serve(self.session.output.clone());
                self.shared.set_status(status(&id, None));
                self.shared.send(
                    "reload",
                    json!({"build": id, "css": outcome.css_only}).to_string(),
                );
                (self.report)(Report::Built(outcome));
                // An index the worker finished meanwhile, then the next job.
                if let Some((key, files)) = self.search.take_ready() {
                    if self.session.adopt_search(key, files) {
                        self.shared.serve(self.session.output.clone());
                    }
                }
                if let Some((key, site)) = self.session.take_pending_search() {
                    self.search.submit(key, site, id);
                }
            }
            Err(e) => {
                self.shared
                    .set_status(status(&self.ids.current(), Some(&e)));
                self.shared.send(
                    "build-error",
                    json!({ "errors": errors_payload(&e) }).to_string(),
                );
                (self.report)(Report::Failed(e));
            }
        }
    }
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
