//! The renderer of one site model with one set of compiled templates: what
//! every page shares (site, nav, the theme's strings, in reused contexts),
//! story views, listings, and rendering a list of pages in parallel into a
//! sink. Each page kind's own values are in `pages.rs`.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;
use tera::{Context, Tera};

use super::context::{Nav, NavPage, Paginator, SiteView, StoryView, Urls};
use super::job::{Job, pages_of};
use super::value;
use crate::config::Config;
use crate::error::{Diagnostic, Error};
use crate::lang::Lang;
use crate::model::{Site, urls};
use crate::output::Sink;
use crate::partial::SharedContexts;
use crate::theme::{Theme, template_error};

/// Renders pages of one site model with one set of templates.
pub struct Renderer<'a> {
    pub(super) site: &'a Site,
    pub(super) config: &'a Config,
    pub(super) theme: &'a Theme,
    tera: &'a Tera,
    pub(super) site_view: Value,
    pub(super) nav: Value,
    pub(super) urls: Urls,
    /// What every page in a language shares (`site`, `nav`, `t`, `lang`,
    /// `locale`), in contexts reused from page to page.
    shared: SharedContexts,
}

/// A page's own template values, built as one JSON object and moved into a
/// shared context whole: each value goes in once, without a
/// serialise-and-copy per key.
pub(super) struct Ctx {
    pub(super) lang: Lang,
    pub(super) map: serde_json::Map<String, Value>,
}

impl Ctx {
    pub(super) fn put(&mut self, key: &str, value: Value) {
        self.map.insert(key.to_string(), value);
    }

    /// Our view structs always serialise (string keys, no failing impls).
    pub(super) fn ser<T: Serialize>(&mut self, key: &str, value: &T) {
        self.put(key, value::to_value(value));
    }
}

impl<'a> Renderer<'a> {
    pub fn new(site: &'a Site, config: &'a Config, theme: &'a Theme, tera: &'a Tera) -> Self {
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
            home: config.url(urls::HOME),
            partners: config.url(urls::PARTNERS),
            tags: config.url(&urls::taxonomy(crate::model::TaxonomyKind::Tags)),
            archive: config.url(urls::ARCHIVE),
            search: config.url(urls::SEARCH),
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
            site_view,
            nav,
            urls: Urls::new(site, config),
            shared: SharedContexts::default(),
        }
    }

    pub fn site(&self) -> &'a Site {
        self.site
    }

    /// Every HTML page of the site, in a fixed order.
    pub fn jobs(&self) -> Vec<Job> {
        Job::all(self.site, self.config.paginate)
    }

    /// Output file path of a job (`stories/x/index.html`).
    pub fn output_path(&self, job: Job) -> String {
        job.output_path(self.site)
    }

    pub(super) fn t(&self, lang: Lang) -> &Value {
        static EMPTY: Value = Value::Null;
        let i18n = &self.theme.i18n;
        i18n.get(&lang)
            .or_else(|| i18n.get(&self.config.language))
            .unwrap_or(&EMPTY)
    }

    /// A UI string of the site's language, or `fallback`.
    pub(super) fn label(&self, key: &str, fallback: &str) -> String {
        self.t(self.config.language)
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or(fallback)
            .to_string()
    }

    /// The values every page has: its kind, path, permalink, title,
    /// description (the site's when empty) and feed.
    pub(super) fn base(&self, job: Job, lang: Lang, title: &str, description: &str) -> Ctx {
        let path = job.path(self.site);
        let mut c = Ctx {
            lang,
            map: serde_json::Map::new(),
        };
        c.put("kind", job.name().into());
        c.put("path", self.config.url(&path).into());
        c.put("permalink", self.config.permalink(&path).into());
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
        c.put("feed_url", self.config.url(&job.feed(self.site)).into());
        c
    }

    /// What every page in `lang` shares.
    fn shared(&self, lang: Lang) -> Context {
        let mut c = Context::new();
        c.insert("site", &self.site_view);
        c.insert("nav", &self.nav);
        c.insert("lang", lang.code());
        c.insert("locale", &lang.locale());
        c.insert("t", self.t(lang));
        c
    }

    /// Story `i`'s view: as in lists, or `full` for its own page. Built for
    /// each page that shows it: keeping views from page to page, cloned or
    /// moved, was no faster and held memory; see BENCHMARKS.md.
    pub(super) fn view(&self, i: usize, full: bool) -> Value {
        StoryView::new(self.site, &self.urls, i, full).map_or(Value::Null, |v| value::to_value(&v))
    }

    pub(super) fn stories(&self, ids: &[usize]) -> Value {
        Value::Array(
            ids.iter()
                .filter(|&&i| i < self.site.stories.len())
                .map(|&i| self.view(i, false))
                .collect(),
        )
    }

    /// One page of a listing: its stories and paginator.
    pub(super) fn listing(&self, c: &mut Ctx, base: &str, ids: &[usize], n: usize) {
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

    /// Renders one page: its output path and HTML.
    fn render_job(&self, job: Job) -> Result<(String, String), Diagnostic> {
        let ctx = self.context(job);
        let html = self
            .shared
            .with(
                ctx.lang,
                || self.shared(ctx.lang),
                ctx.map,
                |context| {
                    let _guard = crate::limits::PageGuard::start();
                    self.tera.render(job.template(), context)
                },
            )
            .and_then(|r| r)
            .map_err(|e| template_error(self.theme, &e))?;
        Ok((self.output_path(job), html))
    }

    /// Renders `jobs` in parallel into `sink`. Template errors are collected
    /// (one per template and message) and returned together. Returns the
    /// CPU time spent per kind of page.
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
            let start = Instant::now();
            let result = self.render_job(*job);
            if let Ok(mut m) = cpu.lock() {
                *m.entry(job.count_kind()).or_default() += start.elapsed();
            }
            match result {
                Ok((path, html)) => sink.write(&path, html.as_bytes()),
                Err(d) => {
                    if let Ok(mut list) = errors.lock() {
                        if !list
                            .iter()
                            .any(|x| x.message == d.message && x.path == d.path)
                        {
                            list.push(d);
                        }
                    }
                    Ok(())
                }
            }
        })?;
        let errors = errors.into_inner().unwrap_or_default();
        if errors.is_empty() {
            Ok(cpu.into_inner().unwrap_or_default())
        } else {
            Err(Error::Content(errors.into_iter().collect()))
        }
    }
}
