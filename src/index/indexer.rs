//! The indexing run: walk → read → analyze → route to shards → commit, incrementally.

use super::batch::{write_article, BatchPipeline, Pending, RunStores, DEFAULT_BATCH};
use super::existing::fetch_article;
use super::existing::{load_existing, Existing};
use super::lock::WriteLock;
use super::manifest::{Manifest, RootEntry, MANIFEST_FILE};
use super::progress::Progress;
use super::shards::{remove_stale_generations, ShardSet};
use super::side_files::{load_corpus, save_corpus};
use crate::analyze::corpus::{analyze_article, CorpusState};
use crate::error::{Error, Result};
use crate::ingest::{read_articles, walk, Article, ReadLimits, Skip, SkipLog, SkipReason};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;
use tantivy::{IndexWriter, Term};

/// Indexing memory budget shared by all shard writers.
pub const DEFAULT_WRITER_MEMORY: usize = 256 << 20;
/// Articles read ahead of the batch being filled.
const READ_AHEAD: usize = 1_000;
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
    /// Articles analysed, marked and written together.
    pub batch: usize,
    /// Where a long-running process keeps the corpus state between its runs (`None`: loaded
    /// from the generation's side files and freed as soon as the run no longer needs it).
    pub corpus_cache: Option<std::sync::Arc<super::CorpusCache>>,
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
            batch: DEFAULT_BATCH,
            corpus_cache: None,
        }
    }
}

/// The summary of a run, printed as one line or as JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndexSummary {
    /// Articles in the index after the run.
    pub articles: u64,
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
    /// Files seen in the folders, in all.
    pub files_seen: usize,
    /// Files not read for their format (each named in a warning).
    pub ignored_files: usize,
    /// Those per reason: `unknown_format` (an extension newsdex does not read), `binary`.
    pub ignored_by_reason: BTreeMap<String, usize>,
    /// Files decoded as Windows-1252.
    pub decoded_cp1252: usize,
    /// Per input format read in this run (`text`, `csv`, `warc`, `zip`, …): files, bytes and
    /// articles (an archive's articles count under the archive's format).
    pub formats: BTreeMap<String, FormatCount>,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// Seconds of the duplicate-marking step (sequential part).
    pub dedup_seconds: f64,
    /// Bytes of the stored duplicate signatures.
    pub dedup_store_bytes: u64,
    /// Articles written again because the corpus now names one of their people or
    /// organisations otherwise (a surname whose full name became known later in the run).
    pub names_updated: usize,
    /// Articles written (added or updated) per second of the run; 0 when nothing changed.
    pub docs_per_sec: f64,
    /// Number of shards.
    pub shards: usize,
    /// The index folder.
    pub index: String,
}

/// What one input format gave in a run.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FormatCount {
    /// Files of this format read.
    pub files: usize,
    /// Their bytes on disk.
    pub bytes: u64,
    /// Articles read from them.
    pub articles: usize,
    /// Records passed over as no articles (a WARC's requests, metadata, images).
    pub other_records: usize,
}

#[derive(Default)]
struct Counters {
    read: AtomicU64,
    added: AtomicU64,
    updated: AtomicU64,
    unchanged: AtomicU64,
    deleted: AtomicU64,
}

/// Below this many free bytes on the index's disk, a failed run is reported as a full disk.
const DISK_FULL_BYTES: u64 = 1 << 20;

/// Runs one indexing job and commits it; the previous commit stays searchable until then. A
/// run that fails leaves the index as it was: the generation it was writing is removed (so a
/// full disk gets its space back), and a full disk is said as such.
pub fn run_index(opts: &IndexOptions, progress: &dyn Progress) -> Result<IndexSummary> {
    let _lock = WriteLock::acquire(&opts.index_dir).map_err(|e| e.or_not_writable(&opts.index_dir))?;
    let result = run_locked(opts, progress);
    let Err(e) = result else { return result };
    let full = is_disk_full(&e, &opts.index_dir);
    // Only generations that no manifest names: never any when the manifest cannot be read.
    let manifest = opts.index_dir.join(MANIFEST_FILE);
    match Manifest::load(&opts.index_dir) {
        Ok(m) => remove_stale_generations(&opts.index_dir, m.generation),
        Err(_) if !manifest.exists() => remove_stale_generations(&opts.index_dir, 0),
        Err(_) => {}
    }
    Err(if full { Error::DiskFull { path: opts.index_dir.clone() } } else { e.or_not_writable(&opts.index_dir) })
}

