//! `cerita import wordpress` on an export written for these tests with the
//! features real exports have (CDATA, entities, classic and block content,
//! nested and unknown shortcodes, attachments, a protected post, a page
//! tree, comments), then built and link-checked; old permalinks answer.

use crate::support::*;

fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 255) as u8, (y % 255) as u8, 90])
    });
    crate::support::jpeg(&img, 80)
}

fn export() -> String {
    std::fs::read_to_string(repo().join("tests/fixtures/wordpress/export.xml")).unwrap()
}

/// A site, the export, and a copy of the old uploads folder.
fn site() -> TestSite {
    let site = TestSite::new();
    site.write("export.xml", &export());
    site.write_bytes("uploads/2021/04/foto-pelatihan.jpg", &jpeg(600, 400));
    // WordPress's medium copy, which the post shows: the original beside
    // it is the one brought in.
    site.write_bytes(
        "uploads/2021/04/foto-pelatihan-300x200.jpg",
        &jpeg(300, 200),
    );
    site.write_bytes("uploads/2021/04/galeri-1-scaled.jpg", &jpeg(300, 200));
    site.write_bytes("uploads/2021/08/materi-webinar.pdf", b"%PDF-1.4\n%%EOF\n");
    site
}

fn import(site: &TestSite, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["import", "wordpress", "export.xml", "--uploads", "uploads"];
    args.extend_from_slice(extra);
    let o = site.cerita(&args);
    assert!(o.status.success(), "{}\n{}", stdout(&o), stderr(&o));
    o
}

#[test]
fn an_export_becomes_stories_pages_and_photos_that_build() {
    let site = site();
    let out = import(&site, &[]);
    let report = stdout(&out);
    for part in [
        "2 attachments",
        "1 menu items",
        "2 pages",
        "5 posts",
        "1 scheduled post(s) keep their date",
        "1 trashed items",
        "1 empty automatic drafts",
        "2 comment(s) not published",
        "[contact-form-7] in",
        "[tooltip] in",
        "page-builder pieces and plugins' forms left out",
        "1 item(s) of the post type `kegiatan` not imported: to import them as stories, run again with --post-type kegiatan",
        "[vc_wp_recentposts] in",
        "tidak-ada.jpg",
        "rapat-pengurus.md",
        "next: cerita build",
    ] {
        assert!(report.contains(part), "{part:?} not in:\n{report}");
    }
    // The block editor's own types are no stories, and not suggested.
    assert!(!report.contains("`wp_block`"), "{report}");
    assert!(!site.path("content/stories/2021/sekolah-lapang.md").exists());
    // WordPress's empty automatic draft is no draft of anyone's.
    assert!(!site.path("content/stories/2021/auto-draft.md").exists());
    let story =
        std::fs::read_to_string(site.path("content/stories/2021/penguatan-kapasitas.md")).unwrap();
    for part in [
        "title: \"Penguatan Kapasitas “Community Leader” & Kader\"",
        "date: 2021-04-12T10:00:00+07:00",
        "updated: 2021-05-01T10:00:00+07:00",
        "authors: [\"Rina Kartikasari\"]",
        "tags: [\"Pelatihan\", \"Gender & Hak\"]",
        "summary: \"Tiga puluh kader belajar bersama.\"",
        "image: \"penguatan-kapasitas/foto-pelatihan.jpg\"",
        "  - \"/2021/04/12/penguatan-kapasitas/\"",
        "  - \"/?p=21\"",
        "lang: id",
        "## Sesi pertama",
        "> Kami belajar banyak.",
        "| Daerah | Peserta |",
        // [caption] and [gallery] as cerita's shortcodes, photos beside the
        // story; a gallery's photo with its caption as WordPress showed it,
        // and an upload titled after its file has no alt text.
        "{{ figure(src=\"penguatan-kapasitas/foto-pelatihan.jpg\", alt=\"Peserta berdiskusi\", caption=\"Peserta berdiskusi di kelas",
        "{{ gallery(images=[\"penguatan-kapasitas/foto-pelatihan.jpg\", \"penguatan-kapasitas/galeri-1-scaled.jpg\"], captions=[\"Diskusi kelompok hari pertama\", \"Galeri satu\"]) }}",
        "(https://www.youtube.com/watch?v=abc123)",
        "Teks aman",
        // Links between posts lead to the imported files; one to a
        // protected post (never published) stays as it was.
        "[tentang kami](@/pages/tentang.md)",
        "[rapat](https://lama.example.org/?p=22)",
        "https://lama.example.org/wp-content/uploads/2021/04/tidak-ada.jpg",
    ] {
        assert!(story.contains(part), "{part:?} not in:\n{story}");
    }
    // Every word of the original is there; nothing dangerous is.
    for word in [
        "Tiga", "puluh", "Deli", "Serdang", "Rujukan", "Advokasi", "sore", "Gresik", "tautan",
        "jahat",
    ] {
        assert!(story.contains(word), "{word} lost:\n{story}");
    }
    for bad in ["<script", "onclick", "javascript:", "<iframe", "<style"] {
        assert!(!story.contains(bad), "{bad} survived:\n{story}");
    }
    assert!(
        site.path("content/stories/2021/penguatan-kapasitas/foto-pelatihan.jpg")
            .is_file()
    );
    let protected =
        std::fs::read_to_string(site.path("content/stories/2021/rapat-pengurus.md")).unwrap();
    assert!(protected.contains("draft: true"), "{protected}");
    // Its link is its short address (plain permalinks): one alias, and no
    // warning that another post has it.
    assert_eq!(protected.matches("\"/?p=22\"").count(), 1, "{protected}");
    assert!(!report.contains("is also an earlier post's"), "{report}");
    let draft = std::fs::read_to_string(site.path(
        "content/stories/2021/rencana-kampanye-draf-rencana-kampanye-pesisir-tahun-depan.md",
    ))
    .or_else(|_| std::fs::read_to_string(site.path("content/stories/2021/rencana-kampanye.md")));
    let draft = draft.unwrap_or_else(|_| {
        panic!(
            "draft not found: {:?}",
            files_under(&site.path("content/stories/2021"))
        )
    });
    assert!(
        draft.contains("draft: true") && draft.contains("## Rencana kampanye"),
        "{draft}"
    );
    // `[gallery]` without `ids`: the photos uploaded to that post.
    assert!(
        draft.contains("{{ gallery(images=[\"") && draft.contains("galeri-1"),
        "{draft}"
    );
    assert!(
        draft.contains("date: 2021-07-01 09:00:00 +0700"),
        "zone learnt from the other posts:\n{draft}"
    );
    // A page built with WPBakery: its layout goes, its heading, text, photo
    // and button stay.
    let about = std::fs::read_to_string(site.path("content/pages/tentang.md")).unwrap();
    for part in [
        "## Siapa kami\n\nKami serikat perempuan pesisir.\n\nKami berdiri sejak 2005.",
        "{{ figure(src=\"tentang/foto-pelatihan.jpg\"",
        "[Hubungi kami](mailto:info@lama.example.org)",
    ] {
        assert!(about.contains(part), "{part:?} not in:\n{about}");
    }
    assert!(
        !about.contains("[vc_") && !about.contains("[/vc_"),
        "{about}"
    );
    let child = std::fs::read_to_string(site.path("content/pages/tentang-pengurus.md")).unwrap();
    assert!(child.contains("\"/tentang/pengurus/\""), "{child}");

    // It builds; every link resolves; old permalinks lead to the stories.
    site.build_ok(&[]);
    assert!(
        broken_links(&site.path("public"), "/").is_empty(),
        "{:?}",
        broken_links(&site.path("public"), "/")
    );
    let doc = site.html("2021/04/12/penguatan-kapasitas/index.html");
    assert_eq!(
        attrs(&doc, "link[rel=canonical]", "href"),
        ["https://example.org/stories/penguatan-kapasitas/"]
    );
    assert!(site.out("tentang/pengurus/index.html").is_file());
    assert!(
        site.read_out("_redirects")
            .contains("/ p=21 /stories/penguatan-kapasitas/ 301")
    );
    assert!(
        attrs(
            &site.html("stories/penguatan-kapasitas/index.html"),
            "main a",
            "href"
        )
        .contains(&"/tentang/".to_string())
    );
    // A block-editor post: its footnotes (the text in the post's
    // `footnotes` field) are the page's footnotes, its table block a table
    // with the caption under it, its details block folds.
    let doc = site.html("stories/webinar-air-bersih/index.html");
    let reference = attrs(&doc, "main sup a", "href");
    assert_eq!(reference.len(), 1, "{reference:?}");
    let target = reference[0].trim_start_matches('#');
    let note = doc
        .select(&scraper::Selector::parse(&format!("[id='{target}']")).unwrap())
        .next()
        .map(|e| e.text().collect::<String>())
        .unwrap_or_default();
    assert!(note.contains("Data dinas PU"), "{note:?}");
    assert_eq!(
        attrs(&doc, "main a[href^='https://pu.']", "href"),
        ["https://pu.example.go.id/air"]
    );
    assert_eq!(texts(&doc, "main table th"), ["Desa", "Sumur"]);
    assert_eq!(texts(&doc, "main em"), ["Sumur per desa"]);
    assert_eq!(texts(&doc, "main details summary"), ["Tanya jawab"]);
    // No excerpt: the summary is the one the SEO plugin kept.
    assert_eq!(
        attrs(&doc, "meta[name=description]", "content"),
        ["Laporan webinar air bersih untuk empat desa."]
    );
    // Its file block is a download card of the file, copied beside the
    // story; its cover block the photo, with the text over it after.
    assert!(
        site.path("content/stories/2021/webinar-air-bersih/materi-webinar.pdf")
            .is_file()
    );
    let links = attrs(&doc, "main a[href$='.pdf']", "href");
    assert!(
        !links.is_empty() && links.iter().all(|h| !h.starts_with("http")),
        "{links:?}"
    );
    assert!(
        site.out(links[0].trim_start_matches('/')).is_file(),
        "{links:?}"
    );
    assert!(texts(&doc, "main").concat().contains("Materi webinar"));
    assert_eq!(attrs(&doc, "main figure img", "alt"), ["Sumur bor desa"]);
    assert!(texts(&doc, "main p").contains(&"Air bersih untuk semua".to_string()));
    // The scheduled post keeps its date, so it waits for it.
    let scheduled =
        std::fs::read_to_string(site.path("content/stories/2999/agenda-musyawarah.md")).unwrap();
    assert!(
        scheduled.contains("date: 2999-01-05T09:00:00+07:00") && !scheduled.contains("draft"),
        "{scheduled}"
    );
    assert!(!site.out("stories/agenda-musyawarah/index.html").exists());
    // The protected post is never published.
    assert!(!site.out("stories/rapat-pengurus/index.html").exists());
    assert!(
        !site
            .path("content/stories/2021/penguatan-kapasitas/foto-pelatihan-300x200.jpg")
            .exists()
    );
    let page = site.html("stories/penguatan-kapasitas/index.html");
    assert!(
        !attrs(&page, "img", "src")
            .iter()
            .any(|s| s.contains("foto-pelatihan-300x200"))
    );

    // Under a sub-path the old addresses answer too.
    site.build_ok(&["--base-url", "https://example.org/arsip/"]);
    let doc = site.html("2021/04/12/penguatan-kapasitas/index.html");
    assert_eq!(
        attrs(&doc, "link[rel=canonical]", "href"),
        ["https://example.org/arsip/stories/penguatan-kapasitas/"]
    );
    assert!(broken_links(&site.path("public"), "/arsip/").is_empty());
}

