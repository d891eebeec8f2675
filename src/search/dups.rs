//! The `dups` report: duplicate clusters and the most repeated passages.

use super::news_index::NewsIndex;
use crate::analyze::PassageRef;
use crate::error::Result;
use serde::Serialize;
use std::collections::HashMap;

/// Clusters of copies and the passages repeated most across the corpus.
#[derive(Debug, Clone, Serialize)]
pub struct DupsReport {
    /// Smallest cluster counted.
    pub min_size: usize,
    /// Clusters with at least `min_size` articles.
    pub clusters_total: usize,
    /// Articles in those clusters.
    pub articles_in_clusters: usize,
    /// The largest clusters.
    pub clusters: Vec<ClusterInfo>,
    /// The most repeated passages.
    pub passages: Vec<RepeatedPassage>,
}

/// One duplicate cluster.
#[derive(Debug, Clone, Serialize)]
pub struct ClusterInfo {
    /// Cluster id (its first article).
    pub cluster: String,
    /// Number of articles.
    pub size: usize,
    /// Title of the first article.
    pub title: String,
    /// Member ids, sorted.
    pub ids: Vec<String>,
}

/// One passage repeated across articles.
#[derive(Debug, Clone, Serialize)]
pub struct RepeatedPassage {
    /// Articles holding it (exact repeats).
    pub articles: usize,
    /// Its first occurrence.
    pub first: PassageRef,
    /// Its text.
    pub text: String,
}

impl NewsIndex {
    /// Lists clusters of at least `min_size` articles (largest first) and the most repeated passages.
    pub fn dups(&self, min_size: usize, limit: usize) -> Result<DupsReport> {
        let mut clusters: HashMap<String, Vec<(String, String)>> = HashMap::new();
        self.for_each_article(|a| {
            clusters.entry(a.analysis.cluster.clone()).or_default().push((a.id, a.title));
            Ok(())
        })?;
        let mut big: Vec<ClusterInfo> = clusters
            .into_iter()
            .filter(|(_, m)| m.len() >= min_size.max(1))
            .map(|(cluster, mut members)| {
                members.sort();
                let title = members.iter().find(|(id, _)| *id == cluster).unwrap_or(&members[0]).1.clone();
                ClusterInfo { size: members.len(), title, ids: members.into_iter().map(|m| m.0).collect(), cluster }
            })
            .collect();
        big.sort_by(|a, b| b.size.cmp(&a.size).then_with(|| a.cluster.cmp(&b.cluster)));
        let (clusters_total, articles_in_clusters) = (big.len(), big.iter().map(|c| c.size).sum());
        big.truncate(limit);
        let store = crate::index::side_files::load_dups(&self.shards().gen_dir())?;
        let mut passages = Vec::new();
        for (articles, first) in store.most_repeated(limit) {
            let text = match self.get(&first.id)? {
                Some(a) => a
                    .analysis
                    .passages
                    .get(first.passage)
                    .map(|p| a.body[p.start..p.end].to_string())
                    .unwrap_or_default(),
                None => String::new(),
            };
            passages.push(RepeatedPassage {
                articles,
                first,
                text: text.split_whitespace().collect::<Vec<_>>().join(" "),
            });
        }
        Ok(DupsReport { min_size, clusters_total, articles_in_clusters, clusters: big, passages })
    }
}
