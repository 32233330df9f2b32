//! What happened: one record per fact, in processing order.
//!
//! Records serve three readers: the JSON Lines trace (`distlab run --trace`),
//! the event feed on screen, and the lesson engine's conditions.

use serde_json::{json, Map, Value};

use super::actor::{Actor, Message};
use super::check::Invariant;
use super::describe::Describe;
use super::engine::ClusterAction;
use super::labels::Labels;
use super::network::{DropReason, MsgId};
use super::node::NodeId;
use super::time::SimTime;
use crate::units::Lang;

/// Why an action could not apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SkipReason {
    /// Its target names nobody now: no leader, no such node, no holder.
    NoTarget,
    /// The node is down, so it cannot pause.
    Down(NodeId),
    AlreadyDown(NodeId),
    NotDown(NodeId),
    /// The node is down or paused, so it cannot take a request or a
    /// timeout.
    NotRunning(NodeId),
    /// The node took the request and turned it away (its note says why).
    TurnedAway(NodeId),
    /// The link it names does not exist.
    NoSuchLink,
    /// The message it names is no longer in flight.
    MessageGone,
    /// The node has no pending timer of the name it gives.
    NoSuchTimer(NodeId),
}

/// One fact, stamped with the simulated time and the number of the event
/// that produced it (events are counted from 1).
#[derive(Clone, Debug)]
pub struct Record<A: Actor> {
    pub t_us: SimTime,
    pub event: u64,
    pub kind: RecordKind<A>,
}

#[derive(Clone, Debug)]
pub enum RecordKind<A: Actor> {
    Send {
        id: MsgId,
        from: NodeId,
        to: NodeId,
        msg: A::Msg,
    },
    Deliver {
        id: MsgId,
        from: NodeId,
        to: NodeId,
        msg: A::Msg,
    },
    Drop {
        id: MsgId,
        from: NodeId,
        to: NodeId,
        msg: A::Msg,
        reason: DropReason,
    },
    Delay {
        id: MsgId,
        by_us: u64,
    },
    Duplicate {
        id: MsgId,
        copy: MsgId,
    },
    Timer {
        node: NodeId,
        timer: A::Timer,
    },
    Crash {
        node: NodeId,
    },
    Restart {
        node: NodeId,
    },
    Pause {
        node: NodeId,
        us: u64,
    },
    Resume {
        node: NodeId,
    },
    /// The node starts writing its persistent state to disk; messages it
    /// sent meanwhile leave when the write ends, `us` from now.
    Persist {
        node: NodeId,
        us: u64,
    },
    Partition {
        groups: Vec<Vec<NodeId>>,
    },
    Cut {
        from: NodeId,
        to: NodeId,
    },
    Rejoin {
        node: NodeId,
    },
    Heal,
    Loss {
        from: Option<(NodeId, NodeId)>,
        p: f64,
    },
    Clock {
        node: NodeId,
        jump_us: i64,
        drift_ppm: i64,
    },
    /// Why a node did what it did.
    Note {
        node: Option<NodeId>,
        note: A::Note,
    },
    /// The probability that a message is delivered twice changed.
    Duplication {
        p: f64,
    },
    /// The next message on a link will be dropped.
    DropNext {
        from: NodeId,
        to: NodeId,
    },
    /// An action that could not apply, and why.
    Skip {
        action: ClusterAction<A>,
        reason: SkipReason,
    },
    Violation {
        invariant: Invariant,
        nodes: Vec<NodeId>,
        note: A::Note,
    },
    /// A hazard a checker points at; never counts as a violation.
    Warning {
        invariant: Invariant,
        nodes: Vec<NodeId>,
        note: A::Note,
    },
    Proto(A::Obs),
}

impl<A: Actor> RecordKind<A> {
    /// The nodes this record is about, for highlighting on screen.
    pub fn nodes(&self) -> Vec<NodeId> {
        match self {
            RecordKind::Send { from, to, .. }
            | RecordKind::Deliver { from, to, .. }
            | RecordKind::Drop { from, to, .. }
            | RecordKind::Cut { from, to } => vec![*from, *to],
            RecordKind::Timer { node, .. }
            | RecordKind::Crash { node }
            | RecordKind::Restart { node }
            | RecordKind::Pause { node, .. }
            | RecordKind::Resume { node }
            | RecordKind::Persist { node, .. }
            | RecordKind::Rejoin { node }
            | RecordKind::Clock { node, .. } => vec![*node],
            RecordKind::DropNext { from, to } => vec![*from, *to],
            RecordKind::Note { node, .. } => node.iter().copied().collect(),
            RecordKind::Violation { nodes, .. } | RecordKind::Warning { nodes, .. } => {
                nodes.clone()
            }
            RecordKind::Partition { groups } => groups.iter().flatten().copied().collect(),
            RecordKind::Delay { .. }
            | RecordKind::Duplicate { .. }
            | RecordKind::Heal
            | RecordKind::Loss { .. }
            | RecordKind::Duplication { .. }
            | RecordKind::Skip { .. }
            | RecordKind::Proto(_) => Vec::new(),
        }
    }
}

