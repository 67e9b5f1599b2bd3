//! What readers on phones get, checked in headless Chromium with tools
//! nobody on the project wrote: axe-core for accessibility (WCAG 2.2 A and
//! AA rules) on every page type, at phone and desktop width, in light and
//! dark colour schemes; the Nu HTML Checker on every page, and the feeds and
//! sitemap against their schemas. Also: the keyboard reaches everything,
//! every page reads without JavaScript, what a phone downloads, the print
//! view, and screenshots of the main page types.

use std::path::PathBuf;

use serde_json::json;

use crate::support::*;

/// axe-core, pinned: fetched from the npm registry once into `target/tools/`
/// and checked against its hash.
const AXE_VERSION: &str = "4.14.1";
const AXE_SHA256: &str = "e6b0ce02b84d892e2e33e403485e7f3d6c29e2be6df65daf44d89ba564139745";

/// The axe-core script.
pub(crate) fn axe() -> String {
    let js = npm_file(
        "axe-core",
        AXE_VERSION,
        AXE_SHA256,
        "package/axe.min.js",
        &format!("axe-{AXE_VERSION}.min.js"),
    );
    std::fs::read_to_string(js).unwrap()
}

/// The Nu HTML Checker (vnu), pinned like axe-core.
const VNU_VERSION: &str = "26.9.27";
const VNU_SHA256: &str = "5970d3ffca91a627cf0965e5d91bb2e4242307c29292998de0b419d6a901b2b7";

/// The checker's jar, or `None` (with a note) when there is no `java`.
pub(crate) fn vnu() -> Option<PathBuf> {
    if std::process::Command::new("java")
        .arg("-version")
        .output()
        .is_err()
    {
        eprintln!("skipped: no `java` (apt-get install default-jre-headless)");
        return None;
    }
    Some(npm_file(
        "vnu-jar",
        VNU_VERSION,
        VNU_SHA256,
        "package/build/dist/vnu.jar",
        &format!("vnu-{VNU_VERSION}.jar"),
    ))
}

/// The Nu checker's errors for the HTML files under `dir`.
pub(crate) fn nu_errors(vnu: &std::path::Path, dir: &std::path::Path) -> Vec<String> {
    let o = std::process::Command::new("java")
        .arg("-jar")
        .arg(vnu)
        .args([
            "--errors-only",
            "--also-check-css",
            "--also-check-svg",
            "--skip-non-html",
            "--format",
            "json",
        ])
        .arg(dir)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&o.stderr)
        .unwrap_or_else(|_| panic!("vnu: {}", String::from_utf8_lossy(&o.stderr)));
    report["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["type"] == "error" || m["subType"] == "fatal")
        .map(|m| format!("{}:{}: {}", m["url"], m["lastLine"], m["message"]))
        .collect()
}

/// Every page type a reader meets, and what to wait for before checking it.
const PAGES: &[(&str, &str, &str)] = &[
    ("home", "", "true"),
    (
        "story with code and a table",
        "stories/panduan-menulis-cerita/",
        "true",
    ),
    (
        "story with a quote and a download card",
        "stories/webinar-keamanan-digital-komunitas/",
        "true",
    ),
    (
        "story with a photo gallery",
        "stories/pojok-baca-kampung-mergangsan/",
        "true",
    ),
    ("partners", "partners/", "true"),
    ("partner", "partners/hapsari/", "true"),
    ("tag", "tags/pelatihan/", "true"),
    ("archive", "archive/", "true"),
    (
        "search with results",
        "search/?q=perempuan",
        "document.querySelectorAll('#search-results li').length > 0",
    ),
    ("404", "tidak-ada/", "true"),
    // The other languages: an English story with its switcher, the English
    // search, and the Javanese story (UI strings partly in Indonesian).
    (
        "English story",
        "en/stories/penguatan-kapasitas-community-leader-saka-warga/",
        "true",
    ),
    (
        "English search with results",
        "en/search/?q=training",
        "document.querySelectorAll('#search-results li').length > 0",
    ),
    (
        "Javanese story",
        "jv/stories/pojok-baca-kampung-mergangsan/",
        "true",
    ),
];

