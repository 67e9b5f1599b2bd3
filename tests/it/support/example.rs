//! A site built by the real binary into a temporary folder: the repository's
//! example site, or any site folder under the `/cerita/` sub-path (what the
//! browser suites serve); or the example's sources copied into a folder, for
//! tests that build it in place.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use super::{CERITA, repo, stderr, stdout};

/// The sub-path the browser suites build and serve sites under.
pub const SUB_PATH: &str = "/cerita/";

/// `cerita build` of the site at `root` into a temporary folder, with extra
/// options; panics with its output when it fails.
fn build(root: &Path, extra: &[&str]) -> (tempfile::TempDir, PathBuf, Output) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let o = Command::new(CERITA)
        .args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(&out)
        .args(extra)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "build of {} failed:\n{}",
        root.display(),
        stderr(&o)
    );
    (tmp, out, o)
}

/// Builds the example site into a temp folder and returns (tempdir, output path).
pub fn build_example(extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let (tmp, out, o) = build(repo(), extra);
    assert!(
        stdout(&o).contains("stories"),
        "summary line: {}",
        stdout(&o)
    );
    (tmp, out)
}

/// Builds the site at `root` under the `/cerita/` sub-path into a temp folder
/// and returns (tempdir, output path).
pub fn build_under_sub_path(root: &Path) -> (tempfile::TempDir, PathBuf) {
    let base_url = format!("https://example.org{SUB_PATH}");
    let (tmp, out, _) = build(root, &["--base-url", &base_url]);
    (tmp, out)
}

/// Copies the example site's sources (`cerita.yaml`, `content/`, `themes/`,
/// `i18n/`) from the repository into `dest`, without its output or caches.
pub fn copy_example(dest: &Path) {
    fn copy(from: &Path, to: &Path) {
        if from.is_dir() {
            std::fs::create_dir_all(to).unwrap();
            for e in std::fs::read_dir(from).unwrap() {
                let e = e.unwrap();
                copy(&e.path(), &to.join(e.file_name()));
            }
        } else {
            std::fs::copy(from, to).unwrap();
        }
    }
    for part in ["cerita.yaml", "content", "themes", "i18n"] {
        copy(&repo().join(part), &dest.join(part));
    }
}
