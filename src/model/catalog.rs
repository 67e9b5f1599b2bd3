//! Step 3a, between front matter and Markdown: which sources are published,
//! in which language, which files are translations of one another, their
//! slugs and URLs, and the link table Markdown resolves `@/` links and
//! images with. Markdown needs every URL before it renders any body, so
//! this part of the model comes first.
//!
//! A site with `languages:` reads a file's language from its name
//! (`x.en.md`, the Hugo and Zola convention), from a folder named for the
//! language right under the section (`stories/en/x.md`, as Decap and
//! Sveltia CMS's `multiple_folders` keep them) or from its `lang:`, and
//! publishes each language under its own prefix (`/en/`); files with the
//! same name in one folder (language folders aside), or the same
//! `translation_key`, are one story (page, partner profile) in several
//! languages. A site without `languages:`
//! publishes everything at the root, as before.
//!
//! In: the loaded files and their parsed front matter. Out: a [`Catalog`]
//! (published stories, pages and partner profiles with their slugs, and the
//! [`SiteResolver`]) and this step's diagnostics.

use std::collections::HashMap;
use std::sync::Arc;

use super::links::SiteResolver;
use super::site::ModelOptions;
use super::urls::{self, RESERVED};
use crate::config::Config;
use crate::error::Diagnostic;
use crate::frontmatter::{LANG_KEYS, Meta, PageMeta, ParsedSource, PartnerMeta, StoryMeta};
use crate::lang::Lang;
use crate::load::{Kind, LangFolder, SiteFiles, Source};
use crate::text::slugify;
use crate::text::{StoryDate, Zone};

/// One published source with its parsed front matter, language and slug.
pub struct Entry<'a> {
    pub src: &'a Source,
    /// Its index in [`SiteFiles::sources`].
    pub index: usize,
    pub parsed: Arc<ParsedSource>,
    pub slug: String,
    /// The language it is written in.
    pub lang: Lang,
    /// The language section it is published in ([`Catalog::sections`]).
    pub section: usize,
    /// What its translations share (empty in a site without `languages:`).
    pub group: String,
}

impl Entry<'_> {
    pub fn story(&self) -> Option<&Arc<StoryMeta>> {
        match &self.parsed.meta {
            Some(Meta::Story(m)) => Some(m),
            _ => None,
        }
    }

    pub fn page(&self) -> Option<&PageMeta> {
        match &self.parsed.meta {
            Some(Meta::Page(m)) => Some(m),
            _ => None,
        }
    }

    pub fn profile(&self) -> Option<&PartnerMeta> {
        match &self.parsed.meta {
            Some(Meta::Partner(m)) => Some(m),
            _ => None,
        }
    }
}

/// What is published and where.
pub struct Catalog<'a> {
    /// The languages the site publishes in, the default first: each is a
    /// section of the site with its own pages (one in a site without
    /// `languages:`).
    pub sections: Vec<Lang>,
    /// Published stories, in file order.
    pub stories: Vec<Entry<'a>>,
    pub pages: Vec<Entry<'a>>,
    pub profiles: Vec<Entry<'a>>,
    /// Every source's URL and every asset's, for Markdown's links.
    pub resolver: SiteResolver,
    /// When the next future-dated story becomes due (Unix time), if any.
    pub next_publication: Option<i64>,
    /// How a source's language, section and translation group are read.
    pub languages: Languages,
}

/// "`bi` is Bislama, and Bahasa Indonesia's code is `id`; " for a code
/// often written for another language, else nothing.
fn mistaken_note(l: Lang) -> String {
    l.mistaken().map_or_else(String::new, |(meant, what)| {
        format!(
            "`{l}` is {what}, and {}'s code is `{meant}`; ",
            meant.name()
        )
    })
}

impl Catalog<'_> {
    /// Every entry whose body is rendered, in the order Markdown's results
    /// come back: stories, pages, profiles.
    pub fn entries(&self) -> impl Iterator<Item = &Entry<'_>> {
        self.stories.iter().chain(&self.pages).chain(&self.profiles)
    }
}

