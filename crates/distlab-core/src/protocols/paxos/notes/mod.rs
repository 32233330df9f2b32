//! Why a Paxos node did what it did, and what the checker found: values
//! that `words.rs` (and the records' and findings' own files) put into
//! words when someone reads them, each sentence with its languages side by
//! side.

mod findings;
mod records;
mod words;

pub use findings::PaxosFinding;

use std::sync::Arc;

use super::goals::PaxosCondition;
use super::member::Submit;
use super::messages::{Ballot, Command, PaxosObs, PaxosTimer};
use super::workload::LogRead;
use crate::protocols::clients::{Answer, ClientNote};
use crate::sim::{Describe, Labels, NodeId};
use crate::units::Lang;

/// What an acceptor's promise reports of the commands it accepted.
#[derive(Clone, Debug, PartialEq)]
pub enum Reported {
    Nothing,
    /// One command, in the ballot it was accepted in.
    One(Ballot, Command),
    /// Several slots' commands (Multi-Paxos).
    Many(usize),
}

/// Who says a command is chosen, in a checker's finding.
#[derive(Clone, Debug, PartialEq)]
pub enum ChosenBy {
    /// A majority of acceptors accepted it in this ballot.
    Acceptors(Ballot),
    /// This learner learned it.
    Learner(NodeId),
}

/// Why a proposer starts a ballot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BallotWhy {
    /// Single-decree: a client gave it a command to propose.
    ClientValue,
    /// Single-decree: its back-off after a refused ballot is over.
    BackedOff,
    /// Multi-Paxos: no heartbeat for an election timeout, from the leader
    /// it followed, if any.
    NoHeartbeat { leader: Option<NodeId> },
    /// A person forced its timer.
    Forced,
}

/// One explanation, or one checker finding. `me` is the node that acted.
#[derive(Clone, Debug, PartialEq)]
pub enum PaxosNote {
    // The acceptor.
    RefusesPrepare {
        me: NodeId,
        ballot: Ballot,
        promised: Ballot,
    },
    Promises {
        me: NodeId,
        ballot: Ballot,
        reported: Reported,
    },
    RefusesAccept {
        me: NodeId,
        command: Command,
        ballot: Ballot,
        promised: Ballot,
    },
    Accepts {
        me: NodeId,
        command: Command,
        ballot: Ballot,
        slot: u64,
    },

    // The learner and its state machine.
    CountsAccepts {
        me: NodeId,
        count: usize,
        need: usize,
        ballot: Ballot,
        slot: u64,
    },
    Learns {
        me: NodeId,
        command: Command,
        slot: u64,
        count: usize,
        ballot: Ballot,
    },
    /// An Accepted message for a slot this learner already learned.
    AlreadyKnows {
        me: NodeId,
        slot: u64,
    },
    AsksToCatchUp {
        me: NodeId,
        leader: NodeId,
        from_slot: u64,
        /// The leader had learned every slot below this.
        learned: u64,
    },
    TellsChosen {
        me: NodeId,
        to: NodeId,
        count: usize,
        from_slot: u64,
    },
    NothingToTell {
        me: NodeId,
        to: NodeId,
        from_slot: u64,
    },
    LearnsFromPeer {
        me: NodeId,
        from: NodeId,
        count: usize,
        first: u64,
        last: u64,
    },
    SkipsRepeat {
        me: NodeId,
        slot: u64,
        command: Command,
    },
    /// The bug `IgnoreClientIds`: a command runs a second time.
    RunsRepeat {
        me: NodeId,
        slot: u64,
        command: Command,
    },

    // The proposer.
    NotProposer {
        me: NodeId,
        value: Arc<str>,
    },
    /// A client process's operation asked of a server.
    NotAClient {
        me: NodeId,
        value: Arc<str>,
    },
    // Serving client processes.
    AnswersClient {
        me: NodeId,
        client: NodeId,
        seq: u64,
        answer: Answer,
    },
    /// About a client process's request, or the clients' history.
    Client(ClientNote<LogRead>),
    StartsBallot {
        me: NodeId,
        ballot: Ballot,
        why: BallotWhy,
    },
    LeaderHasNoTimeout {
        me: NodeId,
    },
    NothingToPropose {
        me: NodeId,
    },
    /// Single-decree: a proposer that learned every slot below `slot`
    /// takes a client's command, which starts a fresh decision there.
    FreshDecision {
        me: NodeId,
        command: Command,
        slot: u64,
    },
    /// A promise or refusal for a ballot this proposer no longer runs.
    LateReply {
        me: NodeId,
        ballot: Ballot,
    },
    /// A promise after the majority phase 1 needed had arrived.
    ExtraPromise {
        me: NodeId,
        ballot: Ballot,
    },
    CountsPromises {
        me: NodeId,
        count: usize,
        need: usize,
        ballot: Ballot,
    },
    AdoptsReported {
        me: NodeId,
        command: Command,
        ballot: Ballot,
    },
    IgnoresReported {
        me: NodeId,
        command: Command,
        ballot: Ballot,
        own: Command,
    },
    ProposesOwn {
        me: NodeId,
        own: Command,
    },
    GivesUp {
        me: NodeId,
        ballot: Ballot,
        promised: Ballot,
        /// Single-decree: the random back-off it drew, in ms. None in
        /// Multi-Paxos, where it waits for the new leader instead.
        wait_ms: Option<u64>,
    },
    HeardTooLittle {
        me: NodeId,
        ballot: Ballot,
        /// As for [`PaxosNote::GivesUp`].
        wait_ms: Option<u64>,
    },

