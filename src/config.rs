//! `cerita.yaml` → a typed, validated [`Config`].
//!
//! Unknown keys are errors (a misspelt `paginte:` would otherwise be silently
//! ignored); each names its line and the closest valid key.

use std::path::Path;

use serde_json::{Map, Value};

use crate::error::Diagnostic;
use crate::lang::Lang;
use crate::text::closest;
use crate::yaml;

/// What happens to raw HTML written inside Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HtmlPolicy {
    /// Sanitised: ordinary formatting kept, scripts and handlers dropped.
    Safe,
    /// Passed through unchanged (only for sites whose writers are all trusted).
    Trusted,
}

/// A language the site publishes in, and what its pages call the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    pub lang: Lang,
    /// The language's name in itself, for the language switcher.
    pub name: String,
    pub title: String,
    pub description: String,
    pub author: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    /// Absolute, always ending in `/`.
    pub base_url: String,
    /// The path part of `base_url`: `/` or `/sub/path/`.
    pub base_path: String,
    /// The default language, published at the site root.
    pub language: Lang,
    /// Every other language the site publishes in (`languages:`), in the
    /// order written; `None` without the key: a site in one language, whose
    /// stories may still say `lang: en`, as before languages were declared.
    pub languages: Option<Vec<Language>>,
    pub description: String,
    pub theme: String,
    pub paginate: usize,
    pub author: Option<String>,
    pub html: HtmlPolicy,
    pub highlight: bool,
    /// `markdown.hard_breaks`: a line break in a paragraph is kept.
    pub hard_breaks: bool,
    /// Entries in each Atom feed.
    pub feed_limit: usize,
    /// `time_zone:`: the clock dates without a zone are read on.
    pub time_zone: crate::text::Zone,
    pub images: ImageConfig,
    /// `offline:`: the service worker that keeps stories for reading
    /// without a connection.
    pub offline: OfflineConfig,
    pub extra: Map<String, Value>,
}

/// `offline:` in `cerita.yaml`: `true`/`false`, or a map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfflineConfig {
    /// Pages register the worker; `false` deploys one that removes itself.
    pub enabled: bool,
    /// Megabytes the worker may keep of pages read (stories a reader saved
    /// are kept apart, until removed).
    pub budget_mb: u32,
}

impl Default for OfflineConfig {
    fn default() -> Self {
        OfflineConfig {
            enabled: true,
            budget_mb: 20,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "cerita".into(),
            base_url: "http://localhost:1111/".into(),
            base_path: "/".into(),
            language: Lang::ID,
            languages: None,
            description: String::new(),
            theme: "default".into(),
            paginate: 10,
            author: None,
            html: HtmlPolicy::Safe,
            highlight: true,
            hard_breaks: false,
            feed_limit: 20,
            time_zone: crate::text::Zone::default(),
            images: ImageConfig::default(),
            offline: OfflineConfig::default(),
            extra: Map::new(),
        }
    }
}

const KEYS: &[&str] = &[
    "title",
    "base_url",
    "language",
    "languages",
    "description",
    "theme",
    "paginate",
    "author",
    "markdown",
    "images",
    "feed_limit",
    "time_zone",
    "offline",
    "extra",
];
const MARKDOWN_KEYS: &[&str] = &["html", "highlight", "hard_breaks"];
const LANGUAGE_KEYS: &[&str] = &["title", "description", "author", "name"];
const IMAGE_KEYS: &[&str] = &["widths", "quality", "webp", "avif"];

/// `images:` in `cerita.yaml`: how photos are resized.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageConfig {
    /// `false` with `cerita build --no-images`: originals are copied as they are.
    pub enabled: bool,
    /// Widths in pixels to write (never wider than the original).
    pub widths: Vec<u32>,
    /// JPEG and WebP quality, 1–100.
    pub quality: u8,
    /// Also write WebP versions.
    pub webp: bool,
    /// Also write AVIF versions (off by default: about a second of encoding
    /// per photo, see BENCHMARKS.md).
    pub avif: bool,
}

