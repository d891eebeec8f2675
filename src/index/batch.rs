//! One batch of an indexing run: analyse the articles in parallel, mark their duplicates against
//! the store in (date, id) order, and write them with their keyphrases — so a run holds one batch
//! of articles in memory however large the corpus is.

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

/// Analyses, marks and writes one batch of new or changed articles; returns the seconds spent
/// marking duplicates (the sequential part).
pub fn write_batch(
    batch: Vec<Pending>,
    shards: &ShardSet,
    writers: &[IndexWriter],
    stores: &mut RunStores,
) -> Result<f64> {
    let mut analysed: Vec<(Pending, DocRecord, Vec<u64>)> = batch
        .into_par_iter()
        .map(|p| {
            let record = analyze_article(&p.article);
            let keys = keyphrase_keys(&p.article, &record);
            (p, record, keys)
        })
        .collect();
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
