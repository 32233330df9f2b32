//! Raft's safety properties (Figure 3 of the paper), checked after every
//! event, plus two that follow from Figure 2: terms never decrease, and a
//! node votes at most once per term.
//!
//! The checker keeps a shadow of what it has already verified (each node's
//! log fingerprints, terms, votes and commit points), so that after an event
//! it only looks at what changed. Log fingerprints cover whole prefixes, so
//! "are these logs identical up to index i" is one comparison.
//!
//! Snapshots (§7) replace a log's prefix, but fingerprints keep chaining
//! across them, so the shadow of a node keeps its whole log: a prefix the
//! node compacted stays as it was verified, and a prefix a node installed
//! from a leader's snapshot is what that snapshot replaced, checked against
//! what was committed. State Machine Safety thereby compares what was
//! applied, not log cells that no longer exist.

use crate::sim::Invariant;
use std::collections::{BTreeMap, BTreeSet};

use super::member::RaftMember;
use super::messages::Role;
use super::node::RaftNode;
use super::notes::RaftNote;
use crate::protocols::clients::{Monitor, LINEARIZABILITY};
use crate::sim::{CheckView, Checker, NodeId, SharedVec};

type Finding = crate::sim::Finding<RaftNote>;

pub const ELECTION_SAFETY: Invariant = Invariant {
    en: "Election Safety",
    zh: "选举安全性",
};
pub const LEADER_APPEND_ONLY: Invariant = Invariant {
    en: "Leader Append-Only",
    zh: "领导者只追加",
};
pub const LOG_MATCHING: Invariant = Invariant {
    en: "Log Matching",
    zh: "日志匹配",
};
pub const LEADER_COMPLETENESS: Invariant = Invariant {
    en: "Leader Completeness",
    zh: "领导者完整性",
};
pub const STATE_MACHINE_SAFETY: Invariant = Invariant {
    en: "State Machine Safety",
    zh: "状态机安全性",
};
pub const TERMS_MONOTONIC: Invariant = Invariant {
    en: "Terms Never Decrease",
    zh: "任期不减",
};
pub const ONE_VOTE_PER_TERM: Invariant = Invariant {
    en: "One Vote Per Term",
    zh: "每任期只投一票",
};
/// Every invariant the checker can report, by the name it reports.
pub const INVARIANTS: [Invariant; 8] = [
    ELECTION_SAFETY,
    LEADER_APPEND_ONLY,
    LOG_MATCHING,
    LEADER_COMPLETENESS,
    STATE_MACHINE_SAFETY,
    TERMS_MONOTONIC,
    ONE_VOTE_PER_TERM,
    LINEARIZABILITY,
];

/// What the checker last verified about one node.
#[derive(Clone, Debug, Default)]
struct Shadow {
    /// `(term, fingerprint)` of each log entry, index 1 first.
    log: SharedVec<(u64, u64)>,
    term: u64,
    /// The vote cast in `term`, remembered even if the node forgets it.
    vote: Option<NodeId>,
    /// The term this node led in at the last check.
    leading: Option<u64>,
    commit: u64,
}

/// An entry known to be committed, and the term of the node that first
/// learned it (so the leaders of later terms must hold it).
#[derive(Clone, Debug)]
struct Committed {
    term: u64,
    fingerprint: u64,
    in_term: u64,
    by: NodeId,
}

