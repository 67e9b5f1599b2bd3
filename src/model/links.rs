//! The site's link table: which URL each source and asset under `content/`
//! gets, used by the Markdown stage to resolve `@/` and relative links.

use std::collections::{HashMap, HashSet};

use crate::error::Diagnostic;
use crate::load::{Asset, Source};
use crate::markdown::Resolver;

pub struct SiteResolver {
    base_path: String,
    sources: HashMap<String, String>,
    assets: HashMap<String, String>,
    /// Asset URL → its responsive markup data.
    pictures: HashMap<String, crate::markdown::ImageMarkup>,
    /// Drafts and future stories: they exist but are not published.
    pub unpublished: HashSet<String>,
    /// Byte sizes of files that are not photos (downloads).
    bytes: HashMap<String, u64>,
    /// Data files' texts (`captions.yaml`), by path under `content/`.
    data: HashMap<String, String>,
    /// Paths of the files under `static/`.
    statics: HashSet<String>,
    /// Each published source's translation group and language (on a site
    /// in several languages), and each group's version in each language: a
    /// link from a translation to a file in the default language leads to
    /// the version in its own.
    groups: HashMap<String, (String, crate::lang::Lang)>,
    versions: HashMap<(String, crate::lang::Lang), String>,
    /// The site's default language.
    default_lang: Option<crate::lang::Lang>,
}

impl SiteResolver {
    pub fn new(
        base_path: String,
        assets: &[Asset],
        unpublished: Vec<String>,
        images: &crate::config::ImageConfig,
    ) -> Self {
        let pictures = assets
            .iter()
            .filter_map(|a| {
                let size = a.size?;
                let url = |p: &str| format!("{base_path}{p}");
                let versions = a.hash.and_then(|h| {
                    Some((h, crate::images::naming::variants(&a.out, size, h, images)?))
                });
                let m = match versions {
                    Some((hash, v)) => crate::markdown::ImageMarkup {
                        width: v.size().0,
                        height: v.size().1,
                        srcset: Some(crate::images::naming::Variants::srcset(&v.own, url)),
                        webp_srcset: (!v.webp.is_empty())
                            .then(|| crate::images::naming::Variants::srcset(&v.webp, url)),
                        avif_srcset: (!v.avif.is_empty())
                            .then(|| crate::images::naming::Variants::srcset(&v.avif, url)),
                        webp_largest: v.webp.last().map(|w| url(&w.2)),
                        og: crate::images::naming::og_crop(&a.out, size, hash, images).map(|c| {
                            crate::markdown::OgImage {
                                source: a.out.clone(),
                                url: url(&c.out),
                                width: c.width,
                                height: c.height,
                            }
                        }),
                        thumb: crate::images::naming::thumb(&a.out, size, hash, images).map(
                            |(own, webp)| crate::markdown::Thumb {
                                source: a.out.clone(),
                                own: format!("{} {}w", url(&own.2), own.0),
                                webp: webp.map(|w| format!("{} {}w", url(&w.2), w.0)),
                            },
                        ),
                    },
                    None => crate::markdown::ImageMarkup {
                        width: size.0,
                        height: size.1,
                        srcset: None,
                        webp_srcset: None,
                        avif_srcset: None,
                        webp_largest: None,
                        og: None,
                        thumb: None,
                    },
                };
                Some((url(&a.out), m))
            })
            .collect();
        let bytes = assets
            .iter()
            .filter_map(|a| Some((a.out.clone(), a.bytes?)))
            .collect();
        let data = assets
            .iter()
            .filter_map(|a| Some((a.out.clone(), a.data.clone()?)))
            .collect();
        let assets = assets
            .iter()
            .filter(|a| a.data.is_none())
            .map(|a| (a.out.clone(), format!("{base_path}{}", a.out)))
            .collect();
        SiteResolver {
            base_path,
            sources: HashMap::new(),
            assets,
            pictures,
            unpublished: unpublished.into_iter().collect(),
            bytes,
            data,
            statics: HashSet::new(),
            groups: HashMap::new(),
            versions: HashMap::new(),
            default_lang: None,
        }
    }

    /// The site's default language: a link to a file in it, from a
    /// translation, leads to that translation's language's version.
    pub fn set_default_lang(&mut self, lang: crate::lang::Lang) {
        self.default_lang = Some(lang);
    }

