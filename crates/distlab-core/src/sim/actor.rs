//! The seam between the engine and a protocol.
//!
//! A protocol supplies one node type implementing [`Actor`]. Clusters whose
//! members play different parts (clients, lock servers and storage; a load
//! generator, a balancer and servers) use an enum of kinds as that one type:
//! the engine treats every member alike, and the picture places them by kind.

use std::fmt::Debug;

use serde::Serialize;

use super::check::Checker;
use super::describe::Describe;
use super::node::{NodeId, NodeStatus};
use super::rng::SimRng;
use super::time::SimTime;

/// A message on the wire. It must be cloneable (duplication, snapshots),
/// printable, and serialisable as a flat JSON object with a `msg` tag, which
/// the trace writes verbatim.
pub trait Message: Clone + Debug + Serialize {
    /// The message's type name, e.g. `RequestVote`.
    fn name(&self) -> &'static str;

    /// A short summary for the event feed and the in-flight list, in
    /// symbols and numbers that read the same in every language, e.g.
    /// `AppendEntries(t3, +2)`.
    fn summary(&self) -> String {
        self.name().to_owned()
    }
}

/// One simulated process. Handlers act only through the [`Ctx`], which keeps
/// them deterministic: no clock but the simulated one, no randomness but the
/// run's own.
pub trait Actor: Clone + Debug + 'static {
    type Msg: Message;
    /// Timers. A value may carry data (`Completion(ReqId(7))`); a node has
    /// at most one pending timer per distinct value: setting one replaces
    /// the previous. `Ord` keeps a node's pending timers in a map, so that
    /// thousands of them cost no scans.
    /// Described as what happens when it fires: `election timeout`.
    type Timer: Copy + Ord + Debug + Serialize + Describe;
    /// A request from outside the cluster (a client write, a lock request).
    type Request: Clone + Debug + Describe;
    /// Protocol-specific trace records (role changes, commits, grants).
    /// Serialises as a flat object whose `kind` tag names the record.
    type Obs: Clone + Debug + Serialize + Describe;
    /// Why a node did what it did, and what a check found: a value that is
    /// put into words only when someone reads it (see [`Describe`]).
    type Note: Clone + Debug + Describe;
    /// The safety invariants of this protocol.
    type Checker: Checker<Self>;
    /// The members this family names by what they are rather than by
    /// number, beside `Node(n)` and `Leader` (a lock family's `Client(2)`,
    /// `Storage`, `Holder`), so that scenarios and lessons can aim at a
    /// part of the cluster. Families without any use
    /// [`NoAlias`](super::NoAlias).
    type Alias: Copy
        + Eq
        + Debug
        + Describe
        + serde::Serialize
        + serde::de::DeserializeOwned
        + Send
        + Sync;

    /// Called once when the run starts.
    fn on_start(&mut self, ctx: &mut Ctx<Self>);
    fn on_message(&mut self, ctx: &mut Ctx<Self>, from: NodeId, msg: Self::Msg);
    fn on_timer(&mut self, ctx: &mut Ctx<Self>, timer: Self::Timer);
    fn on_request(&mut self, ctx: &mut Ctx<Self>, request: Self::Request);
    /// The process dies: drop volatile state, keep what is on disk.
    fn on_crash(&mut self);
    /// The process starts again after a crash: as it started the first
    /// time, unless the family knows better (what its disk kept).
    fn on_restart(&mut self, ctx: &mut Ctx<Self>) {
        self.on_start(ctx);
    }
    /// A person forces this node's main timeout to fire now (for Raft, the
    /// election timeout). The default ignores it.
    fn on_force_timeout(&mut self, _ctx: &mut Ctx<Self>) {}
    /// The node `alias` names right now, if any. Called when an action
    /// aimed at `Target::Alias(alias)` applies, so that it follows the
    /// cluster as `Leader` does. A family that names no members (its
    /// `Alias` is [`NoAlias`](super::NoAlias)) keeps the default.
    fn resolve_alias(
        _nodes: &[Self],
        _status: &[NodeStatus],
        _alias: Self::Alias,
    ) -> Option<NodeId> {
        None
    }

    /// The name people see for node `id` (`S1`… by default; a lock family
    /// might say `C2` or `Storage`). Asked once per node when the run
    /// starts, of the nodes as they were built.
    fn label(_nodes: &[Self], id: NodeId) -> String {
        id.to_string()
    }

    /// The term in which this node believes it leads, if it does. Lets the
    /// `Leader` target resolve without the engine knowing the protocol.
    fn leading_term(&self) -> Option<u64> {
        None
    }
}

