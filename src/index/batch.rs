//! One batch of an indexing run: analyse the articles in parallel, mark their duplicates against
//! the store in (date, id) order, and write them with their keyphrases — so a run holds three
//! batches of articles in memory (one read while the next is analysed and the one before it
//! marked and written) however large the corpus is.

use super::document::to_document;
use super::shards::ShardSet;
use crate::analyze::corpus::{analyze_article, keyphrase_keys, CorpusState};
use crate::analyze::dedup::DocRecord;
use crate::analyze::Analysis;
use crate::error::Result;
use crate::ingest::Article;
use rayon::prelude::*;
use tantivy::IndexWriter;

/// Articles analysed, marked and written together.
pub const DEFAULT_BATCH: usize = 10_000;

/// What every batch of a run reads and updates.
pub struct RunStores {
    /// The state of the whole index that new articles are marked against.
    pub corpus: CorpusState,
    /// Ids whose marks pointed to articles removed or replaced in this run (to be re-marked).
    pub remark: Vec<String>,
}

/// An article to write, with the root it was read from.
pub struct Pending {
    /// The article.
    pub article: Article,
    /// Its root folder.
    pub root: String,
    /// True when an older version is in the index (its duplicate marks are dropped first).
    pub replaces: bool,
}

/// A batch analysed on its own (nothing shared touched yet), waiting to be marked and written.
pub struct Analysed {
    /// Each article with its record and its keyphrase candidates' keys.
    items: Vec<(Pending, DocRecord, Vec<u64>)>,
}

/// Analyses a batch in parallel: everything an article holds on its own.
pub fn analyse_batch(batch: Vec<Pending>) -> Analysed {
    let items = batch
        .into_par_iter()
        .map(|p| {
            let record = analyze_article(&p.article);
            let keys = keyphrase_keys(&p.article, &record);
            (p, record, keys)
        })
        .collect();
    Analysed { items }
}

/// Counts an analysed batch into the corpus, marks its duplicates against the store in (date, id)
/// order and writes it with its keyphrases; returns the seconds spent marking (the sequential
/// part).
pub fn mark_and_write(
    analysed: Analysed,
    shards: &ShardSet,
    writers: &[IndexWriter],
    stores: &mut RunStores,
) -> Result<f64> {
    let mut analysed = analysed.items;
    for (p, _, keys) in &analysed {
        stores.corpus.keywords.add_document(keys);
        if p.replaces {
            stores.remark.extend(stores.corpus.dups.remove(&p.article.id));
        }
    }
    analysed.sort_by(|a, b| a.1.order_key().cmp(&b.1.order_key()));
    let mut records = Vec::with_capacity(analysed.len());
    let mut pending = Vec::with_capacity(analysed.len());
    for (p, r, _) in analysed {
        records.push(r);
        pending.push(p);
    }
    let started = std::time::Instant::now();
    let marked = stores.corpus.mark(records);
    let seconds = started.elapsed().as_secs_f64();
    let corpus = &stores.corpus;
    pending
        .into_par_iter()
        .zip(marked)
        .try_for_each(|(p, analysis)| write_article(&p.article, analysis, &p.root, corpus, shards, writers))?;
    Ok(seconds)
}

/// Batches in flight: while one batch is marked and written (marking is sequential), the next
/// is analysed on the other cores. Every batch is marked and written after the one before it, so
/// the index is the same as one batch at a time would make it.
pub struct BatchPipeline<'a> {
    shards: &'a ShardSet,
    writers: &'a [IndexWriter],
    /// The batch analysed last, not yet marked.
    waiting: Option<Analysed>,
    /// Seconds spent marking duplicates so far.
    pub dedup_seconds: f64,
}

impl<'a> BatchPipeline<'a> {
    /// An empty pipeline writing to `writers`.
    pub fn new(shards: &'a ShardSet, writers: &'a [IndexWriter]) -> Self {
        BatchPipeline { shards, writers, waiting: None, dedup_seconds: 0.0 }
    }

    /// Analyses `batch` while the batch before it is marked and written.
    pub fn push(&mut self, batch: Vec<Pending>, stores: &mut RunStores) -> Result<()> {
        let (shards, writers) = (self.shards, self.writers);
        let waiting = self.waiting.take();
        let (analysed, written) = rayon::join(
            || analyse_batch(batch),
            || waiting.map_or(Ok(0.0), |w| mark_and_write(w, shards, writers, stores)),
        );
        self.dedup_seconds += written?;
        self.waiting = Some(analysed);
        Ok(())
    }

    /// Marks and writes the last batch.
    pub fn finish(&mut self, stores: &mut RunStores) -> Result<()> {
        if let Some(w) = self.waiting.take() {
            self.dedup_seconds += mark_and_write(w, self.shards, self.writers, stores)?;
        }
        Ok(())
    }
}

/// Adds the article's keyphrases to its marked analysis and writes it to its shard.
pub fn write_article(
    article: &Article,
    mut analysis: Analysis,
    root: &str,
    corpus: &CorpusState,
    shards: &ShardSet,
    writers: &[IndexWriter],
) -> Result<()> {
    corpus.add_keyphrases(&mut analysis, article);
    writers[shards.shard_of(&article.id)].add_document(to_document(&shards.fields, article, &analysis, root))?;
    Ok(())
}
