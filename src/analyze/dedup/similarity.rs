//! Exact similarity of two sorted shingle sets, used to verify LSH candidates.

/// A candidate is a near-duplicate when the Jaccard similarity reaches this…
pub const DEFAULT_MIN_JACCARD: f32 = 0.5;
/// …or when this share of the smaller passage's shingles is in the larger one (trimmed or extended copies).
pub const DEFAULT_MIN_CONTAINMENT: f32 = 0.8;
/// Containment only counts when the smaller passage has at least this many shingles.
pub const MIN_CONTAINMENT_SHINGLES: usize = 8;

/// Size of the intersection of two sorted, deduplicated sets.
pub fn intersection(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Jaccard similarity and containment (of the smaller set in the larger).
///
/// ```
/// use newsdex::analyze::dedup::similarity::similarity;
/// let (j, c) = similarity(&[1, 2, 3, 4], &[2, 3, 4, 5]);
/// assert_eq!((j, c), (0.6, 0.75));
/// ```
pub fn similarity(a: &[u32], b: &[u32]) -> (f32, f32) {
    if a.is_empty() || b.is_empty() {
        return (0.0, 0.0);
    }
    let inter = intersection(a, b) as f32;
    let union = (a.len() + b.len()) as f32 - inter;
    (inter / union, inter / a.len().min(b.len()) as f32)
}

/// The similarity reported for a verified near-duplicate, or `None` when the pair is not one.
pub fn near_duplicate(a: &[u32], b: &[u32]) -> Option<f32> {
    let (j, c) = similarity(a, b);
    let contained = c >= DEFAULT_MIN_CONTAINMENT && a.len().min(b.len()) >= MIN_CONTAINMENT_SHINGLES;
    (j >= DEFAULT_MIN_JACCARD || contained).then_some(j.max(if contained { c } else { 0.0 }))
}
