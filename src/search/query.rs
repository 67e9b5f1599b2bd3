//! The reference searcher: the query algorithm of `search.js`, in Rust, over
//! the same files. Tests run both on the same index and compare results, so
//! this file is the specification of what the browser does.
//!
//! 1. The query is folded and split like the index ([`super::text`]);
//!    stopwords are dropped, and so are the words of a question
//!    ([`QUESTION_WORDS`]: `how`, `apa`, `cara` …) when other words remain.
//!    The last word, when the query does not end in a space and it has 3+
//!    letters, is also a prefix.
//! 2. Each word becomes alternatives, each a root with a divisor: the word's
//!    own root (from its dictionary entry, or for a word the site never uses,
//!    the first of its [`super::stem::candidates`] that the dictionary has,
//!    else of its [`super::stem::inflections`]: `community` → `communities`);
//!    for a prefix, the roots of up to [`MAX_PREFIX_WORDS`] words starting
//!    with it (most used first), halved.
//! 3. A story's score for a word is its best alternative's `idf × weight /
//!    divisor`; a story's score is [`MOST`] for each word it matches plus
//!    those scores, so stories matching more words always rank higher — but
//!    a word more than half of all stories match is not counted (it only
//!    adds its score) unless every word is that common. The results are the
//!    stories matching every word, followed by those matching fewer while
//!    fewer than [`TITLE_FIRST`] match every word; when none does (after
//!    step 4), the outcome says so (`partial`).
//! 4. When fewer than [`FEW`] stories match, each word matching fewer than
//!    [`FEW`] that is its own root also takes the root of the first of its
//!    candidates the dictionary has (`governing` → `govern`), and each such
//!    word of [`super::TYPO_MIN_CHARS`]+ letters the roots of up to
//!    [`MAX_TYPO_WORDS`] words one edit away (a wrong, missing, extra or
//!    swapped letter), all halved, and the search runs again.
//! 5. Filters (partner, tag, language, year: any of the chosen values within
//!    a kind, every kind) narrow the matches; ranking is score, then newest;
//!    on a search page of a site in several languages its own language's
//!    stories come first; of the first [`TITLE_FIRST`] results (the ones
//!    shown first, whose titles are fetched anyway) are ordered by the words
//!    each matches plus the words its title holds that at most half of
//!    them match, most first: a title with every query word comes first
//!    (within its language's group).

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::Value;

use super::codec::{self, Entry, EntryKind};
use super::stem;
use super::text::{self, js_cmp};

pub const FEW: usize = 5;
pub const MIN_PREFIX_CHARS: usize = 3;
pub const MAX_PREFIX_WORDS: usize = 8;
/// A prefix spanning more shards than this is not expanded (type more).
pub const MAX_RANGE_SHARDS: usize = 4;
pub const MAX_TYPO_WORDS: usize = 4;
/// The first results whose titles are read for [`Searcher::search`]'s
/// title rule: one page of results.
pub const TITLE_FIRST: usize = 10;

/// Words that ask rather than say what is sought (`how to write a code of
/// conduct`, `cara mendapat dana`): dropped from a query that has other
/// words, so they never exclude a story. Sorted; `search.js` has the same
/// list (checked by the search tests).
pub const QUESTION_WORDS: &[&str] = &[
    "about",
    "aku",
    "anda",
    "apa",
    "apakah",
    "bagaimana",
    "can",
    "cara",
    "could",
    "di",
    "did",
    "dimana",
    "do",
    "does",
    "how",
    "i",
    "kami",
    "kamu",
    "kapan",
    "kenapa",
    "me",
    "mengapa",
    "my",
    "our",
    "saya",
    "should",
    "siapa",
    "tentang",
    "us",
    "we",
    "what",
    "when",
    "where",
    "which",
    "who",
    "why",
    "would",
    "you",
    "your",
];

/// Where the searcher reads index files (paths like `search/s/0.bin`).
pub trait Store {
    fn get(&self, path: &str) -> Option<Vec<u8>>;
}

