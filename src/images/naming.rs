//! Naming the versions of a photo (pure): which files cerita writes for a
//! raster image under `content/`, at which sizes, and the link-preview crop
//! of a cover. The model's link table ([`crate::model::SiteResolver`]) turns
//! these into `srcset`s; [`super::encode`] writes them.

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

/// The versions of one image: `(width, height, path)` in its own format, in
/// WebP and in AVIF (each when written), smallest first; the last in its own
/// format is the original path.
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
    // The same widths in WebP and in AVIF, when written.
    let modern = |on: bool, ext: &str| -> Vec<Version> {
        if !on {
            return Vec::new();
        }
        widths
            .iter()
            .map(|&w| (w, height(w), format!("{stem}.{w}w.{ext}")))
            .collect()
    };
    let webp = modern(config.webp && raster_ext(out) != Some("webp"), "webp");
    let avif = modern(config.avif, "avif");
    Some(Variants { own, webp, avif })
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
    let (stem, ext) = out.rsplit_once('.')?;
    let webp = (config.webp && raster_ext(out) != Some("webp"))
        .then(|| (w, h, format!("{stem}.{w}w.webp")));
    Some(((w, h, format!("{stem}.{w}w.{ext}")), webp))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gallery_tiles_get_a_small_version_only_when_it_saves_bytes() {
        let config = ImageConfig::default();
        let (own, webp) = thumb("s/a.jpg", (4000, 3000), &config).unwrap();
        assert_eq!(own, (360, 270, "s/a.360w.jpg".to_string()));
        assert_eq!(webp, Some((360, 270, "s/a.360w.webp".to_string())));
        assert_eq!(thumb("s/a.jpg", (300, 200), &config), None);
        let small = ImageConfig {
            widths: vec![320, 960],
            ..ImageConfig::default()
        };
        assert_eq!(thumb("s/a.jpg", (4000, 3000), &small), None);
    }

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
