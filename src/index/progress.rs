//! What an indexing run reports as it goes: named steps, bytes read of a known total, articles
//! written. The library calls these; a front end draws them (the CLI a bar, the server a log).

/// Receives an indexing run's progress. Every method has a default that ignores it.
pub trait Progress: Sync {
    /// A new step begins (`"reading and analysing /data/news"`, `"committing shards"`).
    fn step(&self, _name: &str) {}
    /// The bytes of input this run will read, once the folders are walked.
    fn total_bytes(&self, _bytes: u64) {}
    /// Bytes of input read so far grew by `bytes` (one file done).
    fn read_bytes(&self, _bytes: u64) {}
    /// Articles analysed and written so far grew by `n` (one batch done).
    fn articles(&self, _n: u64) {}
}

/// Progress that nobody watches.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoProgress;

impl Progress for NoProgress {}
