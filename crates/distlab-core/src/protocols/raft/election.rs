//! Elections (Figure 2, "Candidates" and RequestVote; §9.6's PreVote and
//! CheckQuorum): who stands, who votes for whom, and who wins.

use std::collections::BTreeSet;

use super::config::{Bug, Rule};
use super::member::RaftCtx;
use super::messages::{RaftMsg, RaftObs, RaftTimer, Role};
use super::node::{RaftNode, NOOP};
use super::notes::{PreVoteAnswer, RaftNote, ReadNote, Why};
use super::workload::ReadMode;
use crate::sim::NodeId;

impl RaftNode {
    /// The election timeout fired, or a person or the script forced it.
    pub(super) fn election_timeout(&mut self, ctx: &mut RaftCtx, why: Why) {
        if self.role == Role::Leader {
            self.check_quorum(ctx);
            return;
        }
        if !self.may_stand() {
            ctx.explain(RaftNote::NotMemberStaysQuiet { me: self.id });
            self.reset_election_timer(ctx);
            return;
        }
        if self.config.has_rule(Rule::PreVote) {
            self.start_pre_vote(ctx, why);
        } else {
            self.start_election(ctx, why);
        }
    }

    pub(super) fn start_pre_vote(&mut self, ctx: &mut RaftCtx, why: Why) {
        self.set_role(ctx, Role::PreCandidate);
        self.leader_hint = None;
        self.votes = BTreeSet::from([self.id]);
        self.reset_election_timer(ctx);
        ctx.explain(RaftNote::StartsPreVote {
            me: self.id,
            why,
            term: self.current_term + 1,
        });
        for peer in self.voters() {
            ctx.send(
                peer,
                RaftMsg::PreVote {
                    term: self.current_term + 1,
                    candidate: self.id,
                    last_log_index: self.log.last_index(),
                    last_log_term: self.log.last_term(),
                },
            );
        }
        self.win_if_majority(ctx);
    }

    pub(super) fn start_election(&mut self, ctx: &mut RaftCtx, why: Why) {
        self.current_term += 1;
        self.voted_for = Some(self.id);
        self.leader_hint = None;
        self.votes = BTreeSet::from([self.id]);
        self.role = Role::Candidate;
        ctx.observe(RaftObs::Role {
            node: self.id,
            term: self.current_term,
            role: Role::Candidate,
        });
        ctx.observe(RaftObs::Vote {
            node: self.id,
            term: self.current_term,
            candidate: self.id,
        });
        self.reset_election_timer(ctx);
        ctx.explain(RaftNote::StartsElection {
            me: self.id,
            why,
            term: self.current_term,
        });
        for peer in self.voters() {
            ctx.send(
                peer,
                RaftMsg::RequestVote {
                    term: self.current_term,
                    candidate: self.id,
                    last_log_index: self.log.last_index(),
                    last_log_term: self.log.last_term(),
                },
            );
        }
        self.win_if_majority(ctx);
    }

    pub(super) fn win_if_majority(&mut self, ctx: &mut RaftCtx) {
        if self.votes_counted() < self.majority() {
            return;
        }
        match self.role {
            Role::PreCandidate => {
                ctx.explain(RaftNote::WinsPreVote {
                    me: self.id,
                    votes: self.votes_counted(),
                    nodes: self.members.len(),
                });
                self.start_election(ctx, Why::PreVoted);
            }
            Role::Candidate => self.become_leader(ctx),
            Role::Follower | Role::Leader => {}
        }
    }

    pub(super) fn become_leader(&mut self, ctx: &mut RaftCtx) {
        self.set_role(ctx, Role::Leader);
        self.leader_hint = Some(self.id);
        let next = self.log.last_index() + 1;
        self.next_index = vec![next; self.config.nodes];
        self.match_index = vec![0; self.config.nodes];
        self.in_flight = vec![None; self.config.nodes];
        self.heard_from.clear();
        self.catch_up = None;
        self.rounds.restart();
        ctx.explain(RaftNote::BecomesLeader {
            me: self.id,
            votes: self.votes_counted(),
            nodes: self.members.len(),
            term: self.current_term,
        });
        if self.config.has_rule(Rule::NoopOnElection) {
            self.log.append(self.current_term, NOOP.into());
            ctx.explain(RaftNote::AppendsNoop {
                me: self.id,
                term: self.current_term,
            });
        }
        self.match_index[self.id.index()] = self.log.last_index();
        ctx.set_timer(RaftTimer::Heartbeat, self.config.heartbeat);
        if self.config.has_rule(Rule::CheckQuorum) {
            let (lo, _) = self.config.election_timeout;
            ctx.set_timer(RaftTimer::Election, lo);
        } else {
            ctx.cancel_timer(RaftTimer::Election);
        }
        self.broadcast_append(ctx);
        self.advance_commit(ctx);
    }

    pub(super) fn check_quorum(&mut self, ctx: &mut RaftCtx) {
        if !self.config.has_rule(Rule::CheckQuorum) {
            ctx.explain(RaftNote::LeaderHasNoTimeout { me: self.id });
            return;
        }
        let heard = self.heard_from.intersection(&self.members).count() + 1;
        if heard < self.majority() {
            ctx.explain(RaftNote::LosesQuorum {
                me: self.id,
                heard,
                nodes: self.members.len(),
            });
            self.set_role(ctx, Role::Follower);
            self.leader_hint = None;
            ctx.cancel_timer(RaftTimer::Heartbeat);
            self.reset_election_timer(ctx);
        } else {
            self.heard_from.clear();
            let (lo, _) = self.config.election_timeout;
            ctx.set_timer(RaftTimer::Election, lo);
        }
    }

