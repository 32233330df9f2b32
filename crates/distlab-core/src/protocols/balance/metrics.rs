//! Latency over a sliding window, and its history for the chart.

use std::collections::VecDeque;

use crate::sim::SimTime;
use crate::units::nearest_rank;

/// How many recent latencies the percentiles cover.
const WINDOW: usize = 512;
/// How many chart points are kept.
const HISTORY: usize = 240;
/// Simulated time between chart points.
pub const SAMPLE_US: SimTime = 100_000;

/// Buckets of a [`Rate`], each this long.
const RATE_BUCKET_US: SimTime = 100_000;
/// Buckets of a [`Rate`]: one second of them.
const RATE_BUCKETS: usize = 10;

/// How many events happened in the last second, counted in tenths of a
/// second, so that reading it costs nothing and counting almost nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rate {
    counts: [u32; RATE_BUCKETS],
    /// The bucket (time / bucket length) counted into last.
    last: u64,
}

impl Rate {
    /// Counts one event at `now`.
    pub fn add(&mut self, now: SimTime) {
        let bucket = now / RATE_BUCKET_US;
        let stale = bucket.saturating_sub(self.last).min(RATE_BUCKETS as u64);
        for b in 1..=stale {
            self.counts[((self.last + b) % RATE_BUCKETS as u64) as usize] = 0;
        }
        self.last = self.last.max(bucket);
        self.counts[(bucket % RATE_BUCKETS as u64) as usize] += 1;
    }

    /// Events in the second up to `now` (the current tenth included).
    pub fn per_second(&self, now: SimTime) -> u32 {
        let bucket = now / RATE_BUCKET_US;
        (0..RATE_BUCKETS as u64)
            .filter_map(|back| bucket.checked_sub(back))
            .filter(|&b| b <= self.last && self.last - b < RATE_BUCKETS as u64)
            .map(|b| self.counts[(b % RATE_BUCKETS as u64) as usize])
            .sum()
    }
}

/// Percentiles of recent latencies, in microseconds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Percentiles {
    pub p50: u64,
    pub p95: u64,
    pub p99: u64,
    pub max: u64,
}

/// The last [`WINDOW`] latencies and the chart's history.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Latencies {
    recent: VecDeque<u64>,
    /// `(time, p50, p99)` once per [`SAMPLE_US`].
    pub history: VecDeque<(SimTime, u64, u64)>,
    next_sample: SimTime,
}

impl Latencies {
    /// Takes a latency in; adds a chart point when one is due.
    pub fn add(&mut self, now: SimTime, latency_us: u64) {
        if self.recent.len() == WINDOW {
            self.recent.pop_front();
        }
        self.recent.push_back(latency_us);
        if now >= self.next_sample {
            let p = self.percentiles();
            if self.history.len() == HISTORY {
                self.history.pop_front();
            }
            self.history.push_back((now, p.p50, p.p99));
            self.next_sample = now - now % SAMPLE_US + SAMPLE_US;
        }
    }

    /// Whether no latency has come in yet: the percentiles are zeros
    /// then, not measurements.
    pub fn is_empty(&self) -> bool {
        self.recent.is_empty()
    }

    /// Percentiles of the window (nearest rank).
    pub fn percentiles(&self) -> Percentiles {
        let mut v: Vec<u64> = self.recent.iter().copied().collect();
        if v.is_empty() {
            return Percentiles::default();
        }
        v.sort_unstable();
        let at = |q: f64| nearest_rank(&v, q).unwrap_or_default();
        Percentiles {
            p50: at(0.50),
            p95: at(0.95),
            p99: at(0.99),
            max: v[v.len() - 1],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_nearest_rank_over_the_window() {
        let mut l = Latencies::default();
        for v in 1..=100 {
            l.add(v * 1000, v);
        }
        let p = l.percentiles();
        assert_eq!((p.p50, p.p95, p.p99, p.max), (50, 95, 99, 100));
        assert_eq!(
            l.history.len(),
            2,
            "a point at the start, the next 100 ms on"
        );
    }

    #[test]
    fn a_rate_counts_the_last_second_only() {
        let mut r = Rate::default();
        for t in 0..20 {
            r.add(t * 50_000);
        }
        assert_eq!(r.per_second(950_000), 20);
        assert_eq!(r.per_second(1_049_999), 18, "the first tenth has passed");
        assert_eq!(r.per_second(5_000_000), 0);
        r.add(5_000_000);
        assert_eq!(r.per_second(5_000_000), 1, "stale tenths were cleared");
    }
}
