//! `cerita import wordpress`: a WordPress export (WXR) → stories, pages and
//! their photos in `content/`, with old addresses kept as `aliases`.
//!
//! The export is read twice as a stream (`wxr.rs`): first to check it is
//! whole and to learn its attachments, pages and time zone, then to write
//! each item as it comes, so memory holds one post at a time and a
//! malformed or truncated export writes nothing. Bodies go through
//! `html.rs`. Existing files are never overwritten without `--force`, so a
//! second import writes nothing.

pub mod blogger;
pub mod html;
pub mod wxr;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error};
use crate::model::urls;
use crate::text::{is_valid_slug, slugify};
use crate::yaml::quote as yaml;
use html::{plain, strip_tags};

/// What to import, and where.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub root: PathBuf,
    pub export: PathBuf,
    /// A copy of the old site's `wp-content/uploads` folder.
    pub uploads: Option<PathBuf>,
    /// Overwrite files that exist.
    pub force: bool,
    /// Post types of the site's own (`kegiatan`, `berita`) imported as
    /// stories beside its posts.
    pub post_types: Vec<String>,
}

/// Post types WordPress and its common plugins keep for themselves: never
/// stories, so the report does not suggest importing them.
const SYSTEM_TYPES: &[&str] = &[
    "wp_block",
    "wp_template",
    "wp_template_part",
    "wp_navigation",
    "wp_global_styles",
    "wp_font_family",
    "wp_font_face",
    "custom_css",
    "customize_changeset",
    "oembed_cache",
    "user_request",
    "wpcf7_contact_form",
    "elementor_library",
    "acf-field",
    "acf-field-group",
    "feedback",
    "jp_pay_order",
    "jp_pay_product",
    "shop_order",
    "shop_coupon",
    "product_variation",
    // Page builders' layouts, forms' and plugins' own records.
    "et_pb_layout",
    "fl-builder-template",
    "wpforms",
    "give_forms",
    "give_payment",
    "mc4wp-form",
    "um_form",
    "um_directory",
    "nf_sub",
    "flamingo_contact",
    "flamingo_inbound",
    "wp_block_pattern",
    "jetpack_migration",
];

/// What an import did, for the report.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// Items by kind (`posts`, `pages`, `attachments`, `menu items` …).
    pub counts: BTreeMap<String, usize>,
    /// Post types of the site's own not imported, with their items.
    pub other_types: BTreeMap<String, usize>,
    pub written: Vec<PathBuf>,
    /// Files that existed and were left alone.
    pub kept: Vec<PathBuf>,
    /// `(earlier, now)`: a post imported before under another file name
    /// (`x.md`, now `x.en.md` once its language is declared), that file
    /// moved into [`REPLACED_DIR`] with `--force` for the one written now.
    pub replaced: Vec<(PathBuf, PathBuf)>,
    /// `(earlier, now)`: the same, left as they are without `--force`.
    pub renamed_kept: Vec<(PathBuf, PathBuf)>,
    pub drafts: Vec<String>,
    /// Published posts and pages with nothing left to read once converted:
    /// written as drafts.
    pub emptied: Vec<String>,
    /// Scheduled posts: written with their date, published once it comes.
    pub scheduled: Vec<String>,
    /// Password-protected posts: written as drafts, never published.
    pub protected: Vec<String>,
    /// Shortcode → the posts using it.
    pub unknown_shortcodes: BTreeMap<String, Vec<String>>,
    /// Page builders' widgets left out → the posts that had them.
    pub builder_widgets: BTreeMap<String, Vec<String>>,
    /// Gutenberg blocks left out (drawn by the old site) → the posts.
    pub dynamic_blocks: BTreeMap<String, Vec<String>>,
    /// `(post, URL)` of images not found in `--uploads`.
    pub missing_images: Vec<(String, String)>,
    pub images_copied: usize,
    pub comments: usize,
    pub warnings: Vec<String>,
}

/// Lines of a list shown on the terminal; the rest are in the report file.
const SHOWN: usize = 15;

/// Where `--force` moves a post's earlier file when it writes the post
/// under a new name, under the site.
pub const REPLACED_DIR: &str = ".cerita-cache/replaced";

/// Where the whole report is kept, under the site.
pub const REPORT_FILE: &str = ".cerita-cache/import-report.txt";

/// The kind of export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    WordPress,
    Blogger,
}

impl Source {
    /// The export at `path`, each item to `each`; `zone`, the site's
    /// clock, places the dates a Blogger export writes in UTC.
    fn read(
        self,
        path: &Path,
        zone: Option<&crate::text::Zone>,
        each: impl FnMut(&wxr::Channel, wxr::Item),
    ) -> Result<wxr::Channel, Box<Diagnostic>> {
        match self {
            Source::WordPress => wxr::read(path, each),
            Source::Blogger => blogger::read(path, zone, each),
        }
    }
}

impl ImportReport {
    /// The report with every list whole.
    pub fn full(&self) -> String {
        self.render(usize::MAX)
    }

    fn render(&self, limit: usize) -> String {
        let mut f = String::new();
        let _ = self.write(&mut f, limit);
        f
    }

    fn write(&self, f: &mut String, limit: usize) -> std::fmt::Result {
        let more = |f: &mut String, n: usize| -> std::fmt::Result {
            if n > limit {
                writeln!(
                    f,
                    "  … and {} more (all of them in {REPORT_FILE})",
                    n - limit
                )?;
            }
            Ok(())
        };
        let counts: Vec<String> = self
            .counts
            .iter()
            .map(|(k, v)| format!("{v} {k}"))
            .collect();
        writeln!(f, "read: {}", counts.join(", "))?;
        // The site's own post types often hold its stories (`kegiatan`).
        for (kind, n) in &self.other_types {
            writeln!(
                f,
                "{n} item(s) of the post type `{kind}` not imported: to import them as stories, run again with --post-type {kind}"
            )?;
        }
        writeln!(
            f,
            "wrote {} file(s) ({} photo(s) copied); {} existing file(s) left as they are{}",
            self.written.len(),
            self.images_copied,
            self.kept.len(),
            if self.kept.is_empty() {
                ""
            } else {
                " (--force overwrites them):"
            }
        )?;
        for k in self.kept.iter().take(limit) {
            writeln!(f, "  {}", k.display())?;
        }
        more(f, self.kept.len())?;
        let renamed = [
            (
                &self.renamed_kept,
                format!(
                    "left as they are (--force writes each under its new name and moves the earlier file, edits and all, into {REPLACED_DIR}/)"
                ),
            ),
            (
                &self.replaced,
                format!(
                    "now written under their new one (the earlier file moved into {REPLACED_DIR}/, in case it held edits)"
                ),
            ),
        ];
        for (list, what) in renamed.iter().filter(|(l, _)| !l.is_empty()) {
            writeln!(
                f,
                "{} post(s) imported before under another name, {what}:",
                list.len()
            )?;
            for (was, now) in list.iter().take(limit) {
                writeln!(f, "  {} → {}", was.display(), now.display())?;
            }
            more(f, list.len())?;
        }
        if self.comments > 0 {
            writeln!(
                f,
                "{} comment(s) not published (a static site has no comment form)",
                self.comments
            )?;
        }
        if !self.drafts.is_empty() {
            writeln!(
                f,
                "{} draft(s), pending or private post(s) written with `draft: true`",
                self.drafts.len()
            )?;
        }
        if !self.emptied.is_empty() {
            writeln!(
                f,
                "nothing left to read (a form, a plugin's page, an empty page), written as drafts; remove `draft: true` once they hold something:"
            )?;
            for p in self.emptied.iter().take(limit) {
                writeln!(f, "  {p}")?;
            }
            more(f, self.emptied.len())?;
        }
        if !self.scheduled.is_empty() {
            writeln!(
                f,
                "{} scheduled post(s) keep their date: the first build after it publishes them",
                self.scheduled.len()
            )?;
        }
        if !self.protected.is_empty() {
            writeln!(
                f,
                "password-protected, written as drafts and never published (a static site cannot protect them):"
            )?;
            for p in self.protected.iter().take(limit) {
                writeln!(f, "  {p}")?;
            }
            more(f, self.protected.len())?;
        }
        let lists = [
            (
                "shortcodes kept as text (edit these posts by hand):",
                &self.unknown_shortcodes,
                true,
            ),
            (
                "page-builder pieces and plugins' forms left out (widgets fed by the old site's database, forms a static site cannot take, boxes of raw HTML or script):",
                &self.builder_widgets,
                true,
            ),
            (
                "blocks left out (the old site drew them on each visit: forms, post lists, plugins' pages; nothing of them is in the export):",
                &self.dynamic_blocks,
                false,
            ),
        ];
        for (title, list, shortcodes) in lists.into_iter().filter(|(_, l, _)| !l.is_empty()) {
            writeln!(f, "{title}")?;
            for (name, posts) in list {
                let name = if shortcodes {
                    format!("[{name}]")
                } else {
                    format!("<!-- {name} -->")
                };
                let shown: Vec<&str> = posts
                    .iter()
                    .take(limit.min(3))
                    .map(String::as_str)
                    .collect();
                let rest = posts.len() - shown.len();
                if rest > 0 {
                    writeln!(
                        f,
                        "  {name} in {} posts: {} and {rest} more",
                        posts.len(),
                        shown.join(", ")
                    )?;
                } else {
                    writeln!(f, "  {name} in {}", shown.join(", "))?;
                }
            }
        }
        if !self.missing_images.is_empty() {
            writeln!(
                f,
                "photos and files not found locally, still linked where they were (for a WordPress export, pass --uploads with a copy of wp-content/uploads):"
            )?;
            for (post, url) in self.missing_images.iter().take(limit) {
                writeln!(f, "  {post}: {url}")?;
            }
            more(f, self.missing_images.len())?;
        }
        for w in self.warnings.iter().take(limit) {
            writeln!(f, "warning: {w}")?;
        }
        more(f, self.warnings.len())?;
        write!(f, "next: cerita build")
    }
}

