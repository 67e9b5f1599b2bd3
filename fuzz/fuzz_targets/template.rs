//! Template limits: instrumenting any source keeps its lines.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|src: &str| {
    let (out, _) = cerita::harness::template(src);
    assert_eq!(out.matches('\n').count(), src.matches('\n').count());
});
