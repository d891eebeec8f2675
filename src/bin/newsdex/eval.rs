//! `newsdex eval`: rankings scored against judged queries.

use crate::args::EvalArgs;
use anyhow::{Context, Result};
use newsdex::search::metrics::{evaluate, Judgments, Metrics};
use newsdex::search::NewsIndex;
use std::path::Path;

/// Scores every ranking on the judged queries (`newsdex::search::metrics::evaluate`) and prints the metrics.
pub fn run(index_dir: &Path, a: EvalArgs) -> Result<()> {
    let index = NewsIndex::open(index_dir)?;
    let mut queries = String::new();
    for path in &a.queries {
        queries
            .push_str(&std::fs::read_to_string(path).with_context(|| format!("Could not read {}.", path.display()))?);
        queries.push('\n');
    }
    let names: Vec<String> = a.queries.iter().map(|p| p.display().to_string()).collect();
    let qrels = std::fs::read_to_string(&a.qrels).with_context(|| format!("Could not read {}.", a.qrels.display()))?;
    let judgments = Judgments::parse(&queries, &qrels);
    anyhow::ensure!(
        !judgments.queries.is_empty(),
        "No query in {} has judgments in {}.",
        names.join(", "),
        a.qrels.display()
    );
    if a.cross_validate {
        return cross_validate(&index, &judgments, a.json);
    }
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

/// `eval --cross-validate`: the held-out gain of the entity ranking over BM25 per query group.
fn cross_validate(index: &NewsIndex, judgments: &Judgments, json: bool) -> Result<()> {
    use newsdex::search::cross_validation::{cross_validate, default_grid};
    let cv = cross_validate(index, judgments, &default_grid())?;
    if json {
        out!("{}", serde_json::to_string(&cv)?);
        return Ok(());
    }
    out!(
        "{} weight settings tried; each half of the queries scored with the best setting of the other half",
        cv.settings_tried
    );
    for (k, f) in cv.folds.iter().enumerate() {
        let w = &f.weights;
        out!(
            "fold {}: chosen on {} queries (MAP@10 {:.4}): salience {:?}, entity share {}, topic {}",
            k + 1,
            f.fitted_on,
            f.fitted_map10,
            w.salience,
            w.entity_share,
            w.topic
        );
    }
    out!("{:<8} {:>7} {:>8} {:>9} {:>9} {:>14}", "group", "queries", "BM25", "defaults", "held-out", "held-out gain");
    for g in &cv.groups {
        out!(
            "{:<8} {:>7} {:>8.4} {:>9.4} {:>9.4} {:>13.1}%",
            g.group,
            g.queries,
            g.bm25,
            g.defaults,
            g.held_out,
            g.held_out_gain * 100.0
        );
    }
    Ok(())
}
