//! Document frequencies of keyphrase candidates in bounded memory: a count-min sketch with
//! conservative update (never under-counts; over-counts only where keys collide in every row).

use crate::util::prefetch::prefetch;
use serde::{Deserialize, Serialize};

/// Rows of the sketch.
pub const DEPTH: usize = 4;
/// Counters per row (2^20: 16 MB in all).
pub const DEFAULT_WIDTH: usize = 1 << 20;
/// Keys ahead whose counters are fetched while one is read or updated.
const PREFETCH_AHEAD: usize = 4;
/// How many articles contain each candidate, approximately.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocFrequencies {
    /// Articles counted.
    pub docs: u64,
    width: usize,
    counters: Vec<u32>,
}

impl Default for DocFrequencies {
    fn default() -> Self {
        Self::with_width(DEFAULT_WIDTH)
    }
}

impl DocFrequencies {
    /// An empty sketch with `width` counters per row.
    pub fn with_width(width: usize) -> Self {
        DocFrequencies { docs: 0, width: width.max(1), counters: vec![0; DEPTH * width.max(1)] }
    }

    fn slots(&self, key: u64) -> [usize; DEPTH] {
        let (a, b) = (key as u32 as usize, (key >> 32) as usize | 1);
        std::array::from_fn(|i| i * self.width + a.wrapping_add(i.wrapping_mul(b)) % self.width)
    }

    /// Counts one article holding these (distinct) keys.
    pub fn add_document(&mut self, keys: &[u64]) {
        self.docs += 1;
        // As in `df_all`: the counters of keys ahead are fetched while one is updated (the same
        // updates in the same order).
        keys.iter().take(PREFETCH_AHEAD).for_each(|&k| self.prefetch(k));
        for (i, &k) in keys.iter().enumerate() {
            if let Some(&ahead) = keys.get(i + PREFETCH_AHEAD) {
                self.prefetch(ahead);
            }
            let slots = self.slots(k);
            let next = slots.iter().map(|&s| self.counters[s]).min().unwrap_or(0).saturating_add(1);
            for s in slots {
                self.counters[s] = self.counters[s].max(next);
            }
        }
    }

    /// Articles that contain `key` (an upper bound).
    pub fn df(&self, key: u64) -> u32 {
        self.slots(key).iter().map(|&s| self.counters[s]).min().unwrap_or(0)
    }

    /// [`Self::df`] of every key, the counters of keys a few places ahead fetched while one is
    /// read (the table is larger than the caches, and an article has hundreds of candidates).
    pub fn df_all(&self, keys: &[u64]) -> Vec<u32> {
        keys.iter().take(PREFETCH_AHEAD).for_each(|&k| self.prefetch(k));
        keys.iter()
            .enumerate()
            .map(|(i, &k)| {
                if let Some(&ahead) = keys.get(i + PREFETCH_AHEAD) {
                    self.prefetch(ahead);
                }
                self.df(k)
            })
            .collect()
    }

    /// Asks for the counters of `key` to be brought into the cache.
    fn prefetch(&self, key: u64) {
        self.slots(key).into_iter().for_each(|s| prefetch(&self.counters[s]));
    }

    /// True when the sketch's table has the shape its width says (a damaged file may not).
    pub fn is_whole(&self) -> bool {
        self.width > 0 && self.counters.len() == DEPTH * self.width
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_articles_and_never_undercounts() {
        let mut d = DocFrequencies::with_width(64);
        for i in 0..200u64 {
            d.add_document(&[1, 2 + i % 3, 1000 + i]);
        }
        assert_eq!(d.docs, 200);
        assert!(d.df(1) >= 200 && d.df(1) <= 205, "{}", d.df(1));
        assert!(d.df(2) >= 67);
        assert!((1000..1200).all(|k| d.df(k) >= 1));
        let keys: Vec<u64> = (0..50).chain(990..1210).collect();
        assert_eq!(d.df_all(&keys), keys.iter().map(|&k| d.df(k)).collect::<Vec<_>>());
    }
}
