//! Patching a model after the most common edit while writing: one story's
//! text changed and its front matter did not. Its title, date, slug,
//! partners, tags and links from other files are then what they were, so the
//! model is the same but for that story's rendered body and summary, and for
//! Markdown's diagnostics and the `#anchor` checks, which are redone over
//! every file (cheap: no file is rendered again). Anything else is a full
//! [`super::build`].

use std::collections::HashMap;
use std::sync::Arc;

use super::{Cache, Meta, Site, SiteResolver, check_anchors, parse_source};
use crate::error::Diagnostic;
use crate::load::{Kind, SiteFiles, Source};
use crate::markdown::{self, Rendered};

/// What a full model build keeps for [`Patchable::story_body`].
pub struct Patchable {
    pub(super) resolver: SiteResolver,
    pub(super) links_hash: u64,
    pub(super) md_opts: markdown::Options2,
    /// Every diagnostic but Markdown's own and the anchor checks'.
    pub(super) base: Vec<Diagnostic>,
    /// The load stage's diagnostics the model was built with.
    pub(super) files_diags: Vec<Diagnostic>,
    /// Every rendered source (stories, pages, profiles) and its render.
    pub(super) items: Vec<String>,
    pub(super) rendered: Vec<Arc<Rendered>>,
    /// Story → hash of its front-matter block (fences included).
    pub(super) fronts: HashMap<String, u64>,
}

impl Patchable {
    /// Updates `site` after the story at `content_path` (under `content/`)
    /// changed in `files`. Returns the model's new diagnostics and the
    /// story's index in `site.stories`, or `None`
    /// when the edit is more than a story's body: then nothing was changed
    /// and the caller builds the model in full.
    pub fn story_body(
        &mut self,
        site: &mut Site,
        files: &SiteFiles,
        content_path: &str,
        cache: &mut Cache,
    ) -> Option<(Vec<Diagnostic>, usize)> {
        if files.diagnostics != self.files_diags {
            return None;
        }
        let src = files.source(content_path)?;
        if src.kind != Kind::Story {
            return None;
        }
        let parsed = cache
            .parsed(content_path, src.hash)
            .unwrap_or_else(|| Arc::new(parse_source(src)));
        let Some(Meta::Story(meta)) = &parsed.meta else {
            return None;
        };
        let front = src.text.get(..parsed.body_offset)?;
        if self.fronts.get(content_path) != Some(&xxhash_rust::xxh3::xxh3_64(front.as_bytes())) {
            return None;
        }
        // Published before, hence now (same front matter; drafts and
        // future stories are never in `site.stories`).
        let si = site
            .stories
            .iter()
            .position(|s| s.content_path == content_path)?;
        let item = self.items.iter().position(|p| p == content_path)?;
        let r = cache
            .markdown(content_path, src.hash, self.links_hash)
            .unwrap_or_else(|| {
                let input = markdown::Input {
                    path: &src.path,
                    src: &src.text,
                    body_offset: parsed.body_offset,
                    content_dir: src.content_dir(),
                    content_path: &src.content_path,
                };
                Arc::new(markdown::render(&input, self.md_opts, &self.resolver))
            });
        // Every other file's text must be the one the model was built from,
        // for the anchor checks' positions.
        let pairs: Vec<(&Source, &Arc<Rendered>)> = self
            .items
            .iter()
            .zip(&self.rendered)
            .enumerate()
            .map(|(i, (p, old))| Some((files.source(p)?, if i == item { &r } else { old })))
            .collect::<Option<_>>()?;
        let mut diags = self.base.clone();
        check_anchors(&pairs, &mut diags);

        cache.put_parsed(content_path, src.hash, &parsed);
        cache.put_markdown(content_path, src.hash, self.links_hash, &r);
        let story = &mut site.stories[si];
        story.summary = meta
            .summary
            .clone()
            .or_else(|| r.more_summary.clone())
            .unwrap_or_else(|| r.short_summary.clone());
        story.md = r.clone();
        self.rendered[item] = r;
        Some((diags, si))
    }
}
