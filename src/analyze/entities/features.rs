//! Features of a token in its sentence, hashed into a fixed number of buckets.
//!
//! A feature is the xxh3 (seed 17) of its key, a zero byte, and its value, modulo the bucket
//! count. Most features of a token depend on the token alone (the word, its lower case, shape,
//! prefixes and suffixes, its word clusters, and what it gives its neighbours as `w-1`, `sh+1`,
//! `c-1` …): those are hashed once per distinct word and kept in a per-thread [`WordCache`]; only
//! the features of word pairs and capitalisation patterns are hashed per token.

use super::clusters::{WordClusters, LEVELS};
use super::tags::NUM_TAGS;
use crate::util::prefetch::prefetch;
use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

/// Distinct words a thread keeps the hashed features of; the cache starts over beyond this.
pub const DEFAULT_WORD_CACHE: usize = 100_000;

/// Word shape: `Xxxx`, `XX`, `dd`, `X.X.` … with runs of one class collapsed after two.
pub fn shape(w: &str) -> String {
    let mut out = String::new();
    let mut last = ' ';
    let mut run = 0;
    for c in w.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if k == last {
            run += 1;
        } else {
            run = 0;
        }
        if run < 2 {
            out.push(k);
        }
        last = k;
    }
    out
}

fn is_title(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase) && cs.all(|c| !c.is_uppercase())
}

/// Capitalisation classes: beyond the sentence, no letters, all capitals, title case, mixed
/// with a capital first, lower case.
const CAPS: [&str; 6] = ["_", "n", "A", "T", "M", "l"];

/// The index in [`CAPS`] of a word's capitalisation class.
fn cap_class(w: &str) -> usize {
    if w.chars().all(|c| !c.is_alphabetic()) {
        1
    } else if w.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) {
        2
    } else if is_title(w) {
        3
    } else if w.chars().next().is_some_and(char::is_uppercase) {
        4
    } else {
        5
    }
}

/// True when every word of the sentence is in capitals (a CoNLL-style headline).
pub fn upper_sentence(tokens: &[&str]) -> bool {
    tokens.iter().filter(|t| t.chars().any(char::is_alphabetic)).all(|t| !t.chars().any(char::is_lowercase))
}

/// Hashes features into buckets, reusing one buffer.
struct FeatureHasher {
    buckets: u32,
    buf: Vec<u8>,
}

impl FeatureHasher {
    fn new(buckets: u32) -> Self {
        FeatureHasher { buckets, buf: Vec::with_capacity(128) }
    }

    /// The bucket of feature `key` with a value streamed in `parts` (no string built per feature).
    fn hash(&mut self, key: &str, parts: &[&str]) -> u32 {
        self.buf.clear();
        self.buf.extend_from_slice(key.as_bytes());
        self.buf.push(0);
        for p in parts {
            self.buf.extend_from_slice(p.as_bytes());
        }
        (xxhash_rust::xxh3::xxh3_64_with_seed(&self.buf, 17) % self.buckets as u64) as u32
    }
}

/// Keys of the features a word gives its neighbour at offset −1, +1, −2, +2 (its lower case),
/// and at −1, +1 (its shape).
const NEIGHBOUR_KEYS: [&str; 4] = ["w-1", "w+1", "w-2", "w+2"];
const SHAPE_NEIGHBOUR_KEYS: [&str; 2] = ["sh-1", "sh+1"];
/// Keys of a word's own cluster at each level of [`LEVELS`], finest first.
const CLUSTER_KEYS: [&str; LEVELS.len()] = ["c0", "c1", "c2", "c3"];
/// The level whose cluster a word gives its neighbours at −1 and +1.
const NEIGHBOUR_CLUSTER_LEVEL: usize = 1;
const CLUSTER_NEIGHBOUR_KEYS: [&str; 2] = ["c-1", "c+1"];

/// What the features of a token take from the token alone.
struct Word {
    lower: Box<str>,
    shape: Box<str>,
    /// Index in [`CAPS`].
    cap: usize,
    /// The token's own features that hold in any sentence.
    own: Vec<u32>,
    /// `upper_sentence` (only in a sentence all in capitals).
    upper: u32,
    /// As the neighbour at −1, +1, −2, +2 of another token.
    neighbour: [u32; 4],
    /// Its shape as the neighbour at −1, +1.
    shape_neighbour: [u32; 2],
    /// Its cluster as the neighbour at −1, +1.
    cluster_neighbour: [u32; 2],
    /// The emission weights of the features above summed per role, under the model the cache
    /// holds them for ([`WordCache::model`]).
    sums: OnceCell<WordSums>,
}

