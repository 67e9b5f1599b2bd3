//! Build stamps: a build whose inputs and output are exactly as the last
//! build left them has nothing to do.
//!
//! After a build, a stamp in `.cerita-cache/builds/` records a hash of every
//! input's path, size and modification time (the config, `content/`,
//! `templates/`, `static/`, `themes/`, `i18n/`, the build options and the cerita
//! executable itself), the output's files with their size (as the build
//! wrote them: the output is not walked again after it), when the build
//! finished, and the report to show again. The next build walks the inputs
//! (metadata only, no file is read) and the output; when the inputs match,
//! the output holds the same files with the same sizes and none was
//! modified after the build finished, the output is left as it is. Anything unusual — a folder symlink, a file
//! changed in the same clock tick as the last build read it, a future story
//! whose date has come, an output file touched by hand — means a full build.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use crate::error::Diagnostics;
use crate::options::Options;

/// Where stamps live, under the site root.
pub const DIR: &str = ".cerita-cache/builds";

/// Bumped when the stamp's meaning changes.
const VERSION: u32 = 2;

/// The inputs that decide a build, taken before it reads them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Inputs {
    key: u64,
    /// The newest modification time among them (ns since the epoch).
    newest: u128,
    /// When they were looked at.
    taken: u128,
}

/// What a build leaves for the next one.
#[derive(Debug, Serialize, Deserialize)]
pub struct Stamp {
    version: u32,
    key: u64,
    taken: u128,
    /// Unix time at which a future-dated story becomes due.
    valid_until: Option<i64>,
    pub counts: Vec<(String, usize)>,
    pub warnings: Diagnostics,
    /// The output's files and their sizes, sorted by path.
    outputs: Vec<(String, u64)>,
    /// When the output was complete (ns since the epoch): a file modified
    /// later was changed by someone else.
    finished: u128,
}

fn nanos(meta: &std::fs::Metadata) -> u128 {
    crate::fs::modified_nanos(meta).unwrap_or(0)
}

fn path_of(root: &Path, out: &Path) -> PathBuf {
    let out = crate::output::absolute(out);
    let mut h = Xxh3::new();
    h.update(out.as_os_str().as_encoded_bytes());
    root.join(DIR).join(format!("{:016x}.json", h.digest()))
}

/// Looks at the inputs of a build (metadata only). `None` when something
/// makes a stamp untrustworthy (a folder symlink, an unreadable entry).
pub fn inputs(opts: &Options) -> Option<Inputs> {
    let root = &opts.root;
    let mut h = Xxh3::new();
    h.update(&VERSION.to_le_bytes());
    h.update(
        format!(
            "{:?}\0{:?}\0{}\0{}\0{}\0",
            crate::output::absolute(&opts.output_dir()),
            opts.base_url,
            opts.drafts,
            opts.no_images,
            opts.no_search
        )
        .as_bytes(),
    );
    // A new cerita may render differently.
    let exe = std::env::current_exe().ok()?;
    let meta = std::fs::metadata(exe).ok()?;
    h.update(&meta.len().to_le_bytes());
    h.update(&nanos(&meta).to_le_bytes());
    let mut newest = 0;
    for top in [
        "cerita.yaml",
        "content",
        "templates",
        "static",
        "themes",
        "i18n",
    ] {
        let start = root.join(top);
        if std::fs::symlink_metadata(&start).is_err() {
            h.update(format!("{top}\0-\0").as_bytes());
            continue;
        }
        let mut entries: Vec<(String, u64, u128)> = Vec::new();
        for e in walkdir::WalkDir::new(&start).follow_links(false) {
            let e = e.ok()?;
            let ft = e.file_type();
            let rel = e
                .path()
                .strip_prefix(root)
                .ok()?
                .to_string_lossy()
                .into_owned();
            if ft.is_dir() {
                entries.push((rel, u64::MAX, 0));
                continue;
            }
            // Files, and links to files by what they point at.
            let m = if ft.is_symlink() {
                let target = std::fs::metadata(e.path()).ok();
                // A link to a folder could hide changes from this walk.
                if target.as_ref().is_some_and(|m| m.is_dir()) {
                    return None;
                }
                target
            } else {
                e.metadata().ok()
            };
            let (len, time) = m.map_or((u64::MAX - 1, 0), |m| (m.len(), nanos(&m)));
            newest = newest.max(time);
            entries.push((rel, len, time));
        }
        entries.sort_unstable();
        for (rel, len, time) in entries {
            h.update(rel.as_bytes());
            h.update(&[0]);
            h.update(&len.to_le_bytes());
            h.update(&time.to_le_bytes());
        }
    }
    Some(Inputs {
        key: h.digest(),
        newest,
        taken: SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    })
}

