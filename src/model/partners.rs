//! Partner organisations: profiles from `content/partners/`, names and
//! aliases that point to them, and partners known only from stories. Names
//! that slugify the same are one partner; spellings that differ from a
//! profile's name (and are not aliases) are warnings.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use super::catalog::Entry;
use super::links::SiteResolver;
use super::site::{Partner, Profile};
use super::taxonomy::Grouper;
use crate::error::Diagnostic;
use crate::frontmatter::StoryMeta;
use crate::load::Source;
use crate::markdown::Rendered;
use crate::text::{is_valid_slug, slugify};

pub struct Table {
    partners: BTreeMap<String, Partner>,
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
            if !is_valid_slug(src.stem()) {
                diags.push(
                    Diagnostic::warning(format!("partner file name `{}` is not a clean slug; the page will be /partners/{slug}/", src.stem()))
                        .at_path(&src.path)
                        .with_hint(format!("rename the file to `{slug}.md`")),
                );
            }
            for key in std::iter::once(&meta.name).chain(&meta.aliases) {
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
                path: src.path.clone(),
                meta: meta.clone(),
                logo_markup: logo
                    .as_deref()
                    .and_then(|u| crate::markdown::Resolver::image(resolver, u)),
                logo,
                summary: md.short_summary.clone(),
                md: md.clone(),
            };
            t.partners.insert(
                slug.clone(),
                Partner {
                    name: meta.name.clone(),
                    slug,
                    profile: Some(profile),
                    stories: Vec::new(),
                },
            );
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
                    if let Some(prof) = self.partners.get(slug).and_then(|p| p.profile.as_ref()) {
                        let exact =
                            prof.meta.name == *name || prof.meta.aliases.iter().any(|a| a == name);
                        if !exact {
                            let (line, col) =
                                meta.positions.get("partners").copied().unwrap_or((1, 1));
                            diags.push(
                                Diagnostic::warning(format!(
                                    "partner spelled `{name}`; its profile calls it `{}`",
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
    pub fn finish(mut self, diags: &mut Vec<Diagnostic>) -> Vec<Partner> {
        for (slug, name) in self.implicit.names() {
            self.partners.entry(slug.clone()).or_insert(Partner {
                name,
                slug,
                profile: None,
                stories: Vec::new(),
            });
        }
        for (slug, spellings) in self.implicit.inconsistent() {
            let list: Vec<String> = spellings.iter().map(|s| format!("`{s}`")).collect();
            diags.push(
                Diagnostic::warning(format!("partner `{slug}` is spelled in {} ways: {}", list.len(), list.join(", ")))
                    .with_hint(format!("use one spelling, or create content/partners/{slug}.md with `name:` and `aliases:`")),
            );
        }
        self.partners.into_values().collect()
    }
}