    // The Multi-Paxos leader, and those who follow it.
    Leads {
        me: NodeId,
        ballot: Ballot,
        kept: usize,
        filled: usize,
        next_slot: u64,
    },
    Places {
        me: NodeId,
        ballot: Ballot,
        command: Command,
        slot: u64,
    },
    /// The leader has this command already: in `slot`, or run (`None`).
    AlreadyPlaced {
        me: NodeId,
        command: Command,
        slot: Option<u64>,
    },
    Forwards {
        me: NodeId,
        command: Command,
        leader: NodeId,
    },
    WaitsForLeader {
        me: NodeId,
        command: Command,
    },
    HearsHeartbeat {
        me: NodeId,
        leader: NodeId,
        ballot: Ballot,
        /// A proposer also puts off trying to lead.
        proposer: bool,
        /// The first slot the leader has learned and this node lacks,
        /// if any (its Accepted messages may still be on their way).
        lacks: Option<u64>,
    },
    IgnoresOldLeader {
        me: NodeId,
        from: NodeId,
        ballot: Ballot,
        higher: Ballot,
    },
    Follows {
        me: NodeId,
        leader: NodeId,
        ballot: Ballot,
    },

    /// What the checker found.
    Found(PaxosFinding),
}

impl From<ClientNote<LogRead>> for PaxosNote {
    fn from(note: ClientNote<LogRead>) -> PaxosNote {
        PaxosNote::Client(note)
    }
}

impl Describe for PaxosNote {
    fn describe(&self, lang: Lang, labels: &Labels) -> String {
        words::note(self, lang, labels)
    }
}

impl Describe for PaxosObs {
    fn describe(&self, lang: Lang, labels: &Labels) -> String {
        records::obs(self, lang, labels)
    }
}

impl Describe for PaxosTimer {
    fn describe(&self, lang: Lang, _: &Labels) -> String {
        records::timer(*self, lang).to_owned()
    }
}

impl Describe for Submit {
    fn describe(&self, lang: Lang, _: &Labels) -> String {
        records::request(self, lang)
    }
}

/// A lesson goal in `lang`.
pub(super) fn goal(goal: &PaxosCondition, lang: Lang) -> String {
    records::goal(goal, lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ballot(round: u64, node: u8) -> Ballot {
        Ballot {
            round,
            node: NodeId(node),
        }
    }

    fn command(value: &str) -> Command {
        Command {
            id: Some(crate::protocols::paxos::CommandId {
                via: NodeId(0),
                seq: 0,
            }),
            value: value.into(),
        }
    }

    #[test]
    fn a_promise_reads_as_the_issue_writes_it_in_both_languages() {
        let note = PaxosNote::Promises {
            me: NodeId(2),
            ballot: ballot(2, 0),
            reported: Reported::One(ballot(1, 1), command("y")),
        };
        assert_eq!(
            note.english(),
            "S3 promises ballot 2.S1 and reports its accepted (1.S2, \"y\")"
        );
        let zh = note.describe(Lang::Zh, Labels::plain());
        assert!(zh.starts_with("S3 承诺提案编号 2.S1"), "{zh}");
        assert!(zh.contains("(1.S2, \"y\")"), "{zh}");
    }

    #[test]
    fn findings_name_who_says_a_value_is_chosen() {
        let note = PaxosNote::from(PaxosFinding::TwoValuesChosen {
            slot: 0,
            first: command("x"),
            first_by: ChosenBy::Acceptors(ballot(1, 0)),
            second: command("y"),
            second_by: ChosenBy::Learner(NodeId(3)),
        });
        assert_eq!(
            note.english(),
            "slot 0 has two chosen values: \"x\" (a majority of acceptors in ballot 1.S1) and \"y\" (learned by S4)"
        );
        let zh = note.describe(Lang::Zh, Labels::plain());
        assert!(zh.contains("S4"), "{zh}");
    }
}
