//! The indexing run: walk → read → analyze → route to shards → commit, incrementally.

use super::document::to_document;
use super::existing::fetch_article;
use super::existing::{load_existing, Existing};
use super::lock::WriteLock;
use super::manifest::{Manifest, RootEntry, MANIFEST_FILE};
use super::shards::{remove_stale_generations, ShardSet};
use crate::analyze::dedup::{DocRecord, DupStore};
use crate::analyze::entities::article_entities::extract as extract_entities;
use crate::analyze::entities::dictionary::EntityDictionary;
use crate::analyze::entities::Tagger;
use crate::analyze::keywords::{candidate_keys, keyphrases, DocFrequencies};
use crate::analyze::Analysis;
use crate::error::{Error, Result};
use crate::ingest::{read_articles, walk, Article, ReadLimits, Skip, SkipLog, SkipReason};
use indicatif::ProgressBar;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Instant;
use tantivy::{IndexWriter, Term};

/// Indexing memory budget shared by all shard writers.
pub const DEFAULT_WRITER_MEMORY: usize = 256 << 20;
/// Smallest budget tantivy accepts for one writer thread.
const MIN_WRITER_MEMORY: usize = 20 << 20;

/// What to index and how.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// Folders to index.
    pub roots: Vec<PathBuf>,
    /// The index folder.
    pub index_dir: PathBuf,
    /// Shard count for a new index (`None`: available cores; an existing index keeps its own).
    pub shards: Option<usize>,
    /// Start from an empty index (written beside the old one and swapped in at the end).
    pub rebuild: bool,
    /// Fail, writing nothing, when anything is skipped.
    pub strict: bool,
    /// Size limits for input.
    pub limits: ReadLimits,
    /// Memory budget for all writers together.
    pub writer_memory: usize,
}

impl IndexOptions {
    /// Options for indexing `roots` into `index_dir` with defaults for the rest.
    pub fn new(roots: Vec<PathBuf>, index_dir: PathBuf) -> Self {
        IndexOptions {
            roots,
            index_dir,
            shards: None,
            rebuild: false,
            strict: false,
            limits: ReadLimits::default(),
            writer_memory: DEFAULT_WRITER_MEMORY,
        }
    }
}

/// The summary of a run, printed as one line or as JSON.
#[derive(Debug, Clone, Serialize)]
pub struct IndexSummary {
    /// Articles in the index after the run.
    pub documents: u64,
    /// Articles read in this run.
    pub read: u64,
    /// New articles.
    pub added: u64,
    /// Changed articles, re-indexed.
    pub updated: u64,
    /// Articles whose files vanished, removed.
    pub deleted: u64,
    /// Articles unchanged since the last run.
    pub unchanged: u64,
    /// Files or records skipped.
    pub skipped: u64,
    /// Skips per reason.
    pub skipped_by_reason: BTreeMap<String, usize>,
    /// Files in formats newsdex does not read.
    pub ignored_files: usize,
    /// Files decoded as Windows-1252.
    pub decoded_cp1252: usize,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// Seconds of the duplicate-marking step (sequential part).
    pub dedup_seconds: f64,
    /// Bytes of the stored duplicate signatures.
    pub dedup_store_bytes: u64,
    /// Articles read per second.
    pub docs_per_sec: f64,
    /// Number of shards.
    pub shards: usize,
    /// The index folder.
    pub index: String,
}

#[derive(Default)]
struct Counters {
    read: AtomicU64,
    added: AtomicU64,
    updated: AtomicU64,
    unchanged: AtomicU64,
    deleted: AtomicU64,
}

