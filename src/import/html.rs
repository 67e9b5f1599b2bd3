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
    let html = if block_editor {
        embed_blocks(&html)
    } else {
        autop(&html)
    };
    let mut made = Vec::new();
    let html = shortcodes(&html, gallery, found, &mut made);
    let html = embeds(&html, &mut made);
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
    let md = put_back(&md, &made);
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

/// `{{ video(url="…") }}` for a YouTube or Vimeo address or a video file.
fn video_shortcode(url: &str) -> Option<String> {
    crate::shortcodes::parse_video(url)?;
    Some(format!("{{{{ video(url={}) }}}}", arg(url)))
}

/// Shortcodes WordPress sites use most, turned into cerita's: `[caption]`
/// → `figure`, `[gallery]` → `gallery`, `[embed]`, `[youtube]`, `[video]`
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
                let text = shortcodes(&text, gallery, found, made);
                Some(match figure(&text) {
                    Some(f) => token(made, f),
                    None => caption(&text),
                })
            }
            "gallery" => {
                let ids: Vec<u64> = attr(&attrs, "ids")
                    .unwrap_or_default()
                    .split(',')
                    .filter_map(|s| s.trim().parse().ok())
                    .collect();
                let photos = gallery(&ids);
                if photos.is_empty() {
                    Some(String::new())
                } else {
                    let list = |f: &dyn Fn(&(String, String)) -> String| {
                        photos.iter().map(f).collect::<Vec<_>>().join(", ")
                    };
                    let images = list(&|(u, _)| arg(u));
                    let gallery = if photos.iter().any(|(_, alt)| !alt.trim().is_empty()) {
                        let captions = list(&|(_, a)| arg(&plain(a)));
                        format!("{{{{ gallery(images=[{images}], captions=[{captions}]) }}}}")
                    } else {
                        format!("{{{{ gallery(images=[{images}]) }}}}")
                    };
                    Some(token(made, gallery))
                }
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
                let url = url.replace("&amp;", "&");
                if url.is_empty() {
                    None
                } else if let Some(v) = video_shortcode(&url) {
                    Some(token(made, v))
                } else if name == "audio" {
                    // A recording to listen to: a download card.
                    Some(token(
                        made,
                        format!("{{{{ download(path={}) }}}}", arg(&url)),
                    ))
                } else {
                    Some(link_paragraph(&url))
                }
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
        let caption = inner.find("<figcaption").and_then(|c| {
            let start = c + inner[c..].find('>')? + 1;
            let end = inner[start..].find("</figcaption>")? + start;
            Some(plain(&strip_tags(&inner[start..end])))
        });
        out.push_str(&rest[..i]);
        match url {
            Some(u) => {
                let decoded = u.replace("&amp;", "&");
                if is_video(&decoded) {
                    out.push_str(&format!("\n<p>{u}</p>\n"));
                } else {
                    out.push_str(&format!("\n{}\n", link_paragraph(&decoded)));
                }
                if let Some(c) = caption.filter(|c| !c.is_empty()) {
                    out.push_str(&format!(
                        "<p><em>{}</em></p>\n",
                        crate::text::escape_html(&c)
                    ));
                }
            }
            None => out.push_str(&tail[..close + "</figure>".len()]),
        }
        rest = &tail[close + "</figure>".len()..];
    }
    out.push_str(rest);
    out
}

/// `<a><img src alt></a> Caption` → `{{ figure(src, alt, caption) }}`.
fn figure(body: &str) -> Option<String> {
    let at = body.find("<img")?;
    let end = body[at..].find('>')? + at + 1;
    let tag = &body[at + 4..end - 1];
    let src = attr(tag, "src")?.replace("&amp;", "&");
    let alt = plain(&attr(tag, "alt").unwrap_or_default());
    // The caption: the text outside the image and the link around it.
    let mut text = format!("{} {}", &body[..at], &body[end..]);
    text = plain(&strip_tags(&text));
    let mut call = format!("{{{{ figure(src={}", arg(&src));
    if !alt.is_empty() {
        call.push_str(&format!(", alt={}", arg(&alt)));
    }
    if !text.is_empty() {
        call.push_str(&format!(", caption={}", arg(&text)));
    }
    call.push_str(") }}");
    Some(call)
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

/// Iframes of YouTube and Vimeo, and video addresses alone on a line, as
/// cerita's video shortcode.
fn embeds(html: &str, made: &mut Vec<String>) -> String {
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
            // A video becomes the video shortcode; anything else embedded
            // (a map, slides, a podcast) a link to it.
            match video_shortcode(&src) {
                Some(v) => out.push_str(&token(made, v)),
                None if src.starts_with("https://") || src.starts_with("http://") => {
                    out.push_str(&link_paragraph(&src))
                }
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
        if is_video(bare) && !bare.contains(char::is_whitespace) && !bare.contains('<') {
            let url = bare.replace("&amp;", "&");
            match video_shortcode(&url) {
                Some(v) => lines.push(token(made, v)),
                None => lines.push(link_paragraph(bare)),
            }
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
        .trim_start_matches("www.")
        .trim_start_matches("m.");
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

/// Text with HTML entities decoded and whitespace collapsed.
pub(super) fn plain(s: &str) -> String {
    let decoded = quick_xml::escape::unescape_with(s, quick_xml::escape::resolve_html5_entity)
        .map(|c| c.into_owned())
        .unwrap_or_else(|_| s.to_string());
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
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
            "[caption id=\"a\" align=\"alignnone\" width=\"300\"]<a href=\"https://x/f.jpg\"><img src=\"https://x/f-300x200.jpg\" alt=\"Ibu-ibu\" /></a> Diskusi <em>warga</em> &amp; \"kader\"[/caption]\n\n[gallery ids=\"7,8\"]\n\n[embed]https://youtu.be/aqz-KE-bpKQ[/embed]\n\n[embed]https://youtu.be/abc[/embed]\n\n[contact-form-7 id=\"5\"]\n\nhttps://www.youtube.com/watch?v=aqz-KE-bpKQ&amp;t=30\n\n<iframe src=\"https://player.vimeo.com/video/76979871\"></iframe>\n\n[video mp4=\"https://lama.example/wp-content/uploads/sesi.mp4\"][/video]\n\n[audio mp3=\"https://lama.example/wp-content/uploads/siaran.mp3\"][/audio]",
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
                r#"{{ download(path="https://lama.example/wp-content/uploads/siaran.mp3") }}"#,
            ],
            "{out}"
        );
        // What is not a video stays a link to it.
        assert!(
            out.contains("[https://youtu.be/abc](https://youtu.be/abc)"),
            "{out}"
        );
        assert!(
            out.contains("[contact-form-7 id=\"5\"]")
                || out.contains("\\[contact-form-7 id=\"5\"\\]"),
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
        // A blank line inside `<pre>` would end Markdown's HTML block: kept
        // as a character reference.
        assert!(out.contains("<pre>kode\n&#10;  menjorok</pre>"), "{out}");
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
}
