//! Writing the versions of every photo (disk): decoded once, turned
//! upright (EXIF orientation), resized to the widths [`super::naming`]
//! names, encoded as WebP and in their own format with no metadata (a
//! phone's GPS position never reaches the site), and handed to a sink.
//!
//! Results are cached in `.cerita-cache/images/`, keyed by the source's
//! bytes and the settings, so a rebuild encodes only new or changed photos.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use super::identity::CACHE_DIR;
use super::naming::{
    OgCrop, Variants, is_processed, og_crop, raster_ext, safe_name, tag, thumb, variants,
};
use crate::config::ImageConfig;
use crate::error::{Diagnostic, Error};
use crate::load::Asset;
use crate::output::Sink;

/// What [`process`] did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    pub images: usize,
    /// Encoded this run (the rest came from the cache).
    pub encoded: usize,
    pub files: usize,
}

/// Writes every version of every raster asset into `sink`, from the cache
/// where it can, the link-preview crop of each of `extra.covers` and the
/// tile version of each of `extra.thumbs` (asset output paths). A file that
/// cannot be decoded is an error naming it.
/// `progress` hears of each photo done, with the number to do.
pub fn process(
    root: &Path,
    assets: &[Asset],
    extra: &crate::images::naming::Extra,
    config: &ImageConfig,
    sink: &dyn Sink,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<(Stats, Vec<Diagnostic>), Error> {
    let todo: Vec<&Asset> = assets
        .iter()
        .filter(|a| a.content && is_processed(&a.out, config))
        .collect();
    // Copies of one photo under one file name share their versions (the
    // same names, from the name, the tag and the extension): encoded once,
    // the largest also written at each copy's own path.
    let mut groups: std::collections::BTreeMap<String, Vec<&Asset>> = Default::default();
    for a in &todo {
        let ext = a.out.rsplit_once('.').map_or("", |(_, e)| e);
        let key = match (a.hash, a.size) {
            (Some(h), Some(_)) => format!("{}.{}.{ext}", safe_name(&a.out), tag(h, config)),
            _ => a.out.clone(),
        };
        groups.entry(key).or_default().push(a);
    }
    let cache = root.join(CACHE_DIR);
    let done = AtomicUsize::new(0);
    let encoded = AtomicUsize::new(0);
    let files = AtomicUsize::new(0);
    let diags: Vec<Diagnostic> = groups
        .par_iter()
        .map(|(_, copies)| -> Result<Vec<Diagnostic>, Error> {
            let wants = (
                copies.iter().any(|a| extra.covers.contains(&a.out)),
                copies.iter().any(|a| extra.thumbs.contains(&a.out)),
            );
            let r = one(copies, wants, config, &cache, sink, &encoded, &files);
            let n = done.fetch_add(copies.len(), Ordering::Relaxed) + copies.len();
            progress(n, todo.len());
            r
        })
        .collect::<Result<Vec<_>, Error>>()?
        .into_iter()
        .flatten()
        .collect();
    if !todo.is_empty() {
        super::identity::save(&cache, &todo);
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

fn site_path(a: &Asset) -> String {
    format!("content/{}", a.out)
}

/// The versions of one photo, `copies` being the files that hold it (one
/// but for copies of a photo under one name).
fn one(
    copies: &[&Asset],
    (og, tile): (bool, bool),
    config: &ImageConfig,
    cache: &Path,
    sink: &dyn Sink,
    encoded: &AtomicUsize,
    files: &AtomicUsize,
) -> Result<Vec<Diagnostic>, Error> {
    let Some(a) = copies.first() else {
        return Ok(Vec::new());
    };
    let bad = |why: &str| {
        Ok(copies
            .iter()
            .map(|a| {
                Diagnostic::error(format!("cannot read this image: {why}"))
                    .at_path(site_path(a))
                    .with_hint(
                        "open it in an image viewer; save it again as JPEG or PNG, or remove it",
                    )
            })
            .collect())
    };
    let Some(size) = a.size else {
        return bad("its header is not a JPEG, PNG or WebP header");
    };
    let Some(hash) = a.hash else {
        return bad("the file could not be read");
    };
    let Some(v) = variants(&a.out, size, hash, config) else {
        return Ok(Vec::new());
    };
    let mut key = xxhash_rust::xxh3::Xxh3::new();
    key.update(&hash.to_le_bytes());
    key.update(format!("{:?}/{}/{}", config.widths, config.quality, config.webp).as_bytes());
    key.update(super::naming::ENCODING.as_bytes());
    if config.avif {
        key.update(format!("/avif-q{}-s{AVIF_SPEED}", avif_quality(config.quality)).as_bytes());
    }
    key.update(a.out.rsplit('/').next().unwrap_or(&a.out).as_bytes());
    let dir = cache.join(format!("{:016x}", key.digest()));
    let mut all: Vec<&str> = v
        .own
        .iter()
        .chain(&v.webp)
        .chain(&v.avif)
        .map(|v| v.2.as_str())
        .collect();
    let cached = |p: &str| dir.join(p.rsplit('/').next().unwrap_or(p));
    let crop = og.then(|| og_crop(&a.out, size, hash, config)).flatten();
    let need_crop = crop.as_ref().filter(|c| !cached(&c.out).is_file());
    let tile = tile.then(|| thumb(&a.out, size, hash, config)).flatten();
    let tile_files: Vec<&(u32, u32, String)> = tile
        .as_ref()
        .map(|(own, webp)| std::iter::once(own).chain(webp).collect())
        .unwrap_or_default();
    let need_tile = tile_files.iter().any(|t| !cached(&t.2).is_file());
    let need_versions = !dir.join("done").is_file();
    if need_versions || need_crop.is_some() || need_tile {
        let bytes = crate::fs::read(&a.src)?;
        // The pixels the largest version and the link-preview crop need.
        let mut need = v.own.last().map(|(w, h, _)| (*w, *h)).unwrap_or(size);
        if let Some(c) = &crop {
            need.0 = need.0.max((c.width * size.0).div_ceil(c.crop_w.max(1)));
            need.1 = need.1.max((c.height * size.1).div_ceil(c.crop_h.max(1)));
        }
        let img = match decode(&bytes, need) {
            Ok(i) => i,
            Err(e) => return bad(&e),
        };
        // Each picture is encoded, in every format, as soon as it is made,
        // the longest encodes queued first: the pool starts on the crop's
        // and the largest version's while this thread makes the smaller
        // versions and the tile.
        let done = Work::run(config.quality, |work| {
            let img = Arc::new(img);
            if let Some(c) = need_crop {
                let cut = cut(&img, c, size);
                work.add(
                    cut,
                    [(raster_ext(&c.out).unwrap_or("jpg"), c.out.as_str())],
                    Made::Crop,
                );
            }
            if need_versions {
                work.versions(&img, &v);
            }
            // The tile's files (its own format, WebP) share one size:
            // resized once.
            if let (true, Some((w, h, _))) = (need_tile, tile_files.first()) {
                work.add(
                    resize(&img, *w, *h),
                    tile_files
                        .iter()
                        .map(|(_, _, path)| (raster_ext(path).unwrap_or("jpg"), path.as_str())),
                    Made::Tile,
                );
            }
        })
        .map_err(|e| Error::Other(format!("{}: {e}", site_path(a))))?;
        if need_versions {
            write_versions(done.iter().filter(|e| e.version), &dir)?;
            encoded.fetch_add(1, Ordering::Relaxed);
        }
        for e in done.iter().filter(|e| !e.version) {
            crate::fs::write_atomic(&cached(e.path), &e.bytes)?;
        }
    }
    if let Some(c) = &crop {
        all.push(&c.out);
    }
    all.extend(tile_files.iter().map(|t| t.2.as_str()));
    for path in all {
        sink.link_cached(&cached(path), path)?;
        files.fetch_add(1, Ordering::Relaxed);
    }
    // The largest version at each copy's own path, for plain links.
    if let Some((_, _, largest)) = v.own.last() {
        for copy in copies {
            sink.link_cached(&cached(largest), &copy.out)?;
            files.fetch_add(1, Ordering::Relaxed);
        }
    }
    Ok(Vec::new())
}

/// Encodes the pictures of one photo, each file a task of `scope` started
/// as soon as its picture is made, into `done`.
struct Work<'w, 's, 'a> {
    scope: &'w rayon::Scope<'s>,
    done: &'s Mutex<Vec<Result<Encoded<'a>, String>>>,
    quality: u8,
}

/// A file encoded: its output path, its bytes, whether one of the versions.
struct Encoded<'a> {
    path: &'a str,
    bytes: Vec<u8>,
    version: bool,
}

/// What a picture handed to [`Work::add`] is.
#[derive(Clone, Copy)]
enum Made {
    /// One of the versions, at one width in each format named with it.
    Version,
    /// The link-preview crop.
    Crop,
    /// A gallery tile's version, in each format named with it.
    Tile,
}

impl<'a: 's, 's> Work<'_, 's, 'a> {
    /// Runs `make`, which adds the pictures to encode, and waits for
    /// every encode.
    fn run(
        quality: u8,
        make: impl FnOnce(&Work<'_, '_, 'a>) + Send,
    ) -> Result<Vec<Encoded<'a>>, String> {
        let done = Mutex::new(Vec::new());
        rayon::in_place_scope(|scope| {
            make(&Work {
                scope,
                done: &done,
                quality,
            })
        });
        done.into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .into_iter()
            .collect()
    }

    /// `picture`, to encode as each (format, output path) of `files`. The
    /// slowest formats start first (WebP takes about twice JPEG's time,
    /// AVIF far more): idle threads take the oldest tasks.
    fn add(
        &self,
        picture: impl Into<Arc<image::DynamicImage>>,
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
        made: Made,
    ) {
        let picture = picture.into();
        let mut files: Vec<_> = files.into_iter().collect();
        let effort = match made {
            Made::Crop => Effort::Preview,
            _ if files.iter().any(|(format, _)| *format == "webp") => Effort::BesideWebp,
            Made::Version | Made::Tile => Effort::Full,
        };
        let version = matches!(made, Made::Version);
        let cost = |format: &str| match format {
            "avif" => 2,
            "webp" => 1,
            _ => 0,
        };
        files.sort_by_key(|(format, _)| std::cmp::Reverse(cost(format)));
        for (format, path) in files {
            let (picture, done, quality) = (Arc::clone(&picture), self.done, self.quality);
            self.scope.spawn(move |_| {
                let encoded = encode(&picture, format, quality, effort).map(|bytes| Encoded {
                    path,
                    bytes,
                    version,
                });
                done.lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .push(encoded);
            });
        }
    }

    /// Every width of `img` in its own format, WebP and AVIF (each format
    /// has the widths it names: the own format may skip some). Largest
    /// first, each smaller one resized from the largest: most of the work
    /// is the first step down from the full photo, and a chain of resizes
    /// (1344 → 1008 → 672 → 480) blurs each step again (the 480-px JPEG of
    /// a phone photo at SSIM 0.9796 where resizing from 1344 px gives 0.9810).
    fn versions(&self, img: &Arc<image::DynamicImage>, v: &'a Variants) {
        let all = || {
            v.own
                .iter()
                .map(|o| (raster_ext(&o.2).unwrap_or("jpg"), o))
                .chain(v.webp.iter().map(|w| ("webp", w)))
                .chain(v.avif.iter().map(|a| ("avif", a)))
        };
        let sizes: std::collections::BTreeSet<(u32, u32)> =
            all().map(|(_, (w, h, _))| (*w, *h)).collect();
        let mut from = Arc::clone(img);
        for (i, &(w, h)) in sizes.iter().rev().enumerate() {
            let picture = if from.width() == w && from.height() == h {
                Arc::clone(&from)
            } else {
                Arc::new(resize(&from, w, h))
            };
            let files = all()
                .filter(|(_, v)| (v.0, v.1) == (w, h))
                .map(|(format, (_, _, path))| (format, path.as_str()));
            self.add(Arc::clone(&picture), files, Made::Version);
            if i == 0 {
                from = picture;
            }
        }
    }
}

/// The link-preview crop `c` of the photo of `size` pixels, cut from
/// `img` (which may be decoded smaller).
fn cut(img: &image::DynamicImage, c: &OgCrop, size: (u32, u32)) -> image::DynamicImage {
    let (sx, sy) = (
        f64::from(img.width()) / f64::from(size.0.max(1)),
        f64::from(img.height()) / f64::from(size.1.max(1)),
    );
    let at = |v: u32, s: f64| (f64::from(v) * s).round() as u32;
    let (x, y) = (at(c.x, sx), at(c.y, sy));
    let cw = at(c.crop_w, sx).clamp(1, img.width().saturating_sub(x).max(1));
    let ch = at(c.crop_h, sy).clamp(1, img.height().saturating_sub(y).max(1));
    resize(&img.crop_imm(x, y, cw, ch), c.width, c.height)
}

/// Writes the versions into the cache folder `dir`, beside it first and
/// renamed into place when complete.
fn write_versions<'a>(
    files: impl Iterator<Item = &'a Encoded<'a>>,
    dir: &Path,
) -> Result<(), Error> {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let tmp = dir.with_extension(format!("tmp{}-{n}", std::process::id()));
    crate::fs::remove_dir_all(&tmp)?;
    crate::fs::create_dir_all(&tmp)?;
    for file in files {
        let name = file.path.rsplit('/').next().unwrap_or(file.path);
        crate::fs::write(&tmp.join(name), &file.bytes)?;
    }
    crate::fs::write(&tmp.join("done"), b"")?;
    // Another build may have finished the same image meanwhile: either copy is good.
    crate::fs::remove_dir_all(dir)?;
    if std::fs::rename(&tmp, dir).is_err() {
        crate::fs::remove_dir_all(&tmp)?;
    }
    Ok(())
}

