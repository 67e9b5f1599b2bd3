//! The search index: built by `cerita build`, read by the Rust reference
//! searcher, and by `search.js` under Node, which must agree exactly.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::*;
use cerita::search::query::{Filters, MAX_RANGE_SHARDS, Searcher};
use serde_json::Value;

/// A small site whose stories carry the word families and payloads under test.
fn fixture() -> TestSite {
    let s = TestSite::new();
    s.write(
        "cerita.yaml",
        "title: Situs Uji\nbase_url: https://example.org/komunitas/\nlanguage: id\n",
    );
    s.story(
        "2024/menulis.md",
        "Kelas menulis untuk perempuan nelayan",
        "date: 2024-03-01\npartners: [Serikat Perempuan Pesisir]\ntags: [literasi]\n",
        "Para penulis muda membacakan tulisan mereka tentang laut.\n",
    );
    s.story(
        "2024/berdaya.md",
        "Perempuan berdaya di kampung",
        "date: 2024-05-01\npartners: [HAPSARI]\ntags: [pemberdayaan]\n",
        "Program pemberdayaan ekonomi warga dan advokasi kebijakan desa.\n",
    );
    s.story(
        "2023/bijak.md",
        "Pemimpin yang bijak",
        "date: 2023-02-01\npartners: [HAPSARI]\ntags: [kepemimpinan]\n",
        "Anak-anak belajar dari pemimpin yang bijak. Kekerasan tidak pernah jadi jalan; sikap keras pun tidak.\n",
    );
    s.story(
        "2023/latih.md",
        "Pelatihan paralegal",
        "date: 2023-08-01\npartners: [Serikat Perempuan Pesisir]\ntags: [hukum]\n",
        "Dua puluh paralegal dilatih untuk mendampingi korban. Seorang anak ikut.\n",
    );
    s.story(
        "2023/training.md",
        "Training women fishers",
        "date: 2023-09-01\nlang: en\npartners: [HAPSARI]\ntags: [literasi]\n",
        "Communities trained their own facilitators in advocacy and writing.\n",
    );
    s.story(
        "2022/rapat.md",
        "Catatan rapat desa",
        "date: 2022-06-01\ntags: [uji]\n",
        "Rapat bersama nelayan membahas harga ikan.\n",
    );
    s.story(
        "2022/xss.md",
        "<img src=x onerror=alert(1)>",
        "date: 2022-01-01\ntags: [uji]\n",
        "Judul ini menguji advokasi pelolosan karakter.\n",
    );
    s
}

fn built(site: &TestSite) -> PathBuf {
    site.build_ok(&[]);
    site.path("public")
}

/// Titles of the stories a query finds, best first.
fn titles(out: &Path, q: &str) -> Vec<String> {
    let mut s = Searcher::open(out.to_path_buf()).expect("open index");
    let hits = s.search(q, &Filters::default(), false).hits;
    hits.iter()
        .map(|&(d, _)| doc(out, d)[0].as_str().unwrap().to_string())
        .collect()
}

fn doc(out: &Path, d: u32) -> Value {
    let dir: Value =
        serde_json::from_slice(&std::fs::read(out.join("search/index.json")).unwrap()).unwrap();
    let n = dir["chunk"].as_u64().unwrap() as u32;
    let chunk: Value = serde_json::from_slice(
        &std::fs::read(out.join(format!("search/d/{}.json", d / n))).unwrap(),
    )
    .unwrap();
    chunk[(d % n) as usize].clone()
}

fn has(list: &[String], title: &str) -> bool {
    list.iter().any(|t| t == title)
}

