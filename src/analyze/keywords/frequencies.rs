//! Document frequencies of keyphrase candidates in bounded memory: a count-min sketch with
//! conservative update (never under-counts; over-counts only where keys collide in every row).

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::io::{Read, Write};
use std::path::Path;

/// Rows of the sketch.
pub const DEPTH: usize = 4;
/// Counters per row (2^20: 16 MB in all).
pub const DEFAULT_WIDTH: usize = 1 << 20;
/// File name inside an index generation.
pub const FILE: &str = "keywords.bin";

/// How many articles contain each candidate, approximately.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocFrequencies {
    /// Articles counted.
    pub docs: u64,
    width: usize,
    counters: Vec<u32>,
}

impl Default for DocFrequencies {
    fn default() -> Self {
        Self::with_width(DEFAULT_WIDTH)
    }
}

impl DocFrequencies {
    /// An empty sketch with `width` counters per row.
    pub fn with_width(width: usize) -> Self {
        DocFrequencies { docs: 0, width: width.max(1), counters: vec![0; DEPTH * width.max(1)] }
    }

    fn slots(&self, key: u64) -> [usize; DEPTH] {
        let (a, b) = (key as u32 as usize, (key >> 32) as usize | 1);
        std::array::from_fn(|i| i * self.width + a.wrapping_add(i.wrapping_mul(b)) % self.width)
    }

    /// Counts one article holding these (distinct) keys.
    pub fn add_document(&mut self, keys: &[u64]) {
        self.docs += 1;
        for &k in keys {
            let slots = self.slots(k);
            let next = slots.iter().map(|&s| self.counters[s]).min().unwrap_or(0).saturating_add(1);
            for s in slots {
                self.counters[s] = self.counters[s].max(next);
            }
        }
    }

    /// Articles that contain `key` (an upper bound).
    pub fn df(&self, key: u64) -> u32 {
        self.slots(key).iter().map(|&s| self.counters[s]).min().unwrap_or(0)
    }

    /// Reads `dir/keywords.bin`, or an empty sketch when there is none.
    pub fn load(dir: &Path) -> Result<Self> {
        let path = dir.join(FILE);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(e) => return Err(Error::io(&path, e)),
        };
        let mut raw = Vec::new();
        let damaged = || {
            Error::user(
                format!("The keyword frequencies {} are damaged.", path.display()),
                "Rebuild the index with `newsdex index --rebuild <folder>`.",
            )
        };
        flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut raw).map_err(|_| damaged())?;
        let s: Self = postcard::from_bytes(&raw).map_err(|_| damaged())?;
        if s.width == 0 || s.counters.len() != DEPTH * s.width {
            return Err(damaged());
        }
        Ok(s)
    }

    /// Writes `dir/keywords.bin` atomically (gzip'd postcard); returns its size.
    pub fn save(&self, dir: &Path) -> Result<u64> {
        let path = dir.join(FILE);
        let tmp = path.with_extension("tmp");
        let raw = postcard::to_stdvec(self).map_err(|e| Error::io(&path, std::io::Error::other(e.to_string())))?;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&raw).map_err(|e| Error::io(&path, e))?;
        let bytes = gz.finish().map_err(|e| Error::io(&path, e))?;
        std::fs::write(&tmp, &bytes).and_then(|_| std::fs::rename(&tmp, &path)).map_err(|e| Error::io(&path, e))?;
        Ok(bytes.len() as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_articles_and_never_undercounts() {
        let mut d = DocFrequencies::with_width(64);
        for i in 0..200u64 {
            d.add_document(&[1, 2 + i % 3, 1000 + i]);
        }
        assert_eq!(d.docs, 200);
        assert!(d.df(1) >= 200 && d.df(1) <= 205, "{}", d.df(1));
        assert!(d.df(2) >= 67);
        assert!((1000..1200).all(|k| d.df(k) >= 1));
    }

    #[test]
    fn saves_and_loads() {
        let dir = tempfile::tempdir().unwrap();
        let mut d = DocFrequencies::with_width(128);
        d.add_document(&[7, 9]);
        d.save(dir.path()).unwrap();
        assert_eq!(DocFrequencies::load(dir.path()).unwrap(), d);
        std::fs::write(dir.path().join(FILE), b"junk").unwrap();
        assert!(DocFrequencies::load(dir.path()).is_err());
    }
}
