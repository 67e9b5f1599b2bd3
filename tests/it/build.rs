//! Whole-site builds: the repository's example site and fixture sites, checked
//! with real HTML and XML parsers.

use std::collections::BTreeSet;
use std::path::Path;

use crate::support::*;

fn parse(out: &Path, rel: &str) -> scraper::Html {
    scraper::Html::parse_document(&std::fs::read_to_string(out.join(rel)).unwrap())
}

#[test]
fn example_site_builds_with_every_page_kind() {
    let (_tmp, out) = build_example(&[]);
    for page in [
        "index.html",
        "partners/index.html",
        "tags/index.html",
        "authors/index.html",
        "regions/index.html",
        "archive/index.html",
        "search/index.html",
        "404.html",
        "atom.xml",
        "sitemap.xml",
        "robots.txt",
        "about/index.html",
        "static/style.css",
        "stories/penguatan-kapasitas-community-leader-saka-warga/index.html",
        "partners/hapsari/index.html",
        "partners/hapsari/atom.xml",
        "partners/koseru/index.html",
        // The other languages, each under its own prefix.
        "en/index.html",
        "en/stories/penguatan-kapasitas-community-leader-saka-warga/index.html",
        "en/partners/hapsari/index.html",
        "en/about/index.html",
        "en/atom.xml",
        "jv/stories/pojok-baca-kampung-mergangsan/index.html",
    ] {
        assert!(out.join(page).is_file(), "missing {page}");
    }
    // The draft is not published.
    let stories = files_under(&out.join("stories"));
    assert!(
        !stories
            .iter()
            .any(|s| s.contains("temu-komunitas-saka-warga-2023")),
        "{stories:?}"
    );
    assert!(stories.len() >= 9, "{stories:?}");

    // Partners index: the six profiles, one entry per partner with counts.
    let doc = parse(&out, "partners/index.html");
    let names = texts(&doc, "main a[href*='/partners/']");
    for p in [
        "Atma Connect",
        "HAPSARI",
        "PATTIRO Gresik",
        "KOSERU",
        "JATAM",
        "Pegiat Literasi Mergangsan",
    ] {
        assert!(
            names.iter().any(|n| n.contains(p)),
            "{p} missing from {names:?}"
        );
    }
    // `Hapsari` in one story and `HAPSARI` elsewhere are one partner.
    assert!(!out.join("partners/hapsari-1").exists());

    // The Saka Warga story: headings with ids, the agenda table, partners linked.
    let doc = parse(
        &out,
        "stories/penguatan-kapasitas-community-leader-saka-warga/index.html",
    );
    assert_eq!(attrs(&doc, "html", "lang"), ["id"]);
    assert!(doc.select(&sel("main table")).next().is_some());
    assert!(doc.select(&sel("h2[id] a.heading-anchor")).count() >= 3);
    let partner_links = attrs(&doc, "main a[href^='/partners/']", "href");
    assert!(
        partner_links.iter().any(|h| h == "/partners/hapsari/"),
        "{partner_links:?}"
    );
    assert_eq!(
        attrs(&doc, "link[rel=canonical]", "href"),
        ["https://example.org/stories/penguatan-kapasitas-community-leader-saka-warga/"]
    );
    let ld = doc
        .select(&sel("script[type='application/ld+json']"))
        .next()
        .expect("JSON-LD")
        .text()
        .collect::<String>();
    let ld: serde_json::Value = serde_json::from_str(&ld).expect("valid JSON-LD");
    assert_eq!(ld["@type"], "Article");

    // The English translation of the training report, and the way back.
    let doc = parse(
        &out,
        "en/stories/penguatan-kapasitas-community-leader-saka-warga/index.html",
    );
    assert_eq!(attrs(&doc, "html", "lang"), ["en"]);
    assert_eq!(
        attrs(&doc, "link[rel=alternate][hreflang=id]", "href"),
        ["https://example.org/stories/penguatan-kapasitas-community-leader-saka-warga/"]
    );
    // The short story in Basa Jawa: the site's own UI strings, the rest
    // from the default language.
    let jv = parse(&out, "jv/stories/pojok-baca-kampung-mergangsan/index.html");
    assert_eq!(attrs(&jv, "html", "lang"), ["jv"]);
    let nav = texts(&jv, ".site-nav a");
    assert!(nav.contains(&"Ngarep".to_string()), "{nav:?}");

    // The writers' guide highlights YAML with classes, never inline styles.
    let guide =
        std::fs::read_to_string(out.join("stories/panduan-menulis-cerita/index.html")).unwrap();
    assert!(guide.contains("<pre class=\"code\" data-lang=\"yaml\" tabindex=\"0\">"));
    assert!(guide.contains("class=\"hl-"));
    assert!(!guide.contains("style=\"color"));
}

#[test]
fn every_local_link_resolves_at_root_and_under_a_sub_path() {
    let (_tmp, out) = build_example(&[]);
    let broken = broken_links(&out, "/");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));

    let (_tmp2, out2) = build_example(&["--base-url", "https://example.org/cerita/"]);
    let broken = broken_links(&out2, "/cerita/");
    assert!(
        broken.is_empty(),
        "broken links under /cerita/:\n{}",
        broken.join("\n")
    );
    let doc = parse(&out2, "index.html");
    assert_eq!(
        attrs(&doc, "link[rel=canonical]", "href"),
        ["https://example.org/cerita/"]
    );
    let feed = std::fs::read_to_string(out2.join("atom.xml")).unwrap();
    assert!(feed.contains("https://example.org/cerita/stories/"));
}

#[test]
fn feeds_are_atom_and_the_sitemap_lists_every_page() {
    let (_tmp, out) = build_example(&[]);
    let files = files_under(&out);
    for feed in files.iter().filter(|f| f.ends_with("atom.xml")) {
        let text = std::fs::read_to_string(out.join(feed)).unwrap();
        let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{feed}: {e}"));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "feed");
        assert_eq!(
            root.tag_name().namespace(),
            Some("http://www.w3.org/2005/Atom")
        );
        for entry in root.children().filter(|n| n.has_tag_name("entry")) {
            for required in ["id", "title", "updated"] {
                assert!(
                    entry.children().any(|n| n.has_tag_name(required)),
                    "{feed}: entry without {required}"
                );
            }
        }
    }
    let site_feed = std::fs::read_to_string(out.join("atom.xml")).unwrap();
    let doc = roxmltree::Document::parse(&site_feed).unwrap();
    assert!(
        doc.descendants()
            .filter(|n| n.has_tag_name("entry"))
            .count()
            >= 9
    );

    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let locs: BTreeSet<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .map(str::to_string)
        .collect();
    // Every page but the offline reading worker's (`noindex`).
    let pages: BTreeSet<String> = files
        .iter()
        .filter(|f| f.ends_with("index.html") && !f.ends_with("offline/index.html"))
        .map(|f| format!("https://example.org/{}", f.trim_end_matches("index.html")))
        .collect();
    assert_eq!(locs, pages);
    assert!(
        std::fs::read_to_string(out.join("robots.txt"))
            .unwrap()
            .contains("Sitemap: https://example.org/sitemap.xml")
    );
}

