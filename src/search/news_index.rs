//! An opened index, the facade of search: [`NewsIndex::search`] parses the request, applies the
//! filters and the ranking ([`super::ranking`]), makes one pass over the matches
//! ([`super::pass`]), counts facets and builds the page of hits ([`super::page`]); articles are
//! looked up in [`super::lookup`].

use super::cluster_sizes::ClusterSizes;
use super::facet_top::FacetNames;
use super::facet_totals::FacetTotals;
use super::filters::{Filters, Known};
use super::pass::{Candidate, Pass, Wanted};
use super::query::{can_fall_back, entity_clauses, QueryParsers};
use super::request::{SearchRequest, SortBy};
use super::response::{FacetCounts, FacetValue, SearchResponse};
use super::segment_columns::IndexColumns;
use crate::analyze::entities::dictionary::EntityDictionary;
use crate::error::{Error, Result};
use crate::index::ShardSet;
use std::collections::HashSet;
use std::path::Path;
use std::time::Instant;
use tantivy::query::Query;
use tantivy::{IndexReader, Searcher};

/// The two facet fields of a shard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FacetField {
    /// People, organisations, topics, sources and months (`facet`).
    Entities = 0,
    /// Keyphrases (`keyword`), counted on request.
    Keywords = 1,
}

/// An index opened for reading.
pub struct NewsIndex {
    pub(super) shards: ShardSet,
    pub(super) readers: Vec<IndexReader>,
    pub(super) parsers: QueryParsers,
    dictionary: std::sync::OnceLock<std::result::Result<EntityDictionary, (std::path::PathBuf, String)>>,
    /// Facet value tables of the `facet` and `keyword` fields for the current segments.
    facet_names: [std::sync::Mutex<Option<std::sync::Arc<FacetNames>>>; 2],
    /// Every value's count per segment, for queries matching most of a segment (entities, keywords).
    pub(super) facet_totals: [std::sync::Arc<FacetTotals>; 2],
    /// Live articles per duplicate cluster for the current segments, and whether they are
    /// being counted.
    cluster_sizes: std::sync::Arc<std::sync::Mutex<Option<std::sync::Arc<ClusterSizes>>>>,
    counting_clusters: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// The fast-field columns of the current segments.
    columns: std::sync::Mutex<Option<std::sync::Arc<IndexColumns>>>,
}

impl NewsIndex {
    /// Opens the committed index in `dir`.
    pub fn open(dir: &Path) -> Result<Self> {
        let shards = ShardSet::open(dir)?;
        let readers = shards.readers().map_err(|e| e.or_not_writable(dir))?;
        let parsers = QueryParsers::new(&shards.indexes[0], &shards.fields);
        Ok(NewsIndex {
            shards,
            readers,
            parsers,
            dictionary: std::sync::OnceLock::new(),
            facet_names: Default::default(),
            facet_totals: Default::default(),
            cluster_sizes: Default::default(),
            counting_clusters: Default::default(),
            columns: Default::default(),
        })
    }

    /// The shard set.
    pub fn shards(&self) -> &ShardSet {
        &self.shards
    }

    /// A searcher per shard (a consistent snapshot).
    pub fn searchers(&self) -> Vec<Searcher> {
        self.readers.iter().map(IndexReader::searcher).collect()
    }

    /// The entity dictionary (loaded on first use); a damaged one is an error, never an empty one.
    pub fn dictionary(&self) -> Result<&EntityDictionary> {
        let loaded = self.dictionary.get_or_init(|| {
            crate::index::side_files::load_dictionary(&self.shards.gen_dir()).map_err(|e| match e {
                Error::Damaged { path, what } => (path, what),
                other => (self.shards.gen_dir(), format!("entity dictionary ({other})")),
            })
        });
        loaded.as_ref().map_err(|(path, what)| Error::damaged(path, what.clone()))
    }

    /// The user's query with the request's filters applied.
    pub(super) fn filtered(
        &self,
        query: Box<dyn Query>,
        filters: &Filters,
        searchers: &[Searcher],
    ) -> Result<Box<dyn Query>> {
        if filters.is_empty() {
            return Ok(query);
        }
        let names = self.facet_names(FacetField::Entities, searchers)?;
        let sources = if filters.sources.is_empty() { Vec::new() } else { names.values("source") };
        let has_facet = |kind: &str, value: &str| names.has(kind, value);
        let known = Known { dictionary: self.dictionary()?, sources: &sources, has_facet: &has_facet };
        filters.apply(query, &self.shards.fields, &known)
    }

