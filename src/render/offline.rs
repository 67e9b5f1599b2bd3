//! The offline reading worker (`offline:` in `cerita.yaml`): `sw.js` at the
//! site's root, made for each build, so a reader's phone keeps the stories
//! it opened (and the ones the reader saves) and drops what an older build
//! made. Its logic is `offline/sw.js`; this file puts the build's values
//! before it. With `offline: false` the site gets `offline/remove.js`
//! instead: a reader who had the worker loses it and its caches on the next
//! visit. The preview server always serves that one, so writers never see
//! a kept page.

use crate::config::Config;

/// Where the worker is, under the site's path.
pub const WORKER: &str = "sw.js";

/// A downloaded file a reader saves with a story is kept up to this size.
const FILE_LIMIT: u64 = 5 * 1024 * 1024;

const LOGIC: &[u8] = include_bytes!("offline/sw.js");
const REMOVE: &[u8] = include_bytes!("offline/remove.js");

/// The worker that removes itself and its caches.
pub fn remover() -> &'static [u8] {
    crate::theme::compact_js("remove.js", REMOVE)
}

/// The file each language's offline page is written to, under its prefix.
pub const PAGE: &str = "offline/index.html";

/// `sw.js` for this build: `build` identifies what the build wrote (any
/// change to any file makes a new worker, which phones pick up); `pages`
/// are the offline pages written (output path, HTML), which it carries.
pub fn worker(config: &Config, pages: &[(String, Vec<u8>)], build: u64) -> Vec<u8> {
    if !config.offline.enabled {
        return remover().to_vec();
    }
    let base = &config.base_path;
    // Each language's path and offline page, the longest path first: the
    // worker shows the one whose path a missing page starts with.
    let mut pages: Vec<(String, String)> = pages
        .iter()
        .map(|(path, html)| {
            let prefix = path.strip_suffix(PAGE).unwrap_or("");
            (
                format!("{base}{prefix}"),
                String::from_utf8_lossy(html).into_owned(),
            )
        })
        .collect();
    pages.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
    let json = |v: &str| serde_json::to_string(v).unwrap_or_else(|_| "\"\"".into());
    let mut out = format!(
        "var BUILD={},BASE={},BUDGET={},FILE_LIMIT={FILE_LIMIT},OFFLINE={};\n",
        json(&format!("{build:016x}")),
        json(base),
        u64::from(config.offline.budget_mb) * 1024 * 1024,
        serde_json::to_string(&pages).unwrap_or_else(|_| "[]".into()),
    )
    .into_bytes();
    out.extend_from_slice(crate::theme::compact_js("sw.js", LOGIC));
    out
}
