//! Stage 6: the search index, built from the site model and queried in the
//! browser by `themes/default/static/search.js` (plain JavaScript, no wasm).
//!
//! The index is cut so a phone downloads only what one query needs:
//!
//! | file | what | fetched |
//! |------|------|---------|
//! | `search/index.json` | shard directory (front-coded separators), stopwords, partner names, years | first query |
//! | `search/s/<n>.bin` | dictionary shards: each word → its root's postings, or an alias to its root ([`codec`]) | per query word |
//! | `search/d/<n>.json` | titles, URLs, dates, partners and excerpts of [`DOCS_PER_CHUNK`] stories | per shown result |
//! | `search/facets.json`, `search/facets.bin` | partner and tag slugs, tag names; story ids per partner, tag and language (filters and counts) | after the first results |
//! | `search/typo.json`, `search/r/<n>.bin` | reversed word lists for one-typo matches | only when a query finds few results |
//!
//! Words are stemmed by [`stem`] (candidates confirmed by the site's own
//! vocabulary). Scores are integers (idf × weight, see [`codec`]) so the Rust
//! reference searcher in [`query`] and the browser agree exactly.

pub mod codec;
pub mod query;
pub mod stem;
pub mod text;

use rayon::prelude::*;
use serde::Serialize;

use crate::config::Lang;
use crate::model::Site;
use codec::{Entry, EntryKind};
use text::js_cmp;

/// Stories per metadata chunk: few enough that ten results cost little.
pub const DOCS_PER_CHUNK: usize = 5;
/// Aimed-for shard size in bytes (a shard never splits one word's entry).
pub const SHARD_BYTES: usize = 3_000;
/// Shards (and reversed-word lists) per story, at most, so a big site stays
/// well under the files-per-story budget.
pub const MAX_SHARDS_PER_DOC: f64 = 0.12;
/// Small sites may use this many shards whatever their story count.
pub const MIN_SHARDS: usize = 48;
/// Field weights: a word in the title counts like this many in the body.
pub const TITLE_WEIGHT: f32 = 4.0;
pub const PARTNER_WEIGHT: f32 = 3.0;
pub const TERM_WEIGHT: f32 = 2.0;
/// BM25 parameters.
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// Words in a result's excerpt.
pub const EXCERPT_WORDS: usize = 16;
/// Shortest word typo matching is tried for (in the browser and in [`query`]).
pub const TYPO_MIN_CHARS: usize = 5;

/// The files of the index and what went into it.
#[derive(Debug, Default)]
pub struct SearchIndex {
    /// Paths relative to the output root, with their bytes.
    pub files: Vec<(String, Vec<u8>)>,
    pub stats: Stats,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    pub docs: usize,
    pub words: usize,
    pub roots: usize,
    pub shards: usize,
    pub bytes: usize,
}

/// What one story contributes: its distinct words and their weighted counts.
struct DocTerms {
    /// The story's distinct words longer than a [`Key`] holds, one after
    /// another (the others are in their keys).
    words: String,
    /// Each word, grouped by the top bits of its hash ([`part_of`]): group `k` is
    /// `terms[bounds[k]..bounds[k + 1]]`.
    terms: Vec<Term>,
    bounds: [u32; PARTS + 1],
    len: f32,
    lang: Lang,
}

/// A word of a story: its key, where it starts in [`DocTerms::words`] if it
/// is longer than its key holds, and its weighted count.
#[derive(Clone, Copy, Default)]
struct Term {
    key: Key,
    start: u32,
    tf: f32,
}

/// What identifies a word while it is counted and interned, so that most
/// words are hashed and compared without reading their text again. A word
/// of up to 16 bytes (nearly all) is its bytes as two little-endian words
/// plus its length, which together say exactly which word it is; a longer
/// one carries a hash of its bytes and is also compared byte by byte.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
struct Key {
    words: [u64; 2],
    len: u32,
}

impl Key {
    fn of(bytes: &[u8], start: usize, end: usize) -> Key {
        let len = end - start;
        let words = if len <= 16 {
            // Without branches on the length, which varies from word to word.
            let mask = |n: usize| ((1u128 << (8 * n.min(8))) - 1) as u64;
            [
                text::load8(bytes, start) & mask(len),
                text::load8(bytes, start + 8) & mask(len.saturating_sub(8)),
            ]
        } else {
            let h = xxhash_rust::xxh3::xxh3_64(bytes.get(start..end).unwrap_or(&[]));
            [h, h.rotate_left(32)]
        };
        Key {
            words,
            len: len as u32,
        }
    }

