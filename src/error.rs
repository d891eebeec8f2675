//! Errors of the library. Variants say what happened — the index is missing, locked, too old or
//! damaged (naming the file), a query or a filter value is not understood — each shown as one
//! sentence with what to do next; failures below us (I/O, tantivy, JSON) wrap their cause.

use std::path::PathBuf;

/// Result alias used across the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What to do about a damaged index.
pub const REBUILD_HINT: &str = "Rebuild it with `newsdex index --rebuild <folder>`.";

/// Every error the library returns.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No index at the path.
    #[error("No newsdex index at {}. Run `newsdex index <folder>` first, or pass --index with the right path.", path.display())]
    IndexMissing {
        /// The index folder.
        path: PathBuf,
    },
    /// Another process is writing the index.
    #[error("The index at {} is being written by another process. Wait for that `newsdex index` run to finish, then try again.", path.display())]
    IndexLocked {
        /// The index folder.
        path: PathBuf,
    },
    /// The index was written by a version of newsdex that laid it out differently.
    #[error("The index at {} has format version {found}, this newsdex reads version {expected}. {REBUILD_HINT}", path.display())]
    FormatVersion {
        /// The index folder.
        path: PathBuf,
        /// The version on disk.
        found: u64,
        /// The version this build reads.
        expected: u32,
    },
    /// A file of the index does not hold what it should (tantivy's `DataCorruption`).
    #[error("The {what} {} is damaged. {REBUILD_HINT}", path.display())]
    Damaged {
        /// The damaged file (or folder).
        path: PathBuf,
        /// What it is ("entity dictionary", "stored analysis of article X").
        what: String,
    },
    /// The query parser refused a query.
    #[error("{message} {hint}")]
    QueryInvalid {
        /// What is wrong with it.
        message: String,
        /// How queries are written.
        hint: String,
    },
    /// A filter names a value the index does not know.
    #[error("{message} {hint}")]
    UnknownValue {
        /// `person`, `org`, `topic` or `source`.
        field: String,
        /// What was not found, and what is known.
        message: String,
        /// What to do next.
        hint: String,
    },
    /// The disk holding the index filled up during a run.
    #[error("The disk holding {} is full, so this run stopped and wrote nothing; the index is as it was before. Free some space (or pass --index with a folder on another disk) and run again.", path.display())]
    DiskFull {
        /// The index folder.
        path: PathBuf,
    },
    /// The index folder cannot be written: a read-only disk, or no permission.
    #[error("The index folder {} cannot be written ({reason}); newsdex writes there to index and, to read an index safely, takes a lock file there too. Pass --index with a writable folder (copy the index there to search it), or make this one writable.", path.display())]
    NotWritable {
        /// The index folder.
        path: PathBuf,
        /// "read-only file system", "permission denied".
        reason: String,
    },
    /// Something else the user can fix: the message says what happened, the hint what to do next.
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
    /// The kind of the I/O error behind this one, when there is one (looking inside tantivy's
    /// lock and I/O errors, which do not chain their causes).
    pub fn io_kind(&self) -> Option<std::io::ErrorKind> {
        use tantivy::directory::error::LockError;
        use tantivy::TantivyError as T;
        match self {
            Error::Io { source, .. } => Some(source.kind()),
            Error::Tantivy(T::LockFailure(LockError::IoError(io), _)) | Error::Tantivy(T::IoError(io)) => {
                Some(io.kind())
            }
            _ => {
                let mut source = std::error::Error::source(self);
                while let Some(s) = source {
                    if let Some(io) = s.downcast_ref::<std::io::Error>() {
                        return Some(io.kind());
                    }
                    source = s.source();
                }
                None
            }
        }
    }

    /// This error, said as [`Error::NotWritable`] when it comes from a read-only disk or a
    /// missing permission on `dir`.
    pub fn or_not_writable(self, dir: &std::path::Path) -> Self {
        let reason = match self.io_kind() {
            Some(std::io::ErrorKind::ReadOnlyFilesystem) => "read-only file system",
            Some(std::io::ErrorKind::PermissionDenied) => "permission denied",
            _ => return self,
        };
        Error::NotWritable { path: dir.to_path_buf(), reason: reason.to_string() }
    }

    /// Builds a user error from a message and a hint.
    pub fn user(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Error::User { message: message.into(), hint: hint.into() }
    }

    /// Wraps an I/O error with the path it happened on.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), source }
    }

    /// A damaged file of ours.
    pub fn damaged(path: impl Into<PathBuf>, what: impl Into<String>) -> Self {
        Error::Damaged { path: path.into(), what: what.into() }
    }

    /// True for errors the user's input or setup caused (not a failure inside newsdex or the disk).
    pub fn is_user(&self) -> bool {
        matches!(
            self,
            Error::IndexMissing { .. }
                | Error::IndexLocked { .. }
                | Error::FormatVersion { .. }
                | Error::DiskFull { .. }
                | Error::NotWritable { .. }
                | Error::QueryInvalid { .. }
                | Error::UnknownValue { .. }
                | Error::User { .. }
        )
    }
}
