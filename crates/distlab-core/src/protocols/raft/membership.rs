//! Membership changes one server at a time (Raft dissertation §4.1–4.2).
//!
//! A configuration is a log entry, and it takes effect on a server as soon
//! as the entry is in its log, committed or not. A leader adds a server
//! only once it has caught up as a learner, in rounds of replication, and
//! changes one server at a time, after the previous change committed and
//! once it has committed an entry of its own term (the rule added in 2015;
//! the bug `ConfigBeforeTermCommit` leaves it out). A leader that removes
//! itself steps down once the change commits; a server outside its
//! configuration does not start elections (unless the change that left it
//! out is not committed yet: see [`RaftNode::may_stand`]).

use std::collections::BTreeSet;
use std::sync::Arc;

use super::config::Bug;
use super::log::Members;
use super::member::RaftCtx;
use super::messages::{RaftObs, RaftTimer, Role};
use super::node::RaftNode;
use super::notes::{ConfigRefusal, RaftNote};
use crate::sim::{NodeId, SimTime};

/// Rounds of replication a learner gets to catch up before the leader
/// gives up on adding it (§4.2.1 suggests about ten).
pub const CATCH_UP_ROUNDS: u32 = 10;

/// A server the leader is bringing up to date before adding it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CatchUp {
    pub server: NodeId,
    /// The round ends once the learner holds the log up to here.
    pub round_end: u64,
    /// When the round began, on the leader's clock.
    pub round_start: SimTime,
    pub round: u32,
}

/// The servers of the first configuration: S1 to S`initial`.
pub fn initial_members(initial: usize) -> Members {
    Arc::new(NodeId::all(initial).collect())
}

impl RaftNode {
    /// Whether this server belongs to the configuration in effect on it.
    pub fn is_member(&self) -> bool {
        self.members.contains(&self.id)
    }

    /// The configuration in effect: the newest one in the log, else the
    /// snapshot's, else the first.
    pub(super) fn refresh_members(&mut self) {
        self.members = match (self.log.last_config(), &self.snapshot) {
            (Some((_, members)), _) => members.clone(),
            (None, Some(snapshot)) => snapshot.members.clone(),
            (None, None) => initial_members(self.config.initial_members),
        };
    }

    /// The configuration in effect after the log changed, recorded when it
    /// is a new one.
    pub(super) fn adopt_config(&mut self, ctx: &mut RaftCtx) {
        let before = self.members.clone();
        self.refresh_members();
        if self.members != before {
            self.record_config(ctx);
        }
    }

    fn record_config(&self, ctx: &mut RaftCtx) {
        ctx.observe(RaftObs::Config {
            node: self.id,
            members: self.members.iter().copied().collect(),
        });
    }

    /// Whether this server may stand for election: it belongs to its
    /// configuration, or that configuration is not committed yet and the
    /// one before it held this server. A leader that removed itself and
    /// was cut off before the change committed is such a server: its log
    /// holds the change, so the others' logs are behind its own and they
    /// could wait for its vote forever if it never stood.
    pub(super) fn may_stand(&self) -> bool {
        if self.is_member() {
            return true;
        }
        let Some((index, _)) = self
            .log
            .last_config()
            .filter(|(i, _)| *i > self.commit_index)
        else {
            return false;
        };
        let before = (self.log.base().index + 1..index)
            .rev()
            .find_map(|i| self.log.get(i).and_then(|e| e.config.clone()))
            .or_else(|| self.snapshot.as_ref().map(|s| s.members.clone()))
            .unwrap_or_else(|| initial_members(self.config.initial_members));
        before.contains(&self.id)
    }

    /// Whether a configuration entry is in the log but not yet committed.
    fn change_pending(&self) -> bool {
        self.log
            .last_config()
            .is_some_and(|(index, _)| index > self.commit_index)
    }

    /// Why this leader cannot change its configuration now, if it cannot.
    fn refusal(&self) -> Option<ConfigRefusal> {
        if self.role != Role::Leader {
            return Some(ConfigRefusal::NotLeader);
        }
        if self.change_pending() || self.catch_up.is_some() {
            return Some(ConfigRefusal::ChangePending);
        }
        let own_term_committed = self.log.term_at(self.commit_index) == Some(self.current_term);
        if !own_term_committed && !self.config.has_bug(Bug::ConfigBeforeTermCommit) {
            return Some(ConfigRefusal::NoEntryOfTerm);
        }
        None
    }

