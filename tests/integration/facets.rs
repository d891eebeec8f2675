//! Facet counts, filters, alias resolution and date order.

use crate::util::indexed_demo;

#[test]
fn facet_counts_equal_the_hits_of_the_filtered_search() {
    let env = indexed_demo();
    for query in ["prison OR deportation OR travel", "the"] {
        let r = env.json(&["search", query, "--json", "--facets", "20", "--keyword-facets"]);
        assert_eq!(r["facets"]["counted"], "raw");
        for (kind, flag) in [("person", "--person"), ("org", "--org"), ("topic", "--topic"), ("keyword", "--keyword")] {
            let values = r["facets"][kind].as_array().unwrap();
            assert!(!values.is_empty(), "{query}: no {kind} facets");
            for v in values {
                let name = v["value"].as_str().unwrap();
                let filtered = env.json(&["search", query, "--json", "--facets", "0", flag, name]);
                assert_eq!(filtered["total_hits"], v["count"], "{query} {flag} {name}");
            }
        }
    }
}

#[test]
fn filters_combine_and_aliases_resolve() {
    let env = indexed_demo();
    let bukele = env.json(&["search", "the", "--json", "--person", "Bukele", "--no-collapse", "--limit", "50"]);
    let full = env.json(&["search", "the", "--json", "--person", "Nayib Bukele", "--no-collapse", "--limit", "50"]);
    assert_eq!(bukele["total_hits"], full["total_hits"], "a surname finds the full name");
    assert!(bukele["total_hits"].as_u64().unwrap() >= 3);
    let both = env.json(&["search", "the", "--json", "--person", "Bukele", "--org", "White House"]);
    assert!(both["total_hits"].as_u64().unwrap() <= bukele["total_hits"].as_u64().unwrap());
    let either = env.json(&["search", "the", "--json", "--person", "Bukele", "--person", "Omar Haddad"]);
    assert_eq!(either["total_hits"].as_u64().unwrap(), bukele["total_hits"].as_u64().unwrap() + 1, "OR within a field");
    let march_20s =
        env.search_ids("the", &["--since", "2025-03-20", "--until", "2025-03-22T23:59:59Z", "--limit", "50"]);
    assert_eq!(march_20s.len(), 3, "{march_20s:?}");
    assert_eq!(env.search_ids("the", &["--source", "Midland Daily Record", "--limit", "50"]).len(), 3);
    let out = env.run(&["search", "the", "--person", "Nobody Known"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && stderr.contains("No person named \"Nobody Known\""), "{stderr}");
}

#[test]
fn date_order_is_newest_first() {
    let env = indexed_demo();
    let r = env.json(&["search", "the", "--json", "--sort", "date", "--limit", "10", "--no-collapse"]);
    let dates: Vec<&str> = r["hits"].as_array().unwrap().iter().map(|h| h["date"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    assert_eq!(dates[0], "2025-03-24T21:00:00Z", "the newest demo article comes first");
    // Counts do not depend on the order: the date-sorted pass counts the same facets, matches
    // and distinct stories as the relevance-sorted one.
    let by_score = env.json(&["search", "the", "--json", "--keyword-facets"]);
    let by_date = env.json(&["search", "the", "--json", "--keyword-facets", "--sort", "date"]);
    for key in ["facets", "total_hits", "total_clusters"] {
        assert_eq!(by_score[key], by_date[key], "{key}");
    }
    assert!(by_date["total_clusters"].as_u64().unwrap() < by_date["total_hits"].as_u64().unwrap());
}

#[test]
fn entity_ranking_explains_its_parts_and_bm25_has_none() {
    let env = indexed_demo();
    let r = env.json(&["search", "Bukele", "--json", "--explain", "--no-collapse"]);
    for h in r["hits"].as_array().unwrap() {
        let e = &h["explain"];
        let (text, ent, total) =
            (e["text"].as_f64().unwrap(), e["entities"].as_f64().unwrap(), e["total"].as_f64().unwrap());
        assert!((text + ent - total).abs() < 1e-3 && (total - h["score"].as_f64().unwrap()).abs() < 1e-3, "{e}");
        assert!(ent > 0.0, "every Bukele article names him: {h}");
    }
    let plain = env.json(&["search", "Bukele", "--json", "--explain", "--rank", "bm25", "--no-collapse"]);
    for h in plain["hits"].as_array().unwrap() {
        assert!(h["explain"]["entities"].as_f64().unwrap().abs() < 1e-4, "{h}");
    }
    // A query naming no entity ranks the same either way.
    let a = env.search_ids("storm flooding", &["--no-collapse"]);
    let b = env.search_ids("storm flooding", &["--no-collapse", "--rank", "bm25"]);
    assert_eq!(a, b);
}

#[test]
fn eval_scores_rankings_against_judgments() {
    let env = indexed_demo();
    env.write("q.tsv", "q1\tBukele prison\nq2\tfrog\nq9\tunjudged\n");
    env.write("qrels.txt", "q1 0 corpus/harbor-ledger/2025-03-16-el-salvador-prison-deal.txt 1\nq1 0 corpus/capital-dispatch/2025-03-17-bukele-white-house.md 1\nq2 0 pws-2025-0305 1\n");
    let out: serde_json::Value =
        serde_json::from_str(&env.ok(&["eval", "--queries", "q.tsv", "--qrels", "qrels.txt", "--json"])).unwrap();
    for rank in ["bm25", "entities"] {
        let m = &out[rank];
        assert_eq!(m["queries"], 2);
        assert!((m["recall100"].as_f64().unwrap() - 1.0).abs() < 1e-9, "{m}");
        assert!(m["map10"].as_f64().unwrap() > 0.5, "{m}");
    }
}

#[test]
fn corpus_wide_facets_count_every_article() {
    let env = indexed_demo();
    let all = env.json(&["facets", "--json"]);
    assert_eq!(all["articles"], 24);
    let bukele =
        all["facets"]["person"].as_array().unwrap().iter().find(|v| v["value"] == "Nayib Bukele").unwrap().clone();
    let filtered = env.json(&["search", "*", "--json", "--person", "Nayib Bukele", "--facets", "0"]);
    assert_eq!(filtered["total_hits"], bukele["count"]);
    let orgs_only = env.json(&["facets", "--field", "org", "--json", "--query", "prison"]);
    assert!(orgs_only["facets"].get("person").is_none());
    assert!(orgs_only["articles"].as_u64().unwrap() < 24);
}

#[test]
fn demo_articles_get_their_topics() {
    let env = indexed_demo();
    let topics = |id: &str| -> Vec<String> {
        env.json(&["show", id, "--json"])["topics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["path"].as_str().unwrap().to_string())
            .collect()
    };
    let salvador = topics("corpus/harbor-ledger/2025-03-16-el-salvador-prison-deal.txt");
    for want in ["/topic/politics", "/topic/politics/migration", "/topic/crime-law-justice"] {
        assert!(salvador.contains(&want.to_string()), "{salvador:?}");
    }
    assert!(topics("pws-2025-0301").contains(&"/topic/sport".to_string()));
    assert!(topics("pws-2025-0302").contains(&"/topic/economy-business-finance".to_string()));
    let migration =
        env.json(&["search", "*", "--json", "--topic", "politics/migration", "--no-collapse", "--limit", "50"]);
    let politics = env.json(&["search", "*", "--json", "--topic", "politics", "--no-collapse", "--limit", "50"]);
    assert!(migration["total_hits"].as_u64().unwrap() >= 3);
    assert!(politics["total_hits"].as_u64() >= migration["total_hits"].as_u64(), "a subject includes its themes");
}

#[test]
fn demo_articles_get_keyphrases_as_facets() {
    let env = indexed_demo();
    let shown = env.json(&["show", "corpus/harbor-ledger/2025-03-16-el-salvador-prison-deal.txt", "--json"]);
    let keywords: Vec<&str> = shown["keywords"].as_array().unwrap().iter().map(|k| k.as_str().unwrap()).collect();
    for want in ["deportees", "maximum security prison"] {
        assert!(keywords.contains(&want), "{keywords:?}");
    }
    // Names are facets already; function words never start or end a keyphrase.
    assert!(
        !keywords.iter().any(|k| k.contains("bukele") || k.starts_with("the ") || k.ends_with(" of")),
        "{keywords:?}"
    );
    let hits = env.json(&["search", "deportees", "--json", "--no-collapse", "--keyword", "Maximum-security prison"]);
    let ids: Vec<&str> = hits["hits"].as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"corpus/harbor-ledger/2025-03-16-el-salvador-prison-deal.txt"), "{ids:?}");
    assert!(hits["hits"]
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["keywords"].as_array().unwrap().contains(&"maximum security prison".into())));
    let listed = env.json(&["facets", "--field", "keyword", "--json", "--limit", "500"]);
    assert!(listed["facets"]["keyword"].as_array().unwrap().iter().any(|v| v["value"] == "deportees"));
}

/// Four short articles written for this test: one about a mayor (all-caps headline, lead,
/// four mentions), one naming her once in passing, one without her, one naming an
/// organisation only by its long name.
fn salience_corpus() -> crate::util::Env {
    let env = crate::util::Env::new();
    let articles = [
        ("about", "HALVORSEN UNVEILS HARBOUR PLAN", "Mayor Ingrid Halvorsen on Tuesday unveiled a plan to rebuild the old harbour of Nordvik.\n\nHalvorsen said the work would start in the autumn and take three years.\n\nCritics said Halvorsen had not explained how the city would pay for it.\n\nHalvorsen answered that the port authority would share the cost."),
        ("passing", "Ferry timetable changes in Nordvik", "The ferry company will add two evening crossings from June.\n\nPassengers have asked for later ferries for years, the company said.\n\nThe changes were welcomed at a council meeting chaired by Halvorsen."),
        ("other", "Fishing quotas cut", "Regulators cut cod quotas for the northern fleet by a tenth.\n\nFishermen said the cut would cost jobs along the coast."),
        ("authority", "Port fees to rise", "The International Harbour Authority said on Monday that port fees would rise by four percent next year.\n\nThe International Harbour Authority blamed higher dredging costs."),
    ];
    let lines: Vec<String> = articles
        .iter()
        .map(|(id, title, body)| {
            serde_json::json!({"id": id, "title": title, "date": "2025-05-02", "body": body}).to_string()
        })
        .collect();
    env.write("corpus/news.jsonl", lines.join("\n") + "\n");
    env.index("corpus", &[]);
    env
}

#[test]
fn salient_entities_outrank_passing_mentions_and_name_only_matches_are_found() {
    let env = salience_corpus();
    let about = env.json(&["show", "about", "--json"]);
    let mayor = &about["entities"]["people"][0];
    assert_eq!(mayor["name"], "Ingrid Halvorsen");
    assert_eq!(mayor["headline"], true, "an all-caps headline word that is her surname counts: {mayor}");
    assert_eq!(mayor["lead"], true, "{mayor}");
    let r = env.json(&["search", "Halvorsen", "--json", "--explain", "--no-collapse"]);
    let hits = r["hits"].as_array().unwrap();
    let ids: Vec<&str> = hits.iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["about", "passing"]);
    let part = |i: usize| hits[i]["explain"]["entities"].as_f64().unwrap();
    assert!(part(0) > part(1) && part(1) > 0.0, "salience orders the entity part: {hits:?}");
    // The acronym names the organisation: its article matches although it never writes "IHA".
    assert_eq!(env.search_ids("IHA", &["--no-collapse"]), ["authority"]);
    assert!(env.search_ids("IHA", &["--no-collapse", "--rank", "bm25"]).is_empty());
}
