//! Analysis in one place. [`analyze_article`] finds everything an article holds on its own
//! (passages and their signatures, intra-article repeats, people, organisations, topics);
//! [`CorpusState`] then marks a batch of them against everything indexed before (canonical
//! names, duplicate passages, boilerplate, story clusters) and adds keyphrases scored against
//! the corpus. The index only encodes and writes what comes out.

use super::dedup::{DocRecord, DupStore};
use super::entities::article_entities::extract as extract_entities;
use super::entities::dictionary::EntityDictionary;
use super::entities::Tagger;
use super::keywords::{candidates, keyphrases_of, uncount, Candidate, DocFrequencies};
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

/// An article's keyphrase candidates, read once when it is analysed: their keys are counted into
/// the corpus frequencies, and they are scored when it is written unless marking changed the
/// text it indexes (a passage found to be boilerplate).
#[derive(Debug, Default)]
pub struct KeyphraseCandidates {
    /// The passages (start, end) of the text they were read from.
    read_from: Vec<(usize, usize)>,
    list: Vec<Candidate>,
}

impl KeyphraseCandidates {
    /// The candidates of the headline and the text an analysed article indexes.
    pub fn of(article: &Article, record: &DocRecord) -> Self {
        let analysis = &record.analysis;
        KeyphraseCandidates {
            read_from: analysis.indexed_passages().map(|p| (p.start, p.end)).collect(),
            list: candidates(&article.title, &analysis.index_text(&article.body)),
        }
    }

    /// The candidates of the text `analysis` indexes now: those read, less the occurrences in
    /// passages marking has left out since (boilerplate); `None` if it indexes a passage they
    /// were not read from.
    fn for_text_of(self, analysis: &Analysis, body: &str) -> Option<Vec<Candidate>> {
        let now: Vec<(usize, usize)> = analysis.indexed_passages().map(|p| (p.start, p.end)).collect();
        if now.iter().any(|p| self.read_from.binary_search(p).is_err()) {
            return None;
        }
        let mut list = self.list;
        for &(start, end) in self.read_from.iter().filter(|p| now.binary_search(p).is_err()) {
            uncount(&mut list, &body[start..end]);
        }
        Some(list)
    }

    /// Their distinct document-frequency keys.
    pub fn keys(&self) -> Vec<u64> {
        let mut keys: Vec<u64> = self.list.iter().map(Candidate::key).collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    }
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

    /// The article's keyphrases against the corpus frequencies (names are facets already), from
    /// the candidates read when it was analysed when they were read from the text it indexes.
    pub fn add_keyphrases(&self, analysis: &mut Analysis, article: &Article, read: Option<KeyphraseCandidates>) {
        let names: Vec<String> =
            analysis.entities.people.iter().chain(&analysis.entities.orgs).map(|e| e.name.clone()).collect();
        let list = match read {
            Some(read) => read.for_text_of(analysis, &article.body),
            None => None,
        };
        let list = list.unwrap_or_else(|| candidates(&article.title, &analysis.index_text(&article.body)));
        analysis.keywords = keyphrases_of(list, &self.keywords, &names);
    }
}
