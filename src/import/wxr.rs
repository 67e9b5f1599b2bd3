//! A WordPress eXtended RSS export (WXR 1.0–1.2, what Tools → Export
//! writes) read as a stream of items: one `<item>` in memory at a time.
//! Elements are told apart by namespace and local name, so the `http://`
//! and `https://` forms of the `wp` namespace (both occur) read the same.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

use crate::error::Diagnostic;

/// Which vocabulary an element belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ns {
    None,
    Wp,
    Content,
    Excerpt,
    Dc,
    Other,
}

fn ns_of(r: &ResolveResult<'_>) -> Ns {
    match r {
        ResolveResult::Bound(ns) => {
            let uri = String::from_utf8_lossy(ns.as_ref());
            let uri = uri
                .trim_start_matches("https://")
                .trim_start_matches("http://");
            if uri.starts_with("wordpress.org/export/") {
                Ns::Wp
            } else if uri.starts_with("purl.org/rss/1.0/modules/content") {
                Ns::Content
            } else if uri.starts_with("wordpress.org/export/1.") || uri.contains("/excerpt/") {
                Ns::Excerpt
            } else if uri.starts_with("purl.org/dc/elements") {
                Ns::Dc
            } else {
                Ns::Other
            }
        }
        ResolveResult::Unbound => Ns::None,
        ResolveResult::Unknown(_) => Ns::Other,
    }
}

/// One `<item>`: a post, page, attachment, menu item, revision …
#[derive(Debug, Clone, Default)]
pub struct Item {
    pub title: String,
    pub link: String,
    pub guid: String,
    pub creator: String,
    pub content: String,
    pub excerpt: String,
    pub id: u64,
    pub date: String,
    pub date_gmt: String,
    pub modified: String,
    pub modified_gmt: String,
    pub name: String,
    pub status: String,
    pub parent: u64,
    pub kind: String,
    pub password: String,
    /// Polylang's (or WPML's) language of the post (`en`), and the group
    /// of its translations (`pll_5f3a…`).
    pub language: String,
    pub translations: String,
    pub attachment_url: String,
    /// `(domain, text)`: `category` or `post_tag`.
    pub terms: Vec<(String, String)>,
    pub meta: HashMap<String, String>,
    /// Every `_wp_old_slug` (a post renamed twice has two).
    pub old_slugs: Vec<String>,
    pub comments: usize,
}

/// The channel's facts the items need.
#[derive(Debug, Clone, Default)]
pub struct Channel {
    /// Login → display name.
    pub authors: HashMap<String, String>,
    /// `<language>` (`id-ID`).
    pub language: String,
    pub base_url: String,
    /// The blog's own address (`wp:base_blog_url`), where `/?p=12` answered:
    /// under the site's when WordPress lives in a folder of it.
    pub blog_url: String,
    /// A Blogger blog's public feed rather than its backup: no drafts,
    /// pages or comments, and at most 500 posts.
    pub from_feed: bool,
}

