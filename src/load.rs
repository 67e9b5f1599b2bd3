//! Stage 1: walk the site and read its sources. No parsing happens here.
//!
//! In: the site root. Out: [`SiteFiles`]: story, partner and page sources
//! (text, BOM removed), the other files under `content/` and `static/` to
//! copy, and diagnostics for files that cannot be read as text. Symlinks are
//! followed only when they stay inside the site; hidden files and editor
//! backups are skipped.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::error::{Diagnostic, Error, Result};
use crate::lang::Lang;

/// What kind of content a Markdown source is, from where it sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Story,
    Partner,
    Page,
}

/// A Markdown source file.
#[derive(Debug, Clone)]
pub struct Source {
    pub kind: Kind,
    /// Relative to the site root (`content/stories/2021/a.md`): shown in messages.
    pub path: PathBuf,
    /// Relative to `content/`, with `/` separators (`stories/2021/a.md`): used in `@/` links.
    pub content_path: String,
    pub text: String,
    /// Hash of `text`: the key of the rebuild caches.
    pub hash: u64,
}

impl Source {
    /// The folder of the file under `content/` (`stories/2021`).
    pub fn content_dir(&self) -> &str {
        self.content_path.rsplit_once('/').map_or("", |(d, _)| d)
    }

    /// The file name's language suffix: `x.en.md` → `("x", en)`, when the
    /// last dotted part of the name is a language tag.
    pub fn lang_suffix(&self) -> Option<(&str, Lang)> {
        lang_suffix(self.stem())
    }

    /// The language folder the file is in, if any ([`lang_folder`]).
    pub fn lang_folder(&self) -> Option<LangFolder<'_>> {
        lang_folder(&self.content_path)
    }

    /// The file name without `.md`.
    pub fn stem(&self) -> &str {
        let name = self
            .content_path
            .rsplit('/')
            .next()
            .unwrap_or(&self.content_path);
        name.strip_suffix(".md").unwrap_or(name)
    }
}

/// A path under `content/` split at the folder right under its section
/// whose name is a language tag (`stories/en/2021/a.md`): translations kept
/// in a folder per language, as Decap and Sveltia CMS write them
/// (`multiple_folders`) and many sites keep them by hand. Whether the tag
/// is one of the site's languages is the catalog's to say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LangFolder<'a> {
    /// `stories`.
    pub section: &'a str,
    /// The folder's name as written (`en`, `EN`, `en-US`).
    pub name: &'a str,
    /// The language its name is the tag of.
    pub lang: Lang,
    /// What follows the folder (`2021/a.md`).
    pub rest: &'a str,
}

impl LangFolder<'_> {
    /// The file's folder with the language folder left out
    /// (`stories/2021`): what its translations share.
    pub fn dir(&self) -> String {
        match self.rest.rsplit_once('/') {
            Some((sub, _)) => format!("{}/{sub}", self.section),
            None => self.section.to_string(),
        }
    }
}

impl<'a> LangFolder<'a> {
    /// The folder when its language is one of `known` (the site's), its
    /// `lang` then the site's own (`en` for a folder `en-US` on a site in
    /// `en`).
    pub fn of_site(self, known: &[Lang]) -> Option<LangFolder<'a>> {
        Some(LangFolder {
            lang: self.lang.lookup(known)?,
            ..self
        })
    }
}

/// `rapat` of `rapat-en` or `rapat_EN` in `en`: a translator's copy named
/// with a hyphen where `rapat.en.md` has a dot. `None` when the name does
/// not end with the language's tag or is nothing but it.
pub fn without_lang_word(base: &str, lang: Lang) -> Option<&str> {
    let code = lang.code();
    let cut = base.len().checked_sub(code.len() + 1)?;
    let (head, tail) = (base.get(..cut)?, base.get(cut..)?);
    let tag = tail.strip_prefix(['-', '_'])?;
    (!head.is_empty() && tag.eq_ignore_ascii_case(code)).then_some(head)
}

