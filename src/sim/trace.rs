//! What happened: one record per fact, in processing order.
//!
//! Records serve three readers: the JSON Lines trace (`distlab run --trace`),
//! the event feed on screen, and the lesson engine's conditions.

use std::fmt;

use serde_json::{json, Map, Value};

use super::actor::{Actor, Message};
use super::labels::{Labelled, Labels};
use super::network::{DropReason, MsgId};
use super::node::NodeId;
use super::time::SimTime;

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
    Note {
        node: Option<NodeId>,
        text: String,
    },
    Skip {
        action: String,
        reason: String,
    },
    Violation {
        invariant: &'static str,
        nodes: Vec<NodeId>,
        text: String,
    },
    /// A hazard a checker points at; never counts as a violation.
    Warning {
        invariant: &'static str,
        nodes: Vec<NodeId>,
        text: String,
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
            RecordKind::Note { node, .. } => node.iter().copied().collect(),
            RecordKind::Violation { nodes, .. } | RecordKind::Warning { nodes, .. } => {
                nodes.clone()
            }
            RecordKind::Partition { groups } => groups.iter().flatten().copied().collect(),
            RecordKind::Delay { .. }
            | RecordKind::Duplicate { .. }
            | RecordKind::Heal
            | RecordKind::Loss { .. }
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
    /// The record as one JSON object in the trace format of DESIGN §4.
    pub fn to_json(&self) -> Value {
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
                text,
            } => ("note", json!({"node": n, "text": text})),
            RecordKind::Note { node: None, text } => ("note", json!({"text": text})),
            RecordKind::Skip { action, reason } => {
                ("skip", json!({"action": action, "reason": reason}))
            }
            RecordKind::Violation {
                invariant,
                nodes,
                text,
            } => (
                "violation",
                json!({"invariant": invariant, "nodes": nodes_json(nodes), "text": text}),
            ),
            RecordKind::Warning {
                invariant,
                nodes,
                text,
            } => (
                "warning",
                json!({"invariant": invariant, "nodes": nodes_json(nodes), "text": text}),
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

impl<A: Actor> RecordKind<A> {
    /// One line for the event feed, naming nodes by a run's labels.
    pub fn describe(&self, labels: &Labels) -> String {
        labels.show(self).to_string()
    }
}

impl<A: Actor> Labelled for RecordKind<A> {
    fn fmt_labelled(&self, f: &mut fmt::Formatter<'_>, labels: &Labels) -> fmt::Result {
        let l = |id: &NodeId| labels.get(*id);
        match self {
            RecordKind::Send { from, to, msg, .. } => {
                write!(f, "{} → {} {}", l(from), l(to), msg.summary())
            }
            RecordKind::Deliver { from, to, msg, .. } => {
                write!(f, "{} receives {} from {}", l(to), msg.summary(), l(from))
            }
            RecordKind::Drop {
                from,
                to,
                msg,
                reason,
                ..
            } => {
                let why = match reason {
                    DropReason::Loss => "lost on the network",
                    DropReason::Partition => "blocked by the partition",
                    DropReason::Crashed => "its receiver is down",
                    DropReason::User => "dropped by you",
                };
                write!(f, "{} {} → {} dropped: {why}", msg.name(), l(from), l(to))
            }
            RecordKind::Delay { id, by_us } => {
                write!(f, "message #{} delayed by {}ms", id.0, by_us / 1_000)
            }
            RecordKind::Duplicate { id, copy } => {
                write!(f, "message #{} duplicated as #{}", id.0, copy.0)
            }
            RecordKind::Timer { node, timer } => write!(f, "{}: {timer:?} timer fires", l(node)),
            RecordKind::Crash { node } => write!(f, "{} crashes", l(node)),
            RecordKind::Restart { node } => write!(f, "{} restarts", l(node)),
            RecordKind::Pause { node, us } => {
                write!(f, "{} pauses for {}ms", l(node), us / 1_000)
            }
            RecordKind::Resume { node } => write!(f, "{} resumes", l(node)),
            RecordKind::Persist { node, us } => write!(
                f,
                "{} writes to disk ({}ms); its replies wait for the write",
                l(node),
                us / 1_000
            ),
            RecordKind::Partition { groups } => {
                write!(f, "network partitioned: {}", labels.groups(groups))
            }
            RecordKind::Cut { from, to } => write!(f, "link {} → {} cut", l(from), l(to)),
            RecordKind::Rejoin { node } => write!(f, "{} reconnected", l(node)),
            RecordKind::Heal => write!(f, "network healed"),
            RecordKind::Loss { from: None, p } => {
                write!(f, "message loss set to {:.0}%", p * 100.0)
            }
            RecordKind::Loss {
                from: Some((a, b)),
                p,
            } => write!(f, "loss on {} → {} set to {:.0}%", l(a), l(b), p * 100.0),
            RecordKind::Clock {
                node,
                jump_us,
                drift_ppm,
            } => {
                write!(
                    f,
                    "{}'s clock moved {}ms, drift {drift_ppm}ppm",
                    l(node),
                    jump_us / 1_000
                )
            }
            RecordKind::Note { text, .. } => write!(f, "{text}"),
            RecordKind::Skip { action, reason } => write!(f, "skipped \"{action}\": {reason}"),
            RecordKind::Violation {
                invariant, text, ..
            } => write!(f, "✗ {invariant}: {text}"),
            RecordKind::Warning {
                invariant, text, ..
            } => write!(f, "⚠ {invariant}: {text}"),
            RecordKind::Proto(obs) => f.write_str(&A::describe_obs(obs, labels)),
        }
    }
}

/// One line for the event feed, with the default labels (`S1`…).
impl<A: Actor> fmt::Display for RecordKind<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.fmt_labelled(f, Labels::plain())
    }
}
