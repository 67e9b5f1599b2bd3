//! What to build and how: one options type for `build`, `check` and `serve`,
//! which the command line maps onto in one place (`main.rs`) and every stage
//! reads from. Options that only one command uses say so.

use std::path::PathBuf;
use std::time::Duration;

/// The options of one run.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The site folder (holding `cerita.yaml`).
    pub root: PathBuf,
    /// `build`: the output folder; defaults to `ROOT/public`.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` from the config.
    pub base_url: Option<String>,
    /// Publish drafts and future-dated stories.
    pub drafts: bool,
    /// Copy photos as they are instead of resizing them (a fast draft build).
    pub no_images: bool,
    /// Leave the search index out (a fast draft build, and how the
    /// benchmarks measure what the index costs).
    pub no_search: bool,
    /// `serve --cms`: answer the web editor's local-backend API.
    pub cms: bool,
    /// `check --external`: also ask other sites about links to them.
    pub external: Option<ExternalOptions>,
}

impl Options {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Options {
            root: root.into(),
            ..Default::default()
        }
    }

    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// How `check --external` asks other sites.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExternalOptions {
    /// For each link, end to end.
    pub timeout: Duration,
    /// Requests in flight at once.
    pub concurrency: usize,
}

impl Default for ExternalOptions {
    fn default() -> Self {
        ExternalOptions {
            timeout: Duration::from_secs(10),
            concurrency: 8,
        }
    }
}
