//! One Paxos node: an acceptor, a learner with its state machine, and a
//! proposer if the settings name it one. This file holds the node's state
//! and hands each event to the role it concerns: `acceptor.rs`,
//! `learner.rs`, `proposer.rs` and, for Multi-Paxos, `leader.rs`.
//!
//! A proposer sends to every acceptor, its own included, over the network
//! like anyone else: the roles are separate even when one process plays
//! them, which is what lets a restarted proposer's mistakes show.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::member::PaxosCtx;
use super::messages::{Ballot, Command, CommandId, PaxosMsg, PaxosObs, PaxosTimer, Vote};
use super::notes::PaxosNote;
use super::sessions::Sessions;
use super::spec::{Bug, Mode, PaxosConfig};
use crate::protocols::clients::Answer;
use crate::sim::NodeId;

/// Where a proposer is in its round.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Phase {
    /// Not proposing: nothing to do, backing off, or following a leader.
    Idle,
    /// Phase 1: waiting for a majority of promises.
    Preparing,
    /// Phase 2 of single-decree Paxos: waiting for the value to be chosen.
    Accepting,
    /// Multi-Paxos: phase 1 done; one phase 2 per command.
    Leading,
}

#[derive(Clone, Debug)]
pub struct PaxosNode {
    pub config: Arc<PaxosConfig>,
    pub id: NodeId,

    // Acceptor, on disk.
    pub promised: Ballot,
    pub accepted: BTreeMap<u64, (Ballot, Command)>,

    // Learner and state machine: what it learned and ran is on disk; its
    // tallies and what it heard of the leader's progress are not.
    pub chosen: BTreeMap<u64, (Ballot, Command)>,
    /// Per slot, the acceptors heard from in each ballot.
    pub tallies: BTreeMap<u64, BTreeMap<Ballot, BTreeSet<NodeId>>>,
    /// The first slot its state machine has not run.
    pub applied: u64,
    /// The commands its state machine ran.
    pub executed: Sessions,
    /// Slots whose command had already run in an earlier slot: skipped.
    pub skipped: BTreeSet<u64>,
    /// Multi-Paxos: every slot below this was chosen, as the leader's
    /// previous heartbeat said.
    pub leader_learned: u64,

    // Proposer. `max_round` and `requests` are on disk (so a restart never
    // reuses a ballot or a command id); the rest is lost in a crash.
    pub proposer: bool,
    pub max_round: u64,
    /// Client requests this node took so far: the next command's number.
    pub requests: u64,
    pub phase: Phase,
    pub ballot: Ballot,
    /// Single-decree: the client's command this proposer proposes.
    pub value: Option<Command>,
    /// Single-decree: the slot its value is proposed in. Each slot is a
    /// decision of its own (an instance of single-decree Paxos): a request
    /// to a proposer that learned every slot so far starts the next one.
    pub instance: u64,
    /// Promises received in phase 1, by acceptor.
    pub promises: BTreeMap<NodeId, Vec<Vote>>,
    /// Multi-Paxos: the leader it last heard from, and its ballot.
    pub leader: Option<(NodeId, Ballot)>,
    /// Multi-Paxos leader: the next free slot.
    pub next_slot: u64,
    /// Multi-Paxos leader: slots it proposed in its ballot, not yet
    /// chosen, each marked fresh until a heartbeat tick has passed.
    pub open: BTreeMap<u64, (Command, bool)>,
    /// Commands waiting for a leader.
    pub pending: Vec<Command>,

    // The state machine of client processes' operations, on disk with
    // what it ran: each key's value, and each client's last answer, for a
    // retry of a command that already ran.
    pub store: BTreeMap<Arc<str>, Arc<str>>,
    pub answers: BTreeMap<NodeId, (u64, Answer)>,
}

impl PaxosNode {
    pub fn new(id: NodeId, config: Arc<PaxosConfig>) -> Self {
        PaxosNode {
            proposer: config.proposers.contains(&id.index()),
            config,
            id,
            promised: Ballot::ZERO,
            accepted: BTreeMap::new(),
            chosen: BTreeMap::new(),
            tallies: BTreeMap::new(),
            applied: 0,
            executed: Sessions::default(),
            skipped: BTreeSet::new(),
            leader_learned: 0,
            max_round: 0,
            requests: 0,
            phase: Phase::Idle,
            ballot: Ballot::ZERO,
            value: None,
            instance: 0,
            promises: BTreeMap::new(),
            leader: None,
            next_slot: 0,
            open: BTreeMap::new(),
            pending: Vec::new(),
            store: BTreeMap::new(),
            answers: BTreeMap::new(),
        }
    }

    pub fn majority(&self) -> usize {
        self.config.majority()
    }

