//! Properties of the stages that take writers' input, on generated input:
//! the same entry points the fuzzers in `fuzz/` drive (`cerita::harness`).
//! Bounded: a fixed number of cases each (`PROPTEST_CASES` raises it).

use cerita::harness;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use scraper::Html;

/// Inputs built from pieces that matter to the parsers, joined at random,
/// plus arbitrary text in between.
fn pieces(parts: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(parts).prop_map(str::to_string),
            1 => any::<String>().prop_map(|s| s.chars().take(12).collect::<String>()),
        ],
        0..max,
    )
    .prop_map(|v| v.concat())
}

const FRONT: &[&str] = &[
    "---\n",
    "---\r\n",
    "\u{feff}",
    "title: ",
    "date: ",
    "tags: ",
    "partners: ",
    "draft: ",
    "slug: ",
    "summary: ",
    "image: ",
    "lang: ",
    "tagz: ",
    "2024-02-30",
    "2024-01-01T10:00:00+07:00",
    "kemarin",
    "true",
    "maybe",
    "[a, b]",
    "[",
    "]",
    "{",
    "}",
    "- x\n",
    "&a ",
    "*a",
    "\"",
    "'",
    ": ",
    "\n",
    "  ",
    "\t",
    "#",
    "|\n",
    ">\n",
    "!!str ",
    "~",
    "null",
    "5",
    "-1e9",
    "../x",
    "Serikat Perempuan",
    "ñ",
    "\u{0}",
    "\r",
];

const MARKDOWN: &[&str] = &[
    "# ",
    "## ",
    "### ",
    "\n",
    "\n\n",
    "[",
    "]",
    "(",
    ")",
    "[x](@/stories/a.md)",
    "[x](@/stories/a.md#bagian)",
    "](javascript:alert(1))",
    "![",
    "![foto](a.jpg)",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<a href=\"javascript:alert(1)\">",
    "<svg onload=alert(1)>",
    "<iframe src=//evil>",
    "<style>*{}</style>",
    "<!-- more -->",
    // Shortcodes: calls, bodies, their ends, hostile arguments.
    "{{ video(url=\"https://youtu.be/aqz-KE-bpKQ\", title=\"<script>alert(1)</script>\") }}",
    "{{ video(url=\"javascript:alert(1)\") }}",
    "{{ figure(src=\"https://x/a.jpg\", alt=\"\\\" onerror=\\\"alert(1)\") }}",
    "{{ download(path=\"javascript:alert(1)\") }}",
    "{% quote(name=\"<img src=x onerror=alert(1)>\", paraphrase=true) %}",
    "{% end %}",
    "{{ gallery(images=[\"https://x/a.jpg\"], captions=[\"\\\"><script>\"]) }}",
    "{{/* video() */}}",
    "{{ ",
    "{% ",
    " }}",
    "```",
    "```rust\n",
    "```js\n",
    "`",
    "*",
    "_",
    "~~",
    "|a|b|\n|-|-|\n",
    "- [ ] ",
    "1. ",
    "> ",
    "{#id}",
    "{#main}",
    "<details>",
    "</",
    "&amp;",
    "&#x6a;avascript:",
    "\\",
    "    ",
    "---\n",
    "[^1]",
    "[^1]: catatan\n",
    "<https://x.org>",
    "ñ",
    "\u{200b}",
];

const TEMPLATE: &[&str] = &[
    "{% for i in xs %}",
    "{%- for i in xs -%}",
    "{% endfor %}",
    "{% macro m(x) %}",
    "{% endmacro m %}",
    "{%- endmacro -%}",
    "{% include \"x.html\" %}",
    "{% raw %}",
    "{% endraw %}",
    "{# ",
    " #}",
    "{{ ",
    " }}",
    "\"",
    "'",
    "`",
    "{%",
    "%}",
    "{",
    "}",
    "\n",
    "{{ \"{% for %}\" }}",
    "-",
];

