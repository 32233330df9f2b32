//! What a client process asks, what a server answers, and the records of
//! a client's history.

use std::fmt;
use std::sync::Arc;

use serde::Serialize;

use crate::sim::NodeId;

/// How a family's servers may answer a read: Raft offers several modes,
/// Multi-Paxos reads through the log.
pub trait ReadKind: Copy + fmt::Debug + Eq + Serialize + 'static {}

impl<M: Copy + fmt::Debug + Eq + Serialize + 'static> ReadKind for M {}

/// What a client process asks of the cluster.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum ClientOp<M> {
    Read { key: Arc<str>, mode: M },
    Write { key: Arc<str>, value: Arc<str> },
}

impl<M> ClientOp<M> {
    pub fn key(&self) -> &Arc<str> {
        match self {
            ClientOp::Read { key, .. } | ClientOp::Write { key, .. } => key,
        }
    }

    /// `read` or `write`, as histories name them.
    pub fn name(&self) -> &'static str {
        match self {
            ClientOp::Read { .. } => "read",
            ClientOp::Write { .. } => "write",
        }
    }

    /// What the operation carries to the history when it starts: a write's
    /// value, nothing for a read.
    pub fn written(&self) -> Option<Arc<str>> {
        match self {
            ClientOp::Read { .. } => None,
            ClientOp::Write { value, .. } => Some(value.clone()),
        }
    }
}

/// `x?` for a read, `x=1` for a write: the way logs write them.
impl<M> fmt::Display for ClientOp<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientOp::Read { key, .. } => write!(f, "{key}?"),
            ClientOp::Write { key, value } => write!(f, "{key}={value}"),
        }
    }
}

/// A server's answer to a client process.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "answer", rename_all = "snake_case")]
pub enum Answer {
    /// Done: a read's value (`None`: the key was never written).
    Ok { value: Option<Arc<str>> },
    /// Ask the leader instead, if this server knows one.
    NotLeader { hint: Option<NodeId> },
}

impl fmt::Display for Answer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Answer::Ok { value: Some(v) } => write!(f, "✓ {v}"),
            Answer::Ok { value: None } => f.write_str("✓"),
            Answer::NotLeader { hint: Some(h) } => write!(f, "→{h}"),
            Answer::NotLeader { hint: None } => f.write_str("✗"),
        }
    }
}

/// One event of a client's history, as Jepsen records it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ClientEvent {
    /// The client's label, `C1`.
    pub client: Arc<str>,
    pub op: &'static str,
    pub key: Arc<str>,
    /// What a write wrote or a read saw (`null`: nothing yet).
    #[serde(serialize_with = "number_or_text")]
    pub value: Option<Arc<str>>,
    /// The client's number for the request.
    pub req: u64,
}

/// A value that reads as a number is written as one, so that histories
/// carry `1`, as Jepsen's do, rather than `"1"`.
fn number_or_text<S: serde::Serializer>(value: &Option<Arc<str>>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        None => s.serialize_none(),
        Some(v) => match v.parse::<i64>() {
            Ok(n) => s.serialize_i64(n),
            Err(_) => s.serialize_str(v),
        },
    }
}
