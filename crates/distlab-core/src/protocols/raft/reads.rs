//! What a server does with a client process's request: writes and `Log`
//! reads go through the log and are answered when applied; the other read
//! modes answer from the state machine, each with its own check first
//! (dissertation §6.4).

use std::collections::BTreeMap;
use std::sync::Arc;

use super::log::RequestId;
use super::member::RaftCtx;
use super::messages::{ClientOp, RaftMsg, Role};
use super::node::{RaftNode, NOOP};
use super::notes::{RaftNote, ReadNote};
use super::workload::ReadMode;
use crate::protocols::clients::{Answer, ClientNote};
use crate::sim::{NodeId, SimTime};

/// Each client's last request applied, and the answer it got.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Sessions {
    last: BTreeMap<NodeId, (u64, Option<Arc<str>>)>,
}

impl Sessions {
    /// The answer to `seq` if the state machine has applied it (or a
    /// later request of the same client, which makes this one a stale
    /// repeat whose answer nobody waits for).
    pub fn answered(&self, client: NodeId, seq: u64) -> Option<Option<Arc<str>>> {
        match self.last.get(&client) {
            Some((last, answer)) if *last == seq => Some(answer.clone()),
            Some((last, _)) if *last > seq => Some(None),
            _ => None,
        }
    }

    /// Records that `seq` was applied with `answer`.
    fn record(&mut self, client: NodeId, seq: u64, answer: Option<Arc<str>>) {
        self.last.insert(client, (seq, answer));
    }
}

/// Rounds of heartbeats a leader counts to know it still leads: a round
/// is confirmed once a majority, itself included, answered a message of
/// that round or a later one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rounds {
    /// The latest round started; every AppendEntries carries it.
    pub latest: u64,
    /// The latest round each server answered, by server.
    acked: Vec<u64>,
    /// When each unconfirmed or latest confirmed round started, on the
    /// leader's own clock.
    started: BTreeMap<u64, SimTime>,
}

impl Rounds {
    pub fn new(servers: usize) -> Rounds {
        Rounds {
            latest: 0,
            acked: vec![0; servers],
            started: BTreeMap::new(),
        }
    }

    /// Forgets the answers of an earlier term.
    pub(super) fn restart(&mut self) {
        self.acked.iter_mut().for_each(|a| *a = 0);
        self.started.clear();
    }

    fn start(&mut self, local_now: SimTime) -> u64 {
        self.latest += 1;
        self.started.insert(self.latest, local_now);
        self.latest
    }

    /// The newest round a majority confirmed, counting `me` as answering
    /// every round.
    fn confirmed(&self, me: NodeId, majority: usize) -> u64 {
        let mut others: Vec<u64> = (0..self.acked.len())
            .filter(|&i| i != me.index())
            .map(|i| self.acked[i])
            .collect();
        others.sort_unstable_by(|a, b| b.cmp(a));
        match majority {
            0 | 1 => self.latest,
            m => others.get(m - 2).copied().unwrap_or(0),
        }
    }

    /// `from` answered `round`; rounds older than the newest confirmed one
    /// are forgotten.
    fn ack(&mut self, from: NodeId, round: u64, me: NodeId, majority: usize) {
        if let Some(a) = self.acked.get_mut(from.index()) {
            *a = (*a).max(round);
        }
        let confirmed = self.confirmed(me, majority);
        self.started = self.started.split_off(&confirmed);
    }

    /// When the newest confirmed round started.
    fn confirmed_start(&self, me: NodeId, majority: usize) -> Option<SimTime> {
        self.started.get(&self.confirmed(me, majority)).copied()
    }
}

/// A read waiting at the leader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingRead {
    pub client: NodeId,
    pub seq: u64,
    pub key: Arc<str>,
    /// The commit index it must see applied, once the leader has committed
    /// an entry of its own term.
    pub index: Option<u64>,
    /// The round that must confirm the leader still leads; 0 when a lease
    /// stood in for the round.
    pub round: u64,
    pub mode: ReadMode,
}

