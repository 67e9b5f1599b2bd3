//! Code highlighting with syntect, as CSS classes (`hl-…`), never inline styles.
//!
//! The syntax set is loaded once per process (it is the expensive part) and
//! shared by every thread. An unknown language renders as plain, escaped code.

use std::sync::{Arc, Mutex, OnceLock};

use rustc_hash::FxHashMap;

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::{SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

/// Class prefix shared with the theme's `syntax.css`.
pub const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

fn find(lang: &str) -> Option<&'static SyntaxReference> {
    let set = syntaxes();
    let lang = lang.trim();
    if lang.is_empty() {
        return None;
    }
    let alias = match lang.to_ascii_lowercase().as_str() {
        "yml" => "yaml".to_string(),
        "sh" | "shell" | "zsh" | "console" => "bash".to_string(),
        "js" | "javascript" | "jsx" => "js".to_string(),
        "md" => "markdown".to_string(),
        "toml" => "ini".to_string(),
        other => other.to_string(),
    };
    set.find_syntax_by_token(&alias)
}

/// HTML for a fenced code block: `<pre class="code" data-lang="…" tabindex="0"><code>…</code></pre>`
/// (focusable, so a keyboard can scroll a long line).
/// `highlight = false` skips syntect (plain escaped code).
pub fn code_block(code: &str, lang: &str, highlight: bool) -> String {
    let lang_attr = crate::text::escape_attr(lang);
    let mut out = String::with_capacity(code.len() * 2 + 64);
    if lang.is_empty() {
        out.push_str("<pre class=\"code\" tabindex=\"0\"><code>");
    } else {
        out.push_str(&format!(
            "<pre class=\"code\" data-lang=\"{lang_attr}\" tabindex=\"0\"><code>"
        ));
    }
    let syntax = if highlight { find(lang) } else { None };
    match syntax.and_then(|s| highlighted(code, s)) {
        Some(html) => out.push_str(&html),
        None => out.push_str(&crate::text::escape_html(code)),
    }
    out.push_str("</code></pre>\n");
    out
}

/// Highlighted blocks are kept, by their language and text, until they add
/// up to this many bytes (then the memo starts again).
const MEMO_BYTES: usize = 16 << 20;

#[derive(Default)]
struct Memo {
    map: FxHashMap<u128, Arc<str>>,
    bytes: usize,
}

/// Code highlighted earlier in this process. syntect takes tens of
/// microseconds a line, and a site repeats blocks (the same install steps
/// or settings in every tutorial); the output is a function of the syntax
/// and the text alone.
fn memo() -> &'static Mutex<Memo> {
    static MEMO: OnceLock<Mutex<Memo>> = OnceLock::new();
    MEMO.get_or_init(Mutex::default)
}

fn highlighted(code: &str, syntax: &SyntaxReference) -> Option<Arc<str>> {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(syntax.name.as_bytes());
    h.update(&[0]);
    h.update(code.as_bytes());
    let key = h.digest128();
    if let Some(hit) = memo().lock().ok().and_then(|m| m.map.get(&key).cloned()) {
        return Some(hit);
    }
    let html: Arc<str> = highlight(code, syntax)?.into();
    if let Ok(mut m) = memo().lock() {
        if m.bytes + html.len() > MEMO_BYTES {
            m.map.clear();
            m.bytes = 0;
        }
        m.bytes += html.len();
        m.map.insert(key, Arc::clone(&html));
    }
    Some(html)
}

fn highlight(code: &str, syntax: &SyntaxReference) -> Option<String> {
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes(), CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    Some(generator.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_language_gets_classes() {
        let html = code_block("title: Halo\n", "yaml", true);
        assert!(html.contains("hl-"), "{html}");
        assert!(!html.contains("style="));
    }

    #[test]
    fn a_repeated_block_is_highlighted_once_and_the_same() {
        let code = "fn main() {\n    println!(\"halo\");\n}\n";
        let first = code_block(code, "rust", true);
        let again = code_block(code, "rust", true);
        assert_eq!(first, again);
        let syntax = find("rust").unwrap();
        assert!(first.contains(&*highlight(code, syntax).unwrap()));
        // The same text in another language is highlighted as that one.
        assert_ne!(
            code_block(code, "python", true),
            first.replace("rust", "python")
        );
    }

    #[test]
    fn unknown_language_is_plain() {
        let html = code_block("<b>x</b>\n", "klingon\" onclick=\"x", true);
        assert!(html.contains("&lt;b&gt;"));
        assert!(!html.contains("\" onclick"));
    }
}
