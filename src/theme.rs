//! Themes: templates, static files and UI strings, and the Tera instance.
//!
//! The default theme is compiled into the binary, so a site without a
//! `themes/` folder builds. Files are layered, later layers winning file by
//! file: the built-in default → `themes/<theme>/` on disk → the site's own
//! `templates/` folder.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::{Map, Value};
use tera::Tera;

use crate::config::Config;
use crate::error::Diagnostic;
use crate::lang::Lang;

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../themes/default/templates/", $name)))),*]
    };
}

/// The default theme's templates, as compiled in.
const DEFAULT_TEMPLATES: &[(&str, &str)] = embedded!(
    "base.html",
    "macros.html",
    "partials/card.html",
    "partials/header.html",
    "partials/archive-row.html",
    "partials/archive-year.html",
    "index.html",
    "story.html",
    "page.html",
    "partners.html",
    "partner.html",
    "taxonomy.html",
    "term.html",
    "archive.html",
    "search.html",
    "404.html",
    "offline.html",
    "shortcodes/video.html",
    "shortcodes/audio.html",
    "shortcodes/gallery.html",
    "shortcodes/quote.html",
    "shortcodes/download.html",
    "shortcodes/figure.html",
);
const DEFAULT_STATIC: &[(&str, &[u8])] = &[
    (
        "style.css",
        include_bytes!("../themes/default/static/style.css"),
    ),
    (
        "syntax.css",
        include_bytes!("../themes/default/static/syntax.css"),
    ),
    (
        "search.js",
        include_bytes!("../themes/default/static/search.js"),
    ),
    (
        "story.js",
        include_bytes!("../themes/default/static/story.js"),
    ),
    (
        "offline.js",
        include_bytes!("../themes/default/static/offline.js"),
    ),
    (
        "favicon.svg",
        include_bytes!("../themes/default/static/favicon.svg"),
    ),
    (
        FAVICON_ICO,
        include_bytes!("../themes/default/static/favicon.ico"),
    ),
];

/// A theme's `static/favicon.ico` is written at the site's root, where
/// browsers ask for it on what has no `<link rel="icon">`: a photo or a
/// feed opened on its own. (Pages name `static/favicon.svg`.) The built-in
/// one is drawn from the built-in `favicon.svg`, and left out for a theme
/// with its own SVG icon and no `.ico`; a site's own `static/favicon.ico`
/// takes its place.
const FAVICON_ICO: &str = "favicon.ico";
/// The built-in scripts without comments and spaces (by a tokenizer that
/// knows strings and regular expressions): every byte counts on a metered
/// phone. The sources stay readable; the tests run the served file.
pub(crate) fn compact_js(name: &str, src: &'static [u8]) -> &'static [u8] {
    compacted(name, src, |text| minifier::js::minify(text).to_string())
}

/// The built-in stylesheets without comments and line breaks, each rule as
/// written: the sources keep their notes, readers' phones do not fetch them.
pub(crate) fn compact_css(name: &str, src: &'static [u8]) -> &'static [u8] {
    compacted(name, src, strip_css)
}

/// `compact(src)` with a line break after it, made once per file name.
fn compacted(name: &str, src: &'static [u8], compact: fn(&str) -> String) -> &'static [u8] {
    static CACHE: std::sync::OnceLock<std::sync::Mutex<HashMap<String, &'static [u8]>>> =
        std::sync::OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let Ok(mut map) = cache.lock() else {
        return src;
    };
    map.entry(name.to_string()).or_insert_with(|| {
        let out = compact(&String::from_utf8_lossy(src));
        Box::leak(format!("{out}\n").into_bytes().into_boxed_slice())
    })
}

/// `css` without `/* comments */`, and each line break gone after `{`,
/// `}`, `;` or `,` (a space elsewhere); quoted strings kept whole.
fn strip_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), _) => {
                out.push(c);
                if c == '\\' {
                    out.extend(chars.next());
                } else if c == q {
                    quote = None;
                }
            }
            (None, '"' | '\'') => {
                quote = Some(c);
                out.push(c);
            }
            (None, '/') if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for d in chars.by_ref() {
                    if last == '*' && d == '/' {
                        break;
                    }
                    last = d;
                }
            }
            (None, '\n' | '\r') => {
                let end = out.trim_end_matches([' ', '\t']).len();
                out.truncate(end);
                if !(out.is_empty() || out.ends_with(['{', '}', ';', ','])) {
                    out.push(' ');
                }
                while chars.peek().is_some_and(|d| matches!(d, ' ' | '\t')) {
                    chars.next();
                }
            }
            (None, _) => out.push(c),
        }
    }
    out.trim().to_string()
}

