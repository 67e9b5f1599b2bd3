//! What the editor would empty on save: values cerita reads that the
//! editor's form cannot show. Sveltia CMS (and Decap) load a date field
//! with its `YYYY-MM-DD` format and a list field as a list; a date typed
//! by hand (`30 Agustus 2021`) or a single name where a list goes
//! (`region: Gresik`) shows as empty, and saving the story for any other
//! edit writes `date: ''` and `region: []` (tested in Chromium,
//! `tests/it/cms.rs`). `cerita check` names each such value on a site with
//! the editor's files, with the form the editor keeps.

use super::fields::{self, Widget};
use crate::error::Diagnostic;
use crate::load::Source;

/// A warning for each value in `sources` the editor would save empty.
pub fn losses(sources: &[Source]) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    sources.par_iter().flat_map_iter(of).collect()
}

fn of(source: &Source) -> Vec<Diagnostic> {
    let Ok(split) = crate::frontmatter::split(&source.path, &source.text) else {
        return Vec::new();
    };
    if split.toml {
        return Vec::new();
    }
    let Ok(entries) = crate::yaml::parse_mapping(split.yaml, split.yaml_line) else {
        return Vec::new();
    };
    let form = fields::collection(source.kind).fields;
    let mut out = Vec::new();
    for entry in &entries {
        // The fields the editor's form shows (the names other generators
        // use are not in it).
        let Some(field) = form.iter().find(|f| f.in_form && f.key == entry.key) else {
            continue;
        };
        let serde_json::Value::String(value) = &entry.value else {
            continue;
        };
        let same = "which the build reads the same";
        let fix = match field.widget {
            Widget::Date => typed_date(value).map(|(day, timed)| match timed {
                false => (day, same),
                true => (
                    day,
                    "the day alone: the editor's date field keeps no time of day",
                ),
            }),
            Widget::Names | Widget::Partners | Widget::Tags if !value.trim().is_empty() => {
                Some((format!("[{}]", list_item(value.trim())), same))
            }
            _ => None,
        };
        let Some((fix, why)) = fix else { continue };
        let key = &entry.key;
        let shown = written(&source.text, entry.line, entry.col).unwrap_or(value);
        out.push(
            Diagnostic::warning(format!(
                "the editor (`static/admin/`) shows `{key}: {shown}` as empty, and saving this file there empties it"
            ))
            .at(&source.path, &source.text, entry.line, entry.col)
            .with_hint(format!("write `{key}: {fix}`, {why}")),
        );
    }
    out
}

/// The value on line `line` from column `col` (1-based, in characters) as
/// the file writes it, quotes kept; `None` when it starts on a later line.
fn written(text: &str, line: usize, col: usize) -> Option<&str> {
    if col <= 1 {
        return None;
    }
    let l = text.lines().nth(line.checked_sub(1)?)?;
    let start = l.char_indices().nth(col - 1)?.0;
    Some(l[start..].trim_end()).filter(|s| !s.is_empty())
}

/// The editor's form of a date the build reads but the editor's field
/// cannot (`30 Agustus 2021` → `2021-08-30`), and whether the writer gave
/// a time of day, which that form drops; `None` for a date that starts as
/// `YYYY-MM-`, the editor's form or one with a time (kept as written), or
/// no date at all.
fn typed_date(value: &str) -> Option<(String, bool)> {
    let v = value.trim();
    let year_first = v
        .get(..10)
        .is_some_and(|d| d.as_bytes().get(4) == Some(&b'-'));
    if v.is_empty() || year_first {
        return None;
    }
    crate::text::StoryDate::parse(v).map(|d| (d.ymd(), !d.date_only))
}

/// `name` as an item of a YAML flow list: plain when YAML reads it back as
/// the same text and it has no comma (which ends a flow item), else quoted.
fn list_item(name: &str) -> String {
    if super::emit::is_plain(name) && !name.contains(',') {
        name.to_string()
    } else {
        crate::yaml::quote(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_typed_by_hand_get_the_editors_form_and_others_are_let_be() {
        let day = |d: &str| Some((d.to_string(), false));
        assert_eq!(typed_date("30 Agustus 2021"), day("2021-08-30"));
        assert_eq!(
            typed_date("Minggu, 6 Desember 2026 pukul 19.30 WIB"),
            Some(("2026-12-06".to_string(), true))
        );
        assert_eq!(typed_date("2026-12-6"), day("2026-12-06"));
        for kept in [
            "2021-08-30",
            "2021-08-30T09:00:00+07:00",
            "",
            "06/12/2026",
            "kemarin",
        ] {
            assert_eq!(typed_date(kept), None, "{kept}");
        }
    }

    #[test]
    fn values_are_shown_as_written() {
        let text = "---\ntitle: Rapat\npartners: \"Serikat: HAPSARI\"  \r\ndate: >\n  kemarin\n";
        assert_eq!(written(text, 3, 11), Some("\"Serikat: HAPSARI\""));
        assert_eq!(written(text, 4, 1), None);
        assert_eq!(written(text, 9, 3), None);
        assert_eq!(written(text, 2, 40), None);
    }

    #[test]
    fn single_names_become_flow_lists_quoted_when_they_must_be() {
        assert_eq!(list_item("Gresik"), "Gresik");
        assert_eq!(
            list_item("Serikat Perempuan: HAPSARI"),
            "\"Serikat Perempuan: HAPSARI\""
        );
        assert_eq!(list_item("a, b"), "\"a, b\"");
    }
}
