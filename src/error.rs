//! Errors of the library: user errors carry a hint, internal ones wrap their cause.

use std::path::PathBuf;

/// Result alias used across the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Every error the library returns.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Something the user can fix: the message says what happened, the hint what to do next.
    #[error("{message} {hint}")]
    User {
        /// What went wrong, as one sentence.
        message: String,
        /// What to do next.
        hint: String,
    },
    /// Input/output failure on a path.
    #[error("could not access {path}: {source}")]
    Io {
        /// The path being read or written.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A failure inside tantivy.
    #[error("search engine error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    /// A JSON (de)serialisation failure of our own files.
    #[error("JSON error: {0}")]
    Json(#[from] serde_json::Error),
}

impl Error {
    /// Builds a user error from a message and a hint.
    pub fn user(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Error::User { message: message.into(), hint: hint.into() }
    }

    /// Wraps an I/O error with the path it happened on.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), source }
    }
}
