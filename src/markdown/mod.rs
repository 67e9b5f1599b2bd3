//! Stage 2b: Markdown body → HTML, table of contents, summary, plain text and
//! the internal links to check. Pure: no disk, no global state but the shared
//! syntax set.
//!
//! cerita's extensions on top of pulldown-cmark: unique heading ids with a
//! self-link, `@/path.md#anchor` links to other sources, relative asset links
//! resolved to site URLs, `<!-- more -->`, highlighted code blocks, raw HTML
//! sanitised unless the site trusts its writers, and shortcodes
//! ([`shortcode`] finds them; a [`Shortcodes`] renders them).
//!
//! A shortcode is cut out of the body before Markdown sees it and a
//! placeholder put in its place; its HTML (trusted theme code) goes in
//! after the body's own HTML is sanitised. Positions in the cut body are
//! mapped back to the file, so every message points at the writer's text.

pub mod shortcode;
mod slips;

use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::config::HtmlPolicy;
use crate::error::Diagnostic;
use crate::text::{escape_attr, heading_id, line_col};

/// Where a link inside a source points, as resolved by the site model.
pub trait Resolver: Sync {
    /// URL (root-relative, base path included) of a Markdown source given by
    /// its path under `content/` (`stories/2021/a.md`).
    fn source_url(&self, content_path: &str) -> Option<String>;
    /// URL of a non-Markdown file under `content/`.
    fn asset_url(&self, content_path: &str) -> Option<String>;
    /// The site's base path (`/` or `/sub/`), prefixed to root-relative links.
    fn base_path(&self) -> &str;
    /// Size and responsive versions of a local image, by its URL.
    fn image(&self, _url: &str) -> Option<ImageMarkup> {
        None
    }
    /// `true` for a source that exists but is not published (draft or future).
    fn is_unpublished(&self, _content_path: &str) -> bool {
        false
    }
    /// The byte size of a file under `content/` that is not a photo.
    fn asset_bytes(&self, _content_path: &str) -> Option<u64> {
        None
    }
    /// The text of a data file under `content/` (`captions.yaml`).
    fn data_text(&self, _content_path: &str) -> Option<&str> {
        None
    }
    /// The files directly in a folder under `content/`, sorted by name, as
    /// paths under `content/`.
    fn assets_in(&self, _dir: &str) -> Vec<String> {
        Vec::new()
    }
    /// The file under `content/` a missing `content_path` probably meant:
    /// one in the same folder whose name differs only in case, or by a
    /// slip of a letter or two; else the one file of that name in another
    /// folder.
    fn near(&self, _content_path: &str) -> Option<String> {
        None
    }
    /// The source that is the `lang` version of the one at `content_path`
    /// (a path under `content/`), when the site has it and it is another
    /// file: a translation's `@/pages/about.md` leads to `about.en.md`,
    /// as Hugo's `ref` does.
    fn translation(&self, _content_path: &str, _lang: crate::lang::Lang) -> Option<String> {
        None
    }
}

/// The version in `input`'s language of the source at `path` that a link
/// from `input` leads to ([`Resolver::translation`]), never `input` itself:
/// a Markdown link's and a shortcode's alike.
pub fn version_in(resolver: &dyn Resolver, input: &Input<'_>, path: &str) -> Option<String> {
    resolver
        .translation(path, input.lang)
        .filter(|v| v != input.content_path)
}

/// What to say about a missing file (`meant`, a path under `content/`)
/// when the site holds one that was probably meant (`near`, from
/// [`Resolver::near`]), `written` being the address as the writer wrote it.
pub fn near_hint(written: &str, near: &str, meant: &str) -> String {
    let name = near.rsplit('/').next().unwrap_or(near);
    let folder_form = |p: &str| p.ends_with("/index.md") || p.ends_with("/_index.md");
    if folder_form(near) != folder_form(written) && near.ends_with(".md") {
        return format!(
            "did you mean `@/{near}`? That story is {}",
            if folder_form(near) {
                "a folder with its `index.md`, not a single file"
            } else {
                "a single file, not a folder with an `index.md`"
            }
        );
    }
    let wrote = written.rsplit('/').next().unwrap_or(written);
    if near.rsplit_once('/').map(|(d, _)| d) != meant.rsplit_once('/').map(|(d, _)| d) {
        return format!(
            "this folder has no `{wrote}`, but `content/{near}` is that file: write `@/{near}`, or move the file beside this one"
        );
    }
    let fixed = match written.rsplit_once('/') {
        Some((dir, _)) => format!("{dir}/{name}"),
        None => name.to_string(),
    };
    if wrote.to_lowercase() == name.to_lowercase() {
        format!(
            "the folder has `{name}`: a file name must match in capitals too (on the web server `{wrote}` is another file); write `{fixed}`"
        )
    } else {
        format!("did you mean `{fixed}`? The folder has `{name}`")
    }
}

/// What the renderer needs to write a responsive `<img>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageMarkup {
    pub width: u32,
    pub height: u32,
    /// `srcset` in the image's own format, in WebP and in AVIF (each when
    /// written).
    pub srcset: Option<String>,
    pub webp_srcset: Option<String>,
    pub avif_srcset: Option<String>,
    /// The largest WebP version's address (when written), which a tap on
    /// a gallery tile opens where the browser shows WebP.
    pub webp_largest: Option<String>,
    /// The link-preview crop, written when the image is a story's cover.
    pub og: Option<OgImage>,
    /// A small version for gallery tiles (`srcset` entries in its own
    /// format and in WebP), written when a gallery shows the photo.
    pub thumb: Option<Thumb>,
}

/// A photo's gallery-tile version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thumb {
    /// The photo it is made from (output path), so the image stage knows
    /// which photos need one.
    pub source: String,
    /// `URL 360w` entries.
    pub own: String,
    pub webp: Option<String>,
}

/// A cover's 1200×630 link-preview version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OgImage {
    /// The photo it is cut from (output path), so the image stage knows
    /// which photos are covers.
    pub source: String,
    pub url: String,
    pub width: u32,
    pub height: u32,
}

/// The display width of images in a story, for `sizes`: the text column,
/// 42rem in the default theme's CSS (less the page's margins on a phone).
pub const IMAGE_SIZES: &str = "(min-width: 44rem) 42rem, calc(100vw - 2rem)";

/// `<picture>`/`<img>` markup: WebP first where it exists, the size given so
/// the page does not jump, lazy unless it is the page's first image.
pub fn picture(url: &str, alt: &str, title: Option<&str>, m: &ImageMarkup, first: bool) -> String {
    picture_sized(url, alt, title, m, first, IMAGE_SIZES)
}

/// [`picture`] shown at `sizes` (a gallery's tiles, a speaker's portrait).
pub fn picture_sized(
    url: &str,
    alt: &str,
    title: Option<&str>,
    m: &ImageMarkup,
    first: bool,
    sizes: &str,
) -> String {
    let mut out = String::new();
    let modern = m.avif_srcset.is_some() || m.webp_srcset.is_some();
    if modern {
        out.push_str("<picture>");
    }
    // The browser takes the first source it can show: AVIF, then WebP.
    for (kind, set) in [("avif", &m.avif_srcset), ("webp", &m.webp_srcset)] {
        if let Some(set) = set {
            out.push_str(&format!(
                "<source type=\"image/{kind}\" srcset=\"{}\" sizes=\"{sizes}\">",
                escape_attr(set)
            ));
        }
    }
    out.push_str(&format!("<img src=\"{}\"", escape_attr(url)));
    if let Some(own) = &m.srcset {
        out.push_str(&format!(
            " srcset=\"{}\" sizes=\"{sizes}\"",
            escape_attr(own)
        ));
    }
    out.push_str(&format!(
        " width=\"{}\" height=\"{}\" alt=\"{}\"",
        m.width,
        m.height,
        escape_attr(alt)
    ));
    if let Some(t) = title.filter(|t| !t.is_empty()) {
        out.push_str(&format!(" title=\"{}\"", escape_attr(t)));
    }
    if !first {
        out.push_str(" loading=\"lazy\" decoding=\"async\"");
    }
    out.push('>');
    if modern {
        out.push_str("</picture>");
    }
    out
}

/// One source file to render.
pub struct Input<'a> {
    /// Path shown in diagnostics (relative to the site root).
    pub path: &'a Path,
    /// The whole file text (positions are computed in it).
    pub src: &'a str,
    /// Where the Markdown body starts in `src`.
    pub body_offset: usize,
    /// The file's folder under `content/`, e.g. `stories/2021`.
    pub content_dir: &'a str,
    /// The file's own path under `content/`.
    pub content_path: &'a str,
    /// The language it is written in (shortcodes' UI strings).
    pub lang: crate::lang::Lang,
    /// What the page shows above the body: a body that opens with it again
    /// does not show it twice.
    pub above: Above<'a>,
}

/// A page's title and cover as its front matter writes them (empty when
/// none), which the page shows above the body.
#[derive(Debug, Clone, Copy, Default)]
pub struct Above<'a> {
    pub title: &'a str,
    pub cover: &'a str,
}

/// Renders shortcodes (the theme's `templates/shortcodes/NAME.html`).
pub trait Shortcodes: Sync {
    /// Every shortcode name there is, for "did you mean".
    fn names(&self) -> Vec<&str>;
    /// The HTML of `call`, whose body (for `{% %}` calls) is already
    /// rendered to `body`; `None` after pushing the reason to `site`.
    fn render(
        &self,
        call: &shortcode::Call,
        body: Option<&str>,
        site: &mut CallSite<'_>,
    ) -> Option<String>;
}

/// No shortcodes at all: every call is unknown.
pub struct NoShortcodes;

impl Shortcodes for NoShortcodes {
    fn names(&self) -> Vec<&str> {
        Vec::new()
    }
    fn render(&self, _: &shortcode::Call, _: Option<&str>, _: &mut CallSite<'_>) -> Option<String> {
        None
    }
}

/// Where a shortcode is called: the file, the link table, and a place for
/// its problems.
pub struct CallSite<'a> {
    pub input: &'a Input<'a>,
    /// Where the text the call's positions count from starts in `input.src`.
    pub offset: usize,
    pub resolver: &'a dyn Resolver,
    pub diagnostics: &'a mut Vec<Diagnostic>,
    /// Photos shown as gallery tiles (output paths): they get a tile version.
    pub thumbs: &'a mut Vec<String>,
}

