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
use tower_http::limit::RequestBodyLimitLayer;
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

/// Errors made by layers below the handlers (a body over the limit, a method a route does not
/// take) become JSON errors too.
async fn json_errors(response: Response) -> Response {
    use axum::http::StatusCode;
    use axum::response::IntoResponse;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let (kind, code, message) = match status {
        StatusCode::PAYLOAD_TOO_LARGE => (
            "invalid_request",
            "body_too_large",
            format!(
                "The request body is larger than the limit ({} KiB for searches, {} MiB for articles); send less at once.",
                MAX_SEARCH_BODY_BYTES >> 10,
                MAX_BODY_BYTES >> 20
            ),
        ),
        StatusCode::METHOD_NOT_ALLOWED => (
            "invalid_request",
            "method_not_allowed",
            "This endpoint does not take that method; see the API reference.".into(),
        ),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => (
            "invalid_request",
            "unsupported_media_type",
            "Send the body as JSON (Content-Type: application/json).".into(),
        ),
        s if s.is_client_error() => ("invalid_request", "invalid_request", format!("The request was refused ({s}).")),
        s => ("internal", "internal", format!("The server failed to answer ({s}).")),
    };
    error::ApiError::new(status, kind, code, message).into_response()
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
        .layer(RequestBodyLimitLayer::new(MAX_SEARCH_BODY_BYTES))
        .layer(axum::middleware::from_fn(|req: Request, next: Next| timed(READ_TIMEOUT, next.run(req))));
    let writes = Router::new()
        .route("/api/v1/articles", axum::routing::post(articles::post))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        // Refuses a body announced as too large at once, before reading any of it.
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
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
        .layer(axum::middleware::map_response(json_errors))
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

/// Most connections open at once; beyond them, new ones wait to be accepted.
pub const MAX_CONNECTIONS: usize = 4_096;
/// A client must send a request's headers within this time (and an idle keep-alive connection
/// is closed after it): a slow or silent client holds only its own connection, and not for long.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// How long requests in flight may take to finish once the server is told to stop.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

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
    serve_on(listener, router(state, &config.cors_origins), HEADER_TIMEOUT, shutdown_signal()).await;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut term) => tokio::select! { _ = ctrl_c => {}, _ = term.recv() => {} },
            Err(_) => {
                let _ = ctrl_c.await;
            }
        }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
}

/// Accepts connections on `listener` until `shutdown` completes: HTTP/1.1 with keep-alive,
/// `header_timeout` to send each request's headers, at most [`MAX_CONNECTIONS`] at once; then
/// lets the requests in flight finish (up to [`SHUTDOWN_GRACE`]).
pub async fn serve_on(
    listener: tokio::net::TcpListener,
    app: Router,
    header_timeout: Duration,
    shutdown: impl std::future::Future<Output = ()>,
) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let slots = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            p = slots.clone().acquire_owned() => p.expect("connection slots stay open"),
            _ = &mut shutdown => break,
        };
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // Out of file descriptors and the like: wait a little, never stop serving.
                    tracing::warn!("accepting a connection failed: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        let connection = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(header_timeout)
            .keep_alive(true)
            .serve_connection(TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let _ = connection.await;
            drop(permit);
        });
    }
    let _ = tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown()).await;
}
