//! What Raft nodes say to each other, and what they report to the trace.

use std::sync::Arc;

use serde::Serialize;

use super::log::{Entry, RequestId};
use super::snapshot::Snapshot;
use super::workload::ReadMode;
use crate::protocols::clients::{Answer, ClientEvent};
use crate::sim::{Message, NodeId};

/// Raft's RPCs (Figure 2), as one-way messages: a reply is its own message.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "msg")]
pub enum RaftMsg {
    /// "Would you vote for me if I stood in `term`?" (PreVote rule). Asking
    /// changes nobody's term.
    PreVote {
        term: u64,
        candidate: NodeId,
        last_log_index: u64,
        last_log_term: u64,
    },
    PreVoteReply {
        term: u64,
        granted: bool,
    },
    RequestVote {
        term: u64,
        candidate: NodeId,
        last_log_index: u64,
        last_log_term: u64,
    },
    RequestVoteReply {
        term: u64,
        granted: bool,
    },
    AppendEntries {
        term: u64,
        leader: NodeId,
        prev_log_index: u64,
        prev_log_term: u64,
        entries: Vec<Entry>,
        leader_commit: u64,
        /// The round of heartbeats this message belongs to, when the leader
        /// counts rounds to confirm that it still leads (ReadIndex and
        /// Lease reads); 0 otherwise.
        #[serde(skip_serializing_if = "is_zero")]
        read_round: u64,
    },
    /// `match_index` is the last index known to match on success; on
    /// failure `prev_log_index` echoes the failed probe, so the leader can
    /// back off by one even if replies arrive out of order.
    AppendEntriesReply {
        term: u64,
        success: bool,
        prev_log_index: u64,
        match_index: u64,
        /// The round of the AppendEntries it answers.
        #[serde(skip_serializing_if = "is_zero")]
        read_round: u64,
    },
    /// The leader's snapshot, for a follower that needs entries the
    /// leader has compacted (Figure 13, in one piece). `keys` is the size
    /// of the state machine it carries.
    InstallSnapshot {
        term: u64,
        leader: NodeId,
        last_included_index: u64,
        last_included_term: u64,
        keys: usize,
        #[serde(skip)]
        snapshot: Arc<Snapshot>,
    },
    /// Figure 13's reply carries only the term; `last_included_index`
    /// says which snapshot it answers, as AppendEntriesReply's
    /// `match_index` does.
    InstallSnapshotReply {
        term: u64,
        last_included_index: u64,
    },
    /// A client process's operation, numbered by the client so that a
    /// retry is recognised (dissertation §6.3).
    ClientRequest {
        seq: u64,
        #[serde(flatten)]
        op: ClientOp,
    },
    /// A server's answer to a client process.
    ClientReply {
        seq: u64,
        #[serde(flatten)]
        answer: Answer,
    },
    /// A client write passed on by a follower that knows the leader.
    ClientForward {
        value: Arc<str>,
        #[serde(skip)]
        request: RequestId,
    },
}

impl Message for RaftMsg {
    fn name(&self) -> &'static str {
        match self {
            RaftMsg::PreVote { .. } => "PreVote",
            RaftMsg::PreVoteReply { .. } => "PreVoteReply",
            RaftMsg::RequestVote { .. } => "RequestVote",
            RaftMsg::RequestVoteReply { .. } => "RequestVoteReply",
            RaftMsg::AppendEntries { .. } => "AppendEntries",
            RaftMsg::AppendEntriesReply { .. } => "AppendEntriesReply",
            RaftMsg::InstallSnapshot { .. } => "InstallSnapshot",
            RaftMsg::InstallSnapshotReply { .. } => "InstallSnapshotReply",
            RaftMsg::ClientForward { .. } => "ClientForward",
            RaftMsg::ClientRequest { .. } => "ClientRequest",
            RaftMsg::ClientReply { .. } => "ClientReply",
        }
    }

    /// In symbols, so it reads the same in every language: `✓` granted
    /// or succeeded, `✗` refused or failed, `+2` entries carried, `♥` a
    /// heartbeat (no entries), `≤12` a snapshot of the entries up to 12.
    fn summary(&self) -> String {
        match self {
            RaftMsg::PreVote { term, .. } => format!("PreVote(t{term})"),
            RaftMsg::PreVoteReply { term, granted } => {
                format!("PreVoteReply(t{term}, {})", tick(*granted))
            }
            RaftMsg::RequestVote { term, .. } => format!("RequestVote(t{term})"),
            RaftMsg::RequestVoteReply { term, granted } => {
                format!("RequestVoteReply(t{term}, {})", tick(*granted))
            }
            RaftMsg::AppendEntries { term, entries, .. } if entries.is_empty() => {
                format!("AppendEntries(t{term}, ♥)")
            }
            RaftMsg::AppendEntries { term, entries, .. } => {
                format!("AppendEntries(t{term}, +{})", entries.len())
            }
            RaftMsg::AppendEntriesReply { term, success, .. } => {
                format!("AppendEntriesReply(t{term}, {})", tick(*success))
            }
            RaftMsg::InstallSnapshot {
                term,
                last_included_index,
                ..
            } => format!("InstallSnapshot(t{term}, ≤{last_included_index})"),
            RaftMsg::InstallSnapshotReply {
                term,
                last_included_index,
            } => format!("InstallSnapshotReply(t{term}, ≤{last_included_index})"),
            RaftMsg::ClientForward { value, .. } => format!("ClientForward({value})"),
            RaftMsg::ClientRequest { op, .. } => format!("ClientRequest({op})"),
            RaftMsg::ClientReply { answer, .. } => format!("ClientReply({answer})"),
        }
    }
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// What a client process asks of a Raft cluster.
pub type ClientOp = crate::protocols::clients::ClientOp<ReadMode>;

