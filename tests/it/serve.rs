//! `cerita serve` over real HTTP: edits reload open tabs, deletions 404,
//! broken edits show an overlay while the last good site is served, paths
//! cannot escape the output, and the served site equals `cerita build`.

use std::process::Command;
use std::time::{Duration, Instant};

use crate::support::*;

fn fixture() -> TestSite {
    let site = TestSite::new();
    site.write(
        "content/partners/hapsari.md",
        "---\nname: HAPSARI\n---\nSerikat perempuan.\n",
    );
    site.story(
        "2021/a.md",
        "Cerita A",
        "date: 2021-01-01\npartners: [HAPSARI]\ntags: [pelatihan]\n",
        "Isi A.\n",
    );
    site.story(
        "2021/b.md",
        "Cerita B",
        "date: 2021-02-01\npartners: [HAPSARI]\ntags: [pelatihan]\n",
        "Isi B dengan [tautan](@/stories/2021/a.md).\n",
    );
    site.story(
        "2021/c.md",
        "Cerita C",
        "date: 2021-03-01\ntags: [lingkungan]\n",
        "Isi C.\n",
    );
    site
}

#[test]
fn edits_reload_deletions_404_and_errors_show_an_overlay() {
    let site = fixture();
    site.write("themes/default/static/style.css", "body { color: #000; }\n");
    let server = Serve::start(site.root());
    let (status, html) = server.text("/stories/a/");
    assert_eq!(status, 200);
    assert!(html.contains("Cerita A"));
    assert!(
        html.contains("/__cerita/live.js"),
        "live reload script injected"
    );
    let events = server.events();
    let hello = next_event(&events, "hello");
    assert!(hello.contains("\"errors\":[]"), "{hello}");
    settle();

    // Edit → reload event → the page shows the change, and the partner page lists it.
    site.story(
        "2021/a.md",
        "Cerita A Diubah",
        "date: 2021-01-01\npartners: [HAPSARI]\ntags: [pelatihan]\n",
        "Isi A baru.\n",
    );
    let reload = next_event(&events, "reload");
    assert!(reload.contains("\"css\":false"), "{reload}");
    assert!(server.text("/stories/a/").1.contains("Cerita A Diubah"));
    assert!(
        server
            .text("/partners/hapsari/")
            .1
            .contains("Cerita A Diubah")
    );

    // Broken front matter → overlay payload with file and line; old page still served.
    site.write(
        "content/stories/2021/a.md",
        "---\ntitle: Cerita A\ndate: kemarin\n---\nIsi\n",
    );
    let err = next_event(&events, "build-error");
    assert!(err.contains("content/stories/2021/a.md"), "{err}");
    assert!(err.contains("\"line\":3"), "{err}");
    let (status, html) = server.text("/stories/a/");
    assert_eq!(status, 200);
    assert!(
        html.contains("Cerita A Diubah"),
        "the last good page is still served"
    );
    // A tab opened now learns about the error on connect.
    let late = server.events();
    assert!(next_event(&late, "hello").contains("kemarin"));

    // Fix → reload (the overlay goes with the reload).
    site.story(
        "2021/a.md",
        "Cerita A",
        "date: 2021-01-01\npartners: [HAPSARI]\ntags: [pelatihan]\n",
        "Isi A.\n",
    );
    next_event(&events, "reload");
    assert!(next_event(&server.events(), "hello").contains("\"errors\":[]"));

    // Delete → the old URL 404s with the site's 404 page.
    std::fs::remove_file(site.path("content/stories/2021/c.md")).unwrap();
    next_event(&events, "reload");
    // The search index follows the reload.
    next_event(&events, "search");
    let (status, html) = server.text("/stories/c/");
    assert_eq!(status, 404);
    assert!(html.contains("<html"), "the site's 404.html");
    assert_eq!(server.text("/tags/lingkungan/").0, 404);

    // Add → new page.
    site.story("2022/d.md", "Cerita D", "date: 2022-01-01\n", "Isi D.\n");
    next_event(&events, "reload");
    assert_eq!(server.text("/stories/d/").0, 200);

    // A stylesheet-only change swaps CSS without a reload.
    site.write("themes/default/static/style.css", "body { color: #111; }\n");
    let css = next_event(&events, "reload");
    assert!(css.contains("\"css\":true"), "{css}");
    assert_eq!(
        server.text("/static/style.css").1,
        "body { color: #111; }\n"
    );
}

/// The numbers of the next "rendered N of M pages" line of the server's log.
fn next_rendered(server: &Serve) -> (usize, usize) {
    let line = next_rendered_line(server);
    let nums: Vec<usize> = line
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    (nums[0], nums[1])
}

/// The next "rendered N of M pages" line of the server's log.
fn next_rendered_line(server: &Serve) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let Ok(line) = server
            .log
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        else {
            panic!("no rebuild report");
        };
        if line.starts_with("cerita: rendered ") {
            return line;
        }
    }
}

#[test]
fn a_change_re_renders_only_the_pages_it_affects() {
    let site = fixture();
    site.write("templates/.keep", "");
    let server = Serve::start(site.root());
    let events = server.events();
    next_event(&events, "hello");
    settle();
    // A formatting edit that leaves the summary and word count alone: its
    // card (shown on listings) is unchanged, so only the story page is rendered.
    site.story(
        "2021/c.md",
        "Cerita C",
        "date: 2021-03-01\ntags: [lingkungan]\n",
        "Isi *C*.\n",
    );
    next_event(&events, "reload");
    let (n, total) = next_rendered(&server);
    assert_eq!(n, 1, "only /stories/c/ (of {total})");
    settle();
    // A template used by topic pages only: the two tag pages.
    site.write(
        "templates/term.html",
        "{% extends \"base.html\" %}{% block content %}<h1>{{ term.name }}</h1>{% endblock %}",
    );
    next_event(&events, "reload");
    let (n, total) = next_rendered(&server);
    assert_eq!(n, 2, "the two tag pages (of {total})");
    assert!(
        server
            .text("/tags/lingkungan/")
            .1
            .contains("<h1>lingkungan</h1>")
    );
    settle();
    // A partial: pages that show it follow (its copies are not kept).
    site.write(
        "templates/partials/card.html",
        "<li class=\"card\" data-new>{{ story.title }}</li>",
    );
    next_event(&events, "reload");
    next_rendered(&server);
    assert!(
        server
            .text("/")
            .1
            .contains("<li class=\"card\" data-new>Cerita C</li>")
    );
    server.assert_same_as_build(&site);
}

#[test]
fn served_site_is_byte_identical_to_build_after_edits() {
    let site = fixture();
    let server = Serve::start(site.root());
    let events = server.events();
    next_event(&events, "hello");
    settle();
    // A series of edits: retitle, re-date (reorders listings), new partner, delete.
    site.story(
        "2021/a.md",
        "Cerita A2",
        "date: 2021-05-01\npartners: [HAPSARI, JATAM]\ntags: [pelatihan, tambang]\n",
        "Isi A2.\n\n## Bagian\n",
    );
    next_event(&events, "reload");
    settle();
    site.story(
        "2021/b.md",
        "Cerita B2",
        "date: 2020-01-01\npartners: [HAPSARI]\ntags: [pelatihan]\n",
        "Isi B2 [tautan](@/stories/2021/a.md#bagian).\n",
    );
    next_event(&events, "reload");
    settle();
    std::fs::remove_file(site.path("content/stories/2021/c.md")).unwrap();
    next_event(&events, "reload");
    // The search index follows the reload.
    next_event(&events, "search");

    server.assert_same_as_build(&site);
    // Nothing extra: the page that no longer exists is gone.
    assert_eq!(server.get("/stories/c/").0, 404);
}

#[test]
fn text_edits_patch_the_model_and_anchor_checks_follow() {
    let site = fixture();
    let server = Serve::start(site.root());
    let events = server.events();
    next_event(&events, "hello");
    settle();
    let a_front = "date: 2021-01-01\npartners: [HAPSARI]\ntags: [pelatihan]\n";
    let b_front = "date: 2021-02-01\npartners: [HAPSARI]\ntags: [pelatihan]\n";
    // Only the text changes: the page, the summary on listings, the word count.
    site.story(
        "2021/a.md",
        "Cerita A",
        a_front,
        "Isi A yang baru.\n\n## Bagian\n\nLagi.\n",
    );
    next_event(&events, "reload");
    next_rendered(&server);
    let phases = server.log.recv_timeout(Duration::from_secs(5)).unwrap();
    assert!(phases.contains("model (patched)"), "{phases}");
    assert!(server.text("/stories/a/").1.contains("Isi A yang baru."));
    assert!(server.text("/").1.contains("Isi A yang baru."));
    assert!(
        server
            .text("/partners/hapsari/")
            .1
            .contains("Isi A yang baru.")
    );
    settle();
    site.story(
        "2021/b.md",
        "Cerita B",
        b_front,
        "Isi B ke [bagian](@/stories/2021/a.md#bagian).\n",
    );
    next_event(&events, "reload");
    settle();
    // Another file's anchor disappears: the link to it is an error there.
    site.story("2021/a.md", "Cerita A", a_front, "Isi A tanpa judul.\n");
    let err = next_event(&events, "build-error");
    assert!(
        err.contains("content/stories/2021/b.md") && err.contains("missing anchor `#bagian`"),
        "{err}"
    );
    assert!(server.text("/stories/a/").1.contains("Isi A yang baru."));
    settle();
    site.story(
        "2021/a.md",
        "Cerita A",
        a_front,
        "Isi A lagi.\n\n## Bagian\n",
    );
    next_event(&events, "reload");
    settle();
    // A broken link in the text itself, then fixed.
    site.story(
        "2021/a.md",
        "Cerita A",
        a_front,
        "Isi [x](@/stories/tidak-ada.md).\n\n## Bagian\n",
    );
    let err = next_event(&events, "build-error");
    assert!(err.contains("content/stories/2021/a.md"), "{err}");
    settle();
    site.story(
        "2021/a.md",
        "Cerita A",
        a_front,
        "Isi A akhir.\n\n## Bagian\n",
    );
    next_event(&events, "reload");
    settle();
    site.story(
        "2021/c.md",
        "Cerita C",
        "date: 2021-03-01\ntags: [lingkungan]\n",
        "Isi C akhir.\n",
    );
    next_event(&events, "reload");
    next_event(&events, "search");

    server.assert_same_as_build(&site);
}

