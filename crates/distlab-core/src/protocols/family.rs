//! The family contract: everything the layers above ask of a protocol
//! family, answered by a marker type that names the family (`Raft`).
//!
//! The marker, not the actor, carries the contract: files, lessons and
//! screens are generic over it, and a zero-sized marker is `Copy`, `Eq` and
//! `Default`, so their types derive what they need without asking the
//! actor (which holds a whole node's state) for any of it.
//!
//! Scenario files, lessons, headless runs, experiments and the screen are
//! generic over a [`Family`]; none of them names a protocol. A family states
//! here what its settings, requests and lesson goals look like in files, how
//! to build a cluster, what its runs are summarised by, and what the screen
//! needs to *mean* (not draw) a node and a message.

use crate::sim::Invariant;
use std::fmt::{self, Debug};

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::measure::MeasureDef;
use crate::sim::{Actor, InFlight, NodeId, Record, RecordKind, Sim, SimConfig, Target};
use crate::units::{Lang, MsRange};

/// A protocol family: the four concerns below, each a trait of its own,
/// met one at a time. Implemented for every type that meets them all.
///
/// A family's marker implements [`Setup`] (files and building),
/// [`Teach`] (lessons), [`Report`] (headless runs and experiments) and
/// [`Meaning`] (what a node and a message mean on a screen); the screen's
/// own contract sits in the crate that draws.
pub trait Family: Setup + Teach + Report + Meaning {}

impl<F: Setup + Teach + Report + Meaning> Family for F {}

/// What the family is, how files write it and how to build it.
pub trait Setup: Copy + Debug + Default + PartialEq + Eq + Send + Sync + 'static {
    /// The cluster's members: one actor type, an enum of kinds where the
    /// members play different parts.
    type Node: Actor;
    /// Its settings in a scenario's `cluster:` field.
    type Spec: Clone + Debug + PartialEq + Serialize + DeserializeOwned + Send + Sync;
    /// Its requests among a scenario's actions (`ClientWrite("x=1")`).
    type RequestSpec: Clone + Debug + PartialEq + Serialize + DeserializeOwned + Send + Sync;
    /// The tag that names the family in files: `cluster: Raft((…))`, and
    /// around its lesson goals: `Raft(TermAtLeast(2))`.
    const TAG: &'static str;
    /// Its names on the command line, e.g. `distlab sandbox raft`.
    const NAMES: &'static [&'static str];
    /// [`Self::TAG`] as the one variant the family's values are written
    /// in (`Raft(…)`), for reading them; left as it is.
    const TAG_VARIANT: &'static [&'static str] = &[Self::TAG];

    /// Settings for a plain cluster of `nodes` members, as the sandbox
    /// starts it when no scenario is given; `name` is the one of
    /// [`Self::NAMES`] it was opened by (`redlock` and `zk-lock` are both
    /// locks, with different services).
    fn sandbox_spec(name: &str, nodes: usize) -> Self::Spec;
    /// How many members the settings make, clients and servers alike.
    fn nodes(spec: &Self::Spec) -> usize;
    /// A fresh cluster of these settings.
    fn build(spec: &Self::Spec, config: SimConfig) -> Sim<Self::Node>;
    /// A request in a file as the simulator takes it: whom it goes to, and
    /// what it asks.
    fn request_to_sim(spec: &Self::RequestSpec) -> (Target<Alias<Self>>, Request<Self>);
    /// The file form of a request, for saving sessions.
    fn request_from_sim(
        target: Target<Alias<Self>>,
        request: &Request<Self>,
    ) -> Option<Self::RequestSpec>;
    /// The request a person sends with the request key while `selected`
    /// is selected, the `n`th of the session (from 1): for Raft, a client
    /// write `x=1`, `y=2`, … to the leader; for a lock, the selected
    /// client's acquire.
    fn sample_request(n: usize, selected: NodeId) -> (Target<Alias<Self>>, Request<Self>);
    /// Whether the family changes its membership at run time: the
    /// membership key then adds or removes the selected server.
    const MEMBERSHIP: bool = false;
    /// The server a request adds to or removes from the configuration,
    /// when it is a membership change.
    fn membership_of(_request: &Request<Self>) -> Option<NodeId> {
        None
    }
    /// The membership key's request for `selected`: for Raft, remove it
    /// if the leader's configuration holds it, else add it; `None` when
    /// nobody could take it now (no leader).
    fn membership_request(
        _sim: &Sim<Self::Node>,
        _selected: NodeId,
    ) -> Option<(Target<Alias<Self>>, Request<Self>)> {
        None
    }

    /// The one of [`Self::NAMES`] whose sandbox runs these settings, for
    /// the command that replays a saved session.
    fn sandbox_name(_spec: &Self::Spec) -> &'static str {
        Self::NAMES[0]
    }
    /// The kinds of member files number within their kind, and how many
    /// of each the settings make: `[("client", 2), ("server", 5)]` lets a
    /// file name `Client(2)` but not `Client(3)`.
    fn numbered_kinds(_spec: &Self::Spec) -> Vec<(&'static str, usize)> {
        Vec::new()
    }
    /// The family's sandbox in the menu, in the learner's language.
    fn sandbox_blurb(_lang: Lang) -> &'static str {
        Self::TAG
    }
    /// What the learner calls the protocol these settings run, for the
    /// sandbox's title: the family's tag unless the settings pick one of
    /// its protocols (Multi-Paxos, Redlock) or the tag is a word to
    /// translate.
    fn display_name(_spec: &Self::Spec, _lang: Lang) -> &'static str {
        Self::TAG
    }
}

