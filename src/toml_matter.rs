//! TOML front matter (`+++` fences), as Zola and Hugo write it, read into
//! the same top-level entries as YAML front matter ([`crate::yaml`]), so the
//! typed reads and their diagnostics do not know which it was.
//!
//! Zola puts a story's tags under `[taxonomies]`: each of its lists becomes
//! a top-level entry (`tags`, `categories`, `authors`) unless the file has
//! one of that name too. Dates become the text they were written as.

use serde_json::Value;

use crate::yaml::{Entry, YamlError};

/// The entries of a TOML front-matter block that starts on `first_line`.
pub fn parse_table(text: &str, first_line: usize) -> Result<Vec<Entry>, YamlError> {
    let table: toml::Table = toml::from_str(text).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        let (line, col) = crate::text::line_col(text, at);
        YamlError {
            line: first_line + line - 1,
            col,
            message: e.message().trim().to_string(),
            fix: None,
        }
    })?;
    let positions = key_positions(text, first_line);
    let at = |section: &str, key: &str| {
        positions
            .iter()
            .find(|(s, k, _)| s == section && k == key)
            .map_or((first_line, 1), |p| p.2)
    };
    let mut entries: Vec<Entry> = Vec::with_capacity(table.len());
    let mut taxonomies = Vec::new();
    for (key, value) in table {
        if key == "taxonomies" {
            if let toml::Value::Table(t) = value {
                taxonomies.extend(t);
                continue;
            }
        }
        let (line, col) = at("", &key);
        entries.push(Entry {
            key,
            value: to_json(value),
            line,
            col,
        });
    }
    for (key, value) in taxonomies {
        if entries.iter().any(|e| e.key == key) {
            continue;
        }
        let (line, col) = at("taxonomies", &key);
        entries.push(Entry {
            key,
            value: to_json(value),
            line,
            col,
        });
    }
    entries.sort_by_key(|e| (e.line, e.col));
    Ok(entries)
}

fn to_json(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(to_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, to_json(v))).collect())
        }
    }
}

/// (section, key, (line, column of the value)) of every `key = value` line,
/// the section being the last `[header]` above it ("" before any), and
/// of every header (at its first column).
fn key_positions(text: &str, first_line: usize) -> Vec<(String, String, (usize, usize))> {
    let mut out = Vec::new();
    let mut section = String::new();
    // Inside a multi-line string (its closing quotes) or a multi-line
    // array (its depth): no keys there.
    let mut string: Option<&str> = None;
    let mut depth = 0i32;
    for (i, line) in text.lines().enumerate() {
        if let Some(q) = string {
            if line.contains(q) {
                string = None;
            }
            continue;
        }
        if depth > 0 {
            depth += brackets(line);
            continue;
        }
        let trimmed = line.trim_start();
        if let Some(h) = trimmed.strip_prefix('[') {
            section = h
                .trim_start_matches('[')
                .split(']')
                .next()
                .unwrap_or("")
                .trim()
                .to_string();
            // A table's own place: its header.
            out.push((String::new(), section.clone(), (first_line + i, 1)));
            continue;
        }
        let Some(eq) = line.find('=') else {
            continue;
        };
        let key = line[..eq].trim().trim_matches(['"', '\'']);
        let bare = |c: char| c.is_alphanumeric() || matches!(c, '_' | '-' | '.');
        if key.is_empty() || !key.chars().all(bare) {
            continue;
        }
        let value = line[eq + 1..].trim_start();
        let value_at = line.len() - value.len();
        let col = line[..value_at].chars().count() + 1;
        out.push((section.clone(), key.to_string(), (first_line + i, col)));
        for q in ["\"\"\"", "'''"] {
            if let Some(after) = value.strip_prefix(q) {
                if !after.contains(q) {
                    string = Some(q);
                }
            }
        }
        if value.starts_with('[') {
            depth = brackets(value);
        }
    }
    out
}

/// `[` minus `]` on a line, outside quoted text: how much deeper an array
/// goes.
fn brackets(line: &str) -> i32 {
    let mut depth = 0;
    let mut quote: Option<char> = None;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') => break,
            (None, '[') => depth += 1,
            (None, ']') => depth -= 1,
            _ => {}
        }
    }
    depth
}

