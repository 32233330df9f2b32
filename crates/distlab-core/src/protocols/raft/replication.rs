//! Log replication (Figure 2, AppendEntries and "Leaders"): a leader sends
//! its entries, followers check that they fit, and an entry is committed
//! once a majority stores it.

use super::config::Bug;
use super::log::{Entry, RequestId};
use super::member::RaftCtx;
use super::messages::{RaftMsg, RaftObs, Role};
use super::node::{RaftNode, NOOP};
use super::notes::RaftNote;
use crate::sim::NodeId;

/// The arguments of an AppendEntries call, as the handler reads them.
pub(super) struct AppendRequest {
    pub term: u64,
    pub prev_log_index: u64,
    pub prev_log_term: u64,
    pub entries: Vec<Entry>,
    pub leader_commit: u64,
    pub read_round: u64,
}

impl RaftNode {
    pub(super) fn broadcast_append(&mut self, ctx: &mut RaftCtx) {
        for peer in self.peers() {
            self.send_append(ctx, peer);
        }
    }

    /// Sends a new entry on its way to every follower, and commits it at
    /// once if this server is a majority by itself.
    pub(super) fn replicate_all(&mut self, ctx: &mut RaftCtx) {
        for peer in self.peers() {
            self.replicate(ctx, peer);
        }
        self.advance_commit(ctx);
    }

    /// Sends `peer` the next batch unless one is already on its way: its
    /// reply will bring the next one.
    pub(super) fn replicate(&mut self, ctx: &mut RaftCtx, peer: NodeId) {
        if self.in_flight[peer.index()].is_none() {
            self.send_append(ctx, peer);
        }
    }

    pub(super) fn send_append(&mut self, ctx: &mut RaftCtx, peer: NodeId) {
        if self.send_snapshot_if_needed(ctx, peer) {
            return;
        }
        let next = self.next_index[peer.index()].clamp(1, self.log.last_index() + 1);
        let prev_log_index = next - 1;
        let prev_log_term = self.log.term_at(prev_log_index).unwrap_or(0);
        let entries = self.log.slice_from(next, self.config.max_batch);
        self.in_flight[peer.index()] =
            Some((prev_log_index, prev_log_index + entries.len() as u64));
        ctx.send(
            peer,
            RaftMsg::AppendEntries {
                term: self.current_term,
                leader: self.id,
                prev_log_index,
                prev_log_term,
                entries,
                leader_commit: self.commit_index,
                read_round: self.rounds.latest,
            },
        );
    }

    pub(super) fn on_append_entries(
        &mut self,
        ctx: &mut RaftCtx,
        from: NodeId,
        request: AppendRequest,
    ) {
        let AppendRequest {
            term,
            prev_log_index,
            prev_log_term,
            entries,
            leader_commit,
            read_round,
        } = request;
        self.observe_term(ctx, term, from);
        let reply = |ctx: &mut RaftCtx, me: &Self, success: bool, match_index: u64| {
            ctx.send(
                from,
                RaftMsg::AppendEntriesReply {
                    term: me.current_term,
                    success,
                    prev_log_index,
                    match_index,
                    read_round,
                },
            );
        };
        if term < self.current_term {
            ctx.explain(RaftNote::RejectsOldLeader {
                me: self.id,
                from,
                term,
                own: self.current_term,
            });
            return reply(ctx, self, false, 0);
        }
        self.hear_from_leader(ctx, from, term);

        // Entries up to the snapshot's end are committed, so they match the
        // leader's: only a later prevLogIndex needs checking.
        let base = self.log.base().index;
        if prev_log_index >= base && self.log.term_at(prev_log_index) != Some(prev_log_term) {
            ctx.explain(RaftNote::RejectsGap {
                me: self.id,
                from,
                prev_index: prev_log_index,
                prev_term: prev_log_term,
            });
            return reply(ctx, self, false, 0);
        }

        let count = entries.len() as u64;
        let mut appended = 0;
        let mut config_changed = false;
        for (offset, entry) in entries.into_iter().enumerate() {
            let index = prev_log_index + 1 + offset as u64;
            if index <= base {
                continue;
            }
            match self.log.term_at(index) {
                Some(t) if t == entry.term => continue,
                Some(_) => {
                    let removed = self.log.last_index() - index + 1;
                    self.log.truncate_from(index);
                    config_changed = true;
                    ctx.observe(RaftObs::Truncate {
                        node: self.id,
                        index,
                        removed,
                    });
                    ctx.explain(RaftNote::Truncates {
                        me: self.id,
                        index,
                        after: removed - 1,
                    });
                    if self.commit_index >= index {
                        // Only possible when a deliberate bug let an entry
                        // commit unsafely; the checker reports it.
                        self.commit_index = index - 1;
                        self.last_applied = self.last_applied.min(self.commit_index);
                    }
                }
                None => {}
            }
            config_changed |= entry.config.is_some();
            self.log.push(entry);
            appended += 1;
        }
        if config_changed {
            self.adopt_config(ctx);
        }
        let last_new = prev_log_index + count;
        if appended > 0 {
            ctx.explain(RaftNote::Appends {
                me: self.id,
                from,
                count: appended,
                last_index: self.log.last_index(),
            });
        } else if count == 0 {
            ctx.explain(RaftNote::TakesHeartbeat {
                me: self.id,
                from,
                term,
            });
        }
        if leader_commit > self.commit_index {
            let new_commit = leader_commit.min(last_new);
            if new_commit > self.commit_index {
                ctx.explain(RaftNote::LearnsCommit {
                    me: self.id,
                    from,
                    index: new_commit,
                });
                self.commit_index = new_commit;
                self.apply_committed(ctx);
            }
        }
        reply(ctx, self, true, last_new)
    }

