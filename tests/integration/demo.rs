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
    let ids: Vec<&str> = hits.iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert!(ids[..2].contains(&"harbor-ledger/2025-03-16-el-salvador-prison-deal.txt"), "{ids:?}");
    assert!(ids[..2].contains(&"bay-courier/el-salvador-deportees-syndicated.html"), "{ids:?}");
}

#[test]
fn the_repeated_paragraph_is_marked_intra_and_nothing_else_is() {
    let env = Env::new();
    env.ok(&["index", demo_corpus().to_str().unwrap()]);
    let a = env.json(&["show", "harbor-ledger/2025-03-16-el-salvador-prison-deal.txt", "--json"]);
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
