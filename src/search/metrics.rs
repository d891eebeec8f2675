//! Ranking metrics over judged queries: P@10, MAP@10, nDCG@10, recall@100.

use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// Metrics of one ranking over a query set (means over queries).
#[derive(Debug, Clone, Serialize, Default)]
pub struct Metrics {
    /// Queries scored.
    pub queries: usize,
    /// Precision at 10.
    pub p10: f64,
    /// Mean average precision at 10 (AP@10 normalised by min(relevant, 10)).
    pub map10: f64,
    /// nDCG at 10 (graded relevance).
    pub ndcg10: f64,
    /// Recall at 100.
    pub recall100: f64,
}

/// Scores one ranked list against the graded judgments of its query.
pub fn score_query(ranked: &[String], judged: &HashMap<String, u32>) -> [f64; 4] {
    let relevant: HashSet<&String> = judged.iter().filter(|(_, r)| **r > 0).map(|(d, _)| d).collect();
    if relevant.is_empty() {
        return [0.0; 4];
    }
    let rel = |d: &String| relevant.contains(d);
    let p10 = ranked.iter().take(10).filter(|d| rel(d)).count() as f64 / 10.0;
    let mut hits = 0.0;
    let mut ap = 0.0;
    for (i, d) in ranked.iter().take(10).enumerate() {
        if rel(d) {
            hits += 1.0;
            ap += hits / (i + 1) as f64;
        }
    }
    let map10 = ap / relevant.len().min(10) as f64;
    let gain = |r: u32| 2f64.powi(r as i32) - 1.0;
    let dcg: f64 = ranked
        .iter()
        .take(10)
        .enumerate()
        .map(|(i, d)| gain(*judged.get(d).unwrap_or(&0)) / ((i + 2) as f64).log2())
        .sum();
    let mut ideal: Vec<u32> = judged.values().copied().filter(|r| *r > 0).collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let idcg: f64 = ideal.iter().take(10).enumerate().map(|(i, r)| gain(*r) / ((i + 2) as f64).log2()).sum();
    let recall100 = ranked.iter().take(100).filter(|d| rel(d)).count() as f64 / relevant.len() as f64;
    [p10, map10, if idcg > 0.0 { dcg / idcg } else { 0.0 }, recall100]
}

/// Means of per-query scores.
pub fn mean(per_query: &[[f64; 4]]) -> Metrics {
    let n = per_query.len().max(1) as f64;
    let sum = |i: usize| per_query.iter().map(|q| q[i]).sum::<f64>() / n;
    Metrics { queries: per_query.len(), p10: sum(0), map10: sum(1), ndcg10: sum(2), recall100: sum(3) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_and_empty_rankings() {
        let judged: HashMap<String, u32> =
            [("a", 1), ("b", 1), ("c", 0)].iter().map(|(d, r)| (d.to_string(), *r)).collect();
        let perfect = score_query(&["a".into(), "b".into(), "c".into()], &judged);
        assert_eq!(perfect[1], 1.0);
        assert_eq!(perfect[2], 1.0);
        assert_eq!(perfect[3], 1.0);
        assert!((perfect[0] - 0.2).abs() < 1e-9);
        let late = score_query(&["c".into(), "a".into()], &judged);
        assert!((late[1] - 0.25).abs() < 1e-9, "AP@10 = (1/2)/2");
        assert_eq!(score_query(&[], &judged), [0.0; 4]);
    }
}

/// Judged queries: (id, text) in file order, and each query's graded judgments.
#[derive(Debug, Clone, Default)]
pub struct Judgments {
    /// Queries that have judgments, `(id, text)`.
    pub queries: Vec<(String, String)>,
    /// Query id → document id → relevance grade.
    pub judged: HashMap<String, HashMap<String, u32>>,
}

impl Judgments {
    /// Reads queries (`ID<TAB>text` or `ID text` per line) and TREC qrels (`ID 0 DOCID GRADE`);
    /// queries without judgments are left out.
    pub fn parse(queries: &str, qrels: &str) -> Self {
        let mut judged: HashMap<String, HashMap<String, u32>> = HashMap::new();
        for line in qrels.lines() {
            let f: Vec<&str> = line.split_whitespace().collect();
            if f.len() >= 4 {
                judged.entry(f[0].to_string()).or_default().insert(f[2].to_string(), f[3].parse().unwrap_or(0));
            }
        }
        let queries = queries
            .lines()
            .filter_map(|l| {
                let (id, text) = l.split_once('\t').or_else(|| l.split_once(' '))?;
                Some((id.trim().to_string(), text.trim().to_string()))
            })
            .filter(|(id, _)| judged.contains_key(id))
            .collect();
        Judgments { queries, judged }
    }
}

/// One ranking scored over the judged queries.
#[derive(Debug, Clone)]
pub struct RankingScore {
    /// The ranking.
    pub rank: super::Rank,
    /// Means over the queries.
    pub metrics: Metrics,
    /// MAP@10 of each query, in the order of [`Judgments::queries`].
    pub map_per_query: Vec<f64>,
}

/// Scores of every judged query (P@10, MAP@10, nDCG@10, recall@100, in the order of
/// [`Judgments::queries`]) with one ranking and its weights: top 100, no collapsing, no facets.
/// A query that fails is an error naming it, never an empty list that scores zero.
pub fn score_queries(
    index: &super::NewsIndex,
    j: &Judgments,
    rank: super::Rank,
    weights: super::RankWeights,
) -> crate::Result<Vec<[f64; 4]>> {
    use rayon::prelude::*;
    j.queries
        .par_iter()
        .map(|(id, text)| {
            let mut req = super::SearchRequest::new(text.clone());
            (req.limit, req.collapse, req.facets, req.rank, req.weights) = (100, false, 0, rank, weights);
            let hits = index
                .search(&req)
                .map_err(|e| crate::Error::user(format!("Query {id} ({text:?}) failed: {e}"), "Fix the query file."))?
                .hits;
            let ids: Vec<String> = hits.into_iter().map(|h| h.id).collect();
            Ok(score_query(&ids, &j.judged[id]))
        })
        .collect()
}

/// Runs every judged query with each ranking (default weights) and scores it ([`score_queries`]).
pub fn evaluate(index: &super::NewsIndex, j: &Judgments, ranks: &[super::Rank]) -> crate::Result<Vec<RankingScore>> {
    ranks
        .iter()
        .map(|&rank| {
            let per_query = score_queries(index, j, rank, Default::default())?;
            Ok(RankingScore {
                rank,
                metrics: mean(&per_query),
                map_per_query: per_query.iter().map(|m| m[1]).collect(),
            })
        })
        .collect()
}
