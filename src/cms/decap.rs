//! Sveltia CMS (and Decap CMS, which reads the same format):
//! `static/admin/config.yml`, generated from the description in
//! `fields.rs` and the site's [`Facts`], and the admin page that loads the
//! editor, pinned to one version by its integrity hash.
//!
//! The file has two parts: what cerita generates (`media_folder`,
//! `public_folder`, `i18n`, `collections`) and what the maintainer owns
//! (`backend`, `site_url` and anything else they add). `--update` rewrites
//! the first and keeps the second as written, comments included.

use std::path::Path;

use super::Facts;
use super::emit::Node;
use super::fields::{self, Collection, Field, Translation, Widget};
use crate::error::{Diagnostic, Error, Result};

/// The editor, pinned: the npm package's file as unpkg serves it, and its
/// SHA-384 for Subresource Integrity (tests check both against the
/// package from the npm registry).
pub const SVELTIA_VERSION: &str = "0.221.1";
pub const SCRIPT_URL: &str = "https://unpkg.com/@sveltia/cms@0.221.1/dist/sveltia-cms.js";
pub const SCRIPT_INTEGRITY: &str =
    "sha384-JQ+XsKx/UzwdTiNnFStza3XtqqQoVtyNPApkfvwlzZDfhe7giE9CnfQrpHqgv3k6";
/// What marks a script tag as the editor's, whatever its version.
pub const SCRIPT_MARK: &str = "@sveltia/cms@";

/// Decap CMS, pinned the same way: `cerita serve --cms` loads it, because it
/// speaks the local-backend API the preview server answers.
pub const DECAP_VERSION: &str = "3.16.3";
pub const DECAP_URL: &str = "https://unpkg.com/decap-cms@3.16.3/dist/decap-cms.js";
pub const DECAP_INTEGRITY: &str =
    "sha384-A/Gdn928CNLufmnGWGs9RM4Q9o8bSNLeJERqBFrBjwzL7FRpoLT3MPF8Tl0+Wd2p";

/// The top-level keys cerita generates; every other key is the maintainer's.
pub const GENERATED_KEYS: &[&str] = &["media_folder", "public_folder", "i18n", "collections"];

/// Where the editor saves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backend {
    /// `github`, `gitlab`, `gitea` or `test-repo`.
    pub name: String,
    /// `OWNER/NAME`.
    pub repo: Option<String>,
    pub branch: Option<String>,
}

impl Backend {
    /// GitHub with placeholders the maintainer fills in.
    pub fn placeholder() -> Backend {
        Backend {
            name: "github".into(),
            repo: Some("OWNER/NAME".into()),
            branch: Some("main".into()),
        }
    }

    pub fn new(name: &str, repo: Option<String>, branch: Option<String>) -> Result<Backend> {
        if !["github", "gitlab", "gitea", "test-repo"].contains(&name) {
            return Err(Error::Other(format!(
                "unknown backend `{name}`: use github, gitlab, gitea or test-repo"
            )));
        }
        if name == "test-repo" {
            return Ok(Backend {
                name: name.into(),
                repo: None,
                branch: None,
            });
        }
        if let Some(r) = &repo {
            if r.split('/').filter(|p| !p.is_empty()).count() < 2 {
                return Err(Error::Other(format!(
                    "--repo `{r}` is not OWNER/NAME (e.g. --repo serikat-perempuan/cerita)"
                )));
            }
        }
        Ok(Backend {
            name: name.into(),
            repo: Some(repo.unwrap_or_else(|| "OWNER/NAME".into())),
            branch: Some(branch.unwrap_or_else(|| "main".into())),
        })
    }

    fn node(&self) -> Node {
        Node::map()
            .with("name", self.name.as_str())
            .with_some("repo", self.repo.as_deref())
            .with_some("branch", self.branch.as_deref())
    }
}

const HEADER: &str = "\
# The editor's settings: Sveltia CMS (Decap CMS reads the same file).
# Written by `cerita cms init`. `cerita cms init --update` rewrites
# media_folder, public_folder, i18n and collections from the site's fields,
# languages, partners and tags, and keeps everything else (backend,
# site_url, anything you add) as you wrote it. `cerita check` says when it
# is out of date.
";

/// A new `config.yml`.
pub fn config(facts: &Facts, backend: &Backend) -> String {
    let owned = Node::map()
        .with("backend", backend.node())
        .with("site_url", facts.base_url.as_str())
        .with("display_url", facts.base_url.as_str());
    format!("{HEADER}{}{}", owned.to_yaml(), generated(facts).to_yaml())
}