/// A file name without `.md` split at its language suffix: `rapat.en` →
/// (`rapat`, `en`); `None` when it has none.
pub fn lang_suffix(stem: &str) -> Option<(&str, Lang)> {
    let (base, tag) = stem.rsplit_once('.')?;
    if base.is_empty() {
        return None;
    }
    Some((base, Lang::parse_tag(tag)?))
}

/// `content_path` split at its language folder, if it has one.
pub fn lang_folder(content_path: &str) -> Option<LangFolder<'_>> {
    let (section, rest) = content_path.split_once('/')?;
    let (name, rest) = rest.split_once('/')?;
    Some(LangFolder {
        section,
        name,
        lang: Lang::parse_tag(name)?,
        rest,
    })
}

/// A file copied as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    pub src: PathBuf,
    /// Path in the output, `/` separators.
    pub out: String,
    /// Width and height in pixels of a raster image under `content/` (read
    /// from its header; `None` for other files and unreadable headers).
    pub size: Option<(u32, u32)>,
    /// Under `content/` (rather than the site's `static/` folder).
    pub content: bool,
    /// The byte size of a file under `content/` that is not a photo (a
    /// download a shortcode shows the size of).
    pub bytes: Option<u64>,
    /// The text of a data file beside the stories ([`DATA_FILE`]): read by
    /// shortcodes, never published.
    pub data: Option<String>,
    /// A photo cerita resizes: its content hash, which names its versions,
    /// and the byte size and modification time it was known by (set by
    /// [`crate::images::identity::identify`]).
    pub hash: Option<u64>,
    pub stamp: Option<(u64, u128)>,
}

/// Photo captions beside a gallery's photos (`file-name.jpg: caption`).
pub const DATA_FILE: &str = "captions.yaml";

impl Asset {
    pub fn new(src: PathBuf, out: String, content: bool) -> Self {
        let size = if content {
            image_size(&src, &out)
        } else {
            None
        };
        let is_data = content && (out == DATA_FILE || out.ends_with(&format!("/{DATA_FILE}")));
        let data = if is_data {
            std::fs::read_to_string(&src).ok()
        } else {
            None
        };
        let bytes = if content && size.is_none() && !is_data {
            std::fs::metadata(&src).ok().map(|m| m.len())
        } else {
            None
        };
        Asset {
            src,
            out,
            size,
            content,
            bytes,
            data,
            hash: None,
            stamp: None,
        }
    }
}

/// The pixel size of a JPEG, PNG, GIF or WebP file as it is shown (turned
/// by its EXIF orientation), from its header only.
fn image_size(path: &Path, name: &str) -> Option<(u32, u32)> {
    use image::ImageDecoder;
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    if !matches!(ext.as_str(), "jpg" | "jpeg" | "png" | "gif" | "webp") {
        return None;
    }
    let mut decoder = image::ImageReader::open(path)
        .ok()?
        .with_guessed_format()
        .ok()?
        .into_decoder()
        .ok()?;
    let (w, h) = decoder.dimensions();
    if w == 0 || h == 0 {
        return None;
    }
    match decoder.orientation() {
        Ok(o) if turned_sideways(o) => Some((h, w)),
        _ => Some((w, h)),
    }
}

/// Whether an EXIF orientation turns the picture a quarter: its upright
/// width is the stored height.
pub fn turned_sideways(o: image::metadata::Orientation) -> bool {
    use image::metadata::Orientation::{Rotate90, Rotate90FlipH, Rotate270, Rotate270FlipH};
    matches!(o, Rotate90 | Rotate270 | Rotate90FlipH | Rotate270FlipH)
}

#[derive(Debug, Default, Clone)]
pub struct SiteFiles {
    pub sources: Vec<Source>,
    /// Files under `content/` that are not Markdown, keyed by their path under `content/`.
    pub content_assets: Vec<Asset>,
    /// Files under the site's `static/` folder (copied to the output root).
    pub static_assets: Vec<Asset>,
    pub diagnostics: Vec<Diagnostic>,
}

impl SiteFiles {
    /// The source at `content_path` (under `content/`); `sources` is kept
    /// sorted by that path.
    pub fn source(&self, content_path: &str) -> Option<&Source> {
        self.sources
            .binary_search_by(|s| s.content_path.as_str().cmp(content_path))
            .ok()
            .and_then(|i| self.sources.get(i))
    }
}

