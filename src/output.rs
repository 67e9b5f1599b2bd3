//! Stage 5: write the site into a staging directory beside the output, then
//! swap it into place only when the whole build succeeded.
//!
//! The output directory is marked as cerita's own with a `.cerita` file.
//! cerita refuses to replace a directory that is not empty and not marked, or
//! that is (or contains) the site's sources. A failed or killed build leaves
//! the previous output untouched: it only ever wrote into the staging folder.

use std::path::{Component, Path, PathBuf};

use crate::error::{Error, Result};
use crate::fs;
use rustc_hash::FxHashSet;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Marker file in every output directory cerita writes.
pub const MARKER: &str = ".cerita";
const MARKER_TEXT: &str = "This folder is written by cerita; it is replaced on every build.\n";

/// Where rendered files go. Paths are relative to the output root, `/`-separated.
/// Every stage that makes files writes them through a sink: the build's is a
/// staging folder ([`Staging`]), the preview server's is memory, `check`'s
/// keeps only what it verifies.
pub trait Sink: Sync {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<()>;
    /// A file whose bytes are already shared (a page the preview server
    /// kept from the last render): a sink that holds files keeps the `Arc`
    /// instead of a copy.
    fn write_shared(&self, path: &str, bytes: Arc<Vec<u8>>) -> Result<()> {
        self.write(path, &bytes)
    }
    /// [`Sink::write_shared`] of a file whose [`file_digest`] is known (a
    /// page the preview server kept): a sink that sums digests need not
    /// read its bytes again.
    fn write_known(&self, path: &str, bytes: Arc<Vec<u8>>, _digest: u64) -> Result<()> {
        self.write_shared(path, bytes)
    }
    /// A file copied as it is from `src` (a photo, a static file).
    fn copy(&self, src: &Path, path: &str) -> Result<()>;
    /// A file from cerita's own cache (a photo version), which a sink on
    /// disk may link instead of copying: nothing outside cerita's folders
    /// ever shares bytes with the output.
    fn link_cached(&self, src: &Path, path: &str) -> Result<()> {
        self.copy(src, path)
    }
}

/// A sink that passes everything on to another and keeps a digest of what
/// went through: which files, with which bytes (copies by their size and
/// time). Files arrive in any order, from any thread: each one's hash is
/// added up, so the digest does not depend on the order.
pub struct HashingSink<'a> {
    inner: &'a dyn Sink,
    sum: std::sync::atomic::AtomicU64,
    /// Files whose path ends with this are kept too (the offline pages the
    /// worker carries).
    keep: &'static str,
    kept: Mutex<Vec<(String, Vec<u8>)>>,
}

impl<'a> HashingSink<'a> {
    /// A sink that also keeps the files whose path ends with `keep`.
    pub fn new(inner: &'a dyn Sink, keep: &'static str) -> Self {
        HashingSink {
            inner,
            sum: std::sync::atomic::AtomicU64::new(0),
            keep,
            kept: Mutex::new(Vec::new()),
        }
    }

    /// The kept files, by path.
    pub fn kept(&self) -> Vec<(String, Vec<u8>)> {
        let mut files = self.kept.lock().map(|k| k.clone()).unwrap_or_default();
        files.sort();
        files
    }

    /// The digest of everything written so far.
    pub fn digest(&self) -> u64 {
        self.sum.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// A copied file counts by its size and time.
    fn add_copy(&self, src: &Path, path: &str) {
        let stamp = std::fs::metadata(src)
            .ok()
            .map(|m| (m.len(), crate::fs::modified_nanos(&m)))
            .unwrap_or_default();
        self.add(path, format!("{stamp:?}").as_bytes());
    }

    fn add(&self, path: &str, what: &[u8]) {
        self.add_known(path, what, file_digest(path, what));
    }

    fn add_known(&self, path: &str, what: &[u8], digest: u64) {
        if !self.keep.is_empty() && path.ends_with(self.keep) {
            if let Ok(mut k) = self.kept.lock() {
                k.push((path.to_string(), what.to_vec()));
            }
        }
        self.sum
            .fetch_add(digest, std::sync::atomic::Ordering::Relaxed);
    }
}

/// What one file adds to a build's digest ([`HashingSink`]): a hash of its
/// path and bytes.
pub fn file_digest(path: &str, bytes: &[u8]) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(path.as_bytes());
    h.update(&[0]);
    h.update(bytes);
    h.digest()
}

