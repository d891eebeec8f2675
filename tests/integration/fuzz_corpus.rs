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
    assert!(replay("http", newsdex::fuzz::http) >= 10);
}

#[test]
fn a_query_term_with_a_wide_character_near_its_start_gets_snippets() {
    // Found by the search fuzzer: the snippet matcher cut a term's first three bytes.
    let env = crate::util::indexed_demo();
    let out = env.run(&["search", "deportees OR mb\u{47d}je"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_feed_that_makes_the_xml_parser_panic_is_skipped_and_the_run_goes_on() {
    // Found by the ingest fuzzer: quick-xml (inside feed-rs) panics on this declaration.
    let bad = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions/ingest/feed-quick-xml-encoding-panic"),
    )
    .unwrap();
    let env = crate::util::Env::new();
    env.write("feeds/broken.rss", &bad[1..]);
    env.write("feeds/fine.txt", "Ferry fares frozen\n\nFares stay where they are.\n");
    let out = env.run(&["index", "feeds", "--json"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let s: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((s["articles"].as_u64(), s["skipped_by_reason"]["malformed"].as_u64()), (Some(1), Some(1)), "{s}");
    assert!(err.contains("broken.rss") && !err.contains("internal bug"), "{err}");
}
