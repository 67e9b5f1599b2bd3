//! `cerita deploy-config HOST` and `cerita init --deploy HOST`: every file
//! parses with a real YAML or TOML parser and has the structure its host
//! needs; its install step is valid shell that refuses a download with the
//! wrong SHA-256; and its build steps, run as the host runs them with the
//! variables the host sets, build the site for the address the host gives
//! (a GitHub project site under `/REPO/`, a preview at its own address).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_yaml::Value;

use crate::support::*;

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// A stand-in for a host's build machine: a home folder whose
/// `.cerita-tool/bin/cerita` is the cerita under test, as the host's cache
/// would restore it, and a `PATH` with nothing on it. The install step
/// finds the cached copy and stops there; were it to install, cargo and
/// curl are not on the path, so it fails at once instead of going online.
struct Machine {
    home: tempfile::TempDir,
}

impl Machine {
    fn new() -> Self {
        let m = Machine {
            home: tempfile::tempdir().unwrap(),
        };
        m.cache_cerita(m.home.path());
        std::fs::create_dir(m.home.path().join("empty-bin")).unwrap();
        m
    }

    /// Puts the cerita under test at `root/.cerita-tool/bin/cerita`.
    fn cache_cerita(&self, root: &Path) {
        let bin = root.join(".cerita-tool/bin");
        std::fs::create_dir_all(&bin).unwrap();
        std::os::unix::fs::symlink(CERITA, bin.join("cerita")).unwrap();
    }

    /// `script` run in `dir` by bash with `args` before it, given only
    /// `HOME`, the machine's `PATH` (with `path` before it) and `env`.
    fn run(
        &self,
        dir: &Path,
        args: &[&str],
        script: &str,
        path: &[PathBuf],
        env: &[(&str, &str)],
    ) -> Output {
        let mut dirs = path.to_vec();
        dirs.push(self.home.path().join("empty-bin"));
        run_bash(dir, args, script, self.home.path(), &dirs, env)
    }
}

/// bash, found on this process's `PATH` (the scripts' own `PATH` is theirs).
fn bash() -> PathBuf {
    std::env::split_paths(&std::env::var_os("PATH").unwrap())
        .map(|d| d.join("bash"))
        .find(|p| p.is_file())
        .expect("bash on PATH")
}

fn run_bash(
    dir: &Path,
    args: &[&str],
    script: &str,
    home: &Path,
    path: &[PathBuf],
    env: &[(&str, &str)],
) -> Output {
    Command::new(bash())
        .args(args)
        .arg(script)
        .current_dir(dir)
        .env_clear()
        .env("HOME", home)
        .env("PATH", std::env::join_paths(path).unwrap())
        .env("NO_COLOR", "1")
        .envs(env.iter().copied())
        .output()
        .unwrap()
}

fn ok(o: &Output, what: &str) {
    assert!(
        o.status.success(),
        "{what} failed:\n{}\n{}",
        stdout(o),
        stderr(o)
    );
}

/// `cerita deploy-config` in the site with `args`; panics when it fails.
fn deploy_config(site: &TestSite, args: &[&str]) -> Output {
    let mut all = vec!["deploy-config"];
    all.extend_from_slice(args);
    let o = site.cerita(&all);
    ok(&o, &format!("cerita {all:?}"));
    o
}

/// A small site to build: the minimal config and one story.
fn small_site() -> TestSite {
    let site = TestSite::new();
    site.story(
        "2024/pelatihan.md",
        "Pelatihan paralegal",
        "date: 2024-03-01\n",
        "Cerita pelatihan.\n",
    );
    site
}

fn yaml(site: &TestSite, rel: &str) -> Value {
    serde_yaml::from_str(&std::fs::read_to_string(site.path(rel)).unwrap())
        .unwrap_or_else(|e| panic!("{rel} is not YAML: {e}"))
}

fn toml(site: &TestSite, rel: &str) -> toml::Table {
    std::fs::read_to_string(site.path(rel))
        .unwrap()
        .parse()
        .unwrap_or_else(|e| panic!("{rel} is not TOML: {e}"))
}

fn str_of<'a>(v: &'a Value, what: &str) -> &'a str {
    v.as_str().unwrap_or_else(|| panic!("{what}: {v:?}"))
}

