//! `newsdex eval`: rankings scored against judged queries.

use crate::args::EvalArgs;
use anyhow::{Context, Result};
use newsdex::search::metrics::{mean, score_query, Metrics};
use newsdex::search::{NewsIndex, SearchRequest};
use std::collections::HashMap;
use std::path::Path;

/// Runs every query with every ranking (no collapsing, no facets) and prints the metrics.
pub fn run(index_dir: &Path, a: EvalArgs) -> Result<()> {
    let index = NewsIndex::open(index_dir)?;
    let queries =
        std::fs::read_to_string(&a.queries).with_context(|| format!("Could not read {}.", a.queries.display()))?;
    let qrels = std::fs::read_to_string(&a.qrels).with_context(|| format!("Could not read {}.", a.qrels.display()))?;
    let mut judged: HashMap<String, HashMap<String, u32>> = HashMap::new();
    for line in qrels.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() >= 4 {
            judged.entry(f[0].to_string()).or_default().insert(f[2].to_string(), f[3].parse().unwrap_or(0));
        }
    }
    let parsed: Vec<(String, String)> = queries
        .lines()
        .filter_map(|l| {
            let (id, text) = l.split_once('\t').or_else(|| l.split_once(' '))?;
            Some((id.trim().to_string(), text.trim().to_string()))
        })
        .filter(|(id, _)| judged.contains_key(id))
        .collect();
    anyhow::ensure!(!parsed.is_empty(), "No query in {} has judgments in {}.", a.queries.display(), a.qrels.display());
    let mut results: Vec<(String, Metrics)> = Vec::new();
    let mut map_per_query: Vec<Vec<f64>> = vec![Vec::new(); parsed.len()];
    for rank in &a.rank {
        let mut per_query = Vec::new();
        for (id, text) in &parsed {
            let mut req = SearchRequest::new(text.clone());
            req.limit = 100;
            req.collapse = false;
            req.facets = 0;
            req.rank = (*rank).into();
            let ids: Vec<String> = match index.search(&req) {
                Ok(r) => r.hits.into_iter().map(|h| h.id).collect(),
                Err(_) => vec![],
            };
            per_query.push(score_query(&ids, &judged[id]));
        }
        for (row, m) in map_per_query.iter_mut().zip(&per_query) {
            row.push(m[1]);
        }
        results.push((format!("{rank:?}").to_lowercase(), mean(&per_query)));
    }
    if a.per_query {
        for ((id, text), maps) in parsed.iter().zip(&map_per_query) {
            let cols: Vec<String> = maps.iter().map(|m| format!("{m:.4}")).collect();
            eprintln!("{id}\t{text}\t{}", cols.join("\t"));
        }
    }
    if a.json {
        let obj: serde_json::Map<String, serde_json::Value> =
            results.iter().map(|(r, m)| (r.clone(), serde_json::to_value(m).expect("metrics serialise"))).collect();
        println!("{}", serde_json::Value::Object(obj));
    } else {
        println!("{:<8} {:>7} {:>7} {:>7} {:>7} {:>10}", "rank", "queries", "P@10", "MAP@10", "nDCG@10", "recall@100");
        for (r, m) in &results {
            println!(
                "{:<8} {:>7} {:>7.4} {:>7.4} {:>7.4} {:>10.4}",
                r, m.queries, m.p10, m.map10, m.ndcg10, m.recall100
            );
        }
    }
    Ok(())
}
