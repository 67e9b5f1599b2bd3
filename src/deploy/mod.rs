//! `cerita init --deploy HOST` and `cerita deploy-config HOST`: the file a
//! host reads to build and publish the site (a GitHub Actions workflow,
//! `.gitlab-ci.yml`, `wrangler.toml` with the script Cloudflare Pages runs,
//! `netlify.toml`). Not a stage: like `import`, it writes files for others
//! to run.
//!
//! [`files`] is a pure function of the [`Host`] and the [`Settings`]; only
//! [`write()`] and [`init()`] touch the disk, and they never replace a file
//! that exists unless asked to. Every file installs one pinned cerita in a
//! step of its own ([`install_script`], the one shell snippet all four
//! share: `cargo install --locked` of this version, or a release archive
//! checked against its SHA-256), then runs `cerita check` and `cerita build
//! --base-url` with the address the host gives this deployment: a GitHub
//! project site lives under `/<repo>/`, and a preview somewhere other than
//! production.
//!
//! `install.rs` holds the install snippet and checks `--binary-url` and
//! `--sha256`; `hosts.rs` the four hosts' files; this file writes them.

mod hosts;
mod install;

use std::path::{Path, PathBuf};

pub use hosts::{Host, HostFile, Settings, files, next_steps};
pub use install::{Install, VERSION, install_script};

use crate::error::{Error, Result};

/// What [`write()`] and [`init()`] did, and what the writer does next.
#[derive(Debug, Clone)]
pub struct Written {
    pub files: Vec<PathBuf>,
    pub next: Vec<String>,
}

/// `cerita deploy-config HOST`: writes `host`'s files into the site at
/// `root`. Refuses to replace a file that exists unless `force`, naming it;
/// nothing is written then.
pub fn write(root: &Path, host: Host, install: Install, force: bool) -> Result<Written> {
    let config = crate::pipeline::read_config(&crate::options::Options::new(root))?;
    let settings = Settings::new(&config.title, install);
    let files = files(host, &settings);
    if !force {
        refuse_existing(root, host, &files)?;
    }
    let mut written = Vec::new();
    for f in &files {
        let path = root.join(f.path);
        if let Some(parent) = path.parent() {
            crate::fs::create_dir_all(parent)?;
        }
        if force {
            crate::fs::write(&path, f.text.as_bytes())?;
        } else {
            crate::scaffold::create_new(&path, &f.text, &overwrite_hint(&path, host))?;
        }
        if f.executable {
            make_executable(&path)?;
        }
        written.push(path);
    }
    Ok(Written {
        files: written,
        next: next_steps(host, &settings),
    })
}

/// `cerita init DIR --deploy HOST`: a new site with `host`'s files. The
/// host's files are checked first, so a refusal writes nothing.
pub fn init(dir: &Path, today: time::Date, host: Host, install: Install) -> Result<Written> {
    // Only the files' paths matter here, and they do not depend on the title.
    let settings = Settings::new("", install.clone());
    refuse_existing(dir, host, &files(host, &settings))?;
    let mut created = crate::scaffold::init(dir, today)?;
    let mut w = write(dir, host, install, false)?;
    created.append(&mut w.files);
    w.files = created;
    Ok(w)
}

fn overwrite_hint(path: &Path, host: Host) -> String {
    let p = path.display();
    format!(
        "move it away (`mv {p} {p}.old`) and run this again to compare the two, or replace it with `cerita deploy-config {} --force`",
        host.name()
    )
}

fn refuse_existing(root: &Path, host: Host, files: &[HostFile]) -> Result<()> {
    for f in files {
        let path = root.join(f.path);
        if path.exists() {
            return Err(crate::scaffold::exists(&path, &overwrite_hint(&path, host)));
        }
    }
    Ok(())
}

#[cfg(unix)]
fn make_executable(path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
        .map_err(|e| Error::io(path, "make executable", e))
}

#[cfg(not(unix))]
fn make_executable(_: &Path) -> Result<()> {
    Ok(())
}
