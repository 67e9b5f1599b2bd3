//! The orchestrator: every stage called by name, in order, for whoever
//! asks. `cerita build` runs it once into a staging folder, `cerita check`
//! into a collector, and the preview server after every edit into memory,
//! so a preview shows exactly the site a build makes and both report the
//! same problems. The server differs only in its sink, its per-file caches
//! ([`Pipeline::for_preview`]) and which pages it renders again.
//!
//! ```text
//! 0 config + theme   Pipeline::setup        config.rs, theme.rs
//! 1 load             Pipeline::load         load.rs
//! 2a front matter    ┐                      frontmatter.rs (parse.rs: in parallel, cached)
//! 3a catalog         │ Pipeline::run        model/catalog.rs: published, slugs, URLs, links
//! 2b Markdown        │   → model            markdown.rs (parse.rs: in parallel, cached)
//! 3b model           ┘                      model/: stories, partners, topics, listings
//! 4  render          ┐ Pipeline::run        render/: pages, feeds, static files
//! 5  search index    ┘   (in parallel)      search/
//! 5b images            Pipeline::run        images/encode.rs
//! 6  output          (the caller's sink)    output.rs: staging folder, swapped in
//! ```
//!
//! Diagnostics of every stage are collected and sorted in one place here:
//! a run fails with all of them, errors and warnings, or succeeds with its
//! warnings.

mod parse;
mod patch;

use std::sync::Arc;
use std::time::{Duration, Instant};

use tera::Tera;

use crate::config::{self, Config};
use crate::error::{Diagnostic, Diagnostics, Error, Result};
use crate::load::{self, SiteFiles};
use crate::markdown;
use crate::model::{self, ModelOptions, Sites};
use crate::options::Options;
use crate::output::{HashingSink, MemorySink, Sink};
use crate::render::{self, PageCache, RenderReport};
use crate::shortcodes::Shortcodes;
use crate::theme::{self, Theme};
use crate::{images, search};
pub use parse::Cache;

/// Hears how far a long stage is: its name, items done, items in all.
pub type Progress = dyn Fn(&'static str, usize, usize) + Send + Sync;

/// Wall time per stage, in the order they ran.
#[derive(Debug, Clone)]
pub struct Timings {
    pub laps: Vec<(&'static str, Duration)>,
    last: Instant,
}

impl Default for Timings {
    fn default() -> Self {
        Timings {
            laps: Vec::new(),
            last: Instant::now(),
        }
    }
}

impl Timings {
    /// Records the time since the last lap as `name`.
    pub fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        self.laps.push((name, now - self.last));
        self.last = now;
    }

    /// Forgets the laps so far; the next lap starts now.
    pub fn restart(&mut self) {
        self.laps.clear();
        self.last = Instant::now();
    }

    /// The laps so far; the next lap starts now.
    pub fn take(&mut self) -> Vec<(&'static str, Duration)> {
        self.last = Instant::now();
        std::mem::take(&mut self.laps)
    }
}

/// The sources a run reads: a build hands them over, so each body is
/// dropped as soon as it is rendered; the preview server lends them, and
/// keeps them for the next edit.
pub enum Sources<'a> {
    Owned(SiteFiles),
    Borrowed(&'a SiteFiles),
}

impl Sources<'_> {
    fn files(&self) -> &SiteFiles {
        match self {
            Sources::Owned(f) => f,
            Sources::Borrowed(f) => f,
        }
    }

    /// Owned sources give up their texts (by index, keeping only their
    /// front matter for messages); borrowed ones keep theirs.
    fn take_bodies(
        &mut self,
        parsed: &[Arc<crate::frontmatter::ParsedSource>],
    ) -> Vec<Option<String>> {
        let Sources::Owned(files) = self else {
            return Vec::new();
        };
        files
            .sources
            .iter_mut()
            .zip(parsed)
            .map(|(src, p)| {
                let front = src.text.get(..p.body_offset).unwrap_or("").to_string();
                Some(std::mem::replace(&mut src.text, front))
            })
            .collect()
    }
}

/// The model of one run, and the edit when the preview server patched the
/// last model instead of building a new one.
pub struct Model {
    pub site: Arc<Sites>,
    pub warnings: Diagnostics,
    pub patched: Option<model::Edit>,
}

