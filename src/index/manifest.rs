//! The manifest beside the shards: format version, shard count, indexed roots, counts.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// Version of the on-disk layout; bumped when an old index can no longer be read.
pub const FORMAT_VERSION: u32 = 6;
/// File name of the manifest inside the index folder.
pub const MANIFEST_FILE: &str = "newsdex.json";

/// One folder that was indexed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RootEntry {
    /// Absolute path of the folder.
    pub path: String,
    /// Articles from it after the last run.
    pub documents: u64,
    /// When it was last indexed (RFC 3339).
    pub indexed_at: String,
}

/// Index-wide metadata, written atomically after every committed run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Layout version ([`FORMAT_VERSION`]).
    pub format_version: u32,
    /// Version of newsdex that last wrote the index.
    pub newsdex_version: String,
    /// Number of shards.
    pub shards: usize,
    /// Generation of the shard folders (`gen-N/`); a rebuild writes a new one and swaps.
    pub generation: u64,
    /// Total articles.
    pub documents: u64,
    /// Folders indexed.
    pub roots: Vec<RootEntry>,
}

impl Manifest {
    /// A manifest for a new, empty index.
    pub fn new(shards: usize, generation: u64) -> Self {
        Manifest {
            format_version: FORMAT_VERSION,
            newsdex_version: env!("CARGO_PKG_VERSION").into(),
            shards,
            generation,
            documents: 0,
            roots: vec![],
        }
    }

    /// Reads the manifest of an index folder, with a clear error when it is missing or too old.
    pub fn load(dir: &Path) -> Result<Self> {
        let path = dir.join(MANIFEST_FILE);
        let bytes = std::fs::read(&path).map_err(|_| {
            Error::user(
                format!("No newsdex index at {}.", dir.display()),
                "Run `newsdex index <folder>` first, or pass --index with the right path.",
            )
        })?;
        let value: serde_json::Value = serde_json::from_slice(&bytes).map_err(|_| {
            Error::user(
                format!("The index manifest {} is damaged.", path.display()),
                "Rebuild with `newsdex index --rebuild <folder>`.",
            )
        })?;
        let version = value.get("format_version").and_then(|v| v.as_u64()).unwrap_or(0);
        if version != FORMAT_VERSION as u64 {
            return Err(Error::user(
                format!(
                    "The index at {} has format version {version}, this newsdex reads version {FORMAT_VERSION}.",
                    dir.display()
                ),
                "Rebuild it with `newsdex index --rebuild <folder>`.",
            ));
        }
        Ok(serde_json::from_value(value)?)
    }

    /// Writes the manifest atomically (temporary file, fsync, rename).
    pub fn save(&self, dir: &Path) -> Result<()> {
        let tmp = dir.join(format!("{MANIFEST_FILE}.tmp"));
        let bytes = serde_json::to_vec_pretty(self)?;
        let write = || -> std::io::Result<()> {
            use std::io::Write;
            let mut f = std::fs::File::create(&tmp)?;
            f.write_all(&bytes)?;
            f.sync_all()?;
            std::fs::rename(&tmp, dir.join(MANIFEST_FILE))
        };
        write().map_err(|e| Error::io(dir.join(MANIFEST_FILE), e))
    }
}
