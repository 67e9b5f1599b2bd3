//! Serialisable views of the model for templates (the documented template
//! context). Views borrow from the model; nothing clones the whole site per page.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::config::Config;
use crate::markdown::TocEntry;
use crate::model::{Site, TaxonomyKind, urls};

#[derive(Serialize)]
pub struct Link<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub url: &'a str,
}

/// A story's strings that every view of it repeats.
struct StoryStrings {
    url: String,
    permalink: String,
    date: Option<String>,
    date_iso: Option<String>,
    updated: Option<String>,
    updated_iso: Option<String>,
}

/// URLs and dates, made once per render: a story is in about ten pages'
/// contexts, and formatting its strings for each was a tenth of the render.
pub struct Urls {
    stories: Vec<StoryStrings>,
    partners: Vec<String>,
    /// In [`TaxonomyKind::ALL`] order.
    terms: [Vec<String>; 3],
    /// Each partner's and term's stories in other languages.
    partners_elsewhere: Vec<Vec<ElsewhereLink>>,
    terms_elsewhere: [Vec<Vec<ElsewhereLink>>; 3],
}

/// A partner's or topic's stories in another language, for its page.
#[derive(Serialize, Clone)]
pub struct ElsewhereLink {
    pub lang: &'static str,
    /// The language's name in itself.
    pub name: String,
    pub url: String,
    pub count: usize,
}

/// One language of the site in the language switcher: where this page is
/// in it (its translation, else that language's home).
#[derive(Serialize, Clone, Hash)]
pub struct LangLink {
    pub lang: &'static str,
    pub name: String,
    pub url: String,
    /// This page's own language.
    pub current: bool,
    /// The link leads to a translation of this page (not to a home page).
    pub translation: bool,
}

/// `<link rel="alternate" hreflang>`: this page in one language (itself
/// included), or `x-default` for its default-language version.
#[derive(Serialize, Clone, Hash)]
pub struct Alternate {
    pub hreflang: &'static str,
    /// Absolute URL.
    pub href: String,
    /// `og:locale` of the language; empty for `x-default`.
    pub locale: String,
    pub current: bool,
}

fn elsewhere_links(list: &[crate::model::Elsewhere], config: &Config) -> Vec<ElsewhereLink> {
    let languages = config.site_languages();
    list.iter()
        .map(|e| ElsewhereLink {
            lang: e.lang.code(),
            name: languages
                .iter()
                .find(|l| l.lang == e.lang)
                .map_or_else(|| e.lang.name().to_string(), |l| l.name.clone()),
            url: config.url(&e.url),
            count: e.count,
        })
        .collect()
}

impl Urls {
    pub fn new(site: &Site, config: &Config) -> Self {
        use rayon::prelude::*;
        let stories = site
            .stories
            .par_iter()
            .map(|s| StoryStrings {
                url: config.url(&s.url),
                permalink: config.permalink(&s.url),
                date: s.meta.date.map(|d| d.ymd()),
                date_iso: s.meta.date.map(|d| d.rfc3339()),
                updated: s.meta.updated.map(|d| d.ymd()),
                updated_iso: s.meta.updated.map(|d| d.rfc3339()),
            })
            .collect();
        let prefix = &site.prefix;
        let partners = site
            .partners
            .iter()
            .map(|p| config.url(&format!("{prefix}{}", urls::partner(&p.slug))))
            .collect();
        let terms = TaxonomyKind::ALL.map(|kind| {
            site.terms(kind)
                .iter()
                .map(|t| config.url(&format!("{prefix}{}", urls::term(kind, &t.slug))))
                .collect()
        });
        let partners_elsewhere = site
            .partners
            .iter()
            .map(|p| elsewhere_links(&p.elsewhere, config))
            .collect();
        let terms_elsewhere = TaxonomyKind::ALL.map(|kind| {
            site.terms(kind)
                .iter()
                .map(|t| elsewhere_links(&t.elsewhere, config))
                .collect()
        });
        Urls {
            stories,
            partners,
            terms,
            partners_elsewhere,
            terms_elsewhere,
        }
    }

