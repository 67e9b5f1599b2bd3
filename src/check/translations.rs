//! Stories that look like translations of each other but are not joined:
//! a translator who names the English file for its English title
//! (`village-meeting.en.md` beside `rapat-warga.md`) makes two stories, each
//! without the other in its language switcher. Hugo and Zola pair files by
//! name too, so nothing says so; `cerita check` does, when the two are the
//! only ones of their languages on that day with the same partners (or the
//! same cover photo), neither with a version in the other's language.

use std::collections::{BTreeSet, HashMap};

use crate::error::Diagnostic;
use crate::model::{Site, Sites, Story};

/// What two versions of one story share that a guess may go by: the day
/// and the partners' slugs, or the day and the cover.
fn marks(site: &Site, s: &Story) -> Vec<(String, String)> {
    let Some(day) = s.date().map(|d| d.ymd()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let partners: BTreeSet<&str> = s
        .partners
        .iter()
        .filter_map(|&p| site.partners.get(p))
        .map(|p| p.slug.as_str())
        .collect();
    if !partners.is_empty() {
        let joined: Vec<&str> = partners.into_iter().collect();
        out.push((day.clone(), format!("partners\0{}", joined.join("\0"))));
    }
    if let Some(image) = s.meta.image.as_deref().filter(|i| !i.is_empty()) {
        out.push((day, format!("image\0{image}")));
    }
    out
}

/// One warning at each story of another language than the default that
/// has no version in the default language, when exactly one story of the
/// default language without a version in its language shares a mark with
/// it and no other of its language does.
pub fn unjoined(sites: &Sites) -> Vec<Diagnostic> {
    let Some((first, others)) = sites.langs.split_first() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for other in others {
        let lonely = |s: &Story, lang| !s.translations.iter().any(|t| t.lang == lang);
        // Mark → the stories of each side that have it.
        let mut by_mark: HashMap<(String, String), (Vec<usize>, Vec<usize>)> = HashMap::new();
        for (i, s) in first.stories.iter().enumerate() {
            if lonely(s, other.lang) {
                for m in marks(first, s) {
                    by_mark.entry(m).or_default().0.push(i);
                }
            }
        }
        for (i, s) in other.stories.iter().enumerate() {
            if lonely(s, first.lang) {
                for m in marks(other, s) {
                    if let Some(sides) = by_mark.get_mut(&m) {
                        sides.1.push(i);
                    }
                }
            }
        }
        // Each translation with the one original it may be.
        let mut pairs: Vec<(usize, usize, &str)> = Vec::new();
        let mut keys: Vec<_> = by_mark.iter().collect();
        keys.sort_by(|a, b| a.0.cmp(b.0));
        for ((_, mark), (originals, translations)) in keys {
            if let ([o], [t]) = (originals.as_slice(), translations.as_slice()) {
                let why = match mark.starts_with("partners\0") {
                    true => "the same partners",
                    false => "the same cover photo",
                };
                if !pairs.iter().any(|(po, pt, _)| (*po, *pt) == (*o, *t)) {
                    pairs.push((*o, *t, why));
                }
            }
        }
        for (o, t, why) in pairs {
            let (Some(original), Some(translation)) = (first.stories.get(o), other.stories.get(t))
            else {
                continue;
            };
            let key = original
                .meta
                .translation_key
                .clone()
                .unwrap_or_else(|| original.slug.clone());
            let day = original.date().map(|d| d.ymd()).unwrap_or_default();
            let d = Diagnostic::warning(format!(
                "this story in `{}` has no version in `{}`, and {} in `{}` has none in `{}`: both are dated {day} with {why}",
                other.lang,
                first.lang,
                original.path.display(),
                first.lang,
                other.lang,
            ))
            .at_path(&translation.path)
            .with_hint(format!(
                "if one is the other's translation, give both `translation_key: {key}` (or name this file as the other, with `.{}` before `.md`), so each page links to the other; if not, nothing is wrong",
                other.lang
            ));
            out.push(d);
        }
    }
    out
}

/// A warning at each translation that names no partners, regions or
/// authors where its default-language original names some: each version
/// names its own (`cerita new --translation-of` copies them), so a
/// translation written by hand without them is left off its partners'
/// pages and feeds in its language, the original's page not.
pub fn unshared(sites: &Sites) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (other, s, original) in with_originals(sites) {
        let fields = [
            ("partners", &s.meta.partners, &original.meta.partners),
            ("region", &s.meta.regions, &original.meta.regions),
            ("authors", &s.meta.authors, &original.meta.authors),
        ];
        let missing: Vec<(&str, &Vec<String>)> = fields
            .into_iter()
            .filter(|(_, own, theirs)| own.is_empty() && !theirs.is_empty())
            .map(|(key, _, theirs)| (key, theirs))
            .collect();
        if missing.is_empty() {
            continue;
        }
        let names: Vec<&str> = missing.iter().map(|(k, _)| *k).collect();
        let lines: Vec<String> = missing
            .iter()
            .map(|(key, list)| {
                let items: Vec<String> = list.iter().map(|n| crate::yaml::quote(n)).collect();
                format!("`{key}: [{}]`", items.join(", "))
            })
            .collect();
        out.push(
            Diagnostic::warning(format!(
                "this translation names no {}, which its original {} names: its page in `{}` leaves them out, and so do their pages and feeds",
                names.join(", "),
                original.path.display(),
                other.lang
            ))
            .at_path(&s.path)
            .with_hint(format!(
                "each version names its own; copy them from the original: {}",
                lines.join(", ")
            )),
        );
    }
    out
}

