//! A Blogger export (Settings → Back up content: an Atom feed of the blog's
//! posts, pages, comments, settings and template) read as a stream of the
//! same [`Item`]s a WordPress export gives, so one writer and one body
//! converter serve both. Both forms Blogger has written are read: the
//! older one marks an entry's kind with a `…#kind` category and a draft
//! with `app:draft`, the newer one with `blogger:type` and
//! `blogger:status`.

use std::path::Path;

use quick_xml::events::{BytesStart, Event};

use super::wxr::{Channel, Item, add_text, at_offset, open, truncated};
use crate::error::Diagnostic;

/// An entry as it is read.
#[derive(Default)]
struct Entry {
    item: Item,
    kind: Option<String>,
    draft: bool,
    deleted: bool,
}

/// Reads `path`, calling `each` with every entry as an [`Item`] (`kind`
/// `post`, `page`, `comment` or another; `status` `publish`, `draft` or
/// `trash`).
/// A date Blogger wrote in UTC (the newer form writes every one so) is
/// read on `zone`'s clock, the site's, when it has one: a post published
/// at 00:30 in Jakarta is dated that day, not the day before.
pub fn read(
    path: &Path,
    zone: Option<&crate::text::Zone>,
    mut each: impl FnMut(&Channel, Item),
) -> Result<Channel, Box<Diagnostic>> {
    let mut reader = open(path)?;
    let mut buf = Vec::new();
    let mut channel = Channel::default();
    let mut stack: Vec<String> = Vec::new();
    let mut entry: Option<Entry> = None;
    let mut text = String::new();
    let mut saw_feed = false;
    let mut saw_blogger = false;
    // Blogger's "Convert line breaks" (the older form's settings, which
    // come before the posts): on, a line break in a post's HTML shows as
    // one; off, it is a space, as in any HTML.
    let mut line_breaks = true;
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(e) => e,
            Err(e) => {
                return Err(Box::new(at_offset(
                    path,
                    reader.error_position(),
                    &format!("the export is not well-formed XML: {e}"),
                )));
            }
        };
        match event {
            Event::Start(e) => {
                let local = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                if (local == "feed" || local == "rss") && stack.is_empty() {
                    saw_feed = true;
                }
                // Blogger's RSS feed (`?alt=rss`): an `<item>` per post.
                if local == "entry"
                    || (local == "item" && stack.first().is_some_and(|r| r == "rss"))
                {
                    entry = Some(Entry::default());
                }
                if let Some(en) = &mut entry {
                    empty_like(en, &local, &e, &mut saw_blogger);
                }
                stack.push(local);
                text.clear();
            }
            Event::Empty(e) => {
                let local = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                if let Some(en) = &mut entry {
                    empty_like(en, &local, &e, &mut saw_blogger);
                }
            }
            Event::End(_) => {
                let Some(local) = stack.pop() else { break };
                let value = std::mem::take(&mut text);
                let parent = stack.last().map(String::as_str);
                if local == "entry" || (local == "item" && entry.is_some()) {
                    if let Some(mut en) = entry.take() {
                        if en.item.guid.ends_with(".settings.BLOG_CONVERT_LINE_BREAKS") {
                            line_breaks = en.item.content.trim() != "false";
                        }
                        // The blog's language (Settings → Language), as
                        // WordPress's `<language>`.
                        if en.item.guid.ends_with(".settings.BLOG_LOCALE") {
                            if let Some(l) = crate::lang::Lang::parse(en.item.content.trim()) {
                                channel.language = l.code().to_string();
                            }
                        }
                        // The blog's public feed (`/feeds/posts/default`)
                        // marks no kind: its entries are posts (or pages),
                        // their HTML as shown, line breaks already made.
                        let feed_kind = en
                            .kind
                            .is_none()
                            .then(|| feed_kind(&en.item.guid))
                            .flatten();
                        if let Some(kind) = feed_kind {
                            en.kind = Some(kind.to_string());
                            saw_blogger = true;
                            channel.from_feed = true;
                        }
                        let mut it = finish(en);
                        if !line_breaks || feed_kind.is_some() {
                            it.content = lines_joined(&it.content);
                        }
                        each(&channel, it);
                    }
                    continue;
                }
                if let Some(en) = &mut entry {
                    fill(en, &local, value, parent, (zone, &mut saw_blogger));
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
        let open: Vec<&str> = stack.iter().map(String::as_str).collect();
        return Err(Box::new(truncated(path, reader.buffer_position(), &open)));
    }
    if !saw_feed || !saw_blogger {
        return Err(Box::new(
            Diagnostic::error("this is not a Blogger export (no Atom `<feed>` or RSS `<rss>` of Blogger entries)")
                .at_path(path)
                .with_hint("in Blogger: Settings → Manage blog → Back up content, then import the downloaded .xml file"),
        ));
    }
    Ok(channel)
}

/// What an entry's attributes say: its kind (older form), its labels, its
/// address.
fn empty_like(en: &mut Entry, local: &str, e: &BytesStart<'_>, saw_blogger: &mut bool) {
    let attr = |k: &str| {
        e.try_get_attribute(k)
            .ok()
            .flatten()
            .map(|a| String::from_utf8_lossy(&a.value).into_owned())
    };
    match local {
        "category" => {
            let scheme = attr("scheme").unwrap_or_default();
            let term = attr("term").unwrap_or_default();
            if scheme.ends_with("/g/2005#kind") {
                *saw_blogger = true;
                en.kind = term.rsplit('#').next().map(str::to_string);
            } else if !term.is_empty() {
                en.item.terms.push(("post_tag".into(), term));
            }
        }
        "link" if attr("rel").as_deref() == Some("alternate") => {
            en.item.link = attr("href").unwrap_or_default();
        }
        _ => {}
    }
}

fn fill(
    en: &mut Entry,
    local: &str,
    value: String,
    parent: Option<&str>,
    (zone, saw_blogger): (Option<&crate::text::Zone>, &mut bool),
) {
    if parent == Some("item") {
        fill_rss(en, local, value, zone);
        return;
    }
    match (local, parent) {
        ("title", Some("entry")) => en.item.title = value,
        ("content", Some("entry")) => en.item.content = value,
        ("published", Some("entry")) => {
            en.item.date = as_written(&value, zone);
            en.item.date_gmt = gmt(&value);
        }
        ("updated", Some("entry")) => en.item.modified_gmt = gmt(&value),
        ("id", Some("entry")) => en.item.guid = value.trim().to_string(),
        // Blogger's names for a profile since deleted, or none: no author.
        // As people read it: Blogger escapes some names twice (`Nilceia
        // &amp;amp; Projetos` in the XML) and pads others with spaces.
        ("name", Some("author")) if !matches!(value.trim(), "Unknown" | "Anonymous") => {
            en.item.creator = super::html::plain(&value);
        }
        // The post's "search description", the summary its writer gave.
        // (Plain text, where an excerpt is HTML.)
        ("metaDescription", Some("entry")) => {
            en.item.excerpt = crate::text::escape_html(&value);
        }
        ("draft", _) => en.draft = value.trim() == "yes",
        // The newer form.
        ("type", Some("entry")) => {
            *saw_blogger = true;
            en.kind = Some(value.trim().to_ascii_lowercase());
        }
        ("status", Some("entry")) => match value.trim() {
            "DRAFT" => en.draft = true,
            // In the blog's trash, or deleted for good.
            "DELETED" | "SOFT_TRASHED" => en.deleted = true,
            _ => {}
        },
        ("filename", Some("entry")) if en.item.link.is_empty() => {
            en.item.link = format!("https://blog.invalid{}", value.trim());
        }
        _ => {}
    }
}

/// An RSS `<item>`'s fields: Blogger's RSS feed holds the same posts as
/// its Atom feed, their body in `<description>`, their date in RFC 2822.
fn fill_rss(en: &mut Entry, local: &str, value: String, zone: Option<&crate::text::Zone>) {
    match local {
        "title" => en.item.title = value,
        "description" => en.item.content = value,
        "guid" => en.item.guid = value.trim().to_string(),
        "link" => en.item.link = value.trim().to_string(),
        "pubDate" => {
            if let Some(iso) = rfc2822(&value) {
                en.item.date = as_written(&iso, zone);
                en.item.date_gmt = gmt(&iso);
            }
        }
        "updated" => en.item.modified_gmt = gmt(&value),
        "category" if !value.trim().is_empty() => {
            en.item
                .terms
                .push(("post_tag".into(), value.trim().to_string()));
        }
        // `noreply@blogger.com (Nama Penulis)`.
        "author" => {
            let name = value
                .split_once('(')
                .and_then(|(_, n)| n.rsplit_once(')'))
                .map_or(value.trim(), |(n, _)| n.trim());
            if !matches!(name, "" | "Unknown" | "Anonymous") && !name.contains('@') {
                en.item.creator = super::html::plain(name);
            }
        }
        _ => {}
    }
}

/// An RFC 2822 date (`Sun, 12 Jul 2020 04:13:00 +0000`) as RFC 3339.
fn rfc2822(s: &str) -> Option<String> {
    use time::format_description::well_known::{Rfc2822, Rfc3339};
    time::OffsetDateTime::parse(s.trim(), &Rfc2822)
        .ok()?
        .format(&Rfc3339)
        .ok()
}

/// The entry as the writer takes it: its kind, status and name.
fn finish(mut en: Entry) -> Item {
    let mut it = std::mem::take(&mut en.item);
    it.kind = en.kind.unwrap_or_default();
    it.status = if en.deleted {
        "trash".into()
    } else if en.draft {
        "draft".into()
    } else {
        "publish".into()
    };
    // `…/2021/04/judul-cerita.html` → `judul-cerita`.
    it.name = it
        .link
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .trim_end_matches(".html")
        .to_string();
    if it.kind == "comment" {
        it.content.clear();
    }
    it
}

/// The kind of an entry of a Blogger feed by its id
/// (`tag:blogger.com,1999:blog-1.post-2`, `….page-3`).
fn feed_kind(guid: &str) -> Option<&'static str> {
    let rest = guid.strip_prefix("tag:blogger.com,1999:blog-")?;
    if rest.contains(".post-") {
        Some("post")
    } else if rest.contains(".page-") {
        Some("page")
    } else {
        None
    }
}

