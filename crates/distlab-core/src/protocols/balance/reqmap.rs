//! Tables keyed by request number, for the balancer and the conservation
//! check, which look a request up at every step of its life.
//!
//! They hash (an ordered map costs a tree walk per lookup, and nothing
//! here needs the order) with a fixed multiplicative hash, so a run never
//! depends on a random seed; and no table is ever iterated, so their
//! order never shows.

use std::collections::{HashMap, HashSet, VecDeque};
use std::hash::{BuildHasherDefault, Hasher};

use super::messages::ReqId;
use crate::sim::SimTime;

/// Fibonacci hashing: request numbers are consecutive, and multiplying by
/// an odd constant spreads them over every bucket of a power-of-two table.
#[derive(Clone, Copy, Debug, Default)]
pub struct ReqHasher(u64);

const GOLDEN: u64 = 0x9e37_79b9_7f4a_7c15;

impl Hasher for ReqHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(GOLDEN);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n).wrapping_mul(GOLDEN);
    }
}

/// Values by request number.
pub type ReqMap<V> = HashMap<ReqId, V, BuildHasherDefault<ReqHasher>>;
/// A set of request numbers.
pub type ReqSet = HashSet<ReqId, BuildHasherDefault<ReqHasher>>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    #[test]
    fn consecutive_numbers_fill_every_bucket() {
        let build = BuildHasherDefault::<ReqHasher>::default();
        let mut buckets = [0u32; 64];
        for req in 1..=6400u64 {
            buckets[(build.hash_one(req) & 63) as usize] += 1;
        }
        assert!(buckets.iter().all(|&n| n == 100), "{buckets:?}");
    }
}

/// Request numbers remembered for a while, oldest first: enough to know a
/// second copy or a second ending when it comes soon after the first, and
/// memory that does not grow with the run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RecentReqs {
    set: ReqSet,
    order: VecDeque<(SimTime, ReqId)>,
}

impl RecentReqs {
    /// Remembers `req` from `now`; false if it is remembered already.
    pub fn insert(&mut self, now: SimTime, req: ReqId) -> bool {
        let fresh = self.set.insert(req);
        if fresh {
            self.order.push_back((now, req));
        }
        fresh
    }

    pub fn contains(&self, req: &ReqId) -> bool {
        self.set.contains(req)
    }

    /// Forgets what was remembered more than `keep` µs before `now`.
    pub fn forget_older(&mut self, now: SimTime, keep: SimTime) {
        while let Some(&(t, req)) = self.order.front() {
            if t + keep >= now {
                break;
            }
            self.order.pop_front();
            self.set.remove(&req);
        }
    }

    pub fn clear(&mut self) {
        self.set.clear();
        self.order.clear();
    }
}
