//! Where one photo's time goes, encode by encode, and what other encoder
//! settings would save or cost.
//!
//! ```sh
//! cargo bench --bench photo_encodes -- PHOTO.jpg [PHOTO.jpg ...]
//! ```
//!
//! For each photo: the decode at the scale the versions need and the
//! resizes, then each picture a build makes of it at the default settings
//! (the default widths, largest first, and the 1200×630 link-preview crop) encoded
//! on one thread, best of three, in milliseconds and bytes:
//!
//! - `cerita`: JPEG and WebP as a build writes them (`images::encode`); a
//!   JPEG both as pages show it (no WebP beside it) and as the fallback
//!   beside WebP versions;
//! - JPEG without mozjpeg's scan search, and without trellis quantisation
//!   (libjpeg-turbo's settings with cerita's tables, progressive);
//! - WebP with each of libwebp's methods 0–6 (cerita uses its default, 4),
//!   and method 4 with libwebp's `thread_level` (its analysis on a second
//!   thread).
//!
//! The variants restate cerita's JPEG settings (`encode_jpeg`) with one
//! thing changed; keep them in step when those change.

use std::time::Instant;

use cerita::images::encode::{Effort, decode, encode, resize};

const QUALITY: u8 = 80;
const WIDTHS: [u32; 4] = [1344, 1008, 672, 480];

fn main() {
    let photos: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    if photos.is_empty() {
        eprintln!("usage: cargo bench --bench photo_encodes -- PHOTO.jpg [PHOTO.jpg ...]");
        return;
    }
    for path in photos {
        if let Err(e) = photo(&path) {
            eprintln!("{path}: {e}");
        }
    }
}

fn photo(path: &str) -> Result<(), String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let full = image::ImageReader::new(std::io::Cursor::new(&bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?
        .into_dimensions()
        .map_err(|e| e.to_string())?;
    let high = |w: u32| (u64::from(w) * u64::from(full.1) / u64::from(full.0.max(1))) as u32;
    let start = Instant::now();
    let img = decode(&bytes, (WIDTHS[0], high(WIDTHS[0])))?;
    println!(
        "{path}: {}×{}, decoded at {}×{} in {:.1} ms",
        full.0,
        full.1,
        img.width(),
        img.height(),
        ms(start)
    );
    let mut pictures = Vec::new();
    // Each from the largest, as a build resizes them.
    let mut from = img.clone();
    for (i, w) in WIDTHS.into_iter().enumerate() {
        let start = Instant::now();
        let picture = resize(&from, w, high(w));
        println!("  resize to {w} px: {:.1} ms", ms(start));
        pictures.push((format!("{w} px"), picture.clone()));
        if i == 0 {
            from = picture;
        }
    }
    let crop_h = (img.width() * 630 / 1200).min(img.height());
    let crop = img.crop_imm(0, (img.height() - crop_h) / 2, img.width(), crop_h);
    pictures.push(("link preview".into(), resize(&crop, 1200, 630)));

    println!(
        "| picture | JPEG, cerita | beside WebP | no scan search | no trellis | WebP, cerita (method 4) | 4, two threads | method 6 | 5 | 3 | 2 | 1 | 0 |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (name, picture) in &pictures {
        let rgb = picture.to_rgb8();
        let mut row = vec![name.clone()];
        if name == "link preview" {
            row.push(best(|| encode(picture, "jpg", QUALITY, Effort::Preview)));
            row.push(String::new());
        } else {
            row.push(best(|| encode(picture, "jpg", QUALITY, Effort::Full)));
            row.push(best(|| encode(picture, "jpg", QUALITY, Effort::BesideWebp)));
        }
        row.push(best(|| jpeg(&rgb, Variant::NoScanSearch)));
        row.push(best(|| jpeg(&rgb, Variant::NoTrellis)));
        if name == "link preview" {
            row.extend(std::iter::repeat_n(String::new(), 8));
        } else {
            row.push(best(|| encode(picture, "webp", QUALITY, Effort::Full)));
            row.push(best(|| webp(&rgb, 4, 1)));
            for method in [6, 5, 3, 2, 1, 0] {
                row.push(best(|| webp(&rgb, method, 0)));
            }
        }
        println!("| {} |", row.join(" | "));
    }
    Ok(())
}

fn ms(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}

/// The best of three runs of `f`: "ms, bytes".
fn best(f: impl Fn() -> Result<Vec<u8>, String>) -> String {
    let mut fastest = f64::MAX;
    let mut size = 0;
    for _ in 0..3 {
        let start = Instant::now();
        match f() {
            Ok(out) => size = out.len(),
            Err(e) => return format!("failed: {e}"),
        }
        fastest = fastest.min(ms(start));
    }
    format!("{fastest:.1} ms, {size} B")
}

#[derive(Clone, Copy, PartialEq)]
enum Variant {
    NoScanSearch,
    NoTrellis,
}

/// cerita's JPEG settings with one thing changed.
fn jpeg(rgb: &image::RgbImage, variant: Variant) -> Result<Vec<u8>, String> {
    let (w, h) = (rgb.width() as usize, rgb.height() as usize);
    std::panic::catch_unwind(|| -> std::io::Result<Vec<u8>> {
        let mut c = mozjpeg::Compress::new(mozjpeg::ColorSpace::JCS_RGB);
        if variant == Variant::NoTrellis {
            c.set_fastest_defaults();
        }
        c.set_size(w, h);
        let q = f32::from(QUALITY);
        if w > 1000 {
            c.set_quality(q);
            let flat = (q - 0.4 * (100.0 - q)).max(1.0);
            c.set_luma_qtable(&mozjpeg::qtable::Flat.scaled(flat, flat));
        } else {
            c.set_quality(q + 2.0);
        }
        c.set_optimize_scans(variant != Variant::NoScanSearch && w * h <= 1_000_000);
        c.set_progressive_mode();
        c.set_optimize_coding(true);
        let mut started = c.start_compress(Vec::new())?;
        started.write_scanlines(rgb.as_raw())?;
        started.finish()
    })
    .map_err(|_| "the JPEG encoder failed".to_string())?
    .map_err(|e| e.to_string())
}

fn webp(rgb: &image::RgbImage, method: i32, thread_level: i32) -> Result<Vec<u8>, String> {
    let mut config = webp::WebPConfig::new().map_err(|()| "no WebP config".to_string())?;
    config.quality = f32::from(QUALITY);
    config.method = method;
    config.thread_level = thread_level;
    webp::Encoder::from_rgb(rgb.as_raw(), rgb.width(), rgb.height())
        .encode_advanced(&config)
        .map(|m| m.to_vec())
        .map_err(|e| format!("{e:?}"))
}
