//! Read endpoints over the whole index: search, facets, duplicate clusters, stats.

use super::error::{ApiError, ApiResult};
use super::params::SearchParams;
use super::state::AppState;
use crate::search::{NewsIndex, SearchResponse};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, RawQuery, State};
use axum::Json;
use serde::Deserialize;
use std::sync::Arc;

/// Runs `job` on the blocking pool once one of the bounded search slots is free, against the
/// index as last committed.
pub async fn blocking<T: Send + 'static>(
    state: &Arc<AppState>,
    job: impl FnOnce(Arc<NewsIndex>) -> ApiResult<T> + Send + 'static,
) -> ApiResult<T> {
    let _permit =
        state.searches.clone().acquire_owned().await.map_err(|_| ApiError::unavailable("The server is stopping."))?;
    let index = state.index()?;
    // On the rayon pool itself: a search splits over the shards with rayon, and work handed to
    // the pool from outside it waits for a pool thread at every split.
    let (tx, rx) = tokio::sync::oneshot::channel();
    rayon::spawn(move || {
        let _ = tx.send(std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job(index))));
    });
    match rx.await {
        Ok(Ok(result)) => result,
        _ => Err(ApiError::internal("A search failed inside the server; please report the query.")),
    }
}

async fn run_search(state: Arc<AppState>, params: SearchParams) -> ApiResult<Json<SearchResponse>> {
    let req = params.to_request()?;
    let marks = match (params.highlight_pre, params.highlight_post) {
        (None, None) => None,
        (pre, post) => Some((pre.unwrap_or_default(), post.unwrap_or_default())),
    };
    let mut response = blocking(&state, move |index| Ok(index.search(&req)?)).await?;
    if let Some((pre, post)) = marks {
        for hit in &mut response.hits {
            hit.snippet = hit.marked_snippet(&pre, &post);
            hit.highlights.clear();
        }
    }
    Ok(Json(response))
}

/// `GET /api/v1/search?q=…`: the `search --json` object.
pub async fn search_get(
    State(state): State<Arc<AppState>>,
    RawQuery(query): RawQuery,
) -> ApiResult<Json<SearchResponse>> {
    run_search(state, SearchParams::from_query(query.as_deref().unwrap_or(""))?).await
}

/// `POST /api/v1/search` with the same parameters as a JSON body.
pub async fn search_post(
    State(state): State<Arc<AppState>>,
    body: axum::body::Bytes,
) -> ApiResult<Json<SearchResponse>> {
    let params: SearchParams = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad_request("invalid_json", format!("The request body is not a valid search: {e}.")))?;
    run_search(state, params).await
}

/// Parameters of `/api/v1/facets`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FacetParams {
    /// Count within this query's matches (default: every article).
    #[serde(default)]
    q: Option<String>,
    /// Values per field.
    #[serde(default)]
    limit: Option<usize>,
}

/// `GET /api/v1/facets`: the top people, organisations, topics, sources and keyphrases.
pub async fn facets(
    State(state): State<Arc<AppState>>,
    query: Result<Query<FacetParams>, QueryRejection>,
) -> ApiResult<Json<serde_json::Value>> {
    let Query(p) = query?;
    let limit = p.limit.unwrap_or(20);
    if limit > super::params::MAX_FACETS {
        return Err(ApiError::bad_request("invalid_limit", format!("limit is at most {}.", super::params::MAX_FACETS)));
    }
    let mut req = crate::search::SearchRequest::new(p.q.unwrap_or_else(|| "*".into()));
    (req.limit, req.facets, req.collapse, req.keyword_facets) = (0, limit, false, true);
    let r = blocking(&state, move |index| Ok(index.search(&req)?)).await?;
    Ok(Json(serde_json::json!({"articles": r.total_hits, "facets": r.facets})))
}

/// Parameters of `/api/v1/dups`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DupsParams {
    #[serde(default)]
    min_size: Option<usize>,
    #[serde(default)]
    limit: Option<usize>,
}

/// `GET /api/v1/dups`: the largest duplicate clusters and most repeated passages.
pub async fn dups(
    State(state): State<Arc<AppState>>,
    query: Result<Query<DupsParams>, QueryRejection>,
) -> ApiResult<Json<crate::search::DupsReport>> {
    let Query(p) = query?;
    let limit = p.limit.unwrap_or(20).min(super::params::MAX_LIMIT);
    let min_size = p.min_size.unwrap_or(2);
    Ok(Json(blocking(&state, move |index| Ok(index.dups(min_size, limit)?)).await?))
}

/// `GET /api/v1/stats`: the `stats --json` object.
pub async fn stats(State(state): State<Arc<AppState>>) -> ApiResult<Json<crate::search::IndexStats>> {
    Ok(Json(blocking(&state, |index| Ok(index.stats())).await?))
}
