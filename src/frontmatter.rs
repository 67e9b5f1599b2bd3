//! Stage 2a: split a source file into YAML front-matter and Markdown body, and
//! read the YAML into typed metadata for stories, partners and pages.
//!
//! In: a [`Source`] (text, BOM already removed). Out: a [`ParsedSource`]: the
//! typed meta plus the body's byte offset, and diagnostics. Every position is in file coordinates.
//! Unknown keys are kept (themes may use them) and reported as warnings.

use std::path::Path;
use std::sync::Arc;

use serde_json::{Map, Value};

use crate::error::Diagnostic;
use crate::lang::Lang;
use crate::load::{Kind, Source};
use crate::text::{StoryDate, closest, is_valid_slug};
use crate::yaml::{self, Entry};

/// The two halves of a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    /// The front matter's text: YAML, or TOML when `toml`.
    pub yaml: &'a str,
    /// Fenced with `+++` (Zola's and Hugo's TOML), not `---`.
    pub toml: bool,
    /// 1-based line of the first YAML line.
    pub yaml_line: usize,
    pub body: &'a str,
    /// Byte offset of the body in the file text.
    pub body_offset: usize,
}

/// Finds the `---` (or `+++`) fences. The opening fence must be the first
/// line that is not blank: blank lines before it are let be, as Hugo and
/// Zola let them be.
pub fn split<'a>(path: &Path, src: &'a str) -> Result<Split<'a>, Diagnostic> {
    let mut lines = line_spans(src);
    let mut fence_line = 1;
    let (first_start, first_end) = loop {
        match lines.next() {
            None => return Err(missing_fence(path, src, 1)),
            Some((start, end)) if src.get(start..end).is_some_and(|l| l.trim().is_empty()) => {
                fence_line += 1;
            }
            Some(line) => break line,
        }
    };
    let first = src.get(first_start..first_end).unwrap_or("").trim_end();
    let toml = first == "+++";
    if first != "---" && !toml {
        return Err(missing_fence(path, src, fence_line));
    }
    let yaml_start = next_line_start(src, first_end);
    for (start, end) in lines {
        let line = src.get(start..end).unwrap_or("").trim_end();
        let closes = if toml {
            line == "+++"
        } else {
            line == "---" || line == "..."
        };
        if closes {
            return Ok(Split {
                yaml: src.get(yaml_start..start).unwrap_or(""),
                toml,
                yaml_line: fence_line + 1,
                body: src.get(next_line_start(src, end)..).unwrap_or(""),
                body_offset: next_line_start(src, end),
            });
        }
    }
    Err(Diagnostic::error("the front matter is never closed")
        .at(path, src, fence_line, 1)
        .with_hint(format!(
            "add a line with only `{first}` after the last front-matter field, before the story text"
        )))
}

/// `line`: the first line that is not blank.
fn missing_fence(path: &Path, src: &str, line: usize) -> Diagnostic {
    let d = if src.trim().is_empty() {
        Diagnostic::error("the file is empty").at_path(path)
    } else {
        Diagnostic::error("the file does not start with front matter").at(path, src, line, 1)
    };
    d.with_hint("start the file with a `---` line, then `title: …` and the other fields, then another `---` line")
}

/// (start, end-without-newline) of every line.
fn line_spans(src: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= src.len() {
            return None;
        }
        let start = pos;
        let end = src[start..].find('\n').map_or(src.len(), |i| start + i);
        pos = end + 1;
        Some((start, end))
    })
}

fn next_line_start(src: &str, end: usize) -> usize {
    if src.as_bytes().get(end) == Some(&b'\n') {
        end + 1
    } else {
        end
    }
}

/// Metadata of a story (`content/stories/**.md`).
#[derive(Debug, Clone, Default)]
pub struct StoryMeta {
    pub title: String,
    pub date: Option<StoryDate>,
    pub updated: Option<StoryDate>,
    pub summary: Option<String>,
    pub authors: Vec<String>,
    pub partners: Vec<String>,
    pub tags: Vec<String>,
    pub regions: Vec<String>,
    pub lang: Option<Lang>,
    pub slug: Option<String>,
    pub draft: bool,
    pub image: Option<String>,
    pub image_alt: Option<String>,
    /// Joins files with different names into one story in several languages.
    pub translation_key: Option<String>,
    /// Old addresses of the story (`/2021/04/12/judul-lama/`), redirected.
    pub aliases: Vec<String>,
    pub extra: Map<String, Value>,
    /// Fields cerita does not know, kept for templates as `story.meta`.
    pub unknown: Map<String, Value>,
    /// Line of the front matter's opening fence's next line (for whole-file errors).
    pub title_line: usize,
    pub slug_pos: Option<(usize, usize)>,
    /// File position (line, col) of every top-level key, for later checks.
    pub positions: std::collections::BTreeMap<String, (usize, usize)>,
}

