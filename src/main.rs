//! The `cerita` command: parse arguments, call the library, print diagnostics
//! and set the exit code. The only place that prints or exits.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use cerita::deploy::{Host, Install, Written};
use cerita::error::{Diagnostics, Error};
use cerita::lang::Lang;
use cerita::{BuildReport, ExternalOptions, Options};
use clap::builder::PossibleValuesParser;
use clap::{Args, Parser, Subcommand};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `println!` to standard output, where a reader that went away
/// (`cerita import … | head -1`) ends the command quietly, as other Unix
/// tools end, instead of a panic.
macro_rules! say {
    ($($arg:tt)*) => {
        write_out(format_args!("{}\n", format_args!($($arg)*)))
    };
}

/// `print!`, as [`say!`].
macro_rules! say_raw {
    ($($arg:tt)*) => {
        write_out(format_args!($($arg)*))
    };
}

fn write_out(text: std::fmt::Arguments<'_>) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_fmt(text).and_then(|()| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("cerita: cannot write to standard output: {e}");
        std::process::exit(1);
    }
}

#[derive(Parser)]
#[command(
    name = "cerita",
    version,
    about = "Static sites for community stories: Markdown + YAML front matter → a themed static site."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum CmsCommand {
    /// Write the web editor (Sveltia CMS; Decap CMS reads the same file) for this
    /// site: static/admin/index.html and static/admin/config.yml, generated from
    /// cerita's fields and the site's languages, partners and tags.
    Init {
        /// Site folder.
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
        /// Where the editor saves: github, gitlab, gitea, or test-repo (in the
        /// browser only, for trying it out).
        #[arg(long, value_parser = ["github", "gitlab", "gitea", "test-repo"])]
        backend: Option<String>,
        /// The repository, OWNER/NAME.
        #[arg(long, value_name = "OWNER/NAME")]
        repo: Option<String>,
        /// The branch the editor commits to (default: main).
        #[arg(long)]
        branch: Option<String>,
        /// Regenerate the parts cerita writes in existing files; your backend
        /// settings (and anything else you added) are kept.
        #[arg(long)]
        update: bool,
        /// Also write .pages.yml for Pages CMS.
        #[arg(long)]
        pages: bool,
        /// Also write frontmatter.json for Front Matter CMS (VS Code).
        #[arg(long)]
        frontmatter: bool,
    },
}

