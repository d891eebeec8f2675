//! The fast-field columns a search reads of each segment, opened once per set of segments:
//! opening a column looks its name up in the segment's column directory, a few microseconds
//! each, and a search over four segments opened a dozen of them.

use super::facet_table::FacetTable;
use crate::index::NewsSchema;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use tantivy::columnar::Column;
use tantivy::index::SegmentId;
use tantivy::{DocId, Searcher, SegmentReader};

/// The ordinals of a facet field in one segment.
#[derive(Clone)]
pub struct FacetColumn {
    /// Ordinals per document (`None` when the segment has no such column).
    pub ords: Option<Column<u64>>,
    /// Number of distinct values in the segment.
    pub num_facets: usize,
    /// The same ordinals in memory, once [`IndexColumns::warm`]'s background job has read them.
    pub table: Arc<OnceLock<FacetTable>>,
    max_doc: DocId,
}

impl FacetColumn {
    fn open(segment: &SegmentReader, field: &str) -> tantivy::Result<Self> {
        // The same checks as tantivy's facet reader: the field exists and is a facet field.
        let reader = segment.facet_reader(field)?;
        let ords = segment.fast_fields().str(field)?.map(|c| c.ords().clone());
        Ok(FacetColumn { ords, num_facets: reader.num_facets(), table: Arc::default(), max_doc: segment.max_doc() })
    }

    /// Reads the ordinals into the in-memory table (once).
    fn fill_table(&self) {
        if let Some(ords) = &self.ords {
            self.table.get_or_init(|| FacetTable::build(ords, self.max_doc));
        }
    }
}

/// The columns of one segment.
#[derive(Clone)]
pub struct SegmentColumns {
    /// People, organisations, topics, sources and months.
    pub facet: FacetColumn,
    /// Keyphrases.
    pub keyword: FacetColumn,
    /// Duplicate cluster numbers (absent in indexes written before they were kept).
    pub cluster_ord: Option<Column<u64>>,
    /// xxh3 of each article's id.
    pub id_hash: Option<Column<u64>>,
}

impl SegmentColumns {
    /// Opens the columns of `segment`.
    pub fn open(segment: &SegmentReader, f: &NewsSchema) -> tantivy::Result<Self> {
        let schema = segment.schema();
        let name = |field| schema.get_field_name(field);
        let u64s = |field| segment.fast_fields().u64(name(field)).ok();
        Ok(SegmentColumns {
            facet: FacetColumn::open(segment, name(f.facet))?,
            keyword: FacetColumn::open(segment, name(f.keyword))?,
            cluster_ord: u64s(f.cluster_ord),
            id_hash: u64s(f.id_hash),
        })
    }
}

/// The columns of every segment of a set of searchers.
pub struct IndexColumns {
    fields: NewsSchema,
    segments: HashMap<SegmentId, Arc<SegmentColumns>>,
    /// Whether the in-memory facet tables are being (or have been) read.
    warming: AtomicBool,
}

impl IndexColumns {
    /// Opens the columns of every segment of `searchers`.
    pub fn open(searchers: &[Searcher], fields: &NewsSchema) -> tantivy::Result<Self> {
        let segments = searchers
            .iter()
            .flat_map(|s| s.segment_readers())
            .map(|r| Ok((r.segment_id(), Arc::new(SegmentColumns::open(r, fields)?))))
            .collect::<tantivy::Result<_>>()?;
        Ok(IndexColumns { fields: *fields, segments, warming: AtomicBool::new(false) })
    }

    /// Starts reading the ordinals of the `facet` field into memory in the background, once:
    /// called from the second search on these segments on, so that a one-shot search neither
    /// waits for it nor shares the pool's threads with it (searches before it is done read the
    /// columns).
    pub fn warm(&self) {
        if !self.warming.swap(true, Ordering::SeqCst) {
            let facets: Vec<FacetColumn> = self.segments.values().map(|c| c.facet.clone()).collect();
            rayon::spawn(move || facets.iter().for_each(FacetColumn::fill_table));
        }
    }

    /// True when every segment of `searchers` is known.
    pub fn covers(&self, searchers: &[Searcher]) -> bool {
        searchers.iter().flat_map(|s| s.segment_readers()).all(|r| self.segments.contains_key(&r.segment_id()))
    }

    /// The columns of `segment` (opened now if the segment is not one of the set's).
    pub fn of(&self, segment: &SegmentReader) -> tantivy::Result<Arc<SegmentColumns>> {
        match self.segments.get(&segment.segment_id()) {
            Some(c) => Ok(c.clone()),
            None => Ok(Arc::new(SegmentColumns::open(segment, &self.fields)?)),
        }
    }
}
