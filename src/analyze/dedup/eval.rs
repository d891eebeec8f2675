//! Evaluation of duplicate marking on real text: near-duplicates made by controlled word edits,
//! trims and extensions of real passages, mixed with untouched unrelated passages; and the
//! exact-duplicate stories of a corpus, which must all share a cluster.

use super::minhash::shingles;
use super::record::DocRecord;
use super::similarity::similarity;
use super::store::DupStore;
use crate::analyze::normalize::normalized_words;
use crate::analyze::PassageKind;
use crate::ingest::{read_articles, Article, Format, ReadLimits, SkipLog};
use crate::util::rng::Rng;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Mutex;

/// Word-edit rates evaluated.
pub const EDIT_RATES: &[f64] = &[0.01, 0.05, 0.10, 0.20];
/// Similarity bands (lower bounds) for recall by true Jaccard.
const BANDS: &[f32] = &[0.9, 0.8, 0.7, 0.6, 0.5, 0.0];
/// Source passages need at least this many words.
const MIN_WORDS: usize = 20;

/// Precision and recall of one variant kind.
#[derive(Debug, Clone, Serialize)]
pub struct Score {
    /// What was done to the passages ("edit 5%", "trim 20%", …).
    pub variant: String,
    /// Variants made.
    pub pairs: usize,
    /// Variants marked as duplicates of their own source.
    pub found: usize,
    /// Marks pointing at the wrong passage, or at anything from an unrelated passage.
    pub false_marks: usize,
    /// found / pairs.
    pub recall: f64,
    /// found / (found + false_marks).
    pub precision: f64,
    /// Recall by true shingle Jaccard with the source: (band lower bound, pairs, found).
    pub by_similarity: Vec<(f32, usize, usize)>,
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct DedupEval {
    /// Articles read.
    pub articles: usize,
    /// Distinct source passages used per variant kind.
    pub sources: usize,
    /// Unrelated passages mixed in per variant kind.
    pub unrelated: usize,
    /// Scores per variant kind.
    pub scores: Vec<Score>,
    /// Groups of articles with byte-equal non-empty bodies.
    pub exact_groups: usize,
    /// Articles in those groups.
    pub exact_group_articles: usize,
    /// Groups whose articles do not all share one duplicate cluster.
    pub exact_groups_split: usize,
    /// Articles re-shuffled (passages in another order) whose copy joined the original's cluster.
    pub reordered_clustered: usize,
    /// Re-shuffled articles tried.
    pub reordered: usize,
}

/// Runs the evaluation on a JSON Lines corpus with `sources` passages per variant kind.
pub fn evaluate(data: &Path, sources: usize, seed: u64) -> DedupEval {
    let articles = read_corpus(data);
    let mut rng = Rng::new(seed);
    let pool = distinct_passages(&articles);
    let vocab: Vec<&str> = pool.iter().flat_map(|p| p.split(' ')).take(200_000).collect();
    let n = sources.min(pool.len() / 2);
    let (src, unrelated) = (&pool[..n], &pool[n..(2 * n).min(pool.len())]);
    let mut scores = Vec::new();
    for &rate in EDIT_RATES {
        let variants: Vec<String> = src.iter().map(|s| edit(s, rate, &vocab, &mut rng)).collect();
        scores.push(score(&format!("edit {:.0}%", rate * 100.0), src, &variants, unrelated));
    }
    let trimmed: Vec<String> = src.iter().map(|s| trim(s, 0.2, &mut rng)).collect();
    scores.push(score("trim 20%", src, &trimmed, unrelated));
    let extended: Vec<String> =
        src.iter().enumerate().map(|(i, s)| extend(s, &unrelated[i % unrelated.len()], 0.2)).collect();
    scores.push(score("extend 20%", src, &extended, unrelated));
    let (exact_groups, exact_group_articles, exact_groups_split) = exact_groups(&articles);
    let (reordered, reordered_clustered) = reorder(&articles, n, &mut rng);
    DedupEval {
        articles: articles.len(),
        sources: n,
        unrelated: unrelated.len(),
        scores,
        exact_groups,
        exact_group_articles,
        exact_groups_split,
        reordered_clustered,
        reordered,
    }
}

fn read_corpus(data: &Path) -> Vec<Article> {
    let out = Mutex::new(Vec::new());
    read_articles(data, "eval", "", Format::JsonLines, ReadLimits::default(), &SkipLog::quiet(), &|a| {
        out.lock().expect("poisoned").push(a)
    });
    let mut v = out.into_inner().expect("poisoned");
    v.sort_by(|a, b| a.id.cmp(&b.id));
    v
}

/// Passages of at least [`MIN_WORDS`] words, normalised, with no exact or near duplicate among them.
fn distinct_passages(articles: &[Article]) -> Vec<String> {
    let mut store = DupStore::default();
    let none = HashSet::new();
    let mut out = Vec::new();
    for a in articles {
        let rec = DocRecord::new(a);
        let texts: Vec<String> =
            rec.analysis.passages.iter().map(|p| normalized_words(&a.body[p.start..p.end]).join(" ")).collect();
        let marked = store.mark(rec, &none);
        for (p, t) in marked.passages.iter().zip(texts) {
            if p.kind == PassageKind::Original && p.words >= MIN_WORDS {
                out.push(t);
            }
        }
    }
    out
}

fn edit(text: &str, rate: f64, vocab: &[&str], rng: &mut Rng) -> String {
    let mut out: Vec<&str> = Vec::new();
    for w in text.split(' ') {
        if rng.chance(rate) {
            match rng.below(3) {
                0 => out.push(vocab[rng.below(vocab.len())]),
                1 => {}
                _ => {
                    out.push(w);
                    out.push(vocab[rng.below(vocab.len())]);
                }
            }
        } else {
            out.push(w);
        }
    }
    out.join(" ")
}

fn trim(text: &str, share: f64, rng: &mut Rng) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let cut = ((words.len() as f64) * share).round() as usize;
    if rng.chance(0.5) {
        words[cut..].join(" ")
    } else {
        words[..words.len() - cut].join(" ")
    }
}

