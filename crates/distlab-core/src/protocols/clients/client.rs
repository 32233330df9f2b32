//! A client process: one operation at a time, sent to the server it
//! believes leads, redirected by followers, retried with the same number
//! when no answer comes, and recorded as Jepsen records it: an `invoke`,
//! then exactly one of `ok`, `fail` or `info`.

use std::collections::VecDeque;
use std::sync::Arc;

use super::notes::ClientNote;
use super::op::{Answer, ClientEvent, ClientOp, ReadKind};
use crate::history::{EventKind, Outcome};
use crate::protocols::{Mark, RoleTone};
use crate::sim::{ms, Actor, Ctx, NodeId};

/// Between two operations a client waits a random time around its mean,
/// from half of it to one and a half times it.
const THINK_SPREAD: (f64, f64) = (0.5, 1.5);
/// How soon a client asks again when a server knew no leader to name.
const NO_LEADER_BACKOFF_MS: u64 = 50;

/// A family whose members include client processes: how their requests,
/// timers, records and notes look in the family's own types.
pub trait ClientHost: Actor {
    /// How its servers may answer a read.
    type Mode: ReadKind;

    fn request(seq: u64, op: ClientOp<Self::Mode>) -> Self::Msg;
    fn timer(timer: ClientTimer) -> Self::Timer;
    fn note(note: ClientNote<Self::Mode>) -> Self::Note;
    /// The trace record of one event of a client's history.
    fn record(kind: EventKind, event: ClientEvent) -> Self::Obs;
    /// The event of a client's history `obs` records, if it records one.
    fn client_event(obs: &Self::Obs) -> Option<(EventKind, &ClientEvent)>;
    /// The member as a client process, if it is one.
    fn as_client(&self) -> Option<&Client<Self::Mode>>;
}

/// A client process's two timers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClientTimer {
    /// Time to start the next operation.
    NextOp,
    /// No answer in time; ask again.
    Retry,
}

/// How busy the clients are, and how they read: the part of a family's
/// `workload:` its clients act on.
#[derive(Clone, Debug, PartialEq)]
pub struct Load<M> {
    pub clients: usize,
    /// Operations each client starts per second; 0 for clients that act
    /// only when a file, a task or a key tells them to.
    pub ops_per_s: f64,
    pub keys: Vec<String>,
    /// The share of operations that are reads.
    pub reads: f64,
    pub read_mode: M,
    /// How long a client waits for an answer before it tries again.
    pub timeout_ms: u64,
    /// Attempts before a client gives up on an operation.
    pub tries: u32,
}

#[derive(Clone, Debug)]
pub struct Client<M> {
    /// `1` for `C1`.
    pub number: usize,
    pub label: Arc<str>,
    pub load: Arc<Load<M>>,
    /// Servers are members `0..servers`.
    pub servers: usize,
    /// The server it believes leads.
    pub leader: NodeId,
    /// The operation it waits on; kept across a crash so that the restarted
    /// client can record that it never learnt the outcome.
    pub current: Option<Pending<M>>,
    /// Operations a file, a task or a key asked for, in order.
    pub queue: VecDeque<ClientOp<M>>,
    /// The next request number: kept across a crash, since a reused number
    /// would be taken for a retry.
    pub next_seq: u64,
    /// Operations completed, any way.
    pub completed: u64,
}

/// An operation waiting for its answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pending<M> {
    pub seq: u64,
    pub op: ClientOp<M>,
    /// Attempts so far, the first included.
    pub tries: u32,
}

impl<M: ReadKind> Client<M> {
    /// How the cluster picture marks the client: `R` reading, `W` writing,
    /// `·` between operations.
    pub fn mark(&self) -> Mark {
        let (letter, tone) = match self.current.as_ref().map(|p| &p.op) {
            Some(ClientOp::Read { .. }) => ('R', RoleTone::Active),
            Some(ClientOp::Write { .. }) => ('W', RoleTone::Active),
            None => ('·', RoleTone::Passive),
        };
        Mark::new(letter, "client", tone)
    }