    fn terms(&self, kind: TaxonomyKind) -> &[String] {
        &self.terms[kind_index(kind)]
    }
}

fn kind_index(kind: TaxonomyKind) -> usize {
    TaxonomyKind::ALL
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(0)
}

/// A story as it appears in lists (`stories`, `related`, `newer`, `older`).
/// Fields in alphabetical order: a template value is built from its fields
/// sorted by name (`render::value`), and sorted fields need no sorting.
#[derive(Serialize)]
pub struct StoryView<'a> {
    pub authors: Vec<Link<'a>>,
    /// Only on the story's own page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<&'a str>,
    pub date: Option<&'a str>,
    pub date_iso: Option<&'a str>,
    pub draft: bool,
    pub extra: &'a Map<String, Value>,
    pub image: Option<&'a str>,
    pub image_alt: Option<&'a str>,
    pub image_height: Option<u32>,
    /// The cover's 1200×630 link-preview crop (for `og:image`).
    pub image_og: Option<&'a str>,
    pub image_og_height: Option<u32>,
    pub image_og_width: Option<u32>,
    /// On the story's own page: `srcset` of the cover in its format, in WebP
    /// and in AVIF (`images.avif`).
    pub image_srcset: Option<&'a str>,
    pub image_webp_srcset: Option<&'a str>,
    pub image_avif_srcset: Option<&'a str>,
    pub image_width: Option<u32>,
    pub lang: &'static str,
    pub meta: &'a Map<String, Value>,
    pub partners: Vec<Link<'a>>,
    pub permalink: &'a str,
    pub reading_time: usize,
    pub regions: Vec<Link<'a>>,
    pub slug: &'a str,
    pub summary: &'a str,
    pub tags: Vec<Link<'a>>,
    pub title: &'a str,
    /// Only on the story's own page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub toc: Option<&'a [TocEntry]>,
    pub updated: Option<&'a str>,
    pub updated_iso: Option<&'a str>,
    pub url: &'a str,
    pub word_count: usize,
    pub year: Option<i32>,
}

fn term_links<'a>(
    site: &'a Site,
    urls: &'a Urls,
    kind: TaxonomyKind,
    ids: &[usize],
) -> Vec<Link<'a>> {
    let terms = site.terms(kind);
    let term_urls = urls.terms(kind);
    ids.iter()
        .filter_map(|&i| Some((terms.get(i)?, term_urls.get(i)?)))
        .map(|(t, url)| Link {
            name: &t.name,
            slug: &t.slug,
            url,
        })
        .collect()
}

fn partner_links<'a>(site: &'a Site, urls: &'a Urls, ids: &[usize]) -> Vec<Link<'a>> {
    ids.iter()
        .filter_map(|&i| Some((site.partners.get(i)?, urls.partners.get(i)?)))
        .map(|(p, url)| Link {
            name: &p.name,
            slug: &p.slug,
            url,
        })
        .collect()
}

