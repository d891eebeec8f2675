//! What a new user hit: articles lost to same-named files, filters that answered nothing without
//! a word, wrong counts, and routine reports hidden as copies.

use crate::util::{indexed_demo, Env};

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

#[test]
fn same_file_name_in_two_folders_gives_two_articles() {
    let env = Env::new();
    env.write("deskA/today.txt", "Harbour crane fails\n\nThe harbour crane failed on Monday.\n");
    env.write("deskB/today.txt", "Museum roof leaks\n\nThe museum roof leaked on Monday.\n");
    // One after the other…
    env.index("deskA", &[]);
    let s = env.index("deskB", &[]);
    assert_eq!(
        (s["added"].as_u64(), s["updated"].as_u64(), s["articles"].as_u64()),
        (Some(1), Some(0), Some(2)),
        "{s}"
    );
    assert_eq!(env.search_ids("crane", &[]), ["deskA/today.txt"]);
    assert_eq!(env.search_ids("museum", &[]), ["deskB/today.txt"]);
    // …and in one run.
    let s = env.json(&["--index", env.path("one-run").to_str().unwrap(), "index", "deskA", "deskB", "--json"]);
    assert_eq!((s["added"].as_u64(), s["skipped"].as_u64()), (Some(2), Some(0)), "{s}");
}

#[test]
fn two_folders_with_the_same_name_get_different_prefixes() {
    let env = Env::new();
    env.write("a/news/x.txt", "First story\n\nAbout ferries.\n");
    env.write("b/news/x.txt", "Second story\n\nAbout tramways.\n");
    env.index("a/news", &[]);
    env.index("b/news", &[]);
    assert_eq!(env.search_ids("ferries", &[]), ["news/x.txt"]);
    assert_eq!(env.search_ids("tramways", &[]), ["news-2/x.txt"]);
    // The names stay with their folders on later runs.
    env.write("a/news/y.txt", "Third story\n\nAbout ferries again.\n");
    env.index("a/news", &[]);
    assert_eq!(env.search_ids("tramways", &[]), ["news-2/x.txt"]);
}

