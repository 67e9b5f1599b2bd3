//! Content written for other generators (Hugo, Jekyll, a WordPress export)
//! builds: their front-matter names and dates, GitHub's heading ids, one
//! warning per foreign field, root-relative files the host may serve.

use crate::support::*;

#[test]
fn hugo_and_jekyll_front_matter_builds() {
    let site = TestSite::new();
    for (i, name) in ["a", "b", "c"].iter().enumerate() {
        site.write(
            &format!("content/stories/{name}.md"),
            &format!(
                "---\ntitle: \"Cerita {name}\"\ndate: 2021-04-1{i} 09:00:00 +0700\ndescription: \"Ringkasan {name}\"\ntags: [pelatihan]\ncategories: [Advokasi, Pelatihan]\nlayout: post\n---\n## What does my company's legal team need to know?\n\nLihat [bagian itu](#what-does-my-companys-legal-team-need-to-know) dan [TL;DR](#tldr).\n\n## TL;DR\n\nIsi.\n"
            ),
        );
    }
    let out = site.build_ok(&[]);
    let err = stderr(&out);
    // One line for the foreign field, with the files counted.
    assert_eq!(err.matches("unknown field `layout`").count(), 1, "{err}");
    assert!(err.contains("3 files have it"), "{err}");
    let doc = site.html("stories/a/index.html");
    assert_eq!(
        attrs(&doc, "h2[id]", "id"),
        ["what-does-my-companys-legal-team-need-to-know", "tldr"]
    );
    assert_eq!(
        attrs(&doc, "meta[name=description]", "content"),
        ["Ringkasan a"]
    );
    let tags = texts(&doc, "a[href*='/tags/']");
    assert!(tags.iter().any(|t| t == "Advokasi"), "{tags:?}");
    // `Pelatihan` is `pelatihan` already: one tag.
    assert_eq!(
        tags.iter()
            .filter(|t| t.eq_ignore_ascii_case("pelatihan"))
            .count(),
        1,
        "{tags:?}"
    );
    let feed = site.read_out("atom.xml");
    assert!(feed.contains("2021-04-10T09:00:00+07:00"), "{feed}");
}

