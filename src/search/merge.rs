//! One search index for every language of a site: the sections' stories as
//! one list, a section after another (each newest first), with partners and
//! topics merged by slug, so a search page can list its own language first
//! (its stories are one range of ids) and widen to the others (the language
//! facet) without another index.

use std::collections::{BTreeMap, HashMap};

use crate::model::{Partner, Site, Sites, Story, TaxonomyKind, Term};

/// Slug → (name, story ids in the merged list), in slug order.
type Lists = BTreeMap<String, (String, Vec<usize>)>;

/// Every section of `sites` as one [`Site`].
pub fn merged(sites: &Sites) -> Site {
    let order: Vec<(usize, usize)> = sites
        .langs
        .iter()
        .enumerate()
        .flat_map(|(si, site)| (0..site.stories.len()).map(move |i| (si, i)))
        .collect();
    // The partners and topics of the merged list, by slug; a name is the
    // first section's (the default language's where it has one).
    let mut partners = Lists::new();
    let mut terms: [Lists; 3] = Default::default();
    for (new, &(si, i)) in order.iter().enumerate() {
        let site = &sites.langs[si];
        let s = &site.stories[i];
        for p in s.partners.iter().filter_map(|&p| site.partners.get(p)) {
            add(&mut partners, &p.slug, &p.name, new);
        }
        for (k, kind) in TaxonomyKind::ALL.into_iter().enumerate() {
            for t in ids_of(s, kind)
                .iter()
                .filter_map(|&t| site.terms(kind).get(t))
            {
                add(&mut terms[k], &t.slug, &t.name, new);
            }
        }
    }
    let index = |lists: &Lists| -> HashMap<String, usize> {
        lists
            .keys()
            .enumerate()
            .map(|(i, k)| (k.clone(), i))
            .collect()
    };
    let partner_index = index(&partners);
    let term_index = terms.each_ref().map(index);
    let mut merged = Site::new(
        sites
            .langs
            .first()
            .map_or(crate::lang::Lang::ID, |s| s.lang),
        String::new(),
    );
    for &(si, i) in &order {
        let site = &sites.langs[si];
        let mut s = site.stories[i].clone();
        s.related.clear();
        s.translations.clear();
        s.partners = remap(&s.partners, |p| {
            partner_index.get(&site.partners.get(p)?.slug).copied()
        });
        for (k, kind) in TaxonomyKind::ALL.into_iter().enumerate() {
            let ids = remap(ids_of(&s, kind), |t| {
                term_index[k].get(&site.terms(kind).get(t)?.slug).copied()
            });
            match kind {
                TaxonomyKind::Tags => s.tags = ids,
                TaxonomyKind::Authors => s.authors = ids,
                TaxonomyKind::Regions => s.regions = ids,
            }
        }
        merged.stories.push(s);
    }
    merged.partners = partners
        .into_iter()
        .map(|(slug, (name, stories))| Partner {
            name,
            slug,
            profile: None,
            stories,
            elsewhere: Vec::new(),
        })
        .collect();
    [merged.tags, merged.authors, merged.regions] = terms.map(|lists| {
        lists
            .into_iter()
            .map(|(slug, (name, stories))| Term {
                name,
                slug,
                stories,
                elsewhere: Vec::new(),
            })
            .collect()
    });
    merged
}

fn ids_of(s: &Story, kind: TaxonomyKind) -> &[usize] {
    match kind {
        TaxonomyKind::Tags => &s.tags,
        TaxonomyKind::Authors => &s.authors,
        TaxonomyKind::Regions => &s.regions,
    }
}

fn add(lists: &mut Lists, slug: &str, name: &str, story: usize) {
    let entry = lists
        .entry(slug.to_string())
        .or_insert_with(|| (name.to_string(), Vec::new()));
    if entry.1.last() != Some(&story) {
        entry.1.push(story);
    }
}

fn remap(ids: &[usize], to: impl Fn(usize) -> Option<usize>) -> Vec<usize> {
    ids.iter().filter_map(|&i| to(i)).collect()
}
