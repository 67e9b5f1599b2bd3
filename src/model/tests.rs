//! The model's rules, tested on sites made in memory (no disk): the publish
//! filter, story order and years, partner names and aliases, topics, and
//! related stories.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::*;
use crate::config::Config;
use crate::error::Severity;
use crate::lang::Lang;
use crate::load::{Source, kind_of};
use crate::markdown::{self, Options2};

/// 2021-06-01T00:00:00Z: "now" for the publish filter.
const NOW: i64 = 1_622_505_600;

const CONFIG: &str = "title: Uji\nbase_url: https://example.org/\n";

/// The model of `sources` (path under `content/`, text) for a site whose
/// `cerita.yaml` is `config`, as the pipeline makes it: front matter,
/// catalog, Markdown, assemble.
fn sites(config: &str, sources: &[(&str, &str)], drafts: bool) -> (Sites, Vec<Diagnostic>) {
    let (sites, diags, _) = sites_and_partners(config, sources, drafts);
    (sites, diags)
}

/// [`sites`], with the partner table [`assemble`] made.
fn sites_and_partners(
    config: &str,
    sources: &[(&str, &str)],
    drafts: bool,
) -> (Sites, Vec<Diagnostic>, PartnerTable) {
    let mut files = SiteFiles::default();
    for (content_path, text) in sources {
        let Some(kind) = kind_of(content_path) else {
            continue;
        };
        files.sources.push(Source {
            kind,
            path: PathBuf::from("content").join(content_path),
            content_path: content_path.to_string(),
            text: text.to_string(),
            hash: 0,
        });
    }
    files
        .sources
        .sort_by(|a, b| a.content_path.cmp(&b.content_path));
    let config = Config::parse(Path::new("cerita.yaml"), config).unwrap_or_default();
    let parsed: Vec<_> = files
        .sources
        .iter()
        .map(|s| Arc::new(crate::frontmatter::parse(s)))
        .collect();
    let (catalog, diags) = catalog(&files, &parsed, &config, ModelOptions { drafts, now: NOW });
    let bodies: Vec<Arc<Rendered>> = catalog
        .entries()
        .map(|e| {
            let input = markdown::Input {
                path: &e.src.path,
                src: &e.src.text,
                body_offset: e.parsed.body_offset,
                content_dir: e.src.content_dir(),
                content_path: &e.src.content_path,
                lang: e.lang,
                above: e.parsed.above(),
            };
            let options = Options2 {
                html: config.html,
                highlight: false,
                hard_breaks: false,
            };
            Arc::new(markdown::render(&input, options, &catalog.resolver))
        })
        .collect();
    let mut checked = anchors::check(catalog.entries().map(|e| e.src).zip(&bodies));
    let (sites, mut diags, table) = assemble(&files, &catalog, &bodies, diags);
    diags.append(&mut checked);
    (sites, diags, table)
}

/// The model of a site in one language: its only section.
fn model(sources: &[(&str, &str)], drafts: bool) -> (Site, Vec<Diagnostic>) {
    let (sites, diags) = self::sites(CONFIG, sources, drafts);
    let site = sites.langs.into_iter().next();
    (
        site.unwrap_or_else(|| Site::new(Lang::ID, String::new())),
        diags,
    )
}

fn story(title: &str, front: &str) -> String {
    format!("---\ntitle: \"{title}\"\n{front}---\nIsi cerita {title}.\n")
}

fn titles(site: &Site, ids: &[usize]) -> Vec<String> {
    ids.iter()
        .map(|&i| site.stories[i].meta.title.clone())
        .collect()
}

fn all_titles(site: &Site) -> Vec<String> {
    site.stories.iter().map(|s| s.meta.title.clone()).collect()
}

fn errors(diags: &[Diagnostic]) -> Vec<&str> {
    diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.message.as_str())
        .collect()
}

fn warnings(diags: &[Diagnostic]) -> Vec<&str> {
    diags
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| d.message.as_str())
        .collect()
}

