//! The binary shard format, written here and read by both
//! [`super::query`] and `search.js`.
//!
//! ```text
//! shard   := varint(entries) entry*
//! entry   := varint(shared) varint(len) utf8[len]   word: `shared` UTF-16 units of
//!                                                    the previous word + the bytes
//!            varint(df)                              stories using this exact word
//!            varint(0) varint(idf) varint(n) post*   a root: its postings
//!          | varint(1) varint(shared) varint(len) utf8[len]
//!                                                    an alias: its root, sharing
//!                                                    a prefix with the word
//! post    := varint(delta << 4 | weight)             doc ids ascending, weight 1..=15
//! list    := varint(entries) (varint(shared) varint(len) utf8[len])*   word lists
//! ids     := varint(n) varint(delta)*                sorted doc ids (facets)
//! ```
//! Varints are LEB128 (7 bits per byte, low first).

/// A dictionary entry: one word of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub word: String,
    /// Stories that use this exact word.
    pub df: u32,
    pub kind: EntryKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryKind {
    /// The word is a root: its family's postings, `(doc, weight)`.
    Root { idf: u32, postings: Vec<(u32, u8)> },
    /// The word's root is another word.
    Alias(String),
}

pub fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// A cursor over encoded bytes; every read fails cleanly on truncated input.
pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, pos: 0 }
    }

    pub fn varint(&mut self) -> Option<u64> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = *self.bytes.get(self.pos)?;
            self.pos += 1;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Some(v);
            }
        }
        None
    }

    fn u32(&mut self) -> Option<u32> {
        u32::try_from(self.varint()?).ok()
    }

    fn bytes(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let b = self.bytes.get(self.pos..end)?;
        self.pos = end;
        Some(b)
    }

    /// `shared` UTF-16 units of `prev`, then a UTF-8 suffix.
    fn word(&mut self, prev: &str) -> Option<String> {
        let shared = self.varint()? as usize;
        let n = self.varint()? as usize;
        let suffix = std::str::from_utf8(self.bytes(n)?).ok()?;
        let units: Vec<u16> = prev.encode_utf16().take(shared).collect();
        if units.len() < shared {
            return None;
        }
        let mut w = String::from_utf16(&units).ok()?;
        w.push_str(suffix);
        Some(w)
    }

    pub fn done(&self) -> bool {
        self.pos == self.bytes.len()
    }
}

/// UTF-16 units `a` and `b` share at the start, never splitting a pair.
fn shared_units(a: &str, b: &str) -> usize {
    let mut n = 0;
    for (x, y) in a.chars().zip(b.chars()) {
        if x != y {
            break;
        }
        n += x.len_utf16();
    }
    n
}

fn put_word(out: &mut Vec<u8>, prev: &str, word: &str) {
    let shared = shared_units(prev, word);
    // `shared` ends on a char boundary: find its byte offset in `word`.
    let mut units = 0;
    let mut byte = 0;
    for c in word.chars() {
        if units == shared {
            break;
        }
        units += c.len_utf16();
        byte += c.len_utf8();
    }
    let suffix = &word.as_bytes()[byte..];
    put_varint(out, shared as u64);
    put_varint(out, suffix.len() as u64);
    out.extend_from_slice(suffix);
}

/// An entry but its word, which a shard front-codes against the word before
/// it: the index builder keeps entries in this form, a few bytes a posting,
/// until they are cut into shards ([`encode_shard_parts`]).
pub fn put_entry_tail(out: &mut Vec<u8>, e: &Entry) {
    put_varint(out, u64::from(e.df));
    match &e.kind {
        EntryKind::Root { idf, postings } => {
            put_varint(out, 0);
            put_varint(out, u64::from(*idf));
            put_varint(out, postings.len() as u64);
            let mut last = 0u32;
            for &(doc, w) in postings {
                put_varint(out, (u64::from(doc - last) << 4) | u64::from(w & 15));
                last = doc;
            }
        }
        EntryKind::Alias(root) => {
            put_varint(out, 1);
            put_word(out, &e.word, root);
        }
    }
}

pub fn encode_shard(entries: &[Entry]) -> Vec<u8> {
    let tails: Vec<Vec<u8>> = entries
        .iter()
        .map(|e| {
            let mut tail = Vec::new();
            put_entry_tail(&mut tail, e);
            tail
        })
        .collect();
    encode_shard_parts(
        entries
            .iter()
            .zip(&tails)
            .map(|(e, t)| (e.word.as_str(), t.as_slice())),
    )
}

/// A shard of entries given as their words and [`put_entry_tail`] bytes.
pub fn encode_shard_parts<'a>(
    entries: impl ExactSizeIterator<Item = (&'a str, &'a [u8])>,
) -> Vec<u8> {
    let mut out = Vec::new();
    put_varint(&mut out, entries.len() as u64);
    let mut prev = "";
    for (word, tail) in entries {
        put_word(&mut out, prev, word);
        out.extend_from_slice(tail);
        prev = word;
    }
    out
}

/// Bytes a shard takes for `word` with no word before it.
pub fn word_len(word: &str) -> usize {
    let mut b = Vec::new();
    put_word(&mut b, "", word);
    b.len()
}

