//! The index's files: dictionary shards, reversed-word lists for typos,
//! story chunks, facets, and the directory that names them (the table in
//! [`super`]'s documentation). Each step takes what the builder made and
//! returns files.

use rayon::prelude::*;
use serde::Serialize;

use super::codec;
use super::text::{self, js_cmp};
use crate::lang::Lang;
use crate::model::Site;

/// Stories per metadata chunk: few enough that ten results cost little.
pub const DOCS_PER_CHUNK: usize = 5;
/// Aimed-for shard size in bytes (a shard never splits one word's entry).
pub const SHARD_BYTES: usize = 3_000;
/// Shards (and reversed-word lists) per story, at most, so a big site stays
/// well under the files-per-story budget.
pub const MAX_SHARDS_PER_DOC: f64 = 0.12;
/// Small sites may use this many shards whatever their story count.
pub const MIN_SHARDS: usize = 48;
/// Words in a result's excerpt.
pub const EXCERPT_WORDS: usize = 16;
/// Shortest word typo matching is tried for (in the browser and in [`super::query`]).
pub const TYPO_MIN_CHARS: usize = 5;

/// Index files: paths relative to the output root, with their bytes.
pub type Files = Vec<(String, Vec<u8>)>;

/// A dictionary entry as the builder keeps it until shards are cut: its word
/// and the rest already encoded ([`codec::put_entry_tail`]).
pub struct Built {
    pub word: String,
    pub tail: Vec<u8>,
    pub root: bool,
}

/// The dictionary shards of `entries` (sorted as the browser compares),
/// at most `max` of them, and each shard's separator (the shortest prefix
/// that sorts after the previous shard's last word).
pub fn dictionary(entries: &[Built], max: usize) -> (Files, Vec<String>) {
    let mut files = Files::new();
    let mut separators = Vec::new();
    for (k, range) in cut_shards(entries, max).into_iter().enumerate() {
        let prev = range
            .start
            .checked_sub(1)
            .map_or("", |i| entries[i].word.as_str());
        separators.push(separator(prev, &entries[range.start].word));
        files.push((format!("search/s/{k}.bin"), encode_shard(&entries[range])));
    }
    (files, separators)
}

/// Reversed words for typo matching (edits in a word's first half), in at
/// most `max` lists, and their directory.
pub fn typo_lists(entries: &[Built], max: usize) -> Files {
    let mut reversed: Vec<String> = entries
        .iter()
        .filter(|e| e.word.chars().count() >= TYPO_MIN_CHARS - 1)
        .map(|e| e.word.chars().rev().collect())
        .collect();
    reversed.sort_by(|a, b| js_cmp(a, b));
    let lists = cut_lists(&reversed, max);
    let directory = TypoDirectory {
        shards: front_code(
            &lists
                .iter()
                .map(|r| {
                    let prev = r.start.checked_sub(1).map_or("", |i| reversed[i].as_str());
                    separator(prev, &reversed[r.start])
                })
                .collect::<Vec<_>>(),
        ),
    };
    let mut files: Files = lists
        .iter()
        .enumerate()
        .map(|(k, range)| {
            let list = codec::encode_list(&reversed[range.clone()]);
            (format!("search/r/{k}.bin"), list)
        })
        .collect();
    files.push((
        "search/typo.json".into(),
        serde_json::to_vec(&directory).unwrap_or_default(),
    ));
    files
}

/// What results show of each story, in chunks, and the facets: story ids
/// per partner, tag and language, and the partners' and tags' names.
pub fn stories_and_facets(site: &Site, langs: &[Lang]) -> Files {
    let mut files = meta_chunks(site);
    files.push(("search/facets.bin".into(), facets(site, langs)));
    let names = FacetNames {
        partners: site.partners.iter().map(|p| p.slug.as_str()).collect(),
        tags: site
            .tags
            .iter()
            .map(|t| [t.name.as_str(), t.slug.as_str()])
            .collect(),
        langs: langs.iter().map(|l| l.code()).collect(),
    };
    files.push((
        "search/facets.json".into(),
        serde_json::to_vec(&names).unwrap_or_default(),
    ));
    files
}