#[test]
fn axe_finds_no_wcag_violations_on_any_page_type() {
    let Some(reader) = Reader::example() else {
        return;
    };
    let axe = axe();
    let mut b = reader.browser();
    let mut failures = Vec::new();
    let mut checked = 0;
    for (width, height, mobile) in [(360, 640, true), (1280, 800, false)] {
        b.viewport(width, height, mobile);
        for scheme in ["light", "dark"] {
            b.page(
                "Emulation.setEmulatedMedia",
                json!({"features": [{"name": "prefers-color-scheme", "value": scheme}]}),
            );
            for (name, path, ready) in PAGES {
                b.goto(&reader.url(path));
                b.wait_for(ready);
                // Nothing makes the page wider than the screen.
                let wide = b.eval(
                    "document.documentElement.scrollWidth - document.documentElement.clientWidth",
                );
                if wide.as_i64().unwrap_or(0) > 0 {
                    failures.push(format!(
                        "{name} ({width}px): the page is {wide} px wider than the screen"
                    ));
                }
                b.eval(&axe);
                let r = b.eval(
                    "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']}, resultTypes: ['violations']}).then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' — ' + n.failureSummary)})))",
                );
                checked += 1;
                for v in r.as_array().unwrap() {
                    failures.push(format!("{name} ({width}px, {scheme}): {v:#}"));
                }
            }
        }
    }
    assert_eq!(checked, PAGES.len() * 4);
    assert!(
        failures.is_empty(),
        "{} violation(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// What Tab reaches on a page, in order, each with whether a focus ring is
/// drawn (an outline on the element or on its `::after`), stopping when
/// focus wraps around.
fn tab_through(b: &mut Browser, max: usize) -> Vec<(String, bool)> {
    b.eval("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)");
    let mut seen = Vec::new();
    for _ in 0..max {
        b.press("Tab", "Tab", 9);
        let v = b.eval(
            "(() => { const e = document.activeElement; if (!e || e === document.body) return null; \
             const ring = s => s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2; \
             const id = e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ':' + (e.getAttribute('href') || e.getAttribute('name') || e.textContent.trim().slice(0, 30)); \
             return [id, ring(getComputedStyle(e)) || ring(getComputedStyle(e, '::after'))]; })()",
        );
        if v.is_null() {
            break;
        }
        let entry = (v[0].as_str().unwrap().to_string(), v[1].as_bool().unwrap());
        if seen.first() == Some(&entry) {
            break;
        }
        seen.push(entry);
    }
    seen
}

/// Visible elements a keyboard user must be able to reach.
const INTERACTIVE: &str = "[...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex=\"-1\"])')] \
    .filter(e => !e.disabled && e.getAttribute('tabindex') !== '-1' && e.checkVisibility({visibilityProperty: true}) && !e.closest('details:not([open]) > :not(summary)')) \
    .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ':' + (e.getAttribute('href') || e.getAttribute('name') || e.textContent.trim().slice(0, 30)))";

#[test]
fn the_keyboard_reaches_everything_with_a_visible_focus_ring() {
    let Some(reader) = Reader::example() else {
        return;
    };
    let mut b = reader.phone();
    for (name, path, ready) in PAGES {
        b.goto(&reader.url(path));
        b.wait_for(ready);
        // Every photo loaded first: a gallery link turns to the WebP photo
        // once its tile has loaded, and elements are named by their address.
        b.eval("document.querySelectorAll('img').forEach(i => i.loading = 'eager')");
        b.wait_for("[...document.images].every(i => i.complete)");
        std::thread::sleep(std::time::Duration::from_millis(200));
        let reached = tab_through(&mut b, 400);
        assert!(!reached.is_empty(), "{name}: Tab reaches nothing");
        // The skip link comes first and is visible when focused.
        assert!(
            reached[0].0.contains("#main"),
            "{name}: first stop {:?}",
            reached[0]
        );
        for (el, ring) in &reached {
            assert!(*ring, "{name}: no visible focus ring on {el}");
        }
        let all: Vec<String> = serde_json::from_value(b.eval(INTERACTIVE)).unwrap();
        eprintln!(
            "{name}: Tab reaches {} stops, {} interactive elements visible",
            reached.len(),
            all.len()
        );
        assert!(
            all.len() >= 5,
            "{name}: only {} interactive elements found",
            all.len()
        );
        let got: std::collections::HashSet<&str> = reached.iter().map(|r| r.0.as_str()).collect();
        for el in &all {
            assert!(
                got.contains(el.as_str()),
                "{name}: {el} cannot be reached with Tab"
            );
        }
    }

    // The skip link moves the keyboard into the content.
    b.goto(&reader.url("stories/panduan-menulis-cerita/"));
    b.eval("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)");
    b.press("Tab", "Tab", 9);
    let r = b.eval("(() => { const r = document.activeElement.getBoundingClientRect(); return [document.activeElement.className, r.top >= 0 && r.bottom <= innerHeight && r.width > 0]; })()");
    assert_eq!(r, json!(["skip", true]));
    b.press("Enter", "Enter", 13);
    b.wait_for("location.hash === '#main'");
    b.press("Tab", "Tab", 9);
    assert_eq!(
        b.eval("!!document.activeElement.closest('main')"),
        json!(true),
        "after the skip link, Tab should land inside <main>"
    );

    // Search without a mouse: type in the header box, Enter, Tab to a result, Enter.
    b.goto(&reader.url(""));
    b.eval("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)");
    let mut on_box = false;
    for _ in 0..30 {
        b.press("Tab", "Tab", 9);
        if b.eval("document.activeElement.id") == json!("site-q") {
            on_box = true;
            break;
        }
    }
    assert!(on_box, "the header search box is not reachable with Tab");
    b.type_text("perempuan");
    b.press("Enter", "Enter", 13);
    b.wait_for("location.pathname === '/cerita/search/' && document.querySelectorAll('#search-results li').length > 0");
    let mut on_result = false;
    for _ in 0..60 {
        b.press("Tab", "Tab", 9);
        if b.eval("!!document.activeElement.closest('#search-results')") == json!(true) {
            on_result = true;
            break;
        }
    }
    assert!(on_result, "search results are not reachable with Tab");
    let href = b.eval("document.activeElement.getAttribute('href')");
    b.press("Enter", "Enter", 13);
    b.wait_for(&format!(
        "location.pathname === {href} && document.readyState === 'complete'"
    ));
}

#[test]
fn every_page_reads_without_javascript() {
    let Some(reader) = Reader::example() else {
        return;
    };
    let mut b = reader.phone();
    b.page(
        "Emulation.setScriptExecutionDisabled",
        json!({"value": true}),
    );
    for (name, path, _) in PAGES {
        b.page("Page.navigate", json!({"url": reader.url(path)}));
        std::thread::sleep(std::time::Duration::from_millis(300));
        // Scripts are off for the page, not for the DevTools protocol.
        let v = b.wait_for(
            "document.readyState === 'complete' && [document.querySelector('main') ? document.querySelector('main').innerText.trim().length : 0, document.querySelectorAll('header nav a[href]').length, document.querySelectorAll('main a[href]').length]",
        );
        let (text, nav, links) = (
            v[0].as_u64().unwrap(),
            v[1].as_u64().unwrap(),
            v[2].as_u64().unwrap(),
        );
        assert!(
            text > 40,
            "{name}: main text is {text} characters without JavaScript"
        );
        assert!(
            nav >= 3,
            "{name}: {nav} navigation links without JavaScript"
        );
        assert!(
            links >= 1,
            "{name}: no links in the content without JavaScript"
        );
    }
    // The search page says search needs JavaScript and offers browsing.
    b.page(
        "Page.navigate",
        json!({"url": reader.url("search/?q=perempuan")}),
    );
    let v = b.wait_for(
        "document.readyState === 'complete' && [...document.querySelectorAll('noscript, .noscript, [data-noscript]')].length + ':' + document.querySelector('main').innerText",
    );
    let v = v.as_str().unwrap().to_lowercase();
    assert!(v.contains("javascript"), "{v}");
}

#[test]
fn a_phone_downloads_little_and_only_from_the_site() {
    let Some(reader) = Reader::example() else {
        return;
    };
    let mut report = Vec::new();
    for (name, path, ready) in PAGES {
        // A fresh browser each time: nothing cached, as on a first visit.
        let mut b = reader.phone();
        reader.server.take_hits();
        b.goto(&reader.url(path));
        b.wait_for(ready);
        std::thread::sleep(std::time::Duration::from_millis(300));
        let hits = reader.server.take_hits();
        let total: usize = hits.iter().map(|h| h.bytes).sum();
        let v = b.eval(
            "[performance.getEntriesByType('resource').map(e => e.name).filter(u => !u.startsWith(location.origin)), document.fonts.size, [...document.styleSheets].flatMap(s => [...s.cssRules]).filter(r => r instanceof CSSFontFaceRule).length]",
        );
        assert_eq!(v[0], json!([]), "{name}: requests to other sites");
        assert_eq!(v[1], json!(0), "{name}: web fonts loaded");
        assert_eq!(v[2], json!(0), "{name}: @font-face rules");
        report.push(format!(
            "{name}: {} requests, {:.1} KB transferred ({})",
            hits.len(),
            total as f64 / 1024.0,
            hits.iter()
                .map(|h| format!(
                    "{} {:.1}",
                    h.path.trim_start_matches(SUB_PATH),
                    h.bytes as f64 / 1024.0
                ))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        if name.starts_with("story") {
            // The budget: HTML + CSS ≤ 50 KB as written, ≤ 15 KB as sent.
            let html_css: usize = hits
                .iter()
                .filter(|h| h.path.ends_with('/') || h.path.ends_with(".css"))
                .map(|h| h.bytes)
                .sum();
            assert!(
                html_css <= 15 * 1024,
                "{name}: {html_css} B of HTML + CSS gzipped\n{}",
                report.last().map_or("", String::as_str)
            );
            let raw: u64 = hits
                .iter()
                .filter(|h| h.path.ends_with('/') || h.path.ends_with(".css"))
                .map(|h| {
                    let rel = h.path.trim_start_matches(SUB_PATH);
                    let f = if rel.ends_with('/') || rel.is_empty() {
                        reader.out.join(rel).join("index.html")
                    } else {
                        reader.out.join(rel)
                    };
                    std::fs::metadata(f).unwrap().len()
                })
                .sum();
            assert!(raw <= 50 * 1024, "{name}: {raw} B of HTML + CSS");
        }
    }
    eprintln!(
        "bytes a phone downloads, first visit, gzip:\n{}",
        report.join("\n")
    );
}

#[test]
fn screenshots_of_the_main_page_types() {
    let Some(reader) = Reader::example() else {
        return;
    };
    let dir = repo().join("target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    let mut b = reader.browser();
    let shots = [
        ("home", ""),
        ("story", "stories/panduan-menulis-cerita/"),
        ("partner", "partners/hapsari/"),
        ("search", "search/?q=perempuan"),
    ];
    let mut n = 0;
    for (size, width, height, mobile) in [("phone", 360, 640, true), ("desktop", 1280, 800, false)]
    {
        b.viewport(width, height, mobile);
        for scheme in ["light", "dark"] {
            b.page(
                "Emulation.setEmulatedMedia",
                json!({"features": [{"name": "prefers-color-scheme", "value": scheme}]}),
            );
            for (name, path) in shots {
                b.goto(&reader.url(path));
                if name == "search" {
                    b.wait_for("document.querySelectorAll('#search-results li').length > 0");
                }
                let file = dir.join(format!("{name}-{size}-{scheme}.png"));
                b.screenshot(&file);
                let png = std::fs::read(&file).unwrap();
                assert!(
                    png.starts_with(b"\x89PNG") && png.len() > 5_000,
                    "{}",
                    file.display()
                );
                n += 1;
            }
        }
    }
    assert_eq!(n, 16);
}

#[test]
fn every_page_passes_the_nu_html_checker_and_feeds_and_sitemap_are_valid() {
    let Some(vnu) = vnu() else {
        return;
    };
    let (_tmp, out) = build_under_sub_path(repo());
    // Every HTML page (each page type, every listing), the CSS and the SVG.
    let errors = nu_errors(&vnu, &out);
    assert!(
        errors.is_empty(),
        "{} HTML error(s):\n{}",
        errors.len(),
        errors.join("\n")
    );
    let pages = files_under(&out)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .count();
    assert!(pages >= 40, "{pages} pages");

    // Every feed against RFC 4287's schema (Jing, bundled in vnu.jar) ...
    let feeds: Vec<PathBuf> = files_under(&out)
        .into_iter()
        .filter(|f| f.ends_with("atom.xml"))
        .map(|f| out.join(f))
        .collect();
    assert!(feeds.len() >= 10);
    let schema = repo().join("tests/schemas/atom.rnc");
    let o = std::process::Command::new("java")
        .arg("-cp")
        .arg(&vnu)
        .arg("nu.validator.vendor.thaiopensource.relaxng.util.Driver")
        .arg("-c")
        .arg(&schema)
        .args(&feeds)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "Atom schema: {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    // The sitemap against the Sitemaps protocol (its list of every page is
    // checked in tests/it/build.rs).
    let o = std::process::Command::new("java")
        .arg("-cp")
        .arg(&vnu)
        .arg("nu.validator.vendor.thaiopensource.relaxng.util.Driver")
        .arg("-c")
        .arg(repo().join("tests/schemas/sitemap.rnc"))
        .arg(out.join("sitemap.xml"))
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "sitemap: {}",
        String::from_utf8_lossy(&o.stdout)
    );
    // ... and the rules the schema leaves to prose: a feed has an author or
    // every entry has one; at most one alternate link per type and language.
    for feed in &feeds {
        let text = std::fs::read_to_string(feed).unwrap();
        let doc = roxmltree::Document::parse(&text).unwrap();
        let root = doc.root_element();
        let has_author = |n: roxmltree::Node| n.children().any(|c| c.has_tag_name("author"));
        let entries: Vec<_> = root
            .children()
            .filter(|n| n.has_tag_name("entry"))
            .collect();
        assert!(
            has_author(root) || entries.iter().all(|e| has_author(*e)),
            "{}: no author",
            feed.display()
        );
        for n in std::iter::once(root).chain(entries) {
            let mut alternates = std::collections::HashSet::new();
            for l in n.children().filter(|c| c.has_tag_name("link")) {
                if l.attribute("rel").unwrap_or("alternate") == "alternate" {
                    let key = (l.attribute("type"), l.attribute("hreflang"));
                    assert!(
                        alternates.insert(key),
                        "{}: two alternate links {key:?}",
                        feed.display()
                    );
                }
            }
        }
    }
}

#[test]
fn a_story_prints_without_the_site_chrome() {
    let Some(reader) = Reader::example() else {
        return;
    };
    let mut b = reader.browser();
    b.goto(&reader.url("stories/panduan-menulis-cerita/"));
    b.page("Emulation.setEmulatedMedia", json!({"media": "print"}));
    let v = b.eval(
        "(() => { const shown = s => { const e = document.querySelector(s); return e ? getComputedStyle(e).display !== 'none' : 'missing ' + s; }; \
         return [shown('.site-nav'), shown('form.search'), shown('.toc'), shown('main h1'), shown('main .prose'), getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor]; })()",
    );
    assert_eq!(
        v,
        json!([
            false,
            false,
            false,
            true,
            true,
            "rgb(0, 0, 0)",
            "rgb(255, 255, 255)"
        ]),
        "print view"
    );
}

/// A story in Arabic reads right to left: quotes, notices and tables take
/// their rule and alignment from the reading side, while code stays left
/// to right (its punctuation would reorder).
#[test]
fn a_right_to_left_story_lays_out_from_the_right() {
    let site = TestSite::empty();
    site.write(
        "cerita.yaml",
        "title: Cerita\nbase_url: https://example.org/\nlanguage: id\nlanguages: [id, ar]\n",
    );
    site.story(
        "2024/rapat.ar.md",
        "اجتماع السكان",
        "date: 2024-01-01\n",
        "نص القصة.\n\n> اقتباس من المشاركين.\n\n| العمود | القيمة |\n|---|---|\n| أ | ب |\n\nشغّل `cerita build` الآن.\n\n```\ncerita build --root site/\n```\n",
    );
    let Some(reader) = Reader::site(site.root()) else {
        return;
    };
    let mut b = reader.browser();
    b.goto(&reader.url("ar/stories/rapat/"));
    let style = |b: &mut Browser, sel: &str, prop: &str| {
        b.eval(&format!(
            "getComputedStyle(document.querySelector('{sel}')).{prop}"
        ))
    };
    assert_eq!(b.eval("document.documentElement.dir"), json!("rtl"));
    assert_eq!(
        style(&mut b, "article blockquote", "borderRightWidth"),
        json!("4px")
    );
    assert_eq!(
        style(&mut b, "article blockquote", "borderLeftWidth"),
        json!("0px")
    );
    assert_eq!(style(&mut b, "article td", "textAlign"), json!("start"));
    assert_eq!(style(&mut b, "article pre", "direction"), json!("ltr"));
    assert_eq!(style(&mut b, "article p code", "direction"), json!("ltr"));
    // The table's first column is on the right, as an Arabic reader starts.
    let (first, last) = (
        b.eval("document.querySelector('article td').getBoundingClientRect().left"),
        b.eval("document.querySelector('article td:last-child').getBoundingClientRect().left"),
    );
    assert!(first.as_f64() > last.as_f64(), "{first} {last}");
}

/// A phone 320 CSS pixels wide: a listing holding a story whose title and
/// summary carry a long address, a 40-letter tag, and a menu with a long
/// label never make the page wider than the screen; every menu item is in
/// sight; a video card's title is clear of its play button.
#[test]
fn long_words_never_widen_a_page_on_a_small_phone() {
    let site = TestSite::empty();
    site.write(
        "cerita.yaml",
        "title: Cerita Komunitas\nbase_url: https://example.org/\nlanguage: id\n",
    );
    site.write(
        "content/pages/about.md",
        "---\ntitle: Tentang Cerita Komunitas\n---\nKami.\n",
    );
    let url = "https://drive.google.com/drive/folders/1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";
    site.story(
        "2024/laporan.md",
        &format!("Laporan {url}"),
        &format!("date: 2024-01-02\ntags: [pemberdayaanekonomiperempuanpesisirutara]\nsummary: \"Unduh di {url}\"\n"),
        "{{ video(url=\"https://www.youtube.com/watch?v=aqz-KE-bpKQ\", title=\"Rekaman webinar keamanan digital untuk organisasi komunitas di desa\") }}\n",
    );
    site.story(
        "2024/lain.md",
        "Cerita lain",
        "date: 2024-01-01\n",
        "Teks.\n",
    );
    let Some(reader) = Reader::site(site.root()) else {
        return;
    };
    let mut b = reader.browser();
    b.viewport(320, 640, true);
    for page in ["", "archive/", "tags/", "stories/laporan/", "stories/lain/"] {
        b.goto(&reader.url(page));
        let wide = b.eval("document.documentElement.scrollWidth - innerWidth");
        assert_eq!(wide, json!(0), "/{page} is wider than the phone");
        let hidden = b.eval(
            "[...document.querySelectorAll('.site-nav a')].filter(a => { const r = a.getBoundingClientRect(); return r.left < 0 || r.right > innerWidth; }).map(a => a.textContent)",
        );
        assert_eq!(hidden, json!([]), "/{page}: menu items out of sight");
    }
    b.goto(&reader.url("stories/laporan/"));
    let overlap = b.eval(
        "(() => { const c = document.querySelector('.video-card'), p = document.querySelector('.video-play'); const r = document.createRange(); r.selectNodeContents(c); const t = r.getBoundingClientRect(), q = p.getBoundingClientRect(); return Math.max(0, Math.min(t.right, q.right) - Math.max(t.left, q.left)) * Math.max(0, Math.min(t.bottom, q.bottom) - Math.max(t.top, q.top)); })()",
    );
    assert_eq!(
        overlap.as_f64(),
        Some(0.0),
        "the play button covers the title"
    );
}
