//! Slugs are URL-safe and stable for any title.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    let slug = cerita::harness::slug(s);
    assert!(
        slug.is_empty() || cerita::text::is_valid_slug(&slug),
        "{s:?} → {slug:?}"
    );
    assert_eq!(cerita::harness::slug(&slug), slug);
});