/// Metadata of a partner profile (`content/partners/<slug>.md`).
#[derive(Debug, Clone, Default)]
pub struct PartnerMeta {
    pub name: String,
    pub website: Option<String>,
    pub region: Option<String>,
    pub logo: Option<String>,
    /// Other spellings of its name writers use.
    pub aliases: Vec<String>,
    /// Old addresses of its page: the `aliases` that start with `/` (or are
    /// full URLs).
    pub redirects: Vec<String>,
    pub translation_key: Option<String>,
    /// Not published but with `--drafts` (a translation being written:
    /// the partner's page shows the default language's profile meanwhile).
    pub draft: bool,
    pub extra: Map<String, Value>,
    pub unknown: Map<String, Value>,
    pub positions: std::collections::BTreeMap<String, (usize, usize)>,
}

/// Metadata of a plain page (`content/pages/*.md`).
#[derive(Debug, Clone, Default)]
pub struct PageMeta {
    pub title: String,
    pub slug: Option<String>,
    pub lang: Option<Lang>,
    pub summary: Option<String>,
    pub draft: bool,
    pub translation_key: Option<String>,
    /// Old addresses of the page, redirected.
    pub aliases: Vec<String>,
    pub extra: Map<String, Value>,
    pub unknown: Map<String, Value>,
    pub positions: std::collections::BTreeMap<String, (usize, usize)>,
}

/// The names a file's language is given under: `lang`, and other tools'
/// `language` (`language: en`) and `locale` (`locale: en_US`).
pub const LANG_KEYS: [&str; 3] = ["lang", "language", "locale"];

const STORY_KEYS: &[&str] = &[
    "title",
    "date",
    "updated",
    "summary",
    // Hugo's, Jekyll's and Zola's names: `description` and `excerpt` for
    // `summary`, `lastmod` and `last_modified_at` for `updated`,
    // `categories` merged into `tags`.
    "description",
    "excerpt",
    "lastmod",
    "last_modified_at",
    "categories",
    "authors",
    // Hugo's and Jekyll's themes' name: one writer (`author: Nama`), a
    // list, or Jekyll's `author: {name: …}`; added to `authors`.
    "author",
    "partners",
    "tags",
    "region",
    "lang",
    // Other tools' names for `lang` (`language: en`, `locale: en_US`).
    "language",
    "locale",
    "slug",
    "draft",
    "image",
    "image_alt",
    "translation_key",
    "translationKey",
    "aliases",
    "extra",
];
const PARTNER_KEYS: &[&str] = &[
    "name",
    "website",
    "region",
    "logo",
    "draft",
    "aliases",
    "translation_key",
    "translationKey",
    "extra",
];
const PAGE_KEYS: &[&str] = &[
    "title",
    "slug",
    "lang",
    "language",
    "locale",
    "summary",
    "description",
    "draft",
    "translation_key",
    "translationKey",
    "aliases",
    "extra",
];

/// Typed reads over the entries of one front-matter block; problems pile up
/// in `diags` so a file reports all of its bad fields at once.
struct Reader<'a> {
    path: &'a Path,
    src: &'a str,
    entries: Vec<Entry>,
    known: &'static [&'static str],
    diags: Vec<Diagnostic>,
    /// TOML front matter (`+++`): hints are written in its syntax.
    toml: bool,
}

/// A key of `known` written in other capitals (`Title:`, `Date:`) is that
/// key, as Hugo reads them, unless the file also has it in lower case.
pub fn lower_known_keys(entries: &mut [Entry], known: &[&str]) {
    for i in 0..entries.len() {
        let lower = entries[i].key.to_lowercase();
        if lower != entries[i].key
            && known.contains(&lower.as_str())
            && !entries.iter().any(|o| o.key == lower)
        {
            entries[i].key = lower;
        }
    }
}

