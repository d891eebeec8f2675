//! What every request shares: the open index (reopened when a new generation is committed), the
//! bounded pool searches run on, the write key and lock, and the metrics.

use super::error::{ApiError, ApiResult};
use super::metrics::Metrics;
use crate::index::manifest::MANIFEST_FILE;
use crate::search::NewsIndex;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::SystemTime;

/// The manifest as seen on disk: a new commit changes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
}

fn stamp(dir: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(dir.join(MANIFEST_FILE)).ok()?;
    Some(Stamp { modified: meta.modified().ok(), len: meta.len() })
}

/// Shared server state.
pub struct AppState {
    /// The index folder.
    pub dir: PathBuf,
    open: RwLock<Option<(Arc<NewsIndex>, Stamp)>>,
    /// Held by the one request that opens a new generation.
    opening: std::sync::Mutex<()>,
    /// Searches in flight at once (the rest wait).
    pub searches: Arc<tokio::sync::Semaphore>,
    /// The key writes must send, when writes are on.
    pub api_key: Option<String>,
    /// One write (or watched-folder run) at a time.
    pub writes: tokio::sync::Mutex<()>,
    /// Request counts and latencies.
    pub metrics: Metrics,
    /// The corpus state writes keep between their runs.
    pub corpus: Arc<crate::index::CorpusCache>,
}

impl AppState {
    /// State for the index in `dir`; searches at most `concurrency` at once.
    pub fn new(dir: PathBuf, api_key: Option<String>, concurrency: usize) -> Self {
        AppState {
            dir,
            open: RwLock::new(None),
            opening: std::sync::Mutex::new(()),
            searches: Arc::new(tokio::sync::Semaphore::new(concurrency.max(1))),
            api_key: api_key.filter(|k| !k.is_empty()),
            writes: tokio::sync::Mutex::new(()),
            metrics: Metrics::default(),
            corpus: Arc::default(),
        }
    }

    /// The index as last committed: opened on first use and again whenever the manifest changes
    /// (another process or a write committed a generation). Requests already running keep the
    /// snapshot they started with.
    pub fn index(&self) -> ApiResult<Arc<NewsIndex>> {
        let now = stamp(&self.dir);
        if let Some((index, seen)) = self.open.read().expect("index lock poisoned").as_ref() {
            if Some(*seen) == now {
                return Ok(index.clone());
            }
        }
        let Some(now) = now else {
            // Never opened: not built yet. Opened before: its folder was removed under us.
            let had_one = self.open.read().expect("index lock poisoned").is_some();
            let what = if had_one { "was removed while this server ran" } else { "does not exist yet" };
            return Err(ApiError::unavailable(format!(
                "The index at {} {what}; run `newsdex index <folder>` (or POST articles) and try again.",
                self.dir.display()
            )));
        };
        // One request opens the new generation; the others keep being answered from the
        // previous one meanwhile (its side files are loaded now, before a later run removes its
        // folder).
        let previous = self.open.read().expect("index lock poisoned").as_ref().map(|(i, _)| i.clone());
        let _opening = match (self.opening.try_lock(), previous) {
            (Ok(guard), _) => guard,
            (Err(_), Some(previous)) => return Ok(previous),
            (Err(_), None) => self.opening.lock().expect("open lock poisoned"),
        };
        if let Some((current, seen)) = self.open.read().expect("index lock poisoned").as_ref() {
            if *seen == now {
                return Ok(current.clone());
            }
        }
        let index = Arc::new(NewsIndex::open(&self.dir)?);
        index.dictionary()?;
        let mut slot = self.open.write().expect("index lock poisoned");
        if let Some((current, seen)) = slot.as_ref() {
            if *seen == now {
                return Ok(current.clone());
            }
        }
        *slot = Some((index.clone(), now));
        Ok(index)
    }

    /// Whether writes are on and the request's `Authorization` header carries the key, compared
    /// in constant time.
    pub fn authorize(&self, headers: &axum::http::HeaderMap) -> ApiResult<()> {
        let header = headers.get(axum::http::header::AUTHORIZATION).and_then(|v| v.to_str().ok());
        use axum::http::StatusCode;
        let Some(key) = &self.api_key else {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "auth",
                "writes_disabled",
                "Writes are off on this server; start it with --api-key KEY (or NEWSDEX_API_KEY) to allow them.",
            ));
        };
        let given = header.and_then(|h| h.strip_prefix("Bearer ")).unwrap_or("");
        let same =
            given.len() == key.len() && bool::from(subtle::ConstantTimeEq::ct_eq(given.as_bytes(), key.as_bytes()));
        if same {
            Ok(())
        } else {
            Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "auth",
                "invalid_api_key",
                "This request needs the server's write key as `Authorization: Bearer KEY`.",
            ))
        }
    }
}
