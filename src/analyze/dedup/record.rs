//! What the duplicate marker needs of one article: its analysis plus shingles and band keys.

use super::minhash::{band_keys, shingles, signature, BANDS};
use crate::analyze::{analyze_with_words, Analysis, PassageKind};
use crate::ingest::Article;

/// Passages with fewer words get exact marks only.
pub const MIN_NEAR_WORDS: usize = 8;

/// One article, analysed, ready to be marked against the corpus.
#[derive(Debug, Clone)]
pub struct DocRecord {
    /// Article id.
    pub id: String,
    /// Publication time (seconds), for ordering: earlier articles are the originals.
    pub date: Option<i64>,
    /// Outlet, for boilerplate (seen across several sources).
    pub source: Option<String>,
    /// Passages and intra-article marks.
    pub analysis: Analysis,
    /// Shingles per passage (empty for intra repeats).
    pub shingles: Vec<Vec<u32>>,
    /// Band keys per passage (`None` for short passages and intra repeats).
    pub bands: Vec<Option<[u32; BANDS]>>,
    /// Per passage, a hash of the numbers it states in order (0 when it states none): two near
    /// copies with different numbers are a template filled twice, not one story.
    pub numbers: Vec<u32>,
}

/// A hash of the numbers a text states, in order ("290,000 to 300,000" → [290000, 300000]);
/// 0 when it states none.
pub fn numbers_hash(text: &str) -> u32 {
    let mut h = xxhash_rust::xxh3::Xxh3::with_seed(0);
    let mut any = false;
    for token in text.split(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.')) {
        let digits: String = token.chars().filter(char::is_ascii_digit).collect();
        if !digits.is_empty() {
            any = true;
            h.update(digits.as_bytes());
            h.update(b" ");
        }
    }
    if any {
        (h.digest() as u32).max(1)
    } else {
        0
    }
}

impl DocRecord {
    /// Analyses an article and computes its signatures.
    pub fn new(article: &Article) -> Self {
        let (analysis, words) = analyze_with_words(article);
        let mut all_shingles = Vec::with_capacity(words.len());
        let mut bands = Vec::with_capacity(words.len());
        for (p, w) in analysis.passages.iter().zip(&words) {
            if p.kind == PassageKind::Intra {
                all_shingles.push(Vec::new());
                bands.push(None);
                continue;
            }
            let sh = shingles(w);
            bands.push((w.len() >= MIN_NEAR_WORDS).then(|| band_keys(&signature(&sh))));
            all_shingles.push(sh);
        }
        let numbers = analysis.passages.iter().map(|p| numbers_hash(&article.body[p.start..p.end])).collect();
        DocRecord {
            numbers,
            id: article.id.clone(),
            date: article.date.map(|d| d.timestamp()),
            source: article.source.clone(),
            analysis,
            shingles: all_shingles,
            bands,
        }
    }

    /// Sort key: dated articles by date, then undated ones; ties by id.
    pub fn order_key(&self) -> (i64, &str) {
        (self.date.unwrap_or(i64::MAX), self.id.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_hash_tells_filled_templates_apart() {
        let a = numbers_hash("slaughter at about 290,000 to 300,000 head versus 301,000 week ago");
        let b = numbers_hash("slaughter at about 285,000 to 295,000 head versus 290,000 week ago");
        assert_ne!(a, b);
        assert_eq!(a, numbers_hash("Slaughter was about 290,000 to 300,000 head, against 301,000 a week ago"));
        assert_eq!(numbers_hash("no figures at all"), 0);
    }
}
