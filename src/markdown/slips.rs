//! Markdown a writer meant as something else, found in the source text.
//!
//! CommonMark reads `![Jembatan](Foto Jembatan.jpg)` as text: an address
//! with a space in it must be written in angle brackets. A photo or a
//! file named by a phone or a scanner (`IMG 2041.jpg`, `Laporan Akhir.pdf`)
//! then shows on the page as its Markdown, and nothing says why.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag};

/// Lines that open with two to six `#` and a letter straight after
/// (`##Latar Belakang`): meant as headings, shown as text, since a heading
/// needs a space after its `#`s. One `#` is left alone: `#PeduliAru` is a
/// hashtag. Outside code; byte ranges in `body` of each such line.
pub fn unspaced_headings(body: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if !body.contains("##") {
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
pub fn spaced_addresses(body: &str) -> Vec<(Range<usize>, bool)> {
    let mut out = Vec::new();
    if !body.contains("](") {
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
        if after_space.starts_with(['"', '\'', '(']) || !has_extension(dest) {
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