impl Sink for HashingSink<'_> {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<()> {
        self.add(path, bytes);
        self.inner.write(path, bytes)
    }

    fn write_shared(&self, path: &str, bytes: Arc<Vec<u8>>) -> Result<()> {
        self.add(path, &bytes);
        self.inner.write_shared(path, bytes)
    }

    fn write_known(&self, path: &str, bytes: Arc<Vec<u8>>, digest: u64) -> Result<()> {
        self.add_known(path, &bytes, digest);
        self.inner.write_known(path, bytes, digest)
    }

    fn copy(&self, src: &Path, path: &str) -> Result<()> {
        self.add_copy(src, path);
        self.inner.copy(src, path)
    }

    fn link_cached(&self, src: &Path, path: &str) -> Result<()> {
        self.add_copy(src, path);
        self.inner.link_cached(src, path)
    }
}

/// Files by output path, their bytes shared.
pub type Files = HashMap<String, Arc<Vec<u8>>>;
/// Copies by output path: the file each is a copy of.
pub type Copies = HashMap<String, PathBuf>;

/// A sink in memory (the preview server): written files are kept, shared
/// ones without a copy; copied files are recorded by their source, to be
/// read when asked for, so a site's photos are never held in memory.
#[derive(Debug, Default)]
pub struct MemorySink {
    pub files: Mutex<Files>,
    pub copies: Mutex<Copies>,
}

impl MemorySink {
    /// The files written and the files copied.
    pub fn into_parts(self) -> (Files, Copies) {
        let files = self.files.into_inner().unwrap_or_else(|e| e.into_inner());
        let copies = self.copies.into_inner().unwrap_or_else(|e| e.into_inner());
        (files, copies)
    }
}

impl Sink for MemorySink {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<()> {
        self.write_shared(path, Arc::new(bytes.to_vec()))
    }

    fn write_shared(&self, path: &str, bytes: Arc<Vec<u8>>) -> Result<()> {
        if let Ok(mut f) = self.files.lock() {
            f.insert(path.to_string(), bytes);
        }
        Ok(())
    }

    fn copy(&self, src: &Path, path: &str) -> Result<()> {
        if let Ok(mut c) = self.copies.lock() {
            c.insert(path.to_string(), src.to_path_buf());
        }
        Ok(())
    }
}

/// A sink that drops everything (for `check`).
#[derive(Debug, Default)]
pub struct NullSink;

impl Sink for NullSink {
    fn write(&self, _: &str, _: &[u8]) -> Result<()> {
        Ok(())
    }
    fn copy(&self, _: &Path, _: &str) -> Result<()> {
        Ok(())
    }
}

/// Checks that `out` may be replaced by a build of the site at `root`.
pub fn check_output_dir(root: &Path, out: &Path) -> Result<()> {
    let refuse = |reason: String| {
        Err(Error::UnsafeOutput {
            path: out.to_path_buf(),
            reason,
        })
    };
    let root_abs = absolute(root);
    let out_abs = absolute(out);
    if out_abs.parent().is_none() {
        return refuse("it is the file-system root".into());
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from) {
        if absolute(&home) == out_abs {
            return refuse("it is your home folder".into());
        }
    }
    if root_abs.starts_with(&out_abs) {
        return refuse(
            "it is the site folder or contains it; choose a folder of its own, e.g. `public/`"
                .into(),
        );
    }
    for src in ["content", "themes", "templates", "static"] {
        if out_abs.starts_with(root_abs.join(src)) {
            return refuse(format!(
                "it is inside the site's `{src}/` folder, which holds sources"
            ));
        }
    }
    if out_abs.is_file() {
        return refuse("it is a file".into());
    }
    if out_abs.is_dir() && !out_abs.join(MARKER).is_file() && !fs::is_empty_dir(&out_abs)? {
        return refuse(format!(
            "the folder is not empty and was not written by cerita (no `{MARKER}` file); empty it, or pick another with --output"
        ));
    }
    Ok(())
}

