//! Old addresses keep working: every `aliases:` entry of a story, page or
//! partner profile becomes a small redirect page at the old path (a
//! `refresh` to the new one, its canonical link, a visible link, `noindex`)
//! and a `301` line in `_redirects`, the rules file Netlify and Cloudflare
//! Pages read. An old address with a query string (`/?p=123`) can only be a
//! host rule: it gets the `_redirects` line alone.
//!
//! [`plan`] runs after the model (build, check and serve alike) and reports
//! aliases that are not addresses or that land on a page of the site or on
//! another alias; [`write`] writes the pages and the rules file.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use crate::config::Config;
use crate::error::{Diagnostic, Error};
use crate::lang::Lang;
use crate::model::{Redirect, Sites};
use crate::output::Sink;
use crate::text::{escape_attr, escape_html};
use crate::theme::Theme;

use super::job::Job;

/// The host rules file.
pub const RULES: &str = "_redirects";

/// One alias as written, with where it came from.
struct Wanted<'a> {
    alias: &'a str,
    path: &'a Path,
    pos: Option<(usize, usize)>,
    to: String,
    title: &'a str,
    lang: Lang,
}

impl<'a> Wanted<'a> {
    /// One for each of a file's `aliases`, all leading to `to`.
    fn each(
        aliases: &'a [String],
        path: &'a Path,
        positions: &BTreeMap<String, (usize, usize)>,
        to: String,
        title: &'a str,
        lang: Lang,
    ) -> impl Iterator<Item = Wanted<'a>> {
        let pos = positions.get("aliases").copied();
        aliases.iter().map(move |alias| Wanted {
            alias,
            path,
            pos,
            to: to.clone(),
            title,
            lang,
        })
    }
}

/// Every alias of `sites` as a [`Redirect`], and the problems: an alias
/// that is not an address, one that lands on a page of the site, two that
/// land on one place. `per`: stories a listing page shows (`paginate`).
pub fn plan(sites: &Sites, per: usize) -> (Vec<Redirect>, Vec<Diagnostic>) {
    let mut wanted: Vec<Wanted> = Vec::new();
    for site in &sites.langs {
        for s in &site.stories {
            let m = &s.meta;
            let to = s.url.clone();
            wanted.extend(Wanted::each(
                &m.aliases,
                &s.path,
                &m.positions,
                to,
                &m.title,
                s.lang,
            ));
        }
        for p in &site.pages {
            let m = &p.meta;
            let to = p.url.clone();
            wanted.extend(Wanted::each(
                &m.aliases,
                &p.path,
                &m.positions,
                to,
                &m.title,
                p.lang,
            ));
        }
        for (i, partner) in site.partners.iter().enumerate() {
            // A profile's aliases once: in its own language's section.
            let Some(prof) = partner.profile.as_ref().filter(|p| p.lang == site.lang) else {
                continue;
            };
            let (m, to) = (&prof.meta, Job::Partner(i, 1).path(site));
            wanted.extend(Wanted::each(
                &m.redirects,
                &prof.path,
                &m.positions,
                to,
                &partner.name,
                site.lang,
            ));
        }
    }
    if wanted.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let taken: HashSet<String> = Job::output_paths(sites, per)
        .chain(sites.assets.iter().map(|a| a.out.clone()))
        .collect();
    let mut diags = Vec::new();
    let mut out: Vec<Redirect> = Vec::new();
    // (file or from+query) → index in `out`, with its source.
    let mut seen: BTreeMap<String, (usize, &Path)> = BTreeMap::new();
    for w in &wanted {
        let at = |d: Diagnostic| {
            let mut d = d.at_path(w.path);
            if let Some((line, col)) = w.pos {
                d.line = Some(line);
                d.col = Some(col);
            }
            d
        };
        let (from, query) = match address(w.alias) {
            Ok(x) => x,
            Err(why) => {
                let hint = if why == PATTERN {
                    "write the address the old site gave this page, each placeholder filled in: `/:year/:month/:day/:title:output_ext` of a post of 12 April 2021 named `judul-lama` was `/2021/04/12/judul-lama.html`"
                } else {
                    "an alias is an old address of this page, from the site's root: `aliases: [/2021/04/12/judul-lama/]`"
                };
                diags.push(
                    at(Diagnostic::error(format!("the alias `{}` {why}", w.alias))).with_hint(hint),
                );
                continue;
            }
        };
        let file = query.is_none().then(|| page_file(&from)).flatten();
        // The page's own address: it answers there already.
        if file.as_deref() == Some(crate::model::urls::output_file(&w.to).as_str()) {
            continue;
        }
        if let Some(f) = &file {
            if taken.contains(f) || f.starts_with("static/") || f.starts_with("search/") {
                diags.push(
                    at(Diagnostic::error(format!(
                        "the alias `{}` is the address of a page of this site (`{f}`)",
                        w.alias
                    )))
                    .with_hint("remove it: that address already shows a page"),
                );
                continue;
            }
        }
        let key = file
            .clone()
            .unwrap_or_else(|| format!("{from}?{}", query.as_deref().unwrap_or_default()));
        if let Some((k, other)) = seen.get(&key) {
            if out[*k].to == w.to {
                continue; // the same alias twice for one page
            }
            diags.push(
                at(Diagnostic::error(format!(
                    "the alias `{}` is also an alias of {}",
                    w.alias,
                    other.display()
                )))
                .with_hint(
                    "an old address can lead to one page only: remove it from one of the two files",
                ),
            );
            diags.push(
                Diagnostic::error(format!(
                    "the alias `{}` is also an alias of {}",
                    w.alias,
                    w.path.display()
                ))
                .at_path(*other)
                .with_hint(
                    "an old address can lead to one page only: remove it from one of the two files",
                ),
            );
            continue;
        }
        seen.insert(key, (out.len(), w.path));
        out.push(Redirect {
            from,
            query,
            file,
            to: w.to.clone(),
            title: w.title.to_string(),
            lang: w.lang,
        });
    }
    out.sort_by(|a, b| (&a.from, &a.query).cmp(&(&b.from, &b.query)));
    (out, diags)
}

