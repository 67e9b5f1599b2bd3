//! The preview server's shortcut for the most common edits while writing:
//! one story's text changed, or its front matter changed only in fields
//! that decide nothing about the site's shape (its title, summary, update
//! date, cover description, `extra`, and `draft` under `--drafts`), or in
//! its cover photo (found where the model stage finds it), its date (a
//! future one too under `--drafts`), its partners, its tags, authors or
//! regions, its `slug:`, its old addresses (`aliases:`), its
//! `translation_key` (its translations' language links follow,
//! [`model::regrouped`]), or several of these. The model is then the same
//! but for that story (its metadata, rendered body and summary), the titles
//! its translations and old addresses show of it, and Markdown's
//! diagnostics and the `#anchor` checks, which are redone over every file
//! (cheap: no other file is rendered again, but for those that link to a
//! story given a new slug, whose new address goes into the link table
//! kept here, [`Patch::readdress`]). New partners work out every language's
//! partners and the warnings about their spellings again from the partner
//! table kept here ([`model::repartner`]); new tags, authors or regions
//! work out the section's terms again from its stories
//! ([`model::reterm`]); a new date or slug then puts the stories in order
//! again ([`model::reorder`]); new pages, addresses or old addresses plan
//! the old addresses again ([`replan`]). A story published or taken away on its own
//! (a draft no longer one or made one, a new story file, one deleted) joins
//! or leaves the model where the model stage would put it
//! ([`Patch::publish`], [`Patch::withdraw`]). Anything else takes the whole
//! model stage.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use super::parse::{self, Cache, Links};
use crate::error::Diagnostic;
use crate::frontmatter::{self, Meta};
use crate::load::{Kind, SiteFiles, Source};
use crate::markdown::{self, Rendered};
use crate::model::{self, Catalog, Edit, ModelOptions, SiteResolver, Sites, Story, catalog, urls};
use crate::render::redirects;
use crate::shortcodes::Shortcodes;

/// The last model and what a patch of it needs.
pub struct Patch {
    pub site: Arc<Sites>,
    resolver: SiteResolver,
    /// The Markdown renders' key besides their text ([`Links::hash`]).
    render_key: u64,
    options: markdown::Options2,
    shortcodes: Arc<Shortcodes>,
    /// Every diagnostic but Markdown's own and the anchor checks'.
    base: Vec<Diagnostic>,
    /// The load stage's diagnostics the model was built with.
    files_diags: Vec<Diagnostic>,
    /// Every rendered source (stories, pages, profiles) and its render.
    items: Vec<String>,
    rendered: Vec<Arc<Rendered>>,
    /// Story → hash of its front-matter block (fences included).
    fronts: HashMap<String, u64>,
    /// The partners by their profiles and by the names stories give them.
    partners: model::PartnerTable,
    /// How a story's language, section and slug are read (for a story
    /// published with an edit).
    languages: catalog::Languages,
    /// Stories a listing page shows (`paginate`).
    paginate: usize,
    /// The last model made (by this patch or by the model stage that made
    /// it) had errors, so it was not rendered: the page cache's
    /// fingerprints are an older model's, which an [`Edit`] does not
    /// describe a change from.
    pub unrendered: bool,
}

/// Folders of a section where an edit can make pages appear: the
/// listings' numbered pages, partners', terms' and the archive's years.
const LISTINGS: [&str; 6] = [
    "page/",
    "partners/",
    "tags/",
    "authors/",
    "regions/",
    "archive/",
];

/// Where the model shows a story's title besides its own pages: its
/// translations' "also in" links and the redirect pages of its old
/// addresses.
fn retitle(site: &mut Sites, section: usize, si: usize) {
    let story = &site.langs[section].stories[si];
    let (url, title) = (story.url.clone(), story.meta.title.clone());
    for lang in &mut site.langs {
        for s in &mut lang.stories {
            for t in &mut s.translations {
                if t.url == url {
                    t.title.clone_from(&title);
                }
            }
        }
    }
    for r in &mut site.redirects.list {
        if r.to == url {
            r.title.clone_from(&title);
        }
    }
}

/// A story's body rendered again because the story it links to moved.
struct Rerendered {
    /// Its place in [`Patch::items`] and among its section's stories.
    item: usize,
    story: usize,
    /// The hash of its text.
    hash: u64,
    render: Arc<Rendered>,
    asked: parse::Asked,
}

/// The source of a story edited, its front matter and that front matter's
/// story fields.
type Edited<'a> = (
    &'a Source,
    &'a Arc<frontmatter::ParsedSource>,
    &'a Arc<frontmatter::StoryMeta>,
);

