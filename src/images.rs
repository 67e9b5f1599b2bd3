//! Responsive images: every JPEG, PNG or WebP under `content/` is decoded
//! once, turned upright (EXIF orientation), and written in the configured
//! widths (never wider than the original) as WebP plus its own format, with
//! no metadata (a phone's GPS position never reaches the site). The largest
//! version takes the original's path, so plain links to it keep working.
//!
//! Results are cached in `.cerita-cache/images/`, keyed by the source's
//! bytes and the settings, so a rebuild encodes only new or changed photos.
//! Markup lives with its users: [`Variants`] gives `srcset` strings to the
//! Markdown renderer and the templates.

use std::io::IsTerminal;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::config::ImageConfig;
use crate::error::{Diagnostic, Error};
use crate::load::Asset;
use crate::output::Sink;

/// The cache folder, under the site root.
pub const CACHE_DIR: &str = ".cerita-cache/images";

/// Whether cerita resizes this file (by its output path).
pub fn is_processed(out: &str, config: &ImageConfig) -> bool {
    config.enabled && raster_ext(out).is_some()
}

fn raster_ext(out: &str) -> Option<&'static str> {
    let ext = out.rsplit_once('.')?.1.to_ascii_lowercase();
    match ext.as_str() {
        "jpg" | "jpeg" => Some("jpg"),
        "png" => Some("png"),
        "webp" => Some("webp"),
        _ => None,
    }
}

/// The versions of one image: `(width, height, path)` in its own format and
/// in WebP, smallest first; the last in its own format is the original path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variants {
    pub own: Vec<(u32, u32, String)>,
    pub webp: Vec<(u32, u32, String)>,
}

impl Variants {
    /// `srcset` over `urls` made from paths by `url`.
    pub fn srcset(list: &[(u32, u32, String)], url: impl Fn(&str) -> String) -> String {
        list.iter()
            .map(|(w, _, p)| format!("{} {w}w", url(p)))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The largest version's size (what `width`/`height` say).
    pub fn size(&self) -> (u32, u32) {
        self.own.last().map_or((0, 0), |v| (v.0, v.1))
    }
}

/// The versions cerita writes for `out` (an output path) of `size` pixels.
pub fn variants(out: &str, size: (u32, u32), config: &ImageConfig) -> Option<Variants> {
    if !is_processed(out, config) || size.0 == 0 || size.1 == 0 {
        return None;
    }
    let (w0, h0) = size;
    let largest = config.widths.iter().copied().max().unwrap_or(w0).min(w0);
    let mut widths: Vec<u32> = config
        .widths
        .iter()
        .copied()
        .filter(|&w| w < largest)
        .collect();
    widths.sort_unstable();
    widths.dedup();
    widths.push(largest);
    let stem = out.rsplit_once('.').map_or(out, |(s, _)| s);
    let ext = out.rsplit_once('.').map_or("", |(_, e)| e);
    let height =
        |w: u32| ((u64::from(h0) * u64::from(w) + u64::from(w0) / 2) / u64::from(w0)).max(1) as u32;
    let own = widths
        .iter()
        .map(|&w| {
            let path = if w == largest {
                out.to_string()
            } else {
                format!("{stem}.{w}w.{ext}")
            };
            (w, height(w), path)
        })
        .collect();
    let webp = if config.webp && raster_ext(out) != Some("webp") {
        widths
            .iter()
            .map(|&w| (w, height(w), format!("{stem}.{w}w.webp")))
            .collect()
    } else {
        Vec::new()
    };
    Some(Variants { own, webp })
}

/// The link-preview size social sites ask for (1.91:1).
pub const OG_SIZE: (u32, u32) = (1200, 630);

/// A cover's link-preview crop: the part of the photo kept (`x`, `y`,
/// `crop_w`, `crop_h`, in upright pixels) and the size it is written at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OgCrop {
    /// Output path: `foto.og.jpg` beside `foto.jpg`.
    pub out: String,
    pub x: u32,
    pub y: u32,
    pub crop_w: u32,
    pub crop_h: u32,
    pub width: u32,
    pub height: u32,
}