/// `path` made absolute and lexically normalised (no `.`/`..`), without
/// requiring it to exist.
pub fn absolute(path: &Path) -> PathBuf {
    let base = if path.is_absolute() {
        PathBuf::new()
    } else {
        std::env::current_dir().unwrap_or_default()
    };
    let joined = base.join(path);
    // Resolve symlinks in the existing part so `/tmp/x` and `/private/tmp/x` agree.
    let mut existing = joined.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (
            existing.file_name().map(|n| n.to_os_string()),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut out = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        out.push(name);
    }
    let mut norm = PathBuf::new();
    for c in out.components() {
        match c {
            Component::ParentDir => {
                norm.pop();
            }
            Component::CurDir => {}
            other => norm.push(other.as_os_str()),
        }
    }
    norm
}

/// A staging directory that becomes the output on [`Staging::commit`] and is
/// removed if dropped before that.
///
/// On a disk, creating files and folders is what a build spends its time
/// on (and, right after many were deleted, ext4 takes longer for each new
/// one). So the output a commit replaces is not deleted but kept (in
/// `.cerita-cache/previous/`), and the next build writes into it: files are
/// overwritten where they are, folders already exist, and only what that
/// build no longer makes is removed before the swap. Each folder is
/// created once per build, and photo versions are hard links into the
/// image cache where the file system allows.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    /// Where the replaced output is kept for the next build.
    keep: Option<PathBuf>,
    committed: bool,
    /// Folders (relative to `dir`) known to exist.
    dirs: Mutex<FxHashSet<String>>,
    /// A reused output's files this build has not written (yet); removed
    /// before the swap. `None` for a fresh folder.
    stale: Option<Mutex<FxHashSet<String>>>,
    /// A reused output's files with other links (photo versions linked to
    /// the cache): never overwritten in place.
    shared: FxHashSet<String>,
    /// Every file this build put in the folder, with its size: the build
    /// stamp's record of the output, without walking it again.
    written: Mutex<Vec<(String, u64)>>,
}

/// What a reused folder holds.
struct Existing {
    dirs: FxHashSet<String>,
    files: FxHashSet<String>,
    shared: FxHashSet<String>,
}

impl Staging {
    /// Creates `.<name>.cerita-staging-<pid>` beside `out`, with nothing
    /// to reuse.
    pub fn new(out: &Path) -> Result<Staging> {
        Self::with_previous(out, None)
    }

    /// Creates `.<name>.cerita-staging-<pid>` beside `out`; `keep` is where
    /// the output this build replaces is kept to be written over by the
    /// next one (a folder of cerita's own, e.g. under `.cerita-cache/`).
    /// The folder kept there by the last build becomes this staging folder
    /// when it is cerita's (marked, only files and folders) and on the
    /// same file system; otherwise it is removed and the folder is fresh.
    pub fn with_previous(out: &Path, keep: Option<PathBuf>) -> Result<Staging> {
        let out = absolute(out);
        let parent = out.parent().map(Path::to_path_buf).unwrap_or_default();
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "public".into());
        fs::create_dir_all(&parent)?;
        remove_stale(&parent, &name);
        let dir = parent.join(format!(".{name}.cerita-staging-{}", std::process::id()));
        fs::remove_dir_all(&dir)?;
        let existing = keep.as_deref().and_then(|k| reuse(k, &dir));
        let mut staging = Staging {
            out,
            dir,
            keep,
            committed: false,
            dirs: Mutex::new(FxHashSet::default()),
            stale: None,
            shared: FxHashSet::default(),
            written: Mutex::new(Vec::new()),
        };
        match existing {
            Some(e) => {
                staging.dirs = Mutex::new(e.dirs);
                staging.stale = Some(Mutex::new(e.files));
                staging.shared = e.shared;
            }
            None => {
                fs::create_dir_all(&staging.dir)?;
                fs::write(&staging.dir.join(MARKER), MARKER_TEXT.as_bytes())?;
            }
        }
        Ok(staging)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Notes that the file at `path` holds `len` bytes.
    fn note(&self, path: &str, len: u64) {
        if let Ok(mut w) = self.written.lock() {
            w.push((path.to_string(), len));
        }
    }

