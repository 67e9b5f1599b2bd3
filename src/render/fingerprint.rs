//! Page fingerprints: a hash of everything a page's output depends on, cheap
//! to compute without rendering. The preview server re-renders only pages
//! whose fingerprint changed, which keeps its output byte-identical to a full
//! build while touching just the pages an edit can affect.
use serde::Serialize;
use xxhash_rust::xxh3::Xxh3;

use super::context::{ArchiveItem, PartnerView, StoryView, TermView};
use super::job::{Job, pages_of};
use super::renderer::Renderer;
use crate::model::TaxonomyKind;

fn hash_of<T: Serialize>(value: &T) -> u64 {
    // Serialised whole, then hashed at once: the serialiser's many small
    // writes cost several times more fed to a streaming hasher. Serialising
    // our own view structs cannot fail.
    xxhash_rust::xxh3::xxh3_64(&serde_json::to_vec(value).unwrap_or_default())
}

/// A page's kind and number, without the indices of the story, partner or
/// term it shows (the content hashes stand for those).
fn stable_kind(job: Job) -> (u8, Option<TaxonomyKind>, usize) {
    match job {
        Job::Home(n) => (0, None, n),
        Job::Story(_) => (1, None, 0),
        Job::Page(_) => (2, None, 0),
        Job::Partners => (3, None, 0),
        Job::Partner(_, n) => (4, None, n),
        Job::Taxonomy(k) => (5, Some(k), 0),
        Job::Term(k, _, n) => (6, Some(k), n),
        Job::Archive => (7, None, 0),
        Job::ArchiveYear(_) => (11, None, 0),
        Job::Search => (8, None, 0),
        Job::NotFound => (9, None, 0),
        Job::Offline => (10, None, 0),
    }
}

/// A story page's own part: its card, its body, its extra front matter.
fn story_page_hash(s: &crate::model::Story, card: u64) -> u64 {
    let mut h = Xxh3::new();
    h.update(&card.to_le_bytes());
    h.update(&s.md.hash.to_le_bytes());
    h.update(&hash_of(&s.meta.unknown).to_le_bytes());
    h.digest()
}

/// Precomputed hashes shared by all pages of one model.
pub struct Fingerprints {
    global: u64,
    /// Per template name: its source and its dependencies' sources.
    templates: std::collections::HashMap<String, u64>,
    /// Per story: its list view (title, date, summary, links …).
    cards: Vec<u64>,
    /// Per story: the list view plus rendered body.
    pages: Vec<u64>,
    partners: Vec<u64>,
    /// Per story: its archive entry.
    archive: Vec<u64>,
}

impl Fingerprints {
    /// Moves each story's fingerprints to its new place, `before` giving
    /// each story's index before by its index now: a story's own
    /// fingerprints never depend on its place among the others.
    pub(super) fn reorder(&mut self, before: &[usize]) {
        let moved = |v: &[u64]| -> Vec<u64> {
            before
                .iter()
                .map(|&old| v.get(old).copied().unwrap_or(0))
                .collect()
        };
        self.cards = moved(&self.cards);
        self.pages = moved(&self.pages);
        self.archive = moved(&self.archive);
    }

    /// The inputs of a feed titled `title` listing `stories`.
    pub(super) fn feed(&self, title: &str, stories: &[usize]) -> u64 {
        let mut h = Xxh3::new();
        h.update(&self.global.to_le_bytes());
        h.update(title.as_bytes());
        for &i in stories {
            h.update(&self.pages.get(i).copied().unwrap_or(0).to_le_bytes());
        }
        h.digest()
    }
}

