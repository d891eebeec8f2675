//! Incremental runs, rebuilds, a second folder, interrupted runs and the write lock.

use crate::util::Env;
use std::time::Duration;

fn counts(s: &serde_json::Value) -> [u64; 5] {
    ["added", "updated", "deleted", "unchanged", "articles"].map(|k| s[k].as_u64().unwrap())
}

#[test]
fn reindexing_adds_updates_deletes_and_keeps_the_rest() {
    let env = Env::new();
    env.write("news/a.txt", "Alpha story\n\nAlpha body about harbours.\n");
    env.write("news/b.txt", "Beta story\n\nBeta body about tides.\n");
    env.write("news/c.txt", "Gamma story\n\nGamma body about ferries.\n");
    assert_eq!(counts(&env.index("news", &[])), [3, 0, 0, 0, 3]);
    assert_eq!(counts(&env.index("news", &[])), [0, 0, 0, 3, 3]);

    env.write("news/b.txt", "Beta story revised\n\nBeta body about lighthouses.\n");
    std::fs::remove_file(env.path("news/c.txt")).unwrap();
    env.write("news/d.txt", "Delta story\n\nDelta body about canals.\n");
    assert_eq!(counts(&env.index("news", &[])), [1, 1, 1, 1, 3]);
    assert_eq!(env.search_ids("lighthouses", &[]), ["news/b.txt"]);
    assert!(env.search_ids("tides", &[]).is_empty());
    assert!(env.search_ids("ferries", &[]).is_empty());
    assert_eq!(env.search_ids("canals", &[]), ["news/d.txt"]);

    env.write("more/e.txt", "Epsilon story\n\nEpsilon body about piers.\n");
    let s = env.index("more", &[]);
    assert_eq!(counts(&s), [1, 0, 0, 0, 4], "a second folder adds to the index: {s}");
    let stats = env.json(&["stats", "--json"]);
    assert_eq!(stats["roots"].as_array().unwrap().len(), 2);

    let s = env.index("news", &["--rebuild"]);
    assert_eq!(counts(&s), [3, 0, 0, 0, 3], "{s}");
}

#[test]
fn a_file_that_turns_bad_keeps_its_old_article() {
    let env = Env::new();
    env.write("news/a.json", r#"{"title": "Kept", "body": "Still searchable."}"#);
    env.index("news", &[]);
    env.write("news/a.json", r#"{"title": "Kept", "body": "#);
    let s = env.index("news", &[]);
    assert_eq!((s["deleted"].as_u64(), s["articles"].as_u64()), (Some(0), Some(1)), "{s}");
    assert_eq!(env.search_ids("searchable", &[]), ["news/a.json"]);
}

#[test]
fn a_killed_run_leaves_the_last_commit_searchable_and_a_rerun_completes() {
    let env = Env::new();
    env.write("news/first.txt", "First story\n\nAn article about lanterns.\n");
    env.index("news", &[]);
    let mut lines = String::new();
    for i in 0..40_000 {
        lines.push_str(&format!("{{\"id\": \"bulk-{i}\", \"title\": \"Bulk {i}\", \"body\": \"Filler text number {i} about quarries and kilns.\"}}\n"));
    }
    env.write("news/bulk.jsonl", lines);
    let mut child = env
        .command(&["index", "news"])
        .stderr(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(400));
    let still_running = child.try_wait().unwrap().is_none();
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    assert!(still_running, "the run finished before it could be killed; make the corpus larger");
    let r = env.json(&["search", "lanterns", "--json"]);
    assert_eq!(r["total_hits"], 1, "{r}");
    assert_eq!(env.json(&["stats", "--json"])["articles"], 1);
    let s = env.index("news", &[]);
    assert_eq!(s["articles"], 40_001, "{s}");
}

#[test]
fn a_second_writer_gets_a_clear_error() {
    let env = Env::new();
    env.write("news/a.txt", "A\n\nBody.\n");
    env.index("news", &[]);
    let lock = std::fs::File::options().write(true).open(env.path("index/.newsdex-write.lock")).unwrap();
    lock.try_lock().unwrap();
    let out = env.run(&["index", "news"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("being written by another process"), "{stderr}");
    drop(lock);
    env.index("news", &[]);
}

#[test]
fn a_generated_corpus_indexes_whole_and_its_copies_cluster() {
    let env = Env::new();
    let out = env.ok(&["gen-corpus", "--docs", "3000", "--seed", "3", "--out", "gen"]);
    let generated: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(generated["docs"], 3000);
    let s = env.index("gen", &[]);
    assert_eq!((s["articles"].as_u64(), s["skipped"].as_u64()), (Some(3000), Some(0)), "{s}");
    let dups = env.json(&["dups", "--json", "--limit", "1"]);
    let copies = dups["articles_in_clusters"].as_u64().unwrap() - dups["clusters_total"].as_u64().unwrap();
    let syndicated = generated["syndicated"].as_u64().unwrap();
    // Every syndicated copy joins its original's cluster (a copy of a copy joins the same one).
    assert!(copies >= syndicated * 95 / 100, "{copies} copies clustered of {syndicated} syndicated: {dups}");
    assert!(copies <= syndicated + 5, "unrelated generated articles were clustered: {copies} vs {syndicated}");
}

#[test]
fn an_article_written_before_its_original_is_replaced_in_the_same_run_is_marked_again() {
    // Batches of one: Q (read first) is marked a copy of P's old text, then P is replaced by
    // an empty article in a later batch of the same run. Q must not point to P afterwards.
    let env = Env::new();
    let text = "The grain board met on Monday and raised the price of wheat by four percent.";
    let w = |file: &str, id: &str, date: &str, body: &str| {
        env.write(
            &format!("c/{file}.jsonl"),
            format!("{{\"id\": \"{id}\", \"title\": \"Grain {id}\", \"date\": \"{date}\", \"body\": \"{body}\"}}\n"),
        );
    };
    w("b-p", "P", "1987-03-01", text);
    w("a-q", "Q", "1987-03-02", "");
    env.index("c", &["--batch", "1"]);
    w("a-q", "Q", "1987-03-02", text);
    w("b-p", "P", "1987-03-01", "");
    env.index("c", &["--batch", "1"]);
    let out = env.run(&["check"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    let q = env.json(&["show", "Q", "--json"]);
    assert_eq!(q["passages"][0]["kind"], "original", "{q}");
}
