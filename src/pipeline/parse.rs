//! Stage 2 over every source, in parallel, with the per-file cache that
//! lets a rebuild skip files that did not change: front matter (2a, keyed
//! by the file's text hash) and Markdown (2b, keyed by the text hash and
//! the shortcodes' and options' hash, and kept while every question the
//! render asked the link table gets the answer it got: see [`Asked`]).
//! `cerita build` starts with an empty cache; the preview server keeps one
//! across rebuilds.
//!
//! The keys are paths under `content/`; the texts' hashes come from the
//! load stage ([`crate::load::Source::hash`]).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::frontmatter::{self, ParsedSource};
use crate::load::{SiteFiles, Source};
use crate::markdown::{self, ImageMarkup, Rendered, Resolver};
use crate::model::{Catalog, SiteResolver};

/// 2a: every source's front matter, in the order of `files.sources`,
/// reusing unchanged files' results. The cache forgets files that are gone.
pub fn front_matter(files: &SiteFiles, cache: &mut Cache) -> Vec<Arc<ParsedSource>> {
    let parsed: Vec<Arc<ParsedSource>> = files
        .sources
        .par_iter()
        .map(|src| {
            cache
                .parsed(&src.content_path, src.hash)
                .unwrap_or_else(|| Arc::new(frontmatter::parse_in(src, &cache.zone)))
        })
        .collect();
    for (src, p) in files.sources.iter().zip(&parsed) {
        cache.put_parsed(&src.content_path, src.hash, p);
    }
    let live: HashSet<&str> = files
        .sources
        .iter()
        .map(|s| s.content_path.as_str())
        .collect();
    cache.retain(&live);
    parsed
}

/// What a Markdown render depends on besides its own text.
#[derive(Clone, Copy)]
pub struct Links<'a> {
    pub resolver: &'a SiteResolver,
    /// The options' and the shortcodes' hash: part of every render's key.
    pub hash: u64,
    pub options: markdown::Options2,
    /// The theme's shortcodes (their templates are part of `hash`).
    pub shortcodes: &'a dyn markdown::Shortcodes,
}

/// 2b: every published body ([`Catalog::entries`] order), in parallel,
/// reusing unchanged renders. `texts`, when not empty, holds the sources'
/// whole texts by index in `files.sources` (whose own texts are then only
/// their front matter): each is dropped as soon as it is rendered.
pub fn bodies(
    catalog: &Catalog<'_>,
    mut texts: Vec<Option<String>>,
    links: Links<'_>,
    cache: &mut Cache,
) -> Vec<Arc<Rendered>> {
    let entries: Vec<_> = catalog.entries().collect();
    let inputs: Vec<Cow<'_, str>> = entries
        .iter()
        .map(|e| match texts.get_mut(e.index).and_then(Option::take) {
            Some(text) => Cow::Owned(text),
            None => Cow::Borrowed(e.src.text.as_str()),
        })
        .collect();
    drop(texts);
    let cached: &Cache = cache;
    let rendered: Vec<(Arc<Rendered>, Asked)> = entries
        .par_iter()
        .zip(inputs.into_par_iter())
        .map(|(e, text)| {
            let at = (e.parsed.body_offset, e.lang, e.parsed.above());
            body(e.src, &text, at, links, cached)
        })
        .collect();
    entries
        .iter()
        .zip(rendered)
        .map(|(e, (r, asked))| {
            cache.put_markdown(&e.src.content_path, (e.src.hash, links.hash), &r, asked);
            r
        })
        .collect()
}