/// Names that never count as content: hidden files, editor swap and backup files.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || (name.starts_with('#') && name.ends_with('#'))
}

/// Whether a file under `content/` is a section's `_index.md` (Hugo's and
/// Zola's list pages), which cerita does not publish.
fn is_section_index(content_path: &str) -> bool {
    let name = content_path.rsplit('/').next().unwrap_or(content_path);
    name.starts_with("_index.") && name.ends_with(".md")
}

/// What a Markdown file under `content/` is, from its path there; `None` for
/// one that is not published.
pub fn kind_of(content_path: &str) -> Option<Kind> {
    if is_section_index(content_path) {
        return None;
    }
    match content_path.split('/').next() {
        Some("stories") => Some(Kind::Story),
        Some("partners") if in_section_or_lang_folder(content_path) => Some(Kind::Partner),
        Some("pages") if in_section_or_lang_folder(content_path) => Some(Kind::Page),
        _ => None,
    }
}

/// Whether a partner profile or page sits where one is read: right in its
/// section's folder (`pages/about.md`) or in a folder named like a
/// language there (`pages/en/about.md`), or as a bundle in either, a
/// folder of its own with its photos as Hugo and Zola keep one
/// (`pages/about/index.md`, `pages/about/index.en.md`); whether a
/// language folder is one of the site's languages, and so the file
/// published, is the catalog's to say.
fn in_section_or_lang_folder(content_path: &str) -> bool {
    let rest = match lang_folder(content_path) {
        Some(f) => f.rest,
        None => content_path.split_once('/').map_or("", |(_, r)| r),
    };
    !rest.contains('/') || bundle_file(rest)
}

/// `about/index.md` or `about/index.en.md`: a bundle's own file, one
/// folder down.
pub(crate) fn bundle_file(rest: &str) -> bool {
    let Some((folder, file)) = rest.split_once('/') else {
        return false;
    };
    let stem = file.strip_suffix(".md").unwrap_or("");
    let index = |s: &str| s.eq_ignore_ascii_case("index");
    !folder.is_empty()
        && !file.contains('/')
        && (index(stem)
            || stem
                .split_once('.')
                .is_some_and(|(i, tag)| index(i) && Lang::parse_tag(tag).is_some()))
}

/// Reads one Markdown source (used by the preview server after a change).
pub fn read_source(
    root: &Path,
    content_path: &str,
) -> std::result::Result<Option<Source>, Diagnostic> {
    let Some(kind) = kind_of(content_path) else {
        return Ok(None);
    };
    let path = Path::new("content").join(content_path);
    let bytes = std::fs::read(root.join(&path))
        .map_err(|e| Diagnostic::error(format!("cannot read the file: {e}")).at_path(&path))?;
    let text = decode(&path, bytes)?;
    let hash = xxhash_rust::xxh3::xxh3_64(text.as_bytes());
    Ok(Some(Source {
        kind,
        path,
        content_path: content_path.to_string(),
        text,
        hash,
    }))
}

/// Lists the assets under `content/` and `static/` without reading any
/// Markdown (the preview server calls this after a file was added or removed).
pub fn assets(root: &Path) -> Result<Walk> {
    let canonical_root = root
        .canonicalize()
        .map_err(|e| Error::io(root, "open the site folder", e))?;
    let mut files = SiteFiles::default();
    let markdown = walk_site(root, &canonical_root, &mut files)
        .into_iter()
        .map(|(_, _, p)| p)
        .collect();
    Ok(Walk {
        content_assets: files.content_assets,
        static_assets: files.static_assets,
        markdown,
        diagnostics: files.diagnostics,
    })
}

