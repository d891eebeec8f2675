//! `newsdex bench`: per query class, newsdex's full search against plain tantivy over the same
//! shards (top-10 + count, no facets, no collapse, no entity ranking), in the same process —
//! once returning ids only, once also fetching the ten stored documents, and once writing the
//! whole result page the way tantivy's documentation shows: `TopDocs` + `Count` + a
//! `FacetCollector` over the people, organisation and topic facets + a `SnippetGenerator` on
//! the body + the ten stored documents.

use super::latency::Latency;
use crate::error::Result;
use crate::search::{NewsIndex, Rank, SearchRequest, SortBy};
use rayon::prelude::*;
use serde::Serialize;
use std::time::{Duration, Instant};
use tantivy::collector::{Count, TopDocs};

/// Default number of timed passes over the query set per class.
pub const DEFAULT_REPEATS: usize = 3;
/// The query set shipped with the repository.
pub const DEFAULT_QUERIES: &str = include_str!("../../benches/queries/news-200.txt");

/// A query class: how a query line is turned into a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QueryClass {
    /// The line's first word.
    SingleTerm,
    /// Every word of the line (the default search).
    AllWords,
    /// The line as a quoted phrase (lines of two or more words).
    Phrase,
    /// All words, with people/organisation counts.
    WithFacets,
    /// All words, filtered to the corpus's most frequent person.
    PersonFilter,
    /// All words, collapsed by duplicate cluster.
    Collapse,
    /// All words, newest first.
    DateSort,
    /// All words with facet counts and collapse: what `newsdex search` does by default.
    FacetsCollapse,
}

impl QueryClass {
    /// The class of this name (`facets_collapse`, as reports write it).
    pub fn named(name: &str) -> Result<Self> {
        CLASSES
            .into_iter()
            .find(|c| serde_json::to_value(c).ok().and_then(|v| v.as_str().map(|s| s == name)) == Some(true))
            .ok_or_else(|| {
                let names: Vec<String> =
                    CLASSES.iter().filter_map(|c| serde_json::to_value(c).ok()?.as_str().map(str::to_string)).collect();
                crate::Error::user(
                    format!("There is no query class {name:?}."),
                    format!("Pass one of {} to --class.", names.join(", ")),
                )
            })
    }
}

/// Every class, in report order.
pub const CLASSES: [QueryClass; 8] = [
    QueryClass::SingleTerm,
    QueryClass::AllWords,
    QueryClass::Phrase,
    QueryClass::WithFacets,
    QueryClass::PersonFilter,
    QueryClass::Collapse,
    QueryClass::DateSort,
    QueryClass::FacetsCollapse,
];

/// One class's numbers.
#[derive(Debug, Clone, Serialize)]
pub struct ClassResult {
    /// The class.
    pub class: QueryClass,
    /// newsdex's full answer (hits with snippets, as the CLI returns them).
    pub newsdex: Latency,
    /// Plain tantivy: the same parsed query, top-10 + count per shard, merged.
    pub tantivy: Latency,
    /// Plain tantivy as above, then the ten stored documents fetched (what a result page needs).
    pub tantivy_docs: Latency,
    /// The page on plain tantivy: top-10, count, the top 10 people, organisations and topics
    /// (`FacetCollector`, merged over shards), a snippet per hit (`SnippetGenerator`), the ten
    /// stored documents.
    pub tantivy_page: Latency,
    /// newsdex p50 / tantivy p50.
    pub ratio_p50: f64,
    /// newsdex p99 / tantivy p99.
    pub ratio_p99: f64,
    /// newsdex p50 / (tantivy + documents) p50.
    pub ratio_p50_docs: f64,
    /// newsdex p50 / tantivy page p50.
    pub ratio_p50_page: f64,
    /// newsdex p99 / tantivy page p99.
    pub ratio_p99_page: f64,
}

/// A whole bench run.
#[derive(Debug, Clone, Serialize)]
pub struct BenchReport {
    /// Articles in the index.
    pub articles: u64,
    /// Shards.
    pub shards: usize,
    /// Query lines.
    pub queries: usize,
    /// Timed passes per class.
    pub repeats: usize,
    /// Concurrent clients.
    pub clients: usize,
    /// Per class.
    pub classes: Vec<ClassResult>,
}

