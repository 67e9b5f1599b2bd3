//! Every kind of HTML page the site has, and the one table that names, for
//! each: its template, its `kind` in templates, its URL and output file,
//! its feed, and what the build summary counts it as. A new page kind is a
//! new [`Job`] variant here, its context in `pages.rs`, and its template.

use crate::model::{Site, Sites, TaxonomyKind, urls};

/// One HTML page to render. Numbers are indices into the model's lists and
/// 1-based page numbers of paginated listings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Job {
    Home(usize),
    Story(usize),
    Page(usize),
    Partners,
    Partner(usize, usize),
    Taxonomy(TaxonomyKind),
    Term(TaxonomyKind, usize, usize),
    Archive,
    /// One year of the archive (an index into `Site::years`), on a site of
    /// more than [`urls::ARCHIVE_ONE_PAGE`] stories.
    ArchiveYear(usize),
    Search,
    NotFound,
    /// What the offline reading worker shows for a page it has not kept.
    Offline,
}

/// Every kind [`crate::render::RenderReport::counts`] counts, in the order
/// reports list them.
pub const COUNT_KINDS: [&str; 7] = [
    "stories",
    "pages",
    "partner pages",
    "topic pages",
    "listings",
    "feeds",
    "files",
];

/// The count kind named `name`.
pub fn count_kind(name: &str) -> Option<&'static str> {
    COUNT_KINDS.iter().copied().find(|k| *k == name)
}

/// Whether `site`'s archive is a year per page ([`urls::ARCHIVE_ONE_PAGE`]).
pub fn archive_by_year(site: &Site) -> bool {
    site.stories.len() > urls::ARCHIVE_ONE_PAGE
}

/// How many pages a listing of `items` stories takes, `per` a page (at least one).
pub fn pages_of(items: usize, per: usize) -> usize {
    items.div_ceil(per).max(1)
}

impl Job {
    /// Every HTML page of `site`, in a fixed order; listings have `per`
    /// stories a page.
    pub fn all(site: &Site, per: usize) -> Vec<Job> {
        let mut jobs: Vec<Job> = (1..=pages_of(site.stories.len(), per))
            .map(Job::Home)
            .collect();
        jobs.extend((0..site.stories.len()).map(Job::Story));
        jobs.extend((0..site.pages.len()).map(Job::Page));
        jobs.push(Job::Partners);
        for (i, p) in site.partners.iter().enumerate() {
            jobs.extend((1..=pages_of(p.stories.len(), per)).map(|n| Job::Partner(i, n)));
        }
        for kind in TaxonomyKind::ALL {
            jobs.push(Job::Taxonomy(kind));
            for (i, t) in site.terms(kind).iter().enumerate() {
                jobs.extend((1..=pages_of(t.stories.len(), per)).map(|n| Job::Term(kind, i, n)));
            }
        }
        jobs.push(Job::Archive);
        if archive_by_year(site) {
            jobs.extend((0..site.years.len()).map(Job::ArchiveYear));
        }
        jobs.extend([Job::Search, Job::NotFound, Job::Offline]);
        jobs
    }