/// What a handler asked for, applied by the engine after the handler returns.
#[derive(Clone, Debug)]
pub(crate) enum Effect<A: Actor> {
    Send {
        to: NodeId,
        msg: A::Msg,
    },
    SetTimer {
        timer: A::Timer,
        after_local_us: u64,
    },
    CancelTimer {
        timer: A::Timer,
    },
    Explain(A::Note),
    /// The node turned the request it is handling away.
    TurnAway,
    Persist,
    Observe(A::Obs),
}

/// A handler's only window on the world.
pub struct Ctx<'a, A: Actor> {
    pub(crate) me: NodeId,
    pub(crate) now: SimTime,
    pub(crate) local_now: SimTime,
    pub(crate) cluster_size: usize,
    pub(crate) explaining: bool,
    pub(crate) rng: &'a mut SimRng,
    pub(crate) effects: &'a mut Vec<Effect<A>>,
}

impl<'a, A: Actor> Ctx<'a, A> {
    /// This node.
    pub fn me(&self) -> NodeId {
        self.me
    }

    /// Every other member of the cluster, in order.
    pub fn peers(&self) -> impl Iterator<Item = NodeId> + '_ {
        NodeId::all(self.cluster_size).filter(move |&id| id != self.me)
    }

    pub fn cluster_size(&self) -> usize {
        self.cluster_size
    }

    /// Simulated global time. Protocols should prefer [`Ctx::local_now`]:
    /// real processes only see their own, possibly drifting, clock.
    pub fn now(&self) -> SimTime {
        self.now
    }

    /// This node's own clock, which may drift or jump.
    pub fn local_now(&self) -> SimTime {
        self.local_now
    }

    pub fn send(&mut self, to: NodeId, msg: A::Msg) {
        self.effects.push(Effect::Send { to, msg });
    }

    /// Arms `timer` to fire after `after_us` of this node's local time,
    /// replacing any pending timer with the same value.
    pub fn set_timer(&mut self, timer: A::Timer, after_us: u64) {
        self.effects.push(Effect::SetTimer {
            timer,
            after_local_us: after_us,
        });
    }

    pub fn cancel_timer(&mut self, timer: A::Timer) {
        self.effects.push(Effect::CancelTimer { timer });
    }

    /// A uniformly random value in `lo..=hi` from the run's seeded generator.
    pub fn random_range(&mut self, lo: u64, hi: u64) -> u64 {
        self.rng.range(lo, hi)
    }

    /// Says why the node just did what it did: shown in the event feed in
    /// the reader's language, and written to the trace as a `note` in
    /// English. Runs without explanations keep none.
    pub fn explain(&mut self, note: impl Into<A::Note>) {
        if self.explaining {
            self.effects.push(Effect::Explain(note.into()));
        }
    }

    /// Turns away the request being handled, saying why: the action is
    /// recorded as skipped, so nobody counts a write that was never taken
    /// (a follower that knows no leader, a node that is not a proposer).
    /// Unlike a note, the refusal is kept even in runs without
    /// explanations.
    pub fn turn_away(&mut self, note: impl Into<A::Note>) {
        self.effects.push(Effect::TurnAway);
        self.explain(note);
    }

    /// Says that this handler changed state that must be on disk before
    /// anyone hears of it (a term, a vote, log entries): every message it
    /// sends leaves only once the write is done, after the run's disk
    /// latency. Without a disk latency, nothing waits.
    pub fn persist(&mut self) {
        self.effects.push(Effect::Persist);
    }

    /// Records a protocol-level fact (a role change, a commit) in the trace.
    pub fn observe(&mut self, obs: A::Obs) {
        self.effects.push(Effect::Observe(obs));
    }
}
