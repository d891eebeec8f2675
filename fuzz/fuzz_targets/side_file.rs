//! Fuzz target: `newsdex::fuzz::side_file` (see src/fuzz.rs).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| newsdex::fuzz::side_file(data));
