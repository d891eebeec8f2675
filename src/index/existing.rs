//! What a shard already holds: id → content hash and source file, read from fast fields.

use super::schema::NewsSchema;
use crate::error::Result;
use std::collections::HashMap;
use tantivy::Index;

/// An article already in the index.
#[derive(Debug, Clone, PartialEq)]
pub struct Existing {
    /// Its content hash.
    pub hash: u64,
    /// The root folder it came from.
    pub root: String,
    /// Its path relative to that root.
    pub path: String,
}

/// Loads id → [`Existing`] for every live document of a shard.
pub fn load_existing(index: &Index, f: &NewsSchema) -> Result<HashMap<String, Existing>> {
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let mut out = HashMap::with_capacity(searcher.num_docs() as usize);
    let field_name = |field| index.schema().get_field_name(field).to_string();
    let (id_name, root_name, path_name, hash_name) =
        (field_name(f.id), field_name(f.root), field_name(f.path), field_name(f.hash));
    for segment in searcher.segment_readers() {
        let ff = segment.fast_fields();
        let (Some(ids), Some(roots), Some(paths)) = (ff.str(&id_name)?, ff.str(&root_name)?, ff.str(&path_name)?)
        else {
            continue;
        };
        let hashes = ff.u64(&hash_name)?;
        let mut buf = String::new();
        let mut text = |col: &tantivy::columnar::StrColumn, doc| -> String {
            buf.clear();
            if let Some(ord) = col.term_ords(doc).next() {
                let _ = col.ord_to_str(ord, &mut buf);
            }
            buf.clone()
        };
        for doc in segment.doc_ids_alive() {
            let id = text(&ids, doc);
            let existing =
                Existing { hash: hashes.first(doc).unwrap_or(0), root: text(&roots, doc), path: text(&paths, doc) };
            out.insert(id, existing);
        }
    }
    Ok(out)
}