/// What lessons may check in this family's runs.
pub trait Teach: Setup {
    /// Its own lesson goals, which files write inside the family's tag:
    /// `Raft(TermAtLeast(2))` is the goal `TermAtLeast(2)`.
    type Goal: StepGoal<Self::Node, Self::Facts>;
    /// What its goals remember of a step so far, gathered from records;
    /// `()` for goals the state alone answers.
    type Facts: StepFacts<Self::Node>;
    /// The invariants its checker can report, as lesson files name them.
    const INVARIANTS: &'static [Invariant];

    /// The request key's request as a lesson's task names it, in the
    /// learner's language: `send a client write`, `ask for the lock`.
    fn request_task(lang: Lang) -> &'static str {
        crate::text!(lang, en: "send a request", zh: "发送一次请求")
    }
}

/// What a run without a screen reports, and what experiments measure.
pub trait Report: Setup {
    /// What a headless run reports beyond messages and safety.
    type Summary: Clone + Debug + Default + PartialEq + fmt::Display;
    /// What experiments can measure in this family's runs; the first is
    /// the default.
    const MEASURES: &'static [MeasureDef<Self::Node>];

    /// Takes note of one record for the run's summary.
    fn tally(summary: &mut Self::Summary, record: &Record<Self::Node>);
    /// The settings with the family's main timeout drawn from `range`
    /// (Raft's election timeout), for experiments that compare ranges.
    fn with_main_timeout(spec: &Self::Spec, range: MsRange) -> Self::Spec;

    /// A leadership fact in a record, if it is one: the leadership
    /// measures (leader downtime, first leader) are built on these. None
    /// for a family where nobody leads.
    fn leadership(_record: &Record<Self::Node>) -> Option<Leadership> {
        None
    }
    /// The settings with the one named `name` set to `value`, written as
    /// a file writes it, for experiments that run one scenario once per
    /// value (`--compare NAME=A,B`). By default any field of the family's
    /// `cluster:` settings, read back by its own reader; a family may read
    /// shorthands of its own (dispatch's bare `RingHash`).
    fn with_setting(spec: &Self::Spec, name: &str, value: &str) -> Result<Self::Spec, String> {
        super::setting::with_field(spec, Self::TAG, name, value)
    }
    /// A search of the schedules of the next events from `sim` (see
    /// [`crate::explore`]), if this family may be explored: `None` (the
    /// default) for a family whose safety depends on timing (leases, TTLs,
    /// timeouts), where an order the explorer picks might be one no real
    /// network produces.
    fn explorer(
        _sim: &Sim<Self::Node>,
        _search: &crate::explore::Search,
    ) -> Option<Box<dyn crate::explore::Exploration>> {
        None
    }
    /// High-water marks of a finished run, by name (the longest queue):
    /// experiments report each one's largest value over their trials
    /// beside the measure. None by default.
    fn peaks(_sim: &Sim<Self::Node>) -> Vec<(&'static str, u64)> {
        Vec::new()
    }
}

/// What a screen needs to *mean* (not draw) a node and a message.
pub trait Meaning: Setup {
    /// How this node shows: its role letter, name and tone.
    fn mark(node: &Self::Node) -> Mark;
    /// What a message means, for its glyph and colour.
    fn message_look(msg: &Msg<Self>) -> MsgLook;