/// A story's new translation group ([`Patch::regroup`]): the group, the
/// files whose warnings about a lone translation key are taken off, and
/// those warnings as they are now.
struct Regroup {
    group: String,
    about: Vec<PathBuf>,
    lone: Vec<Diagnostic>,
}

/// A model after a patch: the site, all its diagnostics, and the edit.
pub struct Patched {
    pub site: Arc<Sites>,
    pub diagnostics: Vec<Diagnostic>,
    /// The story that changed, and whether others moved or partners
    /// changed.
    pub edit: Option<Edit>,
}

/// How a story's front matter changed, when the model can be patched:
/// besides fields that place the story nowhere else, maybe in its date
/// (the stories are put in order again), its partners, or its tags,
/// authors or regions (those are worked out again), or its translation
/// group (`translation_key` on a site with `languages:`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Change {
    date: bool,
    partners: bool,
    terms: bool,
    cover: bool,
    slug: bool,
    aliases: bool,
    group: bool,
}

/// Whether the source at `content_path` had, before the edit, no
/// front-matter diagnostics, and was not a story waiting for its date
/// (counted in `next_publication`), by its last parse in `cache` (a new
/// file has none).
fn quiet_before(cache: &Cache, content_path: &str, opts: ModelOptions) -> bool {
    let Some(old) = cache.last_parsed(content_path) else {
        return true;
    };
    let waiting = match &old.meta {
        Some(Meta::Story(m)) => {
            !opts.drafts && !m.draft && m.date.is_some_and(|d| d.at.unix_timestamp() > opts.now)
        }
        _ => false,
    };
    old.diagnostics.is_empty() && !waiting
}

/// The old addresses of `site` planned again, as the model stage plans
/// them (`per`: stories a listing page shows), after a patch gave pages
/// or old addresses: `None` when the plan has something to say (an old
/// address where a page now is, two that clash), or when the site's own
/// `_redirects` would be merged with the rules for the first time or no
/// longer (the model stage reads it).
fn replan(site: &mut Sites, per: usize) -> Option<()> {
    let (list, problems) = redirects::plan(site, per);
    let own = site
        .assets
        .iter()
        .any(|a| !a.content && a.out == redirects::RULES);
    if !problems.is_empty() || (own && list.is_empty() != site.redirects.list.is_empty()) {
        return None;
    }
    site.redirects.list = list;
    Some(())
}

fn front_hash(src: &Source, body_offset: usize) -> u64 {
    let front = src.text.get(..body_offset).unwrap_or("");
    xxhash_rust::xxh3::xxh3_64(front.as_bytes())
}

impl Patch {
    /// Keeps what patching `site`, just built from `catalog` and `bodies`
    /// with `partners` (the table [`model::assemble`] made), needs. `base`
    /// are the model's diagnostics but Markdown's and the anchor checks'.
    pub fn new(
        (site, partners): (Arc<Sites>, model::PartnerTable),
        files: &SiteFiles,
        catalog: Catalog<'_>,
        bodies: Vec<Arc<Rendered>>,
        (render_key, options, shortcodes): (u64, markdown::Options2, Arc<Shortcodes>),
        base: Vec<Diagnostic>,
        paginate: usize,
    ) -> Patch {
        let items = catalog
            .entries()
            .map(|e| e.src.content_path.clone())
            .collect();
        let fronts = catalog
            .stories
            .iter()
            .map(|e| {
                let hash = front_hash(e.src, e.parsed.body_offset);
                (e.src.content_path.clone(), hash)
            })
            .collect();
        Patch {
            site,
            render_key,
            options,
            shortcodes,
            resolver: catalog.resolver,
            languages: catalog.languages,
            paginate,
            unrendered: false,
            base,
            files_diags: files.diagnostics.clone(),
            items,
            rendered: bodies,
            fronts,
            partners,
        }
    }

