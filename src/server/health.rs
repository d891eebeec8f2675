//! Liveness, readiness and metrics.

use super::state::AppState;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use std::sync::Arc;

/// `GET /health/livez`: the process answers.
pub async fn livez() -> impl IntoResponse {
    axum::Json(serde_json::json!({"status": "ok"}))
}

/// `GET /health/readyz`: 200 once the index is open, 503 (with the reason) before.
pub async fn readyz(State(state): State<Arc<AppState>>) -> axum::response::Response {
    match state.index() {
        Ok(index) => {
            axum::Json(serde_json::json!({"status": "ready", "generation": index.shards().manifest.generation}))
                .into_response()
        }
        Err(e) => (StatusCode::SERVICE_UNAVAILABLE, axum::Json(e)).into_response(),
    }
}

/// `GET /metrics`: Prometheus text.
pub async fn metrics(State(state): State<Arc<AppState>>) -> impl IntoResponse {
    let index = state.index().ok();
    let articles = index.as_ref().map(|i| i.shards().manifest.articles);
    let generation = index.as_ref().map(|i| i.shards().manifest.generation);
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], state.metrics.render(articles, generation))
}
