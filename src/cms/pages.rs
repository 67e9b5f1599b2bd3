//! Pages CMS: `.pages.yml` at the repository root, generated from the same
//! description as every other editor's file.

use super::Facts;
use super::emit::Node;
use super::fields::{self, Collection, Field, Widget};
use crate::load::Kind;

const HEADER: &str = "\
# Pages CMS (https://pagescms.org): what writers can edit.
# Written by `cerita cms init --pages` from cerita's fields and this site's
# languages, partners and tags; `cerita cms init --pages --update` rewrites
# it and `cerita check` says when it is out of date.
";

pub fn config(facts: &Facts) -> String {
    let media = Node::map()
        // Uploads land under content/, where cerita makes their sizes, and
        // are linked from content with `@/`.
        .with("input", "content/media")
        .with("output", "@/media");
    let content: Vec<Node> = fields::COLLECTIONS
        .iter()
        .map(|c| collection(c, facts))
        .collect();
    let n = Node::map().with("media", media).with("content", content);
    format!("{HEADER}{}", n.to_yaml())
}

fn collection(c: &Collection, facts: &Facts) -> Node {
    let mut n = Node::map()
        .with("name", c.name)
        .with("label", facts.say(c.label))
        .with("type", "collection")
        .with("path", c.folder)
        .with("format", "yaml-frontmatter");
    if c.kind == Kind::Story {
        n = n
            .with("filename", "{year}/{primary}.md")
            .with("subfolders", true)
            .with(
                "view",
                Node::map()
                    .with("fields", Node::strs(["title", "date", "partners"]))
                    .with("primary", "title")
                    .with(
                        "default",
                        Node::map().with("sort", "date").with("order", "desc"),
                    ),
            );
    } else {
        n = n.with("filename", "{primary}.md").with(
            "view",
            Node::map()
                .with("fields", Node::strs([c.identifier]))
                .with("primary", c.identifier),
        );
    }
    let mut fields: Vec<Node> = c
        .form_fields(facts.multilingual())
        .map(|f| field(f, facts))
        .collect();
    fields.push(
        Node::map()
            .with("name", "body")
            .with("label", facts.say(fields::BODY_LABEL))
            .with("type", "code")
            .with("options", Node::map().with("language", "markdown")),
    );
    n.with("fields", fields)
}

fn field(f: &Field, facts: &Facts) -> Node {
    let n = Node::map()
        .with("name", f.key)
        .with("label", facts.say(f.label))
        .with("description", facts.say(f.help));
    let n = match f.widget {
        Widget::Text | Widget::Url | Widget::Slug | Widget::Map => n.with("type", "string"),
        Widget::LongText => n.with("type", "text"),
        Widget::Date => n
            .with("type", "date")
            .with("options", Node::map().with("format", "yyyy-MM-dd")),
        Widget::Names => n.with("type", "string").with("list", true),
        Widget::Partners => n.with("type", "reference").with(
            "options",
            Node::map()
                .with("collection", "partners")
                .with("search", "name")
                .with("value", "{name}")
                .with("label", "{name}")
                .with("multiple", true),
        ),
        Widget::Tags if !facts.tags.is_empty() => n.with("type", "select").with(
            "options",
            Node::map()
                .with("values", Node::strs(&facts.tags))
                .with("multiple", true)
                .with("creatable", true),
        ),
        Widget::Tags => n.with("type", "string").with("list", true),
        Widget::Language => n.with("type", "select").with(
            "options",
            Node::map().with(
                "values",
                Node::strs(facts.known_langs.iter().map(|l| l.code())),
            ),
        ),
        Widget::Boolean => n.with("type", "boolean"),
        Widget::Image => n.with("type", "image"),
    };
    if f.required {
        n.with("required", true)
    } else {
        n
    }
}
