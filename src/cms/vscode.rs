//! Front Matter CMS (the VS Code extension): `frontmatter.json`, generated
//! from the same description as every other editor's file.

use super::Facts;
use super::emit::Node;
use super::fields::{self, Collection, Field, Widget};

pub fn config(facts: &Facts) -> String {
    let folders: Vec<Node> = fields::COLLECTIONS
        .iter()
        .map(|c| {
            Node::map()
                .with("title", facts.say(c.label))
                .with("path", format!("[[workspace]]/{}", c.folder))
                .with("contentTypes", Node::strs([super::jsonschema::def_name(c)]))
        })
        .collect();
    let types: Vec<Node> = fields::COLLECTIONS
        .iter()
        .map(|c| content_type(c, facts))
        .collect();
    Node::map()
        .with(
            "$schema",
            "https://frontmatter.codes/frontmatter.schema.json",
        )
        .with("frontMatter.framework.id", "other")
        .with("frontMatter.content.publicFolder", "static")
        .with("frontMatter.content.pageFolders", folders)
        .with("frontMatter.taxonomy.dateFormat", "yyyy-MM-dd")
        .with("frontMatter.taxonomy.tags", Node::strs(&facts.tags))
        .with("frontMatter.taxonomy.contentTypes", types)
        .to_json()
}

fn content_type(c: &Collection, facts: &Facts) -> Node {
    let fields: Vec<Node> = c.form_fields(false).map(|f| field(f, facts)).collect();
    Node::map()
        .with("name", super::jsonschema::def_name(c))
        .with("pageBundle", false)
        .with("fields", fields)
}

fn field(f: &Field, facts: &Facts) -> Node {
    let n = Node::map()
        .with("title", facts.say(f.label))
        .with("name", f.key)
        .with("description", facts.say(f.help));
    let n = match f.widget {
        Widget::Text | Widget::Url | Widget::Map => n.with("type", "string"),
        Widget::LongText => n.with("type", "string").with("multiline", true),
        Widget::Slug => n.with("type", "slug"),
        Widget::Date => n.with("type", "datetime").with("dateFormat", "yyyy-MM-dd"),
        Widget::Names => n.with("type", "list"),
        Widget::Partners => n
            .with("type", "choice")
            .with("multiple", true)
            .with("choices", Node::strs(&facts.partners)),
        Widget::Tags => n.with("type", "tags"),
        Widget::Language => n.with("type", "choice").with(
            "choices",
            Node::strs(facts.known_langs.iter().map(|l| l.code())),
        ),
        Widget::Boolean if f.key == "draft" => n.with("type", "draft"),
        Widget::Boolean => n.with("type", "boolean"),
        Widget::Image => n.with("type", "image"),
    };
    if f.required {
        n.with("required", true)
    } else {
        n
    }
}