fn tick(yes: bool) -> &'static str {
    if yes {
        "✓"
    } else {
        "✗"
    }
}

/// Raft's two timers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RaftTimer {
    /// Followers and candidates: no word from a leader for too long.
    /// Leaders with CheckQuorum: time to check they still have a majority.
    Election,
    /// Leaders: time to send AppendEntries, empty or not.
    Heartbeat,
    /// Client processes: time to start the next operation.
    #[serde(rename = "next_op")]
    NextOp,
    /// Client processes: no answer in time; ask again.
    Retry,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Follower,
    /// Asking for pre-votes (PreVote rule), term unchanged.
    PreCandidate,
    Candidate,
    Leader,
}

impl Role {
    /// One letter, so that roles never rely on colour alone.
    pub fn letter(self) -> char {
        match self {
            Role::Follower => 'F',
            Role::PreCandidate => 'P',
            Role::Candidate => 'C',
            Role::Leader => 'L',
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Role::Follower => "follower",
            Role::PreCandidate => "precandidate",
            Role::Candidate => "candidate",
            Role::Leader => "leader",
        }
    }
}

/// Raft's own trace records (README, "Trace format").
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum RaftObs {
    Role {
        node: NodeId,
        term: u64,
        role: Role,
    },
    Vote {
        node: NodeId,
        term: u64,
        candidate: NodeId,
    },
    /// One record per entry, when `node` learns that it is committed.
    Commit {
        node: NodeId,
        index: u64,
        term: u64,
        value: Arc<str>,
    },
    /// `node` deleted its entries from `index` on, because they conflicted
    /// with the leader's.
    Truncate {
        node: NodeId,
        index: u64,
        removed: u64,
    },
    /// `node` replaced its log up to `index` with a snapshot.
    Snapshot {
        node: NodeId,
        index: u64,
        term: u64,
    },
    /// `node` installed `from`'s snapshot of the entries up to `index`,
    /// keeping the `kept` entries it held after it.
    #[serde(rename = "install-snapshot")]
    InstallSnapshot {
        node: NodeId,
        from: NodeId,
        index: u64,
        term: u64,
        kept: u64,
    },
    /// Leader `node` starts round `round` of bringing `server` up to date
    /// as a learner: the round ends once `server` holds the log up to
    /// `upto`. An observation, not a note, so that experiments time a
    /// catch-up from its first round to the configuration that adds it.
    #[serde(rename = "catch-up")]
    CatchUp {
        node: NodeId,
        server: NodeId,
        round: u32,
        upto: u64,
    },
    /// The configuration in effect on `node` changed to `members`: a
    /// configuration entry reached its log, or left it.
    Config {
        node: NodeId,
        members: Vec<NodeId>,
    },
    /// A client process starts an operation (README, "Client histories").
    Invoke(ClientEvent),
    /// It completed: `value` is what a read saw.
    Ok(ClientEvent),
    /// It certainly took no effect.
    Fail(ClientEvent),
    /// The client gave up without knowing: a write may still take effect.
    Info(ClientEvent),
}
