//! Every facet value's count over all live articles of a segment, kept between queries: a query
//! matching most of a segment counts its facets exactly as these totals minus the counts of the
//! articles it does not match, reading the values of the fewer articles.

use super::facet_table::decode;
use super::segment_columns::FacetColumn;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tantivy::index::SegmentId;
use tantivy::{DocId, SegmentReader};

/// A segment's live articles are known by its id and its number of deleted articles (deletes
/// only ever grow within a segment).
type SegmentKey = (SegmentId, u32);

/// Most zeroed count buffers kept for the next queries.
const KEPT_BUFFERS: usize = 16;

/// A segment's facet ordinals, a document's list at a time: from the in-memory table once it is
/// read, else decoded from the column.
pub struct FacetOrds {
    column: FacetColumn,
    /// The last decoded document's ordinals.
    wide: Vec<u64>,
    buffer: Vec<u32>,
}

impl FacetOrds {
    /// Reads the ordinals of this column.
    pub fn new(column: &FacetColumn) -> Self {
        FacetOrds { column: column.clone(), wide: Vec::new(), buffer: Vec::new() }
    }

    /// Number of distinct values in the segment.
    pub fn num_facets(&self) -> usize {
        self.column.num_facets
    }

    /// The ordinals of document `doc`, ascending.
    #[inline]
    pub fn of(&mut self, doc: DocId) -> &[u32] {
        if let Some(table) = self.column.table.get() {
            return table.of(doc);
        }
        let Some(ords) = &self.column.ords else { return &[] };
        self.buffer.clear();
        self.buffer.extend(decode(ords, doc, &mut self.wide).iter().map(|&o| o as u32));
        &self.buffer
    }
}

/// Facet value totals per segment, computed on first need, and the zeroed count buffers queries
/// borrow (one per segment and query: allocating and zeroing a count for every value each time
/// cost more than counting a narrow query's matches).
#[derive(Default)]
pub struct FacetTotals {
    segments: Mutex<HashMap<SegmentKey, Arc<Vec<u32>>>>,
    buffers: Mutex<Vec<Vec<u32>>>,
}

impl FacetTotals {
    /// `len` zero counts, from a buffer an earlier query gave back when there is one: one of
    /// that length when kept (segments differ in length, and growing a shorter buffer writes
    /// its new zeros: 4 % of a search).
    pub fn zeroed(&self, len: usize) -> Vec<u32> {
        let mut kept = self.buffers.lock().expect("facet buffers poisoned");
        let same = kept.iter().rposition(|b| b.len() == len);
        let mut buffer = match same {
            Some(i) => kept.swap_remove(i),
            None => kept.pop().unwrap_or_default(),
        };
        drop(kept);
        buffer.resize(len, 0);
        buffer
    }

    /// Takes back a buffer of [`FacetTotals::zeroed`] whose only non-zero counts are at `touched`.
    pub fn give_back(&self, mut buffer: Vec<u32>, touched: &[u32]) {
        for &i in touched {
            buffer[i as usize] = 0;
        }
        debug_assert!(buffer.iter().all(|&c| c == 0), "a facet count buffer came back with counts");
        let mut kept = self.buffers.lock().expect("facet buffers poisoned");
        if kept.len() < KEPT_BUFFERS {
            kept.push(buffer);
        }
    }

    /// The count of every ordinal of `reader` over the live articles of `segment`.
    pub fn of(&self, segment: &SegmentReader, ords: &mut FacetOrds) -> Arc<Vec<u32>> {
        let key = (segment.segment_id(), segment.num_deleted_docs());
        if let Some(t) = self.segments.lock().expect("facet totals poisoned").get(&key) {
            return t.clone();
        }
        let mut counts = vec![0u32; ords.num_facets()];
        let alive = segment.alive_bitset();
        for doc in 0..segment.max_doc() {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                for &ord in ords.of(doc) {
                    counts[ord as usize] += 1;
                }
            }
        }
        let counts = Arc::new(counts);
        let mut map = self.segments.lock().expect("facet totals poisoned");
        // Older states of this segment (fewer deletes) are of no further use.
        map.retain(|(id, _), _| *id != key.0);
        map.insert(key, counts.clone());
        counts
    }

    /// Forgets the segments not in `live` (merged away).
    pub fn keep_only(&self, live: &[SegmentId]) {
        self.segments.lock().expect("facet totals poisoned").retain(|(id, _), _| live.contains(id));
    }
}

/// The documents a query matched in one segment, as a bitset.
#[derive(Debug, Clone)]
pub(super) struct Matched {
    words: Vec<u64>,
    count: u32,
}

impl Matched {
    pub(super) fn new(max_doc: DocId) -> Self {
        Matched { words: vec![0; (max_doc as usize).div_ceil(64)], count: 0 }
    }

    pub(super) fn insert(&mut self, doc: DocId) {
        self.words[doc as usize / 64] |= 1 << (doc % 64);
        self.count += 1;
    }

    pub(super) fn count(&self) -> u32 {
        self.count
    }

    pub(super) fn contains(&self, doc: DocId) -> bool {
        self.words[doc as usize / 64] & (1 << (doc % 64)) != 0
    }

    /// The matched documents in order.
    pub(super) fn iter(&self) -> impl Iterator<Item = DocId> + '_ {
        self.words.iter().enumerate().flat_map(|(i, &w)| {
            let mut w = w;
            std::iter::from_fn(move || {
                (w != 0).then(|| {
                    let bit = w.trailing_zeros();
                    w &= w - 1;
                    i as DocId * 64 + bit
                })
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lent_buffer_comes_back_zeroed_and_is_lent_again() {
        let totals = FacetTotals::default();
        let mut counts = totals.zeroed(6);
        assert_eq!(counts, [0; 6]);
        counts[1] = 4;
        counts[5] = 1;
        totals.give_back(counts, &[5, 1]);
        // The same buffer comes back (its counts kept if not cleared), zero again, at whatever
        // length the next segment needs.
        let again = totals.zeroed(9);
        assert_eq!(again, [0; 9]);
        let shorter = totals.zeroed(3);
        assert_eq!(shorter, [0; 3]);
    }

    #[test]
    fn a_buffer_of_the_length_asked_for_is_lent_before_others() {
        let totals = FacetTotals::default();
        let (five, nine) = (totals.zeroed(5), totals.zeroed(9));
        let (five_at, nine_at) = (five.as_ptr(), nine.as_ptr());
        totals.give_back(five, &[]);
        totals.give_back(nine, &[]);
        let again = totals.zeroed(5);
        assert_eq!((again.as_ptr(), again.len()), (five_at, 5));
        // None of that length left: the last kept one, resized.
        let other = totals.zeroed(5);
        assert_eq!((other.as_ptr(), other.as_slice()), (nine_at, &[0; 5][..]));
    }

    #[test]
    fn matched_documents_iterate_in_order_and_count_once_each() {
        let mut m = Matched::new(200);
        for doc in [130, 0, 63, 64, 199] {
            m.insert(doc);
        }
        assert_eq!(m.count(), 5);
        assert!(m.contains(64) && !m.contains(65));
        assert_eq!(m.iter().collect::<Vec<_>>(), [0, 63, 64, 130, 199]);
    }
}
