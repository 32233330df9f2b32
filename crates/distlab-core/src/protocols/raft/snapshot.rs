//! Log compaction (§7 of the paper): a server replaces the applied prefix
//! of its log with a snapshot of its state machine, and a leader whose
//! follower needs entries it no longer holds sends the snapshot instead
//! (InstallSnapshot, Figure 13).
//!
//! A snapshot travels in one message: the offset, data and done fields
//! that split it into chunks are not modelled, since a chunk changes
//! nothing a follower decides. Its size still shows on the wire as the
//! number of keys it holds.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use super::config::Bug;
use super::log::{Base, Members};
use super::member::RaftCtx;
use super::messages::{RaftMsg, RaftObs};
use super::node::RaftNode;
use super::notes::RaftNote;
use super::reads::Sessions;
use crate::sim::{NodeId, SharedVec};

/// A state machine as it stood once the entries up to `base.index` were
/// applied: the key-value map and the clients' sessions, which together
/// are everything applying those entries produced.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Snapshot {
    pub base: Base,
    /// The configuration in effect at the snapshot's last entry.
    pub members: Members,
    pub state: BTreeMap<String, String>,
    pub sessions: Sessions,
    /// For the safety checker only, as entry fingerprints are: the term
    /// and fingerprint of every entry the snapshot replaced, so that a
    /// log compacted in the very event that appended and committed its
    /// entries can still be compared with the others.
    pub replaced: SharedVec<(u64, u64)>,
}

/// What a snapshot holds; `replaced` follows from the base's fingerprint.
impl Hash for Snapshot {
    fn hash<H: Hasher>(&self, h: &mut H) {
        (&self.base, &self.members, &self.state, &self.sessions).hash(h);
    }
}

/// The arguments of an InstallSnapshot call, as the handler reads them.
pub(super) struct InstallRequest {
    pub term: u64,
    pub snapshot: Arc<Snapshot>,
}

impl RaftNode {
    /// Takes a snapshot once `snapshot_every` applied entries follow the
    /// last one. Its write to disk delays what this handler sends.
    pub(super) fn snapshot_if_due(&mut self, ctx: &mut RaftCtx) {
        let Some(every) = self.config.snapshot_every else {
            return;
        };
        let base = self.log.base().index;
        if self.last_applied < base + every {
            return;
        }
        let members = self.members_at(self.last_applied);
        let mut replaced = self
            .snapshot
            .as_ref()
            .map(|s| s.replaced.clone())
            .unwrap_or_default();
        for entry in self.log.iter().take((self.last_applied - base) as usize) {
            replaced.push((entry.term, entry.fingerprint));
        }
        self.log.compact_through(self.last_applied);
        let base = self.log.base();
        self.snapshot = Some(Arc::new(Snapshot {
            base,
            members,
            replaced,
            state: self.state.clone(),
            sessions: self.sessions.clone(),
        }));
        ctx.observe(RaftObs::Snapshot {
            node: self.id,
            index: base.index,
            term: base.term,
        });
        ctx.explain(RaftNote::TakesSnapshot {
            me: self.id,
            index: base.index,
            term: base.term,
        });
        ctx.persist();
    }

    /// Sends `peer` the snapshot, when the entries it needs next are part
    /// of it. Returns whether it did.
    pub(super) fn send_snapshot_if_needed(&mut self, ctx: &mut RaftCtx, peer: NodeId) -> bool {
        let Some(snapshot) = self.snapshot.clone() else {
            return false;
        };
        let base = snapshot.base.index;
        if self.next_index[peer.index()] > base {
            return false;
        }
        self.in_flight[peer.index()] = Some((base, base));
        ctx.explain(RaftNote::SendsSnapshot {
            me: self.id,
            to: peer,
            index: base,
            next: self.next_index[peer.index()],
        });
        ctx.send(
            peer,
            RaftMsg::InstallSnapshot {
                term: self.current_term,
                leader: self.id,
                last_included_index: base,
                last_included_term: snapshot.base.term,
                keys: snapshot.state.len(),
                snapshot,
            },
        );
        true
    }

