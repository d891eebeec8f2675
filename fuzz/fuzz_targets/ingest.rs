//! Fuzz target: `newsdex::fuzz::ingest` (see src/fuzz.rs).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| newsdex::fuzz::ingest(data));