/// Why an alias copied from a `permalink:` is no address.
const PATTERN: &str =
    "is a permalink pattern (Jekyll's or Hugo's `:year`, `:title`), not an address";

/// Whether `path` holds a placeholder of Jekyll's or Hugo's permalink
/// patterns (`/:year/:month/:title:output_ext`): copied from a
/// `permalink:` into `aliases:`, it is no address a reader ever had.
fn has_placeholder(path: &str) -> bool {
    const WORDS: &[&str] = &[
        "year",
        "month",
        "day",
        "i_month",
        "i_day",
        "short_year",
        "y_day",
        "hour",
        "minute",
        "second",
        "title",
        "slug",
        "categories",
        "output_ext",
        "path",
        "basename",
        "filename",
        "section",
        "sections",
        "slugorfilename",
        "slugorcontentbasename",
        "contentbasename",
        "week",
        "long_month",
        "short_month",
        "yearmonth",
    ];
    path.match_indices(':').any(|(i, _)| {
        let word: String = path[i + 1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        WORDS.contains(&word.to_ascii_lowercase().as_str())
    })
}

/// An alias as a site-relative path (percent-decoded, no leading `/`) and
/// its query, or why it is not an address.
fn address(alias: &str) -> Result<(String, Option<String>), &'static str> {
    let a = alias.trim();
    // A full URL of the old site: its path.
    let a = match a
        .strip_prefix("https://")
        .or_else(|| a.strip_prefix("http://"))
    {
        Some(rest) => rest.find('/').map_or("/", |i| &rest[i..]),
        None => a,
    };
    let Some(a) = a.strip_prefix('/') else {
        return Err("is not an address starting with `/`");
    };
    let a = a.split('#').next().unwrap_or_default();
    let (path, query) = match a.split_once('?') {
        Some((p, q)) if !q.is_empty() => (p, Some(q.to_string())),
        Some((p, _)) => (p, None),
        None => (a, None),
    };
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .map_err(|_| "has a percent-encoded part that is not UTF-8 text")?;
    if has_placeholder(&decoded) {
        return Err(PATTERN);
    }
    let mut segments: Vec<&str> = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            "" => {}
            "." | ".." => return Err("may not contain `.` or `..` segments"),
            s if s.chars().any(|c| c.is_control() || c == '\\') => {
                return Err("contains a control character or a backslash");
            }
            s => segments.push(s),
        }
    }
    let mut from = segments.join("/");
    if !from.is_empty() && (decoded.ends_with('/') || !has_extension(&from)) {
        from.push('/');
    }
    if from.is_empty() && query.is_none() {
        return Err("is the site's home page");
    }
    Ok((from, query))
}

