//! The site's link table: which URL each source and asset under `content/`
//! gets, used by the Markdown stage to resolve `@/` and relative links.

use std::collections::{HashMap, HashSet};

use crate::load::Asset;
use crate::markdown::Resolver;

pub struct SiteResolver {
    base_path: String,
    sources: HashMap<String, String>,
    assets: HashMap<String, String>,
    /// Drafts and future stories: they exist but are not published.
    pub unpublished: HashSet<String>,
}

impl SiteResolver {
    pub fn new(base_path: String, assets: &[Asset], unpublished: Vec<String>) -> Self {
        let assets = assets
            .iter()
            .map(|a| (a.out.clone(), format!("{base_path}{}", a.out)))
            .collect();
        SiteResolver {
            base_path,
            sources: HashMap::new(),
            assets,
            unpublished: unpublished.into_iter().collect(),
        }
    }

    pub fn add_source(&mut self, content_path: &str, url: String) {
        self.sources.insert(content_path.to_string(), url);
    }
}

impl Resolver for SiteResolver {
    fn source_url(&self, content_path: &str) -> Option<String> {
        self.sources.get(content_path).cloned()
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
}
