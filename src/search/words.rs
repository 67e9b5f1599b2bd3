//! Counting each story's words and interning them into the vocabulary.
//! Each story's fields (title, partners, topics, summary, the body read
//! back from its HTML) are folded and split into words in buffers reused on
//! each thread; a story's distinct words are counted in an open-addressing
//! table by a 16-byte key (the word itself for nearly all words), then
//! interned into [`PARTS`] groups in parallel, a batch of stories at a time.

use rayon::prelude::*;

use super::text;
use crate::lang::{Lang, Stemming};
use crate::model::Site;

/// Field weights: a word in the title counts like this many in the body.
pub const TITLE_WEIGHT: f32 = 4.0;
pub const PARTNER_WEIGHT: f32 = 3.0;
pub const TERM_WEIGHT: f32 = 2.0;

/// The vocabulary of a site: each word (not stopwords) in byte order, with
/// the languages of the stories that use it and its postings, and each
/// story's length in weighted words.
pub struct Vocabulary {
    pub words: Vec<VocabularyWord>,
    pub postings: Vec<Postings>,
    pub lens: Vec<f32>,
}

/// Every story's words, counted and interned. Stories are analysed a batch
/// at a time and their words interned before the next batch: the per-story
/// word lists of a 100,000-story site would hold most of a gigabyte at once.
pub fn vocabulary(site: &Site) -> Vocabulary {
    let n = site.stories.len();
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
    // In byte order, so what follows does not depend on how words were
    // grouped by hash.
    let mut vocabulary: Vec<(VocabularyWord, Postings)> =
        parts.into_iter().flat_map(Part::into_vocabulary).collect();
    vocabulary.par_sort_unstable_by(|a, b| a.0.0.cmp(&b.0.0));
    let (words, postings) = vocabulary.into_iter().unzip();
    Vocabulary {
        words,
        postings,
        lens,
    }
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

/// Stories analysed at once (see [`vocabulary`]).
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
pub type Postings = Vec<(u32, f32)>;

/// A word of the vocabulary and whether Indonesian and English stories use it.
pub type VocabularyWord = (String, bool, bool);

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
                match doc.lang.stemming() {
                    Stemming::Indonesian => word.id = true,
                    Stemming::English => word.en = true,
                    Stemming::None => {}
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
