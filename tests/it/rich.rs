//! A rich story in headless Chromium: a webinar report with a recording, a
//! quote, a handout and a 12-photo gallery. Every request the browser makes
//! to another host goes through a recording proxy, so "nothing is fetched
//! from the video host until play" is counted where it happens, not guessed
//! from the page. Also its weight on a phone, the keyboard, JavaScript off,
//! axe and the Nu checker.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::json;

use crate::reader::{axe, nu_errors, vnu};
use crate::support::*;

const STORY: &str = "stories/laporan-webinar/";

/// A stand-in for a phone photo, for size: detail at several scales and
/// sensor grain. Calibrated on real photographs (scikit-image's sample
/// photos, scaled to 360 px and saved as WebP at quality 80: 1.1–1.9 bits
/// per pixel for scenes, 2.5–3 for grass and gravel): its 360-px tile
/// comes out at about 1.5 bits per pixel, a busy scene.
fn photo(w: u32, h: u32, seed: u32) -> Vec<u8> {
    let hash = |x: u32, y: u32, k: u32| {
        let mut v = x.wrapping_mul(374_761_393)
            ^ y.wrapping_mul(668_265_263)
            ^ k.wrapping_mul(2_246_822_519)
            ^ seed.wrapping_mul(3_266_489_917);
        v = (v ^ (v >> 13)).wrapping_mul(1_274_126_177);
        (v ^ (v >> 16)) % 256
    };
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        let level = |c: u32| {
            let coarse = hash(x / 96, y / 96, c) as i32;
            let mid = hash(x / 40, y / 40, c + 3) as i32 - 128;
            let fine = hash(x / 3, y / 3, c + 6) as i32 - 128;
            let grain = hash(x, y, c + 9) as i32 % 12 - 6;
            (coarse + mid / 4 + fine / 9 + grain).clamp(0, 255) as u8
        };
        image::Rgb([level(0), level(1), level(2)])
    });
    jpeg(&img, 88)
}

fn rich_site() -> TestSite {
    let site = TestSite::new();
    let dir = "content/stories/2024";
    site.write_bytes(&format!("{dir}/poster-webinar.jpg"), &photo(1920, 1080, 1));
    let mut captions = String::new();
    for i in 1..=12u32 {
        let (w, h) = if i % 4 == 0 {
            (1500, 2000)
        } else {
            (2000, 1500)
        };
        site.write_bytes(
            &format!("{dir}/foto-webinar/{i:02}.jpg"),
            &photo(w, h, i + 3),
        );
        captions.push_str(&format!(
            "{i:02}.jpg: \"Peserta sesi {i} berdiskusi dalam kelompok\"\n"
        ));
    }
    site.write(&format!("{dir}/foto-webinar/captions.yaml"), &captions);
    site.write_bytes(&format!("{dir}/materi.pdf"), &[b'%'; 48_000]);
    site.story(
        "2024/laporan-webinar.md",
        "Laporan webinar keamanan digital",
        "date: 2024-03-01\ntags: [keamanan digital]\n",
        r#"Webinar ini membahas cara komunitas menjaga akun dan data anggotanya.

{{ video(url="https://www.youtube.com/watch?v=aqz-KE-bpKQ", title="Rekaman sesi (contoh)", poster="poster-webinar.jpg") }}

Sesi dibuka dengan cerita pengalaman peserta.

{% quote(name="Pemateri sesi", role="Fasilitator", paraphrase=true) %}
Keamanan digital dimulai dari kebiasaan kecil: kata sandi yang berbeda untuk tiap akun.
{% end %}

{{ download(path="materi.pdf", title="Materi sesi: daftar periksa") }}

## Foto kegiatan

{{ gallery(dir="foto-webinar") }}
"#,
    );
    site
}

/// A forward proxy that answers nothing and records the host of every
/// request sent to it (`CONNECT host:443` for HTTPS).
struct Recorder {
    port: u16,
    hosts: Arc<Mutex<Vec<String>>>,
}

