//! Naming the versions of a photo (pure): which files cerita writes for a
//! raster image under `content/`, at which sizes, and the link-preview crop
//! of a cover. The model's link table ([`crate::model::SiteResolver`]) turns
//! these into `srcset`s; [`super::encode`] writes them.
//!
//! Versions live in [`VERSIONS_DIR`], named after the photo and a [`tag`]
//! of its bytes and the settings that made them (`foto.1008w.1a2b3c4d.webp`):
//! a replaced photo gets new addresses, so hosts may keep versions for a
//! year (`_headers`). The largest version is also written at the photo's
//! own path, so plain links to it keep working.

use crate::config::ImageConfig;

/// Whether cerita resizes this file (by its output path).
pub fn is_processed(out: &str, config: &ImageConfig) -> bool {
    config.enabled && raster_ext(out).is_some()
}

pub(crate) fn raster_ext(out: &str) -> Option<&'static str> {
    let ext = out.rsplit_once('.')?.1.to_ascii_lowercase();
    match ext.as_str() {
        "jpg" | "jpeg" => Some("jpg"),
        "png" => Some("png"),
        "webp" => Some("webp"),
        _ => None,
    }
}

/// One version of a photo: width, height, output path.
pub type Version = (u32, u32, String);

/// The output folder of every photo version (under `static/`, which
/// `_headers` lets hosts keep for a year: each name carries a [`tag`]).
pub const VERSIONS_DIR: &str = "static/photos";

/// What else decides a version's bytes besides the photo and `quality`:
/// bumped when the encoders or their settings change.
pub(super) const ENCODING: &str = "v8";

/// The part of a version's name that changes when its bytes do: from the
/// photo's content hash, the widths and the quality (8 hex digits).
pub fn tag(hash: u64, config: &ImageConfig) -> String {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&hash.to_le_bytes());
    h.update(format!("{:?}/{}/{ENCODING}", config.widths, config.quality).as_bytes());
    format!("{:08x}", h.digest() as u32)
}

/// `static/photos/<name>.<label>.<tag>.<ext>` for the photo at `out`.
fn versioned(out: &str, label: &str, tag: &str, ext: &str) -> String {
    format!("{VERSIONS_DIR}/{}.{label}.{tag}.{ext}", safe_name(out))
}

/// The name the versions of the photo at `out` carry: its file name
/// without the extension, keeping letters, digits, `-` and `_`, anything
/// else becoming `-`. A `srcset` splits its entries at spaces and commas,
/// which phones and writers put in file names (`Foto Kegiatan, hari 1.jpg`).
pub fn safe_name(out: &str) -> String {
    let file = out.rsplit('/').next().unwrap_or(out);
    let name = file.rsplit_once('.').map_or(file, |(n, _)| n);
    let mut safe = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
            safe.push(c);
        } else if !safe.ends_with('-') {
            safe.push('-');
        }
    }
    let safe = safe.trim_matches('-');
    if safe.is_empty() { "foto" } else { safe }.to_string()
}

/// The versions of one image: `(width, height, path)` in its own format, in
/// WebP and in AVIF (each when written), smallest first. The largest in its
/// own format is also written at the photo's own path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variants {
    pub own: Vec<(u32, u32, String)>,
    pub webp: Vec<(u32, u32, String)>,
    pub avif: Vec<(u32, u32, String)>,
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

/// The versions cerita writes for `out` (an output path) of `size` pixels
/// whose bytes hash to `hash`.
pub fn variants(out: &str, size: (u32, u32), hash: u64, config: &ImageConfig) -> Option<Variants> {
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
    let ext = out.rsplit_once('.').map_or("", |(_, e)| e);
    let tag = tag(hash, config);
    let height =
        |w: u32| ((u64::from(h0) * u64::from(w) + u64::from(w0) / 2) / u64::from(w0)).max(1) as u32;
    // The same widths in its own format, in WebP and in AVIF (when written).
    let list = |on: bool, ext: &str| -> Vec<Version> {
        if !on {
            return Vec::new();
        }
        widths
            .iter()
            .map(|&w| (w, height(w), versioned(out, &format!("{w}w"), &tag, ext)))
            .collect()
    };
    let webp = list(
        webp_wanted(out, config) && fits_webp(largest, height(largest)),
        "webp",
    );
    let mut own = list(true, ext);
    if !webp.is_empty() {
        own = fallback(own);
    }
    Some(Variants {
        own,
        webp,
        avif: list(config.avif, "avif"),
    })
}