#[test]
fn a_second_import_writes_nothing_and_force_overwrites() {
    let site = site();
    import(&site, &[]);
    let before = snapshot(&site.path("content"));
    let again = import(&site, &[]);
    assert!(
        stdout(&again).contains("wrote 0 file(s)"),
        "{}",
        stdout(&again)
    );
    assert_eq!(snapshot(&site.path("content")), before);
    // Each file left as it is is named, so a page kept from before (an
    // `about.md` of the starter site) is no mystery.
    assert!(
        stdout(&again).contains("(--force overwrites them):\n  content/pages/tentang.md")
            || stdout(&again).contains("  content/pages/tentang.md\n"),
        "{}",
        stdout(&again)
    );
    std::fs::write(site.path("content/pages/tentang.md"), "diubah").unwrap();
    let forced = import(&site, &["--force"]);
    assert!(!stdout(&forced).contains("wrote 0 file(s)"));
    assert_ne!(
        std::fs::read_to_string(site.path("content/pages/tentang.md")).unwrap(),
        "diubah"
    );
}

#[test]
fn both_forms_of_the_wordpress_namespace_read_the_same() {
    let a = site();
    import(&a, &[]);
    let b = site();
    b.write(
        "export.xml",
        &export().replace(
            "http://wordpress.org/export/1.2/",
            "https://wordpress.org/export/1.2/",
        ),
    );
    import(&b, &[]);
    assert_eq!(snapshot(&a.path("content")), snapshot(&b.path("content")));
}

#[test]
fn truncated_and_malformed_exports_write_nothing() {
    let full = export();
    let cut = &full[..full.find("<h2>Sesi pertama").unwrap()];
    for (name, text, at) in [
        ("truncated", cut.to_string(), "truncated"),
        (
            "malformed",
            full.replace("<wp:post_id>30</wp:post_id>", "<wp:post_id>30</wp:post>"),
            "export.xml:",
        ),
        (
            "not an export",
            "<rss><channel><title>x</title></channel></rss>".to_string(),
            "not a WordPress export",
        ),
    ] {
        let site = TestSite::new();
        site.write("export.xml", &text);
        let o = site.cerita(&["import", "wordpress", "export.xml"]);
        assert!(!o.status.success(), "{name}");
        let err = stderr(&o);
        assert!(err.contains(at), "{name}: {err}");
        assert!(
            !site.path("content").exists(),
            "{name}: wrote {:?}",
            files_under(&site.path("content"))
        );
    }
    // Line and column of a malformed export.
    let site = TestSite::new();
    site.write(
        "export.xml",
        &full.replace("<wp:post_id>30</wp:post_id>", "<wp:post_id>30</wp:post>"),
    );
    let err = stderr(&site.cerita(&["import", "wordpress", "export.xml"]));
    let line = full
        .lines()
        .position(|l| l.contains("<wp:post_id>30</wp:post_id>"))
        .unwrap()
        + 1;
    assert!(err.contains(&format!("export.xml:{line}:")), "{err}");
}

