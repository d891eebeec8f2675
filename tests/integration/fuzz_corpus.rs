//! The fuzzers' seeds and every input they found a crash with (`fuzz/corpus/*/seed-*`,
//! `fuzz/regressions/<target>/*`), replayed through the same entry points (`newsdex::fuzz`):
//! each must return without a panic.

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut n = 0;
    for dir in [root.join("corpus").join(target), root.join("regressions").join(target)] {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            if dir.ends_with(target)
                && dir.parent().is_some_and(|p| p.ends_with("corpus"))
                && !name.starts_with("seed-")
            {
                continue;
            }
            run(&std::fs::read(e.path()).unwrap());
            n += 1;
        }
    }
    n
}

#[test]
fn every_seed_and_crash_input_is_read_without_a_panic() {
    assert!(replay("ingest", newsdex::fuzz::ingest) >= 10);
    assert!(replay("dates", newsdex::fuzz::dates) >= 5);
    assert!(replay("search", newsdex::fuzz::search) >= 6);
    assert!(replay("side_file", newsdex::fuzz::side_file) >= 4);
    assert!(replay("analyze", newsdex::fuzz::analyze) >= 2);
}

#[test]
fn a_query_term_with_a_wide_character_near_its_start_gets_snippets() {
    // Found by the search fuzzer: the snippet matcher cut a term's first three bytes.
    let env = crate::util::indexed_demo();
    let out = env.run(&["search", "deportees OR mb\u{47d}je"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}
