//! Search: query parsing, corpus-wide BM25 over shards, snippets, and article lookup.

pub mod cluster_count;
pub mod dups;
pub mod facet_top;
pub mod filters;
pub mod metrics;
pub mod news_index;
pub mod query;
pub mod response;
pub mod snippets;
pub mod stats;

pub use dups::DupsReport;
pub use filters::Filters;
pub use news_index::{IndexStats, NewsIndex, Rank, SearchRequest, SortBy};
pub use response::{Hit, SearchResponse};