impl std::fmt::Display for ImportReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(SHOWN))
    }
}

/// Facts the first pass gathers.
#[derive(Default)]
struct Index {
    attachments: HashMap<u64, String>,
    /// Post id → the attachments uploaded to it, in the export's order (a
    /// `[gallery]` without `ids` shows them).
    attached: HashMap<u64, Vec<u64>>,
    /// Attachment id → its alt text (or title).
    alts: HashMap<u64, String>,
    /// Attachment id → its caption (the excerpt WordPress shows under a
    /// gallery's photo).
    captions: HashMap<u64, String>,
    /// Page id → (post_name, parent id).
    pages: HashMap<u64, (String, u64)>,
    /// The site's offset from UTC in minutes, from posts with both dates.
    offset: Option<i64>,
}

/// Imports the WordPress export `opts.export` into `opts.root/content`.
pub fn wordpress(opts: &ImportOptions) -> Result<ImportReport, Error> {
    import(opts, Source::WordPress)
}

/// Imports the Blogger export `opts.export` into `opts.root/content`.
pub fn blogger(opts: &ImportOptions) -> Result<ImportReport, Error> {
    import(opts, Source::Blogger)
}

fn import(opts: &ImportOptions, source: Source) -> Result<ImportReport, Error> {
    let bad = |d: Box<Diagnostic>| Error::Content(std::iter::once(*d).collect());
    // Pass 1: whole and well-formed, and what items refer to.
    let mut index = Index::default();
    let mut offsets: HashMap<i64, usize> = HashMap::new();
    // The posts and pages as placing them needs (without their bodies):
    // a child page's address needs its parents, which may come later.
    let mut stubs: Vec<(wxr::Item, bool)> = Vec::new();
    let config = site_config(&opts.root);
    let zone = config.as_ref().and_then(site_zone);
    let channel = source
        .read(&opts.export, zone.as_ref(), |_, it| {
            let story = it.kind == "post" || opts.post_types.contains(&it.kind);
            if left_out(&it).is_none() && (story || it.kind == "page") {
                stubs.push((stub(&it), it.kind == "page"));
            }
            match it.kind.as_str() {
                "attachment" => {
                    index.attachments.insert(it.id, it.attachment_url.clone());
                    if it.parent != 0 {
                        index.attached.entry(it.parent).or_default().push(it.id);
                    }
                    // The alt text the writer gave, else the title when a
                    // writer gave that: WordPress titles an upload after its
                    // file (`IMG_1234`), which describes nothing and would
                    // hide the missing description a build warns of.
                    let title = plain(&it.title);
                    let alt = it
                        .meta
                        .get("_wp_attachment_image_alt")
                        .map(|a| plain(a))
                        .filter(|a| !a.is_empty())
                        .or_else(|| {
                            (!html::names_a_file(&title, &it.attachment_url)).then_some(title)
                        })
                        .unwrap_or_default();
                    index.alts.insert(it.id, alt);
                    let caption = plain(&html::strip_tags(&it.excerpt));
                    if !caption.is_empty() {
                        index.captions.insert(it.id, caption);
                    }
                }
                "page" => {
                    index.pages.insert(it.id, (it.name.clone(), it.parent));
                }
                _ => {}
            }
            if let (Some(local), Some(gmt)) = (minutes(&it.date), minutes(&it.date_gmt)) {
                *offsets.entry(local - gmt).or_insert(0) += 1;
            }
        })
        .map_err(bad)?;
    index.offset = offsets.into_iter().max_by_key(|(_, n)| *n).map(|(o, _)| o);
    let site_langs = config.as_ref().map(site_language);
    let mut report = ImportReport::default();
    let lang = site_langs.as_ref().map(|langs| {
        let (lang, warning) = story_language(langs, &channel.language);
        report.warnings.extend(warning);
        lang
    });
    let languages = Languages::new(site_langs.as_deref(), &stubs, &mut report);
    let mut used = HashSet::new();
    let places: Vec<Place> = stubs
        .iter()
        .map(|(it, page)| {
            let suffix = languages.suffix(it);
            place(&index, &opts.root, &mut used, it, (*page, suffix))
        })
        .collect();
    let links = OldLinks::new(&channel.base_url, &stubs, &places, &opts.root);
    let earlier = Earlier::scan(&opts.root, &places);
    let mut w = Writer {
        opts,
        index: &index,
        lang,
        languages,
        report,
        places,
        next: 0,
        links,
        earlier,
        addresses: HashSet::new(),
        error: None,
    };
    // Pass 2: each item as it comes.
    source
        .read(&opts.export, zone.as_ref(), |channel, it| {
            if w.error.is_none() {
                if let Err(e) = w.item(channel, it) {
                    w.error = Some(e);
                }
            }
        })
        .map_err(bad)?;
    if let Some(e) = w.error {
        return Err(e);
    }
    // Blogger's other kinds (its template, its settings) are no post types.
    if matches!(source, Source::Blogger) {
        w.report.other_types.clear();
    }
    if channel.from_feed {
        let n = w.report.counts.get("posts").copied().unwrap_or(0);
        // Blogger gives 25 posts unless asked for more, at most 500 a page.
        let more = if matches!(n, 25 | 150 | 500) {
            format!(
                " It held {n} posts, a page of the feed: the blog likely has more; fetch the next with `&start-index={}` and import it too.",
                n + 1
            )
        } else {
            format!(" It held {n} posts.")
        };
        w.report.warnings.push(format!(
            "this is the blog's public feed, not its backup: it holds no drafts and no comments, and a feed set to \"short\" holds only each post's start.{more} For the whole blog, Blogger's Settings → Back up content gives the backup to import"
        ));
    }
    let file = opts.root.join(REPORT_FILE);
    if let Some(dir) = file.parent() {
        crate::fs::create_dir_all(dir)?;
    }
    std::fs::write(&file, w.report.full()).map_err(|e| Error::Io {
        path: file.clone(),
        action: "write",
        source: e,
    })?;
    Ok(w.report)
}

struct Writer<'a> {
    opts: &'a ImportOptions,
    index: &'a Index,
    lang: Option<String>,
    /// The languages Polylang gives posts, as the site's.
    languages: Languages,
    report: ImportReport,
    /// Where each post and page goes, in the export's order ([`place`]),
    /// and the next one's.
    places: Vec<Place>,
    next: usize,
    /// The old site's addresses of the published posts and pages.
    links: OldLinks,
    /// The files under `content/` before this import, by their aliases.
    earlier: Earlier,
    /// Old addresses given so far: each leads to the first post that had
    /// it (an export may repeat a post's id).
    addresses: HashSet<String>,
    error: Option<Error>,
}

/// Why an item the export holds is not imported, if it is not: no one
/// wrote it to publish. The trash, and the empty automatic drafts
/// WordPress makes each time the editor opens (WordPress's own importer
/// leaves them out). The report counts each kind.
fn left_out(it: &wxr::Item) -> Option<&'static str> {
    match it.status.as_str() {
        "trash" => Some("trashed items"),
        "auto-draft" if it.content.trim().is_empty() => Some("empty automatic drafts"),
        _ => None,
    }
}

