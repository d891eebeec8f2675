//! Duplicate passages: exact hashes, MinHash/LSH near-duplicates verified exactly, boilerplate,
//! and duplicate clusters of articles.

pub mod eval;
pub mod minhash;
pub(crate) mod near_window;
pub(crate) mod record;
pub mod similarity;
pub(crate) mod store;

pub use record::DocRecord;
pub use store::DupStore;
