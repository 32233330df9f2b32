//! Things a person or a script does to a running cluster.

use serde::Serialize;

use super::network::MsgId;
use super::node::NodeId;

/// The alias type of a family that names no members of its own. It has no
/// values, so no `Target::Alias` can be built for such a family, and a match
/// on its targets by value needs no arm for that variant.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
pub enum NoAlias {}

/// Whom an action is aimed at. `T` is the family's aliases, the members
/// it names by what they are ([`Actor::Alias`](super::Actor::Alias)); it defaults to [`NoAlias`] so that
/// families without any write plain `Target`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target<T = NoAlias> {
    Node(NodeId),
    /// The node leading the highest term at the moment the action applies.
    /// When nobody leads, the action is recorded as skipped.
    Leader,
    /// A member the family names by what it is (a lock family's
    /// `Client(2)`, `Storage`, `Holder`), resolved at the moment the action
    /// applies, like `Leader`. When it names nobody then, the action is
    /// recorded as skipped.
    Alias(T),
}

/// A fault or request applied at one instant. Generic over the protocol's
/// client request type `R` and its named targets `T` (see [`Target`]).
#[derive(Clone, Debug, PartialEq)]
pub enum Action<R, T = NoAlias> {
    Crash(Target<T>),
    Restart(Target<T>),
    /// Crash an up node, restart a crashed one.
    ToggleCrash(Target<T>),
    /// A process pause of the given length in microseconds.
    Pause(Target<T>, u64),
    /// Cut the node off from everyone, both ways.
    Isolate(Target<T>),
    /// Restore every link of the node.
    Rejoin(Target<T>),
    /// Split the network into these groups, replacing any earlier split.
    Partition(Vec<Vec<NodeId>>),
    /// Cut one direction of one link: messages from the first node to the
    /// second are lost.
    CutLink(NodeId, NodeId),
    /// Restore every link, clear per-link loss and armed drops.
    Heal,
    /// Set the probability that any message is lost.
    SetLoss(f64),
    /// Set the probability that a message is delivered twice.
    SetDuplication(f64),
    /// Set the extra loss probability of one directed link.
    SetLinkLoss(NodeId, NodeId, f64),
    /// Drop the next message sent on a directed link.
    DropNext(NodeId, NodeId),
    /// Drop one message that is in flight.
    DropMessage(MsgId),
    /// Deliver one in-flight message this many microseconds later.
    DelayMessage(MsgId, u64),
    /// Put a copy of an in-flight message on the wire.
    DuplicateMessage(MsgId),
    /// Make the node's main timeout fire now.
    Timeout(Target<T>),
    /// Hand one in-flight message to its receiver now, ahead of its time:
    /// a schedule the explorer chose, replayable like any other action.
    DeliverMessage(MsgId),
    /// Fire the node's pending timer of this name (as the trace writes
    /// timers: `election`, `heartbeat`) now, ahead of its deadline.
    FireTimer(Target<T>, String),
    /// Move the node's clock by this many microseconds (may be negative).
    ClockJump(Target<T>, i64),
    /// Make the node's clock run fast or slow, in parts per million.
    SetDrift(Target<T>, i64),
    /// A request from outside the cluster, handed to the target node.
    Request(Target<T>, R),
}

impl<R, T> Action<R, T> {
    /// Whom the action is aimed at, if it names a target.
    pub fn target(&self) -> Option<&Target<T>> {
        match self {
            Action::Crash(t)
            | Action::Restart(t)
            | Action::ToggleCrash(t)
            | Action::Pause(t, _)
            | Action::Isolate(t)
            | Action::Rejoin(t)
            | Action::Timeout(t)
            | Action::FireTimer(t, _)
            | Action::ClockJump(t, _)
            | Action::SetDrift(t, _)
            | Action::Request(t, _) => Some(t),
            Action::Partition(_)
            | Action::CutLink(..)
            | Action::Heal
            | Action::SetLoss(_)
            | Action::SetDuplication(_)
            | Action::SetLinkLoss(..)
            | Action::DropNext(..)
            | Action::DropMessage(_)
            | Action::DelayMessage(..)
            | Action::DuplicateMessage(_)
            | Action::DeliverMessage(_) => None,
        }
    }
}
