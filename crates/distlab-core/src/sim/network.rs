//! The network: latency, loss and partitions, and every message in flight.
//!
//! Messages are visible objects, not hidden callbacks: the screen draws them
//! moving, and a person can pick one to drop, delay or duplicate.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::node::NodeId;
use super::rng::SimRng;
use super::time::{ms, SimTime};

/// Identifies a message for its whole life; ids are handed out in send order,
/// so they are the same in every replay of a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct MsgId(pub u64);

/// A message on the wire.
#[derive(Clone, Debug)]
pub struct InFlight<M> {
    pub id: MsgId,
    pub from: NodeId,
    pub to: NodeId,
    pub sent_at: SimTime,
    pub deliver_at: SimTime,
    /// It reached a paused node and waits at its door until it resumes.
    pub waiting: bool,
    pub payload: M,
}

impl<M> InFlight<M> {
    /// How far along its way the message is at `now`, from 0 to 1. A
    /// message waiting for a paused node stays at the end of its way: it
    /// never moves backwards.
    pub fn progress(&self, now: SimTime) -> f64 {
        if self.waiting || self.deliver_at <= self.sent_at {
            return 1.0;
        }
        let done = now.saturating_sub(self.sent_at) as f64;
        (done / (self.deliver_at - self.sent_at) as f64).clamp(0.0, 1.0)
    }
}

/// Why a message never arrived.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DropReason {
    Loss,
    Partition,
    Crashed,
    User,
}

impl DropReason {
    pub fn as_str(self) -> &'static str {
        match self {
            DropReason::Loss => "loss",
            DropReason::Partition => "partition",
            DropReason::Crashed => "crashed",
            DropReason::User => "user",
        }
    }
}

/// How long a message takes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Latency {
    /// Uniform between the bounds, in microseconds.
    Uniform { min: SimTime, max: SimTime },
    /// Mostly near `min`, with a Pareto tail of shape `alpha` scaled by
    /// `max - min`: real networks have tails, and election timing depends on
    /// them. Capped at `min + 100 × (max - min)` so a run cannot stall.
    LongTail {
        min: SimTime,
        max: SimTime,
        alpha: f64,
    },
}

impl Latency {
    pub fn uniform_ms(min: u64, max: u64) -> Self {
        Latency::Uniform {
            min: ms(min),
            max: ms(max),
        }
    }

    /// The longest latency the uniform shape draws, or the start of the
    /// tail: zero means "no time at all".
    pub fn max(&self) -> SimTime {
        match self {
            Latency::Uniform { max, .. } | Latency::LongTail { max, .. } => *max,
        }
    }

    /// A typical hop: halfway between the bounds (the tail's start and
    /// its scale, for a long tail).
    pub fn typical(&self) -> SimTime {
        match self {
            Latency::Uniform { min, max } | Latency::LongTail { min, max, .. } => {
                min + max.saturating_sub(*min) / 2
            }
        }
    }

    pub(crate) fn draw(&self, rng: &mut SimRng) -> SimTime {
        match *self {
            Latency::Uniform { min, max } => rng.range(min, max),
            Latency::LongTail { min, max, alpha } => {
                let spread = max.saturating_sub(min) as f64;
                // Inverse transform of a Pareto(1, alpha), shifted to start at 0.
                let u = 1.0 - rng.unit();
                let tail = u.powf(-1.0 / alpha.max(0.1)) - 1.0;
                min + (spread * tail.min(100.0)) as SimTime
            }
        }
    }
}

/// The network as configured at the start of a run.
#[derive(Clone, Debug)]
pub struct NetworkConfig {
    pub latency: Latency,
    /// Probability that any message is lost.
    pub loss: f64,
    /// Probability that a message is delivered twice (each copy with its
    /// own latency), as retransmitting networks sometimes do.
    pub duplicate: f64,
}

impl Default for NetworkConfig {
    fn default() -> Self {
        NetworkConfig {
            latency: Latency::uniform_ms(5, 10),
            loss: 0.0,
            duplicate: 0.0,
        }
    }
}

/// The live state of the network: faults in force and messages in flight.
#[derive(Clone, Debug)]
pub(crate) struct Network<M> {
    pub config: NetworkConfig,
    /// Directed links that carry nothing: `(from, to)`.
    pub blocked: BTreeSet<(NodeId, NodeId)>,
    /// Extra loss probability on a directed link.
    pub link_loss: BTreeMap<(NodeId, NodeId), f64>,
    /// Directed links whose next message will be dropped.
    pub drop_next: BTreeSet<(NodeId, NodeId)>,
    pub in_flight: BTreeMap<MsgId, InFlight<M>>,
    pub next_id: u64,
}