#[test]
fn index_files_are_written_beside_a_search_page_that_loads_them() {
    let site = fixture();
    let out = built(&site);
    for f in [
        "search/index.json",
        "search/facets.bin",
        "search/facets.json",
        "search/typo.json",
        "search/s/0.bin",
        "search/d/0.json",
        "static/search.js",
    ] {
        assert!(out.join(f).is_file(), "{f} missing");
    }
    let page = site.html("search/index.html");
    assert_eq!(attrs(&page, "#search", "data-base"), ["/komunitas/"]);
    // Theme files are linked by their version: the search and the offline
    // reading worker's registration, which names the worker and its scope
    // under the site's sub-path.
    let scripts = attrs(&page, "script[src]", "src");
    assert_eq!(scripts.len(), 2, "{scripts:?}");
    assert!(
        scripts[0].starts_with("/komunitas/static/search.js?v="),
        "{scripts:?}"
    );
    assert!(
        scripts[1].starts_with("/komunitas/static/offline.js?v="),
        "{scripts:?}"
    );
    assert_eq!(
        attrs(&page, "script[data-worker]", "data-worker"),
        ["/komunitas/sw.js"]
    );
    assert_eq!(
        attrs(&page, "script[data-worker]", "data-scope"),
        ["/komunitas/"]
    );
    assert_eq!(
        attrs(&page, "form#search-form", "action"),
        ["/komunitas/search/"]
    );
    assert_eq!(attrs(&page, "#search-status", "aria-live"), ["polite"]);
    // Without JavaScript: a message and the ways to browse.
    let raw = site.read_out("search/index.html");
    assert!(raw.contains("<noscript>"), "{raw}");
    let links = attrs(&page, ".browse a", "href");
    assert_eq!(
        links,
        [
            "/komunitas/partners/",
            "/komunitas/tags/",
            "/komunitas/archive/"
        ]
    );
    // Every other page has a GET search form in its header.
    let home = site.html("index.html");
    assert_eq!(
        attrs(&home, "header form[role=search]", "action"),
        ["/komunitas/search/"]
    );
    assert_eq!(
        attrs(&home, "header form[role=search] input", "name"),
        ["q"]
    );
}

#[test]
fn indonesian_word_families_find_each_other() {
    let site = fixture();
    let out = built(&site);
    let menulis = "Kelas menulis untuk perempuan nelayan";
    // `tulisan` and `penulis` are in that story; `menulis` is in its title.
    for q in ["tulisan", "penulis", "menulis", "tulis"] {
        assert!(has(&titles(&out, q), menulis), "{q}: {:?}", titles(&out, q));
    }
    let berdaya = "Perempuan berdaya di kampung";
    assert!(has(&titles(&out, "pemberdayaan"), berdaya));
    assert!(has(&titles(&out, "berdaya"), berdaya));
    let bijak = "Pemimpin yang bijak";
    assert!(
        has(&titles(&out, "kebijakan"), bijak),
        "{:?}",
        titles(&out, "kebijakan")
    );
    assert!(has(&titles(&out, "bijak"), "Perempuan berdaya di kampung"));
    assert!(has(&titles(&out, "keras"), bijak));
    assert!(has(&titles(&out, "pelatihan"), "Pelatihan paralegal"));
    assert!(has(&titles(&out, "dilatih"), "Pelatihan paralegal"));
    // Reduplication: `anak-anak` is `anak`.
    let anak = titles(&out, "anak");
    assert!(
        has(&anak, bijak) && has(&anak, "Pelatihan paralegal"),
        "{anak:?}"
    );
    // English stemming, and both languages in one index.
    assert!(has(&titles(&out, "train"), "Training women fishers"));
    assert!(has(&titles(&out, "community "), "Training women fishers"));
    assert!(has(&titles(&out, "writing "), "Training women fishers"));
    // A word the site never uses still finds its root.
    assert!(
        has(&titles(&out, "penulisan"), menulis),
        "{:?}",
        titles(&out, "penulisan")
    );
}