    /// Whether the story's new front matter differs from the one the model
    /// was built with only in fields that place it nowhere else (its title,
    /// summary, update date, cover and its description, `extra`, and
    /// `draft` where drafts are published), and maybe in its date, its
    /// partners, its tags, authors or regions, its `slug:` (given, changed
    /// or taken away), its old addresses (`aliases:`) or its
    /// `translation_key`, on a site with no errors (which of two
    /// conflicting aliases or profiles is reported depends on the order). A date must stay a date, not in the future
    /// (`opts.now`) unless such stories are published. A story warned
    /// about a partner's spelling has its partners worked out again even
    /// when they are the same (the warning's position may have moved).
    /// Anything else that decides URLs, links or publishing (language),
    /// and any diagnostic about the file, old or new, takes the whole model
    /// stage (but the warning about a `translation_key` no other file has,
    /// which the patch works out again); so do old addresses that land on
    /// a page once the edit is made ([`replan`]).
    fn front_matter_change(
        &self,
        src: &Source,
        old: &frontmatter::StoryMeta,
        new: &frontmatter::StoryMeta,
        parsed: &frontmatter::ParsedSource,
        opts: ModelOptions,
    ) -> Option<Change> {
        // Warnings about partners' spellings are worked out again with the
        // partners, and about a lone translation key with the translation
        // group (unchanged, it stays); any other diagnostic about the file
        // takes the stage.
        let (spelling, other): (Vec<&Diagnostic>, Vec<&Diagnostic>) = self
            .about(&src.path)
            .filter(|d| !catalog::is_lone_key(d))
            .partition(|d| model::is_spelling_warning(d));
        let quiet = parsed.diagnostics.is_empty() && other.is_empty();
        let neutral = quiet
            && model::cover_described(new)
            && !new.title.is_empty()
            && old.lang == new.lang
            // With `--drafts` a draft is published like any story: the
            // flag is only the badge its page and cards show.
            && (old.draft == new.draft || opts.drafts)
            && old.unknown.is_empty()
            && new.unknown.is_empty();
        if !neutral {
            return None;
        }
        let clean = self.clean();
        // A spelling warning's position may have moved with the lines above.
        let respell = !spelling.is_empty();
        let partners = old.partners != new.partners || respell;
        let terms =
            old.tags != new.tags || old.authors != new.authors || old.regions != new.regions;
        let date = old.date != new.date;
        let cover = old.image != new.image;
        let slug = old.slug != new.slug;
        let aliases = old.aliases != new.aliases;
        // Without `languages:` a translation key joins nothing.
        let group = old.translation_key != new.translation_key && self.languages.multilingual();
        if date {
            let due = new
                .date
                .is_some_and(|d| opts.drafts || d.at.unix_timestamp() <= opts.now);
            if old.date.is_none() || !due || !clean {
                return None;
            }
        }
        let change = Change {
            date,
            partners,
            terms,
            cover,
            slug,
            aliases,
            group,
        };
        // New pages, addresses, old addresses or translations: which of
        // two that clash the model stage reports depends on the order.
        let lists = partners || terms || slug || aliases || group;
        (!lists || clean).then_some(change)
    }

    /// Whether the last model had no errors.
    fn clean(&self) -> bool {
        !self.base.iter().any(Diagnostic::is_error)
    }

    /// The last model's diagnostics (but Markdown's and the anchor
    /// checks') about the file at `path`.
    fn about<'a>(&'a self, path: &'a std::path::Path) -> impl Iterator<Item = &'a Diagnostic> {
        self.base
            .iter()
            .filter(move |d| d.path.as_deref() == Some(path))
    }

