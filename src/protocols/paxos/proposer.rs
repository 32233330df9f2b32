//! The proposer's rules: ballots, the two phases, back-off, and in
//! Multi-Paxos the leader that runs phase 1 once for every open slot.

use std::sync::Arc;

use super::messages::{Ballot, PaxosMsg, PaxosObs, PaxosTimer, Vote};
use super::node::{PaxosCtx, PaxosNode, Phase, NOOP};
use super::notes::PaxosNote;
use super::spec::{Bug, Mode};
use crate::sim::NodeId;

impl PaxosNode {
    fn single(&self) -> bool {
        self.config.mode == Mode::Single
    }

    /// Waits a random back-off before trying again, so that two proposers
    /// that keep pre-empting each other fall out of step.
    fn back_off(&mut self, ctx: &mut PaxosCtx) {
        self.phase = Phase::Idle;
        ctx.cancel_timer(PaxosTimer::Timeout);
        let (lo, hi) = self.config.retry;
        let wait = ctx.random_range(lo, hi);
        ctx.set_timer(PaxosTimer::Retry, wait);
    }

    /// Multi-Paxos: waits for a leader's heartbeat, and runs phase 1 if
    /// none comes in time.
    pub(super) fn arm_election(&mut self, ctx: &mut PaxosCtx) {
        let (lo, hi) = self.config.election_timeout();
        let wait = ctx.random_range(lo, hi);
        ctx.set_timer(PaxosTimer::Retry, wait);
    }

    fn step_down(&mut self, ctx: &mut PaxosCtx) {
        if self.phase == Phase::Leading {
            ctx.observe(PaxosObs::Leader {
                node: self.id,
                ballot: self.ballot,
                leads: false,
            });
            ctx.cancel_timer(PaxosTimer::Heartbeat);
            // Its open commands may never be chosen in its ballot: they
            // wait for the next leader (which may choose one twice, as
            // Paxos without client ids may).
            let open = std::mem::take(&mut self.open);
            self.pending
                .extend(open.into_values().map(|(v, _)| v).filter(|v| &**v != NOOP));
            self.leader = None;
        }
        self.phase = Phase::Idle;
    }

    /// Phase 1a with a ballot higher than any this proposer used or saw.
    fn start_phase1(&mut self, ctx: &mut PaxosCtx) {
        self.max_round += 1;
        self.ballot = Ballot {
            round: self.max_round,
            node: self.id,
        };
        self.phase = Phase::Preparing;
        self.promises.clear();
        let from_slot = if self.single() {
            0
        } else {
            self.first_unchosen()
        };
        ctx.explain(PaxosNote::StartsBallot {
            me: self.id,
            ballot: self.ballot,
        });
        ctx.cancel_timer(PaxosTimer::Retry);
        ctx.set_timer(PaxosTimer::Timeout, self.config.phase_timeout());
        self.broadcast(
            ctx,
            PaxosMsg::Prepare {
                ballot: self.ballot,
                from_slot,
            },
        );
    }

    /// A client's value: single-decree proposes it; a Multi-Paxos leader
    /// gives it the next slot, and anyone else passes it on.
    pub(super) fn take_command(&mut self, ctx: &mut PaxosCtx, value: Arc<str>) {
        let me = self.id;
        if self.single() {
            if let Some((_, chosen)) = self.chosen.get(&0) {
                let chosen = chosen.clone();
                return ctx.explain(PaxosNote::AlreadyChosen { me, value, chosen });
            }
            self.value = Some(value);
            if self.phase == Phase::Idle {
                self.start_phase1(ctx);
            }
            return;
        }
        match (self.phase, self.leader) {
            (Phase::Leading, _) => {
                let slot = self.next_slot;
                self.next_slot += 1;
                ctx.explain(PaxosNote::Places {
                    me,
                    ballot: self.ballot,
                    value: value.clone(),
                    slot,
                });
                self.propose_in(ctx, slot, value);
            }
            (_, Some((leader, _))) if leader != self.id => {
                ctx.explain(PaxosNote::Forwards {
                    me,
                    value: value.clone(),
                    leader,
                });
                ctx.send(leader, PaxosMsg::Forward { value });
            }
            _ => {
                ctx.explain(PaxosNote::WaitsForLeader {
                    me,
                    value: value.clone(),
                });
                self.pending.push(value);
            }
        }
    }

