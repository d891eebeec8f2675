//! An opened index: searching all shards with corpus-wide BM25, fetching and listing articles.

use super::cluster_count::{union, ClusterCount, ClusterSet};
use super::facet_top::{FacetNames, FacetOrdinalCounts, SegmentCounts};
use super::filters::{Filters, Known};
use super::query::{can_fall_back, entity_clauses, QueryParsers};
use super::query::{DEFAULT_ENTITY_SHARE, DEFAULT_SALIENCE_WEIGHTS, DEFAULT_TOPIC_WEIGHT};
use super::response::{Explain, FacetCounts, FacetValue};
use super::response::{Hit, SearchResponse};
use super::snippets::Snippets;
use super::stats::GlobalStats;
use crate::analyze::entities::dictionary::EntityDictionary;
use crate::error::{Error, Result};
use crate::index::document::{entity_term, format_date, from_document, Salience};
use crate::index::{ShardSet, StoredArticle};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::Instant;
use tantivy::collector::{Count, TopDocs};
use tantivy::columnar::{Column, StrColumn};
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::DocSet;
use tantivy::{DocAddress, IndexReader, Searcher, TantivyDocument, Term};

/// Default number of hits per page.
pub const DEFAULT_LIMIT: usize = 10;
/// Default number of values counted per facet.
pub const DEFAULT_FACETS: usize = 10;
/// Most duplicate ids listed with one hit.
pub const MAX_DUPLICATES_LISTED: usize = 20;

/// One search request.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchRequest {
    /// Query text.
    pub query: String,
    /// Hits per page.
    pub limit: usize,
    /// Hits to skip.
    pub offset: usize,
    /// Show one article per duplicate cluster (the best), with the others listed.
    pub collapse: bool,
    /// Filters by person, organisation, source and date.
    pub filters: Filters,
    /// How many values per facet to count over the whole match set (0: none).
    pub facets: usize,
    /// Order of the hits.
    pub sort: SortBy,
    /// How relevance is scored.
    pub rank: Rank,
    /// Report each hit's score parts.
    pub explain: bool,
    /// Also count keyphrases (a separate facet field, counted only on request: an index has many).
    pub keyword_facets: bool,
}

/// How relevance is scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Rank {
    /// BM25 over title and body (corpus-wide statistics) plus BM25 of the query words over the
    /// people and organisation fields, where each name is written once per unit of salience.
    #[default]
    Facets,
    /// Plain BM25 over title and body.
    Bm25,
}

/// Order of the hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    /// By score.
    #[default]
    Relevance,
    /// Newest first.
    Date,
}

impl SearchRequest {
    /// A first-page request for `query`.
    pub fn new(query: impl Into<String>) -> Self {
        SearchRequest {
            query: query.into(),
            limit: DEFAULT_LIMIT,
            offset: 0,
            collapse: true,
            filters: Filters::default(),
            facets: DEFAULT_FACETS,
            sort: SortBy::Relevance,
            rank: Rank::Facets,
            explain: false,
            keyword_facets: false,
        }
    }
}

/// A candidate hit before its document is fetched.
#[derive(Debug, Clone)]
struct Candidate {
    score: f32,
    shard: usize,
    addr: DocAddress,
    /// xxh3 of the id: breaks score ties independently of the shard count.
    id_hash: u64,
    /// The cluster's number (or, for an article without one, its id hash with the top bit set).
    cluster: u64,
}

/// What a pass over the matches collects besides the top candidates and their count.
#[derive(Debug, Clone, Copy)]
struct Wanted {
    /// Distinct duplicate clusters.
    clusters: bool,
    /// Facet ordinals of the `facet` field…
    facets: bool,
    /// …and of the `keyword` field.
    keywords: bool,
}

/// One shard's fruit of the extra collectors: match count, clusters, facet and keyword counts.
type ShardPass = (usize, Option<ClusterSet>, Option<(Vec<SegmentCounts>, Option<Vec<SegmentCounts>>)>);

/// What one pass over every match of a query found, over all shards.
struct Pass {
    /// Raw matches.
    hits: u64,
    /// Distinct duplicate clusters among them (when wanted).
    clusters: Option<u64>,
    /// Facet ordinal counts per segment (empty unless wanted).
    facets: Vec<SegmentCounts>,
    /// Keyword ordinal counts per segment (empty unless wanted).
    keywords: Vec<SegmentCounts>,
    /// The best candidates, best first.
    top: Vec<Candidate>,
}

