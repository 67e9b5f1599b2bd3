//! The files each [`Host`] builds and publishes the site with, as text: a
//! pure function of the host and the [`Settings`]. Every file installs
//! cerita with [`install_script`] in a step of its own, then checks and
//! builds the site for the address the host gives the deployment.

use std::str::FromStr;

use super::install::{Install, VERSION, install_script};
use crate::error::{Error, Result};
use crate::yaml::quote;

/// Where a host's build keeps the installed cerita (`ROOT/bin/cerita`),
/// under the home folder: the GitHub cache saves it from there.
const HOME_ROOT: &str = "$HOME/.cerita-tool";
/// GitLab caches only paths inside the project.
const GITLAB_ROOT: &str = "$CI_PROJECT_DIR/.cerita-tool";

/// The photo versions cerita encoded, kept between runs by hosts that cache
/// folders; not the rest of `.cerita-cache/`, which holds a copy of the last
/// output.
const PHOTO_CACHE: &str = crate::images::identity::CACHE_DIR;

/// Third-party actions, pinned to a commit, the release tag beside it.
const CHECKOUT: &str = "actions/checkout@df4cb1c069e1874edd31b4311f1884172cec0e10 # v6.0.3";
const CONFIGURE_PAGES: &str =
    "actions/configure-pages@45bfe0192ca1faeb007ade9deae92b16b8254a0d # v6.0.0";
const CACHE: &str = "actions/cache@27d5ce7f107fe9357f9df03efb73ab90386fccae # v5.0.5";
const UPLOAD_PAGES: &str =
    "actions/upload-pages-artifact@fc324d3547104276b827a68afc52ff2a11cc49c9 # v5.0.0";
const DEPLOY_PAGES: &str = "actions/deploy-pages@cd2ce8fcbc39b97be8ca5fce6e763baed58fa128 # v5.0.0";

/// A static host cerita writes the build configuration for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Host {
    GithubPages,
    GitlabPages,
    CloudflarePages,
    Netlify,
}

impl Host {
    pub const ALL: [Host; 4] = [
        Host::GithubPages,
        Host::GitlabPages,
        Host::CloudflarePages,
        Host::Netlify,
    ];
    /// The names on the command line, in the order of [`Host::ALL`].
    pub const NAMES: [&'static str; 4] = [
        "github-pages",
        "gitlab-pages",
        "cloudflare-pages",
        "netlify",
    ];

    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

impl FromStr for Host {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        Host::ALL
            .into_iter()
            .find(|h| h.name() == s)
            .ok_or_else(|| {
                Error::Other(format!(
                    "`{s}` is not a host cerita knows; one of: {}",
                    Host::NAMES.join(", ")
                ))
            })
    }
}

/// What the files depend on besides the host.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The site's title: names the workflow and the Cloudflare project.
    pub title: String,
    /// The cerita version installed.
    pub version: String,
    pub install: Install,
}

impl Settings {
    pub fn new(title: &str, install: Install) -> Self {
        Settings {
            title: title.to_string(),
            version: VERSION.to_string(),
            install,
        }
    }
}

/// One file to write, its path relative to the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostFile {
    pub path: &'static str,
    pub text: String,
    /// A script the host runs (mode 755).
    pub executable: bool,
}

