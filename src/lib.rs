//! newsdex: a full-text search engine for news corpora.
//!
//! The pipeline is visible in the modules: [`ingest`] reads articles from files,
//! [`analyze`] splits them into passages and marks what they repeat, [`index`] writes
//! sharded tantivy indexes, [`search`] answers queries over all shards with corpus-wide
//! BM25, and [`bench`] measures it.

#![warn(missing_docs)]

pub mod analyze;
pub mod bench;
pub mod error;
#[doc(hidden)]
pub mod fuzz;
pub mod index;
pub mod ingest;
pub mod search;
pub mod server;
pub mod util;

pub use error::{Error, Result};
