//! Top facet values over every match, counted by ordinal and resolved to names only for the
//! few candidates (tantivy's `FacetCollector` resolves every value under a facet, which costs
//! milliseconds once an index knows tens of thousands of names).

use std::collections::HashMap;
use std::ops::Range;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::fastfield::FacetReader;
use tantivy::schema::Facet;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Counts of every facet ordinal of every segment of the matches.
pub struct FacetOrdinalCounts {
    field: String,
}

/// One segment's reader and counts.
pub struct SegmentCounts {
    reader: FacetReader,
    counts: Vec<u32>,
}

impl FacetOrdinalCounts {
    /// Counts the facet field named `field`.
    pub fn new(field: impl Into<String>) -> Self {
        FacetOrdinalCounts { field: field.into() }
    }
}

impl Collector for FacetOrdinalCounts {
    type Fruit = Vec<SegmentCounts>;
    type Child = SegmentCounts;

    fn for_segment(&self, _ord: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<SegmentCounts> {
        let reader = segment.facet_reader(&self.field)?;
        let counts = vec![0; reader.num_facets()];
        Ok(SegmentCounts { reader, counts })
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
        for ord in self.reader.facet_ords(doc) {
            self.counts[ord as usize] += 1;
        }
    }

    fn harvest(self) -> Vec<SegmentCounts> {
        vec![self]
    }
}

/// Ordinals of the facets directly below `/kind` in one segment.
fn kind_range(reader: &FacetReader, kind: &str) -> Range<u64> {
    let dict = reader.facet_dict();
    let ord = |key: Vec<u8>| match dict.term_ord_or_next(key) {
        Ok(tantivy::columnar::TermOrdHit::Exact(o)) | Ok(tantivy::columnar::TermOrdHit::Next(o)) => {
            o.min(reader.num_facets() as u64)
        }
        Err(_) => reader.num_facets() as u64,
    };
    let mut start = kind.as_bytes().to_vec();
    start.push(0);
    let mut end = kind.as_bytes().to_vec();
    end.push(1);
    ord(start)..ord(end)
}

/// The `n` values with the most matches at each level below `/kind` (subjects, then themes such
/// as `politics/migration`), each level best first, with exact counts.
pub fn top_per_level(segments: &[SegmentCounts], kind: &str, n: usize) -> Vec<(String, u64)> {
    let all = top_values(segments, kind, n.saturating_mul(4).max(n + 40));
    let (first, second): (Vec<_>, Vec<_>) = all.into_iter().partition(|(v, _)| !v.contains('/'));
    first.into_iter().take(n).chain(second.into_iter().take(n)).collect()
}

/// The `n` values of `/kind` with the most matches, with exact counts: candidates are the top
/// values of each segment, their totals summed over all segments.
pub fn top_values(segments: &[SegmentCounts], kind: &str, n: usize) -> Vec<(String, u64)> {
    if n == 0 {
        return vec![];
    }
    let per_segment = n + 10;
    let mut candidates: Vec<String> = Vec::new();
    for s in segments {
        let range = kind_range(&s.reader, kind);
        let mut ords: Vec<u64> = range.filter(|&o| s.counts[o as usize] > 0).collect();
        ords.sort_by(|a, b| s.counts[*b as usize].cmp(&s.counts[*a as usize]).then(a.cmp(b)));
        for &o in ords.iter().take(per_segment) {
            let mut facet = Facet::root();
            if s.reader.facet_from_ord(o, &mut facet).is_ok() {
                candidates.push(facet.encoded_str().to_string());
            }
        }
    }
    candidates.sort();
    candidates.dedup();
    let mut totals: HashMap<String, u64> = HashMap::new();
    for encoded in &candidates {
        let mut total = 0u64;
        for s in segments {
            if let Ok(Some(o)) = s.reader.facet_dict().term_ord(encoded.as_bytes()) {
                total += s.counts[o as usize] as u64;
            }
        }
        // The value is the path below the kind: a name, or `politics/migration` for topics.
        let name = encoded.split('\0').skip(1).collect::<Vec<_>>().join("/");
        totals.insert(name, total);
    }
    let mut out: Vec<(String, u64)> = totals.into_iter().collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out.truncate(n);
    out
}
