//! A collector of the distinct duplicate clusters among all matches (collapsed hit counts).

use std::collections::HashSet;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

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
    seen: HashSet<u64>,
}

impl Collector for ClusterCount {
    type Fruit = HashSet<u64>;
    type Child = ClusterSegment;

    fn for_segment(&self, _ord: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<ClusterSegment> {
        Ok(ClusterSegment { column: segment.fast_fields().u64(&self.field).ok(), seen: HashSet::new() })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<HashSet<u64>>) -> tantivy::Result<HashSet<u64>> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl SegmentCollector for ClusterSegment {
    type Fruit = HashSet<u64>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        if let Some(v) = self.column.as_ref().and_then(|c| c.first(doc)) {
            self.seen.insert(v);
        }
    }

    fn harvest(self) -> HashSet<u64> {
        self.seen
    }
}
