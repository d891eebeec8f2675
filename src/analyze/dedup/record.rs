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
        DocRecord {
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
