//! Faults while indexing (built with `--features failpoints`): a run stopped at any step leaves
//! the last complete generation answering exactly as before, and a rerun ends with exactly the
//! articles a clean run gives; `newsdex check` finds nothing wrong after each recovery.
#![cfg(feature = "failpoints")]

use crate::util::{copy_dir, demo_corpus, Env};

const POINTS: [&str; 8] = [
    "index:after_batch",
    "index:before_side_file_rename",
    "index:after_side_file_rename",
    "index:before_shard_commit",
    "index:after_shard_commit",
    "index:before_manifest_swap",
    "index:after_manifest_swap",
    "index:after_batch", // a second time, with 2-article batches (several batches)
];
const QUERIES: [&str; 4] = ["Bukele deportees", "copper strike", "museum", "the"];

/// Every article as `export` prints it, sorted by id.
fn exported(env: &Env, index: &str) -> Vec<serde_json::Value> {
    let out = env.ok(&["--index", env.path(index).to_str().unwrap(), "export"]);
    let mut all: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    all.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
    all
}

fn answers(env: &Env, index: &str) -> Vec<serde_json::Value> {
    QUERIES
        .iter()
        .map(|q| {
            let mut r =
                env.json(&["--index", env.path(index).to_str().unwrap(), "search", q, "--json", "--limit", "50"]);
            r.as_object_mut().unwrap().remove("took_us");
            r
        })
        .collect()
}

/// The demo corpus, then a second version of it: one article changed, one gone, two new.
fn second_version(env: &Env) {
    env.write(
        "news/extra/ferry.txt",
        "Ferry strike ends\n\nFerry crews returned to work on Tuesday after a two-day strike over pay.\n",
    );
    env.write(
        "news/extra/bridge.txt",
        "Bridge vote delayed\n\nThe council delayed its vote on the new harbour bridge until next month.\n",
    );
    std::fs::remove_file(env.path("news/northern-star/museum-reopens.md")).unwrap();
    let copper = env.path("news/northern-star/copper-mine-strike.txt");
    let text = std::fs::read_to_string(&copper).unwrap().replace("strike", "walkout");
    std::fs::write(copper, text).unwrap();
}

#[test]
fn a_run_stopped_at_any_step_loses_nothing_and_a_rerun_completes_it() {
    let env = Env::new();
    copy_dir(&demo_corpus(), &env.path("news"));
    // The clean run: version 1, then version 2.
    env.ok(&["--index", env.path("clean").to_str().unwrap(), "index", "news", "--shards", "2"]);
    let before_answers = answers(&env, "clean");
    let before = exported(&env, "clean");
    let corpus_v1 = env.path("v1");
    copy_dir(&env.path("news"), &corpus_v1);
    second_version(&env);
    env.ok(&["--index", env.path("clean").to_str().unwrap(), "index", "news"]);
    let after = exported(&env, "clean");
    assert_ne!(before, after);

    for (i, point) in POINTS.iter().enumerate() {
        // Version 1 indexed cleanly, then version 2 stopped at the point.
        let index = format!("faulty-{i}");
        let dir = env.path(&index);
        std::fs::remove_dir_all(env.path("news")).unwrap();
        copy_dir(&corpus_v1, &env.path("news"));
        env.ok(&["--index", dir.to_str().unwrap(), "index", "news", "--shards", "2"]);
        second_version(&env);
        let batch = if i == POINTS.len() - 1 { "2" } else { "10000" };
        let mut stopped = env.command(&["--index", dir.to_str().unwrap(), "index", "news", "--batch", batch]);
        stopped.env("FAILPOINTS", format!("{point}=panic"));
        let out = stopped.output().unwrap();
        assert!(!out.status.success(), "{point}: the run was not stopped");
        // The last complete generation answers as before (or, stopped after the manifest swap,
        // as the finished run does).
        let now = answers(&env, &index);
        if *point == "index:after_manifest_swap" {
            assert_eq!(exported(&env, &index), after, "{point}");
        } else {
            assert_eq!(now, before_answers, "{point}: answers changed");
            assert_eq!(exported(&env, &index), before, "{point}: articles changed");
        }
        let check = env.run(&["--index", dir.to_str().unwrap(), "check"]);
        assert!(check.status.success(), "{point}: {}", String::from_utf8_lossy(&check.stdout));
        // A rerun finishes with exactly what the clean run has.
        env.ok(&["--index", dir.to_str().unwrap(), "index", "news"]);
        assert_eq!(exported(&env, &index), after, "{point}: the rerun differs from a clean run");
        let check = env.run(&["--index", dir.to_str().unwrap(), "check"]);
        assert!(check.status.success(), "{point} after rerun: {}", String::from_utf8_lossy(&check.stdout));
    }
}
