//! `_headers`: how long browsers and the host's cache may keep each kind
//! of file, in the format Netlify and Cloudflare Pages read (other hosts
//! serve it as a file and ignore it; README shows nginx and Apache).
//!
//! Only files whose address changes when their bytes do are kept long:
//! the theme's files, which `url()` links with `?v=<version>`, the photo
//! versions under `static/photos/`, whose names carry a tag of their bytes
//! ([`crate::images::naming::tag`]), and the search index's shards, which
//! `search.js` asks for with `?v=<build>`. Everything else (pages, feeds,
//! photos at their own paths, `search/index.json`) keeps the
//! host's default, which revalidates on every visit: an unchanged file
//! costs a `304` and no body. No rule overlaps another, since hosts join
//! the values of a header set by two matching rules.

use crate::config::Config;
use crate::error::Error;
use crate::output::Sink;

/// The file's name in the output.
pub const FILE: &str = "_headers";

/// Folders under the site's base path whose files are addressed by version.
const VERSIONED: &[&str] = &["static/*", "search/s/*", "search/d/*", "search/r/*"];

/// The rules, under the site's base path.
pub fn rules(config: &Config) -> String {
    let mut out = String::from(
        "# Written by cerita. Files whose address names their version are kept for a\n\
         # year; pages and everything else are revalidated on every visit (the host's\n\
         # default). A site's own static/_headers replaces this file.\n",
    );
    for folder in VERSIONED {
        out.push_str(&format!(
            "{}{folder}\n  Cache-Control: public, max-age=31536000, immutable\n",
            config.base_path
        ));
    }
    out
}

/// Writes `_headers` unless the site has its own (copied as it is).
pub fn write(config: &Config, own: bool, sink: &dyn Sink) -> Result<(), Error> {
    if own {
        return Ok(());
    }
    sink.write(FILE, rules(config).as_bytes())
}