#[test]
fn root_relative_files_the_site_lacks_are_warnings_relative_ones_errors() {
    let site = TestSite::new();
    site.story(
        "a.md",
        "A",
        "date: 2021-01-01\n",
        "![Peta](/wp-content/uploads/peta.png)\n\n[Laporan](/files/laporan.pdf)\n",
    );
    site.build_ok(&[]);
    let check = site.cerita(&["check"]);
    let err = stderr(&check);
    assert!(check.status.success(), "{err}");
    assert!(
        err.contains("content/stories/a.md:5:")
            && err
                .contains("`/wp-content/uploads/peta.png` goes to a file this site does not have"),
        "{err}"
    );
    assert!(err.contains("/files/laporan.pdf"), "{err}");
    // A cover at an address on the site (a Hugo site's `static/` file) is
    // shown from there, like the text's photos.
    site.write_bytes("static/commons/poster.png", &png(60, 40));
    site.story(
        "c.md",
        "C",
        "date: 2021-01-03\nimage: /commons/poster.png\nimage_alt: Poster\n",
        "Isi.\n",
    );
    site.build_ok(&[]);
    let doc = site.html("stories/c/index.html");
    assert_eq!(
        attrs(&doc, "img.story-image", "src"),
        ["/commons/poster.png"]
    );
    assert!(site.out("commons/poster.png").is_file());
    // A relative image that is missing is still an error.
    site.story("b.md", "B", "date: 2021-01-02\n", "![Peta](peta.png)\n");
    let out = site.cerita(&["build"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("image not found: `peta.png`"));
}

/// A blog moved in from another generator keeps its posts in `posts/` or
/// `blog/`: one warning for the folder (not one per file), saying to
/// rename it; a lone file elsewhere gets its own warning.
#[test]
fn posts_left_in_another_generators_folder_are_one_warning_per_folder() {
    let site = TestSite::new();
    for i in 0..40 {
        site.write(
            &format!("content/posts/post-{i:02}.md"),
            &format!("---\ntitle: Post {i}\n---\nIsi.\n"),
        );
    }
    site.write("content/about.md", "---\ntitle: Tentang\n---\nIsi.\n");
    let o = site.build_ok(&[]);
    let err = stderr(&o);
    assert_eq!(err.matches("warning:").count(), 2, "{err}");
    assert!(
        err.contains("content/posts: warning: 40 Markdown files outside `stories/`, `partners/` and `pages/` are not published: post-00.md, post-01.md, post-02.md and 37 more"),
        "{err}"
    );
    assert!(
        err.contains("hint: stories go in `content/stories/`: rename the folder (`mv content/posts content/stories`)"),
        "{err}"
    );
    assert!(
        err.contains("content/about.md: warning: Markdown file outside"),
        "{err}"
    );
}

/// Zola's and Hugo's TOML front matter (`+++`): its fields read as YAML's,
/// Zola's `[taxonomies]` as tags, Hugo's `lastmod` and Jekyll's
/// `last_modified_at` as `updated`; a TOML mistake at its line.
#[test]
fn toml_front_matter_and_other_generators_update_dates_build() {
    let site = TestSite::new();
    site.write(
        "content/stories/zola.md",
        "+++\ntitle = \"Catatan Zola\"\ndate = 2023-09-12\nupdated = 2024-01-05\ndescription = \"Ringkasan Zola\"\n\n[taxonomies]\ntags = [\"markdown\", \"zola\"]\n\n[extra]\ntoc = true\n+++\nIsi cerita.\n",
    );
    site.write(
        "content/stories/hugo.md",
        "+++\ntitle = \"Catatan Hugo\"\ndate = 2023-09-10T09:00:00+07:00\nlastmod = 2023-10-01\ncategories = [\"Pelatihan\"]\n+++\nIsi.\n",
    );
    site.write(
        "content/stories/jekyll.md",
        "---\ntitle: Catatan Jekyll\ndate: 2023-09-11\nlast_modified_at: 2023-12-24\nexcerpt: Ringkasan Jekyll\n---\nIsi.\n",
    );
    let out = site.build_ok(&[]);
    let err = stderr(&out);
    assert!(!err.contains("unknown field"), "{err}");
    let doc = site.html("stories/zola/index.html");
    assert_eq!(
        attrs(&doc, "meta[name=description]", "content"),
        ["Ringkasan Zola"]
    );
    let tags = texts(&doc, ".story-foot a[href*='/tags/']");
    assert_eq!(tags, ["markdown", "zola"]);
    assert_eq!(
        attrs(&doc, "meta[property='article:modified_time']", "content"),
        ["2024-01-05T00:00:00Z"]
    );
    let doc = site.html("stories/hugo/index.html");
    assert_eq!(
        attrs(&doc, "meta[property='article:modified_time']", "content"),
        ["2023-10-01T00:00:00Z"]
    );
    assert_eq!(texts(&doc, ".story-foot a[href*='/tags/']"), ["Pelatihan"]);
    let doc = site.html("stories/jekyll/index.html");
    assert_eq!(
        attrs(&doc, "meta[property='article:modified_time']", "content"),
        ["2023-12-24T00:00:00Z"]
    );
    assert_eq!(
        attrs(&doc, "meta[name=description]", "content"),
        ["Ringkasan Jekyll"]
    );

    site.write(
        "content/stories/zola.md",
        "+++\ntitle = \"Catatan Zola\"\ndate = 2023-09-12\ntags = [\"a\",\n+++\nIsi.\n",
    );
    let err = site.build_fails();
    assert!(
        err.contains("content/stories/zola.md:") && err.contains("error: invalid front matter"),
        "{err}"
    );
    assert!(err.contains("between `+++` lines is TOML"), "{err}");
}

/// Hugo's and Zola's page bundles (`blog/rapat/index.md` with its photos,
/// `index.id.md` beside it) are named by their folder; a section's
/// `_index.md` is not a story, and says so.
#[test]
fn page_bundles_are_named_by_their_folder_and_section_files_are_left_out() {
    let site = TestSite::new();
    site.write(
        "content/stories/blog/rapat-warga/index.md",
        "---\ntitle: Rapat warga\ndate: 2023-01-02\n---\nIsi.\n",
    );
    site.write(
        "content/stories/blog/pelatihan/index.md",
        "---\ntitle: Pelatihan\ndate: 2023-01-03\n---\nIsi.\n",
    );
    site.write(
        "content/stories/blog/_index.md",
        "---\ntitle: Blog\n---\nDaftar tulisan.\n",
    );
    let o = site.build_ok(&[]);
    let err = stderr(&o);
    assert!(site.out("stories/rapat-warga/index.html").is_file());
    assert!(site.out("stories/pelatihan/index.html").is_file());
    assert!(!site.out("stories/index/index.html").exists());
    // A year's folder is no bundle: its `index.md` keeps its name.
    site.write(
        "content/stories/2021/index.md",
        "---\ntitle: Indeks\ndate: 2021-01-02\n---\nIsi.\n",
    );
    site.build_ok(&[]);
    assert!(site.out("stories/index/index.html").is_file());
    assert!(
        err.contains(
            "content/stories/blog/_index.md: warning: `_index.md` is a section page of Hugo or Zola"
        ),
        "{err}"
    );
    let home = site.html("index.html");
    assert!(!texts(&home, ".card-title").iter().any(|t| t == "Blog"));
}

/// A video player pasted as HTML (as Jekyll and Hugo posts embed YouTube)
/// is removed by the sanitiser: a warning at its line says how to show the
/// recording instead; with `html: trusted` it stays, unwarned.
#[test]
fn a_pasted_video_player_is_a_warning_that_names_the_video_shortcode() {
    let site = TestSite::new();
    site.story(
        "a.md",
        "Rekaman",
        "date: 2021-01-01\n",
        "Rekaman di bawah.\n\n<iframe width=\"560\" height=\"315\" src=\"https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ\" frameborder=\"0\" allowfullscreen></iframe>\n\n<script async src=\"https://www.instagram.com/embed.js\"></script>\n",
    );
    let o = site.build_ok(&[]);
    let err = stderr(&o);
    assert!(
        err.contains("content/stories/a.md:7:1: warning: `<iframe>` is removed from the page"),
        "{err}"
    );
    assert!(
        err.contains("{{ video(url=\"https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ\") }}"),
        "{err}"
    );
    assert!(
        err.contains("content/stories/a.md:9:1: warning: `<script>` is removed"),
        "{err}"
    );
    let html = site.read_out("stories/a/index.html");
    assert!(!html.contains("<iframe"), "{html}");
    // Not a player: a commented-out one, `<script>` in an attribute's text,
    // an address with JSON in it, a logo at a `.ai` host.
    site.story(
        "b.md",
        "Bukan",
        "date: 2021-01-02\n",
        "<!-- dulu:\n<iframe src=\"https://youtu.be/x\"></iframe>\n-->\n\n<p title=\"contoh <script> di atribut\">Teks</p>\n\n[peta](https://example.com/map?q={%22lat%22:1})\n\n![Logo](https://logo.example.ai)\n",
    );
    let o = site.build_ok(&[]);
    let err = stderr(&o);
    assert!(!err.contains("content/stories/b.md"), "{err}");
    site.write(
        "cerita.yaml",
        &format!(
            "{}markdown:\n  html: trusted\n",
            std::fs::read_to_string(site.path("cerita.yaml")).unwrap()
        ),
    );
    let o = site.build_ok(&[]);
    assert!(!stderr(&o).contains("is removed"), "{}", stderr(&o));
}

/// A Jekyll post's file name carries its date (`_posts/2010-01-07-judul.md`):
/// without `date:` the story takes it. The address is the file name's, as
/// for any story (it does not move when `date:` is added).
#[test]
fn a_jekyll_posts_date_comes_from_its_file_name() {
    let site = TestSite::new();
    site.write(
        "content/stories/2010-01-07-post-modified.md",
        "---\ntitle: Post Modified\nlast_modified_at: 2016-03-09T20:02:02-05:00\n---\nIsi.\n",
    );
    site.write(
        "content/stories/2021-04-12-rapat.md",
        "---\ntitle: Rapat\ndate: 2021-04-12\n---\nIsi.\n",
    );
    let o = site.build_ok(&[]);
    let err = stderr(&o);
    assert!(!err.contains("no `date`"), "{err}");
    let doc = site.html("stories/2010-01-07-post-modified/index.html");
    assert_eq!(
        attrs(&doc, "meta[property='article:published_time']", "content"),
        ["2010-01-07T00:00:00Z"]
    );
    assert!(site.out("stories/2021-04-12-rapat/index.html").is_file());

    // Its one-line categories and tags are split by spaces, as Jekyll
    // reads them; another file's string stays one name.
    site.write(
        "content/stories/2024-11-12-welcome-to-jekyll.md",
        "---\ntitle: Welcome\ncategories: jekyll update\ntags: [hak perempuan]\n---\nIsi.\n",
    );
    site.write(
        "content/stories/rapat-warga.md",
        "---\ntitle: Rapat warga\ndate: 2021-04-12\ntags: hak perempuan\n---\nIsi.\n",
    );
    site.build_ok(&[]);
    for tag in ["jekyll", "update", "hak-perempuan"] {
        assert!(
            site.out(&format!("tags/{tag}/index.html")).is_file(),
            "{tag}"
        );
    }
    assert!(!site.out("tags/jekyll-update/index.html").exists());
    // The other file's `tags: hak perempuan` is one tag.
    assert!(!site.out("tags/hak/index.html").exists());
    assert!(!site.out("tags/perempuan/index.html").exists());
}

/// A footnote and a heading of one name (Chirpy's demo post has `##
/// Footnote` and `[^footnote]`) keep apart: footnotes' ids are `fn-…`.
#[test]
fn footnote_ids_never_collide_with_heading_ids() {
    let site = TestSite::new();
    site.story(
        "a.md",
        "Catatan",
        "date: 2021-01-01\n",
        "## Footnote\n\nTeks[^footnote] dan[^2] lagi[^Footnote].\n\n[^footnote]: Sumber.\n[^2]: Kedua.\n",
    );
    site.build_ok(&[]);
    let check = site.cerita(&["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    let doc = site.html("stories/a/index.html");
    assert_eq!(attrs(&doc, "h2[id]", "id")[0], "footnote");
    assert_eq!(
        attrs(&doc, ".footnote-definition", "id"),
        ["fn-footnote", "fn-2"]
    );
    assert_eq!(
        attrs(&doc, ".footnote-reference a", "href"),
        ["#fn-footnote", "#fn-2", "#fn-footnote"]
    );
    assert_eq!(texts(&doc, ".footnote-reference a"), ["1", "2", "1"]);
}

/// Hugo's and Jekyll's themes name one writer `author` (a name, a list, or
/// Jekyll's `{name: …}`), or list writers with their details (`authors:`
/// `- name: …`): read as `authors`, with no warning.
#[test]
fn a_hugo_or_jekyll_author_is_one_of_the_authors() {
    let site = TestSite::new();
    site.story(
        "a.md",
        "A",
        "date: 2021-01-01\nauthor: \"PPME Den Haag\"\n",
        "Isi.\n",
    );
    site.story(
        "b.md",
        "B",
        "date: 2021-01-02\nauthor:\n  name: Wafa Wafiyaa\n  twitter: wafa\n",
        "Isi.\n",
    );
    site.story(
        "c.md",
        "C",
        "date: 2021-01-03\nauthors: [Lely Zailani]\nauthor: [Lely Zailani, Satya Pratama]\n",
        "Isi.\n",
    );
    site.story(
        "d.md",
        "D",
        "date: 2021-01-04\nauthors:\n  - name: Youngbin Han\n    bio: Ubuntu Korea\n  - name: Ahmad Haris\n",
        "Isi.\n",
    );
    let err = stderr(&site.build_ok(&[]));
    assert!(!err.contains("`author`"), "{err}");
    assert!(!err.contains("`authors`"), "{err}");
    let names = |slug: &str| {
        texts(
            &site.html(&format!("stories/{slug}/index.html")),
            "a[href*='/authors/']",
        )
    };
    assert!(
        names("a").iter().any(|n| n == "PPME Den Haag"),
        "{:?}",
        names("a")
    );
    assert!(
        names("b").iter().any(|n| n == "Wafa Wafiyaa"),
        "{:?}",
        names("b")
    );
    let c = names("c");
    assert_eq!(
        c.iter().filter(|n| *n == "Lely Zailani").count(),
        1,
        "{c:?}"
    );
    assert!(c.iter().any(|n| n == "Satya Pratama"), "{c:?}");
    assert_eq!(names("d"), ["Youngbin Han", "Ahmad Haris"]);
    assert!(site.out("authors/ppme-den-haag/index.html").exists());
}

/// A Hugo theme reads `image: "images/poster.jpg"` from the site's root: a
/// cover in `static/` is found there; one found nowhere says where it may be.
#[test]
fn a_hugo_cover_path_names_a_file_in_static() {
    let site = TestSite::new();
    site.write_bytes("static/images/blog/poster.png", &png(60, 40));
    site.story(
        "a.md",
        "A",
        "date: 2021-01-01\nimage: \"images/blog/poster.png\"\nimage_alt: Poster\n",
        "Isi.\n",
    );
    site.build_ok(&[]);
    let doc = site.html("stories/a/index.html");
    assert_eq!(
        attrs(&doc, "img.story-image", "src"),
        ["/images/blog/poster.png"]
    );
    site.story(
        "b.md",
        "B",
        "date: 2021-01-02\nimage: \"images/tidak-ada.png\"\nimage_alt: Poster\n",
        "![logo]({{site.logo_url}})\n",
    );
    let out = site.cerita(&["check"]);
    let err = stderr(&out);
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains("image not found: `images/tidak-ada.png`"),
        "{err}"
    );
    assert!(
        err.contains("for a file in `static/`, its path there starting with `/`"),
        "{err}"
    );
    // An address that is the old site's template value: no file to put
    // at `content/stories/{{site.logo_url}}`.
    assert!(
        err.contains("image not found: `{{site.logo_url}}`"),
        "{err}"
    );
    assert!(
        !err.contains("put the file at `content/stories/{{"),
        "{err}"
    );
    assert!(
        err.contains("the old site's template value, which cerita does not fill in"),
        "{err}"
    );
}

/// A shortcode the old site switched off in an HTML comment is not shown to
/// readers, so not reported; a YouTube one's hint names the video's address.
#[test]
fn hugo_shortcodes_in_comments_are_not_reported() {
    let site = TestSite::new();
    site.story(
        "a.md",
        "A",
        "date: 2021-01-01\n",
        "Isi.\n\n<!--\n{{< youtube id=\"w7Ft2ymGmfc\" title=\"Lama\" >}}\n-->\n\n#### Video\n\n{{< youtube id=\"e4y0hjTltCU\" title=\"Maulid\" >}}\n",
    );
    let err = stderr(&site.build_ok(&[]));
    assert_eq!(err.matches("is a Hugo shortcode").count(), 1, "{err}");
    assert!(err.contains("content/stories/a.md:13:1"), "{err}");
    assert!(
        err.contains(
            "write `{{ video(url=\"https://youtu.be/e4y0hjTltCU\") }}` on a line of its own"
        ),
        "{err}"
    );
}

/// A Hugo site keeps a language per folder (`english/`, `indonesia/`): two
/// files of one name clash until one says its language, and the message
/// says so.
#[test]
fn same_named_files_in_language_folders_are_told_how_to_pair() {
    let site = TestSite::empty();
    site.write(
        "cerita.yaml",
        "title: PPME\nbase_url: https://example.org/\nlanguage: id\nlanguages:\n  en: { title: PPME }\n",
    );
    site.story(
        "indonesia/blog/help-sumatera.md",
        "Bantu Sumatera",
        "date: 2025-12-14\n",
        "Isi.\n",
    );
    site.story(
        "english/blog/help-sumatera.md",
        "Help Sumatera",
        "date: 2025-12-14\n",
        "Text.\n",
    );
    let out = site.cerita(&["check"]);
    let err = stderr(&out);
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains("two stories have the slug `help-sumatera`"),
        "{err}"
    );
    assert!(
        err.contains("if one is the other's translation, give it `lang:` (e.g. `lang: en`) and both the same `translation_key:`"),
        "{err}"
    );
    site.story(
        "indonesia/blog/help-sumatera.md",
        "Bantu Sumatera",
        "date: 2025-12-14\ntranslation_key: help-sumatera\n",
        "Isi.\n",
    );
    site.story(
        "english/blog/help-sumatera.md",
        "Help Sumatera",
        "date: 2025-12-14\nlang: en\ntranslation_key: help-sumatera\n",
        "Text.\n",
    );
    site.build_ok(&[]);
    let doc = site.html("stories/help-sumatera/index.html");
    assert_eq!(
        attrs(&doc, "link[rel=alternate][hreflang=en]", "href"),
        ["https://example.org/en/stories/help-sumatera/"]
    );
}

/// The same foreign shortcode in every post of a blog moved in: the
/// warning is shown in full three times, then as the list of the other
/// places, so it does not bury the rest; the build goes on.
#[test]
fn a_warning_every_post_shares_is_shown_three_times_then_listed() {
    let s = TestSite::empty();
    s.write(
        "cerita.yaml",
        "title: T\nbase_url: https://example.org/\nlanguage: id\n",
    );
    for i in 0..30 {
        s.story(
            &format!("post-{i:02}.md"),
            &format!("Post {i}"),
            "date: 2024-01-01\n",
            "Isi.\n\n{{< figure src=\"/img/x.png\" >}}\n",
        );
    }
    let o = s.cerita(&["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert_eq!(err.matches("is a Hugo shortcode").count(), 3, "{err}");
    assert!(
        err.contains("warning: the same in 27 more places:\n  content/stories/post-03.md:"),
        "{err}"
    );
    assert!(err.contains("… and 17 more"), "{err}");
    // Every place is still in the JSON report.
    let o = s.cerita(&["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let n = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["message"].as_str().unwrap().contains("Hugo shortcode"))
        .count();
    assert_eq!(n, 30);
}

/// A page as Zola's own benchmark sites write it: a blank line before
/// the `+++` front matter (Zola and Hugo let it be, so cerita does), `#`
/// headings in the text (a level down: the title is the one `<h1>`), and a
/// Zola theme's `youtube(id=…)`, whose hint is cerita's `video` call with
/// the video's address.
#[test]
fn a_zola_page_with_a_blank_first_line_and_its_youtube_shortcode() {
    let site = TestSite::new();
    site.write(
        "content/stories/page-0.md",
        "\n+++\ntitle = \"Hello\"\ndate = 2021-06-01\n\n[taxonomies]\ntags = [\"a\", \"b\"]\n+++\n\n# A big title\n\nLorem.\n",
    );
    site.build_ok(&[]);
    let doc = site.html("stories/page-0/index.html");
    // The title is the page's one `<h1>`; the body's `#` is a section.
    assert_eq!(texts(&doc, "h1"), ["Hello"]);
    assert!(texts(&doc, ".prose h2")[0].starts_with("A big title"));
    site.write(
        "content/stories/page-1.md",
        "\n+++\ntitle = \"Video\"\ndate = 2021-06-02\n+++\n\n{{ youtube(id=\"aqz-KE-bpKQ\") }}\n\n{{ vimeo(id=76979871) }}\n",
    );
    let err = site.build_fails();
    assert!(
        err.contains("content/stories/page-1.md:7:4: error: unknown shortcode `youtube`")
            && err.contains("given the video's address: `{{ video(url=\"https://www.youtube.com/watch?v=aqz-KE-bpKQ\") }}`")
            && err.contains("content/stories/page-1.md:9:4: error: unknown shortcode `vimeo`")
            && err.contains("`{{ video(url=\"https://vimeo.com/76979871\") }}`"),
        "{err}"
    );
}

/// A document copied in title and all (`# Judul` first, as a word
/// processor's export or a note writes it): the title is shown once, as the
/// page's `<h1>`, and kept out of the table of contents and the search
/// text; the body's other headings keep the levels they were written at.
/// A page and a partner profile likewise. Editing the title in the preview
/// shows the heading again once it no longer repeats the title.
#[test]
fn a_body_opening_with_the_title_shows_it_once() {
    let site = TestSite::new();
    site.write(
        "content/stories/2024/rapat.md",
        "---\ntitle: \"Rapat Warga: Kampung Sumber\"\ndate: 2024-03-01\n---\n\n# Rapat Warga — Kampung Sumber\n\nWarga berkumpul.\n\n## Hasil\n\nSepakat.\n\n## Tindak lanjut\n\nRapat lagi.\n",
    );
    site.write(
        "content/pages/tentang.md",
        "---\ntitle: Tentang Kami\n---\nTentang kami\n============\n\nKami jaringan warga.\n",
    );
    site.write(
        "content/partners/hapsari.md",
        "---\nname: HAPSARI\n---\n# Hapsari\n\nSerikat perempuan.\n",
    );
    site.build_ok(&[]);
    let doc = site.html("stories/rapat/index.html");
    assert_eq!(texts(&doc, "h1"), ["Rapat Warga: Kampung Sumber"]);
    let sections: Vec<String> = texts(&doc, ".prose h2")
        .iter()
        .map(|t| t.trim_end_matches('#').trim().to_string())
        .collect();
    assert_eq!(sections, ["Hasil", "Tindak lanjut"]);
    assert!(texts(&doc, ".prose h3").is_empty());
    let doc = site.html("tentang/index.html");
    assert_eq!(texts(&doc, "h1"), ["Tentang Kami"]);
    assert!(
        texts(&doc, ".prose h2").is_empty(),
        "{:?}",
        texts(&doc, ".prose h2")
    );
    let doc = site.html("partners/hapsari/index.html");
    assert_eq!(texts(&doc, "h1"), ["HAPSARI"]);
    assert!(
        !site
            .read_out("partners/hapsari/index.html")
            .contains("<h2 id=\"hapsari\"")
    );
    // The cover again at the top of the text: shown once, as the cover.
    site.write_bytes("content/stories/2024/rapat.jpg", &png(60, 40));
    site.write(
        "content/stories/2024/sampul.md",
        "---\ntitle: Sampul\ndate: 2024-03-02\nimage: rapat.jpg\nimage_alt: Warga rapat\n---\n# Sampul\n\n![Warga rapat](rapat.jpg)\n\nIsi.\n\n![Lagi](rapat.jpg)\n",
    );
    site.build_ok(&[]);
    let doc = site.html("stories/sampul/index.html");
    assert_eq!(attrs(&doc, "img.story-image", "alt"), ["Warga rapat"]);
    assert_eq!(attrs(&doc, ".prose img", "alt"), ["Lagi"]);
    // Another title: the heading is the writer's own again.
    site.write(
        "content/stories/2024/rapat.md",
        "---\ntitle: Rapat Maret\ndate: 2024-03-01\n---\n\n# Rapat Warga — Kampung Sumber\n\nWarga berkumpul.\n\n## Hasil\n",
    );
    site.build_ok(&[]);
    let doc = site.html("stories/rapat/index.html");
    assert_eq!(texts(&doc, "h1"), ["Rapat Maret"]);
    assert!(texts(&doc, ".prose h2")[0].starts_with("Rapat Warga — Kampung Sumber"));
    assert!(texts(&doc, ".prose h3")[0].starts_with("Hasil"));
}

/// A Hugo page bundle's photo at the address Hugo published it at
/// (`/posts/rapat/images/1.png`): cerita publishes the bundle under
/// `stories/`, and the photo beside the story is found by the bundle's
/// name in the address. An address of no file beside it is left as written.
#[test]
fn a_bundles_photo_at_its_hugo_address_is_the_photo_beside_the_story() {
    let site = TestSite::new();
    site.write(
        "content/stories/rapat/index.md",
        "---\ntitle: Rapat\ndate: 2023-01-02\n---\n![Warga](/posts/rapat/images/1.png)\n\n[Unduh foto](/posts/rapat/images/1.png) · ![Logo](/images/logo.png)\n",
    );
    site.write_bytes("content/stories/rapat/images/1.png", &png(60, 40));
    site.write_bytes("static/images/logo.png", &png(20, 20));
    site.build_ok(&[]);
    let doc = site.html("stories/rapat/index.html");
    let srcs = attrs(&doc, ".prose img", "src");
    assert_eq!(srcs.len(), 2, "{srcs:?}");
    assert!(!srcs[0].starts_with("/posts/"), "{srcs:?}");
    assert!(
        site.out(srcs[0].trim_start_matches('/')).is_file(),
        "{srcs:?}"
    );
    assert_eq!(srcs[1], "/images/logo.png");
    let links = attrs(&doc, ".prose a[href*='images']", "href");
    assert_eq!(links, [srcs[0].clone()], "{links:?}");
    let out = site.cerita(&["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("/posts/rapat"), "{}", stderr(&out));
}

/// A partner profile moved in from Hugo names its organisation `title:`:
/// one error at that line with the rename, no separate "unknown field";
/// renamed, it builds.
#[test]
fn a_partner_titled_as_hugo_names_it_is_told_to_rename_the_field() {
    let site = TestSite::new();
    site.write(
        "content/partners/gnome-id.md",
        "---\ntitle: GNOME Indonesia\nwebsite: https://gnome.id/\n---\nKomunitas.\n",
    );
    let err = site.build_fails();
    assert!(
        err.contains("content/partners/gnome-id.md:2:8: error: a partner profile names its organisation with `name:`, not `title:`")
            && err.contains("hint: rename the field: `name: \"GNOME Indonesia\"`"),
        "{err}"
    );
    assert!(!err.contains("`name` is missing"), "{err}");
    assert!(!err.contains("unknown field"), "{err}");
    site.write(
        "content/partners/gnome-id.md",
        "---\nname: \"GNOME Indonesia\"\nwebsite: https://gnome.id/\n---\nKomunitas.\n",
    );
    site.build_ok(&[]);
}

/// Hugo's `slug:` with capitals (`ingress-nginx-CVE-2025-1974`) is the
/// lowercase address Hugo made of it, with a warning, not an error that
/// stops a site moved in from building.
#[test]
fn a_hugo_slug_with_capitals_is_its_lowercase_address() {
    let site = TestSite::new();
    site.story(
        "cve.md",
        "CVE",
        "date: 2025-03-24\nslug: ingress-nginx-CVE-2025-1974\n",
        "Isi.\n",
    );
    let out = stderr(&site.build_ok(&[]));
    assert!(
        out.contains("content/stories/cve.md:4:7: warning: `slug: ingress-nginx-CVE-2025-1974` has capitals; the address is `ingress-nginx-cve-2025-1974`")
            && out.contains("hint: write `slug: ingress-nginx-cve-2025-1974`"),
        "{out}"
    );
    assert!(
        site.out("stories/ingress-nginx-cve-2025-1974/index.html")
            .is_file()
    );
}

/// Jekyll's `.markdown` posts, Docusaurus's `.mdx` and Hugo's HTML pages
/// with front matter are errors naming the rename, never copied: before,
/// each was published as it was, a draft's front matter and all, with no
/// page made of it. A plain HTML file stays a file to copy.
#[test]
fn another_generators_sources_are_errors_and_never_copied() {
    let site = TestSite::new();
    site.write(
        "content/stories/2024/2024-11-12-welcome-to-jekyll.markdown",
        "---\ntitle: Welcome\n---\nHalo.\n",
    );
    site.write(
        "content/stories/2024/2024-11-13-rencana.markdown",
        "---\ntitle: Rencana\ndraft: true\n---\nRahasia.\n",
    );
    site.write(
        "content/stories/2024/kmesh.mdx",
        "---\ntitle: Kmesh\n---\nimport Tabs from '@theme/Tabs';\n",
    );
    site.write(
        "content/pages/about.html",
        "\u{feff}---\ntitle: About\n---\n<p>Hi</p>\n",
    );
    site.write("content/pages/about/embed.html", "<p>plain</p>\n");
    let err = site.build_fails();
    for part in [
        "content/stories/2024: error: 2 `.markdown` files are not read (2024-11-12-welcome-to-jekyll.markdown, 2024-11-13-rencana.markdown)",
        "for f in content/stories/2024/*.markdown; do mv \"$f\" \"${f%.markdown}.md\"; done",
        "content/stories/2024/kmesh.mdx: error: `kmesh.mdx` is not read",
        "mv content/stories/2024/kmesh.mdx content/stories/2024/kmesh.md",
        "content/pages/about.html: error: `about.html` is not read",
    ] {
        assert!(err.contains(part), "{part:?} not in:\n{err}");
    }
    assert!(!err.contains("embed.html"), "{err}");
    // `check` says the same; renamed as told, the posts build.
    let check = site.cerita(&["check"]);
    assert!(!check.status.success());
    assert!(stderr(&check).contains("kmesh.mdx"), "{}", stderr(&check));
    for (from, to) in [
        (
            "content/stories/2024/2024-11-12-welcome-to-jekyll.markdown",
            "content/stories/2024/2024-11-12-welcome-to-jekyll.md",
        ),
        (
            "content/stories/2024/2024-11-13-rencana.markdown",
            "content/stories/2024/2024-11-13-rencana.md",
        ),
        ("content/pages/about.html", "content/pages/about.md"),
    ] {
        std::fs::rename(site.path(from), site.path(to)).unwrap();
    }
    std::fs::remove_file(site.path("content/stories/2024/kmesh.mdx")).unwrap();
    site.build_ok(&[]);
    assert!(
        site.out("stories/2024-11-12-welcome-to-jekyll/index.html")
            .is_file()
    );
    assert!(!site.out("stories/2024-11-13-rencana/index.html").exists());
    let leaked: Vec<_> = walkdir::WalkDir::new(site.path("public"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| {
            let n = e.file_name().to_string_lossy();
            n.ends_with(".markdown") || n.ends_with(".mdx") || n.ends_with(".md")
        })
        .map(|e| e.path().display().to_string())
        .collect();
    assert!(leaked.is_empty(), "{leaked:?}");
}

/// A site's own file at an address the build writes (a Hugo site's
/// `static/404.html`, a feed) is an error naming it, where it replaced
/// cerita's page without a word; its own `robots.txt` a warning (brought
/// from another host, it names that host's sitemap); other files and the
/// site's `_headers` are copied as they are.
#[test]
fn a_static_file_at_a_pages_address_is_an_error() {
    let site = TestSite::new();
    site.story(
        "2021/rapat.md",
        "Rapat",
        "date: 2021-04-10\ntags: [rapat]\n",
        "Isi.\n",
    );
    site.write("static/404.html", "<p>old</p>");
    site.write("static/stories/rapat/index.html", "<p>old</p>");
    site.write("static/tags/rapat/atom.xml", "<feed/>");
    site.write("static/google1234.html", "google-site-verification");
    let err = site.build_fails();
    for part in [
        "static/404.html: error: cerita makes a page at `/404.html` itself, and this file would overwrite it",
        "static/stories/rapat/index.html: error: cerita makes a page at `/stories/rapat/index.html` itself",
        "static/tags/rapat/atom.xml: error: cerita makes a file at `/tags/rapat/atom.xml` itself",
    ] {
        assert!(err.contains(part), "{part:?} not in:\n{err}");
    }
    assert!(!err.contains("google1234"), "{err}");
    for f in [
        "static/404.html",
        "static/stories/rapat/index.html",
        "static/tags/rapat/atom.xml",
    ] {
        std::fs::remove_file(site.path(f)).unwrap();
    }
    site.write(
        "static/robots.txt",
        "Sitemap: https://lama.example/sitemap.xml\n",
    );
    let out = site.build_ok(&[]);
    assert!(
        stderr(&out).contains("static/robots.txt: warning: this `robots.txt` replaces the one cerita writes, and sends search engines to the sitemap `https://lama.example/sitemap.xml`"),
        "{}",
        stderr(&out)
    );
    // Naming this site's sitemap, it is the site's to give.
    site.write(
        "static/robots.txt",
        "User-agent: *\nSitemap: https://example.org/sitemap.xml\n",
    );
    let out = site.build_ok(&[]);
    assert!(!stderr(&out).contains("robots.txt"), "{}", stderr(&out));
    assert_eq!(site.read_out("google1234.html"), "google-site-verification");
    assert!(site.read_out("404.html").contains("<html"));
}
