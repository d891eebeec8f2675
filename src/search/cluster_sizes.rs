//! The number of live articles in each duplicate cluster, by cluster number, and the ids of the
//! clusters of more than one, for one set of segments: a page of hits knows which of its stories
//! have copies, and what they are, without a search and a dictionary lookup per copy (reading
//! one id from a fast field's dictionary scans its block: a tenth of a page of hits went there).

use std::collections::HashMap;
use tantivy::columnar::StrColumn;
use tantivy::index::SegmentId;
use tantivy::Searcher;

/// Live articles per cluster number over every segment of a set of searchers.
#[derive(Debug, Clone, Default)]
pub struct ClusterSizes {
    /// The segments counted, each with its number of deleted articles (a delete changes sizes).
    segments: Vec<(SegmentId, u32)>,
    /// Live articles per cluster number.
    sizes: Vec<u32>,
    /// The ids of the live articles of each cluster of more than one, sorted.
    members: HashMap<u64, Vec<Box<str>>>,
}

/// Gives each `(id ordinal, tag)` of `wanted` its id from `ids` (a segment's id column), read in
/// one ordered pass over the column's dictionary: reading ids one by one scans a block each.
pub(super) fn read_ids<T: Ord + Copy>(
    ids: &StrColumn,
    mut wanted: Vec<(u64, T)>,
    mut each: impl FnMut(T, &str),
) -> std::io::Result<()> {
    wanted.sort_unstable();
    let ords: Vec<u64> = wanted.iter().map(|w| w.0).collect();
    let mut tags = wanted.iter().map(|w| w.1);
    ids.dictionary().sorted_ords_to_term_cb(&ords, |id| {
        if let Some(tag) = tags.next() {
            each(tag, &String::from_utf8_lossy(id));
        }
    })?;
    Ok(())
}

/// The segments of `searchers`, each with its deletes, in order.
fn segment_keys(searchers: &[Searcher]) -> Vec<(SegmentId, u32)> {
    searchers.iter().flat_map(|s| s.segment_readers()).map(|r| (r.segment_id(), r.num_deleted_docs())).collect()
}

impl ClusterSizes {
    /// Counts the live articles of each cluster number in the fast field named `field`, and
    /// reads the ids (fast field `id_field`) of those in clusters of more than one.
    pub fn build(searchers: &[Searcher], field: &str, id_field: &str) -> tantivy::Result<Self> {
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
        let mut members: HashMap<u64, Vec<Box<str>>> = HashMap::new();
        for segment in searchers.iter().flat_map(|s| s.segment_readers()) {
            let (Ok(column), Some(ids)) = (segment.fast_fields().u64(field), segment.fast_fields().str(id_field)?)
            else {
                continue;
            };
            let alive = segment.alive_bitset();
            // (id ordinal, cluster) of each article with copies; the ids are read in one ordered
            // pass over the dictionary.
            let mut wanted: Vec<(u64, u64)> = Vec::new();
            for doc in 0..segment.max_doc() {
                if alive.is_some_and(|a| !a.is_alive(doc)) {
                    continue;
                }
                let Some(cluster) = column.first(doc) else { continue };
                if sizes.get(cluster as usize).is_some_and(|&n| n > 1) {
                    wanted.extend(ids.term_ords(doc).next().map(|ord| (ord, cluster)));
                }
            }
            read_ids(&ids, wanted, |cluster, id| members.entry(cluster).or_default().push(id.into()))?;
        }
        members.values_mut().for_each(|ids| ids.sort_unstable());
        Ok(ClusterSizes { segments: segment_keys(searchers), sizes, members })
    }

    /// The ids of the live articles of cluster `cluster` (as [`ClusterSizes::size`] takes it),
    /// sorted; empty for an article alone.
    pub fn members(&self, cluster: u64) -> &[Box<str>] {
        self.members.get(&cluster).map_or(&[], Vec::as_slice)
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