/// Decodes and turns the picture upright. A JPEG at least twice as large
/// as `need` (upright pixels the versions take) is decoded at 1/2, 1/4 or
/// 1/8 of its size straight from its DCT coefficients: most of a phone
/// photo's cost, several times cheaper, and the versions lose nothing.
pub fn decode(bytes: &[u8], need: (u32, u32)) -> Result<image::DynamicImage, String> {
    use image::ImageDecoder;
    let reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    let jpeg = reader.format() == Some(image::ImageFormat::Jpeg);
    let mut decoder = reader.into_decoder().map_err(|e| e.to_string())?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = match jpeg
        .then(|| decode_scaled(bytes, need, orientation))
        .flatten()
    {
        Some(img) => img,
        None => image::DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?,
    };
    img.apply_orientation(orientation);
    Ok(img)
}

/// A JPEG decoded at the smallest halving (1/2, 1/4, 1/8) that still
/// covers `need` (upright), by libjpeg-turbo's reduced inverse DCTs, or
/// `None` when that is its full size or the decoder cannot (CMYK, a broken
/// file: the full decoder reads those, or says what is wrong).
fn decode_scaled(
    bytes: &[u8],
    need: (u32, u32),
    orientation: image::metadata::Orientation,
) -> Option<image::DynamicImage> {
    use mozjpeg::ColorSpace;
    let (nw, nh) = if crate::load::turned_sideways(orientation) {
        (need.1, need.0)
    } else {
        need
    };
    // libjpeg-turbo's size at `num`/8: rounded up.
    let scaled = |side: usize, num: u8| (side * usize::from(num)).div_ceil(8);
    let covers = |(w, h): (usize, usize), num: u8| {
        scaled(w, num) >= nw as usize && scaled(h, num) >= nh as usize
    };
    // mozjpeg reports a broken file by unwinding out of its C code.
    std::panic::catch_unwind(|| {
        let mut d = mozjpeg::Decompress::new_mem(bytes).ok()?;
        let mut num = 8;
        while num > 1 && covers(d.size(), num / 2) {
            num /= 2;
        }
        if num == 8 {
            return None;
        }
        d.scale(num);
        let (mut started, grey) = match d.color_space() {
            ColorSpace::JCS_GRAYSCALE => (d.grayscale().ok()?, true),
            ColorSpace::JCS_YCbCr | ColorSpace::JCS_RGB => (d.rgb().ok()?, false),
            _ => return None,
        };
        let (w, h) = (
            u32::try_from(started.width()).ok()?,
            u32::try_from(started.height()).ok()?,
        );
        let pixels: Vec<u8> = started.read_scanlines().ok()?;
        if grey {
            image::GrayImage::from_raw(w, h, pixels).map(image::DynamicImage::ImageLuma8)
        } else {
            image::RgbImage::from_raw(w, h, pixels).map(image::DynamicImage::ImageRgb8)
        }
    })
    .ok()
    .flatten()
}