/// `text` with every non-empty line indented by `n` spaces.
fn indent(text: &str, n: usize) -> String {
    let pad = " ".repeat(n);
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for line in text.lines() {
        if !line.is_empty() {
            out.push_str(&pad);
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// The lines at the head of every file: who wrote it, and how to renew it.
fn written_by(host: Host, s: &Settings) -> String {
    format!(
        "Written by `cerita deploy-config {}` for cerita {}. After upgrading\n\
         cerita, run that again with --force to pin the new version.",
        host.name(),
        s.version
    )
}

/// The files `host` needs, with their text.
pub fn files(host: Host, s: &Settings) -> Vec<HostFile> {
    match host {
        Host::GithubPages => vec![HostFile {
            path: ".github/workflows/pages.yml",
            text: github(s),
            executable: false,
        }],
        Host::GitlabPages => vec![HostFile {
            path: ".gitlab-ci.yml",
            text: gitlab(s),
            executable: false,
        }],
        Host::CloudflarePages => vec![
            HostFile {
                path: "wrangler.toml",
                text: wrangler(s),
                executable: false,
            },
            HostFile {
                path: CLOUDFLARE_SCRIPT,
                text: cloudflare_script(s),
                executable: true,
            },
        ],
        Host::Netlify => vec![HostFile {
            path: "netlify.toml",
            text: netlify(s),
            executable: false,
        }],
    }
}

/// Comment lines (`# …`) from plain lines.
fn comment(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.is_empty() {
                "#\n".to_string()
            } else {
                format!("# {l}\n")
            }
        })
        .collect()
}

fn github(s: &Settings) -> String {
    let v = &s.version;
    let head = comment(&format!(
        "Publishes {} on GitHub Pages. Every push builds the site, so a story\n\
         that breaks the build shows up on its branch; the default branch's\n\
         build is published.\n\
         {}\n\
         \n\
         Once, in the repository: Settings → Pages → Build and deployment →\n\
         Source: GitHub Actions. A project site lives under a sub-path\n\
         (https://OWNER.github.io/REPO/): configure-pages gives the build that\n\
         address, so every link and feed includes /REPO/ (a custom domain's\n\
         address works the same way).",
        s.title,
        written_by(Host::GithubPages, s)
    ));
    let install = indent(&install_script(&s.install, v, HOME_ROOT), 10);
    format!(
        "{head}name: {name}\n\
         \n\
         on:\n\
         \x20 push:\n\
         \x20 workflow_dispatch:\n\
         \n\
         permissions:\n\
         \x20 contents: read\n\
         \x20 pages: write\n\
         \x20 id-token: write\n\
         \n\
         # One run per branch at a time: a newer push waits instead of cutting\n\
         # a deployment off halfway.\n\
         concurrency:\n\
         \x20 group: pages-${{{{ github.ref }}}}\n\
         \x20 cancel-in-progress: false\n\
         \n\
         jobs:\n\
         \x20 build:\n\
         \x20   runs-on: ubuntu-latest\n\
         \x20   steps:\n\
         \x20     - name: Check out the site\n\
         \x20       uses: {CHECKOUT}\n\
         \x20       with:\n\
         \x20         persist-credentials: false\n\
         \x20     - name: Ask GitHub Pages for the site's address\n\
         \x20       id: pages\n\
         \x20       uses: {CONFIGURE_PAGES}\n\
         \x20     - name: Restore cerita {v} from the cache\n\
         \x20       uses: {CACHE}\n\
         \x20       with:\n\
         \x20         path: ~/.cerita-tool\n\
         \x20         key: cerita-${{{{ runner.os }}}}-${{{{ runner.arch }}}}-{v}-{tag}\n\
         \x20     # Photos are encoded once: the versions of the last run come back,\n\
         \x20     # and only new or changed photos are encoded again.\n\
         \x20     - name: Restore the photo versions from the cache\n\
         \x20       uses: {CACHE}\n\
         \x20       with:\n\
         \x20         path: {PHOTO_CACHE}\n\
         \x20         key: cerita-photos-${{{{ hashFiles('cerita.yaml', 'content/**') }}}}\n\
         \x20         restore-keys: cerita-photos-\n\
         \x20     - name: Install cerita {v}\n\
         \x20       run: |\n\
         {install}\
         \x20         echo \"$CERITA_ROOT/bin\" >> \"$GITHUB_PATH\"\n\
         \x20     - name: Build the site\n\
         \x20       env:\n\
         \x20         BASE_URL: ${{{{ steps.pages.outputs.base_url }}}}/\n\
         \x20       run: |\n\
         \x20         cerita check --base-url \"$BASE_URL\"\n\
         \x20         cerita build --base-url \"$BASE_URL\"\n\
         \x20     - name: Upload the site\n\
         \x20       uses: {UPLOAD_PAGES}\n\
         \x20       with:\n\
         \x20         path: public\n\
         \n\
         \x20 deploy:\n\
         \x20   needs: build\n\
         \x20   if: github.ref == format('refs/heads/{{0}}', github.event.repository.default_branch)\n\
         \x20   runs-on: ubuntu-latest\n\
         \x20   environment:\n\
         \x20     name: github-pages\n\
         \x20     url: ${{{{ steps.deployment.outputs.page_url }}}}\n\
         \x20   steps:\n\
         \x20     - name: Publish on GitHub Pages\n\
         \x20       id: deployment\n\
         \x20       uses: {DEPLOY_PAGES}\n",
        name = quote(&format!("Publish {}", s.title)),
        tag = s.install.cache_tag(),
    )
}

fn gitlab(s: &Settings) -> String {
    let v = &s.version;
    let head = comment(&format!(
        "Publishes {} on GitLab Pages from the default branch.\n\
         {}\n\
         \n\
         GitLab gives the job the site's address in CI_PAGES_URL (a project site\n\
         is https://GROUP.gitlab.io/PROJECT, under a sub-path), and the build\n\
         uses it for every link. GitLab 17.9 and later also know `pages: true`\n\
         and `publish:`; a job named `pages` whose artifact is public/ works on\n\
         every version.",
        s.title,
        written_by(Host::GitlabPages, s)
    ));
    // Compiling needs Rust and a C compiler; a download, curl alone.
    let image = match s.install {
        Install::Cargo => "rust:1",
        Install::Binary { .. } => "buildpack-deps:bookworm-curl",
    };
    let install = indent(&install_script(&s.install, v, GITLAB_ROOT), 6);
    format!(
        "{head}pages:\n\
         \x20 stage: deploy\n\
         \x20 image: {image}\n\
         \x20 cache:\n\
         \x20   key: cerita-{v}-{tag}\n\
         \x20   paths:\n\
         \x20     - .cerita-tool/\n\
         \x20     - {PHOTO_CACHE}/\n\
         \x20 before_script:\n\
         \x20   - |\n\
         {install}\
         \x20 script:\n\
         \x20   - cerita check --base-url \"$CI_PAGES_URL/\"\n\
         \x20   - cerita build --base-url \"$CI_PAGES_URL/\"\n\
         \x20 artifacts:\n\
         \x20   paths:\n\
         \x20     - public\n\
         \x20 rules:\n\
         \x20   - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH\n",
        tag = s.install.cache_tag(),
    )
}

/// The script Cloudflare Pages runs as its build command.
const CLOUDFLARE_SCRIPT: &str = "cloudflare-pages.sh";

/// The Pages project's name: lowercase letters, digits and dashes.
fn project_name(title: &str) -> String {
    let slug = crate::text::slugify(title);
    let slug: String = slug.chars().take(58).collect();
    match slug.trim_end_matches('-') {
        "" => "cerita".to_string(),
        s => s.to_string(),
    }
}

/// How a cargo install fares on hosts that keep no cache for it.
fn uncached_note(s: &Settings) -> &'static str {
    match s.install {
        Install::Cargo => {
            "This host keeps no cache for it: installing with cargo compiles cerita\n\
             in every build (several minutes); a release binary (`--binary-url URL\n\
             --sha256 HEX`) takes seconds.\n"
        }
        Install::Binary { .. } => "",
    }
}

