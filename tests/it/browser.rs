//! The built site in headless Chromium: search as a reader uses it, over a
//! server that compresses like a static host and counts what it sends; and
//! live reload from `cerita serve` in an open tab.

use serde_json::json;

use crate::support::*;

#[test]
fn search_as_a_reader_uses_it() {
    let Some(reader) = Reader::example() else {
        return;
    };
    let mut b = reader.phone();

    // Type into the header search box of the home page and submit with Enter.
    b.goto(&reader.url(""));
    b.eval("document.getElementById('site-q').focus()");
    b.type_text("perempuan");
    b.press("Enter", "Enter", 13);
    b.wait_for("location.pathname === '/cerita/search/' && document.readyState === 'complete'");
    assert_eq!(b.eval("location.search"), json!("?q=perempuan"));
    b.wait_for("document.querySelectorAll('#search-results li').length > 0");
    let titles =
        b.eval("[...document.querySelectorAll('#search-results h2')].map(h => h.textContent)");
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
    reader.server.take_hits();
    b.goto(&reader.url("search/"));
    b.eval("document.getElementById('search-q').focus()");
    b.type_text("advo");
    b.wait_for("document.querySelectorAll('#search-results li').length > 0");
    b.wait_for("!document.getElementById('search-filters').hidden");
    let hits = reader.server.take_hits();
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
        b.eval("[...document.querySelectorAll('#search-results h2')].map(h => h.textContent)"),
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
    let first = b.eval("document.querySelector('#search-results h2').textContent");
    b.click("#search-results h2 a");
    b.wait_for(
        "location.pathname.startsWith('/cerita/stories/') && document.readyState === 'complete'",
    );
    assert_eq!(b.eval("document.querySelector('h1').textContent"), first);
}

#[test]
fn markup_in_a_title_shows_as_text_in_results() {
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
    let Some(reader) = Reader::site(site.root()) else {
        return;
    };
    let mut b = reader.browser();
    b.goto(&reader.url("search/?q=berbahaya"));
    b.wait_for("document.querySelectorAll('#search-results li').length === 1");
    assert_eq!(
        b.eval("document.querySelectorAll('#search-results img').length"),
        json!(0)
    );
    assert_eq!(b.eval("window.pwned === undefined"), json!(true));
    let text = b.eval("document.querySelector('#search-results h2').textContent");
    assert!(
        text.as_str().unwrap().starts_with("<img src=x onerror="),
        "{text}"
    );
}

/// A search opened from an address (`?q=`, a shared link or the header's
/// box) shows its results without moving what the reader already sees:
/// cumulative layout shift, as Chromium measures it for Lighthouse, over a
/// slow phone connection so the results arrive well after the first paint.
#[test]
fn search_results_arriving_move_nothing_on_the_page() {
    let Some(reader) = Reader::example() else {
        return;
    };
    let mut b = reader.phone();
    b.page(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({"source": "window.__cls = 0; new PerformanceObserver(l => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; }).observe({type: 'layout-shift', buffered: true});"}),
    );
    b.page("Network.enable", json!({}));
    b.page(
        "Network.emulateNetworkConditions",
        json!({"offline": false, "latency": 400, "downloadThroughput": 50000, "uploadThroughput": 25000}),
    );
    for query in [
        "search/?q=perempuan",
        "search/?q=pelatihan+webinar",
        "search/?q=komunitas",
    ] {
        b.goto(&reader.url(query));
        b.wait_for("document.querySelectorAll('#search-results li').length > 0");
        b.wait_for("!document.getElementById('search-filters').hidden");
        // Let the last layout settle.
        b.eval("new Promise(r => setTimeout(r, 500))");
        let cls = b.eval("window.__cls").as_f64().unwrap();
        eprintln!("{query}: cumulative layout shift {cls:.4}");
        assert!(cls <= 0.05, "{query}: cumulative layout shift {cls}");
    }
}