/// `search/index.json`: the shard directory, stopwords, partner names and
/// the stories of each year (and, `per_language`, of each language), with a
/// version that changes whenever any of `files` does.
pub fn directory(
    site: &Site,
    files: &Files,
    separators: &[String],
    per_language: bool,
) -> (String, Vec<u8>) {
    let mut years: Vec<(i32, usize, usize)> = Vec::new();
    let mut ranges: Vec<(&'static str, usize, usize)> = Vec::new();
    for (i, s) in site.stories.iter().enumerate() {
        match ranges.last_mut() {
            Some(last) if last.0 == s.lang.code() => last.2 = i,
            _ => ranges.push((s.lang.code(), i, i)),
        }
        let Some(y) = s.date().map(|d| d.at.year()) else {
            continue;
        };
        match years.last_mut() {
            Some(last) if last.0 == y && last.2 + 1 == i => last.2 = i,
            _ => years.push((y, i, i)),
        }
    }
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for (p, b) in files {
        hasher.update(p.as_bytes());
        hasher.update(b);
    }
    let dir = Directory {
        v: format!("{:x}", hasher.digest() & 0xffff_ffff),
        docs: site.stories.len(),
        chunk: DOCS_PER_CHUNK,
        typo: TYPO_MIN_CHARS,
        shards: front_code(separators),
        stop: text::STOPWORDS,
        partners: site.partners.iter().map(|p| p.name.as_str()).collect(),
        years,
        langs: per_language.then_some(ranges),
    };
    (
        "search/index.json".into(),
        serde_json::to_vec(&dir).unwrap_or_default(),
    )
}

#[derive(Serialize)]
struct Directory<'a> {
    /// Version: changes whenever any index file does.
    v: String,
    docs: usize,
    chunk: usize,
    typo: usize,
    /// Shard separators, front-coded ([`front_code`]).
    shards: String,
    stop: &'a [&'a str],
    partners: Vec<&'a str>,
    /// `[year, first doc, last doc]`; stories are sorted newest first (in a
    /// site in several languages, within each language: a year may come
    /// once per language).
    years: Vec<(i32, usize, usize)>,
    /// A site in several languages: `[language, first doc, last doc]`, each
    /// language's stories one range, so a search page lists its own
    /// language's results first without fetching the facets.
    #[serde(skip_serializing_if = "Option::is_none")]
    langs: Option<Vec<(&'static str, usize, usize)>>,
}

#[derive(Serialize)]
struct FacetNames<'a> {
    partners: Vec<&'a str>,
    tags: Vec<[&'a str; 2]>,
    langs: Vec<&'static str>,
}

#[derive(Serialize)]
struct TypoDirectory {
    shards: String,
}

/// Shortest prefix of `word` that sorts after `prev` (a shard separator).
fn separator(prev: &str, word: &str) -> String {
    let mut sep = String::new();
    for c in word.chars() {
        sep.push(c);
        if js_cmp(&sep, prev) == std::cmp::Ordering::Greater {
            break;
        }
    }
    sep
}

