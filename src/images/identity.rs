//! Knowing each photo by its bytes (disk): the content hash every version's
//! name and cache entry derive from ([`super::naming::tag`]).
//!
//! `index.tsv` in the image cache keeps each photo's size, modification
//! time and hash, so a photo unchanged since the last build is recognised
//! without being read: a rebuild reads no photo at all.

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;

use super::naming::is_processed;
use crate::config::ImageConfig;
use crate::error::Error;
use crate::load::Asset;

/// The image cache, under the site root: `index.tsv` and the encoded
/// versions ([`super::encode`]).
pub const CACHE_DIR: &str = ".cerita-cache/images";

/// The index's file name in the image cache.
const FILE: &str = "index.tsv";

/// Sets `hash` and `stamp` on every photo cerita resizes (those whose
/// header was read). A photo that cannot be read keeps `hash: None`: the
/// image stage reports it.
pub fn identify(root: &Path, assets: &mut [Asset], config: &ImageConfig) {
    let todo = |a: &Asset| a.content && a.size.is_some() && is_processed(&a.out, config);
    if !assets.iter().any(todo) {
        return;
    }
    let known = load(&root.join(CACHE_DIR));
    assets.par_iter_mut().filter(|a| todo(a)).for_each(|a| {
        let stamp = std::fs::metadata(&a.src)
            .ok()
            .and_then(|m| Some((m.len(), crate::fs::modified_nanos(&m)?)));
        let cached = stamp.and_then(|st| {
            known
                .get(&a.out)
                .filter(|(len, time, _)| (*len, *time) == st)
                .map(|e| e.2)
        });
        a.stamp = stamp;
        a.hash = cached.or_else(|| hash_file(&a.src).ok());
    });
}

/// The content hash of the file at `path`.
fn hash_file(path: &Path) -> Result<u64, Error> {
    Ok(xxhash_rust::xxh3::xxh3_64(&crate::fs::read(path)?))
}

fn load(cache: &Path) -> HashMap<String, (u64, u128, u64)> {
    let text = std::fs::read_to_string(cache.join(FILE)).unwrap_or_default();
    text.lines()
        .filter_map(|l| {
            let mut f = l.split('\t');
            let out = f.next()?.to_string();
            let len = f.next()?.parse().ok()?;
            let time = f.next()?.parse().ok()?;
            let hash = u64::from_str_radix(f.next()?, 16).ok()?;
            Some((out, (len, time, hash)))
        })
        .collect()
}

/// Writes the index of `photos` (a lost write only costs a re-read).
pub fn save(cache: &Path, photos: &[&Asset]) {
    let mut rows: Vec<String> = photos
        .iter()
        .filter_map(|a| {
            let ((len, time), hash) = (a.stamp?, a.hash?);
            Some(format!("{}\t{len}\t{time}\t{hash:016x}\n", a.out))
        })
        .collect();
    rows.sort();
    rows.dedup();
    if std::fs::create_dir_all(cache).is_ok() {
        let _ = crate::fs::write_atomic(&cache.join(FILE), rows.concat().as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_photo_is_read_once_and_then_known_by_its_size_and_time() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content")).unwrap();
        let src = root.join("content/a.jpg");
        std::fs::write(&src, b"not really a jpeg").unwrap();
        let photo = || Asset {
            size: Some((10, 10)),
            ..Asset::new(src.clone(), "a.jpg".into(), true)
        };
        let config = ImageConfig::default();
        let mut assets = vec![photo()];
        identify(root, &mut assets, &config);
        let hash = xxhash_rust::xxh3::xxh3_64(b"not really a jpeg");
        assert_eq!(assets[0].hash, Some(hash));
        assert!(assets[0].stamp.is_some());
        // Saved, then recognised without reading: a planted hash is trusted
        // while the size and time match.
        let mut planted = assets[0].clone();
        planted.hash = Some(42);
        save(&root.join(CACHE_DIR), &[&planted]);
        let mut again = vec![photo()];
        identify(root, &mut again, &config);
        assert_eq!(again[0].hash, Some(42));
        // A changed file is read again.
        std::fs::write(&src, b"another photo, longer").unwrap();
        let mut changed = vec![photo()];
        identify(root, &mut changed, &config);
        assert_eq!(
            changed[0].hash,
            Some(xxhash_rust::xxh3::xxh3_64(b"another photo, longer"))
        );
    }
}