    /// What its epoch is called: `term` for Raft, `ballot` for Paxos.
    const EPOCH: &'static str = "epoch";
    /// The letter before an epoch on crowded screens: `t3`.
    const EPOCH_SHORT: &'static str = "e";
    /// Whether the family's story is told hop by hop (a vote, a grant),
    /// so the screen plays messages in slow motion; a family whose story
    /// is the flow of many requests plays at a fixed speed instead.
    const HOP_BY_HOP: bool = true;
    /// The node's epoch (term, ballot); none for a node that has not
    /// got one (a lock client holding no token), so the picture leaves
    /// it out rather than showing a zero that reads like a real token.
    fn epoch(_node: &Self::Node) -> Option<u64> {
        None
    }
    /// The timer whose countdown the picture draws as a gauge, if any.
    fn main_timer() -> Option<Timer<Self>> {
        None
    }
    /// Routine traffic (heartbeats and their acknowledgements) that the
    /// event feed shows quietly; none by default.
    fn is_routine(_kind: &RecordKind<Self::Node>) -> bool {
        false
    }
    /// A message in flight that will change nothing where it lands: while
    /// only such messages fly, the screen need not play in slow motion.
    /// Heartbeats, unless the family knows better.
    fn is_routine_in_flight(_sim: &Sim<Self::Node>, m: &InFlight<Msg<Self>>) -> bool {
        Self::message_look(&m.payload).class == MsgClass::Heartbeat
    }
    /// The history of the cluster's client processes so far, for the
    /// history view; `None` for a cluster without any.
    fn client_history(_sim: &Sim<Self::Node>) -> Option<&crate::history::History> {
        None
    }
    /// How far the family's per-node strip reaches (Raft: the longest log),
    /// so that scrolling it back stops at its start; nothing to scroll by
    /// default.
    fn strip_len(_sim: &Sim<Self::Node>) -> u64 {
        0
    }
}

/// What a family's lesson goals remember of a step so far, gathered from
/// the records of each simulation step, for goals the state alone cannot
/// answer ("an election failed").
pub trait StepFacts<N: Actor>: Clone + Debug + Default + PartialEq {
    /// Takes note of one simulation step's records.
    fn absorb(&mut self, records: &[Record<N>]);
}

/// Goals the state alone answers remember nothing.
impl<N: Actor> StepFacts<N> for () {
    fn absorb(&mut self, _records: &[Record<N>]) {}
}

/// A family's own lesson goal, read from lesson files.
pub trait StepGoal<N: Actor, Facts>:
    Clone + Debug + PartialEq + Serialize + DeserializeOwned + Send + Sync
{
    /// Whether the goal holds now.
    fn holds(&self, sim: &Sim<N>, facts: &Facts) -> bool;
    /// The goal in words, for the goal list.
    fn describe(&self, lang: Lang) -> String;
}

/// A family's client request type.
pub type Request<F> = <<F as Setup>::Node as Actor>::Request;
/// A family's timer type.
pub type Timer<F> = <<F as Setup>::Node as Actor>::Timer;
/// A family's message type.
pub type Msg<F> = <<F as Setup>::Node as Actor>::Msg;
/// The members a family names by what they are (`Client(2)`, `Holder`).
pub type Alias<F> = <<F as Setup>::Node as Actor>::Alias;
/// A simulated cluster of a family.
pub type SimOf<F> = Sim<<F as Setup>::Node>;
/// An action on a family's cluster.
pub type ActionOf<F> = crate::sim::ClusterAction<<F as Setup>::Node>;

/// A node's role as the screen shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    /// One letter, so the picture reads without colour: `L`, `C`, `F`.
    pub letter: char,
    /// The role in a word: `leader`.
    pub name: &'static str,
    pub tone: RoleTone,
}

impl Mark {
    pub const fn new(letter: char, name: &'static str, tone: RoleTone) -> Mark {
        Mark { letter, name, tone }
    }
}

/// The colour family of a role, from idle to leading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoleTone {
    /// Following, waiting, serving: the quiet majority.
    Passive,
    /// Sounding out its chances without changing anything (pre-vote).
    Tentative,
    /// Contending: a candidate, a proposer in phase 1, a client asking.
    Active,
    /// Leading, holding the lock, deciding.
    Leading,
}

/// A message's meaning on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MsgLook {
    pub class: MsgClass,
    /// One character, distinct within the family, so the picture reads
    /// without colour.
    pub glyph: &'static str,
}

impl MsgLook {
    pub const fn new(class: MsgClass, glyph: &'static str) -> MsgLook {
        MsgLook { class, glyph }
    }
}

/// What a message does, whatever the protocol.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MsgClass {
    /// Asks for something: a vote, a promise, a lock.
    Ask,
    /// Says yes.
    Grant,
    /// Says no, or reports a failure.
    Refuse,
    /// Carries data: entries, a value, a request's work.
    Data,
    /// Keeps something alive.
    Heartbeat,
    /// Passes a request on.
    Forward,
}

/// A node gained or lost the lead in an epoch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Leadership {
    pub node: NodeId,
    pub epoch: u64,
    /// True when the node now leads; false when it left the lead.
    pub leads: bool,
}