fn extend(text: &str, other: &str, share: f64) -> String {
    let n = ((text.split(' ').count() as f64) * share).round() as usize;
    let extra: Vec<&str> = other.split(' ').take(n).collect();
    format!("{text} {}", extra.join(" "))
}

/// Marks sources, then variants and unrelated passages, as one-passage articles; scores the marks.
fn score(name: &str, sources: &[String], variants: &[String], unrelated: &[String]) -> Score {
    let mut store = DupStore::default();
    let none = HashSet::new();
    let doc = |id: String, body: &str| DocRecord::new(&Article { id, body: body.to_string(), ..Article::default() });
    for (i, s) in sources.iter().enumerate() {
        store.mark(doc(format!("s{i}"), s), &none);
    }
    let mut found = 0;
    let mut false_marks = 0;
    let mut by_band: Vec<(f32, usize, usize)> = BANDS.iter().map(|b| (*b, 0, 0)).collect();
    for (i, v) in variants.iter().enumerate() {
        let marked = store.mark(doc(format!("v{i}"), v), &none);
        let hit = marked.passages.iter().filter_map(|p| p.of.as_ref()).any(|of| of.id == format!("s{i}"));
        let wrong = marked.passages.iter().filter_map(|p| p.of.as_ref()).any(|of| of.id != format!("s{i}"));
        found += hit as usize;
        false_marks += wrong as usize;
        let words = |t: &str| t.split(' ').map(str::to_string).collect::<Vec<_>>();
        let (j, _) = similarity(&shingles(&words(&sources[i])), &shingles(&words(v)));
        let band = by_band.iter_mut().find(|(lo, _, _)| j >= *lo).expect("0.0 band catches all");
        band.1 += 1;
        band.2 += hit as usize;
    }
    for (i, u) in unrelated.iter().enumerate() {
        let marked = store.mark(doc(format!("u{i}"), u), &none);
        false_marks += marked.passages.iter().any(|p| p.of.is_some()) as usize;
    }
    let pairs = variants.len();
    Score {
        variant: name.to_string(),
        pairs,
        found,
        false_marks,
        recall: found as f64 / pairs.max(1) as f64,
        precision: found as f64 / (found + false_marks).max(1) as f64,
        by_similarity: by_band,
    }
}

/// Groups of byte-equal non-empty bodies, and how many of them the marker split across clusters.
fn exact_groups(articles: &[Article]) -> (usize, usize, usize) {
    let mut groups: HashMap<&str, Vec<&Article>> = HashMap::new();
    for a in articles.iter().filter(|a| !a.body.trim().is_empty()) {
        groups.entry(a.body.as_str()).or_default().push(a);
    }
    let groups: Vec<Vec<&Article>> = groups.into_values().filter(|g| g.len() > 1).collect();
    let mut records: Vec<DocRecord> = articles.iter().map(DocRecord::new).collect();
    records.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
    let mut store = DupStore::default();
    let boilerplate = store.boilerplate(&records);
    let clusters: HashMap<String, String> = records
        .into_iter()
        .map(|r| {
            let id = r.id.clone();
            (id, store.mark(r, &boilerplate).cluster)
        })
        .collect();
    let split = groups.iter().filter(|g| g.iter().map(|a| &clusters[&a.id]).collect::<HashSet<_>>().len() > 1).count();
    (groups.len(), groups.iter().map(Vec::len).sum(), split)
}

/// Copies of articles with their passages shuffled must join the original's cluster.
fn reorder(articles: &[Article], n: usize, rng: &mut Rng) -> (usize, usize) {
    let mut store = DupStore::default();
    let none = HashSet::new();
    let mut tried = 0;
    let mut clustered = 0;
    for a in articles.iter().filter(|a| a.body.split("\n    ").count() >= 4).take(n) {
        let original = store.mark(DocRecord::new(a), &none);
        let mut parts: Vec<&str> = original.passages.iter().map(|p| &a.body[p.start..p.end]).collect();
        for i in (1..parts.len()).rev() {
            parts.swap(i, rng.below(i + 1));
        }
        let copy = Article { id: format!("{}-reordered", a.id), body: parts.join("\n\n"), ..Article::default() };
        let marked = store.mark(DocRecord::new(&copy), &none);
        tried += 1;
        clustered += (marked.cluster == original.cluster) as usize;
    }
    (tried, clustered)
}
