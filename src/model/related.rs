//! Related stories: those sharing partners (weight 2) or tags (weight 1),
//! best first, then newest. Scored through the partner and tag story lists
//! with a dense per-thread counter, never by comparing all pairs. Each list
//! contributes only the stories nearest in time (a window around the story's
//! own place in it), so a partner with thousands of stories costs the same as
//! one with a hundred, and related stories stay close in time.

use rayon::prelude::*;

use super::site::Site;

pub const RELATED: usize = 4;
/// Stories on each side of a story's own place in each shared list.
const WINDOW: usize = 48;

pub fn compute(site: &mut Site) {
    let n = site.stories.len();
    let partners = &site.partners;
    let tags = &site.tags;
    let stories = &site.stories;
    let related: Vec<Vec<usize>> = (0..n)
        .into_par_iter()
        .map_init(
            || (vec![0u32; n], Vec::<usize>::new()),
            |(score, touched), i| {
                let s = &stories[i];
                let lists = s
                    .partners
                    .iter()
                    .map(|&p| (2, &partners[p].stories))
                    .chain(s.tags.iter().map(|&t| (1, &tags[t].stories)));
                for (w, list) in lists {
                    // Lists hold story indices in ascending order (newest first).
                    let at = list.partition_point(|&o| o < i);
                    let window =
                        &list[at.saturating_sub(WINDOW)..(at + WINDOW + 1).min(list.len())];
                    for &o in window {
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
            },
        )
        .collect();
    for (s, r) in site.stories.iter_mut().zip(related) {
        s.related = r;
    }
}
