//! Grouping names that mean the same thing: partners (with profiles and
//! aliases), tags, authors and regions. Names that slugify the same are one
//! term; the display name is the profile's name or else the most used spelling.

use std::collections::{BTreeMap, HashMap};

use crate::frontmatter::StoryMeta;
use crate::text::slugify;

/// A tag, author or region: a name, its slug, and its stories (indices into
/// [`super::Site::stories`], newest first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub name: String,
    pub slug: String,
    pub stories: Vec<usize>,
    /// Its stories in the site's other languages (the same slug there).
    pub elsewhere: Vec<Elsewhere>,
}

/// A partner's or topic's stories in another language.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Elsewhere {
    pub lang: crate::lang::Lang,
    /// Site-relative URL path of its page there.
    pub url: String,
    pub count: usize,
}

/// The three simple taxonomies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TaxonomyKind {
    Tags,
    Authors,
    Regions,
}

impl TaxonomyKind {
    pub const ALL: [TaxonomyKind; 3] = [
        TaxonomyKind::Tags,
        TaxonomyKind::Authors,
        TaxonomyKind::Regions,
    ];

    /// URL segment and template name.
    pub fn key(self) -> &'static str {
        match self {
            TaxonomyKind::Tags => "tags",
            TaxonomyKind::Authors => "authors",
            TaxonomyKind::Regions => "regions",
        }
    }
}

/// Collects spellings per slug while stories are read, then settles names.
#[derive(Debug, Default, Clone)]
pub struct Grouper {
    /// slug → spelling → count
    spellings: BTreeMap<String, BTreeMap<String, usize>>,
    /// spelling → slug: a site uses a few dozen names thousands of times.
    slugs: rustc_hash::FxHashMap<String, String>,
}

impl Grouper {
    /// The slug of `name` (empty when it has no letters or digits).
    pub fn slug(&mut self, name: &str) -> String {
        if let Some(slug) = self.slugs.get(name) {
            return slug.clone();
        }
        let slug = slugify(name);
        self.slugs.insert(name.to_string(), slug.clone());
        slug
    }

    /// Registers a spelling; returns its slug (empty when the name has no letters or digits).
    pub fn add(&mut self, name: &str) -> String {
        let slug = self.slug(name);
        if !slug.is_empty() {
            let counts = match self.spellings.get_mut(&slug) {
                Some(c) => c,
                None => self.spellings.entry(slug.clone()).or_default(),
            };
            match counts.get_mut(name) {
                Some(n) => *n += 1,
                None => {
                    counts.insert(name.to_string(), 1);
                }
            }
        }
        slug
    }

    /// Takes back one [`Grouper::add`] of `name`.
    pub fn remove(&mut self, name: &str) {
        let slug = self.slug(name);
        let Some(counts) = self.spellings.get_mut(&slug) else {
            return;
        };
        if let Some(n) = counts.get_mut(name) {
            *n -= 1;
            if *n == 0 {
                counts.remove(name);
            }
        }
        if counts.is_empty() {
            self.spellings.remove(&slug);
        }
    }

    /// slug → display name: the most used spelling, ties broken by order.
    pub fn names(&self) -> BTreeMap<String, String> {
        self.spellings
            .iter()
            .map(|(slug, counts)| {
                let best = counts
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                    .map(|(n, _)| n.clone())
                    .unwrap_or_default();
                (slug.clone(), best)
            })
            .collect()
    }

    /// Slugs written in more than one way, with every spelling.
    pub fn inconsistent(&self) -> impl Iterator<Item = (&String, Vec<&String>)> {
        self.spellings
            .iter()
            .filter(|(_, c)| c.len() > 1)
            .map(|(s, c)| (s, c.keys().collect()))
    }
}

/// Tags, authors and regions (in [`TaxonomyKind::ALL`] order) while stories
/// are read.
#[derive(Debug, Default)]
pub struct Taxonomies {
    groupers: [Grouper; 3],
}

impl Taxonomies {
    /// Registers a story's names; returns its tag, author and region slugs,
    /// each once.
    pub fn add_story(&mut self, meta: &StoryMeta) -> [Vec<String>; 3] {
        let mut slugs: [Vec<String>; 3] = Default::default();
        let names = [&meta.tags, &meta.authors, &meta.regions];
        for ((grouper, names), out) in self.groupers.iter_mut().zip(names).zip(&mut slugs) {
            for name in names {
                let slug = grouper.add(name);
                if !slug.is_empty() && !out.contains(&slug) {
                    out.push(slug);
                }
            }
        }
        slugs
    }

    /// Every term, sorted by slug, named by its most used spelling, with no
    /// stories yet.
    pub fn terms(&self) -> TermLists {
        let lists = self.groupers.each_ref().map(|g| {
            g.names()
                .into_iter()
                .map(|(slug, name)| Term {
                    name,
                    slug,
                    stories: Vec::new(),
                    elsewhere: Vec::new(),
                })
                .collect::<Vec<Term>>()
        });
        let index = lists.each_ref().map(|l| {
            l.iter()
                .enumerate()
                .map(|(i, t)| (t.slug.clone(), i))
                .collect()
        });
        TermLists { lists, index }
    }
}

/// The terms of the three taxonomies, gaining their stories.
pub struct TermLists {
    lists: [Vec<Term>; 3],
    index: [HashMap<String, usize>; 3],
}

impl TermLists {
    /// Adds story `story` to the term `slug` of taxonomy `k`; returns the
    /// term's index.
    pub fn add_story(&mut self, k: usize, slug: &str, story: usize) -> Option<usize> {
        let i = *self.index.get(k)?.get(slug)?;
        self.lists.get_mut(k)?.get_mut(i)?.stories.push(story);
        Some(i)
    }

    pub fn into_lists(self) -> [Vec<Term>; 3] {
        self.lists
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn most_used_spelling_wins() {
        let mut g = Grouper::default();
        g.add("Pelatihan");
        g.add("pelatihan");
        g.add("pelatihan");
        let names = g.names();
        assert_eq!(names["pelatihan"], "pelatihan");
        assert_eq!(g.inconsistent().count(), 1);
    }
}
