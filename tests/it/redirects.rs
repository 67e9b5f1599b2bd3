//! Old addresses keep working (`aliases:`): redirect pages at the old paths
//! and `_redirects` rules, at `/` and under a sub-path, in the preview
//! server too; aliases that cannot work are errors at their file and line.

use crate::support::*;

fn site() -> TestSite {
    let site = TestSite::new();
    site.story(
        "2021/penguatan.md",
        "Penguatan Kapasitas",
        "date: 2021-04-12\npartners: [HAPSARI]\naliases:\n  - /2021/04/12/penguatan-kapasitas/\n  - https://lama.example.org/arsip/penguatan.html\n  - /?p=123\n  - /2021/04/%E2%80%9Ccerita%E2%80%9D/\n",
        "Isi cerita.",
    );
    site.write(
        "content/pages/about.md",
        "---\ntitle: Tentang Kami\naliases: [/tentang-kami/]\n---\nHalo.\n",
    );
    site.write(
        "content/partners/hapsari.md",
        "---\nname: HAPSARI\naliases: [Hapsari Deli Serdang, /mitra/hapsari/]\n---\nProfil.\n",
    );
    site
}

/// The old address `from` (a file under `out`) leads to `to` (absolute).
fn leads_to(site: &TestSite, from: &str, to: &str) {
    let doc = site.html(from);
    assert_eq!(attrs(&doc, "link[rel=canonical]", "href"), [to], "{from}");
    assert_eq!(
        attrs(&doc, "meta[http-equiv=refresh]", "content"),
        [format!("0; url={to}")],
        "{from}"
    );
    assert_eq!(attrs(&doc, "meta[name=robots]", "content"), ["noindex"]);
    assert_eq!(attrs(&doc, "body a", "href"), [to]);
}

#[test]
fn old_addresses_lead_to_the_new_pages_and_into_host_rules() {
    let site = site();
    site.build_ok(&[]);
    let story = "https://example.org/stories/penguatan/";
    leads_to(&site, "2021/04/12/penguatan-kapasitas/index.html", story);
    leads_to(&site, "arsip/penguatan.html", story);
    leads_to(&site, "2021/04/“cerita”/index.html", story);
    leads_to(
        &site,
        "tentang-kami/index.html",
        "https://example.org/about/",
    );
    leads_to(
        &site,
        "mitra/hapsari/index.html",
        "https://example.org/partners/hapsari/",
    );
    let doc = site.html("tentang-kami/index.html");
    assert_eq!(attrs(&doc, "html", "lang"), ["id"]);
    assert!(texts(&doc, "body p")[0].starts_with("Halaman ini sudah pindah"));
    // The other spelling of the partner's name is still a spelling.
    assert!(!site.out("Hapsari Deli Serdang").exists());
    let rules = site.read_out("_redirects");
    let lines: Vec<&str> = rules.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(
        lines,
        [
            "/ p=123 /stories/penguatan/ 301",
            "/2021/04/12/penguatan-kapasitas/ /stories/penguatan/ 301",
            "/2021/04/“cerita”/ /stories/penguatan/ 301",
            "/arsip/penguatan.html /stories/penguatan/ 301",
            "/mitra/hapsari/ /partners/hapsari/ 301",
            "/tentang-kami/ /about/ 301",
        ]
    );
    // Redirect pages are not pages of the site.
    let sitemap = site.read_out("sitemap.xml");
    assert!(!sitemap.contains("tentang-kami"));
    assert!(broken_links(&site.path("public"), "/").is_empty());
}

#[test]
fn under_a_sub_path_both_sides_carry_it() {
    let site = site();
    site.build_ok(&["--base-url", "https://example.org/cerita/"]);
    leads_to(
        &site,
        "2021/04/12/penguatan-kapasitas/index.html",
        "https://example.org/cerita/stories/penguatan/",
    );
    assert!(
        site.read_out("_redirects")
            .contains("/cerita/tentang-kami/ /cerita/about/ 301")
    );
    assert!(broken_links(&site.path("public"), "/cerita/").is_empty());
}

#[test]
fn the_sites_own_rules_come_first() {
    let site = site();
    site.write("static/_redirects", "/lama/* /stories/:splat 302");
    site.build_ok(&[]);
    let rules = site.read_out("_redirects");
    assert!(
        rules.starts_with("/lama/* /stories/:splat 302\n"),
        "{rules}"
    );
    assert!(rules.contains("/tentang-kami/ /about/ 301"));
    // Without aliases the file is copied as it is.
    let plain = TestSite::new();
    plain.story("a.md", "A", "date: 2021-01-01\n", "x");
    plain.write("static/_redirects", "/x /y 302\n");
    plain.build_ok(&[]);
    assert_eq!(plain.read_out("_redirects"), "/x /y 302\n");
}

#[test]
fn aliases_that_cannot_work_are_errors_at_their_line() {
    let site = TestSite::new();
    site.story(
        "a.md",
        "A",
        "date: 2021-01-01\naliases: [/stories/b/]\n",
        "x",
    );
    site.story("b.md", "B", "date: 2021-01-02\naliases: [lama/b/]\n", "x");
    site.story("c.md", "C", "date: 2021-01-03\naliases: [/lama/]\n", "x");
    site.write(
        "content/pages/d.md",
        "---\ntitle: D\naliases:\n  - /lama\n---\nx\n",
    );
    // A Jekyll permalink moved into `aliases:` as it was: no address a
    // reader had (and a folder named `:year` where one cannot be made).
    site.story(
        "e.md",
        "E",
        "date: 2021-01-04\naliases: [\"/:year/:month/:day/hijrah:output_ext\", /kabar/:title/]\n",
        "x",
    );
    let out = site.cerita(&["build"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("content/stories/a.md:4:1")
            && err.contains("the address of a page of this site"),
        "{err}"
    );
    assert!(
        err.contains("content/stories/b.md:4:1") && err.contains("is not an address"),
        "{err}"
    );
    assert!(
        err.contains("content/stories/c.md") && err.contains("also an alias of"),
        "{err}"
    );
    assert!(err.contains("content/pages/d.md:3:1"), "{err}");
    assert_eq!(err.matches("is a permalink pattern").count(), 2, "{err}");
    assert!(err.contains("content/stories/e.md:4:1"), "{err}");
    assert!(err.contains("`/2021/04/12/judul-lama.html`"), "{err}");
    assert!(
        !site.path("public").exists(),
        "a failed build writes nothing"
    );
}

#[test]
fn the_preview_answers_an_old_address_once_the_alias_is_written() {
    let site = TestSite::new();
    site.story(
        "a.md",
        "Judul Baru",
        "date: 2021-01-01\nslug: judul-baru\n",
        "x",
    );
    let serve = Serve::start(site.root());
    assert_eq!(serve.get("/stories/judul-lama/").0, 404);
    let events = serve.events();
    next_event(&events, "hello");
    settle();
    site.story(
        "a.md",
        "Judul Baru",
        "date: 2021-01-01\nslug: judul-baru\naliases: [/stories/judul-lama/]\n",
        "x",
    );
    next_event(&events, "reload");
    let (status, body) = serve.text("/stories/judul-lama/");
    assert_eq!(status, 200);
    assert!(body.contains("http-equiv=\"refresh\""), "{body}");
    assert!(body.contains("/stories/judul-baru/"), "{body}");
}
