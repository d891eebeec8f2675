//! Entry points for the coverage-guided fuzzers of `fuzz/` and for the test that replays their
//! corpora: each takes arbitrary bytes and must return, whatever they hold, without a panic.

use crate::index::{run_index, IndexOptions, NoProgress};
use crate::ingest::format::ALL_FORMATS;
use crate::ingest::reader::read_bytes;
use crate::ingest::{ReadLimits, SkipLog};
use crate::search::{NewsIndex, SearchRequest};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// Lets the fuzzer's panic hook (which aborts) see only panics that are not contained: a
/// dependency's panic on a bad file is turned into a skip (`util::contain`), as in a run.
fn contained_panics_pass() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !crate::util::contain::panic_is_contained() {
                previous(info)
            }
        }));
    });
}

/// Every reader: the first byte picks the format (text, JSON, JSON Lines, HTML, CSV, TSV,
/// WARC, feed, NITF/NewsML, Parquet, zip, tar), the rest is the file.
pub fn ingest(data: &[u8]) {
    contained_panics_pass();
    let Some((&which, bytes)) = data.split_first() else { return };
    let format = ALL_FORMATS[which as usize % ALL_FORMATS.len()];
    let limits = ReadLimits { max_file_bytes: 1 << 20, max_line_bytes: 1 << 16 };
    read_bytes("fuzz", bytes.to_vec(), format, limits, &SkipLog::quiet(), &|a| drop(a));
}

/// The whole analysis of one article (passages, entities with their facet-value rules,
/// topics, keyphrases): the first line is the headline, the rest the body.
pub fn analyze(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (title, body) = text.split_once('\n').unwrap_or((&text, ""));
    let article = crate::ingest::Article { title: title.into(), body: body.into(), ..Default::default() };
    let _ = crate::analyze::corpus::analyze_article(&article);
}

/// The date parsers: of articles and of `--since`/`--until`.
pub fn dates(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = crate::ingest::date::parse_date(&text);
    let _ = crate::search::filters::parse_date_bound(&text, true);
}

/// A small index, built once per process in a temporary folder.
fn small_index() -> &'static (PathBuf, NewsIndex) {
    static INDEX: OnceLock<(PathBuf, NewsIndex)> = OnceLock::new();
    INDEX.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("newsdex-fuzz-{}", std::process::id()));
        let corpus = dir.join("corpus");
        std::fs::create_dir_all(&corpus).expect("temp folder");
        let articles = [
            ("bukele.txt", "Bukele holds deportees\nBy Ana Ruiz\n2025-03-16\n\nPresident Nayib Bukele said El Salvador would hold the deportees. The White House agreed.\n"),
            ("fed.txt", "Fed holds rates\n2025-03-18\n\nThe Federal Reserve held rates, Jerome Powell said in Washington.\n"),
            ("ferry.txt", "Ferry strike ends\n2024-11-02\n\nFerry crews of Harbor Lines returned to work on Monday.\n"),
        ];
        for (name, text) in articles {
            std::fs::write(corpus.join(name), text).expect("write");
        }
        let opts = IndexOptions::new(vec![corpus], dir.join("index"));
        run_index(&opts, &NoProgress).expect("index the fuzz corpus");
        let index = NewsIndex::open(&dir.join("index")).expect("open");
        (dir, index)
    })
}

/// A search: the text up to the first byte 0x1F is the query, the next parts are a person, an
/// organisation, a topic, a source, a since and an until filter.
pub fn search(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.split('\u{1f}');
    let mut r = SearchRequest::new(parts.next().unwrap_or_default());
    let mut next = || parts.next().filter(|p| !p.is_empty()).map(str::to_string);
    r.filters.people.extend(next());
    r.filters.orgs.extend(next());
    r.filters.topics.extend(next());
    r.filters.sources.extend(next());
    r.filters.since = next().and_then(|d| crate::search::filters::parse_date_bound(&d, false));
    r.filters.until = next().and_then(|d| crate::search::filters::parse_date_bound(&d, true));
    let _ = small_index().1.search(&r);
}