/// True when an error comes from a full disk: an I/O error "no space left" in its chain, or
/// (tantivy's writer threads report only that they died) hardly any space left on the disk.
fn is_disk_full(e: &Error, dir: &Path) -> bool {
    e.io_kind() == Some(std::io::ErrorKind::StorageFull)
        || rustix::fs::statvfs(dir).is_ok_and(|v| v.f_bavail.saturating_mul(v.f_frsize) < DISK_FULL_BYTES)
}

fn run_locked(opts: &IndexOptions, progress: &dyn Progress) -> Result<IndexSummary> {
    let started = Instant::now();
    crate::analyze::preload_models();
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
        .map_err(|e| map_lock_error(e, &opts.index_dir))?;

    let log = SkipLog::default();
    let counters = Counters::default();
    let gen_dir = shards.gen_dir();
    let cached = opts.corpus_cache.as_ref().zip(old_generation).and_then(|(c, g)| c.take(g)).filter(|_| !opts.rebuild);
    let corpus = match cached {
        Some(state) => state,
        None => load_corpus(&gen_dir)?,
    };
    let mut stores = RunStores { corpus, remark: Vec::new() };
    let mut seen: HashSet<String> = HashSet::new();
    // Ids written in this run (as xxh3 hashes: only used to skip re-marking them).
    let mut written: HashSet<u64> = HashSet::new();
    let mut removed: Vec<String> = Vec::new();
    let mut dedup_seconds = 0.0;
    let mut ignored: BTreeMap<String, usize> = BTreeMap::new();
    let mut files_seen = 0;
    let mut formats: BTreeMap<String, FormatCount> = BTreeMap::new();
    let mut root_entries: Vec<RootEntry> = shards.manifest.roots.clone();
    // Read each root's files in order on one thread; analyse, mark and write them in batches.
    for root in &roots {
        let root_str = root.to_string_lossy().to_string();
        let root_name = Manifest::root_name(&root_entries, root);
        root_entries.retain(|r| r.path != root_str);
        root_entries.push(RootEntry {
            path: root_str.clone(),
            name: root_name.clone(),
            articles: 0,
            indexed_at: chrono::Utc::now().to_rfc3339(),
        });
        progress.step(&format!("walking {}", root.display()));
        let walked = walk(root, exclude.as_deref(), &log);
        files_seen += walked.seen;
        for (reason, n) in &walked.ignored {
            *ignored.entry(reason.clone()).or_default() += n;
        }
        progress.total_bytes(walked.files.iter().map(|f| f.bytes).sum());
        progress.step(&format!("reading and analysing {}", root.display()));
        let (tx, rx) = std::sync::mpsc::sync_channel::<Article>(READ_AHEAD);
        std::thread::scope(|scope| -> Result<()> {
            let files = &walked.files;
            let log = &log;
            let root_name = root_name.as_str();
            let formats = &mut formats;
            let ignored = &mut ignored;
            // A large stack: the WARC reader skips records through a 1 MiB buffer of its own.
            let reader = std::thread::Builder::new().stack_size(16 << 20).spawn_scoped(scope, move || {
                let sink = |a: Article| {
                    let _ = tx.send(a);
                };
                for file in files {
                    let read = read_articles(&file.path, &file.rel, root_name, file.format, opts.limits, log, &sink);
                    let count = formats.entry(file.format.name().to_string()).or_default();
                    count.files += 1;
                    count.bytes += file.bytes;
                    count.articles += read.articles;
                    count.other_records += read.other_records;
                    for (reason, n) in read.ignored {
                        *ignored.entry(reason).or_default() += n;
                    }
                    progress.read_bytes(file.bytes);
                }
            });
            if let Err(e) = reader {
                return Err(Error::Io { path: root.clone(), source: e });
            }
            // Batches go to a thread of their own, so the next one is read while one is analysed
            // and the one before it marked and written.
            let (batch_tx, batch_rx) = std::sync::mpsc::sync_channel::<Vec<Pending>>(0);
            let (shards, writers, stores) = (&shards, &writers, &mut stores);
            let processor = scope.spawn(move || -> Result<f64> {
                let mut pipeline = BatchPipeline::new(shards, writers);
                for batch in batch_rx {
                    pipeline.push(batch, stores)?;
                    fail::fail_point!("index:after_batch");
                }
                pipeline.finish(stores)?;
                fail::fail_point!("index:after_batch");
                Ok(pipeline.dedup_seconds)
            });
            let mut batch = Vec::with_capacity(opts.batch);
            for article in rx {
                if let Some(p) = admit(article, &root_str, shards, &existing, writers, &mut seen, &counters, log) {
                    written.insert(xxhash_rust::xxh3::xxh3_64(p.article.id.as_bytes()));
                    batch.push(p);
                }
                if batch.len() >= opts.batch {
                    progress.articles(batch.len() as u64);
                    // A closed channel means the processor stopped on an error, returned below.
                    if batch_tx.send(std::mem::replace(&mut batch, Vec::with_capacity(opts.batch))).is_err() {
                        break;
                    }
                }
            }
            progress.articles(batch.len() as u64);
            let _ = batch_tx.send(batch);
            drop(batch_tx);
            dedup_seconds += processor.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
            Ok(())
        })?;
        if opts.strict && log.total() > 0 {
            // The warnings are the point of --strict: listed here too, for runs that hide them (-q).
            let more = log.total().saturating_sub(log.messages().len());
            let more = if more > 0 { format!("\n  … and {more} more") } else { String::new() };
            return Err(Error::user(
                format!(
                    "{} files or records were skipped and --strict is set; nothing was written:\n  {}{more}\n",
                    log.total(),
                    log.messages().join("\n  ")
                ),
                "Fix the files named above, or run without --strict.",
            ));
        }
        progress.step(&format!("removing vanished articles of {}", root.display()));
        removed.extend(delete_vanished(root, &root_str, &shards, &existing, &writers, &seen, &log, &counters));
    }
    // Articles whose marks pointed to removed or replaced ones are marked again.
    progress.step("re-marking articles whose originals changed");
    for id in &removed {
        stores.remark.extend(stores.corpus.dups.remove(id));
    }
    let mut remark = std::mem::take(&mut stores.remark);
    remark.sort();
    remark.dedup();
    // Articles written earlier in this run whose original a later batch replaced: their new
    // version is only readable once committed, so they are marked again after the first commit.
    let (written_again, remark): (Vec<String>, Vec<String>) =
        remark.into_iter().partition(|id| written.contains(&xxhash_rust::xxh3::xxh3_64(id.as_bytes())));
    remark_again(&remark, &shards, &writers, &mut stores.corpus)?;
    let mut store_bytes = save_corpus(&stores.corpus, &gen_dir)?;
    // The commit flushes and merges segments: free the run's tables first (the names and
    // keyphrase frequencies stay, for rewriting names written before the corpus knew better;
    // the duplicate store only when articles of this run are to be marked again).
    drop((stores.remark, seen, written, existing));
    let mut corpus = stores.corpus;
    let keep = opts.corpus_cache.is_some();
    if written_again.is_empty() && !keep {
        corpus.dups = Default::default();
    }
    progress.step("committing shards");
    let mut writers = writers;
    writers.par_iter_mut().map(commit).collect::<Result<Vec<()>>>()?;
    if !written_again.is_empty() {
        progress.step("re-marking articles whose originals changed later in this run");
        remark_again(&written_again, &shards, &writers, &mut corpus)?;
        store_bytes = save_corpus(&corpus, &gen_dir)?;
    }
    if !keep {
        corpus.dups = Default::default();
    }
    progress.step("rewriting names the corpus now gives otherwise");
    let rewritten: HashSet<String> = written_again.into_iter().collect();
    let names_updated = super::recanonical::rewrite_stale_names(&shards, &writers, &corpus, &rewritten)?;
    let corpus = keep.then_some(corpus);
    writers
        .into_par_iter()
        .map(|mut w| {
            if !rewritten.is_empty() || names_updated > 0 {
                commit(&mut w)?;
            }
            w.wait_merging_threads().map_err(Error::from)
        })
        .collect::<Result<Vec<()>>>()?;
    let articles = count_documents(&shards, &mut root_entries)?;
    let mut manifest = shards.manifest.clone();
    manifest.articles = articles;
    manifest.roots = root_entries;
    manifest.newsdex_version = env!("CARGO_PKG_VERSION").into();
    manifest.save(&opts.index_dir)?;
    if let Some((cache, corpus)) = opts.corpus_cache.as_ref().zip(corpus) {
        cache.put(manifest.generation, corpus);
    }
    fail::fail_point!("index:after_manifest_swap");
    if let Some(g) = old_generation.filter(|g| *g != manifest.generation) {
        let _ = std::fs::remove_dir_all(opts.index_dir.join(format!("gen-{g}")));
    }
    let seconds = started.elapsed().as_secs_f64();
    let read = counters.read.load(Ordering::Relaxed);
    let (added, updated) = (counters.added.load(Ordering::Relaxed), counters.updated.load(Ordering::Relaxed));
    Ok(IndexSummary {
        articles,
        read,
        added,
        updated,
        deleted: counters.deleted.load(Ordering::Relaxed),
        unchanged: counters.unchanged.load(Ordering::Relaxed),
        skipped: log.total() as u64,
        skipped_by_reason: log.counts(),
        files_seen,
        ignored_files: ignored.values().sum(),
        ignored_by_reason: ignored,
        decoded_cp1252: log.cp1252_files(),
        formats,
        seconds,
        dedup_seconds,
        dedup_store_bytes: store_bytes,
        names_updated,
        docs_per_sec: (added + updated) as f64 / seconds.max(1e-9),
        shards: shards.indexes.len(),
        index: opts.index_dir.display().to_string(),
    })
}