/// The text snippets are made from: the passage (neither boilerplate nor a repeat) holding the
/// most query terms, with the next one — stemming a whole long body for one fragment is the
/// largest cost of a page of hits. Falls back to every such passage when none holds a term.
fn snippet_source(body: &str, analysis: &crate::analyze::Analysis, terms: &[String]) -> String {
    use crate::analyze::PassageKind;
    if analysis.passages.is_empty() {
        return body.to_string();
    }
    let usable: Vec<&crate::analyze::Passage> =
        analysis.passages.iter().filter(|p| !matches!(p.kind, PassageKind::Intra | PassageKind::Boilerplate)).collect();
    let hits = |p: &crate::analyze::Passage| {
        let text = body[p.start..p.end].to_lowercase();
        terms.iter().filter(|t| text.contains(&**t)).count()
    };
    let best = usable
        .iter()
        .enumerate()
        .map(|(i, p)| (hits(p), i))
        .filter(|(h, _)| *h > 0)
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    match best {
        Some((_, i)) => {
            usable[i..usable.len().min(i + 2)].iter().map(|p| &body[p.start..p.end]).collect::<Vec<_>>().join("\n\n")
        }
        None => analysis.index_text(body),
    }
}

/// What `open` gives for segment `ord`, opened on first use and kept in `cache` (opening a fast
/// field column reads its header: once per segment, not once per document).
fn per_segment<T>(cache: &mut HashMap<u32, T>, ord: u32, open: impl FnOnce() -> Result<T>) -> Result<&mut T> {
    Ok(match cache.entry(ord) {
        std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
        std::collections::hash_map::Entry::Vacant(e) => e.insert(open()?),
    })
}

/// The score `query` gives one document, with corpus-wide statistics.
fn score_of(query: &dyn Query, searcher: &Searcher, addr: DocAddress, stats: &GlobalStats) -> Result<f32> {
    let weight = query.weight(tantivy::query::EnableScoring::enabled_from_statistics_provider(stats, searcher))?;
    let mut scorer = weight.scorer(searcher.segment_reader(addr.segment_ord), 1.0)?;
    Ok(if scorer.seek(addr.doc_id) == addr.doc_id { scorer.score() } else { 0.0 })
}

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

/// An index opened for reading.
pub struct NewsIndex {
    shards: ShardSet,
    readers: Vec<IndexReader>,
    parsers: QueryParsers,
    dictionary: std::sync::OnceLock<EntityDictionary>,
    /// Facet value tables of the `facet` and `keyword` fields for the current segments.
    facet_names: [std::sync::Mutex<Option<std::sync::Arc<FacetNames>>>; 2],
}

