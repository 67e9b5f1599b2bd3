//! Stage 4: the site model → output files, rendered in parallel.
//!
//! Every output file is one [`Job`]; jobs render independently (templates
//! compiled once, views borrowed from the model) and hand their bytes to a
//! [`crate::output::Sink`]. The sink decides what happens to them (staging directory, memory,
//! nothing for `check`): this module has no disk policy.

pub mod context;
pub mod feeds;
mod fingerprint;
mod value;

pub use fingerprint::Fingerprints;

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;
use tera::{Context, Tera};

use crate::config::{Config, Lang};
use crate::error::{Diagnostic, Error};
use crate::model::{Site, TaxonomyKind};
use crate::output::Sink;
use crate::partial::SharedContexts;
use crate::theme::{StaticFile, Theme, template_error};
use context::{
    ArchiveItem, Nav, NavPage, Paginator, PartnerView, SiteView, StoryView, TermView, Urls,
    page_path,
};

/// `value` as page contexts hold it (for the property tests).
#[doc(hidden)]
pub fn template_value(value: &Value) -> Value {
    value::to_value(value)
}

#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// Serve mode: templates get `live_reload = true`.
    pub live_reload: bool,
    /// Do not build the search index (`cerita check` validates pages only).
    pub skip_search: bool,
}

/// What was written, by kind (for the summary line).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RenderReport {
    pub counts: BTreeMap<&'static str, usize>,
    /// CPU time spent rendering each kind of page (summed over threads).
    pub cpu: BTreeMap<&'static str, Duration>,
    /// The search index: what it holds and how long it took (wall time).
    pub search: Option<(crate::search::Stats, Duration)>,
}

/// One HTML page to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Job {
    Home(usize),
    Story(usize),
    Page(usize),
    Partners,
    Partner(usize, usize),
    Taxonomy(TaxonomyKind),
    Term(TaxonomyKind, usize, usize),
    Archive,
    Search,
    NotFound,
}

impl Job {
    /// The template that renders this page.
    pub fn template(self) -> &'static str {
        match self {
            Job::Home(_) => "index.html",
            Job::Story(_) => "story.html",
            Job::Page(_) => "page.html",
            Job::Partners => "partners.html",
            Job::Partner(..) => "partner.html",
            Job::Taxonomy(_) => "taxonomy.html",
            Job::Term(..) => "term.html",
            Job::Archive => "archive.html",
            Job::Search => "search.html",
            Job::NotFound => "404.html",
        }
    }

    fn kind(self) -> &'static str {
        match self {
            Job::Story(_) => "stories",
            Job::Page(_) => "pages",
            Job::Partners | Job::Partner(..) => "partner pages",
            Job::Taxonomy(_) | Job::Term(..) => "topic pages",
            Job::Home(_) | Job::Archive | Job::Search | Job::NotFound => "listings",
        }
    }
}

/// Every kind [`RenderReport::counts`] counts, in the order reports list them.
pub const COUNT_KINDS: [&str; 7] = [
    "stories",
    "pages",
    "partner pages",
    "topic pages",
    "listings",
    "feeds",
    "files",
];

/// The count kind named `name`.
pub fn count_kind(name: &str) -> Option<&'static str> {
    COUNT_KINDS.iter().copied().find(|k| *k == name)
}

/// Renders pages of one site model with one set of templates.
pub struct Renderer<'a> {
    site: &'a Site,
    config: &'a Config,
    theme: &'a Theme,
    tera: &'a Tera,
    opts: RenderOptions,
    site_view: Value,
    nav: Value,
    urls: Urls,
    /// What every page in a language shares (`site`, `nav`, `t`, `lang`,
    /// `locale`, `live_reload`), in contexts reused from page to page.
    shared: SharedContexts,
}

/// A page's own template values, built as one JSON object and moved into a
/// shared context whole: each value goes in once, without a
/// serialise-and-copy per key.
struct Ctx {
    lang: Lang,
    map: serde_json::Map<String, Value>,
}

impl Ctx {
    fn put(&mut self, key: &str, value: Value) {
        self.map.insert(key.to_string(), value);
    }

