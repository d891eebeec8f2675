//! Scores do not depend on the shard count: corpus-wide BM25 statistics.

use crate::util::{demo_corpus, shared_data, Env};
use std::path::Path;

const QUERIES: &[&str] = &[
    "Bukele deportees",
    "prison",
    "oil prices",
    "interest rates",
    "white house",
    "\"travel advisory\"",
    "deportation -bukele",
    "election OR football",
    "title:storm",
    "the",
];
const REUTERS_QUERIES: &[&str] =
    &["oil prices", "james baker", "opec output", "interest rates", "wheat exports", "volcker", "dollar yen", "bank"];

fn top(env: &Env, index: &str, query: &str) -> Vec<(String, f64)> {
    let r = env.json(&["--index", index, "search", query, "--json", "--limit", "20"]);
    r["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["id"].as_str().unwrap().to_string(), h["score"].as_f64().unwrap()))
        .collect()
}

/// (raw matches, distinct stories) as the collapsed search reports them, and the distinct
/// `dup_cluster` values among every raw match listed.
fn cluster_counts(env: &Env, index: &str, query: &str) -> (u64, u64, usize) {
    let r = env.json(&["--index", index, "search", query, "--json", "--limit", "0"]);
    let (hits, clusters) = (r["total_hits"].as_u64().unwrap(), r["total_clusters"].as_u64().unwrap());
    let limit = hits.to_string();
    let raw = env.json(&["--index", index, "search", query, "--json", "--no-collapse", "--limit", &limit]);
    let listed = raw["hits"].as_array().unwrap();
    assert_eq!(listed.len() as u64, hits, "{query}");
    let distinct: std::collections::HashSet<&str> = listed.iter().map(|h| h["dup_cluster"].as_str().unwrap()).collect();
    (hits, clusters, distinct.len())
}

fn assert_same_ranking(folder: &Path, queries: &[&str]) {
    let env = Env::new();
    let folder = folder.to_str().unwrap();
    env.json(&["--index", "one", "index", folder, "--shards", "1", "--json"]);
    env.json(&["--index", "four", "index", folder, "--shards", "4", "--json"]);
    for q in queries {
        // Distinct stories are counted the same whatever the shard count, and match the clusters
        // of the raw hits.
        let (one, four) = (cluster_counts(&env, "one", q), cluster_counts(&env, "four", q));
        assert_eq!(one, four, "{q}");
        assert_eq!(four.1 as usize, four.2, "{q}: distinct stories");
        let (a, b) = (top(&env, "one", q), top(&env, "four", q));
        assert_eq!(a.len(), b.len(), "{q}");
        assert!(!a.is_empty(), "query {q:?} found nothing; pick one that matches");
        for (i, ((ida, sa), (idb, sb))) in a.iter().zip(&b).enumerate() {
            assert!((sa - sb).abs() < 1e-4, "{q}: rank {i} score {sa} vs {sb}");
            // Ties may be cut differently at the end of the list; everything above the last score must match.
            if (sa - a.last().unwrap().1).abs() > 1e-4 {
                assert_eq!(ida, idb, "{q}: rank {i}");
            }
        }
    }
}

#[test]
fn one_and_four_shards_rank_the_demo_corpus_identically() {
    assert_same_ranking(&demo_corpus(), QUERIES);
}

#[test]
#[ignore = "needs ../shared/data; .ci/run runs it (cargo test -- --ignored)"]
fn one_and_four_shards_rank_reuters_identically() {
    let file = shared_data("reuters21578/reuters21578.jsonl");
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(&file, dir.path().join("reuters.jsonl")).unwrap();
    assert_same_ranking(dir.path(), REUTERS_QUERIES);
}
