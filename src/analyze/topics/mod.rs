//! Topics: IPTC Media Topics subjects from a linear classifier trained in-tree, plus lexicon themes.

pub mod classifier;
pub mod data;
pub mod eval;
pub mod model;
pub(crate) mod taxonomy;
pub mod training;
pub(crate) mod vectors;

pub use classifier::{classify, TopicRef};
