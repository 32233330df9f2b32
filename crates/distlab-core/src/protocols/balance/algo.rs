//! The balancing algorithms, each as its source describes it, over the
//! servers currently eligible. Pure state and arithmetic: the balancer
//! node decides who is eligible and explains the pick.

use super::hash::{key_point, Ring};
use super::spec::{Algorithm, MAX_SERVERS};

/// What an algorithm may know of one server.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Peer {
    /// Its weight now (configured weight, ramped during slow start).
    pub weight: f64,
    /// Requests the balancer has sent it that have not come back.
    pub active: u32,
    /// Its peak-EWMA latency estimate, in microseconds.
    pub ewma_us: f64,
}

/// A random draw in `lo..=hi` from the run's seeded generator.
pub type Draw<'a> = &'a mut dyn FnMut(u64, u64) -> u64;

/// The algorithm's state at a decision, for the explanation and the "why
/// this pick" panel. Arrays hold one value per server, by server index.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Why {
    /// Round robin: the member whose turn it was, the `turn`th (from 0) of
    /// `of` eligible servers.
    Turn { turn: usize, of: usize },
    /// A uniform draw among `of` eligible servers.
    Drawn { of: usize },
    /// The simple weighted draw: `point` fell in the chosen server's share
    /// of `total` (weights in thousandths).
    WeightedDraw { point: u64, total: u64 },
    /// Smooth weighted round robin's current weights before and after,
    /// and the total of the effective weights the winner gave back.
    Swrr {
        before: [f64; MAX_SERVERS],
        after: [f64; MAX_SERVERS],
        total: f64,
    },
    /// Each server's EDF deadline before the pick.
    Edf { deadlines: [f64; MAX_SERVERS] },
    /// The two random candidates of power of two choices, with loads.
    TwoChoices {
        a: usize,
        b: usize,
        load_a: u32,
        load_b: u32,
    },
    /// Least connections: each server's active requests per unit of
    /// weight; `tied` (bit i: server i) shared the lowest, and smooth
    /// weighted round robin chose among them.
    Least {
        scores: [f64; MAX_SERVERS],
        tied: u32,
    },
    /// Least connections among servers whose weights differ (slow start,
    /// or weights configured apart): each server's weight ÷ (active + 1),
    /// the weight smooth weighted round robin gave it for this pick.
    LeastWeighted { weights: [f64; MAX_SERVERS] },
    /// Peak EWMA: each server's (active + 1) × latency estimate, in µs.
    Ewma { scores: [f64; MAX_SERVERS] },
    /// Ring hash: the key's point, and the first server point at or after
    /// it, which decided.
    Ring { key_point: u64, owner: u64 },
    /// Modulo hash: the key's hash, and that hash modulo the `of` eligible
    /// servers, the index of the chosen one among them.
    Modulo { key_point: u64, of: u64, index: u64 },
}

/// One decision.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pick {
    pub server: usize,
    /// The servers it chose among (bit i: server i).
    pub members: u32,
    pub why: Why,
}

/// The state every algorithm keeps between picks.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Picker {
    rr: usize,
    /// nginx's `current_weight` and `effective_weight`, per server.
    current: [f64; MAX_SERVERS],
    effective: [f64; MAX_SERVERS],
    started: bool,
    /// Envoy's EDF scheduler: deadlines, insertion order, virtual time.
    deadline: [f64; MAX_SERVERS],
    order: [u64; MAX_SERVERS],
    edf_now: f64,
    edf_seq: u64,
    edf_members: Option<u32>,
    ring: Ring,
}

/// The servers in a set (bit i: server i), in order.
pub fn members_of(mask: u32) -> impl Iterator<Item = usize> {
    (0..MAX_SERVERS).filter(move |i| mask & (1 << i) != 0)
}

impl Picker {
    /// Chooses a server among `members` (bit i: server i is eligible).
    pub fn pick(
        &mut self,
        algorithm: Algorithm,
        members: u32,
        peers: &[Peer],
        key: u64,
        draw: Draw<'_>,
    ) -> Option<Pick> {
        if members == 0 {
            return None;
        }
        if !self.started {
            for (i, p) in peers.iter().enumerate().take(MAX_SERVERS) {
                self.effective[i] = p.weight;
            }
            self.started = true;
        }
        let n = u64::from(members.count_ones());
        let (server, why) = match algorithm {
            Algorithm::RoundRobin => {
                let turn = self.rr % n as usize;
                self.rr = self.rr.wrapping_add(1);
                let of = n as usize;
                (members_of(members).nth(turn)?, Why::Turn { turn, of })
            }
            Algorithm::Random => (
                members_of(members).nth(draw(0, n - 1) as usize)?,
                Why::Drawn { of: n as usize },
            ),
            Algorithm::WeightedRandom => weighted_draw(members, peers, draw)?,
            Algorithm::SmoothWeighted => self.swrr(members, peers),
            Algorithm::EdfWeighted => self.edf(members, peers),
            Algorithm::LeastConnections => self.least(members, peers),
            Algorithm::PowerOfTwo => {
                let a = members_of(members).nth(draw(0, n - 1) as usize)?;
                let b = members_of(members).nth(draw(0, n - 1) as usize)?;
                let (load_a, load_b) = (peers[a].active, peers[b].active);
                let server = if load_b < load_a { b } else { a };
                let why = Why::TwoChoices {
                    a,
                    b,
                    load_a,
                    load_b,
                };
                (server, why)
            }
            Algorithm::PeakEwma => {
                let mut scores = [0.0; MAX_SERVERS];
                let mut best: Option<usize> = None;
                for i in members_of(members) {
                    scores[i] = f64::from(peers[i].active + 1) * peers[i].ewma_us;
                    if best.is_none_or(|b| scores[i] < scores[b]) {
                        best = Some(i);
                    }
                }
                (best?, Why::Ewma { scores })
            }
            Algorithm::RingHash(spec) => {
                if self.ring.members != members || self.ring.vnodes != spec.vnodes {
                    self.ring = Ring::build(members, spec.vnodes);
                }
                let key_point = key_point(key);
                let (server, owner) = self.ring.owner_at(key_point)?;
                (server, Why::Ring { key_point, owner })
            }
            Algorithm::ModuloHash => {
                let key_point = key_point(key);
                let index = key_point % n;
                let server = members_of(members).nth(index as usize)?;
                (
                    server,
                    Why::Modulo {
                        key_point,
                        of: n,
                        index,
                    },
                )
            }
        };
        Some(Pick {
            server,
            members,
            why,
        })
    }