/// The publish filter, languages, slugs and the link table. `parsed` is in
/// the order of `files.sources`.
pub fn catalog<'a>(
    files: &'a SiteFiles,
    parsed: &[Arc<ParsedSource>],
    config: &Config,
    opts: ModelOptions,
) -> (Catalog<'a>, Vec<Diagnostic>) {
    let mut diags = files.diagnostics.clone();
    let langs = Languages::of(config);
    let published = publish(files, parsed, (&langs, &config.time_zone), opts, &mut diags);
    let stories = entries(published.stories, &langs, story_slug, &mut diags);
    check_duplicates(&stories, "stories", &langs, &mut diags);
    let pages = entries(published.pages, &langs, page_slug, &mut diags);
    check_duplicates(&pages, "pages", &langs, &mut diags);
    let profile_slug =
        |_: &Source, base: &str, dir: &str, _: &ParsedSource, _: &mut Vec<Diagnostic>| {
            slugify(bundle_name(base, dir))
        };
    let profiles = entries(published.profiles, &langs, profile_slug, &mut diags);
    if langs.multilingual {
        check_translations(
            [
                (&stories, "story"),
                (&pages, "page"),
                (&profiles, "partner profile"),
            ],
            &langs,
            &mut diags,
        );
        for p in pages.iter().filter(|p| {
            langs
                .sections
                .iter()
                .any(|l| l.code().eq_ignore_ascii_case(&p.slug))
        }) {
            diags.push(
                Diagnostic::error(format!(
                    "the page slug `{}` is where the site's `{}` pages live",
                    p.slug, p.slug
                ))
                .at_path(&p.src.path)
                .with_hint("rename the file or set another `slug:`"),
            );
        }
    }
    let resolver = link_table(
        files,
        [
            (&stories, urls::story),
            (&pages, urls::page),
            (&profiles, urls::partner),
        ],
        &langs.sections,
        published.unpublished,
        config,
    );
    let catalog = Catalog {
        sections: langs.sections.clone(),
        languages: langs,
        stories,
        pages,
        profiles,
        resolver,
        next_publication: published.next_publication,
    };
    (catalog, diags)
}

/// The site's languages as the catalog needs them.
#[derive(Debug, Clone)]
pub struct Languages {
    multilingual: bool,
    sections: Vec<Lang>,
    /// What `lang:` may name.
    known: Vec<Lang>,
}

impl Languages {
    fn of(config: &Config) -> Languages {
        let multilingual = config.languages.is_some();
        Languages {
            multilingual,
            sections: if multilingual {
                config.site_languages().iter().map(|l| l.lang).collect()
            } else {
                vec![config.language]
            },
            known: config.known_langs(),
        }
    }

    /// Whether the site has `languages:` (files are then grouped into
    /// translations), even with no other language in it.
    pub fn multilingual(&self) -> bool {
        self.multilingual
    }

    /// Where one story published on its own would go, as [`catalog`] places
    /// it among the others: its language, section, translation group and
    /// slug, with what the catalog would say about it (its language, its
    /// slug). Whether the slug is free is the caller's to check. `index`
    /// is the source's in [`SiteFiles::sources`].
    pub fn story_entry<'a>(
        &self,
        (src, index): (&'a Source, usize),
        parsed: Arc<ParsedSource>,
    ) -> Option<(Entry<'a>, Vec<Diagnostic>)> {
        let mut diags = Vec::new();
        let mut list = entries(vec![(src, index, parsed)], self, story_slug, &mut diags);
        Some((list.pop()?, diags))
    }

    /// The site's language `l` is often written for by mistake (`bi` for
    /// Bahasa Indonesia), what `l` is, and whether it is the default.
    fn meant(&self, l: Lang) -> Option<(Lang, &'static str, bool)> {
        let (meant, what) = l.mistaken()?;
        let k = meant.lookup(&self.known)?;
        Some((k, what, self.known.first() == Some(&k)))
    }

