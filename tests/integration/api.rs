//! The HTTP API, in-process (tower `oneshot` on the router), against a small index.

use crate::util::{indexed_demo, Env};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use newsdex::server::state::AppState;
use newsdex::server::{router, MAX_BODY_BYTES};
use std::sync::Arc;
use tower::ServiceExt;

const KEY: &str = "test-key-0123456789";

struct Api {
    env: Env,
    app: axum::Router,
}

impl Api {
    fn new(env: Env, key: Option<&str>) -> Self {
        let state = Arc::new(AppState::new(env.path("index"), key.map(str::to_string), 4));
        Api { app: router(state, &[]), env }
    }

    fn demo() -> Self {
        Api::new(indexed_demo(), Some(KEY))
    }

    async fn call(&self, req: Request<Body>) -> (StatusCode, serde_json::Value, axum::http::HeaderMap) {
        let res = self.app.clone().oneshot(req).await.unwrap();
        let (status, headers) = (res.status(), res.headers().clone());
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        let value = serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| serde_json::Value::String(String::from_utf8_lossy(&bytes).into()));
        (status, value, headers)
    }

    async fn get(&self, uri: &str) -> (StatusCode, serde_json::Value) {
        let (s, v, _) = self.call(Request::get(uri).body(Body::empty()).unwrap()).await;
        (s, v)
    }

    async fn send(
        &self,
        method: &str,
        uri: &str,
        key: Option<&str>,
        body: impl Into<Body>,
    ) -> (StatusCode, serde_json::Value) {
        let mut b = Request::builder().method(method).uri(uri).header("content-type", "application/json");
        if let Some(k) = key {
            b = b.header("authorization", format!("Bearer {k}"));
        }
        let (s, v, _) = self.call(b.body(body.into()).unwrap()).await;
        (s, v)
    }
}

fn ids(v: &serde_json::Value) -> Vec<String> {
    v["hits"].as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap().to_string()).collect()
}

fn without_time(mut v: serde_json::Value) -> serde_json::Value {
    v.as_object_mut().unwrap().remove("took_us");
    v
}

