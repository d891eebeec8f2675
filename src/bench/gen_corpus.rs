//! `newsdex gen-corpus`: a deterministic synthetic news corpus for scale tests, in JSON Lines.
//!
//! Words are drawn so that the commonest 1,000 hold the shares of articles they hold in real news
//! ([`super::news_words`]); headlines take content words only (no word of the 100 commonest, most
//! rarer than the 1,000th); article lengths are a few paragraphs, some long; a pool of people and
//! organisations is mentioned with Zipf frequencies; a known share of articles are syndicated
//! copies of earlier ones (lightly edited) and a known share repeat one of their own paragraphs;
//! dates spread over years.

use super::news_words::{headline_word, Weighted, DEFAULT_VOCABULARY};
use crate::util::rng::Rng;
use serde::Serialize;
use std::collections::HashSet;
use std::io::Write;

/// What to generate.
#[derive(Debug, Clone)]
pub struct GenOptions {
    /// Articles.
    pub docs: usize,
    /// Random seed.
    pub seed: u64,
    /// Share of articles that are syndicated copies of an earlier one.
    pub syndicated: f64,
    /// Share of articles that repeat one of their own paragraphs.
    pub repeated_paragraph: f64,
}

impl Default for GenOptions {
    fn default() -> Self {
        GenOptions { docs: 10_000, seed: 1, syndicated: 0.05, repeated_paragraph: 0.02 }
    }
}

/// Counts of what was generated, for checking the indexer against known rates.
#[derive(Debug, Clone, Serialize, Default)]
pub struct GenSummary {
    /// Articles written.
    pub docs: usize,
    /// Of which syndicated copies.
    pub syndicated: usize,
    /// Of which repeat one of their own paragraphs.
    pub repeated_paragraph: usize,
    /// Bytes written.
    pub bytes: u64,
}

#[derive(Serialize)]
struct Record<'a> {
    id: String,
    title: &'a str,
    body: &'a str,
    date: String,
    source: &'a str,
}

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ra", "te", "su", "no", "vi", "da", "pe", "ro", "an", "el", "is", "or", "un", "ba", "ti", "ne",
    "go",
];
const FIRST: &[&str] =
    &["Ana", "Omar", "Lena", "Ravi", "Marta", "Tomas", "Ines", "Kofi", "Yuki", "Pavel", "Sara", "Diego"];
const ORG_KINDS: &[&str] = &["Bank", "Holdings", "Ministry", "Energy", "Council", "Group", "Airlines", "Institute"];
const SOURCES: &[&str] =
    &["Harbor Ledger", "Pacific Wire", "Bay Courier", "Midland Record", "Capital Dispatch", "Northern Star"];

fn word(rng: &mut Rng, syllables: usize) -> String {
    (0..syllables).map(|_| SYLLABLES[rng.below(SYLLABLES.len())]).collect()
}

