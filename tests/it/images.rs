//! Photos from the field: resized for phones and desktops, WebP plus their
//! own format, upright, without metadata, cached between builds.

use crate::support::*;

/// A JPEG of `w`×`h` (as stored) with an APP1 EXIF block that says
/// "rotate 90°" and carries a GPS position, as phones write them.
fn phone_jpeg(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        // Left half red, right half blue: orientation is visible in the result.
        if x < w / 2 {
            image::Rgb([220, 30, 30])
        } else {
            image::Rgb([30, 30, 220 - (y % 7) as u8])
        }
    });
    let jpeg = jpeg(&img, 90);
    // TIFF, little endian: IFD0 {Orientation = 6, GPS IFD pointer}, GPS IFD {LatitudeRef = "S"}.
    let mut tiff: Vec<u8> = b"II*\0".to_vec();
    tiff.extend(8u32.to_le_bytes());
    tiff.extend(2u16.to_le_bytes());
    tiff.extend([0x12, 0x01, 3, 0]); // Orientation, SHORT
    tiff.extend(1u32.to_le_bytes());
    tiff.extend([6, 0, 0, 0]);
    tiff.extend([0x25, 0x88, 4, 0]); // GPSInfo, LONG
    tiff.extend(1u32.to_le_bytes());
    tiff.extend(38u32.to_le_bytes()); // 8 + 2 + 2*12 + 4
    tiff.extend(0u32.to_le_bytes());
    tiff.extend(1u16.to_le_bytes());
    tiff.extend([0x01, 0x00, 2, 0]); // GPSLatitudeRef, ASCII
    tiff.extend(2u32.to_le_bytes());
    tiff.extend(b"S\0\0\0");
    tiff.extend(0u32.to_le_bytes());
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(&tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend([0xFF, 0xE1]);
    out.extend(((app1.len() + 2) as u16).to_be_bytes());
    out.extend(&app1);
    out.extend(&jpeg[2..]);
    out
}

fn dims(bytes: &[u8]) -> (u32, u32) {
    let img = image::load_from_memory(bytes).unwrap();
    (img.width(), img.height())
}

fn site_with_photos() -> TestSite {
    let site = TestSite::new();
    site.write_bytes("content/stories/2024/foto.jpg", &phone_jpeg(1600, 1200));
    site.write_bytes("content/stories/2024/kecil.png", &png(300, 200));
    site.write_bytes(
        "content/stories/2024/animasi.gif",
        b"GIF89a\x01\0\x01\0\0\0\0;",
    );
    site.write(
        "content/stories/2024/ikon.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"8\" height=\"8\"/>",
    );
    site.story(
        "2024/a.md",
        "Foto",
        "date: 2024-01-01\n",
        "![Ibu-ibu menanam bakau](foto.jpg)\n\nTeks.\n\n![Logo kecil](kecil.png \"Judul\")\n\n![Animasi](animasi.gif)\n",
    );
    site
}