/// The result of [`assets`]: every file found, Markdown by its path under `content/`.
#[derive(Debug, Default)]
pub struct Walk {
    pub content_assets: Vec<Asset>,
    pub static_assets: Vec<Asset>,
    pub markdown: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Fills `files` with assets and walk diagnostics; returns the Markdown files to read.
fn walk_site(
    root: &Path,
    canonical_root: &Path,
    files: &mut SiteFiles,
) -> Vec<(Kind, PathBuf, String)> {
    let mut markdown = Vec::new();
    let mut unplaced: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut foreign: BTreeMap<(String, &'static str), Vec<String>> = BTreeMap::new();
    let content = root.join("content");
    if content.is_dir() {
        for (abs, rel) in walk(&content, canonical_root, root, &mut files.diagnostics) {
            let site_rel = Path::new("content").join(&rel);
            if is_section_index(&rel) {
                files.diagnostics.push(
                    Diagnostic::warning("`_index.md` is a section page of Hugo or Zola; cerita makes its own listings, so it is not published")
                        .at_path(site_rel)
                        .with_hint("remove it, or move its text to a page under `content/pages/` or to a story"),
                );
            } else if rel.ends_with(".md") {
                match kind_of(&rel) {
                    Some(k) => markdown.push((k, site_rel, rel)),
                    None => {
                        let (dir, _) = rel.rsplit_once('/').unwrap_or(("", &rel));
                        unplaced.entry(dir.to_string()).or_default().push(rel);
                    }
                }
            } else if let Some(ext) = foreign_source(&abs, &rel) {
                let (dir, _) = rel.rsplit_once('/').unwrap_or(("", &rel));
                foreign.entry((dir.to_string(), ext)).or_default().push(rel);
            } else {
                files.content_assets.push(Asset::new(abs, rel, true));
            }
        }
    }
    files.diagnostics.extend(
        unplaced
            .iter()
            .map(|(dir, names)| unplaced_warning(dir, names)),
    );
    files.diagnostics.extend(
        foreign
            .iter()
            .map(|((dir, ext), names)| foreign_error(dir, ext, names)),
    );
    let statics = root.join("static");
    if statics.is_dir() {
        for (abs, rel) in walk(&statics, canonical_root, root, &mut files.diagnostics) {
            files.static_assets.push(Asset::new(abs, rel, false));
        }
    }
    files.content_assets.sort_by(|a, b| a.out.cmp(&b.out));
    files.static_assets.sort_by(|a, b| a.out.cmp(&b.out));
    markdown
}

/// Extensions other generators read Markdown from (Jekyll's `.markdown`,
/// Docusaurus's `.mdx`), and formats Hugo reads front matter from.
const MARKDOWN_EXTS: &[&str] = &["markdown", "mdown", "mkdn", "mkd", "mdwn", "mdx"];
const OTHER_SOURCE_EXTS: &[&str] = &["html", "htm", "org", "adoc", "asciidoc", "rst"];

/// The extension of a file under `content/` that is another generator's
/// source: a Markdown one by its name, another format when it opens with a
/// front matter fence. It is neither read nor copied: it would be
/// published as it is, drafts and all, with no page made of it.
fn foreign_source(abs: &Path, rel: &str) -> Option<&'static str> {
    let ext = rel.rsplit_once('.')?.1.to_ascii_lowercase();
    if let Some(e) = MARKDOWN_EXTS.iter().find(|e| **e == ext) {
        return Some(e);
    }
    let e = OTHER_SOURCE_EXTS.iter().find(|e| **e == ext)?;
    let mut head = [0u8; 8];
    let n = std::io::Read::read(&mut std::fs::File::open(abs).ok()?, &mut head).ok()?;
    let head = head.get(..n)?;
    let head = head
        .strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .unwrap_or(head);
    (head.starts_with(b"---") || head.starts_with(b"+++")).then_some(e)
}

/// Sources of another generator in `content/<dir>` ([`foreign_source`]),
/// one error per folder and extension, with the command that renames them.
fn foreign_error(dir: &str, ext: &str, names: &[String]) -> Diagnostic {
    let at = |rel: &str| Path::new("content").join(rel);
    let shown: Vec<&str> = names
        .iter()
        .take(3)
        .map(|n| n.rsplit('/').next().unwrap_or(n))
        .collect();
    let what = match names.len() {
        1 => format!("`{}` is not read", shown.join("")),
        n => format!(
            "{n} `.{ext}` files are not read ({}{})",
            shown.join(", "),
            match n - shown.len() {
                0 => String::new(),
                more => format!(" and {more} more"),
            }
        ),
    };
    let folder = if dir.is_empty() {
        "content".to_string()
    } else {
        format!("content/{dir}")
    };
    // The extension as the files write it (`.MDX`).
    let written = names
        .first()
        .and_then(|n| n.rsplit_once('.'))
        .map_or(ext, |(_, e)| e);
    let rename = match names {
        [one] => format!(
            "mv {} {}",
            at(one).display(),
            at(&format!(
                "{}.md",
                one.rsplit_once('.').map_or(one.as_str(), |(stem, _)| stem)
            ))
            .display()
        ),
        _ => format!("for f in {folder}/*.{written}; do mv \"$f\" \"${{f%.{written}}}.md\"; done"),
    };
    let (message, hint) = match ext {
        "mdx" => (
            format!("{what}: MDX's components and `import` lines need React, which a cerita site does without"),
            format!("rename to `.md` (`{rename}`), then write each `<Component …/>` as Markdown or a shortcode (README, \"Shortcodes\")"),
        ),
        "html" | "htm" => (
            format!("{what}: a page in HTML with front matter, as Hugo reads one; cerita reads `.md` files"),
            format!("Markdown keeps HTML as it is: rename it (`{rename}`)"),
        ),
        e if MARKDOWN_EXTS.contains(&e) => (
            format!("{what}: cerita reads Markdown from `.md` files"),
            format!("rename: `{rename}`"),
        ),
        "adoc" | "asciidoc" => (
            format!("{what}: cerita reads Markdown (`.md`) only"),
            "convert it into a `.md` file beside it and copy its front matter over, e.g. `asciidoctor -b docbook -o - FILE | pandoc -f docbook -t gfm -o FILE.md`".to_string(),
        ),
        _ => (
            format!("{what}: cerita reads Markdown (`.md`) only"),
            format!("convert it into a `.md` file beside it and copy its front matter over, e.g. `pandoc -f {ext} -t gfm FILE -o FILE.md`"),
        ),
    };
    let d = Diagnostic::error(message);
    let d = match names {
        [one] => d.at_path(at(one)),
        _ => d.at_path(at(dir)),
    };
    d.with_hint(hint)
}

/// Markdown files under `content/<dir>` that no part of the site reads: one
/// warning per folder (a blog moved in from another generator has
/// thousands in one), naming a few; a folder named as other generators name
/// their posts' is told to become `stories/`. A language's tree at the top,
/// as Hugo keeps one, is an error with the move that places it.
fn unplaced_warning(dir: &str, names: &[String]) -> Diagnostic {
    const POSTS: [&str; 11] = [
        "posts", "post", "blog", "articles", "article", "news", "berita", "artikel", "kabar",
        "cerita", "_posts",
    ];
    let posts =
        !dir.is_empty() && !dir.contains('/') && POSTS.contains(&dir.to_ascii_lowercase().as_str());
    // A folder per language at the top, as Hugo keeps a language's content
    // (`content/en/posts/…`, `content/english/stories/…`): a language
    // cerita knows, not any name shaped like a tag (`content/old/posts`).
    let lang_tree = dir.split_once('/').and_then(|(first, rest)| {
        let lang = Lang::parse(first).filter(|l| l.is_known())?;
        let folder = rest.split('/').next()?;
        // Into the folder whether or not it exists yet (`mv a b` would put
        // `a` inside an existing `b`).
        Some(match folder.to_ascii_lowercase().as_str() {
            s @ ("stories" | "pages" | "partners") => format!(
                "mkdir -p content/{s}/{lang} && mv content/{first}/{folder}/* content/{s}/{lang}/"
            ),
            s if POSTS.contains(&s) => format!(
                "mkdir -p content/stories/{lang} && mv content/{first}/{folder}/* content/stories/{lang}/"
            ),
            // Another section (Hugo's `docs/`): its articles as stories,
            // in a folder of that name.
            _ => format!(
                "mkdir -p content/stories/{lang}/{folder} && mv content/{first}/{folder}/* content/stories/{lang}/{folder}/"
            ),
        })
    });
    // Pages at the top of such a folder (`content/en/about.md`).
    let lang_pages = Some(dir)
        .filter(|d| !d.is_empty() && !d.contains('/'))
        .and_then(Lang::parse)
        .filter(|l| l.is_known());
    // Such a tree is a site moved in whole, none of it published: an error,
    // or the build would deploy a site without it.
    let misplaced_tree = lang_tree.is_some() || lang_pages.is_some();
    let hint = if let Some(mv) = lang_tree {
        format!(
            "a language's files go in a folder named by its code inside the section, e.g. `content/stories/en/`, and the language is the site's `language:` or one under `languages:` in cerita.yaml: `{mv}`"
        )
    } else if let Some(lang) = lang_pages {
        format!(
            "a language's pages go in a folder named by its code inside `content/pages/`, and the language is the site's `language:` or one under `languages:` in cerita.yaml: `mkdir -p content/pages/{lang} && mv content/{dir}/*.md content/pages/{lang}/`"
        )
    } else if let Some((section @ ("pages" | "partners"), _)) = dir.split_once('/') {
        let what = if section == "pages" {
            "page"
        } else {
            "profile"
        };
        let first = names
            .first()
            .map_or("", |n| n.rsplit('/').next().unwrap_or(n));
        let stem = first.strip_suffix(".md").unwrap_or(first);
        format!(
            "a {what} is read from `content/{section}/` itself, or one folder down when the folder is a language's (`{section}/en/`) or its own bundle (`{section}/{stem}/index.md`, its photos beside it): `mv content/{dir}/{first} content/{section}/{first}`"
        )
    } else if posts {
        format!(
            "stories go in `content/stories/`: rename the folder (`mv content/{dir} content/stories`)"
        )
    } else {
        "move stories to `content/stories/`, organisation profiles to `content/partners/`, other pages to `content/pages/`".to_string()
    };
    let where_ = |rel: &str| Path::new("content").join(rel);
    let said = |message: String| match misplaced_tree {
        true => Diagnostic::error(message),
        false => Diagnostic::warning(message),
    };
    // Under `pages/` or `partners/`, but a folder too deep.
    let place = match dir.split_once('/') {
        Some(("pages" | "partners", _)) if !misplaced_tree => format!("in `content/{dir}/`"),
        _ => "outside `stories/`, `partners/` and `pages/`".to_string(),
    };
    let d = match names {
        [one] => said(format!("Markdown file {place} is not published")).at_path(where_(one)),
        _ => {
            let shown: Vec<&str> = names
                .iter()
                .take(3)
                .map(|n| n.rsplit('/').next().unwrap_or(n))
                .collect();
            let more = match names.len() - shown.len() {
                0 => String::new(),
                n => format!(" and {n} more"),
            };
            said(format!(
                "{} Markdown files {place} are not published: {}{more}",
                names.len(),
                shown.join(", ")
            ))
            .at_path(where_(dir))
        }
    };
    d.with_hint(hint)
}

/// Walks `root/content` and `root/static`.
pub fn load(root: &Path) -> Result<SiteFiles> {
    let canonical_root = root
        .canonicalize()
        .map_err(|e| Error::io(root, "open the site folder", e))?;
    let mut files = SiteFiles::default();

    let markdown = walk_site(root, &canonical_root, &mut files);
    let results: Vec<std::result::Result<Source, Diagnostic>> = markdown
        .into_par_iter()
        .map(|(kind, path, content_path)| {
            let bytes = std::fs::read(root.join(&path)).map_err(|e| {
                Diagnostic::error(format!("cannot read the file: {e}")).at_path(&path)
            })?;
            let text = decode(&path, bytes)?;
            let hash = xxhash_rust::xxh3::xxh3_64(text.as_bytes());
            Ok(Source {
                kind,
                path,
                content_path,
                text,
                hash,
            })
        })
        .collect();
    for r in results {
        match r {
            Ok(s) => files.sources.push(s),
            Err(d) => files.diagnostics.push(d),
        }
    }
    files
        .sources
        .sort_by(|a, b| a.content_path.cmp(&b.content_path));
    files.content_assets.sort_by(|a, b| a.out.cmp(&b.out));
    files.static_assets.sort_by(|a, b| a.out.cmp(&b.out));
    Ok(files)
}

/// Files under `dir` as (absolute path, path relative to `dir` with `/`).
fn walk(
    dir: &Path,
    canonical_root: &Path,
    root: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let walker = WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map(|p| rel_to(p, root)).unwrap_or_default();
                diags.push(Diagnostic::warning(format!("skipped: {e}")).at_path(path));
                continue;
            }
        };
        let path = entry.path();
        let ft = entry.file_type();
        if ft.is_symlink() {
            match path.canonicalize() {
                Ok(target) if target.starts_with(canonical_root) && target.is_file() => {}
                Ok(target) if target.starts_with(canonical_root) => {
                    diags.push(
                        Diagnostic::warning("skipped a symbolic link to a folder")
                            .at_path(rel_to(path, root))
                            .with_hint("symbolic links to folders are not followed; copy or move the folder instead"),
                    );
                    continue;
                }
                _ => {
                    diags.push(
                        Diagnostic::warning(
                            "skipped a symbolic link that points outside the site (or nowhere)",
                        )
                        .at_path(rel_to(path, root))
                        .with_hint("cerita only reads files inside the site folder"),
                    );
                    continue;
                }
            }
        } else if !ft.is_file() {
            continue;
        }
        let Ok(rel) = path.strip_prefix(dir) else {
            continue;
        };
        let Some(rel) = rel.to_str() else {
            diags.push(
                Diagnostic::warning("skipped a file whose name is not valid UTF-8")
                    .at_path(rel_to(path, root))
                    .with_hint("rename the file using letters, digits and `-`"),
            );
            continue;
        };
        out.push((path.to_path_buf(), rel.replace('\\', "/")));
    }
    out
}

