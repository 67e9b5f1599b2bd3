//! Markdown a writer meant as something else, found in the source text.
//!
//! CommonMark reads `![Jembatan](Foto Jembatan.jpg)` as text: an address
//! with a space in it must be written in angle brackets. A photo or a
//! file named by a phone or a scanner (`IMG 2041.jpg`, `Laporan Akhir.pdf`)
//! then shows on the page as its Markdown, and nothing says why.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag};

use crate::error::Diagnostic;

/// Every slip in `body`, as a warning with the byte offset it is at.
pub fn warnings(body: &str) -> Vec<(usize, Diagnostic)> {
    let mut out = Vec::new();
    for (at, image) in spaced_addresses(body) {
        let written = &body[at.clone()];
        let (label, dest) = written
            .split_once("](")
            .map_or((written, ""), |(l, d)| (l, d.trim_end_matches(')').trim()));
        let what = if image { "photo" } else { "link" };
        // A space typed after a path's slash (`../ 2021-01-07-rapat`) is a
        // slip to take out; a file name with spaces may be one on disk.
        let joined: String = dest.split_whitespace().collect();
        // Another generator's template value inside it (`{{< param
        // "githubbranch" >}}`): its spaces are the template's.
        let templated = ["{{", "{%"].iter().any(|t| dest.contains(t));
        let hint = match (templated, has_extension(dest)) {
            (true, _) => "the address holds another generator's template value (`{{< param … >}}`, `{{ site.… }}`), which cerita does not fill in: write the address it stood for".to_string(),
            (false, true) => format!(
                "write the address in angle brackets, `{label}](<{dest}>)`, or rename the file without spaces"
            ),
            (false, false) => format!("take the space out: `{label}]({joined})`"),
        };
        let d = Diagnostic::warning(format!(
            "`{written}` is shown as text, not as a {what}: its address has a space"
        ))
        .with_hint(hint);
        out.push((at.start, d));
    }
    for (at, fixed) in loose_bold(body) {
        let written = &body[at.clone()];
        let mark = if written.contains("**") { "**" } else { "__" };
        let d = Diagnostic::warning(format!(
            "`{written}` shows its `{mark}`: bold text needs them right against its first and last letters"
        ))
        .with_hint(format!("write `{fixed}`"));
        out.push((at.start, d));
    }
    for at in unspaced_headings(body) {
        let written = &body[at.clone()];
        let hashes = written.len() - written.trim_start_matches('#').len();
        let d = Diagnostic::warning(format!(
            "`{written}` is shown as text, not as a heading: a heading has a space after its `#`s"
        ))
        .with_hint(format!(
            "write `{} {}`",
            &written[..hashes],
            &written[hashes..]
        ));
        out.push((at.start, d));
    }
    out
}

/// Lines that open with two to six `#` and a letter straight after
/// (`##Latar Belakang`): meant as headings, shown as text, since a heading
/// needs a space after its `#`s. One `#` is left alone: `#PeduliAru` is a
/// hashtag. Outside code; byte ranges in `body` of each such line.
fn unspaced_headings(body: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    // Cheap first: `##` and a letter anywhere (headings are `## Title`).
    let bytes = body.as_bytes();
    let maybe = body.match_indices('#').any(|(i, _)| {
        bytes.get(i + 1) == Some(&b'#')
            && body[i..]
                .trim_start_matches('#')
                .starts_with(char::is_alphabetic)
    });
    if !maybe {
        return out;
    }
    for (start, text) in outside_code(body) {
        let hashes = text.bytes().take_while(|b| *b == b'#').count();
        let rest = &text[hashes..];
        if (2..=6).contains(&hashes) && rest.starts_with(char::is_alphabetic) {
            out.push(start..start + hashes + rest.trim_end().len());
        }
    }
    out
}

/// Lines whose `**bold**` or `__bold__` shows its marks, because a space is
/// inside them (`**Catatan: **teks`): CommonMark bolds only text the marks
/// touch. Outside code and inline code; the byte range of each such line in
/// `body` and the line as it should probably be written.
fn loose_bold(body: &str) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    // Cheap first: a space just inside a mark somewhere.
    let maybe = doubled_with_space(body, '*') || doubled_with_space(body, '_');
    if !maybe {
        return out;
    }
    for (start, text) in outside_code(body) {
        let line = text.trim_end();
        if line.contains('\\') || !(line.contains("**") || line.contains("__")) {
            continue;
        }
        let fixed = ["**", "__"]
            .iter()
            .fold(line.to_string(), |l, mark| tightened(&l, mark));
        let fixed = fixed.trim();
        // Parsed only when moving spaces would change it: rare.
        if fixed != line && shows_marks(line) {
            out.push((start..start + line.len(), fixed.to_string()));
        }
    }
    out
}

/// Whether `body` has `mark` twice with a space before or after the pair
/// (`** `, ` **`); found with `memchr`, as a cheap first look.
fn doubled_with_space(body: &str, mark: char) -> bool {
    let bytes = body.as_bytes();
    let m = mark as u8;
    body.match_indices(mark).any(|(i, _)| {
        bytes.get(i + 1) == Some(&m)
            && (bytes.get(i + 2) == Some(&b' ') || (i > 0 && bytes[i - 1] == b' '))
    })
}