    /// Every file in the folder, by path, with its size, sorted: what this
    /// build wrote and the folder's marker.
    pub fn files(&self) -> Vec<(String, u64)> {
        let mut files = self.written.lock().map(|w| w.clone()).unwrap_or_default();
        if let Ok(m) = std::fs::metadata(self.dir.join(MARKER)) {
            files.push((MARKER.to_string(), m.len()));
        }
        // A path written twice holds what was written last.
        files.reverse();
        files.sort_by(|a, b| a.0.cmp(&b.0));
        files.dedup_by(|a, b| a.0 == b.0);
        files
    }

    /// Whether this build writes over a kept output.
    pub fn reused(&self) -> bool {
        self.stale.is_some()
    }

    fn target(&self, rel: &str) -> Result<PathBuf> {
        let p = Path::new(rel);
        let safe = !rel.is_empty() && p.components().all(|c| matches!(c, Component::Normal(_)));
        if !safe {
            return Err(Error::Other(format!(
                "refusing to write outside the output folder: `{rel}`"
            )));
        }
        Ok(self.dir.join(p))
    }

    /// The full path for `rel`, its folder created (once per build), and
    /// `rel` no longer stale.
    fn prepare(&self, rel: &str) -> Result<(PathBuf, bool)> {
        let target = self.target(rel)?;
        if let Some((folder, _)) = rel.rsplit_once('/') {
            let known = self
                .dirs
                .lock()
                .map(|d| d.contains(folder))
                .unwrap_or(false);
            if !known {
                if let Err(e) = fs::create_dir_all(&self.dir.join(folder)) {
                    // A reused output may have a file where this build
                    // wants a folder.
                    if !self.reused() {
                        return Err(e);
                    }
                    self.clear_way(folder)?;
                    fs::create_dir_all(&self.dir.join(folder))?;
                }
                if let Ok(mut d) = self.dirs.lock() {
                    d.extend(folder_and_up(folder).map(str::to_string));
                }
            }
        }
        let shared = match &self.stale {
            Some(stale) => {
                stale.lock().map(|mut s| s.remove(rel)).unwrap_or(false)
                    && self.shared.contains(rel)
            }
            None => false,
        };
        Ok((target, shared))
    }

    /// The full path for `rel`, ready to be written: a file there that
    /// shares its bytes with another (the cache) is removed first.
    fn prepare_own(&self, rel: &str) -> Result<PathBuf> {
        let (target, shared) = self.prepare(rel)?;
        if shared {
            fs::remove_file(&target)?;
        }
        Ok(target)
    }

    /// In a reused output: removes files standing where `folder`'s parts
    /// should be folders.
    fn clear_way(&self, folder: &str) -> Result<()> {
        let mut path = self.dir.clone();
        for part in folder.split('/') {
            path.push(part);
            if path.is_symlink() || path.is_file() {
                fs::remove_file(&path)?;
            }
        }
        Ok(())
    }

    /// In a reused output: `target` is a folder where this build writes a file.
    fn retry_over_folder<T>(
        &self,
        target: &Path,
        first: Result<T>,
        again: impl Fn() -> Result<T>,
    ) -> Result<T> {
        match first {
            Err(_) if self.reused() && target.is_dir() && !target.is_symlink() => {
                fs::remove_dir_all(target)?;
                again()
            }
            other => other,
        }
    }

    /// Removes what a reused output had and this build did not make.
    fn remove_stale_files(&self) -> Result<()> {
        let Some(stale) = &self.stale else {
            return Ok(());
        };
        let stale = std::mem::take(
            &mut *stale
                .lock()
                .map_err(|_| Error::Other("output lock".into()))?,
        );
        let mut folders = FxHashSet::default();
        for rel in &stale {
            fs::remove_file(&self.dir.join(rel))?;
            if let Some((folder, _)) = rel.rsplit_once('/') {
                folders.insert(folder);
            }
        }
        // Folders left empty go too, deepest first.
        let mut folders: Vec<&str> = folders.into_iter().collect();
        folders.sort_by_key(|f| std::cmp::Reverse(f.matches('/').count()));
        let mut tried = FxHashSet::default();
        for f in folders {
            for f in folder_and_up(f) {
                if !tried.insert(f) || std::fs::remove_dir(self.dir.join(f)).is_err() {
                    break;
                }
            }
        }
        Ok(())
    }