    /// What decides the client's future, for the explorer's fingerprints:
    /// whom it asks, what it waits for and what it will ask next.
    pub fn hash_state(&self, h: &mut impl std::hash::Hasher)
    where
        M: std::hash::Hash,
    {
        use std::hash::Hash;
        (self.leader, self.next_seq, self.completed).hash(h);
        self.current
            .as_ref()
            .map(|p| (p.seq, &p.op, p.tries))
            .hash(h);
        self.queue.hash(h);
    }

    pub fn new(number: usize, servers: usize, load: Arc<Load<M>>) -> Client<M> {
        Client {
            number,
            label: format!("C{number}").into(),
            load,
            servers,
            leader: NodeId(((number - 1) % servers) as u8),
            current: None,
            queue: VecDeque::new(),
            next_seq: 1,
            completed: 0,
        }
    }

    pub fn on_start<A: ClientHost<Mode = M>>(&mut self, ctx: &mut Ctx<A>) {
        self.plan_next(ctx);
    }

    /// A file, a task or a key asks this client for an operation: it
    /// starts now if the client is idle, after the current one otherwise.
    pub fn on_request<A: ClientHost<Mode = M>>(&mut self, ctx: &mut Ctx<A>, op: ClientOp<M>) {
        self.queue.push_back(op);
        if self.current.is_none() {
            self.start_next(ctx);
        }
    }

    pub fn on_timer<A: ClientHost<Mode = M>>(&mut self, ctx: &mut Ctx<A>, timer: ClientTimer) {
        match timer {
            ClientTimer::NextOp if self.current.is_none() => self.start_next(ctx),
            ClientTimer::NextOp => {}
            ClientTimer::Retry => self.retry(ctx),
        }
    }

    /// A server answers request `seq`.
    pub fn on_answer<A: ClientHost<Mode = M>>(
        &mut self,
        ctx: &mut Ctx<A>,
        from: NodeId,
        seq: u64,
        answer: Answer,
    ) {
        let me = ctx.me();
        let Some(pending) = self.current.as_ref().filter(|p| p.seq == seq) else {
            ctx.explain(A::note(ClientNote::IgnoresLateAnswer { me, from, seq }));
            return;
        };
        match answer {
            Answer::Ok { value } => {
                let seen = match &pending.op {
                    ClientOp::Read { .. } => value,
                    ClientOp::Write { value, .. } => Some(value.clone()),
                };
                self.leader = from;
                self.finish(ctx, Outcome::Ok, seen);
            }
            Answer::NotLeader { hint: Some(leader) } if leader != from => {
                ctx.explain(A::note(ClientNote::FollowsRedirect { me, from, leader }));
                self.leader = leader;
                self.attempt(ctx);
            }
            Answer::NotLeader { .. } => {
                self.leader = self.next_server(from);
                ctx.set_timer(A::timer(ClientTimer::Retry), ms(NO_LEADER_BACKOFF_MS));
            }
        }
    }

    /// The client dies: what it was asked to do is lost with it.
    pub fn on_crash(&mut self) {
        self.queue.clear();
    }

    /// Back after a crash: the operation it was waiting for has an outcome
    /// nobody will ever tell it.
    pub fn on_restart<A: ClientHost<Mode = M>>(&mut self, ctx: &mut Ctx<A>) {
        if self.current.is_some() {
            self.give_up(ctx);
        } else {
            self.plan_next(ctx);
        }
    }

    /// Arms the next operation after a think time, if the workload has the
    /// client start operations by itself.
    fn plan_next<A: ClientHost<Mode = M>>(&mut self, ctx: &mut Ctx<A>) {
        if !self.queue.is_empty() {
            ctx.set_timer(A::timer(ClientTimer::NextOp), 0);
            return;
        }
        let rate = self.load.ops_per_s;
        if rate <= 0.0 {
            return;
        }
        let mean_us = 1_000_000.0 / rate;
        let lo = (mean_us * THINK_SPREAD.0) as u64;
        let hi = (mean_us * THINK_SPREAD.1) as u64;
        let wait = ctx.random_range(lo, hi.max(lo));
        ctx.set_timer(A::timer(ClientTimer::NextOp), wait);
    }

