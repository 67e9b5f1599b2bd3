//! Per-source caches that let a rebuild skip work for files that did not
//! change: parsed front matter (keyed by the file's text hash) and rendered
//! Markdown (keyed by text hash and the link table's hash, since links to other
//! files are resolved while rendering). `cerita build` starts with an empty
//! cache; the preview server keeps one across rebuilds.

use std::collections::HashMap;
use std::sync::Arc;

use crate::error::Diagnostic;
use crate::frontmatter::{PageMeta, PartnerMeta, StoryMeta};
use crate::markdown::Rendered;

/// Typed front matter of one source, owned so it can outlive the source text.
#[derive(Debug, Clone)]
pub enum Meta {
    /// Shared with the model's stories, so a rebuild does not copy it.
    Story(Arc<StoryMeta>),
    Partner(PartnerMeta),
    Page(PageMeta),
}

/// The front-matter stage's result for one file.
#[derive(Debug, Clone)]
pub struct ParsedSource {
    pub meta: Option<Meta>,
    pub body_offset: usize,
    pub diagnostics: Vec<Diagnostic>,
}

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
    pub(crate) fn retain(&mut self, live: &std::collections::HashSet<&str>) {
        self.parsed.retain(|k, _| live.contains(k.as_str()));
        self.markdown.retain(|k, _| live.contains(k.as_str()));
    }
}