    /// Puts the staged site in place of the output: an atomic exchange where
    /// the OS has one; the old output is then kept for the next build to
    /// write over, or removed.
    pub fn commit(mut self) -> Result<PathBuf> {
        self.remove_stale_files()?;
        if !self.out.exists() {
            match fs::rename(&self.dir, &self.out) {
                Ok(()) => {
                    self.committed = true;
                    return Ok(self.out.clone());
                }
                // Another build put its output there since the check: it is
                // replaced like any previous output.
                Err(_) if self.out.exists() => {}
                Err(e) => return Err(e),
            }
        }
        if exchange(&self.dir, &self.out).is_ok() {
            // `self.dir` now holds the previous output.
            self.committed = true;
            let kept = self.keep.as_deref().is_some_and(|k| {
                let free = !k.exists()
                    || (!k.is_symlink() && k.join(MARKER).is_file() && remove_marked(k).is_ok());
                free && k
                    .parent()
                    .is_some_and(|p| std::fs::create_dir_all(p).is_ok())
                    && std::fs::rename(&self.dir, k).is_ok()
            });
            if !kept {
                remove_marked(&self.dir)?;
            }
        } else {
            let old = self.dir.with_extension("old");
            fs::remove_dir_all(&old)?;
            fs::rename(&self.out, &old)?;
            fs::rename(&self.dir, &self.out)?;
            self.committed = true;
            fs::remove_dir_all(&old)?;
        }
        Ok(self.out.clone())
    }
}

/// `a/b/c`, `a/b`, `a`: a relative folder and the folders holding it.
fn folder_and_up(folder: &str) -> impl Iterator<Item = &str> {
    std::iter::successors(Some(folder), |f| f.rsplit_once('/').map(|(up, _)| up))
}

/// Where a build keeps the output it replaced, for the next build of the
/// same output folder to write over: `.cerita-cache/previous/<hash of the
/// output's path>` in the site.
pub fn kept_output(root: &Path, out: &Path) -> PathBuf {
    let key = xxhash_rust::xxh3::xxh3_64(absolute(out).to_string_lossy().as_bytes());
    root.join(".cerita-cache/previous")
        .join(format!("{key:016x}"))
}

/// Takes the output kept at `kept` as the staging folder `dir`: only when it
/// is cerita's (marked, holding nothing but files and folders) and can be
/// moved there; otherwise it is removed. Returns what it holds.
fn reuse(kept: &Path, dir: &Path) -> Option<Existing> {
    if kept.is_symlink() || !kept.join(MARKER).is_file() {
        return None;
    }
    let mut e = Existing {
        dirs: FxHashSet::default(),
        files: FxHashSet::default(),
        shared: FxHashSet::default(),
    };
    let mut plain = true;
    for entry in walkdir::WalkDir::new(kept).min_depth(1) {
        let Ok(entry) = entry else {
            plain = false;
            break;
        };
        let Ok(rel) = entry.path().strip_prefix(kept) else {
            plain = false;
            break;
        };
        let Some(rel) = rel.to_str().map(|r| r.replace('\\', "/")) else {
            plain = false;
            break;
        };
        let kind = entry.file_type();
        if kind.is_dir() {
            e.dirs.insert(rel);
        } else if kind.is_file() {
            if rel == MARKER {
                continue;
            }
            #[cfg(unix)]
            {
                use std::os::unix::fs::MetadataExt;
                if entry.metadata().is_ok_and(|m| m.nlink() > 1) {
                    e.shared.insert(rel.clone());
                }
            }
            e.files.insert(rel);
        } else {
            // A link or anything else: not something a build wrote.
            plain = false;
            break;
        }
    }
    if !plain || std::fs::rename(kept, dir).is_err() {
        let _ = remove_marked(kept);
        return None;
    }
    Some(e)
}