#[test]
fn photos_are_resized_upright_as_webp_and_their_format_without_metadata() {
    let site = site_with_photos();
    site.build_ok(&[]);
    let out = |p: &str| std::fs::read(site.out(p)).unwrap();
    let ver =
        |name: &str, label: &str, ext: &str| std::fs::read(site.version(name, label, ext)).unwrap();
    // Upright: the 1600×1200 photo marked "rotate 90°" is 1200×1600, and
    // never upscaled: the largest version is 1200 wide, also at the
    // original path.
    assert_eq!(dims(&out("stories/2024/foto.jpg")), (1200, 1600));
    assert_eq!(ver("foto", "1200w", "jpg"), out("stories/2024/foto.jpg"));
    for w in [480, 672, 1008, 1200] {
        let webp = ver("foto", &format!("{w}w"), "webp");
        assert!(webp.starts_with(b"RIFF") && &webp[8..12] == b"WEBP");
        assert_eq!(dims(&webp).0, w);
    }
    assert!(site.try_version("foto", "1344w", "webp").is_none());
    // Beside WebP, JPEG only at the smallest and the largest width: every
    // browser in use takes the WebP versions.
    assert_eq!(dims(&ver("foto", "480w", "jpg")), (480, 640));
    for w in ["672w", "1008w"] {
        assert!(site.try_version("foto", w, "jpg").is_none(), "{w}");
    }
    // Nothing beside the story but the photo itself.
    assert!(!site.out("stories/2024/foto.480w.jpg").exists());
    // Left half was red before turning: now the top is red, the bottom blue.
    let up = image::load_from_memory(&ver("foto", "480w", "jpg"))
        .unwrap()
        .to_rgb8();
    assert!(up.get_pixel(240, 100)[0] > 150 && up.get_pixel(240, 540)[2] > 150);
    // No EXIF, no GPS in anything published.
    for f in files_under(&site.path("public")) {
        let bytes = std::fs::read(site.path("public").join(&f)).unwrap();
        assert!(
            !bytes.windows(6).any(|w| w == b"Exif\0\0"),
            "{f} keeps EXIF"
        );
    }
    // Small PNG: one version at its own size, plus WebP; GIF and SVG copied as they are.
    assert_eq!(dims(&out("stories/2024/kecil.png")), (300, 200));
    assert_eq!(dims(&ver("kecil", "300w", "webp")), (300, 200));
    assert_eq!(
        out("stories/2024/animasi.gif"),
        b"GIF89a\x01\0\x01\0\0\0\0;"
    );
    assert!(site.out("stories/2024/ikon.svg").is_file());

    // Markup: WebP first, srcset and sizes, the size given, lazy after the first.
    let doc = site.html("stories/a/index.html");
    let sources = attrs(&doc, "main picture source", "srcset");
    assert_eq!(
        untagged(&sources[0]),
        "/static/photos/foto.480w.T.webp 480w, /static/photos/foto.672w.T.webp 672w, /static/photos/foto.1008w.T.webp 1008w, /static/photos/foto.1200w.T.webp 1200w"
    );
    assert_eq!(
        untagged(&attrs(&doc, "main picture img", "srcset")[0]),
        "/static/photos/foto.480w.T.jpg 480w, /static/photos/foto.1200w.T.jpg 1200w"
    );
    assert_eq!(
        attrs(&doc, "main img", "src"),
        [
            "/stories/2024/foto.jpg",
            "/stories/2024/kecil.png",
            "/stories/2024/animasi.gif"
        ]
    );
    assert_eq!(attrs(&doc, "main img", "width")[..2], ["1200", "300"]);
    assert_eq!(attrs(&doc, "main img", "height")[..2], ["1600", "200"]);
    assert_eq!(
        attrs(&doc, "main img", "alt"),
        ["Ibu-ibu menanam bakau", "Logo kecil", "Animasi"]
    );
    assert_eq!(attrs(&doc, "main img", "title"), ["Judul"]);
    assert!(attrs(&doc, "main picture img", "sizes")[0].contains("100vw"));
    // The first image loads at once; the others wait until they are near.
    assert_eq!(
        attrs(&doc, "main img[loading=lazy]", "src"),
        ["/stories/2024/kecil.png"]
    );
    assert!(broken_links(&site.path("public"), "/").is_empty());

    // `@/` names photos and other files under content/ from anywhere.
    site.write_bytes("content/unduhan/laporan.pdf", b"%PDF-1.4");
    site.story(
        "2023/b.md",
        "Lain",
        "date: 2023-01-01\n",
        "![Foto yang sama](@/stories/2024/foto.jpg)\n\n[Laporan](@/unduhan/laporan.pdf)\n",
    );
    site.build_ok(&[]);
    let doc = site.html("stories/b/index.html");
    assert_eq!(attrs(&doc, "main img", "src"), ["/stories/2024/foto.jpg"]);
    assert_eq!(attrs(&doc, "main img", "width"), ["1200"]);
    assert!(attrs(&doc, "main a", "href").contains(&"/unduhan/laporan.pdf".to_string()));
}

/// The frame header of a JPEG: its SOF marker (0xC0 baseline, 0xC2
/// progressive) and each component's sampling factors (0x22: 2×2).
fn frame(jpeg: &[u8]) -> (u8, Vec<u8>) {
    let mut at = 2;
    while at + 4 <= jpeg.len() {
        assert_eq!(jpeg[at], 0xFF, "a marker at {at}");
        let marker = jpeg[at + 1];
        let len = usize::from(u16::from_be_bytes([jpeg[at + 2], jpeg[at + 3]]));
        if matches!(marker, 0xC0..=0xC3) {
            let seg = &jpeg[at + 4..at + 2 + len];
            let n = usize::from(seg[5]);
            return (marker, (0..n).map(|i| seg[6 + i * 3 + 1]).collect());
        }
        at += 2 + len;
    }
    panic!("no frame header");
}

