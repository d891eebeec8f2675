//! An opened index: searching all shards with corpus-wide BM25, fetching and listing articles.

use super::query::{can_fall_back, QueryParsers};
use super::response::{Hit, SearchResponse};
use super::snippets::Snippets;
use super::stats::GlobalStats;
use crate::error::{Error, Result};
use crate::index::document::{format_date, from_document};
use crate::index::{ShardSet, StoredArticle};
use rayon::prelude::*;
use serde::Serialize;
use std::path::Path;
use std::time::Instant;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, IndexReader, Searcher, TantivyDocument, Term};

/// Default number of hits per page.
pub const DEFAULT_LIMIT: usize = 10;

/// One search request.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    /// Query text.
    pub query: String,
    /// Hits per page.
    pub limit: usize,
    /// Hits to skip.
    pub offset: usize,
}

impl SearchRequest {
    /// A first-page request for `query`.
    pub fn new(query: impl Into<String>) -> Self {
        SearchRequest { query: query.into(), limit: DEFAULT_LIMIT, offset: 0 }
    }
}

/// A candidate hit before its document is fetched.
#[derive(Debug, Clone)]
struct Candidate {
    score: f32,
    shard: usize,
    addr: DocAddress,
    id: String,
}

/// Index statistics as `newsdex stats --json` prints them.
#[derive(Debug, Clone, Serialize)]
pub struct IndexStats {
    /// Total articles.
    pub documents: u64,
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
    pub documents: u64,
    /// Bytes on disk.
    pub bytes: u64,
    /// tantivy segments.
    pub segments: usize,
}

/// An index opened for reading.
pub struct NewsIndex {
    shards: ShardSet,
    readers: Vec<IndexReader>,
    parsers: QueryParsers,
}

impl NewsIndex {
    /// Opens the committed index in `dir`.
    pub fn open(dir: &Path) -> Result<Self> {
        let shards = ShardSet::open(dir)?;
        let readers = shards.readers()?;
        let parsers = QueryParsers::new(&shards.indexes[0], &shards.fields);
        Ok(NewsIndex { shards, readers, parsers })
    }

    /// The shard set.
    pub fn shards(&self) -> &ShardSet {
        &self.shards
    }

    /// A searcher per shard (a consistent snapshot).
    pub fn searchers(&self) -> Vec<Searcher> {
        self.readers.iter().map(IndexReader::searcher).collect()
    }

    /// Parses a query the way [`NewsIndex::search`] does (all words).
    pub fn parse(&self, text: &str) -> Result<Box<dyn Query>> {
        self.parsers.parse(text, false)
    }