/// `img` resized to `w`×`h` (Catmull-Rom, SIMD where the processor has it).
pub fn resize(img: &image::DynamicImage, w: u32, h: u32) -> image::DynamicImage {
    use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};
    // 8-bit RGB(A) or grey, as the versions are written.
    let src = match img {
        image::DynamicImage::ImageRgb8(_)
        | image::DynamicImage::ImageRgba8(_)
        | image::DynamicImage::ImageLuma8(_) => std::borrow::Cow::Borrowed(img),
        other if other.color().has_alpha() => {
            std::borrow::Cow::Owned(image::DynamicImage::ImageRgba8(other.to_rgba8()))
        }
        other => std::borrow::Cow::Owned(image::DynamicImage::ImageRgb8(other.to_rgb8())),
    };
    let mut dst = image::DynamicImage::new(w.max(1), h.max(1), src.color());
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::CatmullRom));
    match Resizer::new().resize(src.as_ref(), &mut dst, &options) {
        Ok(()) => dst,
        // Not expected for these pixel types; the plain resizer never fails.
        Err(_) => img.resize_exact(w, h, image::imageops::FilterType::CatmullRom),
    }
}

/// rav1e's speed, 1 (slowest, smallest) to 10. Chosen by measurement
/// (BENCHMARKS.md, "AVIF").
const AVIF_SPEED: u8 = 9;

