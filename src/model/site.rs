//! The site model's types: what the renderer and the search index read.
//! Plain data in a deterministic order; the steps that fill it are the
//! other files of `model/`.

use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;

use super::taxonomy::{Elsewhere, TaxonomyKind, Term};
use crate::frontmatter::{PageMeta, PartnerMeta, StoryMeta};
use crate::lang::Lang;
use crate::load::Asset;
use crate::markdown::{ImageMarkup, Rendered};
use crate::text::StoryDate;

#[derive(Debug, Clone)]
pub struct Story {
    pub path: PathBuf,
    pub content_path: String,
    pub slug: String,
    /// Site-relative URL path, `stories/<slug>/`.
    pub url: String,
    pub lang: Lang,
    pub meta: Arc<StoryMeta>,
    /// Rendered body (shared with the rebuild cache).
    pub md: Arc<Rendered>,
    pub summary: String,
    /// Resolved cover image URL (root-relative) if any.
    pub image: Option<String>,
    /// Its size and responsive versions, when it is a local raster image.
    pub image_markup: Option<ImageMarkup>,
    pub partners: Vec<usize>,
    pub tags: Vec<usize>,
    pub authors: Vec<usize>,
    pub regions: Vec<usize>,
    pub related: Vec<usize>,
    /// The same story in the site's other languages, in their order.
    pub translations: Vec<Translation>,
    /// What its translations share (empty in a site without `languages:`).
    pub group: String,
}

/// A story or page in another language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Translation {
    pub lang: Lang,
    /// Site-relative URL path (`en/stories/slug/`).
    pub url: String,
    pub title: String,
}

impl Story {
    pub fn date(&self) -> Option<StoryDate> {
        self.meta.date
    }

    /// Minutes at ~200 words a minute, at least one.
    pub fn reading_time(&self) -> usize {
        self.md.word_count.div_ceil(200).max(1)
    }

    /// The summary listings show: the front matter's `summary`, else the
    /// text above `<!-- more -->`, else the body's first words.
    pub fn summary_of(meta: &StoryMeta, md: &Rendered) -> String {
        meta.summary
            .clone()
            .or_else(|| md.more_summary.clone())
            .unwrap_or_else(|| md.short_summary.clone())
    }
}

#[derive(Debug, Clone)]
pub struct Partner {
    pub name: String,
    pub slug: String,
    /// Its profile in this language, else in the default language.
    pub profile: Option<Profile>,
    pub stories: Vec<usize>,
    /// Its stories in the site's other languages.
    pub elsewhere: Vec<Elsewhere>,
}

#[derive(Debug, Clone)]
pub struct Profile {
    /// The language the profile is written in.
    pub lang: Lang,
    pub path: PathBuf,
    pub meta: PartnerMeta,
    pub logo: Option<String>,
    /// The logo's resized versions, when it is a local raster image.
    pub logo_markup: Option<ImageMarkup>,
    pub md: Arc<Rendered>,
    pub summary: String,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub path: PathBuf,
    pub slug: String,
    pub url: String,
    pub lang: Lang,
    pub meta: PageMeta,
    pub md: Arc<Rendered>,
    pub summary: String,
    pub translations: Vec<Translation>,
    pub group: String,
}

/// The whole site: one [`Site`] per language it publishes in, and the files
/// every language shares.
#[derive(Debug, Clone, Default)]
pub struct Sites {
    /// The default language first. A site without `languages:` has one,
    /// holding every story whatever its `lang`.
    pub langs: Vec<Site>,
    pub assets: Vec<Asset>,
    /// When the next future-dated story becomes due (Unix time), if any.
    pub next_publication: Option<i64>,
    /// Old addresses and where they lead now (from `aliases:`), planned
    /// after the model by `render::redirects::plan`.
    pub redirects: Redirects,
}

/// Every old address of the site.
#[derive(Debug, Clone, Default)]
pub struct Redirects {
    pub list: Vec<Redirect>,
    /// The site's own `static/_redirects` rules, when it has that file and
    /// aliases: cerita's rules are written after them.
    pub own_rules: Option<String>,
}

impl Redirects {
    /// Whether an old address's redirect page is written to `file`
    /// (`stories/a/index.html`).
    pub fn has_page(&self, file: &str) -> bool {
        self.list.iter().any(|r| r.file.as_deref() == Some(file))
    }
}