impl<'a> Reader<'a> {
    fn new(
        path: &'a Path,
        src: &'a str,
        split: &Split<'_>,
        known: &'static [&'static str],
    ) -> Result<Self, Vec<Diagnostic>> {
        let (parsed, hint) = if split.toml {
            (
                crate::toml_matter::parse_table(split.yaml, split.yaml_line),
                "front matter between `+++` lines is TOML: one `key = value` per line, text in double quotes (`title = \"…\"`), lists in brackets (`tags = [\"a\", \"b\"]`)",
            )
        } else {
            (
                yaml::parse_mapping(split.yaml, split.yaml_line),
                "front matter is YAML: one `key: value` per line; put text that contains `: ` or starts with a quote, `[`, `{`, `*`, `&` or `#` in double quotes",
            )
        };
        let mut entries = parsed.map_err(|e| {
            vec![
                Diagnostic::error(format!("invalid front matter: {}", e.message))
                    .at(path, src, e.line, e.col)
                    .with_hint(e.fix.as_deref().unwrap_or(hint)),
            ]
        })?;
        lower_known_keys(&mut entries, known);
        Ok(Reader {
            path,
            src,
            entries,
            known,
            diags: Vec::new(),
            toml: split.toml,
        })
    }

    fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.key == key)
    }

    fn err(&mut self, e: &Entry, message: String, hint: &str) {
        let d = Diagnostic::error(message)
            .at(self.path, self.src, e.line, e.col)
            .with_hint(hint);
        self.diags.push(d);
    }

    fn string(&mut self, key: &str) -> Option<String> {
        let e = self.entry(key)?.clone();
        match &e.value {
            // Web editors save a field left empty as `""`: nothing said.
            Value::Null => None,
            Value::String(s) if s.trim().is_empty() => None,
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            other => {
                let msg = format!("`{key}` must be text, found {}", yaml::describe(other));
                self.err(&e, msg, &text_hint(key, other));
                None
            }
        }
    }

    fn list(&mut self, key: &str) -> Vec<String> {
        let Some(e) = self.entry(key).cloned() else {
            return Vec::new();
        };
        let hint = format!("write a list, e.g. `{key}: [pertama, kedua]`");
        let items: Vec<Value> = match &e.value {
            Value::Null => return Vec::new(),
            Value::String(s) => return split_names(s),
            Value::Array(items) => items.clone(),
            other => {
                let msg = format!(
                    "`{key}` must be a list of names, found {}",
                    yaml::describe(other)
                );
                self.err(&e, msg, &hint);
                return Vec::new();
            }
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            match item {
                Value::String(s) if !s.trim().is_empty() => out.push(s.trim().to_string()),
                Value::Number(n) => out.push(n.to_string()),
                Value::String(_) | Value::Null => {}
                // A theme's list of people with their details (`- name:
                // Rina` `bio: …`), as Hugo's and Jekyll's keep authors:
                // each by its name.
                Value::Object(m)
                    if m.get("name")
                        .and_then(Value::as_str)
                        .is_some_and(|n| !n.trim().is_empty()) =>
                {
                    if let Some(n) = m.get("name").and_then(Value::as_str) {
                        out.push(n.trim().to_string());
                    }
                }
                other => {
                    let msg = format!(
                        "every item of `{key}` must be text, found {}",
                        yaml::describe(&other)
                    );
                    self.err(&e, msg, &hint);
                }
            }
        }
        out
    }

    fn bool(&mut self, key: &str) -> bool {
        let Some(e) = self.entry(key).cloned() else {
            return false;
        };
        match &e.value {
            Value::Bool(b) => *b,
            Value::Null => false,
            other => {
                let shown = match other {
                    Value::String(s) => format!("`{s}`"),
                    v => yaml::describe(v).to_string(),
                };
                self.err(
                    &e,
                    format!("`{key}` must be true or false, found {shown}"),
                    &format!("write `{key}: true` or `{key}: false`"),
                );
                false
            }
        }
    }

    fn date(&mut self, key: &str) -> Option<StoryDate> {
        let e = self.entry(key)?.clone();
        let text = match &e.value {
            Value::Null => return None,
            Value::String(s) if s.trim().is_empty() => return None,
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            other => yaml::describe(other).to_string(),
        };
        let parsed = StoryDate::parse(&text);
        if parsed.is_none() {
            let hint = crate::date_forms::advice(&text).unwrap_or_else(|| format!("write the date as YYYY-MM-DD, e.g. `{key}: 2021-04-10` (or `10 April 2021`; a time may follow: `2021-04-10 09:30`)"));
            self.err(&e, format!("`{key}` is not a date: `{text}`"), &hint);
        }
        parsed
    }

    fn lang(&mut self, key: &str) -> Option<Lang> {
        let e = self.entry(key)?.clone();
        let text = self.string(key)?;
        let lang = Lang::parse(&text);
        if lang.is_none() {
            self.err(
                &e,
                format!("`{key}` must be a language tag, found `{text}`"),
                "a tag, one of the site's (its `language:` and those under `languages:` in cerita.yaml), e.g. `lang: id` for Bahasa Indonesia, `en` for English, `zh-CN` for Chinese, `ar` for Arabic",
            );
        }
        lang
    }

    /// `lang`, or `language` or `locale` as other tools write it
    /// (`locale: en_US`), under whichever name the file gives it.
    fn file_lang(&mut self) -> Option<Lang> {
        let key = LANG_KEYS
            .into_iter()
            .find(|k| self.entry(k).is_some())
            .unwrap_or("lang");
        self.lang(key)
    }

    /// `summary`, or (as Hugo and Jekyll call it) `description`, or
    /// Jekyll's `excerpt`.
    fn summary(&mut self) -> Option<String> {
        self.string("summary")
            .or_else(|| self.string("description"))
            .or_else(|| self.string("excerpt"))
    }

    /// `updated`, or Hugo's `lastmod`, or Jekyll's `last_modified_at`.
    fn updated(&mut self) -> Option<StoryDate> {
        self.date("updated")
            .or_else(|| self.date("lastmod"))
            .or_else(|| self.date("last_modified_at"))
    }

    /// `tags` and `categories` (Hugo's, Jekyll's, WordPress's), once each.
    fn tags(&mut self) -> Vec<String> {
        // A Jekyll post (`2024-11-12-x.md`) lists its tags and categories
        // in one line as Jekyll reads them: by spaces (`categories: jekyll
        // update`, as `jekyll new` writes every first post, is two).
        let by_space = |key: &str, this: &mut Self| -> Vec<String> {
            match this.entry(key).map(|e| &e.value) {
                Some(Value::String(s))
                    if !s.contains(',') && s.contains(' ') && date_in_name(this.path).is_some() =>
                {
                    s.split_whitespace().map(str::to_string).collect()
                }
                _ => this.list(key),
            }
        };
        let mut tags = by_space("tags", self);
        for c in by_space("categories", self) {
            if !tags.iter().any(|t| t.eq_ignore_ascii_case(&c)) {
                tags.push(c);
            }
        }
        tags
    }

    /// `authors`, and `author` (Hugo's and Jekyll's themes' name for
    /// one writer; Jekyll's `author: {name: …}` gives its name, as each
    /// item of a list of such maps does), once each.
    fn authors(&mut self) -> Vec<String> {
        let mut authors = self.list("authors");
        let named = match self.entry("author").map(|e| &e.value) {
            Some(Value::Object(m)) => {
                let name = m.get("name").and_then(|n| n.as_str()).map(str::trim);
                name.filter(|n| !n.is_empty())
                    .map(|n| vec![n.to_string()])
                    .unwrap_or_default()
            }
            Some(_) => self.list("author"),
            None => Vec::new(),
        };
        for a in named {
            if !authors.iter().any(|b| b.eq_ignore_ascii_case(&a)) {
                authors.push(a);
            }
        }
        authors
    }

    /// `translation_key`, or Hugo's `translationKey`.
    fn translation_key(&mut self) -> Option<String> {
        let key = if self.entry("translation_key").is_some() {
            "translation_key"
        } else {
            "translationKey"
        };
        self.string(key)
            .map(|k| k.trim().to_string())
            .filter(|k| !k.is_empty())
    }

    fn map(&mut self, key: &str) -> Map<String, Value> {
        let Some(e) = self.entry(key).cloned() else {
            return Map::new();
        };
        match &e.value {
            Value::Object(m) => m.clone(),
            Value::Null => Map::new(),
            other => {
                let msg = format!(
                    "`{key}` must be a map of `name: value` pairs, found {}",
                    yaml::describe(other)
                );
                self.err(
                    &e,
                    msg,
                    &format!("indent the fields under `{key}:` by two spaces"),
                );
                Map::new()
            }
        }
    }

    fn slug(&mut self, key: &str) -> (Option<String>, Option<(usize, usize)>) {
        let pos = self.entry(key).map(|e| (e.line, e.col));
        let e = self.entry(key).cloned();
        let slug = self.string(key);
        if let (Some(s), Some(e)) = (&slug, &e) {
            // Capitals alone (Hugo's `slug: ingress-nginx-CVE-2025-1974`):
            // the address Hugo made of it, lowercase, with a word.
            let lower = s.to_ascii_lowercase();
            if !is_valid_slug(s) && is_valid_slug(&lower) {
                self.diags.push(
                    Diagnostic::warning(format!(
                        "`slug: {s}` has capitals; the address is `{lower}`, as Hugo made it"
                    ))
                    .at(self.path, self.src, e.line, e.col)
                    .with_hint(format!("write `slug: {lower}`")),
                );
                return (Some(lower), pos);
            }
            if !is_valid_slug(s) {
                let suggestion = crate::text::slugify(s);
                self.err(
                    e,
                    format!("`slug` may only contain a-z, 0-9 and `-`, found `{s}`"),
                    &format!(
                        "use `slug: {}`",
                        if suggestion.is_empty() {
                            "nama-cerita"
                        } else {
                            &suggestion
                        }
                    ),
                );
                return (None, pos);
            }
        }
        (slug, pos)
    }

    /// Unknown keys: kept, each reported as a warning with the closest known key.
    fn unknown(&mut self) -> Map<String, Value> {
        let mut out = Map::new();
        let entries: Vec<Entry> = self
            .entries
            .iter()
            .filter(|e| !self.known.contains(&e.key.as_str()))
            .cloned()
            .collect();
        for e in entries {
            let mut d = Diagnostic::warning(format!("{UNKNOWN}{}{UNKNOWN_END}", e.key))
                .at(self.path, self.src, e.line, 1);
            d = match (foreign_hint(&e.key), closest(&e.key, self.known)) {
                (Some(hint), _) => d.with_hint(hint),
                (None, Some(k)) => d.with_hint(format!("did you mean `{k}`?")),
                (None, None) => d.with_hint(format!("known fields: {}", self.known.join(", "))),
            };
            self.diags.push(d);
            out.insert(e.key.clone(), e.value.clone());
        }
        out
    }

    fn required_text(&mut self, key: &str, hint: &str) -> String {
        match self.string(key) {
            Some(t) if !t.trim().is_empty() => t.trim().to_string(),
            _ => {
                let (line, col) = self.entry(key).map_or((1, 1), |e| (e.line, e.col));
                let what = if self.entry(key).is_some() {
                    "is empty"
                } else {
                    "is missing"
                };
                self.diags.push(
                    Diagnostic::error(format!("`{key}` {what}; every file here needs one"))
                        .at(self.path, self.src, line, col)
                        .with_hint(hint.to_string()),
                );
                String::new()
            }
        }
    }

    fn positions(&self) -> std::collections::BTreeMap<String, (usize, usize)> {
        self.entries
            .iter()
            .map(|e| (e.key.clone(), (e.line, e.col)))
            .collect()
    }

    fn finish<T>(mut self, value: T) -> (Option<T>, Vec<Diagnostic>) {
        let ok = !self.diags.iter().any(Diagnostic::is_error);
        if self.toml {
            for d in &mut self.diags {
                if let Some(h) = &d.hint {
                    d.hint = Some(crate::toml_matter::hint(h));
                }
            }
        }
        (ok.then_some(value), self.diags)
    }
}

