//! The preview server's build state: the sources in memory, the pipeline
//! with its per-file caches, and the last good output. A change re-reads
//! only the files it names and runs the same pipeline as `cerita build`
//! ([`Pipeline::run`]) into memory, which renders again only what changed,
//! so the output stays byte-identical to a build at a fraction of the cost.

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::classify::Plan;
use super::http::Output;
use super::search::{IndexState, SearchFiles, index_files};
use crate::error::{Diagnostic, Diagnostics, Error, Result};
use crate::load::{self, SiteFiles};
use crate::model::Sites;
use crate::options::Options;
use crate::output::MemorySink;
use crate::pipeline::{Pipeline, Sources};
use crate::render::First;

/// The result of a successful (re)build.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub pages_rendered: usize,
    pub pages_total: usize,
    pub css_only: bool,
    /// When the pages looked at and saved were shown, before the rest was
    /// rendered, and how many (pages taken away among them) went out by the
    /// end (the preview server fills this in).
    pub first: Option<(Duration, usize)>,
    /// An edit that arrived once the first pages were shown stopped the
    /// rest: the output served is theirs over the last, until the next
    /// rebuild.
    pub stopped: bool,
    /// Time per phase of this rebuild.
    pub phases: Vec<(&'static str, Duration)>,
    pub warnings: Diagnostics,
    pub elapsed: Duration,
}

pub struct Session {
    options: Options,
    /// `None` until the config and theme load.
    pipeline: Option<Pipeline>,
    files: SiteFiles,
    walk_diagnostics: Vec<Diagnostic>,
    read_errors: BTreeMap<String, Diagnostic>,
    index: IndexState,
    pub output: Arc<Output>,
}

impl Session {
    pub fn new(options: &Options) -> Session {
        Session {
            options: options.clone(),
            pipeline: None,
            files: SiteFiles::default(),
            walk_diagnostics: Vec::new(),
            read_errors: BTreeMap::new(),
            index: IndexState::default(),
            output: Arc::new(Output::default()),
        }
    }

    /// The site's URL path (`/` or `/sub/`), once the config is read.
    pub fn base_path(&self) -> Option<&str> {
        self.pipeline.as_ref().map(|p| p.config.base_path.as_str())
    }

    /// The configured theme's folder name.
    pub fn theme(&self) -> &str {
        self.pipeline
            .as_ref()
            .map_or("default", |p| p.config.theme.as_str())
    }

    /// The pages the last model made from the files at `saved`.
    pub fn pages_before(&self, saved: &[String]) -> HashSet<String> {
        self.pipeline
            .as_ref()
            .map(|p| p.pages_before(saved))
            .unwrap_or_default()
    }

    /// Reads everything (start-up) and builds the search index before the
    /// site is first served.
    pub fn rebuild_all(&mut self) -> Result<Outcome> {
        let outcome = self.reload_all(None)?;
        self.finish_search();
        Ok(outcome)
    }

    /// Reads everything again (a config change), showing the pages of
    /// `first` first; the search index follows as after any edit
    /// ([`Session::take_pending_search`]).
    fn reload_all(&mut self, first: Option<First>) -> Result<Outcome> {
        let start = Instant::now();
        self.pipeline = None;
        let mut pipeline = Pipeline::setup(&self.options)?.for_preview();
        let mut files = pipeline.load()?;
        self.walk_diagnostics = std::mem::take(&mut files.diagnostics);
        self.read_errors.clear();
        self.files = files;
        self.pipeline = Some(pipeline);
        self.rebuild(start, false, None, first)
    }

    /// Applies a batch of changes. The pages of `first` (those open in a
    /// browser) are rendered before the others and shown as soon as they
    /// are.
    pub fn apply(&mut self, plan: &Plan, first: Option<First>) -> Result<Outcome> {
        if plan.config || self.pipeline.is_none() {
            return self.reload_all(first);
        }
        let start = Instant::now();
        if let Some(p) = self.pipeline.as_mut() {
            p.timings.restart();
            if plan.templates || plan.theme_static || plan.css {
                p.reload_theme()?;
            }
            if plan.assets {
                p.forget_images();
            }
        }
        self.reread(plan)?;
        if let Some(p) = self.pipeline.as_mut() {
            p.timings.lap("read");
        }
        // One story's text, and nothing else: the model may be patched.
        let one_source = !(plan.templates || plan.theme_static || plan.css || plan.assets)
            && plan.sources.len() == 1;
        let edited = plan.sources.first().filter(|_| one_source).cloned();
        self.rebuild(start, plan.css_only(), edited.as_deref(), first)
    }

