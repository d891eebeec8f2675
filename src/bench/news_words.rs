//! The word distribution of generated articles, fitted to the document frequencies of real news.
//!
//! An index sees a corpus through its document frequencies: how many articles hold each word
//! decides how long posting lists are and how much a query has to read. Words drawn from a plain
//! Zipf law give the commonest content words of a corpus far too many articles (and the tail too
//! few), so [`Weighted::news`] instead gives each of the 1,000 commonest words the probability per word
//! that makes its expected share of articles the share measured on real news ([`NEWS_DF`]), for
//! the article lengths the generator draws; the rarer words share the rest along a power law.

use crate::util::rng::Rng;

/// Share of articles holding the word of each rank (1 = the commonest), measured on the 106,520
/// Reuters financial articles of 2006–2013 (title and body, words lowercased, split at anything
/// not a letter or digit); ranks in between are interpolated on a log-log scale (within 5 % of
/// the measured curve at every rank up to 1,000). `scripts/df_fit.py` measures it again.
// Rank 100's share, 0.30103, happens to be log10(2).
#[allow(clippy::approx_constant)]
pub const NEWS_DF: &[(u32, f64)] = &[
    (1, 0.9875),
    (2, 0.9870),
    (3, 0.9813),
    (4, 0.9723),
    (5, 0.9714),
    (6, 0.9708),
    (8, 0.9592),
    (10, 0.9502),
    (12, 0.9042),
    (15, 0.8263),
    (20, 0.7780),
    (25, 0.7028),
    (30, 0.6537),
    (40, 0.5717),
    (50, 0.4963),
    (70, 0.3728),
    (100, 0.3010),
    (150, 0.2372),
    (200, 0.2004),
    (300, 0.1477),
    (500, 0.1004),
    (700, 0.0723),
    (1000, 0.0492),
];

/// Words in the generated vocabulary.
pub const DEFAULT_VOCABULARY: usize = 50_000;

/// Ranks below this are function words ("the", "said", "of"), left out of headlines.
pub const DEFAULT_HEADLINE_FIRST_RANK: usize = 100;

/// Two headline words in three are rarer than this rank (names, places, the story's own words).
pub const DEFAULT_HEADLINE_RARE_RANK: usize = 1_000;

/// The target share of articles holding the word of `rank` (1-based, at most the table's last).
pub fn news_df(rank: u32) -> f64 {
    let i = NEWS_DF.partition_point(|(r, _)| *r < rank);
    let (r1, d1) = NEWS_DF[i.min(NEWS_DF.len() - 1)];
    if i == 0 || r1 == rank {
        return d1;
    }
    let (r0, d0) = NEWS_DF[i - 1];
    let t = (f64::from(rank).ln() - f64::from(r0).ln()) / (f64::from(r1).ln() - f64::from(r0).ln());
    (d0.ln() * (1.0 - t) + d1.ln() * t).exp()
}

/// A sampler of ranks (0-based) in proportion to their weights.
#[derive(Debug, Clone)]
pub struct Weighted {
    cumulative: Vec<f64>,
}

impl Weighted {
    /// Ranks weighted as given, in rank order.
    pub fn from_weights(weights: impl IntoIterator<Item = f64>) -> Self {
        let mut acc = 0.0;
        let cumulative = weights
            .into_iter()
            .map(|x| {
                acc += x;
                acc
            })
            .collect();
        Weighted { cumulative }
    }

    /// Zipf(1) over `n` ranks: rank r weighs 1/r.
    pub fn zipf(n: usize) -> Self {
        Self::from_weights((1..=n).map(|r| 1.0 / r as f64))
    }