impl CallSite<'_> {
    /// Records `d` at `pos`, a position in the calling text.
    pub fn push(&mut self, pos: usize, d: Diagnostic) {
        let (line, col) = line_col(self.input.src, self.offset + pos);
        self.diagnostics
            .push(d.at(self.input.path, self.input.src, line, col));
    }

    /// A file beside the calling source (`name`), under `content/` (`@/x`)
    /// or at the site root (`/x`), as a path under `content/`.
    /// `%20` and other escapes are decoded, as in Markdown links.
    pub fn content_path(&self, name: &str) -> Option<String> {
        let decoded = percent_decode(name.trim());
        let name = decoded.as_str();
        match name.strip_prefix("@/").or_else(|| name.strip_prefix('/')) {
            Some(rest) => join_relative("", rest),
            None => join_relative(self.input.content_dir, name),
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Options2 {
    pub html: HtmlPolicy,
    pub highlight: bool,
    /// A line break inside a paragraph is kept (`<br>`), as typed, where
    /// CommonMark joins the lines.
    pub hard_breaks: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
    pub children: Vec<TocEntry>,
}

/// An `#anchor` in a link that can only be checked once every source is rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnchorRef {
    /// Target source under `content/` (may be the file itself).
    pub target: String,
    pub anchor: String,
    pub line: usize,
    pub col: usize,
    /// The text of that line (for the message; the source is not kept).
    pub line_text: String,
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub heading_ids: Vec<String>,
    /// The other ids a link may go to: the footnotes' (`fn-<label>`) and
    /// those the writer's raw HTML keeps (`id="…"`, `<a name="…">`).
    pub ids: Vec<String>,
    /// Plain text before `<!-- more -->`, or `None` when there is no marker.
    pub more_summary: Option<String>,
    /// The default summary: the first paragraph cut at ~40 words (computed
    /// once here so rebuilds that reuse this render do not redo it).
    pub short_summary: String,
    /// Words in the body's text (what the reading time is made from). The
    /// text itself is not kept: the search index reads it back from `html`
    /// ([`crate::html_text::html_text_into`]).
    pub word_count: usize,
    pub anchors: Vec<AnchorRef>,
    pub diagnostics: Vec<Diagnostic>,
    /// Photos shown as gallery tiles (output paths): the image stage
    /// writes their tile versions.
    pub thumbs: Vec<String>,
    /// Hash of `html` and the TOC: a cheap identity for page fingerprints.
    pub hash: u64,
}

/// Whether raw HTML is the summary's end: `<!-- more -->` as Zola and
/// WordPress write it, `<!--more-->` as Hugo and Jekyll do (any spacing,
/// any case), and Docusaurus's `<!-- truncate -->`.
fn is_more_mark(html: &str) -> bool {
    html.trim()
        .strip_prefix("<!--")
        .and_then(|c| c.strip_suffix("-->"))
        .is_some_and(|word| {
            let word = word.trim();
            word.eq_ignore_ascii_case("more") || word.eq_ignore_ascii_case("truncate")
        })
}
/// Words in a default summary.
pub const SUMMARY_WORDS: usize = 40;

fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// The byte ranges of code (blocks and inline spans) in a whole Markdown
/// source file, its front matter read as such: where an address or a word
/// written in a story is only shown, not used.
pub fn code_in_source(text: &str) -> Vec<std::ops::Range<usize>> {
    let options = parser_options()
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    shortcode::code_ranges(text, options)
}

/// Ids the page layout uses (the default theme's, and common ones): a
/// heading "Main" gets `main-1`, so `#main` still skips to the content.
pub const LAYOUT_IDS: &[&str] = &[
    "content",
    "footer",
    "header",
    "main",
    "nav",
    "search",
    "search-filters",
    "search-form",
    "search-hint",
    "search-more",
    "search-q",
    "search-results",
    "search-status",
    "site-q",
    "top",
];

/// Renders one Markdown body without shortcodes.
pub fn render(input: &Input<'_>, opts: Options2, resolver: &dyn Resolver) -> Rendered {
    render_with(input, opts, resolver, &NoShortcodes)
}

/// Renders one Markdown body, its shortcodes by `shortcodes`.
pub fn render_with(
    input: &Input<'_>,
    opts: Options2,
    resolver: &dyn Resolver,
    shortcodes: &dyn Shortcodes,
) -> Rendered {
    let end = input.src.len();
    render_range(
        input,
        input.body_offset..end.max(input.body_offset),
        opts,
        resolver,
        shortcodes,
        0,
    )
}

/// Whether `body` has a first-level heading (`# Judul`, or a line
/// underlined with `=`). The page's title is its one `<h1>`, so such a
/// body's headings each go a level down (`#` → `<h2>`, `##` → `<h3>`), as
/// the importer writes them; a writer who starts sections with `#` gets the
/// outline they meant. Lines that cannot start one are passed over before
/// Markdown is asked.
fn has_first_level_heading(body: &str) -> bool {
    let maybe = body.lines().any(|l| {
        let t = l.trim_start();
        t == "#" || t.starts_with("# ") || t.starts_with("#\t") || t.starts_with('=')
    });
    maybe
        && Parser::new_ext(body, parser_options()).any(|e| {
            matches!(
                e,
                Event::Start(Tag::Heading {
                    level: HeadingLevel::H1,
                    ..
                })
            )
        })
}

/// Where `body` opens with a heading that repeats `title` (`# Rapat Warga`
/// under `title: Rapat Warga`, as writers copy a document in, title and
/// all): its range in `body`, so the title is not shown twice. Only a
/// first- or second-level heading with nothing before it and no `{#id}` or
/// class of its own; text compared by its letters and digits, without
/// regard to case, emphasis or punctuation.
fn title_heading(body: &str, title: &str) -> Option<Range<usize>> {
    let key = comparable(title);
    let first = body.lines().find(|l| !l.trim().is_empty())?;
    // The same in HTML, as editors such as StackEdit export it
    // (`<h1 id="rapat-warga">Rapat Warga</h1>`), alone in its block.
    let lower = first.trim_start().get(..3).map(str::to_ascii_lowercase);
    if let Some(tag @ ("<h1" | "<h2")) = lower.as_deref() {
        let mut events = Parser::new_ext(body, parser_options()).into_offset_iter();
        let (Event::Start(Tag::HtmlBlock), range) = events.next()? else {
            return None;
        };
        let block = body.get(range.clone())?.trim();
        let close = format!("</{}>", &tag[1..]);
        let inner = block
            .get(3..)
            .filter(|b| b.starts_with(['>', ' ']))
            .and_then(|b| {
                b.strip_suffix(close.as_str())
                    .or_else(|| b.strip_suffix(close.to_ascii_uppercase().as_str()))
            })?;
        let text = inner.get(inner.find('>')? + 1..)?;
        if text.to_ascii_lowercase().contains("<h") || key.is_empty() {
            return None;
        }
        let mut plain = String::new();
        crate::html_text::html_text_into(text, &mut plain);
        return (comparable(&plain) == key).then_some(range);
    }
    let maybe = first.trim_start().starts_with('#')
        || body
            .lines()
            .skip_while(|l| l.trim().is_empty())
            .nth(1)
            .is_some_and(|l| {
                let t = l.trim();
                !t.is_empty() && (t.bytes().all(|b| b == b'=') || t.bytes().all(|b| b == b'-'))
            });
    if key.is_empty() || !maybe {
        return None;
    }
    let mut events = Parser::new_ext(body, parser_options()).into_offset_iter();
    let (
        Event::Start(Tag::Heading {
            level: HeadingLevel::H1 | HeadingLevel::H2,
            id: None,
            classes,
            attrs,
        }),
        range,
    ) = events.next()?
    else {
        return None;
    };
    if !classes.is_empty() || !attrs.is_empty() {
        return None;
    }
    let mut text = String::new();
    for (e, _) in events {
        match e {
            Event::End(TagEnd::Heading(_)) => break,
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    (comparable(&text) == key).then_some(range)
}

/// Where `body` (after the title's heading, if any) opens with the cover
/// photo again, alone in its paragraph (`![Rapat](rapat.jpg)`, maybe as a
/// link): its range in `body`, so the photo is not shown twice. The two
/// addresses are compared as written, each from the story's folder.
fn cover_copy(body: &str, from: usize, cover: &str, dir: &str) -> Option<Range<usize>> {
    let rest = body.get(from..)?;
    let first = rest.lines().find(|l| !l.trim().is_empty())?.trim_start();
    if cover.is_empty() || !(first.starts_with("![") || first.starts_with("[![")) {
        return None;
    }
    let mut events = Parser::new_ext(rest, parser_options()).into_offset_iter();
    let (Event::Start(Tag::Paragraph), range) = events.next()? else {
        return None;
    };
    let (mut dest, mut in_image) = (None, false);
    for (e, _) in events {
        match e {
            Event::Start(Tag::Image { dest_url, .. }) if dest.is_none() => {
                dest = Some(dest_url);
                in_image = true;
            }
            Event::End(TagEnd::Image) => in_image = false,
            Event::End(TagEnd::Paragraph) => break,
            // The image's alt text, and a link around it.
            Event::Text(_) if in_image => {}
            Event::Start(Tag::Link { .. }) | Event::End(TagEnd::Link) => {}
            _ => return None,
        }
    }
    let place = |s: &str| {
        let s = percent_decode(s.trim());
        match s.strip_prefix("@/") {
            Some(rest) => join_relative("", rest),
            None if s.starts_with('/') || s.contains("://") => Some(s),
            None => join_relative(dir, &s),
        }
    };
    let same = place(&dest?).is_some_and(|d| Some(d) == place(cover));
    same.then(|| from + range.start..from + range.end)
}

/// `text`'s letters and digits, lowercased, its other runs one space.
fn comparable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// Shortcodes inside shortcode bodies inside … stop here.
const MAX_NESTING: usize = 8;

/// Renders `range` of the input's text (the body, or a shortcode's body).
fn render_range(
    input: &Input<'_>,
    range: Range<usize>,
    opts: Options2,
    resolver: &dyn Resolver,
    shortcodes: &dyn Shortcodes,
    depth: usize,
) -> Rendered {
    let original = input.src.get(range.clone()).unwrap_or("");
    let mut diagnostics = Vec::new();
    let cut = cut_shortcodes(
        input,
        &range,
        original,
        (opts, resolver, shortcodes, depth),
        &mut diagnostics,
    );
    let body = cut.as_ref().map_or(original, |c| c.text.as_str());
    // The body's own opening heading when it repeats the title: left out.
    let title = (depth == 0)
        .then(|| title_heading(body, input.above.title))
        .flatten();
    let rest = title
        .as_ref()
        .and_then(|t| body.get(t.end..))
        .unwrap_or(body);
    // And the cover photo again, after it or first.
    let cover = (depth == 0)
        .then(|| {
            let from = title.as_ref().map_or(0, |t| t.end);
            cover_copy(body, from, input.above.cover, input.content_dir)
        })
        .flatten();
    let mut r = Renderer {
        input,
        opts,
        resolver,
        out: Rendered {
            diagnostics,
            ..Rendered::default()
        },
        events: Vec::new(),
        used_ids: LAYOUT_IDS.iter().map(|s| s.to_string()).collect(),
        headings: Vec::new(),
        saw_raw_html: false,
        in_first_paragraph: None,
        first_paragraph: String::new(),
        plain: String::new(),
        paragraphs_seen: 0,
        more_found: false,
        skip_link_end: Vec::new(),
        picture: None,
        images_seen: 0,
        open_label: false,
        cut: cut.as_ref(),
        in_image: 0,
        footnotes: Vec::new(),
        in_html_comment: false,
        demote: has_first_level_heading(rest),
    };
    for (at, d) in slips::warnings(body) {
        let pos = range.start + cut.as_ref().map_or(at, |c| c.original_pos(at));
        let d = r.diag_at(pos, d);
        r.out.diagnostics.push(d);
    }
    // `[text][ref]` whose `[ref]: …` is missing (another generator's
    // shortcode made the definitions): the brackets show as typed.
    let unresolved = std::cell::RefCell::new(Vec::new());
    let note = |link: pulldown_cmark::BrokenLink<'_>| {
        if matches!(
            link.link_type,
            pulldown_cmark::LinkType::Reference | pulldown_cmark::LinkType::Collapsed
        ) {
            unresolved
                .borrow_mut()
                .push((link.span.start, link.reference.to_string()));
        }
        None
    };
    let mut iter = Parser::new_with_broken_link_callback(body, parser_options(), Some(note))
        .into_offset_iter();
    while let Some((event, at)) = iter.next() {
        let pos = range.start + cut.as_ref().map_or(at.start, |c| c.original_pos(at.start));
        let event = match event {
            Event::SoftBreak if opts.hard_breaks => Event::HardBreak,
            event => event,
        };
        match event {
            // The title's heading or the cover's paragraph again: left out.
            Event::Start(tag) if [&title, &cover].iter().any(|r| r.as_ref() == Some(&at)) => {
                let end = Event::End(tag.to_end());
                for (ev, _) in iter.by_ref() {
                    if ev == end {
                        break;
                    }
                }
            }
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => {
                let mut inner = Vec::new();
                let mut text = String::new();
                for (ev, _) in iter.by_ref() {
                    match ev {
                        Event::End(TagEnd::Heading(_)) => break,
                        Event::Text(ref t) | Event::Code(ref t) => text.push_str(t),
                        _ => {}
                    }
                    inner.push(ev);
                }
                let inner = inner
                    .into_iter()
                    .map(|e| r.rewrite_inline(e, pos))
                    .collect::<Vec<_>>();
                let text = match &r.cut {
                    Some(c) => c.visible(&text),
                    None => text,
                };
                r.heading(level, id, classes, inner, text, pos);
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                if matches!(kind, CodeBlockKind::Fenced(_)) {
                    if let Some(lines) = unclosed_fence(body, at.clone()) {
                        let d = Diagnostic::warning(format!(
                            "this code block is never closed: the {lines} line(s) after it, to the end of the file, are shown as code"
                        ))
                        .with_hint("close it with a line of the same fence (``` or ~~~), or remove the stray fence");
                        let d = r.diag_at(pos, d);
                        r.out.diagnostics.push(d);
                    }
                }
                let lang = match &kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split([' ', ',', '{']).next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                let mut code = String::new();
                for (ev, _) in iter.by_ref() {
                    match ev {
                        Event::End(TagEnd::CodeBlock) => break,
                        Event::Text(t) => code.push_str(&t),
                        _ => {}
                    }
                }
                r.push_text(&code);
                r.push_text(" ");
                let html = crate::highlight::code_block(&code, &lang, opts.highlight);
                r.events.push(Event::Html(html.into()));
            }
            // Scrollable blocks must be reachable by keyboard; task-list
            // checkboxes need a label (the item's text).
            Event::Start(Tag::Table(align)) => {
                r.events.push(Event::Html(
                    "<div class=\"table-wrap\" tabindex=\"0\">\n".into(),
                ));
                r.events.push(Event::Start(Tag::Table(align)));
            }
            Event::End(TagEnd::Table) => {
                r.events.push(Event::End(TagEnd::Table));
                r.events.push(Event::Html("</div>\n".into()));
            }
            Event::TaskListMarker(done) => {
                let checked = if done { " checked" } else { "" };
                r.events.push(Event::InlineHtml(
                    format!("<label class=\"task\"><input type=\"checkbox\" disabled{checked}> ")
                        .into(),
                ));
                r.open_label = true;
            }
            // Local images with a known size: responsive markup, written
            // whole at the end of the image (its text is the alt text).
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let url = r
                    .link_url(&dest_url, pos, true)
                    .unwrap_or(CowStr::Borrowed(""));
                // A fragment is a theme's styling mark (`foto.png#center`,
                // common in Hugo themes), not part of the photo.
                let photo = url.split('#').next().unwrap_or(&url);
                match r.resolver.image(photo) {
                    Some(m) => {
                        r.picture = Some((m, photo.to_string(), title.to_string(), String::new()))
                    }
                    None => {
                        r.in_image += 1;
                        r.events.push(Event::Start(Tag::Image {
                            link_type,
                            dest_url: url,
                            title,
                            id,
                        }));
                    }
                }
            }
            Event::Text(t) | Event::Code(t) if r.picture.is_some() => {
                if let Some(p) = r.picture.as_mut() {
                    p.3.push_str(&t);
                }
            }
            Event::End(TagEnd::Image) if r.picture.is_some() => {
                if let Some((m, url, title, alt)) = r.picture.take() {
                    let html = picture(&url, &alt, Some(&title), &m, r.images_seen == 0);
                    r.images_seen += 1;
                    r.push_text(" ");
                    r.events.push(Event::InlineHtml(html.into()));
                }
            }
            _ if r.picture.is_some() => {}
            // Footnotes as pulldown-cmark writes them, but their ids are
            // `fn-<label>`: a footnote `[^sumber]` and a heading "Sumber"
            // would otherwise both be `id="sumber"`.
            Event::FootnoteReference(label) => {
                let n = r.footnote_number(&label);
                let id = footnote_id(&label);
                r.events.push(Event::InlineHtml(
                    format!("<sup class=\"footnote-reference\"><a href=\"#{id}\">{n}</a></sup>")
                        .into(),
                ));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let n = r.footnote_number(&label);
                let id = footnote_id(&label);
                r.out.ids.push(id.clone());
                r.events.push(Event::Html(
                    format!("<div class=\"footnote-definition\" id=\"{id}\"><sup class=\"footnote-definition-label\">{n}</sup>\n").into(),
                ));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                r.events.push(Event::Html("</div>\n".into()));
            }
            Event::End(TagEnd::Image) => {
                r.images_seen += 1;
                r.in_image = r.in_image.saturating_sub(1);
                r.push_text(" ");
                r.events.push(Event::End(TagEnd::Image));
            }
            other => {
                if r.open_label
                    && matches!(
                        other,
                        Event::End(TagEnd::Paragraph | TagEnd::Item) | Event::Start(Tag::List(_))
                    )
                {
                    r.events.push(Event::InlineHtml("</label>".into()));
                    r.open_label = false;
                }
                let ev = r.rewrite_inline(other, pos);
                r.track(&ev);
                r.events.push(ev);
            }
        }
    }
    drop(iter);
    for (at, reference) in unresolved.into_inner() {
        let pos = range.start + cut.as_ref().map_or(at, |c| c.original_pos(at));
        let d = Diagnostic::warning(format!(
            "the link's reference `[{reference}]` is defined nowhere in this file, so readers see its brackets as typed"
        ))
        .with_hint(format!(
            "add a line `[{reference}]: https://…` below the text, or write the address in the link: `[text](https://…)`"
        ));
        let d = r.diag_at(pos, d);
        r.out.diagnostics.push(d);
    }
    if let Some(c) = &cut {
        r.out.anchors.extend(c.anchors.iter().cloned());
        r.out.thumbs.extend(c.thumbs.iter().cloned());
    }
    r.finish()
}

struct Renderer<'i, 'a> {
    input: &'i Input<'i>,
    opts: Options2,
    resolver: &'i dyn Resolver,
    out: Rendered,
    events: Vec<Event<'a>>,
    used_ids: HashSet<String>,
    headings: Vec<(u8, String, String)>,
    saw_raw_html: bool,
    /// Depth-less flag: inside the first top-level paragraph.
    in_first_paragraph: Option<bool>,
    /// The first paragraph as plain text (for the default summary).
    first_paragraph: String,
    /// The body as plain text so far (for the word count and the summary
    /// before `<!-- more -->`).
    plain: String,
    paragraphs_seen: usize,
    more_found: bool,
    /// For each open link: whether its end tag must be dropped (unsafe URL).
    skip_link_end: Vec<bool>,
    /// Inside a local image: its markup data, URL, title and alt text so far.
    picture: Option<(ImageMarkup, String, String, String)>,
    /// Images written so far (the first is not lazy).
    images_seen: usize,
    /// A task-list `<label>` is open until the item's text ends.
    open_label: bool,
    /// The body's shortcodes, cut out and rendered.
    cut: Option<&'i Cut>,
    /// Inside an image: its alt text is no part of the text around it.
    in_image: usize,
    /// Each footnote's number, in the order first met (as pulldown-cmark
    /// numbers them).
    footnotes: Vec<String>,
    /// Raw HTML so far ended inside a comment.
    in_html_comment: bool,
    /// The body has first-level headings: each heading goes a level down.
    demote: bool,
}

impl<'a> Renderer<'_, 'a> {
    fn footnote_number(&mut self, label: &str) -> usize {
        let id = footnote_id(label);
        match self.footnotes.iter().position(|l| *l == id) {
            Some(i) => i + 1,
            None => {
                self.footnotes.push(id);
                self.footnotes.len()
            }
        }
    }

    fn diag_at(&self, pos: usize, d: Diagnostic) -> Diagnostic {
        let (line, col) = line_col(self.input.src, pos);
        d.at(self.input.path, self.input.src, line, col)
    }

    fn push_text(&mut self, t: &str) {
        self.plain.push_str(t);
        if self.in_first_paragraph == Some(true) {
            self.first_paragraph.push_str(t);
        }
    }

    /// Keeps the plain-text side (summary, word count) in step with the HTML.
    fn track(&mut self, ev: &Event<'a>) {
        match ev {
            // A photo's alt text describes the photo: it is not read as part
            // of the sentence beside it (a summary, the word count).
            Event::Text(_) | Event::Code(_) if self.in_image > 0 => {}
            Event::Text(t) if t.contains(PLACEHOLDER_OPEN) => {
                if let Some(cut) = self.cut {
                    let own = cut.visible(t);
                    self.push_text(&own);
                    // A shortcode's text counts, but is no summary.
                    self.plain.push_str(&cut.shortcode_text(t));
                }
            }
            Event::Text(t) | Event::Code(t) => self.push_text(t),
            Event::SoftBreak | Event::HardBreak => self.push_text(" "),
            Event::Start(Tag::Paragraph) => {
                self.paragraphs_seen += 1;
                if self.paragraphs_seen == 1 {
                    self.in_first_paragraph = Some(true);
                }
            }
            Event::End(TagEnd::Paragraph) => {
                if self.in_first_paragraph == Some(true) {
                    self.in_first_paragraph = Some(false);
                    // Another generator's template tags (`{{% capture
                    // overview %}}`, `{{< feature-state … >}}`) are no words
                    // of it: a summary showing them would be shown
                    // everywhere the story is (cards, feeds, previews).
                    if self.first_paragraph.contains(['{', '}']) {
                        self.first_paragraph = without_templates(&self.first_paragraph);
                    }
                    // A paragraph with no words of its own (a photo, a
                    // video, a quote shortcode alone) is not the story's
                    // first paragraph: the summary is the next one's.
                    if self.first_paragraph.trim().is_empty() {
                        self.in_first_paragraph = None;
                        self.paragraphs_seen = 0;
                    }
                }
                self.push_text("\n");
            }
            Event::End(TagEnd::Item | TagEnd::TableCell | TagEnd::BlockQuote(_)) => {
                self.push_text(" ")
            }
            _ => {}
        }
    }

    /// Links, images and raw HTML: resolve, check and neutralise.
    fn rewrite_inline(&mut self, ev: Event<'a>, pos: usize) -> Event<'a> {
        match ev {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => match self.link_url(&dest_url, pos, false) {
                Some(url) => {
                    self.skip_link_end.push(false);
                    Event::Start(Tag::Link {
                        link_type,
                        dest_url: url,
                        title,
                        id,
                    })
                }
                None => {
                    self.skip_link_end.push(true);
                    Event::Text(CowStr::Borrowed(""))
                }
            },
            Event::End(TagEnd::Link) => {
                if self.skip_link_end.pop().unwrap_or(false) {
                    Event::Text(CowStr::Borrowed(""))
                } else {
                    Event::End(TagEnd::Link)
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let url = self
                    .link_url(&dest_url, pos, true)
                    .unwrap_or(CowStr::Borrowed(""));
                Event::Start(Tag::Image {
                    link_type,
                    dest_url: url,
                    title,
                    id,
                })
            }
            Event::Html(html) | Event::InlineHtml(html) if is_more_mark(&html) => {
                if !self.more_found {
                    self.more_found = true;
                    self.out.more_summary = Some(without_templates(&self.plain).trim().to_string());
                }
                Event::Text(CowStr::Borrowed(""))
            }
            Event::Html(html) => {
                self.saw_raw_html = true;
                self.removed_embed(&html, pos);
                Event::Html(html)
            }
            Event::InlineHtml(html) => {
                self.saw_raw_html = true;
                self.removed_embed(&html, pos);
                Event::InlineHtml(html)
            }
            other => other,
        }
    }

    /// A warning for raw HTML the sanitiser will take out that a writer
    /// meant readers to see: a video player pasted from a video site, an
    /// embed's script (with `html: trusted` everything stays).
    fn removed_embed(&mut self, html: &str, pos: usize) {
        if self.opts.html != HtmlPolicy::Safe {
            return;
        }
        let Some((name, head)) = removed_tag(html, &mut self.in_html_comment) else {
            return;
        };
        let src = crate::text::attr_value(head, "src")
            .filter(|v| !v.is_empty())
            .map(|v| v.replace("&amp;", "&"));
        let hint = match (name, &src) {
            ("iframe" | "video", Some(src)) => format!(
                "for a recording write `{{{{ video(url=\"{src}\") }}}}` on a line of its own (YouTube, Vimeo, Google Drive, Facebook, or a .mp4 file); for anything else, link to it"
            ),
            ("iframe" | "video", None) => "for a recording use `{{ video(url=\"…\") }}` on a line of its own; for anything else, link to it".to_string(),
            ("audio", _) => "offer the recording with `{{ download(path=\"…\") }}`".to_string(),
            _ => "link to the post or page it showed instead; a story's page runs no other site's code on readers' phones".to_string(),
        };
        let d = Diagnostic::warning(format!(
            "`<{name}>` is removed from the page (raw HTML is sanitised; `html: trusted` in cerita.yaml keeps it)"
        ))
        .with_hint(hint);
        let d = self.diag_at(pos, d);
        self.out.diagnostics.push(d);
    }

    /// The version in this file's language of the source at `path`, which
    /// a translation's link to the default language's file leads to
    /// ([`Resolver::translation`]); never this file itself (a translation's
    /// link to its original stays). A link with an `#anchor` is not asked
    /// about: the version's headings have ids of their own language.
    fn version_of(&self, path: &str) -> Option<String> {
        version_in(self.resolver, self.input, path)
    }

    /// The URL to emit for a link destination, or `None` to drop the link.
    fn link_url(&mut self, dest: &str, pos: usize, image: bool) -> Option<CowStr<'a>> {
        let dest = dest.trim();
        if let Some(d) = image.then(|| unshown_image(dest)).flatten() {
            let d = self.diag_at(pos, d);
            self.out.diagnostics.push(d);
            return Some(dest.to_string().into());
        }
        if let Some(rest) = dest.strip_prefix("@/") {
            let (path, anchor) = split_anchor(rest);
            // Not with an `#anchor`: a heading's id is its own language's.
            let version = anchor.is_none().then(|| self.version_of(path)).flatten();
            let path = version.as_deref().unwrap_or(path);
            return match self.resolver.source_url(path) {
                Some(url) => {
                    if let Some(a) = anchor {
                        self.anchor_ref(path.to_string(), a, pos);
                    }
                    Some(with_anchor(url, anchor).into())
                }
                // A file that is not Markdown: a photo, a PDF.
                None if self.resolver.asset_url(path).is_some() => {
                    let url = self.resolver.asset_url(path).unwrap_or_default();
                    Some(with_anchor(url, anchor).into())
                }
                None if self.resolver.is_unpublished(path) => {
                    let d = Diagnostic::error(format!("link to an unpublished story: `@/{path}` is a draft or dated in the future"))
                        .with_hint("publish that story first (remove `draft: true`), or remove the link until it is");
                    let d = self.diag_at(pos, d);
                    self.out.diagnostics.push(d);
                    Some(CowStr::Borrowed("#"))
                }
                None => {
                    let hint = match self.resolver.near(path) {
                        Some(near) => near_hint(&format!("@/{path}"), &near, path),
                        None => "`@/` links name a file under `content/`, e.g. `@/stories/2021/webinar.md`; check the spelling and that the file exists".to_string(),
                    };
                    let d = Diagnostic::error(format!("link to a missing file: `@/{path}`"))
                        .with_hint(hint);
                    let d = self.diag_at(pos, d);
                    self.out.diagnostics.push(d);
                    Some(CowStr::Borrowed("#"))
                }
            };
        }
        if let Some(anchor) = dest.strip_prefix('#') {
            if !anchor.is_empty() && !image {
                self.anchor_ref(self.input.content_path.to_string(), anchor, pos);
            }
            return Some(dest.to_string().into());
        }
        if let Some(scheme) = scheme_of(dest) {
            let allowed = matches!(scheme.as_str(), "http" | "https" | "mailto" | "tel");
            if !allowed && self.opts.html == HtmlPolicy::Safe {
                let d = Diagnostic::warning(format!(
                    "removed a `{scheme}:` link (only http, https, mailto and tel links are kept)"
                ))
                .with_hint("link to a web page with https://…");
                let d = self.diag_at(pos, d);
                self.out.diagnostics.push(d);
                return None;
            }
            return Some(dest.to_string().into());
        }
        if dest.starts_with("//") {
            return Some(dest.to_string().into());
        }
        if dest.starts_with('/') {
            if let Some(url) = self.bundle_address(dest) {
                return Some(url.into());
            }
            return Some(on_site(self.resolver.base_path(), dest).into());
        }
        if dest.is_empty() {
            return Some(CowStr::Borrowed(""));
        }
        // Relative: to another source or to a file beside this one.
        let (path, anchor) = split_anchor(dest);
        let path_only = path.split('?').next().unwrap_or(path);
        let Some(target) = join_relative(self.input.content_dir, &percent_decode(path_only)) else {
            return Some(dest.to_string().into());
        };
        if target.ends_with(".md") {
            let version = anchor.is_none().then(|| self.version_of(&target)).flatten();
            let target = version.unwrap_or(target);
            if let Some(url) = self.resolver.source_url(&target) {
                if let Some(a) = anchor {
                    self.anchor_ref(target, a, pos);
                }
                return Some(with_anchor(url, anchor).into());
            }
            let hint = match self.resolver.near(&target) {
                Some(near) => near_hint(path, &near, &target),
                None => format!(
                    "no file `content/{target}`; check the spelling, or link with `@/stories/…/file.md`"
                ),
            };
            let d = Diagnostic::error(format!("link to a missing file: `{dest}`")).with_hint(hint);
            let d = self.diag_at(pos, d);
            self.out.diagnostics.push(d);
            return Some(CowStr::Borrowed("#"));
        }
        if let Some(url) = self.resolver.asset_url(&target) {
            return Some(with_anchor(url, anchor).into());
        }
        if image {
            let hint = if is_template_value(dest) {
                TEMPLATE_IMAGE_HINT.to_string()
            } else if let Some(near) = self.resolver.near(&target) {
                near_hint(path, &near, &target)
            } else {
                format!(
                    "put the file at `content/{target}`, or fix the path (it is relative to this file's folder)"
                )
            };
            let d = Diagnostic::error(format!("image not found: `{dest}`")).with_hint(hint);
            let d = self.diag_at(pos, d);
            self.out.diagnostics.push(d);
        } else if let Some(near) = self.resolver.near(&target) {
            // A link to a file that is not there, when the folder holds one
            // it probably meant (a link may lead to what the host serves
            // besides, so only then).
            let d = Diagnostic::warning(format!("link to a missing file: `{dest}`"))
                .with_hint(near_hint(path, &near, &target));
            let d = self.diag_at(pos, d);
            self.out.diagnostics.push(d);
        }
        Some(dest.to_string().into())
    }

    /// A page bundle's file at the address Hugo published it at
    /// (`/posts/rapat/images/1.png` in `stories/rapat/index.md`): the file
    /// beside the story, when there is one (cerita publishes the bundle
    /// elsewhere, so the address as written would lead nowhere).
    fn bundle_address(&self, dest: &str) -> Option<String> {
        let folder = self.input.content_dir.rsplit('/').next()?;
        if folder.is_empty() {
            return None;
        }
        let (path, anchor) = split_anchor(dest);
        let path = path.split('?').next().unwrap_or(path);
        let needle = format!("/{folder}/");
        let at = path.find(&needle)?;
        let rest = percent_decode(&path[at + needle.len()..]);
        let target = join_relative(self.input.content_dir, &rest)?;
        if rest.is_empty() || target.ends_with(".md") {
            return None;
        }
        let url = self.resolver.asset_url(&target)?;
        Some(with_anchor(url, anchor))
    }

    fn anchor_ref(&mut self, target: String, anchor: &str, pos: usize) {
        let (line, col) = line_col(self.input.src, pos);
        let line_text = self
            .input
            .src
            .lines()
            .nth(line - 1)
            .unwrap_or("")
            .to_string();
        self.out.anchors.push(AnchorRef {
            target,
            anchor: percent_decode(anchor),
            line,
            col,
            line_text,
        });
    }

    fn heading(
        &mut self,
        level: HeadingLevel,
        id: Option<CowStr<'a>>,
        classes: Vec<CowStr<'a>>,
        inner: Vec<Event<'a>>,
        text: String,
        pos: usize,
    ) {
        let lvl = if self.demote {
            (level as u8 + 1).min(6)
        } else {
            level as u8
        };
        let id = match id {
            Some(custom) => {
                let custom = custom.to_string();
                if !self.used_ids.insert(custom.clone()) {
                    let d = if LAYOUT_IDS.contains(&custom.as_str()) {
                        Diagnostic::warning(format!(
                            "heading id `{custom}` is already used by the page layout"
                        ))
                    } else {
                        Diagnostic::warning(format!(
                            "heading id `{custom}` is used twice on this page"
                        ))
                    }
                    .with_hint("give each heading a different `{#id}`");
                    let d = self.diag_at(pos, d);
                    self.out.diagnostics.push(d);
                }
                custom
            }
            None => {
                let mut base = heading_id(&text);
                if base.is_empty() {
                    base = "bagian".to_string();
                }
                let mut candidate = base.clone();
                let mut n = 1;
                while !self.used_ids.insert(candidate.clone()) {
                    candidate = format!("{base}-{n}");
                    n += 1;
                }
                candidate
            }
        };
        let id_attr = escape_attr(&id);
        let class_attr = if classes.is_empty() {
            String::new()
        } else {
            let joined: Vec<String> = classes.iter().map(|c| escape_attr(c)).collect();
            format!(" class=\"{}\"", joined.join(" "))
        };
        self.push_text(&text);
        self.push_text("\n");
        self.events.push(Event::Html(
            format!("<h{lvl} id=\"{id_attr}\"{class_attr}>").into(),
        ));
        self.events.extend(inner);
        self.events.push(Event::Html(
            format!(" <a class=\"heading-anchor\" href=\"#{id_attr}\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h{lvl}>\n").into(),
        ));
        self.out.heading_ids.push(id.clone());
        self.headings.push((lvl, id, text.trim().to_string()));
    }

    fn finish(mut self) -> Rendered {
        let mut html = String::with_capacity(self.input.src.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, self.events.into_iter());
        if self.saw_raw_html && self.opts.html == HtmlPolicy::Safe {
            html = sanitize(&html);
        }
        if self.saw_raw_html {
            // Trusted HTML is as the writer typed it (`name='x'`, `id=x`):
            // its ids are read as the sanitiser writes them out.
            let ids = match self.opts.html {
                HtmlPolicy::Safe => html_ids(&html),
                HtmlPolicy::Trusted => html_ids(&sanitize(&html)),
            };
            self.out.ids.extend(ids);
        }
        if let Some(cut) = self.cut {
            html = cut.paste(&html);
        }
        // The model keeps every page's HTML for the whole build: without its
        // growth slack (about 30 %, measured).
        html.shrink_to_fit();
        self.out.html = html;
        self.out.toc = build_toc(&self.headings);
        self.out.short_summary = truncate_words(self.first_paragraph.trim(), SUMMARY_WORDS);
        self.out.word_count = count_words(&self.plain);
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        h.update(self.out.html.as_bytes());
        for (level, id, title) in &self.headings {
            h.update(&[*level]);
            h.update(id.as_bytes());
            h.update(title.as_bytes());
        }
        self.out.hash = h.digest();
        self.out
    }
}

/// Marks where a shortcode's HTML goes: `\u{E000}`, the body's key, its
/// number, `\u{E001}` (private-use characters, which Markdown leaves
/// alone). The key is a hash of the body the placeholders are put in, so
/// a writer cannot type one (it would have to be a hash of a text holding
/// itself).
const PLACEHOLDER_OPEN: char = '\u{E000}';
const PLACEHOLDER_CLOSE: char = '\u{E001}';

/// A body with its shortcodes cut out: the text Markdown reads, and how to
/// put the shortcodes' HTML back.
struct Cut {
    /// This body's placeholder key.
    key: String,
    text: String,
    /// `(offset in text, offset in the original)` where each piece starts.
    map: Vec<(usize, usize)>,
    pieces: Vec<Piece>,
    /// `#anchors` in links inside shortcode bodies.
    anchors: Vec<AnchorRef>,
    /// Photos the shortcodes show as gallery tiles.
    thumbs: Vec<String>,
}

struct Piece {
    html: String,
    /// Alone on its lines: replaces its paragraph rather than sitting in one.
    block: bool,
    /// What a reader reads in it (for the word count).
    text: String,
}

impl Cut {
    /// The original offset of `at`, an offset in the cut text.
    fn original_pos(&self, at: usize) -> usize {
        let i = self.map.partition_point(|&(cut, _)| cut <= at);
        match i.checked_sub(1).and_then(|i| self.map.get(i)) {
            Some(&(cut, orig)) => orig + (at - cut),
            None => at,
        }
    }

    /// The pieces named in `text`, each as (start, end, index).
    fn placeholders(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(i) = text[from..].find(PLACEHOLDER_OPEN) {
            let start = from + i;
            from = start + PLACEHOLDER_OPEN.len_utf8();
            let Some(rest) = text[from..].strip_prefix(self.key.as_str()) else {
                continue;
            };
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            if digits > 0 && rest[digits..].starts_with(PLACEHOLDER_CLOSE) {
                if let Ok(n) = rest[..digits].parse::<usize>() {
                    let end = from + self.key.len() + digits + PLACEHOLDER_CLOSE.len_utf8();
                    out.push((start, end, n));
                    from = end;
                }
            }
        }
        out
    }

    /// `text` without its placeholders: the writer's own words.
    fn visible(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for (s, e, _) in self.placeholders(text) {
            out.push_str(&text[last..s]);
            last = e;
        }
        out.push_str(&text[last..]);
        out
    }

    /// The readable text of the shortcodes named in `text`.
    fn shortcode_text(&self, text: &str) -> String {
        let mut out = String::new();
        for (_, _, n) in self.placeholders(text) {
            if let Some(p) = self.pieces.get(n) {
                out.push(' ');
                out.push_str(&p.text);
                out.push(' ');
            }
        }
        out
    }

    /// The final HTML: each placeholder replaced by its shortcode's HTML. A
    /// block one takes the place of the paragraph Markdown put around it;
    /// one written inside a paragraph's text ends that paragraph and starts
    /// a new one after it (a `<figure>` cannot sit in a `<p>`). One that
    /// ended up inside a tag (an image's alt text, a link's title) is
    /// dropped, so theme markup never lands in an attribute.
    fn paste(&self, html: &str) -> String {
        let extra: usize = self.pieces.iter().map(|p| p.html.len()).sum();
        let mut out = String::with_capacity(html.len() + extra);
        let (mut last, mut scanned) = (0, 0);
        let (mut in_tag, mut in_p) = (false, false);
        for (s, e, n) in self.placeholders(html) {
            let gap = &html[scanned..s];
            for (k, b) in gap.bytes().enumerate() {
                match b {
                    b'<' => {
                        in_tag = true;
                        let rest = &gap[k..];
                        if rest.starts_with("<p>") || rest.starts_with("<p ") {
                            in_p = true;
                        } else if rest.starts_with("</p>") {
                            in_p = false;
                        }
                    }
                    b'>' => in_tag = false,
                    _ => {}
                }
            }
            scanned = s;
            let Some(piece) = self.pieces.get(n) else {
                continue;
            };
            let before = &html[last..s];
            last = e;
            if in_tag {
                out.push_str(before);
            } else if before.ends_with("<p>") && html[e..].starts_with("</p>") {
                out.push_str(&before[..before.len() - 3]);
                out.push_str(&piece.html);
                last = e + 4;
                scanned = last;
                in_p = false;
            } else if in_p && is_block_html(&piece.html) {
                out.push_str(before.strip_suffix("<p>").unwrap_or(before));
                if !before.ends_with("<p>") {
                    out.push_str("</p>\n");
                }
                out.push_str(&piece.html);
                if html[e..].starts_with("</p>") {
                    last = e + 4;
                    scanned = last;
                    in_p = false;
                } else {
                    out.push_str("\n<p>");
                }
            } else {
                out.push_str(before);
                out.push_str(&piece.html);
            }
        }
        out.push_str(&html[last..]);
        out
    }
}

/// The number of lines after the opening fence of the fenced code block
/// at `at` in `body` when no fence closes it: CommonMark then runs it to
/// the end of the document, so a stray fence turns the rest of a story
/// into code.
fn unclosed_fence(body: &str, at: std::ops::Range<usize>) -> Option<usize> {
    if !body[at.end..].trim().is_empty() {
        return None;
    }
    let block = &body[at];
    let mut lines = block.lines();
    let open = lines.next()?.trim_start();
    let mark = open.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let width = open.chars().take_while(|c| *c == mark).count();
    let rest: Vec<&str> = lines.collect();
    let closed = rest.last().is_some_and(|l| {
        let l = l.trim();
        l.chars().all(|c| c == mark) && l.chars().count() >= width
    });
    let shown = rest.iter().filter(|l| !l.trim().is_empty()).count();
    (!closed && shown > 0).then_some(shown)
}

/// Whether `html` starts with an element that cannot sit inside a `<p>`.
fn is_block_html(html: &str) -> bool {
    let Some(rest) = html.trim_start().strip_prefix('<') else {
        return false;
    };
    let name_len = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    let name = rest[..name_len].to_ascii_lowercase();
    crate::text::BLOCK_ELEMENTS.contains(&name.as_str())
}

/// What a shortcode call needs besides its file: the options, the link
/// table, the shortcodes and how deep in other shortcodes' bodies it is.
type CallContext<'c> = (Options2, &'c dyn Resolver, &'c dyn Shortcodes, usize);

/// Cuts the shortcodes out of `original` (the text at `range` of the
/// file), rendering each; `None` when there are none.
fn cut_shortcodes(
    input: &Input<'_>,
    range: &Range<usize>,
    original: &str,
    (opts, resolver, shortcodes, depth): CallContext<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Cut> {
    if !shortcode::may_contain(original) {
        return None;
    }
    let code = shortcode::code_ranges(original, parser_options());
    let (found, errors) = shortcode::find(original, &code);
    for e in errors {
        let (line, col) = line_col(input.src, range.start + e.pos);
        diagnostics.push(
            Diagnostic::error(e.message)
                .at(input.path, input.src, line, col)
                .with_hint(e.hint),
        );
    }
    let calls: Vec<Range<usize>> = found.iter().map(|f| f.span().clone()).collect();
    for w in shortcode::foreign(original, &code, &calls) {
        let (line, col) = line_col(input.src, range.start + w.pos);
        diagnostics.push(
            Diagnostic::warning(w.message)
                .at(input.path, input.src, line, col)
                .with_hint(w.hint),
        );
    }
    if found.is_empty() {
        return None;
    }
    let mut cut = Cut {
        key: format!("{:016x}", xxhash_rust::xxh3::xxh3_64(original.as_bytes())),
        text: String::with_capacity(original.len()),
        map: Vec::new(),
        pieces: Vec::new(),
        anchors: Vec::new(),
        thumbs: Vec::new(),
    };
    let mut last = 0;
    for f in found {
        let span = f.span().clone();
        cut.map.push((cut.text.len(), last));
        cut.text.push_str(&original[last..span.start]);
        let piece = match f {
            shortcode::Found::Literal { text, .. } => Piece {
                html: crate::text::escape_html(&text),
                block: false,
                text,
            },
            shortcode::Found::Call(call) => {
                let html = render_call(
                    input,
                    range,
                    &call,
                    (opts, resolver, shortcodes, depth),
                    diagnostics,
                    (&mut cut.anchors, &mut cut.thumbs),
                )
                .unwrap_or_default();
                if !call.block && is_block_html(&html) {
                    // Inside a paragraph it is moved out of it, but in a
                    // heading, a link or emphasis it would break the page.
                    let (line, col) = line_col(input.src, range.start + call.pos);
                    diagnostics.push(
                        Diagnostic::warning(format!(
                            "`{}` is a block of its own (a photo, a video, a card), not a part of a sentence",
                            call.name
                        ))
                        .at(input.path, input.src, line, col)
                        .with_hint("put it on a line of its own, with an empty line before and after it"),
                    );
                }
                Piece {
                    text: strip_tags(&html),
                    html,
                    block: call.block,
                }
            }
        };
        let block = piece.block;
        cut.pieces.push(piece);
        if block {
            cut.text.push('\n');
        }
        cut.map.push((cut.text.len(), span.start));
        cut.text.push(PLACEHOLDER_OPEN);
        cut.text.push_str(&cut.key);
        cut.text.push_str(&(cut.pieces.len() - 1).to_string());
        cut.text.push(PLACEHOLDER_CLOSE);
        if block {
            cut.text.push('\n');
        }
        last = span.end;
    }
    cut.map.push((cut.text.len(), last));
    cut.text.push_str(&original[last..]);
    Some(cut)
}

/// One call's HTML (its body rendered first), or `None` after an error.
fn render_call(
    input: &Input<'_>,
    range: &Range<usize>,
    call: &shortcode::Call,
    (opts, resolver, shortcodes, depth): CallContext<'_>,
    diagnostics: &mut Vec<Diagnostic>,
    (anchors, thumbs): (&mut Vec<AnchorRef>, &mut Vec<String>),
) -> Option<String> {
    let mut site = CallSite {
        input,
        offset: range.start,
        resolver,
        diagnostics,
        thumbs,
    };
    let names = shortcodes.names();
    if !names.contains(&call.name.as_str()) {
        let mut known: Vec<&str> = names.clone();
        known.sort_unstable();
        let hint = match zola_video(call).filter(|_| names.contains(&"video")) {
            Some(video) => format!(
                "cerita's shortcode for a video is `video`, given the video's address: {video}"
            ),
            None => match crate::text::closest(&call.name, &names) {
                Some(c) => format!(
                    "did you mean `{c}`? The shortcodes are the templates in `templates/shortcodes/`: {}",
                    known.join(", ")
                ),
                None if known.is_empty() => {
                    "this site has no shortcodes; add a template `templates/shortcodes/NAME.html`"
                        .to_string()
                }
                None => format!(
                    "the shortcodes are the templates in `templates/shortcodes/`: {}",
                    known.join(", ")
                ),
            },
        };
        site.push(
            call.pos,
            Diagnostic::error(format!("unknown shortcode `{}`", call.name)).with_hint(hint),
        );
        return None;
    }
    if depth >= MAX_NESTING {
        site.push(
            call.pos,
            Diagnostic::error(format!("shortcodes nested more than {MAX_NESTING} deep"))
                .with_hint("close the outer shortcodes with `{% end %}` before opening new ones"),
        );
        return None;
    }
    let body = call.body.as_ref().map(|b| {
        let inner = render_range(
            input,
            range.start + b.start..range.start + b.end,
            opts,
            resolver,
            shortcodes,
            depth + 1,
        );
        site.diagnostics.extend(inner.diagnostics);
        site.thumbs.extend(inner.thumbs);
        anchors.extend(inner.anchors);
        inner.html
    });
    shortcodes.render(call, body.as_deref(), &mut site)
}

/// The text of a shortcode's HTML, for the word count: tags dropped.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Nests a flat heading list by level.
fn build_toc(headings: &[(u8, String, String)]) -> Vec<TocEntry> {
    fn insert(list: &mut Vec<TocEntry>, entry: TocEntry) {
        if let Some(last) = list.last_mut() {
            if entry.level > last.level {
                insert(&mut last.children, entry);
                return;
            }
        }
        list.push(entry);
    }
    let mut toc = Vec::new();
    for (level, id, title) in headings {
        insert(
            &mut toc,
            TocEntry {
                level: *level,
                id: id.clone(),
                title: title.clone(),
                children: Vec::new(),
            },
        );
    }
    toc
}

fn split_anchor(s: &str) -> (&str, Option<&str>) {
    match s.split_once('#') {
        Some((p, a)) => (p, Some(a)),
        None => (s, None),
    }
}

fn with_anchor(url: String, anchor: Option<&str>) -> String {
    match anchor {
        Some(a) if !a.is_empty() => format!("{url}#{a}"),
        _ => url,
    }
}

/// The lower-cased scheme of an absolute URL (`javascript:` → `javascript`).
/// Control characters and spaces that browsers ignore are skipped, so
/// `java\tscript:` is still caught.
fn scheme_of(url: &str) -> Option<String> {
    let mut scheme = String::new();
    for c in url.chars() {
        if c == ':' {
            return (!scheme.is_empty()).then_some(scheme);
        }
        if c.is_ascii_control() || c == ' ' {
            continue;
        }
        if c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.') {
            scheme.push(c.to_ascii_lowercase());
        } else {
            return None;
        }
    }
    None
}

/// An address that is another generator's template syntax
/// (`{{site.logo_url}}`, `{{ .Params.image }}`, `{% link … %}`), which
/// cerita does not fill in.
pub fn is_template_value(dest: &str) -> bool {
    dest.contains("{{") || dest.contains("{%")
}

/// The hint for an image whose address is template syntax.
pub const TEMPLATE_IMAGE_HINT: &str = "that is the old site's template value, which cerita does not fill in: write the image's file name (beside the Markdown file), `/…` for a file in `static/`, or its https:// address in its place";

/// An error for a picture in a format browsers do not show (an iPhone's
/// HEIC photo, a TIFF scan, a camera's raw file, a Photoshop file), which
/// would be a broken image for nearly every reader; `None` for any other
/// address. Only the file name's extension is read.
pub fn unshown_image(dest: &str) -> Option<Diagnostic> {
    let path = dest.split(['?', '#']).next().unwrap_or(dest);
    // An address's path, not its host (`https://logo.example.ai`).
    let path = match path.split_once("//") {
        Some((scheme, rest)) if !scheme.contains('/') => rest.split_once('/')?.1,
        _ => path,
    };
    let name = path.rsplit('/').next().unwrap_or(path);
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    let (what, hint) = match ext.as_str() {
        "heic" | "heif" | "hif" => (
            "a HEIC photo (an iPhone's own format), which Chrome and Android phones do not show",
            "save it as JPEG and use that file instead: on an iPhone, Settings → Camera → Formats → Most Compatible takes JPEG photos; on a computer, open it and export or save it as JPEG",
        ),
        "tif" | "tiff" => (
            "a TIFF image, which browsers do not show",
            "save it as JPEG (a photo) or PNG (a drawing or screenshot) and use that file instead",
        ),
        "dng" | "cr2" | "cr3" | "nef" | "arw" | "orf" | "rw2" | "raf" | "raw" => (
            "a camera's raw file, which browsers do not show",
            "export it from the photo editor as JPEG and use that file instead",
        ),
        "psd" | "xcf" | "ai" => (
            "an image editor's working file, which browsers do not show",
            "export it as JPEG (a photo) or PNG (a drawing) and use that file instead",
        ),
        _ => return None,
    };
    Some(Diagnostic::error(format!("`{name}` is {what}")).with_hint(hint))
}

/// A footnote's id: `fn-` and its label as Markdown matches labels (case
/// and runs of spaces do not count), spaces as `-`, escaped.
fn footnote_id(label: &str) -> String {
    let words: Vec<String> = label.split_whitespace().map(str::to_lowercase).collect();
    format!("fn-{}", escape_attr(&words.join("-")))
}

/// The values of the `id` and `name` attributes in `html` (as written out
/// by the sanitiser or pulldown-cmark: double-quoted), which a link's
/// `#fragment` can go to.
fn html_ids(html: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for attr in [" id=\"", " name=\""] {
        for (at, _) in html.match_indices(attr) {
            let value = &html[at + attr.len()..];
            if let Some(end) = value.find('"') {
                // What an attribute's serialiser escapes.
                let id = value[..end]
                    .replace("&quot;", "\"")
                    .replace("&nbsp;", "\u{a0}")
                    .replace("&amp;", "&");
                ids.push(id);
            }
        }
    }
    ids
}

/// The first element of `html` the sanitiser takes out whole that a writer
/// meant readers to see (a player, an embed's script): its name and its
/// opening tag. Comments are skipped, `in_comment` carrying one across the
/// lines of an HTML block; so are quoted attribute values.
fn removed_tag<'h>(html: &'h str, in_comment: &mut bool) -> Option<(&'static str, &'h str)> {
    const REMOVED: [&str; 6] = ["iframe", "script", "video", "audio", "embed", "object"];
    let mut at = 0;
    let mut found = None;
    while at < html.len() {
        if *in_comment {
            match html[at..].find("-->") {
                Some(j) => {
                    at += j + 3;
                    *in_comment = false;
                    continue;
                }
                None => return found,
            }
        }
        let Some(j) = html[at..].find('<') else {
            break;
        };
        let start = at + j;
        if html[start..].starts_with("<!--") {
            *in_comment = true;
            at = start + 4;
            continue;
        }
        // The tag's end, past quoted values.
        let mut quote = None;
        let mut end = html.len();
        for (k, c) in html[start + 1..].char_indices() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '>') => {
                    end = start + 1 + k + 1;
                    break;
                }
                _ => {}
            }
        }
        let tag = &html[start..end];
        let name: String = tag[1..]
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        if found.is_none() {
            if let Some(r) = REMOVED.iter().find(|r| **r == name) {
                found = Some((*r, tag));
            }
        }
        at = end;
    }
    found
}

