//! Parsing user queries: all words by default, with a fallback to any word.

use crate::error::{Error, Result};
use crate::index::NewsSchema;
use tantivy::query::{Query, QueryParser};
use tantivy::Index;

/// Parsers for one index: all-words (default) and any-word (fallback).
pub struct QueryParsers {
    all: QueryParser,
    any: QueryParser,
}

/// Scores the facet ranking adds for an entity the query names, per salience feature of the
/// article ([`crate::index::document::Salience`]: named, headline, lead, mentioned twice, mentioned four times), times
/// the entity's prior. Tuned on the Reuters-21578 people/organisation judgments (README): a
/// large weight for "named at all" makes articles about the entity outrank articles that only
/// share its word; the other features order those articles.
pub const DEFAULT_SALIENCE_WEIGHTS: [f32; 5] = [32.0, 8.0, 8.0, 8.0, 8.0];
/// Query words name entities only when those entities account for at least this share of the
/// articles containing the words ("cocoa" names the ICCO in a few articles only: no boost).
pub const DEFAULT_ENTITY_SHARE: f32 = 0.3;
/// Score added to an article carrying a theme the query's words name ("grain" →
/// `/topic/economy-business-finance/commodities`). Reuters-21578 topic queries, MAP@10:
/// 0 → 0.5739, 0.5 → 0.5764, 1 → 0.5776, 2 → 0.5789, 4 → 0.5791, 8 → 0.5796.
pub const DEFAULT_TOPIC_WEIGHT: f32 = 2.0;

impl QueryParsers {
    /// Builds both parsers over the default fields (title boosted) of `index`.
    pub fn new(index: &Index, f: &NewsSchema) -> Self {
        let make = |conjunction: bool| {
            let fields = f.default_fields();
            let mut p = QueryParser::for_index(index, fields.iter().map(|(f, _)| *f).collect());
            for (field, boost) in fields {
                p.set_field_boost(field, boost);
            }
            if conjunction {
                p.set_conjunction_by_default();
            }
            p
        };
        QueryParsers { all: make(true), any: make(false) }
    }

    /// Parses `text` requiring every word (`any_word = false`) or any of them.
    /// Syntax: `"exact phrase"`, `-exclude`, `OR`, `AND`, `title:word`, `source:word`, `author:word`, `body:word`.
    pub fn parse(&self, text: &str, any_word: bool) -> Result<Box<dyn Query>> {
        let parser = if any_word { &self.any } else { &self.all };
        parser.parse_query(text).map_err(|e| {
            Error::user(
                format!("Could not understand the query {text:?}: {e}."),
                "Use plain words, \"quoted phrases\", -exclusions, OR, and field:word with title, body, source or author.",
            )
        })
    }
}

/// True when a query has more than one word outside quotes and operators, so an any-word
/// fallback can find more than the all-words query did.
pub fn can_fall_back(text: &str) -> bool {
    !text.contains('"')
        && text.split_whitespace().filter(|w| !w.starts_with('-') && *w != "AND" && *w != "OR").count() > 1
}
