//! `newsdex eval`: rankings scored against judged queries.

use crate::args::EvalArgs;
use anyhow::{Context, Result};
use newsdex::search::metrics::{evaluate, Judgments, Metrics};
use newsdex::search::NewsIndex;
use std::path::Path;

/// Scores every ranking on the judged queries (`newsdex::search::metrics::evaluate`) and prints the metrics.
pub fn run(index_dir: &Path, a: EvalArgs) -> Result<()> {
    let index = NewsIndex::open(index_dir)?;
    let queries =
        std::fs::read_to_string(&a.queries).with_context(|| format!("Could not read {}.", a.queries.display()))?;
    let qrels = std::fs::read_to_string(&a.qrels).with_context(|| format!("Could not read {}.", a.qrels.display()))?;
    let judgments = Judgments::parse(&queries, &qrels);
    anyhow::ensure!(
        !judgments.queries.is_empty(),
        "No query in {} has judgments in {}.",
        a.queries.display(),
        a.qrels.display()
    );
    let ranks: Vec<newsdex::search::Rank> = a.rank.iter().map(|r| (*r).into()).collect();
    let scores = evaluate(&index, &judgments, &ranks)?;
    let name = |r: newsdex::search::Rank| format!("{r:?}").to_lowercase();
    let results: Vec<(String, Metrics)> = scores.iter().map(|s| (name(s.rank), s.metrics.clone())).collect();
    if a.per_query {
        for (q, (id, text)) in judgments.queries.iter().enumerate() {
            let cols: Vec<String> = scores.iter().map(|s| format!("{:.4}", s.map_per_query[q])).collect();
            eprintln!("{id}\t{text}\t{}", cols.join("\t"));
        }
    }
    if a.json {
        let obj: serde_json::Map<String, serde_json::Value> =
            results.iter().map(|(r, m)| (r.clone(), serde_json::to_value(m).expect("metrics serialise"))).collect();
        out!("{}", serde_json::Value::Object(obj));
    } else {
        out!("{:<8} {:>7} {:>7} {:>7} {:>7} {:>10}", "rank", "queries", "P@10", "MAP@10", "nDCG@10", "recall@100");
        for (r, m) in &results {
            out!("{:<8} {:>7} {:>7.4} {:>7.4} {:>7.4} {:>10.4}", r, m.queries, m.p10, m.map10, m.ndcg10, m.recall100);
        }
    }
    Ok(())
}
