//! Pure classification of file-system changes into what must be rebuilt.
//! Table-tested; knows nothing about notify or the disk.

use std::path::{Component, Path};

/// What one changed path means for the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// `cerita.yaml`: everything is rebuilt.
    Config,
    /// A template or the theme's UI strings: recompile templates, re-render.
    Templates,
    /// A theme stylesheet: swap CSS in open tabs without a reload.
    Css,
    /// Another theme static file.
    ThemeStatic,
    /// A Markdown source, by its path under `content/`.
    Source(String),
    /// A non-Markdown file under `content/` or `static/`.
    Asset,
    /// Not part of the site (output folder, editor swap files, `.git`, …).
    Ignore,
}

/// Editor and tool droppings that must never trigger a rebuild.
fn is_noise(name: &str) -> bool {
    crate::load::is_ignored_name(name)
        || name == "4913" // vim's write probe
        || name.ends_with(".bak")
        || name.ends_with(".orig")
        || name.ends_with(".kate-swp")
        || name.contains(".cerita-staging-")
}

/// Classifies `rel`, a path relative to the site root. `theme` is the
/// configured theme's folder name.
pub fn classify(rel: &Path, theme: &str) -> Change {
    let parts: Vec<&str> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => s.to_str(),
            _ => None,
        })
        .collect();
    let Some(name) = parts.last() else {
        return Change::Ignore;
    };
    if parts.iter().any(|p| is_noise(p)) || is_noise(name) {
        return Change::Ignore;
    }
    match parts.as_slice() {
        ["cerita.yaml"] => Change::Config,
        // A folder appearing or going away as a whole: files inside it may
        // never get events of their own, so rescan what it can hold.
        ["templates"] | ["themes"] => Change::Templates,
        ["themes", t] | ["themes", t, "templates" | "static"] if *t == theme => Change::Templates,
        ["content"] | ["static"] => Change::Asset,
        ["content", rest @ ..] if !rest.is_empty() => {
            let content_path = rest.join("/");
            if content_path.ends_with(".md") {
                Change::Source(content_path)
            } else {
                Change::Asset
            }
        }
        ["static", _, ..] => Change::Asset,
        ["templates", _, ..] => Change::Templates,
        // The site's own UI strings are read with the theme.
        ["i18n"] | ["i18n", _] => Change::Templates,
        ["themes", t, "templates", _, ..] if *t == theme => Change::Templates,
        ["themes", t, "i18n.yaml"] if *t == theme => Change::Templates,
        ["themes", t, "static", .., file] if *t == theme => {
            if file.ends_with(".css") {
                Change::Css
            } else {
                Change::ThemeStatic
            }
        }
        _ => Change::Ignore,
    }
}

/// The work a batch of changes needs, strongest first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Plan {
    pub config: bool,
    pub templates: bool,
    pub theme_static: bool,
    pub css: bool,
    pub assets: bool,
    pub sources: Vec<String>,
}

impl Plan {
    pub fn from_changes(changes: impl IntoIterator<Item = Change>) -> Plan {
        let mut p = Plan::default();
        for c in changes {
            match c {
                Change::Config => p.config = true,
                Change::Templates => p.templates = true,
                Change::Css => p.css = true,
                Change::ThemeStatic => p.theme_static = true,
                Change::Asset => p.assets = true,
                Change::Source(s) => {
                    if !p.sources.contains(&s) {
                        p.sources.push(s);
                    }
                }
                Change::Ignore => {}
            }
        }
        p
    }

    pub fn is_empty(&self) -> bool {
        *self == Plan::default()
    }

    /// Only stylesheets changed: tabs can swap CSS instead of reloading.
    pub fn css_only(&self) -> bool {
        self.css
            && !self.config
            && !self.templates
            && !self.theme_static
            && !self.assets
            && self.sources.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let cases: &[(&str, Change)] = &[
            ("cerita.yaml", Change::Config),
            (
                "content/stories/2021/a.md",
                Change::Source("stories/2021/a.md".into()),
            ),
            (
                "content/partners/hapsari.md",
                Change::Source("partners/hapsari.md".into()),
            ),
            ("content/stories/2021/foto.jpg", Change::Asset),
            ("static/logo.png", Change::Asset),
            ("templates/story.html", Change::Templates),
            ("themes/default/templates/base.html", Change::Templates),
            ("themes/default/i18n.yaml", Change::Templates),
            ("i18n/jv.yaml", Change::Templates),
            ("i18n", Change::Templates),
            ("themes/default/static/style.css", Change::Css),
            ("themes/default/static/favicon.svg", Change::ThemeStatic),
            ("themes/other/templates/base.html", Change::Ignore),
            ("public/index.html", Change::Ignore),
            ("content/stories/.a.md.swp", Change::Ignore),
            ("content/stories/a.md~", Change::Ignore),
            ("content/stories/#a.md#", Change::Ignore),
            ("content/stories/4913", Change::Ignore),
            ("content/.git/index", Change::Ignore),
            (".git/HEAD", Change::Ignore),
            ("target/debug/cerita", Change::Ignore),
            (".public.cerita-staging-12/index.html", Change::Ignore),
            ("content", Change::Asset),
            ("themes", Change::Templates),
            ("themes/default/static", Change::Templates),
        ];
        for (path, want) in cases {
            assert_eq!(&classify(Path::new(path), "default"), want, "{path}");
        }
    }

    #[test]
    fn plans() {
        let p = Plan::from_changes([Change::Css, Change::Ignore]);
        assert!(p.css_only());
        let p = Plan::from_changes([
            Change::Css,
            Change::Source("stories/a.md".into()),
            Change::Source("stories/a.md".into()),
        ]);
        assert!(!p.css_only());
        assert_eq!(p.sources.len(), 1);
        assert!(Plan::from_changes([Change::Ignore]).is_empty());
    }
}
