//! `cerita check` on the rendered site: every internal link and `#anchor`
//! resolves, ids are unique, images have alt text, story pages stay within
//! the weight budget, and `--external` asks other sites (here: a local
//! server) with a timeout and a concurrency limit.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crate::support::*;

fn check(site: &TestSite, args: &[&str]) -> (Option<i32>, serde_json::Value) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let o = site.cerita(&all);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|_| panic!("not JSON: {}\n{}", stdout(&o), stderr(&o)));
    (o.status.code(), v)
}

/// `(severity, file, line, message)` of every diagnostic.
fn found(v: &serde_json::Value) -> Vec<(String, String, u64, String)> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["severity"].as_str().unwrap().to_string(),
                d["file"].as_str().unwrap_or("").to_string(),
                d["line"].as_u64().unwrap_or(0),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn has(v: &serde_json::Value, severity: &str, file: &str, line: u64, fragment: &str) -> bool {
    found(v)
        .iter()
        .any(|(s, f, l, m)| s == severity && f == file && *l == line && m.contains(fragment))
}

#[test]
fn links_anchors_ids_alt_text_and_weight_in_the_rendered_site() {
    let site = TestSite::new();
    site.write_bytes("content/stories/foto.png", b"not really a png");
    site.story(
        "a.md",
        "A",
        "date: 2021-01-01\n",
        "Halo <a href=\"/stories/tidak-ada/\">x</a>.\n\n<a href=\"/stories/b/#tidak-ada\">y</a>\n\n<a href=\"/stories/b/#bagian-dua\">ok</a> <a href=\"../b/\">ok</a>\n\n![](foto.png)\n\n<p id=\"main\">bertabrakan</p>\n",
    );
    site.story(
        "b.md",
        "B",
        "date: 2021-01-02\ntags: [pelatihan]\n",
        "## Main\n\n## Bagian dua\n\nIsi.\n",
    );
    site.story(
        "besar.md",
        "Besar",
        "date: 2021-01-03\n",
        &"Kalimat panjang tentang pelatihan paralegal di desa. ".repeat(1500),
    );
    // A theme override that links to a page nobody made.
    site.write(
        "templates/term.html",
        "{% extends \"base.html\" %}{% block content %}<a href=\"{{ url(path='arsip-lama/') }}\">arsip</a>{% endblock %}",
    );
    let (code, v) = check(&site, &[]);
    assert_eq!(code, Some(1), "{v:#}");
    let a = "content/stories/a.md";
    assert!(
        has(
            &v,
            "error",
            a,
            5,
            "link `/stories/tidak-ada/` goes to a page that does not exist"
        ),
        "{v:#}"
    );
    assert!(
        has(&v, "error", a, 7, "the page has no `#tidak-ada` anchor"),
        "{v:#}"
    );
    assert!(
        has(
            &v,
            "warning",
            a,
            11,
            "image `/stories/foto.png` has no alt text"
        ),
        "{v:#}"
    );
    assert!(
        has(&v, "error", a, 13, "the id `main` is used more than once"),
        "{v:#}"
    );
    assert!(
        has(
            &v,
            "warning",
            "content/stories/besar.md",
            0,
            "over the 50 KB budget"
        ),
        "{v:#}"
    );
    assert!(
        found(&v).iter().any(|(s, f, _, m)| s == "error"
            && f.contains("tags/")
            && m.contains("link `/arsip-lama/` goes to a page that does not exist")),
        "{v:#}"
    );
    // The heading "Main" did not collide with the layout's `<main id="main">`,
    // and valid links raised nothing.
    let b = found(&v);
    assert!(
        b.iter().all(|(_, f, _, _)| f != "content/stories/b.md"),
        "{v:#}"
    );
    assert!(
        !b.iter()
            .any(|(_, _, _, m)| m.contains("bagian-dua") || m.contains("`../b/`"))
    );
    assert!(!site.path("public").exists());

    // Fixed: exit 0 with the warnings left.
    site.write(
        "templates/term.html",
        "{% extends \"base.html\" %}{% block content %}{% endblock %}",
    );
    site.story(
        "a.md",
        "A",
        "date: 2021-01-01\n",
        "<a href=\"/stories/b/#bagian-dua\">ok</a>\n\n![](foto.png)\n",
    );
    let (code, v) = check(&site, &[]);
    assert_eq!(code, Some(0), "{v:#}");
    assert_eq!(v["errors"], 0);
    assert_eq!(v["warnings"], 2, "{v:#}");
}