/// The 1200×630 crop of `out` (never upscaled: a smaller photo gives a
/// smaller crop of the same shape). A wide photo loses its sides, centred; a
/// tall one keeps its upper part (faces and banners sit above the middle).
pub fn og_crop(out: &str, size: (u32, u32), config: &ImageConfig) -> Option<OgCrop> {
    if !is_processed(out, config) {
        return None;
    }
    let (w0, h0) = (u64::from(size.0), u64::from(size.1));
    let (ow, oh) = (u64::from(OG_SIZE.0), u64::from(OG_SIZE.1));
    let (crop_w, crop_h) = if w0 * oh > h0 * ow {
        ((h0 * ow + oh / 2) / oh, h0)
    } else {
        (w0, (w0 * oh + ow / 2) / ow)
    };
    let (crop_w, crop_h) = (crop_w.min(w0), crop_h.min(h0));
    let width = crop_w.min(ow);
    let height = (width * oh + ow / 2) / ow;
    if width < 2 || height < 2 {
        return None;
    }
    let (stem, ext) = out.rsplit_once('.')?;
    Some(OgCrop {
        out: format!("{stem}.og.{ext}"),
        x: ((w0 - crop_w) / 2) as u32,
        y: ((h0 - crop_h) / 3) as u32,
        crop_w: crop_w as u32,
        crop_h: crop_h as u32,
        width: width as u32,
        height: height as u32,
    })
}

/// What [`process`] did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    pub images: usize,
    /// Encoded this run (the rest came from the cache).
    pub encoded: usize,
    pub files: usize,
}

/// Writes every version of every raster asset into `sink`, from the cache
/// where it can, and the link-preview crop of each of `covers` (asset output
/// paths). A file that cannot be decoded is an error naming it.
pub fn process(
    root: &Path,
    assets: &[Asset],
    covers: &std::collections::BTreeSet<String>,
    config: &ImageConfig,
    sink: &dyn Sink,
) -> Result<(Stats, Vec<Diagnostic>), Error> {
    let todo: Vec<&Asset> = assets
        .iter()
        .filter(|a| a.content && is_processed(&a.out, config))
        .collect();
    let cache = root.join(CACHE_DIR);
    let index = Index::load(&cache);
    let done = AtomicUsize::new(0);
    let encoded = AtomicUsize::new(0);
    let files = AtomicUsize::new(0);
    let progress = std::io::stderr().is_terminal() && todo.len() > 4;
    let diags: Vec<Diagnostic> = todo
        .par_iter()
        .map(|a| -> Result<Option<Diagnostic>, Error> {
            let og = covers.contains(&a.out);
            let r = one(a, og, config, &cache, sink, &index, &encoded, &files);
            let n = done.fetch_add(1, Ordering::Relaxed) + 1;
            if progress {
                eprint!("\rimages: {n}/{}", todo.len());
            }
            r
        })
        .collect::<Result<Vec<_>, Error>>()?
        .into_iter()
        .flatten()
        .collect();
    if progress {
        eprint!("\r\x1b[K");
    }
    if !todo.is_empty() {
        index.save(&cache);
    }
    Ok((
        Stats {
            images: todo.len(),
            encoded: encoded.into_inner(),
            files: files.into_inner(),
        },
        diags,
    ))
}

/// `index.tsv` in the cache: each photo's size, modification time and
/// content hash, so unchanged photos need not be read to be recognised.
struct Index {
    known: std::collections::HashMap<String, (u64, u128, u64)>,
    seen: std::sync::Mutex<Vec<(String, u64, u128, u64)>>,
}

impl Index {
    fn load(cache: &Path) -> Index {
        let text = std::fs::read_to_string(cache.join("index.tsv")).unwrap_or_default();
        let known = text
            .lines()
            .filter_map(|l| {
                let mut f = l.split('\t');
                let out = f.next()?.to_string();
                let len = f.next()?.parse().ok()?;
                let time = f.next()?.parse().ok()?;
                let hash = u64::from_str_radix(f.next()?, 16).ok()?;
                Some((out, (len, time, hash)))
            })
            .collect();
        Index {
            known,
            seen: std::sync::Mutex::new(Vec::new()),
        }
    }

    /// Writes the photos of this build (a lost write only costs a re-read).
    fn save(&self, cache: &Path) {
        let mut seen = self.seen.lock().map(|s| s.clone()).unwrap_or_default();
        seen.sort();
        let text: String = seen
            .iter()
            .map(|(o, l, t, h)| format!("{o}\t{l}\t{t}\t{h:016x}\n"))
            .collect();
        if std::fs::create_dir_all(cache).is_ok() {
            let _ = crate::fs::write_atomic(&cache.join("index.tsv"), text.as_bytes());
        }
    }
}

