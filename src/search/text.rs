//! Search tokens: the one definition shared by the index builder, the Rust
//! reference searcher and `search.js` (which mirrors these rules line by line).
//!
//! A token is a maximal run of letters and digits after lower-casing and
//! removing diacritics (NFD, then dropping U+0300–U+036F), 2 to
//! [`MAX_TOKEN_CHARS`] characters long. Hyphens split words, so the
//! Indonesian reduplication `anak-anak` indexes as `anak`.

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
                if !('\u{300}'..='\u{36f}').contains(&d) {
                    out.push(if d == 'ς' { 'σ' } else { d });
                }
            });
        }
    }
}

fn is_token_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Calls `f` with every token of `text` (already folded), stopwords included.
pub fn each_token<'a>(folded: &'a str, mut f: impl FnMut(&'a str)) {
    let bytes = folded.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Skip to a token: ASCII (nearly all text) by byte, the rest by char.
        let b = bytes[i];
        if b < 0x80 {
            if !b.is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
        } else {
            let c = folded[i..].chars().next().unwrap_or(' ');
            if !is_token_char(c) {
                i += c.len_utf8();
                continue;
            }
        }
        let start = i;
        let mut chars = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                if !b.is_ascii_alphanumeric() {
                    break;
                }
                i += 1;
            } else {
                let c = folded[i..].chars().next().unwrap_or(' ');
                if !is_token_char(c) {
                    break;
                }
                i += c.len_utf8();
            }
            chars += 1;
        }
        if (2..=MAX_TOKEN_CHARS).contains(&chars) {
            f(&folded[start..i]);
        }
    }
}

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

    #[test]
    fn short_and_overlong_tokens_are_dropped() {
        let long = "x".repeat(MAX_TOKEN_CHARS + 1);
        assert_eq!(words(&format!("a b {long} ok")), ["ok"]);
    }

    #[test]
    fn markup_like_text_is_just_words() {
        assert_eq!(
            words("<img src=x onerror=alert(1)>"),
            ["img", "src", "onerror", "alert"]
        );
    }
}