#[test]
fn request_paths_cannot_escape_the_output() {
    let site = fixture();
    site.write("secret.txt", "RAHASIA");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("outside.txt"), "LUAR").unwrap();
    #[cfg(unix)]
    {
        std::fs::create_dir_all(site.path("static")).unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("outside.txt"),
            site.path("static/link.txt"),
        )
        .unwrap();
        std::os::unix::fs::symlink("/etc", site.path("static/etc")).unwrap();
    }
    let server = Serve::start(site.root());
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/%252e%252e/secret.txt",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        "/\\..\\secret.txt",
        "/static/%00",
        "/static/..%2f..%2fsecret.txt",
        "/static/link.txt",
        "/static/etc/passwd",
        "/cerita.yaml",
        "/content/stories/2021/a.md",
        "//etc/passwd",
    ] {
        let (status, _, body) = server.get(path);
        assert!(status == 400 || status == 404, "{path}: {status}");
        let body = String::from_utf8_lossy(&body);
        assert!(
            !body.contains("RAHASIA") && !body.contains("LUAR") && !body.contains("root:"),
            "{path} leaked"
        );
    }
}

#[test]
fn http_basics_mime_index_and_no_cache() {
    let site = fixture();
    let server = Serve::start(site.root());
    let (status, head, _) = server.get("/");
    assert_eq!(status, 200);
    assert!(
        head.to_lowercase()
            .contains("content-type: text/html; charset=utf-8"),
        "{head}"
    );
    assert!(
        head.to_lowercase().contains("cache-control: no-store"),
        "{head}"
    );
    let (_, head, _) = server.get("/static/style.css");
    assert!(
        head.to_lowercase().contains("content-type: text/css"),
        "{head}"
    );
    let (_, head, _) = server.get("/atom.xml");
    assert!(head.to_lowercase().contains("xml"), "{head}");
    let (status, head, _) = server.get("/stories/a");
    assert_eq!(status, 301);
    assert!(head.contains("/stories/a/"), "{head}");
    assert!(!site.path("public").exists(), "serve never writes public/");
}

#[test]
fn serves_under_a_sub_path_base_url() {
    let site = fixture();
    site.write(
        "cerita.yaml",
        "title: Uji\nbase_url: https://example.org/cerita/\n",
    );
    let server = Serve::start(site.root());
    let (status, head, _) = server.get("/");
    assert_eq!(status, 302);
    assert!(head.contains("/cerita/"));
    let (status, html) = server.text("/cerita/stories/a/");
    assert_eq!(status, 200);
    assert!(html.contains("href=\"/cerita/static/style.css?v="));
    assert_eq!(server.get("/cerita/static/style.css").0, 200);
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_cleanly() {
    let site = fixture();
    let mut server = Serve::start(site.root());
    assert_eq!(server.get("/").0, 200);
    let pid = server.child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success()
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(s) = server.child.try_wait().unwrap() {
            break s;
        }
        assert!(Instant::now() < deadline, "serve did not stop on SIGINT");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status:?}");
    assert!(!site.path("public").exists());
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert!(
        leftovers
            .iter()
            .all(|n| !n.to_string_lossy().contains("cerita-")),
        "{leftovers:?}"
    );
}

#[test]
fn photos_are_served_resized_like_the_build_writes_them() {
    let site = fixture();
    let img = image::RgbImage::from_pixel(1200, 800, image::Rgb([200, 120, 40]));
    site.write_bytes("content/stories/foto.jpg", &jpeg(&img, 90));
    site.write(
        "content/stories/sawah.md",
        "---\ntitle: Foto\ndate: 2024-01-01\n---\n![Sawah](foto.jpg)\n",
    );
    let server = Serve::start(site.root());
    let (status, page) = server.text("/stories/sawah/");
    assert_eq!(status, 200);
    // The versions' addresses, as the page gives them.
    let address = |page: &str, label: &str, ext: &str| -> String {
        page.split(['"', ' ', ','])
            .filter(|a| a.ends_with(&format!(".{ext}")))
            .find_map(|a| {
                a.find(&format!("/static/photos/foto.{label}."))
                    .map(|i| &a[i..])
            })
            .unwrap_or_else(|| panic!("no foto.{label}.*.{ext} in {page}"))
            .to_string()
    };
    let small = address(&page, "480w", "webp");
    for (path, mime, width) in [
        (small.clone(), "image/webp", 480),
        (address(&page, "1008w", "webp"), "image/webp", 1008),
        (address(&page, "480w", "jpg"), "image/jpeg", 480),
        ("/stories/foto.jpg".to_string(), "image/jpeg", 1200),
    ] {
        let (status, head, body) = server.get(&path);
        assert_eq!(status, 200, "{path}");
        assert!(head.to_lowercase().contains(mime), "{path}: {head}");
        assert_eq!(
            image::load_from_memory(&body).unwrap().width(),
            width,
            "{path}"
        );
    }
    assert!(!page.contains("foto.og."));
    // The photo becomes the cover: its link-preview crop is served.
    let events = server.events();
    next_event(&events, "hello");
    settle();
    site.write(
        "content/stories/sawah.md",
        "---\ntitle: Foto\ndate: 2024-01-01\nimage: foto.jpg\nimage_alt: Sawah\n---\nTeks.\n",
    );
    next_event(&events, "reload");
    let page = server.text("/stories/sawah/").1;
    let (status, _, body) = server.get(&address(&page, "og", "jpg"));
    assert_eq!(status, 200);
    let og = image::load_from_memory(&body).unwrap();
    assert_eq!((og.width(), og.height()), (1200, 630));
    // Replaced under the same name: new addresses, served at once.
    settle();
    let green = image::RgbImage::from_pixel(1000, 800, image::Rgb([20, 200, 20]));
    site.write_bytes("content/stories/foto.jpg", &jpeg(&green, 90));
    next_event(&events, "reload");
    let page = server.text("/stories/sawah/").1;
    let replaced = address(&page, "480w", "webp");
    assert_ne!(replaced, small);
    let (status, _, body) = server.get(&replaced);
    assert_eq!(status, 200);
    assert!(
        image::load_from_memory(&body)
            .unwrap()
            .to_rgb8()
            .get_pixel(10, 10)[1]
            > 150
    );
    assert!(!site.path("public").exists());
}

/// The report line after a rebuild's (its phases, with `--timings`).
fn phases(server: &Serve) -> String {
    next_rendered(server);
    server.log.recv_timeout(Duration::from_secs(5)).unwrap()
}

#[test]
fn title_summary_and_update_edits_patch_the_model_and_match_the_build() {
    let site = fixture();
    site.write(
        "cerita.yaml",
        &format!("{CONFIG}languages:\n  en:\n    title: Test Site\n"),
    );
    site.story(
        "2021/a.en.md",
        "Story A",
        "date: 2021-01-01\npartners: [HAPSARI]\ntags: [training]\n",
        "Text A.\n",
    );
    site.story(
        "2021/b.md",
        "Cerita B",
        "date: 2021-02-01\npartners: [HAPSARI]\ntags: [pelatihan]\naliases: [/lama/b/]\n",
        "Isi B dengan [tautan](@/stories/2021/a.md).\n",
    );
    let server = Serve::start(site.root());
    let events = server.events();
    next_event(&events, "hello");
    settle();
    // A title: the story, every listing and the archive show it (and the
    // model's translation links carry it: the build comparison below).
    site.story(
        "2021/a.md",
        "Cerita A, Judul Baru",
        "date: 2021-01-01\npartners: [HAPSARI]\ntags: [pelatihan]\n",
        "Isi A.\n",
    );
    next_event(&events, "reload");
    let p = phases(&server);
    assert!(p.contains("model (patched)"), "{p}");
    for page in ["/stories/a/", "/", "/archive/", "/partners/hapsari/"] {
        assert!(
            server.text(page).1.contains("Cerita A, Judul Baru"),
            "{page} shows the old title"
        );
    }
    settle();
    // A summary and an update date; the title of a story with an old address.
    site.story(
        "2021/b.md",
        "Cerita B Diperbaiki",
        "date: 2021-02-01\nupdated: 2021-03-05\nsummary: Ringkasan baru.\npartners: [HAPSARI]\ntags: [pelatihan]\naliases: [/lama/b/]\n",
        "Isi B dengan [tautan](@/stories/2021/a.md).\n",
    );
    next_event(&events, "reload");
    let p = phases(&server);
    assert!(p.contains("model (patched)"), "{p}");
    assert!(server.text("/").1.contains("Ringkasan baru."));
    assert!(server.text("/lama/b/").1.contains("Cerita B Diperbaiki"));
    settle();
    // Saved as `sed -i` and many editors save: a temporary file beside it,
    // renamed over it. The temporary file changed nothing: still a patch.
    let story = site.path("content/stories/2021/b.md");
    let text = std::fs::read_to_string(&story).unwrap();
    let temp = site.path("content/stories/2021/sedQ3xZ9a");
    std::fs::write(
        &temp,
        text.replace("Cerita B Diperbaiki", "Cerita B Lewat Sed"),
    )
    .unwrap();
    std::fs::rename(&temp, &story).unwrap();
    next_event(&events, "reload");
    let p = phases(&server);
    assert!(p.contains("model (patched)"), "{p}");
    assert!(server.text("/").1.contains("Cerita B Lewat Sed"));
    settle();
    // New partners on a site in two languages: every section's partners
    // again, and their links to the other language's partner pages.
    site.story(
        "2021/c.md",
        "Cerita C",
        "date: 2021-03-01\npartners: [HAPSARI]\ntags: [lingkungan]\n",
        "Isi C.\n",
    );
    next_event(&events, "reload");
    let p = phases(&server);
    assert!(p.contains("model (patched)"), "{p}");
    next_event(&events, "search");
    server.assert_same_as_build(&site);
}

