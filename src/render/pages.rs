//! Each page kind's own template values: the documented context of
//! `index.html`, `story.html`, `partner.html` and the rest. What every page
//! has (`kind`, `path`, `title`, `site`, `nav`, `t` …) comes from
//! [`Renderer::base`] and the shared contexts.

use serde::Serialize;
use serde_json::Value;

use super::context::{ArchiveItem, PartnerView, TermView};
use super::job::Job;
use super::renderer::{Ctx, Renderer};
use crate::markdown::TocEntry;
use crate::model::{TaxonomyKind, urls};

/// Index order: by name ignoring case, then by slug.
fn by_name(a: (&str, &str), b: (&str, &str)) -> std::cmp::Ordering {
    a.0.to_lowercase()
        .cmp(&b.0.to_lowercase())
        .then_with(|| a.1.cmp(b.1))
}

impl Renderer<'_> {
    /// The template values of one page.
    pub(super) fn context(&self, job: Job) -> Ctx {
        match job {
            Job::Home(n) => self.home(job, n),
            Job::Story(i) => self.story(job, i),
            Job::Page(i) => self.page(job, i),
            Job::Partners => self.partners(job),
            Job::Partner(i, n) => self.partner(job, i, n),
            Job::Taxonomy(kind) => self.taxonomy(job, kind),
            Job::Term(kind, i, n) => self.term(job, kind, i, n),
            Job::Archive | Job::ArchiveYear(_) => self.archive(job),
            Job::Search => self.plain(job, "search_title", "Cari"),
            Job::NotFound => self.plain(job, "not_found_title", "Halaman tidak ditemukan"),
            Job::Offline => self.plain(job, "offline_title", "Sedang offline"),
        }
    }

    /// A page with nothing but the shared values, titled from the
    /// theme's strings.
    fn plain(&self, job: Job, title_key: &str, fallback: &str) -> Ctx {
        let title = self.label(title_key, fallback);
        self.base(job, self.site.lang, &title, "")
    }

    fn home(&self, job: Job, n: usize) -> Ctx {
        let title = if n > 1 {
            format!("{} {n}", self.label("page_n", "Halaman"))
        } else {
            self.language.title.clone()
        };
        let mut c = self.base(job, self.site.lang, &title, "");
        let all: Vec<usize> = (0..self.site.stories.len()).collect();
        let base = job.listing(self.site).map(|(b, _)| b).unwrap_or_default();
        self.listing(&mut c, &base, &all, n);
        c
    }

    fn story(&self, job: Job, i: usize) -> Ctx {
        let Some(s) = self.site.stories.get(i) else {
            return self.base(job, self.site.lang, "", "");
        };
        let mut c = self.base(job, s.lang, &s.meta.title, &s.summary);
        c.put("story", self.view(i, true));
        c.put("related", self.stories(&s.related));
        c.put(
            "newer",
            i.checked_sub(1)
                .map_or(Value::Null, |j| self.view(j, false)),
        );
        c.put("older", self.view(i + 1, false));
        if !s.translations.is_empty() {
            self.story_translations(&mut c, job);
        }
        c
    }

    /// A translated story's other versions: `translations` (each with its
    /// language's name, for the reader), and for its structured data
    /// `translation_of` (the default language's version, on the others) or
    /// `work_translations` (the others, on the default language's).
    fn story_translations(&self, c: &mut Ctx, job: Job) {
        let names = self.config.site_languages();
        let mut list = Vec::new();
        let mut original = None;
        for (section, path) in self.translations(job) {
            let Some(other) = self.sites.langs.get(section) else {
                continue;
            };
            let name = names
                .iter()
                .find(|l| l.lang == other.lang)
                .map_or_else(|| other.lang.name().to_string(), |l| l.name.clone());
            if section == 0 {
                original = Some(self.config.permalink(&path));
            }
            list.push(serde_json::json!({
                "lang": other.lang.code(),
                "name": name,
                "url": self.config.url(&path),
                "permalink": self.config.permalink(&path),
            }));
        }
        if self.section == 0 {
            c.put("work_translations", Value::Array(list.clone()));
        } else if let Some(o) = original {
            c.put("translation_of", o.into());
        }
        c.put("translations", Value::Array(list));
    }

    fn page(&self, job: Job, i: usize) -> Ctx {
        let Some(p) = self.site.pages.get(i) else {
            return self.base(job, self.site.lang, "", "");
        };
        let mut c = self.base(job, p.lang, &p.meta.title, &p.summary);
        c.ser(
            "page",
            &PageView {
                title: &p.meta.title,
                url: self.config.url(&p.url),
                permalink: self.config.permalink(&p.url),
                content: &p.md.html,
                toc: &p.md.toc,
                lang: p.lang.code(),
                extra: &p.meta.extra,
                summary: &p.summary,
            },
        );
        c
    }

    fn partners(&self, job: Job) -> Ctx {
        let site = self.site;
        let title = self.label("partners", "Mitra");
        let mut c = self.base(job, self.site.lang, &title, "");
        let mut list: Vec<PartnerView<'_>> = (0..site.partners.len())
            .filter_map(|i| PartnerView::new(site, &self.urls, i, false))
            .collect();
        list.sort_by(|a, b| by_name((a.name, a.slug), (b.name, b.slug)));
        c.ser("partners", &list);
        c
    }

    fn partner(&self, job: Job, i: usize, n: usize) -> Ctx {
        let site = self.site;
        let Some(p) = site.partners.get(i) else {
            return self.base(job, self.site.lang, "", "");
        };
        let view = PartnerView::new(site, &self.urls, i, true);
        let summary = view.as_ref().map_or("", |v| v.summary);
        let mut c = self.base(job, self.site.lang, &p.name, summary);
        c.ser("partner", &view);
        let base = job.listing(site).map(|(b, _)| b).unwrap_or_default();
        self.listing(&mut c, &base, &p.stories, n);
        c
    }

    fn taxonomy(&self, job: Job, kind: TaxonomyKind) -> Ctx {
        let site = self.site;
        let title = self.label(kind.key(), kind.key());
        let mut c = self.base(job, self.site.lang, &title, "");
        let mut terms: Vec<TermView<'_>> = (0..site.terms(kind).len())
            .filter_map(|i| TermView::new(site, &self.urls, kind, i))
            .collect();
        terms.sort_by(|a, b| by_name((a.name, a.slug), (b.name, b.slug)));
        c.ser("taxonomy", &self.taxonomy_view(kind));
        c.ser("terms", &terms);
        c
    }

    fn term(&self, job: Job, kind: TaxonomyKind, i: usize, n: usize) -> Ctx {
        let site = self.site;
        let Some(t) = site.terms(kind).get(i) else {
            return self.base(job, self.site.lang, "", "");
        };
        let mut c = self.base(job, self.site.lang, &t.name, "");
        c.ser("taxonomy", &self.taxonomy_view(kind));
        c.ser("term", &TermView::new(site, &self.urls, kind, i));
        let base = job.listing(site).map(|(b, _)| b).unwrap_or_default();
        self.listing(&mut c, &base, &t.stories, n);
        c
    }

    fn taxonomy_view(&self, kind: TaxonomyKind) -> TaxonomyView<'static> {
        TaxonomyView {
            kind: kind.key(),
            url: self
                .config
                .url(&format!("{}{}", self.site.prefix, urls::taxonomy(kind))),
        }
    }

    /// The archive: every year with its stories on one page, or, on a
    /// large site, `archive/` listing the years (`year_links`, with their
    /// counts) and a page per year (`years` holding that one).
    fn archive(&self, job: Job) -> Ctx {
        let site = self.site;
        let by_year = super::job::archive_by_year(site);
        let shown = match job {
            Job::ArchiveYear(k) => Some(k),
            _ => None,
        };
        let mut title = self.label("archive_title", "Arsip");
        if let Some((y, _)) = shown.and_then(|k| site.years.get(k)) {
            match y {
                Some(y) => title = format!("{title} {y}"),
                None => title = format!("{title}: {}", self.label("undated", "Tanpa tanggal")),
            }
        }
        let mut c = self.base(job, self.site.lang, &title, "");
        let years: Vec<YearView<'_>> = site
            .years
            .iter()
            .enumerate()
            .filter(|(k, _)| if by_year { shown == Some(*k) } else { true })
            .map(|(_, (y, ids))| YearView {
                year: *y,
                stories: ids
                    .iter()
                    .filter_map(|&i| ArchiveItem::new(site, &self.urls, i))
                    .collect(),
            })
            .collect();
        let links: Vec<YearLink> = site
            .years
            .iter()
            .enumerate()
            .map(|(k, (y, ids))| YearLink {
                year: *y,
                count: ids.len(),
                url: if by_year {
                    self.config
                        .url(&format!("{}{}", site.prefix, urls::archive_year(*y)))
                } else {
                    match y {
                        Some(y) => format!("#y{y}"),
                        None => "#y-undated".to_string(),
                    }
                },
                current: shown == Some(k),
            })
            .collect();
        c.ser("years", &years);
        c.ser("year_links", &links);
        c.put("archive_by_year", Value::Bool(by_year));
        c
    }
}

#[derive(Serialize)]
struct PageView<'a> {
    title: &'a str,
    url: String,
    permalink: String,
    content: &'a str,
    toc: &'a [TocEntry],
    lang: &'static str,
    extra: &'a serde_json::Map<String, Value>,
    summary: &'a str,
}

#[derive(Serialize)]
struct TaxonomyView<'a> {
    kind: &'a str,
    url: String,
}

/// A year in the archive's list of years: its page (or its heading's
/// anchor, when every year is on one page) and how many stories it has.
#[derive(Serialize)]
struct YearLink {
    year: Option<i32>,
    count: usize,
    url: String,
    current: bool,
}

#[derive(Serialize)]
struct YearView<'a> {
    year: Option<i32>,
    stories: Vec<ArchiveItem<'a>>,
}