/// The generated part, as one map.
pub fn generated(facts: &Facts) -> Node {
    let mut n = Node::map()
        // Photos uploaded outside a story (Decap requires a global folder);
        // a story's photos go beside it (`media_folder` per collection).
        .with("media_folder", "static/uploads")
        .with("public_folder", "/uploads");
    if facts.multilingual() {
        // Where the site keeps translations: `x.md` for the default
        // language and `x.en.md` beside it; or `stories/en/x.md` with the
        // default language's in the section (`stories/x.md`, which Sveltia
        // CMS writes) or in its own folder (`stories/id/x.md`, as Decap CMS
        // writes).
        let (structure, omit_default) = match facts.layout {
            super::Layout::Beside => ("multiple_files", true),
            super::Layout::Folders { default_in_folder } => {
                ("multiple_folders", !default_in_folder)
            }
        };
        n = n.with(
            "i18n",
            Node::map()
                .with("structure", structure)
                .with(
                    "locales",
                    Node::strs(facts.translations.iter().map(|l| facts.locale_of(*l))),
                )
                .with("default_locale", facts.locale_of(facts.language))
                .with("omit_default_locale_from_file_path", omit_default)
                // A story may exist in one language only: writers turn the
                // others on when they translate.
                .with("initial_locales", "default"),
        );
    }
    let collections: Vec<Node> = fields::COLLECTIONS
        .iter()
        .map(|c| collection(c, facts))
        .collect();
    n.with("collections", collections)
}

fn collection(c: &Collection, facts: &Facts) -> Node {
    let mut n = Node::map()
        .with("name", c.name)
        .with("label", facts.say(c.label))
        .with("label_singular", facts.say(c.label_singular))
        .with("folder", c.folder)
        .with("path", c.path)
        .with("extension", "md")
        .with("format", "yaml-frontmatter")
        .with("create", true)
        .with("identifier_field", c.identifier)
        .with("slug", "{{slug}}")
        // Photos beside the file, linked by their name, as cerita expects.
        .with("media_folder", "")
        .with("public_folder", "");
    if c.kind == crate::load::Kind::Story {
        n = n
            .with("summary", "{{title}} ({{date}})")
            .with("sortable_fields", Node::strs(["date", "title"]));
    }
    if facts.multilingual() {
        n = n.with("i18n", true);
    }
    let mut fields: Vec<Node> = c
        .form_fields(facts.multilingual())
        .map(|f| field(f, facts))
        .collect();
    let mut body = Node::map()
        .with("name", "body")
        .with("label", facts.say(fields::BODY_LABEL))
        .with("widget", "markdown")
        .with("hint", facts.say(fields::BODY_HELP))
        .with("required", false);
    if facts.multilingual() {
        body = body.with("i18n", true);
    }
    fields.push(body);
    n.with("fields", fields)
}

fn field(f: &Field, facts: &Facts) -> Node {
    let mut n = Node::map()
        .with("name", f.key)
        .with("label", facts.say(f.label));
    n = match f.widget {
        Widget::Text | Widget::Url | Widget::Slug => n.with("widget", "string"),
        Widget::LongText => n.with("widget", "text"),
        Widget::Date => n
            .with("widget", "datetime")
            // What `text::StoryDate::parse` reads as a calendar day.
            .with("format", "YYYY-MM-DD")
            .with("date_format", "YYYY-MM-DD")
            .with("time_format", false),
        Widget::Names => names(n, "name", facts.say(f.label)),
        Widget::Partners => n
            .with("widget", "relation")
            .with("collection", "partners")
            .with("value_field", "name")
            .with("search_fields", Node::strs(["name"]))
            .with("display_fields", Node::strs(["name"]))
            .with("multiple", true),
        Widget::Tags if !facts.tags.is_empty() => n
            .with("widget", "select")
            .with("multiple", true)
            .with("options", Node::strs(&facts.tags)),
        Widget::Tags => names(n, "tag", facts.say(f.label)),
        Widget::Language => n
            .with("widget", "select")
            .with(
                "options",
                Node::strs(facts.known_langs.iter().map(|l| l.code())),
            )
            .with("default", facts.language.code()),
        Widget::Boolean => n.with("widget", "boolean").with("default", false),
        Widget::Image => n.with("widget", "image"),
        Widget::Map => n.with("widget", "object"),
    };
    if f.key == "date" {
        n = n.with("default", "{{now}}");
    }
    if f.widget == Widget::Slug {
        n = n.with(
            "pattern",
            Node::strs([
                fields::SLUG_PATTERN,
                facts.say((
                    "huruf kecil a-z, angka 0-9 dan -",
                    "lowercase a-z, 0-9 and -",
                )),
            ]),
        );
    }
    if f.widget == Widget::Url {
        n = n.with(
            "pattern",
            Node::strs([
                "^https?://",
                facts.say((
                    "alamat diawali https://",
                    "an address starting with https://",
                )),
            ]),
        );
    }
    n = n
        .with("hint", facts.say(f.help))
        .with("required", f.required);
    if facts.multilingual() {
        n = n.with(
            "i18n",
            match f.translation {
                Translation::Own => Node::Bool(true),
                Translation::Shared => Node::Str("duplicate".into()),
            },
        );
    }
    n
}