#[derive(Subcommand)]
enum ImportFrom {
    /// A Blogger backup (Settings → Back up content): posts become stories, pages
    /// pages, drafts drafts; old .html addresses keep working (aliases).
    Blogger {
        /// The export file (.xml).
        export: PathBuf,
        /// Site folder.
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
        /// Overwrite files that exist (a second import otherwise writes nothing).
        #[arg(long)]
        force: bool,
    },
    /// A WordPress export (Tools → Export → All content): posts become stories,
    /// pages pages, drafts drafts; photos come from --uploads; old addresses keep
    /// working (aliases). Never overwrites a file without --force.
    Wordpress {
        /// The export file (.xml).
        export: PathBuf,
        /// Site folder.
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
        /// A copy of the old site's wp-content/uploads folder: photos are copied beside
        /// their stories from there.
        #[arg(long, value_name = "DIR")]
        uploads: Option<PathBuf>,
        /// Overwrite files that exist (a second import otherwise writes nothing).
        #[arg(long)]
        force: bool,
        /// Also import the items of this post type of the site's own (`kegiatan`,
        /// `berita`) as stories; repeat it or separate types with commas.
        #[arg(long = "post-type", value_name = "TYPE", value_delimiter = ',')]
        post_types: Vec<String>,
    },
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (default: ROOT/public).
    Build {
        #[command(flatten)]
        site: SiteArgs,
        /// Output folder; replaced only when the build succeeds.
        #[arg(long, short, value_name = "DIR")]
        output: Option<PathBuf>,
        #[command(flatten)]
        draft: DraftArgs,
    },
    /// Write the UI strings a language lacks into i18n/LANG.yaml to translate,
    /// each commented out with the text shown until then.
    Strings {
        /// The language (one of the site's, e.g. jv, en).
        lang: String,
        /// Site folder.
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
    },
    /// Validate everything `build` would, without writing anything.
    Check {
        #[command(flatten)]
        site: SiteArgs,
        /// `human` (grouped by file, on stderr) or `json` (one object on stdout, for tools).
        #[arg(long, value_parser = ["human", "json"], default_value = "human")]
        format: String,
        #[command(flatten)]
        external: ExternalArgs,
    },
    /// Build into memory, serve on 127.0.0.1, rebuild and reload tabs on every edit.
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        #[command(flatten)]
        draft: DraftArgs,
        /// Port to listen on (0 picks a free one).
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
        /// Address to listen on. Anything but loopback exposes the preview to your network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in a browser once it is ready.
        #[arg(long)]
        open: bool,
        /// Also serve the web editor at /admin/, saving into content/ and static/
        /// (Decap CMS's local backend; this computer only).
        #[arg(long)]
        cms: bool,
    },
    /// Create a new story in content/stories/YYYY/ (or a translation of one) and print its path.
    New {
        /// The story's title, e.g. "Pelatihan paralegal di Deli Serdang".
        #[arg(required_unless_present = "translation_of")]
        title: Option<String>,
        /// Write the `--lang` version of this story, page or partner profile beside it
        /// (`x.md` → `x.en.md`), its shared fields filled in.
        #[arg(long, value_name = "FILE", requires = "lang")]
        translation_of: Option<PathBuf>,
        /// Site folder.
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
        /// A partner organisation (repeat for more).
        #[arg(long = "partner", value_name = "NAME")]
        partners: Vec<String>,
        /// A topic tag (repeat for more).
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// Language of the story (a language tag: id, en, jv, …; default: id).
        #[arg(long)]
        lang: Option<String>,
    },
    /// Bring an existing blog in: its posts, pages and photos into content/.
    #[command(subcommand)]
    Import(ImportFrom),
    /// A web editor for writers who never touch git.
    #[command(subcommand)]
    Cms(CmsCommand),
    /// Print a JSON Schema (2020-12) of the front matter, for CI and editors.
    Schema {
        /// Site folder (its languages, partners and tags are in the schema).
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
        /// Only one kind of file (default: any, each kind under $defs).
        #[arg(long, value_parser = ["story", "partner", "page"])]
        kind: Option<String>,
    },
    /// Create a new site in DIR (config, an example story, an about page).
    Init {
        /// Folder for the new site (created if missing).
        dir: PathBuf,
        /// Also write the file HOST builds and publishes the site with (see deploy-config).
        #[arg(long, value_name = "HOST", value_parser = PossibleValuesParser::new(Host::NAMES))]
        deploy: Option<String>,
        #[command(flatten)]
        install: InstallArgs,
    },
    /// Write the file a host builds and publishes the site with: a GitHub Actions
    /// workflow, .gitlab-ci.yml, wrangler.toml and its build script, or netlify.toml.
    /// It installs this version of cerita, then runs `cerita check` and `cerita build`
    /// for the address the host gives each deployment.
    DeployConfig {
        /// Where the site is published.
        #[arg(value_parser = PossibleValuesParser::new(Host::NAMES))]
        host: String,
        /// Site folder.
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
        #[command(flatten)]
        install: InstallArgs,
        /// Replace the host's files if they exist (after upgrading cerita, to pin
        /// the new version; compare with the old ones before committing).
        #[arg(long)]
        force: bool,
    },
}

