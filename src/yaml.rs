//! The one place that talks to `serde_yaml` (used by [`crate::config`] and
//! [`crate::frontmatter`] only, so the YAML library can be swapped).
//!
//! A YAML block becomes an ordered list of top-level entries, each with its
//! value as a `serde_json::Value` (what templates consume) and the position of
//! its key *in the file*, so later checks can point at `tags:` on line 7
//! rather than somewhere in the block.

use serde_json::Value;

/// A top-level `key: value` of a YAML mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: String,
    pub value: Value,
    /// 1-based line of the key in the file.
    pub line: usize,
    /// 1-based column of the value (or of the key when the value is on later lines).
    pub col: usize,
}

/// A YAML problem at a file position.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    pub line: usize,
    pub col: usize,
    pub message: String,
    /// The line as it should probably be written, when the mistake is a
    /// common one (a value that needs quotes, a tab).
    pub fix: Option<String>,
}

/// Parses `text`, a YAML mapping whose first line is line `first_line` of the
/// file. An empty block is an empty mapping.
pub fn parse_mapping(text: &str, first_line: usize) -> Result<Vec<Entry>, YamlError> {
    let positions = key_positions(text, first_line)?;
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| {
        if let Some(err) = unspaced_item(text, first_line) {
            return err;
        }
        let (line, col) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
        YamlError {
            line: first_line + line - 1,
            col,
            message: clean_message(&e.to_string()),
            fix: text
                .lines()
                .nth(line.saturating_sub(1))
                .and_then(|l| fix(l, col)),
        }
    })?;
    let mapping = match value {
        serde_yaml::Value::Mapping(m) => m,
        serde_yaml::Value::Null => return Ok(Vec::new()),
        other => {
            return Err(YamlError {
                line: first_line,
                col: 1,
                message: format!(
                    "expected `key: value` lines, found {}",
                    describe(&to_json(other))
                ),
                fix: None,
            });
        }
    };
    let mut entries = Vec::with_capacity(mapping.len());
    for (k, v) in mapping {
        let key = key_string(&k);
        let (line, col) = positions
            .iter()
            .find(|(name, _, _)| *name == key)
            .map_or((first_line, 1), |(_, l, c)| (*l, *c));
        entries.push(Entry {
            key,
            value: to_json(v),
            line,
            col,
        });
    }
    Ok(entries)
}

/// Positions of top-level keys found by scanning lines that start in column 1.
/// Also the cheapest place to catch a key written twice.
fn key_positions(text: &str, first_line: usize) -> Result<Vec<(String, usize, usize)>, YamlError> {
    let mut found: Vec<(String, usize, usize)> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        let Some(first) = line.chars().next() else {
            continue;
        };
        if first.is_whitespace() || matches!(first, '#' | '-' | '{' | '[' | '}' | ']' | '.') {
            continue;
        }
        let Some(key) = top_level_key(line) else {
            continue;
        };
        let after = line.get(key.1..).unwrap_or("");
        let value_offset = after.len() - after.trim_start().len();
        let col = if after.trim().is_empty() || after.trim_start().starts_with('#') {
            1
        } else {
            line.get(..key.1 + value_offset)
                .map_or(1, |s| s.chars().count() + 1)
        };
        let lineno = first_line + i;
        if let Some((_, prev, _)) = found.iter().find(|(k, _, _)| *k == key.0) {
            return Err(YamlError {
                line: lineno,
                col: 1,
                message: format!("`{}` is given twice (first on line {prev})", key.0),
                fix: Some(format!("keep one `{}:` line and delete the other", key.0)),
            });
        }
        found.push((key.0, lineno, col));
    }
    Ok(found)
}

