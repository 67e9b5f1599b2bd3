//! The renderer of one site model with one set of compiled templates: what
//! every page shares (site, nav, the theme's strings, in reused contexts),
//! story views, listings, and rendering a list of pages in parallel into a
//! sink. Each page kind's own values are in `pages.rs`.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;
use tera::{Context, Tera};

use super::context::{Alternate, LangLink, Nav, NavPage, Paginator, SiteView, StoryView, Urls};
use super::job::{Job, pages_of};
use super::value;
use crate::config::{Config, Language};
use crate::error::{Diagnostic, Error};
use crate::lang::Lang;
use crate::model::{Site, Sites, urls};
use crate::output::Sink;
use crate::partial::SharedContexts;
use crate::theme::{Theme, template_error};

/// Renders the pages of one language section of a site model with one set
/// of templates.
pub struct Renderer<'a> {
    pub(super) sites: &'a Sites,
    /// The section rendered: `sites.langs[section]`.
    pub(super) section: usize,
    pub(super) site: &'a Site,
    /// The section's language, with the site's title and description in it.
    pub(super) language: Language,
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
    /// The renderer of section `section` of `sites` (none is the default
    /// language's).
    pub fn new(
        sites: &'a Sites,
        section: usize,
        config: &'a Config,
        theme: &'a Theme,
        tera: &'a Tera,
    ) -> Self {
        static EMPTY: OnceLock<Site> = OnceLock::new();
        let site = sites
            .langs
            .get(section)
            .unwrap_or_else(|| EMPTY.get_or_init(|| Site::new(config.language, String::new())));
        let language = config
            .site_languages()
            .into_iter()
            .find(|l| l.lang == site.lang)
            .unwrap_or_else(|| config.site_languages().swap_remove(0));
        let site_view = serde_json::to_value(SiteView {
            title: &language.title,
            description: &language.description,
            base_url: &config.base_url,
            language: config.language.code(),
            author: language.author.as_deref(),
            extra: &config.extra,
            offline: config.offline.enabled,
        })
        .unwrap_or(Value::Null);
        let prefixed = |path: &str| config.url(&format!("{}{path}", site.prefix));
        let nav = serde_json::to_value(Nav {
            home: prefixed(urls::HOME),
            partners: prefixed(urls::PARTNERS),
            tags: prefixed(&urls::taxonomy(crate::model::TaxonomyKind::Tags)),
            archive: prefixed(urls::ARCHIVE),
            search: prefixed(urls::SEARCH),
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
            sites,
            section,
            site,
            language,
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
        self.t(self.site.lang)
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
                self.language.description.as_str()
            } else {
                description
            }
            .into(),
        );
        c.put("feed_url", self.config.url(&job.feed(self.site)).into());
        if self.sites.multilingual() {
            let (languages, alternates) = self.languages(job, &path);
            c.ser("languages", &languages);
            c.ser("alternates", &alternates);
        }
        c
    }

    /// Where this page is in each of the site's other sections: `(section,
    /// path)` of each translation (a story's, a page's; a listing's, a
    /// partner's or a topic's first page in another language). Pages of a
    /// listing after the first have none.
    pub(super) fn translations(&self, job: Job) -> Vec<(usize, String)> {
        let sites = &self.sites.langs;
        let section_of = |lang: crate::lang::Lang| sites.iter().position(|s| s.lang == lang);
        let others = sites.iter().enumerate().filter(|(j, _)| *j != self.section);
        match job {
            Job::Story(i) => self.site.stories.get(i).map_or_else(Vec::new, |s| {
                s.translations
                    .iter()
                    .filter_map(|t| Some((section_of(t.lang)?, t.url.clone())))
                    .collect()
            }),
            Job::Page(i) => self.site.pages.get(i).map_or_else(Vec::new, |p| {
                p.translations
                    .iter()
                    .filter_map(|t| Some((section_of(t.lang)?, t.url.clone())))
                    .collect()
            }),
            Job::Home(1) | Job::Partners | Job::Taxonomy(_) | Job::Archive | Job::Search => {
                others.map(|(j, other)| (j, job.path(other))).collect()
            }
            Job::Partner(i, 1) => {
                let Some(slug) = self.site.partners.get(i).map(|p| &p.slug) else {
                    return Vec::new();
                };
                others
                    .filter_map(|(j, other)| {
                        let k = other.partners.iter().position(|p| &p.slug == slug)?;
                        Some((j, Job::Partner(k, 1).path(other)))
                    })
                    .collect()
            }
            Job::ArchiveYear(k) => {
                let Some(year) = self.site.years.get(k).map(|(y, _)| *y) else {
                    return Vec::new();
                };
                others
                    .filter(|(_, other)| super::job::archive_by_year(other))
                    .filter_map(|(j, other)| {
                        let k = other.years.iter().position(|(y, _)| *y == year)?;
                        Some((j, Job::ArchiveYear(k).path(other)))
                    })
                    .collect()
            }
            Job::Term(kind, i, 1) => {
                let Some(slug) = self.site.terms(kind).get(i).map(|t| &t.slug) else {
                    return Vec::new();
                };
                others
                    .filter_map(|(j, other)| {
                        let k = other.terms(kind).iter().position(|t| &t.slug == slug)?;
                        Some((j, Job::Term(kind, k, 1).path(other)))
                    })
                    .collect()
            }
            _ => Vec::new(),
        }
    }

    /// The language switcher of the page at `path` (each language's
    /// translation of it, else that language's home) and its alternates
    /// (itself, its translations and `x-default`; none without
    /// translations).
    pub(super) fn languages(&self, job: Job, path: &str) -> (Vec<LangLink>, Vec<Alternate>) {
        let translations = self.translations(job);
        let names = self.config.site_languages();
        let name = |lang: crate::lang::Lang| {
            names
                .iter()
                .find(|l| l.lang == lang)
                .map_or_else(|| lang.name().to_string(), |l| l.name.clone())
        };
        let mut here: Vec<(usize, &str)> =
            translations.iter().map(|(j, p)| (*j, p.as_str())).collect();
        here.push((self.section, path));
        here.sort_by_key(|(j, _)| *j);
        let switcher = self
            .sites
            .langs
            .iter()
            .enumerate()
            .map(|(j, other)| {
                let found = here.iter().find(|(k, _)| *k == j).map(|(_, p)| *p);
                LangLink {
                    lang: other.lang.code(),
                    name: name(other.lang),
                    url: self.config.url(found.unwrap_or(&other.prefix)),
                    current: j == self.section,
                    translation: found.is_some() && j != self.section,
                }
            })
            .collect();
        if translations.is_empty() {
            return (switcher, Vec::new());
        }
        let mut alternates: Vec<Alternate> = here
            .iter()
            .filter_map(|(j, p)| {
                let lang = self.sites.langs.get(*j)?.lang;
                Some(Alternate {
                    hreflang: lang.code(),
                    href: self.config.permalink(p),
                    locale: lang.locale(),
                    current: *j == self.section,
                })
            })
            .collect();
        if let Some((_, p)) = here.iter().find(|(j, _)| *j == 0) {
            alternates.push(Alternate {
                hreflang: "x-default",
                href: self.config.permalink(p),
                locale: String::new(),
                current: false,
            });
        }
        (switcher, alternates)
    }

    /// What every page in `lang` shares.
    fn shared(&self, lang: Lang) -> Context {
        let mut c = Context::new();
        c.insert("site", &self.site_view);
        c.insert("nav", &self.nav);
        c.insert("lang", lang.code());
        c.insert("dir", lang.dir());
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
        self.render_pages_until(jobs, sink, None)
    }

    /// [`Renderer::render_pages`], leaving the pages not begun once `stop`
    /// is set unrendered.
    pub fn render_pages_until(
        &self,
        jobs: &[Job],
        sink: &dyn Sink,
        stop: Option<&AtomicBool>,
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
            if stop.is_some_and(|s| s.load(Ordering::Relaxed)) {
                return Ok(());
            }
            let start = Instant::now();
            let result = self.render_job(*job);
            if let Ok(mut m) = cpu.lock() {
                *m.entry(job.count_kind()).or_default() += start.elapsed();
            }
            match result {
                Ok((path, html)) => sink.write(&path, html.as_bytes()),
                Err(d) => {
                    if let Ok(mut list) = errors.lock() {
                        push_new(&mut list, d);
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

/// Adds `d` to `list` unless a diagnostic with its message and path is
/// there: one per template and message, however many pages met it.
pub(super) fn push_new(list: &mut Vec<Diagnostic>, d: Diagnostic) {
    if !list
        .iter()
        .any(|x| x.message == d.message && x.path == d.path)
    {
        list.push(d);
    }
}