/// The luminance quantisation table (table 0) of a JPEG, from its DQT
/// segments, in zigzag order.
fn luma_table(jpeg: &[u8]) -> Vec<u16> {
    let mut at = 2;
    while at + 4 <= jpeg.len() && jpeg[at + 1] != 0xDA {
        let len = usize::from(u16::from_be_bytes([jpeg[at + 2], jpeg[at + 3]]));
        if jpeg[at + 1] == 0xDB {
            let mut seg = &jpeg[at + 4..at + 2 + len];
            while !seg.is_empty() {
                let (wide, id) = (seg[0] >> 4 == 1, seg[0] & 0xF);
                let size = if wide { 128 } else { 64 };
                let values: Vec<u16> = if wide {
                    seg[1..=size]
                        .chunks(2)
                        .map(|c| u16::from_be_bytes([c[0], c[1]]))
                        .collect()
                } else {
                    seg[1..=size].iter().map(|&v| u16::from(v)).collect()
                };
                if id == 0 {
                    return values;
                }
                seg = &seg[1 + size..];
            }
        }
        at += 2 + len;
    }
    panic!("no luminance table");
}

#[test]
fn jpeg_versions_are_progressive_with_subsampled_colour_and_grey_stays_grey() {
    let site = TestSite::new();
    site.write_bytes("content/stories/2024/warna.jpg", &bands(1200, 900));
    let grey = image::GrayImage::from_fn(1000, 700, |x, y| {
        image::Luma([((x * 7 + y * 3) % 256) as u8])
    });
    site.write_bytes("content/stories/2024/abu.jpg", &jpeg(&grey, 90));
    site.story(
        "2024/a.md",
        "Foto",
        "date: 2024-01-01\nimage: warna.jpg\nimage_alt: Tiga warna\n",
        "![Tiga warna](warna.jpg)\n\n![Abu-abu](abu.jpg)\n",
    );
    site.build_ok(&[]);
    // Progressive, so a slow connection shows the whole photo early; the
    // colour at half resolution each way (4:2:0), as the eye barely sees.
    let mut colour: Vec<Vec<u8>> = ["480w", "1200w"]
        .iter()
        .map(|w| std::fs::read(site.version("warna", w, "jpg")).unwrap())
        .collect();
    colour.push(std::fs::read(site.version("warna", "og", "jpg")).unwrap());
    for jpeg in &colour {
        assert_eq!(frame(jpeg), (0xC2, vec![0x22, 0x11, 0x11]));
        let img = image::load_from_memory(jpeg).unwrap().to_rgb8();
        // Still the three bands.
        let px = |x: u32| img.get_pixel(x, img.height() / 2).0;
        let w = img.width();
        assert!(px(w / 6)[1] > 150 && px(w / 2)[0] > 150 && px(w * 5 / 6)[2] > 150);
    }
    // Versions wider than 1000 pixels quantise luminance with one step for
    // every frequency (more of the fine structure per byte at that size);
    // smaller ones with a photographic table, coarser for finer detail.
    for (jpeg, flat) in colour.iter().zip([false, true, true]) {
        let table = luma_table(jpeg);
        assert_eq!(table.iter().all(|&v| v == table[0]), flat, "{table:?}");
        assert!(table[0] > 1 && table[0] < 20, "{table:?}");
    }
    for w in ["480w", "1000w"] {
        let jpeg = std::fs::read(site.version("abu", w, "jpg")).unwrap();
        assert_eq!(frame(&jpeg), (0xC2, vec![0x11]), "{w}: one grey channel");
    }
}

