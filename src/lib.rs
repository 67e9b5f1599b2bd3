//! cerita: a static site generator for community stories.
//!
//! A build is a one-way pipeline of stages, each in its own module, run in
//! order by [`pipeline::Pipeline`] for `build`, `check` and the preview
//! server alike: [`config`] and [`theme`] (stage 0) → [`load`] walks the
//! site and reads sources (1) → [`frontmatter`] parses each header (2a) →
//! [`model::catalog()`] decides what is published and where (3a) →
//! [`markdown`] renders the bodies (2b) → [`model::assemble`] builds
//! stories, partners, topics and listings and checks their consistency (3b)
//! → [`render`] turns the model into pages with the theme's Tera templates
//! (4) while [`search`] indexes the stories for the browser (5) → [`images`]
//! writes every photo's versions (5b) → [`output`] swaps a staging folder
//! into place (6). The stages between loading and output do not touch the
//! disk (see ARCHITECTURE.md for who does); every problem of a run is collected as an
//! [`error::Diagnostic`] with its file, line and column, and reported
//! together. Only the binary prints.

pub mod check;
pub mod cms;
pub mod config;
pub mod date_forms;
pub mod deploy;
pub mod error;
pub mod frontmatter;
pub mod fs;
pub mod harness;
pub mod highlight;
pub mod html_text;
pub mod images;
pub mod import;
pub mod lang;
pub mod limits;
pub mod load;
pub mod markdown;
pub mod model;
pub mod options;
pub mod output;
pub mod partial;
pub mod pipeline;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod shortcodes;
pub mod stamp;
pub mod text;
pub mod theme;
mod toml_matter;
mod yaml;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use error::{Diagnostics, Error, Result};
pub use options::{ExternalOptions, Options};
use pipeline::{Pipeline, Progress, Sources};
use render::RenderReport;

/// A successful build: what was written, the warnings, and the time per stage.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub output: Option<PathBuf>,
    pub render: RenderReport,
    /// The search index: what it holds and how long it took (wall time).
    pub search: Option<(search::Stats, Duration)>,
    pub warnings: Diagnostics,
    pub timings: Vec<(&'static str, Duration)>,
    pub elapsed: Duration,
    /// Nothing changed since the last build: the output was left as it was.
    pub up_to_date: bool,
}

/// `cerita build`: validate, render into a staging folder, swap into place.
/// On any error the previous output is left as it was.
pub fn build(opts: &Options) -> Result<BuildReport> {
    build_with(opts, None).map(|(report, _)| report)
}

/// [`build`], telling `progress` how far long stages are, and also handing
/// back the model it rendered (none when the output was up to date) so the
/// caller chooses when it is freed: a process about to exit need not free
/// it piece by piece.
pub fn build_with(
    opts: &Options,
    progress: Option<Arc<Progress>>,
) -> Result<(BuildReport, Option<Arc<model::Sites>>)> {
    let start = Instant::now();
    let out = opts.output_dir();
    output::check_output_dir(&opts.root, &out)?;
    // Taken before anything is read: a file changed during the build makes
    // the next one a full build.
    let (inputs, fresh) = stamp::check(opts);
    if let Some(stamp) = fresh {
        let mut render = RenderReport::default();
        for (k, n) in &stamp.counts {
            if let Some(k) = render::count_kind(k) {
                render.counts.insert(k, *n);
            }
        }
        let report = BuildReport {
            output: Some(output::absolute(&out)),
            render,
            search: None,
            warnings: stamp.warnings,
            timings: vec![("up-to-date check", start.elapsed())],
            elapsed: start.elapsed(),
            up_to_date: true,
        };
        return Ok((report, None));
    }
    let mut p = Pipeline::setup(opts)?; // 0. config + theme
    if let Some(progress) = progress {
        p = p.with_progress(progress);
    }
    let files = p.load()?; // 1. load
    let staging =
        output::Staging::with_previous(&out, Some(output::kept_output(&opts.root, &out)))?; // 6. output, where 2–5b write
    let run = p.run(Sources::Owned(files), &staging, None)?; // 2–5b
    stamp::forget(opts);
    let files = staging.files();
    let written = staging.commit()?;
    p.timings.lap("swap");
    if let Some(inputs) = &inputs {
        stamp::save(
            opts,
            inputs,
            files,
            run.site.next_publication,
            &run.render.counts,
            &run.warnings,
        );
    }
    let report = BuildReport {
        output: Some(written),
        render: run.render,
        search: run.search,
        warnings: run.warnings,
        timings: p.timings.take(),
        elapsed: start.elapsed(),
        up_to_date: false,
    };
    Ok((report, Some(run.site)))
}

/// `cerita check`: everything `build` validates (templates rendered too),
/// nothing written; then the rendered pages are read back
/// ([`check::Collector`]).
pub fn check(opts: &Options) -> Result<BuildReport> {
    let start = Instant::now();
    // Photos are checked by reading their headers, not encoded.
    let opts = &Options {
        no_images: true,
        ..opts.clone()
    };
    let mut p = Pipeline::setup(opts)?.without_search();
    let files = p.load()?;
    // The editors' files, when the site has them, are compared with what
    // the site says today (read before the pipeline takes the files).
    // And the values the editor would save empty.
    let editor_facts = cms::has_editor_files(&opts.root).then(|| {
        (
            cms::Facts::from_sources(&p.config, &files.sources),
            cms::losses::losses(&files.sources),
        )
    });
    let collector = check::Collector::default();
    let run = p.run(Sources::Owned(files), &collector, None)?;
    let mut warnings = run.warnings;
    warnings.extend(collector.verify(&opts.root, &run.site, &p.config, opts.external.as_ref()));
    p.timings.lap("links");
    if let Some((facts, losses)) = editor_facts {
        warnings.extend(cms::drift(&opts.root, &facts));
        warnings.extend(losses);
    }
    if warnings.has_errors() {
        return Err(Error::Content(warnings));
    }
    Ok(BuildReport {
        output: None,
        render: run.render,
        search: None,
        warnings,
        timings: p.timings.take(),
        elapsed: start.elapsed(),
        up_to_date: false,
    })
}