impl Default for ImageConfig {
    fn default() -> Self {
        ImageConfig {
            enabled: true,
            widths: vec![480, 672, 1008, 1344],
            quality: 80,
            webp: true,
            avif: false,
        }
    }
}

/// Splits a base URL into its normalised form and path; `None` when it is not
/// an absolute http(s) URL.
pub fn normalise_base_url(url: &str) -> Option<(String, String)> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    if host.is_empty() || path.contains(['?', '#']) || host.contains(|c: char| c.is_whitespace()) {
        return None;
    }
    let mut path = path.to_string();
    if !path.ends_with('/') {
        path.push('/');
    }
    let scheme_len = url.len() - rest.len();
    Some((format!("{}{host}{path}", &url[..scheme_len]), path))
}

impl Config {
    /// Parses the text of `cerita.yaml`. All problems are returned together.
    pub fn parse(path: &Path, src: &str) -> Result<Config, Vec<Diagnostic>> {
        let entries = yaml::parse_mapping(src, 1).map_err(|e| {
            vec![Diagnostic::error(format!("invalid YAML: {}", e.message))
                .at(path, src, e.line, e.col)
                .with_hint(e.fix.as_deref().unwrap_or("cerita.yaml holds one `key: value` per line, e.g. `title: Cerita Komunitas`"))]
        })?;
        let mut config = Config::default();
        let mut diags = Vec::new();
        let mut has_title = false;
        let mut languages = None;
        for e in &entries {
            let err = |msg: String, hint: &str| {
                Diagnostic::error(msg)
                    .at(path, src, e.line, e.col)
                    .with_hint(hint)
            };
            let text = || match &e.value {
                Value::String(s) => Some(s.trim().to_string()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            };
            match e.key.as_str() {
                "title" => match text() {
                    Some(t) if !t.is_empty() => {
                        config.title = t;
                        has_title = true;
                    }
                    _ => diags.push(err("`title` must be the site's name".into(), "e.g. `title: Cerita Komunitas`")),
                },
                "base_url" => match text().as_deref().and_then(normalise_base_url) {
                    Some((url, base)) => {
                        config.base_url = url;
                        config.base_path = base;
                    }
                    None => diags.push(err(
                        "`base_url` must be an absolute http(s) URL".into(),
                        "e.g. `base_url: https://example.org/` or, under a sub-path, `https://example.org/cerita/`",
                    )),
                },
                "language" => match text().as_deref().and_then(Lang::parse) {
                    Some(l) => config.language = l,
                    None => diags.push(err("`language` must be a language tag".into(), "e.g. `language: id` for Bahasa Indonesia, `en`, `jv`, `pt-BR`")),
                },
                "languages" => languages = Some(e),
                "description" => config.description = text().unwrap_or_default(),
                "author" => config.author = text().filter(|t| !t.is_empty()),
                "theme" => match text() {
                    Some(t) if !t.is_empty() && !t.contains(['/', '\\']) && t != ".." && t != "." => config.theme = t,
                    _ => diags.push(err("`theme` must be a theme folder name under `themes/`".into(), "e.g. `theme: default`")),
                },
                "paginate" | "feed_limit" => match e.value.as_u64() {
                    Some(n) if (1..=10_000).contains(&n) => {
                        let n = usize::try_from(n).unwrap_or(10);
                        if e.key == "paginate" {
                            config.paginate = n;
                        } else {
                            config.feed_limit = n;
                        }
                    }
                    _ => diags.push(err(format!("`{}` must be a whole number from 1 to 10000", e.key), "e.g. `paginate: 10`")),
                },
                "time_zone" | "timezone" | "timeZone" => match text().as_deref().map(|t| (t, crate::text::Zone::parse(t))) {
                    Some((_, Some(zone))) => config.time_zone = zone,
                    given => {
                        let near = given.and_then(|(t, _)| crate::text::Zone::closest_name(t));
                        let hint = match near {
                            Some(name) => format!("did you mean `{name}`?"),
                            None => "e.g. `time_zone: Asia/Jakarta` (WIB), `Asia/Makassar` (WITA), `Asia/Jayapura` (WIT) or `+07:00`".into(),
                        };
                        diags.push(err(
                            format!("`{}` must be a time zone: its IANA name, WIB, WITA, WIT, or an offset from UTC", e.key),
                            &hint,
                        ));
                    }
                },
                "markdown" => match &e.value {
                    Value::Object(m) => {
                        for (k, v) in m {
                            match (k.as_str(), v) {
                                ("html", Value::String(s)) if s == "safe" => config.html = HtmlPolicy::Safe,
                                ("html", Value::String(s)) if s == "trusted" => config.html = HtmlPolicy::Trusted,
                                ("html", _) => diags.push(err("`markdown.html` must be `safe` or `trusted`".into(), "`safe` (the default) cleans raw HTML; `trusted` passes it through")),
                                ("highlight", Value::Bool(b)) => config.highlight = *b,
                                ("highlight", _) => diags.push(err("`markdown.highlight` must be true or false".into(), "e.g. `highlight: true`")),
                                ("hard_breaks", Value::Bool(b)) => config.hard_breaks = *b,
                                ("hard_breaks", _) => diags.push(err("`markdown.hard_breaks` must be true or false".into(), "`hard_breaks: true` keeps each line of a paragraph on its own line, as typed")),
                                (other, _) => {
                                    let hint = match closest(other, MARKDOWN_KEYS) {
                                        Some(k) => format!("did you mean `{k}`?"),
                                        None => format!("valid keys under `markdown`: {}", MARKDOWN_KEYS.join(", ")),
                                    };
                                    diags.push(err(format!("unknown key `markdown.{other}`"), &hint));
                                }
                            }
                        }
                    }
                    Value::Null => {}
                    _ => diags.push(err("`markdown` must be a map".into(), "e.g.\nmarkdown:\n  html: safe")),
                },
                "images" => match &e.value {
                    Value::Object(m) => {
                        for (k, v) in m {
                            match (k.as_str(), v) {
                                ("widths", Value::Array(list)) if !list.is_empty() && list.iter().all(|w| w.as_u64().is_some_and(|w| (16..=8192).contains(&w))) => {
                                    config.images.widths = list.iter().filter_map(Value::as_u64).map(|w| w as u32).collect();
                                }
                                ("widths", _) => diags.push(err("`images.widths` must be a list of widths in pixels, each from 16 to 8192".into(), "e.g. `widths: [480, 672, 1008, 1344]`")),
                                ("quality", v) if v.as_u64().is_some_and(|q| (1..=100).contains(&q)) => config.images.quality = v.as_u64().unwrap_or(80) as u8,
                                ("quality", _) => diags.push(err("`images.quality` must be a whole number from 1 to 100".into(), "e.g. `quality: 80`")),
                                ("webp", Value::Bool(b)) => config.images.webp = *b,
                                ("webp", _) => diags.push(err("`images.webp` must be true or false".into(), "e.g. `webp: true`")),
                                ("avif", Value::Bool(b)) => config.images.avif = *b,
                                ("avif", _) => diags.push(err("`images.avif` must be true or false".into(), "e.g. `avif: true`")),
                                (other, _) => {
                                    let hint = match closest(other, IMAGE_KEYS) {
                                        Some(k) => format!("did you mean `{k}`?"),
                                        None => format!("valid keys under `images`: {}", IMAGE_KEYS.join(", ")),
                                    };
                                    diags.push(err(format!("unknown key `images.{other}`"), &hint));
                                }
                            }
                        }
                    }
                    Value::Null => {}
                    _ => diags.push(err("`images` must be a map".into(), "e.g.\nimages:\n  widths: [480, 672, 1008, 1344]")),
                },
                "offline" => match &e.value {
                    Value::Bool(b) => config.offline.enabled = *b,
                    Value::Object(m) => {
                        for (k, v) in m {
                            match (k.as_str(), v) {
                                ("enabled", Value::Bool(b)) => config.offline.enabled = *b,
                                ("budget_mb", v) if v.as_u64().is_some_and(|n| (1..=500).contains(&n)) => {
                                    config.offline.budget_mb = v.as_u64().unwrap_or(20) as u32
                                }
                                ("budget_mb", _) => diags.push(err("`offline.budget_mb` must be a number of megabytes from 1 to 500".into(), "e.g. `budget_mb: 20`")),
                                (other, _) => diags.push(err(format!("unknown key `offline.{other}`"), "valid keys under `offline`: enabled, budget_mb")),
                            }
                        }
                    }
                    _ => diags.push(err("`offline` must be true, false, or a map with `enabled` and `budget_mb`".into(), "e.g. `offline: false` to remove the offline reading worker")),
                },
                "extra" => match &e.value {
                    Value::Object(m) => config.extra = m.clone(),
                    Value::Null => {}
                    _ => diags.push(err("`extra` must be a map of `name: value` pairs".into(), "indent the fields under `extra:` by two spaces")),
                },
                other => {
                    let hint = match closest(other, KEYS) {
                        Some(k) => format!("did you mean `{k}`? (site-specific values go under `extra:`)"),
                        None => format!("valid keys: {}; site-specific values go under `extra:`", KEYS.join(", ")),
                    };
                    diags.push(Diagnostic::error(format!("unknown key `{other}`")).at(path, src, e.line, 1).with_hint(hint));
                }
            }
        }
        if let Some(e) = languages {
            config.languages = Some(parse_languages(path, src, e, &config, &mut diags));
        }
        if !has_title && diags.is_empty() {
            diags.push(
                Diagnostic::error("`title` is missing")
                    .at(path, src, 1, 1)
                    .with_hint("add `title: Nama Situs`"),
            );
        }
        if diags.is_empty() {
            Ok(config)
        } else {
            Err(diags)
        }
    }

    /// Every language the site publishes in, the default first.
    pub fn site_languages(&self) -> Vec<Language> {
        let default = Language {
            lang: self.language,
            name: self.language.name().to_string(),
            title: self.title.clone(),
            description: self.description.clone(),
            author: self.author.clone(),
        };
        std::iter::once(default)
            .chain(self.languages.iter().flatten().cloned())
            .collect()
    }

    /// What `lang` may name in front matter: the declared languages; in a
    /// site without `languages:`, its language, Indonesian and English.
    pub fn known_langs(&self) -> Vec<Lang> {
        match &self.languages {
            Some(list) => std::iter::once(self.language)
                .chain(list.iter().map(|l| l.lang))
                .collect(),
            None => {
                let mut v = vec![self.language];
                for l in [Lang::ID, Lang::EN] {
                    if !v.contains(&l) {
                        v.push(l);
                    }
                }
                v
            }
        }
    }

    /// Site-relative path (`stories/x/`) → root-relative URL (`/base/stories/x/`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_path, path.trim_start_matches('/'))
    }