impl<'a> StoryView<'a> {
    /// Story `i` of `site`; `None` if there is no such story.
    pub fn new(site: &'a Site, urls: &'a Urls, i: usize, full: bool) -> Option<Self> {
        let (s, strings) = (site.stories.get(i)?, urls.stories.get(i)?);
        let og = s.image_markup.as_ref().and_then(|m| m.og.as_ref());
        // The cover's resized versions, only where it is shown large.
        let large = s.image_markup.as_ref().filter(|_| full);
        Some(StoryView {
            title: &s.meta.title,
            slug: &s.slug,
            url: &strings.url,
            permalink: &strings.permalink,
            date: strings.date.as_deref(),
            date_iso: strings.date_iso.as_deref(),
            updated: strings.updated.as_deref(),
            updated_iso: strings.updated_iso.as_deref(),
            year: s.meta.date.map(|d| d.year()),
            summary: &s.summary,
            lang: s.lang.code(),
            word_count: s.md.word_count,
            reading_time: s.reading_time(),
            authors: term_links(site, urls, TaxonomyKind::Authors, &s.authors),
            partners: partner_links(site, urls, &s.partners),
            tags: term_links(site, urls, TaxonomyKind::Tags, &s.tags),
            regions: term_links(site, urls, TaxonomyKind::Regions, &s.regions),
            image: s.image.as_deref(),
            image_alt: s.meta.image_alt.as_deref(),
            image_width: s.image_markup.as_ref().map(|m| m.width),
            image_height: s.image_markup.as_ref().map(|m| m.height),
            image_srcset: large.and_then(|m| m.srcset.as_deref()),
            image_webp_srcset: large.and_then(|m| m.webp_srcset.as_deref()),
            image_avif_srcset: large.and_then(|m| m.avif_srcset.as_deref()),
            image_og: og.map(|o| o.url.as_str()),
            image_og_width: og.map(|o| o.width),
            image_og_height: og.map(|o| o.height),
            draft: s.meta.draft,
            extra: &s.meta.extra,
            meta: &s.meta.unknown,
            content: full.then_some(s.md.html.as_str()),
            toc: full.then_some(s.md.toc.as_slice()),
        })
    }
}

/// A story in the archive: just what a long list needs.
#[derive(Serialize)]
pub struct ArchiveItem<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub date: Option<&'a str>,
    pub lang: &'static str,
    pub partners: Vec<Link<'a>>,
}

impl<'a> ArchiveItem<'a> {
    /// Story `i` of `site`; `None` if there is no such story.
    pub fn new(site: &'a Site, urls: &'a Urls, i: usize) -> Option<Self> {
        let (s, strings) = (site.stories.get(i)?, urls.stories.get(i)?);
        Some(ArchiveItem {
            title: &s.meta.title,
            url: &strings.url,
            date: strings.date.as_deref(),
            lang: s.lang.code(),
            partners: partner_links(site, urls, &s.partners),
        })
    }
}

#[derive(Serialize)]
pub struct PartnerView<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub url: &'a str,
    pub website: Option<&'a str>,
    pub region: Option<&'a str>,
    pub logo: Option<&'a str>,
    /// The logo's versions (it is shown small: the smallest one serves).
    pub logo_srcset: Option<&'a str>,
    pub logo_webp_srcset: Option<&'a str>,
    pub logo_avif_srcset: Option<&'a str>,
    pub aliases: &'a [String],
    pub summary: &'a str,
    pub story_count: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<&'a str>,
    pub extra: Option<&'a Map<String, Value>>,
    /// Its stories in the site's other languages.
    pub elsewhere: &'a [ElsewhereLink],
    /// The language its profile (summary, description) is written in when
    /// that is not the page's: the default language's profile shown for
    /// want of a translation, which a `lang` attribute marks for screen
    /// readers and translation tools.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile_lang: Option<&'a str>,
}

impl<'a> PartnerView<'a> {
    /// Partner `i` of `site`; `None` if there is no such partner.
    pub fn new(site: &'a Site, urls: &'a Urls, i: usize, full: bool) -> Option<Self> {
        let (p, url) = (site.partners.get(i)?, urls.partners.get(i)?);
        let prof = p.profile.as_ref();
        let logo = prof.and_then(|x| x.logo_markup.as_ref());
        Some(PartnerView {
            name: &p.name,
            slug: &p.slug,
            url,
            website: prof.and_then(|x| x.meta.website.as_deref()),
            region: prof.and_then(|x| x.meta.region.as_deref()),
            logo: prof.and_then(|x| x.logo.as_deref()),
            logo_srcset: logo.and_then(|m| m.srcset.as_deref()),
            logo_webp_srcset: logo.and_then(|m| m.webp_srcset.as_deref()),
            logo_avif_srcset: logo.and_then(|m| m.avif_srcset.as_deref()),
            aliases: prof.map_or(&[], |x| x.meta.aliases.as_slice()),
            summary: prof.map_or("", |x| x.summary.as_str()),
            story_count: p.stories.len(),
            description: full.then(|| prof.map_or("", |x| x.md.html.as_str())),
            extra: prof.map(|x| &x.meta.extra),
            elsewhere: urls.partners_elsewhere.get(i).map_or(&[], Vec::as_slice),
            profile_lang: prof.filter(|x| x.lang != site.lang).map(|x| x.lang.code()),
        })
    }
}