/// A hint written for YAML front matter (`` `date: 2021-04-10` ``, "between
/// the `---` lines") as TOML says it: `` `date = 2021-04-10` ``, text in
/// double quotes, list items too, "between the `+++` lines".
pub fn hint(yaml_hint: &str) -> String {
    // A map: YAML indents its fields, TOML gives them a table of their own.
    if let Some(key) = yaml_hint
        .strip_prefix("indent the fields under `")
        .and_then(|r| r.strip_suffix(":` by two spaces"))
    {
        return format!(
            "write the fields as `name = value` lines under an `[{key}]` line, after the other fields"
        );
    }
    let text = yaml_hint.replace("the `---` lines", "the `+++` lines");
    let mut out = String::with_capacity(text.len() + 8);
    // Odd pieces are inside backticks.
    for (i, piece) in text.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        match piece.split_once(": ") {
            Some((key, value))
                if i % 2 == 1
                    && !key.is_empty()
                    && key
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') =>
            {
                out.push_str(&format!("{key} = {}", toml_value(value.trim())));
            }
            _ => out.push_str(piece),
        }
    }
    out
}

/// A YAML example value as TOML writes it.
fn toml_value(v: &str) -> String {
    let bare = v == "true"
        || v == "false"
        || v.parse::<f64>().is_ok()
        || (v.len() >= 10
            && v.as_bytes()[..10].iter().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    *b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            }));
    if bare || v.starts_with('"') {
        return v.to_string();
    }
    if let Some(items) = v.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
        let items: Vec<String> = items
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(toml_value)
            .collect();
        return format!("[{}]", items.join(", "));
    }
    format!("\"{}\"", v.replace('\\', "\\\\").replace('"', "\\\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zola_front_matter_reads_as_entries_at_their_lines() {
        let text = "title = \"Markdown\"\ndate = 2023-09-12\nupdated = 2024-01-05T10:00:00+07:00\ndescription = \"Ringkas\"\n\n[taxonomies]\ntags = [\"markdown\", \"zola\"]\n\n[extra]\ntoc = true\n";
        let e = parse_table(text, 2).unwrap();
        let keys: Vec<&str> = e.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(
            keys,
            ["title", "date", "updated", "description", "tags", "extra"]
        );
        let get = |k: &str| e.iter().find(|e| e.key == k).unwrap();
        assert_eq!(get("date").value, Value::String("2023-09-12".into()));
        assert_eq!((get("date").line, get("date").col), (3, 8));
        assert_eq!(
            get("updated").value,
            Value::String("2024-01-05T10:00:00+07:00".into())
        );
        assert_eq!(get("tags").line, 8);
        assert_eq!(get("tags").value, serde_json::json!(["markdown", "zola"]));
        assert_eq!(get("extra").value, serde_json::json!({"toc": true}));
    }

    /// Lines inside a multi-line string or array are no keys: a `date =`
    /// in a summary does not move `date`, and a line ending in `=` is no
    /// panic.
    #[test]
    fn keys_inside_strings_and_arrays_are_not_keys() {
        let text = "title = \"A\"\nsummary = \"\"\"\nx =\ndate = kemarin\n\"\"\"\ntags = [\n  \"a = b\",\n]\ndate = 2021-04-12\n";
        let e = parse_table(text, 2).unwrap();
        let get = |k: &str| e.iter().find(|e| e.key == k).unwrap();
        assert_eq!(get("date").line, 10);
        assert_eq!(get("tags").line, 7);
        assert_eq!(
            get("summary").value,
            Value::String("x =\ndate = kemarin\n".into())
        );
        parse_table("title = \"A\"\nx =\n", 2).unwrap_err();
    }

    #[test]
    fn a_toml_mistake_is_placed_in_the_file() {
        let err = parse_table("title = \"A\"\ntags = [\"a\",\n", 2).unwrap_err();
        assert!(err.line >= 3, "{err:?}");
        assert!(!err.message.is_empty());
        let err = parse_table("title = \"A\"\ntitle = \"B\"\n", 2).unwrap_err();
        assert_eq!(err.line, 3, "{err:?}");
    }

    /// Hints written for YAML read in TOML's syntax in a `+++` file.
    #[test]
    fn hints_speak_toml() {
        assert_eq!(
            hint("write the date as YYYY-MM-DD, e.g. `date: 2021-04-10` (or RFC 3339)"),
            "write the date as YYYY-MM-DD, e.g. `date = 2021-04-10` (or RFC 3339)"
        );
        assert_eq!(
            hint("write a list, e.g. `tags: [pertama, kedua]`"),
            "write a list, e.g. `tags = [\"pertama\", \"kedua\"]`"
        );
        assert_eq!(
            hint("add `title: \"Judul cerita\"` between the `---` lines"),
            "add `title = \"Judul cerita\"` between the `+++` lines"
        );
        assert_eq!(
            hint("use `slug: rapat-warga`"),
            "use `slug = \"rapat-warga\"`"
        );
        assert_eq!(
            hint("indent the fields under `extra:` by two spaces"),
            "write the fields as `name = value` lines under an `[extra]` line, after the other fields"
        );
        assert_eq!(
            hint("`draft: true`; did you mean `draft`?"),
            "`draft = true`; did you mean `draft`?"
        );
    }
}
