//! Links between a site's languages: each story and page to its
//! translations (files of one translation group, [`super::catalog`]), and
//! each partner and topic to its stories in the other languages (the same
//! slug there).

use std::collections::BTreeMap;

use super::site::{Sites, Translation};
use super::taxonomy::{Elsewhere, TaxonomyKind};
use super::urls;

/// Fills every `translations` and `elsewhere` list of `sites`.
pub fn link(sites: &mut Sites) {
    stories_and_pages(sites);
    partners(sites);
    terms(sites);
}

fn stories_and_pages(sites: &mut Sites) {
    // Group → its members, in section order: (section, index, url, title).
    type Members = Vec<(usize, usize, String, String)>;
    let mut stories: BTreeMap<String, Members> = BTreeMap::new();
    let mut pages: BTreeMap<String, Members> = BTreeMap::new();
    for (si, site) in sites.langs.iter().enumerate() {
        for (i, s) in site.stories.iter().enumerate() {
            stories.entry(s.group.clone()).or_default().push((
                si,
                i,
                s.url.clone(),
                s.meta.title.clone(),
            ));
        }
        for (i, p) in site.pages.iter().enumerate() {
            pages.entry(p.group.clone()).or_default().push((
                si,
                i,
                p.url.clone(),
                p.meta.title.clone(),
            ));
        }
    }
    let langs: Vec<_> = sites.langs.iter().map(|s| s.lang).collect();
    let others = |members: &Members, me: (usize, usize)| -> Vec<Translation> {
        members
            .iter()
            .filter(|m| (m.0, m.1) != me)
            .map(|m| Translation {
                lang: langs[m.0],
                url: m.2.clone(),
                title: m.3.clone(),
            })
            .collect()
    };
    for members in stories.values().filter(|m| m.len() > 1) {
        for &(si, i, ..) in members {
            sites.langs[si].stories[i].translations = others(members, (si, i));
        }
    }
    for members in pages.values().filter(|m| m.len() > 1) {
        for &(si, i, ..) in members {
            sites.langs[si].pages[i].translations = others(members, (si, i));
        }
    }
}

/// The stories of translation group `group`: (section, index) of each.
pub fn members(sites: &Sites, group: &str) -> Vec<(usize, usize)> {
    sites
        .langs
        .iter()
        .enumerate()
        .flat_map(|(si, site)| {
            site.stories
                .iter()
                .enumerate()
                .filter(|(_, s)| s.group == group)
                .map(move |(i, _)| (si, i))
        })
        .collect()
}

/// The translations of the stories of translation group `group` worked
/// out again, as [`link`] makes them, after one of them was published,
/// taken away or given a new address.
pub(super) fn regroup(sites: &mut Sites, group: &str) {
    let members = members(sites, group);
    let all: Vec<Translation> = members
        .iter()
        .map(|&(si, i)| {
            let s = &sites.langs[si].stories[i];
            Translation {
                lang: sites.langs[si].lang,
                url: s.url.clone(),
                title: s.meta.title.clone(),
            }
        })
        .collect();
    for (k, &(si, i)) in members.iter().enumerate() {
        sites.langs[si].stories[i].translations = match members.len() > 1 {
            true => all
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != k)
                .map(|(_, t)| t.clone())
                .collect(),
            false => Vec::new(),
        };
    }
}

/// Each partner's stories in the other languages (the same slug there).
pub(super) fn partners(sites: &mut Sites) {
    let mut found: Found = BTreeMap::new();
    for (si, site) in sites.langs.iter().enumerate() {
        for p in site.partners.iter().filter(|p| !p.stories.is_empty()) {
            found
                .entry(p.slug.clone())
                .or_default()
                .push((si, p.stories.len()));
        }
    }
    let prefixes = prefixes(sites);
    for (si, site) in sites.langs.iter_mut().enumerate() {
        for p in &mut site.partners {
            let slug = p.slug.clone();
            p.elsewhere = elsewhere(&prefixes, found.get(&slug), si, &|prefix| {
                format!("{prefix}{}", urls::partner(&slug))
            });
        }
    }
}

/// Each tag's, author's and region's stories in the other languages.
pub(super) fn terms(sites: &mut Sites) {
    let mut found: [Found; 3] = Default::default();
    for (si, site) in sites.langs.iter().enumerate() {
        for (k, kind) in TaxonomyKind::ALL.into_iter().enumerate() {
            for t in site.terms(kind) {
                found[k]
                    .entry(t.slug.clone())
                    .or_default()
                    .push((si, t.stories.len()));
            }
        }
    }
    let prefixes = prefixes(sites);
    for (si, site) in sites.langs.iter_mut().enumerate() {
        for (k, kind) in TaxonomyKind::ALL.into_iter().enumerate() {
            let list = match kind {
                TaxonomyKind::Tags => &mut site.tags,
                TaxonomyKind::Authors => &mut site.authors,
                TaxonomyKind::Regions => &mut site.regions,
            };
            for t in list {
                let slug = t.slug.clone();
                t.elsewhere = elsewhere(&prefixes, found[k].get(&slug), si, &|prefix| {
                    format!("{prefix}{}", urls::term(kind, &slug))
                });
            }
        }
    }
}

/// Slug → (section, number of stories there).
type Found = BTreeMap<String, Vec<(usize, usize)>>;

fn prefixes(sites: &Sites) -> Vec<(crate::lang::Lang, String)> {
    sites
        .langs
        .iter()
        .map(|s| (s.lang, s.prefix.clone()))
        .collect()
}

/// The sections but `me` where a slug has stories, with the address
/// `path` makes from a section's prefix.
fn elsewhere(
    prefixes: &[(crate::lang::Lang, String)],
    found: Option<&Vec<(usize, usize)>>,
    me: usize,
    path: &dyn Fn(&str) -> String,
) -> Vec<Elsewhere> {
    found
        .into_iter()
        .flatten()
        .filter(|(si, _)| *si != me)
        .map(|&(si, count)| Elsewhere {
            lang: prefixes[si].0,
            url: path(&prefixes[si].1),
            count,
        })
        .collect()
}