    fn propose_in(&mut self, ctx: &mut PaxosCtx, slot: u64, value: Arc<str>) {
        self.open.insert(slot, (value.clone(), true));
        let ballot = self.ballot;
        self.broadcast(
            ctx,
            PaxosMsg::Accept {
                ballot,
                slot,
                value,
            },
        );
    }

    /// Phase 1b arrives; with a majority, phase 2 begins.
    pub(super) fn on_promise(
        &mut self,
        ctx: &mut PaxosCtx,
        from: NodeId,
        ballot: Ballot,
        accepted: Vec<Vote>,
    ) {
        if self.phase != Phase::Preparing || ballot != self.ballot {
            return;
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

    /// The highest-ballot value each slot's promises report.
    fn reported(&self) -> std::collections::BTreeMap<u64, (Ballot, Arc<str>)> {
        let mut best = std::collections::BTreeMap::new();
        for vote in self.promises.values().flatten() {
            let entry = best
                .entry(vote.slot)
                .or_insert((vote.ballot, vote.value.clone()));
            if vote.ballot > entry.0 {
                *entry = (vote.ballot, vote.value.clone());
            }
        }
        best
    }

    /// Single-decree phase 2a: the highest-ballot value the promises
    /// report, or the proposer's own if they report none.
    fn begin_phase2(&mut self, ctx: &mut PaxosCtx) {
        let me = self.id;
        let ballot = self.ballot;
        let own = self.value.clone().unwrap_or_else(|| NOOP.into());
        let value = match self.reported().remove(&0) {
            Some((b, v)) if !self.config.has(Bug::ProposerIgnoresAcceptedValues) => {
                ctx.explain(PaxosNote::AdoptsReported {
                    me,
                    value: v.clone(),
                    ballot: b,
                });
                v
            }
            Some((b, v)) => {
                ctx.explain(PaxosNote::IgnoresReported {
                    me,
                    value: v,
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
                slot: 0,
                value,
            },
        );
    }

    /// Multi-Paxos: phase 1 is done for every slot from the first this
    /// node has not learned. Re-propose what the promises report, fill
    /// gaps with no-ops, and only then serve new commands.
    fn lead(&mut self, ctx: &mut PaxosCtx) {
        self.phase = Phase::Leading;
        self.leader = Some((self.id, self.ballot));
        ctx.cancel_timer(PaxosTimer::Timeout);
        ctx.cancel_timer(PaxosTimer::Retry);
        ctx.observe(PaxosObs::Leader {
            node: self.id,
            ballot: self.ballot,
            leads: true,
        });
        let reported = self.reported();
        let first = self.first_unchosen();
        // The highest slot any promise reported or this node learned.
        let last = reported
            .keys()
            .chain(self.chosen.keys())
            .copied()
            .filter(|&s| s >= first)
            .max();
        let (mut kept, mut filled) = (0, 0);
        for slot in first..last.map_or(first, |l| l + 1) {
            if self.chosen.contains_key(&slot) {
                continue;
            }
            let value = match reported.get(&slot) {
                Some((_, v)) => {
                    kept += 1;
                    v.clone()
                }
                None => {
                    filled += 1;
                    NOOP.into()
                }
            };
            self.propose_in(ctx, slot, value);
        }
        self.next_slot = last.map_or(first, |l| l + 1);
        ctx.explain(PaxosNote::Leads {
            me: self.id,
            ballot: self.ballot,
            kept,
            filled,
            next_slot: self.next_slot,
        });
        self.send_heartbeats(ctx);
        for value in std::mem::take(&mut self.pending) {
            self.take_command(ctx, value);
        }
    }

    /// An acceptor refused: someone holds a higher ballot.
    pub(super) fn on_nack(&mut self, ctx: &mut PaxosCtx, ballot: Ballot, promised: Ballot) {
        self.max_round = self.max_round.max(promised.round);
        if ballot != self.ballot || self.phase == Phase::Idle {
            return;
        }
        ctx.explain(PaxosNote::GivesUp {
            me: self.id,
            ballot,
            promised,
        });
        self.step_down(ctx);
        self.back_off(ctx);
    }

    pub(super) fn on_phase_timeout(&mut self, ctx: &mut PaxosCtx) {
        if !matches!(self.phase, Phase::Preparing | Phase::Accepting) {
            return;
        }
        ctx.explain(PaxosNote::HeardTooLittle {
            me: self.id,
            ballot: self.ballot,
        });
        self.back_off(ctx);
    }

    /// Single-decree: the back-off is over. Multi-Paxos: no leader was
    /// heard from in time. Either way, a new ballot.
    pub(super) fn on_retry(&mut self, ctx: &mut PaxosCtx) {
        if self.phase == Phase::Leading {
            return;
        }
        if self.single() && (self.chosen.contains_key(&0) || self.value.is_none()) {
            return;
        }
        if !self.single() {
            self.leader = None;
        }
        self.start_phase1(ctx);
    }

    /// Multi-Paxos: the leader of `ballot` is alive.
    pub(super) fn on_heartbeat(&mut self, ctx: &mut PaxosCtx, from: NodeId, ballot: Ballot) {
        if !self.proposer || self.single() {
            return;
        }
        let known = self.leader.map_or(Ballot::ZERO, |(_, b)| b);
        let mine = if self.phase == Phase::Idle {
            Ballot::ZERO
        } else {
            self.ballot
        };
        if ballot < known || ballot < mine {
            return;
        }
        self.max_round = self.max_round.max(ballot.round);
        if self.phase != Phase::Idle {
            ctx.explain(PaxosNote::Follows {
                me: self.id,
                leader: from,
                ballot,
            });
            self.step_down(ctx);
            ctx.cancel_timer(PaxosTimer::Timeout);
        }
        self.leader = Some((from, ballot));
        self.arm_election(ctx);
        for value in std::mem::take(&mut self.pending) {
            self.take_command(ctx, value);
        }
    }

    /// Multi-Paxos leader: heartbeats to the other proposers, and each open
    /// slot sent again to the acceptors it has not heard accept it, in case
    /// messages were lost.
    pub(super) fn on_heartbeat_tick(&mut self, ctx: &mut PaxosCtx) {
        if self.phase != Phase::Leading {
            return;
        }
        self.send_heartbeats(ctx);
        let ballot = self.ballot;
        for (&slot, (value, fresh)) in &mut self.open {
            // A slot proposed since the last tick is still on its way.
            if std::mem::take(fresh) {
                continue;
            }
            let heard = self.tallies.get(&slot).and_then(|t| t.get(&ballot));
            for to in NodeId::all(self.config.nodes) {
                if !heard.is_some_and(|h| h.contains_key(&to)) {
                    let value = value.clone();
                    ctx.send(
                        to,
                        PaxosMsg::Accept {
                            ballot,
                            slot,
                            value,
                        },
                    );
                }
            }
        }
    }

    fn send_heartbeats(&self, ctx: &mut PaxosCtx) {
        let ballot = self.ballot;
        for to in NodeId::all(self.config.nodes) {
            if to != self.id && self.config.proposers.contains(&to.index()) {
                ctx.send(to, PaxosMsg::Heartbeat { ballot });
            }
        }
        ctx.set_timer(PaxosTimer::Heartbeat, self.config.heartbeat());
    }

    /// The learner beside this proposer learned `slot`.
    pub(super) fn on_learned(&mut self, ctx: &mut PaxosCtx, slot: u64) {
        self.open.remove(&slot);
        if self.single() && matches!(self.phase, Phase::Preparing | Phase::Accepting) {
            self.phase = Phase::Idle;
            ctx.cancel_timer(PaxosTimer::Timeout);
            ctx.cancel_timer(PaxosTimer::Retry);
        }
    }
}
