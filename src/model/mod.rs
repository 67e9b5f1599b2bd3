//! Stage 3: the site model. Parsed sources become stories, partners, tags,
//! authors, regions, pages and years, with URLs, listings, related stories and
//! every consistency check (duplicate slugs, broken `@/` links and anchors,
//! missing images, inconsistent spellings). Pure: no disk access.
//!
//! In: [`crate::load::SiteFiles`], the [`Config`] and a [`Cache`] of earlier
//! parses. Out: a [`Site`] and the diagnostics of this stage.

pub mod cache;
mod links;
mod partners;
mod patch;
mod related;
pub mod taxonomy;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::{Config, Lang};
use crate::error::Diagnostic;
use crate::frontmatter::{self, PageMeta, PartnerMeta, StoryMeta};
use crate::load::{Asset, Kind, SiteFiles, Source};
use crate::markdown::{self, Rendered};
use crate::text::{StoryDate, slugify};
pub use cache::{Cache, Meta, ParsedSource};
pub use links::SiteResolver;
pub use patch::Patchable;
use taxonomy::Grouper;
pub use taxonomy::{TaxonomyKind, Term};

/// URL segments a page slug may not take.
pub const RESERVED: &[&str] = &[
    "stories",
    "partners",
    "tags",
    "authors",
    "regions",
    "archive",
    "search",
    "page",
    "static",
    "atom.xml",
    "sitemap.xml",
    "robots.txt",
    "404.html",
    "index.html",
    "__cerita",
];

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
    pub image_markup: Option<markdown::ImageMarkup>,
    pub partners: Vec<usize>,
    pub tags: Vec<usize>,
    pub authors: Vec<usize>,
    pub regions: Vec<usize>,
    pub related: Vec<usize>,
}

impl Story {
    pub fn date(&self) -> Option<StoryDate> {
        self.meta.date
    }

    /// Minutes at ~200 words a minute, at least one.
    pub fn reading_time(&self) -> usize {
        self.md.word_count.div_ceil(200).max(1)
    }
}