    /// The source at `content_path` is the `lang` version of translation
    /// group `group` (leaving the group it was in).
    pub fn place_version(&mut self, content_path: &str, group: &str, lang: crate::lang::Lang) {
        self.remove_version(content_path);
        self.groups
            .insert(content_path.to_string(), (group.to_string(), lang));
        self.versions
            .insert((group.to_string(), lang), content_path.to_string());
    }

    /// The source at `content_path` is no longer a version of any group.
    pub fn remove_version(&mut self, content_path: &str) {
        if let Some((group, lang)) = self.groups.remove(content_path) {
            if self
                .versions
                .get(&(group.clone(), lang))
                .map(String::as_str)
                == Some(content_path)
            {
                self.versions.remove(&(group, lang));
            }
        }
    }

    /// The files under `static/`, which a cover's path may name as Hugo's
    /// themes read it (`images/poster.jpg` for `static/images/poster.jpg`).
    pub fn set_static(&mut self, assets: &[Asset]) {
        self.statics = assets.iter().map(|a| a.out.clone()).collect();
    }

    pub fn add_source(&mut self, content_path: &str, url: String) {
        self.sources.insert(content_path.to_string(), url);
    }

    /// Puts the source at `content_path` at the site-relative `path`
    /// (`stories/slug/`), under the site's base path as `Config::url` does.
    pub fn place_source(&mut self, content_path: &str, path: &str) {
        let url = format!("{}{}", self.base_path, path.trim_start_matches('/'));
        self.add_source(content_path, url);
    }

    /// A draft or future story (or a new file) published at `path`, as if
    /// the catalog had published it.
    pub fn publish_source(&mut self, content_path: &str, path: &str) {
        self.unpublished.remove(content_path);
        self.place_source(content_path, path);
    }

    /// A published source taken away: unpublished when its file is still
    /// there (`exists`; links to it are then errors that say so), unknown
    /// when it is gone.
    pub fn withdraw_source(&mut self, content_path: &str, exists: bool) {
        self.sources.remove(content_path);
        if exists {
            self.unpublished.insert(content_path.to_string());
        }
    }

    /// Resolves an `image:`/`logo:` front-matter value: absolute URLs pass,
    /// relative paths are looked up beside the file, `@/…` and `/…` under
    /// `content/`. A missing file is an error at `pos`.
    pub fn image_field(
        &self,
        value: &str,
        src: &Source,
        pos: Option<(usize, usize)>,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<String> {
        let v = value.trim();
        let (line, col) = pos.unwrap_or((1, 1));
        if let Some(d) = crate::markdown::unshown_image(v) {
            diags.push(d.at(&src.path, &src.text, line, col));
            return None;
        }
        if v.starts_with("https://") || v.starts_with("http://") {
            return Some(v.to_string());
        }
        let target = match v.strip_prefix("@/").or_else(|| v.strip_prefix('/')) {
            Some(rest) => Some(rest.to_string()),
            None => crate::markdown::join_relative(src.content_dir(), v),
        };
        if let Some(url) = target.as_deref().and_then(|t| self.asset_url(t)) {
            return Some(url);
        }
        // `/…` not under `content/`: an address on the site (a file in
        // `static/`, or one the host serves), as in a story's text; shown
        // as it is, without resized versions, and `cerita check` looks.
        if v.starts_with('/') && !v.starts_with("//") {
            return Some(crate::markdown::on_site(&self.base_path, v));
        }
        // Hugo's themes read a cover's path from the site's root
        // (`image: "images/poster.jpg"` is `static/images/poster.jpg`):
        // one not beside the story but in `static/` is that file.
        let in_static = v.trim_start_matches("./");
        if self.statics.contains(in_static) {
            return Some(crate::markdown::on_site(
                &self.base_path,
                &format!("/{in_static}"),
            ));
        }
        let hint = if crate::markdown::is_template_value(v) {
            crate::markdown::TEMPLATE_IMAGE_HINT.to_string()
        } else if let Some((meant, near)) = target.as_deref().and_then(|t| Some((t, self.near(t)?)))
        {
            crate::markdown::near_hint(v, &near, meant)
        } else {
            "put the image beside the Markdown file and give its file name, a path under `content/` starting with `@/`, or, for a file in `static/`, its path there starting with `/`".to_string()
        };
        diags.push(
            Diagnostic::error(format!("image not found: `{v}`"))
                .at(&src.path, &src.text, line, col)
                .with_hint(hint),
        );
        None
    }
}

impl Resolver for SiteResolver {
    fn source_url(&self, content_path: &str) -> Option<String> {
        self.sources.get(content_path).cloned()
    }