impl Writer<'_> {
    fn count(&mut self, kind: &str) {
        *self.report.counts.entry(kind.to_string()).or_insert(0) += 1;
    }

    fn item(&mut self, channel: &wxr::Channel, it: wxr::Item) -> Result<(), Error> {
        if let Some(kind) = left_out(&it) {
            self.count(kind);
            return Ok(());
        }
        match it.kind.as_str() {
            "post" => {
                self.count("posts");
                self.post(channel, it, false)
            }
            kind if self.opts.post_types.iter().any(|t| t == kind) => {
                self.count(&format!("{kind} items (as stories)"));
                self.post(channel, it, false)
            }
            "page" => {
                self.count("pages");
                self.post(channel, it, true)
            }
            "attachment" => {
                self.count("attachments");
                Ok(())
            }
            "nav_menu_item" => {
                self.count("menu items");
                Ok(())
            }
            "revision" => {
                self.count("revisions");
                Ok(())
            }
            "comment" => {
                self.report.comments += 1;
                Ok(())
            }
            other => {
                self.count(&format!("other items ({other})"));
                if !SYSTEM_TYPES.contains(&other) && !other.is_empty() {
                    *self
                        .report
                        .other_types
                        .entry(other.to_string())
                        .or_default() += 1;
                }
                Ok(())
            }
        }
    }

    fn post(&mut self, channel: &wxr::Channel, it: wxr::Item, page: bool) -> Result<(), Error> {
        self.report.comments += it.comments;
        let Place {
            title,
            untitled,
            reserved,
            slug,
            file,
        } = self
            .places
            .get_mut(self.next)
            .map(std::mem::take)
            .unwrap_or_default();
        self.next += 1;
        if untitled {
            // By its id, or its old address where the export gives no id
            // (Blogger's).
            let which = match it.id {
                0 => path_of(&it.link).unwrap_or_else(|| it.link.clone()),
                id => id.to_string(),
            };
            self.report.warnings.push(format!(
                "post {which} has no title; it is now \"{title}\" (from its first words)"
            ));
        }
        if let Some(was) = reserved {
            self.report.warnings.push(format!(
                "page {} \"{title}\": `/{was}/` is one of cerita's own addresses; it is now `/{slug}/`",
                it.id
            ));
        }
        let (date, zone_known) = self.date(&it);
        let dir = file.parent().map(Path::to_path_buf).unwrap_or_default();
        let label = format!("\"{title}\" ({})", rel(&self.opts.root, &file).display());
        let protected = !it.password.is_empty();
        // A scheduled post keeps its date: cerita publishes a story dated
        // in the future with the first build after that date, as WordPress
        // would have.
        let scheduled = it.status == "future" && !protected;
        let draft = protected || !(it.status == "publish" || scheduled);
        if scheduled {
            self.report.scheduled.push(label.clone());
        }
        if protected {
            self.report.protected.push(label.clone());
        } else if draft {
            self.report.drafts.push(label.clone());
        }
        if !zone_known && date.is_some() {
            self.report.warnings.push(format!(
                "{label}: its date has no time zone in the export; it is taken as UTC"
            ));
        }

        let media_dir = dir.join(&slug);
        let (body, image, image_alt) = self.body(&it, &media_dir, &slug, &label)?;
        // Nothing left to read (a form, a plugin's page the old site drew
        // on each visit, an empty page): a blank page helps no reader.
        let emptied = !draft && image.is_none() && body.trim().is_empty();
        if emptied {
            self.report.emptied.push(label.clone());
        }
        let draft = draft || emptied;

        let mut fm = String::from("---\n");
        let _ = writeln!(fm, "title: {}", yaml(&title));
        if !page {
            if let Some(d) = &date {
                let _ = writeln!(fm, "date: {d}");
            }
            if let Some(u) = date.as_deref().and_then(|d| updated(&it, d)) {
                let _ = writeln!(fm, "updated: {u}");
            }
            let authors = byline(channel, &it);
            if !authors.is_empty() {
                let list: Vec<String> = authors.iter().map(|a| yaml(a)).collect();
                let _ = writeln!(fm, "authors: [{}]", list.join(", "));
            }
            let tags = tags(&it);
            if !tags.is_empty() {
                let list: Vec<String> = tags.iter().map(|t| yaml(t)).collect();
                let _ = writeln!(fm, "tags: [{}]", list.join(", "));
            }
            if let Some(img) = &image {
                let _ = writeln!(fm, "image: {}", yaml(img));
                if let Some(alt) = &image_alt {
                    let _ = writeln!(fm, "image_alt: {}", yaml(alt));
                }
            }
        }
        let summary = summary(&it);
        if !summary.is_empty() {
            let _ = writeln!(fm, "summary: {}", yaml(&summary));
        }
        // WordPress in a folder of its site answered `/?p=12` there.
        let blog = if channel.blog_url.is_empty() {
            &channel.base_url
        } else {
            &channel.blog_url
        };
        let blog_path = path_of(blog).unwrap_or_default();
        let blog_path = blog_path.trim_end_matches('/');
        let aliases = self.old_addresses(&it, (page, &slug, blog_path), &label);
        if !aliases.is_empty() {
            let _ = writeln!(fm, "aliases:");
            for a in &aliases {
                let _ = writeln!(fm, "  - {}", yaml(a));
            }
        }
        match self.languages.of(&it) {
            Some(l) => {
                let _ = writeln!(fm, "lang: {l}");
                if !it.translations.is_empty() {
                    let _ = writeln!(fm, "translation_key: {}", yaml(&it.translations));
                }
            }
            None => {
                if let Some(l) = &self.lang {
                    let _ = writeln!(fm, "lang: {l}");
                }
            }
        }
        if draft {
            let _ = writeln!(fm, "draft: true");
        }
        fm.push_str("---\n\n");
        fm.push_str(&body);
        self.write_post(&file, fm.as_bytes(), &aliases)
    }

    /// Writes a post's file; the same post imported before under another
    /// name (two files with the same old addresses would stop the build)
    /// is left as it is, or with `--force` moved aside for it.
    fn write_post(&mut self, file: &Path, text: &[u8], aliases: &[String]) -> Result<(), Error> {
        let before = self.earlier.of(aliases, file);
        let root = &self.opts.root;
        if before.is_empty() || self.opts.force {
            self.write_new(file, text)?;
        } else {
            for was in &before {
                self.report
                    .renamed_kept
                    .push((rel(root, was), rel(root, file)));
            }
            return Ok(());
        }
        // Moved aside, not deleted: the writer may have edited it.
        for was in before.iter().filter(|p| p.is_file()) {
            let aside = root.join(REPLACED_DIR).join(rel(root, was));
            if let Some(dir) = aside.parent() {
                crate::fs::create_dir_all(dir)?;
            }
            std::fs::rename(was, &aside).map_err(|e| Error::Io {
                path: was.clone(),
                action: "move aside",
                source: e,
            })?;
            self.report.replaced.push((rel(root, was), rel(root, file)));
        }
        Ok(())
    }

    /// A post's body as Markdown, with the photos and files it shows from
    /// the old uploads brought beside it (`media_dir`), and its featured
    /// photo and that photo's alt text; what it shows that the export or
    /// the uploads lack goes into the report.
    fn body(
        &mut self,
        it: &wxr::Item,
        media_dir: &Path,
        slug: &str,
        label: &str,
    ) -> Result<(String, Option<String>, Option<String>), Error> {
        // The body, with photos from the old uploads brought beside it.
        let mut found = html::Found::default();
        let attachments = &self.index.attachments;
        let (alts, captions) = (&self.index.alts, &self.index.captions);
        let own: &[u64] = self.index.attached.get(&it.id).map_or(&[], Vec::as_slice);
        // Attachments the post shows that the export does not hold (an
        // export of "Posts" only): reported, not silently lost.
        let absent: std::cell::RefCell<Vec<u64>> = std::cell::RefCell::default();
        let gallery = |ids: &[u64]| -> Vec<(String, String)> {
            absent
                .borrow_mut()
                .extend(ids.iter().filter(|i| !attachments.contains_key(i)));
            // Without `ids`, WordPress shows the photos uploaded to the post.
            let (ids, photos_only) = if ids.is_empty() {
                (own, true)
            } else {
                (ids, false)
            };
            ids.iter()
                .filter_map(|i| {
                    let url = attachments.get(i)?.clone();
                    let ext = url.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
                    let photo = matches!(ext.as_str(), "jpg" | "jpeg" | "png" | "gif" | "webp");
                    (photo || !photos_only).then_some(())?;
                    // The caption WordPress showed under the photo,
                    // else its alt text.
                    let words = captions.get(i).or_else(|| alts.get(i));
                    Some((url, words.cloned().unwrap_or_default()))
                })
                .collect()
        };
        let notes = html::notes(it.meta.get("footnotes"));
        let body = html::to_markdown(&it.content, &notes, &gallery, &mut found);
        let report = &mut self.report;
        for (names, by_name) in [
            (found.unknown_shortcodes, &mut report.unknown_shortcodes),
            (found.builder_widgets, &mut report.builder_widgets),
            (found.dynamic_blocks, &mut report.dynamic_blocks),
        ] {
            for name in names {
                by_name.entry(name).or_default().push(label.to_string());
            }
        }
        let body = self.links.rewrite(&body);
        let body = self.local_images(&body, media_dir, slug, label)?;
        let cover = it
            .meta
            .get("_thumbnail_id")
            .and_then(|id| id.trim().parse::<u64>().ok());
        let image = cover.and_then(|id| attachments.get(&id).cloned());
        let mut absent = absent.into_inner();
        absent.extend(cover.filter(|_| image.is_none()));
        if !absent.is_empty() {
            absent.dedup();
            let ids: Vec<String> = absent.iter().map(u64::to_string).collect();
            self.report.warnings.push(format!(
                "{label}: shows attachment(s) {} that the export does not hold (its photo, or a gallery's); export again with \"All content\" to bring them",
                ids.join(", ")
            ));
        }
        let image_alt = cover
            .and_then(|id| self.index.alts.get(&id).cloned())
            .filter(|a| !a.is_empty());
        let image = match image {
            Some(url) => Some(self.local_images(&url, media_dir, slug, label)?),
            None => None,
        };
        let (body, image, image_alt) = match image {
            Some(cover) => (without_cover_copy(&body, &cover), Some(cover), image_alt),
            // No featured photo, and the post opens with one (an event's
            // poster, often all the post is): that photo is the cover, so
            // cards and link previews in chat apps show it.
            None => match opening_photo(&body).filter(OpeningPhoto::fits_a_cover) {
                Some(p) => {
                    let alt = (!p.alt.trim().is_empty()).then(|| p.alt.trim().to_string());
                    (p.after.to_string(), Some(p.src.to_string()), alt)
                }
                None => (body, None, image_alt),
            },
        };
        Ok((body, image, image_alt))
    }

    /// A post's old addresses that go into its `aliases:`: not one of
    /// cerita's own pages, nor one an earlier post has (each left out with
    /// a warning).
    fn old_addresses(
        &mut self,
        it: &wxr::Item,
        (page, slug, blog_path): (bool, &str, &str),
        label: &str,
    ) -> Vec<String> {
        // An old slug another post has taken since answers with that post
        // on WordPress: it stays that post's address.
        let own = path_of(&it.link).unwrap_or_default();
        let old_slugs = old_slug_addresses(it).into_iter().filter(|a| {
            let live = self.links.paths.get(a.trim_end_matches('/'));
            live.is_none() || own.trim_end_matches('/') == a.trim_end_matches('/')
        });
        let mut all = aliases(it, page, slug, blog_path);
        for a in old_slugs {
            if !all.contains(&a) {
                all.push(a);
            }
        }
        let (aliases, taken): (Vec<String>, Vec<String>) = all
            .into_iter()
            .partition(|a| !urls::RESERVED.contains(&a.trim_matches('/')));
        for a in taken {
            self.report.warnings.push(format!(
                "{label}: its old address `{a}` is one of cerita's own pages; it no longer leads to this post"
            ));
        }
        let (aliases, repeated): (Vec<String>, Vec<String>) = aliases
            .into_iter()
            .partition(|a| self.addresses.insert(a.clone()));
        for a in repeated {
            self.report.warnings.push(format!(
                "{label}: its old address `{a}` is also an earlier post's in the export; it leads to that one"
            ));
        }
        aliases
    }

    /// `date`: `post_date` with its offset from `post_date_gmt` (so the
    /// story keeps the day and hour its writers saw: a post of 06:00 in
    /// Jakarta is not the day before), else `post_date_gmt` in UTC, else
    /// `post_date` in the export's zone (learnt from posts that have both),
    /// else as it is; and whether the zone is known.
    fn date(&self, it: &wxr::Item) -> (Option<String>, bool) {
        let local = valid(&it.date);
        let offset = minutes(&it.date)
            .zip(minutes(&it.date_gmt))
            .map(|(l, g)| l - g)
            .filter(|o| o.abs() <= 14 * 60);
        if let (Some(l), Some(o)) = (local, offset) {
            let (d, t) = l.split_once(' ').unwrap_or((l, "00:00:00"));
            return (Some(format!("{d}T{t}{}", zone(o))), true);
        }
        if let Some(u) = utc(&it.date_gmt) {
            return (Some(u), true);
        }
        let Some(local) = local else {
            return (None, true);
        };
        match self.index.offset {
            Some(o) => {
                let sign = if o < 0 { '-' } else { '+' };
                let o = o.abs();
                (
                    Some(format!("{local} {sign}{:02}{:02}", o / 60, o % 60)),
                    true,
                )
            }
            None => (Some(local.to_string()), false),
        }
    }

    /// Every old-uploads URL in `text` (`…/wp-content/uploads/…`, and
    /// WordPress.com's `….files.wordpress.com/…`, also behind its `i0.wp.com`
    /// image service) mapped to a copy beside the story (found in
    /// `--uploads`), or left as it is (WordPress.com's over https) and
    /// reported.
    fn local_images(
        &mut self,
        text: &str,
        media_dir: &Path,
        slug: &str,
        label: &str,
    ) -> Result<String, Error> {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some((i, marker)) = UPLOADS
            .iter()
            .filter_map(|m| rest.find(m).map(|i| (i, *m)))
            .min()
        {
            // The URL around it.
            let start = rest[..i]
                .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '\'' | '<' | '['))
                .map_or(0, |j| j + 1);
            let end = rest[i..]
                .find(|c: char| c.is_whitespace() || matches!(c, ')' | '"' | '\'' | '>' | ']'))
                .map_or(rest.len(), |j| i + j);
            let url = &rest[start..end];
            out.push_str(&rest[..start]);
            match self.original(rest.get(i + marker.len()..end).unwrap_or("")) {
                Some(src) => {
                    let name = src
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    let dest = media_dir.join(&name);
                    if !dest.exists() || self.opts.force {
                        crate::fs::create_dir_all(media_dir)?;
                        std::fs::copy(&src, &dest).map_err(|e| Error::Io {
                            path: dest.clone(),
                            action: "copy a photo to",
                            source: e,
                        })?;
                        self.report.images_copied += 1;
                    }
                    let enc: String = percent_encoding::utf8_percent_encode(
                        &name,
                        percent_encoding::NON_ALPHANUMERIC,
                    )
                    .to_string();
                    let enc = enc
                        .replace("%2E", ".")
                        .replace("%2D", "-")
                        .replace("%5F", "_");
                    out.push_str(&format!("{slug}/{enc}"));
                }
                None => {
                    if !self
                        .report
                        .missing_images
                        .iter()
                        .any(|(p, u)| p == label && u == url)
                    {
                        self.report
                            .missing_images
                            .push((label.to_string(), url.to_string()));
                    }
                    out.push_str(&wordpress_com_https(url));
                }
            }
            rest = &rest[end.max(i + marker.len())..];
        }
        out.push_str(rest);
        Ok(out)
    }

    /// The original of an uploads path (`2021/04/foto-300x200.jpg?w=640`)
    /// in `--uploads`: without the size suffix (or `-scaled`), else the
    /// file itself.
    fn original(&self, rel_url: &str) -> Option<PathBuf> {
        let uploads = self.opts.uploads.as_ref()?;
        let path = rel_url.split(['?', '#']).next()?;
        let path = percent_encoding::percent_decode_str(path)
            .decode_utf8()
            .ok()?;
        if path.split('/').any(|s| s == ".." || s.is_empty()) {
            return None;
        }
        // The original first: a post shows WordPress's 300- or 1024-px
        // copy (`foto-300x226.jpg`) where the upload beside it is whole,
        // and cerita makes its own sizes from the largest.
        let mut candidates = Vec::new();
        if let Some((stem, ext)) = path.rsplit_once('.') {
            let base = strip_size(stem);
            // WordPress keeps a big photo's original as `-scaled` too.
            match base.strip_suffix("-scaled") {
                Some(b) => candidates.push(format!("{b}.{ext}")),
                None => candidates.push(format!("{base}.{ext}")),
            }
            candidates.push(format!("{base}-scaled.{ext}").replace("-scaled-scaled", "-scaled"));
        }
        candidates.push(path.to_string());
        candidates
            .into_iter()
            .map(|c| uploads.join(c))
            .find(|p| p.is_file())
    }

    fn write_new(&mut self, path: &Path, bytes: &[u8]) -> Result<(), Error> {
        if path.exists() && !self.opts.force {
            self.report.kept.push(rel(&self.opts.root, path));
            return Ok(());
        }
        if let Some(dir) = path.parent() {
            crate::fs::create_dir_all(dir)?;
        }
        let tmp = path.with_extension("md.tmp");
        std::fs::write(&tmp, bytes).map_err(|e| Error::Io {
            path: tmp.clone(),
            action: "write",
            source: e,
        })?;
        std::fs::rename(&tmp, path).map_err(|e| Error::Io {
            path: path.to_path_buf(),
            action: "write",
            source: e,
        })?;
        self.report.written.push(rel(&self.opts.root, path));
        Ok(())
    }
}

