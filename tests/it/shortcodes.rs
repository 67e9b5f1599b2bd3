//! Shortcodes in stories: the built-in video, gallery, quote, download and
//! figure as real markup, a site's own shortcodes and overrides, the
//! writer's mistakes at file:line:col, and the share links under a story.

use std::time::Duration;

use crate::support::*;
use cerita::search::query::{Filters, Searcher};

const STORY: &str = "stories/laporan/index.html";

/// A webinar report with every built-in shortcode, its photos and files.
fn report_site() -> TestSite {
    let site = TestSite::new();
    let dir = "content/stories/2024";
    site.write_bytes(&format!("{dir}/poster.png"), &png(1280, 720));
    for i in 1..=3 {
        site.write_bytes(&format!("{dir}/foto-sesi/{i:02}.png"), &png(1600, 1200));
    }
    site.write(
        &format!("{dir}/foto-sesi/captions.yaml"),
        "01.png: \"Peserta berdiskusi di balai desa\"\n02.png: Fasilitator menulis di papan\n",
    );
    site.write_bytes(&format!("{dir}/materi-sesi.pdf"), &[b'%'; 1500]);
    site.write_bytes(&format!("{dir}/rekaman.mp4"), &[0; 64]);
    site.story(
        "2024/laporan.md",
        "Laporan webinar",
        "date: 2024-03-01\n",
        r#"{{ video(url="https://youtu.be/aqz-KE-bpKQ?t=90", title="Rekaman sesi kedua", poster="poster.png") }}

Webinar ini membahas keamanan digital.

{% quote(name="Ibu Sari", role="Ketua serikat", paraphrase=true) %}
Kami belajar **mengamankan** akun bersama-sama, pelan-pelan.
{% end %}

{{ gallery(dir="foto-sesi") }}

{{ download(path="materi-sesi.pdf", title="Materi sesi") }}

{{ figure(src="poster.png", alt="Poster acara", caption="Poster webinar", credit="Panitia") }}

{{ video(url="rekaman.mp4", title="Rekaman lokal") }}

Sintaksnya: `{{ video(url="…") }}` atau {{/* gallery(dir="x") */}}.

```
{% quote(name="x") %}tidak dirender{% end %}
```
"#,
    );
    site
}

