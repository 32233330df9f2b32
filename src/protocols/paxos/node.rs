//! One Paxos node: an acceptor and a learner, and a proposer if the
//! settings name it one. The acceptor and learner live here; the proposer's
//! rules are in `proposer.rs`.
//!
//! A proposer sends to every acceptor, its own included, over the network
//! like anyone else: the roles are separate even when one process plays
//! them, which is what lets a restarted proposer's mistakes show.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::checker::PaxosChecker;
use super::messages::{Ballot, PaxosMsg, PaxosObs, PaxosTimer, Vote};
use super::notes::{PaxosNote, Reported};
use super::spec::{Bug, Mode, PaxosConfig};
use crate::sim::{Actor, Ctx, NoRole, NodeId, NodeStatus};

/// A client's value for a proposer to propose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Propose(pub Arc<str>);

/// The value a new Multi-Paxos leader proposes to fill a gap.
pub const NOOP: &str = "no-op";

/// Where a proposer is in its round.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

pub(super) type PaxosCtx<'a> = Ctx<'a, PaxosNode>;

#[derive(Clone, Debug)]
pub struct PaxosNode {
    pub config: Arc<PaxosConfig>,
    pub id: NodeId,

    // Acceptor, on disk.
    pub promised: Ballot,
    pub accepted: BTreeMap<u64, (Ballot, Arc<str>)>,

    // Learner: what it learned is on disk; its tallies are not.
    pub chosen: BTreeMap<u64, (Ballot, Arc<str>)>,
    /// Per slot, the acceptors heard from in each ballot, and their value.
    pub tallies: BTreeMap<u64, BTreeMap<Ballot, BTreeMap<NodeId, Arc<str>>>>,

    // Proposer. `max_round` is on disk (so a restart never reuses a
    // ballot); the rest is lost in a crash.
    pub proposer: bool,
    pub max_round: u64,
    pub phase: Phase,
    pub ballot: Ballot,
    /// Single-decree: the client's value this proposer proposes.
    pub value: Option<Arc<str>>,
    /// Promises received in phase 1, by acceptor.
    pub promises: BTreeMap<NodeId, Vec<Vote>>,
    /// Multi-Paxos: the leader it last heard from.
    pub leader: Option<(NodeId, Ballot)>,
    /// Multi-Paxos leader: the next free slot.
    pub next_slot: u64,
    /// Multi-Paxos leader: slots it proposed in its ballot, not yet
    /// chosen, each marked fresh until a heartbeat tick has passed.
    pub open: BTreeMap<u64, (Arc<str>, bool)>,
    /// Commands waiting for a leader.
    pub pending: Vec<Arc<str>>,
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
            max_round: 0,
            phase: Phase::Idle,
            ballot: Ballot::ZERO,
            value: None,
            promises: BTreeMap::new(),
            leader: None,
            next_slot: 0,
            open: BTreeMap::new(),
            pending: Vec::new(),
        }
    }

    pub fn majority(&self) -> usize {
        self.config.majority()
    }

    /// The first slot this learner has not learned.
    pub fn first_unchosen(&self) -> u64 {
        let mut slot = 0;
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
            .map_or(0, BTreeMap::len)
    }

    pub(super) fn broadcast(&self, ctx: &mut PaxosCtx, msg: PaxosMsg) {
        for to in NodeId::all(self.config.nodes) {
            ctx.send(to, msg.clone());
        }
    }

    /// Phase 1b: promise a higher ballot and report what was accepted, or
    /// refuse.
    fn on_prepare(&mut self, ctx: &mut PaxosCtx, from: NodeId, ballot: Ballot, from_slot: u64) {
        let me = self.id;
        if ballot < self.promised {
            let promised = self.promised;
            ctx.explain(PaxosNote::RefusesPrepare {
                me,
                ballot,
                promised,
            });
            return ctx.send(from, PaxosMsg::Nack { ballot, promised });
        }
        self.promised = ballot;
        let accepted: Vec<Vote> = self
            .accepted
            .range(from_slot..)
            .map(|(&slot, (b, v))| Vote {
                slot,
                ballot: *b,
                value: v.clone(),
            })
            .collect();
        let reported = match accepted.as_slice() {
            [] => Reported::Nothing,
            [v] => Reported::One(v.ballot, v.value.clone()),
            many => Reported::Many(many.len()),
        };
        ctx.explain(PaxosNote::Promises {
            me,
            ballot,
            reported,
        });
        ctx.send(from, PaxosMsg::Promise { ballot, accepted });
    }

    /// Phase 2b: accept unless a higher ballot was promised, and tell every
    /// learner.
    fn on_accept(&mut self, ctx: &mut PaxosCtx, from: NodeId, vote: Vote) {
        let me = self.id;
        let Vote {
            slot,
            ballot,
            value,
        } = vote;
        if ballot < self.promised {
            let promised = self.promised;
            ctx.explain(PaxosNote::RefusesAccept {
                me,
                value,
                ballot,
                promised,
            });
            return ctx.send(from, PaxosMsg::Nack { ballot, promised });
        }
        self.promised = ballot;
        self.accepted.insert(slot, (ballot, value.clone()));
        ctx.explain(PaxosNote::Accepts {
            me,
            value: value.clone(),
            ballot,
            slot,
        });
        self.broadcast(
            ctx,
            PaxosMsg::Accepted {
                ballot,
                slot,
                value,
            },
        );
    }

    /// A learner counts 2b messages; a majority of acceptors in one ballot
    /// means the value is chosen.
    fn on_accepted(&mut self, ctx: &mut PaxosCtx, from: NodeId, vote: Vote) {
        if self.chosen.contains_key(&vote.slot) {
            return;
        }
        let any_ballot = self.config.has(Bug::LearnerCountsAnyBallot);
        // The bug files every ballot under one, so votes of different
        // ballots add up.
        let key = if any_ballot {
            Ballot::ZERO
        } else {
            vote.ballot
        };
        let tally = self
            .tallies
            .entry(vote.slot)
            .or_default()
            .entry(key)
            .or_default();
        tally.insert(from, vote.value.clone());
        let count = tally.len();
        let me = self.id;
        if count < self.majority() {
            ctx.explain(PaxosNote::CountsAccepts {
                me,
                count,
                need: self.majority(),
                ballot: vote.ballot,
                slot: vote.slot,
            });
            return;
        }
        ctx.explain(PaxosNote::Learns {
            me,
            value: vote.value.clone(),
            slot: vote.slot,
            count,
            ballot: vote.ballot,
        });
        self.learn(ctx, vote);
    }

    fn learn(&mut self, ctx: &mut PaxosCtx, vote: Vote) {
        self.tallies.remove(&vote.slot);
        self.chosen
            .insert(vote.slot, (vote.ballot, vote.value.clone()));
        ctx.observe(PaxosObs::Chosen {
            slot: vote.slot,
            value: vote.value.clone(),
            ballot: vote.ballot,
            node: self.id,
        });
        self.on_learned(ctx, vote.slot);
    }
}