/// An old address (`aliases:`) of a story, page or partner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    /// Site-relative path, percent-decoded, without the leading `/`
    /// (`2021/04/12/judul-lama/`, `lama.html`, `` for the root).
    pub from: String,
    /// The query string an old address needs (`p=123`), if any: such an
    /// address can only be a host rule (`_redirects`).
    pub query: Option<String>,
    /// The file a redirect page is written to, when it gets one.
    pub file: Option<String>,
    /// Where it leads: a site-relative URL path.
    pub to: String,
    pub title: String,
    pub lang: Lang,
}

impl Sites {
    /// The photos that need more than their widths: story covers get a
    /// link-preview crop, gallery photos a tile version (output paths).
    pub fn extra_versions(&self) -> crate::images::naming::Extra {
        let covers = self
            .langs
            .iter()
            .flat_map(|site| &site.stories)
            .filter_map(|s| s.image_markup.as_ref()?.og.as_ref())
            .map(|og| og.source.clone())
            .collect();
        let bodies = self.langs.iter().flat_map(|site| {
            let stories = site.stories.iter().map(|s| &s.md);
            let pages = site.pages.iter().map(|p| &p.md);
            stories.chain(pages)
        });
        let profiles = self
            .langs
            .iter()
            .flat_map(|site| &site.partners)
            .flat_map(|p| p.profile.iter().map(|x| &x.md));
        let thumbs = bodies
            .chain(profiles)
            .flat_map(|md| md.thumbs.iter().cloned())
            .collect();
        crate::images::naming::Extra { covers, thumbs }
    }

    /// The output paths (`stories/a/index.html`) of the stories and pages
    /// made from the files at `files` (under `content/`: `stories/2021/a.md`).
    pub fn pages_from(&self, files: &[String]) -> std::collections::HashSet<String> {
        if files.is_empty() {
            return Default::default();
        }
        // Sets: a save may name many files.
        let named: std::collections::HashSet<&str> = files.iter().map(String::as_str).collect();
        let content = std::path::Path::new("content");
        let paths: std::collections::HashSet<PathBuf> =
            named.iter().map(|f| content.join(f)).collect();
        self.langs
            .iter()
            .flat_map(|site| {
                let stories = site
                    .stories
                    .iter()
                    .filter(|s| named.contains(s.content_path.as_str()))
                    .map(|s| s.url.as_str());
                let pages = site
                    .pages
                    .iter()
                    .filter(|p| paths.contains(&p.path))
                    .map(|p| p.url.as_str());
                stories.chain(pages)
            })
            .map(super::urls::output_file)
            .collect()
    }

    /// Whether the site publishes in more than one language section.
    pub fn multilingual(&self) -> bool {
        self.langs.len() > 1
    }
}

/// One language's part of the site: everything the renderer needs for its
/// pages, in a deterministic order.
#[derive(Debug, Clone)]
pub struct Site {
    pub lang: Lang,
    /// Where its pages live: empty for the default language, `en/` for English.
    pub prefix: String,
    /// Published stories, newest first (undated last), ties by slug.
    pub stories: Vec<Story>,
    /// Sorted by slug.
    pub partners: Vec<Partner>,
    pub tags: Vec<Term>,
    pub authors: Vec<Term>,
    pub regions: Vec<Term>,
    /// Sorted by title.
    pub pages: Vec<Page>,
    /// Year → stories, newest year first, undated (`None`) last.
    pub years: Vec<(Option<i32>, Vec<usize>)>,
}

impl Site {
    /// An empty section for `lang`, its pages under `prefix`.
    pub fn new(lang: Lang, prefix: String) -> Site {
        Site {
            lang,
            prefix,
            stories: Vec::new(),
            partners: Vec::new(),
            tags: Vec::new(),
            authors: Vec::new(),
            regions: Vec::new(),
            pages: Vec::new(),
            years: Vec::new(),
        }
    }

    pub fn terms(&self, kind: TaxonomyKind) -> &[Term] {
        match kind {
            TaxonomyKind::Tags => &self.tags,
            TaxonomyKind::Authors => &self.authors,
            TaxonomyKind::Regions => &self.regions,
        }
    }
}

/// Options that change what is published.
#[derive(Debug, Clone, Copy, Default)]
pub struct ModelOptions {
    /// Publish drafts and future-dated stories.
    pub drafts: bool,
    /// "Now" for the future-date check, as a Unix timestamp.
    pub now: i64,
}