/// A post's HTML with its line breaks as the spaces a browser shows them
/// as (but in `<pre>`), for a blog that does not convert them into `<br>`.
fn lines_joined(html: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    // Each `<pre>` (not `<preview>`) kept whole.
    let pres = lower.match_indices("<pre").filter(|(i, _)| {
        matches!(
            lower.as_bytes().get(i + 4),
            Some(b'>' | b' ' | b'\n' | b'\t')
        )
    });
    for (i, _) in pres {
        if i < at {
            continue;
        }
        let end = lower[i..].find("</pre>").map_or(html.len(), |j| i + j + 6);
        out.push_str(&html[at..i].replace("\r\n", " ").replace(['\n', '\r'], " "));
        out.push_str(&html[i..end]);
        at = end;
    }
    out.push_str(&html[at..].replace("\r\n", " ").replace(['\n', '\r'], " "));
    out
}

/// An Atom date as the export's GMT form (`YYYY-MM-DD HH:MM:SS`).
fn gmt(s: &str) -> String {
    form(s, |at| at.to_offset(time::UtcOffset::UTC))
}

/// An Atom date at the blog's own time, as it is written; one written in
/// UTC on `zone`'s clock.
fn as_written(s: &str, zone: Option<&crate::text::Zone>) -> String {
    form(s, |at| match zone {
        Some(z) if at.offset().is_utc() => z.local(at),
        _ => at,
    })
}

fn form(s: &str, to: impl Fn(time::OffsetDateTime) -> time::OffsetDateTime) -> String {
    crate::text::StoryDate::parse(s.trim())
        .map(|d| {
            let at = to(d.at);
            format!(
                "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
                at.year(),
                u8::from(at.month()),
                at.day(),
                at.hour(),
                at.minute(),
                at.second()
            )
        })
        .unwrap_or_default()
}