impl RaftNode {
    pub(super) fn on_client_request(
        &mut self,
        ctx: &mut RaftCtx,
        client: NodeId,
        seq: u64,
        op: ClientOp,
    ) {
        if let ClientOp::Read {
            key,
            mode: ReadMode::FollowerLocal,
        } = &op
        {
            return self.answer_locally(ctx, client, seq, key, ReadMode::FollowerLocal);
        }
        if self.role != Role::Leader {
            let hint = self.leader_hint.filter(|&h| h != self.id);
            ctx.explain(ClientNote::Redirects {
                me: self.id,
                client,
                hint,
            });
            return ctx.send(
                client,
                RaftMsg::ClientReply {
                    seq,
                    answer: Answer::NotLeader { hint },
                },
            );
        }
        match op {
            ClientOp::Read {
                key,
                mode: ReadMode::LeaderLocal,
            } => self.answer_locally(ctx, client, seq, &key, ReadMode::LeaderLocal),
            ClientOp::Read {
                key,
                mode: mode @ (ReadMode::ReadIndex | ReadMode::Lease),
            } => self.register_read(ctx, client, seq, key, mode),
            op => self.through_the_log(ctx, client, seq, op),
        }
    }

    /// A write, or a `Log` read: an entry, answered when applied.
    fn through_the_log(&mut self, ctx: &mut RaftCtx, client: NodeId, seq: u64, op: ClientOp) {
        if let Some(value) = self.sessions.answered(client, seq) {
            ctx.explain(ClientNote::AnswersRepeat {
                me: self.id,
                client,
            });
            return self.reply(ctx, client, seq, value);
        }
        let request = RequestId::Client { client, seq };
        if let Some(index) = self.log.index_of(request) {
            ctx.explain(RaftNote::DropsRepeat {
                me: self.id,
                value: op.to_string().into(),
                index,
            });
            return;
        }
        self.append_request(ctx, op.to_string().into(), request);
    }

    fn answer_locally(
        &mut self,
        ctx: &mut RaftCtx,
        client: NodeId,
        seq: u64,
        key: &str,
        mode: ReadMode,
    ) {
        let value = self.value_of(key);
        ctx.explain(ReadNote::AnswersRead {
            me: self.id,
            client,
            key: key.into(),
            value: value.clone(),
            mode,
        });
        self.reply(ctx, client, seq, value);
    }

    /// A `ReadIndex` or `Lease` read: the leader first commits an entry of
    /// its own term (a no-op if it has none), since only then does its
    /// commit index cover every write acknowledged before.
    fn register_read(
        &mut self,
        ctx: &mut RaftCtx,
        client: NodeId,
        seq: u64,
        key: Arc<str>,
        mode: ReadMode,
    ) {
        if !self.term_committed() && self.log.last_term() != self.current_term {
            self.log.append(self.current_term, NOOP.into());
            ctx.explain(RaftNote::AppendsNoop {
                me: self.id,
                term: self.current_term,
            });
            self.replicate_all(ctx);
        }
        // A lease rests on a promise every server keeps only in a cluster
        // configured for leases: elsewhere a `Lease` read is a ReadIndex one.
        let leases = self.config.read_mode == Some(ReadMode::Lease);
        let leased =
            mode == ReadMode::Lease && leases && self.term_committed() && self.lease_holds(ctx);
        ctx.explain(ReadNote::HoldsRead {
            me: self.id,
            client,
            key: key.clone(),
            leased,
        });
        self.pending_reads.push(PendingRead {
            client,
            seq,
            key,
            index: leased.then_some(self.commit_index),
            round: 0,
            mode: if leased {
                ReadMode::Lease
            } else {
                ReadMode::ReadIndex
            },
        });
        self.serve_reads(ctx);
    }

    fn term_committed(&self) -> bool {
        self.log.term_at(self.commit_index) == Some(self.current_term)
    }

    /// Whether a majority answered a round that started less than the
    /// minimum election timeout, less the drift bound, ago on this
    /// server's clock: until then no other server can have been elected.
    fn lease_holds(&self, ctx: &RaftCtx) -> bool {
        let (min_timeout, _) = self.config.election_timeout;
        let length = min_timeout.saturating_sub(self.config.drift_bound);
        self.rounds
            .confirmed_start(self.id, self.majority())
            .is_some_and(|start| ctx.local_now() < start + length)
    }

