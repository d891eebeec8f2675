//! The near-duplicate candidates: LSH band buckets and shingles of the most recent passages only,
//! so memory stays flat however large the corpus grows (exact duplicates are found over all of it).

use super::minhash::BANDS;
use super::similarity::near_duplicate;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// Passages kept as near-duplicate candidates (about 40,000–80,000 news articles): a copy is
/// found as a near-duplicate when its original is among the last 200,000 to 400,000 passages stored.
pub const DEFAULT_NEAR_WINDOW: usize = 400_000;
/// Most recent entries of one LSH bucket checked per passage (bounds work on templated text).
const BUCKET_SCAN: usize = 64;
/// End of a bucket's chain.
const NO_SLOT: u32 = u32::MAX;

/// One half of the window: passages `first..first + shingles.len()`.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Generation {
    /// Ordinal of the first passage of this half.
    first: u32,
    /// Shingles per passage (empty for passages without band keys).
    shingles: Vec<Vec<u32>>,
    /// LSH bucket key → newest slot in `slots` (chained lists, newest first: no allocation per
    /// bucket, most of which hold one passage).
    bands: HashMap<u32, u32>,
    /// (passage ordinal, next slot of the same bucket or [`NO_SLOT`]).
    slots: Vec<(u32, u32)>,
}

impl Generation {
    fn starting_at(first: u32) -> Self {
        Generation { first, ..Generation::default() }
    }

    fn shingles_of(&self, passage: u32) -> Option<&[u32]> {
        let i = passage.checked_sub(self.first)? as usize;
        self.shingles.get(i).map(Vec::as_slice)
    }
}

/// Band buckets and shingles of the last [`DEFAULT_NEAR_WINDOW`] (at least half of it) passages.
#[derive(Debug, Serialize, Deserialize)]
pub struct NearWindow {
    /// Passages per half: the window holds between one and two halves.
    half: usize,
    current: Generation,
    previous: Generation,
}

impl Default for NearWindow {
    fn default() -> Self {
        NearWindow::new(DEFAULT_NEAR_WINDOW)
    }
}

impl NearWindow {
    /// A window of about `passages` passages.
    pub fn new(passages: usize) -> Self {
        NearWindow { half: (passages / 2).max(1), current: Generation::default(), previous: Generation::default() }
    }

    /// Adds passage `ord` (ordinals must grow by one per call, whether or not it has keys).
    pub fn push(&mut self, ord: u32, keys: Option<&[u32; BANDS]>, shingles: Vec<u32>) {
        if self.current.shingles.is_empty() {
            self.current.first = ord;
        }
        debug_assert_eq!(ord, self.current.first + self.current.shingles.len() as u32);
        if self.current.shingles.len() >= self.half {
            self.previous = std::mem::replace(&mut self.current, Generation::starting_at(ord));
        }
        let g = &mut self.current;
        match keys {
            Some(keys) => {
                for k in keys {
                    let slot = g.slots.len() as u32;
                    let next = g.bands.insert(*k, slot).unwrap_or(NO_SLOT);
                    g.slots.push((ord, next));
                }
                g.shingles.push(shingles);
            }
            None => g.shingles.push(Vec::new()),
        }
    }

    /// The most similar verified near-duplicate among the candidates that `keep` accepts.
    pub fn best(&self, keys: &[u32; BANDS], shingles: &[u32], keep: impl Fn(u32) -> bool) -> Option<(u32, f32)> {
        let mut checked = HashSet::new();
        let mut best: Option<(u32, f32)> = None;
        for g in [&self.current, &self.previous] {
            for k in keys {
                let mut slot = g.bands.get(k).copied().unwrap_or(NO_SLOT);
                let mut scanned = 0;
                while slot != NO_SLOT && scanned < BUCKET_SCAN {
                    let (pord, next) = g.slots[slot as usize];
                    slot = next;
                    scanned += 1;
                    if !checked.insert(pord) || !keep(pord) {
                        continue;
                    }
                    let Some(other) = g.shingles_of(pord) else { continue };
                    if let Some(sim) = near_duplicate(shingles, other) {
                        if best.is_none_or(|(b, s)| sim > s || (sim == s && pord < b)) {
                            best = Some((pord, sim));
                        }
                    }
                }
            }
        }
        best
    }

    /// Passages whose shingles are held.
    pub fn len(&self) -> usize {
        self.current.shingles.len() + self.previous.shingles.len()
    }

    /// Distinct LSH bucket keys held.
    pub fn buckets(&self) -> usize {
        self.current.bands.len() + self.previous.bands.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::dedup::minhash::{band_keys, shingles, signature};

    fn passage(text: &str) -> ([u32; BANDS], Vec<u32>) {
        let words: Vec<&str> = text.split_whitespace().collect();
        let sh = shingles(&words);
        (band_keys(&signature(&sh)), sh)
    }

    #[test]
    fn finds_recent_copies_and_forgets_old_ones() {
        let text = "the harbour authority said on monday that port fees would rise by four percent next year";
        let (keys, sh) = passage(text);
        let mut w = NearWindow::new(4);
        w.push(0, Some(&keys), sh.clone());
        let (edited_keys, edited) = passage(&text.replace("monday", "tuesday"));
        assert_eq!(w.best(&edited_keys, &edited, |_| true).map(|b| b.0), Some(0));
        assert_eq!(w.best(&edited_keys, &edited, |p| p != 0), None, "rejected candidates are skipped");
        for ord in 1..=4 {
            w.push(ord, None, Vec::new());
        }
        assert!(w.len() <= 4, "the window holds at most two halves");
        assert_eq!(w.best(&edited_keys, &edited, |_| true), None, "passage 0 has left the window");
    }
}
