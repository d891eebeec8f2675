//! The search library without the binary: a small index built through `run_index`, then the
//! order of hits, filters and counts checked through `NewsIndex::search` (as milli's
//! `tests/search/` do).

use newsdex::index::{run_index, IndexOptions, NoProgress};
use newsdex::search::{Filters, NewsIndex, Rank, SearchRequest, SortBy};

/// Six articles about two ports and a mayor, with dates and sources.
fn small_index() -> (tempfile::TempDir, NewsIndex) {
    let dir = tempfile::tempdir().unwrap();
    let news = dir.path().join("news");
    std::fs::create_dir_all(&news).unwrap();
    let articles = [
        ("a", "Mayor Paula Richter opens the harbour", "Mayor Paula Richter opened the new harbour on Monday. Richter said the harbour would bring jobs. Paula Richter thanked the workers.", "2025-03-03", "Harbor Ledger"),
        ("b", "Harbour fees rise", "The harbour board raised fees for ships. Paula Richter was not consulted.", "2025-03-05", "Capital Dispatch"),
        ("c", "Ferry timetable changes", "The ferry company changed its timetable for the summer season.", "2025-03-07", "Harbor Ledger"),
        ("d", "Harbour strike ends", "Dock workers at the harbour ended their strike after talks with the port authority.", "2025-04-02", "Pacific Wire"),
        ("e", "Museum buys a painting", "The city museum bought a painting by a local artist.", "2025-04-10", "Capital Dispatch"),
        ("f", "Harbour cranes arrive", "Two cranes arrived at the harbour by ship from Rotterdam.", "2025-04-12", "Pacific Wire"),
    ];
    for (id, title, body, date, source) in articles {
        let record = serde_json::json!({"id": id, "title": title, "body": body, "date": date, "source": source});
        std::fs::write(news.join(format!("{id}.json")), record.to_string()).unwrap();
    }
    let mut opts = IndexOptions::new(vec![news], dir.path().join("index"));
    opts.shards = Some(2);
    let summary = run_index(&opts, &NoProgress).unwrap();
    assert_eq!(summary.articles, 6);
    let index = NewsIndex::open(&dir.path().join("index")).unwrap();
    (dir, index)
}

fn ids(index: &NewsIndex, req: &SearchRequest) -> Vec<String> {
    index.search(req).unwrap().hits.into_iter().map(|h| h.id).collect()
}

#[test]
fn the_title_and_the_named_person_order_the_hits() {
    let (_dir, index) = small_index();
    let mut req = SearchRequest::new("harbour");
    req.collapse = false;
    let all = ids(&index, &req);
    assert_eq!(all.len(), 4, "{all:?}");
    assert!(["a", "b", "d", "f"].iter().all(|id| all.contains(&id.to_string())), "{all:?}");
    // The mayor's own article outranks the one that only mentions her.
    let mut richter = SearchRequest::new("Richter");
    richter.collapse = false;
    assert_eq!(ids(&index, &richter), ["a", "b"]);
    richter.rank = Rank::Bm25;
    assert_eq!(ids(&index, &richter).len(), 2);
}

#[test]
fn filters_and_counts_agree() {
    let (_dir, index) = small_index();
    let mut req = SearchRequest::new("harbour");
    req.collapse = false;
    req.filters = Filters { sources: vec!["Pacific Wire".into()], ..Filters::default() };
    let r = index.search(&req).unwrap();
    assert_eq!(r.total_hits, 2);
    let mut got: Vec<String> = r.hits.iter().map(|h| h.id.clone()).collect();
    got.sort();
    assert_eq!(got, ["d", "f"]);
    // A month, whole.
    req.filters = Filters {
        since: newsdex::search::filters::parse_date_bound("2025-04", false),
        until: newsdex::search::filters::parse_date_bound("2025-04", true),
        ..Filters::default()
    };
    assert_eq!(index.search(&req).unwrap().total_hits, 2);
    // Facet counts over the matches equal what their filters select.
    req.filters = Filters::default();
    let r = index.search(&req).unwrap();
    let facets = r.facets.unwrap();
    let months: Vec<(String, u64)> = facets.month.iter().map(|v| (v.value.clone(), v.count)).collect();
    assert_eq!(months, [("2025-03".to_string(), 2), ("2025-04".to_string(), 2)]);
    for v in &facets.source {
        let mut f = req.clone();
        f.filters = Filters { sources: vec![v.value.clone()], ..Filters::default() };
        assert_eq!(index.search(&f).unwrap().total_hits, v.count, "{}", v.value);
    }
}

