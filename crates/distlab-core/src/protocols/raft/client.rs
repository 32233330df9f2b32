//! A client process: one operation at a time, sent to the server it
//! believes leads, redirected by followers, retried with the same number
//! when no answer comes, and recorded as Jepsen records it: an `invoke`,
//! then exactly one of `ok`, `fail` or `info`.

use std::collections::VecDeque;
use std::sync::Arc;

use super::member::RaftCtx;
use super::messages::{Answer, ClientEvent, ClientOp, RaftMsg, RaftObs, RaftTimer};
use super::notes::ReadNote;
use super::workload::Workload;
use crate::sim::{ms, NodeId};

/// Between two operations a client waits a random time around its mean,
/// from half of it to one and a half times it.
const THINK_SPREAD: (f64, f64) = (0.5, 1.5);
/// How soon a client asks again when a server knew no leader to name.
const NO_LEADER_BACKOFF_MS: u64 = 50;

#[derive(Clone, Debug)]
pub struct RaftClient {
    /// `1` for `C1`.
    pub number: usize,
    pub label: Arc<str>,
    pub workload: Arc<Workload>,
    /// Servers are members `0..servers`.
    pub servers: usize,
    /// The server it believes leads.
    pub leader: NodeId,
    /// The operation it waits on; kept across a crash so that the restarted
    /// client can record that it never learnt the outcome.
    pub current: Option<Pending>,
    /// Operations a file, a task or a key asked for, in order.
    pub queue: VecDeque<ClientOp>,
    /// The next request number: kept across a crash, since a reused number
    /// would be taken for a retry.
    pub next_seq: u64,
    /// Operations completed, any way.
    pub completed: u64,
}

/// An operation waiting for its answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pending {
    pub seq: u64,
    pub op: ClientOp,
    /// Attempts so far, the first included.
    pub tries: u32,
}

impl RaftClient {
    pub fn new(number: usize, servers: usize, workload: Arc<Workload>) -> RaftClient {
        RaftClient {
            number,
            label: format!("C{number}").into(),
            workload,
            servers,
            leader: NodeId(((number - 1) % servers) as u8),
            current: None,
            queue: VecDeque::new(),
            next_seq: 1,
            completed: 0,
        }
    }

    pub fn on_start(&mut self, ctx: &mut RaftCtx) {
        self.plan_next(ctx);
    }

    /// A file, a task or a key asks this client for an operation: it
    /// starts now if the client is idle, after the current one otherwise.
    pub fn on_request(&mut self, ctx: &mut RaftCtx, op: ClientOp) {
        self.queue.push_back(op);
        if self.current.is_none() {
            self.start_next(ctx);
        }
    }

    pub fn on_timer(&mut self, ctx: &mut RaftCtx, timer: RaftTimer) {
        match timer {
            RaftTimer::NextOp if self.current.is_none() => self.start_next(ctx),
            RaftTimer::Retry => self.retry(ctx),
            _ => {}
        }
    }

    pub fn on_message(&mut self, ctx: &mut RaftCtx, from: NodeId, msg: RaftMsg) {
        let RaftMsg::ClientReply { seq, answer } = msg else {
            return;
        };
        let Some(pending) = self.current.as_ref().filter(|p| p.seq == seq) else {
            ctx.explain(ReadNote::ClientIgnoresLateAnswer {
                me: ctx.me(),
                from,
                seq,
            });
            return;
        };
        match answer {
            Answer::Ok { value } => {
                let seen = match &pending.op {
                    ClientOp::Read { .. } => value,
                    ClientOp::Write { value, .. } => Some(value.clone()),
                };
                self.leader = from;
                self.finish(ctx, Done::Ok, seen);
            }
            Answer::NotLeader { hint: Some(leader) } if leader != from => {
                ctx.explain(ReadNote::ClientFollowsRedirect {
                    me: ctx.me(),
                    from,
                    leader,
                });
                self.leader = leader;
                self.attempt(ctx);
            }
            Answer::NotLeader { .. } => {
                self.leader = self.next_server(from);
                ctx.set_timer(RaftTimer::Retry, ms(NO_LEADER_BACKOFF_MS));
            }
        }
    }

    /// The client dies: what it was waiting for is lost with it.
    pub fn on_crash(&mut self) {
        self.queue.clear();
    }

    /// Back after a crash: the operation it was waiting for has an outcome
    /// nobody will ever tell it.
    pub fn on_restart(&mut self, ctx: &mut RaftCtx) {
        if self.current.is_some() {
            self.give_up(ctx);
        } else {
            self.plan_next(ctx);
        }
    }

