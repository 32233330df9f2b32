//! Multi-Paxos: a proposer that hears no leader's heartbeat for an
//! election timeout runs phase 1 once, for every slot it has not learned,
//! and leads with that ballot until a higher one turns up. The leader
//! re-proposes what the promises report, fills gaps with no-ops, then
//! gives each client command the next slot and goes straight to phase 2.
//! Its heartbeats keep the other proposers from trying to lead and tell
//! every learner how far it has learned, so a learner that lost Accepted
//! messages can catch up.

use super::member::PaxosCtx;
use super::messages::{Ballot, Command, CommandId, PaxosMsg, PaxosObs, PaxosTimer};
use super::node::{PaxosNode, Phase};
use super::notes::{BallotWhy, PaxosNote};
use super::spec::Bug;
use crate::sim::NodeId;

/// Where a leader already has a command.
enum Placed {
    /// Its own state machine ran it.
    Ran,
    /// Proposed in this slot, or chosen there and not yet run.
    InSlot(u64),
}

impl PaxosNode {
    /// Waits for a leader's heartbeat, and tries to lead if none comes in
    /// time.
    pub(super) fn arm_election(&mut self, ctx: &mut PaxosCtx) {
        let (lo, hi) = self.config.election_timeout();
        let wait = ctx.random_range(lo, hi);
        ctx.set_timer(PaxosTimer::Election, wait);
    }

    /// No leader was heard from for an election timeout: a new ballot.
    pub(super) fn on_election_timeout(&mut self, ctx: &mut PaxosCtx) {
        if self.phase == Phase::Leading {
            return;
        }
        let leader = self.leader.take().map(|(node, _)| node);
        self.start_phase1(ctx, BallotWhy::NoHeartbeat { leader });
    }

    /// Leaves the lead (or an attempt at it). Commands it proposed but did
    /// not see chosen wait for the next leader, which will not choose one
    /// again if it knows where it is (client ids).
    pub(super) fn step_down(&mut self, ctx: &mut PaxosCtx) {
        if self.phase == Phase::Leading {
            ctx.observe(PaxosObs::Leader {
                node: self.id,
                ballot: self.ballot,
                leads: false,
            });
            ctx.cancel_timer(PaxosTimer::Heartbeat);
            let open = std::mem::take(&mut self.open);
            self.pending
                .extend(open.into_values().map(|(c, _)| c).filter(|c| !c.is_noop()));
            self.leader = None;
        }
        self.phase = Phase::Idle;
    }

    /// A client's command in Multi-Paxos: the leader gives it the next
    /// slot; anyone else passes it on, or keeps it until a leader is known.
    pub(super) fn take_multi_command(&mut self, ctx: &mut PaxosCtx, command: Command) {
        let me = self.id;
        match (self.phase, self.leader) {
            (Phase::Leading, _) => {
                if let Some(placed) = command.id.and_then(|id| self.placed(id)) {
                    let slot = match placed {
                        Placed::Ran => None,
                        Placed::InSlot(slot) => Some(slot),
                    };
                    return ctx.explain(PaxosNote::AlreadyPlaced { me, command, slot });
                }
                let slot = self.next_slot;
                self.next_slot += 1;
                ctx.explain(PaxosNote::Places {
                    me,
                    ballot: self.ballot,
                    command: command.clone(),
                    slot,
                });
                self.propose_in(ctx, slot, command);
            }
            (_, Some((leader, _))) if leader != me => {
                ctx.explain(PaxosNote::Forwards {
                    me,
                    command: command.clone(),
                    leader,
                });
                ctx.send(leader, PaxosMsg::Forward { command });
            }
            _ => {
                ctx.explain(PaxosNote::WaitsForLeader {
                    me,
                    command: command.clone(),
                });
                self.pending.push(command);
            }
        }
    }

    /// Where this leader already has command `id`: run by its state
    /// machine, or in a slot it proposed or learned and has not run. A
    /// leader that ignores client ids knows of none.
    fn placed(&self, id: CommandId) -> Option<Placed> {
        if self.config.has(Bug::IgnoreClientIds) {
            return None;
        }
        if self.executed.contains(id) {
            return Some(Placed::Ran);
        }
        let proposed = self.open.iter().map(|(&slot, (c, _))| (slot, c));
        let learned = self
            .chosen
            .range(self.applied..)
            .map(|(&slot, (_, c))| (slot, c));
        proposed
            .chain(learned)
            .find(|(_, c)| c.id == Some(id))
            .map(|(slot, _)| Placed::InSlot(slot))
    }

