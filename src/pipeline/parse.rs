//! Stage 2 over every source, in parallel, with the per-file cache that
//! lets a rebuild skip files that did not change: front matter (2a, keyed
//! by the file's text hash) and Markdown (2b, keyed by the text hash and the
//! link table's hash, since links to other files are resolved while
//! rendering). `cerita build` starts with an empty cache; the preview
//! server keeps one across rebuilds.
//!
//! The keys are paths under `content/`; the texts' hashes come from the
//! load stage ([`crate::load::Source::hash`]).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use crate::frontmatter::{self, ParsedSource};
use crate::load::{SiteFiles, Source};
use crate::markdown::{self, Rendered};
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
                .unwrap_or_else(|| Arc::new(frontmatter::parse(src)))
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
    /// [`SiteResolver::fingerprint`]: the cache key of every render.
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
    let rendered: Vec<Arc<Rendered>> = entries
        .par_iter()
        .zip(inputs.into_par_iter())
        .map(|(e, text)| body(e.src, &text, (e.parsed.body_offset, e.lang), links, cached))
        .collect();
    for (e, r) in entries.iter().zip(&rendered) {
        cache.put_markdown(&e.src.content_path, e.src.hash, links.hash, r);
    }
    rendered
}

/// One source's body, from the cache when its text and links are unchanged.
/// `text` is the source's whole text (positions are counted in it), its
/// body starting at `body_offset`, written in `lang`.
pub fn body(
    src: &Source,
    text: &str,
    (body_offset, lang): (usize, crate::lang::Lang),
    links: Links<'_>,
    cache: &Cache,
) -> Arc<Rendered> {
    cache
        .markdown(&src.content_path, src.hash, links.hash)
        .unwrap_or_else(|| {
            let input = markdown::Input {
                path: &src.path,
                src: text,
                body_offset,
                content_dir: src.content_dir(),
                content_path: &src.content_path,
                lang,
            };
            Arc::new(markdown::render_with(
                &input,
                links.options,
                links.resolver,
                links.shortcodes,
            ))
        })
}

/// Front matter and Markdown of every source, by path under `content/`.
#[derive(Debug, Default)]
pub struct Cache {
    pub(crate) parsed: HashMap<String, (u64, Arc<ParsedSource>)>,
    pub(crate) markdown: HashMap<String, (u64, u64, Arc<Rendered>)>,
}

impl Cache {
    pub fn new() -> Self {
        Self::default()
    }

    pub(crate) fn parsed(&self, path: &str, hash: u64) -> Option<Arc<ParsedSource>> {
        self.parsed
            .get(path)
            .filter(|(h, _)| *h == hash)
            .map(|(_, p)| p.clone())
    }

    pub(crate) fn markdown(&self, path: &str, hash: u64, links: u64) -> Option<Arc<Rendered>> {
        self.markdown
            .get(path)
            .filter(|(h, l, _)| *h == hash && *l == links)
            .map(|(_, _, r)| r.clone())
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

    pub(crate) fn put_markdown(&mut self, path: &str, hash: u64, links: u64, r: &Arc<Rendered>) {
        match self.markdown.get_mut(path) {
            Some(slot) => *slot = (hash, links, r.clone()),
            None => {
                self.markdown
                    .insert(path.to_string(), (hash, links, r.clone()));
            }
        }
    }

    /// Drops entries for files that no longer exist.
    pub(crate) fn retain(&mut self, live: &HashSet<&str>) {
        self.parsed.retain(|k, _| live.contains(k.as_str()));
        self.markdown.retain(|k, _| live.contains(k.as_str()));
    }
}
