//! Search tokens: the one definition shared by the index builder, the Rust
//! reference searcher and `search.js` (which mirrors these rules line by line).
//!
//! A token is a maximal run of letters and digits after lower-casing and
//! removing diacritics (NFD, then dropping U+0300–U+036F and kana's voicing
//! marks), 2 to [`MAX_TOKEN_CHARS`] characters long. Hyphens split words,
//! so the Indonesian reduplication `anak-anak` indexes as `anak`. Chinese
//! and Japanese ([`is_cjk`]), written without spaces, give each pair of
//! neighbouring characters instead.

use unicode_normalization::char::decompose_canonical;

/// Longer runs (hashes, URLs without separators) are not words.
pub const MAX_TOKEN_CHARS: usize = 32;

/// Words too common to mean anything in a query, in both site languages.
/// Shipped to the browser in `search/index.json` so both sides drop the same.
pub const STOPWORDS: &[&str] = &[
    // Bahasa Indonesia and English, merged and sorted (binary-searched).
    "a", "ada", "adalah", "agar", "akan", "an", "and", "antara", "are", "as", "at", "atau", "bagi",
    "bahwa", "be", "been", "belum", "bisa", "but", "by", "dalam", "dan", "dari", "dengan", "di",
    "dia", "for", "from", "hal", "harus", "has", "have", "ia", "in", "ini", "is", "it", "its",
    "itu", "jadi", "juga", "kami", "kamu", "ke", "kita", "lagi", "lebih", "masih", "mereka",
    "namun", "of", "oleh", "on", "or", "pada", "para", "saat", "saja", "sangat", "satu", "sebagai",
    "secara", "sejak", "serta", "sudah", "tak", "tapi", "telah", "tetapi", "that", "the", "their",
    "they", "this", "tidak", "to", "untuk", "was", "were", "which", "with", "yaitu", "yakni",
    "yang",
];

pub fn is_stopword(w: &str) -> bool {
    w.len() <= 7 && STOPWORDS.binary_search(&w).is_ok()
}

/// Lower-cases and folds diacritics (`Përempuan` → `perempuan`).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// [`fold`], appending to `out`. Char by char, so final sigma is always `σ`
/// (`search.js` maps `ς` the same way).
pub fn fold_into(text: &str, out: &mut String) {
    if text.is_ascii() {
        let start = out.len();
        out.push_str(text);
        out[start..].make_ascii_lowercase();
        return;
    }
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        for l in c.to_lowercase() {
            decompose_canonical(l, |d| {
                // Diacritics, and kana's voicing marks (`が` → `か`).
                if !('\u{300}'..='\u{36f}').contains(&d) && !('\u{3099}'..='\u{309a}').contains(&d)
                {
                    out.push(if d == 'ς' { 'σ' } else { d });
                }
            });
        }
    }
}

pub use crate::html_text::{INLINE_TAGS, html_text_into};

fn is_token_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Whether a run of `chars` token characters is long enough, and short
/// enough, to be a word.
fn is_token_length(chars: usize) -> bool {
    (2..=MAX_TOKEN_CHARS).contains(&chars)
}

const ONES: u64 = 0x0101_0101_0101_0101;
/// The top bit of every byte.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The eight bytes of `bytes` from `i`, little-endian; bytes past the end
/// read as zero (which is not a word byte, so it ends a token).
pub(crate) fn load8(bytes: &[u8], i: usize) -> u64 {
    match bytes.get(i..i + 8) {
        Some(b) => u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]),
        None => {
            let mut b = [0u8; 8];
            let rest = bytes.get(i..).unwrap_or(&[]);
            b[..rest.len()].copy_from_slice(rest);
            u64::from_le_bytes(b)
        }
    }
}

/// The top bit of each byte of `w` that is an ASCII letter or digit, eight
/// bytes at once. Works on the low seven bits, where no byte's sum carries
/// into the next, and drops non-ASCII bytes at the end.
fn ascii_word_bytes(w: u64) -> u64 {
    let x = w & !HIGH;
    let at_least = |lo: u8, v: u64| v + ONES * u64::from(0x80 - lo);
    let at_most = |hi: u8, v: u64| !(v + ONES * u64::from(0x7f - hi));
    let digit = at_least(b'0', x) & at_most(b'9', x);
    let l = x | (ONES * 0x20);
    let letter = at_least(b'a', l) & at_most(b'z', l);
    (digit | letter) & !w & HIGH
}