impl<M> Network<M> {
    pub fn new(config: NetworkConfig) -> Self {
        Network {
            config,
            blocked: BTreeSet::new(),
            link_loss: BTreeMap::new(),
            drop_next: BTreeSet::new(),
            in_flight: BTreeMap::new(),
            next_id: 0,
        }
    }

    pub fn fresh_id(&mut self) -> MsgId {
        let id = MsgId(self.next_id);
        self.next_id += 1;
        id
    }

    pub fn is_blocked(&self, from: NodeId, to: NodeId) -> bool {
        self.blocked.contains(&(from, to))
    }

    /// Decides the fate of a message at the moment it is sent: `None` means
    /// it goes on the wire. Loss is drawn only when no other fault applies,
    /// so that faults do not shift the random stream more than they must.
    pub fn fate_at_send(
        &mut self,
        from: NodeId,
        to: NodeId,
        rng: &mut SimRng,
    ) -> Option<DropReason> {
        if self.drop_next.remove(&(from, to)) {
            return Some(DropReason::User);
        }
        if self.is_blocked(from, to) {
            return Some(DropReason::Partition);
        }
        let link = self.link_loss.get(&(from, to)).copied().unwrap_or(0.0);
        let p = 1.0 - (1.0 - self.config.loss) * (1.0 - link);
        rng.chance(p).then_some(DropReason::Loss)
    }

    /// Splits the network into `groups`: links between groups are cut and
    /// every other link is restored (a partition replaces the one before).
    /// Nodes in no group keep their links to everyone.
    pub fn partition(&mut self, groups: &[Vec<NodeId>]) {
        self.blocked.clear();
        for (gi, a) in groups.iter().enumerate() {
            for (gj, b) in groups.iter().enumerate() {
                if gi == gj {
                    continue;
                }
                for &x in a {
                    for &y in b {
                        if x != y {
                            self.blocked.insert((x, y));
                        }
                    }
                }
            }
        }
    }

    /// Cuts `node` off from everyone, both ways.
    pub fn isolate(&mut self, node: NodeId, cluster_size: usize) {
        for other in NodeId::all(cluster_size).filter(|&o| o != node) {
            self.blocked.insert((node, other));
            self.blocked.insert((other, node));
        }
    }

    /// Restores every link of `node`.
    pub fn rejoin(&mut self, node: NodeId) {
        self.blocked.retain(|&(a, b)| a != node && b != node);
    }

    /// True when `node` can neither send to nor hear from anyone.
    pub fn is_isolated(&self, node: NodeId, cluster_size: usize) -> bool {
        cluster_size > 1
            && NodeId::all(cluster_size)
                .filter(|&o| o != node)
                .all(|o| self.is_blocked(node, o) && self.is_blocked(o, node))
    }

    pub fn heal(&mut self) {
        self.blocked.clear();
        self.link_loss.clear();
        self.drop_next.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(ns: &[usize]) -> Vec<NodeId> {
        ns.iter().filter_map(|&n| NodeId::from_number(n)).collect()
    }

    #[test]
    fn partition_blocks_only_across_groups() {
        let mut net: Network<()> = Network::new(NetworkConfig::default());
        net.partition(&[ids(&[1, 2]), ids(&[3, 4, 5])]);
        let [s1, s2, s3, ..] = ids(&[1, 2, 3])[..] else {
            panic!("three ids")
        };
        assert!(!net.is_blocked(s1, s2));
        assert!(net.is_blocked(s1, s3));
        assert!(net.is_blocked(s3, s2));
        net.heal();
        assert!(!net.is_blocked(s1, s3));
    }

    #[test]
    fn isolation_is_detected_and_undone() {
        let mut net: Network<()> = Network::new(NetworkConfig::default());
        let s2 = NodeId(1);
        net.isolate(s2, 3);
        assert!(net.is_isolated(s2, 3));
        assert!(!net.is_isolated(NodeId(0), 3));
        net.rejoin(s2);
        assert!(!net.is_isolated(s2, 3));
    }

    #[test]
    fn long_tail_latency_has_a_tail() {
        let lat = Latency::LongTail {
            min: 1_000,
            max: 2_000,
            alpha: 1.5,
        };
        let mut rng = SimRng::new(9);
        let mut draws: Vec<SimTime> = (0..10_000).map(|_| lat.draw(&mut rng)).collect();
        draws.sort_unstable();
        assert!(draws[0] >= 1_000);
        let median = draws[5_000];
        let p99 = draws[9_900];
        assert!(median < 2_000, "median {median}");
        assert!(p99 > 5_000, "p99 {p99} shows no tail");
        assert!(draws[9_999] <= 1_000 + 100 * 1_000);
    }
}