    fn declared(&self) -> String {
        let list: Vec<String> = self.known.iter().map(|l| format!("`{l}`")).collect();
        list.join(", ")
    }

    /// A source's language, its name without the language suffix and its
    /// folder without the language folder (what its translations share). In
    /// a site with `languages:` the file name's suffix (`x.en.md`) or a
    /// folder named for one of the site's languages (`stories/en/x.md`)
    /// says it, else `lang:`, else it is the default language.
    fn of_source<'a>(
        &self,
        src: &'a Source,
        parsed: &ParsedSource,
        diags: &mut Vec<Diagnostic>,
    ) -> (Lang, &'a str, String) {
        let (said, positions) = match &parsed.meta {
            Some(Meta::Story(m)) => (m.lang, Some(&m.positions)),
            Some(Meta::Page(m)) => (m.lang, Some(&m.positions)),
            _ => (None, None),
        };
        let (line, col) = positions
            .and_then(|p| LANG_KEYS.iter().find_map(|k| p.get(*k)))
            .copied()
            .unwrap_or((1, 1));
        let mut lang = self.sections.first().copied().unwrap_or(Lang::ID);
        let mut base = src.stem();
        let mut dir = src.content_dir().to_string();
        let folder = self.folder_of(src).map(|f| {
            dir = f.dir();
            // `stories/EN/`, `stories/en-US/` on a site in `en`: read, but
            // the web editor and `cerita new` look for `stories/en/`.
            if f.name != f.lang.code() {
                let (section, name, l) = (f.section, f.name, f.lang);
                // Into the folder whether or not it exists (`mv a b` would
                // put `a` inside an existing `b`), never over a file there
                // (`-n`, and `rmdir` then fails on what is left); a change
                // of case alone is one `mv` (the same folder on a
                // case-blind disk).
                let mv = if name.eq_ignore_ascii_case(l.code()) {
                    format!("mv content/{section}/{name} content/{section}/{l}")
                } else {
                    format!(
                        "mkdir -p content/{section}/{l} && mv -n content/{section}/{name}/* content/{section}/{l}/ && rmdir content/{section}/{name}"
                    )
                };
                diags.push(
                    Diagnostic::warning(format!(
                        "the folder `{name}` is read as the site's language `{l}`"
                    ))
                    .at_path(&src.path)
                    .with_hint(format!(
                        "name it as the site names the language, as the web editor and `cerita new` look for it: `{mv}`"
                    )),
                );
            }
            f.lang
        });
        if let Some(l) = folder {
            lang = l;
        }
        let suffix = src.lang_suffix().filter(|(_, l)| {
            self.multilingual && (l.lookup(&self.known).is_some() || l.is_known())
        });
        if let Some((b, l)) = suffix {
            // A language the site lacks (an error below) leaves the name
            // whole, so `uji.bm.md` is not also a second `uji` in the
            // default language beside `uji.md`.
            let declared = l.lookup(&self.known);
            if declared.is_some() {
                base = b;
            }
            match declared {
                Some(k) if folder.is_some_and(|f| f != k) => diags.push(
                    Diagnostic::error(format!(
                        "the file name says `.{l}` but its folder says `{lang}`"
                    ))
                    .at_path(&src.path)
                    .with_hint(format!(
                        "keep one: rename the file to `{base}.md`, or move it to the `{l}` folder"
                    )),
                ),
                Some(k) => lang = k,
                None => diags.push(
                    Diagnostic::error(format!(
                        "the file name says `.{l}`, which is not a language of this site"
                    ))
                    .at_path(&src.path)
                    .with_hint(match self.meant(l) {
                        Some((meant, what, default)) => {
                            let name = if default {
                                format!("{b}.md")
                            } else {
                                format!("{b}.{meant}.md")
                            };
                            format!(
                                "`{l}` is {what}; if the text is {}, name the file `{name}`",
                                meant.name()
                            )
                        }
                        None => format!(
                            "{}the site's languages: {}; add `{l}` under `languages:` in cerita.yaml, or rename the file",
                            mistaken_note(l),
                            self.declared()
                        ),
                    }),
                ),
            }
        }
        if let Some(l) = said {
            match l.lookup(&self.known) {
                Some(k) if suffix.is_some() && k != lang => diags.push(
                    Diagnostic::error(format!(
                        "`lang: {l}` disagrees with the file name, which says `.{lang}`"
                    ))
                    .at(&src.path, &src.text, line, col)
                    .with_hint("remove `lang:`, or rename the file"),
                ),
                Some(k) if folder.is_some() && k != lang => diags.push(
                    Diagnostic::error(format!(
                        "`lang: {l}` disagrees with the file's folder, which says `{lang}`"
                    ))
                    .at(&src.path, &src.text, line, col)
                    .with_hint(format!(
                        "remove `lang:`, or move the file to the `{k}` folder"
                    )),
                ),
                Some(k) => lang = k,
                None => diags.push(
                    Diagnostic::error(format!("`lang: {l}` is not a language of this site"))
                        .at(&src.path, &src.text, line, col)
                        .with_hint(match self.meant(l) {
                            Some((meant, what, _)) => format!(
                                "`{l}` is {what}; if the text is {}, write `lang: {meant}`",
                                meant.name()
                            ),
                            None => format!(
                                "{}the site's languages: {}; declare others under `languages:` in cerita.yaml",
                                mistaken_note(l),
                                self.declared()
                            ),
                        }),
                ),
            }
        }
        // `rapat-en.md` said to be English (by `lang:` or its folder): a
        // translator's copy of `rapat.md`, named with a hyphen where
        // `rapat.en.md` has a dot; it pairs with `rapat.md` the same way.
        let default = self.sections.first().copied();
        if self.multilingual
            && suffix.is_none()
            && (said.is_some() || folder.is_some())
            && Some(lang) != default
        {
            if let Some(b) = crate::load::without_lang_word(base, lang) {
                base = b;
            }
        }
        (lang, base, dir)
    }

    /// The language folder a source is in ([`Source::lang_folder`]) when
    /// the site publishes that language, its `lang` the site's (`en` for a
    /// folder `en-US` on a site in `en`). A folder named for a language the
    /// site does not publish is an ordinary folder (`stories/ab/…`).
    fn folder_of<'s>(&self, src: &'s Source) -> Option<LangFolder<'s>> {
        src.lang_folder()
            .filter(|_| self.multilingual)?
            .of_site(&self.known)
    }

    /// A page or partner profile in a folder under its section
    /// (`pages/rw/jadwal.md`) that is not one of the site's languages: the
    /// warning that it is not published. [`crate::load::kind_of`] takes
    /// any folder named like a language, not knowing the site's.
    fn unread(&self, src: &Source) -> Option<Diagnostic> {
        let what = match src.kind {
            Kind::Story => return None,
            Kind::Page => "page",
            Kind::Partner => "partner profile",
        };
        let (_, folder) = src.content_dir().split_once('/')?;
        // In a language folder of the site, or a bundle of its own
        // (`pages/about/index.md`).
        let after_section = src.content_path.split_once('/').map_or("", |(_, r)| r);
        if self.folder_of(src).is_some() || crate::load::bundle_file(after_section) {
            return None;
        }
        let section = src.content_dir().split('/').next().unwrap_or_default();
        Some(
            Diagnostic::warning(format!(
                "a {what} in the folder `{folder}` is not published: `{folder}` is not a language of this site"
            ))
            .at_path(&src.path)
            .with_hint(format!(
                "move it to `content/{section}/`; or, if the folder holds translations, declare the language under `languages:` in cerita.yaml"
            )),
        )
    }

    /// The section a source in `lang` is published in.
    fn section(&self, lang: Lang) -> usize {
        if self.multilingual {
            self.sections.iter().position(|l| *l == lang).unwrap_or(0)
        } else {
            0
        }
    }
}

