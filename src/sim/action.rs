//! Things a person or a script does to a running cluster.

use std::fmt;

use serde::Serialize;

use super::network::MsgId;
use super::node::{format_groups, NodeId};

/// The role type of a family that names no targets of its own. It has no
/// values, so no `Target::Role` can be built for such a family, and a match
/// on its targets by value needs no arm for that variant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum NoRole {}

impl fmt::Display for NoRole {
    fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {}
    }
}

/// Whom an action is aimed at. `T` is the family's own named targets
/// ([`Actor::Role`](super::Actor::Role)); it defaults to [`NoRole`] so that
/// families without any write plain `Target`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target<T = NoRole> {
    Node(NodeId),
    /// The node leading the highest term at the moment the action applies.
    /// When nobody leads, the action is recorded as skipped.
    Leader,
    /// A target the family names and resolves (a lock family's `Client(2)`,
    /// `Storage`, `Holder`), at the moment the action applies, like
    /// `Leader`. When it names nobody then, the action is recorded as
    /// skipped.
    Role(T),
}

impl<T: fmt::Display> fmt::Display for Target<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Node(id) => write!(f, "{id}"),
            Target::Leader => write!(f, "the leader"),
            Target::Role(role) => write!(f, "{role}"),
        }
    }
}

/// A fault or request applied at one instant. Generic over the protocol's
/// client request type `R` and its named targets `T` (see [`Target`]).
#[derive(Clone, Debug, PartialEq)]
pub enum Action<R, T = NoRole> {
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
    /// Move the node's clock by this many microseconds (may be negative).
    ClockJump(Target<T>, i64),
    /// Make the node's clock run fast or slow, in parts per million.
    SetDrift(Target<T>, i64),
    /// A request from outside the cluster, handed to the target node.
    Request(Target<T>, R),
}

impl<R: fmt::Debug, T: fmt::Display> fmt::Display for Action<R, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Action::Crash(t) => write!(f, "crash {t}"),
            Action::Restart(t) => write!(f, "restart {t}"),
            Action::ToggleCrash(t) => write!(f, "crash or restart {t}"),
            Action::Pause(t, us) => write!(f, "pause {t} for {}ms", us / 1_000),
            Action::Isolate(t) => write!(f, "isolate {t}"),
            Action::Rejoin(t) => write!(f, "reconnect {t}"),
            Action::Partition(groups) => write!(f, "partition {}", format_groups(groups)),
            Action::CutLink(a, b) => write!(f, "cut the link {a}→{b}"),
            Action::Heal => write!(f, "heal the network"),
            Action::SetLoss(p) => write!(f, "set message loss to {:.0}%", p * 100.0),
            Action::SetDuplication(p) => write!(f, "set message duplication to {:.0}%", p * 100.0),
            Action::SetLinkLoss(a, b, p) => {
                write!(f, "set loss on {a}→{b} to {:.0}%", p * 100.0)
            }
            Action::DropNext(a, b) => write!(f, "drop the next message {a}→{b}"),
            Action::DropMessage(id) => write!(f, "drop message #{}", id.0),
            Action::DelayMessage(id, us) => {
                write!(f, "delay message #{} by {}ms", id.0, us / 1_000)
            }
            Action::DuplicateMessage(id) => write!(f, "duplicate message #{}", id.0),
            Action::Timeout(t) => write!(f, "force a timeout on {t}"),
            Action::ClockJump(t, us) => write!(f, "move {t}'s clock by {}ms", us / 1_000),
            Action::SetDrift(t, ppm) => write!(f, "make {t}'s clock drift {ppm}ppm"),
            Action::Request(t, r) => write!(f, "client request {r:?} to {t}"),
        }
    }
}
