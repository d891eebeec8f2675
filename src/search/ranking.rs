//! Ranking: BM25 over title and body, plus the salience of the people and organisations the
//! query names (weighted by their prior) and a constant for the themes its words name.

use super::news_index::NewsIndex;
use super::request::{Rank, SearchRequest};
use crate::error::Result;
use crate::index::document::{entity_term, Salience};
use rayon::prelude::*;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{Searcher, Term};

/// Scores the entity ranking adds for an entity the query names, per salience feature of the
/// article ([`Salience`]: named, headline, lead, mentioned twice, mentioned four times), times
/// the entity's prior. Tuned on the Reuters-21578 people/organisation judgments
/// (docs/design.md): a large weight for "named at all" makes articles about the entity outrank
/// articles that only share its word; the other features order those articles.
pub const DEFAULT_SALIENCE_WEIGHTS: [f32; 5] = [32.0, 8.0, 8.0, 8.0, 8.0];
/// Query words name entities only when those entities account for at least this share of the
/// articles containing the words ("cocoa" names the ICCO in a few articles only: no boost).
pub const DEFAULT_ENTITY_SHARE: f32 = 0.3;
/// Score added to an article carrying a theme the query's words name ("grain" →
/// `/topic/economy-business-finance/commodities`). Reuters-21578 topic queries, MAP@10:
/// 0 → 0.5739, 0.5 → 0.5764, 1 → 0.5776, 2 → 0.5789, 4 → 0.5791, 8 → 0.5796.
pub const DEFAULT_TOPIC_WEIGHT: f32 = 2.0;

/// The weights of [`Rank::Entities`]: what the ranking adds to BM25 (defaults: the `DEFAULT_*`
/// constants above; `newsdex eval --cross-validate` chooses them on half the judged queries and
/// scores them on the other half).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct RankWeights {
    /// Per salience feature: named, headline, lead, mentioned twice, four times.
    pub salience: [f32; 5],
    /// Least share of the articles using the query's words that the named entities must hold.
    pub entity_share: f32,
    /// Score of a theme the query names.
    pub topic: f32,
}

impl Default for RankWeights {
    fn default() -> Self {
        RankWeights {
            salience: DEFAULT_SALIENCE_WEIGHTS,
            entity_share: DEFAULT_ENTITY_SHARE,
            topic: DEFAULT_TOPIC_WEIGHT,
        }
    }
}

/// An entity a query names.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryEntity {
    /// Its term in the `entity` field (`person:nayib bukele`).
    pub term: String,
    /// The square root of its share of the articles using the query's words for it.
    pub prior: f32,
    /// True when the whole query names it (its articles match even without the words).
    pub whole_query: bool,
}

impl NewsIndex {
    /// The user's query with the entity part of the ranking added (for [`Rank::Entities`]).
    pub(super) fn ranked(
        &self,
        text_query: Box<dyn Query>,
        req: &SearchRequest,
        searchers: &[Searcher],
    ) -> Result<Box<dyn Query>> {
        if req.rank == Rank::Bm25 {
            return Ok(text_query);
        }
        let weights = req.weights;
        let terms = self.query_entities(&req.query, searchers, weights.entity_share)?;
        let themes =
            crate::analyze::topics::taxonomy::query_themes(&crate::analyze::normalize::normalized_words(&req.query));
        if terms.is_empty() && themes.is_empty() {
            return Ok(text_query);
        }
        let topic_clauses = themes.iter().map(|path| {
            let q = TermQuery::new(
                Term::from_facet(self.shards.fields.facet, &tantivy::schema::Facet::from(path.as_str())),
                IndexRecordOption::Basic,
            );
            (
                Occur::Should,
                Box::new(tantivy::query::ConstScoreQuery::new(Box::new(q), weights.topic)) as Box<dyn Query>,
            )
        });
        // When the whole query names an entity, articles about it match even without the words
        // ("INRO" finds articles naming only the International Natural Rubber Organization).
        let whole = terms.iter().any(|t| t.whole_query);
        let entity_clauses: Vec<(Occur, Box<dyn Query>)> = terms
            .into_iter()
            .flat_map(|QueryEntity { term: identity, prior, .. }| {
                Salience::ALL.into_iter().zip(weights.salience).map(move |(feature, w)| {
                    let term = Term::from_field_text(self.shards.fields.entity, &feature.term(&identity));
                    let q = TermQuery::new(term, IndexRecordOption::Basic);
                    (
                        Occur::Should,
                        Box::new(tantivy::query::ConstScoreQuery::new(Box::new(q), w * prior)) as Box<dyn Query>,
                    )
                })
            })
            .chain(topic_clauses)
            .collect();
        Ok(Box::new(BooleanQuery::new(vec![
            (if whole { Occur::Should } else { Occur::Must }, text_query),
            (Occur::Should, Box::new(BooleanQuery::new(entity_clauses))),
        ])))
    }

