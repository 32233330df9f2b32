//! The scenario file format (README, "Scenario files"), as plain externally tagged types,
//! generic over the protocol family.
//!
//! Node numbers in files are 1-based, as people count them. Their range is
//! checked while parsing, so that an out-of-range node is reported at its
//! own line and column (see [`crate::units::with_node_limit`]), and so are
//! checks between fields, such as an action after the scenario's end (see
//! [`crate::units::recall`]).

use std::cell::Cell;
use std::collections::BTreeSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::protocols::{Alias, Family, TargetSpec};
use crate::units::{
    clock_jump_ms, cluster_size_in_force, deserialize_tagged, deserialize_union, drift_ppm,
    ms_within_day, recall, MsRange, NodeNum, Probability, Roster, DAY_MS,
};

/// Most actions one scenario holds: a saved session of an hour's busy
/// clicking has a few hundred, and ten times this many at one instant
/// would be more work than the clock could move past.
pub const MAX_ACTIONS: usize = 100_000;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields, bound = "")]
pub struct Scenario<F: Family> {
    pub seed: u64,
    pub cluster: Cluster<F>,
    #[serde(default)]
    pub network: NetworkSpec,
    #[serde(default, deserialize_with = "action_list")]
    pub actions: Vec<TimedAction<F>>,
    /// Where a headless run stops; the sandbox ignores it.
    #[serde(default, deserialize_with = "run_end")]
    pub until_ms: Option<u64>,
    /// How long any node takes to make its state durable before it answers
    /// (a term, a vote, log entries); none by default.
    #[serde(default = "no_disk_time", skip_serializing_if = "is_no_disk_time")]
    pub disk_ms: MsRange,
}

impl<'de, F: Family> Deserialize<'de> for Scenario<F> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // The scenario keeps what its fields note: its end, and whatever
        // the family's settings note for each other.
        recall::read_noting(|| Scenario::deserialize(d))
    }
}

impl<F: Family> Serialize for Scenario<F> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Scenario::serialize(self, s)
    }
}

/// What a scenario's actions are checked against: its `until_ms`.
#[derive(Clone, Copy, Debug, Default)]
struct RunEnd(Option<u64>);

/// `until_ms`: at most a day.
fn run_end<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    let until = Option::<u64>::deserialize(d)?;
    if let Some(ms) = until {
        if ms > DAY_MS {
            return Err(de::Error::custom(format!(
                "`until_ms: {ms}` is more than a day: a run lasts at most {DAY_MS} ms"
            )));
        }
        recall::note(|end: &mut RunEnd| end.0 = Some(ms));
    }
    Ok(until)
}

/// `actions`: at most [`MAX_ACTIONS`], the first one too many reported
/// where it stands.
fn action_list<'de, D: Deserializer<'de>, F: Family>(
    d: D,
) -> Result<Vec<TimedAction<F>>, D::Error> {
    d.deserialize_seq(Actions(std::marker::PhantomData))
}

struct Actions<F>(std::marker::PhantomData<F>);

impl<'de, F: Family> Visitor<'de> for Actions<F> {
    type Value = Vec<TimedAction<F>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of actions, e.g. [(at_ms: 100, do: Crash(Leader))]")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut actions = Vec::new();
        while let Some(action) = seq.next_element()? {
            if actions.len() == MAX_ACTIONS {
                return Err(de::Error::custom(format!(
                    "a scenario holds at most {MAX_ACTIONS} actions: this one is one too many"
                )));
            }
            actions.push(action);
        }
        Ok(actions)
    }
}

