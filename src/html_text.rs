//! What a reader reads of HTML: its text between tags, character
//! references decoded, image descriptions kept. The search index reads
//! each story's body so; Markdown compares an HTML heading with the title
//! so.

/// A decoded character reference: one character, or the text a named one
/// stands for.
enum Decoded {
    Char(char),
    Text(&'static str),
}

/// Tags that format words without separating them (`ka<em>ta</em>` is one
/// word); every other tag separates (`<td>a</td><td>b</td>` is two).
pub const INLINE_TAGS: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd",
    "label", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
    "wbr",
];

/// Appends what a reader reads in a rendered body (`html`) to `out`: the text
/// between tags with character references decoded, and image descriptions
/// (`alt`). Footnote reference numbers and `script` and `style` contents are
/// left out. The model keeps only each story's HTML, so this is how the
/// index reads a body, one story at a time.
pub fn html_text_into(html: &str, out: &mut String) {
    let mut rest = html;
    while let Some(i) = memchr::memchr2(b'<', b'&', rest.as_bytes()) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('&') {
            let (c, len) = char_ref(rest);
            match c {
                Some(Decoded::Char(c)) => out.push(c),
                Some(Decoded::Text(t)) => out.push_str(t),
                None => out.push('&'),
            }
            rest = &rest[len..];
            continue;
        }
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |e| &after[e + 3..]);
            continue;
        }
        let (tag, after) = split_tag(rest);
        rest = after;
        let closing = tag.starts_with('/');
        let name_of = tag.trim_start_matches('/');
        let name_len = name_of
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(name_of.len());
        let name = &name_of[..name_len];
        let is = |n: &str| name.eq_ignore_ascii_case(n);
        if INLINE_TAGS.iter().any(|n| is(n)) {
            if !closing && is("sup") && tag.contains("footnote-") {
                rest = skip_past_close(rest, "sup");
            }
            continue;
        }
        out.push(' ');
        if closing {
            continue;
        }
        if is("script") || is("style") {
            rest = skip_past_close(rest, name);
        } else if is("img") {
            if let Some(alt) = attribute(tag, "alt") {
                html_text_into(alt, out);
                out.push(' ');
            }
        }
    }
    out.push_str(rest);
}

/// The inside of the tag at the start of `s` (which starts with `<`) and
/// what follows its `>`; a `>` in a quoted attribute value does not end it,
/// and a tag without an end takes the rest of `s`.
fn split_tag(s: &str) -> (&str, &str) {
    let mut quote = None;
    for (i, b) in s.bytes().enumerate().skip(1) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if q == b => quote = None,
            (None, b'>') => return (&s[1..i], &s[i + 1..]),
            _ => {}
        }
    }
    (s.get(1..).unwrap_or(""), "")
}

/// What follows the closing tag `</name>` in `s` (nothing if it is missing).
fn skip_past_close<'a>(s: &'a str, name: &str) -> &'a str {
    let lower = s.as_bytes();
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&lower[from..], b"</") {
        let at = from + i + 2;
        let candidate = s.get(at..at + name.len()).unwrap_or("");
        if candidate.eq_ignore_ascii_case(name) {
            return s[at..].find('>').map_or("", |e| &s[at + e + 1..]);
        }
        from = at;
    }
    ""
}

/// The value of attribute `name` in a tag's inside (`img src="…" alt="…"`).
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = tag;
    while let Some(i) = rest.find('=') {
        let key = rest[..i].trim_end();
        let key = key
            .rsplit(|c: char| c.is_ascii_whitespace())
            .next()
            .unwrap_or(key);
        let after = rest[i + 1..].trim_start();
        let (value, next) = match after.as_bytes().first() {
            Some(&q @ (b'"' | b'\'')) => {
                let v = &after[1..];
                match v.find(q as char) {
                    Some(e) => (&v[..e], &v[e + 1..]),
                    None => (v, ""),
                }
            }
            _ => {
                let e = after
                    .find(|c: char| c.is_ascii_whitespace() || c == '/')
                    .unwrap_or(after.len());
                (&after[..e], &after[e..])
            }
        };
        if key.eq_ignore_ascii_case(name) {
            return Some(value);
        }
        rest = next;
    }
    None
}

/// The character reference at the start of `s` (`&amp;`, `&#39;`, `&#x27;`,
/// any of HTML's names such as `&ldquo;`) and its length; `None` and 1 when
/// it is none.
fn char_ref(s: &str) -> (Option<Decoded>, usize) {
    let Some(semi) = s.as_bytes().iter().take(12).position(|&b| b == b';') else {
        return (None, 1);
    };
    let body = &s[1..semi];
    let named = |name: &str| quick_xml::escape::resolve_html5_entity(name).map(Decoded::Text);
    let c = match body {
        "amp" => Some(Decoded::Char('&')),
        "lt" => Some(Decoded::Char('<')),
        "gt" => Some(Decoded::Char('>')),
        "quot" => Some(Decoded::Char('"')),
        "apos" => Some(Decoded::Char('\'')),
        "nbsp" => Some(Decoded::Char(' ')),
        _ => match body.strip_prefix('#') {
            Some(n) => {
                let code = match n.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => n.parse().ok(),
                };
                code.and_then(char::from_u32).map(Decoded::Char)
            }
            None => named(body),
        },
    };
    match c {
        Some(c) => (Some(c), semi + 1),
        None => (None, 1),
    }
}
