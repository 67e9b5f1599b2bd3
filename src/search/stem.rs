//! Stemming by candidates confirmed against the site's own vocabulary.
//!
//! Rule-based Indonesian stemmers strip too much (`perempuan` → `empu`,
//! `menulis` → `ulis`) because they cannot tell an affix from the start of a
//! root. Here the rules only *propose* roots — every way of removing a
//! particle, a possessive, a suffix and up to two prefixes, with the
//! nasal-assimilation recodings (`menulis` → `tulis`, `memilih` → `pilih`,
//! `penyakit` → `sakit`) — and a word's root is the best candidate that the
//! site itself uses as a word. `perempuan` stays whole unless `empu` appears
//! on the site; `pemberdayaan`, `berdaya` and `daya` meet at `daya`.
//!
//! `search.js` carries the same candidate rules: a query word the site never
//! uses is looked up through its candidates, in the same order.

use std::collections::HashMap;

use super::text::js_cmp;

/// Shortest Indonesian root a rule may produce (`tua` from `ketua` is too
/// risky a guess; real three-letter roots still match as themselves).
pub const MIN_ROOT_ID: usize = 4;
/// Shortest English root (`use` from `used`).
pub const MIN_ROOT_EN: usize = 3;

/// A proposed root and how many affixes were removed to reach it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub root: String,
    pub depth: u8,
}

/// Candidate roots of `word`, best first: more affixes removed first, then
/// longer, then alphabetical. `word` itself is not included.
pub fn candidates(word: &str, indonesian: bool, english: bool) -> Vec<String> {
    ranked(word, indonesian, english)
        .into_iter()
        .map(|c| c.root)
        .collect()
}

/// [`candidates`] with their depth.
pub fn ranked(word: &str, indonesian: bool, english: bool) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    if indonesian {
        id_candidates(word, &mut out);
    }
    if english {
        en_candidates(word, &mut out);
    }
    out.retain(|c| c.root != word);
    out.sort_by(|a, b| {
        b.depth
            .cmp(&a.depth)
            .then(b.root.chars().count().cmp(&a.root.chars().count()))
            .then(js_cmp(&a.root, &b.root))
    });
    let mut seen = std::collections::HashSet::new();
    out.retain(|c| seen.insert(c.root.clone()));
    out
}