const DEFAULT_I18N: &str = include_str!("../themes/default/i18n.yaml");

/// Where a theme file came from (for messages).
#[derive(Debug, Clone)]
pub enum Origin {
    BuiltIn(&'static str),
    File(PathBuf),
}

impl Origin {
    pub fn display(&self) -> PathBuf {
        match self {
            Origin::BuiltIn(name) => PathBuf::from(format!("<built-in theme>/{name}")),
            Origin::File(p) => p.clone(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Template {
    pub name: String,
    pub source: String,
    pub origin: Origin,
}

/// A theme static file, copied under `/static/`.
#[derive(Debug, Clone)]
pub enum StaticFile {
    BuiltIn { out: String, data: &'static [u8] },
    File { out: String, src: PathBuf },
}

impl StaticFile {
    /// Where it is written, under the output folder.
    pub fn out(&self) -> &str {
        match self {
            StaticFile::BuiltIn { out, .. } | StaticFile::File { out, .. } => out,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Theme {
    pub templates: BTreeMap<String, Template>,
    pub statics: BTreeMap<String, StaticFile>,
    /// UI strings per language: every language of the site has a full set
    /// (missing strings filled in from the default language's).
    pub i18n: HashMap<Lang, Value>,
    /// Problems that do not stop a build (UI strings missing for a language).
    pub warnings: Vec<Diagnostic>,
    /// The UI strings each language lacks, with the text shown instead
    /// (`cerita strings` writes them out to translate).
    pub missing: HashMap<Lang, Vec<(String, String)>>,
    /// A version of each static file (output path → 8 hex digits of a hash
    /// of its bytes) that `url()` appends as `?v=`, so hosts may keep them
    /// for a year (`_headers`) and a changed file still reaches readers.
    pub versions: BTreeMap<String, String>,
}

impl Theme {
    /// `name` and every template it extends, imports or includes, recursively.
    pub fn dependencies(&self, name: &str) -> std::collections::BTreeSet<String> {
        let mut seen = std::collections::BTreeSet::new();
        let mut todo = vec![name.to_string()];
        while let Some(n) = todo.pop() {
            if !seen.insert(n.clone()) {
                continue;
            }
            if let Some(t) = self.templates.get(&n) {
                for r in referenced_templates(&t.source) {
                    if r == ANY_TEMPLATE {
                        todo.extend(self.templates.keys().cloned());
                    } else {
                        todo.push(r);
                    }
                }
            }
        }
        seen
    }
}

/// What [`referenced_templates`] gives for a partial whose name is not a
/// quoted string: it could be any template.
const ANY_TEMPLATE: &str = "*";

/// Template names in `{% extends %}`, `{% import %}` and `{% include %}` tags
/// and `partial(name="…")` calls.
fn referenced_templates(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = source;
    while let Some(i) = rest.find("partial(") {
        let own = !rest[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_');
        let args = &rest[i + "partial(".len()..];
        let end = args.find(')').unwrap_or(args.len());
        if own {
            out.push(quoted_arg(&args[..end], "name").unwrap_or_else(|| ANY_TEMPLATE.into()));
        }
        rest = &args[end..];
    }
    let mut rest = source;
    while let Some(start) = rest.find("{%") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("%}") else { break };
        let tag = after[..end].trim_start_matches('-').trim();
        if ["extends", "import", "include"]
            .iter()
            .any(|k| tag.starts_with(k))
        {
            // Every quoted string in the tag (include may list several).
            let mut parts = tag.split(['"', '\'']);
            parts.next();
            for (i, p) in parts.enumerate() {
                if i % 2 == 0 && !p.is_empty() {
                    out.push(p.to_string());
                }
            }
        }
        rest = &after[end + 2..];
    }
    out
}

/// The quoted value of `key=` in a call's arguments.
fn quoted_arg(args: &str, key: &str) -> Option<String> {
    let mut from = 0;
    while let Some(i) = args[from..].find(key).map(|i| i + from) {
        from = i + key.len();
        let before = args[..i].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let Some(value) = args[from..].trim_start().strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start();
        let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let inner = &value[1..];
        return inner.find(quote).map(|e| inner[..e].to_string());
    }
    None
}

/// Reads the theme layers for `config.theme`.
pub fn load(root: &Path, config: &Config) -> Result<Theme, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let mut templates: BTreeMap<String, Template> = DEFAULT_TEMPLATES
        .iter()
        .map(|(n, s)| {
            (
                n.to_string(),
                Template {
                    name: n.to_string(),
                    source: s.to_string(),
                    origin: Origin::BuiltIn(n),
                },
            )
        })
        .collect();
    let mut statics: BTreeMap<String, StaticFile> = DEFAULT_STATIC
        .iter()
        .map(|(n, d)| {
            (
                static_out(n),
                StaticFile::BuiltIn {
                    out: static_out(n),
                    data: if n.ends_with(".js") {
                        compact_js(n, d)
                    } else if n.ends_with(".css") {
                        compact_css(n, d)
                    } else {
                        d
                    },
                },
            )
        })
        .collect();
    let mut i18n_src: (String, PathBuf) = (
        DEFAULT_I18N.to_string(),
        PathBuf::from("<built-in theme>/i18n.yaml"),
    );

    let theme_dir = root.join("themes").join(&config.theme);
    if theme_dir.is_dir() {
        let rel = Path::new("themes").join(&config.theme);
        read_templates(
            &theme_dir.join("templates"),
            &rel.join("templates"),
            &mut templates,
            &mut diags,
        );
        let static_dir = theme_dir.join("static");
        for entry in walkdir::WalkDir::new(&static_dir)
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            if !entry.file_type().is_file()
                || crate::load::is_ignored_name(&entry.file_name().to_string_lossy())
            {
                continue;
            }
            if let Ok(r) = entry.path().strip_prefix(&static_dir) {
                let r = r.to_string_lossy().replace('\\', "/");
                // A copy of a built-in file (the repository's own example
                // site) keeps the built-in version, compacted where it is.
                let same_as_builtin = DEFAULT_STATIC
                    .iter()
                    .any(|(n, d)| *n == r && std::fs::read(entry.path()).is_ok_and(|b| b == *d));
                if same_as_builtin {
                    continue;
                }
                let out = static_out(&r);
                statics.insert(
                    out.clone(),
                    StaticFile::File {
                        out,
                        src: entry.path().to_path_buf(),
                    },
                );
            }
        }
        let i18n_path = theme_dir.join("i18n.yaml");
        if i18n_path.is_file() {
            match std::fs::read_to_string(&i18n_path) {
                Ok(s) => i18n_src = (s, rel.join("i18n.yaml")),
                Err(e) => diags.push(
                    Diagnostic::error(format!("cannot read: {e}")).at_path(rel.join("i18n.yaml")),
                ),
            }
        }
    } else if config.theme != "default" {
        diags.push(
            Diagnostic::error(format!("theme `{}` not found", config.theme))
                .at_path("cerita.yaml")
                .with_hint(format!(
                    "create `themes/{}/templates/`, or use `theme: default`",
                    config.theme
                )),
        );
    }
    read_templates(
        &root.join("templates"),
        Path::new("templates"),
        &mut templates,
        &mut diags,
    );

    let mut i18n = match parse_i18n(&i18n_src.0, &i18n_src.1) {
        Ok(m) => m,
        Err(d) => {
            diags.push(d);
            HashMap::new()
        }
    };
    read_site_i18n(root, &mut i18n, &mut diags);
    let (warnings, missing) = fill_i18n(&mut i18n, config);
    if diags.iter().any(Diagnostic::is_error) {
        return Err(diags);
    }
    let own_svg = matches!(
        statics.get("static/favicon.svg"),
        Some(StaticFile::File { .. })
    );
    if own_svg && matches!(statics.get(FAVICON_ICO), Some(StaticFile::BuiltIn { .. })) {
        statics.remove(FAVICON_ICO);
    }
    let versions = versions(&statics);
    Ok(Theme {
        templates,
        statics,
        i18n,
        warnings,
        missing,
        versions,
    })
}

/// Where a theme's static file `name` (under its `static/`) is written,
/// which is also its key in [`Theme::statics`] and its version's in
/// `url()`: `url(path="favicon.ico")` names the icon where it is.
fn static_out(name: &str) -> String {
    if name == FAVICON_ICO {
        name.to_string()
    } else {
        format!("static/{name}")
    }
}

/// A version for every static file from its bytes (files that cannot be
/// read get none; copying them fails later with the error).
fn versions(statics: &BTreeMap<String, StaticFile>) -> BTreeMap<String, String> {
    statics
        .iter()
        .filter_map(|(out, f)| {
            let hash = match f {
                StaticFile::BuiltIn { data, .. } => xxhash_rust::xxh3::xxh3_64(data),
                StaticFile::File { src, .. } => {
                    xxhash_rust::xxh3::xxh3_64(&std::fs::read(src).ok()?)
                }
            };
            Some((out.clone(), format!("{:08x}", hash as u32)))
        })
        .collect()
}

/// A site's own UI strings, `i18n/<lang>.yaml`: each adds to or replaces
/// the theme's strings of that language.
fn read_site_i18n(root: &Path, i18n: &mut HashMap<Lang, Value>, diags: &mut Vec<Diagnostic>) {
    let Ok(dir) = std::fs::read_dir(root.join("i18n")) else {
        return;
    };
    let mut files: Vec<PathBuf> = dir.flatten().map(|e| e.path()).collect();
    files.sort();
    for file in files {
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some(stem) = name
            .strip_suffix(".yaml")
            .or_else(|| name.strip_suffix(".yml"))
        else {
            continue;
        };
        if crate::load::is_ignored_name(&name) {
            continue;
        }
        let rel = Path::new("i18n").join(&name);
        let Some(lang) = Lang::parse(stem) else {
            diags.push(
                Diagnostic::error(format!("`{name}` is not named after a language"))
                    .at_path(&rel)
                    .with_hint(
                        "name UI-string files after their language tag, e.g. `i18n/jv.yaml`",
                    ),
            );
            continue;
        };
        let text = match std::fs::read(&file).map(|b| crate::load::decode(&rel, b)) {
            Ok(Ok(t)) => t,
            Ok(Err(d)) => {
                diags.push(d);
                continue;
            }
            Err(e) => {
                diags.push(Diagnostic::error(format!("cannot read: {e}")).at_path(&rel));
                continue;
            }
        };
        match crate::yaml::parse_mapping(&text, 1) {
            Ok(entries) => {
                let strings = i18n
                    .entry(lang)
                    .or_insert_with(|| Value::Object(Map::new()));
                if let Value::Object(m) = strings {
                    for e in entries {
                        m.insert(e.key, e.value);
                    }
                }
            }
            Err(e) => diags.push(
                Diagnostic::error(format!("invalid YAML: {}", e.message))
                    .at(&rel, &text, e.line, e.col)
                    .with_hint("one `key: \"text\"` per line, e.g. `nav_home: \"Ngarep\"`"),
            ),
        }
    }
}

/// Gives every language of the site a full set of UI strings: each missing
/// string comes from the default language, else English, else Indonesian,
/// with one warning per language listing what is missing and naming the
/// language shown instead.
#[allow(clippy::type_complexity)]
fn fill_i18n(
    i18n: &mut HashMap<Lang, Value>,
    config: &Config,
) -> (Vec<Diagnostic>, HashMap<Lang, Vec<(String, String)>>) {
    // Each string from the first of these that has it: a default
    // language with only some strings of its own (`i18n/fr.yaml` begun)
    // still has the rest.
    let chain = [config.language, Lang::EN, Lang::ID];
    let mut default = Map::new();
    for l in chain.iter().rev() {
        if let Some(m) = i18n.get(l).and_then(Value::as_object) {
            default.extend(m.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
    }
    let has_strings = |i18n: &HashMap<Lang, Value>, l: &Lang| {
        i18n.get(l)
            .and_then(Value::as_object)
            .is_some_and(|m| !m.is_empty())
    };
    let mut warnings = Vec::new();
    let mut lacking = HashMap::new();
    for lang in config.known_langs() {
        let from = chain
            .into_iter()
            .find(|l| *l != lang && has_strings(i18n, l))
            .unwrap_or(config.language);
        let strings = i18n
            .entry(lang)
            .or_insert_with(|| Value::Object(Map::new()));
        let Value::Object(own) = strings else {
            continue;
        };
        let missing: Vec<&String> = default.keys().filter(|k| !own.contains_key(*k)).collect();
        if missing.is_empty() {
            continue;
        }
        // A site in one language warns only about its own.
        if config.languages.is_some() || lang == config.language {
            // A language the theme lacks misses all hundred-odd keys: the
            // message says how many, the hint lists them, a few per line.
            let keys: Vec<String> = missing
                .chunks(8)
                .map(|row| {
                    let row: Vec<String> = row.iter().map(|k| format!("`{k}`")).collect();
                    row.join(", ")
                })
                .collect();
            warnings.push(
                Diagnostic::warning(format!(
                    "the theme has no UI strings in `{lang}` for {} key(s); the {} ones (`{from}`) are shown",
                    missing.len(),
                    from.name()
                ))
                .at_path(format!("i18n/{lang}.yaml"))
                .with_hint(format!(
                    "`cerita strings {lang}` writes them into `i18n/{lang}.yaml` to translate, each with the text shown until then; or write them there, one `key: \"text\"` per line:\n      {}",
                    keys.join(",\n      ")
                )),
            );
        }
        let mut filled = Vec::new();
        for k in missing {
            if let Some(v) = default.get(k) {
                filled.push((k.clone(), v.as_str().unwrap_or_default().to_string()));
                own.insert(k.clone(), v.clone());
            }
        }
        lacking.insert(lang, filled);
    }
    (warnings, lacking)
}

fn read_templates(
    dir: &Path,
    rel: &Path,
    into: &mut BTreeMap<String, Template>,
    diags: &mut Vec<Diagnostic>,
) {
    if !dir.is_dir() {
        return;
    }
    for entry in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().to_string();
        if !entry.file_type().is_file() || crate::load::is_ignored_name(&name) {
            continue;
        }
        let Ok(r) = entry.path().strip_prefix(dir) else {
            continue;
        };
        let name = r.to_string_lossy().replace('\\', "/");
        let shown = rel.join(r);
        match std::fs::read(entry.path())
            .map_err(|e| e.to_string())
            .and_then(|b| String::from_utf8(b).map_err(|_| "not valid UTF-8".to_string()))
        {
            Ok(source) => {
                into.insert(
                    name.clone(),
                    Template {
                        name,
                        source,
                        origin: Origin::File(shown),
                    },
                );
            }
            Err(e) => {
                diags.push(Diagnostic::error(format!("cannot read template: {e}")).at_path(shown))
            }
        }
    }
}

fn parse_i18n(src: &str, path: &Path) -> Result<HashMap<Lang, Value>, Diagnostic> {
    let entries = crate::yaml::parse_mapping(src, 1).map_err(|e| {
        Diagnostic::error(format!("invalid YAML: {}", e.message)).at(path, src, e.line, e.col)
    })?;
    let mut out = HashMap::new();
    for e in entries {
        let Some(lang) = Lang::parse(&e.key) else {
            return Err(
                Diagnostic::error(format!("`{}` is not a language tag", e.key))
                    .at(path, src, e.line, 1)
                    .with_hint(
                        "the theme's UI strings are grouped by language: `id:`, `en:`, `jv:` …",
                    ),
            );
        };
        match e.value {
            Value::Object(m) => {
                out.insert(lang, Value::Object(m));
            }
            _ => {
                return Err(
                    Diagnostic::error(format!("`{}` must be a map of UI strings", e.key))
                        .at(path, src, e.line, e.col),
                );
            }
        }
    }
    Ok(out)
}

/// Compiles the templates once; registers `url()` and `human_date`.
pub fn compile(theme: &Theme, config: &Config) -> Result<Arc<Tera>, Vec<Diagnostic>> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".htm", ".xml"]);
    // Tera's default also escapes `/` (as `&#x2F;`), which bloats every URL;
    // the five characters below are all HTML needs in text and quoted attributes.
    tera.set_escape_fn(crate::text::escape_attr);
    let base = config.base_path.clone();
    let versions = theme.versions.clone();
    tera.register_function("url", move |args: &HashMap<String, Value>| {
        let path = args.get("path").and_then(Value::as_str).unwrap_or("");
        let path = path.trim_start_matches('/');
        Ok(Value::String(match versions.get(path) {
            Some(v) => format!("{base}{path}?v={v}"),
            None => format!("{base}{path}"),
        }))
    });
    tera.register_filter("human_date", |v: &Value, args: &HashMap<String, Value>| {
        let lang = args.get("lang").and_then(Value::as_str).unwrap_or("id");
        Ok(Value::String(match v.as_str() {
            Some(s) if !s.is_empty() => crate::text::human_date(s, lang),
            _ => String::new(),
        }))
    });
    // Tera's own is behind a feature that brings in more than this needs:
    // everything but RFC 3986's unreserved characters percent-encoded.
    const COMPONENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    tera.register_filter(
        "urlencode_strict",
        |v: &Value, _: &HashMap<String, Value>| {
            let text = match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            Ok(Value::String(
                percent_encoding::utf8_percent_encode(&text, COMPONENT).to_string(),
            ))
        },
    );
    // An address from a writer (a shortcode's argument) made safe for
    // `href`/`src`: http(s), mailto, tel, or a path; anything else is `#`.
    tera.register_filter("safe_url", |v: &Value, _: &HashMap<String, Value>| {
        let s = v.as_str().unwrap_or("").trim();
        let scheme = s
            .split_once(':')
            .map(|(sch, _)| sch)
            .filter(|sch| !sch.contains(['/', '?', '#']));
        let ok = match scheme {
            Some(sch) => matches!(
                sch.to_ascii_lowercase().as_str(),
                "http" | "https" | "mailto" | "tel"
            ),
            None => true,
        };
        Ok(Value::String(if ok { s.to_string() } else { "#".into() }))
    });
    let slot = crate::partial::Slot::default();
    let partial = crate::partial::Partial::new(slot.clone(), theme.i18n.clone(), config.language);
    tera.register_function("partial", partial.clone());
    tera.register_filter("partial", partial);
    let mut sites = crate::limits::Sites::default();
    let all: Vec<(&str, String)> = theme
        .templates
        .values()
        .map(|t| {
            (
                t.name.as_str(),
                crate::limits::instrument(&t.name, &t.source, &mut sites),
            )
        })
        .collect();
    crate::limits::register(&mut tera, &sites);
    if let Err(err) = tera.add_raw_templates(all) {
        return Err(vec![template_error(theme, &err)]);
    }
    let tera = Arc::new(tera);
    // The partial function renders with the finished set; it holds it weakly
    // so the two do not keep each other alive.
    let _ = slot.set(Arc::downgrade(&tera));
    Ok(tera)
}

/// An error from [`crate::limits`]: it names the template and line itself.
fn limit_error(theme: &Theme, full: &str) -> Option<Diagnostic> {
    let rest = &full[full.find(crate::limits::MARKER)? + crate::limits::MARKER.len()..];
    let (name, rest) = rest.split_once(':')?;
    let (pos, message) = rest.split_once(": ")?;
    let message = message.lines().next().unwrap_or(message);
    let (line, col) = pos.split_once(':')?;
    let mut d = Diagnostic::error(format!("template error: {message}"));
    if let (Some(t), Ok(line), Ok(col)) = (
        theme.templates.get(name),
        line.parse::<usize>(),
        col.parse::<usize>(),
    ) {
        d = d.at(t.origin.display(), &t.source, line, col);
    }
    Some(d.with_hint("templates must finish: give a recursive macro a case that stops, keep loops to the lists they need, and do not include a template from itself"))
}

/// A Tera error as a diagnostic naming the template file and, when Tera
/// gives one, the line and column.
pub fn template_error(theme: &Theme, err: &tera::Error) -> Diagnostic {
    let mut chain = vec![err.to_string()];
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        chain.push(s.to_string());
        source = s.source();
    }
    let full = chain.join("\n");
    if let Some(d) = limit_error(theme, &full) {
        return d;
    }
    // Which template? Tera quotes it: "Failed to parse 'story.html'". A
    // partial's error comes after the page's "Failed to render": the last
    // one is where it happened.
    const RENDER: &str = "Failed to render '";
    let name = match full.rfind(RENDER) {
        Some(i) => full[i + RENDER.len()..].split('\'').next(),
        None => full.split('\'').nth(1),
    }
    .map(str::to_string);
    let mut template = name.as_deref().and_then(|n| theme.templates.get(n));
    // Parse errors carry " --> line:col".
    let mut pos = full.find("--> ").and_then(|i| {
        let rest = &full[i + 4..];
        let end = rest
            .find(|c: char| !c.is_ascii_digit() && c != ':')
            .unwrap_or(rest.len());
        let mut parts = rest[..end].split(':');
        Some((
            parts.next()?.parse::<usize>().ok()?,
            parts.next()?.parse::<usize>().ok()?,
        ))
    });
    // Render errors name an expression (`story.nope`) but no line: point at
    // its first use in the template or in what it extends, imports or includes.
    if pos.is_none() {
        let expr = full.split('`').nth(1).filter(|e| !e.is_empty());
        if let (Some(expr), Some(n)) = (expr, name.as_deref()) {
            let mut candidates: Vec<String> = vec![n.to_string()];
            candidates.extend(theme.dependencies(n).into_iter().filter(|d| d != n));
            for cand in candidates {
                if let Some(t) = theme.templates.get(&cand) {
                    if let Some(at) = t.source.find(expr) {
                        pos = Some(crate::text::line_col(&t.source, at));
                        template = Some(t);
                        break;
                    }
                }
            }
        }
    }
    // Keep pest's explanation ("= expected …"), not its drawing of the line.
    let message = chain
        .iter()
        .map(|s| match s.find("--> ") {
            Some(_) => s
                .lines()
                .rev()
                .find_map(|l| l.trim().strip_prefix("= "))
                .unwrap_or(s.lines().next().unwrap_or(""))
                .to_string(),
            None => s
                .lines()
                .filter(|l| !l.trim().is_empty())
                .collect::<Vec<_>>()
                .join(" "),
        })
        .collect::<Vec<_>>()
        .join(": ");
    let mut d = Diagnostic::error(format!("template error: {message}"));
    if let Some(t) = template {
        d = match pos {
            Some((l, c)) => d.at(t.origin.display(), &t.source, l, c),
            None => d.at_path(t.origin.display()),
        };
    }
    d.with_hint("fix the template (Tera syntax: https://keats.github.io/tera/docs/), or delete the override to fall back to the default theme")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_stylesheets_lose_comments_and_line_breaks_only() {
        let css = "/* Warna */\n:root{--a:#fff}\n@media (min-width:48rem)\nand (max-width:60rem){a,\n  b{margin:0 auto}}\n.q::before{content:\"/* bukan */\"}\n.r{content:'a\\'b'} /* akhir */\n";
        assert_eq!(
            strip_css(css),
            ":root{--a:#fff}@media (min-width:48rem) and (max-width:60rem){a,b{margin:0 auto}}.q::before{content:\"/* bukan */\"}.r{content:'a\\'b'}"
        );
        // The default theme's: every rule kept, in order.
        let src = String::from_utf8_lossy(DEFAULT_STATIC[0].1);
        let out = String::from_utf8_lossy(compact_css("style.css", DEFAULT_STATIC[0].1));
        let rules = |s: &str| s.matches('{').count();
        assert_eq!(rules(&out), rules(&src));
        assert!(out.len() < src.len() && !out.contains("/*") && out.lines().count() == 1);
    }

    /// Dotted paths as the patched Tera (`vendor/tera/PATCHED.md`) looks
    /// them up: through objects, arrays and for-loop values, by brackets
    /// for keys with dots, `~1` and `~0` unescaped as Tera always did.
    #[test]
    fn templates_read_dotted_paths_as_tera_always_did() {
        let context = tera::Context::from_value(serde_json::json!({
            "story": {"title": "Sekolah", "tags": [{"name": "pelatihan"}, {"name": "iklim"}]},
            "site": {"a.b": {"c": "titik"}, "x/y": "garis", "x~y": "tilde"},
        }))
        .unwrap_or_default();
        let template = "{{ story.title }}|{{ story.tags.1.name }}|{{ site[\"a.b\"].c }}|\
            {% for t in story.tags %}{{ t.name }},{% endfor %}|{{ site[\"x~1y\"] }}|{{ site[\"x~0y\"] }}|\
            {{ story.missing | default(value=\"-\") }}";
        let out = Tera::one_off(template, &context, false).unwrap_or_else(|e| format!("{e:?}"));
        assert_eq!(out, "Sekolah|iklim|titik|pelatihan,iklim,|garis|tilde|-");
    }

    #[test]
    fn finds_template_references() {
        let src = "{% extends \"base.html\" %}{% import 'macros.html' as m %}{%- include [\"a.html\", \"b.html\"] ignore missing -%}{% if x %}";
        assert_eq!(
            referenced_templates(src),
            ["base.html", "macros.html", "a.html", "b.html"]
        );
        assert_eq!(
            referenced_templates(
                "{{ partial(name=\"partials/card.html\", story=s) }}{{ my_partial(name='x') }}{{ partial(lang=lang, name = 'p.html') }}{{ partial(name=n) }}"
            ),
            ["partials/card.html", "p.html", ANY_TEMPLATE]
        );
    }
}
