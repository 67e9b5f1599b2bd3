//! The search index in the preview server. It is built by the same stage as
//! in a build ([`crate::pipeline::search_index`]), but on a thread of its
//! own once edits pause ([`QUIET`]), so a save is never queued behind it;
//! until it is ready the last index is served, and open tabs hear `search`
//! when the new one is in. An index is built only when its inputs changed
//! ([`crate::search::input_hash`]).
//!
//! The index runs on a thread pool of its own whose threads the kernel
//! schedules last (Linux: nice 19): on the shared pool, a save arriving
//! while the index is built would wait for the index's parallel chunks,
//! and at equal priority it would share the cores with them.

use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::json;

use super::http::{Output, Shared};
use crate::model::Sites;
use crate::output::MemorySink;

/// The search index is rebuilt once changes have paused this long.
pub const QUIET: Duration = Duration::from_millis(1000);

/// Index files with their bytes, shared with the served output.
pub type SearchFiles = Vec<(String, Arc<Vec<u8>>)>;

/// The index files of `site`.
pub fn index_files(site: &Sites) -> SearchFiles {
    let sink = MemorySink::default();
    // A memory sink does not fail.
    let _ = crate::pipeline::search_index(site, &sink);
    let mut files: SearchFiles = sink.into_parts().0.into_iter().collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

/// What every section's index is made from ([`crate::search::input_hash`]).
fn input_hash(sites: &Sites) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for site in &sites.langs {
        h.update(site.prefix.as_bytes());
        h.update(&crate::search::input_hash(site).to_le_bytes());
    }
    h.digest()
}

/// `out` with its search index files replaced by `files`.
pub fn with_search(out: &Output, files: &SearchFiles) -> Output {
    let mut next = out.clone();
    next.files.retain(|p, _| !crate::search::is_index_file(p));
    for (p, b) in files {
        next.files.insert(p.clone(), b.clone());
    }
    next
}

/// Which index the session serves and which it wants.
#[derive(Default)]
pub struct IndexState {
    /// The index in the output, and the hash of its inputs.
    current: Option<(u64, SearchFiles)>,
    /// The hash of the current model's search inputs.
    wanted: Option<u64>,
    /// The last model, until its inputs are hashed.
    pending: Option<Arc<Sites>>,
}

impl IndexState {
    /// After a rebuild into `out`: the last index stays in it, and the new
    /// model waits for [`IndexState::take_pending`] to tell whether its
    /// search inputs changed (hashing them is left until the reload is out).
    pub fn after_rebuild(&mut self, out: &mut Output, site: Arc<Sites>) {
        if let Some((_, files)) = &self.current {
            for (p, b) in files {
                out.files.insert(p.clone(), b.clone());
            }
        }
        self.wanted = None;
        self.pending = Some(site);
    }

    /// Forgets the model waiting to be indexed (the next edit may patch
    /// the model in place only when nothing else holds it).
    pub fn drop_pending(&mut self) {
        self.pending = None;
    }

    /// The model whose index is to be built, with its inputs' hash, if
    /// those differ from the index in the output.
    pub fn take_pending(&mut self) -> Option<(u64, Arc<Sites>)> {
        let site = self.pending.take()?;
        let key = input_hash(&site);
        self.wanted = Some(key);
        let changed = self.current.as_ref().map(|s| s.0) != Some(key);
        changed.then_some((key, site))
    }

    /// Whether the index in the output was built from inputs with hash `key`.
    pub fn is_current(&self, key: u64) -> bool {
        self.current.as_ref().is_some_and(|s| s.0 == key)
    }

    /// Puts an index built from inputs with hash `key` into `output`, if
    /// those are still the current inputs. Returns whether it did.
    pub fn adopt(&mut self, key: u64, files: SearchFiles, output: &mut Arc<Output>) -> bool {
        if self.wanted != Some(key) || self.is_current(key) {
            return false;
        }
        *output = Arc::new(with_search(output, &files));
        self.current = Some((key, files));
        true
    }
}