/// Saves the story at `path` (under `content/stories/`) with `title`,
/// `body` and `front` once the watcher has settled. Returns the rebuild's
/// phases.
fn save_story(
    site: &TestSite,
    server: &Serve,
    events: &std::sync::mpsc::Receiver<(String, String)>,
    (path, title, body): (&str, &str, &str),
    front: &str,
) -> String {
    settle();
    site.story(path, title, front, body);
    next_event(events, "reload");
    phases(server)
}

#[test]
fn date_edits_patch_the_model_and_match_the_build() {
    let site = fixture();
    site.write("cerita.yaml", &format!("{CONFIG}paginate: 3\n"));
    // Stories sharing partners and tags (their related stories depend on
    // the order), two with an old address (listed in story order), two on
    // one day (ordered by slug).
    site.write(
        "content/partners/walhi.md",
        "---\nname: WALHI\n---\nJaringan lingkungan.\n",
    );
    for i in 0..12 {
        let partners = ["HAPSARI", "WALHI"][i % 2];
        let tags = ["pelatihan, lingkungan", "advokasi", "lingkungan"][i % 3];
        let aliases = match i {
            4 => "aliases: [/lama/d04/]\n",
            7 => "aliases: [/lama/d07/]\n",
            _ => "",
        };
        site.story(
            &format!("2022/d{i:02}.md"),
            &format!("Cerita D{i:02}"),
            &format!(
                "date: 2022-{:02}-10\npartners: [{partners}]\ntags: [{tags}]\n{aliases}",
                1 + i % 12
            ),
            &format!("Isi D{i:02}.\n"),
        );
    }
    let server = Serve::start(site.root());
    let events = server.events();
    next_event(&events, "hello");
    let edit = |date: &str| {
        let front =
            format!("date: {date}\npartners: [HAPSARI]\ntags: [advokasi]\naliases: [/lama/d04/]\n");
        save_story(
            &site,
            &server,
            &events,
            ("2022/d04.md", "Cerita D04", "Isi D04.\n"),
            &front,
        )
    };
    // Newest, oldest, the middle, the same day as another story (before
    // and after it by slug), each patched and each the build's output.
    for date in [
        "2023-06-01",
        "2019-01-01",
        "2022-07-01",
        "2022-09-10",
        "2022-03-10",
    ] {
        let p = edit(date);
        assert!(p.contains("model (patched)"), "{date}: {p}");
        next_event(&events, "search");
        server.assert_same_as_build(&site);
    }
    // A date in the future unpublishes it: the whole model stage.
    let p = edit("2999-01-01");
    assert!(!p.contains("patched"), "{p}");
    assert_eq!(server.text("/stories/d04/").0, 404);
    next_event(&events, "search");
    server.assert_same_as_build(&site);
}

/// [`fixture`] with two stories per listing page and nine more, a month
/// apart in 2022 (`d00` … `d08`), so a new date shifts listing pages.
fn nine_a_month() -> TestSite {
    let site = fixture();
    site.write("cerita.yaml", &format!("{CONFIG}paginate: 2\n"));
    for i in 0..9 {
        site.story(
            &format!("2022/d{i:02}.md"),
            &format!("Cerita D{i:02}"),
            &format!("date: 2022-{:02}-10\ntags: [advokasi]\n", 1 + i),
            &format!("Isi D{i:02}.\n"),
        );
    }
    site
}

/// The page a tab shows is rendered first after an edit and the tab told
/// to reload then, before the listing pages the edit shifts; those are
/// served once rendered, never stale, and the whole output is the build's.
#[test]
fn the_page_open_in_a_tab_is_shown_before_the_listings_an_edit_shifts() {
    let site = nine_a_month();
    let server = Serve::start(site.root());
    // No tab names a page and none was asked for: the story saved goes
    // first all the same, the page its writer looks at next (whose
    // listing pages, shifted by its new date, follow).
    let events = server.events();
    next_event(&events, "hello");
    settle();
    site.story(
        "2022/d04.md",
        "Cerita D04",
        "date: 2023-01-10\ntags: [advokasi]\n",
        "Isi D04.\n",
    );
    next_event(&events, "reload");
    let line = next_rendered_line(&server);
    assert!(line.contains("the saved and open pages (1) in"), "{line}");
    // A new story, whose page nothing can show yet: it goes first too, at
    // its address in the new model, served before the listings it joins.
    settle();
    let d09 = ("2022/d09.md", "Cerita D09", "Isi D09.\n");
    site.story(d09.0, d09.1, "date: 2022-10-10\ntags: [advokasi]\n", d09.2);
    next_event(&events, "reload");
    let line = next_rendered_line(&server);
    assert!(line.contains("the saved and open pages (1) in"), "{line}");
    // Withdrawn with nothing looking: its page goes as soon as the model
    // says so (the not-found page with it).
    settle();
    site.story(d09.0, d09.1, "date: 2022-10-10\ndraft: true\n", d09.2);
    next_event(&events, "reload");
    let line = next_rendered_line(&server);
    assert!(line.contains("the saved and open pages (2) in"), "{line}");
    assert_eq!(server.text("/stories/d09/").0, 404);
    drop(events);
    // A tab on d08, whose link to a newer story the edit takes away; the
    // story saved, d04, moves down every list with a new date and a new
    // tag in one save: both go first, the tab's page as the tab's.
    let events = server.events_on("/stories/d08/");
    next_event(&events, "hello");
    settle();
    site.story(
        "2022/d04.md",
        "Cerita D04",
        "date: 2021-06-10\ntags: [advokasi, tema baru]\n",
        "Isi D04.\n",
    );
    next_event(&events, "reload");
    let (status, page) = server.text("/stories/d04/");
    assert_eq!(status, 200);
    assert!(page.contains("tema baru"), "{page}");
    // A shifted listing page asked for now is the new one.
    let home = server.text("/").1;
    assert!(!home.contains("Cerita D04"), "{home}");
    assert!(server.text("/tags/tema-baru/").1.contains("Cerita D04"));
    let line = next_rendered_line(&server);
    assert!(line.contains("the saved and open pages (2) in"), "{line}");
    drop(events);
    // A new address, the old one kept as an alias: the tab's page is the
    // redirect page, not a page taken away.
    let events = server.events_on("/stories/d04/");
    next_event(&events, "hello");
    settle();
    site.story(
        "2022/d04.md",
        "Cerita D04",
        "date: 2021-06-10\nslug: d04-baru\naliases: [/stories/d04/]\ntags: [advokasi, tema baru]\n",
        "Isi D04.\n",
    );
    next_event(&events, "reload");
    let (status, page) = server.text("/stories/d04/");
    assert_eq!(status, 200);
    assert!(page.contains("/stories/d04-baru/"), "{page}");
    next_rendered_line(&server);
    drop(events);
    // Withdrawn while a tab shows it: gone as soon as the model says so.
    let events = server.events_on("/stories/d04-baru/");
    next_event(&events, "hello");
    settle();
    site.story(
        "2022/d04.md",
        "Cerita D04",
        "date: 2021-06-10\nslug: d04-baru\ndraft: true\ntags: [advokasi, tema baru]\n",
        "Isi D04.\n",
    );
    next_event(&events, "reload");
    assert_eq!(server.text("/stories/d04-baru/").0, 404);
    assert!(!server.text("/tags/advokasi/").1.contains("Cerita D04"));
    let line = next_rendered_line(&server);
    assert!(line.contains("the saved and open pages ("), "{line}");
    next_event(&events, "search");
    server.assert_same_as_build(&site);
}

/// With no tab at all, a page asked for over HTTP just before an edit (a
/// window reloaded by hand, a tool polling the page it waits for) is
/// rendered first too and served as soon as it is, while the listings the
/// edit shifts are still rendering.
#[test]
fn a_page_asked_for_just_before_an_edit_is_served_first_without_a_tab() {
    let site = nine_a_month();
    let server = Serve::start(site.root());
    // A stream naming no page (as a tool listens for the search index):
    // not a tab.
    let events = server.events();
    next_event(&events, "hello");
    // d05, whose link to the next older story the edit of d04 changes.
    let (status, before) = server.text("/stories/d05/");
    assert_eq!(status, 200);
    settle();
    site.story(
        "2022/d04.md",
        "Cerita D04",
        "date: 2021-06-10\ntags: [advokasi, tema baru]\n",
        "Isi D04.\n",
    );
    // Polled as a tool polls it: the new page, never a stale one after
    // the old.
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (status, page) = server.text("/stories/d05/");
        assert_eq!(status, 200);
        if page != before {
            assert!(page.contains("Cerita D03"), "{page}");
            break;
        }
        assert!(Instant::now() < deadline, "the edit never showed");
        std::thread::sleep(Duration::from_millis(5));
    }
    // d05 asked for and d04 saved went first.
    let line = next_rendered_line(&server);
    assert!(line.contains("the saved and open pages (2) in"), "{line}");
    next_event(&events, "search");
    server.assert_same_as_build(&site);
}