/// Runs one indexing job and commits it; the previous commit stays searchable until then.
pub fn run_index(opts: &IndexOptions, progress: &ProgressBar) -> Result<IndexSummary> {
    let started = Instant::now();
    let _lock = WriteLock::acquire(&opts.index_dir)?;
    let roots = opts.roots.iter().map(|r| canonical_root(r)).collect::<Result<Vec<_>>>()?;
    let old = if opts.index_dir.join(MANIFEST_FILE).exists() { Some(Manifest::load(&opts.index_dir)) } else { None };
    let shards = match old {
        Some(Ok(m)) if !opts.rebuild => {
            if opts.shards.is_some_and(|n| n != m.shards) {
                return Err(Error::user(
                    format!("The index at {} has {} shards.", opts.index_dir.display(), m.shards),
                    "Add --rebuild to re-create it with a different --shards.",
                ));
            }
            remove_stale_generations(&opts.index_dir, m.generation);
            ShardSet::fork(&opts.index_dir, m)?
        }
        Some(Err(e)) if !opts.rebuild => return Err(e),
        other => {
            let generation = other.and_then(|m| m.ok()).map_or(1, |m| m.generation + 1);
            let n = opts.shards.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())).max(1);
            ShardSet::create(&opts.index_dir, Manifest::new(n, generation))?
        }
    };
    let old_generation = Manifest::load(&opts.index_dir).ok().map(|m| m.generation);
    let exclude = opts.index_dir.canonicalize().ok();
    let existing: Vec<HashMap<String, Existing>> =
        shards.indexes.par_iter().map(|i| load_existing(i, &shards.fields)).collect::<Result<_>>()?;
    let per_writer = (opts.writer_memory / shards.indexes.len()).max(MIN_WRITER_MEMORY);
    let writers: Vec<IndexWriter> = shards
        .indexes
        .iter()
        .map(|i| i.writer_with_num_threads(1, per_writer))
        .collect::<tantivy::Result<_>>()
        .map_err(map_lock_error)?;

    let log = SkipLog::default();
    let counters = Counters::default();
    let run = RunState { keywords: Mutex::new(DocFrequencies::load(&shards.gen_dir())?), ..RunState::default() };
    let mut ignored = 0;
    let mut root_entries: Vec<RootEntry> = shards.manifest.roots.clone();
    let mut walked_roots = Vec::new();
    // Step 1, read: parse every file, keep new and changed articles as duplicate records.
    for root in &roots {
        let root_str = root.to_string_lossy().to_string();
        progress.set_message(format!("reading {}", root.display()));
        let walked = walk(root, exclude.as_deref(), &log);
        ignored += walked.ignored;
        let sink = |article: Article| {
            read_article(article, &root_str, &shards, &existing, &writers, &run, &counters, &log);
            progress.inc(1);
        };
        walked.files.par_iter().for_each(|file| {
            read_articles(&file.path, &file.rel, file.format, opts.limits, &log, &sink);
        });
        progress.set_message(format!("removing vanished articles of {}", root.display()));
        delete_vanished(root, &root_str, &shards, &existing, &writers, &run, &log, &counters);
        root_entries.retain(|r| r.path != root_str);
        root_entries.push(RootEntry {
            path: root_str.clone(),
            documents: 0,
            indexed_at: chrono::Utc::now().to_rfc3339(),
        });
        walked_roots.push((root_str, walked.files));
    }
    if opts.strict && log.total() > 0 {
        return Err(Error::user(
            format!("{} files or records were skipped and --strict is set; nothing was written.", log.total()),
            "Fix the files named in the warnings, or run without --strict.",
        ));
    }
    // Step 2, dedup: mark the new records against the store in (date, id) order.
    progress.set_message("marking duplicate passages");
    let dedup_started = Instant::now();
    let gen_dir = shards.gen_dir();
    let mut store = DupStore::load(&gen_dir)?;
    let RunState { records, pending, removed, keywords, .. } = run;
    let keywords = keywords.into_inner().expect("keywords poisoned");
    let mut records = records.into_inner().expect("records poisoned");
    let pending = pending.into_inner().expect("pending poisoned");
    let mut remark = Vec::new();
    for id in removed.into_inner().expect("removed poisoned") {
        remark.extend(store.remove(&id));
    }
    for id in pending.keys() {
        remark.extend(store.remove(id));
    }
    remark.sort();
    remark.dedup();
    remark.retain(|id| !pending.contains_key(id));
    let mut remarked_articles = Vec::new();
    for id in &remark {
        store.remove(id);
        if let Some((article, root)) = fetch_article(&shards, id)? {
            records.push(analyze_article(&article));
            remarked_articles.push((article, root));
        }
    }
    records.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
    // Names: one canonical spelling per entity across the corpus; dominated surnames → full names.
    let mut dictionary = EntityDictionary::load(&gen_dir)?;
    for r in &records {
        dictionary.add(&r.analysis.entities);
    }
    for r in records.iter_mut() {
        dictionary.canonicalize(&mut r.analysis.entities);
    }
    dictionary.save(&gen_dir)?;
    let boilerplate = store.boilerplate(&records);
    let marks: Mutex<HashMap<String, Analysis>> = Mutex::new(
        records.into_iter().map(|r| (r.id.clone(), r)).map(|(id, r)| (id, store.mark(r, &boilerplate))).collect(),
    );
    let dedup_seconds = dedup_started.elapsed().as_secs_f64();
    // Step 3, write: read the files with new or changed articles again and add them with their marks.
    progress.set_message("writing shards");
    let quiet = SkipLog::quiet();
    for (root_str, files) in &walked_roots {
        let sink = |article: Article| {
            let Some(mut analysis) = take_marks(&marks, &pending, &article) else { return };
            add_keyphrases(&mut analysis, &article, &keywords);
            let shard = shards.shard_of(&article.id);
            if let Err(e) = writers[shard].add_document(to_document(&shards.fields, &article, &analysis, root_str)) {
                tracing::error!("could not index {}: {e}", article.id);
            }
        };
        files.par_iter().filter(|f| pending.values().any(|p| p.root == *root_str && p.path == f.rel)).for_each(
            |file| {
                read_articles(&file.path, &file.rel, file.format, opts.limits, &quiet, &sink);
            },
        );
    }
    for (article, root) in remarked_articles {
        let mut analysis = marks.lock().expect("marks poisoned").remove(&article.id).unwrap_or_default();
        add_keyphrases(&mut analysis, &article, &keywords);
        let shard = shards.shard_of(&article.id);
        writers[shard].delete_term(Term::from_field_text(shards.fields.id, &article.id));
        writers[shard].add_document(to_document(&shards.fields, &article, &analysis, &root))?;
    }
    let store_bytes = store.save(&gen_dir)?;
    keywords.save(&gen_dir)?;
    progress.set_message("committing shards");
    writers.into_par_iter().map(commit).collect::<Result<Vec<()>>>()?;
    let documents = count_documents(&shards, &mut root_entries)?;
    let mut manifest = shards.manifest.clone();
    manifest.documents = documents;
    manifest.roots = root_entries;
    manifest.newsdex_version = env!("CARGO_PKG_VERSION").into();
    manifest.save(&opts.index_dir)?;
    if let Some(g) = old_generation.filter(|g| *g != manifest.generation) {
        let _ = std::fs::remove_dir_all(opts.index_dir.join(format!("gen-{g}")));
    }
    let seconds = started.elapsed().as_secs_f64();
    let read = counters.read.load(Ordering::Relaxed);
    Ok(IndexSummary {
        documents,
        read,
        added: counters.added.load(Ordering::Relaxed),
        updated: counters.updated.load(Ordering::Relaxed),
        deleted: counters.deleted.load(Ordering::Relaxed),
        unchanged: counters.unchanged.load(Ordering::Relaxed),
        skipped: log.total() as u64,
        skipped_by_reason: log.counts(),
        ignored_files: ignored,
        decoded_cp1252: log.cp1252_files(),
        seconds,
        dedup_seconds,
        dedup_store_bytes: store_bytes,
        docs_per_sec: read as f64 / seconds.max(1e-9),
        shards: shards.indexes.len(),
        index: opts.index_dir.display().to_string(),
    })
}