impl Store for HashMap<String, Vec<u8>> {
    fn get(&self, path: &str) -> Option<Vec<u8>> {
        HashMap::get(self, path).cloned()
    }
}

impl Store for std::path::PathBuf {
    fn get(&self, path: &str) -> Option<Vec<u8>> {
        std::fs::read(self.join(path)).ok()
    }
}

/// Filters: values are indexes into the directory's lists (years as years).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub partners: Vec<usize>,
    pub tags: Vec<usize>,
    pub langs: Vec<usize>,
    pub years: Vec<i32>,
    /// The search page's own language (a site in several languages): its
    /// stories come first. Not a filter: the others follow.
    pub own: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Outcome {
    /// `(doc, score)`, best first.
    pub hits: Vec<(u32, u32)>,
    /// No story has every word: these match the most.
    pub partial: bool,
    /// Per facet value, the matches it would keep with the other filters on.
    pub partners: Vec<usize>,
    pub tags: Vec<usize>,
    pub langs: Vec<usize>,
    pub years: BTreeMap<i32, usize>,
}

pub struct Searcher<S: Store> {
    store: S,
    docs: usize,
    first: Vec<String>,
    stop: HashSet<String>,
    years: Vec<(i32, usize, usize)>,
    shards: HashMap<usize, Vec<Entry>>,
    typo_first: Option<Vec<String>>,
    typo_lists: HashMap<usize, Vec<String>>,
    facets: Option<Vec<Vec<u32>>>,
    partners: usize,
    tags: usize,
    langs: usize,
    /// A site in several languages: each language's range of stories.
    lang_ranges: Vec<(String, u32, u32)>,
    /// Stories per result chunk, and the chunks read so far.
    chunk: usize,
    chunks: HashMap<usize, Value>,
}