/// "a, b" → ["a", "b"]; a lone name stays one item.
fn split_names(s: &str) -> Vec<String> {
    s.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// Typed front matter of one source, owned so it can outlive the source text.
#[derive(Debug, Clone)]
pub enum Meta {
    /// Shared with the model's stories, so a rebuild does not copy it.
    Story(Arc<StoryMeta>),
    Partner(PartnerMeta),
    Page(PageMeta),
}

/// The keys cerita reads in the front matter of a kind of file (what
/// `cms::fields` describes for editors).
pub fn keys(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Story => STORY_KEYS,
        Kind::Partner => PARTNER_KEYS,
        Kind::Page => PAGE_KEYS,
    }
}

/// The front-matter stage's result for one file.
#[derive(Debug, Clone)]
pub struct ParsedSource {
    /// `None` when the front matter has errors (in `diagnostics`).
    pub meta: Option<Meta>,
    pub body_offset: usize,
    pub diagnostics: Vec<Diagnostic>,
}

impl Meta {
    /// The title the page shows: a story's or page's `title`, a partner's
    /// `name`.
    pub fn title(&self) -> &str {
        match self {
            Meta::Story(m) => &m.title,
            Meta::Partner(m) => &m.name,
            Meta::Page(m) => &m.title,
        }
    }
}