/// One source's body, from the cache when its text is unchanged and the
/// link table answers what the render asked it as before, with those
/// questions and answers. `text` is the source's whole text (positions are
/// counted in it), its body starting at `body_offset`, written in `lang`,
/// shown under `above` (its title and cover).
pub fn body(
    src: &Source,
    text: &str,
    (body_offset, lang, above): (usize, crate::lang::Lang, markdown::Above<'_>),
    links: Links<'_>,
    cache: &Cache,
) -> (Arc<Rendered>, Asked) {
    if let Some(hit) = cache.markdown(&src.content_path, (src.hash, links.hash), links.resolver) {
        return hit;
    }
    let input = markdown::Input {
        path: &src.path,
        src: text,
        body_offset,
        content_dir: src.content_dir(),
        content_path: &src.content_path,
        lang,
        above,
    };
    if !cache.keep_renders {
        let r = markdown::render_with(&input, links.options, links.resolver, links.shortcodes);
        return (Arc::new(r), Arc::new([]));
    }
    let recording = Recording {
        table: links.resolver,
        asked: Mutex::default(),
    };
    let r = markdown::render_with(&input, links.options, &recording, links.shortcodes);
    let asked = recording.asked.into_inner().unwrap_or_default();
    (Arc::new(r), asked.into())
}

/// The questions a render asked the link table, each with its answer. A
/// render depends on its text, the options, the shortcodes and these
/// answers alone: when the table gives the same answers, it is still the
/// render of its text. So a story renamed, published or withdrawn renders
/// again only the files that link to it, not all of them.
pub type Asked = Arc<[(Ask, Answer)]>;

/// One question to the link table ([`Resolver`]), by method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    SourceUrl(String),
    AssetUrl(String),
    Image(String),
    Unpublished(String),
    AssetBytes(String),
    DataText(String),
    AssetsIn(String),
    Near(String),
    Translation(String, crate::lang::Lang),
    BasePath,
}

/// What the link table answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Text(Option<String>),
    /// Boxed: the answers are kept for each page, most of them short.
    Image(Option<Box<ImageMarkup>>),
    Yes(bool),
    Bytes(Option<u64>),
    List(Vec<String>),
}

impl Ask {
    /// `table`'s answer to this question.
    fn answer(&self, table: &dyn Resolver) -> Answer {
        match self {
            Ask::SourceUrl(p) => Answer::Text(table.source_url(p)),
            Ask::AssetUrl(p) => Answer::Text(table.asset_url(p)),
            Ask::Image(url) => Answer::Image(table.image(url).map(Box::new)),
            Ask::Unpublished(p) => Answer::Yes(table.is_unpublished(p)),
            Ask::AssetBytes(p) => Answer::Bytes(table.asset_bytes(p)),
            Ask::DataText(p) => Answer::Text(table.data_text(p).map(str::to_owned)),
            Ask::AssetsIn(dir) => Answer::List(table.assets_in(dir)),
            Ask::Near(p) => Answer::Text(table.near(p)),
            Ask::Translation(p, lang) => Answer::Text(table.translation(p, *lang)),
            Ask::BasePath => Answer::Text(Some(table.base_path().to_owned())),
        }
    }
}

/// The link table, noting every question asked of it and its answer.
struct Recording<'a> {
    table: &'a dyn Resolver,
    asked: Mutex<Vec<(Ask, Answer)>>,
}

impl Recording<'_> {
    fn ask(&self, ask: Ask) -> Answer {
        let answer = ask.answer(self.table);
        if let Ok(mut asked) = self.asked.lock() {
            if !asked.iter().any(|(a, _)| *a == ask) {
                asked.push((ask, answer.clone()));
            }
        }
        answer
    }
}

impl Resolver for Recording<'_> {
    fn source_url(&self, content_path: &str) -> Option<String> {
        match self.ask(Ask::SourceUrl(content_path.to_owned())) {
            Answer::Text(url) => url,
            _ => None,
        }
    }
    fn asset_url(&self, content_path: &str) -> Option<String> {
        match self.ask(Ask::AssetUrl(content_path.to_owned())) {
            Answer::Text(url) => url,
            _ => None,
        }
    }
    fn base_path(&self) -> &str {
        self.ask(Ask::BasePath);
        self.table.base_path()
    }
    fn image(&self, url: &str) -> Option<ImageMarkup> {
        match self.ask(Ask::Image(url.to_owned())) {
            Answer::Image(m) => m.map(|m| *m),
            _ => None,
        }
    }
    fn is_unpublished(&self, content_path: &str) -> bool {
        matches!(
            self.ask(Ask::Unpublished(content_path.to_owned())),
            Answer::Yes(true)
        )
    }
    fn asset_bytes(&self, content_path: &str) -> Option<u64> {
        match self.ask(Ask::AssetBytes(content_path.to_owned())) {
            Answer::Bytes(n) => n,
            _ => None,
        }
    }
    fn data_text(&self, content_path: &str) -> Option<&str> {
        self.ask(Ask::DataText(content_path.to_owned()));
        self.table.data_text(content_path)
    }
    fn assets_in(&self, dir: &str) -> Vec<String> {
        match self.ask(Ask::AssetsIn(dir.to_owned())) {
            Answer::List(files) => files,
            _ => Vec::new(),
        }
    }
    fn near(&self, content_path: &str) -> Option<String> {
        match self.ask(Ask::Near(content_path.to_owned())) {
            Answer::Text(path) => path,
            _ => None,
        }
    }
    fn translation(&self, content_path: &str, lang: crate::lang::Lang) -> Option<String> {
        match self.ask(Ask::Translation(content_path.to_owned(), lang)) {
            Answer::Text(path) => path,
            _ => None,
        }
    }
}