/// Whether `line`, read as Markdown, shows `**` or `__` as text (the parser
/// gives unmatched marks one character at a time).
fn shows_marks(line: &str) -> bool {
    let mut run = String::new();
    for e in Parser::new(line) {
        if let Event::Text(t) = e {
            run.push_str(&t);
            if run.contains("**") || run.contains("__") {
                return true;
            }
        } else {
            run.clear();
        }
    }
    false
}

/// `line` with the spaces just inside each pair of `mark`s moved outside
/// them (`**Catatan: **teks` → `**Catatan:** teks`).
fn tightened(line: &str, mark: &str) -> String {
    let parts: Vec<&str> = line.split(mark).collect();
    if parts.len() < 3 || parts.len() % 2 == 0 {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len());
    for (i, part) in parts.iter().enumerate() {
        if i % 2 == 0 {
            out.push_str(part);
            continue;
        }
        let inner = part.trim();
        if inner.is_empty() {
            out.push_str(mark);
            out.push_str(part);
            out.push_str(mark);
            continue;
        }
        let lead = &part[..part.len() - part.trim_start().len()];
        let trail = &part[part.trim_end().len()..];
        out.push_str(lead);
        out.push_str(mark);
        out.push_str(inner);
        out.push_str(mark);
        // A space taken out of the end goes after the marks, unless one
        // is there already.
        if !trail.is_empty() && !parts.get(i + 1).is_some_and(|n| n.starts_with(' ')) {
            out.push_str(trail);
        }
    }
    out
}

/// Each line of `body` outside fenced and indented code, trimmed of its
/// indentation, with the byte offset where that text starts.
fn outside_code(body: &str) -> Vec<(usize, &str)> {
    let mut lines = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let text = line.trim_start_matches([' ', '\t']);
        let indent = line.len() - text.len();
        if let Some(mark) = text.chars().next().filter(|c| matches!(c, '`' | '~')) {
            let width = text.chars().take_while(|c| *c == mark).count();
            if width >= 3 && indent < 4 {
                match fence {
                    None => fence = Some((mark, width)),
                    Some((m, w))
                        if m == mark
                            && width >= w
                            && text.trim_end().chars().all(|c| c == mark) =>
                    {
                        fence = None;
                    }
                    Some(_) => {}
                }
                continue;
            }
        }
        // In a fenced block, or indented as code may be (a list's text may
        // be too; it is skipped, not misread).
        if fence.is_none() && indent < 4 {
            lines.push((start + indent, text));
        }
    }
    lines
}

/// Images and links in `body` that CommonMark leaves as text because their
/// address has a space (a file name with an extension, not a title after
/// it), outside code. Byte ranges in `body`; whether each is an image.
fn spaced_addresses(body: &str) -> Vec<(Range<usize>, bool)> {
    let mut out = Vec::new();
    // Cheap first: an address with a space and an extension anywhere.
    let bytes = body.as_bytes();
    let maybe = body.match_indices(']').any(|(i, _)| {
        if bytes.get(i + 1) != Some(&b'(') {
            return false;
        }
        let rest = &body[i + 2..];
        let dest = &rest[..rest.find([')', '\n']).unwrap_or(rest.len())];
        let dest = dest.trim();
        !dest.starts_with('<') && dest.contains(char::is_whitespace) && addressed(dest)
    });
    if !maybe {
        return out;
    }
    for (start, line) in outside_code(body) {
        out.extend(
            in_line(line)
                .into_iter()
                .map(|(r, image)| (start + r.start..start + r.end, image)),
        );
    }
    out
}

/// [`spaced_addresses`] in one line.
fn in_line(line: &str) -> Vec<(Range<usize>, bool)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = line[from..].find("](").map(|i| from + i) {
        from = i + 2;
        let Some(open) = line[..i].rfind('[') else {
            continue;
        };
        let image = open > 0 && line.as_bytes()[open - 1] == b'!';
        let begin = if image { open - 1 } else { open };
        // Inside an inline code span: an odd number of backticks before it.
        if line[..begin].matches('`').count() % 2 == 1 {
            continue;
        }
        let Some(close) = line[from..].find(')').map(|c| from + c) else {
            continue;
        };
        let dest = line[from..close].trim();
        if dest.starts_with('<') || !dest.contains(char::is_whitespace) {
            continue;
        }
        let after_space = dest
            .split_once(char::is_whitespace)
            .map_or("", |(_, rest)| rest.trim_start());
        if after_space.starts_with(['"', '\'', '(']) || !addressed(dest) {
            continue;
        }
        let snippet = &line[begin..=close];
        let parsed = Parser::new(snippet)
            .any(|e| matches!(e, Event::Start(Tag::Image { .. } | Tag::Link { .. })));
        if !parsed {
            out.push((begin..close + 1, image));
        }
        from = close + 1;
    }
    out
}

