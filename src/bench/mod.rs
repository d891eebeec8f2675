//! Bench: query latency and indexing speed measurements.