#[test]
fn ranking_prefers_titles_and_newer_stories() {
    let site = fixture();
    let out = built(&site);
    // A title match outranks a mention in the body.
    let r = titles(&out, "nelayan");
    assert_eq!(
        r,
        [
            "Kelas menulis untuk perempuan nelayan",
            "Catatan rapat desa"
        ]
    );
    // Sorting by date lists newest first.
    let mut s = Searcher::open(out.clone()).unwrap();
    let by_date = s.search("advokasi", &Filters::default(), true).hits;
    let ids: Vec<u32> = by_date.iter().map(|h| h.0).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    assert_eq!(ids, sorted);
    assert!(ids.len() >= 2);
}

#[test]
fn titles_holding_every_word_come_first_and_near_misses_say_so() {
    let s = TestSite::new();
    s.story(
        "2024/ramah.md",
        "Membangun Komunitas yang Ramah",
        "date: 2024-01-01\n",
        "Tentang cara menyambut orang baru.\n",
    );
    for i in 0..3 {
        s.story(
            &format!("2024/lain-{i}.md"),
            &format!("Catatan rapat {i}"),
            "date: 2024-02-01\n",
            "Membangun komunitas, membangun komunitas, membangun komunitas: kami membangun komunitas yang kuat dan komunitas yang membangun.\n",
        );
    }
    s.story(
        "2024/kepemimpinan.md",
        "Kepemimpinan dan Pengelolaan",
        "date: 2024-01-01\n",
        "Pemimpin proyek mengelola keputusan bersama.\n",
    );
    let out = built(&s);
    // The body mentions outscore the title by BM25; the title wins.
    assert_eq!(
        titles(&out, "membangun komunitas")[0],
        "Membangun Komunitas yang Ramah"
    );
    assert_eq!(
        titles(&out, "komunitas ramah")[0],
        "Membangun Komunitas yang Ramah"
    );
    // A word in no story ("tata"), a function word ("dan"): the story with
    // the most of the words, flagged as a near miss.
    let mut searcher = Searcher::open(out.clone()).unwrap();
    let o = searcher.search("kepemimpinan dan tata kelola", &Filters::default(), false);
    assert!(o.partial);
    let first = doc(&out, o.hits[0].0)[0].as_str().unwrap().to_string();
    assert_eq!(first, "Kepemimpinan dan Pengelolaan");
    let o = searcher.search("membangun komunitas", &Filters::default(), false);
    assert!(!o.partial);
    assert!(!searcher.search("zzqqx", &Filters::default(), false).partial);
}

