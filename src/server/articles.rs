//! One article: read it, its story's copies; add articles and delete them (with the write key).

use super::error::{ApiError, ApiResult};
use super::search::blocking;
use super::state::AppState;
use crate::index::posted::{add_articles, delete_article, Deletion, PostReport};
use crate::index::StoredArticle;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use std::sync::Arc;

fn missing(id: &str) -> ApiError {
    ApiError::not_found("article_not_found", format!("No article has the id {id:?}; search for it to see the ids."))
}

/// `GET /api/v1/articles/{id}`: the `show --json` object (the id percent-encoded in one segment).
pub async fn get(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> ApiResult<Json<StoredArticle>> {
    let key = id.clone();
    blocking(&state, move |index| index.get(&key)?.ok_or_else(|| missing(&key))).await.map(Json)
}

/// `GET /api/v1/articles/{id}/cluster`: every article of its story, itself first.
pub async fn cluster(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> ApiResult<Json<serde_json::Value>> {
    let key = id.clone();
    let articles = blocking(&state, move |index| {
        let article = index.get(&key)?.ok_or_else(|| missing(&key))?;
        let mut all = vec![article.clone()];
        for other in &article.copies {
            all.extend(index.article(other)?);
        }
        Ok(all)
    })
    .await?;
    let size = articles[0].cluster_size.unwrap_or(1);
    let cluster = articles[0].analysis.cluster.clone();
    let list: Vec<serde_json::Value> = articles
        .into_iter()
        .map(|a| serde_json::json!({"id": a.id, "title": a.title, "date": a.date, "source": a.source, "url": a.url}))
        .collect();
    Ok(Json(serde_json::json!({"cluster": cluster, "cluster_size": size, "articles": list})))
}

/// The JSON records of a body: one object, an array of them, or one object per line (NDJSON);
/// a malformed line is named by its number.
fn records(body: &[u8]) -> ApiResult<Vec<serde_json::Value>> {
    let bad = |m: String| ApiError::bad_request("invalid_json", m);
    match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(serde_json::Value::Array(items)) => Ok(items),
        Ok(v @ serde_json::Value::Object(_)) => Ok(vec![v]),
        Ok(_) => Err(bad("The body must be an article object, an array of them, or one object per line.".into())),
        Err(whole) => {
            let text = std::str::from_utf8(body).map_err(|_| bad("The body is not UTF-8 text.".into()))?;
            if text.lines().filter(|l| !l.trim().is_empty()).count() < 2 {
                return Err(bad(format!("The body is not valid JSON: {whole}.")));
            }
            text.lines()
                .enumerate()
                .filter(|(_, l)| !l.trim().is_empty())
                .map(|(i, l)| {
                    serde_json::from_str(l).map_err(|e| bad(format!("Line {} is not valid JSON: {e}.", i + 1)))
                })
                .collect()
        }
    }
}

/// `POST /api/v1/articles`: adds or replaces articles and commits them as one generation.
pub async fn post(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> ApiResult<(StatusCode, Json<PostReport>)> {
    state.authorize(&headers)?;
    let list = records(&body)?;
    if list.is_empty() {
        return Err(ApiError::bad_request("no_articles", "The body holds no article."));
    }
    let _write = state.writes.lock().await;
    let (dir, cache) = (state.dir.clone(), state.corpus.clone());
    let report = tokio::task::spawn_blocking(move || add_articles(&dir, list, &cache))
        .await
        .map_err(|e| ApiError::internal(format!("The indexing task failed: {e}.")))??;
    Ok((StatusCode::OK, Json(report)))
}

/// `DELETE /api/v1/articles/{id}`: removes a posted article and commits.
pub async fn delete(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Json<serde_json::Value>> {
    state.authorize(&headers)?;
    let _write = state.writes.lock().await;
    let (dir, cache) = (state.dir.clone(), state.corpus.clone());
    let key = id.clone();
    let outcome = tokio::task::spawn_blocking(move || delete_article(&dir, &key, &cache))
        .await
        .map_err(|e| ApiError::internal(format!("The indexing task failed: {e}.")))??;
    match outcome {
        Deletion::Deleted(run) => Ok(Json(serde_json::json!({"id": id, "status": "deleted", "run": run}))),
        Deletion::NotFound => Err(missing(&id)),
        Deletion::InFolder(root) => Err(ApiError::new(
            StatusCode::CONFLICT,
            "conflict",
            "article_in_folder",
            format!("The article {id:?} comes from the folder {root}; delete its file there and run `newsdex index {root}`."),
        )),
    }
}
