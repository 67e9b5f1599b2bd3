//! How a host's build gets cerita: [`Install`] (`cargo install --locked` of
//! this version, or a release file and its SHA-256, checked before anything
//! is written) and [`install_script`], the one shell snippet every host's
//! file runs to install it.

use std::fmt::Write as _;

use crate::error::{Error, Result};

/// The cerita these files install: the one writing them.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// How the host's build gets cerita.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Install {
    /// `cargo install --locked cerita --version =VERSION` from crates.io,
    /// compiled in the build (minutes; cached where the host can).
    Cargo,
    /// A release archive (or executable) downloaded and checked against its
    /// SHA-256 before use.
    Binary {
        url: String,
        sha256: String,
        /// The file's name, from the URL.
        file: String,
    },
}

impl Install {
    /// `--binary-url URL --sha256 HEX`, checked: the digest is 64 hex
    /// digits, the URL is one curl fetches and names a file.
    pub fn binary(url: &str, sha256: &str) -> Result<Install> {
        let sha256 = sha256.trim().to_ascii_lowercase();
        if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(Error::Other(format!(
                "--sha256 `{sha256}` is not a SHA-256: give its 64 hexadecimal digits (the file's line in the release's SHA256SUMS, or `sha256sum FILE`)"
            )));
        }
        let url = url.trim();
        if !["https://", "http://", "file://"]
            .iter()
            .any(|s| url.starts_with(s))
        {
            return Err(Error::Other(format!(
                "--binary-url `{url}` must start with https:// (a release asset's address)"
            )));
        }
        // A URL's own characters only: the URL is written into shell
        // commands between single quotes and into TOML literal strings.
        if let Some(c) = url
            .chars()
            .find(|c| !c.is_ascii_graphic() || matches!(c, '\'' | '"' | '\\' | '`'))
        {
            return Err(Error::Other(format!(
                "--binary-url contains {c:?}, which a URL cannot hold as it is; percent-encode it (e.g. a space as %20)"
            )));
        }
        let path = url.split(['?', '#']).next().unwrap_or(url);
        let file = path.rsplit('/').next().unwrap_or("");
        if file.is_empty()
            || !file
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"._+-".contains(&b))
        {
            return Err(Error::Other(format!(
                "--binary-url `{url}` must end in the file's name, of letters, digits and ._+- (e.g. …/cerita-{VERSION}-x86_64-unknown-linux-musl.tar.gz)"
            )));
        }
        Ok(Install::Binary {
            url: url.to_string(),
            file: file.to_string(),
            sha256,
        })
    }

    /// Part of a cache key: a different way or file is a different entry.
    pub(super) fn cache_tag(&self) -> String {
        match self {
            Install::Cargo => "cargo".into(),
            Install::Binary { sha256, .. } => {
                format!("bin-{}", sha256.get(..16).unwrap_or(sha256))
            }
        }
    }
}