    /// The value table of a facet field for these searchers' segments, built on first use and
    /// again after the segments change.
    pub(super) fn facet_names(&self, field: FacetField, searchers: &[Searcher]) -> Result<std::sync::Arc<FacetNames>> {
        let mut slot = self.facet_names[field as usize].lock().expect("facet names poisoned");
        if let Some(names) = slot.as_ref().filter(|n| n.covers(searchers)) {
            return Ok(names.clone());
        }
        let field = match field {
            FacetField::Entities => self.shards.fields.facet,
            FacetField::Keywords => self.shards.fields.keyword,
        };
        let names = std::sync::Arc::new(FacetNames::build(searchers, searchers[0].schema().get_field_name(field))?);
        *slot = Some(names.clone());
        let live: Vec<_> = searchers.iter().flat_map(|s| s.segment_readers()).map(|r| r.segment_id()).collect();
        self.facet_totals.iter().for_each(|t| t.keep_only(&live));
        Ok(names)
    }

    /// The fast-field columns of these searchers' segments, opened on first use and again after
    /// the segments change.
    pub(super) fn columns(&self, searchers: &[Searcher]) -> Result<std::sync::Arc<IndexColumns>> {
        let mut slot = self.columns.lock().expect("columns poisoned");
        if let Some(columns) = slot.as_ref().filter(|c| c.covers(searchers)) {
            // A second search on these segments: more will follow, worth a facet table in memory.
            columns.warm();
            return Ok(columns.clone());
        }
        let columns = std::sync::Arc::new(IndexColumns::open(searchers, &self.shards.fields)?);
        *slot = Some(columns.clone());
        Ok(columns)
    }

    /// Live articles per duplicate cluster for these searchers' segments, once counted: counting
    /// reads every article's cluster number (milliseconds at a million articles, more than a
    /// one-shot search takes), so the first search after the segments change starts the count
    /// in the background and gets `None` (its hits look their clusters up in the dictionary).
    pub(super) fn cluster_sizes(&self, searchers: &[Searcher]) -> Option<std::sync::Arc<ClusterSizes>> {
        use std::sync::atomic::Ordering;
        let slot = self.cluster_sizes.lock().expect("cluster sizes poisoned");
        if let Some(sizes) = slot.as_ref().filter(|s| s.covers(searchers)) {
            return Some(sizes.clone());
        }
        drop(slot);
        if !self.counting_clusters.swap(true, Ordering::SeqCst) {
            let (slot, counting) = (self.cluster_sizes.clone(), self.counting_clusters.clone());
            let searchers = searchers.to_vec();
            let field = searchers[0].schema().get_field_name(self.shards.fields.cluster_ord).to_string();
            let id_field = searchers[0].schema().get_field_name(self.shards.fields.id).to_string();
            rayon::spawn(move || {
                // A count that fails leaves the dictionary lookups in place; the next search retries.
                if let Ok(sizes) = ClusterSizes::build(&searchers, &field, &id_field) {
                    *slot.lock().expect("cluster sizes poisoned") = Some(std::sync::Arc::new(sizes));
                }
                counting.store(false, Ordering::SeqCst);
            });
        }
        None
    }

    /// The top `n` people, organisations and topics (and keyphrases when counted) of a pass over
    /// every match (raw articles).
    pub(super) fn facet_values(
        &self,
        searchers: &[Searcher],
        pass: &Pass,
        n: usize,
        keywords: bool,
    ) -> Result<FacetCounts> {
        let values =
            |list: Vec<(String, u64)>| list.into_iter().map(|(value, count)| FacetValue { value, count }).collect();
        let names = self.facet_names(FacetField::Entities, searchers)?;
        let totals = names.totals(&pass.facets);
        let keyword = if keywords {
            let knames = self.facet_names(FacetField::Keywords, searchers)?;
            let ktotals = knames.totals(&pass.keywords);
            values(knames.top_values(&ktotals, "keyword", n))
        } else {
            Vec::new()
        };
        Ok(FacetCounts {
            counted: "raw".into(),
            person: values(names.top_values(&totals, "person", n)),
            org: values(names.top_values(&totals, "org", n)),
            topic: values(names.top_per_level(&totals, "topic", n)),
            source: values(names.top_values(&totals, "source", n)),
            month: {
                let mut months = values(names.top_values(&totals, "month", usize::MAX));
                months.sort_by(|a: &FacetValue, b: &FacetValue| a.value.cmp(&b.value));
                months
            },
            keyword,
        })
    }