/// A `translation_key` given, changed or taken away on a site in several
/// languages patches the model: the language links of the stories it
/// joins and leaves follow, and the warning about a key no other file has
/// comes and goes with it. A key that would make two versions of one
/// story in one language takes the model stage, which reports it.
#[test]
fn translation_key_edits_patch_the_model_and_match_the_build() {
    let site = fixture();
    site.write(
        "cerita.yaml",
        &format!("{CONFIG}languages:\n  en:\n    title: Test Site\n"),
    );
    site.story("2021/a.en.md", "Story A", "date: 2021-01-01\n", "Text A.\n");
    site.story(
        "2021/d.en.md",
        "Story D",
        "date: 2021-04-01\ntags: [training]\n",
        "Text D.\n",
    );
    let server = Serve::start(site.root());
    let events = server.events();
    next_event(&events, "hello");
    server.diagnostics();
    let b = (
        "2021/b.md",
        "Cerita B",
        "Isi B dengan [tautan](@/stories/2021/a.md).\n",
    );
    let b_front = "date: 2021-02-01\npartners: [HAPSARI]\ntags: [pelatihan]\n";
    let d = ("2021/d.en.md", "Story D", "Text D.\n");
    let d_front = "date: 2021-04-01\ntags: [training]\n";
    // A key no other file has: the warning says so.
    let p = save_story(
        &site,
        &server,
        &events,
        b,
        &format!("{b_front}translation_key: kisah-b\n"),
    );
    assert!(p.contains("model (patched)"), "{p}");
    let warned = server.diagnostics();
    assert!(
        warned.contains("no other file has the translation_key `kisah-b`"),
        "{warned}"
    );
    // The search index's inputs are the same: no new index follows.
    server.assert_same_as_build(&site);
    // The English story joins it: each links to the other, the warning
    // goes.
    let p = save_story(
        &site,
        &server,
        &events,
        d,
        &format!("{d_front}translation_key: kisah-b\n"),
    );
    assert!(p.contains("model (patched)"), "{p}");
    let warned = server.diagnostics();
    assert!(!warned.contains("translation_key"), "{warned}");
    assert!(server.text("/stories/b/").1.contains("/en/stories/d/"));
    assert!(server.text("/en/stories/d/").1.contains("/stories/b/"));
    server.assert_same_as_build(&site);
    // B's key taken away: D, alone with it, is warned about.
    let p = save_story(&site, &server, &events, b, b_front);
    assert!(p.contains("model (patched)"), "{p}");
    let warned = server.diagnostics();
    assert!(warned.contains("`kisah-b`"), "{warned}");
    assert!(!server.text("/stories/b/").1.contains("/en/stories/d/"));
    // An edit to D, whose key no other file has: the warning stays.
    let p = save_story(
        &site,
        &server,
        &events,
        ("2021/d.en.md", "Story D, Again", "Text D.\n"),
        &format!("{d_front}translation_key: kisah-b\n"),
    );
    assert!(p.contains("model (patched)"), "{p}");
    // It is counted, not printed again: what a save changed stands out.
    let warned = server.diagnostics();
    assert!(
        warned.contains("cerita: 1 warning(s) as after the last save, not shown again")
            && !warned.contains("`kisah-b`"),
        "{warned}"
    );
    next_event(&events, "search");
    server.assert_same_as_build(&site);
    // The story A's English version leaves A for B's key: A is alone,
    // and B's group has two English versions, which the model stage
    // reports.
    let p = save_story(
        &site,
        &server,
        &events,
        b,
        &format!("{b_front}translation_key: kisah-b\n"),
    );
    assert!(p.contains("model (patched)"), "{p}");
    settle();
    site.story(
        "2021/a.en.md",
        "Story A",
        "date: 2021-01-01\ntranslation_key: kisah-b\n",
        "Text A.\n",
    );
    let err = next_event(&events, "build-error");
    assert!(err.contains("version of one story"), "{err}");
}

/// What only the model stage can say stays with it, and after an error
/// the next patch starts from the last pages rendered.
#[test]
fn a_story_published_or_taken_away_leaves_the_model_stage_what_it_decides() {
    let site = fixture();
    site.write("cerita.yaml", &format!("{CONFIG}languages: {{}}\n"));
    // Two stories with a field cerita does not know: one warning, at the
    // first, counting both.
    for name in ["f1", "f2"] {
        site.story(
            &format!("2022/{name}.md"),
            &format!("Cerita {name}"),
            "date: 2022-02-02\nwarna: merah\n",
            "Isi.\n",
        );
    }
    let server = Serve::start(site.root());
    let events = server.events();
    next_event(&events, "hello");
    let warned = server.diagnostics();
    assert!(warned.contains("2 files have it"), "{warned}");
    // The second deleted: the warning counts one file again.
    settle();
    std::fs::remove_file(site.path("content/stories/2022/f2.md")).unwrap();
    next_event(&events, "reload");
    let p = phases(&server);
    assert!(!p.contains("patched"), "{p}");
    let warned = server.diagnostics();
    assert!(warned.contains("unknown field `warna`"), "{warned}");
    assert!(!warned.contains("2 files"), "{warned}");
    next_event(&events, "search");
    server.assert_same_as_build(&site);
    // A new story whose text links to nothing: the error; mended, the
    // site is the build's (the pages rendered last are those before the
    // error).
    settle();
    site.story(
        "2022/rusak.md",
        "Cerita Rusak",
        "date: 2022-03-03\n",
        "Lihat [ini](@/stories/tidak-ada.md).\n",
    );
    let err = next_event(&events, "build-error");
    assert!(err.contains("tidak-ada.md"), "{err}");
    save_story(
        &site,
        &server,
        &events,
        ("2022/rusak.md", "Cerita Rusak", "Isi.\n"),
        "date: 2022-03-03\n",
    );
    next_event(&events, "search");
    server.assert_same_as_build(&site);
    save_story(
        &site,
        &server,
        &events,
        ("2022/rusak.md", "Cerita Rusak", "Isi baru.\n"),
        "date: 2019-03-03\n",
    );
    next_event(&events, "search");
    server.assert_same_as_build(&site);
    // With `languages:` (even empty) files of one name are one story's
    // versions: a second `id` version is an error.
    settle();
    site.story(
        "2021/a.id.md",
        "Cerita A Lagi",
        "date: 2022-04-04\nslug: a-lagi\n",
        "Isi.\n",
    );
    let err = next_event(&events, "build-error");
    assert!(err.contains("version of one story"), "{err}");
}

/// A tab on a page of another language than the default: its section is
/// rendered first, so the page goes out before the default language's
/// changed pages.
#[test]
fn a_tab_on_a_page_in_another_language_is_shown_first_too() {
    let site = fixture();
    site.write(
        "cerita.yaml",
        &format!("{CONFIG}paginate: 2\nlanguages:\n  en:\n    title: Test Site\n"),
    );
    for i in 0..8 {
        site.story(
            &format!("2022/d{i:02}.md"),
            &format!("Cerita D{i:02}"),
            &format!(
                "date: 2022-{:02}-10\npartners: [HAPSARI]\ntags: [advokasi]\n",
                1 + i
            ),
            &format!("Isi D{i:02}.\n"),
        );
    }
    for i in 0..3 {
        site.story(
            &format!("2022/e{i}.en.md"),
            &format!("Story E{i}"),
            &format!(
                "date: 2022-0{}-20\npartners: [HAPSARI]\ntags: [training]\n",
                1 + i
            ),
            &format!("Text E{i}.\n"),
        );
    }
    let server = Serve::start(site.root());
    let events = server.events_on("/en/stories/e1/");
    next_event(&events, "hello");
    // A partner profile renamed: every page naming it, in both languages,
    // the whole model stage.
    settle();
    site.write(
        "content/partners/hapsari.md",
        "---\nname: HAPSARI Baru\n---\nSerikat perempuan.\n",
    );
    next_event(&events, "reload");
    let page = server.text("/en/stories/e1/").1;
    assert!(page.contains("HAPSARI Baru"), "{page}");
    let line = next_rendered_line(&server);
    assert!(line.contains("the saved and open pages ("), "{line}");
    next_event(&events, "search");
    server.assert_same_as_build(&site);
}

/// Saves in quick succession, each as soon as the tab reloaded: a save may
/// stop the rest of the rebuild before it (the open page is out), and the
/// next rebuild renders what was left. Whatever stopped, the last output is
/// the build's.
#[test]
fn a_save_right_after_a_reload_leaves_nothing_unrendered() {
    let site = fixture();
    site.write("cerita.yaml", &format!("{CONFIG}paginate: 2\n"));
    for i in 0..300 {
        site.story(
            &format!("banyak/s{i:03}.md"),
            &format!("Cerita S{i:03}"),
            &format!(
                "date: 2022-{:02}-{:02}\ntags: [advokasi]\n",
                1 + i % 12,
                1 + i % 28
            ),
            "Isi.\n",
        );
    }
    let server = Serve::start(site.root());
    let events = server.events_on("/stories/s150/");
    next_event(&events, "hello");
    settle();
    let mut lines = Vec::new();
    for (i, date) in ["2023-06-01", "2019-01-01", "2024-02-02", "2018-03-03"]
        .iter()
        .enumerate()
    {
        site.story(
            "banyak/s150.md",
            "Cerita S150",
            &format!("date: {date}\ntags: [advokasi, tema {i}]\n"),
            "Isi.\n",
        );
        next_event(&events, "reload");
        assert!(
            server
                .text("/stories/s150/")
                .1
                .contains(&format!("tema {i}"))
        );
    }
    // One report per save, stopped or not; the last save's rebuild is not
    // stopped: it finishes what any before it left.
    for _ in 0..4 {
        lines.push(next_rendered_line(&server));
    }
    assert!(!lines[3].contains("follows the next save"), "{lines:#?}");
    next_event(&events, "search");
    server.assert_same_as_build(&site);
}

/// On a site whose archive is a year per page, a story moved to another
/// year leaves one year's page and joins the other's, and the list of
/// years counts it there: patched, and the build's output.
#[test]
fn a_story_moved_to_another_year_moves_between_the_archive_pages() {
    let site = fixture();
    for i in 0..1001 {
        site.story(
            &format!("banyak/s{i:04}.md"),
            &format!("Cerita {i}"),
            &format!("date: {}-03-{:02}\n", 2022 + i % 2, 1 + i % 28),
            "Isi.\n",
        );
    }
    let server = Serve::start(site.root());
    let events = server.events();
    next_event(&events, "hello");
    let p = save_story(
        &site,
        &server,
        &events,
        ("banyak/s0000.md", "Cerita 0", "Isi.\n"),
        "date: 2020-05-01\n",
    );
    assert!(p.contains("model (patched)"), "{p}");
    let (status, year) = server.text("/archive/2020/");
    assert_eq!(status, 200);
    assert!(year.contains("Cerita 0<"), "{year}");
    next_event(&events, "search");
    server.assert_same_as_build(&site);
}