    /// Whether equal keys mean equal words.
    fn exact(self) -> bool {
        self.len <= 16
    }

    /// The word, when the key holds it, written into `buf`.
    fn text(self, buf: &mut [u8; 16]) -> Option<&str> {
        if !self.exact() {
            return None;
        }
        buf[..8].copy_from_slice(&self.words[0].to_le_bytes());
        buf[8..].copy_from_slice(&self.words[1].to_le_bytes());
        std::str::from_utf8(&buf[..self.len as usize]).ok()
    }

    /// The two words multiplied into 128 bits and folded, as wyhash mixes.
    fn hash(self) -> u64 {
        const K0: u64 = 0xa076_1d64_78bd_642f;
        const K1: u64 = 0xe703_7ed1_a0b4_28db;
        let p =
            u128::from(self.words[0] ^ K0) * u128::from(self.words[1] ^ K1 ^ u64::from(self.len));
        (p as u64) ^ ((p >> 64) as u64)
    }

    /// Whether the word with this key at `a[i..]` is the word with key
    /// `other` at `b[j..]`.
    fn same(self, other: Key, a: &[u8], i: u32, b: &[u8], j: u32) -> bool {
        let (i, j, n) = (i as usize, j as usize, self.len as usize);
        self == other && (self.exact() || a.get(i..i + n) == b.get(j..j + n))
    }
}

/// Words are interned in this many groups in parallel, split by hash.
const PARTS: usize = 32;

fn part_of(hash: u64) -> usize {
    (hash >> (64 - PARTS.trailing_zeros())) as usize
}

/// Stories analysed at once (see [`build`]).
const BATCH: usize = 1024;

/// A word of the vocabulary: its key, where it starts in [`Part::text`],
/// and the languages of the stories that use it.
#[derive(Clone, Copy)]
struct Word {
    key: Key,
    start: u32,
    id: bool,
    en: bool,
    stop: bool,
}

/// One group of the vocabulary: its words and each word's postings,
/// `(story, weighted count)` in story order. Stopwords are kept (so they
/// are checked once per word, not once per story) but get no postings.
#[derive(Default)]
struct Part {
    table: WordTable,
    text: String,
    words: Vec<Word>,
    postings: Vec<Postings>,
}

/// A word's postings: `(story, weighted count)` in story order.
type Postings = Vec<(u32, f32)>;

/// A word of the vocabulary and whether Indonesian and English stories use it.
type VocabularyWord = (String, bool, bool);

impl Part {
    /// Adds group `p`'s words of `docs`, stories `first`, `first + 1`, ….
    fn add(&mut self, p: usize, first: usize, docs: &[DocTerms]) {
        for (j, doc) in docs.iter().enumerate() {
            let d = (first + j) as u32;
            let (a, b) = (doc.bounds[p] as usize, doc.bounds[p + 1] as usize);
            let from = doc.words.as_bytes();
            for t in &doc.terms[a..b] {
                let (text, words) = (self.text.as_bytes(), &self.words);
                let (i, new) = self.table.find_or_insert(t.key.hash(), |i| {
                    let w = &words[i];
                    t.key.same(w.key, from, t.start, text, w.start)
                });
                if new {
                    let mut buf = [0; 16];
                    let start = t.start as usize;
                    let w = t.key.text(&mut buf).unwrap_or_else(|| {
                        let long = doc.words.get(start..start + t.key.len as usize);
                        long.unwrap_or("")
                    });
                    self.words.push(Word {
                        key: t.key,
                        start: self.text.len() as u32,
                        id: false,
                        en: false,
                        stop: text::is_stopword(w),
                    });
                    self.text.push_str(w);
                    self.postings.push(Vec::new());
                }
                let word = &mut self.words[i];
                if word.stop {
                    continue;
                }
                match doc.lang {
                    Lang::Id => word.id = true,
                    Lang::En => word.en = true,
                }
                self.postings[i].push((d, t.tf));
            }
        }
    }

    /// The group's words (not stopwords) with their languages and postings.
    fn into_vocabulary(self) -> impl Iterator<Item = (VocabularyWord, Postings)> {
        let text = self.text;
        self.words
            .into_iter()
            .zip(self.postings)
            .filter(|(w, _)| !w.stop)
            .map(move |(w, p)| {
                let start = w.start as usize;
                let word = text.get(start..start + w.key.len as usize).unwrap_or("");
                ((word.to_string(), w.id, w.en), p)
            })
    }
}

