//! Stage 5: the search index, built from the site model and queried in the
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
mod layout;
mod merge;
pub mod query;
mod score;
pub mod stem;
pub mod text;
mod words;

use rayon::prelude::*;

use crate::lang::Lang;
use crate::model::{Site, Sites};
use codec::{Entry, EntryKind};
use layout::Built;
pub use layout::{
    DOCS_PER_CHUNK, EXCERPT_WORDS, MAX_SHARDS_PER_DOC, MIN_SHARDS, SHARD_BYTES, TYPO_MIN_CHARS,
    front_code, front_decode,
};
use text::js_cmp;
pub use words::{PARTNER_WEIGHT, TERM_WEIGHT, TITLE_WEIGHT};

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

/// The search index of a whole site: one index for every language (the
/// search page of each starts with its own, by the language facet).
pub fn build_sites(sites: &Sites) -> SearchIndex {
    match sites.langs.as_slice() {
        [one] => {
            // A site in one language: its stories may still be Indonesian or English.
            let mut langs = vec![Lang::ID, Lang::EN];
            if !langs.contains(&one.lang) {
                langs.push(one.lang);
            }
            build(one, &langs, false)
        }
        many => {
            let langs: Vec<Lang> = many.iter().map(|s| s.lang).collect();
            build(&merge::merged(sites), &langs, true)
        }
    }
}

/// Builds every file of the search index for the published stories of
/// `site`, with a language facet for each of `langs` (and, `per_language`,
/// each language's range of stories in the directory): each story's words
/// counted into the vocabulary, words grouped under their roots ([`stem`])
/// and weighted ([`score`]), then laid out in files.
pub fn build(site: &Site, langs: &[Lang], per_language: bool) -> SearchIndex {
    let n = site.stories.len();
    let entries = entries(site, words::vocabulary(site));
    let max_shards = ((n as f64 * MAX_SHARDS_PER_DOC) as usize).max(MIN_SHARDS);
    let (mut files, separators) = layout::dictionary(&entries, max_shards);
    let shards = files.len();
    files.extend(layout::typo_lists(&entries, max_shards));
    files.extend(layout::stories_and_facets(site, langs));
    let directory = layout::directory(site, &files, &separators, per_language);
    files.push(directory);
    let stats = Stats {
        docs: n,
        words: entries.len(),
        roots: entries.iter().filter(|e| e.root).count(),
        shards,
        bytes: files.iter().map(|f| f.1.len()).sum(),
    };
    SearchIndex { files, stats }
}

/// The dictionary: every word with its root's postings or an alias to its
/// root, encoded and sorted as the browser compares words.
fn entries(site: &Site, vocabulary: words::Vocabulary) -> Vec<Built> {
    let n = site.stories.len();
    let words::Vocabulary {
        mut words,
        mut postings,
        lens,
    } = vocabulary;
    let avg = lens.iter().sum::<f32>() / n.max(1) as f32;
    let norms: Vec<f32> = lens.iter().map(|&len| score::norm(len, avg)).collect();
    drop(lens);
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
                let postings = score::family_postings(members, &norms);
                EntryKind::Root {
                    idf: score::idf(n, postings.len()),
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
    entries
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