/// An action's time, which must not lie after the scenario's end.
fn action_time<'de, D: Deserializer<'de>>(
    d: D,
    us_per_unit: u64,
    field: &str,
) -> Result<Option<u64>, D::Error> {
    let at = Option::<u64>::deserialize(d)?;
    if at.is_some_and(|at| at.saturating_mul(us_per_unit) > DAY_MS * 1_000) {
        return Err(de::Error::custom(format!(
            "this action (`{field}: {}`) comes more than a day in: runs last at most {DAY_MS} ms",
            at.unwrap_or_default()
        )));
    }
    if let (Some(at), Some(RunEnd(Some(until_ms)))) = (at, recall::recalled::<RunEnd>()) {
        if at.saturating_mul(us_per_unit) > until_ms.saturating_mul(1_000) {
            return Err(de::Error::custom(format!(
                "this action (`{field}: {at}`) comes after the scenario's end \
                 (`until_ms: {until_ms}`): it would never run"
            )));
        }
    }
    Ok(at)
}

fn action_ms<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    action_time(d, 1_000, "at_ms")
}

fn action_us<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    action_time(d, 1, "at_us")
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

    /// The members, as a parse checks the numbers a file names against.
    pub fn roster(&self) -> Roster {
        Roster {
            members: self.nodes(),
            kinds: F::numbered_kinds(&self.0),
        }
    }
}

impl<F: Family> Serialize for Cluster<F> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_newtype_variant("Cluster", 0, F::TAG, &self.0)
    }
}

impl<'de, F: Family> Deserialize<'de> for Cluster<F> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize_tagged(d, F::TAG_VARIANT).map(Cluster)
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
    #[serde(default, deserialize_with = "tail_shape")]
    pub long_tail: Option<f64>,
}

/// The Pareto shape of `long_tail`: from 0.5 (a tail so heavy that a few
/// messages take a hundred times the spread) to 10 (hardly a tail).
fn tail_shape<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    let shape = Option::<f64>::deserialize(d)?;
    match shape {
        Some(alpha) if !(0.5..=10.0).contains(&alpha) => Err(de::Error::custom(format!(
            "`long_tail: {alpha}` is out of range: the tail's shape lies between 0.5 and 10.0"
        ))),
        _ => Ok(shape),
    }
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
    #[serde(default, deserialize_with = "action_ms")]
    at_ms: Option<u64>,
    #[serde(default, deserialize_with = "action_us")]
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
    Crash(TargetSpec<Alias<F>>),
    Restart(TargetSpec<Alias<F>>),
    /// Crash the node if it is up, restart it if it is down.
    ToggleCrash(TargetSpec<Alias<F>>),
    /// Pause the process for this many milliseconds.
    Pause(
        TargetSpec<Alias<F>>,
        #[serde(deserialize_with = "ms_within_day")] u64,
    ),
    Isolate(TargetSpec<Alias<F>>),
    Rejoin(TargetSpec<Alias<F>>),
    /// Every node in exactly one group.
    Partition(#[serde(deserialize_with = "partition_groups")] Vec<Vec<NodeNum>>),
    /// Messages from the first node to the second are lost.
    CutLink(
        #[serde(deserialize_with = "link_from")] NodeNum,
        #[serde(deserialize_with = "link_to")] NodeNum,
    ),
    Heal,
    SetLoss(Probability),
    /// Deliver this share of messages twice.
    SetDuplication(Probability),
    SetLinkLoss(NodeNum, NodeNum, Probability),
    DropNext(NodeNum, NodeNum),
    /// Drop the in-flight message with this id (ids are stable in replay).
    DropMessage(u64),
    /// Delay the in-flight message with this id by this many milliseconds.
    DelayMessage(u64, #[serde(deserialize_with = "ms_within_day")] u64),
    DuplicateMessage(u64),
    Timeout(TargetSpec<Alias<F>>),
    /// Hand the in-flight message with this id to its receiver now.
    DeliverMessage(u64),
    /// Fire the node's pending timer of this name (`"election"`) now.
    FireTimer(TargetSpec<Alias<F>>, String),
    /// Move the node's clock by this many milliseconds.
    ClockJump(
        TargetSpec<Alias<F>>,
        #[serde(deserialize_with = "clock_jump_ms")] i64,
    ),
    /// Make the node's clock drift by this many parts per million.
    SetDrift(
        TargetSpec<Alias<F>>,
        #[serde(deserialize_with = "drift_ppm")] i64,
    ),
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

/// `Partition([[1, 2], [3, 4, 5]])`: no node twice, and, where the cluster
/// size is known, none left out (the network would keep a node in no group
/// linked to every group, which is seldom what the writer meant).
fn partition_groups<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Vec<NodeNum>>, D::Error> {
    d.deserialize_seq(Groups)
}

struct Groups;

impl<'de> Visitor<'de> for Groups {
    type Value = Vec<Vec<NodeNum>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of groups of nodes, e.g. [[1, 2], [3, 4, 5]]")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut seen = BTreeSet::new();
        let mut groups = Vec::new();
        while let Some(group) = seq.next_element_seed(Group(&mut seen))? {
            groups.push(group);
        }
        if let Some(size) = cluster_size_in_force() {
            let left_out: Vec<usize> = (1..=size).filter(|n| !seen.contains(n)).collect();
            if !left_out.is_empty() {
                return Err(de::Error::custom(format!(
                    "the partition leaves out {}: put every node in a group \
                     (a node in no group would keep its links to all of them)",
                    nodes_named(&left_out)
                )));
            }
        }
        Ok(groups)
    }
}

/// One group of a partition; `0` holds the nodes of the groups before.
struct Group<'a>(&'a mut BTreeSet<usize>);