#[test]
fn facet_counts_of_a_query_matching_nearly_everything_leave_out_deleted_articles() {
    // A query matching most of a segment counts its facets as the segment's totals minus the
    // articles it does not match; deleted articles must count in neither.
    let (dir, index) = small_index();
    drop(index);
    std::fs::remove_file(dir.path().join("news").join("c.json")).unwrap();
    let mut opts = IndexOptions::new(vec![dir.path().join("news")], dir.path().join("index"));
    opts.shards = Some(2);
    run_index(&opts, &NoProgress).unwrap();
    let index = NewsIndex::open(&dir.path().join("index")).unwrap();
    for query in ["the", "harbour", "Richter"] {
        let mut req = SearchRequest::new(query);
        req.collapse = false;
        req.keyword_facets = true;
        let r = index.search(&req).unwrap();
        let facets = r.facets.unwrap();
        if query == "the" {
            assert_eq!(r.total_hits, 5);
            let ledger = facets.source.iter().find(|v| v.value == "Harbor Ledger").map(|v| v.count);
            assert_eq!(ledger, Some(1), "{:?}", facets.source);
        }
        let checks = [
            (&facets.source, Filters { sources: vec![], ..Filters::default() }, 0),
            (&facets.person, Filters::default(), 1),
            (&facets.keyword, Filters::default(), 2),
        ];
        for (values, base, kind) in checks {
            assert!(!values.is_empty() || query == "Richter" && kind == 2, "{query}: no values of kind {kind}");
            for v in values {
                let mut f = req.clone();
                f.filters = base.clone();
                match kind {
                    0 => f.filters.sources = vec![v.value.clone()],
                    1 => f.filters.people = vec![v.value.clone()],
                    _ => f.filters.keywords = vec![v.value.clone()],
                }
                assert_eq!(index.search(&f).unwrap().total_hits, v.count, "{query}: {}", v.value);
            }
        }
    }
}

#[test]
fn no_words_lists_the_filtered_articles_newest_first() {
    let (_dir, index) = small_index();
    let mut req = SearchRequest::new("");
    req.collapse = false;
    req.filters = Filters { sources: vec!["Capital Dispatch".into()], ..Filters::default() };
    assert_eq!(ids(&index, &req), ["e", "b"]);
    req.query = "*".into();
    req.sort = SortBy::Relevance;
    assert_eq!(ids(&index, &req), ["e", "b"]);
}

#[test]
fn unknown_filter_values_are_typed_errors() {
    let (_dir, index) = small_index();
    let mut req = SearchRequest::new("harbour");
    req.filters = Filters { topics: vec!["knitting".into()], ..Filters::default() };
    match index.search(&req) {
        Err(newsdex::Error::UnknownValue { field, .. }) => assert_eq!(field, "topic"),
        other => panic!("expected an unknown topic, got {other:?}"),
    }
    match index.search(&SearchRequest::new("\"open phrase")) {
        Err(newsdex::Error::QueryInvalid { message, .. }) => assert!(message.contains("does not close it")),
        other => panic!("expected an invalid query, got {other:?}"),
    }
}