#[test]
fn prefixes_typos_and_filters() {
    let site = fixture();
    let out = built(&site);
    assert!(has(&titles(&out, "advo"), "Perempuan berdaya di kampung"));
    // A trailing space ends the word: `advo ` is not a prefix any more.
    assert!(titles(&out, "advo ").is_empty());
    // One wrong, missing, extra or swapped letter.
    for q in [
        "pemberdayan",
        "advokassi",
        "advokasu",
        "avdokasi",
        "pelatiham",
    ] {
        assert!(!titles(&out, q).is_empty(), "{q} found nothing");
    }
    assert!(has(
        &titles(&out, "pemberdayan"),
        "Perempuan berdaya di kampung"
    ));
    // Filters: partner (index into the directory's list), year, language.
    let dir: Value =
        serde_json::from_slice(&std::fs::read(out.join("search/index.json")).unwrap()).unwrap();
    let partners: Vec<&str> = dir["partners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    let hapsari = partners.iter().position(|p| *p == "HAPSARI").unwrap();
    let mut s = Searcher::open(out.clone()).unwrap();
    let f = Filters {
        partners: vec![hapsari],
        ..Filters::default()
    };
    let o = s.search("perempuan", &f, false);
    assert_eq!(o.hits.len(), 1);
    assert_eq!(doc(&out, o.hits[0].0)[0], "Perempuan berdaya di kampung");
    // Counts are per value, with the other filters applied.
    let unfiltered = s.search("perempuan", &Filters::default(), false);
    assert_eq!(unfiltered.partners, o.partners);
    assert_eq!(o.partners[hapsari], 1);
    assert_eq!(
        unfiltered.partners.iter().sum::<usize>(),
        unfiltered.hits.len()
    );
    let f = Filters {
        years: vec![2023],
        langs: vec![1],
        ..Filters::default()
    };
    let o = s.search("", &f, false);
    assert_eq!(o.hits.len(), 1);
    assert_eq!(doc(&out, o.hits[0].0)[0], "Training women fishers");
}

#[test]
fn titles_with_markup_are_data_not_html() {
    let site = fixture();
    let out = built(&site);
    let r = titles(&out, "pelolosan");
    assert_eq!(r, ["<img src=x onerror=alert(1)>"]);
    // The page never carries a result as markup: results are built in the browser
    // from JSON strings with textContent (checked in the browser suite).
    assert!(!site.read_out("search/index.html").contains("onerror"));
}

/// The index reads each body back from its HTML: text in tables, code,
/// links and escaped characters is found, as are image descriptions; tag
/// names, attributes and footnote numbers are not words of the story.
#[test]
fn bodies_are_read_as_a_reader_reads_them() {
    let s = TestSite::new();
    s.write(
        "cerita.yaml",
        "title: Uji\nbase_url: https://example.org/\nlanguage: id\n",
    );
    s.story(
        "2024/tabel.md",
        "Laporan panen",
        "date: 2024-03-01\n",
        "| desa | hasil |\n|---|---|\n| Sukamaju | jagung |\n\n\
         Lihat ![Ibu Sri menanam bakau](https://example.org/bakau.jpg) dan \
         [catatan rapat](https://example.org/rapat) tentang `pupuk&kompos`.\n\n\
         Harga naik[^1] &amp; turun.\n\n[^1]: Menurut koperasi.\n",
    );
    // A body with capitals and letters outside ASCII is folded like a query.
    s.story(
        "2024/kopi.md",
        "Panen kopi",
        "date: 2024-03-02\n",
        "Kelompok TANI Ḱopi di Café Gunung merayakan ÜBERSCHALL.\n",
    );
    let out = built(&s);
    for q in [
        "sukamaju", "jagung", "bakau", "catatan", "pupuk", "kompos", "koperasi", "turun",
    ] {
        assert_eq!(titles(&out, q), ["Laporan panen"], "{q}");
    }
    for q in ["tani ", "kopi ", "cafe ", "Café ", "uberschall "] {
        assert_eq!(titles(&out, q), ["Panen kopi"], "{q}");
    }
    for q in ["href", "class", "footnote", "td"] {
        assert!(titles(&out, q).is_empty(), "{q}");
    }
}

/// `build --no-search` writes every page but no index; a full build writes
/// it again (the build stamp tells the two apart: see tests/it/build.rs).
#[test]
fn no_search_leaves_the_index_out_until_the_next_full_build() {
    let site = fixture();
    site.build_ok(&["--no-search"]);
    assert!(site.out("search/index.html").is_file());
    assert!(site.out("index.html").is_file());
    assert!(!site.out("search/index.json").exists());
    assert!(!site.out("search/s").exists());
    let out = built(&site);
    assert!(out.join("search/index.json").is_file());
    assert_eq!(titles(&out, "paralegal"), ["Pelatihan paralegal"]);
}

/// Words are told apart by their whole text, however long: words of 8, 9,
/// 16 and 17 bytes, long words sharing their first 16 bytes, and words of
/// two-byte characters on either side of those lengths (written folded).
#[test]
fn words_of_every_length_stay_apart() {
    let s = TestSite::new();
    s.write(
        "cerita.yaml",
        "title: Uji\nbase_url: https://example.org/\nlanguage: id\n",
    );
    let words = [
        "kodeabcd",
        "kodeabcde",
        "kodeabcdefghijk1",
        "kodeabcdefghijk12",
        "kodeabcdefghijklmnopqrstu2024x1",
        "kodeabcdefghijklmnopqrstu2024x2",
        "καλημερα",
        "καλημεραα",
        "καλημερασφαλτοσ",
        "καλημερασφαλτοτ",
    ];
    for (i, w) in words.iter().enumerate() {
        s.story(
            &format!("2024/kata-{i}.md"),
            &format!("Cerita {i}"),
            "date: 2024-03-01\n",
            &format!("Catatan tentang {w} hari ini.\n"),
        );
    }
    let out = built(&s);
    let dictionary = Searcher::open(out.clone())
        .expect("open index")
        .dictionary();
    for w in words {
        let entry = dictionary.iter().find(|e| e.word == w);
        assert_eq!(entry.map(|e| e.df), Some(1), "{w}");
    }
}
/// A generated site big enough for many shards: pseudo-words with affixes.
fn generated(stories: usize) -> TestSite {
    let site = TestSite::new();
    let mut seed: u64 = 0x5eed;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let syl = [
        "ba", "ka", "la", "ma", "na", "pa", "ra", "sa", "ta", "wa", "bi", "ku", "lu", "mo", "ne",
        "ri", "su", "to", "yu", "ge",
    ];
    let mut words: Vec<String> = Vec::new();
    for _ in 0..1500 {
        let n = 2 + (next() % 3) as usize;
        let w: String = (0..n)
            .map(|_| syl[(next() % syl.len() as u64) as usize])
            .collect();
        words.push(w.clone());
        match next() % 6 {
            0 => words.push(format!("me{w}")),
            1 => words.push(format!("ber{w}")),
            2 => words.push(format!("{w}an")),
            3 => words.push(format!("pe{w}an")),
            _ => {}
        }
    }
    let partners = [
        "Serikat Perempuan Pesisir",
        "HAPSARI",
        "JATAM",
        "KOSERU",
        "Atma Connect",
    ];
    let tags = [
        "literasi",
        "hukum",
        "advokasi",
        "pertanian",
        "seni",
        "iklim",
    ];
    for i in 0..stories {
        let pick = |k: u64| words[(k % words.len() as u64) as usize].clone();
        let title: Vec<String> = (0..4).map(|_| pick(next() % 300)).collect();
        let body: Vec<String> = (0..120)
            .map(|_| pick(next() % (next() % 3000 + 1)))
            .collect();
        let lang = if i % 5 == 0 { "en" } else { "id" };
        site.story(
            &format!("{}/s{i:04}.md", 2020 + i % 4),
            &title.join(" "),
            &format!(
                "date: {}-0{}-1{}\nlang: {lang}\npartners: [{}]\ntags: [{}, {}]\n",
                2020 + i % 4,
                1 + i % 9,
                i % 10,
                partners[i % partners.len()],
                tags[i % tags.len()],
                tags[(i / 3) % tags.len()]
            ),
            &format!("{}.\n", body.join(" ")),
        );
    }
    site
}

#[test]
fn prefix_matches_equal_a_brute_force_scan_across_every_shard_boundary() {
    let site = generated(300);
    let out = built(&site);
    let mut s = Searcher::open(out.clone()).unwrap();
    let all = s.dictionary();
    let shards = std::fs::read_dir(out.join("search/s")).unwrap().count();
    assert!(
        shards >= 20,
        "only {shards} shards: the test needs many boundaries"
    );
    let prefixes: BTreeSet<String> = all
        .iter()
        .flat_map(|e| {
            let cs: Vec<char> = e.word.chars().collect();
            (2..=cs.len().min(6)).map(move |n| cs[..n].iter().collect::<String>())
        })
        .collect();
    let (mut checked, mut capped) = (0, 0);
    for p in &prefixes {
        let brute: Vec<&str> = all
            .iter()
            .filter(|e| e.word.starts_with(p.as_str()) && e.word != *p)
            .map(|e| e.word.as_str())
            .collect();
        match s.all_prefixed(p) {
            Some(found) => {
                let found: Vec<&str> = found.iter().map(|e| e.word.as_str()).collect();
                assert_eq!(found, brute, "prefix {p}");
                checked += 1;
            }
            None => capped += 1,
        }
    }
    // Only prefixes wider than MAX_RANGE_SHARDS shards are left unexpanded.
    assert!(
        checked > 1000 && capped * 20 < checked,
        "{checked} checked, {capped} capped (> {MAX_RANGE_SHARDS} shards)"
    );
}

/// The cases both searchers run: words, families, prefixes, typos, filters.
fn cases(dir: &Value) -> Vec<Value> {
    let mut qs: Vec<String> = [
        "",
        "perempuan",
        "menulis",
        "tulisan",
        "advo",
        "advo ",
        "pemberdayan",
        "avdokasi",
        "kebijakan bijak",
        "anak-anak",
        "train",
        "Training women",
        "ÁDVOKASI",
        "<img",
        "zzzz",
        "community",
        "penulisan",
        "nulis",
        "ba",
        "bak",
        "baka",
        "meba",
        "berla",
        "pesa",
        "tawa ",
        "karila",
        "yang",
        "2021",
        // No story has every word: the closest, said to be so.
        "perempuan zzqqx",
        "menulis tata kelola",
        "nelayan kelas",
    ]
    .map(String::from)
    .to_vec();
    // Prefixes of shard separators sit right on the boundaries.
    let seps = cerita::search::front_decode(dir["shards"].as_str().unwrap());
    for sep in seps.iter().step_by(3) {
        qs.push(sep.clone());
        qs.push(sep.chars().take(3).collect());
    }
    let mut out = Vec::new();
    // A site in several languages: half the cases from its English page.
    let own = |i: usize| match dir["langs"].as_array() {
        Some(_) if i % 2 == 1 => Value::from("en"),
        _ => Value::Null,
    };
    for (i, q) in qs.iter().enumerate() {
        out.push(serde_json::json!({"q": q, "f": {"partners": [], "tags": [], "langs": [], "years": [], "own": own(i)}, "date": false}));
        if i % 4 == 0 {
            out.push(serde_json::json!({"q": q, "f": {"partners": [i % 3], "tags": [1, 2], "langs": [], "years": [], "own": own(i + 1)}, "date": true}));
            out.push(serde_json::json!({"q": q, "f": {"partners": [], "tags": [], "langs": [i % 2], "years": [2021, 2023], "own": own(i)}, "date": false}));
        }
    }
    out
}

fn parity(out: &Path) {
    let dir: Value =
        serde_json::from_slice(&std::fs::read(out.join("search/index.json")).unwrap()).unwrap();
    parity_of(out, cases(&dir));
}

/// Runs `cases` (`{q, f: filters, date}`) through `search.js` under Node and
/// through the Rust reference, and checks they agree.
pub fn parity_of(out: &Path, cases: Vec<Value>) {
    let file = out.join("cases.json");
    std::fs::write(&file, serde_json::to_string(&cases).unwrap()).unwrap();
    let node = Command::new("node")
        .arg(repo().join("tests/search/parity.js"))
        // The file as served (compacted), not the source.
        .arg(out.join("static/search.js"))
        .arg(out)
        .arg(&file)
        .output();
    let node = match node {
        Ok(o) => o,
        Err(e) if std::env::var_os("CERITA_SKIP_NODE").is_some() => {
            eprintln!("skipping the JavaScript parity check: {e}");
            return;
        }
        Err(e) => {
            panic!("`node` is needed to test search.js ({e}); set CERITA_SKIP_NODE=1 to skip")
        }
    };
    assert!(
        node.status.success(),
        "node failed: {}",
        String::from_utf8_lossy(&node.stderr)
    );
    let js: Vec<Value> = serde_json::from_slice(&node.stdout).unwrap();
    let mut s = Searcher::open(out.to_path_buf()).unwrap();
    assert_eq!(js.len(), cases.len());
    let ids = |v: &Value| -> Vec<usize> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_u64().unwrap() as usize)
            .collect()
    };
    for (c, j) in cases.iter().zip(&js) {
        let f = &c["f"];
        let filters = Filters {
            partners: ids(&f["partners"]),
            tags: ids(&f["tags"]),
            langs: ids(&f["langs"]),
            years: f["years"]
                .as_array()
                .unwrap()
                .iter()
                .map(|y| y.as_i64().unwrap() as i32)
                .collect(),
            own: f["own"].as_str().map(String::from),
        };
        let rust = s.search(
            c["q"].as_str().unwrap(),
            &filters,
            c["date"].as_bool().unwrap(),
        );
        assert_eq!(serde_json::to_value(&rust).unwrap(), *j, "case {c}");
    }
}