/// What one run made.
pub struct Run {
    pub site: Arc<Sites>,
    pub render: RenderReport,
    /// The search index, when this run built it: what it holds and its wall time.
    pub search: Option<(search::Stats, Duration)>,
    pub images: images::encode::Stats,
    pub warnings: Diagnostics,
}

/// When the search index is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SearchIndex {
    /// Beside page rendering, in every run.
    WithPages,
    /// By the caller, when it chooses (the preview server, once edits pause).
    Later,
    /// Never (`--no-search`, `check`).
    Off,
}

/// The photos of the last run and what they were made from.
struct ImagesDone {
    key: u64,
    copies: Vec<(String, std::path::PathBuf)>,
    stats: images::encode::Stats,
    problems: Vec<Diagnostic>,
}

/// What the preview server keeps from run to run.
#[derive(Default)]
struct Caches {
    /// Every source's front matter and Markdown.
    files: Cache,
    /// The last model, to patch after an edit to one story's text.
    patch: Option<patch::Patch>,
    pages: PageCache,
    images: Option<ImagesDone>,
}

/// One site's configuration, theme and compiled templates, and the stages
/// that run over them.
pub struct Pipeline {
    options: Options,
    pub config: Config,
    pub theme: Theme,
    pub tera: Arc<Tera>,
    /// The theme's shortcodes (compiled with `tera`).
    shortcodes: Arc<Shortcodes>,
    search: SearchIndex,
    /// `None` in a one-off build: nothing is kept from one run to the next.
    caches: Option<Caches>,
    progress: Option<Arc<Progress>>,
    pub timings: Timings,
}

impl Pipeline {
    /// Stage 0: reads and validates `cerita.yaml` (with the options'
    /// overrides), loads the theme and compiles its templates.
    pub fn setup(options: &Options) -> Result<Pipeline> {
        let mut timings = Timings::default();
        let config = read_config(options)?;
        let (theme, tera) = load_theme(options, &config)?;
        let shortcodes = Arc::new(Shortcodes::new(&theme, tera.clone(), config.language));
        timings.lap("config+theme");
        Ok(Pipeline {
            shortcodes,
            search: if options.no_search {
                SearchIndex::Off
            } else {
                SearchIndex::WithPages
            },
            options: options.clone(),
            config,
            theme,
            tera,
            caches: None,
            progress: None,
            timings,
        })
    }

    /// The preview server's pipeline: it keeps per-file caches and the
    /// last pages from run to run, and builds the search index when asked
    /// ([`search_index`]), not in every run.
    pub fn for_preview(mut self) -> Self {
        self.caches = Some(Caches {
            files: Cache::new().in_zone(self.config.time_zone.clone()),
            ..Caches::default()
        });
        if self.search == SearchIndex::WithPages {
            self.search = SearchIndex::Later;
        }
        self
    }

    /// The preview server: the next run renders the pages of `first`
    /// (pages open in a browser) before the rest and shows them at once.
    pub fn show_first(&mut self, first: Option<render::First>) {
        if let Some(caches) = &mut self.caches {
            caches.pages.show_first(first);
        }
    }

    /// `check`: pages are read back, not published, so no search index.
    pub fn without_search(mut self) -> Self {
        self.search = SearchIndex::Off;
        self
    }