#[test]
fn draft_and_future_date_edits_under_drafts_patch_the_model_and_match_the_build() {
    let site = fixture();
    for i in 0..6 {
        let draft = if i == 2 { "draft: true\n" } else { "" };
        site.story(
            &format!("2023/e{i}.md"),
            &format!("Cerita E{i}"),
            &format!(
                "date: 2023-0{}-05\npartners: [HAPSARI]\ntags: [pelatihan]\n{draft}",
                i + 1
            ),
            &format!("Isi E{i}.\n"),
        );
    }
    let server = Serve::start_with(site.root(), &["--drafts"]);
    let events = server.events();
    next_event(&events, "hello");
    let badge = |server: &Serve| server.text("/stories/e2/").1.contains("class=\"badge\"");
    assert!(badge(&server));
    // Under `--drafts` a draft is published like any story: publishing it,
    // or making it a draft again, changes only its badge.
    let edit = |front: &str| {
        let front = format!("partners: [HAPSARI]\ntags: [pelatihan]\n{front}");
        save_story(
            &site,
            &server,
            &events,
            ("2023/e2.md", "Cerita E2", "Isi E2.\n"),
            &front,
        )
    };
    // The search index changes with the stories' order, not with a badge.
    for (front, draft, reindexed) in [
        ("date: 2023-03-05\ndraft: false\n", false, false),
        ("date: 2023-03-05\ndraft: true\n", true, false),
        // A date in the future is published too: the stories in order again.
        ("date: 2999-01-01\ndraft: true\n", true, true),
        ("date: 2999-01-01\n", false, false),
    ] {
        let p = edit(front);
        assert!(p.contains("model (patched)"), "{front}: {p}");
        assert_eq!(badge(&server), draft, "{front}");
        if reindexed {
            next_event(&events, "search");
        }
        server.assert_same_as_build_with(&site, &["--drafts"]);
    }
    drop(server);
    // Without `--drafts`, a draft is not published: the story is taken
    // out of the model.
    let server = Serve::start(site.root());
    let events = server.events();
    next_event(&events, "hello");
    let front = "date: 2023-04-05\npartners: [HAPSARI]\ntags: [pelatihan]\n";
    let story = ("2023/e3.md", "Cerita E3", "Isi E3.\n");
    let p = save_story(
        &site,
        &server,
        &events,
        story,
        &format!("{front}draft: true\n"),
    );
    assert!(p.contains("model (patched)"), "{p}");
    assert_eq!(server.text("/stories/e3/").0, 404);
    next_event(&events, "search");
    server.assert_same_as_build(&site);
}

/// A story made a draft, published again, deleted, written anew: each is
/// the story alone joining or leaving the model (its lists, its partners
/// and tags, the listings, the related stories near it), patched, and each
/// result the build's.
#[test]
fn a_story_published_or_taken_away_patches_the_model_and_matches_the_build() {
    let site = fixture();
    site.write(
        "cerita.yaml",
        &format!("{CONFIG}paginate: 3\nlanguages:\n  en:\n    title: Test Site\n"),
    );
    // Enough stories on shared partners and tags for listing pages and
    // related stories to shift; one with an old address, one with a
    // translation.
    for i in 0..14 {
        let partners = ["HAPSARI", "WALHI", "HAPSARI, WALHI"][i % 3];
        let tags = ["pelatihan, lingkungan", "advokasi", "lingkungan"][i % 3];
        let aliases = if i == 5 {
            "aliases: [/lama/p05/]\n"
        } else {
            ""
        };
        site.story(
            &format!("2022/p{i:02}.md"),
            &format!("Cerita P{i:02}"),
            &format!(
                "date: 2022-{:02}-{:02}\npartners: [{partners}]\ntags: [{tags}]\n{aliases}",
                1 + i % 12,
                1 + i
            ),
            &format!("## Isi\n\nIsi P{i:02}.\n"),
        );
    }
    site.story(
        "2022/p03.en.md",
        "Story P03",
        "date: 2022-04-04\ntags: [training]\n",
        "Text P03.\n",
    );
    let server = Serve::start(site.root());
    let events = server.events();
    next_event(&events, "hello");
    let p07 = ("2022/p07.md", "Cerita P07", "## Isi\n\nIsi P07.\n");
    // A partner and a tag of its own, which leave with it.
    let own = "date: 2022-08-08\npartners: [HAPSARI, Mitra Sendiri]\ntags: [advokasi, tema sendiri]\nauthors: [Rina]\n";
    save_story(&site, &server, &events, p07, own);
    next_event(&events, "search");
    server.assert_same_as_build(&site);
    assert_eq!(server.text("/partners/mitra-sendiri/").0, 200);
    let steps: [(&str, &str, u16); 4] = [
        // Withdrawn, then published again; a new date as it comes back.
        ("made a draft", "draft: true\n", 404),
        ("published again", "", 200),
        ("made a draft again", "draft: true\n", 404),
        ("published with a new date", "date: 2021-01-01\n", 200),
    ];
    for (what, extra, status) in steps {
        let front = match extra.starts_with("date:") {
            true => own.replace("date: 2022-08-08\n", extra),
            false => format!("{own}{extra}"),
        };
        let p = save_story(&site, &server, &events, p07, &front);
        assert!(p.contains("model (patched)"), "{what}: {p}");
        assert_eq!(server.text("/stories/p07/").0, status, "{what}");
        assert_eq!(server.text("/partners/mitra-sendiri/").0, status, "{what}");
        assert_eq!(server.text("/tags/tema-sendiri/").0, status, "{what}");
        next_event(&events, "search");
        server.assert_same_as_build(&site);
    }
    // A draft edited while it stays one, and a new draft: nothing a page
    // shows changes.
    let p08 = "2022/p08.md";
    let front = "date: 2022-09-09\ntags: [advokasi]\ndraft: true\n";
    let p = save_story(
        &site,
        &server,
        &events,
        (p08, "Cerita P08", "Isi.\n"),
        front,
    );
    assert!(p.contains("model (patched)"), "{p}");
    next_event(&events, "search");
    for (path, front) in [
        (p08, "date: 2022-09-10\ntags: [tema draf]\ndraft: true\n"),
        ("2022/draf.md", "date: 2022-10-10\ndraft: true\n"),
    ] {
        settle();
        site.story(path, "Cerita Draf", front, "Isi draf.\n");
        next_event(&events, "reload");
        let (rendered, _) = next_rendered(&server);
        let p = server.log.recv_timeout(Duration::from_secs(5)).unwrap();
        assert!(p.contains("model (patched)"), "{path}: {p}");
        assert_eq!(rendered, 0, "{path}");
        server.assert_same_as_build(&site);
    }
    assert_eq!(server.text("/stories/draf/").0, 404);
    // Its file deleted, then written anew (and one in English, with no
    // translation).
    settle();
    std::fs::remove_file(site.path("content/stories/2022/p07.md")).unwrap();
    next_event(&events, "reload");
    let p = phases(&server);
    assert!(p.contains("model (patched)"), "deleted: {p}");
    assert_eq!(server.text("/stories/p07/").0, 404);
    next_event(&events, "search");
    server.assert_same_as_build(&site);
    for (path, title, front) in [
        ("2022/baru.md", "Cerita Baru", own),
        (
            "2022/new.en.md",
            "A New Story",
            "date: 2022-03-03\ntags: [training, new]\n",
        ),
    ] {
        let p = save_story(&site, &server, &events, (path, title, "Isi baru.\n"), front);
        assert!(p.contains("model (patched)"), "{path}: {p}");
        next_event(&events, "search");
        server.assert_same_as_build(&site);
    }
    assert_eq!(server.text("/stories/baru/").0, 200);
    assert_eq!(server.text("/en/stories/new/").0, 200);
    // A story with an old address taken away: the old address goes too.
    let p05 = ("2022/p05.md", "Cerita P05", "Isi P05.\n");
    let p = save_story(
        &site,
        &server,
        &events,
        p05,
        "date: 2022-06-06\naliases: [/lama/p05/]\ndraft: true\n",
    );
    assert!(p.contains("model (patched)"), "{p}");
    assert_eq!(server.text("/lama/p05/").0, 404);
    next_event(&events, "search");
    server.assert_same_as_build(&site);
    // Translations: a story with one taken away (its translation's
    // language links go), a new translation published (both link to each
    // other), a new address for a translated story (its translation's link
    // follows).
    let p04 = ("2022/p04.md", "Cerita P04", "## Isi\n\nIsi P04.\n");
    let p04_front = "date: 2022-05-05\npartners: [HAPSARI]\ntags: [pelatihan, lingkungan]\n";
    for (story, front, page, shows) in [
        (
            ("2022/p03.md", "Cerita P03", "Isi P03.\n"),
            "date: 2022-04-04\ndraft: true\n",
            "/en/stories/p03/",
            "/stories/p03/",
        ),
        (
            ("2022/p04.en.md", "Story P04", "Text P04.\n"),
            "date: 2022-05-05\ntags: [training]\n",
            "/stories/p04/",
            "/en/stories/p04/",
        ),
        (
            p04,
            &format!("{p04_front}slug: p04-baru\n"),
            "/en/stories/p04/",
            "/stories/p04-baru/",
        ),
    ] {
        let p = save_story(&site, &server, &events, story, front);
        assert!(p.contains("model (patched)"), "{}: {p}", story.0);
        let html = server.text(page).1;
        let linked = html.contains(&format!("href=\"{shows}\""));
        assert_eq!(linked, !front.contains("draft"), "{}: {page}", story.0);
        next_event(&events, "search");
        server.assert_same_as_build(&site);
    }
    // What the model stage decides stays with it: a story whose slug
    // another has (the error names both files); a story another links to.
    let p02 = (
        "2022/p02.md",
        "Cerita P02",
        "Lihat [P01](@/stories/2022/p01.md).\n",
    );
    let p = save_story(&site, &server, &events, p02, "date: 2022-03-03\n");
    assert!(p.contains("model (patched)"), "{p}");
    next_event(&events, "search");
    server.assert_same_as_build(&site);
    settle();
    site.story(
        "2022/p01.md",
        "Cerita P01",
        "date: 2022-02-02\ndraft: true\n",
        "Isi P01.\n",
    );
    let err = next_event(&events, "build-error");
    assert!(err.contains("unpublished story"), "{err}");
    assert!(err.contains("content/stories/2022/p02.md"), "{err}");
    settle();
    site.story(
        "2022/p99.md",
        "Cerita P99",
        "date: 2022-01-09\nslug: baru\n",
        "Isi.\n",
    );
    let err = next_event(&events, "build-error");
    assert!(err.contains("two stories have the slug `baru`"), "{err}");
}

