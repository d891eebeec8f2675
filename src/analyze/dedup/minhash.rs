//! Word-bigram shingles, MinHash signatures and LSH band keys (all with fixed seeds: stable across
//! machines, processes and versions, so they can be stored).
//!
//! With [`BANDS`] = 20 bands of [`ROWS`] = 4 rows, two passages whose shingle sets have Jaccard
//! similarity `J` become candidates with probability `1 - (1 - J^4)^20`:
//! J = 0.3 → 0.15, 0.4 → 0.41, 0.5 → 0.72, 0.6 → 0.94, 0.7 → 0.996, 0.8 → 1.0000.
//! Every candidate is then verified exactly (see [`super::similarity`]).

/// Number of LSH bands.
pub const BANDS: usize = 20;
/// Rows (hash functions) per band.
pub const ROWS: usize = 4;
/// Hash functions in a signature.
pub const NUM_HASHES: usize = BANDS * ROWS;
/// Fixed seed of every hash here.
const SEED: u64 = 0x6e65_7773_6465_7821; // "newsdex!"

/// Sorted, deduplicated 32-bit hashes of the word bigrams (a lone word is its own shingle).
///
/// ```
/// use newsdex::analyze::dedup::minhash::shingles;
/// let a = shingles(&["the", "cat", "sat"]);
/// assert_eq!(a.len(), 2);
/// assert_eq!(a, shingles(&["the", "cat", "sat"]));
/// ```
pub fn shingles<S: AsRef<str>>(words: &[S]) -> Vec<u32> {
    let mut out: Vec<u32> = if words.len() == 1 {
        vec![hash32(words[0].as_ref(), "")]
    } else {
        words.windows(2).map(|w| hash32(w[0].as_ref(), w[1].as_ref())).collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

fn hash32(a: &str, b: &str) -> u32 {
    // The bytes of `a`, a zero, then `b`, hashed in one call (the value hashing them in pieces
    // with a streaming hasher gives; a test checks it).
    let n = a.len() + 1 + b.len();
    let (mut stack, mut heap) = ([0u8; 96], Vec::new());
    let buf: &mut [u8] = if n <= stack.len() {
        &mut stack[..n]
    } else {
        heap.resize(n, 0);
        &mut heap
    };
    buf[..a.len()].copy_from_slice(a.as_bytes());
    buf[a.len() + 1..].copy_from_slice(b.as_bytes());
    xxhash_rust::xxh3::xxh3_64_with_seed(buf, SEED) as u32
}

/// The `i`-th hash function's multiplier and offset (splitmix64 of the seed).
fn coefficients() -> &'static [(u64, u64); NUM_HASHES] {
    static COEF: std::sync::OnceLock<[(u64, u64); NUM_HASHES]> = std::sync::OnceLock::new();
    COEF.get_or_init(|| {
        let mut state = SEED;
        let mut next = || {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        };
        std::array::from_fn(|_| (next() | 1, next()))
    })
}

/// The MinHash signature of a shingle set.
pub fn signature(shingles: &[u32]) -> [u32; NUM_HASHES] {
    let mut sig = [u32::MAX; NUM_HASHES];
    for &s in shingles {
        let x = s as u64;
        for (slot, (a, b)) in sig.iter_mut().zip(coefficients()) {
            let h = (a.wrapping_mul(x).wrapping_add(*b) >> 32) as u32;
            if h < *slot {
                *slot = h;
            }
        }
    }
    sig
}

/// One key per band: a hash of the band number and its rows.
pub fn band_keys(sig: &[u32; NUM_HASHES]) -> [u32; BANDS] {
    std::array::from_fn(|band| {
        let mut bytes = [0u8; 4 * ROWS];
        for (chunk, v) in bytes.chunks_exact_mut(4).zip(&sig[band * ROWS..(band + 1) * ROWS]) {
            chunk.copy_from_slice(&v.to_le_bytes());
        }
        xxhash_rust::xxh3::xxh3_64_with_seed(&bytes, SEED ^ band as u64) as u32
    })
}

/// Probability that a pair with Jaccard `j` shares at least one band.
pub fn candidate_probability(j: f64) -> f64 {
    1.0 - (1.0 - j.powi(ROWS as i32)).powi(BANDS as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        s.split_whitespace().collect()
    }

    /// The stored hashes were made with a streaming hasher fed in pieces; one call over the
    /// same bytes must give the same values.
    #[test]
    fn hashes_in_one_call_are_the_streaming_hashes_stored_before() {
        let streamed = |pieces: &[&[u8]], seed: u64| {
            let mut h = xxhash_rust::xxh3::Xxh3::with_seed(seed);
            pieces.iter().for_each(|p| h.update(p));
            h.digest() as u32
        };
        let long = "x".repeat(300);
        for (a, b) in [("the", "cat"), ("prison", ""), ("", ""), (long.as_str(), "deportees"), ("é", long.as_str())] {
            assert_eq!(hash32(a, b), streamed(&[a.as_bytes(), &[0], b.as_bytes()], SEED), "{a:?} {b:?}");
        }
        let sig = signature(&shingles(&words("officials said the agreement would hold more deportees")));
        for (band, key) in band_keys(&sig).into_iter().enumerate() {
            let rows: Vec<[u8; 4]> = sig[band * ROWS..(band + 1) * ROWS].iter().map(|v| v.to_le_bytes()).collect();
            let pieces: Vec<&[u8]> = rows.iter().map(|r| r.as_slice()).collect();
            assert_eq!(key, streamed(&pieces, SEED ^ band as u64));
        }
    }

    #[test]
    fn identical_sets_share_every_band_and_different_ones_none() {
        let a =
            shingles(&words("officials said the agreement would hold more than two hundred deportees in the prison"));
        let b = shingles(&words("farmers sold wheat to buyers in asia at higher prices than last year at the port"));
        // A set is a set: the same shingles in another order share every band.
        let mut reordered = a.clone();
        reordered.reverse();
        reordered.rotate_left(3);
        assert_ne!(reordered, a);
        assert_eq!(band_keys(&signature(&reordered)), band_keys(&signature(&a)));
        let (ka, kb) = (band_keys(&signature(&a)), band_keys(&signature(&b)));
        assert_eq!(ka.iter().zip(&kb).filter(|(x, y)| x == y).count(), 0);
    }

    #[test]
    fn the_curve_is_as_documented() {
        assert!((candidate_probability(0.5) - 0.72).abs() < 0.01);
        assert!(candidate_probability(0.7) > 0.99);
        assert!(candidate_probability(0.3) < 0.16);
    }
}