/// Marks the committed articles `ids` again against the store (their marks pointed to
/// articles removed or replaced since) and writes them anew.
fn remark_again(ids: &[String], shards: &ShardSet, writers: &[IndexWriter], corpus: &mut CorpusState) -> Result<()> {
    let mut again = Vec::new();
    let mut old = Vec::new();
    for id in ids {
        old.extend(corpus.dups.remove_for_remark(id).map(|o| (id.clone(), o)));
        if let Some((article, root)) = fetch_article(shards, id)? {
            again.push((analyze_article(&article), article, root));
        }
    }
    again.sort_by(|a, b| a.0.order_key().cmp(&b.0.order_key()));
    let (records, rest): (Vec<_>, Vec<_>) = again.into_iter().map(|(r, a, root)| (r, (a, root))).unzip();
    for (analysis, (article, root)) in corpus.mark(records).into_iter().zip(rest) {
        writers[shards.shard_of(&article.id)].delete_term(Term::from_field_text(shards.fields.id, &article.id));
        write_article(&article, analysis, &root, corpus, shards, writers)?;
    }
    corpus.dups.carry_refs(&old);
    Ok(())
}

/// Decides what to do with an article read: skip repeated ids and unchanged articles, delete the
/// old version of changed ones, and return the rest to be written.
#[allow(clippy::too_many_arguments)]
fn admit(
    article: Article,
    root: &str,
    shards: &ShardSet,
    existing: &[HashMap<String, Existing>],
    writers: &[IndexWriter],
    seen: &mut HashSet<String>,
    counters: &Counters,
    log: &SkipLog,
) -> Option<Pending> {
    if !seen.insert(article.id.clone()) {
        skip_duplicate_id(log, root, &article, format!("id {:?} was already used in this run", article.id));
        return None;
    }
    let shard = shards.shard_of(&article.id);
    if let Some(other) = existing[shard].get(&article.id).filter(|e| e.root != root) {
        // An id of its own that an article of another folder already has: never replace it.
        let detail = format!(
            "id {:?} is already used by {}/{}; give this article another id",
            article.id, other.root, other.path
        );
        skip_duplicate_id(log, root, &article, detail);
        return None;
    }
    counters.read.fetch_add(1, Ordering::Relaxed);
    let replaces = match existing[shard].get(&article.id) {
        Some(e) if e.hash == article.content_hash() && e.root == root => {
            counters.unchanged.fetch_add(1, Ordering::Relaxed);
            return None;
        }
        Some(_) => {
            writers[shard].delete_term(Term::from_field_text(shards.fields.id, &article.id));
            counters.updated.fetch_add(1, Ordering::Relaxed);
            true
        }
        None => {
            counters.added.fetch_add(1, Ordering::Relaxed);
            false
        }
    };
    Some(Pending { article, root: root.to_string(), replaces })
}

