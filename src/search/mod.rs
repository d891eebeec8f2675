//! Search: query parsing, corpus-wide BM25 over shards, snippets, and article lookup.

pub(crate) mod cluster_count;
pub(crate) mod cluster_sizes;
pub mod cross_validation;
pub mod dups;
pub(crate) mod facet_table;
pub mod facet_top;
pub mod facet_totals;
pub mod filters;
pub mod lookup;
pub mod metrics;
pub mod news_index;
pub mod page;
pub mod pass;
pub mod query;
pub mod ranking;
pub mod request;
pub mod response;
pub(crate) mod segment_columns;
pub mod snippets;
pub mod stats;

pub use dups::DupsReport;
pub use filters::Filters;
pub use lookup::{IndexStats, ShardStats};
pub use news_index::NewsIndex;
pub use ranking::RankWeights;
pub use request::{Rank, SearchRequest, SortBy, DEFAULT_FACETS, DEFAULT_LIMIT};
pub use response::{Hit, SearchResponse};
