//! Stage 3: the site model. Parsed sources become stories, partners, tags,
//! authors, regions, pages and years, with URLs, listings, related stories and
//! every consistency check (duplicate slugs, broken `@/` links and anchors,
//! missing images, inconsistent spellings). Pure: no disk access.
//!
//! In: [`crate::load::SiteFiles`] and the [`Config`]. Out: a [`Site`] and the
//! diagnostics of this stage.

mod links;
pub mod taxonomy;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use rayon::prelude::*;
use serde_json::{Map, Value};

use crate::config::{Config, Lang};
use crate::error::Diagnostic;
use crate::frontmatter::{self, PageMeta, PartnerMeta, StoryMeta};
use crate::load::{Asset, Kind, SiteFiles, Source};
use crate::markdown::{self, Rendered, TocEntry, truncate_words};
use crate::text::{StoryDate, is_valid_slug, slugify};
pub use links::SiteResolver;
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
];

/// Words in a default summary.
const SUMMARY_WORDS: usize = 40;
const RELATED: usize = 4;

#[derive(Debug, Clone)]
pub struct Story {
    pub path: PathBuf,
    pub content_path: String,
    pub slug: String,
    /// Site-relative URL path, `stories/<slug>/`.
    pub url: String,
    pub lang: Lang,
    pub meta: StoryMeta,
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub summary: String,
    pub plain_text: String,
    pub word_count: usize,
    /// Resolved cover image URL (root-relative) if any.
    pub image: Option<String>,
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
        self.word_count.div_ceil(200).max(1)
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
    pub description_html: String,
    pub summary: String,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub path: PathBuf,
    pub slug: String,
    pub url: String,
    pub lang: Lang,
    pub meta: PageMeta,
    pub html: String,
    pub toc: Vec<TocEntry>,
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
}

impl Site {
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

struct ParsedStory<'a> {
    src: &'a Source,
    meta: StoryMeta,
    body_offset: usize,
}