#[test]
fn cover_edits_patch_the_model_and_match_the_build() {
    let site = fixture();
    let orange = image::RgbImage::from_pixel(1200, 800, image::Rgb([200, 120, 40]));
    let green = image::RgbImage::from_pixel(900, 700, image::Rgb([20, 200, 20]));
    site.write_bytes("content/stories/2021/sawah.jpg", &jpeg(&orange, 90));
    site.write_bytes("content/stories/2021/hutan.jpg", &jpeg(&green, 90));
    let server = Serve::start(site.root());
    let events = server.events();
    next_event(&events, "hello");
    let story = ("2021/a.md", "Cerita A", "Isi A.\n");
    let base = "date: 2021-01-01\npartners: [HAPSARI]\ntags: [pelatihan]\n";
    // Whether the story's page has the photo's link preview, and the
    // photo's versions in its picture.
    let og = |server: &Serve, name: &str| {
        let page = server.text("/stories/a/").1;
        let og = format!("/static/photos/{name}.og.");
        let shown = format!("/static/photos/{name}.480w.");
        (page.contains(&og), page.contains(&shown))
    };
    // A cover given, moved to another photo, described otherwise, taken
    // away: each patched, its page and link preview following, each the
    // build's output (photo versions and feeds included).
    for (front, shown) in [
        (
            "image: sawah.jpg\nimage_alt: Sawah di pagi hari\n",
            Some("sawah"),
        ),
        ("image: hutan.jpg\nimage_alt: Hutan\n", Some("hutan")),
        (
            "image: \"@/stories/2021/hutan.jpg\"\nimage_alt: Hutan lebat\n",
            Some("hutan"),
        ),
        ("", None),
    ] {
        let p = save_story(&site, &server, &events, story, &format!("{base}{front}"));
        assert!(p.contains("model (patched)"), "{front}: {p}");
        for name in ["sawah", "hutan"] {
            let want = shown == Some(name);
            assert_eq!(og(&server, name), (want, want), "{front}: {name}");
        }
        server.assert_same_as_build(&site);
    }
    // A photo that is not there: the whole model stage, which says so,
    // and the last good site stays served.
    settle();
    site.story(
        story.0,
        story.1,
        &format!("{base}image: sungai.jpg\nimage_alt: Sungai\n"),
        story.2,
    );
    let err = next_event(&events, "build-error");
    assert!(err.contains("image not found"), "{err}");
    assert_eq!(server.text("/stories/a/").0, 200);
    // Without a description: the stage too, for its warning.
    let p = save_story(
        &site,
        &server,
        &events,
        story,
        &format!("{base}image: sawah.jpg\n"),
    );
    assert!(!p.contains("patched"), "{p}");
    assert!(server.diagnostics().contains("no `image_alt`"));
    server.assert_same_as_build(&site);
}

#[test]
fn a_new_slug_or_a_story_withdrawn_renders_again_the_stories_that_link_to_it() {
    let site = fixture();
    // D shares A's date, so a slug decides which of the two comes first;
    // E links to A too, with its summary taken from its text.
    site.story(
        "2021/d.md",
        "Cerita D",
        "date: 2021-01-01\ntags: [pelatihan]\n",
        "Isi D.\n",
    );
    site.story(
        "2021/e.md",
        "Cerita E",
        "date: 2021-04-01\ntags: [pelatihan]\n",
        "Lihat [cerita A](@/stories/2021/a.md#isi) dulu.\n",
    );
    let server = Serve::start(site.root());
    let events = server.events();
    next_event(&events, "hello");
    let a = ("2021/a.md", "Cerita A", "## Isi\n\nIsi A.\n");
    let front = "date: 2021-01-01\npartners: [HAPSARI]\ntags: [pelatihan]\n";
    save_story(&site, &server, &events, a, front);
    // A new slug is patched: B and E, which link to A, follow its new
    // address; A moves after D (same date, slugs in order).
    for slug in ["z-baru", "a-baru"] {
        let p = save_story(
            &site,
            &server,
            &events,
            a,
            &format!("{front}slug: {slug}\n"),
        );
        assert!(p.contains("model (patched)"), "{slug}: {p}");
        for linking in ["/stories/b/", "/stories/e/"] {
            let page = server.text(linking).1;
            assert!(
                page.contains(&format!("href=\"/stories/{slug}/")),
                "{linking}: {page}"
            );
        }
        assert_eq!(server.text("/stories/a/").0, 404);
        next_event(&events, "search");
        server.assert_same_as_build(&site);
    }
    // D's slug: the whole model stage reports the clash, in A's file.
    settle();
    site.story(a.0, a.1, &format!("{front}slug: d\n"), a.2);
    let err = next_event(&events, "build-error");
    assert!(err.contains("two stories have the slug `d`"), "{err}");
    // A story with an old address: its new slug is patched, the old
    // address follows it; so are old addresses given, changed or taken
    // away, and a `slug:` taken away (the file's name gives the address).
    let aliased = format!("{front}aliases: [/lama/a/]\n");
    save_story(
        &site,
        &server,
        &events,
        a,
        &format!("{aliased}slug: a-baru\n"),
    );
    let p = save_story(
        &site,
        &server,
        &events,
        a,
        &format!("{aliased}slug: a-lagi\n"),
    );
    assert!(p.contains("model (patched)"), "{p}");
    assert!(server.text("/lama/a/").1.contains("/stories/a-lagi/"));
    next_event(&events, "search");
    server.assert_same_as_build(&site);
    // (Old addresses are not in the search index; a new address is.)
    for (fields, old, new, reindexed) in [
        (
            "aliases: [/lama/a/, /2020/a.html]\nslug: a-lagi\n",
            "/2020/a.html",
            200,
            false,
        ),
        (
            "aliases: [/2020/a.html]\nslug: a-lagi\n",
            "/lama/a/",
            404,
            false,
        ),
        ("aliases: [/2020/a.html]\n", "/stories/a-lagi/", 404, true),
    ] {
        let p = save_story(&site, &server, &events, a, &format!("{front}{fields}"));
        assert!(p.contains("model (patched)"), "{fields}: {p}");
        assert_eq!(server.text(old).0, new, "{fields}");
        if reindexed {
            next_event(&events, "search");
        }
        server.assert_same_as_build(&site);
    }
    assert!(server.text("/2020/a.html").1.contains("/stories/a/"));
    // An old address where the story's own page is: the model stage says so.
    settle();
    site.story(a.0, a.1, &format!("{front}aliases: [/stories/d/]\n"), a.2);
    let err = next_event(&events, "build-error");
    assert!(err.contains("is the address of a page"), "{err}");
    save_story(
        &site,
        &server,
        &events,
        a,
        &format!("{front}slug: a-baru\n"),
    );
    // Withdrawn while B links to it: B's link is the error, in B's file.
    settle();
    site.story(
        a.0,
        a.1,
        &format!("{front}slug: a-baru\ndraft: true\n"),
        a.2,
    );
    let err = next_event(&events, "build-error");
    assert!(err.contains("unpublished story"), "{err}");
    assert!(err.contains("content/stories/2021/b.md"), "{err}");
    // Published again under its first address (a slug taken away: the
    // address then comes from the file's name, found by the model stage).
    save_story(&site, &server, &events, a, front);
    assert!(
        server
            .text("/stories/b/")
            .1
            .contains("href=\"/stories/a/\"")
    );
    // C, which nothing links to, withdrawn.
    let c = ("2021/c.md", "Cerita C", "Isi C.\n");
    save_story(
        &site,
        &server,
        &events,
        c,
        "date: 2021-03-01\ntags: [lingkungan]\ndraft: true\n",
    );
    assert_eq!(server.text("/stories/c/").0, 404);
    next_event(&events, "search");
    server.assert_same_as_build(&site);
}

#[test]
fn a_photo_set_or_a_file_changed_while_serving_renders_again_the_story_that_shows_it() {
    let site = fixture();
    let dir = "content/stories/2024";
    for i in 1..=2 {
        site.write_bytes(&format!("{dir}/foto-sesi/{i:02}.png"), &png(800, 600));
    }
    site.write(
        &format!("{dir}/foto-sesi/captions.yaml"),
        "01.png: Peserta berdiskusi\n02.png: Fasilitator menulis\n",
    );
    site.write_bytes(&format!("{dir}/materi.pdf"), &[b'%'; 1500]);
    site.story(
        "2024/laporan.md",
        "Laporan",
        "date: 2024-03-01\n",
        "{{ gallery(dir=\"foto-sesi\") }}\n\n{{ download(path=\"materi.pdf\", title=\"Materi\") }}\n",
    );
    let server = Serve::start(site.root());
    let events = server.events();
    next_event(&events, "hello");
    let page = |server: &Serve| server.text("/stories/laporan/").1;
    assert_eq!(page(&server).matches("<figure").count(), 2);
    // A caption rewritten (the data file the gallery reads).
    settle();
    site.write(
        &format!("{dir}/foto-sesi/captions.yaml"),
        "01.png: Peserta berdiskusi di balai desa\n02.png: Fasilitator menulis\n",
    );
    next_event(&events, "reload");
    assert!(page(&server).contains("Peserta berdiskusi di balai desa"));
    // The search index reads the story's text back from its page: it
    // follows each change.
    next_event(&events, "search");
    server.assert_same_as_build(&site);
    // A photo added to the set.
    settle();
    site.write_bytes(&format!("{dir}/foto-sesi/03.png"), &png(800, 600));
    next_event(&events, "reload");
    assert_eq!(page(&server).matches("<figure").count(), 3);
    next_event(&events, "search");
    server.assert_same_as_build(&site);
    // The download replaced by a larger file: its size follows.
    settle();
    site.write_bytes(&format!("{dir}/materi.pdf"), &[b'%'; 30_000]);
    next_event(&events, "reload");
    assert!(page(&server).contains("PDF, 30 KB"), "{}", page(&server));
    next_event(&events, "search");
    server.assert_same_as_build(&site);
}