impl<S: Store> Searcher<S> {
    pub fn open(store: S) -> Option<Self> {
        let dir: Value = serde_json::from_slice(&store.get("search/index.json")?).ok()?;
        let strings = |v: &Value| -> Vec<String> {
            v.as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|s| s.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default()
        };
        let years = dir["years"]
            .as_array()?
            .iter()
            .filter_map(|y| {
                Some((
                    y[0].as_i64()? as i32,
                    y[1].as_u64()? as usize,
                    y[2].as_u64()? as usize,
                ))
            })
            .collect();
        let facet_names = store
            .get("search/facets.json")
            .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
            .unwrap_or(Value::Null);
        Some(Searcher {
            docs: dir["docs"].as_u64()? as usize,
            chunk: dir["chunk"].as_u64().unwrap_or(5) as usize,
            lang_ranges: dir["langs"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|r| {
                            Some((
                                r[0].as_str()?.to_string(),
                                r[1].as_u64()? as u32,
                                r[2].as_u64()? as u32,
                            ))
                        })
                        .collect()
                })
                .unwrap_or_default(),
            chunks: HashMap::new(),
            tags: facet_names["tags"].as_array().map_or(0, Vec::len),
            langs: facet_names["langs"].as_array().map_or(2, Vec::len),
            first: super::front_decode(dir["shards"].as_str()?),
            stop: strings(&dir["stop"]).into_iter().collect(),
            years,
            partners: dir["partners"].as_array()?.len(),
            store,
            shards: HashMap::new(),
            typo_first: None,
            typo_lists: HashMap::new(),
            facets: None,
        })
    }

    /// Words of a query, and whether the last is also a prefix.
    pub fn parse(&self, q: &str) -> (Vec<String>, bool) {
        let folded = text::fold(q);
        let mut words: Vec<String> = Vec::new();
        let mut last = String::new();
        text::each_token(&folded, |t| {
            last = t.to_string();
            if !self.stop.contains(t) && !words.iter().any(|w| w == t) {
                words.push(t.to_string());
            }
        });
        if words
            .iter()
            .any(|w| QUESTION_WORDS.binary_search(&w.as_str()).is_err())
        {
            words.retain(|w| QUESTION_WORDS.binary_search(&w.as_str()).is_err());
        }
        words.truncate(MAX_WORDS);
        // The last word typed is a prefix too, unless a space follows it.
        let prefix = folded.chars().last().is_some_and(char::is_alphanumeric)
            && last.chars().count() >= MIN_PREFIX_CHARS
            && words.last() == Some(&last);
        (words, prefix)
    }

    fn shard_of(first: &[String], w: &str) -> usize {
        first
            .partition_point(|f| js_cmp(f, w) != std::cmp::Ordering::Greater)
            .saturating_sub(1)
    }

    /// Shards that may hold words starting with `p`, or `None` past the cap.
    /// `first` holds separators: shard `k` has the words from `first[k]` up
    /// to `first[k + 1]`, so a later shard can hold `p…` words only if its
    /// separator starts with `p`.
    fn range(first: &[String], p: &str) -> Option<std::ops::Range<usize>> {
        if first.is_empty() {
            return Some(0..0);
        }
        let start = Self::shard_of(first, p);
        let mut end = start;
        while end + 1 < first.len() && first[end + 1].starts_with(p) {
            end += 1;
        }
        (end - start < MAX_RANGE_SHARDS).then_some(start..end + 1)
    }

    fn shard(&mut self, k: usize) -> &[Entry] {
        if !self.shards.contains_key(&k) {
            let entries = self
                .store
                .get(&format!("search/s/{k}.bin"))
                .and_then(|b| codec::decode_shard(&b))
                .unwrap_or_default();
            self.shards.insert(k, entries);
        }
        self.shards.get(&k).map(Vec::as_slice).unwrap_or_default()
    }

    fn entry(&mut self, w: &str) -> Option<Entry> {
        if self.first.is_empty() {
            return None;
        }
        let k = Self::shard_of(&self.first, w);
        let shard = self.shard(k);
        shard
            .binary_search_by(|e| js_cmp(&e.word, w))
            .ok()
            .map(|i| shard[i].clone())
    }

    fn root_of(&mut self, w: &str) -> Option<String> {
        match self.entry(w)?.kind {
            EntryKind::Root { .. } => Some(w.to_string()),
            EntryKind::Alias(r) => Some(r),
        }
    }

    /// The root a query word stands for, if the site has one.
    pub fn exact_root(&mut self, w: &str) -> Option<String> {
        if let Some(r) = self.root_of(w) {
            return Some(r);
        }
        if let Some(r) = self.candidate_root(w) {
            return Some(r);
        }
        stem::inflections(w).iter().find_map(|c| self.root_of(c))
    }

    /// The root of the first of `w`'s candidates that the dictionary has.
    fn candidate_root(&mut self, w: &str) -> Option<String> {
        stem::candidates(w, true, true)
            .iter()
            .find_map(|c| self.root_of(c))
    }

    /// [`Self::candidate_root`], if it is not `w`.
    fn family_root(&mut self, w: &str) -> Option<String> {
        self.candidate_root(w).filter(|r| r != w)
    }

    /// Every dictionary word starting with `p` (not `p` itself), in
    /// dictionary order, or `None` when they span more than
    /// [`MAX_RANGE_SHARDS`] shards.
    pub fn all_prefixed(&mut self, p: &str) -> Option<Vec<Entry>> {
        let range = Self::range(&self.first, p)?;
        let mut found: Vec<Entry> = Vec::new();
        for k in range {
            found.extend(
                self.shard(k)
                    .iter()
                    .filter(|e| e.word.starts_with(p) && e.word != p)
                    .cloned(),
            );
        }
        Some(found)
    }

    /// The prefix expansion of a query: the most used words starting with `p`.
    pub fn prefixed(&mut self, p: &str) -> Vec<Entry> {
        let mut found = self.all_prefixed(p).unwrap_or_default();
        found.sort_by(|a, b| b.df.cmp(&a.df).then(js_cmp(&a.word, &b.word)));
        found.truncate(MAX_PREFIX_WORDS);
        found
    }

    /// Every entry of every shard, in order (for tests and tools).
    pub fn dictionary(&mut self) -> Vec<Entry> {
        (0..self.first.len())
            .flat_map(|k| self.shard(k).to_vec())
            .collect()
    }

    /// Dictionary words one edit away from `w`, most used first.
    pub fn near(&mut self, w: &str) -> Vec<Entry> {
        let chars: Vec<char> = w.chars().collect();
        let h = (chars.len() - 1) / 2;
        let head: String = chars[..h].iter().collect();
        let tail: String = chars.iter().rev().take(h).collect();
        let mut words: Vec<String> = Vec::new();
        if let Some(range) = Self::range(&self.first, &head) {
            for k in range {
                words.extend(
                    self.shard(k)
                        .iter()
                        .filter(|e| e.word.starts_with(&head) && one_edit(&e.word, w))
                        .map(|e| e.word.clone()),
                );
            }
        }
        if self.typo_first.is_none() {
            let dir: Option<Value> = self
                .store
                .get("search/typo.json")
                .and_then(|b| serde_json::from_slice(&b).ok());
            self.typo_first = Some(
                dir.and_then(|d| d["shards"].as_str().map(super::front_decode))
                    .unwrap_or_default(),
            );
        }
        let first = self.typo_first.clone().unwrap_or_default();
        if let Some(range) = Self::range(&first, &tail) {
            for k in range {
                let list = self.typo_lists.entry(k).or_insert_with(|| {
                    self.store
                        .get(&format!("search/r/{k}.bin"))
                        .and_then(|b| codec::decode_list(&b))
                        .unwrap_or_default()
                });
                for r in list.iter().filter(|r| r.starts_with(&tail)) {
                    let word: String = r.chars().rev().collect();
                    if one_edit(&word, w) {
                        words.push(word);
                    }
                }
            }
        }
        words.sort_by(|a, b| js_cmp(a, b));
        words.dedup();
        let mut found: Vec<Entry> = words.iter().filter_map(|x| self.entry(x)).collect();
        found.sort_by(|a, b| b.df.cmp(&a.df).then(js_cmp(&a.word, &b.word)));
        found.truncate(MAX_TYPO_WORDS);
        found
    }

    /// A word's matches: doc → best score over its alternatives.
    fn matches(&mut self, alts: &[(String, u32)]) -> HashMap<u32, u32> {
        let mut out: HashMap<u32, u32> = HashMap::new();
        for (root, div) in alts {
            if let Some(EntryKind::Root { idf, postings }) = self.entry(root).map(|e| e.kind) {
                for (d, w) in postings {
                    let s = idf * u32::from(w) / div;
                    let e = out.entry(d).or_insert(0);
                    *e = (*e).max(s);
                }
            }
        }
        out
    }

    /// Runs a query: matching docs with scores, before filters.
    pub fn run(&mut self, q: &str) -> Run {
        let (words, prefix) = self.parse(q);
        if words.is_empty() {
            return Run::default();
        }
        let mut alts: Vec<Vec<(String, u32)>> = Vec::new();
        for (i, w) in words.iter().enumerate() {
            let mut a: Vec<(String, u32)> = Vec::new();
            if let Some(r) = self.exact_root(w) {
                a.push((r, 1));
            }
            if prefix && i + 1 == words.len() {
                for e in self.prefixed(w) {
                    let r = match e.kind {
                        EntryKind::Root { .. } => e.word,
                        EntryKind::Alias(r) => r,
                    };
                    if !a.iter().any(|x| x.0 == r) {
                        a.push((r, 2));
                    }
                }
            }
            alts.push(a);
        }
        let mut sets: Vec<HashMap<u32, u32>> = alts.iter().map(|a| self.matches(a)).collect();
        if combine(&sets).len() < FEW {
            let mut changed = false;
            for (i, w) in words.iter().enumerate() {
                if sets[i].len() >= FEW {
                    continue;
                }
                // A rare word that is its own root may still belong to a
                // family its stories' language did not propose (`governing`
                // once, in an Indonesian story; `governance` in English ones).
                if alts[i].first().is_some_and(|(r, _)| r == w) {
                    if let Some(f) = self.family_root(w) {
                        if !alts[i].iter().any(|x| x.0 == f) {
                            alts[i].push((f, 2));
                            changed = true;
                        }
                    }
                }
                if w.chars().count() < super::TYPO_MIN_CHARS {
                    continue;
                }
                for e in self.near(w) {
                    let r = match e.kind {
                        EntryKind::Root { .. } => e.word,
                        EntryKind::Alias(r) => r,
                    };
                    if !alts[i].iter().any(|x| x.0 == r) {
                        alts[i].push((r, 2));
                        changed = true;
                    }
                }
            }
            if changed {
                sets = alts.iter().map(|a| self.matches(a)).collect();
            }
        }
        // Every story matching a word, more words first; those missing a
        // word only while a page of stories has every word.
        let full: HashSet<u32> = combine(&sets).iter().map(|h| h.0).collect();
        // A word most stories have (`project` on a site about projects)
        // does not say which story is sought: it adds its score but is not
        // counted as a word matched, unless every word is that common.
        let mut counted: Vec<bool> = sets.iter().map(|s| s.len() * 2 <= self.docs).collect();
        if !counted.contains(&true) {
            counted.fill(true);
        }
        let mut hits = most(&sets, &counted);
        if full.len() >= TITLE_FIRST {
            hits.retain(|h| full.contains(&h.0));
        }
        let partial = full.is_empty() && sets.iter().any(|s| !s.is_empty());
        Run {
            hits,
            words,
            alts,
            sets,
            partial,
        }
    }

    /// The titles of `docs`, from the result chunks.
    fn titles(&mut self, docs: &[u32]) -> Vec<Option<String>> {
        self.fields(docs, 0)
    }

    /// The URLs of `docs` (relative to the site root), from the result
    /// chunks.
    pub fn urls(&mut self, docs: &[u32]) -> Vec<Option<String>> {
        self.fields(docs, 1)
    }

    /// Field `i` of each of `docs`' entries in the result chunks.
    fn fields(&mut self, docs: &[u32], i: usize) -> Vec<Option<String>> {
        docs.iter()
            .map(|&d| {
                let k = d as usize / self.chunk.max(1);
                let chunk = self.chunks.entry(k).or_insert_with(|| {
                    self.store
                        .get(&format!("search/d/{k}.json"))
                        .and_then(|b| serde_json::from_slice(&b).ok())
                        .unwrap_or(Value::Null)
                });
                chunk[d as usize % self.chunk.max(1)][i]
                    .as_str()
                    .map(String::from)
            })
            .collect()
    }

    /// The first [`TITLE_FIRST`] hits, ordered by the words of `run` each
    /// matches (as its score counts them) plus those its title holds (a
    /// title word that is the query word, or one of whose root candidates
    /// is one of its roots) and at most half of these hits match — all of
    /// them when the title holds every word; most first, ties keep their
    /// order; the page's own language's stories (`own`, a range of ids)
    /// stay before the others.
    fn titles_first(&mut self, hits: &mut [(u32, u32)], run: &Run, own: Option<(u32, u32)>) {
        let n = hits.len().min(TITLE_FIRST);
        if run.words.is_empty() || n < 2 {
            return;
        }
        let docs: Vec<u32> = hits[..n].iter().map(|h| h.0).collect();
        let titles = self.titles(&docs);
        // A word most of these stories match does not tell them apart.
        let telling: Vec<bool> = run
            .sets
            .iter()
            .map(|s| docs.iter().filter(|d| s.contains_key(d)).count() * 2 <= n)
            .collect();
        let held = |title: &Option<String>| {
            let Some(title) = title else {
                return 0;
            };
            let mut words: Vec<(String, Vec<String>)> = Vec::new();
            text::each_token(&text::fold(title), |t| {
                words.push((t.to_string(), stem::candidates(t, true, true)));
            });
            let holds: Vec<bool> = run
                .words
                .iter()
                .zip(&run.alts)
                .map(|(w, alts)| {
                    words.iter().any(|(t, cands)| {
                        t == w || alts.iter().any(|(r, _)| r == t || cands.contains(r))
                    })
                })
                .collect();
            if holds.iter().all(|h| *h) {
                holds.len()
            } else {
                holds
                    .iter()
                    .zip(&telling)
                    .filter(|(h, t)| **h && **t)
                    .count()
            }
        };
        let counts: Vec<u32> = titles
            .iter()
            .zip(&hits[..n])
            .map(|(t, h)| h.1 / MOST + held(t) as u32)
            .collect();
        let mut top: Vec<((u32, u32), u32)> = hits[..n].iter().copied().zip(counts).collect();
        let other = |d: u32| own.is_some_and(|(lo, hi)| !(lo..=hi).contains(&d));
        top.sort_by_key(|((d, _), count)| (other(*d), std::cmp::Reverse(*count)));
        for (slot, (h, _)) in hits.iter_mut().zip(top) {
            *slot = h;
        }
    }

    fn facets(&mut self) -> Vec<Vec<u32>> {
        if self.facets.is_none() {
            let bytes = self.store.get("search/facets.bin").unwrap_or_default();
            let mut r = codec::Reader::new(&bytes);
            let mut lists = Vec::new();
            for _ in 0..self.partners + self.tags + self.langs {
                lists.push(codec::read_ids(&mut r).unwrap_or_default());
            }
            self.facets = Some(lists);
        }
        self.facets.clone().unwrap_or_default()
    }

    fn year_of(&self, doc: u32) -> Option<i32> {
        let d = doc as usize;
        self.years
            .iter()
            .find(|(_, a, b)| (*a..=*b).contains(&d))
            .map(|y| y.0)
    }

    /// A full search: query (empty: every story), filters, counts, order.
    pub fn search(&mut self, q: &str, f: &Filters, by_date: bool) -> Outcome {
        let run = if self.parse(q).0.is_empty() {
            Run {
                hits: (0..self.docs as u32).map(|d| (d, 0)).collect(),
                ..Run::default()
            }
        } else {
            self.run(q)
        };
        let mut hits = run.hits.clone();
        let lists = self.facets();
        let member = |list: &Vec<u32>, d: u32| list.binary_search(&d).is_ok();
        let (np, nt) = (self.partners, self.tags);
        // Which filter kinds each doc passes: [partner, tag, lang, year].
        let pass = |s: &Self, d: u32| -> [bool; 4] {
            [
                f.partners.is_empty() || f.partners.iter().any(|&p| member(&lists[p], d)),
                f.tags.is_empty() || f.tags.iter().any(|&t| member(&lists[np + t], d)),
                f.langs.is_empty() || f.langs.iter().any(|&l| member(&lists[np + nt + l], d)),
                f.years.is_empty() || s.year_of(d).is_some_and(|y| f.years.contains(&y)),
            ]
        };
        let mut out = Outcome {
            partners: vec![0; np],
            tags: vec![0; nt],
            langs: vec![0; self.langs],
            ..Outcome::default()
        };
        for &(d, _) in &hits {
            let p = pass(self, d);
            let others = |k: usize| p.iter().enumerate().all(|(i, ok)| i == k || *ok);
            if others(0) {
                for (i, c) in out.partners.iter_mut().enumerate() {
                    *c += usize::from(member(&lists[i], d));
                }
            }
            if others(1) {
                for (i, c) in out.tags.iter_mut().enumerate() {
                    *c += usize::from(member(&lists[np + i], d));
                }
            }
            if others(2) {
                for (i, c) in out.langs.iter_mut().enumerate() {
                    *c += usize::from(member(&lists[np + nt + i], d));
                }
            }
            if others(3) {
                if let Some(y) = self.year_of(d) {
                    *out.years.entry(y).or_insert(0) += 1;
                }
            }
        }
        hits.retain(|&(d, _)| pass(self, d).iter().all(|x| *x));
        if by_date {
            hits.sort_by_key(|h| h.0);
        } else {
            hits.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        }
        let own = self
            .lang_ranges
            .iter()
            .find(|r| Some(&r.0) == f.own.as_ref())
            .map(|r| (r.1, r.2));
        if let Some((lo, hi)) = own {
            hits.sort_by_key(|h| !(lo..=hi).contains(&h.0));
        }
        if !by_date {
            self.titles_first(&mut hits, &run, own);
        }
        out.hits = hits;
        out.partial = run.partial;
        out
    }
}

