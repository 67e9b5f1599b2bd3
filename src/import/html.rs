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
pub fn to_markdown(html: &str, gallery: &Gallery, found: &mut Found) -> String {
    let block_editor = html.contains("<!-- wp:");
    // WordPress's excerpt mark (cerita's too) is kept through the sanitiser,
    // which drops comments, as a word of its own; block markers go.
    let html = comments(html);
    let html = if block_editor { html } else { autop(&html) };
    let html = shortcodes(&html, gallery, found);
    let html = embeds(&html);
    let clean = row_headers_as_cells(&divs_as_paragraphs(&sanitise(&html)));
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
    let mut out = md.trim().replace(MORE_TOKEN, "<!-- more -->");
    out.push('\n');
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

/// HTML comments, in one pass: `<!--more-->` (any spacing, with or without
/// a teaser text) → a paragraph holding [`MORE_TOKEN`]; Gutenberg's
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

/// Tags `autop` separates from the text around them, as WordPress's
/// `wpautop` does.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "colgroup",
    "col",
    "blockquote",
    "pre",
    "div",
    "figure",
    "figcaption",
    "hr",
    "dl",
    "dd",
    "dt",
    "address",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "nav",
    "iframe",
    "form",
    "fieldset",
    "legend",
    "details",
    "summary",
    "audio",
    "video",
    "object",
    "embed",
    "math",
    "style",
    "script",
];

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
        if BLOCKS.iter().any(|t| lower.starts_with(t))
            || (b.starts_with('[') && b.ends_with(']') && !b.contains('\n'))
        {
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
        if BLOCK_TAGS.contains(&name.as_str()) {
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

/// Shortcodes WordPress sites use most, turned into HTML cerita shows:
/// `[caption]` → a figure, `[gallery]` → its images, `[embed]`,
/// `[youtube]`, `[video]`, `[audio]` → a link to the recording. Unknown
/// ones stay as text and are listed.
fn shortcodes(html: &str, gallery: &Gallery, found: &mut Found) -> String {
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
            Some(j) if has_body(&name) => {
                (&tail[open_len..open_len + j], open_len + j + closing.len())
            }
            _ => ("", open_len),
        };
        let replaced = match name.as_str() {
            "caption" | "wp_caption" => {
                // Older posts give the caption as an attribute.
                let text = match attr(&attrs, "caption") {
                    Some(c) => format!("{body} {c}"),
                    None => body.to_string(),
                };
                Some(caption(&shortcodes(&text, gallery, found)))
            }
            "gallery" => {
                let ids: Vec<u64> = attr(&attrs, "ids")
                    .unwrap_or_default()
                    .split(',')
                    .filter_map(|s| s.trim().parse().ok())
                    .collect();
                let imgs: String = gallery(&ids)
                    .iter()
                    .map(|(u, alt)| format!("<img src=\"{}\" alt=\"{}\">", escape(u), escape(alt)))
                    .collect::<Vec<_>>()
                    .join("\n");
                Some(format!("<p>{imgs}</p>"))
            }
            "embed" | "youtube" | "video" | "audio" | "vimeo" => {
                let url = if !body.trim().is_empty() {
                    body.trim().to_string()
                } else {
                    ["src", "url", "mp4", "webm", "mp3", "m4a", "ogg"]
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
                (!url.is_empty()).then(|| link_paragraph(&url))
            }
            _ => None,
        };
        match replaced {
            Some(r) => {
                out.push_str(&r);
                rest = &tail[consumed..];
            }
            None => {
                found.unknown_shortcodes.insert(name);
                out.push('[');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn has_body(name: &str) -> bool {
    matches!(
        name,
        "caption" | "wp_caption" | "embed" | "youtube" | "video" | "audio" | "vimeo"
    )
}

/// `[name attrs]` at the start of `s`: its name, attributes and length.
/// Only lowercase names, as WordPress registers them (`[1]`, `[Catatan]`
/// are text).
fn opening(s: &str) -> Option<(String, String, usize)> {
    let end = s.find(']')?;
    let inner = &s[1..end];
    if inner.contains('[') || inner.contains('\n') {
        return None;
    }
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

/// A shortcode attribute's value (`key="v"`, `key='v'`, `key=v`).
fn attr(attrs: &str, key: &str) -> Option<String> {
    let mut rest = attrs;
    while let Some(i) = rest.find(key) {
        let before_ok = i == 0 || rest[..i].ends_with(|c: char| c.is_whitespace());
        let after = rest[i + key.len()..].trim_start();
        if before_ok {
            if let Some(v) = after.strip_prefix('=') {
                let v = v.trim_start();
                let value = if let Some(q) = v.strip_prefix('"') {
                    q.split('"').next()
                } else if let Some(q) = v.strip_prefix('\'') {
                    q.split('\'').next()
                } else {
                    v.split_whitespace().next()
                };
                return value.map(str::to_string);
            }
        }
        rest = &rest[i + key.len()..];
    }
    None
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

/// Iframes of YouTube and Vimeo, and video addresses alone on a line, as a
/// link to the recording (the video embed replaces these once it exists).
fn embeds(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
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
            if is_video(&src) {
                out.push_str(&link_paragraph(&src));
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
        if is_video(bare) && !bare.contains(char::is_whitespace) && !bare.contains('<') {
            lines.push(link_paragraph(bare));
        } else {
            lines.push(line.to_string());
        }
    }
    lines.join("\n")
}

fn is_video(url: &str) -> bool {
    let u = url
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_start_matches("www.");
    [
        "youtube.com/",
        "youtu.be/",
        "youtube-nocookie.com/",
        "vimeo.com/",
        "player.vimeo.com/",
    ]
    .iter()
    .any(|h| u.starts_with(h))
}

fn link_paragraph(url: &str) -> String {
    let u = escape(url.trim());
    format!("<p><a href=\"{u}\">{u}</a></p>")
}

fn escape(s: &str) -> String {
    crate::text::escape_attr(s)
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
        let name: String = tag
            .trim_start_matches(['<', '/'])
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
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

/// Blogger writes paragraphs as `<div>`s, and themes wrap blocks in them:
/// as paragraphs they become Markdown instead of raw HTML (the sanitiser's
/// output is regular: lowercase tags, quoted attributes).
fn divs_as_paragraphs(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("<div") {
        let tail = &rest[i..];
        let after = tail.as_bytes().get(4).copied();
        if !matches!(after, Some(b'>' | b' ')) {
            out.push_str(&rest[..i + 4]);
            rest = &tail[4..];
            continue;
        }
        out.push_str(&rest[..i]);
        out.push_str("<p>");
        rest = tail.find('>').map_or("", |j| &tail[j + 1..]);
    }
    out.push_str(rest);
    out.replace("</div>", "</p>")
}

/// The post's HTML through the same kind of whitelist as stories' raw HTML.
fn sanitise(html: &str) -> String {
    let mut b = ammonia::Builder::default();
    b.add_tags(["figure", "figcaption"]);
    // cerita measures photos itself; sizes kept would hold them as HTML.
    b.rm_tag_attributes("img", &["width", "height", "srcset", "sizes"]);
    b.url_schemes(["http", "https", "mailto", "tel"].into_iter().collect());
    b.link_rel(None);
    b.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(html: &str) -> (String, Found) {
        let mut f = Found::default();
        let out = to_markdown(
            html,
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
            "[caption id=\"a\" align=\"alignnone\" width=\"300\"]<a href=\"https://x/f.jpg\"><img src=\"https://x/f-300x200.jpg\" alt=\"Ibu-ibu\" /></a> Diskusi warga[/caption]\n\n[gallery ids=\"7,8\"]\n\n[embed]https://youtu.be/abc[/embed]\n\n[contact-form-7 id=\"5\"]\n\nhttps://www.youtube.com/watch?v=xyz",
        );
        assert!(out.contains("![Ibu-ibu](https://x/f-300x200.jpg)"), "{out}");
        assert!(out.contains("Diskusi warga"), "{out}");
        assert!(
            out.contains("https://lama.example/wp-content/uploads/7.jpg"),
            "{out}"
        );
        assert!(
            out.contains("[https://youtu.be/abc](https://youtu.be/abc)"),
            "{out}"
        );
        assert!(
            out.contains("[contact-form-7 id=\"5\"]")
                || out.contains("\\[contact-form-7 id=\"5\"\\]"),
            "{out}"
        );
        assert!(
            out.contains("(https://www.youtube.com/watch?v=xyz)"),
            "{out}"
        );
        assert_eq!(
            f.unknown_shortcodes.into_iter().collect::<Vec<_>>(),
            ["contact-form-7"]
        );
    }

    #[test]
    fn nothing_dangerous_survives() {
        let (out, _) = md(
            "<p onclick=\"x()\">Teks <a href=\"javascript:alert(1)\">tautan</a></p><script>alert(1)</script><style>p{}</style><iframe src=\"https://evil.example/\"></iframe><iframe src=\"https://www.youtube.com/embed/abc\"></iframe>",
        );
        for bad in [
            "<script",
            "onclick",
            "javascript:",
            "<style",
            "<iframe",
            "evil.example",
        ] {
            assert!(!out.contains(bad), "{bad} in {out}");
        }
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
        // A blank line inside `<pre>` would end Markdown's HTML block: kept
        // as a character reference.
        assert!(out.contains("<pre>kode\n&#10;  menjorok</pre>"), "{out}");
    }

    #[test]
    fn a_caption_given_as_an_attribute_is_kept() {
        let (out, _) = md(
            "[caption id=\"a\" width=\"640\" caption=\"Kapal nelayan di Morowali.\"]<a href=\"https://x/f.jpg\"><img src=\"https://x/f.jpg\" alt=\"Kapal\" /></a>[/caption]",
        );
        assert!(
            out.contains("![Kapal](https://x/f.jpg)")
                && out.contains("*Kapal nelayan di Morowali.*"),
            "{out}"
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
}