#[test]
fn without_javascript_the_search_page_says_so_and_offers_browsing() {
    let Some(reader) = Reader::example() else {
        return;
    };
    let mut b = reader.browser();
    b.page(
        "Emulation.setScriptExecutionDisabled",
        json!({"value": true}),
    );
    b.goto(&reader.url("search/?q=perempuan"));
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

#[test]
fn live_reload_keeps_the_scroll_swaps_css_and_shows_errors_in_the_page() {
    let Some(chromium) = chromium() else {
        return;
    };
    let site = TestSite::new();
    let long: String = (0..60)
        .map(|i| format!("Paragraf {i} tentang kegiatan warga di desa.\n\n"))
        .collect();
    let story = |extra: &str| {
        format!("---\ntitle: \"Cerita panjang\"\ndate: 2024-01-01\n---\n{long}{extra}")
    };
    site.write("content/stories/2024/panjang.md", &story(""));
    let css =
        String::from_utf8(std::fs::read(repo().join("themes/default/static/style.css")).unwrap())
            .unwrap();
    site.write("themes/default/static/style.css", &css);
    let serve = Serve::start(site.root());
    let mut b = Browser::launch(&chromium);
    b.viewport(360, 640, true);
    let page = format!("{}stories/panjang/", serve.url);
    b.goto(&page);
    b.wait_for("document.querySelector('h1') && document.querySelector('h1').textContent === 'Cerita panjang'");
    // Give the live-reload stream a moment to connect.
    std::thread::sleep(std::time::Duration::from_millis(500));
    b.eval("window.scrollTo(0, 900); window.marker = 1");
    assert!(b.eval("window.scrollY").as_f64().unwrap() > 800.0);

    // An edit reloads the tab and keeps the reader where they were.
    site.write(
        "content/stories/2024/panjang.md",
        &story("Baris tambahan yang baru.\n"),
    );
    b.wait_for("window.marker === undefined && document.readyState === 'complete' && document.body.innerText.includes('Baris tambahan yang baru.')");
    b.wait_for("window.scrollY > 800");

    // A CSS-only change swaps the stylesheet without reloading.
    b.eval("window.marker = 2");
    site.write(
        "themes/default/static/style.css",
        &format!("{css}\nbody{{outline:7px solid rgb(1, 2, 3)}}\n"),
    );
    b.wait_for("getComputedStyle(document.body).outlineColor === 'rgb(1, 2, 3)'");
    assert_eq!(b.eval("window.marker"), json!(2));

    // A broken edit shows the error in the page; the last good page stays.
    site.write(
        "content/stories/2024/panjang.md",
        "---\ntitle: \"Cerita panjang\"\ndate: kemarin\n---\nRusak.\n",
    );
    let overlay = b.wait_for("document.getElementById('cerita-error-overlay') && document.getElementById('cerita-error-overlay').innerText");
    let overlay = overlay.as_str().unwrap();
    assert!(
        overlay.contains("panjang.md") && overlay.contains(":3"),
        "{overlay}"
    );
    assert!(
        b.eval("document.body.innerText.includes('Baris tambahan yang baru.')")
            .as_bool()
            .unwrap()
    );
    // Fixing it clears the overlay and shows the fix.
    site.write(
        "content/stories/2024/panjang.md",
        &story("Sudah diperbaiki.\n"),
    );
    b.wait_for("!document.getElementById('cerita-error-overlay') && document.body.innerText.includes('Sudah diperbaiki.')");

    // The tab names the page it shows: a new tag renders it first, and the
    // tab reloads before the topic pages the tag changes are rendered.
    std::thread::sleep(std::time::Duration::from_millis(300));
    while serve.log.try_recv().is_ok() {}
    site.write(
        "content/stories/2024/panjang.md",
        &story("Sudah diperbaiki.\n").replace(
            "date: 2024-01-01\n",
            "date: 2024-01-01\ntags: [tema baru]\n",
        ),
    );
    b.wait_for("document.body.innerText.includes('tema baru')");
    // The last rebuild's report, once the server is quiet.
    let last = std::iter::from_fn(|| {
        serve
            .log
            .recv_timeout(std::time::Duration::from_secs(2))
            .ok()
    })
    .filter(|line| line.starts_with("cerita: rendered"))
    .last()
    .unwrap_or_default();
    assert!(last.contains("the saved and open pages ("), "{last}");

    // Withdrawn while the tab shows it: the tab reloads to the not-found
    // page, which names its own address; published again, back to the
    // story.
    let tagged = story("Sudah diperbaiki.\n").replace(
        "date: 2024-01-01\n",
        "date: 2024-01-01\ntags: [tema baru]\n",
    );
    site.write(
        "content/stories/2024/panjang.md",
        &tagged.replace("tags: [tema baru]\n", "tags: [tema baru]\ndraft: true\n"),
    );
    b.wait_for("document.querySelector('h1') && document.querySelector('h1').textContent === 'Halaman tidak ditemukan'");
    std::thread::sleep(std::time::Duration::from_millis(500));
    site.write("content/stories/2024/panjang.md", &tagged);
    b.wait_for("document.querySelector('h1') && document.querySelector('h1').textContent === 'Cerita panjang'");
    assert_eq!(b.eval("location.pathname"), json!("/stories/panjang/"));
}

#[test]
fn each_language_searches_its_own_stories_first_and_says_when_words_are_missing() {
    let Some(reader) = Reader::example() else {
        return;
    };
    let mut b = reader.phone();
    // "Saka Warga" is in the training report in both languages: on the
    // English search page the English version comes first.
    b.goto(&reader.url("en/search/?q=saka+warga"));
    b.wait_for("document.querySelectorAll('#search-results li').length > 1");
    let links: Vec<String> = serde_json::from_value(b.eval(
        "[...document.querySelectorAll('#search-results h2 a')].map(a => a.getAttribute('href'))",
    ))
    .unwrap();
    assert!(links[0].starts_with("/cerita/en/"), "{links:?}");
    assert!(
        links.iter().any(|l| !l.starts_with("/cerita/en/")),
        "{links:?}"
    );
    let langs: Vec<String> = serde_json::from_value(
        b.eval("[...document.querySelectorAll('#search-results h2 a')].map(a => a.lang)"),
    )
    .unwrap();
    assert_eq!(langs[0], "en", "{langs:?}");
    // The same words on the Indonesian page: the Indonesian report first.
    b.goto(&reader.url("search/?q=saka+warga"));
    b.wait_for("document.querySelectorAll('#search-results li').length > 1");
    let first = b.eval("document.querySelector('#search-results h2 a').getAttribute('href')");
    assert!(
        !first.as_str().unwrap().starts_with("/cerita/en/"),
        "{first}"
    );
    // A word in no story: the closest stories, and the page says so.
    b.goto(&reader.url("search/?q=kepemimpinan+tata+zzqx"));
    b.wait_for("document.querySelectorAll('#search-results li').length > 0");
    let status = b.eval("document.getElementById('search-status').textContent");
    assert!(
        status
            .as_str()
            .unwrap()
            .contains("Tidak ada cerita yang memuat semua kata"),
        "{status}"
    );
}

/// A Chinese query is marked in the results as one stretch, its pairs of
/// characters overlapping, and the text around it reads as written.
#[test]
fn a_chinese_query_is_marked_whole_in_the_results() {
    let site = TestSite::empty();
    site.write(
        "cerita.yaml",
        "title: Situs\nbase_url: https://example.org/\nlanguage: zh-CN\n",
    );
    site.story(
        "2024/kmesh.md",
        "访问日志的新版本",
        "date: 2024-01-01\n",
        "我们的访问日志和流量指标都更清楚。\n",
    );
    let Some(reader) = Reader::site(site.root()) else {
        return;
    };
    let mut b = reader.browser();
    b.goto(&reader.url("search/?q=访问日志"));
    b.wait_for("document.querySelectorAll('#search-results li').length === 1");
    assert_eq!(
        b.eval("[...document.querySelectorAll('#search-results h2 mark')].map(m => m.textContent)"),
        json!(["访问日志"])
    );
    assert_eq!(
        b.eval("document.querySelector('#search-results h2').textContent"),
        json!("访问日志的新版本")
    );
}
