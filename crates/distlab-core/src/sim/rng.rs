//! The one source of randomness in a run.
//!
//! ChaCha8 is pinned to an exact crate version, and the mapping from raw
//! words to ranges is written here rather than borrowed from `rand`'s
//! distributions, whose algorithms may change between releases. A golden
//! trace test fails loudly if the values ever move.

use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;

#[derive(Clone, Debug)]
pub struct SimRng(ChaCha8Rng);

impl SimRng {
    pub fn new(seed: u64) -> Self {
        SimRng(ChaCha8Rng::seed_from_u64(seed))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// A value in `lo..=hi` (either order). The modulo bias is below 2^-40
    /// for the small ranges a simulation uses.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        let (lo, hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
        match (hi - lo).checked_add(1) {
            Some(span) => lo + self.next_u64() % span,
            None => self.next_u64(),
        }
    }

    /// A float in `[0, 1)` with 53 random bits.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// True with probability `p`. Draws nothing when `p` is 0 or 1, so that
    /// turning loss off does not shift every later random value.
    pub fn chance(&mut self, p: f64) -> bool {
        if p <= 0.0 {
            false
        } else if p >= 1.0 {
            true
        } else {
            self.unit() < p
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_values() {
        let mut a = SimRng::new(7);
        let mut b = SimRng::new(7);
        for _ in 0..100 {
            assert_eq!(a.next_u64(), b.next_u64());
        }
    }

    #[test]
    fn range_stays_inside_bounds() {
        let mut r = SimRng::new(1);
        for _ in 0..10_000 {
            let v = r.range(150, 300);
            assert!((150..=300).contains(&v), "{v} outside 150..=300");
        }
        assert_eq!(r.range(5, 5), 5);
    }

    #[test]
    fn chance_extremes_draw_nothing() {
        let mut a = SimRng::new(3);
        let mut b = SimRng::new(3);
        assert!(!a.chance(0.0));
        assert!(a.chance(1.0));
        assert_eq!(a.next_u64(), b.next_u64());
    }
}
