//! Why a Raft server did what it did, and what the checker found: values
//! that `words.rs` puts into words, in the reader's language, when someone
//! reads them; `records.rs` does the same for Raft's trace records and
//! timers.

mod reads;
mod records;
mod words;

use std::sync::Arc;

use super::member::Command;
use super::messages::{RaftObs, RaftTimer, Role};
use super::workload::ReadMode;
use crate::protocols::clients::ClientNote;
use crate::say;

use crate::sim::{Describe, Labels, NodeId};
use crate::units::Lang;
pub use reads::ReadNote;

/// Why a node starts (pre-)voting: the explanation says so, since a
/// forced timeout while a leader is heartbeating is no silence at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    TimedOut,
    /// A person or the script forced the election timeout.
    Forced,
    /// A majority granted its pre-votes.
    PreVoted,
}

/// Why a server answers a pre-vote as it does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PreVoteAnswer {
    /// Its own term (carried) is not older than the one asked about.
    TermNotOlder(u64),
    LeaderRecent,
    OwnLogNewer,
    /// It would grant.
    Grant,
}

/// Why a leader will not change its configuration now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConfigRefusal {
    NotLeader,
    /// A change is not yet committed, or a server is catching up.
    ChangePending,
    /// It has not committed an entry of its own term yet.
    NoEntryOfTerm,
    NoSuchServer,
    AlreadyMember,
    NotMember,
    /// Removing it would leave no server.
    LastMember,
}

/// One explanation, or one checker finding. `me` is the node that acted.
#[derive(Clone, Debug, PartialEq)]
pub enum RaftNote {
    /// About a server's part in a client's request or read.
    Read(ReadNote),
    /// About a client process's request, or the clients' history.
    Client(ClientNote<ReadMode>),
    AdoptsTerm {
        me: NodeId,
        term: u64,
        from: NodeId,
        /// The role it steps down from, unless it was a follower already.
        stepped_down: Option<Role>,
    },
    StartsPreVote {
        me: NodeId,
        why: Why,
        term: u64,
    },
    StartsElection {
        me: NodeId,
        why: Why,
        term: u64,
    },
    WinsPreVote {
        me: NodeId,
        votes: usize,
        nodes: usize,
    },
    BecomesLeader {
        me: NodeId,
        votes: usize,
        nodes: usize,
        term: u64,
    },
    AppendsNoop {
        me: NodeId,
        term: u64,
    },
    LeaderHasNoTimeout {
        me: NodeId,
    },
    LosesQuorum {
        me: NodeId,
        heard: usize,
        nodes: usize,
    },
    AnswersPreVote {
        me: NodeId,
        from: NodeId,
        term: u64,
        answer: PreVoteAnswer,
    },
    /// CheckQuorum: a server that heard from its leader within the minimum
    /// election timeout does not help depose it.
    IgnoresVoteLeaderRecent {
        me: NodeId,
        from: NodeId,
        term: u64,
    },
    RefusesVoteOldTerm {
        me: NodeId,
        from: NodeId,
        term: u64,
        own: u64,
    },
    RefusesVoteAlreadyVoted {
        me: NodeId,
        from: NodeId,
        term: u64,
        voted: Option<NodeId>,
    },
    RefusesVoteLog {
        me: NodeId,
        from: NodeId,
        own_last_term: u64,
        own_last_index: u64,
        last_term: u64,
        last_index: u64,
    },
    GrantsVote {
        me: NodeId,
        from: NodeId,
        term: u64,
    },
    IgnoresVoteReply {
        me: NodeId,
        from: NodeId,
        term: u64,
        pre_vote: bool,
    },
    NotesRefusal {
        me: NodeId,
        from: NodeId,
        pre_vote: bool,
    },
    CountsVotes {
        me: NodeId,
        have: usize,
        need: usize,
        pre_vote: bool,
    },
    RejectsOldLeader {
        me: NodeId,
        from: NodeId,
        term: u64,
        own: u64,
    },
    FollowsWinner {
        me: NodeId,
        from: NodeId,
        term: u64,
        was: Role,
    },
    RejectsGap {
        me: NodeId,
        from: NodeId,
        prev_index: u64,
        prev_term: u64,
    },
    Truncates {
        me: NodeId,
        index: u64,
        /// Entries deleted after the conflicting one.
        after: u64,
    },
    Appends {
        me: NodeId,
        from: NodeId,
        count: u64,
        last_index: u64,
    },
    TakesHeartbeat {
        me: NodeId,
        from: NodeId,
        term: u64,
    },
    /// A follower learns from leaderCommit that entries up to `index` are
    /// committed.
    LearnsCommit {
        me: NodeId,
        from: NodeId,
        index: u64,
    },
    IgnoresAppendReply {
        me: NodeId,
        from: NodeId,
        term: u64,
    },
    LearnsMatch {
        me: NodeId,
        from: NodeId,
        index: u64,
    },
    StillInStep {
        me: NodeId,
        from: NodeId,
        index: u64,
    },
    BacksOff {
        me: NodeId,
        from: NodeId,
        next: u64,
    },
    IgnoresStaleRefusal {
        me: NodeId,
        from: NodeId,
    },
    Commits {
        me: NodeId,
        index: u64,
        stored: usize,
        nodes: usize,
        /// The entry is of the leader's current term (else a bug counted
        /// an older one).
        current_term: bool,
    },
    DropsRepeat {
        me: NodeId,
        value: Arc<str>,
        index: u64,
    },
    AppendsWrite {
        me: NodeId,
        value: Arc<str>,
        index: u64,
        term: u64,
    },
    ForwardsWrite {
        me: NodeId,
        value: Arc<str>,
        leader: NodeId,
    },
    TurnsWriteAway {
        me: NodeId,
        value: Arc<str>,
    },
    SendsHeartbeats {
        me: NodeId,
    },
    Restarts {
        me: NodeId,
        term: u64,
        entries: u64,
        /// Where its snapshot ends; 0 without one.
        snapshot: u64,
    },
    /// A server outside its configuration lets its election timer pass.
    NotMemberStaysQuiet {
        me: NodeId,
    },
    RefusesChange {
        me: NodeId,
        server: NodeId,
        add: bool,
        why: ConfigRefusal,
    },
    GivesUpCatchUp {
        me: NodeId,
        server: NodeId,
        rounds: u32,
    },
    AppendsConfig {
        me: NodeId,
        index: u64,
        members: Vec<NodeId>,
    },
    StepsDownRemoved {
        me: NodeId,
    },
    /// A configuration change handed to a client process.
    NotAServer {
        me: NodeId,
    },
    TakesSnapshot {
        me: NodeId,
        index: u64,
        term: u64,
    },
    SendsSnapshot {
        me: NodeId,
        to: NodeId,
        index: u64,
        /// The follower's nextIndex, which the snapshot has replaced.
        next: u64,
    },
    InstallsSnapshot {
        me: NodeId,
        from: NodeId,
        index: u64,
        /// Entries after the snapshot's end that the log still holds.
        kept: u64,
    },
    IgnoresOldSnapshot {
        me: NodeId,
        from: NodeId,
        index: u64,
        commit: u64,
    },