/// The output's files with their size and modification time, sorted.
/// Folders are read in parallel: a 10,000-story site has 16,000 files.
fn outputs(out: &Path) -> Option<Vec<(String, u64, u128)>> {
    use rayon::prelude::*;
    fn walk(dir: &Path, out: &Path) -> Option<Vec<(String, u64, u128)>> {
        let entries = std::fs::read_dir(dir)
            .ok()?
            .collect::<Result<Vec<_>, _>>()
            .ok()?;
        let found: Vec<Vec<(String, u64, u128)>> = entries
            .par_iter()
            .map(|e| {
                let ft = e.file_type().ok()?;
                if ft.is_dir() {
                    return walk(&e.path(), out);
                }
                // Anything but plain files (a link) makes the stamp untrustworthy.
                if !ft.is_file() {
                    return None;
                }
                let m = e.metadata().ok()?;
                let path = e.path();
                let rel = path.strip_prefix(out).ok()?.to_string_lossy().into_owned();
                Some(vec![(rel, m.len(), nanos(&m))])
            })
            .collect::<Option<_>>()?;
        Some(found.into_iter().flatten().collect())
    }
    let mut v = walk(out, out)?;
    v.sort_unstable();
    Some(v)
}

/// Looks at the inputs and, when there is a stamp, at the output (both walks
/// at once). Returns the inputs (for [`save`]) and the stamp of the last
/// build if the inputs are what it saw and the output is what it wrote.
pub fn check(opts: &Options) -> (Option<Inputs>, Option<Stamp>) {
    let stamp = std::fs::read(path_of(&opts.root, &opts.output_dir()))
        .ok()
        .and_then(|text| serde_json::from_slice::<Stamp>(&text).ok())
        .filter(|s| s.version == VERSION);
    let Some(stamp) = stamp else {
        return (inputs(opts), None);
    };
    let (now, output) = rayon::join(|| inputs(opts), || outputs(&opts.output_dir()));
    let fresh = now.as_ref().is_some_and(|now| {
        is_fresh(&stamp, now) && output.as_ref().is_some_and(|o| is_as_written(&stamp, o))
    });
    (now, fresh.then_some(stamp))
}

/// Whether the output holds the files the build wrote, with their sizes,
/// none of them modified after the build finished.
fn is_as_written(stamp: &Stamp, output: &[(String, u64, u128)]) -> bool {
    output.len() == stamp.outputs.len()
        && output
            .iter()
            .zip(&stamp.outputs)
            .all(|((p, len, time), (q, l))| p == q && len == l && *time <= stamp.finished)
}

fn is_fresh(stamp: &Stamp, now: &Inputs) -> bool {
    if stamp.key != now.key {
        return false;
    }
    // A file changed within a second of the last build looking at it may
    // have been changed again since without its time moving on.
    let margin = Duration::from_secs(1).as_nanos();
    let unix = time::OffsetDateTime::now_utc().unix_timestamp();
    now.newest + margin < stamp.taken && stamp.valid_until.is_none_or(|t| unix < t)
}

/// Records a finished build whose output holds `outputs` (each file's path
/// and size, sorted by path). Failing to is harmless: the next build is a
/// full one.
pub fn save(
    opts: &Options,
    inputs: &Inputs,
    outputs: Vec<(String, u64)>,
    valid_until: Option<i64>,
    counts: &BTreeMap<&'static str, usize>,
    warnings: &Diagnostics,
) {
    let out = opts.output_dir();
    let finished = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let stamp = Stamp {
        version: VERSION,
        key: inputs.key,
        taken: inputs.taken,
        valid_until,
        counts: counts.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
        warnings: warnings.clone(),
        outputs,
        finished,
    };
    let Ok(json) = serde_json::to_vec(&stamp) else {
        return;
    };
    let path = path_of(&opts.root, &out);
    if std::fs::create_dir_all(opts.root.join(DIR)).is_ok() {
        let _ = crate::fs::write_atomic(&path, &json);
    }
}

/// Forgets the stamp of `opts`'s output (before it is replaced).
pub fn forget(opts: &Options) {
    let _ = std::fs::remove_file(path_of(&opts.root, &opts.output_dir()));
}