#[test]
fn drafts_and_future_stories_wait_and_links_to_them_are_errors() {
    let a = story("Terbit", "date: 2021-05-01\n");
    let b = story("Draf", "date: 2021-05-02\ndraft: true\n");
    let c = story("Nanti", "date: 2021-07-01\n");
    let d = story("Lebih nanti", "date: 2021-08-01\n");
    let e = "---\ntitle: \"Ke draf\"\ndate: 2021-05-03\n---\n[draf](@/stories/b.md)\n";
    let page = "---\ntitle: Rahasia\ndraft: true\n---\nIsi\n";
    let sources = [
        ("stories/a.md", a.as_str()),
        ("stories/b.md", b.as_str()),
        ("stories/c.md", c.as_str()),
        ("stories/d.md", d.as_str()),
        ("stories/e.md", e),
        ("pages/rahasia.md", page),
    ];
    let (all, diags) = sites(CONFIG, &sources, false);
    let site = &all.langs[0];
    assert_eq!(all_titles(site), ["Ke draf", "Terbit"]);
    assert!(site.pages.is_empty());
    // The earliest future story is when the site must be built again.
    let due = crate::text::StoryDate::parse("2021-07-01").map(|d| d.at.unix_timestamp());
    assert_eq!(all.next_publication, due);
    assert_eq!(errors(&diags).len(), 1, "{diags:?}");
    assert!(errors(&diags)[0].contains("stories/b.md"), "{diags:?}");

    // `--drafts` publishes everything, and nothing waits.
    let (all, diags) = sites(CONFIG, &sources, true);
    assert_eq!(all.langs[0].stories.len(), 5);
    assert_eq!(all.langs[0].pages.len(), 1);
    assert_eq!(all.next_publication, None);
    assert!(errors(&diags).is_empty(), "{diags:?}");
}

#[test]
fn stories_are_newest_first_undated_last_ties_by_slug_and_grouped_by_year() {
    let sources = [
        ("stories/b.md", story("B", "date: 2021-03-01\n")),
        ("stories/a.md", story("A", "date: 2021-03-01\n")),
        ("stories/c.md", story("C", "date: 2020-12-31\n")),
        ("stories/z.md", story("Z", "")),
        ("stories/y.md", story("Y", "")),
        (
            "stories/d.md",
            story("D", "date: 2021-04-01T10:00:00+07:00\n"),
        ),
    ];
    let sources: Vec<(&str, &str)> = sources.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let (site, diags) = model(&sources, false);
    assert_eq!(all_titles(&site), ["D", "A", "B", "C", "Y", "Z"]);
    let years: Vec<(Option<i32>, Vec<String>)> = site
        .years
        .iter()
        .map(|(y, ids)| (*y, titles(&site, ids)))
        .collect();
    assert_eq!(
        years,
        [
            (Some(2021), vec!["D".into(), "A".into(), "B".into()]),
            (Some(2020), vec!["C".into()]),
            (None, vec!["Y".into(), "Z".into()]),
        ]
    );
    // Each undated story is a warning at its title.
    assert_eq!(
        warnings(&diags),
        ["this story has no `date`; it is listed last"; 2]
    );
}

