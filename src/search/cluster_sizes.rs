//! The number of live articles in each duplicate cluster, by cluster number, for one set of
//! segments: a page of hits knows which of its stories have copies without a dictionary lookup
//! per hit and shard (most articles are alone in their cluster).

use tantivy::index::SegmentId;
use tantivy::Searcher;

/// Live articles per cluster number over every segment of a set of searchers.
#[derive(Debug, Clone, Default)]
pub struct ClusterSizes {
    /// The segments counted, each with its number of deleted articles (a delete changes sizes).
    segments: Vec<(SegmentId, u32)>,
    /// Live articles per cluster number.
    sizes: Vec<u32>,
}

/// The segments of `searchers`, each with its deletes, in order.
fn segment_keys(searchers: &[Searcher]) -> Vec<(SegmentId, u32)> {
    searchers.iter().flat_map(|s| s.segment_readers()).map(|r| (r.segment_id(), r.num_deleted_docs())).collect()
}

impl ClusterSizes {
    /// Counts the live articles of each cluster number in the fast field named `field`.
    pub fn build(searchers: &[Searcher], field: &str) -> tantivy::Result<Self> {
        let mut sizes: Vec<u32> = Vec::new();
        for segment in searchers.iter().flat_map(|s| s.segment_readers()) {
            // An index without the field (older layouts) has no numbered clusters.
            let Ok(column) = segment.fast_fields().u64(field) else { continue };
            let alive = segment.alive_bitset();
            for doc in 0..segment.max_doc() {
                if alive.is_some_and(|a| !a.is_alive(doc)) {
                    continue;
                }
                if let Some(ord) = column.first(doc) {
                    let ord = ord as usize;
                    if ord >= sizes.len() {
                        sizes.resize(ord + 1, 0);
                    }
                    sizes[ord] += 1;
                }
            }
        }
        Ok(ClusterSizes { segments: segment_keys(searchers), sizes })
    }

    /// True when these sizes were counted on exactly the segments (and deletes) of `searchers`.
    pub fn covers(&self, searchers: &[Searcher]) -> bool {
        self.segments == segment_keys(searchers)
    }

    /// Live articles in cluster `cluster` as a candidate hit carries it: a cluster number, or an
    /// article's own id hash with the top bit set (an article without a number is alone).
    pub fn size(&self, cluster: u64) -> u64 {
        if cluster >> 63 == 1 {
            return 1;
        }
        usize::try_from(cluster).ok().and_then(|c| self.sizes.get(c)).map_or(1, |&n| u64::from(n.max(1)))
    }
}
