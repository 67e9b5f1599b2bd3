//! Stage 3: the site model. Parsed sources become stories, partners, tags,
//! authors, regions, pages and years, with URLs, listings, related stories and
//! every consistency check (duplicate slugs, broken `@/` links and anchors,
//! missing images, inconsistent spellings). Pure: no disk access.
//!
//! The model is built in two steps with Markdown between them, because a
//! body's links need every page's URL:
//!
//! - [`catalog()`] (step 3a): the publish filter, slugs and URLs, and the link
//!   table Markdown resolves with;
//! - [`assemble`] (step 3b): the [`Site`] from the catalog and the rendered
//!   bodies, in named steps: stories in order, partners and taxonomies, years,
//!   related stories, pages. [`anchors::check`] reads every body at once.
//!
//! Where things are: the types in [`site`], the URL scheme in [`urls`],
//! partner names and aliases in `partners.rs`, tags/authors/regions in
//! [`taxonomy`], related stories in `related.rs`.

pub mod anchors;
pub mod catalog;
mod links;
mod partners;
mod related;
pub mod site;
pub mod taxonomy;
mod translations;
pub mod urls;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use crate::error::Diagnostic;
use crate::load::SiteFiles;
use crate::markdown::Rendered;
pub use catalog::{Catalog, Entry, catalog};
pub use links::SiteResolver;
pub use partners::{Table as PartnerTable, is_spelling_warning};
pub use site::{
    ModelOptions, Page, Partner, Profile, Redirect, Redirects, Site, Sites, Story, Translation,
};
pub use taxonomy::{Elsewhere, TaxonomyKind, Term};
pub use translations::members as translation_group;

/// Step 3b: the site from the catalog and the rendered bodies (in
/// [`Catalog::entries`] order), one [`Site`] per language section, and the
/// partner table it was made with (for [`repartner`]). `diags` are the
/// earlier steps'; this step's are added. Always returns a model; callers
/// fail the build when any diagnostic is an error.
pub fn assemble(
    files: &SiteFiles,
    catalog: &Catalog<'_>,
    bodies: &[Arc<Rendered>],
    mut diags: Vec<Diagnostic>,
) -> (Sites, Vec<Diagnostic>, PartnerTable) {
    let (story_md, rest) = bodies
        .split_at_checked(catalog.stories.len())
        .unwrap_or((bodies, &[]));
    let (page_md, profile_md) = rest
        .split_at_checked(catalog.pages.len())
        .unwrap_or((rest, &[]));
    let mut partners = partners::Table::from_profiles(
        &catalog.profiles,
        profile_md,
        &catalog.resolver,
        &mut diags,
    );
    // Each section's stories in order; partners are settled across all.
    let mut sections: Vec<(Site, StoryLinks, taxonomy::Taxonomies)> = Vec::new();
    for (i, lang) in catalog.sections.iter().enumerate() {
        let mut site = Site::new(*lang, urls::prefix(&catalog.sections, i));
        let mut taxonomies = taxonomy::Taxonomies::default();
        let links = stories(
            &mut site,
            catalog,
            i,
            story_md,
            &mut partners,
            &mut taxonomies,
            &mut diags,
        );
        sections.push((site, links, taxonomies));
    }
    let entities = partners.finish(&mut diags);
    let every_partner = catalog.sections.len() == 1;
    let mut sites = Sites {
        langs: Vec::with_capacity(sections.len()),
        assets: files
            .content_assets
            .iter()
            .chain(&files.static_assets)
            .cloned()
            .collect(),
        next_publication: catalog.next_publication,
        redirects: Default::default(),
    };
    for (i, (mut site, links, taxonomies)) in sections.into_iter().enumerate() {
        site.partners = partners::in_section(&entities, i, every_partner, &links.partners);
        link_stories(&mut site, links, taxonomies);
        site.years = years(&site.stories);
        related::compute(&mut site);
        site.pages = pages(catalog, i, page_md);
        sites.langs.push(site);
    }
    if sites.multilingual() {
        translations::link(&mut sites);
    }
    (sites, diags, partners)
}

