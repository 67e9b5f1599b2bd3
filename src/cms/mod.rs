//! Editors for writers who never touch git, configured from the site
//! itself. Not a stage: like `import`, it writes files for the pipeline (and
//! for the editors) to read.
//!
//! `fields.rs` is the one description of cerita's front matter; what a
//! site adds to it (its languages, partner profiles and tags) is read into
//! [`Facts`]; each editor's file is one generator over both:
//! `decap.rs` (Sveltia CMS and Decap CMS: `static/admin/config.yml` and the
//! admin page), `pages.rs` (Pages CMS: `.pages.yml`), `vscode.rs` (Front
//! Matter CMS: `frontmatter.json`) and `jsonschema.rs` (`cerita schema`).
//! [`drift`] is what `cerita check` asks: does each generated file still say
//! what it would say today?

pub mod decap;
pub mod emit;
pub mod fields;
pub mod jsonschema;
pub mod losses;
pub mod pages;
pub mod vscode;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::error::{Diagnostic, Error, Result};
use crate::frontmatter::{self, Meta};
use crate::lang::Lang;
use crate::load::Source;

/// What a site adds to the description: read from `cerita.yaml` and the
/// front matter of its files.
#[derive(Debug, Clone, PartialEq)]
pub struct Facts {
    pub title: String,
    pub base_url: String,
    /// The default language.
    pub language: Lang,
    /// Declared with `languages:`: every language, the default first. Empty
    /// for a site in one language.
    pub translations: Vec<Lang>,
    /// What `lang:` may say.
    pub known_langs: Vec<Lang>,
    /// The partner profiles' names.
    pub partners: Vec<String>,
    /// Tags the stories use, one spelling per slug.
    pub tags: Vec<String>,
    /// How the site keeps translations: beside each other (`x.en.md`) or
    /// in a folder per language (`stories/en/x.md`).
    pub layout: Layout,
    /// Each language's folder as the site spells it (`EN`, `en-US`), when
    /// it is not the language's tag: the editor names its locales by the
    /// folders, so it finds and saves the files there.
    pub folder_names: Vec<(Lang, String)>,
}

impl Facts {
    /// The name the editor gives `lang`'s locale (and folder).
    pub fn locale_of(&self, lang: Lang) -> String {
        self.folder_names
            .iter()
            .find(|(l, _)| *l == lang)
            .map_or_else(|| lang.code().to_string(), |(_, name)| name.clone())
    }
}

/// The spelling each language's folder has most often among `sources`,
/// where it differs from the language's tag.
fn folder_names(sources: &[Source], langs: &[Lang]) -> Vec<(Lang, String)> {
    let mut counts: BTreeMap<(&'static str, &str), usize> = BTreeMap::new();
    for f in sources.iter().filter_map(Source::lang_folder) {
        if let Some(l) = f.lang.lookup(langs) {
            *counts.entry((l.code(), f.name)).or_default() += 1;
        }
    }
    langs
        .iter()
        .filter_map(|l| {
            let (_, name) = counts
                .iter()
                .filter(|((code, _), _)| *code == l.code())
                .max_by_key(|(_, n)| **n)?
                .0;
            (*name != l.code()).then(|| (*l, (*name).to_string()))
        })
        .collect()
}

/// Where a site's translations are (see `model/catalog.rs`), so the
/// editor saves them there too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// `x.md` and `x.en.md` side by side (and any site in one language).
    #[default]
    Beside,
    /// `stories/en/x.md`; `default_in_folder` when the default language has
    /// its own folder (`stories/id/x.md`) rather than the section's.
    Folders { default_in_folder: bool },
}

impl Layout {
    /// The layout most of a site's translated files use: folders when more
    /// files sit in a declared language's folder than carry its suffix.
    fn of(sources: &[Source], langs: &[Lang], default: Lang) -> Layout {
        let declared = |l: Lang| l.lookup(langs).is_some();
        let folders: Vec<Lang> = sources
            .iter()
            .filter_map(|s| s.lang_folder().map(|f| f.lang))
            .filter(|l| declared(*l))
            .collect();
        let beside = sources
            .iter()
            .filter(|s| s.lang_suffix().is_some_and(|(_, l)| declared(l)))
            .count();
        if langs.len() < 2 || folders.len() <= beside {
            return Layout::Beside;
        }
        Layout::Folders {
            default_in_folder: folders.iter().any(|l| l.lookup(&[default]).is_some()),
        }
    }
}

