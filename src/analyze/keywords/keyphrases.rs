//! Ranking an article's candidates: tf-idf against the corpus, headline words weighed more, names
//! (already facets) and overlapping phrases left out.

use super::candidates::{Candidate, CandidateCounts};
use super::frequencies::DocFrequencies;
use crate::analyze::normalize::normalized_words;
use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashSet};

/// Keyphrases stored per article.
pub const DEFAULT_KEYWORDS: usize = 6;
/// A headline occurrence of a word counts this many body occurrences.
pub const TITLE_WEIGHT: f32 = 3.0;
/// A longer phrase replaces a chosen one it contains when it scores at least this share of it.
pub const REPLACE_SHARE: f32 = 0.2;
/// Candidates in more than this share of the corpus are too common to be keyphrases.
pub const MAX_DF_SHARE: f32 = 0.2;

/// Every run of whole words of `t`, as slices: "a b c" → "a", "a b", "a b c", "b", "b c", "c"
/// (what [`contains_words`] is checked against).
#[cfg(test)]
fn runs(t: &str) -> impl Iterator<Item = &str> {
    let starts = std::iter::once(0).chain(t.match_indices(' ').map(|(i, _)| i + 1));
    starts.flat_map(move |s| {
        let ends = t[s..].match_indices(' ').map(move |(i, _)| s + i).chain(std::iter::once(t.len()));
        ends.map(move |e| &t[s..e])
    })
}

/// True when `inner` is `outer` or a run of whole words of it.
fn contains_words(outer: &str, inner: &str) -> bool {
    let (outer, inner) = (outer.as_bytes(), inner.as_bytes());
    let starts = std::iter::once(0).chain(outer.iter().enumerate().filter(|(_, &b)| b == b' ').map(|(i, _)| i + 1));
    starts.take_while(|&i| i + inner.len() <= outer.len()).any(|i| {
        let end = i + inner.len();
        &outer[i..end] == inner && (end == outer.len() || outer[end] == b' ')
    })
}

/// The score of one candidate: weighted occurrences × idf, or `None` when it is too common, or
/// occurs once in one article only (likely noise).
pub fn score(c: &Candidate, df: &DocFrequencies) -> Option<f32> {
    score_with(&c.text, [c.count, c.in_title], df.docs, df.df(c.key()))
}

/// [`score`] of a text occurring `counts` times (body, headline), given the articles counted and
/// its document frequency.
fn score_with(text: &str, [count, in_title]: [u32; 2], docs: u64, df: u32) -> Option<f32> {
    let n = docs.max(1) as f32;
    let d = df.max(1) as f32;
    // Headline words weigh more; a headline phrase counts once (headlines are full of one-off phrases).
    let title_weight = if text.contains(' ') { 1.0 } else { TITLE_WEIGHT };
    let tf = count as f32 + title_weight * in_title as f32;
    if (d > MAX_DF_SHARE * n && n >= 10.0) || (count + in_title < 2 && d < 2.0) {
        return None;
    }
    Some(tf * ((n + 1.0) / d).ln())
}

/// A candidate's text with its score, ordered best first: higher score, then the smaller text.
struct Scored<'a>(f32, &'a str);

impl Ord for Scored<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0).then_with(|| other.1.cmp(self.1))
    }
}

impl PartialOrd for Scored<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Scored<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Scored<'_> {}

