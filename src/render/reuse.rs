//! Rendering only what changed, for the preview server: every page's
//! fingerprint (`fingerprint.rs`) is compared with the one its last render
//! had, and only pages whose fingerprint moved are rendered again; the
//! others are handed to the sink from the cache, without a copy. The output
//! stays byte-identical to a full render at a fraction of the cost.

use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use super::feeds::FeedCache;
use super::fingerprint::Fingerprints;
use super::job::Job;
use super::renderer::Renderer;
use crate::error::Error;
use crate::model::{Edit, Sites};
use crate::output::{MemorySink, Sink};

/// The pages and feeds of the last render, with what they were made from,
/// per language section.
#[derive(Default)]
pub struct PageCache {
    sections: Vec<Section>,
    /// The next render's pages to show first.
    first: Option<First>,
}

/// Pages someone looks at, and those of the files saved, rendered before
/// the rest of what a change renders again and handed to `show` as soon as
/// they are: an open tab, or the writer asking for the story just saved,
/// gets it without waiting for every listing page an edit shifted. The
/// rest of the render goes on as before, and the output is the same.
pub struct First {
    /// Output paths (`stories/a/index.html`).
    pub pages: HashSet<String>,
    /// The files saved (under `content/`: `stories/2021/a.md`): their pages
    /// in the model rendered go first too, whether anything shows them yet
    /// or not (a story a writer just wrote, published or moved is the page
    /// they look at next).
    pub saved: Vec<String>,
    /// Hears the pages of `pages` that changed, once they are rendered,
    /// and those the change took away, while other changed pages are still
    /// to render.
    pub show: Box<dyn Fn(Vec<Page>, Vec<String>) + Send + Sync>,
    /// Set when a newer edit arrives once the pages are shown: the pages
    /// not begun by then are left for the next render, which finds them
    /// missing from the cache (the render reports itself stopped).
    pub stop: Arc<AtomicBool>,
}

impl First {
    /// Adds to `pages` the pages `sites` makes from the files of `saved`.
    pub(super) fn add_saved(&mut self, sites: &Sites) {
        self.pages.extend(sites.pages_from(&self.saved));
    }
}

/// CPU time spent rendering, per kind of page.
type Cpu = BTreeMap<&'static str, Duration>;

/// A page of the last render: its fingerprint, bytes and digest.
type Cached = (u64, Arc<Vec<u8>>, u64);

/// A rendered page: its output path and bytes.
pub type Page = (String, Arc<Vec<u8>>);

#[derive(Default)]
struct Section {
    /// Output path → fingerprint, bytes and digest (`output::file_digest`)
    /// of the page last rendered there.
    pages: HashMap<String, Cached>,
    /// The fingerprints of the model those pages were rendered from.
    fingerprints: Option<Fingerprints>,
    feeds: FeedCache,
}

impl PageCache {
    /// Keeps one cache per section of a site with `n` sections.
    pub(super) fn sections(&mut self, n: usize) {
        self.sections.resize_with(n, Section::default);
    }

    /// Renders the pages of `first` before the others in the next render
    /// (only there).
    pub fn show_first(&mut self, first: Option<First>) {
        self.first = first;
    }

    /// The pages the next render shows first, taken for it.
    pub(super) fn take_first(&mut self) -> Option<First> {
        self.first.take()
    }

    /// Renders section `section`'s pages of `jobs` whose fingerprint
    /// changed and its feeds ([`Section::render`]). `first` comes with
    /// whether a section rendered before showed its pages.
    pub(super) fn render(
        &mut self,
        section: usize,
        r: &Renderer<'_>,
        jobs: &[Job],
        changed: Option<&Edit>,
        first: Option<(&First, bool)>,
        sink: &dyn Sink,
    ) -> Result<SectionReport, Error> {
        self.sections(self.sections.len().max(section + 1));
        self.sections[section].render(r, jobs, changed, first, sink)
    }
}

/// What [`PageCache::render`] did: the CPU time per kind of page, how many
/// pages were rendered, and how many feeds were written.
pub(super) struct SectionReport {
    pub cpu: BTreeMap<&'static str, Duration>,
    pub pages: usize,
    pub feeds: usize,
    /// Some changed pages were left unrendered ([`First::stop`]).
    pub stopped: bool,
    /// Pages of [`First`] were shown.
    pub shown: bool,
}