#[test]
fn built_in_shortcodes_render_as_real_markup() {
    let site = report_site();
    let built = site.build_ok(&[]);
    // A photo without a caption: the alt-text warning, where to fix it.
    let err = stderr(&built);
    assert!(
        err.contains(
            "content/stories/2024/laporan.md:13:12: warning: image `03.png` has no alt text"
        ),
        "{err}"
    );
    assert!(
        err.contains("content/stories/2024/foto-sesi/captions.yaml"),
        "{err}"
    );
    let doc = site.html(STORY);

    // Video: a link to the video page that the script makes a button; the
    // poster is the site's own photo in its versions.
    let link = doc
        .select(&sel("figure.video a.video-link"))
        .next()
        .unwrap();
    let a = |n: &str| link.value().attr(n).unwrap_or_default().to_string();
    assert_eq!(
        a("href"),
        "https://www.youtube.com/watch?v=aqz-KE-bpKQ&t=90s"
    );
    assert_eq!(
        a("data-embed"),
        "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1&start=90"
    );
    assert_eq!(a("aria-label"), "Putar video: Rekaman sesi kedua (YouTube)");
    let poster = link.select(&sel("img")).next().unwrap();
    assert_eq!(poster.value().attr("src"), Some("/stories/2024/poster.png"));
    assert!(poster.value().attr("srcset").unwrap().contains("480w"));
    assert_eq!(
        texts(&doc, "figure.video figcaption")[0],
        "Rekaman sesi kedua · YouTube"
    );
    // Nothing on the page is fetched from another host.
    for css in [
        "[src]",
        "[srcset]",
        "link[rel=stylesheet]",
        "link[rel=icon]",
    ] {
        for attr in ["src", "srcset", "href"] {
            for v in attrs(&doc, css, attr) {
                assert!(!v.contains("//"), "{css} {attr}={v}");
            }
        }
    }
    // A local video: the browser's own player, nothing loaded before play.
    let local = doc
        .select(&sel("figure.video video[preload=none] source"))
        .next()
        .unwrap();
    assert_eq!(local.value().attr("src"), Some("/stories/2024/rekaman.mp4"));
    assert_eq!(local.value().attr("type"), Some("video/mp4"));

    // Quote: figure, blockquote with the Markdown body, caption.
    assert_eq!(
        texts(&doc, "figure.quote blockquote strong"),
        ["mengamankan"]
    );
    assert_eq!(texts(&doc, ".quote-name"), ["Ibu Sari"]);
    assert_eq!(texts(&doc, ".quote-role"), ["Ketua serikat"]);
    assert_eq!(texts(&doc, ".quote-note").len(), 1);

    // Gallery: every photo of the folder, captions from captions.yaml,
    // each linking to its largest version; the data file is not published.
    assert_eq!(
        attrs(&doc, ".gallery li a", "href"),
        [
            "/stories/2024/foto-sesi/01.png",
            "/stories/2024/foto-sesi/02.png",
            "/stories/2024/foto-sesi/03.png"
        ]
    );
    assert_eq!(
        attrs(&doc, ".gallery img", "alt"),
        [
            "Peserta berdiskusi di balai desa",
            "Fasilitator menulis di papan",
            "Foto 3/3"
        ]
    );
    assert!(
        attrs(&doc, ".gallery img", "loading")
            .iter()
            .all(|l| l == "lazy")
    );
    assert!(
        attrs(&doc, ".gallery source", "type")
            .iter()
            .all(|t| t == "image/webp")
    );
    assert!(!site.out("stories/2024/foto-sesi/captions.yaml").exists());

    // Download: title, type and size measured at build.
    assert_eq!(
        attrs(&doc, ".download a", "href"),
        ["/stories/2024/materi-sesi.pdf"]
    );
    assert_eq!(texts(&doc, ".download-title"), ["Materi sesi"]);
    assert_eq!(texts(&doc, ".download-meta"), ["Unduh · PDF, 1,5 KB"]);

    // Figure: photo, caption, credit.
    assert_eq!(attrs(&doc, "figure.figure img", "alt"), ["Poster acara"]);
    assert_eq!(
        texts(&doc, "figure.figure figcaption"),
        ["Poster webinar Foto: Panitia"]
    );

    // The syntax inside code stays text; `{{/* */}}` writes it.
    let html = site.read_out(STORY);
    assert!(
        html.contains("<code>{{ video(url=\"…\") }}</code>"),
        "{html}"
    );
    assert!(html.contains("atau {{ gallery(dir=\"x\") }}."));
    assert!(html.contains("{% quote(name=\"x\") %}tidak dirender{% end %}"));
    // A block shortcode never sits inside a paragraph.
    assert!(!html.contains("<p><figure") && !html.contains("<p><ul"));

    // The summary is the first paragraph of text, not the video's title.
    assert_eq!(
        attrs(&doc, "meta[name=description]", "content"),
        ["Webinar ini membahas keamanan digital."]
    );

    // Search reads what a reader reads: the quote's words, the captions.
    let mut s = Searcher::open(site.path("public")).unwrap();
    for q in ["mengamankan", "fasilitator"] {
        assert_eq!(s.search(q, &Filters::default(), false).hits.len(), 1, "{q}");
    }
    assert!(
        s.search("preload", &Filters::default(), false)
            .hits
            .is_empty()
    );
}

#[test]
fn share_links_are_plain_addresses_and_examples_say_so() {
    let site = TestSite::new();
    site.story(
        "2024/a.md",
        "Cerita & contoh",
        "date: 2024-03-01\nextra:\n  example: true\n",
        "Isi.\n",
    );
    site.story("2024/b.md", "Cerita nyata", "date: 2024-03-02\n", "Isi.\n");
    site.build_ok(&[]);
    let doc = site.html("stories/a/index.html");
    let links = attrs(&doc, ".share a", "href");
    assert_eq!(
        links,
        [
            "https://wa.me/?text=Cerita%20%26%20contoh%20https%3A%2F%2Fexample.org%2Fstories%2Fa%2F",
            "https://t.me/share/url?url=https%3A%2F%2Fexample.org%2Fstories%2Fa%2F&text=Cerita%20%26%20contoh",
            "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fexample.org%2Fstories%2Fa%2F",
            "https://x.com/intent/post?text=Cerita%20%26%20contoh&url=https%3A%2F%2Fexample.org%2Fstories%2Fa%2F",
            "mailto:?subject=Cerita%20%26%20contoh&body=https%3A%2F%2Fexample.org%2Fstories%2Fa%2F",
        ]
    );
    // Accessible names in the page's language; the script-only buttons
    // start hidden.
    assert_eq!(texts(&doc, ".share li")[0], "Bagikan lewat WhatsApp");
    assert_eq!(attrs(&doc, ".share button[hidden]", "class").len(), 2);
    assert_eq!(texts(&doc, ".story-head .notice").len(), 1);
    let real = site.html("stories/b/index.html");
    assert!(texts(&real, ".story-head .notice").is_empty());
}

