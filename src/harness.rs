//! Entry points for the fuzzers (`fuzz/`) and the property tests
//! (`tests/it/properties.rs`): each takes any input and runs one stage the way
//! a build does, so both exercise the same code on the same terms.

use std::path::Path;

use crate::config::HtmlPolicy;
use crate::error::Diagnostic;
use crate::markdown::{self, Input, Options2, Resolver};

/// The path every harness input pretends to come from.
pub const PATH: &str = "content/stories/2024/cerita.md";

/// Front matter (after loading's text normalisation): fences, YAML and
/// every field check. Returns the
/// diagnostics (none for a valid story).
pub fn front_matter(src: &str) -> Vec<Diagnostic> {
    let src = &crate::load::normalise_text(src.to_string());
    let path = Path::new(PATH);
    match crate::frontmatter::split(path, src) {
        Ok(split) => crate::frontmatter::story(path, src, &split).1,
        Err(d) => vec![d],
    }
}

struct Links;

impl Resolver for Links {
    fn source_url(&self, content_path: &str) -> Option<String> {
        let stem = content_path.strip_suffix(".md")?.rsplit('/').next()?;
        Some(format!("/stories/{stem}/"))
    }
    fn asset_url(&self, content_path: &str) -> Option<String> {
        Some(format!("/{content_path}"))
    }
    fn base_path(&self) -> &str {
        "/"
    }
}

/// A whole story file through Markdown with cerita's extensions (heading
/// ids, `@/` links, highlighting, summaries, the default theme's
/// shortcodes) and the safe-HTML policy.
pub fn markdown(src: &str) -> markdown::Rendered {
    let src = &crate::load::normalise_text(src.to_string());
    let path = Path::new(PATH);
    let body_offset = crate::frontmatter::split(path, src).map_or(0, |s| s.body_offset);
    let input = Input {
        path,
        src,
        body_offset,
        content_dir: "stories/2024",
        content_path: "stories/2024/cerita.md",
        lang: crate::lang::Lang::ID,
        above: markdown::Above::default(),
    };
    markdown::render_with(
        &input,
        Options2 {
            html: HtmlPolicy::Safe,
            highlight: true,
            hard_breaks: false,
        },
        &Links,
        built_in_shortcodes(),
    )
}

/// The default theme's shortcodes, compiled once.
fn built_in_shortcodes() -> &'static dyn markdown::Shortcodes {
    static SHORTCODES: std::sync::OnceLock<Option<crate::shortcodes::Shortcodes>> =
        std::sync::OnceLock::new();
    let compiled = SHORTCODES.get_or_init(|| {
        let config = crate::config::Config::default();
        // No site folder: the built-in theme alone.
        let theme = crate::theme::load(Path::new("/nonexistent/cerita-harness"), &config).ok()?;
        let tera = crate::theme::compile(&theme, &config).ok()?;
        Some(crate::shortcodes::Shortcodes::new(
            &theme,
            tera,
            config.language,
        ))
    });
    match compiled {
        Some(s) => s,
        None => &markdown::NoShortcodes,
    }
}

/// A title or name made into a URL slug.
pub fn slug(s: &str) -> String {
    crate::text::slugify(s)
}

/// What the search index takes from a text: its words and their stems.
pub fn search_words(text: &str) -> Vec<(String, Vec<String>)> {
    crate::search::text::words(text)
        .into_iter()
        .map(|w| {
            let stems = crate::search::stem::candidates(&w, true, true);
            (w, stems)
        })
        .collect()
}

/// A template's source with the limit calls added, and where they are.
pub fn template(src: &str) -> (String, crate::limits::Sites) {
    let mut sites = crate::limits::Sites::default();
    (
        crate::limits::instrument("fuzz.html", src, &mut sites),
        sites,
    )
}

/// A value as page contexts hold it (`render::value::to_value`), which must
/// equal `serde_json::to_value`.
pub fn template_value(value: &serde_json::Value) -> serde_json::Value {
    crate::render::template_value(value)
}