/// A broken link is placed where the story links, not where a code block
/// or a code span before it shows the same address (a guide to writing
/// links does).
#[test]
fn a_broken_link_is_placed_at_the_link_not_at_code_showing_it() {
    let site = TestSite::new();
    site.story(
        "c.md",
        "C",
        "date: 2021-01-01\n",
        "Cara menulis tautan:\n\n```html\n<a href=\"/stories/hilang/\">contoh</a>\n```\n\nLihat `/stories/hilang/` juga.\n\nTautan <a href=\"/stories/hilang/\">ini</a> rusak.\n",
    );
    let (code, v) = check(&site, &[]);
    assert_eq!(code, Some(1), "{v:#}");
    assert!(
        has(
            &v,
            "error",
            "content/stories/c.md",
            13,
            "link `/stories/hilang/` goes to a page that does not exist"
        ),
        "{v:#}"
    );
}

/// A tiny HTTP server: `/ok` 200, `/gone` 404, `/head-refused` 405 to HEAD
/// and 200 to GET, `/slow` answers after 3 s. Counts requests in flight
/// (all but `/slow`).
fn server() -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let peak = Arc::new(AtomicUsize::new(0));
    let now = Arc::new(AtomicUsize::new(0));
    let p = peak.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let (peak, now) = (p.clone(), now.clone());
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                let len = stream.read(&mut buf).unwrap_or(0);
                let req = String::from_utf8_lossy(&buf[..len]).to_string();
                let head = req.starts_with("HEAD");
                let path = req.split_whitespace().nth(1).unwrap_or("/").to_string();
                // `/slow` is not counted: the checker gives up on it after
                // its timeout and rightly moves on while this thread sleeps.
                let counted = path != "/slow";
                if counted {
                    let n = now.fetch_add(1, Ordering::SeqCst) + 1;
                    peak.fetch_max(n, Ordering::SeqCst);
                }
                // Long enough that requests from concurrent workers overlap even on a busy machine.
                std::thread::sleep(Duration::from_millis(400));
                let status = match path.as_str() {
                    "/gone" => "404 Not Found",
                    "/head-refused" if head => "405 Method Not Allowed",
                    "/slow" => {
                        std::thread::sleep(Duration::from_secs(3));
                        "200 OK"
                    }
                    _ => "200 OK",
                };
                // Done before answering, so the checker's next request
                // cannot be counted while this one still is.
                if counted {
                    now.fetch_sub(1, Ordering::SeqCst);
                }
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}",
                    if head { "" } else { "ok" }
                );
            });
        }
    });
    (base, peak)
}

#[test]
fn external_links_are_checked_only_when_asked_with_a_timeout_and_a_limit() {
    let (base, peak) = server();
    let site = TestSite::new();
    let mut body = String::new();
    for i in 0..8 {
        body.push_str(&format!("[ok {i}]({base}/ok?{i})\n\n"));
    }
    body.push_str(&format!("[hilang]({base}/gone)\n\n[lambat]({base}/slow)\n\n[head]({base}/head-refused)\n\n[mati](http://127.0.0.1:9/tutup)\n"));
    site.story("a.md", "A", "date: 2021-01-01\n", &body);

    // Without --external nothing is asked.
    let (code, _) = check(&site, &[]);
    assert_eq!(code, Some(0));
    assert_eq!(peak.load(Ordering::SeqCst), 0);

    let t = std::time::Instant::now();
    let (code, v) = check(
        &site,
        &["--external", "--timeout", "1", "--concurrency", "3"],
    );
    assert!(t.elapsed() < Duration::from_secs(20), "{:?}", t.elapsed());
    assert_eq!(code, Some(1), "{v:#}");
    let a = "content/stories/a.md";
    assert!(
        has(
            &v,
            "error",
            a,
            21,
            &format!("external link `{base}/gone` is broken (HTTP 404)")
        ),
        "{v:#}"
    );
    assert!(
        has(
            &v,
            "warning",
            a,
            23,
            &format!("external link `{base}/slow` did not answer within 1 s")
        ),
        "{v:#}"
    );
    assert!(
        has(
            &v,
            "error",
            a,
            27,
            "external link `http://127.0.0.1:9/tutup` cannot be reached"
        ),
        "{v:#}"
    );
    assert_eq!(v["errors"], 2, "{v:#}");
    assert_eq!(v["warnings"], 1, "{v:#}");
    let p = peak.load(Ordering::SeqCst);
    assert!((2..=3).contains(&p), "requests in flight at once: {p}");
}