/// Where a post or page goes: its title (from its first words when it has
/// none: `untitled`), its slug (`reserved`: the slug it had, one of
/// cerita's own addresses) and its file, unique among this import's.
#[derive(Debug, Clone, Default)]
struct Place {
    title: String,
    untitled: bool,
    reserved: Option<String>,
    slug: String,
    file: PathBuf,
}

/// A post or page as [`place`] and [`OldLinks`] read it: its body only as
/// the words an untitled one is named by.
fn stub(it: &wxr::Item) -> wxr::Item {
    let content = if plain(&html::strip_markup(&it.title)).is_empty() {
        plain(&strip_tags(&it.content))
            .split_whitespace()
            .take(8)
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        String::new()
    };
    wxr::Item {
        title: it.title.clone(),
        link: it.link.clone(),
        id: it.id,
        date: it.date.clone(),
        date_gmt: it.date_gmt.clone(),
        modified_gmt: it.modified_gmt.clone(),
        name: it.name.clone(),
        status: it.status.clone(),
        parent: it.parent,
        kind: it.kind.clone(),
        password: it.password.clone(),
        language: it.language.clone(),
        translations: it.translations.clone(),
        content,
        ..wxr::Item::default()
    }
}

/// Who wrote post `it`: the byline Co-Authors Plus or PublishPress Authors
/// gave it (`<category domain="author">`), by display name (a guest
/// author's slug as words), else the account that published it.
fn byline(channel: &wxr::Channel, it: &wxr::Item) -> Vec<String> {
    let name = |login: &str| {
        channel
            .authors
            .get(login)
            .cloned()
            .unwrap_or_else(|| login.to_string())
    };
    // The byline Co-Authors Plus or PublishPress Authors gave the
    // post (`<category domain="author">`), else who published it.
    let mut authors: Vec<String> = it
        .terms
        .iter()
        .filter(|(domain, _)| domain == "author")
        .map(|(_, login)| {
            let login = plain(login);
            match channel.authors.get(&login) {
                Some(n) => n.clone(),
                // A guest author's slug (`harsh-pandey`): its words.
                None if !login.contains(' ') && login.contains('-') => login
                    .split('-')
                    .filter(|w| !w.is_empty())
                    .map(|w| {
                        let mut c = w.chars();
                        c.next()
                            .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
                    })
                    .collect::<Vec<_>>()
                    .join(" "),
                None => login,
            }
        })
        .filter(|a| !a.is_empty())
        .collect();
    authors.dedup();
    if authors.is_empty() && !it.creator.is_empty() {
        authors.push(name(&it.creator));
    }
    authors
}

