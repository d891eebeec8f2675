//! Corpus-wide BM25 statistics summed over all shards, so scores do not depend on the shard count.

use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

/// BM25 statistics of all shards together.
pub struct GlobalStats<'a> {
    searchers: &'a [Searcher],
}

impl<'a> GlobalStats<'a> {
    /// Statistics over these shard searchers.
    pub fn new(searchers: &'a [Searcher]) -> Self {
        GlobalStats { searchers }
    }
}

impl Bm25StatisticsProvider for GlobalStats<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        self.searchers.iter().map(|s| s.total_num_tokens(field)).sum()
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        self.searchers.iter().map(|s| s.total_num_docs()).sum()
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        self.searchers.iter().map(|s| s.doc_freq(term)).sum()
    }
}
