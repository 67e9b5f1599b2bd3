//! BM25, quantised: each story's weight for a word is an integer of 1 to 15
//! and each word's idf an integer, so the Rust reference searcher and the
//! browser rank identically.

/// BM25 parameters.
const K1: f32 = 1.2;
const B: f32 = 0.75;

/// A root's postings from its family members' (each in story order): counts
/// summed per story, then weighted.
pub fn family_postings(mut members: Vec<Vec<(u32, f32)>>, norms: &[f32]) -> Vec<(u32, u8)> {
    let merged = if members.len() == 1 {
        members.pop().unwrap_or_default()
    } else {
        let mut all: Vec<(u32, f32)> = members.concat();
        drop(members);
        // Stable: a story's counts are summed in member order.
        all.sort_by_key(|p| p.0);
        all
    };
    let mut list: Vec<(u32, u8)> = Vec::with_capacity(merged.len());
    let mut k = 0;
    while k < merged.len() {
        let doc = merged[k].0;
        let mut tf = 0.0;
        while k < merged.len() && merged[k].0 == doc {
            tf += merged[k].1;
            k += 1;
        }
        list.push((doc, weight(tf, norms[doc as usize])));
    }
    list
}

/// `idf × 100`, at least 1.
pub fn idf(n: usize, df: usize) -> u32 {
    let (n, df) = (n as f64, df as f64);
    let v = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
    ((v * 100.0).round() as u32).max(1)
}

/// BM25's length normalisation for a story of `len` words (the average is
/// `avg`): the same for all of its words, so worked out once per story.
pub fn norm(len: f32, avg: f32) -> f32 {
    K1 * (1.0 - B + B * len / avg.max(1.0))
}

/// BM25's term-frequency part, scaled to 1..=15; `norm` from [`norm`].
fn weight(tf: f32, norm: f32) -> u8 {
    let w = tf * (K1 + 1.0) / (tf + norm) / (K1 + 1.0);
    // `w * 15` rounded half away from zero, as `f32::round` does for a
    // value that is not negative, without a call into libm: in `f64` the
    // `+ 0.5` is exact and the cast truncates.
    ((f64::from(w * 15.0) + 0.5) as u8).clamp(1, 15)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_round_as_f32_round_does() {
        for tf in (1..400).map(|t| t as f32 * 0.25) {
            for n in (1..200).map(|n| n as f32 * 0.05) {
                let w = tf * (K1 + 1.0) / (tf + n) / (K1 + 1.0);
                assert_eq!(weight(tf, n), ((w * 15.0).round() as u8).clamp(1, 15));
            }
        }
        let half = 0.5f32 / 15.0;
        assert_eq!(
            ((f64::from(half * 15.0) + 0.5) as u8),
            (half * 15.0).round() as u8
        );
    }

    #[test]
    fn weights_and_idf_stay_in_range() {
        assert_eq!(weight(0.01, norm(100.0, 100.0)), 1);
        assert_eq!(weight(1e6, norm(1.0, 100.0)), 15);
        assert!(weight(1.0, norm(100.0, 100.0)) < weight(5.0, norm(100.0, 100.0)));
        assert!(idf(1000, 1) > idf(1000, 500));
        assert!(idf(1000, 1000) >= 1);
    }
}