/// The workflow's build job step whose `uses:` or `name:` starts with `key`.
fn step<'a>(workflow: &'a Value, key: &str) -> &'a Value {
    workflow["jobs"]["build"]["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|s| {
            s["uses"].as_str().is_some_and(|u| u.starts_with(key))
                || s["name"].as_str().is_some_and(|n| n.starts_with(key))
        })
        .unwrap_or_else(|| panic!("no step {key}"))
}

/// The page's stylesheet address and canonical address.
fn addresses(site: &TestSite) -> (String, String) {
    let doc = site.html("index.html");
    let css = attrs(&doc, "link[rel=stylesheet]", "href");
    let canonical = attrs(&doc, "link[rel=canonical]", "href");
    (css[0].clone(), canonical[0].clone())
}

#[test]
fn github_pages_workflow_builds_the_example_under_the_project_path() {
    let site = TestSite::empty();
    copy_example(site.root());
    let o = deploy_config(&site, &["github-pages"]);
    assert!(
        stdout(&o).contains("Source: GitHub Actions"),
        "{}",
        stdout(&o)
    );
    let rel = ".github/workflows/pages.yml";
    let text = std::fs::read_to_string(site.path(rel)).unwrap();
    let wf = yaml(&site, rel);
    assert_eq!(wf["permissions"]["pages"], "write");
    assert_eq!(wf["permissions"]["id-token"], "write");
    assert!(wf["concurrency"]["group"].is_string());
    let deploy = &wf["jobs"]["deploy"];
    assert_eq!(deploy["needs"], "build");
    assert_eq!(deploy["environment"]["name"], "github-pages");
    assert!(str_of(&deploy["if"], "deploy if").contains("default_branch"));
    let publish = str_of(&deploy["steps"][0]["uses"], "deploy step");
    assert!(publish.starts_with("actions/deploy-pages@"), "{publish}");
    assert_eq!(
        step(&wf, "actions/upload-pages-artifact@")["with"]["path"],
        "public"
    );
    assert_eq!(step(&wf, "actions/configure-pages@")["id"], "pages");
    let cache = step(&wf, "actions/cache@");
    assert!(str_of(&cache["with"]["key"], "cache key").contains(VERSION));
    // The photo versions come back from the last run; the copy of the last
    // output under .cerita-cache/ does not.
    let photos = step(&wf, "Restore the photo versions");
    assert_eq!(photos["with"]["path"], ".cerita-cache/images");
    assert!(str_of(&photos["with"]["key"], "photo key").contains("hashFiles("));
    // Every action is pinned to a commit, its release named beside it.
    for line in text.lines().filter(|l| l.contains("uses: ")) {
        let (_, pin) = line.split_once('@').unwrap();
        let (sha, tag) = pin.split_once(" # v").unwrap_or_else(|| panic!("{line}"));
        assert!(
            sha.len() == 40 && sha.bytes().all(|b| b.is_ascii_hexdigit()),
            "{line}"
        );
        assert!(tag.starts_with(|c: char| c.is_ascii_digit()), "{line}");
    }

    // As Actions runs it: each `run:` with `bash -e`, GITHUB_PATH carrying
    // the install step's folder to the next steps, configure-pages' base_url
    // for a project site.
    let m = Machine::new();
    let github_path = m.home.path().join("github_path");
    std::fs::write(&github_path, "").unwrap();
    let bash_e = ["--noprofile", "--norc", "-eo", "pipefail", "-c"];
    let install = step(&wf, "Install cerita");
    let o = m.run(
        site.root(),
        &bash_e,
        str_of(&install["run"], "install run"),
        &[],
        &[("GITHUB_PATH", github_path.to_str().unwrap())],
    );
    ok(&o, "the install step");
    assert!(stdout(&o).contains(&format!("cerita {VERSION} is installed")));
    let path: Vec<PathBuf> = std::fs::read_to_string(&github_path)
        .unwrap()
        .lines()
        .map(PathBuf::from)
        .collect();
    assert_eq!(path, [m.home.path().join(".cerita-tool/bin")]);

    let build = step(&wf, "Build the site");
    let base_url = str_of(&build["env"]["BASE_URL"], "BASE_URL").replace(
        "${{ steps.pages.outputs.base_url }}",
        "https://owner.github.io/repo",
    );
    let o = m.run(
        site.root(),
        &bash_e,
        str_of(&build["run"], "build run"),
        &path,
        &[("BASE_URL", &base_url)],
    );
    ok(&o, "the build step");
    let (css, canonical) = addresses(&site);
    assert!(css.starts_with("/repo/static/"), "{css}");
    assert!(
        canonical.starts_with("https://owner.github.io/repo/"),
        "{canonical}"
    );
    assert_eq!(
        broken_links(&site.path("public"), "/repo/"),
        Vec::<String>::new()
    );
}

