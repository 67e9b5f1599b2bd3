//! What a reader's phone downloads for a first search, measured in headless
//! Chromium against a server that gzips text like a static host: cerita's
//! search page, and (when given) Pagefind's JavaScript API over the same
//! built site. Also times repeat queries in the browser.
//!
//!   cargo bench --bench search_bytes -- OUTPUT_DIR [PAGEFIND_BINARY]
//!
//! OUTPUT_DIR is a site built with `--base-url https://example.org/` (see
//! benches/search_bytes.sh, which also generates the corpus).

#![allow(clippy::unwrap_used, clippy::expect_used)]

// The DevTools client and static host the browser tests use.
#[allow(dead_code)]
#[path = "../tests/it/support/cdp.rs"]
mod cdp;

use std::path::{Path, PathBuf};
use std::time::Instant;

use cdp::{Browser, StaticServer};
use serde_json::json;

/// Queries by kind: how common the word is decides how long its postings are.
/// (The corpus's pseudo-words stand in for names and places of real prose.)
const QUERIES: &[(&str, &str)] = &[
    ("bakoli", "one word in ~1% of stories"),
    ("jakenil", "one word in ~3%"),
    ("pesisir", "one word in ~10%"),
    ("nelayan", "very common word (~80%)"),
    ("tambang nikel", "two common words"),
    ("perempuan pesisir", "two words"),
    ("advo", "prefix while typing"),
    ("pemberdayan", "typo (missing letter)"),
    ("menuliskan", "form the site never uses"),
];

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let Some(out) = args.first().map(PathBuf::from) else {
        eprintln!("usage: cargo bench --bench search_bytes -- OUTPUT_DIR [PAGEFIND_BINARY]");
        std::process::exit(2);
    };
    let chromium = cdp::chromium().expect("chromium");
    let server = StaticServer::start(&out, "/");
    let mut b = Browser::launch(&chromium);
    b.page("Network.enable", json!({}));
    b.page("Network.setCacheDisabled", json!({"cacheDisabled": true}));
    b.viewport(360, 640, true);

    println!("| query | kind | matches | bytes to first results (requests) | repeat query ms |");
    println!("|---|---|---:|---:|---:|");
    for (q, kind) in QUERIES {
        server.take_hits();
        b.goto(&server.url(&format!("/search/?q={}", q.replace(' ', "+"))));
        b.wait_for(
            "document.getElementById('search-results').getAttribute('aria-busy') === 'false'",
        );
        let n = b.eval(
            "document.getElementById('search-status').textContent.match(/[0-9]+/)?.[0] || '0'",
        );
        let hits = server.take_hits();
        let bytes: usize = hits.iter().map(|h| h.bytes).sum();
        if std::env::var_os("VERBOSE").is_some() {
            eprintln!("{q}: {hits:?}");
        }
        let repeat = b.eval(&format!(
            "(async () => {{ const S = window.ceritaSearch; \
             const get = (p, bin) => fetch('/' + p).then(r => r.ok ? (bin ? r.arrayBuffer().then(x => new Uint8Array(x)) : r.json()) : null); \
             const s = await new S.Searcher(get).open(); const f = {{partners: [], tags: [], langs: [], years: []}}; \
             await s.search({q:?}, f, false); const t = performance.now(); \
             for (let i = 0; i < 20; i++) await s.search({q:?}, f, false); \
             return (performance.now() - t) / 20; }})()"
        ));
        println!(
            "| `{q}` | {kind} | {} | {:.1} KB ({}) | {:.1} |",
            n.as_str().unwrap_or("?"),
            bytes as f64 / 1024.0,
            hits.len(),
            repeat.as_f64().unwrap_or(f64::NAN)
        );
    }

    if let Some(pagefind) = args.get(1) {
        pagefind_run(Path::new(pagefind), &out, &server, &mut b);
    }
}

fn pagefind_run(bin: &Path, out: &Path, server: &StaticServer, b: &mut Browser) {
    let t = Instant::now();
    let o = std::process::Command::new(bin)
        .args([
            "--site",
            out.to_str().unwrap(),
            "--glob",
            "stories/**/*.html",
        ])
        .output()
        .expect("run pagefind");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let took = t.elapsed();
    let files = walk(&out.join("pagefind"));
    println!(
        "\nPagefind over the same story pages: {:.2} s, {} files, {:.1} MB\n",
        took.as_secs_f64(),
        files.0,
        files.1 as f64 / 1e6
    );
    std::fs::write(
        out.join("pagefind-bench.html"),
        "<!doctype html><meta charset=utf-8><title>pf</title><script type=module>\
         const pf = await import('/pagefind/pagefind.js'); await pf.options({}); await pf.init();\
         window.runq = async (q) => { const r = await pf.search(q); \
         const d = await Promise.all(r.results.slice(0, 10).map(x => x.data())); return [r.results.length, d.length]; };\
         window.pfReady = true;</script>",
    )
    .unwrap();
    println!("| query | Pagefind: results | bytes (requests) |");
    println!("|---|---:|---:|");
    for (q, _) in QUERIES {
        b.goto(&server.url("/pagefind-bench.html"));
        b.wait_for("window.pfReady === true");
        let page_bytes: usize = server.take_hits().iter().map(|h| h.bytes).sum();
        let r = b.eval(&format!("window.runq({q:?})"));
        // pagefind.js and its wasm load on init; count them with the query.
        let hits = server.take_hits();
        let bytes: usize = hits.iter().map(|h| h.bytes).sum::<usize>() + page_bytes;
        println!(
            "| `{q}` | {} | {:.1} KB ({}) |",
            r[0],
            bytes as f64 / 1024.0,
            hits.len()
        );
    }
}

fn walk(dir: &Path) -> (usize, u64) {
    let mut n = 0;
    let mut size = 0;
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            let (a, b) = walk(&p);
            n += a;
            size += b;
        } else {
            n += 1;
            size += e.metadata().map(|m| m.len()).unwrap_or(0);
        }
    }
    (n, size)
}