/// AVIF's quality for the site's JPEG/WebP `quality`: ten lower gives about
/// the SSIM WebP has at `quality` (measured), in about half its bytes.
fn avif_quality(quality: u8) -> f32 {
    f32::from(quality.saturating_sub(10).max(1))
}

/// How hard the JPEG encoder works, by who downloads the picture (other
/// formats take no notice).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effort {
    /// What readers' pages show: trellis quantisation, and the scan
    /// search up to [`SCAN_SEARCH_UP_TO`] pixels.
    Full,
    /// Beside WebP versions of the same picture, which every browser in
    /// use takes: as [`Effort::Full`], but above [`TRELLIS_UP_TO`] pixels
    /// (the largest version, at the photo's own address: plain links, a
    /// gallery tap without script) without trellis quantisation, its
    /// tables two points coarser for about the same bytes.
    BesideWebp,
    /// The link preview, which a chat app fetches once per share: without
    /// the scan search, and without trellis quantisation, its tables two
    /// points coarser as beside WebP.
    Preview,
}

/// One version as `format` (`jpg`, `png`, `webp`, `avif`), with no metadata.
pub fn encode(
    resized: &image::DynamicImage,
    format: &str,
    quality: u8,
    effort: Effort,
) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    match format {
        "png" => {
            resized
                .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
                .map_err(|e| e.to_string())?;
        }
        "webp" => {
            // 8-bit pictures as they are, opaque ones without an alpha plane
            // for libwebp to make and drop.
            let alpha = resized.color().has_alpha();
            let pixels = match resized {
                image::DynamicImage::ImageRgb8(rgb) => std::borrow::Cow::Borrowed(rgb.as_raw()),
                image::DynamicImage::ImageRgba8(rgba) => std::borrow::Cow::Borrowed(rgba.as_raw()),
                other if alpha => std::borrow::Cow::Owned(other.to_rgba8().into_raw()),
                other => std::borrow::Cow::Owned(other.to_rgb8().into_raw()),
            };
            let (w, h) = (resized.width(), resized.height());
            let enc = if alpha {
                webp::Encoder::from_rgba(&pixels, w, h)
            } else {
                webp::Encoder::from_rgb(&pixels, w, h)
            };
            out = enc
                .encode_simple(false, f32::from(quality))
                .map_err(|e| format!("the WebP encoder failed: {e:?}"))?
                .to_vec();
        }
        "avif" => {
            let rgba = resized.to_rgba8();
            let pixels: Vec<ravif::RGBA8> = rgba
                .pixels()
                .map(|p| ravif::RGBA8::new(p[0], p[1], p[2], p[3]))
                .collect();
            let img = ravif::Img::new(&pixels[..], rgba.width() as usize, rgba.height() as usize);
            out = ravif::Encoder::new()
                .with_quality(avif_quality(quality))
                .with_alpha_quality(100.0)
                .with_speed(AVIF_SPEED)
                .encode_rgba(img)
                .map_err(|e| e.to_string())?
                .avif_file;
        }
        _ => out = encode_jpeg(resized, quality, effort)?,
    }
    Ok(out)
}

