//! A linear topic classifier: multinomial logistic regression over hashed word unigrams and
//! bigrams of the headline and body (lower case, no tokens with digits, no stopwords), headline
//! words, word clusters, and the mean word vector of the text, with softmax confidences.
//!
//! Word vectors are needed only to train: a word's contribution through the mean vector is linear,
//! so the model keeps, per vector row, its score for every class, and per known word, its row.

use super::taxonomy::{LexiconCounts, TOP_LEVEL};
use super::vectors::WordVectors;
use crate::analyze::normalize::normalized_words;
use crate::analyze::stopwords::{is_content_word, is_stopword};
use crate::util::prefetch::prefetch;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::{Read, Write};

/// Feature buckets (2^18).
pub const BUCKETS: u32 = 1 << 18;
/// Features ahead whose weight rows are prefetched while one is added.
const PREFETCH_AHEAD: usize = 8;
/// Classes: the IPTC top level.
pub const CLASSES: usize = TOP_LEVEL.len();
/// Default learning rate of [`TopicModel::train`].
pub const DEFAULT_LEARNING_RATE: f32 = 4.0;
/// Default L2 penalty of [`TopicModel::train`] (per example seen).
pub const DEFAULT_L2: f32 = 1e-6;
/// Default passes over the training data.
pub const DEFAULT_EPOCHS: usize = 10;
/// Default evidence per subject word (see [`super::taxonomy::SUBJECT_WORDS`]).
pub const DEFAULT_LEXICON_WEIGHT: f32 = 1.0;
/// Default class balance of [`TrainOptions`] (0 = none, 1 = every class weighs the same).
pub const DEFAULT_BALANCE: f32 = 0.5;
/// Saved weights smaller than this share of the largest are dropped (a model 2.4 MB instead of
/// 5.8 MB, same accuracy on AG News and HuffPost).
pub const PRUNE_SHARE: f32 = 1.0 / 32.0;
const MAGIC: &[u8; 8] = b"NDXTOP03";

/// The most probable class (the last of equals).
pub fn best_class(p: &[f32; CLASSES]) -> usize {
    (0..CLASSES).max_by(|a, b| p[*a].total_cmp(&p[*b])).expect("classes")
}

/// A text as the model reads it.
#[derive(Debug, Clone, Default)]
pub struct Encoded {
    /// Hashed unigram, bigram and word-cluster features, sorted, unique.
    pub feats: Vec<u32>,
    /// Vector rows of the words that have one (for the mean vector).
    pub rows: Vec<u16>,
    /// Subject-word counts per class.
    pub lexicon: [f32; CLASSES],
}

/// The bucket of a feature `a b` (the bytes are built in `buf`).
fn hash_with(buf: &mut Vec<u8>, a: &str, b: &str) -> u32 {
    buf.clear();
    buf.extend_from_slice(a.as_bytes());
    buf.push(b' ');
    buf.extend_from_slice(b.as_bytes());
    (xxhash_rust::xxh3::xxh3_64_with_seed(buf, 29) % BUCKETS as u64) as u32
}

/// Learning settings of [`TopicModel::train`].
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Passes over the data.
    pub epochs: usize,
    /// Initial learning rate (divided by 1 + epoch).
    pub learning_rate: f32,
    /// L2 penalty per example seen.
    pub l2: f32,
    /// Evidence per subject word at prediction time.
    pub lexicon_weight: f32,
    /// Class balance: an example of a class with n examples weighs (mean n / n)^balance.
    pub balance: f32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: DEFAULT_EPOCHS,
            learning_rate: DEFAULT_LEARNING_RATE,
            l2: DEFAULT_L2,
            lexicon_weight: DEFAULT_LEXICON_WEIGHT,
            balance: DEFAULT_BALANCE,
        }
    }
}

/// The classifier: sparse weights, word rows and each row's class scores.
#[derive(Debug, Clone)]
pub struct TopicModel {
    weights: Vec<f32>,
    lexicon_weight: f32,
    /// Word → vector row (empty without word vectors).
    rows: WordRows,
    /// Per row, its score for every class (`CLASSES` per row).
    row_scores: Vec<f32>,
}

