//! The entity ranking's weights chosen by two-fold cross-validation over judged queries: each
//! half of the queries is scored with the weights that did best on the other half, so that the
//! gain reported over BM25 is a gain on queries the weights were not chosen on.

use super::metrics::{score_queries, Judgments};
use super::ranking::RankWeights;
use super::{NewsIndex, Rank};
use crate::error::Result;
use serde::Serialize;

/// Weights tried for "named at all" (the first salience feature).
pub const DEFAULT_NAMED_GRID: [f32; 4] = [8.0, 16.0, 32.0, 64.0];
/// Weights tried for the other four salience features (headline, lead, twice, four times).
pub const DEFAULT_FEATURE_GRID: [f32; 4] = [2.0, 4.0, 8.0, 16.0];
/// Entity shares tried.
pub const DEFAULT_SHARE_GRID: [f32; 4] = [0.1, 0.2, 0.3, 0.5];
/// Topic weights tried.
pub const DEFAULT_TOPIC_GRID: [f32; 4] = [0.0, 1.0, 2.0, 4.0];

/// The weights tried: the defaults first (they win ties), then every combination of the grids.
pub fn default_grid() -> Vec<RankWeights> {
    let mut out = vec![RankWeights::default()];
    for named in DEFAULT_NAMED_GRID {
        for feature in DEFAULT_FEATURE_GRID {
            for entity_share in DEFAULT_SHARE_GRID {
                for topic in DEFAULT_TOPIC_GRID {
                    let w = RankWeights { salience: [named, feature, feature, feature, feature], entity_share, topic };
                    if w != out[0] {
                        out.push(w);
                    }
                }
            }
        }
    }
    out
}

/// The weights one fold chose.
#[derive(Debug, Clone, Serialize)]
pub struct FoldChoice {
    /// Queries the weights were chosen on (the other fold's are scored with them).
    pub fitted_on: usize,
    /// The weights with the best MAP@10 on those queries.
    pub weights: RankWeights,
    /// That MAP@10 (on the queries they were chosen on: optimistic).
    pub fitted_map10: f64,
}

/// MAP@10 of one group of queries (the part of the query id before `:`: people, orgs, topics).
#[derive(Debug, Clone, Serialize)]
pub struct GroupScore {
    /// The group.
    pub group: String,
    /// Its queries.
    pub queries: usize,
    /// Plain BM25.
    pub bm25: f64,
    /// The entity ranking with the default weights (chosen on all of these queries).
    pub defaults: f64,
    /// The entity ranking, each query scored with the weights chosen on the other fold.
    pub held_out: f64,
    /// `held_out / bm25 - 1`.
    pub held_out_gain: f64,
}

/// The result of [`cross_validate`].
#[derive(Debug, Clone, Serialize)]
pub struct CrossValidation {
    /// Weight settings tried.
    pub settings_tried: usize,
    /// What each fold chose.
    pub folds: Vec<FoldChoice>,
    /// Scores per group of queries, then over all of them (group `all`).
    pub groups: Vec<GroupScore>,
}

/// The fold of each query: within each group, queries in the order of a hash of their id
/// alternate between the two folds (so that both hold each group about equally).
fn folds(j: &Judgments) -> Vec<usize> {
    let group = |id: &str| id.split_once(':').map_or("all", |g| g.0).to_string();
    let mut order: Vec<usize> = (0..j.queries.len()).collect();
    order.sort_by_key(|&i| (group(&j.queries[i].0), xxhash_rust::xxh3::xxh3_64(j.queries[i].0.as_bytes())));
    let mut fold = vec![0; j.queries.len()];
    let mut last = String::new();
    let mut k = 0;
    for i in order {
        let g = group(&j.queries[i].0);
        if g != last {
            (last, k) = (g, 0);
        }
        fold[i] = k % 2;
        k += 1;
    }
    fold
}

