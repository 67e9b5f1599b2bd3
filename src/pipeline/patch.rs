//! The preview server's shortcut for the most common edits while writing:
//! one story's text changed, or its front matter changed only in fields
//! that decide nothing about the site's shape (its title, summary, update
//! date, cover description, `extra`, and `draft` under `--drafts`), or in
//! its cover photo (found where the model stage finds it), its date (a
//! future one too under `--drafts`), its partners, its tags, authors or
//! regions, or several of these. Its slug and links from
//! other files are then what they were, so the model is the same but for
//! that story (its metadata, rendered body and summary), the titles its
//! translations and old addresses show of it, and Markdown's diagnostics
//! and the `#anchor` checks, which are redone over every file (cheap: no
//! other file is rendered again). New partners work out every language's
//! partners and the warnings about their spellings again from the partner
//! table kept here ([`model::repartner`]); new tags, authors or regions
//! work out the section's terms again from its stories
//! ([`model::reterm`]); a new date then puts the stories in order again
//! ([`model::reorder`]). Anything else takes the whole model stage.

use std::collections::HashMap;
use std::sync::Arc;

use super::parse::{self, Cache, Links};
use crate::error::Diagnostic;
use crate::frontmatter::{self, Meta};
use crate::load::{Kind, SiteFiles, Source};
use crate::markdown::{self, Rendered};
use crate::model::taxonomy::TaxonomyKind;
use crate::model::{self, Catalog, Edit, ModelOptions, SiteResolver, Sites, Story};
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
}

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
/// authors or regions (those are worked out again).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Change {
    date: bool,
    partners: bool,
    terms: bool,
    cover: bool,
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
    /// partners, or its tags, authors or regions, on a site with no errors (which of two
    /// conflicting aliases or profiles is reported depends on the order). A
    /// date must stay a date, not in the future (`opts.now`) unless such
    /// stories are published; partners and terms change where no old
    /// address lies among their pages. A story warned about a partner's
    /// spelling has its partners worked out again even when they are the
    /// same (the warning's position may have moved). Anything that decides
    /// URLs, links or publishing (slug, language, draft without `--drafts`,
    /// aliases, translation key), and any diagnostic about the file,
    /// old or new, takes the whole model stage.
    fn front_matter_change(
        &self,
        src: &Source,
        old: &frontmatter::StoryMeta,
        new: &frontmatter::StoryMeta,
        parsed: &frontmatter::ParsedSource,
        opts: ModelOptions,
    ) -> Option<Change> {
        // Warnings about partners' spellings are worked out again with the
        // partners; any other diagnostic about the file takes the stage.
        let here = |d: &&Diagnostic| d.path.as_deref() == Some(src.path.as_path());
        let (spelling, other): (Vec<&Diagnostic>, Vec<&Diagnostic>) = self
            .base
            .iter()
            .filter(here)
            .partition(|d| model::is_spelling_warning(d));
        let quiet = parsed.diagnostics.is_empty() && other.is_empty();
        let cover_described = new.image.is_none()
            || new
                .image_alt
                .as_deref()
                .is_some_and(|a| !a.trim().is_empty());
        let neutral = quiet
            && cover_described
            && !new.title.is_empty()
            && old.lang == new.lang
            && old.slug == new.slug
            // With `--drafts` a draft is published like any story: the
            // flag is only the badge its page and cards show.
            && (old.draft == new.draft || opts.drafts)
            && old.translation_key == new.translation_key
            && old.aliases == new.aliases
            && old.unknown.is_empty()
            && new.unknown.is_empty();
        if !neutral {
            return None;
        }
        let clean = !self.base.iter().any(Diagnostic::is_error);
        // A spelling warning's position may have moved with the lines above.
        let respell = !spelling.is_empty();
        let partners = old.partners != new.partners || respell;
        let terms =
            old.tags != new.tags || old.authors != new.authors || old.regions != new.regions;
        let date = old.date != new.date;
        let cover = old.image != new.image;
        if date {
            let due = new
                .date
                .is_some_and(|d| opts.drafts || d.at.unix_timestamp() <= opts.now);
            if old.date.is_none() || !due || !clean {
                return None;
            }
        }
        let free = (!partners || !self.aliases_among(&[model::urls::PARTNERS]))
            && (!terms || !self.aliases_among(&TaxonomyKind::ALL.map(|k| k.key())));
        let change = Change {
            date,
            partners,
            terms,
            cover,
        };
        let lists = partners || terms;
        (!lists || (clean && free)).then_some(change)
    }

    /// Whether an old address (`aliases:`) lies under one of `folders`
    /// (`partners/`, `tags`, …) of a section, where a partner or term new
    /// with an edit could take it: only the model stage works out which
    /// wins (an error).
    fn aliases_among(&self, folders: &[&str]) -> bool {
        self.site.redirects.list.iter().any(|r| {
            self.site.langs.iter().any(|s| {
                r.from
                    .strip_prefix(s.prefix.as_str())
                    .is_some_and(|rest| folders.iter().any(|f| rest.starts_with(f)))
            })
        })
    }

    /// The model after the story at `content_path` (under `content/`)
    /// changed in `files`, or `None` when the edit is more than that
    /// story's body, [neutral front matter](Self::front_matter_change) and
    /// its date, partners or terms: then the model stage runs in full, and this
    /// patch, which may have changed part of its model, is dropped. `opts`
    /// are the model stage's: whether drafts are published, and the time of
    /// the rebuild (a future story that became due needs the full stage).
    pub fn story_body(
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
        let src = files.source(content_path)?;
        if src.kind != Kind::Story {
            return None;
        }
        let parsed = cache
            .parsed(content_path, src.hash)
            .unwrap_or_else(|| Arc::new(frontmatter::parse(src)));
        let Some(Meta::Story(meta)) = &parsed.meta else {
            return None;
        };
        // Published before, hence now (the same front matter, or one whose
        // changes decide nothing about publishing; drafts and future
        // stories are in `site.stories` only when both are published).
        let (section, si) = self.site.langs.iter().enumerate().find_map(|(k, site)| {
            let i = site
                .stories
                .iter()
                .position(|s| s.content_path == content_path)?;
            Some((k, i))
        })?;
        let front = front_hash(src, parsed.body_offset);
        let same_front = self.fronts.get(content_path) == Some(&front);
        let change = if same_front {
            Change::default()
        } else {
            let old = &self.site.langs[section].stories[si].meta;
            self.front_matter_change(src, old, meta, &parsed, opts)?
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
        let item = self.items.iter().position(|p| p == content_path)?;
        let links = Links {
            resolver: &self.resolver,
            hash: self.render_key,
            options: self.options,
            shortcodes: self.shortcodes.as_ref(),
        };
        let lang = self.site.langs[section].stories[si].lang;
        let (r, asked) = parse::body(src, &src.text, (parsed.body_offset, lang), links, cache);
        // Every other file's text must be the one the model was built from,
        // for the anchor checks' positions.
        let pairs: Vec<(&Source, &Arc<Rendered>)> = self
            .items
            .iter()
            .zip(&self.rendered)
            .enumerate()
            .map(|(i, (p, old))| Some((files.source(p)?, if i == item { &r } else { old })))
            .collect::<Option<_>>()?;
        let anchors = model::anchors::check(pairs.into_iter());

        cache.put_parsed(content_path, src.hash, &parsed);
        cache.put_markdown(content_path, (src.hash, self.render_key), &r, asked);
        let site = Arc::make_mut(&mut self.site);
        let story = &mut site.langs[section].stories[si];
        story.summary = Story::summary_of(meta, &r);
        story.md = r.clone();
        if let Some((image, markup)) = cover {
            story.image = image;
            story.image_markup = markup;
        }
        let mut old = None;
        if !same_front {
            old = Some(std::mem::replace(&mut story.meta, meta.clone()));
            retitle(site, section, si);
            self.fronts.insert(content_path.to_string(), front);
        }
        // A partner whose name changed is on other stories' cards: their
        // fingerprints are all computed again.
        let mut renamed = false;
        if let (true, Some(old)) = (change.partners, &old) {
            let (spelling, names) =
                model::repartner(site, &mut self.partners, (section, si), old, src);
            // The story's own warnings, and those about partners spelled in
            // several ways (which name no file), are the new ones.
            self.base.retain(|d| {
                !model::is_spelling_warning(d) || d.path.as_ref().is_some_and(|p| *p != src.path)
            });
            self.base.extend(spelling);
            renamed = names;
        }
        if change.terms {
            renamed |= model::reterm(site, (section, si));
        }
        // Last, as each step above leaves the model [`model::assemble`]
        // makes but for the stories' order. Old addresses
        // (`site.redirects`) are sorted by address, not by story: they stay
        // as they are.
        let (moved, story) = if change.date {
            let (before, story) = model::reorder(&mut site.langs[section], si);
            (Some(before), story)
        } else {
            (None, si)
        };
        let mut diagnostics = self.base.clone();
        diagnostics.extend(anchors);
        // Only the story changed, or other stories' places, or partners.
        let edit = (!renamed).then_some(Edit {
            section,
            story,
            moved,
            partners: change.partners,
        });
        self.rendered[item] = r;
        Some(Patched {
            site: self.site.clone(),
            diagnostics,
            edit,
        })
    }
}