#[test]
fn partners_are_unified_and_aliases_apply() {
    let site = TestSite::new();
    site.write("content/partners/hapsari.md", "---\nname: HAPSARI\naliases: [Himpunan Serikat Perempuan Indonesia]\n---\nSerikat perempuan.\n");
    site.story(
        "2021/a.md",
        "Satu",
        "date: 2021-01-01\npartners: [HAPSARI]\n",
        "Isi satu.\n",
    );
    site.story(
        "2021/b.md",
        "Dua",
        "date: 2021-01-02\npartners: [Hapsari]\n",
        "Isi dua.\n",
    );
    site.story(
        "2021/c.md",
        "Tiga",
        "date: 2021-01-03\npartners: [Himpunan Serikat Perempuan Indonesia, Komunitas Baru]\n",
        "Isi tiga.\n",
    );
    let o = site.build_ok(&[]);
    let err = stderr(&o);
    assert!(err.contains("partner spelled `Hapsari`"), "{err}");
    assert!(err.contains("content/stories/2021/b.md:4:"), "{err}");
    let doc = site.html("partners/hapsari/index.html");
    assert_eq!(
        texts(&doc, ".card-title a").len(),
        3,
        "all three stories listed"
    );
    // A partner named only in a story still gets a page.
    assert!(site.out("partners/komunitas-baru/index.html").is_file());
    assert!(site.out("partners/komunitas-baru/atom.xml").is_file());
}

#[test]
fn listings_paginate_and_sort_newest_first_undated_last() {
    let site = TestSite::new();
    site.write("cerita.yaml", &format!("{CONFIG}paginate: 2\n"));
    site.story("a.md", "Lama", "date: 2020-01-01\ntags: [uji]\n", "x\n");
    site.story("b.md", "Baru", "date: 2022-01-01\ntags: [uji]\n", "x\n");
    site.story("c.md", "Tengah", "date: 2021-01-01\ntags: [uji]\n", "x\n");
    site.story("d.md", "Tanpa Tanggal", "tags: [Uji]\n", "x\n");
    let o = site.build_ok(&[]);
    assert!(stderr(&o).contains("has no `date`"));
    let first = texts(&site.html("index.html"), ".card-title a");
    assert_eq!(first, ["Baru", "Tengah"]);
    let second = texts(&site.html("page/2/index.html"), ".card-title a");
    assert_eq!(second, ["Lama", "Tanpa Tanggal"]);
    assert!(site.out("tags/uji/page/2/index.html").is_file());
    assert!(!site.out("page/3").exists());
    let newer = attrs(&site.html("stories/c/index.html"), ".story-nav a", "href");
    assert!(
        newer.contains(&"/stories/b/".to_string()) && newer.contains(&"/stories/a/".to_string()),
        "{newer:?}"
    );
}

#[test]
fn drafts_and_future_stories_only_with_drafts_flag() {
    let site = TestSite::new();
    site.story("a.md", "Terbit", "date: 2021-01-01\n", "x\n");
    site.story("b.md", "Draf", "date: 2021-01-01\ndraft: true\n", "x\n");
    site.story("c.md", "Masa Depan", "date: 2999-01-01\n", "x\n");
    site.story(
        "d.md",
        "Draf Masa Depan",
        "date: 2999-01-01\ndraft: true\n",
        "x\n",
    );
    let out = stderr(&site.build_ok(&[]));
    assert!(site.out("stories/a/index.html").is_file());
    assert!(!site.out("stories/b").exists());
    assert!(!site.out("stories/c").exists());
    // A story waiting for its date is said so, at its date (a mistyped
    // year hides a story as `draft: true` does); a draft is not.
    assert!(
        out.contains("content/stories/c.md:3:7: warning: this story is dated in the future (2999-01-01, from 00:00 UTC, 07:00 WIB), so it is not published until then"),
        "{out}"
    );
    assert!(out.contains("`--drafts` shows it now"), "{out}");
    assert!(
        !out.contains("stories/d.md") && !out.contains("stories/b.md"),
        "{out}"
    );
    site.build_ok(&["--drafts"]);
    assert!(site.out("stories/b/index.html").is_file());
    assert!(site.out("stories/c/index.html").is_file());
}

/// The `<published>` of each entry of the site's feed, in its order.
fn published(site: &TestSite) -> Vec<String> {
    let feed = std::fs::read_to_string(site.out("atom.xml")).unwrap();
    let doc = roxmltree::Document::parse(&feed).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("published"))
        .filter_map(|n| n.text().map(str::to_string))
        .collect()
}

