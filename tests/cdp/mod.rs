//! The DevTools client and static host for `benches/search_bytes.rs`, which
//! takes this file by path. They live with the tests, in
//! `tests/it/support/cdp.rs`.

// The benchmark uses part of the client only.
#[allow(dead_code)]
#[path = "../it/support/cdp.rs"]
mod client;

pub use client::*;