/// A list item without the space after its `-` (`-dua` under `tags:`),
/// which YAML reads as text and then fails on somewhere after it; said at
/// its own line.
fn unspaced_item(text: &str, first_line: usize) -> Option<YamlError> {
    let lines: Vec<&str> = text.lines().collect();
    let (i, line) = lines.iter().enumerate().find(|(i, l)| {
        let t = l.trim_start();
        let unspaced = t
            .strip_prefix('-')
            .is_some_and(|rest| rest.starts_with(|c: char| !c.is_whitespace() && c != '-'));
        // Under a key that opens a list, or after one of its items.
        unspaced
            && lines[..*i]
                .iter()
                .rev()
                .find(|l| !l.trim().is_empty())
                .is_some_and(|a| {
                    let a = a.trim();
                    a.starts_with("- ") || a == "-" || (a.ends_with(':') && !a.starts_with('#'))
                })
    })?;
    let item = line.trim_start().trim_end_matches('\r');
    let indent = &line[..line.len() - line.trim_start().len()];
    Some(YamlError {
        line: first_line + i,
        col: indent.chars().count() + 1,
        message: format!("`{item}` is not a list item: a list item has a space after its `-`"),
        fix: Some(format!("write `{indent}- {}`", &item[1..])),
    })
}

/// How the line a YAML error is on should probably be written: a tab in its
/// indentation replaced, or a top-level value quoted when the error is inside
/// it (`title: Rapat: hasil` → `title: "Rapat: hasil"`). `col` is 1-based.
fn fix(line: &str, col: usize) -> Option<String> {
    let line = line.trim_end_matches('\r');
    let indent = &line[..line.len() - line.trim_start().len()];
    if indent.contains('\t') {
        return Some(
            "YAML indents with spaces, not tabs: replace the tab at the start of the line with spaces, or delete it if the line is not part of the key above".to_string(),
        );
    }
    if !indent.is_empty() {
        return None;
    }
    let (key, after) = top_level_key(line)?;
    let value = line.get(after..)?.trim();
    let value_col = line.get(..after)?.chars().count() + 1;
    if value.is_empty() || col <= value_col || value.starts_with(['[', '{', '|', '>', '#']) {
        return None;
    }
    let quoted = if value.contains('"') && !value.contains('\'') {
        format!("'{value}'")
    } else {
        quote(value)
    };
    let key = line.get(..after - 1).unwrap_or(&key);
    Some(format!(
        "put the whole value in quotes, so that `: `, `#` and quotes inside it are text: `{key}: {quoted}`"
    ))
}

/// `title: x` → ("title", byte index after the colon). Handles quoted keys.
fn top_level_key(line: &str) -> Option<(String, usize)> {
    let bytes = line.as_bytes();
    if let Some(q @ (b'"' | b'\'')) = bytes.first().copied() {
        let end = line.get(1..)?.find(q as char)? + 1;
        let rest = line.get(end + 1..)?;
        let rest_trim = rest.trim_start();
        if rest_trim.starts_with(':') {
            let colon = end + 1 + (rest.len() - rest_trim.len());
            return Some((line.get(1..end)?.to_string(), colon + 1));
        }
        return None;
    }
    // A plain key ends at the first ": " or a trailing ':'.
    let mut idx = 0;
    while let Some(pos) = line.get(idx..)?.find(':') {
        let at = idx + pos;
        let next = bytes.get(at + 1).copied();
        if next.is_none() || next == Some(b' ') || next == Some(b'\t') || next == Some(b'\r') {
            let key = line.get(..at)?.trim_end();
            return Some((key.to_string(), at + 1));
        }
        idx = at + 1;
    }
    None
}

fn key_string(k: &serde_yaml::Value) -> String {
    match k {
        serde_yaml::Value::String(s) => s.clone(),
        serde_yaml::Value::Bool(b) => b.to_string(),
        serde_yaml::Value::Number(n) => n.to_string(),
        serde_yaml::Value::Null => "null".to_string(),
        other => serde_yaml::to_string(other)
            .unwrap_or_default()
            .trim()
            .to_string(),
    }
}

/// Converts a YAML value to JSON; tags are dropped, non-string keys become strings.
pub fn to_json(v: serde_yaml::Value) -> Value {
    match v {
        serde_yaml::Value::Null => Value::Null,
        serde_yaml::Value::Bool(b) => Value::Bool(b),
        serde_yaml::Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                n.as_f64()
                    .and_then(serde_json::Number::from_f64)
                    .map_or(Value::Null, Value::Number)
            }
        }
        serde_yaml::Value::String(s) => Value::String(s),
        serde_yaml::Value::Sequence(seq) => Value::Array(seq.into_iter().map(to_json).collect()),
        serde_yaml::Value::Mapping(m) => Value::Object(
            m.into_iter()
                .map(|(k, v)| (key_string(&k), to_json(v)))
                .collect(),
        ),
        serde_yaml::Value::Tagged(t) => to_json(t.value),
    }
}