#[test]
fn a_long_screenshot_beyond_webps_size_keeps_its_own_format_alone() {
    // A chat screenshot 20,000 pixels tall: WebP holds at most 16,383 each
    // way, so it gets PNG versions only (the build used to panic).
    let site = TestSite::new();
    let tall = image::RgbImage::from_fn(600, 20_000, |_, y| image::Rgb([(y % 251) as u8, 90, 40]));
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgb8(tall)
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .unwrap();
    site.write_bytes("content/stories/2024/layar.png", &bytes);
    site.story(
        "2024/a.md",
        "Tangkapan layar",
        "date: 2024-01-01\n",
        "![Percakapan panjang](layar.png)\n",
    );
    site.build_ok(&[]);
    assert_eq!(
        dims(&std::fs::read(site.version("layar", "480w", "png")).unwrap()),
        (480, 16_000)
    );
    assert!(site.try_version("layar", "600w", "webp").is_none());
    assert!(site.try_version("layar", "480w", "webp").is_none());
    let doc = site.html("stories/a/index.html");
    assert!(attrs(&doc, "main picture source", "srcset").is_empty());
    assert_eq!(
        untagged(&attrs(&doc, "main img", "srcset")[0]),
        "/static/photos/layar.480w.T.png 480w, /static/photos/layar.600w.T.png 600w"
    );
    assert!(broken_links(&site.path("public"), "/").is_empty());
}

/// A JPEG in three vertical bands, green | red | blue.
fn bands(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, _| match x * 3 / w {
        0 => image::Rgb([20, 200, 20]),
        1 => image::Rgb([220, 20, 20]),
        _ => image::Rgb([20, 20, 220]),
    });
    jpeg(&img, 90)
}

#[test]
fn covers_get_a_link_preview_crop() {
    let site = TestSite::new();
    site.write_bytes("content/stories/2024/lebar.jpg", &bands(3000, 1000));
    site.write_bytes("content/stories/2024/tegak.jpg", &bands(600, 900));
    site.write_bytes("content/stories/2024/isi.jpg", &bands(900, 600));
    site.story(
        "2024/a.md",
        "Lebar",
        "date: 2024-01-02\nimage: lebar.jpg\nimage_alt: Spanduk aksi\n",
        "![Foto di dalam cerita](isi.jpg)\n",
    );
    site.story(
        "2024/b.md",
        "Tegak",
        "date: 2024-01-01\nimage: tegak.jpg\nimage_alt: Potret\n",
        "Teks.\n",
    );
    site.build_ok(&[]);
    let ver =
        |name: &str, label: &str, ext: &str| std::fs::read(site.version(name, label, ext)).unwrap();
    // A wide photo: 1200×630 from its middle (the green and blue edges cut off).
    let og = image::load_from_memory(&ver("lebar", "og", "jpg"))
        .unwrap()
        .to_rgb8();
    assert_eq!(og.dimensions(), (1200, 630));
    assert!(og.get_pixel(600, 315)[0] > 150);
    assert!(og.get_pixel(5, 315)[1] > 150 && og.get_pixel(1195, 315)[2] > 150);
    // A smaller, tall photo: the same shape, never upscaled.
    assert_eq!(dims(&ver("tegak", "og", "jpg")), (600, 315));
    // Only covers get one.
    assert!(site.try_version("isi", "og", "jpg").is_none());

    let doc = site.html("stories/a/index.html");
    let meta = |p: &str| attrs(&doc, &format!("meta[property='{p}']"), "content");
    let og_url = meta("og:image");
    assert_eq!(
        untagged(&og_url[0]),
        "https://example.org/static/photos/lebar.og.T.jpg"
    );
    assert_eq!(
        og_url[0]
            .strip_prefix("https://example.org/")
            .map(|p| site.out(p)),
        Some(site.version("lebar", "og", "jpg"))
    );
    assert_eq!(meta("og:image:width"), ["1200"]);
    assert_eq!(meta("og:image:height"), ["630"]);
    assert_eq!(meta("og:image:alt"), ["Spanduk aksi"]);
    assert_eq!(
        attrs(&doc, "meta[name='twitter:card']", "content"),
        ["summary_large_image"]
    );
    // The page itself still shows the whole cover.
    assert_eq!(
        attrs(&doc, "img.story-image", "src"),
        ["/stories/2024/lebar.jpg"]
    );

    // A partner's logo is shown small: the browser may take the smallest version.
    site.write_bytes("content/partners/logo-mitra.png", &png(600, 600));
    site.write(
        "content/partners/mitra.md",
        "---\nname: Mitra\nlogo: logo-mitra.png\n---\nProfil.\n",
    );
    site.story(
        "2024/c.md",
        "Bersama mitra",
        "date: 2023-06-01\npartners: [Mitra]\n",
        "Teks.\n",
    );
    site.build_ok(&[]);
    let doc = site.html("partners/mitra/index.html");
    assert_eq!(
        untagged(&attrs(&doc, "picture img.logo", "srcset")[0]),
        "/static/photos/logo-mitra.480w.T.png 480w, /static/photos/logo-mitra.600w.T.png 600w"
    );
    assert_eq!(
        untagged(&attrs(&doc, "picture source", "srcset")[0]),
        "/static/photos/logo-mitra.480w.T.webp 480w, /static/photos/logo-mitra.600w.T.webp 600w"
    );
    assert_eq!(attrs(&doc, "img.logo", "sizes"), ["96px"]);
    assert!(site.try_version("logo-mitra", "og", "png").is_none());

    // Cached like the other versions; a story that takes a photo as its
    // cover later gets the crop then.
    let cached = |name: &str| {
        files_under(&site.path(".cerita-cache/images"))
            .into_iter()
            .filter(|f| f.ends_with(name))
            .map(|f| {
                std::fs::metadata(site.path(".cerita-cache/images").join(f))
                    .unwrap()
                    .modified()
                    .unwrap()
            })
            .collect::<Vec<_>>()
    };
    let og_name = |name: &str| {
        site.version(name, "og", "jpg")
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned()
    };
    let lebar_og = og_name("lebar");
    let before = cached(&lebar_og);
    assert_eq!(before.len(), 1);
    site.story(
        "2024/a.md",
        "Lebar",
        "date: 2024-01-02\nimage: isi.jpg\nimage_alt: Spanduk aksi\n",
        "![Spanduk](lebar.jpg)\n",
    );
    std::thread::sleep(std::time::Duration::from_millis(20));
    site.build_ok(&[]);
    assert_eq!(cached(&lebar_og), before);
    assert_eq!(dims(&ver("isi", "og", "jpg")), (900, 473));
    assert!(site.try_version("lebar", "og", "jpg").is_none());
}