    /// Re-reads the sources `plan` names and, when folders may have
    /// changed, walks the site again.
    fn reread(&mut self, plan: &Plan) -> Result<()> {
        let root = &self.options.root;
        // Files that existed and still do need no walk of the folders: the
        // walk finds folders created, moved or deleted (one event each).
        let only_known_files = plan
            .sources
            .iter()
            .all(|p| self.files.source(p).is_some() && root.join("content").join(p).is_file());
        for path in &plan.sources {
            self.reload_source(path);
        }
        if plan.assets || !only_known_files {
            let Some(pipeline) = self.pipeline.as_ref() else {
                return Ok(());
            };
            let walk = pipeline.load_assets()?;
            // A folder created, moved or deleted shows up as one event for the
            // folder: reconcile the Markdown sources with what is on disk.
            let known: HashSet<String> = self
                .files
                .sources
                .iter()
                .map(|s| s.content_path.clone())
                .chain(self.read_errors.keys().cloned())
                .collect();
            let on_disk: HashSet<&String> = walk.markdown.iter().collect();
            let changed: Vec<String> = known
                .iter()
                .filter(|p| !on_disk.contains(p))
                .chain(walk.markdown.iter().filter(|p| !known.contains(*p)))
                .cloned()
                .collect();
            for path in &changed {
                self.reload_source(path);
            }
            self.files.content_assets = walk.content_assets;
            self.files.static_assets = walk.static_assets;
            self.walk_diagnostics = walk.diagnostics;
        }
        Ok(())
    }

    fn reload_source(&mut self, content_path: &str) {
        let root = &self.options.root;
        self.files
            .sources
            .retain(|s| s.content_path != content_path);
        self.read_errors.remove(content_path);
        if !root.join("content").join(content_path).is_file() {
            return; // deleted or renamed away
        }
        match load::read_source(root, content_path) {
            Ok(Some(src)) => {
                let at = self
                    .files
                    .sources
                    .partition_point(|s| s.content_path < src.content_path);
                self.files.sources.insert(at, src);
            }
            Ok(None) => {}
            Err(d) => {
                self.read_errors.insert(content_path.to_string(), d);
            }
        }
    }

    /// The pipeline over the sources in memory, into a new output.
    fn rebuild(
        &mut self,
        start: Instant,
        css_only: bool,
        edited: Option<&str>,
        first: Option<First>,
    ) -> Result<Outcome> {
        let Some(pipeline) = self.pipeline.as_mut() else {
            return Err(Error::Other("the site is not loaded".into()));
        };
        self.files.diagnostics = self
            .walk_diagnostics
            .iter()
            .cloned()
            .chain(self.read_errors.values().cloned())
            .collect();
        // The model waiting to be indexed is out of date: dropping it leaves
        // the last model unshared, so it can be patched in place.
        self.index.drop_pending();
        let sink = MemorySink::default();
        pipeline.show_first(first);
        let result = pipeline.run(Sources::Borrowed(&self.files), &sink, edited);
        // Not left for the next run when this one stopped before its pages.
        pipeline.show_first(None);
        let phases = pipeline.timings.take();
        let run = result?;
        // A stopped render's output is incomplete: the last one stays.
        let stopped = run.render.stopped;
        if !stopped {
            let (files, assets) = sink.into_parts();
            let mut out = Output {
                files,
                assets,
                base_path: pipeline.config.base_path.clone(),
                before: None,
                gone: Default::default(),
            };
            // `--no-search`, as for `cerita build`: no index, so none to keep.
            if !self.options.no_search {
                self.index.after_rebuild(&mut out, run.site);
            }
            self.output = Arc::new(out);
        }
        Ok(Outcome {
            pages_rendered: run.render.pages_rendered,
            pages_total: run.render.pages_total,
            css_only,
            first: None,
            stopped,
            phases,
            warnings: run.warnings,
            elapsed: start.elapsed(),
        })
    }

    /// Builds the search index a rebuild left pending, here and now, and
    /// puts it into the output (start-up does this; the server otherwise
    /// builds it on its own thread, see [`Session::take_pending_search`]).
    pub fn finish_search(&mut self) -> bool {
        match self.index.take_pending() {
            Some((key, site)) => self.adopt_search(key, index_files(&site)),
            None => false,
        }
    }

    /// The model whose index a rebuild left to build, with its inputs' hash.
    pub fn take_pending_search(&mut self) -> Option<(u64, Arc<Sites>)> {
        self.index.take_pending()
    }

    /// Whether the output's index was built from inputs with hash `key`.
    pub fn search_is_current(&self, key: u64) -> bool {
        self.index.is_current(key)
    }

    /// Puts an index built from inputs with hash `key` into the output, if
    /// those are still the current inputs. Returns whether it did.
    pub fn adopt_search(&mut self, key: u64, files: SearchFiles) -> bool {
        self.index.adopt(key, files, &mut self.output)
    }
}