/// MAP@10 of every judged query with one ranking and weights.
fn map10_per_query(index: &NewsIndex, j: &Judgments, rank: Rank, weights: RankWeights) -> Result<Vec<f64>> {
    Ok(score_queries(index, j, rank, weights)?.iter().map(|m| m[1]).collect())
}

fn mean_of(values: &[f64], keep: impl Fn(usize) -> bool) -> f64 {
    let kept: Vec<f64> = values.iter().enumerate().filter(|(i, _)| keep(*i)).map(|(_, v)| *v).collect();
    kept.iter().sum::<f64>() / kept.len().max(1) as f64
}

/// Scores every weight setting of `grid` on every query, chooses on each fold the best setting
/// for the other, and reports BM25, the defaults and the held-out scores per group.
pub fn cross_validate(index: &NewsIndex, j: &Judgments, grid: &[RankWeights]) -> Result<CrossValidation> {
    let fold = folds(j);
    let bm25 = map10_per_query(index, j, Rank::Bm25, RankWeights::default())?;
    let per_setting: Vec<Vec<f64>> =
        grid.iter().map(|w| map10_per_query(index, j, Rank::Entities, *w)).collect::<Result<_>>()?;
    let mut held_out = vec![0.0; j.queries.len()];
    let mut folds_out = Vec::new();
    for f in 0..2 {
        let fit = |s: &Vec<f64>| mean_of(s, |i| fold[i] != f);
        let best = (0..grid.len()).fold(0, |b, s| if fit(&per_setting[s]) > fit(&per_setting[b]) { s } else { b });
        for (i, h) in held_out.iter_mut().enumerate().filter(|(i, _)| fold[*i] == f) {
            *h = per_setting[best][i];
        }
        folds_out.push(FoldChoice {
            fitted_on: fold.iter().filter(|&&k| k != f).count(),
            weights: grid[best],
            fitted_map10: fit(&per_setting[best]),
        });
    }
    let defaults = grid.iter().position(|w| *w == RankWeights::default());
    let group_of = |i: usize| j.queries[i].0.split_once(':').map_or("all", |g| g.0).to_string();
    let mut names: Vec<String> = (0..j.queries.len()).map(group_of).collect();
    names.sort();
    names.dedup();
    names.retain(|n| n != "all");
    names.push("all".into());
    let groups = names
        .into_iter()
        .map(|g| {
            let keep = |i: usize| g == "all" || group_of(i) == g;
            let b = mean_of(&bm25, keep);
            let h = mean_of(&held_out, keep);
            GroupScore {
                queries: (0..j.queries.len()).filter(|&i| keep(i)).count(),
                bm25: b,
                defaults: defaults.map_or(f64::NAN, |d| mean_of(&per_setting[d], keep)),
                held_out: h,
                held_out_gain: h / b.max(1e-12) - 1.0,
                group: g,
            }
        })
        .collect();
    Ok(CrossValidation { settings_tried: grid.len(), folds: folds_out, groups })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_split_each_group_in_halves() {
        let mut queries = String::new();
        let mut qrels = String::new();
        for (g, n) in [("people", 7), ("orgs", 4)] {
            for k in 0..n {
                queries.push_str(&format!("{g}:{k}\tq\n"));
                qrels.push_str(&format!("{g}:{k} 0 d 1\n"));
            }
        }
        let j = Judgments::parse(&queries, &qrels);
        let f = folds(&j);
        let count = |g: &str, k: usize| (0..f.len()).filter(|&i| j.queries[i].0.starts_with(g) && f[i] == k).count();
        assert_eq!((count("people", 0), count("people", 1)), (4, 3));
        assert_eq!((count("orgs", 0), count("orgs", 1)), (2, 2));
    }

    #[test]
    fn the_grid_starts_with_the_defaults_once() {
        let g = default_grid();
        assert_eq!(g[0], RankWeights::default());
        assert_eq!(g.iter().filter(|w| **w == RankWeights::default()).count(), 1);
        assert_eq!(g.len(), 4 * 4 * 4 * 4, "the defaults are one of the combinations");
    }
}
