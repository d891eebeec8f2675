//! Analysis in one place. [`analyze_article`] finds everything an article holds on its own
//! (passages and their signatures, intra-article repeats, people, organisations, topics);
//! [`CorpusState`] then marks a batch of them against everything indexed before (canonical
//! names, duplicate passages, boilerplate, story clusters) and adds keyphrases scored against
//! the corpus. The index only encodes and writes what comes out.

use super::dedup::{DocRecord, DupStore};
use super::entities::article_entities::extract as extract_entities;
use super::entities::dictionary::EntityDictionary;
use super::entities::Tagger;
use super::keywords::{candidate_keys, keyphrases, DocFrequencies};
use super::Analysis;
use crate::ingest::Article;

/// Everything analysis finds in one article on its own: passages, signatures, people,
/// organisations, topics.
pub fn analyze_article(article: &Article) -> DocRecord {
    let mut record = DocRecord::new(article);
    if let Some(tagger) = Tagger::builtin() {
        record.analysis.entities = extract_entities(tagger, article);
    }
    if let Some(model) = super::topics::classifier::builtin() {
        record.analysis.topics = super::topics::classify(model, &article.title, &article.body);
    }
    record
}

/// The keyphrase candidates of an analysed article, counted into the corpus frequencies.
pub fn keyphrase_keys(article: &Article, record: &DocRecord) -> Vec<u64> {
    candidate_keys(&article.title, &record.analysis.index_text(&article.body))
}

/// What new articles are marked against: the state of the whole index.
#[derive(Debug, Default)]
pub struct CorpusState {
    /// Exact and near-duplicate passages, clusters.
    pub dups: DupStore,
    /// Canonical names.
    pub dictionary: EntityDictionary,
    /// Document frequencies of keyphrase candidates.
    pub keywords: DocFrequencies,
}

impl CorpusState {
    /// Names made canonical across the corpus, then duplicate marks, for records in (date, id)
    /// order; each record is stored so that later ones are marked against it.
    pub fn mark(&mut self, mut records: Vec<DocRecord>) -> Vec<Analysis> {
        for r in &records {
            self.dictionary.add(&r.analysis.entities);
        }
        for r in records.iter_mut() {
            self.dictionary.canonicalize(&mut r.analysis.entities);
        }
        let boilerplate = self.dups.boilerplate(&records);
        records.into_iter().map(|r| self.dups.mark(r, &boilerplate)).collect()
    }

    /// The article's keyphrases against the corpus frequencies (names are facets already).
    pub fn add_keyphrases(&self, analysis: &mut Analysis, article: &Article) {
        let names: Vec<String> =
            analysis.entities.people.iter().chain(&analysis.entities.orgs).map(|e| e.name.clone()).collect();
        analysis.keywords = keyphrases(&article.title, &analysis.index_text(&article.body), &self.keywords, &names);
    }
}
