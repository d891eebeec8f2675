//! Top facet values over every match, counted by ordinal and summed through a cached table of
//! every segment's ordinals (tantivy's `FacetCollector` resolves every value under a facet, and
//! dictionary lookups per value cost milliseconds once an index knows tens of thousands of names).

use super::facet_totals::{FacetOrds, FacetTotals, Matched};
use super::segment_columns::IndexColumns;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::ops::Range;
use std::sync::Arc;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::index::SegmentId;
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

/// Counts of every facet ordinal of every segment of the matches.
pub struct FacetOrdinalCounts {
    /// Which facet field: keyphrases (`keyword`) or the rest (`facet`).
    keywords: bool,
    columns: Arc<IndexColumns>,
    totals: Arc<FacetTotals>,
}

/// One segment's reader and counts.
pub struct SegmentCounts {
    segment: SegmentId,
    ords: FacetOrds,
    counts: Vec<u32>,
    /// Ordinals counted at least once (narrow queries touch few values).
    touched: Vec<u32>,
    /// The matches, counted when the segment's are all in.
    matched: Matched,
    /// The segment and its totals: a query matching most of it counts what it does not match.
    segment_reader: SegmentReader,
    totals: Arc<FacetTotals>,
}

impl FacetOrdinalCounts {
    /// Counts the `keyword` field (`keywords`) or the `facet` field, read from `columns`, through
    /// these totals of it when a query matches most of a segment (same counts, fewer values read).
    pub fn new(keywords: bool, columns: Arc<IndexColumns>, totals: Arc<FacetTotals>) -> Self {
        FacetOrdinalCounts { keywords, columns, totals }
    }
}

impl Collector for FacetOrdinalCounts {
    type Fruit = Vec<SegmentCounts>;
    type Child = SegmentCounts;

