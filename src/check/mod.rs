//! `cerita check`'s checks on the rendered site.
//!
//! [`Collector`] is a render [`crate::output::Sink`] that keeps no pages, only what the
//! checks need from each: its links, ids, images without alt text and size,
//! read with html5ever's tokenizer (the HTML parser `ammonia` already uses).
//! [`Collector::verify`] then resolves every internal link and `#anchor`
//! (`target.rs`), and reports duplicate ids, images without alt text, story
//! pages over the weight budget and alternates in other languages that do
//! not name the page back, each at the source file (and line, when the
//! offending text is in it) or at the page when a template made it; with
//! `--external`, links to other sites are asked too (`external.rs`).

mod external;
mod target;
mod translations;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use crate::config::Config;
use crate::error::{Diagnostic, Diagnostics, Error};
use crate::model::{Sites, urls};
use crate::options::ExternalOptions;
use crate::output::Sink;
use external::{ExternalLink, check_external};
use target::{Target, target, target_on};

/// A story page's HTML plus its stylesheets may weigh this much.
pub const STORY_BUDGET: usize = 50 * 1024;

/// What one rendered page holds that the checks look at.
#[derive(Debug, Default)]
struct PageFacts {
    path: String,
    bytes: usize,
    /// `(attribute value, is a stylesheet)`.
    links: Vec<(String, bool)>,
    ids: Vec<String>,
    /// `<a name>` bookmarks: where a `#fragment` goes too, though no id.
    names: Vec<String>,
    images_without_alt: Vec<String>,
    /// `<link rel="alternate" hreflang href>`: the page in other languages.
    alternates: Vec<(String, String)>,
}

#[derive(Default)]
pub struct Collector {
    pages: Mutex<Vec<PageFacts>>,
    /// Every file written or copied, with its size.
    files: Mutex<HashMap<String, u64>>,
}

impl Sink for Collector {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), Error> {
        if path.ends_with(".html") {
            let facts = scan(path, &String::from_utf8_lossy(bytes));
            lock(&self.pages).push(facts);
        }
        lock(&self.files).insert(path.to_string(), bytes.len() as u64);
        Ok(())
    }

    fn copy(&self, src: &Path, path: &str) -> Result<(), Error> {
        let len = std::fs::metadata(src).map(|m| m.len()).unwrap_or(0);
        lock(&self.files).insert(path.to_string(), len);
        Ok(())
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

struct Scanner(std::cell::RefCell<PageFacts>);

impl TokenSink for Scanner {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        if let Token::TagToken(Tag {
            kind: TagKind::StartTag,
            name,
            attrs,
            ..
        }) = token
        {
            let mut f = self.0.borrow_mut();
            let attr = |n: &str| {
                attrs
                    .iter()
                    .find(|a| &*a.name.local == n)
                    .map(|a| a.value.to_string())
            };
            if let Some(id) = attr("id") {
                f.ids.push(id);
            }
            if let Some(n) = attr("name").filter(|_| &*name == "a") {
                f.names.push(n);
            }
            match &*name {
                "a" | "link" => {
                    if let Some(href) = attr("href") {
                        let rel = attr("rel").unwrap_or_default();
                        if &*name == "link" && rel == "alternate" {
                            if let Some(lang) = attr("hreflang") {
                                f.alternates.push((lang, href.clone()));
                            }
                        }
                        // Share links (`rel="nofollow"` to another site) are
                        // addresses for the reader's apps, not pages to check.
                        let share =
                            rel.split_whitespace().any(|r| r == "nofollow") && href.contains("://");
                        if !share {
                            f.links.push((href, rel.contains("stylesheet")));
                        }
                    }
                }
                "img" | "script" | "source" | "iframe" | "audio" | "video" => {
                    if let Some(src) = attr("src") {
                        if &*name == "img" && attr("alt").is_none_or(|a| a.trim().is_empty()) {
                            f.images_without_alt.push(src.clone());
                        }
                        f.links.push((src, false));
                    }
                }
                "form" => {
                    if let Some(action) = attr("action") {
                        f.links.push((action, false));
                    }
                }
                _ => {}
            }
        }
        TokenSinkResult::Continue
    }
}

