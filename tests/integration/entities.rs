//! People and organisations: the tagger's commands and the facets of indexed articles.

use crate::util::{demo_corpus, shared_data, Env};

#[test]
fn the_el_salvador_articles_name_their_people_and_organisations() {
    let env = Env::new();
    env.ok(&["index", demo_corpus().to_str().unwrap()]);
    for id in [
        "corpus/harbor-ledger/2025-03-16-el-salvador-prison-deal.txt",
        "corpus/capital-dispatch/2025-03-17-bukele-white-house.md",
    ] {
        let a = env.json(&["show", id, "--json"]);
        let people: Vec<&str> = a["people"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        let orgs: Vec<&str> = a["orgs"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        assert!(people.contains(&"Nayib Bukele") && people.contains(&"Iván Espinoza-Madrigal"), "{id}: {people:?}");
        assert!(orgs.contains(&"White House") && orgs.contains(&"Lawyers for Civil Rights"), "{id}: {orgs:?}");
        assert!(!people.iter().any(|p| *p == "Bukele" || p.contains("Salvador")), "{id}: {people:?}");
        let salience: Vec<f64> =
            a["entities"]["people"].as_array().unwrap().iter().map(|e| e["salience"].as_f64().unwrap()).collect();
        assert!(salience.windows(2).all(|w| w[0] >= w[1]), "most salient first: {salience:?}");
    }
    let hit = &env.json(&["search", "Bukele deportees", "--json"])["hits"][0];
    assert!(hit["people"].as_array().unwrap().iter().any(|p| p == "Nayib Bukele"), "{hit}");
    assert_eq!(env.search_ids("person:bukele", &["--limit", "50"]).len(), 3);
    assert!(env.search_ids("org:\"lawyers for civil rights\"", &["--limit", "50"]).len() >= 2);
}

#[test]
fn ner_tags_text_with_offsets() {
    let env = Env::new();
    let text = "President Nayib Bukele met officials of the International Monetary Fund in San Salvador on Monday.";
    let out: serde_json::Value = serde_json::from_str(&env.ok(&["ner", text, "--json"])).unwrap();
    let found: Vec<(String, String)> = out["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let (s, e) = (m["start"].as_u64().unwrap() as usize, m["end"].as_u64().unwrap() as usize);
            assert_eq!(&text[s..e], m["text"].as_str().unwrap());
            (m["kind"].as_str().unwrap().to_string(), m["text"].as_str().unwrap().to_string())
        })
        .collect();
    assert!(found.contains(&("PER".into(), "Nayib Bukele".into())), "{found:?}");
    assert!(found.contains(&("ORG".into(), "International Monetary Fund".into())), "{found:?}");
    assert!(found.contains(&("LOC".into(), "San Salvador".into())), "{found:?}");
}

#[test]
fn ner_reads_a_file_as_index_does() {
    let env = Env::new();
    env.write(
        "page.html",
        "<html><head><title>Metro Daily</title></head><body><article><h1>Port deal</h1>\
         <p>Mayor Paula Richter met officials of the International Monetary Fund on Monday.</p></article></body></html>",
    );
    let out: serde_json::Value = serde_json::from_str(&env.ok(&["ner", "--file", "page.html", "--json"])).unwrap();
    let texts: Vec<&str> = out["entities"].as_array().unwrap().iter().map(|m| m["text"].as_str().unwrap()).collect();
    assert!(texts.contains(&"Paula Richter"), "{texts:?}");
    assert!(texts.iter().all(|t| !t.contains('<') && !t.contains("</")), "markup was tagged: {texts:?}");
}

#[test]
fn ner_conll_appends_one_tag_per_token_line() {
    let env = Env::new();
    env.write("in.txt", "-DOCSTART- -X- -X- O\n\nPeter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\nvisited VBD B-VP O\nGermany NNP B-NP B-LOC\n. . O O\n");
    let out = env.ok(&["ner", "--conll", env.path("in.txt").to_str().unwrap()]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 7);
    assert_eq!(lines[0], "-DOCSTART- -X- -X- O");
    assert_eq!(lines[1], "");
    assert_eq!(lines[2], "Peter NNP B-NP B-PER B-PER");
    assert_eq!(lines[3], "Blackburn NNP I-NP I-PER I-PER");
    assert_eq!(lines[5], "Germany NNP B-NP B-LOC B-LOC");
}

#[test]
#[ignore = "needs ../shared/data; .ci/run runs it (cargo test -- --ignored)"]
fn the_built_in_model_meets_its_dev_floors() {
    let dev = shared_data("conll2003/valid.txt");
    let env = Env::new();
    let out: serde_json::Value =
        serde_json::from_str(&env.ok(&["eval-ner", "--conll", dev.to_str().unwrap(), "--json"])).unwrap();
    let f1 =
        |t: &str| out["scores"].as_array().unwrap().iter().find(|s| s["entity"] == t).unwrap()["f1"].as_f64().unwrap();
    assert!(f1("PER") >= 0.96, "PER F1 {}", f1("PER"));
    assert!(f1("ORG") >= 0.896, "ORG F1 {}", f1("ORG"));
}

#[test]
fn eval_ner_scores_a_model_file_instead_of_the_built_in_one() {
    // A tagging no model trained on news would give: kitchen things as organisations.
    let env = Env::new();
    let text = "-DOCSTART- -X- -X- O\n\nthe NN O O\nkettle NN O B-ORG\nboiled VBD O O\n. . O O\n\n\
                the NN O O\nteapot NN O B-ORG\ncracked VBD O O\n. . O O\n";
    env.write("tiny.conll", text);
    env.ok(&["train-ner", "--train", "tiny.conll", "--dev", "tiny.conll", "--epochs", "3", "--out", "tiny.bin.gz"]);
    let org_f1 = |extra: &[&str]| {
        let mut args = vec!["eval-ner", "--conll", "tiny.conll", "--json"];
        args.extend_from_slice(extra);
        let out = env.json(&args);
        out["scores"].as_array().unwrap().iter().find(|s| s["entity"] == "ORG").unwrap()["f1"].as_f64().unwrap()
    };
    assert_eq!(org_f1(&["--model", "tiny.bin.gz"]), 1.0);
    assert_eq!(org_f1(&[]), 0.0, "the built-in model");
    let out = env.run(&["eval-ner", "--conll", "tiny.conll", "--model", "missing.bin.gz"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("missing.bin.gz") && err.contains("train-ner"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_lone_surname_maps_to_the_full_name_that_dominates_the_corpus() {
    let env = Env::new();
    env.write("news/a.txt", "Port deal signed\n\nHarbour minister Paula Richter signed the port deal on Monday. Richter said it would create jobs.\n");
    env.write("news/b.txt", "Ferry strike\n\nPaula Richter met ferry workers on Tuesday to end the strike.\n");
    env.write("news/c.txt", "Budget talks\n\nThe budget was agreed after Richter said the port would get more money, officials told reporters.\n");
    env.index("news", &[]);
    let c = env.json(&["show", "news/c.txt", "--json"]);
    assert_eq!(c["people"], serde_json::json!(["Paula Richter"]), "{c}");
    assert_eq!(env.search_ids("person:\"paula richter\"", &["--limit", "10"]).len(), 3);
}