pub fn decode_shard(bytes: &[u8]) -> Option<Vec<Entry>> {
    let mut r = Reader::new(bytes);
    let n = r.varint()? as usize;
    let mut out: Vec<Entry> = Vec::with_capacity(n.min(bytes.len()));
    let mut prev = String::new();
    for _ in 0..n {
        let word = r.word(&prev)?;
        let df = r.u32()?;
        let kind = match r.varint()? {
            0 => {
                let idf = r.u32()?;
                let np = r.varint()? as usize;
                let mut postings = Vec::with_capacity(np.min(bytes.len()));
                let mut doc = 0u32;
                for _ in 0..np {
                    let v = r.varint()?;
                    doc = doc.checked_add(u32::try_from(v >> 4).ok()?)?;
                    postings.push((doc, (v & 15) as u8));
                }
                EntryKind::Root { idf, postings }
            }
            1 => EntryKind::Alias(r.word(&word)?),
            _ => return None,
        };
        prev = word.clone();
        out.push(Entry { word, df, kind });
    }
    r.done().then_some(out)
}

pub fn encode_list(words: &[String]) -> Vec<u8> {
    let mut out = Vec::new();
    put_varint(&mut out, words.len() as u64);
    let mut prev = "";
    for w in words {
        put_word(&mut out, prev, w);
        prev = w;
    }
    out
}

pub fn decode_list(bytes: &[u8]) -> Option<Vec<String>> {
    let mut r = Reader::new(bytes);
    let n = r.varint()? as usize;
    let mut out: Vec<String> = Vec::with_capacity(n.min(bytes.len()));
    let mut prev = String::new();
    for _ in 0..n {
        let w = r.word(&prev)?;
        prev = w.clone();
        out.push(w);
    }
    r.done().then_some(out)
}

pub fn put_ids(out: &mut Vec<u8>, ids: &[u32]) {
    put_varint(out, ids.len() as u64);
    let mut last = 0;
    for &d in ids {
        put_varint(out, u64::from(d - last));
        last = d;
    }
}

pub fn read_ids(r: &mut Reader<'_>) -> Option<Vec<u32>> {
    let n = r.varint()? as usize;
    let mut out = Vec::with_capacity(n.min(r.bytes.len()));
    let mut d = 0u32;
    for _ in 0..n {
        d = d.checked_add(r.u32()?)?;
        out.push(d);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip_at_every_width() {
        for v in [
            0u64,
            1,
            127,
            128,
            300,
            16_383,
            16_384,
            u32::MAX as u64,
            u64::MAX,
        ] {
            let mut b = Vec::new();
            put_varint(&mut b, v);
            assert_eq!(Reader::new(&b).varint(), Some(v));
        }
    }

    #[test]
    fn shards_round_trip_with_shared_prefixes_and_non_ascii() {
        let entries = vec![
            Entry {
                word: "daya".into(),
                df: 3,
                kind: EntryKind::Root {
                    idf: 120,
                    postings: vec![(0, 15), (1, 3), (900, 1), (70_000, 7)],
                },
            },
            Entry {
                word: "dayak".into(),
                df: 1,
                kind: EntryKind::Root {
                    idf: 400,
                    postings: vec![(5, 2)],
                },
            },
            Entry {
                word: "pemberdayaan".into(),
                df: 2,
                kind: EntryKind::Alias("daya".into()),
            },
            Entry {
                word: "𝔸lpha".into(),
                df: 1,
                kind: EntryKind::Alias("𝔸l".into()),
            },
            Entry {
                word: "𝔸lpi".into(),
                df: 1,
                kind: EntryKind::Alias("ü".into()),
            },
        ];
        let bytes = encode_shard(&entries);
        // What the builder counts for an entry is what a shard of it takes
        // (after the one-byte count).
        for e in &entries {
            let mut tail = Vec::new();
            put_entry_tail(&mut tail, e);
            let alone = encode_shard(std::slice::from_ref(e));
            assert_eq!(alone.len(), 1 + word_len(&e.word) + tail.len());
        }
        assert_eq!(decode_shard(&bytes), Some(entries));
    }

    #[test]
    fn truncated_or_garbage_shards_decode_to_none() {
        let bytes = encode_shard(&[Entry {
            word: "kota".into(),
            df: 1,
            kind: EntryKind::Root {
                idf: 1,
                postings: vec![(1, 1)],
            },
        }]);
        for cut in 0..bytes.len() {
            assert_eq!(decode_shard(&bytes[..cut]), None);
        }
        assert_eq!(decode_shard(&[0xff; 12]), None);
    }

    #[test]
    fn word_lists_and_id_lists_round_trip() {
        let words: Vec<String> = ["isak", "isaka", "lanak"].map(String::from).to_vec();
        assert_eq!(decode_list(&encode_list(&words)), Some(words));
        let mut b = Vec::new();
        put_ids(&mut b, &[0, 4, 5, 1000]);
        assert_eq!(read_ids(&mut Reader::new(&b)), Some(vec![0, 4, 5, 1000]));
    }
}