impl ParsedSource {
    /// The title and cover the page shows above the body; empty when the
    /// front matter has errors.
    pub fn above(&self) -> crate::markdown::Above<'_> {
        crate::markdown::Above {
            title: self.meta.as_ref().map_or("", Meta::title),
            cover: match &self.meta {
                Some(Meta::Story(m)) => m.image.as_deref().unwrap_or(""),
                _ => "",
            },
        }
    }
}

/// [`parse`], with the dates written without a zone read on `zone`'s clock
/// (the site's `time_zone`).
pub fn parse_in(src: &Source, zone: &crate::text::Zone) -> ParsedSource {
    let mut parsed = parse(src);
    if zone.is_utc() {
        return parsed;
    }
    if let Some(Meta::Story(m)) = &mut parsed.meta {
        if m.date.is_some_and(|d| d.floating) || m.updated.is_some_and(|d| d.floating) {
            let m = Arc::make_mut(m);
            m.date = m.date.map(|d| d.in_zone(zone));
            m.updated = m.updated.map(|d| d.in_zone(zone));
        }
    }
    parsed
}

/// Reads one source's front matter as what its folder says it is.
pub fn parse(src: &Source) -> ParsedSource {
    let split = match split(&src.path, &src.text) {
        Ok(s) => s,
        Err(d) => {
            return ParsedSource {
                meta: None,
                body_offset: 0,
                diagnostics: vec![d],
            };
        }
    };
    let (meta, diagnostics) = match src.kind {
        Kind::Story => {
            let (m, d) = story(&src.path, &src.text, &split);
            (m.map(|m| Meta::Story(Arc::new(m))), d)
        }
        Kind::Partner => {
            let (m, d) = partner(&src.path, &src.text, &split);
            (m.map(Meta::Partner), d)
        }
        Kind::Page => {
            let (m, d) = page(&src.path, &src.text, &split);
            (m.map(Meta::Page), d)
        }
    };
    ParsedSource {
        meta,
        body_offset: split.body_offset,
        diagnostics,
    }
}