#[derive(Clone, Debug, Default)]
pub struct RaftChecker {
    shadows: Vec<Shadow>,
    leaders: BTreeMap<u64, NodeId>,
    /// Each term's leader's log as it was when it began to lead. A leader
    /// never loses entries while it leads, so an entry committed in an
    /// earlier term must be in this log even if that leader has stepped
    /// down or crashed by the time the commit becomes known.
    led_with: BTreeMap<u64, SharedVec<(u64, u64)>>,
    committed: SharedVec<Committed>,
    /// Facts already reported, so a broken invariant is reported once.
    reported: BTreeSet<(&'static str, u64, u64)>,
    /// What the client processes saw, checked as their operations complete.
    monitor: Monitor,
}

impl RaftChecker {
    /// What the checker remembers that decides what it will find next, for
    /// the explorer's fingerprints: each node's last checked term, vote and
    /// log, the leader of each term, and the entries known committed.
    pub(super) fn hash_memory(&self, h: &mut impl std::hash::Hasher) {
        use std::hash::Hash;
        for shadow in &self.shadows {
            (shadow.term, shadow.vote, shadow.leading, shadow.commit).hash(h);
            (shadow.log.len(), shadow.log.last()).hash(h);
        }
        self.leaders.hash(h);
        for c in self.committed.iter() {
            (c.term, c.fingerprint).hash(h);
        }
        self.reported.len().hash(h);
    }

    /// What the client processes did so far.
    pub fn client_history(&self) -> &crate::history::History {
        self.monitor.history()
    }

    fn report(&mut self, out: &mut Vec<Finding>, v: Finding, key: (u64, u64)) {
        if self.reported.insert((v.invariant.en, key.0, key.1)) {
            out.push(v);
        }
    }

    /// Checks what changed on node `id` since the last check, one
    /// invariant at a time, then remembers the node as it is now.
    fn check_node(&mut self, nodes: &[&RaftNode], id: NodeId, out: &mut Vec<Finding>) {
        let node = nodes[id.index()];
        self.check_term_and_vote(node, id, out);
        let leading = (node.role == Role::Leader).then_some(node.current_term);
        if let Some(term) = leading {
            self.check_election_safety(term, id, out);
        }
        let old_len = self.shadows[id.index()].log.len() as u64;
        self.adopt_snapshot(node, id);
        let first_changed = self.first_changed(node, id);
        self.check_leader_append_only(leading, id, first_changed, old_len, out);
        self.check_log_matching(nodes, id, first_changed, out);
        let shadow = &mut self.shadows[id.index()];
        shadow.log.truncate((first_changed - 1) as usize);
        for e in node.log.iter_from(first_changed) {
            shadow.log.push((e.term, e.fingerprint));
        }
        self.check_state_machine_safety(node, id, out);
        if let Some(term) = leading.filter(|_| self.shadows[id.index()].leading != leading) {
            self.check_new_leader_complete(term, id, out);
        }
        self.shadows[id.index()].leading = leading;
    }

    /// Terms never decrease; one vote per term.
    fn check_term_and_vote(&mut self, node: &RaftNode, id: NodeId, out: &mut Vec<Finding>) {
        let i = id.index();
        let shadow_term = self.shadows[i].term;
        if node.current_term < shadow_term {
            self.report(
                out,
                Finding::violation(
                    TERMS_MONOTONIC,
                    vec![id],
                    RaftNote::TermWentBack {
                        node: id,
                        from: shadow_term,
                        to: node.current_term,
                    },
                ),
                (i as u64, node.current_term),
            );
        }
        if node.current_term != self.shadows[i].term {
            self.shadows[i].term = node.current_term;
            self.shadows[i].vote = None;
        }
        if let Some(vote) = node.voted_for {
            match self.shadows[i].vote {
                Some(earlier) if earlier != vote => self.report(
                    out,
                    Finding::violation(
                        ONE_VOTE_PER_TERM,
                        vec![id, earlier, vote],
                        RaftNote::VotedTwice {
                            node: id,
                            first: earlier,
                            second: vote,
                            term: node.current_term,
                        },
                    ),
                    (i as u64, node.current_term),
                ),
                _ => self.shadows[i].vote = Some(vote),
            }
        }
    }

    /// Election Safety: at most one leader per term.
    fn check_election_safety(&mut self, term: u64, id: NodeId, out: &mut Vec<Finding>) {
        match self.leaders.get(&term) {
            Some(&other) if other != id => self.report(
                out,
                Finding::violation(
                    ELECTION_SAFETY,
                    vec![other, id],
                    RaftNote::TwoLeaders {
                        first: other,
                        second: id,
                        term,
                    },
                ),
                (term, 0),
            ),
            Some(_) => {}
            None => {
                self.leaders.insert(term, id);
            }
        }
    }