#[test]
fn titles_in_any_script_give_valid_unique_slugs() {
    let item = |id: u32, title: &str| {
        format!(
            "<item><title>{title}</title><link>https://lama.example.org/?p={id}</link><content:encoded><![CDATA[Isi {id}.]]></content:encoded><wp:post_id>{id}</wp:post_id><wp:post_date_gmt><![CDATA[2022-01-0{} 01:00:00]]></wp:post_date_gmt><wp:post_name><![CDATA[]]></wp:post_name><wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type></item>\n",
            id % 9 + 1
        )
    };
    let extra = [
        item(91, "ꦱꦼꦏꦺꦴꦭꦃ ꦫꦏꦾꦠ꧀"),
        item(92, "漁民の声"),
        item(93, "漁民の声"),
        item(94, "صوت الصيادين"),
        item(95, "🌊🌊"),
    ]
    .concat();
    let site = site();
    site.write(
        "export.xml",
        &export().replace("</channel>", &format!("{extra}</channel>")),
    );
    import(&site, &[]);
    let names: Vec<String> = files_under(&site.path("content/stories/2022"))
        .into_iter()
        .collect();
    assert_eq!(names.len(), 5, "{names:?}");
    for n in &names {
        let slug = n.trim_end_matches(".md");
        assert!(
            !slug.is_empty()
                && slug
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{n}"
        );
    }
    site.build_ok(&[]);
}

/// A post with its own table of contents (a TOC plugin's spans inside
/// the headings, an old `<a name>` bookmark) and a Live recording embedded
/// with Facebook's embed code builds without a missing-anchor error: the
/// links land on the places they went to, and the recording is a video.
#[test]
fn a_posts_table_of_contents_and_facebook_recording_survive_the_move() {
    let body = "<p>Daftar isi: <a href=\"#Latar_Belakang\">Latar belakang</a>, <a href=\"#sesi2\">Sesi dua</a></p>\n<h2><span class=\"ez-toc-section\" id=\"Latar_Belakang\"></span>Latar Belakang<span class=\"ez-toc-section-end\"></span></h2>\n<p>Isi.</p>\n<p><a name=\"sesi2\"></a>Sesi kedua dimulai.</p>\n<div id=\"fb-root\"></div><script async defer src=\"https://connect.facebook.net/id_ID/sdk.js#xfbml=1&version=v3.2\"></script><div class=\"fb-video\" data-href=\"https://www.facebook.com/walhi.nasional/videos/1234567890123456/\"><blockquote cite=\"https://www.facebook.com/walhi.nasional/videos/1234567890123456/\" class=\"fb-xfbml-parse-ignore\"><a href=\"https://www.facebook.com/walhi.nasional/videos/1234567890123456/\">Webinar</a><p>Diskusi</p>Posted by <a href=\"https://www.facebook.com/walhi.nasional\">WALHI</a></blockquote></div>";
    let item = format!(
        "<item><title>Laporan webinar</title><link>https://lama.example.org/?p=96</link><content:encoded><![CDATA[{body}]]></content:encoded><wp:post_id>96</wp:post_id><wp:post_date_gmt><![CDATA[2022-02-01 01:00:00]]></wp:post_date_gmt><wp:post_name><![CDATA[laporan-webinar]]></wp:post_name><wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type></item>\n"
    );
    let site = site();
    site.write(
        "export.xml",
        &export().replace("</channel>", &format!("{item}</channel>")),
    );
    import(&site, &[]);
    site.build_ok(&[]);
    let doc = site.html("stories/laporan-webinar/index.html");
    for id in ["Latar_Belakang", "sesi2"] {
        let target = doc.select(&sel(&format!("[id=\"{id}\"]"))).next();
        assert!(target.is_some(), "no #{id}");
    }
    assert_eq!(
        doc.select(&sel("h2#Latar_Belakang"))
            .next()
            .map(|h| h.text().collect::<String>().contains("Latar Belakang")),
        Some(true)
    );
    let video = doc
        .select(&sel("figure.video a.video-link"))
        .next()
        .unwrap();
    assert_eq!(
        video.value().attr("href"),
        Some("https://www.facebook.com/walhi.nasional/videos/1234567890123456/")
    );
}

#[test]
fn a_blogger_export_imports_through_the_same_writer() {
    let site = TestSite::new();
    site.write(
        "blogger.xml",
        &std::fs::read_to_string(repo().join("tests/fixtures/wordpress/blogger.xml")).unwrap(),
    );
    let o = site.cerita(&["import", "blogger", "blogger.xml"]);
    let report = stdout(&o);
    assert!(o.status.success(), "{report}\n{}", stderr(&o));
    for part in [
        "1 pages",
        "2 posts",
        "1 comment(s) not published",
        "1 draft(s)",
    ] {
        assert!(report.contains(part), "{part:?} not in:\n{report}");
    }
    let story =
        std::fs::read_to_string(site.path("content/stories/2021/pelatihan-paralegal.md")).unwrap();
    for part in [
        "title: \"Pelatihan Paralegal di Deli Serdang\"",
        "date: 2021-04-12T10:00:00+07:00",
        "authors: [\"Rina\"]",
        "tags: [\"Pelatihan\", \"Perempuan & Pesisir\"]",
        "  - \"/2021/04/pelatihan-paralegal.html\"",
        "**belajar**",
        "### Sesi pertama",
        "https://www.youtube.com/embed/abc123",
    ] {
        assert!(story.contains(part), "{part:?} not in:\n{story}");
    }
    assert!(
        !story.contains("<script") && !story.contains("<iframe"),
        "{story}"
    );
    let draft =
        std::fs::read_to_string(site.path("content/stories/2021/rencana-kampanye.md")).unwrap();
    assert!(draft.contains("draft: true"), "{draft}");
    site.build_ok(&[]);
    // The old `.html` address answers with a redirect page.
    let doc = site.html("2021/04/pelatihan-paralegal.html");
    assert_eq!(
        attrs(&doc, "link[rel=canonical]", "href"),
        ["https://example.org/stories/pelatihan-paralegal/"]
    );
    assert!(site.out("p/tentang-kami.html").is_file());
    assert!(broken_links(&site.path("public"), "/").is_empty());
    let again = site.cerita(&["import", "blogger", "blogger.xml"]);
    assert!(
        stdout(&again).contains("wrote 0 file(s)"),
        "{}",
        stdout(&again)
    );
    // A WordPress export is not a Blogger one, and the other way round.
    let wrong = site.cerita(&["import", "blogger", "export.xml"]);
    assert!(!wrong.status.success());
    site.write("export.xml", &export());
    let wrong = site.cerita(&["import", "blogger", "export.xml"]);
    assert!(
        stderr(&wrong).contains("not a Blogger export"),
        "{}",
        stderr(&wrong)
    );
}

