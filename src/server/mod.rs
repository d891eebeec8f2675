//! `newsdex serve`: the HTTP JSON API and the search page, on the same library calls as the CLI.
//!
//! The router is built in one function ([`router`]) so that tests can call it in-process; searches
//! run on tokio's blocking pool behind a bounded semaphore; every request has a size and a time
//! limit; writes need the key.

pub mod articles;
pub mod error;
pub mod health;
pub mod metrics;
pub mod page;
pub mod params;
pub mod search;
pub mod state;
pub mod watch;

use axum::extract::{DefaultBodyLimit, MatchedPath, Request, State};
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use state::AppState;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tower_http::set_header::SetResponseHeaderLayer;

/// Default address: loopback only.
pub const DEFAULT_ADDR: &str = "127.0.0.1:7700";
/// Largest request body (writes): 32 MiB.
pub const MAX_BODY_BYTES: usize = 32 << 20;
/// Largest search body: 64 KiB.
pub const MAX_SEARCH_BODY_BYTES: usize = 64 << 10;
/// Time limit of a read request.
pub const READ_TIMEOUT: Duration = Duration::from_secs(10);
/// Time limit of a write request (it analyses and commits).
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(300);

/// How to run the server.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// The index folder.
    pub index: PathBuf,
    /// Where to listen.
    pub addr: SocketAddr,
    /// The write key (writes are refused without one).
    pub api_key: Option<String>,
    /// Origins allowed to call the API from a browser page of theirs.
    pub cors_origins: Vec<String>,
    /// Folders indexed as files appear in them.
    pub watch: Vec<PathBuf>,
    /// Searches run at once.
    pub concurrency: usize,
}

impl ServerConfig {
    /// Defaults for the index in `index`.
    pub fn new(index: PathBuf) -> Self {
        ServerConfig {
            index,
            addr: DEFAULT_ADDR.parse().expect("valid default address"),
            api_key: None,
            cors_origins: Vec::new(),
            watch: Vec::new(),
            concurrency: std::thread::available_parallelism().map_or(2, |n| n.get()) * 2,
        }
    }
}

/// Records every request's route, status and time.
async fn track(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let route = req.extensions().get::<MatchedPath>().map_or("unmatched".to_string(), |p| p.as_str().to_string());
    let method = req.method().to_string();
    let response = next.run(req).await;
    state.metrics.record(&method, &route, response.status().as_u16(), started.elapsed().as_secs_f64());
    response
}

async fn not_found() -> error::ApiError {
    error::ApiError::not_found("route_not_found", "No such endpoint; the API lives under /api/v1 (see the README).")
}

/// A time-out as a JSON error.
async fn timed<F: std::future::Future<Output = Response>>(limit: Duration, f: F) -> Response {
    use axum::response::IntoResponse;
    match tokio::time::timeout(limit, f).await {
        Ok(r) => r,
        Err(_) => error::ApiError::new(
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            "unavailable",
            "timeout",
            format!("The request took longer than {} s; narrow it and try again.", limit.as_secs()),
        )
        .into_response(),
    }
}

/// The whole application: API, page, health and metrics, with limits and headers.
pub fn router(state: Arc<AppState>, cors_origins: &[String]) -> Router {
    let reads = Router::new()
        .route("/api/v1/search", get(search::search_get).post(search::search_post))
        .route("/api/v1/facets", get(search::facets))
        .route("/api/v1/dups", get(search::dups))
        .route("/api/v1/stats", get(search::stats))
        .route("/api/v1/articles/{id}", get(articles::get).delete(articles::delete))
        .route("/api/v1/articles/{id}/cluster", get(articles::cluster))
        .layer(DefaultBodyLimit::max(MAX_SEARCH_BODY_BYTES))
        .layer(axum::middleware::from_fn(|req: Request, next: Next| timed(READ_TIMEOUT, next.run(req))));
    let writes = Router::new()
        .route("/api/v1/articles", axum::routing::post(articles::post))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn(|req: Request, next: Next| timed(WRITE_TIMEOUT, next.run(req))));
    let mut app = Router::new()
        .route("/", get(page::index))
        .route("/assets/app.js", get(page::script))
        .route("/assets/app.css", get(page::style))
        .route("/health/livez", get(health::livez))
        .route("/health/readyz", get(health::readyz))
        .route("/metrics", get(health::metrics))
        .merge(reads)
        .merge(writes)
        .fallback(not_found)
        .layer(axum::middleware::from_fn_with_state(state.clone(), track))
        .layer(SetResponseHeaderLayer::overriding(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(page::CSP)))
        .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::overriding(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer")))
        .with_state(state);
    if !cors_origins.is_empty() {
        let origins: Vec<HeaderValue> = cors_origins.iter().filter_map(|o| HeaderValue::from_str(o).ok()).collect();
        app = app.layer(
            tower_http::cors::CorsLayer::new()
                .allow_origin(origins)
                .allow_methods([Method::GET, Method::POST, Method::DELETE])
                .allow_headers([header::CONTENT_TYPE, header::AUTHORIZATION]),
        );
    }
    app
}

/// Serves until the process is stopped (Ctrl-C or SIGTERM finish the requests in flight first).
pub async fn serve(config: ServerConfig) -> crate::Result<()> {
    let state = Arc::new(AppState::new(config.index.clone(), config.api_key.clone(), config.concurrency));
    if !config.watch.is_empty() {
        watch::spawn(state.clone(), config.watch.clone())?;
    }
    let listener = tokio::net::TcpListener::bind(config.addr).await.map_err(|e| {
        crate::Error::user(
            format!("Could not listen on {}: {e}.", config.addr),
            "Pick another --addr (the port may be in use).",
        )
    })?;
    let app = router(state, &config.cors_origins);
    let shutdown = async {
        let ctrl_c = tokio::signal::ctrl_c();
        #[cfg(unix)]
        {
            let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).expect("signal handler");
            tokio::select! { _ = ctrl_c => {}, _ = term.recv() => {} }
        }
        #[cfg(not(unix))]
        let _ = ctrl_c.await;
    };
    axum::serve(listener, app.into_make_service())
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(|e| crate::Error::io(config.index.clone(), e))
}