/// Newest first, undated last, ties by slug: the indices in `stories` of
/// those in `section`.
fn story_order(stories: &[Entry<'_>], section: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..stories.len())
        .filter(|&i| stories[i].section == section)
        .collect();
    let key = |i: usize| (stories[i].story().and_then(|m| m.date), &stories[i].slug);
    order.sort_by(|&a, &b| site_order(key(a), key(b)));
    order
}

/// The site's order of stories by `(date, slug)`: newest first, undated
/// last, ties by slug.
fn site_order(
    (da, sa): (Option<crate::text::StoryDate>, &String),
    (db, sb): (Option<crate::text::StoryDate>, &String),
) -> std::cmp::Ordering {
    match (da, db) {
        (Some(x), Some(y)) => y.cmp(&x),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    }
    .then_with(|| sa.cmp(sb))
}

/// What each story (in site order) names: partner slugs, and tag, author
/// and region slugs, linked to indices once every name is known.
struct StoryLinks {
    partners: Vec<Vec<String>>,
    terms: Vec<[Vec<String>; 3]>,
}

/// Section `section`'s stories in site order, with summary and cover;
/// their partner and term names go to `partners` and `taxonomies`.
#[allow(clippy::too_many_arguments)]
fn stories(
    site: &mut Site,
    catalog: &Catalog<'_>,
    section: usize,
    bodies: &[Arc<Rendered>],
    partners: &mut partners::Table,
    taxonomies: &mut taxonomy::Taxonomies,
    diags: &mut Vec<Diagnostic>,
) -> StoryLinks {
    let order = story_order(&catalog.stories, section);
    // Stories are large: grown one by one, the list would be copied ~14
    // times at 10,000 stories.
    site.stories.reserve(order.len());
    let mut links = StoryLinks {
        partners: Vec::with_capacity(order.len()),
        terms: Vec::with_capacity(order.len()),
    };
    for i in order {
        let entry = &catalog.stories[i];
        let (Some(meta), Some(md)) = (entry.story(), bodies.get(i)) else {
            continue;
        };
        let src = entry.src;
        if meta.date.is_none() {
            diags.push(
                Diagnostic::warning("this story has no `date`; it is listed last")
                    .at(&src.path, &src.text, meta.title_line, 1)
                    .with_hint("add `date: YYYY-MM-DD` to the front matter"),
            );
        }
        links
            .partners
            .push(partners.resolve_story(src, meta, diags));
        links.terms.push(taxonomies.add_story(meta));
        let place = (entry.slug.clone(), entry.lang, entry.group.clone());
        let story = new_story(
            &site.prefix,
            (src, meta, md),
            place,
            &catalog.resolver,
            diags,
        );
        site.stories.push(story);
    }
    links
}

/// A story as the model shows it, from its source, front matter and body,
/// its slug, language and translation group, under its section's `prefix`:
/// its address, summary and cover, not yet on any list (partners, terms,
/// related stories, translations).
pub fn new_story(
    prefix: &str,
    (src, meta, md): (
        &crate::load::Source,
        &Arc<crate::frontmatter::StoryMeta>,
        &Arc<Rendered>,
    ),
    (slug, lang, group): (String, crate::lang::Lang, String),
    resolver: &SiteResolver,
    diags: &mut Vec<Diagnostic>,
) -> Story {
    let (image, image_markup) = cover(resolver, src, meta, diags);
    Story {
        path: src.path.clone(),
        content_path: src.content_path.clone(),
        url: format!("{prefix}{}", urls::story(&slug)),
        slug,
        lang,
        meta: meta.clone(),
        md: md.clone(),
        summary: Story::summary_of(meta, md),
        image_markup,
        image,
        partners: Vec::new(),
        tags: Vec::new(),
        authors: Vec::new(),
        regions: Vec::new(),
        related: Vec::new(),
        translations: Vec::new(),
        group,
    }
}

/// A story's cover: the address of its `image:` and the photo's versions,
/// with a warning when it has no description. An image that is not there
/// is an error, and no cover.
pub fn cover(
    resolver: &SiteResolver,
    src: &crate::load::Source,
    meta: &crate::frontmatter::StoryMeta,
    diags: &mut Vec<Diagnostic>,
) -> (Option<String>, Option<crate::markdown::ImageMarkup>) {
    let image = meta.image.as_deref().and_then(|img| {
        resolver.image_field(img, src, meta.positions.get("image").copied(), diags)
    });
    if image.is_some() && !cover_described(meta) {
        let (line, col) = meta.positions.get("image").copied().unwrap_or((1, 1));
        diags.push(
            Diagnostic::warning("the cover image has no `image_alt`")
                .at(&src.path, &src.text, line, col)
                .with_hint("describe the photo for readers who cannot see it: `image_alt: \"…\"`"),
        );
    }
    let markup = image
        .as_deref()
        .and_then(|u| crate::markdown::Resolver::image(resolver, u));
    (image, markup)
}

/// Whether a story has no cover or describes it (`image_alt`); else
/// [`cover`] warns.
pub fn cover_described(meta: &crate::frontmatter::StoryMeta) -> bool {
    meta.image.is_none()
        || meta
            .image_alt
            .as_deref()
            .is_some_and(|a| !a.trim().is_empty())
}

/// Partners and terms get their stories, stories their partners and terms
/// (both in site order, so every list is newest first).
fn link_stories(site: &mut Site, links: StoryLinks, taxonomies: taxonomy::Taxonomies) {
    link_partners(site, &links.partners);
    link_terms(site, &links.terms, &taxonomies);
}

/// Stories get their tags, authors and regions and those their stories,
/// from the slugs each story (in site order) names.
fn link_terms(site: &mut Site, names: &[[Vec<String>; 3]], taxonomies: &taxonomy::Taxonomies) {
    let mut terms = taxonomies.terms();
    for (si, story) in site.stories.iter_mut().enumerate() {
        story.tags.clear();
        story.authors.clear();
        story.regions.clear();
        for (k, slugs) in names.get(si).into_iter().flatten().enumerate() {
            for slug in slugs {
                if let Some(ti) = terms.add_story(k, slug, si) {
                    match k {
                        0 => story.tags.push(ti),
                        1 => story.authors.push(ti),
                        _ => story.regions.push(ti),
                    }
                }
            }
        }
    }
    [site.tags, site.authors, site.regions] = terms.into_lists();
}

/// Stories get their partners and partners their stories, from the
/// partner slugs each story (in site order) names.
fn link_partners(site: &mut Site, names: &[Vec<String>]) {
    let index: HashMap<String, usize> = site
        .partners
        .iter()
        .enumerate()
        .map(|(i, p)| (p.slug.clone(), i))
        .collect();
    for (si, story) in site.stories.iter_mut().enumerate() {
        story.partners.clear();
        for slug in names.get(si).into_iter().flatten() {
            if let Some(&pi) = index.get(slug.as_str()) {
                if !story.partners.contains(&pi) {
                    story.partners.push(pi);
                    site.partners[pi].stories.push(si);
                }
            }
        }
    }
}

/// After a story of section `section` changed its partners from those of
/// `old` to those of its front matter (`now`: its index, and its source
/// for the warnings), or was published (no `old`) or taken away (no
/// `now`): `table` (the one [`assemble`] made) updated, every section's
/// partners worked out again from it as [`assemble`] does, each story's
/// partners and each partner's stories, the related stories and the links
/// to other languages. Returns the story's warnings about partners'
/// spellings and those about partners spelled in several ways, which
/// replace the old ones, and whether a partner is now called otherwise
/// (its name is on other stories' pages).
pub fn repartner(
    sites: &mut Sites,
    table: &mut PartnerTable,
    section: usize,
    old: Option<&crate::frontmatter::StoryMeta>,
    now: Option<(usize, &crate::load::Source)>,
) -> (Vec<Diagnostic>, bool) {
    let mut diags = Vec::new();
    if let Some(old) = old {
        table.forget_story(old);
    }
    let story = now.map(|(i, _)| i);
    let edited =
        now.and_then(|(i, src)| Some((&sites.langs.get(section)?.stories.get(i)?.meta, src)));
    let slugs = edited.map_or_else(Vec::new, |(meta, src)| {
        table.resolve_story(src, meta, &mut diags)
    });
    let entities = table.finish(&mut diags);
    let every_partner = sites.langs.len() == 1;
    let mut renamed = false;
    for (i, site) in sites.langs.iter_mut().enumerate() {
        // What each story names: the partners it has, but the edited one's.
        let names: Vec<Vec<String>> = site
            .stories
            .iter()
            .enumerate()
            .map(|(si, s)| match i == section && Some(si) == story {
                true => slugs.clone(),
                false => s
                    .partners
                    .iter()
                    .filter_map(|&p| Some(site.partners.get(p)?.slug.clone()))
                    .collect(),
            })
            .collect();
        let partners = partners::in_section(&entities, i, every_partner, &names);
        let before: HashMap<&str, &str> = site
            .partners
            .iter()
            .map(|p| (p.slug.as_str(), p.name.as_str()))
            .collect();
        renamed |= partners.iter().any(|p| {
            before
                .get(p.slug.as_str())
                .is_some_and(|name| *name != p.name)
        });
        // Other sections' stories are on the same partners' lists as
        // before: only the edited one's neighbours there, before and now,
        // may have other related stories.
        let near = |site: &Site| match story.filter(|_| i == section) {
            Some(story) => related::near(site, story),
            None => Vec::new(),
        };
        let mut affected = near(site);
        site.partners = partners;
        link_partners(site, &names);
        affected.extend(near(site));
        recompute_related(site, affected);
    }
    if sites.multilingual() {
        translations::partners(sites);
    }
    (diags, renamed)
}

/// After story `story` of section `section` changed its tags, authors or
/// regions (its `meta` already the new one), or a story of the section was
/// published or taken away (no `story`: then the stories near it in its
/// lists are the caller's to work out again): the section's terms worked
/// out again from every story's names as [`assemble`] does, then the
/// related stories and, on a site in several languages, each term's
/// stories in the others. Returns whether a term is now called otherwise
/// (the most used spelling changed): its name is on other stories' pages.
pub fn reterm(sites: &mut Sites, section: usize, story: Option<usize>) -> bool {
    let multilingual = sites.multilingual();
    let Some(site) = sites.langs.get_mut(section) else {
        return false;
    };
    let near = |site: &Site| story.map_or_else(Vec::new, |s| related::near(site, s));
    let mut affected = near(site);
    let mut taxonomies = taxonomy::Taxonomies::default();
    let names: Vec<[Vec<String>; 3]> = site
        .stories
        .iter()
        .map(|s| taxonomies.add_story(&s.meta))
        .collect();
    let before: Vec<HashMap<String, String>> = [&site.tags, &site.authors, &site.regions]
        .into_iter()
        .map(|list| {
            list.iter()
                .map(|t| (t.slug.clone(), t.name.clone()))
                .collect()
        })
        .collect();
    link_terms(site, &names, &taxonomies);
    let renamed = [&site.tags, &site.authors, &site.regions]
        .into_iter()
        .zip(&before)
        .any(|(list, before)| {
            list.iter()
                .any(|t| before.get(&t.slug).is_some_and(|name| *name != t.name))
        });
    affected.extend(near(site));
    recompute_related(site, affected);
    if multilingual {
        translations::terms(sites);
    }
    renamed
}

/// The related stories of the stories `ids` (in any order, repeated or
/// not) worked out again.
fn recompute_related(site: &mut Site, mut ids: Vec<usize>) {
    ids.sort_unstable();
    ids.dedup();
    related::compute_for(site, &ids);
}

/// One story's edit the preview server patched into the last model: what
/// the renderer works out again instead of everything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// The story's language section and its index there (none when the
    /// edit took it away).
    pub section: usize,
    pub story: Option<usize>,
    /// After a new date ([`reorder`]), or a story published or taken away
    /// ([`publish`], [`withdraw`]): each story's index before the edit, by
    /// its index now ([`NEW`] for a story published). Nothing else about
    /// the other stories changed.
    pub moved: Option<Vec<usize>>,
    /// After new partners ([`repartner`]): the partners were worked out
    /// again; every partner is called as before (a new name on other
    /// stories' cards gives no `Edit`).
    pub partners: bool,
    /// Other stories of the section whose body was rendered again (they
    /// link to the story, which has a new address), by their index now.
    pub others: Vec<usize>,
}