/// `n` as a list of one-line texts, each item called `item`.
fn names(n: Node, item: &str, label: &str) -> Node {
    n.with("widget", "list").with(
        "field",
        Node::map()
            .with("name", item)
            .with("label", label)
            .with("widget", "string"),
    )
}

/// The admin page: the editor's script, pinned by version and integrity,
/// on a page readers never reach (`noindex`, linked from nowhere, left out
/// of the sitemap and search, which list only the site's own pages).
pub fn admin_page(facts: &Facts) -> String {
    page(
        facts,
        &format!(
            "<script src=\"{SCRIPT_URL}\" integrity=\"{SCRIPT_INTEGRITY}\" crossorigin=\"anonymous\"></script>"
        ),
    )
}

/// The admin page `cerita serve --cms` serves: Decap CMS, told to save
/// through the preview server (`api`: the local-backend address, carrying
/// this run's token).
pub fn local_admin_page(facts: &Facts, api: &str) -> String {
    // Decap wants an absolute address; the page's own origin keeps every
    // request same-origin, whichever name (127.0.0.1, localhost) opened it.
    page(
        facts,
        &format!(
            "<script>window.CMS_MANUAL_INIT = true;</script>\n<script src=\"{DECAP_URL}\" integrity=\"{DECAP_INTEGRITY}\" crossorigin=\"anonymous\"></script>\n<script>CMS.init({{config: {{local_backend: {{url: location.origin + {api}}}}}}});</script>",
            api = serde_json::Value::from(api),
        ),
    )
}

/// The settings `cerita serve --cms` gives Decap CMS: the generated
/// collections without `i18n` (Decap cannot pair `x.md` with `x.en.md`, so
/// each file is an entry of its own), saving through the local backend.
pub fn local_config(facts: &Facts) -> String {
    let single = Facts {
        translations: Vec::new(),
        ..facts.clone()
    };
    let owned = Node::map()
        // `local_backend` (this server's address) comes from the admin page.
        .with("backend", Node::map().with("name", "git-gateway"))
        .with("site_url", facts.base_url.as_str());
    format!(
        "# Served by `cerita serve --cms`: the editor saves into this folder.\n{}{}",
        owned.to_yaml(),
        generated(&single).to_yaml()
    )
}

fn page(facts: &Facts, scripts: &str) -> String {
    format!(
        "<!doctype html>\n<!-- Written by `cerita cms init`: the editor for {title}. -->\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"robots\" content=\"noindex, nofollow\">\n<link rel=\"icon\" href=\"data:,\">\n<title>Admin · {title}</title>\n</head>\n<body>\n{scripts}\n</body>\n</html>\n",
        title = crate::text::escape_html(&facts.title),
        lang = facts.language.code(),
    )
}

/// A top-level block of a YAML file: its key (`None` for the comments and
/// blank lines before the first key) and its lines.
fn blocks(text: &str) -> Vec<(Option<String>, String)> {
    let mut out: Vec<(Option<String>, String)> = vec![(None, String::new())];
    for line in text.split_inclusive('\n') {
        let starts_key = !line.starts_with([' ', '\t', '#', '-', '\n', '\r'])
            && line.contains(':')
            && !line.starts_with("---");
        if starts_key {
            let key = line
                .split(':')
                .next()
                .unwrap_or_default()
                .trim()
                .trim_matches(['"', '\''])
                .to_string();
            out.push((Some(key), String::new()));
        }
        if let Some((_, body)) = out.last_mut() {
            body.push_str(line);
        }
    }
    out
}

/// `--update`: the maintainer's blocks kept as written (a new `backend`
/// replaces theirs only when one is given), the generated ones rewritten.
pub fn update(old: &str, facts: &Facts, backend: Option<&Backend>, path: &Path) -> Result<String> {
    // Refuse to rewrite what cannot be read: the maintainer's edits would
    // be guessed at.
    crate::yaml::parse_mapping(old, 1).map_err(|e| {
        Error::Content(
            std::iter::once(
                Diagnostic::error(format!("cannot read the editor's settings: {}", e.message))
                    .at(path, old, e.line, e.col)
                    .with_hint(
                        "fix the YAML (or move the file away and run `cerita cms init` again)",
                    ),
            )
            .collect(),
        )
    })?;
    let mut out = String::new();
    for (key, body) in blocks(old) {
        match key.as_deref() {
            Some(k) if GENERATED_KEYS.contains(&k) => {}
            Some("backend") if backend.is_some() => {
                if let Some(b) = backend {
                    out.push_str(&Node::map().with("backend", b.node()).to_yaml());
                }
            }
            _ => out.push_str(&body),
        }
    }
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&generated(facts).to_yaml());
    Ok(out)
}

