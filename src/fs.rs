//! Thin `std::fs` wrappers whose errors name the path they failed on.
//!
//! Only the loading stage ([`crate::load`]) and the writing stage
//! ([`crate::output`]) touch the disk, through these helpers.

use std::fs;
use std::path::Path;

use crate::error::{Error, Result};

pub fn read(path: &Path) -> Result<Vec<u8>> {
    fs::read(path).map_err(|e| Error::io(path, "read", e))
}

pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    fs::write(path, bytes).map_err(|e| Error::io(path, "write", e))
}

pub fn create_dir_all(path: &Path) -> Result<()> {
    fs::create_dir_all(path).map_err(|e| Error::io(path, "create directory", e))
}

pub fn remove_dir_all(path: &Path) -> Result<()> {
    match fs::remove_dir_all(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(path, "remove directory", e)),
    }
}

pub fn remove_file(path: &Path) -> Result<()> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(path, "remove file", e)),
    }
}

/// Copies `from` to `to`; returns how many bytes it copied.
pub fn copy(from: &Path, to: &Path) -> Result<u64> {
    fs::copy(from, to).map_err(|e| Error::io(from, "copy", e))
}

pub fn rename(from: &Path, to: &Path) -> Result<()> {
    fs::rename(from, to).map_err(|e| Error::io(from, "rename", e))
}

/// Writes `bytes` to `path` through a temporary file beside it, renamed into
/// place: a reader sees the old file or the whole new one, never half. A
/// missing folder is created. The temporary file is hidden and named after
/// the file (`.a.md.tmp<pid>`), so a watcher or the loader that skips
/// hidden files never takes it for content, and two files written into one
/// folder never share it.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.tmp{}", std::process::id()));
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        create_dir_all(parent)?;
    }
    write(&tmp, bytes)?;
    rename(&tmp, path).inspect_err(|_| {
        let _ = fs::remove_file(&tmp);
    })
}

/// A file's modification time in nanoseconds since the Unix epoch, when the
/// file system tells it.
pub fn modified_nanos(meta: &fs::Metadata) -> Option<u128> {
    let t = meta.modified().ok()?;
    Some(t.duration_since(std::time::UNIX_EPOCH).ok()?.as_nanos())
}

/// `true` when `path` is a directory with no entries (or does not exist).
pub fn is_empty_dir(path: &Path) -> Result<bool> {
    match fs::read_dir(path) {
        Ok(mut entries) => Ok(entries.next().is_none()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(true),
        Err(e) => Err(Error::io(path, "list directory", e)),
    }
}