/// Reads a story's front matter. `None` means at least one error was pushed.
pub fn story(path: &Path, src: &str, split: &Split<'_>) -> (Option<StoryMeta>, Vec<Diagnostic>) {
    let mut r = match Reader::new(path, src, split, STORY_KEYS) {
        Ok(r) => r,
        Err(d) => return (None, d),
    };
    let title = r.required_text(
        "title",
        "add `title: \"Judul cerita\"` between the `---` lines",
    );
    let (slug, slug_pos) = r.slug("slug");
    let meta = StoryMeta {
        title,
        date: r.date("date"),
        updated: r.updated(),
        summary: r.summary(),
        authors: r.authors(),
        partners: r.list("partners"),
        tags: r.tags(),
        regions: r.list("region"),
        lang: r.file_lang(),
        slug,
        draft: r.bool("draft"),
        image: r.string("image"),
        image_alt: r.string("image_alt"),
        translation_key: r.translation_key(),
        aliases: r.list("aliases"),
        extra: r.map("extra"),
        unknown: r.unknown(),
        title_line: split.yaml_line,
        slug_pos,
        positions: r.positions(),
    };
    let meta = match (meta.date, r.entry("date"), date_in_name(path)) {
        // No `date:`: a Jekyll post's file name gives it.
        (None, None, Some(date)) => StoryMeta {
            date: Some(date),
            ..meta
        },
        _ => meta,
    };
    r.finish(meta)
}

/// The date a Jekyll post's file name starts with (`2021-04-12-rapat.md`).
fn date_in_name(path: &Path) -> Option<StoryDate> {
    let name = path.file_name()?.to_str()?;
    let (date, rest) = (name.get(..10)?, name.get(10..)?);
    let dashes = date.bytes().enumerate().all(|(i, b)| {
        if i == 4 || i == 7 {
            b == b'-'
        } else {
            b.is_ascii_digit()
        }
    });
    (dashes && rest.starts_with('-') && rest.len() > 4)
        .then(|| StoryDate::parse(date))
        .flatten()
}

pub fn partner(
    path: &Path,
    src: &str,
    split: &Split<'_>,
) -> (Option<PartnerMeta>, Vec<Diagnostic>) {
    let mut r = match Reader::new(path, src, split, PARTNER_KEYS) {
        Ok(r) => r,
        Err(d) => return (None, d),
    };
    let (redirects, aliases): (Vec<String>, Vec<String>) =
        r.list("aliases").into_iter().partition(|a| is_address(a));
    // A profile moved in from Hugo, Zola or Jekyll names its organisation
    // `title:`: one error at that line, with the rename, rather than "no
    // name" and "unknown field" apart.
    let titled = match (r.entry("name"), r.entry("title")) {
        (None, Some(t)) => Some(t.clone()),
        _ => None,
    };
    let name = match &titled {
        Some(t) => {
            let shown = match &t.value {
                Value::String(v) => crate::yaml::quote(v.trim()),
                _ => "Nama Organisasi".to_string(),
            };
            r.err(
                t,
                "a partner profile names its organisation with `name:`, not `title:`".into(),
                &format!("rename the field: `name: {shown}`"),
            );
            r.entries.retain(|e| e.key != "title");
            String::new()
        }
        None => r.required_text(
            "name",
            "add `name: Nama Organisasi` between the `---` lines",
        ),
    };
    let meta = PartnerMeta {
        name,
        website: r.string("website"),
        region: r.string("region"),
        logo: r.string("logo"),
        aliases,
        redirects,
        translation_key: r.translation_key(),
        draft: r.bool("draft"),
        extra: r.map("extra"),
        unknown: r.unknown(),
        positions: r.positions(),
    };
    r.finish(meta)
}

pub fn page(path: &Path, src: &str, split: &Split<'_>) -> (Option<PageMeta>, Vec<Diagnostic>) {
    let mut r = match Reader::new(path, src, split, PAGE_KEYS) {
        Ok(r) => r,
        Err(d) => return (None, d),
    };
    let title = r.required_text(
        "title",
        "add `title: \"Judul halaman\"` between the `---` lines",
    );
    let (slug, _) = r.slug("slug");
    let meta = PageMeta {
        title,
        slug,
        lang: r.file_lang(),
        summary: r.summary(),
        draft: r.bool("draft"),
        translation_key: r.translation_key(),
        aliases: r.list("aliases"),
        extra: r.map("extra"),
        unknown: r.unknown(),
        positions: r.positions(),
    };
    r.finish(meta)
}