/// A translation's link is judged as its original's: outside cerita's own
/// sections a missing address is a warning in every language (the host may
/// serve it), inside them an error in every language.
#[test]
fn a_translations_links_are_judged_as_its_originals() {
    let site = TestSite::empty();
    site.write(
        "cerita.yaml",
        "title: T\nbase_url: https://example.org/\nlanguage: id\nlanguages:\n  en: { title: \"T\" }\n",
    );
    site.story(
        "cfp/index.md",
        "A",
        "date: 2021-01-01\n",
        "Lihat [sponsor](../../sponsors/jadi-sponsor/) dan [x](../../stories/tidak-ada/).\n",
    );
    site.story(
        "cfp/index.en.md",
        "A en",
        "date: 2021-01-01\n",
        "See [sponsor](../../sponsors/jadi-sponsor/) and [x](../../stories/tidak-ada/).\n",
    );
    let o = site.cerita(&["check"]);
    let err = stderr(&o);
    for file in ["index.md", "index.en.md"] {
        assert!(
            err.contains(&format!("content/stories/cfp/{file}"))
                && err.lines().any(|l| l.starts_with(&format!("content/stories/cfp/{file}"))
                    && l.contains("warning: link `../../sponsors/jadi-sponsor/` goes to a file this site does not have")),
            "{err}"
        );
        assert!(
            err.lines()
                .any(|l| l.starts_with(&format!("content/stories/cfp/{file}"))
                    && l.contains(
                        "error: link `../../stories/tidak-ada/` goes to a page that does not exist"
                    )),
            "{err}"
        );
    }
}

/// A root-relative link typed in a translation (`/tentang/`, as Jekyll's
/// polyglot rewrote it to each language) leads to the default language's
/// page: `check` says so where the translation's language has its own,
/// at the link's line; in the default language, or with `@/`, nothing.
#[test]
fn a_translations_root_relative_link_to_another_languages_page_is_named() {
    let site = TestSite::empty();
    site.write(
        "cerita.yaml",
        "title: Situs\nbase_url: https://example.org/\nlanguage: id\nlanguages: [id, zh-CN]\n",
    );
    site.write(
        "content/pages/tentang.md",
        "---\ntitle: Tentang\n---\nKami.\n",
    );
    site.write(
        "content/pages/tentang.zh-CN.md",
        "---\ntitle: 关于\n---\n我们。\n",
    );
    site.story(
        "2024/rapat.md",
        "Rapat",
        "date: 2024-01-01\n",
        "Lihat [kami](/tentang/).\n",
    );
    site.story(
        "2024/rapat.zh-CN.md",
        "会议",
        "date: 2024-01-01\n",
        "见[关于](/tentang/)与[关于](@/pages/tentang.md)。\n",
    );
    let (code, v) = check(&site, &[]);
    assert_eq!(code, Some(0), "{v}");
    let all = found(&v);
    let named: Vec<_> = all
        .iter()
        .filter(|d| {
            d.3.contains("leads to the page in the site's default language")
        })
        .collect();
    assert_eq!(named.len(), 1, "{all:?}");
    assert_eq!(named[0].1, "content/stories/2024/rapat.zh-CN.md");
    assert!(named[0].3.contains("`/zh-cn/tentang/`"), "{:?}", named[0]);
}

/// What the theme links (the language switcher's `/`) is not the writer's
/// to fix: a story whose front matter has `image: "/images/a.png"` is not
/// told its `/` leads to the default language. A link in the body that
/// the front matter also names (`aliases:`) is placed at the body's line,
/// and a reference-style link (`[x]: /file.pdf`) to a file the site lacks
/// is the writer's own root-relative address, as an inline one is: a
/// warning, not an error.
#[test]
fn theme_links_are_not_the_writers_and_written_links_are_placed_in_the_body() {
    let site = TestSite::empty();
    site.write(
        "cerita.yaml",
        "title: Situs\nbase_url: https://example.org/\nlanguage: id\nlanguages: [id, en]\n",
    );
    site.write("static/images/a.png", "png");
    site.write(
        "content/stories/2024/village.en.md",
        "---\ntitle: Village\ndate: 2024-01-01\nimage: \"/images/a.png\"\nimage_alt: A village\naliases: [/en/guide/next/]\n---\nRead the [next part](/guide/next).\n\nThe ![map][peta] and the [report][r].\n\n[peta]: /images/missing.png\n[r]: /files/report.pdf \"Report\"\n",
    );
    let (code, v) = check(&site, &[]);
    let all = found(&v);
    assert_eq!(code, Some(0), "{all:?}");
    assert!(
        !all.iter().any(|d| d
            .3
            .contains("leads to the page in the site's default language")),
        "{all:?}"
    );
    let at = |needle: &str| {
        all.iter()
            .find(|d| d.3.contains(needle))
            .unwrap_or_else(|| panic!("no {needle} in {all:?}"))
            .clone()
    };
    let next = at("link `/guide/next`");
    assert_eq!((next.0.as_str(), next.2), ("warning", 8), "{next:?}");
    for file in ["/images/missing.png", "/files/report.pdf"] {
        let d = at(&format!("`{file}`"));
        assert_eq!(d.0, "warning", "{d:?}");
        assert!(d.2 >= 12, "{d:?}");
    }
}
