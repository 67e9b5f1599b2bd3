//! Bad input: every problem is reported with file, line and column, all of a
//! run's problems together, a non-zero exit, and the previous output intact.

use crate::support::*;

fn build_err(site: &TestSite) -> String {
    let o = site.cerita(&["build"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "expected failure; stdout: {}",
        stdout(&o)
    );
    let err = stderr(&o);
    assert!(!err.contains("panicked"), "{err}");
    err
}

#[test]
fn yaml_syntax_error_points_at_the_line_in_the_file() {
    let site = TestSite::new();
    site.story(
        "a.md",
        "Judul",
        "date: 2021-01-01\ntags: [satu, dua\n",
        "Isi\n",
    );
    let err = build_err(&site);
    // Line 4 is `tags: [satu, dua`; the parser notices at the fence on line 5.
    assert!(
        err.contains("content/stories/a.md:5:") || err.contains("content/stories/a.md:4:"),
        "{err}"
    );
    assert!(err.contains("invalid front matter"), "{err}");
    assert!(err.contains("hint:"), "{err}");
}

#[test]
fn wrong_types_are_all_reported_with_positions() {
    let site = TestSite::new();
    site.write(
        "content/stories/a.md",
        "---\ntitle: Judul\ntags: 5\ndate: kemarin\ndraft: maybe\n---\nIsi\n",
    );
    let err = build_err(&site);
    assert!(
        err.contains(
            "content/stories/a.md:3:7: error: `tags` must be a list of names, found a number"
        ),
        "{err}"
    );
    assert!(
        err.contains("content/stories/a.md:4:7: error: `date` is not a date: `kemarin`"),
        "{err}"
    );
    assert!(
        err.contains(
            "content/stories/a.md:5:8: error: `draft` must be true or false, found `maybe`"
        ),
        "{err}"
    );
    assert!(err.contains("3 error(s)"), "{err}");
}

#[test]
fn missing_title_fences_and_empty_files() {
    let site = TestSite::new();
    site.write(
        "content/stories/no-title.md",
        "---\ndate: 2021-01-01\n---\nIsi\n",
    );
    site.write("content/stories/no-fence.md", "title: x\n\nIsi\n");
    site.write("content/stories/unclosed.md", "---\ntitle: x\nIsi\n");
    site.write("content/stories/empty.md", "");
    let err = build_err(&site);
    assert!(
        err.contains("content/stories/no-title.md:1:1: error: `title` is missing"),
        "{err}"
    );
    assert!(
        err.contains(
            "content/stories/no-fence.md:1:1: error: the file does not start with front matter"
        ),
        "{err}"
    );
    assert!(
        err.contains("content/stories/unclosed.md:1:1: error: the front matter is never closed"),
        "{err}"
    );
    assert!(
        err.contains("content/stories/empty.md: error: the file is empty"),
        "{err}"
    );
    assert!(err.contains("4 error(s)"), "{err}");
}

#[test]
fn bom_and_crlf_simply_work() {
    let site = TestSite::new();
    site.write(
        "content/stories/bom.md",
        "\u{feff}---\r\ntitle: Dengan BOM\r\ndate: 2021-01-01\r\n---\r\nIsi\r\n",
    );
    // Old Mac line ends (a lone CR) too.
    site.write(
        "content/stories/cr.md",
        "---\rtitle: Baris CR\rdate: 2021-01-02\r---\rIsi\r",
    );
    site.build_ok(&[]);
    assert_eq!(
        texts(&site.html("stories/bom/index.html"), "h1"),
        ["Dengan BOM"]
    );
    assert_eq!(
        texts(&site.html("stories/cr/index.html"), "h1"),
        ["Baris CR"]
    );
    site.write(
        "content/stories/cr.md",
        "---\rtitle: Baris CR\rdate: kemarin\r---\rIsi\r",
    );
    let err = build_err(&site);
    assert!(
        err.contains("content/stories/cr.md:3:7: error: `date` is not a date"),
        "{err}"
    );
}

#[test]
fn invalid_utf8_and_binary_files() {
    let site = TestSite::new();
    site.write_bytes("content/stories/latin1.md", b"---\ntitle: Caf\xe9\n---\n");
    site.write_bytes("content/stories/binary.md", b"\x89PNG\r\n\x1a\n\0\0\0IHDR");
    let err = build_err(&site);
    assert!(
        err.contains("content/stories/latin1.md:2:11: error: the file is not valid UTF-8"),
        "{err}"
    );
    assert!(
        err.contains("content/stories/binary.md: error: this looks like a binary file"),
        "{err}"
    );
}

#[test]
fn duplicate_slugs_name_both_files() {
    let site = TestSite::new();
    site.story("2020/rapat.md", "Satu", "date: 2020-01-01\n", "x\n");
    site.story("2021/rapat.md", "Dua", "date: 2021-01-01\n", "x\n");
    let err = build_err(&site);
    assert!(
        err.contains("two storys have the slug `rapat`") || err.contains("slug `rapat`"),
        "{err}"
    );
    assert!(
        err.contains("content/stories/2020/rapat.md")
            && err.contains("content/stories/2021/rapat.md"),
        "{err}"
    );
}

#[test]
fn invalid_slug_is_rejected_with_a_suggestion() {
    let site = TestSite::new();
    site.story("a.md", "Judul", "slug: ../../etc/Passwd\n", "x\n");
    let err = build_err(&site);
    assert!(
        err.contains("content/stories/a.md:3:7: error: `slug` may only contain"),
        "{err}"
    );
    assert!(err.contains("use `slug: etc-passwd`"), "{err}");
}

#[test]
fn broken_internal_links_and_anchors() {
    let site = TestSite::new();
    site.story("a.md", "A", "date: 2021-01-01\n", "## Ada\n\nLihat [b](@/stories/tidak-ada.md).\n\nDan [c](@/stories/a.md#tidak).\n\n![foto](hilang.jpg)\n");
    let err = build_err(&site);
    assert!(
        err.contains(
            "content/stories/a.md:7:7: error: link to a missing file: `@/stories/tidak-ada.md`"
        ),
        "{err}"
    );
    assert!(
        err.contains("content/stories/a.md:9:5: error: link to a missing anchor `#tidak`"),
        "{err}"
    );
    assert!(
        err.contains("content/stories/a.md:11:1: error: image not found: `hilang.jpg`"),
        "{err}"
    );
}

/// A link may go to a footnote (`#fn-<label>`), in its own story or
/// another, and to an id the writer's HTML gives (an old post's `<a
/// name>` bookmark among them): the page has those anchors, so the build
/// has no error; a fragment nothing has still is one.
#[test]
fn links_to_footnotes_and_html_ids_are_anchors() {
    let site = TestSite::new();
    site.story(
        "a.md",
        "A",
        "date: 2021-01-01\n",
        "Ada catatan[^sumber]. Lihat [catatan](#fn-sumber), [bagian](#khusus), [penanda](#lama) dan [lain](@/stories/b.md#fn-data-bps).\n\n<span id=\"khusus\">Di sini.</span> <a name=\"lama\"></a>\n\n[^sumber]: Sumber data.\n",
    );
    site.story(
        "b.md",
        "B",
        "date: 2021-01-02\n",
        "Teks[^Data BPS].\n\n[^Data BPS]: Badan Pusat Statistik.\n",
    );
    site.build_ok(&[]);
    let doc = site.html("stories/a/index.html");
    for id in ["fn-sumber", "khusus"] {
        assert!(
            doc.select(&sel(&format!("[id=\"{id}\"]"))).next().is_some(),
            "{id}"
        );
    }
    assert!(doc.select(&sel("a[name=\"lama\"]")).next().is_some());
    // `cerita check`, reading the rendered pages, agrees.
    let o = site.cerita(&["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    site.story(
        "a.md",
        "A",
        "date: 2021-01-01\n",
        "Lihat [catatan](#fn-tidak-ada).\n",
    );
    let err = build_err(&site);
    assert!(
        err.contains("content/stories/a.md:5:7: error: link to a missing anchor `#fn-tidak-ada`"),
        "{err}"
    );
}

#[test]
fn config_unknown_key_names_line_and_closest_key() {
    let site = TestSite::new();
    site.write(
        "cerita.yaml",
        "title: Uji\nbase_url: https://example.org/\npaginte: 5\n",
    );
    let err = build_err(&site);
    assert!(
        err.contains("cerita.yaml:3:1: error: unknown key `paginte`"),
        "{err}"
    );
    assert!(err.contains("did you mean `paginate`?"), "{err}");
}

#[test]
fn missing_config_says_how_to_start() {
    let site = TestSite::empty();
    let err = build_err(&site);
    assert!(
        err.contains("no `cerita.yaml`") && err.contains("cerita init"),
        "{err}"
    );
}

#[test]
fn template_errors_name_the_template_file_and_line() {
    let site = TestSite::new();
    site.story("a.md", "A", "date: 2021-01-01\n", "x\n");
    site.write("templates/story.html", "{% extends \"base.html\" %}\n{% block content %}\n{% if story.title %}\n<p>x</p>\n{% endblock %}\n");
    let err = build_err(&site);
    assert!(err.contains("templates/story.html:"), "{err}");
    assert!(err.contains("template error"), "{err}");
}

#[test]
fn missing_theme_is_an_error() {
    let site = TestSite::new();
    site.write("cerita.yaml", &format!("{CONFIG}theme: tidak-ada\n"));
    let err = build_err(&site);
    assert!(err.contains("theme `tidak-ada` not found"), "{err}");
}

#[test]
fn a_failed_build_leaves_the_previous_output_byte_for_byte() {
    let site = TestSite::new();
    site.story("a.md", "Baik", "date: 2021-01-01\n", "Isi\n");
    site.build_ok(&[]);
    let before = snapshot(&site.path("public"));
    site.story("a.md", "Baik", "date: kemarin\n", "Isi\n");
    build_err(&site);
    let after = snapshot(&site.path("public"));
    assert_eq!(before, after);
    // No staging folder left behind.
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("staging"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn output_that_is_not_ours_is_refused() {
    let site = TestSite::new();
    site.story("a.md", "A", "date: 2021-01-01\n", "x\n");
    site.write("public/penting.txt", "jangan hapus");
    let o = site.cerita(&["build"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("not empty and was not written by cerita"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(site.path("public/penting.txt")).unwrap(),
        "jangan hapus"
    );

    site.write("themes/mine/templates/base.html", "x");
    for bad in [
        ".",
        "content",
        "content/stories/out",
        "themes",
        "themes/mine",
        "..",
        "/",
    ] {
        let o = site.cerita(&["build", "--output", bad]);
        assert_eq!(o.status.code(), Some(1), "--output {bad}");
        assert!(
            stderr(&o).contains("refusing to write the site"),
            "--output {bad}: {}",
            stderr(&o)
        );
    }
    assert!(site.path("content/stories/a.md").is_file());

    // An empty home folder is still nobody's output.
    let home = tempfile::tempdir().unwrap();
    let h = home.path().to_str().unwrap();
    let o = site.cerita_env(&["build", "--output", h], &[("HOME", h)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("it is your home folder"),
        "{}",
        stderr(&o)
    );
    assert!(files_under(home.path()).is_empty());
}

#[test]
fn template_render_errors_point_at_the_expression() {
    let site = TestSite::new();
    site.story("a.md", "A", "date: 2021-01-01\n", "x\n");
    site.write("templates/story.html", "{% extends \"base.html\" %}\n{% block content %}\n<p>{{ story.nope.deeper }}</p>\n{% endblock %}\n");
    let err = build_err(&site);
    assert!(
        err.contains("templates/story.html:3:7: error: template error"),
        "{err}"
    );
    assert!(err.contains("story.nope.deeper"), "{err}");
}

#[test]
fn check_reports_json_for_tools() {
    let site = TestSite::new();
    site.story("a.md", "A", "date: kemarin\ntags: 5\n", "Isi.\n");
    let o = site.cerita(&["check", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["ok"], false);
    assert_eq!(v["errors"], 2);
    let d = &v["diagnostics"][0];
    assert_eq!(d["file"], "content/stories/a.md");
    assert_eq!(d["line"], 3);
    assert_eq!(d["severity"], "error");
    assert!(d["message"].as_str().unwrap().contains("kemarin"));
    assert!(d["hint"].as_str().unwrap().contains("YYYY-MM-DD"));
    // A clean site: ok, exit 0.
    let clean = TestSite::new();
    clean.story("b.md", "B", "date: 2024-01-01\n", "Isi.\n");
    let o = clean.cerita(&["check", "--format", "json"]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["ok"], true);
    assert_eq!(v["errors"], 0);
}

#[test]
fn duplicate_and_unknown_keys_yaml_bombs_and_deep_nesting() {
    let site = TestSite::new();
    site.write(
        "content/stories/a.md",
        "---\ntitle: A\ntitle: B\ndate: 2020-01-01\n---\nx\n",
    );
    let err = build_err(&site);
    assert!(
        err.contains("content/stories/a.md:3:1: error: invalid front matter: `title` is given twice (first on line 2)"),
        "{err}"
    );

    site.write(
        "content/stories/a.md",
        "---\ntitle: A\ndate: 2020-01-01\ntagz: [a]\n---\nx\n",
    );
    let o = site.build_ok(&[]);
    let err = stderr(&o);
    assert!(
        err.contains("content/stories/a.md:4:1: warning: unknown field `tagz`"),
        "{err}"
    );
    assert!(err.contains("did you mean `tags`?"), "{err}");

    // A billion laughs: ten levels of nine aliases each.
    let mut bomb = String::from(
        "---\ntitle: A\na0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n",
    );
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        bomb.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    bomb.push_str("---\nx\n");
    site.write("content/stories/a.md", &bomb);
    let t = std::time::Instant::now();
    let err = build_err(&site);
    assert!(
        t.elapsed() < std::time::Duration::from_secs(20),
        "slow: {:?}",
        t.elapsed()
    );
    assert!(
        err.contains("content/stories/a.md:2:1: error: invalid front matter: the YAML expands to too much data"),
        "{err}"
    );

    let deep = format!(
        "---\ntitle: A\nx: {}{}\n---\nx\n",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    site.write("content/stories/a.md", &deep);
    let err = build_err(&site);
    assert!(
        err.contains("content/stories/a.md:3:") && err.contains("the YAML is nested too deeply"),
        "{err}"
    );
}

#[test]
fn a_huge_story_and_a_megabyte_line_build() {
    let site = TestSite::new();
    let para =
        "Warga desa mengikuti pelatihan advokasi kebijakan bersama serikat perempuan. ".repeat(20);
    let mut body = String::with_capacity(51 << 20);
    while body.len() < 50 << 20 {
        body.push_str(&para);
        body.push_str("\n\n");
    }
    site.story("besar.md", "Besar", "date: 2020-01-01\n", &body);
    site.story(
        "baris.md",
        "Baris",
        "date: 2020-01-02\n",
        &"kata ".repeat(210_000),
    );
    drop(body);
    site.build_ok(&[]);
    let big = std::fs::metadata(site.out("stories/besar/index.html"))
        .unwrap()
        .len();
    assert!(big > 50 << 20, "{big}");
    let line = site.html("stories/baris/index.html");
    assert!(texts(&line, "main p").iter().any(|p| p.len() > 1_000_000));
}

#[test]
fn symbolic_links_outside_the_site_and_loops_are_skipped_with_a_warning() {
    let site = TestSite::new();
    site.story("a.md", "A", "date: 2020-01-01\n", "x\n");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("rahasia.md"),
        "---\ntitle: Rahasia\n---\nrahasia\n",
    )
    .unwrap();
    let link = |target: &std::path::Path, name: &str| {
        std::os::unix::fs::symlink(target, site.path(name)).unwrap();
    };
    link(
        &outside.path().join("rahasia.md"),
        "content/stories/rahasia.md",
    );
    link(outside.path(), "content/stories/luar");
    link(&site.path("content"), "content/stories/putaran");
    link(&site.path("tidak-ada.md"), "content/stories/hilang.md");
    let o = site.build_ok(&[]);
    let err = stderr(&o);
    for (name, what) in [
        ("rahasia.md", "points outside the site"),
        ("luar", "points outside the site"),
        ("putaran", "symbolic link to a folder"),
        ("hilang.md", "points outside the site (or nowhere)"),
    ] {
        assert!(
            err.contains(&format!(
                "content/stories/{name}: warning: skipped a {}",
                if what.starts_with("symbolic") {
                    what.to_string()
                } else {
                    format!("symbolic link that {what}")
                }
            )),
            "{name}: {err}"
        );
    }
    assert!(!site.out("stories/rahasia/index.html").exists());
    let all = files_under(&site.path("public"));
    assert!(all.iter().all(|f| !f.contains("rahasia")), "{all:?}");
}

#[test]
fn slugs_that_try_to_leave_the_output_are_refused() {
    let site = TestSite::new();
    site.build_ok(&[]);
    for (slug, hint) in [
        ("../../evil", "use `slug: evil`"),
        ("\"%2e%2e/x\"", "use `slug: 2e-2e-x`"),
        ("/etc/passwd", "use `slug: etc-passwd`"),
        ("\"..\\\\win\"", "use `slug: win`"),
    ] {
        site.story(
            "a.md",
            "A",
            &format!("date: 2020-01-01\nslug: {slug}\n"),
            "x\n",
        );
        let err = build_err(&site);
        assert!(
            err.contains(
                "content/stories/a.md:4:7: error: `slug` may only contain a-z, 0-9 and `-`"
            ),
            "{slug}: {err}"
        );
        assert!(err.contains(hint), "{slug}: {err}");
    }
    // Nothing in the site, and nothing beside it (the folder above is shared
    // with other tests, so only its own entries are listed).
    let mut all = files_under(site.root());
    all.extend(
        std::fs::read_dir(site.root().parent().unwrap())
            .unwrap()
            .filter_map(|e| Some(e.ok()?.file_name().to_string_lossy().into_owned())),
    );
    assert!(
        all.iter()
            .all(|f| !f.contains("evil") && !f.contains("passwd"))
    );
}

#[test]
fn templates_that_never_end_are_stopped_with_a_position() {
    let site = TestSite::new();
    site.story("a.md", "A", "date: 2020-01-01\n", "x\n");
    let cases: [(&str, &str, &str); 3] = [
        (
            "{% import \"m.html\" as m %}\n{{ m::f(n=1) }}",
            "{% macro f(n) %}\n  {{ self::f(n=n+1) }}\n{% endmacro f %}",
            "templates/m.html:1:1: error: template error: macro calls and includes are nested more than",
        ),
        (
            "<p>\n  {% include \"story.html\" %}",
            "",
            "templates/story.html:2:3: error: template error: macro calls and includes are nested more than",
        ),
        (
            "{% for i in range(end=4000000000) %}x{% endfor %}",
            "",
            "would make 4000000000 numbers; the limit is 100000",
        ),
    ];
    for (story, macros, expect) in cases {
        site.write("templates/story.html", story);
        site.write("templates/m.html", macros);
        let err = build_err(&site);
        assert!(err.contains(expect), "{story}: {err}");
        assert!(
            err.contains("templates/story.html") || err.contains("templates/m.html"),
            "{err}"
        );
    }
}

#[test]
fn partial_errors_name_the_partial_and_endless_partials_stop() {
    let site = TestSite::new();
    site.story("a.md", "A", "date: 2021-01-01\n", "x\n");
    site.write(
        "templates/partials/card.html",
        "<li>\n{{ story.nope.deeper }}</li>",
    );
    site.write("templates/index.html", "{% extends \"base.html\" %}{% block content %}{% for s in stories %}{{ s | partial(name=\"partials/card.html\", as=\"story\") }}{% endfor %}{% endblock %}");
    let err = build_err(&site);
    assert!(
        err.contains("templates/partials/card.html:2:4: error: template error"),
        "{err}"
    );
    site.write(
        "templates/partials/card.html",
        "{{ partial(name=\"partials/card.html\") }}",
    );
    let err = build_err(&site);
    assert!(err.contains("nested more than 48 deep"), "{err}");
    site.write("templates/partials/card.html", "x");
    site.write(
        "templates/index.html",
        "{{ partial(name=1) }}{{ partial(who=2) }}",
    );
    let err = build_err(&site);
    assert!(err.contains("`name` must be a template name"), "{err}");
}

/// A photo in a format browsers do not show (an iPhone's HEIC, a TIFF
/// scan) would be a broken image for nearly every reader: an error at the
/// place it is used, naming the file and what to do. In a gallery folder
/// such a file is left out with a warning, the other photos shown.
#[test]
fn photos_in_formats_browsers_do_not_show_are_errors_where_they_are_used() {
    let site = TestSite::new();
    let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic";
    site.write_bytes("content/stories/iphone.heic", heic);
    site.write_bytes("content/stories/scan.TIF", b"II*\0");
    site.write_bytes("content/stories/sesi/a.jpg", &png(40, 30));
    site.write_bytes("content/stories/sesi/b.heic", heic);
    site.story(
        "a.md",
        "Rapat warga",
        "date: 2021-01-01\nimage: iphone.heic\nimage_alt: Rapat\n",
        "Foto:\n\n![Peserta](iphone.heic)\n\n{{ figure(src=\"scan.TIF\", alt=\"Surat\") }}\n",
    );
    let err = build_err(&site);
    assert!(
        err.contains("content/stories/a.md:4:8: error: `iphone.heic` is a HEIC photo"),
        "{err}"
    );
    assert!(
        err.contains("content/stories/a.md:9:1: error: `iphone.heic` is a HEIC photo"),
        "{err}"
    );
    assert!(err.contains("Most Compatible"), "{err}");
    assert!(
        err.contains("content/stories/a.md:11:") && err.contains("`scan.TIF` is a TIFF image"),
        "{err}"
    );
    // A plain link to the file (a download) is not a picture: no error.
    site.story(
        "a.md",
        "Rapat warga",
        "date: 2021-01-01\n",
        "[Foto asli](iphone.heic)\n\n{{ gallery(dir=\"sesi\") }}\n",
    );
    let o = site.build_ok(&[]);
    let err = stderr(&o);
    assert!(
        err.contains("content/stories/a.md:")
            && err.contains("warning: `b.heic` is a HEIC photo")
            && err.contains("left out of the gallery"),
        "{err}"
    );
    let doc = site.html("stories/a/index.html");
    assert_eq!(attrs(&doc, ".gallery img", "alt").len(), 1);
}

/// A file named with other capitals, or a letter off, is named in the
/// hint as it is in the folder; a photo or file whose name has a space,
/// which CommonMark shows as text, gets a warning saying how to write it.
#[test]
fn near_misses_name_the_file_meant() {
    let site = TestSite::new();
    let png = png(40, 30);
    site.write_bytes("content/stories/s/Foto Jembatan.JPG", &png);
    site.write_bytes("content/stories/s/bibit.png", &png);
    site.write_bytes("content/stories/s/laporan-akhir.pdf", b"%PDF-1.4\n");
    site.story("t.md", "T", "date: 2024-01-02\n", "x\n");
    site.story("u/index.md", "U", "date: 2024-01-03\n", "x\n");
    site.write(
        "content/stories/s/index.md",
        "---\ntitle: S\ndate: 2024-01-01\nimage: foto jembatan.jpg\nimage_alt: x\n---\n![a](Bibit.png) [laporan](laporan-akir.pdf) [t](../T.md) [u](../u.md)\n",
    );
    let err = build_err(&site);
    for want in [
        "content/stories/s/index.md:4:8: error: image not found: `foto jembatan.jpg`",
        "hint: the folder has `Foto Jembatan.JPG`: a file name must match in capitals too (on the web server `foto jembatan.jpg` is another file); write `Foto Jembatan.JPG`",
        "content/stories/s/index.md:7:1: error: image not found: `Bibit.png`",
        "write `bibit.png`",
        "content/stories/s/index.md:7:17: warning: link to a missing file: `laporan-akir.pdf`",
        "hint: did you mean `laporan-akhir.pdf`? The folder has `laporan-akhir.pdf`",
        "content/stories/s/index.md:7:45: error: link to a missing file: `../T.md`",
        "write `../t.md`",
        "hint: did you mean `@/stories/u/index.md`? That story is a folder with its `index.md`, not a single file",
    ] {
        assert!(err.contains(want), "missing {want:?} in\n{err}");
    }

    site.write(
        "content/stories/s/index.md",
        "---\ntitle: S\ndate: 2024-01-01\nimage: Foto Jembatan.JPG\nimage_alt: x\n---\nFoto: ![Jembatan](Foto Jembatan.JPG)\n\n```\n![kode](Foto Jembatan.JPG)\n```\n",
    );
    let out = stderr(&site.build_ok(&[]));
    assert!(
        out.contains("content/stories/s/index.md:7:7: warning: `![Jembatan](Foto Jembatan.JPG)` is shown as text, not as a photo: its address has a space"),
        "{out}"
    );
    assert!(
        out.contains("hint: write the address in angle brackets, `![Jembatan](<Foto Jembatan.JPG>)`, or rename the file without spaces"),
        "{out}"
    );
    assert_eq!(out.matches("shown as text").count(), 1, "{out}");
}

/// A photo, cover, document or story missing from the folder it is
/// looked for in, when one other folder has a file of that name, is named
/// there with the `@/` address that reaches it; a name several folders
/// hold, or `index.md`, is not guessed at.
#[test]
fn near_misses_in_another_folder_name_where_the_file_is() {
    let site = TestSite::new();
    let png = png(40, 30);
    site.write_bytes("content/stories/2024/jembatan-baru.png", &png);
    site.write_bytes("content/stories/2024/sampul.png", &png);
    site.write_bytes("content/stories/arsip/Laporan-Akhir.pdf", b"%PDF-1.4\n");
    site.write_bytes("content/stories/a/foto.png", &png);
    site.write_bytes("content/stories/b/foto.png", &png);
    // Another story's own logo (a bundle, as Hugo keeps them) is no
    // other story's.
    site.write_bytes("content/stories/mitra-baru/logo.png", &png);
    site.story(
        "mitra-baru/index.md",
        "Mitra",
        "date: 2024-01-03\n",
        "![Logo](logo.png)\n",
    );
    site.story("2024/rapat.md", "Rapat", "date: 2024-01-02\n", "x\n");
    site.write(
        "content/stories/s.md",
        "---\ntitle: S\ndate: 2024-01-01\nimage: sampul.png\nimage_alt: x\n---\n![j](jembatan-baru.png) [l](laporan-akhir.pdf) [r](rapat.md) ![f](foto.png) [i](x/index.md) ![g](logo.png)\n",
    );
    let err = build_err(&site);
    assert!(
        err.contains("error: image not found: `logo.png`") && !err.contains("mitra-baru/logo.png"),
        "{err}"
    );
    for want in [
        "content/stories/s.md:4:8: error: image not found: `sampul.png`",
        "hint: this folder has no `sampul.png`, but `content/stories/2024/sampul.png` is that file: write `@/stories/2024/sampul.png`, or move the file beside this one",
        "content/stories/s.md:7:1: error: image not found: `jembatan-baru.png`",
        "write `@/stories/2024/jembatan-baru.png`",
        "warning: link to a missing file: `laporan-akhir.pdf`",
        "write `@/stories/arsip/Laporan-Akhir.pdf`",
        "error: link to a missing file: `rapat.md`",
        "write `@/stories/2024/rapat.md`",
        "error: image not found: `foto.png`",
        "hint: put the file at `content/stories/foto.png`",
        "error: link to a missing file: `x/index.md`",
    ] {
        assert!(err.contains(want), "missing {want:?} in\n{err}");
    }
    assert!(
        !err.contains("`content/stories/a/foto.png` is that file"),
        "{err}"
    );
    assert!(!err.contains("@/stories/2024/rapat.md` is"), "{err}");

    // Written as the hints say, the story builds.
    site.write(
        "content/stories/s.md",
        "---\ntitle: S\ndate: 2024-01-01\nimage: \"@/stories/2024/sampul.png\"\nimage_alt: x\n---\n![j](@/stories/2024/jembatan-baru.png) [l](@/stories/arsip/Laporan-Akhir.pdf) [r](@/stories/2024/rapat.md)\n",
    );
    site.build_ok(&[]);
}

/// A heading typed without the space after its `#`s, bold with a space
/// inside its marks, and a list item without the space after its `-`, are
/// named at their lines with the line as
/// it should be; a hashtag (`#PeduliAru`) is not taken for a heading.
#[test]
fn headings_and_list_items_without_their_space() {
    let site = TestSite::new();
    site.story(
        "a.md",
        "A",
        "date: 2024-01-01\n",
        "##Latar Belakang\nIsi.\n\n#PeduliAru adalah tagar.\n\n**Catatan: **bawa KTP.\n",
    );
    let out = stderr(&site.build_ok(&[]));
    assert!(
        out.contains("content/stories/a.md:10:1: warning: `**Catatan: **bawa KTP.` shows its `**`: bold text needs them right against its first and last letters"),
        "{out}"
    );
    assert!(
        out.contains("hint: write `**Catatan:** bawa KTP.`"),
        "{out}"
    );
    assert!(
        out.contains("content/stories/a.md:5:1: warning: `##Latar Belakang` is shown as text, not as a heading: a heading has a space after its `#`s"),
        "{out}"
    );
    assert!(out.contains("hint: write `## Latar Belakang`"), "{out}");
    assert!(!out.contains("PeduliAru"), "{out}");
    site.write(
        "content/stories/b.md",
        "---\ntitle: B\ndate: 2024-01-01\ntags:\n- satu\n-dua\n---\nIsi.\n",
    );
    let err = build_err(&site);
    assert!(
        err.contains("content/stories/b.md:6:1: error: invalid front matter: `-dua` is not a list item: a list item has a space after its `-`"),
        "{err}"
    );
    assert!(err.contains("hint: write `- dua`"), "{err}");
}