#[test]
fn gitlab_pages_job_builds_for_ci_pages_url() {
    let site = small_site();
    deploy_config(&site, &["gitlab-pages"]);
    let ci = yaml(&site, ".gitlab-ci.yml");
    let job = &ci["pages"];
    assert_eq!(job["artifacts"]["paths"][0], "public");
    assert_eq!(job["cache"]["paths"][0], ".cerita-tool/");
    assert_eq!(job["cache"]["paths"][1], ".cerita-cache/images/");
    assert!(str_of(&job["cache"]["key"], "cache key").contains(VERSION));
    let rule = str_of(&job["rules"][0]["if"], "rule");
    assert!(rule.contains("$CI_DEFAULT_BRANCH"), "{rule}");

    // GitLab runs before_script and script in one shell, stopping at the
    // first failing line; the cache sits in the project folder.
    let lines = |key: &str| -> Vec<String> {
        job[key]
            .as_sequence()
            .unwrap()
            .iter()
            .map(|l| str_of(l, key).to_string())
            .collect()
    };
    let mut script = lines("before_script");
    script.extend(lines("script"));
    let m = Machine::new();
    m.cache_cerita(site.root());
    let project = site.root().to_str().unwrap();
    let o = m.run(
        site.root(),
        &["-eo", "pipefail", "-c"],
        &script.join("\n"),
        &[],
        &[
            ("CI_PROJECT_DIR", project),
            ("CI_PAGES_URL", "https://group.gitlab.io/project"),
            ("CI_DEFAULT_BRANCH", "main"),
            ("CI_COMMIT_BRANCH", "main"),
        ],
    );
    ok(&o, "the pages job");
    let (css, canonical) = addresses(&site);
    assert!(css.starts_with("/project/static/"), "{css}");
    assert!(
        canonical.starts_with("https://group.gitlab.io/project/"),
        "{canonical}"
    );
}

#[test]
fn netlify_builds_production_and_previews_for_their_own_addresses() {
    let site = small_site();
    deploy_config(&site, &["netlify"]);
    let config = toml(&site, "netlify.toml");
    let build = config["build"].as_table().unwrap();
    assert_eq!(build["publish"].as_str(), Some("public"));
    let command = build["command"].as_str().unwrap();
    let m = Machine::new();
    for (context, address) in [
        (
            "deploy-preview",
            "https://deploy-preview-42--situs-uji.netlify.app",
        ),
        ("production", "https://cerita.example.org"),
    ] {
        // Netlify runs the command with `bash -c`.
        let o = m.run(
            site.root(),
            &["-c"],
            command,
            &[],
            &[
                ("CONTEXT", context),
                ("URL", "https://cerita.example.org"),
                (
                    "DEPLOY_PRIME_URL",
                    "https://deploy-preview-42--situs-uji.netlify.app",
                ),
            ],
        );
        ok(&o, context);
        let (css, canonical) = addresses(&site);
        assert!(css.starts_with("/static/"), "{css}");
        assert!(
            canonical.starts_with(&format!("{address}/")),
            "{context}: {canonical}"
        );
    }
}

#[test]
fn cloudflare_pages_script_builds_previews_at_their_address_and_production_from_the_config() {
    let site = small_site();
    deploy_config(&site, &["cloudflare-pages"]);
    let config = toml(&site, "wrangler.toml");
    assert_eq!(config["pages_build_output_dir"].as_str(), Some("public"));
    assert_eq!(config["name"].as_str(), Some("situs-uji"));
    let script = "cloudflare-pages.sh";
    let text = std::fs::read_to_string(site.path(script)).unwrap();
    assert!(text.contains(&format!("bash {script}")));
    let m = Machine::new();
    let preview = "https://0a1b2c3d.situs-uji.pages.dev";
    for (branch, address) in [("kabar-baru", preview), ("main", "https://example.org")] {
        let o = m.run(
            site.root(),
            &[],
            script,
            &[],
            &[
                ("CF_PAGES", "1"),
                ("CF_PAGES_BRANCH", branch),
                ("CF_PAGES_URL", preview),
            ],
        );
        ok(&o, branch);
        let (_, canonical) = addresses(&site);
        assert!(
            canonical.starts_with(&format!("{address}/")),
            "{branch}: {canonical}"
        );
    }
}