/// Languages whose readers read Indonesian: help texts are written in it.
const READS_INDONESIAN: &[&str] = &[
    "id", "jv", "su", "ms", "ban", "mad", "min", "bug", "sas", "bbc", "ace", "bjn", "mak", "btx",
    "bew", "gor", "nij", "rej", "sasak",
];

impl Facts {
    /// From a site's config and its sources (their front matter only).
    pub fn from_sources(config: &Config, sources: &[Source]) -> Facts {
        let metas: Vec<Meta> = sources
            .par_iter()
            .filter_map(|s| frontmatter::parse(s).meta)
            .collect();
        let mut partners = BTreeMap::new();
        let mut tags = BTreeMap::new();
        for meta in &metas {
            match meta {
                Meta::Partner(p) if !p.name.is_empty() => {
                    partners
                        .entry(crate::text::slugify(&p.name))
                        .or_insert_with(|| p.name.clone());
                }
                Meta::Story(s) => {
                    for t in &s.tags {
                        tags.entry(crate::text::slugify(t))
                            .or_insert_with(|| t.clone());
                    }
                }
                _ => {}
            }
        }
        let translations = if config.languages.is_some() {
            config.site_languages().iter().map(|l| l.lang).collect()
        } else {
            Vec::new()
        };
        let layout = Layout::of(sources, &translations, config.language);
        let folder_names = match layout {
            Layout::Folders { .. } => folder_names(sources, &translations),
            Layout::Beside => Vec::new(),
        };
        let mut partners: Vec<String> = partners.into_values().collect();
        partners.sort_by_key(|p| p.to_lowercase());
        let mut tags: Vec<String> = tags.into_values().collect();
        tags.sort_by_key(|t| t.to_lowercase());
        Facts {
            title: config.title.clone(),
            base_url: config.base_url.clone(),
            language: config.language,
            translations,
            known_langs: config.known_langs(),
            partners,
            tags,
            layout,
            folder_names,
        }
    }

    /// Reads `cerita.yaml` and the front matter under `content/`.
    pub fn read(root: &Path) -> Result<Facts> {
        let config = crate::pipeline::read_config(&crate::Options::new(root))?;
        let files = crate::load::load(root)?;
        Ok(Facts::from_sources(&config, &files.sources))
    }

    pub fn multilingual(&self) -> bool {
        self.translations.len() > 1
    }

    /// A label or help text in the site's default language (Indonesian, or
    /// English for sites in other languages).
    pub fn say(&self, text: (&'static str, &'static str)) -> &'static str {
        if READS_INDONESIAN.contains(&self.language.primary()) {
            text.0
        } else {
            text.1
        }
    }
}

/// Which editor files `cerita cms init` writes.
#[derive(Debug, Clone, Default)]
pub struct InitOptions {
    /// Where Sveltia/Decap CMS saves; `None` keeps an existing file's
    /// backend (with `update`) or writes GitHub's with placeholders.
    pub backend: Option<decap::Backend>,
    /// Rewrite the generated parts of existing files, keeping the rest.
    pub update: bool,
    /// Also `.pages.yml` (Pages CMS).
    pub pages: bool,
    /// Also `frontmatter.json` (Front Matter CMS in VS Code).
    pub frontmatter: bool,
}

/// What `cms init` did to one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    Created(PathBuf),
    Updated(PathBuf),
    Unchanged(PathBuf),
}

/// The files `cms init` manages, relative to the site root.
pub const ADMIN_PAGE: &str = "static/admin/index.html";
pub const ADMIN_CONFIG: &str = "static/admin/config.yml";
pub const PAGES_CONFIG: &str = ".pages.yml";
pub const FRONTMATTER_CONFIG: &str = "frontmatter.json";