/// A source, its index in `files.sources`, its front matter.
type Item<'a> = (&'a Source, usize, Arc<ParsedSource>);

/// Sources that pass the publish filter, before they have slugs.
struct Published<'a> {
    stories: Vec<Item<'a>>,
    pages: Vec<Item<'a>>,
    profiles: Vec<Item<'a>>,
    /// Drafts and future stories: they exist, but links to them are errors.
    unpublished: Vec<String>,
    next_publication: Option<i64>,
}

/// Drafts are published only with `--drafts`; so are stories dated in the
/// future, whose date is remembered so a later build publishes them.
/// Front-matter diagnostics are
/// collected here, in file order.
fn publish<'a>(
    files: &'a SiteFiles,
    parsed: &[Arc<ParsedSource>],
    (langs, zone): (&Languages, &Zone),
    opts: ModelOptions,
    diags: &mut Vec<Diagnostic>,
) -> Published<'a> {
    let mut out = Published {
        stories: Vec::new(),
        pages: Vec::new(),
        profiles: Vec::new(),
        unpublished: Vec::new(),
        next_publication: None,
    };
    for (index, (src, p)) in files.sources.iter().zip(parsed).enumerate() {
        if let Some(d) = langs.unread(src) {
            diags.push(d);
            continue;
        }
        diags.extend(p.diagnostics.iter().cloned());
        match &p.meta {
            Some(Meta::Story(m)) => {
                let future = m.date.is_some_and(|d| d.at.unix_timestamp() > opts.now);
                if opts.drafts || (!m.draft && !future) {
                    out.stories.push((src, index, p.clone()));
                } else {
                    if let Some(date) = m.date.filter(|_| future && !m.draft) {
                        diags.push(scheduled(src, m, &date, zone));
                        let due = date.at.unix_timestamp();
                        out.next_publication =
                            Some(out.next_publication.map_or(due, |n| n.min(due)));
                    }
                    out.unpublished.push(src.content_path.clone());
                }
            }
            Some(Meta::Partner(m)) if m.draft && !opts.drafts => {
                out.unpublished.push(src.content_path.clone());
            }
            Some(Meta::Partner(_)) => out.profiles.push((src, index, p.clone())),
            Some(Meta::Page(m)) => {
                if opts.drafts || !m.draft {
                    out.pages.push((src, index, p.clone()));
                } else {
                    out.unpublished.push(src.content_path.clone());
                }
            }
            None => {}
        }
    }
    out
}