/// How a host's build installs cerita: `cargo install --locked` of this
/// version, or a release file.
#[derive(Args)]
struct InstallArgs {
    /// Download cerita from this release file (.tar.gz, .zip or the executable)
    /// instead of compiling it with `cargo install`.
    #[arg(long, value_name = "URL", requires = "sha256")]
    binary_url: Option<String>,
    /// The SHA-256 of --binary-url's file (its line in the release's SHA256SUMS);
    /// the host's build fails if the download differs.
    #[arg(long, value_name = "HEX", requires = "binary_url")]
    sha256: Option<String>,
}

impl InstallArgs {
    fn install(&self) -> Result<Install, Error> {
        match (&self.binary_url, &self.sha256) {
            (Some(url), Some(sha256)) => Install::binary(url, sha256),
            _ => Ok(Install::Cargo),
        }
    }
}

/// What `build`, `check` and `serve` share.
#[derive(Args)]
struct SiteArgs {
    /// Site folder (holding cerita.yaml).
    #[arg(long, default_value = ".", value_name = "DIR")]
    root: PathBuf,
    /// Include drafts and stories dated in the future.
    #[arg(long)]
    drafts: bool,
    /// Override `base_url` from cerita.yaml (e.g. https://example.org/cerita/).
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Print the time each stage took (`serve`: after every rebuild).
    #[arg(long)]
    timings: bool,
}

/// Quicker, incomplete sites while writing (`build` and `serve`).
#[derive(Args, Default)]
struct DraftArgs {
    /// Copy photos as they are instead of resizing them.
    #[arg(long)]
    no_images: bool,
    /// Leave the search index out (the search page finds nothing).
    #[arg(long)]
    no_search: bool,
}

/// `check --external` and how it asks.
#[derive(Args)]
struct ExternalArgs {
    /// Also check links to other sites (slow: asks each one over the network).
    #[arg(long)]
    external: bool,
    /// With --external: seconds to wait for each link.
    #[arg(long, default_value_t = 10, value_name = "SECONDS")]
    timeout: u64,
    /// With --external: links asked at once.
    #[arg(long, default_value_t = 8, value_name = "N")]
    concurrency: usize,
}

/// The one mapping from the command line onto the library's options.
fn options(site: &SiteArgs, output: Option<PathBuf>, draft: &DraftArgs) -> Options {
    Options {
        root: site.root.clone(),
        output,
        base_url: site.base_url.clone(),
        drafts: site.drafts,
        no_images: draft.no_images,
        no_search: draft.no_search,
        cms: false,
        external: None,
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            report_error(&e);
            ExitCode::from(1)
        }
    }
}

fn today() -> time::Date {
    time::OffsetDateTime::now_utc().date()
}

/// Today on the site's clock (its `time_zone`), so a story written now is
/// not dated tomorrow or yesterday; UTC's when the settings cannot be read.
fn today_at(root: &std::path::Path) -> time::Date {
    cerita::pipeline::read_config(&Options::new(root.to_path_buf()))
        .ok()
        .and_then(|c| c.time_zone.today())
        .unwrap_or_else(today)
}

/// Photos done so far, on one line that is cleared at the end, when stderr
/// is a terminal and there are enough to wait for.
fn progress(stage: &'static str, done: usize, total: usize) {
    if total <= 4 || !std::io::stderr().is_terminal() {
        return;
    }
    let mut err = std::io::stderr();
    let _ = if done >= total {
        write!(err, "\r\x1b[K")
    } else {
        write!(err, "\r{stage}: {done}/{total}")
    };
}

