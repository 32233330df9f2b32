//! The scenario file format (DESIGN §3), as plain externally tagged types.
//!
//! Node numbers in files are 1-based, as people count them. Their range is
//! checked while parsing, so that an out-of-range node is reported at its
//! own line and column: the loader parses once to learn the cluster size,
//! then again with that size in force (see [`NodeNum`]).

use std::cell::Cell;

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};

use crate::protocols::raft::{Bug, Rule};

/// Most nodes a cluster may have: the ring stays readable up to nine.
pub const MAX_NODES: usize = 9;

thread_local! {
    /// The cluster size in force while parsing; node numbers above it are
    /// errors. `MAX_NODES` during the first pass.
    static NODE_LIMIT: Cell<usize> = const { Cell::new(MAX_NODES) };
}

/// Runs `f` with node numbers limited to `limit`.
pub(crate) fn with_node_limit<T>(limit: usize, f: impl FnOnce() -> T) -> T {
    let before = NODE_LIMIT.with(|c| c.replace(limit));
    let out = f();
    NODE_LIMIT.with(|c| c.set(before));
    out
}

/// A node number as written in a file: 1 for S1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct NodeNum(pub usize);

impl<'de> Deserialize<'de> for NodeNum {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let n = u64::deserialize(d)? as usize;
        let limit = NODE_LIMIT.with(Cell::get);
        if n == 0 {
            return Err(de::Error::custom("node numbers start at 1 (S1)"));
        }
        if n > limit {
            return Err(de::Error::custom(format!(
                "node {n} does not exist: the cluster has nodes 1 to {limit}"
            )));
        }
        Ok(NodeNum(n))
    }
}

impl Serialize for NodeNum {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(self.0 as u64)
    }
}

/// A `(min, max)` range in milliseconds; a single value is `(v, v)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct MsRange(pub u64, pub u64);

impl<'de> Deserialize<'de> for MsRange {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (lo, hi) = <(u64, u64)>::deserialize(d)?;
        if lo > hi {
            return Err(de::Error::custom(format!(
                "the range's minimum {lo} exceeds its maximum {hi}"
            )));
        }
        Ok(MsRange(lo, hi))
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub seed: u64,
    pub cluster: ClusterSpec,
    #[serde(default)]
    pub network: NetworkSpec,
    #[serde(default)]
    pub actions: Vec<TimedAction>,
    /// Where a headless run stops; the sandbox ignores it.
    #[serde(default)]
    pub until_ms: Option<u64>,
}

/// The protocol and its settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ClusterSpec {
    Raft(RaftSpec),
}

impl ClusterSpec {
    pub fn nodes(&self) -> usize {
        match self {
            ClusterSpec::Raft(r) => r.nodes,
        }
    }

    pub fn protocol_name(&self) -> &'static str {
        match self {
            ClusterSpec::Raft(_) => "raft",
        }
    }
}