    /// Whether this server leads, or heard from a leader within the
    /// minimum election timeout on its own clock.
    fn leader_recent(&self, ctx: &RaftCtx) -> bool {
        let (min_timeout, _) = self.config.election_timeout;
        self.role == Role::Leader
            || self
                .last_leader_contact
                .is_some_and(|t| ctx.local_now() < t + min_timeout)
    }

    pub(super) fn on_pre_vote(
        &mut self,
        ctx: &mut RaftCtx,
        from: NodeId,
        term: u64,
        last_index: u64,
        last_term: u64,
    ) {
        let leader_recent = self.leader_recent(ctx);
        let up_to_date = self.log.is_behind_or_equal_to(last_index, last_term);
        let granted = term > self.current_term && up_to_date && !leader_recent;
        let answer = if term <= self.current_term {
            PreVoteAnswer::TermNotOlder(self.current_term)
        } else if leader_recent {
            PreVoteAnswer::LeaderRecent
        } else if !up_to_date {
            PreVoteAnswer::OwnLogNewer
        } else {
            PreVoteAnswer::Grant
        };
        ctx.explain(RaftNote::AnswersPreVote {
            me: self.id,
            from,
            term,
            answer,
        });
        ctx.send(
            from,
            RaftMsg::PreVoteReply {
                term: if granted { term } else { self.current_term },
                granted,
            },
        );
    }

    pub(super) fn on_request_vote(
        &mut self,
        ctx: &mut RaftCtx,
        from: NodeId,
        term: u64,
        last_index: u64,
        last_term: u64,
    ) {
        // A server that heard from a leader within the minimum election
        // timeout neither adopts a newer term nor votes (dissertation
        // §4.2.3): CheckQuorum's other half, so that a server that was cut
        // off cannot depose a leader the rest still hear, and what a
        // lease counts on (§6.4.1).
        let lease = self.config.read_mode == Some(ReadMode::Lease);
        let check_quorum = self.config.has_rule(Rule::CheckQuorum);
        if (lease || check_quorum) && term > self.current_term && self.leader_recent(ctx) {
            if lease {
                ctx.explain(ReadNote::IgnoresVoteLeaderRecent {
                    me: self.id,
                    from,
                    term,
                });
            } else {
                ctx.explain(RaftNote::IgnoresVoteLeaderRecent {
                    me: self.id,
                    from,
                    term,
                });
            }
            return ctx.send(
                from,
                RaftMsg::RequestVoteReply {
                    term: self.current_term,
                    granted: false,
                },
            );
        }
        self.observe_term(ctx, term, from);
        let up_to_date = self.config.has_bug(Bug::SkipUpToDateCheck)
            || self.log.is_behind_or_equal_to(last_index, last_term);
        let free = self.voted_for.is_none() || self.voted_for == Some(from);
        let granted = term >= self.current_term && free && up_to_date;
        if term < self.current_term {
            ctx.explain(RaftNote::RefusesVoteOldTerm {
                me: self.id,
                from,
                term,
                own: self.current_term,
            });
        } else if !free {
            ctx.explain(RaftNote::RefusesVoteAlreadyVoted {
                me: self.id,
                from,
                term,
                voted: self.voted_for,
            });
        } else if !up_to_date {
            ctx.explain(RaftNote::RefusesVoteLog {
                me: self.id,
                from,
                own_last_term: self.log.last_term(),
                own_last_index: self.log.last_index(),
                last_term,
                last_index,
            });
        } else {
            self.voted_for = Some(from);
            ctx.observe(RaftObs::Vote {
                node: self.id,
                term,
                candidate: from,
            });
            self.reset_election_timer(ctx);
            ctx.explain(RaftNote::GrantsVote {
                me: self.id,
                from,
                term,
            });
        }
        ctx.send(
            from,
            RaftMsg::RequestVoteReply {
                term: self.current_term,
                granted,
            },
        );
    }

    pub(super) fn on_vote_reply(
        &mut self,
        ctx: &mut RaftCtx,
        from: NodeId,
        term: u64,
        granted: bool,
        pre_vote: bool,
    ) {
        let expected_role = if pre_vote {
            Role::PreCandidate
        } else {
            Role::Candidate
        };
        let expected_term = if pre_vote {
            self.current_term + 1
        } else {
            self.current_term
        };
        if !pre_vote || !granted {
            self.observe_term(ctx, term, from);
        }
        if self.role != expected_role || term != expected_term {
            ctx.explain(RaftNote::IgnoresVoteReply {
                me: self.id,
                from,
                term,
                pre_vote,
            });
            return;
        }
        if !granted {
            ctx.explain(RaftNote::NotesRefusal {
                me: self.id,
                from,
                pre_vote,
            });
            return;
        }
        self.votes.insert(from);
        ctx.explain(RaftNote::CountsVotes {
            me: self.id,
            have: self.votes_counted(),
            need: self.majority(),
            pre_vote,
        });
        self.win_if_majority(ctx);
    }
}