fn run(cli: Cli) -> Result<(), Error> {
    match cli.command {
        Command::Build {
            site,
            output,
            draft,
        } => build(&site, output, &draft),
        Command::Check {
            site,
            format,
            external,
        } => check(&site, &format, &external),
        Command::Serve {
            site,
            draft,
            port,
            bind,
            open,
            cms,
        } => serve(&site, &draft, (bind, port).into(), open, cms),
        Command::Import(ImportFrom::Blogger {
            export,
            root,
            force,
        }) => {
            let report = cerita::import::blogger(&cerita::import::ImportOptions {
                root,
                export,
                uploads: None,
                force,
                post_types: Vec::new(),
            })?;
            say!("{report}");
            Ok(())
        }
        Command::Import(ImportFrom::Wordpress {
            export,
            root,
            uploads,
            force,
            post_types,
        }) => {
            let report = cerita::import::wordpress(&cerita::import::ImportOptions {
                root,
                export,
                uploads,
                force,
                post_types,
            })?;
            say!("{report}");
            Ok(())
        }
        Command::Strings { lang, root } => strings(&lang, &root),
        Command::New {
            title,
            translation_of,
            root,
            partners,
            tags,
            lang,
        } => {
            let lang = match lang.as_deref().map(|l| (l, Lang::parse(l))) {
                Some((_, Some(l))) => l,
                Some((l, None)) => {
                    return Err(Error::Other(format!(
                        "`--lang {l}` is not a language tag (e.g. id, en, jv, pt-BR)"
                    )));
                }
                None => Lang::ID,
            };
            let path = match (translation_of, title) {
                (Some(original), _) => cerita::scaffold::new_translation(&root, &original, lang)?,
                (None, Some(title)) => cerita::scaffold::new_story(
                    &root,
                    &title,
                    &partners,
                    &tags,
                    lang,
                    today_at(&root),
                )?,
                (None, None) => return Err(Error::Other("give the story's title".into())),
            };
            say!("{}", path.display());
            Ok(())
        }
        Command::Cms(CmsCommand::Init {
            root,
            backend,
            repo,
            branch,
            update,
            pages,
            frontmatter,
        }) => {
            let backend = match backend {
                Some(b) => Some(cerita::cms::decap::Backend::new(&b, repo, branch)?),
                None if repo.is_some() || branch.is_some() => {
                    Some(cerita::cms::decap::Backend::new("github", repo, branch)?)
                }
                None => None,
            };
            let placeholder = backend.is_none() && !update;
            let done = cerita::cms::init(
                &root,
                &cerita::cms::InitOptions {
                    backend,
                    update,
                    pages,
                    frontmatter,
                },
            )?;
            for w in &done {
                match w {
                    cerita::cms::Written::Created(p) => say!("created {}", p.display()),
                    cerita::cms::Written::Updated(p) => say!("updated {}", p.display()),
                    cerita::cms::Written::Unchanged(p) => {
                        say!("up to date {}", p.display())
                    }
                }
            }
            if placeholder {
                say!(
                    "next: put your repository in static/admin/config.yml (backend: repo: OWNER/NAME), or run again with --backend github --repo OWNER/NAME --update"
                );
            }
            say!(
                "the editor opens at /admin/ of the published site; `cerita serve --cms` edits this folder directly"
            );
            Ok(())
        }
        Command::Schema { root, kind } => {
            let kind = kind.as_deref().map(|k| match k {
                "partner" => cerita::load::Kind::Partner,
                "page" => cerita::load::Kind::Page,
                _ => cerita::load::Kind::Story,
            });
            let facts = cerita::cms::Facts::read(&root)?;
            say_raw!("{}", cerita::cms::jsonschema::schema(&facts, kind));
            Ok(())
        }
        Command::Init {
            dir,
            deploy,
            install,
        } => {
            let written = match deploy {
                Some(host) => {
                    cerita::deploy::init(&dir, today(), host.parse()?, install.install()?)?
                }
                None if install.binary_url.is_some() => {
                    return Err(Error::Other(
                        "--binary-url and --sha256 go with --deploy HOST".into(),
                    ));
                }
                None => Written {
                    files: cerita::scaffold::init(&dir, today())?,
                    next: Vec::new(),
                },
            };
            print_written(&written);
            say!("next: cd {} && cerita build", dir.display());
            Ok(())
        }
        Command::DeployConfig {
            host,
            root,
            install,
            force,
        } => {
            let written = cerita::deploy::write(&root, host.parse()?, install.install()?, force)?;
            print_written(&written);
            Ok(())
        }
    }
}

