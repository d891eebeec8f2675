//! What a search asks for: the query, filters, page, order and ranking.

use super::filters::Filters;
use serde::Serialize;

/// Default number of hits per page.
pub const DEFAULT_LIMIT: usize = 10;
/// Default number of values counted per facet.
pub const DEFAULT_FACETS: usize = 10;
/// Most duplicate ids listed with one hit.
pub const MAX_DUPLICATES_LISTED: usize = 20;

/// One search request.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchRequest {
    /// Query text.
    pub query: String,
    /// Hits per page.
    pub limit: usize,
    /// Hits to skip.
    pub offset: usize,
    /// Show one article per duplicate cluster (the best), with the others listed.
    pub collapse: bool,
    /// Filters by person, organisation, source and date.
    pub filters: Filters,
    /// How many values per facet to count over the whole match set (0: none).
    pub facets: usize,
    /// Order of the hits.
    pub sort: SortBy,
    /// How relevance is scored.
    pub rank: Rank,
    /// Report each hit's score parts.
    pub explain: bool,
    /// Also count keyphrases (a separate facet field, counted only on request: an index has many).
    pub keyword_facets: bool,
    /// The weights of the entity ranking.
    pub weights: super::ranking::RankWeights,
}

/// How relevance is scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Rank {
    /// BM25 over title and body (corpus-wide statistics) plus, for each person or organisation
    /// the query names, a score per salience feature of the article (named, in the headline, in
    /// the lead, mentioned twice, four times) times the entity's prior, plus a constant for each
    /// theme the query's words name ([`super::ranking`]).
    #[default]
    Entities,
    /// Plain BM25 over title and body.
    Bm25,
}

/// Order of the hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    /// By score.
    #[default]
    Relevance,
    /// Newest first.
    Date,
}

impl SearchRequest {
    /// A first-page request for `query`.
    pub fn new(query: impl Into<String>) -> Self {
        SearchRequest {
            query: query.into(),
            limit: DEFAULT_LIMIT,
            offset: 0,
            collapse: true,
            filters: Filters::default(),
            facets: DEFAULT_FACETS,
            sort: SortBy::Relevance,
            rank: Rank::Entities,
            explain: false,
            keyword_facets: false,
            weights: Default::default(),
        }
    }
}