#[test]
fn cross_validation_scores_each_half_with_the_weights_chosen_on_the_other() {
    use newsdex::search::cross_validation::cross_validate;
    use newsdex::search::metrics::Judgments;
    use newsdex::search::RankWeights;
    let (_dir, index) = small_index();
    let queries = "people:1\tRichter\npeople:2\tPaula Richter harbour\nplaces:1\tharbour\nplaces:2\tferry harbour\n";
    let qrels = "people:1 0 a 1\npeople:2 0 a 1\npeople:2 0 b 1\nplaces:1 0 d 1\nplaces:1 0 f 1\nplaces:2 0 c 1\n";
    let j = Judgments::parse(queries, qrels);
    // With weights that add nothing, the entity ranking is BM25 on every query.
    let nothing = RankWeights { salience: [0.0; 5], entity_share: 0.3, topic: 0.0 };
    let cv = cross_validate(&index, &j, &[nothing]).unwrap();
    assert_eq!(cv.folds.len(), 2);
    for g in &cv.groups {
        assert!((g.held_out - g.bm25).abs() < 1e-9, "{g:?}");
    }
    let names: Vec<&str> = cv.groups.iter().map(|g| g.group.as_str()).collect();
    assert_eq!(names, ["people", "places", "all"]);
    assert_eq!(cv.groups[2].queries, 4);
    // With the defaults and that setting, each half keeps what did best on the other half, and
    // the defaults' own column is the defaults on every query.
    let cv = cross_validate(&index, &j, &[RankWeights::default(), nothing]).unwrap();
    for f in &cv.folds {
        assert_eq!(f.fitted_on, 2);
        assert!(f.weights == RankWeights::default() || f.weights == nothing);
    }
    let people = &cv.groups[0];
    assert!(people.defaults >= people.bm25, "{people:?}");
}

#[test]
fn copies_are_counted_the_same_before_and_after_the_cluster_table_is_ready() {
    // The first search counts each hit's copies through the term dictionary while a table of
    // cluster sizes is counted in the background; later searches read the table.
    let dir = tempfile::tempdir().unwrap();
    let news = dir.path().join("news");
    std::fs::create_dir_all(&news).unwrap();
    let body = "The harbour board approved the new crane terminal after a long debate about costs and traffic.\n\n\
                Construction starts next spring and lasts three years, the board chair said on Tuesday.";
    // More copies than a hit lists (20): each lists the first 20 others in order.
    for i in 0..23 {
        let record = serde_json::json!({"id": format!("copy-{i:02}"), "title": "Crane terminal approved", "body": body,
            "date": format!("2025-03-{:02}", i + 1), "source": format!("Outlet {i}")});
        std::fs::write(news.join(format!("copy-{i:02}.json")), record.to_string()).unwrap();
    }
    let alone = serde_json::json!({"id": "other", "title": "Harbour fees", "body": "The harbour board raised its fees for ships.",
        "date": "2025-03-09"});
    std::fs::write(news.join("other.json"), alone.to_string()).unwrap();
    let mut opts = IndexOptions::new(vec![news], dir.path().join("index"));
    opts.shards = Some(2);
    run_index(&opts, &NoProgress).unwrap();
    let index = NewsIndex::open(&dir.path().join("index")).unwrap();
    let mut req = SearchRequest::new("harbour board");
    req.collapse = false;
    let clusters = |r: &newsdex::search::SearchResponse| {
        let mut v: Vec<(String, u64, Vec<String>)> =
            r.hits.iter().map(|h| (h.id.clone(), h.cluster_size, h.duplicates.clone())).collect();
        v.sort();
        v
    };
    req.limit = 30;
    let first = clusters(&index.search(&req).unwrap());
    assert_eq!(first.len(), 24, "{first:?}");
    let listed =
        |skip: usize| (0..23).filter(|&i| i != skip).take(20).map(|i| format!("copy-{i:02}")).collect::<Vec<_>>();
    assert_eq!(first[0], ("copy-00".to_string(), 23, listed(0)));
    assert_eq!(first[22], ("copy-22".to_string(), 23, listed(22)));
    assert_eq!(first.iter().filter(|c| c.1 == 23 && c.2.len() == 20).count(), 23, "{first:?}");
    assert!(first.contains(&("other".to_string(), 1, vec![])), "{first:?}");
    for _ in 0..50 {
        std::thread::sleep(std::time::Duration::from_millis(10));
        assert_eq!(clusters(&index.search(&req).unwrap()), first);
    }
}

