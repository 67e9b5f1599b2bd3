//! Step 3a, between front matter and Markdown: which sources are published,
//! their slugs and URLs, and the link table Markdown resolves `@/` links
//! and images with. Markdown needs every URL before it renders any body,
//! so this part of the model comes first.
//!
//! In: the loaded files and their parsed front matter. Out: a [`Catalog`]
//! (published stories, pages and partner profiles with their slugs, and the
//! [`SiteResolver`]) and this step's diagnostics.

use std::collections::HashMap;
use std::sync::Arc;

use super::links::SiteResolver;
use super::site::ModelOptions;
use super::urls::{self, RESERVED};
use crate::config::Config;
use crate::error::Diagnostic;
use crate::frontmatter::{Meta, PageMeta, ParsedSource, PartnerMeta, StoryMeta};
use crate::load::{SiteFiles, Source};
use crate::text::slugify;

/// One published source with its parsed front matter and slug.
pub struct Entry<'a> {
    pub src: &'a Source,
    /// Its index in [`SiteFiles::sources`].
    pub index: usize,
    pub parsed: Arc<ParsedSource>,
    pub slug: String,
}

impl Entry<'_> {
    pub fn story(&self) -> Option<&Arc<StoryMeta>> {
        match &self.parsed.meta {
            Some(Meta::Story(m)) => Some(m),
            _ => None,
        }
    }

    pub fn page(&self) -> Option<&PageMeta> {
        match &self.parsed.meta {
            Some(Meta::Page(m)) => Some(m),
            _ => None,
        }
    }

    pub fn profile(&self) -> Option<&PartnerMeta> {
        match &self.parsed.meta {
            Some(Meta::Partner(m)) => Some(m),
            _ => None,
        }
    }
}

/// What is published and where.
pub struct Catalog<'a> {
    /// Published stories, in file order.
    pub stories: Vec<Entry<'a>>,
    pub pages: Vec<Entry<'a>>,
    pub profiles: Vec<Entry<'a>>,
    /// Every source's URL and every asset's, for Markdown's links.
    pub resolver: SiteResolver,
    /// When the next future-dated story becomes due (Unix time), if any.
    pub next_publication: Option<i64>,
}

impl Catalog<'_> {
    /// Every entry whose body is rendered, in the order Markdown's results
    /// come back: stories, pages, profiles.
    pub fn entries(&self) -> impl Iterator<Item = &Entry<'_>> {
        self.stories.iter().chain(&self.pages).chain(&self.profiles)
    }
}

/// The publish filter, slugs and the link table. `parsed` is in the order
/// of `files.sources`.
pub fn catalog<'a>(
    files: &'a SiteFiles,
    parsed: &[Arc<ParsedSource>],
    config: &Config,
    opts: ModelOptions,
) -> (Catalog<'a>, Vec<Diagnostic>) {
    let mut diags = files.diagnostics.clone();
    let published = publish(files, parsed, opts, &mut diags);
    let stories = with_slugs(published.stories, story_slug, &mut diags);
    check_duplicates(&stories, "stories", &mut diags);
    let pages = with_slugs(published.pages, page_slug, &mut diags);
    check_duplicates(&pages, "pages", &mut diags);
    let profiles = with_slugs(
        published.profiles,
        |src, _, _| slugify(src.stem()),
        &mut diags,
    );
    let resolver = link_table(
        files,
        &stories,
        &pages,
        &profiles,
        published.unpublished,
        config,
    );
    let catalog = Catalog {
        stories,
        pages,
        profiles,
        resolver,
        next_publication: published.next_publication,
    };
    (catalog, diags)
}

/// A source, its index in `files.sources`, its front matter.
type Item<'a> = (&'a Source, usize, Arc<ParsedSource>);

/// Sources that pass the publish filter, before they have slugs.
struct Published<'a> {
    stories: Vec<Item<'a>>,
    pages: Vec<Item<'a>>,
    profiles: Vec<Item<'a>>,
    /// Drafts and future stories: they exist, but links to them are errors.
    unpublished: Vec<String>,
    next_publication: Option<i64>,
}