fn scan(path: &str, html: &str) -> PageFacts {
    let sink = Scanner(std::cell::RefCell::new(PageFacts {
        path: path.to_string(),
        bytes: html.len(),
        ..Default::default()
    }));
    let tok = Tokenizer::new(sink, TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from(html));
    let _ = tok.feed(&queue);
    tok.end();
    tok.sink.0.into_inner()
}

impl Collector {
    /// Runs the checks; external links are returned for `--external`.
    pub fn verify(
        self,
        root: &Path,
        site: &Sites,
        config: &Config,
        external_check: Option<&ExternalOptions>,
    ) -> Diagnostics {
        let mut pages = self
            .pages
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        pages.sort_by(|a, b| a.path.cmp(&b.path));
        let files = self
            .files
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let ids: HashMap<&str, HashSet<&str>> = pages
            .iter()
            .map(|p| {
                let anchors = p.ids.iter().chain(&p.names).map(String::as_str);
                (p.path.as_str(), anchors.collect())
            })
            .collect();
        let sources = Sources::new(root, site);
        let mut diags = Diagnostics::default();
        let mut external: HashMap<String, Vec<String>> = HashMap::new();
        for page in &pages {
            let source = sources.of(&page.path);
            let mut seen_links = HashSet::new();
            for (link, _) in &page.links {
                if !seen_links.insert(link.as_str()) {
                    continue;
                }
                let problem = match target_on(&page.path, link, &config.base_url, &config.base_path)
                {
                    Target::External => {
                        external
                            .entry(link.trim().to_string())
                            .or_default()
                            .push(page.path.clone());
                        None
                    }
                    Target::Other => None,
                    Target::Outside => Some(format!(
                        "link `{link}` points outside the site (its `base_url` is `{}`)",
                        config.base_path
                    )),
                    Target::Local(rel, frag) => {
                        let exists = files.contains_key(&rel)
                            || (!rel.ends_with(".html")
                                && files.contains_key(&format!("{rel}/index.html")));
                        if !exists {
                            // The site's own sections are cerita's alone:
                            // nothing else can serve a page there. In each
                            // language's folder likewise, and the rest of
                            // it as at the root: a translation's link is
                            // judged as its original's.
                            let mut parts = rel.split('/');
                            let first = parts.next().unwrap_or("");
                            let in_lang = site
                                .langs
                                .iter()
                                .skip(1)
                                .any(|l| l.lang.code().eq_ignore_ascii_case(first));
                            let section = if in_lang { parts.next() } else { Some(first) };
                            let owned = section.is_none_or(|s| {
                                s.is_empty() || crate::model::urls::RESERVED.contains(&s)
                            });
                            if !owned
                                && sources.written_root_relative(source, link, &config.base_path)
                            {
                                // The writer's own `/assets/x.png`: the host
                                // may well serve it.
                                let d = Diagnostic::warning(format!(
                                    "link `{link}` goes to a file this site does not have"
                                ));
                                // `/id/…` on a site in Indonesian and
                                // more, as Hugo addresses a default
                                // language kept in its own folder.
                                let default = site.langs.first().map(|l| l.lang.code());
                                let hint = match rel.split('/').next() {
                                    Some(first) if site.langs.len() > 1 && default == Some(first) => format!(
                                        "the site's default language (`{first}`) is published at the root, not under `/{first}/`: link to the story's file with `@/stories/…`, or drop `/{first}` from the address"
                                    ),
                                    _ => "fine if the host serves that file from elsewhere; otherwise put it in `static/`, or link with a path relative to this file".to_string(),
                                };
                                diags.push(
                                    sources
                                        .diagnostic(d, source, &page.path, link)
                                        .with_hint(hint),
                                );
                                continue;
                            }
                            Some(format!("link `{link}` goes to a page that does not exist"))
                        } else {
                            if let Some(address) = own_language_page(site, &page.path, &rel, &files)
                                .filter(|_| {
                                    sources.written_root_relative(source, link, &config.base_path)
                                })
                            {
                                let d = Diagnostic::warning(format!(
                                    "link `{link}` leads to the page in the site's default language; this language has its own at `{}{address}`",
                                    config.base_path
                                ));
                                diags.push(sources.diagnostic(d, source, &page.path, link).with_hint(
                                    "link to the file with `@/pages/….md` or `@/stories/….md`, which leads to each language's version, or write this language's address",
                                ));
                            }
                            match frag {
                                Some(f) if !f.is_empty() && f != "top" => {
                                    let page_ids = ids
                                        .get(rel.as_str())
                                        .or_else(|| ids.get(format!("{rel}/index.html").as_str()));
                                    match page_ids {
                                        Some(set) if !set.contains(f.as_str()) => Some(format!(
                                            "link `{link}`: the page has no `#{f}` anchor (no element with id=\"{f}\")"
                                        )),
                                        _ => None,
                                    }
                                }
                                _ => None,
                            }
                        }
                    }
                };
                if let Some(msg) = problem {
                    diags.push(sources.diagnostic(Diagnostic::error(msg), source, &page.path, link).with_hint(
                        "fix the address; link to stories with `@/stories/<file>.md` so cerita checks them when you write them",
                    ));
                }
            }
            let mut seen = HashSet::new();
            let mut reported = HashSet::new();
            for id in &page.ids {
                let warned = sources
                    .repeated_headings
                    .get(&page.path)
                    .is_some_and(|r| r.contains(id));
                if !seen.insert(id.as_str()) && !warned && reported.insert(id.as_str()) {
                    let d = Diagnostic::error(format!(
                        "the id `{id}` is used more than once on this page, so `#{id}` links are ambiguous"
                    ));
                    diags.push(sources.diagnostic(d, source, &page.path, id).with_hint(
                        "give each heading a different text, or a different explicit `{#id}`",
                    ));
                }
            }
            for src in &page.images_without_alt {
                let d = Diagnostic::warning(format!("image `{src}` has no alt text"));
                diags.push(sources.diagnostic(d, source, &page.path, src).with_hint(
                    "describe the picture for readers who cannot see it: `![Ibu-ibu berdiskusi di balai desa](foto.jpg)`, or in a shortcode `figure(src=\"foto.jpg\", alt=\"Ibu-ibu berdiskusi di balai desa\")`",
                ));
            }
            if page.path.starts_with("stories/") {
                let css: u64 = page
                    .links
                    .iter()
                    .filter(|(_, sheet)| *sheet)
                    .filter_map(|(l, _)| match target(&page.path, l, &config.base_path) {
                        Target::Local(rel, _) => files.get(&rel).copied(),
                        _ => None,
                    })
                    .sum();
                let total = page.bytes as u64 + css;
                if total > STORY_BUDGET as u64 {
                    let d = Diagnostic::warning(format!(
                        "this story page weighs {} KB of HTML and CSS, over the {} KB budget for readers on slow connections",
                        total.div_ceil(1024),
                        STORY_BUDGET / 1024
                    ));
                    diags.push(sources.diagnostic(d, source, &page.path, "").with_hint(
                        "split the story into parts, or move long tables and code into linked files",
                    ));
                }
            }
        }
        check_alternates(&pages, config, &sources, &mut diags);
        diags.extend(translations::unjoined(site));
        diags.extend(translations::unshared(site));
        diags.extend(translations::untranslated(site));
        let mut ext: Vec<ExternalLink> = external
            .into_iter()
            .map(|(url, mut pages)| {
                pages.sort();
                pages.dedup();
                ExternalLink { url, pages }
            })
            .collect();
        ext.sort_by(|a, b| a.url.cmp(&b.url));
        if let Some(opts) = external_check {
            for (link, problem) in ext.iter().zip(check_external(&ext, opts)) {
                let Some((d, hint)) = problem else {
                    continue;
                };
                for page in &link.pages {
                    let d = sources.diagnostic(d.clone(), sources.of(page), page, &link.url);
                    diags.push(d.with_hint(hint));
                }
            }
        }
        diags
    }
}

