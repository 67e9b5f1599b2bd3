//! `cerita schema`: the front matter as a JSON Schema (draft 2020-12), for
//! `check-jsonschema` or `ajv` in CI and for editors that read schemas. It
//! accepts what the build accepts (a number where text is expected, one
//! name where a list is, unknown keys, which the build keeps with a
//! warning) and rejects what the build rejects: wrong types, a missing
//! title or name, a date or slug cerita cannot read, a language the site
//! does not declare.

use super::Facts;
use super::emit::Node;
use super::fields::{self, Collection, Field, Widget};
use crate::load::Kind;

pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// The schema of one kind of file, or (`None`) of any: each kind under
/// `$defs`, the document accepting front matter of any of them.
pub fn schema(facts: &Facts, kind: Option<Kind>) -> String {
    let defs = Node::Map(
        fields::COLLECTIONS
            .iter()
            .map(|c| (def_name(c).to_string(), collection(c, facts)))
            .collect(),
    );
    let top = Node::map()
        .with("$schema", DIALECT)
        .with("$id", format!("{}schema/front-matter.json", facts.base_url))
        .with("title", format!("Front matter of {}", facts.title));
    let top = match kind {
        Some(k) => {
            let c = fields::collection(k);
            top.with(
                "description",
                format!("A file under {}/ (`cerita schema --kind {}`).", c.folder, def_name(c)),
            )
            .with("$ref", format!("#/$defs/{}", def_name(c)))
        }
        None => top
            .with(
                "description",
                "Front matter of a story, partner profile or page; validate each folder against its own definition (`cerita schema --kind story`).",
            )
            .with(
                "anyOf",
                fields::COLLECTIONS
                    .iter()
                    .map(|c| Node::map().with("$ref", format!("#/$defs/{}", def_name(c))))
                    .collect::<Vec<_>>(),
            ),
    };
    top.with("$defs", defs).to_json()
}

/// `story`, `partner`, `page`.
pub fn def_name(c: &Collection) -> &'static str {
    match c.kind {
        Kind::Story => "story",
        Kind::Partner => "partner",
        Kind::Page => "page",
    }
}

fn collection(c: &Collection, facts: &Facts) -> Node {
    let required: Vec<&str> = c
        .fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.key)
        .collect();
    Node::map()
        .with("title", facts.say(c.label_singular))
        .with("description", format!("{}/**.md", c.folder))
        .with("type", "object")
        .with("required", Node::strs(required))
        .with(
            "properties",
            Node::Map(
                c.fields
                    .iter()
                    .map(|f| (f.key.to_string(), field(f, facts)))
                    .collect(),
            ),
        )
        // Unknown keys are kept (a warning in `cerita check`).
        .with("additionalProperties", true)
}

/// Text as the build reads it: a string, or a number or true/false taken
/// as one.
fn text_types(required: bool) -> Node {
    if required {
        Node::strs(["string", "number", "boolean"])
    } else {
        Node::strs(["string", "number", "boolean", "null"])
    }
}

fn names(item_examples: Option<&[String]>) -> Node {
    let mut item = Node::map().with("type", Node::strs(["string", "number", "null"]));
    if let Some(ex) = item_examples.filter(|e| !e.is_empty()) {
        item = item.with("examples", Node::strs(ex));
    }
    Node::map().with(
        "anyOf",
        vec![
            Node::map().with("type", Node::strs(["string", "number", "null"])),
            Node::map().with("type", "array").with("items", item),
        ],
    )
}

fn field(f: &Field, facts: &Facts) -> Node {
    let n = match f.widget {
        Widget::Text | Widget::LongText | Widget::Image | Widget::Url => {
            let mut n = Node::map().with("type", text_types(f.required));
            if f.required {
                // Not empty, not only spaces.
                n = n.with("pattern", "\\S");
            }
            n
        }
        Widget::Date => Node::map()
            .with("type", Node::strs(["string", "null"]))
            .with("pattern", fields::DATE_PATTERN)
            .with(
                "examples",
                Node::strs(["2021-04-12", "2021-04-12T09:00:00+07:00"]),
            ),
        Widget::Slug => Node::map()
            .with("type", Node::strs(["string", "null"]))
            .with("pattern", fields::SLUG_PATTERN),
        Widget::Names | Widget::Tags => {
            names((f.widget == Widget::Tags).then_some(facts.tags.as_slice()))
        }
        Widget::Partners => names(Some(&facts.partners)),
        Widget::Language => Node::map().with("type", "string").with(
            "enum",
            Node::strs(facts.known_langs.iter().map(|l| l.code())),
        ),
        Widget::Boolean => Node::map().with("type", Node::strs(["boolean", "null"])),
        Widget::Map => Node::map().with("type", Node::strs(["object", "null"])),
    };
    let Node::Map(mut m) = n else { return n };
    m.insert(0, ("title".into(), facts.say(f.label).into()));
    m.insert(1, ("description".into(), facts.say(f.help).into()));
    Node::Map(m)
}