/// A query's matches before filters, with what it was read as.
#[derive(Debug, Clone, Default)]
pub struct Run {
    /// `(doc, score)` by doc.
    pub hits: Vec<(u32, u32)>,
    pub words: Vec<String>,
    /// Per word, its alternatives: `(root, divisor)`.
    pub alts: Vec<Vec<(String, u32)>>,
    /// No story matched every word; `hits` match the most words.
    pub partial: bool,
    /// Per word, the stories it matches, with their scores for it.
    pub sets: Vec<HashMap<u32, u32>>,
}

/// The stories matching any word, scored so that more words matched always
/// rank higher ([`MOST`] per `counted` word, plus the words' scores),
/// ordered by doc.
fn most(sets: &[HashMap<u32, u32>], counted: &[bool]) -> Vec<(u32, u32)> {
    let mut found: HashMap<u32, u32> = HashMap::new();
    for (s, &c) in sets.iter().zip(counted) {
        for (&d, &score) in s {
            *found.entry(d).or_insert(0) += if c { MOST } else { 0 } + score;
        }
    }
    let mut out: Vec<(u32, u32)> = found.into_iter().collect();
    out.sort_by_key(|h| h.0);
    out
}

/// What each matched word adds to a story's score: more than the scores of
/// a query's words add up to (at most `idf × 15` a word).
pub const MOST: u32 = 1_000_000;

