//! Small utilities the core and the benchmarks share.

pub mod contain;
pub mod prefetch;
pub mod rng;