    // What the checker found.
    TermWentBack {
        node: NodeId,
        from: u64,
        to: u64,
    },
    VotedTwice {
        node: NodeId,
        first: NodeId,
        second: NodeId,
        term: u64,
    },
    TwoLeaders {
        first: NodeId,
        second: NodeId,
        term: u64,
    },
    LeaderOverwrote {
        leader: NodeId,
        index: u64,
        term: u64,
    },
    LogsDiverge {
        a: NodeId,
        b: NodeId,
        term: u64,
        index: u64,
    },
    CommitsDiffer {
        node: NodeId,
        index: u64,
        term: u64,
        by: NodeId,
        by_term: u64,
    },
    LeaderLacksEntry {
        leader: NodeId,
        term: u64,
        index: u64,
        entry_term: u64,
        by: NodeId,
        in_term: u64,
    },
}

impl Describe for RaftNote {
    fn describe(&self, lang: Lang, labels: &Labels) -> String {
        words::note(self, lang, labels)
    }
}

impl Describe for RaftObs {
    fn describe(&self, lang: Lang, labels: &Labels) -> String {
        records::obs(self, lang, labels)
    }
}

impl Describe for RaftTimer {
    fn describe(&self, lang: Lang, _: &Labels) -> String {
        records::timer(*self, lang).to_owned()
    }
}

impl From<ClientNote<ReadMode>> for RaftNote {
    fn from(note: ClientNote<ReadMode>) -> RaftNote {
        RaftNote::Client(note)
    }
}

impl From<ReadNote> for RaftNote {
    fn from(note: ReadNote) -> RaftNote {
        RaftNote::Read(note)
    }
}

impl Describe for Command {
    fn describe(&self, lang: Lang, _: &Labels) -> String {
        match self {
            Command::Write(value) => {
                say!(lang, en: "client write {value}", zh: "客户端写入 {value}")
            }
            Command::Read(key, None) => {
                say!(lang, en: "client read of {key}", zh: "客户端读取 {key}")
            }
            Command::Read(key, Some(mode)) => say!(lang,
                en: "client read of {key} ({mode})",
                zh: "客户端读取 {key}（{mode}）",
                mode = mode.name()),
            // The RPCs' names in the dissertation (§4.1), in every language.
            Command::AddServer(id) => format!("AddServer({id})"),
            Command::RemoveServer(id) => format!("RemoveServer({id})"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_reads_in_both_languages() {
        let note = RaftNote::GrantsVote {
            me: NodeId(1),
            from: NodeId(0),
            term: 2,
        };
        assert_eq!(
            note.english(),
            "S2 grants its vote to S1 for term 2: it has not voted in this term and S1's log is at least as up to date as its own"
        );
        let zh = note.describe(Lang::Zh, Labels::plain());
        assert!(zh.starts_with("S2 把任期 2 的选票投给 S1"), "{zh}");
    }

    #[test]
    fn counts_of_one_read_in_the_singular() {
        let restart = RaftNote::Restarts {
            me: NodeId(0),
            term: 2,
            entries: 1,
            snapshot: 0,
        };
        assert_eq!(
            restart.english(),
            "S1 restarts as a follower with term 2 and 1 log entry on disk; it no longer knows what is committed"
        );
        let truncate = |after| {
            RaftNote::Truncates {
                me: NodeId(0),
                index: 2,
                after,
            }
            .english()
        };
        assert!(truncate(0).ends_with("so it deletes it"), "{}", truncate(0));
        assert!(truncate(1).ends_with("deletes it and the one after it"));
        assert!(truncate(2).ends_with("deletes it and the 2 after it"));
        let zh = RaftNote::Truncates {
            me: NodeId(0),
            index: 2,
            after: 0,
        }
        .describe(Lang::Zh, Labels::plain());
        assert!(zh.ends_with("于是删掉它"), "{zh}");
    }

    #[test]
    fn a_stepping_down_note_names_the_old_role() {
        let note = RaftNote::AdoptsTerm {
            me: NodeId(0),
            term: 3,
            from: NodeId(2),
            stepped_down: Some(Role::Leader),
        };
        assert_eq!(
            note.english(),
            "S1 sees term 3 from S3, newer than its own, so it adopts that term and steps down from leader to follower"
        );
        assert!(note
            .describe(Lang::Zh, Labels::plain())
            .contains("从领导者退为跟随者"));
    }
}
