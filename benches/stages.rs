//! The hot stages of a build, one by one, over a generated corpus:
//! load + parse + model, page rendering, the search index, and a whole build
//! written to disk.
//!
//!   cargo bench --bench stages                  # 1,000 generated stories
//!   CERITA_BENCH_SITE=/dev/shm/s10k cargo bench --bench stages
//!
//! Without CERITA_BENCH_SITE, `benches/gen_corpus.py 1000` writes the corpus
//! into `target/bench-corpus-1000` once.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::sync::OnceLock;

use cerita::render::{NullSink, RenderOptions};
use cerita::{BuildOptions, Prepared};

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

fn prepared() -> &'static Prepared {
    static P: OnceLock<Prepared> = OnceLock::new();
    P.get_or_init(|| cerita::prepare(&BuildOptions::new(site())).expect("prepare"))
}

/// Config, theme, load, front matter, Markdown and the site model.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn load_parse_model() -> Prepared {
    cerita::prepare(&BuildOptions::new(site())).unwrap()
}

/// Every page, feed and sitemap rendered (not written), no search index.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn render_pages() {
    let opts = RenderOptions {
        skip_search: true,
        ..Default::default()
    };
    cerita::render_into(prepared(), &NullSink, opts).unwrap();
}

/// The search index, all files in memory.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn search_index() -> cerita::search::SearchIndex {
    cerita::search::build(&prepared().site)
}

/// `cerita build` as the command runs it, output written and swapped in.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn full_build() {
    let out = site().join("public-bench");
    let mut opts = BuildOptions::new(site());
    opts.output = Some(out.clone());
    cerita::build(&opts).unwrap();
}