/// `s` as a YAML double-quoted scalar, for the front matter cerita writes
/// (`cerita new`, `cerita import`).
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// "a list", "a number", … for messages about wrong types.
pub fn describe(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a map of keys",
    }
}

/// Drops serde_yaml's own " at line L column C" (we report file positions).
fn clean_message(msg: &str) -> String {
    let msg = strip_positions(msg);
    let msg = msg.trim();
    if msg.starts_with("recursion limit exceeded") {
        "the YAML is nested too deeply".to_string()
    } else if msg.contains("repetition limit exceeded") {
        "the YAML expands to too much data (too many aliases `*name`)".to_string()
    } else {
        msg.to_string()
    }
}

/// Removes every " at line N column M" (they count from the block, not the file).
fn strip_positions(msg: &str) -> String {
    let mut out = String::with_capacity(msg.len());
    let mut rest = msg;
    while let Some(i) = rest.find(" at line ") {
        out.push_str(&rest[..i]);
        let after = &rest[i + " at line ".len()..];
        let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let after = &after[digits..];
        rest = match after.strip_prefix(" column ") {
            Some(c) => c.trim_start_matches(|c: char| c.is_ascii_digit()),
            None => after,
        };
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_have_file_positions() {
        let text = "title: Halo\n# comment\ntags:\n  - a\n  - b\n\"odd key\": 3\n";
        let e = parse_mapping(text, 2).unwrap();
        assert_eq!(e[0].key, "title");
        assert_eq!((e[0].line, e[0].col), (2, 8));
        assert_eq!(e[1].key, "tags");
        assert_eq!(e[1].line, 4);
        assert_eq!(e[1].value, serde_json::json!(["a", "b"]));
        assert_eq!(e[2].key, "odd key");
        assert_eq!(e[2].line, 7);
    }

    #[test]
    fn syntax_errors_are_in_file_lines() {
        let err = parse_mapping("title: ok\ntags: [a, b\n", 5).unwrap_err();
        assert!(err.line >= 6, "{err:?}");
        assert!(!err.message.contains(" at line "), "{}", err.message);
    }

    #[test]
    fn common_mistakes_get_the_line_as_it_should_be() {
        let fix = |text: &str| parse_mapping(text, 1).unwrap_err().fix.unwrap_or_default();
        assert_eq!(
            fix("date: 2021-01-01\ntitle: Rapat: hasil akhir\n"),
            "put the whole value in quotes, so that `: `, `#` and quotes inside it are text: `title: \"Rapat: hasil akhir\"`"
        );
        assert_eq!(
            fix("title: \"Kartini\" masa kini\n"),
            "put the whole value in quotes, so that `: `, `#` and quotes inside it are text: `title: '\"Kartini\" masa kini'`"
        );
        assert!(fix("title: a\n\ttags: [a]\n").starts_with("YAML indents with spaces, not tabs"));
        assert!(fix("title: a\ntitle: b\n").starts_with("keep one `title:` line"));
        let err = parse_mapping("title: a\ntags:\n- satu\n-dua\n", 3).unwrap_err();
        assert_eq!((err.line, err.col), (6, 1));
        assert_eq!(
            err.message,
            "`-dua` is not a list item: a list item has a space after its `-`"
        );
        assert_eq!(err.fix.as_deref(), Some("write `- dua`"));
        // Nothing to say about a list left open.
        assert_eq!(
            parse_mapping("title: ok\ntags: [a, b\n", 1)
                .unwrap_err()
                .fix,
            None
        );
    }

    #[test]
    fn duplicate_keys() {
        let err = parse_mapping("title: a\ndate: 2021-01-01\ntitle: b\n", 2).unwrap_err();
        assert_eq!(err.line, 4);
        assert!(err.message.contains("twice"));
    }

    #[test]
    fn urls_in_values_are_not_keys() {
        let e = parse_mapping("website: https://example.org/\n", 1).unwrap();
        assert_eq!(e[0].key, "website");
        assert_eq!(e[0].value, serde_json::json!("https://example.org/"));
    }
}