    /// Answers a search: all words, else any word; top hits over all shards with snippets.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResponse> {
        let started = Instant::now();
        let searchers = self.searchers();
        let want = req.offset + req.limit;
        let mut query = self.parsers.parse(&req.query, false)?;
        let (mut total, mut top) = self.top(&*query, &searchers, want)?;
        let mut fallback = None;
        if total == 0 && can_fall_back(&req.query) {
            query = self.parsers.parse(&req.query, true)?;
            (total, top) = self.top(&*query, &searchers, want)?;
            fallback = Some("any_word".to_string());
        }
        let page: Vec<Candidate> = top.into_iter().skip(req.offset).take(req.limit).collect();
        let hits = self.hits(&page, &*query, &searchers)?;
        Ok(SearchResponse {
            query: req.query.clone(),
            total_hits: total,
            took_us: started.elapsed().as_micros() as u64,
            fallback,
            hits,
        })
    }

    /// Scores and ids of the top `k` matches of a parsed query, merged over shards with corpus-wide
    /// statistics, ties broken by id; and the total match count.
    pub fn top_ids(&self, query: &dyn Query, k: usize) -> Result<(u64, Vec<(f32, String)>)> {
        let searchers = self.searchers();
        let (total, top) = self.top(query, &searchers, k)?;
        Ok((total, top.into_iter().map(|c| (c.score, c.id)).collect()))
    }

    fn top(&self, query: &dyn Query, searchers: &[Searcher], k: usize) -> Result<(u64, Vec<Candidate>)> {
        let stats = GlobalStats::new(searchers);
        let collector = (TopDocs::with_limit(k.max(1)).order_by_score(), Count);
        let per_shard: Vec<(u64, Vec<Candidate>)> = searchers
            .par_iter()
            .enumerate()
            .map(|(shard, s)| {
                let (docs, count) = s.search_with_statistics_provider(query, &collector, &stats)?;
                let ids = docs.iter().map(|(_, addr)| self.id_of(s, *addr)).collect::<Result<Vec<_>>>()?;
                let cands =
                    docs.into_iter().zip(ids).map(|((score, addr), id)| Candidate { score, shard, addr, id }).collect();
                Ok((count as u64, cands))
            })
            .collect::<Result<_>>()?;
        let total = per_shard.iter().map(|(c, _)| c).sum();
        let mut all: Vec<Candidate> = per_shard.into_iter().flat_map(|(_, c)| c).collect();
        all.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
        all.truncate(k);
        Ok((total, all))
    }

    fn id_of(&self, searcher: &Searcher, addr: DocAddress) -> Result<String> {
        let name = searcher.schema().get_field_name(self.shards.fields.id).to_string();
        let col = searcher.segment_reader(addr.segment_ord).fast_fields().str(&name)?;
        let mut out = String::new();
        if let Some(col) = col {
            if let Some(ord) = col.term_ords(addr.doc_id).next() {
                col.ord_to_str(ord, &mut out).map_err(|e| Error::io(&self.shards.dir, e))?;
            }
        }
        Ok(out)
    }

    /// Fetches the page's documents and makes their snippets, in parallel.
    fn hits(&self, page: &[Candidate], query: &dyn Query, searchers: &[Searcher]) -> Result<Vec<Hit>> {
        let f = &self.shards.fields;
        let shards_used: Vec<usize> = (0..searchers.len()).filter(|s| page.iter().any(|c| c.shard == *s)).collect();
        let snippets: Vec<Option<Snippets>> = (0..searchers.len())
            .map(|s| shards_used.contains(&s).then(|| Snippets::new(&searchers[s], query, f.text)))
            .collect();
        page.par_iter()
            .map(|c| {
                let doc: TantivyDocument = searchers[c.shard].doc(c.addr)?;
                let text = |field| doc.get_first(field).and_then(|v| v.as_str()).map(str::to_string);
                let gen = snippets[c.shard].as_ref().expect("snippets prepared for every shard on the page");
                let fragment = gen.fragment(&text(f.body).unwrap_or_default());
                Ok(Hit {
                    id: c.id.clone(),
                    title: text(f.title).unwrap_or_default(),
                    date: doc.get_first(f.date).and_then(|v| v.as_datetime()).map(format_date),
                    source: text(f.source),
                    url: text(f.url),
                    path: text(f.path).unwrap_or_default(),
                    score: c.score,
                    snippet: fragment.text,
                    highlights: fragment.highlights,
                })
            })
            .collect()
    }

    /// One article by id.
    pub fn get(&self, id: &str) -> Result<Option<StoredArticle>> {
        let shard = self.shards.shard_of(id);
        let searcher = self.readers[shard].searcher();
        let q = TermQuery::new(Term::from_field_text(self.shards.fields.id, id), IndexRecordOption::Basic);
        let top = searcher.search(&q, &TopDocs::with_limit(1).order_by_score())?;
        match top.first() {
            Some((_, addr)) => Ok(Some(from_document(&self.shards.fields, &searcher.doc(*addr)?))),
            None => Ok(None),
        }
    }

    /// Calls `each` for every article of every shard, shard by shard.
    pub fn for_each_article(&self, mut each: impl FnMut(StoredArticle) -> Result<()>) -> Result<()> {
        for searcher in self.searchers() {
            for (ord, segment) in searcher.segment_readers().iter().enumerate() {
                for doc in segment.doc_ids_alive() {
                    let d: TantivyDocument = searcher.doc(DocAddress::new(ord as u32, doc))?;
                    each(from_document(&self.shards.fields, &d))?;
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
            .map(|(s, b)| ShardStats { documents: s.num_docs(), bytes: *b, segments: s.segment_readers().len() })
            .collect();
        let schema = self.shards.indexes[0].schema();
        IndexStats {
            documents: shards.iter().map(|s| s.documents).sum(),
            bytes: bytes.iter().sum(),
            shards,
            roots: self.shards.manifest.roots.clone(),
            fields: schema.fields().map(|(_, e)| e.name().to_string()).collect(),
            index: self.shards.dir.display().to_string(),
            format_version: self.shards.manifest.format_version,
        }
    }
}