/// The stories and pages under `content/` before an import, by their
/// aliases: a post imported before keeps its old addresses (`/?p=12`,
/// its permalink) whatever its file is named, so an import finds its
/// earlier file when the name changes (`x.md` becomes `x.en.md` once the
/// site declares the post's language).
#[derive(Debug, Default)]
struct Earlier {
    by_alias: HashMap<String, Vec<PathBuf>>,
}

impl Earlier {
    /// Reads the front matter of every file under `content/stories` and
    /// `content/pages` but the ones this import writes (`places`), which
    /// it overwrites, or keeps, by their name.
    fn scan(root: &Path, places: &[Place]) -> Earlier {
        let planned: HashSet<&Path> = places.iter().map(|p| p.file.as_path()).collect();
        let mut by_alias: HashMap<String, Vec<PathBuf>> = HashMap::new();
        for section in ["stories", "pages"] {
            let files = walkdir::WalkDir::new(root.join("content").join(section))
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .map(walkdir::DirEntry::into_path)
                .filter(|p| {
                    p.extension().is_some_and(|e| e == "md") && !planned.contains(p.as_path())
                });
            for path in files {
                let Ok(src) = std::fs::read_to_string(&path) else {
                    continue;
                };
                let Ok(split) = crate::frontmatter::split(&path, &src) else {
                    continue;
                };
                let aliases = if section == "pages" {
                    crate::frontmatter::page(&path, &src, &split)
                        .0
                        .map(|m| m.aliases)
                } else {
                    crate::frontmatter::story(&path, &src, &split)
                        .0
                        .map(|m| m.aliases)
                };
                for a in aliases.unwrap_or_default() {
                    by_alias.entry(a).or_default().push(path.clone());
                }
            }
        }
        Earlier { by_alias }
    }

    /// The earlier files of a post with these `aliases`, now going to
    /// `file`: only the one an import wrote for it, beside `file` under the
    /// same name but for its language (`x.md` for `x.en.md`), never another
    /// language's version (`x.id.md`) nor a file a writer placed elsewhere.
    fn of(&self, aliases: &[String], file: &Path) -> Vec<PathBuf> {
        let (base, lang) = name_and_lang(file);
        let mut found: Vec<PathBuf> = aliases
            .iter()
            .filter_map(|a| self.by_alias.get(a))
            .flatten()
            .filter(|p| p.as_path() != file && p.parent() == file.parent())
            .filter(|p| {
                let (b, l) = name_and_lang(p);
                b == base && (l.is_none() || l == lang)
            })
            .cloned()
            .collect();
        found.sort();
        found.dedup();
        found
    }
}

/// A file's name without `.md` and its language suffix, and that suffix:
/// `x.en.md` → (`x`, `en`), `x.md` → (`x`, none).
fn name_and_lang(path: &Path) -> (String, Option<crate::lang::Lang>) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let stem = name.strip_suffix(".md").unwrap_or(&name);
    match crate::load::lang_suffix(stem) {
        Some((base, lang)) => (base.to_string(), Some(lang)),
        None => (stem.to_string(), None),
    }
}

/// Where post or page `it` goes ([`Place`]); `used` holds the files
/// placed before it.
fn place(
    index: &Index,
    root: &Path,
    used: &mut HashSet<PathBuf>,
    it: &wxr::Item,
    (page, suffix): (bool, Option<&str>),
) -> Place {
    // Markup in a title (`<em>`) is no part of a plain-text title.
    let mut title = plain(&html::strip_markup(&it.title));
    let untitled = title.is_empty();
    if untitled {
        let words = plain(&strip_tags(&it.content));
        title = if words.is_empty() {
            format!("Tanpa judul {}", it.id)
        } else {
            words
        };
    }
    let name = percent_encoding::percent_decode_str(&it.name)
        .decode_utf8_lossy()
        .into_owned();
    let mut slug = if is_valid_slug(&name) {
        name.clone()
    } else {
        slugify(&name)
    };
    if slug.is_empty() {
        slug = slugify(&title);
    }
    if slug.is_empty() {
        slug = format!("tulisan-{}", it.id);
    }
    let mut reserved = None;
    if page && urls::RESERVED.contains(&slug.as_str()) {
        let renamed = format!("halaman-{slug}");
        reserved = Some(std::mem::replace(&mut slug, renamed));
    }
    if page {
        // A child page keeps its parents in its address.
        let mut parent = it.parent;
        let mut guard = 0;
        while parent != 0 && guard < 16 {
            let Some((pname, up)) = index.pages.get(&parent) else {
                break;
            };
            let p = slugify(&percent_encoding::percent_decode_str(pname).decode_utf8_lossy());
            if !p.is_empty() {
                slug = format!("{p}-{slug}");
            }
            parent = *up;
            guard += 1;
        }
    }
    let year_of = |d: &str| -> Option<String> {
        d.get(..4)
            .filter(|y| *y != "0000" && y.bytes().all(|b| b.is_ascii_digit()))
            .map(str::to_string)
    };
    let year = year_of(&it.date)
        .or_else(|| year_of(&it.date_gmt))
        .or_else(|| year_of(&it.modified_gmt))
        .unwrap_or_else(|| "undated".to_string());
    let dir = if page {
        root.join("content/pages")
    } else {
        root.join("content/stories").join(&year)
    };
    // Unique among this import's stories (or pages) in every year's folder:
    // a story's address is its file's name, and Blogger names every
    // untitled post `blog-post.html`, each year again. A translation in
    // another of the site's languages is named as cerita names one
    // (`x.en.md`).
    let ext = suffix.map_or_else(|| ".md".to_string(), |l| format!(".{l}.md"));
    let section = if page { "pages" } else { "stories" };
    let key = |name: &str| Path::new(section).join(name);
    let mut name = format!("{slug}{ext}");
    let mut n = 2;
    while used.contains(&key(&name)) {
        name = format!("{slug}-{n}{ext}");
        n += 1;
    }
    used.insert(key(&name));
    let file = dir.join(&name);
    let slug = name.trim_end_matches(&ext).to_string();
    Place {
        title,
        untitled,
        reserved,
        slug,
        file,
    }
}

/// Links between the blog's posts, to the old site's permalinks (or
/// `/?p=ID`), made links to the imported files (`@/stories/2021/x.md`):
/// they keep working wherever the site moves, and the build checks them.
/// Only published posts and pages are linked so; other links stay.
struct OldLinks {
    /// The old site's host (`lama.org`, `blog.files.wordpress.com`'s blog).
    hosts: Vec<String>,
    /// Old path (no trailing `/`), or `/?p=ID`, → the file under `content/`.
    paths: HashMap<String, String>,
}

impl OldLinks {
    fn new(base_url: &str, stubs: &[(wxr::Item, bool)], places: &[Place], root: &Path) -> Self {
        let mut hosts: Vec<String> = Vec::new();
        let mut paths = HashMap::new();
        for ((it, page), place) in stubs.iter().zip(places) {
            if it.status != "publish" || !it.password.is_empty() {
                continue;
            }
            let Ok(file) = place.file.strip_prefix(root.join("content")) else {
                continue;
            };
            let file = file.to_string_lossy().replace('\\', "/");
            if let Some(h) = host_of(&it.link) {
                if !hosts.contains(&h) {
                    hosts.push(h);
                }
            }
            if let Some(p) = path_of(&it.link) {
                paths
                    .entry(p.trim_end_matches('/').to_string())
                    .or_insert_with(|| file.clone());
            }
            let key = if *page { "page_id" } else { "p" };
            paths.entry(format!("/?{key}={}", it.id)).or_insert(file);
        }
        if let Some(h) = host_of(base_url) {
            if !hosts.contains(&h) {
                hosts.push(h);
            }
        }
        OldLinks { hosts, paths }
    }

    /// `md` with its Markdown links to the old site's posts made `@/` links.
    fn rewrite(&self, md: &str) -> String {
        if self.paths.is_empty() {
            return md.to_string();
        }
        let mut out = String::with_capacity(md.len());
        let mut rest = md;
        while let Some(i) = rest.find("](http") {
            out.push_str(&rest[..i + 2]);
            let tail = &rest[i + 2..];
            let end = tail
                .find(|c: char| c == ')' || c.is_whitespace())
                .unwrap_or(tail.len());
            let url = &tail[..end];
            match self.target(url) {
                Some(t) => out.push_str(&t),
                None => out.push_str(url),
            }
            rest = &tail[end..];
        }
        out.push_str(rest);
        out
    }

    /// The `@/` link for an old address of the site, with its `#anchor`.
    fn target(&self, url: &str) -> Option<String> {
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))?;
        let slash = rest.find(['/', '?']).unwrap_or(rest.len());
        let host = host_of(url)?;
        // A Blogger blog under any of its country addresses
        // (`nama.blogspot.co.id`, as Indonesian readers were sent for
        // years). The newer export names no address: its links to other
        // blogs of the same path (`/2020/05/blog-post.html`) are no one's.
        let blog = |h: &str| {
            h.split_once('.')
                .filter(|(_, tld)| tld.starts_with("blogspot."))
                .map(|(name, _)| name.to_string())
        };
        let ours = self.hosts.contains(&host)
            || blog(&host).is_some_and(|name| {
                self.hosts
                    .iter()
                    .any(|h| blog(h).as_deref() == Some(name.as_str()))
            });
        if !ours {
            return None;
        }
        let (path, anchor) = rest[slash..]
            .split_once('#')
            .unwrap_or((&rest[slash..], ""));
        let (path, query) = path.split_once('?').unwrap_or((path, ""));
        // `/?p=12` and `/?page_id=3` by their id; a permalink by its path.
        let id = query.split('&').find_map(|kv| {
            let (k, v) = kv.split_once('=')?;
            (matches!(k, "p" | "page_id") && !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
                .then(|| format!("/?{k}={v}"))
        });
        let key = id.unwrap_or_else(|| path.trim_end_matches('/').to_string());
        let file = self.paths.get(&key)?;
        Some(if anchor.is_empty() {
            format!("@/{file}")
        } else {
            format!("@/{file}#{anchor}")
        })
    }
}