    /// Figure 13, receiver implementation: steps 1, 6, 7 and 8 (2 to 5
    /// assemble chunks).
    pub(super) fn on_install_snapshot(
        &mut self,
        ctx: &mut RaftCtx,
        from: NodeId,
        request: InstallRequest,
    ) {
        let InstallRequest { term, snapshot } = request;
        let base = snapshot.base;
        self.observe_term(ctx, term, from);
        // 1. Reply immediately if term < currentTerm.
        if term < self.current_term {
            ctx.explain(RaftNote::RejectsOldLeader {
                me: self.id,
                from,
                term,
                own: self.current_term,
            });
            return self.reply_snapshot(ctx, from, base.index);
        }
        self.hear_from_leader(ctx, from, term);
        let buggy = self.config.has_bug(Bug::DiscardLogOnSnapshot);
        if base.index <= self.commit_index && !buggy {
            // Not in Figure 13, but in every implementation: a snapshot of
            // what this server already committed would take its state
            // machine back in time.
            ctx.explain(RaftNote::IgnoresOldSnapshot {
                me: self.id,
                from,
                index: base.index,
                commit: self.commit_index,
            });
            return self.reply_snapshot(ctx, from, base.index);
        }
        let holds_base = self.log.term_at(base.index) == Some(base.term)
            && self.log.fingerprint_at(base.index) == Some(base.fingerprint);
        let kept = if holds_base && !buggy {
            // 6. If existing log entry has same index and term as
            //    snapshot's last included entry, retain log entries
            //    following it and reply.
            self.log.compact_through(base.index);
            self.log.last_index() - base.index
        } else {
            // 7. Discard the entire log.
            self.log.reset_to(base);
            0
        };
        // 8. Reset state machine using snapshot contents (and load
        //    snapshot's cluster configuration).
        self.state = snapshot.state.clone();
        self.sessions = snapshot.sessions.clone();
        self.commit_index = if buggy {
            base.index
        } else {
            self.commit_index.max(base.index)
        };
        self.last_applied = base.index;
        self.snapshot = Some(snapshot);
        self.adopt_config(ctx);
        ctx.observe(RaftObs::InstallSnapshot {
            node: self.id,
            from,
            index: base.index,
            term: base.term,
            kept,
        });
        ctx.explain(RaftNote::InstallsSnapshot {
            me: self.id,
            from,
            index: base.index,
            kept,
        });
        self.apply_committed(ctx);
        self.reply_snapshot(ctx, from, base.index);
    }

    fn reply_snapshot(&self, ctx: &mut RaftCtx, to: NodeId, last_included_index: u64) {
        ctx.send(
            to,
            RaftMsg::InstallSnapshotReply {
                term: self.current_term,
                last_included_index,
            },
        );
    }

    /// The leader learns that `from` holds everything up to the
    /// snapshot's last index, and goes on from there with entries.
    pub(super) fn on_snapshot_reply(
        &mut self,
        ctx: &mut RaftCtx,
        from: NodeId,
        term: u64,
        last_included_index: u64,
    ) {
        if !self.takes_reply(ctx, from, term) {
            return;
        }
        let i = from.index();
        if self.in_flight[i].is_some_and(|(prev, _)| prev == last_included_index) {
            self.in_flight[i] = None;
        }
        if last_included_index > self.match_index[i] {
            self.match_index[i] = last_included_index;
            ctx.explain(RaftNote::LearnsMatch {
                me: self.id,
                from,
                index: last_included_index,
            });
        }
        self.follow_up(ctx, from);
    }

    /// The configuration in effect at `index`: the newest configuration
    /// entry up to it, else the snapshot's, else the first.
    fn members_at(&self, index: u64) -> Members {
        let held = (self.log.base().index + 1..=index)
            .rev()
            .find_map(|i| self.log.get(i).and_then(|e| e.config.clone()));
        held.or_else(|| self.snapshot.as_ref().map(|s| s.members.clone()))
            .unwrap_or_else(|| super::membership::initial_members(self.config.initial_members))
    }

    /// After a restart, the state machine is the snapshot's, and so is
    /// what is known to be committed and applied.
    pub(super) fn restore_snapshot(&mut self) {
        let Some(snapshot) = &self.snapshot else {
            return;
        };
        self.state = snapshot.state.clone();
        self.sessions = snapshot.sessions.clone();
        self.commit_index = snapshot.base.index;
        self.last_applied = snapshot.base.index;
    }
}

#[cfg(test)]
#[path = "snapshot_tests.rs"]
mod tests;