/// Reads `path`, calling `each` with every item and the channel's facts
/// seen so far (authors come before items in real exports). A malformed
/// or truncated file is an error at its line and column.
pub fn read(path: &Path, mut each: impl FnMut(&Channel, Item)) -> Result<Channel, Box<Diagnostic>> {
    let mut reader = open(path)?;
    let mut buf = Vec::new();
    let mut channel = Channel::default();
    // The element path, as (namespace, local name).
    let mut stack: Vec<(Ns, String)> = Vec::new();
    let mut item: Option<Item> = None;
    let mut text = String::new();
    let mut author = (String::new(), String::new());
    // The `<category>` being read: its `domain` and `nicename`.
    let mut term_domain = (String::new(), String::new());
    let mut meta = (String::new(), String::new());
    let mut saw_rss = false;
    let mut saw_wp = false;
    loop {
        let (res, event) = match reader.read_resolved_event_into(&mut buf) {
            Ok(x) => x,
            Err(e) => {
                let at = reader.error_position();
                return Err(Box::new(at_offset(
                    path,
                    at,
                    &format!("the export is not well-formed XML: {e}"),
                )));
            }
        };
        match event {
            Event::Start(e) => {
                let ns = ns_of(&res);
                let local = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                if local == "rss" && stack.is_empty() {
                    saw_rss = true;
                }
                if ns == Ns::Wp {
                    saw_wp = true;
                }
                if local == "item" && ns == Ns::None {
                    item = Some(Item::default());
                }
                if local == "category" && item.is_some() {
                    let attr = |k: &str| {
                        e.try_get_attribute(k)
                            .ok()
                            .flatten()
                            .map(|a| String::from_utf8_lossy(&a.value).into_owned())
                            .unwrap_or_default()
                    };
                    term_domain = (attr("domain"), attr("nicename"));
                }
                stack.push((ns, local));
                text.clear();
            }
            Event::Empty(_) => {}
            Event::End(_) => {
                let Some((ns, local)) = stack.pop() else {
                    break;
                };
                let value = std::mem::take(&mut text);
                let parent = stack.last().map(|(n, l)| (*n, l.as_str()));
                match (&mut item, ns, local.as_str()) {
                    (Some(_), Ns::None, "item") => {
                        if let Some(mut done) = item.take() {
                            wpml_language(&mut done);
                            each(&channel, done);
                        }
                    }
                    (Some(it), _, _) => {
                        fill(it, ns, &local, value, parent, &mut term_domain, &mut meta)
                    }
                    (None, Ns::Wp, "author_login") => author.0 = value.trim().to_string(),
                    (None, Ns::Wp, "author_display_name") => author.1 = value.trim().to_string(),
                    (None, Ns::Wp, "author") => {
                        let (login, name) = std::mem::take(&mut author);
                        if !login.is_empty() {
                            let name = if name.is_empty() { login.clone() } else { name };
                            channel.authors.insert(login, name);
                        }
                    }
                    (None, Ns::None, "language") => channel.language = value.trim().to_string(),
                    (None, Ns::Wp, "base_site_url") => channel.base_url = value.trim().to_string(),
                    (None, Ns::Wp, "base_blog_url") => channel.blog_url = value.trim().to_string(),
                    _ => {}
                }
            }
            Event::Eof => break,
            other => {
                if let Err(why) = add_text(&other, &mut text) {
                    return Err(Box::new(at_offset(path, reader.buffer_position(), &why)));
                }
            }
        }
        buf.clear();
    }
    if !stack.is_empty() {
        let open: Vec<&str> = stack.iter().map(|(_, l)| l.as_str()).collect();
        return Err(Box::new(truncated(path, reader.buffer_position(), &open)));
    }
    if !saw_rss || !saw_wp {
        return Err(Box::new(
            Diagnostic::error(
                "this is not a WordPress export (no `<rss>` with WordPress's `wp:` elements)",
            )
            .at_path(path)
            .with_hint(
                "in WordPress: Tools → Export → All content, then import the downloaded .xml file",
            ),
        ));
    }
    Ok(channel)
}

/// WPML keeps a post's language in its own tables; its "Export and
/// Import" add-on writes them into the export as the post's fields, which
/// are read as Polylang's terms are.
fn wpml_language(it: &mut Item) {
    for (field, key) in [
        (&mut it.language, "_wpml_import_language_code"),
        (&mut it.translations, "_wpml_import_translation_group"),
    ] {
        if field.is_empty() {
            if let Some(v) = it.meta.get(key) {
                *field = v.trim().to_string();
            }
        }
    }
}

