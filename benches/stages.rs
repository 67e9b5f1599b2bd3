//! The hot stages of a build, one by one, over a generated corpus: load +
//! parse + model together, then Markdown alone, the site model alone, page
//! rendering, the search index, writing the output, and a whole build
//! written to disk.
//!
//!   cargo bench --bench stages                  # 1,000 generated stories
//!   CERITA_BENCH_SITE=/dev/shm/s10k cargo bench --bench stages
//!
//! Without CERITA_BENCH_SITE, `benches/gen_corpus.py 1000` writes the corpus
//! into `target/bench-corpus-1000` once.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use cerita::Options;
use cerita::load::SiteFiles;
use cerita::model::Sites;
use cerita::output::{MemorySink, NullSink, Sink, Staging};
use cerita::pipeline::{Model, Pipeline, Sources};
use rayon::prelude::*;

/// The allocator `cerita` itself uses, so stages cost what they cost in a build.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

fn site() -> PathBuf {
    if let Some(dir) = std::env::var_os("CERITA_BENCH_SITE") {
        return PathBuf::from(dir);
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("target/bench-corpus-1000");
    if !dir.join("cerita.yaml").is_file() {
        let ok = std::process::Command::new("python3")
            .arg(root.join("benches/gen_corpus.py"))
            .arg("1000")
            .arg(&dir)
            .status()
            .expect("python3 to generate the corpus");
        assert!(ok.success());
    }
    dir
}

/// Config, theme, templates and the model of the corpus, made once.
struct Prepared {
    pipeline: Pipeline,
    site: Arc<Sites>,
}

fn model() -> (Pipeline, Model) {
    let mut p = Pipeline::setup(&Options::new(site())).expect("setup");
    let files = p.load().expect("load");
    let m = p.model(Sources::Owned(files), None).expect("model");
    (p, m)
}

fn prepared() -> &'static Prepared {
    static P: OnceLock<Prepared> = OnceLock::new();
    P.get_or_init(|| {
        let (pipeline, m) = model();
        Prepared {
            pipeline,
            site: m.site,
        }
    })
}

/// Every page, feed, sitemap and static file of the corpus into `sink`.
fn render(sink: &dyn Sink) {
    let p = &prepared().pipeline;
    cerita::render::render(
        &prepared().site,
        &p.config,
        &p.theme,
        &p.tera,
        sink,
        None,
        None,
    )
    .unwrap();
}

/// Config, theme, load, front matter, Markdown and the site model.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn load_parse_model() -> Model {
    model().1
}

fn sources() -> &'static SiteFiles {
    static F: OnceLock<SiteFiles> = OnceLock::new();
    F.get_or_init(|| cerita::load::load(&site()).expect("load"))
}

/// Every story's Markdown (front matter split off, `@/` links, headings,
/// highlighting, summary) rendered in parallel, as a build's parse stage does.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn markdown_render() -> usize {
    sources()
        .sources
        .par_iter()
        .map(|s| cerita::harness::markdown(&s.text).html.len())
        .sum()
}

/// The site model from parsed sources: links, partners, taxonomies, related
/// stories, listings. Front matter and Markdown come from a warm cache (as
/// in the preview server), so this is the model's own work.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn site_model(bencher: divan::Bencher) {
    let mut p = Pipeline::setup(&Options::new(site()))
        .expect("setup")
        .for_preview();
    let files = sources();
    p.model(Sources::Borrowed(files), None).unwrap();
    bencher.bench_local(|| p.model(Sources::Borrowed(files), None).unwrap());
}

/// Every rendered page, feed, sitemap and search index file written into a
/// fresh staging folder (what a build writes before it swaps the folder in).
#[divan::bench(sample_count = 5, sample_size = 1)]
fn output_write(bencher: divan::Bencher) {
    static FILES: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    let files = FILES.get_or_init(|| {
        let sink = MemorySink::default();
        render(&sink);
        cerita::pipeline::search_index(&prepared().site, &sink).unwrap();
        let (files, _) = sink.into_parts();
        files
            .into_iter()
            .map(|(path, bytes)| (path, bytes.to_vec()))
            .collect()
    });
    let out = site().join("public-bench-write");
    bencher
        .with_inputs(|| Staging::new(&out).unwrap())
        .bench_local_values(|staging| {
            files
                .par_iter()
                .try_for_each(|(path, bytes)| staging.write(path, bytes))
                .unwrap();
            // Returned, so the folder is removed after the timing.
            staging
        });
}

/// Every page, feed and sitemap rendered (not written), no search index.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn render_pages() {
    render(&NullSink);
}

/// The search index, all files in memory.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn search_index() -> cerita::search::SearchIndex {
    cerita::search::build_sites(&prepared().site)
}

/// `cerita build` as the command runs it, output written and swapped in.
/// The build stamp is forgotten first, so every run is a full build (not
/// the no-change check, which `compare.sh` measures).
#[divan::bench(sample_count = 5, sample_size = 1)]
fn full_build(bencher: divan::Bencher) {
    let mut opts = Options::new(site());
    opts.output = Some(site().join("public-bench"));
    bencher
        .with_inputs(|| cerita::stamp::forget(&opts))
        .bench_local_values(|()| cerita::build(&opts).unwrap());
}
