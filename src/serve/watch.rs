//! The watcher loop: file events → a settled batch → a rebuild plan
//! ([`super::classify`]) → the session's rebuild → the new output served and
//! open tabs told (`reload`, or `build-error` with every error while the
//! last good output stays served).

use std::collections::HashSet;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::json;

use super::classify::{Plan, classify};
use super::http::{Output, Shared};
use super::search::Worker;
use super::session::{Outcome, Session};
use crate::error::Error;
use crate::render::First;

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
/// Where the system says when a writer is done (Linux: a file closed after
/// writing, or renamed into place), the burst is over sooner: then only
/// [`CLOSED`] more is waited, for the rest of a save that touches several
/// files.
const SETTLE: Duration = Duration::from_millis(25);
const MAX_WAIT: Duration = Duration::from_millis(250);
const CLOSED: Duration = Duration::from_millis(3);

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

    /// The id the next build gets.
    pub fn next(&self) -> String {
        format!("{:x}-{}", self.nonce, self.last + 1)
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
    /// Set by [`Heard`] when an edit arrives: a rebuild whose open pages
    /// are shown leaves the rest to the next one.
    pub newer: Arc<AtomicBool>,
    /// The last rebuild was stopped: the next one runs even if its events
    /// change nothing, to finish it.
    pub owed: bool,
    /// [`Heard::theme`], kept up to date after each rebuild.
    pub theme: Arc<Mutex<String>>,
}

/// Passes the watcher's events on, and sets `newer` for those that change
/// the site (as [`classify`] reads them).
pub struct Heard {
    pub to: mpsc::Sender<notify::Result<notify::Event>>,
    pub newer: Arc<AtomicBool>,
    pub root: PathBuf,
    /// The configured theme's folder name, as of the last rebuild.
    pub theme: Arc<Mutex<String>>,
}

impl notify::EventHandler for Heard {
    fn handle_event(&mut self, event: notify::Result<notify::Event>) {
        if let Ok(e) = &event {
            let theme = self.theme.lock().map(|t| t.clone()).unwrap_or_default();
            if is_change(e) && !plan_for(&self.root, &theme, &e.paths).is_empty() {
                self.newer.store(true, Ordering::Relaxed);
            }
        }
        // The loop has ended when nobody receives: nothing to tell.
        let _ = self.to.send(event);
    }
}

impl Watch {
    /// Runs until the event channel closes.
    pub fn run(mut self, events: mpsc::Receiver<notify::Result<notify::Event>>) {
        while let Ok(first) = events.recv() {
            if !first.as_ref().is_ok_and(is_change) {
                continue;
            }
            let mut batch = vec![first];
            let mut writes = Writes::default();
            writes.hear(&batch[0]);
            let started = Instant::now();
            let settle = |w: &Writes| if w.finished() { CLOSED } else { SETTLE };
            while let Ok(ev) = events.recv_timeout(settle(&writes)) {
                writes.hear(&ev);
                batch.push(ev);
                if started.elapsed() > MAX_WAIT {
                    break;
                }
            }
            let theme = self.session.theme().to_string();
            let passing = passing_files(&batch);
            let changed = batch
                .into_iter()
                .filter_map(Result::ok)
                .filter(is_change)
                .flat_map(|e| e.paths)
                .filter(|p| !passing.contains(p));
            let plan = plan_for(&self.root, &theme, changed);
            if !plan.is_empty() || self.owed {
                self.rebuild(&plan);
                if let Ok(mut t) = self.theme.lock() {
                    *t = self.session.theme().to_string();
                }
            }
        }
    }