fn rel_to(p: &Path, root: &Path) -> PathBuf {
    p.strip_prefix(root).unwrap_or(p).to_path_buf()
}

/// Bytes → text: rejects binary files and invalid UTF-8 (with its position),
/// drops a byte-order mark.
pub fn decode(path: &Path, bytes: Vec<u8>) -> std::result::Result<String, Diagnostic> {
    if memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some() {
        return Err(
            Diagnostic::error("this looks like a binary file, not Markdown text")
                .at_path(path)
                .with_hint("only text files may end in `.md`; rename or remove it"),
        );
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let before = String::from_utf8_lossy(&bytes[..valid]);
            let (line, col) = crate::text::line_col(&before, before.len());
            let lossy = String::from_utf8_lossy(&bytes).into_owned();
            return Err(Diagnostic::error("the file is not valid UTF-8 text")
                .at(path, &lossy, line, col)
                .with_hint(
                    "save the file as UTF-8 in your editor (\"Save with encoding → UTF-8\")",
                ));
        }
    };
    Ok(normalise_text(text))
}

/// Text as every later stage expects it: no byte-order mark, and old Mac
/// line ends (a lone `\r`) made `\n`, so line numbers agree with editors
/// and the YAML parser. `\r\n` is kept (every stage handles it).
pub fn normalise_text(text: String) -> String {
    let text = match text.strip_prefix('\u{feff}') {
        Some(stripped) => stripped.to_string(),
        None => text,
    };
    let b = text.as_bytes();
    if !memchr::memchr_iter(b'\r', b).any(|i| b.get(i + 1) != Some(&b'\n')) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() != Some(&'\n') {
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tree_per_language_at_the_top_is_told_where_to_go() {
        let hint = |dir: &str| {
            unplaced_warning(dir, &[format!("{dir}/x.md")])
                .hint
                .unwrap_or_default()
        };
        assert!(hint("en/posts").contains(
            "`mkdir -p content/stories/en && mv content/en/posts/* content/stories/en/`"
        ));
        assert!(hint("english/stories").contains(
            "`mkdir -p content/stories/en && mv content/english/stories/* content/stories/en/`"
        ));
        // An archive is no language, though `old` is shaped like a tag.
        assert!(
            !hint("old/posts").contains("language"),
            "{}",
            hint("old/posts")
        );
    }
}