    fn start_next<A: ClientHost<Mode = M>>(&mut self, ctx: &mut Ctx<A>) {
        let op = match self.queue.pop_front() {
            Some(op) => op,
            None if self.load.ops_per_s > 0.0 => self.random_op(ctx),
            None => return,
        };
        let seq = self.next_seq;
        self.next_seq += 1;
        ctx.observe(A::record(
            EventKind::Invoke,
            self.event(&op, op.written(), seq),
        ));
        self.current = Some(Pending { seq, op, tries: 0 });
        self.attempt(ctx);
    }

    /// A read or a write on a random key. Written values are unique in the
    /// run: the request number, then the client's number (`C2`'s third
    /// write is `32`), so that a read's value names the write it saw.
    fn random_op<A: ClientHost<Mode = M>>(&mut self, ctx: &mut Ctx<A>) -> ClientOp<M> {
        let keys = &self.load.keys;
        let key: Arc<str> = keys[ctx.random_range(0, keys.len() as u64 - 1) as usize]
            .as_str()
            .into();
        let roll = ctx.random_range(0, 999_999) as f64 / 1_000_000.0;
        if roll < self.load.reads {
            ClientOp::Read {
                key,
                mode: self.load.read_mode,
            }
        } else {
            let width = 10u64.pow(self.load.clients.to_string().len() as u32);
            let value = self.next_seq * width + self.number as u64;
            ClientOp::Write {
                key,
                value: value.to_string().into(),
            }
        }
    }

    /// Sends the current operation to the server it believes leads.
    fn attempt<A: ClientHost<Mode = M>>(&mut self, ctx: &mut Ctx<A>) {
        let Some(pending) = self.current.as_mut() else {
            return;
        };
        if pending.tries >= self.load.tries {
            self.give_up(ctx);
            return;
        }
        pending.tries += 1;
        ctx.explain(A::note(ClientNote::Sends {
            me: ctx.me(),
            to: self.leader,
            op: pending.op.clone(),
            seq: pending.seq,
            attempt: pending.tries,
        }));
        ctx.send(self.leader, A::request(pending.seq, pending.op.clone()));
        ctx.set_timer(A::timer(ClientTimer::Retry), ms(self.load.timeout_ms));
    }

    /// No answer in time: the server may be down, cut off or slow, so the
    /// next one is asked (a follower will redirect).
    fn retry<A: ClientHost<Mode = M>>(&mut self, ctx: &mut Ctx<A>) {
        if self.current.is_none() {
            return;
        }
        self.leader = self.next_server(self.leader);
        self.attempt(ctx);
    }

    fn next_server(&self, after: NodeId) -> NodeId {
        NodeId(((after.index() + 1) % self.servers) as u8)
    }

    /// Out of tries, or crashed while waiting: a write may still take
    /// effect (`info`); a read changed nothing (`fail`).
    fn give_up<A: ClientHost<Mode = M>>(&mut self, ctx: &mut Ctx<A>) {
        let Some(pending) = self.current.as_ref() else {
            return;
        };
        ctx.explain(A::note(ClientNote::GivesUp {
            me: ctx.me(),
            op: pending.op.clone(),
        }));
        let outcome = match &pending.op {
            ClientOp::Read { .. } => Outcome::Fail,
            ClientOp::Write { .. } => Outcome::Info,
        };
        let value = pending.op.written();
        self.finish(ctx, outcome, value);
    }

    fn finish<A: ClientHost<Mode = M>>(
        &mut self,
        ctx: &mut Ctx<A>,
        outcome: Outcome,
        value: Option<Arc<str>>,
    ) {
        let Some(pending) = self.current.take() else {
            return;
        };
        ctx.cancel_timer(A::timer(ClientTimer::Retry));
        let event = self.event(&pending.op, value, pending.seq);
        ctx.observe(A::record(EventKind::Done(outcome), event));
        self.completed += 1;
        self.plan_next(ctx);
    }

    fn event(&self, op: &ClientOp<M>, value: Option<Arc<str>>, seq: u64) -> ClientEvent {
        ClientEvent {
            client: self.label.clone(),
            op: op.name(),
            key: op.key().clone(),
            value,
            req: seq,
        }
    }
}
