//! The preview server's build state: the sources in memory, the rebuild
//! caches, and the last good output with a fingerprint per page. A change
//! re-reads only the files it names, re-parses and re-renders only what
//! changed, and re-renders only pages whose fingerprint moved, so the output
//! stays byte-identical to `cerita build` at a fraction of the cost.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::classify::Plan;
use crate::config::Config;
use crate::error::{Diagnostic, Diagnostics, Error, Result};
use crate::load::{self, SiteFiles};
use crate::model::{self, Cache};
use crate::output::MemorySink;
use crate::render::{RenderOptions, Renderer};
use crate::theme::{self, StaticFile, Theme};

/// What the server serves: files in memory and assets read from the site.
#[derive(Debug, Clone, Default)]
pub struct Output {
    pub files: HashMap<String, Arc<Vec<u8>>>,
    /// Output path → source file (content assets, `static/`).
    pub assets: HashMap<String, PathBuf>,
    pub base_path: String,
}

/// The result of a successful (re)build.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub pages_rendered: usize,
    pub pages_total: usize,
    pub css_only: bool,
    /// Time per phase of this rebuild.
    pub phases: Vec<(&'static str, Duration)>,
    pub warnings: Diagnostics,
    pub elapsed: Duration,
}

struct Loaded {
    config: Config,
    theme: Theme,
    tera: Arc<tera::Tera>,
}

/// Index files with their bytes, shared with the served output.
pub type SearchFiles = Vec<(String, Arc<Vec<u8>>)>;