    /// Reports long stages' progress to `progress`.
    pub fn with_progress(mut self, progress: Arc<Progress>) -> Self {
        self.progress = Some(progress);
        self
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Stage 0 again for the theme alone (a template or theme file changed).
    pub fn reload_theme(&mut self) -> Result<()> {
        (self.theme, self.tera) = load_theme(&self.options, &self.config)?;
        self.shortcodes = Arc::new(Shortcodes::new(
            &self.theme,
            self.tera.clone(),
            self.config.language,
        ));
        self.timings.lap("theme");
        Ok(())
    }

    /// Stage 1: walks the site and reads its sources.
    pub fn load(&mut self) -> Result<SiteFiles> {
        let mut files = load::load(&self.options.root)?;
        self.identify(&mut files.content_assets);
        self.timings.lap("load");
        Ok(files)
    }

    /// Stage 1 without the Markdown: every file's path (the preview server
    /// re-reads its sources one by one).
    pub fn load_assets(&self) -> Result<load::Walk> {
        let mut walk = load::assets(&self.options.root)?;
        self.identify(&mut walk.content_assets);
        Ok(walk)
    }

    /// Knows each photo by its bytes: its versions are named after them.
    fn identify(&self, assets: &mut [load::Asset]) {
        images::identity::identify(&self.options.root, assets, &self.config.images);
    }

    /// Stages 2–5b: from the sources to every output file in `sink`.
    /// `edited` names the one source (under `content/`) that changed since
    /// the last run, when the preview server knows that is all that did.
    pub fn run(
        &mut self,
        files: Sources<'_>,
        sink: &dyn Sink,
        edited: Option<&str>,
    ) -> Result<Run> {
        let model = self.model(files, edited)?;
        let warnings = model.warnings;
        let site = model.site;
        // Everything written goes through `hashing`: the offline reading
        // worker, written last, carries its digest as the build's id.
        let hashing = HashingSink::new(sink, render::offline::PAGE);
        let sink: &dyn Sink = &hashing;
        let (render, search) = rayon::join(
            || {
                let cache = self.caches.as_mut().map(|c| &mut c.pages);
                render::render(
                    &site,
                    &self.config,
                    &self.theme,
                    &self.tera,
                    sink,
                    cache,
                    model.patched.as_ref(),
                )
            },
            || match self.search {
                SearchIndex::WithPages => {
                    let t = Instant::now();
                    search_index(&site, sink).map(|stats| Some((stats, t.elapsed())))
                }
                SearchIndex::Later | SearchIndex::Off => Ok(None),
            },
        );
        let render = render.map_err(|e| with_warnings(e, &warnings))?;
        let search = search?;
        self.timings.lap(if search.is_some() {
            "render+search"
        } else {
            "render"
        });
        let (images, problems) = self.images(&site, sink)?;
        let worker = render::offline::worker(&self.config, &hashing.kept(), hashing.digest());
        hashing.write(render::offline::WORKER, &worker)?;
        let mut all = warnings;
        all.extend(problems);
        if all.has_errors() {
            return Err(Error::Content(all));
        }
        Ok(Run {
            site,
            render,
            search,
            images,
            warnings: all,
        })
    }

    /// Stages 2a, 3a, 2b and 3b: front matter, the catalog (what is
    /// published, where), Markdown, the site model. Fails with every
    /// diagnostic when any is an error.
    pub fn model(&mut self, mut files: Sources<'_>, edited: Option<&str>) -> Result<Model> {
        let opts = ModelOptions {
            drafts: self.options.drafts,
            now: time::OffsetDateTime::now_utc().unix_timestamp(),
        };
        if let Some(patched) = edited.and_then(|e| self.patch(files.files(), e, opts)) {
            self.timings.lap("model (patched)");
            let model = finish_model(patched.site, patched.diagnostics, patched.edit);
            self.rendering(model.is_ok());
            return model;
        }
        let mut fresh = Cache::for_one_run().in_zone(self.config.time_zone.clone());
        let cache = match &mut self.caches {
            Some(c) => &mut c.files,
            None => &mut fresh,
        };
        let parsed = parse::front_matter(files.files(), cache);
        self.timings.lap("front matter");
        let texts = files.take_bodies(&parsed);
        let files = files.files();
        let (catalog, diags) = model::catalog(files, &parsed, &self.config, opts);
        self.timings.lap("catalog");
        let mut diags = crate::frontmatter::fold_unknown_fields(diags);
        diags.extend(self.theme.warnings.iter().cloned());
        let options = markdown::Options2 {
            html: self.config.html,
            highlight: self.config.highlight,
            hard_breaks: self.config.hard_breaks,
        };
        let links = parse::Links {
            resolver: &catalog.resolver,
            hash: render_key(&self.shortcodes, options),
            options,
            shortcodes: self.shortcodes.as_ref(),
        };
        let bodies = parse::bodies(&catalog, texts, links, cache);
        let checked = model::anchors::check(catalog.entries().map(|e| e.src).zip(&bodies));
        self.timings.lap("markdown");
        let (mut site, mut base, partners) = model::assemble(files, &catalog, &bodies, diags);
        site.redirects = redirects(&site, &self.config, &mut base);
        base.extend(render::static_collisions(
            &site,
            self.config.paginate,
            &self.options.root,
            &self.config.base_url,
        ));
        self.timings.lap("assemble");
        let site = Arc::new(site);
        let mut diagnostics = base.clone();
        diagnostics.extend(checked);
        if let Some(caches) = &mut self.caches {
            let (hash, options) = (links.hash, links.options);
            caches.patch = Some(patch::Patch::new(
                (site.clone(), partners),
                files,
                catalog,
                bodies,
                (hash, options, self.shortcodes.clone()),
                base,
                self.config.paginate,
            ));
        }
        self.timings.lap("model");
        let model = finish_model(site, diagnostics, None);
        self.rendering(model.is_ok());
        model
    }

    /// Tells the kept patch whether the model just made will be rendered:
    /// a model with errors is not, and the pages' fingerprints stay an
    /// older model's.
    fn rendering(&mut self, rendered: bool) {
        if let Some(patch) = self.caches.as_mut().and_then(|c| c.patch.as_mut()) {
            patch.unrendered = !rendered;
        }
    }

    /// The last model patched after an edit to `edited` alone, when only its
    /// body changed. A patch that declines is dropped (it may have changed
    /// part of its model first); the model stage makes the next one.
    fn patch(
        &mut self,
        files: &SiteFiles,
        edited: &str,
        opts: ModelOptions,
    ) -> Option<patch::Patched> {
        let caches = self.caches.as_mut()?;
        let mut patch = caches.patch.take()?;
        let patched = patch.story(files, edited, opts, &mut caches.files)?;
        caches.patch = Some(patch);
        Some(patched)
    }

    /// Stage 5b: every photo's versions into `sink`, and their problems.
    /// The preview server reuses the last run's when the photos, the
    /// covers and the settings are the same ([`Pipeline::forget_images`]
    /// when a photo changed).
    fn images(
        &mut self,
        site: &Sites,
        sink: &dyn Sink,
    ) -> Result<(images::encode::Stats, Vec<Diagnostic>)> {
        let extra = site.extra_versions();
        let key = images_key(site, &extra, &self.config);
        let root = &self.options.root;
        let report = |done: usize, total: usize| {
            if let Some(p) = &self.progress {
                p("images", done, total);
            }
        };
        let result = match &mut self.caches {
            None => images::encode::process(
                root,
                &site.assets,
                &extra,
                &self.config.images,
                sink,
                &report,
            )?,
            Some(caches) => {
                if caches.images.as_ref().is_none_or(|d| d.key != key) {
                    let recorder = MemorySink::default();
                    let (stats, problems) = images::encode::process(
                        root,
                        &site.assets,
                        &extra,
                        &self.config.images,
                        &recorder,
                        &report,
                    )?;
                    let (_, copies) = recorder.into_parts();
                    caches.images = Some(ImagesDone {
                        key,
                        copies: copies.into_iter().collect(),
                        stats,
                        problems,
                    });
                }
                let Some(done) = &caches.images else {
                    return Ok(Default::default());
                };
                use rayon::prelude::*;
                done.copies
                    .par_iter()
                    .try_for_each(|(path, src)| sink.copy(src, path))?;
                (done.stats, done.problems.clone())
            }
        };
        if result.0.images > 0 {
            self.timings.lap("images");
        }
        Ok(result)
    }

    /// Forgets the photos of the last run (a photo was added, changed or
    /// removed).
    pub fn forget_images(&mut self) {
        if let Some(c) = &mut self.caches {
            c.images = None;
        }
    }

    /// The pages the last model made from the files at `saved` (under
    /// `content/`): where a story saved was before the save, so that a page
    /// it takes away (withdrawn, deleted, moved) goes first as one taken
    /// away ([`render::First::saved`] finds where the new model puts them).
    pub fn pages_before(&self, saved: &[String]) -> std::collections::HashSet<String> {
        self.caches
            .as_ref()
            .and_then(|c| c.patch.as_ref())
            .map(|patch| patch.site.pages_from(saved))
            .unwrap_or_default()
    }
}

/// Stage 5: the search index of `sites` into `sink`.
pub fn search_index(sites: &Sites, sink: &dyn Sink) -> Result<search::Stats> {
    use rayon::prelude::*;
    let index = search::build_sites(sites);
    index
        .files
        .par_iter()
        .try_for_each(|(path, body)| sink.write(path, body))?;
    Ok(index.stats)
}

/// Reads and validates `ROOT/cerita.yaml`, with the options' overrides.
pub fn read_config(options: &Options) -> Result<Config> {
    let root = &options.root;
    let path = root.join("cerita.yaml");
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(content(vec![
                Diagnostic::error(format!("no `cerita.yaml` in {}", root.display()))
                    .with_hint("run cerita in the site folder, pass --root DIR, or create a site with `cerita init DIR`"),
            ]));
        }
        Err(e) => return Err(Error::io(path, "read", e)),
    };
    let name = std::path::Path::new("cerita.yaml");
    let text = load::decode(name, bytes).map_err(|d| content(vec![d]))?;
    let mut config = Config::parse(name, &text).map_err(content)?;
    if let Some(url) = &options.base_url {
        let (url, path) = config::normalise_base_url(url).ok_or_else(|| {
            Error::Other(format!(
                "--base-url `{url}` is not an absolute http(s) URL (e.g. https://example.org/cerita/)"
            ))
        })?;
        config.base_url = url;
        config.base_path = path;
    }
    if options.no_images {
        config.images.enabled = false;
    }
    Ok(config)
}