fn site_path(a: &Asset) -> String {
    format!("content/{}", a.out)
}

#[allow(clippy::too_many_arguments)]
fn one(
    a: &Asset,
    og: bool,
    config: &ImageConfig,
    cache: &Path,
    sink: &dyn Sink,
    index: &Index,
    encoded: &AtomicUsize,
    files: &AtomicUsize,
) -> Result<Option<Diagnostic>, Error> {
    let bad = |why: String| {
        Ok(Some(
            Diagnostic::error(format!("cannot read this image: {why}"))
                .at_path(site_path(a))
                .with_hint(
                    "open it in an image viewer; save it again as JPEG or PNG, or remove it",
                ),
        ))
    };
    let Some(size) = a.size else {
        return bad("its header is not a JPEG, PNG or WebP header".into());
    };
    let Some(v) = variants(&a.out, size, config) else {
        return Ok(None);
    };
    // The photo's hash, from the index when its size and time are unchanged
    // (a rebuild then reads no photo at all).
    let stamp = std::fs::metadata(&a.src)
        .ok()
        .and_then(|m| Some((m.len(), crate::fs::modified_nanos(&m)?)));
    let known = stamp.and_then(|st| {
        index
            .known
            .get(&a.out)
            .filter(|(len, time, _)| (*len, *time) == st)
            .map(|e| e.2)
    });
    let mut bytes = None;
    let hash = match known {
        Some(h) => h,
        None => {
            let b = crate::fs::read(&a.src)?;
            let h = xxhash_rust::xxh3::xxh3_64(&b);
            bytes = Some(b);
            h
        }
    };
    if let Some((len, time)) = stamp {
        if let Ok(mut seen) = index.seen.lock() {
            seen.push((a.out.clone(), len, time, hash));
        }
    }
    let mut key = xxhash_rust::xxh3::Xxh3::new();
    key.update(&hash.to_le_bytes());
    key.update(format!("{:?}/{}/{}", config.widths, config.quality, config.webp).as_bytes());
    key.update(b"v1");
    let dir = cache.join(format!("{:016x}", key.digest()));
    let mut all: Vec<&str> = v.own.iter().chain(&v.webp).map(|v| v.2.as_str()).collect();
    let cached = |p: &str| dir.join(p.rsplit('/').next().unwrap_or(p));
    let crop = og.then(|| og_crop(&a.out, size, config)).flatten();
    let need_crop = crop.as_ref().filter(|c| !cached(&c.out).is_file());
    let need_versions = !dir.join("done").is_file();
    if need_versions || need_crop.is_some() {
        let bytes = match bytes {
            Some(b) => b,
            None => crate::fs::read(&a.src)?,
        };
        let img = match decode(&bytes) {
            Ok(i) => i,
            Err(e) => return bad(e),
        };
        // The crop is cut before the versions take the picture.
        let crop_data = match need_crop {
            Some(c) => {
                let cut = img.crop_imm(c.x, c.y, c.crop_w, c.crop_h).resize_exact(
                    c.width,
                    c.height,
                    image::imageops::FilterType::CatmullRom,
                );
                let data = encode(&cut, raster_ext(&c.out).unwrap_or("jpg"), config.quality)
                    .map_err(|e| Error::Other(format!("{}: {e}", site_path(a))))?;
                Some((c, data))
            }
            None => None,
        };
        if need_versions {
            write_versions(a, img, &v, config, &dir)?;
            encoded.fetch_add(1, Ordering::Relaxed);
        }
        if let Some((c, data)) = crop_data {
            crate::fs::write_atomic(&cached(&c.out), &data)?;
        }
    }
    if let Some(c) = &crop {
        all.push(&c.out);
    }
    for path in all {
        sink.copy(&cached(path), path)?;
        files.fetch_add(1, Ordering::Relaxed);
    }
    Ok(None)
}