/// Calls `f` with every token of `text` (already folded), stopwords included.
pub fn each_token<'a>(folded: &'a str, mut f: impl FnMut(&'a str)) {
    each_token_range(folded, |start, end| {
        if let Some(t) = folded.get(start..end) {
            f(t);
        }
    });
}

/// [`each_token`] as byte ranges of `folded`.
///
/// Text is read 64 bytes at a time into a bit mask of the bytes that can be
/// part of a word (ASCII letters and digits, and every non-ASCII byte), so
/// each run of them costs a few bit operations and no byte-by-byte loop. A
/// run that is all ASCII is one token; a run with other characters is split
/// char by char, as its characters need not all be letters.
pub fn each_token_range(folded: &str, mut f: impl FnMut(usize, usize)) {
    let bytes = folded.as_bytes();
    let n = bytes.len();
    let mut emit = |start: usize, end: usize, ascii: bool| {
        if ascii {
            if is_token_length(end - start) {
                f(start, end);
            }
        } else {
            split_chars(folded, start, end, &mut f);
        }
    };
    // A run reaching the end of a block: its start, and whether it is ASCII.
    let mut open: Option<(usize, bool)> = None;
    let mut base = 0;
    while base < n {
        let (mut m, other) = block_masks(bytes, base);
        if let Some((start, ascii)) = open.take() {
            let len = m.trailing_ones() as usize;
            let run = u64::MAX.checked_shr(64 - len as u32).unwrap_or(0);
            let ascii = ascii && other & run == 0;
            if len == 64 {
                open = Some((start, ascii));
                base += 64;
                continue;
            }
            emit(start, base + len, ascii);
            m &= !run;
        }
        while m != 0 {
            let s = m.trailing_zeros();
            let len = (m >> s).trailing_ones();
            let run = (u64::MAX >> (64 - len)) << s;
            let ascii = other & run == 0;
            let start = base + s as usize;
            if s + len == 64 {
                open = Some((start, ascii));
                break;
            }
            emit(start, start + len as usize, ascii);
            m &= !run;
        }
        base += 64;
    }
    if let Some((start, ascii)) = open {
        emit(start, n, ascii);
    }
}

/// For the 64 bytes of `bytes` from `i` (zero past the end): bit `k` set
/// where byte `i + k` can be part of a word, and where it is not ASCII.
fn block_masks(bytes: &[u8], i: usize) -> (u64, u64) {
    // The top bits of eight bytes gathered into the low eight bits.
    let gather = |high: u64| high.wrapping_mul(0x0002_0408_1020_4081) >> 56;
    let (mut word, mut other) = (0, 0);
    for j in 0..8 {
        let w = load8(bytes, i + 8 * j);
        word |= gather(ascii_word_bytes(w) | (w & HIGH)) << (8 * j);
        other |= gather(w & HIGH) << (8 * j);
    }
    (word, other)
}

/// The tokens of `folded[start..end]`, a run that is not all ASCII, char
/// by char.
///
/// Chinese and Japanese write no spaces between words: a run of their
/// characters gives each pair of neighbours as a token (`访问日志` →
/// `访问`, `问日`, `日志`), so a word anywhere in a sentence is found by
/// its pairs, as search engines index these scripts without a dictionary.
/// Letters of other scripts beside them (`Kmesh的`) are a token of their own.
fn split_chars(folded: &str, start: usize, end: usize, f: &mut impl FnMut(usize, usize)) {
    let Some(run) = folded.get(start..end) else {
        return;
    };
    // The token being read: its start, its chars, and whether it is CJK;
    // for CJK, the previous char's start. A space after the run ends its
    // last token like any other.
    let mut token: Option<(usize, usize, bool)> = None;
    let mut prev = 0;
    for (i, c) in run.char_indices().chain([(run.len(), ' ')]) {
        let at = start + i;
        let cjk = is_cjk(c);
        if let Some((s, chars, was_cjk)) = token {
            if !is_token_char(c) || cjk != was_cjk {
                if !was_cjk && is_token_length(chars) {
                    f(s, at);
                }
                token = None;
            } else if cjk {
                f(prev, at + c.len_utf8());
            }
        }
        if is_token_char(c) {
            let t = token.get_or_insert((at, 0, cjk));
            t.1 += 1;
        }
        prev = at;
    }
}

