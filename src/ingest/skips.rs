//! Why input was skipped, and the per-reason counts of a run.

use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Why a file, or one record in it, was not indexed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// The file looks binary (NUL bytes).
    Binary,
    /// The file or record holds no text.
    Empty,
    /// JSON that does not parse, or has no article in it.
    Malformed,
    /// Larger than the configured limit.
    TooLarge,
    /// The file could not be read (permissions, I/O error, broken compression).
    Unreadable,
    /// The directory walk failed here (symlink loop, permission denied).
    WalkError,
    /// Another record in this run already used the same id.
    DuplicateId,
}

impl SkipReason {
    /// Snake-case name used in summaries.
    pub fn name(self) -> &'static str {
        match self {
            SkipReason::Binary => "binary",
            SkipReason::Empty => "empty",
            SkipReason::Malformed => "malformed",
            SkipReason::TooLarge => "too_large",
            SkipReason::Unreadable => "unreadable",
            SkipReason::WalkError => "walk_error",
            SkipReason::DuplicateId => "duplicate_id",
        }
    }
}

/// One skipped file or record, with where and why.
#[derive(Debug, Clone)]
pub struct Skip {
    /// The file.
    pub path: PathBuf,
    /// The 1-based line, for JSON Lines records.
    pub line: Option<usize>,
    /// Why it was skipped.
    pub reason: SkipReason,
    /// Details for the user.
    pub detail: String,
}

impl Skip {
    /// A skip of a whole file.
    pub fn file(path: &Path, reason: SkipReason, detail: impl Into<String>) -> Self {
        Skip { path: path.to_path_buf(), line: None, reason, detail: detail.into() }
    }

    /// A skip of one line of a file.
    pub fn line(path: &Path, line: usize, reason: SkipReason, detail: impl Into<String>) -> Self {
        Skip { path: path.to_path_buf(), line: Some(line), reason, detail: detail.into() }
    }
}

impl fmt::Display for Skip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => {
                write!(f, "{}:{}: skipped ({}): {}", self.path.display(), line, self.reason.name(), self.detail)
            }
            None => write!(f, "{}: skipped ({}): {}", self.path.display(), self.reason.name(), self.detail),
        }
    }
}

/// Thread-safe collector of skips and warnings during a run; every skip is logged as a warning.
#[derive(Debug, Default)]
pub struct SkipLog {
    inner: Mutex<SkipLogInner>,
    quiet: bool,
}

#[derive(Debug, Default)]
struct SkipLogInner {
    counts: BTreeMap<SkipReason, usize>,
    skipped_files: Vec<PathBuf>,
    /// The first [`KEPT_MESSAGES`] warnings, for an error that must show them whatever the log level.
    messages: Vec<String>,
    decoded_cp1252: usize,
}

/// How many skip warnings a log keeps as text.
pub const KEPT_MESSAGES: usize = 20;

impl SkipLog {
    /// A log that counts without warning (for a second read of files already reported).
    pub fn quiet() -> Self {
        SkipLog { quiet: true, ..SkipLog::default() }
    }

    /// True for a log that counts without warning.
    pub fn is_quiet(&self) -> bool {
        self.quiet
    }

    /// Records a skip and prints a warning naming the file (and line).
    pub fn skip(&self, skip: Skip) {
        if !self.quiet {
            tracing::warn!("{skip}");
        }
        let mut inner = self.inner.lock().expect("skip log poisoned");
        *inner.counts.entry(skip.reason).or_default() += 1;
        if inner.messages.len() < KEPT_MESSAGES {
            inner.messages.push(skip.to_string());
        }
        inner.skipped_files.push(skip.path);
    }

    /// Records that a file was not UTF-8 and was decoded as Windows-1252.
    pub fn decoded_cp1252(&self, path: &Path) {
        if self.quiet {
            return;
        }
        tracing::warn!("{}: not valid UTF-8, decoded as Windows-1252", path.display());
        self.inner.lock().expect("skip log poisoned").decoded_cp1252 += 1;
    }

    /// Skip counts per reason.
    pub fn counts(&self) -> BTreeMap<String, usize> {
        let inner = self.inner.lock().expect("skip log poisoned");
        inner.counts.iter().map(|(k, v)| (k.name().to_string(), *v)).collect()
    }

    /// Total number of skips.
    pub fn total(&self) -> usize {
        self.inner.lock().expect("skip log poisoned").counts.values().sum()
    }

    /// Files that had at least one skip: their old articles are kept rather than deleted.
    pub fn skipped_files(&self) -> Vec<PathBuf> {
        self.inner.lock().expect("skip log poisoned").skipped_files.clone()
    }

    /// The first [`KEPT_MESSAGES`] skips as warning lines.
    pub fn messages(&self) -> Vec<String> {
        self.inner.lock().expect("skip log poisoned").messages.clone()
    }

    /// How many files were decoded as Windows-1252.
    pub fn cp1252_files(&self) -> usize {
        self.inner.lock().expect("skip log poisoned").decoded_cp1252
    }
}