    /// A log that now starts after a snapshot its shadow does not end
    /// with (one installed from a leader, or taken in the event that
    /// appended its last entries): the shadow's prefix becomes what the
    /// snapshot replaced, which State Machine Safety then compares with
    /// what was committed.
    fn adopt_snapshot(&mut self, node: &RaftNode, id: NodeId) {
        let base = node.log.base();
        let Some(last) = base.index.checked_sub(1) else {
            return;
        };
        let shadow = &mut self.shadows[id.index()].log;
        if shadow.get(last as usize).map(|e| e.1) == Some(base.fingerprint) {
            return;
        }
        if let Some(snapshot) = &node.snapshot {
            *shadow = snapshot.replaced.clone();
        }
    }

    /// The first index at which the node's log differs from the log seen
    /// at the last check (one past the end when only entries were added).
    /// The shadow agrees with the snapshot's prefix by now.
    fn first_changed(&self, node: &RaftNode, id: NodeId) -> u64 {
        let log = &node.log;
        let base = log.base().index;
        let shadow = &self.shadows[id.index()].log;
        let common = (shadow.len() as u64).min(log.last_index());
        let same_upto = |k: u64| -> bool {
            k < base || shadow.get((k - 1) as usize).map(|e| e.1) == log.fingerprint_at(k)
        };
        // Fingerprints cover prefixes, so equality is monotone: binary search
        // for the longest common prefix.
        let (mut lo, mut hi) = (0, common);
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            if same_upto(mid) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        lo + 1
    }

    /// Leader Append-Only: a leader never overwrites or deletes its own
    /// entries while it leads.
    fn check_leader_append_only(
        &mut self,
        leading: Option<u64>,
        id: NodeId,
        first_changed: u64,
        old_len: u64,
        out: &mut Vec<Finding>,
    ) {
        let (Some(term), Some(before)) = (leading, self.shadows[id.index()].leading) else {
            return;
        };
        if term == before && first_changed <= old_len {
            self.report(
                out,
                Finding::violation(
                    LEADER_APPEND_ONLY,
                    vec![id],
                    RaftNote::LeaderOverwrote {
                        leader: id,
                        index: first_changed,
                        term,
                    },
                ),
                (id.index() as u64, term),
            );
        }
    }

    /// Log Matching, for the entries that are new on node `id`: two logs
    /// with an entry of the same index and term agree on it.
    fn check_log_matching(
        &mut self,
        nodes: &[&RaftNode],
        id: NodeId,
        first_changed: u64,
        out: &mut Vec<Finding>,
    ) {
        let log = &nodes[id.index()].log;
        let new_len = log.last_index();
        if first_changed > new_len {
            return;
        }
        for (j, other) in nodes.iter().enumerate() {
            if j == id.index() {
                continue;
            }
            let upto = new_len.min(other.log.last_index());
            // What a snapshot replaced is committed: State Machine Safety
            // covers it.
            let from = first_changed.max(other.log.base().index + 1);
            for k in from..=upto {
                let (Some(a), Some(b)) = (log.get(k), other.log.get(k)) else {
                    break;
                };
                if a.term == b.term && a.fingerprint != b.fingerprint {
                    let other_id = NodeId(j as u8);
                    self.report(
                        out,
                        Finding::violation(
                            LOG_MATCHING,
                            vec![id, other_id],
                            RaftNote::LogsDiverge {
                                a: id,
                                b: other_id,
                                term: a.term,
                                index: k,
                            },
                        ),
                        (k, a.term),
                    );
                    break;
                }
            }
        }
    }

