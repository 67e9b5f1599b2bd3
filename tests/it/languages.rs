//! Sites in several languages: translations by file name and by
//! `translation_key`, a page set per language under `/<lang>/`, alternates
//! that resolve and name each other (at the root and under a sub-path),
//! feeds and a sitemap per language, UI strings that fall back, clear
//! errors; and a site without `languages:` built as the previous release
//! built it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::support::*;

const CONFIG: &str = "title: Cerita Komunitas\nbase_url: https://example.org/\nlanguage: id\ndescription: Cerita dari komunitas\nlanguages:\n  en: { title: \"Community Stories\", description: \"Stories from communities\" }\n  jv: { title: \"Crita Komunitas\" }\n";

/// Three languages: a story in all three, one only in Indonesian, one only
/// in English, a partner with a profile in two, pages joined by a key.
fn site() -> TestSite {
    let s = TestSite::empty();
    s.write("cerita.yaml", CONFIG);
    s.story(
        "2021/pelatihan.md",
        "Pelatihan paralegal",
        "date: 2021-04-10\npartners: [HAPSARI]\ntags: [pelatihan, webinar]\n",
        "Isi cerita pelatihan.\n\n## Materi\n\nHak korban.\n",
    );
    s.story(
        "2021/pelatihan.en.md",
        "Paralegal training",
        "date: 2021-04-10\npartners: [HAPSARI]\ntags: [training, webinar]\n",
        "The training story, translated.\n",
    );
    s.story(
        "2021/pelatihan.jv.md",
        "Pelatihan paralegal ing Deli Serdang",
        "date: 2021-04-10\npartners: [HAPSARI]\ntags: [pelatihan]\n",
        "Crita pelatihan.\n",
    );
    s.story(
        "2021/hanya-indonesia.md",
        "Hanya dalam bahasa Indonesia",
        "date: 2021-05-10\npartners: [Atma Connect]\ntags: [pelatihan]\n",
        "Satu bahasa saja.\n",
    );
    s.story(
        "2022/english-only.md",
        "Only in English",
        "date: 2022-01-10\nlang: en\npartners: [HAPSARI]\ntags: [mining]\n",
        "Written in English, not translated.\n",
    );
    s.write(
        "content/partners/hapsari.md",
        "---\nname: HAPSARI\n---\nProfil HAPSARI.\n",
    );
    s.write(
        "content/partners/hapsari.en.md",
        "---\nname: HAPSARI\n---\nThe HAPSARI profile.\n",
    );
    s.write(
        "content/pages/tentang.md",
        "---\ntitle: Tentang\ntranslation_key: about\n---\nTentang kami.\n",
    );
    s.write(
        "content/pages/about.en.md",
        "---\ntitle: About\ntranslation_key: about\n---\nAbout us.\n",
    );
    s
}

/// The language a page's path says (`en/…`, `jv/…`, else the default).
fn lang_of(page: &str) -> &'static str {
    if page.starts_with("en/") {
        "en"
    } else if page.starts_with("jv/") {
        "jv"
    } else {
        "id"
    }
}

/// The output file an absolute URL of the site names.
fn file_of(url: &str, origin: &str) -> String {
    let rel = url
        .strip_prefix(origin)
        .unwrap_or_else(|| panic!("{url} is not under {origin}"));
    if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    }
}

/// Every page's `(hreflang, file)` alternates, by page file.
fn alternates(out: &Path, origin: &str) -> BTreeMap<String, Vec<(String, String)>> {
    files_under(out)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .map(|page| {
            let doc =
                scraper::Html::parse_document(&std::fs::read_to_string(out.join(&page)).unwrap());
            let list = doc
                .select(&sel("link[rel=alternate][hreflang]"))
                .map(|e| {
                    let v = e.value();
                    (
                        v.attr("hreflang").unwrap().to_string(),
                        file_of(v.attr("href").unwrap(), origin),
                    )
                })
                .collect();
            (page, list)
        })
        .collect()
}

/// Alternates resolve, name the page itself, and are named back; every
/// page says its language; switcher links resolve and say theirs.
fn check_alternates(out: &Path, origin: &str, base_path: &str) -> usize {
    let files = files_under(out);
    let all = alternates(out, origin);
    let mut pairs = 0;
    for (page, list) in &all {
        let doc = scraper::Html::parse_document(&std::fs::read_to_string(out.join(page)).unwrap());
        let html_lang = attrs(&doc, "html", "lang");
        assert_eq!(html_lang, [lang_of(page)], "{page}");
        for a in doc.select(&sel("nav.langs a")) {
            let v = a.value();
            assert!(
                v.attr("hreflang").is_some() && v.attr("lang").is_some(),
                "{page}: {:?}",
                v
            );
        }
        if list.is_empty() {
            continue;
        }
        assert!(
            list.contains(&(lang_of(page).to_string(), page.clone())),
            "{page} does not name itself: {list:?}"
        );
        assert!(
            list.iter().any(|(l, _)| l == "x-default"),
            "{page}: {list:?}"
        );
        for (lang, target) in list {
            assert!(
                files.contains(target),
                "{page}: {lang} → {target} does not exist"
            );
            if lang == "x-default" || target == page {
                continue;
            }
            assert_eq!(lang_of(target), lang, "{page}: {lang} → {target}");
            let back = &all[target];
            assert!(
                back.iter().any(|(_, p)| p == page),
                "{target} does not name {page} back: {back:?}"
            );
            pairs += 1;
        }
    }
    let broken = broken_links(out, base_path);
    assert!(broken.is_empty(), "{broken:#?}");
    pairs
}

#[test]
fn translations_name_each_other_at_the_root_and_under_a_sub_path() {
    let s = site();
    s.build_ok(&[]);
    let pairs = check_alternates(&s.path("public"), "https://example.org/", "/");
    assert!(pairs >= 20, "{pairs}");
    s.build_ok(&["--base-url", "https://example.org/sub/", "--output", "sub"]);
    check_alternates(&s.path("sub"), "https://example.org/sub/", "/sub/");

    // The story in three languages: each version in its own section, the
    // switcher leading to the others, its structured data linking them.
    let id = s.html("stories/pelatihan/index.html");
    assert_eq!(
        attrs(&id, "nav.langs a", "href"),
        [
            "/stories/pelatihan/",
            "/en/stories/pelatihan/",
            "/jv/stories/pelatihan/"
        ]
    );
    assert_eq!(
        texts(&id, "nav.langs a"),
        ["Bahasa Indonesia", "English", "Basa Jawa"]
    );
    assert_eq!(
        attrs(&id, "meta[property='og:locale']", "content"),
        ["id_ID"]
    );
    assert_eq!(
        attrs(&id, "meta[property='og:locale:alternate']", "content"),
        ["en_US", "jv_ID"]
    );
    let ld = |doc: &scraper::Html| -> serde_json::Value {
        let text = doc
            .select(&sel("script[type='application/ld+json']"))
            .next()
            .unwrap()
            .inner_html();
        serde_json::from_str(&text).unwrap()
    };
    let work = ld(&id);
    assert_eq!(work["inLanguage"], "id");
    assert_eq!(
        work["workTranslation"][0]["@id"],
        "https://example.org/en/stories/pelatihan/"
    );
    let en = s.html("en/stories/pelatihan/index.html");
    assert_eq!(
        ld(&en)["translationOfWork"]["@id"],
        "https://example.org/stories/pelatihan/"
    );
    assert_eq!(
        texts(&en, "p.translations a"),
        ["Bahasa Indonesia", "Basa Jawa"]
    );

    // A story in one language: no alternates, the switcher leads to the
    // other languages' home pages; it is in no other language's listings.
    let only = s.html("stories/hanya-indonesia/index.html");
    assert!(attrs(&only, "link[hreflang]", "href").is_empty());
    assert_eq!(
        attrs(&only, "nav.langs a", "href"),
        ["/stories/hanya-indonesia/", "/en/", "/jv/"]
    );
    for listing in ["en/index.html", "en/archive/index.html", "jv/index.html"] {
        assert!(
            !s.read_out(listing).contains("Hanya dalam bahasa"),
            "{listing}"
        );
    }
    assert!(s.read_out("index.html").contains("Hanya dalam bahasa"));
    // An English story without a default-language version lives under /en/ only.
    assert!(s.out("en/stories/english-only/index.html").is_file());
    assert!(!s.out("stories/english-only/index.html").exists());

    // Partners are shared: a profile per language, else the default's; the
    // page says how many stories are in the other languages.
    assert!(
        s.read_out("en/partners/hapsari/index.html")
            .contains("The HAPSARI profile.")
    );
    assert!(
        s.read_out("jv/partners/hapsari/index.html")
            .contains("Profil HAPSARI.")
    );
    // The default language's profile, shown for want of a translation, is
    // marked as written in it; a translated one is the page's own.
    assert_eq!(
        attrs(&s.html("jv/partners/hapsari/index.html"), ".prose", "lang"),
        ["id"]
    );
    assert!(attrs(&s.html("en/partners/hapsari/index.html"), ".prose", "lang").is_empty());
    assert!(!s.out("en/partners/atma-connect/index.html").exists());
    let p = s.html("partners/hapsari/index.html");
    assert_eq!(texts(&p, "p.elsewhere a"), ["English (2)", "Basa Jawa (1)"]);
    // Pages joined by `translation_key`, each in its own section's menu.
    let about = s.html("en/about/index.html");
    assert_eq!(
        attrs(&about, "link[hreflang='id']", "href"),
        ["https://example.org/tentang/"]
    );
    assert!(texts(&s.html("en/index.html"), ".site-nav a").contains(&"About".to_string()));
}