impl NewsIndex {
    /// Opens the committed index in `dir`.
    pub fn open(dir: &Path) -> Result<Self> {
        let shards = ShardSet::open(dir)?;
        let readers = shards.readers()?;
        let parsers = QueryParsers::new(&shards.indexes[0], &shards.fields);
        Ok(NewsIndex {
            shards,
            readers,
            parsers,
            dictionary: std::sync::OnceLock::new(),
            facet_names: Default::default(),
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

    /// The user's query with the entity part of the ranking added (for [`Rank::Facets`]).
    fn ranked(&self, text_query: Box<dyn Query>, req: &SearchRequest, searchers: &[Searcher]) -> Box<dyn Query> {
        if req.rank == Rank::Bm25 {
            return text_query;
        }
        let terms = self.query_entities(&req.query, searchers);
        let themes =
            crate::analyze::topics::taxonomy::query_themes(&crate::analyze::normalize::normalized_words(&req.query));
        if terms.is_empty() && themes.is_empty() {
            return text_query;
        }
        let topic_clauses = themes.iter().map(|path| {
            let q = TermQuery::new(
                Term::from_facet(self.shards.fields.facet, &tantivy::schema::Facet::from(path.as_str())),
                IndexRecordOption::Basic,
            );
            (
                Occur::Should,
                Box::new(tantivy::query::ConstScoreQuery::new(Box::new(q), DEFAULT_TOPIC_WEIGHT)) as Box<dyn Query>,
            )
        });
        // When the whole query names an entity, articles about it match even without the words
        // ("INRO" finds articles naming only the International Natural Rubber Organization).
        let whole = terms.iter().any(|t| t.2);
        let entity_clauses: Vec<(Occur, Box<dyn Query>)> = terms
            .into_iter()
            .flat_map(|(identity, prior, _)| {
                Salience::ALL.into_iter().zip(DEFAULT_SALIENCE_WEIGHTS).map(move |(feature, w)| {
                    let term = Term::from_field_text(self.shards.fields.entity, &feature.term(&identity));
                    let q = TermQuery::new(term, IndexRecordOption::Basic);
                    (
                        Occur::Should,
                        Box::new(tantivy::query::ConstScoreQuery::new(Box::new(q), w * prior)) as Box<dyn Query>,
                    )
                })
            })
            .chain(topic_clauses)
            .collect();
        Box::new(BooleanQuery::new(vec![
            (if whole { Occur::Should } else { Occur::Must }, text_query),
            (Occur::Should, Box::new(BooleanQuery::new(entity_clauses))),
        ]))
    }

    /// Entity terms the query's words name, each with its prior (the square root of the share of
    /// the articles using those words that name it) and whether the whole query names it: each word, each pair of words and the whole query
    /// looked up in the entity dictionary (full names, surnames, acronyms).
    pub fn query_entities(&self, text: &str, searchers: &[Searcher]) -> Vec<(String, f32, bool)> {
        let words: Vec<&str> = text
            .split(|c: char| c.is_whitespace() || c == '"')
            .filter(|w| !w.is_empty() && !w.starts_with('-') && !w.contains(':') && *w != "OR" && *w != "AND")
            .collect();
        let mut phrases: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        phrases.extend(words.windows(2).map(|w| w.join(" ")));
        if words.len() > 2 {
            phrases.push(words.join(" "));
        }
        let dictionary = self.dictionary();
        let mut out: Vec<(String, f32, bool)> = Vec::new();
        let all_words = words.join(" ");
        for p in &phrases {
            let candidates: Vec<(&str, String)> = ["person", "org"]
                .into_iter()
                .flat_map(|kind| dictionary.named_by(kind, p).into_iter().map(move |n| (kind, n)))
                .collect();
            if candidates.is_empty() {
                continue;
            }
            // A name is a rare reading of common words ("gold", "cocoa") or a usual one ("volcker",
            // "baker"): the phrase names entities only when they are at least DEFAULT_ENTITY_SHARE
            // of the articles using it, and each one's prior is the square root of its share.
            let used = self.phrase_articles(p, searchers);
            let named: usize = candidates.iter().map(|(k, n)| dictionary.articles(k, n)).sum();
            let total = used.max(named as u64).max(1) as f32;
            if (named as f32) < DEFAULT_ENTITY_SHARE * total {
                continue;
            }
            for (kind, name) in candidates {
                let prior = (dictionary.articles(kind, &name) as f32 / total).sqrt();
                out.push((entity_term(kind, &name), prior, *p == all_words));
            }
        }
        out.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
        out.dedup_by(|a, b| a.0 == b.0);
        out
    }

    /// Articles whose text holds the phrase (its words in order).
    fn phrase_articles(&self, phrase: &str, searchers: &[Searcher]) -> u64 {
        let terms: Vec<Term> =
            self.analyze_body(phrase).iter().map(|t| Term::from_field_text(self.shards.fields.text, t)).collect();
        match terms.len() {
            0 => 0,
            1 => searchers.iter().map(|s| s.doc_freq(&terms[0]).unwrap_or(0)).sum(),
            _ => {
                let q = tantivy::query::PhraseQuery::new(terms);
                // Counting a phrase of common words visits every article holding both: shards in parallel.
                searchers.par_iter().map(|s| s.search(&q, &tantivy::collector::Count).unwrap_or(0) as u64).sum()
            }
        }
    }

    /// Terms the news analyzer makes of `text` (as the body field indexes them).
    fn analyze_body(&self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        if let Ok(mut a) = self.shards.indexes[0].tokenizer_for_field(self.shards.fields.text) {
            let mut stream = a.token_stream(text);
            while stream.advance() {
                out.push(stream.token().text.clone());
            }
        }
        out
    }

    /// The entity dictionary (loaded on first use).
    pub fn dictionary(&self) -> &EntityDictionary {
        self.dictionary.get_or_init(|| EntityDictionary::load(&self.shards.gen_dir()).unwrap_or_default())
    }

    /// The user's query with the request's filters applied.
    fn filtered(&self, query: Box<dyn Query>, filters: &Filters, searchers: &[Searcher]) -> Result<Box<dyn Query>> {
        if filters.is_empty() {
            return Ok(query);
        }
        let names = self.facet_names(0, searchers)?;
        let sources = if filters.sources.is_empty() { Vec::new() } else { names.values("source") };
        let has_facet = |kind: &str, value: &str| names.has(kind, value);
        let known = Known { dictionary: self.dictionary(), sources: &sources, has_facet: &has_facet };
        filters.apply(query, &self.shards.fields, &known)
    }

    /// The value table of facet field `which` (0: `facet`, 1: `keyword`) for these searchers'
    /// segments, built on first use and again after the segments change.
    fn facet_names(&self, which: usize, searchers: &[Searcher]) -> Result<std::sync::Arc<FacetNames>> {
        let mut slot = self.facet_names[which].lock().expect("facet names poisoned");
        if let Some(names) = slot.as_ref().filter(|n| n.covers(searchers)) {
            return Ok(names.clone());
        }
        let field = [self.shards.fields.facet, self.shards.fields.keyword][which];
        let names = std::sync::Arc::new(FacetNames::build(searchers, searchers[0].schema().get_field_name(field))?);
        *slot = Some(names.clone());
        Ok(names)
    }

    /// The top `n` people, organisations and topics (and keyphrases when counted) of a pass over
    /// every match (raw articles).
    fn facet_values(&self, searchers: &[Searcher], pass: &Pass, n: usize, keywords: bool) -> Result<FacetCounts> {
        let values =
            |list: Vec<(String, u64)>| list.into_iter().map(|(value, count)| FacetValue { value, count }).collect();
        let names = self.facet_names(0, searchers)?;
        let totals = names.totals(&pass.facets);
        let keyword = if keywords {
            let knames = self.facet_names(1, searchers)?;
            values(knames.top_values(&knames.totals(&pass.keywords), "keyword", n))
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

    /// Parses a query the way [`NewsIndex::search`] does (all words).
    pub fn parse(&self, text: &str) -> Result<Box<dyn Query>> {
        self.parsers.parse(text, false)
    }

    /// Answers a search: all words, else any word; top hits over all shards with snippets,
    /// collapsed by duplicate cluster unless `collapse` is off.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResponse> {
        let started = Instant::now();
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
        let k = if req.collapse { want * 4 + 40 } else { want };
        let mut text_query: Box<dyn Query> =
            if list_all { Box::new(tantivy::query::AllQuery) } else { self.parsers.parse(&req.query, false)? };
        let query = self.filtered(self.ranked(text_query.box_clone(), req, &searchers), &req.filters, &searchers)?;
        let wanted = Wanted { clusters: req.collapse, facets: req.facets > 0, keywords: req.keyword_facets };
        let mut pass = self.top(&*query, &searchers, k, wanted, req.sort)?;
        let mut fallback = None;
        if pass.hits == 0 && can_fall_back(&req.query) {
            let any_query = self.parsers.parse(&req.query, true)?;
            let any = self.filtered(self.ranked(any_query.box_clone(), req, &searchers), &req.filters, &searchers)?;
            let any_pass = self.top(&*any, &searchers, k, wanted, req.sort)?;
            // Said only when the fallback found something: "any of the words" and then nothing is untrue.
            if any_pass.hits > 0 {
                (text_query, pass, fallback) = (any_query, any_pass, Some("any_word".to_string()));
            }
        }
        let mut top = std::mem::take(&mut pass.top);
        if req.collapse {
            let mut seen = HashSet::new();
            top.retain(|c| seen.insert(c.cluster));
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

    /// The page's hits with snippets, score parts (`explain`) and cluster members.
    fn page_hits(
        &self,
        req: &SearchRequest,
        page: &[Candidate],
        text_query: &dyn Query,
        searchers: &[Searcher],
    ) -> Result<Vec<Hit>> {
        let mut hits = self.hits(page, text_query, searchers)?;
        if req.explain {
            let stats = GlobalStats::new(searchers);
            for (hit, c) in hits.iter_mut().zip(page) {
                let text = score_of(text_query, &searchers[c.shard], c.addr, &stats)?;
                hit.explain = Some(Explain {
                    text,
                    entities: hit.score - text,
                    total: hit.score,
                    rank: format!("{:?}", req.rank).to_lowercase(),
                });
            }
        }
        if req.sort == SortBy::Date {
            // Date order has no relevance score.
            hits.iter_mut().for_each(|h| h.score = 0.0);
        }
        for hit in hits.iter_mut() {
            (hit.duplicates, hit.cluster_size) = self.cluster_members(searchers, &hit.dup_cluster, &hit.id)?;
        }
        Ok(hits)
    }

    /// Ids of the other articles of a cluster (at most [`MAX_DUPLICATES_LISTED`]), sorted, and
    /// the number of articles in the cluster.
    fn cluster_members(&self, searchers: &[Searcher], cluster: &str, except: &str) -> Result<(Vec<String>, u64)> {
        let term = Term::from_field_text(self.shards.fields.cluster, cluster);
        // Most articles are alone in their cluster: the term dictionary says so without a search.
        if searchers.iter().map(|s| s.doc_freq(&term)).sum::<tantivy::Result<u64>>()? <= 1 {
            return Ok((Vec::new(), 1));
        }
        let q = TermQuery::new(term, IndexRecordOption::Basic);
        let name = searchers[0].schema().get_field_name(self.shards.fields.id);
        let mut ids = Vec::new();
        let mut size = 0;
        for s in searchers {
            let mut columns: HashMap<u32, Option<StrColumn>> = HashMap::new();
            let (top, count) = s.search(&q, &(TopDocs::with_limit(MAX_DUPLICATES_LISTED + 1).order_by_score(), Count))?;
            size += count as u64;
            for (_, addr) in top {
                let column = per_segment(&mut columns, addr.segment_ord, || {
                    Ok(s.segment_reader(addr.segment_ord).fast_fields().str(name)?)
                })?;
                let id = self.str_at(column.as_ref(), addr.doc_id)?;
                if id != except {
                    ids.push(id);
                }
            }
        }
        ids.sort();
        ids.truncate(MAX_DUPLICATES_LISTED);
        Ok((ids, size.max(1)))
    }

    /// One pass over every match of `query` in each shard (in parallel): the top `k` candidates
    /// and the match count, and as `wanted` says the distinct clusters and the facet counts.
    fn top(&self, query: &dyn Query, searchers: &[Searcher], k: usize, wanted: Wanted, sort: SortBy) -> Result<Pass> {
        let stats = GlobalStats::new(searchers);
        let schema = searchers[0].schema();
        let name = |f| schema.get_field_name(f).to_string();
        let f = &self.shards.fields;
        let (cluster_field, id_hash_field, date_field) = (name(f.cluster_ord), name(f.id_hash), name(f.date));
        let extras = || {
            (
                Count,
                wanted.clusters.then(|| ClusterCount::new(cluster_field.clone())),
                wanted.facets.then(|| {
                    (
                        FacetOrdinalCounts::new(name(f.facet)),
                        wanted.keywords.then(|| FacetOrdinalCounts::new(name(f.keyword))),
                    )
                }),
            )
        };
        let per_shard: Vec<(ShardPass, Vec<Candidate>)> = searchers
            .par_iter()
            .enumerate()
            .map(|(shard, s)| {
                let (docs, pass) = if sort == SortBy::Date {
                    let by_date = TopDocs::with_limit(k.max(1))
                        .order_by_fast_field::<tantivy::DateTime>(&date_field, tantivy::Order::Desc);
                    let (d, pass) = s.search_with_statistics_provider(query, &(by_date, extras()), &stats)?;
                    // The "score" of a date-sorted hit is its timestamp, so the merge below orders by date.
                    let d: Vec<(f32, DocAddress)> = d
                        .into_iter()
                        .map(|(date, addr)| (date.map_or(f32::MIN, |d| d.into_timestamp_secs() as f32), addr))
                        .collect();
                    (d, pass)
                } else {
                    let top = TopDocs::with_limit(k.max(1)).order_by_score();
                    s.search_with_statistics_provider(query, &(top, extras()), &stats)?
                };
                let mut columns: HashMap<u32, (Column<u64>, Option<Column<u64>>)> = HashMap::new();
                let cands = docs
                    .into_iter()
                    .map(|(score, addr)| {
                        let (ids, clusters) = per_segment(&mut columns, addr.segment_ord, || {
                            let ff = s.segment_reader(addr.segment_ord).fast_fields();
                            Ok((ff.u64(&id_hash_field)?, ff.u64(&cluster_field).ok()))
                        })?;
                        let id_hash = ids.first(addr.doc_id).unwrap_or(0);
                        // An article without a cluster number is its own cluster (marked apart
                        // from the numbers by the top bit).
                        let cluster = clusters.as_ref().and_then(|c| c.first(addr.doc_id)).unwrap_or(id_hash | 1 << 63);
                        Ok(Candidate { score, shard, addr, id_hash, cluster })
                    })
                    .collect::<Result<Vec<_>>>()?;
                Ok((pass, cands))
            })
            .collect::<Result<_>>()?;
        let mut out = Pass { hits: 0, clusters: None, facets: Vec::new(), keywords: Vec::new(), top: Vec::new() };
        let mut sets = Vec::new();
        for ((count, set, facets), cands) in per_shard {
            out.hits += count as u64;
            sets.extend(set);
            if let Some((facets, keywords)) = facets {
                out.facets.extend(facets);
                out.keywords.extend(keywords.unwrap_or_default());
            }
            out.top.extend(cands);
        }
        out.clusters = wanted.clusters.then(|| union(sets).count());
        out.top.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id_hash.cmp(&b.id_hash)));
        out.top.truncate(k);
        Ok(out)
    }

    /// The value of a raw string fast field column for document `doc` (empty when it has none).
    fn str_at(&self, column: Option<&StrColumn>, doc: tantivy::DocId) -> Result<String> {
        let mut out = String::new();
        if let Some(col) = column {
            if let Some(ord) = col.term_ords(doc).next() {
                col.ord_to_str(ord, &mut out).map_err(|e| Error::io(&self.shards.dir, e))?;
            }
        }
        Ok(out)
    }

    /// Fetches the page's documents and makes their snippets, in parallel.
    fn hits(&self, page: &[Candidate], query: &dyn Query, searchers: &[Searcher]) -> Result<Vec<Hit>> {
        let f = &self.shards.fields;
        let mut terms: Vec<String> = Vec::new();
        query.query_terms(&mut |t: &Term, _| {
            if let Some(text) = t.value().as_str() {
                terms.push(text.to_string());
            }
        });
        let snippets = Snippets::new(query, f.text);
        page.par_iter()
            .map(|c| {
                let doc: TantivyDocument = searchers[c.shard].doc(c.addr)?;
                let text = |field| doc.get_first(field).and_then(|v| v.as_str()).map(str::to_string);
                // Snippets come from the passages that are neither boilerplate nor repeats.
                let body = text(f.body).unwrap_or_default();
                let analysis: Option<crate::analyze::Analysis> =
                    text(f.analysis).and_then(|j| serde_json::from_str(&j).ok());
                let analysis = analysis.unwrap_or_default();
                let snippet_text = snippet_source(&body, &analysis, &terms);
                let names = |list: &[crate::analyze::entities::article_entities::EntityRef]| {
                    list.iter().map(|e| e.name.clone()).collect()
                };
                let fragment = snippets.fragment(&snippet_text);
                Ok(Hit {
                    id: text(f.id).unwrap_or_default(),
                    title: text(f.title).unwrap_or_default(),
                    date: doc.get_first(f.date).and_then(|v| v.as_datetime()).map(format_date),
                    source: text(f.source),
                    url: text(f.url),
                    path: text(f.path).unwrap_or_default(),
                    score: c.score,
                    snippet: fragment.text,
                    highlights: fragment.highlights,
                    dup_cluster: text(f.cluster).unwrap_or_default(),
                    duplicates: Vec::new(),
                    cluster_size: 1,
                    explain: None,
                    people: names(&analysis.entities.people),
                    orgs: names(&analysis.entities.orgs),
                    // Topic paths as the facet counts write them: `politics/migration`.
                    topics: analysis
                        .topics
                        .iter()
                        .map(|t| crate::analyze::topics::TopicRef {
                            path: t.path.trim_start_matches("/topic/").to_string(),
                            confidence: t.confidence,
                        })
                        .collect(),
                    keywords: analysis.keywords.clone(),
                })
            })
            .collect()
    }

    /// One article by id, with the other articles of its duplicate cluster.
    pub fn get(&self, id: &str) -> Result<Option<StoredArticle>> {
        let shard = self.shards.shard_of(id);
        let searcher = self.readers[shard].searcher();
        let q = TermQuery::new(Term::from_field_text(self.shards.fields.id, id), IndexRecordOption::Basic);
        let top = searcher.search(&q, &TopDocs::with_limit(1).order_by_score())?;
        let Some((_, addr)) = top.first() else { return Ok(None) };
        let mut article = from_document(&self.shards.fields, &searcher.doc(*addr)?);
        let (copies, size) = self.cluster_members(&self.searchers(), &article.analysis.cluster, &article.id)?;
        (article.copies, article.cluster_size) = (copies, Some(size));
        Ok(Some(article))
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