fn default_nodes() -> usize {
    5
}
fn default_election() -> MsRange {
    MsRange(150, 300)
}
fn default_heartbeat() -> u64 {
    50
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RaftSpec {
    #[serde(default = "default_nodes", deserialize_with = "cluster_size")]
    pub nodes: usize,
    #[serde(default = "default_election")]
    pub election_timeout_ms: MsRange,
    #[serde(default = "default_heartbeat", deserialize_with = "positive_ms")]
    pub heartbeat_ms: u64,
    #[serde(default)]
    pub rules: Vec<Rule>,
    #[serde(default)]
    pub bugs: Vec<Bug>,
}

impl Default for RaftSpec {
    fn default() -> Self {
        RaftSpec {
            nodes: default_nodes(),
            election_timeout_ms: default_election(),
            heartbeat_ms: default_heartbeat(),
            rules: Vec::new(),
            bugs: Vec::new(),
        }
    }
}

fn default_latency() -> MsRange {
    MsRange(5, 10)
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkSpec {
    #[serde(default = "default_latency")]
    pub latency_ms: MsRange,
    #[serde(default)]
    pub loss: Probability,
    /// Share of messages delivered twice.
    #[serde(default)]
    pub duplicate: Probability,
    /// Shape of a Pareto tail on latency (smaller is heavier, 1.5 is a good
    /// start); none for uniform latency.
    #[serde(default)]
    pub long_tail: Option<f64>,
}

impl Default for NetworkSpec {
    fn default() -> Self {
        NetworkSpec {
            latency_ms: default_latency(),
            loss: Probability(0.0),
            duplicate: Probability(0.0),
            long_tail: None,
        }
    }
}

/// Whom an action is aimed at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TargetSpec {
    Node(NodeNum),
    Leader,
}

/// One action at one moment. `at_ms` is what people write; sessions saved
/// from the sandbox use `at_us`, which replays them to the microsecond.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawTimedAction")]
pub struct TimedAction {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at_us: Option<u64>,
    #[serde(rename = "do")]
    pub action: ActionSpec,
}

impl TimedAction {
    /// When the action applies, in microseconds.
    pub fn at(&self) -> u64 {
        self.at_us
            .or(self.at_ms.map(|ms| ms.saturating_mul(1_000)))
            .unwrap_or(0)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTimedAction {
    #[serde(default)]
    at_ms: Option<u64>,
    #[serde(default)]
    at_us: Option<u64>,
    #[serde(rename = "do")]
    action: ActionSpec,
}

impl TryFrom<RawTimedAction> for TimedAction {
    type Error = String;

    fn try_from(raw: RawTimedAction) -> Result<Self, String> {
        match (raw.at_ms, raw.at_us) {
            (Some(_), Some(_)) => Err("an action takes `at_ms` or `at_us`, not both".into()),
            (None, None) => Err("an action needs a time: `at_ms: …`".into()),
            _ => Ok(TimedAction {
                at_ms: raw.at_ms,
                at_us: raw.at_us,
                action: raw.action,
            }),
        }
    }
}

/// A probability between 0 and 1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Probability(pub f64);

impl<'de> Deserialize<'de> for Probability {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let p = f64::deserialize(d)?;
        if !(0.0..=1.0).contains(&p) {
            return Err(de::Error::custom(format!(
                "a probability must lie between 0.0 and 1.0, not {p}"
            )));
        }
        Ok(Probability(p))
    }
}

/// A cluster size between 1 and [`MAX_NODES`].
fn cluster_size<'de, D: Deserializer<'de>>(d: D) -> Result<usize, D::Error> {
    let n = u64::deserialize(d)? as usize;
    if !(1..=MAX_NODES).contains(&n) {
        return Err(de::Error::custom(format!(
            "a cluster has 1 to {MAX_NODES} nodes, not {n}"
        )));
    }
    Ok(n)
}

/// A duration that must not be zero.
fn positive_ms<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    let v = u64::deserialize(d)?;
    if v == 0 {
        return Err(de::Error::custom("this duration must be at least 1 ms"));
    }
    Ok(v)
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ActionSpec {
    Crash(TargetSpec),
    Restart(TargetSpec),
    /// Crash the node if it is up, restart it if it is down.
    ToggleCrash(TargetSpec),
    /// Pause the process for this many milliseconds.
    Pause(TargetSpec, u64),
    Isolate(TargetSpec),
    Rejoin(TargetSpec),
    Partition(Vec<Vec<NodeNum>>),
    /// Messages from the first node to the second are lost.
    CutLink(NodeNum, NodeNum),
    Heal,
    SetLoss(Probability),
    /// Deliver this share of messages twice.
    SetDuplication(Probability),
    SetLinkLoss(NodeNum, NodeNum, Probability),
    DropNext(NodeNum, NodeNum),
    /// Drop the in-flight message with this id (ids are stable in replay).
    DropMessage(u64),
    /// Delay the in-flight message with this id by this many milliseconds.
    DelayMessage(u64, u64),
    DuplicateMessage(u64),
    Timeout(TargetSpec),
    /// Move the node's clock by this many milliseconds.
    ClockJump(TargetSpec, i64),
    /// Make the node's clock drift by this many parts per million.
    SetDrift(TargetSpec, i64),
    /// A client write, sent to the leader.
    ClientWrite(String),
    /// A client write sent to a chosen node (followers pass it on).
    ClientWriteTo(TargetSpec, String),
}