#[test]
fn each_language_has_its_feeds_and_the_sitemap_lists_alternates() {
    let s = site();
    s.build_ok(&[]);
    for (feed, lang, prefix) in [
        ("atom.xml", "id", "https://example.org/stories/"),
        ("en/atom.xml", "en", "https://example.org/en/stories/"),
        ("jv/atom.xml", "jv", "https://example.org/jv/stories/"),
        (
            "en/partners/hapsari/atom.xml",
            "en",
            "https://example.org/en/stories/",
        ),
        (
            "en/tags/webinar/atom.xml",
            "en",
            "https://example.org/en/stories/",
        ),
    ] {
        let text = s.read_out(feed);
        let doc = roxmltree::Document::parse(&text).unwrap();
        let root = doc.root_element();
        assert_eq!(
            root.attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
            Some(lang)
        );
        let links: Vec<&str> = root
            .children()
            .filter(|n| n.has_tag_name("entry"))
            .flat_map(|e| e.children().filter(|n| n.has_tag_name("link")))
            .filter_map(|l| l.attribute("href"))
            .collect();
        assert!(!links.is_empty(), "{feed}");
        for l in links {
            assert!(l.starts_with(prefix), "{feed}: {l}");
        }
    }
    assert_eq!(
        roxmltree::Document::parse(&s.read_out("en/atom.xml"))
            .unwrap()
            .descendants()
            .filter(|n| n.has_tag_name("entry"))
            .count(),
        2
    );

    let text = s.read_out("sitemap.xml");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let files = files_under(&s.path("public"));
    let xhtml = "http://www.w3.org/1999/xhtml";
    let mut translated = BTreeSet::new();
    for url in doc.descendants().filter(|n| n.has_tag_name("url")) {
        let loc = url
            .children()
            .find(|n| n.has_tag_name("loc"))
            .unwrap()
            .text()
            .unwrap();
        assert!(
            files.contains(&file_of(loc, "https://example.org/")),
            "{loc}"
        );
        for alt in url.children().filter(|n| n.has_tag_name((xhtml, "link"))) {
            let href = alt.attribute("href").unwrap();
            assert!(
                files.contains(&file_of(href, "https://example.org/")),
                "{href}"
            );
            translated.insert(loc.to_string());
        }
    }
    assert!(translated.contains("https://example.org/jv/stories/pelatihan/"));
    assert!(!translated.contains("https://example.org/stories/hanya-indonesia/"));
}

#[test]
fn language_mistakes_name_the_file_and_the_site_languages() {
    let s = TestSite::empty();
    s.write("cerita.yaml", CONFIG);
    s.story("a.md", "A", "date: 2021-01-01\n", "Isi\n");
    s.story("a.fr.md", "A en français", "date: 2021-01-01\n", "Texte\n");
    s.story("b.md", "B", "date: 2021-01-01\nlang: pt-BR\n", "Isi\n");
    s.story("c.md", "C", "date: 2021-01-01\nlang: en\n", "Isi\n");
    s.story("c.en.md", "C", "date: 2021-01-01\n", "Text\n");
    s.story("d.en.md", "D", "date: 2021-01-01\nlang: jv\n", "Text\n");
    s.story(
        "e.md",
        "E",
        "date: 2021-01-01\ntranslation_key: sendiri\n",
        "Isi\n",
    );
    // Not a language: part of the name.
    s.story("rapat.rt.md", "Rapat RT", "date: 2021-01-01\n", "Isi\n");
    let err = s.build_fails();
    assert!(
        err.contains("content/stories/a.fr.md: error: the file name says `.fr`, which is not a language of this site"),
        "{err}"
    );
    assert!(
        err.contains("the site's languages: `id`, `en`, `jv`"),
        "{err}"
    );
    assert!(
        err.contains(
            "content/stories/b.md:4:7: error: `lang: pt-BR` is not a language of this site"
        ),
        "{err}"
    );
    for f in ["c.md", "c.en.md"] {
        assert!(
            err.contains(&format!(
                "content/stories/{f}: error: two files are the `en` version of one story"
            )),
            "{f}: {err}"
        );
    }
    // One mistake, one error: not also a slug the two versions share.
    assert!(!err.contains("have the slug `c`"), "{err}");
    assert!(
        err.contains("content/stories/d.en.md:4:7: error: `lang: jv` disagrees with the file name, which says `.en`"),
        "{err}"
    );
    assert!(
        err.contains(
            "content/stories/e.md: warning: no other file has the translation_key `sendiri`"
        ),
        "{err}"
    );
    assert!(!err.contains("rapat.rt.md"), "{err}");
}