/// Puts `site`'s stories in order again after one got a new date: the
/// stories sorted as [`assemble`] sorts them, every list of them
/// (partners', terms') renumbered, years and related stories worked out
/// again. The result equals what [`assemble`] makes from the same stories
/// (the preview server's patch; tested against `cerita build`). Returns
/// each story's index before, by its index now, and where story `edited`
/// went.
pub fn reorder(site: &mut Site, edited: usize) -> (Vec<usize>, usize) {
    let n = site.stories.len();
    let mut order: Vec<usize> = (0..n).collect();
    let key = |i: usize| (site.stories[i].date(), &site.stories[i].slug);
    order.sort_by(|&a, &b| site_order(key(a), key(b)));
    let mut new_index = vec![0; n];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    // Only the stories near the edited one in its lists, before and now,
    // may have other related stories; the others' are renumbered.
    let mut affected: Vec<usize> = related::near(site, edited)
        .into_iter()
        .filter_map(|i| new_index.get(i).copied())
        .collect();
    let mut old: Vec<Option<Story>> = std::mem::take(&mut site.stories)
        .into_iter()
        .map(Some)
        .collect();
    site.stories = order.iter().filter_map(|&o| old[o].take()).collect();
    let moved: Vec<Option<usize>> = new_index.iter().copied().map(Some).collect();
    renumber(site, &moved);
    let now = new_index.get(edited).copied().unwrap_or(edited);
    affected.extend(related::near(site, now));
    recompute_related(site, affected);
    (order, now)
}