    /// Turns a change of `server` away, saying why, when the request itself
    /// is wrong (`refusal`) or this leader may not change its configuration
    /// now.
    fn refuses(
        &self,
        ctx: &mut RaftCtx,
        server: NodeId,
        add: bool,
        refusal: Option<ConfigRefusal>,
    ) -> bool {
        let Some(why) = refusal.or_else(|| self.refusal()) else {
            return false;
        };
        ctx.turn_away(RaftNote::RefusesChange {
            me: self.id,
            server,
            add,
            why,
        });
        true
    }

    /// AddServer: catch `server` up as a learner, then add it.
    pub(super) fn on_add_server(&mut self, ctx: &mut RaftCtx, server: NodeId) {
        let refusal = if server.index() >= self.config.nodes {
            Some(ConfigRefusal::NoSuchServer)
        } else if self.members.contains(&server) {
            Some(ConfigRefusal::AlreadyMember)
        } else {
            None
        };
        if self.refuses(ctx, server, true, refusal) {
            return;
        }
        self.catch_up = Some(CatchUp {
            server,
            round_end: self.log.last_index(),
            round_start: ctx.local_now(),
            round: 1,
        });
        ctx.observe(RaftObs::CatchUp {
            node: self.id,
            server,
            round: 1,
            upto: self.log.last_index(),
        });
        self.send_append(ctx, server);
    }

    /// RemoveServer: append the configuration without `server`.
    pub(super) fn on_remove_server(&mut self, ctx: &mut RaftCtx, server: NodeId) {
        let refusal = if !self.members.contains(&server) {
            Some(ConfigRefusal::NotMember)
        } else if self.members.len() == 1 {
            Some(ConfigRefusal::LastMember)
        } else {
            None
        };
        if self.refuses(ctx, server, false, refusal) {
            return;
        }
        let mut members = BTreeSet::clone(&self.members);
        members.remove(&server);
        self.append_config(ctx, format!("-{server}"), members);
    }

    fn append_config(&mut self, ctx: &mut RaftCtx, change: String, members: BTreeSet<NodeId>) {
        let members: Members = Arc::new(members);
        let index = self
            .log
            .append_config(self.current_term, change.into(), members.clone());
        self.members = members;
        self.record_config(ctx);
        ctx.explain(RaftNote::AppendsConfig {
            me: self.id,
            index,
            members: self.members.iter().copied().collect(),
        });
        self.replicate_all(ctx);
    }

    /// The learner answered: a round ends once it holds the log as it
    /// stood when the round began. A round shorter than the minimum
    /// election timeout means it keeps up: add it.
    pub(super) fn learner_progress(&mut self, ctx: &mut RaftCtx, from: NodeId) {
        let Some(catch_up) = self.catch_up.filter(|c| c.server == from) else {
            return;
        };
        if self.match_index[from.index()] < catch_up.round_end {
            return;
        }
        let (min_timeout, _) = self.config.election_timeout;
        let took = ctx.local_now().saturating_sub(catch_up.round_start);
        if took < min_timeout {
            self.catch_up = None;
            let mut members = BTreeSet::clone(&self.members);
            members.insert(from);
            self.append_config(ctx, format!("+{from}"), members);
        } else if catch_up.round >= CATCH_UP_ROUNDS {
            self.catch_up = None;
            ctx.explain(RaftNote::GivesUpCatchUp {
                me: self.id,
                server: from,
                rounds: catch_up.round,
            });
        } else {
            let round = catch_up.round + 1;
            self.catch_up = Some(CatchUp {
                round_end: self.log.last_index(),
                round_start: ctx.local_now(),
                round,
                ..catch_up
            });
            ctx.observe(RaftObs::CatchUp {
                node: self.id,
                server: from,
                round,
                upto: self.log.last_index(),
            });
        }
    }

    /// A leader whose configuration no longer holds it steps down once
    /// that configuration is committed.
    pub(super) fn step_down_if_removed(&mut self, ctx: &mut RaftCtx) {
        if self.role != Role::Leader || self.is_member() || self.change_pending() {
            return;
        }
        ctx.explain(RaftNote::StepsDownRemoved { me: self.id });
        self.set_role(ctx, Role::Follower);
        self.leader_hint = None;
        ctx.cancel_timer(RaftTimer::Heartbeat);
        self.reset_election_timer(ctx);
    }
}

#[cfg(test)]
#[path = "membership_tests.rs"]
mod tests;
