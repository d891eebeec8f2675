//! An averaged structured perceptron over hashed features with first-order Viterbi decoding.

use super::clusters::WordClusters;
use super::features::emission_sums;
pub use super::features::SentenceFeatures;
use super::tags::{allowed, Tag, NUM_TAGS};
use crate::analyze::model_file::{quantization_scale, quantize, read_quantized, write_quantized};
use std::io::{Read, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Default number of feature buckets (2^20).
pub const DEFAULT_BUCKETS: u32 = 1 << 22;
const MAGIC: &[u8; 8] = b"NDXNER01";

/// The tagger's weights.
#[derive(Debug, Clone)]
pub struct Perceptron {
    /// Feature buckets.
    pub buckets: u32,
    /// `buckets × NUM_TAGS` emission weights.
    weights: Vec<f32>,
    /// Transition weights: row `NUM_TAGS` is the sentence start.
    trans: Vec<f32>,
}

/// The best IOB2-valid tag sequence of `n` tokens under first-order transition weights (row
/// `NUM_TAGS` is the sentence start) and the emission scores `emission(i, out)` writes.
fn viterbi(n: usize, trans: &[f32], mut emission: impl FnMut(usize, &mut [f32; NUM_TAGS])) -> Vec<Tag> {
    if n == 0 {
        return vec![];
    }
    // The transitions IOB2 forbids weigh minus infinity, so no path takes them.
    let mut masked = [[f32::NEG_INFINITY; NUM_TAGS]; NUM_TAGS];
    for (p, row) in masked.iter_mut().enumerate() {
        for (t, m) in row.iter_mut().enumerate() {
            if allowed(Some(p as Tag), t as Tag) {
                *m = trans[p * NUM_TAGS + t];
            }
        }
    }
    let mut score = vec![[f32::NEG_INFINITY; NUM_TAGS]; n];
    let mut back = vec![[0u8; NUM_TAGS]; n];
    let mut em = [0.0; NUM_TAGS];
    emission(0, &mut em);
    for t in 0..NUM_TAGS {
        if allowed(None, t as Tag) {
            score[0][t] = em[t] + trans[NUM_TAGS * NUM_TAGS + t];
        }
    }
    for i in 1..n {
        emission(i, &mut em);
        for t in 0..NUM_TAGS {
            let mut best = (f32::NEG_INFINITY, 0u8);
            for (p, &prev) in score[i - 1].iter().enumerate() {
                let v = prev + masked[p][t];
                if v > best.0 {
                    best = (v, p as u8);
                }
            }
            score[i][t] = best.0 + em[t];
            back[i][t] = best.1;
        }
    }
    let mut t = (0..NUM_TAGS).max_by(|a, b| score[n - 1][*a].total_cmp(&score[n - 1][*b])).expect("tags") as u8;
    let mut out = vec![0; n];
    for i in (0..n).rev() {
        out[i] = t;
        t = back[i][t as usize];
    }
    out
}

impl Perceptron {
    /// An untrained model.
    pub fn new(buckets: u32) -> Self {
        Perceptron {
            buckets,
            weights: vec![0.0; buckets as usize * NUM_TAGS],
            trans: vec![0.0; (NUM_TAGS + 1) * NUM_TAGS],
        }
    }

    /// The best tag sequence (IOB2-valid) for a sentence.
    pub fn decode(&self, s: &SentenceFeatures) -> Vec<Tag> {
        viterbi(s.len(), &self.trans, |i, out| {
            *out = [0.0; NUM_TAGS];
            for &f in s.token(i) {
                let row = &self.weights[f as usize * NUM_TAGS..(f as usize + 1) * NUM_TAGS];
                for (o, w) in out.iter_mut().zip(row) {
                    *o += w;
                }
            }
        })
    }

    /// Writes the model: the bucket count, then emission and transition weights quantised to i16.
    pub fn save(&self, w: impl Write) -> std::io::Result<()> {
        write_quantized(w, MAGIC, &self.buckets.to_le_bytes(), self.weights.iter().chain(&self.trans))
    }
}

/// A model for tagging only: the emission weights in the i16 steps the model file stores them
/// in (half the memory of f32, so more of the table a sentence touches is in cache), summed
/// exactly as integers.
#[derive(Debug, Clone)]
pub struct QuantizedPerceptron {
    /// Feature buckets.
    pub buckets: u32,
    scale: f32,
    /// `buckets × NUM_TAGS` emission weights in steps of `scale`.
    weights: Vec<i16>,
    trans: Vec<f32>,
    /// Unique per loaded or converted model: names its weights in the per-thread sums of
    /// [`emission_sums`].
    id: u64,
}

/// The next [`QuantizedPerceptron::id`].
fn next_model_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

impl QuantizedPerceptron {
    /// Reads a model written by [`Perceptron::save`].
    pub fn load(r: impl Read) -> std::io::Result<Self> {
        let (header, scale, steps) = read_quantized(r, MAGIC, 4)?;
        let buckets = u32::from_le_bytes(header.try_into().expect("4-byte header"));
        let emissions = buckets as usize * NUM_TAGS;
        if steps.len() != emissions + (NUM_TAGS + 1) * NUM_TAGS {
            return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, "not a newsdex NER model"));
        }
        let trans = steps[emissions..].iter().map(|&q| q as f32 * scale).collect();
        let mut weights = steps;
        weights.truncate(emissions);
        Ok(QuantizedPerceptron { buckets, scale, weights, trans, id: next_model_id() })
    }

    /// The best tag sequence (IOB2-valid) for a sentence, from its features one by one (what
    /// [`Self::tag`] must agree with).
    #[cfg(test)]
    pub fn decode(&self, s: &SentenceFeatures) -> Vec<Tag> {
        viterbi(s.len(), &self.trans, |i, out| {
            let mut sum = [0i32; NUM_TAGS];
            for &f in s.token(i) {
                let row = &self.weights[f as usize * NUM_TAGS..(f as usize + 1) * NUM_TAGS];
                for (o, &w) in sum.iter_mut().zip(row) {
                    *o += i32::from(w);
                }
            }
            *out = sum.map(|v| v as f32 * self.scale);
        })
    }

    /// The best tag sequence (IOB2-valid) for a sentence's tokens: what [`Self::decode`] gives
    /// for their [`SentenceFeatures`], with each distinct word's features summed once per thread.
    pub fn tag(&self, tokens: &[&str], clusters: &Arc<WordClusters>) -> Vec<Tag> {
        let sums = emission_sums(tokens, self.buckets, clusters, self.id, &self.weights);
        viterbi(sums.len(), &self.trans, |i, out| *out = sums[i].map(|v| v as f32 * self.scale))
    }
}