/// What step 1 collects for steps 2 and 3.
#[derive(Default)]
struct RunState {
    /// Ids read in this run.
    seen: Mutex<HashSet<String>>,
    /// Duplicate records of new and changed articles.
    records: Mutex<Vec<DocRecord>>,
    /// New and changed articles: id → where they are and their content hash.
    pending: Mutex<HashMap<String, Pending>>,
    /// Ids deleted (vanished files).
    removed: Mutex<Vec<String>>,
    /// Document frequencies of keyphrase candidates, this run's new and changed articles added.
    keywords: Mutex<DocFrequencies>,
}

/// A new or changed article waiting to be written.
struct Pending {
    root: String,
    path: String,
    hash: u64,
}

/// Step 1 for one article: skip repeated ids and unchanged articles, delete the old version of
/// changed ones, and keep a duplicate record of the rest.
#[allow(clippy::too_many_arguments)]
fn read_article(
    article: Article,
    root: &str,
    shards: &ShardSet,
    existing: &[HashMap<String, Existing>],
    writers: &[IndexWriter],
    run: &RunState,
    counters: &Counters,
    log: &SkipLog,
) {
    if !run.seen.lock().expect("seen set poisoned").insert(article.id.clone()) {
        let path = Path::new(root).join(&article.path);
        let detail = format!("id {:?} was already used in this run", article.id);
        log.skip(match article.line {
            Some(l) => Skip::line(&path, l, SkipReason::DuplicateId, detail),
            None => Skip::file(&path, SkipReason::DuplicateId, detail),
        });
        return;
    }
    counters.read.fetch_add(1, Ordering::Relaxed);
    let shard = shards.shard_of(&article.id);
    let hash = article.content_hash();
    match existing[shard].get(&article.id) {
        Some(e) if e.hash == hash && e.root == root => {
            counters.unchanged.fetch_add(1, Ordering::Relaxed);
            return;
        }
        Some(_) => {
            writers[shard].delete_term(Term::from_field_text(shards.fields.id, &article.id));
            counters.updated.fetch_add(1, Ordering::Relaxed);
        }
        None => {
            counters.added.fetch_add(1, Ordering::Relaxed);
        }
    }
    let record = analyze_article(&article);
    let keys = candidate_keys(&article.title, &record.analysis.index_text(&article.body));
    run.keywords.lock().expect("keywords poisoned").add_document(&keys);
    let pending = Pending { root: root.to_string(), path: article.path.clone(), hash };
    run.pending.lock().expect("pending poisoned").insert(article.id, pending);
    run.records.lock().expect("records poisoned").push(record);
}

