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
pub mod headers;
mod job;
pub mod offline;
mod pages;
pub mod redirects;
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
use crate::load::Asset;
use crate::model::{Edit, Sites};
use crate::output::Sink;
use crate::theme::{StaticFile, Theme};
pub use feeds::{FeedCache, SitemapEntry, robots, sitemap};
pub use fingerprint::Fingerprints;
pub use job::{COUNT_KINDS, Job, count_kind};
pub use renderer::Renderer;
pub use reuse::{First, Page, PageCache};

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
    /// A newer edit stopped the render once the pages looked at and saved
    /// were shown ([`First::stop`]): the output is incomplete.
    pub stopped: bool,
}

/// Renders every page, feed and static file of `sites` into `sink`, each
/// language section under its prefix, then one `sitemap.xml` and
/// `robots.txt`. Template errors are collected (one per template and
/// message) and returned together. With `cache`, only pages whose
/// fingerprint changed are rendered; `changed` is the one story's edit the
/// model was patched with since the cache's model, when that is all that
/// changed.
pub fn render(
    sites: &Sites,
    config: &Config,
    theme: &Theme,
    tera: &Tera,
    sink: &dyn Sink,
    mut cache: Option<&mut PageCache>,
    changed: Option<&Edit>,
) -> Result<RenderReport, Error> {
    let mut report = RenderReport::default();
    let n = sites.langs.len();
    let mut sitemaps: Vec<Vec<SitemapEntry>> = (0..n).map(|_| Vec::new()).collect();
    let first = cache.as_deref_mut().and_then(|cache| {
        cache.sections(n);
        let mut first = cache.take_first()?;
        first.add_saved(sites);
        Some(first)
    });
    // Once a section showed its open pages, a newer edit may stop the rest
    // of every section after it.
    let mut shown = false;
    let mut failed: Vec<crate::error::Diagnostic> = Vec::new();
    for section in section_order(sites, first.as_ref()) {
        let r = Renderer::new(sites, section, config, theme, tera);
        let jobs = r.jobs();
        report.pages_total += jobs.len();
        let done = match cache.as_deref_mut() {
            None => r.render_pages(&jobs, sink).and_then(|cpu| {
                Ok(reuse::SectionReport {
                    cpu,
                    pages: jobs.len(),
                    feeds: r.write_feeds(None, sink)?,
                    stopped: false,
                    shown: false,
                })
            }),
            Some(cache) => {
                let changed = changed.filter(|c| c.section == section);
                let first = first.as_ref().map(|f| (f, shown));
                cache.render(section, &r, &jobs, changed, first, sink)
            }
        };
        let done = match done {
            Ok(done) => done,
            // Every section's template errors are reported together, so
            // the order sections render in (a page looked at first) does
            // not change which.
            Err(Error::Content(list)) => {
                for d in list {
                    renderer::push_new(&mut failed, d);
                }
                continue;
            }
            Err(e) => return Err(e),
        };
        shown |= done.shown;
        for (kind, d) in done.cpu {
            *report.cpu.entry(kind).or_default() += d;
        }
        report.pages_rendered += done.pages;
        report.stopped |= done.stopped;
        *report.counts.entry("feeds").or_insert(0) += done.feeds;
        for j in &jobs {
            *report.counts.entry(j.count_kind()).or_insert(0) += 1;
        }
        sitemaps[section] = r.sitemap_entries(&jobs);
    }
    if !failed.is_empty() {
        return Err(Error::Content(failed.into_iter().collect()));
    }
    let sitemap_entries: Vec<SitemapEntry> = sitemaps.into_iter().flatten().collect();
    sink.write("sitemap.xml", sitemap(config, &sitemap_entries).as_bytes())?;
    sink.write("robots.txt", robots(config).as_bytes())?;
    redirects::write(sites, config, theme, sink)?;
    let own_headers = sites
        .assets
        .iter()
        .any(|a| !a.content && a.out == headers::FILE);
    headers::write(config, own_headers, sink)?;
    // The site's own `_redirects` is written merged with the aliases' rules.
    let skip = sites.redirects.own_rules.as_ref().map(|_| redirects::RULES);
    statics(theme, &sites.assets, skip, &config.images, sink)?;
    report
        .counts
        .insert("files", theme.statics.len() + sites.assets.len());
    Ok(report)
}

/// The language sections in the order they are rendered: those with a
/// page looked at or saved (`first`) first, so that page goes out before
/// other sections' changed pages; then the others; each group in the
/// site's order. What is written does not depend on the order.
fn section_order(sites: &Sites, first: Option<&First>) -> Vec<usize> {
    let all = 0..sites.langs.len();
    let Some(first) = first else {
        return all.collect();
    };
    // A page is in the section whose prefix (`en/`) it starts with, else
    // in the default language's (at the root).
    let section_of = |page: &str| {
        sites
            .langs
            .iter()
            .position(|s| !s.prefix.is_empty() && page.starts_with(s.prefix.as_str()))
            .unwrap_or(0)
    };
    let open: std::collections::HashSet<usize> =
        first.pages.iter().map(|p| section_of(p)).collect();
    let (mut order, rest): (Vec<usize>, Vec<usize>) = all.partition(|i| open.contains(i));
    order.extend(rest);
    order
}

/// Files the build writes besides its pages, at the site's root.
const WRITTEN: &[&str] = &["sitemap.xml", "sw.js", ".cerita", crate::model::urls::FEED];