/// Blogger's "Convert line breaks" setting: on (its default), a line break
/// typed into a post's HTML shows as one; off, a browser shows it as a
/// space, and so does the imported story. `<pre>` keeps its lines.
#[test]
fn a_blogger_posts_line_breaks_follow_the_blogs_setting() {
    let export = |setting: &str| {
        format!(
            "<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom'><id>tag:blogger.com,1999:blog-1.archive</id>\
<link rel='alternate' type='text/html' href='http://warga.blogspot.com/'/>{setting}\
<entry><id>tag:blogger.com,1999:blog-1.post-9</id><published>2019-07-28T19:00:00.000+07:00</published>\
<category scheme='http://schemas.google.com/g/2005#kind' term='http://schemas.google.com/blogger/2008/kind#post'/>\
<title type='text'>Rapat</title><content type='html'>Rapat dihadiri 20 pemuda\nyang datang dari tiga RT.&lt;pre&gt;baris satu\nbaris dua&lt;/pre&gt;</content>\
<link rel='alternate' type='text/html' href='http://warga.blogspot.com/2019/07/rapat.html'/></entry></feed>\n"
        )
    };
    let off = "<entry><id>tag:blogger.com,1999:blog-1.settings.BLOG_CONVERT_LINE_BREAKS</id>\
<category scheme='http://schemas.google.com/g/2005#kind' term='http://schemas.google.com/blogger/2008/kind#settings'/>\
<content type='text'>false</content></entry>";
    for (setting, joined) in [(off, true), ("", false)] {
        let site = TestSite::new();
        site.write("blogger.xml", &export(setting));
        let o = site.cerita(&["import", "blogger", "blogger.xml"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let story = std::fs::read_to_string(site.path("content/stories/2019/rapat.md")).unwrap();
        assert_eq!(
            story.contains("Rapat dihadiri 20 pemuda yang datang dari tiga RT."),
            joined,
            "{story}"
        );
        assert!(story.contains("baris satu\nbaris dua"), "{story}");
        site.build_ok(&[]);
        let doc = site.html("stories/rapat/index.html");
        assert_eq!(
            doc.select(&sel("article p br")).count(),
            usize::from(!joined)
        );
    }
}

/// Blogger's RSS feed (`?alt=rss`, the form most saved Indonesian blogs
/// are in) imports as its Atom feed does: the post, its date (UTC on a
/// site without `time_zone`),
/// its label, its writer, its old address. A backup's
/// language setting (`BLOG_LOCALE`) is read as WordPress's `<language>`;
/// a writer's name Blogger escaped twice and padded reads as people wrote it.
#[test]
fn a_blogger_rss_feed_imports_and_the_blogs_language_and_names_are_read() {
    let site = TestSite::new();
    site.write(
        "feed.xml",
        "<?xml version='1.0' encoding='UTF-8'?><rss xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:blogger=\"http://schemas.google.com/blogger/2008\" version=\"2.0\"><channel><atom:id>tag:blogger.com,1999:blog-88</atom:id><title>Belajar</title><link>http://warga.blogspot.com/</link>\
<item><guid isPermaLink=\"false\">tag:blogger.com,1999:blog-88.post-46</guid><pubDate>Fri, 09 May 2008 17:45:00 +0000</pubDate><atom:updated>2008-05-09T07:50:31.960-07:00</atom:updated><category domain=\"http://www.blogger.com/atom/ns#\">definisi</category><title>Posting pertama</title><description>Pelajaran pertama.&lt;br /&gt;&lt;br /&gt;Kedua.</description><link>http://warga.blogspot.com/2008/05/posting-pertama.html</link><author>noreply@blogger.com (Wong Udik)</author></item></channel></rss>\n",
    );
    let o = site.cerita(&["import", "blogger", "feed.xml"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("public feed"), "{}", stdout(&o));
    let story =
        std::fs::read_to_string(site.path("content/stories/2008/posting-pertama.md")).unwrap();
    for part in [
        "title: \"Posting pertama\"",
        "date: 2008-05-09T17:45:00Z",
        "authors: [\"Wong Udik\"]",
        "tags: [\"definisi\"]",
        "\"/2008/05/posting-pertama.html\"",
        "Pelajaran pertama.\n\nKedua.",
    ] {
        assert!(story.contains(part), "{part:?} not in\n{story}");
    }
    site.build_ok(&[]);

    let backup = "<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom'><id>tag:blogger.com,1999:blog-1.archive</id>\
<entry><id>tag:blogger.com,1999:blog-1.settings.BLOG_LOCALE</id>\
<category scheme='http://schemas.google.com/g/2005#kind' term='http://schemas.google.com/blogger/2008/kind#settings'/>\
<content type='text'>en</content></entry>\
<entry><id>tag:blogger.com,1999:blog-1.post-9</id><published>2019-07-28T19:00:00.000+07:00</published>\
<category scheme='http://schemas.google.com/g/2005#kind' term='http://schemas.google.com/blogger/2008/kind#post'/>\
<title type='text'>Meeting</title><content type='html'>Twenty came.</content><author><name>Nilceia          &amp;amp; Projetos</name></author>\
<link rel='alternate' type='text/html' href='http://warga.blogspot.com/2019/07/meeting.html'/></entry></feed>\n";
    let site = TestSite::new();
    site.write("blogger.xml", backup);
    let o = site.cerita(&["import", "blogger", "blogger.xml"]);
    assert!(
        stdout(&o).contains("the export's language setting is `en` where the site's is `id`"),
        "{}",
        stdout(&o)
    );
    let story = std::fs::read_to_string(site.path("content/stories/2019/meeting.md")).unwrap();
    assert!(
        story.contains("authors: [\"Nilceia & Projetos\"]"),
        "{story}"
    );
    // On a site in English too, the posts are English.
    let site = TestSite::empty();
    site.write(
        "cerita.yaml",
        "title: Situs\nbase_url: https://example.org/\nlanguage: id\nlanguages: [id, en]\n",
    );
    site.write("blogger.xml", backup);
    let o = site.cerita(&["import", "blogger", "blogger.xml"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let dir = site.path("content/stories");
    let written = files_under(&dir);
    assert!(
        written.iter().any(|f| std::fs::read_to_string(dir.join(f))
            .unwrap()
            .contains("lang: en")),
        "{written:?}"
    );
}

/// Blogger's newer export (Google Takeout's `feed.atom`, the 2018 schema):
/// kinds and states as elements, the address as a file name, the "search
/// description" as the story's summary; drafts stay drafts.
#[test]
fn a_blogger_takeout_export_reads_the_newer_form() {
    let site = TestSite::new();
    site.write(
        "feed.atom",
        "<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns='http://www.w3.org/2005/Atom' xmlns:blogger='http://schemas.google.com/blogger/2018'>
  <id>tag:blogger.com,1999:blog-42</id>
  <title>Kabar Hutan</title>
  <entry>
    <id>tag:blogger.com,1999:blog-42.post-1</id>
    <blogger:type>POST</blogger:type>
    <blogger:status>LIVE</blogger:status>
    <author><name>Wulan</name></author>
    <title>Lokakarya &amp;#39;hutan adat&amp;#39; di Sintang</title>
    <content type='html'>&lt;div&gt;Dua puluh peserta.&lt;/div&gt;</content>
    <blogger:metaDescription>Ringkasan lokakarya hutan adat &lt; 30 menit.</blogger:metaDescription>
    <published>2024-06-18T01:45:55.218Z</published>
    <updated>2024-06-19T01:45:55.218Z</updated>
    <category term='Hutan Adat'/>
    <blogger:filename>/2024/06/lokakarya-hutan-adat.html</blogger:filename>
  </entry>
  <entry>
    <id>tag:blogger.com,1999:blog-42.post-2</id>
    <blogger:type>POST</blogger:type>
    <blogger:status>DRAFT</blogger:status>
    <title>Rencana patroli</title>
    <content type='html'>&lt;div&gt;Draf.&lt;/div&gt;</content>
    <blogger:filename>/2024/07/rencana-patroli.html</blogger:filename>
    <published>2024-07-04T16:52:00Z</published>
  </entry>
</feed>
",
    );
    let o = site.cerita(&["import", "blogger", "feed.atom"]);
    let report = stdout(&o);
    assert!(o.status.success(), "{report}\n{}", stderr(&o));
    let story =
        std::fs::read_to_string(site.path("content/stories/2024/lokakarya-hutan-adat.md")).unwrap();
    for part in [
        "title: \"Lokakarya 'hutan adat' di Sintang\"",
        "summary: \"Ringkasan lokakarya hutan adat < 30 menit.\"",
        "authors: [\"Wulan\"]",
        "  - \"/2024/06/lokakarya-hutan-adat.html\"",
        "Dua puluh peserta.",
    ] {
        assert!(story.contains(part), "{part:?} not in:\n{story}");
    }
    let draft =
        std::fs::read_to_string(site.path("content/stories/2024/rencana-patroli.md")).unwrap();
    assert!(draft.contains("draft: true"), "{draft}");
    site.build_ok(&[]);
    let doc = site.html("stories/lokakarya-hutan-adat/index.html");
    assert_eq!(
        attrs(&doc, "meta[name=description]", "content"),
        ["Ringkasan lokakarya hutan adat < 30 menit."]
    );
}

/// A WordPress site in two languages with Polylang: each post's language
/// and its translations are terms of the post. Both are imported into a
/// site that publishes both: each post in its language (the English one
/// named `x.en.md`), a pair of translations joined by their group, a post
/// in a language the site does not publish kept in the export's, with a
/// warning.
#[test]
fn polylang_posts_keep_their_language_and_their_translations() {
    let site = TestSite::new();
    site.write(
        "cerita.yaml",
        "title: Serikat Pesisir\nbase_url: https://example.org/\nlanguage: id\nlanguages:\n  en: { title: \"Coastal Union\" }\n",
    );
    let item = |id: u32, title: &str, slug: &str, lang: (&str, &str), group: &str, link: &str| {
        format!(
            "<item><title>{title}</title><link>https://lama.example.org{link}</link><dc:creator><![CDATA[rina]]></dc:creator>\
<content:encoded><![CDATA[<p>{title}.</p>]]></content:encoded><wp:post_id>{id}</wp:post_id>\
<wp:post_date><![CDATA[2022-03-0{id} 09:00:00]]></wp:post_date><wp:post_date_gmt><![CDATA[2022-03-0{id} 02:00:00]]></wp:post_date_gmt>\
<wp:post_name><![CDATA[{slug}]]></wp:post_name><wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type>\
<category domain=\"category\" nicename=\"pelatihan\"><![CDATA[Pelatihan]]></category>\
<category domain=\"language\" nicename=\"{}\"><![CDATA[{}]]></category>{group}</item>\n",
            lang.0, lang.1
        )
    };
    let group = "<category domain=\"post_translations\" nicename=\"pll_63f1a2b4c5d6e\"><![CDATA[pll_63f1a2b4c5d6e]]></category>";
    let export = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<rss version=\"2.0\" xmlns:excerpt=\"http://wordpress.org/export/1.2/excerpt/\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:wp=\"http://wordpress.org/export/1.2/\">\n<channel><title>Serikat Pesisir</title><link>https://lama.example.org</link><language>id-ID</language><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://lama.example.org</wp:base_site_url>\n{}{}{}{}</channel></rss>\n",
        item(
            1,
            "Pelatihan paralegal",
            "pelatihan-paralegal",
            ("id", "Bahasa Indonesia"),
            group,
            "/2022/03/01/pelatihan-paralegal/"
        ),
        item(
            2,
            "Paralegal training",
            "paralegal-training",
            ("en", "English"),
            group,
            "/en/2022/03/02/paralegal-training/"
        ),
        item(
            3,
            "Berita desa",
            "berita-desa",
            ("id", "Bahasa Indonesia"),
            "",
            "/2022/03/03/berita-desa/"
        ),
        item(
            4,
            "Formation juridique",
            "formation",
            ("fr", "Français"),
            "",
            "/fr/2022/03/04/formation/"
        ),
    );
    site.write("export.xml", &export);
    let o = site.cerita(&["import", "wordpress", "export.xml"]);
    let report = stdout(&o);
    assert!(o.status.success(), "{report}\n{}", stderr(&o));
    assert!(
        report.contains("1 post(s) are in `fr` (Polylang), which the site does not publish"),
        "{report}"
    );
    let id =
        std::fs::read_to_string(site.path("content/stories/2022/pelatihan-paralegal.md")).unwrap();
    let en = std::fs::read_to_string(site.path("content/stories/2022/paralegal-training.en.md"))
        .unwrap();
    for (text, lang) in [(&id, "id"), (&en, "en")] {
        assert!(text.contains(&format!("lang: {lang}\n")), "{text}");
        assert!(
            text.contains("translation_key: \"pll_63f1a2b4c5d6e\""),
            "{text}"
        );
    }
    let fr = std::fs::read_to_string(site.path("content/stories/2022/formation.md")).unwrap();
    assert!(
        fr.contains("lang: id\n") && !fr.contains("translation_key"),
        "{fr}"
    );
    site.build_ok(&[]);
    // The two are one story's translations: each names the other.
    let doc = site.html("stories/pelatihan-paralegal/index.html");
    assert!(
        attrs(&doc, "link[rel=alternate][hreflang=en]", "href")
            .contains(&"https://example.org/en/stories/paralegal-training/".to_string()),
        "{:?}",
        attrs(&doc, "link[rel=alternate]", "href")
    );
    let doc = site.html("en/stories/paralegal-training/index.html");
    assert_eq!(attrs(&doc, "html", "lang"), ["en"]);
    assert!(
        attrs(&doc, "link[rel=alternate][hreflang=id]", "href")
            .contains(&"https://example.org/stories/pelatihan-paralegal/".to_string())
    );
    // Its old address under `/en/` still leads to it.
    assert!(
        site.out("en/2022/03/02/paralegal-training/index.html")
            .is_file()
    );
    assert!(site.out("stories/berita-desa/index.html").is_file());

    // The site declares French, as the warning says, and imports again:
    // the French post's earlier file (`formation.md`, same old addresses)
    // is kept without --force, and replaced by `formation.fr.md` with it;
    // never both, which would stop the build with duplicate aliases.
    site.write(
        "cerita.yaml",
        "title: Serikat Pesisir\nbase_url: https://example.org/\nlanguage: id\nlanguages:\n  en: { title: \"Coastal Union\" }\n  fr: { title: \"Syndicat côtier\" }\n",
    );
    let fr_file = site.path("content/stories/2022/formation.fr.md");
    let o = site.cerita(&["import", "wordpress", "export.xml"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!fr_file.exists());
    assert!(
        stdout(&o).contains("content/stories/2022/formation.md"),
        "{}",
        stdout(&o)
    );
    site.build_ok(&[]);
    // A writer's own copy elsewhere, with the same old address, is theirs.
    site.write(
        "content/pages/formation-archive.md",
        "---\ntitle: Archive\naliases: [\"/?p=4\"]\n---\nCopy.\n",
    );
    let o = site.cerita(&["import", "wordpress", "export.xml", "--force"]);
    let report = stdout(&o);
    assert!(o.status.success(), "{report}\n{}", stderr(&o));
    assert!(
        report.contains("content/stories/2022/formation.md → content/stories/2022/formation.fr.md"),
        "{report}"
    );
    assert!(!site.path("content/stories/2022/formation.md").exists());
    // Moved aside, not deleted; the writer's copy is left alone.
    assert!(
        site.path(".cerita-cache/replaced/content/stories/2022/formation.md")
            .is_file()
    );
    assert!(site.path("content/pages/formation-archive.md").is_file());
    std::fs::remove_file(site.path("content/pages/formation-archive.md")).unwrap();
    let fr = std::fs::read_to_string(&fr_file).unwrap();
    assert!(fr.contains("lang: fr\n"), "{fr}");
    site.build_ok(&[]);
    let doc = site.html("fr/stories/formation/index.html");
    assert_eq!(attrs(&doc, "html", "lang"), ["fr"]);
    assert!(site.out("fr/2022/03/04/formation/index.html").is_file());
}

/// A post type of the site's own (`kegiatan`) holds stories too: with
/// `--post-type` its items are imported as stories, old address and all.
#[test]
fn a_post_type_of_the_sites_own_is_imported_as_stories_when_asked() {
    let site = site();
    let out = import(&site, &["--post-type", "kegiatan"]);
    let report = stdout(&out);
    assert!(report.contains("1 kegiatan items (as stories)"), "{report}");
    assert!(!report.contains("not imported: to import them"), "{report}");
    let story =
        std::fs::read_to_string(site.path("content/stories/2021/sekolah-lapang.md")).unwrap();
    for part in [
        "title: \"Kegiatan: Sekolah Lapang Nelayan\"",
        "  - \"/kegiatan/sekolah-lapang/\"",
        // Its own taxonomy's terms are tags; its post format is not.
        "tags: [\"Sekolah Lapang\"]",
        "Sekolah lapang untuk nelayan perempuan.",
    ] {
        assert!(story.contains(part), "{part:?} not in:\n{story}");
    }
    site.build_ok(&[]);
    assert!(site.out("stories/sekolah-lapang/index.html").is_file());
    assert!(site.out("kegiatan/sekolah-lapang/index.html").is_file());
}

/// WPML's "Export and Import" add-on writes each post's language and
/// translation group as fields: read as Polylang's terms are.
#[test]
fn wpml_posts_keep_their_language_and_their_translations() {
    let site = TestSite::new();
    site.write(
        "cerita.yaml",
        "title: Serikat Pesisir\nbase_url: https://example.org/\nlanguage: id\nlanguages:\n  en: { title: \"Coastal Union\" }\n",
    );
    let item = |id: u32, title: &str, slug: &str, lang: &str| {
        format!(
            "<item><title>{title}</title><link>https://lama.example.org/{slug}/</link>\
<content:encoded><![CDATA[<p>{title}.</p>]]></content:encoded><wp:post_id>{id}</wp:post_id>\
<wp:post_date><![CDATA[2022-03-0{id} 09:00:00]]></wp:post_date><wp:post_date_gmt><![CDATA[2022-03-0{id} 02:00:00]]></wp:post_date_gmt>\
<wp:post_name><![CDATA[{slug}]]></wp:post_name><wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type>\
<wp:postmeta><wp:meta_key><![CDATA[_wpml_import_language_code]]></wp:meta_key><wp:meta_value><![CDATA[{lang}]]></wp:meta_value></wp:postmeta>\
<wp:postmeta><wp:meta_key><![CDATA[_wpml_import_translation_group]]></wp:meta_key><wp:meta_value><![CDATA[77]]></wp:meta_value></wp:postmeta></item>\n"
        )
    };
    let export = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<rss version=\"2.0\" xmlns:excerpt=\"http://wordpress.org/export/1.2/excerpt/\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:wp=\"http://wordpress.org/export/1.2/\">\n<channel><title>Serikat Pesisir</title><link>https://lama.example.org</link><wp:wxr_version>1.2</wp:wxr_version>\n{}{}</channel></rss>\n",
        item(1, "Pelatihan paralegal", "pelatihan-paralegal", "id"),
        item(2, "Paralegal training", "paralegal-training", "en"),
    );
    site.write("export.xml", &export);
    let o = site.cerita(&["import", "wordpress", "export.xml"]);
    assert!(o.status.success(), "{}\n{}", stdout(&o), stderr(&o));
    let en = std::fs::read_to_string(site.path("content/stories/2022/paralegal-training.en.md"))
        .unwrap();
    assert!(
        en.contains("lang: en\n") && en.contains("translation_key: \"77\""),
        "{en}"
    );
    site.build_ok(&[]);
    let doc = site.html("en/stories/paralegal-training/index.html");
    assert!(
        attrs(&doc, "link[rel=alternate][hreflang=id]", "href")
            .contains(&"https://example.org/stories/pelatihan-paralegal/".to_string())
    );
}

/// A page that was only a form (Jetpack's block, or the classic editor's
/// `[contact-form]` shortcode with its fields) is named in the report with
/// what was left out, instead of arriving empty without a word or showing
/// the shortcode as text; with nothing left to read, it is written as a
/// draft and listed; the site still builds.
#[test]
fn a_page_of_a_form_drawn_by_the_old_site_is_reported() {
    let body = "<!-- wp:jetpack/contact-form {\"subject\":\"Daftar\"} -->\n<!-- wp:jetpack/field-name {\"required\":true} /-->\n\n<!-- wp:jetpack/field-email {\"required\":true} /-->\n<!-- /wp:jetpack/contact-form -->";
    let page = |id: u32, title: &str, slug: &str, body: &str| {
        format!(
            "<item><title>{title}</title><link>https://lama.example.org/{slug}/</link><content:encoded><![CDATA[{body}]]></content:encoded><wp:post_id>{id}</wp:post_id><wp:post_date_gmt><![CDATA[2022-02-01 01:00:00]]></wp:post_date_gmt><wp:post_name><![CDATA[{slug}]]></wp:post_name><wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[page]]></wp:post_type></item>\n"
        )
    };
    let items = page(97, "Daftar relawan", "daftar-relawan", body)
        + &page(
            98,
            "Kontak",
            "kontak",
            "[contact-form][contact-field label=\"Nama\" type=\"name\" required=\"1\"/][contact-field label=\"Pesan\" type=\"textarea\"/][/contact-form]",
        );
    let site = site();
    site.write(
        "export.xml",
        &export().replace("</channel>", &format!("{items}</channel>")),
    );
    let report = stdout(&import(&site, &[]));
    assert!(
        report.contains("blocks left out")
            && report.contains("<!-- wp:jetpack/contact-form --> in \"Daftar relawan\""),
        "{report}"
    );
    assert!(!report.contains("field-name"), "{report}");
    assert!(report.contains("[contact-form] in \"Kontak\""), "{report}");
    assert!(!report.contains("contact-field"), "{report}");
    assert!(
        report.contains("nothing left to read")
            && report.contains("\"Daftar relawan\"")
            && report.contains("\"Kontak\""),
        "{report}"
    );
    let kontak = std::fs::read_to_string(site.path("content/pages/kontak.md")).unwrap();
    assert!(
        kontak.contains("draft: true\n") && !kontak.contains("contact"),
        "{kontak}"
    );
    site.build_ok(&[]);
    assert!(!site.out("kontak/index.html").exists());
}

/// A Blogger export into a site on Jakarta's clock: a date Blogger wrote
/// in UTC is that day in Jakarta (00:30 on New Year's Day is no New Year's
/// Eve); two untitled posts, both `blog-post.html` in different years, get
/// two addresses so the site builds; a deleted profile ("Unknown") is no
/// author; a post in the blog's trash is not imported; a link to a post
/// under the blog's Indonesian address (`.blogspot.co.id`, `?m=1`) leads
/// to the imported file.
#[test]
fn a_blogger_export_is_placed_on_the_sites_clock_and_named_once() {
    let site = TestSite::new();
    site.write(
        "cerita.yaml",
        "title: Kabar Hutan\nbase_url: https://example.org/\nlanguage: id\ntime_zone: Asia/Jakarta\n",
    );
    let entry =
        |id: u32, title: &str, author: &str, status: &str, body: &str, at: &str, file: &str| {
            format!(
                "  <entry>
    <id>tag:blogger.com,1999:blog-42.post-{id}</id>
    <blogger:type>POST</blogger:type>
    <blogger:status>{status}</blogger:status>
    <author><name>{author}</name></author>
    <title>{title}</title>
    <content type='html'>{body}</content>
    <published>{at}</published>
    <link rel='alternate' type='text/html' href='https://kabarhutan.blogspot.com{file}'/>
    <blogger:filename>{file}</blogger:filename>
  </entry>
"
            )
        };
    let feed = format!(
        "<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns='http://www.w3.org/2005/Atom' xmlns:blogger='http://schemas.google.com/blogger/2018'>
  <id>tag:blogger.com,1999:blog-42</id>
  <title>Kabar Hutan</title>
{}{}{}{}{}</feed>
",
        entry(
            1,
            "Malam tahun baru",
            "Wulan",
            "LIVE",
            "&lt;p&gt;Kembang api.&lt;/p&gt;",
            "2019-12-31T17:30:00Z",
            "/2020/01/malam-tahun-baru.html"
        ),
        entry(
            2,
            "",
            "Unknown",
            "LIVE",
            "&lt;p&gt;Catatan pertama.&lt;/p&gt;",
            "2019-03-01T03:00:00Z",
            "/2019/03/blog-post.html"
        ),
        entry(
            3,
            "",
            "Wulan",
            "LIVE",
            "&lt;p&gt;Catatan kedua.&lt;/p&gt;",
            "2021-03-01T03:00:00Z",
            "/2021/03/blog-post.html"
        ),
        entry(
            4,
            "Sampah",
            "Wulan",
            "SOFT_TRASHED",
            "&lt;p&gt;Dibuang.&lt;/p&gt;",
            "2021-04-01T03:00:00Z",
            "/2021/04/sampah.html"
        ),
        entry(
            5,
            "Tautan",
            "Wulan",
            "LIVE",
            "&lt;p&gt;Lihat &lt;a href=\"http://kabarhutan.blogspot.co.id/2020/01/malam-tahun-baru.html?m=1\"&gt;malam itu&lt;/a&gt;.&lt;/p&gt;",
            "2021-05-01T03:00:00Z",
            "/2021/05/tautan.html"
        ),
    );
    site.write("feed.atom", &feed);
    let o = site.cerita(&["import", "blogger", "feed.atom"]);
    assert!(o.status.success(), "{}\n{}", stdout(&o), stderr(&o));
    // An untitled post is named by its old address (Blogger gives no id).
    assert!(
        stdout(&o).contains("post /2019/03/blog-post.html has no title"),
        "{}",
        stdout(&o)
    );
    let new_year =
        std::fs::read_to_string(site.path("content/stories/2020/malam-tahun-baru.md")).unwrap();
    assert!(
        new_year.contains("date: 2020-01-01T00:30:00+07:00\n"),
        "{new_year}"
    );
    let first = std::fs::read_to_string(site.path("content/stories/2021/blog-post.md"))
        .or_else(|_| std::fs::read_to_string(site.path("content/stories/2021/blog-post-2.md")))
        .unwrap();
    assert!(first.contains("Catatan kedua."), "{first}");
    let untitled: Vec<_> = [
        "2019/blog-post.md",
        "2019/blog-post-2.md",
        "2021/blog-post.md",
        "2021/blog-post-2.md",
    ]
    .into_iter()
    .filter(|f| site.path(&format!("content/stories/{f}")).exists())
    .collect();
    assert_eq!(untitled.len(), 2, "{untitled:?}");
    let unknown: String = untitled
        .iter()
        .map(|f| std::fs::read_to_string(site.path(&format!("content/stories/{f}"))).unwrap())
        .collect();
    assert_eq!(unknown.matches("authors:").count(), 1, "{unknown}");
    assert!(!unknown.contains("Unknown"), "{unknown}");
    assert!(!site.path("content/stories/2021/sampah.md").exists());
    let link = std::fs::read_to_string(site.path("content/stories/2021/tautan.md")).unwrap();
    assert!(
        link.contains("[malam itu](@/stories/2020/malam-tahun-baru.md)"),
        "{link}"
    );
    site.build_ok(&[]);
    let doc = site.html("stories/malam-tahun-baru/index.html");
    assert_eq!(attrs(&doc, ".story-meta time", "datetime")[0], "2020-01-01");
}

/// WordPress in a folder of its site (`/wordpress`) answered `/?p=12` and
/// `/?page_id=40` there: the aliases keep the folder, as the permalinks'
/// do. A photo the post shows at WordPress's medium size comes from its
/// original in the uploads, not the 300-px copy.
#[test]
fn a_blog_in_a_folder_keeps_it_in_its_short_links() {
    let site = TestSite::new();
    let export = "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:wp=\"http://wordpress.org/export/1.2/\">\n<channel><title>Desa</title><link>https://desa.example/wordpress</link><language>id-ID</language><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://desa.example/wordpress</wp:base_site_url><wp:base_blog_url>https://desa.example/wordpress</wp:base_blog_url>\n\
<item><title>Profil Desa</title><link>https://desa.example/wordpress/index.php/profil/</link><dc:creator>admin</dc:creator><content:encoded><![CDATA[<p>Desa kami.</p>]]></content:encoded><wp:post_id>40</wp:post_id><wp:post_date>2021-01-01 09:00:00</wp:post_date><wp:post_date_gmt>2021-01-01 02:00:00</wp:post_date_gmt><wp:post_name>profil</wp:post_name><wp:status>publish</wp:status><wp:post_type>page</wp:post_type></item>\n\
<item><title>Tradisi Nyangku</title><link>https://desa.example/wordpress/index.php/2021/02/01/nyangku/</link><dc:creator>admin</dc:creator><content:encoded><![CDATA[<p>Upacara.</p><p><img src=\"https://desa.example/wordpress/wp-content/uploads/2021/02/nyangku-300x200.jpg\" alt=\"Arak-arakan\"></p>]]></content:encoded><wp:post_id>12</wp:post_id><wp:post_date>2021-02-01 09:00:00</wp:post_date><wp:post_date_gmt>2021-02-01 02:00:00</wp:post_date_gmt><wp:post_name>nyangku</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>\n\
</channel></rss>\n";
    site.write("export.xml", export);
    site.write_bytes("uploads/2021/02/nyangku.jpg", &jpeg(900, 600));
    site.write_bytes("uploads/2021/02/nyangku-300x200.jpg", &jpeg(300, 200));
    import(&site, &[]);
    let page = std::fs::read_to_string(site.path("content/pages/profil.md")).unwrap();
    assert!(page.contains("  - \"/wordpress/?page_id=40\""), "{page}");
    let story = std::fs::read_to_string(site.path("content/stories/2021/nyangku.md")).unwrap();
    assert!(story.contains("  - \"/wordpress/?p=12\""), "{story}");
    assert!(
        story.contains("![Arak-arakan](nyangku/nyangku.jpg)"),
        "{story}"
    );
    site.build_ok(&[]);
    let rules = site.read_out("_redirects");
    assert!(
        rules.contains("/wordpress/ page_id=40 /profil/ 301"),
        "{rules}"
    );
}

/// A Blogger blog's public feed (`/feeds/posts/default?max-results=500`,
/// all a writer without the blog's login can get) imports as its posts,
/// with a warning that drafts, comments and posts past the 500th are not
/// in it; its HTML is as the blog showed it, line wraps and all.
#[test]
fn a_blogger_public_feed_imports_its_posts_with_a_warning() {
    let site = TestSite::new();
    site.write(
        "feed.xml",
        "<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom'><id>tag:blogger.com,1999:blog-77</id>\
<link rel='alternate' type='text/html' href='https://warga.blogspot.com/'/><generator version='7.00' uri='http://www.blogger.com'>Blogger</generator>\
<entry><id>tag:blogger.com,1999:blog-77.post-1</id><published>2024-03-01T10:00:00.000+07:00</published><updated>2024-03-01T10:00:00.000+07:00</updated>\
<category scheme='http://www.blogger.com/atom/ns#' term='Kegiatan'/><title type='text'>Kerja bakti</title>\
<content type='html'>&lt;p&gt;Warga RT 05\nmembersihkan selokan.&lt;/p&gt;</content>\
<link rel='alternate' type='text/html' href='https://warga.blogspot.com/2024/03/kerja-bakti.html' title='Kerja bakti'/><author><name>Unknown</name></author></entry></feed>\n",
    );
    let o = site.cerita(&["import", "blogger", "feed.xml"]);
    let report = stdout(&o);
    assert!(o.status.success(), "{report}\n{}", stderr(&o));
    assert!(
        report.contains("this is the blog's public feed, not its backup"),
        "{report}"
    );
    let story = std::fs::read_to_string(site.path("content/stories/2024/kerja-bakti.md")).unwrap();
    assert!(
        story.contains("Warga RT 05 membersihkan selokan."),
        "{story}"
    );
    assert!(
        story.contains("tags: [\"Kegiatan\"]") && !story.contains("authors"),
        "{story}"
    );
    site.build_ok(&[]);
    assert!(site.out("2024/03/kerja-bakti.html").is_file());
}

/// The byline Co-Authors Plus gives a post (`<category domain="author">`)
/// names its writers, by their display names, a guest author's slug as
/// words; not the account that published it. A video's iframe title
/// names the video.
#[test]
fn a_posts_byline_names_its_writers() {
    let site = TestSite::new();
    let export = "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:wp=\"http://wordpress.org/export/1.2/\">\n<channel><title>Desa</title><link>https://desa.example</link><language>id-ID</language><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://desa.example</wp:base_site_url>\n\
<wp:author><wp:author_login><![CDATA[rina]]></wp:author_login><wp:author_display_name><![CDATA[Rina Wulandari]]></wp:author_display_name></wp:author>\n\
<item><title>Webinar</title><link>https://desa.example/webinar/</link><dc:creator>admin</dc:creator><content:encoded><![CDATA[<p>Rekaman:</p><iframe src=\"https://www.youtube.com/embed/hYUFnSAYISA\" title=\"Webinar Hak Pekerja\"></iframe>]]></content:encoded><wp:post_id>7</wp:post_id><wp:post_date>2024-02-01 09:00:00</wp:post_date><wp:post_date_gmt>2024-02-01 02:00:00</wp:post_date_gmt><wp:post_name>webinar</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>\
<category domain=\"author\" nicename=\"cap-rina\"><![CDATA[rina]]></category><category domain=\"author\" nicename=\"cap-siti-aminah\"><![CDATA[siti-aminah]]></category></item>\n\
</channel></rss>\n";
    site.write("export.xml", export);
    import(&site, &[]);
    let story = std::fs::read_to_string(site.path("content/stories/2024/webinar.md")).unwrap();
    assert!(
        story.contains("authors: [\"Rina Wulandari\", \"Siti Aminah\"]"),
        "{story}"
    );
    assert!(story.contains("title=\"Webinar Hak Pekerja\""), "{story}");
    site.build_ok(&[]);
    assert!(site.out("authors/siti-aminah/index.html").is_file());
}
