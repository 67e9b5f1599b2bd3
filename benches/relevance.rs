//! Search relevance on real text, cerita beside Pagefind: the Open Source
//! Guides in Bahasa Indonesia and English (tests/fixtures/relevance, CC BY
//! 4.0) and the queries of `queries.tsv`, each with the article a reader
//! expects first. Reports each query's rank of that article and the mean
//! reciprocal rank per language and overall.
//!
//!   cargo bench --bench relevance -- [PAGEFIND_BINARY]
//!
//! cerita's ranking is its reference searcher (what `search.js` does, step
//! for step), run as each language's search page runs it. Pagefind indexes
//! the same built story pages (one index per `<html lang>`) and is queried
//! through its JavaScript API in headless Chromium, from a page in the
//! query's language.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[allow(dead_code)]
#[path = "../tests/it/support/cdp.rs"]
mod cdp;

use std::path::{Path, PathBuf};

use cdp::{Browser, StaticServer};
use cerita::search::query::{Filters, Searcher};

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let fixture = repo.join("tests/fixtures/relevance");
    let tmp = tempfile::tempdir().unwrap();
    copy(&fixture, tmp.path());
    let mut opts = cerita::Options::new(tmp.path());
    opts.output = Some(tmp.path().join("public"));
    cerita::build(&opts).expect("build the relevance corpus");
    let out = tmp.path().join("public");
    let queries: Vec<(String, String, String)> =
        std::fs::read_to_string(fixture.join("queries.tsv"))
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                (f[0].into(), f[1].into(), f[2].into())
            })
            .collect();
    let expected = |lang: &str, slug: &str| {
        let prefix = if lang == "id" {
            String::new()
        } else {
            format!("{lang}/")
        };
        format!("/{prefix}stories/{slug}/")
    };

    let mut s = Searcher::open(out.clone()).unwrap();
    let cerita_ranks: Vec<Option<usize>> = queries
        .iter()
        .map(|(lang, q, slug)| {
            let f = Filters {
                own: Some(lang.clone()),
                ..Filters::default()
            };
            let docs: Vec<u32> = s.search(q, &f, false).hits.iter().map(|h| h.0).collect();
            let urls: Vec<String> = s
                .urls(&docs)
                .into_iter()
                .map(|u| format!("/{}", u.unwrap_or_default()))
                .collect();
            urls.iter()
                .position(|u| *u == expected(lang, slug))
                .map(|i| i + 1)
        })
        .collect();

    let pagefind_ranks = args.first().map(|bin| {
        let o = std::process::Command::new(bin)
            .args(["--site", out.to_str().unwrap(), "--glob", "**/stories/**/*.html"])
            .output()
            .expect("run pagefind");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let chromium = cdp::chromium().expect("chromium");
        let server = StaticServer::start(&out, "/");
        let mut b = Browser::launch(&chromium);
        for lang in ["id", "en"] {
            std::fs::write(
                out.join(format!("pf-{lang}.html")),
                format!(
                    "<!doctype html><html lang=\"{lang}\"><meta charset=utf-8><title>pf</title><script type=module>\
                     const pf = await import('/pagefind/pagefind.js'); await pf.init();\
                     window.runq = async (q) => {{ const r = await pf.search(q); \
                     const d = await Promise.all(r.results.map(x => x.data())); return d.map(x => x.url); }};\
                     window.pfReady = true;</script></html>"
                ),
            )
            .unwrap();
        }
        queries
            .iter()
            .map(|(lang, q, slug)| {
                b.goto(&server.url(&format!("/pf-{lang}.html")));
                b.wait_for("window.pfReady === true");
                let urls: Vec<String> =
                    serde_json::from_value(b.eval(&format!("window.runq({q:?})"))).unwrap();
                let want = expected(lang, slug);
                urls.iter()
                    .position(|u| u.trim_end_matches("index.html") == want)
                    .map(|i| i + 1)
            })
            .collect::<Vec<_>>()
    });

    println!("| lang | query | expected | cerita rank | Pagefind rank |");
    println!("|---|---|---|---:|---:|");
    let show = |r: &Option<usize>| r.map_or("—".to_string(), |r| r.to_string());
    for (i, (lang, q, slug)) in queries.iter().enumerate() {
        let pf = pagefind_ranks
            .as_ref()
            .map_or("".to_string(), |p| show(&p[i]));
        println!(
            "| {lang} | {q} | {slug} | {} | {pf} |",
            show(&cerita_ranks[i])
        );
    }
    let mrr = |ranks: &[Option<usize>], lang: Option<&str>| {
        let picked: Vec<f64> = ranks
            .iter()
            .zip(&queries)
            .filter(|(_, q)| lang.is_none_or(|l| q.0 == l))
            .map(|(r, _)| r.map_or(0.0, |r| 1.0 / r as f64))
            .collect();
        picked.iter().sum::<f64>() / picked.len().max(1) as f64
    };
    println!("\n| searcher | MRR id | MRR en | MRR all | first | not found |");
    println!("|---|---:|---:|---:|---:|---:|");
    let mut rows = vec![("cerita", cerita_ranks)];
    if let Some(p) = pagefind_ranks {
        rows.push(("Pagefind", p));
    }
    for (name, ranks) in rows {
        println!(
            "| {name} | {:.3} | {:.3} | {:.3} | {}/{} | {} |",
            mrr(&ranks, Some("id")),
            mrr(&ranks, Some("en")),
            mrr(&ranks, None),
            ranks.iter().filter(|r| **r == Some(1)).count(),
            ranks.len(),
            ranks.iter().filter(|r| r.is_none()).count()
        );
    }
}

fn copy(from: &Path, to: &Path) {
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}