    /// The entities the query's words name: each word, each pair of words and the whole query
    /// looked up in the entity dictionary (full names, surnames, acronyms), each with its prior;
    /// a phrase names entities only when they hold at least `share` of the articles using it.
    pub fn query_entities(&self, text: &str, searchers: &[Searcher], share: f32) -> Result<Vec<QueryEntity>> {
        let words: Vec<&str> = text
            .split(|c: char| c.is_whitespace() || c == '"')
            .filter(|w| !w.is_empty() && !w.starts_with('-') && !w.contains(':') && *w != "OR" && *w != "AND")
            .collect();
        let mut phrases: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        phrases.extend(words.windows(2).map(|w| w.join(" ")));
        if words.len() > 2 {
            phrases.push(words.join(" "));
        }
        let dictionary = self.dictionary()?;
        let mut out: Vec<QueryEntity> = Vec::new();
        let all_words = words.join(" ");
        for p in &phrases {
            let candidates: Vec<(&str, String)> = ["person", "org"]
                .into_iter()
                .flat_map(|kind| dictionary.named_by(kind, p).into_iter().map(move |n| (kind, n)))
                .collect();
            if candidates.is_empty() {
                continue;
            }
            // A name is a rare reading of common words ("gold", "cocoa") or a usual one ("volcker",
            // "baker"): the phrase names entities only when they are at least `share`
            // of the articles using it, and each one's prior is the square root of its share.
            let used = self.phrase_articles(p, searchers);
            let named: usize = candidates.iter().map(|(k, n)| dictionary.articles(k, n)).sum();
            let total = used.max(named as u64).max(1) as f32;
            if (named as f32) < share * total {
                continue;
            }
            for (kind, name) in candidates {
                let prior = (dictionary.articles(kind, &name) as f32 / total).sqrt();
                out.push(QueryEntity { term: entity_term(kind, &name), prior, whole_query: *p == all_words });
            }
        }
        out.sort_by(|a, b| a.term.cmp(&b.term).then(b.prior.total_cmp(&a.prior)));
        out.dedup_by(|a, b| a.term == b.term);
        Ok(out)
    }

    /// Articles whose text holds the phrase (its words in order).
    pub(super) fn phrase_articles(&self, phrase: &str, searchers: &[Searcher]) -> u64 {
        let terms: Vec<Term> =
            self.analyze_body(phrase).iter().map(|t| Term::from_field_text(self.shards.fields.text, t)).collect();
        match terms.len() {
            0 => 0,
            1 => searchers.iter().map(|s| s.doc_freq(&terms[0]).unwrap_or(0)).sum(),
            _ => {
                let q = tantivy::query::PhraseQuery::new(terms);
                // Counting a phrase of common words visits every article holding both: shards in parallel.
                searchers.par_iter().map(|s| s.search(&q, &tantivy::collector::Count).unwrap_or(0) as u64).sum()
            }
        }
    }

    /// Terms the news analyzer makes of `text` (as the body field indexes them).
    pub(super) fn analyze_body(&self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        if let Ok(mut a) = self.shards.indexes[0].tokenizer_for_field(self.shards.fields.text) {
            let mut stream = a.token_stream(text);
            while stream.advance() {
                out.push(stream.token().text.clone());
            }
        }
        out
    }
}
