//! A collector of the distinct duplicate clusters among all matches (collapsed hit counts).

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// A hasher that passes a u64 through: cluster hashes are xxh3 values already, and hashing them
/// again (SipHash) was most of the cost of counting clusters over large match sets.
#[derive(Default)]
pub struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }

    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

/// A set of cluster hashes.
pub type ClusterSet = HashSet<u64, BuildHasherDefault<PassThrough>>;

/// Collects the set of `cluster_hash` values of every matching document.
pub struct ClusterCount {
    field: String,
}

impl ClusterCount {
    /// Counts over the u64 fast field named `field`.
    pub fn new(field: impl Into<String>) -> Self {
        ClusterCount { field: field.into() }
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
        Ok(ClusterSegment { column: segment.fast_fields().u64(&self.field).ok(), seen: ClusterSet::default() })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<ClusterSet>) -> tantivy::Result<ClusterSet> {
        Ok(union(fruits))
    }
}

/// The union of several sets, grown from the largest.
pub fn union(mut sets: Vec<ClusterSet>) -> ClusterSet {
    sets.sort_by_key(|s| std::cmp::Reverse(s.len()));
    let mut iter = sets.into_iter();
    let mut out = iter.next().unwrap_or_default();
    for s in iter {
        out.extend(s);
    }
    out
}

impl SegmentCollector for ClusterSegment {
    type Fruit = ClusterSet;

    fn collect(&mut self, doc: DocId, _score: Score) {
        if let Some(v) = self.column.as_ref().and_then(|c| c.first(doc)) {
            self.seen.insert(v);
        }
    }

    fn harvest(self) -> ClusterSet {
        self.seen
    }
}