/// The top keyphrases of an article, best first; `names` are its people and organisations.
///
/// ```
/// use newsdex::analyze::keywords::{candidates, keyphrases, DocFrequencies};
/// let mut df = DocFrequencies::with_width(1 << 12);
/// let docs = [("Prison deal", "The deportees were sent to a maximum-security prison. The deportees protested."),
///             ("Harvest", "Farmers said the harvest beat forecasts in the maximum-security prison district.")];
/// for (t, b) in docs {
///     let keys: Vec<u64> = candidates(t, b).iter().map(|c| c.key()).collect();
///     df.add_document(&keys);
/// }
/// let k = keyphrases(docs[0].0, docs[0].1, &df, &[]);
/// assert_eq!(k[0], "deportees");
/// assert!(k.contains(&"maximum security prison".to_string()));
/// ```
pub fn keyphrases(title: &str, body: &str, df: &DocFrequencies, names: &[String]) -> Vec<String> {
    // Every run of words of every name: a candidate that is one of them, or holds a whole name, goes.
    let mut name_runs = HashSet::new();
    let mut full_names = HashSet::new();
    for n in names {
        let words = normalized_words(n);
        for len in 1..=words.len() {
            name_runs.extend(words.windows(len).map(|w| w.join(" ")));
        }
        full_names.insert(words.join(" "));
    }
    let holds_name = |c: &str| full_names.iter().any(|n| contains_words(c, n));
    let candidates = CandidateCounts::of(title, body);
    let dfs = df.df_all(&candidates.iter().map(|c| c.key).collect::<Vec<_>>());
    // Best score first, then by text (texts are distinct, so the order does not depend on the
    // order candidates come in); taken from a heap, as the loop below usually stops early.
    let mut heap: BinaryHeap<Scored> = candidates
        .iter()
        .zip(dfs)
        .filter_map(|(c, d)| {
            let text = candidates.text(c);
            score_with(text, c.counts, df.docs, d).map(|s| Scored(s, text))
        })
        .collect();
    let scored = std::iter::from_fn(|| heap.pop().map(|Scored(s, c)| (s, c)));
    // Best first; a phrase that holds a chosen word or phrase takes its place when it scores at
    // least REPLACE_SHARE of it ("prison" → "maximum security prison").
    let mut out: Vec<(f32, &str)> = Vec::new();
    for (s, c) in scored {
        // Once the list is full, a candidate scoring under REPLACE_SHARE of every chosen one can
        // change nothing, nor can any after it (they score no more).
        if out.len() == DEFAULT_KEYWORDS && out.iter().all(|(chosen, _)| s < REPLACE_SHARE * chosen) {
            break;
        }
        let holds = out.iter().position(|(_, k)| contains_words(c, k));
        // A full list changes only where a candidate replaces a chosen phrase it holds.
        if out.len() == DEFAULT_KEYWORDS && !holds.is_some_and(|i| s >= REPLACE_SHARE * out[i].0) {
            continue;
        }
        if name_runs.contains(c) || holds_name(c) || out.iter().any(|(_, k)| contains_words(k, c)) {
            continue;
        }
        match holds {
            Some(i) if s >= REPLACE_SHARE * out[i].0 => {
                out[i].1 = c;
                out.retain(|&(_, k)| k == c || !contains_words(c, k));
            }
            Some(_) => {}
            None if out.len() < DEFAULT_KEYWORDS => out.push((s, c)),
            None => {}
        }
    }
    out.into_iter().map(|(_, k)| k.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_come_off_the_heap_best_score_first_then_by_text() {
        let scores = [1.5f32, 0.2, 1.5, 3.0, 0.2, 1.5, 0.0];
        let texts = ["prison", "deal", "deportees", "bukele", "zone", "maximum security prison", "a b"];
        let mut heap: BinaryHeap<Scored> = scores.iter().zip(texts).map(|(&s, t)| Scored(s, t)).collect();
        let popped: Vec<(f32, String)> =
            std::iter::from_fn(|| heap.pop()).map(|Scored(s, t)| (s, t.to_string())).collect();
        let mut sorted: Vec<(f32, String)> = scores.iter().zip(texts).map(|(&s, t)| (s, t.to_string())).collect();
        sorted.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        assert_eq!(popped, sorted);
    }

    #[test]
    fn whole_words_only() {
        let cases = [
            ("maximum security prison", "security prison", true),
            ("maximum security prison", "maximum security prison", true),
            ("maximum security prison", "prison", true),
            ("maximum security prison", "ecurity prison", false),
            ("maximum security prison", "security pri", false),
            ("prisons", "prison", false),
            ("prison", "maximum security prison", false),
            ("a b a b c", "a b c", true),
        ];
        for (outer, inner, expected) in cases {
            assert_eq!(contains_words(outer, inner), expected, "{outer:?} {inner:?}");
            assert_eq!(runs(outer).any(|r| r == inner), expected, "{outer:?} {inner:?}");
        }
    }
}
