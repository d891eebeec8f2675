//! Damaged indexes: `newsdex check` finds what disagrees and names the repair; a damaged side
//! file is an error naming it, never an empty default.

use crate::util::indexed_demo;

fn gen_dir(env: &crate::util::Env) -> std::path::PathBuf {
    let m: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(env.path("index/newsdex.json")).unwrap()).unwrap();
    env.path(&format!("index/gen-{}", m["generation"]))
}

#[test]
fn a_sound_index_checks_clean() {
    let env = indexed_demo();
    let r = env.json(&["check", "--json"]);
    assert_eq!((r["articles"].as_u64(), r["documents_decoded"].as_u64()), (Some(24), Some(24)), "{r}");
    assert!(r["problems"].as_array().unwrap().is_empty(), "{r}");
    assert!(r["marks_checked"].as_u64().unwrap() >= 7);
}

#[test]
fn a_damaged_dictionary_is_named_by_search_and_check() {
    let env = indexed_demo();
    std::fs::write(gen_dir(&env).join("entities.bin"), b"\xff\xff\xff\xff not a dictionary").unwrap();
    let out = env.run(&["search", "Bukele deportees"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("entities.bin") && err.contains("--rebuild"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "one sentence: {err}");
    let out = env.run(&["check"]);
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(
        !out.status.success() && text.contains("entity dictionary") && text.contains("newsdex index --rebuild"),
        "{text}"
    );
}

#[test]
fn check_finds_counts_and_side_files_that_disagree() {
    let env = indexed_demo();
    let manifest = env.path("index/newsdex.json");
    let text = std::fs::read_to_string(&manifest).unwrap().replacen("\"articles\": 24", "\"articles\": 25", 1);
    std::fs::write(&manifest, text).unwrap();
    std::fs::remove_file(gen_dir(&env).join("dedup.bin")).unwrap();
    let out = env.run(&["check", "--json"]);
    assert!(!out.status.success());
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let problems = r["problems"].to_string();
    assert!(problems.contains("The manifest counts 25 articles, the shards hold 24"), "{problems}");
    assert!(problems.contains("The duplicate store lacks 24 indexed articles"), "{problems}");
    assert!(r["repair"].as_str().unwrap().starts_with("newsdex index --rebuild"), "{r}");
    // The repair it names works.
    let corpus = crate::util::demo_corpus();
    env.ok(&["index", "--rebuild", corpus.to_str().unwrap()]);
    assert!(env.json(&["check", "--json"])["problems"].as_array().unwrap().is_empty());
}
