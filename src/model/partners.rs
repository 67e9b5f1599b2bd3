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
use super::site::{Partner, Profile};
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
/// depend on every story's spelling, so after an edit to one story's
/// partners they are all worked out again ([`super::repartner`]).
pub fn is_spelling_warning(d: &Diagnostic) -> bool {
    d.message.starts_with(OFF_PROFILE) || d.message.starts_with(SEVERAL)
}

/// A profile's name and aliases: the spellings that name its partner
/// without a warning.
fn spellings(meta: &PartnerMeta) -> impl Iterator<Item = &String> {
    std::iter::once(&meta.name).chain(&meta.aliases)
}

/// A partner across languages: its profiles in section order.
#[derive(Clone)]
pub struct Entity {
    pub name: String,
    pub slug: String,
    /// `(section, profile)`, the default language's first.
    pub profiles: Vec<(usize, Profile)>,
}

/// Partners by their profiles, then by the names stories give them.
#[derive(Clone)]
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

    /// Takes back what [`Table::resolve_story`] registered of a story
    /// naming the partners of `meta` (before it was edited).
    pub fn forget_story(&mut self, meta: &StoryMeta) {
        for name in &meta.partners {
            let key = self.implicit.slug(name);
            if !key.is_empty() && !self.keys.contains_key(&key) {
                self.implicit.remove(name);
            }
        }
    }

    /// All partners, sorted by slug; warns about partners without a profile
    /// that are spelled in several ways.
    pub fn finish(&self, diags: &mut Vec<Diagnostic>) -> Vec<Entity> {
        let mut all = self.partners.clone();
        for (slug, name) in self.implicit.names() {
            all.entry(slug.clone()).or_insert(Entity {
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
        all.into_values().collect()
    }
}

/// The partners language section `section` shows, in slug order: those its
/// stories name (`named`: each story's partner slugs), and those with a
/// profile in its language (in the default language, with any profile);
/// each with its profile in the
/// section's language, else the default language's. `all` shows every
/// partner (a site without `languages:`).
pub fn in_section(
    entities: &[Entity],
    section: usize,
    all: bool,
    named: &[Vec<String>],
) -> Vec<Partner> {
    let named: std::collections::HashSet<&str> =
        named.iter().flatten().map(String::as_str).collect();
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
