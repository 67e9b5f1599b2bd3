//! Stage 2b's shortcodes: the theme's `templates/shortcodes/NAME.html`,
//! rendered with Tera for each call the Markdown stage finds
//! ([`crate::markdown::shortcode`]).
//!
//! A template gets the call's arguments by name (typed: text, numbers,
//! true/false, lists; escaped when printed), `body` (the call's Markdown
//! body as HTML, sanitised like the story), `lang` and `t` (the UI strings
//! of the story's language). The built-in names (`builtin.rs`) also have
//! their arguments checked and get what the photo pipeline and the files
//! beside the story say: a site that overrides `video.html` keeps both.

mod audio;
mod builtin;
mod video;

pub use audio::{Audio, parse_audio};
pub use video::{Video, parse_video};

use std::collections::HashMap;
use std::sync::Arc;

use serde_json::{Map, Value};
use tera::Tera;

use crate::error::Diagnostic;
use crate::lang::Lang;
use crate::markdown::shortcode::Call;
use crate::markdown::{self, CallSite};
use crate::theme::Theme;

/// Where shortcode templates live among a theme's templates.
pub const DIR: &str = "shortcodes/";

/// The theme's shortcodes, ready to render.
pub struct Shortcodes {
    tera: Arc<Tera>,
    /// Names (template file names without `.html`), sorted.
    names: Vec<String>,
    /// Built-in names whose template the site or theme replaced: they may
    /// take arguments of their own.
    overridden: Vec<String>,
    i18n: HashMap<Lang, Value>,
    default_lang: Lang,
    hash: u64,
}

impl Shortcodes {
    pub fn new(theme: &Theme, tera: Arc<Tera>, default_lang: Lang) -> Shortcodes {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        let mut names = Vec::new();
        let mut overridden = Vec::new();
        let mut sources = String::new();
        for (name, t) in &theme.templates {
            let Some(short) = name.strip_prefix(DIR).and_then(|n| n.strip_suffix(".html")) else {
                continue;
            };
            names.push(short.to_string());
            if matches!(t.origin, crate::theme::Origin::File(_)) && builtin::spec(short).is_some() {
                overridden.push(short.to_string());
            }
            for dep in theme.dependencies(name) {
                if let Some(d) = theme.templates.get(&dep) {
                    h.update(dep.as_bytes());
                    h.update(d.source.as_bytes());
                    sources.push_str(&d.source);
                }
            }
            h.update(t.source.as_bytes());
        }
        // Each call gets only the UI strings shortcode templates name
        // (`t.video_play`), not the theme's whole set: copied per call.
        let i18n = theme
            .i18n
            .iter()
            .map(|(lang, all)| (*lang, strings_used(all, &sources)))
            .collect();
        let mut langs: Vec<_> = theme.i18n.iter().collect();
        langs.sort_by_key(|(l, _)| **l);
        for (l, v) in langs {
            h.update(l.code().as_bytes());
            h.update(v.to_string().as_bytes());
        }
        Shortcodes {
            tera,
            names,
            overridden,
            i18n,
            default_lang,
            hash: h.digest(),
        }
    }

    /// A hash of everything a shortcode renders from besides the call: the
    /// templates (and what they use) and the UI strings. Part of every
    /// Markdown render's cache key, so the preview server renders stories
    /// again when a shortcode template changes.
    pub fn fingerprint(&self) -> u64 {
        self.hash
    }
}

impl markdown::Shortcodes for Shortcodes {
    fn names(&self) -> Vec<&str> {
        self.names.iter().map(String::as_str).collect()
    }

    fn render(&self, call: &Call, body: Option<&str>, site: &mut CallSite<'_>) -> Option<String> {
        let mut ctx = Map::new();
        for a in &call.args {
            ctx.insert(a.name.clone(), a.value.to_json());
        }
        let t = self.strings(site.input.lang);
        if let Some(spec) = builtin::spec(&call.name) {
            let own_args = self.overridden.contains(&call.name);
            if !builtin::check(spec, call, (body.is_some(), own_args), site) {
                return None;
            }
            if !builtin::prepare(spec, call, &t, site, &mut ctx) {
                return None;
            }
        }
        ctx.insert(
            "body".into(),
            body.map_or(Value::Null, |b| Value::String(b.to_string())),
        );
        ctx.insert("lang".into(), Value::String(site.input.lang.to_string()));
        ctx.insert("t".into(), t);
        let context = match tera::Context::from_value(Value::Object(ctx)) {
            Ok(c) => c,
            Err(e) => {
                site.push(
                    call.pos,
                    Diagnostic::error(format!("shortcode `{}`: {e}", call.name)),
                );
                return None;
            }
        };
        let template = format!("{DIR}{}.html", call.name);
        match self.tera.render(&template, &context) {
            Ok(html) => Some(html.trim().to_string()),
            Err(e) => {
                site.push(call.pos, template_problem(&call.name, &e));
                None
            }
        }
    }
}

impl Shortcodes {
    fn strings(&self, lang: Lang) -> Value {
        self.i18n
            .get(&lang)
            .or_else(|| self.i18n.get(&self.default_lang))
            .cloned()
            .unwrap_or(Value::Object(Map::new()))
    }
}

/// The strings of `all` that `sources` name as `t.key` and the built-ins
/// read (all of them when a template looks a string up by a computed key,
/// `t[…]`).
fn strings_used(all: &Value, sources: &str) -> Value {
    if sources.contains("t[") {
        return all.clone();
    }
    let Value::Object(map) = all else {
        return all.clone();
    };
    let mut used = Map::new();
    // Read by `builtin.rs` itself.
    for key in builtin::STRINGS {
        if let Some(v) = map.get(*key) {
            used.insert(key.to_string(), v.clone());
        }
    }
    let mut rest = sources;
    while let Some(i) = rest.find("t.") {
        let before = rest[..i].chars().next_back();
        let after = &rest[i + 2..];
        let len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        let key = &after[..len];
        if !before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.') {
            if let Some(v) = map.get(key) {
                used.insert(key.to_string(), v.clone());
            }
        }
        rest = &after[len..];
    }
    Value::Object(used)
}

/// A template that failed for this call: what Tera said last (the most
/// precise), at the call; a variable the template needs and the call does
/// not give reads as a missing argument.
fn template_problem(name: &str, err: &tera::Error) -> Diagnostic {
    let mut last = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        last = s.to_string();
        source = s.source();
    }
    let missing = last
        .strip_prefix("Variable `")
        .and_then(|r| r.split('`').next())
        .filter(|_| last.contains("not found in context"));
    match missing {
        Some(var) => Diagnostic::error(format!(
            "the shortcode `{name}` needs an argument `{var}`"
        ))
        .with_hint(format!("add `{var}=\"…\"` to the call")),
        None => Diagnostic::error(format!("the shortcode `{name}` failed: {last}")).with_hint(format!(
            "its template is `templates/shortcodes/{name}.html` (the site's or the theme's); check its arguments"
        )),
    }
}
