//! `cerita.yaml` → a typed, validated [`Config`].
//!
//! Unknown keys are errors (a misspelt `paginte:` would otherwise be silently
//! ignored); each names its line and the closest valid key.

use std::path::Path;

use serde_json::{Map, Value};

use crate::error::Diagnostic;
use crate::text::closest;
use crate::yaml;

/// A content language with UI strings in the theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Id,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "id" | "id-id" | "ind" | "indonesia" | "bahasa indonesia" => Some(Lang::Id),
            "en" | "en-us" | "en-gb" | "eng" | "english" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    /// `og:locale`.
    pub fn locale(self) -> &'static str {
        match self {
            Lang::Id => "id_ID",
            Lang::En => "en_US",
        }
    }
}

/// What happens to raw HTML written inside Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HtmlPolicy {
    /// Sanitised: ordinary formatting kept, scripts and handlers dropped.
    Safe,
    /// Passed through unchanged (only for sites whose writers are all trusted).
    Trusted,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    /// Absolute, always ending in `/`.
    pub base_url: String,
    /// The path part of `base_url`: `/` or `/sub/path/`.
    pub base_path: String,
    pub language: Lang,
    pub description: String,
    pub theme: String,
    pub paginate: usize,
    pub author: Option<String>,
    pub html: HtmlPolicy,
    pub highlight: bool,
    /// Entries in each Atom feed.
    pub feed_limit: usize,
    pub images: ImageConfig,
    pub extra: Map<String, Value>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "cerita".into(),
            base_url: "http://localhost:1111/".into(),
            base_path: "/".into(),
            language: Lang::Id,
            description: String::new(),
            theme: "default".into(),
            paginate: 10,
            author: None,
            html: HtmlPolicy::Safe,
            highlight: true,
            feed_limit: 20,
            images: ImageConfig::default(),
            extra: Map::new(),
        }
    }
}

const KEYS: &[&str] = &[
    "title",
    "base_url",
    "language",
    "description",
    "theme",
    "paginate",
    "author",
    "markdown",
    "images",
    "feed_limit",
    "extra",
];
const MARKDOWN_KEYS: &[&str] = &["html", "highlight"];
const IMAGE_KEYS: &[&str] = &["widths", "quality", "webp"];

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
}

impl Default for ImageConfig {
    fn default() -> Self {
        ImageConfig {
            enabled: true,
            widths: vec![480, 960, 1600],
            quality: 80,
            webp: true,
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
                .with_hint("cerita.yaml holds one `key: value` per line, e.g. `title: Cerita Komunitas`")]
        })?;
        let mut config = Config::default();
        let mut diags = Vec::new();
        let mut has_title = false;
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
                    None => diags.push(err("`language` must be `id` or `en`".into(), "use `language: id` for Bahasa Indonesia")),
                },
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
                "markdown" => match &e.value {
                    Value::Object(m) => {
                        for (k, v) in m {
                            match (k.as_str(), v) {
                                ("html", Value::String(s)) if s == "safe" => config.html = HtmlPolicy::Safe,
                                ("html", Value::String(s)) if s == "trusted" => config.html = HtmlPolicy::Trusted,
                                ("html", _) => diags.push(err("`markdown.html` must be `safe` or `trusted`".into(), "`safe` (the default) cleans raw HTML; `trusted` passes it through")),
                                ("highlight", Value::Bool(b)) => config.highlight = *b,
                                ("highlight", _) => diags.push(err("`markdown.highlight` must be true or false".into(), "e.g. `highlight: true`")),
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
                                ("widths", _) => diags.push(err("`images.widths` must be a list of widths in pixels, each from 16 to 8192".into(), "e.g. `widths: [480, 960, 1600]`")),
                                ("quality", v) if v.as_u64().is_some_and(|q| (1..=100).contains(&q)) => config.images.quality = v.as_u64().unwrap_or(80) as u8,
                                ("quality", _) => diags.push(err("`images.quality` must be a whole number from 1 to 100".into(), "e.g. `quality: 80`")),
                                ("webp", Value::Bool(b)) => config.images.webp = *b,
                                ("webp", _) => diags.push(err("`images.webp` must be true or false".into(), "e.g. `webp: true`")),
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
                    _ => diags.push(err("`images` must be a map".into(), "e.g.\nimages:\n  widths: [480, 960, 1600]")),
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

    /// Site-relative path (`stories/x/`) → root-relative URL (`/base/stories/x/`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_path, path.trim_start_matches('/'))
    }

    /// Site-relative path → absolute URL.
    pub fn permalink(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path.trim_start_matches('/'))
    }
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
            "title: T\nbase_url: example.org\npaginate: nol\nlanguage: fr\n",
        )
        .unwrap_err();
        assert_eq!(err.len(), 3);
    }
}
