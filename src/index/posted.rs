//! Articles sent to the server rather than read from a folder: each is kept as a JSON file in the
//! index's `posted/` folder and indexed through the same incremental run as any folder, so it gets
//! the full analysis, duplicate marks against the whole index, and a committed generation.

use super::corpus_cache::CorpusCache;
use super::indexer::{run_index, IndexOptions, IndexSummary};
use super::progress::NoProgress;
use super::side_files::write_atomic;
use crate::error::{Error, Result};
use crate::ingest::fields::article_from_json;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The folder, inside the index folder, that holds posted articles.
pub const POSTED_DIR: &str = "posted";

/// What became of one posted article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PostedArticle {
    /// Its id (given, or `posted-<hash of its text>`).
    pub id: String,
    /// `added`, `updated`, `unchanged` or `skipped`.
    pub status: String,
    /// Why it was skipped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Its position in the request (1-based).
    pub position: usize,
}

/// The answer to a post: per article, and the run that indexed them.
#[derive(Debug, Clone, Serialize)]
pub struct PostReport {
    /// Each article sent, in order.
    pub articles: Vec<PostedArticle>,
    /// The indexing run (absent when nothing could be written).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run: Option<IndexSummary>,
}

/// The posted-articles folder of an index.
pub fn posted_dir(index_dir: &Path) -> PathBuf {
    index_dir.join(POSTED_DIR)
}

/// Memory budget of the writers of a posted run: a request's articles are few (tantivy sizes
/// its tables from the budget, so the default's would be allocated and freed on every write).
pub const POSTED_WRITER_MEMORY: usize = 48 << 20;

/// How long a write waits for another run (`newsdex index` beside the server) to finish.
pub const DEFAULT_LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(120);

/// Runs the incremental run over the posted folder, waiting while another process holds the
/// write lock (up to [`DEFAULT_LOCK_WAIT`]).
fn run_posted(index_dir: &Path, cache: &Arc<CorpusCache>) -> Result<IndexSummary> {
    let started = std::time::Instant::now();
    let mut opts = IndexOptions::new(vec![posted_dir(index_dir)], index_dir.to_path_buf());
    opts.corpus_cache = Some(cache.clone());
    opts.writer_memory = POSTED_WRITER_MEMORY;
    loop {
        match run_index(&opts, &NoProgress) {
            Err(Error::IndexLocked { .. }) if started.elapsed() < DEFAULT_LOCK_WAIT => {
                std::thread::sleep(std::time::Duration::from_millis(200))
            }
            other => return other,
        }
    }
}

/// Puts the posted folder back as it was before a write whose run failed: what the request
/// wrote is never indexed later by another request's run.
fn roll_back(changed: &[(PathBuf, Option<Vec<u8>>)]) {
    for (path, old) in changed.iter().rev() {
        let _ = match old {
            Some(bytes) => std::fs::write(path, bytes),
            None => std::fs::remove_file(path),
        };
    }
}

fn file_of(index_dir: &Path, id: &str) -> PathBuf {
    posted_dir(index_dir).join(format!("{:016x}.json", xxhash_rust::xxh3::xxh3_64(id.as_bytes())))
}

/// Adds (or replaces) articles given as JSON objects with the field spellings `index` reads, and
/// commits them as one new generation (`cache`: where a server keeps the corpus state).
pub fn add_articles(index_dir: &Path, records: Vec<serde_json::Value>, cache: &Arc<CorpusCache>) -> Result<PostReport> {
    let dir = posted_dir(index_dir);
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let mut out = Vec::with_capacity(records.len());
    let mut written = Vec::new();
    let mut changed: Vec<(PathBuf, Option<Vec<u8>>)> = Vec::new();
    for (i, mut value) in records.into_iter().enumerate() {
        let position = i + 1;
        let skipped = |id: String, reason: &str| PostedArticle {
            id,
            status: "skipped".into(),
            reason: Some(reason.into()),
            position,
        };
        let Some(article) = article_from_json(&value, "") else {
            out.push(skipped(String::new(), "not a JSON object"));
            continue;
        };
        if article.is_empty() {
            out.push(skipped(article.id, "no title or body found"));
            continue;
        }
        let id = if article.id.trim().is_empty() {
            let text = format!("{}\u{0}{}", article.title, article.body);
            format!("posted-{:016x}", xxhash_rust::xxh3::xxh3_64(text.as_bytes()))
        } else {
            article.id.clone()
        };
        if out.iter().any(|a: &PostedArticle| a.id == id && a.status != "skipped") {
            out.push(skipped(id, "the same id came earlier in this request"));
            continue;
        }
        value["id"] = serde_json::Value::String(id.clone());
        let bytes = serde_json::to_vec(&value)?;
        let path = file_of(index_dir, &id);
        let old = std::fs::read(&path).ok();
        let status = match &old {
            Some(old) if *old == bytes => "unchanged",
            Some(_) => "updated",
            None => "added",
        };
        if let Err(e) = write_atomic(&path, &bytes) {
            roll_back(&changed);
            return Err(e);
        }
        changed.push((path.clone(), old));
        written.push((out.len(), path));
        out.push(PostedArticle { id, status: status.into(), reason: None, position });
    }
    if written.is_empty() {
        return Ok(PostReport { articles: out, run: None });
    }
    let run = match run_posted(index_dir, cache) {
        Ok(run) => run,
        Err(e) => {
            roll_back(&changed);
            return Err(e);
        }
    };
    // An id that an article of an indexed folder already has was skipped by the run: say so, and
    // drop its file so that later runs do not trip on it again.
    let index = crate::search::NewsIndex::open(index_dir)?;
    let root = dir.canonicalize().map_err(|e| Error::io(&dir, e))?.to_string_lossy().to_string();
    for (pos, path) in written {
        let a = &mut out[pos];
        match index.article(&a.id)? {
            Some(stored) if stored.root == root => {}
            _ => {
                let _ = std::fs::remove_file(&path);
                (a.status, a.reason) = ("skipped".into(), Some("an article of an indexed folder has this id".into()));
            }
        }
    }
    Ok(PostReport { articles: out, run: Some(run) })
}

/// Where an article to delete lives.
#[derive(Debug, Clone, PartialEq)]
pub enum Deletion {
    /// Deleted; the run that committed it.
    Deleted(Box<IndexSummary>),
    /// No article has the id.
    NotFound,
    /// It comes from an indexed folder (named): its file there must go.
    InFolder(String),
}

/// Deletes a posted article and commits; articles whose marks pointed to it are marked again.
pub fn delete_article(index_dir: &Path, id: &str, cache: &Arc<CorpusCache>) -> Result<Deletion> {
    let index = crate::search::NewsIndex::open(index_dir)?;
    let Some(stored) = index.article(id)? else { return Ok(Deletion::NotFound) };
    drop(index);
    let dir = posted_dir(index_dir);
    let root = dir.canonicalize().ok().map(|p| p.to_string_lossy().to_string());
    if root.as_deref() != Some(stored.root.as_str()) {
        return Ok(Deletion::InFolder(stored.root));
    }
    let path = file_of(index_dir, id);
    let old = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
    std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
    let run = match run_posted(index_dir, cache) {
        Ok(run) => run,
        Err(e) => {
            roll_back(&[(path, Some(old))]);
            return Err(e);
        }
    };
    Ok(Deletion::Deleted(Box::new(run)))
}
