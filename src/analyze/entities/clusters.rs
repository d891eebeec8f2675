//! Word clusters: words used alike grouped together at several granularities, so the tagger
//! knows something of a word it never saw in training (an unseen surname falls in the cluster of
//! other surnames). Built by `newsdex word-clusters` with k-means over the word vectors topics
//! use (spaCy's CC0 `en_core_web_md` vectors): the vectors' rows into
//! [`LEVELS`]`[0]` clusters, then each level's centres into the next, coarser level's.

use crate::analyze::topics::vectors::{WordVectors, DIMS};
use crate::util::rng::Rng;
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::{BufRead, Read, Write};
use std::sync::{Arc, OnceLock};

/// Clusters at each level, finest first.
pub const LEVELS: [usize; 4] = [1024, 256, 64, 16];
/// K-means passes per level.
pub const DEFAULT_ITERATIONS: usize = 25;
/// The clusters the built-in tagger was trained with (`models/word-clusters.tsv.gz`).
pub const BUILTIN_CLUSTERS: &[u8] = include_bytes!("../../../models/word-clusters.tsv.gz");
const MAGIC: &str = "newsdex-word-clusters 1";

/// Lower-case words and the cluster of each at every level.
#[derive(Debug, Default)]
pub struct WordClusters {
    /// Lower-case word → finest cluster.
    words: HashMap<Box<str>, u16>,
    /// Finest cluster → its cluster at each level (level 0 is itself).
    levels: Vec<[u16; LEVELS.len()]>,
}

impl WordClusters {
    /// The built-in clusters, read once per process.
    pub fn builtin() -> Arc<WordClusters> {
        static CLUSTERS: OnceLock<Arc<WordClusters>> = OnceLock::new();
        Arc::clone(CLUSTERS.get_or_init(|| {
            Arc::new(WordClusters::read(BUILTIN_CLUSTERS).expect("the built-in word clusters are a valid file"))
        }))
    }

    /// The clusters of a lower-case word at every level, finest first.
    pub fn get(&self, lower: &str) -> Option<[u16; LEVELS.len()]> {
        self.words.get(lower).map(|&c| self.levels[c as usize])
    }

    /// Words with a cluster.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when no word has a cluster.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Clusters the word vectors in `dir` (written by `scripts/export_vectors.py`).
    pub fn from_vectors(dir: &std::path::Path, iterations: usize) -> crate::error::Result<Self> {
        let vectors = WordVectors::load(dir).map_err(|e| {
            crate::error::Error::user(
                format!("Could not read word vectors from {} ({e}).", dir.display()),
                "Write them with scripts/export_vectors.py.",
            )
        })?;
        if vectors.len() < LEVELS[0] {
            return Err(crate::error::Error::user(
                format!(
                    "{} holds {} vectors, fewer than the {} clusters to make.",
                    dir.display(),
                    vectors.len(),
                    LEVELS[0]
                ),
                "Export the full vectors with scripts/export_vectors.py.",
            ));
        }
        Ok(Self::build(&vectors, iterations))
    }

    /// Clusters the rows of `vectors` (k-means from seeded random centres, cosine similarity)
    /// and gives every word of `vectors` the cluster of its row. `vectors` must hold at least
    /// [`LEVELS`]`[0]` rows.
    pub fn build(vectors: &WordVectors, iterations: usize) -> Self {
        let mut assign: Vec<Vec<u16>> = Vec::new();
        let mut data = vectors.data.clone();
        for (l, &k) in LEVELS.iter().enumerate() {
            let points: Vec<&[f32]> = data.chunks_exact(DIMS).collect();
            let (centres, of) = kmeans(&points, k, iterations, 0x5eed + l as u64);
            assign.push(of);
            data = centres;
        }
        let levels = (0..LEVELS[0])
            .map(|c| {
                let mut ids = [0u16; LEVELS.len()];
                ids[0] = c as u16;
                for l in 1..LEVELS.len() {
                    ids[l] = assign[l][ids[l - 1] as usize];
                }
                ids
            })
            .collect();
        let words = vectors.rows.iter().map(|(w, &r)| (w.as_str().into(), assign[0][r as usize])).collect();
        WordClusters { words, levels }
    }

    /// Writes the clusters as gzipped text: a magic line, one line per finest cluster with its
    /// cluster at every level, then `word<TAB>finest cluster` in word order.
    pub fn write(&self, w: impl Write) -> std::io::Result<()> {
        let mut w = flate2::write::GzEncoder::new(w, flate2::Compression::best());
        writeln!(w, "{}", header())?;
        for ids in &self.levels {
            let ids: Vec<String> = ids.iter().map(u16::to_string).collect();
            writeln!(w, "{}", ids.join(" "))?;
        }
        let mut words: Vec<(&str, u16)> = self.words.iter().map(|(w, &c)| (&**w, c)).collect();
        words.sort_unstable();
        for (word, c) in words {
            writeln!(w, "{word}\t{c}")?;
        }
        w.finish()?.flush()
    }

