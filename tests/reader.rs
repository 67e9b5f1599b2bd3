//! What readers on phones get, checked in headless Chromium with tools
//! nobody on the project wrote: axe-core for accessibility (WCAG 2.2 A and
//! AA rules) on every page type, at phone and desktop width, in light and
//! dark colour schemes.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cdp;
mod common;

use std::path::{Path, PathBuf};

use cdp::{Browser, StaticServer};
use common::*;
use serde_json::json;

const PREFIX: &str = "/cerita/";

/// axe-core, pinned: fetched from the npm registry once into `target/tools/`
/// and checked against its hash.
const AXE_VERSION: &str = "4.14.1";
const AXE_SHA256: &str = "e6b0ce02b84d892e2e33e403485e7f3d6c29e2be6df65daf44d89ba564139745";

fn tools() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/tools")
}

/// The axe-core script, fetched if missing.
fn axe() -> String {
    let js = tools().join(format!("axe-{AXE_VERSION}.min.js"));
    if !js.is_file() {
        std::fs::create_dir_all(tools()).unwrap();
        let tgz = tools().join(format!("axe-core-{AXE_VERSION}.tgz"));
        let url = format!("https://registry.npmjs.org/axe-core/-/axe-core-{AXE_VERSION}.tgz");
        let ok = std::process::Command::new("curl")
            .args(["-sSfL", "-o"])
            .arg(&tgz)
            .arg(&url)
            .status()
            .is_ok_and(|s| s.success());
        assert!(
            ok,
            "could not download {url}: install curl, or put axe.min.js at {}",
            js.display()
        );
        let sum = std::process::Command::new("sha256sum")
            .arg(&tgz)
            .output()
            .unwrap();
        let sum = String::from_utf8_lossy(&sum.stdout);
        assert!(
            sum.starts_with(AXE_SHA256),
            "{url}: unexpected sha256 {sum}"
        );
        let dir = tempfile::tempdir_in(tools()).unwrap();
        let ok = std::process::Command::new("tar")
            .args(["xzf"])
            .arg(&tgz)
            .arg("-C")
            .arg(dir.path())
            .arg("package/axe.min.js")
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "could not unpack {}", tgz.display());
        std::fs::rename(dir.path().join("package/axe.min.js"), &js).unwrap();
    }
    std::fs::read_to_string(js).unwrap()
}

/// Builds the example site under the `/cerita/` sub-path.
fn build() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_cerita"))
        .args(["build", "--root", env!("CARGO_MANIFEST_DIR"), "--output"])
        .arg(&out)
        .args(["--base-url", "https://example.org/cerita/"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    (tmp, out)
}

/// Every page type a reader meets, and what to wait for before checking it.
const PAGES: &[(&str, &str, &str)] = &[
    ("home", "", "true"),
    (
        "story with code and a table",
        "stories/panduan-menulis-cerita/",
        "true",
    ),
    ("partners", "partners/", "true"),
    ("partner", "partners/hapsari/", "true"),
    ("tag", "tags/pelatihan/", "true"),
    ("archive", "archive/", "true"),
    (
        "search with results",
        "search/?q=perempuan",
        "document.querySelectorAll('#search-results li').length > 0",
    ),
    ("404", "tidak-ada/", "true"),
];

#[test]
fn axe_finds_no_wcag_violations_on_any_page_type() {
    let Some(chromium) = cdp::chromium() else {
        return;
    };
    let axe = axe();
    let (_tmp, out) = build();
    let server = StaticServer::start(&out, PREFIX);
    let mut b = Browser::launch(&chromium);
    let mut failures = Vec::new();
    let mut checked = 0;
    for (width, height, mobile) in [(360, 640, true), (1280, 800, false)] {
        b.viewport(width, height, mobile);
        for scheme in ["light", "dark"] {
            b.page(
                "Emulation.setEmulatedMedia",
                json!({"features": [{"name": "prefers-color-scheme", "value": scheme}]}),
            );
            for (name, path, ready) in PAGES {
                b.goto(&server.url(&format!("{PREFIX}{path}")));
                b.wait_for(ready);
                b.eval(&axe);
                let r = b.eval(
                    "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']}, resultTypes: ['violations']}).then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' — ' + n.failureSummary)})))",
                );
                checked += 1;
                for v in r.as_array().unwrap() {
                    failures.push(format!("{name} ({width}px, {scheme}): {v:#}"));
                }
            }
        }
    }
    assert_eq!(checked, 32);
    assert!(
        failures.is_empty(),
        "{} violation(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}
