//! Search relevance on real text we did not write: the Open Source Guides in
//! Bahasa Indonesia and English (tests/fixtures/relevance, CC BY 4.0), and
//! queries a reader would type, each with the article expected first. The
//! searcher is the Rust reference that `search.js` follows step for step
//! (the parity test in `search.rs`), run as each language's search page runs
//! it: its own language first.

use cerita::search::query::{Filters, Searcher};

use crate::support::*;

/// The goal; BENCHMARKS.md reports what is measured.
const MRR_GOAL: f64 = 0.95;

/// `(language, query, expected slug)` from `queries.tsv`.
fn queries() -> Vec<(String, String, String)> {
    let text =
        std::fs::read_to_string(repo().join("tests/fixtures/relevance/queries.tsv")).unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 3, "{l}");
            (f[0].to_string(), f[1].to_string(), f[2].to_string())
        })
        .collect()
}

/// The URL of each result of `q` searched from `lang`'s page, best first.
fn results(s: &mut Searcher<std::path::PathBuf>, lang: &str, q: &str) -> Vec<String> {
    let filters = Filters {
        own: Some(lang.to_string()),
        ..Filters::default()
    };
    let docs: Vec<u32> = s
        .search(q, &filters, false)
        .hits
        .iter()
        .map(|h| h.0)
        .collect();
    s.urls(&docs)
        .into_iter()
        .map(Option::unwrap_or_default)
        .collect()
}

#[test]
fn real_queries_find_the_expected_article_first() {
    let fixture = repo().join("tests/fixtures/relevance");
    let site = TestSite::empty();
    for f in files_under(&fixture) {
        site.write_bytes(&f, &std::fs::read(fixture.join(&f)).unwrap());
    }
    site.build_ok(&[]);
    let out = site.path("public");
    let mut s = Searcher::open(out.clone()).unwrap();
    let mut total = 0.0;
    let mut misses = Vec::new();
    let qs = queries();
    assert!(qs.len() >= 30, "{} queries", qs.len());
    for (lang, q, slug) in &qs {
        let prefix = if lang == "id" {
            String::new()
        } else {
            format!("{lang}/")
        };
        let want = format!("{prefix}stories/{slug}/");
        let found = results(&mut s, lang, q);
        let rank = found.iter().position(|u| *u == want).map(|i| i + 1);
        let rr = rank.map_or(0.0, |r| 1.0 / r as f64);
        total += rr;
        if rank != Some(1) {
            misses.push(format!(
                "{lang} {q:?}: {want} at {rank:?}; first {:?}",
                found.first()
            ));
        }
    }
    // search.js ranks these real queries as the reference does.
    let cases = qs
        .iter()
        .map(|(lang, q, _)| {
            serde_json::json!({"q": q, "f": {"partners": [], "tags": [], "langs": [], "years": [], "own": lang}, "date": false})
        })
        .collect();
    crate::search::parity_of(&out, cases);
    let mrr = total / qs.len() as f64;
    eprintln!(
        "relevance: MRR {mrr:.3} over {} queries; not first:\n{}",
        qs.len(),
        misses.join("\n")
    );
    assert!(
        mrr >= MRR_GOAL,
        "MRR {mrr:.3} < {MRR_GOAL}:\n{}",
        misses.join("\n")
    );
}

#[test]
fn search_js_drops_the_same_question_words() {
    let js = std::fs::read_to_string(repo().join("themes/default/static/search.js")).unwrap();
    let line = js
        .lines()
        .find(|l| l.contains("forEach(function (w) { QUESTION[w] = 1; })"))
        .expect("the QUESTION list in search.js");
    let list = line.split('\'').nth(1).unwrap();
    let js_words: Vec<&str> = list.split(' ').collect();
    assert_eq!(js_words, cerita::search::query::QUESTION_WORDS);
    let mut sorted = js_words.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, js_words, "kept sorted for the binary search");
}