#[test]
fn a_new_date_re_renders_the_listings_it_moves_not_every_story_after_it() {
    let site = fixture();
    site.write("cerita.yaml", &format!("{CONFIG}paginate: 5\n"));
    // Thirty stories a month apart, each with its own tag: a story page
    // shows its newer and older neighbour, the home pages five cards each.
    for i in 0..30 {
        site.story(
            &format!("2020/s{i:02}.md"),
            &format!("Cerita {i:02}"),
            &format!(
                "date: {}-{:02}-01\ntags: [topik-{i:02}]\n",
                2020 + i / 12,
                1 + i % 12
            ),
            &format!("Isi {i:02}.\n"),
        );
    }
    let server = Serve::start(site.root());
    let events = server.events();
    next_event(&events, "hello");
    settle();
    // The oldest story becomes the newest: every other story's index in
    // the order moves by one, but only the home pages, its own page, its
    // old and new neighbours, its tag and the archive show a difference.
    site.story(
        "2020/s00.md",
        "Cerita 00",
        "date: 2023-01-01\ntags: [topik-00]\n",
        "Isi 00.\n",
    );
    next_event(&events, "reload");
    let (rendered, total) = next_rendered(&server);
    assert!(
        rendered < 20 && total > 60,
        "rendered {rendered} of {total} pages: the moved indices re-rendered unchanged pages"
    );
    assert!(server.text("/").1.contains("Cerita 00"));
    next_event(&events, "search");
    server.assert_same_as_build(&site);
}

#[test]
fn no_search_leaves_the_index_out_of_the_preview_as_of_the_build() {
    let site = fixture();
    let server = Serve::start_with(site.root(), &["--no-search"]);
    assert_eq!(server.text("/").0, 200);
    let events = server.events();
    next_event(&events, "hello");
    settle();
    site.story(
        "2021/a.md",
        "Cerita A, diperbarui",
        "date: 2021-01-01\npartners: [HAPSARI]\ntags: [pelatihan]\n",
        "Isi A.\n",
    );
    next_event(&events, "reload");
    // No index is built, before or after an edit.
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(server.get("/search/index.json").0, 404);
    assert!(!site.path("public").exists());
}

#[test]
fn partner_edits_patch_the_model_and_match_the_build() {
    let site = fixture();
    site.write("cerita.yaml", &format!("{CONFIG}paginate: 3\n"));
    site.write(
        "content/partners/walhi.md",
        "---\nname: WALHI\naliases: [Wahana Lingkungan Hidup]\n---\nJaringan lingkungan.\n",
    );
    for i in 0..9 {
        let partners = ["HAPSARI", "WALHI", "Sanggar Anak Alam"][i % 3];
        site.story(
            &format!("2022/p{i}.md"),
            &format!("Cerita P{i}"),
            &format!(
                "date: 2022-0{}-10\npartners: [{partners}]\ntags: [lingkungan]\n",
                1 + i
            ),
            &format!("Isi P{i}.\n"),
        );
    }
    let server = Serve::start(site.root());
    let events = server.events();
    next_event(&events, "hello");
    let edit = |partners: &str| {
        let front = format!("date: 2022-05-10\npartners: [{partners}]\ntags: [lingkungan]\n");
        save_story(
            &site,
            &server,
            &events,
            ("2022/p4.md", "Cerita P4", "Isi P4.\n"),
            &front,
        )
    };
    // A partner met for the first time (and the story's old one, named
    // by others, kept); another new one (the first goes); a profile by its
    // alias, with a partner known from other stories; none at all.
    for partners in [
        "WALHI, Kelompok Tani Baru",
        "Koperasi Nelayan",
        "Wahana Lingkungan Hidup, Sanggar Anak Alam",
        "",
        "HAPSARI, HAPSARI",
    ] {
        let p = edit(partners);
        assert!(p.contains("model (patched)"), "[{partners}]: {p}");
        next_event(&events, "search");
        server.assert_same_as_build(&site);
    }
    assert_eq!(server.text("/partners/koperasi-nelayan/").0, 404);
    server.diagnostics();
    // Spelled otherwise than its profile: patched too, with its warning,
    // which goes when the spelling is mended.
    // (The search index, whose partner is the same, stays as it is.)
    let p = edit("Hapsari");
    assert!(p.contains("model (patched)"), "{p}");
    let warned = server.diagnostics();
    assert!(warned.contains("partner spelled `Hapsari`"), "{warned}");
    assert!(warned.contains("p4.md"), "{warned}");
    server.assert_same_as_build(&site);
    let p = edit("HAPSARI");
    assert!(p.contains("model (patched)"), "{p}");
    assert!(!server.diagnostics().contains("Hapsari"));
    server.assert_same_as_build(&site);
    // A partner without a profile that another story spells otherwise:
    // as many of each spelling, the name becomes the edited story's
    // (ties go to the spelling that sorts first), on the other story's
    // card and page too.
    save_story(
        &site,
        &server,
        &events,
        ("2022/k.md", "Cerita K", "Isi K.\n"),
        "date: 2021-12-10\npartners: [Serikat buruh]\ntags: [lingkungan]\n",
    );
    next_event(&events, "search");
    server.diagnostics();
    let p = edit("Serikat Buruh");
    assert!(p.contains("model (patched)"), "{p}");
    let warned = server.diagnostics();
    assert!(
        warned.contains("partner `serikat-buruh` is spelled in 2 ways"),
        "{warned}"
    );
    next_event(&events, "search");
    server.assert_same_as_build(&site);
    assert!(server.text("/stories/k/").1.contains("Serikat Buruh"));
    // An old address among the partners' pages: a new partner elsewhere
    // is patched; one whose page would be there is an error the model
    // stage reports.
    settle();
    site.write(
        "content/partners/koperasi-baru.md",
        "---\nname: Koperasi Baru\naliases: [/partners/koperasi-lama/]\n---\nKoperasi.\n",
    );
    next_event(&events, "reload");
    phases(&server);
    let p = edit("Mitra Lain");
    assert!(p.contains("model (patched)"), "{p}");
    next_event(&events, "search");
    server.assert_same_as_build(&site);
    settle();
    site.story(
        "2022/p4.md",
        "Cerita P4",
        "date: 2022-05-10\npartners: [Koperasi Lama]\ntags: [lingkungan]\n",
        "Isi P4.\n",
    );
    let err = next_event(&events, "build-error");
    assert!(err.contains("is the address of a page"), "{err}");
}

#[test]
fn tag_author_and_region_edits_patch_the_model_and_match_the_build() {
    let site = fixture();
    site.write(
        "cerita.yaml",
        &format!("{CONFIG}paginate: 3\nlanguages:\n  en:\n    title: Test Site\n"),
    );
    for i in 0..8 {
        // `Kesehatan` and `kesehatan` once each: the first spelling names it.
        let tag = match i {
            2 => "Kesehatan",
            5 => "kesehatan",
            _ => ["lingkungan", "pelatihan"][i % 2],
        };
        site.story(
            &format!("2022/t{i}.md"),
            &format!("Cerita T{i}"),
            &format!(
                "date: 2022-0{}-10\npartners: [HAPSARI]\ntags: [{tag}]\nauthors: [Rina]\nregion: Gresik\n",
                1 + i
            ),
            &format!("Isi T{i}.\n"),
        );
    }
    site.story(
        "2022/t1.en.md",
        "Story T1",
        "date: 2022-02-10\ntags: [training]\nauthors: [Rina]\n",
        "Text T1.\n",
    );
    let server = Serve::start(site.root());
    let events = server.events();
    next_event(&events, "hello");
    let edit = |(date, front): (&str, &str)| {
        let front = format!("date: {date}\n{front}");
        save_story(
            &site,
            &server,
            &events,
            ("2022/t4.md", "Cerita T4", "Isi T4.\n"),
            &front,
        )
    };
    // A tag met for the first time (its page appears; the old one, named by
    // others, stays); a tag the other language has too (its "also in"
    // links); an author and a region of their own; tags and partners at
    // once; none at all; a new date with new tags, and with new partners
    // too (across listing pages); a spelling that renames a tag on every
    // card.
    let may = "2022-05-10";
    for front in [
        (
            may,
            "partners: [HAPSARI]\ntags: [lingkungan, tema baru]\nauthors: [Rina]\nregion: Gresik\n",
        ),
        (
            may,
            "partners: [HAPSARI]\ntags: [training]\nauthors: [Rina]\nregion: Gresik\n",
        ),
        (
            may,
            "partners: [HAPSARI]\ntags: [training]\nauthors: [Rina, Dewi]\nregion: Lamongan\n",
        ),
        (
            may,
            "partners: [WALHI]\ntags: [pelatihan, lingkungan]\nauthors: [Dewi]\n",
        ),
        (may, "partners: [WALHI]\n"),
        ("2022-12-01", "partners: [WALHI]\ntags: [lingkungan]\n"),
        (
            "2021-03-03",
            "partners: [HAPSARI, WALHI]\ntags: [pelatihan]\nregion: Tuban\n",
        ),
        (may, "tags: [kesehatan]\nauthors: [Rina]\nregion: Gresik\n"),
    ] {
        let p = edit(front);
        assert!(p.contains("model (patched)"), "{front:?}: {p}");
        next_event(&events, "search");
        server.assert_same_as_build(&site);
    }
    let (_, page) = server.text("/stories/t2/");
    assert!(page.contains(">kesehatan<"), "{page}");
    assert_eq!(server.text("/tags/tema-baru/").0, 404);
    assert_eq!(server.text("/regions/lamongan/").0, 404);
    // An old address among the tags' pages: a new tag elsewhere is
    // patched; one whose page would be there is an error the model stage
    // reports.
    settle();
    site.write(
        "content/pages/lama.md",
        "---\ntitle: Lama\naliases: [/tags/tema-lama/]\n---\nHalaman.\n",
    );
    next_event(&events, "reload");
    phases(&server);
    let p = edit((may, "tags: [tema lain]\n"));
    assert!(p.contains("model (patched)"), "{p}");
    next_event(&events, "search");
    server.assert_same_as_build(&site);
    settle();
    site.story(
        "2022/t4.md",
        "Cerita T4",
        &format!("date: {may}\ntags: [tema lama]\n"),
        "Isi T4.\n",
    );
    let err = next_event(&events, "build-error");
    assert!(err.contains("is the address of a page"), "{err}");
}

