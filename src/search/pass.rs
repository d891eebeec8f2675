//! One pass over every match of a query in each shard: the top candidates, the match count, the
//! distinct stories and the facet ordinals, collected together.

use super::cluster_count::{union, ClusterCount, ClusterSet};
use super::facet_top::{FacetOrdinalCounts, SegmentCounts};
use super::news_index::NewsIndex;
use super::request::SortBy;
use super::stats::GlobalStats;
use crate::error::Result;
use rayon::prelude::*;
use tantivy::collector::{Collector, Count, TopDocs};
use tantivy::query::{EnableScoring, Query, Weight};
use tantivy::{DocAddress, Searcher};

/// A candidate hit before its document is fetched.
#[derive(Debug, Clone)]
pub(super) struct Candidate {
    pub(super) score: f32,
    pub(super) shard: usize,
    pub(super) addr: DocAddress,
    /// xxh3 of the id: breaks score ties independently of the shard count.
    pub(super) id_hash: u64,
    /// The cluster's number (or, for an article without one, its id hash with the top bit set).
    pub(super) cluster: u64,
}

/// What a pass over the matches collects besides the top candidates and their count.
#[derive(Debug, Clone, Copy)]
pub(super) struct Wanted {
    /// Distinct duplicate clusters.
    pub(super) clusters: bool,
    /// Facet ordinals of the `facet` field…
    pub(super) facets: bool,
    /// …and of the `keyword` field.
    pub(super) keywords: bool,
}

impl Wanted {
    /// The top candidates and the count only.
    pub(super) const NONE: Wanted = Wanted { clusters: false, facets: false, keywords: false };
}

/// One shard's fruit of the extra collectors: match count, clusters, facet and keyword counts.
type ShardPass = (usize, Option<ClusterSet>, Option<(Vec<SegmentCounts>, Option<Vec<SegmentCounts>>)>);

/// What one pass over every match of a query found, over all shards.
pub(super) struct Pass {
    /// Raw matches.
    pub(super) hits: u64,
    /// Distinct duplicate clusters among them (when wanted).
    pub(super) clusters: Option<u64>,
    /// Facet ordinal counts per segment (empty unless wanted).
    pub(super) facets: Vec<SegmentCounts>,
    /// Keyword ordinal counts per segment (empty unless wanted).
    pub(super) keywords: Vec<SegmentCounts>,
    /// The best candidates, best first.
    pub(super) top: Vec<Candidate>,
}

/// Runs `collector` over every segment of `searcher` with `weight` (made once for all shards).
fn collect<C: Collector>(searcher: &Searcher, weight: &dyn Weight, collector: &C) -> tantivy::Result<C::Fruit> {
    let fruits = searcher
        .segment_readers()
        .iter()
        .enumerate()
        .map(|(ord, segment)| collector.collect_segment(weight, ord as u32, segment))
        .collect::<tantivy::Result<Vec<_>>>()?;
    collector.merge_fruits(fruits)
}

impl NewsIndex {
    /// One pass over every match of `query` in each shard (in parallel): the top `k` candidates
    /// and the match count, and as `wanted` says the distinct clusters and the facet counts.
    pub(super) fn top(
        &self,
        query: &dyn Query,
        searchers: &[Searcher],
        k: usize,
        wanted: Wanted,
        sort: SortBy,
    ) -> Result<Pass> {
        let stats = GlobalStats::new(searchers);
        let schema = searchers[0].schema();
        let name = |f| schema.get_field_name(f).to_string();
        let f = &self.shards.fields;
        let date_field = name(f.date);
        let columns = self.columns(searchers)?;
        let extras = || {
            (
                Count,
                wanted.clusters.then(|| ClusterCount::new(columns.clone())),
                wanted.facets.then(|| {
                    (
                        FacetOrdinalCounts::new(false, columns.clone(), self.facet_totals[0].clone()),
                        wanted
                            .keywords
                            .then(|| FacetOrdinalCounts::new(true, columns.clone(), self.facet_totals[1].clone())),
                    )
                }),
            )
        };
        // One weight for every shard: the statistics are corpus-wide and the schema is shared, so
        // the terms are looked up once per query, not once per shard.
        let weight = match sort {
            SortBy::Date => query.weight(EnableScoring::disabled_from_searcher(&searchers[0]))?,
            _ => query.weight(EnableScoring::enabled_from_statistics_provider(&stats, &searchers[0]))?,
        };
        let weight = &*weight;
        let per_shard: Vec<(ShardPass, Vec<Candidate>)> = searchers
            .par_iter()
            .enumerate()
            .map(|(shard, s)| {
                let (docs, pass) = if sort == SortBy::Date {
                    let by_date = TopDocs::with_limit(k.max(1))
                        .order_by_fast_field::<tantivy::DateTime>(&date_field, tantivy::Order::Desc);
                    let (d, pass) = collect(s, weight, &(by_date, extras()))?;
                    // The "score" of a date-sorted hit is its timestamp, so the merge below orders by date.
                    let d: Vec<(f32, DocAddress)> = d
                        .into_iter()
                        .map(|(date, addr)| (date.map_or(f32::MIN, |d| d.into_timestamp_secs() as f32), addr))
                        .collect();
                    (d, pass)
                } else {
                    let top = TopDocs::with_limit(k.max(1)).order_by_score();
                    collect(s, weight, &(top, extras()))?
                };
                let cands = docs
                    .into_iter()
                    .map(|(score, addr)| {
                        let segment = columns.of(s.segment_reader(addr.segment_ord))?;
                        let id_hash = segment.id_hash.as_ref().and_then(|c| c.first(addr.doc_id)).unwrap_or(0);
                        // An article without a cluster number is its own cluster (marked apart
                        // from the numbers by the top bit).
                        let cluster = segment
                            .cluster_ord
                            .as_ref()
                            .and_then(|c| c.first(addr.doc_id))
                            .unwrap_or(id_hash | 1 << 63);
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
}
