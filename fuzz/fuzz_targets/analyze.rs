//! Fuzz target: `newsdex::fuzz::analyze` (see src/fuzz.rs).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| newsdex::fuzz::analyze(data));