/// Whether `dest`, with a space in it, is an address a writer meant, not
/// words in brackets: a file name with an extension, or a path (`../`,
/// `./`, `/`, `@/`, `https://`).
fn addressed(dest: &str) -> bool {
    has_extension(dest)
        || ["../", "./", "/", "@/", "http://", "https://"]
            .iter()
            .any(|p| dest.starts_with(p))
}

/// `Foto Jembatan.JPG`, `Laporan Akhir.pdf`: ends in a dot and 2–5 letters
/// or digits.
fn has_extension(dest: &str) -> bool {
    let dest = dest.split(['?', '#']).next().unwrap_or(dest);
    dest.rsplit_once('.').is_some_and(|(name, ext)| {
        !name.is_empty()
            && (2..=5).contains(&ext.len())
            && ext.bytes().all(|b| b.is_ascii_alphanumeric())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(body: &str) -> Vec<(&str, bool)> {
        spaced_addresses(body)
            .into_iter()
            .map(|(r, image)| (&body[r], image))
            .collect()
    }

    #[test]
    fn addresses_with_spaces_are_found() {
        assert_eq!(
            found("Isi ![Jembatan](Foto Jembatan.JPG) dan [laporan](Laporan Akhir 2024.pdf).\n"),
            [
                ("![Jembatan](Foto Jembatan.JPG)", true),
                ("[laporan](Laporan Akhir 2024.pdf)", false)
            ]
        );
        assert_eq!(
            found("- ![a](IMG 2041.jpg)\n"),
            [("![a](IMG 2041.jpg)", true)]
        );
        // A space typed after a path's slash, as a translator did.
        let body =
            "Lihat [\"Mencari penyelenggara\"](../ 2021-01-07-mencari) dan [x](/cerita/ rapat/).\n";
        assert_eq!(
            found(body),
            [
                ("[\"Mencari penyelenggara\"](../ 2021-01-07-mencari)", false),
                ("[x](/cerita/ rapat/)", false)
            ]
        );
        let hints: Vec<String> = warnings(body)
            .into_iter()
            .filter_map(|(_, d)| d.hint)
            .collect();
        assert_eq!(
            hints[0],
            "take the space out: `[\"Mencari penyelenggara\"](../2021-01-07-mencari)`"
        );
        // A template value inside the address is no space to take out.
        let body = "[DNS](https://releases.k8s.io/{{< param \"githubbranch\" >}}/dns/)\n";
        let hints: Vec<String> = warnings(body)
            .into_iter()
            .filter_map(|(_, d)| d.hint)
            .collect();
        assert!(hints[0].contains("template value"), "{hints:?}");
    }

    #[test]
    fn bold_with_a_space_inside_its_marks() {
        let body = "**Catatan: **teks biasa.\n**Baik** dan __juga__.\n`**kode **`\nSatu ** dua\n\n** Judul **\n";
        let found: Vec<(&str, String)> = loose_bold(body)
            .into_iter()
            .map(|(r, fixed)| (&body[r], fixed))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "**Catatan: **teks biasa.",
                    "**Catatan:** teks biasa.".to_string()
                ),
                ("** Judul **", "**Judul**".to_string()),
            ]
        );
    }

    /// Every text made of up to four of these pieces is looked at without
    /// a panic (multi-byte letters, unclosed brackets and fences among them).
    #[test]
    fn no_input_panics() {
        let pieces = [
            "![", "[", "](", ")", " ", "a.jpg", "é", "\n", "```", "    ", "**", "__", "`", "##",
            "#", "<", "ي",
        ];
        let mut s = String::new();
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for d in ["", " x.pdf)", "**\n", "](a b.png)", "\n```"] {
                        s.clear();
                        s.extend([a, b, c, d]);
                        let _ = warnings(&s);
                    }
                }
            }
        }
    }

    #[test]
    fn headings_without_their_space() {
        let body = "##Latar Belakang\nIsi.\n\n#PeduliAru tagar.\n### Baik\n```\n##kode\n```\n######Enam\n#######Tujuh\n";
        let found: Vec<&str> = unspaced_headings(body)
            .into_iter()
            .map(|r| &body[r])
            .collect();
        assert_eq!(found, ["##Latar Belakang", "######Enam"]);
    }

    #[test]
    fn what_commonmark_reads_or_code_is_left_alone() {
        for body in [
            "![a](<Foto Jembatan.JPG>)\n",
            "![a](foto.jpg \"Judul foto\")\n",
            "![a](foto.jpg 'Judul')\n",
            "[a](https://example.org/x.html)\n",
            "Lihat [catatan](dan lain lain)\n",
            "[a](/rapat/ \"Judul\")\n",
            "`![a](Foto Jembatan.JPG)`\n",
            "```\n![a](Foto Jembatan.JPG)\n```\n",
            "    ![a](Foto Jembatan.JPG)\n",
            "Tanpa tautan sama sekali.\n",
        ] {
            assert_eq!(found(body), [], "{body}");
        }
        // After a closed fence, text is read again.
        assert_eq!(
            found("```\nx\n```\n![a](Foto A.jpg)\n"),
            [("![a](Foto A.jpg)", true)]
        );
    }
}
