//! A collector of the distinct duplicate clusters among all matches (collapsed hit counts), over
//! the dense cluster numbers the duplicate store gives: a short list while few, a bitset once many.

use super::segment_columns::IndexColumns;
use std::sync::Arc;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Fewest listed numbers before a set may turn into a bitset.
const MIN_LIST: usize = 1024;

/// Distinct cluster numbers: a list while it is smaller than a bitset of every number would be,
/// the bitset after (a million clusters fit in 125 KB; hashing each match cost more).
#[derive(Debug, Clone, Default)]
pub struct ClusterSet {
    /// Numbers seen (unsorted, may repeat) while `bits` is empty.
    few: Vec<u32>,
    /// One bit per cluster number once there are many.
    bits: Vec<u64>,
    /// One more than the largest number expected (sizes the bitset).
    universe: u32,
    /// Matches without a cluster number: each is its own cluster.
    unnumbered: u64,
}

impl ClusterSet {
    /// An empty set for numbers below `universe` (larger ones are still counted).
    pub fn new(universe: u32) -> Self {
        ClusterSet { universe, ..ClusterSet::default() }
    }

    /// Adds cluster number `ord`.
    #[inline]
    pub fn insert(&mut self, ord: u32) {
        if self.bits.is_empty() {
            self.few.push(ord);
            if self.few.len() >= MIN_LIST.max(self.universe as usize / 32) {
                self.spill_to_bits();
            }
        } else {
            self.set(ord);
        }
    }

    /// Counts a match that has no cluster number.
    pub fn insert_unnumbered(&mut self) {
        self.unnumbered += 1;
    }

    #[inline]
    fn set(&mut self, ord: u32) {
        let word = ord as usize / 64;
        if word >= self.bits.len() {
            self.bits.resize(word + 1, 0);
        }
        self.bits[word] |= 1 << (ord % 64);
    }

    /// Moves the listed numbers into the bitset.
    fn spill_to_bits(&mut self) {
        if self.bits.is_empty() {
            self.bits = vec![0; (self.universe as usize).div_ceil(64).max(1)];
        }
        for ord in std::mem::take(&mut self.few) {
            self.set(ord);
        }
    }

    /// Number of distinct clusters.
    pub fn count(mut self) -> u64 {
        let numbered = if self.bits.is_empty() {
            self.few.sort_unstable();
            self.few.dedup();
            self.few.len() as u64
        } else {
            self.bits.iter().map(|w| u64::from(w.count_ones())).sum()
        };
        numbered + self.unnumbered
    }
}

/// The union of several sets.
pub fn union(sets: Vec<ClusterSet>) -> ClusterSet {
    let universe = sets.iter().map(|s| s.universe).max().unwrap_or(0);
    let mut out = ClusterSet::new(universe);
    for s in sets {
        out.unnumbered += s.unnumbered;
        if !s.bits.is_empty() {
            out.spill_to_bits();
            if out.bits.len() < s.bits.len() {
                out.bits.resize(s.bits.len(), 0);
            }
            out.bits.iter_mut().zip(&s.bits).for_each(|(a, b)| *a |= b);
        }
        s.few.into_iter().for_each(|ord| out.insert(ord));
    }
    out
}

/// Collects the set of `cluster_ord` values of every matching document.
pub struct ClusterCount {
    columns: Arc<IndexColumns>,
}

impl ClusterCount {
    /// Counts over the cluster numbers of `columns`.
    pub fn new(columns: Arc<IndexColumns>) -> Self {
        ClusterCount { columns }
    }
}

/// Per-segment part of [`ClusterCount`].
pub struct ClusterSegment {
    column: Option<Column<u64>>,
    seen: ClusterSet,
}

impl Collector for ClusterCount {
    type Fruit = ClusterSet;
    type Child = ClusterSegment;

    fn for_segment(&self, _ord: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<ClusterSegment> {
        let column = self.columns.of(segment)?.cluster_ord.clone();
        let universe = column.as_ref().map_or(0, |c| c.max_value().saturating_add(1).min(u64::from(u32::MAX)));
        Ok(ClusterSegment { column, seen: ClusterSet::new(universe as u32) })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<ClusterSet>) -> tantivy::Result<ClusterSet> {
        Ok(union(fruits))
    }
}

impl SegmentCollector for ClusterSegment {
    type Fruit = ClusterSet;

    fn collect(&mut self, doc: DocId, _score: Score) {
        match self.column.as_ref().and_then(|c| c.first(doc)) {
            Some(v) => self.seen.insert(v as u32),
            None => self.seen.insert_unnumbered(),
        }
    }

    fn harvest(self) -> ClusterSet {
        self.seen
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set_of(universe: u32, ords: &[u32]) -> ClusterSet {
        let mut s = ClusterSet::new(universe);
        ords.iter().for_each(|&o| s.insert(o));
        s
    }

    #[test]
    fn counts_distinct_numbers_as_list_and_as_bitset() {
        // A list: few numbers with repeats.
        assert_eq!(set_of(1_000_000, &[5, 9, 5, 70, 9]).count(), 3);
        // Past the list limit the set turns into a bitset, repeats still count once, and numbers
        // beyond the expected universe grow it.
        let ords: Vec<u32> = (0..5_000).map(|i| (i * 7) % 3_000).chain([10_000, 10_000]).collect();
        let s = set_of(3_000, &ords);
        assert!(!s.bits.is_empty());
        assert_eq!(s.count(), 3_001);
    }

    #[test]
    fn union_mixes_lists_bitsets_and_unnumbered_matches() {
        let big = set_of(2_000, &(0..2_000).collect::<Vec<_>>());
        let small = set_of(2_000, &[1, 2, 4_000]);
        let mut none = ClusterSet::new(0);
        none.insert_unnumbered();
        none.insert_unnumbered();
        assert_eq!(union(vec![small.clone(), big.clone(), none.clone()]).count(), 2_003);
        assert_eq!(union(vec![small, set_of(10, &[3, 4_000])]).count(), 4);
        assert_eq!(union(vec![]).count(), 0);
    }
}
