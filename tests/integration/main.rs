//! End-to-end tests: the real `newsdex` binary in temporary folders.

mod abuse;
mod api;
mod archives;
mod bad_input;
mod browser;
mod demo;
mod disk;
mod entities;
mod facet_values;
mod facets;
mod faults;
mod formats;
mod fuzz_corpus;
mod incremental;
mod json_output;
mod library;
mod live;
mod new_user;
mod reliability;
mod shards;
mod util;