/// The site's own files (in `static/`, or beside its stories) at an
/// address the build writes: a page (`static/404.html`, a Hugo site's
/// `static/en/index.html`), a feed, the sitemap, the offline worker. Copied
/// last, such a file replaced what cerita made without a word. An error;
/// `robots.txt` a warning (a site may mean to keep its own, but one
/// brought from another host names that host's sitemap). `_headers` and
/// `_redirects` are the site's to give (README).
pub fn static_collisions(
    sites: &Sites,
    per: usize,
    root: &std::path::Path,
    base_url: &str,
) -> Vec<crate::error::Diagnostic> {
    use crate::error::Diagnostic;
    let suspect = |out: &str| {
        out.ends_with(".html")
            || out.ends_with(crate::model::urls::FEED)
            || WRITTEN.contains(&out)
            || out == "robots.txt"
    };
    let suspects: Vec<&Asset> = sites.assets.iter().filter(|a| suspect(&a.out)).collect();
    if suspects.is_empty() {
        return Vec::new();
    }
    let pages: std::collections::HashSet<String> = Job::output_paths(sites, per).collect();
    let mut diags = Vec::new();
    for a in suspects {
        let shown = a.src.strip_prefix(root).unwrap_or(&a.src);
        let out = a.out.as_str();
        if out == "robots.txt" {
            // Brought from another host, it names that host's sitemap.
            let sitemap = format!("{base_url}sitemap.xml");
            let text = std::fs::read_to_string(&a.src).unwrap_or_default();
            let other = text.lines().find_map(|l| {
                let (key, value) = l.split_once(':')?;
                (key.trim().eq_ignore_ascii_case("sitemap") && value.trim() != sitemap)
                    .then(|| value.trim().to_string())
            });
            if let Some(other) = other {
                diags.push(
                    Diagnostic::warning(format!(
                        "this `robots.txt` replaces the one cerita writes, and sends search engines to the sitemap `{other}`"
                    ))
                    .at_path(shown)
                    .with_hint(format!(
                        "write `Sitemap: {sitemap}` there (this site's), or delete the file: cerita's names it"
                    )),
                );
            }
            continue;
        }
        let feed_of_page = out
            .strip_suffix(crate::model::urls::FEED)
            .is_some_and(|dir| {
                (dir.is_empty() || dir.ends_with('/'))
                    && pages.contains(&format!("{dir}index.html"))
            });
        if pages.contains(out) || WRITTEN.contains(&out) || feed_of_page {
            let what = if out.ends_with(".html") {
                "a page"
            } else {
                "a file"
            };
            diags.push(
                Diagnostic::error(format!("cerita makes {what} at `/{out}` itself, and this file would overwrite it"))
                    .at_path(shown)
                    .with_hint("delete this file, or move it to another address; to change how cerita's pages look, copy the theme's template into `templates/` and edit it there"),
            );
        }
    }
    diags
}

/// Theme static files, then content assets and the site's `static/` folder
/// (but `skip`, a file written otherwise).
/// Photos cerita resizes are not copied: the images stage writes them.
/// A theme file at the site's root (`favicon.ico`) gives way to the
/// site's own file of that name.
pub fn statics(
    theme: &Theme,
    assets: &[Asset],
    skip: Option<&str>,
    images: &ImageConfig,
    sink: &dyn Sink,
) -> Result<(), Error> {
    let outside_static = |out: &str| !out.starts_with("static/");
    let statics: Vec<&StaticFile> = theme
        .statics
        .values()
        .filter(|f| {
            let out = f.out();
            !(outside_static(out) && assets.iter().any(|a| a.out == out))
        })
        .collect();
    statics.par_iter().try_for_each(|f| match f {
        StaticFile::BuiltIn { out, data } => sink.write(out, data),
        StaticFile::File { out, src } => sink.copy(src, out),
    })?;
    assets
        .par_iter()
        .filter(|a| !(a.content && crate::images::naming::is_processed(&a.out, images)))
        .filter(|a| Some(a.out.as_str()) != skip && a.data.is_none())
        .try_for_each(|a| sink.copy(&a.src, &a.out))
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;
    use std::sync::Arc;
    use std::sync::atomic::AtomicBool;

    use super::*;
    use crate::lang::Lang;
    use crate::model::Site;

    fn first(pages: &[&str]) -> First {
        First {
            pages: pages.iter().map(|p| p.to_string()).collect::<HashSet<_>>(),
            saved: Vec::new(),
            show: Box::new(|_, _| {}),
            stop: Arc::new(AtomicBool::new(false)),
        }
    }

    #[test]
    fn sections_with_a_page_open_render_first() {
        let sites = Sites {
            langs: vec![
                Site::new(Lang::ID, String::new()),
                Site::new(Lang::EN, "en/".to_string()),
                Site::new(Lang::parse("jv").unwrap_or(Lang::ID), "jv/".to_string()),
            ],
            ..Default::default()
        };
        assert_eq!(section_order(&sites, None), [0, 1, 2]);
        let order = |pages: &[&str]| section_order(&sites, Some(&first(pages)));
        assert_eq!(order(&[]), [0, 1, 2]);
        assert_eq!(order(&["stories/a/index.html"]), [0, 1, 2]);
        assert_eq!(order(&["en/stories/a/index.html"]), [1, 0, 2]);
        assert_eq!(order(&["jv/index.html", "en/index.html"]), [1, 2, 0]);
        assert_eq!(order(&["jv/tags/x/index.html", "index.html"]), [0, 2, 1]);
    }
}