/// After story `story` of section `section` was published or got a new
/// address: its translations' links to it follow (and its to them).
pub fn readdressed(sites: &mut Sites, (section, story): (usize, usize)) {
    let Some(group) = sites
        .langs
        .get(section)
        .and_then(|s| s.stories.get(story))
        .map(|s| s.group.clone())
    else {
        return;
    };
    if sites.multilingual() {
        translations::regroup(sites, &group);
    }
}

/// After story `story` of section `section` got a new `translation_key`:
/// it joins the translation group `group`, and the language links of its
/// old group's stories and its new group's are worked out again.
pub fn regrouped(sites: &mut Sites, (section, story): (usize, usize), group: String) {
    let Some(s) = sites
        .langs
        .get_mut(section)
        .and_then(|l| l.stories.get_mut(story))
    else {
        return;
    };
    let old = std::mem::replace(&mut s.group, group);
    let new = s.group.clone();
    translations::regroup(sites, &old);
    translations::regroup(sites, &new);
}

/// In [`Edit::moved`], the place before of a story the edit published.
pub const NEW: usize = usize::MAX;

/// What publishing or taking away one story did to the model.
#[derive(Default)]
pub struct Shift {
    /// Each story's index before, by its index now ([`NEW`] for the story
    /// published).
    pub before: Vec<usize>,
    /// Where the story published is now.
    pub at: Option<usize>,
    /// The warnings about partners' spellings: the story's own, and those
    /// about partners spelled in several ways. They replace the old ones.
    pub spelling: Vec<Diagnostic>,
    /// Whether a partner or a term is now called otherwise: its name is on
    /// other stories' pages.
    pub renamed: bool,
}

