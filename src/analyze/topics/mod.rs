//! Topics: IPTC Media Topics subjects from a linear classifier trained in-tree, plus lexicon themes.

pub mod classifier;
pub mod data;
pub mod eval;
pub mod model;
pub mod taxonomy;
pub mod vectors;

pub use classifier::{classify, TopicRef};