    /// State Machine Safety: what this node considers committed must agree
    /// with what anyone ever considered committed. A commit learnt for the
    /// first time is also checked against the leaders of later terms.
    fn check_state_machine_safety(&mut self, node: &RaftNode, id: NodeId, out: &mut Vec<Finding>) {
        let shadow = &mut self.shadows[id.index()];
        if node.commit_index < shadow.commit {
            shadow.commit = node.commit_index;
        }
        let from = shadow.commit + 1;
        shadow.commit = node.commit_index;
        for k in from..=node.commit_index {
            let Some(&(term, fingerprint)) = self.shadows[id.index()].log.get((k - 1) as usize)
            else {
                break;
            };
            match self.committed.get((k - 1) as usize) {
                Some(c) if c.fingerprint != fingerprint => {
                    let (by, was_term) = (c.by, c.term);
                    self.report(
                        out,
                        Finding::violation(
                            STATE_MACHINE_SAFETY,
                            vec![by, id],
                            RaftNote::CommitsDiffer {
                                node: id,
                                index: k,
                                term,
                                by,
                                by_term: was_term,
                            },
                        ),
                        (k, 0),
                    );
                }
                Some(_) => {}
                None => {
                    self.committed.push(Committed {
                        term,
                        fingerprint,
                        in_term: node.current_term,
                        by: id,
                    });
                    self.check_later_leaders_held((k - 1) as usize, out);
                }
            }
        }
    }

    /// Leader Completeness, when node `id` starts leading `term`: its log
    /// must hold everything committed in earlier terms, and is kept for
    /// entries whose commit becomes known later.
    fn check_new_leader_complete(&mut self, term: u64, id: NodeId, out: &mut Vec<Finding>) {
        self.led_with
            .entry(term)
            .or_insert_with(|| self.shadows[id.index()].log.clone());
        for k in 0..self.committed.len() {
            self.check_leader_held(term, k, out);
        }
    }

    /// Every leader of a later term than the commit of entry `k` (0-based),
    /// current or past, must have held it when it began to lead.
    fn check_later_leaders_held(&mut self, k: usize, out: &mut Vec<Finding>) {
        let Some(in_term) = self.committed.get(k).map(|c| c.in_term) else {
            return;
        };
        let terms: Vec<u64> = self
            .led_with
            .range(in_term + 1..)
            .map(|(t, _)| *t)
            .collect();
        for term in terms {
            self.check_leader_held(term, k, out);
        }
    }

    fn check_leader_held(&mut self, term: u64, k: usize, out: &mut Vec<Finding>) {
        let (Some(c), Some(log), Some(&leader)) = (
            self.committed.get(k),
            self.led_with.get(&term),
            self.leaders.get(&term),
        ) else {
            return;
        };
        if term <= c.in_term || log.get(k).map(|e| e.1) == Some(c.fingerprint) {
            return;
        }
        let index = k as u64 + 1;
        let (by, entry_term, in_term) = (c.by, c.term, c.in_term);
        self.report(
            out,
            Finding::violation(
                LEADER_COMPLETENESS,
                vec![leader, by],
                RaftNote::LeaderLacksEntry {
                    leader,
                    term,
                    index,
                    entry_term,
                    by,
                    in_term,
                },
            ),
            (index, term),
        );
    }
}

impl Checker<RaftMember> for RaftChecker {
    fn check(&mut self, view: &CheckView<'_, RaftMember>) -> Vec<Finding> {
        let nodes: Vec<&RaftNode> = view.nodes.iter().map_while(RaftMember::server).collect();
        if self.shadows.len() != nodes.len() {
            self.shadows.resize(nodes.len(), Shadow::default());
        }
        let mut out = Vec::new();
        match view.touched {
            Some(id) if id.index() < nodes.len() => self.check_node(&nodes, id, &mut out),
            Some(_) => {}
            None => {
                for id in NodeId::all(nodes.len()) {
                    self.check_node(&nodes, id, &mut out);
                }
            }
        }
        for obs in view.observations() {
            if let Some(finding) = self.monitor.observe(obs, view.now(), view.nodes) {
                out.push(finding);
            }
        }
        out
    }
}

#[cfg(test)]
#[path = "checker_tests.rs"]
mod tests;