/// One child element of an item, read into it.
fn fill(
    it: &mut Item,
    ns: Ns,
    local: &str,
    value: String,
    parent: Option<(Ns, &str)>,
    term_domain: &mut (String, String),
    meta: &mut (String, String),
) {
    let in_comment = matches!(parent, Some((Ns::Wp, "comment")));
    let in_meta = matches!(parent, Some((Ns::Wp, "postmeta")));
    match (ns, local) {
        (Ns::None, "title") => it.title = value,
        (Ns::None, "link") => it.link = value.trim().to_string(),
        (Ns::None, "guid") => it.guid = value.trim().to_string(),
        (Ns::None, "category") => {
            let (domain, slug) = std::mem::take(term_domain);
            // Polylang keeps a post's language and its translations as
            // terms: by slug (`en`, `pll_5f3a…`), not by name (`English`).
            match domain.as_str() {
                "language" => it.language = slug,
                "post_translations" => it.translations = slug,
                _ => it.terms.push((domain, value.trim().to_string())),
            }
        }
        (Ns::Dc, "creator") => it.creator = value.trim().to_string(),
        (Ns::Content, "encoded") => it.content = value,
        (Ns::Excerpt, "encoded") | (Ns::Wp, "encoded") => it.excerpt = value,
        (Ns::Wp, "comment") => it.comments += 1,
        (Ns::Wp, _) if in_comment => {}
        (Ns::Wp, "meta_key") if in_meta => meta.0 = value.trim().to_string(),
        (Ns::Wp, "meta_value") if in_meta => meta.1 = value,
        (Ns::Wp, "postmeta") => {
            let (k, v) = std::mem::take(meta);
            if k == "_wp_old_slug" && !v.trim().is_empty() {
                it.old_slugs.push(v.trim().to_string());
            }
            it.meta.insert(k, v);
        }
        (Ns::Wp, "post_id") => it.id = value.trim().parse().unwrap_or(0),
        (Ns::Wp, "post_date") => it.date = value.trim().to_string(),
        (Ns::Wp, "post_date_gmt") => it.date_gmt = value.trim().to_string(),
        (Ns::Wp, "post_modified") => it.modified = value.trim().to_string(),
        (Ns::Wp, "post_modified_gmt") => it.modified_gmt = value.trim().to_string(),
        (Ns::Wp, "post_name") => it.name = value.trim().to_string(),
        (Ns::Wp, "status") => it.status = value.trim().to_string(),
        (Ns::Wp, "post_parent") => it.parent = value.trim().parse().unwrap_or(0),
        (Ns::Wp, "post_type") => it.kind = value.trim().to_string(),
        (Ns::Wp, "post_password") => it.password = value,
        (Ns::Wp, "attachment_url") => it.attachment_url = value.trim().to_string(),
        _ => {}
    }
}

/// The export at `path` as a namespace-aware stream of events.
pub(super) fn open(path: &Path) -> Result<NsReader<BufReader<File>>, Box<Diagnostic>> {
    let file = File::open(path).map_err(|e| {
        Box::new(Diagnostic::error(format!("cannot read the export: {e}")).at_path(path))
    })?;
    let mut reader = NsReader::from_reader(BufReader::with_capacity(1 << 16, file));
    reader.config_mut().trim_text(false);
    Ok(reader)
}

/// Adds the characters a text, CDATA or character/entity reference event
/// stands for to `text` (other events add nothing), or says what is wrong.
pub(super) fn add_text(event: &Event<'_>, text: &mut String) -> Result<(), String> {
    match event {
        Event::Text(t) => {
            let s = t
                .xml_content()
                .map_err(|e| format!("the export's text is not UTF-8: {e}"))?;
            text.push_str(&s);
        }
        Event::CData(t) => text.push_str(&String::from_utf8_lossy(t)),
        Event::GeneralRef(r) => {
            if let Ok(Some(c)) = r.resolve_char_ref() {
                text.push(c);
            } else {
                let name = String::from_utf8_lossy(r);
                let s = quick_xml::escape::resolve_xml_entity(&name)
                    .ok_or_else(|| format!("the export uses an unknown entity `&{name};`"))?;
                text.push_str(s);
            }
        }
        _ => {}
    }
    Ok(())
}

/// The error for an export that ends inside the elements `open`.
pub(super) fn truncated(path: &Path, at: u64, open: &[&str]) -> Diagnostic {
    at_offset(
        path,
        at,
        &format!(
            "the export ends inside `<{}>`: it is truncated",
            open.join("> <")
        ),
    )
}

/// A diagnostic at byte `offset` of the file, with its line and column.
pub(super) fn at_offset(path: &Path, offset: u64, message: &str) -> Diagnostic {
    let d = Diagnostic::error(message.to_string())
        .with_hint("export again (WordPress: Tools → Export; Blogger: Settings → Back up content); a download cut short leaves a truncated file");
    let Ok(file) = File::open(path) else {
        return d.at_path(path);
    };
    let mut line = 1usize;
    let mut line_start: Vec<u8> = Vec::new();
    let mut read = 0u64;
    let mut r = BufReader::new(file).take(offset);
    let mut chunk = Vec::new();
    while let Ok(n) = r.read_until(b'\n', &mut chunk) {
        if n == 0 {
            break;
        }
        read += n as u64;
        if chunk.last() == Some(&b'\n') && read <= offset {
            line += 1;
            chunk.clear();
        } else {
            line_start = std::mem::take(&mut chunk);
        }
    }
    let col = String::from_utf8_lossy(&line_start).chars().count() + 1;
    let mut d = d.at_path(path);
    d.line = Some(line);
    d.col = Some(col);
    d
}