    /// Site-relative path → absolute URL.
    pub fn permalink(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path.trim_start_matches('/'))
    }
}

/// `languages:`: each other language's tag, with its `title`,
/// `description`, `author` and `name` (each defaulting to the site's or the
/// language's own name).
fn parse_languages(
    path: &Path,
    src: &str,
    e: &yaml::Entry,
    config: &Config,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Language> {
    let at = |key: &str| nested_line(src, e.line, key).unwrap_or(e.line);
    let mut err = |line: usize, msg: String, hint: String| {
        diags.push(
            Diagnostic::error(msg)
                .at(path, src, line, 1)
                .with_hint(hint),
        );
    };
    // A map of tags to their titles, or a list of tags (`[id, en]`), which
    // may name the default language too: what the site is written in.
    let listed = matches!(e.value, Value::Array(_));
    let entries: Vec<(String, Value, usize)> = match &e.value {
        Value::Object(m) => m
            .iter()
            .map(|(tag, v)| (tag.clone(), v.clone(), at(tag)))
            .collect(),
        Value::Array(items) if items.iter().all(Value::is_string) => items
            .iter()
            .filter_map(Value::as_str)
            .map(|tag| {
                let line = item_line(src, e.line, tag).unwrap_or(e.line);
                (tag.to_string(), Value::Null, line)
            })
            .collect(),
        Value::Null => return Vec::new(),
        _ => {
            err(
                e.line,
                "`languages` must be a map of language tags, or a list of them".into(),
                "e.g.\nlanguages:\n  en: { title: \"Community Stories\" }\nor `languages: [id, en]`".into(),
            );
            return Vec::new();
        }
    };
    let mut out: Vec<(usize, Language)> = Vec::new();
    for (tag, value, line) in &entries {
        let (tag, line) = (tag.as_str(), *line);
        let Some(lang) = Lang::parse(tag) else {
            err(
                line,
                format!("`{tag}` is not a language tag"),
                "use a BCP 47 tag, e.g. `en`, `jv`, `sas`, `pt-BR`".into(),
            );
            continue;
        };
        if lang == config.language && listed {
            continue;
        }
        if lang == config.language {
            err(line, format!("`{tag}` is the default language"), "the default language is set by `language:` and its title by `title:`; list only the others under `languages:`".into());
            continue;
        }
        if out.iter().any(|(_, l)| l.lang == lang) {
            err(
                line,
                format!("`{tag}` is listed twice under `languages`"),
                "keep one entry per language".into(),
            );
            continue;
        }
        let mut language = Language {
            lang,
            name: lang.name().to_string(),
            title: config.title.clone(),
            description: config.description.clone(),
            author: config.author.clone(),
        };
        let fields = match value {
            Value::Object(m) => m.clone(),
            Value::Null => serde_json::Map::new(),
            _ => {
                err(
                    line,
                    format!("`languages.{tag}` must be a map"),
                    format!("e.g. `{tag}: {{ title: \"…\" }}`"),
                );
                continue;
            }
        };
        for (k, v) in &fields {
            let text = match v {
                Value::String(s) => s.trim().to_string(),
                Value::Number(n) => n.to_string(),
                _ => {
                    err(
                        line,
                        format!("`languages.{tag}.{k}` must be text"),
                        format!("e.g. `{k}: \"…\"`"),
                    );
                    continue;
                }
            };
            match k.as_str() {
                "title" if !text.is_empty() => language.title = text,
                "description" => language.description = text,
                "author" => language.author = Some(text).filter(|t| !t.is_empty()),
                "name" if !text.is_empty() => language.name = text,
                "title" | "name" => err(
                    line,
                    format!("`languages.{tag}.{k}` is empty"),
                    format!("give the {k} in {}, or leave the key out", lang.name()),
                ),
                other => {
                    let hint = match closest(other, LANGUAGE_KEYS) {
                        Some(k) => format!("did you mean `{k}`?"),
                        None => format!("valid keys: {}", LANGUAGE_KEYS.join(", ")),
                    };
                    err(line, format!("unknown key `languages.{tag}.{other}`"), hint);
                }
            }
        }
        out.push((line, language));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.lang.cmp(&b.1.lang)));
    out.into_iter().map(|(_, l)| l).collect()
}