/// The files written, then what to do next.
fn print_written(w: &Written) {
    for f in &w.files {
        say!("wrote {}", f.display());
    }
    for line in &w.next {
        say!("next: {line}");
    }
}

fn build(site: &SiteArgs, output: Option<PathBuf>, draft: &DraftArgs) -> Result<(), Error> {
    let opts = options(site, output, draft);
    let (report, model) = cerita::build_with(&opts, Some(Arc::new(progress)))?;
    // The process ends right after: the system takes its memory back at
    // once, where freeing every page's HTML one by one took about 2 % of a
    // build.
    std::mem::forget(model);
    print_warnings(&report.warnings);
    let out = report
        .output
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let verb = if report.up_to_date {
        "up to date, nothing changed since the last build:"
    } else {
        "built"
    };
    say!("{} → {out}", summary(verb, &report));
    if site.timings {
        print_timings(&report);
    }
    Ok(())
}

fn check(site: &SiteArgs, format: &str, external: &ExternalArgs) -> Result<(), Error> {
    let opts = Options {
        external: external.external.then(|| ExternalOptions {
            timeout: std::time::Duration::from_secs(external.timeout.max(1)),
            concurrency: external.concurrency.max(1),
        }),
        ..options(site, None, &DraftArgs::default())
    };
    if format == "json" {
        let (ok, diags) = match cerita::check(&opts) {
            Ok(r) => (true, r.warnings.into_vec()),
            Err(Error::Content(d)) => (false, d.into_vec()),
            Err(other) => (
                false,
                vec![cerita::error::Diagnostic::error(other.to_string())],
            ),
        };
        say!("{}", check_json(ok, &diags));
        if !ok {
            std::process::exit(1);
        }
        return Ok(());
    }
    let report = cerita::check(&opts)?;
    print_warnings(&report.warnings);
    say!(
        "{}: no errors, {} warning(s)",
        summary("checked", &report),
        report.warnings.warning_count()
    );
    if site.timings {
        print_timings(&report);
    }
    Ok(())
}

/// `cerita strings LANG`: what the language lacks, written out to translate.
fn strings(lang: &str, root: &std::path::Path) -> Result<(), Error> {
    let Some(lang) = Lang::parse(lang) else {
        return Err(Error::Other(format!(
            "`{lang}` is not a language tag (e.g. id, en, jv, pt-BR)"
        )));
    };
    let (path, added, lacking) = cerita::scaffold::new_strings(root, lang)?;
    let mut out = std::io::stdout();
    let _ = match (added, lacking) {
        (0, 0) => writeln!(
            out,
            "{}: no UI string is missing in `{lang}`",
            path.display()
        ),
        (0, n) => writeln!(
            out,
            "{}: the {n} UI string(s) still to translate are in it already, commented out",
            path.display()
        ),
        (n, _) => writeln!(
            out,
            "{}: {n} UI string(s) to translate (remove the `# ` of each line translated)",
            path.display()
        ),
    };
    Ok(())
}

fn serve(
    site: &SiteArgs,
    draft: &DraftArgs,
    addr: std::net::SocketAddr,
    open: bool,
    cms: bool,
) -> Result<(), Error> {
    if !addr.ip().is_loopback() {
        let mut err = anstream::stderr();
        let yellow = anstyle::AnsiColor::Yellow.on_default().bold();
        let _ = writeln!(
            err,
            "{yellow}warning{yellow:#}: listening on {}: anyone on your network can open this preview",
            addr.ip()
        );
    }
    let timings = site.timings;
    let opts = Options {
        cms,
        ..options(site, None, draft)
    };
    cerita::serve::serve(&opts, addr, move |r| serve_report(r, open, timings))
}