/// `cerita cms init`: writes (or with `update`, rewrites the generated
/// parts of) the editors' files. An existing file is never replaced
/// without `update`.
pub fn init(root: &Path, opts: &InitOptions) -> Result<Vec<Written>> {
    let facts = Facts::read(root)?;
    let mut files = vec![ADMIN_CONFIG, ADMIN_PAGE];
    // `--update` keeps every editor file the site has up to date.
    let has = |rel: &str| opts.update && root.join(rel).is_file();
    if opts.pages || has(PAGES_CONFIG) {
        files.push(PAGES_CONFIG);
    }
    if opts.frontmatter || has(FRONTMATTER_CONFIG) {
        files.push(FRONTMATTER_CONFIG);
    }
    let make = |rel: &str, old: Option<&str>| -> Result<String> {
        Ok(match rel {
            ADMIN_CONFIG => match old {
                Some(old) => decap::update(old, &facts, opts.backend.as_ref(), Path::new(rel))?,
                None => decap::config(
                    &facts,
                    opts.backend
                        .as_ref()
                        .unwrap_or(&decap::Backend::placeholder()),
                ),
            },
            ADMIN_PAGE => decap::admin_page(&facts),
            PAGES_CONFIG => pages::config(&facts),
            _ => vscode::config(&facts),
        })
    };
    let mut done = Vec::new();
    for rel in files {
        let path = root.join(rel);
        let old = match std::fs::read_to_string(&path) {
            Ok(t) => Some(t),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(Error::io(&path, "read", e)),
        };
        match old {
            None => {
                let text = make(rel, None)?;
                crate::fs::write_atomic(&path, text.as_bytes())?;
                done.push(Written::Created(PathBuf::from(rel)));
            }
            Some(old) if opts.update => {
                let text = make(rel, Some(&old))?;
                if text == old {
                    done.push(Written::Unchanged(PathBuf::from(rel)));
                } else {
                    crate::fs::write_atomic(&path, text.as_bytes())?;
                    done.push(Written::Updated(PathBuf::from(rel)));
                }
            }
            Some(_) => {
                return Err(Error::Other(format!(
                    "{} already exists; run `cerita cms init --update` to regenerate the parts cerita writes (your backend settings are kept)",
                    path.display()
                )));
            }
        }
    }
    Ok(done)
}

/// Whether the site has any of the files `cms init` writes.
pub fn has_editor_files(root: &Path) -> bool {
    [ADMIN_CONFIG, ADMIN_PAGE, PAGES_CONFIG, FRONTMATTER_CONFIG]
        .iter()
        .any(|f| root.join(f).is_file())
}

/// `cerita check`: a warning for each editor file whose generated part no
/// longer matches the site (a language added, a field renamed, a partner
/// profile or tag added), saying what changed and how to update it.
pub fn drift(root: &Path, facts: &Facts) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let read = |rel: &str| std::fs::read_to_string(root.join(rel)).ok();
    // Only what cerita wrote: a maintainer's own settings are theirs.
    let ours = |text: &String| text.contains("cerita cms init");
    if let Some(old) = read(ADMIN_CONFIG).filter(ours) {
        out.extend(decap::drift(&old, facts, Path::new(ADMIN_CONFIG)));
    }
    if let Some(old) = read(ADMIN_PAGE) {
        if !old.contains(decap::SCRIPT_URL) && old.contains(decap::SCRIPT_MARK) {
            out.push(
                Diagnostic::warning(
                    "the editor's page loads another Sveltia CMS version than this cerita pins",
                )
                .at_path(ADMIN_PAGE)
                .with_hint(format!(
                    "run `cerita cms init --update` to load {} (checked by its integrity hash)",
                    decap::SCRIPT_URL
                )),
            );
        }
    }
    for (rel, now) in [
        (PAGES_CONFIG, pages::config(facts)),
        (FRONTMATTER_CONFIG, vscode::config(facts)),
    ] {
        // JSON has no comments: frontmatter.json is taken as cerita's when
        // it has the content types cerita names.
        let written_here = |t: &String| {
            ours(t) || (rel == FRONTMATTER_CONFIG && t.contains("\"name\": \"story\""))
        };
        if let Some(old) = read(rel).filter(written_here) {
            if old != now {
                out.push(
                    Diagnostic::warning(format!(
                        "{rel} no longer matches the site's fields, languages, partners or tags"
                    ))
                    .at_path(rel)
                    .with_hint("run `cerita cms init --update` to regenerate it"),
                );
            }
        }
    }
    out
}
