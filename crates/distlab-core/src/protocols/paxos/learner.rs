//! The learner's rules: count Accepted messages until a majority of
//! acceptors accepted one ballot's command in a slot; in Multi-Paxos ask
//! the leader for slots whose Accepted messages never arrived; and run the
//! chosen commands in slot order, each command once.

use super::member::PaxosCtx;
use super::messages::{Ballot, PaxosMsg, PaxosObs, Vote};
use super::node::PaxosNode;
use super::notes::PaxosNote;
use super::spec::Bug;
use crate::sim::NodeId;

/// The most chosen commands one `Decided` message carries; a learner
/// further behind asks again at the next heartbeat.
const DECIDED_BATCH: usize = 64;

impl PaxosNode {
    /// A learner counts 2b messages; a majority of acceptors in one ballot
    /// means the command is chosen.
    pub(super) fn on_accepted(&mut self, ctx: &mut PaxosCtx, from: NodeId, vote: Vote) {
        if self.chosen.contains_key(&vote.slot) {
            return ctx.explain(PaxosNote::AlreadyKnows {
                me: self.id,
                slot: vote.slot,
            });
        }
        // The bug files every ballot under one, so votes of different
        // ballots add up.
        let key = if self.config.has(Bug::LearnerCountsAnyBallot) {
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
        tally.insert(from);
        let count = tally.len();
        if count < self.majority() {
            return ctx.explain(PaxosNote::CountsAccepts {
                me: self.id,
                count,
                need: self.majority(),
                ballot: vote.ballot,
                slot: vote.slot,
            });
        }
        ctx.explain(PaxosNote::Learns {
            me: self.id,
            command: vote.command.clone(),
            slot: vote.slot,
            count,
            ballot: vote.ballot,
        });
        self.learn(ctx, vote);
    }

    fn learn(&mut self, ctx: &mut PaxosCtx, vote: Vote) {
        self.tallies.remove(&vote.slot);
        ctx.observe(PaxosObs::Chosen {
            slot: vote.slot,
            command: vote.command.clone(),
            ballot: vote.ballot,
            node: self.id,
        });
        self.chosen.insert(vote.slot, (vote.ballot, vote.command));
        self.execute_ready(ctx);
        self.on_learned(ctx, vote.slot);
    }

    /// Runs every chosen command from the first slot not yet run, in slot
    /// order, up to the first gap. A command whose id already ran (chosen
    /// a second time, in a later slot) is skipped: the client's command
    /// takes effect once.
    fn execute_ready(&mut self, ctx: &mut PaxosCtx) {
        while let Some((_, command)) = self.chosen.get(&self.applied) {
            let slot = self.applied;
            self.applied += 1;
            let Some(id) = command.id else {
                continue;
            };
            let first_time = self.executed.insert(id);
            if !first_time {
                if !self.config.has(Bug::IgnoreClientIds) {
                    self.skipped.insert(slot);
                    ctx.explain(PaxosNote::SkipsRepeat {
                        me: self.id,
                        slot,
                        command: command.clone(),
                    });
                    continue;
                }
                ctx.explain(PaxosNote::RunsRepeat {
                    me: self.id,
                    slot,
                    command: command.clone(),
                });
            }
            let value = command.value.clone();
            ctx.observe(PaxosObs::Execute {
                node: self.id,
                slot,
                cmd: id,
                value: value.clone(),
            });
            if self.is_client_process(id) {
                self.run_client_op(ctx, id, &value);
            }
        }
    }

    /// Multi-Paxos: a heartbeat says the leader had learned every slot
    /// below `learned`. A learner still missing a slot the leader had
    /// learned a heartbeat ago lost its Accepted messages (those sent since
    /// may still be on their way): it asks the leader.
    pub(super) fn catch_up(&mut self, ctx: &mut PaxosCtx, leader: NodeId, learned: u64) {
        let from_slot = self.first_unchosen();
        if from_slot < self.leader_learned && leader != self.id {
            ctx.explain(PaxosNote::AsksToCatchUp {
                me: self.id,
                leader,
                from_slot,
                learned: self.leader_learned,
            });
            ctx.send(leader, PaxosMsg::CatchUp { from_slot });
        }
        self.leader_learned = learned;
    }

    /// Tells a learner what it learned was chosen from `from_slot` on.
    pub(super) fn on_catch_up(&mut self, ctx: &mut PaxosCtx, from: NodeId, from_slot: u64) {
        let chosen: Vec<Vote> = self
            .chosen
            .range(from_slot..)
            .take(DECIDED_BATCH)
            .map(|(&slot, (ballot, command))| Vote {
                slot,
                ballot: *ballot,
                command: command.clone(),
            })
            .collect();
        if chosen.is_empty() {
            return ctx.explain(PaxosNote::NothingToTell {
                me: self.id,
                to: from,
                from_slot,
            });
        }
        ctx.explain(PaxosNote::TellsChosen {
            me: self.id,
            to: from,
            count: chosen.len(),
            from_slot,
        });
        ctx.send(from, PaxosMsg::Decided { chosen });
    }

    /// Learns what another learner says was chosen, slots it lacks only.
    pub(super) fn on_decided(&mut self, ctx: &mut PaxosCtx, from: NodeId, chosen: Vec<Vote>) {
        let missing: Vec<Vote> = chosen
            .into_iter()
            .filter(|v| !self.chosen.contains_key(&v.slot))
            .collect();
        let (Some(first), Some(last)) = (missing.first(), missing.last()) else {
            return;
        };
        ctx.explain(PaxosNote::LearnsFromPeer {
            me: self.id,
            from,
            count: missing.len(),
            first: first.slot,
            last: last.slot,
        });
        for vote in missing {
            self.learn(ctx, vote);
        }
    }
}