impl Actor for PaxosNode {
    type Msg = PaxosMsg;
    type Timer = PaxosTimer;
    type Request = Propose;
    type Obs = PaxosObs;
    type Note = PaxosNote;
    type Checker = PaxosChecker;
    type Role = NoRole;

    fn on_start(&mut self, ctx: &mut PaxosCtx) {
        if self.proposer && self.config.mode == Mode::Multi {
            self.arm_election(ctx);
        }
    }

    fn on_message(&mut self, ctx: &mut PaxosCtx, from: NodeId, msg: PaxosMsg) {
        match msg {
            PaxosMsg::Prepare { ballot, from_slot } => {
                self.on_prepare(ctx, from, ballot, from_slot)
            }
            PaxosMsg::Accept {
                ballot,
                slot,
                value,
            } => self.on_accept(
                ctx,
                from,
                Vote {
                    slot,
                    ballot,
                    value,
                },
            ),
            PaxosMsg::Accepted {
                ballot,
                slot,
                value,
            } => self.on_accepted(
                ctx,
                from,
                Vote {
                    slot,
                    ballot,
                    value,
                },
            ),
            PaxosMsg::Promise { ballot, accepted } => self.on_promise(ctx, from, ballot, accepted),
            PaxosMsg::Nack { ballot, promised } => self.on_nack(ctx, ballot, promised),
            PaxosMsg::Heartbeat { ballot } => self.on_heartbeat(ctx, from, ballot),
            PaxosMsg::Forward { value } => self.take_command(ctx, value),
        }
    }

    fn on_timer(&mut self, ctx: &mut PaxosCtx, timer: PaxosTimer) {
        match timer {
            PaxosTimer::Retry => self.on_retry(ctx),
            PaxosTimer::Timeout => self.on_phase_timeout(ctx),
            PaxosTimer::Heartbeat => self.on_heartbeat_tick(ctx),
        }
    }

    fn on_request(&mut self, ctx: &mut PaxosCtx, request: Propose) {
        if !self.proposer {
            return ctx.explain(PaxosNote::NotProposer {
                me: self.id,
                value: request.0,
            });
        }
        ctx.observe(PaxosObs::Propose {
            node: self.id,
            value: request.0.clone(),
        });
        self.take_command(ctx, request.0);
    }

    fn on_crash(&mut self) {
        if self.config.has(Bug::AcceptorForgetsPromiseOnRestart) {
            self.promised = Ballot::ZERO;
        }
        if self.config.has(Bug::ReuseBallotAfterRestart) {
            self.max_round = 0;
        }
        self.tallies.clear();
        self.phase = Phase::Idle;
        self.ballot = Ballot::ZERO;
        self.value = None;
        self.promises.clear();
        self.leader = None;
        self.next_slot = 0;
        self.open.clear();
        self.pending.clear();
    }

    fn on_restart(&mut self, ctx: &mut PaxosCtx) {
        self.on_start(ctx);
    }

    fn on_force_timeout(&mut self, ctx: &mut PaxosCtx) {
        if self.proposer {
            self.on_retry(ctx);
        }
    }

    fn resolve_role(_: &[Self], _: &[NodeStatus], role: NoRole) -> Option<NodeId> {
        match role {}
    }

    /// A Multi-Paxos leader leads its ballot: round first, then node, as
    /// ballots order.
    fn leading_term(&self) -> Option<u64> {
        (self.phase == Phase::Leading)
            .then(|| self.ballot.round * 256 + u64::from(self.ballot.node.0))
    }
}