    /// What Markdown renders bodies with: the link table as it is now.
    fn links(&self) -> Links<'_> {
        Links {
            resolver: &self.resolver,
            hash: self.render_key,
            options: self.options,
            shortcodes: self.shortcodes.as_ref(),
        }
    }

    /// Where the catalog puts the story `src` (with its front matter
    /// `parsed`) and what it says about it ([`catalog::Languages::story_entry`]).
    fn entry_of<'a>(
        &self,
        files: &SiteFiles,
        src: &'a Source,
        parsed: &Arc<frontmatter::ParsedSource>,
    ) -> Option<(catalog::Entry<'a>, Vec<Diagnostic>)> {
        let index = files
            .sources
            .binary_search_by(|s| s.content_path.as_str().cmp(&src.content_path))
            .ok()?;
        self.languages.story_entry((src, index), parsed.clone())
    }

    /// Whether an old address (`aliases:`) lies under one of `folders`
    /// ([`LISTINGS`]) of a section, where a page new with an edit could
    /// take it: the old addresses are then planned again ([`replan`]).
    fn aliases_among(&self, folders: &[&str]) -> bool {
        self.site.redirects.list.iter().any(|r| {
            self.site.langs.iter().any(|s| {
                r.from
                    .strip_prefix(s.prefix.as_str())
                    .is_some_and(|rest| folders.iter().any(|f| rest.starts_with(f)))
            })
        })
    }

    /// Puts the story at `content_path`, a story of `section`, at the
    /// address its new `slug` gives, in the link table; returns that
    /// address and the files whose render asked about the story. `None`
    /// when the model stage has something to say or more to change: another
    /// story of the language has that slug, or an old address (`aliases:`)
    /// of a page is there. Old addresses leading to the story follow it
    /// ([`replan`]), and so do its translations' links.
    fn readdress(
        &mut self,
        content_path: &str,
        slug: &str,
        section: usize,
        cache: &Cache,
    ) -> Option<(String, Vec<String>)> {
        let site = self.site.langs.get(section)?;
        let url = format!("{}{}", site.prefix, urls::story(slug));
        let file = urls::output_file(&url);
        let taken =
            site.stories.iter().any(|s| s.slug == slug) || self.site.redirects.has_page(&file);
        if taken {
            return None;
        }
        self.resolver.place_source(content_path, &url);
        Some((url, cache.linking_to(content_path)))
    }

    /// Whether a kept render's link depends on which versions translation
    /// group `group` has (a translation's `@/` link to one of them), the
    /// story at `content_path` besides: such a change is the full
    /// pipeline's, which asks every such link again.
    fn versions_asked(&self, cache: &Cache, group: &str, content_path: &str) -> bool {
        if group.is_empty() {
            return false;
        }
        let mut paths: Vec<&str> = model::translation_group(&self.site, group)
            .into_iter()
            .filter_map(|(k, i)| {
                let s = self.site.langs.get(k)?.stories.get(i)?;
                Some(s.content_path.as_str())
            })
            .collect();
        paths.push(content_path);
        cache.asked_versions_of(&paths)
    }

    /// The translation group story `si` of `section` joins with its new
    /// front matter `parsed` (as the catalog groups it), with the warnings
    /// about a lone translation key its old and new groups have then and
    /// the files those may be about (to take the old ones off). `None`
    /// when the model stage has something to say: the catalog has a word
    /// about the file, or another story in its language is in that group
    /// (two versions of one story).
    fn regroup(
        &self,
        files: &SiteFiles,
        src: &Source,
        parsed: &Arc<frontmatter::ParsedSource>,
        (section, si): (usize, usize),
    ) -> Option<Regroup> {
        let (entry, problems) = self.entry_of(files, src, parsed)?;
        let story = self.site.langs.get(section)?.stories.get(si)?;
        if !problems.is_empty() || entry.section != section {
            return None;
        }
        let (old, new) = (story.group.as_str(), entry.group.as_str());
        if old == new {
            return Some(Regroup {
                group: entry.group,
                about: Vec::new(),
                lone: Vec::new(),
            });
        }
        // The group's other stories.
        let others = |group: &str| -> Vec<(usize, usize)> {
            model::translation_group(&self.site, group)
                .into_iter()
                .filter(|&at| at != (section, si))
                .collect()
        };
        let (stay, join) = (others(old), others(new));
        if join.iter().any(|&(k, _)| k == section) {
            return None;
        }
        let path = |&(k, i): &(usize, usize)| self.site.langs[k].stories[i].path.clone();
        let mut lone = Vec::new();
        if let ([last], Some(w)) = (stay.as_slice(), catalog::lone_key(old)) {
            lone.push(w.at_path(path(last)));
        }
        if let (true, Some(w)) = (join.is_empty(), catalog::lone_key(new)) {
            lone.push(w.at_path(&story.path));
        }
        let about = stay
            .iter()
            .chain(&join)
            .map(path)
            .chain([story.path.clone()])
            .collect();
        Some(Regroup {
            group: entry.group,
            about,
            lone,
        })
    }

    /// The slug the catalog gives a story without `slug:`, from its file's
    /// name; `None` when the catalog has something to say about it.
    fn file_slug(
        &self,
        files: &SiteFiles,
        src: &Source,
        parsed: &Arc<frontmatter::ParsedSource>,
    ) -> Option<String> {
        let (entry, problems) = self.entry_of(files, src, parsed)?;
        problems.is_empty().then_some(entry.slug)
    }

    /// The bodies of the files at `paths` rendered again with the link
    /// table as it is now. `None` unless each is a story of `section`
    /// (a page or a profile linking to the story takes the model stage).
    fn linking_stories(
        &self,
        files: &SiteFiles,
        paths: &[String],
        section: usize,
        links: Links<'_>,
        cache: &Cache,
    ) -> Option<Vec<Rerendered>> {
        let stories = &self.site.langs[section].stories;
        paths
            .iter()
            .map(|path| {
                let item = self.items.iter().position(|p| p == path)?;
                let story = stories.iter().position(|s| s.content_path == *path)?;
                let src = files.source(path)?;
                let parsed = cache.parsed(path, src.hash)?;
                let lang = stories[story].lang;
                let at = (parsed.body_offset, lang, parsed.above());
                let (render, asked) = parse::body(src, &src.text, at, links, cache);
                Some(Rerendered {
                    item,
                    story,
                    hash: src.hash,
                    render,
                    asked,
                })
            })
            .collect()
    }

    /// Markdown's diagnostics and the `#anchor` checks over every file,
    /// with the new render of `item` (if any) and of the `others`. `None`
    /// unless every other file's text is the one the model was built from
    /// (the checks' positions are in it).
    fn anchors(
        &self,
        files: &SiteFiles,
        new: Option<(usize, &Arc<Rendered>)>,
        others: &[Rerendered],
    ) -> Option<Vec<Diagnostic>> {
        let pairs: Vec<(&Source, &Arc<Rendered>)> = self
            .items
            .iter()
            .zip(&self.rendered)
            .enumerate()
            .map(|(i, (p, old))| {
                let new = match new {
                    Some((item, render)) if item == i => Some(render),
                    _ => others.iter().find(|o| o.item == i).map(|o| &o.render),
                };
                Some((files.source(p)?, new.unwrap_or(old)))
            })
            .collect::<Option<_>>()?;
        Some(model::anchors::check(pairs.into_iter()))
    }

    /// The model after the story at `content_path` (under `content/`)
    /// changed in `files`, or `None` when the edit is more than that
    /// story's body, [neutral front matter](Self::front_matter_change) and
    /// its date, partners, terms, slug or old addresses, or than the story
    /// published or taken away on its own ([`Self::publish`],
    /// [`Self::withdraw`]) or a draft edited ([`Self::draft`]): then the
    /// model stage runs in full, and this patch, which may have changed
    /// part of its model, is dropped. `opts` are the model stage's: whether
    /// drafts are published, and the time of the rebuild (a future story
    /// that became due needs the full stage).
    pub fn story(
        &mut self,
        files: &SiteFiles,
        content_path: &str,
        opts: ModelOptions,
        cache: &mut Cache,
    ) -> Option<Patched> {
        let unrendered = self.unrendered;
        let mut patched = self.one_story(files, content_path, opts, cache)?;
        // The renderer computes every fingerprint again.
        if unrendered {
            patched.edit = None;
        }
        Some(patched)
    }

    /// [`Self::story`], the edit relative to the last model.
    fn one_story(
        &mut self,
        files: &SiteFiles,
        content_path: &str,
        opts: ModelOptions,
        cache: &mut Cache,
    ) -> Option<Patched> {
        if files.diagnostics != self.files_diags
            || self.site.next_publication.is_some_and(|t| t <= opts.now)
        {
            return None;
        }
        let found = self.site.langs.iter().enumerate().find_map(|(k, site)| {
            let i = site
                .stories
                .iter()
                .position(|s| s.content_path == content_path)?;
            Some((k, i))
        });
        // A story published or taken away: what the model stage said of
        // the file before may have been folded into another file's warning
        // (unknown fields), and a future story was counted in
        // `next_publication`; those take the stage.
        let before = quiet_before(cache, content_path, opts);
        let Some(src) = files.source(content_path) else {
            // A story's file deleted.
            return self.withdraw(files, found.filter(|_| before)?, None, cache);
        };
        if src.kind != Kind::Story {
            return None;
        }
        let parsed = cache
            .parsed(content_path, src.hash)
            .unwrap_or_else(|| Arc::new(frontmatter::parse_in(src, &cache.zone)));
        let Some(Meta::Story(meta)) = &parsed.meta else {
            return None;
        };
        let future = meta.date.is_some_and(|d| d.at.unix_timestamp() > opts.now);
        let published = opts.drafts || (!meta.draft && !future);
        match (found, published) {
            (Some(at), true) => self.edit(files, (src, &parsed, meta), at, opts, cache),
            _ if !before => None,
            (Some(at), false) => {
                // A future story is remembered for when it is due: the model
                // stage does that.
                let quiet = parsed.diagnostics.is_empty() && meta.unknown.is_empty();
                if future && !meta.draft || !quiet {
                    return None;
                }
                cache.put_parsed(content_path, src.hash, &parsed);
                self.withdraw(files, at, Some(src), cache)
            }
            (None, true) => self.publish(files, (src, &parsed, meta), cache),
            (None, false) => self.draft(files, (src, &parsed, meta), cache),
        }
    }

    /// A draft edited while it stays one, or a new draft file: the model
    /// is the same, and the link table knows the file is there. `None`
    /// when the model stage has something to say about the file (a
    /// diagnostic, old or new), when a story not a draft waits for its
    /// date (which decides when the site is rebuilt next), or when a file
    /// links to it (a link to a file not there before reads otherwise).
    fn draft(
        &mut self,
        files: &SiteFiles,
        (src, parsed, meta): Edited<'_>,
        cache: &mut Cache,
    ) -> Option<Patched> {
        let said = self.about(&src.path).next().is_some();
        let quiet = parsed.diagnostics.is_empty() && !said;
        if !meta.draft || !quiet || !cache.linking_to(&src.content_path).is_empty() {
            return None;
        }
        self.resolver.unpublished.insert(src.content_path.clone());
        cache.put_parsed(&src.content_path, src.hash, parsed);
        let mut diagnostics = self.base.clone();
        diagnostics.extend(self.anchors(files, None, &[])?);
        // Nothing a page shows changed: every fingerprint stays.
        let edit = Edit {
            section: 0,
            story: None,
            moved: None,
            partners: false,
            others: Vec::new(),
        };
        Some(Patched {
            site: self.site.clone(),
            diagnostics,
            edit: Some(edit),
        })
    }

    /// The edit of story `si` of `section` (published before and now), whose
    /// source is `src` with its front matter.
    fn edit(
        &mut self,
        files: &SiteFiles,
        (src, parsed, meta): Edited<'_>,
        (section, si): (usize, usize),
        opts: ModelOptions,
        cache: &mut Cache,
    ) -> Option<Patched> {
        let content_path = src.content_path.as_str();
        let front = front_hash(src, parsed.body_offset);
        let same_front = self.fronts.get(content_path) == Some(&front);
        let change = if same_front {
            Change::default()
        } else {
            let old = &self.site.langs[section].stories[si].meta;
            self.front_matter_change(src, old, meta, parsed, opts)?
        };
        // A new cover, unless the model stage has something to say about
        // it (a photo that is not there): then the stage says it.
        let mut cover = None;
        if change.cover {
            let mut problems = Vec::new();
            cover = Some(model::cover(&self.resolver, src, meta, &mut problems));
            if !problems.is_empty() {
                return None;
            }
        }
        // A new translation key: the group the catalog puts the story in.
        let regroup = match change.group {
            true => Some(self.regroup(files, src, parsed, (section, si))?),
            false => None,
        };
        if let Some(r) = &regroup {
            let old = &self.site.langs[section].stories[si].group;
            if r.group != *old
                && (self.versions_asked(cache, old, content_path)
                    || self.versions_asked(cache, &r.group, content_path))
            {
                return None;
            }
        }
        // A new slug: the story's new address goes into the link table, and
        // the stories that link to it render again. Without `slug:` the
        // file's name gives it, as the catalog does.
        let slug = match (change.slug, &meta.slug) {
            (false, _) => None,
            (true, Some(slug)) => Some(slug.clone()),
            (true, None) => Some(self.file_slug(files, src, parsed)?),
        };
        let here = &self.site.langs[section].stories[si];
        let (address, linking) = match slug.filter(|s| *s != here.slug) {
            Some(slug) => {
                let (url, linking) = self.readdress(content_path, &slug, section, cache)?;
                (Some((slug, url)), linking)
            }
            None => (None, Vec::new()),
        };
        let item = self.items.iter().position(|p| p == content_path)?;
        let links = self.links();
        let lang = self.site.langs[section].stories[si].lang;
        let at = (parsed.body_offset, lang, parsed.above());
        let (r, asked) = parse::body(src, &src.text, at, links, cache);
        let others = self.linking_stories(files, &linking, section, links, cache)?;
        let anchors = self.anchors(files, Some((item, &r)), &others)?;

        cache.put_parsed(content_path, src.hash, parsed);
        cache.put_markdown(content_path, (src.hash, self.render_key), &r, asked);
        for o in &others {
            let path = &self.items[o.item];
            cache.put_markdown(path, (o.hash, self.render_key), &o.render, o.asked.clone());
        }
        // Old addresses planned again where the edit may have put a page
        // where one lies, or moved where they lead.
        let retargeted = !meta.aliases.is_empty() && (change.slug || change.aliases);
        let listings = change.partners || change.terms || change.date;
        let replanned = retargeted || change.aliases || (listings && self.aliases_among(&LISTINGS));
        let site = Arc::make_mut(&mut self.site);
        for o in &others {
            let s = &mut site.langs[section].stories[o.story];
            s.summary = Story::summary_of(&s.meta, &o.render);
            s.md = o.render.clone();
        }
        let story = &mut site.langs[section].stories[si];
        story.summary = Story::summary_of(meta, &r);
        story.md = r.clone();
        if let Some((image, markup)) = cover {
            story.image = image;
            story.image_markup = markup;
        }
        let readdressed = address.is_some();
        if let Some((slug, url)) = address {
            story.slug = slug;
            story.url = url;
        }
        let mut old = None;
        if !same_front {
            old = Some(std::mem::replace(&mut story.meta, meta.clone()));
            retitle(site, section, si);
            self.fronts.insert(content_path.to_string(), front);
        }
        if let Some(r) = regroup {
            self.resolver.place_version(content_path, &r.group, lang);
            model::regrouped(site, (section, si), r.group);
            let stale = |d: &Diagnostic| d.path.as_ref().is_some_and(|p| r.about.contains(p));
            self.base.retain(|d| !(catalog::is_lone_key(d) && stale(d)));
            self.base.extend(r.lone);
        }
        if readdressed {
            model::readdressed(site, (section, si));
        }
        // A partner whose name changed is on other stories' cards: their
        // fingerprints are all computed again.
        let mut renamed = false;
        if let (true, Some(old)) = (change.partners, &old) {
            let (spelling, names) = model::repartner(
                site,
                &mut self.partners,
                section,
                Some(old),
                Some((si, src)),
            );
            // The story's own warnings, and those about partners spelled in
            // several ways (which name no file), are the new ones.
            self.base.retain(|d| {
                !model::is_spelling_warning(d) || d.path.as_ref().is_some_and(|p| *p != src.path)
            });
            self.base.extend(spelling);
            renamed = names;
        }
        if change.terms {
            renamed |= model::reterm(site, section, Some(si));
        }
        // Last, as each step above leaves the model [`model::assemble`]
        // makes but for the stories' order. Old addresses
        // (`site.redirects`) are sorted by address, not by story: only new
        // pages or addresses plan them again.
        // (A new slug may move the story among those of its date.)
        let (moved, story) = if change.date || change.slug {
            let (before, story) = model::reorder(&mut site.langs[section], si);
            (Some(before), story)
        } else {
            (None, si)
        };
        if replanned {
            replan(site, self.paginate)?;
        }
        let now = |old: usize| match &moved {
            Some(before) => before.iter().position(|&b| b == old).unwrap_or(old),
            None => old,
        };
        let others_now = others.iter().map(|o| now(o.story)).collect();
        let mut diagnostics = self.base.clone();
        diagnostics.extend(anchors);
        // Only the story changed, or other stories' places, or partners.
        let edit = (!renamed).then_some(Edit {
            section,
            story: Some(story),
            moved,
            partners: change.partners,
            others: others_now,
        });
        self.rendered[item] = r;
        for o in others {
            self.rendered[o.item] = o.render;
        }
        Some(Patched {
            site: self.site.clone(),
            diagnostics,
            edit,
        })
    }

    /// A story published with an edit (a draft no longer one, a new file):
    /// `None` unless it is a story on its own, placed by the catalog without
    /// a word and in a slug free in its section, with a date and a described
    /// cover, without `translation_key` or another version in its language,
    /// that no file links to (those links were errors), on a site with no
    /// errors; and unless the old addresses, planned again, have something
    /// to say ([`replan`]). Its body is rendered with its address in the
    /// link table; the model gets it from [`model::publish`], its
    /// translations' links with it.
    fn publish(
        &mut self,
        files: &SiteFiles,
        (src, parsed, meta): Edited<'_>,
        cache: &mut Cache,
    ) -> Option<Patched> {
        let content_path = src.content_path.as_str();
        // Its diagnostics while unpublished (its front matter's) go with
        // the model stage.
        let said = self.about(&src.path).next().is_some();
        let plain = parsed.diagnostics.is_empty()
            && meta.unknown.is_empty()
            && !meta.title.is_empty()
            && meta.date.is_some()
            && model::cover_described(meta)
            && meta.translation_key.is_none();
        if !self.clean() || said || !plain || !cache.linking_to(content_path).is_empty() {
            return None;
        }
        let (entry, problems) = self.entry_of(files, src, parsed)?;
        if self.versions_asked(cache, &entry.group, content_path) {
            return None;
        }
        let section = entry.section;
        let site = self.site.langs.get(section)?;
        let taken = site.stories.iter().any(|s| s.slug == entry.slug);
        // Two files of one translation group in one language: the model
        // stage reports them.
        let twice =
            self.languages.multilingual() && site.stories.iter().any(|s| s.group == entry.group);
        if !problems.is_empty() || taken || twice {
            return None;
        }
        let prefix = site.prefix.clone();
        let url = format!("{prefix}{}", urls::story(&entry.slug));
        let file = urls::output_file(&url);
        // An old address's page where the story's would be: the model
        // stage reports it.
        if self.site.redirects.has_page(&file) {
            return None;
        }
        let replanned = !meta.aliases.is_empty() || self.aliases_among(&LISTINGS);
        self.resolver.publish_source(content_path, &url);
        if !entry.group.is_empty() {
            self.resolver
                .place_version(content_path, &entry.group, entry.lang);
        }
        let at = (parsed.body_offset, entry.lang, parsed.above());
        let (r, asked) = parse::body(src, &src.text, at, self.links(), cache);
        let mut problems = Vec::new();
        let place = (entry.slug.clone(), entry.lang, entry.group.clone());
        let story = model::new_story(
            &prefix,
            (src, meta, &r),
            place,
            &self.resolver,
            &mut problems,
        );
        if !problems.is_empty() {
            return None;
        }
        self.items.push(content_path.to_string());
        self.rendered.push(r.clone());
        let anchors = self.anchors(files, None, &[])?;
        let site = Arc::make_mut(&mut self.site);
        let shift = model::publish(site, &mut self.partners, section, story, src);
        if replanned {
            replan(site, self.paginate)?;
        }
        cache.put_parsed(content_path, src.hash, parsed);
        cache.put_markdown(content_path, (src.hash, self.render_key), &r, asked);
        self.fronts.insert(
            content_path.to_string(),
            front_hash(src, parsed.body_offset),
        );
        Some(self.shifted(section, shift, &src.path, anchors))
    }

    /// Story `at` of `section` taken away with an edit (made a draft: its
    /// `src` is still there; its file deleted): `None` unless it is a story
    /// without `translation_key` that no file links to (those links become
    /// errors), whose only diagnostics are about its partners' spellings,
    /// on a site with no errors. The model loses it with
    /// [`model::withdraw`] (its translations' links to it too), and its
    /// old addresses with it ([`replan`]).
    fn withdraw(
        &mut self,
        files: &SiteFiles,
        (section, at): (usize, usize),
        src: Option<&Source>,
        cache: &Cache,
    ) -> Option<Patched> {
        let story = self.site.langs.get(section)?.stories.get(at)?;
        let (path, content_path) = (story.path.clone(), story.content_path.clone());
        let spelling_only = self.about(&path).all(model::is_spelling_warning);
        let alone = story.meta.translation_key.is_none();
        let replanned = !story.meta.aliases.is_empty();
        if !self.clean()
            || !spelling_only
            || !alone
            || !cache.linking_to(&content_path).is_empty()
            || self.versions_asked(cache, &story.group, &content_path)
        {
            return None;
        }
        self.resolver.withdraw_source(&content_path, src.is_some());
        self.resolver.remove_version(&content_path);
        let item = self.items.iter().position(|p| *p == content_path)?;
        self.items.remove(item);
        self.rendered.remove(item);
        let anchors = self.anchors(files, None, &[])?;
        let site = Arc::make_mut(&mut self.site);
        let shift = model::withdraw(site, &mut self.partners, (section, at));
        // Its old addresses go with it.
        if replanned {
            replan(site, self.paginate)?;
        }
        self.fronts.remove(&content_path);
        Some(self.shifted(section, shift, &path, anchors))
    }

    /// The patched model after a story at `path` of `section` was published
    /// or taken away: its spelling warnings replaced, the edit for the
    /// renderer (every story may have moved; partners' story counts
    /// changed).
    fn shifted(
        &mut self,
        section: usize,
        shift: model::Shift,
        path: &std::path::Path,
        anchors: Vec<Diagnostic>,
    ) -> Patched {
        self.base.retain(|d| {
            !model::is_spelling_warning(d) || d.path.as_deref().is_some_and(|p| p != path)
        });
        self.base.extend(shift.spelling);
        let mut diagnostics = self.base.clone();
        diagnostics.extend(anchors);
        let edit = (!shift.renamed).then_some(Edit {
            section,
            story: shift.at,
            moved: Some(shift.before),
            partners: true,
            others: Vec::new(),
        });
        Patched {
            site: self.site.clone(),
            diagnostics,
            edit,
        }
    }
}