/// A JPEG version by mozjpeg: progressive, 4:2:0, trellis quantisation and
/// optimised Huffman tables. Grey pictures stay one channel. The
/// quantisation tables, chosen by measurement on phone photos
/// (BENCHMARKS.md, "Photos"): for versions
/// wider than [`FLAT_LUMA_FROM`] a flat luminance table, which keeps more
/// of the fine structure SSIM sees for each byte than N. Robidoux's
/// photographic one; for smaller versions N. Robidoux's, two points of
/// quality higher, where the flat table would cost more bytes for it.
fn encode_jpeg(
    resized: &image::DynamicImage,
    quality: u8,
    effort: Effort,
) -> Result<Vec<u8>, String> {
    let (pixels, space) = match resized {
        image::DynamicImage::ImageLuma8(grey) => (
            std::borrow::Cow::Borrowed(grey.as_raw()),
            mozjpeg::ColorSpace::JCS_GRAYSCALE,
        ),
        image::DynamicImage::ImageRgb8(rgb) => (
            std::borrow::Cow::Borrowed(rgb.as_raw()),
            mozjpeg::ColorSpace::JCS_RGB,
        ),
        other => (
            std::borrow::Cow::Owned(other.to_rgb8().into_raw()),
            mozjpeg::ColorSpace::JCS_RGB,
        ),
    };
    let (w, h) = (resized.width() as usize, resized.height() as usize);
    // mozjpeg reports its errors by unwinding out of its C code.
    std::panic::catch_unwind(|| -> std::io::Result<Vec<u8>> {
        let mut c = mozjpeg::Compress::new(space);
        // Without trellis quantisation, the tables two points coarser: about
        // the bytes trellis saves, SSIM within 0.001 (BENCHMARKS.md).
        let lean = match effort {
            Effort::Full => false,
            Effort::BesideWebp => w * h > TRELLIS_UP_TO,
            Effort::Preview => true,
        };
        if lean {
            // libjpeg-turbo's settings; the tables, 4:2:0, progressive
            // scans and optimised Huffman tables are set below all the same.
            c.set_fastest_defaults();
        }
        c.set_size(w, h);
        let q = f32::from(quality) - if lean { 2.0 } else { 0.0 };
        if w > FLAT_LUMA_FROM {
            // Chroma keeps N. Robidoux's table at `quality`.
            c.set_quality(q.max(1.0));
            // 72 for the default 80 (a step of 9; 70 and a step of 10
            // without trellis), 100 for 100.
            let flat = (q - 0.4 * (100.0 - q)).max(1.0);
            c.set_luma_qtable(&mozjpeg::qtable::Flat.scaled(flat, flat));
        } else {
            c.set_quality((q + 2.0).clamp(1.0, 100.0));
        }
        // Before progressive mode, which takes libjpeg's scans without it.
        c.set_optimize_scans(effort != Effort::Preview && w * h <= SCAN_SEARCH_UP_TO);
        c.set_progressive_mode();
        c.set_optimize_coding(true);
        let mut started = c.start_compress(Vec::new())?;
        started.write_scanlines(&pixels)?;
        started.finish()
    })
    .map_err(|e| {
        let why = e
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| e.downcast_ref::<&str>().copied())
            .unwrap_or("unknown error");
        format!("the JPEG encoder failed: {why}")
    })?
    .map_err(|e| e.to_string())
}