/// An open-addressing hash table over words kept elsewhere: it stores each
/// word's index and hash, and asks the caller whether a word matches.
#[derive(Default)]
struct WordTable {
    /// Per slot, 0 for empty, else the top half of the word's hash above
    /// its index + 1 (so most mismatches need no other read). A power of
    /// two long.
    slots: Vec<u64>,
    hashes: Vec<u64>,
}

impl WordTable {
    fn clear(&mut self) {
        self.slots.fill(0);
        self.hashes.clear();
    }

    fn slot_value(hash: u64, k: usize) -> u64 {
        (hash & 0xffff_ffff_0000_0000) | (k as u64 + 1)
    }

    /// The index of the word with hash `hash` for which `same` holds, or a
    /// new index (the next one) and `true`.
    #[inline]
    fn find_or_insert(&mut self, hash: u64, mut same: impl FnMut(usize) -> bool) -> (usize, bool) {
        if self.hashes.len() * 4 >= self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        loop {
            match self.slots[i] {
                0 => {
                    let k = self.hashes.len();
                    self.slots[i] = Self::slot_value(hash, k);
                    self.hashes.push(hash);
                    return (k, true);
                }
                s => {
                    let k = (s as u32 - 1) as usize;
                    if (s ^ hash) >> 32 == 0 && self.hashes[k] == hash && same(k) {
                        return (k, false);
                    }
                    i = (i + 1) & mask;
                }
            }
        }
    }

    /// Doubles the table (at most a quarter full, so most lookups take one
    /// probe) and puts every word back.
    #[cold]
    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(1024);
        self.slots.clear();
        self.slots.resize(size, 0);
        for (k, &h) in self.hashes.iter().enumerate() {
            let mut i = h as usize & (size - 1);
            while self.slots[i] != 0 {
                i = (i + 1) & (size - 1);
            }
            self.slots[i] = Self::slot_value(h, k);
        }
    }
}

