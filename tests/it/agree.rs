//! `build` and `serve` agree on every error and warning: a set of broken
//! sites, each built both ways (the library's build and the preview
//! server's session, which share one pipeline), must give the same
//! diagnostics, in the same order, or succeed both with the same warnings.
//! Then the real server over HTTP shows a tab the errors `cerita build`
//! prints.

use std::time::Duration;

use cerita::Options;
use cerita::error::{Diagnostic, Error};
use cerita::serve::session::Session;

use crate::support::*;

/// A JPEG header with nothing decodable after it: its size reads, its
/// pixels do not.
fn corrupt_jpeg() -> Vec<u8> {
    let mut b = vec![
        0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x10, 0x00, 0x10, 0x03,
    ];
    b.extend([1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
    b.extend([
        0xFF, 0xDA, 0x00, 0x0C, 0x03, 1, 0, 2, 0x11, 3, 0x11, 0, 0x3F, 0,
    ]);
    b.extend([0x13; 40]);
    b
}

/// Broken sites, each a name and what to write into a fresh site.
fn cases() -> Vec<(&'static str, TestSite)> {
    let mut cases = Vec::new();
    let mut case = |name: &'static str, f: &dyn Fn(&TestSite)| {
        let site = TestSite::new();
        f(&site);
        cases.push((name, site));
    };
    case("yaml syntax", &|s| {
        s.story("a.md", "A", "date: 2021-01-01\ntags: [satu, dua\n", "Isi\n");
    });
    case("types, missing title, unknown key", &|s| {
        s.write(
            "content/stories/a.md",
            "---\ntitel: A\ntags: 5\ndate: kemarin\ndraft: maybe\n---\nIsi\n",
        );
        s.write(
            "content/pages/about.md",
            "---\ntitle: Tentang\nwarna: biru\n---\nIsi\n",
        );
    });
    case("duplicate slugs and a reserved page slug", &|s| {
        s.story("2021/a.md", "A", "date: 2021-01-01\n", "Isi\n");
        s.story("2022/a.md", "A lagi", "date: 2022-01-01\n", "Isi\n");
        s.write("content/pages/search.md", "---\ntitle: Cari\n---\nIsi\n");
    });
    case("broken links and anchors", &|s| {
        s.story("a.md", "A", "date: 2021-01-01\n", "## Bagian\n\nIsi\n");
        s.story(
            "b.md",
            "B",
            "date: 2021-01-02\n",
            "Ke [a](@/stories/a.md#bagain), [x](@/stories/x.md) dan ![foto](hilang.jpg).\n",
        );
    });
    case("near misses and Markdown slips", &|s| {
        s.write_bytes("content/stories/bibit.png", &png(40, 30));
        s.write_bytes("content/stories/2021/sampul.png", &png(40, 30));
        s.story("laporan.md", "L", "date: 2021-01-01\n", "Isi\n");
        s.story(
            "b.md",
            "B",
            "date: 2021-01-02\nimage: Bibit.png\nimage_alt: x\n",
            "Ke [l](@/stories/Laporan.md) ![b](Bibit.PNG) ![c](Foto A.jpg) ![s](sampul.png)\n\n##Judul\n\n**Catatan: **x\n",
        );
    });
    case("covers: missing, without alt, undated", &|s| {
        s.story("a.md", "A", "image: tidak-ada.jpg\n", "Isi\n");
        s.write_bytes("content/stories/foto.png", &png(40, 30));
        s.story("b.md", "B", "date: 2021-01-01\nimage: foto.png\n", "Isi\n");
    });
    case("warnings only", &|s| {
        s.write(
            "content/partners/hapsari.md",
            "---\nname: HAPSARI\n---\nProfil.\n",
        );
        s.story(
            "a.md",
            "A",
            "date: 2021-01-01\npartners: [Hapsari]\n",
            "Isi\n",
        );
        s.story(
            "b.md",
            "B",
            "partners: [Atma Connect, atma-connect]\n",
            "Isi\n",
        );
    });
    case("template errors", &|s| {
        s.story("a.md", "A", "date: 2021-01-01\n", "Isi\n");
        s.write(
            "templates/story.html",
            "{% extends \"base.html\" %}\n{% block content %}\n{% if story.title %}\n<p>x</p>\n{% endblock content %}\n",
        );
    });
    case("a template error at render time", &|s| {
        s.story("a.md", "A", "date: 2021-01-01\n", "Isi\n");
        s.write(
            "templates/page.html",
            "{% extends \"base.html\" %}{% block content %}{{ page.no_such_field.deeper }}{% endblock content %}",
        );
        s.write("content/pages/about.md", "---\ntitle: Tentang\n---\nIsi\n");
    });
    case("a photo that cannot be decoded", &|s| {
        s.write_bytes("content/stories/rusak.jpg", &corrupt_jpeg());
        s.story("a.md", "A", "date: 2021-01-01\n", "![Rusak](rusak.jpg)\n");
    });
    case("bad config", &|s| {
        s.write("cerita.yaml", &format!("{CONFIG}paginat: 5\n"));
        s.story("a.md", "A", "date: 2021-01-01\n", "Isi\n");
    });
    case("not UTF-8", &|s| {
        s.write_bytes("content/stories/a.md", b"---\ntitle: \xff\xfe\n---\n");
    });
    cases
}

/// Every diagnostic as `cerita build` prints it, or the error's text.
fn texts(result: Result<Vec<Diagnostic>, Error>) -> (bool, Vec<String>) {
    match result {
        Ok(warnings) => (true, warnings.iter().map(|d| d.render(false)).collect()),
        Err(Error::Content(d)) => (false, d.iter().map(|d| d.render(false)).collect()),
        Err(other) => (false, vec![other.to_string()]),
    }
}

#[test]
fn build_and_serve_report_the_same_problems() {
    for (name, site) in cases() {
        let mut opts = Options::new(site.root());
        opts.output = Some(site.path("public"));
        let built = texts(cerita::build(&opts).map(|r| r.warnings.into_vec()));
        let served = texts(
            Session::new(&opts)
                .rebuild_all()
                .map(|o| o.warnings.into_vec()),
        );
        assert!(
            !built.1.is_empty(),
            "{name}: the case should have something to report"
        );
        assert_eq!(built, served, "{name}: build and serve disagree");
    }
}

/// The errors the server's event stream greets a tab with.
fn served_errors(site: &TestSite) -> Vec<String> {
    let server = Serve::start(site.root());
    let events = server.events();
    let hello = loop {
        let (name, data) = events
            .recv_timeout(Duration::from_secs(20))
            .expect("a hello event");
        if name == "hello" {
            break data;
        }
    };
    let v: serde_json::Value = serde_json::from_str(&hello).unwrap();
    v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["text"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_tab_is_shown_the_errors_the_build_prints() {
    for (name, site) in cases() {
        let o = site.cerita(&["build"]);
        let printed = stderr(&o);
        let errors = served_errors(&site);
        if o.status.success() {
            assert!(errors.is_empty(), "{name}: {errors:?}");
            continue;
        }
        assert!(!errors.is_empty(), "{name}: the server shows no error");
        for e in &errors {
            assert!(
                printed.contains(e.as_str()),
                "{name}: `{e}` not in\n{printed}"
            );
        }
        let summary = format!("error: {} error(s)", errors.len());
        assert!(
            printed.contains(&summary),
            "{name}: no `{summary}` in\n{printed}"
        );
    }
}
