//! Tools nobody on the project wrote, pinned by version and hash: fetched
//! from the npm registry once into `target/tools/`.

use std::path::{Path, PathBuf};

use super::repo;

fn tools() -> PathBuf {
    repo().join("target/tools")
}

/// The npm registry's tarball of `name@version`, downloaded into
/// `target/tools/` and checked against its SHA-256.
fn download(name: &str, version: &str, sha256: &str) -> PathBuf {
    std::fs::create_dir_all(tools()).unwrap();
    // A scoped package (`@sveltia/cms`) names its tarball without the scope.
    let file = name.rsplit('/').next().unwrap_or(name);
    let tgz = tools().join(format!("{file}-{version}.tgz"));
    let url = format!("https://registry.npmjs.org/{name}/-/{file}-{version}.tgz");
    let ok = std::process::Command::new("curl")
        .args(["-sSfL", "--retry", "3", "-o"])
        .arg(&tgz)
        .arg(&url)
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        ok,
        "could not download {url}: install curl, or put the file at {}",
        tgz.display()
    );
    let sum = std::process::Command::new("sha256sum")
        .arg(&tgz)
        .output()
        .unwrap();
    let sum = String::from_utf8_lossy(&sum.stdout);
    assert!(sum.starts_with(sha256), "{url}: unexpected sha256 {sum}");
    tgz
}

/// Unpacks `members` (all when empty) of `tgz` into a new folder under
/// `target/tools/`, the tarball removed after.
fn unpack(tgz: &Path, members: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir_in(tools()).unwrap();
    let ok = std::process::Command::new("tar")
        .arg("xzf")
        .arg(tgz)
        .arg("-C")
        .arg(dir.path())
        .args(members)
        .status()
        .is_ok_and(|s| s.success());
    assert!(ok, "could not unpack {}", tgz.display());
    let _ = std::fs::remove_file(tgz);
    dir
}

/// `member` of an npm package, pinned by version and tarball hash, fetched
/// from the registry once into `target/tools/` as `dest`.
pub fn npm_file(name: &str, version: &str, sha256: &str, member: &str, dest: &str) -> PathBuf {
    let out = tools().join(dest);
    if !out.is_file() {
        let dir = unpack(&download(name, version, sha256), &[member]);
        std::fs::rename(dir.path().join(member), &out).unwrap();
    }
    out
}

/// A whole npm package, pinned like [`npm_file`], unpacked once into
/// `target/tools/NAME-VERSION/` (its `package/` folder).
pub fn npm_package(name: &str, version: &str, sha256: &str) -> PathBuf {
    let file = name.rsplit('/').next().unwrap_or(name);
    let dest = tools().join(format!("{file}-{version}"));
    if !dest.join("package").is_dir() {
        let dir = unpack(&download(name, version, sha256), &[]);
        std::fs::rename(dir.keep(), &dest).unwrap();
    }
    dest.join("package")
}