/// The versions in a photo's own format when WebP ones exist: the smallest
/// and the largest. Every browser in use shows WebP; the own format is
/// for the rest (a feature phone's browser, an old iPhone: small screens,
/// which take the smallest) and for the file at the photo's own address
/// (the largest, which a gallery's photo opens). The widths between would be encoded
/// for nobody: they cost a third of a photo's encoding time.
fn fallback(mut own: Vec<Version>) -> Vec<Version> {
    if own.len() > 2 {
        own.drain(1..own.len() - 1);
    }
    own
}

/// Whether `out` gets WebP versions: when they are on and it is not one.
fn webp_wanted(out: &str, config: &ImageConfig) -> bool {
    config.webp && raster_ext(out) != Some("webp")
}

/// Whether a WebP can hold `w`×`h` pixels (at most 16,383 each way): a
/// long screenshot may not, and keeps its own format alone.
fn fits_webp(w: u32, h: u32) -> bool {
    w <= 16_383 && h <= 16_383
}

/// The width of a gallery tile's version: a tile is about 160 CSS pixels
/// wide on a phone, twice that on a phone's dense screen.
pub const THUMB_WIDTH: u32 = 360;

/// A photo's extra small version for gallery tiles, in its own format and
/// in WebP (when written): `(width, height, path)`. `None` when the photo
/// is small, or its versions already come that small.
pub fn thumb(
    out: &str,
    size: (u32, u32),
    hash: u64,
    config: &ImageConfig,
) -> Option<(Version, Option<Version>)> {
    if !is_processed(out, config)
        || size.0 <= THUMB_WIDTH
        || config.widths.iter().any(|&w| w <= THUMB_WIDTH)
    {
        return None;
    }
    let (w0, h0) = (u64::from(size.0), u64::from(size.1));
    let w = THUMB_WIDTH;
    let h = ((h0 * u64::from(w) + w0 / 2) / w0).max(1) as u32;
    let ext = out.rsplit_once('.')?.1;
    let tag = tag(hash, config);
    let label = format!("{w}w");
    let webp = (webp_wanted(out, config) && fits_webp(w, h))
        .then(|| (w, h, versioned(out, &label, &tag, "webp")));
    Some(((w, h, versioned(out, &label, &tag, ext)), webp))
}

/// The versions some photos need beyond their widths: covers' link-preview
/// crops and gallery photos' tiles (both by output path).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Extra {
    pub covers: std::collections::BTreeSet<String>,
    pub thumbs: std::collections::BTreeSet<String>,
}

/// The link-preview size social sites ask for (1.91:1).
pub const OG_SIZE: (u32, u32) = (1200, 630);