#[test]
fn an_explicit_id_another_folder_uses_is_refused_per_file() {
    let env = Env::new();
    env.write("deskA/a.json", r#"{"id": "story-1", "title": "Crane fails", "body": "The crane failed."}"#);
    env.write("deskB/b.json", r#"{"id": "story-1", "title": "Roof leaks", "body": "The roof leaked."}"#);
    env.index("deskA", &[]);
    let out = env.run(&["index", "deskB", "--json"]);
    let s: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((s["skipped_by_reason"]["duplicate_id"].as_u64(), s["updated"].as_u64()), (Some(1), Some(0)), "{s}");
    let err = stderr_of(&out);
    assert!(err.contains("b.json") && err.contains("already used by"), "{err}");
    assert_eq!(env.search_ids("crane", &[]), ["story-1"], "the first article is kept");
}

/// Two people share a surname; a third article names neither.
fn bakers() -> Env {
    let env = Env::new();
    env.write(
        "news/a.txt",
        "Dollar talks\n\nTreasury Secretary James Baker said the dollar would hold. James Baker spoke in Paris.\n",
    );
    env.write("news/b.txt", "Dollar falls\n\nJames Baker met bankers as the dollar fell. Baker said little.\n");
    env.write(
        "news/c.txt",
        "Senate vote\n\nSenator Howard Baker said the dollar vote would wait. Howard Baker left early.\n",
    );
    env.write("news/d.txt", "Dollar steady\n\nTraders said the dollar was steady on Friday.\n");
    env.index("news", &[]);
    env
}

#[test]
fn a_surname_filters_to_everyone_of_that_name_in_flags_queries_and_facets() {
    let env = bakers();
    let flag = env.search_ids("dollar", &["--person", "Baker", "--no-collapse"]);
    assert_eq!(flag.len(), 3, "{flag:?}");
    let mut in_query = env.search_ids("dollar person:baker", &["--no-collapse"]);
    let mut flag_sorted = flag.clone();
    in_query.sort();
    flag_sorted.sort();
    assert_eq!(in_query, flag_sorted, "--person and person: agree");
    let facets = env.json(&["facets", "--person", "Baker", "--json"]);
    assert_eq!(facets["articles"], 3, "{facets}");
    // A facet value selects what its count says.
    let r = env.json(&["search", "dollar", "--json", "--no-collapse"]);
    for v in r["facets"]["person"].as_array().unwrap() {
        let hits = env.json(&["search", "dollar", "--json", "--no-collapse", "--person", v["value"].as_str().unwrap()]);
        assert_eq!(hits["total_hits"], v["count"], "{v}");
    }
}

#[test]
fn until_includes_its_day_and_months_and_years_work() {
    let env = Env::new();
    for (name, date) in [("a", "1987-03-31T09:00:00Z"), ("b", "1987-04-01T18:30:00Z"), ("c", "1987-04-02T08:00:00Z")] {
        env.write(
            &format!("news/{name}.json"),
            format!(r#"{{"title": "Wheat {name}", "body": "Wheat report.", "date": "{date}"}}"#),
        );
    }
    env.index("news", &[]);
    let ids = |extra: &[&str]| {
        let mut v = env.search_ids("wheat", &[&["--no-collapse"], extra].concat());
        v.sort();
        v
    };
    assert_eq!(ids(&["--until", "1987-04-01"]), ["news/a.json", "news/b.json"]);
    assert_eq!(ids(&["--since", "1987-04", "--until", "1987-04"]), ["news/b.json", "news/c.json"]);
    assert_eq!(ids(&["--since", "1987"]).len(), 3);
    let out = env.run(&["search", "wheat", "--since", "1987-05-01", "--until", "1987-04-01"]);
    assert!(!out.status.success() && stderr_of(&out).contains("ends earlier"), "{}", stderr_of(&out));
}

#[test]
fn topics_and_sources_by_name_or_a_clear_error() {
    let env = indexed_demo();
    let migration = env.json(&["search", "the", "--json", "--topic", "politics/migration"]);
    let by_theme = env.json(&["search", "the", "--json", "--topic", "migration"]);
    assert!(migration["total_hits"].as_u64().unwrap() > 0);
    assert_eq!(migration["total_hits"], by_theme["total_hits"]);
    let out = env.run(&["search", "the", "--topic", "knitting"]);
    let err = stderr_of(&out);
    assert!(
        !out.status.success() && err.contains("No topic named \"knitting\"; known topics:") && err.contains("sport"),
        "{err}"
    );
    let out = env.run(&["search", "the", "--source", "Daily Bugle"]);
    let err = stderr_of(&out);
    assert!(!out.status.success() && err.contains("known sources:") && err.contains("Capital Dispatch"), "{err}");
    let ledger = env.json(&["search", "the", "--json", "--source", "ledger", "--no-collapse"]);
    assert!(ledger["hits"].as_array().unwrap().iter().all(|h| h["source"] == "The Harbor Ledger"), "{ledger}");
}

#[test]
fn filters_alone_list_articles_newest_first() {
    let env = indexed_demo();
    let r = env.json(&["search", "--person", "Nayib Bukele", "--json", "--no-collapse", "--limit", "50"]);
    let dates: Vec<&str> = r["hits"].as_array().unwrap().iter().map(|h| h["date"].as_str().unwrap()).collect();
    assert!(dates.len() >= 3, "{r}");
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    let star = env.json(&["search", "*", "--person", "Nayib Bukele", "--json", "--no-collapse", "--limit", "50"]);
    assert_eq!(star["total_hits"], r["total_hits"]);
}

#[test]
fn an_or_query_that_a_filter_empties_does_not_claim_a_fallback() {
    let env = indexed_demo();
    let r = env.json(&["search", "zzzqqq wwwxxx", "--json"]);
    assert!(r.get("fallback").is_none(), "nothing found either way: {r}");
    let out = env.ok(&["search", "zzzqqq wwwxxx"]);
    assert!(!out.contains("any of them"), "{out}");
}

#[test]
fn stats_and_the_summary_count_this_run_and_the_index_apart() {
    let env = Env::new();
    env.write("mine/a.txt", "One\n\nFirst body.\n");
    env.write("mine/b.txt", "Two\n\nSecond body.\n");
    env.write("mine2/c.txt", "Three\n\nThird body.\n");
    env.index("mine", &[]);
    env.write("mine/b.txt", "Two revised\n\nSecond body, revised.\n");
    env.index("mine", &[]);
    env.index("mine2", &[]);
    let s = env.index("mine", &[]);
    assert_eq!((s["unchanged"].as_u64(), s["added"].as_u64(), s["articles"].as_u64()), (Some(2), Some(0), Some(3)));
    assert_eq!(s["docs_per_sec"], 0.0, "no work, no rate: {s}");
    let stats = env.json(&["stats", "--json"]);
    let per_root: Vec<(String, u64)> = stats["roots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["name"].as_str().unwrap().to_string(), r["articles"].as_u64().unwrap()))
        .collect();
    assert!(per_root.contains(&("mine".into(), 2)) && per_root.contains(&("mine2".into(), 1)), "{per_root:?}");
    let line = String::from_utf8_lossy(&env.run(&["index", "mine"]).stdout).to_string();
    assert!(
        line.contains("This run: 2 files seen, 2 read, 0 added") && line.contains("now holds 3 articles"),
        "{line}"
    );
}

#[test]
fn the_others_of_a_cluster_are_counted_in_full_and_plurals_agree() {
    let env = Env::new();
    let body = "The city council approved the new harbour bridge on Tuesday after a long debate about costs and traffic.\n\n\
                Construction is expected to start next spring and last three years, the mayor said at a press conference.";
    for i in 0..25 {
        let record = serde_json::json!({"id": format!("copy-{i:02}"), "title": "Bridge approved", "body": body,
            "date": format!("2025-03-{:02}", 1 + i), "source": format!("Outlet {i}")});
        env.write(&format!("news/{i:02}.json"), record.to_string());
    }
    env.index("news", &[]);
    let r = env.json(&["search", "harbour bridge", "--json"]);
    assert_eq!(r["hits"][0]["cluster_size"], 25, "{r}");
    assert_eq!(r["hits"][0]["duplicates"].as_array().unwrap().len(), 20);
    let text = env.ok(&["search", "harbour bridge"]);
    assert!(text.contains("also published by 24 others") && text.contains("and 4 more"), "{text}");
    assert!(text.contains("25 articles match") && text.contains("1 distinct story"), "{text}");
}

#[test]
fn weekly_reports_with_other_figures_are_not_one_story() {
    let env = Env::new();
    let week = |day: u32, low: u32, high: u32, last: u32| {
        format!(
            "Chicago Mercantile Exchange floor traders and commission house representatives are guesstimating \
             today's hog slaughter at about {low},000 to {high},000 head versus {last},000 a week ago and 312,000 a year ago.\n\n\
             Cattle slaughter is guesstimated at about 1{day},000 to 13{day},000 head versus 13{day},000 week ago and 12{day},000 a year ago."
        )
    };
    for (i, (low, high, last)) in
        [(290, 300, 301), (280, 295, 299), (305, 310, 288), (270, 285, 304)].into_iter().enumerate()
    {
        let record = serde_json::json!({"id": format!("hogs-{i}"), "title": "Hog and cattle slaughter guesstimates",
            "body": week(i as u32 + 1, low, high, last), "date": format!("1987-03-{:02}", 2 + 7 * i)});
        env.write(&format!("news/{i}.json"), record.to_string());
    }
    // A true copy of the first report joins its story.
    let copy = serde_json::json!({"id": "hogs-0-copy", "title": "Hog and cattle slaughter guesstimates",
        "body": week(1, 290, 300, 301), "date": "1987-03-03"});
    env.write("news/copy.json", copy.to_string());
    env.index("news", &[]);
    let r = env.json(&["search", "hog slaughter guesstimates", "--json"]);
    assert_eq!(r["total_hits"], 5);
    assert_eq!(r["total_clusters"], 4, "four weeks, one reprint: {r}");
    let copy = env.json(&["show", "hogs-0-copy", "--json"]);
    assert_eq!(copy["dup_cluster"], "hogs-0");
    // The paragraph-level marks stay.
    let later = env.json(&["show", "hogs-1", "--json"]);
    assert!(later["passages"].as_array().unwrap().iter().any(|p| p["kind"] == "near"), "{later}");
}

#[test]
fn rough_edges() {
    let env = indexed_demo();
    // A leading exclusion is not an unknown flag.
    let out = env.run(&["search", "-coffee"]);
    assert!(stderr_of(&out).contains("search -- -coffee"), "{}", stderr_of(&out));
    // A missing --index is not filled from ./corpus.
    env.write("corpus/a.txt", "Title\n\nBody.\n");
    let out = env.run(&["--index", env.path("elsewhere").to_str().unwrap(), "search", "body"]);
    assert!(!out.status.success() && stderr_of(&out).contains("No newsdex index"), "{}", stderr_of(&out));
    assert!(!env.path("elsewhere").exists());
    // --strict -q still says which files failed.
    env.write("bad/broken.json", "{\"title\": ");
    env.write("bad/good.txt", "Good\n\nBody.\n");
    let out = env.run(&["-q", "index", "bad", "--strict"]);
    assert!(!out.status.success() && stderr_of(&out).contains("broken.json"), "{}", stderr_of(&out));
    // `show` on a terminal lists what --json has.
    let shown = env.ok(&["show", "corpus/harbor-ledger/2025-03-16-el-salvador-prison-deal.txt"]);
    for part in ["people: Nayib Bukele", "orgs:", "topics: politics", "keywords:", "copies: 1 other article"] {
        assert!(shown.contains(part), "{part} missing:\n{shown}");
    }
    // One topic path format in facets and hits.
    let r = env.json(&["search", "Bukele deportees", "--json"]);
    assert!(r["hits"][0]["topics"].as_array().unwrap().iter().all(|t| !t["path"].as_str().unwrap().starts_with('/')));
}