    fn image(&self, url: &str) -> Option<crate::markdown::ImageMarkup> {
        self.pictures.get(url).cloned()
    }

    fn asset_url(&self, content_path: &str) -> Option<String> {
        self.assets.get(content_path).cloned()
    }

    fn base_path(&self) -> &str {
        &self.base_path
    }

    fn is_unpublished(&self, content_path: &str) -> bool {
        self.unpublished.contains(content_path)
    }

    fn asset_bytes(&self, content_path: &str) -> Option<u64> {
        self.bytes.get(content_path).copied()
    }

    fn data_text(&self, content_path: &str) -> Option<&str> {
        self.data.get(content_path).map(String::as_str)
    }

    fn near(&self, content_path: &str) -> Option<String> {
        let (dir, name) = content_path.rsplit_once('/').unwrap_or(("", content_path));
        // A file's name, not a folder's address (`../rapat/`).
        if !name.contains('.') {
            return None;
        }
        // A story as a folder (`rapat/index.md`) named as a file, or the
        // other way round.
        let other_form = match name.strip_suffix(".md") {
            Some("index" | "_index") => Some(format!("{dir}.md")),
            Some(stem) => Some(format!("{dir}/{stem}/index.md"))
                .map(|p| p.trim_start_matches('/').to_string()),
            None => None,
        };
        if let Some(p) = other_form.filter(|p| self.sources.contains_key(p)) {
            return Some(p);
        }
        let name_of = |k: &str| k.rsplit('/').next().unwrap_or(k).to_lowercase();
        let lower = name.to_lowercase();
        let files = || self.assets.keys().chain(self.sources.keys());
        let in_dir: Vec<&str> = files()
            .map(String::as_str)
            .filter(|k| k.rsplit_once('/').map_or("", |(d, _)| d) == dir)
            .collect();
        if let Some(same) = in_dir.iter().find(|k| name_of(k) == lower) {
            return Some((*same).to_string());
        }
        // A slip of a letter only in a name long enough to tell: `x.md` is
        // no misspelt `a.md`.
        let stem = lower.rsplit_once('.').map_or(lower.as_str(), |(s, _)| s);
        if stem.chars().count() >= 5 {
            let names: Vec<String> = in_dir.iter().map(|k| name_of(k)).collect();
            let refs: Vec<&str> = names.iter().map(String::as_str).collect();
            if let Some(i) = crate::text::closest(name, &refs)
                .and_then(|found| refs.iter().position(|n| *n == found))
            {
                return in_dir.get(i).map(|k| (*k).to_string());
            }
        }
        // The same name in one other folder (a photo moved, or a story
        // linked from the folder it was in): named when only one folder
        // has it, in any capitals.
        if matches!(lower.as_str(), "index.md" | "_index.md") {
            return None;
        }
        let mut elsewhere = files().filter(|k| name_of(k) == lower);
        let only = match (elsewhere.next(), elsewhere.next()) {
            (Some(only), None) => only,
            _ => return None,
        };
        // Not another story's own file: bundles name theirs alike
        // (`logo.png`, `cover.jpg`), and one is no other's.
        let folder = only.rsplit_once('/').map_or("", |(d, _)| d);
        let bundle = self.sources.keys().any(|k| {
            k.rsplit_once('/')
                .is_some_and(|(d, n)| d == folder && n.starts_with("index."))
        });
        (!bundle).then(|| only.clone())
    }

    fn translation(&self, content_path: &str, lang: crate::lang::Lang) -> Option<String> {
        // Only from the default language's file, the one a translation is
        // copied from: a link written to another language's version on
        // purpose (`@/stories/x.en.md`, "in English") stays.
        let (group, own) = self.groups.get(content_path)?;
        if Some(*own) != self.default_lang || *own == lang {
            return None;
        }
        self.versions.get(&(group.clone(), lang)).cloned()
    }

    fn assets_in(&self, dir: &str) -> Vec<String> {
        let prefix = format!("{}/", dir.trim_end_matches('/'));
        let mut out: Vec<String> = self
            .assets
            .keys()
            .filter(|k| {
                k.strip_prefix(&prefix)
                    .is_some_and(|rest| !rest.contains('/'))
            })
            .cloned()
            .collect();
        out.sort_unstable();
        out
    }
}