/// The line of the list item `- tag` under the top-level key on line
/// `parent`.
fn item_line(src: &str, parent: usize, tag: &str) -> Option<usize> {
    for (i, line) in src.lines().enumerate().skip(parent) {
        let trimmed = line.trim_start();
        let item = trimmed.strip_prefix('-');
        if !line.starts_with([' ', '\t'])
            && item.is_none()
            && !trimmed.is_empty()
            && !trimmed.starts_with('#')
        {
            return None;
        }
        let value = item.unwrap_or("").trim().trim_matches(['"', '\'']);
        if value == tag {
            return Some(i + 1);
        }
    }
    None
}

/// The line of `key:` nested under the top-level key on line `parent` (the
/// YAML reader gives positions of top-level keys only).
fn nested_line(src: &str, parent: usize, key: &str) -> Option<usize> {
    for (i, line) in src.lines().enumerate().skip(parent) {
        let trimmed = line.trim_start();
        if !line.starts_with([' ', '\t']) && !trimmed.is_empty() && !trimmed.starts_with('#') {
            return None;
        }
        let name = trimmed.trim_matches(|c| c == '"' || c == '\'');
        if trimmed.starts_with(key) || name.starts_with(key) {
            let rest = trimmed
                .trim_start_matches(['"', '\''])
                .get(key.len()..)
                .unwrap_or("")
                .trim_start_matches(['"', '\'']);
            if rest.starts_with(':') {
                return Some(i + 1);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_sub_path_base_url() {
        let c = Config::parse(
            Path::new("cerita.yaml"),
            "title: T\nbase_url: https://example.org/cerita\n",
        )
        .unwrap();
        assert_eq!(c.base_url, "https://example.org/cerita/");
        assert_eq!(c.base_path, "/cerita/");
        assert_eq!(c.url("stories/a/"), "/cerita/stories/a/");
        assert_eq!(c.paginate, 10);
    }

    #[test]
    fn languages_are_read_with_their_titles_and_checked() {
        let src = "title: Cerita\nlanguage: id\nlanguages:\n  jv: { title: Crita }\n  en:\n    title: Stories\n    description: About\n";
        let c = Config::parse(Path::new("cerita.yaml"), src).unwrap();
        let langs = c.site_languages();
        let codes: Vec<&str> = langs.iter().map(|l| l.lang.code()).collect();
        assert_eq!(codes, ["id", "jv", "en"]);
        assert_eq!(langs[1].title, "Crita");
        assert_eq!(langs[1].name, "Basa Jawa");
        assert_eq!(langs[2].description, "About");
        assert_eq!(c.known_langs().len(), 3);
        // Without `languages:`, Indonesian and English as before.
        let one = Config::parse(Path::new("cerita.yaml"), "title: T\nlanguage: jv\n").unwrap();
        assert!(one.languages.is_none());
        assert_eq!(
            one.known_langs(),
            [Lang::parse("jv").unwrap(), Lang::ID, Lang::EN]
        );

        // A list of tags, the default language among them or not.
        for src in [
            "title: Cerita\nlanguage: id\nlanguages: [id, en, jv]\n",
            "title: Cerita\nlanguage: id\nlanguages:\n- en\n- \"jv\"\n",
        ] {
            let c = Config::parse(Path::new("cerita.yaml"), src).unwrap();
            let codes: Vec<&str> = c.site_languages().iter().map(|l| l.lang.code()).collect();
            assert_eq!(codes, ["id", "en", "jv"], "{src}");
            assert_eq!(c.site_languages()[1].title, "Cerita");
        }
        let err = Config::parse(
            Path::new("cerita.yaml"),
            "title: T\nlanguage: id\nlanguages:\n  - en\n  - inggris_x\n  - en\n",
        )
        .unwrap_err();
        let found: Vec<(Option<usize>, &str)> =
            err.iter().map(|d| (d.line, d.message.as_str())).collect();
        assert_eq!(
            found,
            [
                (Some(5), "`inggris_x` is not a language tag"),
                (Some(4), "`en` is listed twice under `languages`"),
            ]
        );

        let bad = "title: T\nlanguage: id\nlanguages:\n  id: {}\n  e_n_x: {}\n  en: { titel: X }\n";
        let err = Config::parse(Path::new("cerita.yaml"), bad).unwrap_err();
        let found: Vec<(Option<usize>, &str)> =
            err.iter().map(|d| (d.line, d.message.as_str())).collect();
        assert_eq!(
            found,
            [
                (Some(5), "`e_n_x` is not a language tag"),
                (Some(6), "unknown key `languages.en.titel`"),
                (Some(4), "`id` is the default language"),
            ]
        );
    }

    #[test]
    fn unknown_key_names_line_and_suggestion() {
        let err = Config::parse(Path::new("cerita.yaml"), "title: T\npaginte: 5\n").unwrap_err();
        assert_eq!(err[0].line, Some(2));
        assert!(err[0].message.contains("paginte"));
        assert!(err[0].hint.as_deref().unwrap().contains("paginate"));
    }

    #[test]
    fn bad_values() {
        let err = Config::parse(
            Path::new("cerita.yaml"),
            "title: T\nbase_url: example.org\npaginate: nol\nlanguage: Bahasa Klingon\n",
        )
        .unwrap_err();
        assert_eq!(err.len(), 3);
    }
}