/// Runs the bench: a warm-up pass, then `repeats` timed passes per class and engine, over the
/// classes in `only` (every class when empty).
pub fn run_bench(
    index: &NewsIndex,
    lines: &[String],
    repeats: usize,
    clients: usize,
    only: &[QueryClass],
) -> Result<BenchReport> {
    let top_person = {
        let mut r = SearchRequest::new("*");
        r.limit = 0;
        r.facets = 1;
        index.search(&r)?.facets.and_then(|f| f.person.first().map(|v| v.value.clone()))
    };
    let mut classes = Vec::new();
    for class in CLASSES.into_iter().filter(|c| only.is_empty() || only.contains(c)) {
        let requests: Vec<SearchRequest> =
            lines.iter().filter_map(|l| request(class, l, top_person.as_deref())).collect();
        if requests.is_empty() {
            continue;
        }
        let newsdex = time_all(&requests, repeats, clients, |r| index.search(r).map(|_| ()))?;
        let tantivy = time_all(&requests, repeats, clients, |r| raw_tantivy(index, r, false))?;
        let tantivy_docs = time_all(&requests, repeats, clients, |r| raw_tantivy(index, r, true))?;
        let tantivy_page = time_all(&requests, repeats, clients, |r| raw_page(index, r))?;
        classes.push(ClassResult {
            class,
            ratio_p50: newsdex.p50_us / tantivy.p50_us.max(1e-9),
            ratio_p99: newsdex.p99_us / tantivy.p99_us.max(1e-9),
            ratio_p50_docs: newsdex.p50_us / tantivy_docs.p50_us.max(1e-9),
            ratio_p50_page: newsdex.p50_us / tantivy_page.p50_us.max(1e-9),
            ratio_p99_page: newsdex.p99_us / tantivy_page.p99_us.max(1e-9),
            newsdex,
            tantivy,
            tantivy_docs,
            tantivy_page,
        });
    }
    let stats = index.stats();
    Ok(BenchReport {
        articles: stats.articles,
        shards: stats.shards.len(),
        queries: lines.len(),
        repeats,
        clients,
        classes,
    })
}

/// The request of a class for one query line; `None` when the class does not apply to it.
fn request(class: QueryClass, line: &str, top_person: Option<&str>) -> Option<SearchRequest> {
    let words: Vec<&str> = line.split_whitespace().filter(|w| w.chars().all(|c| c.is_alphanumeric())).collect();
    if words.is_empty() {
        return None;
    }
    let plain = words.join(" ");
    let mut r = SearchRequest::new(plain.clone());
    r.facets = 0;
    r.collapse = false;
    r.rank = Rank::Entities;
    match class {
        QueryClass::SingleTerm => r.query = words[0].to_string(),
        QueryClass::AllWords => {}
        QueryClass::Phrase if words.len() >= 2 => r.query = format!("\"{plain}\""),
        QueryClass::Phrase => return None,
        QueryClass::WithFacets => r.facets = crate::search::DEFAULT_FACETS,
        QueryClass::PersonFilter => r.filters.people = vec![top_person?.to_string()],
        QueryClass::Collapse => r.collapse = true,
        QueryClass::DateSort => r.sort = SortBy::Date,
        QueryClass::FacetsCollapse => {
            r.facets = crate::search::DEFAULT_FACETS;
            r.collapse = true;
        }
    }
    Some(r)
}