/// A story dated in the future is not published until then: said at its
/// `date:`, since a mistyped year or a time of day read in UTC hides a
/// story as surely as `draft: true` does.
fn scheduled(src: &Source, m: &StoryMeta, date: &StoryDate, zone: &Zone) -> Diagnostic {
    // A date alone is that day from midnight on the site's clock; without
    // `time_zone:` that is UTC, 07:00 in Jakarta: a story dated today may
    // wait until then.
    let utc = date.floating && zone.is_utc();
    let when = match (date.date_only, utc) {
        (true, true) => format!("{}, from 00:00 UTC, 07:00 WIB", date.ymd()),
        (true, false) => format!("{}, from 00:00 {}", date.ymd(), zone.name),
        (false, _) => date.rfc3339(),
    };
    let clock = match utc {
        true => {
            "; dates without a zone are on UTC's clock: `time_zone: Asia/Jakarta` (or WITA, WIT) in cerita.yaml puts them on yours"
        }
        false => "",
    };
    let d = Diagnostic::warning(format!(
        "this story is dated in the future ({when}), so it is not published until then"
    ))
    .with_hint(format!("a build from that time on publishes it; if the date is a mistake, correct it; `--drafts` shows it now{clock}"));
    match m.positions.get("date") {
        Some(&(line, col)) => d.at(&src.path, &src.text, line, col),
        None => d.at_path(&src.path),
    }
}