impl Default for TopicModel {
    fn default() -> Self {
        TopicModel {
            weights: vec![0.0; BUCKETS as usize * CLASSES],
            lexicon_weight: DEFAULT_LEXICON_WEIGHT,
            rows: WordRows::default(),
            row_scores: Vec::new(),
        }
    }
}

/// Word → vector row. Looked up for every word of every article, so by the word's 64-bit xxh3:
/// a probe compares integers held in the table instead of following a pointer to a string (no
/// two words of the built-in model share a hash, a test checks it; another word is taken for
/// one of them about once in 10^14 lookups).
#[derive(Debug, Clone, Default)]
struct WordRows {
    by_hash: HashMap<u64, u16, foldhash::fast::FixedState>,
    /// The words, to save the model.
    words: Vec<(String, u16)>,
}

impl WordRows {
    fn get(&self, word: &str) -> Option<u16> {
        self.by_hash.get(&xxhash_rust::xxh3::xxh3_64(word.as_bytes())).copied()
    }
}

impl FromIterator<(String, u16)> for WordRows {
    fn from_iter<I: IntoIterator<Item = (String, u16)>>(iter: I) -> Self {
        let mut words: Vec<(String, u16)> = iter.into_iter().collect();
        words.sort();
        words.dedup_by(|a, b| a.0 == b.0);
        let by_hash = words.iter().map(|(w, r)| (xxhash_rust::xxh3::xxh3_64(w.as_bytes()), *r)).collect();
        WordRows { by_hash, words }
    }
}

/// Encodes a text given its normalised words (`all`, from [`normalized_words`]) and their
/// lexicon counts.
fn encode_with(rows: &WordRows, text: &str, all: &[String], lexicon_counts: &LexiconCounts) -> Encoded {
    // Function words and the words every story uses ("said", "tuesday", "us") say how an outlet
    // writes, not what a story is about: learnt, they tie one corpus's style to its commonest
    // subject (HuffPost's described headlines are mostly politics, so wire copy became politics).
    let words: Vec<&String> = all.iter().filter(|w| is_content_word(w)).collect();
    let mut buf = Vec::with_capacity(64);
    let mut feats: Vec<u32> = words.iter().map(|w| hash_with(&mut buf, w, "")).collect();
    feats.extend(words.windows(2).map(|w| hash_with(&mut buf, w[0], w[1])));
    let found: Vec<u16> = words.iter().filter_map(|w| rows.get(w)).collect();
    feats.extend(found.iter().map(|r| {
        let [a, b] = r.to_le_bytes();
        (xxhash_rust::xxh3::xxh3_64_with_seed(&[1, a, b], 29) % BUCKETS as u64) as u32
    }));
    // Headline words count once more, as headline words.
    let title = text.split("\n\n").next().unwrap_or_default();
    feats.extend(
        normalized_words(title)
            .iter()
            .filter(|w| w.len() > 1 && !is_stopword(w))
            .map(|w| hash_with(&mut buf, "\u{2}title", w)),
    );
    feats.sort_unstable();
    feats.dedup();
    let mut lexicon = [0.0; CLASSES];
    for (slug, n) in lexicon_counts.subject_words() {
        let i = TOP_LEVEL.iter().position(|(t, _)| *t == slug).expect("subject words name top-level subjects");
        lexicon[i] += n as f32;
    }
    Encoded { feats, rows: found, lexicon }
}

/// Each feature of a text counts 1/sqrt(n).
fn feature_value(n: usize) -> f32 {
    1.0 / (n.max(1) as f32).sqrt()
}

fn softmax(s: [f32; CLASSES]) -> [f32; CLASSES] {
    let max = s.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut p = s.map(|v| (v - max).exp());
    let z: f32 = p.iter().sum();
    p.iter_mut().for_each(|v| *v /= z);
    p
}

/// Probabilities softened (`t` > 1) or sharpened (`t` < 1) by a temperature: the softmax of the
/// scores divided by `t`, computed from the probabilities (log p is the scores up to a constant).
pub fn tempered(p: &[f32; CLASSES], t: f32) -> [f32; CLASSES] {
    if t == 1.0 {
        return *p;
    }
    softmax(p.map(|v| v.max(1e-30).ln() / t))
}