fn load_theme(options: &Options, config: &Config) -> Result<(Theme, Arc<Tera>)> {
    let theme = theme::load(&options.root, config).map_err(content)?;
    let tera = theme::compile(&theme, config).map_err(content)?;
    Ok((theme, tera))
}

/// The old addresses of `site` (`aliases:`), with the site's own
/// `static/_redirects` rules to write before them.
fn redirects(site: &Sites, config: &Config, diags: &mut Vec<Diagnostic>) -> model::Redirects {
    let (list, problems) = render::redirects::plan(site, config.paginate);
    diags.extend(problems);
    let own = site
        .assets
        .iter()
        .find(|a| !a.content && a.out == render::redirects::RULES);
    let own_rules = match own {
        Some(a) if !list.is_empty() => match std::fs::read_to_string(&a.src) {
            Ok(text) => Some(text),
            Err(e) => {
                diags.push(
                    Diagnostic::error(format!("cannot read the site's `_redirects`: {e}"))
                        .at_path(&a.src),
                );
                None
            }
        },
        _ => None,
    };
    model::Redirects { list, own_rules }
}

fn content(diags: Vec<Diagnostic>) -> Error {
    Error::Content(diags.into_iter().collect())
}

/// A model and its diagnostics, sorted; an error if any is one.
fn finish_model(
    site: Arc<Sites>,
    diags: Vec<Diagnostic>,
    patched: Option<model::Edit>,
) -> Result<Model> {
    let mut warnings: Diagnostics = diags.into_iter().collect();
    warnings.sort();
    if warnings.has_errors() {
        return Err(Error::Content(warnings));
    }
    Ok(Model {
        site,
        warnings,
        patched,
    })
}