pub use crate::text::is_cjk;

/// The searchable words of a text: folded tokens without stopwords.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_token(&fold(text), |t| {
        if !is_stopword(t) {
            out.push(t.to_string());
        }
    });
    out
}

/// Orders strings by UTF-16 code units, as JavaScript compares them, so the
/// browser can binary-search what Rust sorted.
pub fn js_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopwords_are_sorted_for_binary_search() {
        assert!(STOPWORDS.iter().all(|w| w.len() <= 7));
        let mut sorted = STOPWORDS.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted, STOPWORDS);
    }

    #[test]
    fn tokens_fold_case_and_diacritics_and_split_hyphens() {
        assert_eq!(
            words("Anak-anak PEREMPUAN di Café Ḱota, 2024! ΟΔΟΣ"),
            ["anak", "anak", "perempuan", "cafe", "kota", "2024", "οδοσ"]
        );
    }

    /// Chinese and Japanese give each pair of neighbouring characters;
    /// Latin letters beside them, and Korean (written with spaces), are
    /// words as before.
    #[test]
    fn cjk_text_gives_pairs_of_characters() {
        assert_eq!(words("访问日志"), ["访问", "问日", "日志"]);
        // (Hangul is folded to its letters, as before, on both sides.)
        assert_eq!(
            words("Kmesh的流量，很好 한국어 단어"),
            [
                "kmesh",
                "的流",
                "流量",
                "很好",
                &fold("한국어"),
                &fold("단어")
            ]
        );
        // Kana's voicing marks fold away as diacritics do.
        assert_eq!(words("书 ひらがな"), ["ひら", "らか", "かな"]);
        // 々 repeats the ideograph before it, part of the word.
        assert_eq!(words("様々な人々"), ["様々", "々な", "な人", "人々"]);
        // Ranges are byte offsets of the pairs, overlapping.
        let mut ranges = Vec::new();
        each_token_range("日志ab", |s, e| ranges.push((s, e)));
        assert_eq!(ranges, [(0, 6), (6, 8)]);
    }

    #[test]
    fn short_and_overlong_tokens_are_dropped() {
        let long = "x".repeat(MAX_TOKEN_CHARS + 1);
        assert_eq!(words(&format!("a b {long} ok")), ["ok"]);
    }

    fn text_of(html: &str) -> String {
        let mut out = String::new();
        html_text_into(html, &mut out);
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn html_text_is_what_a_reader_reads() {
        assert_eq!(
            text_of(
                "<p>Ka<em>ta</em> &amp; <code>x&lt;y</code></p>\n<table><tr><td>a</td><td>b</td></tr></table>"
            ),
            "Kata & x<y a b"
        );
        assert_eq!(
            text_of(r#"<p>Foto<img src="a.jpg" alt="Ibu &quot;Sri&quot; menanam"></p><p>Lagi</p>"#),
            "Foto Ibu \"Sri\" menanam Lagi"
        );
        assert_eq!(
            text_of(
                r##"<p>Kata<sup class="footnote-reference"><a href="#1">12</a></sup> lain</p>"##
            ),
            "Kata lain"
        );
        assert_eq!(
            text_of(
                "<p>a<!-- x > y --><script>var s = '</p>';</script>b<STYLE>p{}</STYLE>c&#39;d&#x41;&bogus;</p>"
            ),
            "a b c'dA&bogus;"
        );
        assert_eq!(text_of(r#"<a title="x>y">t</a>u<br>v"#), "tu v");
        assert_eq!(text_of("unclosed <p class=\"x"), "unclosed");
    }

    #[test]
    fn markup_like_text_is_just_words() {
        assert_eq!(
            words("<img src=x onerror=alert(1)>"),
            ["img", "src", "onerror", "alert"]
        );
    }
}