/// Emission weights of a word's sentence-independent features, summed per tag: integers, so a
/// token's total is the same in whatever order its features are added.
struct WordSums {
    own: [i32; NUM_TAGS],
    upper: [i32; NUM_TAGS],
    /// As the neighbour at −1, +1, −2, +2 of another token (word, shape and cluster together).
    neighbour: [[i32; NUM_TAGS]; 4],
}

/// Adds a feature's emission row to `sum`.
fn add_row(sum: &mut [i32; NUM_TAGS], weights: &[i16], f: u32) {
    let row = &weights[f as usize * NUM_TAGS..(f as usize + 1) * NUM_TAGS];
    for (o, &w) in sum.iter_mut().zip(row) {
        *o += i32::from(w);
    }
}

/// The sum of the emission rows of `feats`.
fn sum_rows(weights: &[i16], feats: impl IntoIterator<Item = u32>) -> [i32; NUM_TAGS] {
    let mut sum = [0; NUM_TAGS];
    for f in feats {
        add_row(&mut sum, weights, f);
    }
    sum
}

/// The sums of a word's (or the padding's) features as the neighbour at −1, +1, −2, +2.
fn neighbour_sums(weights: &[i16], word: [u32; 4], shape: [u32; 2], cluster: [u32; 2]) -> [[i32; NUM_TAGS]; 4] {
    std::array::from_fn(|k| match k {
        0 | 1 => sum_rows(weights, [word[k], shape[k], cluster[k]]),
        _ => sum_rows(weights, [word[k]]),
    })
}

impl Word {
    fn new(w: &str, h: &mut FeatureHasher, clusters: &WordClusters) -> Self {
        let lw = w.to_lowercase();
        let sh = shape(w);
        let mut own = Vec::with_capacity(16);
        own.push(h.hash("w", &[w]));
        own.push(h.hash("lw", &[&lw]));
        own.push(h.hash("sh", &[&sh]));
        let bounds: Vec<usize> = lw.char_indices().map(|(b, _)| b).chain(std::iter::once(lw.len())).collect();
        let chars = bounds.len() - 1;
        for (k, (p, sfx)) in [("p1", "s1"), ("p2", "s2"), ("p3", "s3"), ("p4", "s4")].into_iter().enumerate() {
            if chars > k {
                own.push(h.hash(p, &[&lw[..bounds[k + 1]]]));
                own.push(h.hash(sfx, &[&lw[bounds[chars - k - 1]..]]));
            }
        }
        if w.contains('-') {
            own.push(h.hash("hyph", &[]));
        }
        if w.chars().any(|c| c.is_ascii_digit()) {
            own.push(h.hash("digit", &[]));
        }
        if w.len() > 1 && w.ends_with('.') {
            own.push(h.hash("abbr", &[]));
        }
        let ids = clusters.get(&lw);
        let id = |l: usize| ids.map_or_else(|| "?".to_string(), |ids| ids[l].to_string());
        match ids {
            Some(_) => own.extend((0..LEVELS.len()).map(|l| h.hash(CLUSTER_KEYS[l], &[&id(l)]))),
            None => own.push(h.hash(CLUSTER_KEYS[0], &["?"])),
        }
        let near = id(NEIGHBOUR_CLUSTER_LEVEL);
        Word {
            upper: h.hash("upper_sentence", &[&lw]),
            neighbour: NEIGHBOUR_KEYS.map(|k| h.hash(k, &[&lw])),
            shape_neighbour: SHAPE_NEIGHBOUR_KEYS.map(|k| h.hash(k, &[&sh])),
            cluster_neighbour: CLUSTER_NEIGHBOUR_KEYS.map(|k| h.hash(k, &[&near])),
            cap: cap_class(w),
            lower: lw.into(),
            shape: sh.into(),
            own,
            sums: OnceCell::new(),
        }
    }

    fn sums(&self, weights: &[i16]) -> &WordSums {
        self.sums.get_or_init(|| WordSums {
            own: sum_rows(weights, self.own.iter().copied()),
            upper: sum_rows(weights, [self.upper]),
            neighbour: neighbour_sums(weights, self.neighbour, self.shape_neighbour, self.cluster_neighbour),
        })
    }
}

