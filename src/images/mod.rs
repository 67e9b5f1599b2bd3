//! Responsive images: every JPEG, PNG or WebP under `content/` is written
//! in the configured widths (never wider than the original) as WebP (and
//! AVIF, with `images.avif`) plus its own format, under names that change
//! with their bytes. The largest version is also written at the original's
//! path, so plain links to it keep working.
//!
//! Three parts: [`identity`] knows each photo by its bytes (after the load
//! stage), [`naming`] says which files a photo becomes (pure; the model and
//! the renderer use it for markup), [`encode`] makes them (disk, with a
//! cache).

pub mod encode;
pub mod identity;
pub mod naming;
