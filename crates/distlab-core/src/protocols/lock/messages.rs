//! What travels between clients, lock servers and storage, the timers each
//! keeps, and the facts the trace records (README, "Trace format").

use serde::Serialize;

use crate::sim::{Message, NodeId};

/// A message on the wire. Redis and Redlock share the `SET NX PX` pair;
/// the ZooKeeper service speaks the lock recipe's calls.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "msg")]
pub enum LockMsg {
    /// `SET lock value NX PX ttl` (Naive: `SET lock value`).
    Lock {
        req: u64,
        value: u64,
    },
    /// The key is ours; `token` is the fencing counter's new value, if any.
    LockOk {
        req: u64,
        token: Option<u64>,
    },
    LockRefused {
        req: u64,
    },
    /// Compare-and-delete (Naive: a plain `DEL`).
    Unlock {
        value: u64,
    },
    /// A session heartbeat.
    Ping {
        session: u32,
    },
    Pong,
    /// The session this request names has expired on the service.
    SessionExpired {
        session: u32,
    },
    /// Create `lock-` EPHEMERAL_SEQUENTIAL carrying the client's GUID.
    Create {
        session: u32,
        guid: u64,
    },
    /// The node made, and the GUID it was made for, so that a client
    /// knows an answer to a create it has given up on.
    Created {
        seq: u64,
        guid: u64,
    },
    /// getChildren, with a watch on the parent when `watch` is set.
    GetChildren {
        session: u32,
        watch: bool,
    },
    /// The lock nodes in order: sequence number, owner, GUID.
    Children {
        nodes: Vec<(u64, NodeId, u64)>,
    },
    /// `exists` with a watch on the node.
    Exists {
        session: u32,
        seq: u64,
    },
    ExistsReply {
        seq: u64,
        exists: bool,
    },
    Delete {
        session: u32,
        seq: u64,
    },
    /// A watch fired: this node was deleted.
    NodeDeleted {
        seq: u64,
    },
    /// A watch fired: the parent's children changed.
    ChildrenChanged,
    /// Storage read with the client's token. `req` numbers the client's
    /// requests, so that an answer meant for a section it gave up is not
    /// taken for the answer to this one.
    Read {
        req: u64,
        token: Option<u64>,
    },
    /// The value, or `None` when the token was refused.
    ReadReply {
        req: u64,
        value: Option<u64>,
    },
    Write {
        req: u64,
        token: Option<u64>,
        read: u64,
        value: u64,
    },
    WriteReply {
        req: u64,
        accepted: bool,
    },
}

impl Message for LockMsg {
    fn name(&self) -> &'static str {
        match self {
            LockMsg::Lock { .. } => "Lock",
            LockMsg::LockOk { .. } => "LockOk",
            LockMsg::LockRefused { .. } => "LockRefused",
            LockMsg::Unlock { .. } => "Unlock",
            LockMsg::Ping { .. } => "Ping",
            LockMsg::Pong => "Pong",
            LockMsg::SessionExpired { .. } => "SessionExpired",
            LockMsg::Create { .. } => "Create",
            LockMsg::Created { .. } => "Created",
            LockMsg::GetChildren { .. } => "GetChildren",
            LockMsg::Children { .. } => "Children",
            LockMsg::Exists { .. } => "Exists",
            LockMsg::ExistsReply { .. } => "ExistsReply",
            LockMsg::Delete { .. } => "Delete",
            LockMsg::NodeDeleted { .. } => "NodeDeleted",
            LockMsg::ChildrenChanged => "ChildrenChanged",
            LockMsg::Read { .. } => "Read",
            LockMsg::ReadReply { .. } => "ReadReply",
            LockMsg::Write { .. } => "Write",
            LockMsg::WriteReply { .. } => "WriteReply",
        }
    }

    fn summary(&self) -> String {
        let tok = |t: &Option<u64>| t.map_or(String::new(), |t| format!(" #{t}"));
        match self {
            LockMsg::LockOk { token, .. } => format!("LockOk{}", tok(token)),
            LockMsg::Created { seq, .. } => format!("Created(lock-{seq})"),
            LockMsg::Exists { seq, .. } => format!("Exists(lock-{seq})"),
            LockMsg::Delete { seq, .. } => format!("Delete(lock-{seq})"),
            LockMsg::NodeDeleted { seq } => format!("NodeDeleted(lock-{seq})"),
            LockMsg::Read { token, .. } => format!("Read{}", tok(token)),
            LockMsg::ReadReply { value: Some(v), .. } => format!("ReadReply({v})"),
            LockMsg::ReadReply { value: None, .. } => "ReadReply(✗)".into(),
            LockMsg::Write { token, value, .. } => format!("Write({value}{})", tok(token)),
            LockMsg::WriteReply { accepted, .. } => {
                format!("WriteReply({})", if *accepted { "✓" } else { "✗" })
            }
            other => other.name().to_owned(),
        }
    }
}

/// Timers; those that carry a number belong to one request or one session.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum LockTimer {
    /// A client's pause between critical sections.
    Think,
    /// A refused or failed acquire is tried again.
    Retry,
    /// No answer to this request in time.
    Request(u64),
    /// The work between read and write is done.
    Work,
    /// A Redlock client's validity runs out on its own clock.
    Validity,
    /// Storage did not answer: the client abandons its critical section.
    Storage,
    /// A ZooKeeper client's session heartbeat.
    Heartbeat,
    /// A Redis key's time to live ends on the server's clock.
    Expiry,
    /// A ZooKeeper session, by client, times out without heartbeats.
    Session(NodeId),
}

/// Storage operations in `write` records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    Read,
    Write,
}

/// What the trace records of locks. `server` is the lock server's number
/// among the servers (R2 is 2, ZK is 1); clients are numbered as on screen.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum LockObs {
    /// The client now believes it holds the lock.
    Acquire { client: NodeId, token: Option<u64> },
    /// The client has let go of the lock (or stopped believing it holds it).
    Release { client: NodeId, token: Option<u64> },
    /// A server records `client` as holder.
    Grant {
        server: u8,
        /// The server itself, for the words (not in the trace).
        #[serde(skip)]
        by: NodeId,
        client: NodeId,
        token: Option<u64>,
    },
    /// A lease or a session ran out on a server.
    Expire {
        server: u8,
        #[serde(skip)]
        by: NodeId,
        client: NodeId,
        token: Option<u64>,
    },
    /// Storage handled an operation.
    Write {
        client: NodeId,
        token: Option<u64>,
        op: Op,
        read: Option<u64>,
        value: u64,
        accepted: bool,
        reason: Option<&'static str>,
    },
    /// A waiter was woken by a watch.
    Wake { client: NodeId },
}