    /// nginx's smooth weighted round robin: every member's current weight
    /// grows by its effective weight, the largest wins (the first on a
    /// tie) and gives back the total; effective weights recover by one per
    /// pick after a failure.
    fn swrr(&mut self, members: u32, peers: &[Peer]) -> (usize, Why) {
        let before = self.current;
        let mut total = 0.0;
        let mut best: Option<usize> = None;
        for i in members_of(members) {
            let weight = peers[i].weight;
            self.effective[i] = self.effective[i].min(weight);
            self.current[i] += self.effective[i];
            total += self.effective[i];
            if self.effective[i] < weight {
                self.effective[i] = (self.effective[i] + 1.0).min(weight);
            }
            if best.is_none_or(|b| self.current[i] > self.current[b]) {
                best = Some(i);
            }
        }
        let server = best.unwrap_or(0);
        self.current[server] -= total;
        let after = self.current;
        (
            server,
            Why::Swrr {
                before,
                after,
                total,
            },
        )
    }

    /// A failure on `server` lowers its effective weight by its weight
    /// (nginx with `max_fails=1`), so it recovers over the next picks.
    pub fn failed(&mut self, server: usize, weight: f64) {
        if let Some(e) = self.effective.get_mut(server) {
            *e = (*e - weight).max(0.0);
        }
    }

    /// Envoy's EDF weighted round robin: the earliest deadline wins (first
    /// in, first out on a tie) and moves on by 1/weight.
    fn edf(&mut self, members: u32, peers: &[Peer]) -> (usize, Why) {
        if self.edf_members != Some(members) {
            for i in members_of(members) {
                self.deadline[i] = self.edf_now + 1.0 / peers[i].weight.max(1e-9);
                self.order[i] = self.edf_seq;
                self.edf_seq += 1;
            }
            self.edf_members = Some(members);
        }
        let deadlines = self.deadline;
        let server = members_of(members)
            .min_by(|&a, &b| {
                (self.deadline[a], self.order[a])
                    .partial_cmp(&(self.deadline[b], self.order[b]))
                    .unwrap_or(std::cmp::Ordering::Equal)
            })
            .unwrap_or(0);
        self.edf_now = self.deadline[server];
        self.deadline[server] = self.edf_now + 1.0 / peers[server].weight.max(1e-9);
        self.order[server] = self.edf_seq;
        self.edf_seq += 1;
        (server, Why::Edf { deadlines })
    }

    /// Least connections. While every member's weight is the same, nginx's
    /// least_conn: the fewest active requests (per unit of weight), ties
    /// going to smooth weighted round robin among the tied. Once weights
    /// differ, Envoy's weighted least request: a weighted round robin in
    /// which each server weighs weight ÷ (active + 1) at the moment of the
    /// pick. The first rule would let an idle server that is ramping up
    /// after slow start win every pick whatever its weight (0 ÷ anything is
    /// 0); the second gives it a share that grows with its weight.
    fn least(&mut self, members: u32, peers: &[Peer]) -> (usize, Why) {
        let mut weights = members_of(members).map(|i| peers[i].weight);
        let first = weights.next().unwrap_or(0.0);
        if weights.any(|w| w != first) {
            let mut dynamic = [Peer::default(); MAX_SERVERS];
            let mut shown = [0.0; MAX_SERVERS];
            for i in members_of(members) {
                shown[i] = peers[i].weight / f64::from(peers[i].active + 1);
                dynamic[i] = Peer {
                    weight: shown[i],
                    ..peers[i]
                };
            }
            let (server, _) = self.swrr(members, &dynamic);
            return (server, Why::LeastWeighted { weights: shown });
        }
        let mut scores = [0.0; MAX_SERVERS];
        for i in members_of(members) {
            scores[i] = f64::from(peers[i].active) / peers[i].weight.max(1e-9);
        }
        let low = members_of(members)
            .map(|i| scores[i])
            .fold(f64::INFINITY, f64::min);
        let tied = members_of(members)
            .filter(|&i| scores[i] <= low)
            .fold(0u32, |m, i| m | (1 << i));
        let (server, _) = self.swrr(tied, peers);
        (server, Why::Least { scores, tied })
    }
}

/// The simple weighted draw: a point in the total weight, and the member
/// whose share covers it.
fn weighted_draw(members: u32, peers: &[Peer], draw: Draw<'_>) -> Option<(usize, Why)> {
    const SCALE: f64 = 1000.0;
    let total: u64 = members_of(members)
        .map(|i| (peers[i].weight * SCALE) as u64)
        .sum();
    if total == 0 {
        let first = members_of(members).next()?;
        return Some((first, Why::WeightedDraw { point: 0, total }));
    }
    let point = draw(0, total - 1);
    let mut left = point;
    for i in members_of(members) {
        let w = (peers[i].weight * SCALE) as u64;
        if left < w {
            return Some((i, Why::WeightedDraw { point, total }));
        }
        left -= w;
    }
    None
}