/// Encodes every width of `img` into the cache folder `dir`, written
/// beside it and renamed into place when complete.
fn write_versions(
    a: &Asset,
    img: image::DynamicImage,
    v: &Variants,
    config: &ImageConfig,
    dir: &Path,
) -> Result<(), Error> {
    let tmp = dir.with_extension(format!("tmp{}", std::process::id()));
    crate::fs::remove_dir_all(&tmp)?;
    crate::fs::create_dir_all(&tmp)?;
    // Largest first, each smaller version resized from the one before:
    // most of the work is the first step down from the full photo.
    let mut current = img;
    for (i, (w, h, path)) in v.own.iter().enumerate().rev() {
        if current.width() != *w || current.height() != *h {
            current = current.resize_exact(*w, *h, image::imageops::FilterType::CatmullRom);
        }
        let name = |p: &str| p.rsplit('/').next().unwrap_or(p).to_string();
        let data = encode(&current, raster_ext(path).unwrap_or("jpg"), config.quality)
            .map_err(|e| Error::Other(format!("{}: {e}", site_path(a))))?;
        crate::fs::write(&tmp.join(name(path)), &data)?;
        if let Some((_, _, webp)) = v.webp.get(i) {
            let data = encode(&current, "webp", config.quality)
                .map_err(|e| Error::Other(format!("{}: {e}", site_path(a))))?;
            crate::fs::write(&tmp.join(name(webp)), &data)?;
        }
    }
    crate::fs::write(&tmp.join("done"), b"")?;
    // Another build may have finished the same image meanwhile: either copy is good.
    crate::fs::remove_dir_all(dir)?;
    if std::fs::rename(&tmp, dir).is_err() {
        crate::fs::remove_dir_all(&tmp)?;
    }
    Ok(())
}

/// Decodes and turns the picture upright.
fn decode(bytes: &[u8]) -> Result<image::DynamicImage, String> {
    use image::ImageDecoder;
    let reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    let mut decoder = reader.into_decoder().map_err(|e| e.to_string())?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = image::DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?;
    img.apply_orientation(orientation);
    Ok(img)
}

/// One version as `format`, with no metadata.
fn encode(resized: &image::DynamicImage, format: &str, quality: u8) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    match format {
        "png" => {
            resized
                .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
                .map_err(|e| e.to_string())?;
        }
        "webp" => {
            let rgba = resized.to_rgba8();
            let enc = webp::Encoder::from_rgba(&rgba, rgba.width(), rgba.height());
            out = enc.encode(f32::from(quality)).to_vec();
        }
        _ => {
            let rgb = resized.to_rgb8();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
                .encode_image(&rgb)
                .map_err(|e| e.to_string())?;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg() -> ImageConfig {
        ImageConfig::default()
    }

    #[test]
    fn link_preview_crops_keep_the_shape_and_never_upscale() {
        let c = og_crop("a/spanduk.jpg", (3000, 1000), &cfg()).unwrap();
        assert_eq!(c.out, "a/spanduk.og.jpg");
        // 1000 high → 1905 wide, centred; written at 1200×630.
        assert_eq!((c.x, c.y, c.crop_w, c.crop_h), (547, 0, 1905, 1000));
        assert_eq!((c.width, c.height), (1200, 630));
        // Tall: full width, the upper part (a third of the rest above).
        let c = og_crop("potret.png", (2000, 3000), &cfg()).unwrap();
        assert_eq!((c.x, c.y, c.crop_w, c.crop_h), (0, 650, 2000, 1050));
        // Small: the same shape at its own size.
        let c = og_crop("kecil.webp", (600, 900), &cfg()).unwrap();
        assert_eq!((c.width, c.height), (600, 315));
        assert!(og_crop("titik.jpg", (1, 1), &cfg()).is_none());
        assert!(og_crop("a.gif", (3000, 1000), &cfg()).is_none());
    }

    #[test]
    fn versions_are_never_wider_than_the_original() {
        let v = variants("stories/a/foto.JPG", (3000, 2000), &cfg()).unwrap();
        assert_eq!(
            v.own,
            [
                (480, 320, "stories/a/foto.480w.JPG".to_string()),
                (960, 640, "stories/a/foto.960w.JPG".to_string()),
                (1600, 1067, "stories/a/foto.JPG".to_string()),
            ]
        );
        assert_eq!(
            v.webp[2],
            (1600, 1067, "stories/a/foto.1600w.webp".to_string())
        );
        let small = variants("a.png", (700, 350), &cfg()).unwrap();
        assert_eq!(
            small.own,
            [
                (480, 240, "a.480w.png".to_string()),
                (700, 350, "a.png".to_string())
            ]
        );
        assert_eq!(small.size(), (700, 350));
        assert!(variants("a.gif", (700, 350), &cfg()).is_none());
        assert!(variants("a.svg", (700, 350), &cfg()).is_none());
        let off = ImageConfig {
            enabled: false,
            ..cfg()
        };
        assert!(variants("a.jpg", (700, 350), &off).is_none());
    }
}