/// Every host's install commands, from a site written with `args`.
fn install_snippets(args: &[&str]) -> Vec<(&'static str, String)> {
    let site = small_site();
    let with = |host: &str| {
        let mut all = vec![host];
        all.extend_from_slice(args);
        deploy_config(&site, &all);
    };
    for host in [
        "github-pages",
        "gitlab-pages",
        "cloudflare-pages",
        "netlify",
    ] {
        with(host);
    }
    let gh = yaml(&site, ".github/workflows/pages.yml");
    let gl = yaml(&site, ".gitlab-ci.yml");
    let netlify = toml(&site, "netlify.toml");
    vec![
        (
            "github-pages",
            str_of(&step(&gh, "Install cerita")["run"], "run").to_string(),
        ),
        (
            "gitlab-pages",
            str_of(&gl["pages"]["before_script"][0], "before_script").to_string(),
        ),
        (
            "cloudflare-pages",
            std::fs::read_to_string(site.path("cloudflare-pages.sh")).unwrap(),
        ),
        (
            "netlify",
            netlify["build"]["command"].as_str().unwrap().to_string(),
        ),
    ]
}

#[test]
fn install_steps_are_valid_shell_both_ways() {
    let sha = "ab".repeat(32);
    let url = format!(
        "https://example.org/releases/download/v{VERSION}/cerita-{VERSION}-x86_64-unknown-linux-musl.tar.gz"
    );
    let home = tempfile::tempdir().unwrap();
    for args in [vec![], vec!["--binary-url", &url, "--sha256", &sha]] {
        for (host, script) in install_snippets(&args) {
            // bash runs them all; GitLab's images may run them with sh.
            for shell in [bash(), PathBuf::from("/bin/sh")] {
                let o = Command::new(&shell)
                    .args(["-n", "-c", &script])
                    .env("HOME", home.path())
                    .output()
                    .unwrap();
                ok(&o, &format!("{} -n on {host} {args:?}", shell.display()));
            }
        }
    }
}

