//! The corpus state a long-running process (the server) keeps between its indexing runs.

use crate::analyze::corpus::CorpusState;
use std::sync::Mutex;

/// The corpus state (duplicate store, names, keyphrase frequencies) of the generation the last
/// run of this process committed. A write of one article then neither loads the whole store
/// from disk nor frees it again: the server's memory stays level instead of rising and falling
/// by the store's size with every write. A run whose generation does not follow the cached one
/// (another process committed in between) loads from disk as usual; a run that fails leaves the
/// cache empty.
#[derive(Default)]
pub struct CorpusCache(Mutex<Option<(u64, CorpusState)>>);

impl std::fmt::Debug for CorpusCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let generation = self.0.lock().ok().and_then(|c| c.as_ref().map(|c| c.0));
        f.debug_struct("CorpusCache").field("generation", &generation).finish()
    }
}

impl CorpusCache {
    /// Takes the state out when it is the one of `generation`; it is dropped otherwise.
    pub(crate) fn take(&self, generation: u64) -> Option<CorpusState> {
        let mut slot = self.0.lock().unwrap_or_else(|e| e.into_inner());
        slot.take().filter(|(g, _)| *g == generation).map(|(_, state)| state)
    }

    /// Keeps the state of a committed `generation` for the next run.
    pub(crate) fn put(&self, generation: u64, state: CorpusState) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Some((generation, state));
    }
}
