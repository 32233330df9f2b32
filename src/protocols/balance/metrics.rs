//! Latency over a sliding window, and its history for the chart.

use std::collections::VecDeque;

use crate::sim::SimTime;

/// How many recent latencies the percentiles cover.
const WINDOW: usize = 512;
/// How many chart points are kept.
const HISTORY: usize = 240;
/// Simulated time between chart points.
pub const SAMPLE_US: SimTime = 100_000;

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

    /// Percentiles of the window (nearest rank).
    pub fn percentiles(&self) -> Percentiles {
        let mut v: Vec<u64> = self.recent.iter().copied().collect();
        if v.is_empty() {
            return Percentiles::default();
        }
        v.sort_unstable();
        let at = |q: f64| v[((v.len() as f64 * q).ceil() as usize).clamp(1, v.len()) - 1];
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
}