/// `cerita-VERSION-x86_64-unknown-linux-musl.tar.gz` in `dir`, as the
/// release workflow packs it, holding a stand-in `cerita`; and its SHA-256.
fn release_archive(dir: &Path) -> (PathBuf, String) {
    let name = format!("cerita-{VERSION}-x86_64-unknown-linux-musl");
    let inner = dir.join(&name);
    std::fs::create_dir_all(&inner).unwrap();
    let exe = inner.join("cerita");
    std::fs::write(&exe, format!("#!/bin/sh\necho 'cerita {VERSION}'\n")).unwrap();
    std::fs::set_permissions(&exe, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    std::fs::write(inner.join("README.md"), "cerita\n").unwrap();
    let archive = dir.join(format!("{name}.tar.gz"));
    let o = Command::new("tar")
        .arg("-czf")
        .arg(&archive)
        .arg("-C")
        .arg(dir)
        .arg(&name)
        .output()
        .unwrap();
    ok(&o, "tar");
    let o = Command::new("sha256sum").arg(&archive).output().unwrap();
    ok(&o, "sha256sum");
    let sha = stdout(&o).split_whitespace().next().unwrap().to_string();
    (archive, sha)
}

#[test]
fn a_release_file_is_installed_only_with_its_sha256() {
    let files = tempfile::tempdir().unwrap();
    let (archive, sha) = release_archive(files.path());
    let url = format!("file://{}", archive.display());
    let site = small_site();
    // The real tools this time (curl, tar, sha256sum), and an empty cache.
    let real_path: Vec<PathBuf> =
        std::env::split_paths(&std::env::var_os("PATH").unwrap()).collect();
    let run_install = |sha: &str| {
        deploy_config(
            &site,
            &[
                "github-pages",
                "--binary-url",
                &url,
                "--sha256",
                sha,
                "--force",
            ],
        );
        let wf = yaml(&site, ".github/workflows/pages.yml");
        let home = tempfile::tempdir().unwrap();
        let github_path = home.path().join("github_path");
        let o = run_bash(
            site.root(),
            &["--noprofile", "--norc", "-eo", "pipefail", "-c"],
            str_of(&step(&wf, "Install cerita")["run"], "run"),
            home.path(),
            &real_path,
            &[("GITHUB_PATH", github_path.to_str().unwrap())],
        );
        let installed = home.path().join(".cerita-tool/bin/cerita");
        (o, installed.is_file(), home)
    };

    // One digit off.
    let last = if sha.ends_with('0') { "1" } else { "0" };
    let wrong = format!("{}{last}", &sha[..63]);
    let (o, installed, _home) = run_install(&wrong);
    assert!(!o.status.success(), "a wrong SHA-256 was accepted");
    assert!(
        stderr(&o).contains("does not have the SHA-256 this file pins"),
        "{}",
        stderr(&o)
    );
    assert!(!installed, "installed despite the wrong SHA-256");

    let (o, installed, _home) = run_install(&sha);
    ok(&o, "the install step with the right SHA-256");
    assert!(installed);
}

#[test]
fn init_with_deploy_writes_the_site_and_the_host_file() {
    let site = TestSite::empty();
    let o = site.cerita(&["init", "situs-baru", "--deploy", "netlify"]);
    ok(&o, "init --deploy netlify");
    assert!(stdout(&o).contains("netlify.toml"), "{}", stdout(&o));
    assert!(site.path("situs-baru/cerita.yaml").is_file());
    let config = toml(&site, "situs-baru/netlify.toml");
    assert_eq!(config["build"]["publish"].as_str(), Some("public"));
    let o = site.cerita(&["build", "--root", "situs-baru"]);
    ok(&o, "build");
    // The install flags need a host.
    let o = site.cerita(&[
        "init",
        "lain",
        "--binary-url",
        "https://e.org/c.tgz",
        "--sha256",
        &"a".repeat(64),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--deploy"), "{}", stderr(&o));
    assert!(!site.path("lain").exists());
}

#[test]
fn deploy_config_never_overwrites_without_force() {
    let site = small_site();
    deploy_config(&site, &["github-pages"]);
    let rel = ".github/workflows/pages.yml";
    let edited = format!(
        "# edited by hand\n{}",
        std::fs::read_to_string(site.path(rel)).unwrap()
    );
    site.write(rel, &edited);
    let o = site.cerita(&["deploy-config", "github-pages", "--root", "."]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("pages.yml already exists"), "{err}");
    assert!(err.contains("mv ") && err.contains("--force"), "{err}");
    assert_eq!(std::fs::read_to_string(site.path(rel)).unwrap(), edited);
    // --force writes it again.
    deploy_config(&site, &["github-pages", "--force"]);
    assert!(
        !std::fs::read_to_string(site.path(rel))
            .unwrap()
            .contains("edited by hand")
    );
    // Outside a site, it says what is missing.
    let empty = TestSite::empty();
    let o = empty.cerita(&["deploy-config", "netlify"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("cerita.yaml"), "{}", stderr(&o));
    assert!(!empty.path("netlify.toml").exists());
}

/// This repository's release workflow: what `--binary-url` points at.
#[test]
fn the_release_workflow_builds_every_platform_and_lists_their_sums() {
    let path = repo().join(".github/workflows/release.yml");
    let text = std::fs::read_to_string(&path).unwrap();
    let wf: Value = serde_yaml::from_str(&text).unwrap();
    assert_eq!(wf["on"]["push"]["tags"][0], "v*");
    let targets: Vec<&str> = wf["jobs"]["build"]["strategy"]["matrix"]["include"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|t| str_of(&t["target"], "target"))
        .collect();
    assert_eq!(
        targets,
        [
            "x86_64-unknown-linux-musl",
            "aarch64-unknown-linux-musl",
            "aarch64-apple-darwin",
            "x86_64-apple-darwin",
            "x86_64-pc-windows-msvc",
        ]
    );
    let steps = |job: &str| -> String {
        wf["jobs"][job]["steps"]
            .as_sequence()
            .unwrap()
            .iter()
            .filter_map(|s| s["run"].as_str())
            .collect()
    };
    for job in ["version", "build", "release"] {
        let o = Command::new(bash())
            .args(["-n", "-c", &steps(job)])
            .output()
            .unwrap();
        ok(&o, &format!("bash -n on the {job} job"));
    }
    assert!(steps("build").contains("cargo zigbuild --release --locked"));
    assert!(steps("build").contains("static-pie linked"));
    assert!(steps("release").contains("> SHA256SUMS"));
    assert!(steps("release").contains("gh release create"));
    assert_eq!(wf["jobs"]["release"]["permissions"]["contents"], "write");
    for line in text.lines().filter(|l| l.contains("uses: ")) {
        let pin = line.split_once('@').unwrap().1;
        assert!(pin.len() > 40 && pin[40..].starts_with(" # v"), "{line}");
    }
}