/// A story's words are counted in buffers reused from story to story on
/// each thread, so the whole folded corpus is never held (or paged in) at once.
#[derive(Default)]
struct Scratch {
    text: String,
    /// The story's body as text, read from its HTML.
    body: String,
    /// The story's distinct words so far; `found` is in its order.
    table: WordTable,
    /// `(key, start in text, weighted count)`.
    found: Vec<(Key, u32, f32)>,
    parts: Vec<(usize, f32)>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

fn analyse(site: &Site, i: usize) -> DocTerms {
    SCRATCH.with(|cell| {
        let mut scratch = cell.borrow_mut();
        analyse_with(site, i, &mut scratch)
    })
}

fn analyse_with(site: &Site, i: usize, sc: &mut Scratch) -> DocTerms {
    let s = &site.stories[i];
    let Scratch {
        text,
        body,
        table,
        found,
        parts,
    } = sc;
    text.clear();
    body.clear();
    table.clear();
    found.clear();
    parts.clear();
    // Each field is folded into `text` and ends with a space; `parts` says
    // where each ends and what its words weigh.
    let end_field = |text: &mut String, parts: &mut Vec<(usize, f32)>, weight: f32| {
        text.push(' ');
        parts.push((text.len(), weight));
    };
    let mut add = |src: &str, weight: f32| {
        text::fold_into(src, text);
        end_field(text, parts, weight);
    };
    add(&s.meta.title, TITLE_WEIGHT);
    for &p in &s.partners {
        add(&site.partners[p].name, PARTNER_WEIGHT);
    }
    for (ids, terms) in [
        (&s.tags, &site.tags),
        (&s.authors, &site.authors),
        (&s.regions, &site.regions),
    ] {
        for &t in ids {
            add(&terms[t].name, TERM_WEIGHT);
        }
    }
    if let Some(summary) = &s.meta.summary {
        add(summary, 1.0);
    }
    // The body is read straight into `text` and folded there when it is
    // ASCII, as most bodies are; otherwise folded from a copy.
    let from = text.len();
    text::html_text_into(&s.md.html, text);
    match text.get_mut(from..) {
        Some(read) if read.is_ascii() => read.make_ascii_lowercase(),
        _ => {
            body.push_str(text.get(from..).unwrap_or(""));
            text.truncate(from);
            text::fold_into(body, text);
        }
    }
    end_field(text, parts, 1.0);

    let mut part = 0;
    let bytes = text.as_bytes();
    text::each_token_range(text, |start, end| {
        while parts[part].0 <= start {
            part += 1;
        }
        let w = parts[part].1;
        let key = Key::of(bytes, start, end);
        let (k, new) = table.find_or_insert(key.hash(), |k| {
            let f = found[k];
            key.same(f.0, bytes, start as u32, bytes, f.1)
        });
        if new {
            found.push((key, start as u32, w));
        } else {
            found[k].2 += w;
        }
    });
    // Stopwords stay until interning (checked once per word, not per story)
    // and count towards the story's length.
    let len = found.iter().map(|f| f.2).sum();
    let hashes = &table.hashes;
    let mut bounds = [0u32; PARTS + 1];
    for &h in hashes {
        bounds[part_of(h) + 1] += 1;
    }
    for k in 0..PARTS {
        bounds[k + 1] += bounds[k];
    }
    let mut next = bounds;
    let mut words = String::new();
    let mut terms = vec![Term::default(); found.len()];
    for (&(key, start, tf), &hash) in found.iter().zip(hashes) {
        let at = &mut next[part_of(hash)];
        terms[*at as usize] = Term {
            key,
            start: words.len() as u32,
            tf,
        };
        *at += 1;
        if !key.exact() {
            let start = start as usize;
            words.push_str(text.get(start..start + key.len as usize).unwrap_or(""));
        }
    }
    DocTerms {
        words,
        terms,
        bounds,
        len,
        lang: s.lang,
    }
}

/// A dictionary entry as the builder keeps it until shards are cut: its word
/// and the rest already encoded ([`codec::put_entry_tail`]).
struct Built {
    word: String,
    tail: Vec<u8>,
    root: bool,
}

/// A root's postings from its family members' (each in story order): counts
/// summed per story, then weighted.
fn family_postings(mut members: Vec<Vec<(u32, f32)>>, norms: &[f32]) -> Vec<(u32, u8)> {
    let merged = if members.len() == 1 {
        members.pop().unwrap_or_default()
    } else {
        let mut all: Vec<(u32, f32)> = members.concat();
        drop(members);
        // Stable: a story's counts are summed in member order.
        all.sort_by_key(|p| p.0);
        all
    };
    let mut list: Vec<(u32, u8)> = Vec::with_capacity(merged.len());
    let mut k = 0;
    while k < merged.len() {
        let doc = merged[k].0;
        let mut tf = 0.0;
        while k < merged.len() && merged[k].0 == doc {
            tf += merged[k].1;
            k += 1;
        }
        list.push((doc, weight(tf, norms[doc as usize])));
    }
    list
}

/// `idf × 100`, at least 1.
fn idf(n: usize, df: usize) -> u32 {
    let (n, df) = (n as f64, df as f64);
    let v = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
    ((v * 100.0).round() as u32).max(1)
}

/// BM25's length normalisation for a story of `len` words (the average is
/// `avg`): the same for all of its words, so worked out once per story.
fn norm(len: f32, avg: f32) -> f32 {
    K1 * (1.0 - B + B * len / avg.max(1.0))
}

/// BM25's term-frequency part, scaled to 1..=15; `norm` from [`norm`].
fn weight(tf: f32, norm: f32) -> u8 {
    let w = tf * (K1 + 1.0) / (tf + norm) / (K1 + 1.0);
    // `w * 15` rounded half away from zero, as `f32::round` does for a
    // value that is not negative, without a call into libm: in `f64` the
    // `+ 0.5` is exact and the cast truncates.
    ((f64::from(w * 15.0) + 0.5) as u8).clamp(1, 15)
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
    /// `[year, first doc, last doc]`; stories are sorted newest first.
    years: Vec<(i32, usize, usize)>,
}

#[derive(Serialize)]
struct FacetNames<'a> {
    partners: Vec<&'a str>,
    tags: Vec<[&'a str; 2]>,
    langs: [&'static str; 2],
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

/// Whether an output path is one of the index's files (everything under
/// `search/` but the search page itself).
pub fn is_index_file(path: &str) -> bool {
    path.starts_with("search/") && path != "search/index.html"
}

/// A hash of everything the index is built from, so the preview server can
/// tell when a change leaves the index as it was (a template, a page, CSS).
pub fn input_hash(site: &Site) -> u64 {
    // Gathered into one buffer and hashed at once: many small updates to a
    // streaming hasher cost several times more.
    let mut buf: Vec<u8> = Vec::with_capacity(site.stories.len() * 256);
    let mut put = |b: &[u8]| {
        buf.extend_from_slice(&(b.len() as u64).to_le_bytes());
        buf.extend_from_slice(b);
    };
    for s in &site.stories {
        put(s.url.as_bytes());
        put(s.meta.title.as_bytes());
        put(s.lang.code().as_bytes());
        put(&s
            .date()
            .map_or(i64::MIN, |d| d.at.unix_timestamp())
            .to_le_bytes());
        put(s.summary.as_bytes());
        put(s.meta.summary.as_deref().unwrap_or("").as_bytes());
        // The rendered body's identity (its plain text comes from the same render).
        put(&s.md.hash.to_le_bytes());
        // Partner, tag, author and region ids; their names are hashed below.
        for ids in [&s.partners, &s.tags, &s.authors, &s.regions] {
            put(&(ids.len() as u64).to_le_bytes());
            for &i in ids {
                put(&(i as u64).to_le_bytes());
            }
        }
    }
    for p in &site.partners {
        put(p.slug.as_bytes());
        put(p.name.as_bytes());
    }
    for terms in [&site.tags, &site.authors, &site.regions] {
        put(b"|");
        for t in terms {
            put(t.slug.as_bytes());
            put(t.name.as_bytes());
        }
    }
    xxhash_rust::xxh3::xxh3_64(&buf)
}

/// Builds every file of the search index for the published stories.
pub fn build(site: &Site) -> SearchIndex {
    let n = site.stories.len();
    // Stories are analysed a batch at a time and their words interned into
    // the vocabulary before the next batch: the per-story word lists of a
    // 100,000-story site would hold most of a gigabyte at once.
    let mut lens: Vec<f32> = Vec::with_capacity(n);
    let mut parts: Vec<Part> = (0..PARTS).map(|_| Part::default()).collect();
    for first in (0..n).step_by(BATCH) {
        let docs: Vec<DocTerms> = (first..n.min(first + BATCH))
            .into_par_iter()
            .map(|i| analyse(site, i))
            .collect();
        lens.extend(docs.iter().map(|d| d.len));
        parts
            .par_iter_mut()
            .enumerate()
            .for_each(|(p, part)| part.add(p, first, &docs));
    }
    let avg = lens.iter().sum::<f32>() / n.max(1) as f32;
    let norms: Vec<f32> = lens.iter().map(|&len| norm(len, avg)).collect();
    drop(lens);

    // The vocabulary in byte order, so what follows does not depend on how
    // words were grouped by hash.
    let mut vocabulary: Vec<(VocabularyWord, Postings)> =
        parts.into_iter().flat_map(Part::into_vocabulary).collect();
    vocabulary.par_sort_unstable_by(|a, b| a.0.0.cmp(&b.0.0));
    let (mut words, mut postings): (Vec<VocabularyWord>, Vec<Postings>) =
        vocabulary.into_iter().unzip();
    let stem::Roots {
        shared,
        root: roots,
    } = stem::roots(&words);
    for w in shared {
        words.push((w, false, false));
        postings.push(Vec::new());
    }

    // Each root's postings: its family's counts summed per story. Every
    // word's postings go to its root and are dropped once the root's entry
    // is made, so the index never holds both at once.
    let df: Vec<u32> = postings.iter().map(|p| p.len() as u32).collect();
    let mut families: Vec<Vec<Vec<(u32, f32)>>> = (0..words.len()).map(|_| Vec::new()).collect();
    for (i, p) in postings.into_iter().enumerate() {
        families[roots[i]].push(p);
    }
    let mut entries: Vec<Built> = families
        .into_par_iter()
        .enumerate()
        .map(|(i, members)| {
            let root = roots[i] == i;
            let kind = if root {
                let postings = family_postings(members, &norms);
                EntryKind::Root {
                    idf: idf(n, postings.len()),
                    postings,
                }
            } else {
                EntryKind::Alias(words[roots[i]].0.clone())
            };
            let entry = Entry {
                word: words[i].0.clone(),
                df: df[i],
                kind,
            };
            let mut tail = Vec::new();
            codec::put_entry_tail(&mut tail, &entry);
            Built {
                word: entry.word,
                tail,
                root,
            }
        })
        .collect();
    entries.par_sort_by(|a, b| js_cmp(&a.word, &b.word));
    let roots_count = entries.iter().filter(|e| e.root).count();

    let max_shards = ((n as f64 * MAX_SHARDS_PER_DOC) as usize).max(MIN_SHARDS);
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let shards = cut_shards(&entries, max_shards);
    let mut separators: Vec<String> = Vec::new();
    for (k, range) in shards.iter().enumerate() {
        let prev = range
            .start
            .checked_sub(1)
            .map_or("", |i| entries[i].word.as_str());
        separators.push(separator(prev, &entries[range.start].word));
        files.push((
            format!("search/s/{k}.bin"),
            encode_shard(&entries[range.clone()]),
        ));
    }

    // Reversed words for typo matching (edits in a word's first half).
    let mut reversed: Vec<String> = entries
        .iter()
        .filter(|e| e.word.chars().count() >= TYPO_MIN_CHARS - 1)
        .map(|e| e.word.chars().rev().collect())
        .collect();
    reversed.sort_by(|a, b| js_cmp(a, b));
    let typo = cut_lists(&reversed, max_shards);
    let typo_dir = TypoDirectory {
        shards: front_code(
            &typo
                .iter()
                .map(|r| {
                    let prev = r.start.checked_sub(1).map_or("", |i| reversed[i].as_str());
                    separator(prev, &reversed[r.start])
                })
                .collect::<Vec<_>>(),
        ),
    };
    for (k, range) in typo.iter().enumerate() {
        files.push((
            format!("search/r/{k}.bin"),
            codec::encode_list(&reversed[range.clone()]),
        ));
    }
    files.push((
        "search/typo.json".into(),
        serde_json::to_vec(&typo_dir).unwrap_or_default(),
    ));

    files.extend(meta_chunks(site));
    files.push(("search/facets.bin".into(), facets(site)));
    let names = FacetNames {
        partners: site.partners.iter().map(|p| p.slug.as_str()).collect(),
        tags: site
            .tags
            .iter()
            .map(|t| [t.name.as_str(), t.slug.as_str()])
            .collect(),
        langs: [Lang::Id.code(), Lang::En.code()],
    };
    files.push((
        "search/facets.json".into(),
        serde_json::to_vec(&names).unwrap_or_default(),
    ));

    let mut years: Vec<(i32, usize, usize)> = Vec::new();
    for (i, s) in site.stories.iter().enumerate() {
        let Some(y) = s.date().map(|d| d.at.year()) else {
            continue;
        };
        match years.last_mut() {
            Some(last) if last.0 == y => last.2 = i,
            _ => years.push((y, i, i)),
        }
    }
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for (p, b) in &files {
        hasher.update(p.as_bytes());
        hasher.update(b);
    }
    let dir = Directory {
        v: format!("{:x}", hasher.digest() & 0xffff_ffff),
        docs: n,
        chunk: DOCS_PER_CHUNK,
        typo: TYPO_MIN_CHARS,
        shards: front_code(&separators),
        stop: text::STOPWORDS,
        partners: site.partners.iter().map(|p| p.name.as_str()).collect(),
        years,
    };
    files.push((
        "search/index.json".into(),
        serde_json::to_vec(&dir).unwrap_or_default(),
    ));
    let stats = Stats {
        docs: n,
        words: entries.len(),
        roots: roots_count,
        shards: shards.len(),
        bytes: files.iter().map(|f| f.1.len()).sum(),
    };
    SearchIndex { files, stats }
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

/// Story ids per partner, then per tag, then per language (`Id`, `En`).
fn facets(site: &Site) -> Vec<u8> {
    let mut out = Vec::new();
    for p in &site.partners {
        codec::put_ids(&mut out, &sorted_ids(&p.stories));
    }
    for t in &site.tags {
        codec::put_ids(&mut out, &sorted_ids(&t.stories));
    }
    for lang in [Lang::Id, Lang::En] {
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
    fn weights_round_as_f32_round_does() {
        for tf in (1..400).map(|t| t as f32 * 0.25) {
            for n in (1..200).map(|n| n as f32 * 0.05) {
                let w = tf * (K1 + 1.0) / (tf + n) / (K1 + 1.0);
                assert_eq!(weight(tf, n), ((w * 15.0).round() as u8).clamp(1, 15));
            }
        }
        let half = 0.5f32 / 15.0;
        assert_eq!(
            ((f64::from(half * 15.0) + 0.5) as u8),
            (half * 15.0).round() as u8
        );
    }

    #[test]
    fn weights_and_idf_stay_in_range() {
        assert_eq!(weight(0.01, norm(100.0, 100.0)), 1);
        assert_eq!(weight(1e6, norm(1.0, 100.0)), 15);
        assert!(weight(1.0, norm(100.0, 100.0)) < weight(5.0, norm(100.0, 100.0)));
        assert!(idf(1000, 1) > idf(1000, 500));
        assert!(idf(1000, 1000) >= 1);
    }

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