#[test]
fn a_site_adds_its_own_shortcodes_and_overrides_built_in_ones() {
    let site = TestSite::new();
    site.write(
        "templates/shortcodes/peta.html",
        "<div class=\"peta\" data-zoom=\"{{ zoom }}\" data-on=\"{{ tampil }}\">{{ judul }}|{% for t in titik %}{{ t }};{% endfor %}</div><a class=\"peta-link\" href=\"{{ tautan | safe_url }}\">x</a>",
    );
    // A built-in replaced by the site may take arguments of its own, and
    // keeps what cerita works out for it.
    site.write(
        "templates/shortcodes/video.html",
        "<div class=\"v\" data-autoplay=\"{{ autoplay }}\">{{ video.embed }}</div>",
    );
    site.write(
        "templates/shortcodes/quote.html",
        "<aside class=\"kutipan\">{{ body | safe }}<b>{{ name }}</b></aside>",
    );
    site.story(
        "2024/a.md",
        "A",
        "date: 2024-03-01\n",
        "{{ peta(judul=\"<script>alert(1)</script>\", zoom=12, tampil=false, titik=[\"Medan\", 'Lombok'], tautan=\" JavaScript:alert(1)\") }}\n\n{{ video(url=\"https://youtu.be/aqz-KE-bpKQ\", autoplay=true) }}\n\n{% quote(name=\"Rina\") %}\n<script>alert(2)</script>Isi <em>miring</em> <img src=x onerror=alert(3)>\n{% end %}\n",
    );
    site.build_ok(&[]);
    let html = site.read_out("stories/a/index.html");
    // Arguments are typed and escaped.
    assert!(
        html.contains("<div class=\"peta\" data-zoom=\"12\" data-on=\"false\">&lt;script&gt;alert(1)&lt;&#x2F;script&gt;|Medan;Lombok;</div>")
            || html.contains("<div class=\"peta\" data-zoom=\"12\" data-on=\"false\">&lt;script&gt;alert(1)&lt;/script&gt;|Medan;Lombok;</div>"),
        "{html}"
    );
    // The site's quote replaced the theme's; its body is sanitised like
    // the story's own HTML.
    let doc = site.html("stories/a/index.html");
    assert_eq!(texts(&doc, "aside.kutipan b"), ["Rina"]);
    assert_eq!(texts(&doc, "aside.kutipan em"), ["miring"]);
    assert!(!html.contains("alert(2)") && !html.contains("onerror"));
    assert!(doc.select(&sel("figure.quote")).next().is_none());
    // `safe_url` keeps a writer's `javascript:` out of an address.
    assert_eq!(attrs(&doc, "a.peta-link", "href"), ["#"]);
    assert_eq!(
        texts(&doc, "div.v"),
        ["https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1"]
    );
    assert_eq!(attrs(&doc, "div.v", "data-autoplay"), ["true"]);
}

