//! The scenario file format (DESIGN §3), as plain externally tagged types,
//! generic over the protocol family.
//!
//! Node numbers in files are 1-based, as people count them. Their range is
//! checked while parsing, so that an out-of-range node is reported at its
//! own line and column (see [`crate::units::with_node_limit`]).

use serde::de::Deserializer;
use serde::{Deserialize, Serialize, Serializer};

use crate::protocols::{Family, TargetSpec};
use crate::units::{deserialize_tagged, deserialize_union, MsRange, NodeNum, Probability};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, bound = "")]
pub struct Scenario<F: Family> {
    pub seed: u64,
    pub cluster: Cluster<F>,
    #[serde(default)]
    pub network: NetworkSpec,
    #[serde(default)]
    pub actions: Vec<TimedAction<F>>,
    /// Where a headless run stops; the sandbox ignores it.
    #[serde(default)]
    pub until_ms: Option<u64>,
    /// How long any node takes to make its state durable before it answers
    /// (a term, a vote, log entries); none by default.
    #[serde(default = "no_disk_time", skip_serializing_if = "is_no_disk_time")]
    pub disk_ms: MsRange,
}

fn no_disk_time() -> MsRange {
    MsRange(0, 0)
}

fn is_no_disk_time(range: &MsRange) -> bool {
    *range == no_disk_time()
}

/// The family's settings, written `Raft((…))` after the family's tag.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster<F: Family>(pub F::Spec);

impl<F: Family> Cluster<F> {
    pub fn nodes(&self) -> usize {
        F::nodes(&self.0)
    }

    /// The family's first name on the command line: `raft`.
    pub fn protocol_name(&self) -> &'static str {
        F::NAMES[0]
    }
}

impl<F: Family> Serialize for Cluster<F> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_newtype_variant("Cluster", 0, F::TAG, &self.0)
    }
}

impl<'de, F: Family> Deserialize<'de> for Cluster<F> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize_tagged(d, F::TAG).map(Cluster)
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

/// One action at one moment. `at_ms` is what people write; sessions saved
/// from the sandbox use `at_us`, which replays them to the microsecond.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawTimedAction<F>", bound = "")]
pub struct TimedAction<F: Family> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at_us: Option<u64>,
    #[serde(rename = "do")]
    pub action: ActionSpec<F>,
}

impl<F: Family> TimedAction<F> {
    /// When the action applies, in microseconds.
    pub fn at(&self) -> u64 {
        self.at_us
            .or(self.at_ms.map(|ms| ms.saturating_mul(1_000)))
            .unwrap_or(0)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, bound = "")]
struct RawTimedAction<F: Family> {
    #[serde(default)]
    at_ms: Option<u64>,
    #[serde(default)]
    at_us: Option<u64>,
    #[serde(rename = "do")]
    action: ActionSpec<F>,
}

impl<F: Family> TryFrom<RawTimedAction<F>> for TimedAction<F> {
    type Error = String;

    fn try_from(raw: RawTimedAction<F>) -> Result<Self, String> {
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

/// An action in a file: the faults every family shares, and the family's
/// own requests (`ClientWrite("x=1")`) written beside them as if they were
/// variants of one enum. The derive reads and writes the shared variants;
/// the family's requests are merged in by hand below.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self", bound = "")]
pub enum ActionSpec<F: Family> {
    Crash(TargetSpec<F::Role>),
    Restart(TargetSpec<F::Role>),
    /// Crash the node if it is up, restart it if it is down.
    ToggleCrash(TargetSpec<F::Role>),
    /// Pause the process for this many milliseconds.
    Pause(TargetSpec<F::Role>, u64),
    Isolate(TargetSpec<F::Role>),
    Rejoin(TargetSpec<F::Role>),
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
    Timeout(TargetSpec<F::Role>),
    /// Move the node's clock by this many milliseconds.
    ClockJump(TargetSpec<F::Role>, i64),
    /// Make the node's clock drift by this many parts per million.
    SetDrift(TargetSpec<F::Role>, i64),
    /// One of the family's requests, written as its own variant.
    #[serde(skip)]
    Request(F::RequestSpec),
}

/// The shared variants alone, as the derive reads them.
struct SharedAction<F: Family>(ActionSpec<F>);

impl<'de, F: Family> Deserialize<'de> for SharedAction<F> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        ActionSpec::deserialize(d).map(SharedAction)
    }
}

impl<'de, F: Family> Deserialize<'de> for ActionSpec<F> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize_union(d, |shared: SharedAction<F>| shared.0, ActionSpec::Request)
    }
}

impl<F: Family> Serialize for ActionSpec<F> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            ActionSpec::Request(request) => request.serialize(s),
            shared => ActionSpec::serialize(shared, s),
        }
    }
}