#[test]
fn javascript_runtime_returns_what_the_rust_reference_returns() {
    let site = fixture();
    parity(&built(&site));
    let big = generated(300);
    parity(&built(&big));
    // A site in two languages: one index, a language after another, years
    // that come once per language.
    big.write(
        "cerita.yaml",
        "title: Situs Uji\nbase_url: https://example.org/\nlanguage: id\nlanguages:\n  en: {}\n",
    );
    let out = built(&big);
    let dir: Value =
        serde_json::from_slice(&std::fs::read(out.join("search/index.json")).unwrap()).unwrap();
    assert_eq!(
        dir["langs"],
        serde_json::json!([["id", 0, 239], ["en", 240, 299]])
    );
    parity(&out);
}

/// Chinese and Japanese, written without spaces: a word is found anywhere
/// in a sentence (by its pairs of characters), in the Rust reference and
/// in `search.js` alike.
#[test]
fn chinese_and_japanese_words_are_found_inside_sentences() {
    let site = TestSite::empty();
    site.write(
        "cerita.yaml",
        "title: Situs\nbase_url: https://example.org/\nlanguage: zh-CN\nlanguages: [zh-CN, ja]\n",
    );
    site.story(
        "2024/kmesh.md",
        "Kmesh 发布新版本",
        "date: 2024-01-01\n",
        "……消除了数据路径上代理层的需求，访问日志和流量指标都更清楚。\n",
    );
    site.story(
        "2024/other.md",
        "社区会议",
        "date: 2024-01-02\n",
        "我们讨论了代币程序和编译器模块。\n",
    );
    site.story(
        "2024/nihon.ja.md",
        "ひらがなの練習",
        "date: 2024-01-03\n",
        "地域の女性たちが集まりました。\n",
    );
    let out = built(&site);
    for (q, want) in [
        ("流量", "Kmesh 发布新版本"),
        ("访问日志", "Kmesh 发布新版本"),
        ("代理层", "Kmesh 发布新版本"),
        ("编译器", "社区会议"),
        ("代币", "社区会议"),
        ("女性", "ひらがなの練習"),
        ("ひらがな", "ひらがなの練習"),
    ] {
        assert_eq!(titles(&out, q), [want], "{q}");
    }
    let cases = ["流量", "访问日志", "日志 kmesh", "编译", "ひらか", "女性たち", "kme"]
        .iter()
        .map(|q| serde_json::json!({"q": q, "f": {"partners": [], "tags": [], "langs": [], "years": [], "own": "zh-CN"}, "date": false}))
        .collect();
    parity_of(&out, cases);
}