impl TopicModel {
    /// Reads a text into features.
    pub fn encode(&self, text: &str) -> Encoded {
        let words = normalized_words(text);
        encode_with(&self.rows, text, &words, &LexiconCounts::of(&words))
    }

    /// Scores per class of an encoded text (sparse part, mean-vector part, subject words).
    pub fn scores(&self, e: &Encoded) -> [f32; CLASSES] {
        let x = feature_value(e.feats.len());
        let mut s = self.sparse_scores(&e.feats);
        s.iter_mut().for_each(|v| *v *= x);
        if !self.row_scores.is_empty() && !e.rows.is_empty() {
            let k = e.rows.len() as f32;
            for &r in &e.rows {
                let row = &self.row_scores[r as usize * CLASSES..(r as usize + 1) * CLASSES];
                s.iter_mut().zip(row).for_each(|(o, w)| *o += w / k);
            }
        }
        s.iter_mut().zip(&e.lexicon).for_each(|(o, n)| *o += self.lexicon_weight * n * x);
        s
    }

    fn sparse_scores(&self, feats: &[u32]) -> [f32; CLASSES] {
        let mut s = [0.0; CLASSES];
        // Rows a few features ahead are fetched while this one is added (the table is larger
        // than the caches).
        for &f in feats.iter().take(PREFETCH_AHEAD) {
            prefetch(&self.weights[f as usize * CLASSES]);
        }
        for (k, &f) in feats.iter().enumerate() {
            if let Some(&ahead) = feats.get(k + PREFETCH_AHEAD) {
                prefetch(&self.weights[ahead as usize * CLASSES]);
            }
            let row = &self.weights[f as usize * CLASSES..(f as usize + 1) * CLASSES];
            s.iter_mut().zip(row).for_each(|(o, w)| *o += w);
        }
        s
    }

    /// Probabilities per class of a text whose normalised words and their lexicon counts the
    /// caller already has.
    pub fn probabilities_with_words(&self, text: &str, words: &[String], counts: &LexiconCounts) -> [f32; CLASSES] {
        softmax(self.scores(&encode_with(&self.rows, text, words, counts)))
    }

    /// Probabilities per class.
    pub fn probabilities(&self, text: &str) -> [f32; CLASSES] {
        softmax(self.scores(&self.encode(text)))
    }

