//! Raft's knobs: timing, optional rules, and deliberate bugs.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::workload::ReadMode;
use crate::sim::{ms, SimTime};

/// Optional rules from Ongaro's dissertation. All off by default: the
/// default is exactly Figure 2.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Rule {
    /// Ask "would you vote for me?" before raising the term, so that a node
    /// that was cut off cannot disrupt a healthy cluster when it returns.
    PreVote,
    /// A leader steps down when it has not heard from a majority within an
    /// election timeout, instead of leading nobody forever.
    CheckQuorum,
    /// A new leader appends an empty entry of its own term, which lets it
    /// commit entries of earlier terms promptly (and safely).
    NoopOnElection,
}

/// Deliberate mistakes, each one a common misreading of the paper. The
/// safety checker or the cluster's availability shows what goes wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Bug {
    /// Commit an entry from an earlier term as soon as a majority stores it
    /// (the situation of Figure 8): a committed entry can then be overwritten.
    CommitPreviousTermByCount,
    /// Grant votes without checking that the candidate's log is at least as
    /// up to date: a leader may lack committed entries.
    SkipUpToDateCheck,
    /// Keep `votedFor` only in memory: after a restart a node can vote twice
    /// in one term, and two leaders can be elected.
    ForgetVoteOnRestart,
    /// Commit only when every node has the entry: one crashed node stops all
    /// progress.
    RequireAllAcks,
    /// Forget which client request an entry came from: a forwarded write
    /// that the network delivers twice is appended, and committed, twice
    /// (Raft §8 has clients number their commands so that leaders drop
    /// repeats).
    NoClientDedup,
    /// On InstallSnapshot, discard the whole log even when it holds the
    /// snapshot's last entry and entries after it (skipping Figure 13's
    /// step 6), and take the snapshot even when it is older than what the
    /// server has committed: a snapshot that arrives late erases entries
    /// the server had acknowledged, which a leader may have counted.
    DiscardLogOnSnapshot,
    /// Let a new leader change the configuration before it has committed
    /// an entry of its own term: the single-server change bug found in
    /// 2015, with which two configurations that share no majority can each
    /// elect a leader in one term.
    ConfigBeforeTermCommit,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RaftConfig {
    /// Every server, spares included.
    pub nodes: usize,
    /// The servers of the first configuration, S1 to S`initial_members`;
    /// the rest are spares a leader may add.
    pub initial_members: usize,
    /// Election timeouts are drawn uniformly from this range, in µs.
    pub election_timeout: (SimTime, SimTime),
    pub heartbeat: SimTime,
    /// Most entries one AppendEntries carries.
    pub max_batch: usize,
    pub rules: BTreeSet<Rule>,
    pub bugs: BTreeSet<Bug>,
    /// How the workload's clients read, if the cluster has clients: under
    /// `Lease` every heartbeat renews the leader's lease, and servers keep
    /// the promise a lease relies on (see `election.rs`).
    pub read_mode: Option<ReadMode>,
    /// How far clocks may drift apart during one lease.
    pub drift_bound: SimTime,
    /// Take a snapshot once this many applied entries follow the last one
    /// (§7, log compaction); never when `None`.
    pub snapshot_every: Option<u64>,
}

impl Default for RaftConfig {
    fn default() -> Self {
        RaftConfig {
            nodes: 5,
            initial_members: 5,
            election_timeout: (ms(150), ms(300)),
            heartbeat: ms(50),
            max_batch: 16,
            rules: BTreeSet::new(),
            bugs: BTreeSet::new(),
            read_mode: None,
            drift_bound: 0,
            snapshot_every: None,
        }
    }
}

impl RaftConfig {
    pub fn has_rule(&self, rule: Rule) -> bool {
        self.rules.contains(&rule)
    }

    pub fn has_bug(&self, bug: Bug) -> bool {
        self.bugs.contains(&bug)
    }
}
