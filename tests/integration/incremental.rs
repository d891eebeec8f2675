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

/// Writes one article as a JSON Lines file `c/<id>.jsonl` (no source: boilerplate needs none).
fn article(env: &Env, id: &str, date: &str, body: &str) {
    let body = serde_json::to_string(body).unwrap();
    env.write(
        &format!("c/{id}.jsonl"),
        format!("{{\"id\": \"{id}\", \"title\": \"Notice {id}\", \"date\": \"{date}\", \"body\": {body}}}\n"),
    );
}

fn assert_sound(env: &Env) {
    let out = env.run(&["check"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn boilerplate_marks_follow_their_first_holder_when_it_changes() {
    // Six articles end with the same line in different settings: boilerplate, each mark pointing
    // to the oldest holder. That holder then drops the line: the others must not point to it.
    let env = Env::new();
    let line = "This notice was corrected after publication to show the latest figures.";
    let topics = ["wheat harvest", "copper mines", "shipping rates", "coffee prices", "steel output", "rail freight"];
    for (k, topic) in topics.iter().enumerate() {
        let lead = format!("The {topic} report number {k} describes a season unlike the one before it.");
        article(&env, &format!("n{k}"), &format!("1987-03-0{}", k + 1), &format!("{lead}\n\n{line}"));
    }
    env.index("c", &[]);
    let n1 = env.json(&["show", "n1", "--json"]);
    assert_eq!(n1["passages"][1]["kind"], "boilerplate", "{n1}");
    assert_eq!(n1["passages"][1]["of"]["id"], "n0", "{n1}");
    article(&env, "n0", "1987-03-01", "The wheat harvest report was withdrawn.");
    env.index("c", &[]);
    assert_sound(&env);
    let n1 = env.json(&["show", "n1", "--json"]);
    assert_ne!(n1["passages"][1]["of"]["id"], "n0", "{n1}");
}

#[test]
fn an_article_marked_again_keeps_the_marks_that_point_to_it() {
    // A copies P's paragraph and adds one of its own, which B copies. P changes (A is marked
    // again, unchanged), then A changes: B, which points to A's second paragraph, must follow.
    let env = Env::new();
    let t = "The port authority said on Tuesday that container traffic rose by a fifth in February.";
    let u = "Dock workers at the eastern terminal voted to accept a new three year wage agreement.";
    article(&env, "p", "1987-03-01", t);
    article(&env, "a", "1987-03-02", &format!("{t}\n\n{u}"));
    article(&env, "b", "1987-03-03", u);
    env.index("c", &[]);
    let b = env.json(&["show", "b", "--json"]);
    assert_eq!(b["passages"][0]["of"]["id"], "a", "{b}");
    article(&env, "p", "1987-03-01", "The port authority report was withdrawn.");
    env.index("c", &[]);
    assert_sound(&env);
    article(&env, "a", "1987-03-02", "The terminal report was withdrawn.");
    env.index("c", &[]);
    assert_sound(&env);
    let b = env.json(&["show", "b", "--json"]);
    assert_eq!(b["passages"][0]["kind"], "original", "{b}");
}