/// An absolute URL's host, lowercase, without `www.`.
fn host_of(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next()?.to_ascii_lowercase();
    Some(host.trim_start_matches("www.").to_string()).filter(|h| !h.is_empty())
}

/// Its categories and tags, once each, without WordPress's default one.
fn tags(it: &wxr::Item) -> Vec<String> {
    // Taxonomies that say nothing about what a post is about: formats,
    // menus, shop data, block-theme parts, co-authors.
    const NOT_TOPICS: &[&str] = &[
        "",
        "post_format",
        "nav_menu",
        "link_category",
        "product_type",
        "product_visibility",
        "product_shipping_class",
        "wp_theme",
        "wp_template_part_area",
        "wp_pattern_category",
        "author",
    ];
    let mut tags: Vec<String> = Vec::new();
    for (domain, t) in &it.terms {
        let t = plain(t);
        // Categories, tags, and a theme's or plugin's own (`wilayah`,
        // `jenis_kegiatan`).
        if !NOT_TOPICS.contains(&domain.as_str())
            && !t.is_empty()
            && !t.eq_ignore_ascii_case("uncategorized")
            && !t.eq_ignore_ascii_case("tak berkategori")
            && !tags.iter().any(|x| x.eq_ignore_ascii_case(&t))
        {
            tags.push(t);
        }
    }
    tags
}

/// A post's summary: its excerpt, else the description an SEO plugin kept
/// for search results (Yoast's, Rank Math's), unless it is made of
/// variables (`%%excerpt%%`, `%title% %sep%`) filled in by the plugin.
fn summary(it: &wxr::Item) -> String {
    [
        Some(&it.excerpt),
        it.meta.get("_yoast_wpseo_metadesc"),
        it.meta.get("rank_math_description"),
    ]
    .into_iter()
    .flatten()
    .map(|s| plain(&strip_tags(s)))
    .find(|s| !s.is_empty() && !templated(s))
    .unwrap_or_default()
}

/// Whether an SEO plugin's text holds its variables (`%%excerpt%%`,
/// Rank Math's `%title%`): filled in by the plugin, not text.
fn templated(s: &str) -> bool {
    let mut parts = s.split('%').skip(1).peekable();
    while let Some(word) = parts.next() {
        // A word between two `%`.
        if parts.peek().is_some()
            && !word.is_empty()
            && word.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
        {
            return true;
        }
    }
    false
}

/// A post renamed on WordPress kept answering at its old slugs
/// (`_wp_old_slug`, one per rename): its old link with each old slug in
/// the new one's place, where the link has the slug in its path.
fn old_slug_addresses(it: &wxr::Item) -> Vec<String> {
    let Some(p) = path_of(&it.link).filter(|_| it.status == "publish") else {
        return Vec::new();
    };
    let segments: Vec<&str> = p.split('/').collect();
    let Some(i) = segments
        .iter()
        .rposition(|s| *s == it.name && !s.is_empty())
    else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    for old in &it.old_slugs {
        let mut moved = segments.clone();
        moved[i] = old;
        let moved = moved.join("/");
        if moved != p && !out.contains(&moved) {
            out.push(moved);
        }
    }
    out
}

/// Its old addresses: the permalink's path (when published and not the new
/// address) and WordPress's `/?p=ID` (`/?page_id=ID` for a page).
/// `blog_path`: the folder WordPress answered `/?p=12` in (`/wordpress`),
/// or none.
fn aliases(it: &wxr::Item, page: bool, slug: &str, blog_path: &str) -> Vec<String> {
    let mut aliases: Vec<String> = Vec::new();
    let new_path = if page {
        format!("/{slug}/")
    } else {
        format!("/stories/{slug}/")
    };
    if it.status == "publish" {
        if let Some(p) =
            path_of(&it.link).filter(|p| p.trim_end_matches('/') != new_path.trim_end_matches('/'))
        {
            aliases.push(p);
        }
    }
    if it.id > 0 {
        let key = if page { "page_id" } else { "p" };
        let short = format!("{blog_path}/?{key}={}", it.id);
        // A site with plain permalinks gives the same as the post's link.
        if !aliases.contains(&short) {
            aliases.push(short);
        }
    }
    aliases
}

/// Where an uploaded file's path starts in its URL: a WordPress site's
/// uploads folder, or a WordPress.com blog's file host.
const UPLOADS: &[&str] = &["/wp-content/uploads/", ".files.wordpress.com/"];

/// An `http://` address of WordPress.com's file hosts as `https://`, which
/// they serve: an https site shows no insecure photo.
fn wordpress_com_https(url: &str) -> std::borrow::Cow<'_, str> {
    match url.strip_prefix("http://") {
        Some(rest)
            if rest
                .split('/')
                .next()
                .is_some_and(|h| h.ends_with(".files.wordpress.com") || h.ends_with(".wp.com")) =>
        {
            format!("https://{rest}").into()
        }
        _ => url.into(),
    }
}

/// `foto-300x200` → `foto`.
fn strip_size(stem: &str) -> &str {
    if let Some((base, size)) = stem.rsplit_once('-') {
        if let Some((w, h)) = size.split_once('x') {
            if !w.is_empty()
                && !h.is_empty()
                && w.bytes().all(|b| b.is_ascii_digit())
                && h.bytes().all(|b| b.is_ascii_digit())
            {
                return base;
            }
        }
    }
    stem
}

fn rel(root: &Path, p: &Path) -> PathBuf {
    p.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| p.to_path_buf())
}

/// The site's settings, when `cerita.yaml` is there and reads.
fn site_config(root: &Path) -> Option<crate::config::Config> {
    let text = std::fs::read_to_string(root.join("cerita.yaml")).ok()?;
    crate::config::Config::parse(Path::new("cerita.yaml"), &text).ok()
}

/// The site's clock (`time_zone:`), unless UTC.
fn site_zone(config: &crate::config::Config) -> Option<crate::text::Zone> {
    Some(config.time_zone.clone()).filter(|z| !z.is_utc())
}

/// The site's languages, its own first.
fn site_language(config: &crate::config::Config) -> Vec<String> {
    config
        .site_languages()
        .iter()
        .map(|l| l.lang.code().to_string())
        .collect()
}

