//! A story file through Markdown with cerita's extensions and the safe-HTML
//! policy: never a panic, never a `<script>` in the output.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(src) = std::str::from_utf8(data) {
        let r = cerita::harness::markdown(src);
        assert!(
            !r.html.to_ascii_lowercase().contains("<script"),
            "{}",
            r.html
        );
    }
});