/// On a site in several languages, the search page's own language's
/// stories stay first even when another language's title holds every
/// query word (the title-first ordering of the first results keeps to
/// each language's group), in Rust and in `search.js`.
#[test]
fn the_pages_own_language_stays_first_under_title_ordering() {
    let site = TestSite::empty();
    site.write(
        "cerita.yaml",
        "title: Situs\nbase_url: https://example.org/\nlanguage: id\nlanguages: [id, en]\n",
    );
    site.story(
        "2024/hugo.en.md",
        "What is Hugo typography",
        "date: 2024-01-01\n",
        "Hugo typography explained.\n",
    );
    site.story(
        "2024/tipografi.md",
        "Tata letak tulisan",
        "date: 2024-01-02\n",
        "Catatan tentang hugo dan typography untuk situs kami.\n",
    );
    let out = built(&site);
    let mut s = Searcher::open(out.clone()).unwrap();
    let own = |lang: &str| Filters {
        own: Some(lang.to_string()),
        ..Filters::default()
    };
    for (lang, want) in [
        ("id", "Tata letak tulisan"),
        ("en", "What is Hugo typography"),
    ] {
        let hits = s.search("hugo typography", &own(lang), false).hits;
        assert_eq!(doc(&out, hits[0].0)[0].as_str().unwrap(), want, "{lang}");
    }
    let cases = ["hugo typography", "hugo", "typography tulisan"]
        .iter()
        .flat_map(|q| {
            ["id", "en"].map(|l| serde_json::json!({"q": q, "f": {"partners": [], "tags": [], "langs": [], "years": [], "own": l}, "date": false}))
        })
        .collect();
    parity_of(&out, cases);
}

