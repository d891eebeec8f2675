//! Index: the tantivy schema, the shards, the manifest and the incremental indexing run.

pub mod batch;
pub mod check;
pub(crate) mod corpus_cache;
pub(crate) mod document;
pub(crate) mod existing;
pub(crate) mod indexer;
pub mod lock;
pub mod manifest;
pub(crate) mod page_analysis;
pub(crate) mod posted;
pub(crate) mod progress;
pub(crate) mod recanonical;
pub mod schema;
pub mod shards;
pub(crate) mod side_files;
pub mod stemmer;
pub(crate) mod stored_fields;

pub use corpus_cache::CorpusCache;
pub use document::StoredArticle;
pub use indexer::{run_index, IndexOptions, IndexSummary};
pub use manifest::Manifest;
pub use progress::{NoProgress, Progress};
pub use schema::NewsSchema;
pub use shards::ShardSet;