#[test]
fn partner_names_aliases_and_spellings_become_one_partner() {
    let profile =
        "---\nname: HAPSARI\naliases: [Himpunan Serikat Perempuan Indonesia]\n---\nProfil.\n";
    let sources = [
        ("partners/hapsari.md", profile.to_string()),
        (
            "stories/a.md",
            story("A", "date: 2021-01-01\npartners: [HAPSARI]\n"),
        ),
        (
            "stories/b.md",
            story(
                "B",
                "date: 2021-01-02\npartners: [Himpunan Serikat Perempuan Indonesia]\n",
            ),
        ),
        // Slugifies like the profile's name but is neither it nor an alias.
        (
            "stories/c.md",
            story("C", "date: 2021-01-03\npartners: [Hapsari]\n"),
        ),
        // Partners without a profile: spellings that slugify alike are one.
        (
            "stories/d.md",
            story("D", "date: 2021-01-04\npartners: [Atma Connect, HAPSARI]\n"),
        ),
        (
            "stories/e.md",
            story("E", "date: 2021-01-05\npartners: [atma connect]\n"),
        ),
        (
            "stories/f.md",
            story("F", "date: 2021-01-06\npartners: [Atma Connect]\n"),
        ),
    ];
    let sources: Vec<(&str, &str)> = sources.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let (site, diags) = model(&sources, false);
    let partners: Vec<(&str, &str, bool)> = site
        .partners
        .iter()
        .map(|p| (p.slug.as_str(), p.name.as_str(), p.profile.is_some()))
        .collect();
    assert_eq!(
        partners,
        [
            ("atma-connect", "Atma Connect", false),
            ("hapsari", "HAPSARI", true)
        ]
    );
    assert_eq!(
        titles(&site, &site.partners[1].stories),
        ["D", "C", "B", "A"]
    );
    assert_eq!(titles(&site, &site.partners[0].stories), ["F", "E", "D"]);
    let w = warnings(&diags);
    assert!(
        w.contains(&"partner spelled `Hapsari`; its profile calls it `HAPSARI`"),
        "{w:?}"
    );
    assert!(
        w.iter()
            .any(|m| m.starts_with("partner `atma-connect` is spelled in 2 ways")),
        "{w:?}"
    );
    assert!(errors(&diags).is_empty(), "{diags:?}");
    // Both are known as spelling warnings (the preview's patch of a
    // partner edit declines while there are any); others are not.
    assert_eq!(
        diags
            .iter()
            .filter(|d| super::is_spelling_warning(d))
            .count(),
        2,
        "{w:?}"
    );
    assert!(!super::is_spelling_warning(
        &crate::error::Diagnostic::warning(
            "partner file name `Hapsari Baru` is not a clean slug".to_string()
        )
    ));

    // One name in two profiles is an error.
    let other = "---\nname: Serikat\naliases: [HAPSARI]\n---\nProfil.\n";
    let sources = [
        ("partners/hapsari.md", profile),
        ("partners/serikat.md", other),
    ];
    let (_, diags) = model(&sources, false);
    assert_eq!(
        errors(&diags),
        ["the name `HAPSARI` belongs to two partner profiles (`hapsari` and `serikat`)"]
    );
}

#[test]
fn topics_group_spellings_and_keep_the_most_used_one() {
    let sources = [
        (
            "stories/a.md",
            story("A", "date: 2021-01-01\ntags: [Pelatihan, pelatihan]\n"),
        ),
        (
            "stories/b.md",
            story(
                "B",
                "date: 2021-01-02\ntags: [pelatihan]\nauthors: [Rina]\n",
            ),
        ),
        (
            "stories/c.md",
            story(
                "C",
                "date: 2021-01-03\ntags: [pelatihan]\nregion: [Gresik]\n",
            ),
        ),
    ];
    let sources: Vec<(&str, &str)> = sources.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let (site, _) = model(&sources, false);
    assert_eq!(site.tags.len(), 1);
    assert_eq!(site.tags[0].name, "pelatihan");
    assert_eq!(titles(&site, &site.tags[0].stories), ["C", "B", "A"]);
    // A story lists a topic once, however often it names it.
    assert_eq!(site.stories[2].tags, [0]);
    assert_eq!(titles(&site, &site.authors[0].stories), ["B"]);
    assert_eq!(titles(&site, &site.regions[0].stories), ["C"]);
}

