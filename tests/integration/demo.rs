//! The demo corpus: the example query and the repeated paragraph.

use crate::util::{demo_corpus, Env};

#[test]
fn bukele_deportees_finds_the_el_salvador_stories_first() {
    let env = Env::new();
    let corpus = demo_corpus();
    let out = env.ok(&["search", "Bukele deportees", "--json", "--corpus", corpus.to_str().unwrap()]);
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    let hits = r["hits"].as_array().unwrap();
    assert!(hits.len() >= 3, "{r}");
    for h in &hits[..3] {
        let text = format!("{} {}", h["title"], h["snippet"]).to_lowercase();
        assert!(text.contains("el salvador") || text.contains("bukele"), "off-topic hit in the top 3: {h}");
    }
    // Collapsed by default: the syndicated copy is listed under the original, not as its own hit.
    assert_eq!(hits[0]["id"], "corpus/harbor-ledger/2025-03-16-el-salvador-prison-deal.txt", "{r}");
    assert_eq!(hits[0]["duplicates"], serde_json::json!(["corpus/bay-courier/el-salvador-deportees-syndicated.html"]));
    assert_eq!(
        (r["total_hits"].as_u64(), r["total_clusters"].as_u64(), r["collapsed"].as_bool()),
        (Some(4), Some(3), Some(true))
    );
    // "US State Department" and "State Department" are one organisation in the sidebar.
    let orgs: Vec<&str> = r["facets"]["org"].as_array().unwrap().iter().map(|v| v["value"].as_str().unwrap()).collect();
    assert!(orgs.contains(&"State Department") && !orgs.contains(&"US State Department"), "{orgs:?}");
    let raw = env.json(&["search", "Bukele deportees", "--json", "--no-collapse"]);
    let ids: Vec<&str> = raw["hits"].as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 4);
    assert!(ids[..2].contains(&"corpus/harbor-ledger/2025-03-16-el-salvador-prison-deal.txt"), "{ids:?}");
    assert!(ids[..2].contains(&"corpus/bay-courier/el-salvador-deportees-syndicated.html"), "{ids:?}");
    assert!(raw.get("total_clusters").is_none());
}

#[test]
fn the_syndicated_copy_lands_in_the_original_cluster_with_its_passages_marked() {
    let env = Env::new();
    env.ok(&["index", demo_corpus().to_str().unwrap()]);
    let original = "corpus/harbor-ledger/2025-03-16-el-salvador-prison-deal.txt";
    let copy = env.json(&["show", "corpus/bay-courier/el-salvador-deportees-syndicated.html", "--json"]);
    assert_eq!(copy["dup_cluster"], original);
    let kinds: Vec<&str> = copy["passages"].as_array().unwrap().iter().map(|p| p["kind"].as_str().unwrap()).collect();
    // Two paragraphs were lightly edited (near), the rest copied verbatim (cross); its own credit line is original.
    assert_eq!(kinds.iter().filter(|k| **k == "near").count(), 2, "{kinds:?}");
    assert_eq!(kinds.iter().filter(|k| **k == "cross").count(), 4, "{kinds:?}");
    assert_eq!(kinds.last(), Some(&"original"));
    for p in copy["passages"].as_array().unwrap().iter().filter(|p| p["kind"] != "original") {
        assert_eq!(p["of"]["id"], original);
        assert!(p["similarity"].as_f64().unwrap() >= 0.5);
    }
    // Every other article of the demo corpus is its own cluster.
    let dups = env.json(&["dups", "--json"]);
    assert_eq!(dups["clusters_total"], 1, "{dups}");
    assert_eq!(dups["clusters"][0]["size"], 2);
}

#[test]
fn a_new_copy_of_an_old_story_is_found_incrementally_and_deleting_the_original_updates_marks() {
    let env = Env::new();
    crate::util::copy_dir(&demo_corpus(), &env.path("news"));
    env.index("news", &[]);
    let original = "news/harbor-ledger/2025-03-16-el-salvador-prison-deal.txt";
    let body = env.json(&["show", original, "--json"])["body"].as_str().unwrap().replace("Sunday", "Sunday evening");
    let copy = serde_json::json!({"id": "late-copy", "title": "Salvador deal (reprint)", "body": body, "date": "2025-04-01", "source": "Reprint Weekly"});
    env.write("news/reprints/late.json", copy.to_string());
    let s = env.index("news", &[]);
    assert_eq!((s["added"].as_u64(), s["unchanged"].as_u64()), (Some(1), Some(24)), "{s}");
    let late = env.json(&["show", "late-copy", "--json"]);
    assert_eq!(late["dup_cluster"], original);
    let marked = late["passages"].as_array().unwrap().iter().filter(|p| p["of"]["id"] == original).count();
    assert!(marked >= 7, "{late}");

    std::fs::remove_file(env.path(original)).unwrap();
    let s = env.index("news", &[]);
    assert_eq!(s["deleted"], 1, "{s}");
    for id in ["late-copy", "news/bay-courier/el-salvador-deportees-syndicated.html"] {
        let a = env.json(&["show", id, "--json"]);
        assert_ne!(a["dup_cluster"], original, "{id} still in the deleted article's cluster");
        assert!(
            a["passages"].as_array().unwrap().iter().all(|p| p["of"]["id"] != original),
            "{id} still points at the deleted article"
        );
    }
    let late = env.json(&["show", "late-copy", "--json"]);
    assert_eq!(
        late["dup_cluster"], "news/bay-courier/el-salvador-deportees-syndicated.html",
        "the earlier copy is now the original"
    );
}

#[test]
fn the_repeated_paragraph_is_marked_intra_and_nothing_else_is() {
    let env = Env::new();
    env.ok(&["index", demo_corpus().to_str().unwrap()]);
    let a = env.json(&["show", "corpus/harbor-ledger/2025-03-16-el-salvador-prison-deal.txt", "--json"]);
    let passages = a["passages"].as_array().unwrap();
    let body = a["body"].as_str().unwrap();
    let marked: Vec<(usize, &serde_json::Value)> =
        passages.iter().enumerate().filter(|(_, p)| p["kind"] != "original").collect();
    assert_eq!(marked.len(), 1, "{passages:?}");
    let (i, p) = marked[0];
    assert_eq!(p["kind"], "intra");
    let first = p["of"]["passage"].as_u64().unwrap() as usize;
    assert!(first < i);
    let text =
        |p: &serde_json::Value| &body[p["start"].as_u64().unwrap() as usize..p["end"].as_u64().unwrap() as usize];
    assert_eq!(text(p), text(&passages[first]));
    assert!(text(p).starts_with("The White House praised Bukele"));
}