/// What cerita does instead of a field other generators and their themes
/// read (Hugo, Jekyll, Zola, WordPress exports), for the unknown-field
/// warning: such a field is common to every file of a site moved in, and
/// the closest known name would mislead.
fn foreign_hint(key: &str) -> Option<&'static str> {
    Some(match key.to_ascii_lowercase().replace('-', "_").as_str() {
        "url" | "permalink" => {
            "cerita makes the address from the file name or `slug:` (`/stories/<slug>/`); to keep an old address working, list it under `aliases:` as readers knew it (`/2021/04/12/judul/`, not a pattern with `:year`)"
        }
        "weight" | "order" | "sort" | "position" => {
            "stories are listed by `date`, newest first; the field is kept for templates but orders nothing"
        }
        "layout" | "type" | "template" => {
            "what a file is (story, page, partner profile) comes from its folder under `content/`, and that picks its template; the field is kept for templates"
        }
        "featured_image" | "featuredimage" | "thumbnail" | "cover" | "cover_image" | "banner"
        | "hero" | "feature_image" | "og_image" | "header_image" => {
            "the cover photo is `image:` (a file beside the story), described by `image_alt:`"
        }
        "toc" | "showtoc" | "show_toc" | "tocopen" => {
            "a story with three or more top-level headings shows a table of contents by itself; the field is kept for templates"
        }
        "keywords" => "topics are `tags:`",
        "menu" | "menus" => "every page under `content/pages/` is in the site's menu",
        _ => return None,
    })
}

const UNKNOWN: &str = "unknown field `";
const UNKNOWN_END: &str = "` (kept and available to templates)";

/// One warning per unknown field for the whole site, at its first file,
/// saying how many files have it: a site moved in from another generator
/// may carry the same foreign field in every file.
pub fn fold_unknown_fields(diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let key_of = |d: &Diagnostic| -> Option<String> {
        if d.is_error() {
            return None;
        }
        let rest = d.message.strip_prefix(UNKNOWN)?;
        rest.strip_suffix(UNKNOWN_END).map(str::to_string)
    };
    let mut first: std::collections::HashMap<String, (usize, usize)> = Default::default();
    let mut out: Vec<Diagnostic> = Vec::with_capacity(diags.len());
    for d in diags {
        match key_of(&d) {
            Some(key) => match first.get_mut(&key) {
                Some((_, n)) => *n += 1,
                None => {
                    first.insert(key, (out.len(), 1));
                    out.push(d);
                }
            },
            None => out.push(d),
        }
    }
    for (key, (i, n)) in first {
        if n > 1 {
            if let Some(d) = out.get_mut(i) {
                d.message = format!("{UNKNOWN}{key}{UNKNOWN_END}; {n} files have it");
            }
        }
    }
    out
}

/// An alias that is an old address rather than another spelling of a name.
pub fn is_address(alias: &str) -> bool {
    let a = alias.trim();
    a.starts_with('/') || a.starts_with("http://") || a.starts_with("https://")
}

