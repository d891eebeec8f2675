//! `newsdex check`: verifies that an index's parts agree — the manifest, the shards, the side
//! files and every stored document — and names each problem with the command that repairs it.

use super::document::stored_analysis;
use super::manifest::Manifest;
use super::page_analysis::PageAnalysis;
use super::shards::ShardSet;
use super::side_files::{load_dictionary, load_dups, load_keywords};
use crate::error::Result;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use tantivy::schema::Value;
use tantivy::{DocAddress, TantivyDocument};

/// Most problems of one kind listed (the count says how many there are).
pub const MAX_LISTED: usize = 20;

/// What a check found.
#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    /// The index folder.
    pub index: String,
    /// The generation checked.
    pub generation: u64,
    /// Articles found in the shards.
    pub articles: u64,
    /// Stored documents decoded.
    pub documents_decoded: u64,
    /// Duplicate marks checked.
    pub marks_checked: u64,
    /// Problems, each one sentence (at most [`MAX_LISTED`] of a kind).
    pub problems: Vec<String>,
    /// Problems of each kind, in all.
    pub problem_counts: BTreeMap<String, u64>,
    /// The command that repairs them (when there are any).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repair: Option<String>,
}

impl CheckReport {
    /// True when nothing is wrong.
    pub fn is_sound(&self) -> bool {
        self.problems.is_empty()
    }

    fn problem(&mut self, kind: &str, text: String) {
        let n = self.problem_counts.entry(kind.to_string()).or_default();
        *n += 1;
        if *n as usize <= MAX_LISTED {
            self.problems.push(text);
        }
    }
}

/// Checks the committed index in `dir`. An index that cannot be opened at all is an error (the
/// error says what to do); everything found after that is a problem in the report.
pub fn check(dir: &Path) -> Result<CheckReport> {
    let manifest = Manifest::load(dir)?;
    let mut report = CheckReport {
        index: dir.display().to_string(),
        generation: manifest.generation,
        articles: 0,
        documents_decoded: 0,
        marks_checked: 0,
        problems: Vec::new(),
        problem_counts: BTreeMap::new(),
        repair: None,
    };
    let shards = match ShardSet::open(dir) {
        Ok(s) => s,
        Err(e) => {
            report.problem("shards", format!("The shards do not open: {e}"));
            report.repair = Some(repair(&manifest));
            return Ok(report);
        }
    };
    let gen_dir = shards.gen_dir();
    let f = shards.fields;
    // Every stored document: decodes, has an id found once, in the shard its id routes to.
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut marks: Vec<(String, String, usize)> = Vec::new();
    let mut clusters: Vec<(String, String)> = Vec::new();
    let mut per_root: HashMap<String, u64> = HashMap::new();
    let mut passages: HashMap<String, usize> = HashMap::new();
    for (shard, index) in shards.indexes.iter().enumerate() {
        let searcher = index.reader()?.searcher();
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            for doc in segment.doc_ids_alive() {
                report.articles += 1;
                let d: TantivyDocument = match searcher.doc(DocAddress::new(ord as u32, doc)) {
                    Ok(d) => d,
                    Err(e) => {
                        report
                            .problem("documents", format!("A stored document of shard {shard} does not decode: {e}."));
                        continue;
                    }
                };
                let text = |field| d.get_first(field).and_then(|v| v.as_str()).unwrap_or("").to_string();
                let id = text(f.id);
                if shards.shard_of(&id) != shard {
                    report.problem(
                        "routing",
                        format!(
                            "Article {id:?} is in shard {shard}, but its id routes to shard {}.",
                            shards.shard_of(&id)
                        ),
                    );
                }
                if let Some(other) = ids.insert(id.clone(), shard) {
                    report.problem("ids", format!("The id {id:?} is held twice (shards {other} and {shard})."));
                }
                *per_root.entry(text(f.root)).or_default() += 1;
                match stored_analysis(&f, &d, &gen_dir) {
                    Ok(a) => {
                        report.documents_decoded += 1;
                        passages.insert(id.clone(), a.passages.len());
                        for p in &a.passages {
                            if let Some(of) = &p.of {
                                marks.push((id.clone(), of.id.clone(), of.passage));
                            }
                        }
                        clusters.push((id.clone(), text(f.cluster)));
                        // The compact page form is derived from the analysis: it must agree.
                        if f.page.is_some() {
                            match PageAnalysis::of(&f, &d, &gen_dir) {
                                Ok(page) if page == PageAnalysis::from_analysis(&a) => {}
                                Ok(_) => report.problem(
                                    "page",
                                    format!("The page form of article {id:?} disagrees with its stored analysis."),
                                ),
                                Err(e) => report.problem("page", format!("{e}")),
                            }
                        }
                    }
                    Err(e) => report.problem("analysis", format!("{e}")),
                }
            }
        }
    }
    // Manifest ↔ shards.
    if report.articles != manifest.articles {
        report.problem(
            "counts",
            format!("The manifest counts {} articles, the shards hold {}.", manifest.articles, report.articles),
        );
    }
    for root in &manifest.roots {
        let found = per_root.get(&root.path).copied().unwrap_or(0);
        if found != root.articles {
            report.problem(
                "counts",
                format!("The manifest counts {} articles from {}, the shards hold {found}.", root.articles, root.path),
            );
        }
    }
    // Duplicate marks and clusters point at articles that exist.
    for (id, of, passage) in &marks {
        report.marks_checked += 1;
        match passages.get(of) {
            None => report.problem(
                "marks",
                format!("Article {id:?} has a duplicate mark pointing to {of:?}, which is not in the index."),
            ),
            Some(n) if passage >= n => report.problem(
                "marks",
                format!("Article {id:?} points to passage {passage} of {of:?}, which has {n} passages."),
            ),
            Some(_) => {}
        }
    }
    for (id, cluster) in &clusters {
        if !cluster.is_empty() && !ids.contains_key(cluster) {
            report.problem(
                "clusters",
                format!("Article {id:?} is in the cluster of {cluster:?}, which is not in the index."),
            );
        }
    }
    // Side files: they load, and the duplicate store holds exactly the indexed articles.
    match load_dups(&gen_dir) {
        Ok(store) => {
            let live: HashSet<&str> = store.live_ids().collect();
            let missing = ids.keys().filter(|id| !live.contains(String::as_str(id))).count();
            let extra = live.iter().filter(|id| !ids.contains_key(**id)).count();
            if missing + extra > 0 {
                report.problem(
                    "side_files",
                    format!(
                        "The duplicate store lacks {missing} indexed articles and holds {extra} that are not indexed."
                    ),
                );
            }
        }
        Err(e) => report.problem("side_files", e.to_string()),
    }
    if let Err(e) = load_dictionary(&gen_dir) {
        report.problem("side_files", e.to_string());
    }
    if let Err(e) = load_keywords(&gen_dir) {
        report.problem("side_files", e.to_string());
    }
    if !report.is_sound() {
        report.repair = Some(repair(&manifest));
    }
    Ok(report)
}

/// The command that rebuilds the index from its folders.
fn repair(manifest: &Manifest) -> String {
    let folders: Vec<String> = manifest.roots.iter().map(|r| format!("{:?}", r.path)).collect();
    format!("newsdex index --rebuild {}", folders.join(" "))
}