/// `time_zone:` puts the dates written without a zone on the site's clock:
/// in the feeds and the page's data, in the order of the listings, and in
/// the message for a story that waits for its date. Without it they are
/// UTC's, and that message says how to set it.
#[test]
fn dates_without_a_zone_are_on_the_sites_clock() {
    let site = TestSite::new();
    site.write("cerita.yaml", &format!("{CONFIG}time_zone: Asia/Jakarta\n"));
    // 23:30 in Jakarta is 16:30 UTC: before the story of 17:00 UTC.
    site.story("a.md", "Malam", "date: 2024-03-01 23:30\n", "x\n");
    site.story(
        "b.md",
        "Tengah Malam",
        "date: 2024-03-01T17:00:00Z\n",
        "x\n",
    );
    site.story("c.md", "Hari", "date: 2024-02-01\n", "x\n");
    site.story("d.md", "Nanti", "date: 2999-01-01\n", "x\n");
    let out = stderr(&site.build_ok(&[]));
    assert!(
        out.contains("content/stories/d.md:3:7: warning: this story is dated in the future (2999-01-01, from 00:00 Asia/Jakarta)"),
        "{out}"
    );
    assert!(!out.contains("time_zone"), "{out}");
    assert_eq!(
        published(&site),
        [
            "2024-03-01T17:00:00Z",
            "2024-03-01T23:30:00+07:00",
            "2024-02-01T00:00:00+07:00"
        ]
    );
    let titles = texts(&site.html("index.html"), ".cards h2");
    assert_eq!(titles, ["Tengah Malam", "Malam", "Hari"]);
    let page = site.read_out("stories/a/index.html");
    assert!(
        page.contains("\"datePublished\":\"2024-03-01T23:30:00+07:00\""),
        "{page}"
    );
    // The day shown is the day written.
    assert_eq!(
        attrs(
            &site.html("stories/c/index.html"),
            ".story-meta time",
            "datetime"
        ),
        ["2024-02-01"]
    );

    // Without `time_zone`: UTC, and the message says how to set it.
    site.write("cerita.yaml", CONFIG);
    let out = stderr(&site.build_ok(&[]));
    assert!(
        out.contains("(2999-01-01, from 00:00 UTC, 07:00 WIB)")
            && out.contains("`time_zone: Asia/Jakarta` (or WITA, WIT) in cerita.yaml"),
        "{out}"
    );
    let feed = std::fs::read_to_string(site.out("atom.xml")).unwrap();
    assert!(
        feed.contains("<published>2024-03-01T23:30:00Z</published>"),
        "{feed}"
    );

    // A zone cerita does not know: an error at the line.
    site.write("cerita.yaml", &format!("{CONFIG}time_zone: Jakarta\n"));
    let err = site.build_fails();
    assert!(site.out("stories/a/index.html").is_file());
    assert!(
        err.contains("cerita.yaml:5:12: error: `time_zone` must be a time zone")
            && err.contains("did you mean `Asia/Jakarta`?"),
        "{err}"
    );
}