/// A damaged side file: the first byte picks the manifest, the duplicate store, the entity
/// dictionary or the keyword frequencies of a copy of the small index; the rest replaces it;
/// then the index is opened, searched and checked (each may fail, none may panic).
pub fn side_file(data: &[u8]) {
    static LOCK: Mutex<()> = Mutex::new(());
    let _guard = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let Some((&which, bytes)) = data.split_first() else { return };
    let (dir, _) = small_index();
    let copy = dir.join("damaged");
    if !copy.exists() {
        copy_tree(&dir.join("index"), &copy);
    }
    let generation = std::fs::read_dir(&copy)
        .expect("copy")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("gen-")))
        .expect("a generation");
    let files = [
        copy.join(crate::index::manifest::MANIFEST_FILE),
        generation.join(crate::index::side_files::DUPS_FILE),
        generation.join(crate::index::side_files::ENTITIES_FILE),
        generation.join(crate::index::side_files::KEYWORDS_FILE),
    ];
    let target = &files[which as usize % files.len()];
    let original = std::fs::read(target).expect("side file");
    std::fs::write(target, bytes).expect("write");
    if let Ok(index) = NewsIndex::open(&copy) {
        let _ = index.dictionary();
        let _ = index.search(&SearchRequest::new("deportees"));
    }
    let _ = crate::index::check::check(&copy);
    std::fs::write(target, original).expect("restore");
}

fn copy_tree(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from).into_iter().flatten() {
        let rel = e.path().strip_prefix(from).expect("below");
        if e.file_type().is_dir() {
            std::fs::create_dir_all(to.join(rel)).expect("mkdir");
        } else {
            std::fs::copy(e.path(), to.join(rel)).expect("copy");
        }
    }
}

/// The key the HTTP target's server takes for writes.
const FUZZ_KEY: &str = "fuzz-key-0123456789";

/// An HTTP request to the whole application (the router in-process, over its own copy of the
/// small index, writes on): the first byte picks the method (bits 0–1), the key sent (bits 2–3:
/// none, the right one, a wrong one, one of another length) and a JSON content type (bit 4);
/// the bytes up to the first newline are the path and query, the rest is the body. No answer may
/// be a 500, and every error answer is a JSON error.
pub fn http(data: &[u8]) {
    use axum::http::{header, Method, Request, StatusCode, Uri};
    use tower::ServiceExt;
    static APP: OnceLock<(tokio::runtime::Runtime, axum::Router)> = OnceLock::new();
    let (runtime, app) = APP.get_or_init(|| {
        let copy = small_index().0.join("http");
        copy_tree(&small_index().0.join("index"), &copy);
        let state = std::sync::Arc::new(crate::server::state::AppState::new(copy, Some(FUZZ_KEY.into()), 2));
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        (runtime, crate::server::router(state, &[]))
    });
    let Some((&which, rest)) = data.split_first() else { return };
    let (target, body) = match rest.iter().position(|&b| b == b'\n') {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (rest, &[][..]),
    };
    let target = String::from_utf8_lossy(target);
    let target = if target.starts_with('/') { target.into_owned() } else { format!("/{target}") };
    // A target that is not a URI never reaches the router: the HTTP parser refuses it first.
    let Ok(uri) = target.parse::<Uri>() else { return };
    let method = [Method::GET, Method::POST, Method::DELETE, Method::PUT][usize::from(which & 3)].clone();
    let mut request = Request::builder().method(method).uri(uri);
    let key = ["", FUZZ_KEY, "fuzz-key-9876543210", "short"][usize::from(which >> 2 & 3)];
    if !key.is_empty() {
        request = request.header(header::AUTHORIZATION, format!("Bearer {key}"));
    }
    if which & 16 != 0 {
        request = request.header(header::CONTENT_TYPE, "application/json");
    }
    let Ok(request) = request.body(axum::body::Body::from(body.to_vec())) else { return };
    let (status, bytes) = runtime.block_on(async {
        let response = app.clone().oneshot(request).await.expect("the router is infallible");
        let status = response.status();
        (status, axum::body::to_bytes(response.into_body(), 64 << 20).await.expect("a body"))
    });
    assert_ne!(status, StatusCode::INTERNAL_SERVER_ERROR, "{target}: {}", String::from_utf8_lossy(&bytes));
    if status.is_client_error() || status.is_server_error() {
        let error: serde_json::Value = serde_json::from_slice(&bytes).expect("an error answer is JSON");
        assert!(error["message"].is_string(), "{target}: {error}");
    }
}
