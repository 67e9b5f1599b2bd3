//! The site's URL scheme, in one place: where each story, page, partner and
//! topic lives, and the pages of a listing. Paths are site-relative
//! (`stories/slug/`); `Config::url` adds the base path.

use super::taxonomy::TaxonomyKind;

/// URL segments a page slug may not take: the site's own sections and files.
pub const RESERVED: &[&str] = &[
    "stories",
    "partners",
    "tags",
    "authors",
    "regions",
    "archive",
    "search",
    "page",
    "static",
    "atom.xml",
    "sitemap.xml",
    "robots.txt",
    "404.html",
    "index.html",
    "__cerita",
];

pub const HOME: &str = "";
pub const PARTNERS: &str = "partners/";
pub const ARCHIVE: &str = "archive/";

/// A site of more stories than this has its archive a year per page
/// (`archive/2021/`), `archive/` listing the years: one page of every story
/// would be megabytes of HTML for a phone to lay out.
pub const ARCHIVE_ONE_PAGE: usize = 1000;

/// The archive page of one year (`archive/2021/`; `archive/undated/`).
pub fn archive_year(year: Option<i32>) -> String {
    match year {
        Some(y) => format!("{ARCHIVE}{y}/"),
        None => format!("{ARCHIVE}undated/"),
    }
}
pub const SEARCH: &str = "search/";
pub const NOT_FOUND: &str = "404.html";
/// The page the offline reading worker shows for a page it does not have.
pub const OFFLINE: &str = "offline/";
/// The site's feed; a listing's feed is `<its path>atom.xml`.
pub const FEED: &str = "atom.xml";

/// The path prefix of language section `i` of `sections` (the default
/// language first): none for the default language, `en/` for English,
/// in lower case as Hugo writes it (`zh-hant-tw/` for `zh-Hant-TW`).
pub fn prefix(sections: &[crate::lang::Lang], i: usize) -> String {
    match sections.get(i) {
        Some(l) if i > 0 => format!("{}/", l.code().to_ascii_lowercase()),
        _ => String::new(),
    }
}

pub fn story(slug: &str) -> String {
    format!("stories/{slug}/")
}

pub fn page(slug: &str) -> String {
    format!("{slug}/")
}

pub fn partner(slug: &str) -> String {
    format!("{PARTNERS}{slug}/")
}

/// The index of one taxonomy (`tags/`).
pub fn taxonomy(kind: TaxonomyKind) -> String {
    format!("{}/", kind.key())
}

pub fn term(kind: TaxonomyKind, slug: &str) -> String {
    format!("{}/{slug}/", kind.key())
}

/// The feed of the listing at `base`.
pub fn feed(base: &str) -> String {
    format!("{base}{FEED}")
}

/// Page `n` (1-based) of the listing at `base`.
pub fn page_n(base: &str, n: usize) -> String {
    if n <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{n}/")
    }
}

/// The file a URL path is written to: folders get an `index.html`.
pub fn output_file(path: &str) -> String {
    if path.ends_with(".html") {
        path.to_string()
    } else {
        format!("{path}index.html")
    }
}