    /// Arms the next operation after a think time, if the workload has the
    /// client start operations by itself.
    fn plan_next(&mut self, ctx: &mut RaftCtx) {
        if !self.queue.is_empty() {
            ctx.set_timer(RaftTimer::NextOp, 0);
            return;
        }
        let rate = self.workload.ops_per_s;
        if rate <= 0.0 {
            return;
        }
        let mean_us = 1_000_000.0 / rate;
        let lo = (mean_us * THINK_SPREAD.0) as u64;
        let hi = (mean_us * THINK_SPREAD.1) as u64;
        let wait = ctx.random_range(lo, hi.max(lo));
        ctx.set_timer(RaftTimer::NextOp, wait);
    }

    fn start_next(&mut self, ctx: &mut RaftCtx) {
        let op = match self.queue.pop_front() {
            Some(op) => op,
            None if self.workload.ops_per_s > 0.0 => self.random_op(ctx),
            None => return,
        };
        let seq = self.next_seq;
        self.next_seq += 1;
        let value = match &op {
            ClientOp::Read { .. } => None,
            ClientOp::Write { value, .. } => Some(value.clone()),
        };
        ctx.observe(RaftObs::Invoke(self.event(&op, value, seq)));
        self.current = Some(Pending { seq, op, tries: 0 });
        self.attempt(ctx);
    }

    /// A read or a write on a random key. Written values are unique in the
    /// run: the request number, then the client's number (`C2`'s third
    /// write is `32`), so that a read's value names the write it saw.
    fn random_op(&mut self, ctx: &mut RaftCtx) -> ClientOp {
        let keys = &self.workload.keys;
        let key: Arc<str> = keys[ctx.random_range(0, keys.len() as u64 - 1) as usize]
            .as_str()
            .into();
        let roll = ctx.random_range(0, 999_999) as f64 / 1_000_000.0;
        if roll < self.workload.reads.0 {
            ClientOp::Read {
                key,
                mode: self.workload.read_mode,
            }
        } else {
            let width = 10u64.pow(self.workload.clients.to_string().len() as u32);
            let value = self.next_seq * width + self.number as u64;
            ClientOp::Write {
                key,
                value: value.to_string().into(),
            }
        }
    }

    /// Sends the current operation to the server it believes leads.
    fn attempt(&mut self, ctx: &mut RaftCtx) {
        let Some(pending) = self.current.as_mut() else {
            return;
        };
        if pending.tries >= self.workload.tries {
            self.give_up(ctx);
            return;
        }
        pending.tries += 1;
        ctx.explain(ReadNote::ClientSends {
            me: ctx.me(),
            to: self.leader,
            op: pending.op.clone(),
            seq: pending.seq,
            attempt: pending.tries,
        });
        ctx.send(
            self.leader,
            RaftMsg::ClientRequest {
                seq: pending.seq,
                op: pending.op.clone(),
            },
        );
        ctx.set_timer(RaftTimer::Retry, ms(self.workload.timeout_ms));
    }

    /// No answer in time: the server may be down, cut off or slow, so the
    /// next one is asked (a follower will redirect).
    fn retry(&mut self, ctx: &mut RaftCtx) {
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
    fn give_up(&mut self, ctx: &mut RaftCtx) {
        let Some(pending) = self.current.as_ref() else {
            return;
        };
        ctx.explain(ReadNote::ClientGivesUp {
            me: ctx.me(),
            op: pending.op.clone(),
        });
        let (done, value) = match &pending.op {
            ClientOp::Read { .. } => (Done::Fail, None),
            ClientOp::Write { value, .. } => (Done::Info, Some(value.clone())),
        };
        self.finish(ctx, done, value);
    }

    fn finish(&mut self, ctx: &mut RaftCtx, done: Done, value: Option<Arc<str>>) {
        let Some(pending) = self.current.take() else {
            return;
        };
        ctx.cancel_timer(RaftTimer::Retry);
        let event = self.event(&pending.op, value, pending.seq);
        ctx.observe(match done {
            Done::Ok => RaftObs::Ok(event),
            Done::Fail => RaftObs::Fail(event),
            Done::Info => RaftObs::Info(event),
        });
        self.completed += 1;
        self.plan_next(ctx);
    }

    fn event(&self, op: &ClientOp, value: Option<Arc<str>>, seq: u64) -> ClientEvent {
        ClientEvent {
            client: self.label.clone(),
            op: op.name(),
            key: op.key().clone(),
            value,
            req: seq,
        }
    }
}

/// How an operation ended.
#[derive(Clone, Copy)]
enum Done {
    Ok,
    Fail,
    Info,
}