    /// Words whose per-word probabilities give the [`NEWS_DF`] shares of articles to articles
    /// whose word counts are `lengths` (a sample of them).
    pub fn news(lengths: &[usize], vocabulary: usize) -> Self {
        let head = NEWS_DF.last().map_or(0, |(r, _)| *r as usize).min(vocabulary);
        let mut p: Vec<f64> = (1..=head).map(|r| word_probability(news_df(r as u32), lengths)).collect();
        let used: f64 = p.iter().sum();
        let last = p.last().copied().unwrap_or(1.0 / vocabulary as f64);
        // The tail continues from the last fitted word as last·(head/r)^s, s chosen so that all
        // probabilities sum to one.
        let tail_mass = |s: f64| (head + 1..=vocabulary).map(|r| last * (head as f64 / r as f64).powf(s)).sum::<f64>();
        let (mut lo, mut hi) = (0.0f64, 8.0f64);
        for _ in 0..60 {
            let mid = (lo + hi) / 2.0;
            if tail_mass(mid) > 1.0 - used {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        p.extend((head + 1..=vocabulary).map(|r| last * (head as f64 / r as f64).powf(hi)));
        Self::from_weights(p)
    }

    /// One rank.
    pub fn sample(&self, rng: &mut Rng) -> usize {
        let x = rng.unit() * self.cumulative.last().copied().unwrap_or(1.0);
        self.cumulative.partition_point(|c| *c < x).min(self.cumulative.len() - 1)
    }

    /// One rank at `first` or rarer.
    pub fn sample_from(&self, first: usize, rng: &mut Rng) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(1.0);
        let below = if first == 0 { 0.0 } else { self.cumulative[(first - 1).min(self.cumulative.len() - 1)] };
        let x = below + rng.unit() * (total - below);
        self.cumulative
            .partition_point(|c| *c < x)
            .clamp(first.min(self.cumulative.len() - 1), self.cumulative.len() - 1)
    }

    /// The probability of `rank` (0-based).
    pub fn probability(&self, rank: usize) -> f64 {
        let before = if rank == 0 { 0.0 } else { self.cumulative[rank - 1] };
        self.cumulative[rank] - before
    }
}

/// A headline word of `words` ([`Weighted::news`]): no function word, and two in three rarer than
/// [`DEFAULT_HEADLINE_RARE_RANK`] (in real headlines, half the words are held by fewer than one
/// article in twenty).
pub fn headline_word(words: &Weighted, rng: &mut Rng) -> usize {
    let first = if rng.below(3) == 0 { DEFAULT_HEADLINE_FIRST_RANK } else { DEFAULT_HEADLINE_RARE_RANK };
    words.sample_from(first, rng)
}

/// The expected share of articles of these lengths holding a word drawn with probability `p`.
pub fn expected_df(p: f64, lengths: &[usize]) -> f64 {
    let miss = (1.0 - p).ln();
    lengths.iter().map(|&n| 1.0 - (miss * n as f64).exp()).sum::<f64>() / lengths.len().max(1) as f64
}

/// The probability per word that gives articles of these lengths the share `df` (bisection).
fn word_probability(df: f64, lengths: &[usize]) -> f64 {
    let (mut lo, mut hi) = (0.0f64, 0.5f64);
    for _ in 0..50 {
        let mid = (lo + hi) / 2.0;
        if expected_df(mid, lengths) < df {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    (lo + hi) / 2.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interpolation_meets_the_table_and_falls_between() {
        assert_eq!(news_df(1), 0.9875);
        assert_eq!(news_df(1000), 0.0492);
        let mid = news_df(400);
        assert!(mid < news_df(300) && mid > news_df(500), "{mid}");
    }

    #[test]
    fn fitted_probabilities_give_the_target_shares_and_sum_to_one() {
        let lengths: Vec<usize> = (0..500).map(|i| 60 + (i * 7) % 500).collect();
        let w = Weighted::news(&lengths, 20_000);
        for rank in [1u32, 10, 100, 999] {
            let got = expected_df(w.probability(rank as usize - 1), &lengths);
            assert!((got / news_df(rank) - 1.0).abs() < 1e-6, "rank {rank}: {got}");
        }
        assert!((w.cumulative.last().unwrap() - 1.0).abs() < 1e-6);
        // The tail stays below the last fitted word, so the fitted words remain the commonest.
        assert!(w.probability(1000) <= w.probability(999));
        let mut rng = Rng::new(3);
        assert!((0..1000).all(|_| w.sample_from(100, &mut rng) >= 100));
    }
}
