//! Filters by person, organisation, topic, keyphrase, source and date, resolved through the entity dictionary and
//! combined with the user's query.

use crate::analyze::entities::dictionary::EntityDictionary;
use crate::index::NewsSchema;
use chrono::{DateTime, Utc};
use std::ops::Bound;
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{Facet, IndexRecordOption};
use tantivy::Term;

/// What to keep: AND across fields, OR within one field.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// People (any spelling, or a surname the dictionary knows).
    pub people: Vec<String>,
    /// Organisations.
    pub orgs: Vec<String>,
    /// Topics: facet paths below `/topic` (`politics`, `politics/migration`); a subject also
    /// matches its themes.
    pub topics: Vec<String>,
    /// Keyphrases (`deportees`, `maximum security prison`).
    pub keywords: Vec<String>,
    /// Outlets (words of the source field).
    pub sources: Vec<String>,
    /// Published on or after.
    pub since: Option<DateTime<Utc>>,
    /// Published before or on.
    pub until: Option<DateTime<Utc>>,
}

impl Filters {
    /// True when nothing is filtered.
    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
            && self.orgs.is_empty()
            && self.topics.is_empty()
            && self.keywords.is_empty()
            && self.sources.is_empty()
            && self.since.is_none()
            && self.until.is_none()
    }

    /// The query restricted by the filters.
    /// `analyze` turns source words into the terms the index holds.
    pub fn apply(
        &self,
        query: Box<dyn Query>,
        f: &NewsSchema,
        dictionary: &EntityDictionary,
        analyze: &dyn Fn(&str) -> Vec<String>,
    ) -> Box<dyn Query> {
        if self.is_empty() {
            return query;
        }
        let mut filters: Vec<Box<dyn Query>> = Vec::new();
        for (kind, names) in [("person", &self.people), ("org", &self.orgs)] {
            if !names.is_empty() {
                filters.push(facet_any(f, kind, names, dictionary));
            }
        }
        if !self.topics.is_empty() {
            let paths = self.topics.iter().map(|t| {
                let path = format!("/topic/{}", t.trim_start_matches('/').trim_start_matches("topic/"));
                Term::from_facet(f.facet, &Facet::from(path.as_str()))
            });
            filters.push(any_term(paths));
        }
        if !self.keywords.is_empty() {
            let phrases = self.keywords.iter().map(|k| {
                let phrase = crate::analyze::normalize::normalized_words(k).join(" ");
                Term::from_facet(f.keyword, &Facet::from_path(["keyword", phrase.as_str()]))
            });
            filters.push(any_term(phrases));
        }
        if !self.sources.is_empty() {
            let any: Vec<(Occur, Box<dyn Query>)> = self
                .sources
                .iter()
                .map(|s| {
                    let words: Vec<(Occur, Box<dyn Query>)> = analyze(s)
                        .into_iter()
                        .map(|w| {
                            let t = Term::from_field_text(f.source, &w);
                            (Occur::Must, Box::new(TermQuery::new(t, IndexRecordOption::Basic)) as Box<dyn Query>)
                        })
                        .collect();
                    (Occur::Should, Box::new(BooleanQuery::new(words)) as Box<dyn Query>)
                })
                .collect();
            filters.push(Box::new(BooleanQuery::new(any)));
        }
        if self.since.is_some() || self.until.is_some() {
            let bound = |d: Option<DateTime<Utc>>, inclusive: fn(Term) -> Bound<Term>| match d {
                Some(d) => {
                    inclusive(Term::from_field_date(f.date, tantivy::DateTime::from_timestamp_secs(d.timestamp())))
                }
                None => Bound::Unbounded,
            };
            filters.push(Box::new(RangeQuery::new(
                bound(self.since, Bound::Included),
                bound(self.until, Bound::Included),
            )));
        }
        // Filters select; they never add to the score.
        let clauses: Vec<(Occur, Box<dyn Query>)> = std::iter::once((Occur::Must, query))
            .chain(filters.into_iter().map(|q| (Occur::Must, Box::new(ConstScoreQuery::new(q, 0.0)) as Box<dyn Query>)))
            .collect();
        Box::new(BooleanQuery::new(clauses))
    }
}

/// Any of the names (each resolved to every canonical name it may stand for) as facet terms.
fn facet_any(f: &NewsSchema, kind: &str, names: &[String], dictionary: &EntityDictionary) -> Box<dyn Query> {
    let mut resolved: Vec<String> = Vec::new();
    for n in names {
        // A name the corpus knows is taken as it is (so facet counts and filters agree); any other
        // is an alias: every known name it is the surname, first name or whole of.
        match dictionary.canonical(kind, n) {
            Some(exact) => resolved.push(exact),
            None => {
                let found = dictionary.resolve(kind, n);
                if found.is_empty() {
                    resolved.push(n.clone());
                }
                resolved.extend(found);
            }
        }
    }
    any_term(resolved.iter().map(|name| Term::from_facet(f.facet, &Facet::from_path([kind, name.as_str()]))))
}

/// Articles holding any of the terms.
fn any_term(terms: impl Iterator<Item = Term>) -> Box<dyn Query> {
    let any: Vec<(Occur, Box<dyn Query>)> = terms
        .map(|t| (Occur::Should, Box::new(TermQuery::new(t, IndexRecordOption::Basic)) as Box<dyn Query>))
        .collect();
    Box::new(BooleanQuery::new(any))
}