#[test]
fn unchanged_photos_are_never_encoded_twice() {
    let site = site_with_photos();
    site.build_ok(&[]);
    let cache = site.path(".cerita-cache/images");
    let entries = |_: ()| -> Vec<(String, std::time::SystemTime)> {
        let mut v: Vec<_> = std::fs::read_dir(&cache)
            .unwrap()
            .filter(|e| e.as_ref().unwrap().path().is_dir())
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::metadata(e.path().join("done"))
                        .unwrap()
                        .modified()
                        .unwrap(),
                )
            })
            .collect();
        v.sort();
        v
    };
    let first = entries(());
    assert_eq!(first.len(), 2, "{first:?}");
    let published = std::fs::read(site.version("foto", "1008w", "webp")).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    site.build_ok(&[]);
    assert_eq!(entries(()), first, "cached versions were encoded again");
    assert_eq!(
        std::fs::read(site.version("foto", "1008w", "webp")).unwrap(),
        published
    );
    // A changed photo gets a new entry; settings are part of the key too.
    site.write_bytes("content/stories/2024/kecil.png", &png(320, 200));
    site.build_ok(&[]);
    assert_eq!(entries(()).len(), 3);
    assert_eq!(
        dims(&std::fs::read(site.out("stories/2024/kecil.png")).unwrap()),
        (320, 200)
    );
}

#[test]
fn no_images_copies_photos_as_they_are() {
    let site = site_with_photos();
    site.build_ok(&["--no-images"]);
    assert_eq!(
        std::fs::read(site.out("stories/2024/foto.jpg")).unwrap(),
        std::fs::read(site.path("content/stories/2024/foto.jpg")).unwrap()
    );
    assert!(!site.out("static/photos").exists());
    assert!(!site.path(".cerita-cache/images").exists());
    let doc = site.html("stories/a/index.html");
    assert!(attrs(&doc, "main img", "srcset").is_empty());
    assert_eq!(attrs(&doc, "main img", "width")[0], "1200");
}