/// A warning at each translation whose text is its original's, word for
/// word (a version `cerita new --translation-of` started, published with
/// `draft: true` taken out before it was translated): its readers get the
/// original's language under their own's `lang`.
pub fn untranslated(sites: &Sites) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (other, s, original) in with_originals(sites) {
        if s.md.word_count < 20 {
            continue;
        }
        // Compared without the layout's whitespace (the starter's
        // comment, gone from the page, leaves a line).
        let text = |html: &str| html.split_whitespace().collect::<String>();
        let how = if s.md.word_count == original.md.word_count
            && text(&s.md.html) == text(&original.md.html)
        {
            "word for word".to_string()
        } else {
            // A copy with a word changed (`Dev` → `DEV`) is no translation
            // either: most of its three-word phrases are the original's.
            let shared = shared_phrases(&s.md.html, &original.md.html);
            if shared < 0.8 {
                continue;
            }
            format!(
                "nearly word for word ({:.0} % of its phrases)",
                shared * 100.0
            )
        };
        out.push(
            Diagnostic::warning(format!(
                "this translation's text is its original's ({}), {how}: readers of `{}` get it in `{}`",
                original.path.display(),
                other.lang,
                original.lang
            ))
            .at_path(&s.path)
            .with_hint("translate it, or put `draft: true` back in its front matter until it is"),
        );
    }
    out
}

/// The share of `a`'s three-word phrases (its words as a reader reads
/// them, in any case, outside code blocks, which a translation keeps)
/// that `b` has too.
fn shared_phrases(a: &str, b: &str) -> f64 {
    let phrases = |html: &str| -> std::collections::HashSet<String> {
        let mut prose = String::with_capacity(html.len());
        let mut rest = html;
        while let Some(i) = rest.find("<pre") {
            prose.push_str(&rest[..i]);
            rest = rest[i..].find("</pre>").map_or("", |j| &rest[i + j + 6..]);
        }
        prose.push_str(rest);
        let mut text = String::new();
        crate::html_text::html_text_into(&prose, &mut text);
        let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
        words.windows(3).map(|w| w.join(" ")).collect()
    };
    let (a, b) = (phrases(a), phrases(b));
    if a.is_empty() {
        return 0.0;
    }
    a.intersection(&b).count() as f64 / a.len() as f64
}

/// Each story of a language other than the default, with its language's
/// site and its original in the default language (the same translation
/// group).
fn with_originals(sites: &Sites) -> Vec<(&Site, &Story, &Story)> {
    let Some((first, others)) = sites.langs.split_first() else {
        return Vec::new();
    };
    let originals: HashMap<&str, &Story> = first
        .stories
        .iter()
        .filter(|s| !s.group.is_empty())
        .map(|s| (s.group.as_str(), s))
        .collect();
    let originals = &originals;
    others
        .iter()
        .flat_map(|other| {
            other
                .stories
                .iter()
                .filter_map(move |s| originals.get(s.group.as_str()).map(|o| (other, s, *o)))
        })
        .collect()
}