impl From<&Perceptron> for QuantizedPerceptron {
    /// The model as [`Perceptron::save`] stores it.
    fn from(m: &Perceptron) -> Self {
        let scale = quantization_scale(m.weights.iter().chain(&m.trans));
        QuantizedPerceptron {
            buckets: m.buckets,
            scale,
            weights: m.weights.iter().map(|&v| quantize(v, scale)).collect(),
            trans: m.trans.iter().map(|&v| quantize(v, scale) as f32 * scale).collect(),
            id: next_model_id(),
        }
    }
}

/// Trains with the averaged perceptron: `epochs` passes over `data` (features, gold tags) in a
/// fixed shuffled order; returns the averaged model.
pub fn train(
    data: &[(SentenceFeatures, Vec<Tag>)],
    buckets: u32,
    epochs: usize,
    mut on_epoch: impl FnMut(usize, &Perceptron),
) -> Perceptron {
    let mut m = Perceptron::new(buckets);
    let mut acc_w = vec![0f32; m.weights.len()];
    let mut acc_t = vec![0f32; m.trans.len()];
    let mut c = 1f32;
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    for epoch in 0..epochs {
        crate::util::rng::xorshift_shuffle(&mut order, &mut state);
        for &k in &order {
            let (feats, gold) = &data[k];
            let pred = m.decode(feats);
            if pred != *gold {
                for (i, (&g, &p)) in gold.iter().zip(&pred).enumerate() {
                    if g != p {
                        for &f in feats.token(i) {
                            let (gi, pi) = (f as usize * NUM_TAGS + g as usize, f as usize * NUM_TAGS + p as usize);
                            m.weights[gi] += 1.0;
                            acc_w[gi] += c;
                            m.weights[pi] -= 1.0;
                            acc_w[pi] -= c;
                        }
                    }
                    let prev = |tags: &[Tag]| if i == 0 { NUM_TAGS } else { tags[i - 1] as usize };
                    let (gt, pt) = (prev(gold) * NUM_TAGS + g as usize, prev(&pred) * NUM_TAGS + p as usize);
                    if gt != pt {
                        m.trans[gt] += 1.0;
                        acc_t[gt] += c;
                        m.trans[pt] -= 1.0;
                        acc_t[pt] -= c;
                    }
                }
            }
            c += 1.0;
        }
        let mut avg = m.clone();
        for (w, a) in avg.weights.iter_mut().zip(&acc_w) {
            *w -= a / c;
        }
        for (w, a) in avg.trans.iter_mut().zip(&acc_t) {
            *w -= a / c;
        }
        on_epoch(epoch, &avg);
    }
    for (w, a) in m.weights.iter_mut().zip(&acc_w) {
        *w -= a / c;
    }
    for (w, a) in m.trans.iter_mut().zip(&acc_t) {
        *w -= a / c;
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::entities::tags::parse_tag;

    const SENTENCES: [&str; 6] = [
        "Nayib Bukele met IMF officials in San Salvador on Monday .",
        "EL SALVADOR HOLDS 200 U.S. DEPORTEES - LAWYERS",
        "Lawyers for Civil Rights said the deportees had no hearing .",
        "Reuters",
        "The Fed , the Federal Reserve Board and Paul Volcker disagreed on rates in Washington .",
        "",
    ];

    fn tokens(s: &str) -> Vec<&str> {
        s.split_whitespace().collect()
    }

    /// A small model trained on two tagged sentences, so its weights differ from any other's.
    fn small_model(tagged: &[(&str, &str)], buckets: u32, clusters: &Arc<WordClusters>) -> QuantizedPerceptron {
        let data: Vec<(SentenceFeatures, Vec<Tag>)> = tagged
            .iter()
            .map(|(s, t)| {
                let tags = t.split(' ').map(|t| parse_tag(t).unwrap()).collect();
                (SentenceFeatures::new(&tokens(s), buckets, clusters), tags)
            })
            .collect();
        QuantizedPerceptron::from(&train(&data, buckets, 3, |_, _| {}))
    }

    #[test]
    fn tagging_with_summed_word_features_is_decoding_every_feature() {
        let clusters = WordClusters::builtin();
        let a = small_model(
            &[("Nayib Bukele met IMF officials", "B-PER I-PER O B-ORG O"), ("Lawyers sued", "B-ORG O")],
            1 << 12,
            &clusters,
        );
        let b = small_model(&[("Paul Volcker met the Fed", "B-PER I-PER O O B-ORG")], 1 << 12, &clusters);
        // Alternating models of the same bucket count: each must use its own sums, not the
        // other's kept from the sentence before.
        for _ in 0..2 {
            for m in [&a, &b] {
                for s in SENTENCES {
                    let t = tokens(s);
                    let slow = m.decode(&SentenceFeatures::new(&t, m.buckets, &clusters));
                    assert_eq!(m.tag(&t, &clusters), slow, "{s:?}");
                }
            }
        }
        assert_ne!(
            SENTENCES.map(|s| a.tag(&tokens(s), &clusters)),
            SENTENCES.map(|s| b.tag(&tokens(s), &clusters)),
            "two different models (else the test above proves little)"
        );
    }
}