#[test]
fn a_corrupt_photo_is_an_error_naming_it_and_images_are_configurable() {
    let site = site_with_photos();
    site.write_bytes(
        "content/stories/2024/rusak.jpg",
        b"\xFF\xD8\xFF\xE0 not a jpeg at all",
    );
    let err = site.build_fails();
    assert!(
        err.contains("content/stories/2024/rusak.jpg: error: cannot read this image"),
        "{err}"
    );
    assert!(!err.contains("panicked"));
    std::fs::remove_file(site.path("content/stories/2024/rusak.jpg")).unwrap();

    site.write(
        "cerita.yaml",
        &format!("{CONFIG}images:\n  widths: [320, 640]\n  quality: 70\n  webp: false\n"),
    );
    site.build_ok(&[]);
    assert_eq!(
        dims(&std::fs::read(site.out("stories/2024/foto.jpg")).unwrap()),
        (640, 853)
    );
    assert!(site.try_version("foto", "320w", "jpg").is_some());
    assert!(site.try_version("foto", "320w", "webp").is_none());

    site.write(
        "cerita.yaml",
        &format!("{CONFIG}images:\n  widht: [320]\n  quality: 0\n"),
    );
    let o = site.cerita(&["build"]);
    let err = stderr(&o);
    assert!(
        err.contains("unknown key `images.widht`") && err.contains("did you mean `widths`?"),
        "{err}"
    );
    assert!(
        err.contains("`images.quality` must be a whole number from 1 to 100"),
        "{err}"
    );
}

/// Width and height of an AVIF file, from its `ispe` box.
fn avif_dims(bytes: &[u8]) -> (u32, u32) {
    let at = bytes
        .windows(4)
        .position(|w| w == b"ispe")
        .expect("no ispe box")
        + 8;
    let n = |i: usize| u32::from_be_bytes(bytes[i..i + 4].try_into().unwrap());
    (n(at), n(at + 4))
}

#[test]
fn avif_versions_when_asked_come_first_and_the_browser_takes_them() {
    let site = site_with_photos();
    site.write("cerita.yaml", &format!("{CONFIG}images:\n  avif: true\n"));
    site.story(
        "2024/sampul.md",
        "Sampul",
        "date: 2024-02-01\nimage: foto.jpg\nimage_alt: Ibu-ibu menanam bakau\n",
        "Teks.\n",
    );
    site.build_ok(&[]);
    let ver =
        |name: &str, label: &str, ext: &str| std::fs::read(site.version(name, label, ext)).unwrap();
    for (w, h) in [(480, 640), (672, 896), (1008, 1344), (1200, 1600)] {
        let avif = ver("foto", &format!("{w}w"), "avif");
        assert_eq!(&avif[4..12], b"ftypavif", "{w}w is not an AVIF file");
        assert_eq!(avif_dims(&avif), (w, h));
        assert!(!avif.windows(6).any(|x| x == b"Exif\0\0"));
        // Smaller than the same version in WebP.
        assert!(avif.len() < ver("foto", &format!("{w}w"), "webp").len());
    }
    // A PNG with its transparency channel gets one too.
    assert_eq!(avif_dims(&ver("kecil", "300w", "avif")), (300, 200));

    // In the body and as the cover: AVIF, then WebP, then the img itself.
    for (page, css) in [
        ("stories/a/index.html", "main picture"),
        ("stories/sampul/index.html", "main picture"),
    ] {
        let doc = site.html(page);
        let types = attrs(&doc, &format!("{css} source"), "type");
        assert_eq!(types[..2], ["image/avif", "image/webp"], "{page}");
        assert_eq!(
            untagged(&attrs(&doc, &format!("{css} source"), "srcset")[0]),
            "/static/photos/foto.480w.T.avif 480w, /static/photos/foto.672w.T.avif 672w, /static/photos/foto.1008w.T.avif 1008w, /static/photos/foto.1200w.T.avif 1200w"
        );
    }
    assert!(broken_links(&site.path("public"), "/").is_empty());

    // A browser that shows AVIF downloads that one.
    let Some(chromium) = chromium() else {
        return;
    };
    let host = StaticServer::start(&site.path("public"), "/");
    let mut b = Browser::launch(&chromium);
    b.goto(&host.url("/stories/a/"));
    let src = b.wait_for(
        "(() => { const i = document.querySelector('main picture img'); \
         return i.complete && i.naturalWidth > 0 && i.currentSrc; })()",
    );
    let src = src.as_str().unwrap_or_default().to_string();
    assert!(
        src.contains("/static/photos/foto.") && src.ends_with(".avif"),
        "{src}"
    );
}