fn len(s: &str) -> usize {
    s.chars().count()
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

fn first(s: &str) -> Option<char> {
    s.chars().next()
}

fn id_candidates(word: &str, out: &mut Vec<Candidate>) {
    // Inflectional endings: particle, then possessive.
    let mut bases = vec![(word.to_string(), 0u8)];
    for p in ["lah", "kah", "tah", "pun"] {
        if let Some(b) = word.strip_suffix(p) {
            if len(b) >= MIN_ROOT_ID {
                bases.push((b.to_string(), 1));
            }
        }
    }
    for (b, d) in bases.clone() {
        for p in ["nya", "ku", "mu"] {
            if let Some(s) = b.strip_suffix(p) {
                if len(s) >= MIN_ROOT_ID {
                    bases.push((s.to_string(), d + 1));
                }
            }
        }
    }
    for (base, d) in bases {
        if d > 0 {
            out.push(Candidate {
                root: base.clone(),
                depth: d,
            });
        }
        let mut stems = vec![(base.clone(), d, "")];
        for s in ["kan", "an", "i"] {
            if let Some(rest) = base.strip_suffix(s) {
                if len(rest) >= MIN_ROOT_ID {
                    stems.push((rest.to_string(), d + 1, s));
                }
            }
        }
        for (stem, d, suffix) in stems {
            if d > 0 {
                out.push(Candidate {
                    root: stem.clone(),
                    depth: d,
                });
            }
            for (rest, prefix) in strip_prefix(&stem, true) {
                if forbidden(prefix, suffix) {
                    continue;
                }
                out.push(Candidate {
                    root: rest.clone(),
                    depth: d + 1,
                });
                for (rest2, _) in strip_prefix(&rest, false) {
                    out.push(Candidate {
                        root: rest2,
                        depth: d + 2,
                    });
                }
            }
        }
    }
}

/// Prefix–suffix pairs Indonesian does not form (Nazief & Adriani).
fn forbidden(prefix: &str, suffix: &str) -> bool {
    matches!(
        (prefix, suffix),
        ("be", "i")
            | ("di", "an")
            | ("ke", "i")
            | ("ke", "kan")
            | ("me", "an")
            | ("se", "i")
            | ("se", "kan")
    )
}

/// Every way to remove one derivational prefix from `w`, with the prefix's
/// family (`me`, `pe`, `be`, …). `outer` allows the prefixes that only come
/// first (`di-`, `ke-`, `se-`, `me-`).
fn strip_prefix(w: &str, outer: bool) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = Vec::new();
    let mut push = |rest: String, family: &'static str| {
        if len(&rest) >= MIN_ROOT_ID {
            out.push((rest, family));
        }
    };
    if outer {
        for p in ["di", "ke", "se"] {
            if let Some(r) = w.strip_prefix(p) {
                push(r.to_string(), p);
            }
        }
    }
    if let Some(r) = w.strip_prefix("ter") {
        push(r.to_string(), "te");
    }
    if let Some(r) = w.strip_prefix("ber") {
        push(r.to_string(), "be");
    }
    if let Some(r) = w.strip_prefix("per") {
        push(r.to_string(), "pe");
    }
    if let Some(r) = w.strip_prefix("te") {
        if first(r) == Some('r') {
            push(r.to_string(), "te");
        }
    }
    if let Some(r) = w.strip_prefix("be") {
        // be-rV… (berapat), beC-er… (bekerja), bel-ajar (belajar)
        let mut cs = r.chars();
        let (c1, c2, c3) = (cs.next(), cs.next(), cs.next());
        if c1 == Some('r') || (c2 == Some('e') && c3 == Some('r')) {
            push(r.to_string(), "be");
        }
        if let Some(a) = r.strip_prefix("l") {
            if a.starts_with("ajar") {
                push(a.to_string(), "be");
            }
        }
    }
    let families: &[&'static str] = if outer { &["me", "pe"] } else { &["pe"] };
    for &family in families {
        let Some(r) = w.strip_prefix(family) else {
            continue;
        };
        if family == "pe" {
            if let Some(a) = r.strip_prefix("l") {
                if a.starts_with("ajar") {
                    push(a.to_string(), "pe");
                }
            }
        }
        // me-/pe- before l, m, n, r, w, y (melatih, merawat, menanam, penyanyi)
        if matches!(first(r), Some('l' | 'm' | 'n' | 'r' | 'w' | 'y')) {
            push(r.to_string(), family);
        }
        if let Some(a) = r.strip_prefix("nge") {
            push(a.to_string(), family);
        }
        if let Some(a) = r.strip_prefix("ng") {
            match first(a) {
                Some(c) if is_vowel(c) => {
                    push(a.to_string(), family);
                    push(format!("k{a}"), family);
                }
                Some('g' | 'h' | 'k') => push(a.to_string(), family),
                _ => {}
            }
        } else if let Some(a) = r.strip_prefix("ny") {
            if first(a).is_some_and(is_vowel) {
                push(format!("s{a}"), family);
            }
        } else if let Some(a) = r.strip_prefix('m') {
            match first(a) {
                Some('b' | 'f' | 'p' | 'v') => push(a.to_string(), family),
                Some(c) if is_vowel(c) => push(format!("p{a}"), family),
                _ => {}
            }
        } else if let Some(a) = r.strip_prefix('n') {
            match first(a) {
                Some('c' | 'd' | 'j' | 'z' | 's' | 't') => push(a.to_string(), family),
                Some(c) if is_vowel(c) => push(format!("t{a}"), family),
                _ => {}
            }
        }
    }
    out
}

/// Inflected forms to try for a query word the site never uses and whose
/// candidates it does not have either (a singular query, a plural text).
pub fn inflections(w: &str) -> Vec<String> {
    let mut out: Vec<String> = ["s", "es", "ing", "ed", "an", "kan", "nya"]
        .iter()
        .map(|s| format!("{w}{s}"))
        .collect();
    if let Some(b) = w.strip_suffix('y') {
        out.insert(2, format!("{b}ies"));
    }
    out
}

fn en_candidates(w: &str, out: &mut Vec<Candidate>) {
    let mut push = |root: String| {
        if len(&root) >= MIN_ROOT_EN {
            out.push(Candidate { root, depth: 1 });
        }
    };
    if let Some(b) = w.strip_suffix("ies") {
        push(format!("{b}y"));
    }
    if let Some(b) = w.strip_suffix("es") {
        push(b.to_string());
    }
    if let Some(b) = w.strip_suffix('s') {
        if !b.ends_with('s') && !b.ends_with('u') && !b.ends_with('i') {
            push(b.to_string());
        }
    }
    for suffix in ["ing", "ed"] {
        if let Some(b) = w.strip_suffix(suffix) {
            push(b.to_string());
            push(format!("{b}e"));
            // running → run, planned → plan
            let cs: Vec<char> = b.chars().collect();
            if cs.len() >= 2 && cs[cs.len() - 1] == cs[cs.len() - 2] {
                push(cs[..cs.len() - 1].iter().collect());
            }
        }
    }
    for suffix in ["ly", "ment", "ness", "ance", "ence"] {
        if let Some(b) = w.strip_suffix(suffix) {
            push(b.to_string());
        }
    }
}