    fn propose_in(&mut self, ctx: &mut PaxosCtx, slot: u64, command: Command) {
        self.open.insert(slot, (command.clone(), true));
        let ballot = self.ballot;
        self.broadcast(
            ctx,
            PaxosMsg::Accept {
                ballot,
                slot,
                command,
            },
        );
    }

    /// Phase 1 is done for every slot from the first this node has not
    /// learned. Re-propose what the promises report, fill gaps with
    /// no-ops, and only then serve new commands.
    pub(super) fn lead(&mut self, ctx: &mut PaxosCtx) {
        self.phase = Phase::Leading;
        self.leader = Some((self.id, self.ballot));
        ctx.cancel_timer(PaxosTimer::Timeout);
        ctx.cancel_timer(PaxosTimer::Election);
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
            .next_back()
            .into_iter()
            .chain(self.chosen.keys().next_back())
            .copied()
            .filter(|&s| s >= first)
            .max();
        let (mut kept, mut filled) = (0, 0);
        for slot in first..last.map_or(first, |l| l + 1) {
            if self.chosen.contains_key(&slot) {
                continue;
            }
            let command = match reported.get(&slot) {
                Some((_, c)) => {
                    kept += 1;
                    c.clone()
                }
                None => {
                    filled += 1;
                    Command::noop()
                }
            };
            self.propose_in(ctx, slot, command);
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
        for command in std::mem::take(&mut self.pending) {
            self.take_command(ctx, command);
        }
    }

    /// The leader of `ballot` is alive and has learned every slot below
    /// `learned`. A proposer follows it (and stops any bid of its own with
    /// a lower ballot) and waits another election timeout; every node
    /// passes its waiting commands on and catches up on missed slots.
    pub(super) fn on_heartbeat(
        &mut self,
        ctx: &mut PaxosCtx,
        from: NodeId,
        ballot: Ballot,
        learned: u64,
    ) {
        let me = self.id;
        let known = self.leader.map_or(Ballot::ZERO, |(_, b)| b);
        let mine = if self.phase == Phase::Idle {
            Ballot::ZERO
        } else {
            self.ballot
        };
        if ballot < known.max(mine) {
            return ctx.explain(PaxosNote::IgnoresOldLeader {
                me,
                from,
                ballot,
                higher: known.max(mine),
            });
        }
        self.max_round = self.max_round.max(ballot.round);
        if self.phase != Phase::Idle {
            ctx.explain(PaxosNote::Follows {
                me,
                leader: from,
                ballot,
            });
            self.step_down(ctx);
            ctx.cancel_timer(PaxosTimer::Timeout);
        } else {
            // A slot it will ask for at once is explained by the asking.
            let first = self.first_unchosen();
            let waits = first < learned && first >= self.leader_learned;
            ctx.explain(PaxosNote::HearsHeartbeat {
                me,
                leader: from,
                ballot,
                proposer: self.proposer,
                lacks: waits.then_some(first),
            });
        }
        self.leader = Some((from, ballot));
        if self.proposer {
            self.arm_election(ctx);
        }
        for command in std::mem::take(&mut self.pending) {
            self.take_command(ctx, command);
        }
        self.catch_up(ctx, from, learned);
    }

    /// The leader's tick: heartbeats to every node, and each open slot sent
    /// again to the acceptors it has not heard accept it, in case messages
    /// were lost.
    pub(super) fn on_heartbeat_tick(&mut self, ctx: &mut PaxosCtx) {
        if self.phase != Phase::Leading {
            return;
        }
        self.send_heartbeats(ctx);
        let ballot = self.ballot;
        for (&slot, (command, fresh)) in &mut self.open {
            // A slot proposed since the last tick is still on its way.
            if std::mem::take(fresh) {
                continue;
            }
            let heard = self.tallies.get(&slot).and_then(|t| t.get(&ballot));
            for to in NodeId::all(self.config.nodes) {
                if !heard.is_some_and(|h| h.contains(&to)) {
                    let command = command.clone();
                    ctx.send(
                        to,
                        PaxosMsg::Accept {
                            ballot,
                            slot,
                            command,
                        },
                    );
                }
            }
        }
    }

    fn send_heartbeats(&self, ctx: &mut PaxosCtx) {
        let msg = PaxosMsg::Heartbeat {
            ballot: self.ballot,
            learned: self.first_unchosen(),
        };
        for to in NodeId::all(self.config.nodes) {
            if to != self.id {
                ctx.send(to, msg.clone());
            }
        }
        ctx.set_timer(PaxosTimer::Heartbeat, self.config.heartbeat());
    }
}