/// A thread's hashed word features for one bucket count and cluster table, and the features of
/// no word.
struct WordCache {
    hasher: FeatureHasher,
    clusters: Arc<WordClusters>,
    words: HashMap<Box<str>, Rc<Word>, foldhash::fast::FixedState>,
    bias: u32,
    /// Padding beyond the sentence, as neighbour at −1, +1, −2, +2, and as shape at −1, +1.
    pad: [u32; 4],
    pad_shape: [u32; 2],
    /// Padding beyond the sentence as the cluster at −1, +1.
    pad_cluster: [u32; 2],
    first: [u32; 2],
    /// `caps` of every (previous, own, next) class, 36 × previous + 6 × own + next.
    caps: Vec<u32>,
    /// `first_cap` of every (not first | first, own class).
    first_cap: [[u32; CAPS.len()]; 2],
    /// The model whose weights the words' [`WordSums`] and `pad_sums` hold (0: none yet).
    model: u64,
    /// The padding's features as the neighbour at −1, +1, −2, +2, summed under `model`.
    pad_sums: [[i32; NUM_TAGS]; 4],
}

impl WordCache {
    fn new(buckets: u32, clusters: &Arc<WordClusters>) -> Self {
        let mut hasher = FeatureHasher::new(buckets);
        let n = CAPS.len();
        WordCache {
            bias: hasher.hash("b", &[]),
            pad: NEIGHBOUR_KEYS.map(|k| hasher.hash(k, &["<pad>"])),
            pad_shape: SHAPE_NEIGHBOUR_KEYS.map(|k| hasher.hash(k, &[""])),
            pad_cluster: CLUSTER_NEIGHBOUR_KEYS.map(|k| hasher.hash(k, &["<pad>"])),
            first: [hasher.hash("first", &["n"]), hasher.hash("first", &["y"])],
            caps: (0..n * n * n)
                .map(|k| hasher.hash("caps", &[CAPS[k / (n * n)], CAPS[k / n % n], CAPS[k % n]]))
                .collect(),
            first_cap: [false, true].map(|first| {
                std::array::from_fn(|c| hasher.hash("first_cap", &[if first { "true" } else { "false" }, CAPS[c]]))
            }),
            words: HashMap::default(),
            clusters: Arc::clone(clusters),
            hasher,
            model: 0,
            pad_sums: [[0; NUM_TAGS]; 4],
        }
    }

    /// Makes the cache hold sums of the weights of model `model` (forgetting any other model's).
    fn score_with(&mut self, model: u64, weights: &[i16]) {
        if self.model != model {
            self.words.clear();
            self.model = model;
            self.pad_sums = neighbour_sums(weights, self.pad, self.pad_shape, self.pad_cluster);
        }
    }

    /// The words of a sentence's tokens.
    fn window(&mut self, tokens: &[&str]) -> Window {
        Window { words: tokens.iter().map(|t| self.word(t)).collect(), upper: upper_sentence(tokens) }
    }

    fn word(&mut self, w: &str) -> Rc<Word> {
        if let Some(word) = self.words.get(w) {
            return Rc::clone(word);
        }
        if self.words.len() >= DEFAULT_WORD_CACHE {
            self.words.clear();
        }
        let word = Rc::new(Word::new(w, &mut self.hasher, &self.clusters));
        self.words.insert(w.into(), Rc::clone(&word));
        word
    }
}

thread_local! {
    static CACHE: RefCell<Option<WordCache>> = const { RefCell::new(None) };
}

/// Features of every token of a sentence, computed once.
pub struct SentenceFeatures {
    feats: Vec<u32>,
    /// Token `i`'s features are `feats[starts[i]..starts[i + 1]]`.
    starts: Vec<usize>,
}

impl SentenceFeatures {
    /// The features of `tokens`, hashed into `buckets`, with the word clusters of `clusters`.
    pub fn new(tokens: &[&str], buckets: u32, clusters: &Arc<WordClusters>) -> Self {
        CACHE.with_borrow_mut(|cache| {
            let cache = match cache {
                Some(c) if c.hasher.buckets == buckets && Arc::ptr_eq(&c.clusters, clusters) => c,
                _ => cache.insert(WordCache::new(buckets, clusters)),
            };
            cache.sentence(tokens)
        })
    }

    /// Tokens in the sentence.
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// True for a sentence of no tokens.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The features of token `i`.
    pub fn token(&self, i: usize) -> &[u32] {
        &self.feats[self.starts[i]..self.starts[i + 1]]
    }
}