fn serve_report(r: cerita::serve::Report, open: bool, timings: bool) {
    use cerita::serve::Report;
    match r {
        Report::Listening(_, url) => {
            let mut out = std::io::stdout();
            let _ = writeln!(out, "cerita: serving {url} (Ctrl-C to stop)");
            let _ = out.flush();
            if open {
                let opener = if cfg!(target_os = "macos") {
                    "open"
                } else {
                    "xdg-open"
                };
                let _ = std::process::Command::new(opener).arg(&url).spawn();
            }
        }
        Report::Editor(url) => {
            let mut out = std::io::stdout();
            let _ = writeln!(
                out,
                "cerita: the editor is at {url} (saves into content/ and static/)"
            );
            let _ = out.flush();
        }
        Report::Built(o) => {
            print_new_warnings(&o.warnings);
            let mut out = std::io::stdout();
            let _ = writeln!(
                out,
                "cerita: rendered {} of {} pages in {:.0} ms{}{}{}",
                o.pages_rendered,
                o.pages_total,
                o.elapsed.as_secs_f64() * 1000.0,
                if o.css_only { " (stylesheet only)" } else { "" },
                o.first.map_or_else(String::new, |(d, n)| format!(
                    "; the saved and open pages ({n}) in {:.0} ms",
                    d.as_secs_f64() * 1000.0
                )),
                if o.stopped {
                    "; the rest follows the next save"
                } else {
                    ""
                }
            );
            if timings {
                let parts: Vec<String> = o
                    .phases
                    .iter()
                    .map(|(n, d)| format!("{n} {:.1} ms", d.as_secs_f64() * 1000.0))
                    .collect();
                let _ = writeln!(out, "  {}", parts.join(", "));
            }
            let _ = out.flush();
        }
        Report::Failed(e) => match &e {
            Error::Content(diags) => {
                // The warnings as after any rebuild, then every error, last
                // where the eye lands.
                print_new_warnings(diags);
                let errors: Diagnostics = diags.iter().filter(|d| d.is_error()).cloned().collect();
                let mut err = err_buf();
                for d in errors.render_folded(true) {
                    let _ = writeln!(err, "{d}\n");
                }
                let red = anstyle::AnsiColor::Red.on_default().bold();
                let _ = writeln!(
                    err,
                    "{red}error{red:#}: {} error(s), {} warning(s); the previous output is unchanged",
                    diags.error_count(),
                    diags.warning_count()
                );
                send_err(err);
            }
            _ => report_error(&e),
        },
    }
}

/// The warnings `serve` printed after the last rebuild, as rendered.
static SHOWN_WARNINGS: std::sync::Mutex<Option<std::collections::HashSet<String>>> =
    std::sync::Mutex::new(None);

/// `serve`'s warnings after a rebuild: those the last one printed are
/// counted, not printed again, so what the last save changed is what a
/// writer sees (errors are always printed in full).
fn print_new_warnings(d: &Diagnostics) {
    let warnings: Diagnostics = d.iter().filter(|d| !d.is_error()).cloned().collect();
    let blocks = warnings.render_folded(true);
    let mut shown = SHOWN_WARNINGS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let before = shown.take().unwrap_or_default();
    let mut err = err_buf();
    let mut again = 0;
    for w in &blocks {
        if before.contains(w) {
            again += 1;
        } else {
            let _ = writeln!(err, "{w}\n");
        }
    }
    if again > 0 {
        let _ = writeln!(
            err,
            "cerita: {again} warning(s) as after the last save, not shown again"
        );
    }
    send_err(err);
    *shown = Some(blocks.into_iter().collect());
}

fn summary(verb: &str, r: &BuildReport) -> String {
    let parts: Vec<String> = cerita::render::COUNT_KINDS
        .iter()
        .filter_map(|k| {
            r.render
                .counts
                .get(k)
                .filter(|n| **n > 0)
                .map(|n| format!("{n} {}", counted(*n, k)))
        })
        .collect();
    format!(
        "cerita: {verb} {} in {:.2} s",
        parts.join(", "),
        r.elapsed.as_secs_f64()
    )
}