#[derive(Debug, Clone)]
pub struct Partner {
    pub name: String,
    pub slug: String,
    pub profile: Option<Profile>,
    pub stories: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Profile {
    pub path: PathBuf,
    pub meta: PartnerMeta,
    pub logo: Option<String>,
    /// The logo's resized versions, when it is a local raster image.
    pub logo_markup: Option<markdown::ImageMarkup>,
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
}

/// Everything the renderer needs, in a deterministic order.
#[derive(Debug, Clone, Default)]
pub struct Site {
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
    pub assets: Vec<Asset>,
    /// When the next future-dated story becomes due (Unix time), if any.
    pub next_publication: Option<i64>,
}

impl Site {
    /// The photos used as story covers (output paths): they get a
    /// link-preview crop.
    pub fn covers(&self) -> std::collections::BTreeSet<String> {
        self.stories
            .iter()
            .filter_map(|s| s.image_markup.as_ref()?.og.as_ref())
            .map(|og| og.source.clone())
            .collect()
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

/// A source with its parsed front matter.
struct Item<'a> {
    src: &'a Source,
    /// Index in [`SiteFiles::sources`].
    idx: usize,
    parsed: Arc<ParsedSource>,
}

impl Item<'_> {
    fn story(&self) -> Option<&Arc<StoryMeta>> {
        match &self.parsed.meta {
            Some(Meta::Story(m)) => Some(m),
            _ => None,
        }
    }
}

/// Builds the site model. Always returns a model (possibly partial) and the
/// diagnostics; callers fail the build when any diagnostic is an error.
///
/// Takes the sources: each body is dropped as soon as its Markdown is
/// rendered, and the sources keep only their front matter (for messages), so
/// a large site never holds every source text and every page's HTML at once.
pub fn build(
    mut files: SiteFiles,
    config: &Config,
    opts: ModelOptions,
    cache: &mut Cache,
) -> (Site, Vec<Diagnostic>) {
    let parsed = parse_all(&files, cache);
    let texts: Vec<Option<String>> = files
        .sources
        .iter_mut()
        .zip(&parsed)
        .map(|(src, p)| {
            let front = src.text.get(..p.body_offset).unwrap_or("").to_string();
            Some(std::mem::replace(&mut src.text, front))
        })
        .collect();
    let (site, diags, _) = assemble(&files, parsed, Some(texts), config, opts, cache);
    (site, diags)
}

/// [`build`], keeping the sources whole and also returning what
/// [`Patchable::story_body`] needs to patch this model after an edit to one
/// story's text (the preview server).
pub fn build_patchable(
    files: &SiteFiles,
    config: &Config,
    opts: ModelOptions,
    cache: &mut Cache,
) -> (Site, Vec<Diagnostic>, Patchable) {
    let parsed = parse_all(files, cache);
    assemble(files, parsed, None, config, opts, cache)
}

/// 2a. Front matter, in parallel, reusing unchanged files' results.
fn parse_all(files: &SiteFiles, cache: &mut Cache) -> Vec<Arc<ParsedSource>> {
    let parsed: Vec<Arc<ParsedSource>> = files
        .sources
        .par_iter()
        .map(|src| {
            cache
                .parsed(&src.content_path, src.hash)
                .unwrap_or_else(|| Arc::new(parse_source(src)))
        })
        .collect();
    for (src, p) in files.sources.iter().zip(&parsed) {
        cache.put_parsed(&src.content_path, src.hash, p);
    }
    let live: HashSet<&str> = files
        .sources
        .iter()
        .map(|s| s.content_path.as_str())
        .collect();
    cache.retain(&live);
    parsed
}

/// The model from parsed sources. `texts`, when given, holds each source's
/// whole text (by index in `files.sources`, whose texts are then only their
/// front matter): the Markdown stage takes them one by one.
fn assemble(
    files: &SiteFiles,
    parsed: Vec<Arc<ParsedSource>>,
    mut texts: Option<Vec<Option<String>>>,
    config: &Config,
    opts: ModelOptions,
    cache: &mut Cache,
) -> (Site, Vec<Diagnostic>, Patchable) {
    let mut diags = files.diagnostics.clone();

    let mut stories: Vec<Item<'_>> = Vec::new();
    let mut profiles: Vec<(Item<'_>, &PartnerMeta)> = Vec::new();
    let mut pages: Vec<(Item<'_>, &PageMeta)> = Vec::new();
    let mut unpublished = Vec::new();
    let mut next_publication: Option<i64> = None;
    for (idx, (src, p)) in files.sources.iter().zip(&parsed).enumerate() {
        diags.extend(p.diagnostics.iter().cloned());
        match &p.meta {
            Some(Meta::Story(m)) => {
                let future = m.date.is_some_and(|d| d.at.unix_timestamp() > opts.now);
                if opts.drafts || (!m.draft && !future) {
                    stories.push(Item {
                        src,
                        idx,
                        parsed: p.clone(),
                    });
                } else {
                    if let Some(due) = m.date.filter(|_| future && !m.draft) {
                        let due = due.at.unix_timestamp();
                        next_publication = Some(next_publication.map_or(due, |n| n.min(due)));
                    }
                    unpublished.push(src.content_path.clone());
                }
            }
            Some(Meta::Partner(m)) => profiles.push((
                Item {
                    src,
                    idx,
                    parsed: p.clone(),
                },
                m,
            )),
            Some(Meta::Page(m)) => {
                if opts.drafts || !m.draft {
                    pages.push((
                        Item {
                            src,
                            idx,
                            parsed: p.clone(),
                        },
                        m,
                    ));
                } else {
                    unpublished.push(src.content_path.clone());
                }
            }
            None => {}
        }
    }

    // Slugs and URLs.
    let story_slugs: Vec<String> = stories.iter().map(|s| story_slug(s, &mut diags)).collect();
    check_duplicates(
        stories
            .iter()
            .zip(&story_slugs)
            .map(|(s, slug)| (slug.as_str(), s.src, s.story().and_then(|m| m.slug_pos))),
        "stories",
        &mut diags,
    );
    let page_slugs: Vec<String> = pages
        .iter()
        .map(|(it, m)| page_slug(it.src, m, &mut diags))
        .collect();
    check_duplicates(
        pages
            .iter()
            .zip(&page_slugs)
            .map(|((it, _), slug)| (slug.as_str(), it.src, None)),
        "pages",
        &mut diags,
    );

    let mut resolver = SiteResolver::new(
        config.base_path.clone(),
        &files.content_assets,
        unpublished,
        &config.images,
    );
    for (s, slug) in stories.iter().zip(&story_slugs) {
        resolver.add_source(&s.src.content_path, config.url(&format!("stories/{slug}/")));
    }
    for ((it, _), slug) in pages.iter().zip(&page_slugs) {
        resolver.add_source(&it.src.content_path, config.url(&format!("{slug}/")));
    }
    for (it, _) in &profiles {
        resolver.add_source(
            &it.src.content_path,
            config.url(&format!("partners/{}/", slugify(it.src.stem()))),
        );
    }
    let links_hash = resolver.fingerprint(config);

    // 2b. Markdown, in parallel, reusing unchanged renders.
    let md_opts = markdown::Options2 {
        html: config.html,
        highlight: config.highlight,
    };
    let all_items: Vec<&Item<'_>> = stories
        .iter()
        .chain(pages.iter().map(|(i, _)| i))
        .chain(profiles.iter().map(|(i, _)| i))
        .collect();
    // Each item's text: handed over (and dropped once rendered) or borrowed.
    let inputs: Vec<std::borrow::Cow<'_, str>> = all_items
        .iter()
        .map(
            |it| match texts.as_mut().and_then(|t| t.get_mut(it.idx)?.take()) {
                Some(text) => std::borrow::Cow::Owned(text),
                None => std::borrow::Cow::Borrowed(it.src.text.as_str()),
            },
        )
        .collect();
    drop(texts);
    let rendered: Vec<Arc<Rendered>> = all_items
        .par_iter()
        .zip(inputs.into_par_iter())
        .map(|(it, text)| {
            cache
                .markdown(&it.src.content_path, it.src.hash, links_hash)
                .unwrap_or_else(|| {
                    let input = markdown::Input {
                        path: &it.src.path,
                        src: &text,
                        body_offset: it.parsed.body_offset,
                        content_dir: it.src.content_dir(),
                        content_path: &it.src.content_path,
                    };
                    Arc::new(markdown::render(&input, md_opts, &resolver))
                })
        })
        .collect();
    for (it, r) in all_items.iter().zip(&rendered) {
        cache.put_markdown(&it.src.content_path, it.src.hash, links_hash, r);
    }
    // Markdown's own diagnostics and the anchor checks are kept apart: a
    // patched model redoes just these.
    let mut anchor_diags = Vec::new();
    let pairs: Vec<(&Source, &Arc<Rendered>)> =
        all_items.iter().map(|it| it.src).zip(&rendered).collect();
    check_anchors(&pairs, &mut anchor_diags);
    let patch_items: Vec<String> = all_items
        .iter()
        .map(|it| it.src.content_path.clone())
        .collect();
    let patch_rendered = rendered.clone();
    let fronts: HashMap<String, u64> = stories
        .iter()
        .map(|it| {
            let front = it.src.text.get(..it.parsed.body_offset).unwrap_or("");
            (
                it.src.content_path.clone(),
                xxhash_rust::xxh3::xxh3_64(front.as_bytes()),
            )
        })
        .collect();
    let mut rendered = rendered.into_iter();
    let story_md: Vec<Arc<Rendered>> = rendered.by_ref().take(stories.len()).collect();
    let page_md: Vec<Arc<Rendered>> = rendered.by_ref().take(pages.len()).collect();
    let profile_md: Vec<Arc<Rendered>> = rendered.collect();

    let mut partner_table = partners::Table::from_profiles(
        profiles.iter().map(|(it, m)| (it.src, *m)).zip(profile_md),
        &resolver,
        &mut diags,
    );

    // Order stories: newest first, undated last, ties by slug.
    let mut order: Vec<usize> = (0..stories.len()).collect();
    let date_of = |i: usize| stories[i].story().and_then(|m| m.date);
    order.sort_by(|&a, &b| {
        match (date_of(a), date_of(b)) {
            (Some(x), Some(y)) => y.cmp(&x),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
        .then_with(|| story_slugs[a].cmp(&story_slugs[b]))
    });

    let mut groupers = [Grouper::default(), Grouper::default(), Grouper::default()];
    let mut site = Site {
        next_publication,
        ..Site::default()
    };
    let mut partner_links: Vec<Vec<String>> = Vec::with_capacity(order.len());
    let mut term_links: Vec<[Vec<String>; 3]> = Vec::with_capacity(order.len());
    for &i in &order {
        let it = &stories[i];
        let Some(meta) = it.story() else { continue };
        let r = story_md[i].clone();
        let slug = story_slugs[i].clone();
        if meta.date.is_none() {
            diags.push(
                Diagnostic::warning("this story has no `date`; it is listed last")
                    .at(&it.src.path, &it.src.text, meta.title_line, 1)
                    .with_hint("add `date: YYYY-MM-DD` to the front matter"),
            );
        }
        partner_links.push(partner_table.resolve_story(it.src, meta, &mut diags));
        let mut t: [Vec<String>; 3] = Default::default();
        for (k, names) in [&meta.tags, &meta.authors, &meta.regions]
            .into_iter()
            .enumerate()
        {
            for name in names {
                let slug = groupers[k].add(name);
                if !slug.is_empty() && !t[k].contains(&slug) {
                    t[k].push(slug);
                }
            }
        }
        term_links.push(t);
        let summary = meta
            .summary
            .clone()
            .or_else(|| r.more_summary.clone())
            .unwrap_or_else(|| r.short_summary.clone());
        let image = meta.image.as_deref().and_then(|img| {
            resolve_image(
                img,
                it.src,
                meta.positions.get("image").copied(),
                &resolver,
                &mut diags,
            )
        });
        if image.is_some()
            && meta
                .image_alt
                .as_deref()
                .is_none_or(|a| a.trim().is_empty())
        {
            let (line, col) = meta.positions.get("image").copied().unwrap_or((1, 1));
            diags.push(
                Diagnostic::warning("the cover image has no `image_alt`")
                    .at(&it.src.path, &it.src.text, line, col)
                    .with_hint(
                        "describe the photo for readers who cannot see it: `image_alt: \"…\"`",
                    ),
            );
        }
        site.stories.push(Story {
            path: it.src.path.clone(),
            content_path: it.src.content_path.clone(),
            url: format!("stories/{slug}/"),
            slug,
            lang: meta.lang.unwrap_or(config.language),
            meta: meta.clone(),
            md: r,
            summary,
            image_markup: image
                .as_deref()
                .and_then(|u| markdown::Resolver::image(&resolver, u)),
            image,
            partners: Vec::new(),
            tags: Vec::new(),
            authors: Vec::new(),
            regions: Vec::new(),
            related: Vec::new(),
        });
    }

    site.partners = partner_table.finish(&mut diags);
    let partner_index: HashMap<String, usize> = site
        .partners
        .iter()
        .enumerate()
        .map(|(i, p)| (p.slug.clone(), i))
        .collect();
    let mut term_lists: Vec<Vec<Term>> = groupers
        .iter()
        .map(|g| {
            g.names()
                .into_iter()
                .map(|(slug, name)| Term {
                    name,
                    slug,
                    stories: Vec::new(),
                })
                .collect()
        })
        .collect();
    let term_index: Vec<HashMap<String, usize>> = term_lists
        .iter()
        .map(|l| {
            l.iter()
                .enumerate()
                .map(|(i, t)| (t.slug.clone(), i))
                .collect()
        })
        .collect();
    for (si, story) in site.stories.iter_mut().enumerate() {
        for slug in &partner_links[si] {
            if let Some(&pi) = partner_index.get(slug) {
                if !story.partners.contains(&pi) {
                    story.partners.push(pi);
                    site.partners[pi].stories.push(si);
                }
            }
        }
        for (k, slugs) in term_links[si].iter().enumerate() {
            for slug in slugs {
                if let Some(&ti) = term_index[k].get(slug) {
                    term_lists[k][ti].stories.push(si);
                    match k {
                        0 => story.tags.push(ti),
                        1 => story.authors.push(ti),
                        _ => story.regions.push(ti),
                    }
                }
            }
        }
    }
    let mut lists = term_lists.into_iter();
    site.tags = lists.next().unwrap_or_default();
    site.authors = lists.next().unwrap_or_default();
    site.regions = lists.next().unwrap_or_default();

    // Years: newest first, undated last.
    let mut years: BTreeMap<(bool, std::cmp::Reverse<Option<i32>>), Vec<usize>> = BTreeMap::new();
    for (i, s) in site.stories.iter().enumerate() {
        let y = s.date().map(|d| d.year());
        years
            .entry((y.is_none(), std::cmp::Reverse(y)))
            .or_default()
            .push(i);
    }
    site.years = years.into_iter().map(|((_, y), v)| (y.0, v)).collect();

    related::compute(&mut site);

    for (((it, meta), slug), r) in pages.iter().zip(page_slugs).zip(page_md) {
        site.pages.push(Page {
            path: it.src.path.clone(),
            url: format!("{slug}/"),
            slug,
            lang: meta.lang.unwrap_or(config.language),
            meta: (*meta).clone(),
            summary: meta
                .summary
                .clone()
                .unwrap_or_else(|| r.short_summary.clone()),
            md: r,
        });
    }
    site.pages.sort_by(|a, b| {
        a.meta
            .title
            .cmp(&b.meta.title)
            .then_with(|| a.slug.cmp(&b.slug))
    });

    site.assets = files
        .content_assets
        .iter()
        .chain(&files.static_assets)
        .cloned()
        .collect();
    let patch = Patchable {
        resolver,
        links_hash,
        md_opts,
        base: diags.clone(),
        files_diags: files.diagnostics.clone(),
        items: patch_items,
        rendered: patch_rendered,
        fronts,
    };
    diags.extend(anchor_diags);
    (site, diags, patch)
}

fn parse_source(src: &Source) -> ParsedSource {
    let split = match frontmatter::split(&src.path, &src.text) {
        Ok(s) => s,
        Err(d) => {
            return ParsedSource {
                meta: None,
                body_offset: 0,
                diagnostics: vec![d],
            };
        }
    };
    let (meta, diagnostics) = match src.kind {
        Kind::Story => {
            let (m, d) = frontmatter::story(&src.path, &src.text, &split);
            (m.map(|m| Meta::Story(Arc::new(m))), d)
        }
        Kind::Partner => {
            let (m, d) = frontmatter::partner(&src.path, &src.text, &split);
            (m.map(Meta::Partner), d)
        }
        Kind::Page => {
            let (m, d) = frontmatter::page(&src.path, &src.text, &split);
            (m.map(Meta::Page), d)
        }
    };
    ParsedSource {
        meta,
        body_offset: split.body_offset,
        diagnostics,
    }
}

fn story_slug(s: &Item<'_>, diags: &mut Vec<Diagnostic>) -> String {
    if let Some(slug) = s.story().and_then(|m| m.slug.clone()) {
        return slug;
    }
    let from_file = slugify(s.src.stem());
    if !from_file.is_empty() {
        return from_file;
    }
    diags.push(
        Diagnostic::warning("the file name gives no usable slug; using the title")
            .at_path(&s.src.path)
            .with_hint(
                "name the file with letters, digits and `-`, e.g. `webinar-kbg.md`, or set `slug:`",
            ),
    );
    let from_title = s.story().map(|m| slugify(&m.title)).unwrap_or_default();
    if from_title.is_empty() {
        "cerita".to_string()
    } else {
        from_title
    }
}

fn page_slug(src: &Source, m: &PageMeta, diags: &mut Vec<Diagnostic>) -> String {
    let slug = m.slug.clone().unwrap_or_else(|| slugify(src.stem()));
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

fn check_duplicates<'a>(
    items: impl Iterator<Item = (&'a str, &'a Source, Option<(usize, usize)>)>,
    what: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let mut seen: HashMap<&str, &Source> = HashMap::new();
    for (slug, src, pos) in items {
        if let Some(first) = seen.get(slug) {
            let d = Diagnostic::error(format!(
                "two {what} have the slug `{slug}`: {} and {}",
                first.path.display(),
                src.path.display()
            ))
            .with_hint(
                "give one of them another file name or a different `slug:` in its front matter",
            );
            diags.push(match pos {
                Some((l, c)) => d.at(&src.path, &src.text, l, c),
                None => d.at_path(&src.path),
            });
        } else {
            seen.insert(slug, src);
        }
    }
}

/// Every `#anchor` in a link must name a heading id of its target.
/// Markdown's diagnostics, and links to `#anchors` that no heading has.
fn check_anchors(items: &[(&Source, &Arc<Rendered>)], diags: &mut Vec<Diagnostic>) {
    let ids: HashMap<&str, &[String]> = items
        .iter()
        .map(|(src, r)| (src.content_path.as_str(), r.heading_ids.as_slice()))
        .collect();
    for &(src, r) in items {
        diags.extend(r.diagnostics.iter().cloned());
        for a in &r.anchors {
            let Some(list) = ids.get(a.target.as_str()) else {
                continue;
            };
            if list.contains(&a.anchor) {
                continue;
            }
            let mut d = Diagnostic::error(format!(
                "link to a missing anchor `#{}` in `{}`",
                a.anchor, a.target
            ))
            .at_line(&src.path, &a.line_text, a.line, a.col);
            let candidates: Vec<&str> = list.iter().map(String::as_str).collect();
            d = match crate::text::closest(&a.anchor, &candidates) {
                Some(c) => d.with_hint(format!("did you mean `#{c}`?")),
                None if candidates.is_empty() => d.with_hint("that file has no headings"),
                None => d.with_hint(format!(
                    "headings there: {}",
                    candidates
                        .iter()
                        .map(|c| format!("#{c}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            };
            diags.push(d);
        }
    }
}

/// Resolves `image:`/`logo:` values: absolute URLs pass, relative paths are
/// looked up beside the file, `@/…` and `/…` under `content/`.
pub(crate) fn resolve_image(
    value: &str,
    src: &Source,
    pos: Option<(usize, usize)>,
    resolver: &SiteResolver,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    let v = value.trim();
    if v.starts_with("https://") || v.starts_with("http://") {
        return Some(v.to_string());
    }
    let target = match v.strip_prefix("@/").or_else(|| v.strip_prefix('/')) {
        Some(rest) => Some(rest.to_string()),
        None => markdown::join_relative(src.content_dir(), v),
    };
    if let Some(url) = target
        .as_deref()
        .and_then(|t| markdown::Resolver::asset_url(resolver, t))
    {
        return Some(url);
    }
    let (line, col) = pos.unwrap_or((1, 1));
    diags.push(
        Diagnostic::error(format!("image not found: `{v}`"))
            .at(&src.path, &src.text, line, col)
            .with_hint("put the image beside the Markdown file and give its file name, or a path under `content/` starting with `@/`"),
    );
    None
}
