//! The manifest beside the shards: format version, shard count, indexed roots, counts.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// Version of the on-disk layout; bumped when an old index can no longer be read.
pub const FORMAT_VERSION: u32 = 8;
/// File name of the manifest inside the index folder.
pub const MANIFEST_FILE: &str = "newsdex.json";

/// One folder that was indexed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RootEntry {
    /// Absolute path of the folder.
    pub path: String,
    /// The folder's name in article ids (`<name>/<file path>`): its last path component, with
    /// `-2`, `-3`, … added when another indexed folder has the same last component.
    pub name: String,
    /// Articles from it after the last run.
    pub articles: u64,
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
    pub articles: u64,
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
            articles: 0,
            roots: vec![],
        }
    }

    /// Reads the manifest of an index folder, with a clear error when it is missing or too old.
    pub fn load(dir: &Path) -> Result<Self> {
        let path = dir.join(MANIFEST_FILE);
        let bytes = std::fs::read(&path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::IndexMissing { path: dir.to_path_buf() },
            _ => Error::io(&path, e),
        })?;
        let value: serde_json::Value =
            serde_json::from_slice(&bytes).map_err(|_| Error::damaged(&path, "index manifest"))?;
        let version = value.get("format_version").and_then(|v| v.as_u64()).unwrap_or(0);
        if version != FORMAT_VERSION as u64 {
            return Err(Error::FormatVersion { path: dir.to_path_buf(), found: version, expected: FORMAT_VERSION });
        }
        serde_json::from_value(value).map_err(|_| Error::damaged(&path, "index manifest"))
    }

    /// The id prefix of the folder `root` (absolute): the one it already has, else a new one
    /// that no other indexed folder uses.
    pub fn root_name(roots: &[RootEntry], root: &Path) -> String {
        let path = root.to_string_lossy();
        if let Some(r) = roots.iter().find(|r| r.path == path) {
            return r.name.clone();
        }
        let base = root.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| "root".into());
        let taken = |n: &str| roots.iter().any(|r| r.name == n);
        if !taken(&base) {
            return base;
        }
        (2..).map(|i| format!("{base}-{i}")).find(|n| !taken(n)).expect("an unused name")
    }

    /// Writes the manifest atomically (temporary file, fsync, rename).
    pub fn save(&self, dir: &Path) -> Result<()> {
        let bytes = serde_json::to_vec_pretty(self)?;
        fail::fail_point!("index:before_manifest_swap");
        super::side_files::write_atomic(&dir.join(MANIFEST_FILE), &bytes)
    }
}
