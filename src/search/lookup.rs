//! Articles by id, every article in turn (export), and numbers about the index.

use super::news_index::NewsIndex;
use crate::error::Result;
use crate::index::document::from_document;
use crate::index::StoredArticle;
use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, TantivyDocument, Term};

/// Index statistics as `newsdex stats --json` prints them.
#[derive(Debug, Clone, Serialize)]
pub struct IndexStats {
    /// Total articles.
    pub articles: u64,
    /// Bytes on disk, all shards.
    pub bytes: u64,
    /// Per shard.
    pub shards: Vec<ShardStats>,
    /// Indexed folders.
    pub roots: Vec<crate::index::manifest::RootEntry>,
    /// Field names of the schema.
    pub fields: Vec<String>,
    /// Index folder.
    pub index: String,
    /// Layout version.
    pub format_version: u32,
}

/// One shard's numbers.
#[derive(Debug, Clone, Serialize)]
pub struct ShardStats {
    /// Articles.
    pub articles: u64,
    /// Bytes on disk.
    pub bytes: u64,
    /// tantivy segments.
    pub segments: usize,
}

impl NewsIndex {
    /// One article by id, with the other articles of its duplicate cluster.
    pub fn get(&self, id: &str) -> Result<Option<StoredArticle>> {
        let Some(mut article) = self.article(id)? else { return Ok(None) };
        let (copies, size) = self.cluster_members(&self.searchers(), &article.analysis.cluster, &article.id)?;
        (article.copies, article.cluster_size) = (copies, Some(size));
        Ok(Some(article))
    }

    /// One article by id as stored, without looking up its cluster (`copies` empty).
    pub fn article(&self, id: &str) -> Result<Option<StoredArticle>> {
        let shard = self.shards.shard_of(id);
        let searcher = self.readers[shard].searcher();
        let q = TermQuery::new(Term::from_field_text(self.shards.fields.id, id), IndexRecordOption::Basic);
        let top = searcher.search(&q, &TopDocs::with_limit(1).order_by_score())?;
        let Some((_, addr)) = top.first() else { return Ok(None) };
        Ok(Some(from_document(&self.shards.fields, &searcher.doc(*addr)?, &self.shards.gen_dir())?))
    }

    /// Calls `each` for every article of every shard, shard by shard.
    pub fn for_each_article(&self, mut each: impl FnMut(StoredArticle) -> Result<()>) -> Result<()> {
        for searcher in self.searchers() {
            for (ord, segment) in searcher.segment_readers().iter().enumerate() {
                for doc in segment.doc_ids_alive() {
                    let d: TantivyDocument = searcher.doc(DocAddress::new(ord as u32, doc))?;
                    each(from_document(&self.shards.fields, &d, &self.shards.gen_dir())?)?;
                }
            }
        }
        Ok(())
    }

    /// Numbers about the index.
    pub fn stats(&self) -> IndexStats {
        let bytes = self.shards.shard_bytes();
        let shards: Vec<ShardStats> = self
            .searchers()
            .iter()
            .zip(&bytes)
            .map(|(s, b)| ShardStats { articles: s.num_docs(), bytes: *b, segments: s.segment_readers().len() })
            .collect();
        let schema = self.shards.indexes[0].schema();
        IndexStats {
            articles: shards.iter().map(|s| s.articles).sum(),
            bytes: bytes.iter().sum(),
            shards,
            roots: self.shards.manifest.roots.clone(),
            fields: schema.fields().map(|(_, e)| e.name().to_string()).collect(),
            index: self.shards.dir.display().to_string(),
            format_version: self.shards.manifest.format_version,
        }
    }
}