/// Removes staging folders left by builds that were killed: ours (marked)
/// and named for a process that no longer runs. Only where the OS can tell
/// (`/proc`); elsewhere they stay, harmless, beside the output.
fn remove_stale(parent: &Path, name: &str) {
    let proc = Path::new("/proc/self");
    if !proc.exists() {
        return;
    }
    let prefix = format!(".{name}.cerita-staging-");
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for e in entries.flatten() {
        let file_name = e.file_name();
        let Some(rest) = file_name.to_str().and_then(|n| n.strip_prefix(&prefix)) else {
            continue;
        };
        let pid = rest.strip_suffix(".old").unwrap_or(rest);
        let dead = pid
            .parse::<u32>()
            .is_ok_and(|p| p != std::process::id() && !Path::new(&format!("/proc/{p}")).exists());
        let path = e.path();
        let ours = path.join(MARKER).is_file()
            || std::fs::read_dir(&path).is_ok_and(|mut d| d.next().is_none());
        if dead && ours && !path.is_symlink() {
            let _ = remove_marked(&path);
        }
    }
}

/// Removes a folder of ours with its marker last, so a removal cut short
/// (a killed build) leaves a folder that is still recognisably ours.
fn remove_marked(dir: &Path) -> Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(dir, "read directory", e)),
    };
    for e in entries.flatten() {
        if e.file_name() != MARKER {
            let p = e.path();
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                fs::remove_dir_all(&p)?;
            } else {
                fs::remove_file(&p)?;
            }
        }
    }
    fs::remove_dir_all(dir)
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    rustix::fs::renameat_with(
        rustix::fs::CWD,
        a,
        rustix::fs::CWD,
        b,
        rustix::fs::RenameFlags::EXCHANGE,
    )
    .map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

impl Sink for Staging {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<()> {
        let target = self.prepare_own(path)?;
        let first = fs::write(&target, bytes);
        self.retry_over_folder(&target, first, || fs::write(&target, bytes))?;
        self.note(path, bytes.len() as u64);
        Ok(())
    }

    fn copy(&self, src: &Path, path: &str) -> Result<()> {
        let target = self.prepare_own(path)?;
        let first = fs::copy(src, &target);
        let len = self.retry_over_folder(&target, first, || fs::copy(src, &target))?;
        self.note(path, len);
        Ok(())
    }

    /// A hard link to the cached file: no bytes written. Where links are
    /// not possible (another file system), a copy.
    fn link_cached(&self, src: &Path, path: &str) -> Result<()> {
        let (target, _) = self.prepare(path)?;
        let meta = std::fs::metadata(src).map_err(|e| Error::io(src, "copy", e))?;
        let len = meta.len();
        if !same_file(&meta, &target) {
            if target.is_file() {
                fs::remove_file(&target)?;
            }
            if std::fs::hard_link(src, &target).is_err() {
                let first = fs::copy(src, &target);
                self.retry_over_folder(&target, first, || fs::copy(src, &target))?;
            }
        }
        self.note(path, len);
        Ok(())
    }
}

/// Whether the file of metadata `a` is the one at `b` (one linked to the
/// other).
#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::symlink_metadata(b).is_ok_and(|b| a.dev() == b.dev() && a.ino() == b.ino())
}

#[cfg(not(unix))]
fn same_file(_: &std::fs::Metadata, _: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_that_hold_sources() {
        let site = std::env::temp_dir().join("cerita-output-test-site");
        assert!(check_output_dir(&site, &site).is_err());
        assert!(check_output_dir(&site, &site.join("content/x")).is_err());
        assert!(check_output_dir(&site, site.parent().unwrap()).is_err());
        assert!(check_output_dir(&site, Path::new("/")).is_err());
        assert!(check_output_dir(&site, &site.join("public")).is_ok());
    }

    #[test]
    fn staging_rejects_escaping_paths() {
        let out = std::env::temp_dir().join(format!("cerita-stage-{}", std::process::id()));
        let s = Staging::new(&out).unwrap();
        assert!(s.write("../evil", b"x").is_err());
        assert!(s.write("/etc/x", b"x").is_err());
        assert!(s.write("a/b.html", b"x").is_ok());
        let dir = s.dir().to_path_buf();
        drop(s);
        assert!(!dir.exists());
    }
}