fn nodes_json(nodes: &[NodeId]) -> Value {
    Value::from(nodes.iter().map(|n| n.number()).collect::<Vec<_>>())
}

fn merge(into: &mut Map<String, Value>, value: Value) {
    if let Value::Object(fields) = value {
        for (k, v) in fields {
            into.entry(k).or_insert(v);
        }
    }
}

impl<A: Actor> Record<A> {
    /// The record as one JSON object in the trace format the README documents.
    /// Texts (notes, skips, findings) are in English, naming nodes by the
    /// run's `labels`.
    pub fn to_json(&self, labels: &Labels) -> Value {
        let english = |d: &dyn Describe| d.describe(Lang::En, labels);
        let mut m = Map::new();
        m.insert("t_us".into(), json!(self.t_us));
        let (kind, rest): (&str, Value) = match &self.kind {
            RecordKind::Send { id, from, to, msg } => ("send", message_json(*id, *from, *to, msg)),
            RecordKind::Deliver { id, from, to, msg } => {
                ("deliver", message_json(*id, *from, *to, msg))
            }
            RecordKind::Drop {
                id,
                from,
                to,
                msg,
                reason,
            } => {
                let mut v = message_json(*id, *from, *to, msg);
                if let Value::Object(o) = &mut v {
                    o.insert("reason".into(), json!(reason.as_str()));
                }
                ("drop", v)
            }
            RecordKind::Delay { id, by_us } => ("delay", json!({"id": id.0, "ms": by_us / 1_000})),
            RecordKind::Duplicate { id, copy } => {
                ("duplicate", json!({"id": id.0, "copy": copy.0}))
            }
            RecordKind::Timer { node, timer } => ("timer", json!({"node": node, "timer": timer})),
            RecordKind::Crash { node } => ("crash", json!({"node": node})),
            RecordKind::Restart { node } => ("restart", json!({"node": node})),
            RecordKind::Pause { node, us } => ("pause", json!({"node": node, "ms": us / 1_000})),
            RecordKind::Resume { node } => ("resume", json!({"node": node})),
            RecordKind::Persist { node, us } => ("persist", json!({"node": node, "us": us})),
            RecordKind::Partition { groups } => {
                let g: Vec<Value> = groups.iter().map(|g| nodes_json(g)).collect();
                ("partition", json!({"groups": g}))
            }
            RecordKind::Cut { from, to } => ("cut", json!({"from": from, "to": to})),
            RecordKind::Rejoin { node } => ("rejoin", json!({"node": node})),
            RecordKind::Heal => ("heal", json!({})),
            RecordKind::Loss { from: None, p } => ("loss", json!({"p": p})),
            RecordKind::Loss {
                from: Some((a, b)),
                p,
            } => ("loss", json!({"from": a, "to": b, "p": p})),
            RecordKind::Clock {
                node,
                jump_us,
                drift_ppm,
            } => (
                "clock",
                json!({"node": node, "jump_ms": jump_us / 1_000, "drift_ppm": drift_ppm}),
            ),
            RecordKind::Note {
                node: Some(n),
                note,
            } => ("note", json!({"node": n, "text": english(note)})),
            RecordKind::Note { node: None, note } => ("note", json!({"text": english(note)})),
            RecordKind::Duplication { p } => ("duplication", json!({"p": p})),
            RecordKind::DropNext { from, to } => ("drop-next", json!({"from": from, "to": to})),
            RecordKind::Skip { action, reason } => (
                "skip",
                json!({
                    "action": english(action),
                    "reason": super::words::skip_reason(Lang::En, *reason, action, labels),
                }),
            ),
            RecordKind::Violation {
                invariant,
                nodes,
                note,
            } => (
                "violation",
                json!({"invariant": invariant.en, "nodes": nodes_json(nodes), "text": english(note)}),
            ),
            RecordKind::Warning {
                invariant,
                nodes,
                note,
            } => (
                "warning",
                json!({"invariant": invariant.en, "nodes": nodes_json(nodes), "text": english(note)}),
            ),
            RecordKind::Proto(obs) => {
                let v = serde_json::to_value(obs).unwrap_or(Value::Null);
                let kind = v
                    .get("kind")
                    .and_then(Value::as_str)
                    .unwrap_or("proto")
                    .to_owned();
                m.insert("kind".into(), json!(kind));
                merge(&mut m, v);
                return Value::Object(m);
            }
        };
        m.insert("kind".into(), json!(kind));
        merge(&mut m, rest);
        Value::Object(m)
    }
}

fn message_json<M: Message>(id: MsgId, from: NodeId, to: NodeId, msg: &M) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), json!(id.0));
    m.insert("from".into(), json!(from));
    m.insert("to".into(), json!(to));
    m.insert("msg".into(), json!(msg.name()));
    merge(&mut m, serde_json::to_value(msg).unwrap_or(Value::Null));
    Value::Object(m)
}
