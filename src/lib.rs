//! cerita: a static site generator for community stories.
//!
//! A build is a one-way pipeline of stages, each in its own module:
//! [`load`] walks the site and reads sources → [`frontmatter`] and
//! [`markdown`] parse them → [`model`] builds stories, partners, topics and
//! listings and checks their consistency → [`render`] turns the model into
//! pages with the [`theme`]'s Tera templates → [`search`] indexes the
//! stories for the browser → [`output`] writes everything into a staging
//! folder and swaps it into place. Only `load`, `theme` and `output`
//! touch the disk; every problem of a run is collected as a
//! [`error::Diagnostic`] with its file, line and column, and reported together.

pub mod check;
pub mod config;
pub mod error;
pub mod frontmatter;
pub mod fs;
pub mod harness;
pub mod highlight;
pub mod images;
pub mod limits;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod partial;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod stamp;
pub mod text;
pub mod theme;
mod yaml;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use config::Config;
use error::{Diagnostic, Diagnostics, Error, Result};
use model::Site;
use output::Sink;
use render::RenderReport;

/// What to build and how.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `ROOT/public`.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` from the config.
    pub base_url: Option<String>,
    /// Publish drafts and future-dated stories.
    pub drafts: bool,
    /// `cerita check --external`: also ask other sites about links to them.
    pub external: Option<check::ExternalOptions>,
    /// `cerita build --no-images`: copy photos as they are (a fast draft build).
    pub no_images: bool,
    /// `cerita build --no-search`: leave the search index out (a fast draft
    /// build, and how the benchmarks measure what the index costs).
    pub no_search: bool,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            ..Default::default()
        }
    }

    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// A successful build: what was written, the warnings, and the time per stage.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub output: Option<PathBuf>,
    pub render: RenderReport,
    pub warnings: Diagnostics,
    pub timings: Vec<(&'static str, Duration)>,
    pub elapsed: Duration,
    /// Nothing changed since the last build: the output was left as it was.
    pub up_to_date: bool,
}

/// Everything before rendering: config, theme, compiled templates, model.
pub struct Prepared {
    pub config: Config,
    pub theme: theme::Theme,
    pub tera: std::sync::Arc<tera::Tera>,
    pub site: Site,
    pub diagnostics: Diagnostics,
    pub timings: Vec<(&'static str, Duration)>,
}

/// Reads and validates `ROOT/cerita.yaml`, applying a `--base-url` override.
pub fn load_config(root: &Path, base_url: Option<&str>) -> Result<Config> {
    let path = root.join("cerita.yaml");
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::Content(
                [Diagnostic::error(format!("no `cerita.yaml` in {}", root.display()))
                    .with_hint("run cerita in the site folder, pass --root DIR, or create a site with `cerita init DIR`")]
                .into_iter()
                .collect(),
            ));
        }
        Err(e) => return Err(Error::io(path, "read", e)),
    };
    let text = load::decode(Path::new("cerita.yaml"), bytes)
        .map_err(|d| Error::Content([d].into_iter().collect()))?;
    let mut config = Config::parse(Path::new("cerita.yaml"), &text)
        .map_err(|d| Error::Content(d.into_iter().collect()))?;
    if let Some(url) = base_url {
        let (url, path) = config::normalise_base_url(url).ok_or_else(|| {
            Error::Other(format!("--base-url `{url}` is not an absolute http(s) URL (e.g. https://example.org/cerita/)"))
        })?;
        config.base_url = url;
        config.base_path = path;
    }
    Ok(config)
}

/// Runs every stage up to (not including) rendering.
pub fn prepare(opts: &BuildOptions) -> Result<Prepared> {
    let mut timings = Vec::new();
    let mut t = Instant::now();
    let mut lap = |name: &'static str, timings: &mut Vec<(&'static str, Duration)>| {
        timings.push((name, t.elapsed()));
        t = Instant::now();
    };
    let mut config = load_config(&opts.root, opts.base_url.as_deref())?;
    if opts.no_images {
        config.images.enabled = false;
    }
    let theme =
        theme::load(&opts.root, &config).map_err(|d| Error::Content(d.into_iter().collect()))?;
    let tera =
        theme::compile(&theme, &config).map_err(|d| Error::Content(d.into_iter().collect()))?;
    lap("config+theme", &mut timings);
    let files = load::load(&opts.root)?;
    lap("load", &mut timings);
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let (site, diags) = model::build(
        files,
        &config,
        model::ModelOptions {
            drafts: opts.drafts,
            now,
        },
        &mut model::Cache::new(),
    );
    lap("parse+model", &mut timings);
    let mut diagnostics: Diagnostics = diags.into_iter().collect();
    diagnostics.sort();
    Ok(Prepared {
        config,
        theme,
        tera,
        site,
        diagnostics,
        timings,
    })
}