impl Recorder {
    fn start() -> Recorder {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let hosts: Arc<Mutex<Vec<String>>> = Arc::default();
        let seen = hosts.clone();
        std::thread::spawn(move || {
            for mut stream in listener.incoming().flatten() {
                let mut line = String::new();
                let _ = BufReader::new(&stream).read_line(&mut line);
                let target = line.split_whitespace().nth(1).unwrap_or("").to_string();
                let host = target
                    .trim_start_matches("http://")
                    .split(['/', ':'])
                    .next()
                    .unwrap_or("")
                    .to_string();
                seen.lock().unwrap().push(host);
                let _ = stream.write_all(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n");
            }
        });
        Recorder { port, hosts }
    }

    fn switches(&self) -> Vec<String> {
        vec![
            format!("--proxy-server=http://127.0.0.1:{}", self.port),
            // Chromium's own background traffic is not the page's.
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-domain-reliability".into(),
            "--disable-sync".into(),
            "--no-pings".into(),
            "--disable-client-side-phishing-detection".into(),
            "--disable-features=OptimizationHints,MediaRouter,AutofillServerCommunication".into(),
        ]
    }

    /// The hosts asked for next, waiting up to 10 s for the first.
    fn next_hosts(&self) -> Vec<String> {
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        loop {
            let hosts = self.take();
            if !hosts.is_empty() || std::time::Instant::now() > deadline {
                return hosts;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The hosts asked for since the last call, but Chromium's own
    /// services (updates, sign-in), which no page asks for.
    fn take(&self) -> Vec<String> {
        const BROWSER_SERVICES: &[&str] = &[
            "accounts.google.com",
            "android.clients.google.com",
            "clients2.google.com",
            "clientservices.googleapis.com",
            "content-autofill.googleapis.com",
            "edgedl.me.gvt1.com",
            "optimizationguide-pa.googleapis.com",
            "redirector.gvt1.com",
            "safebrowsingohttpgateway.googleapis.com",
            "update.googleapis.com",
        ];
        std::mem::take(&mut *self.hosts.lock().unwrap())
            .into_iter()
            .filter(|h| !BROWSER_SERVICES.contains(&h.as_str()))
            .collect()
    }
}

#[test]
fn a_video_costs_nothing_until_played_then_loads_the_nocookie_player() {
    let site = rich_site();
    let Some(reader) = Reader::site(site.root()) else {
        return;
    };
    let proxy = Recorder::start();
    let mut b = reader.browser_with(&proxy.switches());
    b.viewport(360, 640, true);
    b.goto(&reader.url(STORY));
    b.wait_for("document.querySelector('.video-box > button')");
    // Scroll to the end and back: every lazy photo loads, still nothing
    // from another host.
    b.eval("window.scrollTo(0, document.body.scrollHeight)");
    std::thread::sleep(Duration::from_millis(800));
    b.eval("window.scrollTo(0, 0)");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(proxy.take(), Vec::<String>::new(), "requests before play");
    let outside = b.eval(
        "performance.getEntriesByType('resource').map(e => e.name).filter(u => !u.startsWith(location.origin))",
    );
    assert_eq!(outside, json!([]));

    // The keyboard alone: Tab to the play button, press Enter.
    let mut reached = false;
    for _ in 0..40 {
        b.press("Tab", "Tab", 9);
        if b.eval("document.activeElement.matches('.video-box > button')") == json!(true) {
            reached = true;
            break;
        }
    }
    assert!(reached, "Tab never reaches the play button");
    assert_eq!(
        b.eval("document.activeElement.getAttribute('aria-label')"),
        json!("Putar video: Rekaman sesi (contoh) (YouTube)")
    );
    b.press("Enter", "Enter", 13);
    let src = b.wait_for("document.querySelector('.video-box iframe') && document.querySelector('.video-box iframe').src");
    assert_eq!(
        src,
        json!("https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1")
    );
    assert_eq!(
        b.eval("document.activeElement.tagName"),
        json!("IFRAME"),
        "focus follows the player"
    );
    let hosts = proxy.next_hosts();
    assert_eq!(
        hosts.first().map(String::as_str),
        Some("www.youtube-nocookie.com"),
        "{hosts:?}"
    );
    // The box kept its size: no layout shift when the player comes in.
    let ratio = b.eval(
        "(r => r.width / r.height)(document.querySelector('.video-box').getBoundingClientRect())",
    );
    assert!(
        (ratio.as_f64().unwrap() - 16.0 / 9.0).abs() < 0.02,
        "{ratio}"
    );
}

/// A webinar's sound as a file beside the story and a podcast episode on
/// Spotify: nothing is downloaded, from the site or from Spotify, until a
/// reader presses play; the file's type and size are written under it
/// (what playing it costs on a phone's data); the episode's card becomes
/// Spotify's player in the same box, with no shift of the page.
#[test]
fn a_recording_costs_nothing_until_played() {
    let site = TestSite::new();
    site.write_bytes("content/stories/2024/rekaman-sesi.mp3", &[0u8; 1_300_000]);
    site.story(
        "2024/siniar.md",
        "Siniar warga",
        "date: 2024-03-01\n",
        "Rekaman diskusi.\n\n{{ audio(url=\"rekaman-sesi.mp3\", title=\"Rekaman sesi pertama\") }}\n\nEpisode siniar:\n\n{{ audio(url=\"https://open.spotify.com/episode/4rOoJ6Egrf8K2IrywzwOMk?si=a1b2\", title=\"Episode 12\") }}\n",
    );
    let Some(reader) = Reader::site(site.root()) else {
        return;
    };
    let proxy = Recorder::start();
    let mut b = reader.browser_with(&proxy.switches());
    b.viewport(360, 640, true);
    b.goto(&reader.url("stories/siniar/"));
    b.wait_for("document.querySelector('.audio-box > button')");
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(proxy.take(), Vec::<String>::new(), "requests before play");
    let fetched = b.eval(
        "performance.getEntriesByType('resource').map(e => e.name).filter(u => u.includes('.mp3') || !u.startsWith(location.origin))",
    );
    assert_eq!(fetched, json!([]));
    assert_eq!(
        b.eval("[document.querySelector('figure.audio audio').preload, document.querySelector('figure.audio figcaption').textContent]"),
        json!(["none", "Rekaman sesi pertama · Unduh MP3, 1,3 MB"])
    );
    let before = b.eval("document.querySelector('.audio-box').getBoundingClientRect().height");
    b.eval("document.querySelector('.audio-box > button').click()");
    let src = b.wait_for(
        "document.querySelector('.audio-box iframe') && document.querySelector('.audio-box iframe').src",
    );
    assert_eq!(
        src,
        json!("https://open.spotify.com/embed/episode/4rOoJ6Egrf8K2IrywzwOMk")
    );
    let hosts = proxy.next_hosts();
    assert_eq!(
        hosts.first().map(String::as_str),
        Some("open.spotify.com"),
        "{hosts:?}"
    );
    let after = b.eval("document.querySelector('.audio-box').getBoundingClientRect().height");
    assert_eq!(before, after);
    assert_eq!(before, json!(152));
}

#[test]
fn without_javascript_the_video_is_a_link_and_the_page_reads() {
    let site = rich_site();
    let Some(reader) = Reader::site(site.root()) else {
        return;
    };
    let mut b = reader.phone();
    b.page(
        "Emulation.setScriptExecutionDisabled",
        json!({"value": true}),
    );
    b.page("Page.navigate", json!({"url": reader.url(STORY)}));
    std::thread::sleep(Duration::from_millis(300));
    let v = b.wait_for(
        "document.readyState === 'complete' && [document.querySelectorAll('.video-box > a[href=\"https://www.youtube.com/watch?v=aqz-KE-bpKQ\"]').length, document.querySelectorAll('.video-box > button').length, document.querySelectorAll('.gallery img').length, document.querySelectorAll('.gallery a[href$=\".jpg\"]').length, [...document.querySelectorAll('.share a')].map(a => a.textContent), document.querySelectorAll('.share button:not([hidden])').length]",
    );
    // Gallery photos open the JPEG at their own address, which every
    // browser shows.
    assert_eq!(
        v,
        json!([
            1,
            0,
            12,
            12,
            [
                "Bagikan lewat WhatsApp",
                "Bagikan lewat Telegram",
                "Bagikan lewat Facebook",
                "Bagikan lewat X",
                "E-mail"
            ],
            0
        ])
    );
}

#[test]
fn a_gallery_tap_opens_the_webp_photo_where_the_tile_showed_webp() {
    let site = rich_site();
    let Some(reader) = Reader::site(site.root()) else {
        return;
    };
    let mut b = reader.phone();
    b.goto(&reader.url(STORY));
    b.eval("document.querySelector('.gallery').scrollIntoView()");
    // Every tile loaded (the lazy ones once scrolled to), and its link
    // then points at the largest WebP version.
    b.eval("window.scrollTo(0, document.body.scrollHeight)");
    b.wait_for(
        "[...document.querySelectorAll('.gallery img')].every(i => i.complete && i.currentSrc)",
    );
    // The load event follows `complete`.
    std::thread::sleep(Duration::from_millis(300));
    let links = b.eval(
        "[...document.querySelectorAll('.gallery a')].map(a => [a.getAttribute('href'), a.getAttribute('data-webp'), a.querySelector('img').currentSrc])",
    );
    let links = links.as_array().unwrap();
    assert_eq!(links.len(), 12);
    for link in links {
        let (href, webp, shown) = (&link[0], &link[1], &link[2]);
        assert!(shown.as_str().unwrap().ends_with(".webp"), "{link}");
        assert_eq!(href, webp, "{link}");
        assert!(webp.as_str().unwrap().contains("/static/photos/"), "{link}");
    }
    // The tap: the WebP photo, fewer bytes than the JPEG a tap opened
    // before (the one at the photo's own address, in the HTML as written).
    let html = scraper::Html::parse_document(
        &std::fs::read_to_string(reader.out.join(STORY).join("index.html")).unwrap(),
    );
    let tile = scraper::Selector::parse("a[data-webp]").unwrap();
    let jpeg = html
        .select(&tile)
        .next()
        .and_then(|a| a.value().attr("href"))
        .unwrap()
        .to_string();
    assert!(jpeg.ends_with(".jpg"), "{jpeg}");
    reader.server.take_hits();
    b.eval("document.querySelector('.gallery a').click()");
    let opened = b.wait_for("document.readyState === 'complete' && document.contentType === 'image/webp' && location.pathname");
    let hits = reader.server.take_hits();
    let webp_bytes = hits
        .iter()
        .find(|h| h.path == opened.as_str().unwrap())
        .map(|h| h.bytes)
        .unwrap();
    let jpeg_bytes = std::fs::metadata(reader.out.join(jpeg.trim_start_matches(SUB_PATH)))
        .unwrap()
        .len() as usize;
    assert!(
        webp_bytes * 10 < jpeg_bytes * 9,
        "WebP {webp_bytes} B, JPEG {jpeg_bytes} B"
    );
}

#[test]
fn the_rich_story_stays_within_its_budget_on_a_phone() {
    let site = rich_site();
    let Some(reader) = Reader::site(site.root()) else {
        return;
    };
    let mut b = reader.phone();
    reader.server.take_hits();
    b.goto(&reader.url(STORY));
    b.wait_for("document.querySelector('.video-box > button')");
    std::thread::sleep(Duration::from_millis(800));
    let hits = reader.server.take_hits();
    let is_image = |p: &str| [".jpg", ".webp", ".png"].iter().any(|e| p.ends_with(e));
    let images: usize = hits
        .iter()
        .filter(|h| is_image(&h.path))
        .map(|h| h.bytes)
        .sum();
    let raw: u64 = hits
        .iter()
        .filter(|h| h.path.ends_with('/') || h.path.ends_with(".css"))
        .map(|h| {
            let rel = h.path.trim_start_matches(SUB_PATH);
            let f = if rel.ends_with('/') {
                reader.out.join(rel).join("index.html")
            } else {
                reader.out.join(rel)
            };
            std::fs::metadata(f).unwrap().len()
        })
        .sum();
    let list: Vec<String> = hits
        .iter()
        .map(|h| format!("{} {:.1} KB", h.path, h.bytes as f64 / 1024.0))
        .collect();
    eprintln!(
        "rich story, first view at 360 px: {:.1} KB of images, {:.1} KB of HTML + CSS as written\n{}",
        images as f64 / 1024.0,
        raw as f64 / 1024.0,
        list.join("\n")
    );
    assert!(
        images <= 300 * 1024,
        "{images} B of images:\n{}",
        list.join("\n")
    );
    assert!(raw <= 50 * 1024, "{raw} B of HTML + CSS");
    // The gallery's photos below the first view are not fetched yet.
    let gallery_hits = hits
        .iter()
        .filter(|h| h.path.contains("/static/photos/") && h.path.contains(".360w."))
        .count();
    assert!(
        gallery_hits < 12,
        "{gallery_hits} gallery photos in the first view"
    );
}

#[test]
fn axe_and_the_nu_checker_find_nothing_on_the_rich_story() {
    let site = rich_site();
    let Some(reader) = Reader::site(site.root()) else {
        return;
    };
    let axe = axe();
    let mut b = reader.browser();
    let mut failures = Vec::new();
    for (width, height, mobile) in [(360, 640, true), (1280, 800, false)] {
        b.viewport(width, height, mobile);
        for scheme in ["light", "dark"] {
            b.page(
                "Emulation.setEmulatedMedia",
                json!({"features": [{"name": "prefers-color-scheme", "value": scheme}]}),
            );
            b.goto(&reader.url(STORY));
            b.wait_for("document.querySelector('.video-box > button')");
            let wide = b.eval(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth",
            );
            if wide.as_i64().unwrap_or(0) > 0 {
                failures.push(format!("{width}px: {wide} px wider than the screen"));
            }
            b.eval(&axe);
            let r = b.eval(
                "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']}, resultTypes: ['violations']}).then(r => r.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' — ' + n.failureSummary)})))",
            );
            for v in r.as_array().unwrap() {
                failures.push(format!("{width}px, {scheme}: {v:#}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    if let Some(vnu) = vnu() {
        let errors = nu_errors(&vnu, &reader.out.join("stories"));
        assert!(errors.is_empty(), "{}", errors.join("\n"));
    }
}

#[test]
fn saving_the_rich_story_for_offline_keeps_what_a_phone_shows() {
    let site = rich_site();
    let Some(reader) = Reader::site(site.root()) else {
        return;
    };
    let mut b = reader.phone();
    b.goto(&reader.url(STORY));
    b.wait_for("!document.querySelector('.offline-save').hidden");
    b.eval("document.querySelector('.save-offline').click()");
    let status = b.wait_for(
        "(t => t.startsWith('Tersimpan') && t)(document.querySelector('.save-status').textContent)",
    );
    let kb: u64 = status
        .as_str()
        .unwrap()
        .rsplit('(')
        .next()
        .unwrap()
        .trim_end_matches(" KB)")
        .parse()
        .unwrap();
    // Every photo at the size this phone loads (12 tiles, the poster), the
    // page, its style and script, the 48 KB handout.
    let saved = b.eval(
        "caches.open('cerita-saved').then(c => c.keys()).then(k => k.map(r => new URL(r.url).pathname))",
    );
    let saved: Vec<String> = serde_json::from_value(saved).unwrap();
    eprintln!(
        "saved for offline at 360 px: {kb} KB in {} files: {saved:?}",
        saved.len()
    );
    assert_eq!(
        saved
            .iter()
            .filter(|p| p.contains("/static/photos/") && p.contains(".360w."))
            .count(),
        12,
        "{saved:?}"
    );
    assert!(saved.iter().any(|p| p.ends_with("materi.pdf")));
    assert!(
        saved
            .iter()
            .all(|p| !p.contains(".1600w.") && !p.ends_with("01.jpg")),
        "{saved:?}"
    );
    assert!(kb < 600, "{kb} KB");
}