/// The emission scores, in the model's integer steps, of every token of a sentence: the sums
/// over each token's [`SentenceFeatures`] of the rows of `weights` (`buckets × NUM_TAGS`).
/// A word's own and neighbour features are summed once per distinct word and kept with it
/// (`model` names the weights, unique per loaded model); only the features of word pairs and
/// capitalisation patterns are looked up per token.
pub fn emission_sums(
    tokens: &[&str],
    buckets: u32,
    clusters: &Arc<WordClusters>,
    model: u64,
    weights: &[i16],
) -> Vec<[i32; NUM_TAGS]> {
    CACHE.with_borrow_mut(|cache| {
        let cache = match cache {
            Some(c) if c.hasher.buckets == buckets && Arc::ptr_eq(&c.clusters, clusters) => c,
            _ => cache.insert(WordCache::new(buckets, clusters)),
        };
        cache.score_with(model, weights);
        cache.emissions(tokens, weights)
    })
}

impl WordCache {
    /// The features of a sentence's tokens.
    fn sentence(&mut self, tokens: &[&str]) -> SentenceFeatures {
        let mut out = Vec::with_capacity(48 * tokens.len());
        let mut starts = Vec::with_capacity(tokens.len() + 1);
        starts.push(0);
        let cache = self;
        let win = cache.window(tokens);
        let (words, upper, n) = (&win.words, win.upper, win.words.len() as isize);
        for i in 0..n {
            let word = &words[i as usize];
            out.push(cache.bias);
            out.extend_from_slice(&word.own);
            for (k, d) in [-1, 1, -2, 2].into_iter().enumerate() {
                out.push(win.at(i + d).map_or(cache.pad[k], |w| w.neighbour[k]));
            }
            for (k, d) in [-1, 1].into_iter().enumerate() {
                out.push(win.at(i + d).map_or(cache.pad_shape[k], |w| w.shape_neighbour[k]));
                out.push(win.at(i + d).map_or(cache.pad_cluster[k], |w| w.cluster_neighbour[k]));
            }
            if upper {
                out.push(word.upper);
            }
            out.push(cache.first[usize::from(i == 0)]);
            out.extend(win.pairs(i, &mut cache.hasher));
            out.push(cache.caps[36 * win.cap(i - 1) + 6 * word.cap + win.cap(i + 1)]);
            out.push(cache.first_cap[usize::from(i == 0)][word.cap]);
            starts.push(out.len());
        }
        SentenceFeatures { feats: out, starts }
    }

    /// What [`emission_sums`] returns, with the cache already holding sums for `weights`.
    fn emissions(&mut self, tokens: &[&str], weights: &[i16]) -> Vec<[i32; NUM_TAGS]> {
        let cache = self;
        let win = cache.window(tokens);
        let (words, upper, n) = (&win.words, win.upper, win.words.len() as isize);
        // Per token, the features looked up in the table: bias, start, the six word pairs,
        // capitalisation pattern and class at the start.
        let context: Vec<[u32; 10]> = (0..n)
            .map(|i| {
                let word = &words[i as usize];
                let [a, b, c, d, e, f] = win.pairs(i, &mut cache.hasher);
                [
                    cache.bias,
                    cache.first[usize::from(i == 0)],
                    a,
                    b,
                    c,
                    d,
                    e,
                    f,
                    cache.caps[36 * win.cap(i - 1) + 6 * word.cap + win.cap(i + 1)],
                    cache.first_cap[usize::from(i == 0)][word.cap],
                ]
            })
            .collect();
        let pad = &cache.pad_sums;
        (0..n)
            .map(|i| {
                // The next token's rows are fetched while this one's are summed (the table is
                // larger than the caches).
                if let Some(next) = context.get(i as usize + 1) {
                    for &f in &next[2..8] {
                        prefetch(&weights[f as usize * NUM_TAGS]);
                    }
                }
                let own = words[i as usize].sums(weights);
                let mut sum = own.own;
                if upper {
                    add(&mut sum, &own.upper);
                }
                for (k, d) in [-1, 1, -2, 2].into_iter().enumerate() {
                    add(&mut sum, win.at(i + d).map_or(&pad[k], |w| &w.sums(weights).neighbour[k]));
                }
                for &f in &context[i as usize] {
                    add_row(&mut sum, weights, f);
                }
                sum
            })
            .collect()
    }
}

/// A sentence's words, and what a token's features read of its neighbours.
struct Window {
    words: Vec<Rc<Word>>,
    /// The sentence is all in capitals.
    upper: bool,
}

impl Window {
    /// The word at `j`, if `j` is inside the sentence.
    fn at(&self, j: isize) -> Option<&Word> {
        usize::try_from(j).ok().and_then(|j| self.words.get(j)).map(|w| &**w)
    }

    /// The lower case of the word at `j`, or the padding's.
    fn low(&self, j: isize) -> &str {
        self.at(j).map_or("<pad>", |w| &w.lower)
    }