impl Renderer<'_> {
    /// Hashes of everything pages share: templates, UI strings, config, nav.
    pub fn fingerprints(&self) -> Fingerprints {
        use rayon::prelude::*;
        // Each page depends only on its own template and what that one
        // extends, imports or includes.
        let mut templates = std::collections::HashMap::new();
        for name in self.theme.templates.keys() {
            let mut h = Xxh3::new();
            for dep in self.theme.dependencies(name) {
                h.update(dep.as_bytes());
                if let Some(t) = self.theme.templates.get(&dep) {
                    h.update(t.source.as_bytes());
                }
            }
            templates.insert(name.clone(), h.digest());
        }
        let mut h = Xxh3::new();
        let mut langs: Vec<_> = self.theme.i18n.iter().collect();
        langs.sort_by_key(|(l, _)| **l);
        h.update(&hash_of(&langs).to_le_bytes());
        h.update(&hash_of(&self.site_view).to_le_bytes());
        h.update(&hash_of(&self.nav).to_le_bytes());
        // Every page links the theme's files by their version.
        h.update(&hash_of(&self.theme.versions).to_le_bytes());
        h.update(format!("{:?}", self.config.site_languages()).as_bytes());
        h.update(self.config.base_url.as_bytes());
        h.update(&(self.config.paginate as u64).to_le_bytes());
        let global = h.digest();
        let site = self.site;
        let cards: Vec<u64> = (0..site.stories.len())
            .into_par_iter()
            .map(|i| hash_of(&StoryView::new(site, &self.urls, i, false)))
            .collect();
        let pages: Vec<u64> = site
            .stories
            .par_iter()
            .zip(&cards)
            .map(|(s, c)| story_page_hash(s, *c))
            .collect();
        let archive = (0..site.stories.len())
            .into_par_iter()
            .map(|i| hash_of(&ArchiveItem::new(site, &self.urls, i)))
            .collect();
        Fingerprints {
            global,
            templates,
            cards,
            pages,
            partners: self.partner_prints(),
            archive,
        }
    }

    fn partner_prints(&self) -> Vec<u64> {
        (0..self.site.partners.len())
            .map(|i| hash_of(&PartnerView::new(self.site, &self.urls, i, true)))
            .collect()
    }

    /// Updates `fp`, made for this model before one story's partners
    /// changed, for the partners (a story's own fingerprints name its
    /// partners by name and address, which stay).
    pub fn refingerprint_partners(&self, fp: &mut Fingerprints) {
        fp.partners = self.partner_prints();
    }

    /// Updates `fp`, made for this model before story `i` was edited (the
    /// model was patched), for that story.
    pub fn refingerprint_story(&self, fp: &mut Fingerprints, i: usize) {
        let site = self.site;
        let (Some(s), Some(card), Some(page), Some(archive)) = (
            site.stories.get(i),
            fp.cards.get_mut(i),
            fp.pages.get_mut(i),
            fp.archive.get_mut(i),
        ) else {
            return;
        };
        *card = hash_of(&StoryView::new(site, &self.urls, i, false));
        *page = story_page_hash(s, *card);
        *archive = hash_of(&ArchiveItem::new(site, &self.urls, i));
    }

    /// The fingerprint of one page.
    pub fn fingerprint(&self, fp: &Fingerprints, job: Job) -> u64 {
        let mut h = Xxh3::new();
        h.update(&fp.global.to_le_bytes());
        h.update(
            &fp.templates
                .get(job.template())
                .copied()
                .unwrap_or(0)
                .to_le_bytes(),
        );
        // Which kind of page, not which story or term by index: the cache is
        // kept by output path, and a story moved in the order (a new date)
        // shifts every index after it without changing those pages.
        std::hash::Hash::hash(&stable_kind(job), &mut h);
        // Its translations: the switcher's links and the alternates.
        if self.sites.multilingual() {
            let path = job.path(self.site);
            std::hash::Hash::hash(&self.languages(job, &path), &mut h);
        }
        let per = self.config.paginate;
        let cards = |h: &mut Xxh3, ids: &[usize]| {
            for &i in ids {
                h.update(&fp.cards.get(i).copied().unwrap_or(0).to_le_bytes());
            }
        };
        let page_of = |h: &mut Xxh3, ids: &[usize], n: usize| {
            h.update(&(pages_of(ids.len(), per) as u64).to_le_bytes());
            h.update(&(ids.len() as u64).to_le_bytes());
            let start = (n - 1) * per;
            cards(
                h,
                ids.get(start..(start + per).min(ids.len())).unwrap_or(&[]),
            );
        };
        let site = self.site;
        match job {
            Job::Home(n) => {
                let all: Vec<usize> = (0..site.stories.len()).collect();
                page_of(&mut h, &all, n);
            }
            Job::Story(i) => {
                h.update(&fp.pages[i].to_le_bytes());
                cards(&mut h, &site.stories[i].related);
                h.update(b"newer");
                cards(&mut h, i.checked_sub(1).as_slice());
                h.update(b"older");
                let older: &[usize] = if i + 1 < site.stories.len() {
                    &[i + 1]
                } else {
                    &[]
                };
                cards(&mut h, older);
            }
            Job::Page(i) => {
                let p = &site.pages[i];
                h.update(p.meta.title.as_bytes());
                h.update(&p.md.hash.to_le_bytes());
                h.update(p.summary.as_bytes());
                h.update(p.lang.code().as_bytes());
                h.update(&hash_of(&p.meta.extra).to_le_bytes());
            }
            Job::Partners => {
                for (p, ph) in site.partners.iter().zip(&fp.partners) {
                    h.update(&ph.to_le_bytes());
                    h.update(&(p.stories.len() as u64).to_le_bytes());
                }
            }
            Job::Partner(i, n) => {
                h.update(&fp.partners[i].to_le_bytes());
                page_of(&mut h, &site.partners[i].stories, n);
            }
            Job::Taxonomy(kind) => {
                for i in 0..site.terms(kind).len() {
                    h.update(&hash_of(&TermView::new(site, &self.urls, kind, i)).to_le_bytes());
                }
            }
            Job::Term(kind, i, n) => {
                let t = &site.terms(kind)[i];
                h.update(&hash_of(&TermView::new(site, &self.urls, kind, i)).to_le_bytes());
                h.update(&[u8::from(kind == TaxonomyKind::Tags)]);
                page_of(&mut h, &t.stories, n);
            }
            Job::Archive => archive_print(&mut h, fp, site, None),
            Job::ArchiveYear(k) => archive_print(&mut h, fp, site, Some(k)),
            Job::Search | Job::NotFound | Job::Offline => {}
        }
        h.digest()
    }
}

/// What the archive shows: every year's stories on one page; on a large
/// site, on `archive/` the years and their counts, and on a year's page
/// (`shown`) those and its stories.
fn archive_print(h: &mut Xxh3, fp: &Fingerprints, site: &crate::model::Site, shown: Option<usize>) {
    let by_year = super::job::archive_by_year(site);
    h.update(&[u8::from(by_year)]);
    for (k, (y, ids)) in site.years.iter().enumerate() {
        h.update(&hash_of(y).to_le_bytes());
        h.update(&(ids.len() as u64).to_le_bytes());
        if !by_year || shown == Some(k) {
            for &i in ids {
                h.update(&fp.archive.get(i).copied().unwrap_or(0).to_le_bytes());
            }
        }
    }
}