#[test]
fn mistakes_are_reported_at_the_writers_line_and_nothing_is_lost() {
    let site = report_site();
    site.build_ok(&[]);
    let before = snapshot(&site.path("public"));
    site.story(
        "2024/salah.md",
        "Salah",
        "date: 2024-03-02\n",
        r#"Paragraf.

{{ vidoe(url="https://youtu.be/aqz-KE-bpKQ") }}

{{ video(title="Tanpa alamat") }}

{{ video(url="https://example.org/v/1") }}

{% quote(name="A", paraphrase="ya") %}isi{% end %}

{{ download(path="tidak-ada.pdf") }}

{{ gallery(dir="foto-sesi", judul="x") }}

{{ figure(src=poster.png) }}

{% quote(name="B") %}
tidak pernah ditutup
"#,
    );
    let out = site.cerita(&["build"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    let f = "content/stories/2024/salah.md";
    for (at, what) in [
        ("7:4", "unknown shortcode `vidoe`"),
        ("7:4", "did you mean `video`?"),
        ("9:4", "`video` needs the argument `url`"),
        (
            "11:10",
            "not a YouTube, Vimeo, Google Drive or Facebook video address",
        ),
        ("13:20", "`paraphrase` must be true or false, not text"),
        ("15:13", "file not found: `tidak-ada.pdf`"),
        ("17:29", "`gallery` has no argument `judul`"),
        ("19:15", "`poster` is not a value"),
        ("21:4", "the shortcode `quote` is never closed"),
    ] {
        let line = err
            .lines()
            .find(|l| l.starts_with(&format!("{f}:{at}:")))
            .unwrap_or_else(|| panic!("no error at {at}:\n{err}"));
        assert!(
            err.contains(what),
            "{at}: want `{what}` near `{line}`\n{err}"
        );
    }
    assert_eq!(snapshot(&site.path("public")), before);

    // `check` reports the same.
    let out = site.cerita(&["check"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains(&format!("{f}:15:13: error: file not found")));
}

#[test]
fn captions_yaml_problems_point_into_it() {
    let site = report_site();
    site.write(
        "content/stories/2024/foto-sesi/captions.yaml",
        "01.png: \"ok\"\n02.png: [bukan, teks]\n",
    );
    let out = site.cerita(&["build"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains(
            "content/stories/2024/foto-sesi/captions.yaml:2:9: error: the caption of `02.png` must be text"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_preview_renders_a_story_again_when_its_shortcode_template_changes() {
    let site = report_site();
    site.write("templates/.keep", "");
    let server = Serve::start(site.root());
    let events = server.events();
    next_event(&events, "hello");
    settle();
    site.write(
        "templates/shortcodes/download.html",
        "<p class=\"unduh-baru\">{{ file.name }} ({{ file.size }})</p>",
    );
    next_event(&events, "reload");
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        let (_, body) = server.text("/stories/laporan/");
        if body.contains("<p class=\"unduh-baru\">materi-sesi.pdf (1,5 KB)</p>") {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "not re-rendered:\n{body}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    // A new caption shows too (the data file is part of the story's inputs).
    settle();
    site.write(
        "content/stories/2024/foto-sesi/captions.yaml",
        "03.png: Foto ketiga\n",
    );
    next_event(&events, "reload");
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while !server
        .text("/stories/laporan/")
        .1
        .contains("alt=\"Foto ketiga\"")
    {
        assert!(std::time::Instant::now() < deadline, "captions not re-read");
        std::thread::sleep(Duration::from_millis(100));
    }
    next_event(&events, "search");
    server.assert_same_as_build(&site);
}

#[test]
fn the_fuzzers_and_property_tests_run_the_built_in_shortcodes() {
    let r = cerita::harness::markdown(
        "---\ntitle: x\n---\n{{ video(url=\"https://youtu.be/aqz-KE-bpKQ\", title=\"<b>\") }}\n",
    );
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    assert!(r.html.contains("class=\"video-link\""), "{}", r.html);
    assert!(
        r.html.contains("&lt;b&gt;") && !r.html.contains("<b>"),
        "{}",
        r.html
    );
}

/// Writes `file`, a story whose text is a video of `url`, builds, and
/// returns the build's messages: the build must fail, at the video's line.
fn video_error(site: &TestSite, file: &str, url: &str) -> String {
    site.story(
        file,
        "Rekaman",
        "date: 2024-03-01\n",
        &format!("{{{{ video(url=\"{url}\") }}}}\n"),
    );
    let err = site.build_fails();
    assert!(err.contains(&format!("content/stories/{file}:5:")), "{err}");
    err
}

/// A recording shared from Google Drive, as webinar organisers share their
/// meeting recordings: the same card as YouTube's, nothing requested from
/// Google until play, then Drive's player; a Drive folder is an error.
#[test]
fn a_google_drive_recording_is_a_video_that_costs_nothing_until_played() {
    let site = TestSite::new();
    site.story(
        "rekaman.md",
        "Rekaman webinar",
        "date: 2024-03-01\n",
        "{{ video(url=\"https://drive.google.com/file/d/1AbC-dEf_GhIjKlMnOpQrStUvWxYz0123/view?usp=sharing\", title=\"Rekaman Zoom\") }}\n",
    );
    site.build_ok(&[]);
    let doc = site.html("stories/rekaman/index.html");
    let link = doc
        .select(&sel("figure.video a.video-link"))
        .next()
        .unwrap();
    let a = |n: &str| link.value().attr(n).unwrap_or_default().to_string();
    assert_eq!(
        a("href"),
        "https://drive.google.com/file/d/1AbC-dEf_GhIjKlMnOpQrStUvWxYz0123/view"
    );
    assert_eq!(
        a("data-embed"),
        "https://drive.google.com/file/d/1AbC-dEf_GhIjKlMnOpQrStUvWxYz0123/preview"
    );
    assert_eq!(a("aria-label"), "Putar video: Rekaman Zoom (Google Drive)");
    for attr in ["src", "srcset"] {
        for v in attrs(&doc, &format!("[{attr}]"), attr) {
            assert!(!v.contains("google"), "{attr}={v}");
        }
    }

    let err = video_error(
        &site,
        "rekaman.md",
        "https://drive.google.com/drive/folders/1AbC-dEf_GhIjKlMnOpQrStUv",
    );
    assert!(
        err.contains("is not a YouTube, Vimeo, Google Drive or Facebook video address"),
        "{err}"
    );
}

/// A webinar's Zoom cloud recording cannot be shown in a page (Zoom plays
/// it to its own users): an error that says to link to it or upload it
/// elsewhere. A recording on Dropbox plays from the file itself.
#[test]
fn a_zoom_recording_is_explained_and_a_dropbox_file_plays() {
    let site = TestSite::new();
    let err = video_error(
        &site,
        "zoom.md",
        "https://us02web.zoom.us/rec/share/AbC123xyz.DeF?startTime=1612345678000",
    );
    assert!(
        err.contains("is a Zoom recording") && err.contains("link to it instead"),
        "{err}"
    );
    site.story(
        "zoom.md",
        "Rekaman",
        "date: 2024-03-01\n",
        "{{ video(url=\"https://www.dropbox.com/scl/fi/abc123/rekaman.webm?rlkey=xyz&dl=0\", title=\"Rekaman\") }}\n",
    );
    site.build_ok(&[]);
    let doc = site.html("stories/zoom/index.html");
    let source = doc
        .select(&sel("figure.video video source"))
        .next()
        .unwrap();
    assert_eq!(
        source.value().attr("src"),
        Some("https://www.dropbox.com/scl/fi/abc123/rekaman.webm?rlkey=xyz&raw=1")
    );
    assert_eq!(source.value().attr("type"), Some("video/webm"));
}

/// A webinar streamed live on an organisation's Facebook page, pasted as
/// a phone shares it (`web.facebook.com`, a title in the path): the same
/// card, Facebook's player only once played, given the video's own
/// address. A short share link is an error that says how to get the
/// address it stands for.
#[test]
fn a_facebook_live_recording_is_a_video_and_a_short_share_link_is_explained() {
    let site = TestSite::new();
    site.story(
        "siaran.md",
        "Siaran langsung",
        "date: 2024-03-01\n",
        "{{ video(url=\"https://web.facebook.com/walhi.nasional/videos/diskusi-hutan-adat/1234567890123456/?mibextid=rS40aB7S9Ucbxw6v\", title=\"Diskusi hutan adat\") }}\n",
    );
    site.build_ok(&[]);
    let doc = site.html("stories/siaran/index.html");
    let link = doc
        .select(&sel("figure.video a.video-link"))
        .next()
        .unwrap();
    let a = |n: &str| link.value().attr(n).unwrap_or_default().to_string();
    assert_eq!(
        a("href"),
        "https://www.facebook.com/walhi.nasional/videos/1234567890123456/"
    );
    assert_eq!(
        a("data-embed"),
        "https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww%2Efacebook%2Ecom%2Fwalhi%2Enasional%2Fvideos%2F1234567890123456%2F&show_text=false&autoplay=true"
    );
    assert_eq!(
        a("aria-label"),
        "Putar video: Diskusi hutan adat (Facebook)"
    );
    for attr in ["src", "srcset"] {
        for v in attrs(&doc, &format!("[{attr}]"), attr) {
            assert!(!v.contains("facebook"), "{attr}={v}");
        }
    }

    let err = video_error(&site, "siaran.md", "https://fb.watch/aBcDeF12/");
    assert!(
        err.contains("is a short share link") && err.contains("open the link in a browser"),
        "{err}"
    );

    // A post, not the video in it: said so, with where to find the video's
    // own address.
    let err = video_error(
        &site,
        "siaran.md",
        "https://m.facebook.com/story.php?story_fbid=1035862816472149&id=116132035111903",
    );
    assert!(
        err.contains("is on Facebook, but is not a video's own address")
            && err.contains("click the video so it opens on its own"),
        "{err}"
    );
}

/// A YouTube Short and a Facebook reel are upright videos: their box is
/// upright (9:16), so the player fills it instead of showing a narrow
/// picture between wide black bars; an ordinary video keeps its wide box.
#[test]
fn a_short_and_a_reel_get_an_upright_box() {
    let site = TestSite::new();
    site.story(
        "pendek.md",
        "Video pendek",
        "date: 2024-03-01\n",
        "{{ video(url=\"https://youtube.com/shorts/aqz-KE-bpKQ?si=Ab12\", title=\"Aksi tanam\") }}\n\n\
         {{ video(url=\"https://www.facebook.com/reel/998877665544332\", title=\"Reel\") }}\n\n\
         {{ video(url=\"https://youtu.be/aqz-KE-bpKQ\", title=\"Webinar\") }}\n",
    );
    site.build_ok(&[]);
    let doc = site.html("stories/pendek/index.html");
    let classes = attrs(&doc, "figure.video", "class");
    assert_eq!(
        classes,
        ["video upright", "video upright", "video"],
        "{classes:?}"
    );
    // The Short plays in YouTube's ordinary player.
    let embeds = attrs(&doc, "figure.video a.video-link", "data-embed");
    assert_eq!(
        embeds[0],
        "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1"
    );
    let css = site.read_out("static/style.css");
    assert!(
        css.contains(".video.upright .video-box{aspect-ratio:9/16"),
        "{css}"
    );
}

/// A recording without picture: Spotify and SoundCloud as cards that load
/// the host's player when pressed (a show or a set the taller player with
/// its list), a file as the browser's player with its size. Each mistake
/// says what to write: a video given to `audio`, a recording to `video`, a
/// short share link, a file that is not there.
#[test]
fn a_recording_plays_from_a_podcast_host_or_a_file_and_mistakes_say_what_to_write() {
    let site = TestSite::new();
    site.write_bytes("content/stories/siaran.m4a", &[0u8; 2048]);
    site.story(
        "siniar.md",
        "Siniar",
        "date: 2024-03-01\n",
        "{{ audio(url=\"https://open.spotify.com/show/2MAi0BvDc6GTFvKFPXnkCL?si=x\") }}\n\n\
         {{ audio(url=\"https://soundcloud.com/komunitas/sets/webinar-2024\", title=\"Webinar 2024\") }}\n\n\
         {{ audio(url=\"siaran.m4a\") }}\n",
    );
    site.build_ok(&[]);
    let doc = site.html("stories/siniar/index.html");
    assert_eq!(
        attrs(&doc, "figure.audio", "class"),
        ["audio tall", "audio tall", "audio"]
    );
    assert_eq!(
        attrs(&doc, "figure.audio a.video-link", "data-embed"),
        [
            "https://open.spotify.com/embed/show/2MAi0BvDc6GTFvKFPXnkCL",
            "https://w.soundcloud.com/player/?url=https%3A%2F%2Fsoundcloud%2Ecom%2Fkomunitas%2Fsets%2Fwebinar%2D2024&auto_play=true"
        ]
    );
    assert_eq!(
        attrs(&doc, "figure.audio audio source", "type"),
        ["audio/mp4"]
    );
    assert_eq!(
        texts(&doc, "figure.audio figcaption")[2],
        "Unduh M4A, 2,0 KB"
    );

    for (url, said) in [
        (
            "https://youtu.be/aqz-KE-bpKQ",
            "show it with {{ video(url=\"https://youtu.be/aqz-KE-bpKQ\") }}",
        ),
        ("https://spotify.link/AbCdEf", "is a short share link"),
        ("hilang.mp3", "recording not found: `hilang.mp3`"),
        (
            "https://example.org/halaman",
            "nor an audio file (.mp3, .m4a",
        ),
    ] {
        site.story(
            "salah.md",
            "Salah",
            "date: 2024-03-02\n",
            &format!("{{{{ audio(url=\"{url}\") }}}}\n"),
        );
        let err = site.build_fails();
        assert!(
            err.contains("content/stories/salah.md:5:10: error:") && err.contains(said),
            "{err}"
        );
    }
    let err = video_error(&site, "salah.md", "siaran.m4a");
    assert!(
        err.contains("`siaran.m4a` is a recording without picture")
            && err.contains("play it with {{ audio(url=\"siaran.m4a\") }}"),
        "{err}"
    );
}

/// A figure's `link` makes the photo lead there (an address, or a story of
/// the site, whose address it follows); a link that goes nowhere is an
/// error at it. A caption's Markdown link and emphasis are kept; plain
/// text and what Markdown would read as a list stay text.
#[test]
fn a_figure_links_its_photo_and_keeps_its_captions_links() {
    let site = TestSite::new();
    site.write_bytes("content/stories/logo.png", &png(60, 40));
    site.story("mitra.md", "Mitra baru", "date: 2024-01-01\n", "Isi.\n");
    site.story(
        "a.md",
        "A",
        "date: 2024-01-02\n",
        r#"Isi.

{{ figure(src="logo.png", alt="Logo", link="https://osum.example.org/group/nwfpuet", caption="Sumber: [Bank Indonesia](https://www.bi.go.id) *2021*") }}

{{ figure(src="logo.png", alt="Logo lagi", link="@/stories/mitra.md", caption="1. Sesi pembukaan") }}

{{ figure(src="logo.png", alt="Polos", caption="a < b & c") }}

{{ figure(src="logo.png", alt="Mitra", link="@/stories/mitra.md#bagian", caption="Lihat [mitra](@/stories/mitra.md)") }}
"#,
    );
    site.build_ok(&[]);
    let doc = site.html("stories/a/index.html");
    assert_eq!(
        attrs(&doc, "figure.figure > a", "href"),
        [
            "https://osum.example.org/group/nwfpuet",
            "/stories/mitra/",
            "/stories/mitra/#bagian"
        ]
    );
    assert_eq!(
        attrs(&doc, "figure.figure > a img", "alt"),
        ["Logo", "Logo lagi", "Mitra"]
    );
    assert_eq!(
        attrs(&doc, "figure.figure figcaption a", "href"),
        ["https://www.bi.go.id", "/stories/mitra/"]
    );
    assert_eq!(texts(&doc, "figure.figure figcaption em"), ["2021"]);
    assert_eq!(
        texts(&doc, "figure.figure figcaption"),
        [
            "Sumber: Bank Indonesia 2021",
            "1. Sesi pembukaan",
            "a < b & c",
            "Lihat mitra"
        ]
    );
    assert!(
        doc.select(&sel("figure.figure figcaption ol"))
            .next()
            .is_none()
    );

    site.story(
        "b.md",
        "B",
        "date: 2024-01-03\n",
        "{{ figure(src=\"logo.png\", alt=\"Logo\", link=\"tidak-ada.md\", caption=\"[lain](hilang.md)\") }}\n",
    );
    let o = site.cerita(&["build"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("error: link not found: `tidak-ada.md`")
            && stderr(&o).contains("error: link not found: `hilang.md`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_gallery_of_one_photo_without_a_caption_is_not_numbered() {
    let site = TestSite::new();
    site.write_bytes("content/stories/2024/satu/a.png", &png(40, 30));
    site.story(
        "2024/satu.md",
        "Satu foto",
        "date: 2024-01-01\n",
        "{{ gallery(dir=\"satu\") }}\n",
    );
    site.build_ok(&[]);
    let doc = site.html("stories/satu/index.html");
    assert_eq!(attrs(&doc, ".gallery img", "alt"), ["Foto"]);
}
