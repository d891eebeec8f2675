//! Word vectors for training the topic classifier (`newsdex train-topics --vectors DIR`, exported by
//! `scripts/export_vectors.py`): unit-length rows shared by words of similar meaning.

use std::collections::HashMap;
use std::io::BufRead;
use std::path::Path;

/// Dimensions of a vector.
pub const DIMS: usize = 300;

/// Rows of vectors and the row of every known lower-case word.
#[derive(Debug, Clone, Default)]
pub struct WordVectors {
    /// Word → row.
    pub rows: HashMap<String, u16>,
    /// Row-major, [`DIMS`] per row, each row of unit length.
    pub data: Vec<f32>,
}

impl WordVectors {
    /// Reads `DIR/words.tsv` (word, row) and `DIR/vectors.f32` (little-endian f32 rows).
    pub fn load(dir: &Path) -> std::io::Result<Self> {
        let bytes = std::fs::read(dir.join("vectors.f32"))?;
        let mut data: Vec<f32> = bytes.chunks_exact(4).map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
        for row in data.chunks_exact_mut(DIMS) {
            let norm = row.iter().map(|v| v * v).sum::<f32>().sqrt().max(1e-6);
            row.iter_mut().for_each(|v| *v /= norm);
        }
        let n_rows = data.len() / DIMS;
        let mut rows = HashMap::new();
        for line in std::io::BufReader::new(std::fs::File::open(dir.join("words.tsv"))?).lines() {
            let line = line?;
            if let Some((w, r)) = line.split_once('\t') {
                if let Ok(r) = r.parse::<u16>() {
                    if (r as usize) < n_rows {
                        rows.insert(w.to_string(), r);
                    }
                }
            }
        }
        if rows.is_empty() {
            return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, "no words in words.tsv"));
        }
        Ok(WordVectors { rows, data })
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.data.len() / DIMS
    }

    /// True when there are no rows.
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    /// One row.
    pub fn row(&self, r: u16) -> &[f32] {
        &self.data[r as usize * DIMS..(r as usize + 1) * DIMS]
    }

    /// Mean of the rows of the given rows (zeros when there are none).
    pub fn mean(&self, rows: &[u16]) -> Vec<f32> {
        let mut m = vec![0f32; DIMS];
        for &r in rows {
            m.iter_mut().zip(self.row(r)).for_each(|(a, b)| *a += b);
        }
        let k = rows.len().max(1) as f32;
        m.iter_mut().for_each(|a| *a /= k);
        m
    }
}