/// Versions wider than this many pixels take the flat luminance table.
const FLAT_LUMA_FROM: usize = 1000;

/// mozjpeg's search for the progressive scans that code smallest runs on
/// pictures of at most this many pixels: the smaller versions, where it
/// saves the most (up to 7 %). On the largest versions it would add half
/// the encode time (40 ms at 1600 px) to save 2–5 %; on the link preview
/// it adds 40 ms to save 1–4 %.
const SCAN_SEARCH_UP_TO: usize = 1_000_000;

/// A JPEG beside WebP versions larger than this many pixels goes without
/// trellis quantisation, which there more than doubles the encode (60 ms
/// more for a 1344-px version) to save 6–13 % at the same tables; with
/// tables two points coarser instead, the bytes are within 3 % and SSIM
/// within 0.001 (BENCHMARKS.md, "Photos").
const TRELLIS_UP_TO: usize = 1_000_000;

#[cfg(test)]
mod tests {
    use super::*;

    /// Every quality the configuration accepts encodes, at both tables'
    /// widths and with each effort (above a million pixels a JPEG beside
    /// WebP goes without trellis), and a higher quality never writes fewer
    /// bytes.
    #[test]
    fn jpeg_versions_encode_at_every_quality_a_site_may_set() {
        for (width, height) in [(480, 300), (1200, 300), (1400, 800)] {
            let img =
                image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(width, height, |x, y| {
                    image::Rgb([(x % 256) as u8, ((x * y) % 251) as u8, (y % 256) as u8])
                }));
            for effort in [Effort::Full, Effort::BesideWebp, Effort::Preview] {
                let mut last = 0;
                for quality in [1, 8, 9, 50, 80, 99, 100] {
                    let bytes = encode_jpeg(&img, quality, effort).unwrap();
                    let back = image::load_from_memory(&bytes).unwrap();
                    assert_eq!((back.width(), back.height()), (width, height));
                    assert!(bytes.len() >= last, "{width} px at quality {quality}");
                    last = bytes.len();
                }
            }
        }
    }

    fn jpeg(img: image::DynamicImage) -> Vec<u8> {
        let mut out = Vec::new();
        img.write_to(
            &mut std::io::Cursor::new(&mut out),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
        out
    }

    /// A photo at least twice as large as its versions is decoded at the
    /// smallest halving that still covers them, upright sizes turned for a
    /// sideways photo, grey staying one channel; one not twice as large, and
    /// a broken one, go to the full decoder.
    #[test]
    fn large_jpegs_decode_at_the_halving_that_covers_the_versions() {
        let halves = image::RgbImage::from_fn(4000, 3000, |x, _| {
            image::Rgb(if x < 2000 {
                [220, 30, 30]
            } else {
                [30, 30, 220]
            })
        });
        let bytes = jpeg(image::DynamicImage::ImageRgb8(halves));
        let img = decode(&bytes, (1600, 1200)).unwrap();
        assert_eq!((img.width(), img.height()), (2000, 1500));
        let rgb = img.to_rgb8();
        assert!(rgb.get_pixel(500, 700)[0] > 150 && rgb.get_pixel(1500, 700)[2] > 150);
        assert_eq!(decode(&bytes, (480, 360)).unwrap().width(), 500);
        // 1/4: 1/8 would cover the height but not the width.
        assert_eq!(decode(&bytes, (1000, 360)).unwrap().width(), 1000);
        assert_eq!(decode(&bytes, (360, 740)).unwrap().height(), 750);
        assert_eq!(decode(&bytes, (2100, 1575)).unwrap().width(), 4000);
        let sideways = image::metadata::Orientation::Rotate90;
        let turned = decode_scaled(&bytes, (1200, 1600), sideways).unwrap();
        assert_eq!((turned.width(), turned.height()), (2000, 1500));
        assert!(decode_scaled(&bytes, (1600, 1200), sideways).is_none());

        let grey =
            image::GrayImage::from_fn(3200, 2400, |x, y| image::Luma([((x + y) % 256) as u8]));
        let img = decode(&jpeg(image::DynamicImage::ImageLuma8(grey)), (800, 600)).unwrap();
        assert!(matches!(img, image::DynamicImage::ImageLuma8(_)));
        assert_eq!((img.width(), img.height()), (800, 600));

        let broken = b"\xFF\xD8\xFF\xE0 not a jpeg at all";
        let upright = image::metadata::Orientation::NoTransforms;
        assert!(decode_scaled(broken, (10, 10), upright).is_none());
        assert!(decode(broken, (10, 10)).is_err());
    }

    /// WebP keeps a picture's transparency, and an opaque picture stays
    /// opaque (it goes to libwebp without an alpha plane).
    #[test]
    fn webp_versions_keep_transparency_and_opaque_pictures_stay_opaque() {
        let clear = image::RgbaImage::from_fn(64, 48, |x, _| {
            image::Rgba(if x < 32 {
                [200, 40, 40, 0]
            } else {
                [40, 40, 200, 255]
            })
        });
        let back = |img: image::DynamicImage| {
            let bytes = encode(&img, "webp", 80, Effort::Full).unwrap();
            image::load_from_memory_with_format(&bytes, image::ImageFormat::WebP).unwrap()
        };
        let decoded = back(image::DynamicImage::ImageRgba8(clear)).to_rgba8();
        assert_eq!(decoded.dimensions(), (64, 48));
        assert!(decoded.get_pixel(8, 20)[3] < 16 && decoded.get_pixel(56, 20)[3] > 240);
        let opaque = image::RgbImage::from_fn(64, 48, |x, _| image::Rgb([x as u8 * 4, 90, 30]));
        let decoded = back(image::DynamicImage::ImageRgb8(opaque));
        assert!(!decoded.color().has_alpha());
        assert!(decoded.to_rgb8().get_pixel(20, 20)[1].abs_diff(90) < 8);
    }
}
