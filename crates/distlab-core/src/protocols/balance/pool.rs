//! What the balancer knows of each server: in the pool or not, healthy by
//! active checks, ejected as an outlier, ramping up after a return, and the
//! loads and latencies the algorithms read.

use super::algo::Peer;
use super::spec::{BalanceSpec, HealthSpec, OutlierSpec};
use crate::sim::SimTime;

/// Slow start never sends a returning server less than this share of its
/// weight (Envoy's `min_weight_percent`).
const MIN_RAMP: f64 = 0.1;
/// Peak EWMA's decay time, in microseconds.
const DECAY_US: f64 = 500_000.0;

#[derive(Clone, Debug, PartialEq)]
pub struct PeerState {
    pub weight: u32,
    pub in_pool: bool,
    /// By active health checks; always true without them.
    pub healthy: bool,
    probe_ok: u32,
    probe_bad: u32,
    /// A probe is out and unanswered.
    pub probing: bool,
    /// Consecutive failures, for outlier ejection.
    pub errors: u32,
    pub ejected_until: Option<SimTime>,
    pub ejections: u32,
    /// When it last (re)joined, for slow start.
    pub since: Option<SimTime>,
    pub active: u32,
    pub ewma_us: f64,
    ewma_at: SimTime,
    pub dispatched: u64,
    pub failed: u64,
}

impl PeerState {
    pub fn new(weight: u32) -> PeerState {
        PeerState {
            weight,
            in_pool: true,
            healthy: true,
            probe_ok: 0,
            probe_bad: 0,
            probing: false,
            errors: 0,
            ejected_until: None,
            ejections: 0,
            since: None,
            active: 0,
            ewma_us: 0.0,
            ewma_at: 0,
            dispatched: 0,
            failed: 0,
        }
    }

    pub fn is_ejected(&self, now: SimTime) -> bool {
        self.ejected_until.is_some_and(|t| now < t)
    }

    pub fn eligible(&self, now: SimTime) -> bool {
        self.in_pool && self.healthy && !self.is_ejected(now)
    }

    /// Its weight now: ramped from 10 % to all of it over `slow_start`
    /// after it joined, became healthy or came back from ejection.
    pub fn weight_now(&self, now: SimTime, slow_start_us: u64) -> f64 {
        let w = f64::from(self.weight);
        let back = match (self.since, self.ejected_until) {
            (Some(s), Some(e)) => Some(s.max(e)),
            (s, e) => s.or(e),
        };
        match back {
            Some(t) if slow_start_us > 0 && now >= t && now - t < slow_start_us => {
                w * ((now - t) as f64 / slow_start_us as f64).max(MIN_RAMP)
            }
            _ => w,
        }
    }

    pub fn peer(&self, now: SimTime, slow_start_us: u64) -> Peer {
        Peer {
            weight: self.weight_now(now, slow_start_us),
            active: self.active,
            ewma_us: self.ewma_us,
        }
    }

    /// Finagle's peak EWMA: a slower sample takes over at once; faster
    /// ones pull the estimate down, the more the longer since the last.
    pub fn sample(&mut self, now: SimTime, rtt_us: u64) {
        let rtt = rtt_us as f64;
        if rtt > self.ewma_us {
            self.ewma_us = rtt;
        } else {
            let w = (-((now - self.ewma_at) as f64) / DECAY_US).exp();
            self.ewma_us = self.ewma_us * w + rtt * (1.0 - w);
        }
        self.ewma_at = now;
    }

    /// A success resets the consecutive-failure count.
    pub fn succeeded(&mut self) {
        self.errors = 0;
    }

    /// A failure. If outlier detection now ejects the server, which it
    /// may only while fewer than `max_ejected` of the pool are out: the
    /// failures in a row that did it.
    pub fn failure(
        &mut self,
        now: SimTime,
        outlier: Option<OutlierSpec>,
        ejected_now: usize,
        pool: usize,
    ) -> Option<u32> {
        self.failed += 1;
        self.errors += 1;
        let o = outlier?;
        let room = ((ejected_now + 1) as f64) <= o.max_ejected.0 * pool as f64;
        if self.errors < o.consecutive_errors || self.is_ejected(now) || !room {
            return None;
        }
        let errors = self.errors;
        self.ejections += 1;
        self.errors = 0;
        self.ejected_until = Some(now + o.base_ejection_ms * 1000 * u64::from(self.ejections));
        Some(errors)
    }

    /// What a restarted balancer no longer knows: health, ejections,
    /// loads and latencies. Membership and weight stay, as configured.
    pub fn forget(&mut self) {
        *self = PeerState {
            in_pool: self.in_pool,
            since: self.since,
            dispatched: self.dispatched,
            failed: self.failed,
            ..PeerState::new(self.weight)
        };
    }

    /// A health check's answer (or its silence); the new verdict if it
    /// changed.
    pub fn probed(&mut self, now: SimTime, ok: bool, h: HealthSpec) -> Option<bool> {
        if ok {
            self.probe_ok += 1;
            self.probe_bad = 0;
            if !self.healthy && self.probe_ok >= h.healthy_after {
                self.healthy = true;
                self.since = Some(now);
                return Some(true);
            }
        } else {
            self.probe_bad += 1;
            self.probe_ok = 0;
            if self.healthy && self.probe_bad >= h.unhealthy_after {
                self.healthy = false;
                return Some(false);
            }
        }
        None
    }
}

/// The pool as the balancer starts it: every server, and the spare slots
/// outside it until their servers ask to join.
pub fn pool(spec: &BalanceSpec) -> Vec<PeerState> {
    let spare = PeerState {
        in_pool: false,
        ..PeerState::new(1)
    };
    spec.servers
        .iter()
        .map(|s| PeerState::new(s.weight))
        .chain(std::iter::repeat_n(spare, spec.spares))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::Probability;

    #[test]
    fn slow_start_ramps_the_weight() {
        let mut p = PeerState::new(10);
        p.since = Some(1_000_000);
        assert_eq!(p.weight_now(1_000_000, 1_000_000), 1.0);
        assert_eq!(p.weight_now(1_500_000, 1_000_000), 5.0);
        assert_eq!(p.weight_now(2_000_000, 1_000_000), 10.0);
    }

    #[test]
    fn ejection_time_grows_and_respects_the_share() {
        let o = Some(OutlierSpec {
            consecutive_errors: 2,
            base_ejection_ms: 100,
            max_ejected: Probability(0.5),
        });
        let mut p = PeerState::new(1);
        assert_eq!(p.failure(0, o, 0, 4), None);
        assert_eq!(p.failure(0, o, 0, 4), Some(2));
        assert_eq!(p.ejected_until, Some(100_000));
        p.failure(200_000, o, 0, 4);
        assert!(p.failure(200_000, o, 0, 4).is_some());
        assert_eq!(
            p.ejected_until,
            Some(400_000),
            "twice the base the second time"
        );
        let mut q = PeerState::new(1);
        q.failure(0, o, 2, 4);
        assert_eq!(q.failure(0, o, 2, 4), None, "half the pool is out already");
    }

    #[test]
    fn peak_ewma_jumps_up_and_decays_down() {
        let mut p = PeerState::new(1);
        p.sample(0, 1000);
        assert_eq!(p.ewma_us, 1000.0);
        p.sample(500_000, 0);
        assert!((p.ewma_us - 1000.0 / std::f64::consts::E).abs() < 1.0);
    }
}