/// Renders a prepared site into any sink. Template errors come back together
/// with the earlier stages' warnings, so one report lists everything.
pub fn render_into(
    p: &Prepared,
    sink: &dyn Sink,
    opts: render::RenderOptions,
) -> Result<RenderReport> {
    render::render(&p.site, &p.config, &p.theme, &p.tera, opts, sink).map_err(|e| match e {
        Error::Content(d) => {
            let mut all = p.diagnostics.clone();
            all.extend(d);
            Error::Content(all)
        }
        other => other,
    })
}

/// `cerita build`: validate, render into a staging folder, swap into place.
/// On any error the previous output is left as it was.
pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    build_keeping(opts).map(|(report, _)| report)
}

/// [`build`], also handing back the model and templates it rendered (none
/// when the output was up to date) so the caller chooses when they are
/// freed: a process about to exit need not free them piece by piece.
pub fn build_keeping(opts: &BuildOptions) -> Result<(BuildReport, Option<Prepared>)> {
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
            warnings: stamp.warnings,
            timings: vec![("up-to-date check", start.elapsed())],
            elapsed: start.elapsed(),
            up_to_date: true,
        };
        return Ok((report, None));
    }
    let mut p = prepare(opts)?;
    if p.diagnostics.has_errors() {
        return Err(Error::Content(p.diagnostics));
    }
    let t = Instant::now();
    let staging = output::Staging::new(&out)?;
    let render = render_into(
        &p,
        &staging,
        render::RenderOptions {
            skip_search: opts.no_search,
            ..Default::default()
        },
    )?;
    p.timings.push(("render+write", t.elapsed()));
    let t = Instant::now();
    let (images, problems) = images::process(
        &opts.root,
        &p.site.assets,
        &p.site.covers(),
        &p.config.images,
        &staging,
    )?;
    if problems
        .iter()
        .any(|d| d.severity == error::Severity::Error)
    {
        let mut all = p.diagnostics;
        all.extend(problems);
        return Err(Error::Content(all));
    }
    p.diagnostics.extend(problems);
    if images.images > 0 {
        p.timings.push(("images", t.elapsed()));
    }
    let t = Instant::now();
    stamp::forget(opts);
    let written = staging.commit()?;
    p.timings.push(("swap", t.elapsed()));
    if let Some(inputs) = &inputs {
        stamp::save(
            opts,
            inputs,
            p.site.next_publication,
            &render.counts,
            &p.diagnostics,
        );
    }
    let report = BuildReport {
        output: Some(written),
        render,
        warnings: std::mem::take(&mut p.diagnostics),
        timings: std::mem::take(&mut p.timings),
        elapsed: start.elapsed(),
        up_to_date: false,
    };
    Ok((report, Some(p)))
}

/// `cerita check`: everything `build` validates (templates rendered too),
/// nothing written.
pub fn check(opts: &BuildOptions) -> Result<BuildReport> {
    let start = Instant::now();
    // Photos are checked by reading their headers, not encoded.
    let opts = &BuildOptions {
        no_images: true,
        ..opts.clone()
    };
    let mut p = prepare(opts)?;
    if p.diagnostics.has_errors() {
        return Err(Error::Content(p.diagnostics));
    }
    let t = Instant::now();
    let collector = check::Collector::default();
    let render = render_into(
        &p,
        &collector,
        render::RenderOptions {
            skip_search: true,
            ..Default::default()
        },
    )?;
    p.timings.push(("render", t.elapsed()));
    let t = Instant::now();
    let found = collector.verify(&opts.root, &p.site, &p.config, opts.external.as_ref());
    p.diagnostics.extend(found);
    p.timings.push(("links", t.elapsed()));
    if p.diagnostics.has_errors() {
        return Err(Error::Content(p.diagnostics));
    }
    Ok(BuildReport {
        output: None,
        render,
        warnings: p.diagnostics,
        timings: p.timings,
        elapsed: start.elapsed(),
        up_to_date: false,
    })
}
