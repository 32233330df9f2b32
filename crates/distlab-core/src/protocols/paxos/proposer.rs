//! The proposer's rules: ballots, the two phases, and back-off. A
//! single-decree proposer proposes its client's command; a Multi-Paxos
//! proposer runs phase 1 to lead (`leader.rs`).

use std::collections::BTreeMap;

use super::member::PaxosCtx;
use super::messages::{Ballot, Command, PaxosMsg, PaxosTimer, Vote};
use super::node::{PaxosNode, Phase};
use super::notes::{BallotWhy, PaxosNote};
use super::spec::Bug;
use crate::sim::NodeId;

impl PaxosNode {
    /// How long a proposer that gives up its ballot waits, in µs: in
    /// single-decree Paxos a random back-off, so that two proposers that
    /// keep pre-empting each other fall out of step; in Multi-Paxos none of
    /// its own (it waits an election timeout, see [`Self::back_off`]).
    fn back_off_wait(&self, ctx: &mut PaxosCtx) -> Option<u64> {
        let (lo, hi) = self.config.retry;
        self.single().then(|| ctx.random_range(lo, hi))
    }

    /// Waits `wait` before trying a higher ballot, or, in Multi-Paxos, an
    /// election timeout, cancelled by any leader's heartbeat.
    fn back_off(&mut self, ctx: &mut PaxosCtx, wait: Option<u64>) {
        self.phase = Phase::Idle;
        ctx.cancel_timer(PaxosTimer::Timeout);
        match wait {
            Some(wait) => ctx.set_timer(PaxosTimer::Retry, wait),
            None => self.arm_election(ctx),
        }
    }

    /// Phase 1a with a ballot higher than any this proposer used or saw.
    pub(super) fn start_phase1(&mut self, ctx: &mut PaxosCtx, why: BallotWhy) {
        self.max_round += 1;
        self.ballot = Ballot {
            round: self.max_round,
            node: self.id,
        };
        self.phase = Phase::Preparing;
        self.promises.clear();
        let from_slot = if self.single() {
            self.instance
        } else {
            self.first_unchosen()
        };
        ctx.explain(PaxosNote::StartsBallot {
            me: self.id,
            ballot: self.ballot,
            why,
        });
        ctx.cancel_timer(PaxosTimer::Retry);
        ctx.cancel_timer(PaxosTimer::Election);
        ctx.set_timer(PaxosTimer::Timeout, self.config.phase_timeout());
        self.broadcast(
            ctx,
            PaxosMsg::Prepare {
                ballot: self.ballot,
                from_slot,
            },
        );
    }

    /// A client's command: single-decree proposes it; in Multi-Paxos the
    /// leader gives it a slot, and anyone else passes it on.
    pub(super) fn take_command(&mut self, ctx: &mut PaxosCtx, command: Command) {
        if !self.single() {
            return self.take_multi_command(ctx, command);
        }
        let next = self.first_unchosen();
        if next > self.instance {
            ctx.explain(PaxosNote::FreshDecision {
                me: self.id,
                command: command.clone(),
                slot: next,
            });
            self.instance = next;
        }
        self.value = Some(command);
        if self.phase == Phase::Idle {
            self.start_phase1(ctx, BallotWhy::ClientValue);
        }
    }

    /// Phase 1b arrives; with a majority, phase 2 begins.
    pub(super) fn on_promise(
        &mut self,
        ctx: &mut PaxosCtx,
        from: NodeId,
        ballot: Ballot,
        accepted: Vec<Vote>,
    ) {
        if ballot == self.ballot && matches!(self.phase, Phase::Accepting | Phase::Leading) {
            return ctx.explain(PaxosNote::ExtraPromise {
                me: self.id,
                ballot,
            });
        }
        if self.phase != Phase::Preparing || ballot != self.ballot {
            return ctx.explain(PaxosNote::LateReply {
                me: self.id,
                ballot,
            });
        }
        for v in &accepted {
            self.max_round = self.max_round.max(v.ballot.round);
        }
        self.promises.insert(from, accepted);
        let count = self.promises.len();
        if count < self.majority() {
            return ctx.explain(PaxosNote::CountsPromises {
                me: self.id,
                count,
                need: self.majority(),
                ballot,
            });
        }
        if self.single() {
            self.begin_phase2(ctx);
        } else {
            self.lead(ctx);
        }
    }