impl Section {
    /// Renders the pages of `jobs` whose fingerprint changed and hands every
    /// page, and the section's feeds, to `sink`. `changed` is the one
    /// story's edit since the last render's model, when that is all that
    /// changed: only its fingerprints are computed again, the others' moved
    /// with it where the edit moved stories.
    ///
    /// The pages kept and the feeds go out while the changed pages render:
    /// one long page (the archive lists every story) often keeps a core
    /// busy alone. The changed pages of `first` are rendered and shown
    /// before all that; once they are, or once an earlier section showed
    /// its own (`first`'s flag), a newer edit may stop the rest.
    fn render(
        &mut self,
        r: &Renderer<'_>,
        jobs: &[Job],
        changed: Option<&Edit>,
        first: Option<(&First, bool)>,
        sink: &dyn Sink,
    ) -> Result<SectionReport, Error> {
        let (first, shown_before) = match first {
            Some((first, shown)) => (Some(first), shown),
            None => (None, false),
        };
        // Fingerprints belong to one model: taken out, and put back only
        // once they match the new one.
        let fps = match (changed, self.fingerprints.take()) {
            (Some(edit), Some(mut fps)) => {
                if let Some(before) = &edit.moved {
                    fps.reorder(before);
                }
                if edit.partners {
                    r.refingerprint_partners(&mut fps);
                }
                if let Some(story) = edit.story {
                    r.refingerprint_story(&mut fps, story);
                }
                for &other in &edit.others {
                    r.refingerprint_story(&mut fps, other);
                }
                fps
            }
            _ => r.fingerprints(),
        };
        // Every page's fingerprint, in parallel: most are unchanged.
        let prints: Vec<(String, u64)> = jobs
            .par_iter()
            .map(|&job| (r.output_path(job), r.fingerprint(&fps, job)))
            .collect();
        let (stale, kept): (Vec<_>, Vec<_>) = prints
            .iter()
            .zip(jobs)
            .partition(|((path, fp), _)| self.pages.get(path).is_none_or(|(old, _, _)| old != fp));
        let mut todo: Vec<Job> = stale.iter().map(|(_, job)| **job).collect();
        let pages = todo.len();
        let shown = match first {
            Some(first) => self.show_first(r, &stale, &prints, &mut todo, first)?,
            None => None,
        };
        // Once pages are shown, a newer edit may stop the rest.
        let showed = shown.is_some();
        let stop = first
            .filter(|_| showed || shown_before)
            .map(|f| f.stop.as_ref());
        let (mut early, early_cpu) = shown.unwrap_or_default();
        let fresh = MemorySink::default();
        let (old, feeds) = (&self.pages, &mut self.feeds);
        let (cpu, others) = rayon::join(
            || r.render_pages_until(&todo, &fresh, stop),
            || -> Result<_, Error> {
                let mut next = HashMap::with_capacity(prints.len());
                for ((path, fp), _) in kept {
                    if let Some((_, bytes, digest)) = old.get(path) {
                        // The digest of a kept page is not computed again.
                        sink.write_known(path, bytes.clone(), *digest)?;
                        next.insert(path.clone(), (*fp, bytes.clone(), *digest));
                    }
                }
                let feeds = r.write_feeds(Some((&fps, feeds)), sink)?;
                Ok((next, feeds))
            },
        );
        let (mut cpu, (mut next, feeds)) = (cpu?, others?);
        for (kind, d) in early_cpu {
            *cpu.entry(kind).or_default() += d;
        }
        let (mut rendered, _) = fresh.into_parts();
        let mut missing = 0;
        for ((path, fp), _) in stale {
            let Some(bytes) = rendered.remove(path).or_else(|| early.remove(path)) else {
                // Stopped before it (or it failed): missing from the cache,
                // so rendered next time.
                missing += 1;
                continue;
            };
            let digest = crate::output::file_digest(path, &bytes);
            sink.write_known(path, bytes.clone(), digest)?;
            next.insert(path.clone(), (*fp, bytes, digest));
        }
        self.pages = next;
        self.fingerprints = Some(fps);
        Ok(SectionReport {
            cpu,
            pages: pages - missing,
            feeds,
            stopped: missing > 0 && stop.is_some_and(|s| s.load(Ordering::Relaxed)),
            shown: showed,
        })
    }

    /// Renders the pages of `stale` that `first` names, hands them to its
    /// `show` with those of its pages the change took away (rendered last
    /// time, not in `prints`), and takes them out of `todo`; unless there
    /// are none, or they are all there is to render. Returns them and their
    /// CPU time, when it showed them.
    fn show_first(
        &self,
        r: &Renderer<'_>,
        stale: &[(&(String, u64), &Job)],
        prints: &[(String, u64)],
        todo: &mut Vec<Job>,
        first: &First,
    ) -> Result<Option<(crate::output::Files, Cpu)>, Error> {
        let soon: Vec<Job> = stale
            .iter()
            .filter(|((path, _), _)| first.pages.contains(path))
            .map(|(_, job)| **job)
            .collect();
        let mut gone: Vec<String> = first
            .pages
            .iter()
            .filter(|p| self.pages.contains_key(*p))
            .cloned()
            .collect();
        if !gone.is_empty() {
            let now: HashSet<&str> = prints.iter().map(|(p, _)| p.as_str()).collect();
            // An old address's redirect page may take the place over.
            let redirects = &r.sites.redirects;
            gone.retain(|p| !now.contains(p.as_str()) && !redirects.has_page(p));
        }
        if (soon.is_empty() && gone.is_empty()) || soon.len() == todo.len() {
            return Ok(None);
        }
        // A page taken away is answered with the not-found page: it goes
        // out with them, changed or not.
        let mut shown_jobs = soon.clone();
        if !gone.is_empty() && !soon.contains(&Job::NotFound) {
            shown_jobs.push(Job::NotFound);
        }
        let sink = MemorySink::default();
        let cpu = match r.render_pages(&shown_jobs, &sink) {
            Ok(cpu) => cpu,
            // A template error: nothing is shown, and the whole render
            // finds it again with every other page's, as a build does.
            Err(Error::Content(_)) => return Ok(None),
            Err(e) => return Err(e),
        };
        let (pages, _) = sink.into_parts();
        let shown = pages.iter().map(|(p, b)| (p.clone(), b.clone())).collect();
        (first.show)(shown, gone);
        let soon: HashSet<Job> = soon.into_iter().collect();
        todo.retain(|job| !soon.contains(job));
        Ok(Some((pages, cpu)))
    }
}