/// A cover's link-preview crop: the part of the photo kept (`x`, `y`,
/// `crop_w`, `crop_h`, in upright pixels) and the size it is written at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OgCrop {
    /// Output path: `static/photos/foto.og.<tag>.jpg` for `foto.jpg`.
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
pub fn og_crop(out: &str, size: (u32, u32), hash: u64, config: &ImageConfig) -> Option<OgCrop> {
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
    let ext = out.rsplit_once('.')?.1;
    Some(OgCrop {
        out: versioned(out, "og", &tag(hash, config), ext),
        x: ((w0 - crop_w) / 2) as u32,
        y: ((h0 - crop_h) / 3) as u32,
        crop_w: crop_w as u32,
        crop_h: crop_h as u32,
        width: width as u32,
        height: height as u32,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gallery_tiles_get_a_small_version_only_when_it_saves_bytes() {
        let config = ImageConfig::default();
        let (own, webp) = thumb("s/a.jpg", (4000, 3000), 7, &config).unwrap();
        let t = tag(7, &config);
        assert_eq!(own, (360, 270, format!("static/photos/a.360w.{t}.jpg")));
        assert_eq!(
            webp,
            Some((360, 270, format!("static/photos/a.360w.{t}.webp")))
        );
        assert_eq!(thumb("s/a.jpg", (300, 200), 7, &config), None);
        let small = ImageConfig {
            widths: vec![320, 960],
            ..ImageConfig::default()
        };
        assert_eq!(thumb("s/a.jpg", (4000, 3000), 7, &small), None);
    }

    fn cfg() -> ImageConfig {
        ImageConfig::default()
    }

    #[test]
    fn link_preview_crops_keep_the_shape_and_never_upscale() {
        let c = og_crop("a/spanduk.jpg", (3000, 1000), 7, &cfg()).unwrap();
        assert_eq!(
            c.out,
            format!("static/photos/spanduk.og.{}.jpg", tag(7, &cfg()))
        );
        // 1000 high → 1905 wide, centred; written at 1200×630.
        assert_eq!((c.x, c.y, c.crop_w, c.crop_h), (547, 0, 1905, 1000));
        assert_eq!((c.width, c.height), (1200, 630));
        // Tall: full width, the upper part (a third of the rest above).
        let c = og_crop("potret.png", (2000, 3000), 7, &cfg()).unwrap();
        assert_eq!((c.x, c.y, c.crop_w, c.crop_h), (0, 650, 2000, 1050));
        // Small: the same shape at its own size.
        let c = og_crop("kecil.webp", (600, 900), 7, &cfg()).unwrap();
        assert_eq!((c.width, c.height), (600, 315));
        assert!(og_crop("titik.jpg", (1, 1), 7, &cfg()).is_none());
        assert!(og_crop("a.gif", (3000, 1000), 7, &cfg()).is_none());
    }

    #[test]
    fn versions_are_never_wider_than_the_original() {
        let v = variants("stories/a/foto.JPG", (3000, 2000), 7, &cfg()).unwrap();
        let t = tag(7, &cfg());
        let webp: Vec<_> = v.webp.iter().map(|v| (v.0, v.1)).collect();
        assert_eq!(webp, [(480, 320), (672, 448), (1008, 672), (1344, 896)]);
        assert_eq!(
            v.webp[3],
            (1344, 896, format!("static/photos/foto.1344w.{t}.webp"))
        );
        // Beside WebP, the own format only at the smallest and largest.
        assert_eq!(
            v.own,
            [
                (480, 320, format!("static/photos/foto.480w.{t}.JPG")),
                (1344, 896, format!("static/photos/foto.1344w.{t}.JPG")),
            ]
        );
        let small = variants("a.png", (700, 350), 7, &cfg()).unwrap();
        assert_eq!(
            small.own,
            [
                (480, 240, format!("static/photos/a.480w.{t}.png")),
                (700, 350, format!("static/photos/a.700w.{t}.png"))
            ]
        );
        assert_eq!(small.size(), (700, 350));
        // Without WebP (turned off, or a picture too tall for it), the own
        // format serves every reader: every width.
        let no_webp = ImageConfig {
            webp: false,
            ..cfg()
        };
        let v = variants("foto.jpg", (3000, 2000), 7, &no_webp).unwrap();
        assert_eq!(v.own.len(), 4);
        assert!(v.webp.is_empty());
        let scroll = variants("chat.png", (1400, 20_000), 7, &cfg()).unwrap();
        assert_eq!((scroll.own.len(), scroll.webp.len()), (4, 0));
        assert!(variants("a.gif", (700, 350), 7, &cfg()).is_none());
        assert!(variants("a.svg", (700, 350), 7, &cfg()).is_none());
        let off = ImageConfig {
            enabled: false,
            ..cfg()
        };
        assert!(variants("a.jpg", (700, 350), 7, &off).is_none());
    }

    #[test]
    fn version_names_are_safe_in_a_srcset() {
        let t = tag(7, &cfg());
        let v = variants("s/Foto Kegiatan, hari 1.JPG", (3000, 2000), 7, &cfg()).unwrap();
        assert_eq!(
            v.own[0].2,
            format!("static/photos/Foto-Kegiatan-hari-1.480w.{t}.JPG")
        );
        let odd = variants("s/ñ.ü (2).png", (700, 350), 7, &cfg()).unwrap();
        assert_eq!(odd.own[0].2, format!("static/photos/2.480w.{t}.png"));
        let none = variants("s/…….png", (700, 350), 7, &cfg()).unwrap();
        assert_eq!(none.own[0].2, format!("static/photos/foto.480w.{t}.png"));
    }

    #[test]
    fn a_version_is_renamed_when_its_bytes_would_change() {
        let c = cfg();
        assert_eq!(tag(7, &c), tag(7, &c));
        assert_ne!(tag(7, &c), tag(8, &c), "another photo under the same name");
        let q = ImageConfig {
            quality: c.quality + 5,
            ..cfg()
        };
        assert_ne!(tag(7, &c), tag(7, &q), "another quality");
        let w = ImageConfig {
            widths: vec![640, 1280],
            ..cfg()
        };
        assert_ne!(tag(7, &c), tag(7, &w), "other widths");
        // Turning WebP or AVIF on adds files; the others keep their names.
        let more = ImageConfig {
            webp: !c.webp,
            avif: !c.avif,
            ..cfg()
        };
        assert_eq!(tag(7, &c), tag(7, &more));
    }
}
