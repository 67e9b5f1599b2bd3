//! The search tokenizer and stemmer on any text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for (w, stems) in cerita::harness::search_words(text) {
        let n = w.chars().count();
        assert!((2..=32).contains(&n), "{w:?}");
        assert_eq!(cerita::search::text::fold(&w), w);
        assert!(stems.iter().all(|s| s.chars().count() <= n));
    }
});