fn wrangler(s: &Settings) -> String {
    let head = comment(&format!(
        "Cloudflare Pages settings for {}.\n\
         {}\n\
         \n\
         Pages reads the output folder from this file; the build command is set\n\
         in the dashboard (Workers & Pages → the project → Settings → Build):\n\
         \x20 Build command: bash {CLOUDFLARE_SCRIPT}\n\
         That script installs cerita {} and builds the site: the production\n\
         branch with base_url from cerita.yaml, every other branch as a preview\n\
         at its own address (CF_PAGES_URL). `name` is the Pages project's name.",
        s.title,
        written_by(Host::CloudflarePages, s),
        s.version
    ));
    format!(
        "{head}name = \"{}\"\npages_build_output_dir = \"public\"\n",
        project_name(&s.title)
    )
}

fn cloudflare_script(s: &Settings) -> String {
    let head = comment(&format!(
        "Cloudflare Pages runs this to build {} (Build command:\n\
         `bash {CLOUDFLARE_SCRIPT}`; wrangler.toml names the output folder).\n\
         {}\n{}",
        s.title,
        written_by(Host::CloudflarePages, s),
        uncached_note(s)
    ));
    format!(
        "#!/usr/bin/env bash\n\
         {head}set -euo pipefail\n\
         \n\
         {install}\n\
         # Build. Production uses base_url from cerita.yaml (the custom domain, or\n\
         # PROJECT.pages.dev): CF_PAGES_URL is this one deployment's own address.\n\
         # Every other branch is a preview, built for CF_PAGES_URL\n\
         # (https://HASH.PROJECT.pages.dev) so its links stay on the preview.\n\
         # The production branch is main unless CERITA_PRODUCTION_BRANCH says\n\
         # otherwise (Settings → Variables and Secrets).\n\
         if [ \"${{CF_PAGES_BRANCH:-}}\" = \"${{CERITA_PRODUCTION_BRANCH:-main}}\" ]; then\n\
         \x20 cerita check\n\
         \x20 cerita build\n\
         else\n\
         \x20 cerita check --base-url \"$CF_PAGES_URL/\"\n\
         \x20 cerita build --base-url \"$CF_PAGES_URL/\"\n\
         fi\n",
        install = install_script(&s.install, &s.version, HOME_ROOT)
    )
}

