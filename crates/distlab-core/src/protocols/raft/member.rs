//! A member of a Raft cluster: a server (`S1…`, the rules of Figure 2)
//! or, when the scenario has a workload, a client process (`C1…`, after
//! the servers), behind the engine's one actor type.

use std::sync::Arc;

use super::messages::{ClientOp, RaftMsg, RaftObs, RaftTimer};
use super::node::RaftNode;
use super::notes::RaftNote;
use super::workload::ReadMode;
use super::RaftChecker;
use crate::history::{EventKind, Outcome};
use crate::protocols::clients::{
    self, ClientAlias, ClientEvent, ClientHost, ClientNote, ClientTimer,
};
use crate::sim::{Actor, Ctx, NodeId, NodeStatus};

pub(super) type RaftCtx<'a> = Ctx<'a, RaftMember>;

/// A client process of a Raft cluster.
pub type RaftClient = clients::Client<ReadMode>;

/// Servers are the larger variant and the common one; boxing them would add
/// an allocation per server to every copy of the simulation (the explorer
/// and the history make many), to save the room of a few client processes.
#[derive(Clone, Debug)]
#[allow(clippy::large_enum_variant)]
pub enum RaftMember {
    Server(RaftNode),
    Client(RaftClient),
}

/// A request from outside the cluster, as a file, a task or a key gives
/// it: a server takes a write as a client talking to it would (a follower
/// passes it on); a client process makes either an operation of its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// `key=value`.
    Write(Arc<str>),
    /// The key to read, and the read mode when the request names one
    /// (else the workload's).
    Read(Arc<str>, Option<ReadMode>),
    /// Add this server to the configuration (the leader takes it).
    AddServer(NodeId),
    /// Remove this server from the configuration.
    RemoveServer(NodeId),
}

impl RaftMember {
    pub fn server(&self) -> Option<&RaftNode> {
        match self {
            RaftMember::Server(s) => Some(s),
            RaftMember::Client(_) => None,
        }
    }

    pub fn client(&self) -> Option<&RaftClient> {
        match self {
            RaftMember::Client(c) => Some(c),
            RaftMember::Server(_) => None,
        }
    }
}

impl Actor for RaftMember {
    type Msg = RaftMsg;
    type Timer = RaftTimer;
    type Request = Command;
    type Obs = RaftObs;
    type Note = RaftNote;
    type Checker = RaftChecker;
    type Alias = ClientAlias;

    fn on_start(&mut self, ctx: &mut RaftCtx) {
        match self {
            RaftMember::Server(s) => s.on_start(ctx),
            RaftMember::Client(c) => c.on_start(ctx),
        }
    }

    fn on_message(&mut self, ctx: &mut RaftCtx, from: NodeId, msg: RaftMsg) {
        match (self, msg) {
            (RaftMember::Server(s), msg) => s.on_message(ctx, from, msg),
            (RaftMember::Client(c), RaftMsg::ClientReply { seq, answer }) => {
                c.on_answer(ctx, from, seq, answer)
            }
            (RaftMember::Client(_), _) => {}
        }
    }

    fn on_timer(&mut self, ctx: &mut RaftCtx, timer: RaftTimer) {
        match (self, timer) {
            (RaftMember::Server(s), timer) => s.on_timer(ctx, timer),
            (RaftMember::Client(c), RaftTimer::NextOp) => c.on_timer(ctx, ClientTimer::NextOp),
            (RaftMember::Client(c), RaftTimer::Retry) => c.on_timer(ctx, ClientTimer::Retry),
            (RaftMember::Client(_), _) => {}
        }
    }

    fn on_request(&mut self, ctx: &mut RaftCtx, command: Command) {
        match self {
            RaftMember::Server(s) => s.on_request(ctx, command),
            RaftMember::Client(c) => {
                let op = match command {
                    Command::Write(text) => {
                        let (key, value) = text.split_once('=').unwrap_or((&text, ""));
                        ClientOp::Write {
                            key: key.into(),
                            value: value.into(),
                        }
                    }
                    Command::Read(key, mode) => ClientOp::Read {
                        key,
                        mode: mode.unwrap_or(c.load.read_mode),
                    },
                    Command::AddServer(_) | Command::RemoveServer(_) => {
                        return ctx.turn_away(RaftNote::NotAServer { me: ctx.me() });
                    }
                };
                c.on_request(ctx, op);
            }
        }
    }

    fn on_crash(&mut self) {
        match self {
            RaftMember::Server(s) => s.on_crash(),
            RaftMember::Client(c) => c.on_crash(),
        }
    }

    fn on_restart(&mut self, ctx: &mut RaftCtx) {
        match self {
            RaftMember::Server(s) => s.on_restart(ctx),
            RaftMember::Client(c) => c.on_restart(ctx),
        }
    }

    fn on_force_timeout(&mut self, ctx: &mut RaftCtx) {
        if let RaftMember::Server(s) = self {
            s.on_force_timeout(ctx);
        }
    }

    fn resolve_alias(nodes: &[Self], _: &[NodeStatus], alias: ClientAlias) -> Option<NodeId> {
        alias.resolve(nodes)
    }

    fn label(nodes: &[Self], id: NodeId) -> String {
        match &nodes[id.index()] {
            RaftMember::Server(_) => id.to_string(),
            RaftMember::Client(c) => c.label.to_string(),
        }
    }

    fn leading_term(&self) -> Option<u64> {
        self.server().and_then(RaftNode::leading_term)
    }
}

impl ClientHost for RaftMember {
    type Mode = ReadMode;

    fn request(seq: u64, op: ClientOp) -> RaftMsg {
        RaftMsg::ClientRequest { seq, op }
    }

    fn timer(timer: ClientTimer) -> RaftTimer {
        match timer {
            ClientTimer::NextOp => RaftTimer::NextOp,
            ClientTimer::Retry => RaftTimer::Retry,
        }
    }

    fn note(note: ClientNote<ReadMode>) -> RaftNote {
        note.into()
    }

    fn record(kind: EventKind, event: ClientEvent) -> RaftObs {
        match kind {
            EventKind::Invoke => RaftObs::Invoke(event),
            EventKind::Done(Outcome::Ok) => RaftObs::Ok(event),
            EventKind::Done(Outcome::Fail) => RaftObs::Fail(event),
            EventKind::Done(Outcome::Info) => RaftObs::Info(event),
        }
    }

    fn client_event(obs: &RaftObs) -> Option<(EventKind, &ClientEvent)> {
        match obs {
            RaftObs::Invoke(e) => Some((EventKind::Invoke, e)),
            RaftObs::Ok(e) => Some((EventKind::Done(Outcome::Ok), e)),
            RaftObs::Fail(e) => Some((EventKind::Done(Outcome::Fail), e)),
            RaftObs::Info(e) => Some((EventKind::Done(Outcome::Info), e)),
            _ => None,
        }
    }

    fn as_client(&self) -> Option<&RaftClient> {
        self.client()
    }
}
