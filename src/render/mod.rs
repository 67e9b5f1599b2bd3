//! Stage 4: the site model → output files, rendered in parallel.
//!
//! Every HTML page is one [`Job`] (`job.rs`: the one table of page kinds,
//! their templates and paths); [`Renderer`] renders jobs independently
//! (templates compiled once, views borrowed from the model, each kind's
//! values in `pages.rs`) and hands the bytes to a [`Sink`]; feeds, sitemap
//! and robots.txt are written directly (`feeds.rs`), static files copied.
//! The sink decides what happens to the files (staging folder, memory,
//! `check`'s collector): this module has no disk policy.
//!
//! With a [`PageCache`] (the preview server) only pages whose fingerprint
//! changed are rendered (`reuse.rs`, `fingerprint.rs`); the others, and
//! unchanged feeds, come from the cache.

pub mod context;
mod feeds;
mod fingerprint;
mod job;
mod pages;
mod renderer;
mod reuse;
mod value;

use std::collections::BTreeMap;
use std::time::Duration;

use rayon::prelude::*;
use serde_json::Value;
use tera::Tera;

use crate::config::{Config, ImageConfig};
use crate::error::Error;
use crate::model::Site;
use crate::output::Sink;
use crate::theme::{StaticFile, Theme};
pub use feeds::{FeedCache, atom, robots, sitemap};
pub use fingerprint::Fingerprints;
pub use job::{COUNT_KINDS, Job, count_kind};
pub use renderer::Renderer;
pub use reuse::PageCache;

/// `value` as page contexts hold it (for the property tests).
#[doc(hidden)]
pub fn template_value(value: &Value) -> Value {
    value::to_value(value)
}

/// What was written, by kind (for the summary line).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RenderReport {
    pub counts: BTreeMap<&'static str, usize>,
    /// CPU time spent rendering each kind of page (summed over threads).
    pub cpu: BTreeMap<&'static str, Duration>,
    /// HTML pages rendered this time (the rest came from a page cache).
    pub pages_rendered: usize,
    pub pages_total: usize,
}

/// Renders every page, feed and static file of `site` into `sink`.
/// Template errors are collected (one per template and message) and
/// returned together. With `cache`, only pages whose fingerprint changed
/// are rendered; `changed` names the one story whose body alone changed
/// since the cache's model, when that is all that changed.
pub fn render(
    site: &Site,
    config: &Config,
    theme: &Theme,
    tera: &Tera,
    sink: &dyn Sink,
    cache: Option<&mut PageCache>,
    changed: Option<usize>,
) -> Result<RenderReport, Error> {
    let r = Renderer::new(site, config, theme, tera);
    let jobs = r.jobs();
    let mut report = RenderReport {
        pages_total: jobs.len(),
        ..Default::default()
    };
    let extras = match cache {
        None => {
            report.cpu = r.render_pages(&jobs, sink)?;
            report.pages_rendered = jobs.len();
            r.extras(&jobs, None)
        }
        Some(cache) => {
            (report.cpu, report.pages_rendered) = cache.render_pages(&r, &jobs, changed, sink)?;
            r.extras(&jobs, cache.feeds())
        }
    };
    extras
        .par_iter()
        .try_for_each(|(path, bytes)| sink.write_shared(path, bytes.clone()))?;
    statics(theme, site, &config.images, sink)?;
    for j in &jobs {
        *report.counts.entry(j.count_kind()).or_insert(0) += 1;
    }
    report.counts.insert(
        "feeds",
        extras
            .iter()
            .filter(|(p, _)| p.ends_with("atom.xml"))
            .count(),
    );
    report
        .counts
        .insert("files", theme.statics.len() + site.assets.len());
    Ok(report)
}

/// Theme static files, then content assets and the site's `static/` folder.
/// Photos cerita resizes are not copied: the images stage writes them.
pub fn statics(
    theme: &Theme,
    site: &Site,
    images: &ImageConfig,
    sink: &dyn Sink,
) -> Result<(), Error> {
    let statics: Vec<&StaticFile> = theme.statics.values().collect();
    statics.par_iter().try_for_each(|f| match f {
        StaticFile::BuiltIn { out, data } => sink.write(out, data),
        StaticFile::File { out, src } => sink.copy(src, out),
    })?;
    site.assets
        .par_iter()
        .filter(|a| !(a.content && crate::images::naming::is_processed(&a.out, images)))
        .try_for_each(|a| sink.copy(&a.src, &a.out))
}
