//! Every article's facet ordinals of one segment, held in memory once counted: reading a match's
//! values through the column (its optional index, start offsets and bit-packed values) was a
//! tenth of a search; from this table it is a slice. Six values an article on Reuters-21578 and on
//! the generated million: 1 MB and 29 MB.

use tantivy::columnar::Column;
use tantivy::DocId;

/// Decodes document `doc`'s ordinals from `column` into `buffer` in one call (reading value by
/// value through the column's trait object cost most of a facet count).
pub fn decode<'b>(column: &Column<u64>, doc: DocId, buffer: &'b mut Vec<u64>) -> &'b [u64] {
    let rows = column.index.value_row_ids(doc);
    buffer.resize(rows.len(), 0);
    column.values.get_range(u64::from(rows.start), buffer);
    buffer
}

/// Facet ordinals per document of one segment (compressed-row form).
#[derive(Debug, Clone, Default)]
pub struct FacetTable {
    /// Document `d`'s ordinals are `ords[starts[d]..starts[d + 1]]`.
    starts: Vec<u32>,
    ords: Vec<u32>,
}

impl FacetTable {
    /// Reads the ordinals of documents `0..max_doc` from `column`.
    pub fn build(column: &Column<u64>, max_doc: DocId) -> Self {
        let mut starts = Vec::with_capacity(max_doc as usize + 1);
        let mut ords = Vec::with_capacity(max_doc as usize * 6);
        let mut buffer: Vec<u64> = Vec::new();
        starts.push(0);
        for doc in 0..max_doc {
            ords.extend(decode(column, doc, &mut buffer).iter().map(|&o| o as u32));
            starts.push(ords.len() as u32);
        }
        FacetTable { starts, ords }
    }

    /// The ordinals of document `doc`, ascending (none for a document beyond the table).
    #[inline]
    pub fn of(&self, doc: DocId) -> &[u32] {
        let d = doc as usize;
        match (self.starts.get(d), self.starts.get(d + 1)) {
            (Some(&a), Some(&b)) => &self.ords[a as usize..b as usize],
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_beyond_the_table_has_no_values() {
        let table = FacetTable { starts: vec![0, 2, 2, 3], ords: vec![4, 9, 1] };
        assert_eq!(table.of(0), [4, 9]);
        assert!(table.of(1).is_empty());
        assert_eq!(table.of(2), [1]);
        assert!(table.of(3).is_empty() && table.of(100).is_empty());
        assert!(FacetTable::default().of(0).is_empty());
    }
}
