//! Helpers the test modules share: a site in a temporary folder and the real
//! `cerita` binary run on it (`site`), a site built into a temporary folder at
//! the root or under a sub-path (`example`), `cerita serve` on a free port
//! (`serve`), and for the browser suites headless Chromium with a static
//! host (`cdp`) and the built site served to it (`hosted`).

mod cdp;
mod example;
mod hosted;
mod npm;
mod serve;
mod site;

use std::path::Path;

pub use cdp::{Browser, StaticServer, chromium};
pub use example::{SUB_PATH, build_example, build_under_sub_path, copy_example};
pub use hosted::Reader;
pub use npm::{npm_file, npm_package};
pub use serve::{Serve, next_event, settle};
pub use site::*;

/// The repository: the example site and its theme, and the test data
/// (`tests/schemas/`, `tests/search/parity.js`).
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `text` with every photo version's tag (`.1a2b3c4d.`) written `.T.`, so
/// markup can be compared whatever the photos' bytes.
pub fn untagged(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('.') {
        out.push_str(&rest[..=i]);
        rest = &rest[i + 1..];
        let tag = rest.get(..9);
        if tag.is_some_and(|t| t.ends_with('.') && t[..8].bytes().all(|b| b.is_ascii_hexdigit())) {
            out.push('T');
            rest = &rest[8..];
        }
    }
    out.push_str(rest);
    out
}
