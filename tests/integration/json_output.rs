//! The JSON shapes: search, batch, show, stats, export.

use crate::util::indexed_demo;
use std::io::Write;
use std::process::Stdio;

#[test]
fn search_json_has_the_documented_keys() {
    let env = indexed_demo();
    let r = env.json(&["search", "oil prices", "--json", "--limit", "3"]);
    for k in ["query", "total_hits", "took_us", "hits"] {
        assert!(r.get(k).is_some(), "missing {k}: {r}");
    }
    let hit = &r["hits"][0];
    for k in ["id", "title", "date", "source", "url", "path", "score", "snippet", "highlights"] {
        assert!(hit.get(k).is_some(), "missing hit.{k}: {hit}");
    }
    let snippet = hit["snippet"].as_str().unwrap();
    let [s, e] = [0, 1].map(|i| hit["highlights"][0][i].as_u64().unwrap() as usize);
    assert!(
        snippet[s..e].to_lowercase().starts_with("oil") || snippet[s..e].to_lowercase().starts_with("pric"),
        "{hit}"
    );
}

#[test]
fn all_words_first_then_any_word_with_a_note() {
    let env = indexed_demo();
    let all = env.json(&["search", "copper strike", "--json"]);
    assert!(all.get("fallback").is_none());
    assert_eq!(all["total_hits"], 1);
    let any = env.json(&["search", "copper zeppelin", "--json"]);
    assert_eq!(any["fallback"], "any_word");
    assert!(any["total_hits"].as_u64().unwrap() >= 1);
    let human = env.ok(&["search", "copper zeppelin"]);
    assert!(human.contains("any of them"), "{human}");
}

#[test]
fn query_syntax_phrase_exclusion_or_and_fields() {
    let env = indexed_demo();
    let phrase = env.json(&["search", "\"maximum-security prison\"", "--json"])["total_hits"].as_u64().unwrap();
    let words = env.json(&["search", "maximum security prison", "--json"])["total_hits"].as_u64().unwrap();
    assert!(phrase >= 2 && phrase <= words);
    let with = env.search_ids("prison", &["--limit", "50"]);
    let without = env.search_ids("prison -bukele", &["--limit", "50"]);
    assert!(without.len() < with.len());
    let or = env.json(&["search", "chebet OR frog", "--json"])["total_hits"].as_u64().unwrap();
    assert_eq!(or, 2);
    assert_eq!(env.search_ids("title:storm", &[]), ["pws-2025-0303"]);
    assert_eq!(env.search_ids("source:midland", &["--limit", "50"]).len(), 3);
}

#[test]
fn limit_and_offset_page_through_hits() {
    let env = indexed_demo();
    let all = env.search_ids("the", &["--limit", "6"]);
    let second = env.search_ids("the", &["--limit", "3", "--offset", "3"]);
    assert_eq!(&all[3..6], &second[..]);
}

#[test]
fn batch_prints_one_object_per_line() {
    let env = indexed_demo();
    let mut child = env.command(&["search", "--batch"]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(b"oil prices\n\nBukele\ntitle:(broken\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["query"], "oil prices");
    assert!(lines[1]["total_hits"].as_u64().unwrap() >= 3);
    assert!(lines[0]["took_us"].as_u64().is_some());
    assert!(lines[2]["error"].as_str().unwrap().contains("could not be understood"), "{}", lines[2]);
}

#[test]
fn stats_show_and_export_agree() {
    let env = indexed_demo();
    let stats = env.json(&["stats", "--json"]);
    let n = stats["articles"].as_u64().unwrap();
    assert_eq!(n, 24);
    let shard_sum: u64 = stats["shards"].as_array().unwrap().iter().map(|s| s["articles"].as_u64().unwrap()).sum();
    assert_eq!(shard_sum, n);
    assert!(stats["bytes"].as_u64().unwrap() > 0);
    let export = env.ok(&["export", "--json-lines"]);
    let lines: Vec<serde_json::Value> = export.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len() as u64, n);
    let one = lines.iter().find(|l| l["id"] == "pws-2025-0305").unwrap();
    // `show` adds the article's copies (its cluster); the rest is the same object.
    let mut shown = env.json(&["show", "pws-2025-0305", "--json"]);
    assert_eq!(shown["cluster_size"].as_u64(), Some(1), "{shown}");
    shown.as_object_mut().unwrap().remove("cluster_size");
    assert_eq!(one, &shown);
    let out = env.run(&["show", "no-such-id"]);
    assert!(!out.status.success() && String::from_utf8_lossy(&out.stderr).contains("No article with id"));
}

#[test]
fn bench_reports_every_class_against_raw_tantivy() {
    let env = indexed_demo();
    env.write("q.txt", "prison\nBukele deportees\noil prices\n\n");
    let r = env.json(&["bench", "--queries", "q.txt", "--repeats", "1", "--json"]);
    let classes: Vec<&str> = r["classes"].as_array().unwrap().iter().map(|c| c["class"].as_str().unwrap()).collect();
    assert_eq!(
        classes,
        [
            "single_term",
            "all_words",
            "phrase",
            "with_facets",
            "person_filter",
            "collapse",
            "date_sort",
            "facets_collapse"
        ]
    );
    for c in r["classes"].as_array().unwrap() {
        let expected = if c["class"] == "phrase" { 2 } else { 3 };
        assert_eq!(c["newsdex"]["queries"], expected, "{c}");
        assert_eq!(c["tantivy"]["queries"], expected, "{c}");
        assert_eq!(c["tantivy_docs"]["queries"], expected, "{c}");
        assert_eq!(c["tantivy_page"]["queries"], expected, "{c}");
        assert!(c["newsdex"]["p50_us"].as_f64().unwrap() > 0.0 && c["ratio_p50"].as_f64().unwrap() > 0.0, "{c}");
    }
    assert_eq!(r["articles"], 24);
}

#[test]
fn a_reader_that_goes_away_ends_the_output_quietly() {
    let env = indexed_demo();
    // `newsdex export | head -c 10`: more output than a pipe holds, and the reader leaves.
    for args in [&["export"][..], &["search", "the", "--limit", "1000", "--no-collapse", "--json"][..]] {
        let mut child = env.command(args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        let mut first = [0u8; 10];
        std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(out.stderr.is_empty(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
}