/// Every page a page names as itself in another language must name it
/// back (search engines ignore alternates that are not reciprocal).
fn check_alternates(
    pages: &[PageFacts],
    config: &Config,
    sources: &Sources,
    diags: &mut Diagnostics,
) {
    let local =
        |page: &str, href: &str| match target_on(page, href, &config.base_url, &config.base_path) {
            Target::Local(rel, _) if rel.ends_with(".html") => Some(rel),
            Target::Local(rel, _) => Some(format!("{rel}/index.html")),
            _ => None,
        };
    let named: HashMap<&str, HashSet<String>> = pages
        .iter()
        .map(|p| {
            let set = p
                .alternates
                .iter()
                .filter(|(lang, _)| lang != "x-default")
                .filter_map(|(_, href)| local(&p.path, href))
                .collect();
            (p.path.as_str(), set)
        })
        .collect();
    for page in pages {
        for (lang, href) in page.alternates.iter().filter(|(l, _)| l != "x-default") {
            let Some(other) = local(&page.path, href) else {
                continue;
            };
            if other == page.path {
                continue;
            }
            if named
                .get(other.as_str())
                .is_some_and(|back| !back.contains(&page.path))
            {
                let d = Diagnostic::error(format!(
                    "this page names `{href}` as its `{lang}` version, but that page does not name it back"
                ));
                diags.push(sources.diagnostic(d, sources.of(&page.path), &page.path, href).with_hint(
                    "alternates must be reciprocal: check the theme's `<link rel=\"alternate\" hreflang>` and the stories' `translation_key`",
                ));
            }
        }
    }
}