/// A model to index, its inputs' hash and the build it came from.
type Job = (u64, Arc<Sites>, String);

/// The worker thread and the slots it shares with the watcher.
pub struct Worker {
    wake: mpsc::Sender<()>,
    /// The model to index waits here, not in the channel (which only says
    /// "a new one is there"): while the worker waits for quiet it holds no
    /// model, so the next edit can patch the current one in place.
    pending: Arc<Mutex<Option<Job>>>,
    wanted: Arc<Mutex<Option<u64>>>,
    ready: Arc<Mutex<Option<(u64, SearchFiles)>>>,
}

impl Worker {
    /// Starts the worker: it builds the index of the newest model after
    /// [`QUIET`] without changes, publishes it into the served output if no
    /// newer model wants a different index, and leaves it for the session
    /// to adopt ([`Worker::take_ready`]).
    pub fn start(shared: Arc<Shared>) -> Worker {
        let (wake, woken) = mpsc::channel::<()>();
        let worker = Worker {
            wake,
            pending: Arc::default(),
            wanted: Arc::default(),
            ready: Arc::default(),
        };
        let (pending, wanted, ready) = (
            worker.pending.clone(),
            worker.wanted.clone(),
            worker.ready.clone(),
        );
        std::thread::spawn(move || {
            let pool = background_pool();
            while woken.recv().is_ok() {
                // Wait for a quiet moment: while a writer saves again and
                // again, rebuilds get the CPU and the index follows once.
                while woken.recv_timeout(QUIET).is_ok() {}
                let Some((key, site, id)) = pending.lock().ok().and_then(|mut p| p.take()) else {
                    continue;
                };
                let files = match &pool {
                    Some(pool) => pool.install(|| index_files(&site)),
                    None => index_files(&site),
                };
                drop(site);
                if wanted.lock().ok().and_then(|w| *w) != Some(key) {
                    continue;
                }
                // Ready first: a rebuild publishing meanwhile then adopts it.
                if let Ok(mut r) = ready.lock() {
                    *r = Some((key, files.clone()));
                }
                if let Ok(mut o) = shared.output.write() {
                    *o = Arc::new(with_search(&o, &files));
                }
                shared.send("search", json!({ "build": id }).to_string());
            }
        });
        worker
    }

    /// An index the worker finished, not yet adopted by the session.
    pub fn take_ready(&self) -> Option<(u64, SearchFiles)> {
        self.ready.lock().ok().and_then(|mut r| r.take())
    }

    /// Forgets the model waiting to be indexed: it is about to be replaced.
    pub fn cancel(&self) {
        if let Ok(mut p) = self.pending.lock() {
            *p = None;
        }
    }

    /// Indexes `site` (inputs' hash `key`, from build `id`) once edits pause.
    pub fn submit(&self, key: u64, site: Arc<Sites>, id: String) {
        if let Ok(mut w) = self.wanted.lock() {
            *w = Some(key);
        }
        if let Ok(mut p) = self.pending.lock() {
            *p = Some((key, site, id));
        }
        let _ = self.wake.send(());
    }
}

/// The pool the index is built on: as many threads as the shared pool, each
/// at the lowest priority, so a rebuild always gets the cores first. `None`
/// if the pool cannot be made (the shared pool is used then).
fn background_pool() -> Option<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(rayon::current_num_threads())
        .thread_name(|i| format!("cerita-search-{i}"))
        .start_handler(|_| lowest_priority())
        .build()
        .ok()
}

/// Asks the kernel to schedule the calling thread only when nothing else
/// wants the core (on Linux the nice value belongs to the thread).
fn lowest_priority() {
    #[cfg(target_os = "linux")]
    {
        // Best effort: at the default priority the index only costs speed.
        let _ = rustix::process::setpriority_process(None, 19);
    }
}