/// A later stage's errors come back with the earlier stages' warnings, so
/// one report lists everything.
fn with_warnings(e: Error, warnings: &Diagnostics) -> Error {
    match e {
        Error::Content(d) => {
            let mut all = warnings.clone();
            all.extend(d);
            Error::Content(all)
        }
        other => other,
    }
}

/// What the photos of a run are made from: every asset's path and size,
/// the covers and gallery photos, the image settings.
fn images_key(site: &Sites, extra: &images::naming::Extra, config: &Config) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for a in &site.assets {
        h.update(
            format!(
                "{}\0{}\0{:?}\0{:?}\0{}\0",
                a.src.display(),
                a.out,
                a.size,
                a.hash,
                a.content
            )
            .as_bytes(),
        );
    }
    for c in &extra.covers {
        h.update(c.as_bytes());
        h.update(&[0]);
    }
    h.update(&[1]);
    for t in &extra.thumbs {
        h.update(t.as_bytes());
        h.update(&[0]);
    }
    h.update(format!("{:?}", config.images).as_bytes());
    h.digest()
}

/// What every Markdown render depends on besides its text and the link
/// table's answers ([`parse::Asked`]): the shortcodes' templates and
/// strings, and the options.
fn render_key(shortcodes: &Shortcodes, options: markdown::Options2) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&shortcodes.fingerprint().to_le_bytes());
    h.update(&[
        u8::from(options.html == crate::config::HtmlPolicy::Safe),
        u8::from(options.highlight),
        u8::from(options.hard_breaks),
    ]);
    h.digest()
}
