//! `--watch FOLDER`: new, changed and deleted files are indexed as they appear, through the same
//! incremental run as `newsdex index`, once the folder has been quiet for a moment.

use super::state::AppState;
use crate::index::{run_index, IndexOptions, NoProgress};
use notify::{RecursiveMode, Watcher};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// How long a folder must be quiet before a run.
pub const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(750);

/// Starts watching `folders` (each indexed once at the start); runs until the process ends.
pub fn spawn(state: Arc<AppState>, folders: Vec<PathBuf>) -> crate::Result<()> {
    let (tx, rx) = std::sync::mpsc::channel();
    // The index's own writes are not news (it may sit inside a watched folder).
    let own = state.dir.canonicalize().unwrap_or_else(|_| state.dir.clone());
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(e) = event {
            if !e.paths.iter().all(|p| p.starts_with(&own)) {
                let _ = tx.send(());
            }
        }
    })
    .map_err(|e| crate::Error::user(format!("Could not watch folders: {e}."), "Check that the folders exist."))?;
    for f in &folders {
        watcher.watch(f, RecursiveMode::Recursive).map_err(|e| {
            crate::Error::user(format!("Could not watch {}: {e}.", f.display()), "Check that the folder exists.")
        })?;
    }
    let runtime = tokio::runtime::Handle::current();
    std::thread::spawn(move || {
        let _watcher = watcher;
        let run = |state: &AppState| {
            let _write = runtime.block_on(state.writes.lock());
            let mut opts = IndexOptions::new(folders.clone(), state.dir.clone());
            opts.corpus_cache = Some(state.corpus.clone());
            match run_index(&opts, &NoProgress) {
                Ok(s) => tracing::info!("watch: {} added, {} updated, {} deleted", s.added, s.updated, s.deleted),
                Err(e) => tracing::warn!("watch: indexing failed: {e}"),
            }
        };
        run(&state);
        while rx.recv().is_ok() {
            // Wait until the folder is quiet, then index once for everything that happened.
            while rx.recv_timeout(DEFAULT_DEBOUNCE).is_ok() {}
            run(&state);
        }
    });
    Ok(())
}