/// `kind` (a plural: "stories", "partner pages") as `n` of it reads.
fn counted(n: usize, kind: &str) -> std::borrow::Cow<'_, str> {
    match (n, kind.strip_suffix("ies")) {
        (1, Some(stem)) => format!("{stem}y").into(),
        (1, None) => kind.strip_suffix('s').unwrap_or(kind).into(),
        _ => kind.into(),
    }
}

fn print_timings(r: &BuildReport) {
    let mut err = err_buf();
    for (kind, d) in &r.render.cpu {
        let _ = writeln!(
            err,
            "  render {kind:<14} {:>8.1} ms CPU",
            d.as_secs_f64() * 1000.0
        );
    }
    if let Some((stats, d)) = &r.search {
        let _ = writeln!(
            err,
            "  search index   {:>8.1} ms ({} words, {} roots, {} shards, {} KB)",
            d.as_secs_f64() * 1000.0,
            stats.words,
            stats.roots,
            stats.shards,
            stats.bytes / 1024
        );
    }
    for (stage, d) in &r.timings {
        let _ = writeln!(err, "  {stage:<14} {:>8.1} ms", d.as_secs_f64() * 1000.0);
    }
    send_err(err);
}

/// `cerita check --format json`: `{ok, errors, warnings, diagnostics: [{severity,
/// file, line, column, message, hint}]}`, diagnostics sorted by file and line.
fn check_json(ok: bool, diags: &[cerita::error::Diagnostic]) -> String {
    let mut list: Vec<&cerita::error::Diagnostic> = diags.iter().collect();
    list.sort_by(|a, b| (&a.path, a.line, a.col).cmp(&(&b.path, b.line, b.col)));
    let count = |s: cerita::error::Severity| diags.iter().filter(|d| d.severity == s).count();
    serde_json::json!({
        "ok": ok,
        "errors": count(cerita::error::Severity::Error),
        "warnings": count(cerita::error::Severity::Warning),
        "diagnostics": list.iter().map(|d| serde_json::json!({
            "severity": d.severity,
            "file": d.path.as_ref().map(|p| p.display().to_string()),
            "line": d.line,
            "column": d.col,
            "message": d.message,
            "hint": d.hint,
        })).collect::<Vec<_>>(),
    })
    .to_string()
}

/// A buffer for text bound for stderr, coloured or not as stderr would be.
/// Diagnostics are written through one and sent in one piece
/// ([`send_err`]): a site with thousands of warnings otherwise costs a
/// system call per line.
fn err_buf() -> anstream::AutoStream<Vec<u8>> {
    anstream::AutoStream::new(Vec::new(), anstream::stderr().current_choice())
}

fn send_err(buf: anstream::AutoStream<Vec<u8>>) {
    let bytes = buf.into_inner();
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(&bytes);
    let _ = err.flush();
}

fn print_warnings(d: &Diagnostics) {
    if d.is_empty() {
        return;
    }
    let mut err = err_buf();
    for w in d.render_folded(true) {
        let _ = writeln!(err, "{w}\n");
    }
    send_err(err);
}

fn report_error(e: &Error) {
    let mut err = err_buf();
    let red = anstyle::AnsiColor::Red.on_default().bold();
    match e {
        Error::Content(diags) => {
            for d in diags.render_folded(true) {
                let _ = writeln!(err, "{d}\n");
            }
            let _ = writeln!(
                err,
                "{red}error{red:#}: {} error(s), {} warning(s); the previous output is unchanged",
                diags.error_count(),
                diags.warning_count()
            );
        }
        other => {
            let _ = writeln!(err, "{red}error{red:#}: {other}");
        }
    }
    send_err(err);
}