/// Words of a query that count (so scores stay within `u32`).
pub const MAX_WORDS: usize = 32;

/// Stories matching every word, with summed scores, ordered by doc.
fn combine(sets: &[HashMap<u32, u32>]) -> Vec<(u32, u32)> {
    let Some(smallest) = sets.iter().min_by_key(|s| s.len()) else {
        return Vec::new();
    };
    let mut out: Vec<(u32, u32)> = smallest
        .iter()
        .filter_map(|(&d, _)| {
            let mut total = 0;
            for s in sets {
                total += s.get(&d)?;
            }
            Some((d, total))
        })
        .collect();
    out.sort_by_key(|h| h.0);
    out
}

/// True when `a` and `b` differ by exactly one substitution, insertion,
/// deletion or swap of neighbours.
pub fn one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a == b {
        return false;
    }
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    let i = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    match long.len() - short.len() {
        0 => {
            short[i + 1..] == long[i + 1..]
                || (i + 1 < short.len()
                    && short[i] == long[i + 1]
                    && short[i + 1] == long[i]
                    && short[i + 2..] == long[i + 2..])
        }
        1 => short[i..] == long[i + 1..],
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_edit_covers_each_kind_of_typo() {
        assert!(one_edit("pemberdayan", "pemberdayaan")); // missing
        assert!(one_edit("advokassi", "advokasi")); // extra
        assert!(one_edit("advokasu", "advokasi")); // wrong
        assert!(one_edit("avdokasi", "advokasi")); // swapped
        assert!(!one_edit("advokasi", "advokasi"));
        assert!(!one_edit("adokasu", "advokasi"));
        assert!(!one_edit("vadokasi", "advokasi"));
    }
}