/// What to write for a field that must be text but holds `value`: a map
/// that names its file or address (`image: {src: /images/x.jpg, alt: …}`,
/// as web editors' object fields and some themes write a cover) gives
/// that as the field's text, and its description as `image_alt`.
fn text_hint(key: &str, value: &Value) -> String {
    let text = |k: &str| {
        value
            .get(k)
            .and_then(Value::as_str)
            .filter(|s| !s.trim().is_empty())
    };
    match ["src", "url", "path", "file"].iter().find_map(|k| text(k)) {
        Some(v) => {
            let mut hint = format!("write the address as its text: `{key}: {}`", yaml::quote(v));
            if key == "image" {
                if let Some(alt) = text("alt") {
                    hint.push_str(&format!(", and `image_alt: {}`", yaml::quote(alt)));
                }
            }
            hint
        }
        None => format!("write it on one line, e.g. `{key}: \"…\"`"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("content/stories/a.md")
    }

    #[test]
    fn splits_with_crlf() {
        let src = "---\r\ntitle: Halo\r\n---\r\nIsi\r\n";
        let s = split(p(), src).unwrap();
        assert_eq!(s.yaml, "title: Halo\r\n");
        assert_eq!(s.body, "Isi\r\n");
    }

    #[test]
    fn missing_and_unclosed_fences() {
        assert!(
            split(p(), "title: x\n")
                .unwrap_err()
                .message
                .contains("does not start")
        );
        assert!(split(p(), "").unwrap_err().message.contains("empty"));
        assert!(
            split(p(), "---\ntitle: x\n")
                .unwrap_err()
                .message
                .contains("never closed")
        );
    }

    /// Blank lines before the opening fence are let be (Zola's and Hugo's
    /// files may start with one); fields and errors keep their own lines.
    #[test]
    fn blank_lines_before_the_front_matter() {
        let src = "\n  \n+++\ntitle = \"Halo\"\n+++\nIsi\n";
        let s = split(p(), src).unwrap();
        assert!(s.toml);
        assert_eq!(
            (s.yaml, s.yaml_line, s.body),
            ("title = \"Halo\"\n", 4, "Isi\n")
        );
        let src = "\n---\ntitle: Halo\ndate: kemarin\n---\nIsi\n";
        let s = split(p(), src).unwrap();
        let (meta, diags) = story(p(), src, &s);
        assert!(meta.is_none());
        assert_eq!(diags[0].line, Some(4), "{diags:?}");
        let err = split(p(), "\n\nJudul\n").unwrap_err();
        assert_eq!(
            (err.line, err.message.contains("does not start")),
            (Some(3), true)
        );
        assert_eq!(split(p(), "\n\n---\ntitle: x\n").unwrap_err().line, Some(3));
        assert!(split(p(), "\n \n").unwrap_err().message.contains("empty"));
    }

    #[test]
    fn story_fields_and_errors() {
        let src = "---\ntitle: Halo\ntags: 5\ndate: kemarin\ndraft: maybe\ntitel: x\n---\nbody\n";
        let s = split(p(), src).unwrap();
        let (meta, diags) = story(p(), src, &s);
        assert!(meta.is_none());
        let lines: Vec<_> = diags.iter().map(|d| (d.line, d.is_error())).collect();
        assert!(lines.contains(&(Some(3), true)), "{diags:?}");
        assert!(lines.contains(&(Some(4), true)));
        assert!(lines.contains(&(Some(5), true)));
        let warn = diags.iter().find(|d| !d.is_error()).unwrap();
        assert_eq!(warn.line, Some(6));
        assert!(warn.hint.as_deref().unwrap().contains("title"));
    }

    /// Fields other generators read get what cerita does instead, not the
    /// closest known name (`weight` is not a misspelt `region`).
    #[test]
    fn other_generators_fields_say_what_cerita_does_instead() {
        let src = "---\ntitle: a\nweight: 3\nurl: /2019/05/rapat/\nfeatured_image: a.jpg\nlayout: post\ntitel: x\n---\n";
        let s = split(p(), src).unwrap();
        let (meta, diags) = story(p(), src, &s);
        assert!(meta.is_some());
        let hint = |line: usize| {
            diags
                .iter()
                .find(|d| d.line == Some(line))
                .and_then(|d| d.hint.clone())
                .unwrap_or_default()
        };
        assert!(hint(3).contains("listed by `date`"), "{diags:?}");
        assert!(hint(4).contains("`aliases:`"), "{diags:?}");
        assert!(hint(5).contains("`image:`"), "{diags:?}");
        assert!(hint(6).contains("its folder"), "{diags:?}");
        assert_eq!(hint(7), "did you mean `title`?");
    }

    #[test]
    fn missing_title() {
        let src = "---\ndate: 2021-01-01\n---\n";
        let s = split(p(), src).unwrap();
        let (meta, diags) = story(p(), src, &s);
        assert!(meta.is_none());
        assert!(diags[0].message.contains("`title` is missing"));
    }

    /// A cover written as a map (a web editor's object field, a theme's
    /// `image: {src, alt}`) is an error whose hint gives the text to write.
    #[test]
    fn an_image_map_hint_gives_its_address() {
        let hint = |image: &str| {
            let src = format!("---\ntitle: a\nimage:\n{image}---\n");
            let s = split(p(), &src).unwrap();
            let (meta, diags) = story(p(), &src, &s);
            assert!(meta.is_none());
            assert!(
                diags[0].message.contains("`image` must be text"),
                "{diags:?}"
            );
            assert_eq!(diags[0].line, Some(3));
            diags[0].hint.clone().unwrap()
        };
        assert_eq!(
            hint("  src: https://ucarecdn.com/f22a/elle.jpg\n"),
            "write the address as its text: `image: \"https://ucarecdn.com/f22a/elle.jpg\"`"
        );
        assert_eq!(
            hint("  src: /images/uploads/color.jpg\n  alt: Palet warna\n"),
            "write the address as its text: `image: \"/images/uploads/color.jpg\"`, and `image_alt: \"Palet warna\"`"
        );
        assert_eq!(
            hint("  darken: true\n"),
            "write it on one line, e.g. `image: \"…\"`"
        );
    }

    #[test]
    fn region_accepts_text_or_list() {
        let src = "---\ntitle: a\nregion: Yogyakarta\npartners: [HAPSARI, JATAM]\n---\n";
        let s = split(p(), src).unwrap();
        let (meta, _) = story(p(), src, &s);
        let meta = meta.unwrap();
        assert_eq!(meta.regions, ["Yogyakarta"]);
        assert_eq!(meta.partners, ["HAPSARI", "JATAM"]);
    }
}