#[test]
fn markdown_features_summaries_and_links() {
    let site = TestSite::new();
    site.story(
        "2021/target.md",
        "Target",
        "date: 2021-01-01\n",
        "## Bagian Khusus {#khusus}\n\nIsi.\n",
    );
    site.story(
        "2021/main.md",
        "Utama",
        "date: 2021-01-02\nlang: en\nreading_level: easy\n",
        "First paragraph with *emphasis*.\n\n<!-- more -->\n\n## Heading\n\n## Heading\n\nSee [target](@/stories/2021/target.md#khusus) and [next](target.md).\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nNote[^1].\n\n[^1]: A footnote.\n\n- [x] done\n\n~~old~~ \"quoted\"\n",
    );
    site.build_ok(&[]);
    let doc = site.html("stories/main/index.html");
    assert_eq!(attrs(&doc, "html", "lang"), ["en"]);
    let ids = attrs(&doc, "main h2", "id");
    assert!(
        ids.contains(&"heading".to_string()) && ids.contains(&"heading-1".to_string()),
        "{ids:?}"
    );
    let hrefs = attrs(&doc, "main a", "href");
    assert!(
        hrefs.contains(&"/stories/target/#khusus".to_string()),
        "{hrefs:?}"
    );
    assert!(hrefs.contains(&"/stories/target/".to_string()), "{hrefs:?}");
    assert!(doc.select(&sel("main table td")).count() == 2);
    assert!(doc.select(&sel("main del")).count() == 1);
    assert!(
        doc.select(&sel("main label.task input[type=checkbox][checked]"))
            .count()
            == 1,
        "task checkboxes are labelled by their text"
    );
    assert!(
        doc.select(&sel("main .table-wrap[tabindex='0'] table"))
            .count()
            == 1,
        "scrollable tables are focusable"
    );
    let html = site.read_out("stories/main/index.html");
    assert!(html.contains("“quoted”"), "smart punctuation");
    // The summary stops at <!-- more -->.
    let home = site.html("index.html");
    assert!(
        texts(&home, "main")
            .join(" ")
            .contains("First paragraph with emphasis.")
    );
    // `check` lists the unknown field as a warning with its line.
    let o = site.cerita(&["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o)
            .contains("content/stories/2021/main.md:5:1: warning: unknown field `reading_level`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn front_matter_and_raw_html_never_become_live_code() {
    let site = TestSite::new();
    site.story(
        "x.md",
        "<img src=x onerror=alert(1)>",
        "date: 2021-01-01\npartners: [\"<script>alert(1)</script>\"]\ntags: [\"\\\"><svg onload=alert(1)>\"]\nsummary: \"<b onmouseover=alert(1)>hi</b>\"\n",
        "<script>alert(2)</script>\n\n<a href=\"javascript:alert(3)\" onclick=\"alert(4)\">klik</a>\n\n[md](javascript:alert(5))\n\n<em>boleh</em>\n",
    );
    site.build_ok(&[]);
    for f in files_under(&site.path("public")) {
        if f.ends_with(".html") {
            let doc = scraper::Html::parse_document(&site.read_out(&f));
            for el in doc.select(&sel("*")) {
                let name = el.value().name();
                assert!(
                    !matches!(name, "svg" | "img" | "iframe" | "object"),
                    "{f}: live <{name}>"
                );
                if name == "script" {
                    let text = el.text().collect::<String>();
                    if el.value().attr("type") == Some("application/ld+json") {
                        // Data, not code: it must stay valid JSON.
                        serde_json::from_str::<serde_json::Value>(&text)
                            .unwrap_or_else(|e| panic!("{f}: JSON-LD: {e}"));
                    } else {
                        assert!(!text.contains("alert("), "{f}: script with payload: {text}");
                    }
                }
                for (attr, value) in el.value().attrs() {
                    assert!(!attr.starts_with("on"), "{f}: <{name} {attr}=…>");
                    assert!(
                        !value.trim_start().to_lowercase().starts_with("javascript:"),
                        "{f}: {attr}={value}"
                    );
                }
            }
        } else if f.ends_with(".xml") {
            let text = site.read_out(&f);
            let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{f}: {e}"));
            assert!(
                !doc.descendants()
                    .any(|n| matches!(n.tag_name().name(), "script" | "img" | "svg")),
                "{f}"
            );
        }
    }
    let doc = site.html("stories/x/index.html");
    assert_eq!(texts(&doc, "h1"), ["<img src=x onerror=alert(1)>"]);
    assert!(doc.select(&sel("main em")).count() >= 1);
}

#[test]
fn a_site_without_themes_folder_builds_and_templates_override_file_by_file() {
    let site = TestSite::new();
    site.story("a.md", "Halo", "date: 2021-01-01\n", "Isi.\n");
    site.build_ok(&[]);
    assert!(site.out("static/style.css").is_file());
    site.write("templates/story.html", "{% extends \"base.html\" %}{% block content %}<p id=\"custom\">{{ story.title }}</p>{% endblock %}");
    site.build_ok(&[]);
    let doc = site.html("stories/a/index.html");
    assert_eq!(texts(&doc, "#custom"), ["Halo"]);
    // The rest of the default theme is still there.
    assert!(doc.select(&sel("header")).next().is_some());
}

/// Browsers ask for `/favicon.ico` on what has no `<link rel="icon">` (a
/// photo or a feed opened on its own): the theme's icon is there, the
/// site's own `static/favicon.ico` in its place, and none for a theme
/// with its own SVG icon but no `.ico`.
#[test]
fn the_site_root_has_the_theme_icon_where_browsers_look_for_it() {
    let site = TestSite::new();
    site.story("a.md", "Halo", "date: 2021-01-01\n", "Isi.\n");
    site.build_ok(&[]);
    let ico = std::fs::read(site.out("favicon.ico")).unwrap();
    // An ICO of two PNG pictures, 16 and 32 pixels square.
    assert_eq!(ico[..6], [0, 0, 1, 0, 2, 0]);
    let sizes: Vec<u8> = (0..2).map(|i| ico[6 + 16 * i]).collect();
    assert_eq!(sizes, [16, 32]);
    let first = u32::from_le_bytes(ico[18..22].try_into().unwrap()) as usize;
    assert_eq!(ico[first..first + 8], *b"\x89PNG\r\n\x1a\n");
    assert!(!site.out("static/favicon.ico").exists());
    let doc = site.html("stories/a/index.html");
    let icons = attrs(&doc, "link[rel=icon]", "href");
    assert!(
        icons.len() == 1 && icons[0].starts_with("/static/favicon.svg?v="),
        "{icons:?}"
    );

    site.write_bytes("static/favicon.ico", b"own icon");
    site.build_ok(&[]);
    assert_eq!(std::fs::read(site.out("favicon.ico")).unwrap(), b"own icon");

    std::fs::remove_file(site.path("static/favicon.ico")).unwrap();
    site.write(
        "themes/default/static/favicon.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site.build_ok(&[]);
    assert!(!site.out("favicon.ico").exists());
}

#[test]
fn assets_beside_stories_are_copied_and_relative_images_resolve() {
    let site = TestSite::new();
    site.write_bytes("content/stories/2021/foto.png", &png(8, 6));
    site.story(
        "2021/a.md",
        "Foto",
        "date: 2021-01-01\n",
        "![Warga berkumpul](foto.png)\n",
    );
    site.build_ok(&[]);
    assert!(site.out("stories/2021/foto.png").is_file());
    let doc = site.html("stories/a/index.html");
    assert_eq!(attrs(&doc, "main img", "src"), ["/stories/2021/foto.png"]);
    assert!(broken_links(&site.path("public"), "/").is_empty());
}

#[test]
fn cover_images_carry_their_size_so_nothing_jumps() {
    let site = TestSite::new();
    site.write_bytes("content/stories/2021/sampul.png", &png(64, 48));
    site.story(
        "2021/a.md",
        "Sampul",
        "date: 2021-01-01\nimage: sampul.png\nimage_alt: Warga menanam bakau\n",
        "Isi.\n",
    );
    site.build_ok(&[]);
    let doc = site.html("stories/a/index.html");
    let img = "img.story-image";
    assert_eq!(attrs(&doc, img, "src"), ["/stories/2021/sampul.png"]);
    assert_eq!(attrs(&doc, img, "width"), ["64"]);
    assert_eq!(attrs(&doc, img, "height"), ["48"]);
    assert_eq!(attrs(&doc, img, "alt"), ["Warga menanam bakau"]);
    // An image whose header cannot be read: with --no-images it still
    // shows, without a size (a normal build reports it: tests/it/images.rs).
    site.write_bytes("content/stories/2021/sampul.png", b"\x89PNG rusak");
    site.build_ok(&["--no-images"]);
    let doc = site.html("stories/a/index.html");
    assert_eq!(attrs(&doc, img, "src"), ["/stories/2021/sampul.png"]);
    assert!(attrs(&doc, img, "width").is_empty());
}

#[test]
fn two_builds_of_the_same_sources_are_byte_identical() {
    let (_a, out_a) = build_example(&[]);
    let (_b, out_b) = build_example(&[]);
    let files = files_under(&out_a);
    assert_eq!(files, files_under(&out_b));
    for f in files {
        assert_eq!(
            std::fs::read(out_a.join(&f)).unwrap(),
            std::fs::read(out_b.join(&f)).unwrap(),
            "{f} differs"
        );
    }
}

#[test]
fn story_pages_stay_within_the_weight_budget() {
    let (_tmp, out) = build_example(&[]);
    let css: u64 = ["static/style.css", "static/syntax.css"]
        .iter()
        .map(|f| std::fs::metadata(out.join(f)).unwrap().len())
        .sum();
    for page in files_under(&out.join("stories"))
        .iter()
        .filter(|f| f.ends_with("index.html"))
    {
        let html = std::fs::metadata(out.join("stories").join(page))
            .unwrap()
            .len();
        assert!(
            html + css <= 50 * 1024,
            "stories/{page}: {html} B HTML + {css} B CSS > 50 KB"
        );
    }
}

#[test]
fn two_builds_started_at_once_leave_one_complete_output() {
    let (_t, reference) = build_example(&[]);
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let run = || {
        std::process::Command::new(CERITA)
            .args(["build", "--root", repo().to_str().unwrap(), "--output"])
            .arg(&out)
            .env("NO_COLOR", "1")
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    for _ in 0..4 {
        let (mut a, mut b) = (run(), run());
        assert!(a.wait().unwrap().success() && b.wait().unwrap().success());
        let files = files_under(&out);
        assert_eq!(files, files_under(&reference));
        for f in files.iter().filter(|f| *f != ".cerita") {
            let (x, y) = (
                std::fs::read(out.join(f)).unwrap(),
                std::fs::read(reference.join(f)).unwrap(),
            );
            assert!(x == y, "{f} differs after concurrent builds");
        }
        // No staging folder is left beside the output.
        let beside: Vec<String> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(beside, ["public"]);
    }
}

#[test]
fn a_build_killed_at_any_moment_leaves_the_previous_output_intact() {
    let site = TestSite::new();
    let write_stories = |version: &str| {
        for i in 0..150 {
            site.story(
                &format!("s{i}.md"),
                &format!("Cerita {i} {version}"),
                &format!(
                    "date: 2021-01-{:02}\ntags: [t{}]\npartners: [Mitra {}]\n",
                    i % 28 + 1,
                    i % 7,
                    i % 5
                ),
                &format!(
                    "Isi cerita {i}, versi {version}.\n\n## Bagian\n\n{}\n",
                    "Kata kata kata. ".repeat(200)
                ),
            );
        }
    };
    let out = site.path("public");
    write_stories("satu");
    site.build_ok(&[]);
    let old = snapshot(&out);
    write_stories("dua");
    let t = std::time::Instant::now();
    let reference = site.path("reference");
    let o = site.cerita(&["build", "--output", reference.to_str().unwrap()]);
    assert!(o.status.success());
    let full = t.elapsed();
    let new = snapshot(&reference);
    assert_ne!(old, new);

    // Deterministic "random" kill points across the whole build.
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let (mut kept, mut replaced) = (0, 0);
    for round in 0..16 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        // Anywhere from the start to past the usual end, most often late,
        // where the output is being swapped.
        let r = (seed % 1000) as f64 / 1000.0;
        let at = full.mul_f64(if round % 2 == 0 {
            r * 1.2
        } else {
            0.7 + r * 0.6
        });
        let mut child = std::process::Command::new(CERITA)
            .arg("build")
            .current_dir(site.root())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(at);
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let now = snapshot(&out);
        if now == old {
            kept += 1;
        } else {
            assert!(
                now == new,
                "round {round} (killed after {at:?}): the output is neither the old nor the new site"
            );
            replaced += 1;
            // Put the old site back for the next round.
            write_stories("satu");
            site.build_ok(&[]);
            assert_eq!(snapshot(&out), old);
            write_stories("dua");
        }
    }
    assert!(kept > 0, "no kill landed before the build finished");
    // The next build clears what killed builds left beside the output.
    site.build_ok(&[]);
    assert_eq!(snapshot(&out), new);
    let beside: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("cerita-staging"))
        .collect();
    assert!(beside.is_empty(), "{beside:?}");
    eprintln!("kill loop: {kept} kept, {replaced} replaced (a build takes {full:?})");
}

/// Sets every file under `dir` to have been changed `secs` seconds ago, as if
/// written well before the build (a file changed in the same moment as a
/// build reads it is never trusted to be unchanged).
fn age(dir: &Path, secs: u64) {
    let then = std::time::SystemTime::now() - std::time::Duration::from_secs(secs);
    for f in files_under(dir) {
        std::fs::File::options()
            .write(true)
            .open(dir.join(f))
            .unwrap()
            .set_modified(then)
            .unwrap();
    }
}

#[test]
fn a_rebuild_with_nothing_changed_leaves_the_output_alone() {
    let site = TestSite::new();
    site.story(
        "a.md",
        "Satu",
        "date: 2021-01-01\ntgas: [x]\n",
        "Teks ![](foto.png)\n",
    );
    site.write_bytes("content/stories/foto.png", &png(20, 20));
    let sources = site.path("content");
    age(site.root(), 60);
    let first = site.build_ok(&[]);
    assert!(stdout(&first).contains("cerita: built 1 story, "));
    let warning = stderr(&first);
    assert!(warning.contains("warning"), "{warning}");
    let before = snapshot(&site.path("public"));
    let times = |_: ()| -> Vec<std::time::SystemTime> {
        files_under(&site.path("public"))
            .iter()
            .map(|f| std::fs::metadata(site.out(f)).unwrap().modified().unwrap())
            .collect()
    };
    let stamps = times(());

    // Nothing changed: nothing is written, and the warnings are shown again.
    let again = site.build_ok(&[]);
    assert!(
        stdout(&again).contains("up to date, nothing changed since the last build: 1 story, "),
        "{}",
        stdout(&again)
    );
    assert_eq!(stderr(&again), warning);
    assert_eq!(times(()), stamps);
    assert_eq!(snapshot(&site.path("public")), before);

    // Other options are another build.
    assert!(stdout(&site.build_ok(&["--drafts"])).contains("cerita: built"));
    assert!(stdout(&site.build_ok(&["--drafts"])).contains("up to date"));
    assert!(stdout(&site.build_ok(&[])).contains("cerita: built"));
    assert!(stdout(&site.build_ok(&["--no-search"])).contains("cerita: built"));
    assert!(!site.out("search/index.json").exists());
    assert!(stdout(&site.build_ok(&[])).contains("cerita: built"));
    assert!(site.out("search/index.json").is_file());

    // A story edited, added or removed.
    site.story(
        "a.md",
        "Dua!",
        "date: 2021-01-01\ntgas: [x]\n",
        "Teks ![](foto.png)\n",
    );
    age(&sources, 30);
    let edited = site.build_ok(&[]);
    assert!(stdout(&edited).contains("cerita: built"));
    assert!(site.read_out("stories/a/index.html").contains("Dua!"));
    site.story("b.md", "Baru", "date: 2021-01-02\n", "x\n");
    age(&sources, 20);
    site.build_ok(&[]);
    assert!(site.out("stories/b/index.html").is_file());
    std::fs::remove_file(site.path("content/stories/b.md")).unwrap();
    site.build_ok(&[]);
    assert!(!site.out("stories/b").exists());

    // An output file changed or removed by hand is written again.
    site.build_ok(&[]);
    std::fs::write(site.out("stories/a/index.html"), "diubah").unwrap();
    assert!(stdout(&site.build_ok(&[])).contains("cerita: built"));
    assert!(site.read_out("stories/a/index.html").contains("Dua!"));
    std::fs::remove_file(site.out("stories/foto.png")).unwrap();
    site.build_ok(&[]);
    assert!(site.out("stories/foto.png").is_file());
    // ... even when its size stays the same (the stamp keeps the sizes the
    // build wrote and when it finished, not the files' times).
    assert!(stdout(&site.build_ok(&[])).contains("up to date"));
    let page = site.read_out("stories/a/index.html");
    std::fs::write(site.out("stories/a/index.html"), "x".repeat(page.len())).unwrap();
    assert!(stdout(&site.build_ok(&[])).contains("cerita: built"));
    assert_eq!(site.read_out("stories/a/index.html"), page);

    // A template added to the site is an input too.
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}Hilang{% endblock content %}",
    );
    age(&site.path("templates"), 20);
    site.build_ok(&[]);
    assert!(site.read_out("404.html").contains("Hilang"));

    // A file changed just before the last build is never trusted to be unchanged.
    site.story("a.md", "Tiga", "date: 2021-01-01\n", "x\n");
    site.build_ok(&[]);
    assert!(stdout(&site.build_ok(&[])).contains("cerita: built"));

    // A future story is published once its time has come, with no change.
    let soon = time::OffsetDateTime::now_utc() + time::Duration::seconds(3);
    let soon = soon
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();
    site.story("c.md", "Besok", &format!("date: \"{soon}\"\n"), "x\n");
    age(&sources, 20);
    site.build_ok(&[]);
    assert!(!site.out("stories/c").exists());
    assert!(stdout(&site.build_ok(&[])).contains("up to date"));
    std::thread::sleep(std::time::Duration::from_secs(4));
    assert!(stdout(&site.build_ok(&[])).contains("cerita: built"));
    assert!(site.out("stories/c/index.html").is_file());
}

#[test]
fn partials_render_with_only_their_values_and_copies_match() {
    let site = TestSite::new();
    site.story("a.md", "Satu <b>", "date: 2021-01-02\ntags: [air]\n", "x\n");
    site.story(
        "b.md",
        "Dua",
        "date: 2021-01-01\ntags: [air]\nlang: en\n",
        "y\n",
    );
    site.write(
        "templates/partials/card.html",
        "<li class=\"c\" data-level=\"{{ level }}\" data-lang=\"{{ lang }}\">{{ story.title }} · {{ t.read_more }}</li>",
    );
    site.write(
        "templates/partials/hello.html",
        "<p class=\"h\">{% if who %}{{ who }}{% else %}{{ value }}{% endif %}</p>",
    );
    site.write(
        "templates/partials/own-t.html",
        "<p class=\"t\">{{ t }}</p>",
    );
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}{{ partial(name=\"partials/hello.html\", who=\"<x>\") }}{{ \"dunia\" | partial(name=\"partials/hello.html\") }}{{ partial(name=\"partials/hello.html\", who=\"<x>\") }}{{ partial(name=\"partials/own-t.html\", t=\"milik sendiri\") }}{% endblock %}",
    );
    site.build_ok(&[]);
    // Escaped once inside the partial, not again where it is placed; the
    // copies (second use of equal values) are the same.
    let home = site.html("index.html");
    assert_eq!(
        texts(&home, "li.c"),
        ["Satu <b> · Baca selengkapnya", "Dua · Baca selengkapnya"]
    );
    assert_eq!(attrs(&home, "li.c", "data-level"), ["2", "2"]);
    let cards = |doc: &scraper::Html| {
        doc.select(&sel("ul.cards"))
            .map(|e| e.html())
            .collect::<Vec<_>>()
    };
    assert_eq!(cards(&home), cards(&site.html("tags/air/index.html")));
    let story = site.html("stories/a/index.html");
    assert_eq!(texts(&story, "li.c"), ["Dua · Baca selengkapnya"]);
    assert_eq!(attrs(&story, "li.c", "data-level"), ["3"]);
    assert_eq!(attrs(&story, "li.c", "data-lang"), ["id"]);
    let missing = site.html("404.html");
    // No value of one call is left for the next (contexts are reused).
    assert_eq!(texts(&missing, "p.h"), ["<x>", "dunia", "<x>"]);
    // A `t` given to a partial is the one it sees.
    assert_eq!(texts(&missing, "p.t"), ["milik sendiri"]);
    // A change to the partial shows on the next build.
    site.write(
        "templates/partials/card.html",
        "<li class=\"c\">{{ story.slug }}</li>",
    );
    site.build_ok(&[]);
    assert_eq!(texts(&site.html("index.html"), "li.c"), ["a", "b"]);
}

/// Pages share one context per language for what every page has; a page's
/// own values are taken out after it renders, so none shows on another page.
#[test]
fn no_page_sees_another_pages_values() {
    let site = TestSite::new();
    for i in 0..30 {
        site.story(
            &format!("s{i}.md"),
            &format!("Cerita {i}"),
            &format!("date: 2021-01-{:02}\ntags: [air]\n", i % 28 + 1),
            "x\n",
        );
    }
    // Each template probes for the other kinds' own values.
    for (name, others) in [
        ("index.html", ["story", "term", "terms"]),
        ("story.html", ["stories", "term", "terms"]),
        ("term.html", ["story", "terms", "related"]),
        ("taxonomy.html", ["story", "stories", "term"]),
    ] {
        let probe = others
            .iter()
            .map(|k| format!("{k} is defined"))
            .collect::<Vec<_>>()
            .join(" or ");
        site.write(
            &format!("templates/{name}"),
            &format!(
                "{{% extends \"base.html\" %}}{{% block content %}}{{% if {probe} %}}<i class=\"leak\">{{% endif %}}<p class=\"lang\">{{{{ lang }}}} {{{{ t.read_more }}}}</p>{{% endblock %}}"
            ),
        );
    }
    site.build_ok(&[]);
    for page in [
        "index.html",
        "page/2/index.html",
        "stories/s3/index.html",
        "tags/air/index.html",
        "tags/index.html",
    ] {
        let doc = site.html(page);
        assert!(doc.select(&sel("i.leak")).next().is_none(), "{page}");
        assert_eq!(texts(&doc, "p.lang"), ["id Baca selengkapnya"], "{page}");
    }
}

/// A rebuild writes over the output the last build replaced (kept under
/// `.cerita-cache/previous/`) instead of making every file and folder
/// again: the result is exactly a fresh build's, what the site no longer
/// makes is gone, photo versions are links to the image cache, and a kept
/// folder holding anything but files and folders is removed, not reused.
#[test]
fn rebuilds_write_over_the_kept_output_and_match_a_fresh_build() {
    let site = TestSite::new();
    site.write_bytes("content/stories/2024/foto.png", &png(1200, 800));
    site.story(
        "2024/a.md",
        "Cerita A",
        "date: 2024-01-01\ntags: [satu]\n",
        "Isi A.\n\n![Foto warga](foto.png)\n",
    );
    site.story(
        "2024/b.md",
        "Cerita B",
        "date: 2024-01-02\ntags: [dua]\n",
        "Isi B.\n",
    );
    site.build_ok(&[]);
    assert!(!site.path(".cerita-cache/previous").exists());
    site.story(
        "2024/a.md",
        "Cerita A2",
        "date: 2024-01-01\ntags: [satu]\n",
        "Isi A.\n\n![Foto warga](foto.png)\n",
    );
    site.build_ok(&[]);
    let kept: Vec<_> = std::fs::read_dir(site.path(".cerita-cache/previous"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(kept[0].join(".cerita").is_file());

    // This build writes over the kept output: B and its topic are gone.
    std::fs::remove_file(site.path("content/stories/2024/b.md")).unwrap();
    site.story(
        "2024/a.md",
        "Cerita A3",
        "date: 2024-01-01\ntags: [satu]\n",
        "Isi A yang baru.\n\n![Foto warga](foto.png)\n",
    );
    site.build_ok(&[]);
    assert!(!site.out("stories/b").exists());
    assert!(!site.out("tags/dua").exists());
    site.build_ok(&["-o", &site.path("fresh").to_string_lossy()]);
    let rebuilt = snapshot(&site.path("public"));
    let fresh = snapshot(&site.path("fresh"));
    assert_eq!(
        rebuilt.keys().collect::<Vec<_>>(),
        fresh.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &fresh {
        assert!(
            rebuilt[path] == *bytes,
            "{path} differs from a fresh build's"
        );
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let photo = rebuilt
            .keys()
            .find(|p| p.ends_with(".webp"))
            .expect("a photo version");
        let meta = std::fs::metadata(site.out(photo)).unwrap();
        assert!(
            meta.nlink() > 1,
            "{photo} is a copy, not a link to the cache"
        );
    }

    // A link planted in the kept folder: never followed, never reused.
    #[cfg(unix)]
    {
        let outside = site.path("outside.txt");
        std::fs::write(&outside, "keep me").unwrap();
        let kept: Vec<_> = std::fs::read_dir(site.path(".cerita-cache/previous"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        std::fs::remove_file(kept[0].join("index.html")).unwrap();
        std::os::unix::fs::symlink(&outside, kept[0].join("index.html")).unwrap();
        site.story(
            "2024/a.md",
            "Cerita A4",
            "date: 2024-01-01\ntags: [satu]\n",
            "Isi A.\n",
        );
        site.build_ok(&[]);
        assert_eq!(std::fs::read_to_string(&outside).unwrap(), "keep me");
        assert!(!site.out("index.html").is_symlink());
        assert!(site.read_out("index.html").contains("Cerita A4"));
    }
}

/// `_headers` keeps only files addressed by their version for a year, under
/// the site's base path; theme files are linked with that version; a site's
/// own `static/_headers` is published instead.
#[test]
fn caching_rules_cover_only_versioned_files() {
    let site = TestSite::new();
    site.story("2024/a.md", "Cerita A", "date: 2024-01-01\n", "Isi.\n");
    site.build_ok(&["--base-url", "https://example.org/cerita/"]);
    let rules = site.read_out("_headers");
    let paths: Vec<&str> = rules.lines().filter(|l| l.starts_with('/')).collect();
    assert_eq!(
        paths,
        [
            "/cerita/static/*",
            "/cerita/search/s/*",
            "/cerita/search/d/*",
            "/cerita/search/r/*"
        ]
    );
    assert_eq!(
        rules
            .matches("Cache-Control: public, max-age=31536000, immutable")
            .count(),
        4
    );
    let page = site.html("index.html");
    let css = attrs(&page, "link[rel=stylesheet]", "href");
    let css_file = std::fs::read(site.out("static/style.css")).unwrap();
    let version = format!("{:08x}", xxhash_rust::xxh3::xxh3_64(&css_file) as u32);
    assert_eq!(css, [format!("/cerita/static/style.css?v={version}")]);

    site.write("static/_headers", "/*\n  X-Frame-Options: DENY\n");
    site.build_ok(&[]);
    assert_eq!(site.read_out("_headers"), "/*\n  X-Frame-Options: DENY\n");
}

/// A site of more than 1,000 stories (`urls::ARCHIVE_ONE_PAGE`) has its
/// archive a year per page, `archive/` listing the years with their counts:
/// one page of every story is megabytes of HTML for a phone to lay out.
#[test]
fn a_large_archive_is_a_year_per_page() {
    let site = TestSite::new();
    for i in 0..1001 {
        let date = match i {
            0 => String::new(),
            _ => format!(
                "date: {}-{:02}-{:02}\n",
                2022 + i % 3,
                1 + i % 12,
                1 + i % 28
            ),
        };
        site.story(
            &format!("s{i:04}.md"),
            &format!("Cerita {i}"),
            &date,
            "Isi.\n",
        );
    }
    site.build_ok(&[]);
    let index = scraper::Html::parse_document(&site.read_out("archive/index.html"));
    let links = attrs(&index, "nav.years a", "href");
    assert_eq!(
        links,
        [
            "/archive/2024/",
            "/archive/2023/",
            "/archive/2022/",
            "/archive/undated/"
        ]
    );
    assert_eq!(index.select(&sel(".archive-list li")).count(), 0);
    let counts: Vec<usize> = texts(&index, "nav.years .count")
        .iter()
        .map(|c| c.trim().parse().unwrap())
        .collect();
    assert_eq!(counts.iter().sum::<usize>(), 1001);
    let mut seen = BTreeSet::new();
    for (link, count) in links.iter().zip(&counts) {
        let rel = format!("{}index.html", link.trim_start_matches('/'));
        let page = scraper::Html::parse_document(&site.read_out(&rel));
        let rows = attrs(&page, ".archive-list li a", "href");
        assert_eq!(rows.len(), *count, "{link}");
        // Each row's story exists, and is on no other year's page.
        for r in rows {
            let story = format!("{}index.html", r.trim_start_matches('/'));
            assert!(site.path("public").join(&story).is_file(), "{story}");
            assert!(seen.insert(r), "twice in the archive");
        }
        assert_eq!(
            attrs(&page, "nav.years a[aria-current='page']", "href"),
            std::slice::from_ref(link)
        );
        assert!(
            site.read_out("sitemap.xml")
                .contains(&format!("<loc>https://example.org{link}</loc>"))
        );
    }
    assert_eq!(seen.len(), 1001);
}

/// Dates typed the way writers write them (`6 Desember 2026`, a weekday
/// before, a time with WIB after, the American order with a month name) are
/// the same days and times as `YYYY-MM-DD` would be: in the feed, on the
/// page and in the listings' order.
#[test]
fn dates_as_writers_type_them() {
    let site = TestSite::new();
    site.write("cerita.yaml", &format!("{CONFIG}time_zone: Asia/Jakarta\n"));
    site.story("a.md", "Pelatihan", "date: 6 Desember 2024\n", "x\n");
    site.story(
        "b.md",
        "Webinar",
        "date: Sabtu, 7 Desember 2024 pukul 19.30 WITA\n",
        "x\n",
    );
    site.story("c.md", "Report", "date: \"December 5th, 2024\"\n", "x\n");
    site.story("d.md", "Rapat", "date: 2024-12-4\n", "x\n");
    site.story("e.md", "Lama", "date: 3 Nopember 2024\n", "x\n");
    let out = stderr(&site.build_ok(&[]));
    assert!(!out.contains("date"), "{out}");
    assert_eq!(
        published(&site),
        [
            "2024-12-07T19:30:00+08:00",
            "2024-12-06T00:00:00+07:00",
            "2024-12-05T00:00:00+07:00",
            "2024-12-04T00:00:00+07:00",
            "2024-11-03T00:00:00+07:00",
        ]
    );
    assert_eq!(
        texts(&site.html("index.html"), ".cards h2"),
        ["Webinar", "Pelatihan", "Report", "Rapat", "Lama"]
    );
    let a = site.html("stories/a/index.html");
    assert_eq!(attrs(&a, ".story-meta time", "datetime"), ["2024-12-06"]);
    assert_eq!(texts(&a, ".story-meta time"), ["6 Desember 2024"]);
}

/// A date that is not one day says which day was probably meant, and how
/// to write it; a title with `: ` in it gets its line back quoted.
#[test]
fn mistyped_dates_and_titles_say_what_to_write() {
    let site = TestSite::new();
    site.story("a.md", "A", "date: 06/12/2024\n", "x\n");
    site.story("b.md", "B", "date: Senin, 7 Desember 2024\n", "x\n");
    site.story("c.md", "C", "date: 2024-02-30\n", "x\n");
    site.story("d.md", "D", "date: 7 Desembre 2024\n", "x\n");
    site.write(
        "content/stories/e.md",
        "---\ntitle: Rapat: hasil akhir\ndate: 2024-12-07\n---\nx\n",
    );
    let err = site.build_fails();
    for want in [
        "content/stories/a.md:3:7: error: `date` is not a date: `06/12/2024`",
        "hint: write the year first: `2024-12-06` (6 December 2024), or `2024-06-12` (12 June 2024) if the month came first",
        "content/stories/b.md:3:7: error: `date` is not a date: `Senin, 7 Desember 2024`",
        "hint: 7 December 2024 is a Saturday, not a Monday: correct the day, or leave the weekday out",
        "hint: February 2024 has 29 days: check the day",
        "hint: `Desembre` is not a month: did you mean `Desember`?",
        "content/stories/e.md:2:13: error: invalid front matter: mapping values are not allowed in this context",
        "hint: put the whole value in quotes, so that `: `, `#` and quotes inside it are text: `title: \"Rapat: hasil akhir\"`",
    ] {
        assert!(err.contains(want), "missing {want:?} in\n{err}");
    }
}

/// `markdown.hard_breaks: true` keeps the lines of a paragraph as typed;
/// the default joins them, as CommonMark does.
#[test]
fn hard_breaks_keep_lines_as_typed() {
    let site = TestSite::new();
    site.story(
        "a.md",
        "Alamat",
        "date: 2024-01-01\n",
        "Sekretariat:\nJl. Kaliurang km 5\nYogyakarta\n\nParagraf baru.\n",
    );
    site.build_ok(&[]);
    let p = |site: &TestSite| {
        let doc = site.html("stories/a/index.html");
        let sel = scraper::Selector::parse(".prose p").unwrap();
        doc.select(&sel)
            .map(|p| p.select(&scraper::Selector::parse("br").unwrap()).count())
            .collect::<Vec<_>>()
    };
    assert_eq!(p(&site), [0, 0]);
    site.write(
        "cerita.yaml",
        &format!("{CONFIG}markdown:\n  hard_breaks: true\n"),
    );
    site.build_ok(&[]);
    assert_eq!(p(&site), [2, 0]);
    assert_eq!(
        texts(&site.html("stories/a/index.html"), ".prose p")[0],
        "Sekretariat: Jl. Kaliurang km 5 Yogyakarta"
    );
    site.write(
        "cerita.yaml",
        &format!("{CONFIG}markdown:\n  hard_breaks: ya\n"),
    );
    let err = site.build_fails();
    assert!(
        err.contains("error: `markdown.hard_breaks` must be true or false"),
        "{err}"
    );
}

/// Known front-matter keys in other capitals (`Title:`, `Date:`, `Tags:`),
/// as Hugo reads them; a key written both ways keeps the lower-case one and
/// the other is an unknown field.
#[test]
fn known_keys_in_other_capitals() {
    let site = TestSite::new();
    site.write(
        "content/stories/a.md",
        "---\nTitle: Rapat Warga\nDate: 2024-03-01\nTags: [warga, rapat]\n---\nIsi.\n",
    );
    site.write(
        "content/stories/b.md",
        "---\ntitle: Dua\nTitle: Lain\ndate: 2024-03-02\n---\nIsi.\n",
    );
    let out = stderr(&site.build_ok(&[]));
    let a = site.html("stories/a/index.html");
    assert_eq!(texts(&a, "h1"), ["Rapat Warga"]);
    assert_eq!(attrs(&a, ".story-meta time", "datetime"), ["2024-03-01"]);
    assert!(site.out("tags/warga/index.html").is_file());
    assert_eq!(texts(&site.html("stories/b/index.html"), "h1"), ["Dua"]);
    assert!(out.contains("unknown field `Title`"), "{out}");
    assert!(!out.contains("unknown field `Date`"), "{out}");
}

/// "Updated" is shown when the story changed on a later day than its date;
/// an `updated:` the same day (as Zola writers often set it) says nothing
/// new to a reader, and only the page's metadata keeps it.
#[test]
fn updated_is_shown_only_when_it_is_another_day() {
    let site = TestSite::new();
    site.story(
        "a.md",
        "A",
        "date: 2021-03-01\nupdated: 2021-03-01\n",
        "Isi.\n",
    );
    site.story(
        "b.md",
        "B",
        "date: 2021-03-01\nupdated: 2021-03-05\n",
        "Isi.\n",
    );
    site.build_ok(&[]);
    let dt = scraper::Selector::parse(".story-meta dt").unwrap();
    let terms = |slug: &str| -> Vec<String> {
        site.html(&format!("stories/{slug}/index.html"))
            .select(&dt)
            .map(|e| e.text().collect())
            .collect()
    };
    assert!(
        !terms("a").iter().any(|t| t == "Diperbarui"),
        "{:?}",
        terms("a")
    );
    assert!(
        terms("b").iter().any(|t| t == "Diperbarui"),
        "{:?}",
        terms("b")
    );
    let modified = scraper::Selector::parse("meta[property='article:modified_time']").unwrap();
    assert!(
        site.html("stories/a/index.html")
            .select(&modified)
            .next()
            .is_some()
    );
}