fn has_extension(path: &str) -> bool {
    path.rsplit('/')
        .next()
        .is_some_and(|last| last.contains('.'))
}

/// The file a redirect page for `from` is written to: `x/index.html` for a
/// folder address, the file itself for `x.html`; none for other files
/// (`index.php`, `feed.xml`: only a host rule can redirect those).
fn page_file(from: &str) -> Option<String> {
    if from.is_empty() {
        return None;
    }
    if from.ends_with('/') {
        return Some(format!("{from}index.html"));
    }
    let lower = from.to_ascii_lowercase();
    (lower.ends_with(".html") || lower.ends_with(".htm")).then(|| from.to_string())
}

/// Writes each redirect page and, when there are redirects, `_redirects`
/// (after the rules of the site's own `static/_redirects`, if it has one).
pub fn write(sites: &Sites, config: &Config, theme: &Theme, sink: &dyn Sink) -> Result<(), Error> {
    let own_rules = sites.redirects.own_rules.as_deref();
    let redirects = &sites.redirects.list;
    if redirects.is_empty() {
        return Ok(());
    }
    for r in redirects {
        if let Some(file) = &r.file {
            sink.write(file, page(r, config, theme).as_bytes())?;
        }
    }
    let mut rules = String::new();
    if let Some(own) = own_rules {
        rules.push_str(own);
        if !own.ends_with('\n') {
            rules.push('\n');
        }
    }
    rules.push_str("# Old addresses (`aliases:`), written by cerita\n");
    for r in redirects {
        let from = config.url(&r.from);
        let to = config.url(&r.to);
        match &r.query {
            // Netlify's form: the query's parameters after the path.
            Some(q) => {
                let params: Vec<&str> = q.split('&').filter(|p| !p.is_empty()).collect();
                rules.push_str(&format!("{from} {} {to} 301\n", params.join(" ")));
            }
            None => rules.push_str(&format!("{from} {to} 301\n")),
        }
    }
    sink.write(RULES, rules.as_bytes())?;
    Ok(())
}

/// The redirect page: readable, in the target's language, never indexed.
fn page(r: &Redirect, config: &Config, theme: &Theme) -> String {
    let href = escape_attr(&config.permalink(&r.to));
    let moved = theme
        .i18n
        .get(&r.lang)
        .and_then(|t| t.get("moved"))
        .and_then(|v| v.as_str())
        .unwrap_or("This page has moved:");
    let title = escape_html(&r.title);
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n\
         <title>{title}</title>\n<meta name=\"robots\" content=\"noindex\">\n\
         <link rel=\"canonical\" href=\"{href}\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={href}\">\n</head>\n<body>\n\
         <p>{moved} <a href=\"{href}\">{title}</a></p>\n</body>\n</html>\n",
        lang = r.lang.code(),
        moved = escape_html(moved),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        let ok = |a: &str| address(a).unwrap();
        assert_eq!(ok("/2021/04/12/judul/"), ("2021/04/12/judul/".into(), None));
        assert_eq!(ok("/2021/04/12/judul"), ("2021/04/12/judul/".into(), None));
        assert_eq!(ok("/lama.html"), ("lama.html".into(), None));
        assert_eq!(ok("/?p=123"), ("".into(), Some("p=123".into())));
        assert_eq!(
            ok("/index.php?p=5"),
            ("index.php".into(), Some("p=5".into()))
        );
        assert_eq!(
            ok("https://lama.example.org/2020/cerita-%C3%A9/#x"),
            ("2020/cerita-é/".into(), None)
        );
        assert_eq!(ok("//a//b/"), ("a/b/".into(), None));
        assert!(address("lama/").is_err());
        assert!(address("/a/../b/").is_err());
        assert!(address("/").is_err());
        assert!(address("/%ff/").is_err());
        assert_eq!(page_file("a/"), Some("a/index.html".into()));
        assert_eq!(page_file("a.HTML"), Some("a.HTML".into()));
        assert_eq!(page_file("index.php"), None);
    }
}