/// Builds the search index files of a model.
pub fn search_files(site: &crate::model::Site) -> SearchFiles {
    crate::search::build(site)
        .files
        .into_iter()
        .map(|(p, b)| (p, Arc::new(b)))
        .collect()
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

pub struct Session {
    root: PathBuf,
    drafts: bool,
    loaded: Option<Loaded>,
    files: SiteFiles,
    walk_diagnostics: Vec<Diagnostic>,
    read_errors: BTreeMap<String, Diagnostic>,
    cache: Cache,
    prints: HashMap<String, u64>,
    /// Feeds of the last build with the hash of their inputs.
    feeds: HashMap<String, (u64, Arc<Vec<u8>>)>,
    /// The search index of the last build and the hash of its inputs.
    search: Option<(u64, SearchFiles)>,
    /// A model whose search index is still to be built ([`Session::finish_search`]).
    pending_search: Option<(u64, Arc<crate::model::Site>)>,
    /// The last model, with what patches it after a story's text changed,
    /// and its pages' fingerprints (`None` when they are not this model's).
    model: Option<(Arc<crate::model::Site>, crate::model::Patchable)>,
    fingerprints: Option<crate::render::Fingerprints>,
    /// The hash of the current model's search inputs.
    search_key: Option<u64>,
    pub output: Arc<Output>,
    /// Resized photos: output path → file in the image cache; `None` when
    /// the assets changed and they must be looked at again.
    images: Option<Images>,
}

/// The photos of the last build and the covers they were made for.
struct Images {
    covers: std::collections::BTreeSet<String>,
    files: HashMap<String, PathBuf>,
    problems: Vec<Diagnostic>,
}

/// Collects where `images::process` put each version (served from the cache).
#[derive(Default)]
struct ImageFiles(std::sync::Mutex<HashMap<String, PathBuf>>);

impl crate::output::Sink for ImageFiles {
    fn write(&self, _: &str, _: &[u8]) -> crate::error::Result<()> {
        Ok(())
    }
    fn copy(&self, src: &Path, path: &str) -> crate::error::Result<()> {
        if let Ok(mut m) = self.0.lock() {
            m.insert(path.to_string(), src.to_path_buf());
        }
        Ok(())
    }
}

impl Session {
    pub fn new(root: &Path, drafts: bool) -> Session {
        Session {
            root: root.to_path_buf(),
            drafts,
            loaded: None,
            files: SiteFiles::default(),
            walk_diagnostics: Vec::new(),
            read_errors: BTreeMap::new(),
            cache: Cache::new(),
            prints: HashMap::new(),
            feeds: HashMap::new(),
            search: None,
            pending_search: None,
            model: None,
            fingerprints: None,
            search_key: None,
            output: Arc::new(Output::default()),
            images: None,
        }
    }

    pub fn config(&self) -> Option<&Config> {
        self.loaded.as_ref().map(|l| &l.config)
    }

    /// Reads everything again (start-up, config change).
    pub fn rebuild_all(&mut self) -> Result<Outcome> {
        let config = crate::load_config(&self.root, None)?;
        self.load_theme(config)?;
        let mut files = load::load(&self.root)?;
        self.walk_diagnostics = std::mem::take(&mut files.diagnostics);
        self.read_errors.clear();
        self.files = files;
        self.prints.clear();
        self.feeds.clear();
        let outcome = self.render_after(false, None)?;
        self.finish_search();
        Ok(outcome)
    }

    /// Builds the search index a rebuild left pending, here and now, and
    /// puts it into the output (start-up does this; the server otherwise
    /// builds it on its own thread, see [`Session::take_pending_search`]).
    pub fn finish_search(&mut self) -> bool {
        match self.pending_search.take() {
            Some((key, site)) => self.adopt_search(key, search_files(&site)),
            None => false,
        }
    }

    /// The model whose index a rebuild left to build, with its inputs' hash.
    pub fn take_pending_search(&mut self) -> Option<(u64, Arc<crate::model::Site>)> {
        self.pending_search.take()
    }

    /// Puts an index built from inputs with hash `key` into the output, if
    /// those are still the current inputs. Returns whether it did.
    pub fn adopt_search(&mut self, key: u64, files: SearchFiles) -> bool {
        if self.search_key != Some(key) || self.search.as_ref().is_some_and(|s| s.0 == key) {
            return false;
        }
        self.output = Arc::new(with_search(&self.output, &files));
        self.search = Some((key, files));
        true
    }

    fn load_theme(&mut self, config: Config) -> Result<()> {
        let theme = theme::load(&self.root, &config)
            .map_err(|d| Error::Content(d.into_iter().collect()))?;
        let tera =
            theme::compile(&theme, &config).map_err(|d| Error::Content(d.into_iter().collect()))?;
        self.loaded = Some(Loaded {
            config,
            theme,
            tera,
        });
        Ok(())
    }

    /// Applies a batch of changes.
    pub fn apply(&mut self, plan: &Plan) -> Result<Outcome> {
        if plan.config || self.loaded.is_none() {
            return self.rebuild_all();
        }
        let start = Instant::now();
        if plan.templates || plan.theme_static || plan.css {
            let config = self.config().cloned().unwrap_or_default();
            self.load_theme(config)?;
        }
        // Files that existed and still do need no walk of the folders: the
        // walk finds folders created, moved or deleted (one event each).
        let only_known_files = plan
            .sources
            .iter()
            .all(|p| self.files.source(p).is_some() && self.root.join("content").join(p).is_file());
        for path in &plan.sources {
            self.reload_source(path);
        }
        if plan.assets || plan.config {
            self.images = None;
        }
        if plan.assets || !only_known_files {
            let walk = load::assets(&self.root)?;
            // A folder created, moved or deleted shows up as one event for the
            // folder: reconcile the Markdown sources with what is on disk.
            let known: std::collections::HashSet<String> = self
                .files
                .sources
                .iter()
                .map(|s| s.content_path.clone())
                .chain(self.read_errors.keys().cloned())
                .collect();
            let on_disk: std::collections::HashSet<&String> = walk.markdown.iter().collect();
            let gone: Vec<String> = known
                .iter()
                .filter(|p| !on_disk.contains(p))
                .cloned()
                .collect();
            for path in gone
                .iter()
                .chain(walk.markdown.iter().filter(|p| !known.contains(*p)))
            {
                self.reload_source(path);
            }
            self.files.content_assets = walk.content_assets;
            self.files.static_assets = walk.static_assets;
            self.walk_diagnostics = walk.diagnostics;
        }
        // One story's text, and nothing else: the model may be patched.
        let one_source = !(plan.templates || plan.theme_static || plan.css || plan.assets)
            && plan.sources.len() == 1;
        let edited = plan.sources.first().filter(|_| one_source).cloned();
        let read = start.elapsed();
        let mut outcome = self.render_after(plan.css_only(), edited.as_deref())?;
        outcome.phases.insert(0, ("read", read));
        outcome.elapsed += read;
        Ok(outcome)
    }

    /// The model after an edit to `edited` alone, patched when only its
    /// body changed: the site and the index of the story. `None` otherwise.
    fn patched_model(
        &mut self,
        edited: &str,
        now: i64,
    ) -> Option<(Arc<crate::model::Site>, Vec<Diagnostic>, usize)> {
        let (mut site, mut patch) = self.model.take()?;
        if site.next_publication.is_some_and(|t| t <= now) {
            return None;
        }
        // The index still to build from the previous model is out of date:
        // dropping it leaves the model unshared, so it is patched in place.
        self.pending_search = None;
        let m = Arc::make_mut(&mut site);
        let (diags, i) = patch.story_body(m, &self.files, edited, &mut self.cache)?;
        self.model = Some((site.clone(), patch));
        Some((site, diags, i))
    }

    fn reload_source(&mut self, content_path: &str) {
        self.files
            .sources
            .retain(|s| s.content_path != content_path);
        self.read_errors.remove(content_path);
        if !self.root.join("content").join(content_path).is_file() {
            return; // deleted or renamed away
        }
        match load::read_source(&self.root, content_path) {
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

    /// Model + render of pages whose fingerprint changed, into a new output.
    fn render_after(&mut self, css_only: bool, edited: Option<&str>) -> Result<Outcome> {
        let start = Instant::now();
        // Fingerprints belong to one model: taken out, and put back only
        // once they match the new one.
        let last_prints = self.fingerprints.take();
        self.files.diagnostics = self
            .walk_diagnostics
            .iter()
            .cloned()
            .chain(self.read_errors.values().cloned())
            .collect();
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let opts = model::ModelOptions {
            drafts: self.drafts,
            now,
        };
        let mut phases: Vec<(&'static str, Duration)> = Vec::new();
        let mut lap = Instant::now();
        let mut mark = |name: &'static str, phases: &mut Vec<(&'static str, Duration)>| {
            phases.push((name, lap.elapsed()));
            lap = Instant::now();
        };
        let patched = edited.and_then(|e| self.patched_model(e, now));
        let Some(loaded) = &self.loaded else {
            return Err(Error::Other("the site is not loaded".into()));
        };
        let (site, diags, changed) = match patched {
            Some((site, diags, i)) => (site, diags, Some(i)),
            None => {
                let (site, diags, patch) =
                    model::build_patchable(&self.files, &loaded.config, opts, &mut self.cache);
                let site = Arc::new(site);
                self.model = Some((site.clone(), patch));
                (site, diags, None)
            }
        };
        mark(
            if changed.is_some() {
                "model (patched)"
            } else {
                "model"
            },
            &mut phases,
        );
        let mut diagnostics: Diagnostics = diags.into_iter().collect();
        diagnostics.sort();
        if diagnostics.has_errors() {
            return Err(Error::Content(diagnostics));
        }
        let r = Renderer::new(
            &site,
            &loaded.config,
            &loaded.theme,
            &loaded.tera,
            RenderOptions::default(),
        );
        let jobs = r.jobs();
        let fps = match (changed, last_prints) {
            (Some(i), Some(mut fps)) => {
                r.refingerprint_story(&mut fps, i);
                fps
            }
            _ => r.fingerprints(),
        };
        mark("fingerprints", &mut phases);
        let mut prints = HashMap::with_capacity(jobs.len());
        let mut todo = Vec::new();
        for &job in &jobs {
            let path = r.output_path(job);
            let fp = r.fingerprint(&fps, job);
            let known =
                self.prints.get(&path) == Some(&fp) && self.output.files.contains_key(&path);
            if !known {
                todo.push(job);
            }
            prints.insert(path, fp);
        }
        let sink = MemorySink::default();
        let _cpu = r.render_pages(&todo, &sink).map_err(|e| match e {
            Error::Content(d) => {
                let mut all = diagnostics.clone();
                all.extend(d);
                Error::Content(all)
            }
            other => other,
        })?;
        let mut rendered = sink.files.into_inner().unwrap_or_default();
        mark("render", &mut phases);

        let mut out = Output {
            base_path: loaded.config.base_path.clone(),
            ..Output::default()
        };
        // Pages, feeds, the search index and the theme's files, without regrowing.
        let search_len = self.search.as_ref().map_or(0, |s| s.1.len());
        out.files.reserve(prints.len() + search_len + 200);
        for path in prints.keys() {
            let bytes = match rendered.remove(path) {
                Some(b) => Arc::new(b),
                None => match self.output.files.get(path) {
                    Some(b) => b.clone(),
                    None => continue,
                },
            };
            out.files.insert(path.clone(), bytes);
        }
        mark("page table", &mut phases);
        for (path, body) in r.extras_reusing(&jobs, &fps, &mut self.feeds) {
            out.files.insert(path, body);
        }
        mark("feeds", &mut phases);
        // The search index: unchanged inputs keep the last one; otherwise the
        // last one is served until `finish_search` replaces it.
        let key = crate::search::input_hash(&site);
        if let Some((_, files)) = &self.search {
            for (p, b) in files {
                out.files.insert(p.clone(), b.clone());
            }
        }
        let search_changed = self.search.as_ref().map(|s| s.0) != Some(key);
        mark("search check", &mut phases);
        for f in loaded.theme.statics.values() {
            match f {
                StaticFile::BuiltIn { out: p, data } => {
                    out.files.insert(p.clone(), Arc::new(data.to_vec()));
                }
                StaticFile::File { out: p, src } => {
                    out.assets.insert(p.clone(), src.clone());
                }
            }
        }
        let images = &loaded.config.images;
        for a in site
            .assets
            .iter()
            .filter(|a| !(a.content && crate::images::is_processed(&a.out, images)))
        {
            out.assets.insert(a.out.clone(), a.src.clone());
        }
        // A story that takes another photo as its cover needs that photo's
        // link-preview crop (from the cache when it was made before).
        let covers = site.covers();
        if self.images.as_ref().is_none_or(|i| i.covers != covers) {
            let sink = ImageFiles::default();
            let (_, problems) =
                crate::images::process(&self.root, &site.assets, &covers, images, &sink)?;
            let files = sink.0.into_inner().unwrap_or_default();
            self.images = Some(Images {
                covers,
                files,
                problems,
            });
        }
        if let Some(i) = &self.images {
            out.assets
                .extend(i.files.iter().map(|(k, v)| (k.clone(), v.clone())));
            diagnostics.extend(i.problems.iter().cloned());
        }
        mark("statics", &mut phases);
        let pages_total = jobs.len();
        self.prints = prints;
        self.output = Arc::new(out);
        self.search_key = Some(key);
        drop(r);
        self.fingerprints = Some(fps);
        self.pending_search = search_changed.then_some((key, site));
        Ok(Outcome {
            pages_rendered: todo.len(),
            pages_total,
            css_only,
            phases,
            warnings: diagnostics,
            elapsed: start.elapsed(),
        })
    }
}
