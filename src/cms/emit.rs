//! An ordered value tree and the two ways it is written: YAML in block
//! style (the editors' configurations, read by people too, keys in the
//! order that reads best) and JSON (the schema, Front Matter CMS). Ordered
//! maps are why this is not `serde_json::Value`.

use std::fmt::Write;

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Null,
    Bool(bool),
    Int(i64),
    Str(String),
    List(Vec<Node>),
    Map(Vec<(String, Node)>),
}

impl Node {
    pub fn map() -> Node {
        Node::Map(Vec::new())
    }

    /// Adds `key: value` to a map (in order); a no-op on anything else.
    pub fn with(mut self, key: &str, value: impl Into<Node>) -> Node {
        if let Node::Map(m) = &mut self {
            m.push((key.to_string(), value.into()));
        }
        self
    }

    /// Adds `key: value` when there is a value.
    pub fn with_some(self, key: &str, value: Option<impl Into<Node>>) -> Node {
        match value {
            Some(v) => self.with(key, v),
            None => self,
        }
    }

    pub fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Map(m) => m.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn strs<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> Node {
        Node::List(
            items
                .into_iter()
                .map(|s| Node::Str(s.as_ref().to_string()))
                .collect(),
        )
    }

    /// Block-style YAML, ending with a newline.
    pub fn to_yaml(&self) -> String {
        let mut out = String::new();
        yaml_block(self, 0, &mut out);
        out
    }

    /// Pretty JSON (two-space indent), ending with a newline.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        json(self, 0, &mut out);
        out.push('\n');
        out
    }
}

impl From<&str> for Node {
    fn from(s: &str) -> Node {
        Node::Str(s.to_string())
    }
}

impl From<String> for Node {
    fn from(s: String) -> Node {
        Node::Str(s)
    }
}

impl From<bool> for Node {
    fn from(b: bool) -> Node {
        Node::Bool(b)
    }
}

impl From<i64> for Node {
    fn from(i: i64) -> Node {
        Node::Int(i)
    }
}

impl From<Vec<Node>> for Node {
    fn from(v: Vec<Node>) -> Node {
        Node::List(v)
    }
}

/// A scalar as YAML: plain when it reads back as the same string, else
/// double-quoted.
fn yaml_scalar(n: &Node) -> String {
    match n {
        Node::Null => "null".into(),
        Node::Bool(b) => b.to_string(),
        Node::Int(i) => i.to_string(),
        Node::Str(s) if is_plain(s) => s.clone(),
        Node::Str(s) => crate::yaml::quote(s),
        Node::List(l) if l.is_empty() => "[]".into(),
        Node::Map(m) if m.is_empty() => "{}".into(),
        _ => String::new(),
    }
}

/// A string YAML reads back as itself, unquoted (in a block).
pub(super) fn is_plain(s: &str) -> bool {
    let reserved = [
        "true", "false", "yes", "no", "on", "off", "null", "~", "y", "n",
    ];
    !s.is_empty()
        && !reserved.contains(&s.to_ascii_lowercase().as_str())
        && s.chars().all(|c| {
            c.is_alphanumeric() || matches!(c, ' ' | '_' | '-' | '.' | '/' | '(' | ')' | ',')
        })
        && !s.starts_with([' ', '-', '.'])
        && !s.ends_with(' ')
        && !s.chars().next().is_some_and(|c| c.is_ascii_digit())
}

fn is_scalar(n: &Node) -> bool {
    match n {
        Node::List(l) => l.is_empty(),
        Node::Map(m) => m.is_empty(),
        _ => true,
    }
}

fn yaml_block(n: &Node, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match n {
        Node::Map(m) if !m.is_empty() => {
            for (k, v) in m {
                let key = if is_plain(k) {
                    k.clone()
                } else {
                    crate::yaml::quote(k)
                };
                if is_scalar(v) {
                    let _ = writeln!(out, "{pad}{key}: {}", yaml_scalar(v));
                } else {
                    let _ = writeln!(out, "{pad}{key}:");
                    yaml_block(v, indent + 2, out);
                }
            }
        }
        Node::List(l) if !l.is_empty() => {
            for item in l {
                if is_scalar(item) {
                    let _ = writeln!(out, "{pad}- {}", yaml_scalar(item));
                } else {
                    // `- ` then the item's first line on the same line.
                    let mut inner = String::new();
                    yaml_block(item, indent + 2, &mut inner);
                    let rest = inner.get(indent + 2..).unwrap_or_default();
                    let _ = write!(out, "{pad}- {rest}");
                }
            }
        }
        other => {
            let _ = writeln!(out, "{pad}{}", yaml_scalar(other));
        }
    }
}

fn json(n: &Node, indent: usize, out: &mut String) {
    let pad = "  ".repeat(indent + 1);
    let end = "  ".repeat(indent);
    match n {
        Node::Null => out.push_str("null"),
        Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Node::Int(i) => out.push_str(&i.to_string()),
        Node::Str(s) => out.push_str(&serde_json::Value::from(s.as_str()).to_string()),
        Node::List(l) if l.is_empty() => out.push_str("[]"),
        Node::Map(m) if m.is_empty() => out.push_str("{}"),
        Node::List(l) => {
            out.push_str("[\n");
            for (i, item) in l.iter().enumerate() {
                out.push_str(&pad);
                json(item, indent + 1, out);
                out.push_str(if i + 1 < l.len() { ",\n" } else { "\n" });
            }
            out.push_str(&end);
            out.push(']');
        }
        Node::Map(m) => {
            out.push_str("{\n");
            for (i, (k, v)) in m.iter().enumerate() {
                out.push_str(&pad);
                out.push_str(&serde_json::Value::from(k.as_str()).to_string());
                out.push_str(": ");
                json(v, indent + 1, out);
                out.push_str(if i + 1 < m.len() { ",\n" } else { "\n" });
            }
            out.push_str(&end);
            out.push('}');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Node {
        Node::map()
            .with("name", "stories")
            .with("path", "{{year}}/{{slug}}")
            .with("create", true)
            .with("empty", Node::List(vec![]))
            .with("yes", "no")
            .with("n", 3i64)
            .with(
                "fields",
                vec![
                    Node::map().with("name", "title").with("required", true),
                    Node::map()
                        .with("name", "tags")
                        .with("options", Node::strs(["a: b", "true", "Ü 1"])),
                ],
            )
            .with("nested", Node::map().with("x", Node::strs(["1", "- dash"])))
    }

    /// What is written reads back (with the project's YAML reader) as the
    /// same values, whatever the strings hold.
    #[test]
    fn yaml_and_json_read_back_as_written() {
        let n = sample();
        let yaml = n.to_yaml();
        let entries = crate::yaml::parse_mapping(&yaml, 1).unwrap();
        let back: serde_json::Map<String, serde_json::Value> =
            entries.into_iter().map(|e| (e.key, e.value)).collect();
        let from_json: serde_json::Value = serde_json::from_str(&n.to_json()).unwrap();
        assert_eq!(serde_json::Value::Object(back), from_json, "{yaml}");
        assert_eq!(from_json["fields"][1]["options"][1], "true");
        assert_eq!(from_json["nested"]["x"][1], "- dash");
        assert_eq!(from_json["yes"], "no");
        assert!(yaml.contains("path: \"{{year}}/{{slug}}\""), "{yaml}");
        assert!(
            yaml.contains("  - name: title\n    required: true\n"),
            "{yaml}"
        );
    }
}