/// A language tag's primary subtag, lowercase (`zh-CN` → `zh`).
fn primary(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// The languages Polylang (or WPML's export add-on) gives posts, as the
/// site's: a post in one of them is written in it (a translation in
/// another than the site's first as `x.en.md`) with its translations'
/// group as `translation_key`; one in a language the site lacks keeps the
/// export's, with one warning per language.
struct Languages {
    /// Polylang's slug → the site's language.
    known: HashMap<String, String>,
    /// The site's first language.
    first: Option<String>,
}

impl Languages {
    fn new(
        site: Option<&[String]>,
        stubs: &[(wxr::Item, bool)],
        report: &mut ImportReport,
    ) -> Languages {
        let site = site.unwrap_or_default();
        let mut known = HashMap::new();
        let mut missing: BTreeMap<String, usize> = BTreeMap::new();
        for (it, _) in stubs.iter().filter(|(it, _)| !it.language.is_empty()) {
            if known.contains_key(&it.language) {
                continue;
            }
            let wanted = primary(&it.language);
            match site
                .iter()
                .find(|l| *l == &it.language || primary(l) == wanted)
            {
                Some(l) => {
                    known.insert(it.language.clone(), l.clone());
                }
                None => *missing.entry(it.language.clone()).or_default() += 1,
            }
        }
        for (l, n) in missing {
            report.warnings.push(format!(
                "{n} post(s) are in `{l}` (Polylang), which the site does not publish: they are written in the export's language; to publish them in theirs, add `{l}` under `languages:` in cerita.yaml and import again with --force"
            ));
        }
        Languages {
            known,
            first: site.first().cloned(),
        }
    }

    /// The site's language of a post Polylang gives one.
    fn of(&self, it: &wxr::Item) -> Option<&str> {
        self.known.get(&it.language).map(String::as_str)
    }

    /// The language in a post's file name: one of the site's but its first.
    fn suffix(&self, it: &wxr::Item) -> Option<&str> {
        self.of(it).filter(|l| Some(*l) != self.first.as_deref())
    }
}

/// The `lang:` of the imported stories: the site language the export is
/// written in (its `<language>`, `zh-CN`), else the site's own, with a
/// warning when the export says it is in another.
fn story_language(site: &[String], export: &str) -> (String, Option<String>) {
    let wanted = primary(export);
    let own = site.first().cloned().unwrap_or_default();
    if wanted.is_empty() {
        return (own, None);
    }
    match site.iter().find(|l| primary(l) == wanted) {
        Some(l) => (l.clone(), None),
        None => {
            let warning = format!(
                "the export's language setting is `{}` where the site's is `{own}`: the posts are written with `lang: {own}`; that is right if they are written in `{own}` (WordPress's and Blogger's setting is often left in English); only if they are in `{wanted}`, set `language: {wanted}` in cerita.yaml (or add it under `languages:`) and import again with --force",
                export.trim()
            );
            (own, Some(warning))
        }
    }
}

/// `YYYY-MM-DD HH:MM:SS` unless WordPress's empty `0000-00-00 …`.
fn valid(s: &str) -> Option<&str> {
    let s = s.trim();
    (s.len() >= 10 && !s.starts_with("0000")).then_some(s)
}

/// A GMT date of the export as RFC 3339.
fn utc(s: &str) -> Option<String> {
    let s = valid(s)?;
    let (d, t) = s.split_once(' ').unwrap_or((s, "00:00:00"));
    Some(format!("{d}T{t}Z"))
}

/// When `it` was last changed, written in the offset of its `date` (as the
/// import writes it), when that falls on a later day than the date: an
/// edit the same day, or a scheduled post saved before it went out,
/// tells the reader nothing new ("Diperbarui" before "Terbit").
fn updated(it: &wxr::Item, date: &str) -> Option<String> {
    use time::{PrimitiveDateTime, format_description::well_known::Rfc3339};
    let d = crate::text::StoryDate::parse(date)?;
    let civil = |s: &str| {
        let w = crate::date_forms::read(valid(s)?)?;
        Some(PrimitiveDateTime::new(w.date, w.time?))
    };
    if d.floating {
        // The date was written without a zone: so is this, as the export
        // gives it on the site's clock.
        let local = civil(&it.modified)?;
        return (local.date() > d.at.date()).then(|| valid(&it.modified).map(str::to_string))?;
    }
    let offset = d.at.offset();
    let changed = match civil(&it.modified_gmt) {
        Some(gmt) => gmt.assume_utc().to_offset(offset),
        None => civil(&it.modified)?.assume_offset(offset),
    };
    if changed.date() <= d.at.date() {
        return None;
    }
    changed.format(&Rfc3339).ok()
}

/// An offset from UTC in minutes as RFC 3339 writes it (`+07:00`, `Z`).
fn zone(minutes: i64) -> String {
    if minutes == 0 {
        return "Z".to_string();
    }
    let sign = if minutes < 0 { '-' } else { '+' };
    let m = minutes.abs();
    format!("{sign}{:02}:{:02}", m / 60, m % 60)
}

/// Minutes since an arbitrary epoch, to compare two dates of one post.
fn minutes(s: &str) -> Option<i64> {
    let s = valid(s)?;
    let d = crate::text::StoryDate::parse(s)?;
    Some(d.at.unix_timestamp() / 60)
}

/// The path (and query) of an absolute URL.
fn path_of(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let path = rest.find('/').map_or("/", |i| &rest[i..]);
    (path != "/").then(|| path.to_string())
}

/// A post that opens with its own featured photo (themes that showed no
/// featured photo made writers put it in the text too): the story page
/// shows the cover above the text, so that first photo goes. One with a
/// caption stays (its caption would go with it), as does a photo further
/// down or another photo.
fn without_cover_copy(body: &str, cover: &str) -> String {
    match opening_photo(body) {
        Some(p) if same_photo(p.src, cover) => p.after.to_string(),
        _ => body.to_string(),
    }
}

/// The photo a body opens with, alone in its paragraph and without a
/// caption (`![alt](src)`, `[![alt](src)](link)`, a `figure` with no
/// caption): its address, its alt text, the text after it, and the
/// address it links to, if any.
fn opening_photo(body: &str) -> Option<OpeningPhoto<'_>> {
    let rest = body.trim_start();
    let end = rest.find("\n\n").unwrap_or(rest.len());
    let first = rest[..end].trim();
    let after = rest[end..].trim_start();
    if let Some(args) = first
        .strip_prefix("{{ figure(")
        .filter(|f| f.ends_with(") }}"))
    {
        if args.contains("caption=") {
            return None;
        }
        return Some(OpeningPhoto {
            src: crate::text::attr_value(args, "src")?,
            alt: crate::text::attr_value(args, "alt")
                .unwrap_or_default()
                .to_string(),
            after,
            link: crate::text::attr_value(args, "link"),
        });
    }
    // `![alt](src)` or `[![alt](src)](link)`, alone.
    let (image, link) = first
        .strip_prefix('[')
        .and_then(|f| f.rsplit_once("]("))
        .filter(|(_, link)| link.ends_with(')') && !link.contains(' '))
        .map_or((first, None), |(inner, link)| {
            (inner, link.strip_suffix(')'))
        });
    let (alt, src) = image
        .strip_prefix("![")
        .and_then(|i| i.strip_suffix(')'))
        .and_then(|i| i.rsplit_once("]("))
        .filter(|(alt, _)| !alt.contains("]("))?;
    Some(OpeningPhoto {
        src: src.split(' ').next().unwrap_or(src),
        alt: alt.replace('\\', ""),
        after,
        link,
    })
}

/// What [`opening_photo`] finds.
#[derive(Debug, PartialEq, Eq)]
struct OpeningPhoto<'a> {
    src: &'a str,
    alt: String,
    after: &'a str,
    link: Option<&'a str>,
}

impl OpeningPhoto<'_> {
    /// Whether it can stand as the post's cover: not a link elsewhere (a
    /// banner leading to another site would lose its link), and not an
    /// icon by its address (`-150x150.jpg`, `?w=200`, `/120px-…`).
    fn fits_a_cover(&self) -> bool {
        let photo = |url: &str| {
            let path = url.split(['?', '#']).next().unwrap_or(url);
            crate::images::naming::raster_ext(path).is_some()
        };
        let elsewhere = self.link.is_some_and(|l| l != self.src && !photo(l));
        !self.src.is_empty() && !elsewhere && !looks_small(self.src)
    }
}

/// Whether a photo's address names a small size (under 400 pixels wide):
/// WordPress's `-150x150`, WordPress.com's `?w=200`, Wikimedia's `/120px-`.
fn looks_small(url: &str) -> bool {
    let small = |n: &str| n.parse::<u32>().is_ok_and(|w| w < 400);
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let by_query = query
        .split('&')
        .filter_map(|kv| kv.strip_prefix("w=").or_else(|| kv.strip_prefix("width=")))
        .any(small);
    let file = path.rsplit('/').next().unwrap_or(path);
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    let by_suffix = stem
        .rsplit_once('-')
        .and_then(|(_, size)| size.split_once('x'))
        .is_some_and(|(w, h)| small(w) && h.parse::<u32>().is_ok());
    let by_prefix = file.split_once("px-").is_some_and(|(w, _)| small(w));
    by_query || by_suffix || by_prefix
}

/// Whether two addresses name one upload: the same path under the uploads
/// folder (or the same file name beside the story), whatever size
/// WordPress cut (`foto-1024x683.jpg`, `foto-scaled.jpg`) or CDN served it.
fn same_photo(a: &str, b: &str) -> bool {
    fn key(url: &str) -> String {
        let url = url
            .split(['?', '#'])
            .next()
            .unwrap_or(url)
            .to_ascii_lowercase();
        let path = match url.split_once("/wp-content/uploads/") {
            Some((_, p)) => p.to_string(),
            None => url,
        };
        let stem = path.rsplit_once('.').map_or(path.as_str(), |(s, _)| s);
        let stem = stem.strip_suffix("-scaled").unwrap_or(stem);
        let digits = |n: &str| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit());
        match stem.rsplit_once('-') {
            Some((base, size))
                if size
                    .split_once('x')
                    .is_some_and(|(w, h)| digits(w) && digits(h)) =>
            {
                base.to_string()
            }
            _ => stem.to_string(),
        }
    }
    key(a) == key(b)
}

#[cfg(test)]
mod tests {
    /// The featured photo again at the top of the text goes; with a
    /// caption, further down, or another photo, it stays.
    #[test]
    fn a_body_opening_with_its_featured_photo_loses_that_copy() {
        use super::without_cover_copy;
        let cover = "https://lama.example/wp-content/uploads/2021/04/rapat.jpg";
        for body in [
            "{{ figure(src=\"https://lama.example/wp-content/uploads/2021/04/rapat-1024x683.jpg\", alt=\"Rapat\") }}\n\nIsi.\n",
            "![Rapat](https://i0.wp.com/lama.example/wp-content/uploads/2021/04/rapat-scaled.jpg?w=640)\n\nIsi.\n",
            "[![Rapat](https://lama.example/wp-content/uploads/2021/04/rapat-300x200.jpg)](https://lama.example/wp-content/uploads/2021/04/rapat.jpg)\n\nIsi.\n",
        ] {
            assert_eq!(without_cover_copy(body, cover), "Isi.\n", "{body}");
        }
        // Beside the story, once the uploads were brought in.
        assert_eq!(
            without_cover_copy("![Rapat](rapat-1024x683.jpg)\n\nIsi.\n", "rapat.jpg"),
            "Isi.\n"
        );
        for kept in [
            "{{ figure(src=\"https://lama.example/wp-content/uploads/2021/04/rapat.jpg\", caption=\"Rapat warga\") }}\n\nIsi.\n",
            "![Lain](https://lama.example/wp-content/uploads/2021/04/lain.jpg)\n\nIsi.\n",
            "![Rapat](https://lama.example/wp-content/uploads/2019/01/rapat.jpg)\n\nIsi.\n",
            "Pembuka.\n\n![Rapat](https://lama.example/wp-content/uploads/2021/04/rapat.jpg)\n",
            "![Rapat](https://lama.example/wp-content/uploads/2021/04/rapat.jpg) dan teks.\n",
        ] {
            assert_eq!(without_cover_copy(kept, cover), kept, "{kept}");
        }
    }