/// Logs an article skipped because its id is taken, with its file (and line).
fn skip_duplicate_id(log: &SkipLog, root: &str, article: &Article, detail: String) {
    let path = Path::new(root).join(&article.path);
    log.skip(match article.line {
        Some(l) => Skip::line(&path, l, SkipReason::DuplicateId, detail),
        None => Skip::file(&path, SkipReason::DuplicateId, detail),
    });
}

/// Deletes articles of `root` not seen in this run, unless their file was skipped (kept, not lost).
#[allow(clippy::too_many_arguments)]
fn delete_vanished(
    root: &Path,
    root_str: &str,
    shards: &ShardSet,
    existing: &[HashMap<String, Existing>],
    writers: &[IndexWriter],
    seen: &HashSet<String>,
    log: &SkipLog,
    counters: &Counters,
) -> Vec<String> {
    let skipped: HashSet<PathBuf> = log.skipped_files().into_iter().collect();
    let mut removed = Vec::new();
    for (shard, map) in existing.iter().enumerate() {
        for (id, e) in map {
            if e.root == root_str && !seen.contains(id) && !skipped.contains(&root.join(&e.path)) {
                writers[shard].delete_term(Term::from_field_text(shards.fields.id, id));
                removed.push(id.clone());
                counters.deleted.fetch_add(1, Ordering::Relaxed);
            }
        }
    }
    removed
}

fn commit(writer: &mut IndexWriter) -> Result<()> {
    fail::fail_point!("index:before_shard_commit");
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&format!("newsdex {}", env!("CARGO_PKG_VERSION")));
    prepared.commit()?;
    fail::fail_point!("index:after_shard_commit");
    Ok(())
}

/// Counts documents per shard and per root after the commit.
fn count_documents(shards: &ShardSet, roots: &mut [RootEntry]) -> Result<u64> {
    let mut total = 0;
    roots.iter_mut().for_each(|r| r.articles = 0);
    for index in &shards.indexes {
        let searcher = index.reader()?.searcher();
        total += searcher.num_docs();
        for r in roots.iter_mut() {
            // A count of live articles: the term's document frequency would count deleted ones too.
            let term = Term::from_field_text(shards.fields.root, &r.path);
            let q = tantivy::query::TermQuery::new(term, tantivy::schema::IndexRecordOption::Basic);
            r.articles += searcher.search(&q, &tantivy::collector::Count)? as u64;
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

fn map_lock_error(e: tantivy::TantivyError, dir: &Path) -> Error {
    match e {
        tantivy::TantivyError::LockFailure(..) => Error::IndexLocked { path: dir.to_path_buf() },
        other => other.into(),
    }
}