#[derive(Serialize)]
pub struct TermView<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub url: &'a str,
    pub count: usize,
    /// Its stories in the site's other languages.
    pub elsewhere: &'a [ElsewhereLink],
}

impl<'a> TermView<'a> {
    /// Term `i` of `kind` in `site`; `None` if there is no such term.
    pub fn new(site: &'a Site, urls: &'a Urls, kind: TaxonomyKind, i: usize) -> Option<Self> {
        let (t, url) = (site.terms(kind).get(i)?, urls.terms(kind).get(i)?);
        Some(TermView {
            name: &t.name,
            slug: &t.slug,
            url,
            count: t.stories.len(),
            elsewhere: urls.terms_elsewhere[kind_index(kind)]
                .get(i)
                .map_or(&[], Vec::as_slice),
        })
    }
}

#[derive(Serialize)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
    /// Pages were skipped between the previous link and this one.
    pub gap_before: bool,
}

/// A listing's pagination. `pages` is a window (the first page, two pages
/// either side of the current one, the last page), never one entry per page:
/// a full list would make every listing page grow with the site.
#[derive(Serialize)]
pub struct Paginator {
    pub current: usize,
    pub total: usize,
    pub total_items: usize,
    pub prev_url: Option<String>,
    pub next_url: Option<String>,
    pub pages: Vec<PageLink>,
}

impl Paginator {
    pub fn new(
        config: &Config,
        base: &str,
        current: usize,
        total: usize,
        total_items: usize,
    ) -> Self {
        let url = |n: usize| config.url(&urls::page_n(base, n));
        let mut numbers: Vec<usize> = vec![1];
        numbers.extend(current.saturating_sub(2).max(1)..=(current + 2).min(total));
        numbers.push(total);
        numbers.sort_unstable();
        numbers.dedup();
        let mut prev = 0;
        let pages = numbers
            .into_iter()
            .map(|n| {
                let link = PageLink {
                    number: n,
                    url: url(n),
                    current: n == current,
                    gap_before: prev != 0 && n > prev + 1,
                };
                prev = n;
                link
            })
            .collect();
        Paginator {
            current,
            total,
            total_items,
            prev_url: (current > 1).then(|| url(current - 1)),
            next_url: (current < total).then(|| url(current + 1)),
            pages,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pagination_window() {
        let c = Config::default();
        let p = Paginator::new(&c, "", 7, 12, 240);
        let nums: Vec<(usize, bool)> = p.pages.iter().map(|l| (l.number, l.gap_before)).collect();
        assert_eq!(
            nums,
            [
                (1, false),
                (5, true),
                (6, false),
                (7, false),
                (8, false),
                (9, false),
                (12, true)
            ]
        );
        assert_eq!(p.prev_url.as_deref(), Some("/page/6/"));
        let one = Paginator::new(&c, "tags/x/", 1, 1, 3);
        assert_eq!(one.pages.len(), 1);
        assert_eq!(one.pages[0].url, "/tags/x/");
    }
}

#[derive(Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub base_url: &'a str,
    pub language: &'static str,
    pub author: Option<&'a str>,
    pub extra: &'a Map<String, Value>,
    /// Pages register the offline reading worker (`offline:`).
    pub offline: bool,
}

#[derive(Serialize)]
pub struct NavPage<'a> {
    pub title: &'a str,
    pub url: String,
}

#[derive(Serialize)]
pub struct Nav<'a> {
    pub home: String,
    pub partners: String,
    pub tags: String,
    pub archive: String,
    pub search: String,
    pub pages: Vec<NavPage<'a>>,
}