#[test]
fn patched_edits_match_the_build_where_related_stories_are_windowed() {
    // Enough stories that each story's related ones come from a window of
    // its lists (not the whole list), and some share nothing with the one
    // edited: what the patches leave as they are must still be right.
    let site = fixture();
    for i in 0..260 {
        let partners = if i % 5 == 0 {
            format!("Mitra {}, Mitra {}", i % 4, (i / 7) % 4)
        } else {
            format!("Mitra {}", i % 4)
        };
        site.story(
            &format!("2020/w{i:03}.md"),
            &format!("Cerita W{i:03}"),
            &format!(
                "date: {}-{:02}-{:02}\npartners: [{partners}]\ntags: [topik-{}, tema-{}]\n",
                2000 + i / 12,
                1 + i % 12,
                1 + i % 27,
                i % 6,
                (i / 5) % 3
            ),
            &format!("Isi W{i:03}.\n"),
        );
    }
    let server = Serve::start(site.root());
    let events = server.events();
    next_event(&events, "hello");
    let edit = |front: &str| {
        let front = match front.contains("tags:") {
            true => format!("{front}\n"),
            false => format!("{front}\ntags: [topik-4, tema-2]\n"),
        };
        save_story(
            &site,
            &server,
            &events,
            ("2020/w130.md", "Cerita W130", "Isi W130.\n"),
            &front,
        )
    };
    for front in [
        "date: 2025-01-01\npartners: [Mitra 2, Mitra 2]",
        "date: 1990-06-15\npartners: [Mitra 2, Mitra 2]",
        "date: 1990-06-15\npartners: [Mitra Baru]",
        "date: 1990-06-15\npartners: [Mitra 0, Mitra 3]",
        "date: 2010-03-10\npartners: [Mitra 0, Mitra 3]",
        "date: 2010-03-10\npartners: [Mitra 0, Mitra 3]\ntags: [topik-1]",
        "date: 2010-03-10\npartners: [Mitra 1]\ntags: [topik-5, tema-0, topik-baru]",
        // A date with partners or tags in one save: the lists, then the order.
        "date: 2003-07-07\npartners: [Mitra 3]\ntags: [topik-2, tema-1]",
        "date: 2018-11-11\npartners: [Mitra 3]\ntags: [topik-0]",
        "date: 1995-02-02\npartners: [Mitra 0, Mitra 2]\ntags: [topik-0]",
    ] {
        let p = edit(front);
        assert!(p.contains("model (patched)"), "{front}: {p}");
        next_event(&events, "search");
        server.assert_same_as_build(&site);
    }
}

/// A template error on the page of the story saved (rendered first) is
/// reported with every other page's, as `cerita build` reports them: not
/// only the first page's.
#[test]
fn a_template_error_on_the_saved_story_reports_what_the_build_reports() {
    let site = fixture();
    // A story whose `extra.n` is not a number breaks its own page and its
    // card on every listing that shows it.
    site.write(
        "templates/partials/card.html",
        "<li>{{ story.title }}{% if story.extra.n %} {{ story.extra.n + 1 }}{% endif %}</li>",
    );
    site.write(
        "templates/story.html",
        "{% extends \"base.html\" %}{% block content %}<h1>{{ story.title }}</h1>\
         {% if story.extra.n %}{{ story.extra.n * 2 }}{% endif %}{% endblock %}",
    );
    let server = Serve::start(site.root());
    let events = server.events();
    next_event(&events, "hello");
    settle();
    site.story(
        "2021/a.md",
        "Cerita A",
        "date: 2021-01-01\npartners: [HAPSARI]\ntags: [pelatihan]\nextra:\n  n: x\n",
        "Isi A.\n",
    );
    let err = next_event(&events, "build-error");
    let o = Command::new(CERITA)
        .args(["build", "--root"])
        .arg(site.root())
        .arg("--output")
        .arg(site.path("built"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!o.status.success());
    let built = String::from_utf8_lossy(&o.stderr);
    // Each template the build names, the preview names too, as often.
    for template in ["templates/story.html", "templates/partials/card.html"] {
        assert!(built.contains(template), "{built}");
        assert!(err.contains(template), "{template}: {err}\nbuild:\n{built}");
    }
    let served = err.matches("\"message\":\"template error").count();
    let build = built.matches(": error: template error").count();
    assert!(build >= 2, "{built}");
    assert_eq!(served, build, "preview: {err}\nbuild:\n{built}");
}

/// Content written for other generators, edited while serving, as the
/// build makes it: a Jekyll post's file-name date (its address does not
/// move when `date:` is added), a TOML story, a page bundle, a section's
/// `_index.md`.
#[test]
fn other_generators_files_edited_while_serving_match_the_build() {
    let site = TestSite::new();
    site.write(
        "content/stories/2021-04-12-rapat-warga.md",
        "---\ntitle: Rapat warga\n---\nIsi.\n",
    );
    site.story(
        "lain.md",
        "Lain",
        "date: 2021-01-01\n",
        "Lihat [rapat](@/stories/2021-04-12-rapat-warga.md).\n",
    );
    site.write(
        "content/stories/zola.md",
        "+++\ntitle = \"Zola\"\ndate = 2021-02-01\n[taxonomies]\ntags = [\"a\"]\n+++\nIsi.\n",
    );
    let server = Serve::start(site.root());
    let events = server.events();
    next_event(&events, "hello");
    server.assert_same_as_build(&site);
    // Each edit, and whether it changes what search finds (the index
    // follows the reload in the background, then says so).
    for (path, text, search) in [
        (
            "content/stories/2021-04-12-rapat-warga.md",
            "---\ntitle: Rapat warga\ndate: 2021-04-12\n---\nIsi.\n",
            false,
        ),
        (
            "content/stories/zola.md",
            "+++\ntitle = \"Zola baru\"\ndate = 2021-03-01\n[taxonomies]\ntags = [\"b\"]\n+++\nIsi.\n",
            true,
        ),
        (
            "content/stories/blog/bundel/index.md",
            "---\ntitle: Bundel\ndate: 2021-05-01\n---\nIsi.\n",
            true,
        ),
        (
            "content/stories/blog/_index.md",
            "---\ntitle: Blog\n---\nIsi.\n",
            false,
        ),
    ] {
        settle();
        site.write(path, text);
        next_event(&events, "reload");
        if search {
            next_event(&events, "search");
        }
        server.assert_same_as_build(&site);
    }
    assert_eq!(server.text("/stories/2021-04-12-rapat-warga/").0, 200);
    assert_eq!(server.text("/stories/bundel/").0, 200);
}

/// A missing page under a language's folder is answered with that
/// language's not-found page, as hosts that look for the nearest one serve
/// it; elsewhere with the site's.
#[test]
fn a_missing_page_under_a_language_gets_that_languages_not_found_page() {
    let site = TestSite::empty();
    site.write(
        "cerita.yaml",
        "title: Cerita\nbase_url: https://example.org/\nlanguage: id\nlanguages:\n  en: { title: \"Stories\" }\n",
    );
    site.story("a.md", "A", "date: 2021-01-01\n", "Isi.\n");
    let server = Serve::start(site.root());
    let (status, html) = server.text("/en/tidak-ada/");
    assert_eq!(status, 404);
    assert!(html.contains("<html lang=\"en\""), "{html}");
    let (status, html) = server.text("/tidak-ada/");
    assert_eq!(status, 404);
    assert!(html.contains("<html lang=\"id\""), "{html}");
}

/// A translation's link follows its target's versions while the preview
/// runs: a story's English version written, or given to another story by
/// its `translation_key`, changes where English links to the Indonesian
/// file lead, as the build has them.
#[test]
fn a_translations_links_follow_new_versions_as_the_build_does() {
    let site = fixture();
    site.write(
        "cerita.yaml",
        &format!("{CONFIG}languages:\n  en:\n    title: Test Site\n"),
    );
    site.story(
        "2021/e.en.md",
        "Story E",
        "date: 2021-05-01\n",
        "See [b](@/stories/2021/b.md).\n",
    );
    let server = Serve::start(site.root());
    let events = server.events();
    next_event(&events, "hello");
    server.diagnostics();
    assert!(
        server
            .text("/en/stories/e/")
            .1
            .contains("href=\"/stories/b/\"")
    );
    // B's English version, new.
    settle();
    site.story("2021/b.en.md", "Story B", "date: 2021-02-01\n", "Text B.\n");
    next_event(&events, "reload");
    assert!(
        server
            .text("/en/stories/e/")
            .1
            .contains("href=\"/en/stories/b/\""),
        "{}",
        server.text("/en/stories/e/").1
    );
    next_event(&events, "search");
    server.assert_same_as_build(&site);
    // Its key moves it to another story's group: E's link goes back to B.
    let p = save_story(
        &site,
        &server,
        &events,
        ("2021/b.en.md", "Story B", "Text B.\n"),
        "date: 2021-02-01\ntranslation_key: lain\n",
    );
    let _ = p;
    assert!(
        server
            .text("/en/stories/e/")
            .1
            .contains("href=\"/stories/b/\"")
    );
    next_event(&events, "search");
    server.assert_same_as_build(&site);
}
