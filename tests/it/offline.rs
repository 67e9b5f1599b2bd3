//! Reading with a connection that comes and goes: the offline reading
//! worker in headless Chromium, over a static host that can "lose its
//! signal" (it drops every connection unanswered). Stories read once open
//! again offline, marked as a saved copy; a page never read shows the
//! offline page with links to what the phone keeps; saved stories outlive
//! the recent ones; a new build replaces what phones keep (a changed story
//! shows its new text, a deleted one goes); `offline: false` removes the
//! worker and its caches; without JavaScript nothing changes; the preview
//! server never lets a worker keep pages.

use std::sync::atomic::Ordering;
use std::time::Duration;

use serde_json::{Value, json};

use crate::reader::{axe, nu_errors, vnu};
use crate::support::*;

fn site() -> TestSite {
    let site = TestSite::new();
    for (slug, title) in [
        ("satu", "Cerita satu"),
        ("dua", "Cerita dua"),
        ("tiga", "Cerita tiga"),
    ] {
        site.write_bytes(&format!("content/stories/2024/{slug}.png"), &png(800, 600));
        site.story(
            &format!("2024/{slug}.md"),
            title,
            "date: 2024-03-01\n",
            &format!("Isi {title} yang lama.\n\n![Foto {title}]({slug}.png)\n"),
        );
    }
    site
}