    /// A follower's answer to a round: one more vote of confidence.
    pub(super) fn on_round_ack(&mut self, ctx: &mut RaftCtx, from: NodeId, term: u64, round: u64) {
        let counts = self.members.contains(&from);
        if round > 0 && counts && self.role == Role::Leader && term == self.current_term {
            let majority = self.majority();
            self.rounds.ack(from, round, self.id, majority);
            self.serve_reads(ctx);
        }
    }

    /// Under `Lease` reads every heartbeat starts a round, which renews
    /// the lease; otherwise heartbeats carry the latest round.
    pub(super) fn heartbeat_round(&mut self, ctx: &mut RaftCtx) {
        if self.config.read_mode == Some(ReadMode::Lease) {
            self.rounds.start(ctx.local_now());
        }
        self.broadcast_append(ctx);
    }

    /// Gives waiting reads their index and round, and answers those that
    /// are confirmed and applied.
    pub(super) fn serve_reads(&mut self, ctx: &mut RaftCtx) {
        if self.role != Role::Leader || self.pending_reads.is_empty() {
            return;
        }
        if self.term_committed() && self.pending_reads.iter().any(|r| r.index.is_none()) {
            let round = self.rounds.start(ctx.local_now());
            for read in self.pending_reads.iter_mut().filter(|r| r.index.is_none()) {
                read.index = Some(self.commit_index);
                read.round = round;
            }
            ctx.explain(ReadNote::ConfirmsLeadership {
                me: self.id,
                index: self.commit_index,
            });
            self.broadcast_append(ctx);
        }
        let confirmed = self.rounds.confirmed(self.id, self.majority());
        let applied = self.last_applied;
        let (ready, waiting): (Vec<_>, Vec<_>) = std::mem::take(&mut self.pending_reads)
            .into_iter()
            .partition(|r| r.index.is_some_and(|i| i <= applied) && r.round <= confirmed);
        self.pending_reads = waiting;
        for read in ready {
            self.answer_locally(ctx, read.client, read.seq, &read.key, read.mode);
        }
    }

    /// A leader that steps down tells the clients whose reads it held.
    pub(super) fn drop_pending_reads(&mut self, ctx: &mut RaftCtx) {
        for read in std::mem::take(&mut self.pending_reads) {
            ctx.send(
                read.client,
                RaftMsg::ClientReply {
                    seq: read.seq,
                    answer: Answer::NotLeader { hint: None },
                },
            );
        }
    }

    /// Applies one committed entry that came from a client process: once,
    /// however many times it was appended, and answered by the leader.
    pub(super) fn apply_client_entry(
        &mut self,
        ctx: &mut RaftCtx,
        client: NodeId,
        seq: u64,
        value: &str,
    ) {
        if self.sessions.answered(client, seq).is_some() {
            return;
        }
        let answer = match value.split_once('=') {
            Some((k, v)) => {
                self.state.insert(k.to_owned(), v.to_owned());
                None
            }
            None => self.value_of(value.trim_end_matches('?')),
        };
        self.sessions.record(client, seq, answer.clone());
        if self.role == Role::Leader {
            self.reply(ctx, client, seq, answer);
        }
    }

    /// A request handed straight to this server to read `key`: it says
    /// what its own state machine holds.
    pub(super) fn show_value(&mut self, ctx: &mut RaftCtx, key: &str) {
        ctx.explain(ReadNote::ShowsValue {
            me: self.id,
            key: key.into(),
            value: self.value_of(key),
        });
    }

    /// Under `Lease` reads a restarted server waits out one minimum
    /// election timeout before it votes, as if it had just heard from a
    /// leader: it may have promised a lease before it crashed.
    pub(super) fn wait_out_old_leases(&mut self, ctx: &RaftCtx) {
        if self.config.read_mode == Some(ReadMode::Lease) {
            self.last_leader_contact = Some(ctx.local_now());
        }
    }

    fn value_of(&self, key: &str) -> Option<Arc<str>> {
        self.state.get(key).map(|v| v.as_str().into())
    }

    fn reply(&self, ctx: &mut RaftCtx, client: NodeId, seq: u64, value: Option<Arc<str>>) {
        ctx.send(
            client,
            RaftMsg::ClientReply {
                seq,
                answer: Answer::Ok { value },
            },
        );
    }
}