#[test]
fn a_language_without_ui_strings_falls_back_with_one_warning() {
    let s = site();
    let o = s.build_ok(&[]);
    let err = stderr(&o);
    assert_eq!(err.matches("no UI strings in `jv`").count(), 1, "{err}");
    assert!(err.contains("`nav_home`"), "{err}");
    assert!(!err.contains("no UI strings in `en`"), "{err}");
    // The default language's strings, the dates in Javanese.
    let jv = s.html("jv/stories/pelatihan/index.html");
    assert!(texts(&jv, ".site-nav a").contains(&"Beranda".to_string()));
    assert_eq!(texts(&jv, ".story-meta time"), ["10 April 2021"]);
    // The site's own strings win, and only what is still missing is listed.
    s.write("i18n/jv.yaml", "nav_home: \"Ngarep\"\n");
    let err = stderr(&s.build_ok(&[]));
    assert!(!err.contains("`nav_home`"), "{err}");
    assert!(err.contains("`nav_partners`"), "{err}");
    assert!(texts(&s.html("jv/index.html"), ".site-nav a").contains(&"Ngarep".to_string()));
    // A mistake in the site's strings names the file and line.
    s.write("i18n/jv.yaml", "nav_home: [Ngarep\n");
    let o = s.cerita(&["build"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("i18n/jv.yaml:"), "{}", stderr(&o));
}

/// A default language the theme has no strings for (`fr`) shows English
/// ones and says so; a site that begins its own `i18n/fr.yaml` keeps the
/// rest in English rather than losing them.
#[test]
fn a_default_language_without_ui_strings_shows_english_until_written() {
    let s = TestSite::empty();
    s.write(
        "cerita.yaml",
        "title: Atelier\nbase_url: https://example.org/\nlanguage: fr\nlanguages:\n  en: { title: Workshop }\n",
    );
    s.story("atelier.md", "Atelier", "date: 2023-06-16\n", "Texte.\n");
    s.story("atelier.en.md", "Workshop", "date: 2023-06-16\n", "Text.\n");
    let err = stderr(&s.build_ok(&[]));
    assert!(err.contains("no UI strings in `fr`"), "{err}");
    assert!(err.contains("the English ones (`en`) are shown"), "{err}");
    assert!(!err.contains("no UI strings in `en`"), "{err}");
    s.write("i18n/fr.yaml", "nav_home: \"Accueil\"\n");
    let err = stderr(&s.build_ok(&[]));
    assert!(!err.contains("`nav_home`"), "{err}");
    assert!(err.contains("`nav_partners`"), "{err}");
    let home = s.html("index.html");
    let nav = texts(&home, ".site-nav a");
    assert!(nav.contains(&"Accueil".to_string()), "{nav:?}");
    assert!(nav.contains(&"Partners".to_string()), "{nav:?}");
}

/// A language written right to left gets `dir="rtl"` on its pages; the
/// others keep `<html lang>` alone.
#[test]
fn a_right_to_left_language_is_marked_so() {
    let s = TestSite::empty();
    s.write(
        "cerita.yaml",
        "title: Cerita\nbase_url: https://example.org/\nlanguage: id\nlanguages:\n  ar: { title: \"قصص\" }\n  en: { title: Stories }\n",
    );
    s.story(
        "id/kucing.md",
        "Kucing",
        "date: 2025-07-23\n",
        "Kucing itu imut.\n",
    );
    s.story(
        "ar/kucing.md",
        "القطة لطيفة",
        "date: 2025-07-23\n",
        "القطة لطيفة.\n",
    );
    s.story(
        "en/kucing.md",
        "The cat",
        "date: 2025-07-23\n",
        "The cat is cute.\n",
    );
    s.build_ok(&[]);
    for (page, lang, dir) in [
        ("ar/stories/kucing/index.html", "ar", vec!["rtl"]),
        ("ar/index.html", "ar", vec!["rtl"]),
        ("stories/kucing/index.html", "id", vec![]),
        ("en/stories/kucing/index.html", "en", vec![]),
    ] {
        let html = s.html(page);
        assert_eq!(attrs(&html, "html", "lang"), [lang], "{page}");
        assert_eq!(attrs(&html, "html", "dir"), dir, "{page}");
    }
}

/// What a build writes, but the theme's own static files (which change
/// with the theme, not with the site).
fn generated(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    snapshot(dir)
        .into_iter()
        .filter(|(path, _)| !path.starts_with("static/"))
        .collect()
}

#[test]
fn a_site_without_languages_builds_as_the_previous_release_did() {
    // tests/fixtures/untranslated.out/ was written by the release before
    // languages, from tests/fixtures/untranslated/ (its `x.en.md` is a story
    // named `x-en` there, as it was).
    let fixture = repo().join("tests/fixtures/untranslated");
    let s = TestSite::empty();
    for f in files_under(&fixture) {
        s.write_bytes(&f, &std::fs::read(fixture.join(&f)).unwrap());
    }
    s.build_ok(&[]);
    let mut expected = generated(&repo().join("tests/fixtures/untranslated.out"));
    // The one intended change since: the search page carries the message
    // shown when no story has every word of a query.
    let page = expected.get_mut("search/index.html").unwrap();
    let at = "data-none=\"Tidak ada cerita untuk “{q}”. Coba kata lain, periksa ejaannya, atau kurangi filter.\"";
    *page = String::from_utf8(page.clone()).unwrap().replacen(at, &format!("{at} data-partial=\"Tidak ada cerita yang memuat semua kata “{{q}}”; ini {{n}} yang paling mendekati.\""), 1).into_bytes();
    // And story pages end with their share links and the script that adds
    // the phone's share sheet (the shortcodes issue).
    let mut built = generated(&s.path("public"));
    // And the stories' structured data without what repeated the address
    // and the description (the disk and reader speed issue).
    for (path, bytes) in expected.iter_mut() {
        if path.starts_with("stories/") {
            let page = String::from_utf8(bytes.clone()).unwrap();
            let kept: Vec<&str> = page
                .split_inclusive('\n')
                .filter(|l| {
                    !l.starts_with("\"mainEntityOfPage\":") && !l.starts_with("\"description\":")
                })
                .collect();
            *bytes = kept.concat().into_bytes();
        }
    }
    // And the offline reading worker: its file, its offline page, and on
    // every page its "saved copy" note and the script registering it.
    built.remove("sw.js");
    built.remove("offline/index.html");
    // And the caching rules for hosts, with theme files linked by version
    // (`?v=`), and the search page holding the results' place when it
    // opens with a query (the disk and reader speed issue).
    built.remove("_headers");
    // And the theme's icon at the root, for a photo opened on its own.
    built.remove("favicon.ico");
    for (path, bytes) in built.iter_mut() {
        if path.ends_with(".html") {
            let mut page = String::from_utf8(bytes.clone()).unwrap();
            if let Some(a) = page.find("<p class=\"notice saved-copy\" hidden>") {
                let b = page[a..].find("</p>\n").map_or(a, |e| a + e + 5);
                page.replace_range(a..b, "");
            }
            if let Some(a) = page.find("<p class=\"offline-save\" hidden>") {
                let b = page[a..].find("</p>\n").map_or(a, |e| a + e + 5);
                page.replace_range(a..b, "");
            }
            // And the offline button's place kept while it is hidden,
            // collapsed without a script (the phone layout fixes).
            page = page.replacen(
                "<noscript><style>.offline-save{display:none!important}</style></noscript>\n",
                "",
                1,
            );
            while let Some(a) = page.find("?v=") {
                page.replace_range(a..a + 11, "");
            }
            if let Some(a) = page.find("<script>if(/[?&](q|") {
                let b = page[a..].find("</script>\n").map_or(a, |e| a + e + 10);
                page.replace_range(a..b, "");
            }
            if let Some(a) = page.find("<script src=\"/static/offline.js\"") {
                let b = page[a..].find("</script>\n").map_or(a, |e| a + e + 10);
                page.replace_range(a..b, "");
            }
            *bytes = page.into_bytes();
        }
        if path.starts_with("stories/") {
            let mut page = String::from_utf8(bytes.clone()).unwrap();
            if let (Some(a), Some(b)) = (
                page.find("<section class=\"share\""),
                page.find("</section>\n</article>"),
            ) {
                page.replace_range(a..b + "</section>\n".len(), "");
            }
            page = page.replacen("<script src=\"/static/story.js\" defer></script>\n", "", 1);
            *bytes = page.into_bytes();
        }
    }
    assert_eq!(
        built.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &expected {
        assert!(
            built[path] == *bytes,
            "{path} differs from the previous release's"
        );
    }
}

#[test]
fn check_finds_alternates_that_are_not_named_back() {
    let s = site();
    let o = s.cerita(&["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // A theme that says every story's English version is the English home.
    s.write(
        "templates/story.html",
        "{% extends \"base.html\" %}{% block head_extra %}<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/en/\">{% endblock head_extra %}{% block content %}<h1>{{ story.title }}</h1>{% endblock content %}",
    );
    let o = s.cerita(&["check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("content/stories/2021/hanya-indonesia.md: error: this page names `https://example.org/en/` as its `en` version, but that page does not name it back"),
        "{err}"
    );
}

/// A translator who names the English file for its English title makes
/// two stories, neither in the other's language switcher: `check` says
/// which story it may be the translation of (the only one of that day with
/// the same partners, or the same cover), and how to join them. Joined, or
/// when the day has two such stories, nothing is said.
#[test]
fn check_names_the_story_a_lone_translation_may_be_of() {
    let s = site();
    let fields = "date: 2023-05-02\npartners: [HAPSARI]\n";
    s.story(
        "2023/rapat-desa.md",
        "Rapat Desa",
        fields,
        "Warga berkumpul.\n",
    );
    s.story(
        "2023/village-meeting.en.md",
        "Village Meeting",
        fields,
        "Residents gathered.\n",
    );
    // Another day, another partner, another language pair: no guess.
    s.story(
        "2023/lain.md",
        "Lain",
        "date: 2023-05-03\npartners: [HAPSARI]\n",
        "x\n",
    );
    s.story(
        "2023/other.en.md",
        "Other",
        "date: 2023-05-02\npartners: [KAPAL]\n",
        "x\n",
    );
    let o = s.cerita(&["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("content/stories/2023/village-meeting.en.md: warning: this story in `en` has no version in `id`, and content/stories/2023/rapat-desa.md in `id` has none in `en`: both are dated 2023-05-02 with the same partners")
            && err.contains("give both `translation_key: rapat-desa`"),
        "{err}"
    );
    assert_eq!(err.matches("has no version in").count(), 1, "{err}");
    // Joined: the pages link to each other, and nothing is said.
    s.story(
        "2023/village-meeting.en.md",
        "Village Meeting",
        &format!("{fields}translation_key: rapat-desa\n"),
        "Residents gathered.\n",
    );
    s.story(
        "2023/rapat-desa.md",
        "Rapat Desa",
        &format!("{fields}translation_key: rapat-desa\n"),
        "Warga berkumpul.\n",
    );
    let o = s.cerita(&["check"]);
    assert!(!stderr(&o).contains("has no version in"), "{}", stderr(&o));
    // Two Indonesian stories of that day with those partners: no guess.
    s.story(
        "2023/village-fair.en.md",
        "Village Fair",
        fields,
        "Stalls.\n",
    );
    s.story("2023/pasar-desa.md", "Pasar Desa", fields, "Lapak.\n");
    s.story("2023/pentas-desa.md", "Pentas Desa", fields, "Pentas.\n");
    let o = s.cerita(&["check"]);
    assert!(!stderr(&o).contains("has no version in"), "{}", stderr(&o));
}

/// A link under the default language's code (`/id/…`, Hugo's address of
/// a default language kept in its own folder) is no address of the site:
/// `check`'s hint says the default language is at the root.
#[test]
fn check_says_the_default_language_is_at_the_root() {
    let s = site();
    s.story(
        "2022/english-link.md",
        "Another",
        "date: 2022-01-10\nlang: en\n",
        "Also in [Bahasa Indonesia](/id/stories/pelatihan/) and [here](/assets/peta.png).\n",
    );
    let o = s.cerita(&["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(
            "the site's default language (`id`) is published at the root, not under `/id/`"
        ),
        "{err}"
    );
    assert_eq!(err.matches("published at the root").count(), 1, "{err}");
    assert!(err.contains("fine if the host serves that file"), "{err}");
}

#[test]
fn new_writes_a_translation_beside_the_original() {
    let s = site();
    s.story(
        "2021/rapat.md",
        "Rapat warga",
        "date: 2021-06-01\nauthors: [Rina]\npartners: [HAPSARI]\ntags: [rapat]\nregion: Gresik\nsummary: \"Ringkasan\"\n",
        "Warga berkumpul.\n",
    );
    let o = s.cerita(&[
        "new",
        "--translation-of",
        "content/stories/2021/rapat.md",
        "--lang",
        "en",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o)
            .trim()
            .ends_with("content/stories/2021/rapat.en.md"),
        "{}",
        stdout(&o)
    );
    let text = std::fs::read_to_string(s.path("content/stories/2021/rapat.en.md")).unwrap();
    for field in [
        "date: 2021-06-01",
        "authors: [Rina]",
        "partners: [HAPSARI]",
        "region: Gresik",
        "draft: true",
    ] {
        assert!(text.contains(field), "{field}: {text}");
    }
    assert!(text.contains("Warga berkumpul."), "{text}");
    // A draft until translated; published once `draft: true` goes.
    s.build_ok(&[]);
    assert!(!s.out("en/stories/rapat/index.html").exists());
    s.write(
        "content/stories/2021/rapat.en.md",
        &text
            .replace("draft: true\n", "")
            .replace("Rapat warga", "Residents' meeting"),
    );
    s.build_ok(&[]);
    let en = s.html("en/stories/rapat/index.html");
    assert_eq!(
        attrs(&en, "link[hreflang='id']", "href"),
        ["https://example.org/stories/rapat/"]
    );
    // Never over an existing file; only the site's languages.
    let again = s.cerita(&[
        "new",
        "--translation-of",
        "content/stories/2021/rapat.md",
        "--lang",
        "en",
    ]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );
    let fr = s.cerita(&[
        "new",
        "--translation-of",
        "content/stories/2021/rapat.md",
        "--lang",
        "fr",
    ]);
    assert!(
        stderr(&fr)
            .contains("`fr` is not a language of this site; its languages: `id`, `en`, `jv`"),
        "{}",
        stderr(&fr)
    );
}

/// `cerita new --translation-of` into the original's own language (its
/// `lang:`, suffix or folder, else the site's) writes nothing: the build
/// would find two versions in one language.
#[test]
fn new_refuses_a_translation_into_the_originals_language() {
    let s = site();
    s.story("en/talk.md", "A talk", "date: 2021-06-01\n", "Words.\n");
    s.story(
        "2021/rapat.md",
        "Rapat warga",
        "date: 2021-06-01\n",
        "Warga berkumpul.\n",
    );
    s.story(
        "2021/meeting.md",
        "Meeting",
        "date: 2021-06-01\nlang: English\n",
        "Words.\n",
    );
    // Read as the build reads it: any capitals, quoted, a comment after.
    s.story(
        "2021/report.md",
        "Report",
        "date: 2021-06-01\nLanguage: \"en\" # English\n",
        "Words.\n",
    );
    for (file, lang, written) in [
        (
            "content/stories/2021/rapat.md",
            "id",
            "content/stories/2021/rapat.id.md",
        ),
        (
            "content/stories/2021/pelatihan.en.md",
            "en",
            "content/stories/2021/pelatihan.en.en.md",
        ),
        (
            "content/stories/en/talk.md",
            "en",
            "content/stories/en/talk.en.md",
        ),
        (
            "content/stories/2021/meeting.md",
            "en",
            "content/stories/2021/meeting.en.md",
        ),
        (
            "content/stories/2021/report.md",
            "en",
            "content/stories/2021/report.en.md",
        ),
        (
            "content/pages/tentang.md",
            "id",
            "content/pages/tentang.id.md",
        ),
    ] {
        let o = s.cerita(&["new", "--translation-of", file, "--lang", lang]);
        assert_eq!(o.status.code(), Some(1), "{file}: {}", stdout(&o));
        assert!(
            stderr(&o).contains(&format!("is the `{lang}` version itself")),
            "{file}: {}",
            stderr(&o)
        );
        assert!(!s.path(written).exists(), "{written}");
    }
    // A translation that is there already is to be edited.
    let o = s.cerita(&[
        "new",
        "--translation-of",
        "content/stories/2021/pelatihan.md",
        "--lang",
        "en",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("it is the `en` version already; edit that file"),
        "{}",
        stderr(&o)
    );
    // Into the default language from a translation whose original is
    // there (beside it, or the folder's counterpart): that original.
    for file in [
        "content/stories/2021/pelatihan.en.md",
        "content/stories/2021/pelatihan.jv.md",
    ] {
        let o = s.cerita(&["new", "--translation-of", file, "--lang", "id"]);
        assert_eq!(o.status.code(), Some(1), "{file}: {}", stdout(&o));
        assert!(
            stderr(&o).contains("content/stories/2021/pelatihan.md is the `id` version already"),
            "{file}: {}",
            stderr(&o)
        );
    }
    assert!(!s.path("content/stories/2021/pelatihan.id.md").exists());
    // Into the default language from an English story alone: the file
    // without a suffix, which the build reads as Indonesian.
    let o = s.cerita(&[
        "new",
        "--translation-of",
        "content/stories/en/talk.md",
        "--lang",
        "id",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(s.path("content/stories/talk.md").is_file());
}

/// A translation started from an imported story leaves its `aliases:`
/// (the old site's addresses lead to the original, and two files cannot
/// share one) and builds once `draft: true` goes.
#[test]
fn a_translation_leaves_the_originals_old_addresses() {
    let s = site();
    s.story(
        "2021/rapat.md",
        "Rapat warga",
        "date: 2021-06-01\naliases:\n  - \"/2021/06/rapat/\"\n  - \"/?p=12\"\ntags: [rapat]\n",
        "Warga berkumpul.\n",
    );
    let o = s.cerita(&[
        "new",
        "--translation-of",
        "content/stories/2021/rapat.md",
        "--lang",
        "en",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(s.path("content/stories/2021/rapat.en.md")).unwrap();
    assert!(
        !text.contains("aliases") && !text.contains("?p=12"),
        "{text}"
    );
    assert!(text.contains("tags: [rapat]"), "{text}");
    s.write(
        "content/stories/2021/rapat.en.md",
        &text.replace("draft: true\n", ""),
    );
    s.build_ok(&[]);
    assert!(s.out("en/stories/rapat/index.html").is_file());
}

#[test]
fn the_preview_follows_translations_as_they_are_written() {
    let s = site();
    let server = Serve::start(s.root());
    let events = server.events();
    let next = |want: &str| loop {
        let (name, _) = events
            .recv_timeout(std::time::Duration::from_secs(20))
            .unwrap_or_else(|_| panic!("no `{want}` event"));
        if name == want {
            break;
        }
    };
    next("hello");
    // Adding `x.en.md` puts the switcher's English link on `x`.
    let (_, page) = server.text("/stories/hanya-indonesia/");
    assert!(page.contains("href=\"/en/\" hreflang=\"en\""), "{page}");
    std::thread::sleep(std::time::Duration::from_millis(150));
    s.story(
        "2021/hanya-indonesia.en.md",
        "Now also in English",
        "date: 2021-05-10\npartners: [Atma Connect]\n",
        "Translated.\n",
    );
    next("reload");
    let (_, page) = server.text("/stories/hanya-indonesia/");
    assert!(
        page.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/en/stories/hanya-indonesia/\">"),
        "{page}"
    );
    assert_eq!(server.text("/en/stories/hanya-indonesia/").0, 200);
    // Editing a translation's title shows in both languages' pages.
    std::thread::sleep(std::time::Duration::from_millis(150));
    s.story(
        "2021/pelatihan.en.md",
        "Paralegal training, revised",
        "date: 2021-04-10\npartners: [HAPSARI]\ntags: [training, webinar]\n",
        "The training story, translated.\n",
    );
    next("reload");
    assert!(
        server
            .text("/en/stories/pelatihan/")
            .1
            .contains("Paralegal training, revised")
    );
    assert!(
        server
            .text("/en/")
            .1
            .contains("Paralegal training, revised")
    );
    // The served site is what `cerita build` writes, once the search index
    // (built when edits pause) is in.
    next("search");
    server.assert_same_as_build(&s);
}

/// Translations in a folder per language under each section, as Decap and
/// Sveltia CMS write them with `structure: multiple_folders` (the default
/// language in its own folder too) and as sites kept by hand often hold
/// them: each folder's files are that language, joined by name and the
/// folders below (`stories/id/2024/rapat.md` and `stories/en/2024/rapat.md`
/// are one story). The preview server reads a new file in such a folder as
/// the build does.
#[test]
fn translations_in_a_folder_per_language_are_joined() {
    let s = TestSite::empty();
    s.write("cerita.yaml", CONFIG);
    let story = |rel: &str, title: &str, body: &str| {
        s.write(
            &format!("content/stories/{rel}"),
            &format!("---\ntitle: {title}\ndate: 2024-01-03\npartners: [WALHI]\n---\n{body}\n"),
        );
    };
    story("id/2024/rapat-warga.md", "Rapat warga", "Isi rapat.");
    story(
        "en/2024/rapat-warga.md",
        "Residents' meeting",
        "The meeting.",
    );
    story("id/pelatihan.md", "Pelatihan", "Isi pelatihan.");
    // A folder named for no language of the site is an ordinary folder.
    story("fr/catatan.md", "Catatan", "Isi catatan.");
    s.write(
        "content/partners/walhi.md",
        "---\nname: WALHI\n---\nProfil WALHI.\n",
    );
    s.write(
        "content/partners/en/walhi.md",
        "---\nname: WALHI\n---\nThe WALHI profile in English.\n",
    );
    s.write(
        "content/pages/id/tentang.md",
        "---\ntitle: Tentang\ntranslation_key: about\n---\nTentang kami.\n",
    );
    s.write(
        "content/pages/en/about.md",
        "---\ntitle: About\ntranslation_key: about\n---\nAbout us.\n",
    );
    s.build_ok(&[]);
    let out = s.path("public");
    for page in [
        "stories/rapat-warga/index.html",
        "en/stories/rapat-warga/index.html",
        "stories/pelatihan/index.html",
        "stories/catatan/index.html",
        "partners/walhi/index.html",
        "en/partners/walhi/index.html",
        "tentang/index.html",
        "en/about/index.html",
    ] {
        assert!(out.join(page).is_file(), "{page}: {:?}", files_under(&out));
    }
    assert!(!out.join("en/stories/pelatihan/index.html").exists());
    let doc = |page: &str| {
        scraper::Html::parse_document(&std::fs::read_to_string(out.join(page)).unwrap())
    };
    assert_eq!(
        attrs(&doc("en/stories/rapat-warga/index.html"), "html", "lang"),
        ["en"]
    );
    assert!(
        texts(&doc("en/partners/walhi/index.html"), "main")
            .concat()
            .contains("The WALHI profile in English")
    );
    // The pairs name each other; every link resolves.
    let pairs = check_alternates(&out, "https://example.org/", "/");
    assert!(pairs >= 6, "{pairs}");
    let all = alternates(&out, "https://example.org/");
    assert!(
        all["stories/rapat-warga/index.html"].contains(&(
            "en".to_string(),
            "en/stories/rapat-warga/index.html".to_string()
        )),
        "{all:?}"
    );
    assert!(
        all["en/about/index.html"].contains(&("id".to_string(), "tentang/index.html".to_string())),
        "{all:?}"
    );

    // `cerita new --translation-of` keeps to the folders.
    let o = s.cerita(&[
        "new",
        "--translation-of",
        "content/pages/id/tentang.md",
        "--lang",
        "jv",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o)
            .trim_end()
            .ends_with("content/pages/jv/tentang.md"),
        "{}",
        stdout(&o)
    );
    assert!(s.path("content/pages/jv/tentang.md").is_file());
    std::fs::remove_file(s.path("content/pages/jv/tentang.md")).unwrap();
    // From a story in the section's own folder too, since `stories/en/` exists.
    story("lokal.md", "Lokal", "Isi.");
    let o = s.cerita(&[
        "new",
        "--translation-of",
        "content/stories/lokal.md",
        "--lang",
        "en",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o)
            .trim_end()
            .ends_with("content/stories/en/lokal.md"),
        "{}",
        stdout(&o)
    );
    for f in ["content/stories/lokal.md", "content/stories/en/lokal.md"] {
        std::fs::remove_file(s.path(f)).unwrap();
    }

    // The preview server takes a translation added in a folder as the build does.
    let server = Serve::start(s.root());
    let events = server.events();
    next_event(&events, "hello");
    std::thread::sleep(std::time::Duration::from_millis(150));
    story("en/pelatihan.md", "Training", "The training.");
    next_event(&events, "reload");
    let (status, page) = server.text("/en/stories/pelatihan/");
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("hreflang=\"id\" href=\"https://example.org/stories/pelatihan/\""),
        "{page}"
    );
    next_event(&events, "search");
    server.assert_same_as_build(&s);
}

/// A folder and a file name or `lang:` that say different languages are
/// errors at the file; Hugo's tree per language (`content/en/posts/…`) is
/// an error too (none of it would be published), with a hint that names the
/// move; any other folder outside the sections is a warning.
#[test]
fn language_folder_mistakes_name_the_file() {
    let s = TestSite::empty();
    s.write("cerita.yaml", CONFIG);
    s.story("en/a.jv.md", "A", "date: 2021-01-01\n", "Isi\n");
    s.story("en/b.md", "B", "date: 2021-01-01\nlang: jv\n", "Isi\n");
    s.write("content/en/posts/c.md", "---\ntitle: C\n---\nText\n");
    s.write("content/english/about.md", "---\ntitle: About\n---\nText\n");
    s.write("content/img/x.md", "---\ntitle: X\n---\nText\n");
    s.write(
        "content/en/docs/concepts/pods.md",
        "---\ntitle: Pods\n---\nText\n",
    );
    // Read, but not where the web editor looks.
    s.story("EN/d.md", "D", "date: 2021-01-01\n", "Text\n");
    let err = s.build_fails();
    assert!(
        err.contains(
            "content/stories/EN/d.md: warning: the folder `EN` is read as the site's language `en`"
        ) && err.contains("`mv content/stories/EN content/stories/en`"),
        "{err}"
    );
    assert!(
        err.contains(
            "content/stories/en/a.jv.md: error: the file name says `.jv` but its folder says `en`"
        ),
        "{err}"
    );
    assert!(
        err.contains("content/stories/en/b.md:4:7: error: `lang: jv` disagrees with the file's folder, which says `en`"),
        "{err}"
    );
    assert!(
        err.contains("content/en/posts/c.md: error: Markdown file outside")
            && err.contains(
                "`mkdir -p content/stories/en && mv content/en/posts/* content/stories/en/`"
            ),
        "{err}"
    );
    // Pages at the top of a language's folder go into `pages/<lang>/`; a
    // folder that only looks like a code is told the sections.
    assert!(
        err.contains("content/english/about.md: error: Markdown file outside")
            && err.contains(
                "`mkdir -p content/pages/en && mv content/english/*.md content/pages/en/`"
            ),
        "{err}"
    );
    // Another of Hugo's sections in a language's tree (`docs/`): its
    // articles as that language's stories, in a folder of that name.
    assert!(
        err.contains("content/en/docs/concepts/pods.md: error: Markdown file outside")
            && err.contains(
                "`mkdir -p content/stories/en/docs && mv content/en/docs/* content/stories/en/docs/`"
            ),
        "{err}"
    );
    assert!(
        err.contains("content/img/x.md: warning: Markdown file outside")
            && !err.contains("content/pages/img"),
        "{err}"
    );
}

/// A page or partner profile one folder down is read only when the folder
/// is one of the site's languages: `pages/rw/…` (a neighbourhood's pages)
/// on a site in several languages, or `pages/en/about.md` on a site in one,
/// stays unpublished with a warning, as any other folder there does.
#[test]
fn a_folder_under_pages_that_is_no_language_of_the_site_is_not_read() {
    let page = |s: &TestSite, rel: &str| {
        s.write(rel, "---\ntitle: T\n---\nText\n");
    };
    let s = TestSite::empty();
    s.write("cerita.yaml", CONFIG);
    page(&s, "content/pages/rw/jadwal.md");
    s.write(
        "content/partners/old/lama.md",
        "---\ntitle: Lama\n---\nText\n",
    );
    let o = s.build_ok(&[]);
    let err = stderr(&o);
    assert!(!s.path("public/jadwal/index.html").exists(), "{err}");
    assert!(
        err.contains("content/pages/rw/jadwal.md: warning:") && err.contains("not published"),
        "{err}"
    );
    assert!(
        err.contains("content/partners/old/lama.md: warning:")
            && !err.contains("`name` is missing"),
        "{err}"
    );

    let one = TestSite::empty();
    one.write(
        "cerita.yaml",
        "title: Cerita\nbase_url: https://example.org/\nlanguage: id\n",
    );
    page(&one, "content/pages/en/about.md");
    let o = one.build_ok(&[]);
    let err = stderr(&o);
    assert!(!one.path("public/about/index.html").exists(), "{err}");
    assert!(
        err.contains("content/pages/en/about.md: warning:") && err.contains("`languages:`"),
        "{err}"
    );
}

/// `stories/en/index.md` is the English version of `stories/index.md`, not
/// a page bundle named `en`: both keep the slug `index`.
#[test]
fn an_index_file_right_in_a_language_folder_is_no_bundle() {
    let s = TestSite::empty();
    s.write("cerita.yaml", CONFIG);
    s.story("index.md", "Indeks", "date: 2024-01-01\n", "Isi\n");
    s.story("en/index.md", "Index", "date: 2024-01-01\n", "Text\n");
    s.story(
        "en/rapat/index.md",
        "Meeting",
        "date: 2024-01-01\n",
        "Text\n",
    );
    s.build_ok(&[]);
    let out = s.path("public");
    for page in [
        "stories/index/index.html",
        "en/stories/index/index.html",
        "en/stories/rapat/index.html",
    ] {
        assert!(out.join(page).is_file(), "{page}: {:?}", files_under(&out));
    }
}

/// Two English stories with one slug in the English folder: the hint does
/// not ask to declare English, which the site has.
#[test]
fn a_duplicate_in_a_declared_language_folder_is_not_told_to_declare_it() {
    let s = TestSite::empty();
    s.write("cerita.yaml", CONFIG);
    s.story("en/a/rapat.md", "A", "date: 2024-01-01\n", "Text\n");
    s.story("en/b/rapat.md", "B", "date: 2024-01-01\n", "Text\n");
    let err = s.build_fails();
    assert!(err.contains("two stories have the slug `rapat`"), "{err}");
    assert!(!err.contains("declare the language"), "{err}");
}

/// A translation of `stories/en/x.en.md` (folder and suffix agreeing) goes
/// to `stories/jv/x.md`, not to a `x.en.md` in the Javanese folder, which
/// the build would refuse.
#[test]
fn new_translation_in_a_folder_drops_the_original_suffix() {
    let s = TestSite::empty();
    s.write("cerita.yaml", CONFIG);
    s.story(
        "en/2024/rapat.en.md",
        "Meeting",
        "date: 2024-01-01\n",
        "Text\n",
    );
    let o = s.cerita(&[
        "new",
        "--translation-of",
        "content/stories/en/2024/rapat.en.md",
        "--lang",
        "jv",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        s.path("content/stories/jv/2024/rapat.md").is_file(),
        "{}",
        stdout(&o)
    );
    s.build_ok(&["--drafts"]);
}

/// The preview server follows a folder renamed into a language's folder
/// (`stories/inggris/` → `stories/en/`) and a page moved into a folder
/// that is no language of the site, as the build reads them.
#[test]
fn the_preview_follows_folders_renamed_to_and_from_a_language() {
    let s = TestSite::empty();
    s.write("cerita.yaml", CONFIG);
    s.story("pelatihan.md", "Pelatihan", "date: 2024-01-01\n", "Isi.\n");
    s.story(
        "inggris/pelatihan-en.md",
        "Training",
        "date: 2024-01-01\n",
        "Text.\n",
    );
    s.write(
        "content/pages/tentang.md",
        "---\ntitle: Tentang\n---\nIsi\n",
    );
    let server = Serve::start(s.root());
    let events = server.events();
    next_event(&events, "hello");
    settle();
    std::fs::rename(
        s.path("content/stories/inggris"),
        s.path("content/stories/en"),
    )
    .unwrap();
    next_event(&events, "reload");
    // In `stories/en/`, `pelatihan-en.md` is the English `pelatihan.md`.
    let (status, page) = server.text("/en/stories/pelatihan/");
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("hreflang=\"id\""), "{page}");
    assert_eq!(server.text("/stories/pelatihan-en/").0, 404);
    settle();
    std::fs::create_dir_all(s.path("content/pages/rw")).unwrap();
    std::fs::rename(
        s.path("content/pages/tentang.md"),
        s.path("content/pages/rw/tentang.md"),
    )
    .unwrap();
    next_event(&events, "reload");
    assert_eq!(server.text("/tentang/").0, 404);
    next_event(&events, "search");
    server.assert_same_as_build(&s);
}

/// A story folder named like the default language (`stories/id/`) makes
/// its files that language's: one there and one of the same name in the
/// section are two Indonesian versions of one story, and the message says
/// the folder is why.
#[test]
fn two_versions_in_one_language_name_the_language_folder() {
    let s = TestSite::empty();
    s.write("cerita.yaml", CONFIG);
    s.story("rapat.md", "Rapat", "date: 2024-01-01\n", "Isi.\n");
    s.story("id/rapat.md", "Rapat lagi", "date: 2024-01-02\n", "Isi.\n");
    let err = s.build_fails();
    assert!(
        err.contains("two files are the `id` version of one story"),
        "{err}"
    );
    assert!(
        err.contains("`content/stories/id/` holds the site's `id` files"),
        "{err}"
    );
}

/// Translations as other people write them: the languages as a list in
/// `cerita.yaml` (the default among them), `language:` or `locale:` for
/// `lang:`, and a translator's copy named `rapat-en.md` rather than
/// `rapat.en.md`, which pairs with `rapat.md` the same way. A name that
/// ends like the default language's tag is left as it is.
#[test]
fn translations_as_other_people_write_them() {
    let s = TestSite::empty();
    s.write(
        "cerita.yaml",
        "title: Cerita\nbase_url: https://example.org/\nlanguage: id\nlanguages: [id, en]\n",
    );
    s.story("rapat.md", "Rapat warga", "date: 2024-03-01\n", "Isi.\n");
    s.story(
        "rapat-en.md",
        "Village meeting",
        "date: 2024-03-01\nlanguage: en\n",
        "Body.\n",
    );
    s.story("laporan.md", "Laporan", "date: 2024-03-02\n", "Isi.\n");
    s.story(
        "laporan_EN.md",
        "Report",
        "date: 2024-03-02\nlocale: en_US\n",
        "Body.\n",
    );
    s.story(
        "kebijakan-id.md",
        "Kebijakan",
        "date: 2024-03-03\nlang: id\n",
        "Isi.\n",
    );
    let out = stderr(&s.build_ok(&[]));
    assert!(!out.contains("warning"), "{out}");
    for (page, other) in [
        (
            "stories/rapat/index.html",
            "https://example.org/en/stories/rapat/",
        ),
        (
            "stories/laporan/index.html",
            "https://example.org/en/stories/laporan/",
        ),
    ] {
        let doc = s.html(page);
        let alternates = attrs(&doc, "link[rel=alternate][hreflang=en]", "href");
        assert_eq!(alternates, [other], "{page}");
    }
    let en = s.html("en/stories/rapat/index.html");
    assert_eq!(attrs(&en, "html", "lang"), ["en"]);
    assert!(s.out("stories/kebijakan-id/index.html").is_file());

    // `cerita new` reads `language:` as the original's language, leaves
    // it out of the translation, and names the version from `panen`.
    s.story(
        "panen-en.md",
        "Harvest",
        "date: 2024-03-04
language: en
",
        "Body.
",
    );
    let o = s.cerita(&[
        "new",
        "--translation-of",
        "content/stories/panen-en.md",
        "--lang",
        "id",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let made = stdout(&o).trim().to_string();
    // (The default language's version has no suffix.)
    assert!(made.ends_with("content/stories/panen.md"), "{made}");
    let text = std::fs::read_to_string(s.path("content/stories/panen.md")).unwrap();
    assert!(!text.contains("language:"), "{text}");
    s.build_ok(&["--drafts"]);
    let doc = s.html("stories/panen/index.html");
    let alternates = attrs(&doc, "link[rel=alternate][hreflang=en]", "href");
    assert_eq!(alternates, ["https://example.org/en/stories/panen/"]);
}

/// Hugo's bundle of an English `index.md` beside `index.id.md`, moved into
/// a site in Indonesian: both are read as Indonesian, an error at each,
/// whose hint names the rename that gives the unmarked file its language.
#[test]
fn an_unmarked_file_beside_the_default_languages_names_the_rename() {
    let s = TestSite::empty();
    s.write(
        "cerita.yaml",
        "title: T\nbase_url: https://example.org/\nlanguage: id\nlanguages:\n  en: { title: \"T\" }\n",
    );
    s.story(
        "acara/index.md",
        "Event",
        "date: 2021-01-01\n",
        "In English.\n",
    );
    s.story(
        "acara/index.id.md",
        "Acara",
        "date: 2021-01-01\n",
        "Dalam bahasa Indonesia.\n",
    );
    let err = s.build_fails();
    assert!(
        err.contains("error: two files are the `id` version of one story")
            && err
                .contains("`mv content/stories/acara/index.md content/stories/acara/index.en.md`"),
        "{err}"
    );
    std::fs::rename(
        s.path("content/stories/acara/index.md"),
        s.path("content/stories/acara/index.en.md"),
    )
    .unwrap();
    s.build_ok(&[]);
    let en = s.html("en/stories/acara/index.html");
    assert_eq!(en.root_element().value().attr("lang"), Some("en"));
}

/// A partner profile's translation started with `cerita new` is a draft,
/// as a story's is: not published until the translator removes `draft:
/// true` (or with `--drafts`), rather than the text still being translated
/// under the other language's name.
#[test]
fn a_partner_profiles_translation_is_a_draft_until_done() {
    let s = TestSite::empty();
    s.write("cerita.yaml", CONFIG);
    s.write(
        "content/partners/walhi.md",
        "---\nname: WALHI\n---\nProfil dalam bahasa Indonesia.\n",
    );
    s.story(
        "a.md",
        "A",
        "date: 2021-01-01\npartners: [WALHI]\n",
        "Isi.\n",
    );
    let o = s.cerita(&[
        "new",
        "--translation-of",
        "content/partners/walhi.md",
        "--lang",
        "en",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let draft = s.path("content/partners/walhi.en.md");
    let text = std::fs::read_to_string(&draft).unwrap();
    assert!(text.contains("draft: true\n"), "{text}");
    std::fs::write(
        &draft,
        text.replace("Profil dalam bahasa Indonesia.", "Half translated."),
    )
    .unwrap();
    let out = stderr(&s.build_ok(&[]));
    assert!(!out.contains("unknown field"), "{out}");
    assert!(!s.out("en/partners/walhi/index.html").exists());
    assert!(
        s.read_out("partners/walhi/index.html")
            .contains("Profil dalam bahasa Indonesia.")
    );
    s.build_ok(&["--drafts"]);
    assert!(
        s.read_out("en/partners/walhi/index.html")
            .contains("Half translated.")
    );
}

/// Pages and partner profiles kept as bundles, as Hugo and Zola keep them
/// (`pages/about/index.md` with `index.en.md` and a photo beside them) are
/// read, named by their folder and joined as translations; a page one
/// folder down otherwise is told where pages are read from.
#[test]
fn page_and_partner_bundles_are_read_and_named_by_their_folder() {
    let s = TestSite::empty();
    s.write("cerita.yaml", CONFIG);
    s.write_bytes("content/pages/tentang/logo.png", &png(40, 30));
    s.write(
        "content/pages/tentang/index.md",
        "---\ntitle: Tentang kami\n---\nKami. ![Logo](logo.png)\n",
    );
    s.write(
        "content/pages/tentang/index.en.md",
        "---\ntitle: About us\n---\nUs. ![Logo](logo.png)\n",
    );
    s.write_bytes("content/partners/gnome-id/logo.png", &png(40, 30));
    s.write(
        "content/partners/gnome-id/index.md",
        "---\nname: GNOME Indonesia\nlogo: logo.png\n---\nKomunitas.\n",
    );
    s.write("content/pages/docs/crop.md", "---\ntitle: Crop\n---\nx\n");
    s.story(
        "a.md",
        "A",
        "date: 2021-01-01\npartners: [GNOME Indonesia]\n",
        "Isi.\n",
    );
    let out = stderr(&s.build_ok(&[]));
    assert!(!out.contains("tentang"), "{out}");
    assert!(!out.contains("gnome-id"), "{out}");
    assert!(
        out.contains("content/pages/docs/crop.md: warning: Markdown file in `content/pages/docs/` is not published")
            && out.contains("`mv content/pages/docs/crop.md content/pages/crop.md`"),
        "{out}"
    );
    let id = s.html("tentang/index.html");
    assert_eq!(
        attrs(&id, "link[hreflang='en']", "href"),
        ["https://example.org/en/tentang/"]
    );
    assert_eq!(attrs(&id, "main img", "src"), ["/pages/tentang/logo.png"]);
    assert!(s.read_out("en/tentang/index.html").contains("About us"));
    let partner = s.read_out("partners/gnome-id/index.html");
    assert!(
        partner.contains("Komunitas.") && partner.contains("/partners/gnome-id/logo.png"),
        "{partner}"
    );
}

/// A translation's links to files in the default language (copied with
/// its text) lead to their versions in its own language where the site has
/// them, as Hugo's `ref` does; to the default language's where it has not;
/// a link to its own original, or to another language's file on purpose,
/// stays.
#[test]
fn a_translations_links_lead_to_versions_in_its_language() {
    let s = TestSite::empty();
    s.write("cerita.yaml", CONFIG);
    s.write(
        "content/pages/tentang.md",
        "---\ntitle: Tentang\n---\n## Kontak\n\nKami.\n",
    );
    s.write(
        "content/pages/tentang.en.md",
        "---\ntitle: About\n---\n## Contact\n\nUs.\n",
    );
    s.story("b.md", "B", "date: 2021-01-01\n", "Isi B.\n");
    s.story("c.md", "C", "date: 2021-01-01\n", "Isi C.\n");
    s.story("c.en.md", "C en", "date: 2021-01-01\n", "Text C.\n");
    // A link to a heading stays with the file that has that heading.
    let body = "[tentang](@/pages/tentang.md), [b](b.md), [c](c.md), [asli](@/stories/a.md), [jv](@/stories/c.en.md), [kontak](@/pages/tentang.md#kontak).\n";
    s.story("a.md", "A", "date: 2021-01-02\n", body);
    s.story("a.en.md", "A en", "date: 2021-01-02\n", body);
    s.build_ok(&[]);
    let links = |page: &str| attrs(&s.html(page), "main .prose a", "href");
    assert_eq!(
        links("en/stories/a/index.html"),
        [
            "/en/tentang/",
            "/stories/b/",
            "/en/stories/c/",
            "/stories/a/",
            "/en/stories/c/",
            "/tentang/#kontak"
        ]
    );
    assert_eq!(
        links("stories/a/index.html"),
        [
            "/tentang/",
            "/stories/b/",
            "/stories/c/",
            "/stories/a/",
            "/en/stories/c/",
            "/tentang/#kontak"
        ]
    );
}

/// `cerita check` names a translation that leaves out the partners,
/// regions or authors its original names (each version names its own), with
/// the line to copy; one that names them, or an original without any, is
/// let be.
#[test]
fn check_names_a_translation_without_its_originals_partners() {
    let s = TestSite::empty();
    s.write("cerita.yaml", CONFIG);
    s.story(
        "a.md",
        "A",
        "date: 2021-01-01\npartners: [HAPSARI, \"Serikat: Pesisir\"]\nregion: [Gresik]\n",
        "Isi.\n",
    );
    s.story("a.en.md", "A en", "date: 2021-01-01\n", "Text.\n");
    s.story(
        "b.md",
        "B",
        "date: 2021-01-02\npartners: [HAPSARI]\n",
        "Isi.\n",
    );
    s.story(
        "b.en.md",
        "B en",
        "date: 2021-01-02\npartners: [HAPSARI]\n",
        "Text.\n",
    );
    s.story("c.md", "C", "date: 2021-01-03\n", "Isi.\n");
    s.story("c.en.md", "C en", "date: 2021-01-03\n", "Text.\n");
    let o = s.cerita(&["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("content/stories/a.en.md: warning: this translation names no partners, region, which its original content/stories/a.md names")
            && err.contains("hint: each version names its own; copy them from the original: `partners: [\"HAPSARI\", \"Serikat: Pesisir\"]`, `region: [\"Gresik\"]`"),
        "{err}"
    );
    assert!(!err.contains("b.en.md"), "{err}");
    assert!(!err.contains("c.en.md"), "{err}");
}

/// `cerita strings jv` writes the UI strings Javanese lacks into
/// `i18n/jv.yaml`, each commented out with the text shown until it is
/// translated; one translated (its `# ` removed) is shown and no longer
/// missing; run again, it adds nothing; a language the site does not
/// publish is refused.
#[test]
fn strings_writes_what_a_language_lacks_to_translate() {
    let s = TestSite::empty();
    s.write("cerita.yaml", CONFIG);
    s.story("a.md", "A", "date: 2021-01-01\n", "Isi.\n");
    let o = s.cerita(&["strings", "jv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("UI string(s) to translate"), "{out}");
    let path = s.path("i18n/jv.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with("# search_button: "))
        .unwrap_or_else(|| panic!("{text}"))
        .to_string();
    let before = stderr(&s.build_ok(&[]));
    assert!(
        before.contains("the theme has no UI strings in `jv`"),
        "{before}"
    );
    assert!(before.contains("`cerita strings jv`"), "{before}");
    std::fs::write(&path, text.replace(&line, "search_button: \"Goleki\"")).unwrap();
    s.build_ok(&[]);
    assert!(s.read_out("jv/search/index.html").contains("Goleki"));
    let again = s.cerita(&["strings", "jv"]);
    assert!(
        stdout(&again).contains("are in it already"),
        "{}",
        stdout(&again)
    );
    let after = std::fs::read_to_string(&path).unwrap();
    assert_eq!(after.matches("search_button").count(), 1, "{after}");
    let fr = s.cerita(&["strings", "fr"]);
    assert!(!fr.status.success());
    assert!(
        stderr(&fr).contains("`fr` is not a language of this site"),
        "{}",
        stderr(&fr)
    );
}

/// Every language's menu lists the pages in one order, its default
/// language's, not each by its translated titles.
#[test]
fn pages_keep_one_order_in_every_language() {
    let s = TestSite::empty();
    s.write("cerita.yaml", CONFIG);
    s.story("a.md", "A", "date: 2021-01-01\n", "Isi.\n");
    for (file, title) in [
        ("tentang.md", "Tentang"),
        ("tentang.en.md", "About"),
        ("crop.md", "Crop"),
        ("crop.en.md", "Crop"),
    ] {
        s.write(
            &format!("content/pages/{file}"),
            &format!("---\ntitle: {title}\n---\nx\n"),
        );
    }
    s.build_ok(&[]);
    let menu = |page: &str| -> Vec<String> {
        texts(&s.html(page), ".site-nav a")
            .into_iter()
            .filter(|t| ["Tentang", "About", "Crop"].contains(&t.as_str()))
            .collect()
    };
    assert_eq!(menu("index.html"), ["Crop", "Tentang"]);
    assert_eq!(menu("en/index.html"), ["Crop", "About"]);
}

/// A language tag with capitals (`zh-Hant-TW`, as BCP 47 writes it) keeps
/// them in `lang` and `hreflang`, while its pages live under the lower-case
/// folder Hugo gives them (`/zh-hant-tw/`), which `serve` answers too.
#[test]
fn a_language_tag_with_capitals_lives_under_its_lower_case_folder() {
    let s = TestSite::empty();
    s.write(
        "cerita.yaml",
        "title: Cerita\nbase_url: https://example.org/\nlanguage: id\nlanguages: [id, zh-Hant-TW]\n",
    );
    s.story(
        "2021/rapat.md",
        "Rapat warga",
        "date: 2021-04-10\n",
        "Isi.\n",
    );
    s.story(
        "2021/rapat.zh-Hant-TW.md",
        "居民會議",
        "date: 2021-04-10\n",
        "內容。\n",
    );
    s.build_ok(&[]);
    let doc = s.html("zh-hant-tw/stories/rapat/index.html");
    assert_eq!(attrs(&doc, "html", "lang"), ["zh-Hant-TW"]);
    let doc = s.html("stories/rapat/index.html");
    assert_eq!(
        attrs(&doc, "link[rel=alternate][hreflang=zh-Hant-TW]", "href"),
        ["https://example.org/zh-hant-tw/stories/rapat/"]
    );
    assert!(s.out("zh-hant-tw/index.html").is_file());
    assert!(!s.out("zh-Hant-TW").exists());
    let serve = Serve::start(s.root());
    let (status, _, body) = serve.get("/zh-hant-tw/nothing/");
    assert_eq!(status, 404);
    let body = String::from_utf8_lossy(&body);
    assert!(body.contains("lang=\"zh-Hant-TW\""), "{body}");
}

/// A translation published with its original's text word for word (started
/// by `cerita new --translation-of`, `draft: true` taken out before it was
/// translated) is a warning in `check`; once translated, none.
#[test]
fn check_names_a_translation_left_untranslated() {
    let s = site();
    let body = "Warga berkumpul di balai desa untuk membahas rencana perbaikan saluran air yang rusak sejak musim hujan tahun lalu dan sepakat bergotong royong.\n";
    s.story("2021/rapat.md", "Rapat warga", "date: 2021-06-01\n", body);
    let o = s.cerita(&[
        "new",
        "--translation-of",
        "content/stories/2021/rapat.md",
        "--lang",
        "en",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let path = "content/stories/2021/rapat.en.md";
    let text = std::fs::read_to_string(s.path(path)).unwrap();
    s.write(path, &text.replace("draft: true\n", ""));
    let o = s.cerita(&["check"]);
    let err = stderr(&o);
    assert!(
        err.contains("content/stories/2021/rapat.en.md: warning: this translation's text is its original's (content/stories/2021/rapat.md), word for word: readers of `en` get it in `id`"),
        "{err}"
    );
    // A word changed here and there (`Dev` → `DEV`) is no translation.
    s.write(
        path,
        &text
            .replace("draft: true\n", "")
            .replace("balai desa", "Balai Desa")
            .replace("musim hujan", "musim penghujan"),
    );
    let err = stderr(&s.cerita(&["check"]));
    assert!(
        err.contains("content/stories/2021/rapat.en.md: warning: this translation's text is its original's (content/stories/2021/rapat.md), nearly word for word ("),
        "{err}"
    );
    s.write(
        path,
        &text.replace("draft: true\n", "").replace(
            body,
            "Residents met at the village hall to plan the repair of the water channel.\n",
        ),
    );
    let o = s.cerita(&["check"]);
    assert!(!stderr(&o).contains("word for word"), "{}", stderr(&o));
}

/// `bm` and `bi`, as Malaysian and Indonesian sites write Bahasa Melayu
/// and Bahasa Indonesia, are Bambara's and Bislama's codes: a file named
/// `rapat.bm.md` is not published quietly as `/stories/rapat-bm/`; the
/// error says which code the text wants.
#[test]
fn codes_written_for_another_language_are_told_which_code_is_meant() {
    let s = TestSite::empty();
    s.write(
        "cerita.yaml",
        "title: Situs\nbase_url: https://example.org/\nlanguage: ms\nlanguages: [ms, en]\n",
    );
    s.story("rapat.en.md", "Meeting", "date: 2025-03-05\n", "Text.\n");
    s.story("rapat.bm.md", "Mesyuarat", "date: 2025-03-05\n", "Teks.\n");
    s.story(
        "lain.en.md",
        "Other",
        "date: 2025-08-17\nlang: bi\n",
        "Text.\n",
    );
    let err = s.build_fails();
    assert!(
        err.contains("content/stories/rapat.bm.md: error: the file name says `.bm`, which is not a language of this site"),
        "{err}"
    );
    assert!(
        err.contains("`bm` is Bambara; if the text is Bahasa Melayu, name the file `rapat.md`"),
        "{err}"
    );
    assert!(
        err.contains("`bi` is Bislama, and Bahasa Indonesia's code is `id`"),
        "{err}"
    );
    // Fixed as told: Malay dates in Malay.
    std::fs::rename(
        s.path("content/stories/rapat.bm.md"),
        s.path("content/stories/rapat.md"),
    )
    .unwrap();
    std::fs::remove_file(s.path("content/stories/lain.en.md")).unwrap();
    s.build_ok(&[]);
    let page = s.read_out("stories/rapat/index.html");
    assert!(page.contains("5 Mac 2025"), "{page}");
    assert!(s.read_out("en/stories/rapat/index.html").contains("March"));
}
