//! A WordPress post's HTML → Markdown a writer can edit: block comments
//! dropped, classic-editor text given its paragraphs (what WordPress's
//! `wpautop` does at blank lines), shortcodes turned into what cerita
//! shows, the rest sanitised (no script, iframe, style, event handler or
//! `javascript:` survives) and converted by `htmd`; what Markdown cannot
//! express stays as (sanitised) HTML.

use std::collections::BTreeSet;

/// What converting one body found, for the report.
#[derive(Debug, Default)]
pub struct Found {
    /// Shortcodes cerita does not know, kept as text.
    pub unknown_shortcodes: BTreeSet<String>,
    /// Page builders' pieces left out: widgets that showed something from
    /// the old site's database (recent posts, contact forms, sliders) and
    /// boxes of raw HTML or script.
    pub builder_widgets: BTreeSet<String>,
    /// Gutenberg blocks that keep no content in the post (a form, a donor
    /// dashboard, a list of posts: the old site made them on each visit),
    /// left out.
    pub dynamic_blocks: BTreeSet<String>,
}

/// The photos (URL, alt text) of a `[gallery ids="…"]`.
pub type Gallery<'a> = dyn Fn(&[u64]) -> Vec<(String, String)> + 'a;

/// Block-level tags: a paragraph never wraps them.
const BLOCKS: &[&str] = &[
    "<p",
    "<h1",
    "<h2",
    "<h3",
    "<h4",
    "<h5",
    "<h6",
    "<ul",
    "<ol",
    "<li",
    "<table",
    "<thead",
    "<tbody",
    "<tr",
    "<td",
    "<th",
    "<blockquote",
    "<pre",
    "<div",
    "<figure",
    "<hr",
    "<dl",
    "<dd",
    "<dt",
    "<address",
    "<section",
    "<iframe",
    "<form",
    "<!--",
    "</",
];

/// The Markdown of a post's `content:encoded`. `gallery(ids)` gives the
/// photos (URL, alt text) of a `[gallery ids="…"]`.
pub fn to_markdown(html: &str, notes: &[Note], gallery: &Gallery, found: &mut Found) -> String {
    let block_editor = html.contains("<!-- wp:");
    let mut made = Vec::new();
    // Code first: nothing after may touch its lines.
    let html = code_shortcodes(html, &mut made);
    let html = pre_blocks(&html, &mut made);
    let html = tracking_images(&scripts(&html));
    let (html, cited) = footnote_marks(&html, notes);
    // WordPress's excerpt mark (cerita's too) is kept through the sanitiser,
    // which drops comments, as a word of its own; block markers go.
    let html = social_links(&drawn_with_preview(&html, found));
    dynamic_blocks(&html, found);
    let html = comments(&jump_break(&html));
    let html = page_builders(&html, gallery, found, &mut made);
    let html = if block_editor {
        embed_blocks(&html)
    } else {
        autop(&html)
    };
    let html = media_blocks(&blogger_captions(&html, &mut made), &mut made);
    let html = div_blocks(&html, &mut made);
    let html = shortcodes(&html, gallery, found, &mut made);
    let html = media_elements(&html, &mut made);
    let html = embeds(&html, &mut made);
    let html = link_targets(&html, &mut made);
    let html = struck(
        &file_name_alts(&styled_spans(&empty_headings(&html))),
        &mut made,
    );
    let clean = empty_links(&hollow_marks(&marks_into_blocks(&paragraph_breaks(
        &row_headers_as_cells(&divs_as_paragraphs(&demote_headings(&sanitise(&html)))),
    ))));
    let clean = stray_breaks(&clean);
    let clean = shallow(&block_whitespace(&clean));
    let converter = htmd::HtmlToMarkdown::builder()
        .options(htmd::options::Options {
            translation_mode: htmd::options::TranslationMode::Faithful,
            bullet_list_marker: htmd::options::BulletListMarker::Dash,
            ul_bullet_spacing: 1,
            ol_number_spacing: 1,
            ..Default::default()
        })
        .build();
    let md = converter.convert(&clean).unwrap_or_else(|_| clean.clone());
    let md = headed_tables(&md);
    let md = put_back(&md, &made);
    let md = footnote_refs(&md, cited.len());
    let mut out = md.trim().replace(MORE_TOKEN, "<!-- more -->");
    out.push('\n');
    for (k, note) in cited.iter().enumerate() {
        let text = converter
            .convert(&sanitise(&note.content))
            .unwrap_or_else(|_| plain(&strip_tags(&note.content)));
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        out.push_str(&format!("\n[^{}]: {text}\n", k + 1));
    }
    out
}

/// Scripts as a browser would have run them, so the sanitiser drops no
/// more than the script itself: one written as XML (`<script src=… />`,
/// as old editors saved a gist) is closed where it is written, where a
/// browser, and an HTML parser, would take the rest of the post as its
/// text; an opening `<script>` never closed is left alone rather than
/// taking the post with it. A GitHub gist, which showed code the post is
/// about, becomes a link to it.
fn scripts(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = find_ignore_case(rest, "<script") {
        let tail = &rest[i..];
        let Some(head_end) = tail.find('>').map(|j| j + 1) else {
            break;
        };
        let head = &tail[..head_end];
        let after = &tail[head_end..];
        let (body_len, close_len) = if head.ends_with("/>") {
            (0, 0)
        } else {
            match find_ignore_case(after, "</script") {
                Some(j) => (j, after[j..].find('>').map_or(after.len() - j, |k| k + 1)),
                None => (0, 0),
            }
        };
        out.push_str(&rest[..i]);
        let src = attr(tag_attrs(head), "src").unwrap_or_default();
        match gist(&src) {
            Some((url, label)) => {
                out.push_str(&format!("<p><a href=\"{url}\">{label}</a></p>"));
            }
            None => {
                out.push_str(head.trim_end_matches("/>").trim_end_matches('>'));
                out.push('>');
                out.push_str(&after[..body_len]);
                out.push_str("</script>");
            }
        }
        rest = &after[body_len + close_len..];
    }
    out.push_str(rest);
    out
}

/// A gist's page and a label for it, from its embedding script's address
/// (`https://gist.github.com/465477.js?file=nest.rb`).
fn gist(src: &str) -> Option<(String, String)> {
    let path = src
        .trim()
        .trim_start_matches("https:")
        .trim_start_matches("http:")
        .strip_prefix("//gist.github.com/")?;
    let (path, query) = path.split_once('?').unwrap_or((path, ""));
    let id = path.strip_suffix(".js")?;
    let file = query
        .split('&')
        .find_map(|kv| kv.strip_prefix("file="))
        .filter(|f| !f.is_empty());
    // GitHub names each file's place on the gist's page after the file
    // (`#file-nest-example-usage-rb`).
    let url = match file {
        Some(f) => {
            let anchor: String = f
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() {
                        c.to_ascii_lowercase()
                    } else {
                        '-'
                    }
                })
                .collect();
            format!("https://gist.github.com/{id}#file-{anchor}")
        }
        None => format!("https://gist.github.com/{id}"),
    };
    let label = match file {
        Some(f) => format!("Gist: {}", crate::text::escape_html(f)),
        None => format!(
            "Gist {}",
            crate::text::escape_html(id.rsplit('/').next().unwrap_or(id))
        ),
    };
    Some((url, label))
}