    /// Our view structs always serialise (string keys, no failing impls).
    fn ser<T: Serialize>(&mut self, key: &str, value: &T) {
        self.put(key, value::to_value(value));
    }
}

/// Index order: by name ignoring case, then by slug.
fn by_name(a: (&str, &str), b: (&str, &str)) -> std::cmp::Ordering {
    a.0.to_lowercase()
        .cmp(&b.0.to_lowercase())
        .then_with(|| a.1.cmp(b.1))
}

fn pages_of(items: usize, per: usize) -> usize {
    items.div_ceil(per).max(1)
}

/// Renders the whole site into `sink`. Template errors are collected (one per
/// template and message) and returned together.
pub fn render(
    site: &Site,
    config: &Config,
    theme: &Theme,
    tera: &Tera,
    opts: RenderOptions,
    sink: &dyn Sink,
) -> Result<RenderReport, Error> {
    let r = Renderer::new(site, config, theme, tera, opts);
    let jobs = r.jobs();
    // The search index needs only the model: it is built while pages render,
    // filling the cores that page rendering leaves idle.
    let (cpu, search) = rayon::join(
        || r.render_pages(&jobs, sink),
        || -> Result<_, Error> {
            if opts.skip_search {
                return Ok(None);
            }
            let t = Instant::now();
            let index = crate::search::build(site);
            index
                .files
                .par_iter()
                .try_for_each(|(path, body)| sink.write(path, body))?;
            Ok(Some((index.stats, t.elapsed())))
        },
    );
    let cpu = cpu?;
    let extras = r.extras(&jobs);
    write_all(&extras, sink)?;
    copy_statics(theme, site, &config.images, sink)?;
    let mut report = RenderReport {
        search: search?,
        ..Default::default()
    };
    for j in &jobs {
        *report.counts.entry(j.kind()).or_insert(0) += 1;
    }
    report.counts.insert(
        "feeds",
        extras
            .iter()
            .filter(|(p, _)| p.ends_with("atom.xml"))
            .count(),
    );
    report
        .counts
        .insert("files", theme.statics.len() + site.assets.len());
    report.cpu = cpu;
    Ok(report)
}

/// Writes in-memory files in parallel; the first I/O error wins.
pub fn write_all(files: &[(String, String)], sink: &dyn Sink) -> Result<(), Error> {
    files
        .par_iter()
        .try_for_each(|(path, body)| sink.write(path, body.as_bytes()))
}

/// Theme static files, then content assets and the site's `static/` folder.
pub fn copy_statics(
    theme: &Theme,
    site: &Site,
    images: &crate::config::ImageConfig,
    sink: &dyn Sink,
) -> Result<(), Error> {
    let statics: Vec<&StaticFile> = theme.statics.values().collect();
    statics.par_iter().try_for_each(|f| match f {
        StaticFile::BuiltIn { out, data } => sink.write(out, data),
        StaticFile::File { out, src } => sink.copy(src, out),
    })?;
    // Photos cerita resizes are written by `images::process` instead.
    site.assets
        .par_iter()
        .filter(|a| !(a.content && crate::images::is_processed(&a.out, images)))
        .try_for_each(|a| sink.copy(&a.src, &a.out))
}

impl<'a> Renderer<'a> {
    pub fn new(
        site: &'a Site,
        config: &'a Config,
        theme: &'a Theme,
        tera: &'a Tera,
        opts: RenderOptions,
    ) -> Self {
        let site_view = serde_json::to_value(SiteView {
            title: &config.title,
            description: &config.description,
            base_url: &config.base_url,
            language: config.language.code(),
            author: config.author.as_deref(),
            extra: &config.extra,
        })
        .unwrap_or(Value::Null);
        let nav = serde_json::to_value(Nav {
            home: config.url(""),
            partners: config.url("partners/"),
            tags: config.url("tags/"),
            archive: config.url("archive/"),
            search: config.url("search/"),
            pages: site
                .pages
                .iter()
                .map(|p| NavPage {
                    title: &p.meta.title,
                    url: config.url(&p.url),
                })
                .collect(),
        })
        .unwrap_or(Value::Null);
        Renderer {
            site,
            config,
            theme,
            tera,
            opts,
            site_view,
            nav,
            urls: Urls::new(site, config),
            shared: SharedContexts::default(),
        }
    }