/// Front matter and Markdown of every source, by path under `content/`.
#[derive(Debug)]
pub struct Cache {
    pub(crate) parsed: HashMap<String, (u64, Arc<ParsedSource>)>,
    /// Text hash, options' hash, the render, what it asked the link table.
    pub(crate) markdown: HashMap<String, (u64, u64, Arc<Rendered>, Asked)>,
    /// Whether renders are kept for another run (and what they asked the
    /// link table noted): not for a build, which runs once.
    keep_renders: bool,
    /// The site's clock, on which dates written without a zone are read
    /// (a new `time_zone` is a new pipeline, and so a new cache).
    pub(crate) zone: crate::text::Zone,
}

impl Default for Cache {
    fn default() -> Self {
        Cache {
            parsed: HashMap::new(),
            markdown: HashMap::new(),
            keep_renders: true,
            zone: crate::text::Zone::default(),
        }
    }
}

impl Cache {
    pub fn new() -> Self {
        Self::default()
    }

    /// A cache for one run (`cerita build`): Markdown renders are not kept.
    pub fn for_one_run() -> Self {
        Cache {
            keep_renders: false,
            ..Self::default()
        }
    }

    /// This cache, reading dates without a zone on `zone`'s clock.
    pub fn in_zone(self, zone: crate::text::Zone) -> Self {
        Cache { zone, ..self }
    }

    pub(crate) fn parsed(&self, path: &str, hash: u64) -> Option<Arc<ParsedSource>> {
        self.parsed
            .get(path)
            .filter(|(h, _)| *h == hash)
            .map(|(_, p)| p.clone())
    }

    /// The last parse of `path`, whatever its text was.
    pub(crate) fn last_parsed(&self, path: &str) -> Option<Arc<ParsedSource>> {
        self.parsed.get(path).map(|(_, p)| p.clone())
    }

    /// The render of `path` with text hash and options' hash `key`, if
    /// `table` answers every question it asked as before.
    pub(crate) fn markdown(
        &self,
        path: &str,
        key: (u64, u64),
        table: &dyn Resolver,
    ) -> Option<(Arc<Rendered>, Asked)> {
        self.markdown
            .get(path)
            .filter(|(h, o, _, _)| (*h, *o) == key)
            .filter(|(_, _, _, asked)| asked.iter().all(|(q, a)| q.answer(table) == *a))
            .map(|(_, _, r, asked)| (r.clone(), asked.clone()))
    }

    /// The files whose kept render asked the link table about the source
    /// at `content_path` (its address, or whether it is published).
    pub(crate) fn linking_to(&self, content_path: &str) -> Vec<String> {
        let about =
            |q: &Ask| matches!(q, Ask::SourceUrl(p) | Ask::Unpublished(p) if p == content_path);
        self.markdown
            .iter()
            .filter(|(path, (_, _, _, asked))| {
                path.as_str() != content_path && asked.iter().any(|(q, _)| about(q))
            })
            .map(|(path, _)| path.clone())
            .collect()
    }

    /// Whether a kept render asked which version of one of `paths` is in
    /// a language: a change to their translation group changes its links.
    pub(crate) fn asked_versions_of(&self, paths: &[&str]) -> bool {
        self.markdown.values().any(|(_, _, _, asked)| {
            asked
                .iter()
                .any(|(q, _)| matches!(q, Ask::Translation(p, _) if paths.contains(&p.as_str())))
        })
    }

    /// Stores a parse result (without reallocating the key when it is known).
    pub(crate) fn put_parsed(&mut self, path: &str, hash: u64, p: &Arc<ParsedSource>) {
        match self.parsed.get_mut(path) {
            Some(slot) => {
                if slot.0 != hash || !Arc::ptr_eq(&slot.1, p) {
                    *slot = (hash, p.clone());
                }
            }
            None => {
                self.parsed.insert(path.to_string(), (hash, p.clone()));
            }
        }
    }