/// Builds the site model. Always returns a model (possibly partial) and the
/// diagnostics; callers fail the build when any diagnostic is an error.
pub fn build(files: SiteFiles, config: &Config, opts: ModelOptions) -> (Site, Vec<Diagnostic>) {
    let mut diags = files.diagnostics;

    // 2a. Front matter, in parallel.
    let parsed: Vec<(Option<Parsed<'_>>, Vec<Diagnostic>)> =
        files.sources.par_iter().map(parse_source).collect();
    let mut stories: Vec<ParsedStory<'_>> = Vec::new();
    let mut profiles: Vec<(&Source, PartnerMeta, usize)> = Vec::new();
    let mut pages: Vec<(&Source, PageMeta, usize)> = Vec::new();
    for (p, d) in parsed {
        diags.extend(d);
        match p {
            Some(Parsed::Story(s)) => stories.push(s),
            Some(Parsed::Partner(src, m, off)) => profiles.push((src, m, off)),
            Some(Parsed::Page(src, m, off)) => pages.push((src, m, off)),
            None => {}
        }
    }

    // Drafts and future stories are left out unless asked for.
    let mut unpublished = Vec::new();
    stories.retain(|s| {
        let future = s
            .meta
            .date
            .is_some_and(|d| d.at.unix_timestamp() > opts.now);
        let keep = opts.drafts || (!s.meta.draft && !future);
        if !keep {
            unpublished.push(s.src.content_path.clone());
        }
        keep
    });
    pages.retain(|(src, m, _)| {
        let keep = opts.drafts || !m.draft;
        if !keep {
            unpublished.push(src.content_path.clone());
        }
        keep
    });

    // Slugs and URLs.
    let story_slugs: Vec<String> = stories.iter().map(|s| story_slug(s, &mut diags)).collect();
    check_duplicates(
        stories
            .iter()
            .zip(&story_slugs)
            .map(|(s, slug)| (slug.as_str(), s.src, s.meta.slug_pos)),
        "story",
        &mut diags,
    );
    let page_slugs: Vec<String> = pages
        .iter()
        .map(|(src, m, _)| {
            let slug = m.slug.clone().unwrap_or_else(|| slugify(src.stem()));
            if RESERVED.contains(&slug.as_str()) {
                diags.push(
                    Diagnostic::error(format!("the page slug `{slug}` is used by cerita itself"))
                        .at_path(&src.path)
                        .with_hint(format!(
                            "rename the file or set another `slug:`; reserved: {}",
                            RESERVED.join(", ")
                        )),
                );
            }
            slug
        })
        .collect();
    check_duplicates(
        pages
            .iter()
            .zip(&page_slugs)
            .map(|((s, _, _), slug)| (slug.as_str(), *s, None)),
        "page",
        &mut diags,
    );

    let mut resolver =
        SiteResolver::new(config.base_path.clone(), &files.content_assets, unpublished);
    for (s, slug) in stories.iter().zip(&story_slugs) {
        resolver.add_source(&s.src.content_path, config.url(&format!("stories/{slug}/")));
    }
    for ((src, _, _), slug) in pages.iter().zip(&page_slugs) {
        resolver.add_source(&src.content_path, config.url(&format!("{slug}/")));
    }
    for (src, m, _) in &profiles {
        let _ = m;
        let slug = slugify(src.stem());
        resolver.add_source(&src.content_path, config.url(&format!("partners/{slug}/")));
    }

    // 2b. Markdown, in parallel.
    let md_opts = markdown::Options2 {
        html: config.html,
        highlight: config.highlight,
    };
    let render = |src: &Source, off: usize| {
        let input = markdown::Input {
            path: &src.path,
            src: &src.text,
            body_offset: off,
            content_dir: src.content_dir(),
            content_path: &src.content_path,
        };
        markdown::render(&input, md_opts, &resolver)
    };
    let story_md: Vec<Rendered> = stories
        .par_iter()
        .map(|s| render(s.src, s.body_offset))
        .collect();
    let page_md: Vec<Rendered> = pages
        .par_iter()
        .map(|(src, _, off)| render(src, *off))
        .collect();
    let profile_md: Vec<Rendered> = profiles
        .par_iter()
        .map(|(src, _, off)| render(src, *off))
        .collect();

    // Anchors can be checked once every heading id is known.
    let mut ids: HashMap<&str, &[String]> = HashMap::new();
    for (s, r) in stories.iter().zip(&story_md) {
        ids.insert(&s.src.content_path, &r.heading_ids);
    }
    for ((src, _, _), r) in pages.iter().zip(&page_md) {
        ids.insert(&src.content_path, &r.heading_ids);
    }
    for ((src, _, _), r) in profiles.iter().zip(&profile_md) {
        ids.insert(&src.content_path, &r.heading_ids);
    }
    let all_sources: Vec<(&Source, &Rendered)> = stories
        .iter()
        .map(|s| s.src)
        .zip(&story_md)
        .chain(pages.iter().map(|(s, _, _)| *s).zip(&page_md))
        .chain(profiles.iter().map(|(s, _, _)| *s).zip(&profile_md))
        .collect();
    for (src, r) in &all_sources {
        diags.extend(r.diagnostics.iter().cloned());
        for a in &r.anchors {
            let known = ids
                .get(a.target.as_str())
                .is_some_and(|list| list.contains(&a.anchor));
            if !known && ids.contains_key(a.target.as_str()) {
                let mut d = Diagnostic::error(format!(
                    "link to a missing anchor `#{}` in `{}`",
                    a.anchor, a.target
                ))
                .at(&src.path, &src.text, a.line, a.col);
                let candidates: Vec<&str> = ids
                    .get(a.target.as_str())
                    .map(|l| l.iter().map(String::as_str).collect())
                    .unwrap_or_default();
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

    // Partners: profiles first, then every name used by a story.
    let mut partners: BTreeMap<String, Partner> = BTreeMap::new();
    let mut partner_keys: HashMap<String, String> = HashMap::new();
    for ((src, meta, _), r) in profiles.iter().zip(profile_md) {
        let slug = slugify(src.stem());
        if !is_valid_slug(src.stem()) {
            diags.push(
                Diagnostic::warning(format!("partner file name `{}` is not a clean slug; the page will be /partners/{slug}/", src.stem()))
                    .at_path(&src.path)
                    .with_hint(format!("rename the file to `{slug}.md`")),
            );
        }
        for key in std::iter::once(&meta.name).chain(&meta.aliases) {
            let k = slugify(key);
            if let Some(other) = partner_keys.get(&k) {
                if *other != slug {
                    diags.push(
                        Diagnostic::error(format!("the name `{key}` belongs to two partner profiles (`{other}` and `{slug}`)"))
                            .at_path(&src.path)
                            .with_hint("keep the name or alias in only one profile"),
                    );
                }
            }
            partner_keys.insert(k, slug.clone());
        }
        let logo = meta.logo.as_deref().and_then(|l| {
            resolve_image(
                l,
                src,
                meta.positions.get("logo").copied(),
                &resolver,
                &mut diags,
            )
        });
        partners.insert(
            slug.clone(),
            Partner {
                name: meta.name.clone(),
                slug,
                profile: Some(Profile {
                    path: src.path.clone(),
                    meta: meta.clone(),
                    logo,
                    summary: truncate_words(&r.first_paragraph, SUMMARY_WORDS),
                    description_html: r.html,
                }),
                stories: Vec::new(),
            },
        );
    }

    // Order stories: newest first, undated last, ties by slug.
    let mut order: Vec<usize> = (0..stories.len()).collect();
    order.sort_by(|&a, &b| {
        let (da, db) = (stories[a].meta.date, stories[b].meta.date);
        match (da, db) {
            (Some(x), Some(y)) => y.cmp(&x),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
        .then_with(|| story_slugs[a].cmp(&story_slugs[b]))
    });

    let mut implicit = Grouper::default();
    let mut groupers = [Grouper::default(), Grouper::default(), Grouper::default()];
    let mut md_slots: Vec<Option<Rendered>> = story_md.into_iter().map(Some).collect();
    let mut site = Site::default();
    let mut partner_links: Vec<Vec<String>> = Vec::new();
    let mut term_links: Vec<[Vec<String>; 3]> = Vec::new();
    for &i in &order {
        let s = &stories[i];
        let r = md_slots[i].take().unwrap_or_default();
        let slug = story_slugs[i].clone();
        if s.meta.date.is_none() {
            diags.push(
                Diagnostic::warning("this story has no `date`; it is listed last")
                    .at(&s.src.path, &s.src.text, s.meta.title_line, 1)
                    .with_hint("add `date: YYYY-MM-DD` to the front matter"),
            );
        }
        let mut p_slugs = Vec::new();
        for name in &s.meta.partners {
            let key = slugify(name);
            if key.is_empty() {
                continue;
            }
            match partner_keys.get(&key) {
                Some(slug) => {
                    let profile = partners.get(slug).and_then(|p| p.profile.as_ref());
                    if let Some(prof) = profile {
                        let exact =
                            prof.meta.name == *name || prof.meta.aliases.iter().any(|a| a == name);
                        if !exact {
                            let (line, col) =
                                s.meta.positions.get("partners").copied().unwrap_or((1, 1));
                            diags.push(
                                Diagnostic::warning(format!(
                                    "partner spelled `{name}`; its profile calls it `{}`",
                                    prof.meta.name
                                ))
                                .at(&s.src.path, &s.src.text, line, col)
                                .with_hint(format!(
                                    "write `{}`, or add `{name}` to `aliases` in {}",
                                    prof.meta.name,
                                    prof.path.display()
                                )),
                            );
                        }
                    }
                    p_slugs.push(slug.clone());
                }
                None => {
                    implicit.add(name);
                    p_slugs.push(key);
                }
            }
        }
        p_slugs.dedup();
        partner_links.push(p_slugs);
        let mut t: [Vec<String>; 3] = Default::default();
        for (k, names) in [&s.meta.tags, &s.meta.authors, &s.meta.regions]
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
        let summary = s
            .meta
            .summary
            .clone()
            .or(r.more_summary.clone())
            .unwrap_or_else(|| truncate_words(&r.first_paragraph, SUMMARY_WORDS));
        let image = s.meta.image.as_deref().and_then(|img| {
            resolve_image(
                img,
                s.src,
                s.meta.positions.get("image").copied(),
                &resolver,
                &mut diags,
            )
        });
        if image.is_some()
            && s.meta
                .image_alt
                .as_deref()
                .is_none_or(|a| a.trim().is_empty())
        {
            let (line, col) = s.meta.positions.get("image").copied().unwrap_or((1, 1));
            diags.push(
                Diagnostic::warning("the cover image has no `image_alt`")
                    .at(&s.src.path, &s.src.text, line, col)
                    .with_hint(
                        "describe the photo for readers who cannot see it: `image_alt: \"…\"`",
                    ),
            );
        }
        site.stories.push(Story {
            path: s.src.path.clone(),
            content_path: s.src.content_path.clone(),
            url: format!("stories/{slug}/"),
            slug,
            lang: s.meta.lang.unwrap_or(config.language),
            meta: s.meta.clone(),
            html: r.html,
            toc: r.toc,
            summary,
            plain_text: r.plain_text,
            word_count: r.word_count,
            image,
            partners: Vec::new(),
            tags: Vec::new(),
            authors: Vec::new(),
            regions: Vec::new(),
            related: Vec::new(),
        });
    }

    // Partners named only in stories.
    for (slug, name) in implicit.names() {
        partners.entry(slug.clone()).or_insert(Partner {
            name,
            slug,
            profile: None,
            stories: Vec::new(),
        });
    }
    for (slug, spellings) in implicit.inconsistent() {
        let list: Vec<String> = spellings.iter().map(|s| format!("`{s}`")).collect();
        diags.push(
            Diagnostic::warning(format!(
                "partner `{slug}` is spelled in {} ways: {}",
                list.len(),
                list.join(", ")
            ))
            .with_hint(format!(
                "use one spelling, or create content/partners/{slug}.md with `name:` and `aliases:`"
            )),
        );
    }
    site.partners = partners.into_values().collect();
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
            if let Some(&pi) = partner_index.get(slug.as_str()) {
                if !story.partners.contains(&pi) {
                    story.partners.push(pi);
                    site.partners[pi].stories.push(si);
                }
            }
        }
        for k in 0..3 {
            for slug in &term_links[si][k] {
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

    // Years.
    let mut years: BTreeMap<std::cmp::Reverse<Option<i32>>, Vec<usize>> = BTreeMap::new();
    for (i, s) in site.stories.iter().enumerate() {
        years
            .entry(std::cmp::Reverse(s.date().map(|d| d.year())))
            .or_default()
            .push(i);
    }
    let mut ys: Vec<(Option<i32>, Vec<usize>)> = years.into_iter().map(|(k, v)| (k.0, v)).collect();
    // Reverse(None) sorts first; undated belongs last.
    ys.sort_by_key(|(y, _)| (y.is_none(), std::cmp::Reverse(*y)));
    site.years = ys;

    site.related_stories();

    // Pages.
    for (((src, meta, _), slug), r) in pages.iter().zip(page_slugs).zip(page_md) {
        site.pages.push(Page {
            path: src.path.clone(),
            url: format!("{slug}/"),
            slug,
            lang: meta.lang.unwrap_or(config.language),
            meta: meta.clone(),
            summary: meta
                .summary
                .clone()
                .unwrap_or_else(|| truncate_words(&r.first_paragraph, SUMMARY_WORDS)),
            html: r.html,
            toc: r.toc,
        });
    }
    site.pages.sort_by(|a, b| {
        a.meta
            .title
            .cmp(&b.meta.title)
            .then_with(|| a.slug.cmp(&b.slug))
    });

    let mut assets = files.content_assets;
    assets.extend(files.static_assets);
    site.assets = assets;
    (site, diags)
}

impl Site {
    /// Up to four stories sharing partners (weight 2) or tags (weight 1),
    /// best first, then newest. Uses the inverted lists, never all pairs.
    fn related_stories(&mut self) {
        let partners = &self.partners;
        let tags = &self.tags;
        let related: Vec<Vec<usize>> = self
            .stories
            .par_iter()
            .enumerate()
            .map(|(i, s)| {
                let mut score: HashMap<usize, u32> = HashMap::new();
                for &p in &s.partners {
                    for &o in &partners[p].stories {
                        *score.entry(o).or_insert(0) += 2;
                    }
                }
                for &t in &s.tags {
                    for &o in &tags[t].stories {
                        *score.entry(o).or_insert(0) += 1;
                    }
                }
                score.remove(&i);
                let mut best: Vec<(usize, u32)> = score.into_iter().collect();
                best.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                best.truncate(RELATED);
                best.into_iter().map(|(o, _)| o).collect()
            })
            .collect();
        for (s, r) in self.stories.iter_mut().zip(related) {
            s.related = r;
        }
    }
}

enum Parsed<'a> {
    Story(ParsedStory<'a>),
    Partner(&'a Source, PartnerMeta, usize),
    Page(&'a Source, PageMeta, usize),
}

fn parse_source(src: &Source) -> (Option<Parsed<'_>>, Vec<Diagnostic>) {
    let split = match frontmatter::split(&src.path, &src.text) {
        Ok(s) => s,
        Err(d) => return (None, vec![d]),
    };
    let off = split.body_offset;
    match src.kind {
        Kind::Story => {
            let (m, d) = frontmatter::story(&src.path, &src.text, &split);
            (
                m.map(|meta| {
                    Parsed::Story(ParsedStory {
                        src,
                        meta,
                        body_offset: off,
                    })
                }),
                d,
            )
        }
        Kind::Partner => {
            let (m, d) = frontmatter::partner(&src.path, &src.text, &split);
            (m.map(|meta| Parsed::Partner(src, meta, off)), d)
        }
        Kind::Page => {
            let (m, d) = frontmatter::page(&src.path, &src.text, &split);
            (m.map(|meta| Parsed::Page(src, meta, off)), d)
        }
    }
}

fn story_slug(s: &ParsedStory<'_>, diags: &mut Vec<Diagnostic>) -> String {
    if let Some(slug) = &s.meta.slug {
        return slug.clone();
    }
    let from_file = slugify(s.src.stem());
    if from_file.is_empty() {
        let from_title = slugify(&s.meta.title);
        diags.push(
            Diagnostic::warning("the file name gives no usable slug; using the title")
                .at_path(&s.src.path)
                .with_hint("name the file with letters, digits and `-`, e.g. `webinar-kbg.md`, or set `slug:`"),
        );
        if from_title.is_empty() {
            "cerita".to_string()
        } else {
            from_title
        }
    } else {
        from_file
    }
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
                "two {what}s have the slug `{slug}`: {} and {}",
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

/// Resolves `image:`/`logo:` values: absolute URLs pass, relative paths are
/// looked up beside the file, `@/…` and `/…` under `content/`.
fn resolve_image(
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
    let target = if let Some(rest) = v.strip_prefix("@/").or_else(|| v.strip_prefix('/')) {
        Some(rest.to_string())
    } else {
        markdown::join_relative(src.content_dir(), v)
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

/// Free-form front-matter maps merged for templates.
pub fn merged_extra(extra: &Map<String, Value>) -> Value {
    Value::Object(extra.clone())
}
