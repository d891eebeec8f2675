//! Errors over HTTP: a JSON object `{"message", "code", "type"}` with the right status.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

/// An error answered to a client.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApiError {
    /// One sentence: what happened and what to do next.
    pub message: String,
    /// A stable machine-readable code (`invalid_parameter`, `article_not_found`, …).
    pub code: String,
    /// The family: `invalid_request`, `auth`, `not_found`, `conflict`, `unavailable`, `internal`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The HTTP status.
    #[serde(skip)]
    pub status: u16,
}

impl ApiError {
    /// An error with its status, code and family.
    pub fn new(status: StatusCode, kind: &str, code: &str, message: impl Into<String>) -> Self {
        ApiError { message: message.into(), code: code.into(), kind: kind.into(), status: status.as_u16() }
    }

    /// 400: the request is wrong.
    pub fn bad_request(code: &str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "invalid_request", code, message)
    }

    /// 404.
    pub fn not_found(code: &str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", code, message)
    }

    /// 503: no index to answer from yet.
    pub fn unavailable(message: impl Into<String>) -> Self {
        Self::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable", "index_unavailable", message)
    }

    /// 500, with the cause in the message (never a backtrace).
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", "internal", message)
    }
}

impl From<crate::Error> for ApiError {
    fn from(e: crate::Error) -> Self {
        use crate::Error as E;
        let message = e.to_string();
        match e {
            E::QueryInvalid { .. } => ApiError::bad_request("invalid_query", message),
            E::UnknownValue { .. } => ApiError::bad_request("unknown_value", message),
            E::User { .. } => ApiError::bad_request("invalid_request", message),
            E::IndexMissing { .. } => ApiError::unavailable(message),
            E::FormatVersion { .. } => {
                ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable", "index_format", message)
            }
            E::IndexLocked { .. } => ApiError::new(StatusCode::CONFLICT, "conflict", "index_locked", message),
            E::NotWritable { .. } => {
                ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable", "not_writable", message)
            }
            E::DiskFull { .. } => ApiError::new(StatusCode::INSUFFICIENT_STORAGE, "unavailable", "disk_full", message),
            E::Damaged { .. } => ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", "index_damaged", message),
            E::Io { .. } | E::Tantivy(_) | E::Json(_) => ApiError::internal(message),
        }
    }
}

impl From<axum::extract::rejection::QueryRejection> for ApiError {
    fn from(e: axum::extract::rejection::QueryRejection) -> Self {
        ApiError::bad_request("invalid_parameter", e.body_text())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, Json(self)).into_response()
    }
}

/// What handlers return.
pub type ApiResult<T> = Result<T, ApiError>;