fn capitalised(w: &str) -> String {
    let mut c = w.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

/// Words per paragraph of one article: 2–7 paragraphs (one in ten articles 8 more) of 25–74 words.
fn paragraph_lengths(rng: &mut Rng) -> Vec<usize> {
    let paragraphs = 2 + rng.below(6) + if rng.chance(0.1) { 8 } else { 0 };
    (0..paragraphs).map(|_| 25 + rng.below(50)).collect()
}

/// `n` distinct made-up words, shorter for the commoner ranks.
fn vocabulary(n: usize, rng: &mut Rng) -> Vec<String> {
    let mut seen = HashSet::with_capacity(n);
    (0..n)
        .map(|i| {
            let mut syllables = if i < 300 { 1 + rng.below(2) } else { 2 + (i % 3) + rng.below(2) };
            loop {
                let w = word(rng, syllables);
                if seen.insert(w.clone()) {
                    return w;
                }
                if rng.chance(0.1) {
                    syllables += 1;
                }
            }
        })
        .collect()
}

/// Writes the corpus as JSON Lines to `out`.
pub fn generate(opts: &GenOptions, out: &mut impl Write) -> std::io::Result<GenSummary> {
    let mut rng = Rng::new(opts.seed);
    let vocab = vocabulary(DEFAULT_VOCABULARY, &mut rng);
    // The word probabilities are fitted to the lengths this generator draws (a fixed sample, the
    // same for every seed).
    let mut length_rng = Rng::new(0x6e65_7773);
    let lengths: Vec<usize> =
        (0..4_000).map(|_| paragraph_lengths(&mut length_rng).iter().sum::<usize>() + 7).collect();
    let zw = Weighted::news(&lengths, vocab.len());
    let people: Vec<String> =
        (0..2_000).map(|_| format!("{} {}", FIRST[rng.below(FIRST.len())], capitalised(&word(&mut rng, 3)))).collect();
    let orgs: Vec<String> = (0..500)
        .map(|_| format!("{} {}", capitalised(&word(&mut rng, 2)), ORG_KINDS[rng.below(ORG_KINDS.len())]))
        .collect();
    let (zp, zo) = (Weighted::zipf(people.len()), Weighted::zipf(orgs.len()));
    let mut summary = GenSummary::default();
    let mut recent: Vec<(String, String)> = Vec::new();
    let start = 1_262_304_000i64; // 2010-01-01
    for i in 0..opts.docs {
        let date = start + (i as i64) * (10 * 365 * 86_400 / opts.docs.max(1) as i64) + rng.below(3_600) as i64;
        let date = chrono::DateTime::from_timestamp(date, 0).map(|d| d.to_rfc3339()).unwrap_or_default();
        let (title, body) = if !recent.is_empty() && rng.chance(opts.syndicated) {
            summary.syndicated += 1;
            let (t, b) = &recent[rng.below(recent.len())];
            // A light edit: one word replaced in the first paragraph.
            let mut words: Vec<String> = b.split(' ').map(str::to_string).collect();
            let k = rng.below(words.len().clamp(1, 20));
            words[k] = vocab[zw.sample(&mut rng)].clone();
            (t.clone(), words.join(" "))
        } else {
            let person = people[zp.sample(&mut rng)].clone();
            let org = orgs[zo.sample(&mut rng)].clone();
            let mut paras: Vec<String> = paragraph_lengths(&mut rng)
                .into_iter()
                .enumerate()
                .map(|(p, n)| {
                    let mut s: Vec<String> = (0..n).map(|_| vocab[zw.sample(&mut rng)].clone()).collect();
                    if p == 0 {
                        s.insert(0, format!("{person} of {org} said on Monday"));
                    } else if rng.chance(0.3) {
                        s.push(format!("said {}", person.split(' ').next_back().unwrap_or_default()));
                    }
                    format!("{}.", capitalised(&s.join(" ")))
                })
                .collect();
            if rng.chance(opts.repeated_paragraph) && paras.len() > 2 {
                summary.repeated_paragraph += 1;
                let p = paras[1].clone();
                paras.push(p);
            }
            let title = (0..6).map(|_| vocab[headline_word(&zw, &mut rng)].as_str()).collect::<Vec<_>>();
            let title = capitalised(&title.join(" "));
            (title, paras.join("\n\n"))
        };
        if recent.len() < 500 {
            recent.push((title.clone(), body.clone()));
        } else {
            let k = rng.below(recent.len());
            recent[k] = (title.clone(), body.clone());
        }
        let record = Record {
            id: format!("gen-{i}"),
            title: &title,
            body: &body,
            date,
            source: SOURCES[rng.below(SOURCES.len())],
        };
        let line = serde_json::to_string(&record).map_err(std::io::Error::other)?;
        out.write_all(line.as_bytes())?;
        out.write_all(b"\n")?;
        summary.bytes += line.len() as u64 + 1;
        summary.docs += 1;
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_corpus_and_known_rates() {
        let opts = GenOptions { docs: 2_000, seed: 7, ..GenOptions::default() };
        let (mut a, mut b) = (Vec::new(), Vec::new());
        let sa = generate(&opts, &mut a).unwrap();
        generate(&opts, &mut b).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.iter().filter(|c| **c == b'\n').count(), 2_000);
        assert!((60..=140).contains(&sa.syndicated), "{sa:?}");
        assert!(sa.repeated_paragraph > 0);
    }
}
