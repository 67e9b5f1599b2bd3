//! Related stories: those sharing partners (weight 2) or tags (weight 1),
//! best first, then newest. Scored through the partner and tag story lists
//! with a dense per-thread counter, never by comparing all pairs. Each list
//! contributes only the stories nearest in time (a window around the story's
//! own place in it), so a partner with thousands of stories costs the same as
//! one with a hundred, and related stories stay close in time.
//!
//! Because of the windows, one story's edit changes only the related stories
//! of those near it in its lists ([`near`]): the preview server's patches
//! work those out again ([`compute_for`]) instead of every story's.

use rayon::prelude::*;

use super::site::Site;

pub const RELATED: usize = 4;
/// Stories on each side of a story's own place in each shared list.
const WINDOW: usize = 48;

/// Every story's related stories.
pub fn compute(site: &mut Site) {
    let all: Vec<usize> = (0..site.stories.len()).collect();
    compute_for(site, &all);
}

/// The related stories of the stories `ids`; the others keep theirs.
pub fn compute_for(site: &mut Site, ids: &[usize]) {
    let n = site.stories.len();
    let related: Vec<Vec<usize>> = ids
        .par_iter()
        .with_min_len(64)
        .map_init(
            || (vec![0u32; n], Vec::<usize>::new()),
            |(score, touched), &i| related_of(site, i, score, touched),
        )
        .collect();
    for (&i, r) in ids.iter().zip(related) {
        if let Some(s) = site.stories.get_mut(i) {
            s.related = r;
        }
    }
}

/// Story `i`'s related stories; `score` (all zero, one per story) and
/// `touched` (empty) are scratch space, left as they were found.
fn related_of(site: &Site, i: usize, score: &mut [u32], touched: &mut Vec<usize>) -> Vec<usize> {
    for (w, list) in lists(site, i) {
        for &o in window(list, i, WINDOW) {
            if score[o] == 0 {
                touched.push(o);
            }
            score[o] += w;
        }
    }
    let mut best: Vec<(u32, usize)> = Vec::with_capacity(RELATED + 1);
    for &o in touched.iter() {
        let sc = score[o];
        score[o] = 0;
        if o == i {
            continue;
        }
        // Higher score first; among equals the lower index (newer story).
        let pos = best
            .iter()
            .position(|&(bs, bo)| sc > bs || (sc == bs && o < bo));
        match pos {
            Some(p) => best.insert(p, (sc, o)),
            None => best.push((sc, o)),
        }
        best.truncate(RELATED);
    }
    touched.clear();
    best.into_iter().map(|(_, o)| o).collect()
}

/// The story lists story `i` is on, each with its weight: its partners'
/// (2) and its tags' (1).
fn lists(site: &Site, i: usize) -> impl Iterator<Item = (u32, &[usize])> {
    let s = site.stories.get(i);
    let partners = s.into_iter().flat_map(|s| &s.partners);
    let tags = s.into_iter().flat_map(|s| &s.tags);
    partners
        .filter_map(|&p| Some((2, site.partners.get(p)?.stories.as_slice())))
        .chain(tags.filter_map(|&t| Some((1, site.tags.get(t)?.stories.as_slice()))))
}

/// The stories of `list` (indices in ascending order, newest first) within
/// `reach` places of story `i`'s own place there.
fn window(list: &[usize], i: usize, reach: usize) -> &[usize] {
    let at = list.partition_point(|&o| o < i);
    &list[at.saturating_sub(reach)..(at + reach + 1).min(list.len())]
}

/// Story `i` and the stories whose related ones may change when it joins,
/// leaves or moves within its partners' and tags' lists as they are now:
/// those whose window in a shared list holds it (some more than once).
pub fn near(site: &Site, i: usize) -> Vec<usize> {
    let mut ids = vec![i];
    for (_, list) in lists(site, i) {
        ids.extend_from_slice(window(list, i, WINDOW + 1));
    }
    ids
}