    /// Reads what [`WordClusters::write`] wrote.
    pub fn read(r: impl Read) -> std::io::Result<Self> {
        let bad = |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, format!("word clusters: {what}"));
        let mut lines = std::io::BufReader::new(flate2::read::GzDecoder::new(r)).lines();
        if lines.next().transpose()? != Some(header()) {
            return Err(bad("not a newsdex word-clusters file of these levels"));
        }
        let mut out = WordClusters::default();
        for c in 0..LEVELS[0] {
            let line = lines.next().transpose()?.ok_or_else(|| bad("too few cluster lines"))?;
            let ids: Vec<u16> = line.split(' ').filter_map(|x| x.parse().ok()).collect();
            let ids: [u16; LEVELS.len()] = ids.try_into().map_err(|_| bad("a cluster line of the wrong length"))?;
            if ids[0] as usize != c || ids.iter().zip(LEVELS).any(|(&id, k)| id as usize >= k) {
                return Err(bad("a cluster id out of range"));
            }
            out.levels.push(ids);
        }
        for line in lines {
            let line = line?;
            let (word, c) = line.split_once('\t').ok_or_else(|| bad("a word line without a tab"))?;
            let c: u16 = c.parse().map_err(|_| bad("a word's cluster is not a number"))?;
            if c as usize >= LEVELS[0] {
                return Err(bad("a word's cluster is out of range"));
            }
            out.words.insert(word.into(), c);
        }
        Ok(out)
    }
}

/// The first line of a clusters file: the magic and the cluster count of every level.
fn header() -> String {
    let levels: Vec<String> = LEVELS.iter().map(usize::to_string).collect();
    format!("{MAGIC} {}", levels.join(" "))
}

/// Spherical k-means of unit-length `points` into `k` clusters: the centres (unit length, `k ×
/// DIMS`) and each point's cluster.
fn kmeans(points: &[&[f32]], k: usize, iterations: usize, seed: u64) -> (Vec<f32>, Vec<u16>) {
    let mut rng = Rng::new(seed);
    let mut order: Vec<usize> = (0..points.len()).collect();
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i + 1));
    }
    let mut centres: Vec<f32> = order[..k].iter().flat_map(|&i| points[i].iter().copied()).collect();
    let mut of = vec![0u16; points.len()];
    for _ in 0..iterations {
        of = points
            .par_iter()
            .map(|p| {
                let dot = |c: &[f32]| c.iter().zip(p.iter()).map(|(a, b)| a * b).sum::<f32>();
                let best = centres.chunks_exact(DIMS).map(dot).enumerate().fold((0, f32::MIN), |b, (i, s)| {
                    if s > b.1 {
                        (i, s)
                    } else {
                        b
                    }
                });
                best.0 as u16
            })
            .collect();
        let mut sums = vec![0f32; k * DIMS];
        for (p, &c) in points.iter().zip(&of) {
            sums[c as usize * DIMS..(c as usize + 1) * DIMS].iter_mut().zip(p.iter()).for_each(|(s, v)| *s += v);
        }
        for (c, sum) in sums.chunks_exact_mut(DIMS).enumerate() {
            let norm = sum.iter().map(|v| v * v).sum::<f32>().sqrt();
            if norm > 1e-6 {
                sum.iter_mut().for_each(|v| *v /= norm);
                centres[c * DIMS..(c + 1) * DIMS].copy_from_slice(sum);
            }
        }
    }
    (centres, of)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_clusters_put_surnames_together_and_apart_from_verbs() {
        let c = WordClusters::builtin();
        assert!(c.len() > 100_000, "{} words", c.len());
        let (smith, jones, said) = (c.get("smith").unwrap(), c.get("jones").unwrap(), c.get("said").unwrap());
        assert_eq!(smith[2], jones[2]);
        assert_ne!(smith[2], said[2]);
    }

    #[test]
    fn clusters_survive_a_write_and_read() {
        let c = WordClusters::builtin();
        let mut bytes = Vec::new();
        c.write(&mut bytes).unwrap();
        let back = WordClusters::read(&bytes[..]).unwrap();
        assert_eq!(back.len(), c.len());
        assert_eq!(back.get("reuters"), c.get("reuters"));
        assert_eq!(back.levels, c.levels);
        assert!(WordClusters::read(&bytes[1..]).is_err());
    }
}