    /// The first article of each story among `top` (the best `k` candidates of `hits` matches),
    /// enough of them for the page of `req` when the matches hold that many stories: when copies
    /// fill the candidates, the pass is made again for four times as many (top candidates only).
    fn distinct_stories(
        &self,
        mut top: Vec<Candidate>,
        query: &dyn Query,
        searchers: &[Searcher],
        mut k: usize,
        hits: u64,
        req: &SearchRequest,
    ) -> Result<Vec<Candidate>> {
        let want = req.offset + req.limit;
        loop {
            let mut seen = HashSet::new();
            let all_seen = top.len() as u64 >= hits;
            top.retain(|c| seen.insert(c.cluster));
            if top.len() >= want || all_seen {
                return Ok(top);
            }
            k *= 4;
            top = self.top(query, searchers, k, Wanted::NONE, req.sort)?.top;
        }
    }

    /// Parses a query the way [`NewsIndex::search`] does (all words).
    pub fn parse(&self, text: &str) -> Result<Box<dyn Query>> {
        self.parsers.parse(text, false)
    }

    /// Answers a search: all words, else any word; top hits over all shards with snippets,
    /// collapsed by duplicate cluster unless `collapse` is off.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResponse> {
        let started = Instant::now();
        // The parallel parts (shards, facets beside the page, the page's hits) run on rayon's
        // pool: a caller outside it hands the whole search over once, instead of waiting for a
        // pool thread at each part (on Reuters-21578 a search took 244 µs from outside the pool
        // and 207 µs from inside it on two threads; 392 and 282 µs on one).
        if rayon::current_thread_index().is_none() {
            return rayon::scope(|_| self.search_on_pool(request, started));
        }
        self.search_on_pool(request, started)
    }

    /// [`NewsIndex::search`] on a thread of rayon's pool; `took_us` counts from `started`.
    fn search_on_pool(&self, request: &SearchRequest, started: Instant) -> Result<SearchResponse> {
        let searchers = self.searchers();
        // `person:`/`org:` clauses filter like --person/--org; no words (or `*`) lists the
        // filtered articles, newest first.
        let (words, filters) = entity_clauses(&request.query, &request.filters);
        let list_all = words.trim().is_empty() || words.trim() == "*";
        let mut req = request.clone();
        (req.query, req.filters) = (if list_all { String::new() } else { words }, filters);
        if list_all {
            req.sort = SortBy::Date;
        }
        let req = &req;
        let want = req.offset + req.limit;
        // Collapsing needs more candidates than the page: copies of one story sit next to each other.
        let k = if req.collapse { collapse_candidates(want) } else { want };
        let mut text_query: Box<dyn Query> =
            if list_all { Box::new(tantivy::query::AllQuery) } else { self.parsers.parse(&req.query, false)? };
        let mut query =
            self.filtered(self.ranked(text_query.box_clone(), req, &searchers)?, &req.filters, &searchers)?;
        let wanted = Wanted { clusters: req.collapse, facets: req.facets > 0, keywords: req.keyword_facets };
        let mut pass = self.top(&*query, &searchers, k, wanted, req.sort)?;
        let mut fallback = None;
        if pass.hits == 0 && can_fall_back(&req.query) {
            let any_query = self.parsers.parse(&req.query, true)?;
            let any = self.filtered(self.ranked(any_query.box_clone(), req, &searchers)?, &req.filters, &searchers)?;
            let any_pass = self.top(&*any, &searchers, k, wanted, req.sort)?;
            // Said only when the fallback found something: "any of the words" and then nothing is untrue.
            if any_pass.hits > 0 {
                (text_query, query, pass, fallback) = (any_query, any, any_pass, Some("any_word".to_string()));
            }
        }
        let mut top = std::mem::take(&mut pass.top);
        if req.collapse {
            top = self.distinct_stories(top, &*query, &searchers, k, pass.hits, req)?;
        }
        let page: Vec<Candidate> = top.into_iter().skip(req.offset).take(req.limit).collect();
        // Facet values and the page of hits (documents, snippets, clusters) are independent: make
        // them side by side.
        let (facets, hits) = rayon::join(
            || match req.facets {
                0 => Ok(None),
                n => self.facet_values(&searchers, &pass, n, req.keyword_facets).map(Some),
            },
            || self.page_hits(req, &page, &*text_query, &searchers),
        );
        let (facets, hits) = (facets?, hits?);
        Ok(SearchResponse {
            query: request.query.clone(),
            total_hits: pass.hits,
            total_clusters: pass.clusters,
            collapsed: req.collapse,
            took_us: started.elapsed().as_micros() as u64,
            fallback,
            facets,
            hits,
        })
    }
}

/// Candidates a collapsed page of `want` hits starts from: copies of one story sit next to each
/// other, so more than the page; [`NewsIndex::distinct_stories`] asks for more when they are not
/// enough.
fn collapse_candidates(want: usize) -> usize {
    want * 2 + 10
}