    /// The template that renders this page.
    pub fn template(self) -> &'static str {
        match self {
            Job::Home(_) => "index.html",
            Job::Story(_) => "story.html",
            Job::Page(_) => "page.html",
            Job::Partners => "partners.html",
            Job::Partner(..) => "partner.html",
            Job::Taxonomy(_) => "taxonomy.html",
            Job::Term(..) => "term.html",
            Job::Archive | Job::ArchiveYear(_) => "archive.html",
            Job::Search => "search.html",
            Job::NotFound => "404.html",
            Job::Offline => "offline.html",
        }
    }

    /// The page's `kind` in templates.
    pub fn name(self) -> &'static str {
        match self {
            Job::Home(_) => "home",
            Job::Story(_) => "story",
            Job::Page(_) => "page",
            Job::Partners => "partners",
            Job::Partner(..) => "partner",
            Job::Taxonomy(_) => "taxonomy",
            Job::Term(..) => "term",
            Job::Archive | Job::ArchiveYear(_) => "archive",
            Job::Search => "search",
            Job::NotFound => "404",
            Job::Offline => "offline",
        }
    }

    /// What the build summary counts this page as.
    pub fn count_kind(self) -> &'static str {
        match self {
            Job::Story(_) => "stories",
            Job::Page(_) => "pages",
            Job::Partners | Job::Partner(..) => "partner pages",
            Job::Taxonomy(_) | Job::Term(..) => "topic pages",
            Job::Home(_)
            | Job::Archive
            | Job::ArchiveYear(_)
            | Job::Search
            | Job::NotFound
            | Job::Offline => "listings",
        }
    }

    /// The listing this page is one page of (its first page's path), and
    /// the page number.
    pub fn listing(self, site: &Site) -> Option<(String, usize)> {
        let prefix = &site.prefix;
        match self {
            Job::Home(n) => Some((format!("{prefix}{}", urls::HOME), n)),
            Job::Partner(i, n) => Some((
                format!("{prefix}{}", urls::partner(&site.partners.get(i)?.slug)),
                n,
            )),
            Job::Term(k, i, n) => Some((
                format!("{prefix}{}", urls::term(k, &site.terms(k).get(i)?.slug)),
                n,
            )),
            _ => None,
        }
    }

    /// Site-relative URL path of the page (`stories/slug/`,
    /// `en/stories/slug/`).
    pub fn path(self, site: &Site) -> String {
        if let Some((base, n)) = self.listing(site) {
            return urls::page_n(&base, n);
        }
        let own = match self {
            Job::Story(i) => {
                return site
                    .stories
                    .get(i)
                    .map(|s| s.url.clone())
                    .unwrap_or_default();
            }
            Job::Page(i) => return site.pages.get(i).map(|p| p.url.clone()).unwrap_or_default(),
            Job::Partners => urls::PARTNERS.to_string(),
            Job::Taxonomy(k) => urls::taxonomy(k),
            Job::Archive => urls::ARCHIVE.to_string(),
            Job::ArchiveYear(k) => site
                .years
                .get(k)
                .map_or_else(String::new, |(y, _)| urls::archive_year(*y)),
            Job::Search => urls::SEARCH.to_string(),
            Job::NotFound => urls::NOT_FOUND.to_string(),
            Job::Offline => urls::OFFLINE.to_string(),
            Job::Home(_) | Job::Partner(..) | Job::Term(..) => String::new(),
        };
        format!("{}{own}", site.prefix)
    }

    /// The file the page is written to (`stories/slug/index.html`).
    pub fn output_path(self, site: &Site) -> String {
        urls::output_file(&self.path(site))
    }

    /// The output file of every page of every language of `sites`.
    pub fn output_paths(sites: &Sites, per: usize) -> impl Iterator<Item = String> + '_ {
        sites.langs.iter().flat_map(move |site| {
            Job::all(site, per)
                .into_iter()
                .map(move |j| j.output_path(site))
        })
    }

    /// The feed the page links to: a partner's or a tag's own, else the
    /// site's.
    pub fn feed(self, site: &Site) -> String {
        let own = match self {
            Job::Partner(..) | Job::Term(TaxonomyKind::Tags, ..) => self.listing(site),
            _ => None,
        };
        own.map_or_else(|| urls::feed(&site.prefix), |(base, _)| urls::feed(&base))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Partner, Term};

    fn partner(slug: &str, stories: usize) -> Partner {
        Partner {
            name: slug.to_uppercase(),
            slug: slug.to_string(),
            profile: None,
            stories: (0..stories).collect(),
            elsewhere: Vec::new(),
        }
    }

    fn term(slug: &str, stories: usize) -> Term {
        Term {
            name: slug.to_string(),
            slug: slug.to_string(),
            stories: (0..stories).collect(),
            elsewhere: Vec::new(),
        }
    }

    #[test]
    fn listings_take_as_many_pages_as_their_stories_need() {
        let mut site = Site::new(crate::lang::Lang::ID, String::new());
        site.partners = vec![partner("a", 25), partner("b", 0)];
        site.tags = vec![term("sepuluh", 10), term("sebelas", 11)];
        site.regions = vec![term("gresik", 1)];
        let jobs = Job::all(&site, 10);
        let paths: Vec<String> = jobs.iter().map(|j| j.output_path(&site)).collect();
        assert_eq!(
            paths,
            [
                "index.html",
                "partners/index.html",
                "partners/a/index.html",
                "partners/a/page/2/index.html",
                "partners/a/page/3/index.html",
                // A partner without stories still has its page.
                "partners/b/index.html",
                "tags/index.html",
                "tags/sepuluh/index.html",
                "tags/sebelas/index.html",
                "tags/sebelas/page/2/index.html",
                "authors/index.html",
                "regions/index.html",
                "regions/gresik/index.html",
                "archive/index.html",
                "search/index.html",
                "404.html",
                "offline/index.html",
            ]
        );
        // Partners and tags have feeds of their own; regions use the site's.
        let feed = |j: Job| j.feed(&site);
        assert_eq!(feed(Job::Partner(0, 3)), "partners/a/atom.xml");
        assert_eq!(
            feed(Job::Term(TaxonomyKind::Tags, 1, 2)),
            "tags/sebelas/atom.xml"
        );
        assert_eq!(feed(Job::Term(TaxonomyKind::Regions, 0, 1)), "atom.xml");
        assert_eq!(
            Job::Partner(0, 2).listing(&site),
            Some(("partners/a/".into(), 2))
        );
        assert_eq!(Job::NotFound.template(), "404.html");
        // Another language's section: everything under its prefix.
        site.prefix = "en/".into();
        assert_eq!(
            Job::Partner(0, 2).output_path(&site),
            "en/partners/a/page/2/index.html"
        );
        assert_eq!(Job::Archive.output_path(&site), "en/archive/index.html");
        assert_eq!(Job::Home(1).feed(&site), "en/atom.xml");
        assert_eq!(Job::Partner(0, 1).feed(&site), "en/partners/a/atom.xml");
        assert_eq!(
            Job::Term(TaxonomyKind::Tags, 0, 1).count_kind(),
            "topic pages"
        );
    }
}