/// A root-relative address (`/files/laporan.pdf`) under the site's
/// sub-path `base` (`/cerita/files/laporan.pdf`), unless it is there
/// already.
pub fn on_site(base: &str, path: &str) -> String {
    match path.strip_prefix('/') {
        Some(rest) if !path.starts_with(base) => format!("{base}{rest}"),
        _ => path.to_string(),
    }
}

/// `stories/2021` + `../2020/a.md` → `stories/2020/a.md`; `None` when it leaves `content/`.
pub fn join_relative(dir: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in rel.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            if let Some(v) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Cleans rendered HTML that contained raw HTML from the writer: keeps
/// ordinary formatting and cerita's own markup, drops scripts, event handlers,
/// styles and `javascript:` URLs.
pub fn sanitize(html: &str) -> String {
    let mut b = ammonia::Builder::default();
    b.add_generic_attributes([
        "id",
        "class",
        "lang",
        "dir",
        "title",
        "aria-hidden",
        "aria-label",
        "tabindex",
    ])
    .add_tags([
        "input",
        "label",
        "figure",
        "figcaption",
        "details",
        "summary",
        "mark",
        "section",
    ])
    .add_tag_attributes("input", ["type", "checked", "disabled"])
    // An old post's bookmarks (`<a name="…">`), which its links go to.
    .add_tag_attributes("a", ["name"])
    .add_tag_attributes("pre", ["data-lang"])
    .add_tag_attributes("th", ["style"])
    .add_tag_attributes("td", ["style"])
    .add_tag_attributes(
        "img",
        ["width", "height", "loading", "decoding", "srcset", "sizes"],
    )
    .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
    .link_rel(None)
    .strip_comments(true);
    b.clean(html).to_string()
}

/// Words in `text`: runs of non-space holding a letter or a digit, and
/// one for every two Chinese or Japanese characters, which are written
/// without spaces (about 400 to a minute where readers take 200 words). The
/// same count as `text.split_whitespace().filter(|w|
/// w.chars().any(char::is_alphanumeric)).count()` for other text, with
/// ASCII read a byte at a time (the body's text is most of a build's input).
pub fn count_words(text: &str) -> usize {
    // Per ASCII byte: bit 0 a letter or digit, bit 1 a space.
    const CLASS: [u8; 128] = {
        let mut t = [0u8; 128];
        let mut b = 0;
        while b < 128 {
            let c = b as u8;
            if c.is_ascii_alphanumeric() {
                t[b] = 1;
            } else if c.is_ascii_whitespace() || c == 0x0b {
                t[b] = 2;
            }
            b += 1;
        }
        t
    };
    let bytes = text.as_bytes();
    // Without branches on the classes: word edges are too frequent to predict.
    let (mut count, mut seen, mut i, mut cjk) = (0usize, 0u8, 0usize, 0usize);
    while let Some(&b) = bytes.get(i) {
        let class = if let Some(&class) = CLASS.get(usize::from(b)) {
            i += 1;
            class
        } else {
            let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            i += c.len_utf8();
            if crate::text::is_cjk(c) {
                // Counted apart, and a word's edge for the letters around.
                cjk += 1;
                seen = 0;
                continue;
            }
            u8::from(c.is_alphanumeric()) | (u8::from(c.is_whitespace()) << 1)
        };
        let (alnum, space) = (class & 1, class >> 1);
        count += usize::from(alnum & !seen & 1);
        seen = (seen | alnum) & (space ^ 1);
    }
    count + cjk.div_ceil(2)
}

/// `text` without the template tags of other generators that a moved-in
/// body still holds as text: Hugo's `{{< … >}}` and `{{% … %}}`, Liquid's
/// `{% … %}` and `{{ … }}` (cerita's own shortcodes are cut out before).
fn without_templates(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('{') {
        let tail = &rest[i..];
        let close = ["{{<", "{{%", "{%", "{{"]
            .iter()
            .find(|o| tail.starts_with(**o))
            .map(|o| match *o {
                "{{<" => ">}}",
                "{{%" => "%}}",
                "{%" => "%}",
                _ => "}}",
            });
        match close.and_then(|c| tail.find(c).map(|j| j + c.len())) {
            Some(end) => {
                out.push_str(&rest[..i]);
                rest = &tail[end..];
            }
            None => {
                out.push_str(&rest[..=i]);
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out.split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The first `max` words of `text`, with `…` when cut; Chinese and
/// Japanese, written without spaces, two characters to a word (as
/// [`count_words`] counts them), so their summaries are cut too.
pub fn truncate_words(text: &str, max: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if !text.chars().any(crate::text::is_cjk) {
        return if words.len() <= max {
            words.join(" ")
        } else {
            cut(words[..max].join(" "))
        };
    }
    // In half words: a word of other letters is two, a CJK character one.
    let budget = max * 2;
    let mut used = 0;
    let mut out: Vec<&str> = Vec::new();
    for w in &words {
        let mut end = w.len();
        // Whether the last char was a letter or digit of another script.
        let mut in_word = false;
        for (i, c) in w.char_indices() {
            let cjk = crate::text::is_cjk(c);
            let letter = !cjk && c.is_alphanumeric();
            if cjk {
                used += 1;
            } else if letter && !in_word {
                used += 2;
            }
            in_word = letter;
            if used > budget {
                end = i;
                break;
            }
        }
        if used > budget {
            if end > 0 {
                out.push(&w[..end]);
            }
            return cut(out.join(" "));
        }
        out.push(w);
    }
    out.join(" ")
}

/// A cut summary, without the punctuation it was cut at, and `…`.
fn cut(s: String) -> String {
    let mut s = s
        .trim_end_matches([',', ';', ':', '.', '-', '，', '、', '。', '：', '；'])
        .to_string();
    s.push('…');
    s
}

/// `youtube(id="…")` or `vimeo(id="…")`, as Zola sites and themes write
/// them, as cerita's `video` call.
fn zola_video(call: &shortcode::Call) -> Option<String> {
    let id = match call.arg("id").map(|a| &a.value) {
        Some(shortcode::Value::Str(s)) => s.clone(),
        Some(shortcode::Value::Int(n)) => n.to_string(),
        _ => return None,
    };
    let url = match call.name.as_str() {
        "youtube" => format!("https://www.youtube.com/watch?v={id}"),
        "vimeo" => format!("https://vimeo.com/{id}"),
        _ => return None,
    };
    Some(format!("`{{{{ video(url=\"{url}\") }}}}`"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_relative_addresses_go_under_the_sites_sub_path_once() {
        assert_eq!(on_site("/", "/files/a.pdf"), "/files/a.pdf");
        assert_eq!(on_site("/cerita/", "/files/a.pdf"), "/cerita/files/a.pdf");
        assert_eq!(
            on_site("/cerita/", "/cerita/files/a.pdf"),
            "/cerita/files/a.pdf"
        );
    }

    struct Fake;
    impl Resolver for Fake {
        fn source_url(&self, p: &str) -> Option<String> {
            (p == "stories/2021/a.md").then(|| "/stories/a/".to_string())
        }
        fn asset_url(&self, p: &str) -> Option<String> {
            (p == "stories/2021/foto.jpg").then(|| "/stories/2021/foto.jpg".to_string())
        }
        fn base_path(&self) -> &str {
            "/"
        }
    }

    fn md(body: &str) -> Rendered {
        md_with(body, HtmlPolicy::Safe)
    }

    fn md_with(body: &str, html: HtmlPolicy) -> Rendered {
        let above = Above {
            title: "x",
            cover: "",
        };
        let opts = Options2 {
            html,
            highlight: true,
            hard_breaks: false,
        };
        story(body, above, opts)
    }

    #[test]
    fn hard_breaks_keep_the_lines_as_typed() {
        let body = "Jl. Kaliurang km 5\nYogyakarta\n\n```\na\nb\n```\n";
        let with = |hard_breaks| {
            let opts = Options2 {
                html: HtmlPolicy::Safe,
                highlight: false,
                hard_breaks,
            };
            story(body, Above::default(), opts)
        };
        let kept = with(true);
        assert!(
            kept.html
                .contains("<p>Jl. Kaliurang km 5<br />\nYogyakarta</p>"),
            "{}",
            kept.html
        );
        // Code is as it was; the plain text (summary, search) has a space.
        assert!(kept.html.contains("a\nb"), "{}", kept.html);
        assert!(
            kept.short_summary.contains("km 5 Yogyakarta"),
            "{}",
            kept.short_summary
        );
        let joined = with(false);
        assert!(
            joined
                .html
                .contains("<p>Jl. Kaliurang km 5\nYogyakarta</p>"),
            "{}",
            joined.html
        );
    }

    /// `body` as a story's (`content/stories/2021/b.md`) under `above`.
    fn story(body: &str, above: Above<'_>, opts: Options2) -> Rendered {
        let src = format!("---\ntitle: x\n---\n{body}");
        let input = Input {
            path: Path::new("content/stories/2021/b.md"),
            src: &src,
            body_offset: 17,
            content_dir: "stories/2021",
            content_path: "stories/2021/b.md",
            lang: crate::lang::Lang::ID,
            above,
        };
        render(&input, opts, &Fake)
    }

    /// A stray fence runs a code block to the end of the file, as in
    /// Hugo: a warning at the fence; closed blocks, also at the end, and a
    /// fence on the file's last line are not reported.
    #[test]
    fn a_code_block_never_closed_is_a_warning_at_its_fence() {
        let warned = |body: &str| -> Vec<(Option<usize>, String)> {
            md(body)
                .diagnostics
                .iter()
                .filter(|d| d.message.contains("never closed"))
                .map(|d| (d.line, d.message.clone()))
                .collect()
        };
        let stray = "## Contoh\n\n```plaintext\ncontent/\n```\n````\n\n## Mengapa?\n\nTeks.\n";
        assert_eq!(
            warned(stray),
            [(
                Some(9),
                "this code block is never closed: the 2 line(s) after it, to the end of the file, are shown as code".to_string()
            )]
        );
        assert!(md(stray).html.contains("## Mengapa?"));
        for fine in [
            "```\nkode\n```\n",
            "````rust\nfn a() {}\n`````\n",
            "~~~\nkode\n~~~",
            "```\nkode\n```\n\nTeks.\n",
            "Teks.\n\n```\n",
            "- butir\n\n  ```\n  kode\n  ```\n",
        ] {
            assert!(warned(fine).is_empty(), "{fine:?}");
        }
        assert_eq!(warned("- butir\n\n  ```\n  kode\n").len(), 1);
    }

    #[test]
    fn first_level_headings_go_a_level_down() {
        let r =
            md("# Sesi Pertama\n\n## Detail\n\nTeks.\n\nSesi Kedua\n==========\n\n###### Kecil\n");
        assert!(r.html.contains("<h2 id=\"sesi-pertama\">"), "{}", r.html);
        assert!(r.html.contains("<h3 id=\"detail\">"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"sesi-kedua\">"), "{}", r.html);
        assert!(r.html.contains("<h6 id=\"kecil\">"), "{}", r.html);
        assert!(!r.html.contains("<h1"), "{}", r.html);
        assert_eq!(r.toc.len(), 2);
        assert_eq!(r.toc[0].children[0].id, "detail");
        // `#` in code, or no first level at all: levels as written.
        let r = md("## Sesi\n\n```bash\n# komentar\n```\n\n=== bukan judul\n");
        assert!(r.html.contains("<h2 id=\"sesi\">"), "{}", r.html);
    }

    /// `body` under a story titled `title` with the cover `cover`.
    fn covered(title: &str, cover: &str, body: &str) -> Rendered {
        let opts = Options2 {
            html: HtmlPolicy::Safe,
            highlight: false,
            hard_breaks: false,
        };
        story(body, Above { title, cover }, opts)
    }

    #[test]
    fn an_opening_copy_of_the_cover_is_left_out() {
        for (cover, body) in [
            ("rapat.jpg", "![Warga rapat](rapat.jpg)\n\nIsi.\n"),
            ("./rapat.jpg", "[![Warga](rapat.jpg)](rapat.jpg)\n\nIsi.\n"),
            (
                "@/stories/2021/rapat foto.jpg",
                "\n![](rapat%20foto.jpg)\n\nIsi.\n",
            ),
        ] {
            let r = covered("Rapat", cover, body);
            assert_eq!(r.html, "<p>Isi.</p>\n", "{body}");
        }
        // After the title's heading too.
        let r = covered(
            "Rapat",
            "rapat.jpg",
            "# Rapat\n\n![Rapat](rapat.jpg)\n\n## Hasil\n",
        );
        assert!(r.html.starts_with("<h2 id=\"hasil\">"), "{}", r.html);
        // Kept: another photo, text beside it, a photo further down.
        for body in [
            "![Lain](lain.jpg)\n\nIsi.\n",
            "![Rapat](rapat.jpg) Warga datang.\n",
            "Pembuka.\n\n![Rapat](rapat.jpg)\n",
        ] {
            let r = covered("Rapat", "rapat.jpg", body);
            assert!(r.html.contains("<img"), "{body}: {}", r.html);
        }
    }

    /// `body` under a story titled `title`.
    fn titled(title: &str, body: &str) -> Rendered {
        covered(title, "", body)
    }

    #[test]
    fn an_opening_heading_repeating_the_title_is_left_out() {
        let title = "Pelatihan \"Menulis\" untuk Warga: Hari 1";
        for body in [
            "# Pelatihan Menulis untuk Warga: Hari 1\n\nIsi.\n",
            "\n\n## pelatihan *“Menulis”* untuk  warga — hari 1\n\nIsi.\n",
            "Pelatihan Menulis untuk Warga Hari 1\n===\n\nIsi.\n",
            // In HTML, as StackEdit exports it.
            "<h1 id=\"pelatihan\">Pelatihan &ldquo;Menulis&rdquo; untuk Warga: <em>Hari 1</em></h1>\n\nIsi.\n",
        ] {
            let r = titled(title, body);
            assert_eq!(r.html, "<p>Isi.</p>\n", "{body:?}");
            assert!(r.toc.is_empty() && r.heading_ids.is_empty(), "{body:?}");
        }
        // The other headings keep their levels when the title was the
        // body's one first-level heading, and go down when it was not.
        let r = titled("Rapat", "# Rapat\n\n## Hasil\n");
        assert!(r.html.starts_with("<h2 id=\"hasil\">"), "{}", r.html);
        let r = titled("Rapat", "# Rapat\n\n# Hasil\n");
        assert!(r.html.starts_with("<h2 id=\"hasil\">"), "{}", r.html);
        // Kept: another text, anything before it, a third level, an id or
        // class of its own, a heading further down, no title at all.
        for (title, body) in [
            ("Rapat", "# Rapat warga\n"),
            ("Rapat", "Pembuka.\n\n# Rapat\n"),
            ("Rapat", "### Rapat\n"),
            ("Rapat", "# Rapat {#rapat}\n"),
            ("Rapat", "# Rapat {.besar}\n"),
            ("", "# \n"),
            ("Rapat", "<h1>Rapat warga</h1>\n"),
            ("Rapat", "<h1>Rapat</h1>\n<p>Isi</p>\n"),
            ("Rapat", "<h3>Rapat</h3>\n"),
        ] {
            let r = titled(title, body);
            assert!(r.html.contains("<h"), "{title:?} {body:?}: {}", r.html);
        }
    }

    #[test]
    fn headings_get_unique_ids_and_toc() {
        let r = md("## Sesi Pertama\n\n### Detail\n\n## Sesi Pertama\n\n## Lain {#khusus}\n");
        assert_eq!(
            r.heading_ids,
            ["sesi-pertama", "detail", "sesi-pertama-1", "khusus"]
        );
        assert!(r.html.contains("<h2 id=\"sesi-pertama\">Sesi Pertama <a class=\"heading-anchor\" href=\"#sesi-pertama\""));
        assert_eq!(r.toc.len(), 3);
        assert_eq!(r.toc[0].children[0].id, "detail");
    }

    #[test]
    fn at_links_resolve_and_missing_ones_error_with_line() {
        let r = md("Lihat [a](@/stories/2021/a.md#x).\n\nDan [b](@/stories/nope.md).\n");
        assert!(r.html.contains("href=\"/stories/a/#x\""));
        assert_eq!(r.anchors[0].anchor, "x");
        let err = &r.diagnostics[0];
        assert_eq!(err.line, Some(6));
        assert!(err.message.contains("@/stories/nope.md"));
    }

    #[test]
    fn a_reference_defined_nowhere_is_named_and_brackets_in_prose_are_not() {
        let r = md(
            "Unduh dari [TestFlight][testflight] atau [Play][]. Catatan [sic], [1] dan [ada][ok].\n\n[ok]: https://example.org/\n\n    [kode][x]\n",
        );
        let named: Vec<_> = r.diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(named.len(), 2, "{named:?}");
        assert!(
            named[0].contains("`[testflight]` is defined nowhere"),
            "{named:?}"
        );
        assert!(named[1].contains("`[Play]`"), "{named:?}");
        assert_eq!(r.diagnostics[0].line, Some(4));
        assert!(r.html.contains("href=\"https://example.org/\""));
    }

    #[test]
    fn relative_assets_and_missing_images() {
        let r = md("![Foto](foto.jpg)\n\n![Hilang](hilang.jpg)\n");
        assert!(r.html.contains("src=\"/stories/2021/foto.jpg\""));
        assert_eq!(r.diagnostics.len(), 1);
        assert!(r.diagnostics[0].message.contains("hilang.jpg"));
    }

    #[test]
    fn raw_html_is_sanitised_by_default() {
        let r = md(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1)) <b>tebal</b>\n",
        );
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(!r.html.contains("onerror"));
        assert!(!r.html.contains("javascript:"));
        assert!(r.html.contains("<b>tebal</b>"));
        let trusted = md_with("<span onclick=\"x()\">t</span>\n", HtmlPolicy::Trusted);
        assert!(trusted.html.contains("onclick"));
    }

    /// Ids a trusted site's raw HTML writes as the writer typed them (in
    /// single quotes, without quotes) are ids a link may go to, as they are
    /// once sanitised.
    #[test]
    fn ids_in_raw_html_count_however_quoted() {
        let body = "<a name='lama'></a>Teks <span id=catatan>x</span> <p ID=\"besar\">y</p>\n";
        for policy in [HtmlPolicy::Safe, HtmlPolicy::Trusted] {
            let r = md_with(body, policy);
            for id in ["lama", "catatan", "besar"] {
                assert!(
                    r.ids.iter().any(|i| i == id),
                    "{policy:?} {id}: {:?}",
                    r.ids
                );
            }
        }
    }

    #[test]
    fn summary_sources() {
        let r = md("Paragraf pertama **tebal**.\n\nKedua.\n\n<!-- more -->\n\nKetiga.\n");
        assert_eq!(r.short_summary, "Paragraf pertama tebal.");
        assert_eq!(
            r.more_summary
                .as_deref()
                .unwrap()
                .split_whitespace()
                .count(),
            4
        );
        assert!(!r.html.contains("more"));
        assert_eq!(r.word_count, 5);
        // Chinese: two characters to a word, and a summary cut as long.
        let zh = "消除了数据路径上代理层的需求，访问日志和流量指标都更清楚。".repeat(4);
        let r = md(&format!("Kmesh {zh}\n"));
        assert_eq!(r.word_count, 1 + 27 * 4 / 2);
        assert!(r.short_summary.ends_with('…'), "{}", r.short_summary);
        assert_eq!(
            r.short_summary
                .chars()
                .filter(|c| crate::text::is_cjk(*c))
                .count(),
            78
        );
        assert_eq!(count_words("Rapat 访问日志 warga"), 4);
        assert_eq!(truncate_words("访问日志", 2), "访问日志");
        assert_eq!(truncate_words("访问日志 和流量", 2), "访问日志…");
        // Another generator's template tags are no summary.
        let r = md(
            "{{% capture overview %}}\n\n{{< feature-state for_k8s_version=\"v1.16\" state=\"alpha\" >}} Pod overhead is a feature.\n",
        );
        assert_eq!(r.short_summary, "Pod overhead is a feature.");
        // Hugo's and Jekyll's spelling, Docusaurus's word.
        for mark in ["<!--more-->", "<!-- MORE -->", "<!-- truncate -->"] {
            let r = md(&format!("Satu dua.\n\n{mark}\n\nTiga.\n"));
            assert_eq!(r.more_summary.as_deref(), Some("Satu dua."), "{mark}");
            assert!(!r.html.contains("<!--"), "{mark}: {}", r.html);
        }
        assert!(
            md("Satu.\n\n<!-- more about it -->\n\nDua.\n")
                .more_summary
                .is_none()
        );
        // An imported post's photo right before its first words.
        let r = md("![logo-transparan](logo.png)Google membuat peta.\n");
        assert_eq!(r.short_summary, "Google membuat peta.");
        // A story that opens with a photo, or raw HTML, alone in its
        // paragraph: the summary is the first paragraph with words.
        let r = md("![Logo Cloudmate](logo.png)\n\nCloudmate bergabung.\n\nLagi.\n");
        assert_eq!(r.short_summary, "Cloudmate bergabung.");
        let r = md("<img src=\"a.png\" alt=\"x\">\n\nKata pertama.\n");
        assert_eq!(r.short_summary, "Kata pertama.");
    }

    #[test]
    fn code_blocks_are_highlighted_with_classes() {
        let r = md("```yaml\ntitle: Halo\n```\n\n```tidak-dikenal\nx < y\n```\n");
        assert!(
            r.html
                .contains("<pre class=\"code\" data-lang=\"yaml\" tabindex=\"0\">")
        );
        assert!(r.html.contains("x &lt; y"));
    }

    #[test]
    fn schemes_and_paths() {
        assert_eq!(
            scheme_of("JavaScript:alert(1)").as_deref(),
            Some("javascript")
        );
        assert_eq!(scheme_of("java\tscript:x").as_deref(), Some("javascript"));
        assert_eq!(scheme_of("foto.jpg"), None);
        assert_eq!(
            join_relative("stories/2021", "../2020/a.md").as_deref(),
            Some("stories/2020/a.md")
        );
        assert_eq!(join_relative("stories", "../../x"), None);
        assert_eq!(truncate_words("a b c d", 2), "a b…");
    }
}