/// Entries with their language, translation group and slug.
fn entries<'a>(
    list: Vec<Item<'a>>,
    langs: &Languages,
    slug: impl Fn(&Source, &str, &str, &ParsedSource, &mut Vec<Diagnostic>) -> String,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Entry<'a>> {
    list.into_iter()
        .map(|(src, index, parsed)| {
            let (lang, base, dir) = langs.of_source(src, &parsed, diags);
            let group = if langs.multilingual {
                group_of(src, &dir, base, &parsed)
            } else {
                String::new()
            };
            Entry {
                slug: slug(src, base, &dir, &parsed, diags),
                src,
                index,
                lang,
                section: langs.section(lang),
                group,
                parsed,
            }
        })
        .collect()
}

/// What translations of one another share: their `translation_key`, else
/// their folder (`dir`, without a language folder) and name without the
/// language suffix.
fn group_of(src: &Source, dir: &str, base: &str, parsed: &ParsedSource) -> String {
    let key = match &parsed.meta {
        Some(Meta::Story(m)) => m.translation_key.as_deref(),
        Some(Meta::Page(m)) => m.translation_key.as_deref(),
        Some(Meta::Partner(m)) => m.translation_key.as_deref(),
        None => None,
    };
    let kind = src.content_path.split('/').next().unwrap_or("");
    match key {
        Some(k) => format!("{kind}\0key\0{k}"),
        None => format!("{kind}\0{dir}/{base}"),
    }
}