    /// The capitalisation class of the word at `j` (0 outside the sentence).
    fn cap(&self, j: isize) -> usize {
        self.at(j).map_or(0, |w| w.cap)
    }

    /// The features pairing token `i` with its neighbours: word pairs, and word with shape.
    fn pairs(&self, i: isize, h: &mut FeatureHasher) -> [u32; 6] {
        let word = &self.words[i as usize];
        let (lw, sh) = (&*word.lower, &*word.shape);
        [
            h.hash("w-1w", &[self.low(i - 1), "|", lw]),
            h.hash("ww+1", &[lw, "|", self.low(i + 1)]),
            h.hash("w-2w-1", &[self.low(i - 2), "|", self.low(i - 1)]),
            h.hash("w+1w+2", &[self.low(i + 1), "|", self.low(i + 2)]),
            h.hash("w-1sh", &[self.low(i - 1), "|", sh]),
            h.hash("shw+1", &[sh, "|", self.low(i + 1)]),
        ]
    }
}

fn add(sum: &mut [i32; NUM_TAGS], other: &[i32; NUM_TAGS]) {
    for (o, v) in sum.iter_mut().zip(other) {
        *o += v;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features(tokens: &[&str], buckets: u32) -> Vec<Vec<u32>> {
        let s = SentenceFeatures::new(tokens, buckets, &WordClusters::builtin());
        (0..s.len()).map(|i| s.token(i).to_vec()).collect()
    }

    #[test]
    fn features_do_not_depend_on_what_the_cache_holds() {
        let a = ["Nayib", "Bukele", "met", "IMF", "officials", "."];
        let b = ["IMF", "SAYS", "BUKELE", "-", "OFFICIALS"];
        CACHE.with_borrow_mut(|c| *c = None);
        let cold = features(&a, 1 << 20);
        let other = features(&b, 1 << 20);
        assert_eq!(features(&a, 1 << 20), cold, "warm cache");
        let small = features(&a, 1000);
        assert!(small.iter().flatten().all(|&f| f < 1000));
        assert_eq!(features(&a, 1 << 20), cold, "after another bucket count");
        CACHE.with_borrow_mut(|c| *c = None);
        assert_eq!(features(&b, 1 << 20), other, "cold cache");
        // The same word in another sentence shares its own features, not its context's.
        let (imf_a, imf_b) = (&cold[3], &other[0]);
        assert!(imf_a.iter().filter(|f| imf_b.contains(f)).count() >= 10);
        assert_ne!(imf_a, imf_b);
        // A headline in capitals adds one feature per token.
        let lower_case_after = features(&["IMF", "SAYS", "BUKELE", "-", "OFFICIALS", "said"], 1 << 20);
        assert_eq!(other[4].len(), lower_case_after[4].len() + 1);
    }

    #[test]
    fn emission_sums_are_the_rows_of_every_feature_summed() {
        let clusters = WordClusters::builtin();
        let buckets = 1 << 12;
        // Two models whose weights differ per bucket and tag.
        let weights = |a: usize, b: usize| -> Vec<i16> {
            (0..buckets as usize * NUM_TAGS).map(|k| ((k * a + b) % 2001) as i16 - 1000).collect()
        };
        let models = [(u64::MAX - 1, weights(7919, 13)), (u64::MAX - 2, weights(104_729, 5))];
        let sentences: [&[&str]; 7] = [
            &["Nayib", "Bukele", "met", "IMF", "officials", "."],
            &["IMF", "SAYS", "BUKELE", "-", "OFFICIALS"],
            &["Bukele"],
            &["Bukele", "met"],
            &[],
            &["<pad>", "met", "<pad>", "Bukele", "met", "Bukele", "met"],
            &["the", "the", "the", "the"],
        ];
        CACHE.with_borrow_mut(|c| *c = None);
        // Twice over, alternating models: sums kept from an earlier sentence or model must not leak.
        for pass in 0..2 {
            for (model, w) in &models {
                for s in sentences {
                    let f = SentenceFeatures::new(s, buckets, &clusters);
                    let slow: Vec<[i32; NUM_TAGS]> =
                        (0..f.len()).map(|i| sum_rows(w, f.token(i).iter().copied())).collect();
                    assert_eq!(emission_sums(s, buckets, &clusters, *model, w), slow, "{s:?}, pass {pass}");
                }
            }
        }
    }

    #[test]
    fn shapes() {
        assert_eq!(shape("Bukele"), "Xxx");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("1996-08-22"), "dd-dd-dd");
        assert_eq!(shape("NATO"), "XX");
    }
}
