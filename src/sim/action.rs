//! Things a person or a script does to a running cluster.

use std::fmt;

use serde::Serialize;

use super::labels::{Labelled, Labels};
use super::network::MsgId;
use super::node::NodeId;

/// The role type of a family that names no targets of its own. It has no
/// values, so no `Target::Role` can be built for such a family, and a match
/// on its targets by value needs no arm for that variant.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
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

impl<T: fmt::Display> Target<T> {
    /// How people name the target, with a run's labels: `C2`, `the leader`.
    pub fn describe(&self, labels: &Labels) -> String {
        labels.show(self).to_string()
    }
}

impl<T: fmt::Display> Labelled for Target<T> {
    fn fmt_labelled(&self, f: &mut fmt::Formatter<'_>, labels: &Labels) -> fmt::Result {
        match self {
            Target::Node(id) => f.write_str(labels.get(*id)),
            Target::Leader => write!(f, "the leader"),
            Target::Role(role) => write!(f, "{role}"),
        }
    }
}

/// With the default labels, `S1`…
impl<T: fmt::Display> fmt::Display for Target<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.fmt_labelled(f, Labels::plain())
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

impl<R: fmt::Debug, T: fmt::Display> Action<R, T> {
    /// The action in a few words, naming nodes by a run's labels:
    /// `crash C2`, `cut the link C1→Storage`.
    pub fn describe(&self, labels: &Labels) -> String {
        labels.show(self).to_string()
    }
}

impl<R: fmt::Debug, T: fmt::Display> Labelled for Action<R, T> {
    fn fmt_labelled(&self, f: &mut fmt::Formatter<'_>, labels: &Labels) -> fmt::Result {
        let node = |id: &NodeId| labels.get(*id);
        let target = |t| labels.show(t);
        match self {
            Action::Crash(t) => write!(f, "crash {}", target(t)),
            Action::Restart(t) => write!(f, "restart {}", target(t)),
            Action::ToggleCrash(t) => write!(f, "crash or restart {}", target(t)),
            Action::Pause(t, us) => write!(f, "pause {} for {}ms", target(t), us / 1_000),
            Action::Isolate(t) => write!(f, "isolate {}", target(t)),
            Action::Rejoin(t) => write!(f, "reconnect {}", target(t)),
            Action::Partition(groups) => write!(f, "partition {}", labels.groups(groups)),
            Action::CutLink(a, b) => write!(f, "cut the link {}→{}", node(a), node(b)),
            Action::Heal => write!(f, "heal the network"),
            Action::SetLoss(p) => write!(f, "set message loss to {:.0}%", p * 100.0),
            Action::SetDuplication(p) => write!(f, "set message duplication to {:.0}%", p * 100.0),
            Action::SetLinkLoss(a, b, p) => {
                write!(
                    f,
                    "set loss on {}→{} to {:.0}%",
                    node(a),
                    node(b),
                    p * 100.0
                )
            }
            Action::DropNext(a, b) => {
                write!(f, "drop the next message {}→{}", node(a), node(b))
            }
            Action::DropMessage(id) => write!(f, "drop message #{}", id.0),
            Action::DelayMessage(id, us) => {
                write!(f, "delay message #{} by {}ms", id.0, us / 1_000)
            }
            Action::DuplicateMessage(id) => write!(f, "duplicate message #{}", id.0),
            Action::Timeout(t) => write!(f, "force a timeout on {}", target(t)),
            Action::ClockJump(t, us) => {
                write!(f, "move {}'s clock by {}ms", target(t), us / 1_000)
            }
            Action::SetDrift(t, ppm) => {
                write!(f, "make {}'s clock drift {ppm}ppm", target(t))
            }
            Action::Request(t, r) => write!(f, "client request {r:?} to {}", target(t)),
        }
    }
}

/// With the default labels, `S1`…
impl<R: fmt::Debug, T: fmt::Display> fmt::Display for Action<R, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.fmt_labelled(f, Labels::plain())
    }
}