/// Words as one string: each is a base-36 digit (UTF-16 units shared with
/// the previous word) and the rest; words are separated by spaces.
pub fn front_code(words: &[String]) -> String {
    let mut out = String::new();
    let mut prev: &str = "";
    for w in words {
        let mut shared = 0;
        let mut byte = 0;
        for (a, b) in prev.chars().zip(w.chars()) {
            if a != b || shared + a.len_utf16() > 35 {
                break;
            }
            shared += a.len_utf16();
            byte += a.len_utf8();
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push(char::from_digit(shared as u32, 36).unwrap_or('0'));
        out.push_str(&w[byte..]);
        prev = w;
    }
    out
}

/// Inverse of [`front_code`].
pub fn front_decode(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if s.is_empty() {
        return out;
    }
    for part in s.split(' ') {
        let mut cs = part.chars();
        let shared = cs.next().and_then(|c| c.to_digit(36)).unwrap_or(0) as usize;
        let units: Vec<u16> = out
            .last()
            .map(|p| p.encode_utf16().take(shared).collect())
            .unwrap_or_default();
        let mut w = String::from_utf16_lossy(&units);
        w.push_str(cs.as_str());
        out.push(w);
    }
    out
}

/// Splits sorted entries into shards of about [`SHARD_BYTES`] (more when a
/// site is big enough to hit `max`).
fn cut_shards(entries: &[Built], max: usize) -> Vec<std::ops::Range<usize>> {
    let sizes: Vec<usize> = entries
        .iter()
        .map(|e| codec::word_len(&e.word) + e.tail.len())
        .collect();
    cut(&sizes, max)
}

/// One dictionary shard ([`codec::encode_shard`]) from built entries.
fn encode_shard(entries: &[Built]) -> Vec<u8> {
    codec::encode_shard_parts(entries.iter().map(|e| (e.word.as_str(), e.tail.as_slice())))
}

fn cut_lists(words: &[String], max: usize) -> Vec<std::ops::Range<usize>> {
    let sizes: Vec<usize> = words.iter().map(|w| w.len() / 2 + 2).collect();
    cut(&sizes, max)
}

fn cut(sizes: &[usize], max: usize) -> Vec<std::ops::Range<usize>> {
    if sizes.is_empty() {
        return Vec::new();
    }
    let total: usize = sizes.iter().sum();
    let target = SHARD_BYTES.max(total.div_ceil(max.max(1)));
    let mut out = Vec::new();
    let mut start = 0;
    let mut acc = 0;
    for (i, &s) in sizes.iter().enumerate() {
        if acc > 0 && acc + s > target {
            out.push(start..i);
            start = i;
            acc = 0;
        }
        acc += s;
    }
    out.push(start..sizes.len());
    out
}

/// A result's display data: `[title, url, date, [partner ids], excerpt, lang]`.
#[derive(Serialize)]
struct DocMeta<'a>(&'a str, &'a str, String, &'a [usize], String, &'static str);

fn meta_chunks(site: &Site) -> Vec<(String, Vec<u8>)> {
    site.stories
        .par_chunks(DOCS_PER_CHUNK)
        .enumerate()
        .map(|(k, chunk)| {
            let docs: Vec<DocMeta> = chunk
                .iter()
                .map(|s| {
                    DocMeta(
                        &s.meta.title,
                        &s.url,
                        s.date()
                            .map(|d| crate::text::human_date(&d.ymd(), s.lang.code()))
                            .unwrap_or_default(),
                        &s.partners,
                        excerpt(&s.summary),
                        s.lang.code(),
                    )
                })
                .collect();
            (
                format!("search/d/{k}.json"),
                serde_json::to_vec(&docs).unwrap_or_default(),
            )
        })
        .collect()
}

fn excerpt(summary: &str) -> String {
    let mut words = summary.split_whitespace();
    let mut out: Vec<&str> = words.by_ref().take(EXCERPT_WORDS).collect();
    if words.next().is_some() {
        out.push("…");
    }
    out.join(" ")
}

/// Story ids per partner, then per tag, then per language of `langs`.
fn facets(site: &Site, langs: &[Lang]) -> Vec<u8> {
    let mut out = Vec::new();
    for p in &site.partners {
        codec::put_ids(&mut out, &sorted_ids(&p.stories));
    }
    for t in &site.tags {
        codec::put_ids(&mut out, &sorted_ids(&t.stories));
    }
    for &lang in langs {
        let ids: Vec<u32> = (0..site.stories.len() as u32)
            .filter(|&i| site.stories[i as usize].lang == lang)
            .collect();
        codec::put_ids(&mut out, &ids);
    }
    out
}

fn sorted_ids(ids: &[usize]) -> Vec<u32> {
    let mut v: Vec<u32> = ids.iter().map(|&i| i as u32).collect();
    v.sort_unstable();
    v.dedup();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_sit_between_neighbours_and_front_coding_round_trips() {
        assert_eq!(separator("kebijakan", "kebun"), "kebu");
        assert_eq!(separator("", "abadi"), "a");
        assert_eq!(separator("ab", "abc"), "abc");
        let words: Vec<String> = ["a", "kebu", "kebun", "𝔸x", "𝔸y", "z"]
            .map(String::from)
            .to_vec();
        let coded = front_code(&words);
        assert_eq!(front_decode(&coded), words);
        assert!(front_decode("").is_empty());
    }

    #[test]
    fn cutting_keeps_order_and_covers_everything() {
        let sizes = [1000, 1000, 5000, 10, 10, 2999, 1];
        let cuts = cut(&sizes, 100);
        assert_eq!(cuts.first().map(|r| r.start), Some(0));
        assert_eq!(cuts.last().map(|r| r.end), Some(sizes.len()));
        for w in cuts.windows(2) {
            assert_eq!(w[0].end, w[1].start);
        }
        assert!(cut(&[], 10).is_empty());
    }
}