/// Everything analysis finds in one article on its own: passages, signatures, people, organisations.
fn analyze_article(article: &Article) -> DocRecord {
    let mut record = DocRecord::new(article);
    if let Some(tagger) = Tagger::builtin() {
        record.analysis.entities = extract_entities(tagger, article);
    }
    if let Some(model) = crate::analyze::topics::classifier::builtin() {
        record.analysis.topics = crate::analyze::topics::classify(model, &article.title, &article.body);
    }
    record
}

/// Step 3: the article's keyphrases against the corpus frequencies (names are facets already).
fn add_keyphrases(analysis: &mut Analysis, article: &Article, df: &DocFrequencies) {
    let names: Vec<String> =
        analysis.entities.people.iter().chain(&analysis.entities.orgs).map(|e| e.name.clone()).collect();
    analysis.keywords = keyphrases(&article.title, &analysis.index_text(&article.body), df, &names);
}

/// The marks of an article read again in step 3, once, and only if it is the version read in step 1.
fn take_marks(
    marks: &Mutex<HashMap<String, Analysis>>,
    pending: &HashMap<String, Pending>,
    a: &Article,
) -> Option<Analysis> {
    let p = pending.get(&a.id)?;
    if p.hash != a.content_hash() {
        tracing::warn!("{}: changed while indexing; run `newsdex index` again to pick up the change", a.path);
        return None;
    }
    marks.lock().expect("marks poisoned").remove(&a.id)
}

/// Deletes articles of `root` not seen in this run, unless their file was skipped (kept, not lost).
#[allow(clippy::too_many_arguments)]
fn delete_vanished(
    root: &Path,
    root_str: &str,
    shards: &ShardSet,
    existing: &[HashMap<String, Existing>],
    writers: &[IndexWriter],
    run: &RunState,
    log: &SkipLog,
    counters: &Counters,
) {
    let seen = run.seen.lock().expect("seen set poisoned");
    let skipped: HashSet<PathBuf> = log.skipped_files().into_iter().collect();
    for (shard, map) in existing.iter().enumerate() {
        for (id, e) in map {
            if e.root == root_str && !seen.contains(id) && !skipped.contains(&root.join(&e.path)) {
                writers[shard].delete_term(Term::from_field_text(shards.fields.id, id));
                run.removed.lock().expect("removed poisoned").push(id.clone());
                counters.deleted.fetch_add(1, Ordering::Relaxed);
            }
        }
    }
}

fn commit(mut writer: IndexWriter) -> Result<()> {
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&format!("newsdex {}", env!("CARGO_PKG_VERSION")));
    prepared.commit()?;
    writer.wait_merging_threads()?;
    Ok(())
}

/// Counts documents per shard and per root after the commit.
fn count_documents(shards: &ShardSet, roots: &mut [RootEntry]) -> Result<u64> {
    let mut total = 0;
    for index in &shards.indexes {
        let searcher = index.reader()?.searcher();
        total += searcher.num_docs();
        for r in roots.iter_mut() {
            let term = Term::from_field_text(shards.fields.root, &r.path);
            r.documents += searcher.doc_freq(&term)?;
        }
    }
    Ok(total)
}

fn canonical_root(root: &Path) -> Result<PathBuf> {
    match root.canonicalize() {
        Ok(p) if p.is_dir() => Ok(p),
        Ok(_) => Err(Error::user(
            format!("{} is not a folder.", root.display()),
            "Pass a folder of articles to `newsdex index`.",
        )),
        Err(_) => {
            Err(Error::user(format!("The folder {} does not exist.", root.display()), "Check the path and try again."))
        }
    }
}

fn map_lock_error(e: tantivy::TantivyError) -> Error {
    match e {
        tantivy::TantivyError::LockFailure(..) => Error::user(
            "The index is being written by another process.".to_string(),
            "Wait for that `newsdex index` run to finish, then try again.",
        ),
        other => other.into(),
    }
}