    /// Every HTML page of the site, in a fixed order.
    pub fn jobs(&self) -> Vec<Job> {
        let per = self.config.paginate;
        let s = self.site;
        let mut jobs: Vec<Job> = (1..=pages_of(s.stories.len(), per))
            .map(Job::Home)
            .collect();
        jobs.extend((0..s.stories.len()).map(Job::Story));
        jobs.extend((0..s.pages.len()).map(Job::Page));
        jobs.push(Job::Partners);
        for (i, p) in s.partners.iter().enumerate() {
            jobs.extend((1..=pages_of(p.stories.len(), per)).map(|n| Job::Partner(i, n)));
        }
        for kind in TaxonomyKind::ALL {
            jobs.push(Job::Taxonomy(kind));
            for (i, t) in s.terms(kind).iter().enumerate() {
                jobs.extend((1..=pages_of(t.stories.len(), per)).map(|n| Job::Term(kind, i, n)));
            }
        }
        jobs.extend([Job::Archive, Job::Search, Job::NotFound]);
        jobs
    }

    /// Site-relative URL path of a job's page.
    /// Site-relative URL path of a job's page.
    pub fn path_of(&self, job: Job) -> String {
        match job {
            Job::Home(n) => page_path("", n),
            Job::Story(i) => self.site.stories[i].url.clone(),
            Job::Page(i) => self.site.pages[i].url.clone(),
            Job::Partners => "partners/".into(),
            Job::Partner(i, n) => {
                page_path(&format!("partners/{}/", self.site.partners[i].slug), n)
            }
            Job::Taxonomy(k) => format!("{}/", k.key()),
            Job::Term(k, i, n) => {
                page_path(&format!("{}/{}/", k.key(), self.site.terms(k)[i].slug), n)
            }
            Job::Archive => "archive/".into(),
            Job::Search => "search/".into(),
            Job::NotFound => "404.html".into(),
        }
    }

    fn t(&self, lang: Lang) -> &Value {
        static EMPTY: Value = Value::Null;
        self.theme.i18n.get(&lang).unwrap_or(&EMPTY)
    }

    fn label(&self, key: &str, fallback: &str) -> String {
        self.t(self.config.language)
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or(fallback)
            .to_string()
    }

    #[allow(clippy::too_many_arguments)]
    fn base(
        &self,
        kind: &str,
        path: &str,
        lang: Lang,
        title: &str,
        description: &str,
        feed_path: &str,
    ) -> Ctx {
        let mut c = Ctx {
            lang,
            map: serde_json::Map::new(),
        };
        c.put("kind", kind.into());
        c.put("path", self.config.url(path).into());
        c.put("permalink", self.config.permalink(path).into());
        c.put("title", title.into());
        c.put(
            "description",
            if description.is_empty() {
                self.config.description.as_str()
            } else {
                description
            }
            .into(),
        );
        c.put("feed_url", self.config.url(feed_path).into());
        c
    }

    /// What every page in `lang` shares.
    fn shared(&self, lang: Lang) -> Context {
        let mut c = Context::new();
        c.insert("site", &self.site_view);
        c.insert("nav", &self.nav);
        c.insert("lang", lang.code());
        c.insert("locale", lang.locale());
        c.insert("t", self.t(lang));
        c.insert("live_reload", &self.opts.live_reload);
        c
    }

    /// Renders `template` with the shared values of `ctx`'s language and
    /// `ctx`'s own.
    fn render_with(&self, template: &str, ctx: Ctx) -> tera::Result<String> {
        self.shared.with(
            ctx.lang,
            || self.shared(ctx.lang),
            ctx.map,
            |context| {
                let _guard = crate::limits::PageGuard::start();
                self.tera.render(template, context)
            },
        )?
    }

    /// Story `i`'s view: as in lists, or `full` for its own page. Built for
    /// each page that shows it: keeping views from page to page, cloned or
    /// moved, was no faster and held memory; see BENCHMARKS.md.
    fn view(&self, i: usize, full: bool) -> Value {
        StoryView::new(self.site, &self.urls, i, full).map_or(Value::Null, |v| value::to_value(&v))
    }