/// `cerita build` of `site` into the folder `reader` serves (a deploy).
fn deploy(site: &TestSite, reader: &Reader) {
    let base_url = format!("https://example.org{SUB_PATH}");
    let out = site.cerita(&[
        "build",
        "--output",
        reader.out.to_str().unwrap(),
        "--base-url",
        &base_url,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// The worker's list of kept pages (URL → entry).
fn kept(b: &mut Browser) -> Value {
    b.eval(&format!(
        "caches.open('cerita-meta').then(c => c.match('{SUB_PATH}__cerita/index.json')).then(r => r ? r.json() : {{}})"
    ))
}

fn titled(index: &Value) -> Vec<String> {
    let mut keys: Vec<String> = index
        .as_object()
        .map(|m| {
            m.iter()
                .filter(|(_, e)| e.get("title").is_some())
                .map(|(k, _)| k.clone())
                .collect()
        })
        .unwrap_or_default();
    keys.sort();
    keys
}

/// Navigates and waits for the page to finish loading, whether it came
/// from the site or from the worker.
fn open(b: &mut Browser, url: &str) {
    b.page("Page.navigate", json!({"url": url}));
    std::thread::sleep(Duration::from_millis(200));
    b.wait_for(&format!(
        "document.readyState === 'complete' && location.href === {}",
        json!(url)
    ));
}

/// Read pages, then keep reading while the host is unreachable.
fn read_three_pages(b: &mut Browser, reader: &Reader) {
    open(b, &reader.url(""));
    b.wait_for("navigator.serviceWorker.controller !== null");
    open(b, &reader.url("stories/satu/"));
    b.wait_for("[...document.images].every(i => i.complete)");
    open(b, &reader.url("stories/dua/"));
    b.wait_for("[...document.images].every(i => i.complete)");
    // The worker writes its list as pages arrive.
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    while titled(&kept(b)).len() < 3 {
        assert!(
            std::time::Instant::now() < deadline,
            "pages not kept: {}",
            kept(b)
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn stories_read_once_open_again_without_a_connection() {
    let site = site();
    let Some(reader) = Reader::site(site.root()) else {
        return;
    };
    let mut b = reader.phone();
    read_three_pages(&mut b, &reader);
    let first_visit_kept = titled(&kept(&mut b));
    assert_eq!(
        first_visit_kept,
        [
            reader.url(""),
            reader.url("stories/dua/"),
            reader.url("stories/satu/")
        ],
        "the first page, read before the worker ran, is kept too"
    );

    // A photo opened on its own (a gallery tile leads to one) arrives
    // whole, not read as a page.
    open(&mut b, &reader.url("stories/2024/satu.png"));
    let w = b.wait_for(
        "document.images[0] && document.images[0].complete && document.images[0].naturalWidth",
    );
    assert_eq!(w, json!(800));

    reader.server.down.store(true, Ordering::SeqCst);
    // And offline too, from what the phone kept.
    open(&mut b, &reader.url("stories/2024/satu.png"));
    let w = b.wait_for(
        "document.images[0] && document.images[0].complete && document.images[0].naturalWidth",
    );
    assert_eq!(w, json!(800));
    // A story read before: its text and photo, marked as a saved copy.
    open(&mut b, &reader.url("stories/satu/"));
    let v = b.wait_for(
        "[...document.images].every(i => i.complete) && [document.querySelector('h1').textContent, document.querySelector('.saved-copy:not([hidden])') && document.querySelector('.saved-copy').textContent, document.querySelector('.saved-copy time') && document.querySelector('.saved-copy time').getAttribute('datetime'), [...document.querySelectorAll('main img')].every(i => i.naturalWidth > 0)]",
    );
    assert_eq!(v[0], json!("Cerita satu"));
    assert!(
        v[1].as_str().unwrap_or("").starts_with("Versi tersimpan,"),
        "{v}"
    );
    assert!(v[2].as_str().unwrap_or("").starts_with("20"), "{v}");
    assert_eq!(v[3], json!(true), "photos shown from what the phone kept");

    // A story never read: the offline page, linking to what is kept.
    open(&mut b, &reader.url("stories/tiga/"));
    let v = b.wait_for(
        "document.querySelector('h1') && [document.querySelector('h1').textContent, [...document.querySelectorAll('.offline-kept a')].map(a => a.textContent)]",
    );
    assert_eq!(v[0], json!("Sedang offline"));
    let links = v[1].as_array().unwrap();
    for t in ["Cerita satu", "Cerita dua"] {
        assert!(links.contains(&json!(t)), "{v}");
    }
    // Its links work offline.
    b.eval("[...document.querySelectorAll('.offline-kept a')].find(a => a.textContent === 'Cerita dua').click()");
    b.wait_for(&format!(
        "location.href === {} && document.readyState === 'complete' && document.querySelector('h1').textContent === 'Cerita dua'",
        json!(reader.url("stories/dua/"))
    ));
    // axe finds nothing on the offline page as the worker shows it.
    open(&mut b, &reader.url("stories/tiga/"));
    b.wait_for("document.querySelector('.offline-kept a')");
    b.eval(&axe());
    let r = b.eval(
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']}, resultTypes: ['violations']}).then(r => r.violations.map(v => v.id + ': ' + v.help))",
    );
    assert_eq!(r, json!([]), "axe on the offline page");

    // Saved for offline: it stays when the recent pages are cleared.
    open(&mut b, &reader.url("stories/dua/"));
    b.wait_for("!document.querySelector('.offline-save').hidden");
    b.eval("document.querySelector('.save-offline').click()");
    let status = b.wait_for(
        "(t => t.startsWith('Tersimpan') && t)(document.querySelector('.save-status').textContent)",
    );
    assert!(status.as_str().unwrap().contains("KB"), "{status}");
    assert_eq!(
        b.eval("document.querySelector('.save-offline').textContent"),
        json!("Hapus dari simpanan")
    );
    b.eval("caches.keys().then(ks => Promise.all(ks.filter(k => k.startsWith('cerita-pages-') || k.startsWith('cerita-static-')).map(k => caches.delete(k))))");
    open(&mut b, &reader.url("stories/dua/"));
    let v = b.wait_for(
        "[...document.images].every(i => i.complete) && [document.querySelector('h1').textContent, !!document.querySelector('.saved-copy:not([hidden])'), [...document.querySelectorAll('main img')].every(i => i.naturalWidth > 0)]",
    );
    assert_eq!(v, json!(["Cerita dua", true, true]));
    // The one only read is gone with the recent pages: the offline page.
    open(&mut b, &reader.url("stories/satu/"));
    b.wait_for("document.querySelector('h1') && document.querySelector('h1').textContent === 'Sedang offline'");

    // The offline page as written passes the Nu checker.
    if let Some(vnu) = vnu() {
        let errors = nu_errors(&vnu, &reader.out.join("offline"));
        assert!(errors.is_empty(), "{}", errors.join("\n"));
    }
}

#[test]
fn a_new_build_replaces_what_phones_keep_and_offline_false_removes_the_worker() {
    let site = site();
    let Some(reader) = Reader::site(site.root()) else {
        return;
    };
    let old_build = std::fs::read_to_string(reader.out.join("sw.js")).unwrap();
    let old_build = old_build.split('"').nth(1).unwrap().to_string();
    let mut b = reader.phone();
    read_three_pages(&mut b, &reader);
    // The reader saves "dua", which the next build deletes.
    b.wait_for("!document.querySelector('.offline-save').hidden");
    b.eval("document.querySelector('.save-offline').click()");
    b.wait_for("document.querySelector('.save-status').textContent.startsWith('Tersimpan')");

    site.story(
        "2024/satu.md",
        "Cerita satu",
        "date: 2024-03-01\n",
        "Isi yang baru.\n\n![Foto](satu.png)\n",
    );
    std::fs::remove_file(site.path("content/stories/2024/dua.md")).unwrap();
    deploy(&site, &reader);
    let new_build = std::fs::read_to_string(reader.out.join("sw.js")).unwrap();
    assert!(!new_build.contains(&old_build), "the worker did not change");

    // The first or second load shows the new text.
    let mut fresh = false;
    for _ in 0..2 {
        open(&mut b, &reader.url("stories/satu/"));
        if b.eval("document.querySelector('main').textContent.includes('Isi yang baru')")
            == json!(true)
        {
            fresh = true;
            break;
        }
    }
    assert!(fresh, "the changed story still shows its old text");
    // The new build's worker took over: nothing of the old build is kept,
    // and the deleted story left the saved ones.
    let deadline = std::time::Instant::now() + Duration::from_secs(40);
    loop {
        let names = b.eval("caches.keys()");
        let index = kept(&mut b);
        let old_left = names
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n.as_str().unwrap_or("").ends_with(&old_build));
        let dua_left = index.get(reader.url("stories/dua/")).is_some();
        if !old_left && !dua_left {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "old build kept: {names} {index}"
        );
        // The reader goes on reading, a page every two seconds: each page
        // asks for a newer build.
        std::thread::sleep(Duration::from_millis(2000));
        open(&mut b, &reader.url(""));
    }
    let saved_dua = b.eval(&format!(
        "caches.open('cerita-saved').then(c => c.match({})).then(m => !!m)",
        json!(reader.url("stories/dua/"))
    ));
    assert_eq!(saved_dua, json!(false));

    // The kill switch: `offline: false` in the next build.
    site.write("cerita.yaml", &format!("{CONFIG}offline: false\n"));
    deploy(&site, &reader);
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        open(&mut b, &reader.url(""));
        let left = b.eval(
            "Promise.all([navigator.serviceWorker.getRegistrations(), caches.keys()]).then(([r, k]) => r.length + k.filter(n => n.startsWith('cerita-')).length)",
        );
        if left == json!(0) {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "worker or caches left: {left}"
        );
        std::thread::sleep(Duration::from_millis(1500));
    }
    // Its pages no longer register one.
    assert!(
        !std::fs::read_to_string(reader.out.join("index.html"))
            .unwrap()
            .contains("serviceWorker.register")
    );
}

#[test]
fn without_javascript_nothing_changes_and_the_preview_keeps_nothing() {
    let site = site();
    if let Some(reader) = Reader::site(site.root()) {
        let mut b = reader.phone();
        b.page(
            "Emulation.setScriptExecutionDisabled",
            json!({"value": true}),
        );
        b.page("Page.navigate", json!({"url": reader.url("stories/satu/")}));
        std::thread::sleep(Duration::from_millis(500));
        let v = b.wait_for(
            "document.readyState === 'complete' && [document.querySelector('.offline-save').hidden, document.querySelector('.saved-copy').hidden, document.querySelector('main').innerText.includes('Isi Cerita satu')]",
        );
        assert_eq!(v, json!([true, true, true]));
        let regs = b.eval("navigator.serviceWorker.getRegistrations().then(r => r.length)");
        assert_eq!(regs, json!(0));
    }
    // The preview answers for the worker with the one that removes itself.
    let server = Serve::start(site.root());
    let (status, body) = server.text("/sw.js");
    assert_eq!(status, 200);
    assert!(
        body.contains("unregister") && !body.contains("cerita-pages-"),
        "{body}"
    );
}

#[test]
fn a_first_visit_costs_no_more_than_the_worker() {
    // The same site with and without offline reading, a first visit each.
    let with = site();
    let without = site();
    without.write("cerita.yaml", &format!("{CONFIG}offline: false\n"));
    let mut bytes = Vec::new();
    for s in [&with, &without] {
        let Some(reader) = Reader::site(s.root()) else {
            return;
        };
        let mut b = reader.phone();
        reader.server.take_hits();
        open(&mut b, &reader.url("stories/satu/"));
        b.wait_for("[...document.images].every(i => i.complete)");
        // Time for the worker to install and keep what the page loaded.
        std::thread::sleep(Duration::from_millis(2000));
        let hits = reader.server.take_hits();
        let total: usize = hits.iter().map(|h| h.bytes).sum();
        let worker: usize = hits
            .iter()
            .filter(|h| h.path.ends_with("sw.js"))
            .map(|h| h.bytes)
            .sum();
        let paths: Vec<String> = hits.iter().map(|h| h.path.clone()).collect();
        bytes.push((total, worker, paths));
    }
    let (with_total, worker, with_paths) = &bytes[0];
    let (without_total, _, without_paths) = &bytes[1];
    eprintln!(
        "first visit of a story: {with_total} B with offline reading (worker {worker} B), {without_total} B without\n{with_paths:?}\n{without_paths:?}"
    );
    assert!(*worker > 0, "the worker was not fetched: {with_paths:?}");
    // Nothing but the worker is fetched anew: what the page loaded is kept
    // from the browser's own cache (the host revalidates, as static hosts do).
    assert!(
        with_total.saturating_sub(*without_total) <= worker + 600,
        "{with_total} B with, {without_total} B without, worker {worker} B: {with_paths:?}"
    );
}