#[test]
fn a_replaced_photo_gets_new_addresses_so_hosts_may_keep_versions_a_year() {
    let site = site_with_photos();
    // The same photo under the same name in another story's folder.
    site.write_bytes("content/stories/2023/foto.jpg", &phone_jpeg(1600, 1200));
    site.story(
        "2023/b.md",
        "Salinan",
        "date: 2023-01-01\n",
        "![Sama](foto.jpg)\n",
    );
    site.build_ok(&[]);
    let srcset = |page: &str| attrs(&site.html(page), "main picture img", "srcset")[0].clone();
    let before = srcset("stories/a/index.html");
    // One set of versions serves both; each copy's own path has the largest.
    assert_eq!(srcset("stories/b/index.html"), before);
    for copy in ["stories/2024/foto.jpg", "stories/2023/foto.jpg"] {
        assert_eq!(
            std::fs::read(site.out(copy)).unwrap(),
            std::fs::read(site.version("foto", "1200w", "jpg")).unwrap()
        );
    }
    // Hosts keep every version for a year: they live under static/.
    let headers = site.read_out("_headers");
    assert!(
        headers.contains("/static/*\n  Cache-Control: public, max-age=31536000, immutable"),
        "{headers}"
    );
    assert!(before.split(", ").all(|c| c.starts_with("/static/photos/")));

    // A writer replaces the photo under the same name: every version gets
    // a new address, and the old ones leave the output.
    site.write_bytes("content/stories/2024/foto.jpg", &bands(1200, 900));
    site.build_ok(&[]);
    let after = srcset("stories/a/index.html");
    assert_ne!(after, before);
    assert_eq!(
        untagged(&after),
        "/static/photos/foto.480w.T.jpg 480w, /static/photos/foto.1200w.T.jpg 1200w"
    );
    for c in after.split(", ") {
        let path = c.split(' ').next().unwrap().trim_start_matches('/');
        assert!(site.out(path).is_file(), "{path}");
    }
    for c in before.split(", ") {
        let path = c.split(' ').next().unwrap().trim_start_matches('/');
        // The other story's copy still uses the old versions.
        assert!(site.out(path).is_file(), "{path}");
    }
    assert_eq!(srcset("stories/b/index.html"), before);
    std::fs::remove_file(site.path("content/stories/2023/foto.jpg")).unwrap();
    site.story("2023/b.md", "Salinan", "date: 2023-01-01\n", "Teks.\n");
    site.build_ok(&[]);
    for c in before.split(", ") {
        let path = c.split(' ').next().unwrap().trim_start_matches('/');
        assert!(!site.out(path).exists(), "{path} is left behind");
    }
    assert!(broken_links(&site.path("public"), "/").is_empty());
}

#[test]
fn a_photo_named_with_spaces_and_commas_still_makes_a_valid_srcset() {
    let site = TestSite::new();
    site.write_bytes(
        "content/stories/2024/Foto Kegiatan, hari 1.jpg",
        &bands(1200, 800),
    );
    site.story(
        "2024/a.md",
        "Kegiatan",
        "date: 2024-01-01\n",
        "![Kegiatan hari pertama](<Foto Kegiatan, hari 1.jpg>)\n",
    );
    site.build_ok(&[]);
    let doc = site.html("stories/a/index.html");
    let sets: Vec<String> = attrs(&doc, "main picture source", "srcset")
        .into_iter()
        .chain(attrs(&doc, "main picture img", "srcset"))
        .collect();
    assert_eq!(sets.len(), 2);
    for (set, n) in sets.iter().zip([4, 2]) {
        let candidates: Vec<&str> = set.split(", ").collect();
        assert_eq!(candidates.len(), n, "{set}");
        for c in candidates {
            let parts: Vec<&str> = c.split_whitespace().collect();
            assert_eq!(parts.len(), 2, "{c}");
            assert!(
                parts[0].starts_with("/static/photos/Foto-Kegiatan-hari-1."),
                "{c}"
            );
            assert!(site.out(parts[0].trim_start_matches('/')).is_file(), "{c}");
        }
    }
    // The photo itself keeps its name.
    assert!(site.out("stories/2024/Foto Kegiatan, hari 1.jpg").is_file());
    assert!(broken_links(&site.path("public"), "/").is_empty());
}

