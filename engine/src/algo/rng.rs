//! A tiny deterministic random number generator (SplitMix64) for sampling, walks and
//! initialisation. Results depend only on the seed, never on the `rand` crate's version or on
//! thread timing: every stream is derived from a fixed seed and the work item's own numbers.

/// SplitMix64: fast, 64-bit state, good enough statistical quality for sampling.
#[derive(Debug, Clone)]
pub(crate) struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator for `seed`.
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// A generator for the work item identified by `parts` under `seed`.
    pub(crate) fn derive(seed: u64, parts: &[u64]) -> Self {
        let mut g = Self(seed);
        for &p in parts {
            g.0 ^= p.wrapping_mul(0x9E37_79B9_7F4A_7C15);
            g.0 = g.next_u64();
        }
        g
    }

    /// The next 64 random bits.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`), by Lemire's multiply-shift (bias below n / 2^64).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() as u128 * n as u128) >> 64) as usize
    }

    /// Uniform in `[0, 1)`.
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

/// `k` distinct values of `0..n`, sorted, chosen uniformly by a partial Fisher–Yates shuffle
/// seeded with `seed` (all of `0..n` when `k >= n`).
pub(crate) fn sample(n: usize, k: usize, seed: u64) -> Vec<u32> {
    let mut all: Vec<u32> = (0..n as u32).collect();
    if k < n {
        let mut rng = SplitMix64::new(seed);
        for i in 0..k {
            let j = i + rng.below(n - i);
            all.swap(i, j);
        }
        all.truncate(k);
        all.sort_unstable();
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_deterministic_and_in_range() {
        let a: Vec<_> = (0..5).map(|_| SplitMix64::new(7).next_u64()).collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        let mut g = SplitMix64::derive(1, &[2, 3]);
        let mut h = SplitMix64::derive(1, &[3, 2]);
        assert_ne!(g.next_u64(), h.next_u64());
        for _ in 0..1000 {
            assert!(g.below(7) < 7);
            let u = g.unit();
            assert!((0.0..1.0).contains(&u));
        }
        let s = sample(100, 10, 42);
        assert_eq!(s.len(), 10);
        assert!(s.windows(2).all(|w| w[0] < w[1]) && s[9] < 100);
        assert_eq!(s, sample(100, 10, 42));
        assert_eq!(sample(3, 5, 1), [0, 1, 2]);
    }
}
