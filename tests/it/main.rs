//! The integration tests, one test binary: each module covers one area of
//! `cerita` through the real binary (and, for search and the writer-facing
//! stages, the library), and `support` holds the helpers they share.
//!
//! `cargo test --test it` runs them all; `cargo test --test it serve::` one area.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

mod agree;
mod browser;
mod build;
mod check;
mod cli;
mod cms;
mod deploy;
mod errors;
mod images;
mod import;
mod languages;
mod migrate;
mod offline;
mod properties;
mod reader;
mod redirects;
mod relevance;
mod rich;
mod search;
mod serve;
mod shortcodes;
