//! What every browser test starts from: Chromium found, a site built under
//! the `/cerita/` sub-path and served as a static host serves it (gzip, bytes
//! counted).

use std::path::{Path, PathBuf};

use super::{Browser, SUB_PATH, StaticServer, build_under_sub_path, chromium, repo};

/// A built site on a static host, and the Chromium to open it with.
pub struct Reader {
    /// The built site.
    pub out: PathBuf,
    pub server: StaticServer,
    chromium: PathBuf,
    _tmp: tempfile::TempDir,
}

impl Reader {
    /// The repository's example site; `None` when there is no Chromium and
    /// the browser tests may skip (see [`chromium`]).
    pub fn example() -> Option<Reader> {
        Reader::site(repo())
    }

    /// The site at `root`; `None` as for [`Reader::example`].
    pub fn site(root: &Path) -> Option<Reader> {
        let chromium = chromium()?;
        let (tmp, out) = build_under_sub_path(root);
        let server = StaticServer::start(&out, SUB_PATH);
        Some(Reader {
            out,
            server,
            chromium,
            _tmp: tmp,
        })
    }

    /// The address of `rel` (e.g. `search/?q=air`) under the sub-path.
    pub fn url(&self, rel: &str) -> String {
        self.server.url(&format!("{SUB_PATH}{rel}"))
    }

    /// A new browser, nothing cached, at its default size.
    pub fn browser(&self) -> Browser {
        Browser::launch(&self.chromium)
    }

    /// A new browser with extra command-line switches (a proxy).
    pub fn browser_with(&self, extra: &[String]) -> Browser {
        Browser::launch_with(&self.chromium, extra)
    }

    /// A new browser, nothing cached, with a phone's screen (360 × 640, mobile).
    pub fn phone(&self) -> Browser {
        let mut b = self.browser();
        b.viewport(360, 640, true);
        b
    }
}
