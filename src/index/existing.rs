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

/// Reads a committed article back as an [`Article`] with its root folder (for re-marking it).
pub fn fetch_article(shards: &super::ShardSet, id: &str) -> Result<Option<(crate::ingest::Article, String)>> {
    use tantivy::collector::TopDocs;
    use tantivy::query::TermQuery;
    let searcher = shards.indexes[shards.shard_of(id)].reader()?.searcher();
    let q =
        TermQuery::new(tantivy::Term::from_field_text(shards.fields.id, id), tantivy::schema::IndexRecordOption::Basic);
    let Some((_, addr)) = searcher.search(&q, &TopDocs::with_limit(1).order_by_score())?.into_iter().next() else {
        return Ok(None);
    };
    let stored = super::document::from_document(&shards.fields, &searcher.doc(addr)?, &shards.gen_dir())?;
    let (article, root, _) = article_of(stored);
    Ok(Some((article, root)))
}

/// A stored article as the [`Article`] it was indexed from, its root folder and its analysis.
pub fn article_of(
    stored: super::document::StoredArticle,
) -> (crate::ingest::Article, String, crate::analyze::Analysis) {
    let article = crate::ingest::Article {
        id: stored.id,
        title: stored.title,
        body: stored.body,
        date: stored.date.as_deref().and_then(crate::ingest::date::parse_date),
        url: stored.url,
        source: stored.source,
        author: stored.author,
        path: stored.path,
        line: None,
        publisher_tags: stored.publisher_tags,
    };
    (article, stored.root, stored.analysis)
}
