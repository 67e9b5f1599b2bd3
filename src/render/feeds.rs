//! Atom feeds, `sitemap.xml` and `robots.txt`, written directly (no template):
//! their formats are fixed, and escaping is done in one place. The preview
//! server reuses a feed whose stories did not change ([`FeedCache`]).

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use super::fingerprint::Fingerprints;
use super::job::Job;
use super::renderer::Renderer;
use crate::config::{Config, Language};
use crate::model::{Site, Story, urls};
use crate::text::escape_xml;

/// Feeds of the last render, by path: the hash of their inputs and bytes.
pub type FeedCache = HashMap<String, (u64, Arc<Vec<u8>>)>;

/// One Atom feed: where it goes, its title, the page it is the feed of, and
/// the stories it lists.
struct Feed {
    path: String,
    title: String,
    page: String,
    stories: Vec<usize>,
}

impl Renderer<'_> {
    /// Every Atom feed of the section: its own, each partner's and each
    /// tag's, the stories cut to `feed_limit`.
    fn feeds(&self) -> Vec<Feed> {
        let (site, config) = (self.site, self.config);
        let limit = config.feed_limit;
        let title = &self.language.title;
        let prefix = &site.prefix;
        let mut out = vec![Feed {
            path: urls::feed(prefix),
            title: title.clone(),
            page: format!("{prefix}{}", urls::HOME),
            stories: (0..site.stories.len().min(limit)).collect(),
        }];
        let lists = site
            .partners
            .iter()
            .map(|p| (urls::partner(&p.slug), &p.name, &p.stories))
            .chain(site.tags.iter().map(|t| {
                let base = urls::term(crate::model::TaxonomyKind::Tags, &t.slug);
                (base, &t.name, &t.stories)
            }));
        for (base, name, stories) in lists {
            let base = format!("{prefix}{base}");
            out.push(Feed {
                path: urls::feed(&base),
                title: format!("{name} · {title}"),
                page: base,
                stories: stories.iter().copied().take(limit).collect(),
            });
        }
        out
    }

    /// The section's feeds. With `reuse` (the preview server), a feed comes
    /// from the cache when the stories it lists and the site are unchanged,
    /// and the cache is left holding this render's feeds.
    pub fn feed_files(
        &self,
        reuse: Option<(&Fingerprints, &mut FeedCache)>,
    ) -> Vec<(String, Arc<Vec<u8>>)> {
        let feeds = self.feeds();
        let keys: Vec<Option<u64>> = match &reuse {
            Some((fps, _)) => feeds
                .iter()
                .map(|f| Some(fps.feed(&f.title, &f.stories)))
                .collect(),
            None => vec![None; feeds.len()],
        };
        let old = reuse.as_ref().map(|(_, cache)| &**cache);
        let out: Vec<(String, Arc<Vec<u8>>)> = feeds
            .par_iter()
            .zip(&keys)
            .map(|(f, key)| {
                let cached = old
                    .and_then(|c| c.get(&f.path))
                    .filter(|(k, _)| Some(*k) == *key)
                    .map(|(_, b)| b.clone());
                let bytes = cached.unwrap_or_else(|| {
                    let xml = atom(self.config, &self.language, self.site, f);
                    Arc::new(xml.into_bytes())
                });
                (f.path.clone(), bytes)
            })
            .collect();
        if let Some((_, cache)) = reuse {
            *cache = out
                .iter()
                .zip(&keys)
                .filter_map(|((p, b), k)| Some((p.clone(), (k.as_ref().copied()?, b.clone()))))
                .collect();
        }
        out
    }

    /// Writes the section's feeds ([`Renderer::feed_files`]) into `sink`;
    /// returns how many.
    pub fn write_feeds(
        &self,
        reuse: Option<(&Fingerprints, &mut FeedCache)>,
        sink: &dyn crate::output::Sink,
    ) -> crate::error::Result<usize> {
        let feeds = self.feed_files(reuse);
        feeds
            .par_iter()
            .try_for_each(|(path, bytes)| sink.write_shared(path, bytes.clone()))?;
        Ok(feeds.len())
    }

    /// The section's pages for `sitemap.xml`: every page but the 404 page,
    /// a story's date as its `lastmod`, each translation as an alternate.
    pub fn sitemap_entries(&self, jobs: &[Job]) -> Vec<SitemapEntry> {
        let site = self.site;
        jobs.iter()
            .filter(|j| !matches!(j, Job::NotFound | Job::Offline))
            .map(|&j| {
                let lastmod = match j {
                    Job::Story(i) => site
                        .stories
                        .get(i)
                        .and_then(|s| s.meta.updated.or(s.meta.date))
                        .map(|d| d.ymd()),
                    _ => None,
                };
                let path = j.path(site);
                let alternates = if self.sites.multilingual() {
                    self.languages(j, &path)
                        .1
                        .into_iter()
                        .map(|a| (a.hreflang, a.href))
                        .collect()
                } else {
                    Vec::new()
                };
                SitemapEntry {
                    path,
                    lastmod,
                    alternates,
                }
            })
            .collect()
    }
}