    /// A current leader spoke (AppendEntries or InstallSnapshot): follow
    /// it, and wait a whole election timeout before doubting it.
    pub(super) fn hear_from_leader(&mut self, ctx: &mut RaftCtx, from: NodeId, term: u64) {
        if self.role != Role::Follower {
            ctx.explain(RaftNote::FollowsWinner {
                me: self.id,
                from,
                term,
                was: self.role,
            });
            self.set_role(ctx, Role::Follower);
            self.votes.clear();
        }
        self.leader_hint = Some(from);
        self.last_leader_contact = Some(ctx.local_now());
        self.reset_election_timer(ctx);
    }

    /// Whether this server acts on a reply `from` sent in `term`: a newer
    /// term is adopted first, and a reply to a server that no longer leads,
    /// or from another term, is ignored, saying so.
    pub(super) fn takes_reply(&mut self, ctx: &mut RaftCtx, from: NodeId, term: u64) -> bool {
        self.observe_term(ctx, term, from);
        if self.role != Role::Leader || term != self.current_term {
            ctx.explain(RaftNote::IgnoresAppendReply {
                me: self.id,
                from,
                term,
            });
            return false;
        }
        self.heard_from.insert(from);
        true
    }

    /// `from`'s matchIndex is up to date: commit what a majority holds,
    /// let a learner's catch-up go on, and send `from` what it still lacks.
    pub(super) fn follow_up(&mut self, ctx: &mut RaftCtx, from: NodeId) {
        let i = from.index();
        self.next_index[i] = self.next_index[i].max(self.match_index[i] + 1);
        self.advance_commit(ctx);
        self.learner_progress(ctx, from);
        if self.next_index[i] <= self.log.last_index() && self.role == Role::Leader {
            self.replicate(ctx, from);
        }
    }

    pub(super) fn on_append_reply(
        &mut self,
        ctx: &mut RaftCtx,
        from: NodeId,
        term: u64,
        success: bool,
        prev_log_index: u64,
        match_index: u64,
    ) {
        if !self.takes_reply(ctx, from, term) {
            return;
        }
        let i = from.index();
        // The reply to the batch on its way, or a late or duplicated one.
        let answers = match self.in_flight[i] {
            Some((_, last)) if success => match_index >= last,
            Some((prev, _)) => !success && prev_log_index == prev,
            None => false,
        };
        if answers {
            self.in_flight[i] = None;
        }
        if success {
            if match_index > self.match_index[i] {
                self.match_index[i] = match_index;
                ctx.explain(RaftNote::LearnsMatch {
                    me: self.id,
                    from,
                    index: match_index,
                });
            } else {
                ctx.explain(RaftNote::StillInStep {
                    me: self.id,
                    from,
                    index: self.match_index[i],
                });
            }
            self.follow_up(ctx, from);
        } else if prev_log_index < self.next_index[i] && prev_log_index > self.match_index[i] {
            self.next_index[i] = prev_log_index.max(1);
            ctx.explain(RaftNote::BacksOff {
                me: self.id,
                from,
                next: self.next_index[i],
            });
            self.replicate(ctx, from);
        } else {
            ctx.explain(RaftNote::IgnoresStaleRefusal { me: self.id, from });
        }
    }

    /// "If there exists an N such that N > commitIndex, a majority of
    /// matchIndex[i] ≥ N, and log[N].term == currentTerm: set commitIndex =
    /// N" (Figure 2, leaders).
    pub(super) fn advance_commit(&mut self, ctx: &mut RaftCtx) {
        self.match_index[self.id.index()] = self.log.last_index();
        let needed = if self.config.has_bug(Bug::RequireAllAcks) {
            self.members.len()
        } else {
            self.majority()
        };
        // Only the configuration's servers count, the leader among them
        // only if it is one (a leader removing itself does not).
        let mut sorted: Vec<u64> = self
            .members
            .iter()
            .map(|m| self.match_index[m.index()])
            .collect();
        sorted.sort_unstable_by(|a, b| b.cmp(a));
        let replicated = sorted.get(needed - 1).copied().unwrap_or(0);
        let mut new_commit = self.commit_index;
        for n in (self.commit_index + 1..=replicated).rev() {
            let term = self.log.term_at(n).unwrap_or(0);
            if term == self.current_term || self.config.has_bug(Bug::CommitPreviousTermByCount) {
                new_commit = n;
                break;
            }
        }
        if new_commit > self.commit_index {
            ctx.explain(RaftNote::Commits {
                me: self.id,
                index: new_commit,
                stored: self
                    .members
                    .iter()
                    .filter(|m| self.match_index[m.index()] >= new_commit)
                    .count(),
                nodes: self.members.len(),
                current_term: self.log.term_at(new_commit) == Some(self.current_term),
            });
            self.commit_index = new_commit;
            self.apply_committed(ctx);
            self.step_down_if_removed(ctx);
        }
    }

    /// Applies what is committed, then answers the reads that waited for it.
    pub(super) fn apply_committed(&mut self, ctx: &mut RaftCtx) {
        while self.last_applied < self.commit_index {
            self.last_applied += 1;
            let Some(entry) = self.log.get(self.last_applied) else {
                break;
            };
            let value = entry.value.clone();
            ctx.observe(RaftObs::Commit {
                node: self.id,
                index: self.last_applied,
                term: entry.term,
                value: value.clone(),
            });
            if let Some(RequestId::Client { client, seq }) = entry.request {
                self.apply_client_entry(ctx, client, seq, &value);
            } else if &*value != NOOP {
                let (k, v) = value.split_once('=').unwrap_or((&value, ""));
                self.state.insert(k.to_owned(), v.to_owned());
            }
        }
        self.snapshot_if_due(ctx);
        self.serve_reads(ctx);
    }
}