#[tokio::test(flavor = "multi_thread")]
async fn get_search_answers_what_the_cli_answers() {
    let api = Api::demo();
    for (args, uri) in [
        (vec!["search", "Bukele deportees"], "/api/v1/search?q=Bukele+deportees"),
        (
            vec!["search", "prison OR travel", "--person", "Nayib Bukele", "--no-collapse"],
            "/api/v1/search?q=prison+OR+travel&person=Nayib%20Bukele&collapse=false",
        ),
        (
            vec!["search", "the", "--sort", "date", "--limit", "5", "--offset", "2"],
            "/api/v1/search?q=the&sort=date&limit=5&offset=2",
        ),
        (vec!["search", "--topic", "migration"], "/api/v1/search?topic=migration"),
    ] {
        let cli = without_time(api.env.json(&[args.as_slice(), &["--json"]].concat()));
        let (status, http) = api.get(uri).await;
        assert_eq!(status, StatusCode::OK, "{http}");
        assert_eq!(without_time(http), cli, "{uri}");
    }
    // The same parameters as a JSON body.
    let (status, post) =
        api.send("POST", "/api/v1/search", None, r#"{"q": "Bukele deportees", "person": ["Nayib Bukele"]}"#).await;
    let (_, get) = api.get("/api/v1/search?q=Bukele+deportees&person=Nayib+Bukele").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(without_time(post), without_time(get));
}

#[tokio::test(flavor = "multi_thread")]
async fn highlight_markers_are_put_around_matches() {
    let api = Api::demo();
    let (_, r) = api.get("/api/v1/search?q=deportees&highlight_pre=%3Cb%3E&highlight_post=%3C%2Fb%3E").await;
    let snippet = r["hits"][0]["snippet"].as_str().unwrap();
    assert!(snippet.contains("<b>deportees</b>") || snippet.contains("<b>Deportees</b>"), "{snippet}");
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_requests_get_a_json_error_with_the_right_status() {
    let api = Api::demo();
    let long = format!("/api/v1/search?q={}", "a".repeat(2001));
    for (uri, status, code) in [
        ("/api/v1/search?q=x&colour=red", 400, "unknown_parameter"),
        ("/api/v1/search?q=x&since=yesterday", 400, "invalid_date"),
        ("/api/v1/search?q=x&limit=1001", 400, "invalid_limit"),
        ("/api/v1/search?q=x&offset=9999&limit=10", 400, "invalid_offset"),
        ("/api/v1/search?q=x&limit=ten", 400, "invalid_parameter"),
        (long.as_str(), 400, "query_too_long"),
        ("/api/v1/search?q=%22unclosed", 400, "invalid_query"),
        ("/api/v1/search?q=x&topic=knitting", 400, "unknown_value"),
        ("/api/v1/articles/no-such-article", 404, "article_not_found"),
        ("/api/v1/nothing-here", 404, "route_not_found"),
    ] {
        let (s, v) = api.get(uri).await;
        assert_eq!((s.as_u16(), v["code"].as_str()), (status, Some(code)), "{uri}: {v}");
        assert!(v["message"].as_str().unwrap().ends_with('.'), "{v}");
        assert!(v["type"].is_string());
    }
    let (s, v) = api.get("/api/v1/search?q=%22unclosed").await;
    assert!(s == 400 && v["message"].as_str().unwrap().contains("does not close it"), "{v}");
    let (s, v) = api.send("POST", "/api/v1/search", None, "{\"q\": ").await;
    assert_eq!((s.as_u16(), v["code"].as_str()), (400, Some("invalid_json")), "{v}");
    let (s, _) = api.send("POST", "/api/v1/search", None, r#"{"q": "x", "colour": 1}"#).await;
    assert_eq!(s, 400);
}

#[tokio::test(flavor = "multi_thread")]
async fn articles_clusters_facets_dups_and_stats() {
    let api = Api::demo();
    let (s, a) = api.get("/api/v1/articles/corpus%2Fharbor-ledger%2F2025-03-16-el-salvador-prison-deal.txt").await;
    assert_eq!(s, StatusCode::OK, "{a}");
    assert_eq!(a, api.env.json(&["show", "corpus/harbor-ledger/2025-03-16-el-salvador-prison-deal.txt", "--json"]));
    let (_, c) =
        api.get("/api/v1/articles/corpus%2Fharbor-ledger%2F2025-03-16-el-salvador-prison-deal.txt/cluster").await;
    assert_eq!(c["cluster_size"], 2);
    let listed: Vec<&str> = c["articles"].as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(
        listed,
        [
            "corpus/harbor-ledger/2025-03-16-el-salvador-prison-deal.txt",
            "corpus/bay-courier/el-salvador-deportees-syndicated.html"
        ]
    );
    let (_, f) = api.get("/api/v1/facets?limit=5").await;
    assert_eq!(f["articles"], 24);
    assert!(f["facets"]["person"].as_array().unwrap().iter().any(|v| v["value"] == "Nayib Bukele"), "{f}");
    let (_, d) = api.get("/api/v1/dups").await;
    assert!(d["clusters_total"].as_u64().unwrap() >= 1, "{d}");
    let (_, st) = api.get("/api/v1/stats").await;
    assert_eq!(st["articles"], 24);
    let (s, _) = api.get("/api/v1/facets?limit=5&colour=red").await;
    assert_eq!(s, 400);
}

#[tokio::test(flavor = "multi_thread")]
async fn health_metrics_and_security_headers() {
    let empty = Api::new(Env::new(), None);
    let (s, v) = empty.get("/health/readyz").await;
    assert_eq!(s, StatusCode::SERVICE_UNAVAILABLE, "{v}");
    assert_eq!(empty.get("/health/livez").await.0, StatusCode::OK);
    let (s, v) = empty.get("/api/v1/search?q=x").await;
    assert_eq!((s.as_u16(), v["code"].as_str()), (503, Some("index_unavailable")));

    let api = Api::demo();
    assert_eq!(api.get("/health/readyz").await.0, StatusCode::OK);
    api.get("/api/v1/search?q=prison").await;
    let (_, text) = api.get("/metrics").await;
    let text = text.as_str().unwrap();
    assert!(
        text.contains("newsdex_http_requests_total{method=\"GET\",route=\"/api/v1/search\",status=\"200\"} 1"),
        "{text}"
    );
    assert!(text.contains("newsdex_http_request_seconds_bucket") && text.contains("newsdex_articles 24"), "{text}");
    let (s, page, headers) = api.call(Request::get("/").body(Body::empty()).unwrap()).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.as_str().unwrap().contains("<input id=\"q\""));
    let csp = headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "{csp}");
}

#[tokio::test(flavor = "multi_thread")]
async fn writes_need_the_key_and_nothing_is_written_without_it() {
    let api = Api::demo();
    let article = r#"{"id": "lh-1", "title": "Lighthouse keepers strike", "body": "The lighthouse keepers of the north coast went on strike over pay on Monday."}"#;
    for key in [None, Some("wrong-key-0123456789"), Some("short")] {
        let (s, v) = api.send("POST", "/api/v1/articles", key, article).await;
        assert_eq!((s.as_u16(), v["code"].as_str()), (401, Some("invalid_api_key")), "{v}");
    }
    let (s, _) = api.send("DELETE", "/api/v1/articles/pws-2025-0305", Some("wrong-key-0123456789"), "").await;
    assert_eq!(s, 401);
    assert!(ids(&api.get("/api/v1/search?q=lighthouse+keepers").await.1).is_empty());
    assert!(!api.env.path("index/posted").exists(), "nothing written");

    let no_writes = Api::new(indexed_demo(), None);
    let (s, v) = no_writes.send("POST", "/api/v1/articles", Some(KEY), article).await;
    assert_eq!((s.as_u16(), v["code"].as_str()), (403, Some("writes_disabled")));
}

#[tokio::test(flavor = "multi_thread")]
async fn posted_articles_are_analysed_found_and_deleted() {
    let api = Api::demo();
    // A copy of a demo story: marked against the whole index.
    let original = api.env.json(&["show", "corpus/harbor-ledger/2025-03-16-el-salvador-prison-deal.txt", "--json"]);
    let ndjson = format!(
        "{}\n{}\n",
        serde_json::json!({"id": "reprint-1", "title": "Salvador deal (reprint)", "body": original["body"], "source": "Reprint Weekly", "date": "2025-04-01"}),
        serde_json::json!({"title": "Lighthouse keepers strike", "text": "The lighthouse keepers of the north coast went on strike over pay on Monday, said Mayor Paula Richter."})
    );
    let (s, r) = api.send("POST", "/api/v1/articles", Some(KEY), ndjson).await;
    assert_eq!(s, StatusCode::OK, "{r}");
    let statuses: Vec<&str> = r["articles"].as_array().unwrap().iter().map(|a| a["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["added", "added"], "{r}");
    let generated = r["articles"][1]["id"].as_str().unwrap().to_string();
    assert!(generated.starts_with("posted-"));
    let (_, reprint) = api.get("/api/v1/articles/reprint-1").await;
    assert_eq!(reprint["dup_cluster"], "corpus/harbor-ledger/2025-03-16-el-salvador-prison-deal.txt", "{reprint}");
    assert!(reprint["people"].as_array().unwrap().iter().any(|p| p == "Nayib Bukele"), "{reprint}");
    assert_eq!(ids(&api.get("/api/v1/search?q=lighthouse+keepers").await.1), std::slice::from_ref(&generated));
    // Sent again: unchanged; an empty record is skipped with its reason.
    let (_, again) = api
        .send(
            "POST",
            "/api/v1/articles",
            Some(KEY),
            r#"[{"id": "reprint-x"}, {"id": "x2", "title": "T", "body": "B."}]"#,
        )
        .await;
    assert_eq!(again["articles"][0]["status"], "skipped");
    assert_eq!(again["articles"][0]["reason"], "no title or body found");
    // An id an indexed folder already uses is refused, not replaced.
    let (_, clash) = api
        .send(
            "POST",
            "/api/v1/articles",
            Some(KEY),
            r#"{"id": "pws-2025-0305", "title": "Other", "body": "Other text."}"#,
        )
        .await;
    assert_eq!(clash["articles"][0]["status"], "skipped", "{clash}");
    assert_ne!(api.get("/api/v1/articles/pws-2025-0305").await.1["title"], "Other");
    // Deleting the posted article; a folder's article cannot be deleted over HTTP.
    let (s, d) = api.send("DELETE", &format!("/api/v1/articles/{generated}"), Some(KEY), "").await;
    assert_eq!((s, d["status"].as_str()), (StatusCode::OK, Some("deleted")), "{d}");
    assert!(ids(&api.get("/api/v1/search?q=lighthouse+keepers").await.1).is_empty());
    let (s, d) = api.send("DELETE", "/api/v1/articles/pws-2025-0305", Some(KEY), "").await;
    assert_eq!((s.as_u16(), d["code"].as_str()), (409, Some("article_in_folder")), "{d}");
    let (s, _) = api.send("DELETE", "/api/v1/articles/never-was", Some(KEY), "").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // Malformed NDJSON names its line; a body over the limit is refused before it is read whole.
    let (s, v) =
        api.send("POST", "/api/v1/articles", Some(KEY), "{\"title\": \"a\", \"body\": \"b\"}\n{\"title\": \n").await;
    assert!(s == 400 && v["message"].as_str().unwrap().contains("Line 2"), "{v}");
    let (s, _) = api.send("POST", "/api/v1/articles", Some(KEY), vec![b' '; MAX_BODY_BYTES + 1]).await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_generation_committed_by_another_process_is_served_without_a_restart() {
    let api = Api::demo();
    assert!(ids(&api.get("/api/v1/search?q=lighthouse+keepers").await.1).is_empty());
    api.env.write(
        "more/lighthouse.txt",
        "Lighthouse keepers strike\n\nThe lighthouse keepers went on strike on Monday.\n",
    );
    api.env.ok(&["index", "more"]);
    assert_eq!(ids(&api.get("/api/v1/search?q=lighthouse+keepers").await.1), ["more/lighthouse.txt"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_write_waits_for_an_index_run_beside_the_server() {
    let api = Api::demo();
    // Another process's run holds the write lock for a while.
    let lock = newsdex::index::lock::WriteLock::acquire(&api.env.path("index")).unwrap();
    assert!(
        matches!(
            newsdex::index::lock::WriteLock::acquire(&api.env.path("index")),
            Err(newsdex::Error::IndexLocked { .. })
        ),
        "the lock holds: a write now would have to wait (before, it failed with 409)"
    );
    let release = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(1500));
        drop(lock);
    });
    let (s, r) = api
        .send(
            "POST",
            "/api/v1/articles",
            Some(KEY),
            r#"{"id": "during-run", "title": "Tide tables", "body": "New tide tables were printed."}"#,
        )
        .await;
    release.join().unwrap();
    assert_eq!((s, r["articles"][0]["status"].as_str()), (StatusCode::OK, Some("added")), "{r}");
    assert_eq!(ids(&api.get("/api/v1/search?q=tide+tables").await.1), ["during-run"]);
}

#[tokio::test]
async fn an_index_folder_removed_under_the_server_is_a_503_that_says_so() {
    let api = Api::demo();
    assert_eq!(api.get("/api/v1/search?q=deportees").await.0, StatusCode::OK);
    std::fs::remove_dir_all(api.env.path("index")).unwrap();
    let (status, body) = api.get("/api/v1/search?q=deportees").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert!(body["message"].as_str().unwrap().contains("was removed while this server ran"), "{body}");
    assert_eq!(api.get("/health/readyz").await.0, StatusCode::SERVICE_UNAVAILABLE);
}

#[tokio::test(flavor = "multi_thread")]
async fn writes_keep_the_corpus_state_and_see_what_another_run_committed() {
    let api = Api::demo();
    let post = |id: &str, date: &str, body: &str| {
        serde_json::json!({"id": id, "title": format!("Ferry notice {id}"), "date": date, "body": body}).to_string()
    };
    let first = "The ferry company said on Friday that winter crossings to the islands would run twice a day.";
    let second = "Harbour pilots on the west quay asked the council for a second tug before the storm season.";
    // Two writes in a row: the second is marked against the first (the state the server kept).
    let (s, r) = api.send("POST", "/api/v1/articles", Some(KEY), post("w-1", "2025-05-01", first)).await;
    assert_eq!(s, StatusCode::OK, "{r}");
    let (s, r) = api.send("POST", "/api/v1/articles", Some(KEY), post("w-2", "2025-05-02", first)).await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(api.get("/api/v1/articles/w-2").await.1["passages"][0]["of"]["id"], "w-1");
    // Another process indexes a folder: the next write is marked against what it added.
    api.env.write("more/pilots.jsonl", post("m-1", "2025-05-03", second) + "\n");
    api.env.index("more", &[]);
    let (s, r) = api.send("POST", "/api/v1/articles", Some(KEY), post("w-3", "2025-05-04", second)).await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(api.get("/api/v1/articles/w-3").await.1["passages"][0]["of"]["id"], "m-1");
    // Deleting the original marks its copy again; the index stays sound throughout.
    let (s, _) = api.send("DELETE", "/api/v1/articles/w-1", Some(KEY), "").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(api.get("/api/v1/articles/w-2").await.1["passages"][0]["kind"], "original");
    let out = api.env.run(&["check"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
}