/// What a reader reads in a parsed HTML tree, by the rules the search index
/// follows (see `search_reads_html_as_a_parser_does`).
fn read_tree(el: scraper::ElementRef<'_>, out: &mut String) {
    use cerita::search::text::INLINE_TAGS;
    let e = el.value();
    let name = e.name();
    let inline = INLINE_TAGS.contains(&name);
    if !inline {
        out.push(' ');
    }
    let footnote = name == "sup" && e.attr("class").is_some_and(|c| c.contains("footnote-"));
    if footnote || name == "script" || name == "style" {
        return;
    }
    if name == "img" {
        out.push_str(e.attr("alt").unwrap_or(""));
        out.push(' ');
    }
    for c in el.children() {
        if let Some(child) = scraper::ElementRef::wrap(c) {
            read_tree(child, out);
        } else if let Some(t) = c.value().as_text() {
            out.push_str(t);
        }
    }
    if !inline {
        out.push(' ');
    }
}

/// Any JSON value, nested a few levels.
fn json() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec((any::<String>(), inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        // Cases that failed once are replayed first, from
        // `properties.proptest-regressions` beside this file.
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..ProptestConfig::default()
    })]

    /// Front matter never panics, and every problem has a position inside
    /// the file and a message.
    #[test]
    fn front_matter_reports_positions_inside_the_file(src in pieces(FRONT, 40)) {
        // Lines as an editor counts them (a lone CR ends one too).
        let lines = cerita::load::normalise_text(src.clone()).lines().count().max(1) + 1;
        for d in harness::front_matter(&src) {
            prop_assert!(!d.message.is_empty());
            if let Some(line) = d.line {
                prop_assert!(line >= 1 && line <= lines, "line {line} of {lines}: {}", d.message);
            }
        }
    }

    #[test]
    fn arbitrary_text_as_front_matter_never_panics(src in any::<String>()) {
        harness::front_matter(&src);
        harness::front_matter(&format!("---\n{src}\n---\n"));
    }

    /// Whatever a writer types, no script runs: no `<script>`, no `on…`
    /// handler, no `javascript:` address in the rendered HTML.
    #[test]
    fn rendered_markdown_never_holds_live_code(body in pieces(MARKDOWN, 60)) {
        let src = format!("---\ntitle: x\n---\n{body}");
        let r = harness::markdown(&src);
        let doc = Html::parse_fragment(&r.html);
        for node in doc.tree.nodes() {
            if let Some(el) = node.value().as_element() {
                prop_assert!(el.name() != "script" && el.name() != "iframe", "{}", r.html);
                for (name, value) in el.attrs() {
                    prop_assert!(!name.starts_with("on"), "{name}= in {}", r.html);
                    let v: String = value.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
                    let url_attr = matches!(name, "href" | "src" | "action" | "formaction" | "poster" | "srcset" | "data" | "xlink:href");
                    prop_assert!(!url_attr || !v.to_ascii_lowercase().starts_with("javascript:"), "{name}={value} in {}", r.html);
                }
            }
        }
        // Heading ids are unique and never the layout's.
        let mut ids = r.heading_ids.clone();
        ids.sort();
        let n = ids.len();
        ids.dedup();
        let explicit = body.contains("{#");
        prop_assert!(explicit || ids.len() == n, "{:?}", r.heading_ids);
        prop_assert!(explicit || !r.heading_ids.iter().any(|i| i == "main"));
    }

    #[test]
    fn arbitrary_text_as_markdown_never_panics(body in any::<String>()) {
        harness::markdown(&body);
    }

    /// The search index reads bodies back from their HTML with a small
    /// scanner: any text is read without a panic, and from any rendered body
    /// it reads the same words as a walk over a real HTML parser's tree with
    /// the same rules (text, `alt`, a break at every tag that is not inline;
    /// no footnote numbers, scripts or styles).
    #[test]
    fn search_reads_html_as_a_parser_does(s in any::<String>(), body in pieces(MARKDOWN, 40)) {
        let mut out = String::new();
        cerita::search::text::html_text_into(&s, &mut out);
        out.clear();
        let r = harness::markdown(&format!("---\ntitle: x\n---\n{body}"));
        cerita::search::text::html_text_into(&r.html, &mut out);
        let doc = Html::parse_fragment(&r.html);
        let mut expected = String::new();
        read_tree(doc.root_element(), &mut expected);
        let words = cerita::search::text::words;
        prop_assert_eq!(words(&out), words(&expected), "{}", r.html);
    }

    /// Slugs are URL-safe, never empty-but-dashes, and stable.
    #[test]
    fn slugs_are_safe_and_stable(s in any::<String>()) {
        let slug = harness::slug(&s);
        prop_assert!(slug.is_empty() || cerita::text::is_valid_slug(&slug), "{s:?} → {slug:?}");
        prop_assert!(!slug.contains(".."));
        prop_assert_eq!(harness::slug(&slug), slug.clone());
    }

    /// Search words are folded fixed points of 2–32 characters, and stems
    /// are never longer than their word.
    #[test]
    fn search_words_are_folded_and_bounded(text in any::<String>()) {
        for (w, stems) in harness::search_words(&text) {
            let n = w.chars().count();
            prop_assert!((2..=32).contains(&n), "{w:?}");
            prop_assert_eq!(cerita::search::text::fold(&w), w.clone());
            for s in stems {
                prop_assert!(s.chars().count() <= n, "{w:?} → {s:?}");
            }
        }
    }

    /// The tokenizer (eight ASCII bytes at a time) finds exactly the plain
    /// definition's tokens: maximal runs of alphanumeric characters other
    /// than Chinese and Japanese, 2 to 32 characters long, and each pair of
    /// neighbouring Chinese or Japanese characters. Text mixes ASCII words,
    /// separators, control bytes and non-ASCII letters and marks at every
    /// alignment.
    #[test]
    fn tokens_are_the_plain_definition(
        text in "([a-zA-Z0-9]{0,12}|[ .,\\-_@\\[`{~\\x00-\\x1f\\x7f]{0,3}|[éßΩ語日本々か٣\u{300}\u{a0}—]{0,3}){0,40}",
        any_text in any::<String>(),
    ) {
        use cerita::search::text::is_cjk;
        for text in [text, any_text] {
            let mut got = Vec::new();
            cerita::search::text::each_token(&text, |t| got.push(t.to_string()));
            let mut expected: Vec<String> = Vec::new();
            for run in text.split(|c: char| !c.is_alphanumeric()) {
                let chars: Vec<char> = run.chars().collect();
                for seg in chars.chunk_by(|a, b| is_cjk(*a) == is_cjk(*b)) {
                    if seg.first().is_some_and(|c| is_cjk(*c)) {
                        expected.extend(seg.windows(2).map(|w| w.iter().collect::<String>()));
                    } else if (2..=32).contains(&seg.len()) {
                        expected.push(seg.iter().collect());
                    }
                }
            }
            prop_assert_eq!(got, expected, "{:?}", text);
        }
    }

    /// Instrumenting a template keeps its lines, leaves text without tags
    /// alone, and never makes a template that Tera accepted fail to compile.
    #[test]
    fn template_limits_keep_templates_as_they_were(src in pieces(TEMPLATE, 30)) {
        let (out, sites) = harness::template(&src);
        prop_assert_eq!(out.matches('\n').count(), src.matches('\n').count());
        if !src.contains("{%") {
            prop_assert_eq!(&out, &src);
        }
        let mut plain = tera::Tera::default();
        plain.add_raw_template("x.html", "").unwrap();
        if plain.add_raw_template("fuzz.html", &src).is_ok() {
            let mut bounded = tera::Tera::default();
            cerita::limits::register(&mut bounded, &sites);
            bounded.add_raw_template("x.html", "").unwrap();
            prop_assert!(bounded.add_raw_template("fuzz.html", &out).is_ok(), "{src:?} → {out:?}");
        }
    }

    /// Page contexts build their values with their own serialiser; it makes
    /// exactly what serde_json makes.
    #[test]
    fn template_values_equal_serde_json(value in json()) {
        prop_assert_eq!(cerita::harness::template_value(&value), serde_json::to_value(&value).unwrap());
    }

    /// Words are counted as whitespace-separated runs holding a letter or
    /// digit, Chinese and Japanese characters apart, two to a word.
    #[test]
    fn word_count_is_the_plain_definition(text in any::<String>(), ascii in "[ a-z0-9.,\t\n\x0b\x0c\r-]{0,80}") {
        use cerita::text::is_cjk;
        for t in [&text, &ascii, &format!("{ascii}{text}\u{a0}x\u{3000}é 1語日本")] {
            let words = t
                .split_whitespace()
                .flat_map(|w| w.split(is_cjk))
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count();
            let expected = words + t.chars().filter(|c| is_cjk(*c)).count().div_ceil(2);
            prop_assert_eq!(cerita::markdown::count_words(t), expected, "{:?}", t);
        }
    }
}