    /// The highest-ballot command each slot's promises report.
    pub(super) fn reported(&self) -> BTreeMap<u64, (Ballot, Command)> {
        let mut best: BTreeMap<u64, (Ballot, Command)> = BTreeMap::new();
        for vote in self.promises.values().flatten() {
            match best.get(&vote.slot) {
                Some((b, _)) if *b >= vote.ballot => {}
                _ => {
                    best.insert(vote.slot, (vote.ballot, vote.command.clone()));
                }
            }
        }
        best
    }

    /// Single-decree phase 2a: the highest-ballot command the promises
    /// report, or the proposer's own if they report none.
    fn begin_phase2(&mut self, ctx: &mut PaxosCtx) {
        let me = self.id;
        let ballot = self.ballot;
        let own = self.value.clone().unwrap_or_else(Command::noop);
        let command = match self.reported().remove(&self.instance) {
            Some((b, reported)) if !self.config.has(Bug::ProposerIgnoresAcceptedValues) => {
                ctx.explain(PaxosNote::AdoptsReported {
                    me,
                    command: reported.clone(),
                    ballot: b,
                });
                reported
            }
            Some((b, reported)) => {
                ctx.explain(PaxosNote::IgnoresReported {
                    me,
                    command: reported,
                    ballot: b,
                    own: own.clone(),
                });
                own
            }
            None => {
                ctx.explain(PaxosNote::ProposesOwn {
                    me,
                    own: own.clone(),
                });
                own
            }
        };
        self.phase = Phase::Accepting;
        ctx.set_timer(PaxosTimer::Timeout, self.config.phase_timeout());
        self.broadcast(
            ctx,
            PaxosMsg::Accept {
                ballot,
                slot: self.instance,
                command,
            },
        );
    }

    /// An acceptor refused: someone holds a higher ballot.
    pub(super) fn on_nack(&mut self, ctx: &mut PaxosCtx, ballot: Ballot, promised: Ballot) {
        self.max_round = self.max_round.max(promised.round);
        if ballot != self.ballot || self.phase == Phase::Idle {
            return ctx.explain(PaxosNote::LateReply {
                me: self.id,
                ballot,
            });
        }
        let wait = self.back_off_wait(ctx);
        ctx.explain(PaxosNote::GivesUp {
            me: self.id,
            ballot,
            promised,
            wait_ms: wait.map(|w| w / 1_000),
        });
        self.step_down(ctx);
        self.back_off(ctx, wait);
    }

    pub(super) fn on_phase_timeout(&mut self, ctx: &mut PaxosCtx) {
        if !matches!(self.phase, Phase::Preparing | Phase::Accepting) {
            return;
        }
        let wait = self.back_off_wait(ctx);
        ctx.explain(PaxosNote::HeardTooLittle {
            me: self.id,
            ballot: self.ballot,
            wait_ms: wait.map(|w| w / 1_000),
        });
        self.back_off(ctx, wait);
    }

    /// Single-decree: the back-off is over; a new, higher ballot.
    pub(super) fn on_retry(&mut self, ctx: &mut PaxosCtx) {
        if self.phase != Phase::Idle
            || self.chosen.contains_key(&self.instance)
            || self.value.is_none()
        {
            return;
        }
        self.start_phase1(ctx, BallotWhy::BackedOff);
    }

    /// A person forced this proposer's timer: it starts a new ballot now,
    /// if it has anything to propose (or, in Multi-Paxos, tries to lead).
    pub(super) fn on_forced(&mut self, ctx: &mut PaxosCtx) {
        if self.phase == Phase::Leading {
            return ctx.explain(PaxosNote::LeaderHasNoTimeout { me: self.id });
        }
        if self.single() && (self.chosen.contains_key(&self.instance) || self.value.is_none()) {
            return ctx.explain(PaxosNote::NothingToPropose { me: self.id });
        }
        if !self.single() {
            self.leader = None;
        }
        self.start_phase1(ctx, BallotWhy::Forced);
    }

    /// The learner beside this proposer learned `slot`. A single-decree
    /// proposer whose slot it is stops: that decision is over, whichever
    /// value won, and its client's command is answered with the winner.
    pub(super) fn on_learned(&mut self, ctx: &mut PaxosCtx, slot: u64) {
        self.open.remove(&slot);
        if self.single() && slot == self.instance && self.value.is_some() {
            self.phase = Phase::Idle;
            self.value = None;
            ctx.cancel_timer(PaxosTimer::Timeout);
            ctx.cancel_timer(PaxosTimer::Retry);
        }
    }
}