/// Story `story` (made by [`new_story`] from `src`), published with an
/// edit, put among section `section`'s stories where [`assemble`] puts
/// it, with its partners (from `table`, the one [`assemble`] made), tags,
/// authors and regions; every list of stories renumbered, years and the
/// related stories near it worked out again. The result equals what
/// [`assemble`] makes from the same stories (the preview server's patch;
/// tested against it and against `cerita build`). The story's slug must be
/// free in the section.
pub fn publish(
    sites: &mut Sites,
    table: &mut PartnerTable,
    section: usize,
    story: Story,
    src: &crate::load::Source,
) -> Shift {
    let Some(site) = sites.langs.get_mut(section) else {
        return Shift::default();
    };
    let n = site.stories.len();
    let key = (story.date(), &story.slug);
    let at = site
        .stories
        .partition_point(|s| site_order((s.date(), &s.slug), key) == std::cmp::Ordering::Less);
    let new_index: Vec<Option<usize>> = (0..n)
        .map(|i| Some(if i < at { i } else { i + 1 }))
        .collect();
    site.stories.insert(at, story);
    renumber(site, &new_index);
    let before = (0..=n)
        .map(|i| match i.cmp(&at) {
            std::cmp::Ordering::Less => i,
            std::cmp::Ordering::Equal => NEW,
            std::cmp::Ordering::Greater => i - 1,
        })
        .collect();
    // Its partners, then its terms, each time with the related stories of
    // those near it in its lists.
    let (spelling, partners) = repartner(sites, table, section, None, Some((at, src)));
    let terms = reterm(sites, section, Some(at));
    readdressed(sites, (section, at));
    Shift {
        before,
        at: Some(at),
        spelling,
        renamed: partners || terms,
    }
}