/// Roots the site never uses on their own but two or more of its words
/// share as a one-affix candidate (`training` and `trained` → `train`;
/// `menulis`, `penulis` and `tulisan` → `tulis`).
#[derive(Debug, Default)]
pub struct Roots {
    /// Added words, indexed from `words.len()`.
    pub shared: Vec<String>,
    /// For each word, then each shared root: the index of its root.
    pub root: Vec<usize>,
}

/// Picks each word's root: its best candidate that is a word of the site or a
/// shared root, followed to that word's own root. `words[i] = (word, in
/// Indonesian stories, in English stories)`.
pub fn roots(words: &[(String, bool, bool)]) -> Roots {
    let n = words.len();
    let index: HashMap<&str, usize> = words
        .iter()
        .enumerate()
        .map(|(i, (w, ..))| (w.as_str(), i))
        .collect();
    let ranked: Vec<Vec<Candidate>> = words
        .iter()
        .map(|(w, id, en)| ranked(w, *id, *en))
        .collect();
    // One-affix candidates the site does not use, with the words proposing them.
    let mut sharers: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, list) in ranked.iter().enumerate() {
        for c in list.iter().filter(|c| c.depth == 1) {
            if !index.contains_key(c.root.as_str()) {
                sharers.entry(c.root.as_str()).or_default().push(i);
            }
        }
    }
    sharers.retain(|_, v| v.len() >= 2);
    let mut shared: Vec<&str> = sharers.keys().copied().collect();
    shared.sort_by(|a, b| js_cmp(a, b));
    let shared_index: HashMap<&str, usize> = shared
        .iter()
        .enumerate()
        .map(|(k, w)| (*w, n + k))
        .collect();
    // A word of the site first; else the shared root most words share
    // (`menulis`, `penulis`, `tulisan` → `tulis`, not `nulis`).
    let mut root: Vec<usize> = ranked
        .iter()
        .enumerate()
        .map(|(i, list)| {
            list.iter()
                .find_map(|c| index.get(c.root.as_str()).copied())
                .or_else(|| {
                    let mut best: Option<(usize, usize)> = None;
                    for c in list {
                        if let Some(&k) = shared_index.get(c.root.as_str()) {
                            let count = sharers[c.root.as_str()].len();
                            if best.is_none_or(|b| count > b.0) {
                                best = Some((count, k));
                            }
                        }
                    }
                    best.map(|b| b.1)
                })
                .unwrap_or(i)
        })
        .collect();
    // A shared root nobody chose becomes an alias of its first sharer's root,
    // so a query for it (`train`, colloquial `nulis`) still finds the family.
    let mut chosen = vec![false; shared.len()];
    for &r in &root {
        if r >= n {
            chosen[r - n] = true;
        }
    }
    root.extend(shared.iter().enumerate().map(
        |(k, w)| {
            if chosen[k] { n + k } else { sharers[w][0] }
        },
    ));
    // Every candidate is shorter than its word, so chains end.
    for i in 0..root.len() {
        let mut r = root[i];
        let mut steps = 0;
        while root[r] != r && steps < 64 {
            r = root[r];
            steps += 1;
        }
        root[i] = r;
    }
    Roots {
        shared: shared.into_iter().map(String::from).collect(),
        root,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Roots chosen within a small vocabulary (the words and the roots).
    fn family(vocab: &[&str]) -> HashMap<String, String> {
        let words: Vec<(String, bool, bool)> =
            vocab.iter().map(|w| (w.to_string(), true, false)).collect();
        let r = roots(&words);
        let name = |i: usize| {
            words
                .get(i)
                .map(|w| w.0.clone())
                .unwrap_or_else(|| r.shared[i - words.len()].clone())
        };
        words
            .iter()
            .zip(&r.root)
            .map(|((w, ..), &i)| (w.clone(), name(i)))
            .collect()
    }

    #[test]
    fn indonesian_pairs_from_the_issue_meet_at_one_root() {
        let vocab = [
            "menulis",
            "tulisan",
            "penulis",
            "tulis",
            "ditulis",
            "pemberdayaan",
            "berdaya",
            "daya",
            "kebijakan",
            "bijak",
            "kekerasan",
            "keras",
            "pelatihan",
            "dilatih",
            "latih",
            "melatih",
            "anak",
            "perempuan",
            "tindakan",
            "tindak",
            "pendidikan",
            "didik",
            "memilih",
            "pilih",
            "penyakit",
            "sakit",
            "diperhatikan",
            "hati",
            "keberlanjutan",
            "lanjut",
            "belajar",
            "pelajar",
            "ajar",
            "mengambil",
            "ambil",
            "membangun",
            "bangun",
            "kesehatan",
            "sehat",
            "pertanian",
            "tani",
            "tulisannya",
            "menanam",
            "tanam",
        ];
        let f = family(&vocab);
        for (w, r) in [
            ("menulis", "tulis"),
            ("tulisan", "tulis"),
            ("penulis", "tulis"),
            ("ditulis", "tulis"),
            ("tulisannya", "tulis"),
            ("pemberdayaan", "daya"),
            ("berdaya", "daya"),
            ("kebijakan", "bijak"),
            ("kekerasan", "keras"),
            ("pelatihan", "latih"),
            ("dilatih", "latih"),
            ("melatih", "latih"),
            ("tindakan", "tindak"),
            ("pendidikan", "didik"),
            ("memilih", "pilih"),
            ("penyakit", "sakit"),
            ("diperhatikan", "hati"),
            ("keberlanjutan", "lanjut"),
            ("belajar", "ajar"),
            ("pelajar", "ajar"),
            ("mengambil", "ambil"),
            ("membangun", "bangun"),
            ("kesehatan", "sehat"),
            ("pertanian", "tani"),
            ("menanam", "tanam"),
        ] {
            assert_eq!(f[w], r, "{w}");
        }
    }

    #[test]
    fn roots_the_site_does_not_use_are_not_invented() {
        // Snowball gets these wrong: perempuan → empu, menulis → ulis.
        let words = [
            "perempuan",
            "menulis",
            "tindakan",
            "keras",
            "ketua",
            "masyarakat",
        ];
        let f = family(&words);
        for w in words {
            assert_eq!(f[w], w);
        }
        // …and even when a short word exists, three letters are too few.
        let f = family(&["keras", "ras", "ketua", "tua"]);
        assert_eq!(f["keras"], "keras");
        assert_eq!(f["ketua"], "ketua");
    }

    #[test]
    fn english_plurals_and_verb_forms() {
        let words: Vec<(String, bool, bool)> = [
            "workshop",
            "workshops",
            "train",
            "training",
            "trained",
            "policy",
            "policies",
            "run",
            "running",
            "use",
            "used",
            "community",
            "communities",
            "news",
        ]
        .iter()
        .map(|w| (w.to_string(), false, true))
        .collect();
        let r = roots(&words);
        let root = |w: &str| {
            let i = words.iter().position(|x| x.0 == w).unwrap();
            let k = r.root[i];
            words
                .get(k)
                .map(|x| x.0.clone())
                .unwrap_or_else(|| r.shared[k - words.len()].clone())
        };
        assert_eq!(root("workshops"), "workshop");
        assert_eq!(root("training"), "train");
        assert_eq!(root("trained"), "train");
        assert_eq!(root("policies"), "policy");
        assert_eq!(root("running"), "run");
        assert_eq!(root("used"), "use");
        assert_eq!(root("communities"), "community");
        assert_eq!(root("news"), "news");
    }

    #[test]
    fn english_rules_do_not_touch_indonesian_words() {
        let words = vec![
            ("keras".to_string(), true, false),
            ("kera".to_string(), true, false),
        ];
        assert_eq!(roots(&words).root, [0, 1]);
    }

    #[test]
    fn a_root_shared_by_several_words_is_added_even_if_never_used_alone() {
        let f = family(&["menulis", "penulis", "tulisan", "perempuan", "perempuannya"]);
        assert_eq!(f["menulis"], "tulis");
        assert_eq!(f["penulis"], "tulis");
        assert_eq!(f["tulisan"], "tulis");
        // One word and its own inflection do not invent a root (`empu`).
        assert_eq!(f["perempuan"], "perempuan");
        assert_eq!(f["perempuannya"], "perempuan");
        let words: Vec<(String, bool, bool)> = ["training", "trained"]
            .iter()
            .map(|w| (w.to_string(), false, true))
            .collect();
        let r = roots(&words);
        // Both `train` and `traine` are proposed by both words; one is the
        // root, the other an alias of it, so either finds the family.
        assert_eq!(r.shared, ["train", "traine"]);
        assert_eq!(r.root[0], r.root[1]);
        assert_eq!(r.root[2], r.root[3]);
        assert_eq!(r.root[0], r.root[2]);
    }

    #[test]
    fn candidates_are_ordered_deepest_first() {
        let c = candidates("pemberdayaan", true, false);
        let daya = c.iter().position(|x| x == "daya").unwrap();
        let berdaya = c.iter().position(|x| x == "berdaya").unwrap();
        assert!(daya < berdaya, "{c:?}");
    }
}