impl<'de> DeserializeSeed<'de> for Group<'_> {
    type Value = Vec<NodeNum>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<NodeNum>, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Group<'_> {
    type Value = Vec<NodeNum>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a group of nodes, e.g. [1, 2]")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut group = Vec::new();
        while let Some(node) = seq.next_element_seed(NewNode(&mut *self.0))? {
            group.push(node);
        }
        Ok(group)
    }
}

/// A node of a partition, which must not be in it already.
struct NewNode<'a>(&'a mut BTreeSet<usize>);

impl<'de> DeserializeSeed<'de> for NewNode<'_> {
    type Value = NodeNum;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<NodeNum, D::Error> {
        let node = NodeNum::deserialize(d)?;
        if !self.0.insert(node.0) {
            return Err(de::Error::custom(format!(
                "node {} is in the partition twice: each node belongs to one group",
                node.0
            )));
        }
        Ok(node)
    }
}

/// "node 5", "nodes 4 and 5", "nodes 3, 4 and 5".
fn nodes_named(nodes: &[usize]) -> String {
    match nodes {
        [one] => format!("node {one}"),
        [init @ .., last] => {
            let init: Vec<String> = init.iter().map(usize::to_string).collect();
            format!("nodes {} and {last}", init.join(", "))
        }
        [] => "no node".into(),
    }
}

thread_local! {
    /// The first node of the link being read.
    static LINK_FROM: Cell<Option<NodeNum>> = const { Cell::new(None) };
}

/// The first node of `CutLink(a, b)`, kept for the second.
fn link_from<'de, D: Deserializer<'de>>(d: D) -> Result<NodeNum, D::Error> {
    let from = NodeNum::deserialize(d)?;
    LINK_FROM.with(|c| c.set(Some(from)));
    Ok(from)
}

/// The second node of `CutLink(a, b)`: another node than the first. (A
/// node's messages to itself, which some families send, are dropped by
/// `DropNext(a, a)` or lost by `SetLinkLoss(a, a, p)`, never cut.)
fn link_to<'de, D: Deserializer<'de>>(d: D) -> Result<NodeNum, D::Error> {
    let to = NodeNum::deserialize(d)?;
    if LINK_FROM.with(Cell::take) == Some(to) {
        return Err(de::Error::custom(format!(
            "`CutLink({n}, {n})` names node {n} twice: a link joins two different nodes",
            n = to.0
        )));
    }
    Ok(to)
}