    fn stories(&self, ids: &[usize]) -> Value {
        Value::Array(
            ids.iter()
                .filter(|&&i| i < self.site.stories.len())
                .map(|&i| self.view(i, false))
                .collect(),
        )
    }

    /// One page of a listing: its stories and paginator.
    fn listing(&self, c: &mut Ctx, base: &str, ids: &[usize], n: usize) {
        let per = self.config.paginate;
        let total = pages_of(ids.len(), per);
        let start = (n - 1) * per;
        let slice = ids.get(start..(start + per).min(ids.len())).unwrap_or(&[]);
        c.put("stories", self.stories(slice));
        c.ser(
            "paginator",
            &Paginator::new(self.config, base, n, total, ids.len()),
        );
    }

    /// Output file path of a job (`stories/x/index.html`).
    pub fn output_path(&self, job: Job) -> String {
        let path = self.path_of(job);
        if path.ends_with(".html") {
            path
        } else {
            format!("{path}index.html")
        }
    }

    /// Renders `jobs` in parallel into `sink`.
    /// Returns the CPU time spent per kind of page.
    pub fn render_pages(
        &self,
        jobs: &[Job],
        sink: &dyn Sink,
    ) -> Result<BTreeMap<&'static str, Duration>, Error> {
        let errors: Mutex<Vec<Diagnostic>> = Mutex::new(Vec::new());
        let cpu: Mutex<BTreeMap<&'static str, Duration>> = Mutex::new(BTreeMap::new());
        // The archive, one long page listing every story, goes first: its
        // context is briefly large, and memory is lowest before the
        // other pages fill the partial cache and the search index grows.
        let order: Vec<&Job> = jobs
            .iter()
            .filter(|j| matches!(j, Job::Archive))
            .chain(jobs.iter().filter(|j| !matches!(j, Job::Archive)))
            .collect();
        order.par_iter().try_for_each(|&job| {
            {
                let start = Instant::now();
                let result = self.render_job(*job);
                if let Ok(mut m) = cpu.lock() {
                    *m.entry(job.kind()).or_default() += start.elapsed();
                }
                result
            }
            .map_or_else(
                |d| {
                    if let Ok(mut list) = errors.lock() {
                        if !list
                            .iter()
                            .any(|x| x.message == d.message && x.path == d.path)
                        {
                            list.push(d);
                        }
                    }
                    Ok(())
                },
                |(path, html)| sink.write(&path, html.as_bytes()),
            )
        })?;
        let errors = errors.into_inner().unwrap_or_default();
        if errors.is_empty() {
            Ok(cpu.into_inner().unwrap_or_default())
        } else {
            Err(Error::Content(errors.into_iter().collect()))
        }
    }

    /// Every Atom feed: `(feed path, title, page path, the stories it lists)`,
    /// the stories cut to `feed_limit`.
    fn feeds(&self) -> Vec<(String, String, String, Vec<usize>)> {
        let (site, config) = (self.site, self.config);
        let limit = config.feed_limit;
        let mut out = vec![(
            "atom.xml".to_string(),
            config.title.clone(),
            String::new(),
            (0..site.stories.len().min(limit)).collect(),
        )];
        let lists = site
            .partners
            .iter()
            .map(|p| ("partners", &p.slug, &p.name, &p.stories))
            .chain(
                site.tags
                    .iter()
                    .map(|t| ("tags", &t.slug, &t.name, &t.stories)),
            );
        for (kind, slug, name, stories) in lists {
            let base = format!("{kind}/{slug}/");
            out.push((
                format!("{base}atom.xml"),
                format!("{name} · {}", config.title),
                base,
                stories.iter().copied().take(limit).collect(),
            ));
        }
        out
    }

    /// Feeds, `sitemap.xml` and `robots.txt` for the pages in `jobs`.
    pub fn extras(&self, jobs: &[Job]) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = self
            .feeds()
            .into_par_iter()
            .map(|(feed, title, base, stories)| {
                let xml = feeds::atom(self.config, self.site, &title, &base, &feed, &stories);
                (feed, xml)
            })
            .collect();
        out.extend(self.sitemap_and_robots(jobs));
        out
    }

    /// [`Renderer::extras`], reusing a feed from `cache` (path → (inputs
    /// hash, bytes)) when the stories it lists and the site are unchanged;
    /// `cache` is left holding this build's feeds.
    pub fn extras_reusing(
        &self,
        jobs: &[Job],
        fps: &fingerprint::Fingerprints,
        cache: &mut HashMap<String, (u64, Arc<Vec<u8>>)>,
    ) -> Vec<(String, Arc<Vec<u8>>)> {
        let mut next: HashMap<String, (u64, Arc<Vec<u8>>)> = HashMap::new();
        let mut out = Vec::new();
        for (feed, title, base, stories) in self.feeds() {
            let mut h = xxhash_rust::xxh3::Xxh3::new();
            h.update(&fps.global.to_le_bytes());
            h.update(title.as_bytes());
            for &i in &stories {
                h.update(&fps.pages.get(i).copied().unwrap_or(0).to_le_bytes());
            }
            let key = h.digest();
            let bytes = match cache.get(&feed) {
                Some((k, b)) if *k == key => b.clone(),
                _ => Arc::new(
                    feeds::atom(self.config, self.site, &title, &base, &feed, &stories)
                        .into_bytes(),
                ),
            };
            next.insert(feed.clone(), (key, bytes.clone()));
            out.push((feed, bytes));
        }
        *cache = next;
        out.extend(
            self.sitemap_and_robots(jobs)
                .into_iter()
                .map(|(p, b)| (p, Arc::new(b.into_bytes()))),
        );
        out
    }

    fn sitemap_and_robots(&self, jobs: &[Job]) -> Vec<(String, String)> {
        let (site, config) = (self.site, self.config);
        let mut out = Vec::new();
        let sitemap_pages: Vec<(String, Option<String>)> = jobs
            .iter()
            .filter(|j| !matches!(j, Job::NotFound))
            .map(|j| {
                let lastmod = match j {
                    Job::Story(i) => site.stories[*i]
                        .meta
                        .updated
                        .or(site.stories[*i].meta.date)
                        .map(|d| d.ymd()),
                    _ => None,
                };
                (self.path_of(*j), lastmod)
            })
            .collect();
        out.push(("sitemap.xml".into(), feeds::sitemap(config, &sitemap_pages)));
        out.push(("robots.txt".into(), feeds::robots(config)));
        out
    }

    fn render_job(&self, job: Job) -> Result<(String, String), Diagnostic> {
        let site = self.site;
        let cfg = self.config;
        let path = self.path_of(job);
        let lang = cfg.language;
        let (template, ctx) = match job {
            Job::Home(n) => {
                let title = if n > 1 {
                    format!("{} {n}", self.label("page_n", "Halaman"))
                } else {
                    cfg.title.clone()
                };
                let mut c = self.base("home", &path, lang, &title, "", "atom.xml");
                let all: Vec<usize> = (0..site.stories.len()).collect();
                self.listing(&mut c, "", &all, n);
                ("index.html", c)
            }
            Job::Story(i) => {
                let s = &site.stories[i];
                let mut c = self.base(
                    "story",
                    &path,
                    s.lang,
                    &s.meta.title,
                    &s.summary,
                    "atom.xml",
                );
                c.put("story", self.view(i, true));
                c.put("related", self.stories(&s.related));
                c.put(
                    "newer",
                    i.checked_sub(1)
                        .map_or(Value::Null, |j| self.view(j, false)),
                );
                c.put("older", self.view(i + 1, false));
                ("story.html", c)
            }
            Job::Page(i) => {
                let p = &site.pages[i];
                let mut c = self.base("page", &path, p.lang, &p.meta.title, &p.summary, "atom.xml");
                c.ser(
                    "page",
                    &PageView {
                        title: &p.meta.title,
                        url: cfg.url(&p.url),
                        permalink: cfg.permalink(&p.url),
                        content: &p.md.html,
                        toc: &p.md.toc,
                        lang: p.lang.code(),
                        extra: &p.meta.extra,
                        summary: &p.summary,
                    },
                );
                ("page.html", c)
            }
            Job::Partners => {
                let mut c = self.base(
                    "partners",
                    &path,
                    lang,
                    &self.label("partners", "Mitra"),
                    "",
                    "atom.xml",
                );
                let mut list: Vec<PartnerView<'_>> = (0..site.partners.len())
                    .filter_map(|i| PartnerView::new(site, &self.urls, i, false))
                    .collect();
                list.sort_by(|a, b| by_name((a.name, a.slug), (b.name, b.slug)));
                c.ser("partners", &list);
                ("partners.html", c)
            }
            Job::Partner(i, n) => {
                let p = &site.partners[i];
                let base = format!("partners/{}/", p.slug);
                let view = PartnerView::new(site, &self.urls, i, true);
                let mut c = self.base(
                    "partner",
                    &path,
                    lang,
                    &p.name,
                    view.as_ref().map_or("", |v| v.summary),
                    &format!("{base}atom.xml"),
                );
                c.ser("partner", &view);
                self.listing(&mut c, &base, &p.stories, n);
                ("partner.html", c)
            }
            Job::Taxonomy(kind) => {
                let title = self.label(kind.key(), kind.key());
                let mut c = self.base("taxonomy", &path, lang, &title, "", "atom.xml");
                let mut terms: Vec<TermView<'_>> = (0..site.terms(kind).len())
                    .filter_map(|i| TermView::new(site, &self.urls, kind, i))
                    .collect();
                terms.sort_by(|a, b| by_name((a.name, a.slug), (b.name, b.slug)));
                c.ser(
                    "taxonomy",
                    &TaxonomyView {
                        kind: kind.key(),
                        url: cfg.url(&format!("{}/", kind.key())),
                    },
                );
                c.ser("terms", &terms);
                ("taxonomy.html", c)
            }
            Job::Term(kind, i, n) => {
                let t = &site.terms(kind)[i];
                let base = format!("{}/{}/", kind.key(), t.slug);
                let feed = if kind == TaxonomyKind::Tags {
                    format!("{base}atom.xml")
                } else {
                    "atom.xml".to_string()
                };
                let mut c = self.base("term", &path, lang, &t.name, "", &feed);
                c.ser(
                    "taxonomy",
                    &TaxonomyView {
                        kind: kind.key(),
                        url: cfg.url(&format!("{}/", kind.key())),
                    },
                );
                c.ser("term", &TermView::new(site, &self.urls, kind, i));
                self.listing(&mut c, &base, &t.stories, n);
                ("term.html", c)
            }
            Job::Archive => {
                let mut c = self.base(
                    "archive",
                    &path,
                    lang,
                    &self.label("archive_title", "Arsip"),
                    "",
                    "atom.xml",
                );
                let years: Vec<YearView<'_>> = site
                    .years
                    .iter()
                    .map(|(y, ids)| YearView {
                        year: *y,
                        stories: ids
                            .iter()
                            .filter_map(|&i| ArchiveItem::new(site, &self.urls, i))
                            .collect(),
                    })
                    .collect();
                c.ser("years", &years);
                ("archive.html", c)
            }
            Job::Search => (
                "search.html",
                self.base(
                    "search",
                    &path,
                    lang,
                    &self.label("search_title", "Cari"),
                    "",
                    "atom.xml",
                ),
            ),
            Job::NotFound => (
                "404.html",
                self.base(
                    "404",
                    &path,
                    lang,
                    &self.label("not_found_title", "Halaman tidak ditemukan"),
                    "",
                    "atom.xml",
                ),
            ),
        };
        let html = self
            .render_with(template, ctx)
            .map_err(|e| template_error(self.theme, &e))?;
        let out = if path.ends_with(".html") {
            path
        } else {
            format!("{path}index.html")
        };
        Ok((out, html))
    }
}

#[derive(Serialize)]
struct PageView<'a> {
    title: &'a str,
    url: String,
    permalink: String,
    content: &'a str,
    toc: &'a [crate::markdown::TocEntry],
    lang: &'static str,
    extra: &'a serde_json::Map<String, Value>,
    summary: &'a str,
}

#[derive(Serialize)]
struct TaxonomyView<'a> {
    kind: &'a str,
    url: String,
}

#[derive(Serialize)]
struct YearView<'a> {
    year: Option<i32>,
    stories: Vec<ArchiveItem<'a>>,
}
