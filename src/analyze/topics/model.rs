//! A linear topic classifier: averaged multiclass perceptron over hashed word unigrams and
//! bigrams of the headline and body (lower case, no tokens with digits), with softmax confidences.

use super::taxonomy::{subject_words, TOP_LEVEL};
use crate::analyze::normalize::normalized_words;
use crate::analyze::persist::{read_quantized, write_quantized};
use std::io::{Read, Write};

/// Feature buckets (2^18).
pub const BUCKETS: u32 = 1 << 18;
/// Classes: the IPTC top level.
pub const CLASSES: usize = TOP_LEVEL.len();
/// Log-evidence added per subject word found (see [`super::taxonomy::SUBJECT_WORDS`]).
pub const LEXICON_WEIGHT: f32 = 2.0;
/// Softmax temperature applied to the scores (naive Bayes log-probability sums are far apart).
pub const TEMPERATURE: f32 = 12.0;
const MAGIC: &[u8; 8] = b"NDXTOP01";

/// Hashed features of a text: unigrams and bigrams of its words without digits.
pub fn features(text: &str) -> Vec<u32> {
    let words: Vec<String> =
        normalized_words(text).into_iter().filter(|w| w.len() > 1 && !w.chars().any(|c| c.is_ascii_digit())).collect();
    let hash = |a: &str, b: &str| {
        let mut buf = Vec::with_capacity(a.len() + b.len() + 1);
        buf.extend_from_slice(a.as_bytes());
        buf.push(b' ');
        buf.extend_from_slice(b.as_bytes());
        (xxhash_rust::xxh3::xxh3_64_with_seed(&buf, 29) % BUCKETS as u64) as u32
    };
    let mut out: Vec<u32> = words.iter().map(|w| hash(w, "")).collect();
    out.extend(words.windows(2).map(|w| hash(&w[0], &w[1])));
    out.sort_unstable();
    out.dedup();
    out
}

/// The classifier's weights.
#[derive(Debug, Clone)]
pub struct TopicModel {
    weights: Vec<f32>,
}

impl Default for TopicModel {
    fn default() -> Self {
        TopicModel { weights: vec![0.0; BUCKETS as usize * CLASSES] }
    }
}

impl TopicModel {
    /// Raw scores per class.
    pub fn scores(&self, feats: &[u32]) -> [f32; CLASSES] {
        let mut s = [0.0; CLASSES];
        for &f in feats {
            let row = &self.weights[f as usize * CLASSES..(f as usize + 1) * CLASSES];
            for (o, w) in s.iter_mut().zip(row) {
                *o += w;
            }
        }
        s
    }

    /// Probabilities per class (softmax of the scores over [`TEMPERATURE`]).
    pub fn probabilities(&self, text: &str) -> [f32; CLASSES] {
        let mut s = self.scores(&features(text));
        // Subject words add evidence the few training headlines of some subjects lack.
        let words = normalized_words(text);
        for (slug, n) in subject_words(&words) {
            let i = TOP_LEVEL.iter().position(|(t, _)| *t == slug).expect("subject words name top-level subjects");
            s[i] += LEXICON_WEIGHT * n as f32;
        }
        let max = s.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let mut p = s.map(|v| ((v - max) / TEMPERATURE).exp());
        let z: f32 = p.iter().sum();
        p.iter_mut().for_each(|v| *v /= z);
        p
    }

    /// Trains an averaged perceptron on (features, class) pairs.
    pub fn train(data: &[(Vec<u32>, usize)], epochs: usize) -> Self {
        let mut m = TopicModel::default();
        let mut acc = vec![0f32; m.weights.len()];
        let mut c = 1f32;
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..epochs {
            crate::bench::rng::xorshift_shuffle(&mut order, &mut state);
            for &k in &order {
                let (feats, gold) = &data[k];
                let s = m.scores(feats);
                let pred = (0..CLASSES).max_by(|a, b| s[*a].total_cmp(&s[*b]).then(b.cmp(a))).expect("classes");
                if pred != *gold {
                    for &f in feats {
                        let (g, p) = (f as usize * CLASSES + gold, f as usize * CLASSES + pred);
                        m.weights[g] += 1.0;
                        acc[g] += c;
                        m.weights[p] -= 1.0;
                        acc[p] -= c;
                    }
                }
                c += 1.0;
            }
        }
        for (w, a) in m.weights.iter_mut().zip(&acc) {
            *w -= a / c;
        }
        m
    }

    /// Trains multinomial naive Bayes (binary features, add-`alpha` smoothing, uniform prior):
    /// the weight of a feature for a class is its log-probability in that class.
    pub fn train_nb(data: &[(Vec<u32>, usize)], alpha: f32) -> Self {
        let mut counts = vec![0f32; BUCKETS as usize * CLASSES];
        let mut totals = [0f32; CLASSES];
        for (feats, class) in data {
            for &f in feats {
                counts[f as usize * CLASSES + class] += 1.0;
                totals[*class] += 1.0;
            }
        }
        let v = BUCKETS as f32;
        let weights = counts
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let c = i % CLASSES;
                // Classes with no data get a flat, low weight so they are never picked.
                if totals[c] == 0.0 {
                    -30.0
                } else {
                    ((n + alpha) / (totals[c] + alpha * v)).ln()
                }
            })
            .collect();
        TopicModel { weights }
    }

    /// Writes the model (i16-quantised, gzip).
    pub fn save(&self, w: impl Write) -> std::io::Result<()> {
        write_quantized(w, MAGIC, &[], self.weights.iter())
    }

    /// Reads a model written by [`TopicModel::save`].
    pub fn load(r: impl Read) -> std::io::Result<Self> {
        let (_, weights) = read_quantized(r, MAGIC, 0)?;
        if weights.len() != BUCKETS as usize * CLASSES {
            return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, "not a newsdex topic model"));
        }
        Ok(TopicModel { weights })
    }
}
