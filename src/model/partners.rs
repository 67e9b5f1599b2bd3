//! Partner organisations: profiles from `content/partners/` (one per
//! language: `hapsari.md`, `hapsari.en.md`), names and aliases that point to
//! them, and partners known only from stories. Names that slugify the same
//! are one partner; spellings that differ from a profile's name (and are
//! not aliases) are warnings. A partner is one entity across languages;
//! each language section shows it with its own profile, else the default
//! language's.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use super::catalog::Entry;
use super::links::SiteResolver;
use super::site::{Partner, Profile, Site};
use super::taxonomy::Grouper;
use crate::error::Diagnostic;
use crate::frontmatter::{PartnerMeta, StoryMeta};
use crate::load::Source;
use crate::markdown::Rendered;
use crate::text::{is_valid_slug, slugify};

/// How the two warnings about a partner's spellings begin: a story's
/// spelling that is not its profile's, and a partner without a profile
/// spelled in several ways.
const OFF_PROFILE: &str = "partner spelled `";
const SEVERAL: &str = "partner `";

/// Whether `d` is a warning about how a partner is spelled: such warnings
/// depend on every story's spelling, so an edit to one story's partners
/// cannot be patched while there are any.
pub fn is_spelling_warning(d: &Diagnostic) -> bool {
    d.message.starts_with(OFF_PROFILE) || d.message.starts_with(SEVERAL)
}

/// After one story's partners changed to `names` on a site with one
/// language and no warnings about spellings: the partners again (a name
/// met for the first time is a new partner; a partner without a profile
/// that no story names any more goes), every story's partner indices and
/// every partner's stories, as [`super::assemble`] makes them, and the
/// related stories. `None`, changing nothing, when a name is spelled
/// otherwise than its partner (a warning: the whole model stage says it).
pub fn repartner(site: &mut Site, story: usize, names: &[String]) -> Option<()> {
    // Profile names and aliases → their partner (as `Table::keys`).
    let mut keys: HashMap<String, usize> = HashMap::new();
    for (i, p) in site.partners.iter().enumerate() {
        if let Some(prof) = &p.profile {
            for key in spellings(&prof.meta) {
                keys.insert(slugify(key), i);
            }
        }
    }
    // The story's partners by slug, in the order named, each once.
    let mut wanted: Vec<(String, Option<String>)> = Vec::new();
    for name in names {
        let key = slugify(name);
        if key.is_empty() {
            continue;
        }
        let (slug, new_name) = match keys.get(&key) {
            Some(&i) => {
                let p = &site.partners[i];
                let prof = p.profile.as_ref()?;
                if !spellings(&prof.meta).any(|s| s == name) {
                    return None;
                }
                (p.slug.clone(), None)
            }
            None => match site.partners.iter().find(|p| p.slug == key) {
                // Known from other stories: spelled the same, or a warning.
                Some(p) if p.name == *name => (key, None),
                Some(_) => return None,
                None => (key, Some(name.clone())),
            },
        };
        if !wanted.iter().any(|(s, _)| *s == slug) {
            wanted.push((slug, new_name));
        }
    }
    let old: Vec<String> = site.partners.iter().map(|p| p.slug.clone()).collect();
    let mut partners: Vec<Partner> = std::mem::take(&mut site.partners);
    for (slug, name) in &wanted {
        if let Some(name) = name
            .clone()
            .filter(|_| !partners.iter().any(|p| p.slug == *slug))
        {
            partners.push(Partner {
                name,
                slug: slug.clone(),
                profile: None,
                stories: Vec::new(),
                elsewhere: Vec::new(),
            });
        }
    }
    // Partners without a profile live as long as a story names them.
    let named_elsewhere = |p: &Partner| p.stories.iter().any(|&s| s != story);
    partners.retain(|p| {
        p.profile.is_some() || named_elsewhere(p) || wanted.iter().any(|(s, _)| *s == p.slug)
    });
    partners.sort_by(|a, b| a.slug.cmp(&b.slug));
    let index: HashMap<&str, usize> = partners
        .iter()
        .enumerate()
        .map(|(i, p)| (p.slug.as_str(), i))
        .collect();
    for (si, s) in site.stories.iter_mut().enumerate() {
        s.partners = if si == story {
            wanted
                .iter()
                .filter_map(|(slug, _)| index.get(slug.as_str()).copied())
                .collect()
        } else {
            s.partners
                .iter()
                .filter_map(|&i| index.get(old.get(i)?.as_str()).copied())
                .collect()
        };
    }
    for p in &mut partners {
        p.stories.clear();
    }
    for (si, s) in site.stories.iter().enumerate() {
        for &pi in &s.partners {
            partners[pi].stories.push(si);
        }
    }
    site.partners = partners;
    super::related::compute(site);
    Some(())
}

/// A profile's name and aliases: the spellings that name its partner
/// without a warning.
fn spellings(meta: &PartnerMeta) -> impl Iterator<Item = &String> {
    std::iter::once(&meta.name).chain(&meta.aliases)
}

/// A partner across languages: its profiles in section order.
pub struct Entity {
    pub name: String,
    pub slug: String,
    /// `(section, profile)`, the default language's first.
    pub profiles: Vec<(usize, Profile)>,
}

pub struct Table {
    partners: BTreeMap<String, Entity>,
    /// slugified name or alias → partner slug
    keys: HashMap<String, String>,
    implicit: Grouper,
}