#[test]
fn related_stories_share_partners_before_tags_then_are_newest() {
    let sources = [
        (
            "stories/a.md",
            story("A", "date: 2021-01-01\npartners: [P]\ntags: [t]\n"),
        ),
        ("stories/b.md", story("B", "date: 2021-01-02\ntags: [t]\n")),
        (
            "stories/c.md",
            story("C", "date: 2021-01-03\npartners: [P]\n"),
        ),
        (
            "stories/d.md",
            story("D", "date: 2021-01-04\ntags: [t, u]\n"),
        ),
        (
            "stories/e.md",
            story("E", "date: 2021-01-05\npartners: [Q]\n"),
        ),
        ("stories/f.md", story("F", "date: 2021-01-06\ntags: [t]\n")),
        ("stories/g.md", story("G", "date: 2021-01-07\ntags: [t]\n")),
        (
            "stories/h.md",
            story("H", "date: 2021-01-08\npartners: [P]\ntags: [t]\n"),
        ),
    ];
    let sources: Vec<(&str, &str)> = sources.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let (site, _) = model(&sources, false);
    let of = |title: &str| {
        let i = site
            .stories
            .iter()
            .position(|s| s.meta.title == title)
            .unwrap_or(0);
        titles(&site, &site.stories[i].related)
    };
    // A shares P and t with H (3), P with C (2), t with the rest (1):
    // best first, then newest; four at most; never itself.
    assert_eq!(of("A"), ["H", "C", "G", "F"]);
    // E shares nothing.
    assert!(of("E").is_empty());
    assert_eq!(of("D"), ["H", "G", "F", "B"]);
}

/// A site of `n` stories on a few partners and tags, spread so that
/// stories' related ones come from windows of long lists.
fn windowed_site(n: usize) -> Sites {
    windowed_sites(n, None).0
}

/// The sources of [`windowed_site`], story `draft` (if any) a draft; its
/// model and partner table.
fn windowed_sites(n: usize, draft: Option<usize>) -> (Sites, PartnerTable) {
    let texts: Vec<(String, String)> = (0..n)
        .map(|i| {
            let front = format!(
                "date: {}-{:02}-{:02}\npartners: [Mitra {}{}]\ntags: [topik {}, tema {}]\n",
                1980 + i / 12,
                1 + i % 12,
                1 + i % 27,
                i % 4,
                if i % 5 == 0 { ", Mitra Lain" } else { "" },
                i % 6,
                (i / 5) % 3
            );
            let front = match Some(i) == draft {
                true => format!("{front}draft: true\n"),
                false => front,
            };
            (
                format!("stories/s{i:03}.md"),
                story(&format!("S{i:03}"), &front),
            )
        })
        .collect();
    let sources: Vec<(&str, &str)> = texts
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let (sites, _, table) = sites_and_partners(CONFIG, &sources, false);
    (sites, table)
}

/// Everything a section's lists say, by slug: each story's partners,
/// terms and related stories, each partner's and term's name and stories,
/// the years.
fn lists_of(site: &Site) -> Vec<String> {
    let slugs = |ids: &[usize]| -> Vec<&str> {
        ids.iter().map(|&i| site.stories[i].slug.as_str()).collect()
    };
    let names = |ids: &[usize], terms: &[Term]| -> Vec<String> {
        ids.iter().map(|&i| terms[i].slug.clone()).collect()
    };
    let mut out = Vec::new();
    for s in &site.stories {
        let partners: Vec<&str> = s
            .partners
            .iter()
            .map(|&p| site.partners[p].slug.as_str())
            .collect();
        out.push(format!(
            "story {} {} partners {partners:?} tags {:?} authors {:?} regions {:?} related {:?}",
            s.slug,
            s.url,
            names(&s.tags, &site.tags),
            names(&s.authors, &site.authors),
            names(&s.regions, &site.regions),
            slugs(&s.related)
        ));
    }
    for p in &site.partners {
        out.push(format!(
            "partner {} {} {:?}",
            p.slug,
            p.name,
            slugs(&p.stories)
        ));
    }
    for t in site.tags.iter().chain(&site.authors).chain(&site.regions) {
        out.push(format!(
            "term {} {} {:?}",
            t.slug,
            t.name,
            slugs(&t.stories)
        ));
    }
    for (y, ids) in &site.years {
        out.push(format!("year {y:?} {:?}", slugs(ids)));
    }
    out
}

fn related_lists(site: &Site) -> Vec<Vec<usize>> {
    site.stories.iter().map(|s| s.related.clone()).collect()
}