    /// Stores the render of `path` with text hash and options' hash `key`.
    pub(crate) fn put_markdown(
        &mut self,
        path: &str,
        (hash, options): (u64, u64),
        r: &Arc<Rendered>,
        asked: Asked,
    ) {
        if !self.keep_renders {
            return;
        }
        match self.markdown.get_mut(path) {
            Some(slot) => *slot = (hash, options, r.clone(), asked),
            None => {
                self.markdown
                    .insert(path.to_string(), (hash, options, r.clone(), asked));
            }
        }
    }

    /// Drops entries for files that no longer exist.
    pub(crate) fn retain(&mut self, live: &HashSet<&str>) {
        self.parsed.retain(|k, _| live.contains(k.as_str()));
        self.markdown.retain(|k, _| live.contains(k.as_str()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::Kind;
    use crate::markdown::NoShortcodes;

    fn source(content_path: &str, text: &str) -> Source {
        Source {
            kind: Kind::Story,
            path: format!("content/{content_path}").into(),
            content_path: content_path.into(),
            text: text.into(),
            hash: xxhash_rust::xxh3::xxh3_64(text.as_bytes()),
        }
    }

    /// A link table with `b` and `c` at the given addresses, and `d`
    /// unpublished when `draft`.
    fn table(b: &str, c: &str, draft: bool) -> SiteResolver {
        let unpublished = if draft {
            vec!["stories/d.md".into()]
        } else {
            vec![]
        };
        let mut t = SiteResolver::new("/".into(), &[], unpublished, &Default::default());
        t.add_source("stories/b.md", b.into());
        t.add_source("stories/c.md", c.into());
        t
    }

    /// Renders `src` with `table` through `cache` and keeps the result.
    fn render(src: &Source, table: &SiteResolver, cache: &mut Cache) -> Arc<Rendered> {
        let links = Links {
            resolver: table,
            hash: 7,
            options: markdown::Options2 {
                html: crate::config::HtmlPolicy::Safe,
                highlight: false,
                hard_breaks: false,
            },
            shortcodes: &NoShortcodes,
        };
        let lang = crate::lang::Lang::ID;
        let (r, asked) = body(
            src,
            &src.text,
            (0, lang, markdown::Above::default()),
            links,
            cache,
        );
        cache.put_markdown(&src.content_path, (src.hash, links.hash), &r, asked);
        r
    }

    #[test]
    fn a_render_is_kept_while_the_link_table_answers_it_as_before() {
        let a = source(
            "stories/a.md",
            "See [b](@/stories/b.md) and [d](@/stories/d.md).\n",
        );
        let mut cache = Cache::new();
        let first = render(&a, &table("/stories/b/", "/stories/c/", false), &mut cache);
        assert!(
            first.html.contains("href=\"/stories/b/\""),
            "{}",
            first.html
        );
        // Another story renamed: `a` never asked about it.
        let again = render(
            &a,
            &table("/stories/b/", "/stories/c-new/", false),
            &mut cache,
        );
        assert!(Arc::ptr_eq(&first, &again));
        // The story it links to renamed: rendered again, with the new address.
        let renamed = render(
            &a,
            &table("/stories/b-new/", "/stories/c-new/", false),
            &mut cache,
        );
        assert!(!Arc::ptr_eq(&first, &renamed));
        assert!(
            renamed.html.contains("href=\"/stories/b-new/\""),
            "{}",
            renamed.html
        );
        // A story it links to made a draft: rendered again, and the link's
        // error is there.
        assert!(
            renamed
                .diagnostics
                .iter()
                .any(|d| d.message.contains("missing file"))
        );
        let draft = render(
            &a,
            &table("/stories/b-new/", "/stories/c-new/", true),
            &mut cache,
        );
        assert!(!Arc::ptr_eq(&renamed, &draft));
        assert!(
            draft
                .diagnostics
                .iter()
                .any(|d| d.message.contains("unpublished"))
        );
        // Its own text changed: rendered again, whatever the table says.
        let b = source("stories/a.md", "Only [b](@/stories/b.md).\n");
        let edited = render(
            &b,
            &table("/stories/b-new/", "/stories/c-new/", true),
            &mut cache,
        );
        assert!(!edited.html.contains("stories/d"));
    }
}