    fn for_segment(&self, _ord: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<SegmentCounts> {
        let columns = self.columns.of(segment)?;
        let ords = FacetOrds::new(if self.keywords { &columns.keyword } else { &columns.facet });
        let counts = self.totals.zeroed(ords.num_facets());
        Ok(SegmentCounts {
            segment: segment.segment_id(),
            ords,
            counts,
            touched: Vec::new(),
            matched: Matched::new(segment.max_doc()),
            segment_reader: segment.clone(),
            totals: self.totals.clone(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<SegmentCounts>>) -> tantivy::Result<Vec<SegmentCounts>> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl SegmentCollector for SegmentCounts {
    type Fruit = Vec<SegmentCounts>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.matched.insert(doc);
    }

    fn harvest(mut self) -> Vec<SegmentCounts> {
        let segment = &self.segment_reader;
        if u64::from(self.matched.count()) * 2 > u64::from(segment.num_docs()) {
            self.counts.copy_from_slice(&self.totals.of(segment, &mut self.ords));
            let alive = segment.alive_bitset();
            for doc in 0..segment.max_doc() {
                if !self.matched.contains(doc) && alive.is_none_or(|a| a.is_alive(doc)) {
                    for &ord in self.ords.of(doc) {
                        self.counts[ord as usize] -= 1;
                    }
                }
            }
            self.touched = (0..self.counts.len() as u32).filter(|&o| self.counts[o as usize] > 0).collect();
        } else {
            for doc in self.matched.iter() {
                for &ord in self.ords.of(doc) {
                    let count = &mut self.counts[ord as usize];
                    if *count == 0 {
                        self.touched.push(ord);
                    }
                    *count += 1;
                }
            }
        }
        vec![self]
    }
}

impl Drop for SegmentCounts {
    fn drop(&mut self) {
        // Every non-zero count is at a touched ordinal (both paths of `harvest` keep it so).
        self.totals.give_back(std::mem::take(&mut self.counts), &self.touched);
    }
}

/// Match counts per global value id.
pub struct Totals<'a> {
    /// Count per global id.
    counts: Vec<u32>,
    /// Global ids with a count, unordered, per kind (`person`, `org`, … as [`FacetNames`]
    /// numbers them): sorting them, or scanning all of them per kind, cost 4 % of a search.
    touched: Vec<Vec<u32>>,
    /// Where `counts` goes back to, zeroed.
    buffers: &'a FacetTotals,
}

impl Drop for Totals<'_> {
    fn drop(&mut self) {
        for &g in self.touched.iter().flatten() {
            self.counts[g as usize] = 0;
        }
        self.buffers.give_back(std::mem::take(&mut self.counts), &[]);
    }
}

/// Every value of one facet field across all segments of all shards, sorted, with each segment's
/// ordinal → global id: built once per set of segments, it turns per-segment counts into totals
/// without a dictionary lookup per value and per query.
pub struct FacetNames {
    /// Encoded facets (`person\0Nayib Bukele`), sorted.
    names: Vec<String>,
    /// Segment → global id of each of its ordinals.
    segments: HashMap<SegmentId, Vec<u32>>,
    /// The kinds of value (the first part of each name: `month`, `org`, `person`, …), sorted.
    kinds: Vec<String>,
    /// Each global id's kind, as an index in `kinds`.
    kind_of: Vec<u16>,
    /// Zeroed buffers of a count per value, lent to [`Totals`].
    buffers: FacetTotals,
}

impl FacetNames {
    /// Reads the facet dictionaries of every segment of `searchers` for the field named `field`.
    pub fn build(searchers: &[Searcher], field: &str) -> tantivy::Result<Self> {
        let mut per_segment: Vec<(SegmentId, Vec<String>)> = Vec::new();
        for s in searchers {
            for segment in s.segment_readers() {
                let reader = segment.facet_reader(field)?;
                let mut keys = Vec::with_capacity(reader.num_facets());
                let mut stream = reader.facet_dict().stream()?;
                while stream.advance() {
                    keys.push(String::from_utf8_lossy(stream.key()).into_owned());
                }
                per_segment.push((segment.segment_id(), keys));
            }
        }
        // Each segment's dictionary is sorted: merge them (one comparison per value and list
        // on a heap) instead of sorting every value and searching each segment's values again.
        let mut next = vec![0usize; per_segment.len()];
        let mut heap: BinaryHeap<Reverse<(&str, usize)>> = per_segment
            .iter()
            .enumerate()
            .filter_map(|(s, (_, keys))| keys.first().map(|k| Reverse((k.as_str(), s))))
            .collect();
        let mut ids: Vec<Vec<u32>> = per_segment.iter().map(|(_, keys)| Vec::with_capacity(keys.len())).collect();
        let mut names: Vec<String> = Vec::new();
        while let Some(Reverse((key, s))) = heap.pop() {
            if names.last().is_none_or(|last| last.as_str() != key) {
                names.push(key.to_string());
            }
            ids[s].push(names.len() as u32 - 1);
            next[s] += 1;
            if let Some(k) = per_segment[s].1.get(next[s]) {
                heap.push(Reverse((k.as_str(), s)));
            }
        }
        let segments = per_segment.iter().map(|(id, _)| *id).zip(ids).collect();
        // Names are sorted, so each kind's names are one run: a new kind where the prefix changes.
        let mut kinds: Vec<String> = Vec::new();
        let kind_of = names
            .iter()
            .map(|n| {
                let kind = n.split('\0').next().unwrap_or_default();
                if kinds.last().is_none_or(|k| k != kind) {
                    kinds.push(kind.to_string());
                }
                (kinds.len() - 1) as u16
            })
            .collect();
        Ok(FacetNames { names, segments, kinds, kind_of, buffers: FacetTotals::default() })
    }

    /// True when every segment of `searchers` is known.
    pub fn covers(&self, searchers: &[Searcher]) -> bool {
        searchers.iter().flat_map(|s| s.segment_readers()).all(|r| self.segments.contains_key(&r.segment_id()))
    }

    /// Counts per global id, summed over the segments.
    pub fn totals(&self, segments: &[SegmentCounts]) -> Totals<'_> {
        let mut counts = self.buffers.zeroed(self.names.len());
        let mut touched = vec![Vec::new(); self.kinds.len()];
        for s in segments {
            let Some(ids) = self.segments.get(&s.segment) else { continue };
            for &ord in &s.touched {
                if let Some(&g) = ids.get(ord as usize).filter(|&&g| g != u32::MAX) {
                    if counts[g as usize] == 0 {
                        touched[self.kind_of[g as usize] as usize].push(g);
                    }
                    counts[g as usize] += s.counts[ord as usize];
                }
            }
        }
        Totals { counts, touched, buffers: &self.buffers }
    }

    /// Global ids of the values directly or indirectly below `/kind`.
    fn kind_range(&self, kind: &str) -> Range<usize> {
        let (start, end) = (format!("{kind}\0"), format!("{kind}\u{1}"));
        self.names.partition_point(|n| n.as_str() < start.as_str())
            ..self.names.partition_point(|n| n.as_str() < end.as_str())
    }

    /// True when `/kind/value` is a value of some segment.
    pub fn has(&self, kind: &str, value: &str) -> bool {
        let key = format!("{kind}\0{}", value.replace('/', "\0"));
        self.names.binary_search(&key).is_ok()
    }

    /// Every value of `/kind` (the path below it), sorted.
    pub fn values(&self, kind: &str) -> Vec<String> {
        self.names[self.kind_range(kind)].iter().map(|n| n.split('\0').skip(1).collect::<Vec<_>>().join("/")).collect()
    }

    /// The `n` values of `/kind` with the most matches, with exact counts, best first (ties by name).
    pub fn top_values(&self, totals: &Totals, kind: &str, n: usize) -> Vec<(String, u64)> {
        if n == 0 {
            return vec![];
        }
        let Ok(k) = self.kinds.binary_search_by(|x| x.as_str().cmp(kind)) else { return vec![] };
        let mut ids: Vec<usize> = totals.touched[k].iter().map(|&g| g as usize).collect();
        let totals = &totals.counts;
        let by_count = |a: &usize, b: &usize| totals[*b].cmp(&totals[*a]).then(a.cmp(b));
        if ids.len() > n {
            ids.select_nth_unstable_by(n, by_count);
            ids.truncate(n);
        }
        ids.sort_by(by_count);
        // The value is the path below the kind: a name, or `politics/migration` for topics.
        ids.into_iter()
            .map(|g| (self.names[g].split('\0').skip(1).collect::<Vec<_>>().join("/"), totals[g] as u64))
            .collect()
    }

    /// The `n` values with the most matches at each level below `/kind` (subjects, then themes such
    /// as `politics/migration`), each level best first, with exact counts.
    pub fn top_per_level(&self, totals: &Totals, kind: &str, n: usize) -> Vec<(String, u64)> {
        let all = self.top_values(totals, kind, usize::MAX);
        let (first, second): (Vec<_>, Vec<_>) = all.into_iter().partition(|(v, _)| !v.contains('/'));
        first.into_iter().take(n).chain(second.into_iter().take(n)).collect()
    }
}