/// Asserts that `site`'s related stories, worked out again near an edit,
/// are those a full computation makes; returns them.
fn assert_related_as_computed(site: &mut Site, edit: &str) -> Vec<Vec<usize>> {
    let patched = related_lists(site);
    related::compute(site);
    assert_eq!(patched, related_lists(site), "{edit}");
    patched
}

#[test]
fn related_stories_worked_out_again_near_an_edit_equal_a_full_computation() {
    let base = windowed_site(400);
    // A new date: the story moves far, a little, or to the very end.
    for (edited, takes) in [(10, 390), (200, 205), (399, 0), (150, 150)] {
        let mut sites = base.clone();
        let site = &mut sites.langs[0];
        Arc::make_mut(&mut site.stories[edited].meta).date = site.stories[takes].meta.date;
        reorder(site, edited);
        assert_related_as_computed(site, &format!("story {edited} dated as {takes}"));
    }
    // New tags: a new one, none, another's; then the related stories of
    // stories far from the edit are as a full computation makes them.
    for (edited, tags) in [
        (120, vec!["topik baru"]),
        (121, vec![]),
        (5, vec!["topik 1", "tema 2", "topik 3"]),
    ] {
        let mut sites = base.clone();
        Arc::make_mut(&mut sites.langs[0].stories[edited].meta).tags =
            tags.iter().map(|t| t.to_string()).collect();
        reterm(&mut sites, 0, Some(edited));
        let edit = format!("story {edited} tagged {tags:?}");
        let patched = assert_related_as_computed(&mut sites.langs[0], &edit);
        assert_ne!(
            patched,
            related_lists(&base.langs[0]),
            "the edit changed nothing"
        );
    }
    // New tags and a new date in one edit: the terms, then the order.
    for (edited, takes, tag) in [(30, 370, "topik baru"), (300, 2, "tema 1")] {
        let mut sites = base.clone();
        let date = sites.langs[0].stories[takes].meta.date;
        let meta = Arc::make_mut(&mut sites.langs[0].stories[edited].meta);
        meta.tags = vec![tag.to_string()];
        meta.date = date;
        reterm(&mut sites, 0, Some(edited));
        reorder(&mut sites.langs[0], edited);
        let edit = format!("story {edited} tagged {tag} and dated as {takes}");
        assert_related_as_computed(&mut sites.langs[0], &edit);
    }
}

#[test]
fn a_story_published_or_taken_away_leaves_the_model_assemble_makes() {
    let (all, _) = windowed_sites(400, None);
    // Early, late, the first and the last story; one with two partners.
    for k in [0, 10, 155, 200, 399] {
        let (without, table) = windowed_sites(400, Some(k));
        let slug = format!("s{k:03}");
        let Some(at) = all.langs[0].stories.iter().position(|s| s.slug == slug) else {
            panic!("{slug} is not in the model");
        };
        // Taken away: as if it had been a draft all along.
        let (mut sites, mut partners) = windowed_sites(400, None);
        let shift = withdraw(&mut sites, &mut partners, (0, at));
        assert_eq!(
            lists_of(&sites.langs[0]),
            lists_of(&without.langs[0]),
            "{slug} taken away"
        );
        assert_eq!(shift.before.len(), 399);
        assert!(shift.at.is_none() && !shift.renamed);
        // Published: as if it had never been one.
        let (mut sites, mut partners) = (without.clone(), table);
        let mut story = all.langs[0].stories[at].clone();
        for list in [
            &mut story.partners,
            &mut story.tags,
            &mut story.authors,
            &mut story.regions,
            &mut story.related,
        ] {
            list.clear();
        }
        let src = Source {
            kind: crate::load::Kind::Story,
            path: story.path.clone(),
            content_path: story.content_path.clone(),
            text: String::new(),
            hash: 0,
        };
        let shift = publish(&mut sites, &mut partners, 0, story, &src);
        assert_eq!(
            lists_of(&sites.langs[0]),
            lists_of(&all.langs[0]),
            "{slug} published"
        );
        assert_eq!(shift.at, Some(at));
        assert_eq!(shift.before.iter().filter(|&&b| b == NEW).count(), 1);
        assert_eq!(shift.before[at], NEW);
    }
}