/// `search.js`'s tokens are the Rust index's, text by text: mixed scripts,
/// Chinese and Japanese pairs beside Latin words, characters outside the
/// Basic Multilingual Plane (two UTF-16 units in JavaScript), marks.
#[test]
fn javascript_tokens_are_the_indexes_tokens() {
    let mut texts: Vec<String> = [
        "Kmesh的流量，很好 한국어 단어",
        "様々な人々 ひらがな カタカナ〇〆",
        "𠀀𠀁x 𠀂 a𠀃b 書",
        "Përempuan anak-anak ΟΔΟΣ café",
        "العربية و 2024 ١٢٣",
        "emoji 😀😀 ab😀cd",
        "访问日志abc访问 日志",
        "x\u{300}y \u{a0}z—zz",
    ]
    .map(String::from)
    .to_vec();
    // And pseudo-random mixes of the same pieces.
    let pieces = [
        "ab", "語", "日本", "々", "か", "が", " ", "，", "😀", "𠀀", "é", "Ω", "٣", "-", "x",
    ];
    let mut seed = 7u64;
    for _ in 0..200 {
        let mut t = String::new();
        for _ in 0..12 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            t.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
        }
        texts.push(t);
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("texts.json");
    std::fs::write(&file, serde_json::to_string(&texts).unwrap()).unwrap();
    let script = "const S = require(process.argv[1]); const t = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8')); process.stdout.write(JSON.stringify(t.map(x => S.tokens(S.fold(x)).map(k => k[0]))));";
    let node = std::process::Command::new("node")
        .arg("-e")
        .arg(script)
        .arg(repo().join("themes/default/static/search.js"))
        .arg(&file)
        .output();
    let node = match node {
        Ok(o) => o,
        Err(e) if std::env::var_os("CERITA_SKIP_NODE").is_some() => {
            eprintln!("skipping the JavaScript token check: {e}");
            return;
        }
        Err(e) => panic!("`node` is needed to test search.js ({e})"),
    };
    assert!(
        node.status.success(),
        "{}",
        String::from_utf8_lossy(&node.stderr)
    );
    let js: Vec<Vec<String>> = serde_json::from_slice(&node.stdout).unwrap();
    for (text, js) in texts.iter().zip(js) {
        let mut rust = Vec::new();
        cerita::search::text::each_token(&cerita::search::text::fold(text), |t| {
            rust.push(t.to_string())
        });
        assert_eq!(rust, js, "{text:?}");
    }
}
