//! One batch of an indexing run: analyse the articles in parallel, mark their duplicates against
//! the store in (date, id) order, and write them with their keyphrases — so a run holds one batch
//! of articles in memory however large the corpus is.

use super::document::to_document;
use super::shards::ShardSet;
use crate::analyze::dedup::{DocRecord, DupStore};
use crate::analyze::entities::article_entities::extract as extract_entities;
use crate::analyze::entities::dictionary::EntityDictionary;
use crate::analyze::entities::Tagger;
use crate::analyze::keywords::{candidate_keys, keyphrases, DocFrequencies};
use crate::analyze::Analysis;
use crate::error::Result;
use crate::ingest::Article;
use rayon::prelude::*;
use tantivy::IndexWriter;

/// Articles analysed, marked and written together.
pub const DEFAULT_BATCH: usize = 10_000;

/// What every batch of a run reads and updates.
pub struct RunStores {
    /// Exact and near-duplicate passages of the index.
    pub dups: DupStore,
    /// Canonical names across the corpus.
    pub dictionary: EntityDictionary,
    /// Document frequencies of keyphrase candidates.
    pub keywords: DocFrequencies,
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
            let keys = candidate_keys(&p.article.title, &record.analysis.index_text(&p.article.body));
            (p, record, keys)
        })
        .collect();
    for (p, _, keys) in &analysed {
        stores.keywords.add_document(keys);
        if p.replaces {
            stores.remark.extend(stores.dups.remove(&p.article.id));
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
    let marked = mark(records, stores);
    let seconds = started.elapsed().as_secs_f64();
    let keywords = &stores.keywords;
    pending
        .into_par_iter()
        .zip(marked)
        .try_for_each(|(p, analysis)| write_article(&p.article, analysis, &p.root, keywords, shards, writers))?;
    Ok(seconds)
}

/// Adds the article's keyphrases to its marked analysis and writes it to its shard.
pub fn write_article(
    article: &Article,
    mut analysis: Analysis,
    root: &str,
    keywords: &DocFrequencies,
    shards: &ShardSet,
    writers: &[IndexWriter],
) -> Result<()> {
    add_keyphrases(&mut analysis, article, keywords);
    writers[shards.shard_of(&article.id)].add_document(to_document(&shards.fields, article, &analysis, root))?;
    Ok(())
}

/// Names made canonical across the corpus, then duplicate marks, for records in (date, id) order.
pub fn mark(mut records: Vec<DocRecord>, stores: &mut RunStores) -> Vec<Analysis> {
    for r in &records {
        stores.dictionary.add(&r.analysis.entities);
    }
    for r in records.iter_mut() {
        stores.dictionary.canonicalize(&mut r.analysis.entities);
    }
    let boilerplate = stores.dups.boilerplate(&records);
    records.into_iter().map(|r| stores.dups.mark(r, &boilerplate)).collect()
}

/// Everything analysis finds in one article on its own: passages, signatures, people,
/// organisations, topics.
pub fn analyze_article(article: &Article) -> DocRecord {
    let mut record = DocRecord::new(article);
    if let Some(tagger) = Tagger::builtin() {
        record.analysis.entities = extract_entities(tagger, article);
    }
    if let Some(model) = crate::analyze::topics::classifier::builtin() {
        record.analysis.topics = crate::analyze::topics::classify(model, &article.title, &article.body);
    }
    record
}

/// The article's keyphrases against the corpus frequencies (names are facets already).
fn add_keyphrases(analysis: &mut Analysis, article: &Article, df: &DocFrequencies) {
    let names: Vec<String> =
        analysis.entities.people.iter().chain(&analysis.entities.orgs).map(|e| e.name.clone()).collect();
    analysis.keywords = keyphrases(&article.title, &analysis.index_text(&article.body), df, &names);
}
