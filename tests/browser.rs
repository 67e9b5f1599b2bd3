//! The built site in headless Chromium: search as a reader uses it, over a
//! server that compresses like a static host and counts what it sends.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cdp;
mod common;

use std::path::{Path, PathBuf};

use cdp::{Browser, StaticServer};
use common::*;
use serde_json::json;

const PREFIX: &str = "/cerita/";

/// Builds a site under the `/cerita/` sub-path into a temp folder.
fn build(root: &Path) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_cerita"))
        .args([
            "build",
            "--root",
            root.to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
        ])
        .args(["--base-url", "https://example.org/cerita/"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    (tmp, out)
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn search_as_a_reader_uses_it() {
    let Some(chromium) = cdp::chromium() else {
        return;
    };
    let (_tmp, out) = build(repo());
    let server = StaticServer::start(&out, PREFIX);
    let mut b = Browser::launch(&chromium);
    b.viewport(360, 640, true);

    // Type into the header search box of the home page and submit with Enter.
    b.goto(&server.url(PREFIX));
    b.eval("document.getElementById('site-q').focus()");
    b.type_text("perempuan");
    b.press("Enter", "Enter", 13);
    b.wait_for("location.pathname === '/cerita/search/' && document.readyState === 'complete'");
    assert_eq!(b.eval("location.search"), json!("?q=perempuan"));
    b.wait_for("document.querySelectorAll('#search-results li').length > 0");
    let titles =
        b.eval("[...document.querySelectorAll('#search-results h3')].map(h => h.textContent)");
    let titles: Vec<String> = serde_json::from_value(titles).unwrap();
    assert!(
        titles.iter().any(|t| t.contains("Serikat Perempuan")),
        "{titles:?}"
    );
    assert!(
        b.eval("document.querySelectorAll('#search-results mark').length")
            .as_u64()
            .unwrap()
            > 0
    );
    let status = b.eval("document.getElementById('search-status').textContent");
    assert!(
        status.as_str().unwrap().contains(&titles.len().to_string()),
        "{status}"
    );

    // Results as you type, on the search page itself, from a clean start:
    // count every byte the phone downloads for one query.
    server.take_hits();
    b.goto(&server.url("/cerita/search/"));
    b.eval("document.getElementById('search-q').focus()");
    b.type_text("advo");
    b.wait_for("document.querySelectorAll('#search-results li').length > 0");
    b.wait_for("!document.getElementById('search-filters').hidden");
    let hits = server.take_hits();
    let total: usize = hits.iter().map(|h| h.bytes).sum();
    eprintln!(
        "first query `advo`: {total} bytes in {} requests: {hits:?}",
        hits.len()
    );
    assert!(
        total <= 25 * 1024,
        "{total} bytes for a first query: {hits:?}"
    );
    assert_eq!(b.eval("location.search"), json!("?q=advo"));
    let found: Vec<String> = serde_json::from_value(
        b.eval("[...document.querySelectorAll('#search-results h3')].map(h => h.textContent)"),
    )
    .unwrap();
    assert!(
        found.iter().any(|t| t.contains("Counting Fish")),
        "{found:?}"
    );

    // Filters are fetched only when asked for (their data is the biggest part).
    assert!(!hits.iter().any(|h| h.path.contains("facets")), "{hits:?}");
    b.eval("document.querySelector('#search-filters button').focus()");
    b.press("Enter", "Enter", 13);
    b.wait_for("document.querySelector('#search-filters details') !== null");
    // A partner filter, from the keyboard: the count shown is the count listed.
    b.eval("document.querySelector('#search-filters details').open = true");
    let label = b.eval("document.querySelector('#search-filters details li label').textContent");
    let want: usize = label
        .as_str()
        .unwrap()
        .rsplit('(')
        .next()
        .unwrap()
        .trim_end_matches(')')
        .parse()
        .unwrap();
    b.eval("document.querySelector('#search-filters details input').focus()");
    b.press(" ", "Space", 32);
    b.wait_for("location.search.includes('partner=')");
    b.wait_for(&format!(
        "document.querySelectorAll('#search-results li').length === {want}"
    ));
    // Focus stays on the filter that was changed.
    assert_eq!(b.eval("document.activeElement.type"), json!("checkbox"));
    assert_eq!(b.eval("document.activeElement.checked"), json!(true));

    // The URL is the state: reloading it shows the same filtered results.
    let url = b.eval("location.href").as_str().unwrap().to_string();
    b.goto(&url);
    b.wait_for(&format!(
        "document.querySelectorAll('#search-results li').length === {want}"
    ));
    assert_eq!(
        b.eval("document.querySelector('#search-filters input:checked') !== null"),
        json!(true)
    );

    // Open a result.
    let first = b.eval("document.querySelector('#search-results h3').textContent");
    b.click("#search-results h3 a");
    b.wait_for(
        "location.pathname.startsWith('/cerita/stories/') && document.readyState === 'complete'",
    );
    assert_eq!(b.eval("document.querySelector('h1').textContent"), first);
}

#[test]
fn markup_in_a_title_shows_as_text_in_results() {
    let Some(chromium) = cdp::chromium() else {
        return;
    };
    let site = TestSite::new();
    site.story(
        "2024/x.md",
        "<img src=x onerror=\\\"window.pwned=1\\\"> Judul berbahaya",
        "date: 2024-01-01\n",
        "Cerita dengan judul yang menguji pelolosan.\n",
    );
    site.story(
        "2024/y.md",
        "Cerita biasa",
        "date: 2024-01-02\n",
        "Isi biasa saja.\n",
    );
    let (_tmp, out) = build(site.root());
    let server = StaticServer::start(&out, PREFIX);
    let mut b = Browser::launch(&chromium);
    b.goto(&server.url("/cerita/search/?q=berbahaya"));
    b.wait_for("document.querySelectorAll('#search-results li').length === 1");
    assert_eq!(
        b.eval("document.querySelectorAll('#search-results img').length"),
        json!(0)
    );
    assert_eq!(b.eval("window.pwned === undefined"), json!(true));
    let text = b.eval("document.querySelector('#search-results h3').textContent");
    assert!(
        text.as_str().unwrap().starts_with("<img src=x onerror="),
        "{text}"
    );
}

#[test]
fn without_javascript_the_search_page_says_so_and_offers_browsing() {
    let Some(chromium) = cdp::chromium() else {
        return;
    };
    let (_tmp, out) = build(repo());
    let server = StaticServer::start(&out, PREFIX);
    let mut b = Browser::launch(&chromium);
    b.page(
        "Emulation.setScriptExecutionDisabled",
        json!({"value": true}),
    );
    b.goto(&server.url("/cerita/search/?q=perempuan"));
    let body = b.page(
        "Runtime.evaluate",
        json!({"expression": "document.body.innerText", "returnByValue": true}),
    );
    let text = body["result"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    // Script is off for the page, not for the protocol, so innerText still reads it.
    assert!(text.contains("JavaScript"), "{text}");
    let links = b.page(
        "Runtime.evaluate",
        json!({"expression": "[...document.querySelectorAll('.browse a')].map(a => a.getAttribute('href'))", "returnByValue": true}),
    );
    assert_eq!(
        links["result"]["value"],
        json!(["/cerita/partners/", "/cerita/tags/", "/cerita/archive/"])
    );
}