/// Story `at` of section `section` taken away with an edit (made a draft,
/// or its file deleted): out of every list of stories and of `table` (the
/// one [`assemble`] made), the others renumbered, years, partners, terms
/// and the related stories of those that were near it worked out again.
/// The result equals what [`assemble`] makes from the other stories.
pub fn withdraw(
    sites: &mut Sites,
    table: &mut PartnerTable,
    (section, at): (usize, usize),
) -> Shift {
    let Some(site) = sites
        .langs
        .get_mut(section)
        .filter(|s| at < s.stories.len())
    else {
        return Shift::default();
    };
    // Those whose window in one of its lists held it.
    let near = related::near(site, at);
    let old = site.stories.remove(at);
    let n = site.stories.len();
    let new_index: Vec<Option<usize>> = (0..=n)
        .map(|i| match i.cmp(&at) {
            std::cmp::Ordering::Less => Some(i),
            std::cmp::Ordering::Equal => None,
            std::cmp::Ordering::Greater => Some(i - 1),
        })
        .collect();
    renumber(site, &new_index);
    let affected: Vec<usize> = near
        .into_iter()
        .filter_map(|i| new_index.get(i).copied().flatten())
        .collect();
    let before = (0..n).map(|i| if i < at { i } else { i + 1 }).collect();
    let (spelling, partners) = repartner(sites, table, section, Some(&old.meta), None);
    let terms = reterm(sites, section, None);
    if let Some(site) = sites.langs.get_mut(section) {
        recompute_related(site, affected);
    }
    if sites.multilingual() {
        translations::regroup(sites, &old.group);
    }
    Shift {
        before,
        at: None,
        spelling,
        renamed: partners || terms,
    }
}

/// Every list of `site`'s stories renumbered after they were put in
/// another order ([`reorder`]) or some were published or taken away:
/// `new_index[i]` is story `i`'s index now, `None` once it is gone.
/// Partners' and terms' lists stay in site order, related stories in
/// theirs (best first); years are worked out again.
fn renumber(site: &mut Site, new_index: &[Option<usize>]) {
    let map = |list: &mut Vec<usize>| {
        let old = std::mem::take(list);
        *list = old
            .into_iter()
            .filter_map(|i| new_index.get(i).copied().flatten())
            .collect();
    };
    for p in &mut site.partners {
        map(&mut p.stories);
        p.stories.sort_unstable();
    }
    for t in site
        .tags
        .iter_mut()
        .chain(&mut site.authors)
        .chain(&mut site.regions)
    {
        map(&mut t.stories);
        t.stories.sort_unstable();
    }
    for s in &mut site.stories {
        map(&mut s.related);
    }
    site.years = years(&site.stories);
}

/// Year → stories: newest year first, undated last.
fn years(stories: &[Story]) -> Vec<(Option<i32>, Vec<usize>)> {
    let mut years: BTreeMap<(bool, std::cmp::Reverse<Option<i32>>), Vec<usize>> = BTreeMap::new();
    for (i, s) in stories.iter().enumerate() {
        let y = s.date().map(|d| d.year());
        years
            .entry((y.is_none(), std::cmp::Reverse(y)))
            .or_default()
            .push(i);
    }
    years.into_iter().map(|((_, y), v)| (y.0, v)).collect()
}

/// Section `section`'s plain pages, sorted by title, then slug.
fn pages(catalog: &Catalog<'_>, section: usize, bodies: &[Arc<Rendered>]) -> Vec<Page> {
    let prefix = urls::prefix(&catalog.sections, section);
    let mut pages: Vec<Page> = catalog
        .pages
        .iter()
        .zip(bodies)
        .filter(|(entry, _)| entry.section == section)
        .filter_map(|(entry, md)| {
            let meta = entry.page()?;
            Some(Page {
                path: entry.src.path.clone(),
                url: format!("{prefix}{}", urls::page(&entry.slug)),
                slug: entry.slug.clone(),
                lang: entry.lang,
                meta: meta.clone(),
                summary: meta
                    .summary
                    .clone()
                    .unwrap_or_else(|| md.short_summary.clone()),
                md: md.clone(),
                translations: Vec::new(),
                group: entry.group.clone(),
            })
        })
        .collect();
    // Every language's menu in one order: by the title of each page's
    // default-language version where it has one (translated titles sort
    // otherwise: "Tentang", "Crop" against "About", "Crop"), else its own.
    let originals: std::collections::HashMap<&str, &str> = catalog
        .pages
        .iter()
        .filter(|e| e.section == 0 && !e.group.is_empty())
        .filter_map(|e| Some((e.group.as_str(), e.page()?.title.as_str())))
        .collect();
    let order = |p: &Page| -> String {
        originals
            .get(p.group.as_str())
            .copied()
            .unwrap_or(p.meta.title.as_str())
            .to_string()
    };
    pages.sort_by(|a, b| {
        order(a)
            .cmp(&order(b))
            .then_with(|| a.meta.title.cmp(&b.meta.title))
            .then_with(|| a.slug.cmp(&b.slug))
    });
    pages
}

#[cfg(test)]
mod tests;