    /// Trains multinomial logistic regression by SGD (softmax cross-entropy, lazily applied L2,
    /// learning rate divided by 1 + epoch) on `(text, class)` pairs; with word vectors, also on
    /// word clusters (rows shared by similar words) and the text's mean vector.
    pub fn train(data: &[(String, usize)], vectors: Option<&WordVectors>, o: &TrainOptions) -> Self {
        let rows: WordRows = vectors.map(|v| v.rows.iter().map(|(w, r)| (w.clone(), *r)).collect()).unwrap_or_default();
        use rayon::prelude::*;
        let encoded: Vec<Encoded> = data
            .par_iter()
            .map(|(t, _)| {
                let words = normalized_words(t);
                encode_with(&rows, t, &words, &LexiconCounts::of(&words))
            })
            .collect();
        let dims = vectors.map_or(0, |_| super::vectors::DIMS);
        let means: Vec<Vec<f32>> =
            encoded.iter().map(|e| vectors.map(|v| v.mean(&e.rows)).unwrap_or_default()).collect();
        let mut m = TopicModel { lexicon_weight: o.lexicon_weight, rows, ..Default::default() };
        let mut counts = [0usize; CLASSES];
        data.iter().for_each(|(_, c)| counts[*c] += 1);
        let present = counts.iter().filter(|&&n| n > 0).count().max(1);
        let mean = data.len() as f32 / present as f32;
        let class_weight: [f32; CLASSES] = counts.map(|n| (mean / n.max(1) as f32).powf(o.balance));
        let mut dense = vec![0f32; CLASSES * dims];
        // Lazy L2: sparse weights are stored divided by `scale`, which shrinks every step.
        let mut scale = 1f64;
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        for epoch in 0..o.epochs {
            crate::util::rng::xorshift_shuffle(&mut order, &mut state);
            let rate = o.learning_rate / (1.0 + epoch as f32);
            for &k in &order {
                let (e, gold, mean) = (&encoded[k], data[k].1, &means[k]);
                scale *= 1.0 - (rate * o.l2) as f64;
                if scale < 1e-6 {
                    m.weights.iter_mut().for_each(|w| *w *= scale as f32);
                    scale = 1.0;
                }
                let x = feature_value(e.feats.len());
                let mut s = m.sparse_scores(&e.feats).map(|v| v * x * scale as f32);
                for (c, sc) in s.iter_mut().enumerate() {
                    *sc += dense[c * dims..(c + 1) * dims].iter().zip(mean).map(|(a, b)| a * b).sum::<f32>();
                    *sc += m.lexicon_weight * e.lexicon[c] * x;
                }
                let p = softmax(s);
                let grad: [f32; CLASSES] =
                    std::array::from_fn(|c| class_weight[gold] * (p[c] - if c == gold { 1.0 } else { 0.0 }));
                let step = rate * x / scale as f32;
                for &f in &e.feats {
                    let row = &mut m.weights[f as usize * CLASSES..(f as usize + 1) * CLASSES];
                    row.iter_mut().zip(&grad).for_each(|(w, g)| *w -= step * g);
                }
                for (c, g) in grad.iter().enumerate() {
                    dense[c * dims..(c + 1) * dims].iter_mut().zip(mean).for_each(|(w, v)| *w -= rate * g * v);
                }
            }
        }
        m.weights.iter_mut().for_each(|w| *w *= scale as f32);
        if let Some(v) = vectors {
            m.row_scores = (0..v.len())
                .flat_map(|r| {
                    let row = v.row(r as u16);
                    let dense = &dense;
                    (0..CLASSES).map(move |c| dense[c * dims..(c + 1) * dims].iter().zip(row).map(|(a, b)| a * b).sum())
                })
                .collect();
        }
        m
    }

    /// Writes the model: sparse weights and row scores quantised to i16, the word list, gzip.
    pub fn save(&self, w: impl Write) -> std::io::Result<()> {
        let words = &self.rows.words;
        let stored = Stored {
            lexicon_weight: self.lexicon_weight,
            weights: Quantized::new(&self.weights),
            words: words.iter().map(|(w, _)| w.to_string()).collect(),
            rows: words.iter().map(|(_, r)| *r).collect(),
            row_scores: Quantized::new(&self.row_scores),
        };
        let bytes = postcard::to_stdvec(&stored).map_err(std::io::Error::other)?;
        let mut gz = flate2::write::GzEncoder::new(w, flate2::Compression::best());
        gz.write_all(MAGIC)?;
        gz.write_all(&bytes)?;
        gz.finish()?;
        Ok(())
    }

    /// Reads a model written by [`TopicModel::save`].
    pub fn load(r: impl Read) -> std::io::Result<Self> {
        let bad = || std::io::Error::new(std::io::ErrorKind::InvalidData, "not a newsdex topic model");
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(r).read_to_end(&mut bytes)?;
        if bytes.len() < 8 || &bytes[..8] != MAGIC {
            return Err(bad());
        }
        let s: Stored = postcard::from_bytes(&bytes[8..]).map_err(|_| bad())?;
        let weights = s.weights.values();
        let row_scores = s.row_scores.values();
        if weights.len() != BUCKETS as usize * CLASSES
            || s.words.len() != s.rows.len()
            || !row_scores.len().is_multiple_of(CLASSES)
        {
            return Err(bad());
        }
        let n_rows = (row_scores.len() / CLASSES) as u16;
        if s.rows.iter().any(|&r| r >= n_rows) {
            return Err(bad());
        }
        Ok(TopicModel {
            weights,
            lexicon_weight: s.lexicon_weight,
            rows: s.words.into_iter().zip(s.rows).collect(),
            row_scores,
        })
    }
}

/// Weights as i16 times a scale (max |weight| / i16::MAX), small ones pruned.
#[derive(Serialize, Deserialize)]
struct Quantized {
    scale: f32,
    values: Vec<i16>,
}

