//! Bench: query latency per class against plain tantivy over the same shards.

pub mod formats;
pub mod gen_corpus;
pub mod http;
pub(crate) mod latency;
pub mod news_words;
pub mod runner;

pub use runner::{run_bench, BenchReport};