/// A link on `page` (output path) of a translation to `rel`, a page of
/// the default language, where the page's own language has that page
/// too (`/about/` typed in a `zh-CN` story, as Jekyll's polyglot rewrote
/// each): that page's address in its language (`zh-cn/about/`).
fn own_language_page(
    site: &Sites,
    page: &str,
    rel: &str,
    files: &HashMap<String, u64>,
) -> Option<String> {
    let prefix = site
        .langs
        .iter()
        .skip(1)
        .map(|l| l.prefix.as_str())
        .find(|p| page.starts_with(p))?;
    if site
        .langs
        .iter()
        .skip(1)
        .any(|l| rel.starts_with(l.prefix.as_str()))
    {
        return None;
    }
    let theirs = format!("{prefix}{rel}");
    let key = theirs.trim_end_matches('/');
    (files.contains_key(key) || files.contains_key(&format!("{key}/index.html"))).then(|| {
        theirs
            .strip_suffix("index.html")
            .unwrap_or(&theirs)
            .to_string()
    })
}

/// Output page → the source file it was made from.
struct Sources {
    root: PathBuf,
    by_page: HashMap<String, PathBuf>,
    /// A page's heading ids that its Markdown repeats (already reported when parsing).
    repeated_headings: HashMap<String, HashSet<String>>,
    /// Source files read for placing diagnostics.
    text: Mutex<HashMap<PathBuf, SourceText>>,
}

/// A source file's text and the byte ranges of its code.
type SourceText = (String, Vec<std::ops::Range<usize>>);

impl Sources {
    fn new(root: &Path, sites: &Sites) -> Self {
        let mut by_page = HashMap::new();
        let mut repeated_headings = HashMap::new();
        let mut add = |page: String, path: &PathBuf, ids: &[String]| {
            let mut seen = HashSet::new();
            let repeated: HashSet<String> =
                ids.iter().filter(|i| !seen.insert(*i)).cloned().collect();
            if !repeated.is_empty() {
                repeated_headings.insert(page.clone(), repeated);
            }
            by_page.insert(page, path.clone());
        };
        for site in &sites.langs {
            for s in &site.stories {
                add(urls::output_file(&s.url), &s.path, &s.md.heading_ids);
            }
            for p in &site.pages {
                add(urls::output_file(&p.url), &p.path, &p.md.heading_ids);
            }
            for p in &site.partners {
                if let Some(profile) = &p.profile {
                    let page = format!("{}{}", site.prefix, urls::partner(&p.slug));
                    add(
                        urls::output_file(&page),
                        &profile.path,
                        &profile.md.heading_ids,
                    );
                }
            }
        }
        Sources {
            root: root.to_path_buf(),
            by_page,
            repeated_headings,
            text: Mutex::new(HashMap::new()),
        }
    }