    pub(super) fn single(&self) -> bool {
        self.config.mode == Mode::Single
    }

    /// The first slot this learner has not learned.
    pub fn first_unchosen(&self) -> u64 {
        let mut slot = self.applied;
        while self.chosen.contains_key(&slot) {
            slot += 1;
        }
        slot
    }

    /// Acceptors heard from in the proposer's current ballot for `slot`.
    pub fn accepts(&self, slot: u64) -> usize {
        self.tallies
            .get(&slot)
            .and_then(|t| t.get(&self.ballot))
            .map_or(0, BTreeSet::len)
    }

    pub(super) fn broadcast(&self, ctx: &mut PaxosCtx, msg: PaxosMsg) {
        for to in NodeId::all(self.config.nodes) {
            ctx.send(to, msg.clone());
        }
    }
}

/// What the engine hands a server, through its member (`member.rs`).
impl PaxosNode {
    pub(super) fn on_start(&mut self, ctx: &mut PaxosCtx) {
        if self.proposer && !self.single() {
            self.arm_election(ctx);
        }
    }

    pub(super) fn on_message(&mut self, ctx: &mut PaxosCtx, from: NodeId, msg: PaxosMsg) {
        match msg {
            PaxosMsg::Prepare { ballot, from_slot } => {
                self.on_prepare(ctx, from, ballot, from_slot)
            }
            PaxosMsg::Accept {
                ballot,
                slot,
                command,
            } => self.on_accept(
                ctx,
                from,
                Vote {
                    slot,
                    ballot,
                    command,
                },
            ),
            PaxosMsg::Accepted {
                ballot,
                slot,
                command,
            } => self.on_accepted(
                ctx,
                from,
                Vote {
                    slot,
                    ballot,
                    command,
                },
            ),
            PaxosMsg::Promise { ballot, accepted } => self.on_promise(ctx, from, ballot, accepted),
            PaxosMsg::Nack { ballot, promised } => self.on_nack(ctx, ballot, promised),
            PaxosMsg::Heartbeat { ballot, learned } => {
                self.on_heartbeat(ctx, from, ballot, learned)
            }
            PaxosMsg::Forward { command } => self.take_command(ctx, command),
            PaxosMsg::CatchUp { from_slot } => self.on_catch_up(ctx, from, from_slot),
            PaxosMsg::Decided { chosen } => self.on_decided(ctx, from, chosen),
            PaxosMsg::ClientRequest { seq, op } => self.on_client_request(ctx, from, seq, op),
            PaxosMsg::ClientReply { .. } => {}
        }
    }

    pub(super) fn on_timer(&mut self, ctx: &mut PaxosCtx, timer: PaxosTimer) {
        match timer {
            PaxosTimer::Election => self.on_election_timeout(ctx),
            PaxosTimer::Retry => self.on_retry(ctx),
            PaxosTimer::Timeout => self.on_phase_timeout(ctx),
            PaxosTimer::Heartbeat => self.on_heartbeat_tick(ctx),
            PaxosTimer::NextOp | PaxosTimer::ClientRetry => {}
        }
    }

    /// A client asks this node to propose `value`.
    pub(super) fn on_propose(&mut self, ctx: &mut PaxosCtx, value: Arc<str>) {
        if !self.proposer {
            return ctx.turn_away(PaxosNote::NotProposer { me: self.id, value });
        }
        let command = Command {
            id: Some(CommandId {
                via: self.id,
                seq: self.requests,
            }),
            value,
        };
        self.requests += 1;
        ctx.observe(PaxosObs::Propose {
            node: self.id,
            command: command.clone(),
        });
        self.take_command(ctx, command);
    }

    pub(super) fn on_crash(&mut self) {
        if self.config.has(Bug::AcceptorForgetsPromiseOnRestart) {
            self.promised = Ballot::ZERO;
        }
        if self.config.has(Bug::ReuseBallotAfterRestart) {
            self.max_round = 0;
        }
        self.tallies.clear();
        self.leader_learned = 0;
        self.phase = Phase::Idle;
        self.ballot = Ballot::ZERO;
        self.value = None;
        self.instance = 0;
        self.promises.clear();
        self.leader = None;
        self.next_slot = 0;
        self.open.clear();
        self.pending.clear();
    }

    pub(super) fn on_force_timeout(&mut self, ctx: &mut PaxosCtx) {
        if self.proposer {
            self.on_forced(ctx);
        }
    }

    /// A Multi-Paxos leader leads its ballot: round first, then node, as
    /// ballots order.
    pub fn leading_term(&self) -> Option<u64> {
        (self.phase == Phase::Leading)
            .then(|| self.ballot.round * 256 + u64::from(self.ballot.node.0))
    }
}