/// What changed since the file was generated, for `cerita check`.
pub fn drift(old: &str, facts: &Facts, path: &Path) -> Vec<Diagnostic> {
    let Ok(entries) = crate::yaml::parse_mapping(old, 1) else {
        return vec![
            Diagnostic::warning("the editor's settings are not valid YAML")
                .at_path(path)
                .with_hint("fix the file, or move it away and run `cerita cms init`"),
        ];
    };
    let now: serde_json::Value =
        serde_json::from_str(&generated(facts).to_json()).unwrap_or_default();
    let mut changes = Vec::new();
    let get = |key: &str| entries.iter().find(|e| e.key == key);
    let old_locales = locales(get("i18n").map(|e| &e.value));
    let new_locales = locales(now.get("i18n"));
    for l in new_locales.iter().filter(|l| !old_locales.contains(l)) {
        changes.push(format!("language `{l}` added"));
    }
    for l in old_locales.iter().filter(|l| !new_locales.contains(l)) {
        changes.push(format!("language `{l}` removed"));
    }
    let structure = |i18n: Option<&serde_json::Value>| {
        i18n.and_then(|v| v["structure"].as_str().map(str::to_string))
    };
    let (was, is) = (
        structure(get("i18n").map(|e| &e.value)),
        structure(now.get("i18n")),
    );
    if let (Some(was), Some(is)) = (was, is)
        && was != is
    {
        let kept = if is == "multiple_folders" {
            "in a folder per language"
        } else {
            "beside each other"
        };
        changes.push(format!(
            "translations are kept {kept} (`{is}`), the editor saves them as `{was}`"
        ));
    }
    let old_cols = get("collections")
        .map(|e| e.value.clone())
        .unwrap_or_default();
    for c in now["collections"].as_array().into_iter().flatten() {
        let name = c["name"].as_str().unwrap_or_default();
        let Some(was) = old_cols
            .as_array()
            .and_then(|cs| cs.iter().find(|o| o["name"] == c["name"]))
        else {
            changes.push(format!("collection `{name}` missing"));
            continue;
        };
        let names = |v: &serde_json::Value| -> Vec<String> {
            v["fields"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|f| f["name"].as_str().map(str::to_string))
                .collect()
        };
        let (a, b) = (names(was), names(c));
        for f in b.iter().filter(|f| !a.contains(f)) {
            changes.push(format!("field `{f}` of `{name}` missing"));
        }
        for f in a.iter().filter(|f| !b.contains(f)) {
            changes.push(format!(
                "field `{f}` of `{name}` is not a field cerita reads"
            ));
        }
        for f in c["fields"].as_array().into_iter().flatten() {
            let old_f = was["fields"]
                .as_array()
                .and_then(|fs| fs.iter().find(|o| o["name"] == f["name"]));
            if let (Some(o), Some(opts)) = (old_f, f["options"].as_array()) {
                let had = o["options"].as_array().cloned().unwrap_or_default();
                let added: Vec<&str> = opts
                    .iter()
                    .filter(|x| !had.contains(x))
                    .filter_map(|x| x.as_str())
                    .collect();
                if !added.is_empty() {
                    changes.push(format!(
                        "new {} for `{}`: {}",
                        if added.len() == 1 {
                            "choice"
                        } else {
                            "choices"
                        },
                        f["name"].as_str().unwrap_or_default(),
                        added.join(", ")
                    ));
                }
            }
        }
    }
    let generated_same = GENERATED_KEYS
        .iter()
        .all(|k| get(k).map(|e| &e.value) == now.get(*k).filter(|v| !v.is_null()));
    if changes.is_empty() && generated_same {
        return Vec::new();
    }
    if changes.is_empty() {
        changes.push("the generated settings differ from what this cerita writes".into());
    }
    let line = GENERATED_KEYS
        .iter()
        .filter_map(|k| get(k).map(|e| e.line))
        .min()
        .unwrap_or(1);
    vec![
        Diagnostic::warning(format!(
            "the editor's settings no longer match the site: {}",
            changes.join("; ")
        ))
        .at(path, old, line, 1)
        .with_hint("run `cerita cms init --update` (your backend settings are kept)"),
    ]
}

fn locales(i18n: Option<&serde_json::Value>) -> Vec<String> {
    i18n.and_then(|v| v["locales"].as_array())
        .into_iter()
        .flatten()
        .filter_map(|l| l.as_str().map(str::to_string))
        .collect()
}
