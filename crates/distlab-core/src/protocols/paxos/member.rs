//! A member of a Paxos cluster: a server (`S1…`: acceptor, learner and
//! perhaps proposer) or, when a Multi-Paxos scenario has a workload, a
//! client process (`C1…`, after the servers), behind the engine's one
//! actor type.

use std::sync::Arc;

use super::checker::PaxosChecker;
use super::messages::{PaxosMsg, PaxosObs, PaxosTimer};
use super::node::PaxosNode;
use super::notes::PaxosNote;
use super::workload::LogRead;
use crate::history::{EventKind, Outcome};
use crate::protocols::clients::{
    self, ClientAlias, ClientEvent, ClientHost, ClientNote, ClientOp, ClientTimer,
};
use crate::sim::{Actor, Ctx, NodeId, NodeStatus};

pub(super) type PaxosCtx<'a> = Ctx<'a, PaxosMember>;

/// A client process of a Multi-Paxos cluster.
pub type PaxosClient = clients::Client<LogRead>;

/// Servers outnumber clients and are the larger, so a client's unused
/// bytes cost less than a box around every server would.
#[derive(Clone, Debug)]
#[allow(clippy::large_enum_variant)]
pub enum PaxosMember {
    Server(PaxosNode),
    Client(PaxosClient),
}

/// A request from outside the cluster, as a file, a task or a key gives
/// it: a proposer takes a value to propose; a client process makes an
/// operation of its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Submit {
    Propose(Arc<str>),
    /// `key=value`.
    Write(Arc<str>),
    /// The key to read.
    Read(Arc<str>),
}

impl PaxosMember {
    pub fn server(&self) -> Option<&PaxosNode> {
        match self {
            PaxosMember::Server(s) => Some(s),
            PaxosMember::Client(_) => None,
        }
    }

    pub fn client(&self) -> Option<&PaxosClient> {
        match self {
            PaxosMember::Client(c) => Some(c),
            PaxosMember::Server(_) => None,
        }
    }
}

impl Actor for PaxosMember {
    type Msg = PaxosMsg;
    type Timer = PaxosTimer;
    type Request = Submit;
    type Obs = PaxosObs;
    type Note = PaxosNote;
    type Checker = PaxosChecker;
    type Alias = ClientAlias;

    fn on_start(&mut self, ctx: &mut PaxosCtx) {
        match self {
            PaxosMember::Server(s) => s.on_start(ctx),
            PaxosMember::Client(c) => c.on_start(ctx),
        }
    }

    fn on_message(&mut self, ctx: &mut PaxosCtx, from: NodeId, msg: PaxosMsg) {
        match (self, msg) {
            (PaxosMember::Server(s), msg) => s.on_message(ctx, from, msg),
            (PaxosMember::Client(c), PaxosMsg::ClientReply { seq, answer }) => {
                c.on_answer(ctx, from, seq, answer)
            }
            (PaxosMember::Client(_), _) => {}
        }
    }

    fn on_timer(&mut self, ctx: &mut PaxosCtx, timer: PaxosTimer) {
        match (self, timer) {
            (PaxosMember::Server(s), timer) => s.on_timer(ctx, timer),
            (PaxosMember::Client(c), PaxosTimer::NextOp) => c.on_timer(ctx, ClientTimer::NextOp),
            (PaxosMember::Client(c), PaxosTimer::ClientRetry) => {
                c.on_timer(ctx, ClientTimer::Retry)
            }
            (PaxosMember::Client(_), _) => {}
        }
    }

    fn on_request(&mut self, ctx: &mut PaxosCtx, request: Submit) {
        match (self, request) {
            (PaxosMember::Server(s), Submit::Propose(value)) => s.on_propose(ctx, value),
            (PaxosMember::Server(s), Submit::Write(value) | Submit::Read(value)) => {
                ctx.turn_away(PaxosNote::NotAClient { me: s.id, value })
            }
            (PaxosMember::Client(c), Submit::Write(text)) => {
                let (key, value) = text.split_once('=').unwrap_or((&text, ""));
                let op = ClientOp::Write {
                    key: key.into(),
                    value: value.into(),
                };
                c.on_request(ctx, op);
            }
            (PaxosMember::Client(c), Submit::Read(key)) => {
                let op = ClientOp::Read {
                    key,
                    mode: LogRead::Log,
                };
                c.on_request(ctx, op);
            }
            (PaxosMember::Client(_), Submit::Propose(value)) => {
                let me = ctx.me();
                ctx.turn_away(PaxosNote::NotProposer { me, value })
            }
        }
    }

    fn on_crash(&mut self) {
        match self {
            PaxosMember::Server(s) => s.on_crash(),
            PaxosMember::Client(c) => c.on_crash(),
        }
    }

    fn on_restart(&mut self, ctx: &mut PaxosCtx) {
        match self {
            PaxosMember::Server(s) => s.on_start(ctx),
            PaxosMember::Client(c) => c.on_restart(ctx),
        }
    }

    fn on_force_timeout(&mut self, ctx: &mut PaxosCtx) {
        if let PaxosMember::Server(s) = self {
            s.on_force_timeout(ctx);
        }
    }

    fn resolve_alias(nodes: &[Self], _: &[NodeStatus], alias: ClientAlias) -> Option<NodeId> {
        alias.resolve(nodes)
    }

    fn label(nodes: &[Self], id: NodeId) -> String {
        match &nodes[id.index()] {
            PaxosMember::Server(_) => id.to_string(),
            PaxosMember::Client(c) => c.label.to_string(),
        }
    }

    fn leading_term(&self) -> Option<u64> {
        self.server().and_then(PaxosNode::leading_term)
    }
}

impl ClientHost for PaxosMember {
    type Mode = LogRead;

    fn request(seq: u64, op: ClientOp<LogRead>) -> PaxosMsg {
        PaxosMsg::ClientRequest { seq, op }
    }

    fn timer(timer: ClientTimer) -> PaxosTimer {
        match timer {
            ClientTimer::NextOp => PaxosTimer::NextOp,
            ClientTimer::Retry => PaxosTimer::ClientRetry,
        }
    }

    fn note(note: ClientNote<LogRead>) -> PaxosNote {
        note.into()
    }

    fn record(kind: EventKind, event: ClientEvent) -> PaxosObs {
        match kind {
            EventKind::Invoke => PaxosObs::Invoke(event),
            EventKind::Done(Outcome::Ok) => PaxosObs::Ok(event),
            EventKind::Done(Outcome::Fail) => PaxosObs::Fail(event),
            EventKind::Done(Outcome::Info) => PaxosObs::Info(event),
        }
    }

    fn client_event(obs: &PaxosObs) -> Option<(EventKind, &ClientEvent)> {
        match obs {
            PaxosObs::Invoke(e) => Some((EventKind::Invoke, e)),
            PaxosObs::Ok(e) => Some((EventKind::Done(Outcome::Ok), e)),
            PaxosObs::Fail(e) => Some((EventKind::Done(Outcome::Fail), e)),
            PaxosObs::Info(e) => Some((EventKind::Done(Outcome::Info), e)),
            _ => None,
        }
    }

    fn as_client(&self) -> Option<&PaxosClient> {
        self.client()
    }
}
