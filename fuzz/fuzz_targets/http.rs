//! Fuzz target: `newsdex::fuzz::http` (see src/fuzz.rs).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| newsdex::fuzz::http(data));