    fn of(&self, page: &str) -> Option<&Path> {
        self.by_page.get(page).map(PathBuf::as_path)
    }

    /// Whether the source of a page writes `link` as a root-relative
    /// address itself (`](/assets/x.png)`, `src="/x"`), with or without the
    /// site's base path, rather than a template or cerita making it.
    fn written_root_relative(&self, source: Option<&Path>, link: &str, base: &str) -> bool {
        let Some(src) = source else {
            return false;
        };
        let path = link.split(['#', '?']).next().unwrap_or(link);
        let mut forms = vec![path.to_string()];
        if let Some(rest) = path.strip_prefix(base) {
            forms.push(format!("/{rest}"));
        }
        self.with_text(src, |text, _| {
            forms.iter().any(|f| {
                text.match_indices(f.as_str()).any(|(at, _)| {
                    let before = &text[..at];
                    let after = &text[at + f.len()..];
                    // As a whole address: `(/a)`, `"/a"`, `<…/a#x>`, or a
                    // reference definition's `[x]: /a`; not `/` inside
                    // `"/images/a.png"`.
                    let opens = before.ends_with(['(', '"', '\'', '<', '='])
                        || before.trim_end_matches([' ', '\t']).ends_with("]:");
                    let closes = after.is_empty()
                        || after
                            .starts_with([')', '"', '\'', '>', ' ', '\t', '\n', '\r', '#', '?']);
                    opens && closes
                })
            })
        })
    }

    /// Calls `f` with the text of source `src` and its code's byte
    /// ranges, read once per check.
    fn with_text<R>(&self, src: &Path, f: impl FnOnce(&str, &[std::ops::Range<usize>]) -> R) -> R {
        let mut cache = lock(&self.text);
        let (text, code) = cache.entry(src.to_path_buf()).or_insert_with(|| {
            let text = std::fs::read_to_string(self.root.join(src)).unwrap_or_default();
            let code = crate::markdown::code_in_source(&text);
            (text, code)
        });
        f(text, code)
    }

    /// Places `d` at the first occurrence of `needle` in the source file
    /// outside code (a link shown in a code block is no link), else its
    /// first occurrence, or at the file, or (for pages a template made) at
    /// the page.
    fn diagnostic(
        &self,
        d: Diagnostic,
        source: Option<&Path>,
        page: &str,
        needle: &str,
    ) -> Diagnostic {
        let Some(src) = source else {
            return d.at_path(format!("(rendered page) {page}"));
        };
        self.with_text(src, |text, code| {
            // A link as written, or (rewritten to a full path) its file name.
            let name = needle.rsplit('/').find(|s| !s.is_empty()).unwrap_or("");
            let needles = || [needle, name].into_iter().filter(|n| !n.is_empty());
            // The ranges are in order and apart: the one that may hold `at`
            // is the first to end after it.
            let in_code = |at: usize| {
                let k = code.partition_point(|r| r.end <= at);
                code.get(k).is_some_and(|r| r.start <= at)
            };
            // The body first: an address also in the front matter
            // (`aliases:`) is the body's link when the body has it.
            let body = crate::frontmatter::split(src, text).map_or(0, |s| s.body_offset);
            let first = |from: usize| {
                needles().find_map(|n| {
                    text.match_indices(n)
                        .map(|(at, _)| at)
                        .find(|&at| at >= from && !in_code(at))
                })
            };
            let found = first(body)
                .or_else(|| first(0))
                .or_else(|| needles().find_map(|n| text.find(n)));
            match found {
                Some(at) => {
                    let (line, col) = crate::text::line_col(text, at);
                    d.at(src, text, line, col)
                }
                None => d.at_path(src),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_scanned_for_links_ids_and_alt_text() {
        let f = scan(
            "x.html",
            r##"<link rel="stylesheet" href="/s.css"><h2 id="a">A</h2><p id=a><img src="x.jpg"><img src="y.jpg" alt="Y"><a href="#a">a</a>"##,
        );
        assert_eq!(f.ids, ["a", "a"]);
        assert_eq!(f.images_without_alt, ["x.jpg"]);
        assert_eq!(f.links[0], ("/s.css".to_string(), true));
        assert_eq!(f.links.len(), 4);
    }
}