impl Table {
    /// The partners with a profile; `bodies` are the profiles' rendered
    /// Markdown, in the same order.
    pub fn from_profiles(
        profiles: &[Entry<'_>],
        bodies: &[Arc<Rendered>],
        resolver: &SiteResolver,
        diags: &mut Vec<Diagnostic>,
    ) -> Table {
        let mut t = Table {
            partners: BTreeMap::new(),
            keys: HashMap::new(),
            implicit: Grouper::default(),
        };
        for (entry, md) in profiles.iter().zip(bodies) {
            let (src, slug) = (entry.src, entry.slug.clone());
            let Some(meta) = entry.profile() else {
                continue;
            };
            let stem = src
                .lang_suffix()
                .filter(|(b, _)| slugify(b) == slug)
                .map_or(src.stem(), |(b, _)| b);
            if !is_valid_slug(stem) {
                diags.push(
                    Diagnostic::warning(format!("partner file name `{stem}` is not a clean slug; the page will be /partners/{slug}/"))
                        .at_path(&src.path)
                        .with_hint(format!("rename the file to `{slug}.md`")),
                );
            }
            for key in spellings(meta) {
                let k = slugify(key);
                if let Some(other) = t.keys.get(&k) {
                    if *other != slug {
                        diags.push(
                            Diagnostic::error(format!("the name `{key}` belongs to two partner profiles (`{other}` and `{slug}`)"))
                                .at_path(&src.path)
                                .with_hint("keep the name or alias in only one profile"),
                        );
                    }
                }
                t.keys.insert(k, slug.clone());
            }
            let logo = meta.logo.as_deref().and_then(|l| {
                resolver.image_field(l, src, meta.positions.get("logo").copied(), diags)
            });
            let profile = Profile {
                lang: entry.lang,
                path: src.path.clone(),
                meta: meta.clone(),
                logo_markup: logo
                    .as_deref()
                    .and_then(|u| crate::markdown::Resolver::image(resolver, u)),
                logo,
                summary: md.short_summary.clone(),
                md: md.clone(),
            };
            let entity = t.partners.entry(slug.clone()).or_insert_with(|| Entity {
                name: meta.name.clone(),
                slug,
                profiles: Vec::new(),
            });
            entity.profiles.push((entry.section, profile));
        }
        for entity in t.partners.values_mut() {
            entity.profiles.sort_by_key(|(section, _)| *section);
            if let Some((_, first)) = entity.profiles.first() {
                entity.name = first.meta.name.clone();
            }
        }
        t
    }

    /// The partner slugs of one story, warning about off-profile spellings.
    pub fn resolve_story(
        &mut self,
        src: &Source,
        meta: &StoryMeta,
        diags: &mut Vec<Diagnostic>,
    ) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for name in &meta.partners {
            let key = self.implicit.slug(name);
            if key.is_empty() {
                continue;
            }
            let slug = match self.keys.get(&key) {
                Some(slug) => {
                    let profiles = self.partners.get(slug).map_or(&[][..], |p| &p.profiles[..]);
                    if let Some((_, prof)) = profiles.first() {
                        let exact = profiles
                            .iter()
                            .any(|(_, p)| spellings(&p.meta).any(|s| s == name));
                        if !exact {
                            let (line, col) =
                                meta.positions.get("partners").copied().unwrap_or((1, 1));
                            diags.push(
                                Diagnostic::warning(format!(
                                    "{OFF_PROFILE}{name}`; its profile calls it `{}`",
                                    prof.meta.name
                                ))
                                .at(&src.path, &src.text, line, col)
                                .with_hint(format!(
                                    "write `{}`, or add `{name}` to `aliases` in {}",
                                    prof.meta.name,
                                    prof.path.display()
                                )),
                            );
                        }
                    }
                    slug.clone()
                }
                None => {
                    self.implicit.add(name);
                    key
                }
            };
            if !out.contains(&slug) {
                out.push(slug);
            }
        }
        out
    }

    /// All partners, sorted by slug; warns about partners without a profile
    /// that are spelled in several ways.
    pub fn finish(mut self, diags: &mut Vec<Diagnostic>) -> Vec<Entity> {
        for (slug, name) in self.implicit.names() {
            self.partners.entry(slug.clone()).or_insert(Entity {
                name,
                slug,
                profiles: Vec::new(),
            });
        }
        for (slug, spellings) in self.implicit.inconsistent() {
            let list: Vec<String> = spellings.iter().map(|s| format!("`{s}`")).collect();
            diags.push(
                Diagnostic::warning(format!("{SEVERAL}{slug}` is spelled in {} ways: {}", list.len(), list.join(", ")))
                    .with_hint(format!("use one spelling, or create content/partners/{slug}.md with `name:` and `aliases:`")),
            );
        }
        self.partners.into_values().collect()
    }
}

/// The partners language section `section` shows, in slug order: those its
/// stories name (`named`), and those with a profile in its language (in the
/// default language, with any profile); each with its profile in the
/// section's language, else the default language's. `all` shows every
/// partner (a site without `languages:`).
pub fn in_section(
    entities: &[Entity],
    section: usize,
    all: bool,
    named: &std::collections::HashSet<&str>,
) -> Vec<Partner> {
    entities
        .iter()
        .filter(|e| {
            all || named.contains(e.slug.as_str())
                || e.profiles
                    .iter()
                    .any(|(s, _)| *s == section || section == 0)
        })
        .map(|e| {
            let profile = e
                .profiles
                .iter()
                .find(|(s, _)| *s == section)
                .or_else(|| e.profiles.first())
                .map(|(_, p)| p.clone());
            Partner {
                name: profile
                    .as_ref()
                    .map_or_else(|| e.name.clone(), |p| p.meta.name.clone()),
                slug: e.slug.clone(),
                profile,
                stories: Vec::new(),
                elsewhere: Vec::new(),
            }
        })
        .collect()
}
