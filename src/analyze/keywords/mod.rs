//! Keyphrases: the words and 2–3 word phrases of an article that are significant against the
//! corpus (tf-idf over a count-min sketch of document frequencies), stored as `/keyword/…` facets.

pub mod candidates;
pub(crate) mod frequencies;
pub mod keyphrases;

pub use candidates::{candidate_keys, candidates, Candidate};
pub use frequencies::DocFrequencies;
pub use keyphrases::{keyphrases, DEFAULT_KEYWORDS};