/// `foto.png#center`, a Hugo theme's styling mark: the photo still gets
/// its versions, and the mark is dropped.
#[test]
fn a_photo_with_a_fragment_still_gets_its_versions() {
    let site = TestSite::new();
    site.write_bytes("content/stories/2024/peta.png", &png(1200, 800));
    site.story(
        "2024/a.md",
        "Peta",
        "date: 2024-01-01\n",
        "![Peta wilayah](peta.png#center)\n",
    );
    site.build_ok(&[]);
    let doc = site.html("stories/a/index.html");
    assert_eq!(attrs(&doc, "main picture source", "srcset").len(), 1);
    assert_eq!(
        attrs(&doc, "main picture img", "src"),
        ["/stories/2024/peta.png"]
    );
    assert_eq!(attrs(&doc, "main picture img", "width"), ["1200"]);
}

#[test]
fn the_same_photo_under_two_extensions_gets_versions_in_each() {
    // One photo saved as `foto.jpg` in one story's folder and `foto.JPG`
    // in another's: each story's srcset names versions that exist.
    let site = TestSite::new();
    let bytes = bands(1200, 800);
    site.write_bytes("content/stories/2024/foto.jpg", &bytes);
    site.write_bytes("content/stories/2023/foto.JPG", &bytes);
    site.story(
        "2024/a.md",
        "A",
        "date: 2024-01-01\n",
        "![Foto](foto.jpg)\n",
    );
    site.story(
        "2023/b.md",
        "B",
        "date: 2023-01-01\n",
        "![Foto](foto.JPG)\n",
    );
    site.build_ok(&[]);
    for page in ["stories/a/index.html", "stories/b/index.html"] {
        let set = attrs(&site.html(page), "main picture img", "srcset")[0].clone();
        for c in set.split(", ") {
            let path = c.split(' ').next().unwrap().trim_start_matches('/');
            assert!(site.out(path).is_file(), "{page}: {path}");
        }
    }
    assert!(broken_links(&site.path("public"), "/").is_empty());
}

/// The default widths fit the screens readers have: Chromium, told it is
/// each phone or laptop, takes a WebP version at least as sharp as the
/// screen (the width it takes covers the story column in device pixels),
/// and the smallest that is.
#[test]
fn each_screen_takes_the_smallest_webp_version_that_is_sharp_on_it() {
    let Some(chromium) = chromium() else {
        return;
    };
    let site = TestSite::new();
    site.write_bytes("content/stories/2024/foto.jpg", &bands(2400, 1800));
    site.story(
        "2024/a.md",
        "Foto",
        "date: 2024-01-01\n",
        "![Tiga warna](foto.jpg)\n",
    );
    site.build_ok(&[]);
    let host = StaticServer::start(&site.path("public"), "/");
    let mut b = Browser::launch(&chromium);
    b.page(
        "Network.setCacheDisabled",
        serde_json::json!({"cacheDisabled": true}),
    );
    // (screen, CSS pixels wide, device pixel ratio, mobile, width taken)
    for (screen, w, dpr, mobile, want) in [
        ("a 720p phone", 360, 2.0, true, 672),
        ("a laptop", 1366, 1.0, false, 672),
        ("a 1080p phone", 393, 2.75, true, 1008),
        ("a 1080p phone", 412, 2.625, true, 1008),
        ("a 1080p phone", 360, 3.0, true, 1008),
        ("a laptop at 150 %", 1280, 1.5, false, 1008),
        ("a 2x laptop", 1440, 2.0, false, 1344),
    ] {
        b.screen(w, 800, dpr, mobile);
        b.goto(&host.url(&format!("/stories/a/?{w}-{dpr}")));
        let got = b.wait_for(
            "(() => { const i = document.querySelector('main picture img'); \
             return i.complete && i.naturalWidth > 0 && \
             [i.currentSrc, i.getBoundingClientRect().width]; })()",
        );
        let src = got[0].as_str().unwrap_or_default();
        assert!(
            src.contains(&format!(".{want}w.")) && src.ends_with(".webp"),
            "{screen} ({w} px at {dpr}x) took {src}"
        );
        // Sharp: at least one photo pixel per device pixel of the column.
        let column = got[1].as_f64().unwrap_or_default();
        assert!(
            f64::from(want) >= column * dpr * 0.97,
            "{screen}: {want} px for a {column} px column at {dpr}x"
        );
    }
}