/// One file per language in each group of translations; a
/// `translation_key` that joins nothing is probably misspelt.
fn check_translations(
    kinds: [(&Vec<Entry<'_>>, &str); 3],
    langs: &Languages,
    diags: &mut Vec<Diagnostic>,
) {
    // A language folder that made a file a version, perhaps a folder
    // named like a language by chance (`stories/id/`).
    let folder = |src: &Source| {
        let f = langs.folder_of(src)?;
        Some(format!("content/{}/{}/", f.section, f.name))
    };
    for (entries, what) in kinds {
        let mut groups: HashMap<&str, Vec<&Entry<'_>>> = HashMap::new();
        for e in entries {
            groups.entry(&e.group).or_default().push(e);
        }
        let mut keys: Vec<&&str> = groups.keys().collect();
        keys.sort();
        for key in keys {
            let members = &groups[*key];
            for (i, a) in members.iter().enumerate() {
                if let Some(b) = members[..i].iter().find(|b| b.lang == a.lang) {
                    let unmarked = [b, a].into_iter().find(|e| unmarked(e, langs));
                    let hint = match [b, a].into_iter().find_map(|e| folder(e.src)) {
                        None if unmarked.is_some() => {
                            unmarked_hint(&unmarked.unwrap_or(a).src.path, langs)
                        }
                        Some(f) => format!(
                            "`{f}` holds the site's `{}` files: rename that folder if it is not for a language; otherwise give one of them another language (file suffix or `lang:`), or another `translation_key`",
                            a.lang
                        ),
                        None => "give one of them another language (file suffix or `lang:`), or another `translation_key`".to_string(),
                    };
                    for (this, other) in [(b, a), (a, b)] {
                        diags.push(
                            Diagnostic::error(format!(
                                "two files are the `{}` version of one {what}: {} and {}",
                                a.lang,
                                this.src.path.display(),
                                other.src.path.display()
                            ))
                            .at_path(&this.src.path)
                            .with_hint(hint.clone()),
                        );
                    }
                }
            }
            if let ([e], Some(warning)) = (members.as_slice(), lone_key(key)) {
                diags.push(warning.at_path(&e.src.path));
            }
        }
    }
}

/// A file in the default language only for want of saying another: no
/// language in its name, folder or front matter (Hugo's English
/// `index.md` beside `index.id.md` on a site in Indonesian).
fn unmarked(e: &Entry<'_>, langs: &Languages) -> bool {
    let name = e
        .src
        .path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("");
    let said =
        e.story().is_some_and(|m| m.lang.is_some()) || e.page().is_some_and(|m| m.lang.is_some());
    name.matches('.').count() == 1
        && langs.folder_of(e.src).is_none()
        && langs.sections.first() == Some(&e.lang)
        && !said
}

/// The rename that gives the unmarked file at `path` its language.
fn unmarked_hint(path: &std::path::Path, langs: &Languages) -> String {
    let default = langs
        .sections
        .first()
        .map(ToString::to_string)
        .unwrap_or_default();
    let others: Vec<String> = langs
        .sections
        .iter()
        .skip(1)
        .map(ToString::to_string)
        .collect();
    let code = match others.as_slice() {
        [one] => one.clone(),
        _ => "LANG".to_string(),
    };
    let shown = path.display();
    let renamed = path.with_extension(format!("{code}.md"));
    let choice = match others.as_slice() {
        [_] | [] => String::new(),
        _ => format!(" (LANG one of {})", others.join(", ")),
    };
    format!(
        "`{shown}` names no language, so it is read as the site's language `{default}`; in Hugo such a file was in Hugo's default language: if it is a translation, name its language: `mv {shown} {}`{choice}",
        renamed.display()
    )
}

const LONE_KEY: &str = "no other file has the translation_key";

/// The warning a translation group `group` of one file gets when a
/// `translation_key` made it (probably misspelt); `None` for a group its
/// file's name made.
pub fn lone_key(group: &str) -> Option<Diagnostic> {
    let (_, key) = group.split_once("\0key\0")?;
    Some(
        Diagnostic::warning(format!("{LONE_KEY} `{key}`"))
            .with_hint("give its translations the same `translation_key`, or remove it"),
    )
}

/// Whether `d` is a [`lone_key`] warning.
pub fn is_lone_key(d: &Diagnostic) -> bool {
    d.message.starts_with(LONE_KEY)
}

/// Whether a folder holding an `index.md` is a page bundle (a post with its
/// photos, named by the folder), not a folder of stories such as a year's
/// (`stories/2021/index.md` keeps the slug `index`).
fn is_bundle(folder: &str) -> bool {
    folder != "stories" && folder.chars().any(char::is_alphabetic)
}

/// A story's slug: its `slug:`, else its file name (its folder's for a
/// page bundle; `dir` is the folder without a language folder), else its
/// title.
fn story_slug(
    src: &Source,
    base: &str,
    dir: &str,
    parsed: &ParsedSource,
    diags: &mut Vec<Diagnostic>,
) -> String {
    let meta = match &parsed.meta {
        Some(Meta::Story(m)) => Some(m),
        _ => None,
    };
    if let Some(slug) = meta.and_then(|m| m.slug.clone()) {
        return slug;
    }
    // A page bundle (`blog/rapat-warga/index.md`, as Hugo and Zola keep a
    // post with its photos) is named by its folder.
    // `stories/en/index.md` is the English `stories/index.md`, not a
    // bundle named `en`.
    let folder = dir.rsplit('/').next().unwrap_or("stories");
    let base = if base.eq_ignore_ascii_case("index") && is_bundle(folder) {
        folder
    } else {
        base
    };
    let from_file = slugify(base);
    if !from_file.is_empty() {
        return from_file;
    }
    diags.push(
        Diagnostic::warning("the file name gives no usable slug; using the title")
            .at_path(&src.path)
            .with_hint(
                "name the file with letters, digits and `-`, e.g. `webinar-kbg.md`, or set `slug:`",
            ),
    );
    let from_title = meta.map(|m| slugify(&m.title)).unwrap_or_default();
    if from_title.is_empty() {
        "cerita".to_string()
    } else {
        from_title
    }
}

/// The name a page or partner profile's file gives it: its folder's for a
/// bundle (`pages/about/index.md`, `dir` being `pages/about` without a
/// language folder), else its own (`base`).
fn bundle_name<'a>(base: &'a str, dir: &'a str) -> &'a str {
    match dir.split_once('/') {
        Some((_, folder)) if base.eq_ignore_ascii_case("index") && !folder.is_empty() => folder,
        _ => base,
    }
}

/// A page's slug: its `slug:` or its file name (its folder's for a bundle,
/// `pages/about/index.md`), never one of the site's own sections.
fn page_slug(
    src: &Source,
    base: &str,
    dir: &str,
    parsed: &ParsedSource,
    diags: &mut Vec<Diagnostic>,
) -> String {
    let set = match &parsed.meta {
        Some(Meta::Page(m)) => m.slug.clone(),
        _ => None,
    };
    let slug = set.unwrap_or_else(|| slugify(bundle_name(base, dir)));
    if RESERVED.contains(&slug.as_str()) || slug.is_empty() {
        diags.push(
            Diagnostic::error(format!("the page slug `{slug}` cannot be used"))
                .at_path(&src.path)
                .with_hint(format!(
                    "rename the file or set another `slug:`; reserved: {}",
                    RESERVED.join(", ")
                )),
        );
    }
    slug
}

/// Two entries of one language section may not share a slug. Two
/// versions of one story in one language (`x.md` and `x.fr.md` on a site
/// in French and more) are that mistake's own error, not this one.
fn check_duplicates(
    entries: &[Entry<'_>],
    what: &str,
    langs: &Languages,
    diags: &mut Vec<Diagnostic>,
) {
    // A folder named for a language cerita knows that the site does not
    // publish: perhaps translations on a site that does not declare them.
    let undeclared = |s: &Source| {
        let f = s.lang_folder().filter(|f| f.lang.is_known())?;
        langs.folder_of(s).is_none().then_some(f.lang)
    };
    let mut seen: HashMap<(usize, &str), &Entry<'_>> = HashMap::new();
    for e in entries {
        let Some(first) = seen.get(&(e.section, e.slug.as_str())) else {
            seen.insert((e.section, &e.slug), e);
            continue;
        };
        if langs.multilingual && first.group == e.group {
            continue;
        }
        let first = first.src;
        let d = Diagnostic::error(format!(
            "two {what} have the slug `{}`: {} and {}",
            e.slug,
            first.path.display(),
            e.src.path.display()
        ))
        .with_hint(if let Some(l) = [e.src, first].into_iter().find_map(undeclared) {
            format!(
                "if the `{l}` folder holds translations, declare the language under `languages:` in cerita.yaml (e.g. `languages: {{ {l}: {{ title: \"…\" }} }}`); otherwise give one of them another file name or a different `slug:` in its front matter"
            )
        } else if first.path.file_name() == e.src.path.file_name() {
            // Folders per language, as a Hugo site may keep them
            // (`content/english/…`, `content/indonesia/…`).
            "if one is the other's translation, give it `lang:` (e.g. `lang: en`) and both the same `translation_key:`; otherwise give one of them another file name or a different `slug:` in its front matter".to_string()
        } else {
            "give one of them another file name or a different `slug:` in its front matter".to_string()
        });
        diags.push(match e.story().and_then(|m| m.slug_pos) {
            Some((l, c)) => d.at(&e.src.path, &e.src.text, l, c),
            None => d.at_path(&e.src.path),
        });
    }
}

/// Where an entry's slug puts it (one of [`urls`]' functions).
type UrlOf = fn(&str) -> String;

/// Every published source's URL (its section's prefix, then where its
/// kind's slug puts it) and every asset's.
fn link_table(
    files: &SiteFiles,
    kinds: [(&Vec<Entry<'_>>, UrlOf); 3],
    sections: &[Lang],
    unpublished: Vec<String>,
    config: &Config,
) -> SiteResolver {
    let mut resolver = SiteResolver::new(
        config.base_path.clone(),
        &files.content_assets,
        unpublished,
        &config.images,
    );
    resolver.set_static(&files.static_assets);
    if let Some(default) = sections.first() {
        resolver.set_default_lang(*default);
    }
    for (entries, url) in kinds {
        for e in entries {
            let prefix = urls::prefix(sections, e.section);
            let path = format!("{prefix}{}", url(&e.slug));
            resolver.place_source(&e.src.content_path, &path);
            if !e.group.is_empty() {
                resolver.place_version(&e.src.content_path, &e.group, e.lang);
            }
        }
    }
    resolver
}