fn netlify(s: &Settings) -> String {
    let head = comment(&format!(
        "Netlify settings for {}.\n\
         {}\n\
         \n\
         The build command installs cerita {} and builds the site: production\n\
         (CONTEXT=production) for the site's address, URL; deploy previews and\n\
         branch deploys for their own, DEPLOY_PRIME_URL, so their links stay on\n\
         the preview. Netlify runs the command with bash.\n{}",
        s.title,
        written_by(Host::Netlify, s),
        s.version,
        uncached_note(s)
    ));
    let command = format!(
        "set -e\n\
         {install}\n\
         # Build.\n\
         if [ \"$CONTEXT\" = production ]; then\n\
         \x20 base_url=\"$URL/\"\n\
         else\n\
         \x20 base_url=\"$DEPLOY_PRIME_URL/\"\n\
         fi\n\
         cerita check --base-url \"$base_url\"\n\
         cerita build --base-url \"$base_url\"\n",
        install = install_script(&s.install, &s.version, HOME_ROOT)
    );
    format!(
        "{head}[build]\npublish = \"public\"\ncommand = {}\n",
        toml_literal_block(&command)
    )
}

/// A TOML multi-line literal string: the text as it is, nothing escaped.
/// The texts put here are cerita's own shell, with URLs that hold no `'`
/// ([`Install::binary`]), so they never contain the closing `'''`.
fn toml_literal_block(text: &str) -> String {
    debug_assert!(!text.contains("'''"));
    format!("'''\n{text}'''")
}

/// The next steps after writing `host`'s files, one line each.
pub fn next_steps(host: Host, s: &Settings) -> Vec<String> {
    let mut next = vec![match host {
        Host::GithubPages => "push to GitHub, then in the repository: Settings → Pages → Build and deployment → Source: GitHub Actions; each push to the default branch publishes the site".to_string(),
        Host::GitlabPages => "push to GitLab: the `pages` job publishes the default branch (Deploy → Pages shows the address)".to_string(),
        Host::CloudflarePages => format!(
            "in Cloudflare: Workers & Pages → Create → Pages → connect the repository, name the project `{}` (wrangler.toml's name), Build command: bash {CLOUDFLARE_SCRIPT}; production builds use base_url from cerita.yaml, so set it to the production address",
            project_name(&s.title)
        ),
        Host::Netlify => "in Netlify: Add new site → Import an existing project; netlify.toml sets the build command and the publish folder".to_string(),
    }];
    if s.install == Install::Cargo {
        next.push(format!(
            "the build installs cerita {} with `cargo install`, which compiles it; once a release is published, `--binary-url URL --sha256 HEX` downloads it instead",
            s.version
        ));
    }
    next
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(install: Install) -> Settings {
        Settings::new("Cerita: \"Komunitas\" #1", install)
    }

    fn binary() -> Install {
        Install::binary(
            "https://example.org/releases/v0.1.0/cerita-0.1.0-x86_64-unknown-linux-musl.tar.gz",
            &"ab".repeat(32),
        )
        .unwrap()
    }

    #[test]
    fn every_host_installs_with_the_one_snippet_before_building() {
        for install in [Install::Cargo, binary()] {
            let s = settings(install.clone());
            for host in Host::ALL {
                let root = if host == Host::GitlabPages {
                    GITLAB_ROOT
                } else {
                    HOME_ROOT
                };
                let snippet = install_script(&install, VERSION, root);
                let text: String = files(host, &s).iter().map(|f| f.text.as_str()).collect();
                // The snippet's lines, whatever the file indents them by.
                let lines: Vec<&str> = text.lines().map(str::trim).collect();
                let first = snippet.lines().next().unwrap();
                let at = lines.iter().position(|l| *l == first).unwrap();
                for (i, line) in snippet.lines().enumerate() {
                    assert_eq!(lines[at + i], line.trim(), "{host:?}");
                }
                // Building comes after, and only after, installing.
                let builds = |l: &&str| l.trim_start_matches("- ").starts_with("cerita build");
                assert!(!lines[..at].iter().any(builds), "{host:?}");
                assert!(lines[at..].iter().any(builds), "{host:?}");
            }
        }
    }

    #[test]
    fn project_names_are_what_pages_accepts() {
        assert_eq!(project_name("Cerita Komunitas"), "cerita-komunitas");
        assert_eq!(project_name("!!!"), "cerita");
        let long = project_name(&"Kabar ".repeat(20));
        assert!(long.len() <= 58 && !long.ends_with('-'), "{long}");
    }

    #[test]
    fn host_names_round_trip() {
        for host in Host::ALL {
            assert_eq!(host.name().parse::<Host>().unwrap(), host);
        }
        assert!("vercel".parse::<Host>().is_err());
    }
}
