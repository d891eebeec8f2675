//! Fuzz target: `newsdex::fuzz::search` (see src/fuzz.rs).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| newsdex::fuzz::search(data));