    /// A post without a featured photo that opens with one (an event's
    /// poster): that photo, its alt text and the text after it; a photo
    /// with a caption, or after words, is none.
    #[test]
    fn the_photo_a_post_opens_with() {
        use super::opening_photo;
        let p = opening_photo("\n![Poster penanaman mangrove](poster.png)\n\nIsi.\n").unwrap();
        assert_eq!(
            (p.src, p.alt.as_str(), p.after),
            ("poster.png", "Poster penanaman mangrove", "Isi.\n")
        );
        assert!(p.fits_a_cover());
        let p = opening_photo("{{ figure(src=\"poster.png\", alt=\"Poster\") }}\n").unwrap();
        assert_eq!(
            (p.src, p.alt.as_str(), p.after),
            ("poster.png", "Poster", "")
        );
        for none in [
            "{{ figure(src=\"poster.png\", caption=\"Poster\") }}\n\nIsi.\n",
            "Pembuka.\n\n![Poster](poster.png)\n",
            "![Poster](poster.png) dan teks.\n",
            "",
        ] {
            assert_eq!(opening_photo(none), None, "{none}");
        }
        // Linked to its own larger size: a cover; to another site, or an
        // icon by its address: none.
        let cover = |b: &str| opening_photo(b).is_some_and(|p| p.fits_a_cover());
        assert!(cover(
            "[![](https://x.wordpress.com/2015/10/poster.jpg?w=800)](https://x.wordpress.com/2015/10/poster.jpg)\n\nIsi.\n"
        ));
        assert!(!cover(
            "[![](http://example.org/banner.png)](http://www.example.com)\n\nIsi.\n"
        ));
        assert!(!cover(
            "[![](http://www.example.com/spread/cleancode)](http://www.example.com)\n\nIsi.\n"
        ));
        for icon in [
            "![](https://x.org/wp-content/uploads/2024/09/foto-300x169.jpg)",
            "![](https://x.wordpress.com/2025/03/foto.jpg?w=300)",
            "![](http://upload.wikimedia.org/thumb/1/11/No.svg/150px-No.svg.png)",
        ] {
            assert!(!cover(&format!("{icon}\n\nIsi.\n")), "{icon}");
        }
    }

    /// WordPress answers a renamed post's old slug; the story does too.
    #[test]
    fn a_renamed_posts_old_slug_is_an_alias() {
        let mut it = wxr::Item {
            link: "https://lama.example/2021/04/12/rapat-warga-gresik/".into(),
            name: "rapat-warga-gresik".into(),
            status: "publish".into(),
            id: 8,
            old_slugs: vec!["8-2".into(), "rapat".into()],
            ..Default::default()
        };
        assert_eq!(
            old_slug_addresses(&it),
            ["/2021/04/12/8-2/", "/2021/04/12/rapat/"]
        );
        // Plain permalinks carry no slug: the `?p=` address covers it.
        it.link = "https://lama.example/?p=8".into();
        assert!(old_slug_addresses(&it).is_empty());
    }

    #[test]
    fn an_uploads_file_name_is_no_description() {
        let url = "https://lama.example/wp-content/uploads/2021/04/foto-pelatihan-scaled.jpg";
        for title in [
            "IMG_1234",
            "dsc04563",
            "WhatsApp Image 2021-04-12 at 10.15.32",
            "PXL_20210412_101010",
            "Screenshot 2021-04-12 101010",
            "20210412_101010",
            "foto-pelatihan-scaled",
            "Foto Pelatihan",
            "",
        ] {
            assert!(html::names_a_file(title, url), "{title}");
        }
        for title in [
            "Peserta berdiskusi di kelas",
            "Galeri satu",
            "Balai desa",
            "Banjir Gresik 2019",
            "Image of the flood",
        ] {
            assert!(!html::names_a_file(title, url), "{title}");
        }
    }

    use super::*;

    /// Links to the old site's published posts become `@/` links by
    /// permalink or `?p=` id, with their anchors; other links stay.
    #[test]
    fn seo_plugin_variables_are_no_summary() {
        for t in [
            "%%excerpt%%",
            "%title% %sep% %sitename%",
            "Baca %%title%% di sini",
        ] {
            assert!(templated(t), "{t}");
        }
        for t in ["Diskon 50% untuk 20% warga", "Kenaikan 5%", "100%"] {
            assert!(!templated(t), "{t}");
        }
    }

    #[test]
    fn links_between_posts_lead_to_the_imported_files() {
        let root = Path::new("/situs");
        let post = |id: u64, link: &str, status: &str| wxr::Item {
            id,
            link: link.to_string(),
            status: status.to_string(),
            ..wxr::Item::default()
        };
        let stubs = vec![
            (
                post(12, "https://lama.org/2021/04/pelatihan/", "publish"),
                false,
            ),
            (post(13, "https://lama.org/?p=13", "draft"), false),
            (post(3, "https://lama.org/tentang/", "publish"), true),
        ];
        let places: Vec<Place> = [
            "stories/2021/pelatihan.md",
            "stories/2021/x.md",
            "pages/tentang.md",
        ]
        .iter()
        .map(|f| Place {
            file: root.join("content").join(f),
            ..Place::default()
        })
        .collect();
        let links = OldLinks::new("https://www.lama.org", &stubs, &places, root);
        let md = "[a](https://lama.org/2021/04/pelatihan) [b](http://www.lama.org/?p=12#sesi) \
                  [c](https://lama.org/?page_id=3) [d](https://lama.org/?p=13) \
                  [e](https://lain.org/2021/04/pelatihan/) [f](https://lama.org/2021/04/pelatihan/?utm=x)";
        assert_eq!(
            links.rewrite(md),
            "[a](@/stories/2021/pelatihan.md) [b](@/stories/2021/pelatihan.md#sesi) \
                  [c](@/pages/tentang.md) [d](https://lama.org/?p=13) \
                  [e](https://lain.org/2021/04/pelatihan/) [f](@/stories/2021/pelatihan.md)"
        );
    }

    /// A post changed on a later day says so, in its date's offset; one
    /// saved the same day, or scheduled and saved before it went out,
    /// does not.
    #[test]
    fn updated_only_when_changed_on_a_later_day_in_the_dates_offset() {
        let item = |modified: &str, gmt: &str| wxr::Item {
            modified: modified.into(),
            modified_gmt: gmt.into(),
            ..Default::default()
        };
        let jakarta = "2020-09-16T00:20:53+07:00";
        assert_eq!(
            updated(&item("2020-09-16 00:20:53", "2020-09-15 17:20:53"), jakarta),
            None
        );
        assert_eq!(
            updated(&item("2020-09-16 23:00:00", "2020-09-16 16:00:00"), jakarta),
            None
        );
        let scheduled = "2023-01-05T09:00:00+07:00";
        assert_eq!(
            updated(
                &item("2023-01-04 20:02:11", "2023-01-04 13:02:11"),
                scheduled
            ),
            None
        );
        let later = item("2021-05-01 10:00:00", "2021-05-01 03:00:00");
        assert_eq!(
            updated(&later, "2021-04-12T10:00:00+07:00").as_deref(),
            Some("2021-05-01T10:00:00+07:00")
        );
        // No GMT time in the export: the local one, in the date's offset.
        assert_eq!(
            updated(
                &item("2021-05-01 10:00:00", "0000-00-00 00:00:00"),
                "2021-04-12T10:00:00+07:00"
            )
            .as_deref(),
            Some("2021-05-01T10:00:00+07:00")
        );
        // A date without a zone: the local time, without one either.
        assert_eq!(
            updated(&later, "2021-04-12 10:00:00").as_deref(),
            Some("2021-05-01 10:00:00")
        );
        assert_eq!(updated(&item("", ""), jakarta), None);
    }

    #[test]
    fn helpers() {
        assert_eq!(strip_size("foto-300x200"), "foto");
        assert_eq!(strip_size("foto-bersama"), "foto-bersama");
        assert_eq!(
            path_of("https://lama.org/2021/04/x/").as_deref(),
            Some("/2021/04/x/")
        );
        assert_eq!(path_of("https://lama.org/"), None);
        assert_eq!(
            utc("2021-04-12 03:00:00").as_deref(),
            Some("2021-04-12T03:00:00Z")
        );
        assert_eq!(utc("0000-00-00 00:00:00"), None);
        assert_eq!(zone(420), "+07:00");
        assert_eq!(zone(-570), "-09:30");
        assert_eq!(zone(0), "Z");
        let site = ["id".to_string(), "en".to_string()];
        assert_eq!(story_language(&site, "en-US"), ("en".to_string(), None));
        assert_eq!(story_language(&site, "id-ID"), ("id".to_string(), None));
        assert_eq!(story_language(&site, ""), ("id".to_string(), None));
        let (lang, warning) = story_language(&site, "zh-CN");
        assert_eq!(lang, "id");
        assert!(warning.is_some_and(|w| w.contains("`zh-CN`") && w.contains("language: zh")));
        assert_eq!(
            wordpress_com_https("http://blog.files.wordpress.com/2011/03/a.png"),
            "https://blog.files.wordpress.com/2011/03/a.png"
        );
        assert_eq!(
            wordpress_com_https("http://lama.org/wp-content/uploads/a.png"),
            "http://lama.org/wp-content/uploads/a.png"
        );
        assert_eq!(
            plain("Kabar &#8220;baik&#8221; &amp; &hellip;"),
            "Kabar “baik” & …"
        );
        assert_eq!(yaml("a \"b\"\\"), "\"a \\\"b\\\"\\\\\"");
    }
}