impl Quantized {
    fn new(w: &[f32]) -> Self {
        let scale = w.iter().fold(0f32, |m, v| m.max(v.abs())).max(1e-6) / i16::MAX as f32;
        let cut = PRUNE_SHARE * i16::MAX as f32;
        let values = w.iter().map(|v| (v / scale).round()).map(|q| if q.abs() < cut { 0 } else { q as i16 }).collect();
        Quantized { scale, values }
    }

    fn values(&self) -> Vec<f32> {
        self.values.iter().map(|&v| v as f32 * self.scale).collect()
    }
}

/// The file layout after the magic (postcard).
#[derive(Serialize, Deserialize)]
struct Stored {
    lexicon_weight: f32,
    weights: Quantized,
    words: Vec<String>,
    rows: Vec<u16>,
    row_scores: Quantized,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::topics::data::class_of;
    use crate::analyze::topics::vectors::DIMS;

    #[test]
    fn no_two_words_of_the_built_in_model_share_a_hash() {
        let m = crate::analyze::topics::classifier::builtin().expect("built-in topic model");
        assert!(m.rows.words.len() > 100_000);
        assert_eq!(m.rows.by_hash.len(), m.rows.words.len());
        let (word, row) = &m.rows.words[m.rows.words.len() / 2];
        assert_eq!(m.rows.get(word), Some(*row));
        assert_eq!(m.rows.get("no-such-word-in-any-vectors"), None);
    }

    fn toy() -> (Vec<(String, usize)>, WordVectors) {
        let sport = class_of("sport");
        let econ = class_of("economy-business-finance");
        let mut data = Vec::new();
        for i in 0..20 {
            data.push((format!("Striker scores twice in cup final {i}\n\nThe team won the match."), sport));
            data.push((format!("Shares fall as bank cuts profit outlook {i}\n\nInvestors sold stock."), econ));
        }
        // Two rows: "goalkeeper" shares the sport words' row, "dividend" the finance words' row.
        let mut v = WordVectors { data: vec![0.0; 2 * DIMS], ..Default::default() };
        v.data[0] = 1.0;
        v.data[DIMS + 1] = 1.0;
        for w in ["striker", "team", "match", "cup", "goalkeeper"] {
            v.rows.insert(w.to_string(), 0);
        }
        for w in ["shares", "bank", "profit", "stock", "dividend"] {
            v.rows.insert(w.to_string(), 1);
        }
        (data, v)
    }

    #[test]
    fn the_words_every_story_uses_are_no_features() {
        let m = TopicModel::default();
        // How a wire writes ("said on Tuesday", "the U.S.") adds nothing to what the story is about.
        let plain = m.encode("Striker scores twice\n\nThe striker scored twice in the cup final.");
        let wire = m.encode(
            "The striker scores twice\n\nThe striker scored twice in the cup final, the U.S. coach said on Tuesday.",
        );
        assert!(!plain.feats.is_empty());
        let added: Vec<&u32> = wire.feats.iter().filter(|f| !plain.feats.contains(f)).collect();
        // Only "coach" and the pair "final coach" are new.
        assert_eq!(added.len(), 2, "{added:?}");
        assert_eq!(wire.feats.len(), plain.feats.len() + 2);
    }

    #[test]
    fn learns_unseen_words_through_their_vectors_and_survives_saving() {
        let (data, v) = toy();
        let m = TopicModel::train(&data, Some(&v), &TrainOptions::default());
        let best = |m: &TopicModel, t: &str| {
            let p = m.probabilities(t);
            best_class(&p)
        };
        // Neither word was in a training text; only their vector rows say what they are about.
        assert_eq!(best(&m, "goalkeeper"), class_of("sport"));
        assert_eq!(best(&m, "dividend"), class_of("economy-business-finance"));
        let mut bytes = Vec::new();
        m.save(&mut bytes).unwrap();
        let loaded = TopicModel::load(&bytes[..]).unwrap();
        assert_eq!(best(&loaded, "goalkeeper"), class_of("sport"));
        assert!(TopicModel::load(&b"not a model"[..]).is_err());
    }
}
