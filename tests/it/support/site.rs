//! A site in a temporary folder, the real `cerita` binary run against it,
//! and readers for what it writes: HTML through a real parser, every file
//! with its bytes, every local link followed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scraper::{Html, Selector};

/// The `cerita` binary Cargo built for these tests.
pub const CERITA: &str = env!("CARGO_BIN_EXE_cerita");

pub struct TestSite {
    pub dir: tempfile::TempDir,
}

pub const CONFIG: &str =
    "title: Situs Uji\nbase_url: https://example.org/\nlanguage: id\ndescription: Cerita uji\n";

impl TestSite {
    /// An empty folder.
    pub fn empty() -> Self {
        TestSite {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A folder with a minimal `cerita.yaml`.
    pub fn new() -> Self {
        let s = Self::empty();
        s.write("cerita.yaml", CONFIG);
        s
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) -> &Self {
        self.write_bytes(rel, text.as_bytes())
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Self {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
        self
    }

    /// A story with the given extra front-matter lines and body.
    pub fn story(&self, rel: &str, title: &str, fields: &str, body: &str) -> &Self {
        self.write(
            &format!("content/stories/{rel}"),
            &format!("---\ntitle: \"{title}\"\n{fields}---\n{body}"),
        )
    }

    pub fn cerita(&self, args: &[&str]) -> Output {
        self.cerita_env(args, &[])
    }

    /// `cerita` with extra environment variables.
    pub fn cerita_env(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        Command::new(CERITA)
            .args(args)
            .current_dir(self.root())
            .env("NO_COLOR", "1")
            .envs(env.iter().copied())
            .output()
            .expect("run cerita")
    }

    /// `cerita build` in the site; panics with the output when it fails.
    pub fn build_ok(&self, extra: &[&str]) -> Output {
        let mut args = vec!["build"];
        args.extend_from_slice(extra);
        let out = self.cerita(&args);
        assert!(out.status.success(), "build failed:\n{}", stderr(&out));
        out
    }

    /// `cerita build` in the site, which must fail with exit code 1 (the
    /// content's errors); returns what it printed on stderr.
    pub fn build_fails(&self) -> String {
        let out = self.cerita(&["build"]);
        assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
        stderr(&out)
    }

    pub fn out(&self, rel: &str) -> PathBuf {
        self.path("public").join(rel)
    }

    /// The published version of a photo: `name` its file name without the
    /// extension (`foto`), `label` its width or kind (`480w`, `og`), `ext`
    /// its format; `public/static/photos/foto.480w.<tag>.jpg`. `None` when
    /// there is none; more than one is a failure.
    pub fn try_version(&self, name: &str, label: &str, ext: &str) -> Option<PathBuf> {
        let dir = self.out("static/photos");
        let prefix = format!("{name}.{label}.");
        let found: Vec<PathBuf> = std::fs::read_dir(&dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                let f = p.file_name().and_then(|f| f.to_str()).unwrap_or("");
                f.strip_prefix(&prefix)
                    .and_then(|rest| rest.strip_suffix(&format!(".{ext}")))
                    .is_some_and(|tag| tag.len() == 8 && tag.bytes().all(|b| b.is_ascii_hexdigit()))
            })
            .collect();
        assert!(found.len() <= 1, "more than one version: {found:?}");
        found.into_iter().next()
    }

    /// [`TestSite::try_version`], which must exist.
    pub fn version(&self, name: &str, label: &str, ext: &str) -> PathBuf {
        self.try_version(name, label, ext)
            .unwrap_or_else(|| panic!("no version {name}.{label}.*.{ext} in public/static/photos"))
    }

    pub fn read_out(&self, rel: &str) -> String {
        std::fs::read_to_string(self.out(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    pub fn html(&self, rel: &str) -> Html {
        Html::parse_document(&self.read_out(rel))
    }
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// Text of every element matching `css`.
pub fn texts(doc: &Html, css: &str) -> Vec<String> {
    doc.select(&sel(css))
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

pub fn attrs(doc: &Html, css: &str, attr: &str) -> Vec<String> {
    doc.select(&sel(css))
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

/// Every file under `dir`, relative, with `/`.
pub fn files_under(dir: &Path) -> BTreeSet<String> {
    walkdir(dir)
        .into_iter()
        .map(|p| {
            p.strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect()
}

/// Every file under `dir` with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    files_under(dir)
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(dir.join(&f)).unwrap();
            (f, bytes)
        })
        .collect()
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}

/// Checks that every local `href`/`src` in every HTML page under `out`
/// resolves to a file (and every `#fragment` to an id there). `base_path` is
/// the site's sub-path (`/` or `/sub/`). Returns the broken links.
pub fn broken_links(out: &Path, base_path: &str) -> Vec<String> {
    let files = files_under(out);
    let mut broken = Vec::new();
    let mut ids_cache: std::collections::HashMap<String, BTreeSet<String>> = Default::default();
    let mut ids_of = |file: &str| -> BTreeSet<String> {
        ids_cache
            .entry(file.to_string())
            .or_insert_with(|| {
                let text = std::fs::read_to_string(out.join(file)).unwrap_or_default();
                let doc = Html::parse_document(&text);
                doc.select(&sel("[id]"))
                    .filter_map(|e| e.value().attr("id").map(str::to_string))
                    .collect()
            })
            .clone()
    };
    for page in files.iter().filter(|f| f.ends_with(".html")) {
        let text = std::fs::read_to_string(out.join(page)).unwrap();
        let doc = Html::parse_document(&text);
        let mut links: Vec<String> = attrs(&doc, "a[href]", "href");
        links.extend(attrs(&doc, "link[href]", "href"));
        links.extend(attrs(&doc, "img[src], script[src], source[src]", "src"));
        links.extend(attrs(&doc, "form[action]", "action"));
        for link in links {
            if link.starts_with("http://")
                || link.starts_with("https://")
                || link.starts_with("mailto:")
                || link.starts_with("//")
            {
                continue;
            }
            let (path, frag) = match link.split_once('#') {
                Some((p, f)) => (p.to_string(), Some(f.to_string())),
                None => (link.clone(), None),
            };
            let path = path.split('?').next().unwrap().to_string();
            let target = if path.is_empty() {
                page.clone()
            } else if let Some(rest) = path.strip_prefix(base_path) {
                if rest.is_empty() || rest.ends_with('/') {
                    format!("{rest}index.html")
                } else {
                    rest.to_string()
                }
            } else {
                broken.push(format!("{page}: {link} (not under {base_path})"));
                continue;
            };
            if !files.contains(&target) {
                broken.push(format!("{page}: {link} (no {target})"));
                continue;
            }
            if let Some(f) = frag.filter(|f| !f.is_empty()) {
                if target.ends_with(".html") && !ids_of(&target).contains(&f) {
                    broken.push(format!("{page}: {link} (no id {f} in {target})"));
                }
            }
        }
    }
    broken
}

/// `img` as a baseline JPEG at `quality`, as cameras and editors write them.
pub fn jpeg(
    img: &impl image::GenericImageView<Pixel = impl image::PixelWithColorType>,
    quality: u8,
) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(img)
        .unwrap();
    out
}

/// A PNG of `w`×`h` pixels of one colour.
pub fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(w, h, image::Rgb([10, 120, 90]));
    let mut out = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}