/// Drafts are published only with `--drafts`; so are stories dated in the
/// future, whose date is remembered so a later build publishes them.
/// Partner profiles are always published. Front-matter diagnostics are
/// collected here, in file order.
fn publish<'a>(
    files: &'a SiteFiles,
    parsed: &[Arc<ParsedSource>],
    opts: ModelOptions,
    diags: &mut Vec<Diagnostic>,
) -> Published<'a> {
    let mut out = Published {
        stories: Vec::new(),
        pages: Vec::new(),
        profiles: Vec::new(),
        unpublished: Vec::new(),
        next_publication: None,
    };
    for (index, (src, p)) in files.sources.iter().zip(parsed).enumerate() {
        diags.extend(p.diagnostics.iter().cloned());
        match &p.meta {
            Some(Meta::Story(m)) => {
                let future = m.date.is_some_and(|d| d.at.unix_timestamp() > opts.now);
                if opts.drafts || (!m.draft && !future) {
                    out.stories.push((src, index, p.clone()));
                } else {
                    if let Some(due) = m.date.filter(|_| future && !m.draft) {
                        let due = due.at.unix_timestamp();
                        out.next_publication =
                            Some(out.next_publication.map_or(due, |n| n.min(due)));
                    }
                    out.unpublished.push(src.content_path.clone());
                }
            }
            Some(Meta::Partner(_)) => out.profiles.push((src, index, p.clone())),
            Some(Meta::Page(m)) => {
                if opts.drafts || !m.draft {
                    out.pages.push((src, index, p.clone()));
                } else {
                    out.unpublished.push(src.content_path.clone());
                }
            }
            None => {}
        }
    }
    out
}

fn with_slugs<'a>(
    list: Vec<Item<'a>>,
    slug: impl Fn(&Source, &ParsedSource, &mut Vec<Diagnostic>) -> String,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Entry<'a>> {
    list.into_iter()
        .map(|(src, index, parsed)| Entry {
            slug: slug(src, &parsed, diags),
            src,
            index,
            parsed,
        })
        .collect()
}

/// A story's slug: its `slug:`, else its file name, else its title.
fn story_slug(src: &Source, parsed: &ParsedSource, diags: &mut Vec<Diagnostic>) -> String {
    let meta = match &parsed.meta {
        Some(Meta::Story(m)) => Some(m),
        _ => None,
    };
    if let Some(slug) = meta.and_then(|m| m.slug.clone()) {
        return slug;
    }
    let from_file = slugify(src.stem());
    if !from_file.is_empty() {
        return from_file;
    }
    diags.push(
        Diagnostic::warning("the file name gives no usable slug; using the title")
            .at_path(&src.path)
            .with_hint(
                "name the file with letters, digits and `-`, e.g. `webinar-kbg.md`, or set `slug:`",
            ),
    );
    let from_title = meta.map(|m| slugify(&m.title)).unwrap_or_default();
    if from_title.is_empty() {
        "cerita".to_string()
    } else {
        from_title
    }
}

/// A page's slug: its `slug:` or its file name, never one of the site's
/// own sections.
fn page_slug(src: &Source, parsed: &ParsedSource, diags: &mut Vec<Diagnostic>) -> String {
    let set = match &parsed.meta {
        Some(Meta::Page(m)) => m.slug.clone(),
        _ => None,
    };
    let slug = set.unwrap_or_else(|| slugify(src.stem()));
    if RESERVED.contains(&slug.as_str()) || slug.is_empty() {
        diags.push(
            Diagnostic::error(format!("the page slug `{slug}` cannot be used"))
                .at_path(&src.path)
                .with_hint(format!(
                    "rename the file or set another `slug:`; reserved: {}",
                    RESERVED.join(", ")
                )),
        );
    }
    slug
}

fn check_duplicates(entries: &[Entry<'_>], what: &str, diags: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, &Source> = HashMap::new();
    for e in entries {
        let Some(first) = seen.get(e.slug.as_str()) else {
            seen.insert(&e.slug, e.src);
            continue;
        };
        let d = Diagnostic::error(format!(
            "two {what} have the slug `{}`: {} and {}",
            e.slug,
            first.path.display(),
            e.src.path.display()
        ))
        .with_hint("give one of them another file name or a different `slug:` in its front matter");
        diags.push(match e.story().and_then(|m| m.slug_pos) {
            Some((l, c)) => d.at(&e.src.path, &e.src.text, l, c),
            None => d.at_path(&e.src.path),
        });
    }
}

/// Where an entry's slug puts it (one of [`urls`]' functions).
type UrlOf = fn(&str) -> String;

/// Every published source's URL and every asset's.
fn link_table(
    files: &SiteFiles,
    stories: &[Entry<'_>],
    pages: &[Entry<'_>],
    profiles: &[Entry<'_>],
    unpublished: Vec<String>,
    config: &Config,
) -> SiteResolver {
    let mut resolver = SiteResolver::new(
        config.base_path.clone(),
        &files.content_assets,
        unpublished,
        &config.images,
    );
    let kinds: [(&[Entry<'_>], UrlOf); 3] = [
        (stories, urls::story),
        (pages, urls::page),
        (profiles, urls::partner),
    ];
    for (entries, url) in kinds {
        for e in entries {
            resolver.add_source(&e.src.content_path, config.url(&url(&e.slug)));
        }
    }
    resolver
}
