//! Front matter: fences, YAML and field checks on any bytes a writer saves.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(src) = std::str::from_utf8(data) {
        // Lines as an editor counts them (a lone CR ends one too).
        let lines = cerita::load::normalise_text(src.to_string())
            .lines()
            .count();
        for d in cerita::harness::front_matter(src) {
            assert!(!d.message.is_empty());
            if let Some(line) = d.line {
                assert!(line >= 1 && line <= lines + 2, "line {line} of {lines}");
            }
        }
    }
});