/// Plain tantivy over the same shards: parse, top-10 + count per shard, merge by score, and
/// with `fetch` read the ten stored documents.
fn raw_tantivy(index: &NewsIndex, r: &SearchRequest, fetch: bool) -> Result<()> {
    let query = index.parse(&r.query)?;
    let searchers = index.searchers();
    let mut top: Vec<(f32, usize, tantivy::DocAddress)> = Vec::new();
    let mut total = 0;
    for (shard, s) in searchers.iter().enumerate() {
        let (docs, count) = s.search(&*query, &(TopDocs::with_limit(10).order_by_score(), Count))?;
        top.extend(docs.into_iter().map(|(score, addr)| (score, shard, addr)));
        total += count;
    }
    top.sort_by(|a, b| b.0.total_cmp(&a.0));
    top.truncate(10);
    if fetch {
        for (_, shard, addr) in &top {
            let doc: tantivy::TantivyDocument = searchers[*shard].doc(*addr)?;
            std::hint::black_box(doc);
        }
    }
    std::hint::black_box((top, total));
    Ok(())
}

/// The result page on plain tantivy, as its documentation shows each part: per shard `TopDocs`,
/// `Count` and a `FacetCollector` on the facet field for `/person`, `/org` and `/topic`; the
/// shards' hits merged by score and their facet counts summed, the top 10 of each kept; the ten
/// stored documents read, each with a snippet of its body from a `SnippetGenerator`.
fn raw_page(index: &NewsIndex, r: &SearchRequest) -> Result<()> {
    use tantivy::collector::FacetCollector;
    use tantivy::schema::Value;
    let fields = index.shards().fields;
    let query = index.parse(&r.query)?;
    let searchers = index.searchers();
    let mut top: Vec<(f32, usize, tantivy::DocAddress)> = Vec::new();
    let mut total = 0;
    let mut counts: std::collections::HashMap<(usize, String), u64> = std::collections::HashMap::new();
    const PARENTS: [&str; 3] = ["/person", "/org", "/topic"];
    for (shard, s) in searchers.iter().enumerate() {
        let mut facets = FacetCollector::for_field("facet");
        for parent in PARENTS {
            facets.add_facet(parent);
        }
        let (docs, count, facet_counts) =
            s.search(&*query, &(TopDocs::with_limit(10).order_by_score(), Count, facets))?;
        top.extend(docs.into_iter().map(|(score, addr)| (score, shard, addr)));
        total += count;
        for (i, parent) in PARENTS.iter().enumerate() {
            for (facet, n) in facet_counts.get(parent) {
                *counts.entry((i, facet.to_string())).or_default() += n;
            }
        }
    }
    top.sort_by(|a, b| b.0.total_cmp(&a.0));
    top.truncate(10);
    let mut facets: Vec<Vec<(String, u64)>> = vec![Vec::new(); PARENTS.len()];
    for ((i, facet), n) in counts {
        facets[i].push((facet, n));
    }
    for list in &mut facets {
        list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        list.truncate(10);
    }
    let generators: Vec<tantivy::snippet::SnippetGenerator> = searchers
        .iter()
        .map(|s| tantivy::snippet::SnippetGenerator::create(s, &*query, fields.text))
        .collect::<tantivy::Result<_>>()?;
    let mut page = Vec::with_capacity(top.len());
    for (_, shard, addr) in &top {
        let doc: tantivy::TantivyDocument = searchers[*shard].doc(*addr)?;
        let body = doc.get_first(fields.body).and_then(|v| v.as_str()).unwrap_or("").to_string();
        let snippet = generators[*shard].snippet(&body);
        page.push((doc, snippet.to_html()));
    }
    std::hint::black_box((page, facets, total));
    Ok(())
}

/// One warm-up pass, then `repeats` timed passes by `clients` threads (each runs every request).
fn time_all(
    requests: &[SearchRequest],
    repeats: usize,
    clients: usize,
    run: impl Fn(&SearchRequest) -> Result<()> + Sync,
) -> Result<Latency> {
    for r in requests {
        let _ = run(r);
    }
    let started = Instant::now();
    let timings: Vec<Duration> = (0..clients.max(1))
        .into_par_iter()
        .map(|_| {
            let mut t = Vec::with_capacity(requests.len() * repeats);
            for _ in 0..repeats.max(1) {
                for r in requests {
                    let s = Instant::now();
                    let _ = run(r);
                    t.push(s.elapsed());
                }
            }
            t
        })
        .flatten()
        .collect();
    Ok(Latency::of(&timings, started.elapsed()))
}