/// The shell commands (POSIX sh) that put cerita `version` into
/// `ROOT/bin`, `root` being a shell expression (`$HOME/.cerita-tool`), and
/// on the `PATH` of the rest of the script. A copy there of that version
/// (restored from the host's cache) is used as it is; the other commands run
/// only without one, so the check needs nothing but the shell.
pub fn install_script(install: &Install, version: &str, root: &str) -> String {
    let want = format!("cerita {version}");
    let mut s = format!(
        "# Install cerita {version} into {root}/bin, unless the copy\n\
         # there (restored from a cache) already is that version.\n\
         CERITA_ROOT=\"{root}\"\n\
         if [ \"$(\"$CERITA_ROOT/bin/cerita\" --version 2>/dev/null)\" = \"{want}\" ]; then\n\
         \x20 echo \"{want} is installed\"\n\
         else\n"
    );
    match install {
        Install::Cargo => {
            let _ = write!(
                s,
                "  # From crates.io, compiled here (a few minutes).\n\
                 \x20 if ! command -v cargo >/dev/null 2>&1; then\n\
                 \x20   # No Rust on this image: a minimal toolchain from rustup.\n\
                 \x20   curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal --no-modify-path\n\
                 \x20   . \"$HOME/.cargo/env\"\n\
                 \x20 fi\n\
                 \x20 cargo install --locked --root \"$CERITA_ROOT\" cerita --version '={version}'\n"
            );
        }
        Install::Binary { url, sha256, file } => {
            let unpack = if file.ends_with(".tar.gz") || file.ends_with(".tgz") {
                format!("tar -xzf \"$cerita_tmp/{file}\" -C \"$cerita_tmp/unpacked\"")
            } else if file.ends_with(".tar.xz") {
                format!("tar -xJf \"$cerita_tmp/{file}\" -C \"$cerita_tmp/unpacked\"")
            } else if file.ends_with(".zip") {
                format!("unzip -q \"$cerita_tmp/{file}\" -d \"$cerita_tmp/unpacked\"")
            } else {
                format!("cp \"$cerita_tmp/{file}\" \"$cerita_tmp/unpacked/cerita\"")
            };
            let _ = write!(
                s,
                "  # The release file, checked against its SHA-256 before it is used.\n\
                 \x20 cerita_tmp=\"$(mktemp -d)\"\n\
                 \x20 curl -fsSL --retry 3 -o \"$cerita_tmp/{file}\" '{url}'\n\
                 \x20 (cd \"$cerita_tmp\" && echo '{sha256}  {file}' | sha256sum -c -) || {{\n\
                 \x20   echo \"error: {file} does not have the SHA-256 this file pins ({sha256}); it is not the release it names\" >&2\n\
                 \x20   exit 1\n\
                 \x20 }}\n\
                 \x20 mkdir \"$cerita_tmp/unpacked\"\n\
                 \x20 {unpack}\n\
                 \x20 cerita_bin=\"$(find \"$cerita_tmp/unpacked\" -type f -name cerita | head -n 1)\"\n\
                 \x20 if [ -z \"$cerita_bin\" ]; then\n\
                 \x20   echo \"error: {file} holds no file named cerita\" >&2\n\
                 \x20   exit 1\n\
                 \x20 fi\n\
                 \x20 mkdir -p \"$CERITA_ROOT/bin\"\n\
                 \x20 cp \"$cerita_bin\" \"$CERITA_ROOT/bin/cerita\"\n\
                 \x20 chmod 755 \"$CERITA_ROOT/bin/cerita\"\n\
                 \x20 rm -rf \"$cerita_tmp\"\n"
            );
        }
    }
    let _ = write!(
        s,
        "  cerita_got=\"$(\"$CERITA_ROOT/bin/cerita\" --version)\"\n\
         \x20 if [ \"$cerita_got\" != \"{want}\" ]; then\n\
         \x20   echo \"error: installed $cerita_got, not the {want} this file pins: install that release, or write the file again with the cerita you want (cerita deploy-config HOST --force)\" >&2\n\
         \x20   exit 1\n\
         \x20 fi\n\
         fi\n\
         export PATH=\"$CERITA_ROOT/bin:$PATH\"\n"
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHA: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    fn binary() -> Install {
        Install::binary(
            "https://example.org/releases/v0.1.0/cerita-0.1.0-x86_64-unknown-linux-musl.tar.gz?x=1",
            &SHA.to_uppercase(),
        )
        .unwrap()
    }

    #[test]
    fn binary_install_takes_the_file_name_and_a_lowercase_digest() {
        let Install::Binary { file, sha256, .. } = binary() else {
            panic!("not a binary install")
        };
        assert_eq!(file, "cerita-0.1.0-x86_64-unknown-linux-musl.tar.gz");
        assert_eq!(sha256, SHA);
    }

    #[test]
    fn binary_install_refuses_what_would_break_the_files() {
        for (url, sha, says) in [
            ("https://e.org/c.tar.gz", "abc", "64 hexadecimal"),
            (
                "https://e.org/c.tar.gz",
                &SHA.replace('0', "g"),
                "64 hexadecimal",
            ),
            ("ftp://e.org/c.tar.gz", SHA, "https://"),
            ("https://e.org/it's.tar.gz", SHA, "percent-encode"),
            ("https://e.org/a b.tar.gz", SHA, "percent-encode"),
            ("https://e.org/releases/", SHA, "file's name"),
            ("https://e.org/$(x).tgz", SHA, "file's name"),
        ] {
            let err = Install::binary(url, sha).unwrap_err().to_string();
            assert!(err.contains(says), "{url}: {err}");
        }
    }
}