    fn rebuild(&mut self, plan: &Plan) {
        if let Some((key, files)) = self.search.take_ready() {
            self.session.adopt_search(key, files);
        }
        // A model still waiting to be indexed is about to be replaced.
        self.search.cancel();
        if self.owed {
            // The pages a stopped rebuild showed first may change again:
            // until this one shows its own, every page waits for it.
            let before = self.session.output.clone();
            let waiting = Output::first(Vec::new(), HashSet::new(), before);
            self.shared.serve(Arc::new(waiting));
        }
        let start = Instant::now();
        // Edits heard from now on are the next rebuild's.
        self.newer.store(false, Ordering::Relaxed);
        let shown = Arc::new(Mutex::new(None));
        // A stylesheet alone is swapped in the open tabs, not reloaded.
        let first = (!plan.css_only())
            .then(|| self.show_first(plan, shown.clone()))
            .flatten();
        let result = self.session.apply(plan, first);
        let shown: Shown = shown.lock().ok().and_then(|s| *s);
        match result {
            Ok(mut outcome) => {
                let id = self.ids.advance();
                outcome.first = shown.map(|(t, n)| (t - start, n));
                // Stopped, the open pages are out and the rest is the next
                // rebuild's; until then other pages wait for it.
                let stopped = outcome.stopped;
                self.owed = stopped;
                if !stopped {
                    self.shared.serve(self.session.output.clone());
                    self.shared.set_status(status(&id, None));
                    if shown.is_none() {
                        self.shared.send(
                            "reload",
                            json!({"build": id, "css": outcome.css_only}).to_string(),
                        );
                    }
                }
                (self.report)(Report::Built(outcome));
                if stopped {
                    return;
                }
                // The new model's search inputs, hashed now the reload is
                // out; an index the worker finished meanwhile; the next job.
                let pending = self.session.take_pending_search();
                if let Some((key, files)) = self.search.take_ready() {
                    if self.session.adopt_search(key, files) {
                        self.shared.serve(self.session.output.clone());
                    }
                }
                if let Some((key, site)) = pending {
                    if !self.session.search_is_current(key) {
                        self.search.submit(key, site, id);
                    }
                }
            }
            Err(e) => {
                if shown.is_some() || self.owed {
                    // Pages shown first are taken back: the last good output.
                    self.shared.serve(self.session.output.clone());
                }
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

impl Watch {
    /// The pages looked at (open in a tab, or just asked for over HTTP) and
    /// those made from the files `plan` saves (the story a writer will look
    /// at next, in a tab or not, new or not), to render first: once they
    /// are, they are served over the last output (other pages wait for the
    /// rest of the rebuild) and the tabs told to reload. `shown` hears when.
    fn show_first(&self, plan: &Plan, shown: Arc<Mutex<Shown>>) -> Option<First> {
        let mut pages = self.shared.viewed();
        // Not for a save of many files (a folder copied in, a checkout): a
        // tab's page would wait for all of theirs. Nor with the
        // configuration, which may move every address.
        let saved = if plan.config || plan.sources.len() > SAVED_FIRST {
            Vec::new()
        } else {
            plan.sources.clone()
        };
        // Where they were: a page taken away goes out as taken away.
        pages.extend(self.session.pages_before(&saved));
        if pages.is_empty() && saved.is_empty() {
            return None;
        }
        let (shared, before) = (self.shared.clone(), self.session.output.clone());
        let id = self.ids.next();
        let so_far = Mutex::new((Vec::new(), HashSet::new()));
        Some(First {
            pages,
            saved,
            stop: self.newer.clone(),
            // Called once per language section that has such pages: the
            // pages add up, and the tabs are told once.
            show: Box::new(move |pages, gone| {
                let Ok(mut all) = so_far.lock() else { return };
                all.0.extend(pages);
                all.1.extend(gone);
                let (pages, gone) = (all.0.clone(), all.1.clone());
                let count = pages.len() + gone.len();
                shared.serve(Arc::new(Output::first(pages, gone, before.clone())));
                let Ok(mut when) = shown.lock() else { return };
                if when.is_none() {
                    shared.set_status(status(&id, None));
                    shared.send("reload", json!({"build": id, "css": false}).to_string());
                }
                let at = when.map_or_else(Instant::now, |(t, _)| t);
                *when = Some((at, count));
            }),
        })
    }
}

/// When the pages a rebuild renders first were shown, and how many there
/// were by the end (one call per language section adds up).
type Shown = Option<(Instant, usize)>;

/// At most this many files saved at once have their pages rendered first.
const SAVED_FIRST: usize = 8;

/// The rebuild plan for changes to `paths` (under `root`, the others
/// ignored); `theme` is the configured theme's folder name.
fn plan_for<P: AsRef<Path>>(root: &Path, theme: &str, paths: impl IntoIterator<Item = P>) -> Plan {
    Plan::from_changes(paths.into_iter().filter_map(|p| {
        let rel = p.as_ref().strip_prefix(root).ok()?;
        Some(classify(rel, theme))
    }))
}

/// Files created and gone again within one burst: the temporary file an
/// editor or tool writes and then renames over the one it saves (`sed -i`,
/// JetBrains' `___jb_tmp___`, many editors' "safe write"). They changed
/// nothing; counted as files added, they would turn a one-story edit into
/// a walk of every folder and the whole model stage.
fn passing_files(batch: &[notify::Result<notify::Event>]) -> Vec<PathBuf> {
    let mut created: Vec<PathBuf> = batch
        .iter()
        .filter_map(|e| e.as_ref().ok())
        .filter(|e| matches!(e.kind, notify::EventKind::Create(_)))
        .flat_map(|e| e.paths.iter().cloned())
        .collect();
    created.sort();
    created.dedup();
    created.retain(|p| std::fs::symlink_metadata(p).is_err());
    created
}

/// The files of a burst still being written: created or written to, and
/// not yet closed, renamed into place or removed.
#[derive(Default)]
struct Writes {
    open: Vec<PathBuf>,
    /// Files made in this burst.
    created: Vec<PathBuf>,
    /// Temporary files made and closed in this burst, not yet renamed
    /// into place (`sed -i` and many editors save so): the rename that
    /// ends the save may come a little later on a busy machine.
    to_rename: Vec<PathBuf>,
    /// Whether a writer said it was done.
    done: bool,
}

impl Writes {
    fn hear(&mut self, e: &notify::Result<notify::Event>) {
        use notify::EventKind;
        use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind, RenameMode};
        let Ok(e) = e else { return };
        match e.kind {
            EventKind::Create(CreateKind::File) | EventKind::Modify(ModifyKind::Data(_)) => {
                for p in &e.paths {
                    if !self.open.contains(p) {
                        self.open.push(p.clone());
                    }
                    if matches!(e.kind, EventKind::Create(_)) {
                        self.created.push(p.clone());
                    }
                }
            }
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => {
                self.done = true;
                self.open.retain(|p| !e.paths.contains(p));
                let temporary = e
                    .paths
                    .iter()
                    .filter(|p| self.created.contains(p) && looks_temporary(p));
                self.to_rename.extend(temporary.cloned());
            }
            EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both))
            | EventKind::Remove(_) => {
                self.done = true;
                self.open.retain(|p| !e.paths.contains(p));
                self.to_rename.retain(|p| !e.paths.contains(p));
            }
            // Moved away: whatever it becomes arrives as its own event.
            EventKind::Modify(ModifyKind::Name(RenameMode::From)) => {
                self.open.retain(|p| !e.paths.contains(p));
                self.to_rename.retain(|p| !e.paths.contains(p));
            }
            _ => {}
        }
    }

    /// Every file written in the burst is closed (or renamed or removed),
    /// and no temporary file waits for its rename.
    fn finished(&self) -> bool {
        self.done && self.open.is_empty() && self.to_rename.is_empty()
    }
}

/// A name editors and tools give the file they write a save into before
/// renaming it over the real one: no extension (`sedQ3xZ9a`, vim's
/// `4913`), a name the site ignores (`.a.md.swp`, `#a.md#`, `a.md~`), or
/// one saying so (`a.md.tmp1`, `a.md___jb_tmp___`).
fn looks_temporary(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    crate::load::is_ignored_name(&name) || name.contains("tmp") || path.extension().is_none()
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

#[cfg(test)]
mod tests {
    use super::Writes;
    use notify::event::{
        AccessKind, AccessMode, CreateKind, DataChange, ModifyKind, RemoveKind, RenameMode,
    };
    use notify::{Event, EventKind};

    fn ev(kind: EventKind, paths: &[&str]) -> notify::Result<Event> {
        let mut e = Event::new(kind);
        for p in paths {
            e = e.add_path(p.into());
        }
        Ok(e)
    }

    fn heard(events: &[notify::Result<Event>]) -> Vec<bool> {
        let mut w = Writes::default();
        events
            .iter()
            .map(|e| {
                w.hear(e);
                w.finished()
            })
            .collect()
    }

    const DATA: EventKind = EventKind::Modify(ModifyKind::Data(DataChange::Any));
    const CLOSED: EventKind = EventKind::Access(AccessKind::Close(AccessMode::Write));

    #[test]
    fn a_save_in_place_is_over_when_the_file_is_closed() {
        assert_eq!(
            heard(&[
                ev(DATA, &["a.md"]),
                ev(DATA, &["a.md"]),
                ev(CLOSED, &["a.md"])
            ]),
            [false, false, true]
        );
    }

    #[test]
    fn a_save_through_a_temporary_file_is_over_when_it_is_renamed_into_place() {
        let rename = EventKind::Modify(ModifyKind::Name(RenameMode::Both));
        let from = EventKind::Modify(ModifyKind::Name(RenameMode::From));
        let to = EventKind::Modify(ModifyKind::Name(RenameMode::To));
        let create = EventKind::Create(CreateKind::File);
        assert_eq!(
            heard(&[
                ev(create, &[".a.md.tmp1"]),
                ev(DATA, &[".a.md.tmp1"]),
                ev(rename, &[".a.md.tmp1", "a.md"]),
            ]),
            [false, false, true]
        );
        // The two halves of a rename heard apart.
        assert_eq!(
            heard(&[
                ev(create, &["t"]),
                ev(DATA, &["t"]),
                ev(from, &["t"]),
                ev(to, &["a.md"]),
            ]),
            [false, false, false, true]
        );
    }

    /// `sed -i`: a temporary file written and closed, renamed over the
    /// story a moment later. The close alone does not end the save; a new
    /// story or photo, closed, does.
    #[test]
    fn a_temporary_file_closed_waits_for_its_rename() {
        let create = EventKind::Create(CreateKind::File);
        let rename = EventKind::Modify(ModifyKind::Name(RenameMode::Both));
        assert_eq!(
            heard(&[
                ev(create, &["s/sedQ3xZ9a"]),
                ev(DATA, &["s/sedQ3xZ9a"]),
                ev(CLOSED, &["s/sedQ3xZ9a"]),
                ev(rename, &["s/sedQ3xZ9a", "s/b.md"]),
            ]),
            [false, false, false, true]
        );
        for name in ["s/.b.md.swp", "s/b.md~", "s/b.md.tmp", "s/4913"] {
            assert_eq!(
                heard(&[ev(create, &[name]), ev(CLOSED, &[name])]),
                [false, false],
                "{name}"
            );
        }
        for name in ["s/baru.md", "s/foto.jpg"] {
            assert_eq!(
                heard(&[ev(create, &[name]), ev(CLOSED, &[name])]),
                [false, true],
                "{name}"
            );
        }
        // A file that was already there is no temporary file.
        assert_eq!(
            heard(&[ev(DATA, &["s/NOTES"]), ev(CLOSED, &["s/NOTES"])]),
            [false, true]
        );
    }

    #[test]
    fn a_burst_with_a_file_still_open_waits() {
        let remove = EventKind::Remove(RemoveKind::File);
        // Another file closed, this one still being written.
        assert_eq!(
            heard(&[
                ev(DATA, &["a.md"]),
                ev(DATA, &["b.md"]),
                ev(CLOSED, &["b.md"])
            ]),
            [false, false, false]
        );
        // Systems that never say a file was closed keep the full settle.
        assert_eq!(
            heard(&[ev(DATA, &["a.md"]), ev(DATA, &["a.md"])]),
            [false, false]
        );
        // A removal alone is a finished change.
        assert_eq!(heard(&[ev(remove, &["a.md"])]), [true]);
    }
}