#[test]
fn a_collapsed_page_is_full_when_copies_of_one_story_fill_the_first_candidates() {
    // 40 copies of one story outrank four other stories: the candidates a collapsed page starts
    // from (fewer than 40) are all copies, so the search must look further to fill the page.
    let dir = tempfile::tempdir().unwrap();
    let news = dir.path().join("news");
    std::fs::create_dir_all(&news).unwrap();
    let body = "Harbour cranes, harbour fees and the harbour board: the harbour terminal opens.\n\n\
                The board chair said the terminal would double the harbour's traffic by next year.";
    for i in 0..40 {
        let record = serde_json::json!({"id": format!("copy-{i:02}"), "title": "Harbour terminal opens", "body": body,
            "date": "2025-03-01", "source": format!("Outlet {i}")});
        std::fs::write(news.join(format!("copy-{i:02}.json")), record.to_string()).unwrap();
    }
    let others = ["ferries", "dockers", "pilots", "tugboats"];
    for (i, topic) in others.iter().enumerate() {
        let record = serde_json::json!({"id": *topic, "title": format!("News about {topic}"),
            "body": format!("The {topic} of the city met on day {i} near the harbour to talk about {topic}.")});
        std::fs::write(news.join(format!("{topic}.json")), record.to_string()).unwrap();
    }
    let mut opts = IndexOptions::new(vec![news], dir.path().join("index"));
    opts.shards = Some(2);
    run_index(&opts, &NoProgress).unwrap();
    let index = NewsIndex::open(&dir.path().join("index")).unwrap();
    for limit in [3, 5, 10] {
        let mut req = SearchRequest::new("harbour");
        req.limit = limit;
        let r = index.search(&req).unwrap();
        assert_eq!((r.total_hits, r.total_clusters), (44, Some(5)));
        let ids: Vec<&str> = r.hits.iter().map(|h| h.id.as_str()).collect();
        // One copy first (the story), then the other stories, up to the page's size.
        assert_eq!(ids.len(), limit.min(5), "{ids:?}");
        assert!(ids[0].starts_with("copy-"), "{ids:?}");
        assert_eq!(r.hits[0].cluster_size, 40);
        assert_eq!(ids.iter().filter(|id| id.starts_with("copy-")).count(), 1, "{ids:?}");
    }
    // The second page starts where the first ended.
    let mut req = SearchRequest::new("harbour");
    (req.limit, req.offset) = (2, 2);
    let second: Vec<String> = index.search(&req).unwrap().hits.into_iter().map(|h| h.id).collect();
    req.offset = 0;
    req.limit = 4;
    let first_four: Vec<String> = index.search(&req).unwrap().hits.into_iter().map(|h| h.id).collect();
    assert_eq!(second, first_four[2..]);
}

#[test]
fn facet_counts_are_the_same_before_and_after_the_ordinals_are_read_into_memory() {
    // From the second search on, each segment's facet ordinals are read into memory in the
    // background; searches read the columns until then, the table after.
    let (_dir, index) = small_index();
    let mut req = SearchRequest::new("harbour");
    req.collapse = false;
    let facets = |r: newsdex::search::SearchResponse| serde_json::to_value(r.facets).unwrap();
    let first = facets(index.search(&req).unwrap());
    assert!(first["source"].as_array().is_some_and(|s| !s.is_empty()), "{first}");
    for _ in 0..50 {
        std::thread::sleep(std::time::Duration::from_millis(10));
        assert_eq!(facets(index.search(&req).unwrap()), first);
    }
    // A query matching most of the corpus counts through the segment totals, with the table too.
    let mut all = SearchRequest::new("*");
    all.limit = 0;
    let everything = facets(index.search(&all).unwrap());
    std::thread::sleep(std::time::Duration::from_millis(50));
    assert_eq!(facets(index.search(&all).unwrap()), everything);
}