/// One page in `sitemap.xml`.
pub struct SitemapEntry {
    /// Site-relative URL path.
    pub path: String,
    pub lastmod: Option<String>,
    /// `(hreflang, absolute URL)` of the page in each language, `x-default` too.
    pub alternates: Vec<(&'static str, String)>,
}

/// The Atom feed `feed` of a section in `language`: its stories (already
/// newest first), for the page at `feed.page`.
fn atom(config: &Config, language: &Language, site: &Site, feed: &Feed) -> String {
    let (title, page_path, feed_path) = (&feed.title, &feed.page, &feed.path);
    let items: Vec<&Story> = feed
        .stories
        .iter()
        .filter_map(|&i| site.stories.get(i))
        .take(config.feed_limit)
        .collect();
    const EPOCH: &str = "1970-01-01T00:00:00Z";
    let stamp = |s: &Story| s.meta.updated.or(s.meta.date).map(|d| d.rfc3339());
    let feed_updated = items
        .iter()
        .filter_map(|s| s.meta.updated.or(s.meta.date))
        .max()
        .map_or_else(|| EPOCH.to_string(), |d| d.rfc3339());
    let author = language.author.as_deref().unwrap_or(&language.title);
    let mut out = String::with_capacity(1024 + items.len() * 600);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        site.lang.code()
    ));
    out.push_str(&format!("  <title>{}</title>\n", escape_xml(title)));
    if !language.description.is_empty() {
        out.push_str(&format!(
            "  <subtitle>{}</subtitle>\n",
            escape_xml(&language.description)
        ));
    }
    out.push_str(&format!(
        "  <link href=\"{}\" rel=\"self\" type=\"application/atom+xml\"/>\n",
        escape_xml(&config.permalink(feed_path))
    ));
    out.push_str(&format!(
        "  <link href=\"{}\" rel=\"alternate\" type=\"text/html\"/>\n",
        escape_xml(&config.permalink(page_path))
    ));
    out.push_str(&format!(
        "  <id>{}</id>\n",
        escape_xml(&config.permalink(feed_path))
    ));
    out.push_str(&format!("  <updated>{feed_updated}</updated>\n"));
    out.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        escape_xml(author)
    ));
    out.push_str("  <generator>cerita</generator>\n");
    for s in items {
        let link = escape_xml(&config.permalink(&s.url));
        out.push_str("  <entry>\n");
        out.push_str(&format!(
            "    <title>{}</title>\n",
            escape_xml(&s.meta.title)
        ));
        out.push_str(&format!(
            "    <link href=\"{link}\" rel=\"alternate\" type=\"text/html\"/>\n"
        ));
        out.push_str(&format!("    <id>{link}</id>\n"));
        if let Some(d) = s.meta.date {
            out.push_str(&format!("    <published>{}</published>\n", d.rfc3339()));
        }
        out.push_str(&format!(
            "    <updated>{}</updated>\n",
            stamp(s).unwrap_or_else(|| feed_updated.clone())
        ));
        for &a in &s.authors {
            if let Some(t) = site.authors.get(a) {
                out.push_str(&format!(
                    "    <author><name>{}</name></author>\n",
                    escape_xml(&t.name)
                ));
            }
        }
        for &t in &s.tags {
            if let Some(t) = site.tags.get(t) {
                out.push_str(&format!(
                    "    <category term=\"{}\" label=\"{}\"/>\n",
                    escape_xml(&t.slug),
                    escape_xml(&t.name)
                ));
            }
        }
        out.push_str(&format!(
            "    <summary>{}</summary>\n",
            escape_xml(&s.summary)
        ));
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

/// One `<url>` per HTML page, in the order given, with its translations
/// as `xhtml:link rel="alternate" hreflang` (as search engines read them).
pub fn sitemap(config: &Config, pages: &[SitemapEntry]) -> String {
    let mut out = String::with_capacity(100 + pages.len() * 90);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"");
    if pages.iter().any(|p| !p.alternates.is_empty()) {
        out.push_str(" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"");
    }
    out.push_str(">\n");
    for page in pages {
        out.push_str("  <url><loc>");
        out.push_str(&escape_xml(&config.permalink(&page.path)));
        out.push_str("</loc>");
        if let Some(d) = &page.lastmod {
            out.push_str("<lastmod>");
            out.push_str(d);
            out.push_str("</lastmod>");
        }
        for (lang, href) in &page.alternates {
            out.push_str("<xhtml:link rel=\"alternate\" hreflang=\"");
            out.push_str(lang);
            out.push_str("\" href=\"");
            out.push_str(&escape_xml(href));
            out.push_str("\"/>");
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

pub fn robots(config: &Config) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        config.permalink("sitemap.xml")
    )
}