/// Where `needle` (ASCII, lower case) first is in `hay`, in any case.
fn find_ignore_case(hay: &str, needle: &str) -> Option<usize> {
    hay.as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Without the images no reader was meant to look at, with the words of
/// those that stood for words: WordPress's smileys and emoji pictures
/// (`<img class="wp-smiley" alt=":-)">`) become their alt text; its
/// statistics pixel, feed buttons and other 1×1 pixels go.
fn tracking_images(html: &str) -> String {
    const TRACKERS: &[&str] = &[
        "stats.wordpress.com/",
        "pixel.wp.com/",
        "feeds.wordpress.com/",
        "feeds.feedburner.com/~r/",
        "feeds.feedburner.com/~ff/",
        "feedads.g.doubleclick.net/",
    ];
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = find_ignore_case(rest, "<img") {
        let tail = &rest[i..];
        let Some(end) = tail.find('>').map(|j| j + 1) else {
            break;
        };
        let attrs = tag_attrs(&tail[..end]);
        let class = attr(attrs, "class").unwrap_or_default();
        let src = attr(attrs, "src").unwrap_or_default();
        let one = |k: &str| attr(attrs, k).is_some_and(|v| v.trim() == "1" || v.trim() == "1px");
        out.push_str(&rest[..i]);
        if class
            .split_whitespace()
            .any(|c| c == "wp-smiley" || c == "emoji")
        {
            // An attribute's text is already escaped as HTML text is.
            out.push_str(&attr(attrs, "alt").unwrap_or_default());
        } else if TRACKERS.iter().any(|t| src.contains(t)) || (one("width") && one("height")) {
        } else {
            out.push_str(&tail[..end]);
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// Without the headings that hold nothing (`<h1>&nbsp;</h1>`, a spacer
/// the classic editor leaves), which Markdown would show as an empty
/// heading, and which would count as the post's first level; one that
/// holds only a photo is a paragraph of it.
fn empty_headings(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("<h") {
        let tail = &rest[i..];
        let level = tail.as_bytes().get(2).copied();
        let heading = matches!(level, Some(b'1'..=b'6'))
            && matches!(tail.as_bytes().get(3), Some(b'>' | b' ' | b'\n' | b'\t'));
        let close = format!("</h{}>", char::from(level.unwrap_or(b'0')));
        let end = heading.then(|| tail.find(&close)).flatten();
        let Some(end) = end else {
            out.push_str(&rest[..i + 2]);
            rest = &tail[2..];
            continue;
        };
        let inner = &tail[tail.find('>').map_or(end, |k| k + 1).min(end)..end];
        let text = strip_tags(inner).replace("&nbsp;", " ");
        let wordless = text
            .trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}')
            .is_empty();
        out.push_str(&rest[..i]);
        match (wordless, inner.contains("<img")) {
            (true, false) => {}
            // A photo pasted into a heading (from a word processor): a
            // paragraph, not a heading with no words for the contents.
            (true, true) => out.push_str(&format!("<p>{inner}</p>")),
            // Words and photos in one heading, as themes without captions
            // made writers caption a photo with a small heading: a
            // paragraph too, or the contents would list the captions and
            // the photos would sit in headings.
            (false, true) => out.push_str(&format!("<p>{inner}</p>")),
            (false, false) => out.push_str(&tail[..end + close.len()]),
        }
        rest = &tail[end + close.len()..];
    }
    out.push_str(rest);
    out
}

/// One of WordPress's footnotes (6.3 and later): the post's `footnotes`
/// field holds their text, the body marks where each is cited.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct Note {
    pub id: String,
    pub content: String,
}

/// The notes of a post's `footnotes` field (JSON); none when it is not
/// that.
pub fn notes(field: Option<&String>) -> Vec<Note> {
    field
        .and_then(|f| serde_json::from_str(f).ok())
        .unwrap_or_default()
}

/// Where a footnote is cited, until the body is Markdown.
const FOOTNOTE_TOKEN: &str = "CERITAFOOTNOTE";

/// Each footnote mark (`<sup data-fn="ID" class="fn"><a href="#ID">1</a>
/// </sup>`) → a token numbered in the order the marks come, with the notes
/// they cite in that order. A mark whose note the post lacks keeps its
/// number, without the link to nowhere. A mark inside a link goes just
/// after it (a reference inside a link's text would break the link); one
/// inside a `<details>` block, which stays HTML, is a token for the HTML
/// reference.
fn footnote_marks<'n>(html: &str, notes: &'n [Note]) -> (String, Vec<&'n Note>) {
    // Whether the text written so far leaves an element open, from the
    // last opening and closing tag in each new stretch of it.
    fn still_open(was: bool, seg: &str, open: &[&str], close: &str) -> bool {
        let o = open.iter().filter_map(|t| seg.rfind(t)).max();
        match (o, seg.rfind(close)) {
            (None, None) => was,
            (o, c) => o > c,
        }
    }
    let mut cited: Vec<&Note> = Vec::new();
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let (mut in_link, mut in_details) = (false, false);
    // Marks cited inside a link, written after it.
    let mut pending = String::new();
    loop {
        let next = rest.find("<sup data-fn=");
        if !pending.is_empty() {
            let close = rest.find("</a>").filter(|&c| next.is_none_or(|m| c < m));
            if let Some(c) = close {
                out.push_str(&rest[..c + "</a>".len()]);
                out.push_str(&std::mem::take(&mut pending));
                rest = &rest[c + "</a>".len()..];
                in_link = false;
                continue;
            }
        }
        let Some(i) = next else {
            break;
        };
        let tail = &rest[i..];
        let Some(end) = tail.find("</sup>").map(|j| j + "</sup>".len()) else {
            break;
        };
        let head_end = tail.find('>').unwrap_or(0);
        let id = attr(&tail[4..head_end], "data-fn").unwrap_or_default();
        let seg = &rest[..i];
        in_link = still_open(in_link, seg, &["<a ", "<a>"], "</a>");
        in_details = still_open(in_details, seg, &["<details"], "</details>");
        out.push_str(seg);
        let known = cited.iter().position(|n| n.id == id);
        let mark = match known.or_else(|| {
            let note = notes.iter().find(|n| n.id == id)?;
            cited.push(note);
            Some(cited.len() - 1)
        }) {
            Some(k) if in_details => format!("{FOOTNOTE_TOKEN}H{k}X"),
            Some(k) => format!("{FOOTNOTE_TOKEN}{k}X"),
            None => {
                let number = plain(&strip_tags(&tail[head_end + 1..end]));
                format!("<sup>{}</sup>", crate::text::escape_html(&number))
            }
        };
        if in_link {
            pending.push_str(&mark);
        } else {
            out.push_str(&mark);
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out.push_str(&pending);
    (out, cited)
}

/// Markdown's footnote references (`[^1]`) in place of the tokens; in
/// HTML kept as it is, the reference Markdown's would render.
fn footnote_refs(md: &str, n: usize) -> String {
    let mut out = md.to_string();
    for k in (0..n).rev() {
        let number = k + 1;
        out = out
            .replace(&format!("{FOOTNOTE_TOKEN}{k}X"), &format!("[^{number}]"))
            .replace(
                &format!("{FOOTNOTE_TOKEN}H{k}X"),
                &format!(
                    "<sup class=\"footnote-reference\"><a href=\"#{number}\">{number}</a></sup>"
                ),
            );
    }
    out
}

/// A body's headings a level down when it has a first-level one: the
/// story's title is the page's one `<h1>`.
fn demote_headings(html: &str) -> String {
    if !html.contains("<h1") {
        return html.to_string();
    }
    let mut out = html.to_string();
    for n in (1..=5).rev() {
        out = out
            .replace(&format!("<h{n}>"), &format!("<h{}>", n + 1))
            .replace(&format!("<h{n} "), &format!("<h{} ", n + 1))
            .replace(&format!("</h{n}>"), &format!("</h{}>", n + 1));
    }
    out
}

/// A Markdown table needs a header row and a delimiter row; a table
/// without `<th>` comes out of the converter without them, which Markdown
/// reads as lines of text. Such a table gets an empty header row.
fn headed_tables(md: &str) -> String {
    let lines: Vec<&str> = md.lines().collect();
    let is_row = |l: &str| l.trim_start().starts_with('|') && l.trim_end().ends_with('|');
    let is_delimiter = |l: &str| {
        let cells: Vec<&str> = l
            .trim()
            .trim_matches('|')
            .split('|')
            .map(str::trim)
            .collect();
        is_row(l)
            && cells.iter().any(|c| !c.is_empty())
            && cells
                .iter()
                .all(|c| c.chars().all(|ch| matches!(ch, '-' | ':')))
    };
    let mut out = String::with_capacity(md.len() + 64);
    for (i, line) in lines.iter().enumerate() {
        let starts_table = is_row(line) && (i == 0 || !is_row(lines[i - 1]));
        if starts_table && !lines.get(i + 1).is_some_and(|next| is_delimiter(next)) {
            // Columns: cells between unescaped pipes.
            let mut cells: usize = 0;
            let mut escaped = false;
            for c in line.trim().chars() {
                match c {
                    '\\' if !escaped => escaped = true,
                    '|' if !escaped => cells += 1,
                    _ => escaped = false,
                }
                if c != '\\' {
                    escaped = false;
                }
            }
            let cols = cells.saturating_sub(1).max(1);
            out.push_str(&format!("|{}\n", "   |".repeat(cols)));
            out.push_str(&format!("|{}\n", " --- |".repeat(cols)));
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

const MORE_TOKEN: &str = "CERITAMOREMARK";

/// Blogger's jump break, `<a name='more'></a>`, as WordPress's
/// `<!--more-->`: where the summary ends.
fn jump_break(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("<a ") {
        let tail = &rest[i..];
        let head_end = tail.find('>').map_or(tail.len(), |j| j + 1);
        let attrs = tag_attrs(&tail[..head_end]);
        let closes = tail[head_end..].trim_start().starts_with("</a>");
        if attr(attrs, "name").as_deref() == Some("more") && attr(attrs, "href").is_none() {
            out.push_str(&rest[..i]);
            out.push_str("<!--more-->");
            let after = &tail[head_end..];
            rest = if closes {
                &after[after.find("</a>").map_or(0, |e| e + 4)..]
            } else {
                after
            };
        } else {
            out.push_str(&rest[..i + head_end]);
            rest = &tail[head_end..];
        }
    }
    out.push_str(rest);
    out
}

/// HTML comments, in one pass: `<!--more-->` (any spacing, with or without
/// a teaser text) → a paragraph holding [`MORE_TOKEN`]; `<!--nextpage-->`
/// → a rule between the parts; Gutenberg's
/// `<!-- wp:… -->` and `<!-- /wp:… -->` markers removed; others kept. An
/// unclosed comment is left as text.
fn comments(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("<!--") {
        let after = &rest[i + 4..];
        let Some(end) = after.find("-->") else {
            break;
        };
        let inner = &after[..end];
        if inner.trim_start().starts_with("more") {
            out.push_str(&rest[..i]);
            out.push_str("\n\n<p>");
            out.push_str(MORE_TOKEN);
            out.push_str("</p>\n\n");
        } else if inner.trim() == "nextpage" {
            // A post split into pages (`wp_link_pages`): one page here,
            // each part after a rule, as a reader scrolls on.
            out.push_str(&rest[..i]);
            out.push_str("\n\n<hr>\n\n");
        } else if inner.starts_with(" wp:") || inner.starts_with(" /wp:") {
            out.push_str(&rest[..i]);
        } else {
            out.push_str(&rest[..i + 4 + end + 3]);
        }
        rest = &after[end + 3..];
    }
    out.push_str(rest);
    out
}

/// Blocks the old site drew on each visit that keep a heading of their
/// own in the post (Jetpack's related posts: "More like this" over the
/// list it made), left out whole and listed: the heading alone would end
/// the story.
fn drawn_with_preview(html: &str, found: &mut Found) -> String {
    const BLOCKS: &[&str] = &["jetpack/related-posts"];
    let mut html = html.to_string();
    for name in BLOCKS {
        let open = format!("<!-- wp:{name}");
        let close = format!("<!-- /wp:{name} -->");
        while let Some(i) = html.find(&open) {
            let Some(head) = html[i..].find("-->").map(|j| i + j + 3) else {
                break;
            };
            let self_closing = html[i..head]
                .trim_end_matches("-->")
                .trim_end()
                .ends_with('/');
            let end = match self_closing {
                true => head,
                false => match html[head..].find(&close) {
                    Some(j) => head + j + close.len(),
                    None => head,
                },
            };
            html.replace_range(i..end, "");
            found.dynamic_blocks.insert(format!("wp:{name}"));
        }
    }
    html
}

/// Gutenberg blocks that hold nothing of their own in the post, listed in
/// `found`: a block without a body (`<!-- wp:give/donor-dashboard /-->`,
/// `<!-- wp:latest-posts /-->`, a reusable `<!-- wp:block {"ref":9} /-->`)
/// and one whose body is only other blocks of that kind (Jetpack's contact
/// form and its fields), named once by the outermost. WordPress drew them
/// on each visit from its database, so they leave nothing on the page.
/// Core blocks that keep their HTML in the post are not named, nor an
/// empty column.
fn dynamic_blocks(html: &str, found: &mut Found) {
    // WordPress's own blocks drawn on each visit; other core blocks keep
    // their HTML, and an empty one (a column, a spacer) said nothing.
    const DRAWN: &[&str] = &[
        "archives",
        "block",
        "calendar",
        "categories",
        "latest-comments",
        "latest-posts",
        "page-list",
        "query",
        "rss",
        "search",
        "social-links",
        "tag-cloud",
    ];
    let mut rest = html;
    while let Some(i) = rest.find("<!-- wp:") {
        let after = &rest[i + 8..];
        let Some(end) = after.find("-->") else {
            break;
        };
        let marker = &after[..end];
        let name: String = marker
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_'))
            .collect();
        let short = name.strip_prefix("core/").unwrap_or(&name);
        rest = &after[end + 3..];
        let drawn = DRAWN.contains(&short) || (name.contains('/') && !name.starts_with("core/"));
        if !drawn {
            continue;
        }
        // Its body, and where scanning goes on past it when it is named.
        let (body, past) = if marker.trim_end().ends_with('/') {
            ("", rest)
        } else {
            let close = format!("<!-- /wp:{name} -->");
            match rest.find(&close) {
                Some(j) => (&rest[..j], &rest[j + close.len()..]),
                None => continue,
            }
        };
        // Only other blocks' markers (or nothing) inside: nothing to show.
        let mut text = body;
        let empty = loop {
            let t = text.trim_start();
            if t.is_empty() {
                break true;
            }
            match t
                .strip_prefix("<!--")
                .and_then(|c| c.find("-->").map(|e| &c[e + 3..]))
            {
                Some(next) => text = next,
                None => break false,
            }
        };
        if empty {
            found.dynamic_blocks.insert(format!("wp:{short}"));
            rest = past;
        }
    }
}

/// The social links block's links: WordPress keeps each only in its
/// marker's settings (`<!-- wp:social-link {"url":"…","service":"facebook"}
/// /-->`) and draws it on each visit, so the list came out empty. Each is
/// a list item linking to the profile, named by its label or service.
fn social_links(html: &str) -> String {
    const MARK: &str = "<!-- wp:social-link ";
    if !html.contains(MARK) {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(MARK) {
        out.push_str(&rest[..i]);
        let after = &rest[i + MARK.len()..];
        let Some(end) = after.find("-->") else {
            out.push_str(&rest[i..]);
            return out;
        };
        let settings: serde_json::Value =
            serde_json::from_str(after[..end].trim().trim_end_matches('/').trim())
                .unwrap_or_default();
        let text = |k: &str| {
            settings
                .get(k)
                .and_then(serde_json::Value::as_str)
                .map(str::trim)
                .filter(|v| !v.is_empty())
        };
        if let Some(url) = text("url") {
            let service = text("service").unwrap_or("link");
            let name = text("label").map_or_else(|| service_name(service), str::to_string);
            // Typed without `https://` (`instagram.com/kami`) as the
            // block lets writers; a placeholder left in it (`sd`) is none.
            let href = if url.contains(':') {
                Some(url.to_string())
            } else if service == "mail" {
                Some(format!("mailto:{url}"))
            } else if url.split('/').next().is_some_and(|host| host.contains('.')) {
                Some(format!("https://{url}"))
            } else {
                None
            };
            if let Some(href) = href {
                out.push_str(&format!(
                    "<li><a href=\"{}\">{}</a></li>",
                    escape(&href),
                    escape(&name)
                ));
            }
        }
        rest = &after[end + 3..];
    }
    out.push_str(rest);
    out
}

/// A social network's name as its people write it.
fn service_name(service: &str) -> String {
    match service {
        "x" => "X".into(),
        "youtube" => "YouTube".into(),
        "tiktok" => "TikTok".into(),
        "whatsapp" => "WhatsApp".into(),
        "linkedin" => "LinkedIn".into(),
        "github" => "GitHub".into(),
        "mail" => "Email".into(),
        "feed" => "RSS".into(),
        other => {
            let mut c = other.chars();
            c.next()
                .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
        }
    }
}

/// Tags `autop` separates from the text around them, as WordPress's
/// `wpautop` does: every block element, and the parts of lists, tables,
/// figures and forms, embeds, players, scripts and styles.
fn separates(name: &str) -> bool {
    const PARTS: &[&str] = &[
        "li",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "caption",
        "colgroup",
        "col",
        "figcaption",
        "dd",
        "dt",
        "iframe",
        "legend",
        "summary",
        "audio",
        "embed",
        "object",
        "math",
        "script",
        "style",
    ];
    crate::text::BLOCK_ELEMENTS.contains(&name) || PARTS.contains(&name)
}

/// Paragraphs at blank lines and line breaks at single ones, for text the
/// classic editor stored without `<p>` (what `wpautop` does): block tags
/// are first set apart from the text around them, then every stretch of
/// text between blank lines that is not a block becomes a paragraph.
/// `<pre>` is left exactly as it is.
fn autop(html: &str) -> String {
    let text = html.replace("\r\n", "\n");
    // Set block tags apart, outside `<pre>`.
    let mut spaced = String::with_capacity(text.len() + 256);
    let mut rest = text.as_str();
    while !rest.is_empty() {
        let lower = rest.to_ascii_lowercase();
        let (chunk, pre) = match lower.find("<pre") {
            Some(i) => {
                let end = lower[i..].find("</pre>").map_or(rest.len(), |j| i + j + 6);
                (&rest[..i], Some(&rest[i..end]))
            }
            None => (rest, None),
        };
        spaced.push_str(&set_apart(chunk));
        rest = &rest[chunk.len()..];
        if let Some(p) = pre {
            spaced.push_str("\n\n");
            spaced.push_str(p);
            spaced.push_str("\n\n");
            rest = &rest[p.len()..];
        }
    }
    let mut out = String::with_capacity(spaced.len() + 64);
    let mut pre = false;
    for block in spaced.split("\n\n") {
        let b = block.trim_matches('\n');
        if b.trim().is_empty() {
            continue;
        }
        let lower = b.trim_start().to_ascii_lowercase();
        if pre || lower.starts_with("<pre") {
            // A `<pre>` with blank lines in it comes in several pieces.
            pre = !lower.contains("</pre>");
            out.push_str(b);
            out.push_str("\n\n");
            continue;
        }
        let b = b.trim();
        if BLOCKS.iter().any(|t| lower.starts_with(t)) {
            out.push_str(&breaks_in_block(b));
        } else if b.starts_with('[') && b.ends_with(']') && !b.contains('\n') {
            out.push_str(b);
        } else {
            out.push_str("<p>");
            out.push_str(&b.replace('\n', "<br>"));
            out.push_str("</p>");
        }
        out.push_str("\n\n");
    }
    out
}

/// A block's single line breaks as `<br>`, as `wpautop` makes them: a
/// quote's attribution on the line under it (`"…"\n- Rina, Gresik`), a
/// list item's second line; not one beside a block's tag (between `<li>`s,
/// after `<blockquote>`), which only lays the HTML out.
fn breaks_in_block(block: &str) -> String {
    let is_block_tag = |t: &str| t.starts_with('<') && separates(&tag_name(t).to_ascii_lowercase());
    // The lines of the block's text: a line break inside a tag
    // (`<a href="…"\ntitle="…">`) is the tag's, not a line.
    let mut lines: Vec<&str> = Vec::new();
    let (mut start, mut in_tag, mut quote) = (0, false, None);
    for (i, c) in block.char_indices() {
        match (in_tag, quote, c) {
            (false, _, '<') => in_tag = true,
            (true, None, '"' | '\'') => quote = Some(c),
            (true, Some(q), c) if c == q => quote = None,
            (true, None, '>') => in_tag = false,
            (false, _, '\n') => {
                lines.push(&block[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    lines.push(&block[start..]);
    let mut out = String::with_capacity(block.len() + 16);
    for (k, line) in lines.iter().enumerate() {
        out.push_str(line);
        let Some(next) = lines.get(k + 1) else { break };
        let before = line.trim_end();
        let after = next.trim_start();
        let tag_before = before.ends_with('>')
            && before
                .rfind('<')
                .is_some_and(|j| is_block_tag(&before[j..]));
        // Between two tags (`<a href="…">` and `</a>`) it is layout too.
        let between_tags = before.ends_with('>') && after.starts_with('<');
        let br = !before.is_empty()
            && !after.is_empty()
            && !tag_before
            && !between_tags
            && !is_block_tag(after);
        out.push_str(if br { "<br>" } else { "\n" });
    }
    out
}

/// A blank line before each opening block tag and after each closing one.
fn set_apart(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 128);
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let closing = tail.starts_with("</");
        let name: String = tail[if closing { 2 } else { 1 }..]
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        let end = tail.find('>').map_or(tail.len(), |j| j + 1);
        if separates(&name) {
            if closing {
                out.push_str(&tail[..end]);
                out.push_str("\n\n");
            } else {
                out.push_str("\n\n");
                out.push_str(&tail[..end]);
            }
        } else {
            out.push_str(&tail[..end]);
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// Where a cerita shortcode goes: a word the sanitiser and the converter
/// leave alone, in a paragraph of its own; [`put_back`] writes the
/// shortcode there once the body is Markdown.
const SHORTCODE_TOKEN: &str = "CERITASHORTCODE";

fn token(made: &mut Vec<String>, shortcode: String) -> String {
    made.push(shortcode);
    format!("<p>{SHORTCODE_TOKEN}{}X</p>", made.len() - 1)
}

/// `text` to put back in the Markdown where the returned token stands in a
/// line of text (a heading, a paragraph).
fn inline_token(made: &mut Vec<String>, text: String) -> String {
    made.push(text);
    format!("{SHORTCODE_TOKEN}{}X", made.len() - 1)
}

/// The places the post's own `#fragment` links go to, which the sanitiser
/// would strip of their ids: a heading's id, or an id inside a heading (as
/// table-of-contents plugins put a `<span id>` there), becomes its
/// Markdown id (`## Judul {#id}`); any other id, or an old `<a name>`
/// bookmark, an `<a id="…"></a>` where it was. Ids no link goes to go.
fn link_targets(html: &str, made: &mut Vec<String>) -> String {
    // Each tag read once (one without its `>` reaching to the end), so a
    // value without quotes ends at the tag's end at the latest.
    let mut linked = std::collections::HashSet::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        let tail = &rest[i..];
        let end = tail.find('>').map_or(tail.len(), |j| j + 1);
        let href = attr(tag_attrs(&tail[..end]), "href");
        if let Some(f) = href.as_deref().and_then(|h| h.strip_prefix('#')) {
            if !f.is_empty() {
                linked.insert(f.to_string());
            }
        }
        rest = &tail[end..];
    }
    if linked.is_empty() {
        return html.to_string();
    }
    // A Markdown heading id is one word, without braces.
    let fits = |id: &str| !id.contains(|c: char| c.is_whitespace() || "{}<>\"'&".contains(c));
    let mut out = String::with_capacity(html.len());
    // In a heading: its id, once one is found.
    let mut heading: Option<Option<String>> = None;
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let end = tail.find('>').map_or(tail.len(), |j| j + 1);
        let tag = &tail[..end];
        let name = tag_name(tag).to_ascii_lowercase();
        let is_heading = matches!(name.as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
        if tag.starts_with("</") {
            if is_heading {
                if let Some(Some(id)) = heading.take() {
                    out.push_str(&inline_token(made, format!(" {{#{id}}}")));
                }
            }
        } else if !name.is_empty() {
            if is_heading {
                heading = Some(None);
            }
            let attrs = tag_attrs(tag);
            let id = attr(attrs, "id")
                .into_iter()
                .chain((name == "a").then(|| attr(attrs, "name")).flatten())
                .find(|id| linked.contains(id) && fits(id));
            match (id, &mut heading) {
                (Some(id), Some(slot)) => {
                    slot.get_or_insert(id);
                }
                (Some(id), None) => {
                    // Inside the element it marks (its paragraph's first
                    // words), before a link or an element with no inside.
                    let anchor = inline_token(made, format!("<a id=\"{id}\"></a>"));
                    let before = name == "a" || is_void(&name) || tag.ends_with("/>");
                    if before {
                        out.push_str(&anchor);
                        out.push_str(tag);
                    } else {
                        out.push_str(tag);
                        out.push_str(&anchor);
                    }
                    rest = &tail[end..];
                    continue;
                }
                (None, _) => {}
            }
        }
        out.push_str(tag);
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// An element that has no inside and no closing tag (`<br>`, `<img>`).
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "br" | "hr" | "img" | "input" | "wbr" | "col" | "area" | "source"
    )
}

/// A tag's attributes: what follows its name, without its closing `>`
/// (which a value without quotes would otherwise take in).
fn tag_attrs(tag: &str) -> &str {
    let inner = tag.strip_prefix('<').unwrap_or(tag);
    let inner = inner.strip_suffix('>').unwrap_or(inner);
    let name = inner
        .find(|c: char| c.is_whitespace() || c == '/')
        .unwrap_or(inner.len());
    &inner[name..]
}

/// The shortcodes in place of their tokens.
fn put_back(md: &str, made: &[String]) -> String {
    let mut out = md.to_string();
    for (i, text) in made.iter().enumerate() {
        out = out.replacen(&format!("{SHORTCODE_TOKEN}{i}X"), text, 1);
    }
    out
}

/// A shortcode argument: text in double quotes, `\` and `"` escaped,
/// spaces collapsed.
fn arg(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// `{{ video(url="…") }}` for a video site's address or a video file.
fn video_shortcode(url: &str) -> Option<String> {
    let url = match crate::shortcodes::parse_video(url)? {
        // An embed code's player address, or a phone's: the video's own.
        crate::shortcodes::Video::Facebook { href } => href,
        _ => url.to_string(),
    };
    Some(format!("{{{{ video(url={}) }}}}", arg(&url)))
}

/// Where page builders' shortcodes start: WPBakery (Visual Composer),
/// Divi, Avada (Fusion Builder).
const BUILDERS: &[&str] = &["vc_", "et_pb_", "fusion_"];

/// The shortcodes of page builders, which wrap a whole post in rows,
/// columns and boxes of text: the layout goes and its content stays
/// (columns one after another, as a phone shows them). Their photos,
/// galleries, videos, buttons and headings become cerita's figure, gallery,
/// video, a link and a heading; the title of a tab, toggle or accordion
/// item a heading over its text. Widgets that showed something from the
/// old site's database (recent posts, forms, sliders) and boxes of raw
/// HTML or script are left out and listed.
fn page_builders(
    html: &str,
    gallery: &Gallery,
    found: &mut Found,
    made: &mut Vec<String>,
) -> String {
    if !BUILDERS.iter().any(|b| html.contains(&format!("[{b}"))) {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    // What an open shortcode adds after its content (a call to action's
    // button), by name.
    let mut after: Vec<(String, String)> = Vec::new();
    while let Some(i) = rest.find('[') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let closing = tail.starts_with("[/");
        let Some((name, attrs, len)) = builder_tag(&tail[usize::from(closing)..]) else {
            out.push('[');
            rest = &tail[1..];
            continue;
        };
        rest = &tail[len + usize::from(closing)..];
        out.push_str("\n\n");
        if closing {
            if let Some(k) = after.iter().rposition(|(n, _)| *n == name) {
                out.push_str(&after.remove(k).1);
                out.push_str("\n\n");
            }
            continue;
        }
        // Some exports curl the quotes around the attributes' values (and
        // then there is no straight one).
        let attrs = if attrs.contains('"') {
            attrs
        } else {
            [
                "&#8221;", "&#8243;", "&#8220;", "\u{201d}", "\u{2033}", "\u{201c}",
            ]
            .iter()
            .fold(attrs, |a, q| a.replace(q, "\""))
        };
        // A shortcode whose body is its text or its data takes it whole.
        let body = if BODIED.contains(&name.as_str()) {
            let close = format!("[/{name}]");
            rest.find(&close).map(|j| {
                let body = &rest[..j];
                rest = &rest[j + close.len()..];
                body
            })
        } else {
            None
        };
        let piece = builder_piece(&name, &attrs, body, gallery, found, made);
        out.push_str(&piece.before);
        out.push_str("\n\n");
        if !piece.after.is_empty() {
            after.push((name, piece.after));
        }
    }
    out.push_str(rest);
    out
}

/// Page builders' shortcodes whose body is their text (a title, a
/// button's label) or their data (raw HTML, base64-encoded), not content
/// to go on with.
const BODIED: &[&str] = &[
    "vc_raw_html",
    "vc_raw_js",
    "fusion_code",
    "fusion_title",
    "fusion_button",
];

/// A page builder's shortcode at the start of `s` (`[vc_row …]`, or the
/// name of a closing one after its `/`): its name, attributes and length.
/// Its attributes may span lines (WordPress reads them so); it ends at the
/// first `]`, before any other `[`.
fn builder_tag(s: &str) -> Option<(String, String, usize)> {
    let inner_start = usize::from(s.starts_with('[') || s.starts_with('/'));
    let end = s.get(inner_start..)?.find([']', '['])? + inner_start;
    if s.as_bytes().get(end) != Some(&b']') {
        return None;
    }
    let inner = &s[inner_start..end];
    let name_len = inner
        .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
        .unwrap_or(inner.len());
    let name = &inner[..name_len];
    let ok = BUILDERS.iter().any(|b| name.starts_with(b))
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
    ok.then(|| (name.to_string(), inner[name_len..].to_string(), end + 1))
}

/// What one page builder's shortcode writes before its content and after
/// it.
#[derive(Default)]
struct Piece {
    before: String,
    after: String,
}

/// Text for HTML: entities decoded, escaped again, and `[`/`]` as
/// entities, so no text becomes a shortcode.
fn text_html(s: &str) -> String {
    crate::text::escape_html(&plain(s))
        .replace('[', "&#91;")
        .replace(']', "&#93;")
}

/// What one page builder's opening shortcode becomes (nothing, for rows,
/// columns and text boxes: their content follows it). `body` is the text
/// of one of [`BODIED`].
fn builder_piece(
    name: &str,
    attrs: &str,
    body: Option<&str>,
    gallery: &Gallery,
    found: &mut Found,
    made: &mut Vec<String>,
) -> Piece {
    let get = |k: &str| attr(attrs, k).filter(|v| !v.trim().is_empty());
    let short = BUILDERS
        .iter()
        .find_map(|b| name.strip_prefix(b))
        .unwrap_or(name);
    let figure_of = |made: &mut Vec<String>, src: &str, alt: &str| {
        token(
            made,
            figure_call(&src.replace("&amp;", "&"), &plain(alt), ""),
        )
    };
    let link = |href: &str, text: &str| {
        let text = if text.trim().is_empty() { href } else { text };
        format!(
            "<p><a href=\"{}\">{}</a></p>",
            crate::text::escape_attr(href),
            text_html(text)
        )
    };
    let heading = |level: u8, text: &str| {
        if text.trim().is_empty() {
            String::new()
        } else {
            format!("<h{level}>{}</h{level}>", text_html(text))
        }
    };
    let button = |attrs_url: &str, attrs_text: &str| {
        // WPBakery's link is `url:https%3A%2F%2F…|title:…|target:…`.
        let href =
            get(attrs_url).map(
                |l| match l.split('|').find_map(|p| p.strip_prefix("url:")) {
                    Some(u) => percent_encoding::percent_decode_str(u)
                        .decode_utf8_lossy()
                        .into_owned(),
                    None => l,
                },
            );
        href.map(|h| link(&h, &get(attrs_text).unwrap_or_default()))
            .unwrap_or_default()
    };
    // Raw HTML or script, base64-encoded: left out and listed.
    if matches!(name, "vc_raw_html" | "vc_raw_js" | "fusion_code") {
        found.builder_widgets.insert(name.to_string());
        return Piece::default();
    }
    let before = match short {
        // Layout: rows, columns, sections and boxes of text; a blurb, call
        // to action, testimonial or team member has a title of its own (a
        // blurb its photo too; a call to action its button, after its
        // text).
        "row"
        | "row_inner"
        | "column"
        | "column_inner"
        | "column_text"
        | "section"
        | "section_inner"
        | "text"
        | "fullwidth_section"
        | "builder_container"
        | "builder_row"
        | "builder_row_inner"
        | "builder_column"
        | "builder_column_inner"
        | "tta_tabs"
        | "tta_accordion"
        | "tta_tour"
        | "tabs"
        | "accordion"
        | "toggles"
        | "column_container"
        | "text_block"
        | "blurb"
        | "cta"
        | "testimonial"
        | "team_member"
        | "message"
        | "alert"
        | "code" => {
            let mut before = heading(3, &get("title").or_else(|| get("name")).unwrap_or_default());
            if let Some(src) = get("image").filter(|_| short == "blurb") {
                before.push_str(&figure_of(made, &src, &get("alt").unwrap_or_default()));
            }
            if short == "cta" {
                return Piece {
                    before,
                    after: button("button_url", "button_text"),
                };
            }
            before
        }
        // Items with a title over their text.
        "tta_section" | "tab" | "accordion_item" | "toggle" => {
            heading(3, &get("title").unwrap_or_default())
        }
        "custom_heading" | "title" => {
            // WPBakery's text is an attribute, Avada's the body.
            let text = get("text")
                .or_else(|| get("title"))
                .or_else(|| body.map(strip_tags))
                .unwrap_or_default();
            // WPBakery: `font_container="tag:h2|font_size:…"`.
            let level = get("font_container")
                .and_then(|f| {
                    f.split('|')
                        .find_map(|p| p.strip_prefix("tag:h")?.parse::<u8>().ok())
                })
                .or_else(|| get("size").and_then(|s| s.parse::<u8>().ok()))
                .unwrap_or(2)
                .clamp(2, 6);
            heading(level, &text)
        }
        "single_image" => {
            let id = get("image").and_then(|i| i.trim().parse::<u64>().ok());
            // (An attachment the export lacks is reported by `gallery`.)
            match id
                .map(|id| gallery(&[id]))
                .and_then(|p| p.into_iter().next())
            {
                Some((url, alt)) => figure_of(made, &url, &alt),
                None => match get("custom_src") {
                    Some(src) => figure_of(made, &src, &get("title").unwrap_or_default()),
                    None => String::new(),
                },
            }
        }
        "gallery" | "images_carousel" => {
            let ids = get("images")
                .or_else(|| get("gallery_ids"))
                .or_else(|| get("image_ids"));
            gallery_of(&ids.unwrap_or_default(), gallery, made)
        }
        "image" | "imageframe" => match get("src") {
            Some(src) => figure_of(made, &src, &get("alt").unwrap_or_default()),
            // Avada's holds its `<img>`, which follows.
            None => String::new(),
        },
        "video" | "youtube" | "vimeo" => {
            let url = get("link").or_else(|| get("src")).or_else(|| {
                let id = get("id")?;
                Some(if short == "vimeo" {
                    format!("https://vimeo.com/{id}")
                } else {
                    format!("https://youtu.be/{id}")
                })
            });
            url.map(|u| media(&u.replace("&amp;", "&"), false, made))
                .unwrap_or_default()
        }
        // Avada's button label is its body.
        "button" if body.is_some() => match get("link") {
            Some(h) => link(&h, &strip_tags(body.unwrap_or_default())),
            None => String::new(),
        },
        "btn" | "button" | "button2" => {
            let url = if get("button_url").is_some() {
                "button_url"
            } else {
                "link"
            };
            let text = if get("button_text").is_some() {
                "button_text"
            } else {
                "title"
            };
            button(url, text)
        }
        // Spacing and lines.
        "separator" | "empty_space" | "divider" | "text_separator" | "spacer" | "clearfix" => {
            String::new()
        }
        _ => {
            found.builder_widgets.insert(name.to_string());
            String::new()
        }
    };
    Piece {
        before,
        after: String::new(),
    }
}

/// Shortcodes WordPress sites use most, turned into cerita's: `[caption]`
/// → `figure`, `[gallery]` → `gallery`, `[embed]`, `[youtube]`, `[facebook]`, `[video]`
/// (YouTube, Vimeo, a video file) → `video`, `[audio]` → `download`; an
/// embed of anything else becomes a link. Unknown ones stay as text and
/// are listed. `made` collects the shortcodes written.
fn shortcodes(html: &str, gallery: &Gallery, found: &mut Found, made: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find('[') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let Some((name, attrs, open_len)) = opening(tail) else {
            out.push('[');
            rest = &tail[1..];
            continue;
        };
        let closing = format!("[/{name}]");
        let (body, consumed) = match tail[open_len..].find(&closing) {
            Some(j) if has_body(&name) || is_form(&name) => {
                (&tail[open_len..open_len + j], open_len + j + closing.len())
            }
            _ => ("", open_len),
        };
        let replaced = match name.as_str() {
            // A plugin's form or donation page: the old site took what
            // readers typed in; a static site cannot. Left out, listed.
            n if is_form(n) => {
                found.builder_widgets.insert(name.clone());
                Some(String::new())
            }
            "caption" | "wp_caption" => {
                // Older posts give the caption as an attribute.
                let text = match attr(&attrs, "caption") {
                    Some(c) => format!("{body} {c}"),
                    None => body.to_string(),
                };
                let text = shortcodes(&text, gallery, found, made);
                Some(match figure(&text) {
                    Some(f) => token(made, f),
                    None => caption(&text),
                })
            }
            // Jetpack's slideshow shows the same photos a gallery does.
            "gallery" | "slideshow" => Some(gallery_of(
                &attr(&attrs, "ids").unwrap_or_default(),
                gallery,
                made,
            )),
            // Jetpack's `[facebook url="…"]` shows a Facebook post or video,
            // its `[googlemaps URL]` a map (a link to it here).
            "embed" | "youtube" | "video" | "audio" | "vimeo" | "facebook" | "googlemaps" => {
                let url = if !body.trim().is_empty() {
                    body.trim().to_string()
                } else {
                    [
                        "src", "url", "mp4", "webm", "mp3", "m4a", "ogg", "wav", "flac", "wma",
                    ]
                    .iter()
                    .find_map(|k| attr(&attrs, k))
                    .or_else(|| {
                        attrs
                            .trim()
                            .trim_start_matches('=')
                            .split_whitespace()
                            .next()
                            .map(str::to_string)
                    })
                    .unwrap_or_default()
                };
                let url = url.replace("&amp;", "&");
                (!url.is_empty()).then(|| media(&url, name == "audio", made))
            }
            // A document viewer's shortcode (`[pdf-embedder url="…"]`,
            // `[pdfjs-viewer]`, `[gview file="…"]`): the document's card.
            _ => ["url", "file", "src", "href", "link"]
                .iter()
                .find_map(|k| attr(&attrs, k))
                .map(|u| u.replace("&amp;", "&"))
                .filter(|u| is_document(u))
                .map(|u| token(made, download_call(&u, ""))),
        };
        match replaced {
            Some(r) => {
                out.push_str(&r);
                rest = &tail[consumed..];
            }
            None => {
                // `[an immensely talented actor]` is a writer's aside,
                // not a shortcode to edit by hand.
                let args = attrs.trim().trim_end_matches('/').trim();
                let shortcode = args.is_empty()
                    || args.contains('=')
                    || args.starts_with("http")
                    || name.contains(['_', '-'])
                    || tail[open_len..].contains(&closing);
                if shortcode {
                    found.unknown_shortcodes.insert(name);
                }
                out.push('[');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether `url` is a document a reader downloads (a report, slides, a
/// spreadsheet), by its extension.
fn is_document(url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    matches!(
        ext.as_deref(),
        Some(
            "pdf"
                | "doc"
                | "docx"
                | "xls"
                | "xlsx"
                | "ppt"
                | "pptx"
                | "odt"
                | "ods"
                | "odp"
                | "epub"
        )
    )
}

/// A video (YouTube, Vimeo, a video file) as the video shortcode, a
/// recording (an audio file, Spotify, SoundCloud) as the audio shortcode,
/// another file an `audio` element played as a download card, anything
/// else as a link.
fn media(url: &str, audio: bool, made: &mut Vec<String>) -> String {
    let drive = matches!(
        crate::shortcodes::parse_video(url),
        Some(crate::shortcodes::Video::Drive { .. })
    );
    if audio && drive || !drive && crate::shortcodes::parse_audio(url).is_some() {
        token(made, format!("{{{{ audio(url={}) }}}}", arg(url)))
    } else if let Some(v) = video_shortcode(url) {
        token(made, v)
    } else if audio {
        token(made, download_call(url, ""))
    } else {
        link_paragraph(url)
    }
}

/// Languages WordPress.com and SyntaxHighlighter accept as a shortcode
/// of their own (`[php]…[/php]`).
const CODE_LANGUAGES: &[&str] = &[
    "bash",
    "c",
    "cpp",
    "csharp",
    "css",
    "diff",
    "go",
    "html",
    "java",
    "javascript",
    "js",
    "json",
    "perl",
    "php",
    "powershell",
    "python",
    "py",
    "ruby",
    "rust",
    "sh",
    "shell",
    "sql",
    "xml",
    "yaml",
];

/// `[sourcecode language="cpp"]…[/sourcecode]` (and `[code]`, `[source]`,
/// `[php]` …) → a fenced code block, its lines exactly as written: taken
/// out before anything makes paragraphs, curls quotes or collapses spaces.
fn code_shortcodes(html: &str, made: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find('[') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let code = opening(tail).and_then(|(name, attrs, open_len)| {
            let named = CODE_LANGUAGES.contains(&name.as_str());
            if !named && !matches!(name.as_str(), "sourcecode" | "source" | "code") {
                return None;
            }
            let closing = format!("[/{name}]");
            let end = tail[open_len..].find(&closing)? + open_len;
            let lang = if named {
                Some(name.clone())
            } else {
                attr(&attrs, "language").or_else(|| attr(&attrs, "lang"))
            };
            let lang: String = lang
                .unwrap_or_default()
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '#' | '-'))
                .collect::<String>()
                .to_ascii_lowercase();
            Some((fenced(&tail[open_len..end], &lang), end + closing.len()))
        });
        match code {
            Some((block, consumed)) => {
                out.push_str("\n\n");
                out.push_str(&token(made, block));
                out.push_str("\n\n");
                rest = &tail[consumed..];
            }
            None => {
                out.push('[');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `<pre class="python">…</pre>` (and SyntaxHighlighter's `brush:
/// python`, `lang-js`, `language-rust`, a `<code>` inside) → a fenced code
/// block in that language, every line and blank line as written; a
/// highlighter's coloured `<span>`s leave their text. Raw `<pre>` with
/// `&gt;` and `&#10;` in the story would be hard to edit and easy to break.
fn pre_blocks(html: &str, made: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = find_ignore_case(rest, "<pre") {
        let tail = &rest[i..];
        let is_pre = matches!(
            tail.as_bytes().get(4),
            Some(b'>' | b' ' | b'\n' | b'\t' | b'\r')
        );
        let head_end = tail.find('>').map(|j| j + 1);
        let end = find_ignore_case(tail, "</pre>");
        let (Some(head_end), Some(end), true) = (head_end, end, is_pre) else {
            out.push_str(&rest[..i + 4]);
            rest = &tail[4..];
            continue;
        };
        let attrs = tag_attrs(&tail[..head_end]);
        let inner = &tail[head_end..end.max(head_end)];
        // The language from the `pre`'s class, else its `code`'s.
        let code_attrs = inner
            .trim_start()
            .strip_prefix("<code")
            .and_then(|c| c.find('>').map(|k| &c[..k]))
            .unwrap_or("");
        let lang = [attrs, code_attrs]
            .iter()
            .filter_map(|a| attr(a, "class"))
            .find_map(|c| code_language(&c))
            .unwrap_or_default();
        // Its text: tags out (but line breaks), entities left to `fenced`.
        let text: String = tags_and_text(inner)
            .into_iter()
            .map(|part| match part.starts_with('<') {
                true if tag_name(part).eq_ignore_ascii_case("br") => "\n",
                true => "",
                false => part,
            })
            .collect();
        let text = text.replace("&#10;", "\n").replace("&#13;", "");
        out.push_str(&rest[..i]);
        out.push_str("\n\n");
        out.push_str(&token(made, fenced(&text, &lang)));
        out.push_str("\n\n");
        rest = &tail[end + "</pre>".len()..];
    }
    out.push_str(rest);
    out
}

/// The language a code block's class names (`python`, `brush: python;`,
/// `lang-js`, `language-rust`, `prettyprint lang-go`), when it is one
/// cerita highlights.
fn code_language(class: &str) -> Option<String> {
    class
        .split(|c: char| c.is_whitespace() || c == ';')
        .map(|w| {
            w.trim_start_matches("brush:")
                .trim_start_matches("language-")
                .trim_start_matches("lang-")
                .trim_start_matches("lang:")
                .to_ascii_lowercase()
        })
        .chain(class.split_once("brush:").map(|(_, b)| {
            b.trim()
                .split(|c: char| c.is_whitespace() || c == ';')
                .next()
                .unwrap_or("")
                .to_ascii_lowercase()
        }))
        .find(|w| CODE_LANGUAGES.contains(&w.as_str()))
}

/// Code as a Markdown fenced block: the visual editor's line breaks and
/// entities undone, the fence longer than any run of backticks in it.
fn fenced(code: &str, lang: &str) -> String {
    let mut text = code.replace("\r\n", "\n");
    for br in ["<br />", "<br/>", "<br>"] {
        text = text.replace(br, "\n");
    }
    let text = text
        .replace("</p>\n<p>", "\n\n")
        .replace("</p><p>", "\n\n")
        .replace("<p>", "")
        .replace("</p>", "");
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#039;", "'")
        .replace("&#39;", "'")
        .replace("&#8217;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
    let text = text.trim_matches('\n').trim_end();
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat((longest + 1).max(3));
    format!("{fence}{lang}\n{text}\n{fence}")
}

/// The `</figure>` closing the figure whose content starts at `from`
/// (figures nest in Gutenberg's galleries): its offset.
fn figure_end(html: &str, from: usize) -> Option<usize> {
    element_end(html, from, "figure")
}

/// The closing tag of the `name` element whose content starts at `from`,
/// counting the elements of that name inside it: its offset. Each step
/// looks for an opening tag only before the next closing one.
fn element_end(html: &str, from: usize, name: &str) -> Option<usize> {
    let (open_tag, close_tag) = (format!("<{name}"), format!("</{name}>"));
    let opens_here = |at: usize| {
        html.as_bytes()
            .get(at + open_tag.len())
            .is_some_and(|b| matches!(b, b'>' | b' ' | b'\n' | b'\t' | b'/'))
    };
    let mut depth = 1usize;
    let mut at = from;
    loop {
        let close = html.get(at..)?.find(close_tag.as_str())? + at;
        // The elements opened before that close.
        let opened = html[at..close]
            .match_indices(open_tag.as_str())
            .filter(|(j, _)| opens_here(at + j))
            .count();
        depth = depth + opened - 1;
        if depth == 0 {
            return Some(close);
        }
        at = close + close_tag.len();
    }
}

/// The text of the first `<figcaption>` in `html` whose class is (not)
/// the gallery's own.
fn figcaption(html: &str, gallerys: bool) -> Option<String> {
    figcaption_html(html, gallerys).map(|c| plain(&strip_tags(c)))
}

/// Blogger's captioned photo, a table of the photo and its caption
/// (`<table class="tr-caption-container">…<td class="tr-caption">…`), as
/// the figure shortcode with that caption: as a table it stayed raw HTML
/// and its caption no caption.
fn blogger_captions(html: &str, made: &mut Vec<String>) -> String {
    if !html.contains("tr-caption-container") {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("<table") {
        let tail = &rest[i..];
        let head_end = tail.find('>').map_or(tail.len(), |j| j + 1);
        let captioned = tail[..head_end].contains("tr-caption-container");
        let end = captioned
            .then(|| element_end(rest, i + head_end, "table"))
            .flatten();
        let figure = end.and_then(|end| {
            let inner = &rest[i + head_end..end];
            // One photo: a table of several is left as it is.
            if inner.matches("<img").count() != 1 {
                return None;
            }
            let at = inner.find("<img")?;
            let img_end = inner[at..].find('>')? + at + 1;
            let tag = &inner[at + 4..img_end - 1];
            let src = attr(tag, "src")?.replace("&amp;", "&");
            let alt = plain(&attr(tag, "alt").unwrap_or_default());
            let cell = inner
                .find("tr-caption\"")
                .or_else(|| inner.find("tr-caption'"))?;
            let cell_start = inner[cell..].find('>')? + cell + 1;
            let cell_end = inner[cell_start..].find("</td>")? + cell_start;
            let caption = caption_markdown(&inner[cell_start..cell_end]);
            let link = photo_link(&inner[..at]);
            Some(token(
                made,
                linked_figure_call(&src, &alt, &caption, link.as_deref()),
            ))
        });
        match (figure, end) {
            (Some(f), Some(end)) => {
                out.push_str(&rest[..i]);
                out.push_str(&format!("\n{f}\n"));
                rest = &rest[end + "</table>".len()..];
            }
            _ => {
                out.push_str(&rest[..i + head_end]);
                rest = &tail[head_end..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The HTML inside that `<figcaption>`.
fn figcaption_html(html: &str, gallerys: bool) -> Option<&str> {
    let mut at = 0;
    while let Some(c) = html[at..].find("<figcaption").map(|j| at + j) {
        let head_end = c + html[c..].find('>')? + 1;
        let end = html[head_end..].find("</figcaption>")? + head_end;
        if html[c..head_end].contains("blocks-gallery-caption") == gallerys {
            return Some(&html[head_end..end]);
        }
        at = end;
    }
    None
}

/// A photo's caption as the `figure` shortcode's Markdown: its links kept
/// (a source's or a photographer's, `Foto: [Tim Media](https://…)`), the
/// rest its text, with the marks Markdown would read escaped.
fn caption_markdown(html: &str) -> String {
    const OPEN: char = '\u{E000}';
    const CLOSE: char = '\u{E001}';
    let mut links: Vec<(String, String)> = Vec::new();
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("<a") {
        let tail = &rest[i..];
        let is_a = matches!(tail.as_bytes().get(2), Some(b' ' | b'\n' | b'\t' | b'>'));
        let head_end = tail.find('>').map(|j| j + 1);
        let close = head_end.and_then(|h| tail[h..].find("</a>").map(|c| h + c));
        let (Some(head_end), Some(close), true) = (head_end, close, is_a) else {
            text.push_str(&rest[..i + 2]);
            rest = &tail[2..];
            continue;
        };
        text.push_str(&rest[..i]);
        let inner = &tail[head_end..close];
        let words = plain(&strip_tags(inner));
        let href = attr(tag_attrs(&tail[..head_end]), "href")
            .map(|h| h.replace("&amp;", "&"))
            .filter(|h| {
                ["https://", "http://", "mailto:"]
                    .iter()
                    .any(|p| h.starts_with(p))
            });
        match href {
            Some(url) if !words.is_empty() => {
                text.push(OPEN);
                text.push_str(&links.len().to_string());
                text.push(CLOSE);
                links.push((words, url));
            }
            _ => text.push_str(inner),
        }
        rest = &tail[close + 4..];
    }
    text.push_str(rest);
    let mut out = escape_markdown(&plain(&strip_tags(&text)));
    // What would start a block (`1. `, `- `, `# `, `> `) is text in a
    // caption.
    let marker = out
        .find(|c: char| !c.is_ascii_digit())
        .filter(|&n| n > 0 && out[n..].starts_with(['.', ')']) && out[n + 1..].starts_with(' '))
        .or_else(|| {
            (out.starts_with(['-', '+', '#', '>']) && out[1..].starts_with([' ', '#'])).then_some(0)
        });
    if let Some(n) = marker {
        out.insert(n, '\\');
    }
    for (k, (words, url)) in links.iter().enumerate() {
        let url = if url.contains([' ', '(', ')', '<', '>']) {
            format!("<{}>", url.replace(['<', '>'], ""))
        } else {
            url.clone()
        };
        out = out.replacen(
            &format!("{OPEN}{k}{CLOSE}"),
            &format!("[{}]({url})", escape_markdown(words)),
            1,
        );
    }
    out
}

/// Text with the marks Markdown reads in a line escaped (`*`, `[`, `]`,
/// `` ` ``, `\`).
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '[' | ']' | '`') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Where the link around a photo leads (`before` is the HTML before its
/// `<img>`), unless to the photo itself: its file or another size of it,
/// or its attachment page, which the photo's versions replace.
fn photo_link(before: &str) -> Option<String> {
    let i = before.rfind("<a ")?;
    if before[i..].contains("</a>") {
        return None;
    }
    let head_end = before[i..].find('>')? + i + 1;
    let href = attr(tag_attrs(&before[i..head_end]), "href")?.replace("&amp;", "&");
    if !(href.starts_with("https://") || href.starts_with("http://")) {
        return None;
    }
    let lower = href.to_ascii_lowercase();
    let path = lower.split(['?', '#']).next().unwrap_or(&lower);
    let to_photo = lower.contains("/wp-content/uploads/")
        || lower.contains(".files.wordpress.com/")
        || lower.contains("attachment_id=")
        || lower.contains("/attachment/")
        || [".jpg", ".jpeg", ".png", ".gif", ".webp"]
            .iter()
            .any(|e| path.ends_with(e));
    (!to_photo).then_some(href)
}

/// A caption under a shortcode, as the embed blocks get it.
fn caption_paragraph(caption: Option<String>) -> String {
    caption
        .filter(|c| !c.is_empty())
        .map(|c| format!("<p><em>{}</em></p>\n", crate::text::escape_html(&c)))
        .unwrap_or_default()
}

/// The address a `<video>` or `<audio>` element plays: its `src`, else its
/// first `<source>`'s.
fn player_src(element: &str) -> Option<String> {
    let head_end = element.find('>')?;
    attr(&element[..head_end], "src")
        .or_else(|| {
            let s = element.find("<source")?;
            let e = element[s..].find('>')? + s;
            attr(&element[s + "<source".len()..e], "src")
        })
        .map(|u| u.replace("&amp;", "&"))
        .filter(|u| !u.trim().is_empty())
}

/// Gutenberg's gallery, video and audio blocks (`<figure
/// class="wp-block-gallery …">`, `wp-block-video`, `wp-block-audio`, the
/// media-and-text block's video) →
/// the gallery shortcode (each photo's caption, else its alt text), the
/// video shortcode or a download card, with the block's caption under it.
fn media_blocks(html: &str, made: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("<figure") {
        let tail = &rest[i..];
        let head_end = tail.find('>').map_or(tail.len(), |j| j + 1);
        let head = &tail[..head_end];
        let kind = [
            "wp-block-gallery",
            "wp-block-video",
            "wp-block-audio",
            "wp-block-media-text__media",
            "wp-block-image",
        ]
        .into_iter()
        .find(|k| head.contains(k))
        .or_else(|| {
            let table = tail[head_end..].trim_start().starts_with("<table");
            table.then_some("wp-block-table")
        })
        .or_else(|| {
            // A plain `<figure>` of one photo (an Elementor carousel's
            // slide, HTML pasted in): a photo as an image block's is, so
            // it is found beside the story wherever the page lives.
            let end = figure_end(tail, head_end)?;
            let inner = &tail[head_end..end];
            // Nothing else in it but a link around the photo and its
            // caption: other content would be lost.
            let without_caption = match (inner.find("<figcaption"), inner.rfind("</figcaption>")) {
                (Some(a), Some(b)) if a < b => format!("{}{}", &inner[..a], &inner[b..]),
                _ => inner.to_string(),
            };
            let one_photo = inner.matches("<img").count() == 1
                && plain(&strip_tags(&without_caption.replace("</figcaption>", ""))).is_empty()
                && !["<video", "<audio", "<iframe", "<table"]
                    .iter()
                    .any(|t| inner.contains(t));
            one_photo.then_some("wp-block-image")
        });
        let close = kind.and_then(|_| figure_end(tail, head_end));
        let (Some(kind), Some(close)) = (kind, close) else {
            out.push_str(&rest[..i + head_end]);
            rest = &tail[head_end..];
            continue;
        };
        let inner = &tail[head_end..close];
        let replaced = if kind == "wp-block-gallery" {
            gallery_block(inner, made)
        } else if kind == "wp-block-table" {
            Some(table_block(inner))
        } else if kind == "wp-block-image" {
            image_block(inner, made)
        } else {
            // The media-and-text block's media: a video or a photo.
            let player = ["<video", "<audio"]
                .into_iter()
                .find_map(|t| Some((inner.find(t)?, t == "<audio")));
            match player {
                Some((v, audio)) => player_src(&inner[v..]).map(|url| {
                    let caption = figcaption(inner, false);
                    format!(
                        "\n{}\n{}",
                        media(&url, audio, made),
                        caption_paragraph(caption)
                    )
                }),
                None => image_block(inner, made),
            }
        };
        match replaced {
            Some(r) => {
                out.push_str(&rest[..i]);
                out.push_str(&r);
                rest = &tail[close + "</figure>".len()..];
            }
            None => {
                out.push_str(&rest[..i + head_end]);
                rest = &tail[head_end..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// An image block (`<figure class="wp-block-image">`, a photo, maybe in a
/// link, maybe with a caption) → the figure shortcode, so the photo is
/// resized and found beside the story like a `[caption]`'s; `None` when it
/// holds no photo.
fn image_block(inner: &str, made: &mut Vec<String>) -> Option<String> {
    let at = inner.find("<img")?;
    let end = inner[at..].find('>')? + at + 1;
    let tag = &inner[at + 4..end - 1];
    let src = attr(tag, "src")?.replace("&amp;", "&");
    let alt = plain(&attr(tag, "alt").unwrap_or_default());
    let caption = figcaption_html(inner, false)
        .map(caption_markdown)
        .unwrap_or_default();
    let link = photo_link(&inner[..at]);
    Some(format!(
        "\n{}\n",
        token(
            made,
            linked_figure_call(&src, &alt, &caption, link.as_deref())
        )
    ))
}

/// A gallery block's photos as the gallery shortcode, in either of the
/// forms WordPress has written (`<ul class="blocks-gallery-grid">` and,
/// since 5.9, a figure per photo).
fn gallery_block(inner: &str, made: &mut Vec<String>) -> Option<String> {
    let mut photos: Vec<(String, String)> = Vec::new();
    let mut at = 0;
    while let Some(s) = inner[at..].find("<img").map(|j| at + j) {
        let e = inner[s..].find('>').map_or(inner.len(), |j| s + j + 1);
        let tag = &inner[s + "<img".len()..e];
        let next = inner[e..].find("<img").map_or(inner.len(), |j| e + j);
        if let Some(src) = attr(tag, "data-full-url").or_else(|| attr(tag, "src")) {
            let own = figcaption(&inner[e..next], false);
            let text = own
                .filter(|c| !c.is_empty())
                .unwrap_or_else(|| plain(&attr(tag, "alt").unwrap_or_default()));
            photos.push((src.replace("&amp;", "&"), text));
        }
        at = e;
    }
    if photos.is_empty() {
        return None;
    }
    Some(format!(
        "\n{}\n{}",
        token(made, gallery_call(&photos)),
        caption_paragraph(figcaption(inner, true))
    ))
}

/// The gallery shortcode for photos (address, caption), the captions only
/// when one of them says something.
fn gallery_call(photos: &[(String, String)]) -> String {
    let list = |f: &dyn Fn(&(String, String)) -> String| {
        photos.iter().map(f).collect::<Vec<_>>().join(", ")
    };
    let images = list(&|(u, _)| arg(u));
    if photos.iter().any(|(_, c)| !c.trim().is_empty()) {
        let captions = list(&|(_, c)| arg(c));
        format!("{{{{ gallery(images=[{images}], captions=[{captions}]) }}}}")
    } else {
        format!("{{{{ gallery(images=[{images}]) }}}}")
    }
}

/// `<video>` and `<audio>` elements outside the blocks (the classic
/// editor's HTML) → the video shortcode or a
/// download card; one that plays nothing is left to the sanitiser.
fn media_elements(html: &str, made: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    loop {
        let next = ["<video", "<audio"]
            .into_iter()
            .filter_map(|t| rest.find(t).map(|i| (i, t)))
            .min();
        let Some((i, tag)) = next else { break };
        let tail = &rest[i..];
        let closing = if tag == "<video" {
            "</video>"
        } else {
            "</audio>"
        };
        let end = tail
            .find(closing)
            .map(|j| j + closing.len())
            .or_else(|| tail.find('>').map(|j| j + 1))
            .unwrap_or(tail.len());
        out.push_str(&rest[..i]);
        match player_src(&tail[..end]) {
            Some(url) => {
                out.push('\n');
                out.push_str(&media(&url, tag == "<audio", made));
                out.push('\n');
            }
            None => out.push_str(&tail[..end]),
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// Gutenberg's embed blocks (`<figure class="wp-block-embed …"><div
/// class="wp-block-embed__wrapper">URL</div><figcaption>…</figure>`) → the
/// address alone in a paragraph (a video then becomes the video shortcode,
/// anything else a link) and the caption under it.
fn embed_blocks(html: &str) -> String {
    const WRAPPER: &str = "wp-block-embed__wrapper";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("<figure") {
        let tail = &rest[i..];
        let head_end = tail.find('>').map_or(tail.len(), |j| j + 1);
        let close = tail.find("</figure>").filter(|&c| c >= head_end);
        let (Some(close), true) = (close, tail[..head_end].contains("wp-block-embed")) else {
            out.push_str(&rest[..i + head_end]);
            rest = &tail[head_end..];
            continue;
        };
        let inner = &tail[head_end..close];
        let url = inner
            .find(WRAPPER)
            .and_then(|w| inner[w..].find('>').map(|k| w + k + 1))
            .map(|start| {
                let body = &inner[start..];
                body[..body.find('<').unwrap_or(body.len())].trim()
            })
            .filter(|u| u.starts_with("http"));
        let caption = figcaption(inner, false);
        out.push_str(&rest[..i]);
        match url {
            Some(u) => {
                let decoded = u.replace("&amp;", "&");
                if is_video(&decoded) || is_podcast(&decoded) {
                    out.push_str(&format!("\n<p>{u}</p>\n"));
                } else {
                    out.push_str(&format!("\n{}\n", link_paragraph(&decoded)));
                }
                out.push_str(&caption_paragraph(caption));
            }
            None => out.push_str(&tail[..close + "</figure>".len()]),
        }
        rest = &tail[close + "</figure>".len()..];
    }
    out.push_str(rest);
    out
}

/// `<a><img src alt></a> Caption` → `{{ figure(src, alt, caption) }}`.
/// `{{ figure(src, alt, caption) }}`, the alt text and the caption only
/// when there are some.
fn figure_call(src: &str, alt: &str, caption: &str) -> String {
    linked_figure_call(src, alt, caption, None)
}

/// [`figure_call`] of a photo that leads to `link`.
fn linked_figure_call(src: &str, alt: &str, caption: &str, link: Option<&str>) -> String {
    let mut call = format!("{{{{ figure(src={}", arg(src));
    if !alt.trim().is_empty() {
        call.push_str(&format!(", alt={}", arg(alt)));
    }
    if !caption.trim().is_empty() {
        call.push_str(&format!(", caption={}", arg(caption)));
    }
    if let Some(link) = link {
        call.push_str(&format!(", link={}", arg(link)));
    }
    call.push_str(") }}");
    call
}

/// `{{ download(path, title) }}`, the title only when there is one.
fn download_call(path: &str, title: &str) -> String {
    let mut call = format!("{{{{ download(path={}", arg(path));
    if !title.trim().is_empty() {
        call.push_str(&format!(", title={}", arg(title)));
    }
    call.push_str(") }}");
    call
}

/// The gallery of the attachments a comma-separated list of ids names
/// (none: the post's own photos), as a shortcode's token; nothing when
/// none of them is a photo the export holds.
fn gallery_of(ids: &str, gallery: &Gallery, made: &mut Vec<String>) -> String {
    let ids: Vec<u64> = ids
        .split(',')
        .filter_map(|i| i.trim().parse().ok())
        .collect();
    let photos: Vec<(String, String)> = gallery(&ids)
        .into_iter()
        .map(|(url, alt)| (url, plain(&alt)))
        .collect();
    if photos.is_empty() {
        String::new()
    } else {
        token(made, gallery_call(&photos))
    }
}

fn figure(body: &str) -> Option<String> {
    let at = body.find("<img")?;
    let end = body[at..].find('>')? + at + 1;
    let tag = &body[at + 4..end - 1];
    let src = attr(tag, "src")?.replace("&amp;", "&");
    let alt = plain(&attr(tag, "alt").unwrap_or_default());
    // The caption: the text outside the image and the link around it,
    // its own links kept; the photo leads where that link does, unless to
    // itself.
    let text = caption_markdown(&format!("{} {}", &body[..at], &body[end..]));
    let link = photo_link(&body[..at]);
    Some(linked_figure_call(&src, &alt, &text, link.as_deref()))
}

/// A plugin's form (Jetpack's `[contact-form]` and its fields, Contact
/// Form 7, WPForms, Ninja Forms, Gravity Forms, Mailchimp's) or GiveWP's
/// donation pages, by its shortcode's name.
fn is_form(name: &str) -> bool {
    const FORMS: &[&str] = &[
        "contact-form",
        "contact-field",
        "contact-form-7",
        "cf7form",
        "formidable",
        "gravityforms",
        "ninja_forms",
        "yikes-mailchimp",
        "email-subscribers-form",
        "mailpoet_form",
        "newsletter",
    ];
    FORMS.contains(&name)
        || name.starts_with("give_")
        // Ultimate Member's sign-in, account and member pages.
        || name.starts_with("ultimatemember")
        || name.ends_with("_form")
        || name.ends_with("-form")
        || matches!(
            name,
            "wpforms" | "gravityform" | "fluentform" | "ninja_form"
        )
}

fn has_body(name: &str) -> bool {
    matches!(
        name,
        "caption" | "wp_caption" | "embed" | "youtube" | "video" | "audio" | "vimeo" | "facebook"
    )
}

/// `[name attrs]` at the start of `s`: its name, attributes and length.
/// Only lowercase names, as WordPress registers them (`[1]`, `[Catatan]`
/// are text).
fn opening(s: &str) -> Option<(String, String, usize)> {
    // Up to the first `]`, before any `[` or line end: a run of `[` without
    // one is then read in linear time.
    let end = s.get(1..)?.find([']', '[', '\n'])? + 1;
    if s.as_bytes().get(end) != Some(&b']') {
        return None;
    }
    let inner = &s[1..end];
    let name_len = inner
        .find(|c: char| c.is_whitespace() || c == '=')
        .unwrap_or(inner.len());
    let name = &inner[..name_len];
    let ok = name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
    ok.then(|| (name.to_string(), inner[name_len..].to_string(), end + 1))
}

/// An attribute's value in a tag or a shortcode ([`crate::text::attr_value`]).
fn attr(attrs: &str, key: &str) -> Option<String> {
    crate::text::attr_value(attrs, key).map(str::to_string)
}

/// `[caption]<a><img></a> Text[/caption]` → a figure with its caption.
fn caption(body: &str) -> String {
    // The image (and a link around it) first, the caption after it.
    let split = body
        .rfind("</a>")
        .filter(|&i| body[..i].contains("<img"))
        .map(|i| i + 4)
        .or_else(|| {
            body.find("<img")
                .and_then(|i| body[i..].find('>').map(|j| i + j + 1))
        });
    match split {
        Some(at) => {
            // The link WordPress puts around the photo leads to the photo
            // itself: the photo alone, its caption under it.
            let image = body[..at].trim();
            let image = match (image.find("<img"), image.rfind('>')) {
                (Some(i), Some(_)) if image.starts_with("<a") => {
                    let end = image[i..].find('>').map_or(image.len(), |j| i + j + 1);
                    &image[i..end]
                }
                _ => image,
            };
            format!("<p>{image}</p>\n<p><em>{}</em></p>", body[at..].trim())
        }
        None => format!("<p>{}</p>", body.trim()),
    }
}

/// Iframes of YouTube, Vimeo and Facebook (and its embed code), and video addresses alone on a line, as
/// cerita's video shortcode; any other address alone on a line as a link.
fn embeds(html: &str, made: &mut Vec<String>) -> String {
    let html = instagram_posts(&sdk_videos(html, made));
    let mut out = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some(i) = rest.find("<iframe") {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let end = tail
            .find("</iframe>")
            .map(|j| j + "</iframe>".len())
            .or_else(|| tail.find('>').map(|j| j + 1))
            .unwrap_or(tail.len());
        let tag = &tail[..end];
        if let Some(src) = attr(tag.trim_start_matches("<iframe"), "src") {
            let src = src.replace("&amp;", "&");
            let src = if src.starts_with("//") {
                format!("https:{src}")
            } else {
                src
            };
            // A video or a podcast's recording becomes its shortcode;
            // anything else embedded (a map, slides) a link to it.
            match site_video(&src) {
                Some(v) => {
                    let title = attr(tag.trim_start_matches("<iframe"), "title");
                    out.push_str(&token(made, with_title(v, title.as_deref())));
                }
                None if src.starts_with("https://") || src.starts_with("http://") => out.push_str(
                    &link_paragraph(&facebook_plugin_target(&src).unwrap_or(src)),
                ),
                None => {}
            }
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    // A video address alone in a paragraph or on a line.
    let mut lines: Vec<String> = Vec::new();
    for line in out.lines() {
        let t = line.trim();
        let bare = t
            .strip_prefix("<p>")
            .and_then(|x| x.strip_suffix("</p>"))
            .unwrap_or(t)
            .trim();
        let lone_url = (bare.starts_with("https://") || bare.starts_with("http://"))
            && !bare.contains(char::is_whitespace)
            && !bare.contains('<');
        if lone_url {
            // WordPress embeds an address alone on a line (a video, a post
            // on a social network): a video, or a link to what it showed.
            let url = bare.replace("&amp;", "&");
            match site_video(&url) {
                Some(v) => lines.push(token(made, v)),
                None => lines.push(link_paragraph(&url)),
            }
        } else {
            lines.push(line.to_string());
        }
    }
    lines.join("\n")
}

/// Facebook's embed code, `<div class="fb-video" data-href="…">` (its
/// SDK's script goes with the sanitiser), as the video shortcode, and an
/// embedded post (`fb-post`) whose address is a video's. An `fb-video`
/// whose address names no video cerita knows (`fb.watch/…`) is a link to
/// it: the element holds nothing else a reader would see.
fn sdk_videos(html: &str, made: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("<div") {
        let tail = &rest[i..];
        let head_end = tail.find('>').map_or(tail.len(), |j| j + 1);
        let attrs = tag_attrs(&tail[..head_end]);
        let class = attr(attrs, "class").unwrap_or_default();
        let kind = class
            .split_whitespace()
            .find(|c| matches!(*c, "fb-video" | "fb-post"));
        let href = kind.and_then(|_| attr(attrs, "data-href")).map(|h| {
            let h = plain(&h);
            if h.starts_with("//") {
                format!("https:{h}")
            } else if h.starts_with('/') {
                format!("https://www.facebook.com{h}")
            } else {
                h
            }
        });
        let video = href.as_deref().and_then(site_video);
        let link = href
            .filter(|h| kind == Some("fb-video") && h.starts_with("http"))
            .map(|h| link_paragraph(&h));
        // Where the element ends is looked for only for Facebook's (each
        // search may read to the end of a post with many unclosed divs).
        let end = (video.is_some() || link.is_some())
            .then(|| element_end(rest, i + head_end, "div"))
            .flatten();
        match (end, video, link) {
            (Some(end), Some(v), _) => {
                out.push_str(&rest[..i]);
                out.push_str(&token(made, v));
                rest = &rest[end + "</div>".len()..];
            }
            (Some(end), None, Some(link)) => {
                out.push_str(&rest[..i]);
                out.push_str(&link);
                rest = &rest[end + "</div>".len()..];
            }
            _ => {
                out.push_str(&rest[..i + head_end]);
                rest = &tail[head_end..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether an upload's title is only its file's name (`IMG_1234`,
/// `dsc04563`, `WhatsApp Image 2021-04-12 at 10.15.32`,
/// `foto-pelatihan-scaled`): a camera's or a phone's name, or the file
/// name WordPress gave it.
pub(super) fn names_a_file(title: &str, url: &str) -> bool {
    let words = |s: &str| -> String {
        s.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty() && *w != "scaled")
            .collect::<Vec<_>>()
            .join(" ")
    };
    let file = url.rsplit('/').next().unwrap_or(url);
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    if with_extension(title) {
        return true;
    }
    let title = words(title);
    // A camera's or a phone's name: `IMG_1234`, `DSC04563`, `PXL_2021…`,
    // `WhatsApp Image 2021-04-12 at …`, `Screenshot 2021-…`, or digits
    // alone; a title with a year in it ("Banjir Gresik 2019") is a title.
    let only_digits = title.chars().all(|c| c.is_ascii_digit() || c == ' ');
    title.is_empty() || title == words(stem) || camera_name(&title) || only_digits
}

/// A file's whole name, its extension too (`Screen Shot 2016-05-13 at
/// 3.13.47 PM.png`, a Mac's screenshot as WordPress titled it).
fn with_extension(name: &str) -> bool {
    let lower = name.trim().to_lowercase();
    [
        ".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".bmp", ".tif", ".tiff",
    ]
    .iter()
    .any(|e| lower.ends_with(e))
}

/// Whether `title` (lowercase words) is a camera's or a phone's name for a
/// photo: `img 1234`, `dsc04563`, `screen shot 2016 05 13 at …`.
fn camera_name(title: &str) -> bool {
    let first = title.split(' ').next().unwrap_or("");
    let camera = [
        "img",
        "dsc",
        "dscn",
        "dscf",
        "pxl",
        "mvimg",
        "gopr",
        "vid",
        "screenshot",
        "screen",
        "whatsapp",
        "wa",
        "signal",
        "photo",
        "image",
    ]
    .iter()
    .any(|p| {
        first
            .strip_prefix(p)
            .is_some_and(|r| r.chars().all(|c| c.is_ascii_digit()))
    });
    let numbered = title.chars().filter(char::is_ascii_digit).count() >= 3;
    camera && numbered
}

/// Elements nested deeper than any real post nests them (hostile or
/// broken markup: fifty thousand unclosed `<em>`s) lose their tags beyond
/// that depth, their text kept: the Markdown writer walks the tree
/// recursively. `html` is the sanitiser's output, every tag closed.
fn shallow(html: &str) -> String {
    const MAX_DEPTH: usize = 128;
    let mut out = String::with_capacity(html.len());
    let (mut depth, mut skipped) = (0usize, 0usize);
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let end = tail.find('>').map_or(tail.len(), |j| j + 1);
        let tag = &tail[..end];
        let name = tag_name(tag).to_ascii_lowercase();
        let keep = if name.is_empty() || is_void(&name) || tag.ends_with("/>") {
            true
        } else if tag.starts_with("</") {
            if skipped > 0 {
                skipped -= 1;
                false
            } else {
                depth = depth.saturating_sub(1);
                true
            }
        } else if depth >= MAX_DEPTH {
            skipped += 1;
            false
        } else {
            depth += 1;
            true
        };
        if keep {
            out.push_str(tag);
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// Photos whose alt text is only their file's name (`alt="IMG_1234.jpg"`,
/// `alt="rapat-warga"` for `rapat-warga-300x200.jpg`, as old WordPress
/// filled it in) lose it: it describes nothing to a reader who cannot see
/// the photo, and kept, it hides the build's missing-description warning.
/// Alt text with a space in it is a writer's words and stays.
fn file_name_alts(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("<img") {
        let tail = &rest[i..];
        let end = tail.find('>').map_or(tail.len(), |j| j + 1);
        let tag = &tail[..end];
        let alt = attr(tag_attrs(tag), "alt");
        let src = attr(tag_attrs(tag), "src").unwrap_or_default();
        out.push_str(&rest[..i]);
        match alt.filter(|a| alt_is_file_name(&plain(a), &src)) {
            Some(a) => {
                let cleared = tag
                    .replacen(&format!("alt=\"{a}\""), "alt=\"\"", 1)
                    .replacen(&format!("alt='{a}'"), "alt=\"\"", 1);
                out.push_str(&cleared);
            }
            None => out.push_str(tag),
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// Whether `alt` (one word) is the photo's file name, with or without its
/// extension or WordPress's size suffix, or a camera's name for it.
fn alt_is_file_name(alt: &str, src: &str) -> bool {
    if with_extension(alt) {
        return true;
    }
    if alt.contains(char::is_whitespace) {
        // Words are a description, unless a camera's or a screenshot's
        // name (`Screen Shot 2016-05-13 at 3.13.47 PM`).
        let words: Vec<String> = alt
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        // Only a camera's words: numbers and its own (`Photo 2019: warga
        // menanam 100 pohon` is a description).
        let own = |w: &str| {
            w.bytes().all(|b| b.is_ascii_digit())
                || matches!(w, "shot" | "image" | "at" | "am" | "pm")
                || camera_name(w)
        };
        return camera_name(&words.join(" ")) && words.iter().skip(1).all(|w| own(w));
    }
    if alt.is_empty() {
        return false;
    }
    let stem = |name: &str| -> String {
        let name = name.rsplit('/').next().unwrap_or(name);
        let name = name.split(['?', '#']).next().unwrap_or(name);
        let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
        // `-300x200`, `-scaled`: the sizes WordPress made.
        let stem = stem.strip_suffix("-scaled").unwrap_or(stem);
        let sized = stem.rsplit_once('-').filter(|(_, size)| {
            size.split_once('x').is_some_and(|(w, h)| {
                !w.is_empty()
                    && !h.is_empty()
                    && w.bytes().all(|b| b.is_ascii_digit())
                    && h.bytes().all(|b| b.is_ascii_digit())
            })
        });
        sized.map_or(stem, |(s, _)| s).to_lowercase()
    };
    let alt_stem = stem(alt);
    alt_stem == stem(src) || names_a_file(&alt_stem, src)
}

/// The classic editor's struck-through and underlined words, and bold or
/// italic text pasted from a word processor, are `<span style="…">`, which
/// the sanitiser drops with its style: each becomes the element that says
/// the same (`<del>`, `<u>`, `<strong>`, `<em>`) inside the span, so the
/// words keep their meaning (`<span style="text-decoration:
/// line-through">tidak</span> gratis` is not "tidak gratis"). A weight of
/// 400 or "normal", as word processors write on every run of text, is
/// plain.
fn styled_spans(html: &str) -> String {
    if !html.contains("<span") {
        return html.to_string();
    }
    // (where, the tags put there)
    let mut edits: Vec<(usize, String)> = Vec::new();
    for (i, _) in html.match_indices("<span") {
        let tail = &html[i..];
        if !matches!(tail.as_bytes().get(5), Some(b' ' | b'\n' | b'\t')) {
            continue;
        }
        let Some(head_end) = tail.find('>').map(|k| i + k + 1) else {
            continue;
        };
        let style = attr(tag_attrs(&html[i..head_end]), "style")
            .unwrap_or_default()
            .to_ascii_lowercase();
        let wrappers = span_elements(&style);
        if wrappers.is_empty() {
            continue;
        }
        let Some(close) = element_end(html, head_end, "span") else {
            continue;
        };
        let opening: String = wrappers.iter().map(|w| format!("<{w}>")).collect();
        let closing: String = wrappers.iter().rev().map(|w| format!("</{w}>")).collect();
        edits.push((head_end, opening));
        edits.push((close, closing));
    }
    edits.sort_by_key(|e| e.0);
    let mut out = String::with_capacity(html.len() + edits.len() * 8);
    let mut at = 0;
    for (pos, text) in edits {
        out.push_str(&html[at..pos]);
        out.push_str(&text);
        at = pos;
    }
    out.push_str(&html[at..]);
    out
}

/// The elements a span's `style` (lowercase) says, outermost first.
fn span_elements(style: &str) -> Vec<&'static str> {
    let mut out = Vec::new();
    for decl in style.split(';') {
        let Some((prop, value)) = decl.split_once(':') else {
            continue;
        };
        let value = value.trim().trim_end_matches("!important").trim();
        match prop.trim() {
            "text-decoration" | "text-decoration-line" => {
                if value.contains("line-through") {
                    out.push("del");
                }
                if value.contains("underline") {
                    out.push("u");
                }
            }
            "font-weight" => {
                let heavy = matches!(value, "bold" | "bolder")
                    || value.parse::<u16>().is_ok_and(|w| w >= 600);
                if heavy {
                    out.push("strong");
                }
            }
            "font-style" if matches!(value, "italic" | "oblique") => out.push("em"),
            _ => {}
        }
    }
    out.dedup();
    out
}

/// `<strike>`, `<del>` and `<s>` as Markdown's `~~…~~`, the spaces inside
/// their ends moved outside (where `~~` must touch the words). One holding
/// a block (a paragraph, a list) stays HTML.
fn struck(html: &str, made: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut from = 0;
    // Names with no closing tag left ahead: not looked for again.
    let mut unclosed: Vec<String> = Vec::new();
    while let Some(j) = rest[from..].find('<') {
        let i = from + j;
        let tail = &rest[i..];
        let name = tag_name(tail).to_ascii_lowercase();
        let opens = matches!(name.as_str(), "strike" | "del" | "s")
            && matches!(tail.as_bytes().get(1 + name.len()), Some(b'>' | b' '))
            && !unclosed.contains(&name);
        let head_end = tail.find('>').map_or(tail.len(), |k| k + 1);
        let close = format!("</{name}>");
        let inner_end = opens
            .then(|| tail[head_end..].find(&close))
            .flatten()
            .map(|k| head_end + k);
        let Some(inner_end) = inner_end else {
            if opens {
                unclosed.push(name);
            }
            from = i + 1;
            continue;
        };
        let inner = &tail[head_end..inner_end];
        if breaks_lines(inner) {
            from = i + inner_end + close.len();
            continue;
        }
        out.push_str(&rest[..i]);
        let words = inner.trim();
        if words.is_empty() {
            out.push_str(inner);
        } else {
            out.push_str(&inner[..inner.len() - inner.trim_start().len()]);
            out.push_str(&inline_token(made, "~~".into()));
            out.push_str(words);
            out.push_str(&inline_token(made, "~~".into()));
            out.push_str(&inner[inner.trim_end().len()..]);
        }
        rest = &tail[inner_end + close.len()..];
        from = 0;
    }
    out.push_str(rest);
    out
}

/// Instagram's embed code (`<blockquote class="instagram-media">`, its
/// script going with the sanitiser): a quote of the post's caption and
/// who posted it, linking to the post, where the embed's own fallback is a
/// box of empty links and "View this post on Instagram". The post's
/// address loses its tracking query.
fn instagram_posts(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("<blockquote") {
        let tail = &rest[i..];
        let head_end = tail.find('>').map_or(tail.len(), |j| j + 1);
        let attrs = tag_attrs(&tail[..head_end]);
        let is_post = attr(attrs, "class")
            .is_some_and(|c| c.split_whitespace().any(|c| c == "instagram-media"));
        // Where it ends is looked for only for Instagram's (each search may
        // read to the end of a post of many unclosed blockquotes).
        let end = is_post
            .then(|| element_end(rest, i + head_end, "blockquote"))
            .flatten();
        let Some(end) = end else {
            out.push_str(&rest[..i + head_end]);
            rest = &tail[head_end..];
            continue;
        };
        let inner = &rest[i + head_end..end];
        let permalink = attr(attrs, "data-instgrm-permalink")
            .or_else(|| attr(inner, "href"))
            .map(|u| u.replace("&amp;", "&"));
        out.push_str(&rest[..i]);
        rest = &rest[end + "</blockquote>".len()..];
        let Some(permalink) = permalink else {
            continue;
        };
        let post = permalink
            .split(['?', '#'])
            .next()
            .unwrap_or(&permalink)
            .to_string();
        // The paragraphs: the caption's (a link to the post), then "A post
        // shared by NAME (@handle) on DATE".
        let paragraphs: Vec<&str> = inner
            .match_indices("<p")
            .filter(|(p, _)| {
                inner[p + 2..].starts_with(|c: char| c == '>' || c.is_ascii_whitespace())
            })
            .filter_map(|(p, _)| {
                let body = &inner[p..];
                let open = body.find('>')? + 1;
                let close = body.find("</p>")?;
                (open <= close).then(|| &body[open..close])
            })
            .collect();
        let text = |h: &str| plain(&strip_tags(h));
        let caption = paragraphs
            .iter()
            .filter(|p| p.contains(&post) || p.contains("instagram.com/p/"))
            .map(|p| text(p))
            // Not captioned, the embed links its "A post shared by" line.
            .find(|c| !c.is_empty() && !c.starts_with("A post shared by"));
        let by = paragraphs
            .iter()
            .rev()
            .find(|p| !p.contains(&post))
            .and_then(|p| {
                let a = p.find("<a")?;
                let name = text(&p[a..p[a..].find("</a>").map_or(p.len(), |e| a + e)]);
                let handle = attr(&p[a + 2..], "href")?
                    .split(['?', '#'])
                    .next()?
                    .trim_end_matches('/')
                    .rsplit('/')
                    .next()?
                    .to_string();
                Some(match name.is_empty() {
                    true => format!("@{handle}"),
                    false => format!("{name} (@{handle})"),
                })
            });
        let link = format!(
            "<a href=\"{}\">{}</a>",
            escape(&post),
            escape(
                post.trim_start_matches("https://")
                    .trim_start_matches("www.")
                    .trim_end_matches('/')
            )
        );
        out.push_str("\n<blockquote>");
        if let Some(c) = caption {
            out.push_str(&format!("<p>{}</p>", escape(&c)));
        }
        match by {
            Some(by) => out.push_str(&format!("<p>— {}, {link}</p>", escape(&by))),
            None => out.push_str(&format!("<p>{link}</p>")),
        }
        out.push_str("</blockquote>\n");
    }
    out.push_str(rest);
    out
}

/// A video call with the title its player gave the video (an iframe's
/// `title`, which screen readers name it by), unless that is the player's
/// own name (`YouTube video player`, YouTube's embed code's for every one).
fn with_title(call: String, title: Option<&str>) -> String {
    let title = title.map(plain).filter(|t| {
        let t = t.to_lowercase();
        !t.is_empty()
            && !t.ends_with("video player")
            && !matches!(
                t.as_str(),
                "youtube" | "vimeo" | "embedded content" | "video"
            )
    });
    match (title, call.strip_suffix(") }}")) {
        (Some(t), Some(head)) if call.starts_with("{{ video(") => {
            format!("{head}, title={}{}", arg(&t), &call[head.len()..])
        }
        _ => call,
    }
}

/// The video shortcode for a video site's address (`&amp;` already
/// decoded), which alone on a line or in an iframe is the video.
fn site_video(url: &str) -> Option<String> {
    is_video(url)
        .then(|| video_shortcode(url))
        .flatten()
        .or_else(|| is_podcast(url).then(|| format!("{{{{ audio(url={}) }}}}", arg(url))))
}

/// A recording on a podcast host (Spotify, SoundCloud), which alone on a
/// line or in an iframe is the recording. An audio file's address alone
/// stays a link to it, as a video file's does.
fn is_podcast(url: &str) -> bool {
    use crate::shortcodes::{Audio, parse_audio};
    matches!(
        parse_audio(url),
        Some(Audio::Spotify { .. } | Audio::SoundCloud { .. })
    )
}

/// A video site's address, which alone on a line or in an iframe is the
/// video. A video file's address alone is a link to it, and a Google
/// Drive file's may be a document (a PDF, slides) as well as a recording.
fn is_video(url: &str) -> bool {
    use crate::shortcodes::{Video, parse_video};
    matches!(
        parse_video(url),
        Some(Video::YouTube { .. } | Video::Vimeo { .. } | Video::Facebook { .. })
    )
}

/// The post or page a Facebook plugin's frame shows
/// (`facebook.com/plugins/post.php?href=…`), by its own address: a reader
/// follows a link to the post, not to the plugin.
fn facebook_plugin_target(src: &str) -> Option<String> {
    let (host, path) = src.split_once("://")?.1.split_once('/')?;
    let host = host.to_ascii_lowercase();
    if !(host == "facebook.com" || host.ends_with(".facebook.com")) {
        return None;
    }
    let (path, query) = path.split_once('?')?;
    if !path.to_ascii_lowercase().contains("plugins/") {
        return None;
    }
    let href = query.split('&').find_map(|kv| kv.strip_prefix("href="))?;
    let target = percent_encoding::percent_decode_str(href)
        .decode_utf8_lossy()
        .into_owned();
    (target.starts_with("https://") || target.starts_with("http://")).then_some(target)
}

fn link_paragraph(url: &str) -> String {
    let u = escape(url.trim());
    format!("<p><a href=\"{u}\">{u}</a></p>")
}

fn escape(s: &str) -> String {
    crate::text::escape_attr(s)
}

/// Whether `html` holds a tag that starts a line: a block or a block's part
/// ([`separates`]), or `<br>`. Markdown's inline marks (`~~`) cannot span
/// one.
fn breaks_lines(html: &str) -> bool {
    html.match_indices('<').any(|(i, _)| {
        let name = tag_name(&html[i..]).to_ascii_lowercase();
        name == "br" || separates(&name)
    })
}

/// The name of the element a tag (`<td …>`, `</td>`) opens or closes.
fn tag_name(tag: &str) -> String {
    tag.trim_start_matches(['<', '/'])
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect()
}

/// A Markdown table has one header row: header cells further down (a row's
/// name in its first cell) become plain cells, or the converter drops them.
fn row_headers_as_cells(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let (mut row, mut in_head) = (0usize, false);
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let end = tail.find('>').map_or(tail.len(), |j| j + 1);
        let tag = &tail[..end];
        let name = tag_name(tag);
        let closing = tag.starts_with("</");
        match (name.as_str(), closing) {
            ("table", false) => row = 0,
            ("thead", c) => in_head = !c,
            ("tr", false) => row += 1,
            ("th", _) if row > 1 && !in_head => {
                out.push_str(if closing { "</td" } else { "<td" });
                out.push_str(&tag[if closing { 4 } else { 3 }..]);
                rest = &tail[end..];
                continue;
            }
            _ => {}
        }
        out.push_str(tag);
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// Whitespace between tags where one of them is a block's (a line break
/// between `</dt>` and `<dd>`) dropped, and empty paragraphs with it:
/// blocks the converter keeps as HTML (`<dl>`, `<details>`) would show it
/// as `&#10;`, and a browser lays blocks out without it. The sanitiser's
/// output is regular (lowercase tags, `>` escaped in text); `<pre>` is left
/// as it is.
fn block_whitespace(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut pre = 0usize;
    // Whether the last tag written was a block's.
    let mut after_block = true;
    while let Some(i) = rest.find('<') {
        let text = &rest[..i];
        let tail = &rest[i..];
        let end = tail.find('>').map_or(tail.len(), |j| j + 1);
        let tag = &tail[..end];
        let name = tag_name(tag);
        let block = separates(&name) || name == "br";
        if pre > 0 || !text.trim().is_empty() || !(after_block || block) {
            out.push_str(text);
        }
        match (name.as_str(), tag.starts_with("</")) {
            ("pre", false) => pre += 1,
            ("pre", true) => pre = pre.saturating_sub(1),
            _ => {}
        }
        out.push_str(tag);
        after_block = block;
        rest = &tail[end..];
    }
    if pre > 0 || !rest.trim().is_empty() {
        out.push_str(rest);
    }
    // An empty paragraph, or one holding a lone line break (Blogger's
    // `<div><br></div>` spacers).
    out.replace("<p></p>", "").replace("<p><br></p>", "")
}

/// Gutenberg's table block (`<figure class="wp-block-table"><table>…
/// </table><figcaption>…</figure>`, `inner` the figure's content) → the
/// table, then its caption as a paragraph: a table alone becomes a
/// Markdown table, one in a figure would stay HTML.
fn table_block(inner: &str) -> String {
    let (table, caption) = match inner.find("</table>") {
        Some(t) => (
            &inner[..t + "</table>".len()],
            figcaption(&inner[t..], false),
        ),
        None => (inner, None),
    };
    format!("\n{table}\n{}", caption_paragraph(caption))
}

/// Gutenberg's file and cover blocks, which are `<div>`s: a file →
/// cerita's download card (its name as the title); a cover → its photo as
/// a figure (from the `<img>`, or the background the older form styles),
/// then the text written over it.
fn div_blocks(html: &str, made: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("<div") {
        let tail = &rest[i..];
        let Some(head_end) = tail.find('>').map(|j| j + 1) else {
            break;
        };
        let head = &tail[..head_end];
        // (`head` is `<div…>`: both ends are ASCII.)
        let classes = attr(&head[4..head_end - 1], "class").unwrap_or_default();
        let has = |c: &str| classes.split_whitespace().any(|k| k == c);
        // (Before WordPress 5.0 a cover was `wp-block-cover-image`.)
        let kind = ["wp-block-file", "wp-block-cover", "wp-block-cover-image"]
            .into_iter()
            .find(|k| has(k));
        let close = kind.and_then(|_| element_end(tail, head_end, "div"));
        let (Some(kind), Some(close)) = (kind, close) else {
            out.push_str(&rest[..i + head_end]);
            rest = &tail[head_end..];
            continue;
        };
        let inner = &tail[head_end..close];
        out.push_str(&rest[..i]);
        if kind == "wp-block-file" {
            out.push_str(&file_block(inner, made));
        } else {
            out.push_str(&cover_block(head, inner, made));
        }
        rest = &tail[close + "</div>".len()..];
    }
    out.push_str(rest);
    out
}

/// A file block's first link → `{{ download(path, title) }}`.
fn file_block(inner: &str, made: &mut Vec<String>) -> String {
    let link = inner.find("<a ").and_then(|a| {
        let head_end = inner[a..].find('>')? + a;
        let href = attr(&inner[a + 2..head_end], "href")?.replace("&amp;", "&");
        let end = inner[head_end..]
            .find("</a>")
            .map_or(inner.len(), |j| head_end + j);
        Some((href, plain(&strip_tags(&inner[head_end + 1..end]))))
    });
    match link {
        Some((href, name)) if !href.trim().is_empty() => {
            format!("\n{}\n", token(made, download_call(&href, &name)))
        }
        _ => inner.to_string(),
    }
}

/// A cover block → its photo as a figure, then the text over it.
fn cover_block(head: &str, inner: &str, made: &mut Vec<String>) -> String {
    let img = inner.find("<img").and_then(|at| {
        let end = inner[at..].find('>')? + at;
        let tag = &inner[at + 4..end];
        Some((
            attr(tag, "src")?,
            plain(&attr(tag, "alt").unwrap_or_default()),
        ))
    });
    // The older form: `style="background-image:url(…)"` on the block or on
    // a `<div role="img">` in it.
    let background = || {
        [head, inner].into_iter().find_map(|h| {
            let at = h.find("background-image:url(")? + "background-image:url(".len();
            let end = h[at..].find(')')? + at;
            let url = h[at..end]
                .trim_matches(['"', '\'', ' '])
                .replace("&amp;", "&");
            (!url.is_empty()).then_some((url, String::new()))
        })
    };
    // A video behind the text instead of a photo.
    let video = inner
        .find("wp-block-cover__video-background")
        .and_then(|v| player_src(&inner[inner[..v].rfind("<video")?..]));
    // The text over the photo: the inner container's content.
    // (Without one, what is left once the photo is out.)
    let text = inner
        .find("wp-block-cover__inner-container")
        .and_then(|c| {
            let start = inner[c..].find('>')? + c + 1;
            let end = element_end(inner, start, "div")?;
            Some(inner[start..end].to_string())
        })
        .unwrap_or_else(|| match inner.find("<img") {
            Some(at) => {
                let end = inner[at..].find('>').map_or(inner.len(), |j| at + j + 1);
                format!("{}{}", &inner[..at], &inner[end..])
            }
            None => inner.to_string(),
        });
    // The blocks in it (a file, another cover) are converted too.
    let text = div_blocks(&text, made);
    let shown = match video {
        Some(url) => media(&url, false, made),
        None => img
            .or_else(background)
            .map(|(src, alt)| token(made, figure_call(&src.replace("&amp;", "&"), &alt, "")))
            .unwrap_or_default(),
    };
    format!("\n{shown}\n{text}\n")
}

/// The document as its tags and the text between them, in order; a tag
/// is a part that starts with `<`. (The sanitiser's output is regular.)
fn tags_and_text(html: &str) -> Vec<&str> {
    let mut parts: Vec<&str> = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        if i > 0 {
            parts.push(&rest[..i]);
        }
        let end = rest[i..].find('>').map_or(rest.len(), |j| i + j + 1);
        parts.push(&rest[i..end]);
        rest = &rest[end..];
    }
    if !rest.is_empty() {
        parts.push(rest);
    }
    parts
}

/// Line breaks that break no line, as Blogger's "convert line breaks"
/// leaves them: `<br>` next to a block's own start or end (between
/// paragraphs, right inside a list), and paragraphs of nothing but breaks
/// and no-break spaces, which would be empty gaps or stray hard breaks in
/// Markdown. Runs on the sanitiser's output (lowercase `<br>`).
fn stray_breaks(html: &str) -> String {
    // The tags `autop` sets apart: blocks and the parts of lists, tables
    // and figures.
    let is_block_tag = |tag: &str| separates(&tag_name(tag));
    let blank = |s: &str| {
        s.replace("&nbsp;", "")
            .replace("&#160;", "")
            .replace('\u{a0}', "")
            .replace("<br>", "")
            .trim()
            .is_empty()
    };
    let parts = tags_and_text(html);
    let is_tag = |p: &str| p.starts_with('<');
    let mut keep = vec![true; parts.len()];
    // Code keeps its line breaks, at its start and end too.
    let mut in_pre = 0usize;
    for (i, part) in parts.iter().enumerate() {
        if part.starts_with("<pre") {
            in_pre += 1;
        } else if *part == "</pre>" {
            in_pre = in_pre.saturating_sub(1);
        }
        if *part != "<br>" || in_pre > 0 {
            continue;
        }
        // The nearest tags either side, across breaks and blank text.
        let near = |range: &mut dyn Iterator<Item = usize>| {
            range
                .map(|j| parts[j])
                .find(|p| *p != "<br>" && (is_tag(p) || !blank(p)))
                .is_none_or(|p| is_tag(p) && is_block_tag(p))
        };
        if near(&mut (0..i).rev()) || near(&mut (i + 1..parts.len())) {
            keep[i] = false;
        }
    }
    let mut out = String::with_capacity(html.len());
    let mut i = 0;
    while i < parts.len() {
        // A paragraph of nothing: gone whole.
        if parts[i] == "<p>" {
            if let Some(k) = (i + 1..parts.len()).find(|&k| parts[k] == "</p>") {
                if parts[i + 1..k]
                    .iter()
                    .all(|p| *p == "<br>" || (!is_tag(p) && blank(p)))
                {
                    i = k + 1;
                    continue;
                }
            }
        }
        if keep[i] {
            out.push_str(parts[i]);
        }
        i += 1;
    }
    out
}

/// Blogger writes paragraphs as `<div>`s, and themes wrap blocks in them;
/// old posts centre them with `<center>`: as paragraphs they become
/// Markdown instead of raw HTML (the sanitiser's output is regular:
/// lowercase tags, quoted attributes).
fn divs_as_paragraphs(html: &str) -> String {
    ["div", "center"]
        .iter()
        .fold(html.to_string(), |html, tag| {
            let open = format!("<{tag}");
            let mut out = String::with_capacity(html.len());
            let mut rest = html.as_str();
            while let Some(i) = rest.find(&open) {
                let tail = &rest[i..];
                let after = tail.as_bytes().get(open.len()).copied();
                if !matches!(after, Some(b'>' | b' ')) {
                    out.push_str(&rest[..i + open.len()]);
                    rest = &tail[open.len()..];
                    continue;
                }
                out.push_str(&rest[..i]);
                out.push_str("<p>");
                rest = tail.find('>').map_or("", |j| &tail[j + 1..]);
            }
            out.push_str(rest);
            out.replace(&format!("</{tag}>"), "</p>")
        })
}

/// Two line breaks or more in a row inside a paragraph (`…redeems
/// all.<br><br>Perhaps…`, as the classic editor and Blogger write a
/// paragraph's end) → the paragraph's end: Markdown would show the blank
/// line between as one, and italic or bold around both halves as stray
/// `*` (the marks go into each half, [`marks_into_blocks`]).
fn paragraph_breaks(html: &str) -> String {
    if !html.contains("<br>") {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len());
    // The blocks open around the text, innermost last.
    let mut blocks: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let end = tail.find('>').map_or(tail.len(), |k| k + 1);
        let tag = &tail[..end];
        let name = tag_name(tag);
        if tag == "<br>" && blocks.last().is_some_and(|b| b == "p") {
            // The breaks in a row, with only spaces between.
            let mut after = &tail[end..];
            let mut n = 1;
            loop {
                let t = after.trim_start_matches([' ', '\n', '\t']);
                let t = t
                    .trim_start_matches("&nbsp;")
                    .trim_start_matches([' ', '\n', '\t']);
                match t.strip_prefix("<br>") {
                    Some(r) => {
                        n += 1;
                        after = r;
                    }
                    None => break,
                }
            }
            if n >= 2 {
                out.push_str("</p><p>");
                rest = after;
                continue;
            }
        }
        if separates(&name) && name != "br" {
            if tag.starts_with("</") {
                if let Some(at) = blocks.iter().rposition(|b| *b == name) {
                    blocks.truncate(at);
                }
            } else if !tag.ends_with("/>") {
                blocks.push(name);
            }
        }
        out.push_str(tag);
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// Bold, italic or struck text around whole blocks (`<b><blockquote>…`,
/// `<strong><p>…</p><p>…</p></strong>`, as word processors and Blogger's
/// editor write it) → the mark inside each block instead: Markdown's
/// marks stay within a paragraph, and one around a block comes out as
/// stray `**` (and `**## Judul**`, no heading at all). A heading's words
/// are not made bold again. Two passes over the tags, no recursion: the
/// first finds the marks that hold a block, the second moves them.
/// (The sanitiser's output is regular: lowercase, `<` only in tags.)
fn marks_into_blocks(html: &str) -> String {
    const MARKS: &[&str] = &["strong", "b", "em", "i", "del", "s", "a"];
    let toks = tags_and_text(html);
    let mark_of = |t: &str| -> Option<(&'static str, bool)> {
        let closing = t.starts_with("</");
        let name = tag_name(t);
        let m = MARKS.iter().find(|m| **m == name)?;
        let after = t.as_bytes().get(m.len() + if closing { 2 } else { 1 });
        matches!(after, Some(b'>' | b' ')).then_some((*m, closing))
    };
    // Pass 1: each mark's opening and closing tag, when it holds a block.
    let mut moved = vec![false; toks.len()];
    let mut open: Vec<(usize, &str, bool)> = Vec::new();
    for (k, t) in toks.iter().enumerate().filter(|(_, t)| t.starts_with('<')) {
        match mark_of(t) {
            Some((m, false)) => open.push((k, m, false)),
            Some((m, true)) => {
                let Some(at) = open.iter().rposition(|o| o.1 == m) else {
                    continue;
                };
                // Marks left open inside it are let be; a block in any of
                // them is in it too.
                while open.len() > at {
                    let Some((o, _, block)) = open.pop() else {
                        break;
                    };
                    if open.len() == at && block {
                        moved[o] = true;
                        moved[k] = true;
                    }
                    if let (true, Some(up)) = (block, open.last_mut()) {
                        up.2 = true;
                    }
                }
            }
            None if separates(&tag_name(t)) => {
                if let Some(up) = open.last_mut() {
                    up.2 = true;
                }
            }
            None => {}
        }
    }
    if !moved.contains(&true) {
        return html.to_string();
    }
    // Pass 2: those marks' tags dropped, their words marked block by block.
    let mut out = String::with_capacity(html.len() + 64);
    let mut active: Vec<(&str, &str)> = Vec::new();
    let mut run = String::new();
    let mut heading = 0usize;
    let flush = |run: &mut String, out: &mut String, active: &[(&str, &str)], heading: usize| {
        let marks: Vec<&(&str, &str)> = active
            .iter()
            .filter(|(_, m)| heading == 0 || !matches!(*m, "b" | "strong"))
            .collect();
        let words = run.trim();
        if marks.is_empty() || (strip_tags(words).trim().is_empty() && !words.contains("<img")) {
            out.push_str(run);
        } else {
            out.push_str(&run[..run.len() - run.trim_start().len()]);
            for (tag, _) in &marks {
                out.push_str(tag);
            }
            out.push_str(words);
            for (_, m) in marks.iter().rev() {
                out.push_str(&format!("</{m}>"));
            }
            out.push_str(&run[run.trim_end().len()..]);
        }
        run.clear();
    };
    for (k, t) in toks.iter().enumerate() {
        if moved[k] {
            flush(&mut run, &mut out, &active, heading);
            match mark_of(t) {
                Some((m, false)) => active.push((t, m)),
                Some((m, true)) => {
                    if let Some(at) = active.iter().rposition(|a| a.1 == m) {
                        active.remove(at);
                    }
                }
                None => {}
            }
            continue;
        }
        let name = if t.starts_with('<') {
            tag_name(t)
        } else {
            String::new()
        };
        if separates(&name) {
            flush(&mut run, &mut out, &active, heading);
            if matches!(name.as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
                if t.starts_with("</") {
                    heading = heading.saturating_sub(1);
                } else {
                    heading += 1;
                }
            }
            out.push_str(t);
        } else {
            run.push_str(t);
        }
    }
    flush(&mut run, &mut out, &active, heading);
    out
}

/// Bold or italic around nothing but spaces and punctuation (`tiga<em>.
/// </em>Yakni`, as text pasted from a word processor has it) → the text
/// alone: Markdown cannot mark it, and readers would see `tiga*.* Yakni`.
fn hollow_marks(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        let tail = &rest[i..];
        let name = tag_name(tail);
        let head_end = tail.find('>').map_or(tail.len(), |k| k + 1);
        let mark = matches!(name.as_str(), "em" | "i" | "strong" | "b")
            && matches!(tail.as_bytes().get(1 + name.len()), Some(b'>' | b' '));
        let close = format!("</{name}>");
        let hollow = mark
            .then(|| tail[head_end..].find(&close).map(|k| head_end + k))
            .flatten()
            .filter(|&end| {
                let inner = &tail[head_end..end];
                !inner.contains('<')
                    && !inner.is_empty()
                    && !plain(inner).chars().any(char::is_alphanumeric)
            });
        out.push_str(&rest[..i]);
        let end = mark
            .then(|| tail[head_end..].find(&close).map(|k| head_end + k))
            .flatten()
            .filter(|&end| !tail[head_end..end].contains('<'));
        match (hollow, end) {
            (Some(end), _) => {
                out.push_str(&tail[head_end..end]);
                rest = &tail[end + close.len()..];
            }
            // Punctuation at a mark's edge next to a letter outside it
            // (`A<strong>. The Days</strong>`) goes outside: `A**. The
            // Days**` is no bold in Markdown, its `**` shown as typed.
            (None, Some(end)) => {
                let inner = &tail[head_end..end];
                let edge = |c: char| {
                    c.is_whitespace() || (c.is_ascii_punctuation() && c != '&' && c != ';')
                };
                let after = &tail[end + close.len()..];
                // (A space at the edge already lets the mark be: the
                // converter moves it outside.)
                let punct = |c: Option<char>| c.is_some_and(|c| edge(c) && !c.is_whitespace());
                let lead = if out.chars().last().is_some_and(char::is_alphanumeric)
                    && punct(inner.chars().next())
                {
                    inner.len() - inner.trim_start_matches(edge).len()
                } else {
                    0
                };
                let trail = if after.chars().next().is_some_and(char::is_alphanumeric)
                    && punct(inner.chars().last())
                {
                    inner.len() - inner.trim_end_matches(edge).len()
                } else {
                    0
                };
                out.push_str(&inner[..lead]);
                out.push_str(&tail[..head_end]);
                out.push_str(&inner[lead..inner.len() - trail]);
                out.push_str(&close);
                out.push_str(&inner[inner.len() - trail..]);
                rest = after;
            }
            (None, None) => {
                out.push_str(&tail[..head_end]);
                rest = &tail[head_end..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Links around nothing a reader sees (`<a href="foto.jpg">\n</a>`, left
/// where a photo was taken out) → gone: invisible, but a screen reader
/// announces each, and Markdown shows `[](foto.jpg)`. An anchor with an
/// `id` (a link's target) stays.
fn empty_links(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("<a ") {
        let tail = &rest[i..];
        let head_end = tail.find('>').map_or(tail.len(), |k| k + 1);
        let head = &tail[..head_end];
        let empty = tail[head_end..].find("</a>").filter(|&k| {
            let inner = tail[head_end..head_end + k].replace("<br>", "");
            !inner.contains('<') && inner.trim().is_empty()
        });
        out.push_str(&rest[..i]);
        // A button whose address was never filled in (`href=""`, `#`)
        // leads nowhere: its words stay, as text.
        let nowhere = attr(head, "href").is_some_and(|h| matches!(h.trim(), "" | "#"));
        let unwrap = empty.or_else(|| nowhere.then(|| tail[head_end..].find("</a>")).flatten());
        match unwrap {
            Some(k) if attr(head, "id").is_none() && attr(head, "name").is_none() => {
                out.push_str(&tail[head_end..head_end + k]);
                rest = &tail[head_end + k + "</a>".len()..];
            }
            _ => {
                out.push_str(head);
                rest = &tail[head_end..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The post's HTML through the same kind of whitelist as stories' raw HTML.
fn sanitise(html: &str) -> String {
    let mut b = ammonia::Builder::default();
    b.add_tags(["figure", "figcaption"]);
    // A span with its class and style gone is markup a writer would have to
    // read around (`## <span>Judul</span>`): its text stays.
    b.rm_tags(["span"]);
    // Markdown has no way to say a paragraph's language: kept, `lang` would
    // leave it raw HTML (an embedded tweet's `<p lang="in">`).
    b.rm_generic_attributes(["lang"]);
    // cerita measures photos itself; sizes kept would hold them as HTML.
    // `align` (the classic editor's float) would keep a photo as HTML too.
    b.rm_tag_attributes("img", &["width", "height", "srcset", "sizes", "align"]);
    b.url_schemes(["http", "https", "mailto", "tel"].into_iter().collect());
    b.link_rel(None);
    b.clean(html).to_string()
}

/// Text with HTML entities decoded and whitespace collapsed.
pub(super) fn plain(s: &str) -> String {
    let decoded = quick_xml::escape::unescape_with(s, quick_xml::escape::resolve_html5_entity)
        .map(|c| c.into_owned())
        .unwrap_or_else(|_| s.to_string());
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text with its HTML tags (`<em>`, `</b>`) dropped and anything else
/// kept: a `<` that opens no tag (`a < b`, `<3`) stays.
pub(super) fn strip_markup(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let opens_tag = tail[1..]
            .trim_start_matches('/')
            .starts_with(|c: char| c.is_ascii_alphabetic());
        let end = tail[1..]
            .find(['<', '>'])
            .filter(|&j| tail.as_bytes()[j + 1] == b'>');
        match (opens_tag, end) {
            (true, Some(j)) => rest = &tail[j + 2..],
            _ => {
                out.push('<');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text of some HTML: tags dropped, a space where a block or line
/// break ended.
pub(super) fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut tag: Option<String> = None;
    for c in html.chars() {
        match (&mut tag, c) {
            (None, '<') => tag = Some(String::new()),
            (Some(t), '>') => {
                let name: String = t
                    .trim_start_matches('/')
                    .chars()
                    .take_while(char::is_ascii_alphanumeric)
                    .collect::<String>()
                    .to_ascii_lowercase();
                if matches!(
                    name.as_str(),
                    "p" | "br"
                        | "div"
                        | "li"
                        | "h1"
                        | "h2"
                        | "h3"
                        | "h4"
                        | "h5"
                        | "h6"
                        | "td"
                        | "th"
                        | "tr"
                        | "blockquote"
                ) {
                    out.push(' ');
                }
                tag = None;
            }
            (Some(t), c) => t.push(c),
            (None, c) => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preformatted_code_is_a_fenced_block_in_its_language_every_line_kept() {
        let (out, _) = md(
            "<p>Lihat:</p>\n<pre name=\"code\" class=\"python\">\nfrom a import b\n\n\n@login_required\ndef v(r):\n    if n &gt; 2 and s == &quot;x&quot;:\n        pass\n</pre>\n<p>Lalu:</p><pre class=\"brush: js; gutter: false\"><span class=\"kw\">var</span> a = 1;<br>a++;</pre><pre><code class=\"language-rust\">fn main() {}</code></pre>",
        );
        assert_eq!(
            out,
            "Lihat:\n\n```python\nfrom a import b\n\n\n@login_required\ndef v(r):\n    if n > 2 and s == \"x\":\n        pass\n```\n\nLalu:\n\n```js\nvar a = 1;\na++;\n```\n\n```rust\nfn main() {}\n```\n"
        );
    }

    #[test]
    fn a_script_written_as_xml_keeps_the_rest_of_the_post_and_a_gist_is_a_link() {
        let (out, _) = md(
            "<p>An example follows:</p>\n<script src='http://gist.github.com/465477.js?file=nest-example-usage.rb' />\n<p>Another important thing.</p>\n<script type=\"text/javascript\" src=\"https://ads.example/x.js\"/>\n<h2>Next</h2>\n<p>More words.</p><script>var x = 1;</script><p>Last.</p>",
        );
        assert_eq!(
            out,
            "An example follows:\n\n[Gist: nest-example-usage.rb](https://gist.github.com/465477#file-nest-example-usage-rb)\n\nAnother important thing.\n\n## Next\n\nMore words.\n\nLast.\n"
        );
        // An opening tag never closed takes nothing with it.
        let (out, _) =
            md("<p>Teks satu.</p><script src=\"https://x.example/a.js\"><p>Teks dua.</p>");
        assert!(
            out.contains("Teks satu.") && out.contains("Teks dua."),
            "{out}"
        );
    }

    #[test]
    fn smileys_are_their_words_and_tracking_pixels_go() {
        let (out, _) = md(
            "<p>it’s me <img class=\"wp-smiley\" src=\"http://s0.wp.com/wp-includes/images/smilies/icon_smile.gif\" alt=\":-)\" /> and <img draggable=\"false\" role=\"img\" class=\"emoji\" alt=\"✨\" src=\"https://s.w.org/images/core/emoji/72x72/2728.png\"> done.</p>\n<p><a rel=\"nofollow\" href=\"http://feeds.wordpress.com/1.0/gocomments/x.wordpress.com/5/\"><img alt=\"\" border=\"0\" src=\"http://feeds.wordpress.com/1.0/comments/x.wordpress.com/5/\" /></a> <img alt=\"\" border=\"0\" src=\"https://pixel.wp.com/b.gif?host=x&#038;blog=1&#038;post=5\" width=\"1\" height=\"1\" /></p><p><img src=\"https://x.example/foto.jpg\" alt=\"Rapat\"></p>",
        );
        assert_eq!(
            out,
            "it’s me :-) and ✨ done.\n\n![Rapat](https://x.example/foto.jpg)\n"
        );
    }

    fn md(html: &str) -> (String, Found) {
        let mut f = Found::default();
        let out = to_markdown(
            html,
            &[],
            &|ids: &[u64]| {
                ids.iter()
                    .map(|i| {
                        (
                            format!("https://lama.example/wp-content/uploads/{i}.jpg"),
                            format!("Foto {i}"),
                        )
                    })
                    .collect()
            },
            &mut f,
        );
        (out, f)
    }

    /// An address alone on a line, which WordPress embeds, is a link to
    /// what it showed (a video: the video shortcode).
    #[test]
    fn an_address_alone_on_a_line_is_a_link() {
        let (out, _) = md(
            "Lihat:\n\nhttps://twitter.com/WordPress/status/1057136472321613824\n\nhttps://youtu.be/ex8fMxXJDJw\n\nTeks https://contoh.org di kalimat.",
        );
        assert!(
            out.contains("[https://twitter.com/WordPress/status/1057136472321613824](https://twitter.com/WordPress/status/1057136472321613824)"),
            "{out}"
        );
        assert!(
            out.contains("{{ video(url=\"https://youtu.be/ex8fMxXJDJw\") }}"),
            "{out}"
        );
        assert!(out.contains("Teks https://contoh.org di kalimat."), "{out}");
    }

    #[test]
    fn a_body_with_first_level_headings_moves_them_down_a_level() {
        let (out, _) = md("<h1>Latar</h1><p>Isi.</p><h2>Rincian</h2><p>Lagi.</p>");
        assert!(out.starts_with("## Latar\n\nIsi.\n\n### Rincian"), "{out}");
        let (out, _) = md("<h2>Latar</h2><p>Isi.</p>");
        assert!(out.starts_with("## Latar"), "{out}");
    }

    #[test]
    fn titles_lose_their_tags_and_keep_their_text() {
        assert_eq!(
            strip_markup("Markup: Title <em>With</em> <b>Mark<sup>up</sup></b>"),
            "Markup: Title With Markup"
        );
        assert_eq!(strip_markup("a < b, <3 <> c>"), "a < b, <3 <> c>");
        assert_eq!(strip_markup("ujung <i"), "ujung <i");
    }

    #[test]
    fn classic_text_gets_paragraphs_and_breaks() {
        let (out, _) = md("Baris satu\nbaris dua\n\nParagraf <strong>kedua</strong>.");
        assert_eq!(out, "Baris satu  \nbaris dua\n\nParagraf **kedua**.\n");
    }

    #[test]
    fn the_more_mark_stays() {
        let (out, _) = md("Pembuka cerita.\n<!--more-->\nLanjutan.");
        assert_eq!(out, "Pembuka cerita.\n\n<!-- more -->\n\nLanjutan.\n");
        let (out, _) = md(
            "<!-- wp:paragraph --><p>A</p><!-- /wp:paragraph --><!-- wp:more --><!--more--><!-- /wp:more --><p>B</p>",
        );
        assert!(out.contains("<!-- more -->"), "{out}");
    }

    /// Blocks the old site drew on each visit (a Jetpack contact form and
    /// its fields, a donor dashboard, latest posts, a reusable block) are
    /// named once each, by the outermost, instead of going silently; blocks
    /// that keep their HTML, and empty core ones, are not.
    #[test]
    fn blocks_drawn_by_the_old_site_are_named() {
        let (out, f) = md(concat!(
            "<!-- wp:paragraph --><p>Daftar:</p><!-- /wp:paragraph -->\n",
            "<!-- wp:jetpack/contact-form {\"subject\":\"Daftar\"} -->\n",
            "<!-- wp:jetpack/field-name {\"required\":true} /-->\n\n",
            "<!-- wp:jetpack/field-email {\"required\":true} /-->\n",
            "<!-- /wp:jetpack/contact-form -->\n",
            "<!-- wp:give/donor-dashboard {\"align\":\"wide\"} /-->\n",
            "<!-- wp:latest-posts /-->\n<!-- wp:block {\"ref\":9} /-->\n",
            "<!-- wp:columns --><!-- wp:column --><!-- /wp:column --><!-- /wp:columns -->\n",
            "<!-- wp:spacer --><div style=\"height:20px\" aria-hidden=\"true\" class=\"wp-block-spacer\"></div><!-- /wp:spacer -->",
        ));
        assert_eq!(out, "Daftar:\n");
        assert_eq!(
            f.dynamic_blocks.iter().collect::<Vec<_>>(),
            [
                "wp:block",
                "wp:give/donor-dashboard",
                "wp:jetpack/contact-form",
                "wp:latest-posts"
            ]
        );
    }

    /// The classic editor's `align` on a photo (WordPress 2.x wrote it)
    /// does not keep the photo as raw HTML.
    #[test]
    fn an_aligned_photo_is_a_markdown_image() {
        let (out, _) = md(
            "<img src=\"http://x.example/lilin.jpg\" align=\"left\" height=\"416\" width=\"300\" />\n\n62 Tahun bukan waktu yang singkat.",
        );
        assert_eq!(
            out,
            "![](http://x.example/lilin.jpg)\n\n62 Tahun bukan waktu yang singkat.\n"
        );
    }

    #[test]
    fn block_editor_comments_go() {
        let (out, _) = md(
            "<!-- wp:paragraph -->\n<p>Halo</p>\n<!-- /wp:paragraph -->\n<!-- wp:heading -->\n<h2>Judul</h2>\n<!-- /wp:heading -->",
        );
        assert_eq!(out, "Halo\n\n## Judul\n");
    }

    #[test]
    fn shortcodes_become_what_cerita_shows() {
        let (out, f) = md(
            "[caption id=\"a\" align=\"alignnone\" width=\"300\"]<a href=\"https://x/f.jpg\"><img src=\"https://x/f-300x200.jpg\" alt=\"Ibu-ibu\" /></a> Diskusi <em>warga</em> &amp; \"kader\"[/caption]\n\n[gallery ids=\"7,8\"]\n\n[embed]https://youtu.be/aqz-KE-bpKQ[/embed]\n\n[embed]https://youtu.be/abc[/embed]\n\n[contact-form-7 id=\"5\"]\n\nhttps://www.youtube.com/watch?v=aqz-KE-bpKQ&amp;t=30\n\n<iframe src=\"https://player.vimeo.com/video/76979871\"></iframe>\n\n[video mp4=\"https://lama.example/wp-content/uploads/sesi.mp4\"][/video]\n\n[audio mp3=\"https://lama.example/wp-content/uploads/siaran.mp3\"][/audio]\n\n[facebook url=\"https://www.facebook.com/walhi.nasional/videos/1234567890123456/\"]\n\n[facebook https://www.facebook.com/walhi.nasional/posts/pfbid02abc]",
        );
        let lines: Vec<&str> = out.lines().filter(|l| l.starts_with("{{")).collect();
        assert_eq!(
            lines,
            [
                r#"{{ figure(src="https://x/f-300x200.jpg", alt="Ibu-ibu", caption="Diskusi warga & \"kader\"") }}"#,
                r#"{{ gallery(images=["https://lama.example/wp-content/uploads/7.jpg", "https://lama.example/wp-content/uploads/8.jpg"], captions=["Foto 7", "Foto 8"]) }}"#,
                r#"{{ video(url="https://youtu.be/aqz-KE-bpKQ") }}"#,
                r#"{{ video(url="https://www.youtube.com/watch?v=aqz-KE-bpKQ&t=30") }}"#,
                r#"{{ video(url="https://player.vimeo.com/video/76979871") }}"#,
                r#"{{ video(url="https://lama.example/wp-content/uploads/sesi.mp4") }}"#,
                r#"{{ audio(url="https://lama.example/wp-content/uploads/siaran.mp3") }}"#,
                r#"{{ video(url="https://www.facebook.com/walhi.nasional/videos/1234567890123456/") }}"#,
            ],
            "{out}"
        );
        // What is not a video stays a link to it: a Facebook post too.
        assert!(
            out.contains("[https://youtu.be/abc](https://youtu.be/abc)"),
            "{out}"
        );
        assert!(
            out.contains("(https://www.facebook.com/walhi.nasional/posts/pfbid02abc)"),
            "{out}"
        );
        // A form a static site cannot take is left out and listed.
        assert!(!out.contains("contact-form-7"), "{out}");
        assert!(
            f.unknown_shortcodes.is_empty(),
            "{:?}",
            f.unknown_shortcodes
        );
        assert_eq!(
            f.builder_widgets.into_iter().collect::<Vec<_>>(),
            ["contact-form-7"]
        );
    }

    #[test]
    fn nothing_dangerous_survives() {
        let (out, _) = md(
            "<p onclick=\"x()\">Teks <a href=\"javascript:alert(1)\">tautan</a></p><script>alert(1)</script><style>p{}</style><iframe src=\"https://evil.example/\"></iframe><iframe src=\"https://www.youtube.com/embed/abc\"></iframe>",
        );
        for bad in ["<script", "onclick", "javascript:", "<style", "<iframe"] {
            assert!(!out.contains(bad), "{bad} in {out}");
        }
        // What was embedded is a plain link now: nothing loads from there.
        assert!(
            out.contains("[https://evil.example/](https://evil.example/)"),
            "{out}"
        );
        assert!(out.contains("Teks") && out.contains("tautan"), "{out}");
        assert!(out.contains("https://www.youtube.com/embed/abc"), "{out}");
    }

    #[test]
    fn classic_blocks_next_to_text_stay_blocks() {
        let (out, _) = md(
            "Teks sebelum tabel.\n<table>\n<tbody>\n<tr>\n<td>!</td>\n<td>&amp;</td>\n</tr>\n</tbody>\n</table>\nTeks sesudah.\n<h2>Judul</h2>\nParagraf\nbaris dua.\n<pre>kode\n\n  menjorok</pre>",
        );
        assert!(
            out.contains("Teks sebelum tabel.\n\n|   |   |\n| --- | --- |\n| ! |"),
            "{out}"
        );
        assert!(
            out.contains("| ! | & |") || out.contains("| ! | &amp; |"),
            "{out}"
        );
        assert!(
            out.contains("Teks sesudah.\n\n## Judul\n\nParagraf  \nbaris dua."),
            "{out}"
        );
        // `<pre>` is a fenced block, its blank line and indent kept.
        assert!(out.contains("```\nkode\n\n  menjorok\n```"), "{out}");
    }

    #[test]
    fn gutenberg_embed_blocks_become_a_video_or_a_link() {
        let (out, _) = md(
            "<!-- wp:embed -->\n<figure class=\"wp-block-embed-youtube wp-block-embed is-type-video\"><div class=\"wp-block-embed__wrapper\">\nhttps://youtu.be/ex8fMxXJDJw\n</div><figcaption>Rekaman sesi</figcaption></figure>\n<!-- /wp:embed -->\n<!-- wp:embed -->\n<figure class=\"wp-block-embed-twitter wp-block-embed\"><div class=\"wp-block-embed__wrapper\">\nhttps://twitter.com/WordPress/status/1057136472321613824\n</div></figure>\n<!-- /wp:embed -->",
        );
        assert_eq!(
            out,
            "{{ video(url=\"https://youtu.be/ex8fMxXJDJw\") }}\n\n*Rekaman sesi*\n\n[https://twitter.com/WordPress/status/1057136472321613824](https://twitter.com/WordPress/status/1057136472321613824)\n"
        );
    }

    /// Facebook videos as old posts hold them: the embed code Facebook's
    /// "Embed" menu gives (the SDK's `fb-video` element, or the player's
    /// iframe), and an address alone on a line (WordPress embedded it until
    /// 2020). A Drive iframe may be a document, and stays a link.
    #[test]
    fn facebook_embeds_become_videos_and_a_drive_iframe_a_link() {
        let (out, _) = md(
            "<p>Siaran langsung:</p>\n<div id=\"fb-root\"></div><script async defer src=\"https://connect.facebook.net/id_ID/sdk.js#xfbml=1&version=v3.2\"></script><div class=\"fb-video\" data-href=\"/SolidaritasPerempuan/videos/vb.147898618589980/961137040599463/?type=3\" data-allowfullscreen=\"true\"><div class=\"fb-xfbml-parse-ignore\"><blockquote cite=\"https://www.facebook.com/SolidaritasPerempuan/videos/961137040599463/\"><p>Webinar</p>Posted by <a href=\"https://www.facebook.com/SolidaritasPerempuan\">SP</a></blockquote></div></div>\n<p>Ulangan:</p>\n<iframe src=\"https://www.facebook.com/plugins/video.php?height=314&amp;href=https%3A%2F%2Fwww.facebook.com%2Fwalhi.nasional%2Fvideos%2F1234567890123456%2F&amp;show_text=false&amp;width=560&amp;t=0\" width=\"560\" height=\"314\"></iframe>\n<p>https://web.facebook.com/watch/?v=2233445566778899</p>\n<iframe src=\"https://drive.google.com/file/d/1AbC-dEf_GhIjKlMnOpQrStUvWxYz0123/preview\"></iframe>",
        );
        assert_eq!(
            out,
            "Siaran langsung:\n\n{{ video(url=\"https://www.facebook.com/SolidaritasPerempuan/videos/961137040599463/\") }}\n\nUlangan:\n\n{{ video(url=\"https://www.facebook.com/walhi.nasional/videos/1234567890123456/\") }}\n\n{{ video(url=\"https://www.facebook.com/watch/?v=2233445566778899\") }}\n\n[https://drive.google.com/file/d/1AbC-dEf\\_GhIjKlMnOpQrStUvWxYz0123/preview](https://drive.google.com/file/d/1AbC-dEf_GhIjKlMnOpQrStUvWxYz0123/preview)\n"
        );
    }

    /// Posts embedded from Instagram and X/Twitter read as quotes: the
    /// caption, who posted it and a link to the post, without Instagram's
    /// empty links, its English "View this post" or tracking queries, and
    /// a tweet's paragraph without the `lang` that kept it raw HTML. (The
    /// embed code as Instagram's and X's "Embed" menus give it.)
    #[test]
    fn instagram_and_twitter_embeds_read_as_quotes() {
        let (out, _) = md(
            "<p>Kegiatan kami:</p>\n<blockquote class=\"instagram-media\" data-instgrm-captioned data-instgrm-permalink=\"https://www.instagram.com/p/CKx1aBcDeFg/?utm_source=ig_embed&amp;utm_campaign=loading\" data-instgrm-version=\"13\" style=\" background:#FFF; border:0; border-radius:3px; box-shadow:0 0 1px 0 rgba(0,0,0,0.5),0 1px 10px 0 rgba(0,0,0,0.15); margin: 1px; max-width:540px; min-width:326px; padding:0; width:99.375%; width:-webkit-calc(100% - 2px); width:calc(100% - 2px);\"><div style=\"padding:16px;\"> <a href=\"https://www.instagram.com/p/CKx1aBcDeFg/?utm_source=ig_embed&amp;utm_campaign=loading\" style=\" background:#FFFFFF; line-height:0; padding:0 0; text-align:center; text-decoration:none; width:100%;\" target=\"_blank\"> <div style=\" display: flex; flex-direction: row; align-items: center;\"> <div style=\"background-color: #F4F4F4; border-radius: 50%; flex-grow: 0; height: 40px; margin-right: 14px; width: 40px;\"></div> <div style=\"display: flex; flex-direction: column; flex-grow: 1; justify-content: center;\"> <div style=\" background-color: #F4F4F4; border-radius: 4px; flex-grow: 0; height: 14px; margin-bottom: 6px; width: 100px;\"></div></div></div><div style=\"padding: 19% 0;\"></div> <div style=\"display:block; height:50px; margin:0 auto 12px; width:50px;\"><svg width=\"50px\" height=\"50px\" viewBox=\"0 0 60 60\" version=\"1.1\" xmlns=\"https://www.w3.org/2000/svg\"><g stroke=\"none\" stroke-width=\"1\" fill=\"none\" fill-rule=\"evenodd\"><g transform=\"translate(-511.000000, -20.000000)\" fill=\"#000000\"><g><path d=\"M556.869,30.41 C554.814,30.41\"></path></g></g></g></svg></div><div style=\"padding-top: 8px;\"> <div style=\" color:#3897f0; font-family:Arial,sans-serif; font-size:14px; font-style:normal; font-weight:550; line-height:18px;\"> View this post on Instagram</div></div><div style=\"padding: 12.5% 0;\"></div></a> <p style=\" margin:8px 0 0 0; padding:0 4px;\"> <a href=\"https://www.instagram.com/p/CKx1aBcDeFg/?utm_source=ig_embed&amp;utm_campaign=loading\" style=\" color:#000; font-family:Arial,sans-serif; font-size:14px;\" target=\"_blank\">Pelatihan paralegal perempuan di Lombok Timur, 12–14 Januari 2021.</a></p> <p style=\" color:#c9c8cd; font-family:Arial,sans-serif; font-size:14px; line-height:17px; margin-bottom:0; margin-top:8px; overflow:hidden; padding:8px 0 7px; text-align:center; text-overflow:ellipsis; white-space:nowrap;\">A post shared by <a href=\"https://www.instagram.com/solidaritasperempuan/?utm_source=ig_embed&amp;utm_campaign=loading\" style=\" color:#c9c8cd; font-family:Arial,sans-serif; font-size:14px; font-style:normal; font-weight:normal; line-height:17px;\" target=\"_blank\"> Solidaritas Perempuan</a> (@solidaritasperempuan) on <time style=\" font-family:Arial,sans-serif; font-size:14px; line-height:17px;\" datetime=\"2021-01-15T03:12:45+00:00\">Jan 14, 2021 at 7:12pm PST</time></p></div></blockquote> <script async src=\"//www.instagram.com/embed.js\"></script>\n<p>Twit:</p>\n<blockquote class=\"twitter-tweet\"><p lang=\"in\" dir=\"ltr\">Hari ini kami menggelar pelatihan paralegal di Lombok Timur. <a href=\"https://t.co/abc\">pic.twitter.com/abc</a></p>&mdash; Solidaritas Perempuan (@SolidaritasP) <a href=\"https://twitter.com/SolidaritasP/status/1350000000000000000?ref_src=twsrc%5Etfw\">January 15, 2021</a></blockquote> <script async src=\"https://platform.twitter.com/widgets.js\" charset=\"utf-8\"></script>\n",
        );
        assert_eq!(
            out,
            "Kegiatan kami:\n\n> Pelatihan paralegal perempuan di Lombok Timur, 12–14 Januari 2021.\n> \n> — Solidaritas Perempuan (@solidaritasperempuan), [instagram.com/p/CKx1aBcDeFg](https://www.instagram.com/p/CKx1aBcDeFg/)\n\nTwit:\n\n> Hari ini kami menggelar pelatihan paralegal di Lombok Timur. [pic.twitter.com/abc](https://t.co/abc)\n> \n> — Solidaritas Perempuan (@SolidaritasP) [January 15, 2021](https://twitter.com/SolidaritasP/status/1350000000000000000?ref_src=twsrc%5Etfw)\n"
        );
        // Not captioned (its "shared by" line linking to the post), who
        // posted it and the post's address.
        let (out, _) = md(
            "<blockquote class=\"instagram-media\" data-instgrm-permalink=\"https://www.instagram.com/p/CKx1aBcDeFg/\"><div><p><a href=\"https://www.instagram.com/p/CKx1aBcDeFg/\">A post shared by Solidaritas Perempuan (@solidaritasperempuan)</a></p></div></blockquote>",
        );
        assert_eq!(
            out,
            "> [instagram.com/p/CKx1aBcDeFg](https://www.instagram.com/p/CKx1aBcDeFg/)\n"
        );
        // Not captioned, the post's address alone.
        let (out, _) = md(
            "<blockquote class=\"instagram-media\" data-instgrm-permalink=\"https://www.instagram.com/reel/Cz9xYz/?utm_source=ig_embed\"><div><a href=\"https://www.instagram.com/reel/Cz9xYz/?utm_source=ig_embed\"><div>View this post on Instagram</div></a></div></blockquote>",
        );
        assert_eq!(
            out,
            "> [instagram.com/reel/Cz9xYz](https://www.instagram.com/reel/Cz9xYz/)\n"
        );
    }

    /// A captioned photo keeps where it leads when that is not the photo
    /// itself, and its caption's links; the link WordPress puts around a
    /// photo to its own file or attachment page goes (the versions
    /// replace it); Markdown's marks in the caption's text are escaped.
    #[test]
    fn captions_keep_their_links_and_photos_where_they_lead() {
        let (out, _) = md(
            "[caption id=\"attachment_5\" caption=\"NWFP UET\"]<a href=\"http://osum.sun.com/group/nwfpuet\"><img src=\"https://x/Logo3.jpg\" alt=\"NWFP UET\" /></a>[/caption]",
        );
        assert!(
            out.contains("{{ figure(src=\"https://x/Logo3.jpg\", alt=\"NWFP UET\", caption=\"NWFP UET\", link=\"http://osum.sun.com/group/nwfpuet\") }}"),
            "{out}"
        );
        let (out, _) = md(
            "[caption id=\"a\"]<a href=\"https://x/wp-content/uploads/f.jpg\"><img src=\"https://x/wp-content/uploads/f-300x200.jpg\" alt=\"Rapat\" /></a> Foto: <a href=\"https://media.example.org/tim\">Tim <em>Media</em></a> *arsip*[/caption]",
        );
        assert!(
            out.contains(
                "caption=\"Foto: [Tim Media](https://media.example.org/tim) \\\\*arsip\\\\*\")"
            ) && !out.contains("link="),
            "{out}"
        );
        let (out, _) = md(
            "<!-- wp:image -->\n<figure class=\"wp-block-image\"><a href=\"https://www.bi.go.id/id/fungsi-utama/\"><img src=\"https://x/wp-content/uploads/bi.png\" alt=\"Logo BI\"/></a><figcaption>Sumber: <a href=\"https://www.bi.go.id\">Bank Indonesia</a></figcaption></figure>\n<!-- /wp:image -->",
        );
        assert!(
            out.contains("caption=\"Sumber: [Bank Indonesia](https://www.bi.go.id)\", link=\"https://www.bi.go.id/id/fungsi-utama/\")"),
            "{out}"
        );
    }

    /// Blogger's captioned photo (a table of the photo and its caption)
    /// is the figure shortcode with its caption, not a raw table.
    #[test]
    fn bloggers_captioned_photos_are_figures() {
        let (out, _) = md(
            "<table align=\"center\" cellpadding=\"0\" cellspacing=\"0\" class=\"tr-caption-container\" style=\"margin-left: auto;\"><tbody><tr><td style=\"text-align: center;\"><a href=\"https://blogger.googleusercontent.com/img/b/R29v/s1600/panjat.jpg\" style=\"margin-left: auto;\"><img border=\"0\" data-original-height=\"1200\" src=\"https://blogger.googleusercontent.com/img/b/R29v/w400-h300/panjat.jpg\" width=\"400\" /></a></td></tr><tr><td class=\"tr-caption\" style=\"text-align: center;\">Lomba panjat pinang, <i>17 Agustus</i></td></tr></tbody></table>Warga berkumpul.<br />",
        );
        assert!(
            out.starts_with("{{ figure(src=\"https://blogger.googleusercontent.com/img/b/R29v/w400-h300/panjat.jpg\", caption=\"Lomba panjat pinang, 17 Agustus\") }}")
                && out.contains("Warga berkumpul.")
                && !out.contains("<table"),
            "{out}"
        );
    }

    /// A plain `<figure>` of one photo is the figure shortcode, as an
    /// image block is: raw, its photo's address would not reach the copy
    /// beside the story from the page's own address.
    #[test]
    fn a_plain_figure_of_one_photo_is_a_figure() {
        let (out, _) = md(
            "<figure><img src=\"https://x/wp-content/uploads/2025/07/1.png\" alt=\"Tim\" /></figure><figure><img src=\"https://x/wp-content/uploads/2025/07/2.png\" alt=\"\" /><figcaption>Kedua</figcaption></figure>",
        );
        assert!(
            out.contains("{{ figure(src=\"https://x/wp-content/uploads/2025/07/1.png\", alt=\"Tim\") }}")
                && out.contains("{{ figure(src=\"https://x/wp-content/uploads/2025/07/2.png\", caption=\"Kedua\") }}")
                && !out.contains("<figure"),
            "{out}"
        );
    }

    /// What the review found: a figure with more than its photo stays
    /// HTML (nothing lost), a caption that starts like a list is text, a
    /// camera's first word before a description keeps the description.
    #[test]
    fn figures_and_captions_lose_nothing() {
        let (out, _) =
            md("<figure><img src=\"https://x/a.jpg\" alt=\"A\"><p>Keterangan panjang</p></figure>");
        assert!(
            out.contains("Keterangan panjang") && !out.contains("{{ figure"),
            "{out}"
        );
        let (out, _) = md(
            "[caption id=\"a\"]<img src=\"https://x/b.jpg\" alt=\"B\" /> 1. Rapat pembukaan[/caption]",
        );
        assert!(out.contains("caption=\"1\\\\. Rapat pembukaan\""), "{out}");
        let (out, _) =
            md("<p><img src=\"http://x/c.jpg\" alt=\"Photo 2019: warga menanam 100 pohon\"></p>");
        assert!(
            out.contains("![Photo 2019: warga menanam 100 pohon]"),
            "{out}"
        );
    }

    /// Jetpack's related posts leave no orphan heading; a photo pasted
    /// into a heading is a paragraph; Jetpack's map shortcode a link to
    /// the map; Ultimate Member's pages left out as forms are.
    #[test]
    fn plugin_blocks_and_pasted_headings() {
        let (out, f) = md(
            "<!-- wp:paragraph --><p>Isi.</p><!-- /wp:paragraph -->\n<!-- wp:jetpack/related-posts {\"headline\":\"More like this\"} -->\n<h2 class=\"wp-block-heading\">More like this</h2>\n<!-- /wp:jetpack/related-posts -->",
        );
        assert_eq!(out, "Isi.\n");
        assert!(
            f.dynamic_blocks.contains("wp:jetpack/related-posts"),
            "{:?}",
            f.dynamic_blocks
        );
        let (out, _) = md(
            "<h2><img src=\"https://lh3.googleusercontent.com/x\" alt=\"Bagan\"></h2><p>Teks.</p>",
        );
        assert_eq!(
            out,
            "![Bagan](https://lh3.googleusercontent.com/x)\n\nTeks.\n"
        );
        let (out, f) = md(
            "<p>[googlemaps https://www.google.com/maps/embed?pb=!1m18&amp;w=600]</p><p>[ultimatemember form_id=\"1027\"]</p>",
        );
        assert!(
            out.contains("(https://www.google.com/maps/embed?pb=!1m18&w=600)")
                && !out.contains("ultimatemember"),
            "{out}"
        );
        assert!(
            f.unknown_shortcodes.is_empty(),
            "{:?}",
            f.unknown_shortcodes
        );
    }

    /// A Facebook post embedded by its plugin's frame is a link to the
    /// post itself; an empty heading (a spacer) leaves no `##` behind.
    #[test]
    fn facebook_plugin_frames_and_empty_headings() {
        let (out, _) = md(
            "<iframe src=\"https://www.facebook.com/plugins/post.php?href=https%3A%2F%2Fwww.facebook.com%2Fgenbi%2Fposts%2F123456&amp;show_text=true&amp;width=500\" width=\"500\"></iframe>",
        );
        assert!(
            out.contains("(https://www.facebook.com/genbi/posts/123456)")
                && !out.contains("plugins"),
            "{out}"
        );
        let (out, _) = md("<h1>&nbsp;</h1><p>Isi.</p><h2> </h2><h3>Judul</h3>");
        assert_eq!(out, "Isi.\n\n### Judul\n");
    }

    /// The classic editor's styled spans keep what they say: struck
    /// through, underlined, bold and italic; a word processor's normal
    /// weight is plain, and nested spans close in order.
    #[test]
    fn styled_spans_keep_their_meaning() {
        let (out, _) = md(
            "<p><span style=\"text-decoration: line-through;\">tidak</span> gratis, <span style=\"text-decoration:underline\">penting</span>.</p>",
        );
        assert_eq!(out, "~~tidak~~ gratis, <u>penting</u>.\n");
        let (out, _) = md(
            "<p><span style=\"font-weight: 400;\">Biasa </span><span style=\"font-weight: 700;\">tebal</span> <span style=\"font-style: italic; font-weight: bold\">keduanya</span></p>",
        );
        assert_eq!(out, "Biasa **tebal** ***keduanya***\n");
        let (out, _) = md(
            "<p><span style=\"font-style:italic\">luar <span style=\"font-weight:bold\">dalam</span> lagi</span></p>",
        );
        assert_eq!(out, "*luar **dalam** lagi*\n");
        // Unclosed: left as it is, the sanitiser drops it.
        let (out, _) = md("<p><span style=\"font-weight:bold\">tanpa akhir</p>");
        assert!(!out.contains("span"), "{out}");
    }

    /// Struck-through words are Markdown's `~~…~~`, spaces outside; an
    /// alt text that is only the photo's file name goes (the build then
    /// asks for a description), a writer's words stay.
    #[test]
    fn strikethrough_and_file_name_alt_texts() {
        let (out, _) = md(
            "<p>Kok <strike>bocah pegasus </strike>kucing, <del>lama</del> dan <s> baru</s>.</p>",
        );
        assert_eq!(
            out,
            "Kok ~~bocah pegasus~~ kucing, ~~lama~~ dan ~~baru~~.\n"
        );
        // Across a block or a line break it stays HTML: `~~` cannot span one.
        for html in [
            "<del><p>Satu.</p><p>Dua.</p></del>",
            "<p><s>satu<br>dua</s></p>",
            "<del><ul><li>a</li></ul></del>",
        ] {
            let (out, _) = md(html);
            assert!(!out.contains("~~"), "{html} → {out}");
        }
        // A tag whose name only starts like a block's is inline.
        let (out, _) = md("<p><del>lama <b>sekali</b></del></p>");
        assert_eq!(out, "~~lama **sekali**~~\n");
        let (out, _) = md(
            "<p><img src=\"http://x/porno2.jpg\" alt=\"porno2.jpg\"> <img src=\"http://x/rapat-warga-300x200.jpg\" alt=\"rapat-warga\"> <img src=\"http://x/a.jpg\" alt=\"IMG_4410\"> <img src=\"http://x/banjir-gresik-2019.jpg\" alt=\"Banjir Gresik 2019\"></p>",
        );
        assert_eq!(
            out,
            "![](http://x/porno2.jpg) ![](http://x/rapat-warga-300x200.jpg) ![](http://x/a.jpg) ![Banjir Gresik 2019](http://x/banjir-gresik-2019.jpg)\n"
        );
        // A Mac's screenshot as WordPress titled it, and any name with a
        // photo's extension.
        let (out, _) = md(
            "<p><img src=\"http://x/s.png\" alt=\"Screen Shot 2016-05-13 at 3.13.47 PM.png\"> <img src=\"http://x/b.jpg\" alt=\"Screen Shot 2016-05-13 at 3.13.47 PM\"> <img src=\"http://x/c.jpg\" alt=\"foto kegiatan.JPG\"> <img src=\"http://x/d.jpg\" alt=\"Screening film\"></p>",
        );
        assert_eq!(
            out,
            "![](http://x/s.png) ![](http://x/b.jpg) ![](http://x/c.jpg) ![Screening film](http://x/d.jpg)\n"
        );
    }

    /// Blogger's jump break ends the summary, as `<!--more-->` does.
    #[test]
    fn bloggers_jump_break_is_the_summary_end() {
        let (out, _) = md("<p>Pembuka.</p><a name='more'></a><p>Lanjutan.</p>");
        assert_eq!(out, "Pembuka.\n\n<!-- more -->\n\nLanjutan.\n");
        let (out, _) = md("Pembuka.<a name=\"more\"></a>\n\nLanjutan.");
        assert!(out.contains("<!-- more -->"), "{out}");
    }

    /// A post split into pages is one page, its parts after a rule; in a
    /// Gutenberg post too (a page-break block).
    #[test]
    fn a_post_split_into_pages_is_one_page_with_rules_between_parts() {
        let (out, _) = md("<p>Bagian satu.</p>\n<!--nextpage-->\n<p>Bagian dua.</p>");
        assert_eq!(out, "Bagian satu.\n\n* * *\n\nBagian dua.\n");
        let (out, _) = md(
            "<!-- wp:paragraph --><p>Satu.</p><!-- /wp:paragraph -->\n<!-- wp:nextpage -->\n<!--nextpage-->\n<!-- /wp:nextpage -->\n<!-- wp:paragraph --><p>Dua.</p><!-- /wp:paragraph -->",
        );
        assert_eq!(out, "Satu.\n\n* * *\n\nDua.\n");
    }

    /// A post's own table of contents keeps working: a heading's id, an id
    /// a TOC plugin put inside a heading, an old `<a name>` bookmark and an
    /// id elsewhere that a `#link` goes to are kept (as Markdown heading ids
    /// or an `<a id>`); ids nothing links to go, as empty spans do.
    #[test]
    fn ids_the_posts_own_links_go_to_are_kept() {
        let (out, _) = md(
            "<p>Isi: <a href=\"#bagian1\">satu</a>, <a href=\"#bagian2\">dua</a>, <a href=\"#Latar_Belakang\">latar</a>, <a href=\"#tabel\">tabel</a></p>\n<p><a name=\"bagian1\"></a>Isi bagian satu.</p>\n<h2 id=\"bagian2\">Bagian dua</h2>\n<h3><span class=\"ez-toc-section\" id=\"Latar_Belakang\"></span>Latar Belakang<span class=\"ez-toc-section-end\"></span></h3>\n<h2 id=\"lain\">Lain</h2>\n<p id=\"tabel\">Tabel.</p>\n<p id=\"more-12\">Akhir.</p>",
        );
        assert_eq!(
            out,
            "Isi: [satu](#bagian1), [dua](#bagian2), [latar](#Latar_Belakang), [tabel](#tabel)\n\n<a id=\"bagian1\"></a>Isi bagian satu.\n\n## Bagian dua {#bagian2}\n\n### Latar Belakang {#Latar_Belakang}\n\n## Lain\n\n<a id=\"tabel\"></a>Tabel.\n\nAkhir.\n"
        );
    }

    /// Facebook's embed code whose address is no video cerita knows (a
    /// short `fb.watch` link) is a link to it, not nothing; an embedded
    /// post whose address is a video's is the video, and one of a post
    /// keeps its quoted text; `&#038;` in an address is an `&`.
    #[test]
    fn facebook_embed_code_of_other_addresses() {
        let (out, _) = md(
            "<p>Satu:</p>\n<div class=\"fb-video\" data-href=\"https://fb.watch/63UQUvjQ4Q/\" data-width=\"1280\" data-show-text=\"false\"><div class=\"fb-xfbml-parse-ignore\"></div></div>\n<p>Dua:</p>\n<div class=\"fb-post\" data-href=\"https://www.facebook.com/walhi.nasional/videos/1234567890123456/\" data-width=\"500\"><blockquote cite=\"https://www.facebook.com/walhi.nasional/videos/1234567890123456/\" class=\"fb-xfbml-parse-ignore\">Posted by <a href=\"https://www.facebook.com/walhi.nasional\">WALHI</a></blockquote></div>\n<p>Tiga:</p>\n<div class=\"fb-video\" data-href=\"https://www.facebook.com/watch/?ref=saved&#038;v=2233445566778899\"></div>\n<div class=\"fb-post\" data-href=\"https://www.facebook.com/walhi.nasional/posts/99\"><blockquote class=\"fb-xfbml-parse-ignore\"><p>Aksi hari ini</p></blockquote></div>",
        );
        assert_eq!(
            out,
            "Satu:\n\n[https://fb.watch/63UQUvjQ4Q/](https://fb.watch/63UQUvjQ4Q/)\n\nDua:\n\n{{ video(url=\"https://www.facebook.com/walhi.nasional/videos/1234567890123456/\") }}\n\nTiga:\n\n{{ video(url=\"https://www.facebook.com/watch/?v=2233445566778899\") }}\n\n> Aksi hari ini\n"
        );
    }

    /// An address alone on a line whose `&` the editor wrote `&amp;`
    /// (`feature=share&amp;v=…`) is still the video it names.
    #[test]
    fn a_lone_video_address_with_an_escaped_ampersand_is_the_video() {
        let (out, _) = md(
            "<p>https://www.youtube.com/watch?feature=youtu.be&amp;v=aqz-KE-bpKQ</p>\n<p>https://www.facebook.com/watch/?ref=saved&amp;v=2233445566778899</p>",
        );
        assert_eq!(
            out,
            "{{ video(url=\"https://www.youtube.com/watch?feature=youtu.be&v=aqz-KE-bpKQ\") }}\n\n{{ video(url=\"https://www.facebook.com/watch/?v=2233445566778899\") }}\n"
        );
    }

    /// Code in `[sourcecode]` (classic editor: wpautop would have made
    /// paragraphs of its blank lines) keeps its lines, indentation and
    /// straight quotes; curly quotes around the language are dropped.
    #[test]
    fn code_shortcodes_become_fenced_blocks_exactly_as_written() {
        let (out, found) = md(
            "Kode FPS:\n\n[sourcecode language=’cpp’]\nint main() {\n\tif (a && b) {\n\n\t\tputs(\"x < y\");\n\t}\n}\n[/sourcecode]\n\nSelesai. [php]echo '&lt;b&gt;';[/php]",
        );
        assert!(found.unknown_shortcodes.is_empty(), "{found:?}");
        assert!(
            out.contains(
                "```cpp\nint main() {\n\tif (a && b) {\n\n\t\tputs(\"x < y\");\n\t}\n}\n```"
            ),
            "{out}"
        );
        assert!(out.contains("```php\necho '<b>';\n```"), "{out}");
        assert!(out.starts_with("Kode FPS:"), "{out}");
    }

    /// Gutenberg's gallery blocks, the list form (WordPress 5.0–5.8) and the
    /// nested-image form (5.9+), become the gallery shortcode with each
    /// photo's caption (else its alt text) and the gallery's caption under it.
    #[test]
    fn gutenberg_gallery_blocks_become_the_gallery_shortcode() {
        let (out, _) = md(
            "<!-- wp:gallery {\"ids\":[1,2]} -->\n<figure class=\"wp-block-gallery columns-2\"><ul class=\"blocks-gallery-grid\"><li class=\"blocks-gallery-item\"><figure><img src=\"https://lama.example/wp-content/uploads/a-1024x768.jpg\" alt=\"Peserta\" data-id=\"1\" data-full-url=\"https://lama.example/wp-content/uploads/a.jpg\"/><figcaption class=\"blocks-gallery-item__caption\">Hari pertama</figcaption></figure></li><li class=\"blocks-gallery-item\"><figure><img src=\"https://lama.example/wp-content/uploads/b.jpg\" alt=\"Diskusi\" data-id=\"2\"/></figure></li></ul><figcaption class=\"blocks-gallery-caption\">Pelatihan di Kupang</figcaption></figure>\n<!-- /wp:gallery -->",
        );
        assert_eq!(
            out,
            "{{ gallery(images=[\"https://lama.example/wp-content/uploads/a.jpg\", \"https://lama.example/wp-content/uploads/b.jpg\"], captions=[\"Hari pertama\", \"Diskusi\"]) }}\n\n*Pelatihan di Kupang*\n"
        );
        let (out, _) = md(
            "<!-- wp:gallery {\"linkTo\":\"none\"} -->\n<figure class=\"wp-block-gallery has-nested-images columns-default is-cropped\"><!-- wp:image {\"id\":3} -->\n<figure class=\"wp-block-image size-large\"><img src=\"https://lama.example/wp-content/uploads/c.jpg\" alt=\"\" class=\"wp-image-3\"/></figure>\n<!-- /wp:image -->\n\n<!-- wp:image {\"id\":4} -->\n<figure class=\"wp-block-image size-large\"><img src=\"https://lama.example/wp-content/uploads/d.jpg\" alt=\"\" class=\"wp-image-4\"/></figure>\n<!-- /wp:image --></figure>\n<!-- /wp:gallery -->\n\n<!-- wp:paragraph -->\n<p>Sesudahnya.</p>\n<!-- /wp:paragraph -->",
        );
        assert_eq!(
            out,
            "{{ gallery(images=[\"https://lama.example/wp-content/uploads/c.jpg\", \"https://lama.example/wp-content/uploads/d.jpg\"]) }}\n\nSesudahnya.\n"
        );
    }

    /// An old post's `<center>`, any case, with or without attributes: its
    /// text as paragraphs, not raw HTML.
    #[test]
    fn centred_text_is_paragraphs() {
        let (out, _) = md(
            "<CENTER><b>Undangan</b><br>Rapat anggota</CENTER>\n<p>Isi.</p>\n<center title=\"x\">Salam</center>",
        );
        assert!(!out.contains("center"), "{out}");
        assert!(out.starts_with("**Undangan**"), "{out}");
        assert!(out.contains("Rapat anggota\n\nIsi.\n\nSalam"), "{out}");
    }

    /// Video and audio blocks, the media-and-text block's video and a
    /// classic `<audio>` element play as they did: nothing is dropped.
    #[test]
    fn gutenberg_video_and_audio_blocks_keep_their_recordings() {
        let (out, _) = md(
            "<!-- wp:video {\"id\":7} -->\n<figure class=\"wp-block-video\"><video controls src=\"https://www.youtube.com/watch?v=ex8fMxXJDJw\"></video><figcaption>Rekaman webinar</figcaption></figure>\n<!-- /wp:video -->\n\n<!-- wp:audio {\"id\":8} -->\n<figure class=\"wp-block-audio\"><audio controls src=\"https://lama.example/wp-content/uploads/siaran.mp3\"></audio></figure>\n<!-- /wp:audio -->\n\n<!-- wp:media-text -->\n<div class=\"wp-block-media-text\"><figure class=\"wp-block-media-text__media\"><video controls src=\"https://lama.example/wp-content/uploads/klip.mp4\"></video></figure><div class=\"wp-block-media-text__content\"><p>Di samping video.</p></div></div>\n<!-- /wp:media-text -->",
        );
        assert!(
            out.starts_with("{{ video(url=\"https://www.youtube.com/watch?v=ex8fMxXJDJw\") }}\n\n*Rekaman webinar*\n\n{{ audio(url=\"https://lama.example/wp-content/uploads/siaran.mp3\") }}"),
            "{out}"
        );
        assert!(
            out.contains("{{ video(url=\"https://lama.example/wp-content/uploads/klip.mp4\") }}"),
            "{out}"
        );
        assert!(out.contains("Di samping video."), "{out}");
        assert!(!out.contains("<figure"), "{out}");
        let (out, _) = md(
            "Dengarkan:\n\n<audio controls><source src=\"https://lama.example/wp-content/uploads/a.ogg\" type=\"audio/ogg\"></audio>",
        );
        assert!(
            out.contains("{{ audio(url=\"https://lama.example/wp-content/uploads/a.ogg\") }}"),
            "{out}"
        );
        // WordPress's `[audio]` with a WAV file, and a Windows Media file,
        // which no browser plays: a download card.
        let (out, _) = md(
            "[audio wav=\"https://lama.example/wp-content/uploads/sesi.wav\"][/audio]\n\n[audio wma=\"https://lama.example/wp-content/uploads/lama.wma\"][/audio]",
        );
        assert!(
            out.contains("{{ audio(url=\"https://lama.example/wp-content/uploads/sesi.wav\") }}")
                && out.contains(
                    "{{ download(path=\"https://lama.example/wp-content/uploads/lama.wma\") }}"
                ),
            "{out}"
        );
        // A podcast episode embedded from Spotify or SoundCloud, as a block
        // or the classic editor's `[embed]`.
        let (out, _) = md(
            "<!-- wp:embed {\"url\":\"https://open.spotify.com/episode/4rOoJ6Egrf8K2IrywzwOMk\",\"type\":\"rich\",\"providerNameSlug\":\"spotify\"} -->\n<figure class=\"wp-block-embed is-type-rich is-provider-spotify wp-block-embed-spotify\"><div class=\"wp-block-embed__wrapper\">\nhttps://open.spotify.com/episode/4rOoJ6Egrf8K2IrywzwOMk\n</div></figure>\n<!-- /wp:embed -->\n\n[embed]https://soundcloud.com/komunitas/siaran-1[/embed]",
        );
        assert!(
            out.contains(
                "{{ audio(url=\"https://open.spotify.com/episode/4rOoJ6Egrf8K2IrywzwOMk\") }}"
            ) && out.contains("{{ audio(url=\"https://soundcloud.com/komunitas/siaran-1\") }}"),
            "{out}"
        );
    }

    /// An image block (from WordPress's theme test data), linked to its
    /// photo and captioned with a link, kept, and the media-and-text
    /// block's photo: the
    /// figure shortcode, which resizes the photo and finds it beside the
    /// story, not raw HTML a page would resolve against its own address.
    #[test]
    fn gutenberg_image_blocks_become_the_figure_shortcode() {
        let (out, _) = md(
            "<!-- wp:image {\"id\":755,\"linkDestination\":\"media\"} -->\n<figure class=\"wp-block-image size-large\"><a href=\"https://wpthemetestdata.files.wordpress.com/2008/06/100_5540.jpg\"><img src=\"https://i0.wp.com/wpthemetestdata.files.wordpress.com/2008/06/100_5540.jpg\" alt=\"Golden Gate Bridge\" class=\"wp-image-755\"/></a><figcaption class=\"wp-element-caption\">Golden Gate Bridge at <a href=\"https://example.org/sf\">dusk</a></figcaption></figure>\n<!-- /wp:image -->\n\n<!-- wp:media-text -->\n<div class=\"wp-block-media-text\"><figure class=\"wp-block-media-text__media\"><img src=\"https://lama.example/wp-content/uploads/balai.jpg\" alt=\"Balai desa\"/></figure><div class=\"wp-block-media-text__content\"><p>Di samping foto.</p></div></div>\n<!-- /wp:media-text -->",
        );
        assert!(
            out.starts_with("{{ figure(src=\"https://i0.wp.com/wpthemetestdata.files.wordpress.com/2008/06/100_5540.jpg\", alt=\"Golden Gate Bridge\", caption=\"Golden Gate Bridge at [dusk](https://example.org/sf)\") }}"),
            "{out}"
        );
        assert!(
            out.contains("{{ figure(src=\"https://lama.example/wp-content/uploads/balai.jpg\", alt=\"Balai desa\") }}"),
            "{out}"
        );
        assert!(out.contains("Di samping foto."), "{out}");
        assert!(!out.contains("<figure") && !out.contains("<img"), "{out}");
    }

    /// Blogger's "convert line breaks" leaves `<br />` between blocks and
    /// inside lists, and `&nbsp;` paragraphs as spacers (a real export of
    /// 2013): no empty paragraphs of hard breaks, a real list; a line break
    /// inside a paragraph stays.
    #[test]
    fn blogger_breaks_between_blocks_go_and_breaks_in_text_stay() {
        let (out, _) = md(
            "<h4>TL;DR</h4><br /><div>Satu</div><br /><br /><p>&nbsp;</p><ul><br /><li>a</li><br /><br /><li>b</li></ul><br />Baris satu<br />baris dua<br />",
        );
        assert_eq!(
            out, "#### TL;DR\n\nSatu\n\n- a\n- b\n\nBaris satu  \nbaris dua\n",
            "{out:?}"
        );
        // In `<pre>` a break is a line of the code.
        let (out, _) = md("<pre><br>awal kosong<br>akhir<br></pre>");
        assert_eq!(out, "```\nawal kosong\nakhir\n```\n", "{out:?}");
    }

    #[test]
    fn broken_embeds_do_not_stop_the_import() {
        // A figure whose `>` comes after its end; a phone-site iframe.
        let (out, _) = md(
            "<!-- wp:embed --><figure class=\"wp-block-embed\"</figure> x\n<!-- /wp:embed -->\n<!-- wp:html --><iframe src=\"https://m.youtube.com/embed/aqz-KE-bpKQ\"></iframe><!-- /wp:html -->",
        );
        assert!(
            out.contains("{{ video(url=\"https://m.youtube.com/embed/aqz-KE-bpKQ\") }}"),
            "{out}"
        );
    }

    #[test]
    fn a_caption_given_as_an_attribute_is_kept() {
        let (out, _) = md(
            "[caption id=\"a\" width=\"640\" caption=\"Kapal nelayan di Morowali.\"]<a href=\"https://x/f.jpg\"><img src=\"https://x/f.jpg\" alt=\"Kapal\" /></a>[/caption]",
        );
        assert_eq!(
            out.trim(),
            r#"{{ figure(src="https://x/f.jpg", alt="Kapal", caption="Kapal nelayan di Morowali.") }}"#
        );
    }

    #[test]
    fn row_headers_stay_in_the_table() {
        let (out, _) = md(
            "<table><thead><tr><th>Nama</th><th>Gaji</th><th></th></tr></thead><tbody><tr><th><a href=\"https://example.org/\">John Doe</a></th><td>$1</td><td>x</td></tr></tbody></table>",
        );
        assert!(out.contains("John Doe"), "{out}");
        assert!(out.starts_with("| Nama"), "{out}");
    }

    #[test]
    fn lists_tables_quotes_code() {
        let (out, _) = md(
            "<ul><li>satu<ul><li>dalam</li></ul></li><li>dua</li></ul><blockquote><p>kutipan</p></blockquote><table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table><pre><code>kode()</code></pre>",
        );
        assert!(
            out.contains("satu") && out.contains("dalam") && out.contains("> kutipan"),
            "{out}"
        );
        assert!(out.contains("| A | B |"), "{out}");
        assert!(out.contains("kode()"), "{out}");
    }

    /// Gutenberg's table block: a Markdown table with its caption under
    /// it, not a figure of raw HTML.
    #[test]
    fn a_table_block_is_a_markdown_table_and_its_caption() {
        let (out, _) = md(
            "<!-- wp:table --><figure class=\"wp-block-table is-style-stripes\"><table class=\"has-fixed-layout\"><thead><tr><th>Kota</th><th>Peserta</th></tr></thead><tbody><tr><td>Makassar</td><td>40</td></tr></tbody></table><figcaption class=\"wp-element-caption\">Peserta per kota</figcaption></figure><!-- /wp:table -->",
        );
        assert_eq!(
            out,
            "| Kota     | Peserta |\n| -------- | ------- |\n| Makassar | 40      |\n\n*Peserta per kota*\n"
        );
    }

    /// Blocks kept as HTML (`<dl>`, `<details>`) carry no `&#10;` for the
    /// line breaks between their parts, nor empty paragraphs; `<pre>`
    /// keeps its lines.
    #[test]
    fn html_blocks_kept_carry_no_line_break_entities() {
        let (out, _) = md(
            "<dl>\n<dt>Istilah</dt>\n<dd>Arti <em>x</em> <strong>y</strong></dd>\n</dl>\n\n<details><summary>Lihat</summary>\nisi</details>",
        );
        assert!(!out.contains("&#10;") && !out.contains("<p></p>"), "{out}");
        assert!(
            out.contains("<dl><dt>Istilah</dt><dd>Arti <em>x</em> <strong>y</strong></dd></dl>"),
            "{out}"
        );
        assert!(out.contains("<summary>Lihat</summary>"), "{out}");
        let (out, _) = md(
            "<!-- wp:verse --><pre class=\"wp-block-verse\">Baris satu\n  baris dua</pre><!-- /wp:verse -->",
        );
        assert!(out.contains("Baris satu\n  baris dua"), "{out}");
    }

    /// WordPress's footnotes: the marks become Markdown references
    /// numbered as they come, the notes (from the post's `footnotes`
    /// field) definitions at the end; a mark without its note keeps its
    /// number and loses its link.
    #[test]
    fn footnotes_become_markdown_footnotes() {
        let notes = notes(Some(
            &r#"[{"content":"Data <a href=\"https://bps.go.id\">BPS</a> 2023.","id":"b2"},{"content":"Wawancara, <em>Maret</em>.","id":"a1"}]"#
                .to_string(),
        ));
        let html = "<!-- wp:paragraph --><p>Satu<sup data-fn=\"a1\" class=\"fn\"><a href=\"#a1\" id=\"a1-link\">1</a></sup> dua<sup data-fn=\"b2\" class=\"fn\"><a href=\"#b2\" id=\"b2-link\">2</a></sup> lagi<sup data-fn=\"a1\" class=\"fn\"><a href=\"#a1\" id=\"a1-link\">1</a></sup> hilang<sup data-fn=\"zz\" class=\"fn\"><a href=\"#zz\" id=\"zz-link\">3</a></sup>.</p><!-- /wp:paragraph --><!-- wp:footnotes /-->";
        let mut f = Found::default();
        let out = to_markdown(html, &notes, &|_: &[u64]| Vec::new(), &mut f);
        assert_eq!(
            out,
            "Satu[^1] dua[^2] lagi[^1] hilang<sup>3</sup>.\n\n[^1]: Wawancara, *Maret*.\n\n[^2]: Data [BPS](https://bps.go.id) 2023.\n"
        );
        assert!(super::notes(Some(&"not json".to_string())).is_empty());
    }

    /// Gutenberg's file block is cerita's download card, titled with the
    /// file's name; a cover block is its photo (an `<img>`, or the older
    /// form's background) and the text over it.
    #[test]
    fn file_and_cover_blocks_keep_the_file_and_the_photo() {
        let (out, _) = md(
            "<!-- wp:file {\"id\":1690} --><div class=\"wp-block-file\"><a id=\"wp-block-file--media-1\" href=\"https://lama.example/wp-content/uploads/2023/05/laporan-tahunan.pdf\">Laporan Tahunan 2022</a><a href=\"https://lama.example/wp-content/uploads/2023/05/laporan-tahunan.pdf\" class=\"wp-block-file__button wp-element-button\" download aria-describedby=\"wp-block-file--media-1\">Unduh</a></div><!-- /wp:file -->",
        );
        assert_eq!(
            out,
            "{{ download(path=\"https://lama.example/wp-content/uploads/2023/05/laporan-tahunan.pdf\", title=\"Laporan Tahunan 2022\") }}\n"
        );
        let (out, _) = md(
            "<!-- wp:cover {\"url\":\"https://lama.example/a.jpg\",\"id\":761} --><div class=\"wp-block-cover\"><span aria-hidden=\"true\" class=\"wp-block-cover__background has-background-dim\"></span><img class=\"wp-block-cover__image-background wp-image-761\" alt=\"Ladang angin\" src=\"https://lama.example/a.jpg\" data-object-fit=\"cover\"/><div class=\"wp-block-cover__inner-container\"><!-- wp:paragraph --><p class=\"has-text-align-center\">Energi <em>bersih</em> untuk desa</p><!-- /wp:paragraph --></div></div><!-- /wp:cover -->",
        );
        assert_eq!(
            out,
            "{{ figure(src=\"https://lama.example/a.jpg\", alt=\"Ladang angin\") }}\n\nEnergi *bersih* untuk desa\n"
        );
        let (out, _) = md(
            "<div class=\"wp-block-cover has-background-dim\" style=\"background-image:url(https://lama.example/b.jpg);min-height:274px\"><div class=\"wp-block-cover__inner-container\"><p>Sampul lama</p></div></div><p>Sesudahnya.</p>",
        );
        assert_eq!(
            out,
            "{{ figure(src=\"https://lama.example/b.jpg\") }}\n\nSampul lama\n\nSesudahnya.\n"
        );
        // A cover of a colour only keeps its text; other divs are left.
        let (out, _) = md(
            "<div class=\"wp-block-cover has-pale-cyan-background-color\"><div class=\"wp-block-cover__inner-container\"><h2>Judul</h2></div></div><div class=\"wp-block-group\"><p>Grup</p></div>",
        );
        assert_eq!(out, "## Judul\n\nGrup\n");
    }

    /// A post built with WPBakery: rows and columns go, their text stays in
    /// order; its photo (by attachment id), video, button, heading and
    /// tabs become what cerita shows; spacers go; a widget of the old
    /// site's database is left out and listed.
    #[test]
    fn wpbakery_layout_goes_and_its_content_stays() {
        let (out, f) = md(concat!(
            "[vc_row css=\".vc_custom_1548{margin-top: 0px !important;}\"][vc_column width=\"1/2\"]",
            "[vc_custom_heading text=\"Pelatihan Paralegal\" font_container=\"tag:h2|font_size:42px|text_align:center\" use_theme_fonts=\"yes\"]",
            "[vc_column_text]<p>Tiga puluh kader <strong>belajar</strong>.</p>\n\n<p>Hari kedua.</p>[/vc_column_text]",
            "[/vc_column][vc_column width=\"1/2\"][vc_single_image image=\"7\" img_size=\"full\" alignment=\"center\"]",
            "[vc_empty_space height=\"32px\"][vc_separator]",
            "[vc_video link=\"https://www.youtube.com/watch?v=aqz-KE-bpKQ\"]",
            "[vc_btn title=\"Donasi\" color=\"green\" link=\"url:https%3A%2F%2Fdonasi.example%2Fpesisir|title:Donasi|target:_blank\"]",
            "[/vc_column][/vc_row][vc_row][vc_column][vc_tta_tabs][vc_tta_section title=\"Jadwal\" tab_id=\"1\"][vc_column_text]Senin pagi.[/vc_column_text][/vc_tta_section][/vc_tta_tabs]",
            "[vc_wp_recentposts title=\"Terbaru\"][/vc_column][/vc_row]"
        ));
        assert_eq!(
            out,
            "## Pelatihan Paralegal\n\nTiga puluh kader **belajar**.\n\nHari kedua.\n\n{{ figure(src=\"https://lama.example/wp-content/uploads/7.jpg\", alt=\"Foto 7\") }}\n\n{{ video(url=\"https://www.youtube.com/watch?v=aqz-KE-bpKQ\") }}\n\n[Donasi](https://donasi.example/pesisir)\n\n### Jadwal\n\nSenin pagi.\n"
        );
        assert_eq!(
            f.builder_widgets.iter().collect::<Vec<_>>(),
            ["vc_wp_recentposts"]
        );
        assert!(
            f.unknown_shortcodes.is_empty(),
            "{:?}",
            f.unknown_shortcodes
        );
    }

    /// Divi and Avada the same way: sections, rows, columns and text go;
    /// images, buttons and toggles become a figure, a link and a heading.
    #[test]
    fn divi_and_avada_layout_goes_and_its_content_stays() {
        let (out, f) = md(concat!(
            "[et_pb_section fb_built=\"1\" _builder_version=\"4.16\" global_colors_info=\"{}\"][et_pb_row _builder_version=\"4.16\"][et_pb_column type=\"4_4\"]",
            "[et_pb_text _builder_version=\"4.16\"]<p>Kampanye air bersih.</p>[/et_pb_text]",
            "[et_pb_image src=\"https://lama.example/wp-content/uploads/2022/03/sumur.jpg\" alt=\"Sumur baru\" title_text=\"sumur\"][/et_pb_image]",
            "[et_pb_button button_url=\"https://lama.example/ikut\" button_text=\"Ikut bergabung\"][/et_pb_button]",
            "[et_pb_toggle title=\"Siapa boleh ikut?\"]<p>Semua warga.</p>[/et_pb_toggle]",
            "[et_pb_divider][/et_pb_divider][et_pb_contact_form captcha=\"off\"][/et_pb_contact_form]",
            "[/et_pb_column][/et_pb_row][/et_pb_section]",
            "[fusion_builder_container hundred_percent=\"no\"][fusion_builder_row][fusion_builder_column type=\"1_1\"]",
            "[fusion_text]<p>Dari Avada.</p>[/fusion_text][fusion_separator style_type=\"default\" /]",
            "[/fusion_builder_column][/fusion_builder_row][/fusion_builder_container]"
        ));
        assert_eq!(
            out,
            "Kampanye air bersih.\n\n{{ figure(src=\"https://lama.example/wp-content/uploads/2022/03/sumur.jpg\", alt=\"Sumur baru\") }}\n\n[Ikut bergabung](https://lama.example/ikut)\n\n### Siapa boleh ikut?\n\nSemua warga.\n\nDari Avada.\n"
        );
        assert_eq!(
            f.builder_widgets.iter().collect::<Vec<_>>(),
            ["et_pb_contact_form"]
        );
    }

    /// A document viewer's shortcode is the document's download card; an
    /// unknown shortcode that names no document stays as text.
    #[test]
    fn document_viewer_shortcodes_become_download_cards() {
        let (out, f) = md(
            "<p>Laporan:</p>\n\n[pdf-embedder url=\"https://lama.example/wp-content/uploads/2022/01/laporan.pdf\" width=\"500\"]\n\n[gview file=\"https://lama.example/wp-content/uploads/materi.PPTX?ver=2\"]\n\n[countdown date=\"2022-01-01\"]",
        );
        assert!(
            out.contains("{{ download(path=\"https://lama.example/wp-content/uploads/2022/01/laporan.pdf\") }}"),
            "{out}"
        );
        assert!(
            out.contains(
                "{{ download(path=\"https://lama.example/wp-content/uploads/materi.PPTX?ver=2\") }}"
            ),
            "{out}"
        );
        assert!(out.contains("[countdown"), "{out}");
        assert_eq!(
            f.unknown_shortcodes.iter().collect::<Vec<_>>(),
            ["countdown"]
        );
    }

    /// Inline elements nested fifty thousand deep (unclosed `<em>`s, as
    /// broken markup has them) overflowed the Markdown writer's stack and
    /// aborted the import; beyond a depth no post reaches their tags go and
    /// the text stays. Struck-through text unclosed thousands of times is
    /// not searched for again and again.
    #[test]
    fn deep_nesting_keeps_the_text_without_overflowing() {
        let html = format!("{}tetap ada", "<em>".repeat(50_000));
        let (out, _) = md(&html);
        assert!(
            out.contains("tetap ada"),
            "{}",
            &out[out.len().saturating_sub(200)..]
        );
        assert_eq!(
            shallow("<p><em>a</em><br><img src=\"x\"></p>"),
            "<p><em>a</em><br><img src=\"x\"></p>"
        );
        let deep = format!("{}x{}", "<b>".repeat(200), "</b>".repeat(200));
        let flat = shallow(&deep);
        assert_eq!(flat.matches("<b>").count(), 128);
        assert_eq!(flat.matches("</b>").count(), 128);
        let _ = md(&"<del>".repeat(50_000));
    }

    /// Markup cut short or hostile never panics: an
    /// unclosed `<div` at the end (with text after it in any script),
    /// deep nesting before a long text, thousands of unclosed `<div>`s or
    /// `[` without `]`.
    #[test]
    fn cut_and_hostile_markup_neither_panics_nor_crawls() {
        for tail in [
            "<div",
            "<div漢字",
            "<div class=\"😀",
            "<figure",
            "[vc_row",
            "<sup data-fn=\"x\">",
        ] {
            let html = format!("<!-- wp:paragraph --><p>x</p><!-- /wp:paragraph -->{tail}");
            let _ = md(&html);
            let _ = md(tail);
        }
        // (Each of these took seconds to tens of seconds when the work was
        // quadratic.)
        let text = "kata ".repeat(100_000);
        let deep = format!(
            "<!-- wp:group -->{}{text}{}",
            "<div>".repeat(200),
            "</div>".repeat(200)
        );
        let _ = md(&deep);
        let unclosed = format!(
            "<!-- wp:group -->{}{text}",
            "<div class=\"x\">".repeat(8000)
        );
        let _ = md(&unclosed);
        let brackets = format!("[vc_row]{}", "[ kata ".repeat(20_000));
        let (out, _) = md(&brackets);
        assert!(out.contains("kata"));
    }

    /// A post of many unclosed blockquotes, or of `href=` without quotes
    /// or a tag's end, is read once: each took minutes (and `href=` a
    /// gigabyte and more) when every one was read to the end of the post.
    #[test]
    fn unclosed_quotes_and_bare_hrefs_do_not_crawl() {
        let _ = instagram_posts(&"<blockquote>".repeat(100_000));
        let mut made = Vec::new();
        let html = format!("<p><a href=\"#x\">x</a>{}</p>", "href=#".repeat(100_000));
        let _ = link_targets(&html, &mut made);
    }

    /// Ids and `#links` written without quotes, as old hand-written posts
    /// have them, are kept as quoted ones are.
    #[test]
    fn unquoted_ids_the_posts_links_go_to_are_kept() {
        let (out, _) = md(
            "<p><a href=#bagian1>satu</a>, <a href=#tabel>tabel</a></p>\n<p><a name=bagian1></a>Isi bagian satu.</p>\n<p id=tabel>Tabel.</p>",
        );
        assert_eq!(
            out,
            "[satu](#bagian1), [tabel](#tabel)\n\n<a id=\"bagian1\"></a>Isi bagian satu.\n\n<a id=\"tabel\"></a>Tabel.\n"
        );
    }

    /// Builder attributes keep their typographic quotes inside straight
    /// ones, and brackets written as entities never become shortcodes; the
    /// quotes around values, when curled, are read as quotes.
    #[test]
    fn builder_text_keeps_its_quotes_and_brackets() {
        let (out, f) = md(
            "[vc_row][vc_column][vc_custom_heading text=\"Program “Desa Sehat” &#91;gallery&#93; 2024\"][vc_btn title=\"Daftar &#91;gratis&#93;\" link=\"url:https%3A%2F%2Fx.example||\"][vc_tta_section title=&#8221;Tentang kami&#8221;][/vc_tta_section][/vc_column][/vc_row]",
        );
        assert!(
            out.contains("## Program “Desa Sehat” \\[gallery\\] 2024"),
            "{out}"
        );
        assert!(
            out.contains("[Daftar \\[gratis\\]](https://x.example)"),
            "{out}"
        );
        assert!(out.contains("### Tentang kami"), "{out}");
        assert!(
            f.unknown_shortcodes.is_empty(),
            "{:?}",
            f.unknown_shortcodes
        );
    }

    /// Raw HTML and script boxes are left out and listed, not shown as
    /// base64; builder galleries are the gallery; a photo by address, a
    /// heading or button whose text is the body, a blurb's photo and a
    /// call to action's button after its text are kept; attributes may
    /// span lines.
    #[test]
    fn builder_pieces_with_bodies_galleries_and_buttons() {
        let (out, f) = md(concat!(
            "[vc_row][vc_column][vc_raw_html]JTNDcCUzRUhhbG8lM0MlMkZwJTNF[/vc_raw_html]",
            "[vc_gallery type=\"image_grid\" images=\"11,12\"]",
            "[vc_single_image source=\"external_link\" custom_src=\"https://luar.example/foto.jpg\"]",
            "[vc_custom_heading text=\"Judul\"\nfont_container=\"tag:h3\"][/vc_column][/vc_row]",
            "[fusion_code]PHA+SGFsbzwvcD4=[/fusion_code][fusion_title size=\"2\"]Judul <em>Avada</em>[/fusion_title]",
            "[fusion_button link=\"https://contoh.org/daftar\"]Daftar sekarang[/fusion_button]",
            "[et_pb_blurb title=\"Air\" image=\"https://lama.example/air.jpg\"]<p>Teks blurb.</p>[/et_pb_blurb]",
            "[et_pb_cta title=\"Gabung\" button_url=\"https://contoh.org/gabung\" button_text=\"Gabung sekarang\"]<p>Ajakan.</p>[/et_pb_cta]",
            "[et_pb_gallery gallery_ids=\"13\"][/et_pb_gallery]"
        ));
        assert_eq!(
            out,
            "{{ gallery(images=[\"https://lama.example/wp-content/uploads/11.jpg\", \"https://lama.example/wp-content/uploads/12.jpg\"], captions=[\"Foto 11\", \"Foto 12\"]) }}\n\n{{ figure(src=\"https://luar.example/foto.jpg\") }}\n\n### Judul\n\n## Judul Avada\n\n[Daftar sekarang](https://contoh.org/daftar)\n\n### Air\n\n{{ figure(src=\"https://lama.example/air.jpg\") }}\n\nTeks blurb.\n\n### Gabung\n\nAjakan.\n\n[Gabung sekarang](https://contoh.org/gabung)\n\n{{ gallery(images=[\"https://lama.example/wp-content/uploads/13.jpg\"], captions=[\"Foto 13\"]) }}\n"
        );
        assert_eq!(
            f.builder_widgets.iter().collect::<Vec<_>>(),
            ["fusion_code", "vc_raw_html"]
        );
    }

    /// A cover with a video behind its text keeps the video; blocks inside
    /// a cover (a file, another cover) are converted too; the older
    /// `wp-block-cover-image` is a cover.
    #[test]
    fn covers_keep_their_video_and_the_blocks_inside_them() {
        let (out, _) = md(concat!(
            "<!-- wp:cover --><div class=\"wp-block-cover\"><span aria-hidden=\"true\" class=\"wp-block-cover__background\"></span><video class=\"wp-block-cover__video-background intrinsic-ignore\" autoplay muted loop playsinline src=\"https://lama.example/v.mp4\" data-object-fit=\"cover\"></video><div class=\"wp-block-cover__inner-container\"><p>Teks di atas video</p>",
            "<div class=\"wp-block-file\"><a href=\"https://lama.example/laporan.pdf\">Laporan</a><a href=\"https://lama.example/laporan.pdf\" class=\"wp-block-file__button\" download>Unduh</a></div>",
            "<div class=\"wp-block-cover\"><img class=\"wp-block-cover__image-background\" alt=\"Dalam\" src=\"https://lama.example/d.jpg\"/><div class=\"wp-block-cover__inner-container\"><p>Sampul dalam</p></div></div>",
            "</div></div><!-- /wp:cover -->",
            "<div class=\"wp-block-cover-image\" style=\"background-image:url(https://lama.example/lama.jpg)\"><p class=\"wp-block-cover-image-text\">Judul sampul</p></div>"
        ));
        assert_eq!(
            out,
            "{{ video(url=\"https://lama.example/v.mp4\") }}\n\nTeks di atas video\n\n{{ download(path=\"https://lama.example/laporan.pdf\", title=\"Laporan\") }}\n\n{{ figure(src=\"https://lama.example/d.jpg\", alt=\"Dalam\") }}\n\nSampul dalam\n\n{{ figure(src=\"https://lama.example/lama.jpg\") }}\n\nJudul sampul\n"
        );
    }

    /// A footnote cited inside a link goes after the link; one inside a
    /// details block, which stays HTML, is the HTML reference.
    #[test]
    fn footnotes_inside_links_and_details_still_work() {
        let notes = vec![
            Note {
                id: "a".into(),
                content: "Satu.".into(),
            },
            Note {
                id: "b".into(),
                content: "Dua.".into(),
            },
        ];
        let html = "<!-- wp:paragraph --><p>Lihat <a href=\"https://x.org\">tautan<sup data-fn=\"a\" class=\"fn\"><a href=\"#a\" id=\"a-link\">1</a></sup></a> ini.</p><!-- /wp:paragraph --><details><summary>Lagi</summary><p>Isi<sup data-fn=\"b\" class=\"fn\"><a href=\"#b\" id=\"b-link\">2</a></sup></p></details>";
        let mut f = Found::default();
        let out = to_markdown(html, &notes, &|_: &[u64]| Vec::new(), &mut f);
        assert!(
            out.starts_with("Lihat [tautan](https://x.org)[^1] ini."),
            "{out}"
        );
        assert!(
            out.contains("<p>Isi<sup class=\"footnote-reference\"><a href=\"#2\">2</a></sup></p>"),
            "{out}"
        );
        assert!(out.ends_with("[^1]: Satu.\n\n[^2]: Dua.\n"), "{out}");
    }

    /// Jetpack's `[slideshow]` is the gallery of its photos.
    #[test]
    fn a_jetpack_slideshow_is_a_gallery() {
        let (out, f) = md("[slideshow ids=\"21,22\"]");
        assert_eq!(
            out,
            "{{ gallery(images=[\"https://lama.example/wp-content/uploads/21.jpg\", \"https://lama.example/wp-content/uploads/22.jpg\"], captions=[\"Foto 21\", \"Foto 22\"]) }}\n"
        );
        assert!(f.unknown_shortcodes.is_empty());
    }

    /// Bold or italic around whole blocks goes inside each of them: no
    /// stray `**`, and a heading stays a heading.
    #[test]
    fn marks_around_blocks_go_inside_them() {
        for (html, want) in [
            (
                "<p>Awal</p><b><blockquote>Kutipan panjang.</blockquote></b><p>Akhir</p>",
                "Awal\n\n> **Kutipan panjang.**\n\nAkhir\n",
            ),
            (
                "<strong><p>Satu</p><p>Dua <em>miring</em></p></strong>",
                "**Satu**\n\n**Dua *miring***\n",
            ),
            (
                "<i><div>Baris</div><div>Dua</div></i>",
                "*Baris*\n\n*Dua*\n",
            ),
            ("<em><ul><li>x</li><li>y</li></ul></em>", "- *x*\n- *y*\n"),
            ("<b><h2>Judul</h2>Teks</b>", "## Judul\n\n**Teks**\n"),
            // Within a paragraph, as before.
            (
                "<p>a <b>tebal<br>baris</b> b</p>",
                "a **tebal  \nbaris** b\n",
            ),
        ] {
            assert_eq!(md(html).0, want, "{html}");
        }
    }

    /// Emphasis around only punctuation or spaces goes, its text stays.
    #[test]
    fn marks_around_punctuation_alone_go() {
        for (html, want) in [
            (
                "<p>hanya tiga<em>. </em>Yakni satu</p>",
                "hanya tiga. Yakni satu\n",
            ),
            (
                "<p>a<strong>&nbsp;</strong>b <b>tebal</b> <i>,</i></p>",
                "a\u{a0}b **tebal** ,\n",
            ),
        ] {
            assert_eq!(md(html).0, want, "{html}");
        }
    }

    /// A bracketed aside in prose is no shortcode to report; unknown
    /// shortcodes still are.
    #[test]
    fn bracketed_prose_is_no_shortcode() {
        let (out, f) = md("<p>Jack Nicholson [an immensely talented actor] and [your rubric].</p>");
        assert!(
            f.unknown_shortcodes.is_empty(),
            "{:?}",
            f.unknown_shortcodes
        );
        assert!(out.contains("\\[an immensely talented actor\\]"), "{out}");
        for code in [
            "[toc]",
            "[su_button url=\"x\"]Klik[/su_button]",
            "[tabs style=1]",
            "[note]Awas[/note]",
            "[custom-box a b]",
        ] {
            let (_, f) = md(&format!("<p>{code}</p>"));
            assert_eq!(f.unknown_shortcodes.len(), 1, "{code}");
        }
    }

    /// A link around nothing goes; one around words or a photo stays.
    #[test]
    fn empty_links_go() {
        let (out, _) = md(
            "<p><a href=\"https://x.example/foto.jpg\">\n</a>My first night <a href=\"https://x.example/a\">here</a>.</p>",
        );
        assert_eq!(out, "My first night [here](https://x.example/a).\n");
        // A button never given its address keeps its words.
        let (out, _) = md(
            "<p><a class=\"stk-button\" href=\"\"><span>Cek lebih lengkap</span></a> dan <a href=\"#\">atas</a></p>",
        );
        assert_eq!(out, "Cek lebih lengkap dan atas\n");
    }

    /// The classic editor's line breaks inside a quote or a list item are
    /// line breaks, as WordPress showed them; the HTML's own layout is not.
    #[test]
    fn line_breaks_inside_classic_blocks() {
        let (out, _) = md(
            "<blockquote>\"Pelatihan ini membantu.\"\n- Rina, Gresik</blockquote>\n<ul>\n<li>Satu\ndua</li>\n<li>Tiga</li>\n</ul>",
        );
        assert_eq!(
            out,
            "> \"Pelatihan ini membantu.\"  \n> \\- Rina, Gresik\n\n- Satu\n  dua\n- Tiga\n"
        );
        // A line break inside a tag is the tag's.
        let (out, _) = md(
            "<blockquote>Lihat <a href=\"https://x.example/a\"\ntitle=\"A\">ini</a>\nlalu itu</blockquote>",
        );
        assert_eq!(
            out,
            "> Lihat [ini](https://x.example/a \"A\")  \n> lalu itu\n"
        );
    }

    /// A heading holding a photo and words (a caption themes had no other
    /// place for) is a paragraph; one of words alone stays a heading.
    #[test]
    fn a_heading_with_a_photo_is_a_paragraph() {
        let (out, _) = md(
            "<h6>Half Dome from the trail <a href=\"https://x.example/a.jpg\"><img src=\"https://x.example/a.jpg\" alt=\"Half Dome\"></a></h6><h2>Day two</h2>",
        );
        assert_eq!(
            out,
            "Half Dome from the trail [![Half Dome](https://x.example/a.jpg)](https://x.example/a.jpg)\n\n## Day two\n"
        );
    }

    /// The social links block keeps its links, which WordPress held only
    /// in its markers.
    #[test]
    fn social_links_keep_their_links() {
        let (out, f) = md(
            "<!-- wp:paragraph --><p>Ikuti kami:</p><!-- /wp:paragraph --><!-- wp:social-links --><ul class=\"wp-block-social-links\"><!-- wp:social-link {\"url\":\"https://facebook.com/serikat\",\"service\":\"facebook\"} /--><!-- wp:social-link {\"url\":\"https://instagram.com/serikat\",\"service\":\"instagram\",\"label\":\"IG Serikat\"} /--><!-- wp:social-link {\"url\":\"tiktok.com/@serikat\",\"service\":\"tiktok\"} /--><!-- wp:social-link {\"url\":\"sd\",\"service\":\"pinterest\"} /--><!-- wp:social-link {\"url\":\"info@serikat.org\",\"service\":\"mail\"} /--></ul><!-- /wp:social-links -->",
        );
        assert_eq!(
            out,
            "Ikuti kami:\n\n- [Facebook](https://facebook.com/serikat)\n- [IG Serikat](https://instagram.com/serikat)\n- [TikTok](https://tiktok.com/@serikat)\n- [Email](mailto:info@serikat.org)\n"
        );
        assert!(f.dynamic_blocks.is_empty(), "{:?}", f.dynamic_blocks);
    }

    /// Real posts' marks and links as Markdown can write them: punctuation
    /// at a bold's edge moves out, a paragraph's double break ends it (and
    /// the italic around both halves goes into each), a link around a
    /// card of blocks links each block's words.
    #[test]
    fn marks_and_links_that_markdown_cannot_write_as_they_are() {
        for (html, want) in [
            (
                "<p>A<strong>. The Days Song</strong></p>",
                "A. **The Days Song**\n",
            ),
            ("<p><strong>Catatan:</strong> isi</p>", "**Catatan:** isi\n"),
            ("<p><strong>Catatan: </strong>isi</p>", "**Catatan:** isi\n"),
            ("<p><strong>Catatan:</strong>isi</p>", "**Catatan**:isi\n"),
            (
                "<p><em>Some sermons.<br>By wisdom all.<br><br>Perhaps the rose<br>hides.</em></p>",
                "*Some sermons.  \nBy wisdom all.*\n\n*Perhaps the rose  \nhides.*\n",
            ),
            (
                "<p><a href=\"https://x.example/buku\"><div>Singapore Marketer · 2009</div><h4>Marketing Maven</h4><p>Profil.</p></a></p>",
                "[Singapore Marketer · 2009](https://x.example/buku)\n\n#### [Marketing Maven](https://x.example/buku)\n\n[Profil.](https://x.example/buku)\n",
            ),
        ] {
            assert_eq!(md(html).0, want, "{html}");
        }
    }

    /// A video's iframe gives its title to the video; the player's own
    /// name does not.
    #[test]
    fn an_iframes_title_names_the_video() {
        let (out, _) = md(
            "<iframe src=\"https://www.youtube.com/embed/hYUFnSAYISA\" title=\"Corporate Turnaround Introduction\"></iframe><iframe src=\"https://www.youtube.com/embed/abcdefghijk\" title=\"YouTube video player\"></iframe>",
        );
        assert_eq!(
            out,
            "{{ video(url=\"https://www.youtube.com/embed/hYUFnSAYISA\", title=\"Corporate Turnaround Introduction\") }}\n\n{{ video(url=\"https://www.youtube.com/embed/abcdefghijk\") }}\n"
        );
    }
}
